//! The pieces shared by single-linkage [`AgglomerativeClustering`] and
//! [`HDBSCAN`]: Prim's minimum spanning tree computed on the fly (no
//! distance matrix, memory linear in the samples), the union-find that
//! numbers merged clusters as scipy does, and the conversion of a spanning
//! tree to a merge list.
//!
//! [`AgglomerativeClustering`]: super::AgglomerativeClustering
//! [`HDBSCAN`]: super::HDBSCAN

use crate::float::Float;
use crate::metrics::Metric;
use ndarray::ArrayView2;

/// An edge of a minimum spanning tree.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct MstEdge {
    pub(crate) from: usize,
    pub(crate) to: usize,
    pub(crate) distance: f64,
}

/// One merge of a hierarchy in scipy's format: clusters `left` and `right`
/// (leaves `0..n`, merges `n..` in order) join at `distance` into a cluster
/// of `size` leaves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Merge {
    pub(crate) left: usize,
    pub(crate) right: usize,
    pub(crate) distance: f64,
    pub(crate) size: usize,
}

/// Union-find over the `2n − 1` nodes of a hierarchy: a union creates the
/// next merge node (`n, n + 1, …`) as parent of both roots, so roots are the
/// cluster numbers scipy and scikit-learn give.
pub(crate) struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
    next: usize,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> Self {
        let nodes = (2 * n).saturating_sub(1).max(1);
        let mut size = vec![0; nodes];
        size[..n].fill(1);
        UnionFind {
            parent: (0..nodes).collect(),
            size,
            next: n,
        }
    }

    /// The root of `x`, compressing the path behind it.
    pub(crate) fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut node = x;
        while self.parent[node] != root {
            let up = self.parent[node];
            self.parent[node] = root;
            node = up;
        }
        root
    }

    /// Joins two roots under a new node and returns its size.
    pub(crate) fn union(&mut self, a: usize, b: usize) -> usize {
        let node = self.next;
        self.next += 1;
        self.parent[a] = node;
        self.parent[b] = node;
        self.size[node] = self.size[a] + self.size[b];
        self.size[node]
    }
}

/// Prim's minimum spanning tree of the rows of `x` under `metric`, or under
/// the mutual reachability `max(core[i], core[j], d(i, j) / alpha)` when core
/// distances are given (HDBSCAN). Distances are computed row pair by row pair
/// as they are needed, so memory is linear in the rows.
///
/// Ties go to the lowest row index and each edge records the tree node it
/// comes from, as scikit-learn's `mst_from_data_matrix`.
pub(crate) fn prim_mst<F: Float>(
    x: ArrayView2<'_, F>,
    metric: Metric,
    core: Option<&[f64]>,
    alpha: f64,
) -> Vec<MstEdge> {
    let n = x.nrows();
    let data = x.as_standard_layout();
    let d = x.ncols();
    let flat = data.as_slice().unwrap_or(&[]);
    let row = |i: usize| &flat[i * d..(i + 1) * d];
    let metric = metric.canonical();
    let mut remaining: Vec<usize> = (1..n).collect();
    let mut best = vec![f64::INFINITY; n];
    let mut source = vec![0usize; n];
    let mut edges = Vec::with_capacity(n.saturating_sub(1));
    let mut current = 0;
    while !remaining.is_empty() {
        let core_current = core.map_or(0.0, |c| c[current]);
        let mut new_distance = f64::INFINITY;
        let mut new_position = 0;
        for (position, &j) in remaining.iter().enumerate() {
            let pair = metric
                .from_reduced(metric.reduced_distance_slices(row(current), row(j)))
                .as_f64()
                / alpha;
            let reach = match core {
                Some(c) => pair.max(core_current).max(c[j]),
                None => pair,
            };
            if reach < best[j] {
                best[j] = reach;
                source[j] = current;
            }
            if best[j] < new_distance {
                new_distance = best[j];
                new_position = position;
            }
        }
        // `remove` keeps the index order the tie rule needs.
        let next = remaining.remove(new_position);
        edges.push(MstEdge {
            from: source[next],
            to: next,
            distance: best[next],
        });
        current = next;
    }
    edges
}

/// The single-linkage hierarchy of a spanning tree of `n` points: edges
/// sorted by distance (stable), each joining the clusters of its two ends,
/// `left` being the cluster of the edge's tree side (scikit-learn's
/// `single_linkage_label` / `make_single_linkage`).
pub(crate) fn single_linkage(n: usize, mut edges: Vec<MstEdge>) -> Vec<Merge> {
    edges.sort_by(|a, b| a.distance.total_cmp(&b.distance));
    let mut clusters = UnionFind::new(n);
    edges
        .into_iter()
        .map(|edge| {
            let left = clusters.find(edge.from);
            let right = clusters.find(edge.to);
            let size = clusters.union(left, right);
            Merge {
                left,
                right,
                distance: edge.distance,
                size,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Points on a line: the tree joins neighbours, the hierarchy numbers
    /// merges from `n` on.
    #[test]
    fn line_hierarchy() {
        let x = array![[0.0], [10.0], [1.0], [3.0]];
        let edges = prim_mst(x.view(), Metric::Euclidean, None, 1.0);
        assert_eq!(edges.iter().map(|e| e.distance).sum::<f64>(), 10.0);
        let merges = single_linkage(4, edges);
        assert_eq!((merges[0].left, merges[0].right, merges[0].size), (0, 2, 2));
        assert_eq!((merges[1].left, merges[1].right, merges[1].size), (4, 3, 3));
        assert_eq!((merges[2].left, merges[2].right, merges[2].size), (5, 1, 4));
    }
}
