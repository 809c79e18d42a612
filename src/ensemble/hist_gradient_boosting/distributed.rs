//! The data-parallel fit (LightGBM's data-parallel learner): every process
//! holds some of the rows, and all of them grow the same trees.
//!
//! - Binning: the bin edges come from the rows of every process (all of
//!   them up to [`BIN_SUBSAMPLE`] training rows, else a sample chosen by a
//!   hash of each row's *global* index), gathered on every process, which
//!   then runs the single-process binning on them; categorical features'
//!   categories and the features' missing-value flags are all-reduced.
//!   Every process then codes its own rows against the same edges.
//! - Gradients: before each tree, each tree's gradients (and hessians) are
//!   rounded to a power-of-two grid chosen from their all-reduced largest
//!   magnitude, fine enough for 23 bits but coarse enough that the sum over
//!   every row of every process is exact in `f64`. The histograms built by
//!   the single-process code are then exact integer multiples of the grid,
//!   whatever the order of the sums: their all-reduce (as `i64`) and the
//!   sibling subtraction are exact, so every process sees the same
//!   histograms for 1 or 4 processes, and the grower (shared, with a reduce
//!   hook) makes the same splits.
//! - Baseline and losses: exact sums ([`ExactSums`]) over every process.
//! - Early stopping: a row is a validation row when a hash of its global
//!   index is below `validation_fraction` (so the choice does not depend on
//!   how the rows are split).
//!
//! The model is therefore bit-identical for any number of processes and
//! any split of the rows. It differs from the single-process fit's only by
//! the gradient rounding (about 1e-7 of the largest gradient) and the
//! validation rows.

use super::boosting::{self, Collective, Ensemble, Prepared};
use super::histogram::Bin;
use super::loss::Loss;
use super::params::{EarlyStopping, Settings};
use crate::distributed::{Communicator, ExactSums, ReduceOp, RowShards, agree};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::random::derived_seed;
use crate::tree::{Binned, BinnedData};
use crate::validation::{check_array_with_missing, check_same_length};
use ndarray::{Array2, ArrayView2, Axis};
use std::cell::Cell;

/// Training rows the bin edges are computed from at most (about:
/// scikit-learn's `subsample` of the binner, 200,000 rows).
const BIN_SUBSAMPLE: usize = 200_000;
/// Bits of the gradient grid below the largest gradient (an `f32` holds
/// the rounded values exactly).
const GRID_BITS: i32 = 23;
/// Salts of the per-row hashes, so the validation and binning choices are
/// independent.
const VALIDATION_SALT: u64 = 0x5641_4c49_4441_5445;
const SAMPLE_SALT: u64 = 0x5341_4d50_4c45_0000;

/// A uniform number in `[0, 1)` for global row `row`.
fn row_uniform(seed: u64, salt: u64, row: usize) -> f64 {
    (derived_seed(seed ^ salt, row as u64) >> 11) as f64 / (1u64 << 53) as f64
}

/// The checks of one process's input: the hyperparameters, `x` (`NaN`
/// allowed; no rows is fine on one process), one target per row.
pub(crate) fn check_local<F: Float>(settings: &Settings, x: ArrayView2<'_, F>, n_targets: usize) -> Result<()> {
    settings.validate()?;
    if x.nrows() > 0 {
        check_array_with_missing(settings.name, x)?;
    }
    check_same_length(settings.name, "number of targets vs rows of X", x.nrows(), n_targets)
}

/// What the boosting loop combines over the processes.
struct Dist<'c, C: ?Sized> {
    comm: &'c C,
    /// Training rows of every process (bounds the grid's sums).
    n_total: usize,
    constant_hessian: bool,
    /// The current tree's grid steps of the gradients and hessians.
    steps: Cell<[f64; 2]>,
}

