//! [`HistGradientBoostingClassifier`] and its fitted model.

use super::boosting::{self, Ensemble, Targets, fitted_accessors};
#[cfg(feature = "serde")]
use super::distributed;
use super::loss::{Loss, expit, softmax_in_place};
use super::params::{CategoricalFeatures, EarlyStopping, Progress, Settings, hgb_estimator, settings_of};
use super::predictor::PREDICT_CHUNK;
use crate::class_weight::ClassWeight;
#[cfg(feature = "serde")]
use crate::distributed::{Communicator, ReduceOp, agree, union_labels};
use crate::error::Result;
use crate::float::{Float, Label};
use crate::output::uninit_matrix;
use crate::parallel::with_n_jobs_rows;
use crate::persistence::Check;
use crate::persistence::check::{ensure, strictly_increasing};
use crate::traits::{Classifier, DecisionFunction, Estimator, PredictProba, Predictor, SampleWeighted};
use crate::tree::{ClassTargets, argmax, check_weight_sum};
use crate::validation::{check_predict_input_with_missing, check_sample_weight, check_two_classes, encode_labels};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use std::marker::PhantomData;

const NAME: &str = "HistGradientBoostingClassifier";

/// The classification loss (scikit-learn's `loss`).
///
/// # Example
/// ```
/// use learnkit::ensemble::{ClassificationLoss, HistGradientBoostingClassifier};
/// assert_eq!(HistGradientBoostingClassifier::default().loss, ClassificationLoss::LogLoss);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ClassificationLoss {
    /// The log-loss: binomial for two classes, multinomial (softmax, one
    /// tree per class and iteration) for more (scikit-learn's `"log_loss"`).
    #[default]
    LogLoss,
}

hgb_estimator! {
    /// Histogram-based gradient boosting for classification, scikit-learn's
    /// `HistGradientBoostingClassifier` (LightGBM's algorithm).
    ///
    /// Features are binned once into at most `max_bins` bins (plus one for
    /// missing values). For two classes each iteration fits one regression tree
    /// to the gradients `p − y` and hessians `p (1 − p)` of the binomial
    /// log-loss of the raw score (log-odds); for `K > 2` classes, one tree per
    /// class on the softmax gradients. Trees grow leaf by leaf (best first);
    /// leaf values are `−learning_rate · G / (H + λ)`, split gains
    /// `G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)`. The raw score starts at the
    /// log-odds of the weighted class prior (centred log priors for `K > 2`).
    ///
    /// Missing values (`NaN`) are supported natively, and categorical features
    /// ([`CategoricalFeatures`]) are split into two sets of categories.
    /// Sample weights multiply the class weights, as in scikit-learn.
    ///
    /// # Hyperparameters
    /// As [`HistGradientBoostingRegressor`](super::HistGradientBoostingRegressor),
    /// with `loss` ([`ClassificationLoss::LogLoss`]) and `class_weight`
    /// ([`ClassWeight::Uniform`]); the validation split of early stopping is
    /// stratified by class.
    ///
    /// # Numerics and differences from scikit-learn
    /// As the regressor's (see
    /// [`HistGradientBoostingRegressor`](super::HistGradientBoostingRegressor)).
    /// `ClassWeight::Balanced` counts classes by samples, not by sample weight,
    /// as scikit-learn's gradient boosting does.
    ///
    /// # Fitted attributes
    /// See [`FittedHistGradientBoostingClassifier`]: `classes`, `n_iter`,
    /// `train_score`, `validation_score`, `n_trees_per_iteration`,
    /// `is_categorical`, `n_features_in`.
    ///
    /// # Errors
    /// As the regressor, plus [`Error::SingleClass`](crate::Error::SingleClass)
    /// when `y` has one class and
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a
    /// `class_weight` of the wrong length.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::HistGradientBoostingClassifier;
    /// use learnkit::datasets::load_iris;
    ///
    /// let iris = load_iris();
    /// let model = HistGradientBoostingClassifier::default().fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.n_trees_per_iteration(), 3);
    /// assert!(model.score(iris.data.view(), iris.target.view())? > 0.97);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub struct HistGradientBoostingClassifier {
        /// The loss, default log-loss.
        loss: ClassificationLoss = ClassificationLoss::LogLoss, example learnkit::ensemble::ClassificationLoss::LogLoss;
        /// Class weights, multiplied into the sample weights; default uniform.
        class_weight: ClassWeight = ClassWeight::Uniform, example learnkit::class_weight::ClassWeight::Balanced;
    }
}

