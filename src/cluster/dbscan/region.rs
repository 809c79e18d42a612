//! DBSCAN's region queries: the rows within `eps` of a row, from a k-d
//! tree or ball tree (`crate::neighbors`, visited without storing the
//! neighbours) or by blocked brute force. Everything DBSCAN asks of the
//! data goes through [`RegionQuery`].
//!
//! Memory stays proportional to the rows: brute-force distances are
//! computed a block of query rows against a block of data rows at a time,
//! and neighbourhoods are handed to the caller one query block at a time,
//! never stored for all rows.

use crate::error::Result;
use crate::float::Float;
use crate::metrics::Metric;
use crate::metrics::pairwise::distances_into;
use crate::neighbors::{Algorithm, BallTree, KDTree};
use ndarray::{Array2, ArrayView2, Axis, s};
use rayon::prelude::*;

/// Query rows per block: enough for the distance kernel's parallel blocks.
const QUERY_ROWS: usize = 1024;
/// Data rows per block: a `QUERY_ROWS × DATA_ROWS` block of distances is
/// 16 MB in `f64`, whatever the number of rows.
const DATA_ROWS: usize = 2048;

/// The search behind the queries.
enum Index<F> {
    Brute,
    KdTree(KDTree<F>),
    BallTree(BallTree<F>),
}

/// Radius queries against the rows of `x`.
pub(super) struct RegionQuery<'a, F> {
    x: ArrayView2<'a, F>,
    eps: F,
    metric: Metric,
    index: Index<F>,
}

impl<'a, F: Float> RegionQuery<'a, F> {
    /// Builds the search `algorithm` resolves to (scikit-learn's `auto`
    /// rule: a k-d tree for a true metric on at most 15 features).
    pub(super) fn new(
        x: ArrayView2<'a, F>,
        eps: f64,
        metric: Metric,
        algorithm: Algorithm,
        leaf_size: usize,
    ) -> Result<Self> {
        let index = match algorithm.resolve(metric, x.nrows(), x.ncols(), None) {
            Algorithm::KdTree => Index::KdTree(KDTree::build_named(super::NAME, x, leaf_size, metric)?),
            Algorithm::BallTree => Index::BallTree(BallTree::build_named(super::NAME, x, leaf_size, metric)?),
            _ => Index::Brute,
        };
        Ok(RegionQuery {
            x,
            eps: F::cast(eps),
            metric,
            index,
        })
    }

    /// Calls `f(j)` for every row `j` within `eps` of `point`, through the
    /// tree (`None` for brute force).
    fn tree_visit(&self, point: &[F], f: &mut impl FnMut(usize)) -> Option<()> {
        let r = self.metric.canonical().to_reduced(self.eps);
        match &self.index {
            Index::Brute => return None,
            Index::KdTree(tree) => tree.inner().each_within(point, r, &mut |j, _| f(j)),
            Index::BallTree(tree) => tree.inner().each_within(point, r, &mut |j, _| f(j)),
        }
        Some(())
    }

    /// `f` on each of the rows `rows` (indices into `x`), in parallel over
    /// fixed chunks, results in order.
    fn par_map_rows<T: Send>(&self, rows: &[usize], f: impl Fn(&[F]) -> T + Sync) -> Vec<T> {
        rows.par_chunks(256)
            .flat_map_iter(|chunk| {
                let mut point = vec![F::zero(); self.x.ncols()];
                chunk
                    .iter()
                    .map(|&i| {
                        point.iter_mut().zip(self.x.row(i)).for_each(|(p, &v)| *p = v);
                        f(&point)
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
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
        if !matches!(self.index, Index::Brute) {
            let all: Vec<usize> = (0..n).collect();
            return self.par_map_rows(&all, |point| {
                let mut count = 0.0;
                self.tree_visit(point, &mut |j| count += weights[j]);
                count
            });
        }
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
    /// order, with the rows within `eps` of it (in increasing order for brute
    /// force, tree order otherwise: the labels do not depend on it).
    pub(super) fn neighbourhoods(&self, queries: &[usize], mut visit: impl FnMut(usize, &[usize])) {
        if !matches!(self.index, Index::Brute) {
            for chunk in queries.chunks(QUERY_ROWS) {
                let found = self.par_map_rows(chunk, |point| {
                    let mut list = Vec::new();
                    self.tree_visit(point, &mut |j| list.push(j));
                    list
                });
                for (&q, list) in chunk.iter().zip(&found) {
                    visit(q, list);
                }
            }
            return;
        }
        for chunk in queries.chunks(QUERY_ROWS) {
            let rows = self.x.select(Axis(0), chunk);
            let mut found: Vec<Vec<usize>> = vec![Vec::new(); chunk.len()];
            self.for_each_data_block(rows.view(), |start, distances| {
                found
                    .par_iter_mut()
                    .zip(distances.axis_iter(Axis(0)).into_par_iter())
                    .for_each(|(list, row)| {
                        list.extend(
                            row.iter()
                                .enumerate()
                                .filter(|(_, d)| **d <= self.eps)
                                .map(|(j, _)| start + j),
                        );
                    });
            });
            for (&q, list) in chunk.iter().zip(&found) {
                visit(q, list);
            }
        }
    }
}
