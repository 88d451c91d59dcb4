//! A range input that owns its DOM node and always shows the value it is given.

use crate::format::slider_value;
use crate::model::KEY_STEP;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Props for [`Slider`].
#[derive(Properties, PartialEq)]
pub struct SliderProps {
    /// The accessible name.
    pub label: AttrValue,
    /// The value to show.
    pub value: f64,
    /// The top of the range (the bottom is 0).
    #[prop_or(1.0)]
    pub max: f64,
    /// How a screen reader reads the value, e.g. `40.0%`.
    pub valuetext: AttrValue,
    /// Whether it is fixed.
    #[prop_or_default]
    pub disabled: bool,
    /// The id of what explains it (e.g. why it is fixed).
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    /// Where a dragged value goes.
    pub on_input: Callback<f64>,
    /// Keys the slider handles itself, instead of the browser's own step (which for
    /// `step="any"` is not the contract's 0.01).
    #[prop_or_default]
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

/// `<input type="range" step="any">`. A range input keeps the value the learner dragged it to
/// even when the model refused or clamped it (a lock, no room left), and Yew only writes
/// values that changed in its own tree, so after every render and every drag the input is
/// put back where `value` says.
#[function_component]
pub fn Slider(props: &SliderProps) -> Html {
    let node = use_node_ref();
    // A drag the model ignored changes no props; this render is what puts the input back.
    let redraw = use_force_update();
    {
        let (node, value) = (node.clone(), props.value);
        use_effect(move || {
            if let Some(input) = node.cast::<HtmlInputElement>() {
                if input.value_as_number() != value {
                    input.set_value(&slider_value(value));
                }
            }
        });
    }
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            on_input.emit(
                e.target_unchecked_into::<HtmlInputElement>()
                    .value_as_number(),
            );
            redraw.force_update();
        })
    };
    let onkeydown = props.on_key.clone();
    html! {
        <input ref={node} type="range" min="0" max={slider_value(props.max)} step="any" class="le-slider"
            aria-label={props.label.clone()} aria-valuetext={props.valuetext.clone()}
            aria-describedby={props.describedby.clone()} disabled={props.disabled}
            {oninput} {onkeydown} />
    }
}
