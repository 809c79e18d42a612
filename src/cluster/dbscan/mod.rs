//! [`DBSCAN`]: density-based clustering with noise, as scikit-learn's, in
//! memory proportional to the number of samples.
//!
//! scikit-learn stores every neighbourhood before expanding clusters (its
//! memory grows with samples × neighbours). Here a first pass only counts
//! the (weighted) neighbours of each row to find the core samples; a second
//! pass grows each cluster breadth-first from its lowest-numbered core
//! sample, asking for the neighbourhoods of the frontier a block at a time
//! (from a k-d tree or ball tree of `crate::neighbors`, streamed, or by
//! blocked brute force).
//! Labels equal scikit-learn's: clusters are numbered in the order of their
//! first core sample, and a border sample belongs to the first cluster that
//! reaches it, whatever the order within a cluster's expansion.

mod fitted;
mod region;

pub use fitted::FittedDBSCAN;

use crate::error::{Error, Result};
use crate::float::Float;
use crate::metrics::Metric;
use crate::neighbors::Algorithm;
use crate::parallel::with_n_jobs;
use crate::traits::{Estimator, SampleWeighted};
use crate::validation::{check_array, check_param, check_positive, check_sample_weight};
use ndarray::{Array1, ArrayView1, ArrayView2, Axis};
use region::RegionQuery;

const NAME: &str = "DBSCAN";

/// Checks that a tree algorithm gets a metric it can use (not `Cosine`).
pub(crate) fn check_tree_metric(context: &'static str, algorithm: Algorithm, metric: Metric) -> Result<()> {
    match algorithm {
        Algorithm::KdTree | Algorithm::BallTree if !metric.is_true_metric() => Err(Error::invalid_parameter(
            context,
            "metric",
            format!("a true metric (not Cosine) with algorithm {algorithm:?}"),
            format!("{metric:?}"),
        )),
        _ => Ok(()),
    }
}

/// Density-Based Spatial Clustering of Applications with Noise: samples
/// with at least `min_samples` (weighted) neighbours within `eps` (itself
/// included) are core samples; core samples within `eps` of each other
/// share a cluster, which also takes in the samples within `eps` of its
/// core samples. Other samples are noise (label `-1`).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::cluster::DBSCAN;
/// use learnkit::traits::{Clusterer, FitPredict};
/// use ndarray::array;
///
/// let x = array![[1.0, 2.0], [2.0, 2.0], [2.0, 3.0], [8.0, 7.0], [8.0, 8.0], [25.0, 80.0]];
/// let fitted = DBSCAN::default().eps(3.0).min_samples(2).fit_unsupervised(x.view())?;
/// assert_eq!(fitted.labels(), array![0, 0, 0, 1, 1, -1]);
/// assert_eq!(fitted.core_sample_indices(), array![0, 1, 2, 3, 4]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct DBSCAN {
    /// The neighbourhood radius (`> 0`); a distance equal to it counts.
    pub eps: f64,
    /// The (weighted) neighbour count, the sample itself included, that
    /// makes a core sample (`>= 1`).
    pub min_samples: usize,
    /// The distance between rows.
    pub metric: Metric,
    /// How neighbours are searched.
    pub algorithm: Algorithm,
    /// Rows per tree leaf (`>= 1`).
    pub leaf_size: usize,
    /// Threads (`None`: every core).
    pub n_jobs: Option<usize>,
}

impl Default for DBSCAN {
    fn default() -> Self {
        DBSCAN {
            eps: 0.5,
            min_samples: 5,
            metric: Metric::Euclidean,
            algorithm: Algorithm::Auto,
            leaf_size: 30,
            n_jobs: None,
        }
    }
}

setters!(DBSCAN in "learnkit::cluster" {
    eps: f64 = 0.3;
    min_samples: usize = 10;
    metric: Metric = learnkit::metrics::Metric::Manhattan;
    algorithm: Algorithm = learnkit::neighbors::Algorithm::Brute;
    leaf_size: usize = 20;
    n_jobs: Option<usize> = Some(1);
});

impl DBSCAN {
    fn validate(&self) -> Result<()> {
        check_positive(NAME, "eps", self.eps)?;
        check_param(NAME, "min_samples", self.min_samples, ">= 1", |m| m >= 1)?;
        check_param(NAME, "leaf_size", self.leaf_size, ">= 1", |l| l >= 1)?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        self.metric.check(NAME)?;
        check_tree_metric(NAME, self.algorithm, self.metric)
    }

    fn fit_checked<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedDBSCAN<F>> {
        self.validate()?;
        check_array(NAME, x)?;
        let weights: Vec<f64> = check_sample_weight(NAME, sample_weight, x.nrows())?
            .iter()
            .map(|w| w.as_f64())
            .collect();
        with_n_jobs(self.n_jobs, || {
            let search = RegionQuery::new(x, self.eps, self.metric, self.algorithm, self.leaf_size)?;
            let core: Vec<bool> = search
                .weighted_counts(&weights)
                .iter()
                .map(|&c| c >= self.min_samples as f64)
                .collect();
            let labels = expand_clusters(&search, &core);
            let core_sample_indices: Vec<usize> = (0..core.len()).filter(|&i| core[i]).collect();
            Ok(FittedDBSCAN {
                labels: Array1::from(labels),
                components: x.select(Axis(0), &core_sample_indices),
                core_sample_indices: Array1::from(core_sample_indices),
            })
        })?
    }
}

/// Grows a cluster from each unlabelled core sample in index order, one
/// breadth-first layer of core samples at a time.
fn expand_clusters<F: Float>(search: &RegionQuery<'_, F>, core: &[bool]) -> Vec<i64> {
    let mut labels = vec![-1i64; core.len()];
    let mut label = 0;
    for seed in 0..core.len() {
        if labels[seed] != -1 || !core[seed] {
            continue;
        }
        labels[seed] = label;
        let mut frontier = vec![seed];
        while !frontier.is_empty() {
            let mut next = Vec::new();
            search.neighbourhoods(&frontier, |_, neighbours| {
                for &v in neighbours {
                    if labels[v] == -1 {
                        labels[v] = label;
                        if core[v] {
                            next.push(v);
                        }
                    }
                }
            });
            frontier = next;
        }
        label += 1;
    }
    labels
}

impl<F: Float, T> Estimator<F, T> for DBSCAN {
    type Fitted = FittedDBSCAN<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.fit_checked(x, None)
    }
}

impl<F: Float, T> SampleWeighted<F, T> for DBSCAN {
    /// Fits with sample weights: a sample's neighbour count is the total
    /// weight of its neighbourhood, as scikit-learn's.
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        _y: ArrayView1<'_, T>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, Some(sample_weight))
    }
}
