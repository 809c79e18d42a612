//! What every fitted neighbour estimator shares: the fitted search (saved
//! as its training rows and rebuilt on load), `kneighbors` /
//! `radius_neighbors` with scikit-learn's handling of the training set as
//! the query, and the neighbour weights.

use super::search::{Algorithm, NeighborIndex};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::metrics::Metric;
use crate::parallel::with_n_jobs;
use crate::sparse::MatrixView;
use ndarray::{Array2, ArrayView1};

/// How the neighbours of a row weigh in a prediction (scikit-learn's
/// `weights`).
///
/// # Example
/// ```
/// use learnkit::neighbors::{KNeighborsClassifier, Weights};
/// let model = KNeighborsClassifier::default().weights(Weights::Distance);
/// assert_eq!(model.weights, Weights::Distance);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Weights {
    /// Every neighbour counts the same.
    #[default]
    Uniform,
    /// A neighbour counts `1 / distance`; when some neighbours are at
    /// distance zero, they share all the weight (scikit-learn's rule).
    Distance,
}

impl Weights {
    /// The weight of each neighbour at `distances`.
    pub(crate) fn of<F: Float>(self, distances: ArrayView1<'_, F>) -> Vec<F> {
        match self {
            Weights::Uniform => vec![F::one(); distances.len()],
            Weights::Distance => {
                if distances.iter().any(|&d| d == F::zero()) {
                    distances
                        .iter()
                        .map(|&d| if d == F::zero() { F::one() } else { F::zero() })
                        .collect()
                } else {
                    distances.iter().map(|&d| d.recip()).collect()
                }
            }
        }
    }
}

/// A fitted search with its thread count.
#[derive(Clone, Debug)]
pub(crate) struct NeighborsBase<F> {
    pub(crate) index: NeighborIndex<F>,
    pub(crate) leaf_size: usize,
    pub(crate) metric: Metric,
    pub(crate) n_jobs: Option<usize>,
}

impl<F: Float> NeighborsBase<F> {
    /// Checks the parameters and data (dense or sparse) and builds the
    /// search.
    pub(crate) fn fit(
        context: &'static str,
        x: MatrixView<'_, F>,
        algorithm: Algorithm,
        leaf_size: usize,
        metric: Metric,
        n_neighbors: Option<usize>,
        n_jobs: Option<usize>,
    ) -> Result<Self> {
        with_n_jobs(n_jobs, || {
            Ok(NeighborsBase {
                index: NeighborIndex::build_matrix(context, algorithm, x, leaf_size, metric, n_neighbors)?,
                leaf_size,
                metric,
                n_jobs,
            })
        })?
    }

    /// [`NeighborsBase::fit`] for a radius estimator: checks `radius`
    /// (finite, ≥ 0, as scikit-learn) and indexes `x` with no `n_neighbors`
    /// (so `auto` never picks brute force for it).
    pub(crate) fn fit_radius(
        context: &'static str,
        x: MatrixView<'_, F>,
        radius: f64,
        algorithm: Algorithm,
        leaf_size: usize,
        metric: Metric,
        n_jobs: Option<usize>,
    ) -> Result<Self> {
        check_radius_param(context, radius)?;
        Self::fit(context, x, algorithm, leaf_size, metric, None, n_jobs)
    }

    pub(crate) fn n_samples(&self) -> usize {
        self.index.search().n_samples()
    }

    /// That a loaded search is the one these hyperparameters fit: the same
    /// leaf size, metric and thread count, and the algorithm asked for
    /// (any for `Auto`).
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
    pub(crate) fn check_matches(
        &self,
        context: &str,
        algorithm: Algorithm,
        leaf_size: usize,
        metric: Metric,
        n_jobs: Option<usize>,
    ) -> std::result::Result<(), String> {
        crate::persistence::check::ensure(
            self.leaf_size == leaf_size
                && self.metric == metric
                && self.n_jobs == n_jobs
                && (algorithm == Algorithm::Auto || algorithm == self.index.fit_method()),
            || format!("{context}: the saved search does not match the hyperparameters"),
        )
    }

    pub(crate) fn n_features(&self) -> usize {
        self.index.search().n_features()
    }

