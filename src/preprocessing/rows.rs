//! Row-parallel transforms shared by the preprocessing transformers: fixed
//! [`ROW_CHUNK`] chunks (so results never depend on the thread count), each
//! writing its own rows of the output.

use crate::error::Result;
use crate::float::Float;
use crate::output::uninit_matrix;
use crate::parallel::{ROW_CHUNK, with_n_jobs};
use crate::validation::{check_no_infinity, check_not_empty};
use ndarray::{Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;

/// Builds a `rows × n_out` output by calling `fill(row_index, row, out_row)`
/// for every row of `x`, with `out_row` zero-filled, in parallel over row
/// chunks. The first error in row order is returned, whatever the number of
/// threads.
///
/// The output is allocated uninitialised (huge pages when large, see
/// [`uninit_matrix`]) and each row is zeroed just before it is filled, while
/// it is in cache: a wide one-hot output is written once instead of being
/// zeroed in a separate pass.
///
/// The output's size is checked first ([`Error::TooLarge`](crate::Error::TooLarge)
/// naming `context`): a one-hot output is as wide as the categories seen,
/// up to `n_samples × n_features` columns.
pub(crate) fn map_rows<F: Float>(
    context: &'static str,
    x: ArrayView2<'_, F>,
    n_out: usize,
    fill: impl Fn(usize, ArrayView1<'_, F>, &mut [F]) -> Result<()> + Sync,
) -> Result<Array2<F>> {
    crate::alloc::check_fits_values::<F>(
        context,
        || format!("the {} × {n_out} output", x.nrows()),
        &[x.nrows(), n_out],
    )?;
    let mut out = uninit_matrix::<F>(x.nrows(), n_out);
    let results: Vec<Result<()>> = out
        .axis_chunks_iter_mut(Axis(0), ROW_CHUNK)
        .into_par_iter()
        .zip(x.axis_chunks_iter(Axis(0), ROW_CHUNK).into_par_iter())
        .enumerate()
        .map(|(chunk, (mut out_rows, rows))| {
            for (i, (mut out_row, row)) in out_rows.outer_iter_mut().zip(rows.outer_iter()).enumerate() {
                let out_row = out_row.as_slice_mut().expect("a fresh standard-layout array");
                for o in out_row.iter_mut() {
                    o.write(F::zero());
                }
                // SAFETY: every element of the row was just initialised, and
                // `MaybeUninit<F>` has the layout of `F`.
                let out_row =
                    unsafe { std::slice::from_raw_parts_mut(out_row.as_mut_ptr().cast::<F>(), out_row.len()) };
                fill(chunk * ROW_CHUNK + i, row, out_row)?;
            }
            Ok(())
        })
        .collect();
    // Rows after an error were left uninitialised: the matrix is only
    // assumed initialised once every row has been filled.
    results.into_iter().collect::<Result<()>>()?;
    // SAFETY: no error, so every row of every chunk was zeroed, then filled.
    Ok(unsafe { out.assume_init() })
}

/// Applies `op(value, a[j], b[j])` to every cell of `x` (column `j`), in
/// parallel over fixed row chunks on `n_jobs` threads: the per-column affine
/// maps of the scalers.
///
/// `NaN` is a missing value and passes through `op` (scikit-learn's scalers
/// ignore it in `fit` and keep it in `transform`, so an imputer can come
/// later). Checks `x` is non-empty and holds no infinity without a separate
/// pass: each chunk notes whether it saw one, and only then does the exact
/// check run (first offending cell in row-major order, as
/// `check_no_infinity` reports it). The output is written once, by rows, with a
/// slice path the compiler vectorises.
pub(crate) fn map_cells<F: Float>(
    context: &'static str,
    n_jobs: Option<usize>,
    x: ArrayView2<'_, F>,
    a: &[F],
    b: &[F],
    op: impl Fn(F, F, F) -> F + Sync,
) -> Result<Array2<F>> {
    check_not_empty(context, x)?;
    with_n_jobs(n_jobs, || {
        let mut out = uninit_matrix::<F>(x.nrows(), x.ncols());
        let all_finite = out
            .axis_chunks_iter_mut(Axis(0), ROW_CHUNK)
            .into_par_iter()
            .zip(x.axis_chunks_iter(Axis(0), ROW_CHUNK).into_par_iter())
            .map(|(mut out_rows, rows)| {
                let mut finite = true;
                for (mut out_row, row) in out_rows.outer_iter_mut().zip(rows.outer_iter()) {
                    let out_row = out_row.as_slice_mut().expect("a fresh standard-layout array");
                    match row.as_slice() {
                        Some(row) => {
                            for (((o, &v), &a), &b) in out_row.iter_mut().zip(row).zip(a).zip(b) {
                                finite &= !v.is_infinite();
                                o.write(op(v, a, b));
                            }
                        }
                        None => {
                            for (((o, &v), &a), &b) in out_row.iter_mut().zip(row.iter()).zip(a).zip(b) {
                                finite &= !v.is_infinite();
                                o.write(op(v, a, b));
                            }
                        }
                    }
                }
                finite
            })
            .reduce(|| true, |p, q| p && q);
        if !all_finite {
            check_no_infinity(context, x)?;
        }
        // SAFETY: the chunks cover every row and each row loop writes every
        // element of its output row.
        Ok(unsafe { out.assume_init() })
    })?
}
