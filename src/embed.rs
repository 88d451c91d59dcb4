//! A state as something to paste: the settings that differ from their defaults, written as a
//! permalink's query, as a script embed (`<div data-loss-explorer …>`) or as an iframe of the
//! `?embed=1` page. Numbers carry at most 6 significant digits, chosen so that what they
//! reproduce reads the same as the state does, to the digits shown (CONTRACT §4).

use crate::config::{
    default_models, default_probs, from_pairs, percent_encode, Part, Parts, Theme, DEFAULT_TOKENS,
    DEFAULT_TOKEN_PROBS, DEFAULT_WORDS,
};
use crate::format::{float32_product, readout, sentence_probability};
use crate::loss::Units;
use crate::model::Model;
use crate::num::{parse, sig};

/// The most significant digits a number in embed code or a permalink carries.
pub const DIGITS: u32 = 6;

/// One setting: its parameter name and its value's items (a list is comma-separated).
pub type Setting = (&'static str, Vec<String>);

/// How an embed is pasted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Form {
    /// The script tag and a `<div data-loss-explorer …>`.
    #[default]
    Script,
    /// An iframe of the `?embed=1` page and the lines that size it.
    Iframe,
}

/// What a reader of `m` sees, as text: the Loss and Perplexity readouts and the sentence's
/// five. Two states that give the same list read the same.
fn shown(m: &Model) -> Vec<String> {
    let s = m.sentence().loss();
    let units = m.units();
    vec![
        readout(m.loss()),
        readout(m.perplexity()),
        readout(s.loss(units)),
        readout(s.perplexity()),
        readout(s.log_prob),
        sentence_probability(s.log10_probability()),
        float32_product(s.product_f32),
    ]
}

fn numbers(xs: &[f64]) -> Vec<String> {
    xs.iter().map(|&x| sig(x, DIGITS)).collect()
}

/// The settings of `m` that differ from their defaults, with `parts` as its `panels`, numbers
/// to [`DIGITS`] significant digits, and words as they are (not yet escaped).
fn raw_settings(m: &Model, parts: Parts) -> Vec<Setting> {
    let c = m.to_config();
    let mut out: Vec<Setting> = Vec::new();
    let default_words = c.words.iter().map(String::as_str).eq(DEFAULT_WORDS);
    if !default_words {
        out.push(("words", c.words.clone()));
    }
    let p = c.prediction.probs().probs();
    if p != default_probs(p.len(), default_words).probs() {
        out.push(("p", numbers(p)));
    }
    if c.prediction.correct() != 0 {
        out.push(("correct", vec![m.correct_word().to_string()]));
    }
    if c.units == Units::Bits {
        out.push(("units", vec!["bits".into()]));
    }
    if c.learning_rate.get() != 1.0 {
        out.push(("lr", vec![sig(c.learning_rate.get(), DIGITS)]));
    }
    if c.prediction.smoothing() != 0.0 {
        out.push(("smoothing", vec![sig(c.prediction.smoothing(), DIGITS)]));
    }
    if parts != Parts::ALL {
        out.push(("panels", vec![parts.names()]));
    }
    if c.theme != Theme::Auto {
        out.push(("theme", vec![c.theme.name().into()]));
    }
    let s = &c.sentence;
    let default_tokens = s.tokens.iter().map(String::as_str).eq(DEFAULT_TOKENS);
    if !default_tokens {
        out.push(("tokens", s.tokens.clone()));
    }
    let default_pt: Vec<f64> = if default_tokens {
        DEFAULT_TOKEN_PROBS.to_vec()
    } else {
        vec![0.5; s.tokens.len()]
    };
    // A token linked to the correct word takes p_c on load: its own value says nothing.
    let linked = parts
        .core()
        .then(|| m.sentence().linked(m.correct_word()))
        .flatten();
    let own = |(i, (a, b)): (usize, (&f64, &f64))| Some(i) != linked && a != b;
    if s.probs.iter().zip(&default_pt).enumerate().any(own) {
        out.push(("pt", numbers(&s.probs)));
    }
    if s.repeat != 1 {
        out.push(("repeat", vec![s.repeat.to_string()]));
    }
    if parts.has(Part::Compare) {
        let defaults = default_models(c.words.len(), c.prediction.correct());
        for (i, name) in ["pa", "pb"].into_iter().enumerate() {
            if c.models[i] != defaults[i] {
                out.push((name, numbers(c.models[i].probs())));
            }
        }
    }
    if parts.has(Part::Logits) && c.temperature != 1.0 {
        out.push(("temperature", vec![sig(c.temperature, DIGITS)]));
    }
    if c.quiz {
        out.push(("quiz", vec!["1".into()]));
    }
    out
}

