//! [`FittedSVR`]: the support vectors and dual coefficients of an [`SVR`],
//! and prediction.

use super::kernel::ResolvedKernel;
use super::smo::SmoSolution;
use super::support::{SupportColumns, Supports, check_support, squared_norms};
use super::svr::{NAME, SVR};
use crate::error::Result;
use crate::float::Float;
use crate::metrics::r2_score;
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len, strictly_increasing};
use crate::sparse::MatrixView;
use crate::traits::Predictor;
use crate::validation::check_same_length;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use std::marker::PhantomData;

/// Test rows per parallel task in prediction.
const PREDICT_ROWS: usize = 64;

/// A fitted [`SVR`]: `f(x) = Σ_k dual_coef_k K(sv_k, x) + intercept`.
///
/// The attributes follow scikit-learn's layout (`dual_coef` is
/// `1 × n_support_vectors`, support vectors in increasing row order) and are
/// kept in `f64`, the precision of the solver's `α` and gradient.
/// Prediction computes each test row's kernel against the support vectors
/// in blocks, over the row's non-zero features only (against the support
/// vectors transposed, made on the first prediction and kept); rows run in
/// parallel.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::svm::Kernel;
/// use ndarray::array;
///
/// let x: ndarray::Array2<f64> = array![[0.0], [1.0], [2.0], [3.0]];
/// let y = array![0.0, 2.0, 4.0, 6.0];
/// let model = SVR::default().kernel(Kernel::Linear).c(100.0).epsilon(0.01).fit(x.view(), y.view())?;
/// let p = model.predict(array![[1.5]].view())?;
/// assert!((p[0] - 3.0).abs() < 0.05);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
pub struct FittedSVR<F> {
    params: SVR,
    kernel: ResolvedKernel,
    n_features_in: usize,
    support: Vec<usize>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    support_vectors: Array2<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    sv_norms: Vec<f64>,
    /// The support vectors transposed, made on the first prediction.
    #[cfg_attr(feature = "serde", serde(skip))]
    sv_columns: SupportColumns,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    dual_coef: Array2<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    intercept: Array1<f64>,
    n_iter: usize,
    converged: bool,
    #[cfg_attr(feature = "serde", serde(skip))]
    float: PhantomData<fn() -> F>,
}

checked_serde!(impl[F: Float] FittedSVR<F>);
persist!(impl[F: Float] FittedSVR<F> => format!("SVR<{}>", F::NAME));

impl<F: Float> Check for FittedSVR<F> {
    /// One row of `dual_coef` with one coefficient per support vector, one
    /// intercept, increasing support indices, and the support vectors,
    /// their norms and the kernel as a fit leaves them (see [`check_support`]).
    fn check(&self) -> std::result::Result<(), String> {
        self.params.validate().map_err(|e| e.to_string())?;
        let n_sv = self.support.len();
        ensure(self.dual_coef.dim() == (1, n_sv), || {
            format!(
                "{NAME}: dual_coef has shape {:?}, expected (1, {n_sv}) for {n_sv} support vectors",
                self.dual_coef.dim()
            )
        })?;
        same_len(&format!("{NAME}: intercept"), 1, self.intercept.len())?;
        strictly_increasing(&format!("{NAME}: support"), &self.support)?;
        check_support(
            NAME,
            &self.params.kernel,
            self.kernel,
            self.n_features_in,
            &self.support,
            &self.support_vectors,
            &self.sv_norms,
        )
    }
}

impl<F: Float> FittedSVR<F> {
    pub(super) fn new(
        params: SVR,
        kernel: ResolvedKernel,
        n_features_in: usize,
        support: Vec<usize>,
        support_vectors: Array2<f64>,
        dual_coef: Vec<f64>,
        solution: &SmoSolution,
    ) -> Self {
        let sv_norms = squared_norms(&support_vectors);
        let n_sv = dual_coef.len();
        FittedSVR {
            params,
            kernel,
            n_features_in,
            support,
            support_vectors,
            sv_norms,
            sv_columns: SupportColumns::default(),
            dual_coef: Array2::from_shape_vec((1, n_sv), dual_coef).expect("one row"),
            intercept: Array1::from_elem(1, -solution.rho),
            n_iter: solution.n_iter,
            converged: solution.converged,
            float: PhantomData,
        }
    }

