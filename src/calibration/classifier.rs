//! [`CalibratedClassifierCV`]: a classifier whose scores are mapped to
//! calibrated probabilities by a sigmoid or an isotonic regression fitted
//! on cross-validated scores.

use super::sigmoid::{expit, fit_sigmoid};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::isotonic::{FittedIsotonicRegression, IsotonicRegression, OutOfBounds};
use crate::model_selection::cross_validation::{check_test_partition, checked_folds, to_caller_rows};
use crate::model_selection::{Splitter, StratifiedKFold};
use crate::persistence::Check;
use crate::traits::{Classifier, DecisionFunction, Estimator, PredictProba, Predictor};
use crate::validation::{check_two_classes, encode_labels};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;
use std::marker::PhantomData;

const NAME: &str = "CalibratedClassifierCV";

/// How scores become probabilities (scikit-learn's `method`).
///
/// # Example
/// ```
/// use learnkit::calibration::CalibrationMethod;
/// assert_eq!(CalibrationMethod::default(), CalibrationMethod::Sigmoid);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum CalibrationMethod {
    /// Platt's sigmoid `1 / (1 + exp(a s + b))` (`"sigmoid"`).
    #[default]
    Sigmoid,
    /// An increasing [`IsotonicRegression`] of the score, clipped at the
    /// ends (`"isotonic"`; needs more data than the sigmoid).
    Isotonic,
}

/// Which scores of the wrapped classifier are calibrated: implemented by
/// [`UseDecisionFunction`] and [`UsePredictProba`].
///
/// For two classes the scores have one column (the decision function, or
/// the probability of the second class); for more, one per class.
pub trait ResponseMethod<F: Float, M>: Send + Sync {
    /// scikit-learn's name of the method.
    const NAME: &'static str;

    /// The scores of `model` on `x`.
    ///
    /// # Errors
    /// The model's prediction errors.
    fn scores(model: &M, x: ArrayView2<'_, F>) -> Result<Array2<F>>;
}

/// Calibrate the [`DecisionFunction`] (what scikit-learn uses whenever the
/// classifier has one: linear models, SVMs).
///
/// # Example
/// ```
/// use learnkit::calibration::{CalibratedClassifierCV, UseDecisionFunction};
/// use learnkit::prelude::*;
/// let _: CalibratedClassifierCV<LinearSVC, UseDecisionFunction> =
///     CalibratedClassifierCV::with_decision_function(LinearSVC::default());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UseDecisionFunction;

/// Calibrate the [`PredictProba`] output (for classifiers without a
/// decision function: trees, forests, naive Bayes, neighbours); for two
/// classes the probability of the second class.
///
/// # Example
/// ```
/// use learnkit::calibration::{CalibratedClassifierCV, UsePredictProba};
/// use learnkit::prelude::*;
/// let _: CalibratedClassifierCV<GaussianNB, UsePredictProba> =
///     CalibratedClassifierCV::with_predict_proba(GaussianNB::default());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UsePredictProba;

impl<F: Float, M: DecisionFunction<F>> ResponseMethod<F, M> for UseDecisionFunction {
    const NAME: &'static str = "decision_function";

    fn scores(model: &M, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        model.decision_function(x)
    }
}

impl<F: Float, M: PredictProba<F>> ResponseMethod<F, M> for UsePredictProba {
    const NAME: &'static str = "predict_proba";

