//! Scorers: how a fitted model is evaluated on held-out rows, as
//! scikit-learn's `scoring=` strings. Each scorer is a small type whose
//! [`Scorer`] implementation asks only for what it needs ([`Accuracy`] a
//! [`Predictor`], [`RocAuc`] [`RankingScores`], [`NegLogLoss`] a
//! [`PredictProba`], [`R2`] a regressor). Any closure `Fn(&model, x, y) -> Result<f64>` is a scorer too.
//! Greater is better for every scorer, hence the negated losses, as in
//! scikit-learn.

use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::metrics::{self, Average};
use crate::traits::{Classifier, PredictProba, Predictor, RankingScores};
use ndarray::{ArrayView1, ArrayView2};

/// Evaluates a fitted model `M` on features `x` (`F`) and targets `y` (`T`);
/// greater is better.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// use learnkit::model_selection::{Accuracy, Scorer};
/// let iris = load_iris();
/// let model = LogisticRegression::default().max_iter(1000).fit(iris.data.view(), iris.target.view())?;
/// let accuracy = Accuracy.score(&model, iris.data.view(), iris.target.view())?;
/// assert_eq!(accuracy, model.score(iris.data.view(), iris.target.view())?);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait Scorer<M, F: Float, T>: Sync {
    /// The score of `model` on `x` and `y`.
    ///
    /// # Errors
    /// Whatever prediction or the metric returns.
    fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<f64>;
}

impl<M, F: Float, T, C> Scorer<M, F, T> for C
where
    C: Fn(&M, ArrayView2<'_, F>, ArrayView1<'_, T>) -> Result<f64> + Sync,
{
    fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<f64> {
        self(model, x, y)
    }
}

/// The model's own [`Predictor::score`]: accuracy for classifiers, R² for
/// regressors (scikit-learn's `scoring=None`).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// use learnkit::model_selection::{EstimatorScore, Scorer};
/// let iris = load_iris();
/// let model = LogisticRegression::default().max_iter(1000).fit(iris.data.view(), iris.target.view())?;
/// assert!(EstimatorScore.score(&model, iris.data.view(), iris.target.view())? > 0.9);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EstimatorScore;

impl<M: Predictor<F>, F: Float> Scorer<M, F, M::Output> for EstimatorScore {
    fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, M::Output>) -> Result<f64> {
        model.score(x, y)
    }
}

/// Generates a unit scorer type over a `metric(y_true, y_pred)` of predictions.
macro_rules! prediction_scorer {
    ($(#[$doc:meta])* $ty:ident, $bound:ident, $metric:expr, $example:literal) => {
        $(#[$doc])*
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        /// use learnkit::model_selection::Scorer;
        #[doc = $example]
        /// # Ok::<(), learnkit::Error>(())
        /// ```
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct $ty;

        impl<M: Predictor<F, Output = T>, F: Float, T: $bound> Scorer<M, F, T> for $ty {
            fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<f64> {
                let predicted = model.predict(x)?;
                $metric(y, predicted.view())
            }
        }
    };
}

prediction_scorer!(
    /// Accuracy of the predictions (scikit-learn's `"accuracy"`).
    Accuracy, Label, metrics::accuracy_score,
    "let iris = learnkit::datasets::load_iris();\n\
     let model = LogisticRegression::default().max_iter(1000).fit(iris.data.view(), iris.target.view())?;\n\
     assert!(learnkit::model_selection::Accuracy.score(&model, iris.data.view(), iris.target.view())? > 0.95);"
);
prediction_scorer!(
    /// Balanced accuracy: the mean recall over classes (`"balanced_accuracy"`).
    BalancedAccuracy, Label, metrics::balanced_accuracy_score,
    "let iris = learnkit::datasets::load_iris();\n\
     let model = LogisticRegression::default().max_iter(1000).fit(iris.data.view(), iris.target.view())?;\n\
     assert!(learnkit::model_selection::BalancedAccuracy.score(&model, iris.data.view(), iris.target.view())? > 0.95);"
);
prediction_scorer!(
    /// R² of a regressor's predictions (`"r2"`).
    R2, Float, metrics::r2_score,
    "use learnkit::ensemble::RandomForestRegressor;\n\
     let x = ndarray::Array2::from_shape_fn((40, 1), |(i, _)| i as f64);\n\
     let y = x.column(0).mapv(|v| 2.0 * v);\n\
     let model = RandomForestRegressor::default().n_estimators(10).random_state(0).fit(x.view(), y.view())?;\n\
     assert!(learnkit::model_selection::R2.score(&model, x.view(), y.view())? > 0.95);"
);

/// The negated mean squared error of a regressor (`"neg_mean_squared_error"`).
///
/// # Example
/// ```
/// use learnkit::model_selection::NegMeanSquaredError;
/// assert_eq!(format!("{:?}", NegMeanSquaredError), "NegMeanSquaredError");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NegMeanSquaredError;

impl<M: Predictor<F, Output = F>, F: Float> Scorer<M, F, F> for NegMeanSquaredError {
    fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        Ok(-metrics::mean_squared_error(y, model.predict(x)?.view())?)
    }
}

/// The negated mean absolute error of a regressor (`"neg_mean_absolute_error"`).
///
/// # Example
/// ```
/// use learnkit::model_selection::NegMeanAbsoluteError;
/// assert_eq!(format!("{:?}", NegMeanAbsoluteError), "NegMeanAbsoluteError");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NegMeanAbsoluteError;

impl<M: Predictor<F, Output = F>, F: Float> Scorer<M, F, F> for NegMeanAbsoluteError {
    fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        Ok(-metrics::mean_absolute_error(y, model.predict(x)?.view())?)
    }
}

