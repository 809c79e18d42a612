//! [`DetCurveDisplay`]: scikit-learn's detection error tradeoff figure.

use super::Plot;
use super::axes::{Axes, LegendLoc, Line};
use super::figure::Figure;
use super::response::{estimator_name, label_text, pos_label_suffix, positive_decision, positive_proba};
use crate::error::Result;
use crate::float::{Float, Label};
use crate::metrics::det_curve;
use crate::traits::{DecisionFunction, PredictProba};
use ndarray::{Array1, ArrayView1, ArrayView2};

/// A detection error tradeoff curve, as scikit-learn's `DetCurveDisplay`:
/// false negative against false positive rate on normal deviate scales
/// (each rate `r` drawn at the standard normal quantile of `r`), ticks at
/// 1 %, 5 %, 20 %, 50 %, 80 %, 95 % and 99 % (scikit-learn also sets 0.1 %
/// and 99.9 %, which fall outside its ±3 limits, so neither draws them).
///
/// # Example
/// ```
/// use learnkit::display::{DetCurveDisplay, Plot};
/// use ndarray::array;
///
/// let y_true = array![0, 0, 1, 1];
/// let y_score = array![0.1, 0.4, 0.35, 0.8];
/// let display = DetCurveDisplay::from_predictions(y_true.view(), y_score.view(), &1)?.name("model");
/// assert_eq!(display.fpr.len(), display.fnr.len());
/// assert_eq!(display.fnr[0], 0.0); // the lowest threshold calls everything positive
/// let svg = display.to_svg();
/// assert!(svg.contains(">99%</text>") && svg.contains(">model</text>"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct DetCurveDisplay {
    /// False positive rates (scikit-learn's `det_curve`).
    pub fpr: Array1<f64>,
    /// False negative rates.
    pub fnr: Array1<f64>,
    /// The thresholds.
    pub thresholds: Array1<f64>,
    /// The name in the legend (the model's type for `from_estimator`).
    pub name: Option<String>,
    /// The positive label, as text, shown in the axis labels.
    pub pos_label: Option<String>,
}

impl DetCurveDisplay {
    const CONTEXT: &'static str = "DetCurveDisplay";

    /// The DET curve of `y_score` (greater means more likely `pos_label`)
    /// against `y_true`.
    ///
    /// # Errors
    /// Those of [`det_curve`](crate::metrics::det_curve): mismatched
    /// lengths, no samples, non-finite scores, a single class.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::DetCurveDisplay;
    /// use ndarray::array;
    /// assert!(DetCurveDisplay::from_predictions(array![1, 1].view(), array![0.2, 0.9].view(), &1).is_err());
    /// ```
    pub fn from_predictions<L: Label, F: Float>(
        y_true: ArrayView1<'_, L>,
        y_score: ArrayView1<'_, F>,
        pos_label: &L,
    ) -> Result<Self> {
        let curve = det_curve(y_true, y_score, pos_label)?;
        Ok(DetCurveDisplay {
            fpr: curve.fpr,
            fnr: curve.fnr,
            thresholds: curve.thresholds,
            name: None,
            pos_label: Some(label_text(pos_label)),
        })
    }

    /// The DET curve of a fitted binary classifier on `x`, scored by its
    /// probability of `classes()[1]` (scikit-learn's
    /// `response_method="auto"`), named after the model's type.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when the model
    /// does not have exactly two classes; prediction errors; those of
    /// [`DetCurveDisplay::from_predictions`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::display::DetCurveDisplay;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let y = array![0, 1, 0, 1];
    /// let model = LogisticRegression::default().fit(x.view(), y.view())?;
    /// let display = DetCurveDisplay::from_estimator(&model, x.view(), y.view())?;
    /// assert_eq!(display.name.as_deref(), Some("LogisticRegression"));
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

    /// As [`DetCurveDisplay::from_estimator`], scored by the decision
    /// function (scikit-learn's `response_method="decision_function"`).
    ///
    /// # Errors
    /// As [`DetCurveDisplay::from_estimator`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::display::DetCurveDisplay;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let y = array![0, 1, 0, 1];
    /// let model = LinearSVC::default().fit(x.view(), y.view())?;
    /// assert!(DetCurveDisplay::from_estimator_decision(&model, x.view(), y.view()).is_ok());
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
    /// use learnkit::display::{DetCurveDisplay, Plot};
    /// use ndarray::array;
    /// let display = DetCurveDisplay::from_predictions(array![0, 1].view(), array![0.1, 0.9].view(), &1)?.name("svm");
    /// assert_eq!(display.name.as_deref(), Some("svm"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// The standard normal quantile (scipy's `norm.ppf`) by Acklam's rational
/// approximation, within 1e-8 of scipy's: plenty for placing points on a
/// figure. 0 and 1 give ∓∞ (points matplotlib leaves out), NaN gives NaN.
// The coefficients as Acklam published them.
#[allow(clippy::excessive_precision)]
pub(crate) fn norm_ppf(p: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    const A: [f64; 6] = [
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.383577518672690e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-03,
        3.224671290700398e-01,
        2.445134137142996e+00,
        3.754408661907416e+00,
    ];
    const LOW: f64 = 0.02425;
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - LOW {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

impl Plot for DetCurveDisplay {
    /// The curve on normal deviate axes from -3 to 3, legend lower right.
    fn plot(&self) -> Figure {
        let suffix = pos_label_suffix(self.pos_label.as_deref());
        // scikit-learn's ticks and their labels ("0.1%", "1%", …).
        let ticks: Vec<(f64, String)> = [0.001, 0.01, 0.05, 0.20, 0.5, 0.80, 0.95, 0.99, 0.999]
            .iter()
            .map(|&t: &f64| {
                let percent = 100.0 * t;
                let label = if (percent - percent.round()).abs() < 1e-9 {
                    format!("{percent:.0}%")
                } else {
                    format!("{percent:.1}%")
                };
                (norm_ppf(t), label)
            })
            .collect();
        let mut axes = Axes::new()
            .xlabel(format!("False Positive Rate{suffix}"))
            .ylabel(format!("False Negative Rate{suffix}"))
            .xlim(-3.0, 3.0)
            .ylim(-3.0, 3.0)
            .xticks(ticks.clone())
            .yticks(ticks)
            .legend(LegendLoc::LowerRight);
        let mut line = Line::new(
            self.fpr.iter().map(|&v| norm_ppf(v)).collect(),
            self.fnr.iter().map(|&v| norm_ppf(v)).collect(),
        );
        if let Some(name) = &self.name {
            line = line.label(name.clone());
        }
        axes.line(line);
        Figure::from_axes(axes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantiles_match_scipy() {
        // scipy.stats.norm.ppf
        let cases = [
            (0.001, -3.090232306167813),
            (0.05, -1.6448536269514729),
            (0.2, -0.8416212335729142),
            (0.5, 0.0),
            (0.975, 1.959963984540054),
            (0.999, 3.090232306167813),
        ];
        for (p, want) in cases {
            assert!((norm_ppf(p) - want).abs() < 1e-8, "{p}: {}", norm_ppf(p));
        }
        assert_eq!(norm_ppf(0.0), f64::NEG_INFINITY);
        assert_eq!(norm_ppf(1.0), f64::INFINITY);
        assert!(norm_ppf(1.5).is_nan());
    }
}
