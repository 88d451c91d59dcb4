//! What the widget does besides rendering: the Play timer, the address, the change event,
//! the live region, and noticing theme changes. One hook each.

use crate::format::announcement;
use crate::lesson::Lesson;
use crate::model::{Action, Model, Reported};
use gloo_timers::callback::{Interval, Timeout};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, MutationObserver, MutationObserverInit};
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
pub fn use_play_timer(playing: bool, dispatcher: UseReducerDispatcher<Lesson>) {
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
        // Unmounting drops a pending rewrite with the hook's state.
    });
}

/// Dispatches `loss-explorer:change` on the widget's root whenever what it reports changes
/// (not on the first render, and not for changes it does not report, such as a half-typed
/// learning rate).
#[hook]
pub fn use_change_event(root: NodeRef, reported: Reported) {
    let started = use_mut_ref(|| false);
    use_effect_with(reported, move |reported: &Reported| {
        // The first run is the state the widget was created with, not a change.
        if std::mem::replace(&mut *started.borrow_mut(), true) {
            if let Some(el) = root.cast::<Element>() {
                dispatch_change(&el, reported);
            }
        }
    });
}

/// What the polite live region says: the loss and the words that moved, once the learner
/// pauses, not on every drag event.
#[hook]
pub fn use_live_announcement(m: Rc<Model>) -> String {
    let announcement = use_state(String::new);
    let announced = use_mut_ref(|| m.probs().to_vec());
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
                let text = announcement_for(&m, &announced.borrow());
                *announced.borrow_mut() = m.probs().to_vec();
                announcement.set(text);
            }));
        });
    }
    (*announcement).clone()
}

fn announcement_for(m: &Model, before: &[f64]) -> String {
    announcement(
        m.units(),
        m.loss(),
        m.perplexity(),
        &m.names(),
        before,
        m.probs(),
    )
}

/// False on the first render and true from the next animation frame on: the widget paints
/// what a reader looks at first (the words and the readouts) in the first frame and the rest
/// in the next, so the first readout is on screen sooner.
#[hook]
pub fn use_after_first_frame() -> bool {
    let later = use_state(|| false);
    {
        let later = later.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let callback = Closure::once(move || later.set(true));
            let id = window.as_ref().and_then(|w| {
                w.request_animation_frame(callback.as_ref().unchecked_ref())
                    .ok()
            });
            move || {
                if let (Some(w), Some(id)) = (window, id) {
                    let _ = w.cancel_animation_frame(id);
                }
                drop(callback);
            }
        });
    }
    *later
}

/// A number that changes whenever the page's theme may have: the reader's colour scheme
/// (a `prefers-color-scheme` media query's change event) or a `class`, `style` or
/// `data-theme` attribute on the widget or any element around it (what a site's theme
/// switcher changes). The canvases redraw when it changes.
#[hook]
pub fn use_theme_signal(root: NodeRef) -> u32 {
    let signal = use_state(|| 0u32);
    {
        let signal = signal.clone();
        use_effect_with((), move |_| {
            let count = std::cell::Cell::new(0u32);
            let on_change = Closure::<dyn FnMut()>::new(move || {
                count.set(count.get().wrapping_add(1));
                signal.set(count.get());
            });
            let callback: &js_sys::Function = on_change.as_ref().unchecked_ref();
            let query = web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
            if let Some(q) = &query {
                let _ = q.add_event_listener_with_callback("change", callback);
            }
            let observer = MutationObserver::new(callback).ok();
            if let Some(o) = &observer {
                let options = MutationObserverInit::new();
                options.set_attributes(true);
                let filter =
                    js_sys::Array::of3(&"class".into(), &"style".into(), &"data-theme".into());
                options.set_attribute_filter(&filter);
                let mut el = root.cast::<Element>();
                while let Some(e) = el {
                    let _ = o.observe_with_options(&e, &options);
                    el = e.parent_element();
                }
            }
            move || {
                if let Some(q) = query {
                    let _ = q.remove_event_listener_with_callback(
                        "change",
                        on_change.as_ref().unchecked_ref(),
                    );
                }
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(on_change);
            }
        });
    }
    *signal
}

/// Dispatches `loss-explorer:change` on the widget's root (bubbling, so the host element
/// hears it too) with `{words, p, correct, loss, perplexity, units}`.
fn dispatch_change(root: &Element, r: &Reported) {
    let detail = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(key), &value);
    };
    let words: js_sys::Array = r.words.iter().map(|w| JsValue::from_str(w)).collect();
    let p: js_sys::Array = r.p.iter().map(|&p| JsValue::from_f64(p)).collect();
    set("words", words.into());
    set("p", p.into());
    set("correct", JsValue::from_str(&r.correct));
    set("loss", JsValue::from_f64(r.loss));
    set("perplexity", JsValue::from_f64(r.perplexity));
    set("units", JsValue::from_str(r.units.name()));
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("loss-explorer:change", &init)
    {
        let _ = root.dispatch_event(&event);
    }
}
