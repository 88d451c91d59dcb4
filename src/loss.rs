//! The maths of cross-entropy: distributions, loss, perplexity, softmax, gradients, soft
//! targets, the loss of a whole sentence, and the numbers the common mistakes give.
//!
//! Pure Rust over `f64`, with no web types, so that plain `cargo test` checks every number the
//! widget shows. Nothing here panics on any input. Invalid input is a [`LossError`] that says
//! what is wrong; once a [`Prediction`] exists, everything it computes is total, and a zero
//! probability gives `+∞`, never NaN.

use crate::num::{clamp, shortest};
use std::f64::consts::LN_2;
use std::fmt;

/// The fewest words a distribution may have.
pub const MIN_WORDS: usize = 2;
/// The most words a distribution may have.
pub const MAX_WORDS: usize = 10;
/// How far from 1 the sum of a [`Distribution`] may be.
pub const SUM_TOLERANCE: f64 = 1e-12;
/// The floor under a probability before its logarithm is taken in [`Prediction::step`]:
/// `ln max(p, 1e-9)`.
///
/// Without it a word at probability 0 would have the logit `−∞` and no step could ever raise it.
pub const LOGIT_FLOOR: f64 = 1e-9;
/// The largest label smoothing ε the widget accepts.
pub const MAX_SMOOTHING: f64 = 0.5;

/// Why numbers given to this module were refused.
#[derive(Clone, Debug, PartialEq)]
pub enum LossError {
    /// Fewer than [`MIN_WORDS`] or more than [`MAX_WORDS`] values.
    WrongCount {
        /// How many values there were.
        len: usize,
    },
    /// A value is NaN or infinite.
    NotFinite {
        /// Zero-based position of the value.
        index: usize,
        /// The value itself.
        value: f64,
    },
    /// A probability is below zero.
    Negative {
        /// Zero-based position of the value.
        index: usize,
        /// The value itself.
        value: f64,
    },
    /// Every weight is zero, so there is nothing to normalise.
    AllZero,
    /// The probabilities do not add up to 1 within [`SUM_TOLERANCE`].
    SumNotOne {
        /// What they add up to.
        sum: f64,
    },
    /// The correct word is not a position in the distribution.
    NoSuchWord {
        /// The index given.
        index: usize,
        /// How many words there are.
        len: usize,
    },
    /// The learning rate is not a finite number above zero.
    BadLearningRate(f64),
    /// The label smoothing is outside `[0, 0.5]` or NaN.
    BadSmoothing(f64),
}

impl fmt::Display for LossError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LossError::WrongCount { len } => write!(
                f,
                "needs between {MIN_WORDS} and {MAX_WORDS} values, got {len}"
            ),
            LossError::NotFinite { index, value } => write!(
                f,
                "value {} is {}, not a finite number",
                index + 1,
                shortest(*value)
            ),
            LossError::Negative { index, value } => {
                write!(f, "value {} is {}, below zero", index + 1, shortest(*value))
            }
            LossError::AllZero => write!(f, "all values are zero, so they cannot be normalised"),
            LossError::SumNotOne { sum } => {
                write!(f, "values add up to {}, not 1", shortest(*sum))
            }
            LossError::NoSuchWord { index, len } => {
                write!(f, "index {index} is not one of the {len} words")
            }
            LossError::BadLearningRate(v) => write!(
                f,
                "learning rate {} must be a finite number above 0",
                shortest(*v)
            ),
            LossError::BadSmoothing(v) => write!(
                f,
                "label smoothing {} must be between 0 and 0.5",
                shortest(*v)
            ),
        }
    }
}

impl std::error::Error for LossError {}

/// A probability distribution over `K` words, `2 ≤ K ≤ 10`: every `p_i` finite and `≥ 0`,
/// and `Σ p_i = 1` within [`SUM_TOLERANCE`].
///
/// The only ways to get one validate their input, so every function that takes a
/// `&Distribution` can rely on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    p: Vec<f64>,
}

impl Distribution {
    /// Takes `p` as it is, if it already is a distribution.
    ///
    /// ```
    /// use loss_explorer::loss::{Distribution, LossError};
    /// assert!(Distribution::new(vec![0.4, 0.3, 0.2, 0.1]).is_ok());
    /// assert_eq!(
    ///     Distribution::new(vec![0.5, 0.6]),
    ///     Err(LossError::SumNotOne { sum: 1.1 })
    /// );
    /// ```
    pub fn new(mut p: Vec<f64>) -> Result<Self, LossError> {
        check_values(&p)?;
        positive_zeros(&mut p);
        let sum = kahan_sum(&p);
        // A NaN sum (huge values overflowing) must fail the check too.
        if sum.is_nan() || (sum - 1.0).abs() > SUM_TOLERANCE {
            return Err(LossError::SumNotOne { sum });
        }
        Ok(Distribution { p })
    }

    /// Divides non-negative weights by their sum: `p_i = w_i / Σ w_j`.
    ///
    /// ```
    /// use loss_explorer::loss::Distribution;
    /// let d = Distribution::normalized(&[2.0, 1.0, 1.0]).unwrap();
    /// assert_eq!(d.probs(), &[0.5, 0.25, 0.25]);
    /// ```
    pub fn normalized(weights: &[f64]) -> Result<Self, LossError> {
        check_values(weights)?;
        // Dividing each weight by the largest first keeps the sum finite even for weights
        // near f64::MAX, and keeps tiny (subnormal) weights from dividing into infinity.
        let max = weights.iter().copied().fold(0.0, f64::max);
        if max == 0.0 {
            return Err(LossError::AllZero);
        }
        let mut scaled: Vec<f64> = weights.iter().map(|w| w / max).collect();
        positive_zeros(&mut scaled);
        let sum = kahan_sum(&scaled);
        Ok(Distribution {
            p: scaled.iter().map(|w| w / sum).collect(),
        })
    }

    /// The uniform distribution `p_i = 1/K`.
    pub fn uniform(k: usize) -> Result<Self, LossError> {
        if !(MIN_WORDS..=MAX_WORDS).contains(&k) {
            return Err(LossError::WrongCount { len: k });
        }
        Ok(Distribution {
            p: vec![1.0 / k as f64; k],
        })
    }

    /// The probabilities, in word order.
    pub fn probs(&self) -> &[f64] {
        &self.p
    }

