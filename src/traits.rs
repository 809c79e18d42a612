//! The estimator trait family: [`Estimator`] (hyperparameters that fit),
//! [`SampleWeighted`] and [`UnsupervisedEstimator`] (other ways to fit),
//! [`Predictor`], [`Classifier`], [`PredictProba`], [`DecisionFunction`],
//! [`RankingScores`],
//! [`Transformer`] and [`InverseTransformer`] (what fitted models can do),
//! [`Clusterer`] and [`FitPredict`] (clusterings).
//!
//! Every method that takes a dense `ArrayView2` has a `_matrix` twin taking a
//! [`MatrixView`]: dense or [sparse](crate::sparse). Estimators with a sparse
//! algorithm override the twins; the others inherit defaults that densify a
//! sparse input (fallibly, [`Error::TooLarge`](crate::Error::TooLarge) when it
//! does not fit) and call the dense method.
//!
//! Unfitted and fitted models are different types: `fit` borrows the
//! hyperparameters and returns a new fitted value, so a model that has not been
//! fitted cannot be asked to predict.
//!
//! # Example
//! Functions generic over the traits accept any model:
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::tree::DecisionTreeClassifier;
//! use ndarray::ArrayView2;
//!
//! /// The predicted class and its probability, for each row.
//! fn confident<M>(model: &M, x: ArrayView2<'_, f64>) -> learnkit::Result<Vec<(M::Output, f64)>>
//! where
//!     M: PredictProba<f64>,
//!     M::Output: Clone,
//! {
//!     let proba = model.predict_proba(x)?;
//!     Ok(proba.rows().into_iter().map(|p| {
//!         let best = (0..p.len()).fold(0, |b, k| if p[k] > p[b] { k } else { b });
//!         (model.classes()[best].clone(), p[best])
//!     }).collect())
//! }
//! let iris = load_iris();
//! let tree = DecisionTreeClassifier::default().fit(iris.data.view(), iris.target.view())?;
//! let logistic = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
//! assert_eq!(confident(&tree, iris.data.view())?[0], (0, 1.0));
//! assert_eq!(confident(&logistic, iris.data.view())?[0].0, 0);
//! # Ok::<(), learnkit::Error>(())
//! ```

use crate::error::Result;
use crate::float::Float;
use crate::sparse::{Matrix, MatrixView};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

/// Hyperparameters that can be fitted to data.
///
/// `T` is the target element type: a [`Label`](crate::Label) for
/// classifiers, `F` for regressors. Unsupervised estimators (scalers, PCA)
/// implement `Estimator<F, T>` for every `T` and ignore the targets, so they
/// can sit in a supervised [`Pipeline`](crate::compose::Pipeline); on their own,
/// fit them with [`UnsupervisedEstimator::fit_unsupervised`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
///
/// let iris = load_iris();
/// let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.95);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait Estimator<F: Float, T> {
    /// The fitted model.
    type Fitted;

    /// Fits to `x` (one row per sample) and targets `y` (one per row).
    ///
    /// Never modifies `self`, `x` or `y`.
    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted>;

    /// Fits, then transforms the training data: returns the fitted model and
    /// the transformed `x`.
    fn fit_transform(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<(Self::Fitted, Array2<F>)>
    where
        Self::Fitted: Transformer<F>,
    {
        let fitted = self.fit(x, y)?;
        let transformed = fitted.transform(x)?;
        Ok((fitted, transformed))
    }

    /// [`Estimator::fit`] on a dense or sparse matrix. The default densifies
    /// a sparse `x` (`rows × columns` values, allocated fallibly) and calls
    /// `fit`; estimators with a sparse algorithm override it.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[0.0, 1.0], [2.0, 0.0]].view());
    /// let scaler = MinMaxScaler::default().fit_matrix((&x).into(), ndarray::ArrayView1::<()>::from(&[]))?;
    /// assert_eq!(scaler.transform(array![[1.0, 0.5]].view())?, array![[0.5, 0.5]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        x.with_dense(|x| self.fit(x, y))
    }

    /// [`Estimator::fit_transform`] from and to a dense or sparse matrix:
    /// [`Estimator::fit_matrix`], then
    /// [`Transformer::transform_matrix`] of the fitted model.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::sparse::Matrix;
    /// use ndarray::array;
    /// let x = array![[0.0], [2.0]];
    /// let (_, scaled) = MinMaxScaler::default().fit_transform_matrix(x.view().into(), ndarray::ArrayView1::<()>::from(&[]))?;
    /// assert_eq!(scaled, Matrix::Dense(array![[0.0], [1.0]]));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn fit_transform_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, T>) -> Result<(Self::Fitted, Matrix<F>)>
    where
        Self::Fitted: Transformer<F>,
    {
        let fitted = self.fit_matrix(x, y)?;
        let transformed = fitted.transform_matrix(x)?;
        Ok((fitted, transformed))
    }
}

