//! Reads the colours the stylesheet gives the widget, so the canvas follows the theme.

/// A colour as the browser computes it: `rgb(r, g, b)` or `rgba(r, g, b, a)` (alpha ignored).
/// Returns `None` for anything else, so the caller keeps its fallback colour.
///
/// ```
/// use loss_explorer::theme::parse_css_rgb;
/// assert_eq!(parse_css_rgb("rgb(4, 120, 87)"), Some((4, 120, 87)));
/// assert_eq!(parse_css_rgb("rgba(255, 0, 0, 0.5)"), Some((255, 0, 0)));
/// assert_eq!(parse_css_rgb("color(srgb 1 0 0)"), None);
/// ```
pub fn parse_css_rgb(s: &str) -> Option<(u8, u8, u8)> {
    let s = s.trim();
    let inner = s
        .strip_prefix("rgba(")
        .or_else(|| s.strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let mut parts = inner.split([',', ' ', '/']).filter(|p| !p.is_empty());
    let mut channel = || -> Option<u8> {
        let v = crate::num::parse(parts.next()?)?;
        (0.0..=255.0).contains(&v).then(|| v.round() as u8)
    };
    Some((channel()?, channel()?, channel()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_get_computed_style_returns() {
        assert_eq!(parse_css_rgb("rgb(17 24 39)"), Some((17, 24, 39)));
        assert_eq!(parse_css_rgb(" rgb(1.4, 2.6, 3) "), Some((1, 3, 3)));
        assert_eq!(parse_css_rgb("rgb(300, 0, 0)"), None);
        assert_eq!(parse_css_rgb("rgb(1, 2)"), None);
        assert_eq!(parse_css_rgb(""), None);
        assert_eq!(parse_css_rgb("#ffffff"), None);
    }
}
