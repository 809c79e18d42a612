//! [`RidgeCV`]: `alpha` chosen by efficient leave-one-out cross-validation
//! (generalised cross-validation, scikit-learn's `_RidgeGCV`).
//!
//! With a splitter (`cv`), each fold instead fits [`Ridge`](super::Ridge)
//! at every alpha and scores R² on its test rows (scikit-learn's
//! `GridSearchCV` path, in `folds`).
//!
//! One decomposition of the data serves every alpha: the eigendecomposition
//! of `XXᵀ` (n ≤ p, "gram") or of `XᵀX` (n > p, "cov"), or the SVD of `X`.
//! With `G = XXᵀ + αI` the leave-one-out residual of sample `i` is
//! `(G⁻¹y)ᵢ / (G⁻¹)ᵢᵢ`, without refitting; the unpenalised intercept is a
//! rank-one correction of the diagonal.

use super::super::api::linear_fitted_regressor;
use super::super::base::{Linear, Prepared, intercepts, prepare, regression_inputs};
use super::scoring::IdentityRegressor;
use crate::error::Result;
use crate::float::Float;
use crate::linalg::{symmetric_eigen, thin_svd};
use crate::model_selection::{EstimatorScore, KFold, Scorer, Splitter};
use crate::persistence::Check;
use crate::traits::{Estimator, SampleWeighted};
use crate::validation::check_param;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};

const NAME: &str = "RidgeCV";

/// How [`RidgeCV`] decomposes the data (scikit-learn's `gcv_mode`).
///
/// # Example
/// ```
/// use learnkit::linear_model::{GcvMode, RidgeCV};
/// assert_eq!(RidgeCV::default().gcv_mode(GcvMode::Svd).gcv_mode, GcvMode::Svd);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum GcvMode {
    /// The eigendecomposition of `XXᵀ` when n_samples ≤ n_features, of
    /// `XᵀX` otherwise (scikit-learn's `"auto"` / `"eigen"`).
    #[default]
    Auto,
    /// The SVD of `X`.
    Svd,
}

/// The decomposition behind every alpha's leave-one-out errors.
enum Decomposition {
    Gram {
        eigvals: Array1<f64>,
        q: Array2<f64>,
        qt_y: Array2<f64>,
        qt_sw: Array1<f64>,
    },
    Cov {
        eigvals: Array1<f64>,
        v: Array2<f64>,
        xt_y: Array2<f64>,
        xt_sw: Array1<f64>,
    },
    Svd {
        s: Array1<f64>,
        u: Array2<f64>,
        v: Array2<f64>,
        ut_y: Array2<f64>,
        ut_sw: Array1<f64>,
    },
}

/// `diag(q · diag(d) · qᵀ)`.
fn decomp_diag(d: &Array1<f64>, q: &Array2<f64>) -> Array1<f64> {
    q.rows()
        .into_iter()
        .map(|row| row.iter().zip(d).map(|(v, w)| w * v * v).sum())
        .collect()
}

/// `diag(d) · b` for a matrix `b`.
fn scale_rows(d: &Array1<f64>, b: &Array2<f64>) -> Array2<f64> {
    b * &d.view().insert_axis(Axis(1))
}

/// The result of a search over alphas.
pub(super) struct Gcv {
    pub alpha: f64,
    pub best_score: f64,
    /// Targets × features.
    pub coef: Array2<f64>,
}

/// The score of an alpha from its leave-one-out predictions (`n_samples ×
/// n_targets`, on the scale of the original targets).
pub(super) type LooScore<'a> = dyn Fn(ArrayView2<'_, f64>) -> Result<f64> + 'a;

/// The search `RidgeCV` and `RidgeClassifierCV` share: without folds,
/// leave-one-out (GCV) on the prepared data, scored by `loo_score` when
/// given (else `−mean(looe²)`); with folds, every alpha on each fold scored
/// by `search.score`, then the refit at the best. Returns the alpha, its
/// score, the coefficients there and the prepared data (for the intercept).
pub(super) fn search_alphas(
    search: &super::folds::FoldSearch<'_>,
    gcv_mode: GcvMode,
    x: Array2<f64>,
    y: Array2<f64>,
    weights: Option<&Array1<f64>>,
    folds: Option<&[crate::model_selection::Fold]>,
    loo_score: Option<&LooScore<'_>>,
) -> Result<(f64, f64, Array2<f64>, Prepared)> {
    match folds {
        None => {
            let prepared = prepare(x, y, weights, search.fit_intercept);
            let found = gcv(&prepared, search.alphas, gcv_mode, search.fit_intercept, loo_score)?;
            Ok((found.alpha, found.best_score, found.coef, prepared))
        }
        Some(folds) => {
            let (alpha, best_score) = search.best_alpha(&x, &y, weights, folds)?;
            let prepared = prepare(x, y, weights, search.fit_intercept);
            let coef = search.refit(&prepared, alpha)?;
            Ok((alpha, best_score, coef, prepared))
        }
    }
}

