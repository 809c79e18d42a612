//! Per-node histograms: for every feature and bin code, the sums of the
//! gradients and hessians and the count of the node's samples in that bin.
//!
//! One node's histograms are one flat vector, feature after feature (each
//! feature as many bins as it has codes, the missing-value bin included).
//! Features are built in parallel; each feature's sums run over the node's
//! samples in partition order on one thread (in four interleaved
//! accumulators combined in a fixed order), so the result does not depend
//! on the number of threads. A node's larger child is never built from its
//! samples: it is the parent's histogram minus the smaller child's.

use crate::tree::Binned;
use rayon::prelude::*;
use std::cell::RefCell;

/// The statistics of one bin.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Bin {
    pub g: f64,
    pub h: f64,
    pub count: u32,
}

/// Where each feature's bins start in a node's histogram vector.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    pub offsets: Vec<usize>,
}

impl Layout {
    pub fn new(binned: &Binned<u8>) -> Self {
        let mut offsets = Vec::with_capacity(binned.n_features() + 1);
        offsets.push(0);
        for f in 0..binned.n_features() {
            offsets.push(offsets[f] + binned.n_codes(f));
        }
        Layout { offsets }
    }

    pub fn len(&self) -> usize {
        *self.offsets.last().expect("offsets start with 0")
    }

    /// The bins of feature `f` in a node's histogram.
    pub fn feature<'a>(&self, hist: &'a [Bin], f: usize) -> &'a [Bin] {
        &hist[self.offsets[f]..self.offsets[f + 1]]
    }

    /// Splits a histogram into one mutable slice per feature.
    fn features_mut<'a>(&self, mut hist: &'a mut [Bin]) -> Vec<&'a mut [Bin]> {
        let mut out = Vec::with_capacity(self.offsets.len() - 1);
        for f in 0..self.offsets.len() - 1 {
            let (head, tail) = hist.split_at_mut(self.offsets[f + 1] - self.offsets[f]);
            out.push(head);
            hist = tail;
        }
        out
    }
}

/// Below this many (sample, feature) pairs a node's histograms are built on
/// one thread: spreading them costs more than it saves. 2^17 was measured
/// when each parallel step of a fit was handed over to a sleeping pool; with
/// the fit on a pool worker whose partners keep polling for work (see
/// `boosting::on_pool_worker`), Adult's 2-thread fit (32,561 × 14) took
/// 137 ms at 2^14 against 144 ms at 2^17 (2^11 to 2^14 alike).
const PARALLEL_MIN_WORK: usize = 1 << 14;

/// Samples per task when a node's gradient pairs are gathered in parallel.
const GATHER_CHUNK: usize = 1 << 14;

/// Interleaved accumulators per feature (see [`accumulate`]).
const LANES: usize = 4;

/// One feature's accumulators: `LANES` histograms of 256 bins (every byte
/// code), of which only the feature's first `n_codes` are used and zeroed.
type Lanes = [[Bin; 256]; LANES];

thread_local! {
    /// Each thread's accumulators (`GROUP` features' lanes), allocated
    /// once: a fresh 24 KiB array per node (or per feature) cost more in
    /// copying than many small nodes' sums. All zero between uses: every
    /// use resets the bins it filled ([`take_sum`]).
    static SCRATCH_LANES: RefCell<Option<Box<[Lanes; GROUP]>>> = const { RefCell::new(None) };
}

/// Runs `f` on this thread's accumulators (no rayon call runs inside, so
/// the cell is never borrowed twice).
fn with_lanes<R>(f: impl FnOnce(&mut [Lanes; GROUP]) -> R) -> R {
    SCRATCH_LANES.with(|cell| {
        let mut slot = cell.borrow_mut();
        let lanes = slot.get_or_insert_with(|| Box::new([[[Bin::default(); 256]; LANES]; GROUP]));
        f(lanes)
    })
}

