//! Draws the loss curve and the per-word bars on a canvas. The only file that uses plotters.

use crate::geometry::{self, Marker};
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// What every drawing function returns.
pub type DrawResult<T> = Result<T, Box<dyn std::error::Error>>;

/// Colours of one theme.
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
    /// Gradient arrows and the tangent.
    pub push: RGBColor,
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
    };
}

/// Everything the plot shows, already computed by the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Short labels for the bars.
    pub labels: Vec<String>,
    /// One probability per word.
    pub probs: Vec<f64>,
    /// The logit gradient `p − y`; arrows show `−g`.
    pub gradient: Vec<f64>,
    /// Index of the correct word.
    pub correct: usize,
    /// The curve's samples, `(p, −log p)`, shared between frames.
    pub curve: std::rc::Rc<Vec<(f64, f64)>>,
    /// The top of the loss axis.
    pub y_max: f64,
    /// The correct word's point on the curve.
    pub marker: Marker,
    /// `dL/dp_c` at the marker.
    pub slope: f64,
    /// The loss axis's caption, e.g. `−ln p (nats)`.
    pub y_caption: String,
    /// Logit view: an arrow per bar. Probability view: no arrows, a bold tangent and its
    /// slope written beside it.
    pub logit_view: bool,
}

/// Where `p = 0` and `p = 1` are on the curve's x axis, in canvas pixels: what hovering needs
/// to turn a pointer position into a `p`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CurveFrame {
    /// The x pixel of `p = 0`.
    pub x0: f64,
    /// The x pixel of `p = 1`.
    pub x1: f64,
    /// The bottom of the curve chart, in pixels (below it are the bars, when stacked).
    pub bottom: f64,
}

/// Which part of the main plot a drawing pass paints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layer {
    /// What only changes with the size, the unit, the words or the theme: background, axes,
    /// grid, labels, the curve and its clip mark. Drawn once into an offscreen canvas.
    Static,
    /// What changes with every slider move: the marker, the tangent, the bars, the arrows.
    Dynamic,
}

/// Paints the parts of `scene` that do not move with the sliders onto `layer`, an offscreen
/// canvas the size of the plot's; `draw` copies it under every frame.
pub fn draw_static(
    layer: HtmlCanvasElement,
    scene: &Scene,
    palette: &Palette,
    scale: f64,
) -> DrawResult<()> {
    draw_layer(layer, scene, palette, scale, Layer::Static).map(|_| ())
}

/// Draws one frame of the main plot: the static layer copied in, then the moving parts.
/// `scale` is the device pixel ratio.
pub fn draw(
    canvas: HtmlCanvasElement,
    static_layer: &HtmlCanvasElement,
    scene: &Scene,
    palette: &Palette,
    scale: f64,
) -> DrawResult<CurveFrame> {
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or("the canvas has no 2D context")?;
    context
        .draw_image_with_html_canvas_element(static_layer, 0.0, 0.0)
        .map_err(|_| "could not copy the static layer")?;
    draw_layer(canvas, scene, palette, scale, Layer::Dynamic)
}

fn draw_layer(
    canvas: HtmlCanvasElement,
    scene: &Scene,
    palette: &Palette,
    scale: f64,
    layer: Layer,
) -> DrawResult<CurveFrame> {
    let backend =
        CanvasBackend::with_canvas_object(canvas).ok_or("the canvas has no 2D context")?;
    let root = backend.into_drawing_area();
    if layer == Layer::Static {
        root.fill(&palette.background)?;
    }
    // Side by side when the canvas is wide (the stylesheet makes it so on wide widgets),
    // stacked when it is tall (phones).
    let (w, h) = root.dim_in_pixel();
    let (left, right) = if w > h {
        root.split_horizontally((58).percent_width())
    } else {
        root.split_vertically((50).percent_height())
    };
    let frame = draw_curve(&left, scene, palette, scale, layer)?;
    draw_bars(&right, scene, palette, scale, layer)?;
    root.present()?;
    Ok(frame)
}

/// The margins and label areas every chart of the widget uses.
fn chart_on<'a, 'b>(
    area: &'a DrawingArea<CanvasBackend, Shift>,
    scale: f64,
) -> ChartBuilder<'a, 'b, CanvasBackend> {
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(px(scale, 10.0))
        .x_label_area_size(px(scale, 34.0))
        .y_label_area_size(px(scale, 40.0));
    builder
}

