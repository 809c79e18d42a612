//! Brute-force neighbour search on sparse training rows (scikit-learn's
//! `algorithm="brute"` on a CSR matrix): the rows are kept sparse and every
//! distance runs over stored values only.
//!
//! Each query row is scattered once into a dense vector, so its dot product
//! with a training row costs that row's stored values. Euclidean distances
//! come from `‖x‖² − 2x·y + ‖y‖²` and the `k` kept ones are recomputed
//! exactly over the union of the two rows' columns (as the dense search
//! recomputes them), which equals the dense exact distance bit for bit;
//! Manhattan distances are such exact sums at once; cosine distances use
//! the dense formula on sparse dot products. Other metrics are refused, as
//! scikit-learn refuses them on sparse input.

use super::heap::KBest;
use super::search::Search;
use super::tree::sorted_neighbourhood;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::metrics::Metric;
use crate::metrics::pairwise::cosine_from_parts;
use crate::sparse::{CsrMatrix, check_matrix, scattered_dot, sparse_difference_sum};
use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;

/// Query rows per parallel task.
const QUERY_BLOCK: usize = 64;

/// Sparse training rows and their squared norms.
#[derive(Clone, Debug)]
pub(crate) struct SparseBrute<F> {
    data: CsrMatrix<F>,
    /// `‖row‖²` of each training row (Euclidean and cosine).
    norms: Vec<F>,
    metric: Metric,
}

/// `(columns, values)` of a sparse row.
type Row<'a, F> = (&'a [u32], &'a [F]);

fn row<F: Float>(x: &CsrMatrix<F>, i: usize) -> Row<'_, F> {
    let r = x.row(i);
    (r.indices, r.values)
}

fn squared_norm<F: Float>((_, values): Row<'_, F>) -> F {
    values.iter().fold(F::zero(), |s, &v| s + v * v)
}

impl<F: Float> SparseBrute<F> {
    /// Checks and keeps a copy of the sparse training rows; the metric must
    /// be Euclidean (`Minkowski(2)`), Manhattan (`Minkowski(1)`) or cosine.
    pub(crate) fn new(context: &'static str, x: &CsrMatrix<F>, metric: Metric) -> Result<Self> {
        metric.check(context)?;
        let metric = metric.canonical();
        if !matches!(metric, Metric::Euclidean | Metric::Manhattan | Metric::Cosine) {
            return Err(Error::invalid_parameter(
                context,
                "metric",
                "Euclidean, Manhattan or Cosine (or Minkowski with p = 1 or 2) for sparse input \
                 (densify X for other metrics)",
                format!("{metric:?}"),
            ));
        }
        check_matrix(context, x.into())?;
        let norms = (0..x.nrows()).map(|i| squared_norm(row(x, i))).collect();
        Ok(SparseBrute {
            data: x.clone(),
            norms,
            metric,
        })
    }

    /// The training rows.
    pub(crate) fn data(&self) -> &CsrMatrix<F> {
        &self.data
    }

    /// The exact squared Euclidean distance between a query row and
    /// training row `i`.
    fn exact_squared(&self, query: Row<'_, F>, i: usize) -> F {
        sparse_difference_sum(query, row(&self.data, i), |v| v * v)
    }

    /// Calls `visit(i, d)` for every training row `i` with its distance to
    /// `query` (squared and approximate for Euclidean, exact otherwise).
    fn for_each_distance(&self, query: Row<'_, F>, dense: &mut [F], mut visit: impl FnMut(usize, F)) {
        match self.metric {
            Metric::Manhattan => {
                for i in 0..self.data.nrows() {
                    visit(i, sparse_difference_sum(query, row(&self.data, i), |v| v.abs()));
                }
            }
            metric => {
                for (&j, &v) in query.0.iter().zip(query.1) {
                    dense[j as usize] = v;
                }
                let query_norm = squared_norm(query);
                let two = F::cast(2.0);
                for i in 0..self.data.nrows() {
                    let train = row(&self.data, i);
                    let dot = scattered_dot(dense, train.0, train.1);
                    visit(
                        i,
                        match metric {
                            Metric::Euclidean => (query_norm - two * dot + self.norms[i]).max(F::zero()),
                            _ => cosine_from_parts(dot, query_norm.sqrt(), self.norms[i].sqrt()),
                        },
                    );
                }
                for &j in query.0 {
                    dense[j as usize] = F::zero();
                }
            }
        }
    }

