//! The words: the "Correct word" radio group and per word its slider and share (the core),
//! with, when the page shows the `edit` part, the "Edit words" toggle, and while it is on
//! per word its name box, lock and remove button, and "Add word".

use super::slider::{key_move, slider, KeyMove, SliderProps};
use crate::format::percent;
use crate::loss::{MAX_WORDS, MIN_WORDS};
use crate::model::{Action, Model};
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// The "Edit words" toggle, where the page shows the `edit` part: editing is a rare act,
/// so its controls wait behind it rather than outrank the lesson.
pub struct EditToggle {
    /// Whether the editing controls are shown.
    pub on: bool,
    /// Turns them on or off.
    pub toggle: Callback<MouseEvent>,
}

/// The correct-word chooser and one row per word; `edit` adds the toggle, and while it is
/// on the editing controls. `id` keeps this widget's radio group and element ids apart from
/// other widgets' on the page.
pub fn word_rows(
    m: &Model,
    id: &str,
    edit_toggle: Option<EditToggle>,
    on_action: &Callback<Action>,
) -> Html {
    let k = m.words().len();
    let edit = edit_toggle.as_ref().is_some_and(|t| t.on);
    html! {
        <>
            if let Some(t) = edit_toggle {
                <button type="button" class="le-secondary le-edit-toggle" aria-pressed={t.on.to_string()}
                    onclick={t.toggle}>{ "Edit words" }</button>
            }
            <fieldset class="le-choice">
                <legend>{ "Correct word" }</legend>
                { for m.words().iter().enumerate().map(|(i, word)| {
                    let on = i == m.correct();
                    html! {
                        <label class={if on { "le-chip le-chip-on" } else { "le-chip" }}>
                            <input type="radio" name={format!("{id}-correct")} checked={on}
                                onchange={on_action.reform(move |_: Event| Action::SetCorrect(i))} />
                            { &word.name }
                        </label>
                    }
                }) }
            </fieldset>
            <div class={if edit { "le-rows le-editing" } else { "le-rows" }}>
                { for (0..k).map(|i| row(m, i, id, edit, on_action)) }
            </div>
            if edit {
                <div class="le-row-actions">
                    <button type="button" class="le-secondary" disabled={k >= MAX_WORDS}
                        onclick={on_action.reform(|_: MouseEvent| Action::AddWord)}>{ "Add word" }</button>
                    if k >= MAX_WORDS { <span class="le-hint">{ format!("At most {MAX_WORDS} words.") }</span> }
                    if k <= MIN_WORDS { <span class="le-hint">{ format!("At least {MIN_WORDS} words.") }</span> }
                </div>
            }
        </>
    }
}

/// The action for a key on word `index`'s slider: the model nudges (honouring locks) or sets.
fn key_action(index: usize, key: &str) -> Option<Action> {
    key_move(key).map(|k| match k {
        KeyMove::By(delta) => Action::Nudge { index, delta },
        KeyMove::To(value) => Action::SetProb { index, value },
    })
}

fn row(m: &Model, index: usize, id: &str, edit: bool, on_action: &Callback<Action>) -> Html {
    let word = &m.words()[index];
    let p = m.probs()[index];
    let correct = index == m.correct();
    let lock_reason = m.lock_reason(index);
    let error_id = format!("{id}-name-error-{index}");
    let reason_id = format!("{id}-lock-reason-{index}");
    let on_key = {
        let on_action = on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(action) = key_action(index, &e.key()) {
                e.prevent_default();
                on_action.emit(action);
            }
        })
    };
    let class = match (correct, word.locked) {
        (true, true) => "le-row le-row-correct le-row-locked",
        (true, false) => "le-row le-row-correct",
        (false, true) => "le-row le-row-locked",
        (false, false) => "le-row",
    };
    let name = if edit {
        html! {
            <div class="le-name">
                <input
                    type="text" class="le-name-input" maxlength="64" spellcheck="false"
                    aria-label={format!("Word {}", index + 1)}
                    aria-invalid={word.error().is_some().to_string()}
                    aria-describedby={error_id.clone()}
                    value={word.text().to_string()}
                    oninput={on_action.reform(move |e: InputEvent| Action::RenameWord {
                        index,
                        text: e.target_unchecked_into::<HtmlInputElement>().value(),
                    })}
                />
                if correct { <span class="le-badge">{ "✓ correct" }</span> }
                <span id={error_id} class="le-field-error">
                    { word.error().map(|e| format!("Name not used: {e}.")).unwrap_or_default() }
                </span>
            </div>
        }
    } else {
        html! {
            <div class="le-name">
                <span class="le-word">{ &word.name }</span>
                if correct { <span class="le-badge">{ "✓ correct" }</span> }
            </div>
        }
    };
    html! {
        <div {class}>
            { name }
            { slider(SliderProps {
                label: word.name.clone().into(),
                value: p,
                min: 0.0,
                max: 1.0,
                valuetext: percent(p).into(),
                disabled: lock_reason.is_some(),
                describedby: Some(reason_id.clone().into()),
                on_input: on_action.reform(move |value| Action::SetProb { index, value }),
                on_key: Some(on_key),
            }) }
            <span class="le-percent" aria-hidden="true">{ percent(p) }</span>
            if edit {
                <label class="le-lock" title={format!("Lock {}", word.name)}>
                    <input type="checkbox" checked={word.locked} aria-label={format!("Lock {}", word.name)}
                        onchange={on_action.reform(move |_: Event| Action::ToggleLock(index))} />
                    <span aria-hidden="true">{ "lock" }</span>
                </label>
                <button type="button" class="le-icon le-secondary" aria-label={format!("Remove {}", word.name)}
                    disabled={m.words().len() <= MIN_WORDS}
                    onclick={on_action.reform(move |_: MouseEvent| Action::RemoveWord(index))}>{ "×" }</button>
            }
            <span id={reason_id} class="le-lock-reason">
                { lock_reason.map(|r| format!("Slider fixed: {r}.")).unwrap_or_default() }
            </span>
        </div>
    }
}
