//! Draws the widget's plots on canvases. The only file that uses plotters.
//!
//! Every chart is a [`Frame`] from `geometry` and a straight line of plotters drawing calls on
//! the canvas backend: no chart contexts, so the three plots share one small set of helpers.

use crate::geometry::{self, Frame, Marker, Rect, LABEL_PX};
use crate::loss::Units;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{
    Color, FontDesc, FontFamily, FontStyle, FontTransform, RGBColor, ShapeStyle, TextStyle,
};
use plotters_backend::DrawingErrorKind;
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// What every drawing function returns.
pub type DrawResult<T> = Result<T, DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>>;

/// Colours of one theme, as the stylesheet gives them to the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Canvas background.
    pub background: RGBColor,
    /// Text, axes and the curve.
    pub ink: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// The correct word: marker and its bar.
    pub accent: RGBColor,
    /// Other words' bars.
    pub bar: RGBColor,
    /// The gradient arrows (−g).
    pub push: RGBColor,
    /// The tangent and its slope.
    pub slope: RGBColor,
    /// A second series: float32's product beside the exact one.
    pub second: RGBColor,
}

impl Palette {
    /// Dark text on white: the fallback when the stylesheet's colours cannot be read.
    pub const LIGHT: Palette = Palette {
        background: RGBColor(255, 255, 255),
        ink: RGBColor(31, 41, 55),
        grid: RGBColor(229, 231, 235),
        accent: RGBColor(4, 120, 87),
        bar: RGBColor(148, 163, 184),
        push: RGBColor(194, 65, 12),
        slope: RGBColor(109, 40, 217),
        second: RGBColor(29, 78, 216),
    };
}

/// Everything the main plot shows, already computed from the model.
#[derive(Clone, Debug, PartialEq)]
pub struct MainScene {
    /// Short labels for the bars.
    pub labels: Vec<String>,
    /// One probability per word.
    pub probs: Vec<f64>,
    /// The logit gradient `p − y`; arrows show `−g`.
    pub gradient: Vec<f64>,
    /// Index of the correct word.
    pub correct: usize,
    /// The curve's samples, `(p, −log p)`, shared between frames.
    pub curve: Rc<Vec<(f64, f64)>>,
    /// The top of the loss axis.
    pub y_max: f64,
    /// The correct word's point on the curve.
    pub marker: Marker,
    /// `dL/dp_c` at the marker.
    pub slope: f64,
    /// The slope as it is written beside the tangent, e.g. `slope −2.500`.
    pub slope_label: String,
    /// The loss axis's caption, e.g. `−ln p (nats)`.
    pub y_caption: String,
    /// The unit of the loss axis.
    pub units: Units,
    /// An exercise before its answer is checked: no marker, no tangent (their height is
    /// the loss).
    pub point_hidden: bool,
    /// Logit view: an arrow per bar. Probability view: no arrows, a bold tangent and its
    /// slope written beside it.
    pub logit_view: bool,
}

/// Everything the two models' plot shows: both points on one `−log p` curve.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareScene {
    /// The curve's samples, `(p, −log p)`.
    pub curve: Rc<Vec<(f64, f64)>>,
    /// The top of the loss axis.
    pub y_max: f64,
    /// Model A's and Model B's points.
    pub points: [Marker; 2],
    /// The gap between their losses as written beside it, e.g. `gap 0.811 nats`.
    pub gap_label: String,
    /// The loss axis's caption.
    pub y_caption: String,
}

/// Everything the loss history shows.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryScene {
    /// `(step, loss, p_correct)` per point, the loss in the chosen unit.
    pub points: Vec<(u32, f64, f64)>,
    /// The loss axis's caption, e.g. `loss (nats)`.
    pub y_caption: String,
}

