//! [`Pipeline`]: transformers chained into a final estimator, fitted as one.

use crate::error::Result;
use crate::float::Float;
use crate::sparse::{Matrix, MatrixView};
use crate::traits::{
    Classifier, DecisionFunction, Estimator, InverseTransformer, PredictProba, Predictor, Transformer,
};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use std::any::Any;
use std::marker::PhantomData;
use steps::{FirstSteps, Kind, StepName};

/// Two steps run in sequence: `first` transforms the data that `second` is
/// fitted on (and predicts or transforms from).
///
/// Built with [`Pipeline::new`]; longer pipelines add steps with
/// [`Pipeline::then`] and nest to the left: `Pipeline::new(a, b).then(c)` is
/// `Pipeline<Pipeline<A, B>, C>`, and the types check at compile time that
/// every step but the last transforms.
///
/// Every step has a name, as in scikit-learn's `make_pipeline`: by default its
/// type's name in lowercase (`"standardscaler"`, `"logisticregression"`; a
/// name that several default-named steps share gets `-1`, `-2`, … in order),
/// or the one given with [`Pipeline::named`] or [`Pipeline::then_named`].
/// [`step_names`](Pipeline::step_names) lists them and
/// [`named_step`](Pipeline::named_step) finds a step by name (on the fitted
/// pipeline too), so a step is reached without `.first.first.second`. Names
/// must be unique, non-empty and without `"__"`: `fit` checks them.
///
/// `K` records how the first step is held: [`Leaf`] (one estimator, from
/// [`Pipeline::new`]) or [`Chain`] (the pipeline so far, from `then`), which is
/// how the steps of a nested pipeline are listed as one sequence.
///
/// The fitted pipeline is a [`FittedPipeline`]; it predicts, scores and gives
/// probabilities when its last step does, and transforms when its last step
/// transforms. Targets are passed unchanged to every step's `fit`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
///
/// let iris = load_iris();
/// let model = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
///     .fit(iris.data.view(), iris.target.view())?;
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.95);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Pipeline<A, B, K = Leaf> {
    /// The transforming step (with [`Chain`], the pipeline of every step but
    /// the last).
    pub first: A,
    /// The step fitted on `first`'s output.
    pub second: B,
    /// The names of the steps this node holds itself: `first` and `second`
    /// for [`Leaf`], `second` only for [`Chain`] (`first` names its own).
    names: Vec<StepName>,
    #[cfg_attr(feature = "serde", serde(skip))]
    kind: PhantomData<K>,
}

/// The `K` of a [`Pipeline`] whose first step is one estimator, as
/// [`Pipeline::new`] makes.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::compose::Leaf;
/// let _: Pipeline<StandardScaler, PCA, Leaf> = Pipeline::new(StandardScaler::default(), PCA::default());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Leaf;

/// The `K` of a [`Pipeline`] whose first step is the pipeline before it, as
/// [`Pipeline::then`] makes: its steps are listed with the outer one's.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::compose::Chain;
/// let p: Pipeline<Pipeline<SimpleImputer, StandardScaler>, PCA, Chain> =
///     Pipeline::new(SimpleImputer::default(), StandardScaler::default()).then(PCA::default());
/// assert_eq!(p.step_names(), ["simpleimputer", "standardscaler", "pca"]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Chain;

/// Private: the traits that list a nested pipeline's steps. They are public
/// in a private module so that they can bound public methods without being
/// nameable (or implementable) outside the crate.
mod steps {
    use std::any::Any;

