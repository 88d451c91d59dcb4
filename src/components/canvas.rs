//! A plot on a `<canvas role="img">`: a backing store at the device pixel ratio, the theme's
//! colours read from the canvas's own style, at most one drawing per animation frame, and a
//! redraw whenever the scene, the size or the theme changes.

use crate::format::readout;
use crate::frame::FrameScheduler;
use crate::plot::{self, CompareScene, HistoryScene, MainScene, Palette, SentenceScene};
use crate::theme::parse_css_rgb;
use plotters::style::RGBColor;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{
    HtmlCanvasElement, IntersectionObserver, IntersectionObserverEntry, PointerEvent,
    ResizeObserver, ResizeObserverEntry,
};
use yew::prelude::*;

/// What a canvas shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Scene {
    /// The `−log p` curve and the bars.
    Main(Rc<MainScene>),
    /// The loss history.
    History(Rc<HistoryScene>),
    /// The sentence's token losses and running product.
    Sentence(Rc<SentenceScene>),
    /// Two models on one curve.
    Compare(Rc<CompareScene>),
}

/// Props for [`PlotCanvas`].
#[derive(Properties, PartialEq)]
pub struct PlotCanvasProps {
    /// What to draw.
    pub scene: Scene,
    /// The canvas's accessible name (its `aria-label`).
    pub label: AttrValue,
    /// The canvas's class, which sets its size.
    pub class: &'static str,
    /// Changes whenever the theme does, so the plot is redrawn in its colours.
    pub theme: u32,
    /// The canvas element, for whoever needs it besides (the PNG download); the one given at
    /// mount is kept.
    #[prop_or_default]
    pub node: NodeRef,
}

/// The theme's colours as the stylesheet gives them to the canvas: its `color`, its
/// `background-color`, its four border colours, its column rule's and its text decoration's
/// (see `loss-explorer.css`). The light palette
/// fills in for any the browser does not report as `rgb(…)`.
fn palette(canvas: &HtmlCanvasElement) -> Palette {
    let mut p = Palette::LIGHT;
    let Some(style) = web_sys::window().and_then(|w| w.get_computed_style(canvas).ok().flatten())
    else {
        return p;
    };
    for (slot, property) in [
        (&mut p.background, "background-color"),
        (&mut p.ink, "color"),
        (&mut p.grid, "border-top-color"),
        (&mut p.accent, "border-right-color"),
        (&mut p.bar, "border-bottom-color"),
        (&mut p.push, "border-left-color"),
        (&mut p.slope, "column-rule-color"),
        (&mut p.second, "text-decoration-color"),
    ] {
        let value = style.get_property_value(property).unwrap_or_default();
        if let Some((r, g, b)) = parse_css_rgb(&value) {
            *slot = RGBColor(r, g, b);
        }
    }
    p
}

/// The largest side of a canvas's backing store, in device pixels.
const MAX_BACKING_PX: f64 = 4096.0;

/// Sets the canvas's backing store to its CSS size (as the resize observer last reported it,
/// so drawing never forces a layout) times the device pixel ratio, and returns that ratio;
/// `None` while the canvas has no size yet (the resize signal will come).
fn prepare(canvas: &HtmlCanvasElement, (w, h): (f64, f64)) -> Option<f64> {
    let scale = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    if w <= 0.0 || h <= 0.0 {
        return None;
    }
    // Capped: a canvas whose stylesheet failed to load is as tall as its backing store, which
    // would otherwise double at every resize on a HiDPI screen until the tab runs out of memory.
    let pixels = |css: f64| (css * scale).round().min(MAX_BACKING_PX) as u32;
    let (pw, ph) = (pixels(w), pixels(h));
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    Some(scale)
}

/// Reports a drawing failure without disturbing the page.
fn warn(e: &dyn std::fmt::Display) {
    web_sys::console::warn_1(&format!("Loss Explorer could not draw a plot: {e}").into());
}

/// A value the observers' callbacks write and the drawing reads.
type Shared<T> = Rc<Cell<T>>;

