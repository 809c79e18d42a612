//! The sign convention of every decomposition here.

use crate::float::Float;
use ndarray::{Array2, Axis};

/// scikit-learn's `svd_flip(u_based_decision=False)`: each component's
/// largest entry in absolute value (the first such) becomes positive.
pub(super) fn flip_signs<F: Float>(components: &mut Array2<F>) {
    for mut row in components.axis_iter_mut(Axis(0)) {
        let mut largest = F::zero();
        let mut sign = F::one();
        for &v in row.iter() {
            if v.abs() > largest {
                largest = v.abs();
                sign = if v < F::zero() { -F::one() } else { F::one() };
            }
        }
        row.mapv_inplace(|v| v * sign);
    }
}
