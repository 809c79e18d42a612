//! [`Columns`]: which columns of the input a
//! [`ColumnTransformer`](super::ColumnTransformer) step takes, and their
//! resolution to indices when it is fitted.

use crate::error::{Error, Result};
use std::ops::{Range, RangeFrom, RangeFull, RangeTo};

/// The columns a [`ColumnTransformer`](super::ColumnTransformer) step takes,
/// as scikit-learn's column specifications: indices, a slice, or names.
///
/// Most values convert: `vec![0, 2]` or `[0, 2]` (indices), `1..3`, `2..`,
/// `..2`, `..` (a slice), `["age", "fnlwgt"]` or `vec!["age"]` (names).
///
/// # Example
/// ```
/// use learnkit::compose::Columns;
/// assert_eq!(Columns::from([3, 1]), Columns::Indices(vec![3, 1]));
/// assert_eq!(Columns::from(2..), Columns::Range { start: 2, end: None });
/// assert_eq!(Columns::from(["age"]), Columns::Names(vec!["age".to_string()]));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Columns {
    /// These 0-based column indices, in this order (repeats allowed); each
    /// must be below the number of columns of `X`.
    Indices(Vec<usize>),
    /// The columns `start..end` (`end` `None`: to the last column), clamped
    /// to the width of `X` as a Python slice is, so it may select nothing.
    Range {
        /// The first column.
        start: usize,
        /// One past the last column; `None` for every column from `start`.
        end: Option<usize>,
    },
    /// The columns with these names, in this order, among the names given to
    /// [`ColumnTransformer::feature_names`](super::ColumnTransformer::feature_names).
    Names(Vec<String>),
}

impl From<Vec<usize>> for Columns {
    fn from(indices: Vec<usize>) -> Self {
        Columns::Indices(indices)
    }
}

impl From<&[usize]> for Columns {
    fn from(indices: &[usize]) -> Self {
        Columns::Indices(indices.to_vec())
    }
}

impl<const N: usize> From<[usize; N]> for Columns {
    fn from(indices: [usize; N]) -> Self {
        Columns::Indices(indices.to_vec())
    }
}

impl From<Range<usize>> for Columns {
    fn from(range: Range<usize>) -> Self {
        Columns::Range {
            start: range.start,
            end: Some(range.end),
        }
    }
}

impl From<RangeFrom<usize>> for Columns {
    fn from(range: RangeFrom<usize>) -> Self {
        Columns::Range {
            start: range.start,
            end: None,
        }
    }
}

impl From<RangeTo<usize>> for Columns {
    fn from(range: RangeTo<usize>) -> Self {
        Columns::Range {
            start: 0,
            end: Some(range.end),
        }
    }
}

impl From<RangeFull> for Columns {
    fn from(_: RangeFull) -> Self {
        Columns::Range { start: 0, end: None }
    }
}

impl From<Vec<String>> for Columns {
    fn from(names: Vec<String>) -> Self {
        Columns::Names(names)
    }
}

impl From<Vec<&str>> for Columns {
    fn from(names: Vec<&str>) -> Self {
        Columns::Names(names.into_iter().map(str::to_owned).collect())
    }
}

impl<const N: usize> From<[&str; N]> for Columns {
    fn from(names: [&str; N]) -> Self {
        Columns::Names(names.iter().map(|n| (*n).to_owned()).collect())
    }
}

impl Columns {
    /// The 0-based indices this selects in an input of `n_features` columns
    /// named `names` (when given), for step `step` (named in errors).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the step and the column for an index
    /// out of range, an unknown name, or names without `feature_names`.
    ///
    /// # Example
    /// ```
    /// use learnkit::compose::Columns;
    /// let names = ["a".to_string(), "b".to_string(), "c".to_string()];
    /// assert_eq!(Columns::from(1..).resolve("s", 3, None)?, vec![1, 2]);
    /// assert_eq!(Columns::from(5..9).resolve("s", 3, None)?, Vec::<usize>::new()); // clamped
    /// assert_eq!(Columns::from(["c", "a"]).resolve("s", 3, Some(&names))?, vec![2, 0]);
    /// assert!(Columns::from([3]).resolve("s", 3, None).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn resolve(&self, step: &str, n_features: usize, names: Option<&[String]>) -> Result<Vec<usize>> {
        match self {
            Columns::Indices(indices) => match indices.iter().find(|&&j| j >= n_features) {
                Some(&j) => Err(Error::invalid_parameter(
                    NAME,
                    "transformers",
                    format!("column indices below {n_features} (the number of columns of X) in step {step:?}"),
                    j,
                )),
                None => Ok(indices.clone()),
            },
            Columns::Range { start, end } => {
                let end = end.unwrap_or(n_features).min(n_features);
                Ok((*start.min(&end)..end).collect())
            }
            Columns::Names(wanted) => {
                let Some(names) = names else {
                    return Err(Error::invalid_parameter(
                        NAME,
                        "feature_names",
                        format!("set (ColumnTransformer::feature_names) to select columns by name in step {step:?}"),
                        wanted,
                    ));
                };
                wanted
                    .iter()
                    .map(|name| {
                        names.iter().position(|n| n == name).ok_or_else(|| {
                            Error::invalid_parameter(
                                NAME,
                                "transformers",
                                format!("column names among feature_names in step {step:?}"),
                                name,
                            )
                        })
                    })
                    .collect()
            }
        }
    }
}

const NAME: &str = "ColumnTransformer";
