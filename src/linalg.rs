//! Zero-copy views between ndarray and faer, and the dense products the
//! estimators use (faer's GEMM, run per fixed row chunk by the callers).

use crate::error::{Error, Result};
use crate::float::Float;
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::matmul::triangular::BlockStructure;
use faer::linalg::svd::ComputeSvdVectors;
use faer::{Accum, Mat, MatMut, MatRef, Par};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut2, Axis};
use rayon::prelude::*;

/// Views an ndarray matrix as a faer matrix without copying.
pub(crate) fn as_faer<'a, F: Float>(x: ArrayView2<'a, F>) -> MatRef<'a, F> {
    let (rows, cols) = x.dim();
    let strides = x.strides();
    // SAFETY: the pointer, dimensions and strides come from a live ndarray
    // view of the same lifetime; ndarray strides are in elements, as faer's.
    unsafe { MatRef::from_raw_parts(x.as_ptr(), rows, cols, strides[0], strides[1]) }
}

/// Views a mutable ndarray matrix as a mutable faer matrix without copying.
pub(crate) fn as_faer_mut<'a, F: Float>(mut x: ArrayViewMut2<'a, F>) -> MatMut<'a, F> {
    let (rows, cols) = x.dim();
    let strides = x.strides().to_owned();
    let ptr = x.as_mut_ptr();
    // SAFETY: as in `as_faer`; the view is unique for 'a, so the faer view is too.
    unsafe { MatMut::from_raw_parts_mut(ptr, rows, cols, strides[0], strides[1]) }
}

/// `dst = a · b` (or `dst += a · b` when `accumulate`), with faer's GEMM on
/// the calling thread; `a` and `b` may be transposed views (`x.t()`), which
/// costs nothing.
///
/// For callers that parallelise over fixed-size row chunks themselves: faer's
/// parallel matrix-vector products split the reduction dimension across
/// threads, so their rounding (and thus the result's last bits) depends on the
/// thread count; a sequential product per fixed chunk does not.
pub(crate) fn matmul<F: Float>(
    dst: ArrayViewMut2<'_, F>,
    a: ArrayView2<'_, F>,
    b: ArrayView2<'_, F>,
    accumulate: bool,
) {
    let accum = if accumulate { Accum::Add } else { Accum::Replace };
    faer::linalg::matmul::matmul(
        as_faer_mut(dst),
        accum,
        as_faer(a),
        as_faer(b),
        F::one(),
        faer::Par::Seq,
    );
}

/// Copies a faer matrix into a new ndarray matrix.
pub(crate) fn to_ndarray<F: Float>(m: MatRef<'_, F>) -> Array2<F> {
    Array2::from_shape_fn((m.nrows(), m.ncols()), |(i, j)| m[(i, j)])
}

/// Singular values, left vectors (when asked) and right vectors (as rows).
pub(crate) type Svd<F> = (Array1<F>, Option<Array2<F>>, Array2<F>);

/// The thin SVD `a = u · diag(s) · vt` on the calling thread (faer's
/// parallel SVD is not guaranteed to round the same way on every thread
/// count); singular values in non-increasing order. `u` only when asked.
pub(crate) fn thin_svd<F: Float>(a: ArrayView2<'_, F>, want_u: bool) -> Result<Svd<F>> {
    let (m, n) = a.dim();
    let k = m.min(n);
    let mut s = faer::diag::Diag::<F>::zeros(k);
    let mut u = want_u.then(|| Mat::<F>::zeros(m, k));
    let mut v = Mat::<F>::zeros(n, k);
    let compute_u = if want_u {
        ComputeSvdVectors::Thin
    } else {
        ComputeSvdVectors::No
    };
    let scratch =
        faer::linalg::svd::svd_scratch::<F>(m, n, compute_u, ComputeSvdVectors::Thin, Par::Seq, Default::default());
    faer::linalg::svd::svd(
        as_faer(a),
        s.as_mut(),
        u.as_mut().map(|u| u.as_mut()),
        Some(v.as_mut()),
        Par::Seq,
        MemStack::new(&mut MemBuffer::new(scratch)),
        Default::default(),
    )
    .map_err(|_| Error::NotConverged {
        context: "SVD".into(),
        message: "the singular value decomposition did not converge".into(),
    })?;
    let s = Array1::from_iter(s.column_vector().iter().copied());
    Ok((s, u.map(|u| to_ndarray(u.as_ref())), to_ndarray(v.as_ref().transpose())))
}

