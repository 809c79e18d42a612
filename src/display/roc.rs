//! [`RocCurveDisplay`]: scikit-learn's ROC curve figure.

use super::axes::{Axes, LegendLoc, Line, LineStyle};
use super::color::Color;
use super::figure::Figure;
use super::response::{estimator_name, label_text, legend_label, pos_label_suffix, positive_decision, positive_proba};
use super::Plot;
use crate::error::Result;
use crate::float::{Float, Label};
use crate::metrics::{auc, roc_curve};
use crate::traits::{DecisionFunction, PredictProba};
use ndarray::{Array1, ArrayView1, ArrayView2};

/// A ROC curve with its area, as scikit-learn's `RocCurveDisplay`: the
/// legend reads `name (AUC = 0.93)`, the axes are the false and true
/// positive rates of the positive label, square, from -0.01 to 1.01.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_breast_cancer;
/// use learnkit::display::{Plot, RocCurveDisplay};
///
/// let data = load_breast_cancer();
/// let model = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
///     .fit(data.data.view(), data.target.view())?;
/// let display = RocCurveDisplay::from_estimator(&model, data.data.view(), data.target.view())?
///     .plot_chance_level(true);
/// assert!(display.roc_auc > 0.99);
/// let svg = display.to_svg();
/// assert!(svg.contains("Pipeline (AUC = 1.00)") || svg.contains("Pipeline (AUC = 0.99)"));
/// assert!(svg.contains("Chance level (AUC = 0.5)"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RocCurveDisplay {
    /// False positive rates (scikit-learn's `roc_curve`).
    pub fpr: Array1<f64>,
    /// True positive rates.
    pub tpr: Array1<f64>,
    /// The decreasing thresholds, the first `+inf`.
    pub thresholds: Array1<f64>,
    /// The area under the curve.
    pub roc_auc: f64,
    /// The name in the legend (the model's type for `from_estimator`).
    pub name: Option<String>,
    /// The positive label, as text, shown in the axis labels.
    pub pos_label: Option<String>,
    /// Whether to draw the chance diagonal (scikit-learn's
    /// `plot_chance_level`, off by default).
    pub plot_chance_level: bool,
}

impl RocCurveDisplay {
    const CONTEXT: &'static str = "RocCurveDisplay";

