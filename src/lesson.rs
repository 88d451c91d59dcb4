//! The model as a learner works through it: which challenges their own moves have met.

use crate::challenges::CHALLENGES;
use crate::config::{Config, Part, Parts};
use crate::model::{Action, Model};
use std::rc::Rc;

/// A model and the challenges met so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// Shared with the views, so a render takes the model without copying it.
    model: Rc<Model>,
    /// Which challenges the learner has met (they stay met).
    met: [bool; CHALLENGES.len()],
    /// Which challenges the current state meets, as far as it counts: whoever brought it
    /// there, but not by a move that cannot count towards the challenge.
    meets: [bool; CHALLENGES.len()],
    /// While a drag is held ([`Action::Hold`]), the parts held and the model as the pointer
    /// found it.
    held: Option<(Parts, Rc<Model>)>,
}

impl Lesson {
    /// A lesson that starts in the state `config` describes, with nothing met yet.
    pub fn new(config: Config) -> Lesson {
        let model = Model::new(config);
        Lesson {
            meets: meets(&model),
            met: [false; CHALLENGES.len()],
            model: Rc::new(model),
            held: None,
        }
    }

    /// The state after `action`. A challenge is met when the learner's own move brings the
    /// state from not meeting it to meeting it: never by the starting state, a preset or
    /// Reset, which would give an exercise's answer away.
    pub fn apply(self, action: Action) -> Lesson {
        if let Action::Hold(parts) = action {
            // A second pointer keeps the first one's hold.
            let held = (parts != Parts::NONE)
                .then(|| self.held.clone().unwrap_or((parts, self.model.clone())));
            return Lesson { held, ..self };
        }
        let learners_move = !matches!(
            action,
            Action::LoadPreset(_) | Action::LoadSentencePreset(_) | Action::Reset
        );
        let counts = CHALLENGES.map(|c| c.counts(&action));
        let model = Rc::unwrap_or_clone(self.model).apply(action);
        let now = meets(&model);
        let mut met = self.met;
        let mut meets = now;
        for (i, m) in met.iter_mut().enumerate() {
            *m |= learners_move && counts[i] && now[i] && !self.meets[i];
            // A move that cannot count (choosing the word, for "perplexity under 2") does
            // not make the state the learner's own: the next move that can count may meet it.
            if learners_move && !counts[i] {
                meets[i] = self.meets[i] && now[i];
            }
        }
        Lesson {
            model: Rc::new(model),
            met,
            meets,
            held: self.held,
        }
    }

    /// The state.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The state, shared: for views that keep it.
    pub fn shared_model(&self) -> Rc<Model> {
        self.model.clone()
    }

    /// The model `part` shows: while a drag holds it (the pointer went down on a word's
    /// slider with the part out of view, [`Action::Hold`]), the one the drag started from, so
    /// a drag lays out and paints only what can be seen; it catches up when the pointer is
    /// released. Otherwise the state.
    pub fn below(&self, part: Part) -> &Rc<Model> {
        match &self.held {
            Some((parts, then)) if parts.has(part) => then,
            _ => &self.model,
        }
    }

    /// Whether a drag holds any part.
    pub fn holds(&self) -> bool {
        self.held.is_some()
    }

    /// One flag per challenge in [`CHALLENGES`]: whether the learner has met it.
    pub fn met(&self) -> &[bool] {
        &self.met
    }
}

