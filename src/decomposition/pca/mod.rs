//! [`PCA`]: principal component analysis by an exact or randomized SVD of
//! the centred data, with scikit-learn's parameters, solvers and signs.

mod fitted;
mod solvers;
#[cfg(test)]
mod tests;

pub use fitted::FittedPCA;

use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::with_n_jobs;
use crate::traits::Estimator;
use crate::validation::{check_array, check_param};
use ndarray::{ArrayView1, ArrayView2};

const NAME: &str = "PCA";

/// How many components to keep (scikit-learn's `n_components`).
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum NComponents {
    /// All of them: `min(n_samples, n_features)` (scikit-learn's `None`),
    /// with any solver (the randomized one then computes them all).
    All,
    /// A fixed number, at least 1 and at most `min(n_samples, n_features)`.
    Count(usize),
    /// As many as needed to explain more than this fraction of the variance,
    /// in `(0, 1]` (exact solvers only).
    VarianceFraction(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))] f64),
}

from_values!(NComponents in "learnkit::decomposition" { usize => Count = 30; f64 => VarianceFraction = 0.95; });

/// The SVD solver (scikit-learn's `svd_solver`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum SvdSolver {
    /// scikit-learn's rule: `CovarianceEigh` when `n_features <= 1000` and
    /// `n_samples >= 10 * n_features`; else `Full` for data up to 500 on
    /// both sides; else `Randomized` when the component count is below 80%
    /// of the smaller side; else `Full`.
    Auto,
    /// Thin SVD of the centred data (here through a parallel tall-skinny QR
    /// followed by the SVD of the small `R` factor when rows outnumber columns).
    Full,
    /// Eigendecomposition of the covariance matrix: the fast path for tall
    /// data; slightly less accurate for the smallest components.
    CovarianceEigh,
    /// Randomized truncated SVD (Halko et al., 2011), seeded by `random_state`.
    Randomized,
}

/// Power iterations of the randomized solver (scikit-learn's `iterated_power`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum IteratedPower {
    /// 7 when the component count is below 10% of the smaller side, else 4.
    Auto,
    /// This many.
    Count(usize),
}

from_values!(IteratedPower in "learnkit::decomposition" { usize => Count = 4; });

/// How the randomized solver re-normalises between power iterations.
///
/// scikit-learn's `"LU"` (its `auto` choice above two iterations) is not
/// offered: `Qr` is at least as accurate and, as a parallel tall-skinny QR,
/// as fast here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum PowerIterationNormalizer {
    /// `None` for at most two iterations, else `Qr`.
    Auto,
    /// An orthonormal basis after every product.
    Qr,
    /// No normalisation (fast; may lose accuracy with many iterations).
    None,
}

impl PowerIterationNormalizer {
    /// Whether to re-orthonormalise between the `n_iter` power iterations.
    pub(crate) fn normalizes(self, n_iter: usize) -> bool {
        match self {
            PowerIterationNormalizer::Auto => n_iter > 2,
            PowerIterationNormalizer::Qr => true,
            PowerIterationNormalizer::None => false,
        }
    }
}

/// Principal component analysis: projects the centred data on the
/// directions of largest variance, found by an SVD.
///
/// Components, explained variances and transformed data equal
/// scikit-learn's, signs included (its `svd_flip` rule: the largest entry of
/// each component in absolute value is positive). `f32` input is computed in
/// `f32` throughout. The exact solvers and the randomized solver's products
/// run on every core, bit-identically on any thread count.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::decomposition::{NComponents, PCA};
///
/// let iris = learnkit::datasets::load_iris();
/// let pca = PCA::default().n_components(NComponents::Count(2)).fit_unsupervised(iris.data.view()).unwrap();
/// let ratio = pca.explained_variance_ratio();
/// assert!((ratio[0] - 0.9246).abs() < 1e-4 && (ratio[1] - 0.0531).abs() < 1e-4);
/// assert_eq!(pca.transform(iris.data.view()).unwrap().dim(), (150, 2));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::upper_case_acronyms)]
#[non_exhaustive]
pub struct PCA {
    /// How many components to keep.
    pub n_components: NComponents,
    /// Scale the projections to unit variance.
    pub whiten: bool,
    /// Which solver.
    pub svd_solver: SvdSolver,
    /// Power iterations of the randomized solver.
    pub iterated_power: IteratedPower,
    /// Extra random directions of the randomized solver (at least 1).
    pub n_oversamples: usize,
    /// Normalisation between power iterations.
    pub power_iteration_normalizer: PowerIterationNormalizer,
    /// Seed of the randomized solver (`None`: fresh entropy).
    pub random_state: Option<u64>,
    /// Threads (`None`: every core).
    pub n_jobs: Option<usize>,
}

