//! Fuzzing the config parser (URL queries, data attributes, mount() options) with proptest:
//! whatever the input, it never panics and always yields a valid config plus notices.
//!
//! The suite runs 2,000 cases per property; `make fuzz` runs 1,000,000 (`FUZZ_CASES`). The
//! number paths the wasm module ships (the browser's parseFloat and Number#toString) are put
//! through the same round trips in tests/browser.rs.
#![cfg(not(target_arch = "wasm32"))]

use loss_explorer::config::{from_pairs, parse_query, Config, MAX_LEARNING_RATE, PARAMS};
use loss_explorer::loss::{Units, MAX_POSITIONS, MAX_SMOOTHING, MAX_WORDS, MIN_WORDS};
use loss_explorer::model::Model;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        // Failures are reported with the input; the seed is in proptest's failure file.
        max_shrink_iters: 2_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every promise `Config` makes, checked.
fn assert_valid(c: &Config) {
    let k = c.words.len();
    assert!((MIN_WORDS..=MAX_WORDS).contains(&k), "{k} words");
    for (i, w) in c.words.iter().enumerate() {
        let n = w.chars().count();
        assert!((1..=24).contains(&n), "word {w:?} has {n} characters");
        assert_eq!(w.trim(), w, "word {w:?} is not trimmed");
        assert!(
            !w.contains(',') && !w.chars().any(char::is_control),
            "word {w:?}"
        );
        assert!(!c.words[..i].contains(w), "duplicate word {w:?}");
    }
    let p = c.prediction.probs().probs();
    assert_eq!(p.len(), k);
    assert!(p
        .iter()
        .all(|x| x.is_finite() && *x >= 0.0 && x.is_sign_positive()));
    assert!((p.iter().sum::<f64>() - 1.0).abs() <= 1e-12);
    assert!(c.prediction.correct() < k);
    let lr = c.learning_rate.get();
    assert!(lr > 0.0 && lr <= MAX_LEARNING_RATE);
    let eps = c.prediction.smoothing();
    assert!((0.0..=MAX_SMOOTHING).contains(&eps) && eps.is_sign_positive());
    let s = &c.sentence;
    assert!(!s.tokens.is_empty() && s.tokens.len() == s.probs.len());
    assert!(s.repeat >= 1 && s.repeat * s.tokens.len() <= MAX_POSITIONS);
    assert!(s
        .probs
        .iter()
        .all(|x| (0.0..=1.0).contains(x) && x.is_sign_positive()));
    for t in &s.tokens {
        let n = t.chars().count();
        assert!(
            (1..=24).contains(&n) && t.trim() == t && !t.contains(','),
            "token {t:?}"
        );
    }
    // What the page shows from it is never NaN.
    let m = Model::new(c.clone());
    assert!(!m.loss().is_nan() && !m.perplexity().is_nan() && !m.kl().is_nan());
    let sentence = m.sentence().loss();
    assert!(!sentence.loss(Units::Nats).is_nan() && !sentence.perplexity().is_nan());
    // And the permalink reads back to the same config, with no notices.
    let (again, notices) = parse_query(&c.to_query());
    assert!(notices.is_empty(), "{} gave {notices:?}", c.to_query());
    assert_eq!(&again, c);
}

