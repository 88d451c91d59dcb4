//! The sentence (part `sentence`, CONTRACT §6) and the common mistakes (part `mistakes`, §7):
//! plain functions from the model to markup.

use super::canvas::{PlotCanvas, Scene};
use super::part::View;
use super::readouts::mini;
use super::slider::{key_move, slider, KeyMove, SliderProps};
use super::teach::menu;
use crate::format::{
    base_mistake, float32_note, float32_product, logits_mistake, percent, readout,
    sentence_description, sentence_probability, short_label, MINUS_MISTAKE,
};
use crate::loss::Units;
use crate::model::{Action, Model};
use crate::plot::SentenceScene;
use crate::presets::SENTENCE_PRESETS;
use crate::sentence::Sentence;
use std::rc::Rc;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Beyond this many tokens their bars go unlabelled: the labels would overlap.
const MAX_LABELS: usize = 12;

/// The new value for a key on a token's slider now at `p`, if the slider handles that key.
fn key_value(p: f64, key: &str) -> Option<f64> {
    key_move(key).map(|k| match k {
        KeyMove::By(delta) => p + delta,
        KeyMove::To(value) => value,
    })
}

/// The "Sentence" group: a slider per token, Repeat, the five readouts and the plot; with
/// `menu`, its own preset menu (kept true by `use_preset_menu`). Holds what it shows, so
/// dragging a word that leaves the sentence alone does not render it again.
#[derive(PartialEq)]
pub struct SentencePart {
    sentence: Sentence,
    units: Units,
    /// The token that is the prediction above, if any.
    linked: Option<usize>,
    /// Whether that token's slider is fixed (the correct word cannot move).
    fixed: bool,
    preset: Option<usize>,
    menu: Option<NodeRef>,
    theme: u32,
    id: Rc<String>,
    on_action: Callback<Action>,
}

impl SentencePart {
    /// The sentence part for `m`.
    pub fn of(
        m: &Model,
        id: Rc<String>,
        menu: Option<NodeRef>,
        theme: u32,
        on_action: Callback<Action>,
    ) -> SentencePart {
        let linked = m.linked_token();
        SentencePart {
            sentence: m.sentence().clone(),
            units: m.units(),
            linked,
            fixed: linked.is_some() && !m.can_move(m.correct()),
            preset: m.sentence_preset(),
            menu,
            theme,
            id,
            on_action,
        }
    }
}