impl Default for PCA {
    fn default() -> Self {
        PCA {
            n_components: NComponents::All,
            whiten: false,
            svd_solver: SvdSolver::Auto,
            iterated_power: IteratedPower::Auto,
            n_oversamples: 10,
            power_iteration_normalizer: PowerIterationNormalizer::Auto,
            random_state: None,
            n_jobs: None,
        }
    }
}

setters!(PCA in "learnkit::decomposition" {
    whiten: bool = true;
    svd_solver: SvdSolver = learnkit::decomposition::SvdSolver::Full;
    n_oversamples: usize = 20;
    power_iteration_normalizer: PowerIterationNormalizer = learnkit::decomposition::PowerIterationNormalizer::Qr;
    n_jobs: Option<usize> = Some(1);
} into {
    n_components: NComponents = 30 => learnkit::decomposition::NComponents::Count(30);
    iterated_power: IteratedPower = 4 => learnkit::decomposition::IteratedPower::Count(4);
} optional {

});
random_state_setter!(PCA in "learnkit::decomposition");

impl PCA {
    fn validate(&self) -> Result<()> {
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        check_param(NAME, "n_oversamples", self.n_oversamples, ">= 1", |n| n >= 1)?;
        match self.n_components {
            NComponents::Count(0) => Err(Error::invalid_parameter(NAME, "n_components", "a count >= 1", 0)),
            NComponents::VarianceFraction(f) if !(f > 0.0 && f <= 1.0) => Err(Error::invalid_parameter(
                NAME,
                "n_components",
                "a variance fraction in (0, 1]",
                f,
            )),
            NComponents::VarianceFraction(_) if self.svd_solver == SvdSolver::Randomized => {
                Err(Error::invalid_parameter(
                    NAME,
                    "n_components",
                    "a count with svd_solver = Randomized (a variance fraction needs an exact solver)",
                    format!("{:?}", self.n_components),
                ))
            }
            _ => Ok(()),
        }
    }

    /// scikit-learn's `auto` rule, given the data's shape and the requested count.
    fn resolve_solver(&self, n_samples: usize, n_features: usize) -> SvdSolver {
        if self.svd_solver != SvdSolver::Auto {
            return self.svd_solver;
        }
        let smaller = n_samples.min(n_features);
        if n_features <= 1000 && n_samples >= 10 * n_features {
            SvdSolver::CovarianceEigh
        } else if n_samples.max(n_features) <= 500 {
            SvdSolver::Full
        } else {
            match self.n_components {
                NComponents::Count(k) if (k as f64) < 0.8 * smaller as f64 => SvdSolver::Randomized,
                _ => SvdSolver::Full,
            }
        }
    }

    fn fit_checked<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<FittedPCA<F>> {
        self.validate()?;
        check_array(NAME, x)?;
        let (n_samples, n_features) = x.dim();
        if n_samples < 2 {
            return Err(Error::invalid_input(
                NAME,
                format!("PCA needs at least 2 samples to estimate variances, got {n_samples}"),
            ));
        }
        let smaller = n_samples.min(n_features);
        if let NComponents::Count(k) = self.n_components {
            if k > smaller {
                return Err(Error::invalid_parameter(
                    NAME,
                    "n_components",
                    format!("at most min(n_samples, n_features) = {smaller}"),
                    k,
                ));
            }
        }
        let solver = self.resolve_solver(n_samples, n_features);
        with_n_jobs(self.n_jobs, || solvers::fit(self, solver, x))?
    }
}

impl<F: Float, T> Estimator<F, T> for PCA {
    type Fitted = FittedPCA<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.fit_checked(x)
    }
}
