//! The root component: holds the model, runs the Play timer, keeps the URL in step.

use crate::components::{
    Challenges, Controls, Export, HistoryPlot, Notices, PlotView, PresetSelect, Readouts,
    SoftTargets, WordRows,
};
use crate::config::{Config, Notice};
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

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}

/// What a widget is created with.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The validated starting state.
    pub config: Rc<Config>,
    /// What was ignored while reading the config, shown as alerts.
    pub notices: Rc<Vec<Notice>>,
    /// Whether to mirror the state into the page's address (the standalone page only).
    #[prop_or_default]
    pub sync_url: bool,
}

/// One Loss Explorer widget.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let model = use_reducer({
        let config = props.config.clone();
        move || Model::new((*config).clone())
    });
    let dispatcher = model.dispatcher();
    let on_action = use_memo((), move |_| {
        Callback::from(move |a: Action| dispatcher.dispatch(a))
    });

    use_effect_with(model.playing(), {
        let dispatcher = model.dispatcher();
        move |&playing| {
            let timer = playing.then(|| {
                Interval::new(PLAY_INTERVAL_MS, move || dispatcher.dispatch(Action::Tick))
            });
            move || drop(timer)
        }
    });

    // One copy of the state per render, shared by the effects below and the children.
    let m = Rc::new((*model).clone());

    let pending_url = use_mut_ref(|| None::<Timeout>);
    use_effect_with((props.sync_url, m.clone()), move |(sync, m)| {
        if *sync {
            let m = m.clone();
            // The query is written only when the timer fires, not on every drag event.
            *pending_url.borrow_mut() = Some(Timeout::new(URL_DEBOUNCE_MS, move || {
                let query = m.to_config().to_query();
                if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                    // A failed replaceState (e.g. a sandboxed iframe) only loses the permalink.
                    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&query));
                }
            }));
        }
    });

    let root = use_node_ref();
    let mounted = use_mut_ref(|| false);
    use_effect_with(m.clone(), {
        let root = root.clone();
        move |m: &Rc<Model>| {
            // Only changes are announced, not the first render.
            if std::mem::replace(&mut *mounted.borrow_mut(), true) {
                if let Some(el) = root.cast::<web_sys::Element>() {
                    announce_change(&el, m);
                }
            }
        }
    });

    // The live region speaks once the learner pauses, not on every drag event.
    let announcement = use_state(String::new);
    let announced = use_mut_ref(|| model.probs().probs().to_vec());
    let pending_announcement = use_mut_ref(|| None::<Timeout>);
    let first_render = use_mut_ref(|| true);
    use_effect_with(m.clone(), {
        let announcement = announcement.clone();
        move |m: &Rc<Model>| {
            // Nothing to say about the state the widget starts in.
            if std::mem::replace(&mut *first_render.borrow_mut(), false) {
                return;
            }
            let m = m.clone();
            *pending_announcement.borrow_mut() = Some(Timeout::new(ANNOUNCE_AFTER_MS, move || {
                let text = format::announcement(&announced.borrow(), &m);
                *announced.borrow_mut() = m.probs().probs().to_vec();
                announcement.set(text);
            }));
        }
    });

    // A range input keeps the value the learner dragged it to even when the model refused or
    // clamped it (a lock, no room left); Yew only writes values that changed in its own tree,
    // so after each render every slider is put back where the model says it is.
    use_effect({
        let (root, m) = (root.clone(), m.clone());
        move || sync_sliders(&root, m.probs().probs())
    });

    let on_action = (*on_action).clone();
    html! {
        <div class="loss-explorer" ref={root}>
            <Notices notices={props.notices.clone()} />
            <div class="le-toolbar">
                <PresetSelect preset={m.preset()} on_action={on_action.clone()} />
            </div>
            <div class="le-layout">
                <div class="le-column">
                    <WordRows model={m.clone()} on_action={on_action.clone()} />
                </div>
                <div class="le-column">
                    <Readouts model={m.clone()} />
                    <Controls
                        playing={m.playing()}
                        units={m.units()}
                        gradient_view={m.gradient_view()}
                        learning_rate_text={m.learning_rate_text().to_string()}
                        learning_rate_error={m.learning_rate_error().map(str::to_string)}
                        on_action={on_action.clone()}
                    />
                </div>
            </div>
            <PlotView model={m.clone()} />
            <div class="le-layout le-teach">
                <HistoryPlot history={Rc::new(m.history().to_vec())} units={m.units()} />
                <SoftTargets model={m.clone()} on_action={on_action.clone()} />
            </div>
            <div class="le-layout le-teach">
                <Challenges done={Rc::new(m.challenges_done().to_vec())} />
                <Export model={m} standalone={props.sync_url} />
            </div>
            <div class="le-sr-only" aria-live="polite">{ (*announcement).clone() }</div>
            <div class="le-swatches" aria-hidden="true">
                { for ["bg", "fg", "grid", "accent", "bar", "push"].iter().map(|c| html! {
                    <span class={format!("le-swatch-{c}")}></span>
                }) }
            </div>
        </div>
    }
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
