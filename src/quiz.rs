//! The exercise mode (`quiz=1`, CONTRACT §5): the loss stays hidden until the learner has
//! worked it out, typed it into "Your answer" and pressed Check.

use crate::num;

/// How far an answer may be from the loss and still be right: the tutorial's numbers carry
/// three decimals, and a learner who rounds an intermediate step lands within 0.01.
pub const TOLERANCE: f64 = 0.01;

/// What Check said about the answer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    /// `|answer − L| ≤ 0.01`; `loss` is `L` when it was checked.
    Right {
        /// The loss, in the unit shown.
        loss: f64,
    },
    /// `|answer − L| > 0.01`.
    NotQuite {
        /// The loss, in the unit shown.
        loss: f64,
    },
    /// The box held no number: nothing is revealed.
    NotANumber,
}

/// The answer box and the last verdict.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Quiz {
    /// The text of "Your answer", as typed.
    pub answer: String,
    /// What the last Check said, until Reset.
    pub verdict: Option<Verdict>,
}

impl Quiz {
    /// The quiz after Check against `loss` (in the unit shown): right when the typed number
    /// is within [`TOLERANCE`] of it.
    ///
    /// ```
    /// use loss_explorer::quiz::{Quiz, Verdict};
    /// let q = Quiz { answer: "1.2".into(), verdict: None };
    /// // −ln 0.3 = 1.204: 1.2 is within 0.01.
    /// assert_eq!(q.checked(1.2039728).verdict, Some(Verdict::Right { loss: 1.2039728 }));
    /// ```
    pub fn checked(self, loss: f64) -> Quiz {
        let verdict = match num::parse(self.answer.trim()).filter(|a| !a.is_nan()) {
            // An infinite loss (p_c = 0) is matched only by an infinite answer.
            Some(a) if a == loss || (a - loss).abs() <= TOLERANCE => Verdict::Right { loss },
            Some(_) => Verdict::NotQuite { loss },
            None => Verdict::NotANumber,
        };
        Quiz {
            verdict: Some(verdict),
            ..self
        }
    }

    /// Whether the loss is still hidden: no number has been checked yet.
    pub fn hides_loss(&self) -> bool {
        matches!(self.verdict, None | Some(Verdict::NotANumber))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(answer: &str, loss: f64) -> Option<Verdict> {
        Quiz {
            answer: answer.into(),
            verdict: None,
        }
        .checked(loss)
        .verdict
    }

    #[test]
    fn within_a_hundredth_is_right() {
        let loss = -(0.3f64.ln()); // 1.2039728…
        assert_eq!(check("1.204", loss), Some(Verdict::Right { loss }));
        assert_eq!(check(" 1.21 ", loss), Some(Verdict::Right { loss }));
        assert_eq!(check("1.194", loss), Some(Verdict::Right { loss }));
        assert_eq!(check("1.22", loss), Some(Verdict::NotQuite { loss }));
        assert_eq!(check("0.916", loss), Some(Verdict::NotQuite { loss }));
    }

    #[test]
    fn text_that_is_no_number_reveals_nothing() {
        for text in ["", "abc", "1.2.3", "NaN"] {
            let q = Quiz {
                answer: text.into(),
                verdict: None,
            }
            .checked(1.0);
            assert_eq!(q.verdict, Some(Verdict::NotANumber), "{text:?}");
            assert!(q.hides_loss());
        }
        assert!(Quiz::default().hides_loss());
    }

    #[test]
    fn an_infinite_loss_needs_an_infinite_answer() {
        assert_eq!(
            check("inf", f64::INFINITY),
            Some(Verdict::Right {
                loss: f64::INFINITY
            })
        );
        assert_eq!(
            check("1000", f64::INFINITY),
            Some(Verdict::NotQuite {
                loss: f64::INFINITY
            })
        );
    }
}
