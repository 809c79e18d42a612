//! [`ElasticNetCV`] and [`LassoCV`]: `alpha` (and `l1_ratio`) chosen by
//! cross-validation along warm-started paths, as scikit-learn's.

use super::estimator::{ElasticNet, FittedElasticNet, Precompute, Selection, rescaled};
use super::path::{alpha_grid, checked_alphas, descend_path, sorted_decreasing};
use super::solver::{Design, Problem};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::linalg::gram;
use crate::linear_model::base::{Prepared, prepare, regression_inputs};
use crate::model_selection::{Fold, KFold, Splitter, checked_folds};
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len};
use crate::random::{derived_seed, seed_or_entropy};
use crate::traits::{Estimator, Predictor, SampleWeighted};
use crate::validation::check_param;
use ndarray::{Array1, Array2, Array3, ArrayView1, ArrayView2, ArrayView3, Axis};
use rayon::prelude::*;

const NAME: &str = "ElasticNetCV";
const LASSO: &str = "LassoCV";

/// Elastic net with `alpha` and `l1_ratio` chosen by cross-validation
/// (scikit-learn's `ElasticNetCV`).
///
/// For each value of `l1_ratio`, the grid of `alpha` comes from all the
/// data (`n_alphas` values from `alpha_max` down to `eps·alpha_max`, or the
/// given `alphas`); on each fold of the splitter `cv` (any [`Splitter`];
/// default `KFold::new(5)`, scikit-learn's `cv=5`), the path is fitted on
/// the training rows,
/// warm-started along the grid, and its mean squared error measured on the
/// test rows (weighted by the test rows' sample weights). The pair with the
/// lowest mean error over the folds wins (the first on ties, `l1_ratio` in
/// the given order, `alpha` decreasing), and an [`ElasticNet`] is refitted
/// on all rows with it. The (`l1_ratio` × fold) paths run in parallel on
/// `n_jobs` threads; the result does not depend on their number.
///
/// Two shortcuts over scikit-learn, equal up to rounding: on the Gram matrix
/// (`precompute` `Auto` with more rows than features, or `Always`) and
/// without sample weights, each fold's Gram matrix is the full one minus its
/// test rows' (recentred), not a product over its training rows (for any
/// splitter whose folds each split all the rows, in any order, e.g. a
/// shuffled `KFold`; folds that leave rows out, as `ShuffleSplit`'s, take
/// the product); and the
/// refit descends on the full Gram matrix, where scikit-learn's refits on
/// `X` (the same iterates, at a fraction of the cost on tall data).
///
/// # Errors
/// [`Error::InvalidParameter`] for an empty `l1_ratio` list or a value
/// outside `[0, 1]` (or 0 without `alphas`), `eps` not > 0, `n_alphas = 0`,
/// empty or negative `alphas`, `max_iter = 0`, a negative `tol`,
/// `n_jobs = Some(0)`; the splitter's errors (`KFold::new(1)`: fewer than
/// 2 folds; more folds than rows); [`Error::InvalidInput`] for a fold
/// whose rows all have zero weight; the data errors of
/// [`ElasticNet`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::ElasticNetCV;
/// let (x, y) = learnkit::datasets::MakeRegression::default().n_samples(60).n_features(10).noise(5.0).random_state(0).generate()?;
/// let model = ElasticNetCV::default().l1_ratio(vec![0.5, 0.9]).n_alphas(20)
///     .fit(x.view(), y.view())?;
/// assert!(model.alpha() > 0.0 && [0.5, 0.9].contains(&model.l1_ratio()));
/// assert_eq!(model.mse_path().dim(), (2, 20, 5)); // l1_ratio × alphas × folds
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ElasticNetCV<C = KFold> {
    /// The values of `l1_ratio` to try, default `[0.5]`.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    pub l1_ratio: Vec<f64>,
    /// `alpha_min / alpha_max` of the generated grid, default 1e-3.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub eps: f64,
    /// Length of the generated grid, default 100.
    pub n_alphas: usize,
    /// The values of `alpha` to use instead of the generated grid.
    pub alphas: Option<Vec<f64>>,
    /// The splitter, default `KFold::new(5)` (set it with `cv`).
    pub cv: C,
    /// Whether to fit an intercept, default true.
    pub fit_intercept: bool,
    /// Whether the folds' paths descend on the Gram matrix, default
    /// [`Precompute::Auto`] (the refit then does not, as scikit-learn); not
    /// [`Precompute::Gram`].
    pub precompute: Precompute,
    /// The most sweeps per `alpha`, default 1000.
    pub max_iter: usize,
    /// The relative tolerance of the stopping rule, default 1e-4.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub tol: f64,
    /// Constrain the coefficients to be non-negative, default false.
    pub positive: bool,
    /// Seed of [`Selection::Random`].
    pub random_state: Option<u64>,
    /// The coordinate order, default [`Selection::Cyclic`].
    pub selection: Selection,
    /// Threads (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for ElasticNetCV {
    fn default() -> Self {
        ElasticNetCV {
            l1_ratio: vec![0.5],
            eps: 1e-3,
            n_alphas: 100,
            alphas: None,
            cv: KFold::new(5),
            fit_intercept: true,
            precompute: Precompute::Auto,
            max_iter: 1000,
            tol: 1e-4,
            positive: false,
            random_state: None,
            selection: Selection::Cyclic,
            n_jobs: None,
        }
    }
}