/// Everything the sentence plot shows.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceScene {
    /// Short labels for the tokens' bars (empty when there are too many to label).
    pub labels: Vec<String>,
    /// `−log p_t` per token in the chosen unit; `∞` for a token at probability 0.
    pub losses: Vec<f64>,
    /// The token that is the widget's prediction, drawn in the accent colour.
    pub linked: Option<usize>,
    /// The average loss per position, drawn as a line across the bars.
    pub average: f64,
    /// The loss axis's caption, e.g. `−ln p_t (nats)`.
    pub y_caption: String,
    /// After each position: `log₁₀` of the exact running product, and of its float32 copy
    /// (`−∞` once that is 0).
    pub running: Vec<(f64, f64)>,
}

/// The curve chart's frame of the main plot for a canvas `width × height` at `scale`: what
/// hovering needs to turn a pointer position into a `p`.
pub fn curve_frame(width: f64, height: f64, scale: f64, y_max: f64) -> Frame {
    Frame {
        area: geometry::main_charts(width, height, scale).0,
        x: (0.0, 1.0),
        y: (0.0, y_max),
    }
}

fn bars_frame(width: f64, height: f64, scale: f64, k: usize) -> Frame {
    Frame {
        area: geometry::main_charts(width, height, scale).1,
        x: (0.0, k as f64),
        y: (0.0, 1.0),
    }
}

fn backend(canvas: &HtmlCanvasElement) -> Option<(CanvasBackend, f64, f64)> {
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    Some((CanvasBackend::with_canvas_object(canvas.clone())?, w, h))
}

fn text(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle {
        font: FontDesc::new(FontFamily::SansSerif, size, FontStyle::Normal),
        color: color.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

fn line(color: RGBColor, width: f64) -> ShapeStyle {
    color.stroke_width(width.round().max(1.0) as u32)
}

fn pixel((x, y): (f64, f64)) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// A chart's grid, axes, tick labels and axis captions. `x_ticks` and `y_ticks` are data
/// positions with their labels; `x_grid` draws vertical grid lines too.
fn axes(
    b: &mut CanvasBackend,
    f: &Frame,
    x_ticks: &[(f64, String)],
    y_ticks: &[(f64, String)],
    (x_caption, y_caption): (&str, &str),
    pal: &Palette,
    scale: f64,
) -> DrawResult<()> {
    let a = f.area;
    let thin = line(pal.grid, scale);
    let label = text(LABEL_PX * scale, pal.ink, HPos::Right, VPos::Center);
    for (y, name) in y_ticks {
        let py = f.px_y(*y).round() as i32;
        b.draw_line(
            (a.left.round() as i32, py),
            (a.right.round() as i32, py),
            &thin,
        )?;
        b.draw_text(name, &label, ((a.left - 6.0 * scale) as i32, py))?;
    }
    let label = text(LABEL_PX * scale, pal.ink, HPos::Center, VPos::Top);
    for (x, name) in x_ticks {
        let px = f.px_x(*x).round() as i32;
        b.draw_line(
            (px, a.bottom as i32),
            (px, (a.bottom + 4.0 * scale) as i32),
            &line(pal.ink, scale),
        )?;
        b.draw_text(name, &label, (px, (a.bottom + 6.0 * scale) as i32))?;
    }
    let ink = line(pal.ink, scale);
    let corner = pixel((a.left, a.bottom));
    b.draw_line(corner, pixel((a.right, a.bottom)), &ink)?;
    b.draw_line(corner, pixel((a.left, a.top)), &ink)?;
    let caption = 12.0 * scale;
    b.draw_text(
        x_caption,
        &text(caption, pal.ink, HPos::Center, VPos::Bottom),
        pixel(((a.left + a.right) / 2.0, a.bottom + 34.0 * scale)),
    )?;
    let mut rotated = text(caption, pal.ink, HPos::Center, VPos::Top);
    rotated.font = rotated.font.transform(FontTransform::Rotate270);
    b.draw_text(
        y_caption,
        &rotated,
        pixel((a.left - 48.0 * scale, (a.top + a.bottom) / 2.0)),
    )
}

/// One label under the middle of each bar's slot, cut to the slot's width: on a phone's
/// narrow plot whole words would run into each other.
fn slot_labels(labels: &[String], bars: &Frame, scale: f64) -> Vec<(f64, String)> {
    let slot = (bars.area.right - bars.area.left) / labels.len().max(1) as f64;
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let fitted = geometry::fit_label(l, slot - 4.0 * scale, LABEL_PX * scale);
            (i as f64 + 0.5, fitted)
        })
        .collect()
}

