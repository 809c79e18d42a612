//! [`FittedSVC`]: the support vectors and dual coefficients, and prediction.

use super::kernel::ResolvedKernel;
use super::multiclass::{OvoModel, pairs};
use super::params::{DecisionFunctionShape, NAME, SVC};
use super::probability::{multiclass_probability, pair_probability};
use super::support::{SupportColumns, Supports, check_support, squared_norms};
use crate::classify::check_classes;
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len, strictly_increasing};
use crate::sparse::MatrixView;
use crate::traits::{Classifier, DecisionFunction, PredictProba, Predictor};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis, s};
use std::marker::PhantomData;

/// Test rows per parallel task in prediction.
const PREDICT_ROWS: usize = 64;

/// A fitted [`SVC`].
///
/// The fitted attributes follow scikit-learn's layout and signs: support
/// vectors grouped by class; for two classes `dual_coef` and `intercept` are
/// those of `classes()[1]` (a positive decision means the second class).
/// They are kept in `f64`, the precision of the solver's `α` and gradient.
///
/// Prediction computes each test row's kernel against every support vector
/// once and shares it between the pairs of classes; rows run in parallel.
/// The dot products run over the row's non-zero features only, against the
/// support vectors transposed (made on the first prediction and kept).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::svm::Kernel;
/// use ndarray::array;
///
/// let x = array![[0.0, 0.0], [1.0, 1.0], [3.0, 3.0], [4.0, 4.0]];
/// let model = SVC::default().kernel(Kernel::Linear).fit(x.view(), array!["a", "a", "b", "b"].view())?;
/// assert_eq!(model.support(), &[1, 2]);
/// assert_eq!(model.predict(array![[0.5, 0.0], [5.0, 4.0]].view())?, array!["a", "b"]);
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
pub struct FittedSVC<F, L> {
    params: SVC,
    classes: Vec<L>,
    kernel: ResolvedKernel,
    n_features_in: usize,
    support: Vec<usize>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    support_vectors: Array2<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    sv_norms: Vec<f64>,
    /// The support vectors transposed, made on the first prediction.
    #[cfg_attr(feature = "serde", serde(skip))]
    sv_columns: SupportColumns,
    n_support: Vec<usize>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    dual_coef: Array2<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    intercept: Array1<f64>,
    n_iter: Vec<usize>,
    converged: bool,
    /// Platt's `A` and `B` per pair (empty without `probability`).
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    prob_a: Array1<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    prob_b: Array1<f64>,
    #[cfg_attr(feature = "serde", serde(skip))]
    float: PhantomData<fn() -> F>,
}

checked_serde!(impl[F: Float, L: Label] FittedSVC<F, L>;
    ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label] FittedSVC<F, L> => format!("SVC<{}>", F::NAME));