impl View for SentencePart {
    fn view(&self) -> Html {
        let SentencePart {
            sentence: s,
            units,
            linked,
            fixed,
            preset,
            menu: presets,
            theme,
            id,
            on_action,
        } = self;
        let (units, linked, theme) = (*units, *linked, *theme);
        let loss = s.loss();
        let running = s.running();
        let zero_from = running
            .iter()
            .position(|r| r.1 == 0.0 && r.0 > f64::NEG_INFINITY)
            .map(|i| i + 1);
        let impossible = loss.log_prob == f64::NEG_INFINITY;
        let token_losses: Vec<f64> = s.probs().iter().map(|&p| units.neg_log(p)).collect();
        let (repeat_text, repeat_error) = s.repeat_box();
        let scene = SentenceScene {
            labels: if s.tokens().len() <= MAX_LABELS {
                s.tokens().iter().map(|t| short_label(t)).collect()
            } else {
                Vec::new()
            },
            losses: token_losses.clone(),
            linked,
            average: loss.loss(units),
            y_caption: format!("−{} p_t ({})", units.log_symbol(), units.name()),
            running: running
                .iter()
                .map(|&(log, f)| (log / std::f64::consts::LN_10, f64::from(f).log10()))
                .collect(),
        };
        let label = sentence_description(
            units,
            &token_losses,
            loss.loss(units),
            (loss.positions, loss.log10_probability()),
            zero_from,
        );
        let names = s.slider_names();
        let rows = s.tokens().iter().enumerate().map(|(i, token)| {
            let p = s.probs()[i];
            let is_linked = linked == Some(i);
            let fixed = is_linked && *fixed;
            let on_key = {
                let on_action = on_action.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if let Some(value) = key_value(p, &e.key()) {
                        e.prevent_default();
                        on_action.emit(Action::SetTokenProb { index: i, value });
                    }
                })
            };
            html! {
                <div class={if is_linked { "le-row le-row-correct" } else { "le-row" }}>
                    <div class="le-name">
                        <span class="le-word">{ token }</span>
                        if is_linked { <span class="le-badge">{ "= the prediction above" }</span> }
                    </div>
                    { slider(SliderProps {
                        label: names[i].clone().into(),
                        value: p,
                        min: 0.0,
                max: 1.0,
                        valuetext: percent(p).into(),
                        disabled: fixed,
                        describedby: None,
                        on_input: on_action.reform(move |value| Action::SetTokenProb { index: i, value }),
                        on_key: Some(on_key),
                    }) }
                    <span class="le-percent" aria-hidden="true">{ percent(p) }</span>
                </div>
            }
        });
        let error_id = format!("{id}-repeat-error");
        html! {
            <fieldset class="le-sentence">
                <legend>{ "Sentence" }</legend>
                if let Some(node) = presets {
                    { menu("Sentence preset", SENTENCE_PRESETS.iter().map(|p| p.name), *preset,
                        node.clone(), on_action.reform(Action::LoadSentencePreset)) }
                }
                <p class="le-caption">
                    { "The probability the model gave each token when it came next." }
                    if let Some(t) = linked {
                        { format!(" “{}” is the prediction above: move either and both follow.", s.tokens()[t]) }
                    }
                </p>
                <div class="le-tokens">{ for rows }</div>
                <div class="le-settings">
                    <label class="le-lr">
                        <span>{ "Repeat" }</span>
                        <input type="number" min="1" max={s.max_repeat().to_string()} step="1" inputmode="numeric"
                            aria-label="Repeat" aria-invalid={repeat_error.is_some().to_string()}
                            aria-describedby={error_id.clone()} value={repeat_text}
                            oninput={on_action.reform(|e: InputEvent| {
                                Action::SetRepeat(e.target_unchecked_into::<HtmlInputElement>().value())
                            })} />
                    </label>
                    <span class="le-hint">{ format!("T = {} positions", loss.positions) }</span>
                    <span id={error_id} class="le-field-error">
                        { repeat_error.map(|e| format!("Not used: {e}.")).unwrap_or_default() }
                    </span>
                </div>
                <div class="le-minis le-sentence-minis">
                    { mini("Sentence loss", readout(loss.loss(units)), units.name()) }
                    { mini("Sentence perplexity", readout(loss.perplexity()), "") }
                    { mini("Log-probability", readout(loss.log_prob), "nats") }
                    { mini("Sentence probability", sentence_probability(loss.log10_probability()), "") }
                    { mini("Product in float32", float32_product(loss.product_f32), "") }
                </div>
                <p class="le-caption">{ float32_note(loss.positions, zero_from, loss.product_f32, impossible) }</p>
                <div class="le-plot">
                    <PlotCanvas scene={Scene::Sentence(Rc::new(scene))} {label} class="le-sentence-canvas"
                        {theme} />
                </div>
            </fieldset>
        }
    }
}

/// The common mistakes: each wrong number beside the right one, with why it is wrong.
pub fn mistakes(m: &Model) -> Html {
    let y = m.prediction();
    let units = m.units();
    let right_nats = y.cross_entropy(Units::Nats);
    let right = |value: f64, units: Units| format!("Right: {} {}", readout(value), units.name());
    let row = |name: &'static str, value: f64, unit: Units, right: String, why: String| {
        html! {
            <div class="le-mistake">
                { mini(name, readout(value), unit.name()) }
                <p class="le-caption"><strong>{ right }</strong>{ ". " }{ why }</p>
            </div>
        }
    };
    html! {
        <section class="le-mistakes">
            <p class="le-heading" aria-hidden="true">{ "Common mistakes" }</p>
            { row("Probabilities passed as logits", y.probabilities_as_logits(), Units::Nats,
                right(right_nats, Units::Nats), logits_mistake(m.words().len())) }
            { row("Minus sign dropped", y.minus_sign_dropped(), Units::Nats,
                right(right_nats, Units::Nats), MINUS_MISTAKE.to_string()) }
            { row("Other log base", m.prediction().loss(units.other()), units.other(),
                right(m.loss(), units), base_mistake(units).to_string()) }
        </section>
    }
}
