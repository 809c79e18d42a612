//! [`Axes`]: a plot in data coordinates. It holds series (lines, scatters,
//! bands, rectangles, texts) and, when drawn into a rectangle of a
//! [`Figure`], lays out matplotlib's furniture: the frame, "nice" ticks
//! with labels, axis labels, title, legend, grid and colorbar, and maps the
//! data to pixels (clipping what falls outside the limits).

use super::color::{Color, tab10};
use super::figure::{Anchor, Figure, Primitive, Stroke, TextStyle};
use super::text::{cap_height, text_width};

/// Tick labels, axis labels and legend text: matplotlib's 10 pt at 100 dpi.
pub(crate) const FONT_SIZE: f64 = 13.9;
/// The title: matplotlib's 12 pt at 100 dpi.
const TITLE_SIZE: f64 = 16.7;
/// Lines: matplotlib's 1.5 pt.
pub(crate) const LINE_WIDTH: f64 = 2.08;
/// The frame and ticks: matplotlib's 0.8 pt.
const FRAME_WIDTH: f64 = 1.1;
/// Tick length and the gap to its label: matplotlib's 3.5 pt.
const TICK: f64 = 4.9;

/// How a line is dashed.
///
/// # Example
/// ```
/// use learnkit::display::{Line, LineStyle};
/// let line = Line::new(vec![0.0, 1.0], vec![0.0, 1.0]).style(LineStyle::Dashed);
/// assert_eq!(line.style, LineStyle::Dashed);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum LineStyle {
    /// `-`
    Solid,
    /// `--`
    Dashed,
    /// `:`
    Dotted,
    /// No line (markers only).
    None,
}

/// A marker drawn at each point of a line.
///
/// # Example
/// ```
/// use learnkit::display::{Line, Marker};
/// let line = Line::new(vec![0.0, 1.0], vec![0.0, 1.0]).marker(Marker::Square);
/// assert_eq!(line.marker, Some(Marker::Square));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Marker {
    /// `o`
    Circle,
    /// `s`
    Square,
}

/// Where the legend goes (`Best`: the corner covering the fewest data
/// points, as matplotlib's `loc="best"`).
///
/// # Example
/// ```
/// use learnkit::display::{Axes, LegendLoc};
/// let axes = Axes::new().legend(LegendLoc::LowerRight);
/// # let _ = axes;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum LegendLoc {
    /// The least crowded corner.
    Best,
    /// Top right.
    UpperRight,
    /// Top left.
    UpperLeft,
    /// Bottom left.
    LowerLeft,
    /// Bottom right.
    LowerRight,
}

/// A line series (matplotlib's `plot`), in data coordinates. Non-finite
/// points break the line.
///
/// # Example
/// ```
/// use learnkit::display::{Color, Line, Marker};
/// let line = Line::new(vec![0.0, 0.5, 1.0], vec![0.0, 0.7, 1.0])
///     .label("model")
///     .color(Color::BLACK)
///     .marker(Marker::Circle);
/// assert_eq!(line.label.as_deref(), Some("model"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Line {
    /// x of each point.
    pub x: Vec<f64>,
    /// y of each point.
    pub y: Vec<f64>,
    /// Colour; `None` takes the next colour of the axes' cycle.
    pub color: Option<Color>,
    /// Width in pixels.
    pub width: f64,
    /// Solid, dashed, dotted or none.
    pub style: LineStyle,
    /// Marker at each point, if any.
    pub marker: Option<Marker>,
    /// The legend entry, if any.
    pub label: Option<String>,
}

impl Line {
    /// A solid line of matplotlib's default width through the points
    /// (pairs beyond the shorter of `x` and `y` are ignored).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Line;
    /// assert_eq!(Line::new(vec![1.0], vec![2.0]).x, vec![1.0]);
    /// ```
    pub fn new(x: Vec<f64>, y: Vec<f64>) -> Self {
        Line {
            x,
            y,
            color: None,
            width: LINE_WIDTH,
            style: LineStyle::Solid,
            marker: None,
            label: None,
        }
    }

    /// Sets the colour.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Line};
    /// assert_eq!(Line::new(vec![], vec![]).color(Color::BLACK).color, Some(Color::BLACK));
    /// ```
    pub fn color(mut self, color: Color) -> Self {
        self.color = Some(color);
        self
    }

    /// Sets the width in pixels.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Line;
    /// assert_eq!(Line::new(vec![], vec![]).width(1.0).width, 1.0);
    /// ```
    pub fn width(mut self, width: f64) -> Self {
        self.width = width;
        self
    }

    /// Sets the dash style.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Line, LineStyle};
    /// assert_eq!(Line::new(vec![], vec![]).style(LineStyle::Dotted).style, LineStyle::Dotted);
    /// ```
    pub fn style(mut self, style: LineStyle) -> Self {
        self.style = style;
        self
    }

    /// Sets the marker.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Line, Marker};
    /// assert!(Line::new(vec![], vec![]).marker(Marker::Circle).marker.is_some());
    /// ```
    pub fn marker(mut self, marker: Marker) -> Self {
        self.marker = Some(marker);
        self
    }

    /// Sets the legend entry.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Line;
    /// assert_eq!(Line::new(vec![], vec![]).label("a").label.as_deref(), Some("a"));
    /// ```
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// A scatter of filled circles (matplotlib's `scatter`).
///
/// # Example
/// ```
/// use learnkit::display::{Color, Scatter};
/// let points = Scatter::new(vec![0.0, 1.0], vec![1.0, 0.0]).colors(vec![Color::BLACK]).radius(2.0);
/// assert_eq!(points.radius, 2.0);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Scatter {
    /// x of each point.
    pub x: Vec<f64>,
    /// y of each point.
    pub y: Vec<f64>,
    /// Empty: the next colour of the cycle for all; one colour for all; or
    /// one per point.
    pub colors: Vec<Color>,
    /// Radius in pixels.
    pub radius: f64,
    /// The legend entry, if any.
    pub label: Option<String>,
}

