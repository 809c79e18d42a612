//! [`LogisticRegression`]: L2-penalised logistic regression fitted by L-BFGS.
//!
//! Split by operation: `params` (hyperparameters and checks), `loss` (the
//! objective and its gradient, in parallel), `fitted` (the fitted model and
//! prediction); this file ties them together in `fit`.

mod cv;
mod fitted;
mod loss;
mod params;
#[cfg(test)]
mod tests;

pub use cv::{Cs, FittedLogisticRegressionCV, LogisticRegressionCV};
pub use fitted::FittedLogisticRegression;
pub use params::LogisticRegression;

use super::lbfgs::{LbfgsOptions, minimize};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::parallel::with_n_jobs;
use crate::traits::{Estimator, SampleWeighted};
use crate::validation::{check_sample_weight, check_two_classes, check_x_y, encode_labels};
use loss::LogisticLoss;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

const NAME: &str = "LogisticRegression";

impl LogisticRegression {
    fn fit_checked<F: Float, L: Label>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
        init: Option<&[f64]>,
    ) -> Result<FittedLogisticRegression<F, L>> {
        self.validate()?;
        with_n_jobs(self.n_jobs, || {
            check_x_y(NAME, x, y.len())?;
            let (classes, codes) = encode_labels(y.iter());
            check_two_classes(NAME, &classes)?;
            let n_classes = classes.len();
            let sample_weight: Array1<f64> = match sample_weight {
                Some(w) => check_sample_weight(NAME, Some(w), x.nrows())?.mapv(F::as_f64),
                None => Array1::ones(x.nrows()),
            };
            let class_weights = self
                .class_weight
                .class_weights(NAME, &codes, n_classes, Some(sample_weight.view()))?;
            // As scikit-learn: the class weight multiplies the sample weight.
            let weights: Array1<f64> = sample_weight
                .iter()
                .zip(&codes)
                .map(|(w, &c)| w * class_weights[c])
                .collect();
            let total: f64 = weights.sum();
            if !(total > 0.0 && total.is_finite()) {
                return Err(Error::invalid_input(
                    NAME,
                    format!("the sample weights times the class weights must have a positive finite sum, got {total}"),
                ));
            }
            let normalised = weights / total;
            let loss = LogisticLoss::new(
                x,
                &codes,
                normalised.view(),
                n_classes,
                self.fit_intercept,
                1.0 / (self.c * total),
            );
            let options = LbfgsOptions {
                max_iter: self.max_iter,
                gtol: self.tol,
                verbose: self.verbose,
                ..LbfgsOptions::default()
            };
            // A warm start (LogisticRegressionCV's path over C) begins at the
            // previous solution when it has the right layout, else at zero.
            let start = match init {
                Some(init) if init.len() == loss.n_params() => init.to_vec(),
                _ => vec![0.0; loss.n_params()],
            };
            let result = minimize(|params, grad| loss.value_and_gradient(params, grad), start, &options);

            let k = if n_classes == 2 { 1 } else { n_classes };
            let p = x.ncols();
            let coef = Array2::from_shape_vec((k, p), result.x[..k * p].iter().map(|&v| F::cast(v)).collect())
                .expect("coefficient layout");
            let intercept = if self.fit_intercept {
                result.x[k * p..].iter().map(|&v| F::cast(v)).collect()
            } else {
                Array1::zeros(k)
            };
            Ok(FittedLogisticRegression::new(
                self.clone(),
                classes,
                coef,
                intercept,
                result.n_iter,
                result.termination.converged(),
            ))
        })?
    }
}

impl LogisticRegression {
    /// Fits starting the solver from `init` (the coefficients row by row,
    /// then the intercepts, as [`warm_start_of`] lays them out) instead of
    /// zero: the warm start of `LogisticRegressionCV`'s path over `C`.
    pub(crate) fn fit_warm<F: Float, L: Label>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        init: Option<&[f64]>,
    ) -> Result<FittedLogisticRegression<F, L>> {
        self.fit_checked(x, y, None, init)
    }
}

/// The solver's parameter vector of a fitted model: coefficients row by row,
/// then the intercepts when they were fitted.
pub(crate) fn warm_start_of<F: Float, L: Label>(model: &FittedLogisticRegression<F, L>) -> Vec<f64> {
    let mut params: Vec<f64> = model.coef().iter().map(|v| v.as_f64()).collect();
    if model.fit_intercept() {
        params.extend(model.intercept().iter().map(|v| v.as_f64()));
    }
    params
}

impl<F: Float, L: Label> Estimator<F, L> for LogisticRegression {
    type Fitted = FittedLogisticRegression<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.fit_checked(x, y, None, None)
    }
}

impl<F: Float, L: Label> SampleWeighted<F, L> for LogisticRegression {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, y, Some(sample_weight), None)
    }
}
