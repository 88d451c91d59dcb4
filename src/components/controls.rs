//! Training and display controls: Step, Play/Pause, Reset, Learning rate, units, gradient view.

use super::ids::unique;
use crate::loss::Units;
use crate::model::{Action, GradientView};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props for [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Whether Play is running (the button then reads "Pause").
    pub playing: bool,
    /// The unit losses are shown in.
    pub units: Units,
    /// Which gradient the plot shows.
    pub gradient_view: GradientView,
    /// The text in the Learning rate box.
    pub learning_rate_text: String,
    /// Why that text was rejected, if it was.
    pub learning_rate_error: Option<String>,
    /// Where the controls send what the learner does.
    pub on_action: Callback<Action>,
}

/// A radio group of chips: `legend`, one option per `(value, label)`, the current `value`.
fn chips<T: Copy + PartialEq + 'static>(
    legend: &str,
    name: &str,
    options: &[(T, &str)],
    current: T,
    on_pick: &Callback<T>,
) -> Html {
    html! {
        <fieldset class="le-choice">
            <legend>{ legend }</legend>
            { for options.iter().map(|&(value, label)| html! {
                <label class={classes!("le-chip", (value == current).then_some("le-chip-on"))}>
                    <input type="radio" name={name.to_string()} checked={value == current}
                        onchange={on_pick.reform(move |_: Event| value)} />
                    { label }
                </label>
            }) }
        </fieldset>
    }
}

/// The buttons, the learning rate, the unit switch and the gradient view switch.
#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let id = use_memo((), |_| unique("le-controls"));
    let error_id = format!("{id}-lr-error");
    let on = |a: Action| props.on_action.reform(move |_: MouseEvent| a.clone());
    let on_lr = props.on_action.reform(|e: InputEvent| {
        Action::SetLearningRate(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let caption = match props.gradient_view {
        GradientView::Logits => {
            "Arrows show −(p − y): how one step on the logits pushes each word."
        }
        GradientView::Probability => {
            "The tangent shows dL/dp = −1/p: the curve's slope at the correct word."
        }
    };
    html! {
        <div class="le-controls">
            <div class="le-buttons">
                <button type="button" onclick={on(Action::Step)}>{ "Step" }</button>
                <button type="button" class="le-secondary" onclick={on(Action::TogglePlay)} aria-pressed={props.playing.to_string()}>
                    { if props.playing { "Pause" } else { "Play" } }
                </button>
                <button type="button" class="le-secondary" onclick={on(Action::Reset)}>{ "Reset" }</button>
            </div>
            <div class="le-settings">
                <label class="le-lr">
                    <span>{ "Learning rate" }</span>
                    <input
                        type="number" min="0" max="100" step="any" inputmode="decimal"
                        aria-label="Learning rate"
                        aria-invalid={props.learning_rate_error.is_some().to_string()}
                        aria-describedby={error_id.clone()}
                        value={props.learning_rate_text.clone()}
                        oninput={on_lr}
                    />
                </label>
                <span id={error_id} class="le-field-error">
                    { props.learning_rate_error.as_ref().map(|e| format!("Not used: {e}.")).unwrap_or_default() }
                </span>
            </div>
            { chips("Units", &format!("{id}-units"), &[(Units::Nats, "nats"), (Units::Bits, "bits")],
                props.units, &props.on_action.reform(Action::SetUnits)) }
            { chips("Gradient view", &format!("{id}-view"),
                &[(GradientView::Logits, GradientView::Logits.name()), (GradientView::Probability, GradientView::Probability.name())],
                props.gradient_view, &props.on_action.reform(Action::SetGradientView)) }
            <p class="le-caption">{ caption }</p>
        </div>
    }
}
