//! [`RadiusNeighborsRegressor`]: the (weighted) mean target of the training
//! rows within a radius, as scikit-learn's `RadiusNeighborsRegressor`.

use super::base::{NeighborsBase, Weights, check_radius_param};
use super::search::Algorithm;
use super::vote::weighted_mean;
use crate::error::Result;
use crate::float::Float;
use crate::metrics::Metric;
use crate::sparse::{MatrixView, check_matrix_x_y};
use crate::traits::{Estimator, Predictor};
use crate::validation::check_finite_1d;
use ndarray::{Array1, ArrayView1, ArrayView2};

const NAME: &str = "RadiusNeighborsRegressor";

/// Regression by the mean target of the training rows within `radius`, as
/// scikit-learn's `RadiusNeighborsRegressor` (with [`Weights::Distance`],
/// the mean weighted by `1 / distance`; rows at distance zero share all the
/// weight). A row with no neighbour is predicted NaN, with a warning
/// through the crate's [`log`] warnings, as scikit-learn does.
///
/// `Algorithm::Auto` picks brute force or a k-d tree by scikit-learn's rule
/// (with no `n_neighbors`). Sparse rows (`fit_matrix`, `predict_matrix`)
/// are searched by brute force without densifying.
///
/// # Errors
/// `fit`: `radius` negative or not finite, `leaf_size` 0, Minkowski's `p`
/// below 1, cosine with a tree algorithm, empty or non-finite `x` or `y`
/// ([`Error::InvalidParameter`](crate::Error::InvalidParameter)).
/// Predicting: `x` with another number of features, empty or non-finite.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::neighbors::RadiusNeighborsRegressor;
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let y = array![0.0, 1.0, 4.0, 9.0];
/// let model = RadiusNeighborsRegressor::default().radius(0.6).fit(x.view(), y.view())?;
/// let predicted: ndarray::Array1<f64> = model.predict(array![[0.5], [2.8], [10.0]].view())?;
/// assert_eq!(predicted.slice(ndarray::s![..2]), array![0.5, 9.0]);
/// assert!(predicted[2].is_nan()); // no training row within 0.6
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RadiusNeighborsRegressor {
    /// The neighbourhood radius (finite, ≥ 0, inclusive), default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub radius: f64,
    /// How neighbours weigh, default [`Weights::Uniform`].
    pub weights: Weights,
    /// The search, default [`Algorithm::Auto`].
    pub algorithm: Algorithm,
    /// Largest number of rows in a tree leaf (≥ 1), default 30.
    pub leaf_size: usize,
    /// The distance, default `Minkowski(2.0)` (Euclidean).
    pub metric: Metric,
    /// Threads for the searches (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for RadiusNeighborsRegressor {
    fn default() -> Self {
        RadiusNeighborsRegressor {
            radius: 1.0,
            weights: Weights::Uniform,
            algorithm: Algorithm::Auto,
            leaf_size: 30,
            metric: Metric::Minkowski(2.0),
            n_jobs: None,
        }
    }
}

setters!(RadiusNeighborsRegressor in "learnkit::neighbors" {
    radius: f64 = 0.5;
    weights: Weights = learnkit::neighbors::Weights::Distance;
    algorithm: Algorithm = learnkit::neighbors::Algorithm::BallTree;
    leaf_size: usize = 10;
    metric: Metric = learnkit::metrics::Metric::Manhattan;
    n_jobs: Option<usize> = Some(1);
});

impl<F: Float> Estimator<F, F> for RadiusNeighborsRegressor {
    type Fitted = FittedRadiusNeighborsRegressor<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        self.fit_matrix(x.into(), y)
    }

    /// [`Estimator::fit`] on a dense or sparse `x`; sparse rows are kept
    /// sparse and searched by brute force (see
    /// [`Algorithm`](crate::neighbors::Algorithm)).
    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        check_matrix_x_y(NAME, x, y.len())?;
        check_finite_1d(NAME, y)?;
        Ok(FittedRadiusNeighborsRegressor {
            params: self.clone(),
            base: NeighborsBase::fit_radius(
                NAME,
                x,
                self.radius,
                self.algorithm,
                self.leaf_size,
                self.metric,
                self.n_jobs,
            )?,
            y: y.to_owned(),
        })
    }
}

