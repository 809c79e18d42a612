//! The condensed tree (scikit-learn's `_condense_tree`): the single-linkage
//! hierarchy walked breadth-first from the root, where a split into two
//! parts of at least `min_cluster_size` points makes two new clusters and
//! any smaller part falls out of its cluster point by point. Row order is
//! scikit-learn's, which the later steps rely on.

use crate::cluster::single_linkage::Merge;

/// One row of the condensed tree: `child` (a point below `n`, or a cluster
/// from `n` on, the root being `n`) leaves or splits from `parent` at
/// `lambda = 1 / distance`, with `size` points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct CondensedRow {
    pub(super) parent: usize,
    pub(super) child: usize,
    pub(super) lambda: f64,
    pub(super) size: usize,
}

/// The nodes below `root` (itself included), breadth first, children left
/// before right.
fn bfs(merges: &[Merge], root: usize) -> Vec<usize> {
    let n = merges.len() + 1;
    let mut out = vec![root];
    let mut start = 0;
    while start < out.len() {
        let node = out[start];
        start += 1;
        if node >= n {
            let m = &merges[node - n];
            out.push(m.left);
            out.push(m.right);
        }
    }
    out
}

/// Condenses the hierarchy of `merges` (`n − 1` merges of `n` points).
pub(super) fn condense(merges: &[Merge], min_cluster_size: usize) -> Vec<CondensedRow> {
    let n = merges.len() + 1;
    let root = 2 * merges.len();
    let mut relabel = vec![0usize; root + 1];
    relabel[root] = n;
    let mut next_label = n + 1;
    let mut ignore = vec![false; root + 1];
    let mut rows = Vec::with_capacity(2 * n);
    let size_of = |node: usize| if node >= n { merges[node - n].size } else { 1 };
    for node in bfs(merges, root) {
        if ignore[node] || node < n {
            continue;
        }
        let m = merges[node - n];
        let lambda = if m.distance > 0.0 {
            1.0 / m.distance
        } else {
            f64::INFINITY
        };
        let (left_size, right_size) = (size_of(m.left), size_of(m.right));
        let parent = relabel[node];
        let mut fall_out = |part: usize, rows: &mut Vec<CondensedRow>| {
            for sub in bfs(merges, part) {
                if sub < n {
                    rows.push(CondensedRow {
                        parent,
                        child: sub,
                        lambda,
                        size: 1,
                    });
                }
                ignore[sub] = true;
            }
        };
        match (left_size >= min_cluster_size, right_size >= min_cluster_size) {
            (true, true) => {
                for (part, size) in [(m.left, left_size), (m.right, right_size)] {
                    relabel[part] = next_label;
                    next_label += 1;
                    rows.push(CondensedRow {
                        parent,
                        child: relabel[part],
                        lambda,
                        size,
                    });
                }
            }
            (false, false) => {
                fall_out(m.left, &mut rows);
                fall_out(m.right, &mut rows);
            }
            (false, true) => {
                relabel[m.right] = parent;
                fall_out(m.left, &mut rows);
            }
            (true, false) => {
                relabel[m.left] = parent;
                fall_out(m.right, &mut rows);
            }
        }
    }
    rows
}
