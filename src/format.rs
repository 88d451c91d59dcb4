//! What the widget writes: readouts, percentages, formulas with the numbers plugged in, the
//! plot's description, captions and the live announcement. Numbers in, text out.
//!
//! Pure, so that "never NaN, never blank" is checked natively for every value.

use crate::compare::Ratio;
use crate::loss::Units;
use crate::num::{fixed, sci, sci_from_log10, shortest};
use crate::quiz::Verdict;

/// A readout value: three decimals (`0.916`), `∞` for infinity, never `NaN` or `-0.000`; from
/// 1000 up, where three decimals would make seven significant digits or more than a double
/// holds, six significant digits in scientific notation (`2.71442e+13`).
pub fn readout(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1000.0 {
        return sci(x, 5);
    }
    fixed(x, 3)
}

/// A number as a range input's `value`: exact (it reads back as the same `f64`), in
/// exponent form below 1e-6, because Chromium reads a long run of decimal zeros as 0.
pub fn slider_value(x: f64) -> String {
    shortest(x)
}

/// A token shortened to fit under its bar in the sentence chart: at most 8 characters, then
/// `…`.
pub fn short_label(word: &str) -> String {
    if word.chars().count() <= 8 {
        word.to_string()
    } else {
        word.chars().take(7).chain(std::iter::once('…')).collect()
    }
}

/// The class that sizes a readout's number by its length, so that it fits its box on one
/// line at any width (the sizes are fractions of the box's width, in loss-explorer.css):
/// none up to 5 characters (`0.916`), `le-m` for 6–7 (`−3.430`, `12.182`), `le-l` for 8–9
/// (`−103.972`), `le-xl` beyond (`2.71442e+13`).
pub fn size_class(text: &str) -> &'static str {
    match text.chars().count() {
        0..=5 => "",
        6..=7 => "le-m",
        8..=9 => "le-l",
        _ => "le-xl",
    }
}

/// A probability as a percentage with one decimal, e.g. `40.0%`.
pub fn percent(p: f64) -> String {
    format!("{}%", fixed(p * 100.0, 1))
}

/// The Loss formula with the numbers plugged in, e.g. `L = −ln(0.400) = 0.916`, as its
/// terms: a line may break between them, never inside one. With label smoothing the loss
/// is the sum over the soft target.
pub fn loss_formula(units: Units, p_c: f64, loss: f64, smoothed: bool) -> Vec<String> {
    let log = units.log_symbol();
    let value = format!("= {}", readout(loss));
    if smoothed {
        vec!["L = CE(y, p)".into(), format!("= −Σ yᵢ {log}(pᵢ)"), value]
    } else {
        vec![format!("L = −{log}({})", readout(p_c)), value]
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
        format!("PPL = {base}^{}", readout(neg_log_pc)),
        format!("= {}", readout(perplexity)),
    ]
}

/// What the exercise's "Answer" output says after Check, e.g. `right: the loss is 1.204
/// nats` or `not quite: the loss is 1.204 nats`.
pub fn answer_verdict(verdict: Verdict, units: Units) -> String {
    let (said, loss) = match verdict {
        Verdict::Right { loss } => ("✓ right", loss),
        Verdict::NotQuite { loss } => ("✗ not quite", loss),
        Verdict::NotANumber => return "Type a number first, such as 0.5.".into(),
    };
    format!("{said}: the loss is {} {}", readout(loss), units.name())
}

/// The main plot's description in an exercise, before the answer is checked: what it
/// shows, with no number to give the answer away.
pub const PLOT_HIDDEN: &str =
    "Plot of the loss against p; the correct word's point is hidden until you check your answer.";

