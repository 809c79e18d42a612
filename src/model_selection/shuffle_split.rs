//! Random-permutation splitters: [`ShuffleSplit`] and
//! [`StratifiedShuffleSplit`]. Sizes and per-class counts follow
//! scikit-learn's algorithms; the permutations come from learnkit's seeded
//! generator (not NumPy's), so the members differ from scikit-learn's.

use super::split::{SplitSize, Strata, split_sizes, stratified_indices};
use super::splitter::{Fold, Splitter, check_folds_fit};
use crate::error::{Error, Result};
use crate::float::Label;
use ndarray::ArrayView1;
use rand::seq::SliceRandom;

/// Generates what both shuffle splitters share besides their docs and
/// `split`: `Default` (10 splits, sizes unset, no seed), `new`, and the
/// setters with their doctests.
macro_rules! shuffle_split_builder {
    ($ty:ident) => {
        impl Default for $ty {
            fn default() -> Self {
                $ty {
                    n_splits: 10,
                    test_size: None,
                    train_size: None,
                    random_state: None,
                }
            }
        }

        impl $ty {
            /// `n_splits` splits, other settings at their defaults.
            ///
            /// # Example
            /// ```
            #[doc = concat!("assert_eq!(learnkit::model_selection::", stringify!($ty), "::new(3).n_splits, 3);")]
            /// ```
            pub fn new(n_splits: usize) -> Self {
                $ty {
                    n_splits,
                    ..Self::default()
                }
            }

            /// Sets `test_size`: a fraction (rounded up) or a count of rows.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::model_selection::{", stringify!($ty), ", SplitSize};")]
            #[doc = concat!("let cv = ", stringify!($ty), "::default().test_size(Some(SplitSize::Count(2)));")]
            /// assert_eq!(cv.test_size, Some(SplitSize::Count(2)));
            /// ```
            pub fn test_size(mut self, test_size: Option<SplitSize>) -> Self {
                self.test_size = test_size;
                self
            }

            /// Sets `train_size`: a fraction (rounded down) or a count of rows.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::model_selection::{", stringify!($ty), ", SplitSize};")]
            #[doc = concat!("let cv = ", stringify!($ty), "::default().train_size(Some(SplitSize::Fraction(0.5)));")]
            /// assert_eq!(cv.train_size, Some(SplitSize::Fraction(0.5)));
            /// ```
            pub fn train_size(mut self, train_size: Option<SplitSize>) -> Self {
                self.train_size = train_size;
                self
            }
        }

        setters!($ty in "learnkit::model_selection" { n_splits: usize = 3; });
        random_state_setter!($ty in "learnkit::model_selection");
    };
}

/// `n_splits` independent random splits; each test set is drawn first from a
/// fresh permutation and the training set follows it, as scikit-learn's
/// `ShuffleSplit`. Test sets of different splits may overlap.
///
/// # Hyperparameters
/// - `n_splits` (default 10): at least 1.
/// - `test_size` (default `None`: 0.1 of the rows when `train_size` is unset too,
///   else the complement), `train_size` (default `None`: the complement):
///   a [`SplitSize`] fraction (test rounded up, train down) or count.
/// - `random_state` (default `None`: fresh entropy).
///
/// # Errors
/// [`Error::InvalidParameter`] for `n_splits = 0` or sizes out of range, as
/// [`train_test_split`](super::train_test_split); [`Error::EmptyInput`] for no rows;
/// [`Error::TooLarge`] when the `n_splits` folds (each holding its own
/// `n_train + n_test` indices) could not all be held in memory: an absurd
/// `n_splits` such as `usize::MAX` is refused at once, before any split is
/// drawn (scikit-learn, a generator, would loop forever instead).
///
/// ```
/// use learnkit::model_selection::{ShuffleSplit, Splitter};
/// let err = ShuffleSplit::new(usize::MAX).split(ndarray::Array1::<f64>::zeros(6).view(), None).unwrap_err();
/// assert!(matches!(err, learnkit::Error::TooLarge { .. }));
/// ```
///
/// # Example
/// ```
/// use learnkit::model_selection::{ShuffleSplit, SplitSize, Splitter};
/// use ndarray::Array1;
/// let cv = ShuffleSplit::new(3).test_size(Some(SplitSize::Fraction(0.25))).random_state(0);
/// let folds = cv.split(Array1::<f64>::zeros(10).view(), None)?;
/// assert!(folds.iter().all(|f| f.test.len() == 3 && f.train.len() == 7));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ShuffleSplit {
    /// Number of splits.
    pub n_splits: usize,
    /// Size of each test set.
    pub test_size: Option<SplitSize>,
    /// Size of each training set.
    pub train_size: Option<SplitSize>,
    /// Seed of the permutations.
    pub random_state: Option<u64>,
}