fn meets(model: &Model) -> [bool; CHALLENGES.len()] {
    CHALLENGES.map(|c| (c.met)(model))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_query;

    fn lesson(query: &str) -> Lesson {
        Lesson::new(parse_query(query).0)
    }

    #[test]
    fn challenges_are_not_met_by_the_starting_state_or_a_preset() {
        // The tutorial's exercise widget starts at 1.204 nats: the answer must not be given
        // away, nor by presets 0, 4 and 5 (2.303, 1.204 and 0.105 nats).
        let exercise = lesson("?words=chai,paani,dudh&p=0.6,0.3,0.1&correct=paani");
        assert_eq!(exercise.met(), [false; 5]);
        for preset in [0, 4, 5] {
            let loaded = lesson("").apply(Action::LoadPreset(preset));
            assert_eq!(loaded.met(), [false; 5], "preset {preset}");
            // Nor by what the learner does next if it leaves the loss where the preset put it.
            let then = loaded.apply(Action::SetUnits(crate::loss::Units::Bits));
            assert_eq!(then.met(), [false; 5], "preset {preset}, then bits");
        }
        let reset = lesson("?words=six,four,dot&p=0.1,0.2,0.7")
            .apply(Action::SetCorrect(1))
            .apply(Action::Reset);
        assert_eq!(reset.met(), [false; 5]);
    }

    /// The model `part` of `l` shows.
    fn shown(l: &Lesson, part: Part) -> &Model {
        l.below(part)
    }

    #[test]
    fn a_held_drag_leaves_the_parts_it_holds_where_it_started_until_released() {
        let start = lesson("?words=chai,paani,dudh&p=0.6,0.3,0.1&correct=paani");
        assert!(!start.holds());
        assert_eq!(shown(&start, Part::Export), start.model(), "nothing held");
        let out_of_view = Parts::NONE.with(Part::Compare).with(Part::Export);
        let held = start.clone().apply(Action::Hold(out_of_view));
        assert!(held.holds());
        assert!(
            Rc::ptr_eq(&held.shared_model(), &start.shared_model()),
            "no model change"
        );
        let drag = [0.4, 0.55, 0.65].map(|value| Action::SetProb { index: 1, value });
        let moved = drag.into_iter().fold(held, Lesson::apply);
        assert_ne!(moved.model(), start.model(), "the state moves");
        for part in [Part::Compare, Part::Export] {
            assert_eq!(
                shown(&moved, part),
                start.model(),
                "{part:?} keeps the start"
            );
        }
        for part in [Part::Logits, Part::Sentence] {
            assert_eq!(shown(&moved, part), moved.model(), "{part:?} is in view");
        }
        // The challenges the drag meets are met at once (the list is the lesson's).
        assert!(moved.met()[3], "p(paani) = 0.65: perplexity 1.54, under 2");
        // A second pointer going down keeps the first one's hold.
        let again = moved
            .clone()
            .apply(Action::Hold(Parts::NONE.with(Part::Logits)));
        assert_eq!(shown(&again, Part::Export), start.model());
        assert_eq!(shown(&again, Part::Logits), again.model());
        let released = again.apply(Action::Hold(Parts::NONE));
        assert!(!released.holds());
        assert_eq!(
            shown(&released, Part::Export),
            released.model(),
            "caught up"
        );
        assert_eq!(released.met(), moved.met(), "a release meets nothing");
    }

    #[test]
    fn challenges_are_met_by_the_learners_moves_and_stay_met() {
        let l = lesson("?words=chai,paani,dudh,coffee&p=0.6,0.3,0.05,0.05&correct=dudh");
        let l = l.apply(Action::SetCorrect(1));
        assert!(l.met()[0], "paani at 0.3 is 1.204 nats");
        let l = l.apply(Action::SetCorrect(0));
        assert_eq!(l.met()[..2], [true, false], "met stays met");
        assert!(
            !l.met()[3],
            "choosing chai (at 0.6) is not making a word likely"
        );
        let l = l.apply(Action::SetProb {
            index: 0,
            value: 0.65,
        });
        assert!(l.met()[3], "dragging chai to 0.65 is a perplexity of 1.538");
        let l = l
            .apply(Action::SetLearningRate("5".into()))
            .apply(Action::Step)
            .apply(Action::Step);
        assert_eq!(l.met(), [true, false, false, true, true]);
        // Away from a value and back to it counts, even where a preset started.
        let back = lesson("")
            .apply(Action::LoadPreset(4))
            .apply(Action::SetCorrect(0))
            .apply(Action::SetCorrect(1));
        assert!(back.met()[0]);
    }
}
