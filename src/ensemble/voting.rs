//! [`VotingClassifier`] and [`VotingRegressor`]: differently-typed
//! estimators fitted on the same data (in parallel), their predictions
//! combined by a (weighted) vote or average.

use super::estimator_list::{
    Classify, EstimatorList, FittedEstimatorList, Named, Regress, StackMethod, check_weights, checked_names, hstack,
    sealed, weighted_average,
};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::parallel::with_n_jobs;
use crate::traits::{Classifier, Estimator, PredictProba, Predictor, Transformer};
use crate::validation::{check_feature_count, check_not_empty, check_two_classes, encode_labels};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

const CLASSIFIER: &str = "VotingClassifier";
const REGRESSOR: &str = "VotingRegressor";

/// How a [`VotingClassifier`] combines its estimators (scikit-learn's
/// `voting`).
///
/// # Example
/// ```
/// use learnkit::ensemble::Voting;
/// assert_eq!(Voting::default(), Voting::Hard);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Voting {
    /// The class with the largest (weighted) count of predicted labels;
    /// ties go to the first class.
    #[default]
    Hard,
    /// The class of largest (weighted) average probability; every estimator
    /// needs probabilities.
    Soft,
}

/// Estimators of different types voting on the class (scikit-learn's
/// `VotingClassifier`).
///
/// Built with [`add`](VotingClassifier::add) (a name and an estimator) or
/// [`push`](VotingClassifier::push) (named after its type in lowercase, as
/// scikit-learn's `make_*` helpers: `"logisticregression"`, numbered
/// `-1`, `-2`, … when several share one). The types nest to the left:
/// `VotingClassifier::new().add(a).add(b)` holds `(((), Named<A>), Named<B>)`.
/// Any classifier whose fitted type implements
/// [`ClassifierResponses`](super::ClassifierResponses) can vote (every
/// classifier of the crate and pipelines ending in one).
///
/// Fitting encodes the labels as class indices `0..n_classes` (scikit-learn's
/// `LabelEncoder`) and fits every estimator on them, all on the whole data, in
/// parallel; the fitted estimators therefore have classes `0, 1, …`, as
/// scikit-learn's `estimators_`. Hard voting counts each estimator's predicted
/// class with its weight (the first class wins a tie, numpy's `argmax`);
/// soft voting averages the probabilities with the weights.
///
/// # Hyperparameters
/// - the estimators (at least one; names unique, non-empty, without `__`).
/// - `voting` (default [`Voting::Hard`]).
/// - `weights` (default `None`, equal): one per estimator, finite,
///   non-negative, not all zero.
/// - `n_jobs` (default `None`, every core).
///
/// # Errors
/// [`Error::InvalidParameter`] for an empty list, bad names, bad weights, or
/// soft voting with an estimator without probabilities (naming it);
/// [`Error::SingleClass`]; the estimators' own errors, naming the estimator.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::{Voting, VotingClassifier};
/// use learnkit::tree::DecisionTreeClassifier;
/// let iris = learnkit::datasets::load_iris();
/// let voting = VotingClassifier::new()
///     .add("lr", LogisticRegression::default())
///     .add("nb", GaussianNB::default())
///     .add("tree", DecisionTreeClassifier::default().max_depth(Some(3)))
///     .voting(Voting::Soft)
///     .weights([2.0, 1.0, 1.0]);
/// let model = voting.fit(iris.data.view(), iris.target.view())?;
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.95);
/// assert_eq!(model.predict_proba(iris.data.view())?.dim(), (150, 3));
/// assert_eq!(model.names(), ["lr", "nb", "tree"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct VotingClassifier<S = ()> {
    /// The estimators, nested to the left.
    pub estimators: S,
    /// Hard or soft voting.
    pub voting: Voting,
    /// One weight per estimator, or `None` for equal weights.
    pub weights: Option<Vec<f64>>,
    /// Threads for fitting and predicting (`None`: every core).
    pub n_jobs: Option<usize>,
}

