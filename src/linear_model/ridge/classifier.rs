//! [`RidgeClassifier`] and [`RidgeClassifierCV`]: ridge regression on
//! targets in {−1, 1}, one column per class (one for two classes), the
//! predicted class the one of largest score.

use super::super::api::linear_classifier;
use super::super::base::{Linear, intercepts, prepare};
use super::cv::{GcvMode, LooScore, check_alphas, search_alphas};
use super::scoring::IdentityClassifier;
use super::{Ridge, RidgeSolver, solve};
use crate::class_weight::ClassWeight;
use crate::classify::check_linear_classifier;
use crate::error::Result;
use crate::float::{Float, Label};
use crate::model_selection::{EstimatorScore, Scorer, Splitter, StratifiedKFold};
use crate::persistence::Check;
use crate::sparse::{MatrixView, check_matrix_x_y};
use crate::traits::{Estimator, SampleWeighted};
use crate::validation::{check_param, check_sample_weight, check_two_classes, check_x_y, encode_labels};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};

const NAME: &str = "RidgeClassifier";
const NAME_CV: &str = "RidgeClassifierCV";

/// The checked inputs of a ridge classifier in `f64`: `x`, the classes, the
/// {−1, 1} targets (scikit-learn's `LabelBinarizer(neg_label=-1)`: one
/// column, +1 for `classes[1]`, with two classes) and the weights.
#[allow(clippy::type_complexity)]
fn classifier_inputs<F: Float, L: Label>(
    name: &'static str,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, L>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<(Array2<f64>, Vec<L>, Array2<f64>, Option<Array1<f64>>)> {
    check_x_y(name, x, y.len())?;
    let (classes, targets, weights) = classifier_targets(name, x.nrows(), y, sample_weight)?;
    Ok((x.mapv(F::as_f64), classes, targets, weights))
}

/// The classes, {−1, 1} targets and checked weights of [`classifier_inputs`]
/// (for `n_rows` checked rows of `x`, dense or sparse).
#[allow(clippy::type_complexity)]
fn classifier_targets<F: Float, L: Label>(
    name: &'static str,
    n_rows: usize,
    y: ArrayView1<'_, L>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<(Vec<L>, Array2<f64>, Option<Array1<f64>>)> {
    let (classes, codes) = encode_labels(y.iter());
    check_two_classes(name, &classes)?;
    let weights = match sample_weight {
        Some(w) => Some(check_sample_weight(name, Some(w), n_rows)?.mapv(F::as_f64)),
        None => None,
    };
    let k = if classes.len() == 2 { 1 } else { classes.len() };
    let targets = Array2::from_shape_fn((codes.len(), k), |(i, j)| {
        let positive = if k == 1 { codes[i] == 1 } else { codes[i] == j };
        if positive { 1.0 } else { -1.0 }
    });
    Ok((classes, targets, weights))
}

/// A classifier from ridge regression, as scikit-learn's `RidgeClassifier`:
/// the classes are coded as targets in {−1, 1} (one column per class; one
/// column, for the second class, with two classes), a [`Ridge`] is fitted
/// to all columns at once, and the predicted class is the one of largest
/// decision score (for two classes, the second when the score is > 0).
///
/// # Sparse input
/// As [`Ridge`]'s: conjugate gradients on a
/// [`CsrMatrix`](crate::sparse::CsrMatrix) with `Auto` or `SparseCg`.
///
/// # Errors
/// As [`Ridge`], and [`Error::SingleClass`](crate::Error::SingleClass) when
/// `y` has one class.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// let iris = load_iris();
/// let model = RidgeClassifier::default().fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(model.classes(), &[0, 1, 2]);
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.8);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RidgeClassifier {
    /// Penalty strength (≥ 0), default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub alpha: f64,
    /// Whether to fit the intercepts, default true.
    pub fit_intercept: bool,
    /// The solver, default [`RidgeSolver::Auto`].
    pub solver: RidgeSolver,
    /// Relative tolerance of the iterative solver, default 1e-4.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub tol: f64,
    /// Iteration limit of the iterative solver (None: ten times the system's size).
    pub max_iter: Option<usize>,
    /// Threads for prediction (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for RidgeClassifier {
    fn default() -> Self {
        let ridge = Ridge::default();
        RidgeClassifier {
            alpha: ridge.alpha,
            fit_intercept: ridge.fit_intercept,
            solver: ridge.solver,
            tol: ridge.tol,
            max_iter: ridge.max_iter,
            n_jobs: ridge.n_jobs,
        }
    }
}

