//! [`OneHotEncoder`]: one 0/1 column per category of each feature.

use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::ROW_CHUNK;
use crate::preprocessing::categories::{
    Categories, CategoryCodes, ColumnCategories, Discovery, MinFrequency, input_names, python_repr,
};
use crate::preprocessing::rows::map_rows;
use crate::sparse::{CsrMatrix, Matrix, MatrixView};
use crate::traits::{Estimator, InverseTransformer, Transformer};
use crate::validation::{check_predict_input, check_predict_input_with_missing};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;

const NAME: &str = "OneHotEncoder";

/// What [`OneHotEncoder`] does with a category not seen in fit (scikit-learn's
/// `handle_unknown`).
///
/// # Example
/// ```
/// use learnkit::preprocessing::HandleUnknown;
/// assert_eq!(HandleUnknown::default(), HandleUnknown::Error);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum HandleUnknown {
    /// [`Error::UnknownCategory`] naming the row, column and value.
    #[default]
    Error,
    /// All zeros for that feature.
    Ignore,
    /// The feature's infrequent column if it has one, else all zeros.
    InfrequentIfExist,
}

/// Which category of each feature is dropped (scikit-learn's `drop`; `None`,
/// its default, keeps every category).
///
/// # Example
/// ```
/// use learnkit::preprocessing::DropCategory;
/// // drop category 1.0 of the first feature and the missing one of the second
/// let drop = DropCategory::Explicit(vec![1.0, f64::NAN]);
/// assert_ne!(drop, DropCategory::First);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum DropCategory {
    /// The first category of every feature.
    First,
    /// The first category of features with exactly two (after grouping).
    IfBinary,
    /// One category per feature, by value (`NaN` for the missing category).
    Explicit(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))] Vec<f64>),
}

/// Encodes each feature (a column of category codes or any values; `NaN` is
/// the missing value and its own category) as one 0/1 column per category.
///
/// Categories are the sorted distinct values of each column, `NaN` last, as
/// in scikit-learn, or given explicitly. Categories seen in fewer than
/// `min_frequency` samples, or beyond the `max_categories` most frequent,
/// are grouped into one *infrequent* column placed last for that feature.
/// `drop` removes one column per feature (for models that need independent
/// columns). Output is in the input's float type: with `sparse_output`
/// (the default, as scikit-learn) [`transform_matrix`](Transformer::transform_matrix)
/// and [`fit_transform_matrix`](Estimator::fit_transform_matrix) return a
/// [`Matrix::Sparse`] (one stored value per encoded feature and row, so a
/// [`Pipeline`](crate::compose::Pipeline) or
/// [`ColumnTransformer`](crate::compose::ColumnTransformer) hands the next
/// step a sparse matrix), while [`transform`](Transformer::transform) always
/// returns a dense `Array2`. A sparse *input* is densified first (scikit-learn
/// rejects it; the categories are read column by column from a dense
/// matrix). Categories are found in parallel over columns and rows are
/// encoded in parallel over row chunks.
///
/// Unsupervised: as a [`Pipeline`](crate::compose::Pipeline) step it ignores
/// the targets.
///
/// # Hyperparameters
/// - `categories` (default [`Categories::Auto`]).
/// - `drop` (default `None`): see [`DropCategory`].
/// - `handle_unknown` (default [`HandleUnknown::Error`]).
/// - `min_frequency` (default `None`), `max_categories` (default `None`, else >= 1).
/// - `sparse_output` (default `true`): sparse output from the `_matrix` methods.
///
/// # Fitted attributes
/// [`categories`](FittedOneHotEncoder::categories),
/// [`drop_idx`](FittedOneHotEncoder::drop_idx),
/// [`infrequent_categories`](FittedOneHotEncoder::infrequent_categories),
/// [`feature_names_out`](FittedOneHotEncoder::feature_names_out),
/// [`n_features_in`](FittedOneHotEncoder::n_features_in),
/// [`n_features_out`](FittedOneHotEncoder::n_features_out).
///
/// # Errors
/// [`Error::InvalidParameter`] for bad parameters (also found in fit: a
/// dropped category not seen, or infrequent), [`Error::EmptyInput`],
/// [`Error::NonFinite`] for infinities, [`Error::UnknownCategory`] (in fit
/// with explicit categories, in transform) when `handle_unknown` is `Error`,
/// [`Error::FeatureCountMismatch`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::OneHotEncoder;
/// use ndarray::array;
///
/// let x = array![[0.0, 1.0], [1.0, f64::NAN], [2.0, 1.0]];
/// let encoder = OneHotEncoder::default().fit_unsupervised(x.view())?;
/// assert_eq!(encoder.feature_names_out(None)?, ["x0_0.0", "x0_1.0", "x0_2.0", "x1_1.0", "x1_nan"]);
/// assert_eq!(encoder.transform(x.view())?.row(1), array![0.0, 1.0, 0.0, 0.0, 1.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct OneHotEncoder {
    /// The categories of each feature (scikit-learn's `categories`).
    pub categories: Categories,
    /// The category dropped from each feature (scikit-learn's `drop`).
    pub drop: Option<DropCategory>,
    /// What to do with unknown categories (scikit-learn's `handle_unknown`).
    pub handle_unknown: HandleUnknown,
    /// Categories rarer than this are infrequent (scikit-learn's `min_frequency`).
    pub min_frequency: Option<MinFrequency>,
    /// At most this many output columns per feature, the infrequent one
    /// included (scikit-learn's `max_categories`).
    pub max_categories: Option<usize>,
    /// Whether the `_matrix` methods return a sparse matrix (scikit-learn's
    /// `sparse_output`).
    #[cfg_attr(feature = "serde", serde(default = "sparse_by_default"))]
    pub sparse_output: bool,
}

