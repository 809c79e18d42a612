//! Column moments over rows split between ranks, exact for any split: the
//! two passes of the single-process algorithm (the mean, then the squared
//! deviations from it), each sum over rows an all-reduced [`ExactSums`].

use super::communicator::Communicator;
use super::exact_sum::ExactSums;
use crate::error::Result;
use crate::float::Float;
use crate::moments::ColumnMoments;
use ndarray::{Array1, ArrayView2};

/// The weighted count, mean and sum of squared deviations of every column
/// of all ranks' rows (this rank's are `x`, weighted by `weight` or ones),
/// `NaN` left out as a missing value; the same bits on every rank for any
/// split of the rows.
pub(crate) fn exact_column_moments<C: Communicator + ?Sized, F: Float>(
    comm: &C,
    x: ArrayView2<'_, F>,
    weight: Option<&[f64]>,
) -> Result<ColumnMoments> {
    let p = x.ncols();
    let weight_of = |i: usize| weight.map_or(1.0, |w| w[i]);

    // Pass 1: per column, the weight of its non-missing values and their
    // weighted sum.
    let mut first = ExactSums::new(2 * p);
    for (i, row) in x.outer_iter().enumerate() {
        let w = weight_of(i);
        for (j, v) in row.iter().enumerate() {
            let v = v.as_f64();
            if !v.is_nan() {
                first.add(j, w);
                first.add(p + j, w * v);
            }
        }
    }
    first.all_reduce(comm)?;
    let sums = first.values();
    // A column with no value keeps mean 0, as `ColumnMoments` does.
    let mean: Array1<f64> = (0..p)
        .map(|j| if sums[j] == 0.0 { 0.0 } else { sums[p + j] / sums[j] })
        .collect();

    // Pass 2: the weighted squared deviations from the global mean.
    let mut second = ExactSums::new(p);
    for (i, row) in x.outer_iter().enumerate() {
        let w = weight_of(i);
        for (j, v) in row.iter().enumerate() {
            let v = v.as_f64();
            if !v.is_nan() {
                let d = v - mean[j];
                second.add(j, w * d * d);
            }
        }
    }
    second.all_reduce(comm)?;
    Ok(ColumnMoments {
        weight: Array1::from(sums[..p].to_vec()),
        mean,
        m2: Array1::from(second.values()),
    })
}
