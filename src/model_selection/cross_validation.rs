//! [`cross_val_predict`] and the fit-and-score loop shared by
//! [`cross_validate`](super::cross_validate), the searches and the curves: fit
//! a model on each fold of a [`Splitter`] in parallel and evaluate it on the
//! held-out rows.
//!
//! Folds run as rayon tasks on the current pool (wrap a call in
//! [`with_n_jobs`](crate::parallel::with_n_jobs) to choose the thread count).
//! Each fit keeps the estimator's own `n_jobs`: its inner parallel loops join
//! the same pool and rayon's work stealing shares the cores between folds and
//! within a fit. Results are gathered in fold order, so they do not depend on
//! the number of threads.

use super::scoring::Scorer;
use super::splitter::{Fold, Splitter};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::traits::{Estimator, Predictor};
use crate::validation::check_same_length;
use ndarray::{Array1, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;
use std::time::Instant;

/// What one fit on one fold gives with one scorer.
pub(super) type FoldScore = Evaluated<f64>;

/// Fits `estimator` on the fold's training rows and scores it on its test
/// rows (and on the training rows when `train_score`). Copies the rows: the
/// estimators take contiguous views.
pub(super) fn fit_and_score<F, T, E, S>(
    estimator: &E,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, T>,
    fold: &Fold,
    scoring: &S,
    train_score: bool,
) -> Result<FoldScore>
where
    F: Float,
    T: Clone,
    E: Estimator<F, T>,
    S: Scorer<E::Fitted, F, T>,
{
    fit_and_evaluate(estimator, x, y, fold, |m, x, y| scoring.score(m, x, y), train_score)
}

/// What one fit on one fold gives, for any evaluation `R` (one score, or one
/// per scorer).
#[derive(Clone, Copy, Debug)]
pub(super) struct Evaluated<R> {
    pub(super) test: R,
    pub(super) train: Option<R>,
    pub(super) fit_time: f64,
    pub(super) score_time: f64,
}

/// Fits `estimator` on the fold's training rows and evaluates it with
/// `evaluate` on its test rows (and on the training rows when `train_score`):
/// the one fit-and-score loop behind the searches, the curves and
/// [`cross_validate`](super::cross_validate).
pub(super) fn fit_and_evaluate<F, T, E, R>(
    estimator: &E,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, T>,
    fold: &Fold,
    evaluate: impl Fn(&E::Fitted, ArrayView2<'_, F>, ArrayView1<'_, T>) -> Result<R>,
    train_score: bool,
) -> Result<Evaluated<R>>
where
    F: Float,
    T: Clone,
    E: Estimator<F, T>,
{
    let start = Instant::now();
    let (x_train, y_train) = (x.select(Axis(0), &fold.train), y.select(Axis(0), &fold.train));
    let model = estimator
        .fit(x_train.view(), y_train.view())
        .map_err(|e| to_caller_rows(e, &fold.train))?;
    let fit_time = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let (x_test, y_test) = (x.select(Axis(0), &fold.test), y.select(Axis(0), &fold.test));
    let test = evaluate(&model, x_test.view(), y_test.view()).map_err(|e| to_caller_rows(e, &fold.test))?;
    let score_time = start.elapsed().as_secs_f64();
    let train = if train_score {
        Some(evaluate(&model, x_train.view(), y_train.view()).map_err(|e| to_caller_rows(e, &fold.train))?)
    } else {
        None
    };
    Ok(Evaluated {
        test,
        train,
        fit_time,
        score_time,
    })
}

/// A non-finite value found in a fold's copy of the rows is reported at its
/// row in the caller's matrix, not in the copy.
pub(crate) fn to_caller_rows(error: Error, rows: &[usize]) -> Error {
    match error {
        Error::NonFinite {
            context,
            row,
            column,
            value,
        } if row < rows.len() => Error::NonFinite {
            context,
            row: rows[row],
            column,
            value,
        },
        other => other,
    }
}

/// Checks the inputs and computes the folds.
pub(crate) fn checked_folds<F: Float, T, C: Splitter<T>>(
    context: &'static str,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, T>,
    groups: Option<ArrayView1<'_, usize>>,
    cv: &C,
) -> Result<Vec<Fold>> {
    check_same_length(context, "number of targets vs rows of X", x.nrows(), y.len())?;
    if let Some(groups) = groups {
        check_same_length(context, "groups vs rows of X", x.nrows(), groups.len())?;
    }
    if x.nrows() == 0 {
        return Err(Error::EmptyInput {
            context: context.into(),
            what: "X has 0 rows",
        });
    }
    let folds = cv.split(y, groups)?;
    if let Some(i) = folds.iter().position(|f| f.train.is_empty() || f.test.is_empty()) {
        return Err(Error::invalid_input(
            context,
            format!("the splitter gave fold {i} an empty training or test set"),
        ));
    }
    Ok(folds)
}

/// The out-of-fold prediction of every row: each row is predicted by the
/// model fitted on the folds that do not test it (scikit-learn's
/// `cross_val_predict`). The folds must test every row exactly once.
///
/// # Errors
/// As [`cross_validate`](super::cross_validate), and [`Error::InvalidInput`] when the splitter's
/// test sets are not a partition of the rows (as [`ShuffleSplit`](super::ShuffleSplit)
/// or [`TimeSeriesSplit`](super::TimeSeriesSplit)).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{cross_val_predict, StratifiedKFold};
/// let iris = learnkit::datasets::load_iris();
/// let model = LogisticRegression::default().max_iter(1000);
/// let predicted = cross_val_predict(&model, iris.data.view(), iris.target.view(), None, &StratifiedKFold::new(5))?;
/// let accuracy = learnkit::metrics::accuracy_score(iris.target.view(), predicted.view())?;
/// assert!(accuracy > 0.95);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn cross_val_predict<F, T, E, C>(
    estimator: &E,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, T>,
    groups: Option<ArrayView1<'_, usize>>,
    cv: &C,
) -> Result<Array1<<E::Fitted as Predictor<F>>::Output>>
where
    F: Float,
    T: Clone + Send + Sync,
    E: Estimator<F, T> + Sync,
    E::Fitted: Predictor<F>,
    <E::Fitted as Predictor<F>>::Output: Clone + Send,
    C: Splitter<T>,
{
    const NAME: &str = "cross_val_predict";
    let folds = checked_folds(NAME, x, y, groups, cv)?;
    check_test_partition(NAME, &folds, x.nrows())?;
    let predictions: Vec<Array1<_>> = folds
        .par_iter()
        .map(|fold| {
            let model = estimator
                .fit(
                    x.select(Axis(0), &fold.train).view(),
                    y.select(Axis(0), &fold.train).view(),
                )
                .map_err(|e| to_caller_rows(e, &fold.train))?;
            model
                .predict(x.select(Axis(0), &fold.test).view())
                .map_err(|e| to_caller_rows(e, &fold.test))
        })
        .collect::<Result<_>>()?;
    let mut slots: Vec<Option<_>> = vec![None; x.nrows()];
    for (fold, predicted) in folds.iter().zip(predictions) {
        for (&i, p) in fold.test.iter().zip(predicted) {
            slots[i] = Some(p);
        }
    }
    Ok(slots
        .into_iter()
        .map(|p| p.expect("every row is tested once"))
        .collect())
}

