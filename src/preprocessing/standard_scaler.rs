//! [`StandardScaler`]: standardise features by removing the mean and scaling
//! to unit variance.

use crate::error::Error;
use crate::error::Result;
use crate::float::Float;
use crate::moments::ColumnMoments;
use crate::parallel::with_n_jobs;
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_values};
use crate::preprocessing::rows::map_cells;
use crate::sparse::{
    CsrMatrix, Matrix, MatrixView, check_matrix_predict_input_with_missing, check_matrix_with_missing, column_stats,
};
use crate::traits::{Estimator, InverseTransformer, SampleWeighted, Transformer};
use crate::validation::{check_no_infinity, check_not_empty, check_sample_weight};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Zip};

mod distributed;

const NAME: &str = "StandardScaler";

/// Standardises features: `z = (x - mean) / std`, column by column.
///
/// Means and population standard deviations (`ddof = 0`) are learned in
/// `fit`, optionally weighted by `sample_weight`, and can be updated batch by
/// batch with [`FittedStandardScaler::partial_fit`]. A constant feature keeps a
/// scale of 1, so it is centred but not blown up. Statistics accumulate in
/// `f64` through a chunked parallel reduction (Chan's pairwise formula), and
/// `transform` runs in parallel over rows; both are bit-identical whatever the
/// number of threads.
///
/// `NaN` is a missing value, as in scikit-learn: `fit` and `partial_fit`
/// leave it out of its column's statistics (each column counts its own
/// samples, [`n_samples_seen`](FittedStandardScaler::n_samples_seen)), and
/// `transform` / `inverse_transform` pass it through, so an imputer can come
/// later in a pipeline. A column with no value at all gets `NaN` statistics.
/// Infinity stays an error.
///
/// Sparse input ([`fit_matrix`](Estimator::fit_matrix),
/// [`transform_matrix`](Transformer::transform_matrix)) needs
/// `with_mean(false)`, as in scikit-learn: the columns are scaled without
/// densifying (statistics count the implicit zeros) and the output stays
/// sparse.
///
/// Unsupervised: as a [`Pipeline`](crate::compose::Pipeline) step it ignores
/// the targets.
///
/// # Hyperparameters
/// - `with_mean` (default `true`): subtract the mean.
/// - `with_std` (default `true`): divide by the standard deviation.
/// - `n_jobs` (default `None`, every core): threads for fit and transform.
///
/// # Fitted attributes
/// [`mean`](FittedStandardScaler::mean), [`var`](FittedStandardScaler::var),
/// [`scale`](FittedStandardScaler::scale),
/// [`n_samples_seen`](FittedStandardScaler::n_samples_seen),
/// [`n_features_in`](FittedStandardScaler::n_features_in).
///
/// # Errors
/// [`Error::EmptyInput`](crate::Error::EmptyInput) and
/// [`Error::NonFinite`](crate::Error::NonFinite) for bad data (an
/// infinity; `NaN` is a missing value), invalid
/// `sample_weight` as [`Error::InvalidInput`](crate::Error::InvalidInput) or
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch), and
/// [`Error::FeatureCountMismatch`](crate::Error::FeatureCountMismatch) when
/// transforming a matrix of another width.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
///
/// let iris = load_iris();
/// let scaler = StandardScaler::default().fit_unsupervised(iris.data.view())?;
/// let z = scaler.transform(iris.data.view())?;
/// let mean0 = z.column(0).mean().unwrap();
/// assert!(mean0.abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct StandardScaler {
    /// Subtract the mean (scikit-learn's `with_mean`).
    pub with_mean: bool,
    /// Divide by the standard deviation (scikit-learn's `with_std`).
    pub with_std: bool,
    /// Threads for fit and transform; `None` uses every core.
    pub n_jobs: Option<usize>,
}

impl Default for StandardScaler {
    fn default() -> Self {
        StandardScaler {
            with_mean: true,
            with_std: true,
            n_jobs: None,
        }
    }
}

setters!(StandardScaler in "learnkit::preprocessing" {
    with_mean: bool = false;
    with_std: bool = false;
    n_jobs: Option<usize> = Some(1);
});

