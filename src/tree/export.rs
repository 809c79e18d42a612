//! [`export_text`]: a fitted tree's rules as text, in scikit-learn's
//! `sklearn.tree.export_text` format.

use super::argmax;
use super::classifier::FittedDecisionTreeClassifier;
use super::regressor::FittedDecisionTreeRegressor;
use super::tree::Tree;
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use std::fmt::{Display, Write};

/// Rust's formatter takes a precision up to `u16::MAX`.
const MAX_DECIMALS: usize = u16::MAX as usize;

const NAME: &str = "export_text";

/// A fitted tree that [`export_text`] can print: its [`Tree`], and for a
/// classifier the names of its classes.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::tree::{DecisionTreeClassifier, TextTree};
/// use ndarray::array;
/// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array!["no", "yes"].view())?;
/// assert_eq!(model.class_names(), Some(vec!["no".to_string(), "yes".to_string()]));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait TextTree {
    /// The fitted tree.
    fn text_tree(&self) -> &Tree;
    /// The class names printed at the leaves (`None` for a regressor).
    fn class_names(&self) -> Option<Vec<String>>;
}

impl<F: Float, L: Label + Display> TextTree for FittedDecisionTreeClassifier<F, L> {
    fn text_tree(&self) -> &Tree {
        self.tree()
    }
    fn class_names(&self) -> Option<Vec<String>> {
        Some(self.classes().iter().map(|c| c.to_string()).collect())
    }
}

impl<F: Float> TextTree for FittedDecisionTreeRegressor<F> {
    fn text_tree(&self) -> &Tree {
        self.tree()
    }
    fn class_names(&self) -> Option<Vec<String>> {
        None
    }
}

/// The options of [`export_text`], named and defaulted as scikit-learn's:
/// `feature_names` (default `None`: `feature_0`, `feature_1`, …),
/// `class_names` (default `None`: the fitted classes), `max_depth` (10:
/// deeper branches print as `truncated branch of depth d`), `spacing` (3),
/// `decimals` (2) and `show_weights` (false: a classifier's leaves also
/// print the weighted class counts).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::tree::{DecisionTreeClassifier, ExportText};
/// use ndarray::array;
/// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
/// let text = ExportText::default().feature_names(Some(vec!["x".into()])).show_weights(true).export(&model)?;
/// assert_eq!(text, "|--- x <= 0.50\n|   |--- weights: [1.00, 0.00] class: 0\n|--- x >  0.50\n|   |--- weights: [0.00, 1.00] class: 1\n");
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ExportText {
    /// Feature names, one per feature; default `None` (`feature_i`).
    pub feature_names: Option<Vec<String>>,
    /// Class names, one per class; default `None` (the fitted classes).
    pub class_names: Option<Vec<String>>,
    /// Deepest level printed, default 10.
    pub max_depth: usize,
    /// Width of one indentation level, default 3, ≥ 1.
    pub spacing: usize,
    /// Digits after the decimal point, default 2.
    pub decimals: usize,
    /// Print the weighted class counts at a classifier's leaves, default false.
    pub show_weights: bool,
}

impl Default for ExportText {
    fn default() -> Self {
        ExportText {
            feature_names: None,
            class_names: None,
            max_depth: 10,
            spacing: 3,
            decimals: 2,
            show_weights: false,
        }
    }
}

setters!(ExportText in "learnkit::tree" {
    feature_names: Option<Vec<String>> = Some(vec!["a".to_string()]);
    class_names: Option<Vec<String>> = Some(vec!["no".to_string(), "yes".to_string()]);
    max_depth: usize = 3;
    spacing: usize = 4;
    decimals: usize = 3;
    show_weights: bool = true;
});

/// The rules of a fitted [`DecisionTreeClassifier`](super::DecisionTreeClassifier)
/// or [`DecisionTreeRegressor`](super::DecisionTreeRegressor) as text, exactly
/// as scikit-learn's `export_text` with default options (see [`ExportText`]
/// for the options).
///
/// Each split prints as `|--- name <= threshold` followed by its left
/// subtree, then `|--- name >  threshold` and its right subtree; a leaf
/// prints `class: c` (classifier) or `value: [v]` (regressor).
///
/// # Errors
/// None with the default options; see [`ExportText::export`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// use learnkit::tree::{DecisionTreeClassifier, export_text};
///
/// let iris = load_iris();
/// let model = DecisionTreeClassifier::default().max_depth(Some(1)).random_state(0)
///     .fit(iris.data.view(), iris.target.view())?;
/// let text = export_text(&model)?;
/// assert!(text.starts_with("|--- feature_"));
/// assert!(text.contains("|   |--- class: 0\n"));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn export_text<M: TextTree>(model: &M) -> Result<String> {
    ExportText::default().export(model)
}

