//! [`PartialDependenceDisplay`]: partial dependence (PDP) and individual
//! conditional expectation (ICE) plots, one subplot per feature or pair of
//! features, as scikit-learn's `sklearn.inspection.PartialDependenceDisplay`.

use super::heatmap::{LEVELS, cell_edges, fill_grid, level};
use super::{Axes, Color, Figure, LegendLoc, Line, LineStyle, Plot, tab10, viridis};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::inspection::{
    PartialDependence, PartialDependenceModel, PdKind, PdMethod, ResponseMethod, partial_dependence,
};
use crate::validation::check_param;
use ndarray::{ArrayView2, Axis};

const NAME: &str = "PartialDependenceDisplay";

/// The options of a [`PartialDependenceDisplay`], named and defaulted as
/// scikit-learn's `from_estimator`: `kind` (average; individual or both add
/// ICE lines), `grid_resolution` (100), `percentiles` ((0.05, 0.95)),
/// `method` and `response_method` (auto), `target` (the output drawn: the
/// class index of a multiclass classifier, required there), `feature_names`
/// (`None`: `x0`, `x1`, …), `n_cols` (3 subplots per row), `centered`
/// (false: ICE and PD curves start at 0), `subsample` (1,000 ICE lines at
/// most, drawn at random with `random_state`) and `categorical_features`.
///
/// # Example
/// ```
/// use learnkit::display::PartialDependencePlot;
/// use learnkit::inspection::PdKind;
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]];
/// let model = LinearRegression::default().fit(x.view(), array![0.0, 2.0, 4.0, 6.0].view())?;
/// let display = PartialDependencePlot::default().kind(PdKind::Both).display(&model, x.view(), &[&[0], &[1]])?;
/// assert_eq!(display.pd_results.len(), 2);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PartialDependencePlot {
    /// Average, individual (ICE) or both; default average.
    pub kind: PdKind,
    /// Grid points per feature; default 100.
    pub grid_resolution: usize,
    /// The grid's span in percentiles of each feature; default (0.05, 0.95).
    pub percentiles: (f64, f64),
    /// Brute force or recursion; default auto.
    pub method: PdMethod,
    /// A classifier's response; default auto.
    pub response_method: ResponseMethod,
    /// The output drawn (class index of a multiclass classifier); default `None`.
    pub target: Option<usize>,
    /// One name per column of `x`; default `None` (`x0`, `x1`, …).
    pub feature_names: Option<Vec<String>>,
    /// Subplots per row; default 3.
    pub n_cols: usize,
    /// Start every curve at 0; default false.
    pub centered: bool,
    /// Most ICE lines drawn per subplot; default `Some(1000)`, `None` for all.
    pub subsample: Option<usize>,
    /// Seed of the ICE lines' subsample; default `None`.
    pub random_state: Option<u64>,
    /// Columns whose grid is their distinct values; default none.
    pub categorical_features: Vec<usize>,
}

impl Default for PartialDependencePlot {
    fn default() -> Self {
        PartialDependencePlot {
            kind: PdKind::Average,
            grid_resolution: 100,
            percentiles: (0.05, 0.95),
            method: PdMethod::Auto,
            response_method: ResponseMethod::Auto,
            target: None,
            feature_names: None,
            n_cols: 3,
            centered: false,
            subsample: Some(1000),
            random_state: None,
            categorical_features: Vec::new(),
        }
    }
}

setters!(PartialDependencePlot in "learnkit::display" {
    kind: PdKind = learnkit::inspection::PdKind::Both;
    grid_resolution: usize = 20;
    percentiles: (f64, f64) = (0.1, 0.9);
    method: PdMethod = learnkit::inspection::PdMethod::Brute;
    response_method: ResponseMethod = learnkit::inspection::ResponseMethod::PredictProba;
    target: Option<usize> = Some(1);
    feature_names: Option<Vec<String>> = Some(vec!["age".to_string()]);
    n_cols: usize = 2;
    centered: bool = true;
    subsample: Option<usize> = Some(50);
    random_state: Option<u64> = Some(0);
    categorical_features: Vec<usize> = vec![2];
});

