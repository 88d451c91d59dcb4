//! Turns URL query strings, data attributes and `mount()` options into a validated
//! [`Config`] plus notices.
//!
//! Pure and total: any input yields a usable config. Each part that cannot be used falls
//! back to its default and leaves a [`Notice`] naming the parameter and the reason, so the
//! widget always renders and the author learns what to fix.

use crate::compare::{default_model, DEFAULT_A, DEFAULT_B};
use crate::logits::{MAX_TEMPERATURE, MIN_TEMPERATURE};
use crate::loss::{Distribution, LearningRate, LossError, Prediction, Units, MAX_SMOOTHING};
use crate::loss::{MAX_POSITIONS, MAX_WORDS, MIN_WORDS};
use crate::num::{self, shortest};
use std::fmt;

/// The words a widget starts with when none are given.
pub const DEFAULT_WORDS: [&str; 5] = ["chai", "paani", "dudh", "coffee", "lassi"];
/// The probabilities of [`DEFAULT_WORDS`].
pub const DEFAULT_PROBS: [f64; 5] = [0.40, 0.25, 0.15, 0.10, 0.10];
/// The sentence of part `sentence` when none is given (CONTRACT §6).
pub const DEFAULT_TOKENS: [&str; 5] = ["subah", "uthke", "chai", "peeta", "hoon"];
/// The probabilities of [`DEFAULT_TOKENS`].
pub const DEFAULT_TOKEN_PROBS: [f64; 5] = [0.30, 0.50, 0.40, 0.60, 0.90];
/// The longest word, in characters, after trimming.
pub const MAX_WORD_CHARS: usize = 24;
/// The largest learning rate accepted.
pub const MAX_LEARNING_RATE: f64 = 100.0;

/// Everything a widget is created with. Every field is valid: `words` has 2–10 distinct
/// entries of 1–24 characters, one per probability of `prediction`, and the learning rate
/// is at most 100.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The candidate next words, in display order.
    pub words: Vec<String>,
    /// The probabilities, the correct word and the label smoothing.
    pub prediction: Prediction,
    /// The unit losses are shown in.
    pub units: Units,
    /// The learning rate η of Step and Play.
    pub learning_rate: LearningRate,
    /// Whether the page shows only the widget, for iframes.
    pub embed: bool,
    /// Which parts of the widget are shown besides its core.
    pub parts: Parts,
    /// Light, dark, or following the page (the default).
    pub theme: Theme,
    /// The sentence of part `sentence`.
    pub sentence: SentenceConfig,
    /// An exercise: the loss stays hidden until the learner checks an answer (CONTRACT §5).
    pub quiz: bool,
    /// Model A's and Model B's predictions of part `compare`, one probability per word.
    pub models: [Distribution; 2],
    /// The softmax temperature of part `logits`, in `[0.1, 10]`.
    pub temperature: f64,
}

/// A sentence: its tokens, the probability of each, and how often it repeats. Valid: 1 or
/// more tokens of 1–24 characters (repeats allowed), one probability in `[0, 1]` per token,
/// `repeat ≥ 1` and `repeat × tokens ≤ 1000`.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceConfig {
    /// The tokens, in order.
    pub tokens: Vec<String>,
    /// The probability the model gave each token when it came next.
    pub probs: Vec<f64>,
    /// How many times the sentence is repeated.
    pub repeat: usize,
}

impl Default for SentenceConfig {
    fn default() -> Self {
        SentenceConfig {
            tokens: DEFAULT_TOKENS.iter().map(|t| t.to_string()).collect(),
            probs: DEFAULT_TOKEN_PROBS.to_vec(),
            repeat: 1,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            words: DEFAULT_WORDS.iter().map(|w| w.to_string()).collect(),
            prediction: Prediction::first_word(default_probs(DEFAULT_WORDS.len(), true)),
            units: Units::Nats,
            learning_rate: LearningRate::default(),
            embed: false,
            parts: Parts::ALL,
            theme: Theme::Auto,
            sentence: SentenceConfig::default(),
            quiz: false,
            models: default_models(DEFAULT_WORDS.len(), 0),
            temperature: 1.0,
        }
    }
}

/// Model A's and Model B's predictions when `pa` and `pb` are not given: 0.90 and 0.40 on
/// the correct word, the rest shared equally.
pub fn default_models(k: usize, correct: usize) -> [Distribution; 2] {
    [DEFAULT_A, DEFAULT_B].map(|p_c| default_model(k, correct, p_c))
}

/// A part of the widget that a page can leave out (CONTRACT §4). The core (the Correct word
/// radios, a slider per word, the Loss and Perplexity readouts) is always shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The `−log p` curve and the bars with gradient arrows.
    Plot,
    /// Step, Play, Reset, Learning rate and Gradient view.
    Train,
    /// The nats / bits switch.
    Units,
    /// The loss history plot.
    History,
    /// Label smoothing with H(y), CE and KL.
    Smoothing,
    /// The Preset menu.
    Presets,
    /// The word name boxes, Add word, Remove and Lock.
    Edit,
    /// The Challenges list.
    Challenges,
    /// Copy link, Copy as PyTorch, Download PNG and CSV.
    Export,
    /// The loss of a whole sentence.
    Sentence,
    /// The common mistakes.
    Mistakes,
    /// The logits and the temperature, linked with the probabilities.
    Logits,
    /// Two models side by side.
    Compare,
}

/// Every part with its name in `panels`, in the order they appear.
pub const PARTS: [(Part, &str); 13] = [
    (Part::Plot, "plot"),
    (Part::Train, "train"),
    (Part::Units, "units"),
    (Part::History, "history"),
    (Part::Smoothing, "smoothing"),
    (Part::Presets, "presets"),
    (Part::Edit, "edit"),
    (Part::Challenges, "challenges"),
    (Part::Export, "export"),
    (Part::Sentence, "sentence"),
    (Part::Mistakes, "mistakes"),
    (Part::Logits, "logits"),
    (Part::Compare, "compare"),
];

