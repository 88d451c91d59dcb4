//! Ready-made examples, most of them straight from the tutorial: predictions for the
//! "Preset" menu, sentences for the "Sentence preset" menu.

use crate::loss::{Distribution, Prediction};

/// One example: words, their probabilities and the correct word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    /// What the menu shows.
    pub name: &'static str,
    /// The candidate words.
    pub words: &'static [&'static str],
    /// One probability per word; each list sums to 1.
    pub probs: &'static [f64],
    /// Index of the correct word.
    pub correct: usize,
    /// One line shown under the menu while the preset is loaded, where its numbers need a
    /// word of explanation; empty otherwise.
    pub note: &'static str,
}

impl Preset {
    /// The preset's prediction, with label smoothing `smoothing` (clamped to `[0, 0.5]`).
    /// `None` only if the preset's own numbers were invalid, which a test rules out.
    pub fn prediction(&self, smoothing: f64) -> Option<Prediction> {
        let p = Distribution::new(self.probs.to_vec()).ok()?;
        Prediction::first_word(p)
            .with_correct(self.correct)
            .map(|p| p.with_smoothing(smoothing))
    }
}

const CHAI4: &[&str] = &["chai", "paani", "dudh", "coffee"];
const CHAI3: &[&str] = &["chai", "paani", "dudh"];
const CRICKET: &[&str] = &["six", "four", "dot"];
const FIVE: &[&str] = &["chai", "paani", "dudh", "coffee", "lassi"];
const CLASSES: &[&str] = &["class 1", "class 2", "class 3"];

/// Both exercise 2 presets put its two models side by side in part `compare`.
const EXERCISE_2: &str =
    "Model A and Model B side by side (Two models): 0.105 against 0.916 nats, A 8.7× lower.";

/// Every preset, in menu order.
pub const PRESETS: [Preset; 10] = [
    Preset {
        name: "Cricket: over-confident (six at 10%)",
        words: CRICKET,
        probs: &[0.10, 0.20, 0.70],
        correct: 0,
        note: "",
    },
    Preset {
        name: "Cricket: good prediction (six at 70%)",
        words: CRICKET,
        probs: &[0.70, 0.20, 0.10],
        correct: 0,
        note: "",
    },
    Preset {
        name: "“subah uthke …” before training",
        words: CHAI4,
        probs: &[0.40, 0.30, 0.20, 0.10],
        correct: 0,
        note: "",
    },
    Preset {
        name: "“subah uthke …” after training (tutorial §4)",
        words: CHAI4,
        probs: &[0.75, 0.15, 0.07, 0.03],
        correct: 0,
        note: "A big step: here Step at learning rate 1 takes chai from 0.40 to 0.605; the third Step passes 0.75.",
    },
    Preset {
        name: "Exercise 1: the answer is paani",
        words: CHAI3,
        probs: &[0.6, 0.3, 0.1],
        correct: 1,
        note: "",
    },
    Preset {
        name: "Exercise 2: model A",
        words: CLASSES,
        probs: &[0.90, 0.05, 0.05],
        correct: 0,
        note: EXERCISE_2,
    },
    Preset {
        name: "Exercise 2: model B",
        words: CLASSES,
        probs: &[0.40, 0.30, 0.30],
        correct: 0,
        note: EXERCISE_2,
    },
    Preset {
        name: "Uniform over five words",
        words: FIVE,
        probs: &[0.2, 0.2, 0.2, 0.2, 0.2],
        correct: 0,
        note: "",
    },
    Preset {
        name: "One-hot: certain and right",
        words: FIVE,
        probs: &[1.0, 0.0, 0.0, 0.0, 0.0],
        correct: 0,
        note: "",
    },
    Preset {
        name: "Confident and wrong",
        words: FIVE,
        probs: &[0.01, 0.96, 0.01, 0.01, 0.01],
        correct: 0,
        note: "",
    },
];

/// One example sentence: tokens, their probabilities and the repeat count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SentencePreset {
    /// What the menu shows.
    pub name: &'static str,
    /// The tokens.
    pub tokens: &'static [&'static str],
    /// One probability per token.
    pub probs: &'static [f64],
    /// How often the sentence repeats.
    pub repeat: usize,
}

