//! Random sequences of every action a learner can take, checked after each step: the state
//! stays valid, every readout is a number (or ∞), never NaN, and the sentence's token for the
//! correct word holds the prediction's `p_c`.
#![cfg(not(target_arch = "wasm32"))]

use loss_explorer::config::{parse_query, Part, Parts};
use loss_explorer::loss::{Units, MAX_WORDS};
use loss_explorer::model::{Action, GradientView, Model, HISTORY_LIMIT};
use loss_explorer::presets::{PRESETS, SENTENCE_PRESETS};
use proptest::prelude::*;

fn action() -> impl Strategy<Value = Action> {
    let index = 0usize..MAX_WORDS + 2;
    prop_oneof![
        4 => (index.clone(), prop_oneof![0.0..=1.0f64, any::<f64>()]).prop_map(|(index, value)| Action::SetProb { index, value }),
        2 => (index.clone(), prop::sample::select(vec![0.01, -0.01, 0.1, -0.1])).prop_map(|(index, delta)| Action::Nudge { index, delta }),
        1 => index.clone().prop_map(Action::SetCorrect),
        1 => prop::sample::select(vec![Units::Nats, Units::Bits]).prop_map(Action::SetUnits),
        1 => prop::sample::select(vec!["0.5", "", "-1", "abc", "1e400", "100", "3"]).prop_map(|s| Action::SetLearningRate(s.into())),
        2 => Just(Action::Step),
        1 => Just(Action::TogglePlay),
        2 => Just(Action::Tick),
        1 => Just(Action::Reset),
        1 => prop_oneof![0.0..=0.5f64, any::<f64>()].prop_map(Action::SetSmoothing),
        1 => prop::sample::select(vec![GradientView::Logits, GradientView::Probability]).prop_map(Action::SetGradientView),
        1 => (0usize..PRESETS.len() + 2).prop_map(Action::LoadPreset),
        1 => (index.clone(), "\\PC{0,30}").prop_map(|(index, text)| Action::RenameWord { index, text }),
        1 => Just(Action::AddWord),
        1 => index.clone().prop_map(Action::RemoveWord),
        1 => index.clone().prop_map(Action::ToggleLock),
        // The sentence: its tokens' sliders (the linked one included), Repeat, its presets.
        3 => (0usize..8, prop_oneof![0.0..=1.0f64, any::<f64>()]).prop_map(|(index, value)| Action::SetTokenProb { index, value }),
        1 => prop::sample::select(vec!["1", "2", "20", "200", "201", "0", "-1", "abc", "", "1e3", "7.5"]).prop_map(|s| Action::SetRepeat(s.into())),
        1 => (0usize..SENTENCE_PRESETS.len() + 2).prop_map(Action::LoadSentencePreset),
        // The exercise: any text, then Check.
        1 => prop::sample::select(vec!["1.204", "0.9", "inf", "NaN", "", "abc", "-3"]).prop_map(|s| Action::SetAnswer(s.into())),
        1 => Just(Action::CheckAnswer),
        // The two models and the logits, at their extremes too.
        2 => (0usize..3, index.clone(), prop_oneof![0.0..=1.0f64, any::<f64>()]).prop_map(|(model, index, value)| Action::SetModelProb { model, index, value }),
        2 => (index.clone(), prop_oneof![-10.0..=10.0f64, any::<f64>()]).prop_map(|(index, value)| Action::SetLogit { index, value }),
        1 => prop_oneof![0.1..=10.0f64, any::<f64>(), Just(0.1), Just(10.0)].prop_map(Action::SetTemperature),
        // A drag's hold changes nothing in the model.
        1 => prop::sample::select(vec![Parts::NONE, Parts::ALL, Parts::NONE.with(Part::Export)]).prop_map(Action::Hold),
    ]
}

