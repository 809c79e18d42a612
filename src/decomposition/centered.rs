//! Products with the column-centred data `A = X − 1·meanᵀ` without forming
//! it: the centring is applied to the (small) other factor or to per-part
//! copies. Row-parallel products write disjoint rows; reductions over rows
//! use [`reduce_row_parts`], so every result is the same on any thread count.

use crate::alloc::try_zeros;
use crate::error::Result;
use crate::float::Float;
use crate::linalg::{gram_lower_add, matmul, mirror_lower, qr_r, qr_thin};
use crate::parallel::{ROW_CHUNK, fixed_row_parts, reduce_row_parts};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis, s};
use rayon::prelude::*;

/// The context of the allocation errors: only PCA forms the covariance.
const NAME: &str = "PCA";

/// Column means of `x`, summed per fixed part in `f64`.
pub(super) fn column_means<F: Float>(x: ArrayView2<'_, F>) -> Array1<F> {
    let n = x.nrows();
    let sums = reduce_row_parts(
        n,
        |rows| {
            let mut acc = Array1::<f64>::zeros(x.ncols());
            for row in x.slice(s![rows, ..]).outer_iter() {
                acc.zip_mut_with(&row, |a, &v| *a += v.as_f64());
            }
            acc
        },
        |a, b| a + b,
    )
    .unwrap_or_else(|| Array1::zeros(x.ncols()));
    sums.mapv(|v| F::cast(v / n as f64))
}

/// Sum over all entries of `(x − mean)²`.
pub(super) fn total_squares<F: Float>(x: ArrayView2<'_, F>, mean: ArrayView1<'_, F>) -> F {
    reduce_row_parts(
        x.nrows(),
        |rows| {
            let mut acc = F::zero();
            for row in x.slice(s![rows, ..]).outer_iter() {
                acc += row.iter().zip(mean).map(|(&v, &m)| (v - m) * (v - m)).sum::<F>();
            }
            acc
        },
        |a, b| a + b,
    )
    .unwrap_or_else(F::zero)
}

/// A copy of rows `rows` of `x`, centred.
fn centered_rows<F: Float>(x: ArrayView2<'_, F>, mean: ArrayView1<'_, F>, rows: std::ops::Range<usize>) -> Array2<F> {
    let mut part = x.slice(s![rows, ..]).to_owned();
    part.axis_iter_mut(Axis(0)).for_each(|mut row| row -= &mean);
    part
}

/// Rows of `x` centred at a time into a buffer that stays in the core's
/// cache while its Gram product is added (128 × 300 `f64` is 300 KiB).
const GRAM_BLOCK: usize = 128;

/// `Aᵀ·A` (the scatter matrix of the centred data), `d × d`.
///
/// Each fixed part of rows is centred block by block into a small buffer
/// whose lower-triangular Gram product is accumulated: the centred copy
/// never leaves the cache, so `x` is read from memory once (centring whole
/// parts first wrote and re-read a copy as large as `x`).
pub(super) fn centered_gram<F: Float>(x: ArrayView2<'_, F>, mean: ArrayView1<'_, F>) -> Result<Array2<F>> {
    let d = x.ncols();
    let zeros = || try_zeros(NAME, || format!("a {d} × {d} covariance accumulator"), (d, d));
    let out = reduce_row_parts(
        x.nrows(),
        |rows| {
            let mut acc = zeros()?;
            let mut buffer = Array2::<F>::zeros((GRAM_BLOCK.min(rows.len()), d));
            for start in rows.clone().step_by(GRAM_BLOCK) {
                let end = (start + GRAM_BLOCK).min(rows.end);
                let mut block = buffer.slice_mut(s![..end - start, ..]);
                block.assign(&x.slice(s![start..end, ..]));
                block.axis_iter_mut(Axis(0)).for_each(|mut row| row -= &mean);
                gram_lower_add(acc.view_mut(), block.view());
            }
            Ok(acc)
        },
        |a: Result<Array2<F>>, b| Ok(a? + b?),
    );
    let mut out = match out {
        Some(out) => out?,
        None => zeros()?,
    };
    mirror_lower(&mut out);
    Ok(out)
}

/// The `R` factor of `A = Q·R` (`d × d` for `n ≥ d`) by a tall-skinny QR:
/// each fixed part is factored in parallel, then the stacked `R`s once more.
pub(super) fn centered_qr_r<F: Float>(x: ArrayView2<'_, F>, mean: ArrayView1<'_, F>) -> Array2<F> {
    tall_qr_r(x.nrows(), x.ncols(), |rows| centered_rows(x, mean, rows))
}

