//! What the least-squares family shares: input checks, centring and
//! weighting (scikit-learn's `_preprocess_data` with `rescale_with_sw`),
//! the minimum-norm least-squares solve (`scipy.linalg.lstsq`), non-negative
//! least squares (`scipy.optimize.nnls`), and the fitted linear map.
//!
//! Everything is computed in `f64` whatever the input type, then cast.

use crate::error::{Error, Result};
use crate::float::Float;
use crate::linalg::{LINEAR_SCORE_ROWS, linear_scores, thin_svd};
use crate::parallel::with_n_jobs_rows;
use crate::sparse::{MatrixView, check_matrix_predict_input, sparse_linear_scores};
use crate::validation::{check_finite, check_sample_weight, check_x_y};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;

/// `x`, `y` as one column (or one per target), and the sample weights, in `f64`.
pub(crate) type RegressionInputs = (Array2<f64>, Array2<f64>, Option<Array1<f64>>);

/// Checked regression inputs in `f64`: `x`, `y` as one column, and the
/// sample weights (`None` when not given).
pub(crate) fn regression_inputs<F: Float>(
    name: &'static str,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, F>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<RegressionInputs> {
    multi_target_inputs(name, x, y.insert_axis(Axis(1)), sample_weight)
}

/// [`regression_inputs`] for a target matrix `y` (rows × targets), as
/// scikit-learn's multi-target `y`: at least one target column, one row per
/// row of `x`, every value finite.
pub(crate) fn multi_target_inputs<F: Float>(
    name: &'static str,
    x: ArrayView2<'_, F>,
    y: ArrayView2<'_, F>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<RegressionInputs> {
    check_x_y(name, x, y.nrows())?;
    if y.ncols() == 0 {
        return Err(Error::EmptyInput {
            context: name.into(),
            what: "y has 0 target columns",
        });
    }
    check_finite(name, y)?;
    let weights = match sample_weight {
        Some(w) => Some(check_sample_weight(name, Some(w), x.nrows())?.mapv(F::as_f64)),
        None => None,
    };
    // Element by element in parallel (the same values on any thread count).
    let x = ndarray::Zip::from(&x).par_map_collect(|v| v.as_f64());
    Ok((x, y.mapv(F::as_f64), weights))
}

/// The data a least-squares solver sees.
pub(crate) struct Prepared {
    /// `x`, centred on its weighted column means when fitting an intercept,
    /// each row then multiplied by the square root of its weight.
    pub x: Array2<f64>,
    /// `y` (one column per target), treated as `x`.
    pub y: Array2<f64>,
    /// The weighted column means of `x` (zeros without an intercept).
    pub x_offset: Array1<f64>,
    /// The weighted means of the targets (zeros without an intercept).
    pub y_offset: Array1<f64>,
    /// Square roots of the sample weights (ones when unweighted).
    pub sqrt_sw: Array1<f64>,
}

/// Centres and weights as scikit-learn's `_preprocess_data(...,
/// rescale_with_sw=True)`: the intercept is then `y_offset − x_offset·coef`,
/// and minimising `‖y − x·w‖²` on the result minimises the weighted loss.
pub(crate) fn prepare(
    mut x: Array2<f64>,
    mut y: Array2<f64>,
    sample_weight: Option<&Array1<f64>>,
    fit_intercept: bool,
) -> Prepared {
    let (n, p) = x.dim();
    let (x_offset, y_offset) = if fit_intercept {
        let means = |m: &Array2<f64>| -> Array1<f64> {
            match sample_weight {
                Some(w) => {
                    let total: f64 = w.sum();
                    m.t().dot(w) / total
                }
                None => m.mean_axis(Axis(0)).expect("at least one row"),
            }
        };
        let (xo, yo) = (means(&x), means(&y));
        // Row blocks in parallel: element-wise, so bit-identical.
        x.axis_chunks_iter_mut(Axis(0), 4096)
            .into_par_iter()
            .for_each(|mut rows| rows -= &xo);
        y -= &yo;
        (xo, yo)
    } else {
        (Array1::zeros(p), Array1::zeros(y.ncols()))
    };
    let sqrt_sw = match sample_weight {
        Some(w) => {
            let s = w.mapv(f64::sqrt);
            x *= &s.view().insert_axis(Axis(1));
            y *= &s.view().insert_axis(Axis(1));
            s
        }
        None => Array1::ones(n),
    };
    Prepared {
        x,
        y,
        x_offset,
        y_offset,
        sqrt_sw,
    }
}