/// The model that `settings` recreate.
fn recreated(settings: &[Setting]) -> Model {
    let joined: Vec<(&str, String)> = settings.iter().map(|(k, v)| (*k, v.join(","))).collect();
    Model::new(from_pairs(joined.iter().map(|(k, v)| (*k, v.as_str()))).0)
}

/// `x`, written to [`DIGITS`] digits, moved by `k` units of its last digit.
fn nudged(x: &str, k: i32) -> String {
    let v = parse(x).unwrap_or(0.0);
    if v <= 0.0 {
        return x.to_string();
    }
    let unit = 10f64.powi(v.log10().floor() as i32 - (DIGITS as i32 - 1));
    sig(v + f64::from(k) * unit, DIGITS)
}

/// The settings of `m` with `parts` as `panels`: those that differ from their defaults,
/// numbers to [`DIGITS`] significant digits. Where rounding a probability would change a
/// readout's last digit (a value just at a rounding boundary), probabilities are moved a few
/// units of their last digit until every readout reads as in `m`; failing that (a sentence
/// repeated many times: tests/embed_properties.rs says what holds), until the Loss,
/// Perplexity and the sentence's loss and perplexity do.
pub fn settings(m: &Model, parts: Parts) -> Vec<Setting> {
    let mut out = raw_settings(m, parts);
    let want = shown(m);
    let reads = |s: &[Setting], range: std::ops::Range<usize>| {
        shown(&recreated(s))[range.clone()] == want[range]
    };
    // What the settings read as, recreated once per version of them: almost always the
    // rounded settings read as they are (this runs on every change of a widget with the
    // export part).
    let mut got = shown(&recreated(&out));
    // The prediction's readouts depend on p alone, the sentence's on pt (and on p_c when a
    // token is linked to it): p first, then pt with p kept.
    if got[0..2] != want[0..2] {
        if let Some(better) = search(m, &out, "p", &|s: &[Setting]| reads(s, 0..2)) {
            out = better;
            got = shown(&recreated(&out));
        }
    }
    if got != want {
        if let Some(better) = search(m, &out, "pt", &|s: &[Setting]| reads(s, 0..7))
            .or_else(|| search(m, &out, "pt", &|s: &[Setting]| reads(s, 0..4)))
        {
            out = better;
        }
    }
    out
}

/// `settings` with the numbers of list `list` (`p` or `pt`) moved a few units of their last
/// digit until `good`, if any move makes it so. For `p`: the correct word's probability a
/// few units either way with the largest other word set so that p_c over the sum is as in
/// `m` (the sum moves by less than p_c's last digit does, which a large perplexity needs),
/// then one word at a time. For `pt`: the first 2, 3, … tokens at once (a repeated sentence
/// adds up their rounding), then one at a time.
fn search(
    m: &Model,
    settings: &[Setting],
    list: &str,
    good: &dyn Fn(&[Setting]) -> bool,
) -> Option<Vec<Setting>> {
    let mut out = settings.to_vec();
    let i = out.iter().position(|(name, _)| *name == list)?;
    let original = out[i].1.clone();
    let value = |t: &str| parse(t).unwrap_or(0.0);
    let mut moves: Vec<Vec<usize>> = Vec::new();
    if list == "p" {
        let c = m.correct();
        let p = m.probs();
        // The two largest other words (no sort: a sort's generic code is kilobytes of wasm).
        let largest = |skip: Option<usize>| {
            (0..p.len()).filter(|&j| j != c && Some(j) != skip).fold(
                None,
                |best: Option<usize>, j| match best {
                    Some(b) if p[b] >= p[j] => Some(b),
                    _ => Some(j),
                },
            )
        };
        let first = largest(None);
        for big in [first, largest(first)].into_iter().flatten() {
            for k in [0, 1, -1, 2, -2, 3, -3] {
                let mut items = original.clone();
                items[c] = nudged(&original[c], k);
                let sum: f64 = items.iter().map(|t| value(t)).sum();
                if p[c] > 0.0 {
                    let fitted = value(&items[big]) + value(&items[c]) / p[c] - sum;
                    if fitted > 0.0 {
                        items[big] = sig(fitted, DIGITS);
                    }
                }
                out[i].1 = items;
                if good(&out) {
                    return Some(out);
                }
            }
        }
        moves.push(vec![c]);
        moves.extend((0..original.len()).filter(|&j| j != c).map(|j| vec![j]));
    } else {
        moves.extend((2..=original.len()).map(|n| (0..n).collect()));
        moves.extend((0..original.len()).map(|j| vec![j]));
    }
    for items in moves {
        for k in [1, -1, 2, -2, 3, -3, 4, -4, 5, -5] {
            out[i].1 = original.clone();
            for &j in &items {
                out[i].1[j] = nudged(&original[j], k);
            }
            if good(&out) {
                return Some(out);
            }
        }
    }
    None
}

