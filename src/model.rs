//! The widget's state and every change to it: `Model::apply(self, Action) -> Model`, pure.
//!
//! One source of truth (words, probabilities, correct word, settings); everything the view
//! shows is derived from it by methods that call the loss module.

use crate::config::{self, Config};
use crate::loss::{self, Distribution, Target, Units};
use std::rc::Rc;

/// How far one arrow-key press moves a slider.
pub const KEY_STEP: f64 = 0.01;
/// Play stops once the loss is this close to its minimum (the loss itself when ε = 0).
pub const CONVERGED: f64 = 0.001;

/// Everything a learner can change.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Drag slider `index` to `value` (the slider rule rescales the others).
    SetProb {
        /// Which word.
        index: usize,
        /// Its new probability; clamped to `[0, 1]`.
        value: f64,
    },
    /// Move slider `index` by `delta` from where it is (arrow keys).
    Nudge {
        /// Which word.
        index: usize,
        /// How much to add; negative lowers it.
        delta: f64,
    },
    /// Make word `index` the correct one.
    SetCorrect(usize),
    /// Show losses in nats or bits.
    SetUnits(Units),
    /// The text of the Learning rate box; kept only if it parses to `0 < lr ≤ 100`.
    SetLearningRate(String),
    /// One gradient-descent step.
    Step,
    /// Start or stop stepping on a timer.
    TogglePlay,
    /// One tick of the Play timer: a step while playing, then stop once converged.
    Tick,
    /// Back to the state the widget was created with.
    Reset,
}

/// The widget's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    words: Vec<String>,
    probs: Distribution,
    correct: usize,
    units: Units,
    learning_rate: f64,
    smoothing: f64,
    playing: bool,
    /// What the Learning rate box holds, which may be an unusable draft.
    learning_rate_text: String,
    /// Why `learning_rate_text` was not taken; the last good rate stays in use.
    learning_rate_error: Option<String>,
    /// What Reset goes back to.
    initial: Rc<Config>,
}

impl Model {
    /// A model in the state `config` describes.
    pub fn new(config: Config) -> Model {
        let initial = Rc::new(config);
        Model::from_initial(initial)
    }

    fn from_initial(initial: Rc<Config>) -> Model {
        let c = &*initial;
        Model {
            words: c.words.clone(),
            probs: c.probs.clone(),
            correct: c.correct.min(c.words.len().saturating_sub(1)),
            units: c.units,
            learning_rate: c.learning_rate,
            smoothing: c.smoothing,
            playing: false,
            learning_rate_text: c.learning_rate.to_string(),
            learning_rate_error: None,
            initial,
        }
    }

    /// The state after `action`. Every transition the widget makes goes through here.
    pub fn apply(mut self, action: Action) -> Model {
        match action {
            Action::SetProb { index, value } => {
                self.probs = self.probs.with_prob(index, value);
            }
            Action::Nudge { index, delta } => {
                if let Some(p) = self.probs.get(index) {
                    self.probs = self.probs.with_prob(index, p + delta);
                }
            }
            Action::SetCorrect(index) => {
                if index < self.words.len() {
                    self.correct = index;
                }
            }
            Action::SetUnits(units) => self.units = units,
            Action::SetLearningRate(text) => {
                match config::parse_learning_rate(&text) {
                    Ok(lr) => {
                        self.learning_rate = lr;
                        self.learning_rate_error = None;
                    }
                    Err(reason) => self.learning_rate_error = Some(reason),
                }
                self.learning_rate_text = text;
            }
            Action::Step => self = self.stepped(),
            Action::TogglePlay => self.playing = !self.playing && !self.converged(),
            Action::Tick => {
                if self.playing {
                    self = self.stepped();
                    self.playing = !self.converged();
                }
            }
            Action::Reset => self = Model::from_initial(self.initial),
        }
        self
    }

    fn stepped(mut self) -> Model {
        // Only a learning rate outside (0, 100] can fail, and the model never holds one.
        if let Ok(p) = loss::step(&self.probs, &self.target(), self.learning_rate) {
            self.probs = p;
        }
        self
    }

    /// The candidate words.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The probabilities, one per word.
    pub fn probs(&self) -> &Distribution {
        &self.probs
    }

    /// Index of the correct word.
    pub fn correct(&self) -> usize {
        self.correct
    }

    /// The correct word itself.
    pub fn correct_word(&self) -> &str {
        &self.words[self.correct]
    }

    /// The correct word's probability, `p_c`.
    pub fn p_correct(&self) -> f64 {
        self.probs.probs()[self.correct]
    }

    /// The unit losses are shown in.
    pub fn units(&self) -> Units {
        self.units
    }

    /// The learning rate of Step and Play.
    pub fn learning_rate(&self) -> f64 {
        self.learning_rate
    }

    /// The text of the Learning rate box.
    pub fn learning_rate_text(&self) -> &str {
        &self.learning_rate_text
    }

    /// Why the Learning rate text was rejected, if it was.
    pub fn learning_rate_error(&self) -> Option<&str> {
        self.learning_rate_error.as_deref()
    }

