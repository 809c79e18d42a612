//! The data-parallel fit (LightGBM's data-parallel learner): every process
//! holds some of the rows, and all of them grow the same trees.
//!
//! - Binning: the bin edges come from the rows of every process (all of
//!   them up to `BIN_SUBSAMPLE` training rows, else a sample chosen by a
//!   hash of each row's *global* index), gathered on every process, which
//!   then runs the single-process binning on them; categorical features'
//!   categories and the features' missing-value flags are all-reduced.
//!   Every process then codes its own rows against the same edges (shared
//!   with the forests' row-sharded fit: `distributed::binning`).
//! - Gradients: before each tree, each tree's gradients (and hessians) are
//!   rounded to a power-of-two grid chosen from their all-reduced largest
//!   magnitude, fine enough for 23 bits but coarse enough that the sum over
//!   every row of every process is exact in `f64`. The histograms built by
//!   the single-process code are then exact integer multiples of the grid,
//!   whatever the order of the sums, and their integer combination and the
//!   sibling subtraction are exact.
//! - Histograms and splits (LightGBM's data-parallel learner): each process
//!   owns a block of consecutive features (about equal bins). A node's
//!   histograms are reduce-scattered as packed integers ([`Packing`]: two
//!   `i64` per bin for up to ~2^26 rows), so each process receives the
//!   combined histograms of its own features only, half an all-reduce's
//!   bytes; it searches its features, and the processes all-gather their
//!   best splits (about 90 bytes each) and take the largest gain, the
//!   lowest feature on ties: the split one process searching every feature
//!   picks. The grower is shared, through [`HistogramCombine`].
//! - Baseline and losses: exact sums ([`ExactSums`]) over every process,
//!   weighted by the rows' sample (times class) weights when given.
//! - Early stopping: a row is a validation row when a hash of its global
//!   index is below `validation_fraction` (so the choice does not depend on
//!   how the rows are split).
//!
//! The model is therefore bit-identical for any number of processes and
//! any split of the rows. It differs from the single-process fit's only by
//! the gradient rounding (about 1e-7 of the largest gradient) and the
//! validation rows.

use super::boosting::{self, Collective, Ensemble, Prepared};
use super::grower::HistogramCombine;
use super::histogram::{Bin, Layout};
use super::loss::Loss;
use super::params::{EarlyStopping, Settings};
use super::split::SplitInfo;
use crate::distributed::{
    Communicator, ExactSums, ReduceOp, RowShards, agree, bin_shard, check_shard_weight, row_uniform,
};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::validation::{check_array_with_missing, check_same_length};
use ndarray::{ArrayView1, ArrayView2, Axis};
use std::cell::Cell;

/// Bits of the gradient grid below the largest gradient (an `f32` holds
/// the rounded values exactly).
const GRID_BITS: i32 = 23;
/// Salt of the validation rows' per-row hash (the binning sample's has
/// another, so the two choices are independent).
const VALIDATION_SALT: u64 = 0x5641_4c49_4441_5445;

/// The checks of one process's input: the hyperparameters, `x` (`NaN`
/// allowed; no rows is fine on one process), one target per row.
pub(crate) fn check_local<F: Float>(settings: &Settings, x: ArrayView2<'_, F>, n_targets: usize) -> Result<()> {
    settings.validate()?;
    if x.nrows() > 0 {
        check_array_with_missing(settings.name, x)?;
    }
    check_same_length(settings.name, "number of targets vs rows of X", x.nrows(), n_targets)
}

/// This process's sample weights as `f64` (`None` without weights),
/// checked as every distributed fit checks them
/// ([`check_shard_weight`]); a process without rows has an empty list.
pub(crate) fn local_weights<F: Float>(
    name: &'static str,
    sample_weight: Option<ArrayView1<'_, F>>,
    n_rows: usize,
) -> Result<Option<Vec<f64>>> {
    if sample_weight.is_none() {
        return Ok(None);
    }
    Ok(Some(
        check_shard_weight(name, sample_weight, n_rows)?.map_or_else(Vec::new, |w| w.to_vec()),
    ))
}

/// What the boosting loop combines over the processes.
struct Dist<'c, C: ?Sized> {
    comm: &'c C,
    /// Training rows of every process (bounds the grid's sums).
    n_total: usize,
    constant_hessian: bool,
    /// The current tree's grid steps of the gradients and hessians.
    steps: Cell<[f64; 2]>,
    /// Where each feature's bins start in a node's histograms (the
    /// layout's offsets, the total last).
    offsets: Vec<usize>,
    /// Rank `r` owns features `bounds[r]..bounds[r + 1]`.
    bounds: Vec<usize>,
}

