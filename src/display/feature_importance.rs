//! [`FeatureImportanceDisplay`]: a horizontal bar chart of feature
//! importances, the most important on top, with error bars for permutation
//! importances.

use super::Plot;
use super::axes::{Axes, Line};
use super::color::{Color, tab10};
use super::figure::Figure;
use crate::ensemble::{FittedForestClassifier, FittedForestRegressor};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::inspection::Importances;
use crate::tree::{FittedDecisionTreeClassifier, FittedDecisionTreeRegressor};
use crate::validation::check_same_length;
use ndarray::{Array1, ArrayView1};

/// A fitted model with impurity-based feature importances (scikit-learn's
/// `feature_importances_`): decision trees, random forests and extra trees.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::display::FeatureImportances;
/// use learnkit::tree::DecisionTreeClassifier;
/// use ndarray::array;
/// let tree = DecisionTreeClassifier::default().fit(array![[0.0, 5.0], [1.0, 5.0]].view(), array![0, 1].view())?;
/// assert_eq!(FeatureImportances::feature_importances(&tree), array![1.0, 0.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait FeatureImportances {
    /// One importance per feature, summing to one (or all zeros).
    fn feature_importances(&self) -> Array1<f64>;
}

impl<F: Float, L: Label> FeatureImportances for FittedDecisionTreeClassifier<F, L> {
    fn feature_importances(&self) -> Array1<f64> {
        FittedDecisionTreeClassifier::feature_importances(self)
    }
}

impl<F: Float> FeatureImportances for FittedDecisionTreeRegressor<F> {
    fn feature_importances(&self) -> Array1<f64> {
        FittedDecisionTreeRegressor::feature_importances(self)
    }
}

impl<F: Float, L: Label, P: crate::ensemble::ForestClassifierParams> FeatureImportances
    for FittedForestClassifier<F, L, P>
{
    fn feature_importances(&self) -> Array1<f64> {
        FittedForestClassifier::feature_importances(self)
    }
}

impl<F: Float, P: crate::ensemble::ForestRegressorParams> FeatureImportances for FittedForestRegressor<F, P> {
    fn feature_importances(&self) -> Array1<f64> {
        FittedForestRegressor::feature_importances(self)
    }
}

/// Feature importances as horizontal bars, sorted with the most important
/// on top, with ± one standard deviation error bars when known
/// (permutation importances).
///
/// # Example
/// ```
/// use learnkit::display::{FeatureImportanceDisplay, Plot};
/// use ndarray::array;
///
/// let names = ["age", "income", "height"].map(String::from).to_vec();
/// let display = FeatureImportanceDisplay::from_importances(array![0.2, 0.7, 0.1].view(), Some(names))?;
/// assert_eq!(display.order(), vec![1, 0, 2]);
/// assert!(display.to_svg().contains(">income</text>"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct FeatureImportanceDisplay {
    /// One importance per feature (the mean over repeats for permutation
    /// importances).
    pub importances: Array1<f64>,
    /// The standard deviation of each importance, when known.
    pub std: Option<Array1<f64>>,
    /// The feature names (`x0`, `x1`, … when none were given).
    pub feature_names: Vec<String>,
    /// How many of the most important features are drawn (all if `None`).
    pub max_features: Option<usize>,
    /// The x-axis label.
    pub xlabel: String,
}

impl FeatureImportanceDisplay {
    const CONTEXT: &'static str = "FeatureImportanceDisplay";

