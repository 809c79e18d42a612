//! [`HDBSCAN`]: hierarchical density-based clustering, as scikit-learn's
//! `sklearn.cluster.HDBSCAN` (≥ 1.3).
//!
//! The steps, one file each: core distances (`core_distance.rs`), Prim's
//! minimum spanning tree of the mutual reachability
//! `max(core(a), core(b), d(a, b) / alpha)` computed on the fly (shared with
//! single-linkage agglomerative clustering), its single-linkage hierarchy,
//! the condensed tree (`condense.rs`), and the selection of clusters,
//! labels and probabilities (`select.rs`).

mod condense;
mod core_distance;
mod fitted;
mod select;

pub use fitted::FittedHDBSCAN;

use crate::cluster::dbscan::check_tree_metric;
use crate::cluster::single_linkage::{prim_mst, single_linkage};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::metrics::Metric;
use crate::metrics::pairwise::pairwise_distances;
use crate::neighbors::Algorithm;
use crate::parallel::with_n_jobs;
use crate::traits::Estimator;
use crate::validation::check_param;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};

const NAME: &str = "HDBSCAN";

/// How clusters are picked from the condensed tree
/// (scikit-learn's `cluster_selection_method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum SelectionMethod {
    /// Excess of mass: the clusters of largest total stability.
    #[default]
    Eom,
    /// The leaves of the condensed tree: many small homogeneous clusters.
    Leaf,
}

/// Which cluster centres to keep (scikit-learn's `store_centers`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum StoreCenters {
    /// The probability-weighted mean of each cluster.
    Centroid,
    /// The member with the least probability-weighted distance to the others.
    Medoid,
    /// Both.
    Both,
}

/// Hierarchical Density-Based Spatial Clustering of Applications with
/// Noise: DBSCAN over every `eps` at once, keeping the most stable
/// clusters. Labels and probabilities equal scikit-learn's.
///
/// Ties: mutual reachability distances tie often (every edge whose weight
/// is a point's core distance), and the order in which edges of equal
/// weight enter the single-linkage hierarchy can change the condensed tree
/// and so the clusters picked. learnkit sorts the spanning tree's edges
/// stably (equal weights in the order Prim's algorithm found them);
/// scikit-learn sorts them with numpy's default `argsort`, which is not
/// stable, so its result on such data can depend on numpy's sort
/// implementation. With a stable sort scikit-learn gives learnkit's labels
/// exactly (20,000 points, 6,704 of the 19,999 edges tied: 85 clusters, label
/// for label; `benches/README.md`, task `hdbscan`).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::cluster::HDBSCAN;
/// use learnkit::traits::Clusterer;
///
/// let mut rows = Vec::new();
/// for i in 0..12 {
///     let t = i as f64 * 0.1;
///     rows.extend([t.sin() * 0.3, t.cos() * 0.3]);
///     rows.extend([8.0 + t.cos() * 0.3, 8.0 + t.sin() * 0.3]);
/// }
/// rows.extend([30.0, -30.0]); // far from both arcs: noise
/// let x = ndarray::Array2::from_shape_vec((25, 2), rows).unwrap();
/// let fitted = HDBSCAN::default().fit_unsupervised(x.view())?;
/// assert_eq!(fitted.labels()[0], fitted.labels()[2]);
/// assert_ne!(fitted.labels()[0], fitted.labels()[1]);
/// assert_eq!(fitted.labels()[24], -1);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct HDBSCAN {
    /// The fewest samples a cluster has (`>= 2`).
    pub min_cluster_size: usize,
    /// The neighbour count of the core distance, the sample itself
    /// included (`None`: `min_cluster_size`).
    pub min_samples: Option<usize>,
    /// Clusters split below this distance are merged back (`>= 0`).
    pub cluster_selection_epsilon: f64,
    /// Excess of mass does not keep clusters larger than this (`None`: no limit).
    pub max_cluster_size: Option<usize>,
    /// The distance between rows.
    pub metric: Metric,
    /// Distances are divided by it in the mutual reachability (`> 0`).
    pub alpha: f64,
    /// How neighbours are searched (tree algorithms need a true metric).
    pub algorithm: Algorithm,
    /// Rows per tree leaf (`>= 1`).
    pub leaf_size: usize,
    /// How clusters are picked.
    pub cluster_selection_method: SelectionMethod,
    /// Whether the whole data may form one cluster.
    pub allow_single_cluster: bool,
    /// Which centres to keep (`None`: none).
    pub store_centers: Option<StoreCenters>,
    /// Threads (`None`: every core).
    pub n_jobs: Option<usize>,
}

impl Default for HDBSCAN {
    fn default() -> Self {
        HDBSCAN {
            min_cluster_size: 5,
            min_samples: None,
            cluster_selection_epsilon: 0.0,
            max_cluster_size: None,
            metric: Metric::Euclidean,
            alpha: 1.0,
            algorithm: Algorithm::Auto,
            leaf_size: 40,
            cluster_selection_method: SelectionMethod::Eom,
            allow_single_cluster: false,
            store_centers: None,
            n_jobs: None,
        }
    }
}

