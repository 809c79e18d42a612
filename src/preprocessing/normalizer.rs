//! [`Normalizer`]: scale each row to unit norm.

use crate::error::Result;
use crate::float::Float;
use crate::parallel::with_n_jobs;
use crate::preprocessing::rows::map_rows;
use crate::sparse::{Matrix, MatrixView, checks};
use crate::traits::{Estimator, Transformer};
use crate::validation::{check_array, check_param, check_predict_input};
use ndarray::{Array2, ArrayView1, ArrayView2};

const NAME: &str = "Normalizer";

/// The row norm a [`Normalizer`] divides by (scikit-learn's `norm`).
///
/// # Example
/// ```
/// use learnkit::preprocessing::Norm;
/// assert_eq!(Norm::default(), Norm::L2);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Norm {
    /// Sum of absolute values.
    L1,
    /// Euclidean norm (scikit-learn's default).
    #[default]
    L2,
    /// Largest absolute value.
    Max,
}

/// Scales each row (sample) to unit norm, independently of the others
/// (scikit-learn's `Normalizer`): the tf-idf step of text pipelines and the
/// cosine-similarity preparation of k-NN. A row of zeros stays zeros.
///
/// Stateless: `fit` only checks the data and records its width. A sparse
/// input ([`transform_matrix`](Transformer::transform_matrix)) gives a sparse
/// output with the same stored entries, the norms computed over the stored
/// values (the implicit zeros add nothing). `NaN` and infinities are errors,
/// as in scikit-learn.
///
/// Unsupervised: as a [`Pipeline`](crate::compose::Pipeline) step it ignores
/// the targets.
///
/// # Hyperparameters
/// - `norm` (default [`Norm::L2`]).
/// - `n_jobs` (default `None`, every core): threads for dense transforms.
///
/// # Fitted attributes
/// [`n_features_in`](FittedNormalizer::n_features_in).
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for
/// `n_jobs = Some(0)`, [`Error::EmptyInput`](crate::Error::EmptyInput),
/// [`Error::NonFinite`](crate::Error::NonFinite),
/// [`Error::FeatureCountMismatch`](crate::Error::FeatureCountMismatch) when
/// transforming a matrix of another width.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::{Norm, Normalizer};
/// use ndarray::array;
///
/// let x = array![[3.0, 4.0], [0.0, 0.0], [-1.0, 1.0]];
/// let l2 = Normalizer::default().fit_unsupervised(x.view())?;
/// assert_eq!(l2.transform(x.view())?.row(0), array![0.6, 0.8]);
/// let l1 = Normalizer::default().norm(Norm::L1).fit_unsupervised(x.view())?;
/// assert_eq!(l1.transform(x.view())?, array![[3.0 / 7.0, 4.0 / 7.0], [0.0, 0.0], [-0.5, 0.5]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Normalizer {
    /// The norm each row is divided by.
    pub norm: Norm,
    /// Threads for dense transforms; `None` uses every core.
    pub n_jobs: Option<usize>,
}

setters!(Normalizer in "learnkit::preprocessing" {
    norm: Norm = learnkit::preprocessing::Norm::Max;
    n_jobs: Option<usize> = Some(1);
});

impl<F: Float, T> Estimator<F, T> for Normalizer {
    type Fitted = FittedNormalizer;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.fit_matrix(x.into(), y)
    }

    /// A sparse `x` is checked without densifying.
    fn fit_matrix(&self, x: MatrixView<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        match x {
            MatrixView::Dense(x) => check_array(NAME, x)?,
            MatrixView::Sparse(x) => {
                checks::check_not_empty(NAME, x)?;
                checks::check_finite(NAME, x)?;
            }
        }
        Ok(FittedNormalizer {
            norm: self.norm,
            n_jobs: self.n_jobs,
            n_features_in: x.ncols(),
        })
    }
}

/// A fitted [`Normalizer`]: its norm and the width it was fitted on.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::{Norm, Normalizer};
/// use ndarray::array;
/// let fitted = Normalizer::default().norm(Norm::Max).fit_unsupervised(array![[1.0, 2.0]].view())?;
/// assert_eq!(fitted.transform(array![[-4.0, 2.0]].view())?, array![[-1.0, 0.5]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
pub struct FittedNormalizer {
    norm: Norm,
    n_jobs: Option<usize>,
    n_features_in: usize,
}

checked_serde!(impl[] FittedNormalizer);
persist!(impl[] FittedNormalizer => "Normalizer".to_string());

impl crate::persistence::Check for FittedNormalizer {
    /// Any norm and width make a valid model (the width is checked against
    /// each input); `n_jobs` is not `Some(0)`.
    fn check(&self) -> std::result::Result<(), String> {
        crate::persistence::check::ensure(self.n_jobs != Some(0), || format!("{NAME}: n_jobs is Some(0)"))
    }
}

impl FittedNormalizer {
    /// The norm rows are divided by.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::{Norm, Normalizer};
    /// let fitted = Normalizer::default().fit_unsupervised(ndarray::array![[1.0]].view())?;
    /// assert_eq!(fitted.norm(), Norm::L2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn norm(&self) -> Norm {
        self.norm
    }

    /// Number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::Normalizer;
    /// let fitted = Normalizer::default().fit_unsupervised(ndarray::array![[1.0, 2.0]].view())?;
    /// assert_eq!(fitted.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features_in
    }

    /// The norm of one row's values (stored values for a sparse row), 1 for
    /// a zero row so that it stays zero (scikit-learn's
    /// `_handle_zeros_in_scale` on the norms).
    fn row_norm<F: Float>(&self, values: impl Iterator<Item = F>) -> F {
        let norm = match self.norm {
            Norm::L1 => values.fold(F::zero(), |acc, v| acc + v.abs()),
            Norm::L2 => values.fold(F::zero(), |acc, v| acc + v * v).sqrt(),
            Norm::Max => values.fold(F::zero(), |acc, v| if v.abs() > acc { v.abs() } else { acc }),
        };
        if norm == F::zero() { F::one() } else { norm }
    }
}

impl<F: Float> Transformer<F> for FittedNormalizer {
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input(NAME, self.n_features_in, x)?;
        with_n_jobs(self.n_jobs, || {
            map_rows(NAME, x, x.ncols(), |_, row, out| {
                let norm = self.row_norm(row.iter().copied());
                for (o, &v) in out.iter_mut().zip(row.iter()) {
                    *o = v / norm;
                }
                Ok(())
            })
        })?
    }

    /// A sparse `x` gives a sparse output with the same stored entries.
    fn transform_matrix(&self, x: MatrixView<'_, F>) -> Result<Matrix<F>> {
        let x = match x {
            MatrixView::Dense(x) => return self.transform(x).map(Matrix::Dense),
            MatrixView::Sparse(x) => x,
        };
        checks::check_predict_input(NAME, self.n_features_in, x, false)?;
        let mut out = x.clone();
        let data = out.data_mut();
        for w in x.indptr().windows(2) {
            let row = &mut data[w[0]..w[1]];
            let norm = self.row_norm(row.iter().copied());
            row.iter_mut().for_each(|v| *v /= norm);
        }
        Ok(Matrix::Sparse(out))
    }
}