    /// Label smoothing ε.
    pub fn smoothing(&self) -> f64 {
        self.smoothing
    }

    /// Whether Play is running.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// The target distribution `y`.
    pub fn target(&self) -> Target {
        Target::smoothed(self.correct, self.smoothing).unwrap_or(Target::one_hot(self.correct))
    }

    /// The Loss readout in nats: `−ln p_c`, or `CE(y, p)` when ε > 0.
    pub fn loss_nats(&self) -> f64 {
        if self.smoothing > 0.0 {
            loss::soft_cross_entropy(&self.probs, &self.target()).unwrap_or(f64::INFINITY)
        } else {
            loss::cross_entropy(&self.probs, self.correct).unwrap_or(f64::INFINITY)
        }
    }

    /// The Loss readout in the chosen unit.
    pub fn loss(&self) -> f64 {
        if self.smoothing > 0.0 {
            self.units.from_nats(self.loss_nats())
        } else {
            self.one_hot_loss()
        }
    }

    /// `−log p_c` in the chosen unit: the height of the curve at the marker, whatever ε is.
    pub fn one_hot_loss(&self) -> f64 {
        loss::cross_entropy_in(&self.probs, self.correct, self.units).unwrap_or(f64::INFINITY)
    }

    /// Perplexity, `exp(−ln p_c)`; unaffected by smoothing and units.
    pub fn perplexity(&self) -> f64 {
        loss::perplexity(&self.probs, self.correct).unwrap_or(f64::INFINITY)
    }

    /// How far the loss is above its minimum: `KL(y‖p)` (the loss itself when ε = 0).
    pub fn excess_loss(&self) -> f64 {
        loss::kl_divergence(&self.probs, &self.target()).unwrap_or(f64::INFINITY)
    }

    /// Whether training has nothing left to do: the loss is within [`CONVERGED`] of its minimum.
    pub fn converged(&self) -> bool {
        self.excess_loss() < CONVERGED
    }

    /// The logit gradient `g = p − y`; the arrows show `−g`.
    pub fn gradient(&self) -> Vec<f64> {
        loss::logit_gradient(&self.probs, &self.target()).unwrap_or_default()
    }

    /// The slope of the `−log p` curve at `p_c`, in the chosen unit.
    pub fn slope(&self) -> f64 {
        loss::slope(&self.probs, self.correct, self.units).unwrap_or(f64::NEG_INFINITY)
    }

