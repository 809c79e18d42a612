//! The crate's warnings: one place that words and emits them, through the
//! [`log`] facade (no output unless the application installs a logger, such
//! as `env_logger` or `simple_logger`).
//!
//! Every warning goes to the target `"learnkit"`, at level
//! [`Warn`](log::Level::Warn), and starts with the estimator's name, so that
//! an application can filter on either.

use std::fmt::Display;

/// The `log` target of every warning of the crate.
pub(crate) const TARGET: &str = "learnkit";

/// A solver stopped before its stopping rule was met (at `max_iter`, on an
/// evaluation budget, or because no step improved the objective): the fitted
/// model's `converged()` is `false` and its coefficients are not the optimum.
/// `detail` says where it stopped.
pub(crate) fn not_converged(estimator: &str, detail: impl Display) {
    log::warn!(
        target: TARGET,
        "{estimator}: the solver did not converge ({detail}); the fitted model is not the optimum. \
         Raise max_iter, or scale the features (e.g. with StandardScaler)"
    );
}

/// A Gram matrix was given (`precompute`) but the fit centres `X` for its
/// intercept, so the matrix cannot be the centred data's: it is ignored and
/// the fit computes its own (scikit-learn's warning in `_pre_fit`).
pub(crate) fn gram_recomputed(estimator: &str) {
    log::warn!(
        target: TARGET,
        "{estimator}: a Gram matrix was given as precompute but X was centred to fit the intercept: \
         the Gram matrix is recomputed (give the Gram matrix of X centred on its column means, and that X)"
    );
}

/// A k-d or ball tree was asked for on sparse training data: trees need
/// dense rows, so the search is brute force (scikit-learn's warning).
pub(crate) fn tree_on_sparse_input(estimator: &str) {
    log::warn!(
        target: TARGET,
        "{estimator}: cannot use a tree with sparse input: using brute force"
    );
}

/// The fitted linear model is, to floating-point precision, the
/// intercept-only model: no feature moves any training sample's decision
/// value. Typically the features are so small that the L2 penalty keeps the
/// coefficients at zero (the penalty is not scale invariant), or so large
/// that the solver could not move at all. `largest` is the largest absolute
/// feature value.
pub(crate) fn features_ignored(estimator: &str, largest: f64) {
    log::warn!(
        target: TARGET,
        "{estimator}: the fitted coefficients do not change any training sample's decision \
         (the model is the intercept-only model; largest |x| = {largest:e}). \
         Scale the features (e.g. with StandardScaler) or change C"
    );
}

/// Whether the feature part `X·Wᵀ` of a linear model's decision values is
/// negligible: below the rounding of the intercepts (or exactly zero), so
/// that the model decides as the intercept-only one. `x` is row-major with
/// `n_features` columns, `coef` is `k × n_features` row-major.
pub(crate) fn coefficients_ignored(
    x: impl Iterator<Item = impl Iterator<Item = f64>>,
    coef: &[f64],
    n_features: usize,
    intercept: &[f64],
) -> bool {
    let intercept_scale = intercept.iter().fold(0.0f64, |m, b| m.max(b.abs()));
    let threshold = f64::EPSILON * intercept_scale;
    let mut row_buf = Vec::with_capacity(n_features);
    for row in x {
        row_buf.clear();
        row_buf.extend(row);
        for w in coef.chunks_exact(n_features.max(1)) {
            let z: f64 = row_buf.iter().zip(w).map(|(a, b)| a * b).sum();
            if z.is_nan() || z.abs() > threshold {
                return false;
            }
        }
    }
    true
}

/// The detail of [`not_converged`] for SMO, whose only early stop is its
/// iteration cap: `max_iter` (`None`: libsvm's own cap) and the iterations
/// of each problem.
pub(crate) fn max_iter_reached(max_iter: Option<usize>, n_iter: &[usize]) -> String {
    let cap = max_iter.map_or_else(|| "libsvm's cap max(10⁷, 100 n)".to_string(), |m| m.to_string());
    format!("max_iter = {cap} reached; iterations per problem: {n_iter:?}")
}

/// A radius classifier met rows with no neighbour and its outlier label is
/// not a training class: their probabilities are all zero, and `predict`
/// gives them the label (scikit-learn's warning).
pub(crate) fn outlier_label_not_a_class(estimator: &str, label: &impl std::fmt::Debug) {
    log::warn!(
        target: TARGET,
        "{estimator}: outlier label {label:?} is not a training class; \
         all class probabilities of outliers are 0"
    );
}

/// A radius regressor met rows with no neighbour: it predicts NaN for them
/// (scikit-learn's warning).
pub(crate) fn no_neighbours_predicting_nan(estimator: &str, n_rows: usize) {
    log::warn!(
        target: TARGET,
        "{estimator}: {n_rows} row(s) have no neighbour within the radius; predicting NaN"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(x: &[[f64; 2]]) -> impl Iterator<Item = impl Iterator<Item = f64> + '_> + '_ {
        x.iter().map(|r| r.iter().copied())
    }

    #[test]
    fn coefficients_are_ignored_only_below_the_rounding_of_the_intercepts() {
        let x = [[1e-12, 2e-12], [3e-12, -1e-12]];
        // w·x ≈ 1e-23, far below ε · 0.5: the intercept-only model.
        assert!(coefficients_ignored(rows(&x), &[1e-11, 1e-11], 2, &[0.5]));
        // Zero coefficients and zero intercepts: every score is 0.
        assert!(coefficients_ignored(rows(&x), &[0.0, 0.0, 0.0, 0.0], 2, &[0.0, 0.0]));
        // A coefficient that moves one decision, however slightly, counts.
        assert!(!coefficients_ignored(rows(&x), &[1e-3, 0.0], 2, &[0.0]));
        assert!(!coefficients_ignored(rows(&[[1.0, 1.0]]), &[1e-10, 0.0], 2, &[0.5]));
        // A NaN or infinite score is not "ignored".
        assert!(!coefficients_ignored(rows(&[[1e300, 1e300]]), &[1e300, 0.0], 2, &[0.0]));
    }

    #[test]
    fn max_iter_detail_names_the_cap() {
        assert_eq!(
            max_iter_reached(Some(5), &[5, 3]),
            "max_iter = 5 reached; iterations per problem: [5, 3]"
        );
        assert!(max_iter_reached(None, &[7]).contains("libsvm's cap"));
    }
}
