//! [`MaxAbsScaler`]: scale each feature by its largest absolute value.

use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::{ROW_CHUNK, map_row_chunks, with_n_jobs};
use crate::preprocessing::rows::map_cells;
use crate::sparse::{
    CsrMatrix, Matrix, MatrixView, check_matrix_predict_input_with_missing, check_matrix_with_missing, column_stats,
};
use crate::traits::{Estimator, InverseTransformer, Transformer};
use crate::validation::{check_no_infinity, check_not_empty, check_param};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

const NAME: &str = "MaxAbsScaler";

/// Scales each feature by its maximum absolute value, so that the training
/// data lies in `[-1, 1]` (scikit-learn's `MaxAbsScaler`). Nothing is
/// shifted, so zeros stay zeros: it is the scaler for sparse data, and a
/// sparse input ([`fit_matrix`](Estimator::fit_matrix),
/// [`transform_matrix`](Transformer::transform_matrix)) is scaled without
/// densifying, its output sparse.
///
/// A feature whose maximum is 0 keeps a scale of 1. `NaN` is a missing
/// value, as in scikit-learn: `fit` ignores it and `transform` passes it
/// through; infinity is an error. [`partial_fit`](FittedMaxAbsScaler::partial_fit)
/// updates the maxima batch by batch. Maxima are found over fixed row
/// chunks in parallel (the same bits on any number of threads).
///
/// Unsupervised: as a [`Pipeline`](crate::compose::Pipeline) step it ignores
/// the targets.
///
/// # Hyperparameters
/// - `n_jobs` (default `None`, every core): threads for fit and transform.
///
/// # Fitted attributes
/// [`max_abs`](FittedMaxAbsScaler::max_abs), [`scale`](FittedMaxAbsScaler::scale),
/// [`n_samples_seen`](FittedMaxAbsScaler::n_samples_seen),
/// [`n_features_in`](FittedMaxAbsScaler::n_features_in).
///
/// # Errors
/// [`Error::InvalidParameter`] for `n_jobs = Some(0)`, [`Error::EmptyInput`],
/// [`Error::NonFinite`] for an infinity, [`Error::FeatureCountMismatch`]
/// when transforming a matrix of another width.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::MaxAbsScaler;
/// use learnkit::sparse::{CsrMatrix, Matrix};
/// use ndarray::array;
///
/// let x = array![[1.0, -4.0, 0.0], [-2.0, 0.0, 0.0], [0.0, 2.0, 0.0]];
/// let scaler = MaxAbsScaler::default().fit_unsupervised(x.view())?;
/// assert_eq!(scaler.transform(x.view())?.row(0), array![0.5, -1.0, 0.0]);
/// let sparse = CsrMatrix::from_dense(x.view());
/// let Matrix::Sparse(scaled) = scaler.transform_matrix((&sparse).into())? else { unreachable!() };
/// assert_eq!(scaled.nnz(), 4);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MaxAbsScaler {
    /// Threads for fit and transform; `None` uses every core.
    pub n_jobs: Option<usize>,
}

setters!(MaxAbsScaler in "learnkit::preprocessing" {
    n_jobs: Option<usize> = Some(1);
});

impl MaxAbsScaler {
    fn validate(&self) -> Result<()> {
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))
    }

    /// The largest absolute value of each column and the number of rows.
    fn max_abs_of<F: Float>(&self, x: MatrixView<'_, F>) -> Result<(Array1<f64>, usize)> {
        self.validate()?;
        let max_abs = match x {
            MatrixView::Dense(x) => {
                check_not_empty(NAME, x)?;
                let Some(max_abs) = with_n_jobs(self.n_jobs, || column_max_abs(x))? else {
                    // Some value is infinite: the exact check names the first one.
                    check_no_infinity(NAME, x)?;
                    return Err(Error::invalid_input(NAME, "X holds an infinite value"));
                };
                max_abs
            }
            MatrixView::Sparse(x) => {
                check_matrix_with_missing(NAME, x.into())?;
                column_stats::column_max_abs(x).mapv(|v| v.as_f64())
            }
        };
        Ok((max_abs, x.nrows()))
    }
}

