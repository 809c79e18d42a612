//! [`StackingClassifier`] and [`StackingRegressor`]: differently-typed
//! estimators whose cross-validated (out-of-fold) outputs are the features
//! of a final estimator.

use super::estimator_list::{
    ClassifierResponses, Classify, EstimatorList, FittedEstimatorList, Named, Regress, StackMethod, checked_names,
    hstack, sealed,
};
use super::voting::check_same_rows;
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::linear_model::{LogisticRegression, RidgeCV};
use crate::model_selection::{KFold, Splitter, StratifiedKFold, check_test_partition, checked_folds};
use crate::parallel::with_n_jobs;
use crate::traits::{Classifier, DecisionFunction, Estimator, PredictProba, Predictor, Transformer};
use crate::validation::{check_feature_count, check_not_empty, check_two_classes, encode_labels};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, s};

const CLASSIFIER: &str = "StackingClassifier";
const REGRESSOR: &str = "StackingRegressor";

/// Estimators of different types whose out-of-fold outputs feed a final
/// classifier (scikit-learn's `StackingClassifier`).
///
/// Built as a [`VotingClassifier`](super::VotingClassifier) is, with
/// [`add`](StackingClassifier::add) or [`push`](StackingClassifier::push).
/// Fitting encodes the labels as class indices `0..n_classes` (as
/// scikit-learn's `LabelEncoder`), fits every estimator on the whole data
/// (the [`estimators`](FittedStackingClassifier::estimators) used to
/// predict), then computes each estimator's out-of-fold output with `cv`
/// (scikit-learn's `cross_val_predict`), all in parallel; the outputs side by
/// side (then `x` itself with `passthrough`) are the training data of the
/// final estimator. The output of each estimator is chosen by `stack_method`:
/// [`StackMethod::Auto`] takes probabilities when it has them, else the
/// decision function, else the predicted class index; for two classes only
/// the second column of the probabilities is kept (the two are collinear),
/// as scikit-learn.
///
/// # Hyperparameters
/// - the estimators (at least one; names unique, non-empty, without `__`).
/// - `final_estimator` (default [`LogisticRegression`], as scikit-learn).
/// - `cv` (default `StratifiedKFold::new(5)`, scikit-learn's `cv=5` for a
///   classifier); any [`Splitter`] whose test sets partition the rows.
/// - `stack_method` (default [`StackMethod::Auto`]).
/// - `passthrough` (default `false`): append `x` to the final estimator's
///   features.
/// - `n_jobs` (default `None`, every core).
///
/// # Errors
/// [`Error::InvalidParameter`] for an empty list, bad names, or a
/// `stack_method` an estimator does not have (naming it);
/// [`Error::SingleClass`]; the splitter's errors; [`Error::InvalidInput`]
/// when a training fold misses a class (an estimator would not know it);
/// the estimators' own errors, naming the estimator.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::StackingClassifier;
/// use learnkit::tree::DecisionTreeClassifier;
/// let iris = learnkit::datasets::load_iris();
/// let stacking = StackingClassifier::new()
///     .add("nb", GaussianNB::default())
///     .add("tree", DecisionTreeClassifier::default().max_depth(Some(3)))
///     .final_estimator(LogisticRegression::default().c(10.0));
/// let model = stacking.fit(iris.data.view(), iris.target.view())?;
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.9);
/// // Three probabilities per estimator feed the final estimator.
/// assert_eq!(model.transform(iris.data.view())?.ncols(), 6);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct StackingClassifier<S = (), E = LogisticRegression, C = StratifiedKFold> {
    /// The estimators, nested to the left.
    pub estimators: S,
    /// The classifier fitted on the estimators' outputs.
    pub final_estimator: E,
    /// The splitter of the out-of-fold outputs.
    pub cv: C,
    /// Which output of each estimator is stacked.
    pub stack_method: StackMethod,
    /// Whether `x` is appended to the stacked outputs.
    pub passthrough: bool,
    /// Threads for fitting and predicting (`None`: every core).
    pub n_jobs: Option<usize>,
}

