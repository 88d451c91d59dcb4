//! Where things go on the plots: the charts' frames and ticks, curve samples, marker, tangent,
//! arrows and labels.
//!
//! Pure numbers, tested natively; `plot.rs` only hands them to plotters. Pixel positions are
//! canvas pixels (CSS pixels times the device pixel ratio `scale`).

use crate::loss::Units;
use crate::num::{clamp, fixed};

/// The curve is clipped at this loss in nats (p ≈ 0.0067), where it is already steep; the
/// clip is drawn so that a learner sees the curve goes on to infinity.
pub const CLIP_NATS: f64 = 5.0;
/// Samples along the curve: enough for a smooth line at any width the widget takes.
pub const CURVE_SAMPLES: usize = 160;
/// How long an arrow is for a gradient of 1, in probability units on the bar chart: 1, so
/// the arrow from `p_i` ends at `p_i − g_i`, which is `0` for a wrong word and `1` for the
/// correct one (one-hot target); its length is `|g_i|`, true to the bars' axis.
pub const ARROW_SCALE: f64 = 1.0;
/// The font size of tick labels and legends, in CSS pixels.
pub const LABEL_PX: f64 = 11.0;

/// A rectangle in canvas pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl Rect {
    /// The rectangle from `(0, 0)` to `(width, height)`.
    pub fn sized(width: f64, height: f64) -> Rect {
        Rect {
            left: 0.0,
            top: 0.0,
            right: width,
            bottom: height,
        }
    }

    /// Its width.
    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    /// Its height.
    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }
}

/// A chart: the rectangle its data is drawn in, and the data ranges that map onto it
/// (`y` grows upwards).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Where the data goes, in pixels.
    pub area: Rect,
    /// The data range across, left to right.
    pub x: (f64, f64),
    /// The data range up, bottom to top.
    pub y: (f64, f64),
}

impl Frame {
    /// The pixel column of data `x`.
    pub fn px_x(&self, x: f64) -> f64 {
        self.area.left + (x - self.x.0) / (self.x.1 - self.x.0) * self.area.width()
    }

    /// The pixel row of data `y`.
    pub fn px_y(&self, y: f64) -> f64 {
        self.area.bottom - (y - self.y.0) / (self.y.1 - self.y.0) * self.area.height()
    }

    /// The pixel of data point `(x, y)`, rounded.
    pub fn px(&self, (x, y): (f64, f64)) -> (i32, i32) {
        (self.px_x(x).round() as i32, self.px_y(y).round() as i32)
    }

    /// Pixels per data unit across and up.
    pub fn scale(&self) -> (f64, f64) {
        (
            self.area.width() / (self.x.1 - self.x.0),
            self.area.height() / (self.y.1 - self.y.0),
        )
    }
}

/// The chart inside `outer` once the margins and the room for tick labels and axis captions
/// are taken off: `left` for the y labels, `right` for a right-hand axis (0 if none), `top`
/// for a legend. In CSS pixels, multiplied by `scale`.
pub fn inset(outer: Rect, scale: f64, left: f64, right: f64, top: f64) -> Rect {
    let margin = 10.0 * scale;
    Rect {
        left: outer.left + margin + left * scale,
        top: outer.top + margin + top * scale,
        right: outer.right - margin - right * scale,
        bottom: outer.bottom - margin - 34.0 * scale,
    }
}

/// The main plot's two charts: the curve and the bars, side by side when the canvas is wide,
/// stacked when it is tall (phones).
pub fn main_charts(width: f64, height: f64, scale: f64) -> (Rect, Rect) {
    let (curve, bars) = split(width, height);
    (
        inset(curve, scale, 40.0, 0.0, 0.0),
        inset(bars, scale, 40.0, 0.0, 0.0),
    )
}

