//! The lists of differently-typed estimators that the voting and stacking
//! ensembles hold: [`Named`] estimators nested to the left in tuples, as
//! [`ColumnTransformer`](crate::compose::ColumnTransformer)'s steps, so the
//! fitted ensemble keeps static dispatch and serde; and
//! [`ClassifierResponses`], what an ensemble may ask of a fitted classifier.

use crate::error::{Error, Result};
use crate::float::Float;
use crate::model_selection::{Fold, out_of_fold};
use crate::traits::{Classifier, Estimator, Predictor};
use ndarray::{Array2, ArrayView1, ArrayView2, Axis};

/// The method whose output a stacking ensemble feeds to its final estimator
/// (scikit-learn's `stack_method`); a voting classifier uses the same names.
///
/// # Example
/// ```
/// use learnkit::ensemble::StackMethod;
/// assert_eq!(StackMethod::default(), StackMethod::Auto);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum StackMethod {
    /// `predict_proba` when the estimator has it, else `decision_function`,
    /// else `predict` (scikit-learn's `"auto"`).
    #[default]
    Auto,
    /// The class probabilities (for two classes, the second column only).
    PredictProba,
    /// The decision function.
    DecisionFunction,
    /// The predictions (for a classifier, the index of the class).
    Predict,
}

/// One estimator of an ensemble with its name (scikit-learn's
/// `(name, estimator)` pair). A fitted ensemble holds `Named` fitted
/// estimators under their final names.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::VotingClassifier;
/// let voting = VotingClassifier::new().add("lr", LogisticRegression::default());
/// assert_eq!(voting.estimators.1.name, "lr");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Named<E> {
    /// The name: given by the user, or the lowercased type name.
    pub name: String,
    /// The estimator (a fitted model in a fitted ensemble).
    pub estimator: E,
    /// Whether `name` was given (a default name may get a `-k` suffix
    /// when several estimators share it, as scikit-learn's `_name_estimators`).
    given: bool,
}

impl<E> Named<E> {
    pub(crate) fn given(name: String, estimator: E) -> Self {
        Named {
            name,
            estimator,
            given: true,
        }
    }

    pub(crate) fn by_type(estimator: E) -> Self {
        Named {
            name: crate::compose::type_default_name::<E>(),
            estimator,
            given: false,
        }
    }
}

/// What the voting and stacking classifiers need from a fitted classifier
/// beyond [`Classifier`]: whether it has probabilities or a decision
/// function, and their values (scikit-learn asks `hasattr`). Implemented for
/// every classifier of the crate (an [`SVC`](crate::svm::SVC) has
/// probabilities only when fitted with `probability = true`, an
/// [`SGDClassifier`](crate::linear_model::SGDClassifier) only with the log
/// or modified Huber loss, as scikit-learn) and for pipelines ending in one;
/// implement it for a classifier of your own to put it in an ensemble.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::{ClassifierResponses, StackMethod};
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let svc = SVC::default().fit(x.view(), array![0, 0, 1, 1].view())?;
/// assert!(!svc.supports(StackMethod::PredictProba));
/// assert!(svc.supports(StackMethod::DecisionFunction));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait ClassifierResponses<F: Float>: Classifier<F> {
    /// Whether `method` gives values ([`StackMethod::Predict`] always does;
    /// [`StackMethod::Auto`] when any does).
    fn supports(&self, method: StackMethod) -> bool;

    /// The output of `method` on `x`: probabilities or decision values (one
    /// column per class, one column for a two-class decision function).
    /// [`StackMethod::Predict`] and [`StackMethod::Auto`] are resolved by
    /// the ensemble and not asked here.
    ///
    /// # Errors
    /// [`Error::Unsupported`] for a method the model does not have; the
    /// model's own errors.
    fn response(&self, method: StackMethod, x: ArrayView2<'_, F>) -> Result<Array2<F>>;
}

/// The error of a response a classifier does not have.
pub(crate) fn no_response(model: &'static str, method: StackMethod) -> Error {
    Error::Unsupported {
        context: model.into(),
        message: format!("this model has no {method:?} output"),
    }
}

/// The kinds of estimator list: [`Classify`] (members fitted on class
/// indices `0..n_classes`, as scikit-learn fits them on label-encoded
/// targets) and [`Regress`] (members fitted on the targets).
///
/// # Example
/// ```
/// use learnkit::ensemble::{Classify, Kind};
/// let _: <Classify as Kind<f64>>::Target = 3usize;
/// ```
pub trait Kind<F: Float>: sealed::Sealed {
    /// What the members are fitted on.
    type Target: Clone + Send + Sync + 'static;
}