/// Splits the features into `size` consecutive blocks of about equal bins
/// (a reduce-scatter's cost is its largest block); returns the `size + 1`
/// boundaries. Ranks beyond the features own empty blocks.
fn feature_blocks(offsets: &[usize], size: usize) -> Vec<usize> {
    let n_features = offsets.len() - 1;
    let total = offsets[n_features];
    let mut bounds = vec![0usize];
    for r in 1..size {
        let target = total * r / size;
        let mut f = offsets.partition_point(|&o| o < target).min(n_features);
        if f > 0 && target - offsets[f - 1] < offsets[f] - target {
            f -= 1;
        }
        let previous = bounds.last().copied().unwrap_or(0);
        bounds.push(f.max(previous));
    }
    bounds.push(n_features);
    bounds
}

/// How one bin's integer sums travel in the reduce-scatter: as few `i64`
/// words as the bounds of the sums allow, every field summed exactly by the
/// integer reduction (no field carries into another: each is bounded over
/// every process, and over any subset of them, by the row count).
///
/// A signed field `v` of `width` bits at the bottom of a word with another
/// field `u` above it is stored as `v + u · 2^width`: sums of such words are
/// the sums of the fields, and `v` is read back by sign extension.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Packing {
    /// Constant hessian: `g + count · 2^wg` in one word.
    GradCount { wg: u32 },
    /// Constant hessian, too many rows for one word: `g`, `count`.
    GradCountWide,
    /// `g + (count >> m) · 2^wg` and `h + (count & (2^m - 1)) · 2^wh`: each
    /// process splits its own counts, so the low parts' sum is below
    /// `size · 2^m`.
    Split { wg: u32, wh: u32, m: u32 },
    /// Too many rows or processes for two words: `g`, `h`, `count`.
    Wide,
}

impl Packing {
    /// The packing for `n_total` rows over `size` processes with the
    /// gradients on a grid of `bits` bits below their largest magnitude
    /// (each row's multiple of the step is at most `2^bits`).
    fn new(n_total: usize, size: usize, bits: i32, constant_hessian: bool) -> Self {
        // Every sum of multiples is below n_total · 2^bits < 2^(t + bits) in
        // magnitude: a signed field of t + bits + 1 bits holds it.
        let t = usize::BITS - n_total.leading_zeros();
        let s = usize::BITS - size.leading_zeros();
        let w = t + bits.max(0) as u32 + 1;
        if constant_hessian {
            return if t + w <= 63 {
                Packing::GradCount { wg: w }
            } else {
                Packing::GradCountWide
            };
        }
        // The high counts' sum is below 2^(t - m), the low ones' below
        // 2^(m + s): each word must stay below 2^63.
        let m = (t + w).saturating_sub(63);
        if m <= t && m + s + w <= 63 {
            Packing::Split { wg: w, wh: w, m }
        } else {
            Packing::Wide
        }
    }

    fn words(self) -> usize {
        match self {
            Packing::GradCount { .. } => 1,
            Packing::GradCountWide | Packing::Split { .. } => 2,
            Packing::Wide => 3,
        }
    }

    /// One process's bin (the grid's multiples `g`, `h` and the count).
    fn encode(self, g: i64, h: i64, count: i64, out: &mut [i64]) {
        match self {
            Packing::GradCount { wg } => out[0] = g + (count << wg),
            Packing::GradCountWide => out.copy_from_slice(&[g, count]),
            Packing::Split { wg, wh, m } => {
                out[0] = g + ((count >> m) << wg);
                out[1] = h + ((count & ((1 << m) - 1)) << wh);
            }
            Packing::Wide => out.copy_from_slice(&[g, h, count]),
        }
    }

    /// The summed bin: `(g, h, count)`.
    fn decode(self, words: &[i64]) -> (i64, i64, i64) {
        // The signed field at the bottom of a word, and what is above it.
        let split = |word: i64, width: u32| {
            let low = (word << (64 - width)) >> (64 - width);
            (low, (word - low) >> width)
        };
        match self {
            Packing::GradCount { wg } => {
                let (g, count) = split(words[0], wg);
                (g, 0, count)
            }
            Packing::GradCountWide => (words[0], 0, words[1]),
            Packing::Split { wg, wh, m } => {
                let (g, high) = split(words[0], wg);
                let (h, low) = split(words[1], wh);
                (g, h, (high << m) + low)
            }
            Packing::Wide => (words[0], words[1], words[2]),
        }
    }
}

