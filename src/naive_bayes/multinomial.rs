//! [`MultinomialNB`]: naive Bayes for counts (word counts, tf-idf).

use super::base::{Model, naive_bayes_model};
use super::discrete::{
    DiscreteState, Smoothing, add_counts, check_non_negative, discrete_attributes, linear_jll, log_normalize_rows,
};
use crate::error::Result;
use crate::float::{Float, Label};
use crate::sparse::MatrixView;
use ndarray::{Array1, Array2};

/// Naive Bayes for multinomially distributed counts, as scikit-learn's
/// `MultinomialNB`: the natural model for word counts, and in practice for
/// tf-idf values too.
///
/// Fitting sums each feature over each class's samples (`feature_count`,
/// `Yᵀ X`; weighted by `sample_weight`), smooths the sums and normalises
/// them per class: `feature_log_prob[c, j] = log((N_cj + α) / (N_c + α n))`.
/// The joint log-likelihood of a row is `x · feature_log_prob[c] +
/// class_log_prior[c]`. Sparse input ([`CsrMatrix`](crate::sparse::CsrMatrix)
/// through the `_matrix` methods) is used as it is: both steps walk the
/// stored entries only.
///
/// # Hyperparameters
/// - `alpha` (default 1.0), ≥ 0: additive (Laplace/Lidstone) smoothing.
/// - `force_alpha` (default true): keep `alpha` as given; when false, an
///   `alpha` below 1e-10 is raised to 1e-10 with a warning.
/// - `fit_prior` (default true): learn the class prior from the class
///   counts; when false, use a uniform prior.
/// - `class_prior` (default `None`): fixed prior probabilities, one per class.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
/// hyperparameter (or a `class_prior` of the wrong length);
/// [`Error::InvalidInput`](crate::Error::InvalidInput) for a negative value
/// in `X` ("Negative values in data passed to MultinomialNB") or bad sample
/// weights; the usual data errors ([`Error::EmptyInput`](crate::Error::EmptyInput),
/// [`Error::NonFinite`](crate::Error::NonFinite),
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch),
/// [`Error::SingleClass`](crate::Error::SingleClass)).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::naive_bayes::MultinomialNB;
/// use learnkit::sparse::CsrMatrix;
/// use ndarray::array;
///
/// // Word counts of four documents over a vocabulary of three words.
/// let counts = array![[3.0, 0.0, 1.0], [0.0, 2.0, 2.0], [4.0, 1.0, 0.0], [0.0, 3.0, 1.0]];
/// let x = CsrMatrix::from_dense(counts.view());
/// let y = array!["sport", "cooking", "sport", "cooking"];
/// let model = MultinomialNB::default().fit_matrix((&x).into(), y.view())?;
/// let new = CsrMatrix::from_dense(array![[2.0, 0.0, 0.0]].view());
/// assert_eq!(model.predict_matrix((&new).into())?, array!["sport"]);
/// // The same model as from the dense counts.
/// let dense = MultinomialNB::default().fit(counts.view(), y.view())?;
/// assert_eq!(model.feature_log_prob(), dense.feature_log_prob());
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MultinomialNB {
    /// Additive smoothing, default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub alpha: f64,
    /// Keep a tiny `alpha` as given, default true.
    pub force_alpha: bool,
    /// Learn the class prior, default true.
    pub fit_prior: bool,
    /// Fixed class prior probabilities, default `None`.
    pub class_prior: Option<Vec<f64>>,
}

impl Default for MultinomialNB {
    fn default() -> Self {
        MultinomialNB {
            alpha: 1.0,
            force_alpha: true,
            fit_prior: true,
            class_prior: None,
        }
    }
}

setters!(MultinomialNB in "learnkit::naive_bayes" {
    alpha: f64 = 0.5;
    force_alpha: bool = false;
    fit_prior: bool = false;
    class_prior: Option<Vec<f64>> = Some(vec![0.3, 0.7]);
});

impl MultinomialNB {
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

impl Model for MultinomialNB {
    const NAME: &'static str = "MultinomialNB";
    type State = DiscreteState;

    fn validate(&self) -> Result<()> {
        self.smoothing().validate()
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
        check_non_negative(Self::NAME, x)?;
        add_counts(&mut state.feature_count, class_count, x, codes, weights, F::as_f64);
        let smoothing = self.smoothing();
        let alpha = smoothing.alpha();
        state.feature_log_prob = log_normalize_rows(&(&state.feature_count + alpha));
        state.class_log_prior = smoothing.class_log_prior(class_count);
        Ok(())
    }

    fn joint_log_likelihood<F: Float>(&self, state: &DiscreteState, x: MatrixView<'_, F>) -> Result<Array2<f64>> {
        let w_t = state.feature_log_prob.t().as_standard_layout().into_owned();
        linear_jll(Self::NAME, x, &w_t, &state.class_log_prior, F::as_f64)
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
    MultinomialNB,
    FittedMultinomialNB,
    DiscreteState,
    "ndarray::array![[2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0], [0.0, 2.0, 2.0]]"
);
discrete_attributes!(
    MultinomialNB,
    FittedMultinomialNB,
    "ndarray::array![[2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0], [0.0, 2.0, 2.0]]"
);
