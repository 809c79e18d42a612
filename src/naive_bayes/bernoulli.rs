//! [`BernoulliNB`]: naive Bayes for binary features.

use super::base::{Model, naive_bayes_model};
use super::discrete::{DiscreteState, Smoothing, add_counts, discrete_attributes, linear_jll};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::sparse::MatrixView;
use crate::validation::check_param;
use ndarray::{Array1, Array2, Axis};

/// Naive Bayes for binary (Bernoulli) features, as scikit-learn's
/// `BernoulliNB`: each feature is present or absent, and absence counts as
/// evidence too (unlike [`MultinomialNB`](super::MultinomialNB)).
///
/// With `binarize = Some(t)` (default `t = 0`) a value is 1 when it is
/// above `t`, else 0. Fitting sums the binary features per class
/// (`feature_count`) and smooths them:
/// `feature_log_prob[c, j] = log((N_cj + α) / (N_c + 2α))`. With
/// `p = exp(feature_log_prob)`, the joint log-likelihood of a row is
/// `x · (log p − log(1 − p)) + Σ_j log(1 − p_cj) + class_log_prior[c]`,
/// linear in `x`, so sparse input is used as it is.
///
/// # Hyperparameters
/// - `alpha` (default 1.0), ≥ 0: additive smoothing.
/// - `force_alpha` (default true): keep `alpha` as given; when false, an
///   `alpha` below 1e-10 is raised to 1e-10 with a warning.
/// - `binarize` (default `Some(0.0)`): the threshold; `None` takes `x` as
///   already binary. Sparse input needs a threshold ≥ 0 (it keeps the
///   zeros at zero), as in scikit-learn.
/// - `fit_prior` (default true), `class_prior` (default `None`): the class prior.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
/// hyperparameter, or a negative `binarize` with sparse input; the usual
/// data errors.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::naive_bayes::BernoulliNB;
/// use ndarray::array;
///
/// let x = array![[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]];
/// let y = array![0, 1, 0, 1];
/// let model = BernoulliNB::default().fit(x.view(), y.view())?;
/// assert_eq!(model.predict(array![[1.0, 0.0, 0.0]].view())?, array![0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct BernoulliNB {
    /// Additive smoothing, default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub alpha: f64,
    /// Keep a tiny `alpha` as given, default true.
    pub force_alpha: bool,
    /// The threshold above which a value is 1, default `Some(0.0)`.
    pub binarize: Option<f64>,
    /// Learn the class prior, default true.
    pub fit_prior: bool,
    /// Fixed class prior probabilities, default `None`.
    pub class_prior: Option<Vec<f64>>,
}

impl Default for BernoulliNB {
    fn default() -> Self {
        BernoulliNB {
            alpha: 1.0,
            force_alpha: true,
            binarize: Some(0.0),
            fit_prior: true,
            class_prior: None,
        }
    }
}

setters!(BernoulliNB in "learnkit::naive_bayes" {
    alpha: f64 = 0.5;
    force_alpha: bool = false;
    fit_prior: bool = false;
    class_prior: Option<Vec<f64>> = Some(vec![0.3, 0.7]);
    binarize: Option<f64> = Some(0.5);
});

impl BernoulliNB {
    /// The map from values to the binary features: `x > t` as 0 or 1, or
    /// `x` itself without a threshold. A negative threshold would turn the
    /// zeros of a sparse matrix into ones, so it is refused for sparse input.
    fn binarizer<F: Float>(&self, x: MatrixView<'_, F>) -> Result<impl Fn(F) -> f64 + Sync> {
        if let (Some(t), true) = (self.binarize, x.is_sparse()) {
            if t < 0.0 {
                return Err(Error::invalid_parameter(
                    Self::NAME,
                    "binarize",
                    "a threshold >= 0 for sparse input (a negative one would make every zero a one)",
                    t,
                ));
            }
        }
        let threshold = self.binarize;
        Ok(move |v: F| match threshold {
            Some(t) => f64::from(u8::from(v.as_f64() > t)),
            None => v.as_f64(),
        })
    }

    fn smoothing(&self) -> Smoothing<'_> {
        Smoothing {
            name: Self::NAME,
            alpha: self.alpha,
            force_alpha: self.force_alpha,
            fit_prior: self.fit_prior,
            class_prior: self.class_prior.as_deref(),
        }
    }
}

impl Model for BernoulliNB {
    const NAME: &'static str = "BernoulliNB";
    type State = DiscreteState;

    fn validate(&self) -> Result<()> {
        self.smoothing().validate()?;
        check_param(
            Self::NAME,
            "binarize",
            self.binarize,
            "None or a finite threshold",
            |t| t.is_none_or(f64::is_finite),
        )
    }

    fn new_state(&self, n_classes: usize, n_features: usize) -> Result<DiscreteState> {
        self.smoothing().new_state(n_classes, n_features)
    }

    fn update<F: Float>(
        &self,
        state: &mut DiscreteState,
        class_count: &mut Array1<f64>,
        x: MatrixView<'_, F>,
        codes: &[usize],
        weights: &[f64],
        _first: bool,
    ) -> Result<()> {
        let map = self.binarizer(x)?;
        add_counts(&mut state.feature_count, class_count, x, codes, weights, map);
        let smoothing = self.smoothing();
        let alpha = smoothing.alpha();
        let mut log_prob = (&state.feature_count + alpha).mapv(f64::ln);
        for (mut row, &count) in log_prob.outer_iter_mut().zip(class_count.iter()) {
            row -= (count + 2.0 * alpha).ln();
        }
        state.feature_log_prob = log_prob;
        state.class_log_prior = smoothing.class_log_prior(class_count);
        Ok(())
    }

    fn joint_log_likelihood<F: Float>(&self, state: &DiscreteState, x: MatrixView<'_, F>) -> Result<Array2<f64>> {
        let map = self.binarizer(x)?;
        let neg_prob = state.feature_log_prob.mapv(|p| (1.0 - p.exp()).ln());
        let w_t = (&state.feature_log_prob - &neg_prob)
            .reversed_axes()
            .as_standard_layout()
            .into_owned();
        let bias = &state.class_log_prior + &neg_prob.sum_axis(Axis(1));
        linear_jll(Self::NAME, x, &w_t, &bias, map)
    }

    fn check_state(
        &self,
        state: &DiscreteState,
        n_classes: usize,
        n_features: usize,
    ) -> std::result::Result<(), String> {
        super::discrete::check_state(Self::NAME, state, n_classes, n_features)
    }
}

naive_bayes_model!(
    BernoulliNB,
    FittedBernoulliNB,
    DiscreteState,
    "ndarray::array![[2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0], [0.0, 2.0, 2.0]]"
);
discrete_attributes!(
    BernoulliNB,
    FittedBernoulliNB,
    "ndarray::array![[2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0], [0.0, 2.0, 2.0]]"
);