impl Scatter {
    /// Points of matplotlib's default size (radius 3.5 px).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Scatter;
    /// assert_eq!(Scatter::new(vec![1.0], vec![2.0]).y, vec![2.0]);
    /// ```
    pub fn new(x: Vec<f64>, y: Vec<f64>) -> Self {
        Scatter {
            x,
            y,
            colors: Vec::new(),
            radius: 3.5,
            label: None,
        }
    }

    /// Sets the colours (one for all, or one per point).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Color, Scatter};
    /// assert_eq!(Scatter::new(vec![], vec![]).colors(vec![Color::WHITE]).colors.len(), 1);
    /// ```
    pub fn colors(mut self, colors: Vec<Color>) -> Self {
        self.colors = colors;
        self
    }

    /// Sets the radius in pixels.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Scatter;
    /// assert_eq!(Scatter::new(vec![], vec![]).radius(1.0).radius, 1.0);
    /// ```
    pub fn radius(mut self, radius: f64) -> Self {
        self.radius = radius;
        self
    }

    /// Sets the legend entry.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Scatter;
    /// assert!(Scatter::new(vec![], vec![]).label("data").label.is_some());
    /// ```
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// A filled band between two curves (matplotlib's `fill_between`).
///
/// # Example
/// ```
/// use learnkit::display::Band;
/// let band = Band::new(vec![0.0, 1.0], vec![0.0, 0.1], vec![0.5, 0.9]).alpha(0.3);
/// assert_eq!(band.alpha, 0.3);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Band {
    /// x of each point.
    pub x: Vec<f64>,
    /// The lower curve.
    pub low: Vec<f64>,
    /// The upper curve.
    pub high: Vec<f64>,
    /// Colour; `None` takes the next colour of the cycle.
    pub color: Option<Color>,
    /// Opacity in `[0, 1]`.
    pub alpha: f64,
    /// The legend entry, if any.
    pub label: Option<String>,
}

impl Band {
    /// A band of opacity 0.2.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Band;
    /// assert_eq!(Band::new(vec![0.0], vec![0.0], vec![1.0]).alpha, 0.2);
    /// ```
    pub fn new(x: Vec<f64>, low: Vec<f64>, high: Vec<f64>) -> Self {
        Band {
            x,
            low,
            high,
            color: None,
            alpha: 0.2,
            label: None,
        }
    }

    /// Sets the colour.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Band, Color};
    /// assert!(Band::new(vec![], vec![], vec![]).color(Color::BLACK).color.is_some());
    /// ```
    pub fn color(mut self, color: Color) -> Self {
        self.color = Some(color);
        self
    }

    /// Sets the opacity.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Band;
    /// assert_eq!(Band::new(vec![], vec![], vec![]).alpha(1.0).alpha, 1.0);
    /// ```
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.alpha = alpha;
        self
    }

    /// Sets the legend entry.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Band;
    /// assert!(Band::new(vec![], vec![], vec![]).label("±1 std").label.is_some());
    /// ```
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// What the axes hold, in data coordinates, colours resolved.
#[derive(Clone, Debug)]
enum Element {
    Line(Line),
    Scatter(Scatter),
    Band(Band),
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Color,
        stroke: Option<Stroke>,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        style: TextStyle,
    },
}

/// A colorbar beside the plot: the colormap from `vmin` to `vmax`.
#[derive(Clone, Debug)]
struct Colorbar {
    vmin: f64,
    vmax: f64,
    cmap: fn(f64) -> Color,
}

/// One plot: data series in data coordinates plus its title, axis labels,
/// limits, ticks, legend, grid and colorbar. Drawn into a [`Figure`] by
/// [`Figure::from_axes`] or [`Figure::grid`] (several subplots).
///
/// Limits default to the data's range plus 5 % on each side (matplotlib's
/// margins); ticks default to "nice" 1-2-5 steps.
///
/// # Example
/// ```
/// use learnkit::display::{Axes, Band, Figure, LegendLoc, Line, LineStyle, Scatter};
///
/// let mut axes = Axes::new()
///     .title("Learning curve")
///     .xlabel("Training examples")
///     .ylabel("Score")
///     .ylim(0.0, 1.0)
///     .grid(true)
///     .legend(LegendLoc::LowerRight);
/// let n = vec![10.0, 20.0, 40.0];
/// axes.band(Band::new(n.clone(), vec![0.6, 0.7, 0.8], vec![0.7, 0.8, 0.9]));
/// axes.line(Line::new(n.clone(), vec![0.65, 0.75, 0.85]).label("Test"));
/// axes.line(Line::new(n.clone(), vec![0.9, 0.9, 0.9]).style(LineStyle::Dashed).label("Train"));
/// axes.scatter(Scatter::new(n, vec![0.65, 0.75, 0.85]));
/// let svg = Figure::from_axes(axes).to_svg();
/// assert!(svg.contains(">Test</text>") && svg.contains(">0.4</text>"));
/// ```
#[derive(Clone, Debug)]
pub struct Axes {
    title: String,
    xlabel: String,
    ylabel: String,
    xlim: Option<(f64, f64)>,
    ylim: Option<(f64, f64)>,
    xticks: Option<Vec<(f64, String)>>,
    yticks: Option<Vec<(f64, String)>>,
    grid: bool,
    equal_aspect: bool,
    invert_y: bool,
    frame: bool,
    legend: Option<LegendLoc>,
    colorbar: Option<Colorbar>,
    elements: Vec<Element>,
    next_color: usize,
}

impl Default for Axes {
    fn default() -> Self {
        Axes::new()
    }
}

