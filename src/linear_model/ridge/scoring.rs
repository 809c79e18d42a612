//! The models a `scoring` of [`RidgeCV`](super::RidgeCV) and
//! [`RidgeClassifierCV`](super::RidgeClassifierCV) is given, as
//! scikit-learn's `_IdentityRegressor` and `_IdentityClassifier`: the search
//! scores predictions it already has (the leave-one-out predictions, or a
//! fold's predictions on its test rows), so the "model" a
//! [`Scorer`](crate::model_selection::Scorer) sees returns its input, and
//! the scorer's `x` holds those predictions. Any scorer that needs only
//! predictions (or, for a classifier, decision values) works unchanged.

use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::traits::{Classifier, DecisionFunction, Predictor};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

/// The model a [`RidgeCV`](super::RidgeCV) scorer is given: its `x` is one
/// column of predictions, which [`predict`](Predictor::predict) returns
/// (scikit-learn's `_IdentityRegressor`).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::IdentityRegressor;
/// use learnkit::model_selection::{NegMeanAbsoluteError, Scorer};
/// use ndarray::array;
/// let predictions = array![[1.0_f64], [2.0], [4.0]];
/// assert_eq!(IdentityRegressor.predict(predictions.view())?, array![1.0, 2.0, 4.0]);
/// let mae = NegMeanAbsoluteError.score(&IdentityRegressor, predictions.view(), array![1.0, 2.0, 3.0].view())?;
/// assert!(f64::abs(mae + 1.0 / 3.0) < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IdentityRegressor;

impl<F: Float> Predictor<F> for IdentityRegressor {
    type Output = F;

    /// The first column of `x`: the predictions.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        crate::validation::check_param("IdentityRegressor", "x", x.ncols(), "one column of predictions", |c| {
            c >= 1
        })?;
        Ok(x.column(0).to_owned())
    }

    /// R² of the predictions.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        crate::metrics::r2_score(y, self.predict(x)?.view())
    }
}

/// The model a [`RidgeClassifierCV`](super::RidgeClassifierCV) scorer is
/// given: its `x` holds decision values (one column for two classes, for
/// `classes()[1]`; one per class otherwise), which
/// [`decision_function`](DecisionFunction::decision_function) returns and
/// [`predict`](Predictor::predict) turns into classes as the fitted
/// classifier does (scikit-learn's `_IdentityClassifier`).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::IdentityClassifier;
/// use learnkit::model_selection::{Accuracy, Scorer};
/// use ndarray::array;
/// let model = IdentityClassifier::new(vec!["no", "yes"]);
/// let decisions = array![[-0.5_f64], [0.2], [1.0]];
/// assert_eq!(model.predict(decisions.view())?, array!["no", "yes", "yes"]);
/// assert_eq!(Accuracy.score(&model, decisions.view(), array!["no", "no", "yes"].view())?, 2.0 / 3.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct IdentityClassifier<L> {
    classes: Vec<L>,
}

impl<L: Label> IdentityClassifier<L> {
    /// The identity classifier of these classes (sorted, as a fitted
    /// classifier's).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::IdentityClassifier;
    /// assert_eq!(IdentityClassifier::new(vec![0, 1, 2]).classes(), &[0, 1, 2]);
    /// ```
    pub fn new(classes: Vec<L>) -> Self {
        IdentityClassifier { classes }
    }

    /// The classes, as [`Classifier::classes`] (without naming a float type).
    ///
    /// # Example
    /// ```
    /// use learnkit::linear_model::IdentityClassifier;
    /// assert_eq!(IdentityClassifier::new(vec![3, 5]).classes(), &[3, 5]);
    /// ```
    pub fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label> Predictor<F> for IdentityClassifier<L> {
    type Output = L;

    /// The class of largest decision value (for one column, `classes()[1]`
    /// where it is > 0).
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        let columns = if self.classes.len() == 2 { 1 } else { self.classes.len() };
        crate::validation::check_same_length(
            "IdentityClassifier",
            "columns of decision values vs classes (one for two classes)",
            columns,
            x.ncols(),
        )?;
        Ok(crate::classify::classes_from_scores(x, &self.classes))
    }

    /// Accuracy.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        crate::metrics::accuracy_score(y, self.predict(x)?.view())
    }
}

impl<F: Float, L: Label> Classifier<F> for IdentityClassifier<L> {
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label> DecisionFunction<F> for IdentityClassifier<L> {
    /// `x` itself.
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        Ok(x.to_owned())
    }
}

/// The error of a fit with both sample weights and a scorer: the
/// [`Scorer`](crate::model_selection::Scorer)s take no weights, where
/// scikit-learn would weight the scores.
pub(super) fn weights_refused(name: &'static str) -> Error {
    Error::invalid_input(
        name,
        "sample weights with a scoring are not supported (the scorers take no weights); \
         fit without weights or without scoring",
    )
}
