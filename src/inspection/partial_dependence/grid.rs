//! The grid of a partial dependence, as scikit-learn's `_grid_from_X`: per
//! feature the sorted unique values, or `grid_resolution` evenly spaced
//! points between two percentiles computed as scipy's `mquantiles`.

use crate::error::{Error, Result};

/// The grid axis of one feature from its column: `custom` when given;
/// else the unique values (sorted, one `NaN` last) when the feature is
/// categorical or has fewer than `grid_resolution` of them; else
/// `grid_resolution` points from `np.linspace` between the `percentiles`
/// of the column, with numpy's and scipy's arithmetic step by step so the
/// points agree to the last bit.
pub(crate) fn axis(
    context: &'static str,
    column: &[f64],
    is_categorical: bool,
    grid_resolution: usize,
    percentiles: (f64, f64),
) -> Result<Vec<f64>> {
    let mut sorted = column.to_vec();
    // NaN last, as numpy's sort.
    sorted.sort_by(|a, b| match (a.is_nan(), b.is_nan()) {
        (false, false) => a.partial_cmp(b).expect("neither is NaN"),
        (a_nan, b_nan) => a_nan.cmp(&b_nan),
    });
    let uniques = unique_sorted(&sorted);
    if is_categorical || uniques.len() < grid_resolution {
        return Ok(uniques);
    }
    let low = mquantile(&sorted, percentiles.0);
    let high = mquantile(&sorted, percentiles.1);
    // np.allclose(low, high): |a - b| <= atol + rtol·|b|.
    if (low - high).abs() <= 1e-8 + 1e-5 * high.abs() {
        return Err(Error::invalid_input(
            context,
            format!(
                "percentiles are too close to each other, unable to build the grid \
                 (the column's percentiles are {low} and {high}); choose percentiles that are further apart"
            ),
        ));
    }
    Ok(linspace(low, high, grid_resolution))
}

/// The distinct values of a sorted slice (numpy's `np.unique`: `-0.0` and
/// `0.0` are one value, every `NaN` is one value).
fn unique_sorted(sorted: &[f64]) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::new();
    for &v in sorted {
        match out.last() {
            Some(&last) if last == v || (last.is_nan() && v.is_nan()) => {}
            _ => out.push(v),
        }
    }
    out
}

/// scipy's `mquantiles(data, prob=p)` with its defaults `alphap = betap =
/// 0.4` (type 7 of R's quantiles is 1, 1; this is type 9-ish "approximately
/// unbiased"), on sorted data with at least two values.
pub(crate) fn mquantile(sorted: &[f64], p: f64) -> f64 {
    let (alphap, betap) = (0.4, 0.4);
    let n = sorted.len();
    let m = alphap + p * (1.0 - alphap - betap);
    let aleph = n as f64 * p + m;
    let k = aleph.clamp(1.0, (n - 1) as f64).floor();
    let gamma = (aleph - k).clamp(0.0, 1.0);
    let k = k as usize;
    (1.0 - gamma) * sorted[k - 1] + gamma * sorted[k]
}

/// numpy's `np.linspace(start, stop, num)` (endpoint included, `num >= 2`,
/// a non-zero step): `i · step + start`, the last point `stop` itself.
pub(crate) fn linspace(start: f64, stop: f64, num: usize) -> Vec<f64> {
    let step = (stop - start) / (num - 1) as f64;
    let mut out: Vec<f64> = (0..num).map(|i| i as f64 * step + start).collect();
    out[num - 1] = stop;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_values_below_the_resolution() {
        let axis = axis(
            "t",
            &[3.0, 1.0, f64::NAN, 1.0, -0.0, 0.0, f64::NAN],
            false,
            100,
            (0.05, 0.95),
        )
        .unwrap();
        assert_eq!(axis.len(), 4);
        assert_eq!(&axis[..3], &[-0.0, 1.0, 3.0]);
        assert!(axis[3].is_nan());
    }

    #[test]
    fn categorical_features_always_take_their_uniques() {
        let column: Vec<f64> = (0..10).map(|i| (i % 5) as f64).collect();
        assert_eq!(
            axis("t", &column, true, 2, (0.05, 0.95)).unwrap(),
            vec![0.0, 1.0, 2.0, 3.0, 4.0]
        );
        assert_eq!(axis("t", &column, false, 2, (0.05, 0.95)).unwrap().len(), 2);
    }

    #[test]
    fn mquantiles_as_scipy() {
        // scipy.stats.mstats.mquantiles(np.arange(10.0), [0.05, 0.95, 0.1, 0.5])
        // = [0, 9, 0.42, 4.5] (alphap = betap = 0.4: the outer quantiles
        // clamp to the ends).
        let data: Vec<f64> = (0..10).map(f64::from).collect();
        assert_eq!(mquantile(&data, 0.05), 0.0);
        assert_eq!(mquantile(&data, 0.95), 9.0);
        assert!((mquantile(&data, 0.1) - 0.42).abs() < 1e-12);
        assert!((mquantile(&data, 0.5) - 4.5).abs() < 1e-12);
        assert_eq!(mquantile(&data, 0.0), 0.0);
        assert_eq!(mquantile(&data, 1.0), 9.0);
    }

    #[test]
    fn linspace_ends_on_stop() {
        let points = linspace(0.1, 0.7, 7);
        assert_eq!(points[0], 0.1);
        assert_eq!(points[6], 0.7);
        assert_eq!(points[3], 3.0 * ((0.7 - 0.1) / 6.0) + 0.1);
    }

    #[test]
    fn close_percentiles_are_an_error() {
        let mut column = vec![1.0; 98];
        column.extend([0.0, 2.0]);
        assert!(axis("t", &column, false, 2, (0.05, 0.95)).is_err());
    }
}