/// The parts below the prediction's, in the order the page shows them.
const BELOW: [Part; 7] = [
    Part::Logits,
    Part::Sentence,
    Part::Compare,
    Part::Mistakes,
    Part::Smoothing,
    Part::Challenges,
    Part::Export,
];

/// A set of parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Parts(u16);

impl Parts {
    /// Every part: what `panels=all` (the default) shows.
    pub const ALL: Parts = Parts((1 << PARTS.len()) - 1);
    /// No part: only the core.
    pub const NONE: Parts = Parts(0);

    /// Whether `part` is shown.
    pub fn has(self, part: Part) -> bool {
        self.0 & (1 << part as u16) != 0
    }

    /// These parts and `part`.
    pub fn with(self, part: Part) -> Parts {
        Parts(self.0 | 1 << part as u16)
    }

    /// These parts but `part`.
    pub fn without(self, part: Part) -> Parts {
        Parts(self.0 & !(1 << part as u16))
    }

    /// Whether the core (the Correct word radios, a slider per word, the Loss and Perplexity
    /// readouts) is shown: with every part, with any part about the prediction, and with
    /// nothing besides `units` and `export`. A list of `sentence` (with at most `units` and
    /// `export` beside it) shows the sentence alone (CONTRACT §4).
    pub fn core(self) -> bool {
        let alone = Parts::NONE.with(Part::Sentence).with(Part::Compare);
        let either = Parts::NONE.with(Part::Units).with(Part::Export);
        self == Parts::ALL || self.0 & alone.0 == 0 || self.0 & !(alone.0 | either.0) != 0
    }

    /// The build stage in which `part` first shows (see `side_effects::use_build_stage`): 1
    /// for the prediction's own parts, then 2, 3, … for the chosen parts below them, in page
    /// order, one a frame, so that a part only ever appears below what is already painted.
    ///
    /// ```
    /// use loss_explorer::config::{Part, Parts};
    /// let parts = Parts::NONE.with(Part::Plot).with(Part::Compare).with(Part::Export);
    /// assert_eq!(parts.stage(Part::Plot), 1);
    /// assert_eq!(parts.stage(Part::Compare), 2);
    /// assert_eq!(parts.stage(Part::Export), 3);
    /// assert_eq!(parts.last_stage(), 3);
    /// assert_eq!(parts.built(2), Parts::NONE.with(Part::Plot).with(Part::Compare));
    /// ```
    pub fn stage(self, part: Part) -> u32 {
        match BELOW.iter().position(|&p| p == part) {
            Some(i) => 2 + self.count(&BELOW[..i]),
            None => 1,
        }
    }

    /// The parts shown once `stage` is reached.
    pub fn built(self, stage: u32) -> Parts {
        // Every render asks; once built, the answer is all of them.
        if stage >= self.last_stage() {
            return self;
        }
        Parts(PARTS.iter().fold(0, |bits, &(p, _)| {
            if self.has(p) && self.stage(p) <= stage {
                bits | 1 << p as u16
            } else {
                bits
            }
        }))
    }

    /// The stage in which every chosen part shows.
    pub fn last_stage(self) -> u32 {
        1 + self.count(&BELOW)
    }

    fn count(self, parts: &[Part]) -> u32 {
        parts.iter().filter(|&&p| self.has(p)).count() as u32
    }

    /// The parts as `panels` writes them: `all`, or their names separated by commas.
    pub fn names(self) -> String {
        if self == Parts::ALL {
            return "all".into();
        }
        let names: Vec<&str> = PARTS
            .iter()
            .filter(|(p, _)| self.has(*p))
            .map(|(_, n)| *n)
            .collect();
        names.join(",")
    }
}

/// The widget's colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Follow the page: the reader's colour scheme on the standalone page, the host page's
    /// background for a widget embedded in one.
    #[default]
    Auto,
    /// Light, whatever the page.
    Light,
    /// Dark, whatever the page.
    Dark,
}

impl Theme {
    /// The theme's name in `theme`: `auto`, `light` or `dark`.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Why a parameter's value could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamError {
    /// The decoded bytes are not UTF-8.
    NotUtf8,
    /// Fewer than 2 or more than 10 words.
    WordCount(usize),
    /// A word is empty after trimming.
    EmptyWord,
    /// A word is longer than [`MAX_WORD_CHARS`]: its first characters, and its length.
    LongWord(String, usize),
    /// A word contains a comma.
    Comma(String),
    /// A word contains a control character (shown escaped).
    Control(String),
    /// A word appears twice in the list.
    Duplicate(String),
    /// A new name is already another word's.
    Taken(String),
    /// A number is missing.
    EmptyNumber,
    /// Not a number at all.
    NotANumber(String),
    /// `inf`, `NaN` or too large for a double.
    NotFinite(String),
    /// A probability below zero.
    Negative(f64),
    /// The wrong count of numbers: how many were needed, and how many came.
    Count(usize, usize),
    /// The probabilities cannot be normalised (all zero).
    Probabilities(LossError),
    /// Not one of the words.
    NotAWord(String),
    /// Neither `nats` nor `bits`.
    Units,
    /// A learning rate outside `0 < lr ≤ 100`.
    LearningRate(f64),
    /// A label smoothing outside `[0, 0.5]`.
    Smoothing(f64),
    /// `embed` or `quiz` other than 1 or 0.
    Flag,
    /// A name in `panels` that is not a part.
    UnknownPart(String),
    /// `theme` other than light, dark or auto.
    Theme,
    /// No tokens, or more than [`MAX_POSITIONS`].
    TokenCount(usize),
    /// The wrong count of token probabilities: how many were needed, and how many came.
    TokenProbCount(usize, usize),
    /// A token probability outside `[0, 1]`.
    TokenProb(f64),
    /// A repeat count that is not a whole number from 1 to the most that fits: the text as
    /// given, and that most.
    Repeat(String, usize),
    /// A temperature outside `[0.1, 10]`.
    Temperature(f64),
}

