//! Brute-force neighbour search: every training row against every query
//! row, as scikit-learn's `algorithm="brute"` (its `ArgKmin` and
//! `RadiusNeighbors` reductions).
//!
//! Query rows go in fixed blocks, in parallel; within a block the training
//! rows go in chunks, so the distance block stays in cache however many
//! training rows there are (memory does not grow with their number).
//! Euclidean distances come from the GEMM kernel (`‖x‖² − 2x·y + ‖y‖²`)
//! and the `k` kept ones are then recomputed exactly, so that a distance of
//! zero is zero; other metrics use [`distances_into`] directly.

use super::heap::KBest;
use super::tree::{check_k, check_radius, sorted_neighbourhood};
use crate::error::Result;
use crate::float::Float;
use crate::metrics::Metric;
use crate::metrics::pairwise::{distances_into, squared_euclidean_into, squared_row_norms};
use crate::validation::{check_array, check_predict_input};
use ndarray::{Array1, Array2, ArrayView2, ArrayViewMut2, Axis, s};
use rayon::prelude::*;

/// Query rows per parallel block.
const QUERY_BLOCK: usize = 64;
/// Training rows per distance block (a block is `QUERY_BLOCK × TRAIN_BLOCK`).
const TRAIN_BLOCK: usize = 2048;

/// The training rows and what the search needs of them.
#[derive(Clone, Debug)]
pub(crate) struct Brute<F> {
    data: Array2<F>,
    /// `‖row‖²` of each training row (Euclidean only; empty otherwise).
    norms: Array1<F>,
    metric: Metric,
}

impl<F: Float> Brute<F> {
    /// Checks and keeps a copy of the training rows.
    pub(crate) fn new(context: &'static str, x: ArrayView2<'_, F>, metric: Metric) -> Result<Self> {
        metric.check(context)?;
        check_array(context, x)?;
        let metric = metric.canonical();
        let norms = if metric == Metric::Euclidean {
            squared_row_norms(x)
        } else {
            Array1::zeros(0)
        };
        Ok(Brute {
            data: x.as_standard_layout().into_owned(),
            norms,
            metric,
        })
    }

