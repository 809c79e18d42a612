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
    pub weight: f64,
    /// Weighted mean of each column.
    pub mean: Array1<f64>,
    /// Weighted sum of squared deviations from the mean, per column.
    pub m2: Array1<f64>,
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

    /// The moments of `x`, rows weighted by `sample_weight` (ones if `None`).
    pub fn of<F: Float>(x: ArrayView2<'_, F>, sample_weight: Option<ArrayView1<'_, F>>) -> Self {
        let n_features = x.ncols();
        let chunks = map_row_chunks(x, ROW_CHUNK, |start, rows| {
            let weights = sample_weight
                .as_ref()
                .map(|w| w.slice(ndarray::s![start..start + rows.nrows()]));
            chunk_moments(rows, weights)
        });
        let mut total = ColumnMoments::empty(n_features);
        for chunk in &chunks {
            total.merge(chunk);
        }
        total
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

fn chunk_moments<F: Float>(rows: ArrayView2<'_, F>, weights: Option<ArrayView1<'_, F>>) -> ColumnMoments {
    let n_features = rows.ncols();
    let weight_of = |i: usize| weights.map_or(1.0, |w| w[i].as_f64());
    let mut sum = vec![0.0f64; n_features];
    let mut weight = 0.0;
    for (i, row) in rows.outer_iter().enumerate() {
        let w = weight_of(i);
        weight += w;
        for (s, &v) in sum.iter_mut().zip(row.iter()) {
            *s += w * v.as_f64();
        }
    }
    if weight == 0.0 {
        return ColumnMoments::empty(n_features);
    }
    let mean: Vec<f64> = sum.iter().map(|s| s / weight).collect();
    let mut m2 = vec![0.0f64; n_features];
    for (i, row) in rows.outer_iter().enumerate() {
        let w = weight_of(i);
        for ((acc, &v), &m) in m2.iter_mut().zip(row.iter()).zip(mean.iter()) {
            let d = v.as_f64() - m;
            *acc += w * d * d;
        }
    }
    ColumnMoments {
        weight,
        mean: Array1::from(mean),
        m2: Array1::from(m2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};

    #[test]
    fn chunked_merge_equals_direct_two_pass() {
        let n = 3 * ROW_CHUNK + 17;
        let x = Array2::from_shape_fn((n, 2), |(i, j)| 1e6 + (i as f64 * 0.37 + j as f64).sin());
        let moments = ColumnMoments::of(x.view(), None);
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
        let weighted = ColumnMoments::of(x.view(), Some(array![1.0, 2.0, 0.0].view()));
        let repeated = ColumnMoments::of(array![[1.0], [2.0], [2.0]].view(), None);
        approx::assert_relative_eq!(weighted.mean[0], repeated.mean[0]);
        approx::assert_relative_eq!(weighted.variance()[0], repeated.variance()[0]);
        assert_eq!(weighted.weight, 3.0);
    }
}