/// A fitted [`RadiusNeighborsRegressor`]: the indexed training rows and
/// their targets.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::neighbors::RadiusNeighborsRegressor;
/// use ndarray::array;
/// let model = RadiusNeighborsRegressor::default().fit(array![[0.0], [1.0]].view(), array![5.0, 7.0].view())?;
/// assert_eq!(model.predict(array![[0.5]].view())?, array![6.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedRadiusNeighborsRegressor<F> {
    params: RadiusNeighborsRegressor,
    base: NeighborsBase<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    y: Array1<F>,
}

checked_serde!(impl[F: Float] FittedRadiusNeighborsRegressor<F>);
persist!(impl[F: Float] FittedRadiusNeighborsRegressor<F> => format!("RadiusNeighborsRegressor<{}>", F::NAME));

impl<F: Float> crate::persistence::Check for FittedRadiusNeighborsRegressor<F> {
    /// One finite target per training row, a valid radius and a search
    /// matching the hyperparameters.
    fn check(&self) -> std::result::Result<(), String> {
        crate::persistence::check::same_len("targets", self.base.n_samples(), self.y.len())?;
        check_finite_1d(NAME, self.y.view()).map_err(|e| e.to_string())?;
        check_radius_param(NAME, self.params.radius).map_err(|e| e.to_string())?;
        let p = &self.params;
        self.base
            .check_matches(NAME, p.algorithm, p.leaf_size, p.metric, p.n_jobs)
    }
}

impl<F: Float> FittedRadiusNeighborsRegressor<F> {
    /// The hyperparameters it was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::neighbors::RadiusNeighborsRegressor;
    /// let m = RadiusNeighborsRegressor::default().radius(2.0).fit(ndarray::array![[0.0]].view(), ndarray::array![1.0].view())?;
    /// assert_eq!(m.params().radius, 2.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &RadiusNeighborsRegressor {
        &self.params
    }
}

fitted_radius_api!(impl[F: Float] FittedRadiusNeighborsRegressor<F>, NAME,
    "use learnkit::neighbors::RadiusNeighborsRegressor;",
    "let m = RadiusNeighborsRegressor::default().radius(1.5).fit(x.view(), ndarray::array![0.0, 1.0, 1.0].view())?;");
fitted_neighbors_info!(impl[F: Float] FittedRadiusNeighborsRegressor<F>,
    "use learnkit::neighbors::RadiusNeighborsRegressor;",
    "let m = RadiusNeighborsRegressor::default().radius(1.5).fit(x.view(), ndarray::array![0.0, 1.0, 1.0].view())?;",
    "assert_eq!(m.fit_method(), learnkit::neighbors::Algorithm::KdTree); // auto: few features, a true metric");

impl<F: Float> Predictor<F> for FittedRadiusNeighborsRegressor<F> {
    type Output = F;

    /// The (weighted) mean target of each row's neighbours; NaN (with a
    /// warning) for a row with none.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        self.predict_matrix(x.into())
    }

    /// [`Predictor::predict`] on a dense or sparse `x`.
    fn predict_matrix(&self, x: MatrixView<'_, F>) -> Result<Array1<F>> {
        let found = self.base.radius_neighbors(NAME, Some(x), F::cast(self.params.radius))?;
        let empty = found.iter().filter(|(i, _)| i.is_empty()).count();
        if empty > 0 {
            crate::warn::no_neighbours_predicting_nan(NAME, empty);
        }
        Ok(found
            .iter()
            .map(|(i, d)| {
                let (d, i) = (ArrayView1::from(d.as_slice()), ArrayView1::from(i.as_slice()));
                weighted_mean(self.params.weights, d, i, self.y.view())
            })
            .collect())
    }

    /// R² of the predictions (NaN predictions make it NaN, as scikit-learn
    /// then fails).
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        crate::validation::check_same_length(NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
        crate::metrics::r2_score(y, self.predict(x)?.view())
    }
}
