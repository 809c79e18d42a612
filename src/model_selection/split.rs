//! [`train_test_split`]: one random split of the rows into a training and a
//! test set, optionally stratified by class.

use crate::error::{Error, Result};
use crate::float::Label;
use crate::validation::{check_same_length, encode_labels};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

const NAME: &str = "train_test_split";

/// The size of one side of a split: a fraction of the rows or a number of rows
/// (scikit-learn's float or int `test_size` / `train_size`).
///
/// A fraction of the test set is rounded up (`ceil(fraction * n)`), a fraction
/// of the training set down, as in scikit-learn.
///
/// # Example
/// ```
/// use learnkit::model_selection::SplitSize;
/// assert_eq!(SplitSize::Fraction(0.3).rows(10, true), 3);
/// assert_eq!(SplitSize::Fraction(0.25).rows(10, true), 3); // the test side rounds up
/// assert_eq!(SplitSize::Fraction(0.25).rows(10, false), 2); // the training side rounds down
/// assert_eq!(SplitSize::Count(4).rows(10, true), 4);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SplitSize {
    /// A fraction of the rows, strictly between 0 and 1.
    Fraction(f64),
    /// A number of rows, at least 1 and less than the number of rows.
    Count(usize),
}

impl SplitSize {
    /// The number of rows this size means out of `n_samples`: a fraction is
    /// rounded up for the test side (`is_test`) and down for the training side.
    /// No range check: [`TrainTestSplitter::split`] does that.
    ///
    /// # Example
    /// ```
    /// use learnkit::model_selection::SplitSize;
    /// assert_eq!(SplitSize::Fraction(0.5).rows(5, true), 3);
    /// ```
    pub fn rows(self, n_samples: usize, is_test: bool) -> usize {
        match self {
            SplitSize::Fraction(f) if is_test => (f * n_samples as f64).ceil() as usize,
            SplitSize::Fraction(f) => (f * n_samples as f64).floor() as usize,
            SplitSize::Count(c) => c,
        }
    }

    /// Checks the range alone: a fraction in (0, 1), a count in `1..n_samples`.
    fn validate(self, name: &'static str, parameter: &'static str, n_samples: usize) -> Result<()> {
        match self {
            SplitSize::Fraction(f) if !(f > 0.0 && f < 1.0) => Err(Error::invalid_parameter(
                name,
                parameter,
                "a fraction strictly between 0 and 1",
                f,
            )),
            SplitSize::Count(c) if c == 0 || c >= n_samples => Err(Error::invalid_parameter(
                name,
                parameter,
                format!("a count of rows in 1..{n_samples} (there are {n_samples} rows)"),
                c,
            )),
            _ => Ok(()),
        }
    }
}

/// The four parts of a split, as owned arrays.
///
/// Rows keep their relative order only when `shuffle(false)`; otherwise each
/// part is in random order, as in scikit-learn.
///
/// # Example
/// ```
/// use learnkit::model_selection::train_test_split;
/// use ndarray::array;
///
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let y = array![0, 1, 2, 3];
/// let split = train_test_split(x.view(), y.view()).shuffle(false).split()?;
/// assert_eq!(split.x_train, array![[0.0], [1.0], [2.0]]);
/// assert_eq!(split.y_test, array![3]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TrainTestSplit<F, T> {
    /// Training rows of `x`.
    pub x_train: Array2<F>,
    /// Test rows of `x`.
    pub x_test: Array2<F>,
    /// Training targets, one per row of `x_train`.
    pub y_train: Array1<T>,
    /// Test targets, one per row of `x_test`.
    pub y_test: Array1<T>,
}

/// Stratification labels, already encoded so that the splitter needs no
/// extra type parameter for the label type.
#[derive(Clone, Debug)]
pub(super) struct Strata {
    /// Index of each sample's class in `classes`.
    pub(super) codes: Vec<usize>,
    /// The sorted classes, rendered with `Debug` for error messages.
    pub(super) classes: Vec<String>,
}

