//! Category discovery shared by [`OneHotEncoder`](super::OneHotEncoder) and
//! [`OrdinalEncoder`](super::OrdinalEncoder): the `categories`,
//! `min_frequency` and `max_categories` parameters, the sorted categories of
//! each column (`NaN`, the missing value, is its own category sorted last, as
//! in scikit-learn), their counts, and the grouping of infrequent categories.

use crate::error::{Error, Result};
use crate::float::Float;
use crate::validation::check_array_with_missing;
use ndarray::{Array1, ArrayView1, ArrayView2};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// How the categories of each column are determined (scikit-learn's
/// `categories`).
///
/// # Example
/// ```
/// use learnkit::preprocessing::Categories;
/// let explicit = Categories::Explicit(vec![vec![0.0, 1.0, 2.0], vec![1.0, f64::NAN]]);
/// assert_ne!(explicit, Categories::Auto);
/// assert_eq!(Categories::default(), Categories::Auto);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Categories {
    /// The sorted distinct values of each column seen in `fit` (`NaN` last).
    #[default]
    Auto,
    /// One list per column: strictly increasing finite values, optionally
    /// followed by `NaN` (the missing value as a category).
    Explicit(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::nested"))] Vec<Vec<f64>>),
}

/// Threshold under which a category is infrequent (scikit-learn's
/// `min_frequency`).
///
/// # Example
/// ```
/// use learnkit::preprocessing::MinFrequency;
/// // fewer than 5 samples, or under 1% of the samples
/// let by_count = MinFrequency::Count(5);
/// let by_fraction = MinFrequency::Fraction(0.01);
/// assert_ne!(by_count, by_fraction);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MinFrequency {
    /// Categories seen in fewer than this many samples are infrequent (>= 1).
    Count(usize),
    /// Categories seen in fewer than `fraction × n_samples` samples are
    /// infrequent (strictly between 0 and 1).
    Fraction(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))] f64),
}

from_values!(MinFrequency in "learnkit::preprocessing" { usize => Count = 5; f64 => Fraction = 0.1; } optional);

/// The categories an encoder learned for one column.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(bound = "F: Float"))]
pub(crate) struct ColumnCategories<F> {
    /// Sorted distinct finite values. `NaN` is kept as a flag rather than a
    /// value, since lookups binary-search the values.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    pub values: Vec<F>,
    /// Whether `NaN` is a category (index `values.len()`).
    pub has_missing: bool,
    /// Indices of the infrequent categories, increasing.
    pub infrequent: Vec<usize>,
    /// For each category index (the missing one excluded when the encoder
    /// keeps missing values out of the grouping), its index once the
    /// infrequent categories are merged into one last category; empty when
    /// nothing is infrequent.
    pub grouping: Vec<usize>,
}

impl<F: Float> ColumnCategories<F> {
    /// Number of categories, the missing one included.
    pub fn len(&self) -> usize {
        self.values.len() + usize::from(self.has_missing)
    }

    /// The index of `v` among the categories, if it is one.
    pub fn index_of(&self, v: F) -> Option<usize> {
        if v.is_nan() {
            self.has_missing.then_some(self.values.len())
        } else {
            // Values are finite here (infinities are rejected by validation).
            self.values
                .binary_search_by(|c| c.partial_cmp(&v).expect("categories and inputs are not NaN"))
                .ok()
        }
    }

    /// The category at index `k` (`NaN` for the missing one).
    pub fn value(&self, k: usize) -> F {
        self.values.get(k).copied().unwrap_or_else(F::nan)
    }

    /// The categories as scikit-learn's `categories_[i]` (`NaN` last).
    pub fn to_array(&self) -> Array1<F> {
        (0..self.len()).map(|k| self.value(k)).collect()
    }

    /// The infrequent categories, or `None` (scikit-learn's
    /// `infrequent_categories_[i]`).
    pub fn infrequent_array(&self) -> Option<Array1<F>> {
        (!self.infrequent.is_empty()).then(|| self.infrequent.iter().map(|&k| self.value(k)).collect())
    }

    /// The index of category `k` once infrequent categories are grouped.
    pub fn grouped(&self, k: usize) -> usize {
        self.grouping.get(k).copied().unwrap_or(k)
    }

    /// Number of categories once the infrequent ones are grouped into one.
    pub fn n_grouped(&self) -> usize {
        self.len() - self.infrequent.len().saturating_sub(1)
    }
}

