//! [`partial_dependence`]: the average response of a fitted model as one
//! or two features sweep a grid, as scikit-learn's
//! `sklearn.inspection.partial_dependence`.

mod brute;
mod grid;
mod models;

use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::with_n_jobs;
use crate::validation::{check_not_empty, check_param, check_sample_weight};
use ndarray::{Array2, ArrayD, ArrayView1, ArrayView2, IxDyn};

pub use models::{decision_function_response, predict_proba_response};
// The displays draw deciles and grids with the same arithmetic.
#[cfg(feature = "plot")]
pub(crate) use grid::{linspace, mquantile};

const NAME: &str = "partial_dependence";

/// What a classifier's partial dependence averages (scikit-learn's
/// `response_method`). Regressors always average `predict` and take only
/// `Auto`.
///
/// # Example
/// ```
/// use learnkit::inspection::ResponseMethod;
/// assert_eq!(ResponseMethod::default(), ResponseMethod::Auto);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ResponseMethod {
    /// `predict` for a regressor; for a classifier `predict_proba` when it
    /// has probabilities, else `decision_function` (the `recursion` method:
    /// always `decision_function`).
    #[default]
    Auto,
    /// The class probabilities.
    PredictProba,
    /// The decision function (raw scores).
    DecisionFunction,
}

/// How the partial dependence is computed (scikit-learn's `method`).
///
/// # Example
/// ```
/// use learnkit::inspection::PdMethod;
/// assert_eq!(PdMethod::default(), PdMethod::Auto);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum PdMethod {
    /// `Recursion` where scikit-learn picks it (a decision tree regressor,
    /// a random forest regressor, a histogram gradient boosting model) when
    /// `kind` is `Average` and no sample weight is given; `Brute` otherwise.
    #[default]
    Auto,
    /// Predict on copies of `x` with the target features set to each grid
    /// point and average: any model, averaged over the given `x`.
    Brute,
    /// Walk the fitted trees, weighting the branches of the other features
    /// by their training samples (fast, averaged over the training data):
    /// decision tree, random forest and extra trees regressors and
    /// histogram gradient boosting models only; `kind` `Average` only.
    Recursion,
}

/// What the result holds (scikit-learn's `kind`).
///
/// # Example
/// ```
/// use learnkit::inspection::PdKind;
/// assert_eq!(PdKind::default(), PdKind::Average);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum PdKind {
    /// The partial dependence: the response averaged over the rows.
    #[default]
    Average,
    /// One curve per row (individual conditional expectation, ICE).
    Individual,
    /// Both.
    Both,
}

/// A fitted model whose partial dependence can be computed: what
/// [`partial_dependence`] asks of it. Implemented for the crate's
/// regressors and classifiers, [`FittedPipeline`](crate::compose::FittedPipeline)
/// and [`FittedSearchCV`](crate::model_selection::FittedSearchCV); implement
/// it for a model of your own with [`predict_proba_response`] /
/// [`decision_function_response`] for a classifier.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::inspection::{PartialDependenceModel, ResponseMethod, partial_dependence};
/// use ndarray::{Array2, ArrayView2, array};
///
/// /// Predicts twice the first feature.
/// struct Double;
/// impl PartialDependenceModel<f64> for Double {
///     fn pd_is_classifier(&self) -> bool { false }
///     fn pd_response(&self, x: ArrayView2<'_, f64>, _: ResponseMethod) -> learnkit::Result<Array2<f64>> {
///         Ok(x.column(0).mapv(|v| 2.0 * v).insert_axis(ndarray::Axis(1)))
///     }
/// }
/// let x = array![[0.0, 5.0], [1.0, 6.0], [2.0, 7.0]];
/// let pd = partial_dependence(&Double, x.view(), &[0]).compute()?;
/// assert_eq!(pd.average.unwrap().into_raw_vec_and_offset().0, vec![0.0, 2.0, 4.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait PartialDependenceModel<F: Float>: Sync {
    /// Whether the model is a classifier (`response_method` applies) rather
    /// than a regressor.
    fn pd_is_classifier(&self) -> bool;

    /// The response averaged by the `brute` method, one row per row of `x`
    /// and one column per output: a regressor's prediction; a binary
    /// classifier's score of the positive class (`classes()[1]`) alone; a
    /// multiclass classifier's one column per class.
    ///
    /// # Errors
    /// The model's prediction errors; [`Error::Unsupported`] for a response
    /// method the model does not have.
    fn pd_response(&self, x: ArrayView2<'_, F>, response_method: ResponseMethod) -> Result<Array2<F>>;

    /// The `recursion` method's values at every row of `grid` (one column
    /// per feature of `features`), `n_outputs × n_points`; `None` (the
    /// default) when the model does not support it.
    fn pd_recursion(&self, grid: ArrayView2<'_, f64>, features: &[usize]) -> Option<Result<Array2<f64>>> {
        let _ = (grid, features);
        None
    }

    /// Whether `PdMethod::Auto` picks recursion (default `false`).
    fn pd_recursion_by_default(&self) -> bool {
        false
    }
}

