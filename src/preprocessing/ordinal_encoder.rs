//! [`OrdinalEncoder`]: each category of a feature to its rank `0..n_categories`.

use crate::error::{Error, Result};
use crate::float::Float;
use crate::preprocessing::categories::{Categories, CategoryCodes, ColumnCategories, Discovery, MinFrequency};
use crate::preprocessing::rows::map_rows;
use crate::traits::{Estimator, InverseTransformer, Transformer};
use crate::validation::check_predict_input_with_missing;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

const NAME: &str = "OrdinalEncoder";

/// A value written by [`OrdinalEncoder`] for missing or unknown categories:
/// `NaN` or an integer code (scikit-learn's `encoded_missing_value` and
/// `unknown_value`).
///
/// # Example
/// ```
/// use learnkit::preprocessing::EncodedValue;
/// assert_eq!(EncodedValue::default(), EncodedValue::Nan);
/// assert_ne!(EncodedValue::Code(-1), EncodedValue::Nan);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum EncodedValue {
    /// `NaN`.
    #[default]
    Nan,
    /// An integer code; it must not be the code of a known category.
    Code(i64),
}

from_values!(EncodedValue in "learnkit::preprocessing" { i64 => Code = -1; });

impl EncodedValue {
    fn to_float<F: Float>(self) -> F {
        match self {
            EncodedValue::Nan => F::nan(),
            EncodedValue::Code(c) => F::cast(c as f64),
        }
    }

    fn matches<F: Float>(self, v: F) -> bool {
        match self {
            EncodedValue::Nan => v.is_nan(),
            EncodedValue::Code(c) => v == F::cast(c as f64),
        }
    }

    /// Whether this is a code `0 <= c < cardinality`.
    fn collides(self, cardinality: usize) -> bool {
        matches!(self, EncodedValue::Code(c) if c >= 0 && (c as u64) < cardinality as u64)
    }
}

/// What [`OrdinalEncoder`] does with a category not seen in fit (scikit-learn's
/// `handle_unknown` with `unknown_value`).
///
/// # Example
/// ```
/// use learnkit::preprocessing::{EncodedValue, OrdinalUnknown};
/// let lenient = OrdinalUnknown::UseEncodedValue(EncodedValue::Code(-1));
/// assert_ne!(lenient, OrdinalUnknown::Error);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum OrdinalUnknown {
    /// [`Error::UnknownCategory`] naming the row, column and value.
    #[default]
    Error,
    /// Write this value instead.
    UseEncodedValue(EncodedValue),
}