impl<F: Float> crate::persistence::Check for ColumnCategories<F> {
    /// Values finite, sorted and distinct (lookups binary-search them);
    /// infrequent indices sorted and in range; the grouping the one
    /// [`grouping`] derives from them.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::{all_below, ensure, strictly_increasing};
        ensure(self.values.iter().all(|v| v.is_finite()), || {
            "a category is not finite".into()
        })?;
        strictly_increasing("categories", &self.values)?;
        strictly_increasing("infrequent categories", &self.infrequent)?;
        all_below("infrequent categories", &self.infrequent, self.len())?;
        // The missing category is left out of the grouping by some encoders.
        let derivable = [self.len(), self.values.len()]
            .iter()
            .any(|&n| self.infrequent.iter().all(|&k| k < n) && grouping(n, &self.infrequent) == self.grouping);
        ensure(derivable, || {
            "the infrequent grouping disagrees with the infrequent categories".into()
        })
    }
}

/// What an encoder outputs for each input value of one feature, for the
/// ONNX export (which looks the codes up with standard operators): the
/// finite categories and their codes, and the code of `NaN` and of any
/// other (unknown) value. A one-hot encoder's code is its output column
/// (`-1` for none), an ordinal encoder's the encoded value.
#[cfg_attr(not(feature = "onnx"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CategoryCodes {
    /// The finite categories, sorted.
    pub values: Vec<f64>,
    /// The code of each category.
    pub codes: Vec<f64>,
    /// The code of `NaN`.
    pub missing: f64,
    /// The code of a value that is neither a category nor `NaN`.
    pub unknown: f64,
}

/// What an encoder needs from category discovery.
pub(crate) struct Discovery<'a> {
    pub estimator: &'static str,
    pub categories: &'a Categories,
    pub min_frequency: Option<MinFrequency>,
    pub max_categories: Option<usize>,
    /// Whether a value outside explicit categories is an error in `fit`
    /// (`handle_unknown = Error`).
    pub unknown_is_error: bool,
    /// Whether the missing category is left out of the infrequent grouping
    /// (OrdinalEncoder) or counted like any other (OneHotEncoder).
    pub missing_outside_grouping: bool,
}

/// Checks the parameters both encoders share.
fn validate_shared(
    estimator: &'static str,
    categories: &Categories,
    min_frequency: Option<MinFrequency>,
    max_categories: Option<usize>,
) -> Result<()> {
    match min_frequency {
        Some(MinFrequency::Count(0)) => {
            return Err(Error::invalid_parameter(
                estimator,
                "min_frequency",
                "Count(>= 1)",
                min_frequency,
            ));
        }
        Some(MinFrequency::Fraction(f)) if !(f > 0.0 && f < 1.0) => {
            return Err(Error::invalid_parameter(
                estimator,
                "min_frequency",
                "Fraction strictly between 0 and 1",
                min_frequency,
            ));
        }
        _ => {}
    }
    if max_categories == Some(0) {
        return Err(Error::invalid_parameter(
            estimator,
            "max_categories",
            "None or >= 1",
            max_categories,
        ));
    }
    if let Categories::Explicit(lists) = categories {
        for (j, list) in lists.iter().enumerate() {
            let finite = match list.last() {
                None => {
                    return Err(Error::invalid_parameter(
                        estimator,
                        "categories",
                        format!("a non-empty list for every column (column {j} is empty)"),
                        list,
                    ));
                }
                Some(last) if last.is_nan() => &list[..list.len() - 1],
                Some(_) => &list[..],
            };
            if finite.iter().any(|v| !v.is_finite()) || finite.windows(2).any(|w| w[0] >= w[1]) {
                return Err(Error::invalid_parameter(
                    estimator,
                    "categories",
                    format!("strictly increasing finite values, optionally followed by NaN (column {j})"),
                    list,
                ));
            }
        }
    }
    Ok(())
}

