//! The k-fold splitters: [`KFold`], [`StratifiedKFold`], [`GroupKFold`] and
//! [`TimeSeriesSplit`], with scikit-learn's algorithms. Without shuffling
//! they give exactly scikit-learn's indices; with shuffling the permutation
//! comes from learnkit's seeded generator (not NumPy's), so the folds have the
//! same sizes and class proportions as scikit-learn's but other members.

use super::splitter::{Fold, Splitter, check_folds_fit, check_n_splits, check_shuffle_seed, folds_from_assignment};
use crate::error::{Error, Result};
use crate::float::Label;
use crate::validation::{check_same_length, encode_labels};
use ndarray::ArrayView1;
use rand::seq::SliceRandom;

/// K-fold cross-validation: `n_splits` consecutive folds (after an optional
/// shuffle); each fold tests once while the others train. The first
/// `n_samples % n_splits` folds have one row more, as scikit-learn's `KFold`.
///
/// # Hyperparameters
/// - `n_splits` (default 5): at least 2 and at most the number of rows.
/// - `shuffle` (default `false`): shuffle the rows before cutting the folds.
/// - `random_state` (default `None`): the shuffle's seed; only with `shuffle`.
///
/// # Errors
/// [`Error::InvalidParameter`] for `n_splits < 2` or a `random_state` without
/// `shuffle`; [`Error::InvalidInput`] for more splits than rows.
///
/// # Example
/// ```
/// use learnkit::model_selection::{KFold, Splitter};
/// use ndarray::Array1;
/// let folds = KFold::new(3).split(Array1::<f64>::zeros(7).view(), None)?;
/// let sizes: Vec<usize> = folds.iter().map(|f| f.test.len()).collect();
/// assert_eq!(sizes, vec![3, 2, 2]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct KFold {
    /// Number of folds.
    pub n_splits: usize,
    /// Whether to shuffle the rows before splitting.
    pub shuffle: bool,
    /// Seed of the shuffle.
    pub random_state: Option<u64>,
}

impl Default for KFold {
    fn default() -> Self {
        KFold {
            n_splits: 5,
            shuffle: false,
            random_state: None,
        }
    }
}

impl KFold {
    /// `n_splits` folds, other settings at their defaults.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::model_selection::KFold::new(3).n_splits, 3);
    /// ```
    pub fn new(n_splits: usize) -> Self {
        KFold {
            n_splits,
            ..Self::default()
        }
    }
}

setters!(KFold in "learnkit::model_selection" { n_splits: usize = 3; shuffle: bool = true; });
random_state_setter!(KFold in "learnkit::model_selection");

impl<T> Splitter<T> for KFold {
    fn split(&self, y: ArrayView1<'_, T>, _groups: Option<ArrayView1<'_, usize>>) -> Result<Vec<Fold>> {
        const NAME: &str = "KFold";
        let n = y.len();
        check_n_splits(NAME, self.n_splits, n)?;
        check_shuffle_seed(NAME, self.shuffle, self.random_state)?;
        let mut order: Vec<usize> = (0..n).collect();
        if self.shuffle {
            order.shuffle(&mut crate::random::rng_from(self.random_state));
        }
        let mut assignment = vec![0; n];
        let (base, extra) = (n / self.n_splits, n % self.n_splits);
        let mut start = 0;
        for f in 0..self.n_splits {
            let size = base + usize::from(f < extra);
            for &i in &order[start..start + size] {
                assignment[i] = f;
            }
            start += size;
        }
        folds_from_assignment(NAME, &assignment, self.n_splits)
    }
}

