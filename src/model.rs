//! The widget's state and every change to it: `Model::apply(self, Action) -> Model`, pure.
//!
//! One source of truth (the words, the prediction, the settings); everything the view shows
//! is derived from it by methods that call the loss module.

use crate::config::{self, Config, Draft, ParamError, Parts};
use crate::logits::{log_sum_exp, logits, p_for_logit, retemper};
use crate::logits::{LOGIT_LIMIT, MAX_TEMPERATURE, MIN_TEMPERATURE};
use crate::loss::Distribution;
use crate::loss::{LearningRate, Prediction, Units, MAX_WORDS, MIN_WORDS};
use crate::num::{self, shortest};
use crate::presets::{PRESETS, SENTENCE_PRESETS};
use crate::quiz::Quiz;
use crate::sentence::Sentence;
use std::rc::Rc;

/// How far one arrow-key press moves a slider.
pub const KEY_STEP: f64 = 0.01;
/// A slider value this close to the one in the model is that value: a range input reports
/// its value with about 15 significant digits, not the model's 17, so an `input` event that
/// merely repeats what the slider shows differs from it by up to about 1e-15. A real move of
/// the thumb is at least a pixel's worth (about 1e-3), or a key's 0.01.
pub const SAME_VALUE: f64 = 1e-12;

/// Whether a slider set to `value` stays where `current` is (see [`SAME_VALUE`]).
pub fn is_same_value(value: f64, current: f64) -> bool {
    (value - current).abs() <= SAME_VALUE
}

/// Play stops once the loss is this close to its minimum (the loss itself when ε = 0).
pub const CONVERGED: f64 = 0.001;
/// The most points the loss history keeps; the oldest are dropped so memory stays flat.
pub const HISTORY_LIMIT: usize = 500;

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
    /// Set the probability of sentence token `index` (clamped to `[0, 1]`). The token that
    /// is the widget's prediction moves `p_c` by the slider rule instead.
    SetTokenProb {
        /// Which token.
        index: usize,
        /// Its new probability.
        value: f64,
    },
    /// The text of the Repeat box; kept only if it is a whole number that fits `T ≤ 1000`.
    SetRepeat(String),
    /// Load sentence preset `index` of [`crate::presets::SENTENCE_PRESETS`].
    LoadSentencePreset(usize),
    /// The text of the exercise's "Your answer" box.
    SetAnswer(String),
    /// Check the answer against the loss (an exercise only); a number reveals the loss.
    CheckAnswer,
    /// Drag Model A's (`model` 0) or Model B's (1) slider `index` to `value`, by the slider
    /// rule (part `compare`).
    SetModelProb {
        /// 0 for Model A, 1 for Model B.
        model: usize,
        /// Which word.
        index: usize,
        /// Its new probability; clamped to `[0, 1]`.
        value: f64,
    },
    /// Set word `index`'s logit to `value` (part `logits`): `p = softmax(z/T)` with the
    /// others' logits kept, which is the slider rule at `p_index = softmax(z/T)_index`.
    SetLogit {
        /// Which word.
        index: usize,
        /// Its new logit.
        value: f64,
    },
    /// Set the softmax temperature (clamped to `[0.1, 10]`; NaN is ignored): the logits stay,
    /// `p` becomes `softmax(z/T)`.
    SetTemperature(f64),
    /// A pointer went down on one of the words' sliders while these parts below the
    /// prediction's were out of view, or came up ([`Parts::NONE`]). Nothing in the model
    /// changes: the lesson keeps what those parts show (`Lesson::below`).
    Hold(Parts),
}

/// Which gradient the plot shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
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

/// One candidate word and what belongs to it besides its probability.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    /// The word itself.
    pub name: String,
    /// Whether its probability stays put when other sliders move.
    pub locked: bool,
    /// Its name box, when that shows something other than the name.
    pub draft: Option<Draft>,
}

impl Word {
    fn named(name: String) -> Word {
        Word {
            name,
            locked: false,
            draft: None,
        }
    }

    /// What the word's name box shows.
    pub fn text(&self) -> &str {
        self.draft.as_ref().map_or(&self.name, |d| &d.text)
    }

    /// Why the name box's text was not taken as the name.
    pub fn error(&self) -> Option<&ParamError> {
        self.draft.as_ref()?.error.as_ref()
    }
}

/// One point of the loss history: the state after step `step` (step 0 is the state before
/// the first step).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HistoryPoint {
    /// Which step this point follows; points keep their number when older ones are dropped.
    pub step: u32,
    /// The Loss readout in nats.
    pub loss_nats: f64,
    /// The correct word's probability.
    pub p_correct: f64,
}

