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

/// Interleaved accumulators per feature (see `build`).
const LANES: usize = 4;

/// One feature's accumulators: `LANES` histograms of 256 bins (every byte
/// code), of which only the feature's first `n_codes` are used and zeroed.
type Lanes = [[Bin; 256]; LANES];

thread_local! {
    /// Each thread's accumulators, allocated once: a fresh 24 KiB array per
    /// node (or per feature) cost more in copying than many small nodes'
    /// sums. All zero between uses: every use resets the bins it filled
    /// ([`take_sum`]).
    static SCRATCH_LANES: RefCell<Option<Box<Lanes>>> = const { RefCell::new(None) };
}

/// Runs `f` on this thread's accumulators (no rayon call runs inside, so
/// the cell is never borrowed twice).
fn with_lanes<R>(f: impl FnOnce(&mut Lanes) -> R) -> R {
    SCRATCH_LANES.with(|cell| {
        let mut slot = cell.borrow_mut();
        let lanes = slot.get_or_insert_with(|| {
            vec![[Bin::default(); 256]; LANES]
                .into_boxed_slice()
                .try_into()
                .expect("LANES accumulators")
        });
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
    let one_feature = |f: usize, out: &mut [Bin], lanes: &mut Lanes| {
        let col = binned.column(f);
        // LANES interleaved accumulators: consecutive samples often share a
        // bin (a feature with few values), and one accumulator would chain
        // every update on the previous one's store. Byte codes index them
        // without bounds checks. Sample k always goes to lane k % LANES and
        // the lanes are summed in a fixed order, so the result is the same
        // on any thread count.
        let n_codes = out.len();
        let n = pairs.len();
        let body = n / LANES * LANES;
        if all_rows {
            for (c4, gh4) in col[..body].chunks_exact(LANES).zip(pairs[..body].chunks_exact(LANES)) {
                for (lane, bins) in lanes.iter_mut().enumerate() {
                    add_sums(&mut bins[c4[lane] as usize], gh4[lane]);
                }
            }
            for k in body..n {
                add_sums(&mut lanes[0][col[k] as usize], pairs[k]);
            }
        } else {
            for (i4, gh4) in indices[..body]
                .chunks_exact(LANES)
                .zip(pairs[..body].chunks_exact(LANES))
            {
                for (lane, bins) in lanes.iter_mut().enumerate() {
                    // SAFETY: i4[lane] < gh.len() == col.len() (see the
                    // assertion after the gather); the check was 2 of the
                    // loop's ~10 instructions.
                    let code = unsafe { *col.get_unchecked(i4[lane] as usize) };
                    add(&mut bins[code as usize], gh4[lane]);
                }
            }
            for k in body..n {
                add(&mut lanes[0][col[indices[k] as usize] as usize], pairs[k]);
            }
        }
        if !all_rows && n < n_codes {
            // Fewer samples than bins (a small node): only the bins the
            // samples fell in are summed; every other bin is empty. A bin
            // already summed has a count (each sample counts 1), so a code
            // seen twice is summed once.
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
    let slices = layout.features_mut(&mut hist);
    if !parallel {
        with_lanes(|lanes| {
            slices
                .into_iter()
                .enumerate()
                .for_each(|(f, s)| one_feature(f, s, lanes))
        });
    } else {
        slices
            .into_par_iter()
            .enumerate()
            .for_each(|(f, s)| with_lanes(|lanes| one_feature(f, s, lanes)));
    }
    hist
}

/// Turns the parent's histograms into the larger child's: parent − smaller.
pub(crate) fn subtract_into(parent: &mut [Bin], smaller: &[Bin]) {
    for (p, s) in parent.iter_mut().zip(smaller) {
        p.g -= s.g;
        p.h -= s.h;
        p.count -= s.count;
    }
}