/// The intercepts `y_offset − coef·x_offset` (`coef` is targets × features).
pub(crate) fn intercepts(coef: &Array2<f64>, prepared: &Prepared) -> Array1<f64> {
    &prepared.y_offset - &coef.dot(&prepared.x_offset)
}

/// The minimum-norm least-squares solution of `x·w ≈ y` as
/// `scipy.linalg.lstsq(x, y, cond)`: singular values at most `cond` times the
/// largest count as zero. Returns the coefficients (targets × features), the
/// effective rank and the singular values of `x`.
pub(crate) fn lstsq(x: &Array2<f64>, y: &Array2<f64>, cond: f64) -> Result<(Array2<f64>, usize, Array1<f64>)> {
    let (s, u, vt) = thin_svd(x.view(), true)?;
    let u = u.expect("asked for u");
    let largest = s.first().copied().unwrap_or(0.0);
    let rank = s.iter().take_while(|&&v| v > cond * largest).count();
    // w = V_r · diag(1/s_r) · U_rᵀ · y, on the first `rank` singular triplets.
    let mut uty = u.slice(ndarray::s![.., ..rank]).t().dot(y);
    for (mut row, &sv) in uty.rows_mut().into_iter().zip(s.iter()) {
        row /= sv;
    }
    let w = vt.slice(ndarray::s![..rank, ..]).t().dot(&uty);
    Ok((w.reversed_axes(), rank, s))
}

/// Non-negative least squares `min ‖a·w − b‖` subject to `w ≥ 0` by the
/// active-set method of Lawson and Hanson (what `scipy.optimize.nnls`
/// implements), at most `3 · n_features` outer iterations as scipy.
///
/// # Errors
/// [`Error::NotConverged`] when the iterations run out (scipy raises
/// `RuntimeError`), which happens on degenerate, singular systems.
pub(crate) fn nnls(name: &'static str, a: &Array2<f64>, b: ArrayView1<'_, f64>) -> Result<Array1<f64>> {
    let (m, p) = a.dim();
    let mut w = Array1::<f64>::zeros(p);
    let mut passive = vec![false; p];
    let norm1 = a
        .columns()
        .into_iter()
        .map(|c| c.iter().map(|v| v.abs()).sum::<f64>())
        .fold(0.0, f64::max);
    let tol = 10.0 * f64::EPSILON * m.max(p) as f64 * norm1.max(f64::MIN_POSITIVE);
    let max_iter = 3 * p.max(1);
    let gradient = |w: &Array1<f64>| a.t().dot(&(&b - &a.dot(w)));
    let mut iter = 0;
    loop {
        let g = gradient(&w);
        let candidate = (0..p)
            .filter(|&j| !passive[j])
            .max_by(|&i, &j| g[i].total_cmp(&g[j]).then(j.cmp(&i)));
        let Some(j) = candidate.filter(|&j| g[j] > tol) else {
            return Ok(w);
        };
        iter += 1;
        if iter > max_iter {
            return Err(Error::NotConverged {
                context: name.into(),
                message: format!(
                    "non-negative least squares (positive = true) did not converge in {max_iter} iterations; \
                     the system is probably singular (collinear features)"
                ),
            });
        }
        passive[j] = true;
        loop {
            let columns: Vec<usize> = (0..p).filter(|&i| passive[i]).collect();
            let sub = a.select(Axis(1), &columns);
            let (z, _, _) = lstsq(&sub, &b.to_owned().insert_axis(Axis(1)), f64::EPSILON * m.max(p) as f64)?;
            let z = z.row(0);
            if z.iter().all(|&v| v > 0.0) {
                w.fill(0.0);
                for (&c, &v) in columns.iter().zip(z) {
                    w[c] = v;
                }
                break;
            }
            // Step from w towards z until the first passive coefficient hits zero.
            let mut step = f64::INFINITY;
            for (&c, &v) in columns.iter().zip(z) {
                if v <= 0.0 {
                    step = step.min(w[c] / (w[c] - v));
                }
            }
            for (&c, &v) in columns.iter().zip(z) {
                w[c] += step * (v - w[c]);
                if w[c] <= tol {
                    w[c] = 0.0;
                    passive[c] = false;
                }
            }
            iter += 1;
            if iter > max_iter {
                return Err(Error::NotConverged {
                    context: name.into(),
                    message: format!(
                        "non-negative least squares (positive = true) did not converge in {max_iter} iterations; \
                         the system is probably singular (collinear features)"
                    ),
                });
            }
        }
    }
}

