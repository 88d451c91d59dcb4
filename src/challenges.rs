//! Short tasks drawn from the tutorial's exercises, each a test of the state.

use crate::model::Model;
use crate::num::fixed;

/// One task and the test that says a state meets it.
#[derive(Clone, Copy)]
pub struct Challenge {
    /// What the learner is asked to do.
    pub task: &'static str,
    /// Whether the state meets it.
    pub met: fn(&Model) -> bool,
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
    },
    Challenge {
        task: "Be as wrong as the over-confident cricket guess: a loss of 2.303 nats",
        met: |m| shows(m, "2.303"),
    },
    Challenge {
        task: "Match model A of exercise 2: a loss of 0.105 nats",
        met: |m| shows(m, "0.105"),
    },
    Challenge {
        task: "Get the perplexity under 2",
        met: |m| m.perplexity() < 2.0,
    },
    Challenge {
        task: "Train with Step or Play until the loss is below 0.1",
        met: |m| !m.history().is_empty() && m.prediction().loss(crate::loss::Units::Nats) < 0.1,
    },
];