/// That the folds' test sets are a partition of the `n_rows` rows, as
/// out-of-fold predictions need: every row tested exactly once.
pub(crate) fn check_test_partition(context: &'static str, folds: &[Fold], n_rows: usize) -> Result<()> {
    let mut tested = vec![false; n_rows];
    for fold in folds {
        for &i in &fold.test {
            let Some(seen) = tested.get_mut(i) else {
                return Err(Error::invalid_input(
                    context,
                    format!("the splitter tests row {i}, but X has {n_rows} rows"),
                ));
            };
            if std::mem::replace(seen, true) {
                return Err(Error::invalid_input(
                    context,
                    format!("row {i} is in more than one test fold"),
                ));
            }
        }
    }
    if let Some(i) = tested.iter().position(|&t| !t) {
        return Err(Error::invalid_input(
            context,
            format!("row {i} is in no test fold; the splitter's test sets must cover every row"),
        ));
    }
    Ok(())
}

/// The out-of-fold outputs of `estimator`: for each fold (in parallel), the
/// model fitted on its training rows gives `output` on its test rows, and
/// the rows are put back in their places (scikit-learn's
/// `cross_val_predict` with a `method`). The folds must partition the rows
/// (see [`check_test_partition`]); every fold's output must have the same
/// number of columns.
pub(crate) fn out_of_fold<F, T, E>(
    context: &'static str,
    estimator: &E,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, T>,
    folds: &[Fold],
    output: impl Fn(&E::Fitted, ArrayView2<'_, F>) -> Result<ndarray::Array2<F>> + Sync,
) -> Result<ndarray::Array2<F>>
where
    F: Float,
    T: Clone + Send + Sync,
    E: Estimator<F, T> + Sync,
{
    let parts: Vec<ndarray::Array2<F>> = folds
        .par_iter()
        .map(|fold| {
            let model = estimator
                .fit(
                    x.select(Axis(0), &fold.train).view(),
                    y.select(Axis(0), &fold.train).view(),
                )
                .map_err(|e| to_caller_rows(e, &fold.train))?;
            let out =
                output(&model, x.select(Axis(0), &fold.test).view()).map_err(|e| to_caller_rows(e, &fold.test))?;
            check_same_length(
                context,
                "out-of-fold outputs vs test rows",
                fold.test.len(),
                out.nrows(),
            )?;
            Ok(out)
        })
        .collect::<Result<_>>()?;
    let width = parts.first().map_or(0, |p| p.ncols());
    if let Some(p) = parts.iter().find(|p| p.ncols() != width) {
        return Err(Error::invalid_input(
            context,
            format!("the folds' models gave {} and {width} output columns", p.ncols()),
        ));
    }
    let mut out = ndarray::Array2::zeros((x.nrows(), width));
    for (fold, part) in folds.iter().zip(&parts) {
        for (&i, row) in fold.test.iter().zip(part.rows()) {
            out.row_mut(i).assign(&row);
        }
    }
    Ok(out)
}
