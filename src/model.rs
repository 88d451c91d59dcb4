//! The widget's state and every change to it: `Model::apply(self, Action) -> Model`, pure.
//!
//! One source of truth (words, probabilities, correct word, settings); everything the view
//! shows is derived from it by methods that call the loss module.

use crate::challenges::CHALLENGES;
use crate::config::{self, Config};
use crate::loss::{self, Distribution, Target, Units};
use crate::presets::PRESETS;
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
    /// Set label smoothing ε (clamped to `[0, 0.5]`; NaN is ignored).
    SetSmoothing(f64),
    /// Show the gradient on the logits or as the slope of the curve.
    SetGradientView(GradientView),
    /// Load preset `index` of [`crate::presets::PRESETS`].
    LoadPreset(usize),
    /// The text of word `index`'s name box; kept only if it is a valid, unused name.
    RenameWord {
        /// Which word.
        index: usize,
        /// The new name as typed.
        text: String,
    },
    /// Add a word (up to 10), with an equal share of probability.
    AddWord,
    /// Remove word `index` (down to 2); the others are rescaled to sum to 1.
    RemoveWord(usize),
    /// Lock or unlock word `index`'s probability against other sliders.
    ToggleLock(usize),
}

/// Which gradient the plot shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GradientView {
    /// `p − y` on the logits, what training computes: an arrow per word.
    #[default]
    Logits,
    /// `dL/dp_c = −1/p_c`, the slope of the curve at the correct word.
    Probability,
}

impl GradientView {
    /// The radio button's label.
    pub fn name(self) -> &'static str {
        match self {
            GradientView::Logits => "logits",
            GradientView::Probability => "probability",
        }
    }
}

/// One point of the loss history: the state after a step (or before the first one).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HistoryPoint {
    /// The Loss readout in nats.
    pub loss_nats: f64,
    /// The correct word's probability.
    pub p_correct: f64,
}

/// The most steps the history keeps; older ones are dropped so memory stays flat.
pub const HISTORY_LIMIT: usize = 500;

impl Action {
    /// Whether this changes the distribution or the target by hand, which starts a new
    /// history (the old one no longer describes the state).
    fn edits_by_hand(&self) -> bool {
        matches!(
            self,
            Action::SetProb { .. }
                | Action::Nudge { .. }
                | Action::SetCorrect(_)
                | Action::SetSmoothing(_)
                | Action::LoadPreset(_)
                | Action::AddWord
                | Action::RemoveWord(_)
        )
    }
}