/// Every action the strategy above generates, by variant: a new variant of `Action` fails to
/// compile here until the soak generates it too.
#[allow(dead_code)]
fn generated(a: &Action) {
    match a {
        Action::SetProb { .. }
        | Action::Nudge { .. }
        | Action::SetCorrect(_)
        | Action::SetUnits(_)
        | Action::SetLearningRate(_)
        | Action::Step
        | Action::TogglePlay
        | Action::Tick
        | Action::Reset
        | Action::SetSmoothing(_)
        | Action::SetGradientView(_)
        | Action::LoadPreset(_)
        | Action::RenameWord { .. }
        | Action::AddWord
        | Action::RemoveWord(_)
        | Action::ToggleLock(_)
        | Action::SetTokenProb { .. }
        | Action::SetRepeat(_)
        | Action::LoadSentencePreset(_)
        | Action::SetAnswer(_)
        | Action::CheckAnswer
        | Action::SetModelProb { .. }
        | Action::SetLogit { .. }
        | Action::SetTemperature(_)
        | Action::Hold(_) => {}
    }
}

fn check(m: &Model) {
    // The sentence's token for the correct word is the prediction: the two never disagree.
    if let Some(t) = m.linked_token() {
        assert_eq!(
            m.sentence().probs()[t],
            m.p_correct(),
            "linked token {t} in {m:?}"
        );
    }
    let s = m.sentence();
    assert!(s.repeat() >= 1 && s.repeat() * s.tokens().len() <= loss_explorer::loss::MAX_POSITIONS);
    assert!(s.probs().iter().all(|p| (0.0..=1.0).contains(p)));
    let sl = s.loss();
    for v in [sl.loss(Units::Nats), sl.perplexity(), sl.log_prob] {
        assert!(!v.is_nan(), "NaN sentence readout in {m:?}");
    }
    let p = m.probs();
    assert_eq!(p.len(), m.words().len());
    assert!((p.iter().sum::<f64>() - 1.0).abs() <= 1e-12);
    assert!(m.correct() < p.len());
    for v in [
        m.loss(),
        m.perplexity(),
        m.entropy(),
        m.kl(),
        m.slope(),
        m.one_hot_loss(),
    ] {
        assert!(!v.is_nan(), "NaN readout in {m:?}");
    }
    assert!(m.gradient().iter().all(|g| g.is_finite()));
    // The two models are over the words, every number of theirs a number.
    for i in 0..2 {
        let model = m.model(i);
        assert_eq!(model.probs().len(), p.len());
        assert_eq!(model.correct(), m.correct());
        assert!(!model.loss(Units::Nats).is_nan() && !model.perplexity().is_nan());
    }
    // The logits: the largest 0, none NaN or +∞; the loss from them is the loss.
    let t = m.temperature();
    assert!((0.1..=10.0).contains(&t));
    let z = m.logits();
    assert!(
        z.iter().all(|z| !z.is_nan() && *z <= 0.0) && z.contains(&0.0),
        "{z:?}"
    );
    let lse = m.log_sum_exp();
    assert!(lse.is_finite() && lse >= 0.0);
    let from_logits = lse - z[m.correct()] / t;
    let loss = m.prediction().cross_entropy(Units::Nats);
    assert!(
        from_logits == loss || (from_logits - loss).abs() <= 1e-9 * loss.max(1.0),
        "{from_logits} vs {loss}"
    );
    // The Loss readout is the cross-entropy against the soft target, which is at least its
    // entropy: CE = H + KL with KL ≥ 0.
    let ce = m.prediction().soft_cross_entropy();
    let h = m.prediction().entropy();
    assert!(ce >= h - 1e-12, "CE {ce} below H {h} in {m:?}");
    // History points are numbered one step apart, and never more than the limit.
    let h = m.history();
    assert!(h.len() <= HISTORY_LIMIT);
    assert!(h.windows(2).all(|w| w[1].step == w[0].step + 1), "{h:?}");
    // An exercise shows the loss only once a number was checked; a widget that is none never
    // hides it.
    match m.quiz() {
        None => assert!(!m.hides_loss()),
        Some(q) => assert_eq!(
            m.hides_loss(),
            !matches!(
                q.verdict,
                Some(
                    loss_explorer::quiz::Verdict::Right { .. }
                        | loss_explorer::quiz::Verdict::NotQuite { .. }
                )
            )
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_actions_keeps_the_model_valid(actions in prop::collection::vec(action(), 1..60), quiz in any::<bool>()) {
        let mut m = Model::new(parse_query(if quiz { "?quiz=1" } else { "" }).0);
        for a in actions {
            m = m.apply(a);
            check(&m);
        }
    }
}