impl Discovery<'_> {
    /// What both encoders' `fit` starts with: checks the shared parameters,
    /// then `x` (`NaN` is a missing value), then finds the categories.
    pub fn checked_fit<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Vec<ColumnCategories<F>>> {
        validate_shared(self.estimator, self.categories, self.min_frequency, self.max_categories)?;
        check_array_with_missing(self.estimator, x)?;
        self.fit(x)
    }

    /// The categories of every column of `x` (already validated: not empty,
    /// no infinity), in parallel over columns.
    fn fit<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Vec<ColumnCategories<F>>> {
        if let Categories::Explicit(lists) = self.categories {
            if lists.len() != x.ncols() {
                return Err(Error::ShapeMismatch {
                    context: self.estimator.into(),
                    what: "categories lists vs columns of X",
                    expected: x.ncols(),
                    got: lists.len(),
                });
            }
        }
        let n_samples = x.nrows();
        // Columns of a row-major matrix are strided: one transposed copy
        // makes each column's pass contiguous (a no-op for column-major input).
        let transposed = x.t();
        let columns = transposed.as_standard_layout();
        (0..x.ncols())
            .into_par_iter()
            .map(|j| {
                let column = columns.row(j);
                let (mut cats, counts) = match self.categories {
                    Categories::Auto => discover(column),
                    Categories::Explicit(lists) => self.explicit(column, j, &lists[j])?,
                };
                // The missing category never joins the infrequent group in
                // OrdinalEncoder: its count is left out, as scikit-learn does.
                let grouped_counts = if self.missing_outside_grouping && cats.has_missing {
                    &counts[..counts.len() - 1]
                } else {
                    &counts[..]
                };
                if self.min_frequency.is_some() || self.max_categories.is_some() {
                    cats.infrequent =
                        identify_infrequent(grouped_counts, n_samples, self.min_frequency, self.max_categories);
                    cats.grouping = grouping(grouped_counts.len(), &cats.infrequent);
                }
                Ok(cats)
            })
            .collect()
    }

    /// Counts of explicit categories in `column`; a value outside them is an
    /// error when `handle_unknown` is `Error`, else ignored.
    fn explicit<F: Float>(
        &self,
        column: ArrayView1<'_, F>,
        j: usize,
        list: &[f64],
    ) -> Result<(ColumnCategories<F>, Vec<usize>)> {
        let has_missing = list.last().is_some_and(|v| v.is_nan());
        let values: Vec<F> = list[..list.len() - usize::from(has_missing)]
            .iter()
            .map(|&v| F::cast(v))
            .collect();
        let cats = ColumnCategories {
            values,
            has_missing,
            infrequent: Vec::new(),
            grouping: Vec::new(),
        };
        let mut counts = vec![0usize; cats.len()];
        for (row, &v) in column.iter().enumerate() {
            match cats.index_of(v) {
                Some(k) => counts[k] += 1,
                None if self.unknown_is_error => {
                    return Err(Error::UnknownCategory {
                        context: self.estimator.into(),
                        row,
                        column: j,
                        category: format!("{v:?}"),
                    });
                }
                None => {}
            }
        }
        Ok((cats, counts))
    }
}

/// The sorted distinct values of a column (`NaN` last) and their counts.
///
/// Counts go through a hash map keyed by the value's bits (categorical
/// columns have few distinct values, so this is one cheap pass instead of a
/// sort of the whole column); only the distinct values are sorted.
pub(crate) fn discover<F: Float>(column: ArrayView1<'_, F>) -> (ColumnCategories<F>, Vec<usize>) {
    let mut counts_by_bits: HashMap<u64, (F, usize), BuildHasherDefault<BitsHasher>> = HashMap::default();
    let mut n_missing = 0;
    for &v in column {
        if v.is_nan() {
            n_missing += 1;
        } else {
            // -0.0 and 0.0 are one category, as numpy's unique has them.
            let v = if v == F::zero() { F::zero() } else { v };
            counts_by_bits.entry(v.as_f64().to_bits()).or_insert((v, 0)).1 += 1;
        }
    }
    let mut distinct: Vec<(F, usize)> = counts_by_bits.into_values().collect();
    distinct.sort_unstable_by(|a, b| a.0.partial_cmp(&b.0).expect("NaN counted apart"));
    let (values, mut counts): (Vec<F>, Vec<usize>) = distinct.into_iter().unzip();
    if n_missing > 0 {
        counts.push(n_missing);
    }
    let cats = ColumnCategories {
        values,
        has_missing: n_missing > 0,
        infrequent: Vec::new(),
        grouping: Vec::new(),
    };
    (cats, counts)
}

/// A multiplicative hash of a float's bits (Fx-style): the keys are not
/// attacker-chosen strings but values in the caller's own data, and a
/// SipHash per cell would cost more than the rest of category discovery.
#[derive(Default)]
struct BitsHasher(u64);

impl Hasher for BitsHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, bits: u64) {
        // Mix the high bits (where floats differ most) into the low ones
        // the table indexes with.
        self.0 = (self.0 ^ bits ^ (bits >> 32))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(26);
    }
}