/// What a `loss-explorer:change` event reports; the event fires when this changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Reported {
    /// The words.
    pub words: Vec<String>,
    /// Their probabilities.
    pub p: Vec<f64>,
    /// The correct word.
    pub correct: String,
    /// The unit of `loss`.
    pub units: Units,
    /// The Loss readout.
    pub loss: f64,
    /// The Perplexity readout.
    pub perplexity: f64,
}

/// The widget's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    words: Vec<Word>,
    prediction: Prediction,
    units: Units,
    learning_rate: LearningRate,
    /// The Learning rate box, when it holds text other than the rate in use.
    learning_rate_draft: Option<Draft>,
    gradient_view: GradientView,
    playing: bool,
    /// Loss and p_correct from the first step on; a change to p or y by hand clears it.
    history: Vec<HistoryPoint>,
    /// The sentence of part `sentence`; its token equal to the correct word holds `p_c`.
    sentence: Sentence,
    /// The exercise's answer and verdict, in an exercise (`quiz=1`).
    quiz: Option<Quiz>,
    /// Model A's and Model B's predictions (part `compare`), over the same words.
    models: [Distribution; 2],
    /// The softmax temperature the logits are shown at (part `logits`).
    temperature: f64,
    /// What Reset goes back to.
    initial: Rc<Config>,
}

impl Model {
    /// A model in the state `config` describes.
    pub fn new(config: Config) -> Model {
        Model::from_initial(Rc::new(config))
    }

    fn from_initial(initial: Rc<Config>) -> Model {
        let mut model = Model {
            words: initial.words.iter().cloned().map(Word::named).collect(),
            prediction: initial.prediction.clone(),
            units: initial.units,
            learning_rate: initial.learning_rate,
            learning_rate_draft: None,
            gradient_view: GradientView::default(),
            playing: false,
            history: Vec::new(),
            sentence: Sentence::new(&initial.sentence),
            quiz: initial.quiz.then(Quiz::default),
            models: initial.models.clone(),
            temperature: initial.temperature,
            initial,
        };
        model.link_sentence();
        model
    }

    /// The state after `action`. Every transition the widget makes goes through here.
    pub fn apply(self, action: Action) -> Model {
        let trains = matches!(action, Action::Step | Action::Tick);
        let before = self.prediction.clone();
        let mut next = self.transition(action);
        // The history describes training from one starting point: a change to p or y by
        // hand starts a new one, and an edit that changes nothing keeps it.
        if !trains && next.prediction != before {
            next.history.clear();
        }
        next.link_sentence();
        next
    }

    /// The sentence's token for the correct word, if any, takes `p_c`: the two are one
    /// prediction, whichever side moved it.
    fn link_sentence(&mut self) {
        if let Some(t) = self.linked_token() {
            self.sentence.set_prob(t, self.p_correct());
        }
    }