    /// The `k` nearest training rows of each row of `x` (checked), sorted by
    /// `(distance, index)`.
    pub(crate) fn knn_sparse(&self, x: &CsrMatrix<F>, k: usize) -> (Array2<F>, Array2<usize>) {
        let found: Vec<(Vec<usize>, Vec<F>)> = self.per_query(x, |query, dense| {
            let mut heap = KBest::new(k);
            self.for_each_distance(query, dense, |i, d| {
                if d <= heap.bound() {
                    heap.push(d, i);
                }
            });
            let (mut d, mut i) = (vec![F::zero(); k], vec![0usize; k]);
            heap.drain_sorted(&mut d, &mut i);
            let kept = d
                .into_iter()
                .zip(i)
                .map(|(d, i)| match self.metric {
                    // The approximate squared distances chose the k; report
                    // (and order by) the exact distances.
                    Metric::Euclidean => (self.exact_squared(query, i).sqrt(), i),
                    _ => (d, i),
                })
                .collect();
            sorted_neighbourhood(kept)
        });
        let mut distances = Array2::zeros((x.nrows(), k));
        let mut indices = Array2::zeros((x.nrows(), k));
        for (r, (i, d)) in found.into_iter().enumerate() {
            for (c, (i, d)) in i.into_iter().zip(d).enumerate() {
                indices[[r, c]] = i;
                distances[[r, c]] = d;
            }
        }
        (distances, indices)
    }

    /// The training rows within `r` (inclusive) of each row of `x`
    /// (checked), sorted by `(distance, index)`.
    #[allow(clippy::type_complexity)]
    pub(crate) fn within_sparse(&self, x: &CsrMatrix<F>, r: F) -> Vec<(Vec<usize>, Vec<F>)> {
        // The approximate squared distances are off by a rounding error of
        // the norms' size: keep candidates within that margin, then decide
        // on the exact distance (as the dense search).
        let margin = F::epsilon() * F::cast(64.0);
        self.per_query(x, |query, dense| {
            let query_norm = squared_norm(query);
            let mut hits = Vec::new();
            self.for_each_distance(query, dense, |i, d| match self.metric {
                Metric::Euclidean => {
                    if d <= r * r + margin * (query_norm + self.norms[i]) {
                        let exact = self.exact_squared(query, i);
                        if exact <= r * r {
                            hits.push((exact.sqrt(), i));
                        }
                    }
                }
                _ => {
                    if d <= r {
                        hits.push((d, i));
                    }
                }
            });
            sorted_neighbourhood(hits)
        })
    }

    /// `f(query_row, zeroed_scratch)` for each row of `x`, in parallel over
    /// fixed blocks of rows, results in row order.
    fn per_query<T: Send>(&self, x: &CsrMatrix<F>, f: impl Fn(Row<'_, F>, &mut [F]) -> T + Sync) -> Vec<T> {
        let n = x.nrows();
        let blocks: Vec<Vec<T>> = (0..n.div_ceil(QUERY_BLOCK))
            .into_par_iter()
            .map(|b| {
                let mut dense = vec![F::zero(); self.data.ncols()];
                (b * QUERY_BLOCK..((b + 1) * QUERY_BLOCK).min(n))
                    .map(|q| f(row(x, q), &mut dense))
                    .collect()
            })
            .collect();
        blocks.into_iter().flatten().collect()
    }
}

/// Dense queries against sparse training rows: each query is made sparse
/// (its zeros dropped), which gives the same distances.
impl<F: Float> Search<F> for SparseBrute<F> {
    fn n_samples(&self) -> usize {
        self.data.nrows()
    }

    fn n_features(&self) -> usize {
        self.data.ncols()
    }

    fn knn(&self, x: ArrayView2<'_, F>, k: usize) -> (Array2<F>, Array2<usize>) {
        self.knn_sparse(&CsrMatrix::from_dense(x), k)
    }

    fn within(&self, x: ArrayView2<'_, F>, r: F) -> Vec<(Vec<usize>, Vec<F>)> {
        self.within_sparse(&CsrMatrix::from_dense(x), r)
    }
}