    fn scores(model: &M, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        // scikit-learn's `_get_response_values`: for two classes the
        // positive class's column.
        crate::classify::ranking_from_proba(model, x)
    }
}

/// Probability calibration with cross-validation, as scikit-learn's
/// `CalibratedClassifierCV`.
///
/// The data are split by `cv` (default [`StratifiedKFold`] with 5 folds, as
/// scikit-learn's `cv=None`). With `ensemble` (the default, scikit-learn's
/// `ensemble="auto"` for an unfrozen estimator), each fold fits a clone of
/// `estimator` on its training rows and a calibrator on its scores of the
/// test rows; predictions average the folds' calibrated probabilities.
/// Without it, the out-of-fold scores of every row fit one calibrator, and
/// `estimator` is refitted on all the rows. Folds are fitted in parallel and
/// gathered in fold order, so the model does not depend on the number of
/// threads.
///
/// The scores are chosen by the type parameter `R`:
/// [`CalibratedClassifierCV::with_decision_function`] or
/// [`CalibratedClassifierCV::with_predict_proba`] (scikit-learn takes the
/// decision function whenever the classifier has one). Each class gets a
/// one-vs-rest calibrator of its score column (two classes: one calibrator,
/// of the second class); with more than two classes the calibrated
/// probabilities are divided by their sum (uniform when it is 0).
///
/// Sample weights are not supported (scikit-learn passes them to both the
/// estimator and the calibrators).
///
/// # Errors
/// [`Error::SingleClass`] when `y` has one class; [`Error::InvalidInput`]
/// when a class has fewer samples than folds (scikit-learn's check) or a
/// fold's training rows miss a class; the splitter's and the estimator's
/// errors.
///
/// # Example
/// ```
/// use learnkit::calibration::{CalibratedClassifierCV, CalibrationMethod};
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_breast_cancer;
///
/// let data = load_breast_cancer();
/// let x = StandardScaler::default().fit_unsupervised(data.data.view())?.transform(data.data.view())?;
/// let model = CalibratedClassifierCV::with_decision_function(LinearSVC::default())
///     .method(CalibrationMethod::Sigmoid)
///     .fit(x.view(), data.target.view())?;
/// let proba = model.predict_proba(x.view())?;
/// assert!(proba.rows().into_iter().all(|p| (p.sum() - 1.0).abs() < 1e-12));
/// assert!(model.score(x.view(), data.target.view())? > 0.95);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CalibratedClassifierCV<E, R, C = StratifiedKFold> {
    /// The classifier to calibrate (cloned for each fold).
    pub estimator: E,
    /// Sigmoid (default) or isotonic.
    pub method: CalibrationMethod,
    /// The splitter (scikit-learn's `cv`), default 5 stratified folds.
    pub cv: C,
    /// Average the per-fold calibrated classifiers (default true), or
    /// calibrate out-of-fold scores of one refitted classifier.
    pub ensemble: bool,
    response: PhantomData<fn() -> R>,
}

impl<E> CalibratedClassifierCV<E, UseDecisionFunction> {
    /// Calibrates `estimator`'s decision function.
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::CalibratedClassifierCV;
    /// use learnkit::prelude::*;
    /// let model = CalibratedClassifierCV::with_decision_function(LogisticRegression::default());
    /// assert!(model.ensemble);
    /// ```
    pub fn with_decision_function(estimator: E) -> Self {
        Self::from_parts(estimator)
    }
}

impl<E> CalibratedClassifierCV<E, UsePredictProba> {
    /// Calibrates `estimator`'s probabilities.
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::{CalibratedClassifierCV, CalibrationMethod};
    /// use learnkit::tree::DecisionTreeClassifier;
    /// let model = CalibratedClassifierCV::with_predict_proba(DecisionTreeClassifier::default())
    ///     .method(CalibrationMethod::Isotonic);
    /// assert_eq!(model.method, CalibrationMethod::Isotonic);
    /// ```
    pub fn with_predict_proba(estimator: E) -> Self {
        Self::from_parts(estimator)
    }
}

impl<E, R> CalibratedClassifierCV<E, R> {
    fn from_parts(estimator: E) -> Self {
        CalibratedClassifierCV {
            estimator,
            method: CalibrationMethod::Sigmoid,
            cv: StratifiedKFold::new(5),
            ensemble: true,
            response: PhantomData,
        }
    }
}

impl<E, R, C> CalibratedClassifierCV<E, R, C> {
    /// Sets `method`.
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::{CalibratedClassifierCV, CalibrationMethod};
    /// use learnkit::prelude::*;
    /// let model = CalibratedClassifierCV::with_predict_proba(GaussianNB::default()).method(CalibrationMethod::Isotonic);
    /// assert_eq!(model.method, CalibrationMethod::Isotonic);
    /// ```
    pub fn method(mut self, method: CalibrationMethod) -> Self {
        self.method = method;
        self
    }

    /// Sets `ensemble`.
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::CalibratedClassifierCV;
    /// use learnkit::prelude::*;
    /// let model = CalibratedClassifierCV::with_predict_proba(GaussianNB::default()).ensemble(false);
    /// assert!(!model.ensemble);
    /// ```
    pub fn ensemble(mut self, ensemble: bool) -> Self {
        self.ensemble = ensemble;
        self
    }

    /// Sets the splitter `cv`.
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::CalibratedClassifierCV;
    /// use learnkit::model_selection::KFold;
    /// use learnkit::prelude::*;
    /// let model = CalibratedClassifierCV::with_predict_proba(GaussianNB::default()).cv(KFold::new(3));
    /// assert_eq!(model.cv.n_splits, 3);
    /// ```
    pub fn cv<C2>(self, cv: C2) -> CalibratedClassifierCV<E, R, C2> {
        CalibratedClassifierCV {
            estimator: self.estimator,
            method: self.method,
            cv,
            ensemble: self.ensemble,
            response: PhantomData,
        }
    }
}

