//! A lower bound by projection for the Euclidean brute-force k-NN of wide
//! `f64` rows: fewer flops than the full GEMM, the same exact answer.
//!
//! With `P` (`DIM × n_features`) the top principal directions of a fixed
//! subsample of the training rows (orthonormal rows) and the residual
//! `r = x − Pᵀ·P·x`, `‖x − y‖² = ‖Px − Py‖² + ‖r_x − r_y‖² ≥ ‖Px − Py‖² +
//! (‖r_x‖ − ‖r_y‖)²`: the squared distance of the *lifted* rows `(Px, ‖r_x‖)`
//! of `DIM + 1` features. One GEMM of the lifted rows (in `f32`, through the
//! kernel and rounding bound of [`super::shortlist`]) bounds every distance
//! from below at about a twelfth of the full GEMM's flops; per query, the
//! training rows of each block are taken in increasing bound order and
//! ranked by their exact `f64` distance (the function every brute-force path
//! ranks by) until the next bound exceeds the current `k`-th distance
//! (widened by the shortlist's rank slack, so every row that could tie is
//! taken). Nothing is decided on a bound alone: the neighbours, distances
//! and tie order are those of an exact search.
//!
//! The bound in floating point. `P` is only nearly orthonormal:
//! `P·Pᵀ = I + E` with `η ≥ ‖E‖₂` measured at build (its Frobenius norm plus
//! the rounding of computing it). With `z` the computed `P·x` (error `e`,
//! `‖e‖ ≤ 1.01·D·√d·u·‖x‖` for `D` features, `d = DIM`, `u = 2⁻⁵³`) and
//! `r = x − Pᵀz` exactly, `u_z = z_x − z_y` and `s = r_x − r_y`:
//! `‖x − y‖² = ‖u_z‖² − u_zᵀ·E·u_z − 2·u_z·(e_x − e_y) + ‖s‖²`, so the
//! non-orthonormality and the projection's rounding cost at most
//! `(2.1·η + 4.1·D·√d·u)·(‖x‖² + ‖y‖²)`. The residual norm is taken as
//! `ρ = √max(‖x‖² − ‖z‖², 0)` (no second product): since `‖r‖² = ‖x‖² −
//! ‖z‖² + 2e·z + zᵀEz`, the computed difference is within `κ·‖x‖²` of
//! `‖r‖²`, `κ = (2.1·D·√d + 1.01·D + 1.05·d + 3)·u + 1.1·η`, so `ρ` is
//! within `√κ'·‖x‖` of `‖r‖` (`√κ' = √κ + 1.1·u`) and `(ρ_x − ρ_y)²` within
//! `4.2·√κ'·(‖x‖² + ‖y‖²)` of `(‖r_x‖ − ‖r_y‖)²`. Each row's share of the
//! margin is twice these terms times its `‖row‖²` (`rel·‖row‖²`), plus the
//! shortlist's `f32` margin on its lifted row, whose values the shortlist's
//! range check covers. On MNIST (`D = 784`, `d = 64`) `rel ≈ 1e-5`: the
//! margin is a few hundredths of a percent of the squared norms, far below
//! the distances between images.

use super::heap::KBest;
use super::shortlist::{F32Rows, in_range, margin_terms, with_slack};
use crate::float::Float;
use crate::linalg::{f64_view, gram, matmul, symmetric_eigen};
use crate::metrics::pairwise::squared_row_norms;
use ndarray::{Array1, Array2, ArrayView2, ArrayViewMut2, Axis, s};
use rayon::prelude::*;

/// Projected dimensions (`d`).
const DIM: usize = 64;
/// Fewer features than this: the lifted GEMM would save less than a
/// quarter of the full one; the `f32` screen alone is used.
const MIN_FEATURES: usize = 4 * DIM;
/// Fewer training rows than this: the basis would cost more than it saves.
const MIN_ROWS: usize = 4096;
/// Training rows (evenly spaced, so the same on every run) the principal
/// directions come from.
const SAMPLE: usize = 2048;
/// The bound is useless on rows without a low-dimensional structure: the
/// projection is used only when `P` keeps this share of the subsample's
/// variance (MNIST: 0.86).
const MIN_CAPTURED: f64 = 0.7;
/// The largest `η` accepted (faer's eigenvectors: about 1e-14).
const MAX_DEFECT: f64 = 1e-8;
/// Rows per parallel chunk when lifting the training rows.
const LIFT_CHUNK: usize = 1024;
const U: f64 = f64::EPSILON / 2.0;