impl<C: Communicator + ?Sized> Dist<'_, C> {
    /// Bits of the grid below the largest gradient: `GRID_BITS`, fewer when
    /// `n_total · 2^bits` would not fit in `f64`'s 53 bits (every partial
    /// sum of the histograms is then exact).
    fn grid_bits(&self) -> i32 {
        let total_bits = usize::BITS - self.n_total.leading_zeros();
        GRID_BITS.min(52 - total_bits as i32)
    }

    /// The grid step for values of magnitude at most `max`: `2^(e - bits)`
    /// with `2^e >= max`.
    fn step(&self, max: f64) -> f64 {
        if max <= 0.0 || !max.is_finite() {
            return 1.0;
        }
        let mut e = max.log2().ceil() as i32;
        while 2f64.powi(e) < max {
            e += 1;
        }
        2f64.powi(e - self.grid_bits())
    }

    fn packing(&self) -> Packing {
        Packing::new(self.n_total, self.comm.size(), self.grid_bits(), self.constant_hessian)
    }

    fn split_error(&self, message: &str) -> Error {
        Error::Communication {
            context: "HistGradientBoosting::fit_distributed".into(),
            rank: self.comm.rank(),
            message: message.to_string(),
        }
    }
}

/// The bytes of a split in the all-gather of the best splits: the floats'
/// bits, the integers as `u64`, the categorical set's words.
fn split_to_bytes(split: &SplitInfo) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    let floats = [
        split.gain,
        split.g_left,
        split.h_left,
        split.g_right,
        split.h_right,
        split.value_left,
        split.value_right,
    ];
    floats.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
    [split.feature, split.bin, split.n_left, split.n_right]
        .iter()
        .for_each(|&v| out.extend_from_slice(&(v as u64).to_le_bytes()));
    out.push(split.missing_left as u8);
    if let Some(codes) = &split.left_codes {
        codes.iter().for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
    }
    out
}

/// The split [`split_to_bytes`] wrote, or `None` for bytes of another shape.
fn split_from_bytes(bytes: &[u8]) -> Option<SplitInfo> {
    const FIXED: usize = 7 * 8 + 4 * 8 + 1;
    if bytes.len() != FIXED && bytes.len() != FIXED + 32 {
        return None;
    }
    let word = |i: usize| u64::from_le_bytes(bytes[8 * i..8 * i + 8].try_into().expect("8 bytes"));
    let float = |i: usize| f64::from_bits(word(i));
    let left_codes = (bytes.len() > FIXED).then(|| {
        std::array::from_fn(|k| {
            u32::from_le_bytes(bytes[FIXED + 4 * k..FIXED + 4 * k + 4].try_into().expect("4 bytes"))
        })
    });
    Some(SplitInfo {
        gain: float(0),
        g_left: float(1),
        h_left: float(2),
        g_right: float(3),
        h_right: float(4),
        value_left: float(5),
        value_right: float(6),
        feature: usize::try_from(word(7)).ok()?,
        bin: usize::try_from(word(8)).ok()?,
        n_left: usize::try_from(word(9)).ok()?,
        n_right: usize::try_from(word(10)).ok()?,
        missing_left: bytes[FIXED - 1] == 1,
        left_codes,
    })
}

