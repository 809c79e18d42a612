//! Multi-target [`LinearRegression`] and [`Ridge`] (scikit-learn's `y` of
//! shape `(n_samples, n_targets)`): `fit_multi` / `fit_multi_weighted` and
//! their fitted type [`FittedMultiTarget`], with `coef` (targets × features)
//! and `intercept` (one per target).
//!
//! The traits take one target per row (`ArrayView1<T>`), so a target matrix
//! gets inherent methods and a fitted type of its own rather than a second
//! `Estimator` impl: the single-target types, their serialised form and
//! every generic caller stay as they are. The solvers already solve one
//! column per target.

use super::base::{Linear, intercepts, multi_target_inputs, prepare};
use super::least_squares::LinearRegression;
use super::ridge::{Ridge, solve};
use crate::error::Result;
use crate::float::Float;
use crate::persistence::Check;
use crate::validation::check_same_length;
use ndarray::{Array2, ArrayView1, ArrayView2};

const NAME: &str = "FittedMultiTarget";

/// The estimator a [`FittedMultiTarget`] was fitted with.
///
/// # Example
/// ```
/// use learnkit::linear_model::{LinearRegression, MultiTargetParams};
/// use ndarray::array;
/// let model = LinearRegression::default().fit_multi(array![[0.0], [1.0], [2.0]].view(), array![[0.0, 1.0], [1.0, 3.0], [2.0, 5.0]].view())?;
/// assert!(matches!(model.params(), MultiTargetParams::LinearRegression(_)));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MultiTargetParams {
    /// Least squares.
    LinearRegression(LinearRegression),
    /// Ridge regression (one `alpha` for every target).
    Ridge(Ridge),
}

impl MultiTargetParams {
    fn fit_intercept(&self) -> bool {
        match self {
            MultiTargetParams::LinearRegression(m) => m.fit_intercept,
            MultiTargetParams::Ridge(m) => m.fit_intercept,
        }
    }

    fn n_jobs(&self) -> Option<usize> {
        match self {
            MultiTargetParams::LinearRegression(m) => m.n_jobs,
            MultiTargetParams::Ridge(m) => m.n_jobs,
        }
    }

    fn validate(&self) -> Result<()> {
        match self {
            MultiTargetParams::LinearRegression(m) => m.validate(),
            MultiTargetParams::Ridge(m) => m.validate("Ridge"),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            MultiTargetParams::LinearRegression(_) => "LinearRegression",
            MultiTargetParams::Ridge(_) => "Ridge",
        }
    }

    /// Checks the settings and inputs, solves every target column, and
    /// keeps the linear map.
    fn fit<F: Float>(
        self,
        x: ArrayView2<'_, F>,
        y: ArrayView2<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedMultiTarget<F>> {
        let name = self.name();
        self.validate()?;
        let (x, y, weights) = multi_target_inputs(name, x, y, sample_weight)?;
        let prepared = prepare(x, y, weights.as_ref(), self.fit_intercept());
        let coef = match &self {
            MultiTargetParams::LinearRegression(m) => m.solve(&prepared)?.0,
            MultiTargetParams::Ridge(m) => solve(name, &prepared, m.alpha, m.solver, m.tol, m.max_iter)?.0,
        };
        let intercept = intercepts(&coef, &prepared);
        Ok(FittedMultiTarget {
            params: self,
            linear: Linear::new(&coef, &intercept),
        })
    }
}

/// `fit_multi` and `fit_multi_weighted` for one estimator: `$est` the type,
/// `$what` what it fits per target, `$make` an expression making one (for
/// the doctests).
macro_rules! fit_multi {
    ($est:ident, $what:literal, $make:literal) => {
        impl $est {
            #[doc = concat!("Fits ", $what, " per column of `y` (rows × targets), as")]
            /// scikit-learn's `fit` with a 2-D `y`: column by column the
            /// solution [`fit`](crate::traits::Estimator::fit) gives on that column.
            ///
            /// # Errors
            /// As `fit`; [`Error::InvalidInput`](crate::Error::InvalidInput)
            /// when `y` has not one row per row of `x`,
            /// [`Error::EmptyInput`](crate::Error::EmptyInput) when it has no
            /// column, [`Error::NonFinite`](crate::Error::NonFinite) for a
            /// non-finite target.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use ndarray::array;
            /// let x = array![[0.0], [1.0], [2.0]];
            /// let y = array![[1.0, 0.0], [3.0, -1.0], [5.0, -2.0]]; // 2x + 1 and -x
            #[doc = concat!("let model = ", $make, ".fit_multi(x.view(), y.view())?;")]
            /// assert_eq!(model.coef().dim(), (2, 1));
            /// assert!(model.coef()[[0, 0]] > 1.0 && model.coef()[[1, 0]] < -0.5);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn fit_multi<F: Float>(
                &self,
                x: ArrayView2<'_, F>,
                y: ArrayView2<'_, F>,
            ) -> Result<FittedMultiTarget<F>> {
                MultiTargetParams::$est(self.clone()).fit(x, y, None)
            }

            /// [`fit_multi`](Self::fit_multi) with one weight per row.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use ndarray::array;
            /// let x = array![[0.0f64], [1.0], [2.0], [3.0]];
            /// let y = array![[0.0f64, 1.0], [1.0, 1.0], [2.0, 1.0], [9.0, 9.0]];
            /// let w = array![1.0f64, 1.0, 1.0, 0.0]; // the outlier row does not count
            #[doc = concat!("let model = ", $make, ".fit_multi_weighted(x.view(), y.view(), w.view())?;")]
            /// assert!(model.coef()[[1, 0]].abs() < 1e-12); // a constant second target
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn fit_multi_weighted<F: Float>(
                &self,
                x: ArrayView2<'_, F>,
                y: ArrayView2<'_, F>,
                sample_weight: ArrayView1<'_, F>,
            ) -> Result<FittedMultiTarget<F>> {
                MultiTargetParams::$est(self.clone()).fit(x, y, Some(sample_weight))
            }
        }
    };
}

