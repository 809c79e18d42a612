//! Zero-copy views between ndarray and faer, and the dense products the
//! estimators use (faer's GEMM, run per fixed row chunk by the callers).

use crate::error::{Error, Result};
use crate::float::Float;
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::matmul::triangular::BlockStructure;
use faer::linalg::svd::ComputeSvdVectors;
use faer::{Accum, Mat, MatMut, MatRef, Par};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut2, Axis, CowArray, Ix2, ShapeBuilder};
use rayon::prelude::*;

/// `x` in `f64`: the input itself when it already is `f64` in standard or
/// column-major layout (no copy of a large matrix), else a copy converted
/// element by element in parallel (the same values on any thread count).
pub(crate) fn f64_view<'a, F: Float>(x: ArrayView2<'a, F>) -> CowArray<'a, f64, Ix2> {
    if std::any::TypeId::of::<F>() == std::any::TypeId::of::<f64>() {
        let shape = x.raw_dim();
        let ptr = x.as_ptr().cast::<f64>();
        if x.is_standard_layout() {
            // SAFETY: `F` is `f64` (same type id); the pointer and shape come
            // from a live, contiguous row-major view of lifetime 'a.
            return CowArray::from(unsafe { ArrayView2::from_shape_ptr(shape, ptr) });
        }
        if x.t().is_standard_layout() {
            // SAFETY: as above, for a contiguous column-major view.
            return CowArray::from(unsafe { ArrayView2::from_shape_ptr(shape.f(), ptr) });
        }
    }
    CowArray::from(ndarray::Zip::from(&x).par_map_collect(|v| v.as_f64()))
}

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

/// Columns per block of [`gram`]: fixed, so that the result does not
/// depend on the number of threads.
const GRAM_BLOCK: usize = 32;

/// The full Gram matrix `aᵀ·a`, in parallel over fixed blocks of
/// [`GRAM_BLOCK`] columns on the current rayon pool: block `J` computes the
/// rows from its first column down (`a[:, J..]ᵀ·a[:, J]`, half the work of
/// a full product), then the lower triangle is mirrored. Each entry is one
/// sequential GEMM reduction whatever the thread count.
pub(crate) fn gram(a: ArrayView2<'_, f64>) -> Array2<f64> {
    let p = a.ncols();
    let starts: Vec<usize> = (0..p).step_by(GRAM_BLOCK).collect();
    let blocks: Vec<Array2<f64>> = starts
        .par_iter()
        .map(|&start| {
            let end = (start + GRAM_BLOCK).min(p);
            let mut block = Array2::zeros((p - start, end - start));
            matmul(
                block.view_mut(),
                a.slice(ndarray::s![.., start..]).t(),
                a.slice(ndarray::s![.., start..end]),
                false,
            );
            block
        })
        .collect();
    let mut q = Array2::zeros((p, p));
    for (&start, block) in starts.iter().zip(&blocks) {
        let end = start + block.ncols();
        q.slice_mut(ndarray::s![start.., start..end]).assign(block);
    }
    mirror_lower(&mut q);
    q
}

/// Rows per task of [`gram_columns`]: each task sums its rows' products in
/// order and the tasks' sums are added in order, so the result does not
/// depend on the number of threads.
const GRAM_COLUMNS_TASK_ROWS: usize = 2048;

/// Rows per product inside a task of [`gram_columns`]: a block of `a`
/// (256 rows of 500 features: 1 MB) stays in cache while its gathered
/// columns are copied out of it and it is multiplied by them.
const GRAM_COLUMNS_BLOCK_ROWS: usize = 256;