/// Estimators of different types whose predictions are averaged
/// (scikit-learn's `VotingRegressor`).
///
/// Built as a [`VotingClassifier`] is; the estimators are fitted on the
/// whole data in parallel and `predict` is the (weighted) average of their
/// predictions.
///
/// # Hyperparameters
/// - the estimators (at least one; names unique, non-empty, without `__`).
/// - `weights` (default `None`, equal): one per estimator, finite,
///   non-negative, not all zero.
/// - `n_jobs` (default `None`, every core).
///
/// # Errors
/// [`Error::InvalidParameter`] for an empty list, bad names or bad weights;
/// the estimators' own errors, naming the estimator.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::VotingRegressor;
/// use learnkit::tree::DecisionTreeRegressor;
/// let diabetes = learnkit::datasets::load_diabetes();
/// let voting = VotingRegressor::new()
///     .push(LinearRegression::default())
///     .push(DecisionTreeRegressor::default().max_depth(Some(3)));
/// let model = voting.fit(diabetes.data.view(), diabetes.target.view())?;
/// assert_eq!(model.names(), ["linearregression", "decisiontreeregressor"]);
/// assert_eq!(model.transform(diabetes.data.view())?.ncols(), 2);
/// assert!(model.score(diabetes.data.view(), diabetes.target.view())? > 0.5);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct VotingRegressor<S = ()> {
    /// The estimators, nested to the left.
    pub estimators: S,
    /// One weight per estimator, or `None` for equal weights.
    pub weights: Option<Vec<f64>>,
    /// Threads for fitting and predicting (`None`: every core).
    pub n_jobs: Option<usize>,
}

