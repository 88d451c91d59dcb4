//! Two models' predictions of the same next word, side by side (CONTRACT §8; the tutorial's
//! exercise 2): their losses, and which is lower by what factor.

use crate::loss::{Distribution, MAX_WORDS, MIN_WORDS};

/// Model A's probability of the correct word when `pa` is not given.
pub const DEFAULT_A: f64 = 0.9;
/// Model B's, when `pb` is not given.
pub const DEFAULT_B: f64 = 0.4;

/// A model's default over `k` words: `p_c` on word `correct`, `(1 − p_c)/(k − 1)` on each
/// other. With three words and `p_c = 0.9`: `0.90, 0.05, 0.05`.
///
/// ```
/// use loss_explorer::compare::default_model;
/// assert_eq!(default_model(3, 0, 0.4).probs(), &[0.4, 0.3, 0.3]);
/// ```
pub fn default_model(k: usize, correct: usize, p_c: f64) -> Distribution {
    let k = k.clamp(MIN_WORDS, MAX_WORDS);
    // In hundredths: (1 − 0.9)/2 is 0.04999999999999999 in doubles, (100 − 90)/2/100 is 0.05.
    let rest = (100.0 - 100.0 * p_c) / (k - 1) as f64 / 100.0;
    let p: Vec<f64> = (0..k)
        .map(|i| if i == correct { p_c } else { rest })
        .collect();
    Distribution::new(p.clone())
        .or_else(|_| Distribution::normalized(&p))
        .unwrap_or_default()
}

/// Which of two losses is lower, and the larger over the smaller.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ratio {
    /// The losses are the same (both 0, both `∞`, or equal).
    Equal,
    /// Model `lower` (0 for A, 1 for B) has the lower loss; the other's is `factor` times
    /// it, `∞` when the lower loss is 0 (or the higher is `∞`).
    Lower {
        /// 0 for A, 1 for B.
        lower: usize,
        /// `L_high / L_low ≥ 1`.
        factor: f64,
    },
}

/// `L_high / L_low` and which model is lower. Symmetric: swapping the losses swaps only
/// the model.
///
/// ```
/// use loss_explorer::compare::{ratio, Ratio};
/// // Exercise 2: −ln 0.9 against −ln 0.4.
/// let Ratio::Lower { lower, factor } = ratio(-0.9f64.ln(), -0.4f64.ln()) else { panic!() };
/// assert_eq!(lower, 0);
/// assert!((factor - 8.6967).abs() < 1e-4);
/// ```
pub fn ratio(loss_a: f64, loss_b: f64) -> Ratio {
    if loss_a == loss_b || loss_a.is_nan() || loss_b.is_nan() {
        return Ratio::Equal;
    }
    let (lower, low, high) = if loss_a < loss_b {
        (0, loss_a, loss_b)
    } else {
        (1, loss_b, loss_a)
    };
    let factor = if low <= 0.0 || high.is_infinite() {
        f64::INFINITY
    } else {
        high / low
    };
    Ratio::Lower { lower, factor }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_correct_word_and_the_count() {
        assert_eq!(default_model(3, 2, 0.9).probs()[2], 0.9);
        assert_eq!(default_model(3, 0, 0.9).probs(), &[0.9, 0.05, 0.05]);
        assert_eq!(default_model(5, 0, 0.4).probs()[1], 0.15);
    }

    #[test]
    fn zero_and_infinite_losses() {
        assert_eq!(ratio(0.0, 0.0), Ratio::Equal);
        assert_eq!(ratio(f64::INFINITY, f64::INFINITY), Ratio::Equal);
        assert_eq!(
            ratio(0.5, 0.0),
            Ratio::Lower {
                lower: 1,
                factor: f64::INFINITY
            }
        );
        assert_eq!(
            ratio(0.5, f64::INFINITY),
            Ratio::Lower {
                lower: 0,
                factor: f64::INFINITY
            }
        );
    }
}
