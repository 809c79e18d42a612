//! Logistic regression (skeleton: the solver lands with the logistic work).

use crate::class_weight::ClassWeight;
use crate::error::Result;
use crate::float::{Float, Label};
use crate::traits::Estimator;
use ndarray::{ArrayView1, ArrayView2};

/// L2-penalised logistic regression.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LogisticRegression {
    /// Inverse regularisation strength (scikit-learn's `C`), default 1.0.
    pub c: f64,
    /// Whether to fit an intercept, default true.
    pub fit_intercept: bool,
    /// Maximum L-BFGS iterations, default 100.
    pub max_iter: usize,
    /// Gradient tolerance, default 1e-4.
    pub tol: f64,
    /// Class weights, default uniform.
    pub class_weight: ClassWeight,
    /// Threads (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for LogisticRegression {
    fn default() -> Self {
        LogisticRegression {
            c: 1.0,
            fit_intercept: true,
            max_iter: 100,
            tol: 1e-4,
            class_weight: ClassWeight::Uniform,
            n_jobs: None,
        }
    }
}

impl LogisticRegression {
    /// Sets `C`.
    pub fn c(mut self, c: f64) -> Self {
        self.c = c;
        self
    }
}

/// A fitted [`LogisticRegression`].
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FittedLogisticRegression<F, L> {
    classes: Vec<L>,
    coef: ndarray::Array2<F>,
}

impl<F: Float, L: Label> Estimator<F, L> for LogisticRegression {
    type Fitted = FittedLogisticRegression<F, L>;
    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        let _ = (x, y);
        todo!("logistic helper")
    }
}