impl HistGradientBoostingClassifier {
    fn settings(&self) -> Settings {
        settings_of!(self, NAME)
    }

    /// Fits as [`Estimator::fit`] (with optional sample weights), calling
    /// `progress` after every iteration — to draw a progress bar or log the
    /// losses. The callback runs in order, once per iteration.
    ///
    /// # Errors
    /// As [`Estimator::fit`] and [`SampleWeighted::fit_weighted`].
    ///
    /// # Example
    /// ```
    /// use learnkit::ensemble::HistGradientBoostingClassifier;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let mut last = None;
    /// let model = HistGradientBoostingClassifier::default().max_iter(10)
    ///     .fit_with_progress(iris.data.view(), iris.target.view(), None, |p| last = Some(p.iteration))?;
    /// assert_eq!(last, Some(10));
    /// assert!(model.train_score()[10] > model.train_score()[0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_with_progress<F: Float, L: Label>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
        mut progress: impl FnMut(&Progress) + Send,
    ) -> Result<FittedHistGradientBoostingClassifier<F, L>> {
        self.fit_reporting(x, y, sample_weight, Some(&mut progress))
    }

    /// Fits, calling `progress` (when given) after every iteration.
    fn fit_reporting<F: Float, L: Label>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
        progress: Option<&mut (dyn FnMut(&Progress) + Send)>,
    ) -> Result<FittedHistGradientBoostingClassifier<F, L>> {
        let settings = self.settings();
        boosting::check_fit_input(&settings, x, y.len())?;
        let targets = hgb_class_targets(y, sample_weight, &self.class_weight)?;
        let n_classes = targets.classes.len();
        let loss = if n_classes == 2 {
            Loss::Binomial
        } else {
            Loss::Multinomial { n_classes }
        };
        let weighted = sample_weight.is_some() || self.class_weight != ClassWeight::Uniform;
        let strata: Vec<usize> = targets.codes.iter().map(|&c| c as usize).collect();
        let boosting_targets = Targets {
            y: targets.codes.iter().map(|&c| c as f64).collect(),
            weights: weighted.then_some(targets.weights),
            strata: Some(&strata),
        };
        let mut ensemble = boosting::fit_with_n_jobs(&settings, loss, x, boosting_targets, progress)?;
        ensemble.fitted_with_sample_weight = sample_weight.is_some();
        Ok(FittedHistGradientBoostingClassifier {
            params: self.clone(),
            classes: targets.classes,
            ensemble,
            float: PhantomData,
        })
    }
}

