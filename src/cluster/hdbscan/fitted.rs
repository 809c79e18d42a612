//! [`FittedHDBSCAN`]: labels, membership probabilities and stored centres.

use super::NAME;
use crate::float::Float;
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len};
use crate::traits::Clusterer;
use ndarray::{Array1, Array2, ArrayView1};

/// A fitted [`HDBSCAN`](super::HDBSCAN).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::traits::Clusterer;
/// let x = ndarray::array![[0.0], [0.1], [0.2], [5.0], [5.1], [5.2], [20.0]];
/// let fitted = learnkit::cluster::HDBSCAN::default().min_cluster_size(3).fit_unsupervised(x.view())?;
/// assert_eq!(fitted.labels(), ndarray::array![0, 0, 0, 1, 1, 1, -1]);
/// assert_eq!(fitted.probabilities()[6], 0.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedHDBSCAN<F> {
    pub(super) labels: Array1<i64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(super) probabilities: Array1<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::optional_array"))]
    pub(super) centroids: Option<Array2<F>>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::optional_array"))]
    pub(super) medoids: Option<Array2<F>>,
    pub(super) n_features_in: usize,
}

checked_serde!(impl[F: Float] FittedHDBSCAN<F>);
persist!(impl[F: Float] FittedHDBSCAN<F> => format!("HDBSCAN<{}>", F::NAME));

impl<F: Float> Check for FittedHDBSCAN<F> {
    /// One probability in `[0, 1]` per sample (0 for noise), labels
    /// `-1..k` with every cluster used, and `k × n_features` centres.
    fn check(&self) -> std::result::Result<(), String> {
        let n = self.labels.len();
        ensure(n >= 2, || format!("{NAME}: {n} samples, a fit needs at least 2"))?;
        ensure(self.n_features_in >= 1, || format!("{NAME}: no features"))?;
        same_len(&format!("{NAME}: probabilities"), n, self.probabilities.len())?;
        let k = self.labels.iter().copied().max().unwrap_or(-1).max(-1) + 1;
        let mut used = vec![false; k as usize];
        for (&l, &p) in self.labels.iter().zip(&self.probabilities) {
            ensure(l >= -1, || format!("{NAME}: label {l} below -1"))?;
            ensure(p >= F::zero() && p <= F::one(), || {
                format!("{NAME}: a probability outside [0, 1]")
            })?;
            ensure(l >= 0 || p == F::zero(), || {
                format!("{NAME}: a noise sample with a non-zero probability")
            })?;
            if l >= 0 {
                used[l as usize] = true;
            }
        }
        ensure(used.iter().all(|&u| u), || {
            format!("{NAME}: a cluster of 0..{k} has no sample")
        })?;
        for (what, centers) in [("centroids", &self.centroids), ("medoids", &self.medoids)] {
            if let Some(c) = centers {
                ensure(c.dim() == (k as usize, self.n_features_in), || {
                    format!(
                        "{NAME}: {what} are {:?}, expected ({k}, {})",
                        c.dim(),
                        self.n_features_in
                    )
                })?;
            }
        }
        Ok(())
    }
}

impl<F: Float> Clusterer for FittedHDBSCAN<F> {
    fn labels(&self) -> ArrayView1<'_, i64> {
        self.labels.view()
    }
}

impl<F: Float> FittedHDBSCAN<F> {
    /// How strongly each sample belongs to its cluster, in `[0, 1]` (0 for noise).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [0.1], [0.2], [5.0], [5.1], [5.2], [20.0]];
    /// let fitted = learnkit::cluster::HDBSCAN::default().min_cluster_size(3).fit_unsupervised(x.view())?;
    /// assert!(fitted.probabilities().iter().all(|p| (0.0..=1.0).contains(p)));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn probabilities(&self) -> &Array1<F> {
        &self.probabilities
    }

    /// The probability-weighted mean of each cluster, when stored.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// use learnkit::cluster::{HDBSCAN, StoreCenters};
    /// let x = ndarray::array![[0.0], [0.1], [0.2], [5.0], [5.1], [5.2], [20.0]];
    /// let fitted = HDBSCAN::default().min_cluster_size(3).store_centers(Some(StoreCenters::Centroid)).fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.centroids().unwrap().dim(), (2, 1));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn centroids(&self) -> Option<&Array2<F>> {
        self.centroids.as_ref()
    }

    /// The member of each cluster with the least probability-weighted
    /// distance to the other members, when stored.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// use learnkit::cluster::{HDBSCAN, StoreCenters};
    /// let x = ndarray::array![[0.0], [0.1], [0.2], [5.0], [5.1], [5.2], [20.0]];
    /// let fitted = HDBSCAN::default().min_cluster_size(3).store_centers(Some(StoreCenters::Medoid)).fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.medoids().unwrap(), ndarray::array![[0.1], [5.1]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn medoids(&self) -> Option<&Array2<F>> {
        self.medoids.as_ref()
    }

    /// The number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0, 1.0], [0.1, 1.0], [0.2, 1.0]];
    /// let fitted = learnkit::cluster::HDBSCAN::default().min_cluster_size(2).fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features_in
    }
}
