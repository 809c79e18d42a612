//! Colours: an RGBA [`Color`], matplotlib's `tab10` cycle for series and
//! the `viridis` colormap for heatmaps, so that figures look like
//! scikit-learn's.

/// An 8-bit RGBA colour.
///
/// # Example
/// ```
/// use learnkit::display::Color;
/// let blue = Color::rgb(0x1f, 0x77, 0xb4);
/// assert_eq!(blue.hex(), "#1f77b4");
/// assert_eq!(blue.with_alpha(0.5).a, 128);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Color {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
    /// Opacity, 0 (transparent) to 255 (opaque).
    pub a: u8,
}

impl Color {
    /// Opaque black.
    pub const BLACK: Color = Color::rgb(0, 0, 0);
    /// Opaque white.
    pub const WHITE: Color = Color::rgb(255, 255, 255);
    /// matplotlib's light grey for grids and legend frames (`#b0b0b0`).
    pub const GRID: Color = Color::rgb(0xb0, 0xb0, 0xb0);

    /// An opaque colour.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Color;
    /// assert_eq!(Color::rgb(255, 0, 0).a, 255);
    /// ```
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Color { r, g, b, a: 255 }
    }

    /// The same colour with opacity `alpha` in `[0, 1]` (clamped).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Color;
    /// assert_eq!(Color::BLACK.with_alpha(0.0).a, 0);
    /// ```
    pub fn with_alpha(self, alpha: f64) -> Self {
        let a = (alpha.clamp(0.0, 1.0) * 255.0).round() as u8;
        Color { a, ..self }
    }

    /// `#rrggbb` (the opacity is written separately in SVG).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Color;
    /// assert_eq!(Color::WHITE.hex(), "#ffffff");
    /// ```
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Opacity as a fraction in `[0, 1]`.
    pub(crate) fn opacity(&self) -> f64 {
        f64::from(self.a) / 255.0
    }
}

/// matplotlib's default colour cycle (`tab10`).
const TAB10: [Color; 10] = [
    Color::rgb(0x1f, 0x77, 0xb4),
    Color::rgb(0xff, 0x7f, 0x0e),
    Color::rgb(0x2c, 0xa0, 0x2c),
    Color::rgb(0xd6, 0x27, 0x28),
    Color::rgb(0x94, 0x67, 0xbd),
    Color::rgb(0x8c, 0x56, 0x4b),
    Color::rgb(0xe3, 0x77, 0xc2),
    Color::rgb(0x7f, 0x7f, 0x7f),
    Color::rgb(0xbc, 0xbd, 0x22),
    Color::rgb(0x17, 0xbe, 0xcf),
];

/// The `i`-th colour of matplotlib's `tab10` cycle (wrapping after ten).
///
/// # Example
/// ```
/// use learnkit::display::tab10;
/// assert_eq!(tab10(0).hex(), "#1f77b4");
/// assert_eq!(tab10(10), tab10(0));
/// ```
pub fn tab10(i: usize) -> Color {
    TAB10[i % TAB10.len()]
}

/// matplotlib's `viridis` at 0, 0.1, …, 1; linear interpolation between
/// these eleven stops is within a few units of the 256-entry table.
const VIRIDIS: [(u8, u8, u8); 11] = [
    (0x44, 0x01, 0x54),
    (0x48, 0x24, 0x75),
    (0x41, 0x44, 0x87),
    (0x35, 0x5f, 0x8d),
    (0x2a, 0x78, 0x8e),
    (0x21, 0x91, 0x8c),
    (0x22, 0xa8, 0x84),
    (0x44, 0xbf, 0x70),
    (0x7a, 0xd1, 0x51),
    (0xbd, 0xdf, 0x26),
    (0xfd, 0xe7, 0x25),
];

/// The `viridis` colour of `t` in `[0, 1]` (clamped; NaN gives the low end).
///
/// # Example
/// ```
/// use learnkit::display::viridis;
/// assert_eq!(viridis(0.0).hex(), "#440154");
/// assert_eq!(viridis(1.0).hex(), "#fde725");
/// ```
pub fn viridis(t: f64) -> Color {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let scaled = t * (VIRIDIS.len() - 1) as f64;
    let i = (scaled.floor() as usize).min(VIRIDIS.len() - 2);
    let frac = scaled - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * frac).round() as u8;
    Color::rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}