/// Partial dependence plots: for each entry of `features` (one column, or
/// a pair drawn as a heatmap) the [`PartialDependence`] of the model, the
/// deciles of each column (drawn as ticks at the bottom) and the options
/// of [`PartialDependencePlot`]. Render with [`Plot::plot`]: one subplot
/// per entry, `n_cols` per row.
///
/// # Example
/// ```
/// use learnkit::display::{PartialDependenceDisplay, Plot};
/// use learnkit::prelude::*;
/// use learnkit::datasets::MakeRegression;
/// use learnkit::tree::DecisionTreeRegressor;
/// let (x, y) = MakeRegression::default().n_samples(100).n_features(3).random_state(0).generate()?;
/// let tree = DecisionTreeRegressor::default().max_depth(Some(3)).fit(x.view(), y.view())?;
/// let display = PartialDependenceDisplay::from_estimator(&tree, x.view(), &[&[0], &[2], &[0, 1]])?;
/// assert_eq!(display.features, vec![vec![0], vec![2], vec![0, 1]]);
/// assert!(display.to_svg().contains(">Partial dependence</text>"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PartialDependenceDisplay {
    /// One result per entry of `features`.
    pub pd_results: Vec<PartialDependence>,
    /// The columns of each subplot (one, or a pair).
    pub features: Vec<Vec<usize>>,
    /// The name of every column of `x`.
    pub feature_names: Vec<String>,
    /// The output drawn (index into the results' first axis).
    pub target_idx: usize,
    /// The deciles (10 %, …, 90 %, scipy's `mquantiles`) of each column in
    /// `features`: `(column, deciles)`.
    pub deciles: Vec<(usize, Vec<f64>)>,
    /// Average, individual or both.
    pub kind: PdKind,
    /// Subplots per row.
    pub n_cols: usize,
    /// Every curve starts at 0.
    pub centered: bool,
    /// Most ICE lines drawn per subplot (`None`: all).
    pub subsample: Option<usize>,
    /// Seed of the ICE lines' subsample.
    pub random_state: Option<u64>,
}

impl PartialDependenceDisplay {
    /// scikit-learn's `from_estimator` with its defaults: see
    /// [`PartialDependencePlot::display`].
    ///
    /// # Errors
    /// As [`PartialDependencePlot::display`].
    ///
    /// # Example
    /// ```
    /// use learnkit::display::PartialDependenceDisplay;
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 2.0, 4.0].view())?;
    /// assert!(PartialDependenceDisplay::from_estimator(&model, x.view(), &[&[2]]).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_estimator<F: Float, M: PartialDependenceModel<F> + ?Sized>(
        model: &M,
        x: ArrayView2<'_, F>,
        features: &[&[usize]],
    ) -> Result<Self> {
        PartialDependencePlot::default().display(model, x, features)
    }
}