/// Checked scores `x·coefᵀ + intercept` of a dense or sparse `x` (the
/// prediction of every linear model), in parallel over fixed row blocks on
/// `n_jobs` threads (bit-identical whatever their number); a sparse `x` is
/// never densified.
pub(crate) fn checked_linear_scores<F: Float>(
    name: &'static str,
    n_jobs: Option<usize>,
    coef: ArrayView2<'_, F>,
    intercept: ArrayView1<'_, F>,
    x: MatrixView<'_, F>,
) -> Result<Array2<F>> {
    check_matrix_predict_input(name, coef.ncols(), x)?;
    with_n_jobs_rows(n_jobs, x.nrows(), LINEAR_SCORE_ROWS, || match x {
        MatrixView::Dense(x) => {
            let mut out = Array2::<F>::zeros((x.nrows(), coef.nrows()));
            linear_scores(x, coef, intercept, out.view_mut());
            out
        }
        MatrixView::Sparse(x) => sparse_linear_scores(x, coef, intercept),
    })
}

/// A fitted linear map `x·coefᵀ + intercept`: one row of `coef` and one
/// intercept per output column.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(bound(serialize = "F: Float", deserialize = "F: Float")))]
pub(crate) struct Linear<F> {
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub coef: Array2<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub intercept: Array1<F>,
}

impl<F: Float> Linear<F> {
    /// From `f64` coefficients (outputs × features) and intercepts.
    pub(crate) fn new(coef: &Array2<f64>, intercept: &Array1<f64>) -> Self {
        Linear {
            coef: coef.mapv(F::cast),
            intercept: intercept.mapv(F::cast),
        }
    }

    /// Checked scores, in parallel over fixed row blocks on `n_jobs` threads
    /// (bit-identical whatever their number).
    pub(crate) fn scores(&self, name: &'static str, n_jobs: Option<usize>, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.scores_matrix(name, n_jobs, x.into())
    }

    /// [`Linear::scores`] of a dense or sparse `x`.
    pub(crate) fn scores_matrix(
        &self,
        name: &'static str,
        n_jobs: Option<usize>,
        x: MatrixView<'_, F>,
    ) -> Result<Array2<F>> {
        checked_linear_scores(name, n_jobs, self.coef.view(), self.intercept.view(), x)
    }

    /// The consistency a loaded model must have: `outputs` rows of finite
    /// coefficients, as many intercepts, zero unless fitted.
    pub(crate) fn check(&self, outputs: Option<usize>, fit_intercept: bool) -> std::result::Result<(), String> {
        use crate::persistence::check::{ensure, same_len};
        if let Some(k) = outputs {
            same_len("coefficient rows", k, self.coef.nrows())?;
        }
        same_len("intercepts", self.coef.nrows(), self.intercept.len())?;
        ensure(self.coef.ncols() > 0, || "no features".into())?;
        ensure(
            self.coef.iter().chain(self.intercept.iter()).all(|v| v.is_finite()),
            || "non-finite coefficient".into(),
        )?;
        ensure(fit_intercept || self.intercept.iter().all(|v| *v == F::zero()), || {
            "non-zero intercept with fit_intercept = false".into()
        })
    }
}