/// The canvas's CSS size, as its resize observer reports it, whether any of it is in the
/// viewport, and a number that changes whenever either does (a redraw dependency). A plot
/// off screen is not drawn (a drag above it would redraw it every frame for nobody); it is
/// drawn as it comes into view.
#[hook]
fn use_size(node: NodeRef) -> (u32, Shared<(f64, f64)>, Shared<bool>) {
    let signal = use_state(|| 0u32);
    let size = use_memo((), |_| Cell::new((0.0, 0.0)));
    let visible = use_memo((), |_| Cell::new(false));
    {
        let (signal, size, visible) = (signal.clone(), size.clone(), visible.clone());
        use_effect_with((), move |_| {
            // The handle's value is frozen at this render, so the count lives beside it.
            let count = Rc::new(Cell::new(0u32));
            let bump = move || {
                count.set(count.get().wrapping_add(1));
                signal.set(count.get());
            };
            let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new({
                let bump = bump.clone();
                move |entries: js_sys::Array| {
                    if let Ok(entry) = entries.get(0).dyn_into::<ResizeObserverEntry>() {
                        let rect = entry.content_rect();
                        size.set((rect.width(), rect.height()));
                    }
                    bump();
                }
            });
            let on_view =
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    if let Ok(entry) = entries
                        .get(entries.length().saturating_sub(1))
                        .dyn_into::<IntersectionObserverEntry>()
                    {
                        visible.set(entry.is_intersecting());
                    }
                    bump();
                });
            let resizes = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            let views = IntersectionObserver::new(on_view.as_ref().unchecked_ref()).ok();
            if let Some(c) = node.cast::<HtmlCanvasElement>() {
                resizes.iter().for_each(|o| o.observe(&c));
                views.iter().for_each(|o| o.observe(&c));
            }
            move || {
                resizes.iter().for_each(ResizeObserver::disconnect);
                views.iter().for_each(IntersectionObserver::disconnect);
                drop((on_resize, on_view));
            }
        });
    }
    (*signal, size, visible)
}

/// The main plot's axes, labels and curve, drawn once into an offscreen canvas and copied
/// under every frame, and what they were drawn for.
struct StaticLayer {
    canvas: HtmlCanvasElement,
    palette: Palette,
    /// Canvas size, bar labels, axis caption and theme it was drawn for.
    key: (u32, u32, Vec<String>, String, u32),
}

/// The static layer for this frame: the cached one if nothing it shows has changed, else a
/// fresh one (the theme's colours are read again only then).
fn static_layer(
    cache: &RefCell<Option<StaticLayer>>,
    canvas: &HtmlCanvasElement,
    scene: &MainScene,
    theme: u32,
    scale: f64,
) -> Option<()> {
    let key = (
        canvas.width(),
        canvas.height(),
        scene.labels.clone(),
        scene.y_caption.clone(),
        theme,
    );
    if cache.borrow().as_ref().is_some_and(|l| l.key == key) {
        return Some(());
    }
    let layer: HtmlCanvasElement = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    layer.set_width(key.0);
    layer.set_height(key.1);
    let palette = palette(canvas);
    if let Err(e) = plot::draw_main_static(&layer, scene, &palette, scale) {
        warn(&e);
    }
    *cache.borrow_mut() = Some(StaticLayer {
        canvas: layer,
        palette,
        key,
    });
    Some(())
}

fn draw(
    canvas: &HtmlCanvasElement,
    size: (f64, f64),
    scene: &Scene,
    theme: u32,
    cache: &RefCell<Option<StaticLayer>>,
) {
    let Some(scale) = prepare(canvas, size) else {
        return;
    };
    let drawn = match scene {
        Scene::Main(s) => {
            if static_layer(cache, canvas, s, theme, scale).is_none() {
                return;
            }
            let layer = cache.borrow();
            let Some(layer) = layer.as_ref() else {
                return;
            };
            plot::draw_main_moving(canvas, &layer.canvas, s, &layer.palette, scale)
        }
        Scene::History(s) => plot::draw_history(canvas, s, &palette(canvas), scale),
        Scene::Sentence(s) => plot::draw_sentence(canvas, s, &palette(canvas), scale),
        Scene::Compare(s) => plot::draw_compare(canvas, s, &palette(canvas), scale),
    };
    if let Err(e) = drawn {
        warn(&e);
    }
}

