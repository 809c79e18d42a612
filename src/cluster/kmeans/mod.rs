//! [`KMeans`] and [`MiniBatchKMeans`]: k-means clustering as
//! `sklearn.cluster.KMeans` and `MiniBatchKMeans`.
//!
//! Files by operation: `init.rs` (k-means++, random rows, an explicit
//! array), `step.rs` (what Lloyd and Elkan share: the parallel row parts,
//! empty-cluster relocation, averaging, inertia), `lloyd.rs` and `elkan.rs`
//! (one run each), `estimator.rs` (the hyperparameters' checks and the
//! `n_init` runs), `fitted.rs` ([`FittedKMeans`]) and `minibatch.rs`
//! ([`MiniBatchKMeans`], [`FittedMiniBatchKMeans`] and `partial_fit`).
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::cluster::{KMeans, KMeansInit};
//! use learnkit::traits::{Clusterer, FitPredict};
//! use ndarray::array;
//!
//! let x = array![[1.0, 2.0], [1.0, 4.0], [1.0, 0.0], [10.0, 2.0], [10.0, 4.0], [10.0, 0.0]];
//! let init = KMeansInit::Array(array![[1.0, 1.0], [9.0, 3.0]]);
//! let kmeans = KMeans::default().n_clusters(2).init(init).fit_unsupervised(x.view())?;
//! assert_eq!(kmeans.labels(), array![0, 0, 0, 1, 1, 1]);
//! assert_eq!(kmeans.cluster_centers(), &array![[1.0, 2.0], [10.0, 2.0]]);
//! assert_eq!(kmeans.predict(array![[0.0, 0.0], [12.0, 3.0]].view())?, array![0, 1]);
//! assert_eq!(kmeans.inertia(), 16.0);
//! assert_eq!(KMeans::default().n_clusters(2).random_state(0).fit_predict(x.view())?.len(), 6);
//! # Ok::<(), learnkit::Error>(())
//! ```

/// `Estimator` (for every target type, ignored) and `SampleWeighted` for a
/// k-means estimator with `fit_checked(x, Option<sample_weight>)`.
macro_rules! weighted_unsupervised {
    ($ty:ident => $fitted:ident) => {
        impl<F: crate::float::Float, T> crate::traits::Estimator<F, T> for $ty {
            type Fitted = $fitted<F>;

            fn fit(&self, x: ndarray::ArrayView2<'_, F>, _y: ndarray::ArrayView1<'_, T>) -> crate::Result<$fitted<F>> {
                self.fit_checked(x, None)
            }
        }

        impl<F: crate::float::Float, T> crate::traits::SampleWeighted<F, T> for $ty {
            fn fit_weighted(
                &self,
                x: ndarray::ArrayView2<'_, F>,
                _y: ndarray::ArrayView1<'_, T>,
                sample_weight: ndarray::ArrayView1<'_, F>,
            ) -> crate::Result<$fitted<F>> {
                self.fit_checked(x, Some(sample_weight))
            }
        }
    };
}