/// The basis and the lifted training rows.
#[derive(Clone, Debug)]
pub(crate) struct Projection {
    /// `P`, `DIM × n_features`.
    basis: Array2<f64>,
    /// The lifted training rows `(P·y, ρ_y)` in `f32`.
    data: Array2<f32>,
    /// Their squared norms.
    norms: Array1<f32>,
    /// Each training row's share of the margin (module note).
    margins: Vec<f64>,
    /// The shortlist's `f32` margin terms for `DIM + 1` features.
    scale: f64,
    floor: f64,
    /// The relative margin of the `f64` projection (module note).
    rel: f64,
}

impl Projection {
    /// The projection of `f64` training rows with `norms` (`‖row‖²`), or
    /// `None` when it does not pay (`f32` rows, narrow rows, few rows, rows
    /// without a dominant subspace) or the shortlist's bound does not hold
    /// (values beyond its range).
    pub(crate) fn build<F: Float>(data: ArrayView2<'_, F>, norms: &[F]) -> Option<Projection> {
        let (n, d_in) = data.dim();
        if F::NAME != "f64" || d_in < MIN_FEATURES || n < MIN_ROWS || !in_range(data) {
            return None;
        }
        let data = f64_view(data);
        let m = SAMPLE.min(n);
        let rows: Vec<usize> = (0..m).map(|i| i * n / m).collect();
        let mut sample = data.select(Axis(0), &rows);
        let mean = sample.mean_axis(Axis(0))?;
        sample -= &mean;
        let cov = gram(sample.view());
        let total: f64 = cov.diag().sum();
        let (values, vectors) = symmetric_eigen(cov.view()).ok()?;
        // Eigenvalues come in non-decreasing order: the last DIM are kept.
        let captured: f64 = values.iter().rev().take(DIM).map(|v| v.max(0.0)).sum();
        if !(total > 0.0 && captured >= MIN_CAPTURED * total) {
            return None;
        }
        let basis = vectors
            .slice(s![.., d_in - DIM..;-1])
            .t()
            .as_standard_layout()
            .into_owned();
        let eta = defect(basis.view())?;
        let rel = relative_margin(d_in, eta);
        let norms: Vec<f64> = norms.iter().map(|v| v.as_f64()).collect();
        let mut lifted = Array2::<f64>::zeros((n, DIM + 1));
        lifted
            .axis_chunks_iter_mut(Axis(0), LIFT_CHUNK)
            .into_par_iter()
            .enumerate()
            .for_each(|(c, out)| {
                let start = c * LIFT_CHUNK;
                let end = start + out.nrows();
                lift(basis.view(), data.slice(s![start..end, ..]), &norms[start..end], out);
            });
        if !in_range(lifted.view()) {
            return None;
        }
        let lifted_norms = squared_row_norms(lifted.view());
        let (scale, floor) = margin_terms(DIM + 1);
        Some(Projection {
            data: lifted.mapv(|v| v as f32),
            norms: lifted_norms.iter().map(|&v| v as f32).collect(),
            margins: lifted_norms
                .iter()
                .zip(&norms)
                .map(|(&l, &a)| scale * l + rel * a)
                .collect(),
            basis,
            scale,
            floor,
            rel,
        })
    }

