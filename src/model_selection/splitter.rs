//! The [`Splitter`] trait shared by every cross-validation splitter, and the
//! [`Fold`] it yields.

use crate::error::{Error, Result};
use ndarray::ArrayView1;

/// One train/test split: row indices into the data, each list in increasing
/// order unless the splitter documents otherwise (the shuffled splitters).
///
/// # Example
/// ```
/// use learnkit::model_selection::{KFold, Splitter};
/// use ndarray::Array1;
/// let folds = KFold::new(2).split(Array1::<f64>::zeros(4).view(), None)?;
/// assert_eq!(folds[0].test, vec![0, 1]);
/// assert_eq!(folds[0].train, vec![2, 3]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Fold {
    /// Rows to fit on.
    pub train: Vec<usize>,
    /// Rows to evaluate on.
    pub test: Vec<usize>,
}

impl Fold {
    /// A fold of `train` and `test` rows, for a [`Splitter`] of your own (the
    /// struct is `#[non_exhaustive]`: no struct literal outside the crate).
    ///
    /// # Example
    /// ```
    /// use learnkit::model_selection::Fold;
    /// let fold = Fold::new(vec![2, 3], vec![0, 1]);
    /// assert_eq!((fold.train, fold.test), (vec![2, 3], vec![0, 1]));
    /// ```
    pub fn new(train: Vec<usize>, test: Vec<usize>) -> Self {
        Fold { train, test }
    }
}

/// A cross-validation strategy: turns the targets (and optional groups) into
/// a list of [`Fold`]s, as scikit-learn's `split(X, y, groups)`.
///
/// `T` is the target type: the stratified splitters need class labels
/// ([`Label`](crate::Label)); the others accept any target and only use its
/// length. `groups` holds one group id per row; only [`GroupKFold`](super::GroupKFold)
/// uses it (and requires it), the others ignore it.
///
/// # Example
/// ```
/// use learnkit::model_selection::{StratifiedKFold, Splitter};
/// use ndarray::array;
/// let y = array![0, 0, 0, 1, 1, 1];
/// let folds = StratifiedKFold::new(3).split(y.view(), None)?;
/// assert_eq!(folds.len(), 3);
/// for fold in &folds {
///     assert_eq!(fold.test.iter().filter(|&&i| y[i] == 1).count(), 1);
/// }
/// # Ok::<(), learnkit::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot split targets of type `{T}`",
    note = "a stratified splitter needs class labels; for float targets (a regressor) pass a `KFold`, e.g. `.cv(KFold::new(5))`"
)]
pub trait Splitter<T>: Sync {
    /// The folds for targets `y` (one per row) and optional `groups`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a bad setting or more splits than the
    /// data allows; [`Error::TooLarge`] when the folds (`n_splits` lists of
    /// row indices) could not be held in memory; see each splitter.
    fn split(&self, y: ArrayView1<'_, T>, groups: Option<ArrayView1<'_, usize>>) -> Result<Vec<Fold>>;
}

impl<T, S: Splitter<T> + ?Sized> Splitter<T> for &S {
    fn split(&self, y: ArrayView1<'_, T>, groups: Option<ArrayView1<'_, usize>>) -> Result<Vec<Fold>> {
        (**self).split(y, groups)
    }
}

/// Folds from a test-fold assignment: fold `f` tests the rows with
/// `assignment[i] == f` and trains on all others, both in row order.
pub(super) fn folds_from_assignment(name: &'static str, assignment: &[usize], n_splits: usize) -> Result<Vec<Fold>> {
    check_folds_fit(name, n_splits, assignment.len())?;
    Ok((0..n_splits)
        .map(|f| {
            let (test, train): (Vec<usize>, Vec<usize>) = (0..assignment.len()).partition(|&i| assignment[i] == f);
            Fold { train, test }
        })
        .collect())
}

/// Checks `n_splits ≥ 2` (a parameter error) and `n_splits ≤ n_samples`
/// (an input error: the setting is fine, the data too small for it).
pub(super) fn check_n_splits(name: &'static str, n_splits: usize, n_samples: usize) -> Result<()> {
    if n_splits < 2 {
        return Err(Error::invalid_parameter(name, "n_splits", "at least 2", n_splits));
    }
    if n_splits > n_samples {
        return Err(Error::invalid_input(
            name,
            format!("cannot make n_splits={n_splits} folds of {n_samples} samples: needs at least one sample per fold"),
        ));
    }
    Ok(())
}

/// Checks that `n_splits` folds holding `rows_per_fold` row indices each
/// (train and test together) can be materialised, before any is made: the
/// byte count is computed with checked arithmetic and must be granted by
/// the allocator ([`Error::TooLarge`] otherwise, scikit-learn's
/// `MemoryError`). Every splitter calls it once its counts are known, so an
/// absurd `n_splits` is an error at once rather than a hang or an abort.
pub(super) fn check_folds_fit(name: &'static str, n_splits: usize, rows_per_fold: usize) -> Result<()> {
    let per_fold = (std::mem::size_of::<Fold>() as u128)
        .saturating_add((rows_per_fold as u128).saturating_mul(std::mem::size_of::<usize>() as u128));
    crate::alloc::check_fits(
        name,
        || format!("{n_splits} folds of {rows_per_fold} row indices each"),
        (n_splits as u128).saturating_mul(per_fold),
    )
}

/// scikit-learn refuses a `random_state` that would have no effect.
pub(super) fn check_shuffle_seed(name: &'static str, shuffle: bool, random_state: Option<u64>) -> Result<()> {
    match random_state {
        Some(seed) if !shuffle => Err(Error::invalid_parameter(
            name,
            "random_state",
            "unset when shuffle is false (it would have no effect)",
            seed,
        )),
        _ => Ok(()),
    }
}