/// Estimators of different types whose out-of-fold predictions feed a final
/// regressor (scikit-learn's `StackingRegressor`).
///
/// As [`StackingClassifier`], with each estimator's prediction as its
/// output.
///
/// # Hyperparameters
/// - the estimators (at least one; names unique, non-empty, without `__`).
/// - `final_estimator` (default [`RidgeCV`], as scikit-learn).
/// - `cv` (default `KFold::new(5)`, scikit-learn's `cv=5` for a regressor).
/// - `passthrough` (default `false`).
/// - `n_jobs` (default `None`, every core).
///
/// # Errors
/// [`Error::InvalidParameter`] for an empty list or bad names; the
/// splitter's errors; the estimators' own errors, naming the estimator.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::StackingRegressor;
/// use learnkit::tree::DecisionTreeRegressor;
/// let diabetes = learnkit::datasets::load_diabetes();
/// let stacking = StackingRegressor::new()
///     .push(LinearRegression::default())
///     .push(DecisionTreeRegressor::default().max_depth(Some(3)));
/// let model = stacking.fit(diabetes.data.view(), diabetes.target.view())?;
/// assert_eq!(model.transform(diabetes.data.view())?.ncols(), 2);
/// assert!(model.score(diabetes.data.view(), diabetes.target.view())? > 0.4);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct StackingRegressor<S = (), E = RidgeCV, C = KFold> {
    /// The estimators, nested to the left.
    pub estimators: S,
    /// The regressor fitted on the estimators' predictions.
    pub final_estimator: E,
    /// The splitter of the out-of-fold predictions.
    pub cv: C,
    /// Whether `x` is appended to the stacked predictions.
    pub passthrough: bool,
    /// Threads for fitting and predicting (`None`: every core).
    pub n_jobs: Option<usize>,
}

impl Default for StackingClassifier {
    fn default() -> Self {
        StackingClassifier {
            estimators: (),
            final_estimator: LogisticRegression::default(),
            cv: StratifiedKFold::new(5),
            stack_method: StackMethod::Auto,
            passthrough: false,
            n_jobs: None,
        }
    }
}

impl Default for StackingRegressor {
    fn default() -> Self {
        StackingRegressor {
            estimators: (),
            final_estimator: RidgeCV::default(),
            cv: KFold::new(5),
            passthrough: false,
            n_jobs: None,
        }
    }
}