/// Column maxima of the absolute non-missing values (at least 0), by a
/// parallel reduction over fixed row chunks; `None` when a value is infinite.
fn column_max_abs<F: Float>(x: ArrayView2<'_, F>) -> Option<Array1<f64>> {
    let chunks = map_row_chunks(x, ROW_CHUNK, |_, rows| {
        let mut hi = vec![F::zero(); rows.ncols()];
        let mut finite = true;
        for row in rows.outer_iter() {
            for (h, &v) in hi.iter_mut().zip(row.iter()) {
                finite &= !v.is_infinite();
                // NaN fails the comparison: a missing value is skipped.
                if v.abs() > *h {
                    *h = v.abs();
                }
            }
        }
        (hi, finite)
    });
    let mut hi = Array1::zeros(x.ncols());
    for (chunk, finite) in chunks {
        if !finite {
            return None;
        }
        for (h, c) in hi.iter_mut().zip(chunk) {
            *h = f64::max(*h, c.as_f64());
        }
    }
    Some(hi)
}

impl<F: Float, T> Estimator<F, T> for MaxAbsScaler {
    type Fitted = FittedMaxAbsScaler<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.fit_matrix(x.into(), y)
    }

    /// Dense or sparse, the same model (a sparse `x` is not densified).
    fn fit_matrix(&self, x: MatrixView<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        let (max_abs, n) = self.max_abs_of(x)?;
        Ok(FittedMaxAbsScaler::from_max_abs(self.clone(), max_abs, n))
    }
}

/// A fitted [`MaxAbsScaler`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::MaxAbsScaler;
/// use ndarray::array;
/// let scaler = MaxAbsScaler::default().fit_unsupervised(array![[2.0, 0.0], [-4.0, 0.0]].view())?;
/// assert_eq!(scaler.scale(), &array![4.0, 1.0]); // the all-zero column keeps scale 1
/// assert_eq!(scaler.inverse_transform(array![[0.5, 3.0]].view())?, array![[2.0, 3.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedMaxAbsScaler<F> {
    params: MaxAbsScaler,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    max_abs: Array1<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    scale: Array1<f64>,
    /// `scale` in the input type, the divisor of `transform`.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    scale_f: Array1<F>,
    n_samples_seen: usize,
}

checked_serde!(impl[F: Float] FittedMaxAbsScaler<F>);
persist!(impl[F: Float] FittedMaxAbsScaler<F> => format!("MaxAbsScaler<{}>", F::NAME));

impl<F: Float> crate::persistence::Check for FittedMaxAbsScaler<F> {
    /// The scales follow from the maxima, which are not negative.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::{ensure, same_values};
        let derived = Self::from_max_abs(self.params.clone(), self.max_abs.clone(), self.n_samples_seen);
        ensure(
            !self.max_abs.iter().any(|&m| m < 0.0)
                && same_values(&derived.scale, &self.scale)
                && same_values(&derived.scale_f, &self.scale_f),
            || {
                format!(
                    "MaxAbsScaler: the scales disagree with the maxima of {} features",
                    self.max_abs.len()
                )
            },
        )
    }
}

impl<F: Float> FittedMaxAbsScaler<F> {
    fn from_max_abs(params: MaxAbsScaler, max_abs: Array1<f64>, n_samples_seen: usize) -> Self {
        // scikit-learn's `_handle_zeros_in_scale`: a zero maximum divides by 1.
        let scale = max_abs.mapv(|m| if m < 10.0 * f64::EPSILON { 1.0 } else { m });
        FittedMaxAbsScaler {
            params,
            scale_f: scale.mapv(F::cast),
            max_abs,
            scale,
            n_samples_seen,
        }
    }