    pub(crate) fn data(&self) -> ArrayView2<'_, F> {
        self.data.view()
    }

    /// Calls `visit(query_row, training_offset, block)` with the distances
    /// (squared for Euclidean) between the rows of `xb` and each chunk of
    /// training rows in order.
    fn for_each_block(&self, xb: ArrayView2<'_, F>, mut visit: impl FnMut(usize, ArrayView2<'_, F>)) {
        let n = self.data.nrows();
        let x_norms = if self.metric == Metric::Euclidean {
            squared_row_norms(xb)
        } else {
            Array1::zeros(0)
        };
        let mut block = Array2::zeros((xb.nrows(), TRAIN_BLOCK.min(n)));
        for start in (0..n).step_by(TRAIN_BLOCK) {
            let end = (start + TRAIN_BLOCK).min(n);
            let y = self.data.slice(s![start..end, ..]);
            let mut out: ArrayViewMut2<'_, F> = block.slice_mut(s![.., ..end - start]);
            if self.metric == Metric::Euclidean {
                squared_euclidean_into(out.view_mut(), xb, x_norms.view(), y, self.norms.slice(s![start..end]));
            } else {
                distances_into(out.view_mut(), xb, y, self.metric);
            }
            visit(start, out.view());
        }
    }

    /// The exact distance between a query row and training row `i`.
    fn exact(&self, row: ndarray::ArrayView1<'_, F>, i: usize) -> F {
        self.metric.distance(row, self.data.row(i))
    }

    /// The `k` nearest training rows of each row of `x`, sorted by
    /// `(distance, index)`.
    pub(crate) fn query(
        &self,
        context: &'static str,
        x: ArrayView2<'_, F>,
        k: usize,
    ) -> Result<(Array2<F>, Array2<usize>)> {
        check_predict_input(context, self.data.ncols(), x)?;
        check_k(context, k, self.data.nrows())?;
        let m = x.nrows();
        let mut distances = Array2::zeros((m, k));
        let mut indices = Array2::zeros((m, k));
        distances
            .axis_chunks_iter_mut(Axis(0), QUERY_BLOCK)
            .into_par_iter()
            .zip(indices.axis_chunks_iter_mut(Axis(0), QUERY_BLOCK).into_par_iter())
            .zip(x.axis_chunks_iter(Axis(0), QUERY_BLOCK).into_par_iter())
            .for_each(|((mut d_block, mut i_block), xb)| {
                let mut heaps: Vec<KBest<F>> = (0..xb.nrows()).map(|_| KBest::new(k)).collect();
                self.for_each_block(xb, |offset, block| {
                    for (heap, row) in heaps.iter_mut().zip(block.rows()) {
                        for (j, &d) in row.iter().enumerate() {
                            if d <= heap.bound() {
                                heap.push(d, offset + j);
                            }
                        }
                    }
                });
                for (r, heap) in heaps.iter_mut().enumerate() {
                    let mut found = vec![(F::zero(), 0usize); k];
                    let (mut d, mut i) = (vec![F::zero(); k], vec![0usize; k]);
                    heap.drain_sorted(&mut d, &mut i);
                    for (slot, (&dist, &idx)) in found.iter_mut().zip(d.iter().zip(&i)) {
                        *slot = match self.metric {
                            // The GEMM's squared distances chose the k;
                            // report (and order by) the exact distances.
                            Metric::Euclidean => (self.exact(xb.row(r), idx), idx),
                            _ => (dist, idx),
                        };
                    }
                    let (idx, dist) = sorted_neighbourhood(found);
                    d_block.row_mut(r).assign(&Array1::from(dist));
                    i_block.row_mut(r).assign(&Array1::from(idx));
                }
            });
        Ok((distances, indices))
    }

    /// The training rows within `r` (inclusive) of each row of `x`, sorted
    /// by `(distance, index)`.
    #[allow(clippy::type_complexity)]
    pub(crate) fn query_radius(
        &self,
        context: &'static str,
        x: ArrayView2<'_, F>,
        r: F,
    ) -> Result<Vec<(Vec<usize>, Vec<F>)>> {
        check_predict_input(context, self.data.ncols(), x)?;
        check_radius(context, r)?;
        let blocks: Vec<Vec<(Vec<usize>, Vec<F>)>> = x
            .axis_chunks_iter(Axis(0), QUERY_BLOCK)
            .into_par_iter()
            .map(|xb| {
                let mut found: Vec<Vec<(F, usize)>> = vec![Vec::new(); xb.nrows()];
                // The GEMM's squared distances are off by a rounding error
                // of the norms' size: keep candidates within that margin,
                // then decide on the exact distance.
                let margin = F::epsilon() * F::cast(64.0);
                let x_norms = squared_row_norms(xb);
                self.for_each_block(xb, |offset, block| {
                    for (q, (hits, row)) in found.iter_mut().zip(block.rows()).enumerate() {
                        for (j, &d) in row.iter().enumerate() {
                            let i = offset + j;
                            let keep = match self.metric {
                                Metric::Euclidean => {
                                    d <= r * r + margin * (x_norms[q] + self.norms[i])
                                        && self.metric.reduced_distance(xb.row(q), self.data.row(i)) <= r * r
                                }
                                _ => d <= r,
                            };
                            if keep {
                                let exact = if self.metric == Metric::Euclidean {
                                    self.exact(xb.row(q), i)
                                } else {
                                    d
                                };
                                hits.push((exact, i));
                            }
                        }
                    }
                });
                found.into_iter().map(sorted_neighbourhood).collect()
            })
            .collect();
        Ok(blocks.into_iter().flatten().collect())
    }
}