    /// How many words, `K`.
    pub fn len(&self) -> usize {
        self.p.len()
    }

    /// Always false: a distribution has at least [`MIN_WORDS`] words.
    pub fn is_empty(&self) -> bool {
        self.p.is_empty()
    }

    /// The slider rule: word `i` becomes `v` and every other word is scaled by the same
    /// factor `(1 − v) / Σ_{j≠i} p_j`, so that all still sum to 1. If the others are all 0,
    /// `1 − v` is split equally among them.
    ///
    /// `v` is clamped to `[0, 1]`; a NaN `v`, or an `i` past the end, leaves the distribution
    /// unchanged. Clamping rather than refusing matches what a slider can do: it can be
    /// dragged past its end, but it can never hold an impossible value.
    ///
    /// ```
    /// use loss_explorer::loss::Distribution;
    /// let d = Distribution::new(vec![0.5, 0.3, 0.2]).unwrap().with_prob(0, 0.8);
    /// // The others keep their 3 : 2 ratio and share what is left.
    /// assert!((d.probs()[1] - 0.12).abs() < 1e-15);
    /// assert!((d.probs()[2] - 0.08).abs() < 1e-15);
    /// ```
    pub fn with_prob(&self, i: usize, v: f64) -> Distribution {
        self.with_prob_locked(i, v, &[])
    }

    /// The slider rule when some words are locked: word `i` becomes `v`, locked words keep
    /// their probability, and only the unlocked others are rescaled (or split equally, if
    /// they are all 0). `v` is clamped to what the unlocked others can give up:
    /// `[0, 1 − Σ locked]`. If no other word is unlocked, word `i` cannot move and the
    /// distribution is returned unchanged. `locked[j]` past the end of `locked` counts as
    /// unlocked, and word `i`'s own lock is ignored.
    pub fn with_prob_locked(&self, i: usize, v: f64, locked: &[bool]) -> Distribution {
        let is_locked = |j: usize| j != i && locked.get(j).copied().unwrap_or(false);
        let k = self.p.len();
        if i >= k || v.is_nan() {
            return self.clone();
        }
        let free: Vec<usize> = (0..k).filter(|&j| j != i && !is_locked(j)).collect();
        if free.is_empty() {
            return self.clone();
        }
        let locked_mass: f64 = (0..k).filter(|&j| is_locked(j)).map(|j| self.p[j]).sum();
        let room = (1.0 - locked_mass).max(0.0);
        let v = clamp(v, 0.0, room);
        let rest = room - v;
        let others: f64 = free.iter().map(|&j| self.p[j]).sum();
        let mut p = self.p.clone();
        p[i] = v;
        for &j in &free {
            // p_j / others is at most 1, so this never overflows even when `others` is tiny.
            p[j] = if others > 0.0 {
                self.p[j] / others * rest
            } else {
                rest / free.len() as f64
            };
        }
        // No final renormalisation: it would nudge locked words by an ulp. Each move
        // recomputes `rest` from 1, so rounding errors cannot build up across moves.
        Distribution::new(p).unwrap_or_else(|_| self.clone())
    }

    /// Without word `i`, the others rescaled to sum to 1 (equal, if `i` held everything).
    /// `None` when that would leave fewer than [`MIN_WORDS`] words.
    pub fn without(&self, i: usize) -> Option<Distribution> {
        let mut p = self.p.clone();
        if i >= p.len() {
            return None;
        }
        p.remove(i);
        Distribution::normalized(&p)
            .or_else(|_| Distribution::uniform(p.len()))
            .ok()
    }

    /// With one more word at probability `1/(K+1)`, the others scaled by `K/(K+1)`. `None`
    /// at [`MAX_WORDS`].
    pub fn with_new_word(&self) -> Option<Distribution> {
        let k = self.p.len();
        let mut p = self.p.clone();
        p.push(0.0);
        Some(
            Distribution::new(p)
                .ok()?
                .with_prob(k, 1.0 / (k + 1) as f64),
        )
    }
}

impl Default for Distribution {
    /// Two words at one half each: the smallest valid distribution.
    fn default() -> Self {
        Distribution { p: vec![0.5, 0.5] }
    }
}

/// `−0` passes every check for `≥ 0` but prints as `-0`; it means 0.
fn positive_zeros(p: &mut [f64]) {
    for x in p {
        *x += 0.0;
    }
}

fn check_values(p: &[f64]) -> Result<(), LossError> {
    if !(MIN_WORDS..=MAX_WORDS).contains(&p.len()) {
        return Err(LossError::WrongCount { len: p.len() });
    }
    for (index, &value) in p.iter().enumerate() {
        if !value.is_finite() {
            return Err(LossError::NotFinite { index, value });
        }
        if value < 0.0 {
            return Err(LossError::Negative { index, value });
        }
    }
    Ok(())
}

/// Compensated summation: with at most ten terms plain summation would do, but this makes the
/// 1e-12 sum check immune to the order of the terms.
fn kahan_sum(xs: &[f64]) -> f64 {
    let mut sum = 0.0;
    let mut c = 0.0;
    for &x in xs {
        let y = x - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// The unit a loss is measured in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Units {
    /// Natural logarithm, what ML papers and PyTorch report.
    #[default]
    Nats,
    /// Base-2 logarithm, what information theory reports.
    Bits,
}

impl Units {
    /// The unit's name as it appears in the URL and the UI: `nats` or `bits`.
    pub fn name(self) -> &'static str {
        match self {
            Units::Nats => "nats",
            Units::Bits => "bits",
        }
    }

    /// Parses `nats` or `bits`.
    pub fn parse(s: &str) -> Option<Units> {
        match s {
            "nats" => Some(Units::Nats),
            "bits" => Some(Units::Bits),
            _ => None,
        }
    }

    /// The other unit: bits for nats, nats for bits.
    pub fn other(self) -> Units {
        match self {
            Units::Nats => Units::Bits,
            Units::Bits => Units::Nats,
        }
    }

    /// Converts a quantity in nats to this unit: `x` nats is `x / ln 2` bits.
    pub fn from_nats(self, nats: f64) -> f64 {
        match self {
            Units::Nats => nats,
            Units::Bits => nats / LN_2,
        }
    }

    /// The symbol of the logarithm in this unit, for formulas: `ln` or `log₂`.
    pub fn log_symbol(self) -> &'static str {
        match self {
            Units::Nats => "ln",
            Units::Bits => "log₂",
        }
    }

    /// `−log p` in this unit: `−ln p` nats or `−log₂ p` bits; `+∞` at `p = 0`, `+0` at `p = 1`.
    pub fn neg_log(self, p: f64) -> f64 {
        match self {
            Units::Nats => neg_ln(p),
            // log2 is exact on powers of two, where dividing ln by ln 2 can be off by an ulp.
            Units::Bits => 0.0 - p.log2(),
        }
    }
}