/// The grid, axes and label styles every chart of the widget uses.
fn themed_mesh<'a, 'b, X, Y, XT, YT>(
    chart: &'b mut ChartContext<'a, CanvasBackend, Cartesian2d<X, Y>>,
    pal: &Palette,
    scale: f64,
) -> MeshStyle<'a, 'b, X, Y, CanvasBackend>
where
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
{
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(pal.background)
        .bold_line_style(pal.grid)
        .axis_style(pal.ink)
        .label_style(font(scale, 11.0, &pal.ink))
        .axis_desc_style(font(scale, 12.0, &pal.ink));
    mesh
}

fn px(scale: f64, v: f64) -> u32 {
    (v * scale).round() as u32
}

fn font(scale: f64, size: f64, color: &RGBColor) -> TextStyle<'static> {
    ("sans-serif", size * scale).into_font().color(color)
}

fn draw_curve(
    area: &DrawingArea<CanvasBackend, Shift>,
    s: &Scene,
    pal: &Palette,
    scale: f64,
    layer: Layer,
) -> DrawResult<CurveFrame> {
    let mut chart = chart_on(area, scale).build_cartesian_2d(0f64..1f64, 0f64..s.y_max)?;
    let (ox, oy) = area.get_base_pixel();
    let local = |(x, y): (i32, i32)| (x - ox, y - oy);
    let (a, _) = chart.backend_coord(&(0.0, 0.0));
    let (b, bottom) = chart.backend_coord(&(1.0, 0.0));
    let frame = CurveFrame {
        x0: f64::from(a),
        x1: f64::from(b),
        bottom: f64::from(bottom),
    };
    if layer == Layer::Static {
        themed_mesh(&mut chart, pal, scale)
            .x_desc("p of the correct word")
            .y_desc(s.y_caption.as_str())
            .x_labels(6)
            .y_labels(6)
            .draw()?;
        chart.draw_series(LineSeries::new(
            s.curve.iter().copied(),
            pal.ink.stroke_width(px(scale, 2.0)),
        ))?;
        // The clip: the curve leaves the chart at the top-left and goes on to infinity.
        let (x0, y0) = local(chart.backend_coord(&(s.curve[0].0, s.y_max)));
        let head = px(scale, 6.0) as i32;
        area.draw(&Polygon::new(
            vec![(x0 - head, y0 + head), (x0 + head, y0 + head), (x0, y0)],
            pal.ink.filled(),
        ))?;
        area.draw(&Text::new(
            "→ ∞ as p → 0",
            (x0 + 2 * head, y0),
            font(scale, 11.0, &pal.ink),
        ))?;
        return Ok(frame);
    }

    let m = s.marker;
    let (pw, ph) = chart.plotting_area().dim_in_pixel();
    let slope_scale = (f64::from(pw), f64::from(ph) / s.y_max);
    let (half, width) = if s.logit_view {
        (38.0, 3.0)
    } else {
        (70.0, 5.0)
    };
    if let Some([a, b]) = geometry::tangent(m, s.slope, slope_scale.0, slope_scale.1, half * scale)
    {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![a, b],
            pal.push.stroke_width(px(scale, width)),
        )))?;
        if !s.logit_view {
            let (tx, ty) = local(chart.backend_coord(&b));
            area.draw(&Text::new(
                format!("slope {}", crate::format::fixed3(s.slope)),
                (tx + px(scale, 6.0) as i32, ty),
                font(scale, 13.0, &pal.push),
            ))?;
        }
    }
    let (mx, my) = local(chart.backend_coord(&(m.x, m.y)));
    let r = px(scale, 6.0) as i32;
    if m.clipped {
        // Off the scale: a triangle on the top edge pointing up.
        area.draw(&Polygon::new(
            vec![(mx - r, my + r), (mx + r, my + r), (mx, my - r / 2)],
            pal.accent.filled(),
        ))?;
    } else {
        area.draw(&Circle::new((mx, my), r, pal.accent.filled()))?;
    }
    Ok(frame)
}