/// The [`Kind`] of classifier ensembles.
///
/// # Example
/// ```
/// let _ = learnkit::ensemble::Classify;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classify;

/// The [`Kind`] of regressor ensembles.
///
/// # Example
/// ```
/// let _ = learnkit::ensemble::Regress;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Regress;

impl<F: Float> Kind<F> for Classify {
    type Target = usize;
}

impl<F: Float> Kind<F> for Regress {
    type Target = F;
}

/// Keeps the list traits closed and their methods internal, as the
/// column transformer's step lists.
pub(crate) mod sealed {
    pub struct Internal(pub(crate) ());
    pub trait Sealed {}
    impl Sealed for () {}
    impl<S: Sealed, E> Sealed for (S, super::Named<E>) {}
    impl Sealed for super::Classify {}
    impl Sealed for super::Regress {}

    /// The saved names of the fitted members, in order (for the
    /// [`Persist`](crate::persistence::Persist) name of a fitted ensemble).
    #[cfg(feature = "serde")]
    pub trait MemberModelNames {
        fn model_names() -> Vec<String>;
    }

    #[cfg(feature = "serde")]
    impl MemberModelNames for () {
        fn model_names() -> Vec<String> {
            Vec::new()
        }
    }

    #[cfg(feature = "serde")]
    impl<S: MemberModelNames, T: crate::persistence::Persist> MemberModelNames for (S, super::Named<T>) {
        fn model_names() -> Vec<String> {
            let mut names = S::model_names();
            names.push(T::model_name());
            names
        }
    }
}

/// The estimators of an ensemble: `()`, then `((), Named<A>)`, then
/// `(((), Named<A>), Named<B>)`, … Sealed; built with the ensembles' `add`
/// and `push`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::{Classify, EstimatorList, VotingClassifier};
/// let voting = VotingClassifier::new().push(LogisticRegression::default()).push(GaussianNB::default());
/// assert_eq!(EstimatorList::<f64, Classify>::len(&voting.estimators), 2);
/// ```
pub trait EstimatorList<F: Float, K: Kind<F>>: sealed::Sealed + Sync {
    /// The fitted estimators.
    type Fitted: FittedEstimatorList<F, K> + Send + Sync;

    /// The number of estimators.
    fn len(&self) -> usize;

    /// Whether the list is empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each estimator's name and whether it was given, in order.
    #[doc(hidden)]
    fn raw_names(&self) -> Vec<(&str, bool)>;

    /// Fits every estimator on all of `x`, `y`, in parallel, under `names`.
    #[doc(hidden)]
    fn fit_all(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, K::Target>,
        names: &[String],
        _: sealed::Internal,
    ) -> Result<Self::Fitted>;

    /// Each estimator's out-of-fold outputs of `methods` (one per estimator,
    /// resolved), the estimators in parallel and each over the folds.
    #[doc(hidden)]
    fn out_of_fold(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, K::Target>,
        folds: &[Fold],
        methods: &[StackMethod],
        n_classes: usize,
        _: sealed::Internal,
    ) -> Result<Vec<Array2<F>>>;
}

/// The fitted estimators of an ensemble, nested as the [`EstimatorList`]
/// they came from. Sealed.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::{Classify, FittedEstimatorList, VotingClassifier};
/// let iris = learnkit::datasets::load_iris();
/// let voting = VotingClassifier::new().push(GaussianNB::default()).fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(FittedEstimatorList::<f64, Classify>::names(voting.estimators()), ["gaussiannb"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait FittedEstimatorList<F: Float, K: Kind<F>>: sealed::Sealed + Sync {
    /// The number of estimators.
    fn len(&self) -> usize;

    /// Whether the list is empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The estimators' names, in order.
    fn names(&self) -> Vec<&str>;

    /// The method `requested` resolves to for each estimator (`Auto` as
    /// scikit-learn: probabilities, else the decision function, else
    /// predictions); an error names an estimator without it.
    #[doc(hidden)]
    fn resolve(
        &self,
        context: &'static str,
        parameter: &'static str,
        requested: StackMethod,
        _: sealed::Internal,
    ) -> Result<Vec<StackMethod>>;

    /// Every estimator's output of its method on `x`, in parallel.
    #[doc(hidden)]
    fn outputs(
        &self,
        x: ArrayView2<'_, F>,
        methods: &[StackMethod],
        n_classes: usize,
        _: sealed::Internal,
    ) -> Result<Vec<Array2<F>>>;
}

