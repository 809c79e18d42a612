//! [`plot_tree`] and [`PlotTree`]: a fitted decision tree (or one tree of a
//! forest) drawn top-down as scikit-learn's `sklearn.tree.plot_tree`: the
//! same node texts, fill colours and Buchheim layout, held in a
//! [`TreeDisplay`].

use super::pyfmt::{np_around, np_list, py_repr, py_round};
use super::text::cap_height;
use super::tree_layout::buchheim;
use super::{Anchor, Color, Figure, Plot, Primitive, Stroke, TextStyle, text_width};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::tree::{Criterion, FittedDecisionTreeClassifier, FittedDecisionTreeRegressor, Tree};

const NAME: &str = "plot_tree";

/// Rust's formatter takes a precision up to `u16::MAX`.
const MAX_PRECISION: usize = u16::MAX as usize;

/// A fitted tree model that [`plot_tree`] can draw: its trees (one for a
/// decision tree, one per estimator for a forest), the criterion's name and
/// its number of classes.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::display::TreeModel;
/// use learnkit::tree::DecisionTreeClassifier;
/// use ndarray::array;
/// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
/// assert_eq!(model.trees().len(), 1);
/// assert_eq!(model.criterion_name(), "gini");
/// assert_eq!(model.n_classes(), Some(2));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait TreeModel {
    /// The fitted trees.
    fn trees(&self) -> &[Tree];
    /// The impurity's name as scikit-learn prints it (`gini`, `entropy`,
    /// `squared_error`).
    fn criterion_name(&self) -> &'static str;
    /// The number of classes of a classifier, `None` for a regressor.
    fn n_classes(&self) -> Option<usize>;
}

fn class_criterion(criterion: Criterion) -> &'static str {
    match criterion {
        Criterion::Gini => "gini",
        Criterion::Entropy => "entropy",
    }
}

impl<F: Float, L: Label> TreeModel for FittedDecisionTreeClassifier<F, L> {
    fn trees(&self) -> &[Tree] {
        std::slice::from_ref(self.tree())
    }
    fn criterion_name(&self) -> &'static str {
        class_criterion(self.params().criterion)
    }
    fn n_classes(&self) -> Option<usize> {
        Some(self.classes().len())
    }
}

impl<F: Float> TreeModel for FittedDecisionTreeRegressor<F> {
    fn trees(&self) -> &[Tree] {
        std::slice::from_ref(self.tree())
    }
    fn criterion_name(&self) -> &'static str {
        "squared_error"
    }
    fn n_classes(&self) -> Option<usize> {
        None
    }
}

// The forests are generic over a crate-private parameter trait: one impl per
// public forest type.
macro_rules! forest_tree_model {
    (classifier: $($fitted:ident),*; regressor: $($rfitted:ident),*) => {
        $(impl<F: Float, L: Label> TreeModel for crate::ensemble::$fitted<F, L> {
            fn trees(&self) -> &[Tree] {
                self.estimators()
            }
            fn criterion_name(&self) -> &'static str {
                class_criterion(self.params().criterion)
            }
            fn n_classes(&self) -> Option<usize> {
                Some(self.classes().len())
            }
        })*
        $(impl<F: Float> TreeModel for crate::ensemble::$rfitted<F> {
            fn trees(&self) -> &[Tree] {
                self.estimators()
            }
            fn criterion_name(&self) -> &'static str {
                "squared_error"
            }
            fn n_classes(&self) -> Option<usize> {
                None
            }
        })*
    };
}

forest_tree_model!(
    classifier: FittedRandomForestClassifier, FittedExtraTreesClassifier;
    regressor: FittedRandomForestRegressor, FittedExtraTreesRegressor
);

/// Which nodes name their numbers (`gini = `, `samples = `, …), as
/// scikit-learn's `label`.
///
/// # Example
/// ```
/// use learnkit::display::{PlotTree, TreeLabel};
/// assert_eq!(PlotTree::default().label, TreeLabel::All);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TreeLabel {
    /// Every node (the default).
    #[default]
    All,
    /// The root only.
    Root,
    /// No node.
    None,
}

