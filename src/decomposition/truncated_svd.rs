//! [`TruncatedSVD`]: a randomized truncated SVD of the data as is (no
//! centring), on the same machinery as [`PCA`](super::PCA)'s randomized solver.

use super::PowerIterationNormalizer;
use super::randomized::RandomizedSvd;
use super::signs::flip_signs;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::linalg::{LINEAR_SCORE_ROWS, affine_rows};
use crate::parallel::{with_n_jobs, with_n_jobs_rows};
use crate::persistence::Check;
use crate::persistence::check::ensure;
use crate::sparse::{Matrix, MatrixView, check_matrix, check_matrix_predict_input, column_stats};
use crate::traits::{Estimator, InverseTransformer, Transformer};
use crate::validation::{check_array, check_param, check_predict_input};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};

const NAME: &str = "TruncatedSVD";

/// Dimensionality reduction by a truncated SVD of the data, without
/// centring it first (scikit-learn's `TruncatedSVD`, `algorithm="randomized"`).
///
/// A sparse input ([`fit_matrix`](Estimator::fit_matrix),
/// [`transform_matrix`](Transformer::transform_matrix)) is never densified:
/// the solver only multiplies by the matrix and its transpose, as
/// scikit-learn's on a scipy matrix (its `"arpack"` algorithm is not
/// offered). The projection is dense.
///
/// Signs follow scikit-learn's `svd_flip` (each component's largest entry
/// in absolute value is positive); the random matrix differs from numpy's,
/// so values agree with scikit-learn's to the accuracy of the method.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::decomposition::TruncatedSVD;
///
/// let digits = learnkit::datasets::load_digits();
/// let svd = TruncatedSVD::default().n_components(5).random_state(0).fit_unsupervised(digits.data.view()).unwrap();
/// assert_eq!(svd.transform(digits.data.view()).unwrap().dim(), (1797, 5));
/// assert!(svd.explained_variance_ratio().sum() > 0.4);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct TruncatedSVD {
    /// Number of components (at least 1, at most `min(n_samples, n_features)`).
    pub n_components: usize,
    /// Power iterations.
    pub n_iter: usize,
    /// Extra random directions (at least 1).
    pub n_oversamples: usize,
    /// Normalisation between power iterations.
    pub power_iteration_normalizer: PowerIterationNormalizer,
    /// Seed of the random matrix (`None`: fresh entropy).
    pub random_state: Option<u64>,
    /// Threads (`None`: every core).
    pub n_jobs: Option<usize>,
}

impl Default for TruncatedSVD {
    fn default() -> Self {
        TruncatedSVD {
            n_components: 2,
            n_iter: 5,
            n_oversamples: 10,
            power_iteration_normalizer: PowerIterationNormalizer::Auto,
            random_state: None,
            n_jobs: None,
        }
    }
}

setters!(TruncatedSVD in "learnkit::decomposition" {
    n_components: usize = 3;
    n_iter: usize = 7;
    n_oversamples: usize = 20;
    power_iteration_normalizer: PowerIterationNormalizer = learnkit::decomposition::PowerIterationNormalizer::Qr;
    n_jobs: Option<usize> = Some(1);
});
random_state_setter!(TruncatedSVD in "learnkit::decomposition");

impl TruncatedSVD {
    fn validate(&self) -> Result<()> {
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        check_param(NAME, "n_oversamples", self.n_oversamples, ">= 1", |n| n >= 1)?;
        check_param(NAME, "n_components", self.n_components, ">= 1", |n| n >= 1)
    }
}

impl<F: Float, T> Estimator<F, T> for TruncatedSVD {
    type Fitted = FittedTruncatedSVD<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.fit_matrix(x.into(), y)
    }

    /// A sparse `x` is never densified: the randomized solver only needs
    /// the products `X·B` and `Xᵀ·B`. Same random draws as the dense fit,
    /// so the same components to rounding.
    fn fit_matrix(&self, x: MatrixView<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.validate()?;
        match x {
            MatrixView::Dense(x) => check_array(NAME, x)?,
            MatrixView::Sparse(x) => {
                check_matrix(NAME, x.into())?;
            }
        }
        let (n, d) = x.shape();
        if self.n_components > n.min(d) {
            return Err(Error::invalid_parameter(
                NAME,
                "n_components",
                format!("at most min(n_samples, n_features) = {}", n.min(d)),
                self.n_components,
            ));
        }
        with_n_jobs(self.n_jobs, || {
            let svd = RandomizedSvd {
                n_components: self.n_components,
                n_oversamples: self.n_oversamples,
                n_iter: self.n_iter,
                normalizer: self.power_iteration_normalizer,
                random_state: self.random_state,
            };
            let (singular_values, mut components) = match x {
                MatrixView::Dense(x) => svd.run(x, Array1::<F>::zeros(d).view())?,
                MatrixView::Sparse(x) => {
                    let columns = x.to_csc();
                    svd.run_with((n, d), |q| x.dot_dense(q), |y| columns.transpose_dot_dense(y))?
                }
            };
            flip_signs(&mut components);
            let projected = project(x, &components)?;
            // As scikit-learn: variances (ddof = 0) of the projections and of the features.
            let explained_variance = projected.var_axis(Axis(0), F::zero());
            let total_variance = match x {
                MatrixView::Dense(x) => x.var_axis(Axis(0), F::zero()).sum(),
                MatrixView::Sparse(x) => F::cast(column_stats::column_moments(x, None).variance().sum()),
            };
            Ok(FittedTruncatedSVD {
                n_jobs: self.n_jobs,
                explained_variance_ratio: explained_variance.mapv(|v| v / total_variance),
                explained_variance,
                singular_values,
                components,
            })
        })?
    }
}