/// The builder methods both voting ensembles share.
macro_rules! voting_builder {
    ($ty:ident, $example:literal) => {
        impl $ty<()> {
            /// An ensemble with no estimator yet (add them with `add` or `push`).
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            #[doc = concat!("assert_eq!(", stringify!($ty), "::new().weights, None);")]
            /// ```
            pub fn new() -> Self {
                Self::default()
            }
        }

        impl<S> $ty<S> {
            /// Adds an estimator under `name` (scikit-learn's `(name, estimator)`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            #[doc = concat!("let ensemble = ", stringify!($ty), "::new().add(\"first\", ", $example, ");")]
            /// assert_eq!(ensemble.estimators.1.name, "first");
            /// ```
            pub fn add<E>(self, name: impl Into<String>, estimator: E) -> $ty<(S, Named<E>)> {
                self.with(Named::given(name.into(), estimator))
            }

            /// Adds an estimator named after its type in lowercase
            /// (scikit-learn's `_name_estimators`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            #[doc = concat!("let ensemble = ", stringify!($ty), "::new().push(", $example, ");")]
            /// assert!(!ensemble.estimators.1.name.is_empty());
            /// ```
            pub fn push<E>(self, estimator: E) -> $ty<(S, Named<E>)> {
                self.with(Named::by_type(estimator))
            }

            /// One weight per estimator, in order (scikit-learn's `weights`).
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            #[doc = concat!("assert_eq!(", stringify!($ty), "::new().weights([1.0, 2.0]).weights, Some(vec![1.0, 2.0]));")]
            /// ```
            pub fn weights(mut self, weights: impl IntoIterator<Item = f64>) -> Self {
                self.weights = Some(weights.into_iter().collect());
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

voting_builder!(VotingClassifier, "LogisticRegression::default()");
voting_builder!(VotingRegressor, "LinearRegression::default()");

impl Default for VotingClassifier<()> {
    fn default() -> Self {
        VotingClassifier {
            estimators: (),
            voting: Voting::Hard,
            weights: None,
            n_jobs: None,
        }
    }
}

impl Default for VotingRegressor<()> {
    fn default() -> Self {
        VotingRegressor {
            estimators: (),
            weights: None,
            n_jobs: None,
        }
    }
}

impl<S> VotingClassifier<S> {
    fn with<E>(self, member: Named<E>) -> VotingClassifier<(S, Named<E>)> {
        VotingClassifier {
            estimators: (self.estimators, member),
            voting: self.voting,
            weights: self.weights,
            n_jobs: self.n_jobs,
        }
    }

    /// Hard or soft voting (scikit-learn's `voting`).
    ///
    /// # Example
    /// ```
    /// use learnkit::ensemble::{Voting, VotingClassifier};
    /// assert_eq!(VotingClassifier::new().voting(Voting::Soft).voting, Voting::Soft);
    /// ```
    pub fn voting(mut self, voting: Voting) -> Self {
        self.voting = voting;
        self
    }

    /// The estimators' names, as the fitted model will have them.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::VotingClassifier;
    /// let v = VotingClassifier::new().push(GaussianNB::default()).push(GaussianNB::default());
    /// assert_eq!(v.names::<f64>(), ["gaussiannb-1", "gaussiannb-2"]);
    /// ```
    pub fn names<F: Float>(&self) -> Vec<String>
    where
        S: EstimatorList<F, Classify>,
    {
        let raw = self.estimators.raw_names();
        crate::compose::resolve_names(&raw)
    }
}

impl<S> VotingRegressor<S> {
    fn with<E>(self, member: Named<E>) -> VotingRegressor<(S, Named<E>)> {
        VotingRegressor {
            estimators: (self.estimators, member),
            weights: self.weights,
            n_jobs: self.n_jobs,
        }
    }
}

/// The checks both voting ensembles make before fitting; the resolved names.
fn check_voting<F: Float>(
    context: &'static str,
    raw: &[(&str, bool)],
    weights: Option<&[f64]>,
    n_jobs: Option<usize>,
    x: ArrayView2<'_, F>,
    n_targets: usize,
) -> Result<Vec<String>> {
    let names = checked_names(context, raw)?;
    check_weights(context, weights, names.len())?;
    crate::validation::check_param(context, "n_jobs", n_jobs, "None or >= 1", |n| n != Some(0))?;
    check_same_rows(context, x, n_targets)?;
    Ok(names)
}

/// The number of targets must match the rows and `x` must not be empty;
/// its values are the estimators' to check (some accept `NaN`).
pub(crate) fn check_same_rows<F: Float>(context: &'static str, x: ArrayView2<'_, F>, n_targets: usize) -> Result<()> {
    check_not_empty(context, x)?;
    crate::validation::check_same_length(context, "number of targets vs rows of X", x.nrows(), n_targets)
}

/// A fitted [`VotingClassifier`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::VotingClassifier;
/// let iris = learnkit::datasets::load_iris();
/// let model = VotingClassifier::new()
///     .push(LogisticRegression::default())
///     .push(GaussianNB::default())
///     .fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(model.classes(), &[0, 1, 2]);
/// // scikit-learn's named_estimators_["gaussiannb"]: fitted on class indices.
/// let nb = &model.estimators().1.estimator;
/// assert_eq!(nb.classes(), &[0, 1, 2]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
pub struct FittedVotingClassifier<S, L> {
    estimators: S,
    classes: Vec<L>,
    voting: Voting,
    weights: Option<Vec<f64>>,
    n_features_in: usize,
    n_jobs: Option<usize>,
}

checked_serde!(impl[T: sealed::MemberModelNames, L: Label] FittedVotingClassifier<T, L>;
    ser[T: serde::Serialize, L: serde::Serialize] de[T: serde::de::DeserializeOwned, L: serde::de::DeserializeOwned]);

persist!(impl[S: sealed::MemberModelNames, L: Label] FittedVotingClassifier<S, L>
    => format!("VotingClassifier<{}>", S::model_names().join(", ")));

#[cfg(feature = "serde")]
impl<S: sealed::MemberModelNames, L: Label> crate::persistence::Check for FittedVotingClassifier<S, L> {
    /// Classes as a fit leaves them, one weight per estimator.
    fn check(&self) -> std::result::Result<(), String> {
        crate::classify::check_classes(CLASSIFIER, &self.classes)?;
        check_saved_weights(CLASSIFIER, self.weights.as_deref(), S::model_names().len())
    }
}

/// A loaded ensemble's weights: as `check_weights` accepts them.
#[cfg(feature = "serde")]
pub(crate) fn check_saved_weights(
    context: &'static str,
    weights: Option<&[f64]>,
    n_estimators: usize,
) -> std::result::Result<(), String> {
    check_weights(context, weights, n_estimators).map_err(|e| e.to_string())
}

/// A fitted [`VotingRegressor`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::VotingRegressor;
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let y = array![0.0, 1.0, 2.0, 3.0];
/// let model = VotingRegressor::new()
///     .push(LinearRegression::default())
///     .push(Ridge::default())
///     .weights([3.0, 1.0])
///     .fit(x.view(), y.view())?;
/// assert_eq!(model.weights(), Some(&[3.0, 1.0][..]));
/// assert_eq!(model.transform(x.view())?.dim(), (4, 2));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
pub struct FittedVotingRegressor<S> {
    estimators: S,
    weights: Option<Vec<f64>>,
    n_features_in: usize,
    n_jobs: Option<usize>,
}

checked_serde!(impl[T: sealed::MemberModelNames] FittedVotingRegressor<T>;
    ser[T: serde::Serialize] de[T: serde::de::DeserializeOwned]);

persist!(impl[S: sealed::MemberModelNames] FittedVotingRegressor<S>
    => format!("VotingRegressor<{}>", S::model_names().join(", ")));

#[cfg(feature = "serde")]
impl<S: sealed::MemberModelNames> crate::persistence::Check for FittedVotingRegressor<S> {
    /// One weight per estimator.
    fn check(&self) -> std::result::Result<(), String> {
        check_saved_weights(REGRESSOR, self.weights.as_deref(), S::model_names().len())
    }
}

impl<F, L, S> Estimator<F, L> for VotingClassifier<S>
where
    F: Float,
    L: Label,
    S: EstimatorList<F, Classify>,
{
    type Fitted = FittedVotingClassifier<S::Fitted, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        let raw = self.estimators.raw_names();
        let names = check_voting(CLASSIFIER, &raw, self.weights.as_deref(), self.n_jobs, x, y.len())?;
        let (classes, codes) = encode_labels(y.iter());
        check_two_classes(CLASSIFIER, &classes)?;
        let codes = Array1::from(codes);
        let estimators = with_n_jobs(self.n_jobs, || {
            self.estimators.fit_all(x, codes.view(), &names, sealed::Internal(()))
        })??;
        if self.voting == Voting::Soft {
            estimators.resolve(CLASSIFIER, "voting", StackMethod::PredictProba, sealed::Internal(()))?;
        }
        Ok(FittedVotingClassifier {
            estimators,
            classes,
            voting: self.voting,
            weights: self.weights.clone(),
            n_features_in: x.ncols(),
            n_jobs: self.n_jobs,
        })
    }
}

impl<F, S> Estimator<F, F> for VotingRegressor<S>
where
    F: Float,
    S: EstimatorList<F, Regress>,
{
    type Fitted = FittedVotingRegressor<S::Fitted>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        let raw = self.estimators.raw_names();
        let names = check_voting(REGRESSOR, &raw, self.weights.as_deref(), self.n_jobs, x, y.len())?;
        let estimators = with_n_jobs(self.n_jobs, || {
            self.estimators.fit_all(x, y, &names, sealed::Internal(()))
        })??;
        Ok(FittedVotingRegressor {
            estimators,
            weights: self.weights.clone(),
            n_features_in: x.ncols(),
            n_jobs: self.n_jobs,
        })
    }
}

impl<S, L> FittedVotingClassifier<S, L> {
    /// The fitted estimators, nested to the left as they were added
    /// (scikit-learn's `estimators_`): with estimators `a`, `b`,
    /// `estimators().1` is `b` and `estimators().0.1` is `a`, each a
    /// [`Named`] fitted model.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::VotingClassifier;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = VotingClassifier::new()
    ///     .add("a", GaussianNB::default())
    ///     .add("b", LogisticRegression::default())
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.estimators().0.1.name, "a");
    /// assert_eq!(model.estimators().1.estimator.coef().nrows(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn estimators(&self) -> &S {
        &self.estimators
    }

    /// The estimators' names, in order (scikit-learn's `named_estimators_` keys).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::VotingClassifier;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = VotingClassifier::new().push(GaussianNB::default()).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.names(), ["gaussiannb"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn names<F: Float>(&self) -> Vec<&str>
    where
        S: FittedEstimatorList<F, Classify>,
    {
        self.estimators.names()
    }

    /// How the estimators vote.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::{Voting, VotingClassifier};
    /// let iris = learnkit::datasets::load_iris();
    /// let model = VotingClassifier::new().push(GaussianNB::default()).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.voting(), Voting::Hard);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn voting(&self) -> Voting {
        self.voting
    }

    /// The weights, or `None` for equal weights.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::VotingClassifier;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = VotingClassifier::new().push(GaussianNB::default()).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.weights(), None);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn weights(&self) -> Option<&[f64]> {
        self.weights.as_deref()
    }

    /// The number of features seen in `fit`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::VotingClassifier;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = VotingClassifier::new().push(GaussianNB::default()).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.n_features_in(), 4);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features_in
    }
}