/// Bin `c` summed over the lanes in a fixed order, and reset: the lanes
/// are all zero between uses (zeroing them per feature up front cost more
/// than the samples of a small node).
#[inline(always)]
fn take_sum(lanes: &mut Lanes, c: usize) -> Bin {
    let mut sum = lanes[0][c];
    for lane in &lanes[1..] {
        sum.g += lane[c].g;
        sum.h += lane[c].h;
        sum.count += lane[c].count;
    }
    for lane in lanes.iter_mut() {
        lane[c] = Bin::default();
    }
    sum
}

/// Adds one sample to a bin. With `g` and `h` adjacent both in the pair and
/// in the bin, the compiler turns the two sums into one widening conversion
/// and one two-lane add (each lane the same IEEE addition as a scalar one).
#[inline(always)]
fn add(b: &mut Bin, gh: [f32; 2]) {
    add_sums(b, gh);
    b.count += 1;
}

/// Adds one sample's gradient and hessian to a bin, not its count.
#[inline(always)]
fn add_sums(b: &mut Bin, gh: [f32; 2]) {
    b.g += gh[0] as f64;
    b.h += gh[1] as f64;
}

/// The root's counts (every row), per bin of the layout: the same at every
/// iteration, so the root's histograms take them from here rather than
/// count each (sample, feature) again (its loop then stores once per
/// sample where it stored twice).
pub(crate) fn root_counts(binned: &Binned<u8>, layout: &Layout) -> Vec<u32> {
    let mut counts = vec![0u32; layout.len()];
    for f in 0..binned.n_features() {
        let out = &mut counts[layout.offsets[f]..layout.offsets[f + 1]];
        for &c in binned.column(f) {
            out[c as usize] += 1;
        }
    }
    counts
}

/// Builds the histograms of the node holding `indices`; `root_counts`
/// ([`root_counts`]) is given for the root, whose `indices` are then every
/// row in order. `gh` holds each row's gradient and hessian; with
/// a constant hessian its hessians are 0, so the `h` sums stay at zero and
/// the counts stand for them.
pub(crate) fn build(
    binned: &Binned<u8>,
    layout: &Layout,
    indices: &[u32],
    root_counts: Option<&[u32]>,
    gh: &[[f32; 2]],
) -> Vec<Bin> {
    let all_rows = root_counts.is_some();
    let mut hist = vec![Bin::default(); layout.len()];
    let parallel = indices.len() * layout.offsets.len().saturating_sub(1) >= PARALLEL_MIN_WORK;
    // Gathering the node's gradient pairs once makes every feature's loop
    // read them sequentially; only the bin codes are read at random. On
    // the threads too when the node is built on them: on one thread it
    // was a twentieth of an 800,000-row fit, all of it a serial stretch.
    let gathered: Vec<[f32; 2]> = if all_rows {
        Vec::new()
    } else if parallel {
        let mut out = vec![[0f32; 2]; indices.len()];
        out.par_chunks_mut(GATHER_CHUNK)
            .zip(indices.par_chunks(GATHER_CHUNK))
            .for_each(|(out, indices)| out.iter_mut().zip(indices).for_each(|(o, &i)| *o = gh[i as usize]));
        out
    } else {
        indices.iter().map(|&i| gh[i as usize]).collect()
    };
    // The gather above indexed `gh` with every index (bounds-checked), and
    // every column is as long as `gh`: each index is a valid row of every
    // column, which the scattered loops below rely on.
    assert_eq!(gh.len(), binned.n_rows, "one gradient pair per row");
    let pairs: &[[f32; 2]] = if all_rows { gh } else { &gathered };
    let node_indices = (!all_rows).then_some(indices);
    // The bins of feature `f`, from its lanes.
    let finish = |f: usize, out: &mut [Bin], lanes: &mut Lanes| {
        if !all_rows && indices.len() < out.len() {
            // Fewer samples than bins (a small node): only the bins the
            // samples fell in are summed; every other bin is empty. A bin
            // already summed has a count (each sample counts 1), so a code
            // seen twice is summed once.
            let col = binned.column(f);
            out.fill(Bin::default());
            for &i in indices {
                let c = col[i as usize] as usize;
                if out[c].count == 0 {
                    out[c] = take_sum(lanes, c);
                }
            }
        } else {
            for (c, o) in out.iter_mut().enumerate() {
                *o = take_sum(lanes, c);
            }
        }
        if let Some(counts) = root_counts {
            let counts = &counts[layout.offsets[f]..layout.offsets[f + 1]];
            out.iter_mut().zip(counts).for_each(|(o, &c)| o.count = c);
        }
    };
    // Features `f0..` (one or `GROUP` of them, `outs`) summed together.
    let one_group = |f0: usize, outs: &mut [&mut [Bin]], lanes: &mut [Lanes; GROUP]| {
        match outs.len() {
            1 => {
                let [lanes, ..] = lanes;
                accumulate([binned.column(f0)], node_indices, pairs, [lanes]);
            }
            _ => {
                let cols = std::array::from_fn(|k| binned.column(f0 + k));
                accumulate(cols, node_indices, pairs, lanes.each_mut());
            }
        }
        for (k, (out, lanes)) in outs.iter_mut().zip(lanes.iter_mut()).enumerate() {
            finish(f0 + k, out, lanes);
        }
    };
    let mut slices = layout.features_mut(&mut hist);
    let groups = slices.chunks_mut(GROUP);
    if !parallel {
        with_lanes(|lanes| {
            groups
                .enumerate()
                .for_each(|(g, outs)| one_group(g * GROUP, outs, lanes))
        });
    } else {
        groups
            .collect::<Vec<_>>()
            .into_par_iter()
            .enumerate()
            .for_each(|(g, outs)| with_lanes(|lanes| one_group(g * GROUP, outs, lanes)));
    }
    hist
}

