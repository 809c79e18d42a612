//! [`FittedAgglomerativeClustering`]: the merge tree and its flat cut.

use super::NAME;
use crate::float::Float;
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len};
use crate::traits::Clusterer;
use ndarray::{Array1, Array2, ArrayView1};

/// A fitted [`AgglomerativeClustering`](super::AgglomerativeClustering).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::cluster::AgglomerativeClustering;
/// use learnkit::traits::Clusterer;
///
/// let x = ndarray::array![[0.0], [0.5], [4.0], [4.5]];
/// let fitted = AgglomerativeClustering::default().compute_distances(true).fit_unsupervised(x.view())?;
/// assert_eq!(fitted.labels(), ndarray::array![1, 1, 0, 0]);
/// assert_eq!(fitted.distances().unwrap().len(), 3);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedAgglomerativeClustering<F> {
    pub(super) labels: Array1<i64>,
    pub(super) n_clusters: usize,
    pub(super) children: Array2<usize>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::optional_array"))]
    pub(super) distances: Option<Array1<F>>,
    pub(super) n_features_in: usize,
}

checked_serde!(impl[F: Float] FittedAgglomerativeClustering<F>);
persist!(impl[F: Float] FittedAgglomerativeClustering<F> => format!("AgglomerativeClustering<{}>", F::NAME));

impl<F: Float> Check for FittedAgglomerativeClustering<F> {
    /// `n − 1` merges of two distinct earlier nodes each (leaves `0..n`,
    /// merge `i` is node `n + i`, every node merged once), one distance per
    /// merge in increasing order, and one label in `0..n_clusters` per
    /// leaf with every cluster used.
    fn check(&self) -> std::result::Result<(), String> {
        let n = self.labels.len();
        ensure(n >= 2, || format!("{NAME}: {n} leaves, a fit needs at least 2"))?;
        ensure(self.n_features_in >= 1, || format!("{NAME}: no features"))?;
        same_len(
            &format!("{NAME}: merges (rows of children)"),
            n - 1,
            self.children.nrows(),
        )?;
        same_len(&format!("{NAME}: columns of children"), 2, self.children.ncols())?;
        let mut used = vec![false; 2 * n - 1];
        for (i, pair) in self.children.rows().into_iter().enumerate() {
            for &c in pair {
                ensure(c < n + i && !used[c], || {
                    format!("{NAME}: merge {i} joins node {c}, not an unmerged earlier node")
                })?;
                used[c] = true;
            }
        }
        if let Some(d) = &self.distances {
            same_len(&format!("{NAME}: distances"), n - 1, d.len())?;
            ensure(d.iter().all(|v| v.is_finite() && *v >= F::zero()), || {
                format!("{NAME}: a merge distance is negative or not finite")
            })?;
            ensure(d.windows(2).into_iter().all(|w| w[0] <= w[1]), || {
                format!("{NAME}: merge distances are not increasing")
            })?;
        }
        let k = self.n_clusters;
        ensure(k >= 1 && k <= n, || format!("{NAME}: {k} clusters for {n} samples"))?;
        let mut seen = vec![false; k];
        for &l in &self.labels {
            ensure(l >= 0 && (l as usize) < k, || {
                format!("{NAME}: label {l} outside 0..{k}")
            })?;
            seen[l as usize] = true;
        }
        ensure(seen.iter().all(|&s| s), || {
            format!("{NAME}: a cluster of 0..{k} has no sample")
        })
    }
}

impl<F: Float> Clusterer for FittedAgglomerativeClustering<F> {
    fn labels(&self) -> ArrayView1<'_, i64> {
        self.labels.view()
    }
}

impl<F: Float> FittedAgglomerativeClustering<F> {
    /// The number of clusters found (from the threshold, or as asked).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [0.5], [4.0], [4.5], [9.0]];
    /// let fitted = learnkit::cluster::AgglomerativeClustering::default().n_clusters(None)
    ///     .distance_threshold(2.0).fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.n_clusters(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_clusters(&self) -> usize {
        self.n_clusters
    }

    /// The number of training samples (leaves of the tree).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [0.5], [4.0]];
    /// let fitted = learnkit::cluster::AgglomerativeClustering::default().fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.n_leaves(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_leaves(&self) -> usize {
        self.labels.len()
    }

    /// The number of connected components of the graph the merges ran on:
    /// always 1 (no connectivity matrix).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [0.5], [4.0]];
    /// let fitted = learnkit::cluster::AgglomerativeClustering::default().fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.n_connected_components(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_connected_components(&self) -> usize {
        1
    }

    /// The merges in order, one row each (`n_samples − 1 × 2`): nodes below
    /// `n_samples` are samples, node `n_samples + i` is the cluster merge
    /// `i` made (scikit-learn's `children_`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [0.5], [4.0]];
    /// let fitted = learnkit::cluster::AgglomerativeClustering::default().fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.children(), ndarray::array![[0, 1], [2, 3]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn children(&self) -> &Array2<usize> {
        &self.children
    }

    /// The distance of each merge, when a `distance_threshold` was set or
    /// `compute_distances` asked for them.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [0.5], [4.0]];
    /// let fitted = learnkit::cluster::AgglomerativeClustering::default()
    ///     .linkage(learnkit::cluster::Linkage::Single).compute_distances(true).fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.distances().unwrap(), ndarray::array![0.5, 3.5]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn distances(&self) -> Option<&Array1<F>> {
        self.distances.as_ref()
    }

    /// The number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0, 1.0], [0.5, 1.0], [4.0, 1.0]];
    /// let fitted = learnkit::cluster::AgglomerativeClustering::default().fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features_in
    }
}
