//! Flat clusters from the condensed tree (scikit-learn's `_get_clusters`):
//! cluster stabilities, excess-of-mass or leaf selection, the
//! `cluster_selection_epsilon` merge, then labels and membership
//! probabilities.

use super::SelectionMethod;
use super::condense::CondensedRow;
use std::collections::{BTreeMap, BTreeSet};

/// What selection needs besides the tree.
pub(super) struct Selection {
    pub(super) method: SelectionMethod,
    pub(super) allow_single_cluster: bool,
    pub(super) epsilon: f64,
    pub(super) max_cluster_size: Option<usize>,
}

/// The condensed tree's clusters (rows whose child is a cluster) with
/// parent links and birth lambdas.
struct ClusterTree<'a> {
    rows: Vec<&'a CondensedRow>,
    root: usize,
}

impl ClusterTree<'_> {
    fn children(&self, node: usize) -> impl Iterator<Item = &CondensedRow> + '_ {
        self.rows.iter().copied().filter(move |r| r.parent == node)
    }

    fn row_of(&self, child: usize) -> Option<&CondensedRow> {
        self.rows.iter().copied().find(|r| r.child == child)
    }

    /// `node` and every cluster below it.
    fn descendants(&self, node: usize) -> Vec<usize> {
        let mut out = vec![node];
        let mut start = 0;
        while start < out.len() {
            let parent = out[start];
            start += 1;
            out.extend(self.children(parent).map(|r| r.child));
        }
        out
    }

    fn leaves(&self, node: usize) -> Vec<usize> {
        let children: Vec<usize> = self.children(node).map(|r| r.child).collect();
        if children.is_empty() {
            vec![node]
        } else {
            children.into_iter().flat_map(|c| self.leaves(c)).collect()
        }
    }

    /// The cluster `epsilon` search keeps in place of `leaf`: the nearest
    /// ancestor born at a distance above `epsilon`.
    fn traverse_upwards(&self, epsilon: f64, leaf: usize, allow_single_cluster: bool) -> usize {
        let Some(parent) = self.row_of(leaf).map(|r| r.parent) else {
            return leaf;
        };
        if parent == self.root {
            return if allow_single_cluster { parent } else { leaf };
        }
        let parent_eps = self.row_of(parent).map_or(f64::INFINITY, |r| 1.0 / r.lambda);
        if parent_eps > epsilon {
            parent
        } else {
            self.traverse_upwards(epsilon, parent, allow_single_cluster)
        }
    }

    /// Replaces clusters born below `epsilon` by their ancestor born above it.
    fn epsilon_search(&self, leaves: &BTreeSet<usize>, epsilon: f64, allow_single_cluster: bool) -> BTreeSet<usize> {
        let mut selected = BTreeSet::new();
        let mut processed = BTreeSet::new();
        for &leaf in leaves {
            let eps = self.row_of(leaf).map_or(f64::INFINITY, |r| 1.0 / r.lambda);
            if eps < epsilon {
                if !processed.contains(&leaf) {
                    let kept = self.traverse_upwards(epsilon, leaf, allow_single_cluster);
                    selected.insert(kept);
                    processed.extend(self.descendants(kept).into_iter().filter(|&s| s != kept));
                }
            } else {
                selected.insert(leaf);
            }
        }
        selected
    }
}

/// Each cluster's stability: `Σ (lambda − birth(parent)) · size` over the
/// rows leaving it.
fn stabilities(tree: &[CondensedRow], root: usize) -> BTreeMap<usize, f64> {
    let largest = tree.iter().map(|r| r.child.max(r.parent)).max().unwrap_or(root);
    let mut births = vec![f64::NAN; largest + 1];
    for r in tree {
        births[r.child] = r.lambda;
    }
    births[root] = 0.0;
    let mut stability = BTreeMap::new();
    for r in tree {
        *stability.entry(r.parent).or_insert(0.0) += (r.lambda - births[r.parent]) * r.size as f64;
    }
    stability
}

/// The largest lambda among each parent's rows, scanning runs of equal
/// parents as scikit-learn's `max_lambdas` does (a later run of a parent
/// overwrites an earlier one).
fn deaths(tree: &[CondensedRow]) -> Vec<f64> {
    let largest = tree.iter().map(|r| r.parent).max().unwrap_or(0);
    let mut out = vec![0.0; largest + 1];
    let Some(first) = tree.first() else {
        return out;
    };
    let (mut current, mut max_lambda) = (first.parent, first.lambda);
    for r in &tree[1..] {
        if r.parent == current {
            max_lambda = max_lambda.max(r.lambda);
        } else {
            out[current] = max_lambda;
            current = r.parent;
            max_lambda = r.lambda;
        }
    }
    out[current] = max_lambda;
    out
}