fn ticks(lo: f64, hi: f64, count: usize) -> Vec<(f64, String)> {
    let (t, decimals) = geometry::ticks(lo, hi, count);
    t.into_iter()
        .map(|v| (v, geometry::tick_label(v, decimals)))
        .collect()
}

/// The `−log p` curve's chart: axes over `p ∈ [0, 1]` and the loss, and the curve itself.
fn curve_chart(
    b: &mut CanvasBackend,
    f: &Frame,
    curve: &[(f64, f64)],
    y_caption: &str,
    pal: &Palette,
    scale: f64,
) -> DrawResult<()> {
    axes(
        b,
        f,
        &ticks(0.0, 1.0, 6),
        &ticks(f.y.0, f.y.1, 6),
        ("p of the correct word", y_caption),
        pal,
        scale,
    )?;
    b.draw_path(curve.iter().map(|&p| f.px(p)), &line(pal.ink, 2.0 * scale))
}

/// Paints what does not move with the sliders onto `layer`, an offscreen canvas the size of
/// the plot's: background, axes, labels, the curve and the mark where it leaves the chart.
/// [`draw_main_moving`] copies it under every frame.
pub fn draw_main_static(
    layer: &HtmlCanvasElement,
    scene: &MainScene,
    pal: &Palette,
    scale: f64,
) -> DrawResult<()> {
    let Some((mut b, w, h)) = backend(layer) else {
        return Ok(());
    };
    b.draw_rect((0, 0), (w as i32, h as i32), &pal.background, true)?;
    let curve = curve_frame(w, h, scale, scene.y_max);
    curve_chart(&mut b, &curve, &scene.curve, &scene.y_caption, pal, scale)?;
    // Where the curve leaves the chart at the top-left, it goes on to infinity.
    let exit = (curve.px_x(scene.curve[0].0), curve.area.top);
    let size = 6.0 * scale;
    b.fill_polygon(geometry::up_triangle(exit, size), &pal.ink)?;
    b.draw_text(
        "→ ∞ as p → 0",
        &text(LABEL_PX * scale, pal.ink, HPos::Left, VPos::Center),
        pixel((exit.0 + 2.0 * size, exit.1 + size / 2.0)),
    )?;
    let k = scene.probs.len();
    let bars = bars_frame(w, h, scale, k);
    let slot = (bars.area.right - bars.area.left) / k.max(1) as f64;
    let labels: Vec<(f64, String)> =
        geometry::unique_labels(&scene.labels, slot - 4.0 * scale, LABEL_PX * scale)
            .into_iter()
            .enumerate()
            .map(|(i, l)| (i as f64 + 0.5, l))
            .collect();
    axes(
        &mut b,
        &bars,
        &labels,
        &ticks(0.0, 1.0, 6),
        ("", "p; arrows: −gradient, to scale"),
        pal,
        scale,
    )
}