/// The permalink's query: `?words=…&p=…`, each item percent-encoded, commas between items.
pub fn query(settings: &[Setting]) -> String {
    let parts: Vec<String> = settings
        .iter()
        .map(|(k, items)| {
            let items: Vec<String> = items.iter().map(|i| percent_encode(i)).collect();
            format!("{k}={}", items.join(","))
        })
        .collect();
    format!("?{}", parts.join("&"))
}

/// `s` safe inside a double-quoted HTML attribute or as HTML text: `&`, `<`, `>`, `"` and `'`
/// become character references, so a word such as `"><img src=x>` stays text.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The folder a page lives in: `https://x.org/a/` for `https://x.org/a/index.html` or
/// `https://x.org/a/`.
pub fn folder(page_url: &str) -> &str {
    // `get`, not `[..=i]`: a slice that cannot panic keeps core's panic formatting of chars
    // (and its Unicode tables, several kilobytes) out of the module.
    // A byte search: `rfind` brings in core's generic string searcher (0.5 kB of wasm).
    page_url
        .bytes()
        .rposition(|b| b == b'/')
        .and_then(|i| page_url.get(..=i))
        .unwrap_or(page_url)
}

/// The script embed: the module script tag with `loader` (an absolute URL) and a div carrying
/// `settings` as `data-*` attributes, every value escaped for HTML.
pub fn script_code(loader: &str, settings: &[Setting]) -> String {
    let mut div = String::from("<div data-loss-explorer");
    for (k, items) in settings {
        div.push_str(&format!(" data-{k}=\"{}\"", escape_html(&items.join(","))));
    }
    div.push_str("></div>");
    format!(
        "<script type=\"module\" src=\"{}\"></script>\n{div}\n",
        escape_html(loader)
    )
}

/// The iframe embed: an iframe of the `?embed=1` page in `folder` with `settings`, and the
/// few lines of script that set each such frame's height from its resize messages.
pub fn iframe_code(folder: &str, settings: &[Setting]) -> String {
    let q = query(settings);
    let src = format!(
        "{folder}?embed=1{}",
        q.strip_prefix('?')
            .filter(|rest| !rest.is_empty())
            .map(|rest| format!("&{rest}"))
            .unwrap_or_default()
    );
    format!(
        "<iframe title=\"Loss Explorer\" src=\"{}\" style=\"width: 100%; border: 0\"></iframe>\n\
         <script>\n\
         addEventListener('message', (e) => {{\n  \
           if (e.data?.type !== 'loss-explorer:resize') return;\n  \
           for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) f.height = e.data.height;\n\
         }});\n\
         </script>\n",
        escape_html(&src)
    )
}

/// The embed code for `settings` (see [`settings`]), pasted as `form`; `page_url` is the
/// standalone page's address, beside which the loader lives.
pub fn code(settings: &[Setting], form: Form, page_url: &str) -> String {
    let folder = folder(page_url);
    match form {
        Form::Script => script_code(&format!("{folder}loss-explorer.js"), settings),
        Form::Iframe => iframe_code(folder, settings),
    }
}

