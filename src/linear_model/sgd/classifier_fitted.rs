//! [`FittedSGDClassifier`]: the training loop over the binary problems,
//! `partial_fit`, and prediction.

use super::classifier::{NAME, SGDClassifier};
use super::engine::{Problem, State, Validation, row_dot};
use super::loss::Loss;
use super::{SGDClassifierLoss, averaged};
use crate::classify::check_linear_classifier;
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::linear_model::base::Linear;
use crate::model_selection::{SplitSize, Splitter, StratifiedShuffleSplit};
use crate::parallel::with_n_jobs;
use crate::persistence::Check;
use crate::random::{derived_seed, seed_or_entropy};
use crate::sparse::{MatrixView, check_matrix_x_y};
use crate::traits::{Classifier, DecisionFunction, PredictProba, Predictor};
use crate::validation::{check_sample_weight, encode_labels};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rayon::prelude::*;

/// A fitted [`SGDClassifier`], which [`partial_fit`](Self::partial_fit)
/// keeps training.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::SGDClassifier;
/// use learnkit::datasets::load_iris;
///
/// let iris = load_iris();
/// let x = StandardScaler::default().fit_unsupervised(iris.data.view())?.transform(iris.data.view())?;
/// let model = SGDClassifier::default().random_state(0).fit(x.view(), iris.target.view())?;
/// assert_eq!(model.coef().dim(), (3, 4)); // one-vs-all: a row per class
/// assert_eq!(model.classes(), &[0, 1, 2]);
/// assert!(model.n_iter() >= 1);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        remote = "Self",
        bound(
            serialize = "F: Float, L: serde::Serialize",
            deserialize = "F: Float, L: serde::de::DeserializeOwned"
        )
    )
)]
pub struct FittedSGDClassifier<F, L> {
    params: SGDClassifier,
    classes: Vec<L>,
    /// The plain and averaged weights of each binary problem.
    states: Vec<State>,
    /// The weights predictions use: the averaged ones once averaging began.
    linear: Linear<F>,
    n_iter: usize,
    /// The learning-rate counter: 1 + the number of updates so far.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    t: f64,
    /// Epochs run so far, which picks the next row orders: a chunk never
    /// replays an earlier chunk's order.
    epochs: u64,
    /// The seed of the row orders and validation splits, fixed at the
    /// first fit (from `random_state`, or entropy when it is `None`).
    seed: u64,
}

checked_serde!(impl[F: Float, L: Label] FittedSGDClassifier<F, L>;
    ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label] FittedSGDClassifier<F, L> => format!("SGDClassifier<{}>", F::NAME));

impl<F: Float, L: Label> Check for FittedSGDClassifier<F, L> {
    /// Hyperparameters a fit accepts, classes sorted and distinct, a state
    /// of the right width per binary problem, coefficients as `fit` lays
    /// them out, and a counter that is at least 1.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::{ensure, same_len};
        self.params.validate().map_err(|e| e.to_string())?;
        check_linear_classifier(
            NAME,
            &self.classes,
            &self.params.class_weight,
            self.linear.coef.nrows(),
            self.linear.intercept.len(),
            self.params.fit_intercept,
            self.linear.intercept.iter().all(|b| *b == F::zero()),
        )?;
        self.linear.check(None, self.params.fit_intercept)?;
        same_len("SGD binary problems", self.linear.coef.nrows(), self.states.len())?;
        for state in &self.states {
            state.check(self.linear.coef.ncols())?;
        }
        ensure(self.t.is_finite() && self.t >= 1.0, || {
            format!("SGDClassifier: update counter t = {}, must be >= 1", self.t)
        })
    }
}

impl<F: Float, L: Label> FittedSGDClassifier<F, L> {
    /// A model with all weights zero, before any epoch.
    pub(super) fn empty(params: SGDClassifier, classes: Vec<L>, n_features: usize) -> Self {
        let rows = if classes.len() == 2 { 1 } else { classes.len() };
        let seed = seed_or_entropy(params.random_state);
        FittedSGDClassifier {
            params,
            classes,
            states: vec![State::zeros(n_features); rows],
            linear: Linear::new(&Array2::zeros((rows, n_features)), &Array1::zeros(rows)),
            n_iter: 0,
            t: 1.0,
            epochs: 0,
            seed,
        }
    }

