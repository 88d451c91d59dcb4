//! Part `logits`: a slider per word for its logit and a Temperature slider, linked both ways
//! with the probabilities, and the log-sum-exp (CONTRACT §9).

use super::part::View;
use super::readouts::mini;
use super::slider::{range_keys, slider, SliderProps};
use crate::format::readout;
use crate::logits::{log_sum_exp, temperature_from_slider, temperature_to_slider, LOGIT_LIMIT};
use crate::model::{Action, Model};
use crate::num::{clamp, fixed};
use yew::prelude::*;

/// What part `logits` shows.
#[derive(PartialEq)]
pub struct LogitsPart {
    names: Vec<String>,
    correct: usize,
    logits: Vec<f64>,
    temperature: f64,
    /// `ln Σ exp(z_j/T)`, or `None` while an exercise hides the loss (it would give it away).
    lse: Option<f64>,
    on_action: Callback<Action>,
}

impl LogitsPart {
    /// The part for `m`.
    pub fn of(m: &Model, on_action: Callback<Action>) -> LogitsPart {
        let (logits, temperature) = (m.logits(), m.temperature());
        LogitsPart {
            names: m.names().iter().map(|w| w.to_string()).collect(),
            correct: m.correct(),
            lse: (!m.hides_loss()).then(|| log_sum_exp(&logits, temperature)),
            logits,
            temperature,
            on_action,
        }
    }
}

impl View for LogitsPart {
    fn view(&self) -> Html {
        let rows = self.logits.iter().enumerate().map(|(index, &z)| {
            // −∞ (a word at p = 0) and anything below the range sit at the slider's end.
            let value = clamp(z, -LOGIT_LIMIT, LOGIT_LIMIT);
            let on_input = self
                .on_action
                .reform(move |value| Action::SetLogit { index, value });
            let word = &self.names[index];
            let shown = fixed(z, 2);
            html! {
                <div class={if index == self.correct { "le-row le-row-correct" } else { "le-row" }}>
                    <span class="le-word">{ word }</span>
                    { slider(SliderProps {
                        label: format!("z({word})").into(),
                        value,
                        min: -LOGIT_LIMIT,
                        max: LOGIT_LIMIT,
                        valuetext: shown.clone().into(),
                        disabled: false,
                        describedby: None,
                        on_key: Some(range_keys(value, -LOGIT_LIMIT, LOGIT_LIMIT, on_input.clone())),
                        on_input,
                    }) }
                    <span class="le-percent" aria-hidden="true">{ shown }</span>
                </div>
            }
        });
        let t = self.temperature;
        let on_t = self
            .on_action
            .reform(|x| Action::SetTemperature(temperature_from_slider(x).unwrap_or(f64::NAN)));
        let x = temperature_to_slider(t);
        let z_c = self.logits[self.correct];
        let formula = match self.lse {
            Some(lse) => format!(
                "L = LSE − z_c/T = {} − ({})/{} = {} nats",
                readout(lse),
                readout(z_c),
                fixed(t, 2),
                readout(lse - z_c / t)
            ),
            None => "L = LSE − z_c/T".into(),
        };
        html! {
            <section class="le-logits">
                <p class="le-heading">{ "Logits: p = softmax(z / T)" }</p>
                <fieldset class="le-model">
                    <legend>{ "Logits" }</legend>
                    { for rows }
                </fieldset>
                <label class="le-soft-slider">
                    <span>{ format!("Temperature T = {}", fixed(t, 2)) }</span>
                    { slider(SliderProps {
                        label: "Temperature".into(),
                        value: x,
                        min: -1.0,
                        max: 1.0,
                        valuetext: fixed(t, 2).into(),
                        disabled: false,
                        describedby: None,
                        on_key: Some(range_keys(x, -1.0, 1.0, on_t.clone())),
                        on_input: on_t,
                    }) }
                </label>
                <div class="le-minis">
                    { mini("Log-sum-exp", self.lse.map_or_else(|| "?".into(), readout), "") }
                </div>
                <p class="le-caption">
                    { formula }
                    { ". The largest logit is 0; higher T flattens p, lower T sharpens it." }
                </p>
            </section>
        }
    }
}