/// What every fitted k-means model offers from its `cluster_centers`,
/// `labels` and `n_jobs` (`|model| expression`): the centres,
/// `n_features_in`, `predict`, `score`, [`Clusterer`](crate::traits::Clusterer)
/// and [`Transformer`](crate::traits::Transformer). `$fit` is a doctest
/// expression giving a model with centres `[[0.5], [10.5]]` from
/// `x = [[0], [1], [10], [11]]`.
macro_rules! centre_model {
    ($ty:ident, $context:expr, |$model:ident| $n_jobs:expr, $fit:literal) => {
        impl<F: crate::float::Float> $ty<F> {
            /// The centres, one per row (`n_clusters × n_features`;
            /// scikit-learn's `cluster_centers_`).
            ///
            /// # Example
            /// ```
            /// # use learnkit::prelude::*;
            /// let x = ndarray::array![[0.0], [1.0], [10.0], [11.0]];
            #[doc = concat!("let model = ", $fit, ";")]
            /// assert_eq!(model.cluster_centers(), &ndarray::array![[0.5], [10.5]]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn cluster_centers(&self) -> &ndarray::Array2<F> {
                &self.cluster_centers
            }

            /// The number of features seen in fit.
            ///
            /// # Example
            /// ```
            /// # use learnkit::prelude::*;
            /// let x = ndarray::array![[0.0], [1.0], [10.0], [11.0]];
            #[doc = concat!("let model = ", $fit, ";")]
            /// assert_eq!(model.n_features_in(), 1);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn n_features_in(&self) -> usize {
                self.cluster_centers.ncols()
            }

            /// The nearest centre of each row of `x` (scikit-learn's `predict`).
            ///
            /// # Errors
            /// [`Error::FeatureCountMismatch`](crate::Error::FeatureCountMismatch)
            /// for another number of features; empty or non-finite `x`.
            ///
            /// # Example
            /// ```
            /// # use learnkit::prelude::*;
            /// let x = ndarray::array![[0.0], [1.0], [10.0], [11.0]];
            #[doc = concat!("let model = ", $fit, ";")]
            /// assert_eq!(model.predict(ndarray::array![[2.0], [8.0]].view())?, ndarray::array![0, 1]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn predict(&self, x: ndarray::ArrayView2<'_, F>) -> crate::Result<ndarray::Array1<i64>> {
                let $model = self;
                $crate::cluster::kmeans::fitted::nearest($context, $n_jobs, x, &self.cluster_centers)
            }

            /// The opposite of the (weighted) inertia of `x` against the
            /// centres (scikit-learn's `score`): higher is better.
            ///
            /// # Errors
            /// As [`predict`](Self::predict), and bad sample weights.
            ///
            /// # Example
            /// ```
            /// # use learnkit::prelude::*;
            /// use ndarray::array;
            /// let x = array![[0.0], [1.0], [10.0], [11.0]];
            #[doc = concat!("let model = ", $fit, ";")]
            /// assert_eq!(model.score(x.view(), None)?, -1.0);
            /// assert_eq!(model.score(array![[2.0]].view(), Some(array![2.0].view()))?, -4.5);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn score(
                &self,
                x: ndarray::ArrayView2<'_, F>,
                sample_weight: Option<ndarray::ArrayView1<'_, F>>,
            ) -> crate::Result<F> {
                let $model = self;
                $crate::cluster::kmeans::fitted::score($context, $n_jobs, x, sample_weight, &self.cluster_centers)
            }
        }

        impl<F: crate::float::Float> crate::traits::Clusterer for $ty<F> {
            fn labels(&self) -> ndarray::ArrayView1<'_, i64> {
                self.labels.view()
            }
        }

        impl<F: crate::float::Float> crate::traits::Transformer<F> for $ty<F> {
            /// The Euclidean distance of each row to each centre
            /// (`n_samples × n_clusters`), as scikit-learn's `transform`.
            fn transform(&self, x: ndarray::ArrayView2<'_, F>) -> crate::Result<ndarray::Array2<F>> {
                let $model = self;
                $crate::cluster::kmeans::fitted::distances($context, $n_jobs, x, &self.cluster_centers)
            }
        }
    };
}

#[cfg(feature = "serde")]
mod distributed;
mod elkan;
mod estimator;
mod fitted;
mod init;
mod label_pass;
// k-means++ seeds for GaussianMixture's `KMeansPlusPlus` initialisation.
pub(crate) use init::kmeans_plusplus;
mod lloyd;
mod minibatch;
mod step;

pub use fitted::FittedKMeans;
pub use minibatch::{FittedMiniBatchKMeans, MiniBatchKMeans};

use ndarray::Array2;

/// How the first centres are chosen (scikit-learn's `init`).
///
/// # Example
/// ```
/// use learnkit::cluster::{KMeans, KMeansInit};
/// let kmeans = KMeans::default().init(KMeansInit::Random);
/// assert_eq!(kmeans.init, KMeansInit::Random);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum KMeansInit {
    /// k-means++ (Arthur & Vassilvitskii, 2007) with scikit-learn's greedy
    /// local trials: `2 + ⌊ln k⌋` candidates per centre, sampled by squared
    /// distance × sample weight, keeping the one that lowers the inertia most.
    #[default]
    KMeansPlusPlus,
    /// `n_clusters` distinct rows drawn with probability proportional to
    /// their sample weight.
    Random,
    /// These centres (`n_clusters × n_features`); one run whatever `n_init`.
    Array(Array2<f64>),
}

/// How many initialisations to run, keeping the lowest inertia
/// (scikit-learn's `n_init`).
///
/// # Example
/// ```
/// use learnkit::cluster::{KMeans, NInit};
/// assert_eq!(KMeans::default().n_init, NInit::Auto);
/// assert_eq!(KMeans::default().n_init(3).n_init, NInit::Count(3));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum NInit {
    /// scikit-learn ≥ 1.4's `"auto"`: one run for k-means++ or an explicit
    /// array, 10 (KMeans) or 3 (MiniBatchKMeans) for random rows.
    #[default]
    Auto,
    /// This many runs (at least 1; an explicit array runs once).
    Count(usize),
}

from_values!(NInit in "learnkit::cluster" { usize => Count = 4; });