    /// Runs up to `max_iter` epochs of every binary problem on rows `x` of
    /// classes `codes` (indices into `classes`). The model changes only
    /// when every problem succeeded.
    pub(super) fn train(
        &mut self,
        x: MatrixView<'_, F>,
        codes: &[usize],
        sample_weight: Option<ArrayView1<'_, F>>,
        max_iter: usize,
        early_stopping: bool,
    ) -> Result<()> {
        let n = x.nrows();
        let sample_weight: Vec<f64> = match sample_weight {
            Some(w) => check_sample_weight(NAME, Some(w), n)?
                .iter()
                .map(|v| v.as_f64())
                .collect(),
            None => vec![1.0; n],
        };
        let n_classes = self.classes.len();
        // As scikit-learn's SGD: `Balanced` counts the rows, unweighted.
        let class_weights = self.params.class_weight.class_weights(NAME, codes, n_classes, None)?;
        let mask = if early_stopping {
            Some(self.validation_mask(codes, &sample_weight)?)
        } else {
            None
        };
        let shared = self.params.shared();
        let loss = self.params.loss.loss();
        let binary = n_classes == 2;
        let run = |j: usize| -> Result<(State, usize)> {
            let positive = if binary { 1 } else { j };
            let negative = if loss == Loss::Log { 0.0 } else { -1.0 };
            let y: Vec<f64> = codes
                .iter()
                .map(|&c| if c == positive { 1.0 } else { negative })
                .collect();
            let score =
                |coef: &[f64], intercept: f64| accuracy_on(x, &y, &sample_weight, mask.as_deref(), coef, intercept);
            let problem = Problem {
                x,
                y: &y,
                sample_weight: &sample_weight,
                weight_pos: class_weights[positive],
                // One-vs-all: the rest weigh 1, as scikit-learn.
                weight_neg: if binary { class_weights[0] } else { 1.0 },
                validation: mask.as_deref().map(|mask| Validation { mask, score: &score }),
            };
            let seed = derived_seed(derived_seed(self.seed, j as u64), self.epochs);
            let mut state = self.states[j].clone();
            let n_iter = shared
                .options(loss, max_iter, seed)
                .run(NAME, &problem, &mut state, self.t)?;
            Ok((state, n_iter))
        };
        let results = with_n_jobs(shared.n_jobs, || {
            (0..self.states.len()).into_par_iter().map(run).collect::<Vec<_>>()
        })?;
        let mut states = Vec::with_capacity(results.len());
        let mut n_iter = 0;
        for result in results {
            let (state, iterations) = result?;
            n_iter = n_iter.max(iterations);
            states.push(state);
        }
        self.states = states;
        self.n_iter = n_iter;
        self.t += (n_iter * n) as f64;
        self.epochs += n_iter as u64;
        let use_average = averaged(self.params.average, self.t);
        let p = self.n_features_in();
        let mut coef = Array2::<f64>::zeros((self.states.len(), p));
        let mut intercept = Array1::<f64>::zeros(self.states.len());
        for (j, state) in self.states.iter().enumerate() {
            let (w, b) = if use_average {
                (&state.average_coef, state.average_intercept)
            } else {
                (&state.coef, state.intercept)
            };
            coef.row_mut(j).assign(&ArrayView1::from(&w[..]));
            intercept[j] = b;
        }
        self.linear = Linear::new(&coef, &intercept);
        Ok(())
    }

    /// The rows held out for early stopping: `validation_fraction` of each
    /// class, drawn from the model's seed.
    fn validation_mask(&self, codes: &[usize], sample_weight: &[f64]) -> Result<Vec<bool>> {
        let splitter = StratifiedShuffleSplit::new(1)
            .test_size(Some(SplitSize::Fraction(self.params.validation_fraction)))
            .random_state(derived_seed(self.seed, u64::MAX));
        let folds = splitter.split(ArrayView1::from(codes), None)?;
        let mut mask = vec![false; codes.len()];
        for &i in &folds[0].test {
            mask[i] = true;
        }
        if !folds[0].test.iter().any(|&i| sample_weight[i] > 0.0) {
            return Err(Error::invalid_input(
                NAME,
                "the sample weights of the early-stopping validation rows are all zero; \
                 change random_state or validation_fraction",
            ));
        }
        Ok(mask)
    }