impl StandardScaler {
    fn validate(&self) -> Result<()> {
        crate::validation::check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))
    }

    fn fit_checked<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedStandardScaler<F>> {
        self.validate()?;
        with_n_jobs(self.n_jobs, || {
            check_not_empty(NAME, x)?;
            let weight = match weight {
                Some(w) => Some(check_sample_weight(NAME, Some(w), x.nrows())?),
                None => None,
            };
            // Infinities are found through the moments' own sums instead of
            // a separate pass over `x` (a third of the fit's memory traffic);
            // only a suspicious result pays for the exact check, which names
            // the first offending cell. NaN is a missing value, left out.
            let (moments, maybe_infinite) = ColumnMoments::of_flagged(x, weight.as_ref().map(|w| w.view()));
            if maybe_infinite {
                check_no_infinity(NAME, x)?;
            }
            Ok(FittedStandardScaler::from_moments(self.clone(), moments))
        })?
    }
}

impl StandardScaler {
    /// scikit-learn's refusal to centre a sparse matrix (the zeros would
    /// all become non-zero).
    fn check_sparse_allowed(&self) -> Result<()> {
        crate::validation::check_param(
            NAME,
            "with_mean",
            self.with_mean,
            "false for sparse input (cannot center sparse matrices: pass with_mean(false))",
            |with_mean| !with_mean,
        )
    }

    /// The sparse fit: the columns' moments with their implicit zeros (the
    /// same model as the dense fit of the same data, to rounding).
    fn fit_sparse<F: Float>(
        &self,
        x: &CsrMatrix<F>,
        weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedStandardScaler<F>> {
        self.validate()?;
        self.check_sparse_allowed()?;
        check_matrix_with_missing(NAME, x.into())?;
        let weight = match weight {
            Some(w) => Some(check_sample_weight(NAME, Some(w), x.nrows())?),
            None => None,
        };
        let moments = column_stats::column_moments(x, weight.as_ref().map(|w| w.view()));
        Ok(FittedStandardScaler::from_moments(self.clone(), moments))
    }
}

impl<F: Float, T> Estimator<F, T> for StandardScaler {
    type Fitted = FittedStandardScaler<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.fit_checked(x, None)
    }

    /// A sparse `x` is fitted without densifying; it needs
    /// `with_mean(false)` ([`Error::InvalidParameter`] otherwise, as
    /// scikit-learn).
    fn fit_matrix(&self, x: MatrixView<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        match x {
            MatrixView::Dense(x) => self.fit_checked(x, None),
            MatrixView::Sparse(x) => self.fit_sparse(x, None),
        }
    }
}

impl<F: Float, T> SampleWeighted<F, T> for StandardScaler {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        _y: ArrayView1<'_, T>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, Some(sample_weight))
    }

    /// As [`Estimator::fit_matrix`], weighted.
    fn fit_weighted_matrix(
        &self,
        x: MatrixView<'_, F>,
        _y: ArrayView1<'_, T>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        match x {
            MatrixView::Dense(x) => self.fit_checked(x, Some(sample_weight)),
            MatrixView::Sparse(x) => self.fit_sparse(x, Some(sample_weight)),
        }
    }
}

/// A fitted [`StandardScaler`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0, 0.0], [3.0, 0.0]].view())?;
/// assert_eq!(scaler.mean().unwrap(), array![2.0, 0.0]);
/// assert_eq!(scaler.scale().unwrap(), array![1.0, 1.0]); // the constant column keeps scale 1
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedStandardScaler<F> {
    params: StandardScaler,
    moments: ColumnMoments,
    /// Subtracted in `transform` (zeros when `with_mean` is false).
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    offset: Array1<F>,
    /// Divided by in `transform` (ones when `with_std` is false).
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    divisor: Array1<F>,
}

checked_serde!(impl[F: Float] FittedStandardScaler<F>);
persist!(impl[F: Float] FittedStandardScaler<F> => format!("StandardScaler<{}>", F::NAME));

impl<F: Float> Check for FittedStandardScaler<F> {
    /// The offsets and divisors are those the moments give.
    fn check(&self) -> std::result::Result<(), String> {
        self.moments.check()?;
        let derived = FittedStandardScaler::<F>::from_moments(self.params.clone(), self.moments.clone());
        ensure(
            same_values(&derived.offset, &self.offset) && same_values(&derived.divisor, &self.divisor),
            || {
                format!(
                    "StandardScaler: {} offsets and {} divisors disagree with the moments of {} features",
                    self.offset.len(),
                    self.divisor.len(),
                    self.moments.mean.len()
                )
            },
        )
    }
}

impl<F: Float> FittedStandardScaler<F> {
    /// What `transform` subtracts and divides by, per feature.
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn offset_divisor(&self) -> (&Array1<F>, &Array1<F>) {
        (&self.offset, &self.divisor)
    }

