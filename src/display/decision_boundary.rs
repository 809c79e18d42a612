//! [`DecisionBoundaryDisplay`]: a fitted model's response over a grid
//! spanning two features, as scikit-learn's
//! `sklearn.inspection.DecisionBoundaryDisplay`, drawn as a filled heatmap
//! with the training points on top.

use super::heatmap::{LEVELS, cell_edges, fill_grid, level};
use super::{Axes, Color, Figure, Plot, Scatter, viridis};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::traits::{Classifier, DecisionFunction, PredictProba, Predictor, RankingScores};
use crate::validation::{check_array, check_param, check_same_length};
use ndarray::{Array2, Array3, ArrayView1, ArrayView2, Axis};

const NAME: &str = "DecisionBoundaryDisplay";

/// Which of the model's outputs a [`DecisionBoundaryDisplay`] shows (the
/// method scikit-learn's `response_method` picked).
///
/// # Example
/// ```
/// use learnkit::display::{DecisionBoundary, BoundaryResponse};
/// use learnkit::prelude::*;
/// use learnkit::tree::DecisionTreeClassifier;
/// use ndarray::array;
/// let x = array![[0.0, 0.0], [1.0, 1.0]];
/// let model = DecisionTreeClassifier::default().fit(x.view(), array![0, 1].view())?;
/// let display = DecisionBoundary::default().grid_resolution(5).predict_proba(&model, x.view())?;
/// assert_eq!(display.response_method, BoundaryResponse::PredictProba);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum BoundaryResponse {
    /// Predicted class indices (classifiers) or values (regressors).
    Predict,
    /// Class probabilities.
    PredictProba,
    /// Decision scores.
    DecisionFunction,
    /// [`RankingScores`]: the decision function (or the positive class's
    /// probability) for two classes, the probabilities for more.
    Auto,
    /// A response given by the caller.
    Custom,
}

/// The options of a [`DecisionBoundaryDisplay`], named and defaulted as
/// scikit-learn's `from_estimator`: `grid_resolution` (100 points per axis,
/// at least 2), `eps` (1.0: how far the grid extends beyond the data),
/// `class_of_interest` (`None`; the index in `classes()` of the class whose
/// probability or score is shown, instead of every class), and the axis
/// labels (empty). Each method computes the display with one of the model's
/// responses.
///
/// # Example
/// ```
/// use learnkit::display::DecisionBoundary;
/// use learnkit::prelude::*;
/// use learnkit::tree::DecisionTreeClassifier;
/// use ndarray::array;
/// let x = array![[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]];
/// let model = DecisionTreeClassifier::default().fit(x.view(), array!["a", "b", "c"].view())?;
/// let display = DecisionBoundary::default().grid_resolution(10).eps(0.5).predict(&model, x.view())?;
/// assert_eq!(display.xx0.dim(), (10, 10));
/// assert_eq!((display.xx0[[0, 0]], display.xx0[[0, 9]]), (-0.5, 2.5));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DecisionBoundary {
    /// Grid points per axis; default 100, at least 2.
    pub grid_resolution: usize,
    /// Margin added on both sides of each feature's range; default 1.0, ≥ 0.
    pub eps: f64,
    /// Index (in `classes()`) of the one class shown; default `None`.
    pub class_of_interest: Option<usize>,
    /// The x-axis label (first feature); default empty.
    pub xlabel: String,
    /// The y-axis label (second feature); default empty.
    pub ylabel: String,
}

impl Default for DecisionBoundary {
    fn default() -> Self {
        DecisionBoundary {
            grid_resolution: 100,
            eps: 1.0,
            class_of_interest: None,
            xlabel: String::new(),
            ylabel: String::new(),
        }
    }
}

setters!(DecisionBoundary in "learnkit::display" {
    grid_resolution: usize = 50;
    eps: f64 = 0.5;
    class_of_interest: Option<usize> = Some(1);
    xlabel: String = "sepal length".to_string();
    ylabel: String = "sepal width".to_string();
});

