//! One run of Lloyd's k-means (scikit-learn's `_kmeans_single_lloyd` and
//! `lloyd_iter_chunked_dense`): each iteration assigns every row to its
//! nearest centre by a GEMM per chunk of rows and sums the rows of each
//! cluster, over fixed parts of the rows in parallel.

use super::label_pass::label_chunk;
use super::step::{Iteration, Run, Sums, iterate, over_parts, parts, split_rows_mut, update_centres};
use crate::float::Float;
use crate::metrics::pairwise::centre_scores_into;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, s};

/// Rows per GEMM inside a part (scikit-learn's `CHUNK_SIZE`): the block of
/// scores stays in cache.
const CHUNK_ROWS: usize = 256;

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
            label_chunk(
                block.view(),
                x,
                w,
                start,
                &mut labels[start - range.start..end - range.start],
                sums.as_mut(),
            );
        }
        sums
    });
    sum.then(|| Sums::combine(sums.into_iter().flatten().collect()))
}

/// Independent running minima in [`argmin`]: eight chains instead of one,
/// so the comparisons do not wait on each other (and can go to SIMD lanes).
const ARGMIN_LANES: usize = 8;

/// The index of the first smallest of `scores` (finite values: the inputs
/// are checked, so no score is NaN).
///
/// The assignment step calls it once per row on `k` scores; a single
/// running minimum makes each comparison wait for the previous one, which
/// cost as much as the GEMM on 100 centres. Lane `l` keeps the first
/// smallest of the scores at `l, l + 8, …`; the smallest of the lanes'
/// minima, ties to the smaller index, is the first smallest overall.
/// Always inlined: `label_pass` compiles it once per target feature set.
#[inline(always)]
pub(super) fn argmin<F: Float>(scores: &[F]) -> usize {
    if scores.len() < 2 * ARGMIN_LANES {
        let mut best = 0;
        for (j, &v) in scores.iter().enumerate().skip(1) {
            if v < scores[best] {
                best = j;
            }
        }
        return best;
    }
    let mut value: [F; ARGMIN_LANES] = std::array::from_fn(|l| scores[l]);
    let mut index: [usize; ARGMIN_LANES] = std::array::from_fn(|l| l);
    let mut chunks = scores[ARGMIN_LANES..].chunks_exact(ARGMIN_LANES);
    let mut base = ARGMIN_LANES;
    for chunk in &mut chunks {
        for l in 0..ARGMIN_LANES {
            let better = chunk[l] < value[l];
            value[l] = if better { chunk[l] } else { value[l] };
            index[l] = if better { base + l } else { index[l] };
        }
        base += ARGMIN_LANES;
    }
    for (l, &v) in chunks.remainder().iter().enumerate() {
        if v < value[l] {
            value[l] = v;
            index[l] = base + l;
        }
    }
    let mut best = 0;
    for l in 1..ARGMIN_LANES {
        if value[l] < value[best] || (value[l] == value[best] && index[l] < index[best]) {
            best = l;
        }
    }
    index[best]
}

/// Lloyd's iteration: a full assignment, then the means.
struct Lloyd<'a, F> {
    x: ArrayView2<'a, F>,
    w: ArrayView1<'a, F>,
}

impl<F: Float> Iteration<F> for Lloyd<'_, F> {
    fn step(&mut self, centres: &Array2<F>, new: &mut Array2<F>, labels: &mut [usize]) -> Array1<F> {
        let sums = assign(self.x, self.w, centres, labels, true).expect("sums asked for");
        update_centres(self.x, self.w, centres, new, sums, labels)
    }

    fn assign_only(&mut self, centres: &Array2<F>, labels: &mut [usize]) {
        assign(self.x, self.w, centres, labels, false);
    }
}

/// One Lloyd run from `centres` (see [`iterate`] for when it stops).
pub(super) fn run<F: Float>(
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    centres: Array2<F>,
    max_iter: usize,
    tol: F,
) -> Run<F> {
    let labels = vec![usize::MAX; x.nrows()];
    iterate(x, w, centres, labels, max_iter, tol, &mut Lloyd { x, w })
}

#[cfg(test)]
mod tests {
    use super::argmin;

    /// The first smallest index, the plain way.
    fn first_smallest(scores: &[f64]) -> usize {
        (1..scores.len()).fold(0, |best, j| if scores[j] < scores[best] { j } else { best })
    }

    /// The lanes give the first smallest for every length and position,
    /// with ties between and within lanes.
    #[test]
    fn argmin_is_the_first_smallest() {
        for len in 1..60 {
            for at in 0..len {
                let mut scores: Vec<f64> = (0..len).map(|j| ((j * 7) % 5) as f64 + 1.0).collect();
                scores[at] = 0.5;
                assert_eq!(argmin(&scores), first_smallest(&scores), "len {len}, at {at}");
                // A tie later in the row (same or another lane) does not win.
                for other in at + 1..len {
                    let mut tied = scores.clone();
                    tied[other] = 0.5;
                    assert_eq!(argmin(&tied), at, "len {len}, at {at}, tie at {other}");
                }
            }
            let flat = vec![3.0; len];
            assert_eq!(argmin(&flat), 0);
        }
    }
}