shuffle_split_builder!(ShuffleSplit);

/// The checks and set sizes both splitters start with: `(n_train, n_test)`
/// for `n` rows.
fn checked_sizes(
    name: &'static str,
    n_splits: usize,
    test_size: Option<SplitSize>,
    train_size: Option<SplitSize>,
    n: usize,
) -> Result<(usize, usize)> {
    if n_splits == 0 {
        return Err(Error::invalid_parameter(name, "n_splits", "at least 1", 0));
    }
    if n == 0 {
        return Err(Error::EmptyInput {
            context: name.into(),
            what: "there are 0 rows",
        });
    }
    let (n_train, n_test) = split_sizes(name, test_size, train_size, n, 0.1)?;
    // Each split holds its own n_train + n_test indices: an n_splits whose
    // folds cannot all be held is refused here, before any is drawn.
    check_folds_fit(name, n_splits, n_train + n_test)?;
    Ok((n_train, n_test))
}

impl<T> Splitter<T> for ShuffleSplit {
    fn split(&self, y: ArrayView1<'_, T>, _groups: Option<ArrayView1<'_, usize>>) -> Result<Vec<Fold>> {
        const NAME: &str = "ShuffleSplit";
        let n = y.len();
        let (n_train, n_test) = checked_sizes(NAME, self.n_splits, self.test_size, self.train_size, n)?;
        let mut rng = crate::random::rng_from(self.random_state);
        let mut permutation: Vec<usize> = (0..n).collect();
        let mut folds = crate::alloc::try_with_capacity(NAME, || format!("{} folds", self.n_splits), self.n_splits)?;
        for _ in 0..self.n_splits {
            // A fresh permutation of 0..n each time, as before (so the draws are unchanged).
            permutation.iter_mut().enumerate().for_each(|(i, p)| *p = i);
            permutation.shuffle(&mut rng);
            folds.push(Fold {
                test: permutation[..n_test].to_vec(),
                train: permutation[n_test..n_test + n_train].to_vec(),
            });
        }
        Ok(folds)
    }
}

/// [`ShuffleSplit`] that keeps the class proportions of `y` in both sets:
/// per-class counts from scikit-learn's `_approximate_mode`, as its
/// `StratifiedShuffleSplit` (and `train_test_split(stratify=)`).
///
/// # Hyperparameters
/// As [`ShuffleSplit`]: `n_splits` (10), `test_size`, `train_size`, `random_state`.
///
/// # Errors
/// As [`ShuffleSplit`] (an `n_splits` whose folds cannot be held is
/// [`Error::TooLarge`]), and [`Error::InvalidInput`] when a class has a single
/// member, [`Error::InvalidParameter`] when a set is smaller than the number of classes.
///
/// # Example
/// ```
/// use learnkit::model_selection::{StratifiedShuffleSplit, SplitSize, Splitter};
/// use ndarray::Array1;
/// let y = Array1::from_iter((0..20).map(|i| usize::from(i >= 15)));
/// let cv = StratifiedShuffleSplit::new(4).test_size(Some(SplitSize::Count(4))).random_state(0);
/// for fold in cv.split(y.view(), None)? {
///     assert_eq!(fold.test.iter().filter(|&&i| y[i] == 1).count(), 1);
/// }
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct StratifiedShuffleSplit {
    /// Number of splits.
    pub n_splits: usize,
    /// Size of each test set.
    pub test_size: Option<SplitSize>,
    /// Size of each training set.
    pub train_size: Option<SplitSize>,
    /// Seed of the permutations.
    pub random_state: Option<u64>,
}

shuffle_split_builder!(StratifiedShuffleSplit);

impl<T: Label> Splitter<T> for StratifiedShuffleSplit {
    fn split(&self, y: ArrayView1<'_, T>, _groups: Option<ArrayView1<'_, usize>>) -> Result<Vec<Fold>> {
        const NAME: &str = "StratifiedShuffleSplit";
        let n = y.len();
        let (n_train, n_test) = checked_sizes(NAME, self.n_splits, self.test_size, self.train_size, n)?;
        let strata = Strata::new(y);
        let mut rng = crate::random::rng_from(self.random_state);
        let mut folds = crate::alloc::try_with_capacity(NAME, || format!("{} folds", self.n_splits), self.n_splits)?;
        for _ in 0..self.n_splits {
            let (train, test) = stratified_indices(NAME, &strata, n_train, n_test, &mut rng)?;
            folds.push(Fold { train, test });
        }
        Ok(folds)
    }
}
