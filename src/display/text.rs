//! Text: the bundled DejaVu Sans (matplotlib's default font), its metrics
//! and its glyph outlines. Both renderers lay text out with these metrics
//! (the SVG as `<text>` placed by its start, middle or end; the PNG as the
//! glyph outlines filled as paths), so a label has the same width in both.

use ab_glyph::{Font, FontRef, GlyphId, OutlineCurve};
use std::sync::OnceLock;

/// DejaVu Sans 2.37 (Bitstream Vera licence, `font/LICENSE`), embedded so
/// that no system font or fontconfig is needed.
static FONT_BYTES: &[u8] = include_bytes!("font/DejaVuSans.ttf");

/// The parsed font, once per process.
fn font() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    // The bytes are part of the library and checked by the tests, so this
    // cannot fail on any input a user gives.
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).expect("the bundled DejaVu Sans parses"))
}

/// Pixels per font unit at font size `size` (the em square, as SVG's
/// `font-size`).
fn scale(size: f64) -> f64 {
    size / f64::from(font().units_per_em().unwrap_or(2048.0))
}

/// The glyphs of `text` with their pen positions (in font units from the
/// start), and the total advance.
fn layout(text: &str) -> (Vec<(GlyphId, f64)>, f64) {
    let font = font();
    let mut glyphs = Vec::with_capacity(text.len());
    let mut pen = 0.0;
    let mut previous: Option<GlyphId> = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(prev) = previous {
            pen += f64::from(font.kern_unscaled(prev, id));
        }
        glyphs.push((id, pen));
        pen += f64::from(font.h_advance_unscaled(id));
        previous = Some(id);
    }
    (glyphs, pen)
}

/// The width in pixels of `text` set in DejaVu Sans at `size` pixels.
///
/// Displays use it to make room for tick labels and legends; it is the
/// width the PNG renderer draws.
///
/// # Example
/// ```
/// use learnkit::display::text_width;
/// let w = text_width("ROC curve", 14.0);
/// assert!(w > 50.0 && w < 90.0);
/// assert_eq!(text_width("", 14.0), 0.0);
/// assert!((text_width("ab", 28.0) - 2.0 * text_width("ab", 14.0)).abs() < 1e-9);
/// ```
pub fn text_width(text: &str, size: f64) -> f64 {
    layout(text).1 * scale(size)
}

/// The height above the baseline of the tallest capitals and digits (about
/// 0.73 em), to centre a line of text vertically.
pub(crate) fn cap_height(size: f64) -> f64 {
    0.729 * size
}

/// One drawing command of a glyph outline, in pixels, y downwards.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum PathSegment {
    /// Starts a contour.
    MoveTo(f64, f64),
    /// A straight edge.
    LineTo(f64, f64),
    /// A quadratic Bézier edge (control, end).
    QuadTo(f64, f64, f64, f64),
    /// A cubic Bézier edge (two controls, end).
    CubicTo(f64, f64, f64, f64, f64, f64),
}

/// The outlines of `text` at `size` pixels, starting at `x` on the baseline
/// `baseline`, as path segments (filled with the non-zero rule).
pub(crate) fn outline(text: &str, size: f64, x: f64, baseline: f64) -> Vec<PathSegment> {
    let font = font();
    let k = scale(size);
    let (glyphs, _) = layout(text);
    let mut segments = Vec::new();
    for (id, pen) in glyphs {
        let Some(glyph) = font.outline(id) else { continue };
        let origin = x + pen * k;
        // Font units are y-up from the baseline; the figure is y-down.
        let p = |pt: ab_glyph::Point| (origin + f64::from(pt.x) * k, baseline - f64::from(pt.y) * k);
        let mut last: Option<(f64, f64)> = None;
        for curve in &glyph.curves {
            let (start, seg) = match *curve {
                OutlineCurve::Line(a, b) => {
                    let (bx, by) = p(b);
                    (p(a), PathSegment::LineTo(bx, by))
                }
                OutlineCurve::Quad(a, c, b) => {
                    let ((cx, cy), (bx, by)) = (p(c), p(b));
                    (p(a), PathSegment::QuadTo(cx, cy, bx, by))
                }
                OutlineCurve::Cubic(a, c1, c2, b) => {
                    let ((c1x, c1y), (c2x, c2y), (bx, by)) = (p(c1), p(c2), p(b));
                    (p(a), PathSegment::CubicTo(c1x, c1y, c2x, c2y, bx, by))
                }
            };
            // Consecutive edges of a contour share their end points; a new
            // start is a new contour.
            let joined = last.is_some_and(|(lx, ly)| (lx - start.0).abs() < 1e-9 && (ly - start.1).abs() < 1e-9);
            if !joined {
                segments.push(PathSegment::MoveTo(start.0, start.1));
            }
            segments.push(seg);
            last = Some(match seg {
                PathSegment::LineTo(x, y) | PathSegment::QuadTo(_, _, x, y) | PathSegment::CubicTo(_, _, _, _, x, y) => {
                    (x, y)
                }
                PathSegment::MoveTo(x, y) => (x, y),
            });
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_parses_and_has_the_glyphs_used() {
        for c in "0123456789.-%()=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".chars() {
            assert_ne!(font().glyph_id(c).0, 0, "missing glyph {c}");
        }
        assert!(!outline("A", 10.0, 0.0, 10.0).is_empty());
        // A space has an advance but no outline.
        assert!(outline(" ", 10.0, 0.0, 10.0).is_empty());
        assert!(text_width(" ", 10.0) > 2.0);
    }

    #[test]
    fn outlines_sit_on_the_baseline() {
        let segments = outline("H", 100.0, 10.0, 200.0);
        let ys: Vec<f64> = segments
            .iter()
            .map(|s| match *s {
                PathSegment::MoveTo(_, y) | PathSegment::LineTo(_, y) => y,
                PathSegment::QuadTo(_, _, _, y) | PathSegment::CubicTo(_, _, _, _, _, y) => y,
            })
            .collect();
        let top = ys.iter().cloned().fold(f64::INFINITY, f64::min);
        let bottom = ys.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        assert!((bottom - 200.0).abs() < 0.5);
        assert!((200.0 - top - cap_height(100.0)).abs() < 1.0, "cap height {}", 200.0 - top);
    }
}
