//! [`GaussianNB`]: naive Bayes for continuous features.

use super::base::{Model, naive_bayes_model};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::sparse::MatrixView;
use crate::validation::check_param;
use ndarray::{Array1, Array2, ArrayView2};

/// Gaussian naive Bayes, as scikit-learn's `GaussianNB`: within each class,
/// each feature is normal with its own mean (`theta`) and variance (`var`).
///
/// Every batch (the whole data for `fit`, each call of `partial_fit`)
/// updates the per-class means and variances with the pairwise update of
/// Chan, Golub and LeVeque, exactly as scikit-learn's
/// `_update_mean_variance` (weighted by `sample_weight`). For numerical
/// stability `epsilon = var_smoothing · max_j var(X[:, j])` — the largest
/// variance of the batch's features — is added to every variance (and
/// taken out again before the next batch is added, as scikit-learn does,
/// with the new batch's epsilon). The joint log-likelihood of a row is
/// `log prior_c − ½ Σ_j log(2π var_cj) − ½ Σ_j (x_j − theta_cj)² / var_cj`.
///
/// Sparse input is densified (the default `_matrix` behaviour), as
/// scikit-learn's `GaussianNB` accepts dense input only.
///
/// # Hyperparameters
/// - `priors` (default `None`: the class frequencies): fixed prior
///   probabilities, one per class, non-negative, summing to 1.
/// - `var_smoothing` (default 1e-9), ≥ 0: the fraction of the largest
///   feature variance added to every variance.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
/// hyperparameter or `priors` that do not match the classes; the usual data
/// errors.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::naive_bayes::GaussianNB;
/// use ndarray::array;
///
/// let x = array![[-1.0, -1.0], [-2.0, -1.0], [-3.0, -2.0], [1.0, 1.0], [2.0, 1.0], [3.0, 2.0]];
/// let y = array![1, 1, 1, 2, 2, 2];
/// let model = GaussianNB::default().fit(x.view(), y.view())?;
/// assert_eq!(model.predict(array![[-0.8, -1.0]].view())?, array![1]);
/// assert_eq!(model.theta().row(0), array![-2.0, -4.0 / 3.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct GaussianNB {
    /// Fixed class prior probabilities, default `None`.
    pub priors: Option<Vec<f64>>,
    /// Fraction of the largest variance added to the variances, default 1e-9.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub var_smoothing: f64,
}

impl Default for GaussianNB {
    fn default() -> Self {
        GaussianNB {
            priors: None,
            var_smoothing: 1e-9,
        }
    }
}

setters!(GaussianNB in "learnkit::naive_bayes" {
    priors: Option<Vec<f64>> = Some(vec![0.3, 0.7]);
    var_smoothing: f64 = 1e-6;
});

/// The fitted statistics of [`GaussianNB`].
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct GaussianState {
    /// `theta_`: per-class feature means.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    theta: Array2<f64>,
    /// `var_`: per-class feature variances, `epsilon` included.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    var: Array2<f64>,
    /// `epsilon_` of the last batch.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    epsilon: f64,
    /// `class_prior_`.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    class_prior: Array1<f64>,
}

/// The (weighted) mean and variance of each column of `x` over `rows`, as
/// numpy's `average(X, weights)` and `average((X − mean)², weights)`.
fn mean_variance<F: Float>(x: ArrayView2<'_, F>, rows: &[usize], weights: &[f64]) -> (f64, Array1<f64>, Array1<f64>) {
    let n = x.ncols();
    let total: f64 = rows.iter().map(|&i| weights[i]).sum();
    let mut mean = Array1::<f64>::zeros(n);
    for &i in rows {
        for (m, &v) in mean.iter_mut().zip(x.row(i)) {
            *m += weights[i] * v.as_f64();
        }
    }
    mean /= total;
    let mut var = Array1::<f64>::zeros(n);
    for &i in rows {
        for ((s, &v), &m) in var.iter_mut().zip(x.row(i)).zip(&mean) {
            let d = v.as_f64() - m;
            *s += weights[i] * (d * d);
        }
    }
    var /= total;
    (total, mean, var)
}

impl GaussianNB {
    const NAME: &'static str = "GaussianNB";