impl Axes {
    /// Empty axes: no title, automatic limits and ticks, a frame, no
    /// legend, no grid.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Axes;
    /// let axes = Axes::new();
    /// # let _ = axes;
    /// ```
    pub fn new() -> Self {
        Axes {
            title: String::new(),
            xlabel: String::new(),
            ylabel: String::new(),
            xlim: None,
            ylim: None,
            xticks: None,
            yticks: None,
            grid: false,
            equal_aspect: false,
            invert_y: false,
            frame: true,
            legend: None,
            colorbar: None,
            elements: Vec::new(),
            next_color: 0,
        }
    }

    /// Sets the title (above the plot).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// assert!(Figure::from_axes(Axes::new().title("T")).to_svg().contains(">T</text>"));
    /// ```
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// Sets the x-axis label.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// assert!(Figure::from_axes(Axes::new().xlabel("FPR")).to_svg().contains(">FPR</text>"));
    /// ```
    pub fn xlabel(mut self, label: impl Into<String>) -> Self {
        self.xlabel = label.into();
        self
    }

    /// Sets the y-axis label (written upwards).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// assert!(Figure::from_axes(Axes::new().ylabel("TPR")).to_svg().contains("rotate(-90"));
    /// ```
    pub fn ylabel(mut self, label: impl Into<String>) -> Self {
        self.ylabel = label.into();
        self
    }

    /// Fixes the x range (the left and right edges of the plot).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// let svg = Figure::from_axes(Axes::new().xlim(0.0, 10.0)).to_svg();
    /// assert!(svg.contains(">10</text>"));
    /// ```
    pub fn xlim(mut self, left: f64, right: f64) -> Self {
        self.xlim = Some((left, right));
        self
    }

    /// Fixes the y range (bottom and top, or top and bottom when inverted).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// let svg = Figure::from_axes(Axes::new().ylim(0.0, 1.0)).to_svg();
    /// assert!(svg.contains(">0.8</text>"));
    /// ```
    pub fn ylim(mut self, bottom: f64, top: f64) -> Self {
        self.ylim = Some((bottom, top));
        self
    }

    /// Explicit x ticks: positions and labels (class names, percentages).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// let axes = Axes::new().xlim(-0.5, 1.5).xticks(vec![(0.0, "cat".into()), (1.0, "dog".into())]);
    /// assert!(Figure::from_axes(axes).to_svg().contains(">dog</text>"));
    /// ```
    pub fn xticks(mut self, ticks: Vec<(f64, String)>) -> Self {
        self.xticks = Some(ticks);
        self
    }

    /// Explicit y ticks: positions and labels.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// let axes = Axes::new().ylim(-0.5, 0.5).yticks(vec![(0.0, "age".into())]);
    /// assert!(Figure::from_axes(axes).to_svg().contains(">age</text>"));
    /// ```
    pub fn yticks(mut self, ticks: Vec<(f64, String)>) -> Self {
        self.yticks = Some(ticks);
        self
    }

    /// Draws grid lines at the ticks, behind the data.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// let plain = Figure::from_axes(Axes::new()).primitives().len();
    /// assert!(Figure::from_axes(Axes::new().grid(true)).primitives().len() > plain);
    /// ```
    pub fn grid(mut self, on: bool) -> Self {
        self.grid = on;
        self
    }

    /// Makes one unit as long on both axes (ROC curves: the square is square).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// let figure = Figure::from_axes(Axes::new().xlim(0.0, 1.0).ylim(0.0, 1.0).equal_aspect(true));
    /// # let _ = figure;
    /// ```
    pub fn equal_aspect(mut self, on: bool) -> Self {
        self.equal_aspect = on;
        self
    }

    /// Puts the first y value at the top (matrices: row 0 on top).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Axes;
    /// let axes = Axes::new().invert_y(true);
    /// # let _ = axes;
    /// ```
    pub fn invert_y(mut self, on: bool) -> Self {
        self.invert_y = on;
        self
    }

    /// Draws the frame, ticks and axis labels (`false`: matplotlib's
    /// `axis("off")`, for tree diagrams).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure};
    /// let svg = Figure::from_axes(Axes::new().frame(false)).to_svg();
    /// assert!(!svg.contains("<text"));
    /// ```
    pub fn frame(mut self, on: bool) -> Self {
        self.frame = on;
        self
    }

    /// Shows a legend of the labelled series.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure, LegendLoc, Line};
    /// let mut axes = Axes::new().legend(LegendLoc::Best);
    /// axes.line(Line::new(vec![0.0, 1.0], vec![0.0, 1.0]).label("diagonal"));
    /// assert!(Figure::from_axes(axes).to_svg().contains(">diagonal</text>"));
    /// ```
    pub fn legend(mut self, loc: LegendLoc) -> Self {
        self.legend = Some(loc);
        self
    }

    /// Shows a colorbar of `cmap` from `vmin` to `vmax` right of the plot.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{viridis, Axes, Figure};
    /// let svg = Figure::from_axes(Axes::new().colorbar(0.0, 50.0, viridis)).to_svg();
    /// assert!(svg.contains(">50</text>"));
    /// ```
    pub fn colorbar(mut self, vmin: f64, vmax: f64, cmap: fn(f64) -> Color) -> Self {
        self.colorbar = Some(Colorbar { vmin, vmax, cmap });
        self
    }

    /// The next colour of the cycle, advancing it.
    fn cycle(&mut self) -> Color {
        let color = tab10(self.next_color);
        self.next_color += 1;
        color
    }

    /// Adds a line; without a colour it takes the next of the cycle.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure, Line};
    /// let mut axes = Axes::new();
    /// axes.line(Line::new(vec![0.0, 1.0], vec![1.0, 0.0]));
    /// assert!(Figure::from_axes(axes).to_svg().contains("stroke=\"#1f77b4\""));
    /// ```
    pub fn line(&mut self, mut line: Line) -> &mut Self {
        if line.color.is_none() {
            line.color = Some(self.cycle());
        }
        self.elements.push(Element::Line(line));
        self
    }

