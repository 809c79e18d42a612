//! The boosting loop both estimators share: checks of the categorical
//! columns, the early-stopping split, binning, the baseline, then one
//! iteration after another (gradients, one tree per output, updated raw
//! predictions and scores) until `max_iter` or early stopping.

use super::grower::{GrowData, GrowLimits, HistogramCombine, grow};
use super::histogram::{Layout, root_counts};
use super::loss::Loss;
use super::params::{CategoricalFeatures, EarlyStopping, Progress, Settings};
use super::predictor::{FastCache, TreePredictor, predict_tree, raw_predict};
use super::split::{Bitset, Splitter, bitset_insert};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::model_selection::train_test_split;
use crate::parallel::{ROW_CHUNK, with_polling_pool};
use crate::persistence::check::{all_below, ensure, same_len};
use crate::random::derived_seed;
use crate::tree::{BIN_SUBSAMPLE, Binned, BinnedData};
use crate::validation::{check_array_with_missing, check_same_length};
use ndarray::{Array1, ArrayView2, Axis};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rayon::prelude::*;

/// Early stopping is on by default above this many training rows.
const AUTO_EARLY_STOPPING_ROWS: usize = 10_000;

/// The stream (of the fit's seed) that draws the rows the bins are cut
/// from, apart from the validation split's and the trees' draws.
const BIN_SAMPLE_STREAM: u64 = 0x4249_4e53;

/// The fitted ensemble, shared by both fitted estimators.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Ensemble {
    /// One entry per iteration, one tree per output in each.
    pub trees: Vec<Vec<TreePredictor>>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    pub baseline: Vec<f64>,
    pub is_categorical: Vec<bool>,
    /// Each feature's training categories (empty for numeric features).
    pub known_categories: Vec<Bitset>,
    pub n_features: usize,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    pub train_score: Vec<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    pub validation_score: Vec<f64>,
    pub do_early_stopping: bool,
    /// Whether `fit` was given sample weights (scikit-learn's
    /// `_fitted_with_sw`): the node counts then do not measure the
    /// training weight, and partial dependence's recursion refuses the
    /// model, as scikit-learn's. Saved since format version 2.
    pub fitted_with_sample_weight: bool,
    /// The trees in prediction layout, built on first prediction (derived:
    /// not saved, so the file format is unchanged).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub fast: FastCache,
}

impl Ensemble {
    /// The checks of an ensemble read from a file, whose model has
    /// `n_outputs` raw outputs: one baseline per output and one tree per
    /// output in every iteration (prediction adds tree `c` of an iteration
    /// to output `c`); the categorical flags and known categories one per
    /// feature (categorical splits look up their feature's); every tree
    /// consistent (see [`TreePredictor::check`]); and the categorical flags
    /// those the hyperparameter `categorical` gives (they are derived from it).
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
    pub fn check(
        &self,
        name: &'static str,
        n_outputs: usize,
        categorical: &CategoricalFeatures,
        feature_names: Option<&[String]>,
    ) -> std::result::Result<(), String> {
        ensure(self.n_features >= 1, || format!("{name}: n_features is 0"))?;
        // First against an array the file really holds: `resolve` below
        // allocates n_features flags, which an edited count could make huge.
        same_len(
            &format!("{name}: is_categorical (one per feature)"),
            self.n_features,
            self.is_categorical.len(),
        )?;
        if let CategoricalFeatures::Indices(indices) = categorical {
            all_below(&format!("{name}: categorical_features"), indices, self.n_features)?;
        }
        let flags = categorical
            .resolve(name, self.n_features, feature_names)
            .map_err(|e| e.to_string())?;
        ensure(flags == self.is_categorical, || {
            format!("{name}: is_categorical disagrees with categorical_features")
        })?;
        same_len(
            &format!("{name}: baseline (one per output)"),
            n_outputs,
            self.baseline.len(),
        )?;
        same_len(
            &format!("{name}: known_categories (one per feature)"),
            self.n_features,
            self.known_categories.len(),
        )?;
        for (i, iteration) in self.trees.iter().enumerate() {
            same_len(
                &format!("{name}: iteration {i}'s trees (one per output)"),
                n_outputs,
                iteration.len(),
            )?;
            for (c, tree) in iteration.iter().enumerate() {
                tree.check(self.n_features)
                    .map_err(|e| format!("{name}: iteration {i}, tree {c}: {e}"))?;
            }
        }
        Ok(())
    }