/// Encodes each feature's categories as integer codes `0..n_categories` in
/// sorted order, as scikit-learn's `OrdinalEncoder` (output in the input's
/// float type).
///
/// `NaN` is the missing value: it stays `NaN` by default
/// (`encoded_missing_value`), or gets a chosen code. Categories under
/// `min_frequency`, or beyond the `max_categories` most frequent, share one
/// last code (the missing value never joins them, as in scikit-learn).
/// Categories are found in parallel over columns and rows are encoded in
/// parallel over row chunks.
///
/// Unsupervised: as a [`Pipeline`](crate::compose::Pipeline) step it ignores
/// the targets.
///
/// # Hyperparameters
/// - `categories` (default [`Categories::Auto`]).
/// - `handle_unknown` (default [`OrdinalUnknown::Error`]).
/// - `encoded_missing_value` (default [`EncodedValue::Nan`]).
/// - `min_frequency` (default `None`), `max_categories` (default `None`, else >= 1).
///
/// # Fitted attributes
/// [`categories`](FittedOrdinalEncoder::categories),
/// [`infrequent_categories`](FittedOrdinalEncoder::infrequent_categories),
/// [`n_features_in`](FittedOrdinalEncoder::n_features_in).
///
/// # Errors
/// [`Error::InvalidParameter`] for bad parameters (also found in fit: an
/// `unknown_value` or `encoded_missing_value` that is the code of a known
/// category), [`Error::EmptyInput`], [`Error::NonFinite`] for infinities,
/// [`Error::UnknownCategory`] when `handle_unknown` is `Error`,
/// [`Error::FeatureCountMismatch`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::OrdinalEncoder;
/// use ndarray::array;
///
/// let x = array![[10.0, 2.5], [30.0, f64::NAN], [20.0, 2.5]];
/// let encoder = OrdinalEncoder::default().fit_unsupervised(x.view())?;
/// let codes = encoder.transform(x.view())?;
/// assert_eq!(codes.column(0), array![0.0, 2.0, 1.0]);
/// assert!(codes[[1, 1]].is_nan());
/// assert_eq!(encoder.inverse_transform(array![[2.0, 0.0]].view())?, array![[30.0, 2.5]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct OrdinalEncoder {
    /// The categories of each feature (scikit-learn's `categories`).
    pub categories: Categories,
    /// What to do with unknown categories (`handle_unknown` and `unknown_value`).
    pub handle_unknown: OrdinalUnknown,
    /// The code of the missing value (scikit-learn's `encoded_missing_value`).
    pub encoded_missing_value: EncodedValue,
    /// Categories rarer than this share one code (scikit-learn's `min_frequency`).
    pub min_frequency: Option<MinFrequency>,
    /// At most this many codes per feature, the infrequent one included
    /// (scikit-learn's `max_categories`).
    pub max_categories: Option<usize>,
}

setters!(OrdinalEncoder in "learnkit::preprocessing" {
    categories: Categories = learnkit::preprocessing::Categories::Explicit(vec![vec![0.0, 1.0]]);
    handle_unknown: OrdinalUnknown = learnkit::preprocessing::OrdinalUnknown::UseEncodedValue(learnkit::preprocessing::EncodedValue::Code(-1));
    max_categories: Option<usize> = Some(3);
} into {
    encoded_missing_value: EncodedValue = -2 => learnkit::preprocessing::EncodedValue::Code(-2);
} optional {
    min_frequency: MinFrequency = 0.1 => Some(learnkit::preprocessing::MinFrequency::Fraction(0.1));
});

impl OrdinalEncoder {
    /// scikit-learn's fit-time checks that `unknown_value` and
    /// `encoded_missing_value` are not codes of known categories.
    fn check_codes<F: Float>(&self, columns: &[ColumnCategories<F>]) -> Result<()> {
        for (j, cats) in columns.iter().enumerate() {
            let cardinality = cats.values.len().saturating_sub(cats.infrequent.len());
            if let OrdinalUnknown::UseEncodedValue(u) = self.handle_unknown {
                if u.collides(cardinality) {
                    return Err(Error::invalid_parameter(
                        NAME,
                        "unknown_value",
                        format!("not a code of a known category (feature {j} uses 0..{cardinality})"),
                        u,
                    ));
                }
            }
            if cats.has_missing && self.encoded_missing_value.collides(cardinality) {
                return Err(Error::invalid_parameter(
                    NAME,
                    "encoded_missing_value",
                    format!("not a code of a known category (feature {j} uses 0..{cardinality})"),
                    self.encoded_missing_value,
                ));
            }
        }
        Ok(())
    }
}

impl<F: Float, T> Estimator<F, T> for OrdinalEncoder {
    type Fitted = FittedOrdinalEncoder<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        let columns = Discovery {
            estimator: NAME,
            categories: &self.categories,
            min_frequency: self.min_frequency,
            max_categories: self.max_categories,
            unknown_is_error: self.handle_unknown == OrdinalUnknown::Error,
            missing_outside_grouping: true,
        }
        .checked_fit(x)?;
        self.check_codes(&columns)?;
        let decoded = decoded_values(&columns);
        Ok(FittedOrdinalEncoder {
            handle_unknown: self.handle_unknown,
            encoded_missing_value: self.encoded_missing_value,
            columns,
            decoded,
        })
    }
}

