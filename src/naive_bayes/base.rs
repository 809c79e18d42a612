//! What the five naive Bayes models share: the fitted classes and class
//! counts ([`Core`]), fitting from scratch and incrementally, the checks of
//! the input, and prediction from the joint log-likelihood (`predict`,
//! `predict_proba`, `predict_log_proba` through one stable log-sum-exp).
//! Each model supplies its statistics through [`Model`].

use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::sparse::MatrixView;
use crate::sparse::{check_matrix, check_matrix_predict_input};
use crate::validation::{check_same_length, check_sample_weight, check_two_classes, encode_labels};
use ndarray::{Array1, Array2, ArrayView1, Axis};

/// The statistics one naive Bayes model keeps and how it predicts from them.
pub(crate) trait Model: Clone {
    /// scikit-learn's class name, in messages and saved files.
    const NAME: &'static str;
    /// The fitted statistics beyond the class counts.
    type State: Clone;

    /// Checks the hyperparameters on their own.
    fn validate(&self) -> Result<()>;

    /// Empty statistics for `n_classes` classes and `n_features` features
    /// (checking the hyperparameters that depend on them, such as the
    /// length of `class_prior`).
    fn new_state(&self, n_classes: usize, n_features: usize) -> Result<Self::State>;

    /// Adds a batch (`x` finite and of the fitted width, `codes` the class
    /// of each row, `weights` its weight) to the statistics and the class
    /// counts, then refreshes the log-probabilities. Checks the values it
    /// needs (non-negative counts, integer categories) before changing
    /// anything; `first` is true for the first batch.
    fn update<F: Float>(
        &self,
        state: &mut Self::State,
        class_count: &mut Array1<f64>,
        x: MatrixView<'_, F>,
        codes: &[usize],
        weights: &[f64],
        first: bool,
    ) -> Result<()>;

    /// The joint log-likelihood `log P(x, c)` of each row (finite, of the
    /// fitted width) and class, up to a constant per row.
    fn joint_log_likelihood<F: Float>(&self, state: &Self::State, x: MatrixView<'_, F>) -> Result<Array2<f64>>;

    /// The invariants a loaded model's statistics must satisfy.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    fn check_state(&self, state: &Self::State, n_classes: usize, n_features: usize) -> std::result::Result<(), String>;
}

/// The classes, their (weighted) counts and the number of features: the
/// part of a fitted naive Bayes model every model has.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(bound(serialize = "L: serde::Serialize", deserialize = "L: serde::de::DeserializeOwned"))
)]
pub(crate) struct Core<L> {
    pub(crate) classes: Vec<L>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(crate) class_count: Array1<f64>,
    pub(crate) n_features_in: usize,
}

impl<L: Label> Core<L> {
    /// Sorted distinct classes (at least two), one count per class, finite
    /// and non-negative.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn check(&self, name: &str) -> std::result::Result<(), String> {
        crate::classify::check_classes(name, &self.classes)?;
        crate::persistence::check::same_len(
            &format!("{name}: class_count (one per class)"),
            self.classes.len(),
            self.class_count.len(),
        )?;
        crate::persistence::check::ensure(self.class_count.iter().all(|c| c.is_finite() && *c >= 0.0), || {
            format!("{name}: class counts must be finite and non-negative")
        })
    }

    /// The class code of each label of `y`, which must all be among the
    /// classes ([`Error::UnknownCategory`] names the first that is not).
    fn codes(&self, name: &'static str, y: ArrayView1<'_, L>) -> Result<Vec<usize>> {
        y.iter()
            .enumerate()
            .map(|(row, label)| {
                self.classes.binary_search(label).map_err(|_| Error::UnknownCategory {
                    context: name.into(),
                    row,
                    column: 0,
                    category: format!("{label:?} (not among the classes given to the first partial_fit)"),
                })
            })
            .collect()
    }
}

/// The weights as `f64` (ones when absent), checked against `n_samples`.
fn weights<F: Float>(
    name: &'static str,
    sample_weight: Option<ArrayView1<'_, F>>,
    n_samples: usize,
) -> Result<Vec<f64>> {
    Ok(check_sample_weight(name, sample_weight, n_samples)?
        .iter()
        .map(|w| w.as_f64())
        .collect())
}

