//! [`NearestNeighbors`]: the neighbour searches on their own, as
//! scikit-learn's `NearestNeighbors`.

use super::base::NeighborsBase;
use super::search::Algorithm;
use crate::error::Result;
use crate::float::Float;
use crate::metrics::Metric;
use crate::sparse::MatrixView;
use crate::validation::{check_param, check_positive};
use ndarray::{ArrayView1, ArrayView2};

const NAME: &str = "NearestNeighbors";

/// Unsupervised nearest-neighbour search, as scikit-learn's
/// `NearestNeighbors`: fit indexes the training rows, then
/// [`FittedNearestNeighbors::kneighbors`] and
/// [`FittedNearestNeighbors::radius_neighbors`] find their neighbours.
///
/// Neighbours are sorted by distance, ties by training row index (see the
/// [module documentation](crate::neighbors)).
///
/// # Sparse input
/// [`fit_matrix`](crate::traits::Estimator::fit_matrix) with a
/// [`CsrMatrix`](crate::sparse::CsrMatrix) keeps the rows sparse and
/// searches them by brute force (whatever `algorithm` says, as
/// scikit-learn), for the Euclidean, Manhattan and cosine metrics;
/// [`FittedNearestNeighbors::kneighbors_matrix`] queries with sparse rows.
/// The neighbours and distances are the dense search's.
///
/// # Errors
/// `fit`: `leaf_size` 0, Minkowski's `p` below 1, `radius` not finite and
/// positive, [`Metric::Cosine`] with a tree algorithm, a metric other than
/// Euclidean, Manhattan or cosine on sparse rows
/// ([`Error::InvalidParameter`](crate::Error::InvalidParameter)); empty or
/// non-finite `x`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::neighbors::NearestNeighbors;
/// use ndarray::array;
/// let x = array![[0.0f64, 0.0], [0.0, 1.0], [5.0, 5.0]];
/// let nn = NearestNeighbors::default().n_neighbors(2).fit_unsupervised(x.view())?;
/// let (distances, indices) = nn.kneighbors(Some(array![[0.0, 0.2]].view()), None)?;
/// assert_eq!(indices, array![[0, 1]]);
/// assert!((distances[[0, 1]] - 0.8).abs() < 1e-12);
/// // The training set itself: each row's neighbours, itself excluded.
/// let (_, indices) = nn.kneighbors(None, Some(1))?;
/// assert_eq!(indices, array![[1], [0], [1]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct NearestNeighbors {
    /// Neighbours per query of `kneighbors`, default 5.
    pub n_neighbors: usize,
    /// Radius of `radius_neighbors` (finite, > 0), default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub radius: f64,
    /// The search, default [`Algorithm::Auto`].
    pub algorithm: Algorithm,
    /// Largest number of rows in a tree leaf (≥ 1), default 30.
    pub leaf_size: usize,
    /// The distance, default `Minkowski(2.0)` (Euclidean).
    pub metric: Metric,
    /// Threads for the searches (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for NearestNeighbors {
    fn default() -> Self {
        NearestNeighbors {
            n_neighbors: 5,
            radius: 1.0,
            algorithm: Algorithm::Auto,
            leaf_size: 30,
            metric: Metric::Minkowski(2.0),
            n_jobs: None,
        }
    }
}

setters!(NearestNeighbors in "learnkit::neighbors" {
    n_neighbors: usize = 3;
    radius: f64 = 0.5;
    algorithm: Algorithm = learnkit::neighbors::Algorithm::Brute;
    leaf_size: usize = 10;
    metric: Metric = learnkit::metrics::Metric::Manhattan;
    n_jobs: Option<usize> = Some(1);
});

impl NearestNeighbors {
    fn fit_checked<F: Float>(&self, x: MatrixView<'_, F>) -> Result<FittedNearestNeighbors<F>> {
        check_positive(NAME, "radius", self.radius)?;
        check_param(NAME, "n_neighbors", self.n_neighbors, ">= 1", |k| k >= 1)?;
        let base = NeighborsBase::fit(
            NAME,
            x,
            self.algorithm,
            self.leaf_size,
            self.metric,
            Some(self.n_neighbors),
            self.n_jobs,
        )?;
        Ok(FittedNearestNeighbors {
            params: self.clone(),
            base,
        })
    }
}

impl<F: Float, T> crate::traits::Estimator<F, T> for NearestNeighbors {
    type Fitted = FittedNearestNeighbors<F>;

    /// Indexes the rows of `x`; the targets are ignored.
    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<FittedNearestNeighbors<F>> {
        self.fit_checked(x.into())
    }

    /// Indexes the rows of a dense or sparse `x`; sparse rows are kept
    /// sparse and searched by brute force (see
    /// [`Algorithm`](crate::neighbors::Algorithm)).
    fn fit_matrix(&self, x: MatrixView<'_, F>, _y: ArrayView1<'_, T>) -> Result<FittedNearestNeighbors<F>> {
        self.fit_checked(x)
    }
}

/// A fitted [`NearestNeighbors`]: the indexed training rows.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::neighbors::{Algorithm, NearestNeighbors};
/// use ndarray::array;
/// let nn = NearestNeighbors::default().fit_unsupervised(array![[0.0], [1.0], [2.5]].view())?;
/// assert_eq!(nn.fit_method(), Algorithm::Brute); // 5 neighbours ≥ 3 rows / 2
/// let found = nn.radius_neighbors(Some(array![[0.9]].view()), None)?;
/// assert_eq!(found[0].0, vec![1, 0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedNearestNeighbors<F> {
    params: NearestNeighbors,
    base: NeighborsBase<F>,
}

checked_serde!(impl[F: Float] FittedNearestNeighbors<F>);
persist!(impl[F: Float] FittedNearestNeighbors<F> => format!("NearestNeighbors<{}>", F::NAME));

impl<F: Float> crate::persistence::Check for FittedNearestNeighbors<F> {
    /// Hyperparameters a fit accepts, matching the saved search.
    fn check(&self) -> std::result::Result<(), String> {
        check_positive(NAME, "radius", self.params.radius).map_err(|e| e.to_string())?;
        let p = &self.params;
        self.base
            .check_matches(NAME, p.algorithm, p.leaf_size, p.metric, p.n_jobs)
    }
}

impl<F: Float> FittedNearestNeighbors<F> {
    /// The hyperparameters it was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::neighbors::NearestNeighbors;
    /// let nn = NearestNeighbors::default().n_neighbors(1).fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// assert_eq!(nn.params().n_neighbors, 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &NearestNeighbors {
        &self.params
    }
}

fitted_neighbors_api!(impl[F: Float] FittedNearestNeighbors<F>, NAME,
    "use learnkit::neighbors::NearestNeighbors;",
    "let m = NearestNeighbors::default().n_neighbors(1).fit_unsupervised(x.view())?;");
fitted_radius_api!(impl[F: Float] FittedNearestNeighbors<F>, NAME,
    "use learnkit::neighbors::NearestNeighbors;",
    "let m = NearestNeighbors::default().n_neighbors(1).fit_unsupervised(x.view())?;");