/// Tick positions on `[lo, hi]` at a round step (1, 2 or 5 times a power of ten) giving at
/// most `count` ticks, with the decimals their labels need.
pub fn ticks(lo: f64, hi: f64, count: usize) -> (Vec<f64>, u32) {
    let span = hi - lo;
    if !(span > 0.0 && span.is_finite()) || count < 2 {
        return (vec![lo], 0);
    }
    let raw = span / (count - 1) as f64;
    let power = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|&s| span / s <= (count - 1) as f64 + 1e-9)
        .unwrap_or(10.0 * power);
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let decimals = (-step.log10().floor()).max(0.0) as u32;
    ((first..=last).map(|i| i as f64 * step).collect(), decimals)
}

/// Whole-step ticks for the history's step axis from `first` to `last`: every 1, 2, 5,
/// 10, 20, … steps, at most `count` of them.
pub fn step_ticks(first: u32, last: u32, count: usize) -> Vec<u32> {
    let span = last.saturating_sub(first).max(1);
    let step = [1u32, 2, 5]
        .iter()
        .flat_map(|&m| (0..9).map(move |e| m * 10u32.pow(e)))
        .filter(|&s| ((span / s) as usize) < count.max(2))
        .min()
        .unwrap_or(span);
    let start = first.div_ceil(step) * step;
    (start..=last.max(first + 1))
        .step_by(step as usize)
        .collect()
}

/// A tick label: `value` with `decimals` places.
pub fn tick_label(value: f64, decimals: u32) -> String {
    fixed(value, decimals)
}

/// The top of the loss axis in the chosen unit.
pub fn y_max(units: Units) -> f64 {
    units.from_nats(CLIP_NATS)
}

/// The smallest p drawn: where `−ln p` reaches the clip.
pub fn p_min() -> f64 {
    (-CLIP_NATS).exp()
}

/// Points `(p, −log p)` on the curve from the clip to `p = 1`, spaced evenly in `ln p`
/// near 0 (where the curve bends) and evenly in `p` elsewhere.
pub fn curve(units: Units) -> Vec<(f64, f64)> {
    let (lo, hi) = (p_min().ln(), 0.0f64);
    let half = CURVE_SAMPLES / 2;
    let mut pts: Vec<(f64, f64)> = Vec::with_capacity(CURVE_SAMPLES + 1);
    for i in 0..half {
        let p = (lo + (hi - lo) * i as f64 / half as f64).exp().min(0.1);
        pts.push((p, units.neg_log(p)));
    }
    for i in 0..=half {
        let p = 0.1 + 0.9 * i as f64 / half as f64;
        pts.push((p, units.neg_log(p)));
    }
    pts.dedup_by(|a, b| a.0 <= b.0);
    pts
}

/// The marker for the correct word: its point on the curve, or pinned to the top edge
/// (`clipped`) when the loss is off the scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Marker {
    /// `p_c`.
    pub x: f64,
    /// The loss, or the top of the axis when clipped.
    pub y: f64,
    /// Whether the loss is above the top of the axis.
    pub clipped: bool,
}

/// Where the marker goes for `p_c` with loss `loss` (in `units`).
pub fn marker(p_c: f64, loss: f64, units: Units) -> Marker {
    let top = y_max(units);
    Marker {
        x: p_c,
        y: loss.min(top),
        clipped: loss > top,
    }
}

/// A short tangent through the marker with the curve's slope, `half_px` long on each side
/// on screen; `scale` is the chart's pixels per data unit across and up. `None` when the
/// marker is clipped (the slope is off the scale too).
pub fn tangent(m: Marker, slope: f64, scale: (f64, f64), half_px: f64) -> Option<[(f64, f64); 2]> {
    let (px_per_x, px_per_y) = scale;
    if m.clipped || !slope.is_finite() || px_per_x <= 0.0 || px_per_y <= 0.0 {
        return None;
    }
    // Direction (1, slope) in data units is (px_per_x, slope·px_per_y) on screen.
    let len_px = length(px_per_x, slope * px_per_y);
    let dx = half_px / len_px;
    let dy = slope * dx;
    Some([(m.x - dx, m.y - dy), (m.x + dx, m.y + dy)])
}