/// Stratified k-fold: each fold keeps the class proportions of `y`, with
/// scikit-learn's `StratifiedKFold` allocation (the sorted labels dealt to
/// the folds in turn, `y_order[i::n_splits]`), so that without shuffling
/// the folds are exactly scikit-learn's.
///
/// Deviation: scikit-learn only warns when the rarest class has fewer members
/// than `n_splits` (some folds then miss it); this is an error here.
///
/// # Hyperparameters
/// As [`KFold`]: `n_splits` (5), `shuffle` (`false`), `random_state`.
///
/// # Errors
/// [`Error::InvalidParameter`] for `n_splits < 2` or a `random_state` without
/// `shuffle`; [`Error::InvalidInput`] for more splits than rows or than
/// members of the rarest class.
///
/// # Example
/// ```
/// use learnkit::model_selection::{StratifiedKFold, Splitter};
/// use ndarray::array;
/// let y = array!["a", "a", "b", "b", "b", "b"];
/// let err = StratifiedKFold::new(3).split(y.view(), None).unwrap_err();
/// assert!(err.to_string().contains("rarest class"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct StratifiedKFold {
    /// Number of folds.
    pub n_splits: usize,
    /// Whether to shuffle each class's rows before dealing them to folds.
    pub shuffle: bool,
    /// Seed of the shuffle.
    pub random_state: Option<u64>,
}

impl Default for StratifiedKFold {
    fn default() -> Self {
        StratifiedKFold {
            n_splits: 5,
            shuffle: false,
            random_state: None,
        }
    }
}

impl StratifiedKFold {
    /// `n_splits` folds, other settings at their defaults.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::model_selection::StratifiedKFold::new(3).n_splits, 3);
    /// ```
    pub fn new(n_splits: usize) -> Self {
        StratifiedKFold {
            n_splits,
            ..Self::default()
        }
    }
}

setters!(StratifiedKFold in "learnkit::model_selection" { n_splits: usize = 3; shuffle: bool = true; });
random_state_setter!(StratifiedKFold in "learnkit::model_selection");

impl<T: Label> Splitter<T> for StratifiedKFold {
    fn split(&self, y: ArrayView1<'_, T>, _groups: Option<ArrayView1<'_, usize>>) -> Result<Vec<Fold>> {
        const NAME: &str = "StratifiedKFold";
        let n = y.len();
        check_n_splits(NAME, self.n_splits, n)?;
        check_shuffle_seed(NAME, self.shuffle, self.random_state)?;
        // scikit-learn numbers the classes in order of first appearance.
        let (classes, sorted_codes) = encode_labels(y.iter());
        let mut first_seen = vec![usize::MAX; classes.len()];
        let mut rank = 0;
        for &c in &sorted_codes {
            if first_seen[c] == usize::MAX {
                first_seen[c] = rank;
                rank += 1;
            }
        }
        let codes: Vec<usize> = sorted_codes.iter().map(|&c| first_seen[c]).collect();
        let n_classes = classes.len();
        let mut counts = vec![0usize; n_classes];
        for &c in &codes {
            counts[c] += 1;
        }
        let (rarest, &min_count) = counts.iter().enumerate().min_by_key(|&(_, c)| *c).expect("n ≥ 2");
        if self.n_splits > min_count {
            let class = first_seen
                .iter()
                .position(|&r| r == rarest)
                .expect("every rank is a class");
            return Err(Error::invalid_input(
                NAME,
                format!(
                    "cannot make n_splits={} stratified folds: the rarest class ({:?}) has only {min_count} \
                     members, fewer than the folds",
                    self.n_splits, classes[class]
                ),
            ));
        }
        // allocation[k][f]: members of class k that fold f tests, from dealing
        // the sorted codes to the folds in turn.
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        let mut allocation = vec![vec![0usize; self.n_splits]; n_classes];
        for (i, &c) in sorted.iter().enumerate() {
            allocation[c][i % self.n_splits] += 1;
        }
        let mut rng = crate::random::rng_from(if self.shuffle { self.random_state } else { Some(0) });
        let mut assignment = vec![0; n];
        for (k, per_fold) in allocation.iter().enumerate() {
            let mut folds_for_class: Vec<usize> = per_fold
                .iter()
                .enumerate()
                .flat_map(|(f, &count)| std::iter::repeat_n(f, count))
                .collect();
            if self.shuffle {
                folds_for_class.shuffle(&mut rng);
            }
            let members = (0..n).filter(|&i| codes[i] == k);
            for (i, f) in members.zip(folds_for_class) {
                assignment[i] = f;
            }
        }
        folds_from_assignment(NAME, &assignment, self.n_splits)
    }
}