/// Eigenvalues (non-decreasing) and eigenvectors (columns) of the symmetric
/// matrix `a`, of which only the lower triangle is read; on the calling thread.
pub(crate) fn symmetric_eigen<F: Float>(a: ArrayView2<'_, F>) -> Result<(Array1<F>, Array2<F>)> {
    let n = a.nrows();
    let mut s = faer::diag::Diag::<F>::zeros(n);
    let mut u = Mat::<F>::zeros(n, n);
    let scratch = faer::linalg::evd::self_adjoint_evd_scratch::<F>(
        n,
        faer::linalg::evd::ComputeEigenvectors::Yes,
        Par::Seq,
        Default::default(),
    );
    faer::linalg::evd::self_adjoint_evd(
        as_faer(a),
        s.as_mut(),
        Some(u.as_mut()),
        Par::Seq,
        MemStack::new(&mut MemBuffer::new(scratch)),
        Default::default(),
    )
    .map_err(|_| Error::NotConverged {
        context: "eigendecomposition".into(),
        message: "the symmetric eigendecomposition did not converge".into(),
    })?;
    Ok((
        Array1::from_iter(s.column_vector().iter().copied()),
        to_ndarray(u.as_ref()),
    ))
}

/// The `R` factor (`min(m, n) × n`, upper triangular) of the QR
/// decomposition of `a`, computed in place in `a` on the calling thread.
pub(crate) fn qr_r<F: Float>(a: Array2<F>) -> Array2<F> {
    qr(a, false).1
}

/// The thin QR decomposition `a = q · r` on the calling thread: `q` is
/// `m × min(m, n)` with orthonormal columns (Householder, so also for a
/// rank-deficient `a`), `r` is `min(m, n) × n` upper triangular.
pub(crate) fn qr_thin<F: Float>(a: Array2<F>) -> (Array2<F>, Array2<F>) {
    let (q, r) = qr(a, true);
    (q.expect("asked for q"), r)
}

fn qr<F: Float>(mut a: Array2<F>, want_q: bool) -> (Option<Array2<F>>, Array2<F>) {
    let (m, n) = a.dim();
    let k = m.min(n);
    if k == 0 {
        return (want_q.then(|| Array2::zeros((m, 0))), Array2::zeros((0, n)));
    }
    let block = faer::linalg::qr::no_pivoting::factor::recommended_block_size::<F>(m, n);
    let mut coeff = Mat::<F>::zeros(block, k);
    let scratch =
        faer::linalg::qr::no_pivoting::factor::qr_in_place_scratch::<F>(m, n, block, Par::Seq, Default::default());
    faer::linalg::qr::no_pivoting::factor::qr_in_place(
        as_faer_mut(a.view_mut()),
        coeff.as_mut(),
        Par::Seq,
        MemStack::new(&mut MemBuffer::new(scratch)),
        Default::default(),
    );
    let r = Array2::from_shape_fn((k, n), |(i, j)| if j >= i { a[[i, j]] } else { F::zero() });
    let q = want_q.then(|| {
        let mut q = Array2::<F>::zeros((m, k));
        q.diag_mut().fill(F::one());
        let scratch =
            faer::linalg::householder::apply_block_householder_sequence_on_the_left_in_place_scratch::<F>(m, block, k);
        faer::linalg::householder::apply_block_householder_sequence_on_the_left_in_place_with_conj(
            as_faer(a.slice(ndarray::s![.., ..k])),
            coeff.as_ref(),
            faer::Conj::No,
            as_faer_mut(q.view_mut()),
            Par::Seq,
            MemStack::new(&mut MemBuffer::new(scratch)),
        );
        q
    });
    (q, r)
}