/// `√(a² + b²)`. Not `f64::hypot`, which is 1.3 kB of libm in the module for a guard
/// against overflow that pixel lengths never need (a slope so steep that its square is `∞`
/// gives a tangent of length 0 either way).
fn length(a: f64, b: f64) -> f64 {
    (a * a + b * b).sqrt()
}

/// The arrow over word `i`'s bar: from the top of the bar (`p_i`) along `−g_i`, scaled by
/// [`ARROW_SCALE`] and kept within `[0, 1]`. `None` when the push is too small to draw.
pub fn arrow(p: f64, g: f64) -> Option<(f64, f64)> {
    let to = clamp(p - g * ARROW_SCALE, 0.0, 1.0);
    ((to - p).abs() >= 0.005).then_some((p, to))
}

/// The head of an arrow from `from` to `to` (pixels): a triangle `size` pixels across
/// whose tip lies `size / 2` beyond `to`, so a thick shaft ends inside it.
pub fn arrowhead(from: (f64, f64), to: (f64, f64), size: f64) -> [(i32, i32); 3] {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = length(dx, dy);
    let (ux, uy) = if len > 0.0 {
        (dx / len, dy / len)
    } else {
        (0.0, -1.0)
    };
    let at = |along: f64, across: f64| {
        (
            (to.0 + ux * along - uy * across).round() as i32,
            (to.1 + uy * along + ux * across).round() as i32,
        )
    };
    [at(-size, size), at(-size, -size), at(size / 2.0, 0.0)]
}

/// A triangle pointing up with its tip at `tip`, `size` pixels from tip to base: the mark
/// for "off the top of the chart".
pub fn up_triangle(tip: (f64, f64), size: f64) -> [(i32, i32); 3] {
    let (x, y) = tip;
    [
        ((x - size).round() as i32, (y + size).round() as i32),
        ((x + size).round() as i32, (y + size).round() as i32),
        (x.round() as i32, y.round() as i32),
    ]
}

/// Roughly how wide `text` is at `font_px` (sans-serif digits and lower case are about 0.56
/// of the font size): enough to keep a label inside its chart, no measuring needed.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * font_px * 0.56
}

/// `label` cut to fit `room` pixels at `font_px` (by [`text_width`]'s estimate), ending in
/// `…` when cut; in a slot too narrow for that, its first one or two letters, so every bar
/// keeps a mark of its own.
pub fn fit_label(label: &str, room: f64, font_px: f64) -> String {
    if text_width(label, font_px) <= room {
        return label.to_string();
    }
    match (room / text_width("m", font_px)).floor() as usize {
        fits @ 0..=2 => label.chars().take(fits.max(1)).collect(),
        fits => label.chars().take(fits - 1).chain(['…']).collect(),
    }
}

/// The bar labels for `labels` in slots `room` pixels wide: each cut to fit
/// ([`fit_label`]), but never so short that two read the same. A word is then cut no shorter
/// than the prefix that tells it from every other word ("ch" and "co" for chai and coffee),
/// even where that runs a little past its slot. Words must be distinct.
pub fn unique_labels(labels: &[String], room: f64, font_px: f64) -> Vec<String> {
    let fitted: Vec<String> = labels.iter().map(|l| fit_label(l, room, font_px)).collect();
    let clash = |i: usize| (0..fitted.len()).any(|j| j != i && fitted[j] == fitted[i]);
    if !(0..fitted.len()).any(clash) {
        return fitted;
    }
    let chars: Vec<Vec<char>> = labels.iter().map(|l| l.chars().collect()).collect();
    (0..labels.len())
        .map(|i| {
            let own = &chars[i];
            // The shortest prefix no other word starts with the same way.
            let tells = (1..=own.len())
                .find(|&n| {
                    (0..chars.len())
                        .all(|j| j == i || chars[j].iter().take(n).ne(own.iter().take(n)))
                })
                .unwrap_or(own.len());
            if clash(i) {
                let mut cut: String = own.iter().take(tells).collect();
                // The ellipsis only where it fits: "co" reads better than "co…" run into
                // the next bar's label.
                if tells < own.len() && text_width(&cut, font_px) + text_width("…", font_px) <= room
                {
                    cut.push('…');
                }
                cut
            } else {
                fitted[i].clone()
            }
        })
        .collect()
}