/// The builder methods both stacking ensembles share.
macro_rules! stacking_builder {
    ($ty:ident [$($extra:ident),*], $example:literal, $final_example:literal, $cv_example:literal) => {
        impl $ty {
            /// An ensemble with no estimator yet and scikit-learn's defaults.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            #[doc = concat!("assert!(!", stringify!($ty), "::new().passthrough);")]
            /// ```
            pub fn new() -> Self {
                Self::default()
            }
        }

        impl<S, E, C> $ty<S, E, C> {
            /// Adds an estimator under `name`.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            #[doc = concat!("let ensemble = ", stringify!($ty), "::new().add(\"first\", ", $example, ");")]
            /// assert_eq!(ensemble.estimators.1.name, "first");
            /// ```
            pub fn add<M>(self, name: impl Into<String>, estimator: M) -> $ty<(S, Named<M>), E, C> {
                self.with(Named::given(name.into(), estimator))
            }

            /// Adds an estimator named after its type in lowercase.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            #[doc = concat!("let ensemble = ", stringify!($ty), "::new().push(", $example, ");")]
            /// assert!(!ensemble.estimators.1.name.is_empty());
            /// ```
            pub fn push<M>(self, estimator: M) -> $ty<(S, Named<M>), E, C> {
                self.with(Named::by_type(estimator))
            }

            /// The final estimator (scikit-learn's `final_estimator`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            #[doc = concat!("let ensemble = ", stringify!($ty), "::new().final_estimator(", $final_example, ");")]
            /// # let _ = ensemble;
            /// ```
            pub fn final_estimator<E2>(self, final_estimator: E2) -> $ty<S, E2, C> {
                $ty {
                    estimators: self.estimators,
                    final_estimator,
                    cv: self.cv,
                    passthrough: self.passthrough,
                    n_jobs: self.n_jobs,
                    $($extra: self.$extra,)*
                }
            }

            /// The splitter of the out-of-fold outputs (scikit-learn's `cv`).
            ///
            /// # Example
            /// ```
            /// use learnkit::model_selection::KFold;
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            #[doc = concat!("let ensemble = ", stringify!($ty), "::new().cv(", $cv_example, ");")]
            /// assert_eq!(ensemble.cv.n_splits, 3);
            /// ```
            pub fn cv<C2>(self, cv: C2) -> $ty<S, E, C2> {
                $ty {
                    estimators: self.estimators,
                    final_estimator: self.final_estimator,
                    cv,
                    passthrough: self.passthrough,
                    n_jobs: self.n_jobs,
                    $($extra: self.$extra,)*
                }
            }

            /// Whether `x` is appended to the final estimator's features.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            #[doc = concat!("assert!(", stringify!($ty), "::new().passthrough(true).passthrough);")]
            /// ```
            pub fn passthrough(mut self, passthrough: bool) -> Self {
                self.passthrough = passthrough;
                self
            }

            /// Threads for fitting and predicting (`None`: every core).
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            #[doc = concat!("assert_eq!(", stringify!($ty), "::new().n_jobs(Some(2)).n_jobs, Some(2));")]
            /// ```
            pub fn n_jobs(mut self, n_jobs: impl crate::convert::IntoOption<usize>) -> Self {
                self.n_jobs = n_jobs.into_option();
                self
            }
        }
    };
}

stacking_builder!(
    StackingClassifier[stack_method],
    "GaussianNB::default()",
    "LogisticRegression::default().c(10.0)",
    "KFold::new(3)"
);
stacking_builder!(
    StackingRegressor [],
    "LinearRegression::default()",
    "LinearRegression::default()",
    "KFold::new(3)"
);

impl<S, E, C> StackingClassifier<S, E, C> {
    fn with<M>(self, member: Named<M>) -> StackingClassifier<(S, Named<M>), E, C> {
        StackingClassifier {
            estimators: (self.estimators, member),
            final_estimator: self.final_estimator,
            cv: self.cv,
            stack_method: self.stack_method,
            passthrough: self.passthrough,
            n_jobs: self.n_jobs,
        }
    }

    /// Which output of each estimator is stacked (scikit-learn's
    /// `stack_method`).
    ///
    /// # Example
    /// ```
    /// use learnkit::ensemble::{StackingClassifier, StackMethod};
    /// let s = StackingClassifier::new().stack_method(StackMethod::Predict);
    /// assert_eq!(s.stack_method, StackMethod::Predict);
    /// ```
    pub fn stack_method(mut self, stack_method: StackMethod) -> Self {
        self.stack_method = stack_method;
        self
    }
}

impl<S, E, C> StackingRegressor<S, E, C> {
    fn with<M>(self, member: Named<M>) -> StackingRegressor<(S, Named<M>), E, C> {
        StackingRegressor {
            estimators: (self.estimators, member),
            final_estimator: self.final_estimator,
            cv: self.cv,
            passthrough: self.passthrough,
            n_jobs: self.n_jobs,
        }
    }
}

/// The final estimator's features: the estimators' outputs side by side
/// (the first probability column dropped for two classes), then `x` with
/// `passthrough`.
fn meta_features<F: Float>(
    outputs: &[Array2<F>],
    methods: &[StackMethod],
    n_classes: usize,
    passthrough: Option<ArrayView2<'_, F>>,
) -> Result<Array2<F>> {
    let n_rows = outputs.first().map_or(0, |o| o.nrows());
    let mut parts: Vec<ArrayView2<'_, F>> = outputs
        .iter()
        .zip(methods)
        .map(|(out, &method)| {
            if method == StackMethod::PredictProba && n_classes == 2 {
                out.slice(s![.., 1..])
            } else {
                out.view()
            }
        })
        .collect();
    parts.extend(passthrough);
    hstack(n_rows, &parts)
}