    /// Adds a scatter; without colours it takes the next of the cycle.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Figure, Scatter};
    /// let mut axes = Axes::new();
    /// axes.scatter(Scatter::new(vec![0.0, 1.0], vec![1.0, 0.0]));
    /// assert_eq!(Figure::from_axes(axes).to_svg().matches("<circle").count(), 2);
    /// ```
    pub fn scatter(&mut self, mut scatter: Scatter) -> &mut Self {
        if scatter.colors.is_empty() {
            scatter.colors = vec![self.cycle()];
        }
        self.elements.push(Element::Scatter(scatter));
        self
    }

    /// Adds a filled band; without a colour it takes the next of the cycle.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Band, Figure};
    /// let mut axes = Axes::new();
    /// axes.band(Band::new(vec![0.0, 1.0], vec![0.0, 0.0], vec![1.0, 2.0]));
    /// assert!(Figure::from_axes(axes).to_svg().contains("<polygon"));
    /// ```
    pub fn band(&mut self, mut band: Band) -> &mut Self {
        if band.color.is_none() {
            band.color = Some(self.cycle());
        }
        self.elements.push(Element::Band(band));
        self
    }

    /// Adds a filled rectangle between the data corners `(x0, y0)` and
    /// `(x1, y1)`: a bar or a heatmap cell.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Color, Figure};
    /// let mut axes = Axes::new().xlim(0.0, 2.0).ylim(0.0, 2.0);
    /// axes.rect(0.5, 0.5, 1.5, 1.5, Color::BLACK);
    /// assert!(Figure::from_axes(axes).to_svg().contains("fill=\"#000000\""));
    /// ```
    pub fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: Color) -> &mut Self {
        self.elements.push(Element::Rect {
            x0,
            y0,
            x1,
            y1,
            fill,
            stroke: None,
        });
        self
    }

    /// Adds a rectangle with an outline (a box in a tree diagram).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Axes, Color, Figure, Stroke};
    /// let mut axes = Axes::new().xlim(0.0, 2.0).ylim(0.0, 2.0);
    /// axes.outlined_rect(0.5, 0.5, 1.5, 1.5, Color::WHITE, Stroke::new(Color::BLACK, 1.0));
    /// assert!(Figure::from_axes(axes).to_svg().contains("stroke=\"#000000\""));
    /// ```
    pub fn outlined_rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: Color, stroke: Stroke) -> &mut Self {
        self.elements.push(Element::Rect {
            x0,
            y0,
            x1,
            y1,
            fill,
            stroke: Some(stroke),
        });
        self
    }

    /// Adds a line of text at data point `(x, y)`, centred on it
    /// vertically (matplotlib's `va="center"`) and placed horizontally by
    /// the style's anchor.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Anchor, Axes, Figure, TextStyle};
    /// let mut axes = Axes::new().xlim(0.0, 1.0).ylim(0.0, 1.0);
    /// axes.text(0.5, 0.5, "42", TextStyle::new(14.0).anchor(Anchor::Middle));
    /// assert!(Figure::from_axes(axes).to_svg().contains(">42</text>"));
    /// ```
    pub fn text(&mut self, x: f64, y: f64, text: impl Into<String>, style: TextStyle) -> &mut Self {
        self.elements.push(Element::Text {
            x,
            y,
            text: text.into(),
            style,
        });
        self
    }

    /// The data range along x (`axis = 0`) or y, with margins.
    fn data_range(&self, axis: usize) -> (f64, f64) {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        let mut see = |v: f64| {
            if v.is_finite() {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        };
        for element in &self.elements {
            match element {
                Element::Line(l) => l.x.iter().zip(&l.y).for_each(|(&x, &y)| see(if axis == 0 { x } else { y })),
                Element::Scatter(s) => s.x.iter().zip(&s.y).for_each(|(&x, &y)| see(if axis == 0 { x } else { y })),
                Element::Band(b) => {
                    if axis == 0 {
                        b.x.iter().for_each(|&x| see(x));
                    } else {
                        b.low.iter().chain(&b.high).for_each(|&y| see(y));
                    }
                }
                Element::Rect { x0, y0, x1, y1, .. } => {
                    if axis == 0 {
                        see(*x0);
                        see(*x1);
                    } else {
                        see(*y0);
                        see(*y1);
                    }
                }
                Element::Text { x, y, .. } => see(if axis == 0 { *x } else { *y }),
            }
        }
        if lo > hi {
            return (0.0, 1.0);
        }
        if lo == hi {
            let pad = if lo == 0.0 { 0.5 } else { 0.05 * lo.abs() };
            return (lo - pad, hi + pad);
        }
        let margin = 0.05 * (hi - lo);
        (lo - margin, hi + margin)
    }

    /// The drawn limits: the fixed ones or the data's; a degenerate or
    /// non-finite fixed range falls back to the data's.
    fn limits(&self, axis: usize) -> (f64, f64) {
        let fixed = if axis == 0 { self.xlim } else { self.ylim };
        match fixed {
            Some((a, b)) if a.is_finite() && b.is_finite() && a != b => (a, b),
            _ => self.data_range(axis),
        }
    }

    /// The ticks of one axis: the explicit ones, or nice ones.
    fn ticks(&self, axis: usize, lim: (f64, f64)) -> Vec<(f64, String)> {
        let explicit = if axis == 0 { &self.xticks } else { &self.yticks };
        match explicit {
            Some(ticks) => ticks.clone(),
            None => nice_ticks(lim.0.min(lim.1), lim.0.max(lim.1)),
        }
    }

    /// Draws the axes into `cell` (`[x, y, width, height]` in figure
    /// pixels), margins for the labels included.
    pub(crate) fn draw(&self, figure: &mut Figure, cell: [f64; 4]) {
        let (xlim, ylim) = (self.limits(0), self.limits(1));
        let (xticks, yticks) = (self.ticks(0, xlim), self.ticks(1, ylim));
        let cap = cap_height(FONT_SIZE);
        // Margins: room for the tick labels, the axis labels and the title.
        let (mut left, mut bottom, mut top, mut right) = (16.0, 14.0, 14.0, 20.0);
        if self.frame {
            let ytick_w = yticks.iter().map(|(_, s)| text_width(s, FONT_SIZE)).fold(0.0, f64::max);
            left += ytick_w + 2.0 * TICK + if self.ylabel.is_empty() { 0.0 } else { FONT_SIZE * 1.3 };
            bottom += 2.0 * TICK + cap + if self.xlabel.is_empty() { 0.0 } else { FONT_SIZE * 1.6 };
        }
        if !self.title.is_empty() {
            top += TITLE_SIZE * 1.5;
        }
        if let Some(cb) = &self.colorbar {
            let labels = nice_ticks(cb.vmin.min(cb.vmax), cb.vmin.max(cb.vmax));
            let w = labels.iter().map(|(_, s)| text_width(s, FONT_SIZE)).fold(0.0, f64::max);
            right += COLORBAR_GAP + COLORBAR_WIDTH + 2.0 * TICK + w;
        }
        let mut area = [
            cell[0] + left,
            cell[1] + top,
            (cell[2] - left - right).max(1.0),
            (cell[3] - top - bottom).max(1.0),
        ];
        if self.equal_aspect {
            let (dx, dy) = ((xlim.1 - xlim.0).abs(), (ylim.1 - ylim.0).abs());
            let scale = (area[2] / dx).min(area[3] / dy);
            let (w, h) = (dx * scale, dy * scale);
            area = [area[0] + (area[2] - w) / 2.0, area[1] + (area[3] - h) / 2.0, w, h];
        }
        let map = Mapping {
            area,
            xlim,
            ylim,
            invert_y: self.invert_y,
        };
        if self.grid {
            let stroke = Stroke::new(Color::GRID, 0.8 * FRAME_WIDTH);
            for (x, _) in &xticks {
                let px = map.x(*x);
                if map.inside_x(px) {
                    figure.polyline(vec![[px, area[1]], [px, area[1] + area[3]]], stroke.clone());
                }
            }
            for (y, _) in &yticks {
                let py = map.y(*y);
                if map.inside_y(py) {
                    figure.polyline(vec![[area[0], py], [area[0] + area[2], py]], stroke.clone());
                }
            }
        }
        for element in &self.elements {
            draw_element(figure, &map, element);
        }
        if self.frame {
            self.draw_frame(figure, &map, &xticks, &yticks);
        }
        if !self.title.is_empty() {
            figure.text(
                area[0] + area[2] / 2.0,
                area[1] - TITLE_SIZE * 0.6,
                &self.title,
                TextStyle::new(TITLE_SIZE).anchor(Anchor::Middle),
            );
        }
        if let Some(loc) = self.legend {
            self.draw_legend(figure, &map, loc);
        }
        if let Some(cb) = &self.colorbar {
            draw_colorbar(figure, &map, cb);
        }
    }

    /// The frame, ticks, tick labels and axis labels.
    fn draw_frame(&self, figure: &mut Figure, map: &Mapping, xticks: &[(f64, String)], yticks: &[(f64, String)]) {
        let [x, y, w, h] = map.area;
        let black = Stroke::new(Color::BLACK, FRAME_WIDTH);
        figure.push(Primitive::Rect {
            x,
            y,
            width: w,
            height: h,
            fill: None,
            stroke: Some(black.clone()),
        });
        let cap = cap_height(FONT_SIZE);
        let tick_label = TextStyle::new(FONT_SIZE).anchor(Anchor::Middle);
        for (value, label) in xticks {
            let px = map.x(*value);
            if !map.inside_x(px) {
                continue;
            }
            figure.polyline(vec![[px, y + h], [px, y + h + TICK]], black.clone());
            figure.text(px, y + h + 2.0 * TICK + cap, label, tick_label.clone());
        }
        let mut widest: f64 = 0.0;
        for (value, label) in yticks {
            let py = map.y(*value);
            if !map.inside_y(py) {
                continue;
            }
            widest = widest.max(text_width(label, FONT_SIZE));
            figure.polyline(vec![[x - TICK, py], [x, py]], black.clone());
            figure.text(
                x - 2.0 * TICK,
                py + cap / 2.0,
                label,
                TextStyle::new(FONT_SIZE).anchor(Anchor::End),
            );
        }
        if !self.xlabel.is_empty() {
            figure.text(
                x + w / 2.0,
                y + h + 2.0 * TICK + cap + FONT_SIZE * 1.4,
                &self.xlabel,
                tick_label.clone(),
            );
        }
        if !self.ylabel.is_empty() {
            // Rotated -90°: the baseline is vertical, the text reads upwards.
            let lx = x - 2.0 * TICK - widest - FONT_SIZE * 0.5;
            figure.text(lx, y + h / 2.0, &self.ylabel, tick_label.rotation(-90.0));
        }
    }

    /// The legend box with one row per labelled series.
    fn draw_legend(&self, figure: &mut Figure, map: &Mapping, loc: LegendLoc) {
        let entries: Vec<(&str, &Element)> = self
            .elements
            .iter()
            .filter_map(|e| {
                let label = match e {
                    Element::Line(l) => l.label.as_deref(),
                    Element::Scatter(s) => s.label.as_deref(),
                    Element::Band(b) => b.label.as_deref(),
                    _ => None,
                };
                label.map(|l| (l, e))
            })
            .collect();
        if entries.is_empty() {
            return;
        }
        let size = FONT_SIZE;
        let (pad, handle, gap, row) = (0.4 * size, 2.0 * size, 0.8 * size, 1.3 * size);
        let text_w = entries.iter().map(|(l, _)| text_width(l, size)).fold(0.0, f64::max);
        let (w, h) = (2.0 * pad + handle + gap + text_w, 2.0 * pad + row * entries.len() as f64);
        let [ax, ay, aw, ah] = map.area;
        let inset = 0.5 * size;
        let corner = |loc: LegendLoc| match loc {
            LegendLoc::UpperLeft => (ax + inset, ay + inset),
            LegendLoc::LowerLeft => (ax + inset, ay + ah - inset - h),
            LegendLoc::LowerRight => (ax + aw - inset - w, ay + ah - inset - h),
            _ => (ax + aw - inset - w, ay + inset),
        };
        let (bx, by) = if loc == LegendLoc::Best {
            let candidates = [
                LegendLoc::UpperRight,
                LegendLoc::UpperLeft,
                LegendLoc::LowerLeft,
                LegendLoc::LowerRight,
            ];
            let points = self.pixel_points(map);
            let covered = |c: LegendLoc| {
                let (bx, by) = corner(c);
                points
                    .iter()
                    .filter(|p| p[0] >= bx && p[0] <= bx + w && p[1] >= by && p[1] <= by + h)
                    .count()
            };
            // The first of the least covered, in matplotlib's order.
            let best = candidates.iter().copied().min_by_key(|&c| covered(c)).unwrap_or(LegendLoc::UpperRight);
            corner(best)
        } else {
            corner(loc)
        };
        figure.push(Primitive::Rect {
            x: bx,
            y: by,
            width: w,
            height: h,
            fill: Some(Color::WHITE.with_alpha(0.8)),
            stroke: Some(Stroke::new(Color::rgb(0xcc, 0xcc, 0xcc), FRAME_WIDTH)),
        });
        let cap = cap_height(size);
        for (i, (label, element)) in entries.iter().enumerate() {
            let cy = by + pad + row * (i as f64 + 0.5);
            let (hx0, hx1) = (bx + pad, bx + pad + handle);
            match element {
                Element::Line(l) => {
                    let color = l.color.unwrap_or(Color::BLACK);
                    if let Some(stroke) = line_stroke(l, color) {
                        figure.polyline(vec![[hx0, cy], [hx1, cy]], stroke);
                    }
                    if let Some(marker) = l.marker {
                        draw_marker(figure, marker, (hx0 + hx1) / 2.0, cy, color);
                    }
                }
                Element::Scatter(s) => {
                    let color = s.colors.first().copied().unwrap_or(Color::BLACK);
                    figure.circle((hx0 + hx1) / 2.0, cy, s.radius, color);
                }
                Element::Band(b) => {
                    let color = b.color.unwrap_or(Color::BLACK).with_alpha(b.alpha);
                    figure.rect(hx0, cy - 0.35 * size, handle, 0.7 * size, color);
                }
                _ => {}
            }
            figure.text(hx1 + gap, cy + cap / 2.0, *label, TextStyle::new(size));
        }
    }

    /// Every data point in pixels, for the legend's `Best` placement.
    fn pixel_points(&self, map: &Mapping) -> Vec<[f64; 2]> {
        let mut points = Vec::new();
        for element in &self.elements {
            match element {
                Element::Line(l) => points.extend(l.x.iter().zip(&l.y).map(|(&x, &y)| [map.x(x), map.y(y)])),
                Element::Scatter(s) => points.extend(s.x.iter().zip(&s.y).map(|(&x, &y)| [map.x(x), map.y(y)])),
                Element::Band(b) => {
                    points.extend(b.x.iter().zip(&b.low).map(|(&x, &y)| [map.x(x), map.y(y)]));
                    points.extend(b.x.iter().zip(&b.high).map(|(&x, &y)| [map.x(x), map.y(y)]));
                }
                _ => {}
            }
        }
        points
    }
}