impl Strata {
    /// Encodes `labels` (sorted classes, one code per sample).
    pub(super) fn new<L: Label>(labels: ArrayView1<'_, L>) -> Self {
        let (classes, codes) = encode_labels(labels.iter());
        Strata {
            codes,
            classes: classes.iter().map(|c| format!("{c:?}")).collect(),
        }
    }
}

/// Splits `x` and `y` into random train and test subsets, as scikit-learn's
/// `train_test_split`.
///
/// Returns a [`TrainTestSplitter`]: set the options, then call
/// [`split`](TrainTestSplitter::split). `x` may hold any cloneable element
/// (usually `f32`/`f64`) and is not checked for finiteness; rows are copied
/// into the owned parts.
///
/// # Options (defaults as scikit-learn)
/// - `test_size` (default `0.25` when neither size is set): a fraction, or
///   `test_count` for a number of rows.
/// - `train_size` / `train_count` (default: the complement of the test set).
/// - `shuffle` (default `true`), `random_state` (default: a fresh seed),
///   `stratify` (default none).
///
/// # Errors
/// [`Error::ShapeMismatch`] when `y` or the stratify labels do not have one
/// entry per row of `x`; [`Error::EmptyInput`] for an `x` with no rows;
/// [`Error::InvalidParameter`] for a size out of range, sizes that leave the
/// training or test set empty or sum to more than the rows, a stratified test
/// or training set smaller than the number of classes, or `stratify` with
/// `shuffle(false)`; [`Error::InvalidInput`] when a stratify class has a single
/// member.
///
/// # Example
/// ```
/// use learnkit::model_selection::train_test_split;
/// use ndarray::{Array1, Array2};
///
/// let x = Array2::from_shape_fn((10, 2), |(i, j)| (i * 2 + j) as f64);
/// let y = Array1::from_iter((0..10).map(|i| i % 2));
/// let split = train_test_split(x.view(), y.view())
///     .test_size(0.2)
///     .random_state(42)
///     .stratify(y.view())
///     .split()?;
/// assert_eq!(split.x_train.nrows(), 8);
/// assert_eq!(split.y_test.len(), 2);
/// assert_eq!(split.y_test.iter().filter(|&&c| c == 1).count(), 1); // one of each class
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn train_test_split<'a, F: Clone, T: Clone>(
    x: ArrayView2<'a, F>,
    y: ArrayView1<'a, T>,
) -> TrainTestSplitter<'a, F, T> {
    TrainTestSplitter {
        x,
        y,
        test_size: None,
        train_size: None,
        shuffle: true,
        random_state: None,
        strata: None,
    }
}

/// The options of one [`train_test_split`]; see there.
///
/// # Example
/// ```
/// use learnkit::model_selection::train_test_split;
/// use ndarray::array;
///
/// let x = array![[1.0], [2.0], [3.0], [4.0], [5.0]];
/// let y = array![1.0, 2.0, 3.0, 4.0, 5.0];
/// let split = train_test_split(x.view(), y.view()).test_count(2).random_state(0).split()?;
/// assert_eq!((split.x_train.nrows(), split.x_test.nrows()), (3, 2));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use = "a TrainTestSplitter does nothing until `split` is called"]
pub struct TrainTestSplitter<'a, F, T> {
    x: ArrayView2<'a, F>,
    y: ArrayView1<'a, T>,
    test_size: Option<SplitSize>,
    train_size: Option<SplitSize>,
    shuffle: bool,
    random_state: Option<u64>,
    /// `Err` keeps a wrong-length stratify input until `split` can report it.
    strata: Option<std::result::Result<Strata, usize>>,
}