/// The partial dependence of a fitted model on one feature or a pair (or
/// more) of features, as scikit-learn's
/// `sklearn.inspection.partial_dependence`: for each point of a grid over
/// the `features`, the model's response with those features set to the
/// point, averaged over the rows of `x` (`brute`) or over the training
/// data (`recursion`, for trees).
///
/// Returns a [`PartialDependenceBuilder`]: set the options, then call
/// [`compute`](PartialDependenceBuilder::compute), which gives a
/// [`PartialDependence`].
///
/// # Options (defaults as scikit-learn)
/// - `grid_resolution` (100, ≥ 2): points per feature. A feature with
///   fewer distinct values in `x` takes them all instead.
/// - `percentiles` ((0.05, 0.95)): the grid spans these percentiles of
///   the feature's values (scipy's `mquantiles`), evenly (`np.linspace`).
/// - `categorical_features` (none): their grid is their distinct values.
/// - `custom_values`: the grid of one feature, given.
/// - `kind` ([`PdKind::Average`]), `method` ([`PdMethod::Auto`]),
///   `response_method` ([`ResponseMethod::Auto`]).
/// - `sample_weight` (none): weighs the rows in the `brute` average.
/// - `n_jobs` (`None`: every core): the grid points are computed in
///   parallel, each independently (the same result on any number of threads).
///
/// # Errors
/// [`Error::EmptyInput`] for an `x` with no rows or columns;
/// [`Error::InvalidParameter`] for no features, a feature index out of
/// range (`features`), a feature repeated, `grid_resolution < 2`, bad
/// `percentiles`, `response_method` other than `Auto` for a regressor,
/// `Recursion` with `kind` other than `Average`, with sample weights, with a
/// model that does not support it, or with a response method other than
/// the decision function; [`Error::InvalidInput`] for percentiles of a
/// feature too close to build a grid; the model's own errors (a wrong
/// number of columns, a missing response method).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::MakeRegression;
/// use learnkit::inspection::partial_dependence;
/// use learnkit::tree::DecisionTreeRegressor;
///
/// let (x, y) = MakeRegression::default().n_samples(200).n_features(3).random_state(0).generate()?;
/// let tree = DecisionTreeRegressor::default().max_depth(Some(4)).fit(x.view(), y.view())?;
/// let one = partial_dependence(&tree, x.view(), &[0]).grid_resolution(20).compute()?;
/// assert_eq!(one.average.as_ref().unwrap().shape(), &[1, 20]);
/// let pair = partial_dependence(&tree, x.view(), &[0, 2]).grid_resolution(10).compute()?;
/// assert_eq!(pair.average.as_ref().unwrap().shape(), &[1, 10, 10]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn partial_dependence<'a, F, M>(
    model: &'a M,
    x: ArrayView2<'a, F>,
    features: &[usize],
) -> PartialDependenceBuilder<'a, F, M>
where
    F: Float,
    M: PartialDependenceModel<F> + ?Sized,
{
    PartialDependenceBuilder {
        model,
        x,
        features: features.to_vec(),
        grid_resolution: 100,
        percentiles: (0.05, 0.95),
        categorical_features: Vec::new(),
        custom_values: Vec::new(),
        kind: PdKind::Average,
        method: PdMethod::Auto,
        response_method: ResponseMethod::Auto,
        sample_weight: None,
        n_jobs: None,
    }
}

