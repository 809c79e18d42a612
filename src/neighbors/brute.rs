//! Brute-force neighbour search: every training row against every query
//! row, as scikit-learn's `algorithm="brute"` (its `ArgKmin` and
//! `RadiusNeighbors` reductions).
//!
//! Query rows go in fixed blocks, in parallel; within a block the training
//! rows go in chunks, so the distance block stays in cache however many
//! training rows there are (memory does not grow with their number).
//! Euclidean distances come from the GEMM kernel (`‖x‖² − 2x·y + ‖y‖²`)
//! and the `k` kept ones are then recomputed exactly, so that a distance of
//! zero is zero; other metrics use [`distances_into`] directly. On wide
//! `f64` rows the Euclidean k-NN screens in `f32` first (see
//! [`super::shortlist`]) and ranks the shortlist by exact distances; on
//! wide rows with a dominant subspace (MNIST) it bounds the distances from
//! below by a projection instead (see [`super::projection`]), at a fraction
//! of the flops, and ranks the rows the bound cannot rule out.

use super::heap::KBest;
use super::projection::Projection;
use super::search::Search;
use super::shortlist::{Screen, in_range};
use super::tree::{par_fill_neighbors, sorted_neighbourhood};
use crate::error::Result;
use crate::float::Float;
use crate::metrics::Metric;
use crate::metrics::pairwise::{distances_into, squared_euclidean_into, squared_row_norms};
use crate::validation::check_array;
use ndarray::{Array1, Array2, ArrayView2, ArrayViewMut2, Axis, s};
use rayon::prelude::*;
use std::sync::OnceLock;

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
    /// The `f32` screen of the k-NN search, built at its first use (so a
    /// fit, a radius search or a narrow model never pays for it); `None`
    /// inside when it does not apply (see [`Screen::build`]).
    screen: OnceLock<Option<Screen>>,
    /// The projection bound of the k-NN search, built at its first use
    /// like the screen; `None` inside when it does not apply (see
    /// [`Projection::build`]), and the screen is used.
    projection: OnceLock<Option<Box<Projection>>>,
}

