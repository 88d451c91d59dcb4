//! What the widget does besides rendering: the Play timer, the address, the change event,
//! the live region, and keeping range inputs where the model says they are. One hook each.

use crate::format;
use crate::model::{Action, Model};
use gloo_timers::callback::{Interval, Timeout};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Milliseconds between steps while Play runs: slow enough to watch each step.
const PLAY_INTERVAL_MS: u32 = 120;
/// The live region waits this long after the last change before it speaks.
const ANNOUNCE_AFTER_MS: u32 = 800;
/// The address is rewritten this long after the last change, not on every drag event:
/// Chromium throttles (and warns about) more than about 100 history updates in 10 s.
const URL_DEBOUNCE_MS: u32 = 250;

/// Sends `Tick` on a steady interval while Play runs.
#[hook]
pub fn use_play_timer(playing: bool, dispatcher: UseReducerDispatcher<Model>) {
    use_effect_with(playing, move |&playing| {
        let timer = playing
            .then(|| Interval::new(PLAY_INTERVAL_MS, move || dispatcher.dispatch(Action::Tick)));
        move || drop(timer)
    });
}

/// On the standalone page, writes the state into the address (debounced) so that copying
/// the address reopens it.
#[hook]
pub fn use_address_sync(sync: bool, m: Rc<Model>) {
    let pending = use_mut_ref(|| None::<Timeout>);
    use_effect_with((sync, m), move |(sync, m)| {
        if *sync {
            let m = m.clone();
            // The query is written only when the timer fires, not on every drag event.
            *pending.borrow_mut() = Some(Timeout::new(URL_DEBOUNCE_MS, move || {
                let query = m.to_config().to_query();
                if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                    // A failed replaceState (e.g. a sandboxed iframe) only loses the permalink.
                    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&query));
                }
            }));
        }
    });
}

/// Dispatches `loss-explorer:change` on the widget's root after each change (not the first
/// render).
#[hook]
pub fn use_change_event(root: NodeRef, m: Rc<Model>) {
    let mounted = use_mut_ref(|| false);
    use_effect_with(m, move |m: &Rc<Model>| {
        if std::mem::replace(&mut *mounted.borrow_mut(), true) {
            if let Some(el) = root.cast::<web_sys::Element>() {
                announce_change(&el, m);
            }
        }
    });
}

/// What the polite live region says: the loss and the words that moved, once the learner
/// pauses, not on every drag event.
#[hook]
pub fn use_live_announcement(m: Rc<Model>) -> String {
    let announcement = use_state(String::new);
    let announced = use_mut_ref(|| m.probs().probs().to_vec());
    let pending = use_mut_ref(|| None::<Timeout>);
    let first_render = use_mut_ref(|| true);
    {
        let announcement = announcement.clone();
        use_effect_with(m, move |m: &Rc<Model>| {
            // Nothing to say about the state the widget starts in.
            if std::mem::replace(&mut *first_render.borrow_mut(), false) {
                return;
            }
            let m = m.clone();
            *pending.borrow_mut() = Some(Timeout::new(ANNOUNCE_AFTER_MS, move || {
                let text = format::announcement(&announced.borrow(), &m);
                *announced.borrow_mut() = m.probs().probs().to_vec();
                announcement.set(text);
            }));
        });
    }
    (*announcement).clone()
}

/// A range input keeps the value the learner dragged it to even when the model refused or
/// clamped it (a lock, no room left); Yew only writes values that changed in its own tree,
/// so after each render every slider is put back where the model says it is.
#[hook]
pub fn use_slider_sync(root: NodeRef, m: Rc<Model>) {
    use_effect(move || sync_sliders(&root, m.probs().probs()));
}

/// Dispatches `loss-explorer:change` on the widget's root (bubbling, so the host element
/// hears it too) with `{words, p, correct, loss, perplexity, units}`.
fn announce_change(root: &web_sys::Element, m: &Model) {
    let detail = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(key), &value);
    };
    let words: js_sys::Array = m.words().iter().map(|w| JsValue::from_str(w)).collect();
    let p: js_sys::Array = m
        .probs()
        .probs()
        .iter()
        .map(|&p| JsValue::from_f64(p))
        .collect();
    set("words", words.into());
    set("p", p.into());
    set("correct", JsValue::from_str(m.correct_word()));
    set("loss", JsValue::from_f64(m.loss()));
    set("perplexity", JsValue::from_f64(m.perplexity()));
    set("units", JsValue::from_str(m.units().name()));
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("loss-explorer:change", &init)
    {
        let _ = root.dispatch_event(&event);
    }
}

fn sync_sliders(root: &NodeRef, probs: &[f64]) {
    let Some(list) = root
        .cast::<web_sys::Element>()
        .and_then(|r| r.query_selector_all(".le-rows input[type=range]").ok())
    else {
        return;
    };
    for (i, &p) in probs.iter().enumerate() {
        let input = list
            .item(i as u32)
            .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            if input.value_as_number() != p {
                input.set_value(&format::slider_value(p));
            }
        }
    }
}