/// F1 score of the predictions with an [`Average`]: `F1(Average::Binary { pos_label })`
/// is scikit-learn's `"f1"` (there with `pos_label=1`), `F1(Average::Macro)`
/// `"f1_macro"`, and so on.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::metrics::Average;
/// use learnkit::model_selection::{F1, Scorer};
/// let iris = learnkit::datasets::load_iris();
/// let model = LogisticRegression::default().max_iter(1000).fit(iris.data.view(), iris.target.view())?;
/// assert!(F1(Average::Macro).score(&model, iris.data.view(), iris.target.view())? > 0.95);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct F1<L>(pub Average<L>);

impl<M: Predictor<F, Output = L>, F: Float, L: Label> Scorer<M, F, L> for F1<L> {
    fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        metrics::f1_score(y, model.predict(x)?.view(), self.0.clone())
    }
}

/// The probabilities' columns for the classes of `y`, which the probability
/// metrics expect; an error when the test rows hold a class the model never saw
/// or miss one it did (the columns would not line up).
fn check_classes<M: Classifier<F>, F: Float>(name: &'static str, model: &M, y: ArrayView1<'_, M::Output>) -> Result<()>
where
    M::Output: Label,
{
    let (present, _) = crate::validation::encode_labels(y.iter());
    if present.as_slice() != model.classes() {
        return Err(Error::invalid_input(
            name,
            format!(
                "the evaluated rows hold the classes {present:?} but the model was fitted on {:?}; \
                 use a stratified splitter so that every fold holds every class",
                model.classes()
            ),
        ));
    }
    Ok(())
}

/// Area under the ROC curve: scikit-learn's `"roc_auc"` for two classes,
/// and for more classes the one-vs-rest macro average of `"roc_auc_ovr"`.
///
/// The rows are ranked by the model's [`RankingScores`], chosen as
/// scikit-learn does: for two classes the decision function when the model
/// has one, else the probability of the second class (so a binary
/// [`SVC`](crate::svm::SVC) needs no `probability = true` and a binary
/// [`LinearSVC`](crate::svm::LinearSVC) works); for more classes the
/// probabilities, which scikit-learn's `"roc_auc_ovr"` needs too.
///
/// # Errors
/// [`Error::InvalidInput`] when the evaluated rows do not hold exactly the
/// model's classes; with more than two classes, the error of a model that
/// gives no probabilities (see [`RankingScores`]).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{RocAuc, Scorer};
/// let iris = learnkit::datasets::load_iris();
/// let model = LogisticRegression::default().max_iter(1000).fit(iris.data.view(), iris.target.view())?;
/// assert!(RocAuc.score(&model, iris.data.view(), iris.target.view())? > 0.99);
/// // Two classes: an SVC without probabilities is ranked by its decision function.
/// let binary = iris.target.mapv(|c| usize::from(c == 2));
/// let svc = SVC::default().fit(iris.data.view(), binary.view())?;
/// assert!(RocAuc.score(&svc, iris.data.view(), binary.view())? > 0.99);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RocAuc;

