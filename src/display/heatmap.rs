//! Filled heatmaps on [`Axes`]: a grid of values drawn as rectangles, one
//! per run of equal colours along a row (a 100 × 100 grid in banded colours
//! is a few hundred rectangles, not 10,000), as the banded surfaces of
//! matplotlib's `contourf` that scikit-learn's displays draw.

use super::{Axes, Color};

/// The number of colour levels of a continuous surface, as the handful of
/// bands matplotlib's `contourf` draws by default.
pub(crate) const LEVELS: usize = 10;

/// The band (0..LEVELS) of `v` in `[lo, hi]`.
pub(crate) fn level(v: f64, lo: f64, hi: f64) -> usize {
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) || !v.is_finite() {
        return 0;
    }
    (((v - lo) / (hi - lo)) * LEVELS as f64)
        .floor()
        .clamp(0.0, (LEVELS - 1) as f64) as usize
}

/// The edges of the cells around grid values `g`: halfway between
/// neighbours, the ends at the first and last value.
pub(crate) fn cell_edges(g: &[f64]) -> Vec<f64> {
    let n = g.len();
    let mut edges = Vec::with_capacity(n + 1);
    edges.push(g[0]);
    edges.extend(g.windows(2).map(|w| (w[0] + w[1]) / 2.0));
    edges.push(g[n - 1]);
    edges
}

/// Fills the cells between `edges_x` (columns) and `edges_y` (rows) with
/// `color_at(row, column)`, merging runs of equal colours along each row.
pub(crate) fn fill_grid(axes: &mut Axes, edges_x: &[f64], edges_y: &[f64], color_at: impl Fn(usize, usize) -> Color) {
    let (rows, cols) = (edges_y.len().saturating_sub(1), edges_x.len().saturating_sub(1));
    for i in 0..rows {
        let mut start = 0;
        let mut current = color_at(i, 0);
        for j in 1..=cols {
            let next = (j < cols).then(|| color_at(i, j));
            if next != Some(current) {
                // A hair of overlap with the next cells hides the seams
                // anti-aliasing would leave between rectangles.
                let x1 = if j < cols {
                    edges_x[j] + 0.01 * (edges_x[j] - edges_x[j - 1])
                } else {
                    edges_x[j]
                };
                let y1 = if i + 1 < rows {
                    edges_y[i + 1] + 0.01 * (edges_y[i + 1] - edges_y[i])
                } else {
                    edges_y[i + 1]
                };
                axes.rect(edges_x[start], edges_y[i], x1, y1, current);
                if let Some(next) = next {
                    start = j;
                    current = next;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_levels() {
        assert_eq!(cell_edges(&[0.0, 1.0, 3.0]), vec![0.0, 0.5, 2.0, 3.0]);
        assert_eq!(level(0.0, 0.0, 1.0), 0);
        assert_eq!(level(1.0, 0.0, 1.0), LEVELS - 1);
        assert_eq!(level(0.55, 0.0, 1.0), 5);
        assert_eq!(level(f64::NAN, 0.0, 1.0), 0);
    }
}
