//! Component tests in a real headless Chromium (wasm-bindgen-test): the widget renders, and a
//! slider's `input` event updates the readouts and the other sliders.
#![cfg(target_arch = "wasm32")]

use loss_explorer::config::parse_query;
use loss_explorer::web::mount_config;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Yew renders on the next tick, so tests wait a little after mounting and after events.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("a window");
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .expect("setTimeout");
    });
    JsFuture::from(promise).await.expect("timeout resolves");
}

/// Mounts a widget configured by `query` into a new element of the test page.
async fn widget(query: &str) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let (config, notices) = parse_query(query);
    mount_config(host.clone(), config, notices, false);
    settle().await;
    host
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn sliders(root: &Element) -> Vec<HtmlInputElement> {
    all(root, ".le-rows input[type=range]")
        .into_iter()
        .map(|e| e.dyn_into().unwrap())
        .collect()
}

fn output(root: &Element, name: &str) -> String {
    root.query_selector(&format!("output[aria-label='{name}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no output named {name}"))
        .text_content()
        .unwrap_or_default()
}

async fn drag(slider: &HtmlInputElement, value: f64) {
    slider.set_value_as_number(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).unwrap();
    slider.dispatch_event(&event).unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn renders_every_part_of_the_widget() {
    let w = widget("").await;
    let s = sliders(&w);
    let names: Vec<String> = s
        .iter()
        .map(|s| s.get_attribute("aria-label").unwrap())
        .collect();
    assert_eq!(names, ["chai", "paani", "dudh", "coffee", "lassi"]);
    assert_eq!(
        s[0].get_attribute("aria-valuetext").as_deref(),
        Some("40.0%")
    );
    assert_eq!(s[0].step(), "any");
    assert!(output(&w, "Loss").starts_with("0.916"));
    assert!(output(&w, "Perplexity").starts_with("2.500"));
    assert_eq!(all(&w, "input[type=radio]").len(), 5 + 2 + 2);
    let legends: Vec<String> = all(&w, "legend")
        .iter()
        .filter_map(|l| l.text_content())
        .collect();
    assert_eq!(legends, ["Correct word", "Units", "Gradient view"]);
    let canvas = w
        .query_selector("canvas[role=img]")
        .unwrap()
        .expect("a canvas");
    assert!(canvas
        .get_attribute("aria-label")
        .unwrap()
        .contains("p = 0.400"));
    let buttons: Vec<String> = all(&w, "button")
        .iter()
        .filter_map(|b| b.text_content())
        .collect();
    for name in [
        "Step",
        "Play",
        "Reset",
        "Add word",
        "Copy link",
        "Download CSV",
    ] {
        assert!(buttons.iter().any(|b| b == name), "{name} in {buttons:?}");
    }
    assert!(all(&w, "[role=alert]").is_empty());
}

#[wasm_bindgen_test]
async fn a_slider_input_updates_readouts_and_other_sliders() {
    let w = widget("").await;
    drag(&sliders(&w)[0], 0.7).await;
    assert!(
        output(&w, "Loss").starts_with("0.357"),
        "{}",
        output(&w, "Loss")
    );
    let values: Vec<f64> = sliders(&w).iter().map(|s| s.value_as_number()).collect();
    let want = [0.7, 0.125, 0.075, 0.05, 0.05];
    for (v, want) in values.iter().zip(want) {
        assert!((v - want).abs() < 1e-12, "{values:?}");
    }
    let canvas = w.query_selector("canvas").unwrap().unwrap();
    assert!(canvas
        .get_attribute("aria-label")
        .unwrap()
        .contains("p = 0.700"));
}

#[wasm_bindgen_test]
async fn widgets_on_one_page_are_independent() {
    let a = widget("?words=six,four,dot&p=0.1,0.2,0.7&correct=six").await;
    let b = widget("?words=six,four,dot&p=0.1,0.2,0.7&correct=six").await;
    assert!(output(&a, "Loss").starts_with("2.303"));
    drag(&sliders(&a)[0], 0.7).await;
    assert!(output(&a, "Loss").starts_with("0.357"));
    assert!(output(&b, "Loss").starts_with("2.303"));
}

#[wasm_bindgen_test]
async fn bad_config_shows_an_alert_and_still_works() {
    let w = widget("?p=1,2&lr=-1").await;
    let alerts: Vec<String> = all(&w, "[role=alert]")
        .iter()
        .filter_map(|a| a.text_content())
        .collect();
    assert_eq!(alerts.len(), 2, "{alerts:?}");
    assert!(alerts[0].contains("“p”") && alerts[1].contains("“lr”"));
    drag(&sliders(&w)[1], 1.0).await;
    assert_eq!(output(&w, "Loss"), "∞ nats");
}