    /// The current state as a config, e.g. for the permalink.
    pub fn to_config(&self) -> Config {
        Config {
            words: self.words.clone(),
            probs: self.probs.clone(),
            correct: self.correct,
            units: self.units,
            learning_rate: self.learning_rate,
            smoothing: self.smoothing,
            embed: self.initial.embed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_query;

    fn model(query: &str) -> Model {
        let (config, notices) = parse_query(query);
        assert!(notices.is_empty(), "{notices:?}");
        Model::new(config)
    }

    fn rounded(p: &[f64]) -> Vec<String> {
        p.iter().map(|p| format!("{p:.4}")).collect()
    }

    /// Applies `actions` in order and compares the probabilities (4 decimals) and the loss (3).
    #[track_caller]
    fn check(query: &str, actions: Vec<Action>, probs: &str, loss: &str) {
        let m = actions.into_iter().fold(model(query), Model::apply);
        assert_eq!(rounded(m.probs().probs()).join(","), probs);
        assert_eq!(format!("{:.3}", m.loss()), loss);
    }

    #[test]
    fn starts_from_the_config() {
        check("", vec![], "0.4000,0.2500,0.1500,0.1000,0.1000", "0.916");
        let m = model("?words=six,four,dot&p=0.1,0.2,0.7");
        assert_eq!(format!("{:.3}", m.loss()), "2.303");
        assert_eq!(format!("{:.3}", m.perplexity()), "10.000");
    }

    #[test]
    fn sliders() {
        check(
            "",
            vec![Action::SetProb {
                index: 0,
                value: 0.7,
            }],
            "0.7000,0.1250,0.0750,0.0500,0.0500",
            "0.357",
        );
        check(
            "",
            vec![Action::SetProb {
                index: 1,
                value: 1.0,
            }],
            "0.0000,1.0000,0.0000,0.0000,0.0000",
            "inf",
        );
        check(
            "",
            vec![
                Action::SetProb {
                    index: 1,
                    value: 1.0,
                },
                Action::SetProb {
                    index: 1,
                    value: 0.6,
                },
            ],
            "0.1000,0.6000,0.1000,0.1000,0.1000",
            "2.303",
        );
        check(
            "",
            vec![Action::Nudge {
                index: 0,
                delta: KEY_STEP,
            }],
            "0.4100,0.2458,0.1475,0.0983,0.0983",
            "0.892",
        );
        check(
            "",
            vec![
                Action::Nudge {
                    index: 0,
                    delta: -KEY_STEP
                };
                3
            ],
            "0.3700,0.2625,0.1575,0.1050,0.1050",
            "0.994",
        );
        check(
            "",
            vec![Action::Nudge {
                index: 9,
                delta: KEY_STEP,
            }],
            "0.4000,0.2500,0.1500,0.1000,0.1000",
            "0.916",
        );
    }

    #[test]
    fn correct_word_and_units() {
        check(
            "?words=chai,paani,dudh&p=0.6,0.3,0.1",
            vec![Action::SetCorrect(1)],
            "0.6000,0.3000,0.1000",
            "1.204",
        );
        check(
            "?words=chai,paani,dudh&p=0.6,0.3,0.1",
            vec![Action::SetCorrect(7)],
            "0.6000,0.3000,0.1000",
            "0.511",
        );
        check(
            "?words=a,b&p=0.25,0.75",
            vec![Action::SetUnits(Units::Bits)],
            "0.2500,0.7500",
            "2.000",
        );
        let m = model("?words=a,b&p=0.25,0.75").apply(Action::SetUnits(Units::Bits));
        assert_eq!(m.perplexity(), 4.0);
    }

    #[test]
    fn step_matches_the_contract() {
        // By hand for p = (0.4, 0.6), c = 0, η = 1: z = (ln 0.4 + 0.6, ln 0.6 − 0.6).
        let m = model("?words=a,b&p=0.4,0.6").apply(Action::Step);
        let (a, b) = ((0.4f64.ln() + 0.6).exp(), (0.6f64.ln() - 0.6).exp());
        assert!((m.p_correct() - a / (a + b)).abs() < 1e-15);
        let before = model("?words=a,b&p=0.4,0.6&lr=0.1");
        let after = before.clone().apply(Action::Step);
        assert!(after.p_correct() > before.p_correct() && after.p_correct() < m.p_correct());
    }

    #[test]
    fn learning_rate_keeps_the_last_good_value() {
        let m = model("").apply(Action::SetLearningRate("0.5".into()));
        assert_eq!((m.learning_rate(), m.learning_rate_error()), (0.5, None));
        for bad in ["", "-1", "0", "NaN", "1e400", "abc", "101"] {
            let m = m.clone().apply(Action::SetLearningRate(bad.into()));
            assert_eq!(m.learning_rate(), 0.5, "{bad}");
            assert_eq!(m.learning_rate_text(), bad);
            assert!(
                !m.learning_rate_error().unwrap_or_default().is_empty(),
                "{bad}"
            );
        }
    }

    #[test]
    fn play_steps_until_converged_or_paused() {
        let m = model("?lr=5").apply(Action::TogglePlay);
        assert!(m.playing());
        let paused = m.clone().apply(Action::Tick).apply(Action::TogglePlay);
        assert!(!paused.playing());
        // A tick while paused does nothing.
        assert_eq!(paused.clone().apply(Action::Tick), paused);
        let mut m = m;
        let mut ticks = 0;
        while m.playing() && ticks < 10_000 {
            let before = m.loss();
            m = m.apply(Action::Tick);
            assert!(m.loss() <= before, "the loss rose while playing");
            ticks += 1;
        }
        assert!(
            !m.playing() && m.loss() < CONVERGED,
            "stopped after {ticks} ticks at {}",
            m.loss()
        );
        // Play on a converged model does not start.
        assert!(!m.apply(Action::TogglePlay).playing());
    }

    #[test]
    fn play_with_smoothing_stops_at_the_entropy() {
        let mut m = model("?smoothing=0.1&lr=5").apply(Action::TogglePlay);
        for _ in 0..10_000 {
            m = m.apply(Action::Tick);
        }
        assert!(!m.playing());
        assert!(m.excess_loss() < CONVERGED && m.loss() > 0.1);
    }

    #[test]
    fn reset_restores_the_start() {
        let start = model("?words=a,b,c&p=0.2,0.3,0.5&correct=b&lr=2");
        let changed = start
            .clone()
            .apply(Action::SetProb {
                index: 0,
                value: 0.9,
            })
            .apply(Action::SetCorrect(2))
            .apply(Action::SetUnits(Units::Bits))
            .apply(Action::SetLearningRate("7".into()))
            .apply(Action::TogglePlay)
            .apply(Action::Step);
        assert_ne!(changed, start);
        assert_eq!(changed.apply(Action::Reset), start);
    }

    #[test]
    fn smoothing_changes_the_loss_not_the_perplexity() {
        let m = model("?smoothing=0.1");
        let y = m.target();
        assert_eq!(m.loss(), loss::soft_cross_entropy(m.probs(), &y).unwrap());
        assert_eq!(format!("{:.3}", m.perplexity()), "2.500");
        assert!((m.gradient()[0] - (0.4 - 0.92)).abs() < 1e-15);
    }

    #[test]
    fn config_round_trips_through_the_model() {
        let m = model("?words=x,y,z&p=0.2,0.3,0.5&correct=z&units=bits&lr=0.3");
        let (again, notices) = parse_query(&m.to_config().to_query());
        assert!(notices.is_empty());
        assert_eq!(Model::new(again), m);
    }
}