impl<C: Communicator + ?Sized> HistogramCombine for Dist<'_, C> {
    fn root_sums(&self, local: &[Bin]) -> Result<(usize, f64, f64)> {
        // Feature 0's bins hold every local row once; the multiples of the
        // grid sum exactly, as the single-process read-off does.
        let [gs, hs] = self.steps.get();
        let mut sums = [0i64; 3];
        for b in &local[self.offsets[0]..self.offsets[1]] {
            sums[0] += b.count as i64;
            sums[1] += (b.g / gs) as i64;
            sums[2] += (b.h / hs) as i64;
        }
        self.comm.all_reduce_i64(&mut sums, ReduceOp::Sum)?;
        Ok((sums[0] as usize, sums[1] as f64 * gs, sums[2] as f64 * hs))
    }

    fn reduce(&self, hist: &mut [Bin]) -> Result<()> {
        let [gs, hs] = self.steps.get();
        let packing = self.packing();
        let words = packing.words();
        // Bins in layout order, so rank r's block (its features' bins) is
        // one run of the buffer.
        let mut buf = vec![0i64; hist.len() * words];
        for (b, out) in hist.iter().zip(buf.chunks_exact_mut(words)) {
            let h = if self.constant_hessian { 0 } else { (b.h / hs) as i64 };
            packing.encode((b.g / gs) as i64, h, b.count as i64, out);
        }
        let counts: Vec<usize> = self
            .bounds
            .windows(2)
            .map(|w| (self.offsets[w[1]] - self.offsets[w[0]]) * words)
            .collect();
        let mine = self.comm.reduce_scatter_i64(&buf, &counts, ReduceOp::Sum)?;
        let owned = self.owned();
        let (start, stop) = (self.offsets[owned.start], self.offsets[owned.end]);
        hist[..start].fill(Bin::default());
        hist[stop..].fill(Bin::default());
        for (b, words) in hist[start..stop].iter_mut().zip(mine.chunks_exact(words)) {
            let (g, h, count) = packing.decode(words);
            b.g = g as f64 * gs;
            b.h = if self.constant_hessian { 0.0 } else { h as f64 * hs };
            b.count = count as u32;
        }
        Ok(())
    }

    fn owned(&self) -> std::ops::Range<usize> {
        let r = self.comm.rank();
        self.bounds[r]..self.bounds[r + 1]
    }

    fn best_split(&self, local: Option<SplitInfo>) -> Result<Option<SplitInfo>> {
        let bytes = local.as_ref().map_or_else(Vec::new, split_to_bytes);
        let gathered = self.comm.all_gather_bytes(&bytes)?;
        // Rank order is feature order (the blocks are consecutive), and a
        // later block replaces the best only with a larger gain: the first
        // feature of largest gain, as the single-process search.
        let mut best: Option<SplitInfo> = None;
        for part in gathered.iter().filter(|b| !b.is_empty()) {
            let split = split_from_bytes(part).ok_or_else(|| self.split_error("a gathered split is malformed"))?;
            if best.as_ref().is_none_or(|b| split.gain > b.gain) {
                best = Some(split);
            }
        }
        Ok(best)
    }
}

impl<C: Communicator + ?Sized> Collective for Dist<'_, C> {
    fn baseline(&self, loss: Loss, y: &[f64], w: Option<&[f64]>) -> Result<Vec<f64>> {
        let m = match loss {
            Loss::Multinomial { n_classes } => n_classes,
            _ => 1,
        };
        // Slot m: the total weight; slots 0..m: the weighted target (or
        // class indicator) sums.
        let mut sums = ExactSums::new(m + 1);
        for (i, &v) in y.iter().enumerate() {
            let wi = w.map_or(1.0, |w| w[i]);
            match loss {
                Loss::Multinomial { .. } => sums.add(v as usize, wi),
                _ => sums.add(0, v * wi),
            }
            sums.add(m, wi);
        }
        sums.all_reduce(self.comm)?;
        let values = sums.values();
        let means: Vec<f64> = values[..m].iter().map(|s| s / values[m]).collect();
        Ok(loss.baseline_from_means(&means))
    }

    fn mean_loss(&self, loss: Loss, y: &[f64], raw: &[f64], w: Option<&[f64]>) -> Result<f64> {
        let mut sums = ExactSums::new(2);
        for i in 0..y.len() {
            let wi = w.map_or(1.0, |w| w[i]);
            sums.add(0, loss.row_loss(y, raw, i) * wi);
            sums.add(1, wi);
        }
        sums.all_reduce(self.comm)?;
        let values = sums.values();
        Ok(values[0] / values[1])
    }

    fn prepare_gradients(&self, gh: &mut [[f32; 2]]) -> Result<()> {
        // Magnitudes: the packing of the histograms bounds every row's
        // multiple of the step by 2^bits, whatever the sign.
        let mut max = [0f64; 2];
        for p in gh.iter() {
            max[0] = max[0].max((p[0] as f64).abs());
            max[1] = max[1].max((p[1] as f64).abs());
        }
        self.comm.all_reduce_f64(&mut max, ReduceOp::Max)?;
        let steps = max.map(|m| self.step(m));
        for p in gh.iter_mut() {
            for (v, step) in p.iter_mut().zip(steps) {
                *v = (((*v as f64) / step).round() * step) as f32;
            }
        }
        self.steps.set(steps);
        Ok(())
    }

    fn histograms(&self) -> Option<&dyn HistogramCombine> {
        Some(self)
    }
}