setters!(ElasticNetCV<C: Sized = learnkit::model_selection::KFold> in "learnkit::linear_model" {
    l1_ratio: Vec<f64> = vec![0.1, 0.5, 0.9];
    eps: f64 = 1e-2;
    n_alphas: usize = 10;
    alphas: Option<Vec<f64>> = Some(vec![1.0, 0.1]);
    fit_intercept: bool = false;
    precompute: Precompute = learnkit::linear_model::Precompute::Never;
    max_iter: usize = 50;
    tol: f64 = 1e-8;
    positive: bool = true;
    random_state: Option<u64> = Some(7);
    selection: Selection = learnkit::linear_model::Selection::Random;
    n_jobs: Option<usize> = Some(1);
});

/// What every fold shares: all rows prepared (centred and weighted), and
/// their Gram matrix when the descent runs on it.
struct Full {
    prepared: Prepared,
    gram: Option<Array2<f64>>,
    /// Column sums of the centred `x` (zero up to rounding).
    col_sums: Array1<f64>,
}

/// The training rows and weights of a fold's job.
type Data<'a> = (&'a Array2<f64>, &'a Array2<f64>, Option<&'a Array1<f64>>);

/// The problem on a fold's training rows, with its `x_offset` and `y_offset`.
///
/// Without sample weights, on the Gram matrix, the training rows' Gram
/// matrix is downdated from all rows' (`XᵀX − X_testᵀX_test`, the centring
/// corrected by the training mean's small shift from the full mean): a
/// product over the test rows instead of the training rows, a quarter of
/// the work at five folds. Otherwise the training rows are prepared afresh.
fn train_problem<C>(
    name: &'static str,
    search: &ElasticNetCV<C>,
    full: &Full,
    (x, y, weights): Data<'_>,
    fold: &Fold,
) -> Result<(Problem<'static>, Array1<f64>, f64)> {
    let (n_train, p) = (fold.train.len(), x.ncols());
    let downdate = search.precompute.gram(n_train, p) && splits_all_rows(fold, x.nrows());
    if let (Some(g), None, true) = (&full.gram, weights, downdate) {
        let xc = &full.prepared.x;
        let test = xc.select(Axis(0), &fold.test);
        let mut q = g - &gram(test.view());
        let y_train = y.column(0).select(Axis(0), &fold.train);
        let (shift, y_offset) = if search.fit_intercept {
            let shift = (&full.col_sums - &test.sum_axis(Axis(0))) / n_train as f64;
            (shift, y_train.mean().unwrap_or(0.0))
        } else {
            (Array1::zeros(p), 0.0)
        };
        for (mut row, &si) in q.rows_mut().into_iter().zip(&shift) {
            row.scaled_add(-(n_train as f64) * si, &shift);
        }
        let yc: Vec<f64> = y_train.iter().map(|v| v - y_offset).collect();
        let mut xty = vec![0.0; p];
        for (&i, &yi) in fold.train.iter().zip(&yc) {
            for (acc, (xv, sv)) in xty.iter_mut().zip(xc.row(i).iter().zip(&shift)) {
                *acc += (xv - sv) * yi;
            }
        }
        let x_offset = &full.prepared.x_offset + &shift;
        return Ok((Problem::from_parts(Design::Gram { q }, yc, xty), x_offset, y_offset));
    }
    let w_train = weights.map(|w| w.select(Axis(0), &fold.train));
    if w_train.as_ref().is_some_and(|w| w.sum() <= 0.0) {
        return Err(zero_weight_fold(name));
    }
    let prepared = prepare(
        x.select(Axis(0), &fold.train),
        y.select(Axis(0), &fold.train),
        rescaled(w_train).as_ref(),
        search.fit_intercept,
    );
    let on_gram = search.precompute.gram(n_train, p);
    let problem = Problem::new(prepared.x.view(), prepared.y.column(0).to_vec(), on_gram);
    Ok((problem, prepared.x_offset, prepared.y_offset[0]))
}