/// Leave-one-out errors for each alpha on the prepared data; the alpha of
/// largest score (the first on ties) and its coefficients. The score is
/// `−mean(looe²)` without `score`, else `score` of the leave-one-out
/// predictions (scikit-learn's `scoring`).
pub(super) fn gcv(
    prepared: &Prepared,
    alphas: &[f64],
    mode: GcvMode,
    fit_intercept: bool,
    score: Option<&LooScore<'_>>,
) -> Result<Gcv> {
    let x = &prepared.x;
    let y = &prepared.y;
    let sqrt_sw = &prepared.sqrt_sw;
    let (n, p) = x.dim();
    let sw_sum = sqrt_sw.dot(sqrt_sw);
    let decomposition = match mode {
        GcvMode::Svd => {
            let (s, u, vt) = thin_svd(x.view(), true)?;
            let u = u.expect("asked for u");
            let ut_y = u.t().dot(y);
            let ut_sw = u.t().dot(sqrt_sw);
            Decomposition::Svd {
                s,
                u,
                v: vt.reversed_axes(),
                ut_y,
                ut_sw,
            }
        }
        GcvMode::Auto if n <= p => {
            let (eigvals, q) = symmetric_eigen(x.dot(&x.t()).view())?;
            let qt_y = q.t().dot(y);
            let qt_sw = q.t().dot(sqrt_sw);
            Decomposition::Gram {
                eigvals,
                q,
                qt_y,
                qt_sw,
            }
        }
        GcvMode::Auto => {
            let (eigvals, v) = symmetric_eigen(x.t().dot(x).view())?;
            Decomposition::Cov {
                eigvals,
                v,
                xt_y: x.t().dot(y),
                xt_sw: x.t().dot(sqrt_sw),
            }
        }
    };
    let mut best: Option<Gcv> = None;
    for &alpha in alphas {
        // (numerators, denominators) of the leave-one-out residuals, and the
        // coefficients (features × targets).
        let (c, d, coef) = match &decomposition {
            Decomposition::Gram {
                eigvals,
                q,
                qt_y,
                qt_sw,
            } => {
                let dd = eigvals.mapv(|e| 1.0 / (e + alpha));
                let c = q.dot(&scale_rows(&dd, qt_y));
                let mut d = decomp_diag(&dd, q);
                if fit_intercept {
                    let ginv_sw = q.dot(&(&dd * qt_sw));
                    d -= &(&ginv_sw * sqrt_sw / sw_sum);
                }
                let coef = x.t().dot(&c);
                (c, d, coef)
            }
            Decomposition::Cov {
                eigvals,
                v,
                xt_y,
                xt_sw,
            } => {
                let dd = eigvals.mapv(|e| 1.0 / (e + alpha));
                let hinv = (v * &dd.view().insert_axis(Axis(0))).dot(&v.t());
                let hinv_xt_y = hinv.dot(xt_y);
                let hinv_xt_sw = hinv.dot(xt_sw);
                let c = y - &x.dot(&hinv_xt_y);
                let x_hinv = x.dot(&hinv);
                let mut d: Array1<f64> = x_hinv
                    .rows()
                    .into_iter()
                    .zip(x.rows())
                    .map(|(a, b)| 1.0 - a.dot(&b))
                    .collect();
                if fit_intercept {
                    let ginv_sw = sqrt_sw - &x.dot(&hinv_xt_sw);
                    d -= &(&ginv_sw * sqrt_sw / sw_sum);
                }
                (c, d, hinv_xt_y)
            }
            Decomposition::Svd { s, u, v, ut_y, ut_sw } => {
                let (c, d) = if n > p {
                    let m = s.mapv(|sv| alpha / (sv * sv + alpha) - 1.0);
                    let c = u.dot(&scale_rows(&m, ut_y)) + y;
                    let mut d = decomp_diag(&m, u) + 1.0;
                    if fit_intercept {
                        let ginv_sw = u.dot(&(&m * ut_sw)) + sqrt_sw;
                        d -= &(&ginv_sw * sqrt_sw / sw_sum);
                    }
                    (c, d)
                } else {
                    let ad = s.mapv(|sv| alpha / (sv * sv + alpha));
                    let c = u.dot(&scale_rows(&ad, ut_y));
                    let mut d = decomp_diag(&ad, u);
                    if fit_intercept {
                        let ginv_sw = u.dot(&(&ad * ut_sw));
                        d -= &(&ginv_sw * sqrt_sw / sw_sum);
                    }
                    (c, d)
                };
                let coef = v.dot(&scale_rows(&s.mapv(|sv| sv / (sv * sv + alpha)), ut_y));
                (c, d, coef)
            }
        };
        let looe = &c / &d.view().insert_axis(Axis(1));
        let score = match score {
            None => -looe.iter().map(|e| e * e).sum::<f64>() / looe.len() as f64,
            Some(score) => {
                // Back on the targets' scale: unweighted and uncentred.
                let predictions = (y - &looe) / sqrt_sw.view().insert_axis(Axis(1)) + &prepared.y_offset;
                score(predictions.view())?
            }
        };
        let better = match &best {
            None => true,
            Some(b) => score > b.best_score || (b.best_score.is_nan() && !score.is_nan()),
        };
        if better {
            best = Some(Gcv {
                alpha,
                best_score: score,
                coef: coef.reversed_axes(),
            });
        }
    }
    Ok(best.expect("alphas checked non-empty"))
}