impl<S> FittedVotingRegressor<S> {
    /// The fitted estimators, nested to the left as they were added
    /// (scikit-learn's `estimators_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::VotingRegressor;
    /// use ndarray::array;
    /// let x = array![[0.0f64], [1.0], [2.0]];
    /// let model = VotingRegressor::new().push(LinearRegression::default()).fit(x.view(), array![1.0, 3.0, 5.0].view())?;
    /// assert!((model.estimators().1.estimator.coef()[0] - 2.0).abs() < 1e-12);
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
    /// use learnkit::ensemble::VotingRegressor;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0]];
    /// let model = VotingRegressor::new().add("ols", LinearRegression::default()).fit(x.view(), array![1.0, 3.0, 5.0].view())?;
    /// assert_eq!(model.names(), ["ols"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn names<F: Float>(&self) -> Vec<&str>
    where
        S: FittedEstimatorList<F, Regress>,
    {
        self.estimators.names()
    }

    /// The weights, or `None` for equal weights.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::VotingRegressor;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0]];
    /// let model = VotingRegressor::new().push(LinearRegression::default()).fit(x.view(), array![1.0, 3.0, 5.0].view())?;
    /// assert_eq!(model.weights(), None);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn weights(&self) -> Option<&[f64]> {
        self.weights.as_deref()
    }

    /// The number of features seen in `fit`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::VotingRegressor;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0]];
    /// let model = VotingRegressor::new().push(LinearRegression::default()).fit(x.view(), array![1.0, 3.0, 5.0].view())?;
    /// assert_eq!(model.n_features_in(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features_in
    }
}

