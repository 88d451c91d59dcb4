//! Property tests of the invariants the widget relies on (proptest, 1,000 cases each).
#![cfg(not(target_arch = "wasm32"))]

use loss_explorer::compare::{ratio, Ratio};
use loss_explorer::logits::{log_sum_exp, logits, p_for_logit, retemper};
use loss_explorer::loss::{
    sentence_loss, softmax, Distribution, LearningRate, Prediction, Units, F32_MIN_NORMAL,
    LOGIT_FLOOR, MAX_POSITIONS, MAX_WORDS, MIN_WORDS,
};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        ..ProptestConfig::default()
    }
}

/// Weights with a fair share of exact zeros and of values spanning many magnitudes.
fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(0.0),
        4 => 0.0..1.0f64,
        1 => (-300i32..0).prop_map(|e| 10f64.powi(e)),
    ]
}

fn distribution() -> impl Strategy<Value = Distribution> {
    prop::collection::vec(weight(), MIN_WORDS..=MAX_WORDS)
        .prop_filter_map("all zero", |w| Distribution::normalized(&w).ok())
}

/// A distribution with a correct index into it.
fn with_correct() -> impl Strategy<Value = (Distribution, usize)> {
    distribution().prop_flat_map(|d| {
        let k = d.len();
        (Just(d), 0..k)
    })
}

/// `p` with correct word `c` and label smoothing `eps`.
fn prediction(p: &Distribution, c: usize, eps: f64) -> Prediction {
    Prediction::new(p.clone(), c, eps).expect("c is a word and eps is in range")
}

fn lr(eta: f64) -> LearningRate {
    LearningRate::new(eta).expect("a positive learning rate")
}

/// Anything a slider or a hostile caller might send: in range, out of range, NaN, ±∞.
fn slider_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => 0.0..=1.0f64,
        1 => Just(0.0),
        1 => Just(1.0),
        1 => any::<f64>(),
    ]
}