impl<'a, F: Clone, T: Clone> TrainTestSplitter<'a, F, T> {
    /// Sets the test set to a fraction of the rows, strictly between 0 and 1
    /// (scikit-learn's float `test_size`); rounded up.
    ///
    /// # Example
    /// ```
    /// use learnkit::model_selection::train_test_split;
    /// use ndarray::{Array1, Array2};
    /// let (x, y) = (Array2::<f64>::zeros((10, 1)), Array1::<u8>::zeros(10));
    /// let split = train_test_split(x.view(), y.view()).test_size(0.25).random_state(0).split()?;
    /// assert_eq!(split.x_test.nrows(), 3); // ceil(2.5)
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn test_size(mut self, fraction: f64) -> Self {
        self.test_size = Some(SplitSize::Fraction(fraction));
        self
    }

    /// Sets the test set to a number of rows (scikit-learn's int `test_size`).
    ///
    /// # Example
    /// ```
    /// use learnkit::model_selection::train_test_split;
    /// use ndarray::{Array1, Array2};
    /// let (x, y) = (Array2::<f64>::zeros((10, 1)), Array1::<u8>::zeros(10));
    /// let split = train_test_split(x.view(), y.view()).test_count(4).random_state(0).split()?;
    /// assert_eq!(split.x_test.nrows(), 4);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn test_count(mut self, rows: usize) -> Self {
        self.test_size = Some(SplitSize::Count(rows));
        self
    }

    /// Sets the training set to a fraction of the rows (scikit-learn's float
    /// `train_size`); rounded down. Without a test size, the test set is the rest.
    ///
    /// # Example
    /// ```
    /// use learnkit::model_selection::train_test_split;
    /// use ndarray::{Array1, Array2};
    /// let (x, y) = (Array2::<f64>::zeros((10, 1)), Array1::<u8>::zeros(10));
    /// let split = train_test_split(x.view(), y.view()).train_size(0.5).test_size(0.2).random_state(0).split()?;
    /// assert_eq!((split.x_train.nrows(), split.x_test.nrows()), (5, 2));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn train_size(mut self, fraction: f64) -> Self {
        self.train_size = Some(SplitSize::Fraction(fraction));
        self
    }

    /// Sets the training set to a number of rows (scikit-learn's int `train_size`).
    ///
    /// # Example
    /// ```
    /// use learnkit::model_selection::train_test_split;
    /// use ndarray::{Array1, Array2};
    /// let (x, y) = (Array2::<f64>::zeros((10, 1)), Array1::<u8>::zeros(10));
    /// let split = train_test_split(x.view(), y.view()).train_count(7).random_state(0).split()?;
    /// assert_eq!((split.x_train.nrows(), split.x_test.nrows()), (7, 3));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn train_count(mut self, rows: usize) -> Self {
        self.train_size = Some(SplitSize::Count(rows));
        self
    }

    /// Whether to shuffle before splitting (default `true`). Without shuffling
    /// the first rows train and the last rows test.
    ///
    /// # Example
    /// ```
    /// use learnkit::model_selection::train_test_split;
    /// use ndarray::array;
    /// let (x, y) = (array![[0.0], [1.0], [2.0], [3.0]], array![0, 1, 2, 3]);
    /// let split = train_test_split(x.view(), y.view()).shuffle(false).split()?;
    /// assert_eq!(split.y_train, array![0, 1, 2]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn shuffle(mut self, shuffle: bool) -> Self {
        self.shuffle = shuffle;
        self
    }

    /// Seeds the shuffle: the same seed gives the same split. Without it each
    /// call draws a fresh seed from the operating system.
    ///
    /// # Example
    /// ```
    /// use learnkit::model_selection::train_test_split;
    /// use ndarray::{Array1, Array2};
    /// let x = Array2::from_shape_fn((20, 1), |(i, _)| i as f64);
    /// let y = Array1::from_iter(0..20);
    /// let a = train_test_split(x.view(), y.view()).random_state(7).split()?;
    /// let b = train_test_split(x.view(), y.view()).random_state(7).split()?;
    /// assert_eq!(a, b);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn random_state(mut self, seed: u64) -> Self {
        self.random_state = Some(seed);
        self
    }

    /// Splits so that each class of `labels` (one per row, usually `y`) has
    /// the same proportion in both sets, as scikit-learn's `stratify=`
    /// (the allocation of its `StratifiedShuffleSplit`).
    ///
    /// # Example
    /// ```
    /// use learnkit::model_selection::train_test_split;
    /// use ndarray::{Array1, Array2};
    /// let x = Array2::<f64>::zeros((12, 1));
    /// let y = Array1::from_iter((0..12).map(|i| if i < 8 { "a" } else { "b" }));
    /// let split = train_test_split(x.view(), y.view()).test_size(0.25).stratify(y.view()).random_state(1).split()?;
    /// assert_eq!(split.y_test.iter().filter(|&&c| c == "b").count(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn stratify<L: Label>(mut self, labels: ArrayView1<'_, L>) -> Self {
        self.strata = Some(if labels.len() == self.x.nrows() {
            Ok(Strata::new(labels))
        } else {
            Err(labels.len())
        });
        self
    }

    /// The row indices of the training and the test set, without copying
    /// any data; [`split`](Self::split) selects these rows.
    ///
    /// # Errors
    /// As [`train_test_split`].
    ///
    /// # Example
    /// ```
    /// use learnkit::model_selection::train_test_split;
    /// use ndarray::array;
    /// let (x, y) = (array![[0.0], [1.0], [2.0], [3.0]], array![0, 1, 2, 3]);
    /// let (train, test) = train_test_split(x.view(), y.view()).shuffle(false).split_indices()?;
    /// assert_eq!((train, test), (vec![0, 1, 2], vec![3]));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn split_indices(&self) -> Result<(Vec<usize>, Vec<usize>)> {
        let n = self.x.nrows();
        check_same_length(NAME, "number of targets vs rows of X", n, self.y.len())?;
        if let Some(Err(len)) = self.strata {
            check_same_length(NAME, "stratify labels vs rows of X", n, len)?;
        }
        if n == 0 {
            return Err(Error::EmptyInput {
                context: NAME.into(),
                what: "X has 0 rows",
            });
        }
        let (n_train, n_test) = split_sizes(NAME, self.test_size, self.train_size, n, 0.25)?;
        let mut rng = crate::random::rng_from(self.random_state);
        match &self.strata {
            Some(Ok(strata)) => {
                if !self.shuffle {
                    return Err(Error::invalid_parameter(
                        NAME,
                        "stratify",
                        "unset when shuffle is false (a stratified split must shuffle)",
                        "labels",
                    ));
                }
                stratified_indices(NAME, strata, n_train, n_test, &mut rng)
            }
            _ if !self.shuffle => Ok(((0..n_train).collect(), (n_train..n_train + n_test).collect())),
            _ => {
                let mut permutation: Vec<usize> = (0..n).collect();
                permutation.shuffle(&mut rng);
                // As scikit-learn's ShuffleSplit: the test rows come first.
                let test = permutation[..n_test].to_vec();
                let train = permutation[n_test..n_test + n_train].to_vec();
                Ok((train, test))
            }
        }
    }

    /// Performs the split and copies the rows into the four parts.
    ///
    /// # Errors
    /// As [`train_test_split`].
    ///
    /// # Example
    /// ```
    /// use learnkit::model_selection::train_test_split;
    /// use ndarray::{Array1, Array2};
    /// let x = Array2::from_shape_fn((8, 3), |(i, j)| (i * 3 + j) as f32);
    /// let y = Array1::from_iter(0..8);
    /// let split = train_test_split(x.view(), y.view()).random_state(3).split()?;
    /// // each row travels with its target
    /// for (row, &target) in split.x_test.outer_iter().zip(&split.y_test) {
    ///     assert_eq!(row[0], (target * 3) as f32);
    /// }
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn split(&self) -> Result<TrainTestSplit<F, T>> {
        let (train, test) = self.split_indices()?;
        Ok(TrainTestSplit {
            x_train: self.x.select(Axis(0), &train),
            x_test: self.x.select(Axis(0), &test),
            y_train: self.y.select(Axis(0), &train),
            y_test: self.y.select(Axis(0), &test),
        })
    }
}

