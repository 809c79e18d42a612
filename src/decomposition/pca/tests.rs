//! Regression tests of the PCA solvers on inputs that once panicked.

use super::*;
use crate::traits::UnsupervisedEstimator;
use ndarray::array;

/// Issue 12, failure 1: `All` with the randomized solver reached an
/// `unreachable!`. It keeps min(n_samples, n_features) components, as
/// scikit-learn's `n_components=None`, and agrees with the exact solver.
#[test]
fn all_components_with_the_randomized_solver_fit() {
    let x: ndarray::Array2<f64> = array![[1., 2.], [3., 5.], [4., 4.]];
    let randomized = PCA::default()
        .n_components(NComponents::All)
        .svd_solver(SvdSolver::Randomized)
        .random_state(0)
        .fit_unsupervised(x.view())
        .unwrap();
    let exact = PCA::default()
        .svd_solver(SvdSolver::Full)
        .fit_unsupervised(x.view())
        .unwrap();
    assert_eq!(randomized.n_components(), 2);
    for (a, b) in randomized.explained_variance().iter().zip(exact.explained_variance()) {
        assert!((a - b).abs() < 1e-9, "{a} vs {b}");
    }
}

/// Every combination of component request and solver fits or returns an
/// error, including absurd oversampling and the variance fraction the
/// randomized solver cannot honour.
#[test]
fn every_component_request_and_solver_is_an_answer_not_a_panic() {
    let x: ndarray::Array2<f64> = array![[1., 2., 0.], [3., 5., 1.], [4., 4., 2.], [0., 1., 1.]];
    let requests = [
        NComponents::All,
        NComponents::Count(1),
        NComponents::Count(3),
        NComponents::Count(4),
        NComponents::Count(usize::MAX),
        NComponents::VarianceFraction(0.5),
    ];
    let solvers = [
        SvdSolver::Auto,
        SvdSolver::Full,
        SvdSolver::CovarianceEigh,
        SvdSolver::Randomized,
    ];
    for request in requests {
        for solver in solvers {
            for n_oversamples in [1, usize::MAX] {
                let pca = PCA::default()
                    .n_components(request)
                    .svd_solver(solver)
                    .n_oversamples(n_oversamples)
                    .random_state(0);
                match pca.fit_unsupervised(x.view()) {
                    Ok(fitted) => assert!(fitted.n_components() <= 3),
                    Err(Error::InvalidParameter { parameter, .. }) => assert_eq!(parameter, "n_components"),
                    Err(other) => panic!("{request:?} with {solver:?}: unexpected {other}"),
                }
            }
        }
    }
}

/// Issue 12, failure 5: the covariance of 100,000 features is 80 GB per
/// matrix; the process aborted asking for it. The size is computed and
/// tried first (a reservation the allocator refuses at once, nothing is
/// written), so the fit returns an error naming it. The input is 8 MB.
#[test]
fn a_covariance_too_large_for_memory_is_an_error_not_an_abort() {
    let d = 100_000;
    let x = ndarray::Array2::from_shape_fn((10, d), |(i, j)| ((i * 7 + j * 3) % 11) as f64);
    let err = PCA::default()
        .svd_solver(SvdSolver::CovarianceEigh)
        .fit_unsupervised(x.view())
        .unwrap_err();
    match err {
        Error::TooLarge { context, what, bytes } => {
            assert_eq!(context, "PCA");
            assert!(what.contains("100000 × 100000"), "{what}");
            // One accumulator (10 rows are one part) + 4 matrices of d² f64.
            assert_eq!(bytes, 5 * (d as u128) * (d as u128) * 8);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    // The solver `Auto` picks for this shape works on the data itself.
    let fitted = PCA::default()
        .n_components(NComponents::Count(2))
        .fit_unsupervised(x.view())
        .unwrap();
    assert_eq!(fitted.components().dim(), (2, d));
}