/// The class of a final estimator's class index, checked (a loaded model
/// may have been edited).
fn class_of<L: Clone>(classes: &[L], index: usize) -> Result<L> {
    classes.get(index).cloned().ok_or_else(|| {
        Error::invalid_input(
            CLASSIFIER,
            format!("the final estimator predicted class index {index} of {}", classes.len()),
        )
    })
}

impl<F, L, S, E, C> Estimator<F, L> for StackingClassifier<S, E, C>
where
    F: Float,
    L: Label,
    S: EstimatorList<F, Classify>,
    E: Estimator<F, usize> + Sync,
    E::Fitted: ClassifierResponses<F, Output = usize> + Send,
    C: Splitter<usize>,
{
    type Fitted = FittedStackingClassifier<S::Fitted, E::Fitted, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        let raw = self.estimators.raw_names();
        let names = checked_names(CLASSIFIER, &raw)?;
        crate::validation::check_param(CLASSIFIER, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        check_same_rows(CLASSIFIER, x, y.len())?;
        let (classes, codes) = encode_labels(y.iter());
        check_two_classes(CLASSIFIER, &classes)?;
        let codes = Array1::from(codes);
        let folds = checked_folds(CLASSIFIER, x, codes.view(), None, &self.cv)?;
        check_test_partition(CLASSIFIER, &folds, x.nrows())?;
        let n_classes = classes.len();
        let (estimators, methods, final_estimator) = with_n_jobs(self.n_jobs, || -> Result<_> {
            let estimators = self.estimators.fit_all(x, codes.view(), &names, sealed::Internal(()))?;
            let methods = estimators.resolve(CLASSIFIER, "stack_method", self.stack_method, sealed::Internal(()))?;
            let outputs =
                self.estimators
                    .out_of_fold(x, codes.view(), &folds, &methods, n_classes, sealed::Internal(()))?;
            let meta = meta_features(&outputs, &methods, n_classes, self.passthrough.then_some(x))?;
            let final_estimator = self
                .final_estimator
                .fit(meta.view(), codes.view())
                .map_err(|e| final_error(e, CLASSIFIER))?;
            Ok((estimators, methods, final_estimator))
        })??;
        check_final_classes(final_estimator.classes(), n_classes)?;
        Ok(FittedStackingClassifier {
            estimators,
            final_estimator,
            classes,
            stack_methods: methods,
            passthrough: self.passthrough,
            n_features_in: x.ncols(),
            n_jobs: self.n_jobs,
        })
    }
}

/// The final classifier must know every class, in order.
fn check_final_classes(classes: &[usize], n_classes: usize) -> Result<()> {
    if classes.len() != n_classes || classes.iter().enumerate().any(|(k, &c)| c != k) {
        return Err(Error::invalid_input(
            CLASSIFIER,
            format!("the final estimator knows classes {classes:?}, the ensemble {n_classes} classes"),
        ));
    }
    Ok(())
}

/// Names the final estimator in its errors.
fn final_error(mut error: Error, context: &'static str) -> Error {
    if let Some(inner) = error.context_mut() {
        *inner = format!("{context} final_estimator ({inner})").into();
    }
    error
}

