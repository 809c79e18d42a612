//! [`ConfusionMatrixDisplay`]: scikit-learn's confusion-matrix heatmap.

use super::Plot;
use super::axes::{Axes, FONT_SIZE};
use super::color::viridis;
use super::figure::{Anchor, Figure, TextStyle};
use super::response::label_text;
use crate::error::Result;
use crate::float::{Float, Label};
use crate::metrics::confusion_matrix;
use crate::traits::Classifier;
use ndarray::{Array2, ArrayView1, ArrayView2, Axis};

/// How a confusion matrix is normalised (scikit-learn's `normalize`).
///
/// # Example
/// ```
/// use learnkit::display::{ConfusionMatrixDisplay, Normalize};
/// use ndarray::array;
/// let display = ConfusionMatrixDisplay::from_predictions(array![0, 0, 1].view(), array![0, 1, 1].view())?
///     .normalize(Normalize::True);
/// assert_eq!(display.confusion_matrix, array![[0.5, 0.5], [0.0, 1.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Normalize {
    /// Counts (`None`).
    #[default]
    None,
    /// Each row (true label) sums to one (`"true"`).
    True,
    /// Each column (predicted label) sums to one (`"pred"`).
    Pred,
    /// The whole matrix sums to one (`"all"`).
    All,
}

/// A confusion matrix drawn as a `viridis` heatmap with the value in each
/// cell, the class labels on the axes and a colorbar, as scikit-learn's
/// `ConfusionMatrixDisplay`.
///
/// # Example
/// ```
/// use learnkit::display::{ConfusionMatrixDisplay, Plot};
/// use ndarray::array;
///
/// let y_true = array!["cat", "dog", "dog", "bird", "cat"];
/// let y_pred = array!["cat", "dog", "cat", "bird", "cat"];
/// let display = ConfusionMatrixDisplay::from_predictions(y_true.view(), y_pred.view())?;
/// assert_eq!(display.display_labels, ["bird", "cat", "dog"]);
/// assert_eq!(display.confusion_matrix[[2, 1]], 1.0);
/// let svg = display.to_svg();
/// assert!(svg.contains(">dog</text>") && svg.contains("True label"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ConfusionMatrixDisplay {
    /// The counts, or the normalised matrix: rows are true labels, columns
    /// predicted labels.
    pub confusion_matrix: Array2<f64>,
    /// The counts, kept to normalise again.
    pub counts: Array2<usize>,
    /// The class names of the rows and columns.
    pub display_labels: Vec<String>,
    /// How `confusion_matrix` is normalised.
    pub normalize: Normalize,
}

impl ConfusionMatrixDisplay {
    /// The confusion matrix of `y_pred` against `y_true`; the labels are
    /// the sorted union of both, as
    /// [`confusion_matrix`](crate::metrics::confusion_matrix).
    ///
    /// # Errors
    /// Those of [`confusion_matrix`](crate::metrics::confusion_matrix):
    /// mismatched lengths, no samples.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::ConfusionMatrixDisplay;
    /// use ndarray::array;
    /// let display = ConfusionMatrixDisplay::from_predictions(array![1, 0].view(), array![1, 1].view())?;
    /// assert_eq!(display.counts, array![[0, 1], [0, 1]]);
    /// assert!(ConfusionMatrixDisplay::from_predictions(array![1, 0].view(), array![1].view()).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_predictions<L: Label>(y_true: ArrayView1<'_, L>, y_pred: ArrayView1<'_, L>) -> Result<Self> {
        let cm = confusion_matrix(y_true, y_pred)?;
        Ok(ConfusionMatrixDisplay {
            confusion_matrix: cm.matrix.mapv(|c| c as f64),
            counts: cm.matrix,
            display_labels: cm.labels.iter().map(label_text).collect(),
            normalize: Normalize::None,
        })
    }

    /// The confusion matrix of a fitted classifier's predictions on `x`
    /// against `y` (a regressor does not compile).
    ///
    /// # Errors
    /// Prediction errors, and those of
    /// [`ConfusionMatrixDisplay::from_predictions`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::display::ConfusionMatrixDisplay;
    /// let iris = load_iris();
    /// let model = DecisionTreeClassifier::default().max_depth(Some(2)).fit(iris.data.view(), iris.target.view())?;
    /// let display = ConfusionMatrixDisplay::from_estimator(&model, iris.data.view(), iris.target.view())?;
    /// assert_eq!(display.counts.sum(), 150);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_estimator<F: Float, M: Classifier<F>>(
        model: &M,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, M::Output>,
    ) -> Result<Self>
    where
        M::Output: Label,
    {
        let predicted = model.predict(x)?;
        Self::from_predictions(y, predicted.view())
    }

    /// Normalises the matrix as scikit-learn's `normalize` (a row or column
    /// of zeros stays zeros, as its `nan_to_num`).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{ConfusionMatrixDisplay, Normalize};
    /// use ndarray::array;
    /// let display = ConfusionMatrixDisplay::from_predictions(array![0, 0, 1, 1].view(), array![0, 1, 1, 1].view())?;
    /// assert_eq!(display.clone().normalize(Normalize::Pred).confusion_matrix, array![[1.0, 1.0 / 3.0], [0.0, 2.0 / 3.0]]);
    /// assert_eq!(display.clone().normalize(Normalize::All).confusion_matrix, array![[0.25, 0.25], [0.0, 0.5]]);
    /// assert_eq!(display.normalize(Normalize::None).confusion_matrix, array![[1.0, 1.0], [0.0, 2.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn normalize(mut self, normalize: Normalize) -> Self {
        let counts = self.counts.mapv(|c| c as f64);
        let ratio = |a: f64, b: f64| if b == 0.0 { 0.0 } else { a / b };
        self.confusion_matrix = match normalize {
            Normalize::True => {
                let sums = counts.sum_axis(Axis(1));
                Array2::from_shape_fn(counts.dim(), |(i, j)| ratio(counts[[i, j]], sums[i]))
            }
            Normalize::Pred => {
                let sums = counts.sum_axis(Axis(0));
                Array2::from_shape_fn(counts.dim(), |(i, j)| ratio(counts[[i, j]], sums[j]))
            }
            Normalize::All => {
                let total = counts.sum();
                counts.mapv(|c| ratio(c, total))
            }
            _ => counts,
        };
        self.normalize = normalize;
        self
    }

    /// Replaces the class names on the axes (scikit-learn's
    /// `display_labels`); ignored unless there is one per class.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::ConfusionMatrixDisplay;
    /// use ndarray::array;
    /// let display = ConfusionMatrixDisplay::from_predictions(array![0, 1].view(), array![0, 1].view())?
    ///     .display_labels(vec!["benign".into(), "malignant".into()]);
    /// assert_eq!(display.display_labels, ["benign", "malignant"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn display_labels(mut self, labels: Vec<String>) -> Self {
        if labels.len() == self.display_labels.len() {
            self.display_labels = labels;
        }
        self
    }
}

