//! Column means and variances by a numerically stable parallel reduction:
//! each fixed-size row chunk is reduced with two passes (mean, then squared
//! deviations), and chunks are merged in order with Chan, Golub and LeVeque's
//! pairwise formula. Accumulates in `f64` whatever the input type.

use crate::float::Float;
use crate::parallel::{ROW_CHUNK, map_row_chunks};
use ndarray::{Array1, ArrayView1, ArrayView2};

/// Weighted count, mean and sum of squared deviations (M2) of each column.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct ColumnMoments {
    /// Sum of the sample weights seen.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub weight: f64,
    /// Weighted mean of each column.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub mean: Array1<f64>,
    /// Weighted sum of squared deviations from the mean, per column.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub m2: Array1<f64>,
}

impl crate::persistence::Check for ColumnMoments {
    fn check(&self) -> Result<(), String> {
        crate::persistence::check::same_len("m2", self.mean.len(), self.m2.len())
    }
}

impl ColumnMoments {
    /// No data yet, for `n_features` columns.
    pub fn empty(n_features: usize) -> Self {
        ColumnMoments {
            weight: 0.0,
            mean: Array1::zeros(n_features),
            m2: Array1::zeros(n_features),
        }
    }

    /// The moments of `x`, rows weighted by `sample_weight` (ones if `None`),
    /// and whether `x` may hold a non-finite value.
    ///
    /// The flag lets a caller skip a separate finiteness pass over the data:
    /// a NaN or infinity in `x` (even in a zero-weight row) always makes a
    /// chunk's sums non-finite, so `false` proves every value finite. `true`
    /// may also come from finite values whose sums overflow, so the caller
    /// confirms with [`check_finite`](crate::validation::check_finite).
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

    /// Merges the moments of another disjoint set of rows into these.
    pub fn merge(&mut self, other: &ColumnMoments) {
        if other.weight == 0.0 {
            return;
        }
        if self.weight == 0.0 {
            *self = other.clone();
            return;
        }
        let total = self.weight + other.weight;
        let share = other.weight / total;
        let cross = self.weight * other.weight / total;
        ndarray::Zip::from(&mut self.mean)
            .and(&mut self.m2)
            .and(&other.mean)
            .and(&other.m2)
            .for_each(|mean, m2, &other_mean, &other_m2| {
                let delta = other_mean - *mean;
                *mean += delta * share;
                *m2 += other_m2 + delta * delta * cross;
            });
        self.weight = total;
    }

    /// Population variance (divided by the total weight) of each column.
    pub fn variance(&self) -> Array1<f64> {
        if self.weight == 0.0 {
            return Array1::zeros(self.mean.len());
        }
        &self.m2 / self.weight
    }
}

/// The moments of one chunk by two passes (sum, then squared deviations from
/// the chunk mean), and whether the chunk may hold a non-finite value (see
/// [`ColumnMoments::of_flagged`]).
///
/// Each column is accumulated row after row in the same order whatever the
/// layout; contiguous rows only take a slice path that the compiler
/// vectorises across columns, so both paths give bit-identical results.
fn chunk_moments<F: Float>(rows: ArrayView2<'_, F>, weights: Option<ArrayView1<'_, F>>) -> (ColumnMoments, bool) {
    let n_features = rows.ncols();
    let weight_of = |i: usize| weights.map_or(1.0, |w| w[i].as_f64());
    let mut sum = vec![0.0f64; n_features];
    let mut weight = 0.0;
    for (i, row) in rows.outer_iter().enumerate() {
        let w = weight_of(i);
        weight += w;
        match row.as_slice() {
            Some(row) => {
                for (s, &v) in sum.iter_mut().zip(row) {
                    *s += w * v.as_f64();
                }
            }
            None => {
                for (s, &v) in sum.iter_mut().zip(row.iter()) {
                    *s += w * v.as_f64();
                }
            }
        }
    }
    // A NaN or infinity makes its column sum non-finite even under a zero
    // weight (0 * inf is NaN), so this catches it before the early return.
    let sum_non_finite = !sum.iter().all(|s| s.is_finite());
    if weight == 0.0 {
        return (ColumnMoments::empty(n_features), sum_non_finite);
    }
    let mean: Vec<f64> = sum.iter().map(|s| s / weight).collect();
    let mut m2 = vec![0.0f64; n_features];
    for (i, row) in rows.outer_iter().enumerate() {
        let w = weight_of(i);
        match row.as_slice() {
            Some(row) => {
                for ((acc, &v), &m) in m2.iter_mut().zip(row).zip(&mean) {
                    let d = v.as_f64() - m;
                    *acc += w * d * d;
                }
            }
            None => {
                for ((acc, &v), &m) in m2.iter_mut().zip(row.iter()).zip(&mean) {
                    let d = v.as_f64() - m;
                    *acc += w * d * d;
                }
            }
        }
    }
    let non_finite = sum_non_finite || !m2.iter().all(|v| v.is_finite());
    let moments = ColumnMoments {
        weight,
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
        assert_eq!(weighted.weight, 3.0);
    }

    #[test]
    fn flags_non_finite_values_even_under_zero_weight() {
        let n = 2 * ROW_CHUNK;
        let clean = Array2::from_shape_fn((n, 3), |(i, j)| (i + j) as f64);
        assert!(!ColumnMoments::of_flagged(clean.view(), None).1);

        let mut x = clean.clone();
        x[[ROW_CHUNK + 5, 1]] = f64::NAN;
        let mut w = ndarray::Array1::<f64>::ones(n);
        // The whole second chunk weighs nothing: its moments are discarded,
        // the NaN must still be reported.
        w.slice_mut(ndarray::s![ROW_CHUNK..]).fill(0.0);
        assert!(ColumnMoments::of_flagged(x.view(), Some(w.view())).1);
        x[[ROW_CHUNK + 5, 1]] = f64::NEG_INFINITY;
        assert!(ColumnMoments::of_flagged(x.view(), None).1);
    }
}