impl PartialDependencePlot {
    /// Computes the partial dependence of `model` on each entry of
    /// `features` (a column or a pair of columns of `x`) and the deciles of
    /// those columns.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for no `features`, an entry of more than
    /// two columns (or a pair with `kind` other than average: ICE lines are
    /// drawn for one column only), `feature_names` of the wrong length,
    /// `n_cols` 0, a `subsample` of 0, a missing `target` for a model with
    /// several outputs or a `target` out of range; those of
    /// [`partial_dependence`](crate::inspection::partial_dependence) (a
    /// column index out of range, …).
    ///
    /// # Example
    /// ```
    /// use learnkit::display::PartialDependencePlot;
    /// use learnkit::inspection::PdKind;
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 2.0, 4.0].view())?;
    /// let options = PartialDependencePlot::default().kind(PdKind::Individual);
    /// assert_eq!(options.display(&model, x.view(), &[&[0]])?.pd_results[0].individual.as_ref().unwrap().shape(), &[1, 3, 3]);
    /// assert!(options.display(&model, x.view(), &[&[0, 1]]).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn display<F: Float, M: PartialDependenceModel<F> + ?Sized>(
        &self,
        model: &M,
        x: ArrayView2<'_, F>,
        features: &[&[usize]],
    ) -> Result<PartialDependenceDisplay> {
        check_param(NAME, "features", features.len(), "at least one feature or pair", |n| {
            n >= 1
        })?;
        check_param(NAME, "n_cols", self.n_cols, ">= 1", |n| n >= 1)?;
        check_param(NAME, "subsample", self.subsample, "None or >= 1", |s| s != Some(0))?;
        for entry in features {
            if entry.is_empty() || entry.len() > 2 {
                return Err(Error::invalid_parameter(
                    NAME,
                    "features",
                    "entries of one column or a pair of columns",
                    format!("{entry:?}"),
                ));
            }
            if entry.len() == 2 && self.kind != PdKind::Average {
                return Err(Error::invalid_parameter(
                    NAME,
                    "kind",
                    "Average for a pair of features (ICE lines are drawn for one feature only)",
                    format!("{:?}", self.kind),
                ));
            }
        }
        let names = match &self.feature_names {
            Some(names) if names.len() != x.ncols() => {
                return Err(Error::invalid_parameter(
                    NAME,
                    "feature_names",
                    format!("one name per column of x ({})", x.ncols()),
                    names.len(),
                ));
            }
            Some(names) => names.clone(),
            None => (0..x.ncols()).map(|j| format!("x{j}")).collect(),
        };
        let mut pd_results = Vec::with_capacity(features.len());
        for entry in features {
            let pd = partial_dependence(model, x, entry)
                .grid_resolution(self.grid_resolution)
                .percentiles(self.percentiles)
                .categorical_features(&self.categorical_features)
                .kind(self.kind)
                .method(self.method)
                .response_method(self.response_method)
                .compute()?;
            pd_results.push(pd);
        }
        let n_outputs = pd_results[0]
            .average
            .as_ref()
            .or(pd_results[0].individual.as_ref())
            .map_or(1, |a| a.shape()[0]);
        let target_idx = match self.target {
            None if n_outputs > 1 => {
                return Err(Error::invalid_parameter(
                    NAME,
                    "target",
                    format!(
                        "the output to draw (a class index below {n_outputs}) for a model with {n_outputs} outputs"
                    ),
                    "None",
                ));
            }
            None => 0,
            Some(t) if n_outputs == 1 => {
                // A binary classifier's one output is its positive class:
                // target 0 or 1 (scikit-learn's class label) draws it.
                check_param(NAME, "target", t, "0 or 1 for a model with one output", |t| t <= 1)?;
                0
            }
            Some(t) => {
                check_param(NAME, "target", t, &format!("an output index below {n_outputs}"), |t| {
                    t < n_outputs
                })?;
                t
            }
        };
        let mut columns: Vec<usize> = features.iter().flat_map(|e| e.iter().copied()).collect();
        columns.sort_unstable();
        columns.dedup();
        let deciles = columns
            .into_iter()
            .map(|c| {
                let mut values: Vec<f64> = x.column(c).iter().map(|v| v.as_f64()).filter(|v| !v.is_nan()).collect();
                values.sort_by(f64::total_cmp);
                // scipy's mquantiles needs two values; one value is its own deciles.
                let deciles = match values.len() {
                    0 => Vec::new(),
                    1 => vec![values[0]; 9],
                    // np.arange(0.1, 1.0, 0.1): 0.1 + i · 0.1, as scikit-learn asks scipy.
                    _ => (0..9)
                        .map(|i| crate::inspection::mquantile(&values, 0.1 + i as f64 * 0.1))
                        .collect(),
                };
                (c, deciles)
            })
            .collect();
        Ok(PartialDependenceDisplay {
            pd_results,
            features: features.iter().map(|e| e.to_vec()).collect(),
            feature_names: names,
            target_idx,
            deciles,
            kind: self.kind,
            n_cols: self.n_cols,
            centered: self.centered,
            subsample: self.subsample,
            random_state: self.random_state,
        })
    }
}

impl PartialDependenceDisplay {
    fn deciles_of(&self, column: usize) -> &[f64] {
        self.deciles
            .iter()
            .find(|(c, _)| *c == column)
            .map_or(&[], |(_, d)| d.as_slice())
    }

    /// The rows whose ICE lines are drawn: all, or `subsample` of them
    /// drawn without replacement with `random_state`, in row order.
    fn ice_rows(&self, n_rows: usize) -> Vec<usize> {
        match self.subsample {
            Some(k) if k < n_rows => {
                let mut rng = crate::random::rng_from(self.random_state);
                let mut rows = rand::seq::index::sample(&mut rng, n_rows, k).into_vec();
                rows.sort_unstable();
                rows
            }
            _ => (0..n_rows).collect(),
        }
    }