impl<F: Float, L: Label> Check for FittedSVC<F, L> {
    /// What prediction indexes: `n_classes` entries of `n_support` summing
    /// to the number of support vectors, `dual_coef` of shape
    /// `(n_classes − 1, n_SV)`, one intercept (and SMO count, and with
    /// `probability` one Platt `A` and `B`) per pair of classes; the
    /// support vectors, their norms and the kernel as a fit leaves them
    /// (see [`check_support`]).
    fn check(&self) -> std::result::Result<(), String> {
        self.params.validate().map_err(|e| e.to_string())?;
        check_classes(NAME, &self.classes)?;
        let n_classes = self.classes.len();
        self.params.class_weight.check_saved(NAME, n_classes)?;
        same_len(&format!("{NAME}: n_support"), n_classes, self.n_support.len())?;
        let n_sv = self.support.len();
        let total = self.n_support.iter().try_fold(0usize, |acc, &n| acc.checked_add(n));
        ensure(total == Some(n_sv), || {
            format!(
                "{NAME}: n_support {:?} does not add up to the {n_sv} support vectors",
                self.n_support
            )
        })?;
        ensure(self.dual_coef.dim() == (n_classes - 1, n_sv), || {
            format!(
                "{NAME}: dual_coef has shape {:?}, expected ({}, {n_sv}) for {n_classes} classes and {n_sv} support vectors",
                self.dual_coef.dim(),
                n_classes - 1
            )
        })?;
        // n_classes ≤ the file's length, so this cannot overflow in practice;
        // checked anyway, and before `pairs` allocates that many entries.
        let n_pairs = n_classes
            .checked_mul(n_classes - 1)
            .map(|p| p / 2)
            .ok_or_else(|| format!("{NAME}: {n_classes} classes are too many"))?;
        same_len(&format!("{NAME}: intercept"), n_pairs, self.intercept.len())?;
        same_len(&format!("{NAME}: n_iter"), n_pairs, self.n_iter.len())?;
        let n_prob = if self.params.probability { n_pairs } else { 0 };
        same_len(&format!("{NAME}: prob_a"), n_prob, self.prob_a.len())?;
        same_len(&format!("{NAME}: prob_b"), n_prob, self.prob_b.len())?;
        // Indices are increasing within each class's group.
        let mut start = 0;
        for &n in &self.n_support {
            strictly_increasing(
                &format!("{NAME}: support within a class"),
                &self.support[start..start + n],
            )?;
            start += n;
        }
        check_support(
            NAME,
            &self.params.kernel,
            self.kernel,
            self.n_features_in,
            &self.support,
            &self.support_vectors,
            &self.sv_norms,
        )
    }
}

impl<F: Float, L: Label> FittedSVC<F, L> {
    pub(super) fn new(
        params: SVC,
        classes: Vec<L>,
        kernel: ResolvedKernel,
        n_features_in: usize,
        model: OvoModel,
        support_vectors: Array2<f64>,
        (prob_a, prob_b): (Vec<f64>, Vec<f64>),
    ) -> Self {
        let n_sv = model.support.len();
        let mut dual_coef = Array2::zeros((model.dual_coef.len(), n_sv));
        for (mut row, coef) in dual_coef.rows_mut().into_iter().zip(&model.dual_coef) {
            row.assign(&ArrayView1::from(coef));
        }
        let mut intercept: Array1<f64> = model.rho.iter().map(|r| -r).collect();
        if classes.len() == 2 {
            // scikit-learn reports the binary model for classes[1]: libsvm's
            // first class is +1, so both signs flip.
            dual_coef.mapv_inplace(|v| -v);
            intercept.mapv_inplace(|v| -v);
        }
        let sv_norms = squared_norms(&support_vectors);
        FittedSVC {
            params,
            classes,
            kernel,
            n_features_in,
            support: model.support,
            support_vectors,
            sv_norms,
            sv_columns: SupportColumns::default(),
            n_support: model.n_support,
            dual_coef,
            intercept,
            n_iter: model.n_iter,
            converged: model.converged,
            prob_a: Array1::from(prob_a),
            prob_b: Array1::from(prob_b),
            float: PhantomData,
        }
    }

