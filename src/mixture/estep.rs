//! The expectation step: per-sample, per-component log densities through
//! the precision Cholesky factors (scikit-learn's
//! `_estimate_log_gaussian_prob`), normalised by a log-sum-exp into
//! responsibilities, over fixed row chunks in parallel.

use super::covariance::{CovarianceArray, log_det_cholesky};
use crate::linalg::affine_rows;
use crate::parallel::ROW_CHUNK;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut2, Axis, Zip};
use rayon::prelude::*;

/// What the E-step needs of a mixture: log weights, means, precision
/// Cholesky factors and their log determinants.
pub(crate) struct Components<'a> {
    pub(crate) log_weights: Array1<f64>,
    pub(crate) means: ArrayView2<'a, f64>,
    pub(crate) chol: &'a CovarianceArray,
    pub(crate) log_det: Array1<f64>,
}

impl<'a> Components<'a> {
    pub(crate) fn new(weights: ArrayView1<'_, f64>, means: ArrayView2<'a, f64>, chol: &'a CovarianceArray) -> Self {
        let (k, d) = means.dim();
        Components {
            log_weights: weights.mapv(f64::ln),
            means,
            chol,
            log_det: log_det_cholesky(chol, k, d),
        }
    }

    /// `log N(x | μ_k, Σ_k) + log w_k` for every row of `x` (a chunk) and
    /// component, into `out` (`rows × k`, standard layout).
    pub(crate) fn weighted_log_prob_into(&self, x: ArrayView2<'_, f64>, mut out: ArrayViewMut2<'_, f64>) {
        let (n, d) = x.dim();
        let k = self.means.nrows();
        match self.chol {
            CovarianceArray::Full(u) => {
                let mut y = Array2::<f64>::zeros((n, d));
                for c in 0..k {
                    let uc = u.index_axis(Axis(0), c);
                    self.mahalanobis_into(x, uc, c, y.view_mut(), out.column_mut(c));
                }
            }
            CovarianceArray::Tied(u) => {
                let mut y = Array2::<f64>::zeros((n, d));
                for c in 0..k {
                    self.mahalanobis_into(x, u.view(), c, y.view_mut(), out.column_mut(c));
                }
            }
            CovarianceArray::Diag(u) => {
                // Σ μ² p − 2 x·(μ p) + x²·p, as scikit-learn.
                let p = u.mapv(|v| v * v);
                let mp = &self.means * &p;
                let constant: Array1<f64> = (&mp * &self.means).sum_axis(Axis(1));
                let zeros = Array1::<f64>::zeros(k);
                affine_rows(x, mp.view(), zeros.view(), out.view_mut());
                let x2 = x.mapv(|v| v * v);
                let mut quad = Array2::<f64>::zeros((n, k));
                affine_rows(x2.view(), p.view(), zeros.view(), quad.view_mut());
                Zip::from(out.rows_mut()).and(quad.rows()).for_each(|mut o, q| {
                    Zip::from(&mut o)
                        .and(&q)
                        .and(&constant)
                        .for_each(|o, &q, &c0| *o = c0 - 2.0 * *o + q);
                });
            }
            CovarianceArray::Spherical(u) => {
                let p = u.mapv(|v| v * v);
                let mean_norms: Array1<f64> = self.means.rows().into_iter().map(|m| m.dot(&m)).collect();
                affine_rows(x, self.means, Array1::<f64>::zeros(k).view(), out.view_mut());
                for (mut o, row) in out.rows_mut().into_iter().zip(x.rows()) {
                    let norm = row.dot(&row);
                    Zip::from(&mut o)
                        .and(&p)
                        .and(&mean_norms)
                        .for_each(|o, &p, &m2| *o = m2 * p - 2.0 * (*o * p) + norm * p);
                }
            }
        }
        let constant = d as f64 * (2.0 * std::f64::consts::PI).ln();
        for mut row in out.rows_mut() {
            Zip::from(&mut row)
                .and(&self.log_det)
                .and(&self.log_weights)
                .for_each(|v, &ld, &lw| *v = -0.5 * (constant + *v) + ld + lw);
        }
    }

    /// `‖(x − μ_c)·u‖²` per row into `out`, with `y` as scratch: `x·u − μ·u`
    /// as scikit-learn, by the batch-independent `affine_rows` (a row's
    /// density is the same bits alone or in any batch; a GEMM's is not).
    fn mahalanobis_into(
        &self,
        x: ArrayView2<'_, f64>,
        u: ArrayView2<'_, f64>,
        c: usize,
        mut y: ArrayViewMut2<'_, f64>,
        mut out: ndarray::ArrayViewMut1<'_, f64>,
    ) {
        let d = u.nrows();
        let coef = Array2::from_shape_fn((d, d), |(o, j)| u[[j, o]]);
        let shift = -self.means.row(c).dot(&u);
        affine_rows(x, coef.view(), shift.view(), y.view_mut());
        for (o, yr) in out.iter_mut().zip(y.rows()) {
            *o = yr.iter().map(|&a| a * a).sum();
        }
    }
}