setters!(RidgeClassifier in "learnkit::linear_model" {
    alpha: f64 = 0.5;
    fit_intercept: bool = false;
    solver: RidgeSolver = learnkit::linear_model::RidgeSolver::Svd;
    tol: f64 = 1e-8;
    max_iter: Option<usize> = Some(100);
    n_jobs: Option<usize> = Some(1);
});

impl RidgeClassifier {
    fn as_ridge(&self) -> Ridge {
        Ridge {
            alpha: self.alpha,
            fit_intercept: self.fit_intercept,
            solver: self.solver,
            tol: self.tol,
            max_iter: self.max_iter,
            n_jobs: self.n_jobs,
        }
    }

    fn fit_checked<F: Float, L: Label>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedRidgeClassifier<F, L>> {
        self.as_ridge().validate(NAME)?;
        let (x, classes, targets, weights) = classifier_inputs(NAME, x, y, sample_weight)?;
        let prepared = prepare(x, targets, weights.as_ref(), self.fit_intercept);
        let (coef, _) = solve(NAME, &prepared, self.alpha, self.solver, self.tol, self.max_iter)?;
        let intercept = intercepts(&coef, &prepared);
        Ok(FittedRidgeClassifier {
            params: self.clone(),
            classes,
            linear: Linear::new(&coef, &intercept),
        })
    }

    /// [`RidgeClassifier::fit_checked`] for a dense or sparse `x`: as
    /// [`Ridge`]'s, conjugate gradients on a sparse `x` with `Auto` and
    /// `SparseCg`, a (fallible) dense copy for `Cholesky` and `Svd`.
    fn fit_checked_matrix<F: Float, L: Label>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedRidgeClassifier<F, L>> {
        let ridge = self.as_ridge();
        let x = match x {
            MatrixView::Sparse(x) if ridge.solves_sparse() => x,
            x => return x.with_dense(|x| self.fit_checked(x, y, sample_weight)),
        };
        ridge.validate(NAME)?;
        check_matrix_x_y(NAME, x.into(), y.len())?;
        let (classes, targets, weights) = classifier_targets(NAME, x.nrows(), y, sample_weight)?;
        let (coef, intercept, _) = ridge.solve_sparse(NAME, x, targets, weights.as_ref())?;
        Ok(FittedRidgeClassifier {
            params: self.clone(),
            classes,
            linear: Linear::new(&coef, &intercept),
        })
    }
}

/// A fitted [`RidgeClassifier`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let model = RidgeClassifier::default().fit(x.view(), array!["no", "no", "yes", "yes"].view())?;
/// assert_eq!(model.predict(array![[-1.0], [4.0]].view())?, array!["no", "yes"]);
/// assert_eq!(model.coef().dim(), (1, 1)); // two classes: one row, for "yes"
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        remote = "Self",
        bound(
            serialize = "F: Float, L: serde::Serialize",
            deserialize = "F: Float, L: serde::de::DeserializeOwned"
        )
    )
)]
pub struct FittedRidgeClassifier<F, L> {
    params: RidgeClassifier,
    classes: Vec<L>,
    linear: Linear<F>,
}

checked_serde!(impl[F: Float, L: Label] FittedRidgeClassifier<F, L>;
    ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label] FittedRidgeClassifier<F, L> => format!("RidgeClassifier<{}>", F::NAME));

impl<F: Float, L: Label> Check for FittedRidgeClassifier<F, L> {
    /// Classes sorted and distinct, one coefficient row and intercept per
    /// class (one for two classes), zero intercepts unless fitted, and
    /// hyperparameters a fit accepts.
    fn check(&self) -> std::result::Result<(), String> {
        self.params.as_ridge().validate(NAME).map_err(|e| e.to_string())?;
        check_linear_classifier(
            NAME,
            &self.classes,
            &ClassWeight::Uniform,
            self.linear.coef.nrows(),
            self.linear.intercept.len(),
            self.params.fit_intercept,
            self.linear.intercept.iter().all(|b| *b == F::zero()),
        )?;
        self.linear.check(None, self.params.fit_intercept)
    }
}

