//! Checks the loss module against `tests/fixtures/loss_cases.txt`, values computed by an
//! independent program (mpmath at 50 digits, `tests/fixtures/gen_loss_cases.py`).
#![cfg(not(target_arch = "wasm32"))]

use loss_explorer::compare::{ratio, Ratio};
use loss_explorer::logits::{log_sum_exp, logits, p_for_logit, retemper};
use loss_explorer::loss::{
    log_softmax, sentence_loss, softmax, Distribution, LearningRate, Prediction, Units,
};

const CASES: &str = include_str!("fixtures/loss_cases.txt");
const REL: f64 = 1e-12;

fn num(s: &str) -> f64 {
    s.trim()
        .parse()
        .unwrap_or_else(|e| panic!("bad number {s:?} in fixture: {e}"))
}

fn nums(s: &str) -> Vec<f64> {
    s.split(',').map(num).collect()
}

/// Equal to `REL` relative, exactly equal for infinities. `abs` is an absolute floor, used
/// only for quantities that are differences of O(1) numbers (gradients), where the last bit
/// of each operand is all a double can promise.
#[track_caller]
fn check(what: &str, case: &str, got: f64, want: f64, abs: f64) {
    let ok = if want.is_infinite() {
        got == want
    } else {
        (got - want).abs() <= REL * want.abs() + abs
    };
    assert!(ok, "{case}: {what} is {got:e}, expected {want:e}");
}

#[track_caller]
fn check_all(what: &str, case: &str, got: &[f64], want: &[f64], abs: f64) {
    assert_eq!(got.len(), want.len(), "{case}: {what} length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        check(&format!("{what}[{i}]"), case, *g, *w, abs);
    }
}

fn check_p_case(f: &[&str]) {
    let name = f[1];
    let c: usize = f[2].parse().expect("correct index");
    let eps = num(f[3]);
    let lr = num(f[4]);
    let p = Distribution::new(nums(f[5])).unwrap_or_else(|e| panic!("{name}: {e}"));
    let y = Prediction::new(p, c, eps).unwrap_or_else(|e| panic!("{name}: {e}"));

    check(
        "CE nats",
        name,
        y.cross_entropy(Units::Nats),
        num(f[6]),
        0.0,
    );
    check(
        "CE bits",
        name,
        y.cross_entropy(Units::Bits),
        num(f[7]),
        0.0,
    );
    check("perplexity", name, y.perplexity(), num(f[8]), 0.0);
    check("slope", name, y.slope(Units::Nats), num(f[9]), 0.0);
    check("H(y)", name, y.entropy(), num(f[10]), 0.0);
    check("CE(y,p)", name, y.soft_cross_entropy(), num(f[11]), 0.0);
    check("KL(y||p)", name, y.kl_divergence(), num(f[12]), 0.0);
    check_all("gradient", name, &y.gradient(), &nums(f[13]), 1e-16);
    let eta = LearningRate::new(lr).unwrap_or_else(|e| panic!("{name}: {e}"));
    check_all("step", name, y.step(eta).probs().probs(), &nums(f[14]), 0.0);
}

fn check_z_case(f: &[&str]) {
    let name = f[1];
    let z = nums(f[2]);
    check_all(
        "softmax",
        name,
        softmax(&z).unwrap().probs(),
        &nums(f[3]),
        0.0,
    );
    check_all(
        "log_softmax",
        name,
        &log_softmax(&z).unwrap(),
        &nums(f[4]),
        0.0,
    );
}

fn check_s_case(f: &[&str]) {
    let name = f[1];
    let repeat: usize = f[2].parse().expect("repeat");
    let s = sentence_loss(&nums(f[3]), repeat);
    assert_eq!(s.positions.to_string(), f[4], "{name}: T");
    // T = 1000 sums of logs: the last bits of each term add up, hence a looser bound here.
    let sum_rel = 1e-13 * s.positions as f64;
    let close = |what: &str, got: f64, want: f64| {
        let ok = if want.is_infinite() {
            got == want
        } else {
            (got - want).abs() <= sum_rel * want.abs() + 1e-300
        };
        assert!(ok, "{name}: {what} is {got:e}, expected {want:e}");
    };
    close("log-probability", s.log_prob, num(f[5]));
    close("loss (nats)", s.loss(Units::Nats), num(f[6]));
    close("loss (bits)", s.loss(Units::Bits), num(f[7]));
    close("perplexity", s.perplexity(), num(f[8]));
    close("log10 probability", s.log10_probability(), num(f[9]));
    // Float32 arithmetic is exact to the bit: both sides round the same products.
    let want: f32 = f[10].trim().parse().expect("f32 product");
    assert_eq!(
        s.product_f32.to_bits(),
        want.to_bits(),
        "{name}: float32 product"
    );
}