#[cfg(feature = "serde")]
impl HistGradientBoostingClassifier {
    /// Fits on rows spread over the processes of `comm` (data-parallel, as
    /// LightGBM's data-parallel learner), binary or multiclass: `x` and `y`
    /// are this process's rows (possibly none), and every process returns
    /// the same model — bit for bit, whatever the number of processes and
    /// however the rows are split. Call it on every process of the group.
    /// The classes are those of every process (gathered, so the labels
    /// must be serializable; needs the `serde` feature).
    ///
    /// As [`HistGradientBoostingRegressor::fit_distributed`](crate::ensemble::HistGradientBoostingRegressor::fit_distributed):
    /// shared bin edges, gradients rounded to a grid on which the
    /// histograms' combined sums are exact, reduce-scattered over feature
    /// blocks with the best splits gathered, validation rows (early
    /// stopping) chosen by a hash of the global row index, not stratified.
    /// `class_weight` applies as in [`fit`](Estimator::fit) (`Balanced`
    /// counts every process's rows); with sample weights, see
    /// [`fit_distributed_weighted`](Self::fit_distributed_weighted).
    ///
    /// # Errors
    /// On every process, when any process's input is bad: as
    /// [`Estimator::fit`] (a process may hold no rows, but not all of them;
    /// the classes of all processes must be at least two),
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when the
    /// processes' feature counts differ;
    /// [`Error::Communication`](crate::Error::Communication) when the group
    /// fails.
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::{run_in_process, Communicator, RowShards};
    /// use learnkit::ensemble::HistGradientBoostingClassifier;
    /// use learnkit::prelude::*;
    /// use ndarray::{s, Array1, Array2};
    ///
    /// let x = Array2::from_shape_fn((300, 2), |(i, j)| ((i * (j + 3)) % 17) as f64);
    /// let y = Array1::from_shape_fn(300, |i| if x[[i, 0]] > x[[i, 1]] { "up" } else { "down" }.to_string());
    /// let estimator = HistGradientBoostingClassifier::default().max_iter(10);
    /// let models = run_in_process(2, |comm| {
    ///     let rows = RowShards::even_split(300, comm.rank(), comm.size());
    ///     estimator.fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
    /// })?;
    /// assert_eq!(models[0].classes(), &["down".to_string(), "up".to_string()]);
    /// assert_eq!(models[0].predict_proba(x.view())?, models[1].predict_proba(x.view())?);
    /// assert!(models[0].score(x.view(), y.view())? > 0.95);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_distributed<F, L, C>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
    ) -> Result<FittedHistGradientBoostingClassifier<F, L>>
    where
        F: Float,
        L: Label + serde::Serialize + serde::de::DeserializeOwned,
        C: Communicator + ?Sized,
    {
        self.fit_distributed_checked(comm, x, y, None)
    }

    /// As [`fit_distributed`](Self::fit_distributed), with this process's
    /// rows' sample weights (multiplied by the class weights, as
    /// [`SampleWeighted::fit_weighted`]). Call it on every process of the
    /// group, each with its own rows' weights (empty on a process without
    /// rows). The model is bit-identical for any number of processes.
    ///
    /// # Errors
    /// As [`fit_distributed`](Self::fit_distributed);
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) on every process
    /// when one process's weights are negative, not finite, not one per
    /// row or all zero, or when the weights times the class weights of all
    /// processes sum to zero.
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::{run_in_process, Communicator, RowShards};
    /// use learnkit::ensemble::HistGradientBoostingClassifier;
    /// use learnkit::prelude::*;
    /// use ndarray::{s, Array1, Array2};
    ///
    /// let x = Array2::from_shape_fn((300, 2), |(i, j)| ((i * (j + 3)) % 17) as f64);
    /// let y = Array1::from_shape_fn(300, |i| i32::from(x[[i, 0]] > x[[i, 1]]));
    /// let w = Array1::from_shape_fn(300, |i| if i % 4 == 0 { 3.0_f64 } else { 1.0 });
    /// let estimator = HistGradientBoostingClassifier::default().max_iter(10);
    /// let models = run_in_process(3, |comm| {
    ///     let rows = RowShards::even_split(300, comm.rank(), comm.size());
    ///     let (xs, ys, ws) = (x.slice(s![rows.clone(), ..]), y.slice(s![rows.clone()]), w.slice(s![rows]));
    ///     estimator.fit_distributed_weighted(comm, xs, ys, ws)
    /// })?;
    /// assert_eq!(models[0].predict_proba(x.view())?, models[2].predict_proba(x.view())?);
    /// assert!(models[0].score(x.view(), y.view())? > 0.95);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_distributed_weighted<F, L, C>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<FittedHistGradientBoostingClassifier<F, L>>
    where
        F: Float,
        L: Label + serde::Serialize + serde::de::DeserializeOwned,
        C: Communicator + ?Sized,
    {
        self.fit_distributed_checked(comm, x, y, Some(sample_weight))
    }

    fn fit_distributed_checked<F, L, C>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedHistGradientBoostingClassifier<F, L>>
    where
        F: Float,
        L: Label + serde::Serialize + serde::de::DeserializeOwned,
        C: Communicator + ?Sized,
    {
        let settings = self.settings();
        let local = distributed::check_local(&settings, x, y.len())
            .and_then(|()| distributed::local_weights(NAME, sample_weight, x.nrows()));
        let sample_weight = agree(comm, local)?;
        let labels: Vec<L> = y.to_vec();
        let classes = union_labels(comm, NAME, &labels)?;
        check_two_classes(NAME, &classes)?;
        let n_classes = classes.len();
        let loss = if n_classes == 2 {
            Loss::Binomial
        } else {
            Loss::Multinomial { n_classes }
        };
        let codes: Vec<usize> = labels
            .iter()
            .map(|l| classes.binary_search(l).unwrap_or_default())
            .collect();
        // The class weights as `fit` computes them, from every process's
        // rows: `Balanced` counts rows, not weight (scikit-learn's
        // `compute_sample_weight`), so one row per class weighing its count.
        let mut counts = vec![0i64; n_classes];
        codes.iter().for_each(|&c| counts[c] += 1);
        comm.all_reduce_i64(&mut counts, ReduceOp::Sum)?;
        let per_class = Array1::from_iter(counts.iter().map(|&c| c as f64));
        let class_codes: Vec<usize> = (0..n_classes).collect();
        let class_weights = self
            .class_weight
            .class_weights(NAME, &class_codes, n_classes, Some(per_class.view()))?;
        let weighted = sample_weight.is_some() || self.class_weight != ClassWeight::Uniform;
        let weights = weighted.then(|| {
            codes
                .iter()
                .enumerate()
                .map(|(i, &c)| sample_weight.as_ref().map_or(1.0, |w| w[i]) * class_weights[c])
                .collect()
        });
        let y_codes: Vec<f64> = codes.iter().map(|&c| c as f64).collect();
        let mut ensemble = distributed::fit(&settings, loss, comm, x, y_codes, weights)?;
        ensemble.fitted_with_sample_weight = sample_weight.is_some();
        Ok(FittedHistGradientBoostingClassifier {
            params: self.clone(),
            classes,
            ensemble,
            float: PhantomData,
        })
    }
}

