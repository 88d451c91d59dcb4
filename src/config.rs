//! Turns URL query strings and data attributes into a validated [`Config`] plus notices.
//!
//! Pure and total: any input yields a usable config. Each part that cannot be used falls
//! back to its default and leaves a [`Notice`] naming the parameter and the reason, so the
//! widget always renders and the author learns what to fix.

use crate::loss::{Distribution, Units, MAX_SMOOTHING, MAX_WORDS, MIN_WORDS};
use std::fmt;

/// The words a widget starts with when none are given.
pub const DEFAULT_WORDS: [&str; 5] = ["chai", "paani", "dudh", "coffee", "lassi"];
/// The probabilities of [`DEFAULT_WORDS`].
pub const DEFAULT_PROBS: [f64; 5] = [0.40, 0.25, 0.15, 0.10, 0.10];
/// The longest word, in characters, after trimming.
pub const MAX_WORD_CHARS: usize = 24;
/// The largest learning rate accepted.
pub const MAX_LEARNING_RATE: f64 = 100.0;
/// The learning rate when none is given.
pub const DEFAULT_LEARNING_RATE: f64 = 1.0;

/// Everything a widget is created with. Every field is valid: `words` has 2–10 distinct
/// entries of 1–24 characters, `probs` has one probability per word, `correct` indexes
/// `words`, `0 < learning_rate ≤ 100` and `0 ≤ smoothing ≤ 0.5`.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The candidate next words, in display order.
    pub words: Vec<String>,
    /// One probability per word.
    pub probs: Distribution,
    /// Index of the correct word.
    pub correct: usize,
    /// The unit losses are shown in.
    pub units: Units,
    /// The learning rate η of Step and Play.
    pub learning_rate: f64,
    /// Label smoothing ε.
    pub smoothing: f64,
    /// Whether the page shows only the widget, for iframes.
    pub embed: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            words: DEFAULT_WORDS.iter().map(|w| w.to_string()).collect(),
            probs: default_probs(DEFAULT_WORDS.len(), true),
            correct: 0,
            units: Units::Nats,
            learning_rate: DEFAULT_LEARNING_RATE,
            smoothing: 0.0,
            embed: false,
        }
    }
}

/// A parameter that was ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The parameter's name as the author wrote it, e.g. `p`.
    pub param: String,
    /// What was wrong, in words an author can act on.
    pub reason: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Ignored “{}”: {}. Using the default.",
            self.param, self.reason
        )
    }
}

/// The parameters a config understands, in the order a query is written; also the names of
/// the `data-*` attributes and `mount()` options.
pub const PARAMS: [&str; 7] = ["words", "p", "correct", "units", "lr", "smoothing", "embed"];

/// Parses a URL query string such as `?words=a,b&p=0.3,0.7`. The leading `?` is optional,
/// `+` is a space, unknown parameters are ignored, and the first of repeated ones counts.
pub fn parse_query(query: &str) -> (Config, Vec<Notice>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut notices = Vec::new();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let key = match percent_decode(key) {
            Ok(k) => k,
            Err(_) => continue, // An undecodable name is no parameter we know.
        };
        if !PARAMS.contains(&key.as_str()) || pairs.iter().any(|(k, _)| *k == key) {
            continue;
        }
        match percent_decode(value) {
            Ok(v) => pairs.push((key, v)),
            Err(e) => notices.push(Notice {
                param: key,
                reason: e.to_string(),
            }),
        }
    }
    let (config, more) = from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    notices.extend(more);
    (config, notices)
}

/// Builds a config from already-decoded `(name, value)` pairs, as data attributes and
/// `mount()` options give them. Unknown names are ignored.
pub fn from_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (Config, Vec<Notice>) {
    let mut raw: [Option<&str>; PARAMS.len()] = [None; PARAMS.len()];
    for (key, value) in pairs {
        if let Some(i) = PARAMS.iter().position(|p| *p == key) {
            raw[i].get_or_insert(value);
        }
    }
    let [words, p, correct, units, lr, smoothing, embed] = raw;
    let mut notices = Vec::new();
    let n = &mut notices;
    let given_words = field(n, "words", words, parse_words);
    let default_words = given_words.is_none();
    let words = given_words.unwrap_or_else(|| Config::default().words);
    let probs = field(n, "p", p, |p| parse_probs(p, words.len()))
        .unwrap_or_else(|| default_probs(words.len(), default_words));
    let correct = field(n, "correct", correct, |c| parse_correct(c, &words)).unwrap_or(0);
    let units = field(n, "units", units, parse_units).unwrap_or_default();
    let learning_rate = field(n, "lr", lr, parse_learning_rate).unwrap_or(DEFAULT_LEARNING_RATE);
    let smoothing = field(n, "smoothing", smoothing, parse_smoothing).unwrap_or(0.0);
    let embed = field(n, "embed", embed, parse_embed).unwrap_or(false);
    let config = Config {
        words,
        probs,
        correct,
        units,
        learning_rate,
        smoothing,
        embed,
    };
    (config, notices)
}

