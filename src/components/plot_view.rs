//! The main canvas: the −log p curve with marker and tangent, the bars with gradient arrows,
//! and the value under the pointer when hovering or touching the curve.

use super::canvas_kit::{palette, prepare, use_redraw_signal, warn, FrameScheduler};
use crate::format::{fixed3, plot_description, short_label};
use crate::geometry;
use crate::model::{GradientView, Model};
use crate::plot::{self, CurveFrame, Palette, Scene};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, PointerEvent};
use yew::prelude::*;

/// Props for [`PlotView`].
#[derive(Properties, PartialEq)]
pub struct PlotViewProps {
    /// The state to draw.
    pub model: Rc<Model>,
}

fn scene(m: &Model, curve: Rc<Vec<(f64, f64)>>) -> Scene {
    let units = m.units();
    Scene {
        labels: m.words().iter().map(|w| short_label(w)).collect(),
        probs: m.probs().probs().to_vec(),
        gradient: m.gradient(),
        correct: m.correct(),
        curve,
        y_max: geometry::y_max(units),
        marker: geometry::marker(m.p_correct(), m.one_hot_loss(), units),
        slope: m.slope(),
        y_caption: format!("−{} p ({})", units.log_symbol(), units.name()),
        logit_view: m.gradient_view() == GradientView::Logits,
    }
}

/// The offscreen canvas with the plot's static parts, and what it was drawn for.
struct StaticLayer {
    canvas: HtmlCanvasElement,
    palette: Palette,
    /// Size, unit, words and theme (the redraw signal) it was drawn for.
    key: (u32, u32, Vec<String>, String, u32),
}

/// The static layer for this frame: the cached one if nothing it shows has changed, else a
/// fresh one (the theme's colours are read again only then).
fn static_layer<'a>(
    cache: &'a std::cell::RefCell<Option<StaticLayer>>,
    canvas: &HtmlCanvasElement,
    scene: &Scene,
    redraw: u32,
    scale: f64,
) -> Option<std::cell::Ref<'a, StaticLayer>> {
    let key = (
        canvas.width(),
        canvas.height(),
        scene.labels.clone(),
        scene.y_caption.clone(),
        redraw,
    );
    let fresh = cache.borrow().as_ref().is_some_and(|l| l.key == key);
    if !fresh {
        let layer: HtmlCanvasElement = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?
            .dyn_into()
            .ok()?;
        layer.set_width(key.0);
        layer.set_height(key.1);
        let palette = palette(canvas);
        if let Err(e) = plot::draw_static(layer.clone(), scene, &palette, scale) {
            warn("the plot's axes", &e);
        }
        *cache.borrow_mut() = Some(StaticLayer {
            canvas: layer,
            palette,
            key,
        });
    }
    std::cell::Ref::filter_map(cache.borrow(), Option::as_ref).ok()
}

/// The `<canvas role="img">` with the curve, marker, tangent, bars and arrows.
#[function_component]
pub fn PlotView(props: &PlotViewProps) -> Html {
    let canvas_ref = use_node_ref();
    let redraw = use_redraw_signal(canvas_ref.clone());
    let frame = use_mut_ref(|| Cell::new(CurveFrame::default()));
    let hover = use_state(|| None::<f64>);

    // The curve never changes for a unit, so it is sampled once per unit, not per frame.
    let curve = use_memo(props.model.units(), |&units| geometry::curve(units));
    let scheduler = use_memo((), |_| FrameScheduler::default());
    let layers = use_mut_ref(|| None::<StaticLayer>);
    let scene = scene(&props.model, curve);
    {
        let (canvas_ref, frame, layers) = (canvas_ref.clone(), frame.clone(), layers.clone());
        use_effect_with((scene, redraw), move |(scene, redraw)| {
            let (scene, redraw) = (scene.clone(), *redraw);
            scheduler.schedule(move || {
                let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                    return;
                };
                let Some(scale) = prepare(&canvas) else {
                    return;
                };
                let Some(layer) = static_layer(&layers, &canvas, &scene, redraw, scale) else {
                    return;
                };
                match plot::draw(canvas.clone(), &layer.canvas, &scene, &layer.palette, scale) {
                    // The frame is in canvas pixels; pointer events come in CSS pixels.
                    Ok(f) => frame.borrow().set(CurveFrame {
                        x0: f.x0 / scale,
                        x1: f.x1 / scale,
                        bottom: f.bottom / scale,
                    }),
                    Err(e) => warn("the plot", &e),
                }
            });
        });
    }

    let onpointermove = {
        let (frame, hover) = (frame.clone(), hover.clone());
        Callback::from(move |e: PointerEvent| {
            let f = frame.borrow().get();
            let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
            let p = (x - f.x0) / (f.x1 - f.x0);
            hover.set(
                (f.x1 > f.x0 && y <= f.bottom && (0.0..=1.0).contains(&p) && p > 0.0).then_some(p),
            );
        })
    };
    let onpointerleave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };
    let units = props.model.units();
    let readout = match *hover {
        Some(p) => format!(
            "At p = {}: −{} p = {} {}",
            fixed3(p),
            units.log_symbol(),
            fixed3(units.from_nats(0.0 - p.ln())),
            units.name()
        ),
        None => "Point at the curve (or touch it) to read −log p at any p.".into(),
    };

    html! {
        <div class="le-plot">
            <canvas class="le-curve" ref={canvas_ref} role="img" aria-label={plot_description(&props.model)}
                {onpointermove} {onpointerleave}></canvas>
            <p class="le-hover" aria-hidden="true">{ readout }</p>
        </div>
    }
}