#[track_caller]
fn assert_valid(d: &Distribution) {
    let sum: f64 = d.probs().iter().sum();
    assert!((sum - 1.0).abs() <= 1e-12, "sum {sum} of {:?}", d.probs());
    assert!(d.probs().iter().all(|p| p.is_finite() && *p >= 0.0));
    assert!(Distribution::new(d.probs().to_vec()).is_ok());
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn slider_moves_keep_a_valid_distribution(
        start in distribution(),
        moves in prop::collection::vec((0usize..12, slider_value(), prop::collection::vec(any::<bool>(), 0..12)), 1..40),
    ) {
        let mut d = start;
        for (i, v, locked) in moves {
            let before = d.clone();
            d = d.with_prob_locked(i, v, &locked);
            assert_valid(&d);
            // Locked words keep their probability.
            for (j, &l) in locked.iter().enumerate().take(d.len()) {
                if l && j != i {
                    prop_assert_eq!(d.probs()[j], before.probs()[j]);
                }
            }
        }
    }

    #[test]
    fn slider_sets_the_value_it_was_given((d, i) in with_correct(), v in 0.0..=1.0f64) {
        let moved = d.with_prob(i, v);
        prop_assert!((moved.probs()[i] - v).abs() <= 1e-12);
    }

    #[test]
    fn a_step_never_lowers_p_correct((d, c) in with_correct(), eta in 1e-3..100.0f64) {
        let before_step = prediction(&d, c, 0.0);
        let next_step = before_step.step(lr(eta));
        let next = next_step.probs();
        assert_valid(next);
        let (before, after) = (d.probs()[c], next.probs()[c]);
        // The floor lends at most (K−1)·1e-9 to words at probability 0; beyond that the
        // step only ever raises the correct word (up to rounding in the last bits).
        let floor_loan = (d.len() - 1) as f64 * LOGIT_FLOOR;
        let allowed = if d.probs().iter().all(|&p| p >= LOGIT_FLOOR) { 4.0 * f64::EPSILON } else { floor_loan };
        prop_assert!(after >= before * (1.0 - allowed), "p_c fell from {} to {}", before, after);
        let (l0, l1) = (before_step.cross_entropy(Units::Nats), next_step.cross_entropy(Units::Nats));
        // −ln(1 − a) ≤ 1.01·a for the tiny a here.
        prop_assert!(l1 <= l0 + 1.01 * allowed + 1e-15 || l0.is_infinite(), "loss rose from {} to {}", l0, l1);
    }

    #[test]
    fn soft_step_moves_toward_the_target((d, c) in with_correct(), eps in 0.0..=0.5f64, eta in 1e-3..10.0f64) {
        let next = prediction(&d, c, eps).step(lr(eta));
        assert_valid(next.probs());
        // Every word gets a share of the soft target, and the floor revives words at 0, so
        // after one step the cross-entropy to the soft target is finite.
        prop_assert!(next.soft_cross_entropy().is_finite());
    }

    #[test]
    fn cross_entropy_is_entropy_plus_kl((d, c) in with_correct(), eps in 0.0..=0.5f64) {
        let y = prediction(&d, c, eps);
        let (h, ce, kl) = (y.entropy(), y.soft_cross_entropy(), y.kl_divergence());
        prop_assert!(!ce.is_nan() && !kl.is_nan() && !h.is_nan());
        if ce.is_infinite() {
            prop_assert!(kl.is_infinite());
        } else {
            prop_assert!((ce - (h + kl)).abs() <= 1e-12 * ce.max(1.0), "CE {} H {} KL {}", ce, h, kl);
        }
        prop_assert!(kl >= -1e-15);
    }

    #[test]
    fn one_hot_kl_is_the_loss((d, c) in with_correct()) {
        let y = prediction(&d, c, 0.0);
        // By their definitions, computed here: with y one-hot, KL(y‖p) = Σ y_i ln(y_i / p_i)
        // and CE(y, p) = −Σ y_i ln p_i both come to −ln p_c (terms with y_i = 0 are 0).
        let p = d.probs();
        let target: Vec<f64> = (0..p.len()).map(|i| if i == c { 1.0 } else { 0.0 }).collect();
        let terms = |f: &dyn Fn(f64, f64) -> f64| -> f64 {
            target.iter().zip(p).filter(|(y, _)| **y > 0.0).map(|(&y, &q)| f(y, q)).sum()
        };
        let kl = terms(&|y, q| y * (y / q).ln());
        let ce = terms(&|y, q| -y * q.ln());
        prop_assert!(kl.is_infinite() == ce.is_infinite());
        for (name, got, want) in [
            ("KL", y.kl_divergence(), kl),
            ("CE", y.soft_cross_entropy(), ce),
            ("loss", y.loss(Units::Nats), -p[c].ln()),
        ] {
            if want.is_infinite() {
                prop_assert_eq!(got, f64::INFINITY, "{}", name);
            } else {
                prop_assert!((got - want).abs() <= 1e-12 * want.max(1.0), "{}: {} vs {}", name, got, want);
            }
        }
        prop_assert!((kl - ce).abs() <= 1e-12 * ce.max(1.0) || ce.is_infinite());
    }

    #[test]
    fn bits_are_nats_over_ln2((d, c) in with_correct()) {
        let y = prediction(&d, c, 0.0);
        let (nats, bits) = (y.cross_entropy(Units::Nats), y.cross_entropy(Units::Bits));
        if nats.is_infinite() {
            prop_assert_eq!(bits, f64::INFINITY);
        } else {
            prop_assert!((bits - nats / std::f64::consts::LN_2).abs() <= 1e-12 * bits.max(1.0));
        }
    }

    #[test]
    fn softmax_of_log_p_is_p(
        d in prop::collection::vec(prop_oneof![4 => 1e-6..1.0f64, 1 => (-300i32..0).prop_map(|e| 10f64.powi(e))], MIN_WORDS..=MAX_WORDS)
            .prop_filter_map("all zero", |w| Distribution::normalized(&w).ok())
    ) {
        let logits: Vec<f64> = d.probs().iter().map(|p| p.ln()).collect();
        let back = softmax(&logits).unwrap();
        for (a, b) in back.probs().iter().zip(d.probs()) {
            prop_assert!((a - b).abs() <= 1e-12 * b.max(1e-300) + 1e-300, "{} vs {}", a, b);
        }
    }

    #[test]
    fn softmax_never_breaks(z in prop::collection::vec(-1e6..1e6f64, MIN_WORDS..=MAX_WORDS)) {
        assert_valid(&softmax(&z).unwrap());
    }

    #[test]
    fn loss_is_never_nan((d, c) in with_correct()) {
        let y = prediction(&d, c, 0.0);
        let l = y.cross_entropy(Units::Nats);
        prop_assert!(l >= 0.0 && !l.is_nan());
        let ppl = y.perplexity();
        prop_assert!(ppl >= 1.0 - 1e-12 && !ppl.is_nan());
    }

    #[test]
    fn uniform_gives_ln_k(k in MIN_WORDS..=MAX_WORDS, c in 0usize..MAX_WORDS) {
        let c = c % k;
        let u = Distribution::uniform(k).unwrap();
        let y = prediction(&u, c, 0.0);
        prop_assert!((y.cross_entropy(Units::Nats) - (k as f64).ln()).abs() <= 1e-15);
        prop_assert!((y.perplexity() - k as f64).abs() <= 1e-12);
    }
}

