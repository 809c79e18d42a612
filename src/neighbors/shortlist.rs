//! An `f32` screen for the Euclidean brute-force k-NN of `f64` rows.
//!
//! The brute-force search is one GEMM of the queries by the training rows;
//! on wide rows (MNIST: 784 features) it is all of the time. The screen runs
//! that GEMM in `f32` (twice the flops per instruction, half the memory
//! traffic) with a rigorous bound on its rounding error, keeps every
//! training row that could be among the `k` nearest, and the caller ranks
//! those few by their exact `f64` distances. The neighbours, their
//! distances and the tie order are then those of an exact search: nothing
//! is decided on an `f32` value.
//!
//! The bound. With `a = ‖x‖²`, `b = ‖y‖²`, `p = x·y` and `u = 2⁻²⁴`, the
//! screen computes `fl(fl(−2p̃ + ã) + b̃)` where `ã`, `b̃` are the norms
//! rounded to `f32` (error ≤ 1.01·u·a) and `p̃` the `f32` GEMM of the
//! rounded rows (error ≤ (n + 3)·1.01·u·Σ|xᵢyᵢ| ≤ (n + 3)·1.01·u·(a + b)/2
//! in any summation order, with or without FMA). The two additions add at
//! most `u·2.04(a + b)` and `u·3.06(a + b)`, so the error is at most
//! `(1.01·n + 9.1)·u·(a + b)`; values that underflow in `f32` add at most
//! `(n + 8)·2⁻¹⁰¹` when every value is at most 2⁴⁰ in magnitude (the range
//! the screen accepts; outside it the caller searches in `f64`). The margin
//! used is twice that: `(n + 10)·2⁻²³·(a + b) + (n + 8)·2⁻¹⁰⁰`, which also
//! covers the `f64` arithmetic of the bounds and of the exact distances.

use super::heap::KBest;
use crate::float::Float;
use crate::metrics::pairwise::squared_euclidean_into;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, s};

/// Fewer features than this: the GEMM is not the cost, the screen would
/// only add work.
const MIN_FEATURES: usize = 32;
/// The largest magnitude the error bound covers (2⁴⁰; squared norms of up
/// to 2²⁴ features stay far from `f32` overflow).
const MAX_ABS: f64 = 1_099_511_627_776.0;
/// Relative slack on the `k`-th upper bound for the `f64` rounding of the
/// exact distances (about `n·2⁻⁵³` relative) the ranking uses.
const RANK_SLACK: f64 = 1e-10;

/// Whether every value of `x` lies in the range the bound covers.
pub(crate) fn in_range<F: Float>(x: ArrayView2<'_, F>) -> bool {
    x.iter().all(|v| v.as_f64().abs() <= MAX_ABS)
}

/// The training rows in `f32`, with their squared norms in both precisions.
#[derive(Clone, Debug)]
pub(crate) struct Screen {
    data: Array2<f32>,
    norms: Array1<f32>,
    /// Each row's share of the margin, `scale·‖row‖²` (see [`margin_terms`]).
    margins: Vec<f64>,
}

impl Screen {
    /// The screen of `f64` training rows with `norms` (`‖row‖²`), or `None`
    /// when it would not pay (`f32` rows, narrow rows) or the bound does
    /// not hold (values beyond 2⁴⁰).
    pub(crate) fn build<F: Float>(data: ArrayView2<'_, F>, norms: &[F]) -> Option<Screen> {
        if F::NAME != "f64" || data.ncols() < MIN_FEATURES || !in_range(data) {
            return None;
        }
        let (scale, _) = margin_terms(data.ncols());
        Some(Screen {
            data: data.mapv(|v| v.as_f64() as f32),
            norms: norms.iter().map(|v| v.as_f64() as f32).collect(),
            margins: norms.iter().map(|v| scale * v.as_f64()).collect(),
        })
    }