    /// One epoch of SGD over another chunk of rows (scikit-learn's
    /// `partial_fit`), continuing the learning rate, the averaging and the
    /// row orders where the previous call left them. `classes`, when given,
    /// must be the model's. On error the model is unchanged.
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`](crate::Error::FeatureCountMismatch)
    /// for a chunk of another width;
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) for a class not
    /// among `classes()` or a `classes` that differs from them; the errors
    /// of `fit` for bad data.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDClassifier;
    /// use ndarray::array;
    ///
    /// let sgd = SGDClassifier::default().shuffle(false);
    /// let mut model = sgd.partial_fit(array![[-1.0], [1.0]].view(), array!["a", "b"].view(), Some(&["a", "b", "c"]), None)?;
    /// model.partial_fit(array![[0.0]].view(), array!["c"].view(), None, None)?;
    /// assert_eq!(model.n_iter(), 1);
    /// assert!(model.partial_fit(array![[0.0]].view(), array!["d"].view(), None, None).is_err()); // unseen class
    /// assert!(model.partial_fit(array![[0.0, 1.0]].view(), array!["a"].view(), None, None).is_err()); // two features
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit(
        &mut self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        classes: Option<&[L]>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<()> {
        self.partial_fit_matrix(x.into(), y, classes, sample_weight)
    }

    /// [`partial_fit`](Self::partial_fit) on a dense or sparse chunk: a
    /// sparse one is never densified, and gives the model the dense chunk
    /// gives (to rounding).
    ///
    /// # Errors
    /// As [`partial_fit`](Self::partial_fit).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDClassifier;
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    ///
    /// let first = CsrMatrix::from_dense(array![[-1.0, 0.0], [1.0, 0.0]].view());
    /// let sgd = SGDClassifier::default().shuffle(false);
    /// let mut model = sgd.partial_fit_matrix((&first).into(), array![0, 1].view(), Some(&[0, 1]), None)?;
    /// let second = CsrMatrix::from_dense(array![[0.0, -2.0], [2.0, 0.0]].view());
    /// model.partial_fit_matrix((&second).into(), array![0, 1].view(), None, None)?;
    /// assert_eq!(model.t(), 5.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit_matrix(
        &mut self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        classes: Option<&[L]>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<()> {
        if let Some(classes) = classes {
            let (classes, _) = encode_labels(classes.iter());
            if classes != self.classes {
                return Err(Error::invalid_input(
                    NAME,
                    format!(
                        "partial_fit got classes {classes:?}, but the model was started with {:?}",
                        self.classes
                    ),
                ));
            }
        }
        check_matrix_x_y(NAME, x, y.len())?;
        if x.ncols() != self.n_features_in() {
            return Err(Error::FeatureCountMismatch {
                context: NAME.into(),
                expected: self.n_features_in(),
                got: x.ncols(),
            });
        }
        let codes = y
            .iter()
            .map(|label| {
                self.classes.binary_search(label).map_err(|_| {
                    Error::invalid_input(
                        NAME,
                        format!(
                            "y holds the class {label:?}, not among the classes of the first partial_fit {:?}",
                            self.classes
                        ),
                    )
                })
            })
            .collect::<Result<Vec<usize>>>()?;
        self.train(x, &codes, sample_weight, 1, false)
    }

    /// The coefficients (`coef_`): one row for two classes (the weights of
    /// `classes()[1]`), one per class otherwise; the averaged weights once
    /// averaging has begun.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDClassifier;
    /// use ndarray::array;
    /// let model = SGDClassifier::default().shuffle(false).fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.coef().dim(), (1, 1));
    /// assert!(model.coef()[[0, 0]] > 0.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn coef(&self) -> ArrayView2<'_, F> {
        self.linear.coef.view()
    }

    /// The intercepts (`intercept_`), one per coefficient row; zeros
    /// without `fit_intercept`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDClassifier;
    /// use ndarray::array;
    /// let model = SGDClassifier::default().fit_intercept(false).shuffle(false)
    ///     .fit(array![[-1.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.intercept(), array![0.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn intercept(&self) -> ArrayView1<'_, F> {
        self.linear.intercept.view()
    }

    /// The sorted classes (`classes_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDClassifier;
    /// use ndarray::array;
    /// let model = SGDClassifier::default().fit(array![[0.0], [1.0]].view(), array!["b", "a"].view())?;
    /// assert_eq!(model.classes(), &["a", "b"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn classes(&self) -> &[L] {
        &self.classes
    }

    /// Epochs run by the last `fit` or `partial_fit` (`n_iter_`; the
    /// largest over the binary problems).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDClassifier;
    /// use ndarray::array;
    /// let model = SGDClassifier::default().tol(None).max_iter(7)
    ///     .fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.n_iter(), 7);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }

    /// The learning-rate counter (`t_`): 1 plus the number of updates,
    /// over every `fit` epoch and `partial_fit` chunk (as scikit-learn, the
    /// held-out rows of early stopping count too).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDClassifier;
    /// use ndarray::array;
    /// let model = SGDClassifier::default().tol(None).max_iter(3)
    ///     .fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.t(), 7.0); // 3 epochs of 2 rows
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn t(&self) -> f64 {
        self.t
    }

    /// Number of features (`n_features_in_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDClassifier;
    /// use ndarray::array;
    /// let model = SGDClassifier::default().fit(array![[0.0, 1.0], [1.0, 0.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.linear.coef.ncols()
    }

    /// The loss it was fitted with (which decides whether it has
    /// probabilities, for the ONNX export).
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn loss(&self) -> SGDClassifierLoss {
        self.params.loss
    }
}