    /// The `k` nearest training rows of each row of `x`; with `x = None`,
    /// of each training row, itself excluded (scikit-learn: the row is
    /// removed from its `k + 1` nearest; when duplicates push it out, the
    /// nearest is removed instead).
    pub(crate) fn kneighbors(
        &self,
        context: &'static str,
        x: Option<MatrixView<'_, F>>,
        k: usize,
    ) -> Result<(Array2<F>, Array2<usize>)> {
        with_n_jobs(self.n_jobs, || match x {
            Some(x) => self.index.query_matrix(context, x, k),
            None => {
                let n = self.n_samples();
                if k == 0 || k >= n {
                    return Err(Error::invalid_parameter(
                        context,
                        "n_neighbors",
                        format!(
                            "at least 1 and at most n_samples_fit - 1 = {} when querying the training set",
                            n - 1
                        ),
                        k,
                    ));
                }
                let (d, i) = self.index.query_training(context, k + 1)?;
                let mut distances = Array2::zeros((n, k));
                let mut indices = Array2::zeros((n, k));
                for row in 0..n {
                    let skip = (0..=k).find(|&j| i[[row, j]] == row).unwrap_or(0);
                    let kept = (0..=k).filter(|&j| j != skip);
                    for (out, j) in kept.enumerate() {
                        distances[[row, out]] = d[[row, j]];
                        indices[[row, out]] = i[[row, j]];
                    }
                }
                Ok((distances, indices))
            }
        })?
    }

    /// The training rows within `r` of each row of `x` (sorted by distance,
    /// ties by index); with `x = None`, of each training row, itself
    /// excluded.
    #[allow(clippy::type_complexity)]
    pub(crate) fn radius_neighbors(
        &self,
        context: &'static str,
        x: Option<MatrixView<'_, F>>,
        r: F,
    ) -> Result<Vec<(Vec<usize>, Vec<F>)>> {
        with_n_jobs(self.n_jobs, || match x {
            Some(x) => self.index.query_radius_matrix(context, x, r),
            None => {
                let mut found = self.index.query_radius_training(context, r)?;
                for (row, (indices, distances)) in found.iter_mut().enumerate() {
                    if let Some(j) = indices.iter().position(|&i| i == row) {
                        indices.remove(j);
                        distances.remove(j);
                    }
                }
                Ok(found)
            }
        })?
    }
}

/// That a radius estimator's `radius` is finite and ≥ 0 (scikit-learn
/// accepts 0: only rows at distance zero are neighbours).
pub(crate) fn check_radius_param(context: &'static str, radius: f64) -> Result<()> {
    crate::validation::check_param(context, "radius", radius, "finite and >= 0", |r| {
        r.is_finite() && r >= 0.0
    })
}

/// What a saved neighbour estimator holds of its search: the training rows
/// and how to index them. The search is rebuilt on load (a tree is cheap
/// to build and then cannot disagree with its rows). Sparse training rows
/// are saved dense (and load as a dense brute-force search, which finds
/// the same neighbours).
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(remote = "Self", bound = "F: Float")]
pub(crate) struct SavedIndex<F> {
    algorithm: Algorithm,
    leaf_size: usize,
    metric: Metric,
    n_jobs: Option<usize>,
    #[serde(with = "crate::persistence::floats::array")]
    data: Array2<F>,
}

#[cfg(feature = "serde")]
checked_serde!(impl[F: Float] SavedIndex<F>);

#[cfg(feature = "serde")]
impl<F: Float> crate::persistence::Check for SavedIndex<F> {
    /// A search a fit could have built: a resolved algorithm, parameters it
    /// accepts, and non-empty finite rows.
    fn check(&self) -> std::result::Result<(), String> {
        crate::persistence::check::ensure(self.algorithm != Algorithm::Auto, || {
            "a saved neighbour search must name its algorithm, not auto".to_string()
        })?;
        NeighborIndex::<F>::check_params("saved neighbour search", self.algorithm, self.leaf_size, self.metric)
            .and_then(|_| crate::validation::check_array("saved neighbour search", self.data.view()))
            .map_err(|e| e.to_string())
    }
}

#[cfg(feature = "serde")]
impl<F: Float> serde::Serialize for NeighborsBase<F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let saved = SavedIndex {
            algorithm: self.index.fit_method(),
            leaf_size: self.leaf_size,
            metric: self.metric,
            n_jobs: self.n_jobs,
            data: self
                .index
                .training_data()
                .map_err(<S::Error as serde::ser::Error>::custom)?,
        };
        serde::Serialize::serialize(&saved, serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de, F: Float> serde::Deserialize<'de> for NeighborsBase<F> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let saved = <SavedIndex<F> as serde::Deserialize>::deserialize(deserializer)?;
        let index = NeighborIndex::build(
            "saved neighbour search",
            saved.algorithm,
            saved.data.view(),
            saved.leaf_size,
            saved.metric,
            None,
        )
        .map_err(<D::Error as serde::de::Error>::custom)?;
        Ok(NeighborsBase {
            index,
            leaf_size: saved.leaf_size,
            metric: saved.metric,
            n_jobs: saved.n_jobs,
        })
    }
}