/// The number of training and test rows, as scikit-learn's
/// `_validate_shuffle_split`; `default_test` is the test fraction when
/// neither size is set (0.25 for `train_test_split`, 0.1 for `ShuffleSplit`).
pub(super) fn split_sizes(
    name: &'static str,
    test_size: Option<SplitSize>,
    train_size: Option<SplitSize>,
    n: usize,
    default_test: f64,
) -> Result<(usize, usize)> {
    let explicit_test = test_size;
    let test_size = match (test_size, train_size) {
        (None, None) => Some(SplitSize::Fraction(default_test)),
        (test, _) => test,
    };
    if let Some(test) = test_size {
        test.validate(name, "test_size", n)?;
    }
    if let Some(train) = train_size {
        train.validate(name, "train_size", n)?;
    }
    if let (Some(SplitSize::Fraction(test)), Some(SplitSize::Fraction(train))) = (test_size, train_size) {
        if train + test > 1.0 {
            return Err(Error::invalid_parameter(
                name,
                "train_size",
                format!("at most 1 - test_size = {}", 1.0 - test),
                train,
            ));
        }
    }
    let n_test = test_size.map(|t| t.rows(n, true));
    let n_train = train_size.map(|t| t.rows(n, false));
    let (n_train, n_test) = match (n_train, n_test) {
        (Some(train), Some(test)) => (train, test),
        (None, Some(test)) => (n.saturating_sub(test), test),
        (Some(train), None) => (train, n - train),
        (None, None) => unreachable!("test_size defaults to 0.25"),
    };
    let size_value = || format!("{:?} (with train_size {:?})", test_size, train_size);
    if n_train + n_test > n {
        return Err(Error::invalid_parameter(
            name,
            "test_size",
            format!(
                "such that train and test rows together are at most the {n} rows, not {}",
                n_train + n_test
            ),
            size_value(),
        ));
    }
    if n_train == 0 {
        // Blame the size the caller set: a training fraction rounding down
        // to nothing, or else a test size taking every row.
        let parameter = match (train_size, explicit_test) {
            (Some(_), None) => "train_size",
            _ => "test_size",
        };
        return Err(Error::invalid_parameter(
            name,
            parameter,
            format!("small enough to leave at least one of the {n} rows for training"),
            size_value(),
        ));
    }
    if n_test == 0 {
        return Err(Error::invalid_parameter(
            name,
            "test_size",
            format!("large enough to give at least one of the {n} rows for testing"),
            size_value(),
        ));
    }
    Ok((n_train, n_test))
}

