//! The maximisation step: weights, means and covariances from the
//! responsibilities (scikit-learn's `_estimate_gaussian_parameters` and
//! its four `_estimate_gaussian_covariances_*`), with per-chunk sums
//! computed in parallel and added in chunk order.

use super::covariance::{CovarianceArray, CovarianceType};
use crate::linalg::matmul;
use crate::parallel::ROW_CHUNK;
use ndarray::{Array1, Array2, Array3, ArrayView2, Axis};
use rayon::prelude::*;

/// The sums over samples an M-step needs: `nk = Σ r` (k), `Σ r x`
/// (k × d), and for `Diag` / `Spherical` `Σ r x²` (k × d).
struct Moments {
    nk: Array1<f64>,
    rx: Array2<f64>,
    rx2: Option<Array2<f64>>,
}

/// Sums `f` over fixed row chunks of `x` and `resp`, in parallel, added in
/// chunk order (the same rounding on any number of threads).
fn chunk_sums<T: Send>(
    x: ArrayView2<'_, f64>,
    resp: ArrayView2<'_, f64>,
    f: impl Fn(ArrayView2<'_, f64>, ArrayView2<'_, f64>) -> T + Sync + Send,
    add: impl Fn(&mut T, T),
) -> T {
    let parts: Vec<T> = x
        .axis_chunks_iter(Axis(0), ROW_CHUNK)
        .into_par_iter()
        .zip(resp.axis_chunks_iter(Axis(0), ROW_CHUNK).into_par_iter())
        .map(|(xc, rc)| f(xc, rc))
        .collect();
    let mut parts = parts.into_iter();
    let mut total = parts.next().expect("at least one row");
    for part in parts {
        add(&mut total, part);
    }
    total
}

fn moments(x: ArrayView2<'_, f64>, resp: ArrayView2<'_, f64>, squares: bool) -> Moments {
    let (k, d) = (resp.ncols(), x.ncols());
    chunk_sums(
        x,
        resp,
        |xc, rc| {
            let nk = rc.sum_axis(Axis(0));
            let mut rx = Array2::zeros((k, d));
            matmul(rx.view_mut(), rc.t(), xc, false);
            let rx2 = squares.then(|| {
                let mut rx2 = Array2::zeros((k, d));
                matmul(rx2.view_mut(), rc.t(), xc.mapv(|v| v * v).view(), false);
                rx2
            });
            Moments { nk, rx, rx2 }
        },
        |total, part| {
            total.nk += &part.nk;
            total.rx += &part.rx;
            if let (Some(t), Some(p)) = (total.rx2.as_mut(), part.rx2) {
                *t += &p;
            }
        },
    )
}

/// New (unnormalised) weights `nk`, means and covariances from `resp`.
/// `gram` is `xᵀx` (the same every iteration) for `Tied`.
pub(crate) fn estimate_parameters(
    x: ArrayView2<'_, f64>,
    resp: ArrayView2<'_, f64>,
    reg_covar: f64,
    covariance_type: CovarianceType,
    gram: Option<&Array2<f64>>,
) -> (Array1<f64>, Array2<f64>, CovarianceArray) {
    let squares = matches!(covariance_type, CovarianceType::Diag | CovarianceType::Spherical);
    let Moments { nk, rx, rx2 } = moments(x, resp, squares);
    // scikit-learn keeps an empty component's weight above zero.
    let nk = nk + 10.0 * f64::EPSILON;
    let means = &rx / &nk.view().insert_axis(Axis(1));
    let (k, d) = means.dim();
    let covariances = match covariance_type {
        CovarianceType::Full => {
            // Σ_i r_ik (x_i − μ_k)(x_i − μ_k)ᵀ, centred as scikit-learn.
            let mut cov = chunk_sums(
                x,
                resp,
                |xc, rc| {
                    let mut out = Array3::<f64>::zeros((k, d, d));
                    for c in 0..k {
                        let diff = &xc - &means.row(c);
                        let weighted = &diff * &rc.column(c).insert_axis(Axis(1));
                        matmul(out.index_axis_mut(Axis(0), c), weighted.t(), diff.view(), false);
                    }
                    out
                },
                |total, part| *total += &part,
            );
            for (c, mut m) in cov.axis_iter_mut(Axis(0)).enumerate() {
                m /= nk[c];
                m.diag_mut().mapv_inplace(|v| v + reg_covar);
            }
            CovarianceArray::Full(cov)
        }
        CovarianceType::Tied => {
            let gram = gram.expect("the tied M-step is given xᵀx");
            let weighted_means = &means * &nk.view().insert_axis(Axis(1));
            let avg_means2 = weighted_means.t().dot(&means);
            let mut cov = gram - &avg_means2;
            cov /= nk.sum();
            cov.diag_mut().mapv_inplace(|v| v + reg_covar);
            CovarianceArray::Tied(cov)
        }
        CovarianceType::Diag | CovarianceType::Spherical => {
            let rx2 = rx2.expect("squares were summed");
            let avg_x2 = &rx2 / &nk.view().insert_axis(Axis(1));
            let diag = avg_x2 - &means.mapv(|v| v * v) + reg_covar;
            if covariance_type == CovarianceType::Diag {
                CovarianceArray::Diag(diag)
            } else {
                CovarianceArray::Spherical(diag.mean_axis(Axis(1)).expect("at least one feature"))
            }
        }
    };
    (nk, means, covariances)
}
