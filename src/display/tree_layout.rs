//! The tidy tree layout of [`plot_tree`](super::plot_tree): Buchheim, Jünger
//! and Leipert's linear-time version of Walker's algorithm, ported from
//! scikit-learn's `sklearn/tree/_reingold_tilford.py` step for step, so that
//! the node positions equal scikit-learn's `plot_tree`.
//!
//! Nodes live in an arena (indices instead of the Python object graph).

/// One node of the layout: its children (in order), and the working values
/// of the algorithm (the names of the paper and of scikit-learn's port).
#[derive(Clone, Debug)]
struct DrawNode {
    x: f64,
    y: usize,
    children: Vec<usize>,
    parent: Option<usize>,
    thread: Option<usize>,
    modifier: f64,
    ancestor: usize,
    change: f64,
    shift: f64,
    /// 1-based position among its siblings.
    number: usize,
}

/// Lays out a tree given by each node's children (node 0 is the root; a
/// child's index is larger than its parent's is not required). Returns each
/// node's `(x, depth)`, with the leftmost node at x = 0 and siblings at
/// least 1 apart, as scikit-learn's `buchheim`.
pub(crate) fn buchheim(children: &[Vec<usize>]) -> Vec<(f64, usize)> {
    if children.is_empty() {
        return Vec::new();
    }
    let mut nodes: Vec<DrawNode> = (0..children.len())
        .map(|i| DrawNode {
            x: -1.0,
            y: 0,
            children: children[i].clone(),
            parent: None,
            thread: None,
            modifier: 0.0,
            ancestor: i,
            change: 0.0,
            shift: 0.0,
            number: 1,
        })
        .collect();
    for (i, kids) in children.iter().enumerate() {
        for (k, &c) in kids.iter().enumerate() {
            nodes[c].parent = Some(i);
            nodes[c].number = k + 1;
        }
    }
    let mut layout = Layout { nodes };
    layout.first_walk(0, 1.0);
    let min = layout.second_walk(0, 0.0, 0, None);
    if min < 0.0 {
        for node in &mut layout.nodes {
            node.x -= min;
        }
    }
    layout.nodes.iter().map(|n| (n.x, n.y)).collect()
}

struct Layout {
    nodes: Vec<DrawNode>,
}

impl Layout {
    fn left(&self, v: usize) -> Option<usize> {
        self.nodes[v].thread.or_else(|| self.nodes[v].children.first().copied())
    }

    fn right(&self, v: usize) -> Option<usize> {
        self.nodes[v].thread.or_else(|| self.nodes[v].children.last().copied())
    }

    /// The sibling just left of `v`.
    fn lbrother(&self, v: usize) -> Option<usize> {
        let parent = self.nodes[v].parent?;
        let siblings = &self.nodes[parent].children;
        let at = siblings.iter().position(|&s| s == v)?;
        at.checked_sub(1).map(|i| siblings[i])
    }

    /// The leftmost sibling of `v`, `None` when `v` is itself the leftmost.
    fn lmost_sibling(&self, v: usize) -> Option<usize> {
        let parent = self.nodes[v].parent?;
        let first = self.nodes[parent].children[0];
        (first != v).then_some(first)
    }

    fn first_walk(&mut self, v: usize, distance: f64) {
        let children = self.nodes[v].children.clone();
        if children.is_empty() {
            self.nodes[v].x = match (self.lmost_sibling(v), self.lbrother(v)) {
                (Some(_), Some(w)) => self.nodes[w].x + distance,
                _ => 0.0,
            };
            return;
        }
        let mut default_ancestor = children[0];
        for &w in &children {
            self.first_walk(w, distance);
            default_ancestor = self.apportion(w, default_ancestor, distance);
        }
        self.execute_shifts(v);
        let midpoint = (self.nodes[children[0]].x + self.nodes[children[children.len() - 1]].x) / 2.0;
        match self.lbrother(v) {
            Some(w) => {
                self.nodes[v].x = self.nodes[w].x + distance;
                self.nodes[v].modifier = self.nodes[v].x - midpoint;
            }
            None => self.nodes[v].x = midpoint,
        }
    }