/// Encodes the labels and multiplies the sample weights by the class
/// weights. Unlike the crate's other classifiers, `Balanced` counts the
/// classes by samples, not by sample weight: scikit-learn's gradient
/// boosting computes it with `compute_sample_weight(class_weight, y)`.
fn hgb_class_targets<F: Float, L: Label>(
    y: ArrayView1<'_, L>,
    sample_weight: Option<ArrayView1<'_, F>>,
    class_weight: &ClassWeight,
) -> Result<ClassTargets<L>> {
    let (classes, codes) = encode_labels(y.iter());
    check_two_classes(NAME, &classes)?;
    let sw = check_sample_weight(NAME, sample_weight, y.len())?;
    let cw = class_weight.class_weights(NAME, &codes, classes.len(), None)?;
    let weights: Vec<f64> = sw.iter().zip(&codes).map(|(w, &c)| w.as_f64() * cw[c]).collect();
    check_weight_sum(NAME, &weights)?;
    Ok(ClassTargets {
        classes,
        codes: codes.into_iter().map(|c| c as u32).collect(),
        weights,
    })
}

impl<F: Float, L: Label> Estimator<F, L> for HistGradientBoostingClassifier {
    type Fitted = FittedHistGradientBoostingClassifier<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.fit_reporting(x, y, None, None)
    }
}

impl<F: Float, L: Label> SampleWeighted<F, L> for HistGradientBoostingClassifier {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_reporting(x, y, Some(sample_weight), None)
    }
}

/// A fitted [`HistGradientBoostingClassifier`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::HistGradientBoostingClassifier;
/// use ndarray::{array, Array1, Array2};
/// let x = Array2::from_shape_fn((200, 1), |(i, _)| i as f64);
/// let y = Array1::from_shape_fn(200, |i| i >= 100);
/// let model = HistGradientBoostingClassifier::default().fit(x.view(), y.view())?;
/// assert_eq!(model.predict(array![[10.0], [190.0]].view())?, array![false, true]);
/// assert_eq!(model.decision_function(array![[10.0]].view())?.ncols(), 1);
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
pub struct FittedHistGradientBoostingClassifier<F, L> {
    params: HistGradientBoostingClassifier,
    classes: Vec<L>,
    ensemble: Ensemble,
    float: PhantomData<F>,
}

checked_serde!(impl[F: Float, L: Label] FittedHistGradientBoostingClassifier<F, L>; ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label] FittedHistGradientBoostingClassifier<F, L> => format!("HistGradientBoostingClassifier<{}>", F::NAME));