/// The widget's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    words: Vec<String>,
    probs: Distribution,
    correct: usize,
    /// One flag per word: locked words keep their probability when other sliders move.
    locked: Vec<bool>,
    /// One entry per word: the name box's text where it differs from the word (untrimmed,
    /// or rejected), and why it was rejected.
    word_drafts: Vec<Option<(String, Option<String>)>>,
    units: Units,
    gradient_view: GradientView,
    /// Loss and p_correct from the first step on; cleared when the learner edits by hand.
    history: Vec<HistoryPoint>,
    /// Which challenges have been met at some point (they stay met).
    done: Vec<bool>,
    /// The preset last loaded, until the learner changes something.
    preset: Option<usize>,
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
        let mut m = Model::from_initial(Rc::new(config));
        m.done = CHALLENGES.iter().map(|c| (c.met)(&m)).collect();
        m
    }

    fn from_initial(initial: Rc<Config>) -> Model {
        let c = &*initial;
        let k = c.words.len();
        Model {
            words: c.words.clone(),
            probs: c.probs.clone(),
            correct: c.correct.min(k.saturating_sub(1)),
            locked: vec![false; k],
            word_drafts: vec![None; k],
            units: c.units,
            gradient_view: GradientView::default(),
            history: Vec::new(),
            done: vec![false; CHALLENGES.len()],
            preset: None,
            learning_rate: c.learning_rate,
            smoothing: c.smoothing,
            playing: false,
            learning_rate_text: c.learning_rate.to_string(),
            learning_rate_error: None,
            initial,
        }
    }

    /// The state after `action`. Every transition the widget makes goes through here.
    pub fn apply(self, action: Action) -> Model {
        let done = self.done.clone();
        let mut next = self.transition(action);
        // Challenges stay met once met, whatever happens next.
        for (i, c) in CHALLENGES.iter().enumerate() {
            next.done[i] = done.get(i).copied().unwrap_or(false) || (c.met)(&next);
        }
        next
    }

    fn transition(mut self, action: Action) -> Model {
        if action.edits_by_hand() {
            self.history.clear();
            self.preset = None;
        }
        match action {
            Action::SetProb { index, value } => {
                if self.can_move(index) {
                    self.probs = self.probs.with_prob_locked(index, value, &self.locked);
                }
            }
            Action::Nudge { index, delta } => {
                if let (Some(p), true) = (self.probs.get(index), self.can_move(index)) {
                    self.probs = self.probs.with_prob_locked(index, p + delta, &self.locked);
                }
            }
            Action::SetCorrect(index) => {
                if index < self.words.len() {
                    self.correct = index;
                }
            }
            Action::SetSmoothing(eps) => {
                if !eps.is_nan() {
                    self.smoothing = eps.clamp(0.0, loss::MAX_SMOOTHING) + 0.0;
                }
            }
            Action::SetGradientView(view) => self.gradient_view = view,
            Action::LoadPreset(index) => {
                if let Some(p) = PRESETS.get(index) {
                    if let Ok(probs) = Distribution::new(p.probs.to_vec()) {
                        self.words = p.words.iter().map(|w| w.to_string()).collect();
                        self.probs = probs;
                        self.correct = p.correct;
                        self.locked = vec![false; p.words.len()];
                        self.word_drafts = vec![None; p.words.len()];
                        self.preset = Some(index);
                    }
                }
            }
            Action::RenameWord { index, text } => self.rename(index, text),
            Action::AddWord => self.add_word(),
            Action::RemoveWord(index) => self.remove_word(index),
            Action::ToggleLock(index) => {
                if let Some(l) = self.locked.get_mut(index) {
                    *l = !*l;
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
            Action::Reset => {
                let done = std::mem::take(&mut self.done);
                self = Model::from_initial(self.initial);
                self.done = done;
            }
        }
        self
    }

    fn stepped(mut self) -> Model {
        if self.history.is_empty() {
            self.history.push(self.history_point());
        }
        // Only a learning rate outside (0, 100] can fail, and the model never holds one.
        if let Ok(p) = loss::step(&self.probs, &self.target(), self.learning_rate) {
            self.probs = p;
        }
        if self.history.len() == HISTORY_LIMIT {
            self.history.remove(1);
        }
        self.history.push(self.history_point());
        self
    }

    fn history_point(&self) -> HistoryPoint {
        HistoryPoint {
            loss_nats: self.loss_nats(),
            p_correct: self.p_correct(),
        }
    }

    fn rename(&mut self, index: usize, text: String) {
        let Some(slot) = self.word_drafts.get_mut(index) else {
            return;
        };
        let checked = config::check_word(&text).and_then(|w| {
            let taken = self
                .words
                .iter()
                .enumerate()
                .any(|(j, x)| j != index && *x == w);
            if taken {
                Err(format!("“{w}” is already a word"))
            } else {
                Ok(w)
            }
        });
        match checked {
            Ok(w) => {
                *slot = (text != w).then_some((text, None));
                self.words[index] = w;
            }
            Err(reason) => *slot = Some((text, Some(reason))),
        }
    }

    fn add_word(&mut self) {
        let k = self.words.len();
        if k >= loss::MAX_WORDS {
            return;
        }
        let name = (k + 1..)
            .map(|n| format!("word {n}"))
            .find(|n| !self.words.contains(n))
            .unwrap_or_default();
        let mut p = self.probs.probs().to_vec();
        p.push(0.0);
        if let Ok(d) = Distribution::new(p) {
            self.probs = d.with_prob(k, 1.0 / (k + 1) as f64);
            self.words.push(name);
            self.locked.push(false);
            self.word_drafts.push(None);
        }
    }

    fn remove_word(&mut self, index: usize) {
        let k = self.words.len();
        if k <= loss::MIN_WORDS || index >= k {
            return;
        }
        let mut p = self.probs.probs().to_vec();
        p.remove(index);
        // If the removed word held everything, the rest start out equal.
        let Ok(d) = Distribution::normalized(&p).or_else(|_| Distribution::uniform(k - 1)) else {
            return;
        };
        self.probs = d;
        self.words.remove(index);
        self.locked.remove(index);
        self.word_drafts.remove(index);
        if self.correct == index {
            self.correct = 0;
        } else if self.correct > index {
            self.correct -= 1;
        }
    }

    /// Whether slider `index` can move: it is not locked and some other word is not locked.
    pub fn can_move(&self, index: usize) -> bool {
        self.lock_reason(index).is_none()
    }

    /// Why slider `index` cannot move, if it cannot.
    pub fn lock_reason(&self, index: usize) -> Option<&'static str> {
        if self.locked.get(index).copied().unwrap_or(false) {
            Some("locked")
        } else if (0..self.words.len()).all(|j| j == index || self.locked[j]) {
            Some("every other word is locked, so nothing can make room")
        } else {
            None
        }
    }

    /// Whether word `index` is locked.
    pub fn is_locked(&self, index: usize) -> bool {
        self.locked.get(index).copied().unwrap_or(false)
    }

    /// What word `index`'s name box shows: the text as typed, or the word itself.
    pub fn word_text(&self, index: usize) -> &str {
        match self.word_drafts.get(index) {
            Some(Some((text, _))) => text,
            _ => self.words.get(index).map_or("", String::as_str),
        }
    }

    /// Why the text in word `index`'s name box was not taken as its name, if it was not.
    pub fn word_error(&self, index: usize) -> Option<&str> {
        self.word_drafts.get(index)?.as_ref()?.1.as_deref()
    }

    /// Which gradient the plot shows.
    pub fn gradient_view(&self) -> GradientView {
        self.gradient_view
    }

    /// Loss and p_correct per step, oldest first.
    pub fn history(&self) -> &[HistoryPoint] {
        &self.history
    }

    /// One flag per challenge in [`CHALLENGES`]: whether it has been met.
    pub fn challenges_done(&self) -> &[bool] {
        &self.done
    }

    /// The preset last loaded, if nothing was changed by hand since.
    pub fn preset(&self) -> Option<usize> {
        self.preset
    }

    /// Entropy of the target, `H(y)`, in the chosen unit.
    pub fn entropy(&self) -> f64 {
        self.units
            .from_nats(loss::entropy(&self.target(), self.words.len()).unwrap_or(0.0))
    }

    /// `KL(y‖p)` in the chosen unit.
    pub fn kl(&self) -> f64 {
        self.units.from_nats(self.excess_loss())
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
        let reset = changed.apply(Action::Reset);
        assert_eq!(reset.to_config(), start.to_config());
        assert_eq!((reset.playing(), reset.learning_rate_text()), (false, "2"));
        assert!(reset.history().is_empty());
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
    fn history_records_steps_and_clears_on_edits() {
        let m = model("?lr=0.5").apply(Action::Step).apply(Action::Step);
        let h = m.history();
        assert_eq!(h.len(), 3);
        assert_eq!(format!("{:.3}", h[0].loss_nats), "0.916");
        assert!(h[0].loss_nats > h[1].loss_nats && h[1].loss_nats > h[2].loss_nats);
        assert!(h[0].p_correct < h[1].p_correct && h[1].p_correct < h[2].p_correct);
        assert_eq!(h[2].loss_nats, m.loss_nats());
        // Settings that do not change p or y keep the history; hand edits start a new one.
        let kept = m
            .clone()
            .apply(Action::SetUnits(Units::Bits))
            .apply(Action::ToggleLock(1));
        assert_eq!(kept.history().len(), 3);
        assert!(m
            .clone()
            .apply(Action::SetProb {
                index: 0,
                value: 0.5
            })
            .history()
            .is_empty());
        assert!(m.clone().apply(Action::Reset).history().is_empty());
        // It never grows past the limit, and keeps its first point.
        let mut long = model("?lr=0.001").apply(Action::TogglePlay);
        for _ in 0..HISTORY_LIMIT + 50 {
            long = long.apply(Action::Tick);
        }
        assert_eq!(long.history().len(), HISTORY_LIMIT);
        assert_eq!(format!("{:.3}", long.history()[0].loss_nats), "0.916");
    }

    #[test]
    fn smoothing_and_gradient_view() {
        let m = model("").apply(Action::SetSmoothing(0.1));
        assert_eq!(m.smoothing(), 0.1);
        assert!((m.loss() - (m.entropy() + m.kl())).abs() < 1e-15);
        assert_eq!(m.clone().apply(Action::SetSmoothing(2.0)).smoothing(), 0.5);
        assert_eq!(
            m.clone().apply(Action::SetSmoothing(f64::NAN)).smoothing(),
            0.1
        );
        assert!(m
            .clone()
            .apply(Action::SetSmoothing(-0.0))
            .smoothing()
            .is_sign_positive());
        let zero = m.apply(Action::SetProb {
            index: 1,
            value: 1.0,
        });
        assert_eq!((zero.loss(), zero.kl()), (f64::INFINITY, f64::INFINITY));
        let v = model("").apply(Action::SetGradientView(GradientView::Probability));
        assert_eq!(v.gradient_view(), GradientView::Probability);
    }

    #[test]
    fn presets_set_words_probabilities_and_the_correct_word() {
        let m = model("").apply(Action::LoadPreset(4));
        assert_eq!(m.words(), ["chai", "paani", "dudh"]);
        assert_eq!(
            (m.correct_word(), format!("{:.3}", m.loss())),
            ("paani", "1.204".into())
        );
        assert_eq!(m.preset(), Some(4));
        assert_eq!(m.clone().apply(Action::SetCorrect(0)).preset(), None);
        let unknown = m.clone().apply(Action::LoadPreset(99));
        assert_eq!((unknown.words(), unknown.probs()), (m.words(), m.probs()));
    }

    #[test]
    fn renaming_words() {
        let m = model("");
        let renamed = m.clone().apply(Action::RenameWord {
            index: 1,
            text: " water ".into(),
        });
        assert_eq!(renamed.words()[1], "water");
        assert_eq!(
            (renamed.word_text(1), renamed.word_error(1)),
            (" water ", None)
        );
        for (bad, why) in [
            ("", "empty"),
            ("chai", "already"),
            ("a,b", "comma"),
            (&"x".repeat(25)[..], "more than 24"),
        ] {
            let r = renamed.clone().apply(Action::RenameWord {
                index: 1,
                text: bad.into(),
            });
            assert_eq!(r.words()[1], "water", "{bad}");
            assert_eq!(r.word_text(1), bad);
            let reason = r.word_error(1).expect("an error");
            assert!(reason.contains(why), "{bad}: {reason}");
        }
        assert_eq!(
            m.clone().apply(Action::RenameWord {
                index: 9,
                text: "x".into()
            }),
            m
        );
    }

    #[test]
    fn adding_and_removing_words() {
        let m = model("?words=a,b,c&p=0.5,0.3,0.2&correct=c").apply(Action::AddWord);
        assert_eq!(m.words(), ["a", "b", "c", "word 4"]);
        assert!((m.probs().probs()[3] - 0.25).abs() < 1e-15);
        assert_eq!(m.correct_word(), "c");
        let m = m.apply(Action::RemoveWord(0));
        assert_eq!(m.words(), ["b", "c", "word 4"]);
        assert_eq!(m.correct_word(), "c");
        let sum: f64 = m.probs().probs().iter().sum();
        assert!((sum - 1.0).abs() < 1e-12);
        // Removing the correct word makes the first word correct.
        let m = m.apply(Action::RemoveWord(1));
        assert_eq!(
            (m.words(), m.correct_word()),
            (&["b".to_string(), "word 4".to_string()][..], "b")
        );
        // Never fewer than 2 nor more than 10.
        assert_eq!(m.clone().apply(Action::RemoveWord(0)).words().len(), 2);
        let mut big = m;
        for _ in 0..20 {
            big = big.apply(Action::AddWord);
        }
        assert_eq!(big.words().len(), 10);
        let names: std::collections::HashSet<_> = big.words().iter().collect();
        assert_eq!(names.len(), 10);
        // Removing a word that held all the probability leaves the rest equal.
        let all = model("?words=a,b,c&p=1,0,0").apply(Action::RemoveWord(0));
        assert_eq!(all.probs().probs(), &[0.5, 0.5]);
    }

    #[test]
    fn locks() {
        let m = model("?words=a,b,c&p=0.2,0.3,0.5").apply(Action::ToggleLock(2));
        assert!(m.is_locked(2));
        let moved = m.clone().apply(Action::SetProb {
            index: 0,
            value: 0.4,
        });
        assert_eq!(moved.probs().probs()[2], 0.5);
        assert!((moved.probs().probs()[1] - 0.1).abs() < 1e-15);
        // The locked slider itself does not move; with b locked too, a cannot either.
        assert_eq!(
            m.clone().apply(Action::SetProb {
                index: 2,
                value: 0.9
            }),
            m
        );
        let both = m.apply(Action::ToggleLock(1));
        assert_eq!(
            both.lock_reason(0),
            Some("every other word is locked, so nothing can make room")
        );
        assert_eq!(
            both.clone().apply(Action::Nudge {
                index: 0,
                delta: 0.01
            }),
            both
        );
        // Training still moves every word.
        let stepped = both.clone().apply(Action::Step);
        assert!(stepped.probs().probs()[2] != 0.5);
        assert!(!both.apply(Action::ToggleLock(2)).is_locked(2));
    }

    #[test]
    fn challenges_are_checked_live_and_stay_done() {
        let m = model("?words=chai,paani,dudh,coffee&p=0.6,0.3,0.05,0.05&correct=dudh");
        assert_eq!(m.challenges_done(), [false; 5]);
        let m = m.apply(Action::SetCorrect(1));
        assert!(m.challenges_done()[0]);
        let m = m.apply(Action::SetCorrect(0));
        assert!(m.challenges_done()[0]);
        let m = m
            .apply(Action::SetLearningRate("5".into()))
            .apply(Action::Step)
            .apply(Action::Step);
        assert_eq!(m.challenges_done(), [true, false, false, true, true]);
    }

    #[test]
    fn config_round_trips_through_the_model() {
        let m = model("?words=x,y,z&p=0.2,0.3,0.5&correct=z&units=bits&lr=0.3");
        let (again, notices) = parse_query(&m.to_config().to_query());
        assert!(notices.is_empty());
        assert_eq!(Model::new(again), m);
    }
}