impl NInit {
    /// The number of runs for `init`, with `random_runs` for `Auto` and random rows.
    pub(crate) fn resolve(self, init: &KMeansInit, random_runs: usize) -> usize {
        match (init, self) {
            (KMeansInit::Array(_), _) => 1,
            (KMeansInit::Random, NInit::Auto) => random_runs,
            (_, NInit::Auto) => 1,
            (_, NInit::Count(n)) => n,
        }
    }
}

/// The k-means algorithm (scikit-learn's `algorithm`).
///
/// # Example
/// ```
/// use learnkit::cluster::{KMeans, KMeansAlgorithm};
/// assert_eq!(KMeans::default().algorithm, KMeansAlgorithm::Lloyd);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum KMeansAlgorithm {
    /// Expectation–maximisation: every row against every centre, by a
    /// chunked GEMM, each iteration.
    #[default]
    Lloyd,
    /// Elkan's variant: the triangle inequality skips most distances once
    /// the centres move little; memory `n_samples × n_clusters` for the
    /// bounds. One cluster falls back to Lloyd (as scikit-learn).
    Elkan,
}

/// K-means clustering: `n_clusters` centres that minimise the (weighted)
/// sum of squared distances of the rows to their nearest centre.
///
/// Follows scikit-learn's `KMeans`: the data are centred for the
/// computation, each run stops when the labels no longer change ("strict
/// convergence") or when the squared centre shift is at most
/// `tol × mean of the per-feature variances`, a final assignment step then
/// makes the labels agree with the centres, and an empty cluster is moved
/// to the row farthest from its centre. From the same initial array the
/// centres, labels, inertia and iteration count equal scikit-learn's (to
/// rounding); k-means++ and random rows use this crate's generator, so a
/// given seed gives other (equally good on average) centres.
///
/// Rows are processed in fixed parts in parallel and the partial sums
/// combined in order, so any `n_jobs` gives bit-identical centres.
///
/// # Hyperparameters
/// - `n_clusters` (default 8), `init` ([`KMeansInit::KMeansPlusPlus`]),
///   `n_init` ([`NInit::Auto`]), `max_iter` (300), `tol` (1e-4),
///   `algorithm` ([`KMeansAlgorithm::Lloyd`]), `random_state` (`None`),
///   `n_jobs` (`None`: every core).
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for
/// `n_clusters` 0, `max_iter` 0, a negative or non-finite `tol`,
/// `n_init` 0, an initial array of the wrong shape or with non-finite
/// values; [`Error::InvalidInput`](crate::Error::InvalidInput) for fewer
/// rows than clusters or bad sample weights; the usual data errors.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::cluster::KMeans;
///
/// let iris = learnkit::datasets::load_iris();
/// let kmeans = KMeans::default().n_clusters(3).random_state(0).fit_unsupervised(iris.data.view())?;
/// assert!((kmeans.inertia() - 78.85).abs() < 0.1);
/// assert_eq!(kmeans.transform(iris.data.view())?.dim(), (150, 3));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct KMeans {
    /// The number of clusters (at least 1, at most the number of rows).
    pub n_clusters: usize,
    /// How the first centres are chosen.
    pub init: KMeansInit,
    /// How many initialisations to run.
    pub n_init: NInit,
    /// The most iterations of a run (at least 1).
    pub max_iter: usize,
    /// Relative tolerance on the centres' squared shift (at least 0).
    pub tol: f64,
    /// Lloyd or Elkan.
    pub algorithm: KMeansAlgorithm,
    /// Seed of the initialisation (`None`: fresh entropy).
    pub random_state: Option<u64>,
    /// Threads (`None`: every core).
    pub n_jobs: Option<usize>,
}

impl Default for KMeans {
    fn default() -> Self {
        KMeans {
            n_clusters: 8,
            init: KMeansInit::KMeansPlusPlus,
            n_init: NInit::Auto,
            max_iter: 300,
            tol: 1e-4,
            algorithm: KMeansAlgorithm::Lloyd,
            random_state: None,
            n_jobs: None,
        }
    }
}

setters!(KMeans in "learnkit::cluster" {
    n_clusters: usize = 3;
    init: KMeansInit = learnkit::cluster::KMeansInit::Random;
    max_iter: usize = 100;
    tol: f64 = 1e-6;
    algorithm: KMeansAlgorithm = learnkit::cluster::KMeansAlgorithm::Elkan;
    n_jobs: Option<usize> = Some(1);
} into {
    n_init: NInit = 4 => learnkit::cluster::NInit::Count(4);
} optional {
});
random_state_setter!(KMeans in "learnkit::cluster");