impl<F: Float, L: Label> Check for FittedHistGradientBoostingClassifier<F, L> {
    /// Valid hyperparameters; at least two sorted distinct classes; one raw
    /// output for two classes, one per class otherwise (the probabilities
    /// have one column per class, and prediction indexes the classes by
    /// them); a consistent ensemble.
    fn check(&self) -> std::result::Result<(), String> {
        self.params.settings().validate().map_err(|e| e.to_string())?;
        strictly_increasing(&format!("{NAME}: classes"), &self.classes)?;
        let n_classes = self.classes.len();
        ensure(n_classes >= 2, || {
            format!("{NAME}: {n_classes} classes, at least 2 expected")
        })?;
        self.ensemble.check(
            NAME,
            if n_classes == 2 { 1 } else { n_classes },
            &self.params.categorical_features,
            self.params.feature_names.as_deref(),
        )
    }
}

impl<F: Float, L: Label> FittedHistGradientBoostingClassifier<F, L> {
    /// The sorted classes seen in `fit` (`classes_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::HistGradientBoostingClassifier;
    /// use ndarray::array;
    /// let model = HistGradientBoostingClassifier::default().max_iter(1).fit(array![[0.0], [1.0]].view(), array!["b", "a"].view())?;
    /// assert_eq!(model.classes(), &["a", "b"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn classes(&self) -> &[L] {
        &self.classes
    }

    fitted_accessors!(
        HistGradientBoostingClassifier,
        y = "[0, 1]",
        loss = "log-loss",
        trees = "1 for two classes, the number of classes otherwise"
    );

    fn raw(&self, x: ArrayView2<'_, F>) -> Result<Array2<f64>> {
        check_predict_input_with_missing(NAME, self.ensemble.n_features, x)?;
        with_n_jobs_rows(self.params.n_jobs, x.nrows(), PREDICT_CHUNK, || self.ensemble.raw(x))
    }

    /// Class probabilities from raw scores, in `f64`.
    fn proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<f64>> {
        let mut raw = self.raw(x)?;
        if raw.ncols() == 1 {
            let n = raw.nrows();
            let mut out = Array2::zeros((n, 2));
            for (i, &r) in raw.column(0).iter().enumerate() {
                let p = expit(r);
                out[[i, 0]] = 1.0 - p;
                out[[i, 1]] = p;
            }
            Ok(out)
        } else {
            raw.outer_iter_mut()
                .for_each(|mut row| softmax_in_place(row.as_slice_mut().expect("standard layout")));
            Ok(raw)
        }
    }
}

impl<F: Float, L: Label> Predictor<F> for FittedHistGradientBoostingClassifier<F, L> {
    type Output = L;

    /// The class of highest probability (the first on ties).
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        let proba = self.proba(x)?;
        Ok(proba
            .outer_iter()
            .map(|row| self.classes[argmax(row.as_slice().expect("standard layout"))].clone())
            .collect())
    }

    /// Accuracy.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        crate::classify::accuracy(NAME, x, y, |x| self.predict(x))
    }
}

impl<F: Float, L: Label> Classifier<F> for FittedHistGradientBoostingClassifier<F, L> {
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label> PredictProba<F> for FittedHistGradientBoostingClassifier<F, L> {
    /// The logistic function of the raw score for two classes, the softmax
    /// of the raw scores for more.
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        let proba = self.proba(x)?;
        let mut out = uninit_matrix::<F>(proba.nrows(), proba.ncols());
        out.iter_mut().zip(proba.iter()).for_each(|(o, &p)| {
            o.write(F::cast(p));
        });
        // SAFETY: every element was just written (same shape as `proba`).
        Ok(unsafe { out.assume_init() })
    }
}

impl<F: Float, L: Label> DecisionFunction<F> for FittedHistGradientBoostingClassifier<F, L> {
    /// The raw scores: one column (the log-odds of `classes()[1]`) for two
    /// classes, one per class otherwise.
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        Ok(self.raw(x)?.mapv(F::cast))
    }
}

impl<F: Float, L: Label> crate::traits::RankingScores<F> for FittedHistGradientBoostingClassifier<F, L> {
    /// The decision function for two classes, the probabilities otherwise.
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        crate::classify::ranking_from_decision(self, x, |x| self.predict_proba(x))
    }
}