/// The selected clusters (condensed-tree ids).
fn select_clusters(tree: &[CondensedRow], root: usize, options: &Selection) -> BTreeSet<usize> {
    let mut stability = stabilities(tree, root);
    let clusters = ClusterTree {
        rows: tree.iter().filter(|r| r.size > 1).collect(),
        root,
    };
    // Cluster ids are a topological order: children after parents.
    let mut nodes: Vec<usize> = stability.keys().rev().copied().collect();
    if !options.allow_single_cluster {
        nodes.retain(|&c| c != root);
    }
    let mut is_cluster: BTreeMap<usize, bool> = nodes.iter().map(|&c| (c, true)).collect();
    let mut sizes: BTreeMap<usize, usize> = clusters.rows.iter().map(|r| (r.child, r.size)).collect();
    if options.allow_single_cluster {
        sizes.insert(root, clusters.children(root).map(|r| r.size).sum());
    }
    let max_size = options.max_cluster_size.unwrap_or(usize::MAX);
    let set_selected = |is_cluster: &mut BTreeMap<usize, bool>, selected: &BTreeSet<usize>| {
        for (c, flag) in is_cluster.iter_mut() {
            *flag = selected.contains(c);
        }
    };
    match options.method {
        SelectionMethod::Eom => {
            for &node in &nodes {
                let subtree: f64 = clusters
                    .children(node)
                    .map(|r| stability.get(&r.child).copied().unwrap_or(0.0))
                    .sum();
                let own = stability.get(&node).copied().unwrap_or(0.0);
                if subtree > own || sizes.get(&node).copied().unwrap_or(0) > max_size {
                    is_cluster.insert(node, false);
                    stability.insert(node, subtree);
                } else {
                    for sub in clusters.descendants(node) {
                        if sub != node {
                            is_cluster.insert(sub, false);
                        }
                    }
                }
            }
            if options.epsilon != 0.0 && !clusters.rows.is_empty() {
                let eom: BTreeSet<usize> = is_cluster.iter().filter(|&(_, &f)| f).map(|(&c, _)| c).collect();
                let selected = if eom.len() == 1 && eom.contains(&root) {
                    if options.allow_single_cluster {
                        eom
                    } else {
                        BTreeSet::new()
                    }
                } else {
                    clusters.epsilon_search(&eom, options.epsilon, options.allow_single_cluster)
                };
                set_selected(&mut is_cluster, &selected);
            }
        }
        SelectionMethod::Leaf => {
            let leaves: BTreeSet<usize> = if clusters.rows.is_empty() {
                BTreeSet::new()
            } else {
                clusters.leaves(root).into_iter().collect()
            };
            if leaves.is_empty() {
                is_cluster.insert(root, true);
            }
            let selected = if options.epsilon != 0.0 {
                clusters.epsilon_search(&leaves, options.epsilon, options.allow_single_cluster)
            } else {
                leaves
            };
            set_selected(&mut is_cluster, &selected);
        }
    }
    is_cluster.into_iter().filter(|&(_, f)| f).map(|(c, _)| c).collect()
}

/// Labels (`-1` noise, clusters numbered in increasing id order) and
/// membership probabilities of the `n` points.
pub(super) fn labels_and_probabilities(tree: &[CondensedRow], n: usize, options: &Selection) -> (Vec<i64>, Vec<f64>) {
    let root = n;
    let selected = select_clusters(tree, root, options);
    let number: BTreeMap<usize, i64> = selected.iter().enumerate().map(|(i, &c)| (c, i as i64)).collect();
    let largest = tree.iter().map(|r| r.child.max(r.parent)).max().unwrap_or(root);
    // Each node's parent and the lambda it left at (every child appears once).
    let mut parent = vec![usize::MAX; largest + 1];
    let mut lambda_of = vec![0.0; largest + 1];
    for r in tree {
        parent[r.child] = r.parent;
        lambda_of[r.child] = r.lambda;
    }
    let root_threshold = if options.epsilon != 0.0 {
        1.0 / options.epsilon
    } else {
        tree.iter()
            .filter(|r| r.parent == root)
            .map(|r| r.lambda)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let mut labels = vec![-1i64; n];
    for (point, label) in labels.iter_mut().enumerate() {
        // The nearest selected ancestor, or the root.
        let mut node = parent[point];
        while node != usize::MAX && node != root && !selected.contains(&node) {
            node = parent[node];
        }
        if node != root && node != usize::MAX {
            *label = number[&node];
        } else if selected.len() == 1 && options.allow_single_cluster && lambda_of[point] >= root_threshold {
            *label = number.get(&root).copied().unwrap_or(-1);
        }
    }
    let deaths = deaths(tree);
    let cluster_of: Vec<usize> = selected.iter().copied().collect();
    let mut probabilities = vec![0.0; n];
    for r in tree {
        if r.child >= root || labels[r.child] == -1 {
            continue;
        }
        let cluster = cluster_of[labels[r.child] as usize];
        let max_lambda = deaths.get(cluster).copied().unwrap_or(0.0);
        probabilities[r.child] = if max_lambda == 0.0 || r.lambda.is_infinite() {
            1.0
        } else {
            r.lambda.min(max_lambda) / max_lambda
        };
    }
    (labels, probabilities)
}