/// Whether the fold's training and test rows together are every row once
/// (any order): then the training rows' Gram matrix is the full one minus
/// the test rows'.
fn splits_all_rows(fold: &Fold, n: usize) -> bool {
    if fold.train.len() + fold.test.len() != n {
        return false;
    }
    let mut seen = vec![false; n];
    fold.train
        .iter()
        .chain(&fold.test)
        .all(|&i| i < n && !std::mem::replace(&mut seen[i], true))
}

fn zero_weight_fold(name: &'static str) -> Error {
    Error::invalid_input(
        name,
        "the rows of a fold all have zero sample weight; give more rows weight or use fewer folds",
    )
}

/// The path of one (`l1_ratio`, fold) job: the test MSE at each `alpha`.
#[allow(clippy::too_many_arguments)]
fn fold_mse<C>(
    name: &'static str,
    search: &ElasticNetCV<C>,
    full: &Full,
    data: Data<'_>,
    fold: &Fold,
    alphas: &[f64],
    l1_ratio: f64,
    seed: u64,
) -> Result<Vec<f64>> {
    let (x, y, weights) = data;
    let w_test = weights.map(|w| w.select(Axis(0), &fold.test));
    if w_test.as_ref().is_some_and(|w| w.sum() <= 0.0) {
        return Err(zero_weight_fold(name));
    }
    let (problem, x_offset, y_offset) = train_problem(name, search, full, data, fold)?;
    let rng = (search.selection == Selection::Random).then(|| crate::random::rng_from(Some(seed)));
    let solver = search.solver(l1_ratio);
    let (coefs, _, _) = descend_path(&problem, x.ncols(), alphas, l1_ratio, &solver.cd(), rng);
    let intercepts = y_offset - &x_offset.dot(&coefs);
    let x_test = x.select(Axis(0), &fold.test);
    let predicted = x_test.dot(&coefs) + &intercepts;
    let y_test = y.column(0).select(Axis(0), &fold.test);
    Ok(predicted
        .columns()
        .into_iter()
        .map(|column| {
            let squares = (&column - &y_test).mapv(|r| r * r);
            match &w_test {
                Some(w) => squares.dot(w) / w.sum(),
                None => squares.mean().unwrap_or(0.0),
            }
        })
        .collect())
}

impl<C> ElasticNetCV<C> {
    /// Sets the splitter `cv` (scikit-learn's `cv=5` is `KFold::new(5)`).
    ///
    /// # Example
    /// ```
    /// use learnkit::linear_model::ElasticNetCV;
    /// use learnkit::model_selection::KFold;
    /// let search = ElasticNetCV::default().cv(KFold::new(3).shuffle(true).random_state(0));
    /// assert_eq!(search.cv.n_splits, 3);
    /// ```
    pub fn cv<C2>(self, cv: C2) -> ElasticNetCV<C2> {
        ElasticNetCV {
            l1_ratio: self.l1_ratio,
            eps: self.eps,
            n_alphas: self.n_alphas,
            alphas: self.alphas,
            cv,
            fit_intercept: self.fit_intercept,
            precompute: self.precompute,
            max_iter: self.max_iter,
            tol: self.tol,
            positive: self.positive,
            random_state: self.random_state,
            selection: self.selection,
            n_jobs: self.n_jobs,
        }
    }