/// Draws one frame of the main plot: the static layer copied in, then what moves with the
/// sliders: the tangent (with its slope written beside it in the probability view), the
/// marker, the bars and the gradient arrows.
pub fn draw_main_moving(
    canvas: &HtmlCanvasElement,
    static_layer: &HtmlCanvasElement,
    scene: &MainScene,
    pal: &Palette,
    scale: f64,
) -> DrawResult<()> {
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
    let (Some(context), Some((mut b, w, h))) = (context, backend(canvas)) else {
        return Ok(());
    };
    let _ = context.draw_image_with_html_canvas_element(static_layer, 0.0, 0.0);

    let curve = curve_frame(w, h, scale, scene.y_max);
    let m = scene.marker;
    let (half, width) = if scene.logit_view {
        (38.0, 3.0)
    } else {
        (70.0, 5.0)
    };
    // Clipped to the chart: near p = 1 or high on the curve the tangent would leave it.
    let tangent = geometry::tangent(m, scene.slope, curve.scale(), half * scale)
        .filter(|_| !scene.point_hidden)
        .and_then(|[a, c]| geometry::clip_segment(a, c, (0.0, 1.0), (0.0, scene.y_max)));
    if let Some([a, c]) = tangent {
        let (a, c) = (
            (curve.px_x(a.0), curve.px_y(a.1)),
            (curve.px_x(c.0), curve.px_y(c.1)),
        );
        b.draw_line(pixel(a), pixel(c), &line(pal.slope, width * scale))?;
        if !scene.logit_view {
            let size = 13.0 * scale;
            let text_px = geometry::text_width(&scene.slope_label, size);
            let (at, end) = geometry::label_beside(a, c, text_px, 6.0 * scale, curve.area);
            let h = if end { HPos::Right } else { HPos::Left };
            b.draw_text(
                &scene.slope_label,
                &text(size, pal.slope, h, VPos::Center),
                pixel(at),
            )?;
        }
    }
    if !scene.point_hidden {
        point(&mut b, &curve, m, pal.accent, scale)?;
    }

    let bars = bars_frame(w, h, scale, scene.probs.len());
    // Narrow slots (a phone's plot) keep most of their width for the bar.
    let slot = (bars.area.right - bars.area.left) / scene.probs.len().max(1) as f64;
    let gap = (6.0 * scale).min(slot * 0.15);
    let head = 6.0 * scale;
    for (i, (&p, &g)) in scene.probs.iter().zip(&scene.gradient).enumerate() {
        let color = if i == scene.correct {
            pal.accent
        } else {
            pal.bar
        };
        let x = i as f64;
        b.draw_rect(
            pixel((bars.px_x(x) + gap, bars.px_y(p))),
            pixel((bars.px_x(x + 1.0) - gap, bars.px_y(0.0))),
            &color,
            true,
        )?;
        let arrow = geometry::arrow(p, g).filter(|_| scene.logit_view);
        if let Some((from, to)) = arrow {
            let center = bars.px_x(x + 0.5);
            let (from, to) = ((center, bars.px_y(from)), (center, bars.px_y(to)));
            b.draw_line(pixel(from), pixel(to), &line(pal.push, 3.0 * scale))?;
            b.fill_polygon(geometry::arrowhead(from, to, head), &pal.push)?;
        }
    }
    Ok(())
}

/// A point on a curve chart: a dot, or a triangle at the top when its loss is off the scale.
fn point(
    b: &mut CanvasBackend,
    f: &Frame,
    m: Marker,
    color: RGBColor,
    scale: f64,
) -> DrawResult<(f64, f64)> {
    let at = (f.px_x(m.x), f.px_y(m.y));
    let r = 6.0 * scale;
    if m.clipped {
        b.fill_polygon(geometry::up_triangle((at.0, at.1 - r / 2.0), r), &color)?;
    } else {
        b.draw_circle(pixel(at), r.round() as u32, &color, true)?;
    }
    Ok(at)
}