impl<F: Float, K: Kind<F>> EstimatorList<F, K> for () {
    type Fitted = ();

    fn len(&self) -> usize {
        0
    }

    fn raw_names(&self) -> Vec<(&str, bool)> {
        Vec::new()
    }

    fn fit_all(
        &self,
        _: ArrayView2<'_, F>,
        _: ArrayView1<'_, K::Target>,
        _: &[String],
        _: sealed::Internal,
    ) -> Result<()> {
        Ok(())
    }

    fn out_of_fold(
        &self,
        _: ArrayView2<'_, F>,
        _: ArrayView1<'_, K::Target>,
        _: &[Fold],
        _: &[StackMethod],
        _: usize,
        _: sealed::Internal,
    ) -> Result<Vec<Array2<F>>> {
        Ok(Vec::new())
    }
}

impl<F: Float, K: Kind<F>> FittedEstimatorList<F, K> for () {
    fn len(&self) -> usize {
        0
    }

    fn names(&self) -> Vec<&str> {
        Vec::new()
    }

    fn resolve(
        &self,
        _: &'static str,
        _: &'static str,
        _: StackMethod,
        _: sealed::Internal,
    ) -> Result<Vec<StackMethod>> {
        Ok(Vec::new())
    }

    fn outputs(
        &self,
        _: ArrayView2<'_, F>,
        _: &[StackMethod],
        _: usize,
        _: sealed::Internal,
    ) -> Result<Vec<Array2<F>>> {
        Ok(Vec::new())
    }
}

/// One member's output of `method`, in the form the ensembles read: the
/// predicted class index (one column), probabilities (one column per class)
/// or decision values. Checks the member's classes are the ensemble's and
/// the output's shape, so a model loaded from an edited file cannot make an
/// ensemble index out of bounds.
fn classifier_output<F: Float, M: ClassifierResponses<F, Output = usize>>(
    name: &str,
    model: &M,
    x: ArrayView2<'_, F>,
    method: StackMethod,
    n_classes: usize,
) -> Result<Array2<F>> {
    let classes = model.classes();
    if classes.len() != n_classes || classes.iter().enumerate().any(|(k, &c)| c != k) {
        return Err(Error::invalid_input(
            "ensemble",
            format!(
                "estimator {name:?} knows classes {classes:?}, the ensemble {n_classes} classes: \
                 every estimator must see every class (use stratified folds)"
            ),
        ));
    }
    let out = match method {
        StackMethod::Predict | StackMethod::Auto => {
            let predicted = model.predict(x)?;
            if let Some(p) = predicted.iter().find(|&&p| p >= n_classes) {
                return Err(Error::invalid_input(
                    "ensemble",
                    format!("estimator {name:?} predicted class index {p} of {n_classes}"),
                ));
            }
            predicted.mapv(F::from_usize_lossy).insert_axis(Axis(1))
        }
        method => model.response(method, x)?,
    };
    let width = match method {
        StackMethod::DecisionFunction if n_classes == 2 => 1,
        StackMethod::PredictProba | StackMethod::DecisionFunction => n_classes,
        _ => 1,
    };
    if out.dim() != (x.nrows(), width) {
        return Err(Error::invalid_input(
            "ensemble",
            format!(
                "estimator {name:?} gave a {:?} output of shape {:?}, expected ({}, {width})",
                method,
                out.dim(),
                x.nrows()
            ),
        ));
    }
    Ok(out)
}

/// The method `requested` resolves to for `model`.
fn resolve_method<F: Float, M: ClassifierResponses<F>>(
    context: &'static str,
    parameter: &'static str,
    name: &str,
    model: &M,
    requested: StackMethod,
) -> Result<StackMethod> {
    let order: &[StackMethod] = match requested {
        StackMethod::Auto => &[
            StackMethod::PredictProba,
            StackMethod::DecisionFunction,
            StackMethod::Predict,
        ],
        StackMethod::PredictProba => &[StackMethod::PredictProba],
        StackMethod::DecisionFunction => &[StackMethod::DecisionFunction],
        StackMethod::Predict => &[StackMethod::Predict],
    };
    order
        .iter()
        .copied()
        .find(|&m| m == StackMethod::Predict || model.supports(m))
        .ok_or_else(|| {
            Error::invalid_parameter(
                context,
                parameter,
                format!("a method that estimator {name:?} has"),
                requested,
            )
        })
}