/// The `p` under a pointer at `offset_x` (CSS pixels) on the main plot's curve chart, if it
/// is over the chart.
fn p_under(
    canvas: &HtmlCanvasElement,
    scene: &MainScene,
    offset_x: f64,
    offset_y: f64,
) -> Option<f64> {
    let scale = f64::from(canvas.width()) / f64::from(canvas.client_width().max(1));
    let frame = plot::curve_frame(
        f64::from(canvas.width()),
        f64::from(canvas.height()),
        scale,
        scene.y_max,
    );
    let (x, y) = (offset_x * scale, offset_y * scale);
    let p = (x - frame.area.left) / frame.area.width();
    (y <= frame.area.bottom && p > 0.0 && p <= 1.0).then_some(p)
}

/// A canvas that draws `scene`; on the main plot, pointing at the curve reads `−log p`.
#[function_component]
pub fn PlotCanvas(props: &PlotCanvasProps) -> Html {
    // The element is reached through the reference it was mounted with: a parent that leaves
    // `node` out passes a fresh default one on every render, and a drawing scheduled with an
    // earlier one (unbound by then) would find no canvas and never draw.
    let node = (*use_memo((), {
        let node = props.node.clone();
        move |_| node
    }))
    .clone();
    let (resized, size, visible) = use_size(node.clone());
    let scheduler = use_memo((), |_| FrameScheduler::default());
    let cache = use_mut_ref(|| None::<StaticLayer>);
    let hover = use_state(|| None::<f64>);
    let drawn = use_mut_ref(|| false);
    {
        let node = node.clone();
        use_effect_with(
            (props.scene.clone(), props.theme, resized),
            move |(scene, theme, _)| {
                // A plot off screen still gets its first drawing (a full-page screenshot or a
                // print shows it); its redraws wait until it is in view. The main plot is
                // always drawn: it is the one Download PNG saves.
                if !visible.get() && !matches!(scene, Scene::Main(_)) && *drawn.borrow() {
                    return;
                }
                let (scene, theme) = (scene.clone(), *theme);
                scheduler.schedule(move || {
                    if let Some(canvas) = node.cast::<HtmlCanvasElement>() {
                        draw(&canvas, size.get(), &scene, theme, &cache);
                        *drawn.borrow_mut() = size.get().0 > 0.0;
                    }
                });
            },
        );
    }
    let Scene::Main(main) = &props.scene else {
        return html! {
            <canvas ref={node} class={props.class} role="img" aria-label={props.label.clone()}></canvas>
        };
    };
    let onpointermove = {
        let (node, hover, main) = (node.clone(), hover.clone(), main.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(canvas) = node.cast::<HtmlCanvasElement>() {
                let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
                hover.set(p_under(&canvas, &main, x, y));
            }
        })
    };
    let onpointerleave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };
    let units = main.units;
    // In an exercise, pointing at the curve would read the hidden answer off it.
    let readout = match *hover {
        Some(p) if !main.point_hidden => format!(
            "At p = {}: −{} p = {} {}",
            readout(p),
            units.log_symbol(),
            readout(units.neg_log(p)),
            units.name()
        ),
        _ => format!(
            "Point at the curve (or touch it) to read −{} p at any p.",
            units.log_symbol()
        ),
    };
    html! {
        <div class="le-plot">
            <canvas ref={node} class={props.class} role="img" aria-label={props.label.clone()}
                {onpointermove} {onpointerleave}></canvas>
            <p class="le-hover" aria-hidden="true">{ readout }</p>
        </div>
    }
}