impl<F: Float> Brute<F> {
    /// Keeps a copy of the training rows (one copy: the fitted model owns
    /// them). `x` and `metric` are checked by the caller,
    /// [`NeighborIndex::build`](super::search::NeighborIndex::build), so the
    /// rows are not scanned a second time here.
    pub(crate) fn new(context: &'static str, x: ArrayView2<'_, F>, metric: Metric) -> Result<Self> {
        debug_assert!(metric.check(context).is_ok() && check_array(context, x).is_ok());
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
            screen: OnceLock::new(),
            projection: OnceLock::new(),
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
    fn knn_all(&self, x: ArrayView2<'_, F>, k: usize) -> (Array2<F>, Array2<usize>) {
        let norms = self.norms.as_slice().expect("owned");
        let projection = match self.metric {
            Metric::Euclidean => self
                .projection
                .get_or_init(|| Projection::build(self.data.view(), norms).map(Box::new))
                .as_deref(),
            _ => None,
        };
        // Without the projection (or for queries beyond its range), the
        // screen; built only then.
        let screen = || match self.metric {
            Metric::Euclidean => self
                .screen
                .get_or_init(|| Screen::build(self.data.view(), norms))
                .as_ref(),
            _ => None,
        };
        par_fill_neighbors(x, k, QUERY_BLOCK, |xb, mut d_block, mut i_block| {
            if let Some(projection) = projection {
                let exact = |q: usize, i: usize| self.exact(xb.row(q), i);
                if projection.knn(xb, k, TRAIN_BLOCK, exact, d_block.view_mut(), i_block.view_mut()) {
                    return;
                }
            }
            if let Some(screen) = screen() {
                if in_range(xb) {
                    return self.knn_screened(screen, xb, k, d_block, i_block);
                }
            }
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
        })
    }

    /// [`Brute::knn_all`] for the rows of `xb` through the `f32` screen:
    /// the shortlisted rows ranked by their exact distances, ties by index.
    fn knn_screened(
        &self,
        screen: &Screen,
        xb: ArrayView2<'_, F>,
        k: usize,
        mut d_block: ArrayViewMut2<'_, F>,
        mut i_block: ArrayViewMut2<'_, usize>,
    ) {
        let x_norms = squared_row_norms(xb);
        let shortlists = screen.candidates(xb, x_norms.as_slice().expect("owned"), k, TRAIN_BLOCK);
        let mut heap = KBest::new(k);
        for (r, shortlist) in shortlists.iter().enumerate() {
            for &i in shortlist {
                heap.push(self.exact(xb.row(r), i), i);
            }
            heap.drain_sorted(
                d_block.row_mut(r).as_slice_mut().expect("standard layout"),
                i_block.row_mut(r).as_slice_mut().expect("standard layout"),
            );
        }
    }

    /// [`Brute::knn_all`] with every distance exact: the reference the
    /// screened search must equal (tests only; `O(n)` memory per query).
    #[cfg(test)]
    fn knn_exact(&self, x: ArrayView2<'_, F>, k: usize) -> (Array2<F>, Array2<usize>) {
        par_fill_neighbors(x, k, QUERY_BLOCK, |xb, mut d_block, mut i_block| {
            for (r, row) in xb.rows().into_iter().enumerate() {
                let found: Vec<(F, usize)> = (0..self.data.nrows()).map(|i| (self.exact(row, i), i)).collect();
                let (idx, dist) = sorted_neighbourhood(found);
                d_block.row_mut(r).assign(&Array1::from(dist[..k].to_vec()));
                i_block.row_mut(r).assign(&Array1::from(idx[..k].to_vec()));
            }
        })
    }

    /// The training rows within `r` (inclusive) of each row of `x`, sorted
    /// by `(distance, index)`.
    #[allow(clippy::type_complexity)]
    fn within_all(&self, x: ArrayView2<'_, F>, r: F) -> Vec<(Vec<usize>, Vec<F>)> {
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
        blocks.into_iter().flatten().collect()
    }
}

impl<F: Float> Search<F> for Brute<F> {
    fn n_samples(&self) -> usize {
        self.data.nrows()
    }

    fn n_features(&self) -> usize {
        self.data.ncols()
    }

    fn knn(&self, x: ArrayView2<'_, F>, k: usize) -> (Array2<F>, Array2<usize>) {
        self.knn_all(x, k)
    }

