//! [`validation_curve`] and [`learning_curve`], on the same parallel
//! (setting, fold) machinery as the searches.

use super::cross_validation::{FoldScore, checked_folds, fit_and_score};
use super::scoring::Scorer;
use super::search::run_search;
use super::splitter::{Fold, Splitter};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::traits::Estimator;
use ndarray::{Array2, ArrayView1, ArrayView2};
use rayon::prelude::*;

/// Training and test scores of a curve: one row per point of the curve, one
/// column per fold.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{validation_curve, Accuracy, StratifiedKFold};
/// let iris = learnkit::datasets::load_iris();
/// let curve = validation_curve(&[0.01, 1.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000),
///     iris.data.view(), iris.target.view(), None, &StratifiedKFold::new(3), &Accuracy)?;
/// assert_eq!(curve.test_scores.dim(), (2, 3));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Curve {
    /// Scores on each fold's training rows.
    pub train_scores: Array2<f64>,
    /// Scores on each fold's test rows.
    pub test_scores: Array2<f64>,
}

/// Training and test scores of `build(p)` for each `p` of `param_range` on
/// each fold of `cv` (scikit-learn's `validation_curve`, with the parameter
/// set by a closure instead of a name). All (value, fold) pairs run in
/// parallel, results in a fixed order.
///
/// # Errors
/// [`Error::InvalidParameter`] for an empty `param_range`; otherwise as
/// [`cross_validate`](super::cross_validate).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{validation_curve, Accuracy, StratifiedKFold};
/// let iris = learnkit::datasets::load_iris();
/// let curve = validation_curve(&[0.001, 10.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000),
///     iris.data.view(), iris.target.view(), None, &StratifiedKFold::new(5), &Accuracy)?;
/// // Strong regularisation underfits: lower training accuracy.
/// assert!(curve.train_scores.row(0).mean().unwrap() < curve.train_scores.row(1).mean().unwrap());
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn validation_curve<F, T, P, B, E, C, S>(
    param_range: &[P],
    build: B,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, T>,
    groups: Option<ArrayView1<'_, usize>>,
    cv: &C,
    scoring: &S,
) -> Result<Curve>
where
    F: Float,
    T: Clone + Send + Sync,
    P: Clone,
    B: Fn(&P) -> E + Sync,
    E: Estimator<F, T> + Sync,
    C: Splitter<T>,
    S: Scorer<E::Fitted, F, T>,
{
    if param_range.is_empty() {
        return Err(Error::invalid_parameter(
            "validation_curve",
            "param_range",
            "at least one value",
            "[]",
        ));
    }
    let results = run_search(
        "validation_curve",
        param_range.to_vec(),
        &build,
        x,
        y,
        groups,
        cv,
        scoring,
        true,
        None,
    )?;
    Ok(Curve {
        train_scores: results.split_train_scores.expect("train scores were asked for"),
        test_scores: results.split_test_scores,
    })
}

/// A training-set size of a [`learning_curve`]: a fraction of the largest
/// training fold, or a number of rows (scikit-learn's float or int `train_sizes`).
///
/// # Example
/// ```
/// use learnkit::model_selection::TrainSize;
/// assert_eq!(TrainSize::Fraction(0.5), TrainSize::Fraction(0.5));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TrainSize {
    /// A fraction in (0, 1] of the first fold's training rows, rounded down.
    Fraction(f64),
    /// A number of rows, from 1 to the first fold's training rows.
    Count(usize),
}

/// The scores of a [`learning_curve`]: one row per training size.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{learning_curve, Accuracy, StratifiedKFold, TrainSize};
/// let iris = learnkit::datasets::load_iris();
/// let lc = learning_curve(&LogisticRegression::default().max_iter(1000), iris.data.view(), iris.target.view(),
///     None, &StratifiedKFold::new(5), &Accuracy, &[TrainSize::Fraction(0.5), TrainSize::Fraction(1.0)], Some(0))?;
/// assert_eq!(lc.train_sizes, vec![60, 120]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LearningCurve {
    /// The training-set sizes, in rows, increasing and distinct.
    pub train_sizes: Vec<usize>,
    /// Training and test scores per size (row) and fold (column).
    pub scores: Curve,
}