/// At most 24 characters of `s`, for messages.
fn short(s: &str) -> String {
    s.chars().take(24).collect()
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamError::NotUtf8 => write!(f, "its percent-escapes do not spell UTF-8 text"),
            ParamError::WordCount(n) => write!(
                f,
                "needs {MIN_WORDS} to {MAX_WORDS} comma-separated words, got {n}"
            ),
            ParamError::EmptyWord => write!(f, "a word is empty"),
            ParamError::LongWord(start, n) => write!(
                f,
                "“{start}…” has {n} characters, more than {MAX_WORD_CHARS}"
            ),
            ParamError::Comma(w) => write!(f, "“{w}” contains a comma, which separates words"),
            ParamError::Control(w) => write!(f, "“{w}” contains a control character"),
            ParamError::Duplicate(w) => write!(f, "“{w}” appears twice"),
            ParamError::Taken(w) => write!(f, "“{w}” is already a word"),
            ParamError::EmptyNumber => write!(f, "a value is empty"),
            ParamError::NotANumber(s) => write!(f, "“{s}” is not a number"),
            ParamError::NotFinite(s) => write!(f, "“{s}” is not a finite number"),
            ParamError::Negative(v) => write!(f, "{} is negative", shortest(*v)),
            ParamError::Count(want, got) => {
                write!(f, "needs {want} numbers, one per word, got {got}")
            }
            ParamError::Probabilities(e) => e.fmt(f),
            ParamError::NotAWord(w) => write!(f, "“{w}” is not one of the words"),
            ParamError::Units => write!(f, "must be “nats” or “bits”"),
            ParamError::LearningRate(v) => write!(
                f,
                "{} is outside 0 < lr ≤ {}",
                shortest(*v),
                shortest(MAX_LEARNING_RATE)
            ),
            ParamError::Smoothing(v) => write!(
                f,
                "{} is outside 0 to {}",
                shortest(*v),
                shortest(MAX_SMOOTHING)
            ),
            ParamError::Flag => write!(f, "must be 1 (or 0)"),
            ParamError::UnknownPart(name) => {
                let names: Vec<&str> = PARTS.iter().map(|(_, n)| *n).collect();
                write!(
                    f,
                    "“{name}” is not a part (the parts are {}, or all)",
                    names.join(", ")
                )
            }
            ParamError::Theme => write!(f, "must be “light”, “dark” or “auto”"),
            ParamError::TokenCount(n) => write!(
                f,
                "needs 1 to {MAX_POSITIONS} comma-separated tokens, got {n}"
            ),
            ParamError::TokenProbCount(want, got) => {
                write!(f, "needs {want} numbers, one per token, got {got}")
            }
            ParamError::TokenProb(v) => write!(f, "{} is outside 0 to 1", shortest(*v)),
            ParamError::Temperature(v) => write!(f, "{} is outside 0.1 to 10", shortest(*v)),
            ParamError::Repeat(text, most) => write!(
                f,
                "“{text}” is not a whole number from 1 to {most} (at most {MAX_POSITIONS} positions)"
            ),
        }
    }
}

/// What a text box holds when it is not simply the value in use: the text as typed, and why
/// it was refused (if it was).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The box's text.
    pub text: String,
    /// Why the text is not in use; `None` when it is (e.g. a name with spaces around it).
    pub error: Option<ParamError>,
}

/// A parameter that was ignored, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The parameter's name as the author wrote it, e.g. `p`.
    pub param: &'static str,
    /// What was wrong.
    pub error: ParamError,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let ParamError::UnknownPart(_) = self.error {
            // The other names of the list still apply.
            return write!(f, "Ignored part of “{}”: {}.", self.param, self.error);
        }
        let default = match self.param {
            "pa" => " (0.9 on the correct word, the rest shared equally)",
            "pb" => " (0.4 on the correct word, the rest shared equally)",
            "temperature" => ", 1",
            _ => "",
        };
        write!(
            f,
            "Ignored “{}”: {}. Using the default{default}.",
            self.param, self.error
        )
    }
}

/// The parameters a config understands, in the order a query is written; also the names of
/// the `data-*` attributes and `mount()` options.
pub const PARAMS: [&str; 16] = [
    "words",
    "p",
    "correct",
    "units",
    "lr",
    "smoothing",
    "embed",
    "panels",
    "theme",
    "tokens",
    "pt",
    "repeat",
    "pa",
    "pb",
    "temperature",
    "quiz",
];

/// Parses a URL query string such as `?words=a,b&p=0.3,0.7`. The leading `?` is optional,
/// `+` is a space, unknown parameters are ignored, and the first of repeated ones counts.
pub fn parse_query(query: &str) -> (Config, Vec<Notice>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut notices = Vec::new();
    let mut pairs: Vec<(&'static str, String)> = Vec::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        // An undecodable name is no parameter we know.
        let Some(param) = percent_decode(key)
            .ok()
            .and_then(|k| PARAMS.into_iter().find(|p| *p == k))
        else {
            continue;
        };
        if pairs.iter().any(|(k, _)| *k == param)
            || notices.iter().any(|n: &Notice| n.param == param)
        {
            continue;
        }
        match percent_decode(value) {
            Ok(v) => pairs.push((param, v)),
            Err(error) => notices.push(Notice { param, error }),
        }
    }
    let (config, more) = from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    notices.extend(more);
    (config, notices)
}

