//! [`CalibrationDisplay`]: scikit-learn's calibration curve (reliability
//! diagram).

use super::Plot;
use super::axes::{Axes, LegendLoc, Line, LineStyle, Marker};
use super::color::Color;
use super::figure::Figure;
use super::response::{estimator_name, label_text, positive_proba};
use crate::calibration::{BinStrategy, calibration_curve};
use crate::error::Result;
use crate::float::{Float, Label};
use crate::traits::PredictProba;
use ndarray::{Array1, ArrayView1, ArrayView2};

/// A calibration curve, as scikit-learn's `CalibrationDisplay`: the
/// fraction of positives against the mean predicted probability in each
/// bin (squares joined by a line), and the dotted diagonal "Perfectly
/// calibrated".
///
/// # Example
/// ```
/// use learnkit::calibration::BinStrategy;
/// use learnkit::display::{CalibrationDisplay, Plot};
/// use ndarray::array;
///
/// let y_true = array![0, 0, 0, 1, 1, 1];
/// let y_prob = array![0.1, 0.2, 0.6, 0.4, 0.8, 0.9];
/// let display = CalibrationDisplay::from_predictions(y_true.view(), y_prob.view(), &1, 2, BinStrategy::Uniform)?;
/// assert_eq!(display.prob_true, array![1.0 / 3.0, 2.0 / 3.0]);
/// let svg = display.to_svg();
/// assert!(svg.contains("Perfectly calibrated") && svg.contains("Fraction of positives (Positive class: 1)"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CalibrationDisplay {
    /// The fraction of positive samples in each non-empty bin.
    pub prob_true: Array1<f64>,
    /// The mean predicted probability in each non-empty bin.
    pub prob_pred: Array1<f64>,
    /// The predicted probabilities of the positive class.
    pub y_prob: Array1<f64>,
    /// The name in the legend (the model's type for `from_estimator`).
    pub name: Option<String>,
    /// The positive class, as text, shown in the axis labels.
    pub pos_label: Option<String>,
    /// Whether to draw the "Perfectly calibrated" diagonal (on by default,
    /// scikit-learn's `ref_line`).
    pub ref_line: bool,
}

impl CalibrationDisplay {
    const CONTEXT: &'static str = "CalibrationDisplay";

    /// The calibration curve of the probabilities `y_prob` of `pos_label`
    /// against `y_true`, in `n_bins` bins (scikit-learn's default is 5).
    ///
    /// # Errors
    /// Those of [`calibration_curve`](crate::calibration::calibration_curve).
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::BinStrategy;
    /// use learnkit::display::CalibrationDisplay;
    /// use ndarray::array;
    /// let bad = CalibrationDisplay::from_predictions(array![0, 1].view(), array![0.5].view(), &1, 5, BinStrategy::Uniform);
    /// assert!(bad.is_err());
    /// ```
    pub fn from_predictions<L: Label, F: Float>(
        y_true: ArrayView1<'_, L>,
        y_prob: ArrayView1<'_, F>,
        pos_label: &L,
        n_bins: usize,
        strategy: BinStrategy,
    ) -> Result<Self> {
        let curve = calibration_curve(y_true, y_prob, pos_label, n_bins, strategy)?;
        Ok(CalibrationDisplay {
            prob_true: curve.prob_true,
            prob_pred: curve.prob_pred,
            y_prob: y_prob.mapv(|v| v.as_f64()),
            name: None,
            pos_label: Some(label_text(pos_label)),
            ref_line: true,
        })
    }

    /// The calibration curve of a fitted binary classifier's probability of
    /// `classes()[1]` on `x`, named after the model's type. A model without
    /// `predict_proba` or a regressor does not compile.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when the model
    /// does not have exactly two classes; prediction errors; those of
    /// [`CalibrationDisplay::from_predictions`].
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::BinStrategy;
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_breast_cancer;
    /// use learnkit::display::CalibrationDisplay;
    /// let data = load_breast_cancer();
    /// let model = GaussianNB::default().fit(data.data.view(), data.target.view())?;
    /// let display = CalibrationDisplay::from_estimator(&model, data.data.view(), data.target.view(), 10, BinStrategy::Uniform)?;
    /// assert_eq!(display.name.as_deref(), Some("GaussianNB"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_estimator<F: Float, M: PredictProba<F>>(
        model: &M,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, M::Output>,
        n_bins: usize,
        strategy: BinStrategy,
    ) -> Result<Self>
    where
        M::Output: Label,
    {
        let (proba, positive) = positive_proba(Self::CONTEXT, model, x)?;
        let mut display = Self::from_predictions(y, proba.view(), &positive, n_bins, strategy)?;
        display.name = Some(estimator_name::<M>());
        Ok(display)
    }

    /// Sets the name shown in the legend.
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::BinStrategy;
    /// use learnkit::display::{CalibrationDisplay, Plot};
    /// use ndarray::array;
    /// let display = CalibrationDisplay::from_predictions(array![0, 1].view(), array![0.2, 0.7].view(), &1, 5, BinStrategy::Uniform)?
    ///     .name("naive Bayes");
    /// assert!(display.to_svg().contains(">naive Bayes</text>"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Draws (or not) the "Perfectly calibrated" diagonal.
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::BinStrategy;
    /// use learnkit::display::{CalibrationDisplay, Plot};
    /// use ndarray::array;
    /// let display = CalibrationDisplay::from_predictions(array![0, 1].view(), array![0.2, 0.7].view(), &1, 5, BinStrategy::Uniform)?;
    /// assert!(!display.ref_line(false).to_svg().contains("Perfectly calibrated"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn ref_line(mut self, on: bool) -> Self {
        self.ref_line = on;
        self
    }
}

impl Plot for CalibrationDisplay {
    /// The diagonal (black, dotted) and the curve (squares joined by a
    /// line) in square axes from -0.05 to 1.05, legend lower right.
    fn plot(&self) -> Figure {
        let suffix = self
            .pos_label
            .as_deref()
            .map_or_else(String::new, |p| format!(" (Positive class: {p})"));
        let mut axes = Axes::new()
            .xlabel(format!("Mean predicted probability{suffix}"))
            .ylabel(format!("Fraction of positives{suffix}"))
            .xlim(-0.05, 1.05)
            .ylim(-0.05, 1.05)
            .equal_aspect(true)
            .legend(LegendLoc::LowerRight);
        if self.ref_line {
            axes.line(
                Line::new(vec![0.0, 1.0], vec![0.0, 1.0])
                    .color(Color::BLACK)
                    .style(LineStyle::Dotted)
                    .label("Perfectly calibrated"),
            );
        }
        let mut curve = Line::new(self.prob_pred.to_vec(), self.prob_true.to_vec()).marker(Marker::Square);
        if let Some(name) = &self.name {
            curve = curve.label(name.clone());
        }
        axes.line(curve);
        Figure::from_axes(axes)
    }
}
