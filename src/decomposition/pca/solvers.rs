//! The three solvers, each giving the components and their variances; the
//! sign rule and the component count are applied once, in [`finish`].

use super::super::centered::{
    centered_gram, centered_qr_r, centered_t_times, centered_times, column_means, orthonormal_basis, total_squares,
};
use super::{FittedPCA, IteratedPower, NComponents, PCA, PowerIterationNormalizer, SvdSolver};
use crate::error::Result;
use crate::float::Float;
use crate::linalg::{symmetric_eigen, thin_svd};
use crate::random::rng_from;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis, s};
use rand::Rng;
use rand_distr::StandardNormal;

/// Fits with `solver` (already resolved from `Auto`).
pub(super) fn fit<F: Float>(params: &PCA, solver: SvdSolver, x: ArrayView2<'_, F>) -> Result<FittedPCA<F>> {
    let (n, d) = x.dim();
    let mean = column_means(x);
    let dof = F::cast((n - 1) as f64);
    let (explained_variance, singular_values, components, total_variance) = match solver {
        SvdSolver::CovarianceEigh => {
            let covariance = centered_gram(x, mean.view()) / dof;
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
            let NComponents::Count(k) = params.n_components else {
                unreachable!("validate() allows only a count with the randomized solver, and Auto picks it only then")
            };
            let (singular, components) = randomized(params, k, x, mean.view())?;
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

/// scikit-learn's `svd_flip(u_based_decision=False)`: each component's
/// largest entry in absolute value (the first such) becomes positive.
fn flip_signs<F: Float>(components: &mut Array2<F>) {
    for mut row in components.axis_iter_mut(Axis(0)) {
        let mut largest = F::zero();
        let mut sign = F::one();
        for &v in row.iter() {
            if v.abs() > largest {
                largest = v.abs();
                sign = if v < F::zero() { -F::one() } else { F::one() };
            }
        }
        row.mapv_inplace(|v| v * sign);
    }
}

/// Halko et al.'s randomized SVD of the centred data, as scikit-learn's
/// `_randomized_svd` (transposing when columns outnumber rows): the top `k`
/// singular values and right singular vectors.
fn randomized<F: Float>(
    params: &PCA,
    k: usize,
    x: ArrayView2<'_, F>,
    mean: ArrayView1<'_, F>,
) -> Result<(Array1<F>, Array2<F>)> {
    let (n, d) = x.dim();
    let smaller = n.min(d);
    // More random directions than the smaller side add nothing but rank deficiency.
    let width = (k + params.n_oversamples).min(smaller);
    let n_iter = match params.iterated_power {
        IteratedPower::Auto if (k as f64) < 0.1 * smaller as f64 => 7,
        IteratedPower::Auto => 4,
        IteratedPower::Count(c) => c,
    };
    let normalize = match params.power_iteration_normalizer {
        PowerIterationNormalizer::Auto => n_iter > 2,
        PowerIterationNormalizer::Qr => true,
        PowerIterationNormalizer::None => false,
    };
    // M is the centred data, or its transpose when it is wide.
    let transpose = n < d;
    let m_times = |q: ArrayView2<'_, F>| {
        if transpose {
            centered_t_times(x, mean, q)
        } else {
            centered_times(x, mean, q)
        }
    };
    let m_t_times = |y: ArrayView2<'_, F>| {
        if transpose {
            centered_times(x, mean, y)
        } else {
            centered_t_times(x, mean, y)
        }
    };
    let m_cols = if transpose { n } else { d };
    let mut rng = rng_from(params.random_state);
    let mut q = Array2::from_shape_simple_fn((m_cols, width), || F::cast(rng.sample::<f64, _>(StandardNormal)));
    for _ in 0..n_iter {
        let y = m_times(q.view());
        let y = if normalize { orthonormal_basis(y.view()) } else { y };
        let z = m_t_times(y.view());
        q = if normalize { orthonormal_basis(z.view()) } else { z };
    }
    let basis = orthonormal_basis(m_times(q.view()).view());
    let small = m_t_times(basis.view()).reversed_axes();
    let (singular, u_small, vt_small) = thin_svd(small.view(), transpose)?;
    let components = if transpose {
        let u = basis.dot(&u_small.expect("asked for u"));
        u.slice(s![.., ..k]).t().to_owned()
    } else {
        vt_small.slice(s![..k, ..]).to_owned()
    };
    Ok((singular.slice(s![..k]).to_owned(), components))
}
