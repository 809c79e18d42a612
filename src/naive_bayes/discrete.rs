//! What [`MultinomialNB`](super::MultinomialNB), [`ComplementNB`](super::ComplementNB)
//! and [`BernoulliNB`](super::BernoulliNB) share (scikit-learn's
//! `_BaseDiscreteNB`): per-class feature counts `Yᵀ X`, the smoothing
//! `alpha`, the class prior, and a joint log-likelihood that is linear in
//! `x` (`X Wᵀ + b`), computed on dense rows or on the stored entries of
//! sparse rows alike.

use crate::error::{Error, Result};
use crate::float::Float;
use crate::sparse::MatrixView;
use crate::validation::check_param;
use ndarray::{Array1, Array2};
use rayon::prelude::*;

/// The fitted statistics of a discrete model.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct DiscreteState {
    /// `feature_count_`: the weighted sum of each feature per class.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(crate) feature_count: Array2<f64>,
    /// `feature_log_prob_`, refreshed after every batch.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(crate) feature_log_prob: Array2<f64>,
    /// `class_log_prior_`, refreshed after every batch.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(crate) class_log_prior: Array1<f64>,
}

/// The hyperparameters the three discrete models share.
pub(crate) struct Smoothing<'a> {
    pub(crate) name: &'static str,
    pub(crate) alpha: f64,
    pub(crate) force_alpha: bool,
    pub(crate) fit_prior: bool,
    pub(crate) class_prior: Option<&'a [f64]>,
}

/// Below this, `force_alpha = false` raises `alpha` (scikit-learn's
/// `_ALPHA_MIN`).
const ALPHA_MIN: f64 = 1e-10;

impl Smoothing<'_> {
    /// `alpha ≥ 0` and finite; every class prior finite and ≥ 0.
    pub(crate) fn validate(&self) -> Result<()> {
        check_param(self.name, "alpha", self.alpha, "a finite number >= 0", |a| {
            a.is_finite() && a >= 0.0
        })?;
        if let Some(prior) = self.class_prior {
            if let Some(p) = prior.iter().find(|p| !(p.is_finite() && **p >= 0.0)) {
                return Err(Error::invalid_parameter(
                    self.name,
                    "class_prior",
                    "finite non-negative priors",
                    p,
                ));
            }
        }
        Ok(())
    }

    /// Zero counts for `n_classes × n_features`, after checking that
    /// `class_prior` has one prior per class.
    pub(crate) fn new_state(&self, n_classes: usize, n_features: usize) -> Result<DiscreteState> {
        if let Some(prior) = self.class_prior {
            if prior.len() != n_classes {
                return Err(Error::invalid_parameter(
                    self.name,
                    "class_prior",
                    format!("one prior per class ({n_classes})"),
                    prior,
                ));
            }
        }
        let zeros = |what: &str| {
            crate::alloc::try_zeros(
                self.name,
                || format!("the {what} ({n_classes} × {n_features})"),
                (n_classes, n_features),
            )
        };
        Ok(DiscreteState {
            feature_count: zeros("feature counts")?,
            feature_log_prob: zeros("feature log-probabilities")?,
            class_log_prior: Array1::zeros(n_classes),
        })
    }

    /// `alpha`, raised to 1e-10 (with a warning) when it is smaller and
    /// `force_alpha` is false, as scikit-learn's `_check_alpha`.
    pub(crate) fn alpha(&self) -> f64 {
        if self.alpha < ALPHA_MIN && !self.force_alpha {
            log::warn!(
                target: crate::warn::TARGET,
                "{}: alpha too small will result in numeric errors, setting alpha = {ALPHA_MIN:e}. \
                 Use force_alpha = true to keep alpha unchanged",
                self.name
            );
            ALPHA_MIN
        } else {
            self.alpha
        }
    }

    /// `class_log_prior_`: `log(class_prior)` when given, else the
    /// empirical `log(count / total)` with `fit_prior`, else uniform.
    pub(crate) fn class_log_prior(&self, class_count: &Array1<f64>) -> Array1<f64> {
        let n = class_count.len();
        match self.class_prior {
            Some(prior) => prior.iter().map(|p| p.ln()).collect(),
            None if self.fit_prior => {
                let log_total = class_count.sum().ln();
                class_count.mapv(|c| c.ln() - log_total)
            }
            None => Array1::from_elem(n, -(n as f64).ln()),
        }
    }
}

/// `Error::InvalidInput` at the first negative value, as scikit-learn's
/// "Negative values in data passed to …".
pub(crate) fn check_non_negative<F: Float>(name: &'static str, x: MatrixView<'_, F>) -> Result<()> {
    let found = match x {
        MatrixView::Dense(x) => x
            .indexed_iter()
            .find(|(_, v)| **v < F::zero())
            .map(|((i, j), v)| (i, j, *v)),
        MatrixView::Sparse(x) => x.data().iter().position(|v| *v < F::zero()).map(|k| {
            let row = x.indptr().partition_point(|&p| p <= k) - 1;
            (row, x.indices()[k] as usize, x.data()[k])
        }),
    };
    match found {
        Some((row, column, value)) => Err(Error::invalid_input(
            name,
            format!(
                "Negative values in data passed to {name} (input X): {} at row {row}, column {column}",
                value.as_f64()
            ),
        )),
        None => Ok(()),
    }
}