/// scikit-learn's `fit`: the classes of `y`, then one batch from empty
/// statistics.
pub(crate) fn fit<M: Model, F: Float, L: Label>(
    model: &M,
    x: MatrixView<'_, F>,
    y: ArrayView1<'_, L>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<(Core<L>, M::State)> {
    model.validate()?;
    check_matrix(M::NAME, x)?;
    check_same_length(M::NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
    let weights = weights(M::NAME, sample_weight, x.nrows())?;
    let (classes, codes) = encode_labels(y.iter());
    check_two_classes(M::NAME, &classes)?;
    first_batch(model, classes, x, &codes, &weights)
}

/// The first `partial_fit`: the classes are given (they may include
/// classes absent from this batch), and every label of `y` must be one.
pub(crate) fn partial_fit_first<M: Model, F: Float, L: Label>(
    model: &M,
    x: MatrixView<'_, F>,
    y: ArrayView1<'_, L>,
    classes: &[L],
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<(Core<L>, M::State)> {
    model.validate()?;
    let mut classes = classes.to_vec();
    classes.sort_unstable();
    classes.dedup();
    check_two_classes(M::NAME, &classes)?;
    check_matrix(M::NAME, x)?;
    check_same_length(M::NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
    let weights = weights(M::NAME, sample_weight, x.nrows())?;
    let core = Core {
        classes,
        class_count: Array1::zeros(0),
        n_features_in: x.ncols(),
    };
    let codes = core.codes(M::NAME, y)?;
    first_batch(model, core.classes, x, &codes, &weights)
}

fn first_batch<M: Model, F: Float, L: Label>(
    model: &M,
    classes: Vec<L>,
    x: MatrixView<'_, F>,
    codes: &[usize],
    weights: &[f64],
) -> Result<(Core<L>, M::State)> {
    let mut state = model.new_state(classes.len(), x.ncols())?;
    let mut class_count = Array1::zeros(classes.len());
    model.update(&mut state, &mut class_count, x, codes, weights, true)?;
    let core = Core {
        classes,
        class_count,
        n_features_in: x.ncols(),
    };
    Ok((core, state))
}

/// A later `partial_fit`: the same width, labels among the classes. The
/// model changes only when the whole batch is accepted.
pub(crate) fn partial_fit_more<M: Model, F: Float, L: Label>(
    model: &M,
    core: &mut Core<L>,
    state: &mut M::State,
    x: MatrixView<'_, F>,
    y: ArrayView1<'_, L>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<()> {
    check_matrix_predict_input(M::NAME, core.n_features_in, x)?;
    check_same_length(M::NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
    let weights = weights(M::NAME, sample_weight, x.nrows())?;
    let codes = core.codes(M::NAME, y)?;
    let mut new_state = state.clone();
    let mut class_count = core.class_count.clone();
    model.update(&mut new_state, &mut class_count, x, &codes, &weights, false)?;
    *state = new_state;
    core.class_count = class_count;
    Ok(())
}

/// The joint log-likelihood of a checked `x`.
pub(crate) fn joint_log_likelihood<M: Model, F: Float, L>(
    model: &M,
    core: &Core<L>,
    state: &M::State,
    x: MatrixView<'_, F>,
) -> Result<Array2<f64>> {
    check_matrix_predict_input(M::NAME, core.n_features_in, x)?;
    model.joint_log_likelihood(state, x)
}

/// `jll − logsumexp(jll)` per row, with the log-sum-exp of scikit-learn
/// 1.9.1 (`sklearn.utils._array_api._logsumexp`): the `m` maxima are taken
/// out of the sum, `log1p(Σ exp(a − max) / m) + log(m) + max`, which keeps
/// the log-probability of a dominant class exact.
pub(crate) fn log_proba(mut jll: Array2<f64>) -> Array2<f64> {
    for mut row in jll.axis_iter_mut(Axis(0)) {
        let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let shift = if max.is_finite() { max } else { 0.0 };
        let (mut s, mut m) = (0.0, 0.0);
        for &a in row.iter() {
            if a == max {
                m += 1.0;
            } else {
                s += (a - shift).exp();
            }
        }
        if s != 0.0 {
            s /= m;
        }
        let log_norm = s.ln_1p() + f64::ln(m) + max;
        row.mapv_inplace(|a| a - log_norm);
    }
    jll
}

/// The class of largest joint log-likelihood in each row (the first on ties).
pub(crate) fn predict_classes<L: Label>(jll: &Array2<f64>, classes: &[L]) -> Array1<L> {
    crate::classify::classes_from_scores(jll.view(), classes)
}

/// Generates the fitted type of a naive Bayes model: its struct, the checked
/// serde and persistence impls, the trait impls ([`Predictor`](crate::traits::Predictor),
/// [`Classifier`](crate::traits::Classifier), [`PredictProba`](crate::traits::PredictProba)
/// with their sparse `_matrix` twins, `RankingScores`), the estimator impls
/// of the hyperparameters ([`Estimator`](crate::traits::Estimator),
/// [`SampleWeighted`](crate::traits::SampleWeighted) and their `_matrix`
/// twins), the first `partial_fit` on the hyperparameters, and the shared
/// inherent methods (`classes`, `class_count`, `n_features_in`, `params`,
/// `partial_fit`, `predict_log_proba`, `predict_joint_log_proba`).
macro_rules! naive_bayes_model {
    ($model:ident, $fitted:ident, $state:ty, $data:literal) => {
        #[doc = concat!("A fitted [`", stringify!($model), "`].")]
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
        /// use ndarray::array;
        #[doc = concat!("let x = ", $data, ";")]
        #[doc = concat!("let model = ", stringify!($model), "::default().fit(x.view(), array![\"a\", \"b\", \"a\", \"b\"].view())?;")]
        /// assert_eq!(model.classes(), &["a", "b"]);
        /// assert_eq!(model.predict(x.view())?.len(), 4);
        /// # Ok::<(), learnkit::Error>(())
        /// ```
        #[derive(Clone, Debug)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(
            feature = "serde",
            serde(
                remote = "Self",
                bound(serialize = "L: serde::Serialize", deserialize = "L: serde::de::DeserializeOwned")
            )
        )]
        pub struct $fitted<F, L> {
            params: $model,
            core: $crate::naive_bayes::base::Core<L>,
            state: $state,
            float: std::marker::PhantomData<F>,
        }

        checked_serde!(impl[F: Float, L: Label] $fitted<F, L>; ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
        persist!(impl[F: Float, L: Label] $fitted<F, L> => format!("{}<{}>", stringify!($model), F::NAME));

        impl<F: Float, L: Label> $crate::persistence::Check for $fitted<F, L> {
            /// Valid hyperparameters, sorted distinct classes with a finite,
            /// non-negative count each, and statistics of one row per class
            /// and one column per feature.
            fn check(&self) -> std::result::Result<(), String> {
                use $crate::naive_bayes::base::Model;
                self.params.validate().map_err(|e| e.to_string())?;
                self.core.check(stringify!($model))?;
                self.params
                    .check_state(&self.state, self.core.classes.len(), self.core.n_features_in)
            }
        }

        impl<F: Float, L: Label> $crate::traits::Estimator<F, L> for $model {
            type Fitted = $fitted<F, L>;

            fn fit(&self, x: ndarray::ArrayView2<'_, F>, y: ndarray::ArrayView1<'_, L>) -> $crate::Result<Self::Fitted> {
                self.fit_matrix($crate::sparse::MatrixView::Dense(x), y)
            }

            /// Fits on dense or sparse `x`; a sparse `x` is never densified
            /// by the models that take sparse input in scikit-learn.
            fn fit_matrix(
                &self,
                x: $crate::sparse::MatrixView<'_, F>,
                y: ndarray::ArrayView1<'_, L>,
            ) -> $crate::Result<Self::Fitted> {
                let (core, state) = $crate::naive_bayes::base::fit(self, x, y, None)?;
                Ok($fitted { params: self.clone(), core, state, float: std::marker::PhantomData })
            }
        }

        impl<F: Float, L: Label> $crate::traits::SampleWeighted<F, L> for $model {
            fn fit_weighted(
                &self,
                x: ndarray::ArrayView2<'_, F>,
                y: ndarray::ArrayView1<'_, L>,
                sample_weight: ndarray::ArrayView1<'_, F>,
            ) -> $crate::Result<Self::Fitted> {
                self.fit_weighted_matrix($crate::sparse::MatrixView::Dense(x), y, sample_weight)
            }

            fn fit_weighted_matrix(
                &self,
                x: $crate::sparse::MatrixView<'_, F>,
                y: ndarray::ArrayView1<'_, L>,
                sample_weight: ndarray::ArrayView1<'_, F>,
            ) -> $crate::Result<Self::Fitted> {
                let (core, state) = $crate::naive_bayes::base::fit(self, x, y, Some(sample_weight))?;
                Ok($fitted { params: self.clone(), core, state, float: std::marker::PhantomData })
            }
        }

        impl $model {
            /// The first call of scikit-learn's `partial_fit`: fits the batch
            /// `x`, `y` knowing every class the model will ever see
            /// (`classes`, at least two, some perhaps absent from this batch).
            /// Continue with the fitted model's `partial_fit`.
            ///
            /// # Errors
            /// As `fit`; [`Error::UnknownCategory`](crate::Error::UnknownCategory)
            /// for a label of `y` that is not in `classes`.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use ndarray::{array, s};
            #[doc = concat!("let x = ", $data, ";")]
            /// let y = array![0, 1, 0, 1];
            #[doc = concat!("let mut model = ", stringify!($model), "::default().partial_fit(x.slice(s![..2, ..]), y.slice(s![..2]), &[0, 1])?;")]
            /// model.partial_fit(x.slice(s![2.., ..]), y.slice(s![2..]))?;
            #[doc = concat!("let once = ", stringify!($model), "::default().fit(x.view(), y.view())?;")]
            /// assert_eq!(model.class_count(), once.class_count());
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn partial_fit<F: Float, L: Label>(
                &self,
                x: ndarray::ArrayView2<'_, F>,
                y: ndarray::ArrayView1<'_, L>,
                classes: &[L],
            ) -> $crate::Result<$fitted<F, L>> {
                self.partial_fit_matrix($crate::sparse::MatrixView::Dense(x), y, classes, None)
            }

            /// [`partial_fit`](Self::partial_fit) on a dense or sparse matrix,
            /// with optional sample weights.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use learnkit::sparse::CsrMatrix;
            /// use ndarray::array;
            #[doc = concat!("let x = CsrMatrix::from_dense(", $data, ".view());")]
            /// let weights = array![1.0, 2.0, 1.0, 0.5];
            #[doc = concat!("let model = ", stringify!($model), "::default()")]
            ///     .partial_fit_matrix((&x).into(), array![0, 1, 0, 1].view(), &[0, 1, 2], Some(weights.view()))?;
            /// assert_eq!(model.class_count(), array![2.0, 2.5, 0.0]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn partial_fit_matrix<F: Float, L: Label>(
                &self,
                x: $crate::sparse::MatrixView<'_, F>,
                y: ndarray::ArrayView1<'_, L>,
                classes: &[L],
                sample_weight: Option<ndarray::ArrayView1<'_, F>>,
            ) -> $crate::Result<$fitted<F, L>> {
                let (core, state) = $crate::naive_bayes::base::partial_fit_first(self, x, y, classes, sample_weight)?;
                Ok($fitted { params: self.clone(), core, state, float: std::marker::PhantomData })
            }
        }

        impl<F: Float, L: Label> $fitted<F, L> {
            /// The sorted classes (`classes_`); the columns of the
            /// probabilities follow this order.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use ndarray::array;
            #[doc = concat!("let x = ", $data, ";")]
            #[doc = concat!("let model = ", stringify!($model), "::default().fit(x.view(), array![2, 1, 2, 1].view())?;")]
            /// assert_eq!(model.classes(), &[1, 2]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn classes(&self) -> &[L] {
                &self.core.classes
            }

            /// The (weighted) number of training samples of each class
            /// (`class_count_`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use ndarray::array;
            #[doc = concat!("let x = ", $data, ";")]
            #[doc = concat!("let model = ", stringify!($model), "::default().fit(x.view(), array![0, 1, 1, 1].view())?;")]
            /// assert_eq!(model.class_count(), array![1.0, 3.0]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn class_count(&self) -> ndarray::ArrayView1<'_, f64> {
                self.core.class_count.view()
            }

            /// Number of features seen in `fit` (`n_features_in_`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use ndarray::array;
            #[doc = concat!("let x = ", $data, ";")]
            #[doc = concat!("let model = ", stringify!($model), "::default().fit(x.view(), array![0, 1, 0, 1].view())?;")]
            /// assert_eq!(model.n_features_in(), x.ncols());
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn n_features_in(&self) -> usize {
                self.core.n_features_in
            }

            /// The hyperparameters the model was fitted with.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use ndarray::array;
            #[doc = concat!("let x = ", $data, ";")]
            #[doc = concat!("let model = ", stringify!($model), "::default().fit(x.view(), array![0, 1, 0, 1].view())?;")]
            #[doc = concat!("assert_eq!(model.params(), &", stringify!($model), "::default());")]
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn params(&self) -> &$model {
                &self.params
            }

            /// A later call of scikit-learn's `partial_fit`: adds the batch
            /// `x`, `y` to the model (the first call is the
            /// hyperparameters' `partial_fit`, which takes the classes).
            ///
            /// # Errors
            /// [`Error::FeatureCountMismatch`](crate::Error::FeatureCountMismatch)
            /// for another width, [`Error::UnknownCategory`](crate::Error::UnknownCategory)
            /// for a label that is not one of the classes, and the data
            /// errors of `fit`. On error the model is unchanged.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use ndarray::{array, s};
            #[doc = concat!("let x = ", $data, ";")]
            #[doc = concat!("let mut model = ", stringify!($model), "::default().partial_fit(x.view(), array![0, 1, 0, 1].view(), &[0, 1])?;")]
            /// model.partial_fit(x.slice(s![..1, ..]), array![1].view())?;
            /// assert_eq!(model.class_count(), array![2.0, 3.0]);
            /// assert!(model.partial_fit(x.slice(s![..1, ..]), array![7].view()).is_err());
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn partial_fit(&mut self, x: ndarray::ArrayView2<'_, F>, y: ndarray::ArrayView1<'_, L>) -> $crate::Result<()> {
                self.partial_fit_matrix($crate::sparse::MatrixView::Dense(x), y, None)
            }

            /// [`partial_fit`](Self::partial_fit) on a dense or sparse
            /// matrix, with optional sample weights.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use learnkit::sparse::CsrMatrix;
            /// use ndarray::array;
            #[doc = concat!("let dense = ", $data, ";")]
            /// let x = CsrMatrix::from_dense(dense.view());
            /// let y = array![0, 1, 0, 1];
            #[doc = concat!("let mut model = ", stringify!($model), "::default().partial_fit(dense.view(), y.view(), &[0, 1])?;")]
            /// model.partial_fit_matrix((&x).into(), y.view(), Some(array![0.5, 0.5, 0.5, 0.5].view()))?;
            /// assert_eq!(model.class_count(), array![3.0, 3.0]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn partial_fit_matrix(
                &mut self,
                x: $crate::sparse::MatrixView<'_, F>,
                y: ndarray::ArrayView1<'_, L>,
                sample_weight: Option<ndarray::ArrayView1<'_, F>>,
            ) -> $crate::Result<()> {
                $crate::naive_bayes::base::partial_fit_more(&self.params, &mut self.core, &mut self.state, x, y, sample_weight)
            }

            /// The joint log-probability `log P(x, c)` of each row and
            /// class, up to a per-row constant (`predict_joint_log_proba`),
            /// for dense or sparse `x` (`x.view().into()`, `(&csr).into()`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use ndarray::array;
            #[doc = concat!("let x = ", $data, ";")]
            #[doc = concat!("let model = ", stringify!($model), "::default().fit(x.view(), array![0, 1, 0, 1].view())?;")]
            /// let jll = model.predict_joint_log_proba(x.view().into())?;
            /// assert_eq!(jll.dim(), (4, 2));
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn predict_joint_log_proba(&self, x: $crate::sparse::MatrixView<'_, F>) -> $crate::Result<ndarray::Array2<F>> {
                Ok(self.jll(x)?.mapv(F::cast))
            }

            /// The log of the class probabilities (`predict_log_proba`),
            /// computed with a stable log-sum-exp, for dense or sparse `x`.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use ndarray::array;
            #[doc = concat!("let x = ", $data, ";")]
            #[doc = concat!("let model = ", stringify!($model), "::default().fit(x.view(), array![0, 1, 0, 1].view())?;")]
            /// let log_proba = model.predict_log_proba(x.view().into())?;
            /// let proba = model.predict_proba(x.view())?;
            /// let (log_p, p): (f64, f64) = (log_proba[[0, 0]], proba[[0, 0]]);
            /// assert!((log_p.exp() - p).abs() < 1e-15);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn predict_log_proba(&self, x: $crate::sparse::MatrixView<'_, F>) -> $crate::Result<ndarray::Array2<F>> {
                Ok($crate::naive_bayes::base::log_proba(self.jll(x)?).mapv(F::cast))
            }

            fn jll(&self, x: $crate::sparse::MatrixView<'_, F>) -> $crate::Result<ndarray::Array2<f64>> {
                $crate::naive_bayes::base::joint_log_likelihood(&self.params, &self.core, &self.state, x)
            }
        }

        impl<F: Float, L: Label> $crate::traits::Predictor<F> for $fitted<F, L> {
            type Output = L;

            /// The class of largest joint log-probability (the first on ties).
            fn predict(&self, x: ndarray::ArrayView2<'_, F>) -> $crate::Result<ndarray::Array1<L>> {
                self.predict_matrix($crate::sparse::MatrixView::Dense(x))
            }

            /// Accuracy.
            fn score(&self, x: ndarray::ArrayView2<'_, F>, y: ndarray::ArrayView1<'_, L>) -> $crate::Result<f64> {
                $crate::classify::accuracy(stringify!($model), x, y, |x| self.predict(x))
            }

            fn predict_matrix(&self, x: $crate::sparse::MatrixView<'_, F>) -> $crate::Result<ndarray::Array1<L>> {
                Ok($crate::naive_bayes::base::predict_classes(&self.jll(x)?, &self.core.classes))
            }
        }

        impl<F: Float, L: Label> $crate::traits::Classifier<F> for $fitted<F, L> {
            fn classes(&self) -> &[L] {
                &self.core.classes
            }
        }

        impl<F: Float, L: Label> $crate::traits::PredictProba<F> for $fitted<F, L> {
            /// `exp` of [`predict_log_proba`](Self::predict_log_proba).
            fn predict_proba(&self, x: ndarray::ArrayView2<'_, F>) -> $crate::Result<ndarray::Array2<F>> {
                self.predict_proba_matrix($crate::sparse::MatrixView::Dense(x))
            }

            fn predict_proba_matrix(&self, x: $crate::sparse::MatrixView<'_, F>) -> $crate::Result<ndarray::Array2<F>> {
                Ok($crate::naive_bayes::base::log_proba(self.jll(x)?).mapv(|v| F::cast(v.exp())))
            }
        }

        impl<F: Float, L: Label> $crate::traits::RankingScores<F> for $fitted<F, L> {
            /// The probability of `classes()[1]` for two classes, all the
            /// probabilities otherwise.
            fn scores_for_ranking(&self, x: ndarray::ArrayView2<'_, F>) -> $crate::Result<ndarray::Array2<F>> {
                $crate::classify::ranking_from_proba(self, x)
            }
        }
    };
}
pub(crate) use naive_bayes_model;
