//! [`LearningCurveDisplay`]: training and test scores against the number of
//! training samples, as scikit-learn's
//! `sklearn.model_selection.LearningCurveDisplay`.

use super::score_curves::{ScoreType, StdDisplayStyle, draw_score_curves};
use super::{Figure, Plot};
use crate::error::Result;
use crate::float::Float;
use crate::model_selection::{LearningCurve, Scorer, Splitter, TrainSize, learning_curve};
use crate::traits::Estimator;
use crate::validation::check_same_length;

const NAME: &str = "LearningCurveDisplay";
use ndarray::{Array2, ArrayView1, ArrayView2};

/// A learning curve to draw: the scores of
/// [`learning_curve`] (one row per training size, one column per fold)
/// with the display's options, scikit-learn's defaults: both scores
/// (`score_type`), the mean ± one standard deviation as a band
/// (`std_display_style`), the y-axis named `score_name` ("Score").
///
/// # Example
/// ```
/// use learnkit::display::{LearningCurveDisplay, Plot};
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{Accuracy, StratifiedKFold, TrainSize};
/// let iris = learnkit::datasets::load_iris();
/// let display = LearningCurveDisplay::from_estimator(
///     &LogisticRegression::default().max_iter(1000), iris.data.view(), iris.target.view(), None,
///     &StratifiedKFold::new(3), &Accuracy, &[TrainSize::Fraction(0.5), TrainSize::Fraction(1.0)], Some(0))?;
/// assert_eq!(display.train_sizes, vec![50, 100]);
/// let svg = display.plot().to_svg();
/// assert!(svg.contains("Number of samples in the training set"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LearningCurveDisplay {
    /// The training-set sizes, in rows.
    pub train_sizes: Vec<usize>,
    /// Training scores, one row per size, one column per fold.
    pub train_scores: Array2<f64>,
    /// Test scores, one row per size, one column per fold.
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

impl LearningCurveDisplay {
    /// The display of scores already computed (scikit-learn's
    /// constructor): one row per training size, one column per fold.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the scores have not one row per size or
    /// the two tables differ in shape.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::LearningCurveDisplay;
    /// use ndarray::array;
    /// let display = LearningCurveDisplay::new(vec![10, 20], array![[1.0, 0.9], [0.9, 0.9]], array![[0.6, 0.7], [0.8, 0.8]])?;
    /// assert_eq!(display.score_name, "Score");
    /// assert!(LearningCurveDisplay::new(vec![10], array![[1.0]], array![[1.0, 2.0]]).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn new(train_sizes: Vec<usize>, train_scores: Array2<f64>, test_scores: Array2<f64>) -> Result<Self> {
        for scores in [&train_scores, &test_scores] {
            check_same_length(
                NAME,
                "score rows (one per training size)",
                train_sizes.len(),
                scores.nrows(),
            )?;
        }
        check_same_length(
            NAME,
            "test score columns (one per fold)",
            train_scores.ncols(),
            test_scores.ncols(),
        )?;
        Ok(LearningCurveDisplay {
            train_sizes,
            train_scores,
            test_scores,
            ..Self::default()
        })
    }

    /// The display of an already computed [`LearningCurve`].
    ///
    /// # Example
    /// ```
    /// use learnkit::display::LearningCurveDisplay;
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{learning_curve, Accuracy, StratifiedKFold, TrainSize};
    /// let iris = learnkit::datasets::load_iris();
    /// let lc = learning_curve(&LogisticRegression::default().max_iter(1000), iris.data.view(), iris.target.view(),
    ///     None, &StratifiedKFold::new(3), &Accuracy, &[TrainSize::Fraction(1.0)], None)?;
    /// let display = LearningCurveDisplay::from_curve(&lc).score_name("Accuracy".to_string());
    /// assert_eq!(display.test_scores.dim(), (1, 3));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_curve(curve: &LearningCurve) -> Self {
        LearningCurveDisplay {
            train_sizes: curve.train_sizes.clone(),
            train_scores: curve.scores.train_scores.clone(),
            test_scores: curve.scores.test_scores.clone(),
            ..Self::default()
        }
    }

    /// Computes the [`learning_curve`] (same arguments) and its display.
    ///
    /// # Errors
    /// As [`learning_curve`].
    ///
    /// # Example
    /// ```
    /// use learnkit::display::LearningCurveDisplay;
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{Accuracy, StratifiedKFold, TrainSize};
    /// let iris = learnkit::datasets::load_iris();
    /// let bad = LearningCurveDisplay::from_estimator(&LogisticRegression::default(), iris.data.view(),
    ///     iris.target.view(), None, &StratifiedKFold::new(3), &Accuracy, &[TrainSize::Fraction(1.5)], None);
    /// assert!(bad.is_err());
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn from_estimator<F, T, E, C, S>(
        estimator: &E,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, T>,
        groups: Option<ArrayView1<'_, usize>>,
        cv: &C,
        scoring: &S,
        train_sizes: &[TrainSize],
        shuffle: Option<u64>,
    ) -> Result<Self>
    where
        F: Float,
        T: Clone + Send + Sync,
        E: Estimator<F, T> + Sync,
        C: Splitter<T>,
        S: Scorer<E::Fitted, F, T>,
    {
        let curve = learning_curve(estimator, x, y, groups, cv, scoring, train_sizes, shuffle)?;
        Ok(Self::from_curve(&curve))
    }

    /// Whether the x-axis is logarithmic (scikit-learn's rule, see
    /// [`ValidationCurveDisplay::log_x`](super::ValidationCurveDisplay::log_x)).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::LearningCurveDisplay;
    /// # let (train, test) = (ndarray::Array2::<f64>::ones((2, 3)), ndarray::Array2::<f64>::zeros((2, 3)));
    /// assert!(!LearningCurveDisplay::new(vec![10, 20], train, test)?.log_x());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn log_x(&self) -> bool {
        super::score_curves::log_x_scale(&self.x_values())
    }

    fn x_values(&self) -> Vec<f64> {
        self.train_sizes.iter().map(|&s| s as f64).collect()
    }
}

impl Default for LearningCurveDisplay {
    /// No points yet, with scikit-learn's display options: both scores, a
    /// band for the spread, the y-axis named "Score".
    fn default() -> Self {
        LearningCurveDisplay {
            train_sizes: Vec::new(),
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
setters!(LearningCurveDisplay in "learnkit::display" {
    score_name: String = "R²".to_string();
    score_type: ScoreType = learnkit::display::ScoreType::Test;
    std_display_style: StdDisplayStyle = learnkit::display::StdDisplayStyle::ErrorBar;
    negate_score: bool = true;
});

impl Plot for LearningCurveDisplay {
    /// Draws the mean scores against the training size, with their spread
    /// and a legend, 800 × 600 pixels.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::Plot;
    /// use learnkit::display::LearningCurveDisplay;
    /// # let (train, test) = (ndarray::Array2::<f64>::ones((2, 3)), ndarray::Array2::<f64>::zeros((2, 3)));
    /// let svg = LearningCurveDisplay::new(vec![10, 20], train, test)?.plot().to_svg();
    /// assert!(svg.contains(">Train<") && svg.contains(">Test<"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn plot(&self) -> Figure {
        draw_score_curves(
            &self.x_values(),
            &self.train_scores,
            &self.test_scores,
            self.score_type,
            self.std_display_style,
            self.negate_score,
            "Number of samples in the training set",
            &self.score_name,
        )
    }
}