/// A token's probability: exact zeros and ones, halves, tiny values, and anything between.
fn token_prob() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(0.0),
        1 => Just(1.0),
        1 => Just(0.5),
        6 => 0.0..=1.0f64,
        1 => (-40i32..0).prop_map(|e| 10f64.powi(e)),
    ]
}

/// A sentence: 1–12 token probabilities and a repeat count with `T ≤ 1000`.
fn sentence() -> impl Strategy<Value = (Vec<f64>, usize)> {
    prop::collection::vec(token_prob(), 1..=12).prop_flat_map(|p| {
        let most = MAX_POSITIONS / p.len();
        (Just(p), 1..=most)
    })
}

/// Every position of the sentence, the repetitions written out.
fn positions(p: &[f64], repeat: usize) -> impl Iterator<Item = f64> + '_ {
    std::iter::repeat_n(p, repeat).flatten().copied()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_sentence_loss_is_the_mean_of_the_token_losses((p, repeat) in sentence()) {
        let s = sentence_loss(&p, repeat);
        let t = repeat * p.len();
        prop_assert_eq!(s.positions, t);
        let mean = positions(&p, repeat).map(|x| -x.ln()).sum::<f64>() / t as f64;
        let loss = s.loss(Units::Nats);
        if mean.is_infinite() {
            prop_assert_eq!(loss, f64::INFINITY);
            prop_assert_eq!(s.perplexity(), f64::INFINITY);
        } else {
            prop_assert!((loss - mean).abs() <= 1e-12 * mean.max(1.0), "{} vs {}", loss, mean);
            prop_assert!(loss >= 0.0 && s.perplexity() >= 1.0);
        }
    }

    #[test]
    fn the_probability_is_the_product_of_the_token_probabilities((p, repeat) in sentence()) {
        let s = sentence_loss(&p, repeat);
        // The product computed here without logarithms: a mantissa kept in [1/2, 1) and a
        // power of two beside it, so it never underflows, however many tokens.
        let (mut mantissa, mut exponent) = (1.0f64, 0i64);
        for x in positions(&p, repeat) {
            mantissa *= x;
            while mantissa > 0.0 && mantissa < 0.5 {
                mantissa *= 2.0;
                exponent -= 1;
            }
        }
        if mantissa == 0.0 {
            prop_assert_eq!(s.probability(), 0.0);
            prop_assert_eq!(s.log10_probability(), f64::NEG_INFINITY);
        } else {
            let log10 = (mantissa.log2() + exponent as f64) * std::f64::consts::LOG10_2;
            let err = (s.log10_probability() - log10).abs();
            prop_assert!(err <= 1e-9 * log10.abs().max(1.0), "log10 {} vs {}", s.log10_probability(), log10);
            // Where an f64 holds the product as a normal number, the probability is it.
            let product: f64 = positions(&p, repeat).product();
            if product >= f64::MIN_POSITIVE {
                let rel = (s.probability() - product).abs() / product;
                prop_assert!(rel <= 1e-10, "{} vs {} ({:e})", s.probability(), product, rel);
            }
        }
    }

    #[test]
    fn the_float32_product_survives_above_the_smallest_normal((p, repeat) in sentence()) {
        let s = sentence_loss(&p, repeat);
        if s.log_prob >= F32_MIN_NORMAL.ln() {
            prop_assert!(s.product_f32 > 0.0, "{:?} × {}", p, repeat);
        }
    }

    /// Zero below 2⁻¹⁵¹ holds when no factor exceeds ½. A larger factor can hold a
    /// subnormal product in place (see `the_float32_product_underflows_where_ieee_says`).
    #[test]
    fn the_float32_product_is_zero_below_two_to_the_minus_151(
        (p, repeat) in sentence().prop_map(|(p, r)| (p.into_iter().map(|x| x / 2.0).collect::<Vec<_>>(), r))
    ) {
        let s = sentence_loss(&p, repeat);
        if s.log_prob < -151.0 * std::f64::consts::LN_2 {
            prop_assert_eq!(s.product_f32, 0.0, "{:?} × {}", p, repeat);
        }
    }
}