/// The part of the segment from `a` to `b` inside `x_range × y_range` (data units), or
/// `None` when none of it is: the Liang–Barsky clip.
pub fn clip_segment(
    a: (f64, f64),
    b: (f64, f64),
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> Option<[(f64, f64); 2]> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else if p < 0.0 {
            lo = lo.max(q / p);
        } else {
            hi = hi.min(q / p);
        }
    }
    (lo <= hi).then_some([
        (a.0 + lo * dx, a.1 + lo * dy),
        (a.0 + hi * dx, a.1 + hi * dy),
    ])
}

/// Where a label about a segment from `a` to `b` (pixels) goes: beside `b`, or, where it
/// would run past the chart's right edge, before `a` and aligned to its end. Returns the
/// anchor and whether the text is right-aligned there; the anchor stays inside `area`.
pub fn label_beside(
    a: (f64, f64),
    b: (f64, f64),
    text_px: f64,
    gap: f64,
    area: Rect,
) -> ((f64, f64), bool) {
    let (right, left) = (b.0.max(a.0), b.0.min(a.0));
    let y_at = if b.0 >= a.0 { b.1 } else { a.1 };
    let (x, y, end) = if right + gap + text_px <= area.right {
        (right + gap, y_at, false)
    } else {
        (left - gap, if b.0 >= a.0 { a.1 } else { b.1 }, true)
    };
    let x = if end { x.max(area.left + text_px) } else { x };
    ((x, clamp(y, area.top, area.bottom)), end)
}

/// The top of the history plot's loss axis: a little above the largest finite loss (and
/// at least 0.1), so the curve fills the plot; infinite losses are drawn at the top.
pub fn history_top(losses: impl IntoIterator<Item = f64>) -> f64 {
    let max = losses
        .into_iter()
        .filter(|l| l.is_finite())
        .fold(0.0, f64::max);
    (max * 1.1).max(0.1)
}

