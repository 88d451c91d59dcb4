//! What the widget does besides rendering: the Play timer, the address, the change event,
//! the live region, and noticing theme changes. One hook each.

use crate::config::Theme;
use crate::format::announcement;
use crate::lesson::Lesson;
use crate::model::{Action, Model, Reported};
use crate::theme::page_is_dark;
use gloo_events::EventListener;
use gloo_timers::callback::{Interval, Timeout};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, MutationObserver, MutationObserverInit};
use yew::prelude::*;

/// A model as an effect's dependency: the same allocation or not. Every change makes a new
/// one, and comparing two by value would cost a walk through both and the code to do it.
#[derive(Clone)]
struct Same(Rc<Model>);

impl PartialEq for Same {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

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
    use_effect_with((sync, Same(m)), move |(sync, Same(m))| {
        if *sync {
            let m = m.clone();
            // The query is written only when the timer fires, not on every drag event.
            *pending.borrow_mut() = Some(Timeout::new(URL_DEBOUNCE_MS, move || {
                // The permalink's query (settings that differ from the defaults, 6 digits).
                let query = crate::embed::query(&crate::embed::settings(&m, m.parts()));
                let Some(window) = web_sys::window() else {
                    return;
                };
                let url = if query == "?" {
                    window.location().pathname().unwrap_or_default()
                } else {
                    query
                };
                if let Ok(history) = window.history() {
                    // A failed replaceState (e.g. a sandboxed iframe) only loses the permalink.
                    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
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
pub fn use_change_event(root: Element, reported: Reported) {
    let started = use_mut_ref(|| false);
    use_effect_with(reported, move |reported: &Reported| {
        // The first run is the state the widget was created with, not a change.
        if std::mem::replace(&mut *started.borrow_mut(), true) {
            dispatch_change(&root, reported);
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
        use_effect_with(Same(m), move |Same(m)| {
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
    // An exercise's loss is the learner's to work out.
    if m.hides_loss() {
        return String::new();
    }
    announcement(
        m.units(),
        m.loss(),
        m.perplexity(),
        &m.names(),
        before,
        m.probs(),
    )
}

/// How much of the widget is built: 0 in the render that mounts it (the words and the
/// readouts), then 1 (the rest of the prediction's part) in the next frame, before that
/// frame is painted. With `one_by_one`, each further stage up to `last` comes a frame after
/// the one before, so no single task lays out the whole widget (the standalone page: a
/// phone at its speed spent one 260 ms task on it); otherwise the first frame builds it
/// all, and a page around the widget never sees it grow.
#[hook]
pub fn use_build_stage(root: Element, last: u32, one_by_one: bool) -> u32 {
    let stage = use_state(|| 0u32);
    {
        let next = stage.clone();
        use_effect_with(*stage, move |&now| {
            // The class keeps the standalone page's place until the last part is in (page.css).
            let _ = root
                .class_list()
                .toggle_with_force("le-building", now < last);
            let after = if one_by_one { now + 1 } else { last };
            // Dropped with the hook's cleanup, which cancels a frame not yet run.
            let frame = (now < last)
                .then(|| gloo_render::request_animation_frame(move |_| next.set(after)));
            move || drop(frame)
        });
    }
    *stage
}

/// The element above `e`: its parent, or the host of the shadow root it is the top of.
fn above(e: &Element) -> Option<Element> {
    e.parent_element().or_else(|| {
        e.parent_node()?
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()
            .map(|s| s.host())
    })
}

/// The elements around `root`, innermost first, across the shadow root it is mounted in.
fn ancestors(root: &Element) -> impl Iterator<Item = Element> {
    std::iter::successors(above(root), above)
}

/// Sets the theme the widget resolves to on its root (`data-le-theme`, which the stylesheet
/// reads), and returns a number that changes whenever the widget's colours may have (the
/// canvases redraw when it does).
///
/// `forced` (the `theme` option) wins; then a `data-theme` of `light` or `dark` on an element
/// around the widget; then, for a widget on someone else's page (`follow_host`), that page's
/// background (see [`crate::theme::page_is_dark`]). With none of these (the standalone page)
/// the stylesheet follows the reader's `prefers-color-scheme`. It is worked out again within a
/// frame of a change to the reader's colour scheme, of any attribute of an element around the
/// widget (sites switch themes with a class on `html`, `data-theme`, or their own attributes
/// such as MkDocs Material's `data-md-color-scheme` on `body`), of the end of a background
/// colour's transition there, and of the page's `load`.
#[hook]
pub fn use_theme(root: Element, forced: Theme, follow_host: bool) -> u32 {
    let changes = use_state(|| 0u32);
    {
        let changes = changes.clone();
        use_effect_with((), move |_| {
            // What was last seen: the theme, and the colours the canvases take (None until
            // first read). Reading a colour at mount would force a layout of the widget
            // before its first frame (the root is a size container); nothing has been drawn
            // yet, so the first read, a frame later, only takes note of the colours.
            let seen = RefCell::new(None::<(Option<Theme>, Option<String>)>);
            let count = Cell::new(0u32);
            let apply = {
                let root = root.clone();
                move || {
                    let theme = resolve_theme(&root, forced, follow_host);
                    match theme {
                        Some(t) => {
                            let _ = root.set_attribute("data-le-theme", t.name());
                        }
                        None => {
                            let _ = root.remove_attribute("data-le-theme");
                        }
                    }
                    theme
                }
            };
            *seen.borrow_mut() = Some((apply(), None));
            let resolve = {
                let root = root.clone();
                move || {
                    let now = (apply(), Some(colours(&root)));
                    let changed = match seen.replace(Some(now.clone())) {
                        Some((theme, None)) => theme != now.0,
                        before => before != Some(now),
                    };
                    if changed {
                        count.set(count.get().wrapping_add(1));
                        changes.set(count.get());
                    }
                }
            };
            let scheduler = Rc::new(crate::frame::FrameScheduler::default());
            let resolve = Rc::new(resolve);
            let again = {
                let (scheduler, resolve) = (scheduler.clone(), resolve.clone());
                move || {
                    let resolve = resolve.clone();
                    scheduler.schedule(move || resolve());
                }
            };
            again();
            let window = web_sys::window();
            let document = window.as_ref().and_then(|w| w.document());
            let mut listeners = Vec::new();
            let query = window
                .as_ref()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
            if let Some(q) = &query {
                let again = again.clone();
                listeners.push(EventListener::new(q, "change", move |_| again()));
            }
            // A widget mounted while the page's stylesheets are still loading sees their
            // colours only once they have: look again when the page has loaded.
            let loading = document
                .as_ref()
                .is_some_and(|d| d.ready_state() != "complete");
            if let (true, Some(w)) = (loading, &window) {
                let again = again.clone();
                listeners.push(EventListener::new(w, "load", move |_| again()));
            }
            // A host page that fades its background between themes has its final colour
            // only when the transition ends.
            if let (true, Some(d)) = (follow_host, &document) {
                let (again, root) = (again.clone(), root.clone());
                listeners.push(EventListener::new(d, "transitionend", move |e| {
                    let around = e
                        .target()
                        .and_then(|t| t.dyn_into::<Element>().ok())
                        .is_some_and(|t| ancestors(&root).any(|a| a == t));
                    if around {
                        again();
                    }
                }));
            }
            let on_mutation = Closure::<dyn FnMut()>::new(again);
            let observer = MutationObserver::new(on_mutation.as_ref().unchecked_ref()).ok();
            if let Some(o) = &observer {
                let options = MutationObserverInit::new();
                options.set_attributes(true);
                for e in ancestors(&root) {
                    let _ = o.observe_with_options(&e, &options);
                }
            }
            move || {
                drop(listeners);
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(on_mutation);
                drop(scheduler);
            }
        });
    }
    *changes
}

/// The colours the root resolves its custom properties to: what the canvases draw with.
fn colours(root: &Element) -> String {
    web_sys::window()
        .and_then(|w| w.get_computed_style(root).ok().flatten())
        .map(|s| {
            let get = |p| s.get_property_value(p).unwrap_or_default();
            format!("{} {}", get("background-color"), get("color"))
        })
        .unwrap_or_default()
}

/// The theme for the widget whose root is `root`; see [`use_theme`].
fn resolve_theme(root: &Element, forced: Theme, follow_host: bool) -> Option<Theme> {
    if forced != Theme::Auto {
        return Some(forced);
    }
    let set = ancestors(root).find_map(|e| match e.get_attribute("data-theme").as_deref() {
        Some("light") => Some(Theme::Light),
        Some("dark") => Some(Theme::Dark),
        _ => None,
    });
    if set.is_some() || !follow_host {
        return set;
    }
    let window = web_sys::window()?;
    let backgrounds: Vec<String> = ancestors(root)
        .filter_map(|e| window.get_computed_style(&e).ok().flatten())
        .filter_map(|s| s.get_property_value("background-color").ok())
        .collect();
    Some(if page_is_dark(backgrounds.iter().map(String::as_str)) {
        Theme::Dark
    } else {
        Theme::Light
    })
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
    // Composed, so that it leaves the shadow root: the host page hears it on its element.
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("loss-explorer:change", &init)
    {
        let _ = root.dispatch_event(&event);
    }
}
