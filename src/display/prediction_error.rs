//! [`PredictionErrorDisplay`]: scikit-learn's regression residual and
//! actual-versus-predicted scatter.

use super::Plot;
use super::axes::{Axes, Line, LineStyle, Scatter};
use super::color::{Color, tab10};
use super::figure::Figure;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::traits::Predictor;
use crate::validation::{check_finite_1d, check_same_length};
use ndarray::{Array1, ArrayView1, ArrayView2};

/// What a [`PredictionErrorDisplay`] plots (scikit-learn's `kind`).
///
/// # Example
/// ```
/// use learnkit::display::PredictionErrorKind;
/// assert_eq!(PredictionErrorKind::default(), PredictionErrorKind::ResidualVsPredicted);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum PredictionErrorKind {
    /// Actual values against predicted ones, with the diagonal
    /// (`"actual_vs_predicted"`).
    ActualVsPredicted,
    /// Residuals (actual − predicted) against predicted values, with the
    /// zero line (`"residual_vs_predicted"`, scikit-learn's default).
    #[default]
    ResidualVsPredicted,
}

/// A regressor's errors as a scatter, as scikit-learn's
/// `PredictionErrorDisplay`.
///
/// Unlike scikit-learn, which keeps a random 1,000 samples by default,
/// every sample is kept unless [`PredictionErrorDisplay::subsample`] is
/// called.
///
/// # Example
/// ```
/// use learnkit::display::{Plot, PredictionErrorDisplay, PredictionErrorKind};
/// use ndarray::array;
///
/// let display = PredictionErrorDisplay::from_predictions(array![1.0, 2.0, 3.0].view(), array![1.5, 2.0, 2.0].view())?;
/// assert_eq!(display.residuals(), array![-0.5, 0.0, 1.0]);
/// assert!(display.to_svg().contains("Residuals (actual - predicted)"));
/// let display = display.kind(PredictionErrorKind::ActualVsPredicted);
/// assert!(display.to_svg().contains("Actual values"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PredictionErrorDisplay {
    /// The true targets.
    pub y_true: Array1<f64>,
    /// The predictions.
    pub y_pred: Array1<f64>,
    /// What is plotted.
    pub kind: PredictionErrorKind,
}

impl PredictionErrorDisplay {
    const CONTEXT: &'static str = "PredictionErrorDisplay";

    /// The errors of `y_pred` against `y_true`.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] for different lengths,
    /// [`Error::EmptyInput`] for no samples, [`Error::NonFinite`] for a NaN
    /// or infinite value.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::PredictionErrorDisplay;
    /// use ndarray::array;
    /// assert!(PredictionErrorDisplay::from_predictions(array![1.0].view(), array![1.0, 2.0].view()).is_err());
    /// ```
    pub fn from_predictions<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<Self> {
        check_same_length(Self::CONTEXT, "y_true vs y_pred", y_true.len(), y_pred.len())?;
        if y_true.is_empty() {
            return Err(Error::EmptyInput {
                context: Self::CONTEXT.into(),
                what: "y_true has no samples",
            });
        }
        check_finite_1d(Self::CONTEXT, y_true)?;
        check_finite_1d(Self::CONTEXT, y_pred)?;
        Ok(PredictionErrorDisplay {
            y_true: y_true.mapv(|v| v.as_f64()),
            y_pred: y_pred.mapv(|v| v.as_f64()),
            kind: PredictionErrorKind::default(),
        })
    }

