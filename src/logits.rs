//! The prediction as the softmax of logits at a temperature (CONTRACT §9):
//! `p_i = exp(z_i/T) / Σ_j exp(z_j/T)`.
//!
//! The probabilities stay the one source of truth; the logits are their view at `T`,
//! `z_i = T·(ln p_i − max_j ln p_j)`: the largest logit is 0, a word at `p = 0` has `−∞`.
//! Softmax does not change when every logit moves by the same amount, so this is the one
//! set of logits with the largest at 0 that gives `p` at `T`.

use crate::loss::Distribution;
use crate::num;

/// The lowest temperature a widget takes.
pub const MIN_TEMPERATURE: f64 = 0.1;
/// The highest temperature a widget takes.
pub const MAX_TEMPERATURE: f64 = 10.0;
/// A logit slider runs from `−LOGIT_LIMIT` to `LOGIT_LIMIT`.
pub const LOGIT_LIMIT: f64 = 10.0;

/// The logits of `p` at temperature `t`: `z_i = t·(ln p_i − max_j ln p_j)`.
///
/// ```
/// use loss_explorer::logits::logits;
/// let z = logits(&[0.5, 0.25, 0.25, 0.0], 1.0);
/// assert_eq!(z[0], 0.0);
/// assert!((z[1] + 2f64.ln()).abs() < 1e-15);
/// assert_eq!(z[3], f64::NEG_INFINITY);
/// ```
pub fn logits(p: &[f64], t: f64) -> Vec<f64> {
    let top = p.iter().copied().fold(0.0, f64::max).ln();
    p.iter().map(|&x| t * (x.ln() - top)).collect()
}

/// `LSE = ln Σ_j exp(z_j/t)`, computed as `m + ln(1 + Σ_{j≠top} exp(z_j/t − m))` with
/// `m = max z/t`, so no term overflows (logits of ±10 at `t = 0.1` are `exp(±100)`). Entries of `−∞` add 0.
///
/// With the logits of [`logits`], `LSE = −ln max_j p_j` and the loss is `LSE − z_c/t`:
///
/// ```
/// use loss_explorer::logits::{log_sum_exp, logits};
/// let (p, t) = ([0.4, 0.3, 0.3], 2.0);
/// let z = logits(&p, t);
/// let loss = log_sum_exp(&z, t) - z[1] / t;
/// assert!((loss + 0.3f64.ln()).abs() < 1e-15);
/// ```
pub fn log_sum_exp(z: &[f64], t: f64) -> f64 {
    let m = z.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b / t));
    if m == f64::NEG_INFINITY {
        return m;
    }
    // The largest term is exp(0) = 1; ln_1p of the others keeps what ln(1 + rest) would round
    // away (logits 0, −10, −10 at t = 0.1 have a log-sum-exp of 7.4e-44, not 0).
    let top = z.iter().position(|&x| x / t == m).unwrap_or(0);
    let rest: f64 = z
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != top)
        .map(|(_, &x)| (x / t - m).exp())
        .sum();
    m + rest.ln_1p()
}

/// The probability word `k` gets when its logit becomes `v` and the others stay: softmax of
/// the new logits at `t`, `1 / (1 + Σ_{j≠k} exp((z_j − v)/t))`. The others keep their ratios,
/// which is the slider rule, so a logit drag is a probability drag to this value.
pub fn p_for_logit(z: &[f64], t: f64, k: usize, v: f64) -> f64 {
    // A logit of −∞ is a word at 0 (and −∞ − −∞ would be NaN).
    if v == f64::NEG_INFINITY {
        return 0.0;
    }
    let rest: f64 = z
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != k)
        .map(|(_, &x)| ((x - v) / t).exp())
        .sum();
    1.0 / (1.0 + rest)
}

/// `p` at a new temperature with the same logits: `softmax(z/to)` where `z` are `p`'s logits
/// at `from`, which is `p_i^(from/to)` renormalised. Higher `to` flattens, lower sharpens.
///
/// ```
/// use loss_explorer::logits::retemper;
/// use loss_explorer::loss::Distribution;
/// let p = Distribution::new(vec![0.8, 0.2]).unwrap();
/// // Doubling T takes square roots: √0.8 : √0.2 = 2 : 1.
/// let q = retemper(&p, 1.0, 2.0);
/// assert!((q.probs()[0] - 2.0 / 3.0).abs() < 1e-15);
/// ```
pub fn retemper(p: &Distribution, from: f64, to: f64) -> Distribution {
    let z = logits(p.probs(), from);
    let w: Vec<f64> = z.iter().map(|&x| (x / to).exp()).collect();
    // The largest weight is exp(0) = 1, so normalising cannot fail.
    Distribution::normalized(&w).unwrap_or_else(|_| p.clone())
}

/// The position of temperature `t` on its slider, `log₁₀ t` in `[−1, 1]`: the slider is on a
/// log scale, so 0.1 → 1 takes as long as 1 → 10.
pub fn temperature_to_slider(t: f64) -> f64 {
    t.log10()
}

/// The temperature at slider position `x` (`10^x`), within `[0.1, 10]`; `None` for NaN.
pub fn temperature_from_slider(x: f64) -> Option<f64> {
    // exp, not powf: the module already has exp, and powf would add libm's pow.
    (!x.is_nan()).then(|| {
        num::clamp(
            (x * std::f64::consts::LN_10).exp(),
            MIN_TEMPERATURE,
            MAX_TEMPERATURE,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extreme_logits_and_temperatures_stay_finite() {
        // T = 0.1 with logits ±10: exp(±100) would be near overflow without the shift.
        let z = [10.0, -10.0, 0.0];
        let lse = log_sum_exp(&z, 0.1);
        assert!((lse - 100.0).abs() < 1e-12, "{lse}");
        assert_eq!(
            p_for_logit(&[0.0, -10.0], 0.1, 1, -10.0),
            1.0 / (1.0 + 100f64.exp())
        );
        assert!(p_for_logit(&[0.0, -10.0], 0.1, 1, 10.0) > 0.999_999);
        assert_eq!(log_sum_exp(&[f64::NEG_INFINITY; 2], 1.0), f64::NEG_INFINITY);
    }

    #[test]
    fn a_word_at_zero_keeps_zero_at_any_temperature() {
        let p = Distribution::new(vec![0.7, 0.3, 0.0]).unwrap();
        for t in [0.1, 0.5, 3.0, 10.0] {
            let q = retemper(&p, 1.0, t);
            assert_eq!(q.probs()[2], 0.0);
            assert!(q.probs().iter().all(|x| x.is_finite()));
        }
    }

    #[test]
    fn temperature_slider_is_logarithmic() {
        assert_eq!(temperature_to_slider(1.0), 0.0);
        assert_eq!(temperature_from_slider(-1.0), Some(0.1));
        assert_eq!(temperature_from_slider(1.0), Some(10.0));
        assert_eq!(temperature_from_slider(5.0), Some(10.0));
        assert_eq!(temperature_from_slider(f64::NAN), None);
    }
}