/// scikit-learn's default `sparse_output` (also for encoders saved before
/// the field existed).
fn sparse_by_default() -> bool {
    true
}

impl Default for OneHotEncoder {
    fn default() -> Self {
        OneHotEncoder {
            categories: Categories::default(),
            drop: None,
            handle_unknown: HandleUnknown::default(),
            min_frequency: None,
            max_categories: None,
            sparse_output: sparse_by_default(),
        }
    }
}

setters!(OneHotEncoder in "learnkit::preprocessing" {
    categories: Categories = learnkit::preprocessing::Categories::Explicit(vec![vec![0.0, 1.0]]);
    drop: Option<DropCategory> = Some(learnkit::preprocessing::DropCategory::First);
    handle_unknown: HandleUnknown = learnkit::preprocessing::HandleUnknown::Ignore;
    max_categories: Option<usize> = Some(4);
    sparse_output: bool = false;
} into {

} optional {
    min_frequency: MinFrequency = 5 => Some(learnkit::preprocessing::MinFrequency::Count(5));
});

impl OneHotEncoder {
    /// The dropped index of each feature, after grouping (scikit-learn's
    /// `_drop_idx_after_grouping`).
    fn drop_after_grouping<F: Float>(&self, columns: &[ColumnCategories<F>]) -> Result<Vec<Option<usize>>> {
        match &self.drop {
            None => Ok(vec![None; columns.len()]),
            Some(DropCategory::First) => Ok(vec![Some(0); columns.len()]),
            Some(DropCategory::IfBinary) => Ok(columns.iter().map(|c| (c.n_grouped() == 2).then_some(0)).collect()),
            Some(DropCategory::Explicit(values)) => {
                if values.len() != columns.len() {
                    return Err(Error::invalid_parameter(
                        NAME,
                        "drop",
                        format!("one category per feature ({})", columns.len()),
                        values,
                    ));
                }
                values
                    .iter()
                    .zip(columns)
                    .enumerate()
                    .map(|(j, (&v, cats))| {
                        let Some(k) = cats.index_of(F::cast(v)) else {
                            return Err(Error::invalid_parameter(
                                NAME,
                                "drop",
                                format!("a category seen in fit for feature {j}"),
                                v,
                            ));
                        };
                        if cats.infrequent.contains(&k) {
                            return Err(Error::invalid_parameter(
                                NAME,
                                "drop",
                                format!("a frequent category of feature {j}"),
                                v,
                            ));
                        }
                        Ok(Some(cats.grouped(k)))
                    })
                    .collect()
            }
        }
    }
}