/// Builds a config from already-decoded `(name, value)` pairs, as data attributes and
/// `mount()` options give them. Unknown names are ignored; the first of repeated ones counts.
pub fn from_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (Config, Vec<Notice>) {
    let mut raw: [Option<&str>; PARAMS.len()] = [None; PARAMS.len()];
    for (key, value) in pairs {
        if let Some(i) = PARAMS.iter().position(|p| *p == key) {
            raw[i].get_or_insert(value);
        }
    }
    let [words, p, correct, units, lr, smoothing, embed, panels, theme, tokens, pt, repeat, pa, pb, temperature, quiz] =
        raw;
    let mut notices = Vec::new();
    let n = &mut notices;
    let given_words = field(n, "words", words, parse_words);
    let default_words = given_words.is_none();
    let words = given_words.unwrap_or_else(|| Config::default().words);
    let probs = field(n, "p", p, |p| parse_probs(p, words.len()))
        .unwrap_or_else(|| default_probs(words.len(), default_words));
    let correct = field(n, "correct", correct, |c| parse_correct(c, &words)).unwrap_or(0);
    let units = field(n, "units", units, parse_units).unwrap_or_default();
    let learning_rate = field(n, "lr", lr, parse_learning_rate).unwrap_or_default();
    let smoothing = field(n, "smoothing", smoothing, parse_smoothing).unwrap_or(0.0);
    let embed = field(n, "embed", embed, parse_flag).unwrap_or(false);
    let parts = panels.map_or(Parts::ALL, |s| {
        let (parts, unknown) = parse_parts(s);
        n.extend(unknown.into_iter().map(|error| Notice {
            param: "panels",
            error,
        }));
        parts
    });
    let theme = field(n, "theme", theme, parse_theme).unwrap_or_default();
    let sentence = sentence_from(n, tokens, pt, repeat);
    let [a, b] = default_models(words.len(), correct);
    let mut model = |param, raw| field(n, param, raw, |s| parse_probs(s, words.len()));
    let models = [model("pa", pa).unwrap_or(a), model("pb", pb).unwrap_or(b)];
    let temperature = field(n, "temperature", temperature, parse_temperature).unwrap_or(1.0);
    let quiz = field(n, "quiz", quiz, parse_flag).unwrap_or(false);
    // The correct index and the smoothing were checked above.
    let prediction = Prediction::first_word(probs.clone());
    let prediction = prediction
        .with_correct(correct)
        .unwrap_or(prediction)
        .with_smoothing(smoothing);
    let config = Config {
        words,
        prediction,
        units,
        learning_rate,
        embed,
        parts,
        theme,
        sentence,
        quiz,
        models,
        temperature,
    };
    (config, notices)
}

/// The sentence from `tokens`, `pt` and `repeat`, each checked against the ones before it:
/// `pt` against the tokens in use, `repeat` against their count.
fn sentence_from(
    n: &mut Vec<Notice>,
    tokens: Option<&str>,
    pt: Option<&str>,
    repeat: Option<&str>,
) -> SentenceConfig {
    let given = field(n, "tokens", tokens, parse_tokens);
    let default = SentenceConfig::default();
    let default_tokens = given.is_none();
    let tokens = given.unwrap_or(default.tokens);
    let probs = field(n, "pt", pt, |s| parse_token_probs(s, tokens.len())).unwrap_or_else(|| {
        if default_tokens {
            default.probs
        } else {
            // Without numbers for them, new tokens start at even odds.
            vec![0.5; tokens.len()]
        }
    });
    let repeat = field(n, "repeat", repeat, |s| parse_repeat(s, tokens.len())).unwrap_or(1);
    SentenceConfig {
        tokens,
        probs,
        repeat,
    }
}

/// Parses a parameter if it was given; a failure becomes a notice and `None`.
fn field<T>(
    notices: &mut Vec<Notice>,
    param: &'static str,
    raw: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, ParamError>,
) -> Option<T> {
    match parse(raw?) {
        Ok(v) => Some(v),
        Err(error) => {
            notices.push(Notice { param, error });
            None
        }
    }
}

/// The probabilities a widget of `k` words starts with when `p` is not given: the default
/// words' own, or an even share.
pub fn default_probs(k: usize, default_words: bool) -> Distribution {
    let defaults = if default_words {
        Distribution::new(DEFAULT_PROBS.to_vec()).ok()
    } else {
        None
    };
    defaults
        .or_else(|| Distribution::uniform(k).ok())
        .unwrap_or_default()
}