setters!(HDBSCAN in "learnkit::cluster" {
    min_cluster_size: usize = 10;
    cluster_selection_epsilon: f64 = 0.5;
    metric: Metric = learnkit::metrics::Metric::Manhattan;
    alpha: f64 = 2.0;
    algorithm: Algorithm = learnkit::neighbors::Algorithm::Brute;
    leaf_size: usize = 20;
    cluster_selection_method: SelectionMethod = learnkit::cluster::SelectionMethod::Leaf;
    allow_single_cluster: bool = true;
    n_jobs: Option<usize> = Some(1);
    min_samples: Option<usize> = Some(3);
    max_cluster_size: Option<usize> = Some(100);
    store_centers: Option<StoreCenters> = Some(learnkit::cluster::StoreCenters::Medoid);
});

impl HDBSCAN {
    fn validate(&self) -> Result<()> {
        check_param(NAME, "min_cluster_size", self.min_cluster_size, ">= 2", |m| m >= 2)?;
        check_param(NAME, "min_samples", self.min_samples, "None or >= 1", |m| m != Some(0))?;
        check_param(NAME, "max_cluster_size", self.max_cluster_size, "None or >= 1", |m| {
            m != Some(0)
        })?;
        check_param(
            NAME,
            "cluster_selection_epsilon",
            self.cluster_selection_epsilon,
            "a finite number >= 0",
            |e| e.is_finite() && e >= 0.0,
        )?;
        check_param(NAME, "alpha", self.alpha, "a finite number > 0", |a| {
            a.is_finite() && a > 0.0
        })?;
        check_param(NAME, "leaf_size", self.leaf_size, ">= 1", |l| l >= 1)?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        self.metric.check(NAME)?;
        check_tree_metric(NAME, self.algorithm, self.metric)
    }

    fn fit_checked<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<FittedHDBSCAN<F>> {
        self.validate()?;
        super::check_hierarchy_input(NAME, x)?;
        let n = x.nrows();
        let min_samples = self.min_samples.unwrap_or(self.min_cluster_size);
        if min_samples > n {
            return Err(Error::invalid_parameter(
                NAME,
                "min_samples",
                format!("at most the number of samples ({n}); None means min_cluster_size"),
                min_samples,
            ));
        }
        // scikit-learn's brute path (Cosine, or asked for) scales every
        // distance by alpha before taking core distances; its tree path
        // scales only the pair distances.
        let brute =
            self.algorithm == Algorithm::Brute || (self.algorithm == Algorithm::Auto && !self.metric.is_true_metric());
        with_n_jobs(self.n_jobs, || {
            let core = if brute {
                let mut core = core_distance::core_distances(x, self.metric, min_samples);
                core.iter_mut().for_each(|c| *c /= self.alpha);
                core
            } else {
                core_distance::tree_core_distances(x, self.metric, min_samples, self.algorithm, self.leaf_size)?
            };
            let merges = single_linkage(n, prim_mst(x, self.metric, Some(&core), self.alpha));
            let tree = condense::condense(&merges, self.min_cluster_size);
            let options = select::Selection {
                method: self.cluster_selection_method,
                allow_single_cluster: self.allow_single_cluster,
                epsilon: self.cluster_selection_epsilon,
                max_cluster_size: self.max_cluster_size,
            };
            let (labels, probabilities) = select::labels_and_probabilities(&tree, n, &options);
            let probabilities: Array1<F> = probabilities.into_iter().map(F::cast).collect();
            let labels = Array1::from(labels);
            let (centroids, medoids) = self.centers(x, &labels, &probabilities)?;
            Ok(FittedHDBSCAN {
                labels,
                probabilities,
                centroids,
                medoids,
                n_features_in: x.ncols(),
            })
        })?
    }

    /// The stored centres of each cluster, weighted by the members'
    /// probabilities (scikit-learn's `_weighted_cluster_center`).
    #[allow(clippy::type_complexity)]
    fn centers<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        labels: &Array1<i64>,
        probabilities: &Array1<F>,
    ) -> Result<(Option<Array2<F>>, Option<Array2<F>>)> {
        let Some(store) = self.store_centers else {
            return Ok((None, None));
        };
        let k = labels.iter().copied().max().map_or(0, |m| (m + 1).max(0) as usize);
        let d = x.ncols();
        let make_centroids = matches!(store, StoreCenters::Centroid | StoreCenters::Both);
        let make_medoids = matches!(store, StoreCenters::Medoid | StoreCenters::Both);
        let mut centroids = Array2::<F>::zeros((k, d));
        let mut medoids = Array2::<F>::zeros((k, d));
        for c in 0..k {
            let members: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == c as i64).collect();
            let data = x.select(Axis(0), &members);
            let strength = probabilities.select(Axis(0), &members);
            if make_centroids {
                let total = strength.sum();
                let weighted = data.t().dot(&strength);
                centroids.row_mut(c).assign(&weighted.mapv(|v| v / total));
            }
            if make_medoids {
                let distances = pairwise_distances(data.view(), None, self.metric)?;
                let scores = distances.dot(&strength);
                let best = (0..scores.len()).fold(0, |b, i| if scores[i] < scores[b] { i } else { b });
                medoids.row_mut(c).assign(&data.row(best));
            }
        }
        Ok((make_centroids.then_some(centroids), make_medoids.then_some(medoids)))
    }
}

impl<F: Float, T> Estimator<F, T> for HDBSCAN {
    type Fitted = FittedHDBSCAN<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.fit_checked(x)
    }
}
