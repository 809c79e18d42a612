//! [`KNeighborsRegressor`]: the (weighted) mean target of the `k` nearest
//! training rows, as scikit-learn's `KNeighborsRegressor`.

use super::base::NeighborsBase;
use super::vote::weighted_mean;
use crate::error::Result;
use crate::float::Float;
use crate::sparse::{MatrixView, check_matrix_x_y};
use crate::traits::{Estimator, Predictor};
use crate::validation::check_finite_1d;
use ndarray::{Array1, ArrayView1, ArrayView2};

const NAME: &str = "KNeighborsRegressor";

kneighbors_params!(
    KNeighborsRegressor,
    "Regression by the mean target of the `n_neighbors` nearest training rows,\n\
     as scikit-learn's `KNeighborsRegressor` (with [`Weights::Distance`](super::Weights::Distance),\n\
     the mean weighted by `1 / distance`; rows at distance zero share all the\n\
     weight). Sparse rows (`fit_matrix`, `predict_matrix` with a `CsrMatrix`)\n\
     are searched by brute force without densifying, as by `NearestNeighbors`.\n\
     \n\
     # Errors\n\
     `fit`: `n_neighbors` 0, `leaf_size` 0, Minkowski's `p` below 1, cosine with a\n\
     tree algorithm, empty or non-finite `x` or `y`; `n_neighbors` above the number\n\
     of training rows ([`Error::InvalidInput`](crate::Error::InvalidInput): scikit-learn\n\
     fits and fails at the first prediction). Predicting: `x` with another number\n\
     of features, empty or non-finite.\n\
     \n\
     # Example\n\
     ```\n\
     use learnkit::prelude::*;\n\
     use learnkit::neighbors::KNeighborsRegressor;\n\
     use ndarray::array;\n\
     let x = array![[0.0], [1.0], [2.0], [3.0]];\n\
     let y = array![0.0, 1.0, 4.0, 9.0];\n\
     let model = KNeighborsRegressor::default().n_neighbors(2).fit(x.view(), y.view())?;\n\
     assert_eq!(model.predict(array![[0.4], [2.6]].view())?, array![0.5, 6.5]);\n\
     # Ok::<(), learnkit::Error>(())\n\
     ```"
);

impl<F: Float> Estimator<F, F> for KNeighborsRegressor {
    type Fitted = FittedKNeighborsRegressor<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        self.fit_matrix(x.into(), y)
    }

    /// [`Estimator::fit`] on a dense or sparse `x`; sparse rows are kept
    /// sparse and searched by brute force (see
    /// [`Algorithm`](crate::neighbors::Algorithm)).
    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        check_matrix_x_y(NAME, x, y.len())?;
        check_finite_1d(NAME, y)?;
        Ok(FittedKNeighborsRegressor {
            params: self.clone(),
            base: self.fit_base(x)?,
            y: y.to_owned(),
        })
    }
}

/// A fitted [`KNeighborsRegressor`]: the indexed training rows and their
/// targets.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::neighbors::KNeighborsRegressor;
/// use ndarray::array;
/// let model = KNeighborsRegressor::default().n_neighbors(1).fit(array![[0.0], [1.0]].view(), array![5.0, 7.0].view())?;
/// assert_eq!(model.predict(array![[0.9]].view())?, array![7.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedKNeighborsRegressor<F> {
    params: KNeighborsRegressor,
    base: NeighborsBase<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    y: Array1<F>,
}

checked_serde!(impl[F: Float] FittedKNeighborsRegressor<F>);
persist!(impl[F: Float] FittedKNeighborsRegressor<F> => format!("KNeighborsRegressor<{}>", F::NAME));

impl<F: Float> crate::persistence::Check for FittedKNeighborsRegressor<F> {
    /// One finite target per training row and a search matching the
    /// hyperparameters.
    fn check(&self) -> std::result::Result<(), String> {
        crate::persistence::check::same_len("targets", self.base.n_samples(), self.y.len())?;
        check_finite_1d(NAME, self.y.view()).map_err(|e| e.to_string())?;
        self.params.check_saved(&self.base)
    }
}

impl<F: Float> FittedKNeighborsRegressor<F> {
    /// The hyperparameters it was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::neighbors::KNeighborsRegressor;
    /// let m = KNeighborsRegressor::default().n_neighbors(1).fit(ndarray::array![[0.0]].view(), ndarray::array![1.0].view())?;
    /// assert_eq!(m.params().n_neighbors, 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &KNeighborsRegressor {
        &self.params
    }
}

impl<F: Float> FittedKNeighborsRegressor<F> {
    /// The training rows in their original order and their targets: what
    /// the ONNX export writes.
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn training_rows(&self) -> Result<(ndarray::Array2<F>, ArrayView1<'_, F>)> {
        Ok((self.base.index.training_data()?, self.y.view()))
    }
}

fitted_neighbors_api!(impl[F: Float] FittedKNeighborsRegressor<F>, NAME,
    "use learnkit::neighbors::KNeighborsRegressor;",
    "let m = KNeighborsRegressor::default().n_neighbors(1).fit(x.view(), ndarray::array![0.0, 1.0, 1.0].view())?;");

impl<F: Float> Predictor<F> for FittedKNeighborsRegressor<F> {
    type Output = F;

    /// The (weighted) mean target of each row's neighbours.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        self.predict_matrix(x.into())
    }

    /// [`Predictor::predict`] on a dense or sparse `x` (see
    /// [`kneighbors_matrix`](FittedKNeighborsRegressor::kneighbors_matrix)).
    fn predict_matrix(&self, x: MatrixView<'_, F>) -> Result<Array1<F>> {
        let (distances, indices) = self.base.kneighbors(NAME, Some(x), self.params.n_neighbors)?;
        Ok(distances
            .rows()
            .into_iter()
            .zip(indices.rows())
            .map(|(d, i)| weighted_mean(self.params.weights, d, i, self.y.view()))
            .collect())
    }

    /// R² of the predictions.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        crate::validation::check_same_length(NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
        crate::metrics::r2_score(y, self.predict(x)?.view())
    }
}
