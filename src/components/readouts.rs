//! The Loss and Perplexity readouts, with their formulas and the numbers plugged in.

use crate::format::{fixed3, loss_formula, perplexity_formula};
use crate::model::Model;
use std::rc::Rc;
use yew::prelude::*;

/// Props for [`Readouts`].
#[derive(Properties, PartialEq)]
pub struct ReadoutsProps {
    /// The state to read from.
    pub model: Rc<Model>,
}

/// Two large `<output>`s (role `status`) named "Loss" and "Perplexity".
#[function_component]
pub fn Readouts(props: &ReadoutsProps) -> Html {
    let m = &props.model;
    html! {
        <div class="le-readouts">
            <div class="le-readout">
                <span class="le-readout-label" aria-hidden="true">{ "Loss" }</span>
                <output class="le-value" aria-label="Loss">
                    { fixed3(m.loss()) }<span class="le-unit">{ format!(" {}", m.units().name()) }</span>
                </output>
                <span class="le-formula">{ loss_formula(m) }</span>
            </div>
            <div class="le-readout">
                <span class="le-readout-label" aria-hidden="true">{ "Perplexity" }</span>
                <output class="le-value" aria-label="Perplexity">{ fixed3(m.perplexity()) }</output>
                <span class="le-formula">{ perplexity_formula(m) }</span>
            </div>
        </div>
    }
}