/// A model's response over a grid of two features, as scikit-learn's
/// `DecisionBoundaryDisplay`: `xx0` and `xx1` are the grid
/// (`np.meshgrid`: row `i`, column `j` is the point
/// `(xx0[[i, j]], xx1[[i, j]])`), `response[[i, j, k]]` the response's
/// column `k` there. One column (`n_classes` 2) for a regressor, a binary
/// classifier or a `class_of_interest`, or class indices from `predict`;
/// one per class otherwise (the class with the largest value is drawn at
/// each point, faded by its value). Build it with [`DecisionBoundary`];
/// add the training points with [`DecisionBoundaryDisplay::scatter_classes`]
/// or [`DecisionBoundaryDisplay::scatter_values`].
///
/// # Example
/// ```
/// use learnkit::display::{DecisionBoundaryDisplay, Plot};
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// use ndarray::s;
/// let iris = load_iris();
/// let x = iris.data.slice(s![.., ..2]);
/// let model = LogisticRegression::default().fit(x, iris.target.view())?;
/// let display = DecisionBoundaryDisplay::from_estimator(&model, x)?
///     .scatter_classes(x, iris.target.view(), model.classes())?;
/// assert_eq!(display.response.dim(), (100, 100, 3));
/// assert!(display.plot().to_svg().starts_with("<svg"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct DecisionBoundaryDisplay {
    /// First feature's value at each grid point.
    pub xx0: Array2<f64>,
    /// Second feature's value at each grid point.
    pub xx1: Array2<f64>,
    /// The response at each grid point, one or `n_classes` columns.
    pub response: Array3<f64>,
    /// 2 for a single surface, else the number of classes.
    pub n_classes: usize,
    /// The response shown.
    pub response_method: BoundaryResponse,
    /// Whether the response holds class indices (a classifier's `predict`).
    pub class_indices: bool,
    /// The x-axis label.
    pub xlabel: String,
    /// The y-axis label.
    pub ylabel: String,
    /// Points drawn on top: `(x0, x1, value)`, the value a class index or a target.
    pub points: Vec<[f64; 3]>,
    /// Whether the points' values are class indices (else continuous targets).
    pub points_are_classes: bool,
}

impl DecisionBoundary {
    fn check(&self) -> Result<()> {
        check_param(NAME, "grid_resolution", self.grid_resolution, "at least 2", |g| g >= 2)?;
        check_param(NAME, "eps", self.eps, "a finite number >= 0", |e| {
            e.is_finite() && e >= 0.0
        })?;
        // grid_resolution² points: refuse a grid too large to hold.
        crate::alloc::check_fits_values::<f64>(
            NAME,
            || format!("a grid of {0} × {0} points", self.grid_resolution),
            &[self.grid_resolution, self.grid_resolution, 2],
        )
    }

    /// The grid over `x`'s two features: `(xx0, xx1, points)` with the
    /// points in row-major order as `F`.
    fn grid<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<(Array2<f64>, Array2<f64>, Array2<F>)> {
        self.check()?;
        check_array(NAME, x)?;
        if x.ncols() != 2 {
            return Err(Error::invalid_input(
                NAME,
                format!("needs exactly 2 features (columns) to draw, got {}", x.ncols()),
            ));
        }
        let range = |j: usize| {
            let column = x.column(j);
            let lo = column.iter().fold(f64::INFINITY, |m, v| m.min(v.as_f64()));
            let hi = column.iter().fold(f64::NEG_INFINITY, |m, v| m.max(v.as_f64()));
            // np.linspace's arithmetic (shared with partial_dependence's grid).
            crate::inspection::linspace(lo - self.eps, hi + self.eps, self.grid_resolution)
        };
        let (g0, g1) = (range(0), range(1));
        let n = self.grid_resolution;
        let xx0 = Array2::from_shape_fn((n, n), |(_, j)| g0[j]);
        let xx1 = Array2::from_shape_fn((n, n), |(i, _)| g1[i]);
        let points = Array2::from_shape_fn((n * n, 2), |(p, c)| {
            let v = if c == 0 { g0[p % n] } else { g1[p / n] };
            F::cast(v)
        });
        Ok((xx0, xx1, points))
    }

    fn build(
        &self,
        xx0: Array2<f64>,
        xx1: Array2<f64>,
        columns: Array2<f64>,
        n_classes: usize,
        method: BoundaryResponse,
    ) -> Result<DecisionBoundaryDisplay> {
        let n = self.grid_resolution;
        let (columns, n_classes) = match self.class_of_interest {
            Some(k) if columns.ncols() > 1 => {
                check_param(
                    NAME,
                    "class_of_interest",
                    k,
                    &format!("a class index below {n_classes}"),
                    |k| k < columns.ncols(),
                )?;
                (columns.column(k).insert_axis(Axis(1)).to_owned(), 2)
            }
            _ => (columns, n_classes),
        };
        let k = columns.ncols();
        let response = columns
            .into_shape_with_order((n, n, k))
            .map_err(|e| Error::invalid_input(NAME, format!("the response has the wrong shape: {e}")))?;
        Ok(DecisionBoundaryDisplay {
            xx0,
            xx1,
            response,
            n_classes,
            response_method: method,
            class_indices: false,
            xlabel: self.xlabel.clone(),
            ylabel: self.ylabel.clone(),
            points: Vec::new(),
            points_are_classes: false,
        })
    }

