//! [`PrecisionRecallDisplay`]: scikit-learn's precision-recall curve figure.

use super::Plot;
use super::axes::{Axes, LegendLoc, Line, LineStyle};
use super::color::Color;
use super::figure::Figure;
use super::response::{estimator_name, label_text, legend_label, pos_label_suffix, positive_decision, positive_proba};
use crate::error::Result;
use crate::float::{Float, Label};
use crate::metrics::{average_precision_score, precision_recall_curve};
use crate::traits::{DecisionFunction, PredictProba};
use ndarray::{Array1, ArrayView1, ArrayView2};

/// A precision-recall curve with its average precision, as scikit-learn's
/// `PrecisionRecallDisplay`: drawn as steps (`drawstyle="steps-post"`), the
/// legend reads `name (AP = 0.93)`.
///
/// # Example
/// ```
/// use learnkit::display::{Plot, PrecisionRecallDisplay};
/// use ndarray::array;
///
/// let y_true = array![0, 0, 1, 1];
/// let y_score = array![0.1, 0.4, 0.35, 0.8];
/// let display = PrecisionRecallDisplay::from_predictions(y_true.view(), y_score.view(), &1)?.name("model");
/// assert!((display.average_precision - 0.8333333333333333).abs() < 1e-15);
/// assert_eq!(display.prevalence_pos_label, 0.5);
/// assert!(display.to_svg().contains("model (AP = 0.83)"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PrecisionRecallDisplay {
    /// Precision at each threshold, ending with 1 (scikit-learn's
    /// `precision_recall_curve`).
    pub precision: Array1<f64>,
    /// Recall at each threshold, decreasing to 0.
    pub recall: Array1<f64>,
    /// The increasing thresholds.
    pub thresholds: Array1<f64>,
    /// The average precision.
    pub average_precision: f64,
    /// The share of positive samples: the precision of a random classifier.
    pub prevalence_pos_label: f64,
    /// The name in the legend (the model's type for `from_estimator`).
    pub name: Option<String>,
    /// The positive label, as text, shown in the axis labels.
    pub pos_label: Option<String>,
    /// Whether to draw the chance level (the prevalence), off by default.
    pub plot_chance_level: bool,
}

impl PrecisionRecallDisplay {
    const CONTEXT: &'static str = "PrecisionRecallDisplay";

