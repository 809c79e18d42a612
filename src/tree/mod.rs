//! Decision trees (CART): [`DecisionTreeClassifier`] and
//! [`DecisionTreeRegressor`], [`export_text`] to read a fitted tree's rules,
//! and the machinery the forests share.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::tree::{export_text, DecisionTreeClassifier};
//!
//! let iris = load_iris();
//! let tree = DecisionTreeClassifier::default()
//!     .max_depth(Some(2))
//!     .fit(iris.data.view(), iris.target.view())?;
//! assert!(tree.score(iris.data.view(), iris.target.view())? > 0.9);
//! let rules = export_text(&tree)?;
//! assert!(rules.starts_with("|--- feature_"));
//! # Ok::<(), learnkit::Error>(())
//! ```

// Split by operation: `binning` (features to integer codes, once per fit and
// shared by a forest's trees), `histogram` (per-node statistics per bin),
// `split` (criteria and the scan of bin boundaries), `builder` (growing a
// tree: depth-first, or best-first with `max_leaf_nodes`), `tree` (the flat
// fitted `Tree` and its traversal), `compact` (the prediction layout),
// `saved` (the saved form), `export` (`export_text`), and one file per
// estimator. ARCHITECTURE.md has the picture.

mod binning;
mod builder;
mod classifier;
mod compact;
mod export;
mod histogram;
mod options;
pub(crate) mod partial_dependence;
mod regressor;
mod saved;
mod shared;
mod split;
// The tests train on the embedded datasets.
#[cfg(all(test, feature = "datasets"))]
mod tests;
#[allow(clippy::module_inception)]
mod tree;

pub(crate) use binning::{BIN_SUBSAMPLE, Binned, BinnedData, bin_thresholds, code_by_thresholds};
pub(crate) use builder::{GrowParams, grow, grow_shared};
pub(crate) use histogram::SampleStats;
pub(crate) use shared::{IntRows, SharedStats};
pub(crate) use split::Impurity;

pub use classifier::{DecisionTreeClassifier, FittedDecisionTreeClassifier};
pub use export::{ExportText, TextTree, export_text};
pub use options::{Binning, Criterion, MaxFeatures, Splitter};
pub use regressor::{DecisionTreeRegressor, FittedDecisionTreeRegressor};
pub use tree::Tree;

use crate::class_weight::ClassWeight;
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::validation::{
    check_array_with_missing, check_finite_1d, check_param, check_same_length, check_sample_weight, check_two_classes,
    encode_labels,
};
use ndarray::{ArrayView1, ArrayView2};

/// Checks training data for a tree or forest: `x` not empty and without
/// infinities (`NaN` is a missing value), one target per row.
pub(crate) fn check_x_y_with_missing<F: Float>(
    name: &'static str,
    x: ArrayView2<'_, F>,
    n_targets: usize,
) -> Result<()> {
    check_array_with_missing(name, x)?;
    check_same_length(name, "number of targets vs rows of X", x.nrows(), n_targets)
}

/// Classification targets ready for growing: sorted classes, the class code
/// of every sample, and every sample's weight (sample weight × class weight).
pub(crate) struct ClassTargets<L> {
    pub classes: Vec<L>,
    pub codes: Vec<u32>,
    pub weights: Vec<f64>,
}

/// Encodes labels and combines sample and class weights, as scikit-learn
/// (the class weight multiplies the sample weight).
pub(crate) fn class_targets<F: Float, L: Label>(
    name: &'static str,
    y: ArrayView1<'_, L>,
    sample_weight: Option<ArrayView1<'_, F>>,
    class_weight: &ClassWeight,
) -> Result<ClassTargets<L>> {
    let (classes, codes) = encode_labels(y.iter());
    check_two_classes(name, &classes)?;
    let sw = check_sample_weight(name, sample_weight, y.len())?.mapv(F::as_f64);
    let cw = class_weight.class_weights(name, &codes, classes.len(), Some(sw.view()))?;
    let weights: Vec<f64> = sw.iter().zip(&codes).map(|(w, &c)| w * cw[c]).collect();
    check_weight_sum(name, &weights)?;
    Ok(ClassTargets {
        classes,
        codes: codes.into_iter().map(|c| c as u32).collect(),
        weights,
    })
}