/// TSQR over fixed row parts of an `n × d` matrix whose parts `part` copies out.
fn tall_qr_r<F: Float>(
    n: usize,
    d: usize,
    part: impl Fn(std::ops::Range<usize>) -> Array2<F> + Sync + Send,
) -> Array2<F> {
    let stacked = reduce_row_parts(n, |rows| qr_r(part(rows)), |a, b| ndarray::concatenate![Axis(0), a, b])
        .unwrap_or_else(|| Array2::zeros((0, d)));
    qr_r(stacked)
}

/// `A·q` (`n × l`), parallel over row chunks.
pub(super) fn centered_times<F: Float>(
    x: ArrayView2<'_, F>,
    mean: ArrayView1<'_, F>,
    q: ArrayView2<'_, F>,
) -> Array2<F> {
    let shift = mean.dot(&q);
    let mut out = Array2::<F>::zeros((x.nrows(), q.ncols()));
    out.axis_chunks_iter_mut(Axis(0), ROW_CHUNK)
        .into_par_iter()
        .zip(x.axis_chunks_iter(Axis(0), ROW_CHUNK).into_par_iter())
        .for_each(|(mut out_rows, rows)| {
            matmul(out_rows.view_mut(), rows, q, false);
            out_rows.axis_iter_mut(Axis(0)).for_each(|mut r| r -= &shift);
        });
    out
}

/// `Aᵀ·y` (`d × l`), reduced over fixed row parts.
pub(super) fn centered_t_times<F: Float>(
    x: ArrayView2<'_, F>,
    mean: ArrayView1<'_, F>,
    y: ArrayView2<'_, F>,
) -> Array2<F> {
    let (xty, y_sums) = reduce_row_parts(
        x.nrows(),
        |rows| {
            let mut part = Array2::<F>::zeros((x.ncols(), y.ncols()));
            let y_rows = y.slice(s![rows.clone(), ..]);
            matmul(part.view_mut(), x.slice(s![rows, ..]).t(), y_rows, false);
            (part, y_rows.sum_axis(Axis(0)))
        },
        |(a, sa), (b, sb)| (a + b, sa + sb),
    )
    .unwrap_or_else(|| (Array2::zeros((x.ncols(), y.ncols())), Array1::zeros(y.ncols())));
    let mut out = xty;
    for (mut row, &m) in out.axis_iter_mut(Axis(0)).zip(mean) {
        row.zip_mut_with(&y_sums, |o, &s| *o -= m * s);
    }
    out
}

/// An orthonormal basis of the columns of the tall matrix `y` (`n × l`,
/// `n ≥ l`), by a tall-skinny QR: each fixed part is factored in parallel
/// (Householder), the stacked `R`s once more, and each part's `Q` is
/// multiplied by its block of the second `Q`. Stable for rank-deficient `y`.
pub(super) fn orthonormal_basis<F: Float>(y: ArrayView2<'_, F>) -> Array2<F> {
    let n = y.nrows();
    let parts = fixed_row_parts(n);
    let factored: Vec<(Array2<F>, Array2<F>)> = parts
        .par_iter()
        .map(|rows| qr_thin(y.slice(s![rows.clone(), ..]).to_owned()))
        .collect();
    let r_views: Vec<ArrayView2<'_, F>> = factored.iter().map(|(_, r)| r.view()).collect();
    let stacked = ndarray::concatenate(Axis(0), &r_views).expect("every R has l columns");
    let (q_stack, _) = qr_thin(stacked);
    let mut out = Array2::<F>::zeros((n, q_stack.ncols()));
    let mut offset = 0;
    let mut blocks = Vec::with_capacity(factored.len());
    for (q, r) in &factored {
        blocks.push((q, q_stack.slice(s![offset..offset + r.nrows(), ..])));
        offset += r.nrows();
    }
    let mut out_parts = Vec::with_capacity(parts.len());
    let mut rest = out.view_mut();
    for rows in &parts {
        let (head, tail) = rest.split_at(Axis(0), rows.len());
        out_parts.push(head);
        rest = tail;
    }
    out_parts
        .into_par_iter()
        .zip(blocks.into_par_iter())
        .for_each(|(dst, (q, block))| matmul(dst, q.view(), block, false));
    out
}