/// The options of [`plot_tree`], named and defaulted as scikit-learn's:
/// `max_depth` (`None`: the whole tree; deeper nodes are drawn as grey
/// `(...)` boxes), `feature_names` (`None`: `x[i]`), `class_names` (`None`:
/// no class line; `model.class_names()` of [`TextTree`](crate::tree::TextTree)
/// gives the fitted labels), `label`, `filled` (false: colour nodes by their
/// majority class, or by value for a regressor), `impurity` (true),
/// `node_ids` (false), `proportion` (false: counts, not fractions),
/// `precision` (3 digits) and `fontsize`
/// (`None`: as large as fits). `tree_index` picks a forest's tree (0).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::display::PlotTree;
/// use learnkit::tree::DecisionTreeClassifier;
/// use ndarray::array;
/// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
/// let display = PlotTree::default().feature_names(Some(vec!["x".into()])).filled(true).display(&model)?;
/// assert_eq!(display.nodes[0].text, "x <= 0.5\ngini = 0.5\nsamples = 2\nvalue = [1, 1]");
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PlotTree {
    /// Deepest level drawn with its text (the root is at depth 0); default `None`.
    pub max_depth: Option<usize>,
    /// One name per feature; default `None` (`x[i]`).
    pub feature_names: Option<Vec<String>>,
    /// One name per class; default `None` (no class line).
    pub class_names: Option<Vec<String>>,
    /// Which nodes name their numbers; default [`TreeLabel::All`].
    pub label: TreeLabel,
    /// Fill nodes with their class's colour (regressors: by value); default false.
    pub filled: bool,
    /// Show each node's impurity; default true.
    pub impurity: bool,
    /// Show each node's id; default false.
    pub node_ids: bool,
    /// Show fractions of the samples instead of counts; default false.
    pub proportion: bool,
    /// Digits of thresholds, impurities and values; default 3.
    pub precision: usize,
    /// Font size in pixels; default `None` (the largest that fits).
    pub fontsize: Option<f64>,
    /// Which tree of a forest; default 0.
    pub tree_index: usize,
}

impl Default for PlotTree {
    fn default() -> Self {
        PlotTree {
            max_depth: None,
            feature_names: None,
            class_names: None,
            label: TreeLabel::All,
            filled: false,
            impurity: true,
            node_ids: false,
            proportion: false,
            precision: 3,
            fontsize: None,
            tree_index: 0,
        }
    }
}

setters!(PlotTree in "learnkit::display" {
    max_depth: Option<usize> = Some(2);
    feature_names: Option<Vec<String>> = Some(vec!["a".to_string()]);
    class_names: Option<Vec<String>> = Some(vec!["no".to_string(), "yes".to_string()]);
    label: TreeLabel = learnkit::display::TreeLabel::Root;
    filled: bool = true;
    impurity: bool = false;
    node_ids: bool = true;
    proportion: bool = true;
    precision: usize = 2;
    fontsize: Option<f64> = Some(12.0);
    tree_index: usize = 1;
});

/// One drawn node of a [`TreeDisplay`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::display::plot_tree;
/// use learnkit::tree::DecisionTreeRegressor;
/// use ndarray::array;
/// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![1.0, 3.0].view())?;
/// let root = &plot_tree(&model)?.nodes[0];
/// assert_eq!((root.node_id, root.x, root.depth, root.truncated), (0, 0.5, 0, false));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct TreeNodeBox {
    /// The node's index in the fitted [`Tree`].
    pub node_id: usize,
    /// Horizontal position in layout units (siblings are at least 1 apart).
    pub x: f64,
    /// Depth (the root is 0), the vertical position.
    pub depth: usize,
    /// The node's text, lines separated by `\n` (`(...)` when truncated).
    pub text: String,
    /// Whether the node lies below `max_depth` (a grey `(...)` box).
    pub truncated: bool,
    /// The fill colour as `[r, g, b]` (`None` unless `filled`; grey when truncated).
    pub fill: Option<[u8; 3]>,
    /// The index (in [`TreeDisplay::nodes`]) of the parent, `None` for the root.
    pub parent: Option<usize>,
}

