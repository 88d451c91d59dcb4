//! Numbers as text: reading and writing `f64` the same way in every build.
//!
//! Rounding to a fixed number of decimals is done here with integer arithmetic on the exact
//! binary value (as JavaScript's `toFixed` does), so the wasm module carries no copy of core's
//! exact float formatter. Reading a number checks Rust's `f64` syntax here and takes the value
//! from the browser's `parseFloat` in the wasm build (both round correctly, so the value is the
//! same), which keeps core's float parser and its tables out of the module; writing the
//! shortest round-trip form asks the browser's `Number#toString` in the wasm build, for the
//! same reason.

/// Whether `s` is a number in the syntax Rust's `f64::from_str` accepts: an optional sign,
/// then `inf`, `infinity` or `nan` in any case, or digits with at most one `.` (at least one
/// digit on either side) and an optional exponent `e`/`E`, sign, digits.
fn is_float_syntax(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if ["inf", "infinity", "nan"]
        .iter()
        .any(|w| body.eq_ignore_ascii_case(w))
    {
        return true;
    }
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mantissa_ok =
        digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// `x` limited to `[lo, hi]`; NaN becomes `lo`. Unlike `f64::clamp` it has no panic path
/// (for `lo > hi`), whose message would bring core's float formatter into the wasm module.
///
/// ```
/// use loss_explorer::num::clamp;
/// assert_eq!((clamp(1.5, 0.0, 1.0), clamp(-2.0, 0.0, 1.0), clamp(f64::NAN, 0.0, 1.0)), (1.0, 0.0, 0.0));
/// ```
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

/// Reads `s` (no surrounding spaces) as an `f64`, accepting exactly what `str::parse::<f64>`
/// accepts: `1`, `-0.5`, `.5`, `1e-3`, `inf`, `NaN`, … Values too large become `±∞`.
pub fn parse(s: &str) -> Option<f64> {
    if !is_float_syntax(s) {
        return None;
    }
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let negative = s.starts_with('-');
    let value = if body.eq_ignore_ascii_case("nan") {
        if negative {
            -f64::NAN
        } else {
            f64::NAN
        }
    } else if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }
    } else {
        parse_decimal(s)?
    };
    Some(value)
}

#[cfg(target_arch = "wasm32")]
fn parse_decimal(s: &str) -> Option<f64> {
    Some(js_sys::parse_float(s))
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_decimal(s: &str) -> Option<f64> {
    s.parse().ok()
}

/// `x` rounded to `decimals` places (at most 6), as JavaScript's `toFixed` writes it: the exact
/// binary value is rounded, halves away from zero, and `−0` loses its sign. Magnitudes of
/// `1e15` and above are written in scientific notation instead ([`sci`]); infinities as `∞`
/// and `−∞`; NaN as `—`. The minus sign is `−` (U+2212), as everywhere on screen.
///
/// ```
/// use loss_explorer::num::fixed;
/// assert_eq!(fixed(0.916290731874155, 3), "0.916");
/// assert_eq!(fixed(0.0625, 3), "0.063");
/// assert_eq!(fixed(-2.5, 1), "−2.5");
/// assert_eq!(fixed(-0.0001, 3), "0.000");
/// ```
pub fn fixed(x: f64, decimals: u32) -> String {
    if x.is_nan() {
        return "—".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "∞" } else { "−∞" }.into();
    }
    if x.abs() >= 1e15 {
        return sci(x, decimals as usize);
    }
    let digits = decimal(scaled_round(x.abs(), decimals.min(6)));
    let decimals = decimals.min(6) as usize;
    let padded = format!("{digits:0>width$}", width = decimals + 1);
    // The padded digits are ASCII and longer than `decimals`, so the split always succeeds.
    let (whole, fraction) = padded
        .split_at_checked(padded.len() - decimals)
        .unwrap_or((&padded, ""));
    let sign = if x < 0.0 && padded.bytes().any(|b| b != b'0') {
        "−"
    } else {
        ""
    };
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// The decimal digits of `v`. Not `u128`'s `Display`, which is 1.1 kB of the module for
/// what ten lines do.
fn decimal(mut v: u128) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b'0' + (v % 10) as u8);
        v /= 10;
        if v == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// `round(x · 10^decimals)` for `0 ≤ x < 1e15`, halves up, computed on the exact value of `x`.
fn scaled_round(x: f64, decimals: u32) -> u128 {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = u128::from(bits & ((1 << 52) - 1));
    // x = mantissa · 2^shift exactly.
    let (mantissa, shift) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, exponent - 1075)
    };
    let scaled = mantissa * 10u128.pow(decimals);
    if shift >= 0 {
        return scaled << shift;
    }
    let down = (-shift) as u32;
    if down >= 120 {
        return 0;
    }
    let whole = scaled >> down;
    let rest = scaled & ((1 << down) - 1);
    whole + u128::from(rest >= 1 << (down - 1))
}