/// Gap between the plot and its colorbar, and the bar's width.
const COLORBAR_GAP: f64 = 18.0;
const COLORBAR_WIDTH: f64 = 22.0;

/// Data → pixels for one drawn axes.
struct Mapping {
    area: [f64; 4],
    xlim: (f64, f64),
    ylim: (f64, f64),
    invert_y: bool,
}

impl Mapping {
    fn x(&self, x: f64) -> f64 {
        self.area[0] + (x - self.xlim.0) / (self.xlim.1 - self.xlim.0) * self.area[2]
    }

    fn y(&self, y: f64) -> f64 {
        let t = (y - self.ylim.0) / (self.ylim.1 - self.ylim.0);
        if self.invert_y {
            self.area[1] + t * self.area[3]
        } else {
            self.area[1] + self.area[3] - t * self.area[3]
        }
    }

    fn inside_x(&self, px: f64) -> bool {
        px >= self.area[0] - 0.01 && px <= self.area[0] + self.area[2] + 0.01
    }

    fn inside_y(&self, py: f64) -> bool {
        py >= self.area[1] - 0.01 && py <= self.area[1] + self.area[3] + 0.01
    }

    fn inside(&self, p: [f64; 2]) -> bool {
        self.inside_x(p[0]) && self.inside_y(p[1])
    }
}

