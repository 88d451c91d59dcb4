//! The number paths the wasm module ships, as property tests in a real browser: there
//! `num::parse` takes a number's value from the browser's `parseFloat` and `num::shortest`
//! writes it with `Number#toString` (natively both are Rust's, so tests/config_fuzz.rs cannot
//! reach them). Random inputs from a seeded generator (proptest needs an OS random source that
//! wasm32-unknown-unknown lacks); the seed is printed, and `SEED` below replays a run.
#![cfg(target_arch = "wasm32")]

use loss_explorer::config::{default_models, parse_query, Config, SentenceConfig, Theme};
use loss_explorer::loss::{Distribution, LearningRate, Prediction, Units};
use loss_explorer::num::{parse, shortest};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Cases per property.
const CASES: usize = 3000;
/// The generator's seed: fixed, so a failure replays.
const SEED: u64 = 0x1e55_e5b1_07a5_2026;

/// xorshift64*: small and good enough to scatter inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Any finite double: random bits, with the special and boundary values well represented.
    fn double(&mut self) -> f64 {
        const SPECIAL: [f64; 10] = [
            0.0,
            -0.0,
            1.0,
            0.1,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            1e21,
            1e-7,
            0.15435110729435042,
        ];
        match self.below(4) {
            0 => SPECIAL[self.below(SPECIAL.len())],
            1 => self.unit(),
            _ => loop {
                let x = f64::from_bits(self.next());
                if x.is_finite() {
                    break x;
                }
            },
        }
    }
}

#[wasm_bindgen_test]
fn shortest_reads_back_as_the_same_double_through_parse_float() {
    let mut rng = Rng(SEED);
    for _ in 0..CASES {
        let x = rng.double();
        let text = shortest(x);
        let back = parse(&text).unwrap_or_else(|| panic!("{text:?} (from {x:e}) does not parse"));
        // −0 is written "0", which means the same number on every page.
        assert_eq!(
            back.to_bits(),
            (x + 0.0).to_bits(),
            "{x:e} → {text} → {back:e}"
        );
        // And Rust's own reading of that text agrees.
        assert_eq!(
            text.parse::<f64>().map(f64::to_bits),
            Ok(back.to_bits()),
            "{text}"
        );
    }
}

#[wasm_bindgen_test]
fn parse_float_reads_what_rust_reads() {
    let mut rng = Rng(SEED ^ 1);
    const PIECES: [&str; 16] = [
        "0", "1", "9", "12", ".", ".5", "e", "E", "-", "+", "e-", "e+3", "inf", "NaN", "x", " ",
    ];
    for _ in 0..CASES {
        let text: String = (0..1 + rng.below(6))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect();
        let ours = parse(&text).map(f64::to_bits);
        let rusts = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(ours, rusts, "{text:?}");
    }
}

#[wasm_bindgen_test]
fn the_permalink_recreates_the_config_in_the_browser() {
    let mut rng = Rng(SEED ^ 2);
    const WORDS: [&str; 12] = [
        "chai",
        "paani",
        "\"><img src=x onerror=1>",
        "a&b=c",
        "x y",
        "नमस्ते",
        "茶",
        "100%",
        "+1",
        "%+1",
        "😀",
        "dudh",
    ];
    for _ in 0..CASES / 10 {
        let k = 2 + rng.below(9);
        let mut words: Vec<String> = Vec::new();
        while words.len() < k {
            let w = format!("{}{}", WORDS[rng.below(WORDS.len())], rng.below(3));
            if !words.contains(&w) {
                words.push(w);
            }
        }
        let weights: Vec<f64> = (0..k)
            .map(|_| if rng.below(5) == 0 { 0.0 } else { rng.unit() })
            .collect();
        let Ok(p) = Distribution::normalized(&weights) else {
            continue;
        };
        let smoothing = [0.0, 0.1, rng.unit() / 2.0][rng.below(3)];
        let prediction = Prediction::new(p, rng.below(k), smoothing).unwrap();
        let n = 1 + rng.below(8);
        // Two models over the same words (their defaults, or numbers of their own), and a
        // temperature: pa, pb and temperature go through the address too.
        let mut model = |i: usize| {
            let w: Vec<f64> = (0..k).map(|_| rng.unit() + 1e-3).collect();
            match rng.below(2) {
                0 => default_models(k, prediction.correct())[i].clone(),
                _ => Distribution::normalized(&w).unwrap(),
            }
        };
        let models = [model(0), model(1)];
        let temperature = [1.0, 0.1, 10.0, 0.1 + rng.unit() * 9.9][rng.below(4)];
        let config = Config {
            words,
            prediction,
            units: [Units::Nats, Units::Bits][rng.below(2)],
            learning_rate: LearningRate::new(rng.unit() * 100.0 + 1e-9).unwrap(),
            theme: [Theme::Auto, Theme::Light, Theme::Dark][rng.below(3)],
            sentence: SentenceConfig {
                tokens: (0..n)
                    .map(|i| format!("{}{i}", WORDS[rng.below(WORDS.len())]))
                    .collect(),
                probs: (0..n).map(|_| rng.unit()).collect(),
                repeat: 1 + rng.below(1000 / n),
            },
            models,
            temperature,
            ..Config::default()
        };
        let query = config.to_query();
        let (again, notices) = parse_query(&query);
        assert!(notices.is_empty(), "{query}: {notices:?}");
        assert_eq!(again, config, "{query}");
    }
}