impl<S, L: Label> FittedVotingClassifier<S, L> {
    /// Every estimator's output of `method` on `x` (checked first).
    fn outputs<F: Float>(&self, x: ArrayView2<'_, F>, method: StackMethod) -> Result<Vec<Array2<F>>>
    where
        S: FittedEstimatorList<F, Classify>,
    {
        check_feature_count(CLASSIFIER, self.n_features_in, x.ncols())?;
        check_not_empty(CLASSIFIER, x)?;
        let methods = vec![method; self.estimators.len()];
        with_n_jobs(self.n_jobs, || {
            self.estimators
                .outputs(x, &methods, self.classes.len(), sealed::Internal(()))
        })?
    }

    /// The class index of each row: the weighted vote or the argmax of the
    /// average probabilities.
    fn predict_indices<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Vec<usize>>
    where
        S: FittedEstimatorList<F, Classify>,
    {
        let n_classes = self.classes.len();
        match self.voting {
            Voting::Soft => {
                let proba = self.predict_proba_indices(x)?;
                Ok(proba
                    .rows()
                    .into_iter()
                    .map(|row| argmax(row.iter().copied()))
                    .collect())
            }
            Voting::Hard => {
                let votes = self.outputs(x, StackMethod::Predict)?;
                let mut counts = vec![0.0; n_classes];
                Ok((0..x.nrows())
                    .map(|i| {
                        counts.fill(0.0);
                        for (k, column) in votes.iter().enumerate() {
                            let w = self.weights.as_ref().map_or(1.0, |w| w.get(k).copied().unwrap_or(0.0));
                            // In range: `classifier_output` checked every index.
                            counts[column[[i, 0]].as_f64() as usize] += w;
                        }
                        argmax(counts.iter().copied())
                    })
                    .collect())
            }
        }
    }

    fn predict_proba_indices<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>>
    where
        S: FittedEstimatorList<F, Classify>,
    {
        if self.voting != Voting::Soft {
            return Err(Error::invalid_parameter(
                CLASSIFIER,
                "voting",
                "Soft for predict_proba",
                self.voting,
            ));
        }
        let probas = self.outputs(x, StackMethod::PredictProba)?;
        weighted_average(&probas, self.weights.as_deref())
    }
}

/// The index of the first largest value (numpy's `argmax`).
pub(crate) fn argmax<T: PartialOrd + Copy>(values: impl Iterator<Item = T>) -> usize {
    let mut best: Option<(usize, T)> = None;
    for (i, v) in values.enumerate() {
        let better = match best {
            None => true,
            Some((_, b)) => v > b,
        };
        if better {
            best = Some((i, v));
        }
    }
    best.map_or(0, |(i, _)| i)
}

impl<F, S, L> Predictor<F> for FittedVotingClassifier<S, L>
where
    F: Float,
    L: Label,
    S: FittedEstimatorList<F, Classify>,
{
    type Output = L;

    /// The voted class of each row.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        let indices = self.predict_indices(x)?;
        Ok(indices.into_iter().map(|k| self.classes[k].clone()).collect())
    }

    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        crate::classify::accuracy(CLASSIFIER, x, y, |x| self.predict(x))
    }
}