/// [`RidgeClassifier`] with `alpha` chosen among `alphas` by
/// cross-validation, as scikit-learn's `RidgeClassifierCV`.
///
/// - `cv = None` (the default): efficient leave-one-out on the {−1, 1}
///   targets, the smallest mean squared leave-one-out error over all target
///   columns (scikit-learn's `cv=None`).
/// - `cv = Some(splitter)` ([`RidgeClassifierCV::cv`], any [`Splitter`],
///   e.g. `StratifiedKFold::new(5)` for scikit-learn's `cv=5`): on each fold
///   a [`RidgeClassifier`] is fitted on the training rows at every alpha and
///   scored by accuracy on the test rows (weighted by their sample weights
///   when given); the alpha of highest mean accuracy wins (the first on
///   ties) and is refitted on all rows. Folds run in parallel on `n_jobs`
///   threads; the result does not depend on their number.
/// - `scoring` ([`RidgeClassifierCV::scoring`]): any [`Scorer`] of an
///   [`IdentityClassifier`], given the leave-one-out decision values or a
///   fold's decision values on its test rows.
///
/// The fitted model records the settings without the splitter and scorer.
///
/// # Errors
/// As [`RidgeCV`](super::RidgeCV) and [`RidgeClassifier`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// use learnkit::linear_model::RidgeClassifierCV;
/// use learnkit::model_selection::StratifiedKFold;
/// let iris = load_iris();
/// let model = RidgeClassifierCV::default().fit(iris.data.view(), iris.target.view())?;
/// assert!([0.1, 1.0, 10.0].contains(&model.alpha()));
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.8);
///
/// // 5 stratified folds: the best mean test accuracy.
/// let by_folds = RidgeClassifierCV::default().cv(StratifiedKFold::new(5)).fit(iris.data.view(), iris.target.view())?;
/// assert!(by_folds.best_score() > 0.7);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RidgeClassifierCV<C = StratifiedKFold, S = EstimatorScore> {
    /// The alphas to try (each finite and > 0), default `[0.1, 1.0, 10.0]`.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    pub alphas: Vec<f64>,
    /// Whether to fit the intercepts, default true.
    pub fit_intercept: bool,
    /// The decomposition of efficient leave-one-out, default [`GcvMode::Auto`].
    pub gcv_mode: GcvMode,
    /// The splitter, default `None`: efficient leave-one-out. Set with
    /// [`RidgeClassifierCV::cv`]; not serialised.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub cv: Option<C>,
    /// The scorer, default `None`: scikit-learn's `scoring=None` (minus the
    /// mean squared leave-one-out error, or accuracy on the folds). Set with
    /// [`RidgeClassifierCV::scoring`]; not serialised.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub scoring: Option<S>,
    /// Threads for the folds and for prediction (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for RidgeClassifierCV {
    fn default() -> Self {
        RidgeClassifierCV {
            alphas: vec![0.1, 1.0, 10.0],
            fit_intercept: true,
            gcv_mode: GcvMode::Auto,
            cv: None,
            scoring: None,
            n_jobs: None,
        }
    }
}

setters!(RidgeClassifierCV<C: Sized = learnkit::model_selection::StratifiedKFold, S: Sized = learnkit::model_selection::EstimatorScore> in "learnkit::linear_model" {
    alphas: Vec<f64> = vec![0.5, 5.0];
    fit_intercept: bool = false;
    gcv_mode: GcvMode = learnkit::linear_model::GcvMode::Svd;
    n_jobs: Option<usize> = Some(1);
});

impl<C, S> RidgeClassifierCV<C, S> {
    /// Sets the splitter `cv`: `alpha` is then chosen by the mean score
    /// over its folds (accuracy unless [`scoring`](RidgeClassifierCV::scoring)
    /// is set) instead of efficient leave-one-out (scikit-learn's `cv=5` is
    /// `StratifiedKFold::new(5)`).
    ///
    /// # Example
    /// ```
    /// use learnkit::linear_model::RidgeClassifierCV;
    /// use learnkit::model_selection::KFold;
    /// let search = RidgeClassifierCV::default().cv(KFold::new(4));
    /// assert_eq!(search.cv.unwrap().n_splits, 4);
    /// ```
    pub fn cv<C2>(self, cv: C2) -> RidgeClassifierCV<C2, S> {
        RidgeClassifierCV {
            alphas: self.alphas,
            fit_intercept: self.fit_intercept,
            gcv_mode: self.gcv_mode,
            cv: Some(cv),
            scoring: self.scoring,
            n_jobs: self.n_jobs,
        }
    }