/// What [`plot_tree`] draws: the node boxes in drawing order (depth first,
/// left before right), each with its text, fill and position in the
/// Buchheim layout, as scikit-learn's `plot_tree`. Render with
/// [`TreeDisplay::plot`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::display::plot_tree;
/// use learnkit::tree::DecisionTreeClassifier;
/// let iris = learnkit::datasets::load_iris();
/// let model = DecisionTreeClassifier::default().max_depth(Some(2)).fit(iris.data.view(), iris.target.view())?;
/// let display = plot_tree(&model)?;
/// assert_eq!(display.nodes.len(), model.tree().node_count());
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct TreeDisplay {
    /// The boxes, the root first.
    pub nodes: Vec<TreeNodeBox>,
    /// Layout width: the largest x plus 1.
    pub max_x: f64,
    /// Layout height: the largest depth plus 1.
    pub max_y: f64,
    /// Font size in pixels, `None` for the largest that fits.
    pub fontsize: Option<f64>,
}

/// A fitted tree drawn as scikit-learn's `plot_tree` with its default
/// options (see [`PlotTree`] for the options).
///
/// # Errors
/// None for a fitted tree with the default options; see [`PlotTree::display`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::display::{Plot, plot_tree};
/// use learnkit::tree::DecisionTreeClassifier;
/// let iris = learnkit::datasets::load_iris();
/// let model = DecisionTreeClassifier::default().max_depth(Some(1)).fit(iris.data.view(), iris.target.view())?;
/// let svg = plot_tree(&model)?.plot().to_svg();
/// assert!(svg.contains("samples = 150"));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn plot_tree<M: TreeModel>(model: &M) -> Result<TreeDisplay> {
    PlotTree::default().display(model)
}

