//! Colours read from the page: parsing what `getComputedStyle` returns, and deciding whether
//! a host page's background is dark (CONTRACT §4).

use crate::num::clamp;

/// A colour as the browser computes it, with its alpha: `rgb(r, g, b)`, `rgba(r, g, b, a)`,
/// the space-separated forms with `/ a`, or `color(srgb r g b / a)` (channels in 0–1).
/// Returns `None` for anything else.
///
/// ```
/// use loss_explorer::theme::parse_css_color;
/// assert_eq!(parse_css_color("rgb(4, 120, 87)"), Some((4, 120, 87, 1.0)));
/// assert_eq!(parse_css_color("rgba(255, 0, 0, 0.5)"), Some((255, 0, 0, 0.5)));
/// assert_eq!(parse_css_color("color(srgb 1 0 0)"), Some((255, 0, 0, 1.0)));
/// assert_eq!(parse_css_color("oklch(0.5 0.1 20)"), None);
/// ```
pub fn parse_css_color(s: &str) -> Option<(u8, u8, u8, f64)> {
    let s = s.trim();
    let (inner, unit) = if let Some(rest) = s.strip_prefix("color(srgb ") {
        (rest.strip_suffix(')')?, 255.0)
    } else {
        let rest = s.strip_prefix("rgba(").or_else(|| s.strip_prefix("rgb("))?;
        (rest.strip_suffix(')')?, 1.0)
    };
    let mut parts = inner.split([',', ' ', '/']).filter(|p| !p.is_empty());
    let mut channel = || -> Option<u8> {
        let v = crate::num::parse(parts.next()?)? * unit;
        (0.0..=255.0).contains(&v).then(|| v.round() as u8)
    };
    let (r, g, b) = (channel()?, channel()?, channel()?);
    let alpha = match parts.next() {
        Some(a) => {
            let (a, percent) = a.strip_suffix('%').map_or((a, false), |a| (a, true));
            let a = crate::num::parse(a)?;
            if percent {
                a / 100.0
            } else {
                a
            }
        }
        None => 1.0,
    };
    Some((r, g, b, clamp(alpha, 0.0, 1.0)))
}

/// A colour as the browser computes it, without its alpha; see [`parse_css_color`].
pub fn parse_css_rgb(s: &str) -> Option<(u8, u8, u8)> {
    parse_css_color(s).map(|(r, g, b, _)| (r, g, b))
}

/// The WCAG relative luminance of an sRGB colour: 0 for black, 1 for white.
pub fn relative_luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            // x^2.4 as exp(2.4 ln x): the module has exp and ln, and powf would add libm's pow.
            (2.4 * ((c + 0.055) / 1.055).ln()).exp()
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The relative luminance and alpha of a computed colour: sRGB forms exactly, `oklch(…)` and
/// `oklab(…)` (which browsers keep as such) from their lightness `L`, as `L³`.
fn luminance_and_alpha(s: &str) -> Option<(f64, f64)> {
    if let Some((r, g, b, a)) = parse_css_color(s) {
        return Some((relative_luminance((r, g, b)), a));
    }
    let inner = s
        .trim()
        .strip_prefix("oklch(")
        .or_else(|| s.trim().strip_prefix("oklab("))?
        .strip_suffix(')')?;
    let (channels, alpha) = inner.split_once('/').unwrap_or((inner, "1"));
    let l = channels.split_whitespace().next()?;
    let l = match l.strip_suffix('%') {
        Some(p) => crate::num::parse(p)? / 100.0,
        None => crate::num::parse(l)?,
    };
    let alpha = alpha.trim();
    let alpha = match alpha.strip_suffix('%') {
        Some(p) => crate::num::parse(p)? / 100.0,
        None => crate::num::parse(alpha)?,
    };
    Some((clamp(l, 0.0, 1.0).powi(3), clamp(alpha, 0.0, 1.0)))
}

/// Whether a page is dark, from the computed `background-color`s of the widget's ancestors,
/// nearest first: the first one that is not transparent decides, dark when its luminance is
/// below 0.2. With none (every ancestor transparent) the page is the browser's white.
///
/// ```
/// use loss_explorer::theme::page_is_dark;
/// // mdBook's "coal" theme on the root, a transparent body and wrapper between.
/// let ancestors = ["rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0)", "rgb(20, 22, 25)"];
/// assert!(page_is_dark(ancestors));
/// assert!(!page_is_dark(["rgb(255, 255, 255)", "rgb(0, 0, 0)"]));
/// ```
pub fn page_is_dark<'a>(backgrounds: impl IntoIterator<Item = &'a str>) -> bool {
    backgrounds
        .into_iter()
        .filter_map(luminance_and_alpha)
        .find(|&(_, alpha)| alpha > 0.0)
        .is_some_and(|(luminance, _)| luminance < 0.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_get_computed_style_returns() {
        assert_eq!(parse_css_rgb("rgb(17 24 39)"), Some((17, 24, 39)));
        assert_eq!(parse_css_rgb(" rgb(1.4, 2.6, 3) "), Some((1, 3, 3)));
        assert_eq!(parse_css_color("rgb(1 2 3 / 50%)"), Some((1, 2, 3, 0.5)));
        assert_eq!(parse_css_color("rgba(0, 0, 0, 0)"), Some((0, 0, 0, 0.0)));
        assert_eq!(parse_css_rgb("rgb(300, 0, 0)"), None);
        assert_eq!(parse_css_rgb("rgb(1, 2)"), None);
        assert_eq!(parse_css_rgb(""), None);
        assert_eq!(parse_css_rgb("#ffffff"), None);
    }

    #[test]
    fn luminance_follows_wcag() {
        assert_eq!(relative_luminance((0, 0, 0)), 0.0);
        assert!((relative_luminance((255, 255, 255)) - 1.0).abs() < 1e-12);
        // #767676 is the grey with a 4.54:1 contrast on white: luminance about 0.181.
        assert!((relative_luminance((0x76, 0x76, 0x76)) - 0.181).abs() < 0.001);
    }

    #[test]
    fn the_first_opaque_background_decides() {
        assert!(page_is_dark(["rgba(0, 0, 0, 0)", "rgb(3, 7, 18)"]));
        assert!(!page_is_dark(["rgb(250, 250, 249)", "rgb(3, 7, 18)"]));
        // Mid grey (#808080, luminance 0.216) is light; #777 (0.184) is dark.
        assert!(!page_is_dark(["rgb(128, 128, 128)"]));
        assert!(page_is_dark(["rgb(119, 119, 119)"]));
        assert!(!page_is_dark(["rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0)"]));
        assert!(!page_is_dark([]));
        // Oklab lightness: L = 0.2 is dark, 70% light; a colour the parser does not know is
        // skipped, not taken as dark or light.
        assert!(page_is_dark(["oklch(0.2 0.01 260)", "rgb(255, 255, 255)"]));
        assert!(!page_is_dark(["oklab(70% 0 0 / 0.9)", "rgb(0, 0, 0)"]));
        assert!(page_is_dark(["lab(10 0 0)", "rgb(0, 0, 0)"]));
    }
}