/// `−ln p`, with `−ln 0 = +∞` and `−ln 1 = +0` (never `−0`, which would print as `-0.000`).
fn neg_ln(p: f64) -> f64 {
    0.0 - p.ln()
}

/// Perplexity from a loss in nats: `exp(L)`. `exp(3.0) ≈ 20.1`, the tutorial's example, and
/// an average loss of 2.5 nats is a perplexity of about 12.18:
///
/// ```
/// use loss_explorer::loss::perplexity_from_loss;
/// assert_eq!(format!("{:.2}", perplexity_from_loss(2.5)), "12.18");
/// ```
pub fn perplexity_from_loss(loss_nats: f64) -> f64 {
    loss_nats.exp()
}

/// The most positions a sentence may have, `T = repeat × tokens`.
pub const MAX_POSITIONS: usize = 1000;

/// The smallest positive normal `f32`, `2⁻¹²⁶`: below it float32 loses digits, and below
/// `2⁻¹⁴⁹` it has none left.
pub const F32_MIN_NORMAL: f64 = 1.1754943508222875e-38;

/// The loss of a whole sentence: `T` positions, the `t`-th predicted with probability `p_t`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SentenceLoss {
    /// How many positions, `T`.
    pub positions: usize,
    /// The log-probability of the sentence, `Σ ln p_t` nats (`−∞` if some `p_t = 0`).
    pub log_prob: f64,
    /// The same product taken left to right in `f32` arithmetic, as a naive implementation
    /// would; it underflows to 0 long before the sum of logs runs out of range.
    pub product_f32: f32,
}

impl SentenceLoss {
    /// The average loss per token, `−(1/T) Σ ln p_t`, in `units`; `+∞` if some `p_t = 0`.
    pub fn loss(&self, units: Units) -> f64 {
        units.from_nats(0.0 - self.log_prob / self.positions.max(1) as f64)
    }

    /// The sentence's perplexity, `exp(−(1/T) Σ ln p_t)`: the size of a uniform choice that
    /// would be as surprised, on average, at every token.
    pub fn perplexity(&self) -> f64 {
        perplexity_from_loss(self.loss(Units::Nats))
    }

    /// `log₁₀ Π p_t = Σ ln p_t / ln 10`, which stays finite where the product itself would
    /// underflow even an `f64` (1000 tokens at `p = 10⁻³` is `10⁻³⁰⁰⁰`).
    pub fn log10_probability(&self) -> f64 {
        self.log_prob / std::f64::consts::LN_10
    }

    /// The probability of the whole sentence, `Π p_t = exp(Σ ln p_t)`; 0 where that
    /// underflows an `f64`.
    pub fn probability(&self) -> f64 {
        self.log_prob.exp()
    }
}

/// Probabilities as the sentence uses them: clamped to `[0, 1]`, NaN as 0.
fn clamp_probs(p: &[f64]) -> impl Iterator<Item = f64> + Clone + '_ {
    p.iter().map(|&x| clamp(x, 0.0, 1.0))
}

/// The loss of a sentence whose `n` tokens have probabilities `p` (each in `[0, 1]`),
/// repeated `repeat` times: `T = repeat · n` positions, log-probability
/// `Σ ln p_t = repeat · Σ_{i<n} ln p_i`. Values outside `[0, 1]` are clamped and NaN counts
/// as 0, so any input gives a number.
///
/// The tutorial's example: half a chance at each of 100 tokens is a sentence probability of
/// `0.5¹⁰⁰ ≈ 7.89e-31`, which `f32` still holds; at 150 tokens `f32` has given up.
///
/// ```
/// use loss_explorer::loss::{sentence_loss, Units};
/// let s = sentence_loss(&[0.5; 5], 20);
/// assert_eq!(s.positions, 100);
/// assert_eq!(format!("{:.3}", s.loss(Units::Nats)), "0.693");
/// assert_eq!(s.product_f32, 0.5f32.powi(100));
/// assert_eq!(sentence_loss(&[0.5; 5], 30).product_f32, 0.0);
/// ```
pub fn sentence_loss(p: &[f64], repeat: usize) -> SentenceLoss {
    let once: f64 = clamp_probs(p).map(f64::ln).sum();
    let product_f32 = running_products(p, repeat).last().map_or(1.0, |&(_, f)| f);
    SentenceLoss {
        positions: repeat * p.len(),
        // 0 · (−∞) would be NaN: no positions is an empty sum.
        log_prob: if repeat == 0 || p.is_empty() {
            0.0
        } else {
            once * repeat as f64
        },
        product_f32,
    }
}

/// After each position `t = 1 … T` of the sentence, the running log-probability
/// `Σ_{s≤t} ln p_s` and the running product `p_1 · … · p_t` in `f32`, multiplied left to
/// right with the rounding of every step: what the sentence plot draws.
///
/// ```
/// use loss_explorer::loss::running_products;
/// let run = running_products(&[0.5], 150);
/// assert_eq!(run[148].1, f32::from_bits(1)); // 2⁻¹⁴⁹, float32's last positive value
/// assert_eq!(run[149].1, 0.0); // 2⁻¹⁵⁰ rounds to even: zero
/// assert!((run[149].0 + 150.0 * 2f64.ln()).abs() < 1e-12);
/// ```
pub fn running_products(p: &[f64], repeat: usize) -> Vec<(f64, f32)> {
    let p = clamp_probs(p);
    let (mut log, mut product) = (0.0, 1f32);
    std::iter::repeat_n(p, repeat)
        .flatten()
        .map(|x| {
            log += x.ln();
            product *= x as f32;
            (log, product)
        })
        .collect()
}

/// A learning rate η: a finite number above zero.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct LearningRate(f64);