impl PlotTree {
    /// Lays out `model`'s tree (a forest's tree number `tree_index`) with
    /// these options.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `feature_names` or `class_names` has
    /// the wrong length, `tree_index` is not a tree of the model, `precision`
    /// is above 65,535 (Rust's formatting limit) or `fontsize` is not a
    /// positive finite number.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::display::PlotTree;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![1.0, 3.0].view())?;
    /// let display = PlotTree::default().max_depth(Some(0)).display(&model)?;
    /// assert_eq!(display.nodes[1].text, "(...)");
    /// assert!(PlotTree::default().feature_names(Some(vec![])).display(&model).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn display<M: TreeModel>(&self, model: &M) -> Result<TreeDisplay> {
        let trees = model.trees();
        let tree = trees.get(self.tree_index).ok_or_else(|| {
            Error::invalid_parameter(
                NAME,
                "tree_index",
                format!("below the number of trees ({})", trees.len()),
                self.tree_index,
            )
        })?;
        self.check(tree, model.n_classes())?;
        let mut shown = Vec::new();
        self.collect(tree, 0, 0, None, &mut shown);
        let mut children = vec![Vec::new(); shown.len()];
        for (i, &(_, _, parent)) in shown.iter().enumerate() {
            if let Some(p) = parent {
                children[p].push(i);
            }
        }
        let layout = buchheim(&children);
        let colors = self.filled.then(|| FillColors::new(tree, model.n_classes()));
        let nodes: Vec<TreeNodeBox> = shown
            .iter()
            .zip(&layout)
            .map(|(&(node, depth, parent), &(x, _))| {
                let truncated = self.max_depth.is_some_and(|m| depth > m);
                TreeNodeBox {
                    node_id: node,
                    x,
                    depth,
                    text: if truncated {
                        "(...)".to_string()
                    } else {
                        self.node_text(tree, node, model.criterion_name(), model.n_classes())
                    },
                    truncated,
                    fill: match (&colors, truncated) {
                        (_, true) => Some([128, 128, 128]),
                        (Some(colors), false) => Some(colors.fill(tree, node)),
                        (None, false) => None,
                    },
                    parent,
                }
            })
            .collect();
        let max_x = nodes.iter().fold(0.0f64, |m, n| m.max(n.x)) + 1.0;
        let max_y = nodes.iter().map(|n| n.depth).max().unwrap_or(0) as f64 + 1.0;
        Ok(TreeDisplay {
            nodes,
            max_x,
            max_y,
            fontsize: self.fontsize,
        })
    }

    fn check(&self, tree: &Tree, n_classes: Option<usize>) -> Result<()> {
        if let Some(names) = self.feature_names.as_ref().filter(|n| n.len() != tree.n_features) {
            return Err(Error::invalid_parameter(
                NAME,
                "feature_names",
                format!("one name per feature ({})", tree.n_features),
                names.len(),
            ));
        }
        if let (Some(names), Some(k)) = (&self.class_names, n_classes) {
            if names.len() != k {
                return Err(Error::invalid_parameter(
                    NAME,
                    "class_names",
                    format!("one name per class ({k})"),
                    names.len(),
                ));
            }
        }
        if self.precision > MAX_PRECISION {
            return Err(Error::invalid_parameter(
                NAME,
                "precision",
                format!("at most {MAX_PRECISION} (the most a number can be formatted with)"),
                self.precision,
            ));
        }
        if let Some(size) = self.fontsize.filter(|s| !(s.is_finite() && *s > 0.0)) {
            return Err(Error::invalid_parameter(
                NAME,
                "fontsize",
                "a positive finite size",
                size,
            ));
        }
        Ok(())
    }

    /// The nodes drawn, depth first: `(node, depth, parent's position)`. A
    /// node deeper than `max_depth` is drawn (as `(...)`) but not its children,
    /// as scikit-learn's `_make_tree`.
    fn collect(
        &self,
        tree: &Tree,
        node: usize,
        depth: usize,
        parent: Option<usize>,
        out: &mut Vec<(usize, usize, Option<usize>)>,
    ) {
        let me = out.len();
        out.push((node, depth, parent));
        if self.max_depth.is_some_and(|m| depth > m) {
            return;
        }
        if let Some((left, right)) = tree.children(node) {
            self.collect(tree, left, depth + 1, Some(me), out);
            self.collect(tree, right, depth + 1, Some(me), out);
        }
    }

    /// scikit-learn's `_MPLTreeExporter.node_to_str`.
    fn node_text(&self, tree: &Tree, node: usize, criterion: &str, n_classes: Option<usize>) -> String {
        let labels = self.label == TreeLabel::All || (self.label == TreeLabel::Root && node == 0);
        let named = |name: &str| if labels { format!("{name} = ") } else { String::new() };
        let precision = self.precision;
        let mut lines = Vec::new();
        if self.node_ids {
            lines.push(format!("{}#{node}", if labels { "node " } else { "" }));
        }
        if tree.children(node).is_some() {
            let feature = tree.feature(node);
            let name = match &self.feature_names {
                Some(names) => names[feature].clone(),
                None => format!("x[{feature}]"),
            };
            lines.push(format!(
                "{name} <= {}",
                py_repr(py_round(tree.threshold(node), precision))
            ));
        }
        if self.impurity {
            lines.push(format!(
                "{}{}",
                named(criterion),
                py_repr(py_round(tree.impurity(node), precision))
            ));
        }
        let n = tree.n_node_samples(node);
        if self.proportion {
            let percent = 100.0 * n as f64 / tree.n_node_samples(0) as f64;
            lines.push(format!("{}{}%", named("samples"), py_repr(py_round(percent, 1))));
        } else {
            lines.push(format!("{}{n}", named("samples")));
        }
        let value = tree.value(node);
        let text = match n_classes {
            None => value
                .iter()
                .map(|&v| py_repr(np_around(v, precision)))
                .collect::<Vec<_>>()
                .join(", "),
            Some(_) => {
                let words: Vec<String> = if self.proportion {
                    value.iter().map(|&v| py_repr(np_around(v, precision))).collect()
                } else {
                    // Fractions × the node's weight: the weighted counts,
                    // printed as integers when they all are.
                    let w = tree.weighted_n_node_samples[node];
                    let counts: Vec<f64> = value.iter().map(|v| v * w).collect();
                    if counts.iter().all(|c| c.fract() == 0.0 && c.abs() < 9e15) {
                        counts.iter().map(|&c| format!("{}", c as i64)).collect()
                    } else {
                        counts.iter().map(|&c| py_repr(np_around(c, precision))).collect()
                    }
                };
                np_list(&words)
            }
        };
        lines.push(format!("{}{text}", named("value")));
        if let (Some(names), Some(_)) = (&self.class_names, n_classes) {
            lines.push(format!("{}{}", named("class"), names[crate::tree::argmax(value)]));
        }
        lines.join("\n")
    }
}

