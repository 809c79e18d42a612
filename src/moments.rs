//! Column means and variances by a numerically stable parallel reduction:
//! each fixed-size row chunk is reduced with two passes (mean, then squared
//! deviations), and chunks are merged in order with Chan, Golub and LeVeque's
//! pairwise formula. Accumulates in `f64` whatever the input type.
//!
//! `NaN` is a missing value: it is left out of its column's statistics, so
//! each column has its own count (scikit-learn's `_incremental_mean_and_var`
//! with `nansum`, and `n_samples_seen_` per feature).

use crate::float::Float;
use crate::parallel::{ROW_CHUNK, map_row_chunks};
use ndarray::{Array1, ArrayView1, ArrayView2};

/// Weighted count, mean and sum of squared deviations (M2) of each column,
/// over the column's non-missing values.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct ColumnMoments {
    /// Sum of the sample weights of the rows whose value is not `NaN`, per
    /// column (all equal without missing values).
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub weight: Array1<f64>,
    /// Weighted mean of each column (0 for a column with no value yet).
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub mean: Array1<f64>,
    /// Weighted sum of squared deviations from the mean, per column.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub m2: Array1<f64>,
}

impl crate::persistence::Check for ColumnMoments {
    /// One weight, mean and M2 per column; weights finite and non-negative
    /// (sums of checked sample weights). M2 may overflow to infinity on
    /// finite data, so only a negative one is refused.
    fn check(&self) -> Result<(), String> {
        use crate::persistence::check::{ensure, same_len};
        same_len("m2", self.mean.len(), self.m2.len())?;
        same_len("weight", self.mean.len(), self.weight.len())?;
        ensure(
            self.weight.iter().all(|w| w.is_finite() && *w >= 0.0) && !self.m2.iter().any(|v| *v < 0.0),
            || "moments: a column weight is negative or not finite, or a sum of squares is negative".to_owned(),
        )
    }
}

impl ColumnMoments {
    /// No data yet, for `n_features` columns.
    pub fn empty(n_features: usize) -> Self {
        ColumnMoments {
            weight: Array1::zeros(n_features),
            mean: Array1::zeros(n_features),
            m2: Array1::zeros(n_features),
        }
    }

    /// The moments of `x`, rows weighted by `sample_weight` (ones if `None`),
    /// `NaN` left out, and whether `x` may hold an infinity.
    ///
    /// The flag lets a caller skip a separate pass over the data: an
    /// infinity in `x` (even in a zero-weight row) always makes a chunk's
    /// sums non-finite, so `false` proves every value finite or `NaN`. `true`
    /// may also come from finite values whose sums overflow, so the caller
    /// confirms with [`check_no_infinity`](crate::validation::check_no_infinity).
    pub fn of_flagged<F: Float>(x: ArrayView2<'_, F>, sample_weight: Option<ArrayView1<'_, F>>) -> (Self, bool) {
        let n_features = x.ncols();
        let chunks = map_row_chunks(x, ROW_CHUNK, |start, rows| {
            let weights = sample_weight
                .as_ref()
                .map(|w| w.slice(ndarray::s![start..start + rows.nrows()]));
            chunk_moments(rows, weights)
        });
        let mut total = ColumnMoments::empty(n_features);
        let mut maybe_non_finite = false;
        for (chunk, chunk_non_finite) in &chunks {
            total.merge(chunk);
            maybe_non_finite |= chunk_non_finite;
        }
        (total, maybe_non_finite)
    }

    /// Merges the moments of another disjoint set of rows into these,
    /// column by column.
    pub fn merge(&mut self, other: &ColumnMoments) {
        ndarray::Zip::from(&mut self.weight)
            .and(&mut self.mean)
            .and(&mut self.m2)
            .and(&other.weight)
            .and(&other.mean)
            .and(&other.m2)
            .for_each(|weight, mean, m2, &other_weight, &other_mean, &other_m2| {
                if other_weight == 0.0 {
                    return;
                }
                if *weight == 0.0 {
                    (*weight, *mean, *m2) = (other_weight, other_mean, other_m2);
                    return;
                }
                let total = *weight + other_weight;
                let delta = other_mean - *mean;
                *mean += delta * (other_weight / total);
                *m2 += other_m2 + delta * delta * (*weight * other_weight / total);
                *weight = total;
            });
    }

    /// Weighted mean of each column; `NaN` for a column with no value (all
    /// missing), as NumPy's `nanmean`.
    pub fn mean(&self) -> Array1<f64> {
        ndarray::Zip::from(&self.mean)
            .and(&self.weight)
            .map_collect(|&m, &w| if w == 0.0 { f64::NAN } else { m })
    }

    /// Population variance (divided by the column's weight) of each column;
    /// `NaN` for a column with no value.
    pub fn variance(&self) -> Array1<f64> {
        ndarray::Zip::from(&self.m2)
            .and(&self.weight)
            .map_collect(|&m2, &w| if w == 0.0 { f64::NAN } else { m2 / w })
    }
}