    /// Indices of the support vectors in the training data (`support_`),
    /// grouped by class in `classes()` order, increasing within a class.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVC::default().fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.support().len(), model.n_support().iter().sum::<usize>());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn support(&self) -> &[usize] {
        &self.support
    }

    /// The support vectors (`support_vectors_`), one row each, in `support()`
    /// order, as `f64` (the fit's copy of the data). Empty (no rows) with a
    /// precomputed kernel, as in scikit-learn.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVC::default().fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.support_vectors().row(0), iris.data.row(model.support()[0]));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn support_vectors(&self) -> ArrayView2<'_, f64> {
        self.support_vectors.view()
    }

    /// Number of support vectors of each class (`n_support_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVC::default().fit(iris.data.view(), iris.target.view())?;
    /// assert!(model.n_support().iter().all(|&n| n > 0));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_support(&self) -> &[usize] {
        &self.n_support
    }

    /// The dual coefficients `y_i α_i` (`dual_coef_`), shape
    /// `(n_classes − 1, n_support_vectors)` in libsvm's one-vs-one layout:
    /// the coefficient of a support vector of class `k` in the problem
    /// against class `m` is in row `m − 1` if `m > k`, row `m` otherwise.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVC::default().fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.dual_coef().dim(), (2, model.support().len()));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn dual_coef(&self) -> ArrayView2<'_, f64> {
        self.dual_coef.view()
    }

    /// The intercepts (`intercept_`), one per pair of classes in the order
    /// (0,1), (0,2), …, (1,2), …
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVC::default().fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.intercept().len(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn intercept(&self) -> ArrayView1<'_, f64> {
        self.intercept.view()
    }

    /// SMO iterations of each pair of classes (`n_iter_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVC::default().max_iter(Some(2)).fit(iris.data.view(), iris.target.view())?;
    /// assert!(model.n_iter().iter().all(|&n| n <= 2));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_iter(&self) -> &[usize] {
        &self.n_iter
    }

    /// Whether every pair met `tol`; `false` means some stopped at
    /// `max_iter` (the model is still usable, as scikit-learn's after a
    /// `ConvergenceWarning`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// assert!(SVC::default().fit(iris.data.view(), iris.target.view())?.converged());
    /// assert!(!SVC::default().max_iter(Some(1)).fit(iris.data.view(), iris.target.view())?.converged());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// Number of features seen in `fit` (`n_features_in_`); with a
    /// precomputed kernel, the number of training samples.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// assert_eq!(SVC::default().fit(iris.data.view(), iris.target.view())?.n_features_in(), 4);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features_in
    }

    /// Platt's `A` of each pair of classes (`probA_`), in the order (0,1),
    /// (0,2), …, (1,2), …; empty unless fitted with `probability = true`.
    ///
    /// The pair `(i, j)`'s probability of class `i` is
    /// `1 / (1 + exp(A f + B))`, with `f` the pair's decision value in
    /// libsvm's sign (positive means class `i`), so `A` is usually negative,
    /// as scikit-learn's `probA_`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVC::default().probability(true).random_state(0).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.prob_a().len(), 3);
    /// assert!(model.prob_a().iter().all(|&a| a < 0.0));
    /// let plain = SVC::default().fit(iris.data.view(), iris.target.view())?;
    /// assert!(plain.prob_a().is_empty());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn prob_a(&self) -> ArrayView1<'_, f64> {
        self.prob_a.view()
    }

    /// Platt's `B` of each pair of classes (`probB_`), in the order of
    /// [`prob_a`](Self::prob_a); empty unless fitted with `probability = true`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVC::default().probability(true).random_state(0).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.prob_b().len(), model.prob_a().len());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn prob_b(&self) -> ArrayView1<'_, f64> {
        self.prob_b.view()
    }

    /// The kernel with its `gamma` resolved to a number (ONNX export).
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn resolved_kernel(&self) -> super::Kernel {
        self.kernel.as_kernel()
    }

    /// The shape of `decision_function` for more than two classes (ONNX export).
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn decision_function_shape(&self) -> DecisionFunctionShape {
        self.params.decision_function_shape
    }

    /// The natural logarithm of [`predict_proba`](PredictProba::predict_proba)
    /// (scikit-learn's `predict_log_proba`).
    ///
    /// # Errors
    /// As `predict_proba`: [`Error::InvalidParameter`] (parameter
    /// `probability`) when the model was fitted without `probability = true`,
    /// and the input errors of `predict`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = SVC::default().probability(true).random_state(0).fit(iris.data.view(), iris.target.view())?;
    /// let log_proba = model.predict_log_proba(iris.data.view())?;
    /// let proba = model.predict_proba(iris.data.view())?;
    /// assert!((log_proba[[0, 0]].exp() - proba[[0, 0]]).abs() < 1e-12);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn predict_log_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        Ok(self.probabilities(x.into())?.mapv(|p| F::cast(p.ln())))
    }

    /// The class probabilities in `f64`: each pair's Platt sigmoid on its
    /// decision value, clipped to `[1e-7, 1 − 1e-7]`, then coupled over the
    /// classes (libsvm's `svm_predict_probability`).
    fn probabilities(&self, x: MatrixView<'_, F>) -> Result<Array2<f64>> {
        if self.prob_a.is_empty() {
            return Err(Error::invalid_parameter(
                NAME,
                "probability",
                "true for predict_proba / predict_log_proba (set before fit)",
                false,
            ));
        }
        let decisions = self.pair_decisions(x)?;
        let k = self.classes.len();
        let mut out = Array2::zeros((decisions.nrows(), k));
        if k == 2 {
            for (mut o, row) in out.rows_mut().into_iter().zip(decisions.rows()) {
                // Two classes: the decision has scikit-learn's sign
                // (positive means classes()[1]); libsvm's is the opposite.
                let r = pair_probability(-row[0], self.prob_a[0], self.prob_b[0]);
                o[0] = r;
                o[1] = 1.0 - r;
            }
            return Ok(out);
        }
        let pairs = pairs(k);
        let mut r = vec![0.0; k * k];
        for (mut o, row) in out.rows_mut().into_iter().zip(decisions.rows()) {
            for (p, &(i, j)) in pairs.iter().enumerate() {
                let rij = pair_probability(row[p], self.prob_a[p], self.prob_b[p]);
                r[i * k + j] = rij;
                r[j * k + i] = 1.0 - rij;
            }
            for (o, p) in o.iter_mut().zip(multiclass_probability(&r, k)) {
                *o = p;
            }
        }
        Ok(out)
    }

    /// The one-vs-one decision values, one column per pair: for two classes
    /// scikit-learn's sign (positive means `classes()[1]`), otherwise
    /// libsvm's (positive means the pair's first class). A sparse `x` is
    /// never densified.
    fn pair_decisions(&self, x: MatrixView<'_, F>) -> Result<Array2<f64>> {
        let pairs = pairs(self.classes.len());
        let mut first = Vec::with_capacity(self.n_support.len());
        let mut acc = 0;
        for &n in &self.n_support {
            first.push(acc);
            acc += n;
        }
        let supports = Supports::new(
            self.kernel,
            &self.support,
            &self.support_vectors,
            &self.sv_norms,
            &self.sv_columns,
        );
        let blocks =
            supports.map_kernel_chunks((NAME, self.n_features_in, self.params.n_jobs), x, PREDICT_ROWS, |k| {
                let mut out = Array2::zeros((k.nrows(), pairs.len()));
                for (mut o, kr) in out.rows_mut().into_iter().zip(k.rows()) {
                    for (p, &(i, j)) in pairs.iter().enumerate() {
                        let (si, sj) = (
                            first[i]..first[i] + self.n_support[i],
                            first[j]..first[j] + self.n_support[j],
                        );
                        let ci = self.dual_coef.slice(s![j - 1, si.clone()]);
                        let cj = self.dual_coef.slice(s![i, sj.clone()]);
                        let mut sum = 0.0;
                        for (c, kv) in ci.iter().zip(kr.slice(s![si])) {
                            sum += c * kv;
                        }
                        for (c, kv) in cj.iter().zip(kr.slice(s![sj])) {
                            sum += c * kv;
                        }
                        o[p] = sum + self.intercept[p];
                    }
                }
                out
            })?;
        let views: Vec<_> = blocks.iter().map(|b| b.view()).collect();
        Ok(ndarray::concatenate(Axis(0), &views).expect("blocks have equal widths"))
    }

    /// The class index predicted from one row of pair decisions.
    fn vote(&self, row: ArrayView1<'_, f64>) -> usize {
        let n_classes = self.classes.len();
        if n_classes == 2 {
            // libsvm gives the first class when its decision (−row[0]) is > 0.
            return usize::from(row[0] >= 0.0);
        }
        let mut votes = vec![0usize; n_classes];
        for (&d, (i, j)) in row.iter().zip(pairs(n_classes)) {
            votes[if d > 0.0 { i } else { j }] += 1;
        }
        // First maximum, as libsvm.
        (1..n_classes).fold(0, |best, k| if votes[k] > votes[best] { k } else { best })
    }
}