fn draw_bars(
    area: &DrawingArea<CanvasBackend, Shift>,
    s: &Scene,
    pal: &Palette,
    scale: f64,
    layer: Layer,
) -> DrawResult<()> {
    let k = s.probs.len() as i32;
    let labels = s.labels.clone();
    // A segmented range a..b has a segment per value in a..=b.
    let mut chart =
        chart_on(area, scale).build_cartesian_2d((0..k - 1).into_segmented(), 0f64..1f64)?;
    if layer == Layer::Static {
        themed_mesh(&mut chart, pal, scale)
            .disable_x_mesh()
            .y_desc("p, arrows: −gradient")
            .y_labels(6)
            .x_labels(s.probs.len())
            .x_label_formatter(&move |v| match v {
                SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .draw()?;
        return Ok(());
    }
    let gap = px(scale, 6.0);
    chart.draw_series(s.probs.iter().enumerate().map(|(i, &p)| {
        let color = if i == s.correct { pal.accent } else { pal.bar };
        let i = i as i32;
        let mut bar = Rectangle::new(
            [
                (SegmentValue::Exact(i), 0.0),
                (SegmentValue::Exact(i + 1), p),
            ],
            color.filled(),
        );
        bar.set_margin(0, 0, gap, gap);
        bar
    }))?;
    let head = f64::from(px(scale, 6.0));
    // backend_coord is in canvas pixels; `area` draws relative to its own top-left corner.
    let (ox, oy) = area.get_base_pixel();
    let local = |(x, y): (i32, i32)| (x - ox, y - oy);
    let arrows = s
        .probs
        .iter()
        .zip(&s.gradient)
        .enumerate()
        .filter(|_| s.logit_view);
    for (i, (&p, &g)) in arrows {
        let Some((from, to)) = geometry::arrow(p, g) else {
            continue;
        };
        let a = local(chart.backend_coord(&(SegmentValue::CenterOf(i as i32), from)));
        let b = local(chart.backend_coord(&(SegmentValue::CenterOf(i as i32), to)));
        area.draw(&PathElement::new(
            vec![a, b],
            pal.push.stroke_width(px(scale, 3.0)),
        ))?;
        let dir = if b.1 < a.1 { -1.0 } else { 1.0 };
        let (hx, hy) = (head as i32, (dir * head) as i32);
        area.draw(&Polygon::new(
            vec![
                (b.0 - hx, b.1 - hy),
                (b.0 + hx, b.1 - hy),
                (b.0, b.1 + hy / 2),
            ],
            pal.push.filled(),
        ))?;
    }
    Ok(())
}

/// The loss history: loss per step on the left axis, `p` of the correct word on the right.
pub fn draw_history(
    canvas: HtmlCanvasElement,
    points: &[(f64, f64)],
    y_caption: &str,
    palette: &Palette,
    scale: f64,
) -> DrawResult<()> {
    let backend =
        CanvasBackend::with_canvas_object(canvas).ok_or("the canvas has no 2D context")?;
    let root = backend.into_drawing_area();
    root.fill(&palette.background)?;
    let steps = points.len().saturating_sub(1).max(1) as f64;
    let top = geometry::history_top(points);
    let mut chart = chart_on(&root, scale)
        .right_y_label_area_size(px(scale, 44.0))
        .build_cartesian_2d(0f64..steps, 0f64..top)?
        .set_secondary_coord(0f64..steps, 0f64..1f64);
    themed_mesh(&mut chart, palette, scale)
        .x_desc("step")
        .y_desc(y_caption)
        .x_labels(6)
        .y_labels(5)
        .draw()?;
    // The right axis is labelled by hand: plotters measures right-hand labels with a styled
    // <span>, which a strict CSP (style-src 'self') forbids.
    for v in [0.0, 0.5, 1.0] {
        let (x, y) = chart.borrow_secondary().backend_coord(&(steps, v));
        root.draw(&Text::new(
            format!("{v:.1}"),
            (x + px(scale, 6.0) as i32, y - px(scale, 6.0) as i32),
            font(scale, 11.0, &palette.accent),
        ))?;
    }
    let legend_y = px(scale, 2.0) as i32;
    root.draw(&Text::new(
        "— loss",
        (px(scale, 60.0) as i32, legend_y),
        font(scale, 11.0, &palette.push),
    ))?;
    root.draw(&Text::new(
        "— p of the correct word (right axis)",
        (px(scale, 120.0) as i32, legend_y),
        font(scale, 11.0, &palette.accent),
    ))?;
    if points.is_empty() {
        root.draw(&Text::new(
            "Press Step or Play to record the loss",
            (px(scale, 70.0) as i32, px(scale, 30.0) as i32),
            font(scale, 13.0, &palette.ink),
        ))?;
    } else {
        let width = px(scale, 2.5);
        chart.draw_series(LineSeries::new(
            points
                .iter()
                .enumerate()
                .map(|(i, &(l, _))| (i as f64, l.min(top))),
            palette.push.stroke_width(width),
        ))?;
        chart.draw_secondary_series(LineSeries::new(
            points.iter().enumerate().map(|(i, &(_, p))| (i as f64, p)),
            palette.accent.stroke_width(width),
        ))?;
    }
    root.present()?;
    Ok(())
}
