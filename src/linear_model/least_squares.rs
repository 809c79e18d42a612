//! [`LinearRegression`]: ordinary least squares, as scikit-learn's.

use super::api::linear_regressor;
use super::base::{Linear, Prepared, intercepts, lstsq, nnls, prepare, regression_inputs};
use super::normal::{normal_equations, well_conditioned_lstsq};
use crate::error::Result;
use crate::float::Float;
use crate::persistence::Check;
use crate::validation::check_param;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

const NAME: &str = "LinearRegression";

/// Ordinary least squares: minimises `Σ wᵢ (yᵢ − xᵢ·coef − intercept)²`.
///
/// As scikit-learn's `LinearRegression`: with `fit_intercept`, `x` and `y`
/// are centred on their (weighted) means; the problem is solved by
/// `scipy.linalg.lstsq` — here an SVD of the centred `x` — which gives the
/// minimum-norm solution when `x` is rank deficient (collinear columns, more
/// features than samples), singular values below `tol` times the largest
/// counting as zero. With `positive`, the coefficients are constrained to be
/// non-negative (non-negative least squares by Lawson and Hanson's active
/// set method, as `scipy.optimize.nnls`).
///
/// # Errors
/// [`Error::EmptyInput`](crate::Error::EmptyInput),
/// [`Error::NonFinite`](crate::Error::NonFinite) and
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) for bad data;
/// [`Error::InvalidInput`](crate::Error::InvalidInput) for negative sample
/// weights; [`Error::InvalidParameter`](crate::Error::InvalidParameter) for
/// a negative or non-finite `tol`; [`Error::NotConverged`](crate::Error::NotConverged)
/// when `positive` meets a degenerate system on which the active-set method
/// runs out of iterations (scikit-learn raises `RuntimeError` there).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
///
/// let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 3.0]];
/// let y = x.column(0).mapv(|v| 2.0 * v) - x.column(1).mapv(|v| v) + 1.0;
/// let model = LinearRegression::default().fit(x.view(), y.view())?;
/// assert!(f64::abs(model.coef()[0] - 2.0) < 1e-12 && f64::abs(model.coef()[1] + 1.0) < 1e-12);
/// assert!(f64::abs(model.intercept() - 1.0) < 1e-12);
/// assert_eq!(model.rank(), Some(2));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LinearRegression {
    /// Whether to fit an intercept, default true.
    pub fit_intercept: bool,
    /// Singular values below `tol` times the largest count as zero (scipy's
    /// `cond`), default 1e-6 as scikit-learn.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub tol: f64,
    /// Constrain the coefficients to be non-negative, default false.
    pub positive: bool,
    /// Threads for prediction (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for LinearRegression {
    fn default() -> Self {
        LinearRegression {
            fit_intercept: true,
            tol: 1e-6,
            positive: false,
            n_jobs: None,
        }
    }
}

setters!(LinearRegression in "learnkit::linear_model" {
    fit_intercept: bool = false;
    tol: f64 = 1e-10;
    positive: bool = true;
    n_jobs: Option<usize> = Some(1);
});