/// The options of one [`partial_dependence`]; see there.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::inspection::{PdKind, partial_dependence};
/// use ndarray::array;
///
/// let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]];
/// let model = LinearRegression::default().fit(x.view(), array![0.0, 2.0, 4.0, 6.0].view())?;
/// let pd = partial_dependence(&model, x.view(), &[0])
///     .kind(PdKind::Both)
///     .grid_resolution(2)
///     .percentiles((0.0, 1.0))
///     .compute()?;
/// assert_eq!(pd.grid_values[0].to_vec(), vec![0.0, 3.0]);
/// assert_eq!(pd.individual.unwrap().shape(), &[1, 4, 2]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[must_use = "a PartialDependenceBuilder does nothing until `compute` is called"]
#[derive(Clone, Debug)]
pub struct PartialDependenceBuilder<'a, F: Float, M: ?Sized> {
    model: &'a M,
    x: ArrayView2<'a, F>,
    features: Vec<usize>,
    grid_resolution: usize,
    percentiles: (f64, f64),
    categorical_features: Vec<usize>,
    custom_values: Vec<(usize, Vec<f64>)>,
    kind: PdKind,
    method: PdMethod,
    response_method: ResponseMethod,
    sample_weight: Option<ArrayView1<'a, F>>,
    n_jobs: Option<usize>,
}

/// The result of [`partial_dependence`], with scikit-learn's field names.
///
/// `n_outputs` is 1 for a regressor and a binary classifier (the positive
/// class, `classes()[1]`), the number of classes otherwise.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::inspection::partial_dependence;
/// use ndarray::array;
///
/// let x = array![[0.0], [1.0], [2.0]];
/// let model = LinearRegression::default().fit(x.view(), array![1.0, 3.0, 5.0].view())?;
/// let pd = partial_dependence(&model, x.view(), &[0]).compute()?;
/// assert_eq!(pd.grid_values[0].to_vec(), vec![0.0, 1.0, 2.0]); // fewer values than the resolution
/// let average = pd.average.unwrap();
/// assert!((average[[0, 2]] - 5.0).abs() < 1e-12);
/// assert!(pd.individual.is_none());
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PartialDependence {
    /// The grid's values, one array per feature (in `features` order); the
    /// grid is their cartesian product, the last feature varying fastest.
    pub grid_values: Vec<ndarray::Array1<f64>>,
    /// The partial dependence, shape `(n_outputs, len(grid_values[0]), …)`
    /// (`kind` `Average` or `Both`).
    pub average: Option<ArrayD<f64>>,
    /// The individual curves (ICE), shape `(n_outputs, n_rows,
    /// len(grid_values[0]), …)` (`kind` `Individual` or `Both`).
    pub individual: Option<ArrayD<f64>>,
}