/// The stroke of a line, `None` for markers only.
fn line_stroke(line: &Line, color: Color) -> Option<Stroke> {
    let stroke = Stroke::new(color, line.width);
    match line.style {
        LineStyle::Solid => Some(stroke),
        LineStyle::Dashed => Some(stroke.dashed()),
        LineStyle::Dotted => Some(stroke.dotted()),
        _ => None,
    }
}

/// A marker of matplotlib's default size (6 pt) centred on `(x, y)`.
fn draw_marker(figure: &mut Figure, marker: Marker, x: f64, y: f64, color: Color) {
    let r = 4.2;
    match marker {
        Marker::Square => figure.rect(x - r * 0.85, y - r * 0.85, 1.7 * r, 1.7 * r, color),
        _ => figure.circle(x, y, r, color),
    }
}

/// One element, mapped to pixels and clipped to the plot area.
fn draw_element(figure: &mut Figure, map: &Mapping, element: &Element) {
    let [ax, ay, aw, ah] = map.area;
    match element {
        Element::Line(line) => {
            let color = line.color.unwrap_or(Color::BLACK);
            let pixels: Vec<[f64; 2]> = line.x.iter().zip(&line.y).map(|(&x, &y)| [map.x(x), map.y(y)]).collect();
            if let Some(stroke) = line_stroke(line, color) {
                for run in clip_polyline(&pixels, map.area) {
                    figure.polyline(run, stroke.clone());
                }
            }
            if let Some(marker) = line.marker {
                for p in pixels.iter().filter(|p| p.iter().all(|v| v.is_finite()) && map.inside(**p)) {
                    draw_marker(figure, marker, p[0], p[1], color);
                }
            }
        }
        Element::Scatter(s) => {
            for (i, (&x, &y)) in s.x.iter().zip(&s.y).enumerate() {
                let p = [map.x(x), map.y(y)];
                if p.iter().all(|v| v.is_finite()) && map.inside(p) {
                    let color = s.colors.get(i).or(s.colors.first()).copied().unwrap_or(Color::BLACK);
                    figure.circle(p[0], p[1], s.radius, color);
                }
            }
        }
        Element::Band(b) => {
            let n = b.x.len().min(b.low.len()).min(b.high.len());
            let mut polygon: Vec<[f64; 2]> = (0..n).map(|i| [map.x(b.x[i]), map.y(b.high[i])]).collect();
            polygon.extend((0..n).rev().map(|i| [map.x(b.x[i]), map.y(b.low[i])]));
            if polygon.iter().flatten().all(|v| v.is_finite()) {
                let clipped = clip_polygon(&polygon, map.area);
                if clipped.len() >= 3 {
                    let color = b.color.unwrap_or(Color::BLACK).with_alpha(b.alpha);
                    figure.polygon(clipped, color);
                }
            }
        }
        Element::Rect {
            x0,
            y0,
            x1,
            y1,
            fill,
            stroke,
        } => {
            let (px0, px1) = (map.x(*x0), map.x(*x1));
            let (py0, py1) = (map.y(*y0), map.y(*y1));
            let left = px0.min(px1).max(ax);
            let right = px0.max(px1).min(ax + aw);
            let top = py0.min(py1).max(ay);
            let bottom = py0.max(py1).min(ay + ah);
            if right > left && bottom > top {
                figure.push(Primitive::Rect {
                    x: left,
                    y: top,
                    width: right - left,
                    height: bottom - top,
                    fill: Some(*fill),
                    stroke: stroke.clone(),
                });
            }
        }
        Element::Text { x, y, text, style } => {
            let p = [map.x(*x), map.y(*y)];
            if p.iter().all(|v| v.is_finite()) && map.inside(p) {
                figure.text(p[0], p[1] + cap_height(style.size) / 2.0, text, style.clone());
            }
        }
    }
}

