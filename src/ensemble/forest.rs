//! What both random forests share: per-tree seeds, bootstrap sampling,
//! fitting the trees in parallel on one shared binning, averaging their
//! leaf values, and out-of-bag predictions.

use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::map_row_chunks;
use crate::persistence::check::same_len;
use crate::tree::{BinnedData, Binning, GrowParams, Impurity, SampleStats, Tree, TreeLimits, grow};
use crate::validation::check_param;
use ndarray::{Array2, ArrayView2};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

/// Rows per chunk when predicting (fixed: results do not depend on threads).
pub(crate) const PREDICT_CHUNK: usize = 256;

/// How many samples each tree's bootstrap draws (scikit-learn's `max_samples`).
///
/// # Example
/// ```
/// use learnkit::ensemble::MaxSamples;
/// assert_eq!(MaxSamples::Fraction(0.5).resolve("demo", 100).unwrap(), 50);
/// assert_eq!(MaxSamples::Count(30).resolve("demo", 100).unwrap(), 30);
/// assert!(MaxSamples::Count(101).resolve("demo", 100).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MaxSamples {
    /// This many draws, `1 ≤ n ≤ n_samples`.
    Count(usize),
    /// `max(1, round(f · n_samples))` draws, `0 < f ≤ 1`.
    Fraction(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))] f64),
}

from_values!(MaxSamples in "learnkit::ensemble" { usize => Count = 100; f64 => Fraction = 0.5; } optional);

impl MaxSamples {
    /// The number of bootstrap draws for `n_samples` samples.
    ///
    /// Errors with [`Error::InvalidParameter`] for `Count(0)`, a count above
    /// `n_samples`, or a fraction outside `(0, 1]`.
    pub fn resolve(&self, estimator: &'static str, n_samples: usize) -> Result<usize> {
        match *self {
            MaxSamples::Count(c) if c >= 1 && c <= n_samples => Ok(c),
            MaxSamples::Count(_) => Err(Error::invalid_parameter(
                estimator,
                "max_samples",
                format!("a count between 1 and n_samples ({n_samples})"),
                self,
            )),
            MaxSamples::Fraction(f) if f > 0.0 && f <= 1.0 => Ok(((f * n_samples as f64).round() as usize).max(1)),
            MaxSamples::Fraction(_) => Err(Error::invalid_parameter(
                estimator,
                "max_samples",
                "a fraction in (0, 1]",
                self,
            )),
        }
    }

    pub(crate) fn validate(&self, estimator: &'static str) -> Result<()> {
        match *self {
            MaxSamples::Count(0) => Err(Error::invalid_parameter(estimator, "max_samples", "a count >= 1", self)),
            MaxSamples::Fraction(f) if !(f > 0.0 && f <= 1.0) => Err(Error::invalid_parameter(
                estimator,
                "max_samples",
                "a fraction in (0, 1]",
                self,
            )),
            _ => Ok(()),
        }
    }
}

/// The seed of tree `index`: a SplitMix64 mix of the forest's seed and the
/// index, so every tree's randomness is fixed whatever thread builds it.
pub(crate) fn tree_seed(base: u64, index: usize) -> u64 {
    crate::random::derived_seed(base, index as u64)
}

/// The hyperparameters every forest shares, whatever its kind (random
/// forest or extra trees) and task; each estimator's hyperparameter type
/// converts to these.
#[derive(Clone, Debug)]
pub struct ForestSettings {
    pub(crate) name: &'static str,
    pub(crate) n_estimators: usize,
    pub(crate) limits: TreeLimits,
    pub(crate) bootstrap: bool,
    pub(crate) max_samples: Option<MaxSamples>,
    pub(crate) oob_score: bool,
    pub(crate) n_jobs: Option<usize>,
    pub(crate) random_state: Option<u64>,
    pub(crate) verbose: usize,
    pub(crate) binning: Binning,
}

impl ForestSettings {
    /// Checks every value that can be checked without the data.
    pub(crate) fn validate(&self) -> Result<()> {
        let name = self.name;
        check_param(name, "n_estimators", self.n_estimators, ">= 1", |n| n >= 1)?;
        check_param(name, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        self.limits.validate(name)?;
        if self.oob_score && !self.bootstrap {
            return Err(Error::invalid_parameter(
                name,
                "oob_score",
                "false when bootstrap is false (out-of-bag needs bootstrap)",
                self.oob_score,
            ));
        }
        if let Some(m) = self.max_samples {
            m.validate(name)?;
            if !self.bootstrap {
                return Err(Error::invalid_parameter(
                    name,
                    "max_samples",
                    "None when bootstrap is false",
                    m,
                ));
            }
        }
        Ok(())
    }

    /// The plan to fit trees on `binned` (`n_samples` rows, `n_features`
    /// features) from the forest seed `base_seed`.
    pub(crate) fn plan<'a>(
        &self,
        binned: &'a BinnedData,
        n_samples: usize,
        n_features: usize,
        impurity: Impurity,
        n_outputs: usize,
        base_seed: u64,
    ) -> Result<ForestPlan<'a>> {
        // The trees are collected into one vector: an n_estimators whose
        // trees (at least their headers) cannot be held is refused before
        // any is grown.
        crate::alloc::check_fits_values::<Tree>(
            self.name,
            || format!("{} trees (n_estimators)", self.n_estimators),
            &[self.n_estimators],
        )?;
        let n_bootstrap = if self.bootstrap {
            Some(
                self.max_samples
                    .map_or(Ok(n_samples), |m| m.resolve(self.name, n_samples))?,
            )
        } else {
            None
        };
        Ok(ForestPlan {
            name: self.name,
            binned,
            n_samples,
            n_estimators: self.n_estimators,
            n_bootstrap,
            base_seed,
            params: self.limits.grow_params(self.name, impurity, n_features, 0.0)?,
            min_weight_fraction_leaf: self.limits.min_weight_fraction_leaf,
            n_outputs,
            verbose: self.verbose,
        })
    }
}