    /// For each row of `xb` (rows in range, see [`in_range`]; `x_norms`
    /// their `‖row‖²`), the training rows whose distance may be among the
    /// `k` smallest: a superset of the exact `k` nearest, ties included,
    /// in increasing index order. `train_block` training rows go per GEMM.
    pub(crate) fn candidates<F: Float>(
        &self,
        xb: ArrayView2<'_, F>,
        x_norms: &[F],
        k: usize,
        train_block: usize,
    ) -> Vec<Vec<usize>> {
        let d = self.data.ncols();
        let (scale, floor) = margin_terms(d);
        let x32 = xb.mapv(|v| v.as_f64() as f32);
        let x_norms32: Array1<f32> = x_norms.iter().map(|v| v.as_f64() as f32).collect();
        // Per query: the k smallest upper bounds (their largest bounds the
        // k-th distance) and the rows whose lower bound is within it.
        let mut upper: Vec<KBest<f64>> = (0..xb.nrows()).map(|_| KBest::new(k)).collect();
        let mut found: Vec<Vec<(f64, usize)>> = vec![Vec::new(); xb.nrows()];
        let rows = F32Rows {
            data: &self.data,
            norms: &self.norms,
            margins: &self.margins,
        };
        rows.for_each_block(x32.view(), x_norms32.view(), train_block, |start, out, y_margins| {
            for (q, row) in out.rows().into_iter().enumerate() {
                let (heap, hits) = (&mut upper[q], &mut found[q]);
                // The margin of pair (q, i) is `x_margin + y_margins[i]`.
                let x_margin = scale * x_norms[q].as_f64() + floor;
                let mut threshold = with_slack(heap.bound()) + x_margin;
                for (j, (&approx, &y_margin)) in row.iter().zip(y_margins).enumerate() {
                    let approx = f64::from(approx);
                    if approx - y_margin <= threshold {
                        heap.push(approx + y_margin + x_margin, start + j);
                        hits.push((approx - y_margin - x_margin, start + j));
                        threshold = with_slack(heap.bound()) + x_margin;
                    }
                }
                // The bound only falls: drop the rows now beyond it.
                let bound = with_slack(heap.bound());
                hits.retain(|&(lower, _)| lower <= bound);
            }
        });
        found
            .into_iter()
            .map(|hits| hits.into_iter().map(|(_, i)| i).collect())
            .collect()
    }
}

/// Training rows in `f32` with their squared norms and per-row margins:
/// what the screen and the projected screen ([`super::projection`]) keep.
pub(crate) struct F32Rows<'a> {
    pub data: &'a Array2<f32>,
    pub norms: &'a Array1<f32>,
    pub margins: &'a [f64],
}

impl F32Rows<'_> {
    /// Calls `visit(start, distances, margins)` for each block of
    /// `train_block` training rows from `start`: the `f32` squared
    /// distances of every query row of `x32` (squared norms `x_norms32`) to
    /// them, one GEMM per block, and the block's rows' margins.
    pub fn for_each_block(
        &self,
        x32: ArrayView2<'_, f32>,
        x_norms32: ArrayView1<'_, f32>,
        train_block: usize,
        mut visit: impl FnMut(usize, ArrayView2<'_, f32>, &[f64]),
    ) {
        let n = self.data.nrows();
        let mut block = Array2::<f32>::zeros((x32.nrows(), train_block.min(n)));
        for start in (0..n).step_by(train_block) {
            let end = (start + train_block).min(n);
            let mut out = block.slice_mut(s![.., ..end - start]);
            squared_euclidean_into(
                out.view_mut(),
                x32,
                x_norms32,
                self.data.slice(s![start..end, ..]),
                self.norms.slice(s![start..end]),
            );
            visit(start, out.view(), &self.margins[start..end]);
        }
    }
}

/// The margin of a pair of rows of `d` features is `scale·(‖x‖² + ‖y‖²) +
/// floor`: twice the bound of the module's note (also the margin of the
/// projected screen, [`super::projection`], on its lifted rows).
pub(crate) fn margin_terms(d: usize) -> (f64, f64) {
    let d = d as f64;
    ((d + 10.0) * f64::powi(2.0, -23), (d + 8.0) * f64::powi(2.0, -100))
}

/// `bound` widened by [`RANK_SLACK`] (infinity stays infinity).
#[inline]
pub(crate) fn with_slack(bound: f64) -> f64 {
    bound * (1.0 + RANK_SLACK)
}
