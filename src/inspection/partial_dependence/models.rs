//! [`PartialDependenceModel`] for the crate's models: regressors average
//! `predict`, classifiers `predict_proba` or `decision_function`; the
//! regression trees, forests and histogram gradient boosting models also
//! have the `recursion` method.

use super::{PartialDependenceModel, ResponseMethod};
use crate::compose::FittedPipeline;
use crate::ensemble::{
    FittedForestClassifier, FittedForestRegressor, FittedHistGradientBoostingClassifier,
    FittedHistGradientBoostingRegressor,
};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::linear_model::{
    FittedElasticNet, FittedElasticNetCV, FittedLinearRegression, FittedLogisticRegression, FittedLogisticRegressionCV,
    FittedRidge, FittedRidgeCV, FittedRidgeClassifier, FittedRidgeClassifierCV, FittedSGDClassifier,
    FittedSGDRegressor,
};
use crate::model_selection::FittedSearchCV;
use crate::naive_bayes::{
    FittedBernoulliNB, FittedCategoricalNB, FittedComplementNB, FittedGaussianNB, FittedMultinomialNB,
};
use crate::neighbors::{FittedKNeighborsClassifier, FittedKNeighborsRegressor};
use crate::svm::{FittedLinearSVC, FittedSVC, FittedSVR};
use crate::traits::{DecisionFunction, PredictProba, Predictor, Transformer};
use crate::tree::{FittedDecisionTreeClassifier, FittedDecisionTreeRegressor};
use ndarray::{Array2, ArrayView2, Axis, s};

const NAME: &str = "partial_dependence";

/// A classifier's probabilities as partial dependence averages them: the
/// positive class's column alone (`classes()[1]`) for two classes, every
/// column otherwise (scikit-learn's `_get_response_values`).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::inspection::predict_proba_response;
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let model = LogisticRegression::default().fit(x.view(), array![0, 0, 1, 1].view())?;
/// let response = predict_proba_response(&model, x.view())?;
/// assert_eq!(response.ncols(), 1);
/// assert_eq!(response.column(0), model.predict_proba(x.view())?.column(1));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn predict_proba_response<F: Float, M: PredictProba<F> + ?Sized>(
    model: &M,
    x: ArrayView2<'_, F>,
) -> Result<Array2<F>> {
    let proba = model.predict_proba(x)?;
    Ok(if proba.ncols() == 2 {
        proba.slice(s![.., 1..]).to_owned()
    } else {
        proba
    })
}

/// A classifier's decision function as partial dependence averages it (one
/// column, for `classes()[1]`, for two classes: the trait's layout).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::inspection::decision_function_response;
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let model = LogisticRegression::default().fit(x.view(), array![0, 0, 1, 1].view())?;
/// assert_eq!(decision_function_response(&model, x.view())?, model.decision_function(x.view())?);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn decision_function_response<F: Float, M: DecisionFunction<F> + ?Sized>(
    model: &M,
    x: ArrayView2<'_, F>,
) -> Result<Array2<F>> {
    model.decision_function(x)
}

/// A regressor's prediction as one column.
fn predict_response<F: Float, M: Predictor<F, Output = F> + ?Sized>(
    model: &M,
    x: ArrayView2<'_, F>,
) -> Result<Array2<F>> {
    Ok(model.predict(x)?.insert_axis(Axis(1)))
}

fn missing(model: &'static str, method: &str) -> Error {
    Error::Unsupported {
        context: NAME.into(),
        message: format!("{model} has no {method}"),
    }
}

/// Regressors: `predict`.
macro_rules! regressors {
    ($($fitted:ident),* $(,)?) => {$(
        impl<F: Float> PartialDependenceModel<F> for $fitted<F> {
            fn pd_is_classifier(&self) -> bool {
                false
            }

            fn pd_response(&self, x: ArrayView2<'_, F>, _: ResponseMethod) -> Result<Array2<F>> {
                predict_response(self, x)
            }
        }
    )*};
}