/// The colorbar: the colormap in thin slices, a frame and ticks.
fn draw_colorbar(figure: &mut Figure, map: &Mapping, cb: &Colorbar) {
    let [ax, ay, aw, ah] = map.area;
    let x = ax + aw + COLORBAR_GAP;
    const SLICES: usize = 64;
    let slice_h = ah / SLICES as f64;
    for i in 0..SLICES {
        let t = (i as f64 + 0.5) / SLICES as f64;
        // Overlap the slices by a hair so that anti-aliasing leaves no seams.
        figure.rect(x, ay + ah - (i + 1) as f64 * slice_h, COLORBAR_WIDTH, slice_h + 0.5, (cb.cmap)(t));
    }
    let black = Stroke::new(Color::BLACK, FRAME_WIDTH);
    figure.push(Primitive::Rect {
        x,
        y: ay,
        width: COLORBAR_WIDTH,
        height: ah,
        fill: None,
        stroke: Some(black.clone()),
    });
    let (lo, hi) = (cb.vmin.min(cb.vmax), cb.vmin.max(cb.vmax));
    if hi <= lo || !lo.is_finite() || !hi.is_finite() {
        return;
    }
    let cap = cap_height(FONT_SIZE);
    for (value, label) in nice_ticks(lo, hi) {
        let py = ay + ah - (value - lo) / (hi - lo) * ah;
        let right = x + COLORBAR_WIDTH;
        figure.polyline(vec![[right, py], [right + TICK, py]], black.clone());
        figure.text(right + 2.0 * TICK, py + cap / 2.0, label, TextStyle::new(FONT_SIZE));
    }
}