/// The colours of `filled` nodes, as scikit-learn's `get_fill_color`: a
/// classifier's node takes its majority class's hue, faded to white by how
/// mixed it is; a regressor's node fades with its value between the smallest
/// and largest node value.
struct FillColors {
    hues: Vec<[f64; 3]>,
    /// The range of node values of a regressor (`None` for a classifier or a
    /// tree whose nodes all hold the same value).
    bounds: Option<(f64, f64)>,
}

impl FillColors {
    fn new(tree: &Tree, n_classes: Option<usize>) -> Self {
        let hues = color_brew(n_classes.unwrap_or(1));
        let bounds = match n_classes {
            Some(_) => None,
            None => {
                let lo = tree.value.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = tree.value.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                (lo < hi).then_some((lo, hi))
            }
        };
        FillColors { hues, bounds }
    }

    fn fill(&self, tree: &Tree, node: usize) -> [u8; 3] {
        let value = tree.value(node);
        let (hue, alpha) = match self.bounds {
            Some((lo, hi)) => (self.hues[0], (value[0] - lo) / (hi - lo)),
            None => {
                let mut sorted = value.to_vec();
                sorted.sort_by(|a, b| b.total_cmp(a));
                let alpha = if sorted.len() < 2 {
                    0.0
                } else {
                    (sorted[0] - sorted[1]) / (1.0 - sorted[1])
                };
                (self.hues[crate::tree::argmax(value)], alpha)
            }
        };
        hue.map(|c| (alpha * c + (1.0 - alpha) * 255.0).round_ties_even().clamp(0.0, 255.0) as u8)
    }
}

/// scikit-learn's `_color_brew(n)`: `n` hues equally spaced from 25°, at
/// saturation 0.75 and value 0.9.
fn color_brew(n: usize) -> Vec<[f64; 3]> {
    let (s, v) = (0.75, 0.9);
    let c = s * v;
    let m = v - c;
    let step = 360.0 / n.max(1) as f64;
    (0..n.max(1))
        .map(|i| {
            // np.arange(25, 385, step).astype(int): start + i·step, truncated.
            let h = (25.0 + i as f64 * step).trunc();
            let h_bar = h / 60.0;
            let x = c * (1.0 - ((h_bar % 2.0) - 1.0).abs());
            let (r, g, b) = match h_bar as usize {
                0 => (c, x, 0.0),
                1 => (x, c, 0.0),
                2 => (0.0, c, x),
                3 => (0.0, x, c),
                4 => (x, 0.0, c),
                5 => (c, 0.0, x),
                _ => (c, x, 0.0),
            };
            [r, g, b].map(|u| (255.0 * (u + m)).trunc())
        })
        .collect()
}

/// The largest automatic font size, in pixels (scikit-learn grows the text
/// of a small tree without bound; a few large boxes read better capped).
const MAX_AUTO_FONT: f64 = 16.0;

