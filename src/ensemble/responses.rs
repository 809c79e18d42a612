//! [`ClassifierResponses`] for every classifier of the crate, in one place:
//! which of probabilities and decision function each has (scikit-learn's
//! `hasattr`, which for an SVC depends on `probability` and for an SGD
//! classifier on its loss).

use super::estimator_list::{ClassifierResponses, StackMethod, no_response};
use crate::compose::FittedPipeline;
use crate::ensemble::{FittedForestClassifier, FittedHistGradientBoostingClassifier};
use crate::error::Result;
use crate::float::{Float, Label};
use crate::linear_model::{
    FittedLogisticRegression, FittedLogisticRegressionCV, FittedRidgeClassifier, FittedRidgeClassifierCV,
    FittedSGDClassifier,
};
use crate::model_selection::FittedSearchCV;
use crate::naive_bayes::{
    FittedBernoulliNB, FittedCategoricalNB, FittedComplementNB, FittedGaussianNB, FittedMultinomialNB,
};
use crate::neighbors::FittedKNeighborsClassifier;
use crate::svm::{FittedLinearSVC, FittedSVC};
use crate::traits::{DecisionFunction, PredictProba, Transformer};
use crate::tree::FittedDecisionTreeClassifier;
use ndarray::{Array2, ArrayView2};

fn always<T>(_: &T) -> bool {
    true
}

fn svc_has_proba<F: Float, L: Label>(model: &FittedSVC<F, L>) -> bool {
    !model.prob_a().is_empty()
}

fn sgd_has_proba<F: Float, L: Label>(model: &FittedSGDClassifier<F, L>) -> bool {
    use crate::linear_model::SGDClassifierLoss;
    matches!(
        model.loss(),
        SGDClassifierLoss::LogLoss | SGDClassifierLoss::ModifiedHuber
    )
}

macro_rules! responses {
    ($([$($g:tt)*] $ty:ty { $($method:ident: $cond:expr),* };)*) => {$(
        impl<$($g)*> ClassifierResponses<F> for $ty {
            fn supports(&self, method: StackMethod) -> bool {
                match method {
                    StackMethod::Predict | StackMethod::Auto => true,
                    $(responses!(@variant $method) => ($cond)(self),)*
                    #[allow(unreachable_patterns)]
                    _ => false,
                }
            }

            fn response(&self, method: StackMethod, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
                match method {
                    $(responses!(@variant $method) if ($cond)(self) => responses!(@call $method, self, x),)*
                    other => Err(no_response(stringify!($ty), other)),
                }
            }
        }
    )*};
    (@variant proba) => { StackMethod::PredictProba };
    (@variant decision) => { StackMethod::DecisionFunction };
    (@call proba, $model:expr, $x:expr) => { PredictProba::predict_proba($model, $x) };
    (@call decision, $model:expr, $x:expr) => { DecisionFunction::decision_function($model, $x) };
}

responses! {
    [F: Float, L: Label] FittedLogisticRegression<F, L> { proba: always, decision: always };
    [F: Float, L: Label] FittedLogisticRegressionCV<F, L> { proba: always, decision: always };
    [F: Float, L: Label] FittedSGDClassifier<F, L> { proba: sgd_has_proba, decision: always };
    [F: Float, L: Label] FittedRidgeClassifier<F, L> { decision: always };
    [F: Float, L: Label] FittedRidgeClassifierCV<F, L> { decision: always };
    [F: Float, L: Label] FittedLinearSVC<F, L> { decision: always };
    [F: Float, L: Label] FittedSVC<F, L> { proba: svc_has_proba, decision: always };
    [F: Float, L: Label] FittedDecisionTreeClassifier<F, L> { proba: always };
    [F: Float, L: Label, P: super::forest_classifier::ForestClassifierParams] FittedForestClassifier<F, L, P> { proba: always };
    [F: Float, L: Label] FittedHistGradientBoostingClassifier<F, L> { proba: always, decision: always };
    [F: Float, L: Label] FittedGaussianNB<F, L> { proba: always };
    [F: Float, L: Label] FittedMultinomialNB<F, L> { proba: always };
    [F: Float, L: Label] FittedComplementNB<F, L> { proba: always };
    [F: Float, L: Label] FittedBernoulliNB<F, L> { proba: always };
    [F: Float, L: Label] FittedCategoricalNB<F, L> { proba: always };
    [F: Float, L: Label] FittedKNeighborsClassifier<F, L> { proba: always };
    [F: Float, L: Label, M: crate::traits::Classifier<F, Output = L> + Sync, R: crate::calibration::ResponseMethod<F, M>]
        crate::calibration::FittedCalibratedClassifierCV<M, L, R> { proba: always };
}

impl<F: Float, K, A: Transformer<F>, B: ClassifierResponses<F>> ClassifierResponses<F> for FittedPipeline<A, B, K> {
    /// The last step's.
    fn supports(&self, method: StackMethod) -> bool {
        self.second.supports(method)
    }

    fn response(&self, method: StackMethod, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.second.response(method, self.first.transform(x)?.view())
    }
}

impl<P, F: Float, M: ClassifierResponses<F>> ClassifierResponses<F> for FittedSearchCV<P, M> {
    /// The best estimator's.
    fn supports(&self, method: StackMethod) -> bool {
        self.best_estimator().supports(method)
    }

    fn response(&self, method: StackMethod, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.best_estimator().response(method, x)
    }
}