/// Two models on one `−log p` curve: A and B at their `p_c`, and the gap between their
/// losses drawn as a bracket at the lower one, level with the higher.
pub fn draw_compare(
    canvas: &HtmlCanvasElement,
    scene: &CompareScene,
    pal: &Palette,
    scale: f64,
) -> DrawResult<()> {
    let Some((mut b, w, h)) = backend(canvas) else {
        return Ok(());
    };
    b.draw_rect((0, 0), (w as i32, h as i32), &pal.background, true)?;
    let f = Frame {
        area: geometry::inset(Rect::sized(w, h), scale, 40.0, 10.0, 0.0),
        x: (0.0, 1.0),
        y: (0.0, scene.y_max),
    };
    curve_chart(&mut b, &f, &scene.curve, &scene.y_caption, pal, scale)?;
    let [a, c] = scene.points;
    let (low, high) = if a.y <= c.y { (a, c) } else { (c, a) };
    let x = f.px_x(low.x);
    let (top, bottom) = (f.px_y(high.y), f.px_y(low.y));
    let ink = line(pal.ink, 2.0 * scale);
    b.draw_line(
        pixel((f.px_x(high.x), top)),
        pixel((x, top)),
        &line(pal.grid, 2.0 * scale),
    )?;
    b.draw_line(pixel((x, top)), pixel((x, bottom)), &ink)?;
    let (label_h, dx) = if low.x > 0.5 {
        (HPos::Right, -8.0)
    } else {
        (HPos::Left, 8.0)
    };
    b.draw_text(
        &scene.gap_label,
        &text(13.0 * scale, pal.ink, label_h, VPos::Center),
        pixel((x + dx * scale, (top + bottom) / 2.0)),
    )?;
    for (m, name, color) in [(a, "A", pal.second), (c, "B", pal.push)] {
        let at = point(&mut b, &f, m, color, scale)?;
        b.draw_text(
            name,
            &text(15.0 * scale, color, HPos::Left, VPos::Bottom),
            pixel((at.0 + 8.0 * scale, at.1 - 4.0 * scale)),
        )?;
    }
    Ok(())
}

/// The loss history: the loss per step against the left axis, `p` of the correct word
/// against the right one, with a legend above.
pub fn draw_history(
    canvas: &HtmlCanvasElement,
    scene: &HistoryScene,
    pal: &Palette,
    scale: f64,
) -> DrawResult<()> {
    let Some((mut b, w, h)) = backend(canvas) else {
        return Ok(());
    };
    b.draw_rect((0, 0), (w as i32, h as i32), &pal.background, true)?;
    let (legend, at, room) = geometry::history_legend(w, scale);
    let first = scene.points.first().map_or(0, |p| p.0);
    let last = scene.points.last().map_or(1, |p| p.0).max(first + 1);
    let top = geometry::history_top(scene.points.iter().map(|p| p.1));
    let area = geometry::inset(Rect::sized(w, h), scale, 40.0, 34.0, room);
    let loss = Frame {
        area,
        x: (f64::from(first), f64::from(last)),
        y: (0.0, top),
    };
    let steps: Vec<(f64, String)> = geometry::step_ticks(first, last, 6)
        .into_iter()
        .map(|s| (f64::from(s), s.to_string()))
        .collect();
    axes(
        &mut b,
        &loss,
        &steps,
        &ticks(0.0, top, 5),
        ("step", &scene.y_caption),
        pal,
        scale,
    )?;
    // The right-hand axis for p of the correct word.
    let p = Frame {
        y: (0.0, 1.0),
        ..loss
    };
    let right = text(LABEL_PX * scale, pal.accent, HPos::Left, VPos::Center);
    for v in [0.0, 0.5, 1.0] {
        let y = p.px_y(v).round() as i32;
        b.draw_text(
            &geometry::tick_label(v, 1),
            &right,
            ((area.right + 6.0 * scale) as i32, y),
        )?;
    }
    for (text_, ((x, y), color)) in legend.iter().zip(at.iter().zip([pal.ink, pal.accent])) {
        b.draw_text(
            text_,
            &text(LABEL_PX * scale, color, HPos::Left, VPos::Top),
            pixel((*x, *y)),
        )?;
    }
    if scene.points.is_empty() {
        return b.draw_text(
            "Press Step or Play",
            &text(13.0 * scale, pal.ink, HPos::Center, VPos::Center),
            pixel((
                (area.left + area.right) / 2.0,
                (area.top + area.bottom) / 2.0,
            )),
        );
    }
    let stroke = 2.5 * scale;
    b.draw_path(
        scene
            .points
            .iter()
            .map(|&(s, l, _)| loss.px((f64::from(s), l.min(top)))),
        &line(pal.ink, stroke),
    )?;
    b.draw_path(
        scene
            .points
            .iter()
            .map(|&(s, _, pc)| p.px((f64::from(s), pc))),
        &line(pal.accent, stroke),
    )
}

