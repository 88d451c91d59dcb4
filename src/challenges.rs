//! Short tasks drawn from the tutorial's exercises, each a test of the state.

use crate::config::{Part, Parts};
use crate::model::{Action, Model};
use crate::num::fixed;

/// One task and the test that says a state meets it.
#[derive(Clone, Copy)]
pub struct Challenge {
    /// What the learner is asked to do.
    pub task: &'static str,
    /// Whether the state meets it.
    pub met: fn(&Model) -> bool,
    /// The part a learner needs to meet it, beyond the core: a widget without it does not
    /// list the challenge.
    pub needs: Option<Part>,
    /// Whether only moving probabilities meets it (a slider, a key, Step or Play), not
    /// choosing another correct word: "perplexity under 2" is about making a word likely.
    pub by_moving_probabilities: bool,
}

impl Challenge {
    /// Whether a widget showing `parts` lets a learner meet it.
    pub fn shown_with(&self, parts: Parts) -> bool {
        self.needs.is_none_or(|p| parts.has(p))
    }

    /// Whether `action` can count towards it.
    pub fn counts(&self, action: &Action) -> bool {
        !self.by_moving_probabilities
            || matches!(
                action,
                Action::SetProb { .. }
                    | Action::Nudge { .. }
                    | Action::Step
                    | Action::Tick
                    | Action::SetTokenProb { .. }
                    | Action::SetLogit { .. }
                    | Action::SetTemperature(_)
            )
    }
}

/// Whether the Loss readout, in nats and without smoothing, reads `printed`.
fn shows(model: &Model, printed: &str) -> bool {
    model.smoothing() == 0.0
        && fixed(model.prediction().loss(crate::loss::Units::Nats), 3) == printed
}

/// The challenges, in the order they are listed.
pub const CHALLENGES: [Challenge; 5] = [
    Challenge {
        task: "Make the loss exactly 1.204 nats (exercise 1: which word, which probability?)",
        met: |m| shows(m, "1.204"),
        needs: None,
        by_moving_probabilities: false,
    },
    Challenge {
        task: "Be as wrong as the over-confident cricket guess: a loss of 2.303 nats",
        met: |m| shows(m, "2.303"),
        needs: None,
        by_moving_probabilities: false,
    },
    Challenge {
        task: "Match model A of exercise 2: a loss of 0.105 nats",
        met: |m| shows(m, "0.105"),
        needs: None,
        by_moving_probabilities: false,
    },
    Challenge {
        task: "Get the perplexity under 2",
        met: |m| m.perplexity() < 2.0,
        needs: None,
        by_moving_probabilities: true,
    },
    Challenge {
        task: "Train with Step or Play until the loss is below 0.1",
        met: |m| !m.history().is_empty() && m.prediction().loss(crate::loss::Units::Nats) < 0.1,
        needs: Some(Part::Train),
        by_moving_probabilities: true,
    },
];
