//! The losses of [`SGDClassifier`](super::SGDClassifier) and
//! [`SGDRegressor`](super::SGDRegressor), each with its value and its
//! derivative in the prediction `p`, written as scikit-learn's `_sgd_fast`
//! and `_loss` compute them.

use crate::ensemble::hist_gradient_boosting::loss::log1pexp;

/// The loss an [`SGDClassifier`](super::SGDClassifier) minimises
/// (scikit-learn's `loss`), on targets `y = ±1` and scores `z = y·p`.
///
/// # Example
/// ```
/// use learnkit::linear_model::{SGDClassifier, SGDClassifierLoss};
/// let model = SGDClassifier::default().loss(SGDClassifierLoss::LogLoss);
/// assert_eq!(model.loss, SGDClassifierLoss::LogLoss);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum SGDClassifierLoss {
    /// `max(0, 1 − z)` (`"hinge"`, the default): a linear SVM.
    #[default]
    Hinge,
    /// The logistic loss `log(1 + e^{−z})` (`"log_loss"`): logistic
    /// regression, with probabilities.
    LogLoss,
    /// `max(0, 1 − z)²` for `z ≥ −1`, `−4z` below (`"modified_huber"`):
    /// smooth, tolerant to outliers, with probabilities.
    ModifiedHuber,
    /// `max(0, 1 − z)²` (`"squared_hinge"`).
    SquaredHinge,
    /// `max(0, −z)` (`"perceptron"`): the perceptron's update.
    Perceptron,
}

/// The loss an [`SGDRegressor`](super::SGDRegressor) minimises
/// (scikit-learn's `loss`), on residuals `r = p − y`.
///
/// # Example
/// ```
/// use learnkit::linear_model::{SGDRegressor, SGDRegressorLoss};
/// let model = SGDRegressor::default().loss(SGDRegressorLoss::Huber);
/// assert_eq!(model.loss, SGDRegressorLoss::Huber);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum SGDRegressorLoss {
    /// `r² / 2` (`"squared_error"`, the default): ordinary least squares.
    #[default]
    SquaredError,
    /// `r² / 2` for `|r| ≤ ε`, `ε·(|r| − ε/2)` beyond (`"huber"`): robust to
    /// outliers.
    Huber,
    /// `max(0, |r| − ε)` (`"epsilon_insensitive"`): linear support vector
    /// regression.
    EpsilonInsensitive,
    /// `max(0, |r| − ε)²` (`"squared_epsilon_insensitive"`).
    SquaredEpsilonInsensitive,
}

/// A loss as the SGD loop evaluates it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Loss {
    /// Hinge with margin `threshold` (1: SVM, 0: perceptron).
    Hinge(f64),
    SquaredHinge,
    ModifiedHuber,
    /// The half binomial loss on targets `0/1` (scikit-learn's
    /// `CyHalfBinomialLoss`).
    Log,
    SquaredError,
    Huber(f64),
    EpsilonInsensitive(f64),
    SquaredEpsilonInsensitive(f64),
}

impl SGDClassifierLoss {
    pub(super) fn loss(self) -> Loss {
        match self {
            SGDClassifierLoss::Hinge => Loss::Hinge(1.0),
            SGDClassifierLoss::LogLoss => Loss::Log,
            SGDClassifierLoss::ModifiedHuber => Loss::ModifiedHuber,
            SGDClassifierLoss::SquaredHinge => Loss::SquaredHinge,
            SGDClassifierLoss::Perceptron => Loss::Hinge(0.0),
        }
    }
}

impl SGDRegressorLoss {
    pub(super) fn loss(self, epsilon: f64) -> Loss {
        match self {
            SGDRegressorLoss::SquaredError => Loss::SquaredError,
            SGDRegressorLoss::Huber => Loss::Huber(epsilon),
            SGDRegressorLoss::EpsilonInsensitive => Loss::EpsilonInsensitive(epsilon),
            SGDRegressorLoss::SquaredEpsilonInsensitive => Loss::SquaredEpsilonInsensitive(epsilon),
        }
    }
}