/// scikit-learn's `StratifiedShuffleSplit` for one split: per-class train and
/// test counts from `approximate_mode`, then a random choice within each class.
pub(super) fn stratified_indices(
    name: &'static str,
    strata: &Strata,
    n_train: usize,
    n_test: usize,
    rng: &mut StdRng,
) -> Result<(Vec<usize>, Vec<usize>)> {
    let n_classes = strata.classes.len();
    let mut class_indices: Vec<Vec<usize>> = vec![Vec::new(); n_classes];
    for (i, &c) in strata.codes.iter().enumerate() {
        class_indices[c].push(i);
    }
    let class_counts: Vec<usize> = class_indices.iter().map(Vec::len).collect();
    let too_few: Vec<&str> = class_counts
        .iter()
        .zip(&strata.classes)
        .filter(|(count, _)| **count < 2)
        .map(|(_, class)| class.as_str())
        .collect();
    if !too_few.is_empty() {
        return Err(Error::invalid_input(
            name,
            format!(
                "the least populated classes in stratify have only 1 member, which is too few to put one \
                 in each set; classes with too few members: [{}]",
                too_few.join(", ")
            ),
        ));
    }
    if n_train < n_classes {
        return Err(Error::invalid_parameter(
            name,
            "train_size",
            format!("at least the number of stratify classes ({n_classes}) training rows"),
            n_train,
        ));
    }
    if n_test < n_classes {
        return Err(Error::invalid_parameter(
            name,
            "test_size",
            format!("at least the number of stratify classes ({n_classes}) test rows"),
            n_test,
        ));
    }
    let train_counts = approximate_mode(&class_counts, n_train, rng);
    let remaining: Vec<usize> = class_counts.iter().zip(&train_counts).map(|(c, t)| c - t).collect();
    let test_counts = approximate_mode(&remaining, n_test, rng);
    let mut train = Vec::with_capacity(n_train);
    let mut test = Vec::with_capacity(n_test);
    for ((mut indices, n_i), t_i) in class_indices.into_iter().zip(train_counts).zip(test_counts) {
        indices.shuffle(rng);
        train.extend_from_slice(&indices[..n_i.min(indices.len())]);
        // `min` as scikit-learn's `mode="clip"`: approximate_mode never asks
        // for more rows than a class has, but a slice must not be trusted to it.
        test.extend_from_slice(&indices[n_i.min(indices.len())..(n_i + t_i).min(indices.len())]);
    }
    train.shuffle(rng);
    test.shuffle(rng);
    Ok((train, test))
}

