//! The fast routes of issue 15 (round 2) against the general ones they
//! skip, on data where each route's rule says yes and where it says no:
//! `LinearRegression` on the eigendecomposition of normal equations formed
//! without a centred copy (against the SVD of the centred copy, which a
//! weighted fit with unit weights takes) and `Ridge`'s Cholesky on them
//! (against `RidgeSolver::Svd`). Closed forms: 1e-10 relative to the
//! largest coefficient; ranks equal.

use learnkit::linear_model::RidgeSolver;
use learnkit::prelude::*;
use ndarray::{Array1, Array2, ShapeBuilder};

/// `n × p` data with column means `offset · spread`, each column mixing in
/// `mix` times its left neighbour's noise (`mix = 2.5` on 12 columns: a
/// condition number near 1e4, past the Gram route's 1e3), and a noisy
/// linear target.
fn data(n: usize, p: usize, offset: f64, mix: f64, seed: u64) -> (Array2<f64>, Array1<f64>) {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    };
    let base = Array2::from_shape_fn((n, p), |_| next());
    let x = Array2::from_shape_fn((n, p), |(i, j)| {
        let spread = 0.5 + j as f64 * 0.25;
        let shared = if j > 0 { mix * base[[i, j - 1]] } else { 0.0 };
        spread * (base[[i, j]] + shared + offset)
    });
    let y = Array1::from_shape_fn(n, |i| {
        x.row(i)
            .iter()
            .enumerate()
            .map(|(j, v)| v * (j as f64 - 3.0))
            .sum::<f64>()
            + 2.0
            + 0.1 * next()
    });
    (x, y)
}

fn close(what: &str, got: &Array1<f64>, want: &Array1<f64>, tol: f64) {
    let scale = want.iter().fold(1e-300f64, |m, v| m.max(v.abs()));
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() <= tol * scale, "{what}: got {got}, want {want}");
    }
}

/// Near the origin (the Gram route), far from it (centred copy), well and
/// badly conditioned (the SVD), with and without an intercept.
const CASES: [(f64, f64); 4] = [(0.3, 0.0), (25.0, 0.0), (0.3, 0.5), (0.0, 2.5)];

#[test]
fn linear_regression_routes_agree() {
    for (k, &(offset, mix)) in CASES.iter().enumerate() {
        let (x, y) = data(300, 12, offset, mix, 3 + k as u64);
        let ones = Array1::ones(x.nrows());
        for fit_intercept in [true, false] {
            let model = LinearRegression::default().fit_intercept(fit_intercept);
            let fast = model.fit(x.view(), y.view()).unwrap();
            let svd = model.fit_weighted(x.view(), y.view(), ones.view()).unwrap();
            let case = format!("offset {offset}, mix {mix}, intercept {fit_intercept}");
            close(&case, &fast.coef().to_owned(), &svd.coef().to_owned(), 1e-10);
            let (a, b) = (fast.intercept(), svd.intercept());
            assert!((a - b).abs() <= 1e-10 * b.abs().max(1.0), "{case}: {a} vs {b}");
            assert_eq!(fast.rank(), svd.rank(), "{case}");
            close(
                &case,
                &fast.singular().unwrap().to_owned(),
                &svd.singular().unwrap().to_owned(),
                1e-10,
            );
            // Column-major input takes the same route: the same values on
            // the Gram route, and within 1e-10 on the SVD fallback, whose
            // centred copy keeps the input's layout, so faer's SVD sums in
            // another order (2e-11 relative on the ill-conditioned case).
            let fortran = {
                let mut f = Array2::zeros(x.dim().f());
                f.assign(&x);
                f
            };
            let again = model.fit(fortran.view(), y.view()).unwrap();
            close(&case, &again.coef().to_owned(), &fast.coef().to_owned(), 1e-10);
        }
    }
}

#[test]
fn ridge_cholesky_matches_svd() {
    for (k, &(offset, mix)) in CASES.iter().enumerate() {
        let (x, y) = data(250, 10, offset, mix, 11 + k as u64);
        for fit_intercept in [true, false] {
            for alpha in [0.0, 0.7] {
                let ridge = Ridge::default().alpha(alpha).fit_intercept(fit_intercept);
                let fast = ridge.clone().fit(x.view(), y.view()).unwrap();
                let svd = ridge.solver(RidgeSolver::Svd).fit(x.view(), y.view()).unwrap();
                let case = format!("offset {offset}, mix {mix}, intercept {fit_intercept}, alpha {alpha}");
                // Cholesky on XᵀX loses κ² where the SVD loses κ.
                let tol = if mix > 1.0 { 1e-6 } else { 1e-10 };
                close(&case, &fast.coef().to_owned(), &svd.coef().to_owned(), tol);
                let (a, b) = (fast.intercept(), svd.intercept());
                assert!((a - b).abs() <= tol * b.abs().max(1.0), "{case}: {a} vs {b}");
            }
        }
    }
}

/// An `f32` input (copied to `f64` first) gives the `f64` fit of the same values.
#[test]
fn f32_input_takes_the_same_route() {
    let (x, y) = data(200, 6, 0.3, 0.0, 5);
    let (x32, y32) = (x.mapv(|v| v as f32), y.mapv(|v| v as f32));
    let (x64, y64) = (x32.mapv(f64::from), y32.mapv(f64::from));
    let a = LinearRegression::default().fit(x32.view(), y32.view()).unwrap();
    let b = LinearRegression::default().fit(x64.view(), y64.view()).unwrap();
    close(
        "f32",
        &a.coef().mapv(f64::from),
        &b.coef().mapv(|v| v as f32).mapv(f64::from),
        1e-7,
    );
    let a = Ridge::default().fit(x32.view(), y32.view()).unwrap();
    let b = Ridge::default().fit(x64.view(), y64.view()).unwrap();
    close(
        "f32",
        &a.coef().mapv(f64::from),
        &b.coef().mapv(|v| v as f32).mapv(f64::from),
        1e-7,
    );
}