/// The sentence: a bar of `−log p_t` per token with the average as a line across them, and
/// the running product on a `log₁₀` axis, exact against float32, so the underflow is seen.
pub fn draw_sentence(
    canvas: &HtmlCanvasElement,
    scene: &SentenceScene,
    pal: &Palette,
    scale: f64,
) -> DrawResult<()> {
    let Some((mut b, w, h)) = backend(canvas) else {
        return Ok(());
    };
    b.draw_rect((0, 0), (w as i32, h as i32), &pal.background, true)?;
    let legend = ["— exact (sum of logs)", "— float32 product"];
    let (at, room) = geometry::legend(legend, geometry::split(w, h).1, scale);
    let (bars_area, product_area) = geometry::sentence_charts(w, h, scale, room);

    let n = scene.losses.len().max(1);
    let top = geometry::history_top(scene.losses.iter().copied().chain([scene.average]));
    let bars = Frame {
        area: bars_area,
        x: (0.0, n as f64),
        y: (0.0, top),
    };
    let labels = slot_labels(&scene.labels, &bars, scale);
    axes(
        &mut b,
        &bars,
        &labels,
        &ticks(0.0, top, 5),
        ("token", &scene.y_caption),
        pal,
        scale,
    )?;
    let gap = if n > 40 { 0.0 } else { 4.0 * scale };
    for (i, &loss) in scene.losses.iter().enumerate() {
        let color = if Some(i) == scene.linked {
            pal.accent
        } else {
            pal.bar
        };
        let x = i as f64;
        let y = bars.px_y(loss.min(top));
        b.draw_rect(
            pixel((bars.px_x(x) + gap, y)),
            pixel((bars.px_x(x + 1.0) - gap, bars.px_y(0.0))),
            &color,
            true,
        )?;
        if loss > top {
            let tip = (bars.px_x(x + 0.5), bars_area.top);
            b.fill_polygon(geometry::up_triangle(tip, 6.0 * scale), &color)?;
        }
    }
    let avg = bars.px_y(scene.average.min(top));
    b.draw_line(
        pixel((bars_area.left, avg)),
        pixel((bars_area.right, avg)),
        &line(pal.ink, 2.0 * scale),
    )?;
    b.draw_text(
        "average",
        &text(LABEL_PX * scale, pal.ink, HPos::Right, VPos::Bottom),
        pixel((bars_area.right, avg - 2.0 * scale)),
    )?;

    let t = scene.running.len().max(1);
    let floor = geometry::product_floor(scene.running.iter().map(|r| r.0));
    let product = Frame {
        area: product_area,
        x: (0.0, t as f64),
        y: (floor, 0.0),
    };
    let positions: Vec<(f64, String)> = geometry::step_ticks(0, t as u32, 4)
        .into_iter()
        .map(|s| (f64::from(s), s.to_string()))
        .collect();
    let powers: Vec<(f64, String)> = geometry::ticks(floor, 0.0, 5)
        .0
        .into_iter()
        .map(|v| (v, format!("1e{}", v as i64)))
        .collect();
    axes(
        &mut b,
        &product,
        &positions,
        &powers,
        ("position", "product (log scale)"),
        pal,
        scale,
    )?;
    for (entry, ((x, y), color)) in legend.iter().zip(at.iter().zip([pal.ink, pal.second])) {
        b.draw_text(
            entry,
            &text(LABEL_PX * scale, color, HPos::Left, VPos::Top),
            pixel((*x, *y)),
        )?;
    }
    let start = std::iter::once((0.0, 0.0));
    let path = |pick: fn(&(f64, f64)) -> f64| {
        start
            .clone()
            .chain(
                scene
                    .running
                    .iter()
                    .enumerate()
                    .map(move |(i, r)| ((i + 1) as f64, pick(r))),
            )
            .map(|(x, y)| product.px((x, y.max(floor))))
            .collect::<Vec<_>>()
    };
    // The exact line is drawn wide and float32's narrow on top: where they agree, both show.
    b.draw_path(path(|r| r.0), &line(pal.ink, 5.0 * scale))?;
    b.draw_path(path(|r| r.1), &line(pal.second, 2.0 * scale))
}