impl ExportText {
    /// The rules of `model` as text with these options.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `feature_names` or `class_names` has
    /// the wrong length, `spacing` is 0 or `decimals` above 65,535 (Rust's
    /// formatting limit); [`Error::TooLarge`] when `spacing` makes the text
    /// too large to hold.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::{DecisionTreeRegressor, ExportText};
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![1.0, 3.0].view())?;
    /// let text = ExportText::default().decimals(1).export(&model)?;
    /// assert_eq!(text, "|--- feature_0 <= 0.5\n|   |--- value: [1.0]\n|--- feature_0 >  0.5\n|   |--- value: [3.0]\n");
    /// assert!(ExportText::default().spacing(0).export(&model).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn export<M: TextTree>(&self, model: &M) -> Result<String> {
        let tree = model.text_tree();
        if self.spacing == 0 {
            return Err(Error::invalid_parameter(NAME, "spacing", ">= 1", self.spacing));
        }
        if self.decimals > MAX_DECIMALS {
            return Err(Error::invalid_parameter(
                NAME,
                "decimals",
                format!("at most {MAX_DECIMALS} (the most a number can be formatted with)"),
                self.decimals,
            ));
        }
        // Each line is indented by up to (depth + 1) × (spacing + 1) bytes:
        // a huge spacing is a text too large to build, not a panic.
        let (lines, depth) = (tree.node_count().saturating_mul(2), tree.max_depth().saturating_add(2));
        crate::alloc::check_fits_values::<u8>(
            NAME,
            || {
                format!(
                    "the text of {lines} lines indented by up to {depth} × {} characters",
                    self.spacing
                )
            },
            &[lines, depth, self.spacing.saturating_add(1)],
        )?;
        if let Some(names) = self
            .feature_names
            .as_ref()
            .filter(|names| names.len() != tree.n_features)
        {
            return Err(Error::invalid_parameter(
                NAME,
                "feature_names",
                format!("one name per feature ({})", tree.n_features),
                names.len(),
            ));
        }
        let fitted_classes = model.class_names();
        let classes = match (&self.class_names, fitted_classes) {
            (Some(names), Some(fitted)) if names.len() != fitted.len() => {
                return Err(Error::invalid_parameter(
                    NAME,
                    "class_names",
                    format!("one name per class ({})", fitted.len()),
                    names.len(),
                ));
            }
            (Some(names), Some(_)) => Some(names.clone()),
            (_, fitted) => fitted,
        };
        let mut out = String::new();
        self.node(tree, classes.as_deref(), 0, 1, &mut out);
        Ok(out)
    }

    fn node(&self, tree: &Tree, classes: Option<&[String]>, node: usize, depth: usize, out: &mut String) {
        let unit = format!("|{}", " ".repeat(self.spacing));
        let mut indent = unit.repeat(depth);
        indent.truncate(indent.len() - self.spacing);
        indent.push_str(&"-".repeat(self.spacing));
        let decimals = self.decimals;
        if depth <= self.max_depth.saturating_add(1) {
            match tree.children(node) {
                Some((left, right)) => {
                    let feature = tree.feature(node);
                    let name = match &self.feature_names {
                        Some(names) => names[feature].clone(),
                        None => format!("feature_{feature}"),
                    };
                    let threshold = format!("{:.decimals$}", tree.threshold(node));
                    let _ = writeln!(out, "{indent} {name} <= {threshold}");
                    self.node(tree, classes, left, depth + 1, out);
                    let _ = writeln!(out, "{indent} {name} >  {threshold}");
                    self.node(tree, classes, right, depth + 1, out);
                }
                None => self.leaf(tree, classes, node, &indent, out),
            }
        } else {
            let subtree = subtree_depth(tree, node);
            if subtree == 1 {
                self.leaf(tree, classes, node, &indent, out);
            } else {
                let _ = writeln!(out, "{indent} truncated branch of depth {subtree}");
            }
        }
    }

    fn leaf(&self, tree: &Tree, classes: Option<&[String]>, node: usize, indent: &str, out: &mut String) {
        let decimals = self.decimals;
        let value = tree.value(node);
        let list = |values: &mut dyn Iterator<Item = f64>| {
            let items: Vec<String> = values.map(|v| format!("{v:.decimals$}")).collect();
            format!("[{}]", items.join(", "))
        };
        match classes {
            Some(classes) => {
                let class = &classes[argmax(value)];
                if self.show_weights {
                    let w = tree.weighted_n_node_samples[node];
                    let weights = list(&mut value.iter().map(|v| v * w));
                    let _ = writeln!(out, "{indent} weights: {weights} class: {class}");
                } else {
                    let _ = writeln!(out, "{indent} class: {class}");
                }
            }
            None => {
                let _ = writeln!(out, "{indent} value: {}", list(&mut value.iter().copied()));
            }
        }
    }
}

/// The depth of the subtree under `node`, counting nodes (a leaf is 1), as
/// scikit-learn's `_compute_depth`.
fn subtree_depth(tree: &Tree, node: usize) -> usize {
    match tree.children(node) {
        Some((l, r)) => 1 + subtree_depth(tree, l).max(subtree_depth(tree, r)),
        None => 1,
    }
}
