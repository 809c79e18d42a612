//! `TfidfTransformer`: term counts to tf-idf weights, sparse in and out.

use crate::error::Result;
use crate::float::Float;
use crate::persistence::Check;
use crate::persistence::check::ensure;
use crate::sparse::normalize::normalize_rows;
use crate::sparse::{CsrMatrix, Matrix, MatrixView, check_matrix, check_stored_finite};
use crate::traits::{Estimator, Transformer};
use crate::validation::check_feature_count;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

const NAME: &str = "TfidfTransformer";

/// The norm each output row is scaled to (scikit-learn's `norm`; `None`
/// in an `Option` for no scaling): the [`Normalizer`](crate::preprocessing::Normalizer)'s
/// norm, re-exported here as scikit-learn users look for it beside the
/// vectorizers.
pub use crate::preprocessing::Norm;

/// Turns a matrix of term counts into tf-idf weights (scikit-learn's
/// `TfidfTransformer`): `tf × idf` with `idf = ln(n / df) + 1`, then each
/// row scaled to unit norm.
///
/// Defaults as scikit-learn: `norm` L2, `use_idf`, `smooth_idf` (one extra
/// document containing every term: `idf = ln((1 + n) / (1 + df)) + 1`),
/// no `sublinear_tf`. A sparse input gives a sparse output with the same
/// stored entries ([`Transformer::transform_matrix`]); the dense
/// [`Transformer::transform`] returns the same numbers densified.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::feature_extraction::TfidfTransformer;
/// use learnkit::sparse::{CsrMatrix, Matrix};
/// use ndarray::array;
/// let counts = CsrMatrix::from_dense(array![[3.0, 0.0], [1.0, 1.0]].view());
/// let no_targets = ndarray::ArrayView1::<()>::from(&[]);
/// let (fitted, tfidf) = TfidfTransformer::default().fit_transform_matrix((&counts).into(), no_targets)?;
/// let idf = fitted.idf().unwrap();
/// assert!((idf[1] - ((3.0f64 / 2.0).ln() + 1.0)).abs() < 1e-15);
/// let Matrix::Sparse(tfidf) = tfidf else { unreachable!() };
/// assert_eq!(tfidf.data()[0], 1.0); // one term: unit norm
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TfidfTransformer {
    pub(crate) norm: Option<Norm>,
    pub(crate) use_idf: bool,
    pub(crate) smooth_idf: bool,
    pub(crate) sublinear_tf: bool,
}

impl Default for TfidfTransformer {
    fn default() -> Self {
        TfidfTransformer {
            norm: Some(Norm::L2),
            use_idf: true,
            smooth_idf: true,
            sublinear_tf: false,
        }
    }
}

impl TfidfTransformer {
    /// The norm of each output row (default `Some(Norm::L2)`; `None`: no scaling).
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::TfidfTransformer;
    /// assert_eq!(TfidfTransformer::default().norm(None), TfidfTransformer::default().norm(None));
    /// ```
    pub fn norm(mut self, norm: Option<Norm>) -> Self {
        self.norm = norm;
        self
    }

    /// Weighs terms by inverse document frequency (default true).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::feature_extraction::TfidfTransformer;
    /// let fitted = TfidfTransformer::default().use_idf(false).fit_unsupervised(ndarray::array![[1.0]].view())?;
    /// assert!(fitted.idf().is_none());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn use_idf(mut self, use_idf: bool) -> Self {
        self.use_idf = use_idf;
        self
    }

    /// Adds one to every document frequency and to the document count, as if
    /// one more document held every term once; prevents division by zero
    /// (default true).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::feature_extraction::TfidfTransformer;
    /// let fitted = TfidfTransformer::default().smooth_idf(false).fit_unsupervised(ndarray::array![[1.0, 0.0], [1.0, 1.0]].view())?;
    /// assert_eq!(fitted.idf().unwrap()[0], 1.0); // ln(2 / 2) + 1
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn smooth_idf(mut self, smooth_idf: bool) -> Self {
        self.smooth_idf = smooth_idf;
        self
    }

    /// Replaces each count `tf` by `1 + ln(tf)` (default false).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::feature_extraction::TfidfTransformer;
    /// let tfidf = TfidfTransformer::default().sublinear_tf(true).use_idf(false).norm(None);
    /// let fitted = tfidf.fit_unsupervised(ndarray::array![[1.0]].view())?;
    /// let out = fitted.transform(ndarray::array![[std::f64::consts::E]].view())?;
    /// assert!((out[[0, 0]] - 2.0).abs() < 1e-15); // 1 + ln(e)
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn sublinear_tf(mut self, sublinear_tf: bool) -> Self {
        self.sublinear_tf = sublinear_tf;
        self
    }

    /// Fits on a CSR matrix (the work of every `fit`).
    pub(crate) fn fit_csr<F: Float>(&self, x: &CsrMatrix<F>) -> Result<FittedTfidfTransformer<F>> {
        check_matrix(NAME, x.into())?;
        let idf = self.use_idf.then(|| {
            // Document frequency: stored entries per column (scikit-learn's bincount).
            let mut df = vec![0usize; x.ncols()];
            for &j in x.indices() {
                df[j as usize] += 1;
            }
            let smooth = usize::from(self.smooth_idf);
            let n = F::from_usize_lossy(x.nrows() + smooth);
            df.iter()
                .map(|&d| (n / F::from_usize_lossy(d + smooth)).ln() + F::one())
                .collect::<Array1<F>>()
        });
        Ok(FittedTfidfTransformer {
            params: self.clone(),
            n_features_in: x.ncols(),
            idf,
        })
    }
}