/// Python's `format(value, ".2g")`: two significant digits, trailing zeros
/// dropped, scientific notation below 1e-4 and from 100 up.
pub(crate) fn format_2g(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return if value.is_nan() { "nan".into() } else { format!("{value}") };
    }
    let exponent = format!("{value:.1e}");
    let (mantissa, exp) = exponent.split_once('e').unwrap_or((&exponent, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..2).contains(&exp) {
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.abs());
    }
    let decimals = (1 - exp).max(0) as usize;
    let fixed = format!("{value:.decimals$}");
    if fixed.contains('.') {
        fixed.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        fixed
    }
}

impl ConfusionMatrixDisplay {
    /// The text in cell `(i, j)`: scikit-learn's default `values_format`
    /// (`.2g`, or the integer when that is shorter for counts).
    fn cell_text(&self, i: usize, j: usize) -> String {
        let g = format_2g(self.confusion_matrix[[i, j]]);
        if self.normalize == Normalize::None {
            let d = self.counts[[i, j]].to_string();
            if d.len() < g.len() {
                return d;
            }
        }
        g
    }
}

impl Plot for ConfusionMatrixDisplay {
    /// The heatmap (row 0 on top), values in the cells in white on dark
    /// cells and dark on light ones, a colorbar, "Predicted label" and
    /// "True label".
    fn plot(&self) -> Figure {
        let n = self.display_labels.len();
        let cm = &self.confusion_matrix;
        let (lo, hi) = cm.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
        let scale = |v: f64| if hi > lo { (v - lo) / (hi - lo) } else { 0.0 };
        let ticks: Vec<(f64, String)> = self.display_labels.iter().enumerate().map(|(i, l)| (i as f64, l.clone())).collect();
        let edge = n as f64 - 0.5;
        let mut axes = Axes::new()
            .xlabel("Predicted label")
            .ylabel("True label")
            .xlim(-0.5, edge)
            .ylim(-0.5, edge)
            .invert_y(true)
            .equal_aspect(true)
            .xticks(ticks.clone())
            .yticks(ticks)
            .colorbar(lo, hi, viridis);
        // scikit-learn: the colormap's low end on cells above the middle
        // of the range, its high end below.
        let threshold = (hi + lo) / 2.0;
        for i in 0..n {
            for j in 0..n {
                let value = cm[[i, j]];
                let (x, y) = (j as f64, i as f64);
                axes.rect(x - 0.5, y - 0.5, x + 0.5, y + 0.5, viridis(scale(value)));
                let color = if value < threshold { viridis(1.0) } else { viridis(0.0) };
                axes.text(
                    x,
                    y,
                    self.cell_text(i, j),
                    TextStyle::new(FONT_SIZE).anchor(Anchor::Middle).color(color),
                );
            }
        }
        Figure::from_axes(axes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_significant_digits_as_python() {
        let cases = [
            (0.5, "0.5"),
            (1.0 / 3.0, "0.33"),
            (1.0, "1"),
            (0.0, "0"),
            (12.0, "12"),
            (123.0, "1.2e+02"),
            (0.00012, "0.00012"),
            (0.000012, "1.2e-05"),
            (0.999, "1"),
            (0.096, "0.096"),
        ];
        for (value, expected) in cases {
            assert_eq!(format_2g(value), expected, "{value}");
        }
    }
}