/// Checks a list of alphas for leave-one-out: non-empty, finite, > 0.
pub(super) fn check_alphas(name: &'static str, alphas: &[f64]) -> Result<()> {
    check_param(name, "alphas", alphas, "a non-empty list of finite numbers > 0", |a| {
        !a.is_empty() && a.iter().all(|v| v.is_finite() && *v > 0.0)
    })
}

/// [`Ridge`](super::Ridge) with `alpha` chosen among `alphas` by
/// cross-validation, as scikit-learn's `RidgeCV`.
///
/// - `cv = None` (the default): efficient leave-one-out, scikit-learn's
///   `cv=None`: the alpha of smallest mean squared leave-one-out error
///   (weighted by the sample weights when given), from one decomposition of
///   the data ([`GcvMode`]).
/// - `cv = Some(splitter)` ([`RidgeCV::cv`], any [`Splitter`], e.g.
///   `KFold::new(5)` for scikit-learn's `cv=5`): on each fold,
///   [`Ridge`](super::Ridge) (solver `Auto`) is fitted on the training rows
///   at every alpha (with their sample weights) and scored by R² on the test
///   rows (unweighted, as scikit-learn's `GridSearchCV` without metadata
///   routing); the alpha of highest mean R² wins (the first on ties) and is
///   refitted on all rows. Folds run in parallel on `n_jobs` threads; the
///   result does not depend on their number. `gcv_mode` is then unused.
/// - `scoring` ([`RidgeCV::scoring`], scikit-learn's `scoring=`): any
///   [`Scorer`] of an [`IdentityRegressor`] instead, given the leave-one-out
///   predictions (on the targets' scale) or each fold's test predictions.
///
/// The fitted model records the settings without the splitter and the
/// scorer (neither need be serialisable).
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for an empty
/// `alphas` or one that is not finite and > 0; the splitter's errors (e.g.
/// `KFold::new(1)`: fewer than 2 folds, or more folds than rows); the data
/// errors of [`Ridge`](super::Ridge).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::RidgeCV;
/// use learnkit::model_selection::KFold;
/// use ndarray::array;
///
/// let x = array![[0.0, 1.0], [1.0, 0.5], [2.0, 1.5], [3.0, 0.0], [4.0, 2.0], [5.0, 1.0]];
/// let y = array![0.1, 1.0, 2.1, 2.9, 4.2, 5.0];
/// let model = RidgeCV::default().alphas(vec![0.01, 1.0, 100.0]).fit(x.view(), y.view())?;
/// assert_eq!(model.alpha(), 0.01); // nearly linear data: little penalty
/// assert!(model.best_score() < 0.0); // minus the mean squared LOO error
///
/// // 3-fold cross-validation instead: the best mean R² over the folds.
/// let by_folds = RidgeCV::default().alphas(vec![0.01, 1.0, 100.0]).cv(KFold::new(3)).fit(x.view(), y.view())?;
/// assert_eq!(by_folds.alpha(), 0.01);
/// assert!(by_folds.best_score() > 0.9);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RidgeCV<C = KFold, S = EstimatorScore> {
    /// The alphas to try (each finite and > 0), default `[0.1, 1.0, 10.0]`.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    pub alphas: Vec<f64>,
    /// Whether to fit an intercept, default true.
    pub fit_intercept: bool,
    /// The decomposition of efficient leave-one-out, default [`GcvMode::Auto`].
    pub gcv_mode: GcvMode,
    /// The splitter, default `None`: efficient leave-one-out. Not serialised
    /// (a splitter need not be): a deserialised search has `None`.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub cv: Option<C>,
    /// The scorer, default `None`: scikit-learn's `scoring=None` (minus the
    /// mean squared leave-one-out error, or R² on the folds). Set with
    /// [`RidgeCV::scoring`]; not serialised.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub scoring: Option<S>,
    /// Threads for the folds and for prediction (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for RidgeCV {
    fn default() -> Self {
        RidgeCV {
            alphas: vec![0.1, 1.0, 10.0],
            fit_intercept: true,
            gcv_mode: GcvMode::Auto,
            cv: None,
            scoring: None,
            n_jobs: None,
        }
    }
}