impl<F: Float, T> Estimator<F, T> for TfidfTransformer {
    type Fitted = FittedTfidfTransformer<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.fit_csr(&CsrMatrix::from_dense(x))
    }

    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        match x {
            MatrixView::Sparse(x) => self.fit_csr(x),
            MatrixView::Dense(x) => self.fit(x, y),
        }
    }
}

/// A fitted [`TfidfTransformer`]: the inverse document frequencies.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::feature_extraction::TfidfTransformer;
/// let fitted = TfidfTransformer::default().fit_unsupervised(ndarray::array![[1.0, 0.0], [1.0, 1.0]].view())?;
/// assert_eq!(fitted.idf().unwrap()[0], 1.0); // in every document: ln(3 / 3) + 1
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedTfidfTransformer<F> {
    params: TfidfTransformer,
    n_features_in: usize,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::optional_array"))]
    idf: Option<Array1<F>>,
}

checked_serde!(impl[F: Float] FittedTfidfTransformer<F>);
persist!(impl[F: Float] FittedTfidfTransformer<F> => format!("TfidfTransformer<{}>", F::NAME));

impl<F: Float> Check for FittedTfidfTransformer<F> {
    /// One idf per feature, each at least 1 (`ln(n / df) >= 0` since `df <= n`).
    fn check(&self) -> std::result::Result<(), String> {
        match &self.idf {
            None => ensure(!self.params.use_idf, || {
                "TfidfTransformer: use_idf without idf".to_string()
            }),
            Some(idf) => ensure(
                self.params.use_idf && idf.len() == self.n_features_in && idf.iter().all(|&v| v >= F::one()),
                || {
                    format!(
                        "TfidfTransformer: {} idf values for {} features",
                        idf.len(),
                        self.n_features_in
                    )
                },
            ),
        }
    }
}

impl<F: Float> FittedTfidfTransformer<F> {
    /// The inverse document frequency of each feature (`None` without `use_idf`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::feature_extraction::TfidfTransformer;
    /// let fitted = TfidfTransformer::default().fit_unsupervised(ndarray::array![[1.0, 0.0]].view())?;
    /// assert_eq!(fitted.idf().unwrap().len(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn idf(&self) -> Option<Array1<F>> {
        self.idf.clone()
    }

    /// How many features (terms) it was fitted on (for the ONNX export).
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn n_features_in(&self) -> usize {
        self.n_features_in
    }

    /// The hyperparameters it was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::feature_extraction::TfidfTransformer;
    /// let fitted = TfidfTransformer::default().fit_unsupervised(ndarray::array![[1.0]].view())?;
    /// assert_eq!(fitted.params(), &TfidfTransformer::default());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &TfidfTransformer {
        &self.params
    }

    /// Transforms a CSR matrix (the work of every `transform`): a copy of
    /// `x` with the weights in place of the counts.
    pub(crate) fn transform_csr(&self, x: &CsrMatrix<F>) -> Result<CsrMatrix<F>> {
        check_feature_count(NAME, self.n_features_in, x.ncols())?;
        check_stored_finite(NAME, x)?;
        let mut out = x.clone();
        self.weigh_in_place(&mut out);
        Ok(out)
    }

    /// Weighs and normalises `x`'s stored values in place (already checked).
    pub(crate) fn weigh_in_place(&self, x: &mut CsrMatrix<F>) {
        if self.params.sublinear_tf {
            for v in x.data_mut() {
                *v = v.ln() + F::one();
            }
        }
        if let Some(idf) = &self.idf {
            for k in 0..x.nnz() {
                let j = x.indices()[k] as usize;
                x.data_mut()[k] *= idf[j];
            }
        }
        if let Some(norm) = self.params.norm {
            normalize_rows(x, norm);
        }
    }
}

impl<F: Float> Transformer<F> for FittedTfidfTransformer<F> {
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.transform_csr(&CsrMatrix::from_dense(x))?.to_dense()
    }

    fn transform_matrix(&self, x: MatrixView<'_, F>) -> Result<Matrix<F>> {
        match x {
            MatrixView::Sparse(x) => self.transform_csr(x).map(Matrix::Sparse),
            MatrixView::Dense(x) => self.transform(x).map(Matrix::Dense),
        }
    }
}
