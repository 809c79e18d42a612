//! The initial responsibilities of an EM run (scikit-learn's
//! `BaseMixture._initialize_parameters`): from a k-means clustering, from
//! k-means++ seeds, random, or random samples of the data.

use crate::error::Result;
use ndarray::{Array2, ArrayView2};
use rand::Rng;
use rand::rngs::StdRng;

/// How the responsibilities are initialised (scikit-learn's `init_params`).
///
/// # Example
/// ```
/// use learnkit::mixture::InitParams;
/// assert_eq!(InitParams::default(), InitParams::KMeans);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum InitParams {
    /// Each sample fully in its cluster of one
    /// `KMeans(n_components, n_init = 1)` run (scikit-learn's `"kmeans"`).
    #[default]
    KMeans,
    /// Each k-means++ seed fully in its own component, the other samples in
    /// none (scikit-learn's `"k-means++"`).
    KMeansPlusPlus,
    /// Uniform random responsibilities, normalised per sample (`"random"`).
    Random,
    /// `n_components` distinct random samples, each fully in its own
    /// component (`"random_from_data"`).
    RandomFromData,
}

/// The initial `n × k` responsibilities.
pub(crate) fn initial_resp(
    context: &'static str,
    init: InitParams,
    x: ArrayView2<'_, f64>,
    k: usize,
    rng: &mut StdRng,
) -> Result<Array2<f64>> {
    let n = x.nrows();
    match init {
        InitParams::Random => {
            // Row-major draws, as numpy's `uniform(size=(n, k))`.
            let mut resp = Array2::from_shape_simple_fn((n, k), || rng.random::<f64>());
            for mut row in resp.rows_mut() {
                let sum = row.sum();
                row /= sum;
            }
            Ok(resp)
        }
        InitParams::RandomFromData => {
            let mut resp = Array2::zeros((n, k));
            for (c, i) in rand::seq::index::sample(rng, n, k).into_iter().enumerate() {
                resp[[i, c]] = 1.0;
            }
            Ok(resp)
        }
        InitParams::KMeans | InitParams::KMeansPlusPlus => kmeans_resp(context, init, x, k, rng),
    }
}

/// Responsibilities from k-means: not available until `crate::cluster::KMeans`
/// is in the crate, except for one component (every sample in it, whatever
/// k-means would do).
fn kmeans_resp(
    context: &'static str,
    init: InitParams,
    x: ArrayView2<'_, f64>,
    k: usize,
    _rng: &mut StdRng,
) -> Result<Array2<f64>> {
    if k == 1 {
        return Ok(Array2::ones((x.nrows(), 1)));
    }
    Err(crate::error::Error::invalid_parameter(
        context,
        "init_params",
        "Random or RandomFromData, or explicit weights_init, means_init and precisions_init \
         (the k-means initialisations need KMeans, not yet in this build)",
        init,
    ))
}
