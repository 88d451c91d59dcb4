//! The Loss and Perplexity readouts, with their formulas and the numbers plugged in.

use crate::format::{fixed3, loss_formula, perplexity_formula};
use crate::model::Model;
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

/// Two large `<output>`s (role `status`) named "Loss" and "Perplexity".
pub fn readouts(m: &Model) -> Html {
    let units = m.units();
    html! {
        <div class="le-readouts">
            <div class="le-readout">
                <span class="le-readout-label" aria-hidden="true">{ "Loss" }</span>
                <output class="le-value" aria-label="Loss">
                    { fixed3(m.loss()) }<span class="le-unit">{ format!(" {}", units.name()) }</span>
                </output>
                { formula(loss_formula(units, m.p_correct(), m.loss(), m.smoothing() > 0.0)) }
            </div>
            <div class="le-readout">
                <span class="le-readout-label" aria-hidden="true">{ "Perplexity" }</span>
                <output class="le-value" aria-label="Perplexity">{ fixed3(m.perplexity()) }</output>
                { formula(perplexity_formula(units, m.one_hot_loss(), m.perplexity())) }
            </div>
        </div>
    }
}