    /// Updates the maxima with another batch of rows, dense or sparse, as
    /// scikit-learn's `partial_fit`; on error the scaler is unchanged.
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`] for a batch of another width, and
    /// the errors of `fit`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MaxAbsScaler;
    /// use ndarray::array;
    /// let mut scaler = MaxAbsScaler::default().fit_unsupervised(array![[1.0], [-2.0]].view())?;
    /// scaler.partial_fit(array![[3.0]].view().into())?;
    /// assert_eq!((scaler.max_abs()[0], scaler.n_samples_seen()), (3.0, 3));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit(&mut self, x: MatrixView<'_, F>) -> Result<()> {
        self.check_width(x.ncols())?;
        let (batch, n) = self.params.max_abs_of(x)?;
        let max_abs = ndarray::Zip::from(&self.max_abs)
            .and(&batch)
            .map_collect(|&a, &b| a.max(b));
        *self = Self::from_max_abs(self.params.clone(), max_abs, self.n_samples_seen + n);
        Ok(())
    }

    /// Per-feature maximum absolute value (scikit-learn's `max_abs_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MaxAbsScaler;
    /// use ndarray::array;
    /// let s = MaxAbsScaler::default().fit_unsupervised(array![[1.0], [-3.0]].view())?;
    /// assert_eq!(s.max_abs(), &array![3.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn max_abs(&self) -> &Array1<f64> {
        &self.max_abs
    }

    /// Per-feature divisor (`scale_`): the maximum, or 1 for an all-zero
    /// feature.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MaxAbsScaler;
    /// use ndarray::array;
    /// let s = MaxAbsScaler::default().fit_unsupervised(array![[0.0], [0.0]].view())?;
    /// assert_eq!(s.scale(), &array![1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scale(&self) -> &Array1<f64> {
        &self.scale
    }

    /// Number of rows seen (`n_samples_seen_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MaxAbsScaler;
    /// use ndarray::array;
    /// let s = MaxAbsScaler::default().fit_unsupervised(array![[1.0], [2.0]].view())?;
    /// assert_eq!(s.n_samples_seen(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_samples_seen(&self) -> usize {
        self.n_samples_seen
    }

    /// Number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MaxAbsScaler;
    /// use ndarray::array;
    /// let s = MaxAbsScaler::default().fit_unsupervised(array![[1.0, 2.0]].view())?;
    /// assert_eq!(s.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.scale.len()
    }

    fn check_width(&self, got: usize) -> Result<()> {
        if got != self.n_features_in() {
            return Err(Error::FeatureCountMismatch {
                context: NAME.into(),
                expected: self.n_features_in(),
                got,
            });
        }
        Ok(())
    }

    fn scale_slice(&self) -> &[F] {
        self.scale_f.as_slice().expect("owned 1-D arrays are contiguous")
    }

    fn map_sparse(&self, x: &CsrMatrix<F>, op: impl Fn(F, F) -> F) -> Result<Matrix<F>> {
        check_matrix_predict_input_with_missing(NAME, self.n_features_in(), x.into())?;
        Ok(Matrix::Sparse(column_stats::map_columns(x, self.scale_slice(), op)))
    }
}

impl<F: Float> Transformer<F> for FittedMaxAbsScaler<F> {
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.check_width(x.ncols())?;
        let scale = self.scale_slice();
        map_cells(NAME, self.params.n_jobs, x, scale, scale, |v, s, _| v / s)
    }

    /// A sparse `x` gives a sparse output with the same stored entries.
    fn transform_matrix(&self, x: MatrixView<'_, F>) -> Result<Matrix<F>> {
        match x {
            MatrixView::Dense(x) => self.transform(x).map(Matrix::Dense),
            MatrixView::Sparse(x) => self.map_sparse(x, |v, s| v / s),
        }
    }
}

impl<F: Float> InverseTransformer<F> for FittedMaxAbsScaler<F> {
    fn inverse_transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.check_width(x.ncols())?;
        let scale = self.scale_slice();
        map_cells(NAME, self.params.n_jobs, x, scale, scale, |v, s, _| v * s)
    }
}