/// Estimators that can weigh samples while fitting (scikit-learn's
/// `sample_weight`).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
///
/// let x = array![[0.0], [10.0]];
/// let weighted = StandardScaler::default()
///     .fit_weighted(x.view(), ndarray::ArrayView1::<()>::from(&[(), ()]), array![3.0, 1.0].view())?;
/// assert_eq!(weighted.mean().unwrap()[0], 2.5);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait SampleWeighted<F: Float, T>: Estimator<F, T> {
    /// Fits with one non-negative weight per sample.
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, T>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted>;

    /// [`SampleWeighted::fit_weighted`] on a dense or sparse matrix; the
    /// default densifies a sparse `x` (see [`Estimator::fit_matrix`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[0.0], [10.0]].view());
    /// let no_targets = ndarray::ArrayView1::<()>::from(&[(), ()]);
    /// // A sparse matrix cannot be centred: with_mean(false), as scikit-learn.
    /// let scaler = StandardScaler::default()
    ///     .with_mean(false)
    ///     .fit_weighted_matrix((&x).into(), no_targets, array![3.0, 1.0].view())?;
    /// assert_eq!(scaler.var().unwrap()[0], 18.75); // (3 × 2.5² + 7.5²) / 4
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn fit_weighted_matrix(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, T>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        x.with_dense(|x| self.fit_weighted(x, y, sample_weight))
    }
}

/// Fitting without targets, for estimators that ignore them.
///
/// Blanket-implemented for every `Estimator<F, ()>`; unsupervised estimators
/// implement `Estimator` for every target type, so they get it.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
/// assert_eq!(scaler.transform(array![[3.0]].view())?, array![[1.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait UnsupervisedEstimator<F: Float>: Estimator<F, ()> {
    /// Fits to `x` alone.
    fn fit_unsupervised(&self, x: ArrayView2<'_, F>) -> Result<Self::Fitted> {
        self.fit(x, ArrayView1::from(&[]))
    }
}

impl<F: Float, E: Estimator<F, ()>> UnsupervisedEstimator<F> for E {}

/// A fitted model that predicts one value per row.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// let iris = load_iris();
/// let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
/// let predicted = model.predict(iris.data.view())?;
/// assert_eq!(predicted.len(), 150);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait Predictor<F: Float> {
    /// What is predicted: the label type for classifiers, `F` for regressors.
    type Output;

    /// Predicts one output per row of `x`.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<Self::Output>>;

    /// Accuracy for classifiers, R² for regressors, as in scikit-learn.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, Self::Output>) -> Result<f64>;

    /// [`Predictor::predict`] on a dense or sparse matrix; the default
    /// densifies a sparse `x` (see [`Estimator::fit_matrix`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::sparse::CsrMatrix;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0]];
    /// let tree = DecisionTreeClassifier::default().fit(x.view(), array![0, 1].view())?;
    /// let sparse = CsrMatrix::from_dense(x.view());
    /// assert_eq!(tree.predict_matrix((&sparse).into())?, array![0, 1]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn predict_matrix(&self, x: MatrixView<'_, F>) -> Result<Array1<Self::Output>> {
        x.with_dense(|x| self.predict(x))
    }

    /// [`Predictor::score`] on a dense or sparse matrix; the default
    /// densifies a sparse `x` (see [`Estimator::fit_matrix`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::sparse::CsrMatrix;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0]];
    /// let y = array![0, 1];
    /// let tree = DecisionTreeClassifier::default().fit(x.view(), y.view())?;
    /// let sparse = CsrMatrix::from_dense(x.view());
    /// assert_eq!(tree.score_matrix((&sparse).into(), y.view())?, 1.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn score_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, Self::Output>) -> Result<f64> {
        x.with_dense(|x| self.score(x, y))
    }
}

/// A fitted classifier: knows its classes.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// let iris = load_iris();
/// let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(model.classes(), &[0, 1, 2]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait Classifier<F: Float>: Predictor<F> {
    /// The sorted distinct labels seen in `fit`; columns of
    /// [`PredictProba::predict_proba`] follow this order.
    fn classes(&self) -> &[Self::Output];
}