    /// The estimator the search refits (and whose solver the paths use).
    fn solver(&self, l1_ratio: f64) -> ElasticNet {
        ElasticNet {
            alpha: 1.0,
            l1_ratio,
            fit_intercept: self.fit_intercept,
            // As scikit-learn: "auto" does not carry over to the refit.
            precompute: if self.precompute == Precompute::Auto {
                Precompute::Never
            } else {
                self.precompute.clone()
            },
            max_iter: self.max_iter,
            tol: self.tol,
            positive: self.positive,
            random_state: self.random_state,
            selection: self.selection,
            n_jobs: self.n_jobs,
        }
    }

    fn validate(&self, name: &'static str) -> Result<()> {
        check_param(name, "l1_ratio", self.l1_ratio.len(), "at least one value", |n| n >= 1)?;
        for &r in &self.l1_ratio {
            check_param(name, "l1_ratio", r, "in [0, 1]", |r| (0.0..=1.0).contains(&r))?;
        }
        checked_alphas(name, &self.l1_ratio, self.alphas.as_ref(), self.eps, self.n_alphas)?;
        if let Precompute::Gram(_) = self.precompute {
            // Each fold trains on other rows, with another Gram matrix.
            return Err(Error::invalid_parameter(
                name,
                "precompute",
                "Never, Always or Auto (each fold needs the Gram matrix of its own training rows)",
                "Gram(..)",
            ));
        }
        self.solver(1.0).validate_solver(name)
    }