/// Parses a parameter if it was given; a failure becomes a notice and `None`.
fn field<T>(
    notices: &mut Vec<Notice>,
    param: &str,
    raw: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Option<T> {
    match parse(raw?) {
        Ok(v) => Some(v),
        Err(reason) => {
            notices.push(Notice {
                param: param.to_string(),
                reason,
            });
            None
        }
    }
}

fn default_probs(k: usize, default_words: bool) -> Distribution {
    let defaults = if default_words {
        Distribution::new(DEFAULT_PROBS.to_vec()).ok()
    } else {
        None
    };
    defaults
        .or_else(|| Distribution::uniform(k).ok())
        .unwrap_or_default()
}

/// Checks one word: trimmed, 1–24 characters, no control characters.
pub fn check_word(word: &str) -> Result<String, String> {
    let w = word.trim();
    let chars = w.chars().count();
    if chars == 0 {
        return Err("a word is empty".into());
    }
    if chars > MAX_WORD_CHARS {
        let start: String = w.chars().take(12).collect();
        return Err(format!(
            "“{start}…” has {chars} characters, more than {MAX_WORD_CHARS}"
        ));
    }
    if w.contains(',') {
        return Err(format!("“{w}” contains a comma, which separates words"));
    }
    if w.chars().any(char::is_control) {
        return Err(format!(
            "“{}” contains a control character",
            w.escape_debug()
        ));
    }
    Ok(w.to_string())
}

/// Parses a comma-separated list of 2–10 distinct words.
pub fn parse_words(s: &str) -> Result<Vec<String>, String> {
    let parts: Vec<&str> = s.split(',').collect();
    if !(MIN_WORDS..=MAX_WORDS).contains(&parts.len()) {
        return Err(format!(
            "needs {MIN_WORDS} to {MAX_WORDS} comma-separated words, got {}",
            parts.len()
        ));
    }
    let mut words: Vec<String> = Vec::with_capacity(parts.len());
    for part in parts {
        let w = check_word(part)?;
        if words.contains(&w) {
            return Err(format!("“{w}” appears twice"));
        }
        words.push(w);
    }
    Ok(words)
}

fn parse_number(s: &str) -> Result<f64, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("a value is empty".into());
    }
    let short: String = t.chars().take(24).collect();
    let v: f64 = t
        .parse()
        .map_err(|_| format!("“{short}” is not a number"))?;
    if !v.is_finite() {
        return Err(format!("“{short}” is not a finite number"));
    }
    Ok(v)
}

/// Parses one non-negative number per word and renormalises them to sum to 1.
pub fn parse_probs(s: &str, k: usize) -> Result<Distribution, String> {
    let parts: Vec<&str> = s.split(',').collect();
    if parts.len() != k {
        return Err(format!(
            "needs {k} numbers, one per word, got {}",
            parts.len()
        ));
    }
    let values = parts
        .iter()
        .map(|p| parse_number(p))
        .collect::<Result<Vec<f64>, String>>()?;
    if let Some(v) = values.iter().find(|v| **v < 0.0) {
        return Err(format!("{v} is negative"));
    }
    // Values that already sum to 1 are kept bit for bit, so 0.15 stays 0.15.
    Distribution::new(values.clone())
        .or_else(|_| Distribution::normalized(&values))
        .map_err(|e| e.to_string())
}

fn parse_correct(s: &str, words: &[String]) -> Result<usize, String> {
    let w = s.trim();
    words.iter().position(|x| x == w).ok_or_else(|| {
        let short: String = w.chars().take(24).collect();
        format!("“{short}” is not one of the words")
    })
}

fn parse_units(s: &str) -> Result<Units, String> {
    Units::parse(s.trim()).ok_or_else(|| "must be “nats” or “bits”".into())
}