const TEST_SET: &[&str] = &["a", "test", "set", "of", "tokens"];

/// Every sentence preset, in menu order.
pub const SENTENCE_PRESETS: [SentencePreset; 4] = [
    SentencePreset {
        name: "“subah uthke chai peeta hoon”",
        tokens: &["subah", "uthke", "chai", "peeta", "hoon"],
        probs: &[0.30, 0.50, 0.40, 0.60, 0.90],
        repeat: 1,
    },
    SentencePreset {
        name: "Half a chance at each of 100 tokens",
        tokens: &["it", "was", "a", "good", "day"],
        probs: &[0.5; 5],
        repeat: 20,
    },
    SentencePreset {
        name: "Exercise 3: average loss 2.5 nats",
        tokens: TEST_SET,
        // e^-1.5, e^-2, e^-2.5, e^-3, e^-3.5: losses that average 2.5.
        probs: &[
            0.22313016014842982,
            0.1353352832366127,
            0.0820849986238988,
            0.049787068367863944,
            0.0301973834223185,
        ],
        repeat: 1,
    },
    SentencePreset {
        name: "Exercise 3: the rival at perplexity 9.0",
        tokens: TEST_SET,
        probs: &[1.0 / 9.0; 5],
        repeat: 1,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{parse_repeat, parse_token_probs, parse_tokens};
    use crate::format::readout;
    use crate::loss::{sentence_loss, Units};

    #[test]
    fn sentence_presets_are_valid_and_match_the_tutorial() {
        let mut read = Vec::new();
        for p in SENTENCE_PRESETS {
            let text = |xs: Vec<String>| xs.join(",");
            let tokens = parse_tokens(&p.tokens.join(",")).expect(p.name);
            let probs = text(p.probs.iter().map(|x| x.to_string()).collect());
            assert_eq!(
                parse_token_probs(&probs, tokens.len()).expect(p.name),
                p.probs
            );
            assert_eq!(
                parse_repeat(&p.repeat.to_string(), tokens.len()),
                Ok(p.repeat)
            );
            let s = sentence_loss(p.probs, p.repeat);
            read.push((
                s.positions,
                readout(s.loss(Units::Nats)),
                readout(s.perplexity()),
            ));
        }
        let read: Vec<(usize, &str, &str)> = read
            .iter()
            .map(|(t, l, p)| (*t, l.as_str(), p.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                (5, "0.686", "1.986"),
                (100, "0.693", "2.000"),
                (5, "2.500", "12.182"),
                (5, "2.197", "9.000"),
            ]
        );
    }

    #[test]
    fn every_preset_is_valid_and_matches_the_tutorial() {
        let mut losses = Vec::new();
        for p in PRESETS {
            assert_eq!(p.words.len(), p.probs.len(), "{}", p.name);
            let prediction = p.prediction(0.0).expect(p.name);
            losses.push(format!("{:.3}", prediction.cross_entropy(Units::Nats)));
        }
        assert_eq!(
            losses,
            [
                "2.303", "0.357", "0.916", "0.288", "1.204", "0.105", "0.916", "1.609", "0.000",
                "4.605"
            ]
        );
    }

    #[test]
    fn the_after_training_note_says_what_step_does() {
        use crate::model::{Action, Model};
        let note = PRESETS[3].note;
        assert!(note.contains("0.605") && note.contains("third Step passes 0.75"));
        let start = Model::new(
            crate::config::parse_query("?words=chai,paani,dudh,coffee&p=0.4,0.3,0.2,0.1").0,
        );
        let one = start.apply(Action::Step);
        assert_eq!(crate::num::fixed(one.p_correct(), 3), "0.605");
        let two = one.apply(Action::Step);
        let three = two.clone().apply(Action::Step);
        assert!(two.p_correct() < 0.75 && three.p_correct() > 0.75);
        assert_eq!(PRESETS[3].probs[0], 0.75);
    }
}
