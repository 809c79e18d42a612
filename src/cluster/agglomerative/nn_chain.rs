//! The nearest-neighbour chain algorithm on a condensed distance matrix
//! with Lance–Williams updates (ward, complete, average), as scipy's
//! `linkage`, which scikit-learn calls for unstructured data.

use super::Linkage;
use crate::alloc::try_with_capacity;
use crate::cluster::single_linkage::{Merge, UnionFind};
use crate::error::Result;
use crate::float::Float;
use crate::metrics::Metric;
use crate::metrics::pairwise::distances_into;
use ndarray::{Array2, ArrayView2, s};

/// Position of the pair `i < j` in the condensed (upper-triangle, row-major)
/// matrix of `n` points.
fn condensed_index(n: usize, i: usize, j: usize) -> usize {
    let (i, j) = if i < j { (i, j) } else { (j, i) };
    n * i - i * (i + 1) / 2 + (j - i - 1)
}

/// The `n(n − 1)/2` distances between the rows of `x`, upper triangle by
/// rows, computed a block of rows at a time (the block's full rows, then
/// the part right of the diagonal kept), or [`Error::TooLarge`](crate::Error::TooLarge).
pub(crate) fn condensed_distances<F: Float>(
    context: &'static str,
    x: ArrayView2<'_, F>,
    metric: Metric,
) -> Result<Vec<f64>> {
    let n = x.nrows();
    let pairs = n.checked_mul(n.saturating_sub(1)).map_or(usize::MAX, |p| p / 2);
    let mut out = try_with_capacity(
        context,
        || format!("a condensed matrix of {pairs} distances between {n} samples"),
        pairs,
    )?;
    // Enough rows per block to keep every core busy, few enough that the
    // block stays small next to the condensed matrix.
    let block_rows = (4_194_304 / n.max(1)).clamp(16, 1024);
    let mut block = Array2::<F>::zeros((block_rows.min(n), n));
    for start in (0..n).step_by(block_rows) {
        let end = (start + block_rows).min(n);
        let mut view = block.slice_mut(s![..end - start, ..]);
        distances_into(view.view_mut(), x.slice(s![start..end, ..]), x, metric);
        for (offset, row) in view.rows().into_iter().enumerate() {
            let i = start + offset;
            out.extend(row.iter().skip(i + 1).map(|d| d.as_f64()));
        }
    }
    Ok(out)
}

/// The Lance–Williams distance from cluster `i` to the union of `x` and `y`.
fn updated(linkage: Linkage, d_xi: f64, d_yi: f64, d_xy: f64, size_x: usize, size_y: usize, size_i: usize) -> f64 {
    match linkage {
        Linkage::Complete => d_xi.max(d_yi),
        Linkage::Average => (size_x as f64 * d_xi + size_y as f64 * d_yi) / (size_x + size_y) as f64,
        // Ward's update on distances (not their squares), as scipy.
        _ => {
            let t = 1.0 / (size_x + size_y + size_i) as f64;
            ((size_i + size_x) as f64 * t * d_xi * d_xi + (size_i + size_y) as f64 * t * d_yi * d_yi
                - size_i as f64 * t * d_xy * d_xy)
                .sqrt()
        }
    }
}

/// The merges of the nearest-neighbour chain on the condensed matrix `d`
/// (consumed: it holds the cluster distances as merges proceed), sorted by
/// distance (stable) and numbered as scipy: each merge joins the two
/// current roots, smaller number first.
pub(crate) fn nn_chain(n: usize, mut d: Vec<f64>, linkage: Linkage) -> Vec<Merge> {
    let mut size = vec![1usize; n];
    let mut chain: Vec<usize> = Vec::with_capacity(n);
    let mut raw: Vec<Merge> = Vec::with_capacity(n.saturating_sub(1));
    for _ in 1..n {
        if chain.is_empty() {
            chain.push(size.iter().position(|&s| s > 0).unwrap_or(0));
        }
        // Walk to nearest neighbours until two are each other's nearest; the
        // previous chain element wins ties, so the walk cannot cycle.
        let (x, y, distance) = loop {
            let x = chain[chain.len() - 1];
            let previous = if chain.len() > 1 {
                Some(chain[chain.len() - 2])
            } else {
                None
            };
            let (mut y, mut current) = match previous {
                Some(p) => (p, d[condensed_index(n, x, p)]),
                None => (0, f64::INFINITY),
            };
            for i in 0..n {
                if size[i] == 0 || i == x {
                    continue;
                }
                let dist = d[condensed_index(n, x, i)];
                if dist < current {
                    current = dist;
                    y = i;
                }
            }
            if previous == Some(y) {
                break (x, y, current);
            }
            chain.push(y);
        };
        chain.truncate(chain.len() - 2);
        let (x, y) = if x > y { (y, x) } else { (x, y) };
        let (nx, ny) = (size[x], size[y]);
        raw.push(Merge {
            left: x,
            right: y,
            distance,
            size: nx + ny,
        });
        size[x] = 0;
        size[y] = nx + ny;
        for i in 0..n {
            if size[i] == 0 || i == y {
                continue;
            }
            let (d_xi, d_yi) = (d[condensed_index(n, i, x)], d[condensed_index(n, i, y)]);
            d[condensed_index(n, i, y)] = updated(linkage, d_xi, d_yi, distance, nx, ny, size[i]);
        }
    }
    raw.sort_by(|a, b| a.distance.total_cmp(&b.distance));
    relabel(n, raw)
}

/// Replaces the representative points of sorted merges by the numbers of
/// the clusters they stand for (scipy's `label`).
fn relabel(n: usize, merges: Vec<Merge>) -> Vec<Merge> {
    let mut clusters = UnionFind::new(n);
    merges
        .into_iter()
        .map(|m| {
            let (a, b) = (clusters.find(m.left), clusters.find(m.right));
            let (left, right) = if a < b { (a, b) } else { (b, a) };
            let size = clusters.union(left, right);
            Merge { left, right, size, ..m }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn condensed_positions() {
        let n = 5;
        let mut k = 0;
        for i in 0..n {
            for j in i + 1..n {
                assert_eq!(condensed_index(n, i, j), k);
                assert_eq!(condensed_index(n, j, i), k);
                k += 1;
            }
        }
    }

    /// Four points on a line, complete linkage: {0, 1} then {2, 3}, then all.
    #[test]
    fn complete_on_a_line() {
        let x = ndarray::array![[0.0], [1.0], [5.0], [7.0]];
        let d = condensed_distances("test", x.view(), Metric::Euclidean).unwrap();
        let merges = nn_chain(4, d, Linkage::Complete);
        let pairs: Vec<(usize, usize, f64)> = merges.iter().map(|m| (m.left, m.right, m.distance)).collect();
        assert_eq!(pairs, vec![(0, 1, 1.0), (2, 3, 2.0), (4, 5, 7.0)]);
    }
}