/// A temperature in `[0.1, 10]`, spread on a log scale as the slider is.
fn temperature() -> impl Strategy<Value = f64> {
    (-1.0..=1.0f64).prop_map(|x| 10f64.powf(x))
}

/// Logits on the sliders' range with the largest at 0, as the widget shows them.
fn slider_logits() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-10.0..=10.0f64, MIN_WORDS..=MAX_WORDS).prop_map(|z| {
        let top = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        z.iter().map(|v| v - top).collect()
    })
}

fn softmax_at(z: &[f64], t: f64) -> Vec<f64> {
    (0..z.len()).map(|k| p_for_logit(z, t, k, z[k])).collect()
}

proptest! {
    #![proptest_config(config())]

    /// Probabilities → logits → probabilities: softmax(z/T) of the logits shown is p.
    #[test]
    fn logits_give_back_the_probabilities(p in distribution(), t in temperature()) {
        let z = logits(p.probs(), t);
        prop_assert_eq!(z.iter().copied().fold(f64::NEG_INFINITY, f64::max), 0.0);
        for (back, want) in softmax_at(&z, t).iter().zip(p.probs()) {
            prop_assert!((back - want).abs() <= 1e-12 * want.max(1e-300) + 1e-300, "{:?} at T={}: {} vs {}", p, t, back, want);
        }
    }

    /// Logits → probabilities → logits: the logits come back (up to rounding, relative to
    /// the logit and the temperature that scales it).
    #[test]
    fn probabilities_give_back_the_logits(z in slider_logits(), t in temperature()) {
        let p = Distribution::normalized(&softmax_at(&z, t)).unwrap();
        for (back, want) in logits(p.probs(), t).iter().zip(&z) {
            prop_assert!((back - want).abs() <= 1e-10 * (1.0 + want.abs() / t) * t, "{:?} at T={}: {} vs {}", z, t, back, want);
        }
    }

    /// A temperature change keeps the logits and only recomputes p; going back restores p.
    #[test]
    fn temperature_changes_keep_the_logits(z in slider_logits(), t1 in temperature(), t2 in temperature()) {
        let p = Distribution::normalized(&softmax_at(&z, t1)).unwrap();
        let q = retemper(&p, t1, t2);
        for (after, before) in logits(q.probs(), t2).iter().zip(logits(p.probs(), t1)) {
            prop_assert!((after - before).abs() <= 1e-9 * (1.0 + before.abs()) * (t1 / t2).max(t2 / t1), "{} vs {}", after, before);
        }
        let back = retemper(&q, t2, t1);
        for (b, a) in back.probs().iter().zip(p.probs()) {
            prop_assert!((b - a).abs() <= 1e-9, "{} vs {}", b, a);
        }
    }

    /// The loss from the logits is the loss: LSE − z_c/T = −ln p_c.
    #[test]
    fn loss_from_logits_is_the_loss((p, c) in with_correct(), t in temperature()) {
        let z = logits(p.probs(), t);
        let from_logits = log_sum_exp(&z, t) - z[c] / t;
        let loss = -p.probs()[c].ln();
        prop_assert!(from_logits == loss || (from_logits - loss).abs() <= 1e-12 * loss.abs().max(1.0), "{} vs {}", from_logits, loss);
    }

    /// The ratio is symmetric: swapping the two losses swaps only which model is lower.
    #[test]
    fn the_ratio_is_symmetric(a in prop_oneof![0.0..50.0f64, Just(0.0), Just(f64::INFINITY)], b in prop_oneof![0.0..50.0f64, Just(0.0), Just(f64::INFINITY)]) {
        match (ratio(a, b), ratio(b, a)) {
            (Ratio::Equal, Ratio::Equal) => prop_assert_eq!(a, b),
            (Ratio::Lower { lower: x, factor: f }, Ratio::Lower { lower: y, factor: g }) => {
                prop_assert_eq!(x, 1 - y);
                prop_assert_eq!(f, g);
                prop_assert!(f >= 1.0);
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }
}
