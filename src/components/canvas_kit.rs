//! What every canvas of the widget shares: a backing store at the device pixel ratio, the
//! theme's colours, and a redraw signal for size and theme changes.

use crate::plot::Palette;
use crate::theme::parse_css_rgb;
use plotters::style::RGBColor;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, ResizeObserver};
use yew::prelude::*;

/// The widget's hidden colour swatches (see the stylesheet), found from any element inside it.
fn swatches(inside: &Element) -> Option<Element> {
    inside
        .closest(".loss-explorer")
        .ok()??
        .query_selector(".le-swatches")
        .ok()?
}

/// The theme's colours, read from the swatches; the light palette fills in for any the
/// browser does not report as `rgb(…)`.
pub fn palette(canvas: &HtmlCanvasElement) -> Palette {
    let mut p = Palette::LIGHT;
    let (Some(swatches), Some(window)) = (swatches(canvas), web_sys::window()) else {
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

/// Sets the canvas's backing store to its CSS size times the device pixel ratio and returns
/// that ratio; `None` while the canvas is not laid out (the resize signal will come).
pub fn prepare(canvas: &HtmlCanvasElement) -> Option<f64> {
    let scale = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let (w, h) = (canvas.client_width(), canvas.client_height());
    if w <= 0 || h <= 0 {
        return None;
    }
    let (pw, ph) = (
        (f64::from(w) * scale).round() as u32,
        (f64::from(h) * scale).round() as u32,
    );
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    Some(scale)
}

/// Reports a drawing failure without disturbing the page.
pub fn warn(what: &str, e: &dyn std::fmt::Display) {
    web_sys::console::warn_1(&format!("Loss Explorer could not draw {what}: {e}").into());
}

/// A number that changes whenever the canvas is resized or the theme's colours change (the
/// swatches' colour transition ends); use it as a redraw dependency.
#[hook]
pub fn use_redraw_signal(canvas_ref: NodeRef) -> u32 {
    let signal = use_state(|| 0u32);
    {
        let signal = signal.clone();
        use_effect_with((), move |_| {
            // The handle's value is frozen at this render, so the count lives beside it.
            let count = std::cell::Cell::new(0u32);
            let on_change = Closure::<dyn FnMut()>::new(move || {
                count.set(count.get().wrapping_add(1));
                signal.set(count.get());
            });
            let callback: &js_sys::Function = on_change.as_ref().unchecked_ref();
            let canvas = canvas_ref.cast::<HtmlCanvasElement>();
            let observer = ResizeObserver::new(callback).ok();
            if let (Some(o), Some(c)) = (&observer, &canvas) {
                o.observe(c);
            }
            let theme = canvas.as_ref().and_then(|c| swatches(c));
            if let Some(s) = &theme {
                let _ = s.add_event_listener_with_callback("transitionend", callback);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                if let Some(s) = theme {
                    let _ = s.remove_event_listener_with_callback(
                        "transitionend",
                        on_change.as_ref().unchecked_ref(),
                    );
                }
                drop(on_change);
            }
        });
    }
    *signal
}

/// Runs at most one drawing per animation frame: a new request replaces the one still
/// waiting, so a burst of input events costs one redraw, done just before the paint.
#[derive(Default)]
pub struct FrameScheduler {
    pending: std::cell::RefCell<Option<PendingFrame>>,
}

/// A requested animation frame: its id, and the callback it will run.
type PendingFrame = (i32, Closure<dyn FnMut()>);

impl FrameScheduler {
    /// Draws with `draw` in the next animation frame, instead of any drawing still waiting.
    pub fn schedule(&self, draw: impl FnOnce() + 'static) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some((id, _)) = self.pending.borrow_mut().take() {
            let _ = window.cancel_animation_frame(id);
        }
        let mut draw = Some(draw);
        // The closure stays in `pending` after it runs (it cannot drop itself while running);
        // the next schedule() or the unmount drops it.
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(d) = draw.take() {
                d();
            }
        });
        if let Ok(id) = window.request_animation_frame(callback.as_ref().unchecked_ref()) {
            *self.pending.borrow_mut() = Some((id, callback));
        }
    }
}

impl Drop for FrameScheduler {
    fn drop(&mut self) {
        if let (Some((id, _)), Some(window)) = (self.pending.get_mut().take(), web_sys::window()) {
            let _ = window.cancel_animation_frame(id);
        }
    }
}
