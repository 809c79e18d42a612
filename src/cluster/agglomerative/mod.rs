//! [`AgglomerativeClustering`]: bottom-up hierarchical clustering (ward,
//! complete, average or single linkage), as scikit-learn's without a
//! connectivity matrix.
//!
//! Ward, complete and average linkage run the nearest-neighbour chain on a
//! condensed distance matrix (`n(n − 1)/2` values, checked before it is
//! allocated); single linkage runs Prim's minimum spanning tree with
//! distances computed as needed (memory linear in the samples). Children,
//! distances and labels equal scikit-learn's.

mod cut;
mod fitted;
mod nn_chain;

pub use fitted::FittedAgglomerativeClustering;

use crate::cluster::single_linkage::{Merge, prim_mst, single_linkage};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::metrics::Metric;
use crate::traits::Estimator;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

const NAME: &str = "AgglomerativeClustering";

/// Which distance between clusters is merged on (scikit-learn's `linkage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Linkage {
    /// The merge that least increases the total within-cluster variance
    /// (Euclidean distances only).
    #[default]
    Ward,
    /// The largest distance between the clusters' points.
    Complete,
    /// The mean distance between the clusters' points.
    Average,
    /// The smallest distance between the clusters' points.
    Single,
}

/// Agglomerative (bottom-up hierarchical) clustering: every sample starts
/// as its own cluster and the two closest clusters merge until
/// `n_clusters` remain, or until the merge distance reaches
/// `distance_threshold`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::cluster::{AgglomerativeClustering, Linkage};
/// use learnkit::traits::{Clusterer, FitPredict};
/// use ndarray::array;
///
/// let x = array![[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.0, 5.2], [0.0, 0.2]];
/// let fitted = AgglomerativeClustering::default().fit_unsupervised(x.view())?;
/// assert_eq!(fitted.labels(), array![0, 0, 1, 1, 0]);
/// assert_eq!(fitted.children().nrows(), 4);
/// let single = AgglomerativeClustering::default().linkage(Linkage::Single).n_clusters(None)
///     .distance_threshold(1.0).fit_predict(x.view())?;
/// assert_eq!(single, array![1, 1, 0, 0, 1]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AgglomerativeClustering {
    /// The number of clusters to find (`None` with a `distance_threshold`).
    pub n_clusters: Option<usize>,
    /// The distance between rows.
    pub metric: Metric,
    /// The distance between clusters.
    pub linkage: Linkage,
    /// Merges at or above this distance are not made (`n_clusters` must be
    /// `None`); `None` to cut at `n_clusters`.
    pub distance_threshold: Option<f64>,
    /// scikit-learn's `compute_full_tree` (`None`: "auto"). Without a
    /// connectivity matrix the full tree is always built; `Some(false)` with
    /// a `distance_threshold` is an error, as in scikit-learn.
    pub compute_full_tree: Option<bool>,
    /// Keep the merge distances even without a `distance_threshold`.
    pub compute_distances: bool,
}

impl Default for AgglomerativeClustering {
    fn default() -> Self {
        AgglomerativeClustering {
            n_clusters: Some(2),
            metric: Metric::Euclidean,
            linkage: Linkage::Ward,
            distance_threshold: None,
            compute_full_tree: None,
            compute_distances: false,
        }
    }
}

setters!(AgglomerativeClustering in "learnkit::cluster" {
    metric: Metric = learnkit::metrics::Metric::Manhattan;
    linkage: Linkage = learnkit::cluster::Linkage::Average;
    compute_distances: bool = true;
    n_clusters: Option<usize> = None;
    compute_full_tree: Option<bool> = Some(true);
} into {} optional {
    distance_threshold: f64 = 1.5 => Some(1.5);
});

impl AgglomerativeClustering {
    fn validate(&self) -> Result<()> {
        self.metric.check(NAME)?;
        if let Some(k) = self.n_clusters {
            if k == 0 {
                return Err(Error::invalid_parameter(NAME, "n_clusters", "None or >= 1", k));
            }
        }
        if let Some(t) = self.distance_threshold {
            if !(t.is_finite() && t >= 0.0) {
                return Err(Error::invalid_parameter(
                    NAME,
                    "distance_threshold",
                    "None or a finite number >= 0",
                    t,
                ));
            }
            if self.compute_full_tree == Some(false) {
                return Err(Error::invalid_parameter(
                    NAME,
                    "compute_full_tree",
                    "true or None (auto) when distance_threshold is set",
                    false,
                ));
            }
        }
        if self.n_clusters.is_some() == self.distance_threshold.is_some() {
            return Err(Error::invalid_parameter(
                NAME,
                "n_clusters",
                "exactly one of n_clusters and distance_threshold set, the other None",
                format!(
                    "n_clusters = {:?}, distance_threshold = {:?}",
                    self.n_clusters, self.distance_threshold
                ),
            ));
        }
        if self.linkage == Linkage::Ward && self.metric.canonical() != Metric::Euclidean {
            return Err(Error::invalid_parameter(
                NAME,
                "metric",
                "Euclidean with ward linkage",
                format!("{:?}", self.metric),
            ));
        }
        Ok(())
    }

    fn fit_checked<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<FittedAgglomerativeClustering<F>> {
        self.validate()?;
        super::check_hierarchy_input(NAME, x)?;
        let n = x.nrows();
        if let Some(k) = self.n_clusters {
            if k > n {
                return Err(Error::invalid_parameter(
                    NAME,
                    "n_clusters",
                    format!("at most the number of samples ({n})"),
                    k,
                ));
            }
        }
        let merges: Vec<Merge> = match self.linkage {
            Linkage::Single => single_linkage(n, prim_mst(x, self.metric, None, 1.0)),
            linkage => nn_chain::nn_chain(n, nn_chain::condensed_distances(NAME, x, self.metric)?, linkage),
        };
        let children: Vec<[usize; 2]> = merges.iter().map(|m| [m.left, m.right]).collect();
        let distances: Array1<F> = merges.iter().map(|m| F::cast(m.distance)).collect();
        let n_clusters = match self.distance_threshold {
            Some(t) => merges.iter().filter(|m| m.distance >= t).count() + 1,
            None => self.n_clusters.unwrap_or(1),
        };
        let labels = cut::hc_cut(n_clusters, &children, n);
        let keep = self.distance_threshold.is_some() || self.compute_distances;
        Ok(FittedAgglomerativeClustering {
            labels: Array1::from(labels),
            n_clusters,
            children: Array2::from_shape_fn((n - 1, 2), |(i, j)| children[i][j]),
            distances: keep.then_some(distances),
            n_features_in: x.ncols(),
        })
    }
}

impl<F: Float, T> Estimator<F, T> for AgglomerativeClustering {
    type Fitted = FittedAgglomerativeClustering<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.fit_checked(x)
    }
}
