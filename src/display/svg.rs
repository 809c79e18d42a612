//! The SVG renderer: one element per primitive, text kept as `<text>` (so
//! it can be searched and selected), numbers rounded to 0.01 px.

use super::color::Color;
use super::figure::{Anchor, Figure, Primitive, Stroke};
use std::fmt::Write;

/// The font the PNG renderer draws, named first so that a viewer with it
/// installed shows the same glyphs.
const FONT_FAMILY: &str = "DejaVu Sans, sans-serif";

/// `value` with at most two decimals and no trailing zeros (`-0` as `0`).
fn num(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let mut s = format!("{:.2}", if rounded == 0.0 { 0.0 } else { rounded });
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    s
}

/// Text with XML's five special characters escaped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// ` fill="#rrggbb"` plus its opacity when not opaque.
fn fill_attrs(color: Color) -> String {
    let mut s = format!(" fill=\"{}\"", color.hex());
    if color.a != 255 {
        let _ = write!(s, " fill-opacity=\"{}\"", num(color.opacity()));
    }
    s
}

/// The stroke attributes, or ` stroke="none"`.
fn stroke_attrs(stroke: Option<&Stroke>) -> String {
    let Some(stroke) = stroke else {
        return " stroke=\"none\"".to_string();
    };
    let mut s = format!(" stroke=\"{}\" stroke-width=\"{}\"", stroke.color.hex(), num(stroke.width));
    if stroke.color.a != 255 {
        let _ = write!(s, " stroke-opacity=\"{}\"", num(stroke.color.opacity()));
    }
    if let Some(dash) = &stroke.dash {
        let pattern: Vec<String> = dash.iter().map(|&d| num(d)).collect();
        let _ = write!(s, " stroke-dasharray=\"{}\"", pattern.join(" "));
    }
    s
}

/// `x1,y1 x2,y2 …`.
fn points_attr(points: &[[f64; 2]]) -> String {
    let pairs: Vec<String> = points.iter().map(|p| format!("{},{}", num(p[0]), num(p[1]))).collect();
    pairs.join(" ")
}

/// The figure as a standalone SVG 1.1 document.
pub(crate) fn render(figure: &Figure) -> String {
    let (w, h) = (figure.width(), figure.height());
    let mut out = String::with_capacity(256 + 120 * figure.primitives().len());
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">"
    );
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\"{}/>",
        fill_attrs(figure.background())
    );
    for primitive in figure.primitives() {
        match primitive {
            Primitive::Polyline { points, stroke } => {
                let _ = writeln!(
                    out,
                    "<polyline points=\"{}\" fill=\"none\"{} stroke-linejoin=\"round\" stroke-linecap=\"butt\"/>",
                    points_attr(points),
                    stroke_attrs(Some(stroke))
                );
            }
            Primitive::Rect {
                x,
                y,
                width,
                height,
                fill,
                stroke,
            } => {
                let fill = fill.map_or_else(|| " fill=\"none\"".to_string(), fill_attrs);
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{fill}{}/>",
                    num(*x),
                    num(*y),
                    num(*width),
                    num(*height),
                    stroke_attrs(stroke.as_ref())
                );
            }
            Primitive::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}{}/>",
                    num(*cx),
                    num(*cy),
                    num(*r),
                    fill_attrs(*fill),
                    stroke_attrs(stroke.as_ref())
                );
            }
            Primitive::Polygon { points, fill, stroke } => {
                let _ = writeln!(
                    out,
                    "<polygon points=\"{}\"{}{}/>",
                    points_attr(points),
                    fill_attrs(*fill),
                    stroke_attrs(stroke.as_ref())
                );
            }
            Primitive::Text { x, y, text, style } => {
                let anchor = match style.anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let transform = if style.rotation == 0.0 {
                    String::new()
                } else {
                    format!(" transform=\"rotate({} {} {})\"", num(style.rotation), num(*x), num(*y))
                };
                let _ = writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-family=\"{FONT_FAMILY}\" font-size=\"{}\" text-anchor=\"{anchor}\"{}{transform} xml:space=\"preserve\">{}</text>",
                    num(*x),
                    num(*y),
                    num(style.size),
                    fill_attrs(style.color),
                    escape(text)
                );
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-2.5), "-2.5");
    }

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
        assert_eq!(escape("x\u{1}y"), "x y");
    }
}