/// Checks regression targets and sample weights; returns them as `f64`.
pub(crate) fn regression_targets<F: Float>(
    name: &'static str,
    y: ArrayView1<'_, F>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<(Vec<f64>, Vec<f64>)> {
    check_finite_1d(name, y)?;
    let sw = check_sample_weight(name, sample_weight, y.len())?.mapv(F::as_f64);
    Ok((y.iter().map(|v| v.as_f64()).collect(), sw.to_vec()))
}

pub(crate) fn check_weight_sum(name: &'static str, weights: &[f64]) -> Result<()> {
    let total: f64 = weights.iter().sum();
    if total > 0.0 && total.is_finite() {
        Ok(())
    } else {
        Err(Error::invalid_input(
            name,
            format!("the sample weights times the class weights must have a positive finite sum, got {total}"),
        ))
    }
}

/// Per-sample statistics for classification.
pub(crate) fn class_stats(codes: &[u32], weights: Vec<f64>, n_classes: usize) -> SampleStats {
    SampleStats::Classes {
        code: codes.to_vec(),
        weight: weights,
        n_classes,
    }
}

/// Per-sample statistics for regression.
pub(crate) fn value_stats(y: &[f64], weights: &[f64]) -> SampleStats {
    SampleStats::Values {
        w: weights.to_vec(),
        wy: y.iter().zip(weights).map(|(y, w)| w * y).collect(),
        wy2: y.iter().zip(weights).map(|(y, w)| w * y * y).collect(),
    }
}

/// The hyperparameters every tree and forest shares, checked in one place.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TreeLimits {
    pub max_depth: Option<usize>,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
    pub min_weight_fraction_leaf: f64,
    pub max_features: MaxFeatures,
    pub max_leaf_nodes: Option<usize>,
    pub min_impurity_decrease: f64,
    pub splitter: Splitter,
}

impl TreeLimits {
    pub fn validate(&self, name: &'static str) -> Result<()> {
        check_param(name, "max_depth", self.max_depth, "None or >= 1", |d| d != Some(0))?;
        check_param(name, "min_samples_split", self.min_samples_split, ">= 2", |v| v >= 2)?;
        check_param(name, "min_samples_leaf", self.min_samples_leaf, ">= 1", |v| v >= 1)?;
        check_param(
            name,
            "min_weight_fraction_leaf",
            self.min_weight_fraction_leaf,
            "in [0, 0.5]",
            |v| (0.0..=0.5).contains(&v),
        )?;
        self.max_features.validate(name)?;
        check_param(name, "max_leaf_nodes", self.max_leaf_nodes, "None or >= 2", |v| {
            v.is_none_or(|v| v >= 2)
        })?;
        check_param(
            name,
            "min_impurity_decrease",
            self.min_impurity_decrease,
            "a finite number >= 0",
            |v| v.is_finite() && v >= 0.0,
        )
    }

    /// The growth parameters for data with `n_features` features and total
    /// training weight `total_weight`.
    pub fn grow_params(
        &self,
        name: &'static str,
        impurity: Impurity,
        n_features: usize,
        total_weight: f64,
    ) -> Result<GrowParams> {
        Ok(GrowParams {
            impurity,
            max_depth: self.max_depth.unwrap_or(usize::MAX),
            min_samples_split: self.min_samples_split.max(self.min_samples_leaf.saturating_mul(2)),
            min_samples_leaf: self.min_samples_leaf,
            min_weight_leaf: self.min_weight_fraction_leaf * total_weight,
            max_features: self.max_features.resolve(name, n_features)?,
            max_leaf_nodes: self.max_leaf_nodes,
            min_impurity_decrease: self.min_impurity_decrease,
            splitter: self.splitter,
        })
    }
}

/// The impurity of a classification criterion.
pub(crate) fn class_impurity(criterion: Criterion) -> Impurity {
    match criterion {
        Criterion::Gini => Impurity::Gini,
        Criterion::Entropy => Impurity::Entropy,
    }
}

/// The index of the first largest value (numpy's `argmax`).
pub(crate) fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

/// Bins `x` for the given binning mode.
pub(crate) fn bin<F: Float>(x: ArrayView2<'_, F>, binning: Binning) -> BinnedData {
    match binning {
        Binning::Exact => BinnedData::new(x, None),
        Binning::Histogram => BinnedData::new(x, Some(256)),
    }
}
