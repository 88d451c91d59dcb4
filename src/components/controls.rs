//! Training controls (Step, Play/Pause, Reset, Learning rate, gradient view) and the unit switch.

use super::part::View;
use crate::config::ParamError;
use crate::loss::Units;
use crate::model::{Action, GradientView, Model};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A radio group of chips: `legend`, one option per `(value, label)`, the current `value`.
fn chips<T: Copy + PartialEq + 'static>(
    legend: &str,
    name: String,
    options: [(T, &'static str); 2],
    current: T,
    on_pick: &Callback<T>,
) -> Html {
    html! {
        <fieldset class="le-choice">
            <legend>{ legend }</legend>
            { for options.into_iter().map(|(value, label)| html! {
                <label class={if value == current { "le-chip le-chip-on" } else { "le-chip" }}>
                    <input type="radio" name={name.clone()} checked={value == current}
                        onchange={on_pick.reform(move |_: Event| value)} />
                    { label }
                </label>
            }) }
        </fieldset>
    }
}

/// The "nats" / "bits" radio group (part `units`).
pub fn units(m: &Model, id: &str, on_action: &Callback<Action>) -> Html {
    chips(
        "Units",
        format!("{id}-units"),
        [(Units::Nats, "nats"), (Units::Bits, "bits")],
        m.units(),
        &on_action.reform(Action::SetUnits),
    )
}

/// Step, Play, Reset, the learning rate and the gradient view switch (part `train`): what
/// they show, so that a drag of a slider, which changes none of it, leaves them alone.
#[derive(PartialEq)]
pub struct Training {
    playing: bool,
    view: GradientView,
    lr_text: String,
    lr_error: Option<ParamError>,
    id: Rc<String>,
    on_action: Callback<Action>,
}

impl Training {
    /// The training controls for `m`; `id` keeps this widget's element ids apart.
    pub fn of(m: &Model, id: Rc<String>, on_action: Callback<Action>) -> Training {
        let (lr_text, lr_error) = m.learning_rate_box();
        Training {
            playing: m.playing(),
            view: m.gradient_view(),
            lr_text,
            lr_error: lr_error.cloned(),
            id,
            on_action,
        }
    }
}

impl View for Training {
    fn view(&self) -> Html {
        let Training {
            playing,
            view,
            lr_text,
            lr_error,
            id,
            on_action,
        } = self;
        let error_id = format!("{id}-lr-error");
        let on = |a: Action| on_action.reform(move |_: MouseEvent| a.clone());
        let caption = match view {
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
                    <button type="button" class="le-secondary" onclick={on(Action::TogglePlay)} aria-pressed={playing.to_string()}>
                        { if *playing { "Pause" } else { "Play" } }
                    </button>
                    <button type="button" class="le-secondary" onclick={on(Action::Reset)}>{ "Reset" }</button>
                </div>
                <div class="le-settings">
                    <label class="le-lr">
                        <span>{ "Learning rate" }</span>
                        <input
                            type="number" min="0" max="100" step="any" inputmode="decimal"
                            aria-label="Learning rate"
                            aria-invalid={lr_error.is_some().to_string()}
                            aria-describedby={error_id.clone()}
                            value={lr_text.clone()}
                            oninput={on_action.reform(|e: InputEvent| {
                                Action::SetLearningRate(e.target_unchecked_into::<HtmlInputElement>().value())
                            })}
                        />
                    </label>
                    <span id={error_id} class="le-field-error">
                        { lr_error.as_ref().map(|e| format!("Not used: {e}.")).unwrap_or_default() }
                    </span>
                </div>
                { chips("Gradient view", format!("{id}-view"),
                    [(GradientView::Logits, GradientView::Logits.name()), (GradientView::Probability, GradientView::Probability.name())],
                    *view, &on_action.reform(Action::SetGradientView)) }
                <p class="le-caption">{ caption }</p>
            </div>
        }
    }
}