/// The columns `cols` of the Gram matrix, `aᵀ·a[:, cols]` (`p × cols.len()`),
/// for callers that need only some columns of `aᵀa` (the lasso path needs
/// those of the features that ever enter).
///
/// One pass over `a`, in parallel over fixed tasks of
/// [`GRAM_COLUMNS_TASK_ROWS`] rows on the current rayon pool: each block of
/// [`GRAM_COLUMNS_BLOCK_ROWS`] rows gathers its own `cols` while it is in
/// cache and adds `blockᵀ·block[:, cols]` to its task's sum (one sequential
/// GEMM), and the tasks' sums are added in order: the same bits on any
/// thread count. (Gathering the columns of the whole of a row-major `a`
/// first would read it twice, the gather on one thread.)
pub(crate) fn gram_columns(a: ArrayView2<'_, f64>, cols: &[usize]) -> Array2<f64> {
    let p = a.ncols();
    let k = cols.len();
    let sums: Vec<Array2<f64>> = a
        .axis_chunks_iter(Axis(0), GRAM_COLUMNS_TASK_ROWS)
        .into_par_iter()
        .map(|task| {
            let mut sum = Array2::zeros((p, k).f());
            let mut gathered = Array2::zeros((GRAM_COLUMNS_BLOCK_ROWS, k).f());
            for block in task.axis_chunks_iter(Axis(0), GRAM_COLUMNS_BLOCK_ROWS) {
                let mut g = gathered.slice_mut(ndarray::s![..block.nrows(), ..]);
                for (mut column, &j) in g.columns_mut().into_iter().zip(cols) {
                    column.assign(&block.column(j));
                }
                matmul(sum.view_mut(), block.t(), g.view(), true);
            }
            sum
        })
        .collect();
    let mut sums = sums.into_iter();
    let mut out = sums.next().unwrap_or_else(|| Array2::zeros((p, k).f()));
    for sum in sums {
        out += &sum;
    }
    out
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

/// The lower Cholesky factor `l` of a symmetric positive definite `a`
/// (`a = l·lᵀ`; only `a`'s lower triangle is read, the factor's strict upper
/// triangle is zero), on the calling thread; `None` when `a` is not
/// numerically positive definite.
pub(crate) fn cholesky_lower(mut a: Array2<f64>) -> Option<Array2<f64>> {
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
    for i in 0..n {
        for j in i + 1..n {
            a[[i, j]] = 0.0;
        }
    }
    a.iter().all(|v| v.is_finite()).then_some(a)
}

/// Solves `a · x = b` for a symmetric positive definite `a` (only its lower
/// triangle is read) by Cholesky on the calling thread, in place in `b`;
/// `None` when `a` is not numerically positive definite (the caller falls
/// back to an SVD, as scikit-learn's ridge does on a `LinAlgError`).
pub(crate) fn cholesky_solve(a: Array2<f64>, mut b: Array2<f64>) -> Option<Array2<f64>> {
    use faer::linalg::cholesky::llt;
    let a = cholesky_lower(a)?;
    let n = a.nrows();
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

/// `x·coefᵀ + intercept` into `out` (`n × k`, standard layout), in
/// parallel over fixed blocks of [`LINEAR_SCORE_ROWS`] rows: the dense
/// projection of PCA's and TruncatedSVD's transforms, at GEMM speed.
///
/// Every output is `intercept[o] + Σ_j x[r, j]·coef[o, j]`, accumulated from
/// zero in feature order `j = 0, 1, …` by one multiply and one add per term
/// (no fused multiply-add, no split accumulators), whatever the tile of rows
/// and columns it is computed in: a row's outputs are bit-for-bit the same
/// alone, in any batch, on any thread count, and with or without the AVX2
/// path (which only widens the vectors, the rounding is the same).
///
/// The kernel keeps a tile of [`AFFINE_TILE_ROWS`] rows × one panel of
/// outputs (two vector registers wide) in registers while it walks the
/// features: per feature, two loads of packed weights and one broadcast per
/// row feed `2 ×` rows vector multiply-adds, where a dot product per output
/// reloads the row and a weight for every multiply-add.
pub(crate) fn affine_rows<F: Float>(
    x: ArrayView2<'_, F>,
    coef: ArrayView2<'_, F>,
    intercept: ArrayView1<'_, F>,
    out: ArrayViewMut2<'_, F>,
) {
    if out.is_empty() {
        return;
    }
    // Panels of two 256-bit vectors: 8 `f64` or 16 `f32`.
    if std::mem::size_of::<F>() == 4 {
        affine_rows_panels::<F, 16>(x, coef, intercept, out);
    } else {
        affine_rows_panels::<F, 8>(x, coef, intercept, out);
    }
}

/// Rows per register tile of [`affine_rows`]: 6 rows × 2 vectors are 12
/// accumulators, which with the 2 weight vectors and a broadcast fill
/// AVX2's 16 registers.
const AFFINE_TILE_ROWS: usize = 6;

fn affine_rows_panels<F: Float, const NR: usize>(
    x: ArrayView2<'_, F>,
    coef: ArrayView2<'_, F>,
    intercept: ArrayView1<'_, F>,
    mut out: ArrayViewMut2<'_, F>,
) {
    let (n_out, n_in) = coef.dim();
    debug_assert_eq!(x.ncols(), n_in);
    debug_assert_eq!(out.dim(), (x.nrows(), n_out));
    debug_assert_eq!(intercept.len(), n_out);
    // The weights packed panel by panel: `panels[p · n_in + j][c] = coef[p · NR + c, j]`,
    // zero beyond the last output (those lanes are computed and dropped).
    let n_panels = n_out.div_ceil(NR);
    let mut panels = vec![[F::zero(); NR]; n_panels * n_in];
    for (o, coef_row) in coef.outer_iter().enumerate() {
        let panel = &mut panels[(o / NR) * n_in..(o / NR + 1) * n_in];
        for (slot, &c) in panel.iter_mut().zip(coef_row.iter()) {
            slot[o % NR] = c;
        }
    }
    let intercept = intercept.to_vec();
    let block = |mut out_rows: ArrayViewMut2<'_, F>, rows: ArrayView2<'_, F>| {
        let rows = rows.as_standard_layout();
        let rows = rows.as_slice().expect("a standard-layout array is one slice");
        let out_rows = out_rows
            .as_slice_mut()
            .expect("callers pass a fresh standard-layout output");
        affine_block(rows, n_in, &panels, &intercept, out_rows);
    };
    if x.nrows() <= LINEAR_SCORE_ROWS {
        return block(out, x);
    }
    out.axis_chunks_iter_mut(Axis(0), LINEAR_SCORE_ROWS)
        .into_par_iter()
        .zip(x.axis_chunks_iter(Axis(0), LINEAR_SCORE_ROWS).into_par_iter())
        .for_each(|(out_rows, rows)| block(out_rows, rows));
}

/// [`affine_body`], compiled for AVX2 when the CPU has it.
fn affine_block<F: Float, const NR: usize>(x: &[F], n_in: usize, panels: &[[F; NR]], intercept: &[F], out: &mut [F]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above).
        unsafe { affine_avx2(x, n_in, panels, intercept, out) };
        return;
    }
    affine_body(x, n_in, panels, intercept, out);
}