/// scikit-learn's `_approximate_mode`: split `n_draws` among classes in
/// proportion to `class_counts`, flooring, then giving the leftover draws to
/// the classes with the largest remainders, ties broken at random (so that no
/// class is favoured by its position). Never gives a class more than it has.
fn approximate_mode(class_counts: &[usize], n_draws: usize, rng: &mut impl Rng) -> Vec<usize> {
    let total: usize = class_counts.iter().sum();
    let continuous: Vec<f64> = class_counts
        .iter()
        .map(|&c| c as f64 / total as f64 * n_draws as f64)
        .collect();
    let mut floored: Vec<usize> = continuous.iter().map(|c| c.floor() as usize).collect();
    let mut need_to_add = n_draws.saturating_sub(floored.iter().sum());
    if need_to_add > 0 {
        let remainder: Vec<f64> = continuous.iter().zip(&floored).map(|(c, &f)| c - f as f64).collect();
        let mut values = remainder.clone();
        values.sort_by(|a, b| b.total_cmp(a));
        values.dedup();
        for value in values {
            let tied: Vec<usize> = (0..remainder.len()).filter(|&i| remainder[i] == value).collect();
            let add_now = tied.len().min(need_to_add);
            for pick in rand::seq::index::sample(rng, tied.len(), add_now) {
                floored[tied[pick]] += 1;
            }
            need_to_add -= add_now;
            if need_to_add == 0 {
                break;
            }
        }
    }
    floored
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn approximate_mode_matches_scikit_learn_examples() {
        let mut rng = StdRng::seed_from_u64(0);
        assert_eq!(approximate_mode(&[5, 2], 4, &mut rng), vec![3, 1]);
        // [2, 2, 2, 1] with 2 draws: two of the three tied classes get one each.
        let counts = approximate_mode(&[2, 2, 2, 1], 2, &mut rng);
        assert_eq!(counts.iter().sum::<usize>(), 2);
        assert_eq!(counts[3], 0);
        assert!(counts.iter().all(|&c| c <= 1));
    }

    #[test]
    fn approximate_mode_never_exceeds_class_counts() {
        let mut rng = StdRng::seed_from_u64(5);
        for n_draws in 0..=10 {
            let counts = approximate_mode(&[1, 3, 6], n_draws, &mut rng);
            assert_eq!(counts.iter().sum::<usize>(), n_draws);
            assert!(counts.iter().zip([1, 3, 6]).all(|(&c, max)| c <= max));
        }
    }
}