/// The permalink of `m`: the standalone page with the settings that differ from the
/// defaults (its own parts), numbers to [`DIGITS`] digits.
pub fn permalink(m: &Model, page_url: &str) -> String {
    format!("{page_url}{}", query(&settings(m, m.parts())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{parse_query, Part};
    use crate::model::Action;

    fn model(q: &str) -> Model {
        let (c, n) = parse_query(q);
        assert!(n.is_empty(), "{n:?}");
        Model::new(c)
    }

    /// The settings of `q`'s model, as `name=value` lines.
    #[track_caller]
    fn check(q: &str, want: &[&str]) {
        let m = model(q);
        let got: Vec<String> = settings(&m, m.parts())
            .iter()
            .map(|(k, v)| format!("{k}={}", v.join(",")))
            .collect();
        assert_eq!(got, want, "{q}");
    }

    #[test]
    fn only_what_differs_from_the_defaults() {
        check("", &[]);
        check(
            "?words=six,four,dot&p=0.1,0.2,0.7&correct=six",
            &["words=six,four,dot", "p=0.1,0.2,0.7"],
        );
        check(
            "?words=a,b,c&correct=b&units=bits&smoothing=0.1&lr=0.5&panels=plot,train&theme=dark",
            &[
                "words=a,b,c",
                "correct=b",
                "units=bits",
                "lr=0.5",
                "smoothing=0.1",
                "panels=plot,train",
                "theme=dark",
            ],
        );
        check(
            "?panels=sentence&tokens=it,was&pt=0.5,0.25&repeat=20",
            &[
                "panels=sentence",
                "tokens=it,was",
                "pt=0.5,0.25",
                "repeat=20",
            ],
        );
    }

    #[test]
    fn numbers_carry_six_significant_digits_and_read_the_same() {
        let m = model("?p=0.629557342493559,0.15435110729435042,0.1,0.0660915502121,0.05")
            .apply(Action::Step)
            .apply(Action::SetRepeat("4".into()));
        let s = settings(&m, m.parts());
        for (_, items) in &s {
            for item in items {
                let digits = item
                    .trim_start_matches(['0', '.'])
                    .split('e')
                    .next()
                    .unwrap_or("")
                    .chars()
                    .filter(char::is_ascii_digit)
                    .count();
                assert!(digits <= 6, "{item} has {digits} digits");
            }
        }
        assert_eq!(shown(&recreated(&s)), shown(&m));
    }

    #[test]
    fn hostile_words_are_escaped_and_come_back_as_themselves() {
        let word = "\"><img src=x onerror=1>";
        let q = format!(
            "?words={},a%26b,नमस्ते&correct={}",
            percent_encode(word),
            percent_encode(word)
        );
        let m = model(&q);
        let code = code(&settings(&m, Parts::ALL), Form::Script, "https://x.org/le/");
        assert!(code.starts_with(
            "<script type=\"module\" src=\"https://x.org/le/loss-explorer.js\"></script>\n"
        ));
        assert!(!code.contains("<img"), "{code}");
        assert!(
            code.contains("data-words=\"&quot;&gt;&lt;img src=x onerror=1&gt;,a&amp;b,नमस्ते\""),
            "{code}"
        );
        let iframe = super::code(
            &settings(&m, Parts::ALL),
            Form::Iframe,
            "https://x.org/le/index.html",
        );
        assert!(iframe.contains("src=\"https://x.org/le/?embed=1&amp;words=%22%3E%3Cimg%20src%3Dx%20onerror%3D1%3E,a%26b,"), "{iframe}");
        // Through the permalink, the same words and the same correct word.
        let back = model(&permalink(&m, "")[..]);
        assert_eq!(back.names(), m.names());
        assert_eq!(back.correct_word(), word);
    }

    #[test]
    fn parts_go_into_panels() {
        let m = model("");
        let parts = Parts::NONE.with(Part::Sentence);
        assert_eq!(
            code(&settings(&m, parts), Form::Script, "http://h/"),
            "<script type=\"module\" src=\"http://h/loss-explorer.js\"></script>\n\
             <div data-loss-explorer data-panels=\"sentence\"></div>\n"
        );
    }
}