/// Adds the lower triangle (diagonal included) of `aᵀ·a` to `out`'s, on the
/// calling thread, with faer's triangular product (half the work of a full
/// GEMM); the strict upper triangle is left as it is.
pub(crate) fn gram_lower_add<F: Float>(out: ArrayViewMut2<'_, F>, a: ArrayView2<'_, F>) {
    faer::linalg::matmul::triangular::matmul(
        as_faer_mut(out),
        BlockStructure::TriangularLower,
        Accum::Add,
        as_faer(a.t()),
        BlockStructure::Rectangular,
        as_faer(a),
        BlockStructure::Rectangular,
        F::one(),
        Par::Seq,
    );
}

/// Copies the strict lower triangle of the square `m` onto its upper one.
pub(crate) fn mirror_lower<F: Float>(m: &mut Array2<F>) {
    for i in 0..m.nrows() {
        for j in i + 1..m.ncols() {
            m[[i, j]] = m[[j, i]];
        }
    }
}

/// Rows per block of [`linear_scores`] (one block runs on the calling
/// thread: see [`with_n_jobs_rows`](crate::parallel::with_n_jobs_rows)).
pub(crate) const LINEAR_SCORE_ROWS: usize = 1024;

/// `x·coefᵀ + intercept` into `out` (`n × k`), in parallel over fixed
/// blocks of [`LINEAR_SCORE_ROWS`] rows.
///
/// Each output is one dot product of a row of `x` with a row of `coef`, so a
/// row's outputs do not depend on the batch it comes in (a GEMM takes
/// another path for a single row and can differ in the last bit): what
/// predictions and transforms need.
pub(crate) fn linear_scores<F: Float>(
    x: ArrayView2<'_, F>,
    coef: ArrayView2<'_, F>,
    intercept: ArrayView1<'_, F>,
    mut out: ArrayViewMut2<'_, F>,
) {
    let block = |mut out_rows: ArrayViewMut2<'_, F>, rows: ArrayView2<'_, F>| {
        for (mut scores, row) in out_rows.outer_iter_mut().zip(rows.outer_iter()) {
            for ((score, coef_row), &b) in scores.iter_mut().zip(coef.outer_iter()).zip(intercept.iter()) {
                *score = row.dot(&coef_row) + b;
            }
        }
    };
    // One block: here, not on a pool (a one-row prediction would wait for
    // another thread longer than it computes).
    if x.nrows() <= LINEAR_SCORE_ROWS {
        return block(out, x);
    }
    out.axis_chunks_iter_mut(Axis(0), LINEAR_SCORE_ROWS)
        .into_par_iter()
        .zip(x.axis_chunks_iter(Axis(0), LINEAR_SCORE_ROWS).into_par_iter())
        .for_each(|(out_rows, rows)| block(out_rows, rows));
}

