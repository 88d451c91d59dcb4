//! The Loss and Perplexity readouts, with their formulas and the numbers plugged in; in an
//! exercise, "Your answer", Check and the verdict.

use crate::config::Part;
use crate::format::{answer_verdict, loss_formula, perplexity_formula, readout, size_class};
use crate::loss::Units;
use crate::model::{Action, Model};
use crate::quiz::Quiz;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A formula's terms, each kept on one line: a narrow screen breaks between terms, never
/// inside one.
fn formula(terms: Vec<String>) -> Html {
    html! {
        <span class="le-formula">
            { for terms.into_iter().enumerate().map(|(i, t)| html! {
                <>{ if i > 0 { " " } else { "" } }<span class="le-term">{ t }</span></>
            }) }
        </span>
    }
}

/// With part `logits`, the Loss formula goes on to the logits': `= LSE − z_c/T` (over `ln 2`
/// in bits; with label smoothing, the target's weights `y_i` take the place of `z_c`).
fn logit_terms(m: &Model, mut terms: Vec<String>) -> Vec<String> {
    if m.parts().has(Part::Logits) {
        let inner = if m.smoothing() > 0.0 {
            "LSE − Σ y_i z_i/T"
        } else {
            "LSE − z_c/T"
        };
        terms.push(match m.units() {
            Units::Nats => format!("= {inner}"),
            Units::Bits => format!("= ({inner}) / ln 2"),
        });
    }
    terms
}

/// Two large `<output>`s (role `status`) named "Loss" and "Perplexity"; in an exercise
/// they read `?` until an answer is checked.
pub fn readouts(m: &Model, id: &str, on_action: &Callback<Action>) -> Html {
    let units = m.units();
    let hidden = m.hides_loss();
    let smoothed = m.smoothing() > 0.0;
    let (loss, perplexity, loss_terms, perplexity_terms) = if hidden {
        let unknown = || "?".to_string();
        (
            unknown(),
            unknown(),
            vec!["L = ?".into()],
            vec!["PPL = ?".into()],
        )
    } else {
        (
            readout(m.loss()),
            readout(m.perplexity()),
            logit_terms(m, loss_formula(units, m.p_correct(), m.loss(), smoothed)),
            perplexity_formula(units, m.one_hot_loss(), m.perplexity()),
        )
    };
    html! {
        <div class="le-readouts">
            <div class="le-readout">
                <span class="le-readout-label" aria-hidden="true">{ "Loss" }</span>
                <output class={format!("le-value {}", size_class(&loss))} aria-label="Loss">
                    { loss }
                    if !hidden { <span class="le-unit">{ format!(" {}", units.name()) }</span> }
                </output>
                { formula(loss_terms) }
            </div>
            <div class="le-readout">
                <span class="le-readout-label" aria-hidden="true">{ "Perplexity" }</span>
                <output class={format!("le-value {}", size_class(&perplexity))} aria-label="Perplexity">{ perplexity }</output>
                { formula(perplexity_terms) }
                // The smoothed loss is not what the perplexity exponentiates: say so.
                if smoothed && !hidden {
                    <span class="le-note">{ "of the real next word, −ln p_c, not of the smoothed loss" }</span>
                }
            </div>
            { for m.quiz().map(|q| quiz(q, m.units(), id, on_action)) }
        </div>
    }
}

/// "Your answer", "Check" and the output "Answer" with the verdict.
fn quiz(q: &Quiz, units: Units, id: &str, on_action: &Callback<Action>) -> Html {
    let input_id = format!("{id}-answer");
    let check = on_action.reform(|e: SubmitEvent| {
        e.prevent_default();
        Action::CheckAnswer
    });
    html! {
        <form class="le-quiz" onsubmit={check}>
            <label for={input_id.clone()}>{ format!("Your answer ({})", units.name()) }</label>
            <input id={input_id} type="text" inputmode="decimal" autocomplete="off" size="8"
                aria-label="Your answer" value={q.answer.clone()}
                oninput={on_action.reform(|e: InputEvent| Action::SetAnswer(
                    e.target_unchecked_into::<HtmlInputElement>().value()))}
                />
            <button type="submit">{ "Check" }</button>
            <output class="le-answer" aria-label="Answer">
                { q.verdict.map(|v| answer_verdict(v, units)).unwrap_or_default() }
            </output>
        </form>
    }
}

/// A small readout: a visible name, and an `<output>` with the value and its unit.
pub(super) fn mini(name: &'static str, value: String, unit: &str) -> Html {
    html! {
        <div class="le-mini">
            <span aria-hidden="true">{ name }</span>
            <output aria-label={name} class={size_class(&value)}>
                { value }
                if !unit.is_empty() { <span class="le-unit">{ format!(" {unit}") }</span> }
            </output>
        </div>
    }
}
