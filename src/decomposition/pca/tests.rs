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

/// Issue 14: the transforms run a register-tiled kernel (`affine_rows`)
/// instead of a dot product per output. A row's projection is still the same
/// bits alone, in any batch and on 1 or 2 threads, for every solver, with and
/// without whitening, for `f32`, and back through `inverse_transform`; and it
/// agrees with the plain product `(x − mean) · componentsᵀ` to rounding.
#[test]
fn transforms_do_not_depend_on_the_batch_or_the_thread_count() {
    use crate::decomposition::TruncatedSVD;
    use crate::traits::{InverseTransformer, Transformer};
    use ndarray::{Array2, s};
    let x = Array2::from_shape_fn((3000, 40), |(i, j)| {
        ((i * 31 + j * 17) % 23) as f64 * (1.0 + j as f64 / 7.0) + (i % 5) as f64 * 0.25 + 100.0
    });
    let same_by_rows = |all: &Array2<f64>, one: &dyn Fn(std::ops::Range<usize>) -> Array2<f64>| {
        for range in [0..1, 7..8, 2999..3000, 5..12, 1000..2000, 0..3000] {
            assert_eq!(one(range.clone()), all.slice(s![range, ..]));
        }
    };
    for solver in [SvdSolver::CovarianceEigh, SvdSolver::Full, SvdSolver::Randomized] {
        for whiten in [false, true] {
            let fit = |n_jobs| {
                PCA::default()
                    .n_components(NComponents::Count(9))
                    .svd_solver(solver)
                    .whiten(whiten)
                    .random_state(0)
                    .n_jobs(Some(n_jobs))
                    .fit_unsupervised(x.view())
                    .unwrap()
            };
            let (one, two) = (fit(1), fit(2));
            let z = one.transform(x.view()).unwrap();
            assert_eq!(two.transform(x.view()).unwrap(), z);
            same_by_rows(&z, &|rows| one.transform(x.slice(s![rows, ..])).unwrap());
            let mut plain = (&x - &one.mean).dot(&one.components.t());
            if whiten {
                plain /= &one.explained_variance.mapv(f64::sqrt);
            }
            for (a, b) in z.iter().zip(&plain) {
                assert!((a - b).abs() < 1e-9, "{solver:?} whiten {whiten}: {a} vs {b}");
            }
            let back = one.inverse_transform(z.view()).unwrap();
            assert_eq!(two.inverse_transform(z.view()).unwrap(), back);
            same_by_rows(&back, &|rows| one.inverse_transform(z.slice(s![rows, ..])).unwrap());
        }
    }
    let x32 = x.mapv(|v| v as f32);
    let pca32 = PCA::default()
        .n_components(NComponents::Count(5))
        .fit_unsupervised(x32.view())
        .unwrap();
    let z32 = pca32.transform(x32.view()).unwrap();
    for range in [0..1, 6..13, 0..3000] {
        assert_eq!(
            pca32.transform(x32.slice(s![range.clone(), ..])).unwrap(),
            z32.slice(s![range, ..])
        );
    }
    let svd = TruncatedSVD::default()
        .n_components(6)
        .random_state(0)
        .fit_unsupervised(x.view())
        .unwrap();
    let z = svd.transform(x.view()).unwrap();
    same_by_rows(&z, &|rows| svd.transform(x.slice(s![rows, ..])).unwrap());
    let plain = x.dot(&svd.components().t());
    assert!(
        z.iter()
            .zip(&plain)
            .all(|(a, b)| (a - b).abs() < 1e-9 * (1.0 + b.abs()))
    );
    let back = svd.inverse_transform(z.view()).unwrap();
    same_by_rows(&back, &|rows| svd.inverse_transform(z.slice(s![rows, ..])).unwrap());
}
