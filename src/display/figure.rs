//! The scene: a [`Figure`] of drawing primitives in pixels (origin at the
//! top left, y downwards), rendered by `svg.rs` and `png.rs`. Displays and
//! [`Axes`] only ever add primitives; the renderers only ever read them, so
//! the SVG and the PNG of a figure show the same thing.

use super::axes::Axes;
use super::color::Color;
use crate::error::{Error, Result};

/// How a line is drawn: colour, width in pixels and an optional dash
/// pattern (on, off, … lengths in pixels).
///
/// # Example
/// ```
/// use learnkit::display::{Color, Stroke};
/// let dashed = Stroke::new(Color::BLACK, 1.5).dashed();
/// assert_eq!(dashed.dash, Some(vec![5.5, 2.4]));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Stroke {
    /// The line's colour.
    pub color: Color,
    /// The width in pixels.
    pub width: f64,
    /// On and off lengths in pixels; `None` for a solid line.
    pub dash: Option<Vec<f64>>,
}

impl Stroke {
    /// A solid line.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Stroke};
    /// assert_eq!(Stroke::new(Color::BLACK, 2.0).dash, None);
    /// ```
    pub fn new(color: Color, width: f64) -> Self {
        Stroke { color, width, dash: None }
    }

    /// matplotlib's `--` pattern (scaled by the line width).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Stroke};
    /// assert!(Stroke::new(Color::BLACK, 1.0).dashed().dash.is_some());
    /// ```
    pub fn dashed(self) -> Self {
        let w = self.width.max(1.0);
        self.dash(vec![3.7 * w, 1.6 * w])
    }

    /// matplotlib's `:` pattern (scaled by the line width).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Stroke};
    /// assert!(Stroke::new(Color::BLACK, 1.0).dotted().dash.is_some());
    /// ```
    pub fn dotted(self) -> Self {
        let w = self.width.max(1.0);
        self.dash(vec![w, 1.65 * w])
    }

    /// A custom dash pattern.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Stroke};
    /// assert_eq!(Stroke::new(Color::BLACK, 1.0).dash(vec![4.0, 2.0]).dash, Some(vec![4.0, 2.0]));
    /// ```
    pub fn dash(mut self, pattern: Vec<f64>) -> Self {
        self.dash = Some(pattern);
        self
    }
}

/// Where the anchor point of a text is: at its start, middle or end.
///
/// # Example
/// ```
/// use learnkit::display::{Anchor, TextStyle};
/// assert_eq!(TextStyle::new(12.0).anchor(Anchor::Middle).anchor, Anchor::Middle);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Anchor {
    /// The text starts at the point.
    Start,
    /// The text is centred on the point.
    Middle,
    /// The text ends at the point.
    End,
}

/// How a text is set: size in pixels, colour, anchor and rotation.
///
/// # Example
/// ```
/// use learnkit::display::{Anchor, Color, TextStyle};
/// let style = TextStyle::new(14.0).color(Color::WHITE).rotation(-90.0);
/// assert_eq!((style.size, style.rotation, style.anchor), (14.0, -90.0, Anchor::Start));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct TextStyle {
    /// Font size (the em) in pixels.
    pub size: f64,
    /// The text's colour.
    pub color: Color,
    /// Which point of the text the position is.
    pub anchor: Anchor,
    /// Rotation in degrees about the anchor point, clockwise on screen
    /// (`-90` reads upwards, as a y-axis label).
    pub rotation: f64,
}

impl TextStyle {
    /// Black text of `size` pixels, starting at its position, unrotated.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::TextStyle;
    /// assert_eq!(TextStyle::new(10.0).rotation, 0.0);
    /// ```
    pub fn new(size: f64) -> Self {
        TextStyle {
            size,
            color: Color::BLACK,
            anchor: Anchor::Start,
            rotation: 0.0,
        }
    }

    /// Sets the colour.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, TextStyle};
    /// assert_eq!(TextStyle::new(10.0).color(Color::WHITE).color, Color::WHITE);
    /// ```
    pub fn color(mut self, color: Color) -> Self {
        self.color = color;
        self
    }

    /// Sets the anchor.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Anchor, TextStyle};
    /// assert_eq!(TextStyle::new(10.0).anchor(Anchor::End).anchor, Anchor::End);
    /// ```
    pub fn anchor(mut self, anchor: Anchor) -> Self {
        self.anchor = anchor;
        self
    }

    /// Sets the rotation in degrees (clockwise on screen).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::TextStyle;
    /// assert_eq!(TextStyle::new(10.0).rotation(45.0).rotation, 45.0);
    /// ```
    pub fn rotation(mut self, degrees: f64) -> Self {
        self.rotation = degrees;
        self
    }
}

