//! [`ValidationCurveDisplay`]: training and test scores against a
//! hyperparameter's value, as scikit-learn's
//! `sklearn.model_selection.ValidationCurveDisplay`.

use super::score_curves::{ScoreType, StdDisplayStyle, draw_score_curves, log_x_scale};
use super::{Figure, Plot};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::model_selection::{Curve, Scorer, Splitter, validation_curve};
use crate::traits::Estimator;
use crate::validation::check_same_length;
use ndarray::{Array2, ArrayView1, ArrayView2};

const NAME: &str = "ValidationCurveDisplay";

/// A validation curve to draw: the scores of [`validation_curve`] (one row
/// per parameter value, one column per fold) against the parameter's
/// values, with scikit-learn's defaults: both scores, the mean ± one
/// standard deviation as a band, a logarithmic x-axis when the values are
/// spread over orders of magnitude ([`ValidationCurveDisplay::log_x`]).
///
/// # Example
/// ```
/// use learnkit::display::{Plot, ValidationCurveDisplay};
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{Accuracy, StratifiedKFold};
/// let iris = learnkit::datasets::load_iris();
/// let display = ValidationCurveDisplay::from_estimator("C", &[0.01, 0.1, 1.0, 10.0],
///     |&c: &f64| LogisticRegression::default().c(c).max_iter(1000),
///     iris.data.view(), iris.target.view(), None, &StratifiedKFold::new(3), &Accuracy)?;
/// assert!(display.log_x());
/// assert!(display.plot().to_svg().contains(">C<"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ValidationCurveDisplay {
    /// The parameter's name, the x-axis label.
    pub param_name: String,
    /// The parameter's values.
    pub param_range: Vec<f64>,
    /// Training scores, one row per value, one column per fold.
    pub train_scores: Array2<f64>,
    /// Test scores, one row per value, one column per fold.
    pub test_scores: Array2<f64>,
    /// The y-axis label; default "Score".
    pub score_name: String,
    /// Which scores to draw; default both.
    pub score_type: ScoreType,
    /// How to show the spread over folds; default a band.
    pub std_display_style: StdDisplayStyle,
    /// Draw minus the scores (for `neg_*` scorers); default false.
    pub negate_score: bool,
}