impl<M: RankingScores<F, Output = L>, F: Float, L: Label> Scorer<M, F, L> for RocAuc {
    fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        check_classes("RocAuc", model, y)?;
        let scores = model.scores_for_ranking(x)?;
        if model.classes().len() == 2 {
            metrics::roc_auc_score(y, scores.column(0))
        } else {
            metrics::roc_auc_score_ovr(y, scores.view())
        }
    }
}

/// The negated log-loss of the predicted probabilities (`"neg_log_loss"`).
///
/// # Errors
/// [`Error::InvalidInput`] when the evaluated rows do not hold exactly the
/// model's classes.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{NegLogLoss, Scorer};
/// let iris = learnkit::datasets::load_iris();
/// let model = LogisticRegression::default().max_iter(1000).fit(iris.data.view(), iris.target.view())?;
/// assert!(NegLogLoss.score(&model, iris.data.view(), iris.target.view())? < 0.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NegLogLoss;

impl<M: PredictProba<F, Output = L>, F: Float, L: Label> Scorer<M, F, L> for NegLogLoss {
    fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        check_classes("NegLogLoss", model, y)?;
        Ok(-metrics::log_loss(y, model.predict_proba(x)?.view())?)
    }
}

prediction_scorer!(
    /// Matthews correlation coefficient of the predictions (`"matthews_corrcoef"`).
    MatthewsCorrcoef, Label, metrics::matthews_corrcoef,
    "let iris = learnkit::datasets::load_iris();\n\
     let model = LogisticRegression::default().max_iter(1000).fit(iris.data.view(), iris.target.view())?;\n\
     assert!(learnkit::model_selection::MatthewsCorrcoef.score(&model, iris.data.view(), iris.target.view())? > 0.9);"
);

/// Average precision (`"average_precision"`): for two classes that of the
/// model's [`RankingScores`] (the decision function when it has one, else
/// the probability of the second class, as scikit-learn's scorer), the
/// second class positive; for more classes the one-vs-rest macro average
/// over the probabilities
/// ([`average_precision_score_ovr`](metrics::average_precision_score_ovr)).
///
/// # Errors
/// As [`RocAuc`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{AveragePrecision, Scorer};
/// let iris = learnkit::datasets::load_iris();
/// let binary = iris.target.mapv(|c| usize::from(c == 2));
/// let svc = SVC::default().fit(iris.data.view(), binary.view())?;
/// assert!(AveragePrecision.score(&svc, iris.data.view(), binary.view())? > 0.95);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AveragePrecision;

impl<M: RankingScores<F, Output = L>, F: Float, L: Label> Scorer<M, F, L> for AveragePrecision {
    fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        check_classes("AveragePrecision", model, y)?;
        let scores = model.scores_for_ranking(x)?;
        if model.classes().len() == 2 {
            metrics::average_precision_score(y, scores.column(0), &model.classes()[1])
        } else {
            metrics::average_precision_score_ovr(y, scores.view())
        }
    }
}

/// The negated Brier score of the predicted probabilities
/// (`"neg_brier_score"`): [`brier_score_loss`](metrics::brier_score_loss) of
/// the second class for two classes,
/// [`brier_score_loss_multiclass`](metrics::brier_score_loss_multiclass)
/// for more.
///
/// # Errors
/// [`Error::InvalidInput`] when the evaluated rows do not hold exactly the
/// model's classes.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{NegBrierScore, Scorer};
/// let iris = learnkit::datasets::load_iris();
/// let model = LogisticRegression::default().max_iter(1000).fit(iris.data.view(), iris.target.view())?;
/// let score = NegBrierScore.score(&model, iris.data.view(), iris.target.view())?;
/// assert!(score < 0.0 && score > -0.2);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NegBrierScore;