/// `x · componentsᵀ` (checked inputs), dense or sparse `x`.
fn project<F: Float>(x: MatrixView<'_, F>, components: &Array2<F>) -> Result<Array2<F>> {
    match x {
        MatrixView::Dense(x) => {
            let k = components.nrows();
            let mut out = Array2::<F>::zeros((x.nrows(), k));
            affine_rows(x, components.view(), Array1::zeros(k).view(), out.view_mut());
            Ok(out)
        }
        MatrixView::Sparse(x) => x.dot_dense(components.t()),
    }
}

/// A fitted [`TruncatedSVD`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::decomposition::TruncatedSVD;
/// let x = learnkit::datasets::load_iris().data;
/// let svd = TruncatedSVD::default().random_state(0).fit_unsupervised(x.view()).unwrap();
/// assert_eq!(svd.components().dim(), (2, 4));
/// let back = svd.inverse_transform(svd.transform(x.view()).unwrap().view()).unwrap();
/// assert_eq!(back.dim(), (150, 4));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedTruncatedSVD<F> {
    n_jobs: Option<usize>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    components: Array2<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    explained_variance: Array1<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    explained_variance_ratio: Array1<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    singular_values: Array1<F>,
}

checked_serde!(impl[F: Float] FittedTruncatedSVD<F>);
persist!(impl[F: Float] FittedTruncatedSVD<F> => format!("TruncatedSVD<{}>", F::NAME));

impl<F: Float> Check for FittedTruncatedSVD<F> {
    /// At least one component of at least one feature (a fit's
    /// `n_components ≥ 1`), and one variance, ratio and singular value each.
    fn check(&self) -> std::result::Result<(), String> {
        let (k, d) = self.components.dim();
        ensure(k >= 1 && d >= 1, || {
            format!("{NAME}: components has shape ({k}, {d}), expected at least one of each")
        })?;
        super::check_spectrum_lengths(
            NAME,
            k,
            [
                self.explained_variance.len(),
                self.explained_variance_ratio.len(),
                self.singular_values.len(),
            ],
        )?;
        ensure(self.n_jobs != Some(0), || format!("{NAME}: n_jobs is Some(0)"))
    }
}

impl<F: Float> FittedTruncatedSVD<F> {
    /// The right singular vectors, one per row (`n_components × n_features`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let svd = learnkit::decomposition::TruncatedSVD::default().random_state(0).fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert!(svd.components().row(0).iter().all(|&v| v > 0.0));
    /// ```
    pub fn components(&self) -> &Array2<F> {
        &self.components
    }

    /// The variance (ddof 0) of the training data's projection on each component.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let svd = learnkit::decomposition::TruncatedSVD::default().random_state(0).fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert!(svd.explained_variance()[0] > 0.0);
    /// ```
    pub fn explained_variance(&self) -> &Array1<F> {
        &self.explained_variance
    }

    /// The explained variances over the total variance of the features.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let svd = learnkit::decomposition::TruncatedSVD::default().random_state(0).fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert!(svd.explained_variance_ratio().sum() < 1.0);
    /// ```
    pub fn explained_variance_ratio(&self) -> &Array1<F> {
        &self.explained_variance_ratio
    }

    /// The top singular values of the data.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let svd = learnkit::decomposition::TruncatedSVD::default().random_state(0).fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert!(svd.singular_values()[0] >= svd.singular_values()[1]);
    /// ```
    pub fn singular_values(&self) -> &Array1<F> {
        &self.singular_values
    }

    /// The number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let svd = learnkit::decomposition::TruncatedSVD::default().random_state(0).fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert_eq!(svd.n_features_in(), 4);
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.components.ncols()
    }
}

impl<F: Float> Transformer<F> for FittedTruncatedSVD<F> {
    /// `x · componentsᵀ`, row by row.
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input(NAME, self.n_features_in(), x)?;
        with_n_jobs_rows(self.n_jobs, x.nrows(), LINEAR_SCORE_ROWS, || {
            project(x.into(), &self.components)
        })?
    }

    /// A sparse `x` is projected without densifying; the output is dense
    /// (`n_components` columns), as scikit-learn's.
    fn transform_matrix(&self, x: MatrixView<'_, F>) -> Result<Matrix<F>> {
        let x = match x {
            MatrixView::Dense(x) => return self.transform(x).map(Matrix::Dense),
            MatrixView::Sparse(x) => x,
        };
        check_matrix_predict_input(NAME, self.n_features_in(), x.into())?;
        with_n_jobs(self.n_jobs, || x.dot_dense(self.components.t()))?.map(Matrix::Dense)
    }
}

impl<F: Float> InverseTransformer<F> for FittedTruncatedSVD<F> {
    /// `z · components`.
    fn inverse_transform(&self, z: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input(NAME, self.components.nrows(), z)?;
        let back = self.components.t().as_standard_layout().into_owned();
        with_n_jobs_rows(self.n_jobs, z.nrows(), LINEAR_SCORE_ROWS, || {
            let mut out = Array2::<F>::zeros((z.nrows(), self.n_features_in()));
            affine_rows(
                z,
                back.view(),
                Array1::zeros(self.n_features_in()).view(),
                out.view_mut(),
            );
            out
        })
    }
}
