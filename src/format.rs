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

/// A number as a range input's `value`: exact (it reads back as the same `f64`), in
/// exponent form below 1e-6, because Chromium reads a long run of decimal zeros as 0.
pub fn slider_value(x: f64) -> String {
    if x != 0.0 && x.abs() < 1e-6 {
        format!("{x:e}")
    } else {
        x.to_string()
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

/// What the polite live region says once the learner pauses: the loss and perplexity, and
/// each word whose probability moved since `before` (the last announcement), with where it
/// came from. All words are listed when their number changed.
pub fn announcement(before: &[f64], model: &Model) -> String {
    let mut s = format!(
        "Loss {} {}, perplexity {}.",
        fixed3(model.loss()),
        model.units().name(),
        fixed3(model.perplexity())
    );
    let now = model.probs().probs();
    let moved: Vec<String> = model
        .words()
        .iter()
        .zip(now)
        .enumerate()
        .filter_map(|(i, (word, &p))| {
            if before.len() != now.len() {
                return Some(format!("{word} {}", percent(p)));
            }
            let was = before[i];
            if (p - was).abs() < 0.0005 {
                return None;
            }
            let dir = if p > was { "up" } else { "down" };
            Some(format!(
                "{word} {} ({dir} from {})",
                percent(p),
                percent(was)
            ))
        })
        .collect();
    if !moved.is_empty() {
        s.push(' ');
        s.push_str(&moved.join(", "));
        s.push('.');
    }
    s
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
        assert_eq!(slider_value(0.4), "0.4");
        assert_eq!(slider_value(0.0), "0");
        assert_eq!(slider_value(1e-200), "1e-200");
        for x in [1e-200, 3.7e-7, 0.123456789, 5e-324] {
            assert_eq!(slider_value(x).parse::<f64>(), Ok(x));
        }
        assert_eq!(short_label("coffee"), "coffee");
        assert_eq!(short_label("extraordinary"), "extraor…");
    }

    #[test]
    fn announcements_name_what_moved() {
        let m = model("");
        let before = m.probs().probs().to_vec();
        let moved = m.apply(Action::SetProb {
            index: 0,
            value: 0.7,
        });
        assert_eq!(
            announcement(&before, &moved),
            "Loss 0.357 nats, perplexity 1.429. chai 70.0% (up from 40.0%), paani 12.5% (down from 25.0%), \
             dudh 7.5% (down from 15.0%), coffee 5.0% (down from 10.0%), lassi 5.0% (down from 10.0%)."
        );
        let same = announcement(moved.probs().probs(), &moved);
        assert_eq!(same, "Loss 0.357 nats, perplexity 1.429.");
        let fewer = moved.clone().apply(Action::RemoveWord(4));
        assert!(announcement(moved.probs().probs(), &fewer).ends_with("coffee 5.3%."));
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