/// K-fold over groups: all rows of a group fall in the same test fold, so a
/// model is never tested on a group it was trained on. scikit-learn's
/// `GroupKFold` without shuffling: the groups, largest first (ties in order
/// of group id, reversed, as NumPy's stable argsort reversed), each go to the
/// fold with the fewest rows so far (the first such fold on ties).
///
/// Group ids are `usize` values given as `groups` to [`Splitter::split`].
///
/// # Hyperparameters
/// - `n_splits` (default 5): at least 2 and at most the number of groups.
///
/// # Errors
/// [`Error::InvalidParameter`] for `n_splits < 2`; [`Error::InvalidInput`]
/// without groups or with more splits than groups; [`Error::ShapeMismatch`]
/// when `groups` and `y` differ in length.
///
/// # Example
/// ```
/// use learnkit::model_selection::{GroupKFold, Splitter};
/// use ndarray::array;
/// let y = array![0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
/// let groups = array![7, 7, 7, 8, 8, 9];
/// let folds = GroupKFold::new(2).split(y.view(), Some(groups.view()))?;
/// assert_eq!(folds[0].test, vec![0, 1, 2]); // the largest group
/// assert_eq!(folds[1].test, vec![3, 4, 5]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GroupKFold {
    /// Number of folds.
    pub n_splits: usize,
}

impl Default for GroupKFold {
    fn default() -> Self {
        GroupKFold { n_splits: 5 }
    }
}

impl GroupKFold {
    /// `n_splits` folds.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::model_selection::GroupKFold::new(3).n_splits, 3);
    /// ```
    pub fn new(n_splits: usize) -> Self {
        GroupKFold { n_splits }
    }
}

setters!(GroupKFold in "learnkit::model_selection" { n_splits: usize = 3; });

impl<T> Splitter<T> for GroupKFold {
    fn split(&self, y: ArrayView1<'_, T>, groups: Option<ArrayView1<'_, usize>>) -> Result<Vec<Fold>> {
        const NAME: &str = "GroupKFold";
        let groups = groups.ok_or_else(|| Error::invalid_input(NAME, "needs `groups`, one group id per row"))?;
        check_same_length(NAME, "groups vs targets", y.len(), groups.len())?;
        let (unique, group_idx) = encode_labels(groups.iter());
        if self.n_splits < 2 {
            return Err(Error::invalid_parameter(NAME, "n_splits", "at least 2", self.n_splits));
        }
        if self.n_splits > unique.len() {
            return Err(Error::invalid_input(
                NAME,
                format!(
                    "cannot make n_splits={} folds of {} groups",
                    self.n_splits,
                    unique.len()
                ),
            ));
        }
        let mut per_group = vec![0usize; unique.len()];
        for &g in &group_idx {
            per_group[g] += 1;
        }
        // np.argsort(counts, kind="stable")[::-1]: by count descending, equal
        // counts by group index descending.
        let mut order: Vec<usize> = (0..unique.len()).collect();
        order.sort_by(|&a, &b| per_group[b].cmp(&per_group[a]).then(b.cmp(&a)));
        let mut fold_rows = vec![0usize; self.n_splits];
        let mut group_to_fold = vec![0usize; unique.len()];
        for g in order {
            let lightest = (0..self.n_splits)
                .min_by_key(|&f| (fold_rows[f], f))
                .expect("n_splits ≥ 2");
            fold_rows[lightest] += per_group[g];
            group_to_fold[g] = lightest;
        }
        let assignment: Vec<usize> = group_idx.iter().map(|&g| group_to_fold[g]).collect();
        folds_from_assignment(NAME, &assignment, self.n_splits)
    }
}

