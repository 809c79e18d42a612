//! The three solvers, each giving the components and their variances; the
//! sign rule and the component count are applied once, in [`finish`].

use super::super::centered::{centered_gram, centered_qr_r, column_means, total_squares};
use super::super::randomized::RandomizedSvd;
use super::super::signs::flip_signs;
use super::{FittedPCA, IteratedPower, NAME, NComponents, PCA, SvdSolver};
use crate::alloc::check_fits_values;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::linalg::{symmetric_eigen, thin_svd};
use crate::parallel::fixed_row_parts;
use ndarray::{Array1, Array2, ArrayView2, Axis, s};

/// Fits with `solver` (already resolved from `Auto`).
pub(super) fn fit<F: Float>(params: &PCA, solver: SvdSolver, x: ArrayView2<'_, F>) -> Result<FittedPCA<F>> {
    let (n, d) = x.dim();
    let mean = column_means(x);
    let dof = F::cast((n - 1) as f64);
    let (explained_variance, singular_values, components, total_variance) = match solver {
        SvdSolver::CovarianceEigh => {
            // d × d matrices: one accumulator per row part, the covariance,
            // and the eigensolver's vectors, workspace and copies (4). With
            // many features this is the one allocation of PCA that can
            // exceed memory (10 × 100,000 needs 80 GB per matrix).
            let matrices = fixed_row_parts(n).len() + 4;
            check_fits_values::<F>(
                NAME,
                || format!("the covariance of {d} features ({matrices} matrices of {d} × {d})"),
                &[matrices, d, d],
            )?;
            let covariance = centered_gram(x, mean.view())? / dof;
            let (values, vectors) = symmetric_eigen(covariance.view())?;
            // faer gives ascending eigenvalues; round-off can make tiny ones negative.
            let variance: Array1<F> = values.iter().rev().map(|&v| v.max(F::zero())).collect();
            let components = vectors.slice(s![.., ..;-1]).t().to_owned();
            let singular = variance.mapv(|v| (v * dof).sqrt());
            let total = variance.sum();
            (variance, singular, components, total)
        }
        SvdSolver::Full => {
            let (singular, _, components) = if n >= d {
                // The SVD of R (d × d) from A = QR has A's singular values and right vectors.
                thin_svd(centered_qr_r(x, mean.view()).view(), false)?
            } else {
                let mut centered = x.to_owned();
                centered.axis_iter_mut(Axis(0)).for_each(|mut row| row -= &mean);
                thin_svd(centered.view(), false)?
            };
            let variance = singular.mapv(|s| s * s / dof);
            let total = variance.sum();
            (variance, singular, components, total)
        }
        SvdSolver::Randomized | SvdSolver::Auto => {
            // scikit-learn keeps min(n_samples, n_features) components for
            // `None` with this solver too. A variance fraction is refused by
            // `validate()`; it is an error here as well, not a panic path.
            let k = match params.n_components {
                NComponents::Count(k) => k,
                NComponents::All => n.min(d),
                NComponents::VarianceFraction(f) => {
                    return Err(Error::invalid_parameter(
                        NAME,
                        "n_components",
                        "a count or All with svd_solver = Randomized (a variance fraction needs an exact solver)",
                        f,
                    ));
                }
            };
            let n_iter = match params.iterated_power {
                IteratedPower::Auto if (k as f64) < 0.1 * n.min(d) as f64 => 7,
                IteratedPower::Auto => 4,
                IteratedPower::Count(c) => c,
            };
            let (singular, components) = RandomizedSvd {
                n_components: k,
                n_oversamples: params.n_oversamples,
                n_iter,
                normalizer: params.power_iteration_normalizer,
                random_state: params.random_state,
            }
            .run(x, mean.view())?;
            let variance = singular.mapv(|s| s * s / dof);
            (variance, singular, components, total_squares(x, mean.view()) / dof)
        }
    };
    Ok(finish(
        params,
        solver,
        n,
        mean,
        explained_variance,
        singular_values,
        components,
        total_variance,
    ))
}

/// Flips signs, picks the number of components and derives the ratios and
/// the noise variance, as scikit-learn does for every solver.
#[allow(clippy::too_many_arguments)]
fn finish<F: Float>(
    params: &PCA,
    solver: SvdSolver,
    n_samples: usize,
    mean: Array1<F>,
    explained_variance: Array1<F>,
    singular_values: Array1<F>,
    mut components: Array2<F>,
    total_variance: F,
) -> FittedPCA<F> {
    let d = mean.len();
    let smaller = n_samples.min(d);
    flip_signs(&mut components);
    let ratio = explained_variance.mapv(|v| v / total_variance);
    let available = explained_variance.len();
    let k = match params.n_components {
        NComponents::All => smaller,
        NComponents::Count(k) => k,
        NComponents::VarianceFraction(f) => {
            // scikit-learn: searchsorted(cumsum(ratio), f, side="right") + 1.
            let mut cumulative = 0.0;
            let below = ratio
                .iter()
                .take_while(|&&r| {
                    cumulative += r.as_f64();
                    cumulative <= f
                })
                .count();
            below + 1
        }
    }
    .min(available);
    let noise_variance = match solver {
        SvdSolver::Randomized | SvdSolver::Auto if k < smaller => {
            (total_variance - explained_variance.sum()) / F::cast((smaller - k) as f64)
        }
        _ if k < smaller => explained_variance.slice(s![k..]).mean().unwrap_or_else(F::zero),
        _ => F::zero(),
    };
    let components = components.slice(s![..k, ..]).to_owned();
    let offset = -components.dot(&mean);
    FittedPCA {
        offset,
        solver,
        whiten: params.whiten,
        n_jobs: params.n_jobs,
        n_samples,
        mean,
        components,
        explained_variance: explained_variance.slice(s![..k]).to_owned(),
        explained_variance_ratio: ratio.slice(s![..k]).to_owned(),
        singular_values: singular_values.slice(s![..k]).to_owned(),
        noise_variance,
    }
}
