//! Numbers written as Python and NumPy write them, so that the texts of
//! [`plot_tree`](super::plot_tree) equal scikit-learn's character for
//! character: `str(round(x, n))`, `np.around(x, n)` and the way NumPy prints
//! an array of strings (wrapped at 75 columns).

/// `repr(x)` of a Python float: the shortest digits that read back as `x`,
/// in positional notation with at least one decimal (`1.0`) when the decimal
/// exponent is in -4..16, else scientific with a two-digit exponent (`1e-05`).
pub(crate) fn py_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    let sci = format!("{x:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (-4..16).contains(&exponent) {
        let fixed = format!("{x}");
        if fixed.contains('.') {
            fixed
        } else {
            format!("{fixed}.0")
        }
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
    }
}

/// Python's `round(x, digits)`: the nearest `digits`-decimal number to the
/// exact value of `x` (ties to even), which is what Rust's formatting
/// computes.
pub(crate) fn py_round(x: f64, digits: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.digits$}").parse().unwrap_or(x)
}

/// NumPy's `np.around(x, digits)`: scale by 10^digits, round half to even,
/// scale back (not always the nearest decimal, unlike [`py_round`]).
pub(crate) fn np_around(x: f64, digits: usize) -> f64 {
    let scale = 10f64.powi(digits.min(400) as i32);
    if !scale.is_finite() {
        return x;
    }
    let y = (x * scale).round_ties_even() / scale;
    if y.is_finite() { y } else { x }
}

/// `str(np.array(words).astype("S32"))` after scikit-learn's clean-up
/// (`b'` and quotes removed, `' '` → `, `, each wrapped line's leading space
/// dropped): `[a, b, c]`, with a line break where NumPy wraps at 75 columns.
pub(crate) fn np_list(words: &[String]) -> String {
    // NumPy's _formatArray: a word that would pass column 74 starts a new
    // line (prefixed by one space), unless the line is still empty.
    let mut out = String::new();
    let mut line = String::from("[");
    let mut line_len = 1;
    for (i, word) in words.iter().enumerate() {
        let width = word.chars().count() + 3; // b'…'
        if line_len + width > 74 && line_len > 1 {
            out.push_str(line.trim_end_matches(", "));
            out.push('\n');
            line.clear();
            line_len = 1;
        }
        line.push_str(word);
        line_len += width;
        if i + 1 < words.len() {
            line.push_str(", ");
            line_len += 1;
        }
    }
    out.push_str(&line);
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_python() {
        assert_eq!(py_repr(1.0), "1.0");
        assert_eq!(py_repr(0.667), "0.667");
        assert_eq!(py_repr(-0.708), "-0.708");
        assert_eq!(py_repr(1e-5), "1e-05");
        assert_eq!(py_repr(1e-4), "0.0001");
        assert_eq!(py_repr(1e16), "1e+16");
        assert_eq!(py_repr(1.5e16), "1.5e+16");
        assert_eq!(py_repr(9999999999999998.0), "9999999999999998.0");
        assert_eq!(py_repr(-0.0), "-0.0");
        assert_eq!(py_repr(f64::NAN), "nan");
    }

    #[test]
    fn rounding_follows_python_and_numpy() {
        assert_eq!(py_round(2.675, 2), 2.67); // 2.675 is stored just below
        assert_eq!(py_round(0.125, 2), 0.12); // an exact tie goes to even
        assert_eq!(np_around(0.125, 2), 0.12);
        assert_eq!(np_around(1.0 / 3.0, 3), 0.333);
    }

    #[test]
    fn lists_wrap_as_numpy() {
        let words: Vec<String> = (0..20).map(|i| (i * 7).to_string()).collect();
        assert_eq!(
            np_list(&words),
            "[0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77\n84, 91, 98, 105, 112, 119, 126, 133]"
        );
        assert_eq!(np_list(&["1".to_string()]), "[1]");
    }
}
