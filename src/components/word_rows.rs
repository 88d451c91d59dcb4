//! The words: the "Correct word" radio group and one probability slider per word.

use crate::format::percent;
use crate::model::{Action, KEY_STEP};
use std::rc::Rc;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Props for [`WordRows`].
#[derive(Properties, PartialEq)]
pub struct WordRowsProps {
    /// The words in display order.
    pub words: Rc<Vec<String>>,
    /// One probability per word.
    pub probs: Rc<Vec<f64>>,
    /// Index of the correct word.
    pub correct: usize,
    /// Where the rows send what the learner does.
    pub on_action: Callback<Action>,
}

/// The correct-word chooser and the sliders.
#[function_component]
pub fn WordRows(props: &WordRowsProps) -> Html {
    // One name per widget, so several widgets on a page keep separate radio groups.
    let group = use_memo((), |_| unique_name("le-correct"));
    html! {
        <>
            <fieldset class="le-choice">
                <legend>{ "Correct word" }</legend>
                { for props.words.iter().enumerate().map(|(i, word)| {
                    let onchange = props.on_action.reform(move |_: Event| Action::SetCorrect(i));
                    html! {
                        <label class={classes!("le-chip", (i == props.correct).then_some("le-chip-on"))}>
                            <input type="radio" name={(*group).clone()} checked={i == props.correct} {onchange} />
                            { word }
                        </label>
                    }
                }) }
            </fieldset>
            <div class="le-rows">
                { for props.words.iter().zip(props.probs.iter()).enumerate().map(|(i, (word, &p))| {
                    row(i, word, p, i == props.correct, &props.on_action)
                }) }
            </div>
        </>
    }
}

fn row(index: usize, word: &str, p: f64, correct: bool, on_action: &Callback<Action>) -> Html {
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
    html! {
        <div class={classes!("le-row", correct.then_some("le-row-correct"))}>
            <span class="le-word" title={word.to_string()}>
                { word }
                if correct { <span class="le-badge">{ "✓ correct" }</span> }
            </span>
            <input
                type="range" min="0" max="1" step="any"
                class="le-slider"
                aria-label={word.to_string()}
                aria-valuetext={percent(p)}
                value={p.to_string()}
                {oninput}
                {onkeydown}
            />
            <span class="le-percent" aria-hidden="true">{ percent(p) }</span>
        </div>
    }
}

fn unique_name(prefix: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