/// Features summed together in one pass over a node's samples. Each
/// sample's index and gradient pair are loaded (and widened) once for the
/// group rather than once per feature: 2 features a pass fitted
/// `hgb_1m` in 4.58 s against 5.15 s one at a time (alternating runs on a
/// quiet 2-core VM); 3 and 4 took 4.74 and 4.80 s, their lanes (a 24 KiB
/// block a feature) no longer fitting the 48 KiB L1 cache with the streams.
/// On MNIST's ten classes (784 features, most of a few codes) 2 a pass
/// is about 3 % slower (`hgb_profile ten 20000 20`: 8.87 s against
/// 8.63 s, medians of four alternating runs).
const GROUP: usize = 2;

/// Adds the node's samples to the lanes of the `W` features whose codes are
/// `cols`: sample `k` (in partition order) to lane `k % LANES` of each, so
/// the sums are the same whatever the grouping or the threads (the lanes
/// are summed in a fixed order). Interleaved lanes because consecutive
/// samples often share a bin (a feature with few values), and one
/// accumulator would chain every update on the previous one's store. `indices`:
/// the node's rows, whose pairs are `pairs` in the same order (then the
/// counts are taken too); `None` for the root, whose pairs are every row's
/// and whose counts come from [`root_counts`].
#[inline(always)]
fn accumulate<const W: usize>(
    cols: [&[u8]; W],
    indices: Option<&[u32]>,
    pairs: &[[f32; 2]],
    mut lanes: [&mut Lanes; W],
) {
    let n = pairs.len();
    let body = n / LANES * LANES;
    match indices {
        None => {
            // Every column is as long as the pairs (one per row).
            let cols = cols.map(|col| &col[..n]);
            for (k4, gh4) in (0..body).step_by(LANES).zip(pairs[..body].chunks_exact(LANES)) {
                for (lane, &gh) in gh4.iter().enumerate() {
                    for (col, lanes) in cols.iter().zip(lanes.iter_mut()) {
                        // SAFETY: k4 + lane < body <= n == col.len().
                        let c = unsafe { *col.get_unchecked(k4 + lane) } as usize;
                        add_sums(&mut lanes[lane][c], gh);
                    }
                }
            }
            for (k, &gh) in pairs.iter().enumerate().skip(body) {
                for (col, lanes) in cols.iter().zip(lanes.iter_mut()) {
                    add_sums(&mut lanes[0][col[k] as usize], gh);
                }
            }
        }
        Some(indices) => {
            for (i4, gh4) in indices[..body]
                .chunks_exact(LANES)
                .zip(pairs[..body].chunks_exact(LANES))
            {
                for lane in 0..LANES {
                    let (i, gh) = (i4[lane] as usize, gh4[lane]);
                    for (col, lanes) in cols.iter().zip(lanes.iter_mut()) {
                        // SAFETY: i < gh.len() == col.len() (see the
                        // assertion after the gather in `build`); the check
                        // was 2 of the loop's ~10 instructions.
                        let c = unsafe { *col.get_unchecked(i) } as usize;
                        add(&mut lanes[lane][c], gh);
                    }
                }
            }
            for (&i, &gh) in indices[body..].iter().zip(&pairs[body..]) {
                for (col, lanes) in cols.iter().zip(lanes.iter_mut()) {
                    let c = col[i as usize] as usize;
                    add(&mut lanes[0][c], gh);
                }
            }
        }
    }
}

