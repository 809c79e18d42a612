//! Displays: scikit-learn's `*Display` figures (ROC, precision-recall,
//! DET, confusion matrix, calibration, prediction error, feature
//! importances), rendered to **SVG** and **PNG** in pure Rust (feature
//! `plot`, on by default).
//!
//! Each display is a struct holding its computed data (the curve points,
//! the matrix, …; `serde` under the `serde` feature), built with
//! `from_predictions` and/or `from_estimator` as in scikit-learn. Its
//! [`Plot::plot`] draws a [`Figure`], which renders with
//! [`Figure::to_svg`] / [`Figure::to_png`] or saves with
//! [`Figure::save_svg`] / [`Figure::save_png`]; [`Plot`] also has these as
//! shortcuts.
//!
//! # Design
//! One scene, two renderers: a [`Figure`] is a list of primitives in pixels
//! (polylines, rectangles, circles, polygons, text). [`Axes`] maps data to
//! pixels and adds matplotlib's furniture (frame, 1-2-5 ticks, labels,
//! title, legend, grid, colorbar); [`Figure::grid`] lays several axes out
//! as subplots. The SVG keeps text as `<text>` in "DejaVu Sans"; the PNG
//! (tiny-skia) draws the same text from the bundled DejaVu Sans outlines
//! (ab_glyph), laid out with the same font metrics, so no system font,
//! fontconfig or other system library is involved. Colours are
//! matplotlib's `tab10` cycle ([`tab10`]) and `viridis` ([`viridis`]).
//!
//! # Example
//! ```
//! use learnkit::display::{Plot, RocCurveDisplay};
//! use ndarray::array;
//!
//! let y_true = array![0, 0, 1, 1, 0, 1];
//! let y_score = array![0.1, 0.4, 0.35, 0.8, 0.2, 0.9];
//! let display = RocCurveDisplay::from_predictions(y_true.view(), y_score.view(), &1)?.name("model");
//! assert!((display.roc_auc - 8.0 / 9.0).abs() < 1e-12);
//! let svg = display.to_svg();
//! assert!(svg.contains("model (AUC = 0.89)"));
//! let png = display.to_png()?;
//! assert!(png.starts_with(b"\x89PNG"));
//! # Ok::<(), learnkit::Error>(())
//! ```

mod axes;
mod calibration;
mod color;
mod confusion_matrix;
mod det;
mod feature_importance;
mod figure;
mod png;
mod precision_recall;
mod prediction_error;
mod response;
mod roc;
mod svg;
mod text;

pub use axes::{Axes, Band, LegendLoc, Line, LineStyle, Marker, Scatter};
pub use calibration::CalibrationDisplay;
pub use color::{Color, tab10, viridis};
pub use confusion_matrix::{ConfusionMatrixDisplay, Normalize};
pub use det::DetCurveDisplay;
pub use feature_importance::{FeatureImportanceDisplay, FeatureImportances};
pub use figure::{Anchor, Figure, Primitive, Stroke, TextStyle};
pub use precision_recall::PrecisionRecallDisplay;
pub use prediction_error::{PredictionErrorDisplay, PredictionErrorKind};
pub use roc::RocCurveDisplay;
pub use text::text_width;

// The model displays (plot_models).
mod decision_boundary;
mod heatmap;
mod learning_curve;
mod partial_dependence;
mod pyfmt;
mod score_curves;
mod tree;
mod tree_layout;
mod validation_curve;

pub use decision_boundary::{BoundaryResponse, DecisionBoundary, DecisionBoundaryDisplay};
pub use learning_curve::LearningCurveDisplay;
pub use partial_dependence::{PartialDependenceDisplay, PartialDependencePlot};
pub use score_curves::{ScoreType, StdDisplayStyle};
pub use tree::{PlotTree, TreeDisplay, TreeLabel, TreeModel, TreeNodeBox, plot_tree};
pub use validation_curve::ValidationCurveDisplay;

use crate::error::Result;

/// What every display does: draw itself as a [`Figure`], and the
/// shortcuts to render or save that figure.
///
/// # Example
/// ```
/// use learnkit::display::{Axes, Figure, Line, Plot};
///
/// /// A display of one's own: a line through the given points.
/// struct Trend(Vec<f64>);
/// impl Plot for Trend {
///     fn plot(&self) -> Figure {
///         let mut axes = Axes::new().title("Trend");
///         axes.line(Line::new((0..self.0.len()).map(|i| i as f64).collect(), self.0.clone()));
///         Figure::from_axes(axes)
///     }
/// }
/// assert!(Trend(vec![1.0, 3.0, 2.0]).to_svg().contains(">Trend</text>"));
/// ```
pub trait Plot {
    /// The display drawn as an 800 × 600 figure (scikit-learn's `plot()`).
    fn plot(&self) -> Figure;

    /// [`Plot::plot`] rendered as SVG.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{ConfusionMatrixDisplay, Plot};
    /// use ndarray::array;
    /// let display = ConfusionMatrixDisplay::from_predictions(array![0, 1].view(), array![0, 0].view())?;
    /// assert!(display.to_svg().contains("Predicted label"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn to_svg(&self) -> String {
        self.plot().to_svg()
    }

    /// [`Plot::plot`] rendered as PNG.
    ///
    /// # Errors
    /// Those of [`Figure::to_png`].
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{ConfusionMatrixDisplay, Plot};
    /// use ndarray::array;
    /// let display = ConfusionMatrixDisplay::from_predictions(array![0, 1].view(), array![0, 0].view())?;
    /// assert!(display.to_png()?.starts_with(b"\x89PNG"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn to_png(&self) -> Result<Vec<u8>> {
        self.plot().to_png()
    }

    /// Saves [`Plot::plot`] as an SVG file.
    ///
    /// # Errors
    /// [`Error::Write`](crate::Error::Write) when the file cannot be written.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{ConfusionMatrixDisplay, Plot};
    /// use ndarray::array;
    /// let display = ConfusionMatrixDisplay::from_predictions(array![0, 1].view(), array![0, 0].view())?;
    /// display.save_svg(std::env::temp_dir().join("learnkit_doc_cm.svg"))?;
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn save_svg(&self, path: impl AsRef<std::path::Path>) -> Result<()>
    where
        Self: Sized,
    {
        self.plot().save_svg(path)
    }

    /// Saves [`Plot::plot`] as a PNG file.
    ///
    /// # Errors
    /// Those of [`Figure::to_png`], and
    /// [`Error::Write`](crate::Error::Write) when the file cannot be written.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{ConfusionMatrixDisplay, Plot};
    /// use ndarray::array;
    /// let display = ConfusionMatrixDisplay::from_predictions(array![0, 1].view(), array![0, 0].view())?;
    /// display.save_png(std::env::temp_dir().join("learnkit_doc_cm.png"))?;
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn save_png(&self, path: impl AsRef<std::path::Path>) -> Result<()>
    where
        Self: Sized,
    {
        self.plot().save_png(path)
    }
}