    /// Sets the scorer (scikit-learn's `scoring=`), any [`Scorer`] of an
    /// [`IdentityClassifier`]: without a splitter it scores the
    /// leave-one-out decision values, with one each fold's decision values
    /// on its test rows; greater is better. The scorer's `x` holds those
    /// decision values (see [`IdentityClassifier`]), so
    /// [`Accuracy`](crate::model_selection::Accuracy) and the other
    /// prediction scorers work as given. The scorers take no sample
    /// weights: a fit with weights and a scorer is refused.
    ///
    /// With two classes, scikit-learn 1.9.1 scores every alpha's
    /// leave-one-out predictions as all correct (it takes the argmax of a
    /// single column); learnkit scores them by their sign, as the fitted
    /// classifier predicts.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::linear_model::RidgeClassifierCV;
    /// use learnkit::model_selection::Accuracy;
    /// let iris = load_iris();
    /// let model = RidgeClassifierCV::default().scoring(Accuracy).fit(iris.data.view(), iris.target.view())?;
    /// assert!(model.best_score() > 0.7); // the leave-one-out accuracy
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scoring<S2>(self, scoring: S2) -> RidgeClassifierCV<C, S2> {
        RidgeClassifierCV {
            alphas: self.alphas,
            fit_intercept: self.fit_intercept,
            gcv_mode: self.gcv_mode,
            cv: self.cv,
            scoring: Some(scoring),
            n_jobs: self.n_jobs,
        }
    }

    fn validate(&self) -> Result<()> {
        check_alphas(NAME_CV, &self.alphas)?;
        check_param(NAME_CV, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))
    }

    /// The settings the fitted model records: all but the splitter and the scorer.
    fn recorded(&self) -> RidgeClassifierCV {
        RidgeClassifierCV {
            alphas: self.alphas.clone(),
            fit_intercept: self.fit_intercept,
            gcv_mode: self.gcv_mode,
            cv: None,
            scoring: None,
            n_jobs: self.n_jobs,
        }
    }

    fn fit_checked<F: Float, L: Label>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedRidgeClassifierCV<F, L>>
    where
        C: Splitter<L>,
        S: Scorer<IdentityClassifier<L>, f64, L>,
    {
        self.validate()?;
        if self.scoring.is_some() && sample_weight.is_some() {
            return Err(super::scoring::weights_refused(NAME_CV));
        }
        let folds = match &self.cv {
            Some(cv) => Some(crate::model_selection::checked_folds(NAME_CV, x, y, None, cv)?),
            None => None,
        };
        let (x, classes, targets, weights) = classifier_inputs(NAME_CV, x, y, sample_weight)?;
        let identity = IdentityClassifier::new(classes.clone());
        let loo_score = |decisions: ArrayView2<'_, f64>| -> Result<f64> {
            let scorer = self.scoring.as_ref().expect("only with a scorer");
            scorer.score(&identity, decisions, y)
        };
        let fold_score = |decisions: ArrayView2<'_, f64>, test: &[usize]| -> Result<f64> {
            let y_test = y.select(Axis(0), test);
            match &self.scoring {
                Some(scorer) => scorer.score(&identity, decisions, y_test.view()),
                None => {
                    let predicted = crate::classify::classes_from_scores(decisions, &classes);
                    let hits = predicted.iter().zip(&y_test).map(|(p, t)| f64::from(u8::from(p == t)));
                    Ok(match &weights {
                        Some(w) => {
                            let w_test = w.select(Axis(0), test);
                            hits.zip(&w_test).map(|(h, w)| h * w).sum::<f64>() / w_test.sum()
                        }
                        None => hits.sum::<f64>() / test.len() as f64,
                    })
                }
            }
        };
        let search = super::folds::FoldSearch {
            name: NAME_CV,
            alphas: &self.alphas,
            fit_intercept: self.fit_intercept,
            n_jobs: self.n_jobs,
            score: &fold_score,
        };
        let loo_score = self.scoring.as_ref().map(|_| &loo_score as &LooScore<'_>);
        let (alpha, best_score, coef, prepared) = search_alphas(
            &search,
            self.gcv_mode,
            x,
            targets,
            weights.as_ref(),
            folds.as_deref(),
            loo_score,
        )?;
        let intercept = intercepts(&coef, &prepared);
        Ok(FittedRidgeClassifierCV {
            params: self.recorded(),
            classes,
            linear: Linear::new(&coef, &intercept),
            alpha,
            best_score,
        })
    }
}