    /// A classifier's per-class `scores` over the grid: a binary
    /// classifier's two probability or score columns become the positive
    /// class's (scikit-learn's `pos_label = classes[1]`); more classes keep
    /// every column.
    fn classifier_scores<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        n_classes: usize,
        method: BoundaryResponse,
        scores: impl FnOnce(ArrayView2<'_, F>) -> Result<Array2<F>>,
    ) -> Result<DecisionBoundaryDisplay> {
        let (xx0, xx1, grid) = self.grid(x)?;
        let scores = scores(grid.view())?.mapv(|v| v.as_f64());
        let columns = if n_classes == 2 && scores.ncols() == 2 {
            scores.column(1).insert_axis(Axis(1)).to_owned()
        } else {
            scores
        };
        self.build(xx0, xx1, columns, n_classes.max(2), method)
    }

    /// The class index `model` predicts at each grid point.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a `grid_resolution` below 2 or a
    /// negative `eps`; [`Error::InvalidInput`] when `x` has not exactly 2
    /// columns; as [`check_array`] for empty or non-finite `x`; the model's
    /// prediction errors.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::DecisionBoundary;
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let x = array![[0.0, 0.0], [1.0, 0.0]];
    /// let model = DecisionTreeClassifier::default().fit(x.view(), array!["no", "yes"].view())?;
    /// let display = DecisionBoundary::default().grid_resolution(3).eps(0.0).predict(&model, x.view())?;
    /// assert_eq!(display.response.slice(ndarray::s![0, .., 0]).to_vec(), vec![0.0, 0.0, 1.0]);
    /// assert!(DecisionBoundary::default().predict(&model, array![[0.0, 1.0, 2.0]].view()).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn predict<F: Float, M>(&self, model: &M, x: ArrayView2<'_, F>) -> Result<DecisionBoundaryDisplay>
    where
        M: Classifier<F>,
        M::Output: Label,
    {
        let (xx0, xx1, grid) = self.grid(x)?;
        let predicted = model.predict(grid.view())?;
        let classes = model.classes();
        let codes = predicted
            .iter()
            .map(|p| classes.iter().position(|c| c == p).map(|k| k as f64))
            .collect::<Option<Vec<f64>>>()
            .ok_or_else(|| Error::invalid_input(NAME, "the model predicted a label outside its classes"))?;
        let n = codes.len();
        let columns = Array2::from_shape_vec((n, 1), codes).map_err(|e| Error::invalid_input(NAME, e.to_string()))?;
        // A class index is one surface whatever class_of_interest says.
        let mut plain = self.clone();
        plain.class_of_interest = None;
        let mut display = plain.build(xx0, xx1, columns, classes.len().max(2), BoundaryResponse::Predict)?;
        display.class_indices = true;
        Ok(display)
    }

