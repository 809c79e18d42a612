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

/// A row not yet in the spanning tree: its least distance to the tree so
/// far and the tree row that distance is to.
#[derive(Clone, Copy)]
struct Open {
    row: usize,
    best: f64,
    source: usize,
}

/// Rows per parallel task of a Prim step, and the least work (rows ×
/// features) for which a step is split among threads at all: below it,
/// rayon's hand-off costs more than the distances.
const PRIM_CHUNK: usize = 2048;
const PRIM_PARALLEL_WORK: usize = 1 << 16;

/// Prim's minimum spanning tree of the rows of `x` under `metric`, or under
/// the mutual reachability `max(core[i], core[j], d(i, j) / alpha)` when core
/// distances are given (HDBSCAN). Distances are computed row pair by row pair
/// as they are needed, so memory is linear in the rows; each step's
/// distances are computed in parallel chunks (the step is O(n), the tree
/// O(n²), as scikit-learn's `mst_from_data_matrix`).
///
/// Ties go to the lowest row index and each edge records the tree node it
/// comes from, as scikit-learn's. The choice of each step is the least
/// `(distance, row)`, a total order, so the tree does not depend on the
/// number of threads.
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
    let mut open: Vec<Open> = (1..n)
        .map(|row| Open {
            row,
            best: f64::INFINITY,
            source: 0,
        })
        .collect();
    let mut edges = Vec::with_capacity(n.saturating_sub(1));
    let mut current = 0;
    while !open.is_empty() {
        let core_current = core.map_or(0.0, |c| c[current]);
        // Relaxes a chunk's rows against the row just joined and returns the
        // chunk's least (distance, row) with its position in the chunk.
        let relax = |chunk: &mut [Open]| -> (f64, usize, usize) {
            let mut least = (f64::INFINITY, usize::MAX, 0);
            for (position, candidate) in chunk.iter_mut().enumerate() {
                let pair = metric
                    .from_reduced(metric.reduced_distance_slices(row(current), row(candidate.row)))
                    .as_f64()
                    / alpha;
                let reach = match core {
                    Some(c) => pair.max(core_current).max(c[candidate.row]),
                    None => pair,
                };
                if reach < candidate.best {
                    candidate.best = reach;
                    candidate.source = current;
                }
                if is_less(candidate.best, candidate.row, least.0, least.1) {
                    least = (candidate.best, candidate.row, position);
                }
            }
            least
        };
        let (_, _, position) = if open.len() * d.max(1) >= PRIM_PARALLEL_WORK {
            use rayon::prelude::*;
            open.par_chunks_mut(PRIM_CHUNK)
                .enumerate()
                .map(|(k, chunk)| {
                    let (best, row, position) = relax(chunk);
                    (best, row, k * PRIM_CHUNK + position)
                })
                .reduce(
                    || (f64::INFINITY, usize::MAX, 0),
                    |a, b| if is_less(b.0, b.1, a.0, a.1) { b } else { a },
                )
        } else {
            relax(&mut open)
        };
        // The order of `open` does not matter: ties are broken by row.
        let next = open.swap_remove(position);
        edges.push(MstEdge {
            from: next.source,
            to: next.row,
            distance: next.best,
        });
        current = next.row;
    }
    edges
}

/// Whether `(distance, row)` comes before `(other_distance, other_row)`.
fn is_less(distance: f64, row: usize, other_distance: f64, other_row: usize) -> bool {
    distance.total_cmp(&other_distance).then(row.cmp(&other_row)) == std::cmp::Ordering::Less
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

    /// The plain O(n²) Prim over an index-ordered list, lowest row first on
    /// ties: what `prim_mst` computed before its steps went parallel.
    fn reference_prim(x: ndarray::ArrayView2<'_, f64>, core: &[f64]) -> Vec<MstEdge> {
        let n = x.nrows();
        let distance = |i: usize, j: usize| {
            let pair = x
                .row(i)
                .iter()
                .zip(x.row(j))
                .map(|(a, b)| (a - b) * (a - b))
                .sum::<f64>()
                .sqrt();
            pair.max(core[i]).max(core[j])
        };
        let (mut remaining, mut best, mut source) = ((1..n).collect::<Vec<_>>(), vec![f64::INFINITY; n], vec![0; n]);
        let (mut edges, mut current) = (Vec::new(), 0);
        while !remaining.is_empty() {
            let mut position = 0;
            for (p, &j) in remaining.iter().enumerate() {
                let reach = distance(current, j);
                if reach < best[j] {
                    (best[j], source[j]) = (reach, current);
                }
                if best[j] < best[remaining[position]] {
                    position = p;
                }
            }
            let next = remaining.remove(position);
            edges.push(MstEdge {
                from: source[next],
                to: next,
                distance: best[next],
            });
            current = next;
        }
        edges
    }

    /// Many ties (small integer coordinates, duplicated rows) and enough
    /// rows × features for the parallel steps: the same edges, in the same
    /// order, as the sequential reference, on 1 thread and on 3.
    #[test]
    fn parallel_steps_keep_the_tie_rule() {
        let (n, d) = (700, 100);
        let x = ndarray::Array2::from_shape_fn((n, d), |(i, j)| ((i % 350) * 7 + j * 3) as f64 % 5.0);
        let core: Vec<f64> = (0..n).map(|i| (i % 3) as f64).collect();
        let expected = reference_prim(x.view(), &core);
        for threads in [1, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let edges = pool.install(|| prim_mst(x.view(), Metric::Euclidean, Some(&core), 1.0));
            assert_eq!(edges, expected, "{threads} threads");
        }
    }
}
