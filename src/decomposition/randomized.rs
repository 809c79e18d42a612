//! Halko et al.'s randomized truncated SVD, shared by PCA (of the centred
//! data) and TruncatedSVD (of the data as is): every product and QR runs per
//! fixed row part, so the result does not depend on the thread count.

use super::PowerIterationNormalizer;
use super::centered::{centered_t_times, centered_times, orthonormal_basis};
use crate::error::Result;
use crate::float::Float;
use crate::linalg::{matmul, thin_svd};
use crate::random::rng_from;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, s};
use rand::Rng;
use rand_distr::StandardNormal;

/// The settings of one randomized SVD.
pub(super) struct RandomizedSvd {
    pub n_components: usize,
    pub n_oversamples: usize,
    pub n_iter: usize,
    pub normalizer: PowerIterationNormalizer,
    pub random_state: Option<u64>,
}

impl RandomizedSvd {
    /// The top singular values and right singular vectors (rows) of
    /// `x − 1·meanᵀ`, as scikit-learn's `_randomized_svd` (which works on the
    /// transpose when columns outnumber rows).
    pub(super) fn run<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        mean: ArrayView1<'_, F>,
    ) -> Result<(Array1<F>, Array2<F>)> {
        self.run_with(
            x.dim(),
            |q| Ok(centered_times(x, mean, q)),
            |y| Ok(centered_t_times(x, mean, y)),
        )
    }

    /// As [`RandomizedSvd::run`] for an `n × d` matrix `A` known only by its
    /// products `A·B` (`times`) and `Aᵀ·B` (`t_times`): a sparse matrix's
    /// SVD without densifying it. The same random draws as `run`, so a sparse
    /// and a dense matrix of the same values give the same result to
    /// rounding.
    pub(super) fn run_with<F: Float>(
        &self,
        (n, d): (usize, usize),
        times: impl Fn(ArrayView2<'_, F>) -> Result<Array2<F>>,
        t_times: impl Fn(ArrayView2<'_, F>) -> Result<Array2<F>>,
    ) -> Result<(Array1<F>, Array2<F>)> {
        let k = self.n_components;
        // More random directions than the smaller side add nothing but rank deficiency.
        let width = k.saturating_add(self.n_oversamples).min(n.min(d));
        let normalize = self.normalizer.normalizes(self.n_iter);
        // M is the matrix, or its transpose when it is wide.
        let transpose = n < d;
        let m_times = |q: ArrayView2<'_, F>| if transpose { t_times(q) } else { times(q) };
        let m_t_times = |y: ArrayView2<'_, F>| if transpose { times(y) } else { t_times(y) };
        let m_cols = if transpose { n } else { d };
        let mut rng = rng_from(self.random_state);
        let mut q = Array2::from_shape_simple_fn((m_cols, width), || F::cast(rng.sample::<f64, _>(StandardNormal)));
        for _ in 0..self.n_iter {
            let y = m_times(q.view())?;
            let y = if normalize { orthonormal_basis(y.view()) } else { y };
            let z = m_t_times(y.view())?;
            q = if normalize { orthonormal_basis(z.view()) } else { z };
        }
        let basis = orthonormal_basis(m_times(q.view())?.view());
        let small = m_t_times(basis.view())?.reversed_axes();
        let (singular, u_small, vt_small) = thin_svd(small.view(), transpose)?;
        let components = if transpose {
            let u_small = u_small.expect("asked for u");
            let mut u = Array2::<F>::zeros((basis.nrows(), u_small.ncols()));
            matmul(u.view_mut(), basis.view(), u_small.view(), false);
            u.slice(s![.., ..k]).t().to_owned()
        } else {
            vt_small.slice(s![..k, ..]).to_owned()
        };
        Ok((singular.slice(s![..k]).to_owned(), components))
    }
}