/// Splits a polyline at non-finite points and clips each segment to the
/// rectangle (Liang–Barsky), returning the visible runs.
fn clip_polyline(points: &[[f64; 2]], area: [f64; 4]) -> Vec<Vec<[f64; 2]>> {
    let mut runs: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut current: Vec<[f64; 2]> = Vec::new();
    let finite = |p: &[f64; 2]| p[0].is_finite() && p[1].is_finite();
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let clipped = if finite(&a) && finite(&b) {
            clip_segment(a, b, area)
        } else {
            None
        };
        match clipped {
            Some((p, q)) => {
                let continues = current.last().is_some_and(|last| (last[0] - p[0]).abs() < 1e-9 && (last[1] - p[1]).abs() < 1e-9);
                if !continues {
                    if current.len() >= 2 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(p);
                }
                current.push(q);
            }
            None => {
                if current.len() >= 2 {
                    runs.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() >= 2 {
        runs.push(current);
    }
    runs
}

/// The part of segment `a`–`b` inside the rectangle, if any.
fn clip_segment(a: [f64; 2], b: [f64; 2], area: [f64; 4]) -> Option<([f64; 2], [f64; 2])> {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    let eps = 0.01;
    let checks = [
        (-dx, a[0] - (area[0] - eps)),
        (dx, area[0] + area[2] + eps - a[0]),
        (-dy, a[1] - (area[1] - eps)),
        (dy, area[1] + area[3] + eps - a[1]),
    ];
    for (p, q) in checks {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    Some(([a[0] + t0 * dx, a[1] + t0 * dy], [a[0] + t1 * dx, a[1] + t1 * dy]))
}

/// A polygon clipped to the rectangle (Sutherland–Hodgman).
fn clip_polygon(points: &[[f64; 2]], area: [f64; 4]) -> Vec<[f64; 2]> {
    let (x0, y0, x1, y1) = (area[0], area[1], area[0] + area[2], area[1] + area[3]);
    // Each edge: is a point inside, and where a segment crosses it.
    type Inside = fn(&[f64; 2], f64) -> bool;
    let edges: [(Inside, f64, bool); 4] = [
        (|p, v| p[0] >= v, x0, true),
        (|p, v| p[0] <= v, x1, true),
        (|p, v| p[1] >= v, y0, false),
        (|p, v| p[1] <= v, y1, false),
    ];
    let mut output = points.to_vec();
    for (inside, v, vertical) in edges {
        let input = std::mem::take(&mut output);
        let Some(&last) = input.last() else { break };
        let mut prev = last;
        for &p in &input {
            let cross = |a: [f64; 2], b: [f64; 2]| {
                if vertical {
                    let t = (v - a[0]) / (b[0] - a[0]);
                    [v, a[1] + t * (b[1] - a[1])]
                } else {
                    let t = (v - a[1]) / (b[1] - a[1]);
                    [a[0] + t * (b[0] - a[0]), v]
                }
            };
            match (inside(&p, v), inside(&prev, v)) {
                (true, true) => output.push(p),
                (true, false) => {
                    output.push(cross(prev, p));
                    output.push(p);
                }
                (false, true) => output.push(cross(prev, p)),
                (false, false) => {}
            }
            prev = p;
        }
    }
    output
}

/// Ticks at a "nice" step (1, 2 or 5 times a power of ten) giving about
/// five to ten ticks between `lo` and `hi`, labelled with as many decimals
/// as the step needs (no float noise such as `0.30000000000000004`).
pub(crate) fn nice_ticks(lo: f64, hi: f64) -> Vec<(f64, String)> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return Vec::new();
    }
    let raw = (hi - lo) / 6.0;
    let exponent = raw.log10().floor();
    let base = 10f64.powf(exponent);
    let mantissa = [1.0, 2.0, 5.0, 10.0].into_iter().find(|&m| m * base >= raw * 0.999).unwrap_or(10.0);
    let (mantissa, exponent) = if mantissa == 10.0 { (1.0, exponent + 1.0) } else { (mantissa, exponent) };
    let step = mantissa * 10f64.powf(exponent);
    let decimals = if exponent < 0.0 { (-exponent) as usize } else { 0 };
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last)
        .map(|k| {
            // k · mantissa is exact; one multiplication by the power of ten.
            let value = (k as f64 * mantissa) * 10f64.powf(exponent);
            let mut label = format!("{value:.decimals$}");
            if label.starts_with('-') && label[1..].chars().all(|c| c == '0' || c == '.') {
                label.remove(0);
            }
            (value, label)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(lo: f64, hi: f64) -> Vec<String> {
        nice_ticks(lo, hi).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn nice_ticks_use_1_2_5_steps_without_float_noise() {
        assert_eq!(labels(-0.01, 1.01), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        assert_eq!(labels(0.0, 10.0), ["0", "2", "4", "6", "8", "10"]);
        assert_eq!(labels(-3.0, 3.0), ["-3", "-2", "-1", "0", "1", "2", "3"]);
        assert_eq!(labels(0.1, 0.4), ["0.10", "0.15", "0.20", "0.25", "0.30", "0.35", "0.40"]);
        assert_eq!(labels(0.0, 0.0003), ["0.00000", "0.00005", "0.00010", "0.00015", "0.00020", "0.00025", "0.00030"]);
        assert_eq!(labels(100.0, 1000.0), ["200", "400", "600", "800", "1000"]);
        assert!(labels(1.0, 1.0).is_empty());
        assert!(labels(f64::NAN, 1.0).is_empty());
    }

    #[test]
    fn lines_are_clipped_and_split_at_gaps() {
        let area = [0.0, 0.0, 10.0, 10.0];
        let runs = clip_polyline(&[[-5.0, 5.0], [5.0, 5.0], [f64::NAN, 1.0], [2.0, 2.0], [3.0, 3.0]], area);
        assert_eq!(runs.len(), 2);
        assert!((runs[0][0][0] - (-0.01)).abs() < 1e-9);
        assert_eq!(runs[1], vec![[2.0, 2.0], [3.0, 3.0]]);
        assert!(clip_polyline(&[[20.0, 20.0], [30.0, 30.0]], area).is_empty());
    }

    #[test]
    fn polygons_are_clipped_to_the_area() {
        let clipped = clip_polygon(&[[-5.0, -5.0], [5.0, -5.0], [5.0, 5.0], [-5.0, 5.0]], [0.0, 0.0, 10.0, 10.0]);
        assert!(clipped.iter().all(|p| p[0] >= 0.0 && p[1] >= 0.0));
        assert_eq!(clipped.len(), 4);
    }
}
