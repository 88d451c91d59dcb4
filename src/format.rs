//! How numbers read on screen: readouts, percentages, formulas and the plot's description.
//!
//! Pure, so that "never NaN, never blank" is checked natively for every value.

use crate::loss::Units;
use crate::model::Model;

/// A readout value: three decimals, `∞` for infinity, and never `NaN` or `-0.000`.
pub fn fixed3(x: f64) -> String {
    if x.is_nan() {
        // Unreachable by construction (the loss module never returns NaN); shown as a dash
        // rather than "NaN" if it ever happened.
        return "—".into();
    }
    if x == f64::INFINITY {
        return "∞".into();
    }
    if x == f64::NEG_INFINITY {
        return "−∞".into();
    }
    let s = format!("{x:.3}");
    if s == "-0.000" {
        "0.000".into()
    } else {
        s.replacen('-', "−", 1)
    }
}

/// A probability as a percentage with one decimal, e.g. `40.0%`.
pub fn percent(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

/// A word shortened to fit under its bar: at most 8 characters, then `…`.
pub fn short_label(word: &str) -> String {
    if word.chars().count() <= 8 {
        word.to_string()
    } else {
        word.chars().take(7).chain(std::iter::once('…')).collect()
    }
}

/// The Loss formula with the numbers plugged in, e.g. `L = −ln(0.400) = 0.916`.
pub fn loss_formula(model: &Model) -> String {
    if model.smoothing() > 0.0 {
        return format!(
            "L = CE(y, p) = −Σ yᵢ {}(pᵢ) = {}",
            model.units().log_symbol(),
            fixed3(model.loss())
        );
    }
    format!(
        "L = −{}({}) = {}",
        model.units().log_symbol(),
        fixed3(model.p_correct()),
        fixed3(model.loss())
    )
}

/// The Perplexity formula with the numbers plugged in, e.g. `PPL = e^0.916 = 2.500`.
pub fn perplexity_formula(model: &Model) -> String {
    let loss = model.one_hot_loss();
    let base = match model.units() {
        Units::Nats => "e",
        Units::Bits => "2",
    };
    format!(
        "PPL = {base}^{} = {}",
        fixed3(loss),
        fixed3(model.perplexity())
    )
}

/// What the plot shows, for its `aria-label`.
pub fn plot_description(model: &Model) -> String {
    format!(
        "Plot of the loss −{} p against p. The correct word “{}” has p = {}, so the loss is {} {}; the slope there is {}.",
        model.units().log_symbol(),
        model.correct_word(),
        fixed3(model.p_correct()),
        fixed3(model.loss()),
        model.units().name(),
        fixed3(model.slope()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_query;
    use crate::model::Action;

    fn model(q: &str) -> Model {
        Model::new(parse_query(q).0)
    }

    #[test]
    fn readouts_are_never_blank_or_nan() {
        assert_eq!(fixed3(0.9162907318741551), "0.916");
        assert_eq!(fixed3(f64::INFINITY), "∞");
        assert_eq!(fixed3(-0.0), "0.000");
        assert_eq!(fixed3(-0.0001), "0.000");
        assert_eq!(fixed3(-2.5), "−2.500");
        assert_eq!(fixed3(f64::NAN), "—");
        assert_eq!(percent(0.4), "40.0%");
        assert_eq!(short_label("coffee"), "coffee");
        assert_eq!(short_label("extraordinary"), "extraor…");
    }

    #[test]
    fn formulas_plug_in_the_numbers() {
        let m = model("");
        assert_eq!(loss_formula(&m), "L = −ln(0.400) = 0.916");
        assert_eq!(perplexity_formula(&m), "PPL = e^0.916 = 2.500");
        let bits = m.clone().apply(Action::SetUnits(Units::Bits));
        assert_eq!(loss_formula(&bits), "L = −log₂(0.400) = 1.322");
        assert_eq!(perplexity_formula(&bits), "PPL = 2^1.322 = 2.500");
        let zero = m.apply(Action::SetProb {
            index: 0,
            value: 0.0,
        });
        assert_eq!(loss_formula(&zero), "L = −ln(0.000) = ∞");
        assert_eq!(perplexity_formula(&zero), "PPL = e^∞ = ∞");
        assert!(plot_description(&zero).contains("p = 0.000, so the loss is ∞ nats"));
    }
}