    fn transition(mut self, action: Action) -> Model {
        match action {
            Action::SetProb { index, value } => self.set_prob(index, value),
            Action::Nudge { index, delta } => self.set_prob(index, self.p_of(index) + delta),
            Action::SetCorrect(index) => {
                if let Some(p) = self.prediction.with_correct(index) {
                    self.prediction = p;
                }
            }
            Action::SetSmoothing(eps) => self.prediction = self.prediction.with_smoothing(eps),
            Action::SetGradientView(view) => self.gradient_view = view,
            Action::LoadPreset(index) => self.load_preset(index),
            Action::RenameWord { index, text } => self.rename(index, text),
            Action::AddWord => self.add_word(),
            Action::RemoveWord(index) => self.remove_word(index),
            Action::ToggleLock(index) => {
                if let Some(w) = self.words.get_mut(index) {
                    w.locked = !w.locked;
                }
            }
            Action::SetUnits(units) => self.units = units,
            Action::SetLearningRate(text) => {
                let parsed = config::parse_learning_rate(&text);
                if let Ok(lr) = parsed {
                    self.learning_rate = lr;
                }
                let error = parsed.err();
                self.learning_rate_draft = (error.is_some()
                    || text != shortest(self.learning_rate.get()))
                .then_some(Draft { text, error });
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
            Action::SetTokenProb { index, value } => self.set_token_prob(index, value),
            Action::SetRepeat(text) => self.sentence.set_repeat(text),
            Action::LoadSentencePreset(index) => self.load_sentence_preset(index),
            Action::SetAnswer(text) => {
                if let Some(q) = &mut self.quiz {
                    q.answer = text;
                }
            }
            Action::CheckAnswer => {
                let loss = self.loss();
                self.quiz = self.quiz.map(|q| q.checked(loss));
            }
            Action::SetModelProb {
                model,
                index,
                value,
            } => {
                if let Some(d) = self.models.get_mut(model) {
                    *d = d.with_prob(index, value);
                }
            }
            Action::SetLogit { index, value } => {
                if index < self.words.len() && !value.is_nan() {
                    let z = self.logits();
                    let v = num::clamp(value, -LOGIT_LIMIT, LOGIT_LIMIT);
                    self.set_prob(index, p_for_logit(&z, self.temperature, index, v));
                }
            }
            Action::Hold(_) => {}
            Action::SetTemperature(t) => {
                if !t.is_nan() {
                    let t = num::clamp(t, MIN_TEMPERATURE, MAX_TEMPERATURE);
                    let p = retemper(self.prediction.probs(), self.temperature, t);
                    self.temperature = t;
                    if let Some(p) = self.prediction.with_probs(p) {
                        self.prediction = p;
                    }
                }
            }
        }
        // The two models are over the widget's words: a preset with other words gives them
        // their defaults (Add word and Remove change them as they change `p`).
        if self.models[0].len() != self.words.len() {
            self.models = config::default_models(self.words.len(), self.correct());
        }
        self
    }

    fn set_token_prob(&mut self, index: usize, value: f64) {
        if self.linked_token() == Some(index) {
            self.set_prob(self.correct(), value);
        } else {
            self.sentence.set_prob(index, value);
        }
    }

    fn load_sentence_preset(&mut self, index: usize) {
        let Some(preset) = SENTENCE_PRESETS.get(index) else {
            return;
        };
        self.sentence = Sentence::new(&config::SentenceConfig {
            tokens: preset.tokens.iter().map(|t| t.to_string()).collect(),
            probs: preset.probs.to_vec(),
            repeat: preset.repeat,
        });
        // The preset's number for the linked token moves the prediction, as a drag would.
        if let Some(t) = self.linked_token() {
            self.set_prob(self.correct(), preset.probs[t]);
        }
    }

    fn set_prob(&mut self, index: usize, value: f64) {
        if index >= self.words.len() || !self.can_move(index) {
            return;
        }
        let locked: Vec<bool> = self.words.iter().map(|w| w.locked).collect();
        let p = self
            .prediction
            .probs()
            .with_prob_locked(index, value, &locked);
        // A slider that stays where it is (ArrowUp at 1, End at 1, or an input event carrying
        // the value the element already shows) changes nothing, not even the tiny shares of
        // the other words.
        if is_same_value(p.probs()[index], self.p_of(index)) {
            return;
        }
        if let Some(p) = self.prediction.with_probs(p) {
            self.prediction = p;
        }
    }

    fn p_of(&self, index: usize) -> f64 {
        self.probs().get(index).copied().unwrap_or(f64::NAN)
    }

    fn stepped(mut self) -> Model {
        if self.history.is_empty() {
            self.history.push(self.history_point(0));
        }
        self.prediction = self.prediction.step(self.learning_rate);
        let step = self.history.last().map_or(0, |h| h.step) + 1;
        if self.history.len() == HISTORY_LIMIT {
            self.history.remove(0);
        }
        self.history.push(self.history_point(step));
        self
    }

    fn history_point(&self, step: u32) -> HistoryPoint {
        HistoryPoint {
            step,
            loss_nats: self.prediction.loss(Units::Nats),
            p_correct: self.prediction.p_correct(),
        }
    }

    fn load_preset(&mut self, index: usize) {
        let Some(preset) = PRESETS.get(index) else {
            return;
        };
        if let Some(p) = preset.prediction(self.prediction.smoothing()) {
            self.words = preset
                .words
                .iter()
                .map(|w| Word::named(w.to_string()))
                .collect();
            self.prediction = p;
            // Two models over the preset's words: exercise 2's for its three classes.
            self.models = config::default_models(self.words.len(), self.correct());
        }
    }

    fn rename(&mut self, index: usize, text: String) {
        let checked = config::check_word(&text).and_then(|w| {
            let taken = self
                .words
                .iter()
                .enumerate()
                .any(|(j, x)| j != index && x.name == w);
            if taken {
                Err(ParamError::Taken(w))
            } else {
                Ok(w)
            }
        });
        let Some(word) = self.words.get_mut(index) else {
            return;
        };
        match checked {
            Ok(name) => {
                word.draft = (text != name).then_some(Draft { text, error: None });
                word.name = name;
            }
            Err(error) => {
                word.draft = Some(Draft {
                    text,
                    error: Some(error),
                })
            }
        }
    }

    fn add_word(&mut self) {
        let k = self.words.len();
        let Some(p) = self.prediction.probs().with_new_word() else {
            return;
        };
        let name = (k + 1..=MAX_WORDS + k)
            .map(|n| format!("word {n}"))
            .find(|n| self.words.iter().all(|w| w.name != *n))
            .unwrap_or_default();
        if let Ok(prediction) = Prediction::new(p, self.correct(), self.smoothing()) {
            self.prediction = prediction;
            self.words.push(Word::named(name));
            for d in &mut self.models {
                *d = d.with_new_word().unwrap_or_else(|| d.clone());
            }
        }
    }

    fn remove_word(&mut self, index: usize) {
        if self.words.len() <= MIN_WORDS {
            return;
        }
        let Some(p) = self.prediction.probs().without(index) else {
            return;
        };
        // Removing the correct word makes the first word correct.
        let correct = match self.correct() {
            c if c == index => 0,
            c if c > index => c - 1,
            c => c,
        };
        if let Ok(prediction) = Prediction::new(p, correct, self.smoothing()) {
            self.prediction = prediction;
            self.words.remove(index);
            for d in &mut self.models {
                *d = d.without(index).unwrap_or_else(|| d.clone());
            }
        }
    }

    /// Whether slider `index` can move: it is not locked and some other word is not locked.
    pub fn can_move(&self, index: usize) -> bool {
        self.lock_reason(index).is_none()
    }

    /// Why slider `index` cannot move, if it cannot.
    pub fn lock_reason(&self, index: usize) -> Option<&'static str> {
        if self.words.get(index).is_some_and(|w| w.locked) {
            Some("locked")
        } else if self
            .words
            .iter()
            .enumerate()
            .all(|(j, w)| j == index || w.locked)
        {
            Some("every other word is locked, so nothing can make room")
        } else {
            None
        }
    }

