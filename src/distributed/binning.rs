//! Bin edges every rank agrees on, for the data-parallel fits that grow
//! trees over binned features (the gradient boosting's `fit_distributed`
//! and the forests' `fit_distributed_rows`): the edges come from a sample
//! of every rank's rows (all of them up to [`BIN_SUBSAMPLE`] rows, as
//! the single-process fit, else
//! rows chosen by a hash of their *global* index, so the sample does not
//! depend on how the rows are split), gathered on every rank in global row
//! order, which then runs the single-process binning on it; categorical
//! features' categories and the features' missing-value flags are
//! all-reduced. Every rank then codes its own rows against the same edges.

use super::communicator::{Communicator, ReduceOp};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::random::derived_seed;
use crate::tree::{BIN_SUBSAMPLE, Binned, BinnedData, bin_thresholds, code_by_thresholds};
use ndarray::{Array2, ArrayView2};

/// Salt of the binning sample's per-row hash (independent of the other
/// per-row choices, which use other salts).
const SAMPLE_SALT: u64 = 0x5341_4d50_4c45_0000;

/// A uniform number in `[0, 1)` for global row `row`: the per-row random
/// choices of the data-parallel fits (a sample, a validation row, a
/// bootstrap count), which then do not depend on how the rows are split.
pub(crate) fn row_uniform(seed: u64, salt: u64, row: usize) -> f64 {
    (derived_seed(seed ^ salt, row as u64) >> 11) as f64 / (1u64 << 53) as f64
}

/// Bins this rank's rows `x` (global indices `global_rows`, `n_total` rows
/// over every rank) into at most `max_bins <= 255` bins of values per
/// feature, with edges every rank agrees on; `is_categorical` features keep
/// their (checked) integer codes below `max_bins` as bins.
#[allow(clippy::too_many_arguments)]
pub(crate) fn bin_shard<F: Float, C: Communicator + ?Sized>(
    comm: &C,
    name: &'static str,
    max_bins: usize,
    x: ArrayView2<'_, F>,
    global_rows: &[usize],
    is_categorical: &[bool],
    seed: u64,
    n_total: usize,
) -> Result<Binned<u8>> {
    let p = x.ncols();
    // Missing-value flags, then the categories present, per categorical
    // feature (256 flags each), of every rank.
    let categorical: Vec<usize> = (0..p).filter(|&f| is_categorical[f]).collect();
    let mut flags = vec![0i64; p + 256 * categorical.len()];
    for (f, flag) in flags[..p].iter_mut().enumerate() {
        *flag = x.column(f).iter().any(|v| v.is_nan()) as i64;
    }
    for (k, &f) in categorical.iter().enumerate() {
        // Checked: NaN or integer codes below max_bins <= 255.
        for v in x.column(f).iter().filter(|v| !v.is_nan()) {
            flags[p + 256 * k + v.as_f64() as usize] = 1;
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
    let n_sample = values.len() / p.max(1);
    let sample = Array2::from_shape_vec((n_sample, p), values).map_err(|e| Error::Communication {
        context: name.into(),
        rank: comm.rank(),
        message: format!("the gathered binning sample is not a matrix: {e}"),
    })?;
    // At most 255 bins of values: the missing code (after the last bin)
    // must fit a byte even when the sample drew no missing value.
    let BinnedData::U8(edges) = BinnedData::new(sample.view(), Some(max_bins.min(255))) else {
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
    for (k, &f) in categorical.iter().enumerate() {
        let present: Vec<f64> = (0..256)
            .filter(|&c| flags[p + 256 * k + c] == 1)
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
        let thresholds = bin_thresholds(&binned.bin_min[f], &binned.bin_max[f]);
        let missing_code = binned.n_bins[f] as u8;
        codes.extend(code_by_thresholds(
            x.column(f).iter().map(|v| v.as_f64()),
            &thresholds,
            missing_code,
        ));
    }
    binned.codes = codes;
    Ok(binned)
}