    fn within(&self, x: ArrayView2<'_, F>, r: F) -> Vec<(Vec<usize>, Vec<F>)> {
        self.within_all(x, r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic stream of numbers in `[0, 1)`.
    fn stream(mut state: u64) -> impl FnMut() -> f64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// Training rows with exact ties (few distinct pixel values, duplicated
    /// rows) and near-ties (rows a hair apart, below `f32` resolution), and
    /// queries on, between and near them.
    fn tied_data(d: usize) -> (Array2<f64>, Array2<f64>) {
        let mut next = stream(0x9e37_79b9_7f4a_7c15);
        let n = 600;
        let mut x = Array2::from_shape_fn((n, d), |_| (next() * 4.0).floor() * 85.0);
        for i in 0..60 {
            // Duplicates of earlier rows.
            let copy = x.row(i).to_owned();
            x.row_mut(100 + i).assign(&copy);
            // Near-duplicates: one pixel moved by far less than an f32 ulp
            // of the distances.
            let mut near = x.row(i).to_owned();
            near[i % d] += 1e-7 * (1.0 + (i % 3) as f64);
            x.row_mut(200 + i).assign(&near);
        }
        let q = Array2::from_shape_fn((90, d), |(r, j)| match r % 3 {
            0 => x[[r, j]],
            1 => x[[r, j]] + 1e-6 * (j % 5) as f64,
            _ => (next() * 4.0).floor() * 85.0 + 42.5 * (j % 2) as f64,
        });
        (x, q)
    }

    /// The `f32` screen and an exact search give the same neighbours in the
    /// same order with the same distances (bit for bit), ties and
    /// near-ties included; on integer pixels the unscreened GEMM path
    /// (exact there) agrees too.
    #[test]
    fn screened_knn_equals_exact_knn_with_ties() {
        for d in [32, 57] {
            let (x, q) = tied_data(d);
            let brute = Brute::new("test", x.view(), Metric::Euclidean).unwrap();
            for k in [1, 2, 5, 17] {
                let (d_screen, i_screen) = brute.knn(q.view(), k);
                assert!(brute.screen.get().is_some_and(|s| s.is_some()), "the screen was used");
                let (d_exact, i_exact) = brute.knn_exact(q.view(), k);
                assert_eq!(i_screen, i_exact, "d {d}, k {k}");
                let bits = |a: &Array2<f64>| a.mapv(f64::to_bits);
                assert_eq!(bits(&d_screen), bits(&d_exact), "d {d}, k {k}");
                // Integer rows only (the near-ties are off the grid):
                // the f64 GEMM is exact, so the old path agrees as well.
                let grid: Vec<usize> = (0..q.nrows()).filter(|r| r % 3 != 1).collect();
                let qi = q.select(Axis(0), &grid);
                let xi = x.select(Axis(0), &(0..200).chain(260..600).collect::<Vec<_>>());
                let on_grid = Brute::new("test", xi.view(), Metric::Euclidean).unwrap();
                let mut old = on_grid.clone();
                old.screen = OnceLock::from(None);
                let (d_old, i_old) = old.knn(qi.view(), k);
                let (d_new, i_new) = on_grid.knn(qi.view(), k);
                assert_eq!(i_old, i_new, "d {d}, k {k}");
                assert_eq!(bits(&d_old), bits(&d_new), "d {d}, k {k}");
            }
        }
    }

    /// Random real-valued rows of mixed scales, queries beside them.
    #[test]
    fn screened_knn_equals_exact_knn_on_real_values() {
        let mut next = stream(7);
        let x = Array2::from_shape_fn((500, 40), |(i, _)| (next() - 0.5) * 10f64.powi((i % 7) as i32 - 3));
        let q = Array2::from_shape_fn((70, 40), |(r, j)| x[[r * 7, j]] * (1.0 + 1e-9 * next()));
        let brute = Brute::new("test", x.view(), Metric::Euclidean).unwrap();
        for k in [1, 4, 30] {
            let (d_screen, i_screen) = brute.knn(q.view(), k);
            let (d_exact, i_exact) = brute.knn_exact(q.view(), k);
            assert_eq!(i_screen, i_exact, "k {k}");
            assert_eq!(d_screen.mapv(f64::to_bits), d_exact.mapv(f64::to_bits), "k {k}");
        }
    }

    /// Rows of 256 integer features in a 20-dimensional subspace (so the
    /// projection's bound is tight up to rounding), with exact ties (each
    /// of the first 32 queries has two training rows at the same distance
    /// in one block, the mirror images `q ± v`), duplicated rows, queries
    /// equal to training rows, and rows scaled by 2³⁰ and 2⁻³⁰.
    fn subspace_data() -> (Array2<f64>, Array2<f64>) {
        let (n, d, rank) = (4096, 256, 20);
        let mut next = stream(0x2545_f491_4f6c_dd1d);
        let basis = Array2::from_shape_fn((rank, d), |_| (next() * 3.0).floor() - 1.0);
        let mut coefficients = || Array1::from_shape_fn(rank, |_| (next() * 7.0).floor() - 3.0);
        let mut x = Array2::zeros((n, d));
        for mut row in x.rows_mut() {
            row.assign(&coefficients().dot(&basis));
        }
        let mut q = Array2::zeros((64, d));
        for mut row in q.rows_mut() {
            row.assign(&coefficients().dot(&basis));
        }
        for r in 0..32 {
            let v = basis.row(r % rank).to_owned();
            let centre = q.row(r).to_owned();
            x.row_mut(100 + 7 * r).assign(&(&centre + &v));
            x.row_mut(1500 + 7 * r).assign(&(&centre - &v));
        }
        for i in 0..64 {
            let copy = x.row(i).to_owned();
            x.row_mut(3000 + i).assign(&copy);
        }
        for r in 32..40 {
            let copy = x.row(3000 + r).to_owned();
            q.row_mut(r).assign(&copy);
        }
        for i in 2000..2100 {
            let big = x.row(i).mapv(|v| v * f64::powi(2.0, 30));
            x.row_mut(i).assign(&big);
            let small = x.row(i + 200).mapv(|v| v * f64::powi(2.0, -30));
            x.row_mut(i + 200).assign(&small);
        }
        for r in 40..44 {
            let small = x.row(2200 + r).to_owned();
            q.row_mut(r).assign(&small);
        }
        (x, q)
    }

    /// The projected search equals an exact search, bit for bit, on tied,
    /// duplicated and mixed-scale rows; with its margin dropped it does not
    /// (the ties' bounds then round above their exact distances).
    #[test]
    fn projected_knn_equals_exact_knn_with_ties() {
        let (x, q) = subspace_data();
        let brute = Brute::new("test", x.view(), Metric::Euclidean).unwrap();
        let bits = |a: &Array2<f64>| a.mapv(f64::to_bits);
        for k in [1, 2, 5, 17] {
            let (d_proj, i_proj) = brute.knn(q.view(), k);
            assert!(
                brute.projection.get().is_some_and(|p| p.is_some()),
                "the projection was used"
            );
            let (d_exact, i_exact) = brute.knn_exact(q.view(), k);
            assert_eq!(i_proj, i_exact, "k {k}");
            assert_eq!(bits(&d_proj), bits(&d_exact), "k {k}");
        }
        let projection = *brute.projection.get().cloned().flatten().unwrap();
        let mut loose = brute.clone();
        loose.projection = OnceLock::from(Some(Box::new(projection.without_margin())));
        let (_, i_loose) = loose.knn(q.view(), 1);
        let (_, i_exact) = brute.knn_exact(q.view(), 1);
        assert_ne!(i_loose, i_exact, "the margin decides some ties");
    }

    /// Rows without a dominant subspace, narrow rows, few rows and `f32`
    /// rows do not use the projection (the screen then does).
    #[test]
    fn projection_applies_only_where_it_pays() {
        let mut next = stream(11);
        let noise = Array2::from_shape_fn((4096, 256), |_| next());
        let norms = |x: &Array2<f64>| squared_row_norms(x.view()).to_vec();
        assert!(Projection::build(noise.view(), &norms(&noise)).is_none());
        let (x, _) = subspace_data();
        assert!(Projection::build(x.view(), &norms(&x)).is_some());
        let few = x.slice(s![..4000, ..]).to_owned();
        assert!(Projection::build(few.view(), &norms(&few)).is_none());
        let narrow = x.slice(s![.., ..200]).to_owned();
        assert!(Projection::build(narrow.view(), &norms(&narrow)).is_none());
        let single = x.mapv(|v| v as f32);
        assert!(Projection::build(single.view(), &squared_row_norms(single.view()).to_vec()).is_none());
        // A query beyond the range falls back to the screen's f64 search.
        let brute = Brute::new("test", x.view(), Metric::Euclidean).unwrap();
        let mut far = x.slice(s![5..6, ..]).to_owned();
        far[[0, 0]] = 3e12;
        let (_, i) = brute.knn(far.view(), 1);
        let (_, i_exact) = brute.knn_exact(far.view(), 1);
        assert_eq!(i, i_exact);
    }

    /// Values beyond the bound's range, `f32` rows and narrow rows do not
    /// use the screen.
    #[test]
    fn screen_applies_only_where_its_bound_holds() {
        let mut x = Array2::from_shape_fn((50, 40), |(i, j)| (i * j) as f64);
        assert!(Screen::build(x.view(), &squared_row_norms(x.view()).to_vec()).is_some());
        x[[3, 4]] = 3e12;
        assert!(Screen::build(x.view(), &squared_row_norms(x.view()).to_vec()).is_none());
        let narrow = Array2::from_shape_fn((50, 8), |(i, j)| (i * j) as f64);
        assert!(Screen::build(narrow.view(), &squared_row_norms(narrow.view()).to_vec()).is_none());
        let single = x.mapv(|v| v as f32);
        assert!(Screen::build(single.view(), &squared_row_norms(single.view()).to_vec()).is_none());
        // A query beyond the range falls back to the f64 search.
        let brute = Brute::new("test", x.slice(s![..3, ..]), Metric::Euclidean).unwrap();
        let (_, i) = brute.knn(x.slice(s![3..4, ..]), 1);
        assert_eq!(i[[0, 0]], 2);
    }
}

/// Instruction counts of the two k-NN paths on MNIST (benches/README.md,
/// "k-NN screen and KMeans SIMD"): run one test under callgrind, e.g.
/// `valgrind --tool=callgrind target/debug/deps/learnkit-* --ignored --exact
/// neighbors::brute::counts::screened` (or `::projected`, `::unscreened`).
#[cfg(all(test, feature = "io"))]
mod counts {
    use super::*;

    /// `LEARNKIT_COUNT_QUERIES` (default 500) MNIST test images against
    /// the 60,000 training images, k = 5.
    fn run(screened: bool) {
        run_mode(if screened { Mode::Screened } else { Mode::Unscreened });
    }

    #[derive(PartialEq)]
    enum Mode {
        Projected,
        Screened,
        Unscreened,
    }

    fn run_mode(mode: Mode) -> (Array2<f64>, Array2<usize>) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist");
        let mnist = crate::datasets::load_mnist(dir).unwrap();
        let n: usize = std::env::var("LEARNKIT_COUNT_QUERIES").map_or(500, |v| v.parse().unwrap());
        let mut brute = Brute::new("counts", mnist.x_train.view(), Metric::Euclidean).unwrap();
        if mode != Mode::Projected {
            brute.projection = OnceLock::from(None);
        }
        if mode == Mode::Unscreened {
            brute.screen = OnceLock::from(None);
        }
        let (distances, indices) = brute.knn(mnist.x_test.slice(s![..n, ..]), 5);
        eprintln!(
            "first neighbours {:?}",
            indices.column(0).iter().take(5).collect::<Vec<_>>()
        );
        (distances, indices)
    }

    #[test]
    #[ignore = "a measurement on MNIST, run by hand under callgrind"]
    fn projected() {
        run_mode(Mode::Projected);
    }

    /// The projected and screened searches (both exact) agree on MNIST.
    #[test]
    #[ignore = "needs MNIST in datasets/mnist; run by hand"]
    fn projected_equals_screened() {
        let ((d_proj, i_proj), (d_screen, i_screen)) = (run_mode(Mode::Projected), run_mode(Mode::Screened));
        assert_eq!(i_proj, i_screen);
        assert_eq!(d_proj.mapv(f64::to_bits), d_screen.mapv(f64::to_bits));
    }

    #[test]
    #[ignore = "a measurement on MNIST, run by hand under callgrind"]
    fn screened() {
        run(true);
    }

    #[test]
    #[ignore = "a measurement on MNIST, run by hand under callgrind"]
    fn unscreened() {
        run(false);
    }
}