/// `log Σ_k exp(v_k)` of one row, as scipy's `logsumexp`: the largest term
/// factored out (`m + log1p(Σ_{k≠argmax} exp(v_k − m))`), `-inf` for a row
/// of `-inf`.
pub(crate) fn log_sum_exp(row: ArrayView1<'_, f64>) -> f64 {
    let (mut arg, mut max) = (0, f64::NEG_INFINITY);
    for (k, &v) in row.iter().enumerate() {
        if v > max {
            (arg, max) = (k, v);
        }
    }
    if !max.is_finite() {
        // All -inf (or a +inf / NaN): the plain formula gives the limit.
        return row.iter().map(|v| v.exp()).sum::<f64>().ln();
    }
    let rest: f64 = row
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != arg)
        .map(|(_, &v)| (v - max).exp())
        .sum();
    max + rest.ln_1p()
}

/// The E-step over all rows: responsibilities (`n × k`, written into
/// `resp`) and the mean of the per-sample log-likelihoods. Row chunks run
/// in parallel and their sums are added in chunk order, so the result does
/// not depend on the number of threads.
pub(crate) fn e_step(x: ArrayView2<'_, f64>, components: &Components<'_>, resp: &mut Array2<f64>) -> f64 {
    let sums: Vec<f64> = resp
        .axis_chunks_iter_mut(Axis(0), ROW_CHUNK)
        .into_par_iter()
        .zip(x.axis_chunks_iter(Axis(0), ROW_CHUNK).into_par_iter())
        .map(|(mut r, xc)| {
            components.weighted_log_prob_into(xc, r.view_mut());
            let mut sum = 0.0;
            for mut row in r.rows_mut() {
                let norm = log_sum_exp(row.view());
                sum += norm;
                row.mapv_inplace(|v| (v - norm).exp());
            }
            sum
        })
        .collect();
    sums.iter().sum::<f64>() / x.nrows() as f64
}

/// Applies `f` to the weighted log probabilities of each row chunk of `x`
/// in parallel, writing into `out` (`n × k`) by chunk: what predict,
/// predict_proba and score_samples share.
pub(crate) fn for_weighted_log_prob_chunks(
    x: ArrayView2<'_, f64>,
    components: &Components<'_>,
    out: &mut Array2<f64>,
    f: impl Fn(ArrayViewMut2<'_, f64>) + Sync,
) {
    out.axis_chunks_iter_mut(Axis(0), ROW_CHUNK)
        .into_par_iter()
        .zip(x.axis_chunks_iter(Axis(0), ROW_CHUNK).into_par_iter())
        .for_each(|(mut r, xc)| {
            components.weighted_log_prob_into(xc, r.view_mut());
            f(r);
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn log_sum_exp_is_stable_and_exact_on_simple_rows() {
        assert!((log_sum_exp(array![0.0, 0.0].view()) - 2f64.ln()).abs() < 1e-15);
        assert!((log_sum_exp(array![-1000.0, -1000.0].view()) - (2f64.ln() - 1000.0)).abs() < 1e-12);
        assert_eq!(
            log_sum_exp(array![f64::NEG_INFINITY, f64::NEG_INFINITY].view()),
            f64::NEG_INFINITY
        );
    }

    /// Every covariance layout gives the same density for the same model.
    #[test]
    fn layouts_agree_on_an_isotropic_component() {
        use super::super::covariance::precision_cholesky;
        let x = array![[0.5, -1.0], [2.0, 0.25], [0.0, 0.0]];
        let means = array![[1.0, 0.0], [-1.0, 2.0]];
        let weights = array![0.25, 0.75];
        let layouts = [
            CovarianceArray::Full(ndarray::stack![
                Axis(0),
                Array2::<f64>::eye(2) * 2.0,
                Array2::<f64>::eye(2) * 2.0
            ]),
            CovarianceArray::Tied(Array2::<f64>::eye(2) * 2.0),
            CovarianceArray::Diag(Array2::from_elem((2, 2), 2.0)),
            CovarianceArray::Spherical(array![2.0, 2.0]),
        ];
        let mut results = Vec::new();
        for cov in &layouts {
            let chol = precision_cholesky("T", cov).unwrap();
            let c = Components::new(weights.view(), means.view(), &chol);
            let mut out = Array2::zeros((3, 2));
            c.weighted_log_prob_into(x.view(), out.view_mut());
            results.push(out);
        }
        // Direct: log N(x | μ, 2I) + log w.
        let direct = |i: usize, k: usize| {
            let d2: f64 = (&x.row(i) - &means.row(k)).mapv(|v| v * v).sum();
            -0.5 * d2 / 2.0 - (2.0 * std::f64::consts::PI * 2.0).ln() + weights[k].ln()
        };
        for r in &results {
            for i in 0..3 {
                for k in 0..2 {
                    assert!((r[[i, k]] - direct(i, k)).abs() < 1e-12, "{r}");
                }
            }
        }
    }
}