    /// The ROC curve of `y_score` (greater means more likely `pos_label`)
    /// against `y_true`.
    ///
    /// # Errors
    /// Those of [`roc_curve`](crate::metrics::roc_curve): mismatched
    /// lengths, no samples, non-finite scores, no positive or no negative
    /// sample in `y_true`.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::RocCurveDisplay;
    /// use ndarray::array;
    /// let display = RocCurveDisplay::from_predictions(array!["a", "b", "b"].view(), array![0.2, 0.9, 0.4].view(), &"b")?;
    /// assert_eq!(display.roc_auc, 1.0);
    /// assert!(RocCurveDisplay::from_predictions(array!["b", "b"].view(), array![0.2, 0.9].view(), &"b").is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_predictions<L: Label, F: Float>(
        y_true: ArrayView1<'_, L>,
        y_score: ArrayView1<'_, F>,
        pos_label: &L,
    ) -> Result<Self> {
        let curve = roc_curve(y_true, y_score, pos_label)?;
        let roc_auc = auc(curve.fpr.view(), curve.tpr.view())?;
        Ok(RocCurveDisplay {
            fpr: curve.fpr,
            tpr: curve.tpr,
            thresholds: curve.thresholds,
            roc_auc,
            name: None,
            pos_label: Some(label_text(pos_label)),
            plot_chance_level: false,
        })
    }

    /// The ROC curve of a fitted binary classifier on `x`, scored by its
    /// probability of `classes()[1]` (scikit-learn's
    /// `response_method="auto"`, which takes `predict_proba` first), named
    /// after the model's type. For a model without probabilities, see
    /// [`RocCurveDisplay::from_estimator_decision`]; a regressor does not
    /// compile.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when the model
    /// does not have exactly two classes; prediction errors; those of
    /// [`RocCurveDisplay::from_predictions`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::display::RocCurveDisplay;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let y = array![0, 0, 1, 1];
    /// let model = LogisticRegression::default().fit(x.view(), y.view())?;
    /// let display = RocCurveDisplay::from_estimator(&model, x.view(), y.view())?;
    /// assert_eq!((display.roc_auc, display.name.as_deref()), (1.0, Some("LogisticRegression")));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_estimator<F: Float, M: PredictProba<F>>(
        model: &M,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, M::Output>,
    ) -> Result<Self>
    where
        M::Output: Label,
    {
        let (scores, positive) = positive_proba(Self::CONTEXT, model, x)?;
        Ok(Self::from_predictions(y, scores.view(), &positive)?.name(estimator_name::<M>()))
    }

    /// As [`RocCurveDisplay::from_estimator`], scored by the decision
    /// function (scikit-learn's `response_method="decision_function"`):
    /// for [`LinearSVC`](crate::svm::LinearSVC) or an
    /// [`SVC`](crate::svm::SVC) without probabilities.
    ///
    /// # Errors
    /// As [`RocCurveDisplay::from_estimator`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::display::RocCurveDisplay;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let y = array![0, 0, 1, 1];
    /// let model = LinearSVC::default().fit(x.view(), y.view())?;
    /// let display = RocCurveDisplay::from_estimator_decision(&model, x.view(), y.view())?;
    /// assert_eq!(display.roc_auc, 1.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_estimator_decision<F: Float, M: DecisionFunction<F>>(
        model: &M,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, M::Output>,
    ) -> Result<Self>
    where
        M::Output: Label,
    {
        let (scores, positive) = positive_decision(Self::CONTEXT, model, x)?;
        Ok(Self::from_predictions(y, scores.view(), &positive)?.name(estimator_name::<M>()))
    }

    /// Sets the name shown in the legend.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Plot, RocCurveDisplay};
    /// use ndarray::array;
    /// let display = RocCurveDisplay::from_predictions(array![0, 1].view(), array![0.1, 0.9].view(), &1)?.name("forest");
    /// assert!(display.to_svg().contains("forest (AUC = 1.00)"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Draws (or not) the chance diagonal, `Chance level (AUC = 0.5)`.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Plot, RocCurveDisplay};
    /// use ndarray::array;
    /// let display = RocCurveDisplay::from_predictions(array![0, 1].view(), array![0.1, 0.9].view(), &1)?;
    /// assert!(display.plot_chance_level(true).to_svg().contains("Chance level"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn plot_chance_level(mut self, on: bool) -> Self {
        self.plot_chance_level = on;
        self
    }
}

impl Plot for RocCurveDisplay {
    /// The curve, in square axes from -0.01 to 1.01, legend lower right.
    fn plot(&self) -> Figure {
        let suffix = pos_label_suffix(self.pos_label.as_deref());
        let mut axes = Axes::new()
            .xlabel(format!("False Positive Rate{suffix}"))
            .ylabel(format!("True Positive Rate{suffix}"))
            .xlim(-0.01, 1.01)
            .ylim(-0.01, 1.01)
            .equal_aspect(true)
            .legend(LegendLoc::LowerRight);
        axes.line(Line::new(self.fpr.to_vec(), self.tpr.to_vec()).label(legend_label(
            self.name.as_deref(),
            "AUC",
            self.roc_auc,
        )));
        if self.plot_chance_level {
            axes.line(
                Line::new(vec![0.0, 1.0], vec![0.0, 1.0])
                    .color(Color::BLACK)
                    .style(LineStyle::Dashed)
                    .label("Chance level (AUC = 0.5)"),
            );
        }
        Figure::from_axes(axes)
    }
}