impl<C: Communicator + ?Sized> Dist<'_, C> {
    /// The grid step for values of magnitude at most `max`: `2^(e - bits)`
    /// with `2^e >= max`, where `bits` keeps `n_total · 2^bits` within
    /// `f64`'s 53 bits (every partial sum of the histograms is then exact).
    fn step(&self, max: f64) -> f64 {
        if max <= 0.0 || !max.is_finite() {
            return 1.0;
        }
        let total_bits = usize::BITS - self.n_total.leading_zeros();
        let bits = GRID_BITS.min(52 - total_bits as i32);
        let mut e = max.log2().ceil() as i32;
        while 2f64.powi(e) < max {
            e += 1;
        }
        2f64.powi(e - bits)
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
        let mut max = [0f64; 2];
        for p in gh.iter() {
            max[0] = max[0].max((p[0] as f64).abs());
            max[1] = max[1].max(p[1] as f64);
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

    fn combines_histograms(&self) -> bool {
        true
    }

    fn reduce_histogram(&self, hist: &mut [Bin]) -> Result<()> {
        let [gs, hs] = self.steps.get();
        let len = hist.len();
        // The grid steps' multiples as integers: gradients, hessians (not
        // sent when constant: they are all zero), then the counts two to an
        // `i64` (bin j in the low half, bin j + half in the high one: every
        // count, summed over all rows, is below 2^31, so the halves never
        // carry into each other nor into the sign).
        let half = len.div_ceil(2);
        let h_at = len;
        let c_at = if self.constant_hessian { len } else { 2 * len };
        let mut buf = vec![0i64; c_at + half];
        for (j, b) in hist.iter().enumerate() {
            buf[j] = (b.g / gs) as i64;
            if !self.constant_hessian {
                buf[h_at + j] = (b.h / hs) as i64;
            }
            let (slot, shift) = if j < half { (j, 0) } else { (j - half, 32) };
            buf[c_at + slot] |= (b.count as i64) << shift;
        }
        self.comm.all_reduce_i64(&mut buf, ReduceOp::Sum)?;
        for (j, b) in hist.iter_mut().enumerate() {
            b.g = buf[j] as f64 * gs;
            if !self.constant_hessian {
                b.h = buf[h_at + j] as f64 * hs;
            }
            let (slot, shift) = if j < half { (j, 0) } else { (j - half, 32) };
            b.count = (buf[c_at + slot] >> shift) as u32;
        }
        Ok(())
    }
}

/// Fits the ensemble on this process's rows `x` and targets `y` (values, or
/// class codes as `f64`), checked by the caller with [`check_local`] and
/// [`agree`]. Every process returns the same ensemble.
pub(crate) fn fit<F: Float, C: Communicator + ?Sized>(
    settings: &Settings,
    loss: Loss,
    comm: &C,
    x: ArrayView2<'_, F>,
    y: Vec<f64>,
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
    let shards = RowShards::gather(comm, x.nrows())?;
    if shards.total_rows() == 0 {
        return Err(Error::EmptyInput {
            context: name.into(),
            what: "X has no rows on any process",
        });
    }
    if shards.total_rows() > i32::MAX as usize {
        // The all-reduced histograms pack two counts of 31 bits in an i64.
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
    let binned = bin(
        settings,
        comm,
        x_train.view(),
        &global_train,
        &is_categorical,
        seed,
        counts[0] as usize,
    )?;
    let select = |rows: &[usize]| -> Vec<f64> { rows.iter().map(|&i| y[i]).collect() };
    let validation = uses_validation.then(|| (x.select(Axis(0), &val), select(&val), None));
    let prepared = Prepared {
        binned,
        is_categorical,
        y: select(&train),
        w: None,
        validation,
        do_early_stopping,
        seed,
    };
    let dist = Dist {
        comm,
        n_total: counts[0] as usize,
        constant_hessian: loss.constant_hessian(false),
        steps: Cell::new([1.0, 1.0]),
    };
    boosting::boost(settings, loss, prepared, &dist, None)
}

/// Bins this process's training rows with edges every process agrees on.
fn bin<F: Float, C: Communicator + ?Sized>(
    settings: &Settings,
    comm: &C,
    x: ArrayView2<'_, F>,
    global_rows: &[usize],
    is_categorical: &[bool],
    seed: u64,
    n_total: usize,
) -> Result<Binned<u8>> {
    let p = x.ncols();
    // Missing-value flags and categories of every process.
    let mut flags = vec![0i64; p + 256 * p];
    for f in 0..p {
        let column = x.column(f);
        flags[f] = column.iter().any(|v| v.is_nan()) as i64;
        if is_categorical[f] {
            // Checked: NaN or integer codes below max_bins <= 255.
            for v in column.iter().filter(|v| !v.is_nan()) {
                flags[p + 256 * f + v.as_f64() as usize] = 1;
            }
        }
    }
    comm.all_reduce_i64(&mut flags, ReduceOp::Max)?;
    // The numeric sample: every row up to BIN_SUBSAMPLE in all, else rows
    // chosen by global index; gathered in rank order (global row order).
    let fraction = BIN_SUBSAMPLE as f64 / n_total as f64;
    let mut local = Vec::new();
    for (i, &g) in global_rows.iter().enumerate() {
        if n_total <= BIN_SUBSAMPLE || row_uniform(seed, SAMPLE_SALT, g) < fraction {
            x.row(i)
                .iter()
                .for_each(|v| local.extend_from_slice(&v.as_f64().to_le_bytes()));
        }
    }
    let gathered = comm.all_gather_bytes(&local)?;
    let values: Vec<f64> = gathered
        .iter()
        .flat_map(|b| b.chunks_exact(8))
        .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
        .collect();
    let n_sample = values.len() / p;
    let sample = Array2::from_shape_vec((n_sample, p), values).map_err(|e| Error::Communication {
        context: settings.name.into(),
        rank: comm.rank(),
        message: format!("the gathered binning sample is not a matrix: {e}"),
    })?;
    let BinnedData::U8(edges) = BinnedData::new(sample.view(), Some(settings.max_bins)) else {
        unreachable!("max_bins <= 255 gives byte codes")
    };
    let mut binned = Binned::<u8> {
        n_rows: x.nrows(),
        codes: Vec::with_capacity(x.nrows() * p),
        n_bins: edges.n_bins,
        missing: flags[..p].iter().map(|&m| m == 1).collect(),
        bin_min: edges.bin_min,
        bin_max: edges.bin_max,
        rows: Default::default(),
    };
    for f in (0..p).filter(|&f| is_categorical[f]) {
        let present: Vec<f64> = (0..256)
            .filter(|&c| flags[p + 256 * f + c] == 1)
            .map(|c| c as f64)
            .collect();
        binned.n_bins[f] = present.len();
        binned.bin_min[f] = present.clone();
        binned.bin_max[f] = present;
    }
    // A value's code: the number of thresholds (between consecutive bins,
    // as the fitted trees use them) it lies above; equal to the
    // single-process code for a value in the sample.
    let mut codes = Vec::with_capacity(x.nrows() * p);
    for f in 0..p {
        let nb = binned.n_bins[f];
        let thresholds: Vec<f64> = (1..nb).map(|b| binned.threshold(f, b - 1, b)).collect();
        codes.extend(x.column(f).iter().map(|v| {
            let v = v.as_f64();
            if v.is_nan() {
                nb as u8
            } else {
                thresholds.partition_point(|&t| t < v) as u8
            }
        }));
    }
    binned.codes = codes;
    Ok(binned)
}