impl LearningRate {
    /// Takes `eta` if it is finite and above zero.
    pub fn new(eta: f64) -> Result<LearningRate, LossError> {
        if eta.is_finite() && eta > 0.0 {
            Ok(LearningRate(eta))
        } else {
            Err(LossError::BadLearningRate(eta))
        }
    }

    /// η itself.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl Default for LearningRate {
    /// η = 1.
    fn default() -> Self {
        LearningRate(1.0)
    }
}

/// One prediction and what really came next: the model's distribution `p` over the words, the
/// correct word `c`, and the label smoothing `ε` of the target `y`.
///
/// Its constructor checks that `c` is one of the words and that `0 ≤ ε ≤ 0.5`, so every
/// quantity below is total: no `Result`, no NaN, `+∞` where a probability the target needs
/// is 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    p: Distribution,
    correct: usize,
    smoothing: f64,
}

impl Prediction {
    /// `p` with correct word `correct` and label smoothing `smoothing`.
    ///
    /// ```
    /// use loss_explorer::loss::{Distribution, LossError, Prediction};
    /// let p = Distribution::new(vec![0.6, 0.3, 0.1]).unwrap();
    /// assert!(Prediction::new(p.clone(), 1, 0.0).is_ok());
    /// assert_eq!(
    ///     Prediction::new(p, 3, 0.0),
    ///     Err(LossError::NoSuchWord { index: 3, len: 3 })
    /// );
    /// ```
    pub fn new(p: Distribution, correct: usize, smoothing: f64) -> Result<Prediction, LossError> {
        if correct >= p.len() {
            return Err(LossError::NoSuchWord {
                index: correct,
                len: p.len(),
            });
        }
        if !(0.0..=MAX_SMOOTHING).contains(&smoothing) {
            return Err(LossError::BadSmoothing(smoothing));
        }
        Ok(Prediction {
            p,
            correct,
            // −0 would print as "-0"; it means 0.
            smoothing: smoothing + 0.0,
        })
    }

    /// One-hot on the first word of `p`, without smoothing: what every distribution allows.
    pub fn first_word(p: Distribution) -> Prediction {
        Prediction {
            p,
            correct: 0,
            smoothing: 0.0,
        }
    }

    /// The distribution `p`.
    pub fn probs(&self) -> &Distribution {
        &self.p
    }

    /// The correct word's index, `c`.
    pub fn correct(&self) -> usize {
        self.correct
    }

    /// The label smoothing `ε`.
    pub fn smoothing(&self) -> f64 {
        self.smoothing
    }

    /// The correct word's probability, `p_c`.
    pub fn p_correct(&self) -> f64 {
        self.p.p[self.correct]
    }

    /// The same target with another distribution of the same length; `None` if the lengths
    /// differ.
    pub fn with_probs(&self, p: Distribution) -> Option<Prediction> {
        (p.len() == self.p.len()).then_some(Prediction {
            p,
            correct: self.correct,
            smoothing: self.smoothing,
        })
    }

    /// Another correct word; `None` if `correct` is not one of the words.
    pub fn with_correct(&self, correct: usize) -> Option<Prediction> {
        Prediction::new(self.p.clone(), correct, self.smoothing).ok()
    }

    /// Another label smoothing, clamped to `[0, 0.5]`; a NaN leaves it unchanged.
    pub fn with_smoothing(&self, smoothing: f64) -> Prediction {
        let mut next = self.clone();
        if !smoothing.is_nan() {
            next.smoothing = clamp(smoothing, 0.0, MAX_SMOOTHING) + 0.0;
        }
        next
    }

    /// Cross-entropy against the one-hot target: `L = −ln p_c` nats or `−log₂ p_c` bits.
    /// `p_c = 0` gives `+∞`. The tutorial's chai example, before and after one training step:
    ///
    /// ```
    /// use loss_explorer::loss::{Distribution, Prediction, Units};
    /// let before = Distribution::new(vec![0.40, 0.30, 0.20, 0.10]).unwrap();
    /// let after = Distribution::new(vec![0.75, 0.15, 0.07, 0.03]).unwrap();
    /// let loss = |p| Prediction::new(p, 0, 0.0).unwrap().cross_entropy(Units::Nats);
    /// assert_eq!(format!("{:.3}", loss(before)), "0.916");
    /// assert_eq!(format!("{:.3}", loss(after)), "0.288");
    /// ```
    pub fn cross_entropy(&self, units: Units) -> f64 {
        units.neg_log(self.p_correct())
    }

    /// The Loss readout: `−log p_c` when `ε = 0` (bit for bit), else the cross-entropy
    /// against the smoothed target, `CE(y, p)`, which is what PyTorch's
    /// `cross_entropy(…, label_smoothing=ε)` returns.
    pub fn loss(&self, units: Units) -> f64 {
        if self.smoothing > 0.0 {
            units.from_nats(self.soft_cross_entropy())
        } else {
            self.cross_entropy(units)
        }
    }

    /// Perplexity: `exp(−ln p_c)`, which is `1 / p_c`; `+∞` when `p_c = 0`. A perplexity of
    /// `n` means the model is as unsure as a uniform choice among `n` words. Smoothing does
    /// not change it.
    ///
    /// ```
    /// use loss_explorer::loss::{Distribution, Prediction};
    /// let uniform = Distribution::uniform(4).unwrap();
    /// let ppl = Prediction::new(uniform, 2, 0.0).unwrap().perplexity();
    /// assert!((ppl - 4.0).abs() < 1e-12);
    /// ```
    pub fn perplexity(&self) -> f64 {
        perplexity_from_loss(neg_ln(self.p_correct()))
    }

    /// What PyTorch's `cross_entropy` reports when handed the probabilities as if they were
    /// logits (it applies softmax again): `−p_c + ln Σ_i exp(p_i)` nats. A classic mistake,
    /// and a quiet one: softmax of numbers in `[0, 1]` is nearly uniform, so the "loss" sits
    /// near `ln K` whatever the prediction.
    ///
    /// ```
    /// use loss_explorer::loss::{Distribution, Prediction};
    /// let p = Distribution::new(vec![1.0, 0.0]).unwrap();
    /// let mistake = Prediction::new(p, 0, 0.0).unwrap().probabilities_as_logits();
    /// // Certain and right, yet the "loss" is ln(1 + e⁻¹) ≈ 0.313, not 0.
    /// assert_eq!(format!("{mistake:.3}"), "0.313");
    /// ```
    pub fn probabilities_as_logits(&self) -> f64 {
        // Probabilities are finite logits, so log-softmax cannot fail on them.
        log_softmax(self.p.probs()).map_or(f64::INFINITY, |l| 0.0 - l[self.correct])
    }