/// Values that have broken parsers before, mixed with anything at all.
fn nasty_value() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "NaN",
        "nan",
        "inf",
        "-inf",
        "Infinity",
        "-Infinity",
        "1e400",
        "-1e400",
        "1e-400",
        "-0",
        "0",
        "",
        " ",
        ",",
        ",,",
        "1,",
        ",1",
        "0.4,0.25,0.15,0.10,0.10,",
        "1e308,1e308,1e308,1e308,1e308",
        "a,b,c,d,e,f,g,h,i,j,k",
        "a,a",
        "chai,chai",
        " chai , paani ",
        "%",
        "%2",
        "%ZZ",
        "%C3%28",
        "%00",
        "%E2%80%AE%D8%B4%D8%A7%DB%8C,%F0%9F%8D%B5",
        "e%CC%81,e",
        "%F0%9F%91%A9%E2%80%8D%F0%9F%92%BB,x",
        "<img src=x onerror=z=1>,b",
        "\"><script>z=1</script>",
        "nats",
        "bits",
        "plot",
        "all",
        "plot,,train, HISTORY ,nope",
        "light",
        "dark",
        "auto",
        "BITS",
        "1",
        "0.5",
        "100",
        "100.0000001",
        "0x10",
        "1_000",
        "+1",
        "  7  ",
    ]);
    prop_oneof![
        3 => special.prop_map(str::to_string),
        2 => any::<String>(),
        1 => prop::collection::vec(prop_oneof![any::<f64>().prop_map(|f| f.to_string()), "[a-z]{0,3}".prop_map(|s| s)], 0..13)
            .prop_map(|v| v.join(",")),
        1 => (1usize..10_001).prop_map(|n| "w".repeat(n)),
        1 => prop::collection::vec("\\PC{1,30}", 0..13).prop_map(|v| v.join(",")),
    ]
}

fn param_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(PARAMS.to_vec()).prop_map(str::to_string),
        1 => "[a-z%&=+]{0,6}",
    ]
}

/// A query string built from known and unknown names with nasty values, raw or encoded.
fn query() -> impl Strategy<Value = String> {
    prop::collection::vec((param_name(), nasty_value(), any::<bool>()), 0..10).prop_map(|pairs| {
        let parts: Vec<String> = pairs
            .into_iter()
            .map(|(k, v, encode)| {
                let v = if encode {
                    loss_explorer::config::percent_encode(&v)
                } else {
                    v
                };
                format!("{k}={v}")
            })
            .collect();
        format!("?{}", parts.join("&"))
    })
}

/// Text that looks like a number, or nearly: digits, signs, dots, exponents, words.
fn numberish() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[-+]?[0-9]{0,4}(\\.[0-9]{0,4})?([eE][-+]?[0-9]{0,4})?",
        1 => "[-+.eE0-9a-zA-Z_ ]{0,8}",
        1 => prop::sample::select(vec!["inf", "-Infinity", "NaN", "+nan", "INF", "infinit", "1e400"])
            .prop_map(str::to_string),
        1 => any::<f64>().prop_map(loss_explorer::num::shortest),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn numbers_read_exactly_as_rust_reads_them(s in numberish()) {
        // The wasm build reads numbers through the browser after checking this syntax; the
        // syntax must be Rust's, and natively the value is Rust's too.
        let ours = loss_explorer::num::parse(&s);
        let rusts = s.parse::<f64>().ok();
        prop_assert_eq!(ours.map(f64::to_bits), rusts.map(f64::to_bits), "{:?}", s);
    }

    #[test]
    fn any_string_as_a_query_gives_a_valid_config(s in any::<String>()) {
        let (c, _) = parse_query(&s);
        assert_valid(&c);
    }

    #[test]
    fn hostile_queries_give_a_valid_config_and_name_what_they_ignore(q in query()) {
        let (c, notices) = parse_query(&q);
        assert_valid(&c);
        for n in &notices {
            prop_assert!(PARAMS.contains(&n.param), "notice for unknown {}", n.param);
            prop_assert!(!n.error.to_string().is_empty());
        }
    }

    #[test]
    fn hostile_attributes_and_options_give_a_valid_config(
        pairs in prop::collection::vec((prop::sample::select(PARAMS.to_vec()), nasty_value()), 0..8)
    ) {
        let (c, notices) = from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_valid(&c);
        // One notice per parameter at most, but for `panels`, which names each unknown part;
        // and a notice only for a parameter that was given.
        for param in PARAMS.iter().filter(|p| **p != "panels") {
            let count = notices.iter().filter(|n| n.param == *param).count();
            prop_assert!(count <= 1, "{} notices for {}: {:?}", count, param, notices);
        }
        for n in &notices {
            prop_assert!(pairs.iter().any(|(k, _)| *k == n.param), "notice for {}, not given", n.param);
        }
    }
}