    /// The errors of a fitted regressor's predictions on `x` against `y`
    /// (a classifier does not compile: its output is a label).
    ///
    /// # Errors
    /// Prediction errors, and those of
    /// [`PredictionErrorDisplay::from_predictions`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::display::PredictionErrorDisplay;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0]];
    /// let y = array![0.0, 1.0, 2.0];
    /// let model = LinearRegression::default().fit(x.view(), y.view())?;
    /// let display = PredictionErrorDisplay::from_estimator(&model, x.view(), y.view())?;
    /// assert!(display.residuals().iter().all(|r| r.abs() < 1e-12));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_estimator<F: Float, M: Predictor<F, Output = F>>(
        model: &M,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
    ) -> Result<Self> {
        let predicted = model.predict(x)?;
        Self::from_predictions(y, predicted.view())
    }

    /// Sets what is plotted.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{PredictionErrorDisplay, PredictionErrorKind};
    /// use ndarray::array;
    /// let display = PredictionErrorDisplay::from_predictions(array![1.0].view(), array![1.0].view())?
    ///     .kind(PredictionErrorKind::ActualVsPredicted);
    /// assert_eq!(display.kind, PredictionErrorKind::ActualVsPredicted);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn kind(mut self, kind: PredictionErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// Keeps `n` samples drawn at random without replacement (all when
    /// there are no more), reproducibly for a given `random_state`, to keep
    /// a large scatter readable (scikit-learn's `subsample`).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::PredictionErrorDisplay;
    /// use ndarray::Array1;
    /// let y = Array1::linspace(0.0, 1.0, 100);
    /// let display = PredictionErrorDisplay::from_predictions(y.view(), y.view())?.subsample(10, 0);
    /// assert_eq!(display.y_true.len(), 10);
    /// assert_eq!(display.y_true, display.y_pred);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn subsample(mut self, n: usize, random_state: u64) -> Self {
        let total = self.y_true.len();
        if n < total {
            let mut rng = crate::random::rng_from(Some(random_state));
            let mut keep = rand::seq::index::sample(&mut rng, total, n).into_vec();
            keep.sort_unstable();
            self.y_true = keep.iter().map(|&i| self.y_true[i]).collect();
            self.y_pred = keep.iter().map(|&i| self.y_pred[i]).collect();
        }
        self
    }

    /// `y_true - y_pred`.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::PredictionErrorDisplay;
    /// use ndarray::array;
    /// let display = PredictionErrorDisplay::from_predictions(array![3.0].view(), array![1.0].view())?;
    /// assert_eq!(display.residuals(), array![2.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn residuals(&self) -> Array1<f64> {
        &self.y_true - &self.y_pred
    }
}

impl Plot for PredictionErrorDisplay {
    /// Blue points (opacity 0.8) and a dashed black reference line
    /// (opacity 0.7), as scikit-learn's defaults.
    fn plot(&self) -> Figure {
        let line_color = Color::BLACK.with_alpha(0.7);
        let points = tab10(0).with_alpha(0.8);
        let min_pred = self.y_pred.iter().cloned().fold(f64::INFINITY, f64::min);
        let max_pred = self.y_pred.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let mut axes;
        match self.kind {
            PredictionErrorKind::ActualVsPredicted => {
                let lo = min_pred.min(self.y_true.iter().cloned().fold(f64::INFINITY, f64::min));
                let hi = max_pred.max(self.y_true.iter().cloned().fold(f64::NEG_INFINITY, f64::max));
                let margin = if hi > lo { 0.05 * (hi - lo) } else { 0.5 };
                axes = Axes::new()
                    .xlabel("Predicted values")
                    .ylabel("Actual values")
                    .xlim(lo - margin, hi + margin)
                    .ylim(lo - margin, hi + margin)
                    .equal_aspect(true);
                axes.line(
                    Line::new(vec![lo, hi], vec![lo, hi])
                        .color(line_color)
                        .style(LineStyle::Dashed),
                );
                axes.scatter(Scatter::new(self.y_pred.to_vec(), self.y_true.to_vec()).colors(vec![points]));
            }
            _ => {
                axes = Axes::new()
                    .xlabel("Predicted values")
                    .ylabel("Residuals (actual - predicted)");
                axes.line(
                    Line::new(vec![min_pred, max_pred], vec![0.0, 0.0])
                        .color(line_color)
                        .style(LineStyle::Dashed),
                );
                axes.scatter(Scatter::new(self.y_pred.to_vec(), self.residuals().to_vec()).colors(vec![points]));
            }
        }
        Figure::from_axes(axes)
    }
}