    /// A step's name: given by the user, or the default made from its
    /// type's name (which may get a `-k` suffix, see `resolve`).
    #[derive(Clone, Debug, PartialEq, Eq)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    pub struct StepName {
        pub(super) name: String,
        pub(super) given: bool,
    }

    /// [`super::Leaf`] or [`super::Chain`].
    pub trait Kind {
        /// Whether the first step is one estimator (and so named by the node).
        const LEAF: bool;
    }

    impl Kind for super::Leaf {
        const LEAF: bool = true;
    }

    impl Kind for super::Chain {
        const LEAF: bool = false;
    }

    /// The steps of a pipeline's `first`, in order, with their names: itself
    /// with the name its node holds (`K = Leaf`), or the steps of the
    /// pipeline it is (`K = Chain`). The two impls cannot overlap since `K`
    /// differs: that is what lets any type be a step without specialisation.
    pub trait FirstSteps<K> {
        /// Appends the steps to `out`; `own` is the node's names for `first`.
        fn push_steps<'a>(&'a self, own: &'a [StepName], out: &mut Vec<(&'a StepName, &'a dyn Any)>);
    }

    impl<A: Any> FirstSteps<super::Leaf> for A {
        fn push_steps<'a>(&'a self, own: &'a [StepName], out: &mut Vec<(&'a StepName, &'a dyn Any)>) {
            if let Some(name) = own.first() {
                out.push((name, self));
            }
        }
    }
}

/// The lowercased name of a type without its path and generic arguments, as
/// scikit-learn's `make_pipeline` names steps: `"standardscaler"`.
fn default_name<T>() -> StepName {
    StepName {
        name: type_default_name::<T>(),
        given: false,
    }
}

/// The lowercased name of a type without its path and generic arguments
/// (also the default names of the ensembles' estimators, as scikit-learn's
/// `_name_estimators`).
pub(crate) fn type_default_name<T>() -> String {
    let full = std::any::type_name::<T>();
    let base = full.split('<').next().unwrap_or(full);
    base.rsplit("::").next().unwrap_or(base).to_lowercase()
}

/// The names of `steps` in order: given names as they are; default names
/// as they are unless several default-named steps share one, which are then
/// numbered `name-1`, `name-2`, … (scikit-learn's `make_pipeline`).
fn resolve(steps: &[&StepName]) -> Vec<String> {
    let pairs: Vec<(&str, bool)> = steps.iter().map(|s| (s.name.as_str(), s.given)).collect();
    resolve_names(&pairs)
}

/// [`resolve`] on `(name, given)` pairs, shared with the ensembles'
/// estimator lists.
pub(crate) fn resolve_names(steps: &[(&str, bool)]) -> Vec<String> {
    steps
        .iter()
        .enumerate()
        .map(|(i, &(name, given))| {
            if given {
                return name.to_string();
            }
            let same = |other: &&(&str, bool)| !other.1 && other.0 == name;
            if steps.iter().filter(same).count() < 2 {
                name.to_string()
            } else {
                format!("{name}-{}", steps[..=i].iter().filter(same).count())
            }
        })
        .collect()
}

/// That `names` are non-empty, without `"__"` and unique: `Err` names the
/// first that is not.
pub(crate) fn validate_names(names: &[String]) -> std::result::Result<(), (&'static str, String)> {
    for (k, name) in names.iter().enumerate() {
        if name.is_empty() || name.contains("__") {
            return Err(("step names that are non-empty and without \"__\"", name.clone()));
        }
        if names[..k].contains(name) {
            return Err(("unique step names", name.clone()));
        }
    }
    Ok(())
}

impl<A, B> Pipeline<A, B, Leaf> {
    /// Chains `first` and `second`, named after their types (see
    /// [`Pipeline`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// let p = Pipeline::new(StandardScaler::default(), LogisticRegression::default());
    /// assert_eq!(p.second.c, 1.0);
    /// assert_eq!(p.step_names(), ["standardscaler", "logisticregression"]);
    /// ```
    pub fn new(first: A, second: B) -> Self {
        let names = vec![default_name::<A>(), default_name::<B>()];
        Pipeline {
            first,
            second,
            names,
            kind: PhantomData,
        }
    }