/// One drawing primitive, in figure pixels (origin top left, y down).
///
/// # Example
/// ```
/// use learnkit::display::{Color, Figure, Primitive};
/// let mut figure = Figure::new(100, 100);
/// figure.circle(50.0, 50.0, 3.0, Color::BLACK);
/// assert!(matches!(figure.primitives()[0], Primitive::Circle { r, .. } if r == 3.0));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Primitive {
    /// An open line through the points.
    Polyline {
        /// The vertices `[x, y]`.
        points: Vec<[f64; 2]>,
        /// How it is drawn.
        stroke: Stroke,
    },
    /// An axis-aligned rectangle.
    Rect {
        /// Left edge.
        x: f64,
        /// Top edge.
        y: f64,
        /// Width.
        width: f64,
        /// Height.
        height: f64,
        /// Fill colour, if filled.
        fill: Option<Color>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// A filled circle (a scatter or line marker).
    Circle {
        /// Centre x.
        cx: f64,
        /// Centre y.
        cy: f64,
        /// Radius.
        r: f64,
        /// Fill colour.
        fill: Color,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// A single line of text whose baseline passes through `(x, y)`.
    Text {
        /// Anchor x.
        x: f64,
        /// Baseline y.
        y: f64,
        /// The text.
        text: String,
        /// Size, colour, anchor and rotation.
        style: TextStyle,
    },
    /// A closed, filled polygon.
    Polygon {
        /// The vertices `[x, y]`.
        points: Vec<[f64; 2]>,
        /// Fill colour.
        fill: Color,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
}

/// A figure: a canvas of `width × height` pixels holding drawing
/// primitives, rendered by [`Figure::to_svg`] and [`Figure::to_png`].
///
/// Displays build one with [`Axes`] (data coordinates, ticks, legend);
/// primitives can also be added directly, in pixels.
///
/// # Example
/// ```
/// use learnkit::display::{Axes, Figure, Line};
///
/// let mut axes = Axes::new().title("Squares").xlabel("x").ylabel("x²");
/// axes.line(Line::new(vec![0.0, 1.0, 2.0, 3.0], vec![0.0, 1.0, 4.0, 9.0]).label("x²"));
/// let figure = Figure::from_axes(axes);
/// assert_eq!((figure.width(), figure.height()), (800, 600));
/// assert!(figure.to_svg().contains("Squares"));
/// assert!(figure.to_png()?.starts_with(b"\x89PNG"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Figure {
    width: u32,
    height: u32,
    background: Color,
    primitives: Vec<Primitive>,
}

/// matplotlib's default figure size, 8 × 6 inches at 100 dots per inch.
pub(crate) const DEFAULT_SIZE: (u32, u32) = (800, 600);

impl Figure {
    /// An empty white figure of `width × height` pixels.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Figure;
    /// let figure = Figure::new(640, 480);
    /// assert!(figure.primitives().is_empty());
    /// ```
    pub fn new(width: u32, height: u32) -> Self {
        Figure {
            width,
            height,
            background: Color::WHITE,
            primitives: Vec::new(),
        }
    }

    /// An 800 × 600 figure showing one [`Axes`].
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// let figure = Figure::from_axes(Axes::new().title("Empty"));
    /// assert!(!figure.primitives().is_empty());
    /// ```
    pub fn from_axes(axes: Axes) -> Self {
        Figure::grid(DEFAULT_SIZE.0, DEFAULT_SIZE.1, 1, vec![axes])
    }

    /// A `width × height` figure with the axes laid out in a grid of
    /// `ncols` columns (and as many rows as needed), row by row: subplots.
    /// `ncols = 0` is taken as 1.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// let axes = (0..3).map(|i| Axes::new().title(format!("feature {i}"))).collect();
    /// let figure = Figure::grid(900, 300, 3, axes);
    /// assert!(figure.to_svg().contains("feature 2"));
    /// ```
    pub fn grid(width: u32, height: u32, ncols: usize, axes: Vec<Axes>) -> Self {
        let mut figure = Figure::new(width, height);
        let ncols = ncols.max(1).min(axes.len().max(1));
        let nrows = axes.len().div_ceil(ncols).max(1);
        let (cell_w, cell_h) = (f64::from(width) / ncols as f64, f64::from(height) / nrows as f64);
        for (i, a) in axes.iter().enumerate() {
            let (row, col) = (i / ncols, i % ncols);
            a.draw(&mut figure, [col as f64 * cell_w, row as f64 * cell_h, cell_w, cell_h]);
        }
        figure
    }

    /// Width in pixels.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::display::Figure::new(3, 2).width(), 3);
    /// ```
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::display::Figure::new(3, 2).height(), 2);
    /// ```
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The background colour (white).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Figure};
    /// assert_eq!(Figure::new(3, 2).background(), Color::WHITE);
    /// ```
    pub fn background(&self) -> Color {
        self.background
    }

    /// The primitives, in drawing order (later ones on top).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Figure};
    /// let mut figure = Figure::new(10, 10);
    /// figure.rect(0.0, 0.0, 5.0, 5.0, Color::BLACK);
    /// assert_eq!(figure.primitives().len(), 1);
    /// ```
    pub fn primitives(&self) -> &[Primitive] {
        &self.primitives
    }

    /// Adds a primitive on top of the others.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Figure, Primitive, Stroke};
    /// let mut figure = Figure::new(10, 10);
    /// figure.push(Primitive::Polyline { points: vec![[0.0, 0.0], [9.0, 9.0]], stroke: Stroke::new(Color::BLACK, 1.0) });
    /// assert_eq!(figure.primitives().len(), 1);
    /// ```
    pub fn push(&mut self, primitive: Primitive) {
        self.primitives.push(primitive);
    }

    /// Adds a line through `points`.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Figure, Stroke};
    /// let mut figure = Figure::new(10, 10);
    /// figure.polyline(vec![[0.0, 0.0], [9.0, 9.0]], Stroke::new(Color::BLACK, 1.0));
    /// assert!(figure.to_svg().contains("<polyline"));
    /// ```
    pub fn polyline(&mut self, points: Vec<[f64; 2]>, stroke: Stroke) {
        self.push(Primitive::Polyline { points, stroke });
    }

    /// Adds a filled rectangle.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Figure};
    /// let mut figure = Figure::new(10, 10);
    /// figure.rect(1.0, 1.0, 8.0, 8.0, Color::BLACK);
    /// assert!(figure.to_svg().contains("<rect"));
    /// ```
    pub fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, fill: Color) {
        self.push(Primitive::Rect {
            x,
            y,
            width,
            height,
            fill: Some(fill),
            stroke: None,
        });
    }

    /// Adds a filled circle.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Figure};
    /// let mut figure = Figure::new(10, 10);
    /// figure.circle(5.0, 5.0, 2.0, Color::BLACK);
    /// assert!(figure.to_svg().contains("<circle"));
    /// ```
    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: Color) {
        self.push(Primitive::Circle {
            cx,
            cy,
            r,
            fill,
            stroke: None,
        });
    }

    /// Adds a line of text whose baseline passes through `(x, y)`.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Figure, TextStyle};
    /// let mut figure = Figure::new(100, 20);
    /// figure.text(2.0, 15.0, "a < b", TextStyle::new(12.0));
    /// assert!(figure.to_svg().contains("a &lt; b"));
    /// ```
    pub fn text(&mut self, x: f64, y: f64, text: impl Into<String>, style: TextStyle) {
        self.push(Primitive::Text {
            x,
            y,
            text: text.into(),
            style,
        });
    }

    /// Adds a closed filled polygon.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Figure};
    /// let mut figure = Figure::new(10, 10);
    /// figure.polygon(vec![[0.0, 0.0], [9.0, 0.0], [0.0, 9.0]], Color::BLACK);
    /// assert!(figure.to_svg().contains("<polygon"));
    /// ```
    pub fn polygon(&mut self, points: Vec<[f64; 2]>, fill: Color) {
        self.push(Primitive::Polygon {
            points,
            fill,
            stroke: None,
        });
    }

    /// The figure as an SVG document (text as `<text>` elements in
    /// "DejaVu Sans, sans-serif").
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Figure;
    /// assert!(Figure::new(8, 6).to_svg().starts_with("<svg"));
    /// ```
    pub fn to_svg(&self) -> String {
        super::svg::render(self)
    }

    /// The figure as a PNG image of `width × height` pixels, anti-aliased,
    /// text drawn from the bundled font's outlines.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a zero width or height,
    /// [`Error::TooLarge`] for a canvas that cannot be allocated.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Figure;
    /// let png = Figure::new(8, 6).to_png()?;
    /// assert_eq!(&png[1..4], b"PNG");
    /// assert!(Figure::new(0, 6).to_png().is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn to_png(&self) -> Result<Vec<u8>> {
        super::png::render(self)
    }

    /// Writes [`Figure::to_svg`] to `path`.
    ///
    /// # Errors
    /// [`Error::Write`] when the file cannot be written.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Figure;
    /// let path = std::env::temp_dir().join("learnkit_doc_figure.svg");
    /// Figure::new(8, 6).save_svg(&path)?;
    /// assert!(std::fs::read_to_string(&path)?.starts_with("<svg"));
    /// assert!(Figure::new(8, 6).save_svg("/no/such/dir/f.svg").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save_svg(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        write_file(path.as_ref(), self.to_svg().as_bytes())
    }

    /// Writes [`Figure::to_png`] to `path`.
    ///
    /// # Errors
    /// Those of [`Figure::to_png`], and [`Error::Write`] when the file
    /// cannot be written.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Figure;
    /// let path = std::env::temp_dir().join("learnkit_doc_figure.png");
    /// Figure::new(8, 6).save_png(&path)?;
    /// assert!(std::fs::read(&path)?.starts_with(b"\x89PNG"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save_png(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        write_file(path.as_ref(), &self.to_png()?)
    }
}

/// Writes `bytes` to `path`, naming the file in the error.
fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| Error::Write {
        path: path.display().to_string(),
        source,
    })
}