/// scikit-learn's `_ovr_decision_function`: votes plus the summed
/// confidences squashed into (−1/3, 1/3), so that they only break ties.
fn ovr_from_ovo(ovo: ArrayView2<'_, f64>, n_classes: usize) -> Array2<f64> {
    let pairs = pairs(n_classes);
    let mut out = Array2::zeros((ovo.nrows(), n_classes));
    for (mut o, row) in out.rows_mut().into_iter().zip(ovo.rows()) {
        let mut votes = vec![0.0; n_classes];
        let mut confidence = vec![0.0; n_classes];
        for (&d, &(i, j)) in row.iter().zip(&pairs) {
            confidence[i] += d;
            confidence[j] -= d;
            votes[if d < 0.0 { j } else { i }] += 1.0;
        }
        for k in 0..n_classes {
            o[k] = votes[k] + confidence[k] / (3.0 * (confidence[k].abs() + 1.0));
        }
    }
    out
}

impl<F: Float, L: Label> Predictor<F> for FittedSVC<F, L> {
    type Output = L;

    /// One-vs-one voting (libsvm's rule; the first class on a tie).
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        self.predict_matrix(x.into())
    }

    /// Accuracy: the fraction of rows whose predicted class equals `y`.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        crate::classify::accuracy(NAME, x, y, |x| self.predict(x))
    }

    /// [`Predictor::predict`] on a dense or sparse `x`; a sparse `x` is never
    /// densified (the kernel runs over its stored values), and gives the
    /// dense prediction of the same data.
    fn predict_matrix(&self, x: MatrixView<'_, F>) -> Result<Array1<L>> {
        let decisions = self.pair_decisions(x)?;
        Ok(decisions
            .rows()
            .into_iter()
            .map(|r| self.classes[self.vote(r)].clone())
            .collect())
    }
}