    /// Chains `first` and `second` under the given names (scikit-learn's
    /// `Pipeline([("scale", …), ("model", …)])`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::preprocessing::FittedStandardScaler;
    /// let iris = load_iris();
    /// let model = Pipeline::named("scale", StandardScaler::default(), "model", LogisticRegression::default())
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.step_names(), ["scale", "model"]);
    /// let scaler: &FittedStandardScaler<f64> = model.named_step("scale").unwrap();
    /// assert_eq!(scaler.n_features_in(), 4);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn named(first_name: impl Into<String>, first: A, second_name: impl Into<String>, second: B) -> Self {
        let names = vec![
            StepName {
                name: first_name.into(),
                given: true,
            },
            StepName {
                name: second_name.into(),
                given: true,
            },
        ];
        Pipeline {
            first,
            second,
            names,
            kind: PhantomData,
        }
    }
}

impl<A: Default, B: Default> Default for Pipeline<A, B, Leaf> {
    /// [`Pipeline::new`] of the steps' defaults.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// let p: Pipeline<StandardScaler, PCA> = Pipeline::default();
    /// assert_eq!(p.step_names(), ["standardscaler", "pca"]);
    /// ```
    fn default() -> Self {
        Pipeline::new(A::default(), B::default())
    }
}

impl<A, B, K> Pipeline<A, B, K> {
    /// This pipeline followed by `next`, named after its type:
    /// `Pipeline::new(a, b).then(c)` runs `a`, `b`, then `c`.
    ///
    /// An inherent method, not a trait's: it cannot clash with another
    /// trait's `then` in scope (such as `futures::FutureExt::then`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = Pipeline::new(SimpleImputer::default(), StandardScaler::default())
    ///     .then(LogisticRegression::default().c(0.5))
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.second.classes(), &[0, 1, 2]);
    /// assert_eq!(model.step_names(), ["simpleimputer", "standardscaler", "logisticregression"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn then<C>(self, next: C) -> Pipeline<Self, C, Chain> {
        Pipeline {
            first: self,
            second: next,
            names: vec![default_name::<C>()],
            kind: PhantomData,
        }
    }

    /// This pipeline followed by `next` under the name `name`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// let p = Pipeline::new(StandardScaler::default(), PCA::default())
    ///     .then_named("model", LogisticRegression::default());
    /// assert_eq!(p.step_names(), ["standardscaler", "pca", "model"]);
    /// ```
    pub fn then_named<C>(self, name: impl Into<String>, next: C) -> Pipeline<Self, C, Chain> {
        let names = vec![StepName {
            name: name.into(),
            given: true,
        }];
        Pipeline {
            first: self,
            second: next,
            names,
            kind: PhantomData,
        }
    }
}

/// `step_names` and `named_step`, the same for [`Pipeline`] and
/// [`FittedPipeline`].
macro_rules! named_steps {
    ($ty:ident, $what:literal, $example:literal, $found:literal) => {
        impl<A: FirstSteps<K>, B: Any, K: Kind> $ty<A, B, K> {
            /// Every step in order with its name, flattening the pipelines
            /// that `then` nests.
            fn steps(&self) -> (Vec<String>, Vec<&dyn Any>) {
                let mut steps = Vec::new();
                let split = self.names.len().saturating_sub(1);
                self.first.push_steps(&self.names[..split], &mut steps);
                if let Some(name) = self.names.last() {
                    steps.push((name, &self.second as &dyn Any));
                }
                let names: Vec<&StepName> = steps.iter().map(|(name, _)| *name).collect();
                (resolve(&names), steps.into_iter().map(|(_, step)| step).collect())
            }

            #[doc = concat!("The names of the ", $what, " steps, in order (scikit-learn's")]
            /// `named_steps.keys()`): see [`Pipeline`] for how they are made.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use learnkit::datasets::load_iris;
            /// let iris = load_iris();
            #[doc = $example]
            /// assert_eq!(p.step_names(), ["standardscaler-1", "standardscaler-2", "pca"]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn step_names(&self) -> Vec<String> {
                self.steps().0
            }

            #[doc = concat!("The ", $what, " step called `name`, if there is one and it is a `T`")]
            /// (scikit-learn's `named_steps[name]`, typed).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use learnkit::datasets::load_iris;
            /// use learnkit::decomposition::{FittedPCA, NComponents, PCA};
            /// let iris = load_iris();
            #[doc = $example]
            #[doc = $found]
            /// assert!(p.named_step::<LogisticRegression>("pca").is_none()); // not a T
            /// assert!(p.named_step::<PCA>("nothing").is_none());
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn named_step<T: Any>(&self, name: &str) -> Option<&T> {
                let (names, steps) = self.steps();
                let index = names.iter().position(|n| n == name)?;
                steps[index].downcast_ref::<T>()
            }
        }

        impl<X: FirstSteps<K2>, Y: Any, K2: Kind> FirstSteps<Chain> for $ty<X, Y, K2> {
            fn push_steps<'a>(&'a self, _own: &'a [StepName], out: &mut Vec<(&'a StepName, &'a dyn Any)>) {
                let split = self.names.len().saturating_sub(1);
                self.first.push_steps(&self.names[..split], out);
                if let Some(name) = self.names.last() {
                    out.push((name, &self.second as &dyn Any));
                }
            }
        }
    };
}

