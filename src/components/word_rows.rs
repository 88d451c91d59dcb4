//! The words: the "Correct word" radio group, and per word its name box, slider, share,
//! lock and remove button, plus "Add word".

use super::ids::unique;
use crate::format::{percent, slider_value};
use crate::loss::{MAX_WORDS, MIN_WORDS};
use crate::model::{Action, Model, KEY_STEP};
use std::rc::Rc;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Props for [`WordRows`].
#[derive(Properties, PartialEq)]
pub struct WordRowsProps {
    /// The state to show.
    pub model: Rc<Model>,
    /// Where the rows send what the learner does.
    pub on_action: Callback<Action>,
}

/// The correct-word chooser and one row per word.
#[function_component]
pub fn WordRows(props: &WordRowsProps) -> Html {
    // One prefix per widget, so several widgets on a page keep separate groups and ids.
    let id = use_memo((), |_| unique("le-words"));
    let m = &props.model;
    let k = m.words().len();
    html! {
        <>
            <fieldset class="le-choice">
                <legend>{ "Correct word" }</legend>
                { for m.words().iter().enumerate().map(|(i, word)| {
                    let onchange = props.on_action.reform(move |_: Event| Action::SetCorrect(i));
                    let on = i == m.correct();
                    html! {
                        <label class={classes!("le-chip", on.then_some("le-chip-on"))}>
                            <input type="radio" name={format!("{id}-correct")} checked={on} {onchange} />
                            { word }
                        </label>
                    }
                }) }
            </fieldset>
            <div class="le-rows">
                { for (0..k).map(|i| row(m, i, &id, &props.on_action)) }
            </div>
            <div class="le-row-actions">
                <button type="button" class="le-secondary" disabled={k >= MAX_WORDS}
                    onclick={props.on_action.reform(|_: MouseEvent| Action::AddWord)}>{ "Add word" }</button>
                if k >= MAX_WORDS { <span class="le-hint">{ format!("At most {MAX_WORDS} words.") }</span> }
                if k <= MIN_WORDS { <span class="le-hint">{ format!("At least {MIN_WORDS} words.") }</span> }
            </div>
        </>
    }
}

fn row(m: &Model, index: usize, id: &str, on_action: &Callback<Action>) -> Html {
    let word = &m.words()[index];
    let p = m.probs().probs()[index];
    let correct = index == m.correct();
    let locked = m.is_locked(index);
    let lock_reason = m.lock_reason(index);
    let error = m.word_error(index);
    let error_id = format!("{id}-name-error-{index}");
    let reason_id = format!("{id}-lock-reason-{index}");

    let oninput = on_action.reform(move |e: InputEvent| {
        let value = e
            .target_unchecked_into::<HtmlInputElement>()
            .value_as_number();
        Action::SetProb { index, value }
    });
    let onkeydown = {
        let on_action = on_action.clone();
        move |e: KeyboardEvent| {
            let action = match e.key().as_str() {
                "ArrowUp" | "ArrowRight" => Action::Nudge {
                    index,
                    delta: KEY_STEP,
                },
                "ArrowDown" | "ArrowLeft" => Action::Nudge {
                    index,
                    delta: -KEY_STEP,
                },
                "PageUp" => Action::Nudge {
                    index,
                    delta: 10.0 * KEY_STEP,
                },
                "PageDown" => Action::Nudge {
                    index,
                    delta: -10.0 * KEY_STEP,
                },
                "Home" => Action::SetProb { index, value: 0.0 },
                "End" => Action::SetProb { index, value: 1.0 },
                _ => return,
            };
            // The browser's own step for step="any" is not the contract's 0.01.
            e.prevent_default();
            on_action.emit(action);
        }
    };
    let on_rename = on_action.reform(move |e: InputEvent| Action::RenameWord {
        index,
        text: e.target_unchecked_into::<HtmlInputElement>().value(),
    });
    let on_lock = on_action.reform(move |_: Event| Action::ToggleLock(index));
    let on_remove = on_action.reform(move |_: MouseEvent| Action::RemoveWord(index));
    let can_remove = m.words().len() > MIN_WORDS;

    html! {
        <div class={classes!("le-row", correct.then_some("le-row-correct"), locked.then_some("le-row-locked"))}>
            <div class="le-name">
                <input
                    type="text" class="le-name-input" maxlength="64" spellcheck="false"
                    aria-label={format!("Word {}", index + 1)}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby={error_id.clone()}
                    value={m.word_text(index).to_string()}
                    oninput={on_rename}
                />
                if correct { <span class="le-badge">{ "✓ correct" }</span> }
                <span id={error_id} class="le-field-error">
                    { error.map(|reason| format!("Name not used: {reason}.")).unwrap_or_default() }
                </span>
            </div>
            <input
                type="range" min="0" max="1" step="any"
                class="le-slider"
                aria-label={word.clone()}
                aria-valuetext={percent(p)}
                aria-describedby={reason_id.clone()}
                value={slider_value(p)}
                disabled={lock_reason.is_some()}
                {oninput}
                {onkeydown}
            />
            <span class="le-percent" aria-hidden="true">{ percent(p) }</span>
            <label class="le-lock" title={format!("Lock {word}")}>
                <input type="checkbox" checked={locked} aria-label={format!("Lock {word}")} onchange={on_lock} />
                <span aria-hidden="true">{ "lock" }</span>
            </label>
            <button type="button" class="le-icon le-secondary" aria-label={format!("Remove {word}")}
                disabled={!can_remove} onclick={on_remove}>{ "×" }</button>
            <span id={reason_id} class="le-lock-reason">
                { lock_reason.map(|r| format!("Slider fixed: {r}.")).unwrap_or_default() }
            </span>
        </div>
    }
}