/// Parses a learning rate: a finite number with `0 < lr ≤ 100`.
pub fn parse_learning_rate(s: &str) -> Result<f64, String> {
    let v = parse_number(s)?;
    if v <= 0.0 || v > MAX_LEARNING_RATE {
        return Err(format!("{v} is outside 0 < lr ≤ {MAX_LEARNING_RATE}"));
    }
    Ok(v)
}

/// Parses a label smoothing: a number with `0 ≤ ε ≤ 0.5`.
pub fn parse_smoothing(s: &str) -> Result<f64, String> {
    let v = parse_number(s)?;
    if !(0.0..=MAX_SMOOTHING).contains(&v) {
        return Err(format!("{v} is outside 0 to {MAX_SMOOTHING}"));
    }
    // −0 would print as "-0"; it means 0.
    Ok(v + 0.0)
}

fn parse_embed(s: &str) -> Result<bool, String> {
    match s.trim() {
        "1" => Ok(true),
        "0" | "" => Ok(false),
        _ => Err("must be 1 (or 0)".into()),
    }
}

impl Config {
    /// The query string that recreates this config, e.g. `?words=a,b&p=0.3,0.7&correct=a&…`.
    /// Numbers are written in the shortest form that reads back to the same `f64`.
    pub fn to_query(&self) -> String {
        let words: Vec<String> = self.words.iter().map(|w| percent_encode(w)).collect();
        let probs: Vec<String> = self.probs.probs().iter().map(|p| p.to_string()).collect();
        let mut q = format!(
            "?words={}&p={}&correct={}&units={}&lr={}",
            words.join(","),
            probs.join(","),
            percent_encode(&self.words[self.correct.min(self.words.len() - 1)]),
            self.units.name(),
            self.learning_rate
        );
        if self.smoothing > 0.0 {
            q.push_str(&format!("&smoothing={}", self.smoothing));
        }
        if self.embed {
            q.push_str("&embed=1");
        }
        q
    }
}

/// Why a percent-encoded string could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A `%` not followed by two hexadecimal digits.
    BadEscape(String),
    /// The decoded bytes are not UTF-8.
    NotUtf8,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::BadEscape(e) => write!(f, "“{e}” is not a valid percent-escape"),
            DecodeError::NotUtf8 => write!(f, "its percent-escapes do not spell UTF-8 text"),
        }
    }
}

/// Decodes `application/x-www-form-urlencoded` text: `%XX` escapes and `+` for space.
pub fn percent_decode(s: &str) -> Result<String, DecodeError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| {
                    let h = std::str::from_utf8(h).ok()?;
                    u8::from_str_radix(h, 16).ok()
                });
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => {
                        let bad: String = s[i..].chars().take(3).collect();
                        return Err(DecodeError::BadEscape(bad));
                    }
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| DecodeError::NotUtf8)
}

/// Percent-encodes everything but unreserved characters, as `encodeURIComponent` does.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
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
        let p: Vec<String> = c.probs.probs().iter().map(|p| format!("{p:.3}")).collect();
        assert_eq!(p.join(","), probs, "p of {query}");
        assert_eq!(c.words[c.correct], correct, "correct of {query}");
        let params: Vec<&str> = notices.iter().map(|n| n.param.as_str()).collect();
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
            (c.units, c.learning_rate, c.smoothing, c.embed),
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
                (c.units, c.learning_rate, c.smoothing, c.embed),
                (Units::Nats, 1.0, 0.0, false),
                "{bad}"
            );
        }
        assert_eq!(parsed("?lr=100").0.learning_rate, 100.0);
        assert!(parsed("?smoothing=-0").0.smoothing.is_sign_positive());
    }

    #[test]
    fn notices_name_the_parameter_and_the_reason() {
        let (_, n) = parse_query("?p=0.5,0.5&lr=abc&words=%ZZ");
        let text: Vec<String> = n.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            text,
            [
                "Ignored “words”: “%ZZ” is not a valid percent-escape. Using the default.",
                "Ignored “p”: needs 5 numbers, one per word, got 2. Using the default.",
                "Ignored “lr”: “abc” is not a number. Using the default.",
            ]
        );
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
        assert_eq!(percent_decode("%"), Err(DecodeError::BadEscape("%".into())));
        assert_eq!(percent_decode("%C3"), Err(DecodeError::NotUtf8));
        assert_eq!(
            percent_decode("%é"),
            Err(DecodeError::BadEscape("%é".into()))
        );
        assert_eq!(percent_encode("a b,€"), "a%20b%2C%E2%82%AC");
    }
}
