//! [`LogisticRegression`]: L2-penalised logistic regression fitted by L-BFGS.
//!
//! Split by operation: `params` (hyperparameters and checks), `loss` (the
//! objective and its gradient, in parallel), `fitted` (the fitted model and
//! prediction); this file ties them together in `fit`.

mod cv;
mod design;
#[cfg(feature = "serde")]
mod distributed;
mod fitted;
mod loss;
mod newton_cd;
mod params;
mod penalty;
#[cfg(test)]
mod tests;

pub use cv::{Cs, FittedLogisticRegressionCV, LogisticRegressionCV};
pub use fitted::FittedLogisticRegression;
pub use params::LogisticRegression;
pub use penalty::{LogisticSolver, Penalty};

use super::lbfgs::{LbfgsOptions, Termination, minimize};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::parallel::with_n_jobs;
use crate::sparse::{MatrixView, check_matrix_x_y};
use crate::traits::{Estimator, SampleWeighted};
use crate::validation::{check_sample_weight, check_two_classes, encode_labels};
use crate::warn;
use design::Design;
use loss::LogisticLoss;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use newton_cd::NewtonCd;
use penalty::Solver;

const NAME: &str = "LogisticRegression";

impl LogisticRegression {
    fn fit_checked<F: Float, L: Label>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
        init: Option<&[f64]>,
        warn_as: Option<&'static str>,
    ) -> Result<FittedLogisticRegression<F, L>> {
        self.validate()?;
        let resolved = self.resolve()?;
        with_n_jobs(self.n_jobs, || {
            check_matrix_x_y(NAME, x, y.len())?;
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
            let weights = row_weights(&sample_weight, &codes, &class_weights);
            let total: f64 = weights.sum();
            check_total_weight(total)?;
            let normalised = weights / total;
            // With L2 only, `resolved.l2` is 1 and this is the L2 path's
            // `1 / (C Σ s)` bit for bit; `C = inf` gives 0 (no penalty).
            let l2 = resolved.l2 / (self.c * total);
            let l1 = resolved.l1 / (self.c * total);
            let k = if n_classes == 2 { 1 } else { n_classes };
            // A sparse input is read in its row and its column layouts.
            let x = Design::new(x, k);
            let n_params = k * x.ncols() + if self.fit_intercept { k } else { 0 };
            // A warm start (LogisticRegressionCV's path over C) begins at the
            // previous solution when it has the right layout, else at zero.
            let start = match init {
                Some(init) if init.len() == n_params => init.to_vec(),
                _ => vec![0.0; n_params],
            };
            let result = match resolved.solver {
                Solver::Lbfgs => {
                    let loss = LogisticLoss::new(&x, &codes, normalised.view(), n_classes, self.fit_intercept, l2);
                    let result = minimize(
                        |params, grad| loss.value_and_gradient(params, grad),
                        start,
                        &self.lbfgs_options(),
                    );
                    Solution {
                        x: result.x,
                        n_iter: result.n_iter,
                        termination: result.termination,
                    }
                }
                Solver::NewtonCd => {
                    let problem = NewtonCd::new(&x, &codes, normalised.view(), n_classes, self.fit_intercept, l1, l2);
                    problem.minimize(&start, self.max_iter, self.tol, self.verbose)
                }
            };
            self.finish(classes, result, &x, warn_as)
        })?
    }

    /// The L-BFGS stopping rules of these hyperparameters.
    fn lbfgs_options(&self) -> LbfgsOptions {
        LbfgsOptions {
            max_iter: self.max_iter,
            gtol: self.tol,
            verbose: self.verbose,
            ..LbfgsOptions::default()
        }
    }

    /// The fitted model from the solver's solution: refuses a non-finite
    /// one, lays out the coefficients and intercepts, and warns (as
    /// `warn_as`) when the solver stopped short. Shared by `fit` and
    /// `fit_distributed`.
    fn finish<F: Float, L: Label>(
        &self,
        classes: Vec<L>,
        result: Solution,
        x: &Design<'_, F>,
        warn_as: Option<&'static str>,
    ) -> Result<FittedLogisticRegression<F, L>> {
        let k = if classes.len() == 2 { 1 } else { classes.len() };
        // Overflow in the objective can leave the solver anywhere; such
        // a point is no model at all, so it is an error, never returned.
        if let Some(at) = result.x.iter().position(|v| !v.is_finite()) {
            return Err(Error::NotConverged {
                context: NAME.into(),
                message: format!(
                    "the solver reached a non-finite coefficient ({} at parameter {at}); \
                     the features (largest |x| = {:e}) are beyond what the solver can handle in f64: \
                     scale them (e.g. with StandardScaler)",
                    result.x[at],
                    x.largest_abs()
                ),
            });
        }

        let p = x.ncols();
        let coef = Array2::from_shape_vec((k, p), result.x[..k * p].iter().map(|&v| F::cast(v)).collect())
            .expect("coefficient layout");
        let intercept = if self.fit_intercept {
            result.x[k * p..].iter().map(|&v| F::cast(v)).collect()
        } else {
            Array1::zeros(k)
        };
        if let Some(context) = warn_as {
            tell(context, &result.termination, result.n_iter, x, &coef, &intercept);
        }
        Ok(FittedLogisticRegression::new(
            self.clone(),
            classes,
            coef,
            intercept,
            result.n_iter,
            result.termination.converged(),
        ))
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
        self.fit_checked(x.into(), y, None, init, Some(cv::NAME))
    }

    /// Fits without warnings: `LogisticRegressionCV`'s one-iteration fit
    /// that only provides a model's layout (it is never meant to converge).
    pub(crate) fn fit_quiet<F: Float, L: Label>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
    ) -> Result<FittedLogisticRegression<F, L>> {
        self.fit_checked(x.into(), y, None, None, None)
    }
}

