//! Training and display controls: Step, Play/Pause, Reset, Learning rate, and units.

use crate::loss::Units;
use crate::model::Action;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props for [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Whether Play is running (the button then reads "Pause").
    pub playing: bool,
    /// The unit losses are shown in.
    pub units: Units,
    /// The text in the Learning rate box.
    pub learning_rate_text: String,
    /// Why that text was rejected, if it was.
    pub learning_rate_error: Option<String>,
    /// Where the controls send what the learner does.
    pub on_action: Callback<Action>,
}

/// The buttons, the learning rate and the unit switch.
#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let units_group = use_memo((), |_| format!("le-units-{}", next_id()));
    let error_id = use_memo((), |_| format!("le-lr-error-{}", next_id()));
    let on = |a: Action| props.on_action.reform(move |_: MouseEvent| a.clone());
    let on_lr = props.on_action.reform(|e: InputEvent| {
        Action::SetLearningRate(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    html! {
        <div class="le-controls">
            <div class="le-buttons">
                <button type="button" onclick={on(Action::Step)}>{ "Step" }</button>
                <button type="button" onclick={on(Action::TogglePlay)} aria-pressed={props.playing.to_string()}>
                    { if props.playing { "Pause" } else { "Play" } }
                </button>
                <button type="button" onclick={on(Action::Reset)}>{ "Reset" }</button>
            </div>
            <div class="le-settings">
                <label class="le-lr">
                    <span>{ "Learning rate" }</span>
                    <input
                        type="number" min="0" max="100" step="any" inputmode="decimal"
                        aria-label="Learning rate"
                        aria-invalid={props.learning_rate_error.is_some().to_string()}
                        aria-describedby={(*error_id).clone()}
                        value={props.learning_rate_text.clone()}
                        oninput={on_lr}
                    />
                </label>
                <span id={(*error_id).clone()} class="le-field-error">
                    { props.learning_rate_error.as_ref().map(|e| format!("Not used: {e}.")).unwrap_or_default() }
                </span>
                <fieldset class="le-choice le-units">
                    <legend>{ "Units" }</legend>
                    { for [Units::Nats, Units::Bits].into_iter().map(|u| html! {
                        <label class={classes!("le-chip", (u == props.units).then_some("le-chip-on"))}>
                            <input type="radio" name={(*units_group).clone()} checked={u == props.units}
                                onchange={props.on_action.reform(move |_: Event| Action::SetUnits(u))} />
                            { u.name() }
                        </label>
                    }) }
                </fieldset>
            </div>
        </div>
    }
}

fn next_id() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