setters!(RidgeCV<C: Sized = learnkit::model_selection::KFold, S: Sized = learnkit::model_selection::EstimatorScore> in "learnkit::linear_model" {
    alphas: Vec<f64> = vec![0.5, 5.0];
    fit_intercept: bool = false;
    gcv_mode: GcvMode = learnkit::linear_model::GcvMode::Svd;
    n_jobs: Option<usize> = Some(1);
});

impl<C, S> RidgeCV<C, S> {
    /// Sets the splitter `cv`: `alpha` is then chosen by the mean score
    /// over its folds instead of efficient leave-one-out (scikit-learn's
    /// `cv=5` is `KFold::new(5)`).
    ///
    /// # Example
    /// ```
    /// use learnkit::linear_model::RidgeCV;
    /// use learnkit::model_selection::ShuffleSplit;
    /// let search = RidgeCV::default().cv(ShuffleSplit::new(4).random_state(0));
    /// assert_eq!(search.cv.unwrap().n_splits, 4);
    /// ```
    pub fn cv<C2>(self, cv: C2) -> RidgeCV<C2, S> {
        RidgeCV {
            alphas: self.alphas,
            fit_intercept: self.fit_intercept,
            gcv_mode: self.gcv_mode,
            cv: Some(cv),
            scoring: self.scoring,
            n_jobs: self.n_jobs,
        }
    }

    /// Sets the scorer (scikit-learn's `scoring=`), any
    /// [`Scorer`] of an [`IdentityRegressor`]: without a splitter it scores
    /// the leave-one-out predictions, with one each fold's predictions on
    /// its test rows; greater is better. The scorer's `x` is one column of
    /// predictions (see [`IdentityRegressor`]), so the metric scorers
    /// ([`R2`](crate::model_selection::R2),
    /// [`NegMeanAbsoluteError`](crate::model_selection::NegMeanAbsoluteError), …)
    /// work as given. The scorers take no sample weights: a fit with
    /// weights and a scorer is refused.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::RidgeCV;
    /// use learnkit::model_selection::R2;
    /// use ndarray::array;
    /// let x = array![[0.0, 1.0], [1.0, 0.5], [2.0, 1.5], [3.0, 0.0], [4.0, 2.0], [5.0, 1.0]];
    /// let y = array![0.1, 1.0, 2.1, 2.9, 4.2, 5.0];
    /// let model = RidgeCV::default().alphas(vec![0.01, 100.0]).scoring(R2).fit(x.view(), y.view())?;
    /// assert_eq!(model.alpha(), 0.01);
    /// assert!(model.best_score() > 0.9); // the leave-one-out R²
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scoring<S2>(self, scoring: S2) -> RidgeCV<C, S2> {
        RidgeCV {
            alphas: self.alphas,
            fit_intercept: self.fit_intercept,
            gcv_mode: self.gcv_mode,
            cv: self.cv,
            scoring: Some(scoring),
            n_jobs: self.n_jobs,
        }
    }