impl<F, S, E, C> Estimator<F, F> for StackingRegressor<S, E, C>
where
    F: Float,
    S: EstimatorList<F, Regress>,
    E: Estimator<F, F> + Sync,
    E::Fitted: Predictor<F, Output = F> + Send,
    C: Splitter<F>,
{
    type Fitted = FittedStackingRegressor<S::Fitted, E::Fitted>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        let raw = self.estimators.raw_names();
        let names = checked_names(REGRESSOR, &raw)?;
        crate::validation::check_param(REGRESSOR, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        check_same_rows(REGRESSOR, x, y.len())?;
        let folds = checked_folds(REGRESSOR, x, y, None, &self.cv)?;
        check_test_partition(REGRESSOR, &folds, x.nrows())?;
        let methods = vec![StackMethod::Predict; names.len()];
        let (estimators, final_estimator) = with_n_jobs(self.n_jobs, || -> Result<_> {
            let estimators = self.estimators.fit_all(x, y, &names, sealed::Internal(()))?;
            let outputs = self
                .estimators
                .out_of_fold(x, y, &folds, &methods, 0, sealed::Internal(()))?;
            let meta = meta_features(&outputs, &methods, 0, self.passthrough.then_some(x))?;
            let final_estimator = self
                .final_estimator
                .fit(meta.view(), y)
                .map_err(|e| final_error(e, REGRESSOR))?;
            Ok((estimators, final_estimator))
        })??;
        Ok(FittedStackingRegressor {
            estimators,
            final_estimator,
            passthrough: self.passthrough,
            n_features_in: x.ncols(),
            n_jobs: self.n_jobs,
        })
    }
}

/// A fitted [`StackingClassifier`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::{StackingClassifier, StackMethod};
/// let iris = learnkit::datasets::load_iris();
/// let model = StackingClassifier::new()
///     .push(GaussianNB::default())
///     .push(LinearSVC::default().random_state(0))
///     .fit(iris.data.view(), iris.target.view())?;
/// // Auto: probabilities of the naive Bayes, decision values of the SVM.
/// assert_eq!(model.stack_methods(), [StackMethod::PredictProba, StackMethod::DecisionFunction]);
/// assert_eq!(model.final_estimator().coef().ncols(), 6);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
pub struct FittedStackingClassifier<S, E, L> {
    estimators: S,
    final_estimator: E,
    classes: Vec<L>,
    stack_methods: Vec<StackMethod>,
    passthrough: bool,
    n_features_in: usize,
    n_jobs: Option<usize>,
}

checked_serde!(impl[T: sealed::MemberModelNames, E, L: Label] FittedStackingClassifier<T, E, L>;
    ser[T: serde::Serialize, E: serde::Serialize, L: serde::Serialize]
    de[T: serde::de::DeserializeOwned, E: serde::de::DeserializeOwned, L: serde::de::DeserializeOwned]);

persist!(impl[S: sealed::MemberModelNames, E: crate::persistence::Persist, L: Label] FittedStackingClassifier<S, E, L>
    => format!("StackingClassifier<{}; {}>", S::model_names().join(", "), E::model_name()));

#[cfg(feature = "serde")]
impl<S: sealed::MemberModelNames, E, L: Label> crate::persistence::Check for FittedStackingClassifier<S, E, L> {
    /// Classes as a fit leaves them; one resolved method per estimator.
    fn check(&self) -> std::result::Result<(), String> {
        crate::classify::check_classes(CLASSIFIER, &self.classes)?;
        crate::persistence::check::same_len(
            "StackingClassifier stack methods",
            S::model_names().len(),
            self.stack_methods.len(),
        )?;
        crate::persistence::check::ensure(!self.stack_methods.contains(&StackMethod::Auto), || {
            "StackingClassifier: a stack method left Auto".to_string()
        })
    }
}

/// A fitted [`StackingRegressor`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::StackingRegressor;
/// let diabetes = learnkit::datasets::load_diabetes();
/// let model = StackingRegressor::new()
///     .add("ols", LinearRegression::default())
///     .add("ridge", Ridge::default())
///     .final_estimator(LinearRegression::default())
///     .fit(diabetes.data.view(), diabetes.target.view())?;
/// assert_eq!(model.final_estimator().coef().len(), 2);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FittedStackingRegressor<S, E> {
    estimators: S,
    final_estimator: E,
    passthrough: bool,
    n_features_in: usize,
    n_jobs: Option<usize>,
}

persist!(impl[S: sealed::MemberModelNames, E: crate::persistence::Persist] FittedStackingRegressor<S, E>
    => format!("StackingRegressor<{}; {}>", S::model_names().join(", "), E::model_name()));