regressors!(
    FittedLinearRegression,
    FittedRidge,
    FittedRidgeCV,
    FittedElasticNet,
    FittedElasticNetCV,
    FittedSGDRegressor,
    FittedSVR,
    FittedKNeighborsRegressor,
);

/// Classifiers with probabilities and a decision function (`Auto`: the
/// probabilities; when the model cannot give them — an `SVC` without
/// `probability`, an `SGDClassifier` with a hinge loss — the decision
/// function, as scikit-learn falls back when `predict_proba` is missing).
macro_rules! proba_and_decision {
    ($($fitted:ident),* $(,)?) => {$(
        impl<F: Float, L: Label> PartialDependenceModel<F> for $fitted<F, L> {
            fn pd_is_classifier(&self) -> bool {
                true
            }

            fn pd_response(&self, x: ArrayView2<'_, F>, response_method: ResponseMethod) -> Result<Array2<F>> {
                match response_method {
                    ResponseMethod::PredictProba => predict_proba_response(self, x),
                    ResponseMethod::DecisionFunction => decision_function_response(self, x),
                    _ => predict_proba_response(self, x).or_else(|_| decision_function_response(self, x)),
                }
            }
        }
    )*};
}

proba_and_decision!(
    FittedLogisticRegression,
    FittedLogisticRegressionCV,
    FittedSGDClassifier,
    FittedSVC
);

/// Classifiers with probabilities only.
macro_rules! proba_only {
    ($($fitted:ident),* $(,)?) => {$(
        impl<F: Float, L: Label> PartialDependenceModel<F> for $fitted<F, L> {
            fn pd_is_classifier(&self) -> bool {
                true
            }

            fn pd_response(&self, x: ArrayView2<'_, F>, response_method: ResponseMethod) -> Result<Array2<F>> {
                match response_method {
                    ResponseMethod::DecisionFunction => Err(missing(stringify!($fitted), "decision_function")),
                    _ => predict_proba_response(self, x),
                }
            }
        }
    )*};
}

proba_only!(
    FittedDecisionTreeClassifier,
    FittedKNeighborsClassifier,
    FittedGaussianNB,
    FittedBernoulliNB,
    FittedMultinomialNB,
    FittedComplementNB,
    FittedCategoricalNB,
);

/// Classifiers with a decision function only.
macro_rules! decision_only {
    ($($fitted:ident),* $(,)?) => {$(
        impl<F: Float, L: Label> PartialDependenceModel<F> for $fitted<F, L> {
            fn pd_is_classifier(&self) -> bool {
                true
            }

            fn pd_response(&self, x: ArrayView2<'_, F>, response_method: ResponseMethod) -> Result<Array2<F>> {
                match response_method {
                    ResponseMethod::PredictProba => Err(missing(stringify!($fitted), "predict_proba")),
                    _ => decision_function_response(self, x),
                }
            }
        }
    )*};
}

decision_only!(FittedLinearSVC, FittedRidgeClassifier, FittedRidgeClassifierCV);

impl<F: Float, L: Label, P: crate::ensemble::ForestClassifierParams> PartialDependenceModel<F>
    for FittedForestClassifier<F, L, P>
{
    fn pd_is_classifier(&self) -> bool {
        true
    }

    /// The probabilities; scikit-learn has no recursion for forest
    /// classifiers, nor does this.
    fn pd_response(&self, x: ArrayView2<'_, F>, response_method: ResponseMethod) -> Result<Array2<F>> {
        match response_method {
            ResponseMethod::DecisionFunction => Err(missing(P::NAME, "decision_function")),
            _ => predict_proba_response(self, x),
        }
    }
}

impl<F: Float> PartialDependenceModel<F> for FittedDecisionTreeRegressor<F> {
    fn pd_is_classifier(&self) -> bool {
        false
    }

    fn pd_response(&self, x: ArrayView2<'_, F>, _: ResponseMethod) -> Result<Array2<F>> {
        predict_response(self, x)
    }