    /// A chart of the given importances.
    ///
    /// # Errors
    /// [`Error::EmptyInput`] for no features, [`Error::ShapeMismatch`] when
    /// `feature_names` has another length, [`Error::NonFinite`] for a NaN
    /// or infinite importance.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::FeatureImportanceDisplay;
    /// use ndarray::array;
    /// let display = FeatureImportanceDisplay::from_importances(array![0.5, 0.5].view(), None)?;
    /// assert_eq!(display.feature_names, ["x0", "x1"]);
    /// assert!(FeatureImportanceDisplay::from_importances(array![0.5].view(), Some(vec![])).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_importances(importances: ArrayView1<'_, f64>, feature_names: Option<Vec<String>>) -> Result<Self> {
        if importances.is_empty() {
            return Err(Error::EmptyInput {
                context: Self::CONTEXT.into(),
                what: "no feature importances",
            });
        }
        crate::validation::check_finite_1d(Self::CONTEXT, importances)?;
        let names = match feature_names {
            Some(names) => {
                check_same_length(Self::CONTEXT, "feature_names vs importances", importances.len(), names.len())?;
                names
            }
            None => (0..importances.len()).map(|i| format!("x{i}")).collect(),
        };
        Ok(FeatureImportanceDisplay {
            importances: importances.to_owned(),
            std: None,
            feature_names: names,
            max_features: None,
            xlabel: "Mean decrease in impurity".to_string(),
        })
    }

    /// A chart of a fitted tree or forest's impurity-based importances.
    ///
    /// # Errors
    /// As [`FeatureImportanceDisplay::from_importances`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::display::{FeatureImportanceDisplay, Plot};
    /// let iris = load_iris();
    /// let forest = RandomForestClassifier::default().n_estimators(10).random_state(0).fit(iris.data.view(), iris.target.view())?;
    /// let display = FeatureImportanceDisplay::from_estimator(&forest, Some(iris.feature_names.clone()))?;
    /// assert!((display.importances.sum() - 1.0).abs() < 1e-9);
    /// assert!(display.to_svg().contains("petal"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_estimator<M: FeatureImportances>(model: &M, feature_names: Option<Vec<String>>) -> Result<Self> {
        Self::from_importances(model.feature_importances().view(), feature_names)
    }

    /// A chart of [`permutation_importance`](crate::inspection::permutation_importance)'s
    /// mean importances with their standard deviations as error bars.
    ///
    /// # Errors
    /// As [`FeatureImportanceDisplay::from_importances`].
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{FeatureImportanceDisplay, Plot};
    /// use learnkit::inspection::Importances;
    /// use ndarray::array;
    /// let result = Importances::new(array![[0.2, 0.4], [0.0, 0.02]], 0.9);
    /// let display = FeatureImportanceDisplay::from_permutation(&result, None)?;
    /// assert_eq!(display.std, Some(array![0.1, 0.01]));
    /// assert!(display.to_svg().contains("Decrease in score"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_permutation(result: &Importances, feature_names: Option<Vec<String>>) -> Result<Self> {
        let mut display = Self::from_importances(result.importances_mean.view(), feature_names)?;
        display.std = Some(result.importances_std.clone());
        display.xlabel = "Decrease in score".to_string();
        Ok(display)
    }

    /// Draws only the `n` most important features.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{FeatureImportanceDisplay, Plot};
    /// use ndarray::array;
    /// let display = FeatureImportanceDisplay::from_importances(array![0.5, 0.3, 0.2].view(), None)?.max_features(2);
    /// assert!(!display.to_svg().contains(">x2</text>"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn max_features(mut self, n: usize) -> Self {
        self.max_features = Some(n);
        self
    }

    /// Feature indices from the most to the least important (ties keep the
    /// lower index first).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::FeatureImportanceDisplay;
    /// use ndarray::array;
    /// let display = FeatureImportanceDisplay::from_importances(array![0.1, 0.3, 0.3].view(), None)?;
    /// assert_eq!(display.order(), vec![1, 2, 0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.importances.len()).collect();
        order.sort_by(|&a, &b| self.importances[b].total_cmp(&self.importances[a]));
        order
    }
}

impl Plot for FeatureImportanceDisplay {
    /// Bars from zero (row 0, the most important, on top), black error
    /// bars with caps, feature names as y tick labels.
    fn plot(&self) -> Figure {
        let mut order = self.order();
        order.truncate(self.max_features.unwrap_or(order.len()).max(1));
        let err = |i: usize| self.std.as_ref().map_or(0.0, |s| s[i].abs());
        let lo = order.iter().map(|&i| self.importances[i] - err(i)).fold(0.0, f64::min);
        let hi = order.iter().map(|&i| self.importances[i] + err(i)).fold(0.0, f64::max);
        let margin = if hi > lo { 0.05 * (hi - lo) } else { 0.5 };
        let n = order.len() as f64;
        let ticks = order
            .iter()
            .enumerate()
            .map(|(row, &i)| (row as f64, self.feature_names[i].clone()))
            .collect();
        let mut axes = Axes::new()
            .title("Feature importances")
            .xlabel(self.xlabel.clone())
            .xlim(lo - margin, hi + margin)
            .ylim(-0.6, n - 0.4)
            .invert_y(true)
            .yticks(ticks);
        for (row, &i) in order.iter().enumerate() {
            let (y, v) = (row as f64, self.importances[i]);
            axes.rect(0.0_f64.min(v), y - 0.4, 0.0_f64.max(v), y + 0.4, tab10(0));
            if self.std.is_some() {
                let e = err(i);
                let black = |x: Vec<f64>, y: Vec<f64>| Line::new(x, y).color(Color::BLACK).width(1.4);
                axes.line(black(vec![v - e, v + e], vec![y, y]));
                for end in [v - e, v + e] {
                    axes.line(black(vec![end, end], vec![y - 0.12, y + 0.12]));
                }
            }
        }
        Figure::from_axes(axes)
    }
}