/// A fitted classifier that estimates class probabilities.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// let iris = load_iris();
/// let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
/// let proba = model.predict_proba(iris.data.view())?;
/// assert_eq!(proba.dim(), (150, 3));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait PredictProba<F: Float>: Classifier<F> {
    /// One row per sample, one column per class (in [`Classifier::classes`]
    /// order); each row sums to one.
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>>;

    /// [`PredictProba::predict_proba`] on a dense or sparse matrix; the
    /// default densifies a sparse `x` (see [`Estimator::fit_matrix`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::sparse::CsrMatrix;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0]];
    /// let tree = DecisionTreeClassifier::default().fit(x.view(), array![0, 1].view())?;
    /// let sparse = CsrMatrix::from_dense(x.view());
    /// assert_eq!(tree.predict_proba_matrix((&sparse).into())?, array![[1.0, 0.0], [0.0, 1.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn predict_proba_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        x.with_dense(|x| self.predict_proba(x))
    }
}

/// A fitted classifier with a real-valued decision score.
///
/// For two classes the result has one column: the score of the second class
/// (positive means `classes()[1]`), as scikit-learn's 1-D output. For more
/// classes it has one column per class.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// let iris = load_iris();
/// let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(model.decision_function(iris.data.view())?.ncols(), 3);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait DecisionFunction<F: Float>: Classifier<F> {
    /// The decision scores, one row per sample.
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>>;

    /// [`DecisionFunction::decision_function`] on a dense or sparse matrix;
    /// the default densifies a sparse `x` (see [`Estimator::fit_matrix`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let model = SVC::default().fit(x.view(), array![0, 0, 1, 1].view())?;
    /// let sparse = CsrMatrix::from_dense(x.view());
    /// assert_eq!(model.decision_function_matrix((&sparse).into())?, model.decision_function(x.view())?);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn decision_function_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        x.with_dense(|x| self.decision_function(x))
    }
}

/// A fitted classifier whose scores rank the rows by class, as ROC-AUC needs.
/// The scores are chosen as scikit-learn's scorers choose them: for two
/// classes the decision function when the model has one, otherwise the
/// probabilities (`"roc_auc"`'s `response_method=("decision_function",
/// "predict_proba")`); for more classes the probabilities (`"roc_auc_ovr"`
/// needs `predict_proba`). So [`RocAuc`](crate::model_selection::RocAuc)
/// scores a binary [`SVC`](crate::svm::SVC) without `probability = true`
/// and a binary [`LinearSVC`](crate::svm::LinearSVC).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let y = array![0, 0, 1, 1];
/// let model = SVC::default().fit(x.view(), y.view())?; // no probabilities
/// let scores = model.scores_for_ranking(x.view())?;
/// assert_eq!(scores, model.decision_function(x.view())?);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait RankingScores<F: Float>: Classifier<F> {
    /// Two classes: one column, greater meaning more likely `classes()[1]`
    /// (the decision function, or the probability of `classes()[1]` for a
    /// model without one). More classes: the probabilities, one column per
    /// class in [`Classifier::classes`] order.
    ///
    /// # Errors
    /// Prediction errors; with more than two classes, the error of a model
    /// that gives no probabilities ([`SVC`](crate::svm::SVC) without
    /// `probability = true`: [`Error::InvalidParameter`](crate::Error::InvalidParameter)
    /// naming `probability`; [`LinearSVC`](crate::svm::LinearSVC):
    /// [`Error::InvalidInput`](crate::Error::InvalidInput)), as scikit-learn's
    /// `"roc_auc_ovr"` fails without `predict_proba`.
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>>;
}

/// A fitted model that maps a feature matrix to another.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let scaler = StandardScaler::default().fit_unsupervised(array![[0.0], [2.0]].view())?;
/// assert_eq!(scaler.transform(array![[2.0]].view())?, array![[1.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait Transformer<F: Float> {
    /// Transforms `x` into a new matrix with one row per row of `x`.
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>>;

    /// [`Transformer::transform`] from and to a dense or sparse matrix. The
    /// default densifies a sparse `x` (see [`Estimator::fit_matrix`]) and
    /// returns the dense result; transformers with sparse output (a one-hot
    /// encoder with `sparse_output`) or a sparse algorithm override it.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::sparse::{CsrMatrix, Matrix};
    /// use ndarray::array;
    /// let scaler = MinMaxScaler::default().fit_unsupervised(array![[0.0], [2.0]].view())?;
    /// let x = CsrMatrix::from_dense(array![[1.0], [0.0]].view());
    /// assert_eq!(scaler.transform_matrix((&x).into())?, Matrix::Dense(array![[0.5], [0.0]]));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn transform_matrix(&self, x: MatrixView<'_, F>) -> Result<Matrix<F>> {
        x.with_dense(|x| self.transform(x)).map(Matrix::Dense)
    }
}