impl<F: Float, L: Label> Classifier<F> for FittedSVC<F, L> {
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label> PredictProba<F> for FittedSVC<F, L> {
    /// libsvm's probability estimates (requires `probability = true` at
    /// fit, otherwise [`Error::InvalidParameter`] naming `probability`): for
    /// each pair of classes, Platt's sigmoid `1 / (1 + exp(A f + B))` of its
    /// decision value `f` (see [`prob_a`](FittedSVC::prob_a)), clipped to
    /// `[1e-7, 1 − 1e-7]`; with more than two classes these pairwise
    /// probabilities are coupled into one distribution by Wu, Lin and Weng's
    /// (2004) method 2. Columns follow `classes()`.
    ///
    /// `predict` does not use them: it votes on the decision values, as
    /// scikit-learn, so its class may differ from the argmax of the
    /// probabilities on rows near a boundary. scikit-learn's libsvm couples
    /// two classes with the iteration too, which differs from the exact
    /// pairwise probability used here by less than 0.005.
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.predict_proba_matrix(x.into())
    }

    /// [`PredictProba::predict_proba`] on a dense or sparse `x` (never
    /// densified).
    fn predict_proba_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        Ok(self.probabilities(x)?.mapv(F::cast))
    }
}

impl<F: Float, L: Label> DecisionFunction<F> for FittedSVC<F, L> {
    /// Two classes: one column, positive for `classes()[1]`. More: one
    /// column per class (`Ovr`, scikit-learn's default) or per pair (`Ovo`).
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.decision_function_matrix(x.into())
    }

    /// [`DecisionFunction::decision_function`] on a dense or sparse `x`
    /// (never densified).
    fn decision_function_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        let ovo = self.pair_decisions(x)?;
        let n_classes = self.classes.len();
        let out = if n_classes == 2 || self.params.decision_function_shape == DecisionFunctionShape::Ovo {
            ovo
        } else {
            ovr_from_ovo(ovo.view(), n_classes)
        };
        Ok(out.mapv(F::cast))
    }
}

impl<F: Float, L: Label> crate::traits::RankingScores<F> for FittedSVC<F, L> {
    /// The decision function for two classes, the probabilities otherwise
    /// (an error without `probability = true`, as scikit-learn).
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        crate::classify::ranking_from_decision(self, x, |x| self.predict_proba(x))
    }
}