    /// One feature: the ICE lines (thin, translucent) and the average.
    fn one_way(&self, pd: &PartialDependence, column: usize) -> Axes {
        let grid = pd.grid_values[0].to_vec();
        let centre = |curve: Vec<f64>| -> Vec<f64> {
            match (self.centered, curve.first().copied()) {
                (true, Some(first)) => curve.iter().map(|v| v - first).collect(),
                _ => curve,
            }
        };
        let mut lines = Vec::new();
        if let Some(individual) = &pd.individual {
            let ice = individual.index_axis(Axis(0), self.target_idx);
            for row in self.ice_rows(ice.shape()[0]) {
                let curve = centre(ice.index_axis(Axis(0), row).iter().copied().collect());
                lines.push(
                    Line::new(grid.clone(), curve)
                        .color(tab10(0).with_alpha(0.3))
                        .width(0.5),
                );
            }
        }
        if let Some(average) = &pd.average {
            let curve = centre(average.index_axis(Axis(0), self.target_idx).iter().copied().collect());
            let line = Line::new(grid.clone(), curve);
            lines.push(if self.kind == PdKind::Both {
                line.color(tab10(1))
                    .style(LineStyle::Dashed)
                    .width(2.0)
                    .label("average")
            } else {
                line.color(tab10(0))
            });
        }
        let (lo, hi) = lines
            .iter()
            .flat_map(|l| l.y.iter().copied())
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
        let (lo, hi) = if lo < hi { (lo, hi) } else { (lo - 0.5, lo + 0.5) };
        let (bottom, top) = (lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo));
        let mut axes = Axes::new().xlabel(self.feature_names[column].clone()).ylim(bottom, top);
        if self.kind == PdKind::Both {
            axes = axes.legend(LegendLoc::Best);
        }
        // The deciles: short black ticks rising from the bottom (5 % of the height).
        for &d in self.deciles_of(column) {
            if d >= grid[0] && d <= grid[grid.len() - 1] {
                axes.line(Line::new(vec![d, d], vec![bottom, bottom + 0.05 * (top - bottom)]).color(Color::BLACK));
            }
        }
        for line in lines {
            axes.line(line);
        }
        axes
    }

    /// A pair of features: the average as a banded heatmap with a colorbar.
    fn two_way(&self, pd: &PartialDependence, columns: &[usize]) -> Axes {
        let (g0, g1) = (pd.grid_values[0].to_vec(), pd.grid_values[1].to_vec());
        let mut axes = Axes::new()
            .xlabel(self.feature_names[columns[0]].clone())
            .ylabel(self.feature_names[columns[1]].clone());
        let Some(average) = &pd.average else { return axes };
        let surface = average.index_axis(Axis(0), self.target_idx);
        let (lo, hi) = surface
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
        let (e0, e1) = (cell_edges(&g0), cell_edges(&g1));
        // The result is indexed [first feature, second feature]: the first
        // runs along x, so the heatmap's row i is the second feature's value.
        fill_grid(&mut axes, &e0, &e1, |i, j| {
            let band = level(surface[[j, i]], lo, hi);
            viridis((band as f64 + 0.5) / LEVELS as f64)
        });
        axes = axes.xlim(e0[0], e0[e0.len() - 1]).ylim(e1[0], e1[e1.len() - 1]);
        if lo < hi {
            axes = axes.colorbar(lo, hi, viridis);
        }
        axes
    }
}

impl Plot for PartialDependenceDisplay {
    /// One subplot per entry of `features`, `n_cols` per row (800 × 600
    /// pixels, more for more rows): a column's partial dependence line (and
    /// ICE lines), its deciles as ticks at the bottom; a pair's as a heatmap.
    /// The first subplot of each row names the y-axis "Partial dependence".
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{PartialDependencePlot, Plot};
    /// use learnkit::inspection::PdKind;
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.5]];
    /// let model = LinearRegression::default().fit(x.view(), array![0.0, 2.0, 4.0, 6.0].view())?;
    /// let display = PartialDependencePlot::default().kind(PdKind::Both).display(&model, x.view(), &[&[0]])?;
    /// assert!(display.to_svg().contains(">average</text>"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn plot(&self) -> Figure {
        let n_cols = self.n_cols.clamp(1, self.features.len().max(1));
        let n_rows = self.features.len().div_ceil(n_cols).max(1);
        let axes: Vec<Axes> = self
            .features
            .iter()
            .zip(&self.pd_results)
            .enumerate()
            .map(|(i, (columns, pd))| {
                let axes = if columns.len() == 1 {
                    self.one_way(pd, columns[0])
                } else {
                    self.two_way(pd, columns)
                };
                if i % n_cols == 0 && columns.len() == 1 {
                    axes.ylabel("Partial dependence")
                } else {
                    axes
                }
            })
            .collect();
        let width = (360 * n_cols).max(800) as u32;
        let height = (420 * n_rows).max(600) as u32;
        Figure::grid(width, height, n_cols, axes)
    }
}