    /// Indices of the support vectors in the training data (`support_`),
    /// increasing, so that `support_vectors` is `X[support]`. (With
    /// zero sample weights, scikit-learn 1.9 numbers them among the rows of
    /// positive weight instead: its issue #25380.)
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVR::default().fit(iris.data.view(), iris.data.column(0))?;
    /// assert!(model.support().windows(2).all(|w| w[0] < w[1]));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn support(&self) -> &[usize] {
        &self.support
    }

    /// The support vectors (`support_vectors_`), one row each, in `support()`
    /// order, as `f64`. Empty (no rows) with a precomputed kernel, as in
    /// scikit-learn.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVR::default().fit(iris.data.view(), iris.data.column(0))?;
    /// assert_eq!(model.support_vectors().row(0), iris.data.row(model.support()[0]));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn support_vectors(&self) -> ArrayView2<'_, f64> {
        self.support_vectors.view()
    }

    /// The dual coefficients `α_i − α*_i` of the support vectors
    /// (`dual_coef_`), shape `(1, n_support_vectors)`; they sum to zero and
    /// each lies in `[−C·w_i, C·w_i]`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVR::default().fit(iris.data.view(), iris.data.column(0))?;
    /// assert!(model.dual_coef().sum().abs() < 1e-9);
    /// assert!(model.dual_coef().iter().all(|c| c.abs() <= 1.0));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn dual_coef(&self) -> ArrayView2<'_, f64> {
        self.dual_coef.view()
    }

    /// The constant term `b` of the decision function (`intercept_`, one
    /// value; libsvm's `−ρ`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVR::default().fit(iris.data.view(), iris.data.column(0))?;
    /// assert_eq!(model.intercept().len(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn intercept(&self) -> ArrayView1<'_, f64> {
        self.intercept.view()
    }

    /// SMO iterations (`n_iter_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVR::default().max_iter(Some(3)).fit(iris.data.view(), iris.data.column(0))?;
    /// assert!(model.n_iter() <= 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }

    /// Whether the solver met `tol`; `false` means it stopped at `max_iter`
    /// (the model is still usable, as scikit-learn's after a
    /// `ConvergenceWarning`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// assert!(SVR::default().fit(iris.data.view(), iris.data.column(0))?.converged());
    /// assert!(!SVR::default().max_iter(Some(1)).fit(iris.data.view(), iris.data.column(0))?.converged());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// Number of features seen in `fit` (`n_features_in_`); with a
    /// precomputed kernel, the number of training samples.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// assert_eq!(SVR::default().fit(iris.data.view(), iris.data.column(0))?.n_features_in(), 4);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features_in
    }

    /// The kernel with its `gamma` resolved to a number (ONNX export).
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn resolved_kernel(&self) -> super::Kernel {
        self.kernel.as_kernel()
    }
}

impl<F: Float> Predictor<F> for FittedSVR<F> {
    type Output = F;

    /// `Σ_k dual_coef_k K(sv_k, x) + intercept` for each row `x`.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        self.predict_matrix(x.into())
    }

    /// [`Predictor::predict`] on a dense or sparse `x`; a sparse `x` is never
    /// densified (the kernel runs over its stored values), and gives the
    /// dense prediction of the same data.
    fn predict_matrix(&self, x: MatrixView<'_, F>) -> Result<Array1<F>> {
        let coef = self.dual_coef.row(0);
        let b = self.intercept[0];
        let supports = Supports::new(
            self.kernel,
            &self.support,
            &self.support_vectors,
            &self.sv_norms,
            &self.sv_columns,
        );
        let blocks =
            supports.map_kernel_chunks((NAME, self.n_features_in, self.params.n_jobs), x, PREDICT_ROWS, |k| {
                k.rows()
                    .into_iter()
                    .map(|kr| F::cast(kr.iter().zip(coef).map(|(kv, c)| kv * c).sum::<f64>() + b))
                    .collect::<Vec<F>>()
            })?;
        Ok(blocks.into_iter().flatten().collect())
    }

    /// R², as scikit-learn's `score`.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        check_same_length(NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
        let predicted = self.predict(x)?;
        r2_score(y, predicted.view())
    }
}
