//! What the widget writes: readouts, percentages, formulas with the numbers plugged in, the
//! plot's description, captions and the live announcement. Numbers in, text out.
//!
//! Pure, so that "never NaN, never blank" is checked natively for every value.

use crate::loss::Units;
use crate::num::{fixed, shortest};

/// A readout value: three decimals, `∞` for infinity, and never `NaN` or `-0.000`.
pub fn fixed3(x: f64) -> String {
    fixed(x, 3)
}

/// A number as a range input's `value`: exact (it reads back as the same `f64`), in
/// exponent form below 1e-6, because Chromium reads a long run of decimal zeros as 0.
pub fn slider_value(x: f64) -> String {
    shortest(x)
}

/// A probability as a percentage with one decimal, e.g. `40.0%`.
pub fn percent(p: f64) -> String {
    format!("{}%", fixed(p * 100.0, 1))
}

/// A word shortened to fit under its bar: at most 8 characters, then `…`.
pub fn short_label(word: &str) -> String {
    if word.chars().count() <= 8 {
        word.to_string()
    } else {
        word.chars().take(7).chain(std::iter::once('…')).collect()
    }
}

/// The Loss formula with the numbers plugged in, e.g. `L = −ln(0.400) = 0.916`, as its
/// terms: a line may break between them, never inside one. With label smoothing the loss
/// is the sum over the soft target.
pub fn loss_formula(units: Units, p_c: f64, loss: f64, smoothed: bool) -> Vec<String> {
    let log = units.log_symbol();
    let value = format!("= {}", fixed3(loss));
    if smoothed {
        vec!["L = CE(y, p)".into(), format!("= −Σ yᵢ {log}(pᵢ)"), value]
    } else {
        vec![format!("L = −{log}({})", fixed3(p_c)), value]
    }
}

/// The Perplexity formula with the numbers plugged in, e.g. `PPL = e^0.916 = 2.500`, as its
/// terms. `neg_log_pc` is `−log p_c` in `units`.
pub fn perplexity_formula(units: Units, neg_log_pc: f64, perplexity: f64) -> Vec<String> {
    let base = match units {
        Units::Nats => "e",
        Units::Bits => "2",
    };
    vec![
        format!("PPL = {base}^{}", fixed3(neg_log_pc)),
        format!("= {}", fixed3(perplexity)),
    ]
}

/// What the main plot shows, for its `aria-label`.
pub fn plot_description(units: Units, word: &str, p_c: f64, loss: f64, slope: f64) -> String {
    format!(
        "Plot of the loss −{} p against p. The correct word “{word}” has p = {}, so the loss is {} {}; the slope there is {}.",
        units.log_symbol(),
        fixed3(p_c),
        fixed3(loss),
        units.name(),
        fixed3(slope),
    )
}

/// The loss history's caption: how many steps were taken, and what changed between the
/// first and the last point shown. `first` and `last` are `(step, loss, p_correct)`, the
/// loss in `units`; when the oldest points were dropped, it says which steps are shown.
pub fn history_caption(units: Units, first: (u32, f64, f64), last: (u32, f64, f64)) -> String {
    let steps = last.0;
    if steps == 0 {
        return "Loss history: no steps yet. Press Step or Play.".into();
    }
    let from = if first.0 == 0 {
        String::new()
    } else {
        format!(" (steps {} to {} shown)", first.0, last.0)
    };
    format!(
        "Loss history over {steps} step{}{from}: the loss went from {} to {} {}, and p of the correct word from {} to {}.",
        if steps == 1 { "" } else { "s" },
        fixed3(first.1),
        fixed3(last.1),
        units.name(),
        fixed3(first.2),
        fixed3(last.2),
    )
}

/// What the polite live region says once the learner pauses: the loss and perplexity, and
/// each word whose probability moved since `before` (the last announcement), with where it
/// came from. All words are listed when their number changed.
pub fn announcement(
    units: Units,
    loss: f64,
    perplexity: f64,
    words: &[&str],
    before: &[f64],
    now: &[f64],
) -> String {
    let mut s = format!(
        "Loss {} {}, perplexity {}.",
        fixed3(loss),
        units.name(),
        fixed3(perplexity)
    );
    let moved: Vec<String> = words
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
        let words = ["chai", "paani", "dudh", "coffee", "lassi"];
        let before = [0.4, 0.25, 0.15, 0.1, 0.1];
        let now = [0.7, 0.125, 0.075, 0.05, 0.05];
        assert_eq!(
            announcement(Units::Nats, 0.357, 1.429, &words, &before, &now),
            "Loss 0.357 nats, perplexity 1.429. chai 70.0% (up from 40.0%), paani 12.5% (down from 25.0%), \
             dudh 7.5% (down from 15.0%), coffee 5.0% (down from 10.0%), lassi 5.0% (down from 10.0%)."
        );
        assert_eq!(
            announcement(Units::Nats, 0.357, 1.429, &words, &now, &now),
            "Loss 0.357 nats, perplexity 1.429."
        );
        let fewer = announcement(Units::Bits, 1.0, 2.0, &words[..2], &now, &[0.5, 0.5]);
        assert!(fewer.ends_with("chai 50.0%, paani 50.0%."), "{fewer}");
    }

    #[test]
    fn formulas_plug_in_the_numbers() {
        let l = 0.4f64.ln();
        assert_eq!(
            loss_formula(Units::Nats, 0.4, -l, false).join(" "),
            "L = −ln(0.400) = 0.916"
        );
        assert_eq!(
            perplexity_formula(Units::Nats, -l, 2.5).join(" "),
            "PPL = e^0.916 = 2.500"
        );
        assert_eq!(
            loss_formula(Units::Bits, 0.4, -0.4f64.log2(), false).join(" "),
            "L = −log₂(0.400) = 1.322"
        );
        assert_eq!(
            loss_formula(Units::Nats, 0.0, f64::INFINITY, false).join(" "),
            "L = −ln(0.000) = ∞"
        );
        assert_eq!(
            perplexity_formula(Units::Nats, f64::INFINITY, f64::INFINITY).join(" "),
            "PPL = e^∞ = ∞"
        );
        assert!(
            plot_description(Units::Nats, "chai", 0.0, f64::INFINITY, f64::NEG_INFINITY)
                .contains("p = 0.000, so the loss is ∞ nats")
        );
    }

    #[test]
    fn the_history_caption_counts_steps_in_the_singular_and_plural() {
        let caption = |first, last| history_caption(Units::Nats, first, last);
        assert_eq!(
            caption((0, 0.916, 0.4), (1, 0.526, 0.591)),
            "Loss history over 1 step: the loss went from 0.916 to 0.526 nats, and p of the correct word from 0.400 to 0.591."
        );
        assert!(caption((0, 1.0, 0.4), (3, 0.5, 0.6)).starts_with("Loss history over 3 steps:"));
        assert!(caption((51, 1.0, 0.4), (550, 0.5, 0.6))
            .starts_with("Loss history over 550 steps (steps 51 to 550 shown):"));
        assert_eq!(
            caption((0, 1.0, 0.4), (0, 1.0, 0.4)),
            "Loss history: no steps yet. Press Step or Play."
        );
    }
}