impl<F: Float, L: Label, C: Splitter<L>, S: Scorer<IdentityClassifier<L>, f64, L>> Estimator<F, L>
    for RidgeClassifierCV<C, S>
{
    type Fitted = FittedRidgeClassifierCV<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<FittedRidgeClassifierCV<F, L>> {
        self.fit_checked(x, y, None)
    }
}

impl<F: Float, L: Label, C: Splitter<L>, S: Scorer<IdentityClassifier<L>, f64, L>> SampleWeighted<F, L>
    for RidgeClassifierCV<C, S>
{
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<FittedRidgeClassifierCV<F, L>> {
        self.fit_checked(x, y, Some(sample_weight))
    }
}

/// A fitted [`RidgeClassifierCV`]: the ridge classifier of the chosen alpha.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::RidgeClassifierCV;
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let model = RidgeClassifierCV::default().fit(x.view(), array![0, 0, 1, 1].view())?;
/// assert_eq!(model.predict(x.view())?, array![0, 0, 1, 1]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        remote = "Self",
        bound(
            serialize = "F: Float, L: serde::Serialize",
            deserialize = "F: Float, L: serde::de::DeserializeOwned"
        )
    )
)]
pub struct FittedRidgeClassifierCV<F, L> {
    params: RidgeClassifierCV,
    classes: Vec<L>,
    linear: Linear<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    alpha: f64,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    best_score: f64,
}

checked_serde!(impl[F: Float, L: Label] FittedRidgeClassifierCV<F, L>;
    ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label] FittedRidgeClassifierCV<F, L> => format!("RidgeClassifierCV<{}>", F::NAME));

impl<F: Float, L: Label> Check for FittedRidgeClassifierCV<F, L> {
    /// As [`FittedRidgeClassifier`], and the chosen alpha among the alphas.
    fn check(&self) -> std::result::Result<(), String> {
        self.validate_params()?;
        check_linear_classifier(
            NAME_CV,
            &self.classes,
            &ClassWeight::Uniform,
            self.linear.coef.nrows(),
            self.linear.intercept.len(),
            self.params.fit_intercept,
            self.linear.intercept.iter().all(|b| *b == F::zero()),
        )?;
        self.linear.check(None, self.params.fit_intercept)
    }
}

impl<F: Float, L: Label> FittedRidgeClassifierCV<F, L> {
    fn validate_params(&self) -> std::result::Result<(), String> {
        self.params.validate().map_err(|e| e.to_string())?;
        crate::persistence::check::ensure(self.params.alphas.contains(&self.alpha), || {
            "the chosen alpha is not among the alphas".into()
        })
    }

    /// The chosen alpha (`alpha_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::RidgeClassifierCV;
    /// use ndarray::array;
    /// let model = RidgeClassifierCV::default().alphas(vec![2.0])
    ///     .fit(array![[0.0], [1.0], [2.0]].view(), array![0, 1, 1].view())?;
    /// assert_eq!(model.alpha(), 2.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// The score of the chosen alpha (`best_score_`): minus the mean squared
    /// leave-one-out error on the {−1, 1} targets, or with a splitter the
    /// mean test accuracy over its folds, or the scorer's.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::RidgeClassifierCV;
    /// use ndarray::array;
    /// let model = RidgeClassifierCV::default().fit(array![[0.0], [1.0], [2.0]].view(), array![0, 1, 1].view())?;
    /// assert!(model.best_score() < 0.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn best_score(&self) -> f64 {
        self.best_score
    }
}

linear_classifier!(RidgeClassifier => FittedRidgeClassifier, NAME, sparse: fit_checked_matrix);
linear_classifier!(@fitted RidgeClassifierCV => FittedRidgeClassifierCV, NAME_CV);
