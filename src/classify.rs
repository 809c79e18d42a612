//! What every classifier does with its outputs, written once: the accuracy
//! that `Predictor::score` reports, the class chosen from per-class
//! decision scores (linear models), the scores that rank rows for ROC-AUC,
//! and the checks a saved classifier's
//! classes and weights must pass when it is loaded.

use crate::error::Result;
use crate::float::{Float, Label};
use crate::traits::{DecisionFunction, PredictProba};
use crate::validation::check_same_length;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

/// Accuracy of `predict(x)` against `y` (scikit-learn's `ClassifierMixin.score`):
/// the lengths are checked first, so a wrong `y` is reported before any work.
pub(crate) fn accuracy<F, L: Label>(
    estimator: &'static str,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, L>,
    predict: impl FnOnce(ArrayView2<'_, F>) -> Result<Array1<L>>,
) -> Result<f64> {
    check_same_length(estimator, "number of targets vs rows of X", x.nrows(), y.len())?;
    let predicted = predict(x)?;
    let correct = predicted.iter().zip(y.iter()).filter(|(p, t)| p == t).count();
    Ok(correct as f64 / y.len() as f64)
}

/// As [`accuracy`] for a dense or sparse `x` (the `score_matrix` of a
/// classifier that predicts on sparse rows).
pub(crate) fn accuracy_matrix<F, L: Label>(
    estimator: &'static str,
    x: crate::sparse::MatrixView<'_, F>,
    y: ArrayView1<'_, L>,
    predict: impl FnOnce(crate::sparse::MatrixView<'_, F>) -> Result<Array1<L>>,
) -> Result<f64>
where
    F: crate::float::Float,
{
    check_same_length(estimator, "number of targets vs rows of X", x.nrows(), y.len())?;
    let predicted = predict(x)?;
    let correct = predicted.iter().zip(y.iter()).filter(|(p, t)| p == t).count();
    Ok(correct as f64 / y.len() as f64)
}

/// That a loaded classifier's classes are as a fit leaves them: at least
/// two (a fit rejects one), sorted and distinct (`encode_labels`), so that
/// every class index a prediction picks names one class.
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
pub(crate) fn check_classes<L: Ord>(estimator: &str, classes: &[L]) -> std::result::Result<(), String> {
    crate::persistence::check::ensure(classes.len() >= 2, || {
        format!(
            "{estimator}: {} classes, a fitted classifier has at least 2",
            classes.len()
        )
    })?;
    crate::persistence::check::strictly_increasing(&format!("{estimator}: classes"), classes)
}

/// That a loaded linear classifier is as a fit leaves it: its classes (see
/// [`check_classes`]), a class weight for each, one row of `coef` for two
/// classes (the second class's) and one per class otherwise (what
/// [`classes_from_scores`] reads), one intercept per row, and zero
/// intercepts unless `fit_intercept`.
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
pub(crate) fn check_linear_classifier<L: Ord>(
    estimator: &str,
    classes: &[L],
    class_weight: &crate::class_weight::ClassWeight,
    coef_rows: usize,
    intercepts: usize,
    fit_intercept: bool,
    intercepts_are_zero: bool,
) -> std::result::Result<(), String> {
    use crate::persistence::check::ensure;
    check_classes(estimator, classes)?;
    class_weight.check_saved(estimator, classes.len())?;
    let n_classes = classes.len();
    let rows = if n_classes == 2 { 1 } else { n_classes };
    ensure(coef_rows == rows, || {
        format!("{estimator}: {n_classes} classes need {rows} coefficient rows, got {coef_rows}")
    })?;
    ensure(intercepts == rows, || {
        format!("{estimator}: {rows} coefficient rows need {rows} intercepts, got {intercepts}")
    })?;
    ensure(fit_intercept || intercepts_are_zero, || {
        format!("{estimator}: non-zero intercepts in a model fitted without fit_intercept")
    })
}

/// The class of each row of decision scores: with one column (two classes),
/// `classes[1]` where the score is > 0; otherwise the first class of largest
/// score (numpy's argmax).
pub(crate) fn classes_from_scores<F: Float, L: Label>(scores: ArrayView2<'_, F>, classes: &[L]) -> Array1<L> {
    scores
        .outer_iter()
        .map(|row| {
            let best = if row.len() == 1 {
                usize::from(row[0] > F::zero())
            } else {
                row.iter()
                    .enumerate()
                    .fold((0, row[0]), |(bi, bv), (i, &v)| if v > bv { (i, v) } else { (bi, bv) })
                    .0
            };
            classes[best].clone()
        })
        .collect()
}

/// [`RankingScores`](crate::traits::RankingScores) of a model with
/// probabilities only: the probability of `classes()[1]` for two classes,
/// all the probabilities otherwise.
pub(crate) fn ranking_from_proba<F: Float, M: PredictProba<F>>(model: &M, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
    let proba = model.predict_proba(x)?;
    Ok(if model.classes().len() == 2 {
        proba.slice(ndarray::s![.., 1..]).to_owned()
    } else {
        proba
    })
}

/// [`RankingScores`](crate::traits::RankingScores) of a model with a
/// decision function: the decision values for two classes, otherwise
/// `probabilities()` (which fails for a model that has none).
pub(crate) fn ranking_from_decision<F: Float, M: DecisionFunction<F>>(
    model: &M,
    x: ArrayView2<'_, F>,
    probabilities: impl FnOnce(ArrayView2<'_, F>) -> Result<Array2<F>>,
) -> Result<Array2<F>> {
    if model.classes().len() == 2 {
        model.decision_function(x)
    } else {
        probabilities(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn one_column_is_a_sign_and_more_take_the_first_maximum() {
        assert_eq!(
            classes_from_scores(array![[0.5], [0.0]].view(), &["a", "b"]),
            array!["b", "a"]
        );
        assert_eq!(
            classes_from_scores(array![[1.0, 3.0, 3.0]].view(), &[7, 8, 9]),
            array![8]
        );
    }

    #[test]
    fn accuracy_checks_the_lengths_first() {
        let x = array![[0.0], [1.0]];
        let predict = |_: ArrayView2<'_, f64>| -> Result<Array1<u8>> { Ok(array![1, 2]) };
        assert_eq!(accuracy("T", x.view(), array![1u8, 3].view(), predict).unwrap(), 0.5);
        assert!(accuracy("T", x.view(), array![1u8].view(), predict).is_err());
    }
}