    /// Raw predictions, one column per output.
    pub fn raw<F: Float>(&self, x: ArrayView2<'_, F>) -> ndarray::Array2<f64> {
        let fast = self.fast.get_or_build(&self.trees, &self.known_categories);
        raw_predict(fast, &self.baseline, x)
    }
}

/// The training targets as the loss sees them: values, or class codes as
/// `f64`; the combined sample weights (`None`: all one); the class codes for
/// a stratified validation split.
pub(crate) struct Targets<'a> {
    pub y: Vec<f64>,
    pub weights: Option<Vec<f64>>,
    pub strata: Option<&'a [usize]>,
}

/// Checks that every value of a categorical column is missing or a
/// non-negative integer code below `max_bins`.
pub(crate) fn check_categories<F: Float>(
    name: &'static str,
    x: ArrayView2<'_, F>,
    is_cat: &[bool],
    max_bins: usize,
) -> Result<()> {
    for (f, _) in is_cat.iter().enumerate().filter(|(_, c)| **c) {
        for (row, v) in x.column(f).iter().enumerate() {
            let v = v.as_f64();
            let code = (0.0..max_bins as f64).contains(&v) && v.fract() == 0.0;
            if !(v.is_nan() || code) {
                return Err(Error::invalid_input(
                    name,
                    format!(
                        "categorical feature {f} must hold integer codes in [0, {max_bins}) (max_bins) or NaN, \
                         got {v} at row {row}"
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// scikit-learn's `_should_stop`: none of the last `n_iter_no_change`
/// scores beats the one before them by more than `tol`.
fn should_stop(scores: &[f64], n_iter_no_change: usize, tol: f64) -> bool {
    // Saturating: an n_iter_no_change of usize::MAX just never stops early.
    let reference = n_iter_no_change.saturating_add(1);
    if scores.len() < reference {
        return false;
    }
    let reference_score = scores[scores.len() - reference] + tol;
    !scores[scores.len() - reference + 1..]
        .iter()
        .any(|&s| s > reference_score)
}

fn select<T: Copy>(values: &[T], rows: &[usize]) -> Vec<T> {
    rows.iter().map(|&i| values[i]).collect()
}

/// `values` (`k` outputs of equal length, output-major) cut into one
/// mutable slice per output.
fn split_outputs(values: &mut [f64], k: usize) -> Vec<&mut [f64]> {
    let len = values.len() / k;
    let mut parts = Vec::with_capacity(k);
    let mut rest = values;
    for _ in 0..k {
        let (part, tail) = rest.split_at_mut(len);
        parts.push(part);
        rest = tail;
    }
    parts
}

/// [`split_outputs`] of optional values: `k` times `None` without them.
fn optional_outputs(values: Option<&mut [f64]>, k: usize) -> Vec<Option<&mut [f64]>> {
    match values {
        Some(values) => split_outputs(values, k).into_iter().map(Some).collect(),
        None => (0..k).map(|_| None).collect(),
    }
}

/// The arrays one tree is grown with, kept from tree to tree.
#[derive(Default)]
struct TreeBuffers {
    indices: Vec<u32>,
    /// The partitions' scratch: one per leaf expanded at once.
    scratch: [Vec<u32>; 2],
}

/// What growing one tree of an iteration reads, whichever tree it is.
struct TreeContext<'a, F> {
    binned: &'a Binned<u8>,
    splitter: Splitter<'a>,
    layout: &'a Layout,
    constant_hessian: bool,
    root_counts: &'a [u32],
    limits: &'a GrowLimits,
    known_categories: &'a [Bitset],
    validation: Option<ArrayView2<'a, F>>,
}

impl<F: Float> TreeContext<'_, F> {
    /// Grows one tree on `gh` (one output's gradients) and adds its leaf
    /// values to that output's raw predictions: `raw` for the training
    /// rows, `raw_val` for the validation rows. `combine`: see
    /// [`GrowData::combine`].
    #[allow(clippy::too_many_arguments)]
    fn grow_one(
        &self,
        gh: &[[f32; 2]],
        combine: Option<&dyn HistogramCombine>,
        buffers: &mut TreeBuffers,
        rng: &mut StdRng,
        raw: &mut [f64],
        raw_val: Option<&mut [f64]>,
    ) -> Result<TreePredictor> {
        let data = GrowData {
            binned: self.binned,
            splitter: self.splitter,
            layout: self.layout,
            gh,
            constant_hessian: self.constant_hessian,
            root_counts: self.root_counts,
            combine,
        };
        let indices = &mut buffers.indices;
        indices.clear();
        indices.extend(0..self.binned.n_rows as u32);
        let grown = grow(&data, self.limits, indices, &mut buffers.scratch, rng)?;
        add_leaf_values(raw, indices, &grown.leaves);
        if let (Some(xv), Some(rv)) = (self.validation, raw_val) {
            let update = predict_tree(&grown.tree, self.known_categories, xv);
            rv.iter_mut().zip(update).for_each(|(r, u)| *r += u);
        }
        Ok(grown.tree)
    }
}

/// Adds each leaf's (shrunk) value to the raw predictions of its rows,
/// `indices[start..stop]` for each leaf `(start, stop, value)`, in parallel
/// over fixed chunks of rows: a leaf's rows are increasing (the partitions
/// are stable and start from `0..n`), so the rows it holds in a chunk are
/// one run, found by binary search. Every row is in one leaf: it gets one
/// addition, as in a serial pass over the leaves (on 800,000 rows that pass
/// was a fortieth of the fit, on one core).
fn add_leaf_values(raw: &mut [f64], indices: &[u32], leaves: &[(usize, usize, f64)]) {
    debug_assert!(
        leaves
            .iter()
            .all(|&(start, stop, _)| indices[start..stop].windows(2).all(|w| w[0] < w[1]))
    );
    raw.par_chunks_mut(ROW_CHUNK).enumerate().for_each(|(c, raw)| {
        let first = c * ROW_CHUNK;
        let (lo, hi) = (first as u32, (first + raw.len()) as u32);
        for &(start, stop, value) in leaves {
            let leaf = &indices[start..stop];
            let run = &leaf[leaf.partition_point(|&i| i < lo)..leaf.partition_point(|&i| i < hi)];
            for &i in run {
                raw[i as usize - first] += value;
            }
        }
    });
}

/// Generates, inside a fitted model's `impl` block, the accessors both
/// gradient-boosting models share (each reading the `ensemble` or `params`
/// field), with their doc comments and doctests. `$est` is the estimator,
/// `$y` two example targets, `$loss` the loss the scores negate and `$trees`
/// what `n_trees_per_iteration` is for this model.
macro_rules! fitted_accessors {
    ($est:ident, y = $y:literal, loss = $loss:literal, trees = $trees:literal) => {
        /// Number of iterations run (`n_iter_`): `max_iter` unless early stopping stopped sooner.
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        #[doc = concat!("use learnkit::ensemble::", stringify!($est), ";")]
        /// use ndarray::array;
        #[doc = concat!("let model = ", stringify!($est), "::default().max_iter(4).fit(array![[0.0], [1.0]].view(), array!", $y, ".view())?;")]
        /// assert_eq!(model.n_iter(), 4);
        /// # Ok::<(), learnkit::Error>(())
        /// ```
        pub fn n_iter(&self) -> usize {
            self.ensemble.trees.len()
        }

        #[doc = concat!("The negative ", $loss, " on the training rows (`train_score_`): the")]
        /// baseline first, then after each iteration. Recorded with early
        /// stopping (as scikit-learn), with `verbose > 0`, or when fitted by
        /// `fit_with_progress`; empty otherwise (computing it costs about a
        /// tenth of a fit).
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        #[doc = concat!("use learnkit::ensemble::", stringify!($est), ";")]
        /// use ndarray::array;
        #[doc = concat!("let model = ", stringify!($est), "::default().max_iter(2).fit(array![[0.0], [1.0]].view(), array!", $y, ".view())?;")]
        /// assert!(model.train_score().is_empty()); // early stopping is off for 2 rows
        #[doc = concat!("let model = ", stringify!($est), "::default().max_iter(2).fit_with_progress(array![[0.0], [1.0]].view(), array!", $y, ".view(), None, |_| {})?;")]
        /// assert_eq!(model.train_score().len(), 3);
        /// # Ok::<(), learnkit::Error>(())
        /// ```
        pub fn train_score(&self) -> &[f64] {
            &self.ensemble.train_score
        }

        #[doc = concat!("The negative ", $loss, " on the validation rows (`validation_score_`),")]
        /// the baseline first; empty unless early stopping held rows out.
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        #[doc = concat!("use learnkit::ensemble::", stringify!($est), ";")]
        /// use ndarray::array;
        #[doc = concat!("let model = ", stringify!($est), "::default().max_iter(2).fit(array![[0.0], [1.0]].view(), array!", $y, ".view())?;")]
        /// assert!(model.validation_score().is_empty());
        /// # Ok::<(), learnkit::Error>(())
        /// ```
        pub fn validation_score(&self) -> &[f64] {
            &self.ensemble.validation_score
        }

        #[doc = concat!("Trees per iteration (`n_trees_per_iteration_`): ", $trees, ".")]
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        #[doc = concat!("use learnkit::ensemble::", stringify!($est), ";")]
        /// use ndarray::array;
        #[doc = concat!("let model = ", stringify!($est), "::default().max_iter(1).fit(array![[0.0], [1.0]].view(), array!", $y, ".view())?;")]
        /// assert_eq!(model.n_trees_per_iteration(), 1);
        /// # Ok::<(), learnkit::Error>(())
        /// ```
        pub fn n_trees_per_iteration(&self) -> usize {
            self.ensemble.baseline.len()
        }

        /// Which features were treated as categorical (`is_categorical_`).
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        #[doc = concat!("use learnkit::ensemble::{CategoricalFeatures, ", stringify!($est), "};")]
        /// use ndarray::array;
        #[doc = concat!("let model = ", stringify!($est), "::default().max_iter(1)")]
        ///     .categorical_features(CategoricalFeatures::Mask(vec![true, false]))
        #[doc = concat!("    .fit(array![[0.0, 1.0], [1.0, 0.0]].view(), array!", $y, ".view())?;")]
        /// assert_eq!(model.is_categorical(), &[true, false]);
        /// # Ok::<(), learnkit::Error>(())
        /// ```
        pub fn is_categorical(&self) -> &[bool] {
            &self.ensemble.is_categorical
        }

        /// Number of features seen in `fit` (`n_features_in_`).
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        #[doc = concat!("use learnkit::ensemble::", stringify!($est), ";")]
        /// use ndarray::array;
        #[doc = concat!("let model = ", stringify!($est), "::default().max_iter(1).fit(array![[0.0, 1.0, 2.0], [1.0, 0.0, 2.0]].view(), array!", $y, ".view())?;")]
        /// assert_eq!(model.n_features_in(), 3);
        /// # Ok::<(), learnkit::Error>(())
        /// ```
        pub fn n_features_in(&self) -> usize {
            self.ensemble.n_features
        }

        /// The hyperparameters the model was fitted with.
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        #[doc = concat!("use learnkit::ensemble::", stringify!($est), ";")]
        /// use ndarray::array;
        #[doc = concat!("let model = ", stringify!($est), "::default().max_iter(2).fit(array![[0.0], [1.0]].view(), array!", $y, ".view())?;")]
        /// assert_eq!(model.params().max_iter, 2);
        /// # Ok::<(), learnkit::Error>(())
        /// ```
        pub fn params(&self) -> &$est {
            &self.params
        }

        /// The fitted trees, baseline and training categories (the ONNX
        /// export and partial dependence read them).
        pub(crate) fn ensemble(&self) -> &Ensemble {
            &self.ensemble
        }
    };
}
pub(super) use fitted_accessors;

/// The checks both estimators' `fit` start with, in this order: the
/// hyperparameters, `x` (`NaN` allowed), one target per row.
pub(crate) fn check_fit_input<F: Float>(settings: &Settings, x: ArrayView2<'_, F>, n_targets: usize) -> Result<()> {
    settings.validate()?;
    check_array_with_missing(settings.name, x)?;
    check_same_length(settings.name, "number of targets vs rows of X", x.nrows(), n_targets)
}

/// [`fit`] in a thread pool of `settings.n_jobs` threads.
pub(crate) fn fit_with_n_jobs<F: Float>(
    settings: &Settings,
    loss: Loss,
    x: ArrayView2<'_, F>,
    targets: Targets<'_>,
    progress: Option<&mut (dyn FnMut(&Progress) + Send)>,
) -> Result<Ensemble> {
    // A boosting fit is a long run of small parallel steps (thousands on
    // Adult, each tens of microseconds): see `with_polling_pool`.
    with_polling_pool(settings.n_jobs, || fit(settings, loss, x, targets, progress))?
}

/// Fits the ensemble. `x` has been checked (no infinity, not empty, one
/// target per row) by the caller. `progress`, when given, is called after
/// every iteration.
pub(crate) fn fit<F: Float>(
    settings: &Settings,
    loss: Loss,
    x: ArrayView2<'_, F>,
    targets: Targets<'_>,
    progress: Option<&mut (dyn FnMut(&Progress) + Send)>,
) -> Result<Ensemble> {
    let name = settings.name;
    let n_features = x.ncols();
    let is_categorical = settings
        .categorical_features
        .resolve(name, n_features, settings.feature_names.as_deref())?;
    check_categories(name, x, &is_categorical, settings.max_bins)?;
    let n = x.nrows();
    let do_early_stopping = match settings.early_stopping {
        EarlyStopping::Auto => n > AUTO_EARLY_STOPPING_ROWS,
        EarlyStopping::On => true,
        EarlyStopping::Off => false,
    };
    let seed = crate::random::seed_or_entropy(settings.random_state);
    // Validation rows, when early stopping scores held-out data.
    let split = match (do_early_stopping, settings.validation_fraction) {
        (true, Some(fraction)) => {
            let rows = Array1::from_iter(0..n);
            let mut splitter = train_test_split(x, rows.view()).test_size(fraction).random_state(seed);
            if let Some(codes) = targets.strata {
                splitter = splitter.stratify(ndarray::ArrayView1::from(codes));
            }
            Some(splitter.split_indices()?)
        }
        _ => None,
    };
    let (x_train_owned, y, w, validation) = match &split {
        Some((train, val)) => {
            let w = targets.weights.as_deref();
            (
                Some(x.select(Axis(0), train)),
                select(&targets.y, train),
                w.map(|w| select(w, train)),
                Some((
                    x.select(Axis(0), val),
                    select(&targets.y, val),
                    w.map(|w| select(w, val)),
                )),
            )
        }
        None => (None, targets.y, targets.weights, None),
    };
    // The weights summed to more than zero over all rows, but a split can
    // leave either side with none (and NaN scores).
    for (part, weights) in [
        ("training", w.as_deref()),
        ("validation", validation.as_ref().and_then(|v| v.2.as_deref())),
    ] {
        if weights.is_some_and(|w| w.iter().sum::<f64>() <= 0.0) {
            return Err(Error::invalid_input(
                name,
                format!("the sample weights of the {part} rows of early stopping sum to zero"),
            ));
        }
    }
    let x_train = x_train_owned.as_ref().map_or(x, |a| a.view());
    let binned = if x_train.nrows() > BIN_SUBSAMPLE {
        // As scikit-learn's binner: the bins are cut from BIN_SUBSAMPLE rows
        // drawn without replacement (categories from every row), and every
        // row is coded against their thresholds.
        let mut rng = StdRng::seed_from_u64(derived_seed(seed, BIN_SAMPLE_STREAM));
        let mut rows = rand::seq::index::sample(&mut rng, x_train.nrows(), BIN_SUBSAMPLE).into_vec();
        rows.sort_unstable();
        Binned::with_edges_from(x_train, settings.max_bins, &rows, &is_categorical)
    } else {
        let BinnedData::U8(binned) = BinnedData::new(x_train, Some(settings.max_bins)) else {
            unreachable!("max_bins <= 255 gives byte codes")
        };
        binned
    };
    let prepared = Prepared {
        binned,
        is_categorical,
        y,
        w,
        validation,
        do_early_stopping,
        seed,
    };
    boost(settings, loss, prepared, &Local, progress)
}

/// What the boosting loop does differently when the rows are spread over
/// several processes (the distributed fit's implementation combines every
/// process's statistics); [`Local`] is the single-process fit's.
pub(crate) trait Collective {
    /// The baseline over every process's rows.
    fn baseline(&self, loss: Loss, y: &[f64], w: Option<&[f64]>) -> Result<Vec<f64>>;
    /// The weighted mean loss over every process's rows.
    fn mean_loss(&self, loss: Loss, y: &[f64], raw: &[f64], w: Option<&[f64]>) -> Result<f64>;
    /// Called on one tree's gradients before it is grown (the distributed
    /// fit rounds them to a grid whose sums are exact).
    fn prepare_gradients(&self, gh: &mut [[f32; 2]]) -> Result<()>;
    /// How the nodes' histograms and splits are combined with every other
    /// process's (`None`: nothing to combine).
    fn histograms(&self) -> Option<&dyn HistogramCombine>;
}

/// The single-process fit: nothing to combine.
pub(crate) struct Local;

impl Collective for Local {
    fn baseline(&self, loss: Loss, y: &[f64], w: Option<&[f64]>) -> Result<Vec<f64>> {
        Ok(loss.baseline(y, w))
    }
    fn mean_loss(&self, loss: Loss, y: &[f64], raw: &[f64], w: Option<&[f64]>) -> Result<f64> {
        Ok(loss.mean_loss(y, raw, w))
    }
    fn prepare_gradients(&self, _gh: &mut [[f32; 2]]) -> Result<()> {
        Ok(())
    }
    fn histograms(&self) -> Option<&dyn HistogramCombine> {
        None
    }
}

/// The validation rows kept for early stopping: features, targets and
/// weights.
pub(crate) type ValidationRows<F> = (ndarray::Array2<F>, Vec<f64>, Option<Vec<f64>>);

/// The binned training rows and what the boosting loop needs besides.
pub(crate) struct Prepared<F> {
    pub binned: Binned<u8>,
    pub is_categorical: Vec<bool>,
    pub y: Vec<f64>,
    pub w: Option<Vec<f64>>,
    /// The validation rows, their targets and weights (early stopping).
    pub validation: Option<ValidationRows<F>>,
    pub do_early_stopping: bool,
    pub seed: u64,
}

/// The boosting iterations on binned rows, shared by the single-process
/// and the distributed fit.
pub(crate) fn boost<F: Float>(
    settings: &Settings,
    loss: Loss,
    prepared: Prepared<F>,
    collective: &dyn Collective,
    mut progress: Option<&mut (dyn FnMut(&Progress) + Send)>,
) -> Result<Ensemble> {
    let Prepared {
        binned,
        is_categorical,
        y,
        w,
        validation,
        do_early_stopping,
        seed,
    } = prepared;
    let n_features = binned.n_features();
    let n_train = binned.n_rows;
    let known_categories: Vec<Bitset> = (0..n_features)
        .map(|f| {
            let mut set = [0u32; 8];
            if is_categorical[f] {
                binned.bin_min[f]
                    .iter()
                    .for_each(|&c| bitset_insert(&mut set, c as usize));
            }
            set
        })
        .collect();
    let layout = Layout::new(&binned);
    let root_counts = root_counts(&binned, &layout);
    let constant_hessian = loss.constant_hessian(w.is_some());
    let splitter = Splitter {
        layout: &layout,
        n_bins: &binned.n_bins,
        missing: &binned.missing,
        is_categorical: &is_categorical,
        min_samples_leaf: settings.min_samples_leaf,
        l2: settings.l2_regularization,
        constant_hessian,
    };
    let limits = GrowLimits {
        max_leaf_nodes: settings.max_leaf_nodes,
        max_depth: settings.max_depth,
        min_samples_leaf: settings.min_samples_leaf,
        shrinkage: settings.learning_rate,
        n_features_per_split: (settings.max_features < 1.0)
            .then(|| ((settings.max_features * n_features as f64).ceil() as usize).clamp(1, n_features)),
    };
    let mut rng = StdRng::seed_from_u64(seed.wrapping_add(1));

    let k = loss.n_trees();
    let baseline = collective.baseline(loss, &y, w.as_deref())?;
    let mut raw: Vec<f64> = baseline.iter().flat_map(|&b| std::iter::repeat_n(b, n_train)).collect();
    let mut raw_val: Option<Vec<f64>> = validation.as_ref().map(|(xv, _, _)| {
        baseline
            .iter()
            .flat_map(|&b| std::iter::repeat_n(b, xv.nrows()))
            .collect()
    });
    // Each row's gradient and hessian side by side (the histograms add
    // both in one vector operation); a constant hessian is left at 0 and
    // the histograms' counts stand for it.
    let mut gh = vec![[0f32; 2]; n_train * k];
    // The trees of an iteration are grown side by side when nothing needs
    // them in order: several trees, several threads, no feature
    // subsampling (one random generator drawn from tree after tree) and no
    // histograms combined across processes (every process must reduce the
    // same node at the same time).
    let concurrent = k > 1
        && rayon::current_num_threads() > 1
        && limits.n_features_per_split.is_none()
        && collective.histograms().is_none();
    // Each tree grown at once needs its own index and scratch arrays.
    let mut buffers: Vec<TreeBuffers> = (0..if concurrent { k } else { 1 })
        .map(|_| TreeBuffers::default())
        .collect();

    let score_val = |raw_val: &Option<Vec<f64>>| -> Result<Option<f64>> {
        match (validation.as_ref(), raw_val.as_deref()) {
            (Some((_, yv, wv)), Some(rv)) => Ok(Some(-collective.mean_loss(loss, yv, rv, wv.as_deref())?)),
            _ => Ok(None),
        }
    };
    // The training loss costs a pass of `exp`/`log` over every row per
    // iteration (about a tenth of a fit): kept only where something reads
    // it — early stopping (as scikit-learn, whose `train_score_` is empty
    // otherwise), `verbose` or a progress callback.
    let record_train = do_early_stopping || settings.verbose > 0 || progress.is_some();
    let train_loss = |raw: &[f64]| -> Result<f64> { Ok(-collective.mean_loss(loss, &y, raw, w.as_deref())?) };
    let mut train_score: Vec<f64> = if record_train {
        vec![train_loss(&raw)?]
    } else {
        Vec::new()
    };
    let mut validation_score: Vec<f64> = score_val(&raw_val)?.into_iter().collect();
    let mut trees: Vec<Vec<TreePredictor>> = Vec::new();

    for iteration in 1..=settings.max_iter {
        loss.gradients(&y, &raw, w.as_deref(), &mut gh);
        let mut this_iteration = Vec::with_capacity(k);
        let ctx = TreeContext {
            binned: &binned,
            splitter,
            layout: &layout,
            constant_hessian,
            root_counts: &root_counts,
            limits: &limits,
            known_categories: &known_categories,
            validation: validation.as_ref().map(|(xv, _, _)| xv.view()),
        };
        if concurrent {
            // The K trees of an iteration depend only on the iteration's
            // gradients: grown side by side, each with its own buffers
            // and its own class's raw predictions, they are the trees the
            // loop below grows one after another (no random draw, no
            // combined histograms), on any thread count.
            for c in 0..k {
                collective.prepare_gradients(&mut gh[c * n_train..(c + 1) * n_train])?;
            }
            let grown: Vec<Result<TreePredictor>> = split_outputs(&mut raw, k)
                .into_par_iter()
                .zip(optional_outputs(raw_val.as_deref_mut(), k))
                .zip(buffers.par_iter_mut())
                .enumerate()
                .map(|(c, ((raw_c, val_c), buffers))| {
                    let gh_c = &gh[c * n_train..(c + 1) * n_train];
                    // Not drawn from: features are subsampled only on the
                    // serial path.
                    let mut rng = rng.clone();
                    ctx.grow_one(gh_c, None, buffers, &mut rng, raw_c, val_c)
                })
                .collect();
            for tree in grown {
                this_iteration.push(tree?);
            }
        } else {
            let mut val_c = optional_outputs(raw_val.as_deref_mut(), k).into_iter();
            for (c, raw_c) in split_outputs(&mut raw, k).into_iter().enumerate() {
                let gh_c = &mut gh[c * n_train..(c + 1) * n_train];
                collective.prepare_gradients(gh_c)?;
                let val_c = val_c.next().expect("one part per tree");
                this_iteration.push(ctx.grow_one(
                    gh_c,
                    collective.histograms(),
                    &mut buffers[0],
                    &mut rng,
                    raw_c,
                    val_c,
                )?);
            }
        }
        trees.push(this_iteration);
        if record_train {
            train_score.push(train_loss(&raw)?);
        }
        let val = score_val(&raw_val)?;
        validation_score.extend(val);
        if let Some(&train) = train_score
            .last()
            .filter(|_| settings.verbose > 0 || progress.is_some())
        {
            let report = Progress {
                iteration,
                max_iter: settings.max_iter,
                train_score: train,
                validation_score: val,
            };
            if settings.verbose > 0 {
                eprintln!(
                    "[{iteration}/{}] {} trees, train score: {:.5}{}",
                    settings.max_iter,
                    k,
                    report.train_score,
                    val.map_or(String::new(), |v| format!(", validation score: {v:.5}"))
                );
            }
            if let Some(progress) = progress.as_mut() {
                progress(&report);
            }
        }
        if do_early_stopping {
            let scores = if validation.is_some() {
                &validation_score
            } else {
                &train_score
            };
            if should_stop(scores, settings.n_iter_no_change, settings.tol) {
                break;
            }
        }
    }
    Ok(Ensemble {
        trees,
        baseline,
        is_categorical,
        known_categories,
        n_features,
        train_score,
        validation_score,
        do_early_stopping,
        // The estimators set it: they know whether the user gave weights
        // (class weights alone do not count, as in scikit-learn).
        fitted_with_sample_weight: false,
        fast: FastCache::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::should_stop;

    /// The parallel update adds each leaf's value to exactly its rows, as
    /// the serial pass over the leaves does, across several row chunks.
    #[test]
    fn leaf_values_reach_exactly_their_rows() {
        use crate::parallel::ROW_CHUNK;
        let n = 3 * ROW_CHUNK + 17;
        // Three leaves of interleaved increasing rows, and an empty one.
        let by_leaf: Vec<Vec<u32>> = (0..3u32)
            .map(|l| (0..n as u32).filter(|i| (i * 7 + i / 5) % 3 == l).collect())
            .collect();
        let indices: Vec<u32> = by_leaf.concat();
        let mut leaves = Vec::new();
        let mut start = 0;
        for (l, rows) in by_leaf.iter().enumerate() {
            leaves.push((start, start + rows.len(), 0.5 + l as f64));
            start += rows.len();
        }
        leaves.push((start, start, 100.0));
        let mut expected = vec![1.0_f64; n];
        for &(start, stop, value) in &leaves {
            for &i in &indices[start..stop] {
                expected[i as usize] += value;
            }
        }
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let mut raw = vec![1.0_f64; n];
            pool.install(|| super::add_leaf_values(&mut raw, &indices, &leaves));
            assert_eq!(raw, expected, "{threads} threads");
        }
    }

    #[test]
    fn stops_when_no_recent_score_beats_the_reference_by_tol() {
        assert!(!should_stop(&[1.0, 2.0], 2, 0.0));
        assert!(should_stop(&[1.0, 1.0, 1.0], 2, 0.0));
        assert!(!should_stop(&[1.0, 1.0, 1.5], 2, 0.0));
        assert!(should_stop(&[1.0, 1.0, 1.5], 2, 0.6));
    }
}
