//! The sentence of part `sentence` (CONTRACT §6): tokens with the probability the model gave
//! each, a repeat count and its box. Pure; the loss module does the sums.
//!
//! One token may stand for the widget's own prediction: the first that equals the correct
//! word. The model keeps that token's probability equal to `p_c`.

use crate::config::{parse_repeat, Draft, ParamError, SentenceConfig};
use crate::loss::{running_products, sentence_loss, SentenceLoss};
use crate::num::clamp;

/// A sentence as the learner has left it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    tokens: Vec<String>,
    probs: Vec<f64>,
    repeat: usize,
    /// The Repeat box, when it holds text other than the count in use.
    repeat_draft: Option<Draft>,
}

impl Sentence {
    /// The sentence `config` describes.
    pub fn new(config: &SentenceConfig) -> Sentence {
        Sentence {
            tokens: config.tokens.clone(),
            probs: config.probs.clone(),
            repeat: config.repeat,
            repeat_draft: None,
        }
    }

    /// The tokens, in order.
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    /// One probability per token.
    pub fn probs(&self) -> &[f64] {
        &self.probs
    }

    /// How many times the sentence repeats.
    pub fn repeat(&self) -> usize {
        self.repeat
    }

    /// The Repeat box: its text, and why that text is not in use (if it is not).
    pub fn repeat_box(&self) -> (String, Option<&ParamError>) {
        match &self.repeat_draft {
            Some(d) => (d.text.clone(), d.error.as_ref()),
            None => (self.repeat.to_string(), None),
        }
    }

    /// The most repeats that keep `T ≤ 1000`.
    pub fn max_repeat(&self) -> usize {
        crate::loss::MAX_POSITIONS / self.tokens.len().max(1)
    }

    /// The token that is the widget's prediction: the first equal to `correct_word`.
    pub fn linked(&self, correct_word: &str) -> Option<usize> {
        self.tokens.iter().position(|t| t == correct_word)
    }

    /// The slider names: `p(token)`, and `p(token n)` for the n-th of equal tokens.
    pub fn slider_names(&self) -> Vec<String> {
        self.tokens
            .iter()
            .enumerate()
            .map(
                |(i, t)| match self.tokens[..i].iter().filter(|u| *u == t).count() {
                    0 => format!("p({t})"),
                    earlier => format!("p({t} {})", earlier + 1),
                },
            )
            .collect()
    }

    /// Token `index` at probability `value`, clamped to `[0, 1]`; NaN changes nothing.
    pub fn set_prob(&mut self, index: usize, value: f64) {
        if let Some(p) = self.probs.get_mut(index).filter(|_| !value.is_nan()) {
            *p = clamp(value, 0.0, 1.0) + 0.0;
        }
    }

    /// The Repeat box's text; the count changes only if the text is a valid count.
    pub fn set_repeat(&mut self, text: String) {
        let parsed = parse_repeat(&text, self.tokens.len());
        if let Ok(r) = parsed {
            self.repeat = r;
        }
        let error = parsed.err();
        self.repeat_draft =
            (error.is_some() || text != self.repeat.to_string()).then_some(Draft { text, error });
    }

    /// The loss, perplexity and probabilities of the whole sentence.
    pub fn loss(&self) -> SentenceLoss {
        sentence_loss(&self.probs, self.repeat)
    }

    /// After each position, the running log-probability and the float32 product.
    pub fn running(&self) -> Vec<(f64, f32)> {
        running_products(&self.probs, self.repeat)
    }

    /// The sentence as a config, e.g. for the permalink.
    pub fn to_config(&self) -> SentenceConfig {
        SentenceConfig {
            tokens: self.tokens.clone(),
            probs: self.probs.clone(),
            repeat: self.repeat,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_query;

    fn sentence(query: &str) -> Sentence {
        Sentence::new(&parse_query(query).0.sentence)
    }

    #[test]
    fn equal_tokens_get_numbered_slider_names() {
        let s = sentence("?tokens=the,cat,saw,the,other,the");
        assert_eq!(
            s.slider_names(),
            ["p(the)", "p(cat)", "p(saw)", "p(the 2)", "p(other)", "p(the 3)"]
        );
        assert_eq!(s.linked("the"), Some(0));
        assert_eq!(s.linked("dog"), None);
    }

    #[test]
    fn the_repeat_box_keeps_what_was_typed() {
        let mut s = sentence("");
        s.set_repeat("20".into());
        assert_eq!((s.repeat(), s.repeat_box().0.as_str()), (20, "20"));
        assert!(s.repeat_box().1.is_none());
        s.set_repeat("".into());
        assert_eq!(s.repeat(), 20);
        assert_eq!(s.repeat_box().0, "");
        s.set_repeat("201".into());
        assert_eq!(s.repeat(), 20);
        let error = s.repeat_box().1.map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("“201” is not a whole number from 1 to 200 (at most 1000 positions)")
        );
        s.set_repeat("30".into());
        assert_eq!((s.repeat(), s.loss().positions), (30, 150));
    }

    #[test]
    fn token_probabilities_stay_in_range() {
        let mut s = sentence("");
        s.set_prob(0, 1.5);
        s.set_prob(1, -0.5);
        s.set_prob(2, f64::NAN);
        s.set_prob(99, 0.2);
        assert_eq!(s.probs(), [1.0, 0.0, 0.40, 0.60, 0.90]);
    }
}