/// One class's score-to-probability map.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
enum Calibrator {
    /// `expit(-(a s + b))`.
    Sigmoid {
        #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
        a: f64,
        #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
        b: f64,
    },
    /// An isotonic regression with `out_of_bounds` clip.
    Isotonic(FittedIsotonicRegression<f64>),
}

impl Calibrator {
    fn fit(method: CalibrationMethod, scores: &[f64], positive: &[bool]) -> Result<Self> {
        Ok(match method {
            CalibrationMethod::Sigmoid => {
                let (a, b) = fit_sigmoid(scores, positive, None);
                Calibrator::Sigmoid { a, b }
            }
            CalibrationMethod::Isotonic => {
                let targets: Array1<f64> = positive.iter().map(|&p| f64::from(u8::from(p))).collect();
                let fitted = IsotonicRegression::default().out_of_bounds(OutOfBounds::Clip).fit_1d(
                    ArrayView1::from(scores),
                    targets.view(),
                    None,
                )?;
                Calibrator::Isotonic(fitted)
            }
        })
    }

    fn predict(&self, scores: ArrayView1<'_, f64>) -> Result<Array1<f64>> {
        match self {
            Calibrator::Sigmoid { a, b } => Ok(scores.mapv(|s| expit(-(a * s + b)))),
            Calibrator::Isotonic(fitted) => fitted.predict_1d(scores),
        }
    }

    fn check(&self) -> std::result::Result<(), String> {
        match self {
            Calibrator::Sigmoid { a, b } => crate::persistence::check::ensure(a.is_finite() && b.is_finite(), || {
                "a sigmoid calibrator's coefficients are not finite".into()
            }),
            Calibrator::Isotonic(_) => Ok(()),
        }
    }
}

/// A fitted [`CalibratedClassifierCV`]: one or more (classifier,
/// calibrators) pairs.
///
/// # Example
/// ```
/// use learnkit::calibration::{CalibratedClassifierCV, CalibrationMethod};
/// use learnkit::prelude::*;
/// let iris = learnkit::datasets::load_iris();
/// let model = CalibratedClassifierCV::with_predict_proba(GaussianNB::default())
///     .method(CalibrationMethod::Isotonic)
///     .fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(model.n_calibrated(), 5);
/// assert_eq!(model.classes(), &[0, 1, 2]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
pub struct FittedCalibratedClassifierCV<M, L, R> {
    classes: Vec<L>,
    method: CalibrationMethod,
    estimators: Vec<M>,
    calibrators: Vec<Vec<Calibrator>>,
    #[cfg_attr(feature = "serde", serde(skip))]
    response: PhantomData<fn() -> R>,
}

checked_serde!(impl[M, L: Label, R] FittedCalibratedClassifierCV<M, L, R>;
    ser[M: serde::Serialize, L: serde::Serialize]
    de[M: serde::de::DeserializeOwned, L: serde::de::DeserializeOwned]);

persist!(impl[M: crate::persistence::Persist, L: Label + serde::Serialize + serde::de::DeserializeOwned, R: ResponseName]
    FittedCalibratedClassifierCV<M, L, R>
    => format!("CalibratedClassifierCV<{}, {}>", R::RESPONSE, M::model_name()));

/// The response method's name, for the saved model's header.
pub trait ResponseName {
    /// `"decision_function"` or `"predict_proba"`.
    const RESPONSE: &'static str;
}

impl ResponseName for UseDecisionFunction {
    const RESPONSE: &'static str = "decision_function";
}

impl ResponseName for UsePredictProba {
    const RESPONSE: &'static str = "predict_proba";
}

impl<M, L: Label, R> Check for FittedCalibratedClassifierCV<M, L, R> {
    /// Sorted distinct classes (at least two); one calibrator set per
    /// classifier, each with one calibrator (two classes) or one per class.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::{ensure, same_len};
        crate::classify::check_classes(NAME, &self.classes)?;
        ensure(!self.estimators.is_empty(), || "no calibrated classifier".into())?;
        same_len("calibrator sets", self.estimators.len(), self.calibrators.len())?;
        let per_set = if self.classes.len() == 2 { 1 } else { self.classes.len() };
        for set in &self.calibrators {
            same_len("calibrators", per_set, set.len())?;
            set.iter().try_for_each(Calibrator::check)?;
        }
        Ok(())
    }
}

