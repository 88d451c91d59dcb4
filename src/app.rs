//! The root component: holds the model, wires the side effects, lays out the components.

use crate::components::{
    Challenges, Controls, Export, HistoryPlot, Notices, PlotView, PresetSelect, Readouts,
    SoftTargets, WordRows,
};
use crate::config::{Config, Notice};
use crate::model::{Action, Model};
use crate::side_effects::{
    use_address_sync, use_change_event, use_live_announcement, use_play_timer, use_slider_sync,
};
use std::rc::Rc;
use yew::prelude::*;

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

    use_play_timer(model.playing(), model.dispatcher());
    // One copy of the state per render, shared by the hooks below and the children.
    let m = Rc::new((*model).clone());
    let root = use_node_ref();
    use_address_sync(props.sync_url, m.clone());
    use_change_event(root.clone(), m.clone());
    let announcement = use_live_announcement(m.clone());
    use_slider_sync(root.clone(), m.clone());

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
            <div class="le-sr-only" aria-live="polite">{ announcement }</div>
            <div class="le-swatches" aria-hidden="true">
                { for ["bg", "fg", "grid", "accent", "bar", "push"].iter().map(|c| html! {
                    <span class={format!("le-swatch-{c}")}></span>
                }) }
            </div>
        </div>
    }
}