/// How the trees of a forest are fitted.
pub(crate) struct ForestPlan<'a> {
    pub name: &'static str,
    pub binned: &'a BinnedData,
    pub n_samples: usize,
    /// The forest's number of trees (for progress messages).
    pub n_estimators: usize,
    /// Bootstrap draws per tree, `None` without bootstrap.
    pub n_bootstrap: Option<usize>,
    pub base_seed: u64,
    pub params: GrowParams,
    pub min_weight_fraction_leaf: f64,
    pub n_outputs: usize,
    pub verbose: usize,
}

impl ForestPlan<'_> {
    /// Tree `t`'s random generator and bootstrap counts: the counts are the
    /// generator's first draws, so they can be recomputed from the seed
    /// alone (for out-of-bag after growing more trees).
    fn start_tree(&self, t: usize) -> (StdRng, Option<Vec<u32>>) {
        let mut rng = StdRng::seed_from_u64(tree_seed(self.base_seed, t));
        let counts = self.n_bootstrap.map(|draws| {
            let mut counts = vec![0u32; self.n_samples];
            for _ in 0..draws {
                counts[rng.random_range(0..self.n_samples)] += 1;
            }
            counts
        });
        (rng, counts)
    }

    /// Which samples tree `t`'s bootstrap drew (`None` without bootstrap).
    pub fn in_bag(&self, t: usize) -> Option<Vec<bool>> {
        self.start_tree(t).1.map(|c| c.iter().map(|&c| c > 0).collect())
    }

    /// Fits the trees of indices `trees` (in order) in parallel; tree `t` depends only
    /// on the data and `(base_seed, t)`. `stats` makes a tree's per-sample
    /// statistics from the per-sample weights (base weight × bootstrap
    /// count) and the bootstrap counts.
    pub fn fit<S>(&self, trees: Vec<usize>, base_weights: &[f64], stats: S) -> Vec<Tree>
    where
        S: Fn(Vec<f64>, Option<&[u32]>) -> SampleStats + Sync,
    {
        trees
            .into_par_iter()
            .map(|t| {
                let (mut rng, counts) = self.start_tree(t);
                let weights: Vec<f64> = match &counts {
                    Some(c) => base_weights.iter().zip(c).map(|(w, &c)| w * c as f64).collect(),
                    None => base_weights.to_vec(),
                };
                let sample_stats = stats(weights, counts.as_deref());
                let idx: Vec<u32> = (0..self.n_samples as u32)
                    .filter(|&i| counts.as_ref().is_none_or(|c| c[i as usize] > 0) && base_weights[i as usize] > 0.0)
                    .collect();
                let total = sample_stats.total_weight(&idx);
                let params = GrowParams {
                    min_weight_leaf: self.min_weight_fraction_leaf * total,
                    ..self.params
                };
                let tree = grow(self.binned, &sample_stats, idx, &params, self.n_outputs, &mut rng);
                // The prediction layout (`tree::compact`) is built with the
                // tree, on the fit's threads: the first prediction of a
                // fitted forest then pays nothing for it (a loaded forest
                // builds it on first use, in `mean_values`).
                tree.compact();
                if self.verbose > 0 {
                    eprintln!("{}: built tree {} of {}", self.name, t + 1, self.n_estimators);
                }
                tree
            })
            .collect()
    }

    /// Out-of-bag mean leaf values of the training rows `x` over `trees`
    /// (tree `t` of the forest is `trees[t]`).
    pub fn oob_values<F: Float>(&self, trees: &[Tree], x: ArrayView2<'_, F>) -> Array2<f64> {
        let in_bag: Vec<Vec<bool>> = (0..trees.len())
            .into_par_iter()
            .map(|t| self.in_bag(t).unwrap_or_else(|| vec![false; self.n_samples]))
            .collect();
        oob_values(trees, &in_bag, x, self.n_outputs)
    }
}