/// Runs the earlier members and this one side by side; both run to the end,
/// so the error reported is the first member's in order, whatever the
/// scheduling.
fn join_in_order<A: Send, B: Send>(
    earlier: impl FnOnce() -> Result<A> + Send,
    own: impl FnOnce() -> Result<B> + Send,
) -> Result<(A, B)> {
    let (earlier, own) = rayon::join(earlier, own);
    Ok((earlier?, own?))
}

/// Names the member in an error from its fit or prediction.
fn member_error(mut error: Error, name: &str) -> Error {
    if let Some(context) = error.context_mut() {
        *context = format!("ensemble estimator {name:?} ({context})").into();
    }
    error
}

macro_rules! estimator_list_impls {
    ($kind:ident, $target:ty, [$($bounds:tt)*], $output:expr) => {
        impl<F, S, E> EstimatorList<F, $kind> for (S, Named<E>)
        where
            F: Float,
            S: EstimatorList<F, $kind>,
            E: Estimator<F, $target> + Sync,
            E::Fitted: $($bounds)* + Send + Sync,
        {
            type Fitted = (S::Fitted, Named<E::Fitted>);

            fn len(&self) -> usize {
                self.0.len() + 1
            }

            fn raw_names(&self) -> Vec<(&str, bool)> {
                let mut names = self.0.raw_names();
                names.push((&self.1.name, self.1.given));
                names
            }

            fn fit_all(
                &self,
                x: ArrayView2<'_, F>,
                y: ArrayView1<'_, $target>,
                names: &[String],
                _: sealed::Internal,
            ) -> Result<Self::Fitted> {
                let (own, earlier) = names.split_last().expect("one name per estimator");
                let (earlier, fitted) = join_in_order(
                    || self.0.fit_all(x, y, earlier, sealed::Internal(())),
                    || self.1.estimator.fit(x, y).map_err(|e| member_error(e, own)),
                )?;
                Ok((earlier, Named::given(own.clone(), fitted)))
            }

            fn out_of_fold(
                &self,
                x: ArrayView2<'_, F>,
                y: ArrayView1<'_, $target>,
                folds: &[Fold],
                methods: &[StackMethod],
                n_classes: usize,
                _: sealed::Internal,
            ) -> Result<Vec<Array2<F>>> {
                let (&method, earlier) = methods.split_last().expect("one method per estimator");
                let name = &self.1.name;
                let (mut outputs, own) = join_in_order(
                    || self.0.out_of_fold(x, y, folds, earlier, n_classes, sealed::Internal(())),
                    || {
                        out_of_fold("ensemble", &self.1.estimator, x, y, folds, |m, x| {
                            $output(name, m, x, method, n_classes)
                        })
                        .map_err(|e| member_error(e, name))
                    },
                )?;
                outputs.push(own);
                Ok(outputs)
            }
        }

        impl<F, S, M> FittedEstimatorList<F, $kind> for (S, Named<M>)
        where
            F: Float,
            S: FittedEstimatorList<F, $kind>,
            M: $($bounds)* + Sync,
        {
            fn len(&self) -> usize {
                self.0.len() + 1
            }

            fn names(&self) -> Vec<&str> {
                let mut names = self.0.names();
                names.push(&self.1.name);
                names
            }

            fn resolve(
                &self,
                context: &'static str,
                parameter: &'static str,
                requested: StackMethod,
                _: sealed::Internal,
            ) -> Result<Vec<StackMethod>> {
                let mut methods = self.0.resolve(context, parameter, requested, sealed::Internal(()))?;
                methods.push(estimator_list_impls!(@resolve $kind, (context, parameter), &self.1.name, &self.1.estimator, requested)?);
                Ok(methods)
            }

            fn outputs(
                &self,
                x: ArrayView2<'_, F>,
                methods: &[StackMethod],
                n_classes: usize,
                _: sealed::Internal,
            ) -> Result<Vec<Array2<F>>> {
                let (&method, earlier) = methods.split_last().ok_or_else(|| {
                    Error::invalid_input("ensemble", "fewer stacking methods than estimators")
                })?;
                let (mut outputs, own) = join_in_order(
                    || self.0.outputs(x, earlier, n_classes, sealed::Internal(())),
                    || {
                        $output(&self.1.name, &self.1.estimator, x, method, n_classes)
                            .map_err(|e| member_error(e, &self.1.name))
                    },
                )?;
                outputs.push(own);
                Ok(outputs)
            }
        }
    };
    (@resolve Classify, ($context:expr, $parameter:expr), $name:expr, $model:expr, $requested:expr) => {
        resolve_method($context, $parameter, $name, $model, $requested)
    };
    (@resolve Regress, ($context:expr, $parameter:expr), $name:expr, $model:expr, $requested:expr) => {
        {
            let _ = ($context, $parameter, $name, $model, $requested);
            Ok::<_, Error>(StackMethod::Predict)
        }
    };
}

