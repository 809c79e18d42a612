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
/// one thread: spreading them costs more than it saves. Measured on Adult
/// (32,561 × 14, 2 threads, shared machine): 2^17 fits in 0.33 s where 2^14
/// took 0.55 s, the extra fork-joins waiting for a busy second core.
const PARALLEL_MIN_WORK: usize = 1 << 17;

/// Interleaved accumulators per feature (see `build`).
const LANES: usize = 4;

/// One feature's accumulators: `LANES` histograms of 256 bins (every byte
/// code), of which only the feature's first `n_codes` are used and zeroed.
type Lanes = [[Bin; 256]; LANES];

/// Features whose histograms one pass over the node's samples builds: the
/// sample's index and gradient pair are loaded (and the pair widened) once
/// for both features' codes. Each feature keeps its own `LANES`
/// accumulators and sample order, so its sums are exactly those of a pass
/// of its own. 2 × 24 KiB of accumulators still fit in L1 beside the
/// streams; on `hgb_1m` the pass took 8 → ~6.5 instructions a (sample,
/// feature) pair.
const GROUP: usize = 2;

thread_local! {
    /// Each thread's accumulators, allocated once: a fresh 24 KiB array per
    /// node (or per feature) cost more in copying than many small nodes'
    /// sums. Every use zeroes the bins it needs first.
    static SCRATCH_LANES: RefCell<Option<Box<[Lanes; GROUP]>>> = const { RefCell::new(None) };
}

/// Runs `f` on this thread's accumulators (no rayon call runs inside, so
/// the cell is never borrowed twice).
fn with_lanes<R>(f: impl FnOnce(&mut [Lanes; GROUP]) -> R) -> R {
    SCRATCH_LANES.with(|cell| {
        let mut slot = cell.borrow_mut();
        let lanes = slot.get_or_insert_with(|| {
            vec![[[Bin::default(); 256]; LANES]; GROUP]
                .into_boxed_slice()
                .try_into()
                .expect("GROUP accumulators")
        });
        f(lanes)
    })
}

/// Adds one sample to a bin. With `g` and `h` adjacent both in the pair and
/// in the bin, the compiler turns the two sums into one widening conversion
/// and one two-lane add (each lane the same IEEE addition as a scalar one).
#[inline(always)]
fn add(b: &mut Bin, gh: [f32; 2]) {
    b.g += gh[0] as f64;
    b.h += gh[1] as f64;
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
    // Gathering the node's gradient pairs once makes every feature's loop
    // read them sequentially; only the bin codes are read at random.
    let gathered: Vec<[f32; 2]> = if all_rows {
        Vec::new()
    } else {
        indices.iter().map(|&i| gh[i as usize]).collect()
    };
    // The gather above indexed `gh` with every index (bounds-checked), and
    // every column is as long as `gh`: each index is a valid row of every
    // column, which the scattered loops below rely on.
    assert_eq!(gh.len(), binned.n_rows, "one gradient pair per row");
    let pairs: &[[f32; 2]] = if all_rows { gh } else { &gathered };
    // The histograms of features `first..first + G` (one `out` each).
    let group = |first: usize, outs: &mut [&mut [Bin]], lanes: &mut [Lanes; GROUP]| match outs {
        [a, b] => accumulate::<2>(
            binned,
            [first, first + 1],
            [&mut **a, &mut **b],
            indices,
            pairs,
            all_rows,
            lanes,
        ),
        [a] => accumulate::<1>(binned, [first], [&mut **a], indices, pairs, all_rows, lanes),
        _ => unreachable!("groups of 1 or GROUP features"),
    };
    let mut slices = layout.features_mut(&mut hist);
    if indices.len() * slices.len() < PARALLEL_MIN_WORK {
        with_lanes(|lanes| {
            slices
                .chunks_mut(GROUP)
                .enumerate()
                .for_each(|(g, outs)| group(g * GROUP, outs, lanes))
        });
    } else {
        slices
            .par_chunks_mut(GROUP)
            .enumerate()
            .for_each(|(g, outs)| with_lanes(|lanes| group(g * GROUP, outs, lanes)));
    }
    if let Some(counts) = root_counts {
        hist.iter_mut().zip(counts).for_each(|(o, &c)| o.count = c);
    }
    hist
}

/// Sums the node's samples into the histograms of the `G` features
/// `features` (`outs`, one per feature), in one pass over the samples.
///
/// `LANES` interleaved accumulators per feature: consecutive samples often
/// share a bin (a feature with few values), and one accumulator would chain
/// every update on the previous one's store. Byte codes index them without
/// bounds checks. Sample k always goes to lane k % LANES and the lanes are
/// summed in a fixed order, so the result is the same on any thread count
/// and whichever features share the pass.
#[inline(always)]
fn accumulate<const G: usize>(
    binned: &Binned<u8>,
    features: [usize; G],
    outs: [&mut [Bin]; G],
    indices: &[u32],
    pairs: &[[f32; 2]],
    all_rows: bool,
    lanes: &mut [Lanes; GROUP],
) {
    let cols: [&[u8]; G] = features.map(|f| binned.column(f));
    let lanes = &mut lanes[..G];
    for (lanes, out) in lanes.iter_mut().zip(&outs) {
        for lane in lanes.iter_mut() {
            lane[..out.len()].fill(Bin::default());
        }
    }
    let n = pairs.len();
    let body = n / LANES * LANES;
    if all_rows {
        // The root: every row in order, counts filled in by the caller.
        for (k4, gh4) in (0..body).step_by(LANES).zip(pairs[..body].chunks_exact(LANES)) {
            let c4: [[u8; LANES]; G] = cols.map(|col| col[k4..k4 + LANES].try_into().expect("LANES codes"));
            for lane in 0..LANES {
                for (c4, bins) in c4.iter().zip(lanes.iter_mut()) {
                    add_sums(&mut bins[lane][c4[lane] as usize], gh4[lane]);
                }
            }
        }
        for k in body..n {
            for (col, bins) in cols.iter().zip(lanes.iter_mut()) {
                add_sums(&mut bins[0][col[k] as usize], pairs[k]);
            }
        }
    } else {
        for (i4, gh4) in indices[..body]
            .chunks_exact(LANES)
            .zip(pairs[..body].chunks_exact(LANES))
        {
            for lane in 0..LANES {
                let i = i4[lane] as usize;
                for (col, bins) in cols.iter().zip(lanes.iter_mut()) {
                    // SAFETY: i < gh.len() == col.len() (see the assertion
                    // after the gather in `build`); the check was 2 of the
                    // loop's ~10 instructions.
                    let code = unsafe { *col.get_unchecked(i) };
                    add(&mut bins[lane][code as usize], gh4[lane]);
                }
            }
        }
        for k in body..n {
            for (col, bins) in cols.iter().zip(lanes.iter_mut()) {
                add(&mut bins[0][col[indices[k] as usize] as usize], pairs[k]);
            }
        }
    }
    for (out, lanes) in outs.into_iter().zip(lanes.iter()) {
        for (c, o) in out.iter_mut().enumerate() {
            let mut sum = lanes[0][c];
            for lane in &lanes[1..] {
                sum.g += lane[c].g;
                sum.h += lane[c].h;
                sum.count += lane[c].count;
            }
            *o = sum;
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