named_steps!(
    Pipeline,
    "unfitted",
    "let p = Pipeline::new(StandardScaler::default(), StandardScaler::default()).then(PCA::default());",
    "assert_eq!(p.named_step::<PCA>(\"pca\").unwrap().n_components, NComponents::All);"
);
named_steps!(
    FittedPipeline,
    "fitted",
    "let p = Pipeline::new(StandardScaler::default(), StandardScaler::default()).then(PCA::default()).fit_unsupervised(iris.data.view())?;",
    "assert_eq!(p.named_step::<FittedPCA<f64>>(\"pca\").unwrap().n_components(), 4);"
);

/// A fitted [`Pipeline`]: the fitted steps, under the same names.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::FittedStandardScaler;
/// use ndarray::array;
/// let x = array![[0.0, 1.0], [2.0, 3.0]];
/// let fitted = Pipeline::new(StandardScaler::default(), MinMaxScaler::default()).fit_unsupervised(x.view())?;
/// assert_eq!(fitted.first.n_features_in(), 2);
/// let scaler: &FittedStandardScaler<f64> = fitted.named_step("standardscaler").unwrap();
/// assert_eq!(scaler.n_features_in(), 2);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
pub struct FittedPipeline<A, B, K = Leaf> {
    /// The fitted transforming step (with [`Chain`], the fitted pipeline of
    /// every step but the last).
    pub first: A,
    /// The fitted last step.
    pub second: B,
    /// As [`Pipeline`]'s: the names of the steps this node holds itself.
    names: Vec<StepName>,
    #[cfg_attr(feature = "serde", serde(skip))]
    kind: PhantomData<K>,
}

checked_serde!(impl[A, B, K: Kind] FittedPipeline<A, B, K>;
    ser[A: serde::Serialize, B: serde::Serialize]
    de[A: serde::de::DeserializeOwned + FirstSteps<K>, B: serde::de::DeserializeOwned + Any]);

persist!(impl[A: crate::persistence::Persist + FirstSteps<K>, B: crate::persistence::Persist + Any, K: Kind] FittedPipeline<A, B, K>
    => format!("Pipeline<{}, {}>", A::model_name(), B::model_name()));

impl<A: FirstSteps<K>, B: Any, K: Kind> crate::persistence::Check for FittedPipeline<A, B, K> {
    /// One name per step the node holds (two for [`Leaf`], one for
    /// [`Chain`]), and every step's name valid and unique.
    fn check(&self) -> std::result::Result<(), String> {
        crate::persistence::check::same_len("Pipeline step names", 1 + usize::from(K::LEAF), self.names.len())?;
        validate_names(&self.step_names()).map_err(|(constraint, name)| format!("Pipeline: {constraint}, got {name:?}"))
    }
}