/// Solves `a · x = b` for a symmetric positive definite `a` (only its lower
/// triangle is read) by Cholesky on the calling thread, in place in `b`;
/// `None` when `a` is not numerically positive definite (the caller falls
/// back to an SVD, as scikit-learn's ridge does on a `LinAlgError`).
pub(crate) fn cholesky_solve(mut a: Array2<f64>, mut b: Array2<f64>) -> Option<Array2<f64>> {
    use faer::linalg::cholesky::llt;
    let n = a.nrows();
    let scratch = llt::factor::cholesky_in_place_scratch::<f64>(n, Par::Seq, Default::default());
    llt::factor::cholesky_in_place(
        as_faer_mut(a.view_mut()),
        Default::default(),
        Par::Seq,
        MemStack::new(&mut MemBuffer::new(scratch)),
        Default::default(),
    )
    .ok()?;
    let k = b.ncols();
    let scratch = llt::solve::solve_in_place_scratch::<f64>(n, k, Par::Seq);
    llt::solve::solve_in_place(
        as_faer(a.view()),
        as_faer_mut(b.view_mut()),
        Par::Seq,
        MemStack::new(&mut MemBuffer::new(scratch)),
    );
    b.iter().all(|v| v.is_finite()).then_some(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};

    #[test]
    fn matmul_matches_ndarray_dot_including_transposed_views() {
        let a = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
        let b = array![[1.0, 0.5], [-1.0, 2.0], [0.0, 3.0]];
        let mut out = Array2::<f64>::zeros((2, 2));
        matmul(out.view_mut(), a.view(), b.view(), false);
        assert_eq!(out, a.dot(&b));
        let mut out_t = Array2::<f64>::ones((3, 3));
        matmul(out_t.view_mut(), a.t(), a.view(), true);
        assert_eq!(out_t, a.t().dot(&a) + 1.0);
    }

    #[test]
    fn linear_scores_add_the_intercept() {
        let x = array![[1.0, 2.0], [3.0, 4.0]];
        let coef = array![[1.0, -1.0]];
        let mut out = Array2::zeros((2, 1));
        linear_scores(x.view(), coef.view(), Array1::from(vec![0.5]).view(), out.view_mut());
        assert_eq!(out, array![[-0.5], [-0.5]]);
    }

    fn tall() -> Array2<f64> {
        Array2::from_shape_fn((9, 4), |(i, j)| {
            ((i * 7 + j * 3) % 11) as f64 - 5.0 + (i * j) as f64 * 0.1
        })
    }

    #[test]
    fn thin_svd_reconstructs_and_orders_singular_values() {
        let a = tall();
        let (s, u, vt) = thin_svd(a.view(), true).unwrap();
        let u = u.unwrap();
        let rebuilt = (&u * &s).dot(&vt);
        assert!((&rebuilt - &a).iter().all(|d| d.abs() < 1e-12));
        assert!(s.windows(2).into_iter().all(|w| w[0] >= w[1]));
        let (s2, none, _) = thin_svd(a.view(), false).unwrap();
        assert!(none.is_none() && (&s2 - &s).iter().all(|d| d.abs() < 1e-12));
    }

    #[test]
    fn gram_qr_and_eigen_agree_with_the_svd() {
        let a = tall();
        let mut g = Array2::zeros((a.ncols(), a.ncols()));
        gram_lower_add(g.view_mut(), a.view());
        mirror_lower(&mut g);
        assert!((&g - &a.t().dot(&a)).iter().all(|d| d.abs() < 1e-12));
        let (vals, vecs) = symmetric_eigen(g.view()).unwrap();
        let (s, _, _) = thin_svd(a.view(), false).unwrap();
        for k in 0..4 {
            assert!((vals[3 - k] - s[k] * s[k]).abs() < 1e-9);
            let v = vecs.column(k);
            assert!((&g.dot(&v) - &(&v * vals[k])).iter().all(|d| d.abs() < 1e-9));
        }
        let r = qr_r(a.clone());
        assert!((&r.t().dot(&r) - &g).iter().all(|d| d.abs() < 1e-9));
        let (q2, r2) = qr_thin(a.clone());
        assert_eq!(r2, r);
        assert!((&q2.dot(&r2) - &a).iter().all(|d| d.abs() < 1e-9));
        assert!(
            (&q2.t().dot(&q2) - &Array2::<f64>::eye(4))
                .iter()
                .all(|d| d.abs() < 1e-12)
        );
    }

    #[test]
    fn cholesky_solve_solves_and_refuses_indefinite() {
        let a = ndarray::array![[4.0, 2.0], [2.0, 3.0]];
        let b = ndarray::array![[2.0], [1.0]];
        let x = cholesky_solve(a.clone(), b.clone()).unwrap();
        let back = a.dot(&x);
        assert!((&back - &b).iter().all(|v| v.abs() < 1e-14));
        assert!(cholesky_solve(ndarray::array![[1.0, 2.0], [2.0, 1.0]], b).is_none());
    }
}