/// The mean of the trees' leaf values for every row, in parallel over fixed
/// row chunks (each row sums its trees in order).
pub(crate) fn mean_values<F: Float>(trees: &[Tree], x: ArrayView2<'_, F>, n_outputs: usize) -> Array2<f64> {
    let scale = 1.0 / trees.len() as f64;
    // Each chunk streams every tree through the cache once, so chunks should
    // be as large as the parallelism allows: one or two per thread, not one
    // per CHUNK rows (measured: 10,000 rows × 100 trees on one thread took
    // three times as long in 256-row chunks as in one pass). A row's value is
    // its trees summed in tree order whatever the chunking, so the chunk size
    // may depend on the thread count without changing any result.
    let threads = rayon::current_num_threads().max(1);
    let chunk_rows = x.nrows().div_ceil(2 * threads).max(PREDICT_CHUNK);
    // The trees' prediction layouts, when not built at fit (a loaded
    // forest's), built on first use: in parallel over
    // trees here rather than by whichever chunk reaches a tree first while
    // the others wait for it. (Checked first: a one-row prediction should
    // not pay for a parallel loop.)
    // A single chunk builds them here, sequentially: it may be running on
    // the caller's thread, outside the pool of `n_jobs` threads.
    if trees.iter().any(|tree| !tree.has_compact()) {
        if x.nrows() <= PREDICT_CHUNK {
            trees.iter().for_each(|tree| {
                tree.compact();
            });
        } else {
            trees.par_iter().for_each(|tree| {
                tree.compact();
            });
        }
    }
    let chunks = map_row_chunks(x, chunk_rows, |_, rows| {
        let mut out = vec![0.0; rows.nrows() * n_outputs];
        // Contiguous rows, so that each traversal indexes a plain slice.
        let rows = rows.as_standard_layout();
        let width = rows.ncols();
        let flat = rows.as_slice().expect("standard layout");
        let has_nan = flat.iter().any(|v| v.is_nan());
        let mut leaves = vec![0u32; rows.nrows()];
        for tree in trees {
            // The rows descend the tree together (see tree::compact).
            tree.compact()
                .add_values(&tree.value, flat, width, has_nan, &mut leaves, &mut out);
        }
        out.iter_mut().for_each(|v| *v *= scale);
        out
    });
    Array2::from_shape_vec((x.nrows(), n_outputs), chunks.concat()).expect("one row per sample")
}

/// Out-of-bag mean leaf values: for each training row, the mean over the
/// trees whose bootstrap did not draw it (zeros when every tree drew it, as
/// scikit-learn).
fn oob_values<F: Float>(trees: &[Tree], in_bag: &[Vec<bool>], x: ArrayView2<'_, F>, n_outputs: usize) -> Array2<f64> {
    let chunks = map_row_chunks(x, PREDICT_CHUNK, |start, rows| {
        let mut out = vec![0.0; rows.nrows() * n_outputs];
        for (r, row) in rows.outer_iter().enumerate() {
            let mut count = 0usize;
            let dst = &mut out[r * n_outputs..(r + 1) * n_outputs];
            for (tree, in_bag) in trees.iter().zip(in_bag) {
                if in_bag[start + r] {
                    continue;
                }
                count += 1;
                let value = tree.value(tree.apply(row));
                dst.iter_mut().zip(value).for_each(|(o, v)| *o += v);
            }
            if count > 0 {
                dst.iter_mut().for_each(|v| *v /= count as f64);
            }
        }
        out
    });
    Array2::from_shape_vec((x.nrows(), n_outputs), chunks.concat()).expect("one row per sample")
}

/// The checks of a saved forest's trees: one per estimator, each on the
/// forest's `n_features` features with `n_outputs` outputs (prediction sums
/// the trees' leaf values into `n_outputs` columns for rows of
/// `n_features` values). Each tree checked its own structure when read.
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
pub(crate) fn check_trees(
    name: &str,
    trees: &[Tree],
    n_estimators: usize,
    n_features: usize,
    n_outputs: usize,
) -> std::result::Result<(), String> {
    same_len(&format!("{name}: trees (one per estimator)"), n_estimators, trees.len())?;
    match trees
        .iter()
        .position(|t| t.n_features != n_features || t.n_outputs != n_outputs)
    {
        Some(t) => Err(format!(
            "{name}: tree {t} has {} features and {} outputs, the forest {n_features} and {n_outputs}",
            trees[t].n_features, trees[t].n_outputs
        )),
        None => Ok(()),
    }
}

/// The mean of the trees' normalised importances (over trees with a split),
/// normalised again, as scikit-learn.
pub(crate) fn mean_importances(trees: &[Tree], n_features: usize) -> Vec<f64> {
    let mut sum = vec![0.0; n_features];
    for tree in trees.iter().filter(|t| t.node_count() > 1) {
        sum.iter_mut()
            .zip(tree.feature_importances())
            .for_each(|(s, v)| *s += v);
    }
    let total: f64 = sum.iter().sum();
    if total > 0.0 {
        sum.iter_mut().for_each(|v| *v /= total);
    }
    sum
}