/// Checks one word: trimmed, 1–24 characters, no comma, no control characters.
pub fn check_word(word: &str) -> Result<String, ParamError> {
    let w = word.trim();
    let chars = w.chars().count();
    if chars == 0 {
        return Err(ParamError::EmptyWord);
    }
    if chars > MAX_WORD_CHARS {
        return Err(ParamError::LongWord(w.chars().take(12).collect(), chars));
    }
    if w.contains(',') {
        return Err(ParamError::Comma(w.to_string()));
    }
    if w.chars().any(char::is_control) {
        // Shown with the control characters written out, so the notice stays one line.
        let shown = w
            .chars()
            .map(|c| {
                if c.is_control() {
                    format!("\\u{{{:x}}}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect();
        return Err(ParamError::Control(shown));
    }
    Ok(w.to_string())
}

/// Parses a comma-separated list of 2–10 distinct words.
pub fn parse_words(s: &str) -> Result<Vec<String>, ParamError> {
    let parts: Vec<&str> = s.split(',').collect();
    if !(MIN_WORDS..=MAX_WORDS).contains(&parts.len()) {
        return Err(ParamError::WordCount(parts.len()));
    }
    let mut words: Vec<String> = Vec::with_capacity(parts.len());
    for part in parts {
        let w = check_word(part)?;
        if words.contains(&w) {
            return Err(ParamError::Duplicate(w));
        }
        words.push(w);
    }
    Ok(words)
}

/// Parses one finite number; surrounding spaces are allowed.
pub fn parse_number(s: &str) -> Result<f64, ParamError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(ParamError::EmptyNumber);
    }
    match num::parse(t) {
        None => Err(ParamError::NotANumber(short(t))),
        Some(v) if !v.is_finite() => Err(ParamError::NotFinite(short(t))),
        Some(v) => Ok(v),
    }
}

/// Parses one non-negative number per word and renormalises them to sum to 1.
pub fn parse_probs(s: &str, k: usize) -> Result<Distribution, ParamError> {
    let parts: Vec<&str> = s.split(',').collect();
    if parts.len() != k {
        return Err(ParamError::Count(k, parts.len()));
    }
    let values = parts
        .iter()
        .map(|p| parse_number(p))
        .collect::<Result<Vec<f64>, ParamError>>()?;
    if let Some(&v) = values.iter().find(|v| **v < 0.0) {
        return Err(ParamError::Negative(v));
    }
    // Values that already sum to 1 are kept bit for bit, so 0.15 stays 0.15.
    Distribution::new(values.clone())
        .or_else(|_| Distribution::normalized(&values))
        .map_err(ParamError::Probabilities)
}

fn parse_correct(s: &str, words: &[String]) -> Result<usize, ParamError> {
    let w = s.trim();
    words
        .iter()
        .position(|x| x == w)
        .ok_or_else(|| ParamError::NotAWord(short(w)))
}

fn parse_units(s: &str) -> Result<Units, ParamError> {
    Units::parse(s.trim()).ok_or(ParamError::Units)
}

/// Parses a learning rate: a finite number with `0 < lr ≤ 100`.
pub fn parse_learning_rate(s: &str) -> Result<LearningRate, ParamError> {
    let v = parse_number(s)?;
    if v > MAX_LEARNING_RATE {
        return Err(ParamError::LearningRate(v));
    }
    LearningRate::new(v).map_err(|_| ParamError::LearningRate(v))
}

/// Parses a label smoothing: a number with `0 ≤ ε ≤ 0.5`.
pub fn parse_smoothing(s: &str) -> Result<f64, ParamError> {
    let v = parse_number(s)?;
    if !(0.0..=MAX_SMOOTHING).contains(&v) {
        return Err(ParamError::Smoothing(v));
    }
    // −0 would print as "-0"; it means 0.
    Ok(v + 0.0)
}

/// Parses `panels`: part names separated by commas, or `all`. Names are trimmed and
/// case-insensitive; each unknown one is returned as an error while the others apply, and an
/// empty list is the core alone.
pub fn parse_parts(s: &str) -> (Parts, Vec<ParamError>) {
    let mut parts = Parts::NONE;
    let mut unknown = Vec::new();
    for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let lower = name.to_ascii_lowercase();
        if lower == "all" {
            parts = Parts::ALL;
        } else if let Some((part, _)) = PARTS.iter().find(|(_, n)| *n == lower) {
            parts = parts.with(*part);
        } else {
            unknown.push(ParamError::UnknownPart(short(name)));
        }
    }
    (parts, unknown)
}

/// Parses `tokens`: 1 to 1000 comma-separated tokens, each checked like a word; a token may
/// appear more than once, as words do in sentences.
pub fn parse_tokens(s: &str) -> Result<Vec<String>, ParamError> {
    let parts: Vec<&str> = s.split(',').collect();
    if parts.len() > MAX_POSITIONS || s.trim().is_empty() {
        let n = if s.trim().is_empty() { 0 } else { parts.len() };
        return Err(ParamError::TokenCount(n));
    }
    parts.into_iter().map(check_word).collect()
}

/// Parses `pt`: one number in `[0, 1]` per token, kept as given (a sentence's probabilities
/// come from different predictions and need not sum to anything).
pub fn parse_token_probs(s: &str, n: usize) -> Result<Vec<f64>, ParamError> {
    let parts: Vec<&str> = s.split(',').collect();
    if parts.len() != n {
        return Err(ParamError::TokenProbCount(n, parts.len()));
    }
    parts
        .into_iter()
        .map(|p| {
            let v = parse_number(p)?;
            if (0.0..=1.0).contains(&v) {
                Ok(v + 0.0)
            } else {
                Err(ParamError::TokenProb(v))
            }
        })
        .collect()
}

/// Parses `repeat` for a sentence of `n` tokens: a whole number with `1 ≤ repeat` and
/// `repeat × n ≤ 1000`.
pub fn parse_repeat(s: &str, n: usize) -> Result<usize, ParamError> {
    let most = MAX_POSITIONS / n.max(1);
    let t = s.trim();
    match num::parse(t) {
        Some(v) if v.fract() == 0.0 && v >= 1.0 && v <= most as f64 => Ok(v as usize),
        _ => Err(ParamError::Repeat(short(t), most)),
    }
}

fn parse_theme(s: &str) -> Result<Theme, ParamError> {
    match s.trim() {
        "auto" | "" => Ok(Theme::Auto),
        "light" => Ok(Theme::Light),
        "dark" => Ok(Theme::Dark),
        _ => Err(ParamError::Theme),
    }
}

/// Parses a softmax temperature: a number with `0.1 ≤ T ≤ 10`.
pub fn parse_temperature(s: &str) -> Result<f64, ParamError> {
    let v = parse_number(s)?;
    if !(MIN_TEMPERATURE..=MAX_TEMPERATURE).contains(&v) {
        return Err(ParamError::Temperature(v));
    }
    Ok(v)
}

fn parse_flag(s: &str) -> Result<bool, ParamError> {
    match s.trim() {
        "1" => Ok(true),
        "0" | "" => Ok(false),
        _ => Err(ParamError::Flag),
    }
}

impl Config {
    /// The query string that recreates this config, e.g. `?words=a,b&p=0.3,0.7&correct=a&…`.
    /// Numbers are written in the shortest form that reads back to the same `f64`.
    pub fn to_query(&self) -> String {
        let list = |items: Vec<String>| items.join(",");
        let p = &self.prediction;
        let mut q = format!(
            "?words={}&p={}&correct={}&units={}&lr={}",
            list(self.words.iter().map(|w| percent_encode(w)).collect()),
            list(p.probs().probs().iter().map(|&x| shortest(x)).collect()),
            percent_encode(self.words.get(p.correct()).map_or("", String::as_str)),
            self.units.name(),
            shortest(self.learning_rate.get())
        );
        if p.smoothing() > 0.0 {
            q.push_str(&format!("&smoothing={}", shortest(p.smoothing())));
        }
        if self.embed {
            q.push_str("&embed=1");
        }
        if self.parts != Parts::ALL {
            q.push_str(&format!("&panels={}", self.parts.names()));
        }
        if self.theme != Theme::Auto {
            q.push_str(&format!("&theme={}", self.theme.name()));
        }
        let sentence = &self.sentence;
        if *sentence != SentenceConfig::default() {
            q.push_str(&format!(
                "&tokens={}&pt={}&repeat={}",
                list(sentence.tokens.iter().map(|t| percent_encode(t)).collect()),
                list(sentence.probs.iter().map(|&x| shortest(x)).collect()),
                sentence.repeat
            ));
        }
        let defaults = default_models(self.words.len(), p.correct());
        for (i, name) in ["pa", "pb"].into_iter().enumerate() {
            if self.models[i] != defaults[i] {
                let p = self.models[i]
                    .probs()
                    .iter()
                    .map(|&x| shortest(x))
                    .collect();
                q.push_str(&format!("&{name}={}", list(p)));
            }
        }
        if self.temperature != 1.0 {
            q.push_str(&format!("&temperature={}", shortest(self.temperature)));
        }
        if self.quiz {
            q.push_str("&quiz=1");
        }
        q
    }
}

/// Decodes `application/x-www-form-urlencoded` text as `URLSearchParams` does: `+` is a
/// space and `%XX` an escaped byte; a `%` not followed by two hexadecimal digits stays as it
/// is (so `%+1` is those three characters, not U+0001). Fails only when the bytes are not
/// UTF-8.
///
/// Hand-written rather than the `percent-encoding` crate: the crate cost 950 bytes of the
/// standalone page's gzip budget more (the same build with either), for two loops.
pub fn percent_decode(s: &str) -> Result<String, ParamError> {
    let bytes = s.as_bytes();
    let hex = |i: usize| bytes.get(i).and_then(|&c| char::from(c).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        match (c, hex(i + 1), hex(i + 2)) {
            (b'+', ..) => out.push(b' '),
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 2;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| ParamError::NotUtf8)
}

/// Percent-encodes everything but ASCII letters, digits and `-_.~`, as `encodeURIComponent`
/// does (which also keeps `!*'()`; escaping them too reads back the same everywhere).
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `query` and compares a summary of the config and the notices' parameters.
    #[track_caller]
    fn check(query: &str, words: &str, probs: &str, correct: &str, noticed: &[&str]) {
        let (c, notices) = parse_query(query);
        assert_eq!(c.words.join(","), words, "words of {query}");
        let p: Vec<String> = c
            .prediction
            .probs()
            .probs()
            .iter()
            .map(|p| format!("{p:.3}"))
            .collect();
        assert_eq!(p.join(","), probs, "p of {query}");
        assert_eq!(
            c.words[c.prediction.correct()],
            correct,
            "correct of {query}"
        );
        let params: Vec<&str> = notices.iter().map(|n| n.param).collect();
        assert_eq!(params, noticed, "notices of {query}: {notices:?}");
    }

    const DEFAULT: &str = "chai,paani,dudh,coffee,lassi";
    const DEFAULT_P: &str = "0.400,0.250,0.150,0.100,0.100";

    #[test]
    fn defaults() {
        check("", DEFAULT, DEFAULT_P, "chai", &[]);
        check("?", DEFAULT, DEFAULT_P, "chai", &[]);
        check("?unknown=1&x", DEFAULT, DEFAULT_P, "chai", &[]);
        assert_eq!(parse_query("").0, Config::default());
    }

    #[test]
    fn tutorial_examples() {
        check(
            "?words=six,four,dot&p=0.1,0.2,0.7&correct=six",
            "six,four,dot",
            "0.100,0.200,0.700",
            "six",
            &[],
        );
        check(
            "?words=chai,paani,dudh&p=0.6,0.3,0.1&correct=paani",
            "chai,paani,dudh",
            "0.600,0.300,0.100",
            "paani",
            &[],
        );
    }

    #[test]
    fn words() {
        check("?words=a,b", "a,b", "0.500,0.500", "a", &[]);
        check("?words=%20a%20,+b+", "a,b", "0.500,0.500", "a", &[]);
        check("?words=a", DEFAULT, DEFAULT_P, "chai", &["words"]);
        check(
            "?words=a,b,c,d,e,f,g,h,i,j,k",
            DEFAULT,
            DEFAULT_P,
            "chai",
            &["words"],
        );
        check("?words=a,,b", DEFAULT, DEFAULT_P, "chai", &["words"]);
        check("?words=a,b,", DEFAULT, DEFAULT_P, "chai", &["words"]);
        check("?words=a,b,a", DEFAULT, DEFAULT_P, "chai", &["words"]);
        check(
            "?words=a,bbbbbbbbbbbbbbbbbbbbbbbbb",
            DEFAULT,
            DEFAULT_P,
            "chai",
            &["words"],
        );
        check(
            "?words=%F0%9F%8D%B5,%D8%B4%D8%A7%DB%8C",
            "🍵,شای",
            "0.500,0.500",
            "🍵",
            &[],
        );
        check("?words=a,b%0Ac", DEFAULT, DEFAULT_P, "chai", &["words"]);
        // Markup is just text here; the view shows it as text.
        check(
            "?words=<b>x</b>,y",
            "<b>x</b>,y",
            "0.500,0.500",
            "<b>x</b>",
            &[],
        );
    }

    #[test]
    fn probabilities() {
        check("?p=4,2.5,1.5,1,1", DEFAULT, DEFAULT_P, "chai", &[]);
        check(
            "?p=1,0,0,0,0",
            DEFAULT,
            "1.000,0.000,0.000,0.000,0.000",
            "chai",
            &[],
        );
        check(
            "?p=-0,1,0,0,0",
            DEFAULT,
            "0.000,1.000,0.000,0.000,0.000",
            "chai",
            &[],
        );
        check("?p=0.5,0.5", DEFAULT, DEFAULT_P, "chai", &["p"]);
        check("?p=NaN,1,1,1,1", DEFAULT, DEFAULT_P, "chai", &["p"]);
        check("?p=1e400,1,1,1,1", DEFAULT, DEFAULT_P, "chai", &["p"]);
        check("?p=-1,1,1,1,1", DEFAULT, DEFAULT_P, "chai", &["p"]);
        check("?p=0,0,0,0,0", DEFAULT, DEFAULT_P, "chai", &["p"]);
        check("?p=,1,1,1,1", DEFAULT, DEFAULT_P, "chai", &["p"]);
        check("?p=1,1,1,1,1,", DEFAULT, DEFAULT_P, "chai", &["p"]);
        check(
            "?words=a,b,c&p=x,1,1",
            "a,b,c",
            "0.333,0.333,0.333",
            "a",
            &["p"],
        );
        // Bad words and p for the default words: p still applies to the defaults.
        check(
            "?words=a&p=1,1,1,1,1",
            DEFAULT,
            "0.200,0.200,0.200,0.200,0.200",
            "chai",
            &["words"],
        );
    }

    #[test]
    fn correct_word() {
        check("?correct=dudh", DEFAULT, DEFAULT_P, "dudh", &[]);
        check("?correct=tea", DEFAULT, DEFAULT_P, "chai", &["correct"]);
        check("?correct=", DEFAULT, DEFAULT_P, "chai", &["correct"]);
    }

    #[test]
    fn settings() {
        let parsed = |q: &str| parse_query(q);
        let (c, n) = parsed("?units=bits&lr=0.5&smoothing=0.1&embed=1");
        assert_eq!(
            (
                c.units,
                c.learning_rate.get(),
                c.prediction.smoothing(),
                c.embed
            ),
            (Units::Bits, 0.5, 0.1, true)
        );
        assert!(n.is_empty());
        for bad in [
            "?units=BITS",
            "?lr=0",
            "?lr=-1",
            "?lr=101",
            "?lr=inf",
            "?lr=",
            "?smoothing=0.6",
            "?smoothing=-0.1",
            "?embed=yes",
        ] {
            let (c, n) = parsed(bad);
            assert_eq!(n.len(), 1, "{bad}");
            assert_eq!(
                (
                    c.units,
                    c.learning_rate.get(),
                    c.prediction.smoothing(),
                    c.embed
                ),
                (Units::Nats, 1.0, 0.0, false),
                "{bad}"
            );
        }
        assert_eq!(parsed("?lr=100").0.learning_rate.get(), 100.0);
        assert!(parsed("?smoothing=-0")
            .0
            .prediction
            .smoothing()
            .is_sign_positive());
    }

    #[test]
    fn notices_name_the_parameter_and_the_reason() {
        let (_, n) = parse_query("?p=0.5,0.5&lr=abc&words=%C3%28,b");
        let text: Vec<String> = n.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            text,
            [
                "Ignored “words”: its percent-escapes do not spell UTF-8 text. Using the default.",
                "Ignored “p”: needs 5 numbers, one per word, got 2. Using the default.",
                "Ignored “lr”: “abc” is not a number. Using the default.",
            ]
        );
    }

    #[test]
    fn every_chosen_part_is_built_by_the_last_stage_and_none_before_a_part_above_it() {
        // Every subset of the thirteen parts.
        for bits in 0..(1u16 << PARTS.len()) {
            let parts = Parts(bits);
            let last = parts.last_stage();
            assert_eq!(parts.built(last), parts, "{}", parts.names());
            assert!(parts.built(0) == Parts::NONE);
            // Stage 1 is the prediction's own parts; each later one adds one part below it.
            let own = BELOW.iter().fold(parts, |rest, &p| rest.without(p));
            assert_eq!(parts.built(1), own, "{}", parts.names());
            for s in 2..=last {
                let added = parts.built(s).0 & !parts.built(s - 1).0;
                assert_eq!(added.count_ones(), 1, "stage {s} of {}", parts.names());
            }
            // Page order: a chosen part never comes in before one the page shows above it.
            let below: Vec<Part> = BELOW.iter().copied().filter(|&p| parts.has(p)).collect();
            for pair in below.windows(2) {
                assert!(
                    parts.stage(pair[0]) < parts.stage(pair[1]),
                    "{}",
                    parts.names()
                );
            }
            for p in below {
                assert!(parts.stage(p) > parts.stage(Part::Plot) && parts.stage(p) <= last);
            }
        }
    }

    #[test]
    fn parts_and_theme() {
        let parsed = |q: &str| parse_query(q);
        assert_eq!(parsed("").0.parts, Parts::ALL);
        let (c, n) = parsed("?panels=plot,train");
        assert!(n.is_empty());
        assert!(c.parts.has(Part::Plot) && c.parts.has(Part::Train));
        assert!(!c.parts.has(Part::History) && !c.parts.has(Part::Edit));
        assert_eq!(parsed("?panels=").0.parts, Parts::NONE);
        assert_eq!(parsed("?panels=%20Plot%20,all").0.parts, Parts::ALL);
        // An unknown name is named in a notice; the other names still apply.
        let (c, n) = parsed("?panels=plot,charts,train");
        assert_eq!(c.parts, Parts::NONE.with(Part::Plot).with(Part::Train));
        assert_eq!(n.len(), 1);
        assert_eq!(
            n[0].to_string(),
            "Ignored part of “panels”: “charts” is not a part (the parts are plot, train, units, \
             history, smoothing, presets, edit, challenges, export, sentence, mistakes, logits, \
             compare, or all)."
        );
        assert_eq!(parsed("?theme=dark").0.theme, Theme::Dark);
        assert_eq!(parsed("?theme=light").0.theme, Theme::Light);
        let (c, n) = parsed("?theme=purple");
        assert_eq!((c.theme, n.len()), (Theme::Auto, 1));
        // Both round-trip through the permalink.
        let (c, _) = parsed("?panels=plot,sentence&theme=dark");
        assert_eq!(parse_query(&c.to_query()).0, c);
    }

    #[test]
    fn which_lists_show_the_core() {
        for (panels, core) in [
            ("all", true),
            ("", true),
            ("plot", true),
            ("units", true),
            ("units,export", true),
            ("sentence", false),
            ("sentence,units", false),
            ("sentence,units,export", false),
            ("sentence,plot", true),
            ("sentence,presets", true),
            ("sentence,mistakes", true),
        ] {
            let parts = parse_parts(panels).0;
            assert_eq!(parts.core(), core, "panels={panels}");
        }
    }

    #[test]
    fn first_of_repeated_parameters_counts() {
        check(
            "?correct=dudh&correct=chai",
            DEFAULT,
            DEFAULT_P,
            "dudh",
            &[],
        );
    }

    #[test]
    fn query_round_trips() {
        for q in [
            "",
            "?words=six,four,dot&p=0.1,0.2,0.7&correct=four&units=bits&lr=0.25&smoothing=0.1&embed=1",
            "?words=%F0%9F%8D%B5,a%26b,c%3Dd,x%20y&p=0.1,0.2,0.3,0.4",
        ] {
            let (c, n) = parse_query(q);
            assert!(n.is_empty(), "{q}: {n:?}");
            let (again, n) = parse_query(&c.to_query());
            assert!(n.is_empty(), "{}: {n:?}", c.to_query());
            assert_eq!(again, c, "{q} → {}", c.to_query());
        }
    }

    #[test]
    fn percent_coding() {
        assert_eq!(percent_decode("a%20b+c"), Ok("a b c".into()));
        assert_eq!(percent_decode("%e2%82%ac"), Ok("€".into()));
        assert_eq!(percent_decode("%C3"), Err(ParamError::NotUtf8));
        // A % that starts no escape stays as it is, as URLSearchParams reads it.
        for literal in ["%", "%é", "%-1", "%1", "%ZZ", "100%"] {
            assert_eq!(percent_decode(literal), Ok(literal.into()), "{literal}");
        }
        // `%+1` is a percent sign, a space and a 1, not U+0001 (a hand-written decoder once
        // read "+1" as hexadecimal).
        assert_eq!(percent_decode("%+1"), Ok("% 1".into()));
        assert_eq!(percent_decode("%2B+%2b"), Ok("+ +".into()));
        assert_eq!(percent_encode("a b,€"), "a%20b%2C%E2%82%AC");
        assert_eq!(percent_encode("-_.~"), "-_.~");
        for text in [
            "\"><img src=x onerror=alert(1)>",
            "a&b=c",
            "x,y",
            "नमस्ते",
            "%+1",
            "+",
        ] {
            assert_eq!(
                percent_decode(&percent_encode(text)),
                Ok(text.into()),
                "{text}"
            );
        }
    }

    #[test]
    fn sentence_parameters() {
        let parsed = |q: &str| parse_query(q);
        assert_eq!(parsed("").0.sentence, SentenceConfig::default());
        let (c, n) = parsed("?tokens=it,was,a,good,day&pt=0.5,0.5,0.5,0.5,0.5&repeat=20");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(c.sentence.tokens.join(" "), "it was a good day");
        assert_eq!((c.sentence.probs, c.sentence.repeat), (vec![0.5; 5], 20));
        // Repeated tokens are fine; new tokens without numbers start at 0.5.
        let (c, n) = parsed("?tokens=the,cat,the");
        assert!(n.is_empty());
        assert_eq!(c.sentence.probs, vec![0.5; 3]);
        // Each bad value falls back on its own and is named.
        let notices =
            |q: &str| -> Vec<String> { parsed(q).1.iter().map(|n| n.to_string()).collect() };
        assert_eq!(
            notices("?pt=0.5,0.5"),
            ["Ignored “pt”: needs 5 numbers, one per token, got 2. Using the default."]
        );
        assert_eq!(
            notices("?pt=0.1,0.2,1.5,0.3,0.4"),
            ["Ignored “pt”: 1.5 is outside 0 to 1. Using the default."]
        );
        assert_eq!(
            notices("?repeat=201"),
            [
                "Ignored “repeat”: “201” is not a whole number from 1 to 200 (at most 1000 \
                 positions). Using the default."
            ]
        );
        assert_eq!(
            notices("?tokens=a,,b"),
            ["Ignored “tokens”: a word is empty. Using the default."]
        );
        assert_eq!(
            notices("?tokens="),
            ["Ignored “tokens”: needs 1 to 1000 comma-separated tokens, got 0. Using the default."]
        );
        for bad in [
            "?repeat=0",
            "?repeat=2.5",
            "?repeat=x",
            "?repeat=-1",
            "?repeat=1e9",
        ] {
            let (c, n) = parsed(bad);
            assert_eq!((c.sentence.repeat, n.len()), (1, 1), "{bad}");
        }
        assert_eq!(parsed("?repeat=200").0.sentence.repeat, 200);
        // A thousand one-letter tokens fit once; with two repeats they do not.
        let thousand = vec!["x"; 1000].join(",");
        assert_eq!(
            parsed(&format!("?tokens={thousand}"))
                .0
                .sentence
                .tokens
                .len(),
            1000
        );
        assert_eq!(parsed(&format!("?tokens={thousand}&repeat=2")).1.len(), 1);
        assert_eq!(parsed(&format!("?tokens={thousand},x")).1.len(), 1);
        // Bad tokens: pt is read against the default tokens.
        let (c, n) = parsed("?tokens=%C3%28&pt=1,1,1,1,1");
        assert_eq!((c.sentence.probs, n.len()), (vec![1.0; 5], 1));
        // The sentence round-trips through the permalink.
        let (c, _) = parsed("?tokens=a%2Bb,c&pt=0.25,1e-7&repeat=3");
        assert_eq!(parse_query(&c.to_query()).0, c);
        assert!(!Config::default().to_query().contains("tokens"));
    }
}