    fn apportion(&mut self, v: usize, default_ancestor: usize, distance: f64) -> usize {
        let Some(w) = self.lbrother(v) else {
            return default_ancestor;
        };
        let mut default_ancestor = default_ancestor;
        let (mut vir, mut vor, mut vil) = (v, v, w);
        let mut vol = self.lmost_sibling(v).unwrap_or(w);
        let (mut sir, mut sor) = (self.nodes[v].modifier, self.nodes[v].modifier);
        let mut sil = self.nodes[vil].modifier;
        let mut sol = self.nodes[vol].modifier;
        while let (Some(next_il), Some(next_ir)) = (self.right(vil), self.left(vir)) {
            vil = next_il;
            vir = next_ir;
            // The outer contours reach as deep as the inner ones (threads
            // extend every contour to its subtree's depth).
            vol = self.left(vol).unwrap_or(vol);
            vor = self.right(vor).unwrap_or(vor);
            self.nodes[vor].ancestor = v;
            let shift = (self.nodes[vil].x + sil) - (self.nodes[vir].x + sir) + distance;
            if shift > 0.0 {
                let a = self.ancestor(vil, v, default_ancestor);
                self.move_subtree(a, v, shift);
                sir += shift;
                sor += shift;
            }
            sil += self.nodes[vil].modifier;
            sir += self.nodes[vir].modifier;
            sol += self.nodes[vol].modifier;
            sor += self.nodes[vor].modifier;
        }
        if self.right(vil).is_some() && self.right(vor).is_none() {
            self.nodes[vor].thread = self.right(vil);
            self.nodes[vor].modifier += sil - sor;
        } else {
            if self.left(vir).is_some() && self.left(vol).is_none() {
                self.nodes[vol].thread = self.left(vir);
                self.nodes[vol].modifier += sir - sol;
            }
            default_ancestor = v;
        }
        default_ancestor
    }

    fn move_subtree(&mut self, wl: usize, wr: usize, shift: f64) {
        let subtrees = self.nodes[wr].number as f64 - self.nodes[wl].number as f64;
        self.nodes[wr].change -= shift / subtrees;
        self.nodes[wr].shift += shift;
        self.nodes[wl].change += shift / subtrees;
        self.nodes[wr].x += shift;
        self.nodes[wr].modifier += shift;
    }

    fn execute_shifts(&mut self, v: usize) {
        let (mut shift, mut change) = (0.0, 0.0);
        for &w in self.nodes[v].children.clone().iter().rev() {
            self.nodes[w].x += shift;
            self.nodes[w].modifier += shift;
            change += self.nodes[w].change;
            shift += self.nodes[w].shift + change;
        }
    }

    fn ancestor(&self, vil: usize, v: usize, default_ancestor: usize) -> usize {
        let a = self.nodes[vil].ancestor;
        let siblings = self.nodes[v].parent.map(|p| &self.nodes[p].children);
        if siblings.is_some_and(|s| s.contains(&a)) {
            a
        } else {
            default_ancestor
        }
    }

    /// Adds the accumulated modifiers; returns the smallest x.
    fn second_walk(&mut self, v: usize, m: f64, depth: usize, min: Option<f64>) -> f64 {
        self.nodes[v].x += m;
        self.nodes[v].y = depth;
        let mut min = match min {
            Some(min) if min <= self.nodes[v].x => min,
            _ => self.nodes[v].x,
        };
        let modifier = self.nodes[v].modifier;
        for w in self.nodes[v].children.clone() {
            min = self.second_walk(w, m + modifier, depth + 1, Some(min));
        }
        min
    }
}

#[cfg(test)]
mod tests {
    use super::buchheim;

    #[test]
    fn a_root_with_two_leaves_is_centred() {
        assert_eq!(
            buchheim(&[vec![1, 2], vec![], vec![]]),
            vec![(0.5, 0), (0.0, 1), (1.0, 1)]
        );
    }

    #[test]
    fn a_single_node_is_at_the_origin() {
        assert_eq!(buchheim(&[vec![]]), vec![(0.0, 0)]);
        assert!(buchheim(&[]).is_empty());
    }
}