    /// scikit-learn's `_update_mean_variance` for class `c` and the rows of
    /// the batch in `rows`; returns the batch's total weight.
    fn update_class<F: Float>(
        state: &mut GaussianState,
        c: usize,
        n_past: f64,
        x: ArrayView2<'_, F>,
        rows: &[usize],
        weights: &[f64],
    ) -> f64 {
        let (n_new, new_mu, new_var) = mean_variance(x, rows, weights);
        // numpy's isclose(n_new, 0): a batch of (near) zero weight changes nothing.
        if n_new.abs() <= 1e-8 {
            return n_new;
        }
        if n_past == 0.0 {
            state.theta.row_mut(c).assign(&new_mu);
            state.var.row_mut(c).assign(&new_var);
            return n_new;
        }
        let n_total = n_past + n_new;
        ndarray::Zip::from(state.theta.row_mut(c))
            .and(state.var.row_mut(c))
            .and(&new_mu)
            .and(&new_var)
            .for_each(|mu, var, &new_mu, &new_var| {
                let total_mu = (n_new * new_mu + n_past * *mu) / n_total;
                let old_ssd = n_past * *var;
                let new_ssd = n_new * new_var;
                let d = *mu - new_mu;
                let total_ssd = old_ssd + new_ssd + (n_new * n_past / n_total) * (d * d);
                *mu = total_mu;
                *var = total_ssd / n_total;
            });
        n_new
    }
}

impl Model for GaussianNB {
    const NAME: &'static str = GaussianNB::NAME;
    type State = GaussianState;

    fn validate(&self) -> Result<()> {
        check_param(
            Self::NAME,
            "var_smoothing",
            self.var_smoothing,
            "a finite number >= 0",
            |v| v.is_finite() && v >= 0.0,
        )?;
        if let Some(priors) = &self.priors {
            let bad = |constraint: &str| Err(Error::invalid_parameter(Self::NAME, "priors", constraint, priors));
            if priors.iter().any(|p| !(p.is_finite() && *p >= 0.0)) {
                return bad("finite non-negative priors");
            }
            // numpy's isclose(sum, 1.0), as scikit-learn checks it.
            if (priors.iter().sum::<f64>() - 1.0).abs() > 1e-8 + 1e-5 {
                return bad("priors that sum to 1");
            }
        }
        Ok(())
    }

    fn new_state(&self, n_classes: usize, n_features: usize) -> Result<GaussianState> {
        let class_prior = match &self.priors {
            Some(priors) if priors.len() != n_classes => {
                return Err(Error::invalid_parameter(
                    Self::NAME,
                    "priors",
                    format!("one prior per class ({n_classes})"),
                    priors,
                ));
            }
            Some(priors) => Array1::from(priors.clone()),
            None => Array1::zeros(n_classes),
        };
        let zeros = || {
            crate::alloc::try_zeros(
                Self::NAME,
                || format!("the means ({n_classes} × {n_features})"),
                (n_classes, n_features),
            )
        };
        Ok(GaussianState {
            theta: zeros()?,
            var: zeros()?,
            epsilon: 0.0,
            class_prior,
        })
    }