    /// The curve of `y_score` (greater means more likely `pos_label`)
    /// against `y_true`.
    ///
    /// # Errors
    /// Those of [`precision_recall_curve`](crate::metrics::precision_recall_curve):
    /// mismatched lengths, no samples, non-finite scores.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::PrecisionRecallDisplay;
    /// use ndarray::array;
    /// let display = PrecisionRecallDisplay::from_predictions(array!["a", "b"].view(), array![0.2, 0.9].view(), &"b")?;
    /// assert_eq!(display.average_precision, 1.0);
    /// assert!(PrecisionRecallDisplay::from_predictions(array!["a"].view(), array![0.2, 0.9].view(), &"b").is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_predictions<L: Label, F: Float>(
        y_true: ArrayView1<'_, L>,
        y_score: ArrayView1<'_, F>,
        pos_label: &L,
    ) -> Result<Self> {
        let curve = precision_recall_curve(y_true, y_score, pos_label)?;
        let average_precision = average_precision_score(y_true, y_score, pos_label)?;
        let positives = y_true.iter().filter(|&l| l == pos_label).count();
        Ok(PrecisionRecallDisplay {
            precision: curve.precision,
            recall: curve.recall,
            thresholds: curve.thresholds,
            average_precision,
            prevalence_pos_label: positives as f64 / y_true.len() as f64,
            name: None,
            pos_label: Some(label_text(pos_label)),
            plot_chance_level: false,
        })
    }

    /// The curve of a fitted binary classifier on `x`, scored by its
    /// probability of `classes()[1]` (scikit-learn's
    /// `response_method="auto"`), named after the model's type; see
    /// [`PrecisionRecallDisplay::from_estimator_decision`] for a model
    /// without probabilities. A regressor does not compile.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when the model
    /// does not have exactly two classes; prediction errors; those of
    /// [`PrecisionRecallDisplay::from_predictions`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::display::PrecisionRecallDisplay;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let y = array![0, 0, 1, 1];
    /// let model = LogisticRegression::default().fit(x.view(), y.view())?;
    /// let display = PrecisionRecallDisplay::from_estimator(&model, x.view(), y.view())?;
    /// assert_eq!(display.average_precision, 1.0);
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

    /// As [`PrecisionRecallDisplay::from_estimator`], scored by the
    /// decision function (scikit-learn's `response_method="decision_function"`).
    ///
    /// # Errors
    /// As [`PrecisionRecallDisplay::from_estimator`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::display::PrecisionRecallDisplay;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let y = array![0, 0, 1, 1];
    /// let model = LinearSVC::default().fit(x.view(), y.view())?;
    /// let display = PrecisionRecallDisplay::from_estimator_decision(&model, x.view(), y.view())?;
    /// assert_eq!(display.name.as_deref(), Some("LinearSVC"));
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
    /// use learnkit::display::{Plot, PrecisionRecallDisplay};
    /// use ndarray::array;
    /// let display = PrecisionRecallDisplay::from_predictions(array![0, 1].view(), array![0.1, 0.9].view(), &1)?.name("svm");
    /// assert!(display.to_svg().contains("svm (AP = 1.00)"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Draws (or not) the chance level: a horizontal line at the
    /// prevalence, `Chance level (AP = 0.50)`.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Plot, PrecisionRecallDisplay};
    /// use ndarray::array;
    /// let display = PrecisionRecallDisplay::from_predictions(array![0, 1].view(), array![0.1, 0.9].view(), &1)?;
    /// assert!(display.plot_chance_level(true).to_svg().contains("Chance level (AP = 0.50)"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn plot_chance_level(mut self, on: bool) -> Self {
        self.plot_chance_level = on;
        self
    }
}

/// matplotlib's `drawstyle="steps-post"`: from each point, across to the
/// next x, then up or down to the next y.
pub(crate) fn steps_post(x: &[f64], y: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let n = x.len().min(y.len());
    let (mut sx, mut sy) = (Vec::with_capacity(2 * n), Vec::with_capacity(2 * n));
    for i in 0..n {
        if i > 0 {
            sx.push(x[i]);
            sy.push(y[i - 1]);
        }
        sx.push(x[i]);
        sy.push(y[i]);
    }
    (sx, sy)
}

impl Plot for PrecisionRecallDisplay {
    /// The stepped curve in square axes from -0.01 to 1.01, legend lower
    /// left.
    fn plot(&self) -> Figure {
        let suffix = pos_label_suffix(self.pos_label.as_deref());
        let mut axes = Axes::new()
            .xlabel(format!("Recall{suffix}"))
            .ylabel(format!("Precision{suffix}"))
            .xlim(-0.01, 1.01)
            .ylim(-0.01, 1.01)
            .equal_aspect(true)
            .legend(LegendLoc::LowerLeft);
        let (x, y) = steps_post(&self.recall.to_vec(), &self.precision.to_vec());
        axes.line(Line::new(x, y).label(legend_label(self.name.as_deref(), "AP", self.average_precision)));
        if self.plot_chance_level {
            let p = self.prevalence_pos_label;
            axes.line(
                Line::new(vec![0.0, 1.0], vec![p, p])
                    .color(Color::BLACK)
                    .style(LineStyle::Dashed)
                    .label(format!("Chance level (AP = {p:.2})")),
            );
        }
        Figure::from_axes(axes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_go_across_then_up() {
        let (x, y) = steps_post(&[1.0, 0.5, 0.0], &[0.5, 0.8, 1.0]);
        assert_eq!(x, [1.0, 0.5, 0.5, 0.0, 0.0]);
        assert_eq!(y, [0.5, 0.5, 0.8, 0.8, 1.0]);
    }
}