impl<F, S, L> Classifier<F> for FittedVotingClassifier<S, L>
where
    F: Float,
    L: Label,
    S: FittedEstimatorList<F, Classify>,
{
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F, S, L> PredictProba<F> for FittedVotingClassifier<S, L>
where
    F: Float,
    L: Label,
    S: FittedEstimatorList<F, Classify>,
{
    /// The weighted average of the estimators' probabilities (soft voting
    /// only: [`Error::InvalidParameter`] naming `voting` otherwise, as
    /// scikit-learn has no `predict_proba` for hard voting).
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.predict_proba_indices(x)
    }
}

impl<F, S, L> crate::traits::RankingScores<F> for FittedVotingClassifier<S, L>
where
    F: Float,
    L: Label,
    S: FittedEstimatorList<F, Classify>,
{
    /// The probabilities (soft voting only).
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        crate::classify::ranking_from_proba(self, x)
    }
}

impl<F, S, L> Transformer<F> for FittedVotingClassifier<S, L>
where
    F: Float,
    L: Label,
    S: FittedEstimatorList<F, Classify>,
{
    /// Soft voting: every estimator's probabilities side by side
    /// (scikit-learn's `flatten_transform=True`); hard voting: every
    /// estimator's predicted class index, one column each.
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        let method = match self.voting {
            Voting::Soft => StackMethod::PredictProba,
            Voting::Hard => StackMethod::Predict,
        };
        let outputs = self.outputs(x, method)?;
        let views: Vec<_> = outputs.iter().map(|o| o.view()).collect();
        hstack(x.nrows(), &views)
    }
}

impl<S> FittedVotingRegressor<S> {
    fn predictions<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Vec<Array2<F>>>
    where
        S: FittedEstimatorList<F, Regress>,
    {
        check_feature_count(REGRESSOR, self.n_features_in, x.ncols())?;
        check_not_empty(REGRESSOR, x)?;
        let methods = vec![StackMethod::Predict; self.estimators.len()];
        with_n_jobs(self.n_jobs, || {
            self.estimators.outputs(x, &methods, 0, sealed::Internal(()))
        })?
    }
}

impl<F, S> Predictor<F> for FittedVotingRegressor<S>
where
    F: Float,
    S: FittedEstimatorList<F, Regress>,
{
    type Output = F;

    /// The weighted average of the estimators' predictions.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        let average = weighted_average(&self.predictions(x)?, self.weights.as_deref())?;
        Ok(average.column(0).to_owned())
    }

    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        crate::validation::check_same_length(REGRESSOR, "number of targets vs rows of X", x.nrows(), y.len())?;
        crate::metrics::r2_score(y, self.predict(x)?.view())
    }
}

impl<F, S> Transformer<F> for FittedVotingRegressor<S>
where
    F: Float,
    S: FittedEstimatorList<F, Regress>,
{
    /// Every estimator's prediction, one column each.
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        let outputs = self.predictions(x)?;
        let views: Vec<_> = outputs.iter().map(|o| o.view()).collect();
        hstack(x.nrows(), &views)
    }
}