    fn fit_checked<F: Float>(
        &self,
        name: &'static str,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedElasticNetCV<F>>
    where
        C: Splitter<F>,
    {
        self.validate(name)?;
        let folds = checked_folds(name, x, y, None, &self.cv)?;
        let (x, y, weights) = regression_inputs(name, x, y, sample_weight)?;
        // The grids and the refit use all rows, prepared once.
        let prepared = prepare(
            x.clone(),
            y.clone(),
            rescaled(weights.clone()).as_ref(),
            self.fit_intercept,
        );
        let yc = prepared.y.column(0).to_vec();
        let xty = Design::xty(prepared.x.view(), &yc);
        let use_gram = self.precompute.gram(x.nrows(), x.ncols());
        let full = crate::parallel::with_n_jobs(self.n_jobs, || Full {
            gram: use_gram.then(|| gram(prepared.x.view())),
            col_sums: prepared.x.sum_axis(Axis(0)),
            prepared,
        })?;
        let grids: Vec<Vec<f64>> = self
            .l1_ratio
            .iter()
            .map(|&r| match &self.alphas {
                Some(given) => sorted_decreasing(given),
                None => alpha_grid(&xty, x.nrows(), r, self.eps, self.n_alphas, self.positive),
            })
            .collect();
        let n_alphas = grids[0].len();
        let jobs: Vec<(usize, usize)> = (0..self.l1_ratio.len())
            .flat_map(|l| (0..folds.len()).map(move |f| (l, f)))
            .collect();
        let base = seed_or_entropy(self.random_state);
        let mses: Vec<Vec<f64>> = crate::parallel::with_n_jobs(self.n_jobs, || {
            jobs.par_iter()
                .enumerate()
                .map(|(i, &(l, f))| {
                    let seed = derived_seed(base, i as u64);
                    let data = (&x, &y, weights.as_ref());
                    fold_mse(name, self, &full, data, &folds[f], &grids[l], self.l1_ratio[l], seed)
                })
                .collect::<Result<_>>()
        })??;
        // scikit-learn's `mse_path_` layout: l1_ratio × alphas × folds.
        let mse_path = Array3::from_shape_fn((self.l1_ratio.len(), n_alphas, folds.len()), |(l, a, f)| {
            mses[l * folds.len() + f][a]
        });
        let mut best = (f64::INFINITY, 0, 0);
        for l in 0..self.l1_ratio.len() {
            for a in 0..n_alphas {
                let mean = mse_path.slice(ndarray::s![l, a, ..]).mean().unwrap_or(f64::INFINITY);
                if mean < best.0 {
                    best = (mean, l, a);
                }
            }
        }
        let (_, l, a) = best;
        let refit = ElasticNet {
            alpha: grids[l][a],
            ..self.solver(self.l1_ratio[l])
        };
        // The refit descends on the Gram matrix when the folds did (scikit-learn
        // refits on X: the same iterates up to rounding, at many times the cost).
        let Full { prepared, gram, .. } = full;
        let problem = match gram {
            Some(q) => Problem::from_parts(Design::Gram { q }, yc, xty),
            None => Problem::new(prepared.x.view(), yc, false),
        };
        let model = refit.fit_problem(name, &problem, &prepared, vec![0.0; x.ncols()])?;
        let alphas = Array2::from_shape_fn((grids.len(), n_alphas), |(l, a)| grids[l][a]);
        Ok(FittedElasticNetCV {
            alpha: grids[l][a],
            l1_ratio: self.l1_ratio[l],
            alphas,
            mse_path,
            model,
        })
    }
}

impl<F: Float, C: Splitter<F>> Estimator<F, F> for ElasticNetCV<C> {
    type Fitted = FittedElasticNetCV<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<FittedElasticNetCV<F>> {
        self.fit_checked(NAME, x, y, None)
    }
}

impl<F: Float, C: Splitter<F>> SampleWeighted<F, F> for ElasticNetCV<C> {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<FittedElasticNetCV<F>> {
        self.fit_checked(NAME, x, y, Some(sample_weight))
    }
}

/// The lasso with `alpha` chosen by cross-validation (scikit-learn's
/// `LassoCV`): [`ElasticNetCV`] with `l1_ratio = [1]`. Its fitted type is
/// [`FittedElasticNetCV`].
///
/// # Errors
/// As [`ElasticNetCV`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::LassoCV;
/// let (x, y) = learnkit::datasets::MakeRegression::default().n_samples(60).n_features(10).noise(5.0).random_state(0).generate()?;
/// let model = LassoCV::default().fit(x.view(), y.view())?;
/// assert_eq!(model.alphas().dim(), (1, 100));
/// assert!(model.score(x.view(), y.view())? > 0.9);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LassoCV<C = KFold> {
    /// `alpha_min / alpha_max` of the generated grid, default 1e-3.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub eps: f64,
    /// Length of the generated grid, default 100.
    pub n_alphas: usize,
    /// The values of `alpha` to use instead of the generated grid.
    pub alphas: Option<Vec<f64>>,
    /// The splitter, default `KFold::new(5)` (set it with `cv`).
    pub cv: C,
    /// Whether to fit an intercept, default true.
    pub fit_intercept: bool,
    /// Whether the folds' paths descend on the Gram matrix, default
    /// [`Precompute::Auto`]; not [`Precompute::Gram`].
    pub precompute: Precompute,
    /// The most sweeps per `alpha`, default 1000.
    pub max_iter: usize,
    /// The relative tolerance of the stopping rule, default 1e-4.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub tol: f64,
    /// Constrain the coefficients to be non-negative, default false.
    pub positive: bool,
    /// Seed of [`Selection::Random`].
    pub random_state: Option<u64>,
    /// The coordinate order, default [`Selection::Cyclic`].
    pub selection: Selection,
    /// Threads (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for LassoCV {
    fn default() -> Self {
        let e = ElasticNetCV::default();
        LassoCV {
            eps: e.eps,
            n_alphas: e.n_alphas,
            alphas: e.alphas,
            cv: e.cv,
            fit_intercept: e.fit_intercept,
            precompute: e.precompute.clone(),
            max_iter: e.max_iter,
            tol: e.tol,
            positive: e.positive,
            random_state: e.random_state,
            selection: e.selection,
            n_jobs: e.n_jobs,
        }
    }
}

setters!(LassoCV<C: Sized = learnkit::model_selection::KFold> in "learnkit::linear_model" {
    eps: f64 = 1e-2;
    n_alphas: usize = 10;
    alphas: Option<Vec<f64>> = Some(vec![1.0, 0.1]);
    fit_intercept: bool = false;
    precompute: Precompute = learnkit::linear_model::Precompute::Never;
    max_iter: usize = 50;
    tol: f64 = 1e-8;
    positive: bool = true;
    random_state: Option<u64> = Some(7);
    selection: Selection = learnkit::linear_model::Selection::Random;
    n_jobs: Option<usize> = Some(1);
});