    fn validate(&self) -> Result<()> {
        check_alphas(NAME, &self.alphas)?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))
    }

    /// The settings the fitted model records: all but the splitter and the scorer.
    fn recorded(&self) -> RidgeCV {
        RidgeCV {
            alphas: self.alphas.clone(),
            fit_intercept: self.fit_intercept,
            gcv_mode: self.gcv_mode,
            cv: None,
            scoring: None,
            n_jobs: self.n_jobs,
        }
    }

    fn fit_checked<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedRidgeCV<F>>
    where
        C: Splitter<F>,
        S: Scorer<IdentityRegressor, f64, f64>,
    {
        self.validate()?;
        if self.scoring.is_some() && sample_weight.is_some() {
            return Err(super::scoring::weights_refused(NAME));
        }
        let folds = match &self.cv {
            Some(cv) => Some(crate::model_selection::checked_folds(NAME, x, y, None, cv)?),
            None => None,
        };
        let (x, y, weights) = regression_inputs(NAME, x, y, sample_weight)?;
        let targets = y.column(0);
        let loo_score = |predictions: ArrayView2<'_, f64>| -> Result<f64> {
            let scorer = self.scoring.as_ref().expect("only with a scorer");
            scorer.score(&IdentityRegressor, predictions, targets)
        };
        let fold_score = |predicted: ArrayView2<'_, f64>, test: &[usize]| -> Result<f64> {
            match &self.scoring {
                None => super::folds::r2_of_test_rows(targets, weights.as_ref(), predicted, test),
                Some(scorer) => {
                    let y_test = targets.select(Axis(0), test);
                    scorer.score(&IdentityRegressor, predicted, y_test.view())
                }
            }
        };
        let search = super::folds::FoldSearch {
            name: NAME,
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
            y.clone(),
            weights.as_ref(),
            folds.as_deref(),
            loo_score,
        )?;
        let intercept = intercepts(&coef, &prepared);
        Ok(FittedRidgeCV {
            params: self.recorded(),
            linear: Linear::new(&coef, &intercept),
            alpha,
            best_score,
        })
    }
}

impl<F: Float, C: Splitter<F>, S: Scorer<IdentityRegressor, f64, f64>> Estimator<F, F> for RidgeCV<C, S> {
    type Fitted = FittedRidgeCV<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<FittedRidgeCV<F>> {
        self.fit_checked(x, y, None)
    }
}

impl<F: Float, C: Splitter<F>, S: Scorer<IdentityRegressor, f64, f64>> SampleWeighted<F, F> for RidgeCV<C, S> {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<FittedRidgeCV<F>> {
        self.fit_checked(x, y, Some(sample_weight))
    }
}

/// A fitted [`RidgeCV`]: the ridge model of the chosen alpha.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::RidgeCV;
/// use ndarray::array;
/// let x = array![[1.0], [2.0], [3.0], [4.0]];
/// let model = RidgeCV::default().fit(x.view(), array![2.0, 4.1, 5.9, 8.0].view())?;
/// assert_eq!(model.alpha(), 0.1);
/// assert!(model.score(x.view(), array![2.0, 4.1, 5.9, 8.0].view())? > 0.99);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(remote = "Self", bound(serialize = "F: Float", deserialize = "F: Float"))
)]
pub struct FittedRidgeCV<F> {
    params: RidgeCV,
    linear: Linear<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    alpha: f64,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    best_score: f64,
}

checked_serde!(impl[F: Float] FittedRidgeCV<F>);
persist!(impl[F: Float] FittedRidgeCV<F> => format!("RidgeCV<{}>", F::NAME));

impl<F: Float> Check for FittedRidgeCV<F> {
    /// One row of finite coefficients, a zero intercept unless fitted, and
    /// the chosen alpha among the alphas.
    fn check(&self) -> std::result::Result<(), String> {
        self.params.validate().map_err(|e| e.to_string())?;
        self.linear.check(Some(1), self.params.fit_intercept)?;
        crate::persistence::check::ensure(self.params.alphas.contains(&self.alpha), || {
            "the chosen alpha is not among the alphas".into()
        })
    }
}

impl<F: Float> FittedRidgeCV<F> {
    /// The chosen alpha (`alpha_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::RidgeCV;
    /// use ndarray::array;
    /// let model = RidgeCV::default().alphas(vec![3.0]).fit(array![[0.0], [1.0], [2.0]].view(), array![0.0, 1.0, 1.5].view())?;
    /// assert_eq!(model.alpha(), 3.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// The score of the chosen alpha (`best_score_`): minus the mean
    /// squared leave-one-out error, or with a splitter the mean test R²
    /// over its folds; with a scorer, its score (mean over the folds).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::RidgeCV;
    /// use ndarray::array;
    /// let model = RidgeCV::default().fit(array![[0.0], [1.0], [2.0]].view(), array![0.0, 1.0, 1.5].view())?;
    /// assert!(model.best_score() <= 0.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn best_score(&self) -> f64 {
        self.best_score
    }
}

linear_fitted_regressor!(RidgeCV => FittedRidgeCV, NAME);