/// A fitted [`OrdinalEncoder`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::{EncodedValue, OrdinalEncoder, OrdinalUnknown};
/// use ndarray::array;
/// let encoder = OrdinalEncoder::default()
///     .handle_unknown(OrdinalUnknown::UseEncodedValue(EncodedValue::Code(-1)))
///     .fit_unsupervised(array![[1.0], [5.0]].view())?;
/// assert_eq!(encoder.transform(array![[5.0], [7.0]].view())?, array![[1.0], [-1.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedOrdinalEncoder<F> {
    handle_unknown: OrdinalUnknown,
    encoded_missing_value: EncodedValue,
    columns: Vec<ColumnCategories<F>>,
    /// The value of each code below the infrequent one, per feature.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::nested"))]
    decoded: Vec<Vec<F>>,
}

checked_serde!(impl[F: Float] FittedOrdinalEncoder<F>);
persist!(impl[F: Float] FittedOrdinalEncoder<F> => format!("OrdinalEncoder<{}>", F::NAME));

impl<F: Float> crate::persistence::Check for FittedOrdinalEncoder<F> {
    /// Each column's categories are consistent, the codes of unknown and
    /// missing values collide with no category's, and the decoding table is
    /// the one the categories give.
    fn check(&self) -> std::result::Result<(), String> {
        self.columns.iter().try_for_each(crate::persistence::Check::check)?;
        let params = OrdinalEncoder {
            handle_unknown: self.handle_unknown,
            encoded_missing_value: self.encoded_missing_value,
            ..OrdinalEncoder::default()
        };
        params.check_codes(&self.columns).map_err(|e| e.to_string())?;
        crate::persistence::check::ensure(decoded_values(&self.columns) == self.decoded, || {
            "OrdinalEncoder: the decoding table disagrees with the categories".into()
        })
    }
}

/// The category each code decodes to, per column: the frequent categories
/// in order (the infrequent group and the missing value have no entry).
fn decoded_values<F: Float>(columns: &[ColumnCategories<F>]) -> Vec<Vec<F>> {
    columns
        .iter()
        .map(|cats| {
            (0..cats.values.len())
                .filter(|k| cats.infrequent.binary_search(k).is_err())
                .map(|k| cats.values[k])
                .collect()
        })
        .collect()
}