/// Fits the ensemble on this process's rows `x`, targets `y` (values, or
/// class codes as `f64`) and row weights `w` (sample times class weights,
/// one per row; `Some` on every process or on none), checked by the caller
/// with [`check_local`] and [`agree`]. Every process returns the same
/// ensemble.
pub(crate) fn fit<F: Float, C: Communicator + ?Sized>(
    settings: &Settings,
    loss: Loss,
    comm: &C,
    x: ArrayView2<'_, F>,
    y: Vec<f64>,
    w: Option<Vec<f64>>,
) -> Result<Ensemble> {
    let name = settings.name;
    // The feature counts must agree before anything is sized by them.
    let mut ncols = [x.ncols() as i64, -(x.ncols() as i64)];
    comm.all_reduce_i64(&mut ncols, ReduceOp::Max)?;
    if ncols[0] != -ncols[1] {
        return Err(Error::invalid_input(
            name,
            format!(
                "the processes' X have different numbers of features ({} to {}); this one has {}",
                -ncols[1],
                ncols[0],
                x.ncols()
            ),
        ));
    }
    if let Some(w) = &w {
        // As the single-process fit's check, on the sum over every process
        // (one process's weights may all be zero).
        let mut total = ExactSums::new(1);
        w.iter().for_each(|&v| total.add(0, v));
        total.all_reduce(comm)?;
        let total = total.values()[0];
        if !(total > 0.0 && total.is_finite()) {
            return Err(Error::invalid_input(
                name,
                format!(
                    "the sample weights times the class weights must have a positive finite sum over every process, got {total}"
                ),
            ));
        }
    }
    let shards = RowShards::gather(comm, x.nrows())?;
    if shards.total_rows() == 0 {
        return Err(Error::EmptyInput {
            context: name.into(),
            what: "X has no rows on any process",
        });
    }
    if shards.total_rows() > i32::MAX as usize {
        // The histograms' counts are u32 and the packing of the
        // reduce-scatter bounds them by the row count.
        return Err(Error::invalid_input(
            name,
            format!("{} rows over all processes, more than 2^31 - 1", shards.total_rows()),
        ));
    }
    let n_features = x.ncols();
    let is_categorical = settings
        .categorical_features
        .resolve(name, n_features, settings.feature_names.as_deref())?;
    agree(
        comm,
        boosting::check_categories(name, x, &is_categorical, settings.max_bins),
    )?;
    // One seed for every process: the first one's.
    let mut seed_bytes = crate::random::seed_or_entropy(settings.random_state)
        .to_le_bytes()
        .to_vec();
    comm.broadcast_bytes(0, &mut seed_bytes)?;
    let seed = u64::from_le_bytes(seed_bytes.as_slice().try_into().map_err(|_| Error::Communication {
        context: name.into(),
        rank: comm.rank(),
        message: "the broadcast seed is not 8 bytes".into(),
    })?);
    let offset = shards.offset(comm.rank());
    let do_early_stopping = match settings.early_stopping {
        EarlyStopping::Auto => shards.total_rows() > 10_000,
        EarlyStopping::On => true,
        EarlyStopping::Off => false,
    };
    let is_validation: Vec<bool> = match (do_early_stopping, settings.validation_fraction) {
        (true, Some(fraction)) => (0..x.nrows())
            .map(|i| row_uniform(seed, VALIDATION_SALT, offset + i) < fraction)
            .collect(),
        _ => vec![false; x.nrows()],
    };
    let train: Vec<usize> = (0..x.nrows()).filter(|&i| !is_validation[i]).collect();
    let val: Vec<usize> = (0..x.nrows()).filter(|&i| is_validation[i]).collect();
    let mut counts = [train.len() as i64, val.len() as i64];
    comm.all_reduce_i64(&mut counts, ReduceOp::Sum)?;
    let uses_validation = do_early_stopping && settings.validation_fraction.is_some();
    if counts[0] == 0 || (uses_validation && counts[1] == 0) {
        return Err(Error::invalid_input(
            name,
            format!(
                "early stopping's validation_fraction leaves {} training and {} validation rows over all processes",
                counts[0], counts[1]
            ),
        ));
    }
    let x_train = x.select(Axis(0), &train);
    let global_train: Vec<usize> = train.iter().map(|&i| offset + i).collect();
    let binned = bin_shard(
        comm,
        name,
        settings.max_bins,
        x_train.view(),
        &global_train,
        &is_categorical,
        seed,
        counts[0] as usize,
    )?;
    let select = |values: &[f64], rows: &[usize]| -> Vec<f64> { rows.iter().map(|&i| values[i]).collect() };
    let validation = uses_validation.then(|| {
        (
            x.select(Axis(0), &val),
            select(&y, &val),
            w.as_deref().map(|w| select(w, &val)),
        )
    });
    let prepared = Prepared {
        binned,
        is_categorical,
        y: select(&y, &train),
        w: w.as_deref().map(|w| select(w, &train)),
        validation,
        do_early_stopping,
        seed,
    };
    let offsets = Layout::new(&prepared.binned).offsets;
    let bounds = feature_blocks(&offsets, comm.size());
    let dist = Dist {
        comm,
        n_total: counts[0] as usize,
        constant_hessian: loss.constant_hessian(w.is_some()),
        steps: Cell::new([1.0, 1.0]),
        offsets,
        bounds,
    };
    boosting::boost(settings, loss, prepared, &dist, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sums of packed bins decode to the sums of the fields, at the
    /// extremes the bounds allow (every row at `±2^bits`, every row in one
    /// bin), for the packings small and large row counts choose.
    #[test]
    fn packed_bins_sum_exactly_at_the_extremes() {
        let cases = [
            // (rows, processes, constant hessian, expected packing)
            (1_800_000usize, 2, false, "split"),
            (1_800_000, 2, true, "wide"),
            (1_000, 4, true, "one word"),
            (1_000, 64, false, "split"),
            (200_000_000, 16, false, "wide"),
        ];
        for (n_total, size, constant, expected) in cases {
            let t = usize::BITS - n_total.leading_zeros();
            let bits = GRID_BITS.min(52 - t as i32);
            let packing = Packing::new(n_total, size, bits, constant);
            let name = match packing {
                Packing::GradCount { .. } => "one word",
                Packing::Split { .. } => "split",
                Packing::GradCountWide | Packing::Wide => "wide",
            };
            assert_eq!(name, expected, "{n_total} rows on {size} processes: {packing:?}");
            let words = packing.words();
            let limit = 1i64 << bits;
            // Each process holds n_total / size rows, all in this bin.
            let per = (n_total / size) as i64;
            for sign in [1i64, -1] {
                let mut sum = vec![0i64; words];
                let mut out = vec![0i64; words];
                for r in 0..size as i64 {
                    // Uneven counts: the low count parts differ.
                    let count = per - r % 2;
                    let g = sign * limit * count;
                    let h = if constant { 0 } else { limit * count };
                    packing.encode(g, h, count, &mut out);
                    for (s, o) in sum.iter_mut().zip(&out) {
                        *s = s.checked_add(*o).expect("no word overflows");
                    }
                }
                let total: i64 = (0..size as i64).map(|r| per - r % 2).sum();
                let h = if constant { 0 } else { limit * total };
                assert_eq!(packing.decode(&sum), (sign * limit * total, h, total), "{packing:?}");
            }
        }
    }

    #[test]
    fn feature_blocks_balance_bins_and_cover_every_feature_in_order() {
        // Four features of 256, 8, 256 and 100 bins.
        let offsets = [0, 256, 264, 520, 620];
        assert_eq!(feature_blocks(&offsets, 1), vec![0, 4]);
        assert_eq!(feature_blocks(&offsets, 2), vec![0, 2, 4]);
        assert_eq!(feature_blocks(&offsets, 3), vec![0, 1, 3, 4]);
        // More ranks than features: some own none.
        let blocks = feature_blocks(&offsets, 6);
        assert_eq!((blocks[0], blocks[6]), (0, 4));
        assert!(blocks.windows(2).all(|w| w[0] <= w[1]), "{blocks:?}");
    }

    #[test]
    fn splits_round_trip_through_bytes() {
        let mut split = SplitInfo {
            gain: 1.5,
            feature: 7,
            bin: 3,
            missing_left: true,
            left_codes: None,
            g_left: -0.25,
            h_left: 2.0,
            n_left: 11,
            g_right: 0.125,
            h_right: 3.0,
            n_right: 13,
            value_left: f64::MIN_POSITIVE,
            value_right: -0.0,
        };
        for codes in [None, Some([1, 0, 0, 0, 0, 0, 0, 1 << 31])] {
            split.left_codes = codes;
            let back = split_from_bytes(&split_to_bytes(&split)).expect("a split");
            assert_eq!(format!("{back:?}"), format!("{split:?}"));
            assert_eq!(back.value_right.to_bits(), split.value_right.to_bits());
        }
        assert!(split_from_bytes(&[1, 2, 3]).is_none());
    }
}