impl<F: Float, T> Estimator<F, T> for OneHotEncoder {
    type Fitted = FittedOneHotEncoder<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        let columns = Discovery {
            estimator: NAME,
            categories: &self.categories,
            min_frequency: self.min_frequency,
            max_categories: self.max_categories,
            unknown_is_error: self.handle_unknown == HandleUnknown::Error,
            missing_outside_grouping: false,
        }
        .checked_fit(x)?;
        let drop = self.drop_after_grouping(&columns)?;
        let (n_outs, offsets) = output_layout(&columns, &drop);
        Ok(FittedOneHotEncoder {
            sparse_output: self.sparse_output,
            handle_unknown: self.handle_unknown,
            drop_requested: self.drop.is_some(),
            columns,
            drop,
            n_outs,
            offsets,
        })
    }
}

/// A fitted [`OneHotEncoder`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::{DropCategory, OneHotEncoder};
/// use ndarray::array;
/// let x = array![[1.0], [2.0], [3.0]];
/// let encoder = OneHotEncoder::default().drop(Some(DropCategory::First)).fit_unsupervised(x.view())?;
/// assert_eq!(encoder.transform(x.view())?, array![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]);
/// assert_eq!(encoder.inverse_transform(array![[0.0, 0.0]].view())?, array![[1.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedOneHotEncoder<F> {
    #[cfg_attr(feature = "serde", serde(default = "sparse_by_default"))]
    sparse_output: bool,
    handle_unknown: HandleUnknown,
    drop_requested: bool,
    columns: Vec<ColumnCategories<F>>,
    /// Dropped index of each feature among its grouped categories.
    drop: Vec<Option<usize>>,
    /// Output columns of each feature.
    n_outs: Vec<usize>,
    /// First output column of each feature.
    offsets: Vec<usize>,
}

checked_serde!(impl[F: Float] FittedOneHotEncoder<F>);
persist!(impl[F: Float] FittedOneHotEncoder<F> => format!("OneHotEncoder<{}>", F::NAME));

impl<F: Float> crate::persistence::Check for FittedOneHotEncoder<F> {
    /// Each column's categories are consistent, each dropped category is
    /// one of them, and the output widths and offsets are those they give.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::{ensure, same_len};
        self.columns.iter().try_for_each(crate::persistence::Check::check)?;
        same_len("drop", self.columns.len(), self.drop.len())?;
        for (j, (cats, drop)) in self.columns.iter().zip(&self.drop).enumerate() {
            ensure(drop.is_none_or(|d| d < cats.n_grouped()), || {
                format!(
                    "OneHotEncoder: feature {j} drops category {drop:?} of {}",
                    cats.n_grouped()
                )
            })?;
        }
        let (n_outs, offsets) = output_layout(&self.columns, &self.drop);
        ensure(n_outs == self.n_outs && offsets == self.offsets, || {
            "OneHotEncoder: the output widths disagree with the categories".into()
        })
    }
}

/// Each feature's number of output columns and its first output column.
fn output_layout<F: Float>(columns: &[ColumnCategories<F>], drop: &[Option<usize>]) -> (Vec<usize>, Vec<usize>) {
    let n_outs: Vec<usize> = columns
        .iter()
        .zip(drop)
        .map(|(c, d)| c.n_grouped() - usize::from(d.is_some()))
        .collect();
    let offsets = n_outs
        .iter()
        .scan(0, |next, &n| {
            let first = *next;
            *next += n;
            Some(first)
        })
        .collect();
    (n_outs, offsets)
}

