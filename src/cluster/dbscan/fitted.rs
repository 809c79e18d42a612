//! [`FittedDBSCAN`]: the labels and the core samples.

use super::NAME;
use crate::float::Float;
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len, strictly_increasing};
use crate::traits::Clusterer;
use ndarray::{Array1, Array2, ArrayView1};

/// A fitted [`DBSCAN`](super::DBSCAN).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::traits::Clusterer;
/// let x = ndarray::array![[0.0], [0.2], [0.4], [5.0]];
/// let fitted = learnkit::cluster::DBSCAN::default().min_samples(2).fit_unsupervised(x.view())?;
/// assert_eq!(fitted.labels(), ndarray::array![0, 0, 0, -1]);
/// assert_eq!(fitted.components(), ndarray::array![[0.0], [0.2], [0.4]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedDBSCAN<F> {
    pub(super) labels: Array1<i64>,
    pub(super) core_sample_indices: Array1<usize>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(super) components: Array2<F>,
}

checked_serde!(impl[F: Float] FittedDBSCAN<F>);
persist!(impl[F: Float] FittedDBSCAN<F> => format!("DBSCAN<{}>", F::NAME));

impl<F: Float> Check for FittedDBSCAN<F> {
    /// Increasing core indices within the samples, one component row each,
    /// core samples in clusters, labels `-1..k` with every cluster holding a
    /// core sample.
    fn check(&self) -> std::result::Result<(), String> {
        let n = self.labels.len();
        ensure(n >= 1, || format!("{NAME}: no samples"))?;
        ensure(self.components.ncols() >= 1, || format!("{NAME}: no features"))?;
        let core = self.core_sample_indices.as_slice().unwrap_or(&[]);
        strictly_increasing(&format!("{NAME}: core_sample_indices"), core)?;
        same_len(
            &format!("{NAME}: components (one per core sample)"),
            core.len(),
            self.components.nrows(),
        )?;
        let k = self.labels.iter().copied().max().unwrap_or(-1).max(-1) + 1;
        let mut has_core = vec![false; k as usize];
        for &i in core {
            ensure(i < n, || format!("{NAME}: core sample {i} of {n} samples"))?;
            let l = self.labels[i];
            ensure(l >= 0, || format!("{NAME}: core sample {i} is noise"))?;
            has_core[l as usize] = true;
        }
        ensure(self.labels.iter().all(|&l| l >= -1), || {
            format!("{NAME}: a label below -1")
        })?;
        ensure(has_core.iter().all(|&c| c), || {
            format!("{NAME}: a cluster without a core sample")
        })
    }
}

impl<F: Float> Clusterer for FittedDBSCAN<F> {
    fn labels(&self) -> ArrayView1<'_, i64> {
        self.labels.view()
    }
}

impl<F: Float> FittedDBSCAN<F> {
    /// The indices of the core samples, increasing.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [0.2], [0.4], [5.0]];
    /// let fitted = learnkit::cluster::DBSCAN::default().eps(0.3).min_samples(3).fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.core_sample_indices(), ndarray::array![1]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn core_sample_indices(&self) -> &Array1<usize> {
        &self.core_sample_indices
    }

    /// The core samples' rows (`n_core × n_features`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [0.2], [0.4], [5.0]];
    /// let fitted = learnkit::cluster::DBSCAN::default().eps(0.3).min_samples(3).fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.components(), ndarray::array![[0.2]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn components(&self) -> &Array2<F> {
        &self.components
    }

    /// The number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0, 1.0], [0.2, 1.0]];
    /// let fitted = learnkit::cluster::DBSCAN::default().fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.components.ncols()
    }
}