    fn from_moments(params: StandardScaler, moments: ColumnMoments) -> Self {
        let n = moments.mean.len();
        let offset = if params.with_mean {
            moments.mean().mapv(F::cast)
        } else {
            Array1::zeros(n)
        };
        let divisor = if params.with_std {
            scale_of(&moments).mapv(F::cast)
        } else {
            Array1::ones(n)
        };
        FittedStandardScaler {
            params,
            moments,
            offset,
            divisor,
        }
    }

    /// Updates the statistics with another batch of rows, as scikit-learn's
    /// `partial_fit`; on error the scaler is left unchanged.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let mut scaler = StandardScaler::default().fit_unsupervised(array![[1.0], [2.0]].view())?;
    /// scaler.partial_fit(array![[3.0], [6.0]].view(), None)?;
    /// assert_eq!(scaler.mean().unwrap()[0], 3.0);
    /// assert_eq!(scaler.n_samples_seen(), array![4.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit(&mut self, x: ArrayView2<'_, F>, sample_weight: Option<ArrayView1<'_, F>>) -> Result<()> {
        self.check_width(x)?;
        let batch = self.params.fit_checked(x, sample_weight)?;
        let mut moments = self.moments.clone();
        moments.merge(&batch.moments);
        *self = FittedStandardScaler::from_moments(self.params.clone(), moments);
        Ok(())
    }

    /// Per-feature mean (scikit-learn's `mean_`) over the non-missing
    /// values, `NaN` for a column with none; `None` when neither
    /// `with_mean` nor `with_std` is set.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[1.0], [3.0]];
    /// assert_eq!(StandardScaler::default().fit_unsupervised(x.view())?.mean().unwrap(), array![2.0]);
    /// let neither = StandardScaler::default().with_mean(false).with_std(false);
    /// assert!(neither.fit_unsupervised(x.view())?.mean().is_none());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn mean(&self) -> Option<Array1<f64>> {
        (self.params.with_mean || self.params.with_std).then(|| self.moments.mean())
    }

    /// Per-feature population variance (`var_`) over the non-missing values;
    /// `None` when `with_std` is false.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
    /// assert_eq!(scaler.var().unwrap(), array![1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn var(&self) -> Option<Array1<f64>> {
        self.params.with_std.then(|| self.moments.variance())
    }

    /// Per-feature scale (`scale_`): the standard deviation, or 1 for a
    /// constant feature; `None` when `with_std` is false.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0, 5.0], [5.0, 5.0]].view())?;
    /// assert_eq!(scaler.scale().unwrap(), array![2.0, 1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scale(&self) -> Option<Array1<f64>> {
        self.params.with_std.then(|| scale_of(&self.moments))
    }

    /// Sample weight seen per feature: the number of non-missing values of
    /// each column when unweighted (scikit-learn's `n_samples_seen_`, which is
    /// per feature when there are missing values).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[1.0, 2.0], [3.0, f64::NAN], [4.0, 5.0]];
    /// let scaler = StandardScaler::default().fit_unsupervised(x.view())?;
    /// assert_eq!(scaler.n_samples_seen(), array![3.0, 2.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_samples_seen(&self) -> Array1<f64> {
        self.moments.weight.clone()
    }

    /// Number of features seen in `fit`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0, 2.0, 3.0]].view())?;
    /// assert_eq!(scaler.n_features_in(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.moments.mean.len()
    }

    /// The feature-count half of `check_predict_input`; the finiteness half
    /// is fused into the passes over the data.
    fn check_width(&self, x: ArrayView2<'_, F>) -> Result<()> {
        if x.ncols() != self.n_features_in() {
            return Err(Error::FeatureCountMismatch {
                context: NAME.into(),
                expected: self.n_features_in(),
                got: x.ncols(),
            });
        }
        Ok(())
    }

    /// Applies `op(value, offset, divisor)` to every cell, in parallel over
    /// fixed row chunks, with the finiteness check fused into the pass (see
    /// [`map_cells`]).
    fn map_rows(&self, x: ArrayView2<'_, F>, op: impl Fn(F, F, F) -> F + Sync) -> Result<Array2<F>> {
        self.check_width(x)?;
        let offset = self.offset.as_slice().expect("owned 1-D arrays are contiguous");
        let divisor = self.divisor.as_slice().expect("owned 1-D arrays are contiguous");
        map_cells(NAME, self.params.n_jobs, x, offset, divisor, op)
    }
}