impl<M, L, R> FittedCalibratedClassifierCV<M, L, R> {
    /// How many (classifier, calibrators) pairs are averaged: the number of
    /// folds with `ensemble`, else 1.
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::CalibratedClassifierCV;
    /// use learnkit::prelude::*;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = CalibratedClassifierCV::with_predict_proba(GaussianNB::default())
    ///     .ensemble(false)
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.n_calibrated(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_calibrated(&self) -> usize {
        self.estimators.len()
    }

    /// The calibration method the model was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::{CalibratedClassifierCV, CalibrationMethod};
    /// use learnkit::prelude::*;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = CalibratedClassifierCV::with_predict_proba(GaussianNB::default())
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.method(), CalibrationMethod::Sigmoid);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn method(&self) -> CalibrationMethod {
        self.method
    }

    /// The fitted classifiers (one per fold with `ensemble`, else the one
    /// refitted on all rows).
    ///
    /// # Example
    /// ```
    /// use learnkit::calibration::CalibratedClassifierCV;
    /// use learnkit::prelude::*;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = CalibratedClassifierCV::with_predict_proba(GaussianNB::default())
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.estimators().len(), 5);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn estimators(&self) -> &[M] {
        &self.estimators
    }
}

/// One fold's fitted model, its scores of the test rows and (with
/// `ensemble`) the calibrators fitted on them.
type FoldFit<M, F> = (M, Array2<F>, Option<Vec<Calibrator>>);

/// The positives of each calibrator: the second class for two classes,
/// each class for more.
fn targets(codes: &[usize], n_classes: usize) -> Vec<Vec<bool>> {
    if n_classes == 2 {
        vec![codes.iter().map(|&c| c == 1).collect()]
    } else {
        (0..n_classes)
            .map(|k| codes.iter().map(|&c| c == k).collect())
            .collect()
    }
}

/// Fits one calibrator per score column.
fn fit_calibrators<F: Float>(
    method: CalibrationMethod,
    scores: ArrayView2<'_, F>,
    codes: &[usize],
    n_classes: usize,
) -> Result<Vec<Calibrator>> {
    let positives = targets(codes, n_classes);
    crate::validation::check_same_length(
        NAME,
        "score columns vs calibrated classes",
        positives.len(),
        scores.ncols(),
    )?;
    positives
        .iter()
        .zip(scores.columns())
        .map(|(positive, column)| {
            let column: Vec<f64> = column.iter().map(|v| v.as_f64()).collect();
            Calibrator::fit(method, &column, positive)
        })
        .collect()
}

impl<F, L, E, R, C> Estimator<F, L> for CalibratedClassifierCV<E, R, C>
where
    F: Float,
    L: Label,
    E: Estimator<F, L> + Sync,
    E::Fitted: Classifier<F, Output = L> + Send,
    R: ResponseMethod<F, E::Fitted>,
    C: Splitter<L>,
{
    type Fitted = FittedCalibratedClassifierCV<E::Fitted, L, R>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        // One class is reported before the splitter sees the data.
        crate::validation::check_same_length(NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
        let (classes, codes) = encode_labels(y.iter());
        check_two_classes(NAME, &classes)?;
        let folds = checked_folds(NAME, x, y, None, &self.cv)?;
        let n_classes = classes.len();
        let mut counts = vec![0usize; n_classes];
        codes.iter().for_each(|&c| counts[c] += 1);
        if let Some(k) = counts.iter().position(|&c| c < folds.len()) {
            return Err(Error::invalid_input(
                NAME,
                format!(
                    "requesting {}-fold cross-validation but class {:?} has only {} samples",
                    folds.len(),
                    classes[k],
                    counts[k]
                ),
            ));
        }
        if !self.ensemble {
            check_test_partition(NAME, &folds, x.nrows())?;
        }
        // Every fold in parallel, gathered in fold order: the fitted model,
        // its scores of the fold's test rows and, with `ensemble`, the
        // calibrators fitted on them.
        let method = self.method;
        let fitted_folds: Vec<FoldFit<E::Fitted, F>> = folds
            .par_iter()
            .map(|fold| {
                let model = self
                    .estimator
                    .fit(
                        x.select(Axis(0), &fold.train).view(),
                        y.select(Axis(0), &fold.train).view(),
                    )
                    .map_err(|e| to_caller_rows(e, &fold.train))?;
                // Each fold's model must know every class: its score columns
                // are the calibrators' inputs.
                if model.classes() != classes.as_slice() {
                    return Err(Error::invalid_input(
                        NAME,
                        format!(
                            "a fold's training rows hold the classes {:?}, not all of {classes:?}; \
                             use a stratified splitter or fewer folds",
                            model.classes()
                        ),
                    ));
                }
                let scores = R::scores(&model, x.select(Axis(0), &fold.test).view())
                    .map_err(|e| to_caller_rows(e, &fold.test))?;
                let calibrators = if self.ensemble {
                    let test_codes: Vec<usize> = fold.test.iter().map(|&i| codes[i]).collect();
                    Some(fit_calibrators(method, scores.view(), &test_codes, n_classes)?)
                } else {
                    None
                };
                Ok((model, scores, calibrators))
            })
            .collect::<Result<_>>()?;
        let (estimators, calibrators) = if self.ensemble {
            fitted_folds
                .into_iter()
                .map(|(model, _, calibrators)| (model, calibrators.unwrap_or_default()))
                .unzip()
        } else {
            // Out-of-fold scores of every row (the folds partition the rows).
            let n_columns = fitted_folds[0].1.ncols();
            let mut out_of_fold = Array2::<F>::zeros((x.nrows(), n_columns));
            for (fold, (_, scores, _)) in folds.iter().zip(&fitted_folds) {
                crate::validation::check_same_length(NAME, "score columns of the folds", n_columns, scores.ncols())?;
                for (&row, values) in fold.test.iter().zip(scores.rows()) {
                    out_of_fold.row_mut(row).assign(&values);
                }
            }
            let calibrators = fit_calibrators(method, out_of_fold.view(), &codes, n_classes)?;
            (vec![self.estimator.fit(x, y)?], vec![calibrators])
        };
        Ok(FittedCalibratedClassifierCV {
            classes,
            method,
            estimators,
            calibrators,
            response: PhantomData,
        })
    }
}

