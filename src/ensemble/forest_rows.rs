//! Data-parallel forests over row shards (the forests'
//! `fit_distributed_rows`), for data that do not fit one machine: every
//! rank holds only its own rows, and every rank grows every tree.
//!
//! - Binning: at most 255 bins per feature, edges from a sample of every
//!   rank's rows (`distributed::binning`, shared with the gradient
//!   boosting's `fit_distributed`).
//! - Bootstrap: row `g` (its global index: the rank's offset from an
//!   all-gather of the shard sizes, plus its local index) is drawn
//!   `Poisson(λ)` times by tree `t`, from a hash of `(t`'s seed, `g)`, with
//!   `λ = draws / rows` (`max_samples`; 1 by default): its count does not
//!   depend on how the rows are split. `fit` draws a multinomial sample
//!   instead (scikit-learn's), which no rank can draw alone.
//! - Nodes: each rank builds, for each drawn feature, the histogram of its
//!   rows of the node in integers (bootstrap counts per class; or `Σw`,
//!   `Σw·k`, `Σw·k²` with the target `y ≈ k · step` on a grid of
//!   [`target_step`]), the ranks all-reduce it, the split search runs on
//!   the same numbers everywhere, and each rank partitions its own rows
//!   (`tree::shared`). Leaf values come from the all-reduced statistics.
//!
//! The forest therefore differs from `fit`'s (bootstrap, bin edges and, in
//! regression, the targets' rounding) but is bit-identical for any number
//! of ranks and any split of the rows.

use super::forest::{ForestSettings, tree_seed};
use crate::distributed::{Communicator, ReduceOp, RowShards, bin_shard, broadcast_seed, row_uniform};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::tree::{Binning, Impurity, IntRows, SharedStats, Tree, grow_shared};
use ndarray::ArrayView2;
use rand::SeedableRng;
use rand::rngs::StdRng;

/// Salt of the bootstrap's per-row hash (independent of the binning
/// sample's).
const BOOTSTRAP_SALT: u64 = 0x424f_4f54_5354_5250;
/// The largest bootstrap count of a row (`P(Poisson(1) >= 32)` is below
/// `1e-35`): bounds the integer sums of the histograms.
const MAX_DRAWS: u32 = 32;
/// Bits of the regression targets' grid below their largest magnitude, at
/// most.
const TARGET_BITS: u32 = 23;

/// This rank's targets, checked by the caller.
pub(crate) enum RowTargets {
    /// Class codes (indices into the classes of every rank). (Built only
    /// with `serde`: the classifiers gather their labels serialised.)
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    Classes { codes: Vec<u32>, n_classes: usize },
    /// Finite values.
    Values(Vec<f64>),
}

/// The parameter checks of a row-sharded fit (the same on every rank, so
/// every rank fails alike).
pub(crate) fn check_settings(settings: &ForestSettings) -> Result<()> {
    settings.validate()?;
    let name = settings.name;
    if settings.binning != Binning::Histogram {
        return Err(Error::invalid_parameter(
            name,
            "binning",
            "Histogram in fit_distributed_rows (no rank sees every distinct value)",
            format!("{:?}", settings.binning),
        ));
    }
    if settings.oob_score {
        return Err(Error::invalid_parameter(
            name,
            "oob_score",
            "false in fit_distributed_rows",
            settings.oob_score,
        ));
    }
    Ok(())
}

/// The checks of one rank's rows: `x` finite or missing (no rows is fine
/// on one rank), one target per row.
pub(crate) fn check_rows_x_y<F: Float>(name: &'static str, x: ArrayView2<'_, F>, n_targets: usize) -> Result<()> {
    if x.nrows() > 0 {
        crate::tree::check_x_y_with_missing(name, x, n_targets)
    } else {
        crate::validation::check_same_length(name, "number of targets vs rows of X", 0, n_targets)
    }
}

/// A `Poisson(lambda)` count from a uniform `u` (inversion), at most
/// [`MAX_DRAWS`].
fn poisson(lambda: f64, u: f64) -> u32 {
    let mut p = (-lambda).exp();
    let (mut k, mut cdf) = (0u32, p);
    while u >= cdf && k < MAX_DRAWS {
        k += 1;
        p *= lambda / k as f64;
        cdf += p;
    }
    k
}

/// The grid step of the regression targets: `2^(e - bits)` with
/// `2^e >= max|y|` and `bits` small enough that `Σ w·k²` over every row
/// (`n_total` rows, each of weight at most [`MAX_DRAWS`]) fits an `i64`.
/// `None` when fewer than 8 bits remain (more than about 2^40 rows).
pub(crate) fn target_step(max_abs: f64, n_total: usize) -> Option<f64> {
    let t = usize::BITS - (n_total.saturating_mul(MAX_DRAWS as usize)).leading_zeros();
    let bits = TARGET_BITS.min(62u32.saturating_sub(t) / 2);
    if bits < 8 {
        return None;
    }
    if max_abs <= 0.0 {
        return Some(1.0);
    }
    let mut e = max_abs.log2().ceil() as i32;
    while 2f64.powi(e) < max_abs {
        e += 1;
    }
    Some(2f64.powi(e - bits as i32))
}

/// A tree's per-row integers from its rows' bootstrap counts.
type RowsOf = Box<dyn Fn(Vec<i64>) -> IntRows>;

