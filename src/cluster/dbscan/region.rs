//! DBSCAN's region queries: the rows within `eps` of a row. Everything
//! DBSCAN asks of the data goes through [`RegionQuery`], so the search
//! behind it (blocked brute force today) changes in this one place.
//!
//! Memory stays proportional to the rows: distances are computed a block
//! of query rows against a block of data rows at a time, and neighbourhoods
//! are handed to the caller one query block at a time, never stored for
//! all rows.

use crate::float::Float;
use crate::metrics::Metric;
use crate::metrics::pairwise::distances_into;
use ndarray::{Array2, ArrayView2, Axis, s};
use rayon::prelude::*;

/// Query rows per block: enough for the distance kernel's parallel blocks.
const QUERY_ROWS: usize = 1024;
/// Data rows per block: a `QUERY_ROWS × DATA_ROWS` block of distances is
/// 16 MB in `f64`, whatever the number of rows.
const DATA_ROWS: usize = 2048;

/// Radius queries against the rows of `x`.
pub(super) struct RegionQuery<'a, F> {
    x: ArrayView2<'a, F>,
    eps: F,
    metric: Metric,
}

impl<'a, F: Float> RegionQuery<'a, F> {
    pub(super) fn new(x: ArrayView2<'a, F>, eps: f64, metric: Metric) -> Self {
        RegionQuery {
            x,
            eps: F::cast(eps),
            metric,
        }
    }

    /// Calls `visit(block_start, distances)` for each block of data rows,
    /// `distances` being `queries.nrows() × block` (rows of `queries` in order).
    fn for_each_data_block(&self, queries: ArrayView2<'_, F>, mut visit: impl FnMut(usize, ArrayView2<'_, F>)) {
        let n = self.x.nrows();
        let mut block = Array2::<F>::zeros((queries.nrows(), DATA_ROWS.min(n)));
        for start in (0..n).step_by(DATA_ROWS) {
            let end = (start + DATA_ROWS).min(n);
            let mut view = block.slice_mut(s![.., ..end - start]);
            distances_into(view.view_mut(), queries, self.x.slice(s![start..end, ..]), self.metric);
            visit(start, view.view());
        }
    }

    /// For every row, the total weight of the rows within `eps` of it
    /// (itself included), summed in row order.
    pub(super) fn weighted_counts(&self, weights: &[f64]) -> Vec<f64> {
        let n = self.x.nrows();
        let mut counts = vec![0.0; n];
        for q_start in (0..n).step_by(QUERY_ROWS) {
            let q_end = (q_start + QUERY_ROWS).min(n);
            let queries = self.x.slice(s![q_start..q_end, ..]);
            let out = &mut counts[q_start..q_end];
            self.for_each_data_block(queries, |start, distances| {
                out.par_iter_mut()
                    .zip(distances.axis_iter(Axis(0)).into_par_iter())
                    .for_each(|(count, row)| {
                        for (j, &d) in row.iter().enumerate() {
                            if d <= self.eps {
                                *count += weights[start + j];
                            }
                        }
                    });
            });
        }
        counts
    }

    /// Calls `visit(query, neighbours)` for each row index in `queries`, in
    /// order, with the rows within `eps` of it in increasing order.
    pub(super) fn neighbourhoods(&self, queries: &[usize], mut visit: impl FnMut(usize, &[usize])) {
        for chunk in queries.chunks(QUERY_ROWS) {
            let rows = self.x.select(Axis(0), chunk);
            let mut found: Vec<Vec<usize>> = vec![Vec::new(); chunk.len()];
            self.for_each_data_block(rows.view(), |start, distances| {
                found
                    .par_iter_mut()
                    .zip(distances.axis_iter(Axis(0)).into_par_iter())
                    .for_each(|(list, row)| {
                        list.extend(row.iter().enumerate().filter(|(_, d)| **d <= self.eps).map(|(j, _)| start + j));
                    });
            });
            for (&q, list) in chunk.iter().zip(&found) {
                visit(q, list);
            }
        }
    }
}