impl<'a, F: Float, M: PartialDependenceModel<F> + ?Sized> PartialDependenceBuilder<'a, F, M> {
    /// Sets the number of grid points per feature (≥ 2; default 100).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::partial_dependence;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 1.0, 2.0, 3.0].view())?;
    /// let pd = partial_dependence(&model, x.view(), &[0]).grid_resolution(3).compute()?;
    /// assert_eq!(pd.grid_values[0].len(), 3);
    /// let err = partial_dependence(&model, x.view(), &[0]).grid_resolution(1).compute();
    /// assert!(matches!(err, Err(Error::InvalidParameter { parameter: "grid_resolution", .. })));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn grid_resolution(mut self, grid_resolution: usize) -> Self {
        self.grid_resolution = grid_resolution;
        self
    }

    /// Sets the percentiles the grid spans (each in `[0, 1]`, the first
    /// below the second; default `(0.05, 0.95)`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::partial_dependence;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 1.0, 2.0, 3.0].view())?;
    /// let pd = partial_dependence(&model, x.view(), &[0]).grid_resolution(2).percentiles((0.0, 1.0)).compute()?;
    /// assert_eq!(pd.grid_values[0].to_vec(), vec![0.0, 3.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn percentiles(mut self, percentiles: (f64, f64)) -> Self {
        self.percentiles = percentiles;
        self
    }

    /// Marks features (column indices) as categorical: their grid is their
    /// distinct values whatever the resolution.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::partial_dependence;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [1.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 1.0, 2.0, 1.0].view())?;
    /// let pd = partial_dependence(&model, x.view(), &[0]).grid_resolution(2).categorical_features(&[0]).compute()?;
    /// assert_eq!(pd.grid_values[0].to_vec(), vec![0.0, 1.0, 2.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn categorical_features(mut self, features: &[usize]) -> Self {
        self.categorical_features = features.to_vec();
        self
    }

    /// Sets the grid of one feature (a column index among `features`),
    /// overriding `grid_resolution` and `percentiles` for it (scikit-learn's
    /// `custom_values`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::partial_dependence;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 1.0, 2.0].view())?;
    /// let pd = partial_dependence(&model, x.view(), &[0]).custom_values(0, &[10.0, -1.0]).compute()?;
    /// assert_eq!(pd.grid_values[0].to_vec(), vec![10.0, -1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn custom_values(mut self, feature: usize, values: &[f64]) -> Self {
        self.custom_values.retain(|(f, _)| *f != feature);
        self.custom_values.push((feature, values.to_vec()));
        self
    }

    /// Sets what the result holds: the average, the individual curves, or both.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::{PdKind, partial_dependence};
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 1.0, 2.0].view())?;
    /// let pd = partial_dependence(&model, x.view(), &[0]).kind(PdKind::Individual).compute()?;
    /// assert!(pd.average.is_none());
    /// assert_eq!(pd.individual.unwrap().shape(), &[1, 3, 3]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn kind(mut self, kind: PdKind) -> Self {
        self.kind = kind;
        self
    }

    /// Sets the method (`Auto`, `Brute` or `Recursion`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::{PdMethod, partial_dependence};
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 1.0, 2.0].view())?;
    /// let err = partial_dependence(&model, x.view(), &[0]).method(PdMethod::Recursion).compute();
    /// assert!(matches!(err, Err(Error::InvalidParameter { parameter: "method", .. })));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn method(mut self, method: PdMethod) -> Self {
        self.method = method;
        self
    }

    /// Sets the response of a classifier (`Auto`, `PredictProba` or
    /// `DecisionFunction`); a regressor takes only `Auto`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::{ResponseMethod, partial_dependence};
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let model = LogisticRegression::default().fit(x.view(), array![0, 0, 1, 1].view())?;
    /// let pd = partial_dependence(&model, x.view(), &[0])
    ///     .response_method(ResponseMethod::DecisionFunction)
    ///     .compute()?;
    /// let average = pd.average.unwrap();
    /// assert!(average[[0, 0]] < 0.0 && average[[0, 3]] > 0.0); // raw scores
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn response_method(mut self, response_method: ResponseMethod) -> Self {
        self.response_method = response_method;
        self
    }

    /// Weighs the rows of `x` in the average (the `brute` method; `Auto`
    /// then picks it). The individual curves are unchanged.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::partial_dependence;
    /// use ndarray::array;
    /// let x = array![[0.0, 0.0], [1.0, 1.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 2.0].view())?;
    /// let w = array![1.0, 0.0];
    /// let pd = partial_dependence(&model, x.view(), &[0]).sample_weight(w.view()).compute()?;
    /// assert_eq!(pd.average.unwrap().shape(), &[1, 2]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn sample_weight(mut self, sample_weight: ArrayView1<'a, F>) -> Self {
        self.sample_weight = Some(sample_weight);
        self
    }

    /// Sets the number of threads (`None`: every core; `Some(n)`, n ≥ 1).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::partial_dependence;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 1.0, 2.0].view())?;
    /// let one = partial_dependence(&model, x.view(), &[0]).n_jobs(Some(1)).compute()?;
    /// let two = partial_dependence(&model, x.view(), &[0]).n_jobs(Some(2)).compute()?;
    /// assert_eq!(one, two);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_jobs(mut self, n_jobs: Option<usize>) -> Self {
        self.n_jobs = n_jobs;
        self
    }

    /// Computes the partial dependence.
    ///
    /// # Errors
    /// As [`partial_dependence`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::partial_dependence;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 1.0, 2.0].view())?;
    /// let err = partial_dependence(&model, x.view(), &[1]).compute();
    /// assert!(matches!(err, Err(Error::InvalidParameter { parameter: "features", .. })));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn compute(&self) -> Result<PartialDependence> {
        check_param(NAME, "n_jobs", self.n_jobs, "None (all cores) or >= 1", |n| {
            n != Some(0)
        })?;
        let method = self.resolve_method()?;
        let grid_values = self.grid_values()?;
        let weights = match self.sample_weight {
            Some(w) => Some(check_sample_weight(NAME, Some(w), self.x.nrows())?),
            None => None,
        };
        let shape: Vec<usize> = grid_values.iter().map(Vec::len).collect();
        // The grid's points, each with one value per feature.
        let mut dims = shape.clone();
        dims.push(shape.len());
        crate::alloc::check_fits_values::<f64>(NAME, || format!("a grid of {shape:?} points"), &dims)?;
        let n_points = shape.iter().product();
        let points = cartesian(&grid_values, n_points);
        let (average, individual) = with_n_jobs(self.n_jobs, || match method {
            PdMethod::Recursion => self.recursion(&points, &shape).map(|a| (Some(a), None)),
            _ => self.brute(&points, &shape, weights.as_ref().map(|w| w.view())),
        })??;
        Ok(PartialDependence {
            grid_values: grid_values.into_iter().map(ndarray::Array1::from).collect(),
            average,
            individual,
        })
    }

    /// Checks the options and the data; the method `Auto` resolves to.
    fn resolve_method(&self) -> Result<PdMethod> {
        check_not_empty(NAME, self.x)?;
        let n_columns = self.x.ncols();
        check_param(NAME, "features", self.features.len(), "at least one feature", |n| {
            n >= 1
        })?;
        for (i, &f) in self.features.iter().enumerate() {
            if f >= n_columns {
                return Err(Error::invalid_parameter(
                    NAME,
                    "features",
                    format!("column indices in [0, {}] (X has {n_columns} columns)", n_columns - 1),
                    f,
                ));
            }
            if self.features[..i].contains(&f) {
                return Err(Error::invalid_parameter(
                    NAME,
                    "features",
                    "distinct columns",
                    &self.features,
                ));
            }
        }
        if let Some(&f) = self.categorical_features.iter().find(|&&f| f >= n_columns) {
            return Err(Error::invalid_parameter(
                NAME,
                "categorical_features",
                format!("column indices below {n_columns} (X's columns)"),
                f,
            ));
        }
        check_param(NAME, "grid_resolution", self.grid_resolution, "> 1", |g| g > 1)?;
        let (low, high) = self.percentiles;
        check_param(
            NAME,
            "percentiles",
            self.percentiles,
            "two values in [0, 1], the first below the second",
            |_| (0.0..=1.0).contains(&low) && (0.0..=1.0).contains(&high) && low < high,
        )?;
        let classifier = self.model.pd_is_classifier();
        if !classifier && self.response_method != ResponseMethod::Auto {
            return Err(Error::invalid_parameter(
                NAME,
                "response_method",
                "Auto for a regressor (it averages predict)",
                self.response_method,
            ));
        }
        let mut method = self.method;
        if self.kind != PdKind::Average {
            if method == PdMethod::Recursion {
                return Err(Error::invalid_parameter(
                    NAME,
                    "method",
                    "Brute or Auto when kind is not Average (recursion gives only the average)",
                    method,
                ));
            }
            method = PdMethod::Brute;
        }
        if method == PdMethod::Recursion && self.sample_weight.is_some() {
            return Err(Error::invalid_parameter(
                NAME,
                "method",
                "Brute or Auto with sample weights (recursion averages over the training data)",
                method,
            ));
        }
        if method == PdMethod::Auto {
            method = if self.sample_weight.is_none() && self.model.pd_recursion_by_default() {
                PdMethod::Recursion
            } else {
                PdMethod::Brute
            };
        }
        if method == PdMethod::Recursion {
            // Probe support on an empty grid: a model without recursion says None.
            let empty = Array2::<f64>::zeros((0, self.features.len()));
            if self.model.pd_recursion(empty.view(), &self.features).is_none() {
                return Err(Error::invalid_parameter(
                    NAME,
                    "method",
                    "Brute or Auto for this model (recursion supports DecisionTreeRegressor, \
                     RandomForestRegressor, ExtraTreesRegressor, HistGradientBoostingRegressor and \
                     HistGradientBoostingClassifier)",
                    method,
                ));
            }
            if !matches!(
                self.response_method,
                ResponseMethod::Auto | ResponseMethod::DecisionFunction
            ) {
                return Err(Error::invalid_parameter(
                    NAME,
                    "response_method",
                    "Auto or DecisionFunction with the recursion method",
                    self.response_method,
                ));
            }
        }
        Ok(method)
    }

    /// One axis per feature (see [`grid::axis`]), in `F` precision: the
    /// values written into `x` are the ones reported.
    fn grid_values(&self) -> Result<Vec<Vec<f64>>> {
        self.features
            .iter()
            .map(|&f| {
                if let Some((_, values)) = self.custom_values.iter().find(|(c, _)| *c == f) {
                    check_param(
                        NAME,
                        "custom_values",
                        values.len(),
                        "at least one value per feature",
                        |n| n >= 1,
                    )?;
                    return Ok(values.iter().map(|&v| F::cast(v).as_f64()).collect());
                }
                let column: Vec<f64> = self.x.column(f).iter().map(|v| v.as_f64()).collect();
                let categorical = self.categorical_features.contains(&f);
                let axis = grid::axis(NAME, &column, categorical, self.grid_resolution, self.percentiles)?;
                Ok(axis.into_iter().map(|v| F::cast(v).as_f64()).collect())
            })
            .collect()
    }

    fn recursion(&self, points: &Array2<f64>, shape: &[usize]) -> Result<ArrayD<f64>> {
        let values = self
            .model
            .pd_recursion(points.view(), &self.features)
            .expect("resolve_method checked that the model supports recursion")?;
        let mut full = vec![values.nrows()];
        full.extend_from_slice(shape);
        let (flat, _) = values.into_raw_vec_and_offset();
        Ok(ArrayD::from_shape_vec(IxDyn(&full), flat).expect("n_outputs × n_points values"))
    }

    #[allow(clippy::type_complexity)]
    fn brute(
        &self,
        points: &Array2<f64>,
        shape: &[usize],
        weights: Option<ArrayView1<'_, F>>,
    ) -> Result<(Option<ArrayD<f64>>, Option<ArrayD<f64>>)> {
        let n_rows = self.x.nrows();
        let n_points = points.nrows();
        crate::alloc::check_fits_values::<F>(
            NAME,
            || format!("the responses of {n_rows} rows at {n_points} grid points"),
            &[n_rows, n_points],
        )?;
        let typed: Vec<Vec<F>> = points
            .rows()
            .into_iter()
            .map(|r| r.iter().map(|&v| F::cast(v)).collect())
            .collect();
        let responses = brute::responses(NAME, self.model, self.x, &self.features, &typed, self.response_method)?;
        let n_outputs = responses[0].ncols();
        let average = (self.kind != PdKind::Individual).then(|| {
            let mut out = vec![0.0; n_outputs * n_points];
            for (p, response) in responses.iter().enumerate() {
                for (k, v) in brute::average(response, weights).into_iter().enumerate() {
                    out[k * n_points + p] = v;
                }
            }
            let mut full = vec![n_outputs];
            full.extend_from_slice(shape);
            ArrayD::from_shape_vec(IxDyn(&full), out).expect("n_outputs × grid values")
        });
        let individual = (self.kind != PdKind::Average).then(|| {
            let mut out = vec![0.0; n_outputs * n_rows * n_points];
            for (p, response) in responses.iter().enumerate() {
                for ((row, k), v) in response.indexed_iter() {
                    out[(k * n_rows + row) * n_points + p] = v.as_f64();
                }
            }
            let mut full = vec![n_outputs, n_rows];
            full.extend_from_slice(shape);
            ArrayD::from_shape_vec(IxDyn(&full), out).expect("n_outputs × n_rows × grid values")
        });
        Ok((average, individual))
    }
}

/// The cartesian product of the axes, one row per point, the last axis
/// varying fastest (scikit-learn's `cartesian`).
fn cartesian(axes: &[Vec<f64>], n_points: usize) -> Array2<f64> {
    let mut out = Array2::zeros((n_points, axes.len()));
    for p in 0..n_points {
        let mut rest = p;
        for (j, axis) in axes.iter().enumerate().rev() {
            out[[p, j]] = axis[rest % axis.len()];
            rest /= axis.len();
        }
    }
    out
}