    /// The predicted class probabilities at each grid point (a binary
    /// classifier's positive class only, as scikit-learn).
    ///
    /// # Errors
    /// As [`DecisionBoundary::predict`]; [`Error::InvalidParameter`] for a
    /// `class_of_interest` that is not a class index.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::DecisionBoundary;
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let x = array![[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]];
    /// let model = DecisionTreeClassifier::default().fit(x.view(), array![0, 1, 2].view())?;
    /// let display = DecisionBoundary::default().grid_resolution(4).predict_proba(&model, x.view())?;
    /// assert_eq!(display.response.dim(), (4, 4, 3));
    /// let one = DecisionBoundary::default().grid_resolution(4).class_of_interest(Some(2)).predict_proba(&model, x.view())?;
    /// assert_eq!((one.response.dim(), one.n_classes), ((4, 4, 1), 2));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn predict_proba<F: Float, M: PredictProba<F>>(
        &self,
        model: &M,
        x: ArrayView2<'_, F>,
    ) -> Result<DecisionBoundaryDisplay> {
        self.classifier_scores(x, model.classes().len(), BoundaryResponse::PredictProba, |g| {
            model.predict_proba(g)
        })
    }

    /// The decision function at each grid point.
    ///
    /// # Errors
    /// As [`DecisionBoundary::predict_proba`].
    ///
    /// # Example
    /// ```
    /// use learnkit::display::DecisionBoundary;
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]];
    /// let model = LogisticRegression::default().fit(x.view(), array![0, 1, 0, 1].view())?;
    /// let display = DecisionBoundary::default().grid_resolution(3).decision_function(&model, x.view())?;
    /// assert_eq!((display.response.dim(), display.n_classes), ((3, 3, 1), 2));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn decision_function<F: Float, M: DecisionFunction<F>>(
        &self,
        model: &M,
        x: ArrayView2<'_, F>,
    ) -> Result<DecisionBoundaryDisplay> {
        self.classifier_scores(x, model.classes().len(), BoundaryResponse::DecisionFunction, |g| {
            model.decision_function(g)
        })
    }

    /// The [`RankingScores`] at each grid point: the decision function (or
    /// the positive class's probability) of a binary classifier, the
    /// probabilities of a multiclass one (scikit-learn's `"auto"` prefers a
    /// multiclass decision function; call
    /// [`DecisionBoundary::decision_function`] for that).
    ///
    /// # Errors
    /// As [`DecisionBoundary::predict_proba`].
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{DecisionBoundary, BoundaryResponse};
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]];
    /// let model = LogisticRegression::default().fit(x.view(), array![0, 1, 0, 1].view())?;
    /// let display = DecisionBoundary::default().grid_resolution(3).auto(&model, x.view())?;
    /// assert_eq!(display.response_method, BoundaryResponse::Auto);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn auto<F: Float, M: RankingScores<F>>(
        &self,
        model: &M,
        x: ArrayView2<'_, F>,
    ) -> Result<DecisionBoundaryDisplay> {
        self.classifier_scores(x, model.classes().len(), BoundaryResponse::Auto, |g| {
            model.scores_for_ranking(g)
        })
    }

    /// A regressor's prediction at each grid point.
    ///
    /// # Errors
    /// As [`DecisionBoundary::predict`].
    ///
    /// # Example
    /// ```
    /// use learnkit::display::DecisionBoundary;
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 1.0, 2.0].view())?;
    /// let display = DecisionBoundary::default().grid_resolution(3).eps(0.0).regressor(&model, x.view())?;
    /// assert!((display.response[[2, 2, 0]] - 3.0).abs() < 1e-12);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn regressor<F: Float, M: Predictor<F, Output = F>>(
        &self,
        model: &M,
        x: ArrayView2<'_, F>,
    ) -> Result<DecisionBoundaryDisplay> {
        self.custom(x, |grid| {
            let predicted = model.predict(grid)?;
            Ok(predicted.mapv(|v| v.as_f64()).insert_axis(Axis(1)))
        })
        .map(|mut d| {
            d.response_method = BoundaryResponse::Predict;
            d
        })
    }

    /// Any response: `response(grid)` gets the grid points (one row each, in
    /// row-major grid order) and returns one row per point, one column for a
    /// single surface or one per class.
    ///
    /// # Errors
    /// As [`DecisionBoundary::predict`]; [`Error::InvalidInput`] when the
    /// response has not one row per grid point.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::DecisionBoundary;
    /// use ndarray::{array, Array2, Axis};
    /// let x = array![[0.0, 0.0], [1.0, 1.0]];
    /// let display = DecisionBoundary::default().grid_resolution(2).eps(0.0)
    ///     .custom(x.view(), |g| Ok(g.sum_axis(Axis(1)).insert_axis(Axis(1))))?;
    /// assert_eq!(display.response.into_raw_vec_and_offset().0, vec![0.0, 1.0, 1.0, 2.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn custom<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        response: impl FnOnce(ArrayView2<'_, F>) -> Result<Array2<f64>>,
    ) -> Result<DecisionBoundaryDisplay> {
        let (xx0, xx1, grid) = self.grid(x)?;
        let columns = response(grid.view())?;
        check_same_length(
            NAME,
            "response rows (one per grid point)",
            grid.nrows(),
            columns.nrows(),
        )?;
        if columns.ncols() == 0 {
            return Err(Error::invalid_input(NAME, "the response has no column"));
        }
        let n_classes = columns.ncols().max(2);
        self.build(xx0, xx1, columns, n_classes, BoundaryResponse::Custom)
    }
}