/// Adds `Yᵀ map(X)` to `feature_count` and the weights to `class_count`
/// (rows in order, so the sums do not depend on the thread count). Values
/// that `map` sends to zero add nothing: a sparse matrix's missing entries
/// are such zeros, so a sparse and a dense fit of the same data agree.
pub(crate) fn add_counts<F: Float>(
    feature_count: &mut Array2<f64>,
    class_count: &mut Array1<f64>,
    x: MatrixView<'_, F>,
    codes: &[usize],
    weights: &[f64],
    map: impl Fn(F) -> f64,
) {
    let mut add = |i: usize, j: usize, v: F| {
        let value = map(v);
        if value != 0.0 {
            feature_count[[codes[i], j]] += weights[i] * value;
        }
    };
    match x {
        MatrixView::Dense(x) => {
            for (i, row) in x.outer_iter().enumerate() {
                for (j, &v) in row.iter().enumerate() {
                    add(i, j, v);
                }
            }
        }
        MatrixView::Sparse(x) => {
            for (i, row) in x.rows().enumerate() {
                for (&j, &v) in row.indices.iter().zip(row.values) {
                    add(i, j as usize, v);
                }
            }
        }
    }
    for (&c, &w) in codes.iter().zip(weights) {
        class_count[c] += w;
    }
}

/// `map(X) Wᵀ + bias` with `w_t = Wᵀ` (`n_features × n_classes`), rows in
/// parallel; terms whose `map(x)` is zero are skipped (the convention
/// `0 · log 0 = 0` when `alpha = 0`), so sparse and dense rows agree.
///
/// This is one sparse × dense product (scipy's `csr_matvecs`, which
/// scikit-learn's `safe_sparse_dot` runs), on plain slices: an ndarray
/// `scaled_add` per stored value cost more in setting up its zip than in
/// arithmetic, and for up to 8 classes the row's sums live in a fixed-size
/// array the compiler keeps in registers (callgrind: a third of the
/// instructions of the ndarray loop on 5 classes). Every sum is the same,
/// term by term and in the same order, so the results are unchanged to the
/// bit.
pub(crate) fn linear_jll<F: Float>(
    name: &'static str,
    x: MatrixView<'_, F>,
    w_t: &Array2<f64>,
    bias: &Array1<f64>,
    map: impl Fn(F) -> f64 + Sync,
) -> Result<Array2<f64>> {
    let k = bias.len();
    let mut out = crate::alloc::try_zeros::<f64>(
        name,
        || format!("the joint log-likelihood ({} × {k})", x.nrows()),
        (x.nrows(), k),
    )?;
    if k == 0 || x.nrows() == 0 {
        return Ok(out);
    }
    let w_t = w_t.as_standard_layout();
    let w = w_t.as_slice().unwrap_or(&[]);
    let bias = bias.to_vec();
    // `out` is fresh and in standard layout: its rows are consecutive slices.
    let out_rows = out.as_slice_mut().unwrap_or(&mut []);
    match k {
        1 => jll_rows::<1, F>(x, w, &bias, out_rows, &map),
        2 => jll_rows::<2, F>(x, w, &bias, out_rows, &map),
        3 => jll_rows::<3, F>(x, w, &bias, out_rows, &map),
        4 => jll_rows::<4, F>(x, w, &bias, out_rows, &map),
        5 => jll_rows::<5, F>(x, w, &bias, out_rows, &map),
        6 => jll_rows::<6, F>(x, w, &bias, out_rows, &map),
        7 => jll_rows::<7, F>(x, w, &bias, out_rows, &map),
        8 => jll_rows::<8, F>(x, w, &bias, out_rows, &map),
        _ => jll_rows::<0, F>(x, w, &bias, out_rows, &map),
    }
    Ok(out)
}

/// [`linear_jll`]'s rows, in parallel: `K` classes, or any number for `K = 0`.
fn jll_rows<const K: usize, F: Float>(
    x: MatrixView<'_, F>,
    w: &[f64],
    bias: &[f64],
    out: &mut [f64],
    map: &(impl Fn(F) -> f64 + Sync),
) {
    let rows = out.par_chunks_mut(bias.len()).with_min_len(256).enumerate();
    match x {
        MatrixView::Dense(x) => {
            rows.for_each(|(i, o)| jll_row::<K, F>(o, x.row(i).iter().copied().enumerate(), w, bias, map))
        }
        MatrixView::Sparse(x) => rows.for_each(|(i, o)| {
            let row = x.row(i);
            let terms = row.indices.iter().map(|&j| j as usize).zip(row.values.iter().copied());
            jll_row::<K, F>(o, terms, w, bias, map)
        }),
    }
}

