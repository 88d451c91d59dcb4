//! The canvas: sized to its container at the device pixel ratio, redrawn on every change.

use crate::format::{plot_description, short_label};
use crate::geometry;
use crate::model::Model;
use crate::plot::{self, Palette, Scene};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, ResizeObserver};
use yew::prelude::*;

/// Props for [`PlotView`].
#[derive(Properties, PartialEq)]
pub struct PlotViewProps {
    /// The state to draw.
    pub model: Rc<Model>,
}

fn scene(m: &Model) -> Scene {
    let units = m.units();
    Scene {
        labels: m.words().iter().map(|w| short_label(w)).collect(),
        probs: m.probs().probs().to_vec(),
        gradient: m.gradient(),
        correct: m.correct(),
        curve: geometry::curve(units),
        y_max: geometry::y_max(units),
        marker: geometry::marker(m.p_correct(), m.one_hot_loss(), units),
        slope: m.slope(),
        y_caption: format!("−{} p ({})", units.log_symbol(), units.name()),
    }
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|q| q.matches())
}

/// Sets the canvas's backing store to its CSS size times the device pixel ratio, then draws.
fn redraw(canvas: &HtmlCanvasElement, scene: &Scene) {
    let scale = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let (w, h) = (canvas.client_width(), canvas.client_height());
    if w <= 0 || h <= 0 {
        return; // Not laid out yet (display: none); the resize observer will call again.
    }
    let (pw, ph) = (
        (f64::from(w) * scale).round() as u32,
        (f64::from(h) * scale).round() as u32,
    );
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let palette = if prefers_dark() {
        Palette::DARK
    } else {
        Palette::LIGHT
    };
    if let Err(e) = plot::draw(canvas.clone(), scene, &palette, scale) {
        web_sys::console::warn_1(&format!("Loss Explorer could not draw the plot: {e}").into());
    }
}

/// The `<canvas role="img">` with the curve, marker, tangent, bars and arrows.
#[function_component]
pub fn PlotView(props: &PlotViewProps) -> Html {
    let canvas_ref = use_node_ref();
    let resized = use_state(|| 0u32);

    {
        let canvas_ref = canvas_ref.clone();
        let resized = resized.clone();
        use_effect_with((), move |_| {
            // The handle's value is frozen at this render, so the count lives beside it.
            let count = std::cell::Cell::new(0u32);
            let on_resize = Closure::<dyn FnMut()>::new(move || {
                count.set(count.get().wrapping_add(1));
                resized.set(count.get());
            });
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(c)) = (&observer, canvas_ref.cast::<HtmlCanvasElement>()) {
                o.observe(&c);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(on_resize);
            }
        });
    }

    let scene = scene(&props.model);
    {
        let canvas_ref = canvas_ref.clone();
        use_effect_with((scene, *resized), move |(scene, _)| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                redraw(&canvas, scene);
            }
        });
    }

    html! {
        <div class="le-plot">
            <canvas ref={canvas_ref} role="img" aria-label={plot_description(&props.model)}></canvas>
        </div>
    }
}