    /// The words, with their locks and name boxes.
    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// The words' names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.name.as_str()).collect()
    }

    /// The prediction: probabilities, correct word, label smoothing.
    pub fn prediction(&self) -> &Prediction {
        &self.prediction
    }

    /// The probabilities, one per word.
    pub fn probs(&self) -> &[f64] {
        self.prediction.probs().probs()
    }

    /// Index of the correct word.
    pub fn correct(&self) -> usize {
        self.prediction.correct()
    }

    /// The correct word itself.
    pub fn correct_word(&self) -> &str {
        self.words
            .get(self.correct())
            .map_or("", |w| w.name.as_str())
    }

    /// The correct word's probability, `p_c`.
    pub fn p_correct(&self) -> f64 {
        self.prediction.p_correct()
    }

    /// The unit losses are shown in.
    pub fn units(&self) -> Units {
        self.units
    }

    /// The learning rate of Step and Play.
    pub fn learning_rate(&self) -> LearningRate {
        self.learning_rate
    }

    /// The Learning rate box: its text, and why that text is not in use (if it is not).
    pub fn learning_rate_box(&self) -> (String, Option<&ParamError>) {
        match &self.learning_rate_draft {
            Some(d) => (d.text.clone(), d.error.as_ref()),
            None => (shortest(self.learning_rate.get()), None),
        }
    }

    /// Label smoothing ε.
    pub fn smoothing(&self) -> f64 {
        self.prediction.smoothing()
    }

    /// Which gradient the plot shows.
    pub fn gradient_view(&self) -> GradientView {
        self.gradient_view
    }

    /// Whether Play is running.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// Loss and p_correct per step, oldest first.
    pub fn history(&self) -> &[HistoryPoint] {
        &self.history
    }

    /// The preset the state is in, if it is exactly one of them.
    pub fn preset(&self) -> Option<usize> {
        PRESETS.iter().position(|p| {
            p.correct == self.correct()
                && p.words.iter().copied().eq(self.names())
                && p.probs == self.probs()
        })
    }

    /// The sentence preset the sentence is in, if it is exactly one of them.
    pub fn sentence_preset(&self) -> Option<usize> {
        let s = &self.sentence;
        SENTENCE_PRESETS.iter().position(|p| {
            p.repeat == s.repeat()
                && p.tokens
                    .iter()
                    .copied()
                    .eq(s.tokens().iter().map(String::as_str))
                && p.probs == s.probs()
        })
    }

    /// The sentence.
    pub fn sentence(&self) -> &Sentence {
        &self.sentence
    }

    /// The sentence token that is this prediction: the first equal to the correct word. None
    /// when the sentence stands alone, without the prediction on show.
    pub fn linked_token(&self) -> Option<usize> {
        if !self.initial.parts.core() {
            return None;
        }
        self.sentence.linked(self.correct_word())
    }

    /// The exercise's answer and verdict; `None` outside an exercise.
    pub fn quiz(&self) -> Option<&Quiz> {
        self.quiz.as_ref()
    }

    /// Whether the loss is hidden: an exercise whose answer has not been checked yet. The
    /// readouts read `?`, and the plot shows no marker and says no number.
    pub fn hides_loss(&self) -> bool {
        self.quiz.as_ref().is_some_and(Quiz::hides_loss)
    }

    /// Which parts of the widget the page shows.
    pub fn parts(&self) -> Parts {
        self.initial.parts
    }

    /// The Loss readout in the chosen unit: `−log p_c`, or `CE(y, p)` when ε > 0.
    pub fn loss(&self) -> f64 {
        self.prediction.loss(self.units)
    }

    /// `−log p_c` in the chosen unit: the height of the curve at the marker, whatever ε is.
    pub fn one_hot_loss(&self) -> f64 {
        self.prediction.cross_entropy(self.units)
    }

    /// Perplexity, `exp(−ln p_c)`; unaffected by smoothing and units.
    pub fn perplexity(&self) -> f64 {
        self.prediction.perplexity()
    }

    /// Entropy of the target, `H(y)`, in the chosen unit.
    pub fn entropy(&self) -> f64 {
        self.units.from_nats(self.prediction.entropy())
    }

    /// `KL(y‖p)` in the chosen unit.
    pub fn kl(&self) -> f64 {
        self.units.from_nats(self.prediction.kl_divergence())
    }

    /// Whether training has nothing left to do: `KL(y‖p)`, how far the loss is above its
    /// minimum, is below [`CONVERGED`].
    pub fn converged(&self) -> bool {
        self.prediction.kl_divergence() < CONVERGED
    }

    /// The logit gradient `g = p − y`; the arrows show `−g`.
    pub fn gradient(&self) -> Vec<f64> {
        self.prediction.gradient()
    }

    /// The slope of the `−log p` curve at `p_c`, in the chosen unit.
    pub fn slope(&self) -> f64 {
        self.prediction.slope(self.units)
    }

    /// Model `i`'s prediction (0 for A, 1 for B) with the widget's correct word and label
    /// smoothing, so its loss is computed as the core's is.
    pub fn model(&self, i: usize) -> Prediction {
        let p = self.models[i.min(1)].clone();
        Prediction::new(p, self.correct(), self.smoothing())
            .unwrap_or_else(|_| self.prediction.clone())
    }

    /// The softmax temperature `T` of the logits.
    pub fn temperature(&self) -> f64 {
        self.temperature
    }

    /// The logits at `T`: `z_i = T·(ln p_i − max_j ln p_j)`, the largest 0.
    pub fn logits(&self) -> Vec<f64> {
        logits(self.probs(), self.temperature)
    }

    /// `LSE = ln Σ_j exp(z_j/T)` of [`Model::logits`]; the loss (ε = 0, nats) is
    /// `LSE − z_c/T`.
    pub fn log_sum_exp(&self) -> f64 {
        log_sum_exp(&self.logits(), self.temperature)
    }

    /// What a `loss-explorer:change` event reports about this state.
    pub fn reported(&self) -> Reported {
        Reported {
            words: self.words.iter().map(|w| w.name.clone()).collect(),
            p: self.probs().to_vec(),
            correct: self.correct_word().to_string(),
            units: self.units,
            loss: self.loss(),
            perplexity: self.perplexity(),
        }
    }

    /// The current state as a config, e.g. for the permalink.
    pub fn to_config(&self) -> Config {
        Config {
            words: self.words.iter().map(|w| w.name.clone()).collect(),
            prediction: self.prediction.clone(),
            units: self.units,
            learning_rate: self.learning_rate,
            sentence: self.sentence.to_config(),
            models: self.models.clone(),
            temperature: self.temperature,
            ..(*self.initial).clone()
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
        assert_eq!(rounded(m.probs()).join(","), probs);
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
        assert_eq!(
            (m.learning_rate().get(), m.learning_rate_box()),
            (0.5, ("0.5".to_string(), None))
        );
        for bad in ["", "-1", "0", "NaN", "1e400", "abc", "101"] {
            let m = m.clone().apply(Action::SetLearningRate(bad.into()));
            assert_eq!(m.learning_rate().get(), 0.5, "{bad}");
            let (text, error) = m.learning_rate_box();
            assert_eq!(text, bad);
            assert!(!error.expect(bad).to_string().is_empty(), "{bad}");
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
        assert!(m.prediction().kl_divergence() < CONVERGED && m.loss() > 0.1);
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
        assert_eq!(
            (reset.playing(), reset.learning_rate_box().0),
            (false, "2".to_string())
        );
        assert!(reset.history().is_empty());
    }

    #[test]
    fn smoothing_changes_the_loss_not_the_perplexity() {
        let m = model("?smoothing=0.1");
        assert_eq!(m.loss(), m.prediction().soft_cross_entropy());
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
        assert_eq!(h[2].loss_nats, m.prediction().loss(Units::Nats));
        assert_eq!(h.iter().map(|p| p.step).collect::<Vec<_>>(), [0, 1, 2]);
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
        // It never grows past the limit; the oldest points go, and each keeps its step.
        let mut long = model("?lr=0.001").apply(Action::TogglePlay);
        for _ in 0..HISTORY_LIMIT + 50 {
            long = long.apply(Action::Tick);
        }
        assert_eq!(long.history().len(), HISTORY_LIMIT);
        assert_eq!(long.history()[0].step, 51);
        assert_eq!(long.history()[HISTORY_LIMIT - 1].step, 550);
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
        assert_eq!(m.names(), ["chai", "paani", "dudh"]);
        assert_eq!(
            (m.correct_word(), format!("{:.3}", m.loss())),
            ("paani", "1.204".into())
        );
        assert_eq!(m.preset(), Some(4));
        assert_eq!(m.clone().apply(Action::SetCorrect(0)).preset(), None);
        let unknown = m.clone().apply(Action::LoadPreset(99));
        assert_eq!(unknown, m);
    }

    #[test]
    fn renaming_words() {
        let m = model("");
        let renamed = m.clone().apply(Action::RenameWord {
            index: 1,
            text: " water ".into(),
        });
        assert_eq!(renamed.names()[1], "water");
        assert_eq!(
            (renamed.words()[1].text(), renamed.words()[1].error()),
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
            assert_eq!(r.names()[1], "water", "{bad}");
            assert_eq!(r.words()[1].text(), bad);
            let reason = r.words()[1].error().expect("an error").to_string();
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
        assert_eq!(m.names(), ["a", "b", "c", "word 4"]);
        assert!((m.probs()[3] - 0.25).abs() < 1e-15);
        assert_eq!(m.correct_word(), "c");
        let m = m.apply(Action::RemoveWord(0));
        assert_eq!(m.names(), ["b", "c", "word 4"]);
        assert_eq!(m.correct_word(), "c");
        let sum: f64 = m.probs().iter().sum();
        assert!((sum - 1.0).abs() < 1e-12);
        // Removing the correct word makes the first word correct.
        let m = m.apply(Action::RemoveWord(1));
        assert_eq!((m.names(), m.correct_word()), (vec!["b", "word 4"], "b"));
        // Never fewer than 2 nor more than 10.
        assert_eq!(m.clone().apply(Action::RemoveWord(0)).words().len(), 2);
        let mut big = m;
        for _ in 0..20 {
            big = big.apply(Action::AddWord);
        }
        assert_eq!(big.words().len(), 10);
        let names: std::collections::HashSet<_> = big.names().into_iter().collect();
        assert_eq!(names.len(), 10);
        // Removing a word that held all the probability leaves the rest equal.
        let all = model("?words=a,b,c&p=1,0,0").apply(Action::RemoveWord(0));
        assert_eq!(all.probs(), &[0.5, 0.5]);
    }

    #[test]
    fn locks() {
        let m = model("?words=a,b,c&p=0.2,0.3,0.5").apply(Action::ToggleLock(2));
        assert!(m.words()[2].locked);
        let moved = m.clone().apply(Action::SetProb {
            index: 0,
            value: 0.4,
        });
        assert_eq!(moved.probs()[2], 0.5);
        assert!((moved.probs()[1] - 0.1).abs() < 1e-15);
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
        assert!(stepped.probs()[2] != 0.5);
        assert!(!both.apply(Action::ToggleLock(2)).words()[2].locked);
    }

    #[test]
    fn an_edit_that_changes_nothing_keeps_the_history() {
        let m = model("?lr=0.5").apply(Action::Step).apply(Action::Step);
        assert_eq!(m.history().len(), 3);
        // Choosing the correct word that is already correct, smoothing it is already at.
        let same = m
            .clone()
            .apply(Action::SetCorrect(0))
            .apply(Action::SetSmoothing(0.0))
            .apply(Action::RenameWord {
                index: 1,
                text: "water".into(),
            });
        assert_eq!(same.history(), m.history());
        // ArrowUp and End on a slider already at 1: a big step puts it there.
        let one = model("?lr=100").apply(Action::Step);
        assert_eq!(one.probs()[0], 1.0);
        let pressed = one
            .clone()
            .apply(Action::Nudge {
                index: 0,
                delta: KEY_STEP,
            })
            .apply(Action::SetProb {
                index: 0,
                value: 1.0,
            });
        assert!(!one.history().is_empty());
        assert_eq!(pressed.history(), one.history());
        // A real change still clears it.
        assert!(m.apply(Action::SetCorrect(1)).history().is_empty());
    }

    #[test]
    fn an_input_event_with_the_sliders_own_value_keeps_the_history() {
        // A dragged and stepped state holds 17-digit probabilities; the range input reports
        // each with 15 significant digits. An input event that carries that reading back (a
        // browser re-firing it, a test setting the value it read) is no move by the learner.
        let m = model("?p=0.629557342493559,0.15435110729435042,0.1,0.0660915502121,0.05")
            .apply(Action::Step);
        assert_eq!(m.history().len(), 2);
        let mut rounded = 0;
        for (index, &p) in m.probs().iter().enumerate() {
            // What `input.value` gives back for `p`: its 15-significant-digit form.
            let shown: f64 = format!("{p:.14e}").parse().unwrap();
            rounded += usize::from(shown != p);
            let same = m.clone().apply(Action::SetProb {
                index,
                value: shown,
            });
            assert_eq!(
                same.history(),
                m.history(),
                "word {index}: {p} read as {shown}"
            );
            assert_eq!(same.probs(), m.probs(), "word {index}");
        }
        assert!(
            rounded >= 3,
            "the stepped values should need 16 or 17 digits"
        );
        // A real move, however small a drag makes it, still starts a new history.
        let moved = m.clone().apply(Action::SetProb {
            index: 1,
            value: m.probs()[1] + 0.001,
        });
        assert!(moved.history().is_empty());
    }

    #[test]
    fn the_preset_menu_forgets_the_preset_once_the_state_moves_away() {
        let m = model("").apply(Action::LoadPreset(4));
        assert_eq!(m.preset(), Some(4));
        assert_eq!(m.clone().apply(Action::Step).preset(), None, "after Step");
        let mut played = m.clone().apply(Action::TogglePlay);
        for _ in 0..3 {
            played = played.apply(Action::Tick);
        }
        assert_eq!(played.preset(), None, "after Play");
        let renamed = m.clone().apply(Action::RenameWord {
            index: 0,
            text: "tea".into(),
        });
        assert_eq!(renamed.preset(), None, "after a rename");
        // Settings that leave the words and numbers alone keep it named.
        assert_eq!(m.apply(Action::SetUnits(Units::Bits)).preset(), Some(4));
    }

    #[test]
    fn the_change_event_reports_only_what_it_carries() {
        let m = model("");
        let reported = m.reported();
        // Typing a bad learning rate or a bad name changes nothing an event reports.
        let typed = m
            .clone()
            .apply(Action::SetLearningRate("abc".into()))
            .apply(Action::RenameWord {
                index: 1,
                text: String::new(),
            })
            .apply(Action::SetGradientView(GradientView::Probability))
            .apply(Action::ToggleLock(2));
        assert_ne!(typed, m);
        assert_eq!(typed.reported(), reported);
        // Words, probabilities, the correct word, units and the loss do.
        for changed in [
            m.clone().apply(Action::RenameWord {
                index: 1,
                text: "water".into(),
            }),
            m.clone().apply(Action::SetProb {
                index: 0,
                value: 0.5,
            }),
            m.clone().apply(Action::SetCorrect(2)),
            m.clone().apply(Action::SetUnits(Units::Bits)),
            m.clone().apply(Action::SetSmoothing(0.1)),
        ] {
            assert_ne!(changed.reported(), reported);
        }
    }

    #[test]
    fn config_round_trips_through_the_model() {
        let m = model("?words=x,y,z&p=0.2,0.3,0.5&correct=z&units=bits&lr=0.3");
        let (again, notices) = parse_query(&m.to_config().to_query());
        assert!(notices.is_empty());
        assert_eq!(Model::new(again), m);
    }

    #[test]
    fn the_sentence_token_for_the_correct_word_is_the_prediction_both_ways() {
        let m = model("");
        assert_eq!(m.linked_token(), Some(2));
        assert_eq!(m.sentence().probs()[2], 0.4);
        // Dragging chai above moves the sentence below…
        let m = m.apply(Action::SetProb {
            index: 0,
            value: 0.7,
        });
        assert_eq!(m.sentence().probs()[2], 0.7);
        // …and dragging p(chai) below moves the prediction, by the slider rule.
        let m = m.apply(Action::Step).apply(Action::SetTokenProb {
            index: 2,
            value: 0.2,
        });
        assert_eq!((m.p_correct(), m.sentence().probs()[2]), (0.2, 0.2));
        assert!((m.probs().iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(
            m.history().is_empty(),
            "a change by hand starts a new history"
        );
        // Other tokens leave the prediction alone.
        let before = m.prediction().clone();
        let m = m.apply(Action::SetTokenProb {
            index: 0,
            value: 0.05,
        });
        assert_eq!((m.prediction(), m.sentence().probs()[0]), (&before, 0.05));
        // Another correct word unlinks chai, which keeps its last value.
        let m = m.apply(Action::SetCorrect(1));
        assert_eq!(m.linked_token(), None);
        let m = m.apply(Action::SetProb {
            index: 0,
            value: 0.9,
        });
        assert_eq!(m.sentence().probs()[2], 0.2);
    }

    #[test]
    fn the_linked_tokens_pt_gives_way_to_p_c_and_locks_hold_it() {
        let m = model("?pt=0.3,0.5,0.9,0.6,0.9");
        assert_eq!(m.sentence().probs()[2], 0.4);
        let m = model("?tokens=chai,x,chai").apply(Action::ToggleLock(0));
        assert_eq!(m.sentence().probs(), [0.4, 0.5, 0.5]);
        let m = m.apply(Action::SetTokenProb {
            index: 0,
            value: 0.9,
        });
        assert_eq!((m.p_correct(), m.sentence().probs()[0]), (0.4, 0.4));
        // Only the first chai is the prediction; the second is a token like any other.
        let m = m.apply(Action::SetTokenProb {
            index: 2,
            value: 0.9,
        });
        assert_eq!((m.p_correct(), m.sentence().probs()[2]), (0.4, 0.9));
    }

    #[test]
    fn sentence_presets_repeat_and_reset() {
        let m = model("").apply(Action::LoadSentencePreset(1));
        assert_eq!(m.sentence_preset(), Some(1));
        assert_eq!(m.sentence().loss().positions, 100);
        assert_eq!(
            m.probs(),
            model("").probs(),
            "no token is chai: p is untouched"
        );
        let m = m.apply(Action::SetRepeat("30".into()));
        assert_eq!((m.sentence().repeat(), m.sentence_preset()), (30, None));
        // The tutorial sentence's chai is 0.40: loading it moves p_c there.
        let m = m
            .apply(Action::SetProb {
                index: 0,
                value: 0.8,
            })
            .apply(Action::LoadSentencePreset(0));
        assert_eq!((m.p_correct(), m.sentence_preset()), (0.4, Some(0)));
        let m = m.apply(Action::SetRepeat("7".into())).apply(Action::Reset);
        assert_eq!(m.sentence(), model("").sentence());
        // The permalink carries the sentence.
        let m = model("").apply(Action::LoadSentencePreset(1));
        let again = Model::new(parse_query(&m.to_config().to_query()).0);
        assert_eq!(again.sentence(), m.sentence());
    }

    #[test]
    fn an_exercise_hides_the_loss_until_a_number_is_checked_and_reset_hides_it_again() {
        use crate::quiz::Verdict;
        let m = model("?words=chai,paani,dudh&p=0.6,0.3,0.1&correct=paani&quiz=1");
        assert!(m.hides_loss());
        assert!(!model("").hides_loss(), "only an exercise hides it");
        let m = m
            .apply(Action::SetAnswer("about one".into()))
            .apply(Action::CheckAnswer);
        assert!(m.hides_loss(), "no number, nothing revealed");
        let m = m
            .apply(Action::SetAnswer("0.916".into()))
            .apply(Action::CheckAnswer);
        assert!(!m.hides_loss());
        let loss = -(0.3f64.ln());
        assert_eq!(m.quiz().unwrap().verdict, Some(Verdict::NotQuite { loss }));
        let m = m
            .apply(Action::SetAnswer("1.204".into()))
            .apply(Action::CheckAnswer);
        assert_eq!(m.quiz().unwrap().verdict, Some(Verdict::Right { loss }));
        // Moving on keeps the loss shown; Reset starts the exercise again.
        let m = m.apply(Action::SetProb {
            index: 1,
            value: 0.5,
        });
        assert!(!m.hides_loss());
        let m = m.apply(Action::Reset);
        assert!(m.hides_loss());
        assert_eq!(m.quiz().unwrap().answer, "");
        assert!(m.to_config().quiz, "the permalink keeps the exercise");
    }
}