    /// The loss with its minus sign forgotten: `ln p_c` nats, negative (`−∞` at `p_c = 0`),
    /// which no training could minimise sensibly.
    pub fn minus_sign_dropped(&self) -> f64 {
        self.p_correct().ln()
    }

    /// The slope of the loss curve at the current point: `dL/dp_c = −1/p_c` in nats,
    /// `−1/(p_c ln 2)` in bits; `−∞` when `p_c = 0`.
    pub fn slope(&self, units: Units) -> f64 {
        units.from_nats(-1.0 / self.p_correct())
    }

    /// The target `y = (1 − ε)·onehot(c) + ε/K`.
    ///
    /// ```
    /// use loss_explorer::loss::{Distribution, Prediction};
    /// let p = Distribution::uniform(5).unwrap();
    /// let y = Prediction::new(p, 0, 0.1).unwrap().target();
    /// assert!((y[0] - 0.92).abs() < 1e-15 && (y[1] - 0.02).abs() < 1e-15);
    /// ```
    pub fn target(&self) -> Vec<f64> {
        let k = self.p.len();
        let share = self.smoothing / k as f64;
        (0..k)
            .map(|i| {
                if i == self.correct {
                    1.0 - self.smoothing + share
                } else {
                    share
                }
            })
            .collect()
    }

    /// Entropy of the target, `H(y) = −Σ y_i ln y_i` nats, with `0 · ln 0 = 0`. It is 0 for a
    /// one-hot target.
    pub fn entropy(&self) -> f64 {
        0.0 - self
            .target()
            .iter()
            .map(|&y| if y == 0.0 { 0.0 } else { y * y.ln() })
            .sum::<f64>()
    }

    /// Cross-entropy against the target: `CE(y, p) = −Σ y_i ln p_i` nats, terms with `y_i = 0`
    /// taken as 0. It equals `−ln p_c` when `ε = 0`, and is `+∞` when some `p_i = 0` has
    /// `y_i > 0`.
    pub fn soft_cross_entropy(&self) -> f64 {
        0.0 - self
            .target()
            .iter()
            .zip(self.p.probs())
            .map(|(&y, &p)| if y == 0.0 { 0.0 } else { y * p.ln() })
            .sum::<f64>()
    }

    /// Kullback–Leibler divergence `KL(y‖p) = Σ y_i ln(y_i / p_i)` nats, terms with `y_i = 0`
    /// taken as 0, `+∞` when some `p_i = 0` has `y_i > 0`. It is how far the loss is above
    /// its minimum, since `CE(y, p) = H(y) + KL(y‖p)`; with a one-hot target it is the loss:
    ///
    /// ```
    /// use loss_explorer::loss::{Distribution, Prediction, Units};
    /// let p = Distribution::new(vec![0.6, 0.3, 0.1]).unwrap();
    /// let exercise_1 = Prediction::new(p, 1, 0.0).unwrap();
    /// assert_eq!(exercise_1.kl_divergence(), exercise_1.cross_entropy(Units::Nats));
    /// assert_eq!(format!("{:.3}", exercise_1.kl_divergence()), "1.204");
    /// ```
    pub fn kl_divergence(&self) -> f64 {
        self.target()
            .iter()
            .zip(self.p.probs())
            .map(|(&y, &p)| {
                if y == 0.0 {
                    0.0
                } else if p == 0.0 {
                    f64::INFINITY
                } else if y == 1.0 {
                    // The one-hot term; written this way it is bit-for-bit −ln p.
                    neg_ln(p)
                } else {
                    // ln(y/p) is the accurate form when p ≈ y; the difference of logarithms
                    // takes over where y/p would overflow (p subnormal).
                    let ratio = y / p;
                    if ratio.is_finite() {
                        y * ratio.ln()
                    } else {
                        y * (y.ln() - p.ln())
                    }
                }
            })
            .sum()
    }

    /// The gradient of the loss with respect to the logits (softmax followed by
    /// cross-entropy): `g_i = p_i − y_i`. Training moves the logits along `−g`.
    ///
    /// ```
    /// use loss_explorer::loss::{Distribution, Prediction};
    /// let p = Distribution::new(vec![0.4, 0.6]).unwrap();
    /// let g = Prediction::new(p, 0, 0.0).unwrap().gradient();
    /// assert_eq!(g, vec![0.4 - 1.0, 0.6]);
    /// ```
    pub fn gradient(&self) -> Vec<f64> {
        self.p
            .probs()
            .iter()
            .zip(self.target())
            .map(|(p, y)| p - y)
            .collect()
    }

    /// One step of gradient descent on the logits with learning rate `η`:
    /// `z_i = ln max(p_i, 1e-9)`, `z ← z − η·(p − y)`, `p ← softmax(z)`.
    ///
    /// With a one-hot target the correct word's probability does not fall, except by the at
    /// most `(K − 1)·1e-9` of mass that the floor lends to words at probability 0.
    ///
    /// ```
    /// use loss_explorer::loss::{Distribution, LearningRate, Prediction};
    /// let p = Distribution::new(vec![0.4, 0.3, 0.2, 0.1]).unwrap();
    /// let next = Prediction::new(p, 0, 0.0).unwrap().step(LearningRate::default());
    /// assert!(next.p_correct() > 0.4);
    /// ```
    pub fn step(&self, learning_rate: LearningRate) -> Prediction {
        let eta = learning_rate.get();
        let z: Vec<f64> = self
            .p
            .probs()
            .iter()
            .zip(self.gradient())
            .map(|(&p, g)| p.max(LOGIT_FLOOR).ln() - eta * g)
            .collect();
        // The logits are finite (ln 1e-9 ≥ −21, |η·g| ≤ 2η), so softmax cannot fail; the old
        // prediction stands in only if η is so large that they overflow.
        match softmax(&z) {
            Ok(p) => Prediction { p, ..self.clone() },
            Err(_) => self.clone(),
        }
    }
}