/// One calibrated classifier's probabilities over `n_classes` classes, as
/// scikit-learn's `_CalibratedClassifier.predict_proba`.
fn proba_of<F: Float, M, R: ResponseMethod<F, M>>(
    n_classes: usize,
    model: &M,
    calibrators: &[Calibrator],
    x: ArrayView2<'_, F>,
) -> Result<Array2<f64>> {
    let scores = R::scores(model, x)?;
    crate::validation::check_same_length(NAME, "score columns vs calibrators", calibrators.len(), scores.ncols())?;
    let mut proba = Array2::<f64>::zeros((x.nrows(), n_classes));
    for (k, (calibrator, column)) in calibrators.iter().zip(scores.columns()).enumerate() {
        let column = column.mapv(|v| v.as_f64());
        let class = if n_classes == 2 { 1 } else { k };
        proba.column_mut(class).assign(&calibrator.predict(column.view())?);
    }
    if n_classes == 2 {
        let p1 = proba.column(1).to_owned();
        proba.column_mut(0).assign(&p1.mapv(|p| 1.0 - p));
    } else {
        for mut row in proba.rows_mut() {
            let sum = row.sum();
            if sum != 0.0 {
                row.mapv_inplace(|p| p / sum);
            } else {
                row.fill(1.0 / n_classes as f64);
            }
        }
    }
    // Rounding can exceed 1 slightly.
    proba.mapv_inplace(|p| if p > 1.0 && p <= 1.0 + 1e-5 { 1.0 } else { p });
    Ok(proba)
}

impl<F, M, L, R> Predictor<F> for FittedCalibratedClassifierCV<M, L, R>
where
    F: Float,
    L: Label,
    M: Classifier<F, Output = L> + Sync,
    R: ResponseMethod<F, M>,
{
    type Output = L;

    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        let proba = self.predict_proba(x)?;
        Ok(crate::classify::classes_from_scores(proba.view(), &self.classes))
    }

    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        crate::classify::accuracy(NAME, x, y, |x| self.predict(x))
    }
}

impl<F, M, L, R> Classifier<F> for FittedCalibratedClassifierCV<M, L, R>
where
    F: Float,
    L: Label,
    M: Classifier<F, Output = L> + Sync,
    R: ResponseMethod<F, M>,
{
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F, M, L, R> PredictProba<F> for FittedCalibratedClassifierCV<M, L, R>
where
    F: Float,
    L: Label,
    M: Classifier<F, Output = L> + Sync,
    R: ResponseMethod<F, M>,
{
    /// The mean of the calibrated classifiers' probabilities.
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        let probas: Vec<Array2<f64>> = self
            .estimators
            .par_iter()
            .zip(&self.calibrators)
            .map(|(model, calibrators)| proba_of::<F, M, R>(self.classes.len(), model, calibrators, x))
            .collect::<Result<_>>()?;
        let mut mean = Array2::<f64>::zeros((x.nrows(), self.classes.len()));
        for proba in &probas {
            mean += proba;
        }
        mean /= probas.len() as f64;
        Ok(mean.mapv(F::cast))
    }
}
