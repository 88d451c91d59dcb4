//! The canvas: sized to its container at the device pixel ratio, redrawn on every change.

use crate::format::{plot_description, short_label};
use crate::geometry;
use crate::model::Model;
use crate::plot::{self, Palette, Scene};
use crate::theme::parse_css_rgb;
use plotters::style::RGBColor;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, ResizeObserver};
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

/// The theme's colours, read from the hidden swatches the stylesheet colours; the light
/// palette fills in for any the browser does not report as `rgb(…)`.
fn palette(swatches: Option<Element>) -> Palette {
    let mut p = Palette::LIGHT;
    let (Some(swatches), Some(window)) = (swatches, web_sys::window()) else {
        return p;
    };
    let read = |class: &str| -> Option<RGBColor> {
        let el = swatches
            .query_selector(&format!(".le-swatch-{class}"))
            .ok()??;
        let color = window
            .get_computed_style(&el)
            .ok()??
            .get_property_value("color")
            .ok()?;
        let (r, g, b) = parse_css_rgb(&color)?;
        Some(RGBColor(r, g, b))
    };
    for (slot, class) in [
        (&mut p.background, "bg"),
        (&mut p.ink, "fg"),
        (&mut p.grid, "grid"),
        (&mut p.accent, "accent"),
        (&mut p.bar, "bar"),
        (&mut p.push, "push"),
    ] {
        if let Some(c) = read(class) {
            *slot = c;
        }
    }
    p
}

/// Sets the canvas's backing store to its CSS size times the device pixel ratio, then draws.
fn redraw(canvas: &HtmlCanvasElement, swatches: Option<Element>, scene: &Scene) {
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
    if let Err(e) = plot::draw(canvas.clone(), scene, &palette(swatches), scale) {
        web_sys::console::warn_1(&format!("Loss Explorer could not draw the plot: {e}").into());
    }
}

/// The `<canvas role="img">` with the curve, marker, tangent, bars and arrows.
#[function_component]
pub fn PlotView(props: &PlotViewProps) -> Html {
    let canvas_ref = use_node_ref();
    let swatches_ref = use_node_ref();
    let resized = use_state(|| 0u32);

    {
        let canvas_ref = canvas_ref.clone();
        let swatches_ref = swatches_ref.clone();
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
            // A theme change (system dark mode, a host's data-theme or colour variables)
            // changes no size; the swatches' colour transition reports it instead.
            let swatches = swatches_ref.cast::<Element>();
            if let Some(s) = &swatches {
                let _ = s.add_event_listener_with_callback(
                    "transitionend",
                    on_resize.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                if let Some(s) = swatches {
                    let _ = s.remove_event_listener_with_callback(
                        "transitionend",
                        on_resize.as_ref().unchecked_ref(),
                    );
                }
                drop(on_resize);
            }
        });
    }

    let scene = scene(&props.model);
    {
        let canvas_ref = canvas_ref.clone();
        let swatches_ref = swatches_ref.clone();
        use_effect_with((scene, *resized), move |(scene, _)| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                redraw(&canvas, swatches_ref.cast::<Element>(), scene);
            }
        });
    }

    html! {
        <div class="le-plot">
            <canvas ref={canvas_ref} role="img" aria-label={plot_description(&props.model)}></canvas>
            <div class="le-swatches" aria-hidden="true" ref={swatches_ref}>
                { for ["bg", "fg", "grid", "accent", "bar", "push"].iter().map(|c| html! {
                    <span class={format!("le-swatch-{c}")}></span>
                }) }
            </div>
        </div>
    }
}