/// Softmax, computed stably: `p_i = exp(z_i − m) / Σ_j exp(z_j − m)` with `m = max z`.
///
/// Subtracting the largest logit keeps every exponent `≤ 0`, so logits of `±1e6` neither
/// overflow nor vanish all at once.
///
/// ```
/// use loss_explorer::loss::softmax;
/// // exp(1e6) overflows, but the shifted exponents are exp(0), exp(0) and exp(−2e6).
/// let p = softmax(&[1e6, 1e6, -1e6]).unwrap();
/// assert_eq!(p.probs(), &[0.5, 0.5, 0.0]);
/// ```
pub fn softmax(logits: &[f64]) -> Result<Distribution, LossError> {
    let max = checked_max(logits)?;
    let e: Vec<f64> = logits.iter().map(|z| (z - max).exp()).collect();
    // The largest term is exp(0) = 1, so the sum is in [1, K] and the division is safe.
    let sum = kahan_sum(&e);
    let p: Vec<f64> = e.iter().map(|x| x / sum).collect();
    // One more division by the sum puts the rounding of the first within the 1e-12 tolerance
    // (a step's result feeds the next step, so errors must not build up).
    let sum = kahan_sum(&p);
    Distribution::new(p.into_iter().map(|x| x / sum).collect())
}

/// Log-softmax, computed stably with log-sum-exp:
/// `ln p_i = z_i − m − ln Σ_j exp(z_j − m)` with `m = max z`.
///
/// Unlike `ln(softmax(z))` this stays finite when `p_i` underflows to 0.
///
/// ```
/// use loss_explorer::loss::log_softmax;
/// let lp = log_softmax(&[0.0, -1e6]).unwrap();
/// assert_eq!(lp[1], -1e6);
/// ```
pub fn log_softmax(logits: &[f64]) -> Result<Vec<f64>, LossError> {
    let max = checked_max(logits)?;
    // Σ exp(z_j − m) is 1 (the largest term) plus the rest; ln_1p of the rest keeps the
    // digits that ln(1 + rest) would round away when the largest logit dominates.
    let top = logits.iter().position(|&z| z == max).unwrap_or(0);
    let rest: f64 = logits
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != top)
        .map(|(_, z)| (z - max).exp())
        .sum();
    let lse = rest.ln_1p();
    Ok(logits.iter().map(|z| z - max - lse).collect())
}