impl Loss {
    /// The loss of prediction `p` for target `y`.
    pub fn loss(self, y: f64, p: f64) -> f64 {
        match self {
            Loss::Hinge(threshold) => {
                let z = p * y;
                if z <= threshold { threshold - z } else { 0.0 }
            }
            Loss::SquaredHinge => {
                let z = 1.0 - p * y;
                if z > 0.0 { z * z } else { 0.0 }
            }
            Loss::ModifiedHuber => {
                let z = p * y;
                if z >= 1.0 {
                    0.0
                } else if z >= -1.0 {
                    (1.0 - z) * (1.0 - z)
                } else {
                    -4.0 * z
                }
            }
            Loss::Log => log1pexp(p) - y * p,
            Loss::SquaredError => {
                let d = p - y;
                0.5 * (d * d)
            }
            Loss::Huber(delta) => {
                let r = (y - p).abs();
                if r <= delta {
                    0.5 * r * r
                } else {
                    delta * (r - 0.5 * delta)
                }
            }
            Loss::EpsilonInsensitive(eps) => ((y - p).abs() - eps).max(0.0),
            Loss::SquaredEpsilonInsensitive(eps) => {
                let r = (y - p).abs() - eps;
                if r > 0.0 { r * r } else { 0.0 }
            }
        }
    }

    /// The derivative of the loss in `p`.
    pub fn gradient(self, y: f64, p: f64) -> f64 {
        match self {
            Loss::Hinge(threshold) => {
                if p * y <= threshold {
                    -y
                } else {
                    0.0
                }
            }
            Loss::SquaredHinge => {
                let z = 1.0 - p * y;
                if z > 0.0 { -2.0 * y * z } else { 0.0 }
            }
            Loss::ModifiedHuber => {
                let z = p * y;
                if z >= 1.0 {
                    0.0
                } else if z >= -1.0 {
                    2.0 * (1.0 - z) * -y
                } else {
                    -4.0 * y
                }
            }
            Loss::Log => {
                // expit(p) − y, in the form that neither overflows nor cancels.
                if p > -37.0 {
                    let e = (-p).exp();
                    ((1.0 - y) - y * e) / (1.0 + e)
                } else {
                    p.exp() - y
                }
            }
            Loss::SquaredError => p - y,
            Loss::Huber(delta) => {
                let r = p - y;
                if r.abs() <= delta { r } else { delta * r.signum() }
            }
            Loss::EpsilonInsensitive(eps) => {
                if y - p > eps {
                    -1.0
                } else if p - y > eps {
                    1.0
                } else {
                    0.0
                }
            }
            Loss::SquaredEpsilonInsensitive(eps) => {
                let z = y - p;
                if z > eps {
                    -2.0 * (z - eps)
                } else if z < -eps {
                    2.0 * (-z - eps)
                } else {
                    0.0
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each derivative agrees with a central difference of its loss.
    #[test]
    fn gradients_are_derivatives() {
        let losses = [
            Loss::Hinge(1.0),
            Loss::SquaredHinge,
            Loss::ModifiedHuber,
            Loss::Log,
            Loss::SquaredError,
            Loss::Huber(0.3),
            Loss::EpsilonInsensitive(0.1),
            Loss::SquaredEpsilonInsensitive(0.1),
        ];
        for loss in losses {
            for (y, p) in [(1.0, 0.37), (-1.0, 0.62), (1.0, -2.3), (0.0, 1.7), (2.5, 0.1)] {
                if loss == Loss::Log && y < 0.0 {
                    continue; // the log-loss takes 0/1 targets
                }
                let h = 1e-6;
                let numeric = (loss.loss(y, p + h) - loss.loss(y, p - h)) / (2.0 * h);
                assert!(
                    (numeric - loss.gradient(y, p)).abs() < 1e-5,
                    "{loss:?} at y = {y}, p = {p}: {numeric} vs {}",
                    loss.gradient(y, p)
                );
            }
        }
    }
}
