//! [`ComplementNB`]: complement naive Bayes for counts.

use super::base::{Model, naive_bayes_model};
use super::discrete::{DiscreteState, Smoothing, add_counts, check_non_negative, discrete_attributes, linear_jll};
use crate::error::Result;
use crate::float::{Float, Label};
use crate::sparse::MatrixView;
use ndarray::{Array1, Array2, Axis};

/// The complement naive Bayes classifier of Rennie et al. (2003), as
/// scikit-learn's `ComplementNB`: estimates each class's feature
/// distribution from the samples of all *other* classes, which suits
/// imbalanced text classes better than [`MultinomialNB`](super::MultinomialNB).
///
/// Fitting sums the features per class (`feature_count`, `Yᵀ X`) and over
/// all classes (`feature_all`); the complement counts
/// `feature_all + α − feature_count` give `logged = log(comp / Σ_j comp)`,
/// and `feature_log_prob = −logged` (or, with `norm`, `logged / Σ_j logged`).
/// The joint log-likelihood of a row is `x · feature_log_prob[c]` (the class
/// prior only matters with one class, which learnkit rejects). Sparse input
/// is used as it is.
///
/// # Hyperparameters
/// - `alpha` (default 1.0), ≥ 0: additive smoothing.
/// - `force_alpha` (default true): keep `alpha` as given; when false, an
///   `alpha` below 1e-10 is raised to 1e-10 with a warning.
/// - `fit_prior` (default true), `class_prior` (default `None`): the class
///   prior, kept as `class_log_prior` as in scikit-learn (unused in
///   prediction with two or more classes).
/// - `norm` (default false): a second normalisation of the weights.
///
/// # Errors
/// As [`MultinomialNB`](super::MultinomialNB): negative values in `X` are
/// [`Error::InvalidInput`](crate::Error::InvalidInput).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::naive_bayes::ComplementNB;
/// use learnkit::sparse::CsrMatrix;
/// use ndarray::array;
///
/// let counts = array![[3.0, 0.0, 1.0], [0.0, 2.0, 2.0], [4.0, 1.0, 0.0], [0.0, 3.0, 1.0], [5.0, 0.0, 0.0]];
/// let x = CsrMatrix::from_dense(counts.view());
/// let y = array![0, 1, 0, 1, 0];
/// let model = ComplementNB::default().norm(true).fit_matrix((&x).into(), y.view())?;
/// assert_eq!(model.predict(array![[0.0, 4.0, 1.0]].view())?, array![1]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ComplementNB {
    /// Additive smoothing, default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub alpha: f64,
    /// Keep a tiny `alpha` as given, default true.
    pub force_alpha: bool,
    /// Learn the class prior, default true.
    pub fit_prior: bool,
    /// Fixed class prior probabilities, default `None`.
    pub class_prior: Option<Vec<f64>>,
    /// Normalise the weights a second time, default false.
    pub norm: bool,
}

impl Default for ComplementNB {
    fn default() -> Self {
        ComplementNB {
            alpha: 1.0,
            force_alpha: true,
            fit_prior: true,
            class_prior: None,
            norm: false,
        }
    }
}

setters!(ComplementNB in "learnkit::naive_bayes" {
    alpha: f64 = 0.5;
    force_alpha: bool = false;
    fit_prior: bool = false;
    class_prior: Option<Vec<f64>> = Some(vec![0.3, 0.7]);
    norm: bool = true;
});

impl ComplementNB {
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

impl Model for ComplementNB {
    const NAME: &'static str = "ComplementNB";
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
        let feature_all = state.feature_count.sum_axis(Axis(0));
        let complement = (&feature_all + alpha) - &state.feature_count;
        let mut logged = complement.clone();
        for (mut row, comp) in logged.outer_iter_mut().zip(complement.outer_iter()) {
            let total = comp.sum();
            row.mapv_inplace(|v| (v / total).ln());
        }
        state.feature_log_prob = if self.norm {
            let mut normed = logged;
            for mut row in normed.outer_iter_mut() {
                let total = row.sum();
                row /= total;
            }
            normed
        } else {
            -logged
        };
        state.class_log_prior = smoothing.class_log_prior(class_count);
        Ok(())
    }

    fn joint_log_likelihood<F: Float>(&self, state: &DiscreteState, x: MatrixView<'_, F>) -> Result<Array2<f64>> {
        let w_t = state.feature_log_prob.t().as_standard_layout().into_owned();
        let bias = Array1::zeros(state.class_log_prior.len());
        linear_jll(Self::NAME, x, &w_t, &bias, F::as_f64)
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
    ComplementNB,
    FittedComplementNB,
    DiscreteState,
    "ndarray::array![[2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0], [0.0, 2.0, 2.0]]"
);
discrete_attributes!(
    ComplementNB,
    FittedComplementNB,
    "ndarray::array![[2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0], [0.0, 2.0, 2.0]]"
);