/// Grows the forest's `settings.n_estimators` trees on this rank's rows `x`
/// (checked by the caller, with the ranks' agreement: finite or missing
/// values, the same feature count everywhere, `n_total` rows in all) and
/// `targets`; returns the forest seed and the trees, the same on every
/// rank.
pub(crate) fn fit_rows<F: Float>(
    settings: &ForestSettings,
    impurity: Impurity,
    comm: &dyn Communicator,
    x: ArrayView2<'_, F>,
    targets: RowTargets,
) -> Result<(u64, Vec<Tree>)> {
    let name = settings.name;
    let seed = broadcast_seed(comm, name, settings.random_state)?;
    let shards = RowShards::gather(comm, x.nrows())?;
    let n_total = shards.total_rows();
    let offset = shards.offset(comm.rank());
    let global: Vec<usize> = (offset..offset + x.nrows()).collect();
    let binned = bin_shard(comm, name, 255, x, &global, &vec![false; x.ncols()], seed, n_total)?;
    let lambda = match (settings.bootstrap, settings.max_samples) {
        (false, _) => None,
        (true, None) => Some(1.0),
        (true, Some(m)) => Some(m.resolve(name, n_total)? as f64 / n_total as f64),
    };
    let params = settings.limits.grow_params(name, impurity, x.ncols(), 0.0)?;
    // Each tree's per-row integers from its bootstrap counts: class codes,
    // or the targets as multiples of a grid step.
    let (n_outputs, rows_of): (usize, RowsOf) = match targets {
        RowTargets::Classes { codes, n_classes } => (
            n_classes,
            Box::new(move |weight| IntRows::Classes {
                code: codes.clone(),
                weight,
                n_classes,
            }),
        ),
        RowTargets::Values(y) => {
            let mut max = [y.iter().fold(0.0f64, |m, v| m.max(v.abs()))];
            comm.all_reduce_f64(&mut max, ReduceOp::Max)?;
            let step = target_step(max[0], n_total).ok_or_else(|| {
                Error::invalid_input(
                    name,
                    format!("{n_total} rows over all ranks, too many for fit_distributed_rows"),
                )
            })?;
            let k: Vec<i64> = y.iter().map(|v| (v / step).round() as i64).collect();
            (1, Box::new(move |w| IntRows::Values { w, k: k.clone(), step }))
        }
    };
    let mut trees = Vec::with_capacity(settings.n_estimators);
    for t in 0..settings.n_estimators {
        let seed_t = tree_seed(seed, t);
        let counts: Vec<u32> = match lambda {
            Some(lambda) => global
                .iter()
                .map(|&g| poisson(lambda, row_uniform(seed_t, BOOTSTRAP_SALT, g)))
                .collect(),
            None => vec![1; x.nrows()],
        };
        let idx: Vec<u32> = (0..x.nrows() as u32).filter(|&i| counts[i as usize] > 0).collect();
        let weight: Vec<i64> = counts.iter().map(|&c| c as i64).collect();
        let mut tree_params = params;
        if settings.limits.min_weight_fraction_leaf > 0.0 {
            let mut total = [weight.iter().sum::<i64>()];
            comm.all_reduce_i64(&mut total, ReduceOp::Sum)?;
            tree_params.min_weight_leaf = settings.limits.min_weight_fraction_leaf * total[0] as f64;
        }
        let shared = SharedStats::new(comm, rows_of(weight));
        let mut rng = StdRng::seed_from_u64(seed_t);
        let tree = grow_shared(&binned, &shared, idx, &tree_params, n_outputs, &mut rng);
        if let Some(err) = shared.take_failure() {
            return Err(err);
        }
        if settings.verbose > 0 && comm.rank() == 0 {
            eprintln!("{name}: built tree {} of {}", t + 1, settings.n_estimators);
        }
        trees.push(tree);
    }
    Ok((seed, trees))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The inversion gives Poisson(1)'s probabilities: the share of each
    /// count over a fine grid of uniforms is its probability.
    #[test]
    fn poisson_counts_follow_the_distribution() {
        let n = 1_000_000;
        let mut seen = [0usize; 8];
        for i in 0..n {
            let k = poisson(1.0, (i as f64 + 0.5) / n as f64) as usize;
            seen[k.min(7)] += 1;
        }
        let mut p = (-1.0f64).exp();
        for (k, &count) in seen.iter().enumerate().take(6) {
            assert!((count as f64 / n as f64 - p).abs() < 1e-5, "count {k}: {count}");
            p /= (k + 1) as f64;
        }
        assert_eq!(poisson(0.5, 0.0), 0);
        assert_eq!(poisson(1.0, 1.0), MAX_DRAWS, "capped");
    }

    /// The grid holds every target within `step / 2` and keeps `Σ w·k²`
    /// within an `i64` at the extremes the bound allows.
    #[test]
    fn target_grid_bounds_the_integer_sums() {
        for (max, n) in [(1.0, 10usize), (1e6, 1_000_000), (3e-5, 1 << 30)] {
            let step = target_step(max, n).expect("a grid");
            let k = (max / step).round();
            assert!(k <= (1u64 << TARGET_BITS) as f64, "{max} {n}: {k}");
            let total = k * k * (n as f64) * MAX_DRAWS as f64;
            assert!(total < 2f64.powi(63), "{max} {n}: {total}");
        }
        assert_eq!(target_step(0.0, 5), Some(1.0));
        assert!(target_step(1.0, 1 << 50).is_none());
    }
}