/// [`affine_body`] compiled for AVX2, without FMA (same rounding as the baseline build).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn affine_avx2<F: Float, const NR: usize>(
    x: &[F],
    n_in: usize,
    panels: &[[F; NR]],
    intercept: &[F],
    out: &mut [F],
) {
    affine_body(x, n_in, panels, intercept, out);
}

/// `out = x·W + intercept` for the rows of `x` (`n_in` values each), `W`
/// packed in panels of `NR` outputs; tiles of [`AFFINE_TILE_ROWS`] rows,
/// then the remaining rows one at a time (same arithmetic per output).
#[inline(always)]
fn affine_body<F: Float, const NR: usize>(x: &[F], n_in: usize, panels: &[[F; NR]], intercept: &[F], out: &mut [F]) {
    let n_out = intercept.len();
    if n_in == 0 {
        for row in out.chunks_exact_mut(n_out) {
            row.copy_from_slice(intercept);
        }
        return;
    }
    let mut x_tiles = x.chunks_exact(AFFINE_TILE_ROWS * n_in);
    let mut out_tiles = out.chunks_exact_mut(AFFINE_TILE_ROWS * n_out);
    for (x_tile, out_tile) in (&mut x_tiles).zip(&mut out_tiles) {
        affine_tile::<F, NR, AFFINE_TILE_ROWS>(x_tile, n_in, panels, intercept, out_tile);
    }
    for (x_row, out_row) in x_tiles
        .remainder()
        .chunks_exact(n_in)
        .zip(out_tiles.into_remainder().chunks_exact_mut(n_out))
    {
        affine_tile::<F, NR, 1>(x_row, n_in, panels, intercept, out_row);
    }
}