impl<F: Float> FittedOneHotEncoder<F> {
    /// The categories of each feature (scikit-learn's `categories_`), sorted,
    /// `NaN` last.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::OneHotEncoder;
    /// use ndarray::array;
    /// let encoder = OneHotEncoder::default().fit_unsupervised(array![[3.0], [1.0], [3.0]].view())?;
    /// assert_eq!(encoder.categories(), vec![array![1.0, 3.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn categories(&self) -> Vec<Array1<F>> {
        self.columns.iter().map(ColumnCategories::to_array).collect()
    }

    /// The index in [`categories`](Self::categories) of the category dropped
    /// from each feature (scikit-learn's `drop_idx_`): `None` when `drop` is
    /// `None`, else one entry per feature (`None` for a feature that keeps
    /// all its columns, as `IfBinary` on a non-binary feature). When the
    /// dropped column is the infrequent group, this is its first category.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::{DropCategory, OneHotEncoder};
    /// use ndarray::array;
    /// let x = array![[1.0, 5.0], [2.0, 6.0], [3.0, 5.0]];
    /// let encoder = OneHotEncoder::default().drop(Some(DropCategory::IfBinary)).fit_unsupervised(x.view())?;
    /// assert_eq!(encoder.drop_idx(), Some(vec![None, Some(0)]));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn drop_idx(&self) -> Option<Vec<Option<usize>>> {
        self.drop_requested.then(|| {
            self.columns
                .iter()
                .zip(&self.drop)
                .map(|(cats, d)| {
                    d.map(|d| {
                        if cats.grouping.is_empty() {
                            d
                        } else {
                            cats.grouping
                                .iter()
                                .position(|&g| g == d)
                                .expect("every group has a category")
                        }
                    })
                })
                .collect()
        })
    }

    /// The infrequent categories of each feature (scikit-learn's
    /// `infrequent_categories_`), `None` for a feature without any.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::{MinFrequency, OneHotEncoder};
    /// use ndarray::array;
    /// let x = array![[0.0], [0.0], [0.0], [1.0], [2.0]];
    /// let encoder = OneHotEncoder::default()
    ///     .min_frequency(Some(MinFrequency::Count(2)))
    ///     .fit_unsupervised(x.view())?;
    /// assert_eq!(encoder.infrequent_categories(), vec![Some(array![1.0, 2.0])]);
    /// assert_eq!(encoder.feature_names_out(None)?, ["x0_0.0", "x0_infrequent_sklearn"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn infrequent_categories(&self) -> Vec<Option<Array1<F>>> {
        self.columns.iter().map(ColumnCategories::infrequent_array).collect()
    }

    /// scikit-learn's `get_feature_names_out`: `<input>_<category>` for each
    /// output column, the category written as Python writes a float (`1.0`,
    /// `nan`) or `infrequent_sklearn`; inputs are named `x0`, `x1`, ... unless
    /// `input_names` gives one name per feature.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `input_names` has the wrong length.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::OneHotEncoder;
    /// use ndarray::array;
    /// let encoder = OneHotEncoder::default().fit_unsupervised(array![[25.0], [40.0]].view())?;
    /// let names = encoder.feature_names_out(Some(&["age".to_string()]))?;
    /// assert_eq!(names, ["age_25.0", "age_40.0"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn feature_names_out(&self, input_names: Option<&[String]>) -> Result<Vec<String>> {
        let inputs = input_names_for(self.columns.len(), input_names)?;
        let mut names = Vec::with_capacity(self.n_features_out());
        for ((cats, drop), input) in self.columns.iter().zip(&self.drop).zip(&inputs) {
            for (g, value) in grouped_values(cats).into_iter().enumerate() {
                if Some(g) != *drop {
                    let category = value.map_or_else(|| "infrequent_sklearn".to_string(), python_repr);
                    names.push(format!("{input}_{category}"));
                }
            }
        }
        Ok(names)
    }

    /// Number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::OneHotEncoder;
    /// use ndarray::array;
    /// let encoder = OneHotEncoder::default().fit_unsupervised(array![[1.0, 2.0]].view())?;
    /// assert_eq!(encoder.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.columns.len()
    }

    /// Number of output columns.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::OneHotEncoder;
    /// use ndarray::array;
    /// let encoder = OneHotEncoder::default().fit_unsupervised(array![[1.0, 2.0], [3.0, 2.0]].view())?;
    /// assert_eq!(encoder.n_features_out(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_out(&self) -> usize {
        self.n_outs.iter().sum()
    }

    /// The output column (within the feature's block) of value `v` of
    /// feature `j`, `None` for all zeros; an error for an unknown value when
    /// `handle_unknown` is `Error`.
    fn output_of(&self, row: usize, j: usize, v: F) -> Result<Option<usize>> {
        match self.columns[j].index_of(v) {
            Some(k) => Ok(self.after_drop(j, self.columns[j].grouped(k))),
            None if self.handle_unknown == HandleUnknown::Error => Err(Error::UnknownCategory {
                context: NAME.into(),
                row,
                column: j,
                category: python_repr(v),
            }),
            None => Ok(self.unknown_output(j)),
        }
    }

    /// The output column of an unknown value of feature `j` when
    /// `handle_unknown` is not `Error`: the infrequent group's with
    /// `InfrequentIfExist` (if the feature has one), else none.
    fn unknown_output(&self, j: usize) -> Option<usize> {
        let cats = &self.columns[j];
        match (self.handle_unknown, cats.infrequent.first()) {
            (HandleUnknown::InfrequentIfExist, Some(&k)) => self.after_drop(j, cats.grouped(k)),
            _ => None,
        }
    }

    /// The output column of grouped category `grouped` of feature `j` once
    /// the dropped one is left out.
    fn after_drop(&self, j: usize, grouped: usize) -> Option<usize> {
        match self.drop[j] {
            Some(d) if grouped == d => None,
            Some(d) if grouped > d => Some(grouped - 1),
            _ => Some(grouped),
        }
    }

    /// Per feature, the output column (in the whole output, `-1` for none)
    /// of each category, of `NaN` and of an unknown value, for the ONNX
    /// export. An unknown value is an error in `transform` when
    /// `handle_unknown` is `Error`; a graph cannot fail, so it gives zeros.
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn category_codes(&self) -> Vec<CategoryCodes> {
        let global = |j: usize, col: Option<usize>| col.map_or(-1.0, |c| (self.offsets[j] + c) as f64);
        self.columns
            .iter()
            .enumerate()
            .map(|(j, cats)| {
                let codes = (0..cats.values.len())
                    .map(|k| global(j, self.after_drop(j, cats.grouped(k))))
                    .collect();
                let unknown = global(j, self.unknown_output(j));
                CategoryCodes {
                    values: cats.values.iter().map(|v| v.as_f64()).collect(),
                    codes,
                    missing: match cats.index_of(F::nan()) {
                        Some(k) => global(j, self.after_drop(j, cats.grouped(k))),
                        None => unknown,
                    },
                    unknown,
                }
            })
            .collect()
    }
}

