//! The range inputs, which always show the value the model gives them.

use crate::format::slider_value;
use crate::model::KEY_STEP;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// What a probability (or smoothing) slider shows and where its moves go.
pub struct SliderProps {
    /// The accessible name.
    pub label: AttrValue,
    /// The value to show.
    pub value: f64,
    /// The bottom of the range.
    pub min: f64,
    /// The top of the range.
    pub max: f64,
    /// How a screen reader reads the value, e.g. `40.0%`.
    pub valuetext: AttrValue,
    /// Whether it is fixed.
    pub disabled: bool,
    /// The id of what explains it (e.g. why it is fixed).
    pub describedby: Option<AttrValue>,
    /// Where a dragged value goes.
    pub on_input: Callback<f64>,
    /// Keys the slider handles itself, instead of the browser's own step (which for
    /// `step="any"` is not the contract's 0.01).
    pub on_key: Option<Callback<KeyboardEvent>>,
}

/// What a key does to a probability slider: arrows move it by 0.01, Page Up and Page Down by
/// 0.1, Home and End take it to 0 and 1.
pub enum KeyMove {
    /// Move by this much.
    By(f64),
    /// Go to this value.
    To(f64),
}

/// The move for `key`, if a probability slider handles that key.
pub fn key_move(key: &str) -> Option<KeyMove> {
    Some(match key {
        "ArrowUp" | "ArrowRight" => KeyMove::By(KEY_STEP),
        "ArrowDown" | "ArrowLeft" => KeyMove::By(-KEY_STEP),
        "PageUp" => KeyMove::By(10.0 * KEY_STEP),
        "PageDown" => KeyMove::By(-10.0 * KEY_STEP),
        "Home" => KeyMove::To(0.0),
        "End" => KeyMove::To(1.0),
        _ => return None,
    })
}

/// The keys of [`key_move`] on a slider over `[min, max]` showing `value`: the moves scaled
/// to the range (an arrow is a hundredth of it), and the value they lead to sent to
/// `on_input`.
pub fn range_keys(
    value: f64,
    min: f64,
    max: f64,
    on_input: Callback<f64>,
) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let span = max - min;
        let to = match key_move(&e.key()) {
            Some(KeyMove::By(d)) => value.max(min) + d * span,
            Some(KeyMove::To(f)) => min + f * span,
            None => return,
        };
        e.prevent_default();
        on_input.emit(crate::num::clamp(to, min, max));
    })
}

/// `<input type="range" step="any">`, carrying the model's value in `data-v` too. A range
/// input keeps the value the learner dragged it to even when the model refused or clamped it
/// (a lock, no room left), and Yew only writes values that changed in its own tree: after
/// every render [`put_back`] sets each input to its `data-v`. A function, not a component:
/// one effect for all sliders costs less than a component type.
pub fn slider(props: SliderProps) -> Html {
    let value = slider_value(props.value);
    let oninput = props.on_input.reform(|e: InputEvent| {
        e.target_unchecked_into::<HtmlInputElement>()
            .value_as_number()
    });
    html! {
        <input type="range" min={slider_value(props.min)} max={slider_value(props.max)} step="any" class="le-slider"
            value={value.clone()} data-v={value}
            aria-label={props.label} aria-valuetext={props.valuetext}
            aria-describedby={props.describedby} disabled={props.disabled}
            {oninput} onkeydown={props.on_key} />
    }
}

/// Puts every slider under `root` back where the model says (its `data-v`).
pub fn put_back(root: &web_sys::Element) {
    let Ok(inputs) = root.query_selector_all("input.le-slider") else {
        return;
    };
    for i in 0..inputs.length() {
        let Some(input) = inputs
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
        else {
            continue;
        };
        // Strings, not numbers: parsing a float here would pull in Rust's float parser;
        // setting a value that reads the same is harmless.
        if let Some(v) = input
            .get_attribute("data-v")
            .filter(|v| *v != input.value())
        {
            input.set_value(&v);
        }
    }
}
