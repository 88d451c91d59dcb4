//! The teaching extras that are plain markup: notices, the Preset menu, label smoothing and
//! the Challenges list.

use super::slider::{slider, SliderProps};
use crate::challenges::{Challenge, CHALLENGES};
use crate::config::Notice;
use crate::format::readout;
use crate::model::{Action, Model};
use crate::num::fixed;
use crate::presets::PRESETS;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// One `role="alert"` box per ignored parameter; nothing when all were fine.
pub fn notices(notices: &[Notice]) -> Html {
    if notices.is_empty() {
        return Html::default();
    }
    html! {
        <div class="le-notices">
            { for notices.iter().map(|n| html! { <p class="le-notice" role="alert">{ n.to_string() }</p> }) }
        </div>
    }
}

/// Keeps the Preset menu (held by `node`) naming the preset the state is in, or none. Once a
/// learner has picked an option, browsers ignore later changes to the options' `selected`
/// attributes, so the menu's own selection is set whenever the preset changes.
#[hook]
pub fn use_preset_menu(node: NodeRef, preset: Option<usize>) {
    use_effect_with(preset, move |&preset| {
        if let Some(select) = node.cast::<HtmlSelectElement>() {
            let index = preset.map_or(0, |i| i as i32 + 1);
            if select.selected_index() != index {
                select.set_selected_index(index);
            }
        }
    });
}

/// The "Preset" select: the tutorial's examples and a few extremes; it names the preset the
/// state is in, if any (see [`use_preset_menu`]).
pub fn preset_select(m: &Model, node: NodeRef, on_action: &Callback<Action>) -> Html {
    let names = PRESETS.iter().map(|p| p.name);
    let note = m
        .preset()
        .and_then(|i| PRESETS.get(i))
        .map_or("", |p| p.note);
    html! {
        <>
            { menu("Preset", names, m.preset(), node, on_action.reform(Action::LoadPreset)) }
            if !note.is_empty() { <p class="le-note">{ note }</p> }
        </>
    }
}

/// A menu of examples named `label`: a placeholder, then `names`; `current` is selected.
/// Picking one emits its index.
pub fn menu(
    label: &'static str,
    names: impl Iterator<Item = &'static str>,
    current: Option<usize>,
    node: NodeRef,
    on_pick: Callback<usize>,
) -> Html {
    let onchange = on_pick.reform(|e: Event| {
        e.target_unchecked_into::<HtmlSelectElement>()
            .value()
            .parse()
            .unwrap_or(usize::MAX)
    });
    html! {
        <label class="le-preset">
            <span>{ label }</span>
            <select ref={node} aria-label={label} {onchange}>
                <option value="" selected={current.is_none()} disabled=true>{ "Choose an example…" }</option>
                { for names.enumerate().map(|(i, name)| html! {
                    <option value={i.to_string()} selected={current == Some(i)}>{ name }</option>
                }) }
            </select>
        </label>
    }
}

fn mini(name: &'static str, value: f64) -> Html {
    super::readouts::mini(name, readout(value), "")
}

/// The "Label smoothing" slider with the entropy, cross-entropy and KL readouts.
pub fn soft_targets(m: &Model, on_action: &Callback<Action>) -> Html {
    let eps = m.smoothing();
    let (h, ce, kl) = (m.entropy(), m.loss(), m.kl());
    let note = if ce.is_infinite() && eps > 0.0 {
        "∞: a word has probability 0, but the smoothed target still gives it ε/K, and −ln 0 is infinite. Raise that word above 0."
            .to_string()
    } else if eps == 0.0 {
        "With ε = 0 the target is one-hot, H(y) = 0, and the KL divergence equals the cross-entropy.".to_string()
    } else {
        format!(
            "CE = H + KL: {} = {} + {} {}",
            readout(ce),
            readout(h),
            readout(kl),
            m.units().name()
        )
    };
    html! {
        <section class="le-soft">
            <label class="le-soft-slider">
                <span>{ format!("Label smoothing ε = {}", fixed(eps, 3)) }</span>
                { slider(SliderProps {
                    label: "Label smoothing".into(),
                    value: eps,
                    min: 0.0,
                    max: 0.5,
                    valuetext: fixed(eps, 3).into(),
                    disabled: false,
                    describedby: None,
                    on_input: on_action.reform(Action::SetSmoothing),
                    on_key: None,
                }) }
            </label>
            <div class="le-minis">
                { mini("Entropy H(y)", h) }
                { mini("Cross-entropy", ce) }
                { mini("KL divergence", kl) }
            </div>
            <p class="le-caption">{ note }</p>
        </section>
    }
}

/// The "Challenges" list; a met challenge reads "✓ done".
pub fn challenges(met: &[bool], m: &Model) -> Html {
    // While an exercise hides the loss, a challenge the state already meets would give the
    // answer away ("make the loss 1.204" beside the exercise whose loss is 1.204).
    let shown = |c: &Challenge| c.shown_with(m.parts()) && !(m.hides_loss() && (c.met)(m));
    html! {
        <section class="le-challenges">
            // Not a heading element: the widget sits inside pages whose outline it cannot know.
            <p class="le-heading" aria-hidden="true">{ "Challenges" }</p>
            <ul aria-label="Challenges">
                { for CHALLENGES.iter().zip(met).filter(|(c, _)| shown(c)).map(|(c, &done)| html! {
                    <li class={if done { "le-done" } else { "" }}>
                        <span class="le-check" aria-hidden="true">{ if done { "✓" } else { "○" } }</span>
                        <span>
                            { c.task }
                            if done { <strong class="le-done-tag">{ " ✓ done" }</strong> }
                        </span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