/// Time-series cross-validation: growing (or, with `max_train_size`,
/// sliding) windows of past rows train, the next `test_size` rows test, as
/// scikit-learn's `TimeSeriesSplit`. Rows must be in time order.
///
/// # Hyperparameters
/// - `n_splits` (default 5): at least 2.
/// - `max_train_size` (default `None`): the most recent rows kept for training.
/// - `test_size` (default `None`: `n_samples / (n_splits + 1)`): rows per test fold.
/// - `gap` (default 0): rows dropped between the end of training and the test.
///
/// # Errors
/// [`Error::InvalidParameter`] for `n_splits < 2` or a zero `test_size` or
/// `max_train_size`; [`Error::InvalidInput`] for more folds than rows or
/// sizes leaving no training row.
///
/// # Example
/// ```
/// use learnkit::model_selection::{TimeSeriesSplit, Splitter};
/// use ndarray::Array1;
/// let folds = TimeSeriesSplit::new(3).split(Array1::<f64>::zeros(6).view(), None)?;
/// assert_eq!(folds[0].train, vec![0, 1, 2]);
/// assert_eq!(folds[0].test, vec![3]);
/// assert_eq!(folds[2].test, vec![5]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TimeSeriesSplit {
    /// Number of folds.
    pub n_splits: usize,
    /// Maximum number of training rows (the most recent ones).
    pub max_train_size: Option<usize>,
    /// Rows per test fold.
    pub test_size: Option<usize>,
    /// Rows left out between each training set and its test set.
    pub gap: usize,
}

impl Default for TimeSeriesSplit {
    fn default() -> Self {
        TimeSeriesSplit {
            n_splits: 5,
            max_train_size: None,
            test_size: None,
            gap: 0,
        }
    }
}

impl TimeSeriesSplit {
    /// `n_splits` folds, other settings at their defaults.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::model_selection::TimeSeriesSplit::new(3).n_splits, 3);
    /// ```
    pub fn new(n_splits: usize) -> Self {
        TimeSeriesSplit {
            n_splits,
            ..Self::default()
        }
    }
}

setters!(TimeSeriesSplit in "learnkit::model_selection" {
    n_splits: usize = 3; max_train_size: Option<usize> = Some(10); test_size: Option<usize> = Some(2); gap: usize = 1;
});

impl<T> Splitter<T> for TimeSeriesSplit {
    fn split(&self, y: ArrayView1<'_, T>, _groups: Option<ArrayView1<'_, usize>>) -> Result<Vec<Fold>> {
        const NAME: &str = "TimeSeriesSplit";
        let n = y.len();
        if self.n_splits < 2 {
            return Err(Error::invalid_parameter(NAME, "n_splits", "at least 2", self.n_splits));
        }
        // `n_splits + 1 > n`, written so that it cannot overflow.
        if self.n_splits >= n {
            return Err(Error::invalid_input(
                NAME,
                format!(
                    "cannot make n_splits={} folds of {n} samples: needs n_splits + 1 samples",
                    self.n_splits
                ),
            ));
        }
        if self.test_size == Some(0) {
            return Err(Error::invalid_parameter(NAME, "test_size", "None or at least 1", 0));
        }
        if self.max_train_size == Some(0) {
            return Err(Error::invalid_parameter(
                NAME,
                "max_train_size",
                "None or at least 1",
                0,
            ));
        }
        let test_size = self.test_size.unwrap_or(n / (self.n_splits + 1));
        let needed = self.gap.saturating_add(test_size.saturating_mul(self.n_splits));
        if needed >= n {
            return Err(Error::invalid_input(
                NAME,
                format!(
                    "gap {} + n_splits {} × test_size {test_size} leaves none of the {n} samples to train on",
                    self.gap, self.n_splits
                ),
            ));
        }
        check_folds_fit(NAME, self.n_splits, n)?;
        let first_test = n - self.n_splits * test_size;
        Ok((0..self.n_splits)
            .map(|f| {
                let test_start = first_test + f * test_size;
                let train_end = test_start - self.gap;
                let train_start = match self.max_train_size {
                    Some(max) if max < train_end => train_end - max,
                    _ => 0,
                };
                Fold {
                    train: (train_start..train_end).collect(),
                    test: (test_start..test_start + test_size).collect(),
                }
            })
            .collect())
    }
}