/// The accessors both fitted stacking ensembles share.
macro_rules! stacking_accessors {
    ($ty:ident [$($g:ident),*], $kind:ident, $example:literal) => {
        impl<S, E $(, $g)*> $ty<S, E $(, $g)*> {
            /// The estimators fitted on the whole data, nested to the left as
            /// they were added (scikit-learn's `estimators_`), each a
            /// [`Named`] fitted model.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = $example]
            /// assert!(!model.estimators().1.name.is_empty());
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn estimators(&self) -> &S {
                &self.estimators
            }

            /// The estimators' names, in order.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = $example]
            /// assert_eq!(model.names().len(), 1);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn names<F: Float>(&self) -> Vec<&str>
            where
                S: FittedEstimatorList<F, $kind>,
            {
                self.estimators.names()
            }

            /// The fitted final estimator (scikit-learn's `final_estimator_`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = $example]
            /// let _final = model.final_estimator();
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn final_estimator(&self) -> &E {
                &self.final_estimator
            }

            /// Whether `x` is appended to the final estimator's features.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = $example]
            /// assert!(!model.passthrough());
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn passthrough(&self) -> bool {
                self.passthrough
            }

            /// The number of features seen in `fit`.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = $example]
            /// assert_eq!(model.n_features_in(), 1);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn n_features_in(&self) -> usize {
                self.n_features_in
            }
        }
    };
}

stacking_accessors!(
    FittedStackingClassifier[L],
    Classify,
    "let x = ndarray::array![[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]];\n\
     let y = ndarray::array![0, 0, 0, 1, 1, 1];\n\
     let model = learnkit::ensemble::StackingClassifier::new().push(GaussianNB::default())\n\
         .cv(learnkit::model_selection::StratifiedKFold::new(3)).fit(x.view(), y.view())?;"
);
stacking_accessors!(FittedStackingRegressor [], Regress,
    "let x = ndarray::array![[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]];\n\
     let y = ndarray::array![0.0, 1.0, 2.0, 3.0, 4.0, 5.0];\n\
     let model = learnkit::ensemble::StackingRegressor::new().push(LinearRegression::default())\n\
         .cv(learnkit::model_selection::KFold::new(3)).fit(x.view(), y.view())?;");

impl<S, E, L> FittedStackingClassifier<S, E, L> {
    /// The output of each estimator that is stacked (scikit-learn's
    /// `stack_method_`), `Auto` resolved.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::{StackingClassifier, StackMethod};
    /// let iris = learnkit::datasets::load_iris();
    /// let model = StackingClassifier::new().push(RidgeClassifier::default()).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.stack_methods(), [StackMethod::DecisionFunction]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn stack_methods(&self) -> &[StackMethod] {
        &self.stack_methods
    }
}

impl<F, S, E, L> Transformer<F> for FittedStackingClassifier<S, E, L>
where
    F: Float,
    L: Label,
    S: FittedEstimatorList<F, Classify>,
{
    /// The final estimator's features for `x`: the estimators' stacked
    /// outputs (then `x` with `passthrough`).
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_feature_count(CLASSIFIER, self.n_features_in, x.ncols())?;
        check_not_empty(CLASSIFIER, x)?;
        let n_classes = self.classes.len();
        // Only the estimators cross threads: the final estimator need not be `Sync`.
        let (estimators, methods) = (&self.estimators, &self.stack_methods);
        let outputs = with_n_jobs(self.n_jobs, || {
            estimators.outputs(x, methods, n_classes, sealed::Internal(()))
        })??;
        meta_features(&outputs, &self.stack_methods, n_classes, self.passthrough.then_some(x))
    }
}

impl<F, S, E> Transformer<F> for FittedStackingRegressor<S, E>
where
    F: Float,
    S: FittedEstimatorList<F, Regress>,
{
    /// The final estimator's features for `x`: the estimators' predictions
    /// (then `x` with `passthrough`).
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_feature_count(REGRESSOR, self.n_features_in, x.ncols())?;
        check_not_empty(REGRESSOR, x)?;
        let methods = vec![StackMethod::Predict; self.estimators.len()];
        let estimators = &self.estimators;
        let outputs = with_n_jobs(self.n_jobs, || estimators.outputs(x, &methods, 0, sealed::Internal(())))??;
        meta_features(&outputs, &methods, 0, self.passthrough.then_some(x))
    }
}