/// The standard deviation of each column, with 1 for constant columns
/// (scikit-learn's `_is_constant_feature` and `_handle_zeros_in_scale`);
/// `NaN` for a column with no value, as scikit-learn.
fn scale_of(moments: &ColumnMoments) -> Array1<f64> {
    let eps = f64::EPSILON;
    Zip::from(&moments.variance())
        .and(&moments.mean())
        .and(&moments.weight)
        .map_collect(|&var, &mean, &n| {
            let upper_bound = n * eps * var + (n * mean * eps).powi(2);
            let std = var.sqrt();
            if var <= upper_bound || std < 10.0 * eps {
                1.0
            } else {
                std
            }
        })
}

impl<F: Float> Transformer<F> for FittedStandardScaler<F> {
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.map_rows(x, |v, offset, divisor| (v - offset) / divisor)
    }

    /// A sparse `x` gives a sparse output (each stored value divided by its
    /// column's scale, `NaN` passed through) when the scaler does not
    /// centre; with `with_mean` it is [`Error::InvalidParameter`], as
    /// scikit-learn.
    fn transform_matrix(&self, x: MatrixView<'_, F>) -> Result<Matrix<F>> {
        let x = match x {
            MatrixView::Dense(x) => return self.transform(x).map(Matrix::Dense),
            MatrixView::Sparse(x) => x,
        };
        self.params.check_sparse_allowed()?;
        check_matrix_predict_input_with_missing(NAME, self.n_features_in(), x.into())?;
        let divisor = self.divisor.as_slice().expect("owned 1-D arrays are contiguous");
        Ok(Matrix::Sparse(column_stats::map_columns(x, divisor, |v, d| v / d)))
    }
}

impl<F: Float> InverseTransformer<F> for FittedStandardScaler<F> {
    fn inverse_transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.map_rows(x, |v, offset, divisor| v * divisor + offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::parallel::ROW_CHUNK;
    use crate::traits::UnsupervisedEstimator;

    fn data() -> Array2<f64> {
        Array2::from_shape_fn((3 * ROW_CHUNK + 11, 4), |(i, j)| {
            (i as f64 * 0.3 + j as f64).sin() * 10.0 + j as f64
        })
    }

    #[test]
    fn fused_checks_report_the_first_infinite_cell() {
        let x = data();
        let mut bad = x.clone();
        bad[[2 * ROW_CHUNK + 1, 3]] = f64::INFINITY;
        bad[[ROW_CHUNK + 2, 1]] = f64::NEG_INFINITY;
        bad[[3, 0]] = f64::NAN; // a missing value, not an error
        let fitted = StandardScaler::default().fit_unsupervised(x.view()).unwrap();
        let expect_first = |r: Result<_>| match r {
            Err(Error::NonFinite { row, column, .. }) => assert_eq!((row, column), (ROW_CHUNK + 2, 1)),
            other => panic!("expected NonFinite, got {other:?}"),
        };
        expect_first(StandardScaler::default().fit_unsupervised(bad.view()).map(|_| ()));
        expect_first(fitted.transform(bad.view()).map(|_| ()));
        expect_first(fitted.inverse_transform(bad.view()).map(|_| ()));
        let mut partial = fitted.clone();
        expect_first(partial.partial_fit(bad.view(), None));
        assert_eq!(partial, fitted, "a failed partial_fit leaves the scaler unchanged");
    }

    #[test]
    fn overflowing_sums_of_finite_values_are_not_an_error() {
        // Sums overflow to infinity although every value is finite: the exact
        // check must clear it, as the separate check_array pass did.
        let x = Array2::from_elem((4, 1), f64::MAX);
        assert!(StandardScaler::default().fit_unsupervised(x.view()).is_ok());
    }

    #[test]
    fn same_bits_for_any_thread_count_and_layout() {
        let x = data();
        let fortran = x.t().to_owned().reversed_axes();
        let reference = StandardScaler::default()
            .n_jobs(Some(1))
            .fit_unsupervised(x.view())
            .unwrap();
        let z = reference.transform(x.view()).unwrap();
        for threads in [2, 3] {
            for view in [x.view(), fortran.view()] {
                let fitted = StandardScaler::default()
                    .n_jobs(Some(threads))
                    .fit_unsupervised(view)
                    .unwrap();
                assert_eq!(fitted.mean(), reference.mean());
                assert_eq!(fitted.var(), reference.var());
                assert_eq!(fitted.transform(view).unwrap(), z);
            }
        }
    }
}