/// The moments of one chunk by two passes (sum, then squared deviations from
/// the chunk mean), `NaN` left out, and whether the chunk may hold an
/// infinity (see [`ColumnMoments::of_flagged`]).
///
/// Each column is accumulated row after row in the same order whatever the
/// layout; contiguous rows only take a slice path that the compiler
/// vectorises across columns (the missing-value test is a select, not a
/// branch), so both paths give bit-identical results.
fn chunk_moments<F: Float>(rows: ArrayView2<'_, F>, weights: Option<ArrayView1<'_, F>>) -> (ColumnMoments, bool) {
    let n_features = rows.ncols();
    let weight_of = |i: usize| weights.map_or(1.0, |w| w[i].as_f64());
    let mut sum = vec![0.0f64; n_features];
    let mut weight = vec![0.0f64; n_features];
    let add = |s: &mut f64, c: &mut f64, w: f64, v: F| {
        let present = !v.is_nan();
        *s += if present { w * v.as_f64() } else { 0.0 };
        *c += if present { w } else { 0.0 };
    };
    for (i, row) in rows.outer_iter().enumerate() {
        let w = weight_of(i);
        match row.as_slice() {
            Some(row) => {
                for ((s, c), &v) in sum.iter_mut().zip(weight.iter_mut()).zip(row) {
                    add(s, c, w, v);
                }
            }
            None => {
                for ((s, c), &v) in sum.iter_mut().zip(weight.iter_mut()).zip(row.iter()) {
                    add(s, c, w, v);
                }
            }
        }
    }
    // An infinity makes its column sum non-finite even under a zero weight
    // (0 * inf is NaN); NaN cells were left out of the sums.
    let sum_non_finite = !sum.iter().all(|s| s.is_finite());
    let mean: Vec<f64> = sum
        .iter()
        .zip(&weight)
        .map(|(s, &w)| if w == 0.0 { 0.0 } else { s / w })
        .collect();
    let mut m2 = vec![0.0f64; n_features];
    let deviation = |acc: &mut f64, w: f64, v: F, m: f64| {
        let d = v.as_f64() - m;
        *acc += if v.is_nan() { 0.0 } else { w * d * d };
    };
    for (i, row) in rows.outer_iter().enumerate() {
        let w = weight_of(i);
        match row.as_slice() {
            Some(row) => {
                for ((acc, &v), &m) in m2.iter_mut().zip(row).zip(&mean) {
                    deviation(acc, w, v, m);
                }
            }
            None => {
                for ((acc, &v), &m) in m2.iter_mut().zip(row.iter()).zip(&mean) {
                    deviation(acc, w, v, m);
                }
            }
        }
    }
    let non_finite = sum_non_finite || !m2.iter().all(|v| v.is_finite());
    let moments = ColumnMoments {
        weight: Array1::from(weight),
        mean: Array1::from(mean),
        m2: Array1::from(m2),
    };
    (moments, non_finite)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};

    #[test]
    fn chunked_merge_equals_direct_two_pass() {
        let n = 3 * ROW_CHUNK + 17;
        let x = Array2::from_shape_fn((n, 2), |(i, j)| 1e6 + (i as f64 * 0.37 + j as f64).sin());
        let moments = ColumnMoments::of_flagged(x.view(), None).0;
        for j in 0..2 {
            let col = x.column(j);
            let mean = col.sum() / n as f64;
            let var = col.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n as f64;
            approx::assert_relative_eq!(moments.mean[j], mean, max_relative = 1e-14);
            approx::assert_relative_eq!(moments.variance()[j], var, max_relative = 1e-9);
        }
    }

    #[test]
    fn weights_act_as_repetitions() {
        let x = array![[1.0], [2.0], [4.0]];
        let weighted = ColumnMoments::of_flagged(x.view(), Some(array![1.0, 2.0, 0.0].view())).0;
        let repeated = ColumnMoments::of_flagged(array![[1.0], [2.0], [2.0]].view(), None).0;
        approx::assert_relative_eq!(weighted.mean[0], repeated.mean[0]);
        approx::assert_relative_eq!(weighted.variance()[0], repeated.variance()[0]);
        assert_eq!(weighted.weight, array![3.0]);
    }

    #[test]
    fn flags_infinities_even_under_zero_weight() {
        let n = 2 * ROW_CHUNK;
        let clean = Array2::from_shape_fn((n, 3), |(i, j)| (i + j) as f64);
        assert!(!ColumnMoments::of_flagged(clean.view(), None).1);

        let mut x = clean.clone();
        x[[ROW_CHUNK + 5, 1]] = f64::INFINITY;
        let mut w = ndarray::Array1::<f64>::ones(n);
        // The whole second chunk weighs nothing: its moments are discarded,
        // the infinity must still be reported.
        w.slice_mut(ndarray::s![ROW_CHUNK..]).fill(0.0);
        assert!(ColumnMoments::of_flagged(x.view(), Some(w.view())).1);
        x[[ROW_CHUNK + 5, 1]] = f64::NEG_INFINITY;
        assert!(ColumnMoments::of_flagged(x.view(), None).1);
        // NaN is a missing value, not flagged.
        x[[ROW_CHUNK + 5, 1]] = f64::NAN;
        assert!(!ColumnMoments::of_flagged(x.view(), None).1);
    }

    #[test]
    fn nan_is_left_out_of_its_column_only() {
        // Column 0: values 1, 3 (the NaN row skipped); column 1: 2, 4, 6.
        let x = array![[1.0, 2.0], [f64::NAN, 4.0], [3.0, 6.0]];
        let m = ColumnMoments::of_flagged(x.view(), None).0;
        assert_eq!(m.weight, array![2.0, 3.0]);
        assert_eq!(m.mean(), array![2.0, 4.0]);
        assert_eq!(m.variance(), array![1.0, 8.0 / 3.0]);
        // Merging chunk by chunk gives the same per-column counts.
        let mut merged = ColumnMoments::of_flagged(x.slice(ndarray::s![..2, ..]), None).0;
        merged.merge(&ColumnMoments::of_flagged(x.slice(ndarray::s![2.., ..]), None).0);
        assert_eq!(merged.weight, m.weight);
        assert_eq!(merged.mean(), m.mean());
        // A column with no value has NaN statistics.
        let all_missing = ColumnMoments::of_flagged(array![[f64::NAN], [f64::NAN]].view(), None).0;
        assert_eq!(all_missing.weight, array![0.0]);
        assert!(all_missing.mean()[0].is_nan() && all_missing.variance()[0].is_nan());
    }
}