fit_multi!(LinearRegression, "a least-squares model", "LinearRegression::default()");
fit_multi!(
    Ridge,
    "a ridge model (one `alpha` for all)",
    "Ridge::default().alpha(1.0)"
);

/// A [`LinearRegression`] or [`Ridge`] fitted on a target matrix: one row
/// of coefficients and one intercept per target.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 3.0]];
/// let y = array![[1.0, 2.0], [2.0, 0.0], [3.0, 2.0], [4.0, 6.0]];
/// let model = LinearRegression::default().fit_multi(x.view(), y.view())?;
/// assert_eq!(model.predict(x.view())?.dim(), (4, 2));
/// assert!(model.score(x.view(), y.view())? > 0.999);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(remote = "Self", bound(serialize = "F: Float", deserialize = "F: Float"))
)]
pub struct FittedMultiTarget<F> {
    params: MultiTargetParams,
    linear: Linear<F>,
}

checked_serde!(impl[F: Float] FittedMultiTarget<F>);
persist!(impl[F: Float] FittedMultiTarget<F> => format!("MultiTarget<{}>", F::NAME));

impl<F: Float> Check for FittedMultiTarget<F> {
    /// Settings a fit accepts, at least one target, finite coefficients and
    /// zero intercepts unless fitted.
    fn check(&self) -> std::result::Result<(), String> {
        self.params.validate().map_err(|e| e.to_string())?;
        crate::persistence::check::ensure(self.linear.coef.nrows() > 0, || "no target".into())?;
        self.linear.check(None, self.params.fit_intercept())
    }
}

impl<F: Float> FittedMultiTarget<F> {
    /// The estimator's settings.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::MultiTargetParams;
    /// use ndarray::array;
    /// let model = Ridge::default().alpha(2.0).fit_multi(array![[0.0], [1.0]].view(), array![[0.0], [1.0]].view())?;
    /// assert!(matches!(model.params(), MultiTargetParams::Ridge(r) if r.alpha == 2.0));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &MultiTargetParams {
        &self.params
    }

    /// The coefficients, targets × features (`coef_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let model = LinearRegression::default().fit_multi(array![[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]].view(), array![[1.0, 0.0, 2.0], [0.0, 1.0, 2.0], [1.0, 1.0, 2.0]].view())?;
    /// assert_eq!(model.coef().dim(), (3, 2));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn coef(&self) -> ArrayView2<'_, F> {
        self.linear.coef.view()
    }

    /// The intercepts, one per target (`intercept_`); zeros when
    /// `fit_intercept` is false.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let model = LinearRegression::default().fit_multi(array![[0.0f64], [1.0], [2.0]].view(), array![[2.0, -1.0], [2.0, -1.0], [2.0, -1.0]].view())?;
    /// assert!((model.intercept()[0] - 2.0).abs() < 1e-12 && (model.intercept()[1] + 1.0).abs() < 1e-12);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn intercept(&self) -> ArrayView1<'_, F> {
        self.linear.intercept.view()
    }

    /// Number of features seen in `fit` (`n_features_in_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let model = LinearRegression::default().fit_multi(array![[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]].view(), array![[1.0], [3.0], [2.0]].view())?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.linear.coef.ncols()
    }

    /// `x·coefᵀ + intercept`: one row per row of `x`, one column per target.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) for a number of
    /// features other than in `fit`; the data errors of `predict`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let model = LinearRegression::default().fit_multi(array![[0.0f64], [1.0]].view(), array![[0.0, 1.0], [2.0, 1.0]].view())?;
    /// let predicted = model.predict(array![[3.0]].view())?;
    /// assert!((predicted[[0, 0]] - 6.0).abs() < 1e-12 && (predicted[[0, 1]] - 1.0).abs() < 1e-12);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.linear.scores(self.params.name(), self.params.n_jobs(), x)
    }

    /// The mean over the targets of each target's R² (scikit-learn's
    /// `score`, `multioutput="uniform_average"`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when `y` has not
    /// one row per row of `x` and one column per target; those of `predict`
    /// and [`r2_score`](crate::metrics::r2_score).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0]];
    /// let y = array![[0.0, 1.0], [1.0, 3.0], [2.0, 5.0]];
    /// let model = LinearRegression::default().fit_multi(x.view(), y.view())?;
    /// assert!((model.score(x.view(), y.view())? - 1.0).abs() < 1e-12);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn score(&self, x: ArrayView2<'_, F>, y: ArrayView2<'_, F>) -> Result<f64> {
        check_same_length(NAME, "rows of y vs rows of X", x.nrows(), y.nrows())?;
        check_same_length(NAME, "columns of y vs targets", self.linear.coef.nrows(), y.ncols())?;
        let predicted = self.predict(x)?;
        let mut total = 0.0;
        for (truth, guess) in y.columns().into_iter().zip(predicted.columns()) {
            total += crate::metrics::r2_score(truth, guess)?;
        }
        Ok(total / y.ncols() as f64)
    }
}
