//! The `brute` method: the model's response on copies of `x` whose target
//! columns hold one grid point, averaged over the rows.

use super::{PartialDependenceModel, ResponseMethod};
use crate::error::{Error, Result};
use crate::float::Float;
use ndarray::{Array2, ArrayView1, ArrayView2};
use rayon::prelude::*;

/// The responses at every grid point: one `n_rows × n_outputs` matrix per
/// point, in grid order. Parallel over the points; each worker thread
/// writes the points into its own copy of `x` (every target column is
/// overwritten for every point, so a copy's history does not matter and
/// the result is the same on any number of threads).
pub(super) fn responses<F: Float, M: PartialDependenceModel<F> + ?Sized>(
    context: &'static str,
    model: &M,
    x: ArrayView2<'_, F>,
    features: &[usize],
    points: &[Vec<F>],
    response_method: ResponseMethod,
) -> Result<Vec<Array2<F>>> {
    let all: Vec<Result<Array2<F>>> = points
        .par_iter()
        .map_init(
            || x.to_owned(),
            |work, point| {
                for (&feature, &value) in features.iter().zip(point) {
                    work.column_mut(feature).fill(value);
                }
                model.pd_response(work.view(), response_method)
            },
        )
        .collect();
    let all: Vec<Array2<F>> = all.into_iter().collect::<Result<_>>()?;
    let n_outputs = all.first().map_or(0, |r| r.ncols());
    for r in &all {
        if r.nrows() != x.nrows() || r.ncols() != n_outputs || n_outputs == 0 {
            return Err(Error::invalid_input(
                context,
                format!(
                    "the model's response has shape {:?}; expected {} rows and the same number (>= 1) of outputs \
                     at every grid point",
                    r.dim(),
                    x.nrows()
                ),
            ));
        }
    }
    Ok(all)
}

/// The (weighted) mean over the rows of each output of one response:
/// `sum(w · r) / sum(w)` (numpy's `average`), summed in row order.
pub(super) fn average<F: Float>(response: &Array2<F>, weights: Option<ArrayView1<'_, F>>) -> Vec<f64> {
    (0..response.ncols())
        .map(|c| {
            let column = response.column(c);
            match weights {
                None => column.iter().map(|v| v.as_f64()).sum::<f64>() / column.len() as f64,
                Some(w) => {
                    let total: f64 = w.iter().map(|v| v.as_f64()).sum();
                    column.iter().zip(w).map(|(v, w)| v.as_f64() * w.as_f64()).sum::<f64>() / total
                }
            }
        })
        .collect()
}