impl<F, T, A, B, K> Estimator<F, T> for Pipeline<A, B, K>
where
    F: Float,
    A: Estimator<F, T> + FirstSteps<K>,
    A::Fitted: Transformer<F>,
    B: Estimator<F, T> + Any,
    K: Kind,
{
    type Fitted = FittedPipeline<A::Fitted, B::Fitted, K>;

    /// Fits through [`Estimator::fit_matrix`], so that a step with sparse
    /// output (a one-hot encoder) hands its sparse matrix to the next step.
    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.fit_matrix(x.into(), y)
    }

    /// Each step's output, dense or sparse, is the next step's input.
    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        validate_names(&self.step_names())
            .map_err(|(constraint, name)| crate::Error::invalid_parameter("Pipeline", "steps", constraint, name))?;
        let (first, transformed) = self.first.fit_transform_matrix(x, y)?;
        let second = self.second.fit_matrix(transformed.view(), y)?;
        Ok(FittedPipeline {
            first,
            second,
            names: self.names.clone(),
            kind: PhantomData,
        })
    }
}

impl<F: Float, K, A: Transformer<F>, B: Predictor<F>> Predictor<F> for FittedPipeline<A, B, K> {
    type Output = B::Output;

    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<Self::Output>> {
        self.predict_matrix(x.into())
    }

    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, Self::Output>) -> Result<f64> {
        self.score_matrix(x.into(), y)
    }

    fn predict_matrix(&self, x: MatrixView<'_, F>) -> Result<Array1<Self::Output>> {
        self.second.predict_matrix(self.first.transform_matrix(x)?.view())
    }

    fn score_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, Self::Output>) -> Result<f64> {
        self.second.score_matrix(self.first.transform_matrix(x)?.view(), y)
    }
}

impl<F: Float, K, A: Transformer<F>, B: Classifier<F>> Classifier<F> for FittedPipeline<A, B, K> {
    fn classes(&self) -> &[Self::Output] {
        self.second.classes()
    }
}

impl<F: Float, K, A: Transformer<F>, B: PredictProba<F>> PredictProba<F> for FittedPipeline<A, B, K> {
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.predict_proba_matrix(x.into())
    }

    fn predict_proba_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        self.second.predict_proba_matrix(self.first.transform_matrix(x)?.view())
    }
}

impl<F: Float, K, A: Transformer<F>, B: DecisionFunction<F>> DecisionFunction<F> for FittedPipeline<A, B, K> {
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.decision_function_matrix(x.into())
    }

    fn decision_function_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        self.second
            .decision_function_matrix(self.first.transform_matrix(x)?.view())
    }
}

impl<F: Float, K, A: Transformer<F>, B: crate::traits::RankingScores<F>> crate::traits::RankingScores<F>
    for FittedPipeline<A, B, K>
{
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.second.scores_for_ranking(self.first.transform(x)?.view())
    }
}

impl<F: Float, K, A: Transformer<F>, B: Transformer<F>> Transformer<F> for FittedPipeline<A, B, K> {
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.transform_matrix(x.into())?.into_dense()
    }

    fn transform_matrix(&self, x: MatrixView<'_, F>) -> Result<Matrix<F>> {
        self.second.transform_matrix(self.first.transform_matrix(x)?.view())
    }
}

impl<F: Float, K, A: InverseTransformer<F>, B: InverseTransformer<F>> InverseTransformer<F>
    for FittedPipeline<A, B, K>
{
    fn inverse_transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.first.inverse_transform(self.second.inverse_transform(x)?.view())
    }
}

impl<A: crate::traits::FeatureNames, B: crate::traits::FeatureNames, K> crate::traits::FeatureNames
    for FittedPipeline<A, B, K>
{
    /// The last step's names for the names the steps before it give
    /// (scikit-learn's `Pipeline.get_feature_names_out`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let fitted = Pipeline::new(StandardScaler::default(), PCA::default().n_components(2))
    ///     .fit_unsupervised(iris.data.view())?;
    /// assert_eq!(fitted.get_feature_names_out(None)?, ["pca0", "pca1"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn get_feature_names_out(&self, input_features: Option<&[String]>) -> Result<Vec<String>> {
        let names = self.first.get_feature_names_out(input_features)?;
        self.second.get_feature_names_out(Some(&names))
    }
}