fn check_m_case(f: &[&str]) {
    let name = f[1];
    let c: usize = f[2].parse().expect("correct index");
    let p = Distribution::new(nums(f[3])).unwrap_or_else(|e| panic!("{name}: {e}"));
    let y = Prediction::new(p, c, 0.0).unwrap_or_else(|e| panic!("{name}: {e}"));
    check(
        "as logits",
        name,
        y.probabilities_as_logits(),
        num(f[4]),
        0.0,
    );
    check("ln p_c", name, y.minus_sign_dropped(), num(f[5]), 0.0);
    check(
        "CE bits",
        name,
        y.cross_entropy(Units::Bits),
        num(f[6]),
        0.0,
    );
}

/// Softmax and log-sum-exp at a temperature: `p_for_logit` with a word's own logit is
/// `softmax(z/t)` of that word.
fn check_q_case(f: &[&str]) {
    let (name, t, z) = (f[1], num(f[2]), nums(f[3]));
    let p: Vec<f64> = (0..z.len()).map(|k| p_for_logit(&z, t, k, z[k])).collect();
    // A share of 1e-87 is computed as 1/(1 + e^200): relative to the share, not to 1.
    check_all("softmax(z/T)", name, &p, &nums(f[4]), 0.0);
    check("log-sum-exp", name, log_sum_exp(&z, t), num(f[5]), 0.0);
}

/// The logits of a distribution at `t`, their log-sum-exp, the loss from them, and the
/// distribution at `t2` with the same logits.
fn check_t_case(f: &[&str]) {
    let name = f[1];
    let c: usize = f[2].parse().expect("correct index");
    let (t, t2) = (num(f[3]), num(f[4]));
    let p = Distribution::new(nums(f[5])).unwrap_or_else(|e| panic!("{name}: {e}"));
    let z = logits(p.probs(), t);
    check_all("logits", name, &z, &nums(f[6]), 1e-15);
    let lse = log_sum_exp(&z, t);
    check("log-sum-exp", name, lse, num(f[7]), 1e-15);
    check("LSE - z_c/T", name, lse - z[c] / t, num(f[8]), 1e-15);
    check_all(
        "retempered",
        name,
        retemper(&p, t, t2).probs(),
        &nums(f[9]),
        1e-15,
    );
}

/// Two models' losses and the larger over the smaller.
fn check_r_case(f: &[&str]) {
    let name = f[1];
    let c: usize = f[2].parse().expect("correct index");
    let loss = |i: usize| {
        let p = Distribution::new(nums(f[i])).unwrap_or_else(|e| panic!("{name}: {e}"));
        Prediction::new(p, c, 0.0).map_or(f64::NAN, |y| y.loss(Units::Nats))
    };
    let (la, lb) = (loss(3), loss(4));
    check("loss A", name, la, num(f[5]), 0.0);
    check("loss B", name, lb, num(f[6]), 0.0);
    let factor = match ratio(la, lb) {
        Ratio::Equal => 1.0,
        Ratio::Lower { lower, factor } => {
            assert_eq!(lower, usize::from(la > lb), "{name}: which is lower");
            factor
        }
    };
    // The mpmath ratio is of the exact losses; ours of two rounded ones.
    check("ratio", name, factor, num(f[7]), 1e-15 * factor);
}

#[test]
fn matches_the_independent_implementation() {
    let mut counts = (0, 0, 0, 0);
    let mut more = (0, 0, 0);
    for line in CASES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split(" | ").collect();
        match (fields[0], fields.len()) {
            ("P", 15) => {
                check_p_case(&fields);
                counts.0 += 1;
            }
            ("Z", 5) => {
                check_z_case(&fields);
                counts.1 += 1;
            }
            ("S", 11) => {
                check_s_case(&fields);
                counts.2 += 1;
            }
            ("M", 7) => {
                check_m_case(&fields);
                counts.3 += 1;
            }
            ("Q", 6) => {
                check_q_case(&fields);
                more.0 += 1;
            }
            ("T", 10) => {
                check_t_case(&fields);
                more.1 += 1;
            }
            ("R", 8) => {
                check_r_case(&fields);
                more.2 += 1;
            }
            _ => panic!("malformed fixture line: {line}"),
        }
    }
    eprintln!(
        "fixture cases: {} distributions, {} logit vectors, {} sentences, {} mistakes, \
         {} softmax at a temperature, {} temperature changes, {} pairs of models",
        counts.0, counts.1, counts.2, counts.3, more.0, more.1, more.2
    );
    assert!(
        more.0 >= 20 && more.1 >= 20 && more.2 >= 15,
        "fixture is missing cases: {more:?}"
    );
    assert!(
        counts.0 >= 100 && counts.1 >= 30 && counts.2 >= 50 && counts.3 >= 20,
        "fixture is missing cases: {counts:?}"
    );
}