/// Cross-validated training and test scores of `estimator` fitted on growing
/// prefixes of each fold's training rows (scikit-learn's `learning_curve`).
/// The splitters give training rows in row order, so on sorted data the
/// small prefixes hold one class: `shuffle = Some(seed)` shuffles each fold's
/// training rows first (scikit-learn's `shuffle=True, random_state=seed`,
/// with learnkit's generator). Sizes are relative to the first fold's training set,
/// rounded down, deduplicated and sorted, as scikit-learn; scikit-learn's
/// default sizes are fractions 0.1, 0.325, 0.55, 0.775, 1.0. All (size,
/// fold) pairs run in parallel, results in a fixed order.
///
/// # Errors
/// [`Error::InvalidParameter`] for no sizes, a fraction outside (0, 1], or a
/// count of 0 or more than the first fold's training rows; otherwise as
/// [`cross_validate`](super::cross_validate).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{learning_curve, Accuracy, StratifiedKFold, TrainSize};
/// let iris = learnkit::datasets::load_iris();
/// let sizes = [TrainSize::Count(30), TrainSize::Fraction(1.0)];
/// let lc = learning_curve(&LogisticRegression::default().max_iter(1000), iris.data.view(), iris.target.view(),
///     None, &StratifiedKFold::new(5), &Accuracy, &sizes, Some(0))?;
/// assert_eq!(lc.scores.test_scores.dim(), (2, 5));
/// assert_eq!(lc.train_sizes, vec![30, 120]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[allow(clippy::too_many_arguments)]
pub fn learning_curve<F, T, E, C, S>(
    estimator: &E,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, T>,
    groups: Option<ArrayView1<'_, usize>>,
    cv: &C,
    scoring: &S,
    train_sizes: &[TrainSize],
    shuffle: Option<u64>,
) -> Result<LearningCurve>
where
    F: Float,
    T: Clone + Send + Sync,
    E: Estimator<F, T> + Sync,
    C: Splitter<T>,
    S: Scorer<E::Fitted, F, T>,
{
    const NAME: &str = "learning_curve";
    let mut folds = checked_folds(NAME, x, y, groups, cv)?;
    if let Some(seed) = shuffle {
        let mut rng = crate::random::rng_from(Some(seed));
        for fold in &mut folds {
            rand::seq::SliceRandom::shuffle(fold.train.as_mut_slice(), &mut rng);
        }
    }
    let n_max = folds[0].train.len();
    if train_sizes.is_empty() {
        return Err(Error::invalid_parameter(NAME, "train_sizes", "at least one size", "[]"));
    }
    let mut sizes = Vec::with_capacity(train_sizes.len());
    for &size in train_sizes {
        sizes.push(match size {
            TrainSize::Fraction(f) if f > 0.0 && f <= 1.0 => ((f * n_max as f64) as usize).max(1),
            TrainSize::Count(c) if c >= 1 && c <= n_max => c,
            other => {
                return Err(Error::invalid_parameter(
                    NAME,
                    "train_sizes",
                    format!("fractions in (0, 1] or counts in 1..={n_max} (the first fold's training rows)"),
                    format!("{other:?}"),
                ));
            }
        });
    }
    sizes.sort_unstable();
    sizes.dedup();
    let n_folds = folds.len();
    super::search::check_score_table(NAME, sizes.len(), n_folds)?;
    let scores: Vec<FoldScore> = (0..sizes.len() * n_folds)
        .into_par_iter()
        .map(|task| {
            let (s, f) = (task / n_folds, task % n_folds);
            let fold = &folds[f];
            let prefix = Fold {
                train: fold.train[..sizes[s].min(fold.train.len())].to_vec(),
                test: fold.test.clone(),
            };
            fit_and_score(estimator, x, y, &prefix, scoring, true)
        })
        .collect::<Result<_>>()?;
    let at = |s: usize, f: usize| scores[s * n_folds + f];
    Ok(LearningCurve {
        scores: Curve {
            train_scores: Array2::from_shape_fn((sizes.len(), n_folds), |(s, f)| at(s, f).train.unwrap_or(f64::NAN)),
            test_scores: Array2::from_shape_fn((sizes.len(), n_folds), |(s, f)| at(s, f).test),
        },
        train_sizes: sizes,
    })
}
