//! Label smoothing: the ε slider and the readouts that show CE(y, p) = H(y) + KL(y‖p).

use crate::format::fixed3;
use crate::model::{Action, Model};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props for [`SoftTargets`].
#[derive(Properties, PartialEq)]
pub struct SoftTargetsProps {
    /// The state to show.
    pub model: Rc<Model>,
    /// Where the slider sends ε.
    pub on_action: Callback<Action>,
}

fn readout(name: &str, value: f64) -> Html {
    html! {
        <div class="le-mini">
            <span aria-hidden="true">{ name }</span>
            <output aria-label={name.to_string()}>{ fixed3(value) }</output>
        </div>
    }
}

/// The "Label smoothing" slider with the entropy, cross-entropy and KL readouts.
#[function_component]
pub fn SoftTargets(props: &SoftTargetsProps) -> Html {
    let m = &props.model;
    let eps = m.smoothing();
    let oninput = props.on_action.reform(|e: InputEvent| {
        Action::SetSmoothing(
            e.target_unchecked_into::<HtmlInputElement>()
                .value_as_number(),
        )
    });
    let (h, ce, kl) = (m.entropy(), m.loss(), m.kl());
    let unit = m.units().name();
    let note = if ce.is_infinite() && eps > 0.0 {
        "∞: a word has probability 0, but the smoothed target still gives it ε/K, and −ln 0 is infinite. Raise that word above 0."
            .to_string()
    } else if eps == 0.0 {
        "With ε = 0 the target is one-hot, H(y) = 0, and the KL divergence equals the cross-entropy.".to_string()
    } else {
        format!(
            "CE = H + KL: {} = {} + {} {unit}",
            fixed3(ce),
            fixed3(h),
            fixed3(kl)
        )
    };
    html! {
        <section class="le-soft">
            <label class="le-soft-slider">
                <span>{ format!("Label smoothing ε = {eps:.3}") }</span>
                <input type="range" min="0" max="0.5" step="any" class="le-slider"
                    aria-label="Label smoothing" aria-valuetext={format!("{eps:.3}")}
                    value={eps.to_string()} {oninput} />
            </label>
            <div class="le-minis">
                { readout("Entropy H(y)", h) }
                { readout("Cross-entropy", ce) }
                { readout("KL divergence", kl) }
            </div>
            <p class="le-caption">{ note }</p>
        </section>
    }
}
