//! Where things go on the plot: curve samples, axis range, marker, tangent and arrows.
//!
//! Pure numbers in data coordinates, tested natively; `plot.rs` only hands them to plotters.

use crate::loss::Units;

/// The curve is clipped at this loss in nats (p ≈ 0.0067), where it is already steep; the
/// clip is drawn so that a learner sees the curve goes on to infinity.
pub const CLIP_NATS: f64 = 5.0;
/// Samples along the curve: enough for a smooth line at any width the widget takes.
pub const CURVE_SAMPLES: usize = 160;
/// How long an arrow is for a gradient of 1, in probability units on the bar chart.
pub const ARROW_SCALE: f64 = 0.5;

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
        pts.push((p, units.from_nats(-p.ln())));
    }
    for i in 0..=half {
        let p = 0.1 + 0.9 * i as f64 / half as f64;
        pts.push((p, units.from_nats(0.0 - p.ln())));
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
/// on screen. `px_per_x` and `px_per_y` are the chart's scales. `None` when the marker is
/// clipped (the slope is off the scale too).
pub fn tangent(
    m: Marker,
    slope: f64,
    px_per_x: f64,
    px_per_y: f64,
    half_px: f64,
) -> Option<[(f64, f64); 2]> {
    if m.clipped || !slope.is_finite() || px_per_x <= 0.0 || px_per_y <= 0.0 {
        return None;
    }
    // Direction (1, slope) in data units is (px_per_x, slope·px_per_y) on screen.
    let len_px = px_per_x.hypot(slope * px_per_y);
    let dx = half_px * px_per_x / len_px / px_per_x;
    let dy = slope * dx;
    Some([(m.x - dx, m.y - dy), (m.x + dx, m.y + dy)])
}

/// The arrow over word `i`'s bar: from the top of the bar (`p_i`) along `−g_i`, scaled by
/// [`ARROW_SCALE`] and kept within `[0, 1]`. `None` when the push is too small to draw.
pub fn arrow(p: f64, g: f64) -> Option<(f64, f64)> {
    let to = (p - g * ARROW_SCALE).clamp(0.0, 1.0);
    ((to - p).abs() >= 0.005).then_some((p, to))
}

/// The top of the history plot's loss axis: a little above the largest finite loss (and
/// at least 0.1), so the curve fills the plot; infinite losses are drawn at the top.
pub fn history_top(points: &[(f64, f64)]) -> f64 {
    let max = points
        .iter()
        .map(|&(l, _)| l)
        .filter(|l| l.is_finite())
        .fold(0.0, f64::max);
    (max * 1.1).max(0.1)
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
        let [(x0, y0), (x1, y1)] = tangent(m, -2.5, 300.0, 40.0, 20.0).unwrap();
        assert!(((y1 - y0) / (x1 - x0) + 2.5).abs() < 1e-12);
        let screen = ((x1 - x0) * 300.0).hypot((y1 - y0) * 40.0);
        assert!((screen - 40.0).abs() < 1e-9);
        assert_eq!(
            tangent(
                marker(0.0, f64::INFINITY, Units::Nats),
                f64::NEG_INFINITY,
                1.0,
                1.0,
                1.0
            ),
            None
        );
    }

    #[test]
    fn history_axis_fits_the_losses() {
        assert_eq!(history_top(&[]), 0.1);
        assert!((history_top(&[(2.0, 0.1), (f64::INFINITY, 0.0), (1.0, 0.4)]) - 2.2).abs() < 1e-12);
    }

    #[test]
    fn arrows_follow_minus_the_gradient() {
        // The correct word (g = p − 1 < 0) is pushed up, the others down.
        assert_eq!(arrow(0.4, -0.6), Some((0.4, 0.7)));
        assert_eq!(arrow(0.25, 0.25), Some((0.25, 0.125)));
        assert_eq!(arrow(0.9, -0.9), Some((0.9, 1.0)));
        assert_eq!(arrow(1.0, 0.0), None);
    }
}
