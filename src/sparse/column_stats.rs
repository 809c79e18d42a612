//! Column statistics of a CSR matrix, implicit zeros included, as scipy's
//! `mean_variance_axis` / `min_max_axis` compute them: what the scalers fit
//! on sparse input. One pass over the stored values per statistic, rows in
//! order, so the result does not depend on the thread count.

use super::csr::CsrMatrix;
use crate::float::Float;
use crate::moments::ColumnMoments;
use ndarray::{Array1, ArrayView1};

/// Weighted count, mean and sum of squared deviations of every column of
/// `x`, the implicit zeros counted as values and stored `NaN` left out (each
/// column then has its own weight, as the dense
/// [`ColumnMoments`]), rows weighted by `sample_weight` (ones if `None`,
/// checked by the caller). Two passes over the stored values: sums, then
/// squared deviations from the mean (the implicit zeros of a column add
/// `(weight of its zero rows) × mean²`), accumulated in `f64`.
pub(crate) fn column_moments<F: Float>(x: &CsrMatrix<F>, sample_weight: Option<ArrayView1<'_, F>>) -> ColumnMoments {
    let n = x.ncols();
    let weight_of = |i: usize| sample_weight.as_ref().map_or(1.0, |w| w[i].as_f64());
    let total_weight: f64 = (0..x.nrows()).map(weight_of).sum();
    // Per column: weight of the rows storing a value (NaN or not), of the
    // rows storing NaN, and the weighted sum of the present values.
    let mut stored = vec![0.0f64; n];
    let mut missing = vec![0.0f64; n];
    let mut sum = vec![0.0f64; n];
    for (i, row) in x.rows().enumerate() {
        let w = weight_of(i);
        for (&j, &v) in row.indices.iter().zip(row.values) {
            let j = j as usize;
            stored[j] += w;
            if v.is_nan() {
                missing[j] += w;
            } else {
                sum[j] += w * v.as_f64();
            }
        }
    }
    let weight: Vec<f64> = missing.iter().map(|m| total_weight - m).collect();
    let mean: Vec<f64> = sum
        .iter()
        .zip(&weight)
        .map(|(s, &w)| if w == 0.0 { 0.0 } else { s / w })
        .collect();
    let mut m2: Vec<f64> = (0..n).map(|j| (total_weight - stored[j]) * mean[j] * mean[j]).collect();
    for (i, row) in x.rows().enumerate() {
        let w = weight_of(i);
        for (&j, &v) in row.indices.iter().zip(row.values) {
            if !v.is_nan() {
                let d = v.as_f64() - mean[j as usize];
                m2[j as usize] += w * d * d;
            }
        }
    }
    ColumnMoments {
        weight: Array1::from(weight),
        mean: Array1::from(mean),
        m2: Array1::from(m2),
    }
}

/// The largest absolute value of each column, implicit zeros included (so
/// at least 0), stored `NaN` left out: scipy's `max_abs` over axis 0 with
/// `nanmax`. A column with no stored value has 0.
pub(crate) fn column_max_abs<F: Float>(x: &CsrMatrix<F>) -> Array1<F> {
    let mut out = Array1::from_elem(x.ncols(), F::zero());
    for row in x.rows() {
        for (&j, &v) in row.indices.iter().zip(row.values) {
            let a = v.abs();
            // `NaN > m` is false: missing values are skipped.
            if a > out[j as usize] {
                out[j as usize] = a;
            }
        }
    }
    out
}

/// A copy of `x` with every stored value of column `j` mapped by
/// `op(value, column j's parameter)`: the column-wise scalings of sparse
/// input (the pattern of stored values is kept, zeros stay implicit).
pub(crate) fn map_columns<F: Float>(x: &CsrMatrix<F>, params: &[F], op: impl Fn(F, F) -> F) -> CsrMatrix<F> {
    let mut out = x.clone();
    let indices = x.indices();
    for (v, &j) in out.data_mut().iter_mut().zip(indices) {
        *v = op(*v, params[j as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn moments_count_implicit_zeros_and_skip_nan() {
        let dense = array![[0.0, 2.0, 1.0], [4.0, 0.0, f64::NAN], [0.0, 0.0, 3.0], [2.0, 6.0, 0.0]];
        let x = CsrMatrix::from_dense(dense.view());
        let weights = array![1.0, 2.0, 0.5, 1.0];
        for w in [None, Some(weights.view())] {
            let sparse = column_moments(&x, w);
            let (expected, _) = ColumnMoments::of_flagged(dense.view(), w);
            for (a, b) in [
                (&sparse.weight, &expected.weight),
                (&sparse.mean, &expected.mean),
                (&sparse.m2, &expected.m2),
            ] {
                for (p, q) in a.iter().zip(b.iter()) {
                    assert!((p - q).abs() < 1e-12, "{a} vs {b}");
                }
            }
        }
    }

    #[test]
    fn max_abs_skips_nan_and_counts_zeros() {
        let x = CsrMatrix::from_dense(array![[0.0, -3.0], [f64::NAN, 1.0]].view());
        assert_eq!(column_max_abs(&x), array![0.0, 3.0]);
    }
}