impl<F: Float> FittedOrdinalEncoder<F> {
    /// The categories of each feature (scikit-learn's `categories_`), sorted,
    /// `NaN` last.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::OrdinalEncoder;
    /// use ndarray::array;
    /// let encoder = OrdinalEncoder::default().fit_unsupervised(array![[2.0], [f64::NAN], [1.0]].view())?;
    /// let cats = &encoder.categories()[0];
    /// assert_eq!(cats.len(), 3);
    /// assert!(cats[2].is_nan());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn categories(&self) -> Vec<Array1<F>> {
        self.columns.iter().map(ColumnCategories::to_array).collect()
    }

    /// The infrequent categories of each feature (scikit-learn's
    /// `infrequent_categories_`), `None` for a feature without any.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::OrdinalEncoder;
    /// use ndarray::array;
    /// let x = array![[0.0], [0.0], [1.0], [2.0], [2.0], [3.0]];
    /// let encoder = OrdinalEncoder::default().max_categories(Some(3)).fit_unsupervised(x.view())?;
    /// assert_eq!(encoder.infrequent_categories(), vec![Some(array![1.0, 3.0])]);
    /// assert_eq!(encoder.transform(x.view())?.column(0), array![0.0, 0.0, 2.0, 1.0, 1.0, 2.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn infrequent_categories(&self) -> Vec<Option<Array1<F>>> {
        self.columns.iter().map(ColumnCategories::infrequent_array).collect()
    }

    /// Number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::OrdinalEncoder;
    /// use ndarray::array;
    /// let encoder = OrdinalEncoder::default().fit_unsupervised(array![[1.0, 2.0]].view())?;
    /// assert_eq!(encoder.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.columns.len()
    }

    fn encode(&self, row: usize, j: usize, v: F) -> Result<F> {
        let cats = &self.columns[j];
        if v.is_nan() && cats.has_missing {
            return Ok(self.encoded_missing_value.to_float());
        }
        match (cats.index_of(v), self.handle_unknown) {
            (Some(k), _) => Ok(F::from_usize_lossy(cats.grouped(k))),
            (None, OrdinalUnknown::UseEncodedValue(u)) => Ok(u.to_float()),
            (None, OrdinalUnknown::Error) => Err(Error::UnknownCategory {
                context: NAME.into(),
                row,
                column: j,
                category: format!("{v:?}"),
            }),
        }
    }

    /// Per feature, the encoded value of each category, of `NaN` and of an
    /// unknown value, for the ONNX export. An unknown value is an error in
    /// `transform` when `handle_unknown` is `Error`; a graph cannot fail, so
    /// it gives `NaN`.
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn category_codes(&self) -> Vec<CategoryCodes> {
        let unknown = match self.handle_unknown {
            OrdinalUnknown::UseEncodedValue(u) => u.to_float::<f64>(),
            OrdinalUnknown::Error => f64::NAN,
        };
        self.columns
            .iter()
            .enumerate()
            .map(|(j, cats)| CategoryCodes {
                values: cats.values.iter().map(|v| v.as_f64()).collect(),
                codes: (0..cats.values.len()).map(|k| cats.grouped(k) as f64).collect(),
                missing: self.encode(0, j, F::nan()).map_or(unknown, |c| c.as_f64()),
                unknown,
            })
            .collect()
    }

    fn decode(&self, row: usize, j: usize, code: F) -> Result<F> {
        let cats = &self.columns[j];
        let unknown_value = match self.handle_unknown {
            OrdinalUnknown::UseEncodedValue(u) => Some(u),
            OrdinalUnknown::Error => None,
        };
        let n_frequent = self.decoded[j].len();
        if (cats.has_missing && self.encoded_missing_value.matches(code))
            || unknown_value.is_some_and(|u| u.matches(code))
            || (!cats.infrequent.is_empty() && code == F::from_usize_lossy(n_frequent))
        {
            return Ok(F::nan());
        }
        if code >= F::zero() && code < F::from_usize_lossy(n_frequent) && code.fract() == F::zero() {
            let k = code.to_usize().expect("a small non-negative integer");
            return Ok(self.decoded[j][k]);
        }
        Err(Error::invalid_input(
            NAME,
            format!("row {row}, column {j}: {code:?} is not a code of feature {j} (0..{n_frequent})"),
        ))
    }
}

impl<F: Float> Transformer<F> for FittedOrdinalEncoder<F> {
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input_with_missing(NAME, self.n_features_in(), x)?;
        map_rows(NAME, x, self.n_features_in(), |i, row, out| {
            for (j, (o, &v)) in out.iter_mut().zip(row.iter()).enumerate() {
                *o = self.encode(i, j, v)?;
            }
            Ok(())
        })
    }
}

impl<F: Float> InverseTransformer<F> for FittedOrdinalEncoder<F> {
    /// Maps codes back to category values. The missing code, the unknown
    /// value and the infrequent code all come back as `NaN` (scikit-learn
    /// gives `nan`, `None` and `"infrequent_sklearn"`, which a float matrix
    /// cannot hold).
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`], [`Error::NonFinite`] for infinities,
    /// and [`Error::InvalidInput`] for a value that is not one of the codes
    /// (scikit-learn would truncate a fractional code, or fail on indexing).
    fn inverse_transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input_with_missing(NAME, self.n_features_in(), x)?;
        map_rows(NAME, x, self.n_features_in(), |i, row, out| {
            for (j, (o, &code)) in out.iter_mut().zip(row.iter()).enumerate() {
                *o = self.decode(i, j, code)?;
            }
            Ok(())
        })
    }
}