impl DecisionBoundaryDisplay {
    /// scikit-learn's `from_estimator` with its defaults (grid of 100 × 100,
    /// `eps` 1.0) and the `"auto"` response: see [`DecisionBoundary::auto`].
    ///
    /// # Errors
    /// As [`DecisionBoundary::auto`].
    ///
    /// # Example
    /// ```
    /// use learnkit::display::DecisionBoundaryDisplay;
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]];
    /// let model = LogisticRegression::default().fit(x.view(), array![0, 1, 0, 1].view())?;
    /// assert_eq!(DecisionBoundaryDisplay::from_estimator(&model, x.view())?.xx0.dim(), (100, 100));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_estimator<F: Float, M: RankingScores<F>>(model: &M, x: ArrayView2<'_, F>) -> Result<Self> {
        DecisionBoundary::default().auto(model, x)
    }

    /// Adds the points `x` (two columns) coloured by class: `y`'s labels
    /// are looked up in `classes` (the model's [`Classifier::classes`]).
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `y` has not one label per row;
    /// [`Error::InvalidInput`] for `x` without exactly 2 columns or a label
    /// not in `classes`; as [`check_array`] for non-finite `x`.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::DecisionBoundary;
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let x = array![[0.0, 0.0], [1.0, 0.0]];
    /// let y = array!["no", "yes"];
    /// let model = DecisionTreeClassifier::default().fit(x.view(), y.view())?;
    /// let display = DecisionBoundary::default().grid_resolution(3).predict(&model, x.view())?
    ///     .scatter_classes(x.view(), y.view(), model.classes())?;
    /// assert_eq!(display.points, vec![[0.0, 0.0, 0.0], [1.0, 0.0, 1.0]]);
    /// assert!(display.clone().scatter_classes(x.view(), array!["no", "maybe"].view(), model.classes()).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scatter_classes<F: Float, L: Label>(
        self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        classes: &[L],
    ) -> Result<Self> {
        let codes = y
            .iter()
            .enumerate()
            .map(|(row, label)| {
                classes
                    .iter()
                    .position(|c| c == label)
                    .map(|k| k as f64)
                    .ok_or_else(|| {
                        Error::invalid_input(NAME, format!("the label at row {row} is not one of the classes"))
                    })
            })
            .collect::<Result<Vec<f64>>>()?;
        self.with_points(x, &codes, true)
    }

    /// Adds the points `x` (two columns) coloured by a continuous target `y`.
    ///
    /// # Errors
    /// As [`DecisionBoundaryDisplay::scatter_classes`]; non-finite `y`.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::DecisionBoundary;
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]];
    /// let y = array![0.0, 1.0, 2.0];
    /// let model = LinearRegression::default().fit(x.view(), y.view())?;
    /// let display = DecisionBoundary::default().grid_resolution(3).regressor(&model, x.view())?
    ///     .scatter_values(x.view(), y.view())?;
    /// assert_eq!(display.points.len(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scatter_values<F: Float>(self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self> {
        crate::validation::check_finite_1d(NAME, y)?;
        let values: Vec<f64> = y.iter().map(|v| v.as_f64()).collect();
        self.with_points(x, &values, false)
    }

    fn with_points<F: Float>(mut self, x: ArrayView2<'_, F>, values: &[f64], classes: bool) -> Result<Self> {
        check_array(NAME, x)?;
        if x.ncols() != 2 {
            return Err(Error::invalid_input(
                NAME,
                format!("needs exactly 2 features (columns) to draw, got {}", x.ncols()),
            ));
        }
        check_same_length(NAME, "targets (one per row of x)", x.nrows(), values.len())?;
        let f = |v: F| v.as_f64();
        self.points = x
            .rows()
            .into_iter()
            .zip(values)
            .map(|(row, &v)| [f(row[0]), f(row[1]), v])
            .collect();
        self.points_are_classes = classes;
        Ok(self)
    }
}

/// scikit-learn's class colours for a multiclass boundary (matplotlib's
/// accessible "petroff10" sequence).
const PETROFF: [[u8; 3]; 10] = [
    [0x3f, 0x90, 0xda],
    [0xff, 0xa9, 0x0e],
    [0xbd, 0x1f, 0x01],
    [0x94, 0xa4, 0xa2],
    [0x83, 0x2d, 0xb6],
    [0xa9, 0x6b, 0x59],
    [0xe7, 0x63, 0x00],
    [0xb9, 0xac, 0x70],
    [0x71, 0x75, 0x81],
    [0x92, 0xda, 0xdd],
];