/// `x` in scientific notation with `decimals` places in the mantissa, as JavaScript's
/// `toExponential` writes it: `7.89e-31`, `1.00e+0`; `0` for zero.
///
/// ```
/// use loss_explorer::num::sci;
/// assert_eq!(sci(0.5f64.powi(100), 2), "7.89e-31");
/// assert_eq!(sci(1.0, 2), "1.00e+0");
/// ```
pub fn sci(x: f64, decimals: usize) -> String {
    if x == 0.0 || !x.is_finite() {
        return fixed(x, 0);
    }
    let sign = if x < 0.0 { "−" } else { "" };
    format!("{sign}{}", sci_from_log10(x.abs().log10(), decimals))
}

/// The number `10^log10` in scientific notation with `decimals` places in the mantissa,
/// for numbers far beyond what an `f64` holds (`10^-40000` is `1.00e-40000`).
///
/// ```
/// use loss_explorer::num::sci_from_log10;
/// assert_eq!(sci_from_log10(-45.1545, 2), "7.01e-46");
/// ```
pub fn sci_from_log10(log10: f64, decimals: usize) -> String {
    if log10 == f64::NEG_INFINITY {
        return "0".into();
    }
    if !log10.is_finite() {
        return fixed(log10, 0);
    }
    let decimals = decimals.min(6) as u32;
    let mut exponent = log10.floor();
    // The mantissa in [1, 10), rounded; 9.996 rounds up to the next power of ten.
    // exp, not powf: the module already has exp, and powf would add libm's pow.
    let mantissa = (std::f64::consts::LN_10 * (log10 - exponent)).exp();
    let mut mantissa = scaled_round(mantissa, decimals);
    if mantissa >= 10u128.pow(decimals + 1) {
        mantissa /= 10;
        exponent += 1.0;
    }
    let digits = decimal(mantissa);
    let (first, rest) = digits.split_at_checked(1).unwrap_or((&digits, ""));
    let dot = if decimals > 0 { "." } else { "" };
    let exponent = exponent as i64;
    let exp_sign = if exponent < 0 { "-" } else { "+" };
    format!("{first}{dot}{rest}e{exp_sign}{}", exponent.unsigned_abs())
}

/// The shortest text that reads back as the same `f64`, as JavaScript's `String(x)` writes
/// it: `0.4`, `1e-7`, `1.5e+21`, `0` for `−0`. Used for permalinks and slider values, where
/// every digit must survive the trip.
///
/// ```
/// use loss_explorer::num::shortest;
/// assert_eq!(shortest(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(shortest(3.7e-7), "3.7e-7");
/// assert_eq!(shortest(-0.0), "0");
/// ```
#[cfg(target_arch = "wasm32")]
pub fn shortest(x: f64) -> String {
    // The browser's own Number#toString is the definition, and asking it keeps core's float
    // formatter (Grisu, Dragon4 and their tables) out of the wasm module.
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// The shortest text that reads back as the same `f64` (see the wasm build's `shortest`):
/// Rust's shortest round-trip digits, written in JavaScript's notation.
#[cfg(not(target_arch = "wasm32"))]
pub fn shortest(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .into();
    }
    // Rust's Display prints the shortest round-tripping digits, without an exponent.
    let plain = x.abs().to_string();
    let sign = if x < 0.0 { "-" } else { "" };
    let magnitude = x.abs();
    if (1e-6..1e21).contains(&magnitude) {
        return format!("{sign}{plain}");
    }
    // Rewrite 0.000000123 or 1230000000000000000000 as 1.23e-7 or 1.23e+21.
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
    let all = format!("{whole}{fraction}");
    let lead = all.bytes().take_while(|&b| b == b'0').count();
    let digits = all.get(lead..).unwrap_or("").trim_end_matches('0');
    let exponent = whole.len() as i64 - 1 - lead as i64;
    let (first, rest) = digits.split_at_checked(1).unwrap_or((digits, ""));
    let dot = if rest.is_empty() { "" } else { "." };
    let exp_sign = if exponent < 0 { "-" } else { "+" };
    format!(
        "{sign}{first}{dot}{rest}e{exp_sign}{}",
        exponent.unsigned_abs()
    )
}