estimator_list_impls!(
    Classify,
    usize,
    [ClassifierResponses<F, Output = usize>],
    classifier_output
);
estimator_list_impls!(Regress, F, [Predictor<F, Output = F>], regressor_output);

/// A regressor member's prediction as one column.
fn regressor_output<F: Float, M: Predictor<F, Output = F>>(
    name: &str,
    model: &M,
    x: ArrayView2<'_, F>,
    _method: StackMethod,
    _n_classes: usize,
) -> Result<Array2<F>> {
    let predicted = model.predict(x)?;
    if predicted.len() != x.nrows() {
        return Err(Error::invalid_input(
            "ensemble",
            format!(
                "estimator {name:?} gave {} predictions for {} rows",
                predicted.len(),
                x.nrows()
            ),
        ));
    }
    Ok(predicted.insert_axis(Axis(1)))
}

/// Checks the list's names and returns them resolved: default names
/// numbered when shared, all non-empty, without `__` and unique.
pub(crate) fn checked_names(context: &'static str, raw: &[(&str, bool)]) -> Result<Vec<String>> {
    if raw.is_empty() {
        return Err(Error::invalid_parameter(
            context,
            "estimators",
            "a non-empty list of estimators",
            "[]",
        ));
    }
    let names = crate::compose::resolve_names(raw);
    crate::compose::validate_names(&names)
        .map_err(|(constraint, name)| Error::invalid_parameter(context, "estimators", constraint, name))?;
    Ok(names)
}

/// Checks optional `weights`: one per estimator, finite, non-negative, not
/// all zero.
pub(crate) fn check_weights(context: &'static str, weights: Option<&[f64]>, n_estimators: usize) -> Result<()> {
    let Some(weights) = weights else {
        return Ok(());
    };
    if weights.len() != n_estimators {
        return Err(Error::invalid_parameter(
            context,
            "weights",
            format!("one weight per estimator ({n_estimators})"),
            weights,
        ));
    }
    if weights.iter().any(|w| !w.is_finite() || *w < 0.0) || weights.iter().all(|&w| w == 0.0) {
        return Err(Error::invalid_parameter(
            context,
            "weights",
            "finite, non-negative and not all zero",
            weights,
        ));
    }
    Ok(())
}

/// `outputs` averaged with `weights` (numpy's `average`: the weighted sum
/// in estimator order divided by the sum of the weights; the mean without
/// weights).
pub(crate) fn weighted_average<F: Float>(outputs: &[Array2<F>], weights: Option<&[f64]>) -> Result<Array2<F>> {
    let first = outputs
        .first()
        .ok_or_else(|| Error::invalid_input("ensemble", "no estimator outputs to average"))?;
    let mut sum = Array2::<f64>::zeros(first.dim());
    let mut total = 0.0;
    for (k, out) in outputs.iter().enumerate() {
        if out.dim() != first.dim() {
            return Err(Error::invalid_input(
                "ensemble",
                format!("estimator outputs of shapes {:?} and {:?}", first.dim(), out.dim()),
            ));
        }
        let w = weights.map_or(1.0, |w| w.get(k).copied().unwrap_or(0.0));
        sum.zip_mut_with(out, |s, &v| *s += w * v.as_f64());
        total += w;
    }
    Ok(sum.mapv(|s| F::cast(s / total)))
}

/// The column-wise concatenation of `parts`.
pub(crate) fn hstack<F: Float>(n_rows: usize, parts: &[ArrayView2<'_, F>]) -> Result<Array2<F>> {
    if parts.is_empty() {
        return Ok(Array2::zeros((n_rows, 0)));
    }
    ndarray::concatenate(Axis(1), parts).map_err(|e| Error::invalid_input("ensemble", e.to_string()))
}