impl Plot for TreeDisplay {
    /// The boxes at their layout positions on an 800 × 600 figure, each
    /// text line centred, with an arrow from each parent to its children
    /// and "True" / "False" beside the root's two edges, as scikit-learn's
    /// `plot_tree`. Without a `fontsize`, the text takes the largest size
    /// (up to 16 px) at which every box fits its layout cell.
    ///
    /// # Example
    /// ```
    /// use learnkit::display::{Plot, plot_tree};
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![1.0, 3.0].view())?;
    /// let svg = plot_tree(&model)?.to_svg();
    /// assert!(svg.contains(">x[0] &lt;= 0.5</text>") && svg.contains(">True  </text>"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn plot(&self) -> Figure {
        let (width, height) = (800.0, 600.0);
        let mut figure = Figure::new(width as u32, height as u32);
        let lines: Vec<Vec<&str>> = self.nodes.iter().map(|n| n.text.split('\n').collect()).collect();
        // Box size per unit of font size: widest line plus padding, and
        // 1.25 lines per line plus padding (matplotlib's bbox pad is 0.3 em).
        let unit_w = lines
            .iter()
            .flat_map(|l| l.iter().map(|t| text_width(t, 1.0)))
            .fold(0.0f64, f64::max)
            + 0.6;
        let unit_h = lines.iter().map(|l| l.len()).max().unwrap_or(1) as f64 * LINE_SPACING + 0.6;
        let (cell_w, cell_h) = (width / self.max_x, height / self.max_y);
        let size = self
            .fontsize
            .unwrap_or_else(|| (0.9 * cell_w / unit_w).min(0.7 * cell_h / unit_h).min(MAX_AUTO_FONT));
        let centre = |n: &TreeNodeBox| [(n.x + 0.5) * cell_w, (n.depth as f64 + 0.5) * cell_h];
        let box_of = |i: usize| {
            let [cx, cy] = centre(&self.nodes[i]);
            let w = lines[i].iter().map(|t| text_width(t, size)).fold(0.0f64, f64::max) + 0.6 * size;
            let h = lines[i].len() as f64 * LINE_SPACING * size + 0.6 * size;
            [cx - w / 2.0, cy - h / 2.0, w, h]
        };
        let edge = Stroke::new(Color::BLACK, 1.0);
        for (i, node) in self.nodes.iter().enumerate() {
            let Some(p) = node.parent else { continue };
            let (from, to) = (box_of(p), box_of(i));
            let start = [from[0] + from[2] / 2.0, from[1] + from[3]];
            let end = [to[0] + to[2] / 2.0, to[1]];
            figure.polyline(vec![start, end], edge.clone());
            figure.polygon(arrow_head(start, end, 0.5 * size), Color::BLACK);
            if self.nodes[p].parent.is_none() {
                let mid = [(start[0] + end[0]) / 2.0, (start[1] + end[1]) / 2.0];
                let left = self.nodes.iter().position(|n| n.parent == Some(p)) == Some(i);
                let (text, anchor) = if left {
                    ("True  ", Anchor::End)
                } else {
                    ("  False", Anchor::Start)
                };
                figure.text(mid[0], mid[1], text, TextStyle::new(size).anchor(anchor));
            }
        }
        for (i, node) in self.nodes.iter().enumerate() {
            let [x, y, w, h] = box_of(i);
            figure.push(Primitive::Rect {
                x,
                y,
                width: w,
                height: h,
                fill: Some(node.fill.map_or(Color::WHITE, |[r, g, b]| Color::rgb(r, g, b))),
                stroke: Some(Stroke::new(Color::BLACK, 1.0)),
            });
            let top = y + 0.3 * size;
            for (k, text) in lines[i].iter().enumerate() {
                // Each line's baseline sits at its slot's cap-height centre.
                let baseline = top + (k as f64 + 0.5) * LINE_SPACING * size + cap_height(size) / 2.0;
                figure.text(
                    x + w / 2.0,
                    baseline,
                    *text,
                    TextStyle::new(size).anchor(Anchor::Middle),
                );
            }
        }
        figure
    }
}

/// Lines of a box are this many font sizes apart.
const LINE_SPACING: f64 = 1.25;

/// A filled triangle at `end`, pointing from `start` to `end`.
fn arrow_head(start: [f64; 2], end: [f64; 2], length: f64) -> Vec<[f64; 2]> {
    let (dx, dy) = (end[0] - start[0], end[1] - start[1]);
    let norm = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / norm, dy / norm);
    let base = [end[0] - ux * length, end[1] - uy * length];
    let half = 0.4 * length;
    vec![
        end,
        [base[0] - uy * half, base[1] + ux * half],
        [base[0] + uy * half, base[1] - ux * half],
    ]
}
