//! Numbers in messages, written as JavaScript writes them: the shortest text that reads
//! back as the same f64, with an exponent beyond 1e21 or below 1e-6 (`1e308`, not 309
//! digits), and `Infinity`, `-Infinity`, `NaN` (not Rust's `inf`).

/// `x` as JavaScript's `String(x)` would write it (up to the exponent's form: `1e+308`
/// is written `1e308`).
pub fn compact(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if x != 0.0 && (x.abs() >= 1e21 || x.abs() < 1e-6) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn numbers_are_written_compactly() {
        for (x, text) in [
            (1e308, "1e308"),
            (-1.5e300, "-1.5e300"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (f64::NAN, "NaN"),
            (0.0, "0"),
            (2.5, "2.5"),
            (-1.0, "-1"),
            (4294967296.0, "4294967296"),
            (1e-7, "1e-7"),
            (0.02, "0.02"),
        ] {
            assert_eq!(compact(x), text);
        }
    }
}