fn checked_max(logits: &[f64]) -> Result<f64, LossError> {
    if !(MIN_WORDS..=MAX_WORDS).contains(&logits.len()) {
        return Err(LossError::WrongCount { len: logits.len() });
    }
    if let Some((index, &value)) = logits.iter().enumerate().find(|(_, z)| !z.is_finite()) {
        return Err(LossError::NotFinite { index, value });
    }
    Ok(logits.iter().copied().fold(f64::NEG_INFINITY, f64::max))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(p: &[f64]) -> Distribution {
        match Distribution::new(p.to_vec()) {
            Ok(d) => d,
            Err(e) => panic!("test distribution {p:?} is invalid: {e}"),
        }
    }

    fn prediction(p: &[f64], correct: usize, smoothing: f64) -> Prediction {
        match Prediction::new(dist(p), correct, smoothing) {
            Ok(p) => p,
            Err(e) => panic!("test prediction is invalid: {e}"),
        }
    }

    /// Checks `−ln p[c]` against a number printed in the tutorial, to its three decimals.
    #[track_caller]
    fn check_loss(p: &[f64], correct: usize, printed: &str) {
        let loss = prediction(p, correct, 0.0).cross_entropy(Units::Nats);
        assert_eq!(format!("{loss:.3}"), printed, "loss of {p:?} at {correct}");
    }

    #[test]
    fn cricket_predictions() {
        check_loss(&[0.10, 0.20, 0.70], 0, "2.303");
        check_loss(&[0.70, 0.20, 0.10], 0, "0.357");
        check_loss(&[1.0, 0.0, 0.0], 0, "0.000");
    }

    #[test]
    fn chai_before_and_after_a_step() {
        check_loss(&[0.40, 0.30, 0.20, 0.10], 0, "0.916");
        check_loss(&[0.75, 0.15, 0.07, 0.03], 0, "0.288");
    }

    #[test]
    fn the_log_table() {
        check_loss(&[0.90, 0.10], 0, "0.105");
        check_loss(&[0.50, 0.50], 0, "0.693");
        check_loss(&[0.10, 0.90], 0, "2.303");
        check_loss(&[0.01, 0.99], 0, "4.605");
    }

    #[test]
    fn exercise_1() {
        check_loss(&[0.6, 0.3, 0.1], 1, "1.204");
        check_loss(&[0.6, 0.3, 0.1], 0, "0.511");
    }

    #[test]
    fn exercise_2() {
        let a = prediction(&[0.90, 0.05, 0.05], 0, 0.0).cross_entropy(Units::Nats);
        let b = prediction(&[0.40, 0.30, 0.30], 0, 0.0).cross_entropy(Units::Nats);
        assert_eq!(format!("{a:.3} {b:.3}"), "0.105 0.916");
        assert_eq!(format!("{:.1}", b / a), "8.7");
    }

    #[test]
    fn exercise_3_and_perplexity() {
        assert_eq!(format!("{:.2}", perplexity_from_loss(2.5)), "12.18");
        assert_eq!(format!("{:.3}", 9.0_f64.ln()), "2.197");
        assert_eq!(format!("{:.1}", perplexity_from_loss(3.0)), "20.1");
        // Perplexity 9 is a loss of ln 9: the two readouts agree.
        let p = Prediction::new(Distribution::uniform(9).unwrap(), 4, 0.0).unwrap();
        assert!((p.perplexity() - 9.0).abs() < 1e-12);
    }

    #[test]
    fn zero_probability_is_infinite_not_nan() {
        let p = prediction(&[0.0, 1.0], 0, 0.0);
        assert_eq!(p.cross_entropy(Units::Nats), f64::INFINITY);
        assert_eq!(p.cross_entropy(Units::Bits), f64::INFINITY);
        assert_eq!(p.perplexity(), f64::INFINITY);
        assert_eq!(p.slope(Units::Nats), f64::NEG_INFINITY);
        let smoothed = prediction(&[0.0, 1.0], 1, 0.1);
        assert_eq!(smoothed.soft_cross_entropy(), f64::INFINITY);
        assert_eq!(smoothed.kl_divergence(), f64::INFINITY);
        // With a one-hot target on word 1 the zero is on a word with y = 0: 0·ln 0 = 0.
        assert_eq!(prediction(&[0.0, 1.0], 1, 0.0).soft_cross_entropy(), 0.0);
    }

    #[test]
    fn certain_and_right_is_positive_zero() {
        let loss = prediction(&[1.0, 0.0], 0, 0.0).cross_entropy(Units::Nats);
        assert!(loss == 0.0 && loss.is_sign_positive());
        assert_eq!(format!("{loss:.3}"), "0.000");
    }

    #[test]
    fn bits_are_nats_over_ln2() {
        let p = prediction(&[0.25, 0.75], 0, 0.0);
        assert_eq!(p.cross_entropy(Units::Bits), 2.0);
        assert_eq!(p.slope(Units::Bits), -4.0 / LN_2);
        assert_eq!(Units::Bits.from_nats(LN_2), 1.0);
        assert_eq!(Units::Nats.other(), Units::Bits);
    }

    #[test]
    fn constructors_say_what_is_wrong() {
        let check = |p: &[f64], want: LossError, message: &str| {
            let err = Distribution::new(p.to_vec()).unwrap_err();
            assert_eq!(err, want);
            assert_eq!(err.to_string(), message);
        };
        check(
            &[1.0],
            LossError::WrongCount { len: 1 },
            "needs between 2 and 10 values, got 1",
        );
        check(
            &[0.1; 11],
            LossError::WrongCount { len: 11 },
            "needs between 2 and 10 values, got 11",
        );
        // NaN is not equal to itself, so this one is matched by shape.
        let nan = Distribution::new(vec![0.5, f64::NAN]).unwrap_err();
        assert!(matches!(nan, LossError::NotFinite { index: 1, value } if value.is_nan()));
        assert_eq!(nan.to_string(), "value 2 is NaN, not a finite number");
        check(
            &[1.5, -0.5],
            LossError::Negative {
                index: 1,
                value: -0.5,
            },
            "value 2 is -0.5, below zero",
        );
        check(
            &[0.5, 0.4],
            LossError::SumNotOne { sum: 0.9 },
            "values add up to 0.9, not 1",
        );
        assert_eq!(
            Distribution::normalized(&[0.0, 0.0]),
            Err(LossError::AllZero)
        );
        // Values so large that their sum overflows are refused, not waved through.
        assert!(Distribution::new(vec![1e308; 5]).is_err());
        assert_eq!(
            Distribution::uniform(1),
            Err(LossError::WrongCount { len: 1 })
        );
        let p = dist(&[0.5, 0.5]);
        assert_eq!(
            Prediction::new(p.clone(), 0, 0.6),
            Err(LossError::BadSmoothing(0.6))
        );
        assert!(Prediction::new(p, 0, f64::NAN).is_err());
        assert_eq!(LearningRate::new(0.0), Err(LossError::BadLearningRate(0.0)));
        assert!(LearningRate::new(f64::NAN).is_err());
        assert!(LearningRate::new(f64::INFINITY).is_err());
    }

    #[test]
    fn normalizing_survives_extreme_weights() {
        let d = Distribution::normalized(&[f64::MAX, f64::MAX]).unwrap();
        assert_eq!(d.probs(), &[0.5, 0.5]);
        let tiny = Distribution::normalized(&[5e-324, 0.0, 5e-324]).unwrap();
        assert_eq!(tiny.probs(), &[0.5, 0.0, 0.5]);
    }

    #[test]
    fn slider_rule() {
        #[track_caller]
        fn check(p: &[f64], i: usize, v: f64, locked: &[bool], want: &[f64]) {
            let got = dist(p).with_prob_locked(i, v, locked);
            for (g, w) in got.probs().iter().zip(want) {
                assert!(
                    (g - w).abs() < 1e-15,
                    "{p:?} set {i} to {v}: got {:?}, want {want:?}",
                    got.probs()
                );
            }
        }
        // Proportional rescale of the others.
        check(
            &[0.4, 0.25, 0.15, 0.1, 0.1],
            0,
            0.7,
            &[],
            &[0.7, 0.125, 0.075, 0.05, 0.05],
        );
        // Others all zero: equal split.
        check(&[1.0, 0.0, 0.0], 0, 0.4, &[], &[0.4, 0.3, 0.3]);
        // Clamped into [0, 1]; NaN changes nothing.
        check(&[0.5, 0.5], 0, 1.7, &[], &[1.0, 0.0]);
        check(&[0.5, 0.5], 0, -3.0, &[], &[0.0, 1.0]);
        check(&[0.3, 0.7], 0, f64::NAN, &[], &[0.3, 0.7]);
        // An index past the end changes nothing.
        check(&[0.3, 0.7], 5, 0.5, &[], &[0.3, 0.7]);
        // Locked words keep their value; v is clamped to what the free words can give.
        check(
            &[0.2, 0.3, 0.5],
            0,
            0.4,
            &[false, false, true],
            &[0.4, 0.1, 0.5],
        );
        check(
            &[0.2, 0.3, 0.5],
            0,
            0.9,
            &[false, false, true],
            &[0.5, 0.0, 0.5],
        );
        // With every other word locked the slider cannot move.
        check(
            &[0.2, 0.3, 0.5],
            0,
            0.9,
            &[false, true, true],
            &[0.2, 0.3, 0.5],
        );
    }

    #[test]
    fn adding_and_removing_words() {
        let d = dist(&[0.5, 0.3, 0.2]).with_new_word().unwrap();
        assert!((d.probs()[3] - 0.25).abs() < 1e-15 && (d.probs()[0] - 0.375).abs() < 1e-15);
        assert_eq!(dist(&[0.1; 10]).with_new_word(), None);
        assert_eq!(
            dist(&[1.0, 0.0, 0.0]).without(0).unwrap().probs(),
            &[0.5, 0.5]
        );
        assert_eq!(dist(&[0.5, 0.5]).without(0), None);
        assert_eq!(dist(&[0.5, 0.5]).without(7), None);
    }

    #[test]
    fn softmax_is_stable_for_huge_logits() {
        let p = softmax(&[1e6, -1e6, 1e6]).unwrap();
        assert_eq!(p.probs(), &[0.5, 0.0, 0.5]);
        let lp = log_softmax(&[1e6, -1e6, 1e6]).unwrap();
        assert!((lp[0] + LN_2).abs() < 1e-12);
        assert!((lp[1] + 2e6 + LN_2).abs() < 1e-6);
        assert_eq!(
            softmax(&[0.0, f64::INFINITY]),
            Err(LossError::NotFinite {
                index: 1,
                value: f64::INFINITY
            })
        );
        assert_eq!(log_softmax(&[0.0]), Err(LossError::WrongCount { len: 1 }));
    }

    #[test]
    fn step_follows_the_contract() {
        let p = prediction(&[0.4, 0.3, 0.2, 0.1], 0, 0.0);
        let next = p.step(LearningRate::new(0.5).unwrap());
        // By hand: z = ln p − 0.5·(p − y), then softmax.
        let z = [
            0.4f64.ln() + 0.3,
            0.3f64.ln() - 0.15,
            0.2f64.ln() - 0.1,
            0.1f64.ln() - 0.05,
        ];
        let sum: f64 = z.iter().map(|z| z.exp()).sum();
        for (got, z) in next.probs().probs().iter().zip(z) {
            assert!((got - z.exp() / sum).abs() < 1e-15);
        }
    }

    #[test]
    fn step_revives_a_zero_probability() {
        let next = prediction(&[0.0, 1.0], 0, 0.0).step(LearningRate::default());
        assert!(next.p_correct() > 0.0);
    }

    #[test]
    fn smoothing_splits_entropy_and_divergence() {
        let p = prediction(&[0.4, 0.25, 0.15, 0.1, 0.1], 0, 0.1);
        let (h, ce, kl) = (p.entropy(), p.soft_cross_entropy(), p.kl_divergence());
        assert!((ce - (h + kl)).abs() < 1e-15);
        assert!(h > 0.0 && kl > 0.0);
        assert_eq!(p.loss(Units::Nats), ce);
        assert_eq!(prediction(&[0.5, 0.5], 1, 0.0).entropy(), 0.0);
        let g = p.gradient();
        assert!((g[0] - (0.4 - 0.92)).abs() < 1e-15 && (g[1] - (0.25 - 0.02)).abs() < 1e-15);
        assert_eq!(p.with_smoothing(2.0).smoothing(), 0.5);
        assert_eq!(p.with_smoothing(f64::NAN).smoothing(), 0.1);
        assert!(p.with_smoothing(-0.0).smoothing().is_sign_positive());
    }

    #[test]
    fn units_round_trip_their_names() {
        for u in [Units::Nats, Units::Bits] {
            assert_eq!(Units::parse(u.name()), Some(u));
        }
        assert_eq!(Units::parse("Nats"), None);
    }

    #[test]
    fn the_common_mistakes() {
        let probs = [0.4, 0.25, 0.15, 0.1, 0.1];
        let p = prediction(&probs, 0, 0.0);
        // PyTorch given p as logits: −p_c + ln Σ exp(p_i), by hand.
        let by_hand = -0.4 + probs.iter().map(|x: &f64| x.exp()).sum::<f64>().ln();
        assert!((p.probabilities_as_logits() - by_hand).abs() < 1e-15);
        // Whatever p is, the softmax of numbers in [0, 1] is nearly uniform: close to ln K.
        assert!((p.probabilities_as_logits() - 5f64.ln()).abs() < 0.4);
        assert_eq!(p.minus_sign_dropped(), 0.4f64.ln());
        assert_eq!(
            prediction(&[0.0, 1.0], 0, 0.0).minus_sign_dropped(),
            f64::NEG_INFINITY
        );
    }

    #[test]
    fn sentences() {
        let probs = [0.30, 0.50, 0.40, 0.60, 0.90];
        let s = sentence_loss(&probs, 1);
        let sum: f64 = probs.iter().map(|p: &f64| p.ln()).sum();
        assert_eq!((s.positions, s.log_prob), (5, sum));
        assert!((s.loss(Units::Nats) + sum / 5.0).abs() < 1e-15);
        assert!((s.perplexity() - (-sum / 5.0).exp()).abs() < 1e-12);
        assert!((s.probability() - 0.3 * 0.5 * 0.4 * 0.6 * 0.9).abs() < 1e-17);
        let zero = sentence_loss(&[0.5, 0.0], 3);
        assert_eq!(
            (zero.loss(Units::Nats), zero.perplexity(), zero.product_f32),
            (f64::INFINITY, f64::INFINITY, 0.0)
        );
        assert_eq!(
            (zero.log10_probability(), zero.probability()),
            (f64::NEG_INFINITY, 0.0)
        );
        // Nonsense in, numbers out.
        for (p, repeat) in [
            (&[f64::NAN, 2.0, -1.0][..], 0),
            (&[][..], 4),
            (&[f64::NAN][..], 2),
        ] {
            let odd = sentence_loss(p, repeat);
            assert!(
                !odd.loss(Units::Nats).is_nan() && !odd.perplexity().is_nan(),
                "{p:?}"
            );
        }
        assert_eq!(sentence_loss(&[2.0, -1.0], 1).log_prob, f64::NEG_INFINITY);
    }

    #[test]
    fn the_float32_product_underflows_where_ieee_says() {
        // 0.5^100 = 2^-100 is a normal f32; 2^-149 the smallest subnormal; 2^-150 rounds to 0.
        let half = |t| sentence_loss(&[0.5], t).product_f32;
        assert_eq!(half(100), 2f32.powi(-100));
        assert_eq!(half(149), f32::from_bits(1));
        assert_eq!(half(150), 0.0);
        // A product that falls slowly gets stuck among the subnormals (4 units of 2^-149
        // times 0.9 is 3.6 units, which rounds back to 4), long after the true product is
        // below 2^-151: "zero below 2^-151" does not hold for every sentence.
        let sticky = sentence_loss(&[0.9], MAX_POSITIONS);
        assert!(sticky.log_prob < -151.0 * 2f64.ln());
        assert_eq!(sticky.product_f32, f32::from_bits(4));
        // The running products end where the sentence does.
        let run = running_products(&[0.3, 0.5], 3);
        assert_eq!(run.len(), 6);
        assert_eq!(run[5].1, sentence_loss(&[0.3, 0.5], 3).product_f32);
        assert!((run[5].0 - sentence_loss(&[0.3, 0.5], 3).log_prob).abs() < 1e-14);
    }
}
