//! The saved form of a [`Tree`]: a struct of flat arrays, and the checks a
//! tree passes when it is read back.
//!
//! Why a separate form: in memory a tree keeps one 24-byte node per node
//! (split and children together, so that a traversal touches one cache
//! line), with a feature, threshold and missing-value side even on leaves.
//! Saved per node, that costs JSON a dozen field names per node (a
//! 100-tree forest on Adult took 112 MB) and the binary format the leaves'
//! unused fields. The saved form holds one array per attribute, the split
//! attributes for split nodes only, and each child as its distance after
//! its parent (a small varint in the binary format: in depth-first order
//! a left child is always the next node). Converting back gives the very
//! same tree, so every output is bit-identical after a round trip.

#[cfg(feature = "serde")]
use super::tree::Node;
use super::tree::{LEAF, Tree};
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len};

/// A [`Tree`] as saved (see the module documentation).
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct TreeForm {
    n_features: usize,
    n_outputs: usize,
    /// Per node: 0 for a leaf, else how many nodes after it its left child
    /// is (children always come after their parent, so 0 is free).
    left: Vec<u32>,
    /// Per split node, in node order: how many nodes after it its right child is.
    right: Vec<u32>,
    /// Per split node: the feature it splits on.
    feature: Vec<u32>,
    /// Per split node: rows with `x[feature] <= threshold` go left.
    #[serde(with = "crate::persistence::floats::vec")]
    threshold: Vec<f64>,
    /// Per split node: whether missing values go left.
    missing_left: Vec<bool>,
    /// Per node.
    #[serde(with = "crate::persistence::floats::vec")]
    impurity: Vec<f64>,
    /// Per node.
    n_node_samples: Vec<u64>,
    /// Per node.
    #[serde(with = "crate::persistence::floats::vec")]
    weighted_n_node_samples: Vec<f64>,
    /// `n_outputs` per node.
    #[serde(with = "crate::persistence::floats::vec")]
    value: Vec<f64>,
}

#[cfg(feature = "serde")]
impl From<&Tree> for TreeForm {
    fn from(tree: &Tree) -> Self {
        let splits = tree.nodes.len() - tree.n_leaves();
        let mut form = TreeForm {
            n_features: tree.n_features,
            n_outputs: tree.n_outputs,
            left: Vec::with_capacity(tree.nodes.len()),
            right: Vec::with_capacity(splits),
            feature: Vec::with_capacity(splits),
            threshold: Vec::with_capacity(splits),
            missing_left: Vec::with_capacity(splits),
            impurity: tree.impurity.clone(),
            n_node_samples: tree.n_node_samples.clone(),
            weighted_n_node_samples: tree.weighted_n_node_samples.clone(),
            value: tree.value.clone(),
        };
        for (id, node) in tree.nodes.iter().enumerate() {
            if node.left == LEAF {
                form.left.push(0);
                continue;
            }
            // Children follow their parent (the builder adds them after it).
            form.left.push(node.left - id as u32);
            form.right.push(node.right - id as u32);
            form.feature.push(node.feature);
            form.threshold.push(node.threshold);
            form.missing_left.push(node.missing_left);
        }
        form
    }
}

#[cfg(feature = "serde")]
impl TryFrom<TreeForm> for Tree {
    type Error = String;

