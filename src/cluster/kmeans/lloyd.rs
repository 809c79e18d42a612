//! One run of Lloyd's k-means (scikit-learn's `_kmeans_single_lloyd` and
//! `lloyd_iter_chunked_dense`): each iteration assigns every row to its
//! nearest centre by a GEMM per chunk of rows and sums the rows of each
//! cluster, over fixed parts of the rows in parallel.

use super::step::{Sums, inertia, over_parts, parts, row, split_rows_mut, update_centres};
use crate::float::Float;
use crate::metrics::pairwise::centre_scores_into;
use ndarray::{Array2, ArrayView1, ArrayView2, s};

/// Rows per GEMM inside a part (scikit-learn's `CHUNK_SIZE`): the block of
/// scores stays in cache.
const CHUNK_ROWS: usize = 256;

/// The result of one k-means run.
#[derive(Clone, Debug)]
pub(super) struct Run<F> {
    pub(super) centres: Array2<F>,
    pub(super) labels: Vec<usize>,
    pub(super) inertia: F,
    pub(super) n_iter: usize,
}

/// Assigns every row of `x` to its nearest centre (writing `labels`) and,
/// when `sum` is set, returns the weighted sums of each cluster's rows,
/// combined over the parts in order.
pub(super) fn assign<F: Float>(
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    centres: &Array2<F>,
    labels: &mut [usize],
    sum: bool,
) -> Option<Sums<F>> {
    let (n, d) = x.dim();
    let k = centres.nrows();
    let centre_norms: Vec<F> = centres.outer_iter().map(|c| c.dot(&c)).collect();
    let minus_two = centres.mapv(|v| v * F::cast(-2.0));
    let ranges = parts(n);
    let pieces = split_rows_mut(labels, &ranges, 1);
    let sums = over_parts(n, pieces, |range, labels| {
        let mut sums = sum.then(|| Sums::zeros(k, d));
        let mut scores = Array2::<F>::zeros((CHUNK_ROWS.min(range.len()), k));
        for start in (range.start..range.end).step_by(CHUNK_ROWS) {
            let end = (start + CHUNK_ROWS).min(range.end);
            let mut block = scores.slice_mut(s![..end - start, ..]);
            centre_scores_into(
                block.view_mut(),
                x.slice(s![start..end, ..]),
                minus_two.view(),
                &centre_norms,
            );
            for (offset, scores) in block.outer_iter().enumerate() {
                let i = start + offset;
                let label = argmin(scores.as_slice().expect("standard layout"));
                labels[i - range.start] = label;
                if let Some(sums) = sums.as_mut() {
                    sums.add(label, row(&x, i), w[i]);
                }
            }
        }
        sums
    });
    sum.then(|| Sums::combine(sums.into_iter().flatten().collect()))
}

/// The index of the first smallest score (a NaN never wins).
#[inline]
pub(super) fn argmin<F: Float>(scores: &[F]) -> usize {
    let mut best = 0;
    for (j, &v) in scores.iter().enumerate().skip(1) {
        if v < scores[best] {
            best = j;
        }
    }
    best
}

/// One Lloyd run from `centres`, as scikit-learn's: stop when the labels
/// no longer change or the squared centre shift is at most `tol`; without
/// that strict convergence, a last assignment makes the labels match the
/// centres.
pub(super) fn run<F: Float>(
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    mut centres: Array2<F>,
    max_iter: usize,
    tol: F,
) -> Run<F> {
    let n = x.nrows();
    let mut labels = vec![usize::MAX; n];
    let mut labels_old = labels.clone();
    let mut new = centres.clone();
    let mut strict = false;
    let mut n_iter = 0;
    for i in 0..max_iter {
        n_iter = i + 1;
        let sums = assign(x, w, &centres, &mut labels, true).expect("sums asked for");
        let shift = update_centres(x, w, &centres, &mut new, sums, &labels);
        std::mem::swap(&mut centres, &mut new);
        if labels == labels_old {
            strict = true;
            break;
        }
        if shift.iter().map(|&s| s * s).sum::<F>() <= tol {
            break;
        }
        labels_old.copy_from_slice(&labels);
    }
    if !strict {
        assign(x, w, &centres, &mut labels, false);
    }
    let inertia = inertia(x, w, &centres, &labels);
    Run {
        centres,
        labels,
        inertia,
        n_iter,
    }
}