/// The value of each grouped category of a feature (`None` for the
/// infrequent group).
fn grouped_values<F: Float>(cats: &ColumnCategories<F>) -> Vec<Option<F>> {
    if cats.grouping.is_empty() {
        return (0..cats.len()).map(|k| Some(cats.value(k))).collect();
    }
    let mut values: Vec<Option<F>> = (0..cats.len())
        .filter(|k| cats.infrequent.binary_search(k).is_err())
        .map(|k| Some(cats.value(k)))
        .collect();
    values.push(None);
    values
}

fn input_names_for(n: usize, names: Option<&[String]>) -> Result<Vec<String>> {
    input_names(NAME, n, names)
}

impl<F: Float> Transformer<F> for FittedOneHotEncoder<F> {
    /// The dense encoding, whatever `sparse_output`.
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input_with_missing(NAME, self.n_features_in(), x)?;
        map_rows(NAME, x, self.n_features_out(), |i, row, out| {
            for (j, &v) in row.iter().enumerate() {
                if let Some(col) = self.output_of(i, j, v)? {
                    out[self.offsets[j] + col] = F::one();
                }
            }
            Ok(())
        })
    }

    /// A [`Matrix::Sparse`] encoding when `sparse_output` (else the dense
    /// one). A sparse `x` of the right width is densified first.
    fn transform_matrix(&self, x: MatrixView<'_, F>) -> Result<Matrix<F>> {
        if x.ncols() != self.n_features_in() {
            return Err(Error::FeatureCountMismatch {
                context: NAME.into(),
                expected: self.n_features_in(),
                got: x.ncols(),
            });
        }
        if !self.sparse_output {
            return x.with_dense(|x| self.transform(x)).map(Matrix::Dense);
        }
        x.with_dense(|x| self.transform_sparse(x)).map(Matrix::Sparse)
    }
}