impl<C: Clone> LassoCV<C> {
    /// Sets the splitter `cv` (scikit-learn's `cv=5` is `KFold::new(5)`).
    ///
    /// # Example
    /// ```
    /// use learnkit::linear_model::LassoCV;
    /// use learnkit::model_selection::ShuffleSplit;
    /// let search = LassoCV::default().cv(ShuffleSplit::new(4).random_state(0));
    /// assert_eq!(search.cv.n_splits, 4);
    /// ```
    pub fn cv<C2>(self, cv: C2) -> LassoCV<C2> {
        LassoCV {
            eps: self.eps,
            n_alphas: self.n_alphas,
            alphas: self.alphas,
            cv,
            fit_intercept: self.fit_intercept,
            precompute: self.precompute,
            max_iter: self.max_iter,
            tol: self.tol,
            positive: self.positive,
            random_state: self.random_state,
            selection: self.selection,
            n_jobs: self.n_jobs,
        }
    }
}

impl<C: Clone> From<&LassoCV<C>> for ElasticNetCV<C> {
    /// The search over `l1_ratio = [1]` that [`LassoCV`] is.
    fn from(l: &LassoCV<C>) -> ElasticNetCV<C> {
        ElasticNetCV {
            l1_ratio: vec![1.0],
            eps: l.eps,
            n_alphas: l.n_alphas,
            alphas: l.alphas.clone(),
            cv: l.cv.clone(),
            fit_intercept: l.fit_intercept,
            precompute: l.precompute.clone(),
            max_iter: l.max_iter,
            tol: l.tol,
            positive: l.positive,
            random_state: l.random_state,
            selection: l.selection,
            n_jobs: l.n_jobs,
        }
    }
}

impl<F: Float, C: Splitter<F> + Clone> Estimator<F, F> for LassoCV<C> {
    type Fitted = FittedElasticNetCV<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<FittedElasticNetCV<F>> {
        ElasticNetCV::from(self).fit_checked(LASSO, x, y, None)
    }
}

impl<F: Float, C: Splitter<F> + Clone> SampleWeighted<F, F> for LassoCV<C> {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<FittedElasticNetCV<F>> {
        ElasticNetCV::from(self).fit_checked(LASSO, x, y, Some(sample_weight))
    }
}

/// A fitted [`ElasticNetCV`] or [`LassoCV`]: the chosen `alpha` and
/// `l1_ratio`, the errors of the search, and the refitted [`ElasticNet`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::LassoCV;
/// let (x, y) = learnkit::datasets::MakeRegression::default().n_samples(60).n_features(10).noise(5.0).random_state(0).generate()?;
/// let model = LassoCV::default().n_alphas(10).fit(x.view(), y.view())?;
/// assert_eq!(model.coef(), model.model().coef());
/// assert_eq!(model.predict(x.view())?.len(), y.len());
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(remote = "Self", bound(serialize = "F: Float", deserialize = "F: Float"))
)]
pub struct FittedElasticNetCV<F> {
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    alpha: f64,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    l1_ratio: f64,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    alphas: Array2<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    mse_path: Array3<f64>,
    model: FittedElasticNet<F>,
}

checked_serde!(impl[F: Float] FittedElasticNetCV<F>);
persist!(impl[F: Float] FittedElasticNetCV<F> => format!("ElasticNetCV<{}>", F::NAME));

impl<F: Float> Check for FittedElasticNetCV<F> {
    /// A valid refitted model at the chosen `alpha` and `l1_ratio`, one
    /// grid per `l1_ratio` and one error per (grid point, fold).
    fn check(&self) -> std::result::Result<(), String> {
        self.model.check()?;
        let params = self.model.params();
        ensure(params.alpha == self.alpha && params.l1_ratio == self.l1_ratio, || {
            "the refitted model's alpha or l1_ratio is not the chosen one".into()
        })?;
        same_len("l1_ratio grids", self.alphas.nrows(), self.mse_path.dim().0)?;
        same_len("alphas", self.alphas.ncols(), self.mse_path.dim().1)?;
        ensure(self.alphas.iter().all(|a| a.is_finite() && *a >= 0.0), || {
            "bad alpha grid".into()
        })
    }
}

