//! Component tests in a real headless Chromium (wasm-bindgen-test): the widget renders, and a
//! slider's `input` event updates the readouts and the other sliders.
#![cfg(target_arch = "wasm32")]

use loss_explorer::web::mount;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// One turn of the event loop: Yew renders in a microtask after an event, so by the next
/// task the DOM shows it.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("a window");
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .expect("setTimeout");
    });
    JsFuture::from(promise).await.expect("timeout resolves");
}

/// Waits until `check` holds, a turn of the event loop at a time; fails after 200 turns.
async fn until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        tick().await;
    }
    panic!("timed out waiting for {what}");
}

/// Mounts a widget into a new element of the test page through `mount()`, as a page's script
/// would, with `options` as `(name, value)` pairs.
async fn widget(options: &[(&str, &str)]) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let object = js_sys::Object::new();
    for (name, value) in options {
        js_sys::Reflect::set(&object, &(*name).into(), &(*value).into()).unwrap();
    }
    // The widgets live as long as the test page.
    std::mem::forget(mount(host.clone(), object.into(), String::new()));
    let shown = host.clone();
    until("the widget to render", || {
        shown.query_selector("output").ok().flatten().is_some()
    })
    .await;
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

/// Drags `slider` to `value` and waits until the widget's Loss readout has changed.
async fn drag(root: &Element, slider: &HtmlInputElement, value: f64) {
    let before = output(root, "Loss");
    slider.set_value_as_number(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).unwrap();
    slider.dispatch_event(&event).unwrap();
    until("the Loss readout to follow the slider", || {
        output(root, "Loss") != before
    })
    .await;
}

#[wasm_bindgen_test]
async fn renders_every_part_of_the_widget() {
    let w = widget(&[]).await;
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
    // The rest of the widget follows the words and readouts a frame later.
    let later = w.clone();
    until("the whole widget to render", || {
        later.query_selector("canvas").ok().flatten().is_some()
    })
    .await;
    // Correct word, units, gradient view, and the embed code's form.
    assert_eq!(all(&w, "input[type=radio]").len(), 5 + 2 + 2 + 2);
    let legends: Vec<String> = all(&w, "legend")
        .iter()
        .filter_map(|l| l.text_content())
        .collect();
    assert_eq!(
        legends,
        [
            "Correct word",
            "Units",
            "Gradient view",
            "Logits",
            "Sentence",
            "Model A",
            "Model B",
            "Embed parts",
            "Embed as"
        ]
    );
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
        "Edit words",
        "Copy link",
        "Download CSV",
    ] {
        assert!(buttons.iter().any(|b| b == name), "{name} in {buttons:?}");
    }
    assert!(all(&w, "[role=alert]").is_empty());
}

#[wasm_bindgen_test]
async fn panels_leave_out_the_parts_not_listed() {
    let w = widget(&[("panels", "plot")]).await;
    let later = w.clone();
    until("the plot", || {
        later.query_selector("canvas").ok().flatten().is_some()
    })
    .await;
    assert_eq!(sliders(&w).len(), 5);
    assert!(
        all(&w, "button").is_empty(),
        "no Step, no Add word, no export"
    );
    assert_eq!(all(&w, "canvas").len(), 1);
    assert!(all(&w, "input[type=text]").is_empty());
}

#[wasm_bindgen_test]
async fn a_slider_input_updates_readouts_and_other_sliders() {
    let w = widget(&[]).await;
    drag(&w, &sliders(&w)[0], 0.7).await;
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
    let a = widget(&[("words", "six,four,dot"), ("p", "0.1,0.2,0.7")]).await;
    let b = widget(&[("words", "six,four,dot"), ("p", "0.1,0.2,0.7")]).await;
    assert!(output(&a, "Loss").starts_with("2.303"));
    drag(&a, &sliders(&a)[0], 0.7).await;
    assert!(output(&a, "Loss").starts_with("0.357"));
    assert!(output(&b, "Loss").starts_with("2.303"));
}

#[wasm_bindgen_test]
async fn bad_config_shows_an_alert_and_still_works() {
    let w = widget(&[("p", "1,2"), ("lr", "-1")]).await;
    let alerts: Vec<String> = all(&w, "[role=alert]")
        .iter()
        .filter_map(|a| a.text_content())
        .collect();
    assert_eq!(alerts.len(), 2, "{alerts:?}");
    assert!(alerts[0].contains("“p”") && alerts[1].contains("“lr”"));
    drag(&w, &sliders(&w)[1], 1.0).await;
    assert_eq!(output(&w, "Loss"), "∞ nats");
}

#[wasm_bindgen_test]
async fn a_slider_the_model_clamps_goes_back_to_the_models_value() {
    let w = widget(&[]).await;
    // The locks are among the editing controls.
    let toggle: web_sys::HtmlElement = all(&w, "button")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some("Edit words"))
        .expect("the Edit words toggle")
        .dyn_into()
        .unwrap();
    toggle.click();
    until("the locks to show", || {
        w.query_selector("input[aria-label='Lock dudh']")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    // Locking dudh (0.15) leaves chai at most 0.85.
    let lock: HtmlInputElement = w
        .query_selector("input[aria-label='Lock dudh']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    lock.click();
    until("dudh to be locked", || sliders(&w)[2].disabled()).await;
    drag(&w, &sliders(&w)[0], 0.95).await;
    let chai = sliders(&w)[0].clone();
    until("chai's slider to show the clamped value", || {
        (chai.value_as_number() - 0.85).abs() < 1e-12
    })
    .await;
    assert!(
        output(&w, "Loss").starts_with("0.163"),
        "{}",
        output(&w, "Loss")
    );
}