/// scikit-learn's `_identify_infrequent`: categories under `min_frequency`,
/// then, if more than `max_categories` outputs would remain (the infrequent
/// group counting as one), the least frequent ones (stable by index among
/// equal counts) until `max_categories - 1` frequent ones are left.
fn identify_infrequent(
    counts: &[usize],
    n_samples: usize,
    min_frequency: Option<MinFrequency>,
    max_categories: Option<usize>,
) -> Vec<usize> {
    let mut infrequent: Vec<bool> = match min_frequency {
        Some(MinFrequency::Count(min)) => counts.iter().map(|&c| c < min).collect(),
        Some(MinFrequency::Fraction(f)) => counts.iter().map(|&c| (c as f64) < n_samples as f64 * f).collect(),
        None => vec![false; counts.len()],
    };
    let n_current = counts.len() - infrequent.iter().filter(|&&b| b).count() + 1;
    if let Some(max) = max_categories.filter(|&max| max < n_current) {
        let n_frequent = max - 1;
        if n_frequent == 0 {
            infrequent.fill(true);
        } else {
            let mut order: Vec<usize> = (0..counts.len()).collect();
            order.sort_by_key(|&k| counts[k]); // stable, as numpy's mergesort
            for &k in &order[..counts.len().saturating_sub(n_frequent)] {
                infrequent[k] = true;
            }
        }
    }
    infrequent
        .iter()
        .enumerate()
        .filter(|(_, b)| **b)
        .map(|(k, _)| k)
        .collect()
}

/// Index of each category once the infrequent ones are merged into one last
/// category (frequent ones keep their order); empty if none is infrequent.
fn grouping(n_categories: usize, infrequent: &[usize]) -> Vec<usize> {
    if infrequent.is_empty() {
        return Vec::new();
    }
    let n_frequent = n_categories - infrequent.len();
    let mut next = 0;
    (0..n_categories)
        .map(|k| {
            if infrequent.binary_search(&k).is_ok() {
                n_frequent
            } else {
                next += 1;
                next - 1
            }
        })
        .collect()
}

/// A float written as Python's `str` writes it (`1.0`, `0.5`, `1e+16`,
/// `nan`), for scikit-learn's feature names.
pub(crate) fn python_repr<F: Float>(v: F) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > F::zero() { "inf" } else { "-inf" }.into();
    }
    // Rust's `{:e}` gives the shortest round-tripping digits, as Python's
    // repr does; only the layout differs.
    let sci = format!("{v:e}");
    let (mantissa, exp) = sci.split_once('e').expect("`{:e}` has an exponent");
    let exp: i32 = exp.parse().expect("an integer exponent");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let body = if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                format!("{digits}{}.0", "0".repeat(int_len - digits.len()))
            } else {
                format!("{}.{}", &digits[..int_len], &digits[int_len..])
            }
        } else {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        }
    } else {
        let m = if digits.len() == 1 {
            digits
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    };
    format!("{sign}{body}")
}

/// Input feature names: the given ones (one per column) or `x0`, `x1`, ...
pub(crate) fn input_names(
    estimator: &'static str,
    n_features: usize,
    input_names: Option<&[String]>,
) -> Result<Vec<String>> {
    match input_names {
        Some(names) if names.len() != n_features => Err(Error::ShapeMismatch {
            context: estimator.into(),
            what: "input feature names vs features seen in fit",
            expected: n_features,
            got: names.len(),
        }),
        Some(names) => Ok(names.to_vec()),
        None => Ok((0..n_features).map(|j| format!("x{j}")).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_repr_matches_python() {
        for (v, s) in [
            (1.0, "1.0"),
            (0.5, "0.5"),
            (-3.0, "-3.0"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (123456789012345.0, "123456789012345.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.25e-7, "1.25e-07"),
            (0.1, "0.1"),
            (f64::NAN, "nan"),
        ] {
            assert_eq!(python_repr(v), s, "{v}");
        }
        assert_eq!(python_repr(0.1f32), "0.1");
    }

    #[test]
    fn infrequent_by_count_then_max_categories() {
        // counts 5, 1, 3, 1: min 2 makes 1 and 3 infrequent.
        let counts = [5, 1, 3, 1];
        assert_eq!(
            identify_infrequent(&counts, 10, Some(MinFrequency::Count(2)), None),
            vec![1, 3]
        );
        // max 2 outputs: one frequent (the largest) plus the group.
        assert_eq!(identify_infrequent(&counts, 10, None, Some(2)), vec![1, 2, 3]);
        assert_eq!(identify_infrequent(&counts, 10, None, Some(1)), vec![0, 1, 2, 3]);
        assert_eq!(identify_infrequent(&counts, 10, None, Some(5)), Vec::<usize>::new());
        assert_eq!(grouping(4, &[1, 3]), vec![0, 2, 1, 2]);
    }
}
