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
    /// component (`"random_from_data"`). A component started on one sample
    /// can stay on it (its variance `reg_covar`), as in scikit-learn: on
    /// few samples prefer [`InitParams::KMeans`].
    RandomFromData,
}

/// The initial `n × k` responsibilities.
pub(crate) fn initial_resp(
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
        InitParams::KMeans | InitParams::KMeansPlusPlus => kmeans_resp(init, x, k, rng),
    }
}

/// Responsibilities from k-means: each sample fully in its cluster of one
/// `KMeans(n_components, n_init = 1)` run seeded from `rng` (`KMeans`), or
/// each k-means++ seed row fully in its own component (`KMeansPlusPlus`).
fn kmeans_resp(init: InitParams, x: ArrayView2<'_, f64>, k: usize, rng: &mut StdRng) -> Result<Array2<f64>> {
    use crate::cluster::{KMeans, NInit};
    use crate::traits::{Clusterer, UnsupervisedEstimator};
    let n = x.nrows();
    let mut resp = Array2::zeros((n, k));
    let seed = rng.random::<u64>();
    match init {
        InitParams::KMeansPlusPlus => {
            let norms = crate::metrics::pairwise::squared_row_norms(x);
            let ones = ndarray::Array1::<f64>::ones(n);
            let (_, seeds) = crate::cluster::kmeans_plusplus(
                x,
                norms.view(),
                ones.view(),
                k,
                &mut rand::SeedableRng::seed_from_u64(seed),
            );
            for (c, &i) in seeds.iter().enumerate() {
                resp[[i, c]] = 1.0;
            }
        }
        _ => {
            let fitted = KMeans::default()
                .n_clusters(k)
                .n_init(NInit::Count(1))
                .random_state(seed)
                .fit_unsupervised(x)?;
            for (i, &label) in fitted.labels().iter().enumerate() {
                resp[[i, label as usize]] = 1.0;
            }
        }
    }
    Ok(resp)
}