/// Turns the parent's histograms into the larger child's: parent − smaller.
pub(crate) fn subtract_into(parent: &mut [Bin], smaller: &[Bin]) {
    for (p, s) in parent.iter_mut().zip(smaller) {
        p.g -= s.g;
        p.h -= s.h;
        p.count -= s.count;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::BinnedData;
    use rand::{Rng, SeedableRng, rngs::StdRng};

    /// Every bin's sums taken one sample at a time, in partition order.
    fn naive(binned: &Binned<u8>, layout: &Layout, indices: &[u32], gh: &[[f32; 2]]) -> Vec<Bin> {
        let mut hist = vec![Bin::default(); layout.len()];
        for f in 0..binned.n_features() {
            for &i in indices {
                let b = &mut hist[layout.offsets[f] + binned.column(f)[i as usize] as usize];
                b.g += gh[i as usize][0] as f64;
                b.h += gh[i as usize][1] as f64;
                b.count += 1;
            }
        }
        hist
    }

    /// Features summed in groups (an odd count leaves one alone), on one
    /// thread or several, for the root, a large node and a node with fewer
    /// samples than bins: the counts exact, the sums as one sample at a
    /// time (to rounding: the lanes add in another order).
    #[test]
    fn grouped_sums_equal_the_sums_one_sample_at_a_time() {
        let mut rng = StdRng::seed_from_u64(7);
        let (n, n_features) = (6_001, 5);
        let x = ndarray::Array2::from_shape_fn((n, n_features), |(_, f)| {
            if f == 2 {
                rng.random_range(0..3) as f64
            } else {
                rng.random::<f64>()
            }
        });
        let BinnedData::U8(binned) = BinnedData::new(x.view(), Some(255)) else {
            panic!("byte codes")
        };
        let layout = Layout::new(&binned);
        let gh: Vec<[f32; 2]> = (0..n)
            .map(|_| [rng.random::<f32>() - 0.5, rng.random::<f32>()])
            .collect();
        let all: Vec<u32> = (0..n as u32).collect();
        let node: Vec<u32> = all.iter().copied().filter(|i| i % 3 != 1).collect();
        let small: Vec<u32> = vec![5, 17, 17 + 256, 40, 5_999];
        let counts = root_counts(&binned, &layout);
        for (indices, root) in [(&all, Some(&counts[..])), (&node, None), (&small, None)] {
            let want = naive(&binned, &layout, indices, &gh);
            for threads in [1, 2] {
                let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
                let got = pool.install(|| build(&binned, &layout, indices, root, &gh));
                assert_eq!(got.len(), want.len());
                for (k, (g, w)) in got.iter().zip(&want).enumerate() {
                    assert_eq!(g.count, w.count, "count of bin {k}, {} samples", indices.len());
                    assert!((g.g - w.g).abs() <= 1e-9 * (1.0 + w.g.abs()), "g of bin {k}");
                    assert!((g.h - w.h).abs() <= 1e-9 * (1.0 + w.h.abs()), "h of bin {k}");
                }
            }
        }
    }
}