/// What the main plot shows, for its `aria-label`.
pub fn plot_description(units: Units, word: &str, p_c: f64, loss: f64, slope: f64) -> String {
    format!(
        "Plot of the loss −{} p against p. The correct word “{word}” has p = {}, so the loss is {} {}; the slope there is {}.",
        units.log_symbol(),
        readout(p_c),
        readout(loss),
        units.name(),
        readout(slope),
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
        readout(first.1),
        readout(last.1),
        units.name(),
        readout(first.2),
        readout(last.2),
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
        readout(loss),
        units.name(),
        readout(perplexity)
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

/// The Sentence probability readout from `log₁₀ Π p_t`, in scientific notation
/// (`7.89e-31`), so that `10⁻³⁰⁰⁰` reads as itself rather than as an `f64` underflow; `0`
/// when a token has probability 0.
pub fn sentence_probability(log10: f64) -> String {
    sci_from_log10(log10, 2)
}

/// The Product in float32 readout: `7.89e-31`, or `0` once float32 has run out.
pub fn float32_product(x: f32) -> String {
    sci(f64::from(x), 2)
}

/// Under the sentence's readouts: what the float32 product shows. `zero_from` is the first
/// position (counting from 1) at which it became 0, `positions` is `T`.
pub fn float32_note(
    positions: usize,
    zero_from: Option<usize>,
    product: f32,
    impossible: bool,
) -> String {
    const MIN_NORMAL: f32 = 1.175_494_4e-38;
    if impossible {
        return "A token has probability 0, so the sentence is impossible: its loss is ∞ and its \
                probability exactly 0."
            .into();
    }
    match zero_from {
        Some(t) => format!(
            "From position {t} of {positions} the float32 product is 0: it fell below 2⁻¹⁴⁹ ≈ \
             1.4e-45, the smallest float32, while the sum of logs still holds the exact value."
        ),
        None if product < MIN_NORMAL => "Below 2⁻¹²⁶ ≈ 1.18e-38 float32 keeps fewer and fewer \
             digits: the product is fading, and a few more tokens will make it 0."
            .into(),
        None => "Float32 still holds this product. Raise Repeat to watch it run out.".into(),
    }
}

/// What the sentence plot shows, for its `aria-label`: the per-token losses, their
/// average, and where the running product ends, exactly and in float32.
pub fn sentence_description(
    units: Units,
    losses: &[f64],
    average: f64,
    (positions, log10): (usize, f64),
    zero_from: Option<usize>,
) -> String {
    let lo = losses.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = losses.iter().copied().fold(0.0, f64::max);
    let float32 = match zero_from {
        Some(t) => format!("; in float32 it is 0 from position {t}"),
        None => String::new(),
    };
    format!(
        "Sentence plot: the loss of each of its {} tokens, from {} to {} {}, averaging {}; and the product of the probabilities over {positions} positions, falling to {}{float32}.",
        losses.len(),
        readout(lo),
        readout(hi),
        units.name(),
        readout(average),
        sentence_probability(log10),
    )
}

/// Why passing probabilities as logits goes wrong, for `k` words.
pub fn logits_mistake(k: usize) -> String {
    format!(
        "cross_entropy applies softmax itself. Handed probabilities, it softmaxes them again; numbers between 0 and 1 come out nearly even, so the result stays near ln {k} = {} whatever the prediction.",
        readout((k as f64).ln())
    )
}

/// Why a loss in the other base is not comparable, when `units` is the chosen unit.
pub fn base_mistake(units: Units) -> &'static str {
    match units {
        Units::Nats => "The same loss with log₂: bits = nats ÷ ln 2. Numbers in different bases cannot be compared, and machine-learning papers report nats.",
        Units::Bits => "The same loss with ln: nats = bits × ln 2. Numbers in different bases cannot be compared, and machine-learning papers report nats.",
    }
}

/// Why dropping the minus sign goes wrong.
pub const MINUS_MISTAKE: &str = "ln p is negative for every p below 1. Without the minus the \
    “loss” is negative, and minimising it would push the correct word's probability down to 0.";

/// The "Loss ratio" readout: the larger loss over the smaller to one decimal, naming the
/// lower model (`A is 8.7× lower`), `∞` when the lower loss is 0, or `equal`.
///
/// ```
/// use loss_explorer::compare::ratio;
/// use loss_explorer::format::loss_ratio;
/// assert_eq!(loss_ratio(ratio(-0.9f64.ln(), -0.4f64.ln())), "A is 8.7× lower");
/// assert_eq!(loss_ratio(ratio(0.5, 0.0)), "B is ∞× lower");
/// assert_eq!(loss_ratio(ratio(0.5, 0.5)), "equal");
/// ```
pub fn loss_ratio(r: Ratio) -> String {
    match r {
        Ratio::Equal => "equal".into(),
        Ratio::Lower { lower, factor } => {
            let factor = if factor < 1e6 {
                fixed(factor, 1)
            } else {
                sci(factor, 1)
            };
            format!("{} is {factor}× lower", ["A", "B"][lower.min(1)])
        }
    }
}

/// The two models' plot described: where each point is and the gap between their losses.
pub fn compare_description(units: Units, p: [f64; 2], loss: [f64; 2]) -> String {
    let u = units.name();
    format!(
        "The −{} p curve with Model A at p = {} (loss {} {u}) and Model B at p = {} (loss {} {u}): a gap of {} {u}.",
        units.log_symbol(),
        readout(p[0]),
        readout(loss[0]),
        readout(p[1]),
        readout(loss[1]),
        readout((loss[0] - loss[1]).abs()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readouts_are_never_blank_or_nan() {
        assert_eq!(readout(0.9162907318741551), "0.916");
        assert_eq!(readout(f64::INFINITY), "∞");
        assert_eq!(readout(-0.0), "0.000");
        assert_eq!(readout(-0.0001), "0.000");
        assert_eq!(readout(-2.5), "−2.500");
        assert_eq!(readout(999.9994), "999.999");
        assert_eq!(readout(27144176165949.063), "2.71442e+13");
        assert_eq!(readout(-103.972), "−103.972");
        assert_eq!(readout(-1039.7201), "−1.03972e+3");
        assert_eq!(readout(f64::NAN), "—");
        assert_eq!(percent(0.4), "40.0%");
        assert_eq!(slider_value(0.4), "0.4");
        assert_eq!(slider_value(0.0), "0");
        assert_eq!(slider_value(1e-200), "1e-200");
        for x in [1e-200, 3.7e-7, 0.123456789, 5e-324] {
            assert_eq!(slider_value(x).parse::<f64>(), Ok(x));
        }
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
    fn sentence_readouts_read_as_the_contract_says() {
        use crate::loss::sentence_loss;
        let s = |repeat| sentence_loss(&[0.5; 5], repeat);
        assert_eq!(sentence_probability(s(20).log10_probability()), "7.89e-31");
        assert_eq!(float32_product(s(20).product_f32), "7.89e-31");
        assert_eq!(sentence_probability(s(30).log10_probability()), "7.01e-46");
        assert_eq!(float32_product(s(30).product_f32), "0");
        assert_eq!(
            sentence_probability(sentence_loss(&[0.5, 0.0], 1).log10_probability()),
            "0"
        );
        assert_eq!(
            sentence_probability(sentence_loss(&[1e-3; 5], 200).log10_probability()),
            "1.00e-3000"
        );
        assert!(float32_note(150, Some(150), 0.0, false).starts_with("From position 150 of 150"));
        assert!(float32_note(5, None, 0.0324, false).starts_with("Float32 still holds"));
        assert!(float32_note(5, None, 1e-40, false).starts_with("Below 2⁻¹²⁶"));
        assert!(float32_note(5, None, 0.0, true).contains("impossible"));
        let d = sentence_description(
            Units::Nats,
            &[1.2, 0.1, f64::INFINITY],
            f64::INFINITY,
            (3, f64::NEG_INFINITY),
            None,
        );
        assert!(
            d.contains("from 0.100 to ∞ nats, averaging ∞") && d.contains("falling to 0."),
            "{d}"
        );
        assert!(logits_mistake(5).contains("ln 5 = 1.609"));
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

    #[test]
    fn long_numbers_get_a_smaller_size() {
        assert_eq!(size_class("0.916"), "");
        assert_eq!(size_class("∞"), "");
        assert_eq!(size_class("−3.430"), "le-m");
        assert_eq!(size_class("103.972"), "le-m");
        assert_eq!(size_class("−103.972"), "le-l");
        assert_eq!(size_class(&readout(2.7144176165949063e13)), "le-xl");
    }
}