/// `x` rounded to at most `digits` significant digits (1 to 15), written as the shortest text
/// that reads back as that rounded number: `0.154351` for 0.15435110729435042 at 6 digits,
/// `1e-9`, `0`; infinities and NaN as [`shortest`] writes them. Embed code and permalinks
/// carry numbers this way.
///
/// ```
/// use loss_explorer::num::sig;
/// assert_eq!(sig(0.15435110729435042, 6), "0.154351");
/// assert_eq!(sig(0.629557342493559, 6), "0.629557");
/// assert_eq!(sig(0.9999996, 6), "1");
/// assert_eq!(sig(1.0 / 3.0e12, 6), "3.33333e-13");
/// assert_eq!(sig(0.1, 6), "0.1");
/// ```
pub fn sig(x: f64, digits: u32) -> String {
    if x == 0.0 || !x.is_finite() {
        return shortest(x);
    }
    let digits = digits.clamp(1, 15);
    let mut exponent = x.abs().log10().floor() as i32;
    // The digits as a whole number below 10^digits; 10^digits means the next power of ten.
    let scale = |e: i32| 10f64.powi(digits as i32 - 1 - e);
    let mut whole = (x.abs() * scale(exponent)).round();
    if whole >= 10f64.powi(digits as i32) {
        exponent += 1;
        whole = (x.abs() * scale(exponent)).round();
    }
    // Written out as decimal text and read back, so no binary rounding of a division adds
    // digits that were not there.
    let text = format!(
        "{}{}e{}",
        if x < 0.0 { "-" } else { "" },
        whole as u64,
        exponent - (digits as i32 - 1)
    );
    parse(&text).map_or_else(|| shortest(x), shortest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_is_rusts() {
        for ok in [
            "1", "-1", "+1", "1.", ".5", "1.5", "1e5", "1E+5", "1e-5", "007", "-0", "inf", "-INF",
            "Infinity", "nan", "NaN", "+.5e-3",
        ] {
            assert!(is_float_syntax(ok), "{ok}");
            assert!(ok.parse::<f64>().is_ok(), "{ok}");
        }
        for bad in [
            "", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "1_000", " 1", "1 ", "++1", "infinit",
            "Inf1", "1,5", "١",
        ] {
            assert!(!is_float_syntax(bad), "{bad}");
            assert!(bad.parse::<f64>().is_err(), "{bad}");
        }
    }

    #[test]
    fn parse_reads_what_rust_reads() {
        assert_eq!(parse("0.1"), Some(0.1));
        assert_eq!(parse("1e400"), Some(f64::INFINITY));
        assert_eq!(parse("-inf"), Some(f64::NEG_INFINITY));
        assert!(parse("NaN").is_some_and(f64::is_nan));
        assert!(parse("-0").is_some_and(|x| x == 0.0 && x.is_sign_negative()));
        assert_eq!(parse("abc"), None);
    }

    #[test]
    fn fixed_rounds_the_exact_value_half_up() {
        #[track_caller]
        fn check(x: f64, d: u32, want: &str) {
            assert_eq!(fixed(x, d), want, "fixed({x:e}, {d})");
        }
        check(0.9162907318741551, 3, "0.916");
        check(std::f64::consts::LN_10, 3, "2.303");
        check(0.0625, 3, "0.063");
        check(0.0005, 3, "0.001"); // 0.0005 is slightly above the half in binary
        check(1.0005, 3, "1.000"); // and 1.0005 slightly below
        check(12.182493960703473, 2, "12.18");
        check(0.4, 1, "0.4");
        check(0.0, 3, "0.000");
        check(-0.0, 3, "0.000");
        check(-0.0004, 3, "0.000");
        check(-2.5, 3, "−2.500");
        check(5e-324, 3, "0.000");
        check(999.9995, 3, "1000.000");
        check(1e15, 3, "1.000e+15");
        check(f64::INFINITY, 3, "∞");
        check(f64::NEG_INFINITY, 3, "−∞");
        check(f64::NAN, 3, "—");
        check(7.5, 0, "8");
    }

    #[test]
    fn fixed_agrees_with_the_exact_formatter() {
        // Rust's own `{:.3}` rounds the exact value too, but halves to even; away from exact
        // halves the two must agree digit for digit.
        let mut x = 0.000123f64;
        while x < 1e14 {
            for v in [x, x * 1.0001, x / 3.0] {
                let ours = fixed(v, 3);
                let theirs = format!("{v:.3}");
                let half = (v * 1000.0).fract() == 0.5;
                assert!(half || ours == theirs, "{v:e}: {ours} vs {theirs}");
            }
            x *= 1.37;
        }
    }

    #[test]
    fn scientific_notation() {
        assert_eq!(sci(0.5f64.powi(100), 2), "7.89e-31");
        assert_eq!(sci(0.5f64.powi(149), 2), "1.40e-45");
        assert_eq!(sci(9.996e-5, 2), "1.00e-4");
        assert_eq!(sci(1.0, 2), "1.00e+0");
        assert_eq!(sci(12345.0, 2), "1.23e+4");
        assert_eq!(sci(0.0, 2), "0");
        assert_eq!(sci_from_log10(-40000.0, 2), "1.00e-40000");
        assert_eq!(sci_from_log10(f64::NEG_INFINITY, 2), "0");
    }

    #[test]
    fn shortest_round_trips_and_matches_javascript() {
        for (x, js) in [
            (0.4, "0.4"),
            (1.0, "1"),
            (100.0, "100"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e-6, "0.000001"),
            (3.7e-7, "3.7e-7"),
            (1e-200, "1e-200"),
            (5e-324, "5e-324"),
            (1.5e21, "1.5e+21"),
            (123456789012345680000.0, "123456789012345680000"),
            (-0.25, "-0.25"),
            (-1.25e-9, "-1.25e-9"),
        ] {
            assert_eq!(shortest(x), js);
            assert_eq!(parse(&shortest(x)), Some(x));
        }
    }
}