/// The history plot's legend: its two entries, where each goes and the room it takes
/// (see [`legend`]).
pub fn history_legend(width: f64, scale: f64) -> ([&'static str; 2], [(f64, f64); 2], f64) {
    let texts = ["— loss", "— p of the correct word (right axis)"];
    let (at, room) = legend(texts, Rect::sized(width, 0.0), scale);
    (texts, at, room)
}

/// Two legend entries above a chart in `outer` (pixels): the top-left corner of each, on one
/// line when both fit beside each other, else one under the other; and how much room (CSS
/// pixels) the legend takes above the chart.
pub fn legend(texts: [&str; 2], outer: Rect, scale: f64) -> ([(f64, f64); 2], f64) {
    let font = LABEL_PX * scale;
    let left = outer.left + 50.0 * scale;
    let gap = 16.0 * scale;
    let first = text_width(texts[0], font);
    let second = text_width(texts[1], font);
    let (y, line) = (outer.top + 2.0 * scale, 15.0 * scale);
    if left + first + gap + second <= outer.right - 10.0 * scale {
        ([(left, y), (left + first + gap, y)], 8.0)
    } else {
        let left = outer.left + 10.0 * scale;
        ([(left, y), (left, y + line)], 8.0 + 15.0)
    }
}

/// The sentence plot's two charts, split like the main plot's: the per-token losses, and
/// the running product with `legend_room` CSS pixels above it for its legend.
pub fn sentence_charts(width: f64, height: f64, scale: f64, legend_room: f64) -> (Rect, Rect) {
    let (bars, product) = split(width, height);
    (
        inset(bars, scale, 40.0, 0.0, 0.0),
        inset(product, scale, 40.0, 0.0, legend_room),
    )
}

/// The two halves of a plot: side by side when the canvas is wide, stacked when it is tall.
pub fn split(width: f64, height: f64) -> (Rect, Rect) {
    let whole = Rect::sized(width, height);
    if width > height {
        let split = (width * 0.58).round();
        (
            Rect {
                right: split,
                ..whole
            },
            Rect {
                left: split,
                ..whole
            },
        )
    } else {
        let split = (height * 0.5).round();
        (
            Rect {
                bottom: split,
                ..whole
            },
            Rect {
                top: split,
                ..whole
            },
        )
    }
}

/// The bottom of the running product's `log₁₀` axis: a multiple of 10 at or below both the
/// lowest finite value and −50, so float32's last value (`10^−44.85`) is always in view and
/// the learner sees how far the sentence is from it.
pub fn product_floor(log10s: impl IntoIterator<Item = f64>) -> f64 {
    let lowest = log10s
        .into_iter()
        .filter(|l| l.is_finite())
        .fold(-50.0, f64::min);
    (lowest / 10.0).floor() * 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curve_spans_the_clip_to_one_and_is_decreasing() {
        let pts = curve(Units::Nats);
        assert!((pts[0].0 - p_min()).abs() < 1e-12);
        assert!((pts[0].1 - CLIP_NATS).abs() < 1e-9);
        assert_eq!(*pts.last().unwrap(), (1.0, 0.0));
        assert!(pts.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 > w[1].1));
        let bits = curve(Units::Bits);
        assert!((bits[0].1 - y_max(Units::Bits)).abs() < 1e-9);
    }

    #[test]
    fn frames_map_data_to_pixels() {
        let f = Frame {
            area: Rect {
                left: 50.0,
                top: 10.0,
                right: 250.0,
                bottom: 110.0,
            },
            x: (0.0, 1.0),
            y: (0.0, 5.0),
        };
        assert_eq!(f.px((0.0, 0.0)), (50, 110));
        assert_eq!(f.px((1.0, 5.0)), (250, 10));
        assert_eq!(f.px((0.5, 2.5)), (150, 60));
        assert_eq!(f.scale(), (200.0, 20.0));
    }

    #[test]
    fn labels_are_cut_to_their_slot() {
        assert_eq!(fit_label("coffee", 100.0, 11.0), "coffee");
        // Three characters' room (a character is 6.16 px at 11 px): two letters and the mark.
        assert_eq!(fit_label("coffee", 20.0, 11.0), "co…");
        // Too narrow for a letter and the mark: the first letters alone, at least one.
        assert_eq!(fit_label("paani", 13.0, 11.0), "pa");
        assert_eq!(fit_label("paani", 1.0, 11.0), "p");
        let slot = 40.0;
        let fitted = fit_label("extraordinary", slot, 11.0);
        assert!(text_width(&fitted, 11.0) <= slot, "{fitted}");
    }

    #[test]
    fn charts_sit_side_by_side_when_wide_and_stacked_when_tall() {
        let (curve, bars) = main_charts(1000.0, 300.0, 1.0);
        assert!(curve.right < bars.left && curve.top == bars.top);
        let (curve, bars) = main_charts(300.0, 460.0, 2.0);
        assert!(curve.bottom < bars.top && curve.left == bars.left);
        assert!(curve.width() > 0.0 && bars.height() > 0.0);
    }

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(
            ticks(0.0, 1.0, 6),
            (vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0], 1)
        );
        let (t, d) = ticks(0.0, 5.0, 6);
        assert_eq!((t, d), (vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0], 0));
        let (t, _) = ticks(0.0, y_max(Units::Bits), 6);
        assert_eq!(t, vec![0.0, 2.0, 4.0, 6.0]);
        assert_eq!(tick_label(0.6000000000000001, 1), "0.6");
        assert_eq!(ticks(0.0, 0.0, 6).0, vec![0.0]);
    }

    #[test]
    fn the_step_axis_shows_whole_steps() {
        assert_eq!(step_ticks(0, 1, 6), vec![0, 1]);
        assert_eq!(step_ticks(0, 3, 6), vec![0, 1, 2, 3]);
        assert_eq!(step_ticks(0, 12, 6), vec![0, 5, 10]);
        assert_eq!(step_ticks(51, 550, 6), vec![100, 200, 300, 400, 500]);
        assert_eq!(step_ticks(0, 0, 6), vec![0, 1]);
    }

    #[test]
    fn marker_is_pinned_when_off_scale() {
        assert_eq!(
            marker(0.4, 0.916, Units::Nats),
            Marker {
                x: 0.4,
                y: 0.916,
                clipped: false
            }
        );
        let m = marker(0.001, 6.9, Units::Nats);
        assert_eq!((m.y, m.clipped), (CLIP_NATS, true));
        assert!(marker(0.0, f64::INFINITY, Units::Nats).clipped);
    }

    #[test]
    fn tangent_has_the_slope_and_a_fixed_screen_length() {
        let m = marker(0.4, 0.916, Units::Nats);
        let [(x0, y0), (x1, y1)] = tangent(m, -2.5, (300.0, 40.0), 20.0).unwrap();
        assert!(((y1 - y0) / (x1 - x0) + 2.5).abs() < 1e-12);
        let screen = ((x1 - x0) * 300.0).hypot((y1 - y0) * 40.0);
        assert!((screen - 40.0).abs() < 1e-9);
        let off = marker(0.0, f64::INFINITY, Units::Nats);
        assert_eq!(tangent(off, f64::NEG_INFINITY, (1.0, 1.0), 1.0), None);
    }

    #[test]
    fn the_slope_label_stays_inside_the_plot_near_p_equal_to_one() {
        let area = Rect {
            left: 50.0,
            top: 10.0,
            right: 500.0,
            bottom: 250.0,
        };
        let text = text_width("slope −1.011", 13.0);
        // Mid-curve: beside the tangent's right end.
        let ((x, _), end) = label_beside((200.0, 100.0), (260.0, 140.0), text, 6.0, area);
        assert_eq!((x, end), (266.0, false));
        // Near p = 1 the right end is at the edge: the label goes before the left end.
        let ((x, y), end) = label_beside((430.0, 220.0), (495.0, 240.0), text, 6.0, area);
        assert!(end && x == 424.0 && x - text >= area.left && y == 220.0);
        assert!(x <= area.right);
    }

    #[test]
    fn history_axis_fits_the_losses() {
        assert_eq!(history_top([]), 0.1);
        assert!((history_top([2.0, f64::INFINITY, 1.0]) - 2.2).abs() < 1e-12);
    }

    #[test]
    fn the_history_legend_takes_two_lines_on_a_narrow_canvas() {
        let (_, [a, b], room) = history_legend(900.0, 1.0);
        assert!(a.1 == b.1 && b.0 > a.0 && room == 8.0);
        // A 320 px phone leaves the history canvas about 256 px wide.
        let (texts, [a, b], room) = history_legend(256.0 * 2.0, 2.0);
        assert!(a.0 == b.0 && b.1 > a.1 && room > 8.0);
        assert!(b.0 + text_width(texts[1], LABEL_PX * 2.0) <= 512.0);
    }

    #[test]
    fn the_product_axis_always_shows_where_float32_ends() {
        assert_eq!(product_floor([-1.5, -3.0]), -50.0);
        assert_eq!(product_floor([-45.2, -61.0, f64::NEG_INFINITY]), -70.0);
        assert_eq!(product_floor([-3000.0]), -3000.0);
        let (bars, product) = sentence_charts(600.0, 260.0, 1.0, 23.0);
        assert!(bars.right <= product.left && product.top > bars.top);
        let (bars, product) = sentence_charts(300.0, 420.0, 1.0, 23.0);
        assert!(bars.bottom <= product.top);
    }

    #[test]
    fn arrows_follow_minus_the_gradient() {
        // The correct word (g = p − 1 < 0) is pushed up, the others down.
        // At true length: from p to p − g, so |g| long.
        assert_eq!(arrow(0.4, -0.6), Some((0.4, 1.0)));
        assert_eq!(arrow(0.25, 0.25), Some((0.25, 0.0)));
        let (from, to) = arrow(0.01, -0.99).unwrap();
        assert!(
            (from - to).abs() - 0.99 < 1e-12,
            "the issue's p = 0.01: 0.99 long"
        );
        // Soft targets: y = 0.9 for the correct word, 0.025 for the others.
        assert_eq!(arrow(0.5, 0.5 - 0.9), Some((0.5, 0.9)));
        assert_eq!(arrow(1.0, 0.0), None);
    }

    #[test]
    fn arrowheads_point_where_the_arrow_goes() {
        // Up the screen (y falls): the tip is above the end point, the base below it.
        let [a, b, tip] = arrowhead((100.0, 200.0), (100.0, 100.0), 6.0);
        assert_eq!(tip, (100, 97));
        assert_eq!((a.1, b.1), (106, 106));
        assert_eq!((a.0.min(b.0), a.0.max(b.0)), (94, 106));
        // Down the screen.
        let [_, _, tip] = arrowhead((100.0, 100.0), (100.0, 200.0), 6.0);
        assert_eq!(tip, (100, 203));
        assert_eq!(
            up_triangle((10.0, 10.0), 4.0),
            [(6, 14), (14, 14), (10, 10)]
        );
    }

    #[test]
    fn bar_labels_stay_unique_however_narrow_the_slot() {
        let words = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let five = words(&["chai", "paani", "dudh", "coffee", "lassi"]);
        // Room for about one letter: "c" twice is what a phone showed.
        let labels = unique_labels(&five, 9.0, 11.0);
        assert_eq!(labels, ["ch", "p", "d", "co", "l"]);
        // With room for the ellipsis, a cut label shows it.
        assert_eq!(unique_labels(&five, 24.0, 11.0)[0], "ch…");
        // Wide slots keep whole words.
        assert_eq!(unique_labels(&five, 200.0, 11.0), five);
        let ten = words(&[
            "run",
            "running",
            "runner",
            "a&b",
            "नमस्ते",
            "नमक",
            "茶",
            "😀",
            "plain",
            "plan",
        ]);
        for room in [6.0, 12.0, 20.0, 28.0, 40.0, 80.0] {
            let labels = unique_labels(&ten, room, 11.0);
            for (i, l) in labels.iter().enumerate() {
                assert!(
                    labels.iter().filter(|m| *m == l).count() == 1,
                    "room {room}: {l:?} (word {i}) twice in {labels:?}"
                );
            }
        }
    }

    #[test]
    fn a_segment_is_clipped_to_the_chart() {
        let inside = clip_segment((0.2, 1.0), (0.4, 2.0), (0.0, 1.0), (0.0, 5.0));
        assert_eq!(inside, Some([(0.2, 1.0), (0.4, 2.0)]));
        // A tangent near p = 1 runs past the right edge: cut at x = 1.
        let [a, b] = clip_segment((0.9, 0.5), (1.2, -0.2), (0.0, 1.0), (0.0, 5.0)).unwrap();
        assert_eq!(a, (0.9, 0.5));
        assert!((b.0 - 1.0).abs() < 1e-12 && b.1 >= 0.0, "{b:?}");
        // Wholly outside.
        assert_eq!(
            clip_segment((1.5, 1.0), (2.0, 1.0), (0.0, 1.0), (0.0, 5.0)),
            None
        );
        // Through the bottom: cut at y = 0.
        let [_, b] = clip_segment((0.5, 0.5), (0.9, -0.5), (0.0, 1.0), (0.0, 5.0)).unwrap();
        assert!(b.1.abs() < 1e-12, "{b:?}");
    }
}