impl ValidationCurveDisplay {
    /// The display of scores already computed (scikit-learn's constructor):
    /// one row per value of `param_range`, one column per fold.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when the scores have not one row per value
    /// or the two tables differ in shape; [`Error::InvalidInput`] for a
    /// non-finite value in `param_range`.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::ValidationCurveDisplay;
    /// use ndarray::array;
    /// let display = ValidationCurveDisplay::new("alpha", &[0.1, 1.0], array![[1.0, 0.9], [0.8, 0.8]], array![[0.7, 0.6], [0.7, 0.8]])?;
    /// assert_eq!(display.param_range, vec![0.1, 1.0]);
    /// assert!(ValidationCurveDisplay::new("alpha", &[0.1], array![[1.0]], array![[1.0, 2.0]]).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn new(
        param_name: impl Into<String>,
        param_range: &[f64],
        train_scores: Array2<f64>,
        test_scores: Array2<f64>,
    ) -> Result<Self> {
        for scores in [&train_scores, &test_scores] {
            check_same_length(
                NAME,
                "score rows (one per parameter value)",
                param_range.len(),
                scores.nrows(),
            )?;
        }
        check_same_length(
            NAME,
            "test score columns (one per fold)",
            train_scores.ncols(),
            test_scores.ncols(),
        )?;
        if param_range.iter().any(|v| !v.is_finite()) {
            return Err(Error::invalid_input(NAME, "param_range holds a non-finite value"));
        }
        Ok(ValidationCurveDisplay {
            param_name: param_name.into(),
            param_range: param_range.to_vec(),
            train_scores,
            test_scores,
            ..Self::default()
        })
    }

    /// The display of a [`Curve`] computed by [`validation_curve`] over `param_range`.
    ///
    /// # Errors
    /// As [`ValidationCurveDisplay::new`].
    ///
    /// # Example
    /// ```
    /// use learnkit::display::ValidationCurveDisplay;
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{validation_curve, Accuracy, StratifiedKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let range = [0.1, 1.0];
    /// let curve = validation_curve(&range, |&c: &f64| LogisticRegression::default().c(c).max_iter(1000),
    ///     iris.data.view(), iris.target.view(), None, &StratifiedKFold::new(3), &Accuracy)?;
    /// let display = ValidationCurveDisplay::from_curve("C", &range, &curve)?;
    /// assert_eq!(display.test_scores.dim(), (2, 3));
    /// assert!(ValidationCurveDisplay::from_curve("C", &[1.0], &curve).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_curve(param_name: impl Into<String>, param_range: &[f64], curve: &Curve) -> Result<Self> {
        Self::new(
            param_name,
            param_range,
            curve.train_scores.clone(),
            curve.test_scores.clone(),
        )
    }

    /// Computes the [`validation_curve`] of `build(p)` for each `p` of
    /// `param_range` and its display.
    ///
    /// # Errors
    /// As [`validation_curve`]; a non-finite value in `param_range`.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::ValidationCurveDisplay;
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{Accuracy, StratifiedKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let bad = ValidationCurveDisplay::from_estimator("C", &[], |&c: &f64| LogisticRegression::default().c(c),
    ///     iris.data.view(), iris.target.view(), None, &StratifiedKFold::new(3), &Accuracy);
    /// assert!(bad.is_err());
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn from_estimator<F, T, B, E, C, S>(
        param_name: impl Into<String>,
        param_range: &[f64],
        build: B,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, T>,
        groups: Option<ArrayView1<'_, usize>>,
        cv: &C,
        scoring: &S,
    ) -> Result<Self>
    where
        F: Float,
        T: Clone + Send + Sync,
        B: Fn(&f64) -> E + Sync,
        E: Estimator<F, T> + Sync,
        C: Splitter<T>,
        S: Scorer<E::Fitted, F, T>,
    {
        if param_range.iter().any(|v| !v.is_finite()) {
            return Err(Error::invalid_input(NAME, "param_range holds a non-finite value"));
        }
        let curve = validation_curve(param_range, build, x, y, groups, cv, scoring)?;
        Self::from_curve(param_name, param_range, &curve)
    }

    /// Whether the x-axis is logarithmic: scikit-learn's rule, when the
    /// largest gap between consecutive sorted values is more than 5 times
    /// the smallest, and every value is positive (scikit-learn's `symlog`
    /// for values ≤ 0 is drawn linearly).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::ValidationCurveDisplay;
    /// # let curve = (ndarray::Array2::<f64>::ones((3, 1)), ndarray::Array2::<f64>::zeros((3, 1)));
    /// assert!(ValidationCurveDisplay::new("alpha", &[0.01, 0.1, 10.0], curve.0.clone(), curve.1.clone())?.log_x());
    /// assert!(!ValidationCurveDisplay::new("alpha", &[1.0, 2.0, 3.0], curve.0, curve.1)?.log_x());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn log_x(&self) -> bool {
        log_x_scale(&self.param_range)
    }
}

impl Default for ValidationCurveDisplay {
    /// No points yet, with scikit-learn's display options: both scores, a
    /// band for the spread, the y-axis named "Score".
    fn default() -> Self {
        ValidationCurveDisplay {
            param_name: String::new(),
            param_range: Vec::new(),
            train_scores: Array2::zeros((0, 0)),
            test_scores: Array2::zeros((0, 0)),
            score_name: "Score".to_string(),
            score_type: ScoreType::Both,
            std_display_style: StdDisplayStyle::FillBetween,
            negate_score: false,
        }
    }
}

// The display options, set as every hyperparameter is (shared with the
// other curve display through the crate's setters! macro).
setters!(ValidationCurveDisplay in "learnkit::display" {
    score_name: String = "R²".to_string();
    score_type: ScoreType = learnkit::display::ScoreType::Test;
    std_display_style: StdDisplayStyle = learnkit::display::StdDisplayStyle::ErrorBar;
    negate_score: bool = true;
});

impl Plot for ValidationCurveDisplay {
    /// Draws the mean scores against the parameter, with their spread and
    /// a legend, 800 × 600 pixels.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Plot;
    /// use learnkit::display::ValidationCurveDisplay;
    /// # let curve = (ndarray::Array2::<f64>::ones((2, 1)), ndarray::Array2::<f64>::zeros((2, 1)));
    /// let svg = ValidationCurveDisplay::new("alpha", &[0.1, 1.0], curve.0, curve.1)?.plot().to_svg();
    /// assert!(svg.contains(">alpha<"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn plot(&self) -> Figure {
        draw_score_curves(
            &self.param_range,
            &self.train_scores,
            &self.test_scores,
            self.score_type,
            self.std_display_style,
            self.negate_score,
            &self.param_name,
            &self.score_name,
        )
    }
}
