//! Synthetic data generators: [`MakeClassification`], [`MakeBlobs`] and
//! [`MakeRegression`], scikit-learn's `make_classification`, `make_blobs` and
//! `make_regression`.
//!
//! Each generator is a builder whose `Default` holds scikit-learn's defaults;
//! `generate()` checks the parameters and draws the data. The algorithms are
//! scikit-learn's, step by step, so the structure and statistics of the data
//! are the same; the numbers are not, because the random generator is rand's
//! `StdRng` seeded with `random_state`, not numpy's Mersenne Twister. The
//! same seed always gives the same data.

use crate::error::{Error, Result};
use crate::validation::check_param;
use ndarray::{Array1, Array2, Axis, s};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand_distr::StandardNormal;

/// A matrix of independent standard normal draws, filled row by row.
fn standard_normal(rng: &mut StdRng, shape: (usize, usize)) -> Array2<f64> {
    Array2::from_shape_simple_fn(shape, || rng.sample(StandardNormal))
}

/// A matrix of independent draws from `U[0, 1)`, filled row by row.
fn uniform(rng: &mut StdRng, shape: (usize, usize)) -> Array2<f64> {
    Array2::from_shape_simple_fn(shape, || rng.random::<f64>())
}

/// Checks that an `n_samples × n_features` matrix can be addressed, so that
/// a huge request is an error rather than an overflow panic in ndarray.
fn check_matrix_size(estimator: &'static str, n_samples: usize, n_features: usize) -> Result<()> {
    match n_samples.checked_mul(n_features) {
        // A size an array can have must still be granted by the allocator:
        // beyond the machine's memory it is TooLarge, not an abort.
        Some(len) if len <= isize::MAX as usize / std::mem::size_of::<f64>() => crate::alloc::check_fits_values::<f64>(
            estimator,
            || format!("an {n_samples} × {n_features} matrix"),
            &[n_samples, n_features],
        ),
        _ => Err(Error::invalid_parameter(
            estimator,
            "n_samples",
            format!("small enough that n_samples × n_features ({n_features}) f64 values fit in memory"),
            n_samples,
        )),
    }
}

/// Shuffles the rows of `x` and `y` with one permutation.
fn shuffle_rows<T: Clone>(x: &Array2<f64>, y: &Array1<T>, rng: &mut StdRng) -> (Array2<f64>, Array1<T>) {
    let mut permutation: Vec<usize> = (0..x.nrows()).collect();
    permutation.shuffle(rng);
    (x.select(Axis(0), &permutation), y.select(Axis(0), &permutation))
}

mod blobs;
mod classification;
mod regression;

pub use blobs::{BlobSamples, Centers, ClusterStd, MakeBlobs};
pub use classification::{FeatureValues, MakeClassification};
pub use regression::MakeRegression;
