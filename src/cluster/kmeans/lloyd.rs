//! One run of Lloyd's k-means (scikit-learn's `_kmeans_single_lloyd` and
//! `lloyd_iter_chunked_dense`): each iteration assigns every row to its
//! nearest centre by a GEMM per chunk of rows and sums the rows of each
//! cluster, over fixed parts of the rows in parallel.

use super::label_pass::label_chunk;
use super::step::{Iteration, Run, Sums, iterate, over_parts, parts, split_rows_mut, update_centres};
use crate::float::Float;
use crate::linalg::matmul;
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
            // `−2 x·c` only: `label_chunk` adds `‖c‖²` as it reads each row.
            matmul(block.view_mut(), x.slice(s![start..end, ..]), minus_two.t(), false);
            label_chunk(
                block,
                &centre_norms,
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

/// Independent running minima in [`nearest`]: eight chains instead of one,
/// so the comparisons do not wait on each other (and go to SIMD lanes).
const LANES: usize = 8;

/// The index of the nearest centre of one row, from its `dots` with the
/// centres (`−2 x·c`, overwritten with the scores `‖c‖² − 2 x·c`) and the
/// centres' `norms` (`‖c‖²`): the first smallest score.
///
/// One pass adds the norms and keeps eight running minima (a `vminpd` per
/// four or eight values, no index bookkeeping); a second pass finds the
/// first score equal to the smallest, eight at a time, and usually stops
/// half-way. The first index holding the minimum is the first smallest
/// (scores are finite: the inputs are checked; ±0 compare equal both
/// ways), so the labels are those of a plain first-smallest scan. Adding
/// the norms here rather than filling the GEMM's output with them first
/// gives the same scores bit for bit (one rounding of `‖c‖² + (−2 x·c)`
/// either way) and saves a pass. Always inlined: `label_pass` compiles it
/// once per target feature set.
#[inline(always)]
pub(super) fn nearest<F: Float>(dots: &mut [F], norms: &[F]) -> usize {
    debug_assert_eq!(dots.len(), norms.len());
    let mut lanes = [F::infinity(); LANES];
    let mut scores = dots.chunks_exact_mut(LANES);
    let mut centres = norms.chunks_exact(LANES);
    for (scores, norms) in (&mut scores).zip(&mut centres) {
        for l in 0..LANES {
            let v = norms[l] + scores[l];
            scores[l] = v;
            lanes[l] = if v < lanes[l] { v } else { lanes[l] };
        }
    }
    for (score, &norm) in scores.into_remainder().iter_mut().zip(centres.remainder()) {
        let v = norm + *score;
        *score = v;
        lanes[0] = if v < lanes[0] { v } else { lanes[0] };
    }
    first_equal(dots, smallest_of_lanes(lanes))
}

/// The index of the first smallest of `scores` (finite values), as
/// [`nearest`] finds it when the norms are already in: `predict`'s argmin.
#[inline(always)]
pub(super) fn first_smallest<F: Float>(scores: &[F]) -> usize {
    let mut lanes = [F::infinity(); LANES];
    let mut chunks = scores.chunks_exact(LANES);
    for chunk in &mut chunks {
        for l in 0..LANES {
            lanes[l] = if chunk[l] < lanes[l] { chunk[l] } else { lanes[l] };
        }
    }
    for &v in chunks.remainder() {
        lanes[0] = if v < lanes[0] { v } else { lanes[0] };
    }
    first_equal(scores, smallest_of_lanes(lanes))
}

#[inline(always)]
fn smallest_of_lanes<F: Float>(lanes: [F; LANES]) -> F {
    lanes.iter().fold(F::infinity(), |m, &v| if v < m { v } else { m })
}

/// The first index of `scores` equal to `min` (their smallest), eight at a
/// time.
#[inline(always)]
fn first_equal<F: Float>(scores: &[F], min: F) -> usize {
    let mut base = 0;
    let mut chunks = scores.chunks_exact(LANES);
    for chunk in &mut chunks {
        // Branch-free test of the eight, then the position within them.
        if chunk.iter().fold(false, |hit, &v| hit | (v == min)) {
            return base + chunk.iter().position(|&v| v == min).unwrap_or(0);
        }
        base += LANES;
    }
    // Not found only when every score is NaN (an overflow): the first.
    chunks
        .remainder()
        .iter()
        .position(|&v| v == min)
        .map_or(0, |j| base + j)
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
    use super::{first_smallest, nearest};

    /// The first smallest index, the plain way.
    fn first_smallest_plain(scores: &[f64]) -> usize {
        (1..scores.len()).fold(0, |best, j| if scores[j] < scores[best] { j } else { best })
    }

    /// The two passes give the first smallest score for every length and
    /// position, with ties between and within lanes and with norms added.
    #[test]
    fn nearest_is_the_first_smallest() {
        for len in 1..60 {
            let norms: Vec<f64> = (0..len).map(|j| ((j * 3) % 4) as f64 * 0.25).collect();
            for at in 0..len {
                let mut dots: Vec<f64> = (0..len).map(|j| ((j * 7) % 5) as f64 + 1.0 - norms[j]).collect();
                dots[at] = -1.5 - norms[at];
                let scores: Vec<f64> = dots.iter().zip(&norms).map(|(&d, &n)| n + d).collect();
                let mut work = dots.clone();
                assert_eq!(
                    nearest(&mut work, &norms),
                    first_smallest_plain(&scores),
                    "len {len}, at {at}"
                );
                assert_eq!(work, scores, "the scores are left in the row");
                assert_eq!(first_smallest(&scores), first_smallest_plain(&scores));
                // A tie later in the row (same or another lane) does not win.
                for other in at + 1..len {
                    let mut tied = dots.clone();
                    tied[other] = -1.5 - norms[other];
                    assert_eq!(nearest(&mut tied, &norms), at, "len {len}, at {at}, tie at {other}");
                }
            }
            let mut flat = vec![3.0; len];
            assert_eq!(nearest(&mut flat, &vec![0.0; len]), 0);
            // −0 and +0 are equal: the first of them wins.
            let mut zeros: Vec<f64> = (0..len).map(|j| if j % 2 == 0 { 1.0 } else { -0.0 }).collect();
            zeros[len - 1] = 0.0;
            let scores = zeros.clone();
            assert_eq!(
                nearest(&mut zeros, &vec![0.0; len]),
                first_smallest_plain(&scores),
                "len {len}, zeros"
            );
        }
    }
}

/// The same scores both ways, bit for bit: the GEMM's `−2 x·c` with the
/// norms added by [`nearest`], and the GEMM accumulated onto the norms
/// (how the assignment computed them before), on Lloyd-like shapes.
#[cfg(test)]
mod scores {
    use super::nearest;
    use crate::linalg::matmul;
    use ndarray::Array2;

    #[test]
    fn norms_added_after_the_gemm_equal_norms_accumulated_by_it() {
        for (rows, d, k) in [(256, 50, 100), (37, 7, 19), (256, 3, 300), (5, 64, 8)] {
            let x = Array2::from_shape_fn((rows, d), |(i, j)| ((i * 31 + j * 17) % 97) as f64 * 0.37 - 11.3);
            let c = Array2::from_shape_fn((k, d), |(i, j)| ((i * 13 + j * 7) % 89) as f64 * 0.29 - 9.1);
            let norms: Vec<f64> = c.outer_iter().map(|r| r.dot(&r)).collect();
            let minus_two = c.mapv(|v| v * -2.0);
            let mut filled = Array2::from_shape_fn((rows, k), |(_, j)| norms[j]);
            matmul(filled.view_mut(), x.view(), minus_two.t(), true);
            let mut dots = Array2::zeros((rows, k));
            matmul(dots.view_mut(), x.view(), minus_two.t(), false);
            for (mut row, old) in dots.outer_iter_mut().zip(filled.outer_iter()) {
                nearest(row.as_slice_mut().unwrap(), &norms);
                let bits = |v: &f64| v.to_bits();
                assert_eq!(
                    row.iter().map(bits).collect::<Vec<_>>(),
                    old.iter().map(bits).collect::<Vec<_>>(),
                    "{rows} x {d}, {k} centres"
                );
            }
        }
    }
}

/// Instruction counts of a Lloyd fit (benches/README.md, "KMeans Lloyd:
/// the norms in the argmin pass"): under callgrind,
/// `learnkit-* --ignored --exact cluster::kmeans::lloyd::counts::fit`
/// (one rayon thread), then `callgrind_annotate --inclusive=yes`.
#[cfg(test)]
mod counts {
    use crate::cluster::{KMeans, KMeansInit};
    use crate::traits::UnsupervisedEstimator;
    use ndarray::Array2;

    #[test]
    #[ignore = "a measurement, run by hand under callgrind"]
    fn fit() {
        // 20,000 rows of 50 features around 100 centres; the first 100
        // rows as the initial centres; two Lloyd iterations.
        let (n, d, k) = (20_000, 50, 100);
        let centre = |c: usize, j: usize| ((c * 37 + j * 11) % 41) as f64 - 20.0;
        let noise = |i: usize, j: usize| ((i * 7919 + j * 104_729) % 1_000) as f64 * 0.004 - 2.0;
        let x = Array2::from_shape_fn((n, d), |(i, j)| centre((i * 61) % k, j) + noise(i, j));
        let init = x.slice(ndarray::s![..k, ..]).to_owned();
        let model = KMeans::default()
            .n_clusters(k)
            .init(KMeansInit::Array(init))
            .max_iter(2)
            .tol(0.0)
            .fit_unsupervised(x.view())
            .unwrap();
        eprintln!("inertia {}", model.inertia());
    }
}