impl<F: Float> FittedOneHotEncoder<F> {
    /// Whether the `_matrix` methods return a sparse matrix.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::OneHotEncoder;
    /// use ndarray::array;
    /// let encoder = OneHotEncoder::default().fit_unsupervised(array![[1.0], [2.0]].view())?;
    /// assert!(encoder.sparse_output());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn sparse_output(&self) -> bool {
        self.sparse_output
    }

    /// The CSR encoding: each row's stored columns come out in increasing
    /// order (feature blocks are laid out left to right), so no sort is
    /// needed. Rows are encoded in parallel over fixed chunks and joined in
    /// order, so the result does not depend on the thread count.
    fn transform_sparse(&self, x: ArrayView2<'_, F>) -> Result<CsrMatrix<F>> {
        check_predict_input_with_missing(NAME, self.n_features_in(), x)?;
        let n_out = self.n_features_out();
        let chunks: Vec<Result<(Vec<u32>, Vec<usize>)>> = x
            .axis_chunks_iter(Axis(0), ROW_CHUNK)
            .into_par_iter()
            .enumerate()
            .map(|(chunk, rows)| {
                let mut indices = Vec::with_capacity(rows.nrows() * rows.ncols());
                let mut ends = Vec::with_capacity(rows.nrows());
                for (r, row) in rows.outer_iter().enumerate() {
                    for (j, &v) in row.iter().enumerate() {
                        if let Some(col) = self.output_of(chunk * ROW_CHUNK + r, j, v)? {
                            indices.push((self.offsets[j] + col) as u32);
                        }
                    }
                    ends.push(indices.len());
                }
                Ok((indices, ends))
            })
            .collect();
        let mut indptr = Vec::with_capacity(x.nrows() + 1);
        indptr.push(0);
        let mut indices: Vec<u32> = Vec::new();
        for chunk in chunks {
            let (chunk_indices, ends) = chunk?;
            let base = indices.len();
            indptr.extend(ends.iter().map(|e| base + e));
            indices.extend_from_slice(&chunk_indices);
        }
        let data = vec![F::one(); indices.len()];
        CsrMatrix::try_new((x.nrows(), n_out), indptr, indices, data)
    }
}

impl<F: Float> InverseTransformer<F> for FittedOneHotEncoder<F> {
    /// Maps one-hot rows back to category values, as scikit-learn: the
    /// largest column of each feature's block (the first on ties) gives the
    /// category; an all-zero block is the dropped category, or `NaN` (for an
    /// unknown category, scikit-learn's `None`) when unknown categories were
    /// ignored and nothing was dropped. The infrequent group also comes back
    /// as `NaN` (scikit-learn's `"infrequent_sklearn"` is not a float).
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`] unless `x` has
    /// [`n_features_out`](FittedOneHotEncoder::n_features_out) columns,
    /// [`Error::NonFinite`], and [`Error::InvalidInput`] for an all-zero
    /// block that cannot be inverted (no dropped category for that feature,
    /// and `handle_unknown` is `Error`, or `InfrequentIfExist` with an
    /// infrequent group).
    fn inverse_transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input(NAME, self.n_features_out(), x)?;
        // Per feature: the value of each output column, and the dropped
        // category's value (`None` inside for the infrequent group).
        let mut blocks = Vec::with_capacity(self.columns.len());
        let mut dropped = Vec::with_capacity(self.columns.len());
        for (cats, d) in self.columns.iter().zip(&self.drop) {
            let mut values = grouped_values(cats);
            dropped.push(d.map(|d| values.remove(d)));
            blocks.push(values);
        }
        map_rows(NAME, x, self.n_features_in(), |i, row, out| {
            for (j, o) in out.iter_mut().enumerate() {
                let cats = &self.columns[j];
                let dropped = dropped[j];
                let n = self.n_outs[j];
                if n == 0 {
                    *o = dropped.flatten().unwrap_or_else(F::nan);
                    continue;
                }
                let block = row.slice(ndarray::s![self.offsets[j]..self.offsets[j] + n]);
                let sum: F = block.iter().copied().sum();
                if sum != F::zero() {
                    let mut best = 0;
                    for (c, &v) in block.iter().enumerate() {
                        if v > block[best] {
                            best = c;
                        }
                    }
                    *o = blocks[j][best].unwrap_or_else(F::nan);
                    continue;
                }
                let unknown_ignored = self.handle_unknown == HandleUnknown::Ignore
                    || (self.handle_unknown == HandleUnknown::InfrequentIfExist && cats.infrequent.is_empty());
                *o = match dropped {
                    Some(value) => value.unwrap_or_else(F::nan),
                    None if unknown_ignored => F::nan(),
                    None => {
                        return Err(Error::invalid_input(
                            NAME,
                            format!(
                                "row {i} has all zeros for feature {j}, which cannot be inverted: \
                                 the feature has no dropped category and unknown categories are not ignored"
                            ),
                        ));
                    }
                };
            }
            Ok(())
        })
    }
}
