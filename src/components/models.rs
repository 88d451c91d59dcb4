//! Part `compare`: Model A and Model B over the widget's words, their losses, the ratio, and
//! both points on one `−log p` curve (CONTRACT §8).

use super::canvas::{PlotCanvas, Scene};
use super::part::View;
use super::readouts::mini;
use super::slider::{range_keys, slider, SliderProps};
use crate::compare::ratio;
use crate::format::{compare_description, loss_ratio, percent, readout};
use crate::geometry;
use crate::loss::Units;
use crate::model::{Action, Model};
use crate::plot::CompareScene;
use std::rc::Rc;
use yew::prelude::*;

/// What part `compare` shows.
#[derive(PartialEq)]
pub struct ComparePart {
    names: Vec<String>,
    correct: usize,
    probs: [Vec<f64>; 2],
    loss: [f64; 2],
    perplexity: [f64; 2],
    units: Units,
    curve: Rc<Vec<(f64, f64)>>,
    theme: u32,
    on_action: Callback<Action>,
}

impl ComparePart {
    /// The part for `m`, drawn on `curve` (the unit's samples).
    pub fn of(
        m: &Model,
        curve: Rc<Vec<(f64, f64)>>,
        theme: u32,
        on_action: Callback<Action>,
    ) -> ComparePart {
        let units = m.units();
        let [a, b] = [m.model(0), m.model(1)];
        ComparePart {
            names: m.names().iter().map(|w| w.to_string()).collect(),
            correct: m.correct(),
            probs: [a.probs().probs().to_vec(), b.probs().probs().to_vec()],
            loss: [a.loss(units), b.loss(units)],
            perplexity: [a.perplexity(), b.perplexity()],
            units,
            curve,
            theme,
            on_action,
        }
    }

    fn model(&self, i: usize) -> Html {
        let letter = ["A", "B"][i];
        let rows = self.probs[i].iter().enumerate().map(|(index, &p)| {
            let on_input = self.on_action.reform(move |value| Action::SetModelProb {
                model: i,
                index,
                value,
            });
            let word = &self.names[index];
            html! {
                <div class={if index == self.correct { "le-row le-row-correct" } else { "le-row" }}>
                    <span class="le-word">{ word }</span>
                    { slider(SliderProps {
                        label: format!("{letter}: {word}").into(),
                        value: p,
                        min: 0.0,
                        max: 1.0,
                        valuetext: percent(p).into(),
                        disabled: false,
                        describedby: None,
                        on_key: Some(range_keys(p, 0.0, 1.0, on_input.clone())),
                        on_input,
                    }) }
                    <span class="le-percent" aria-hidden="true">{ percent(p) }</span>
                </div>
            }
        });
        let unit = self.units.name();
        html! {
            <fieldset class="le-model">
                <legend>{ ["Model A", "Model B"][i] }</legend>
                { for rows }
                <div class="le-minis">
                    { mini(["Loss A", "Loss B"][i], readout(self.loss[i]), unit) }
                    { mini(["Perplexity A", "Perplexity B"][i], readout(self.perplexity[i]), "") }
                </div>
            </fieldset>
        }
    }
}

impl View for ComparePart {
    fn view(&self) -> Html {
        let p_c = [0, 1].map(|i| self.probs[i][self.correct]);
        let markers = [0, 1].map(|i| geometry::marker(p_c[i], self.loss[i], self.units));
        let scene = CompareScene {
            curve: self.curve.clone(),
            y_max: geometry::y_max(self.units),
            points: markers,
            gap_label: format!(
                "gap {} {}",
                readout((self.loss[0] - self.loss[1]).abs()),
                self.units.name()
            ),
            y_caption: format!("−{} p ({})", self.units.log_symbol(), self.units.name()),
        };
        html! {
            <section class="le-compare">
                <p class="le-heading">{ format!("Two models, one correct word: “{}”", self.names[self.correct]) }</p>
                <div class="le-models">{ self.model(0) }{ self.model(1) }</div>
                <p class="le-ratio">
                    <span aria-hidden="true">{ "Loss ratio " }</span>
                    <output aria-label="Loss ratio">{ loss_ratio(ratio(self.loss[0], self.loss[1])) }</output>
                </p>
                <PlotCanvas scene={Scene::Compare(Rc::new(scene))} class="le-compare-canvas"
                    label={compare_description(self.units, p_c, self.loss)} theme={self.theme} />
            </section>
        }
    }
}