    /// The tree the form describes, if its arrays agree in length and it
    /// passes [`Tree`]'s checks.
    fn try_from(form: TreeForm) -> Result<Self, String> {
        let n = form.left.len();
        // Node indices are u32 with LEAF reserved.
        ensure(n < LEAF as usize, || {
            format!("tree: {n} nodes, at most {} allowed", LEAF - 1)
        })?;
        let splits = form.left.iter().filter(|&&l| l != 0).count();
        same_len("tree: right (one per split node)", splits, form.right.len())?;
        same_len("tree: feature (one per split node)", splits, form.feature.len())?;
        same_len("tree: threshold (one per split node)", splits, form.threshold.len())?;
        same_len(
            "tree: missing_left (one per split node)",
            splits,
            form.missing_left.len(),
        )?;
        let mut nodes = Vec::with_capacity(n);
        let mut split = 0;
        for (id, &left) in form.left.iter().enumerate() {
            if left == 0 {
                nodes.push(Node {
                    threshold: 0.0,
                    feature: 0,
                    left: LEAF,
                    right: LEAF,
                    missing_left: false,
                });
                continue;
            }
            let child = |offset: u32| {
                (id as u32)
                    .checked_add(offset)
                    .filter(|&c| (c as usize) < n)
                    .ok_or_else(|| format!("tree: a child of node {id} is {offset} nodes after it, past the {n} nodes"))
            };
            nodes.push(Node {
                threshold: form.threshold[split],
                feature: form.feature[split],
                left: child(left)?,
                right: child(form.right[split])?,
                missing_left: form.missing_left[split],
            });
            split += 1;
        }
        let tree = Tree {
            n_features: form.n_features,
            n_outputs: form.n_outputs,
            nodes,
            impurity: form.impurity,
            n_node_samples: form.n_node_samples,
            weighted_n_node_samples: form.weighted_n_node_samples,
            value: form.value,
            compact: Default::default(),
        };
        tree.check()?;
        Ok(tree)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Tree {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        TreeForm::from(self).serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Tree {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = TreeForm::deserialize(deserializer)?;
        Tree::try_from(form).map_err(<D::Error as serde::de::Error>::custom)
    }
}

impl Check for Tree {
    /// What traversal, the prediction layout, the values and the importances
    /// rely on: at least one node and one output; per-node arrays of one
    /// entry per node (`n_outputs` values each); split features below
    /// `n_features`; both children of a split below the node count, after
    /// their parent (so every descent ends) and every node but the root the
    /// child of exactly one split (a tree, not a graph: the layout gives each
    /// node one slot).
    fn check(&self) -> Result<(), String> {
        let n = self.nodes.len();
        ensure(n >= 1, || "tree: no nodes".into())?;
        ensure(self.n_outputs >= 1, || "tree: n_outputs is 0".into())?;
        ensure(self.n_features >= 1 && self.n_features <= u32::MAX as usize, || {
            format!("tree: n_features is {}, not in [1, 2^32)", self.n_features)
        })?;
        same_len("tree: impurity", n, self.impurity.len())?;
        same_len("tree: n_node_samples", n, self.n_node_samples.len())?;
        same_len("tree: weighted_n_node_samples", n, self.weighted_n_node_samples.len())?;
        let values = n.checked_mul(self.n_outputs).ok_or("tree: too many values")?;
        same_len("tree: value (n_outputs per node)", values, self.value.len())?;
        if let Some((id, node)) = self
            .nodes
            .iter()
            .enumerate()
            .find(|(_, node)| node.left != LEAF && node.feature as usize >= self.n_features)
        {
            return Err(format!(
                "tree: node {id} splits on feature {}, which must be below n_features = {}",
                node.feature, self.n_features
            ));
        }
        let mut has_parent = vec![false; n];
        for (id, node) in self.nodes.iter().enumerate() {
            if node.left == LEAF {
                ensure(node.right == LEAF, || {
                    format!("tree: node {id} has a right child but no left one")
                })?;
                continue;
            }
            for child in [node.left, node.right] {
                let c = child as usize;
                ensure(c > id && c < n, || {
                    format!("tree: node {id} has child {child}, which must be after it and below the node count {n}")
                })?;
                ensure(!has_parent[c], || {
                    format!("tree: node {child} is the child of two splits")
                })?;
                has_parent[c] = true;
            }
        }
        match has_parent.iter().skip(1).position(|&p| !p) {
            Some(orphan) => Err(format!("tree: node {} is the child of no split", orphan + 1)),
            None => Ok(()),
        }
    }
}