/// Each row's weight: as scikit-learn, the class weight multiplies the
/// sample weight.
fn row_weights(sample_weight: &Array1<f64>, codes: &[usize], class_weights: &[f64]) -> Array1<f64> {
    sample_weight
        .iter()
        .zip(codes)
        .map(|(w, &c)| w * class_weights[c])
        .collect()
}

/// The objective is scaled by the total weight, which must be usable.
fn check_total_weight(total: f64) -> Result<()> {
    if !(total > 0.0 && total.is_finite()) {
        return Err(Error::invalid_input(
            NAME,
            format!("the sample weights times the class weights must have a positive finite sum, got {total}"),
        ));
    }
    Ok(())
}

/// What either solver returns.
struct Solution {
    x: Vec<f64>,
    n_iter: usize,
    termination: Termination,
}

/// Warns (through [`crate::warn`]) when the solver stopped short of its
/// stopping rule, or when the fitted coefficients change no training
/// sample's decision (the intercept-only model, typically from features of
/// an extreme scale).
fn tell<F: Float>(
    context: &str,
    termination: &Termination,
    n_iter: usize,
    x: &Design<'_, F>,
    coef: &Array2<F>,
    intercept: &Array1<F>,
) {
    match termination {
        Termination::Gradient | Termination::RelativeReduction => {}
        Termination::MaxIter => warn::not_converged(context, format_args!("max_iter = {n_iter} iterations reached")),
        Termination::MaxEvals => warn::not_converged(
            context,
            format_args!("the evaluation budget ran out after {n_iter} iterations"),
        ),
        Termination::LineSearch => warn::not_converged(
            context,
            format_args!(
                "after {n_iter} iterations no step decreased the objective; largest |x| = {:e}",
                x.largest_abs()
            ),
        ),
    }
    let coef: Vec<f64> = coef.iter().map(|v| v.as_f64()).collect();
    let intercept: Vec<f64> = intercept.iter().map(|v| v.as_f64()).collect();
    if x.coefficients_ignored(&coef, &intercept) {
        warn::features_ignored(context, x.largest_abs());
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
        self.fit_checked(x.into(), y, None, None, Some(NAME))
    }

    /// Fits on a dense or a sparse `x`: on a [`CsrMatrix`](crate::sparse::CsrMatrix)
    /// the loss and gradient run on the stored values only (never
    /// densified), giving the dense fit's model to rounding.
    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.fit_checked(x, y, None, None, Some(NAME))
    }
}

impl<F: Float, L: Label> SampleWeighted<F, L> for LogisticRegression {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x.into(), y, Some(sample_weight), None, Some(NAME))
    }

    /// As [`Estimator::fit_matrix`], with sample weights.
    fn fit_weighted_matrix(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, y, Some(sample_weight), None, Some(NAME))
    }
}