impl<M: PredictProba<F, Output = L>, F: Float, L: Label> Scorer<M, F, L> for NegBrierScore {
    fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        check_classes("NegBrierScore", model, y)?;
        let proba = model.predict_proba(x)?;
        let loss = if model.classes().len() == 2 {
            metrics::brier_score_loss(y, proba.column(1), &model.classes()[1])?
        } else {
            metrics::brier_score_loss_multiclass(y, proba.view())?
        };
        Ok(-loss)
    }
}

/// A score as it is (greater is better already).
fn as_is(score: f64) -> f64 {
    score
}

/// A loss negated, so that greater is better.
fn negated(loss: f64) -> f64 {
    -loss
}

/// Generates a unit scorer type over a regression `metric(y_true, y_pred)`,
/// passed through `$orient` ([`as_is`] or [`negated`] for the losses).
macro_rules! regression_scorer {
    ($(#[$doc:meta])* $ty:ident, $orient:ident, $metric:path, $check:literal) => {
        $(#[$doc])*
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        /// use learnkit::model_selection::Scorer;
        /// let x = ndarray::array![[1.0], [2.0], [3.0], [4.0]];
        /// let y = ndarray::array![1.0, 2.5, 2.5, 4.0];
        /// let model = LinearRegression::default().fit(x.view(), y.view())?;
        #[doc = concat!("let score = learnkit::model_selection::", stringify!($ty), ".score(&model, x.view(), y.view())?;")]
        #[doc = $check]
        /// # Ok::<(), learnkit::Error>(())
        /// ```
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct $ty;

        impl<M: Predictor<F, Output = F>, F: Float> Scorer<M, F, F> for $ty {
            fn score(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
                Ok($orient($metric(y, model.predict(x)?.view())?))
            }
        }
    };
}

regression_scorer!(
    /// Explained variance of a regressor's predictions (`"explained_variance"`).
    ExplainedVariance, as_is, metrics::explained_variance_score,
    "assert!((score - 0.9).abs() < 1e-12);"
);
regression_scorer!(
    /// The negated median absolute error of a regressor (`"neg_median_absolute_error"`).
    NegMedianAbsoluteError, negated, metrics::median_absolute_error,
    "assert!((score + 0.3).abs() < 1e-12);"
);
regression_scorer!(
    /// The negated mean absolute percentage error of a regressor
    /// (`"neg_mean_absolute_percentage_error"`).
    NegMeanAbsolutePercentageError, negated, metrics::mean_absolute_percentage_error,
    "assert!((score + 0.136875).abs() < 1e-12);"
);
regression_scorer!(
    /// The negated maximum error of a regressor: scikit-learn 1.9's
    /// `"neg_max_error"` (`"max_error"` in earlier versions, negated too).
    NegMaxError, negated, metrics::max_error,
    "assert!((score + 0.45).abs() < 1e-12);"
);
regression_scorer!(
    /// The negated mean squared logarithmic error of a regressor
    /// (`"neg_mean_squared_log_error"`); an error when a target or
    /// prediction is `<= -1`.
    NegMeanSquaredLogError, negated, metrics::mean_squared_log_error,
    "assert!((score + 0.00993180475681502).abs() < 1e-12);"
);
regression_scorer!(
    /// The negated root mean squared logarithmic error of a regressor
    /// (`"neg_root_mean_squared_log_error"`).
    NegRootMeanSquaredLogError, negated, metrics::root_mean_squared_log_error,
    "assert!((score + 0.09965844046951075).abs() < 1e-12);"
);
regression_scorer!(
    /// D² of the absolute error of a regressor's predictions
    /// (`"d2_absolute_error_score"`).
    D2AbsoluteErrorScore, as_is, metrics::d2_absolute_error_score,
    "assert!((score - 0.6).abs() < 1e-12);"
);