    fn update<F: Float>(
        &self,
        state: &mut GaussianState,
        class_count: &mut Array1<f64>,
        x: MatrixView<'_, F>,
        codes: &[usize],
        weights: &[f64],
        first: bool,
    ) -> Result<()> {
        x.with_dense(|x| {
            // The unweighted variance of each feature over the batch, as
            // scikit-learn's `np.var(X, axis=0)`.
            let ones = vec![1.0; x.nrows()];
            let all: Vec<usize> = (0..x.nrows()).collect();
            let (_, _, batch_var) = mean_variance(x, &all, &ones);
            let epsilon = self.var_smoothing * batch_var.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if !first {
                state.var -= epsilon;
            }
            let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); class_count.len()];
            for (i, &c) in codes.iter().enumerate() {
                rows_of[c].push(i);
            }
            for (c, rows) in rows_of.iter().enumerate().filter(|(_, rows)| !rows.is_empty()) {
                class_count[c] += Self::update_class(state, c, class_count[c], x, rows, weights);
            }
            state.var += epsilon;
            state.epsilon = epsilon;
            if self.priors.is_none() {
                state.class_prior = &*class_count / class_count.sum();
            }
            Ok(())
        })
    }

    fn joint_log_likelihood<F: Float>(&self, state: &GaussianState, x: MatrixView<'_, F>) -> Result<Array2<f64>> {
        x.with_dense(|x| {
            let n_classes = state.theta.nrows();
            let mut out = crate::alloc::try_zeros::<f64>(
                Self::NAME,
                || format!("the joint log-likelihood ({} × {n_classes})", x.nrows()),
                (x.nrows(), n_classes),
            )?;
            for c in 0..n_classes {
                let (theta, var) = (state.theta.row(c), state.var.row(c));
                let joint = state.class_prior[c].ln();
                let log_det = -0.5 * var.iter().map(|v| (2.0 * std::f64::consts::PI * v).ln()).sum::<f64>();
                let column = out.column_mut(c);
                ndarray::Zip::from(column).and(x.rows()).par_for_each(|o, row| {
                    let mut s = 0.0;
                    for ((&v, &t), &s2) in row.iter().zip(theta).zip(var) {
                        let d = v.as_f64() - t;
                        s += (d * d) / s2;
                    }
                    *o = joint + (log_det - 0.5 * s);
                });
            }
            Ok(out)
        })
    }

    fn check_state(
        &self,
        state: &GaussianState,
        n_classes: usize,
        n_features: usize,
    ) -> std::result::Result<(), String> {
        use crate::persistence::check::ensure;
        for (what, dim) in [("theta", state.theta.dim()), ("var", state.var.dim())] {
            ensure(dim == (n_classes, n_features), || {
                format!("GaussianNB: {what} is {dim:?}, expected ({n_classes}, {n_features})")
            })?;
        }
        crate::persistence::check::same_len("GaussianNB: class_prior", n_classes, state.class_prior.len())?;
        ensure(state.theta.iter().all(|v| v.is_finite()), || {
            "GaussianNB: non-finite means".into()
        })?;
        ensure(state.var.iter().all(|v| v.is_finite() && *v >= 0.0), || {
            "GaussianNB: variances must be finite and non-negative".into()
        })?;
        ensure(state.epsilon.is_finite() && state.epsilon >= 0.0, || {
            "GaussianNB: epsilon must be finite and non-negative".into()
        })?;
        ensure(state.class_prior.iter().all(|p| p.is_finite() && *p >= 0.0), || {
            "GaussianNB: class priors must be finite and non-negative".into()
        })
    }
}

naive_bayes_model!(
    GaussianNB,
    FittedGaussianNB,
    GaussianState,
    "ndarray::array![[2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0], [0.0, 2.0, 2.0]]"
);

impl<F: Float, L: Label> FittedGaussianNB<F, L> {
    /// The mean of each feature per class (`theta_`), one row per class.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::naive_bayes::GaussianNB;
    /// use ndarray::array;
    /// let model = GaussianNB::default().fit(array![[1.0], [3.0], [10.0]].view(), array![0, 0, 1].view())?;
    /// assert_eq!(model.theta(), array![[2.0], [10.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn theta(&self) -> ndarray::ArrayView2<'_, f64> {
        self.state.theta.view()
    }

    /// The variance of each feature per class, `epsilon` included (`var_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::naive_bayes::GaussianNB;
    /// use ndarray::array;
    /// let model = GaussianNB::default().var_smoothing(0.0).fit(array![[1.0], [3.0], [10.0]].view(), array![0, 0, 1].view())?;
    /// assert_eq!(model.var(), array![[1.0], [0.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn var(&self) -> ndarray::ArrayView2<'_, f64> {
        self.state.var.view()
    }

    /// The value added to every variance (`epsilon_`): `var_smoothing`
    /// times the largest feature variance of the last batch.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::naive_bayes::GaussianNB;
    /// use ndarray::array;
    /// let model = GaussianNB::default().var_smoothing(0.5).fit(array![[1.0], [3.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.epsilon(), 0.5);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn epsilon(&self) -> f64 {
        self.state.epsilon
    }

    /// The prior probability of each class (`class_prior_`): `priors`, or
    /// the (weighted) class frequencies.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::naive_bayes::GaussianNB;
    /// use ndarray::array;
    /// let model = GaussianNB::default().fit(array![[1.0], [3.0], [10.0], [11.0]].view(), array![0, 1, 1, 1].view())?;
    /// assert_eq!(model.class_prior(), array![0.25, 0.75]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn class_prior(&self) -> ndarray::ArrayView1<'_, f64> {
        self.state.class_prior.view()
    }
}