/// The weighted accuracy on the held-out rows of a binary problem's weights
/// (what early stopping maximises).
fn accuracy_on<F: Float>(
    x: MatrixView<'_, F>,
    y: &[f64],
    sample_weight: &[f64],
    mask: Option<&[bool]>,
    coef: &[f64],
    intercept: f64,
) -> f64 {
    let (mut right, mut total) = (0.0, 0.0);
    for i in 0..x.nrows() {
        if !mask.is_some_and(|m| m[i]) {
            continue;
        }
        let score: f64 = row_dot(x, i, coef) + intercept;
        total += sample_weight[i];
        if (score > 0.0) == (y[i] > 0.0) {
            right += sample_weight[i];
        }
    }
    if total > 0.0 { right / total } else { 0.0 }
}

impl<F: Float, L: Label> Predictor<F> for FittedSGDClassifier<F, L> {
    type Output = L;

    /// For two classes `classes()[1]` where the decision score is > 0;
    /// otherwise the first class of largest score.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        self.predict_matrix(x.into())
    }

    /// Accuracy.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        self.score_matrix(x.into(), y)
    }

    /// As [`predict`](Predictor::predict), on a dense or sparse `x` (a
    /// sparse one is never densified).
    fn predict_matrix(&self, x: MatrixView<'_, F>) -> Result<Array1<L>> {
        let scores = self.linear.scores_matrix(NAME, self.params.n_jobs, x)?;
        Ok(crate::classify::classes_from_scores(scores.view(), &self.classes))
    }

    /// As [`score`](Predictor::score), on a dense or sparse `x`.
    fn score_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        crate::classify::accuracy_matrix(NAME, x, y, |x| self.predict_matrix(x))
    }
}

impl<F: Float, L: Label> Classifier<F> for FittedSGDClassifier<F, L> {
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label> DecisionFunction<F> for FittedSGDClassifier<F, L> {
    /// `X·coefᵀ + intercept`: one column for two classes (positive means
    /// `classes()[1]`), one per class otherwise.
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.linear.scores(NAME, self.params.n_jobs, x)
    }

    /// As [`decision_function`](DecisionFunction::decision_function), on a
    /// dense or sparse `x`.
    fn decision_function_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        self.linear.scores_matrix(NAME, self.params.n_jobs, x)
    }
}

impl<F: Float, L: Label> PredictProba<F> for FittedSGDClassifier<F, L> {
    /// Only for the log-loss and the modified Huber loss, as scikit-learn.
    /// Log-loss: the logistic function of each decision score; modified
    /// Huber: `(clip(d, −1, 1) + 1) / 2`. Two classes give `[1 − p, p]`;
    /// more give each class's value divided by their sum (one-vs-all), or
    /// a uniform row where they are all zero.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for the other losses, which have no
    /// probabilities.
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.predict_proba_matrix(x.into())
    }

    /// As [`predict_proba`](PredictProba::predict_proba), on a dense or
    /// sparse `x`.
    fn predict_proba_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        let squash: fn(f64) -> f64 = match self.params.loss {
            SGDClassifierLoss::LogLoss => |d| 1.0 / (1.0 + (-d).exp()),
            SGDClassifierLoss::ModifiedHuber => |d| (d.clamp(-1.0, 1.0) + 1.0) / 2.0,
            other => {
                return Err(Error::invalid_parameter(
                    NAME,
                    "loss",
                    "LogLoss or ModifiedHuber for predict_proba",
                    other,
                ));
            }
        };
        let scores = self.decision_function_matrix(x)?;
        let k = self.classes.len();
        let mut proba = Array2::<F>::zeros((scores.nrows(), k));
        for (mut out, row) in proba.rows_mut().into_iter().zip(scores.rows()) {
            if k == 2 {
                let p = squash(row[0].as_f64());
                out[0] = F::cast(1.0 - p);
                out[1] = F::cast(p);
            } else {
                let values: Vec<f64> = row.iter().map(|d| squash(d.as_f64())).collect();
                let sum: f64 = values.iter().sum();
                for (o, v) in out.iter_mut().zip(&values) {
                    *o = F::cast(if sum > 0.0 { v / sum } else { 1.0 / k as f64 });
                }
            }
        }
        Ok(proba)
    }
}

impl<F: Float, L: Label> crate::traits::RankingScores<F> for FittedSGDClassifier<F, L> {
    /// The decision function for two classes, the probabilities otherwise
    /// (an error for losses without them).
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        crate::classify::ranking_from_decision(self, x, |x| self.predict_proba(x))
    }
}