/// `MR` rows (`x`, `MR · n_in` values) times every panel into `out` (`MR · n_out`).
#[inline(always)]
fn affine_tile<F: Float, const NR: usize, const MR: usize>(
    x: &[F],
    n_in: usize,
    panels: &[[F; NR]],
    intercept: &[F],
    out: &mut [F],
) {
    let n_out = intercept.len();
    let rows: [&[F]; MR] = std::array::from_fn(|i| &x[i * n_in..(i + 1) * n_in]);
    for (p, panel) in panels.chunks_exact(n_in).enumerate() {
        let mut acc = [[F::zero(); NR]; MR];
        for (j, w) in panel.iter().enumerate() {
            for (acc_row, row) in acc.iter_mut().zip(&rows) {
                let v = row[j];
                for (a, &c) in acc_row.iter_mut().zip(w) {
                    *a += v * c;
                }
            }
        }
        let first = p * NR;
        let width = NR.min(n_out - first);
        for (acc_row, out_row) in acc.iter().zip(out.chunks_exact_mut(n_out)) {
            for ((o, &a), &b) in out_row[first..first + width]
                .iter_mut()
                .zip(&acc_row[..width])
                .zip(&intercept[first..first + width])
            {
                *o = a + b;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};

    /// The columns of the Gram matrix from row blocks (more rows than one
    /// task, a last block and task cut short, repeated and unsorted
    /// columns) equal `aᵀ·a[:, cols]`, with the same bits on 1 and 2 threads.
    #[test]
    fn gram_columns_match_the_product_on_any_thread_count() {
        let (n, p) = (2 * GRAM_COLUMNS_TASK_ROWS + 300, 7);
        let a = Array2::from_shape_fn((n, p), |(i, j)| (((i * 31 + j * 17) % 23) as f64 - 11.0) / 5.0);
        let cols = [5, 0, 5, 3];
        let expected = a.t().dot(&a.select(Axis(1), &cols));
        let run = |threads| crate::parallel::with_n_jobs(Some(threads), || gram_columns(a.view(), &cols)).unwrap();
        let one = run(1);
        assert_eq!(one, run(2));
        for (got, want) in one.iter().zip(&expected) {
            assert!((got - want).abs() <= 1e-12 * want.abs().max(1.0), "{got} vs {want}");
        }
    }

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

    /// A deterministic pseudo-random matrix with entries of mixed signs and scales.
    fn noise<F: Float>(rows: usize, cols: usize, seed: u64) -> Array2<F> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        Array2::from_shape_fn((rows, cols), |(_, j)| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let u = (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
            F::cast(u * (1.0 + j as f64) + 3.0 * (j % 3) as f64)
        })
    }

    /// The definition `affine_rows` promises, one output at a time: a sum from
    /// zero in feature order, one multiply and one add per term, then the intercept.
    fn affine_reference<F: Float>(
        x: ArrayView2<'_, F>,
        coef: ArrayView2<'_, F>,
        intercept: ArrayView1<'_, F>,
    ) -> Array2<F> {
        Array2::from_shape_fn((x.nrows(), coef.nrows()), |(r, o)| {
            let mut acc = F::zero();
            for (&v, &c) in x.row(r).iter().zip(coef.row(o)) {
                acc += v * c;
            }
            acc + intercept[o]
        })
    }

    fn affine<F: Float>(x: ArrayView2<'_, F>, coef: ArrayView2<'_, F>, intercept: ArrayView1<'_, F>) -> Array2<F> {
        let mut out = Array2::from_elem((x.nrows(), coef.nrows()), F::nan());
        affine_rows(x, coef, intercept, out.view_mut());
        out
    }

    /// Every shape around the tile sizes (6 rows, panels of 8 `f64` or 16
    /// `f32` outputs), over the parallel threshold, with strided inputs: the
    /// fast kernel (AVX2 where the CPU has it) gives exactly the reference's
    /// bits, and agrees with the dot products it replaced to rounding.
    fn affine_rows_match_the_reference<F: Float>(tolerance: f64) {
        for &(n, n_in, n_out) in &[
            (0, 3, 2),
            (1, 1, 1),
            (5, 0, 3),
            (6, 300, 30),
            (7, 9, 8),
            (13, 17, 9),
            (25, 40, 16),
            (11, 5, 33),
            (LINEAR_SCORE_ROWS + 7, 31, 7),
        ] {
            let x = noise::<F>(n, n_in, 1 + n as u64);
            let coef = noise::<F>(n_out, n_in, 2 + n_in as u64);
            let intercept = noise::<F>(1, n_out, 3).row(0).to_owned();
            let expected = affine_reference(x.view(), coef.view(), intercept.view());
            assert_eq!(
                affine(x.view(), coef.view(), intercept.view()),
                expected,
                "{n} × {n_in} → {n_out}"
            );
            // Column-major and strided views of the same values.
            let fortran = x.t().as_standard_layout().into_owned().reversed_axes();
            assert_eq!(affine(fortran.view(), coef.view(), intercept.view()), expected);
            let coef_t = coef.t().as_standard_layout().into_owned();
            assert_eq!(affine(x.view(), coef_t.t(), intercept.view()), expected);
            let wide = ndarray::concatenate![Axis(1), x, x];
            assert_eq!(
                affine(wide.slice(ndarray::s![.., ..n_in]), coef.view(), intercept.view()),
                expected
            );
            let mut dots = Array2::zeros((n, n_out));
            linear_scores(x.view(), coef.view(), intercept.view(), dots.view_mut());
            // Both round each of `n_in` additions: within `n_in` ulps of the sum of |terms|.
            let magnitude = affine_reference(
                x.mapv(|v| v.abs()).view(),
                coef.mapv(|v| v.abs()).view(),
                intercept.mapv(|v| v.abs()).view(),
            );
            for ((a, b), m) in expected.iter().zip(&dots).zip(&magnitude) {
                let bound = tolerance * m.as_f64() * (n_in + 1) as f64;
                assert!((a.as_f64() - b.as_f64()).abs() <= bound, "{a} vs {b}");
            }
        }
    }

    #[test]
    fn affine_rows_match_the_reference_f64() {
        affine_rows_match_the_reference::<f64>(f64::EPSILON);
    }

    #[test]
    fn affine_rows_match_the_reference_f32() {
        affine_rows_match_the_reference::<f32>(f32::EPSILON.into());
    }

    /// A row's outputs are the same bits alone, in batches of 1, 7, 1,000
    /// and 50,000 rows (tiles and parallel blocks cut them differently), and
    /// on 1 or 2 threads.
    #[test]
    fn affine_rows_do_not_depend_on_the_batch_or_the_thread_count() {
        let x = noise::<f64>(50_000, 40, 7);
        let coef = noise::<f64>(30, 40, 8);
        let intercept = noise::<f64>(1, 30, 9).row(0).to_owned();
        let on = |threads| {
            crate::parallel::with_n_jobs(Some(threads), || affine(x.view(), coef.view(), intercept.view())).unwrap()
        };
        let all = on(1);
        assert_eq!(on(2), all);
        for batch in [1, 7, 1000] {
            for start in (0..x.nrows()).step_by(4999).chain([x.nrows() - batch]) {
                let end = (start + batch).min(x.nrows());
                let part = affine(x.slice(ndarray::s![start..end, ..]), coef.view(), intercept.view());
                assert_eq!(part, all.slice(ndarray::s![start..end, ..]), "rows {start}..{end}");
            }
        }
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