    fn pd_recursion(&self, grid: ArrayView2<'_, f64>, features: &[usize]) -> Option<Result<Array2<f64>>> {
        Some(Ok(crate::tree::partial_dependence::partial_dependence(
            &[self.tree()],
            grid,
            features,
        )))
    }

    fn pd_recursion_by_default(&self) -> bool {
        true
    }
}

impl<F: Float, P: crate::ensemble::ForestRegressorParams> PartialDependenceModel<F> for FittedForestRegressor<F, P> {
    fn pd_is_classifier(&self) -> bool {
        false
    }

    fn pd_response(&self, x: ArrayView2<'_, F>, _: ResponseMethod) -> Result<Array2<F>> {
        predict_response(self, x)
    }

    /// Both random forests and extra trees support it; `Auto` picks it for
    /// random forests only, as scikit-learn (whose extra trees have no
    /// recursion).
    fn pd_recursion(&self, grid: ArrayView2<'_, f64>, features: &[usize]) -> Option<Result<Array2<f64>>> {
        let trees: Vec<&crate::tree::Tree> = self.estimators().iter().collect();
        Some(Ok(crate::tree::partial_dependence::partial_dependence(
            &trees, grid, features,
        )))
    }

    fn pd_recursion_by_default(&self) -> bool {
        P::NAME == "RandomForestRegressor"
    }
}

impl<F: Float> PartialDependenceModel<F> for FittedHistGradientBoostingRegressor<F> {
    fn pd_is_classifier(&self) -> bool {
        false
    }

    fn pd_response(&self, x: ArrayView2<'_, F>, _: ResponseMethod) -> Result<Array2<F>> {
        predict_response(self, x)
    }

    fn pd_recursion(&self, grid: ArrayView2<'_, f64>, features: &[usize]) -> Option<Result<Array2<f64>>> {
        Some(self.ensemble().partial_dependence(NAME, grid, features))
    }

    fn pd_recursion_by_default(&self) -> bool {
        true
    }
}

impl<F: Float, L: Label> PartialDependenceModel<F> for FittedHistGradientBoostingClassifier<F, L> {
    fn pd_is_classifier(&self) -> bool {
        true
    }

    fn pd_response(&self, x: ArrayView2<'_, F>, response_method: ResponseMethod) -> Result<Array2<F>> {
        match response_method {
            ResponseMethod::DecisionFunction => decision_function_response(self, x),
            _ => predict_proba_response(self, x),
        }
    }

    /// The decision function's trees (one output for two classes).
    fn pd_recursion(&self, grid: ArrayView2<'_, f64>, features: &[usize]) -> Option<Result<Array2<f64>>> {
        Some(self.ensemble().partial_dependence(NAME, grid, features))
    }

    fn pd_recursion_by_default(&self) -> bool {
        true
    }
}

/// A pipeline: the last step's response on the transformed rows (the
/// features are the pipeline's input columns); `brute` only, as
/// scikit-learn.
impl<F: Float, K: Sync, A: Transformer<F> + Sync, B: PartialDependenceModel<F>> PartialDependenceModel<F>
    for FittedPipeline<A, B, K>
{
    fn pd_is_classifier(&self) -> bool {
        self.second.pd_is_classifier()
    }

    fn pd_response(&self, x: ArrayView2<'_, F>, response_method: ResponseMethod) -> Result<Array2<F>> {
        self.second
            .pd_response(self.first.transform(x)?.view(), response_method)
    }
}

/// A fitted search: its best model's response; `brute` only, as
/// scikit-learn.
impl<P: Sync, F: Float, M: PartialDependenceModel<F>> PartialDependenceModel<F> for FittedSearchCV<P, M> {
    fn pd_is_classifier(&self) -> bool {
        self.best_estimator().pd_is_classifier()
    }

    fn pd_response(&self, x: ArrayView2<'_, F>, response_method: ResponseMethod) -> Result<Array2<F>> {
        self.best_estimator().pd_response(x, response_method)
    }
}