    /// The `k` nearest training rows of each row of `xb`, sorted by `(distance, index)`, written to `d_block` and
    /// `i_block`; `exact(q, i)` is the exact distance between query row `q`
    /// and training row `i`. Returns `false`, writing nothing, when the
    /// lifted queries are beyond the bound's range (the caller then
    /// searches another way).
    pub(crate) fn knn<F: Float>(
        &self,
        xb: ArrayView2<'_, F>,
        k: usize,
        train_block: usize,
        exact: impl Fn(usize, usize) -> F,
        mut d_block: ArrayViewMut2<'_, F>,
        mut i_block: ArrayViewMut2<'_, usize>,
    ) -> bool {
        let x_norms: Vec<f64> = squared_row_norms(xb).iter().map(|v| v.as_f64()).collect();
        let mut lifted = Array2::<f64>::zeros((xb.nrows(), DIM + 1));
        lift(self.basis.view(), f64_view(xb).view(), &x_norms, lifted.view_mut());
        if !in_range(lifted.view()) {
            return false;
        }
        let lifted_norms = squared_row_norms(lifted.view());
        let x32 = lifted.mapv(|v| v as f32);
        let x_norms32: Array1<f32> = lifted_norms.iter().map(|&v| v as f32).collect();
        let mut heaps: Vec<KBest<F>> = (0..xb.nrows()).map(|_| KBest::new(k)).collect();
        let mut hits: Vec<(f64, usize)> = Vec::new();
        let rows = F32Rows {
            data: &self.data,
            norms: &self.norms,
            margins: &self.margins,
        };
        rows.for_each_block(x32.view(), x_norms32.view(), train_block, |start, out, y_margins| {
            for (q, row) in out.rows().into_iter().enumerate() {
                let heap = &mut heaps[q];
                let x_margin = self.scale * lifted_norms[q] + self.floor + self.rel * x_norms[q];
                let mut limit = squared_limit(heap.bound());
                hits.clear();
                for (j, (&approx, &y_margin)) in row.iter().zip(y_margins).enumerate() {
                    let lower = f64::from(approx) - y_margin - x_margin;
                    if lower <= limit {
                        hits.push((lower, start + j));
                    }
                }
                // Bounds are finite: no NaN to order.
                hits.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                for &(lower, i) in &hits {
                    if lower > limit {
                        break;
                    }
                    heap.push(exact(q, i), i);
                    limit = squared_limit(heap.bound());
                }
            }
        });
        for (r, heap) in heaps.iter_mut().enumerate() {
            heap.drain_sorted(
                d_block.row_mut(r).as_slice_mut().expect("standard layout"),
                i_block.row_mut(r).as_slice_mut().expect("standard layout"),
            );
        }
        true
    }

    /// The projection with its margin dropped: a search that can miss
    /// neighbours, to show the margin matters.
    #[cfg(test)]
    pub(super) fn without_margin(mut self) -> Projection {
        self.margins.iter_mut().for_each(|m| *m = 0.0);
        self.scale = 0.0;
        self.floor = 0.0;
        self.rel = 0.0;
        self
    }
}

/// The squared distance a row's lower bound must not exceed to be ranked:
/// the `k`-th exact distance squared, widened by the shortlist's rank slack
/// for the `f64` rounding of the exact distances (infinity before `k`).
#[inline]
fn squared_limit<F: Float>(bound: F) -> f64 {
    let b = bound.as_f64();
    with_slack(b * b)
}

/// Writes the lifted rows `(P·x, ρ_x)` of `x` (`norms`: `‖row‖²`) to `out`.
fn lift(basis: ArrayView2<'_, f64>, x: ArrayView2<'_, f64>, norms: &[f64], mut out: ArrayViewMut2<'_, f64>) {
    matmul(out.slice_mut(s![.., ..DIM]), x, basis.t(), false);
    for (mut row, &a) in out.rows_mut().into_iter().zip(norms) {
        let z = row.slice(s![..DIM]);
        let residual = (a - z.dot(&z)).max(0.0);
        row[DIM] = residual.sqrt();
    }
}

/// `η`, a bound on `‖P·Pᵀ − I‖₂`: the Frobenius norm of the computed
/// difference plus the rounding of its entries (each within
/// `1.01·D·u·(1 + η)` of exact); `None` beyond [`MAX_DEFECT`].
fn defect(basis: ArrayView2<'_, f64>) -> Option<f64> {
    let (d, d_in) = basis.dim();
    let mut g = Array2::<f64>::zeros((d, d));
    matmul(g.view_mut(), basis, basis.t(), false);
    for i in 0..d {
        g[[i, i]] -= 1.0;
    }
    let frobenius = g.iter().map(|v| v * v).sum::<f64>().sqrt();
    let rounding = 1.01 * (d * d_in) as f64 * U;
    let eta = (frobenius + rounding) / (1.0 - rounding) * (1.0 + 4.0 * U);
    (eta <= MAX_DEFECT).then_some(eta)
}

/// `rel` of the module note for `d_in` features: twice the `f64` error
/// terms, per unit of `‖x‖² + ‖y‖²`.
fn relative_margin(d_in: usize, eta: f64) -> f64 {
    let (big_d, d) = (d_in as f64, DIM as f64);
    let projection = 4.1 * big_d * d.sqrt() * U;
    let kappa = (2.1 * big_d * d.sqrt() + 1.01 * big_d + 1.05 * d + 3.0) * U + 1.1 * eta;
    let residual = 4.2 * (kappa.sqrt() + 1.1 * U);
    2.0 * (2.1 * eta + projection + residual)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_margin_is_small_on_mnist_sized_rows() {
        let rel = relative_margin(784, 1e-14);
        assert!(rel > 1e-6 && rel < 2e-5, "{rel}");
    }
}
