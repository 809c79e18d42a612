//! The numerical steps of isotonic regression, each as scikit-learn 1.9
//! takes it: duplicate `x` merged (`_make_unique`), the pool-adjacent-
//! violators fit (`scipy.optimize.isotonic_regression`), the direction
//! from Spearman's correlation (`check_increasing`) and linear
//! interpolation (`scipy.interpolate.interp1d`).

/// Merges runs of equal `x` (closer than `eps`, scikit-learn's
/// `np.finfo(dtype).resolution`) of points sorted by `(x, y)` into one point
/// at the run's first `x` with the weighted mean `y` and the summed weight.
pub(super) fn make_unique(points: &[(f64, f64, f64)], eps: f64) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let (mut xs, mut ys, mut ws) = (Vec::new(), Vec::new(), Vec::new());
    let Some(&(first, _, _)) = points.first() else {
        return (xs, ys, ws);
    };
    let (mut current_x, mut current_wy, mut current_w) = (first, 0.0, 0.0);
    for &(x, y, w) in points {
        if x - current_x >= eps {
            xs.push(current_x);
            ys.push(current_wy / current_w);
            ws.push(current_w);
            current_x = x;
            current_w = w;
            current_wy = y * w;
        } else {
            current_w += w;
            current_wy += y * w;
        }
    }
    xs.push(current_x);
    ys.push(current_wy / current_w);
    ws.push(current_w);
    (xs, ys, ws)
}

/// The weighted least-squares non-decreasing fit to `y` (weights `w`, all
/// positive): pool adjacent violators, merging blocks while a block's mean
/// is not above the previous one's.
pub(super) fn pava_increasing(y: &[f64], w: &[f64]) -> Vec<f64> {
    // Blocks as (weighted sum, weight, count), merged leftwards.
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(y.len());
    for (&yi, &wi) in y.iter().zip(w) {
        let mut block = (yi * wi, wi, 1);
        while let Some(&(sum, weight, count)) = blocks.last() {
            if sum / weight >= block.0 / block.1 {
                blocks.pop();
                block = (sum + block.0, weight + block.1, count + block.2);
            } else {
                break;
            }
        }
        blocks.push(block);
    }
    blocks
        .into_iter()
        .flat_map(|(sum, weight, count)| std::iter::repeat_n(sum / weight, count))
        .collect()
}

/// [`pava_increasing`] or, for a non-increasing fit, the same on the
/// reversed sequence (scipy's `increasing=False`).
pub(super) fn pava(y: &[f64], w: &[f64], increasing: bool) -> Vec<f64> {
    if increasing {
        pava_increasing(y, w)
    } else {
        let y_rev: Vec<f64> = y.iter().rev().copied().collect();
        let w_rev: Vec<f64> = w.iter().rev().copied().collect();
        let mut fit = pava_increasing(&y_rev, &w_rev);
        fit.reverse();
        fit
    }
}

/// Average ranks (1-based, ties share the mean of their ranks), as
/// `scipy.stats.rankdata`.
fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        let rank = (start + end + 1) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Whether `y` tends to increase with `x`: Spearman's correlation `>= 0`,
/// scikit-learn's `check_increasing`. A constant `x` or `y` makes the
/// correlation NaN, which scikit-learn reads as decreasing; so does this.
pub(super) fn spearman_increasing(x: &[f64], y: &[f64]) -> bool {
    let (rx, ry) = (average_ranks(x), average_ranks(y));
    let n = x.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let mut sxy = 0.0;
    let mut sxx = 0.0;
    let mut syy = 0.0;
    for (a, b) in rx.iter().zip(&ry) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    let rho = sxy / (sxx * syy).sqrt();
    rho >= 0.0
}

/// scipy's `interp1d(x, y, kind="linear")` at `t` inside `[x[0], x[last]]`
/// (at least two increasing `x`): the segment found by `searchsorted`
/// (left), clipped to the valid segments, then `slope · (t - x_lo) + y_lo`.
pub(super) fn interpolate(x: &[f64], y: &[f64], t: f64) -> f64 {
    let hi = x.partition_point(|&v| v < t).clamp(1, x.len() - 1);
    let lo = hi - 1;
    let slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
    slope * (t - x[lo]) + y[lo]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn violators_are_pooled() {
        assert_eq!(
            pava_increasing(&[1.0, 3.0, 2.0, 4.0], &[1.0; 4]),
            vec![1.0, 2.5, 2.5, 4.0]
        );
        assert_eq!(pava(&[3.0, 1.0, 2.0], &[1.0, 1.0, 1.0], false), vec![3.0, 1.5, 1.5]);
        // Weights pull the pooled mean.
        assert_eq!(pava_increasing(&[2.0, 1.0], &[3.0, 1.0]), vec![1.75, 1.75]);
    }

    #[test]
    fn duplicates_become_weighted_means() {
        let (x, y, w) = make_unique(&[(1.0, 1.0, 1.0), (1.0, 3.0, 3.0), (2.0, 5.0, 1.0)], 1e-15);
        assert_eq!((x, y, w), (vec![1.0, 2.0], vec![2.5, 5.0], vec![4.0, 1.0]));
    }

    #[test]
    fn spearman_sign_and_constant_input() {
        assert!(spearman_increasing(&[1.0, 2.0, 3.0], &[1.0, 1.5, 4.0]));
        assert!(!spearman_increasing(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]));
        assert!(!spearman_increasing(&[1.0, 2.0, 3.0], &[1.0, 1.0, 1.0]));
    }
}
