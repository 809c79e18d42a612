//! The PNG renderer: tiny-skia draws every primitive anti-aliased, text as
//! the bundled font's glyph outlines laid out with the same metrics as the
//! SVG's `<text>`.

use super::color::Color;
use super::figure::{Anchor, Figure, Primitive, Stroke};
use super::text::{PathSegment, outline, text_width};
use crate::error::{Error, Result};
use tiny_skia::{FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, Pixmap, Rect, StrokeDash, Transform};

/// The largest canvas side accepted, in pixels (tiny-skia's own limit is
/// larger; 32768 × 32768 RGBA is already 4 GiB).
const MAX_SIDE: u32 = 32_768;

/// A paint of one colour, anti-aliased.
fn paint(color: Color) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(color.r, color.g, color.b, color.a);
    paint.anti_alias = true;
    paint
}

/// tiny-skia's stroke for ours: butt caps and round joins, as matplotlib's
/// lines.
fn skia_stroke(stroke: &Stroke) -> tiny_skia::Stroke {
    tiny_skia::Stroke {
        width: stroke.width as f32,
        line_cap: LineCap::Butt,
        line_join: LineJoin::Round,
        dash: stroke
            .dash
            .as_ref()
            .and_then(|d| StrokeDash::new(d.iter().map(|&v| v as f32).collect(), 0.0)),
        ..tiny_skia::Stroke::default()
    }
}

/// A path through `points`, closed or open; `None` with fewer than two
/// points or non-finite coordinates.
fn poly_path(points: &[[f64; 2]], close: bool) -> Option<Path> {
    if points.len() < 2 || points.iter().flatten().any(|v| !v.is_finite()) {
        return None;
    }
    let mut builder = PathBuilder::new();
    builder.move_to(points[0][0] as f32, points[0][1] as f32);
    for p in &points[1..] {
        builder.line_to(p[0] as f32, p[1] as f32);
    }
    if close {
        builder.close();
    }
    builder.finish()
}

/// The outline path of a line of text anchored at `(x, baseline)`.
fn text_path(text: &str, size: f64, anchor: Anchor, x: f64, baseline: f64) -> Option<Path> {
    let start = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - text_width(text, size) / 2.0,
        Anchor::End => x - text_width(text, size),
    };
    let mut builder = PathBuilder::new();
    for segment in outline(text, size, start, baseline) {
        match segment {
            PathSegment::MoveTo(x, y) => builder.move_to(x as f32, y as f32),
            PathSegment::LineTo(x, y) => builder.line_to(x as f32, y as f32),
            PathSegment::QuadTo(cx, cy, x, y) => builder.quad_to(cx as f32, cy as f32, x as f32, y as f32),
            PathSegment::CubicTo(c1x, c1y, c2x, c2y, x, y) => {
                builder.cubic_to(c1x as f32, c1y as f32, c2x as f32, c2y as f32, x as f32, y as f32)
            }
        }
    }
    builder.finish()
}

/// Fills and then outlines `path`.
fn fill_and_stroke(pixmap: &mut Pixmap, path: &Path, fill: Option<Color>, stroke: Option<&Stroke>) {
    if let Some(fill) = fill {
        pixmap.fill_path(path, &paint(fill), FillRule::Winding, Transform::identity(), None);
    }
    if let Some(stroke) = stroke {
        pixmap.stroke_path(path, &paint(stroke.color), &skia_stroke(stroke), Transform::identity(), None);
    }
}

/// The figure as PNG bytes.
pub(crate) fn render(figure: &Figure) -> Result<Vec<u8>> {
    const CONTEXT: &str = "Figure::to_png";
    let (w, h) = (figure.width(), figure.height());
    if w == 0 || h == 0 {
        return Err(Error::invalid_parameter(
            CONTEXT,
            "size",
            "a width and height of at least 1 pixel",
            (w, h),
        ));
    }
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(Error::TooLarge {
            context: CONTEXT.into(),
            what: format!("a {w} × {h} RGBA canvas"),
            bytes: u128::from(w) * u128::from(h) * 4,
        });
    }
    let mut pixmap = Pixmap::new(w, h).ok_or_else(|| Error::TooLarge {
        context: CONTEXT.into(),
        what: format!("a {w} × {h} RGBA canvas"),
        bytes: u128::from(w) * u128::from(h) * 4,
    })?;
    let bg = figure.background();
    pixmap.fill(tiny_skia::Color::from_rgba8(bg.r, bg.g, bg.b, bg.a));
    for primitive in figure.primitives() {
        match primitive {
            Primitive::Polyline { points, stroke } => {
                if let Some(path) = poly_path(points, false) {
                    fill_and_stroke(&mut pixmap, &path, None, Some(stroke));
                }
            }
            Primitive::Rect {
                x,
                y,
                width,
                height,
                fill,
                stroke,
            } => {
                if let Some(rect) = Rect::from_xywh(*x as f32, *y as f32, *width as f32, *height as f32) {
                    let path = PathBuilder::from_rect(rect);
                    fill_and_stroke(&mut pixmap, &path, *fill, stroke.as_ref());
                }
            }
            Primitive::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
            } => {
                if let Some(path) = PathBuilder::from_circle(*cx as f32, *cy as f32, *r as f32) {
                    fill_and_stroke(&mut pixmap, &path, Some(*fill), stroke.as_ref());
                }
            }
            Primitive::Polygon { points, fill, stroke } => {
                if let Some(path) = poly_path(points, true) {
                    fill_and_stroke(&mut pixmap, &path, Some(*fill), stroke.as_ref());
                }
            }
            Primitive::Text { x, y, text, style } => {
                if let Some(path) = text_path(text, style.size, style.anchor, *x, *y) {
                    // SVG's rotate(a x y), clockwise on screen, about the anchor.
                    let transform = Transform::from_rotate_at(style.rotation as f32, *x as f32, *y as f32);
                    pixmap.fill_path(&path, &paint(style.color), FillRule::Winding, transform, None);
                }
            }
        }
    }
    pixmap.encode_png().map_err(|e| Error::Write {
        path: "<memory>".to_string(),
        source: std::io::Error::other(e),
    })
}