impl LinearRegression {
    pub(super) fn validate(&self) -> Result<()> {
        check_param(NAME, "tol", self.tol, "a finite number >= 0", |t| {
            t.is_finite() && t >= 0.0
        })?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))
    }

    /// The minimum-norm solution from the eigendecomposition of normal
    /// equations formed without a centred copy of `x` (see
    /// [`normal`](super::normal)): parallel and about a quarter of the
    /// SVD's work. Only unweighted, without `positive`, with more samples
    /// than features, and when `x` is well conditioned (then the rank is
    /// full and scipy's `lstsq` gives the same solution to `ε·κ²`).
    /// `Ok(None)` otherwise: the caller takes the SVD of the centred `x`.
    fn fit_normal_equations<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<Option<FittedLinearRegression<F>>> {
        if self.positive || sample_weight.is_some() || x.ncols() >= x.nrows() {
            return Ok(None);
        }
        let Some(ne) = normal_equations(NAME, x, y, self.fit_intercept)? else {
            return Ok(None);
        };
        let Some((coef, singular)) = well_conditioned_lstsq(&ne, self.tol)? else {
            return Ok(None);
        };
        let intercept = Array1::from(vec![ne.intercept(coef.view())]);
        Ok(Some(FittedLinearRegression {
            params: self.clone(),
            linear: Linear::new(&coef.insert_axis(ndarray::Axis(0)), &intercept),
            rank: Some(singular.len()),
            singular: Some(singular.mapv(F::cast)),
        }))
    }

    fn fit_checked<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedLinearRegression<F>> {
        self.validate()?;
        if let Some(fitted) = self.fit_normal_equations(x, y, sample_weight)? {
            return Ok(fitted);
        }
        let (x, y, weights) = regression_inputs(NAME, x, y, sample_weight)?;
        let prepared = prepare(x, y, weights.as_ref(), self.fit_intercept);
        let (coef, rank, singular) = self.solve(&prepared)?;
        let intercept = intercepts(&coef, &prepared);
        Ok(FittedLinearRegression {
            params: self.clone(),
            linear: Linear::new(&coef, &intercept),
            rank,
            singular: singular.map(|s| s.mapv(F::cast)),
        })
    }

    /// The coefficients (targets × features) on prepared data, with the
    /// rank and singular values of least squares (`None` with `positive`).
    pub(super) fn solve(&self, prepared: &Prepared) -> Result<Solved> {
        if self.positive {
            let mut coef = Array2::zeros((prepared.y.ncols(), prepared.x.ncols()));
            for (mut row, target) in coef.rows_mut().into_iter().zip(prepared.y.columns()) {
                row.assign(&nnls(NAME, &prepared.x, target)?);
            }
            Ok((coef, None, None))
        } else {
            let (coef, rank, singular) = lstsq(&prepared.x, &prepared.y, self.tol)?;
            Ok((coef, Some(rank), Some(singular)))
        }
    }
}

/// Coefficients (targets × features), rank and singular values.
type Solved = (Array2<f64>, Option<usize>, Option<Array1<f64>>);

/// A fitted [`LinearRegression`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let x = array![[1.0], [2.0], [3.0]];
/// let model = LinearRegression::default().fit(x.view(), array![2.0, 4.0, 6.0].view())?;
/// let predicted = model.predict(array![[4.0]].view())?;
/// assert!(f64::abs(predicted[0] - 8.0) < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(remote = "Self", bound(serialize = "F: Float", deserialize = "F: Float"))
)]
pub struct FittedLinearRegression<F> {
    params: LinearRegression,
    linear: Linear<F>,
    rank: Option<usize>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::optional_array"))]
    singular: Option<Array1<F>>,
}

checked_serde!(impl[F: Float] FittedLinearRegression<F>);
persist!(impl[F: Float] FittedLinearRegression<F> => format!("LinearRegression<{}>", F::NAME));

impl<F: Float> Check for FittedLinearRegression<F> {
    /// One row of finite coefficients, a zero intercept unless fitted, rank
    /// and singular values only without `positive`, rank at most their number.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::ensure;
        self.params.validate().map_err(|e| e.to_string())?;
        self.linear.check(Some(1), self.params.fit_intercept)?;
        ensure(
            self.rank.is_some() == self.singular.is_some() && self.rank.is_some() != self.params.positive,
            || "rank and singular values go together, without positive".into(),
        )?;
        if let (Some(rank), Some(s)) = (self.rank, &self.singular) {
            ensure(rank <= s.len(), || "rank above the number of singular values".into())?;
        }
        Ok(())
    }
}

impl<F: Float> FittedLinearRegression<F> {
    /// The effective rank of the (centred, weighted) `x` (`rank_`); `None`
    /// with `positive`, as scikit-learn does not set it then.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]; // collinear columns
    /// let model = LinearRegression::default().fit(x.view(), array![1.0, 2.0, 3.0].view())?;
    /// assert_eq!(model.rank(), Some(1));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn rank(&self) -> Option<usize> {
        self.rank
    }

    /// The singular values of the (centred, weighted) `x`, non-increasing
    /// (`singular_`); `None` with `positive`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[1.0, 0.0], [0.0, 2.0]];
    /// let model = LinearRegression::default().fit_intercept(false).fit(x.view(), array![1.0, 2.0].view())?;
    /// assert_eq!(model.singular().unwrap(), array![2.0, 1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn singular(&self) -> Option<ArrayView1<'_, F>> {
        self.singular.as_ref().map(|s| s.view())
    }
}

linear_regressor!(LinearRegression => FittedLinearRegression, NAME);