/// The colour of class `k` of `n`: petroff10 up to 10 classes, else hues
/// around the colour wheel (scikit-learn uses `gist_rainbow` there).
fn class_color(k: usize, n: usize) -> Color {
    if n <= PETROFF.len() {
        let [r, g, b] = PETROFF[k % PETROFF.len()];
        return Color::rgb(r, g, b);
    }
    let h = 6.0 * k as f64 / n as f64;
    let x = 1.0 - ((h % 2.0) - 1.0).abs();
    let (r, g, b) = match h as usize {
        0 => (1.0, x, 0.0),
        1 => (x, 1.0, 0.0),
        2 => (0.0, 1.0, x),
        3 => (0.0, x, 1.0),
        4 => (x, 0.0, 1.0),
        _ => (1.0, 0.0, x),
    };
    let c = |v: f64| (255.0 * v).round() as u8;
    Color::rgb(c(r), c(g), c(b))
}

/// `color` faded towards white: `t` = 0 is white, 1 the colour.
fn fade(color: Color, t: f64) -> Color {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let mix = |c: u8| (255.0 - t * (255.0 - f64::from(c))).round() as u8;
    Color::rgb(mix(color.r), mix(color.g), mix(color.b))
}

impl Plot for DecisionBoundaryDisplay {
    /// The response as a filled heatmap (scikit-learn's `contourf`): one
    /// surface in viridis bands with a colorbar (regressors, binary
    /// classifiers, a class of interest); class colours for predicted
    /// classes; or, per point, the colour of the class with the largest
    /// value faded to white as that value falls. The points added by
    /// `scatter_*` are drawn on top in their class colours (viridis for
    /// continuous targets).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{DecisionBoundary, Plot};
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let x = array![[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]];
    /// let y = array![0, 1, 2];
    /// let model = DecisionTreeClassifier::default().fit(x.view(), y.view())?;
    /// let display = DecisionBoundary::default().xlabel("a".into()).predict(&model, x.view())?
    ///     .scatter_classes(x.view(), y.view(), model.classes())?;
    /// assert!(display.to_svg().contains(">a</text>"));
    /// assert!(display.to_png()?.starts_with(b"\x89PNG"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn plot(&self) -> Figure {
        let (rows, cols, k) = self.response.dim();
        let g0: Vec<f64> = self.xx0.row(0).to_vec();
        let g1: Vec<f64> = self.xx1.column(0).to_vec();
        let mut axes = Axes::new().xlabel(self.xlabel.clone()).ylabel(self.ylabel.clone());
        if rows == 0 || cols == 0 || k == 0 {
            return Figure::from_axes(axes);
        }
        let (e0, e1) = (cell_edges(&g0), cell_edges(&g1));
        axes = axes.xlim(e0[0], e0[cols]).ylim(e1[0], e1[rows]);
        let single = k == 1;
        let discrete = self.class_indices;
        let (lo, hi) = self
            .response
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        // Each cell's colour, then one rectangle per run of equal colours
        // along a row (a few hundred rectangles instead of 10,000).
        let color_at = |i: usize, j: usize| -> Color {
            if discrete {
                let class = self.response[[i, j, 0]];
                if self.n_classes > 2 {
                    return fade(class_color(class as usize, self.n_classes), 0.5);
                }
                return viridis(if class > 0.5 { 1.0 } else { 0.0 });
            }
            if single {
                let band = level(self.response[[i, j, 0]], lo, hi);
                return viridis((band as f64 + 0.5) / LEVELS as f64);
            }
            let values = self.response.slice(ndarray::s![i, j, ..]);
            let best = crate::tree::argmax(&values.to_vec());
            let band = level(values[best], lo, hi);
            fade(class_color(best, k), (band as f64 + 1.0) / LEVELS as f64)
        };
        fill_grid(&mut axes, &e0, &e1, color_at);
        if single && !discrete && lo < hi {
            axes = axes.colorbar(lo, hi, viridis);
        }
        if !self.points.is_empty() {
            let (plo, phi) = self
                .points
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                    (a.min(p[2]), b.max(p[2]))
                });
            let colors = self
                .points
                .iter()
                .map(|p| {
                    if self.points_are_classes {
                        let n = self.n_classes.max(2);
                        if n > 2 || !single {
                            class_color(p[2] as usize, n.max(k))
                        } else {
                            viridis(p[2])
                        }
                    } else {
                        viridis(if phi > plo { (p[2] - plo) / (phi - plo) } else { 0.5 })
                    }
                })
                .collect();
            axes.scatter(
                Scatter::new(
                    self.points.iter().map(|p| p[0]).collect(),
                    self.points.iter().map(|p| p[1]).collect(),
                )
                .colors(colors),
            );
        }
        Figure::from_axes(axes)
    }
}