impl<F, S, E, L> Predictor<F> for FittedStackingClassifier<S, E, L>
where
    F: Float,
    L: Label,
    S: FittedEstimatorList<F, Classify>,
    E: ClassifierResponses<F, Output = usize>,
{
    type Output = L;

    /// The final estimator's class on the stacked outputs.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        let indices = self.final_estimator.predict(self.transform(x)?.view())?;
        indices.iter().map(|&k| class_of(&self.classes, k)).collect()
    }

    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        crate::classify::accuracy(CLASSIFIER, x, y, |x| self.predict(x))
    }
}

impl<F, S, E, L> Classifier<F> for FittedStackingClassifier<S, E, L>
where
    F: Float,
    L: Label,
    S: FittedEstimatorList<F, Classify>,
    E: ClassifierResponses<F, Output = usize>,
{
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<S, E, L: Label> FittedStackingClassifier<S, E, L> {
    /// The final estimator's `method` on the stacked outputs, checked to
    /// have a column per class (one for a two-class decision function).
    fn final_response<F: Float>(&self, method: StackMethod, x: ArrayView2<'_, F>) -> Result<Array2<F>>
    where
        S: FittedEstimatorList<F, Classify>,
        E: ClassifierResponses<F, Output = usize>,
    {
        check_final_classes(self.final_estimator.classes(), self.classes.len())?;
        let out = self.final_estimator.response(method, self.transform(x)?.view())?;
        let width = if method == StackMethod::DecisionFunction && self.classes.len() == 2 {
            1
        } else {
            self.classes.len()
        };
        if out.ncols() != width {
            return Err(Error::invalid_input(
                CLASSIFIER,
                format!("the final estimator gave {} columns, expected {width}", out.ncols()),
            ));
        }
        Ok(out)
    }
}

impl<F, S, E, L> PredictProba<F> for FittedStackingClassifier<S, E, L>
where
    F: Float,
    L: Label,
    S: FittedEstimatorList<F, Classify>,
    E: ClassifierResponses<F, Output = usize>,
{
    /// The final estimator's probabilities ([`Error::Unsupported`] when it
    /// has none).
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.final_response(StackMethod::PredictProba, x)
    }
}

impl<F, S, E, L> DecisionFunction<F> for FittedStackingClassifier<S, E, L>
where
    F: Float,
    L: Label,
    S: FittedEstimatorList<F, Classify>,
    E: ClassifierResponses<F, Output = usize>,
{
    /// The final estimator's decision function ([`Error::Unsupported`]
    /// when it has none).
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.final_response(StackMethod::DecisionFunction, x)
    }
}

impl<F, S, E, L> crate::traits::RankingScores<F> for FittedStackingClassifier<S, E, L>
where
    F: Float,
    L: Label,
    S: FittedEstimatorList<F, Classify>,
    E: ClassifierResponses<F, Output = usize>,
{
    /// The final estimator's decision function for two classes when it has
    /// one, its probabilities otherwise.
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        if self.classes.len() == 2 && self.final_estimator.supports(StackMethod::DecisionFunction) {
            self.decision_function(x)
        } else {
            crate::classify::ranking_from_proba(self, x)
        }
    }
}

impl<F, S, E> Predictor<F> for FittedStackingRegressor<S, E>
where
    F: Float,
    S: FittedEstimatorList<F, Regress>,
    E: Predictor<F, Output = F>,
{
    type Output = F;

    /// The final estimator's prediction on the stacked predictions.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        self.final_estimator.predict(self.transform(x)?.view())
    }

    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        crate::validation::check_same_length(REGRESSOR, "number of targets vs rows of X", x.nrows(), y.len())?;
        crate::metrics::r2_score(y, self.predict(x)?.view())
    }
}