/// A transformer that can map its output back.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let x = array![[1.0, 5.0], [3.0, 9.0]];
/// let scaler = StandardScaler::default().fit_unsupervised(x.view())?;
/// let back = scaler.inverse_transform(scaler.transform(x.view())?.view())?;
/// assert_eq!(back, x);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait InverseTransformer<F: Float>: Transformer<F> {
    /// Undoes [`Transformer::transform`].
    fn inverse_transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>>;
}

/// A fitted transformer that names its output columns (scikit-learn's
/// `get_feature_names_out`), so that a model's coefficients or importances can
/// be read against names after scaling, encoding and column selection.
///
/// `input_features` names the input columns; `None` uses the names the model
/// was fitted with (a [`ColumnTransformer`](crate::compose::ColumnTransformer)'s
/// `feature_names`) or `x0`, `x1`, …. scikit-learn's rules: scalers, the
/// ordinal encoder and the imputer pass names through (the imputer drops the
/// columns it drops and adds `missingindicator_<name>` for its indicator
/// columns); the one-hot encoder gives `<name>_<category>`; PCA and
/// TruncatedSVD give `pca0`, `pca1`, … / `truncatedsvd0`, …; a pipeline
/// chains its steps' names; a column transformer prefixes each step's names
/// with `<step name>__` and the passed-through columns with `remainder__`.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when
/// `input_features` does not have one name per input column.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::compose::ColumnTransformer;
/// use ndarray::array;
/// let x = array![[30.0, 0.0, 7.5], [40.0, 1.0, 9.0], [50.0, 1.0, 8.0]];
/// let columns = ColumnTransformer::new()
///     .feature_names(["age", "sex", "fare"])
///     .add("num", StandardScaler::default(), ["age", "fare"])
///     .add("cat", OneHotEncoder::default(), ["sex"]);
/// let fitted = columns.fit_unsupervised(x.view())?;
/// assert_eq!(fitted.get_feature_names_out(None)?, ["num__age", "num__fare", "cat__sex_0.0", "cat__sex_1.0"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait FeatureNames {
    /// The names of the output columns, in order.
    fn get_feature_names_out(&self, input_features: Option<&[String]>) -> Result<Vec<String>>;
}

/// A fitted clustering that knows the cluster of each training row
/// (scikit-learn's `labels_`).
///
/// Labels are `0, 1, …` for clusters and `-1` for rows that belong to no
/// cluster (the noise of density-based methods), as in scikit-learn.
///
/// # Example
/// ```
/// use learnkit::traits::Clusterer;
/// use ndarray::{array, Array1, ArrayView1};
///
/// /// A toy clustering: rows below zero form cluster 0, the others cluster 1.
/// struct Sign(Array1<i64>);
/// impl Clusterer for Sign {
///     fn labels(&self) -> ArrayView1<'_, i64> {
///         self.0.view()
///     }
/// }
/// let fitted = Sign(array![-1.0, 2.0, -3.0].mapv(|v: f64| i64::from(v >= 0.0)));
/// assert_eq!(fitted.labels(), array![0, 1, 0]);
/// ```
pub trait Clusterer {
    /// One label per training row: `0, 1, …`, or `-1` for noise.
    fn labels(&self) -> ArrayView1<'_, i64>;
}

/// Fits a clustering and returns its labels (scikit-learn's `fit_predict`),
/// for every unsupervised estimator whose fitted model is a [`Clusterer`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::traits::{Clusterer, FitPredict};
/// use ndarray::{array, Array1, ArrayView1, ArrayView2};
///
/// /// A toy clustering: rows whose first value is negative form cluster 0.
/// struct SignClustering;
/// struct FittedSign(Array1<i64>);
/// impl Clusterer for FittedSign {
///     fn labels(&self) -> ArrayView1<'_, i64> { self.0.view() }
/// }
/// impl Estimator<f64, ()> for SignClustering {
///     type Fitted = FittedSign;
///     fn fit(&self, x: ArrayView2<'_, f64>, _y: ArrayView1<'_, ()>) -> learnkit::Result<FittedSign> {
///         Ok(FittedSign(x.column(0).mapv(|v| i64::from(v >= 0.0))))
///     }
/// }
/// assert_eq!(SignClustering.fit_predict(array![[-1.0], [2.0]].view())?, array![0, 1]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait FitPredict<F: Float>: UnsupervisedEstimator<F>
where
    Self::Fitted: Clusterer,
{
    /// Fits to `x` and returns the label of each row.
    fn fit_predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<i64>> {
        Ok(self.fit_unsupervised(x)?.labels().to_owned())
    }
}

impl<F: Float, E> FitPredict<F> for E
where
    E: UnsupervisedEstimator<F>,
    E::Fitted: Clusterer,
{
}