/// One row: `o = Σ map(v) · w[j] + bias` over the row's `(j, v)`, in order,
/// into `o` (zeros). Generic over the iterator: a `dyn` one cost a call per
/// value.
fn jll_row<const K: usize, F: Float>(
    o: &mut [f64],
    terms: impl Iterator<Item = (usize, F)>,
    w: &[f64],
    bias: &[f64],
    map: &impl Fn(F) -> f64,
) {
    if K == 0 {
        let k = bias.len();
        for (j, v) in terms {
            let value = map(v);
            if value != 0.0 {
                for (o, &w) in o.iter_mut().zip(&w[j * k..(j + 1) * k]) {
                    *o += value * w;
                }
            }
        }
        for (o, &b) in o.iter_mut().zip(bias) {
            *o += b;
        }
        return;
    }
    // Starts at 0.0 as `o` does: the same sums as the loop above.
    let mut acc = [0.0f64; K];
    for (j, v) in terms {
        let value = map(v);
        if value != 0.0 {
            for (a, &w) in acc.iter_mut().zip(&w[j * K..(j + 1) * K]) {
                *a += value * w;
            }
        }
    }
    for ((o, a), &b) in o.iter_mut().zip(acc).zip(bias) {
        *o = a + b;
    }
}

/// The invariants of loaded discrete statistics: `n_classes × n_features`
/// arrays, finite non-negative counts, log-probabilities that are not NaN.
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
pub(crate) fn check_state(
    name: &str,
    state: &DiscreteState,
    n_classes: usize,
    n_features: usize,
) -> std::result::Result<(), String> {
    use crate::persistence::check::ensure;
    for (what, dim) in [
        ("feature_count", state.feature_count.dim()),
        ("feature_log_prob", state.feature_log_prob.dim()),
    ] {
        ensure(dim == (n_classes, n_features), || {
            format!("{name}: {what} is {dim:?}, expected ({n_classes}, {n_features})")
        })?;
    }
    crate::persistence::check::same_len(
        &format!("{name}: class_log_prior"),
        n_classes,
        state.class_log_prior.len(),
    )?;
    ensure(state.feature_count.iter().all(|c| c.is_finite() && *c >= 0.0), || {
        format!("{name}: feature counts must be finite and non-negative")
    })?;
    ensure(
        !state
            .feature_log_prob
            .iter()
            .chain(&state.class_log_prior)
            .any(|v| v.is_nan()),
        || format!("{name}: NaN in the log-probabilities"),
    )
}

/// The attributes of a fitted discrete model: `feature_count`,
/// `feature_log_prob`, `class_log_prior`.
macro_rules! discrete_attributes {
    ($model:ident, $fitted:ident, $data:literal) => {
        impl<F: Float, L: Label> $fitted<F, L> {
            /// The weighted sum of each feature over each class's samples
            /// (`feature_count_`), one row per class.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use ndarray::array;
            #[doc = concat!("let x = ", $data, ";")]
            #[doc = concat!("let model = ", stringify!($model), "::default().fit(x.view(), array![0, 1, 0, 1].view())?;")]
            /// assert_eq!(model.feature_count().dim(), (2, x.ncols()));
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn feature_count(&self) -> ndarray::ArrayView2<'_, f64> {
                self.state.feature_count.view()
            }

            /// The smoothed log-probability of each feature given each
            /// class (`feature_log_prob_`), one row per class.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use ndarray::array;
            #[doc = concat!("let x = ", $data, ";")]
            #[doc = concat!("let model = ", stringify!($model), "::default().fit(x.view(), array![0, 1, 0, 1].view())?;")]
            /// assert_eq!(model.feature_log_prob().dim(), (2, x.ncols()));
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn feature_log_prob(&self) -> ndarray::ArrayView2<'_, f64> {
                self.state.feature_log_prob.view()
            }

            /// The log prior of each class (`class_log_prior_`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::naive_bayes::", stringify!($model), ";")]
            /// use ndarray::array;
            #[doc = concat!("let x = ", $data, ";")]
            #[doc = concat!("let model = ", stringify!($model), "::default().fit(x.view(), array![0, 1, 1, 1].view())?;")]
            /// assert!((model.class_log_prior()[0] - 0.25f64.ln()).abs() < 1e-15);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn class_log_prior(&self) -> ndarray::ArrayView1<'_, f64> {
                self.state.class_log_prior.view()
            }
        }
    };
}
pub(crate) use discrete_attributes;

/// `log(s) − log(Σ_row s)` for each row of smoothed counts `s`: the
/// log-probabilities of a row-wise categorical distribution.
pub(crate) fn log_normalize_rows(smoothed: &Array2<f64>) -> Array2<f64> {
    let mut out = smoothed.mapv(f64::ln);
    for (mut row, s) in out.outer_iter_mut().zip(smoothed.outer_iter()) {
        let log_total = s.sum().ln();
        row -= log_total;
    }
    out
}