impl<F: Float> FittedElasticNetCV<F> {
    /// The chosen `alpha` (`alpha_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::LassoCV;
    /// let (x, y) = learnkit::datasets::MakeRegression::default().n_samples(60).n_features(10).noise(5.0).random_state(0).generate()?;
    /// let model = LassoCV::default().n_alphas(10).fit(x.view(), y.view())?;
    /// assert!(model.alphas().row(0).iter().any(|&a| a == model.alpha()));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// The chosen `l1_ratio` (`l1_ratio_`; 1 for [`LassoCV`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::LassoCV;
    /// let (x, y) = learnkit::datasets::MakeRegression::default().n_samples(60).n_features(10).noise(5.0).random_state(0).generate()?;
    /// let model = LassoCV::default().n_alphas(10).fit(x.view(), y.view())?;
    /// assert_eq!(model.l1_ratio(), 1.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn l1_ratio(&self) -> f64 {
        self.l1_ratio
    }

    /// The grids of `alpha`, one row per `l1_ratio` (`alphas_`), decreasing.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::LassoCV;
    /// let (x, y) = learnkit::datasets::MakeRegression::default().n_samples(60).n_features(10).noise(5.0).random_state(0).generate()?;
    /// let model = LassoCV::default().n_alphas(10).fit(x.view(), y.view())?;
    /// let grid = model.alphas().row(0).to_vec();
    /// assert!(grid.windows(2).all(|w| w[0] > w[1]));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn alphas(&self) -> ArrayView2<'_, f64> {
        self.alphas.view()
    }

    /// The test mean squared errors, `l1_ratio × alphas × folds`
    /// (`mse_path_`, before scikit-learn's squeeze).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::LassoCV;
    /// let (x, y) = learnkit::datasets::MakeRegression::default().n_samples(60).n_features(10).noise(5.0).random_state(0).generate()?;
    /// let model = LassoCV::default().n_alphas(10).cv(learnkit::model_selection::KFold::new(3)).fit(x.view(), y.view())?;
    /// assert_eq!(model.mse_path().dim(), (1, 10, 3));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn mse_path(&self) -> ArrayView3<'_, f64> {
        self.mse_path.view()
    }

    /// The model refitted on all rows at the chosen `alpha` and `l1_ratio`
    /// (its `n_iter` and `dual_gap` are scikit-learn's `n_iter_` and `dual_gap_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::LassoCV;
    /// let (x, y) = learnkit::datasets::MakeRegression::default().n_samples(60).n_features(10).noise(5.0).random_state(0).generate()?;
    /// let model = LassoCV::default().n_alphas(10).fit(x.view(), y.view())?;
    /// assert_eq!(model.model().params().alpha, model.alpha());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn model(&self) -> &FittedElasticNet<F> {
        &self.model
    }

    /// The refitted coefficients (`coef_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::LassoCV;
    /// let (x, y) = learnkit::datasets::MakeRegression::default().n_samples(60).n_features(10).noise(5.0).random_state(0).generate()?;
    /// let model = LassoCV::default().n_alphas(10).fit(x.view(), y.view())?;
    /// assert_eq!(model.coef().len(), 10);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn coef(&self) -> ArrayView1<'_, F> {
        self.model.coef()
    }

    /// The refitted intercept (`intercept_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::LassoCV;
    /// let (x, y) = learnkit::datasets::MakeRegression::default().n_samples(60).n_features(10).noise(5.0).random_state(0).generate()?;
    /// let model = LassoCV::default().n_alphas(10).fit(x.view(), y.view())?;
    /// assert!(model.intercept().abs() < 10.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn intercept(&self) -> F {
        self.model.intercept()
    }
}

impl<F: Float> Predictor<F> for FittedElasticNetCV<F> {
    type Output = F;

    /// The refitted model's predictions.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        self.model.predict(x)
    }

    /// R² of the predictions.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        self.model.score(x, y)
    }
}
