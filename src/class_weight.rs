//! [`ClassWeight`]: how classifiers weigh their classes (scikit-learn's
//! `class_weight`), shared by every classifier.
//!
//! # Example
//! Rare classes count more with [`ClassWeight::Balanced`]:
//! ```
//! use learnkit::prelude::*;
//! use learnkit::class_weight::ClassWeight;
//! use ndarray::array;
//!
//! let x = array![[0.0], [0.1], [0.2], [0.3], [0.4], [1.0]];
//! let y = array![0, 0, 0, 0, 0, 1];
//! let plain = LogisticRegression::default().fit(x.view(), y.view())?;
//! let balanced = LogisticRegression::default().class_weight(ClassWeight::Balanced).fit(x.view(), y.view())?;
//! // The lone class-1 sample pulls the balanced model's boundary towards class 0.
//! let p = |m: &learnkit::linear_model::FittedLogisticRegression<f64, usize>| m.predict_proba(array![[0.7]].view()).map(|p| p[[0, 1]]);
//! assert!(p(&balanced)? > p(&plain)?);
//! # Ok::<(), learnkit::Error>(())
//! ```

use crate::error::{Error, Result};
use ndarray::ArrayView1;

/// Per-class weights for classifiers.
///
/// # Example
/// ```
/// use learnkit::class_weight::ClassWeight;
/// // Two samples of class 0, one of class 1: balanced weights n / (k · count).
/// let w = ClassWeight::Balanced.class_weights("demo", &[0, 0, 1], 2, None).unwrap();
/// assert_eq!(w, vec![0.75, 1.5]);
/// // With sample weights, classes are counted by weight.
/// let sw = ndarray::array![1.0, 1.0, 2.0];
/// let w = ClassWeight::Balanced.class_weights("demo", &[0, 0, 1], 2, Some(sw.view())).unwrap();
/// assert_eq!(w, vec![1.0, 1.0]);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ClassWeight {
    /// Every class weighs one (scikit-learn's `None`).
    #[default]
    Uniform,
    /// `n_samples / (n_classes · count(class))`: rare classes weigh more.
    Balanced,
    /// One weight per class, in the order of the sorted classes
    /// (`classes()` of the fitted model).
    PerClass(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))] Vec<f64>),
    /// Forests only (scikit-learn's `"balanced_subsample"`): `Balanced`
    /// computed on each tree's bootstrap sample. Other estimators reject it
    /// with [`Error::InvalidParameter`].
    BalancedSubsample,
}

from_values!(ClassWeight in "learnkit::class_weight" { Vec<f64> => PerClass = vec![1.0, 3.0]; });

impl ClassWeight {
    /// That a loaded model's `PerClass` weights are ones its fit accepted:
    /// one finite non-negative weight per class.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
    pub(crate) fn check_saved(&self, estimator: &str, n_classes: usize) -> std::result::Result<(), String> {
        match self {
            ClassWeight::PerClass(weights) => {
                crate::persistence::check::same_len(&format!("{estimator}: class_weight"), n_classes, weights.len())?;
                crate::persistence::check::ensure(weights.iter().all(|w| w.is_finite() && *w >= 0.0), || {
                    format!("{estimator}: class_weight holds a negative or non-finite weight")
                })
            }
            _ => Ok(()),
        }
    }

    /// Checks the setting as a hyperparameter of an estimator other than a
    /// forest: `Uniform`, `Balanced`, or `PerClass` with finite non-negative
    /// weights (`BalancedSubsample` is for forests).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming `estimator` and `class_weight`.
    pub(crate) fn check_not_forest(&self, estimator: &'static str) -> Result<()> {
        match self {
            ClassWeight::BalancedSubsample => Err(Error::invalid_parameter(
                estimator,
                "class_weight",
                "Uniform, Balanced or PerClass",
                "BalancedSubsample",
            )),
            ClassWeight::PerClass(weights) if weights.iter().any(|w| !w.is_finite() || *w < 0.0) => Err(
                Error::invalid_parameter(estimator, "class_weight", "finite non-negative weights", weights),
            ),
            _ => Ok(()),
        }
    }

    /// The weight of each class, given the class index of every sample and,
    /// optionally, the sample weights.
    ///
    /// `Balanced` counts each class by its summed sample weight, as
    /// scikit-learn ≥ 1.6 does (`Σ w / (n_classes · Σ_{class} w)`); without
    /// sample weights this is the usual `n / (n_classes · count)`.
    ///
    /// Errors if `PerClass` has the wrong length or a negative or non-finite weight.
    ///
    /// # Example
    /// ```
    /// use learnkit::class_weight::ClassWeight;
    /// let w = ClassWeight::PerClass(vec![1.0, 3.0]).class_weights("demo", &[0, 1], 2, None).unwrap();
    /// assert_eq!(w, vec![1.0, 3.0]);
    /// assert!(ClassWeight::PerClass(vec![1.0]).class_weights("demo", &[0, 1], 2, None).is_err());
    /// ```
    pub fn class_weights(
        &self,
        context: &'static str,
        class_codes: &[usize],
        n_classes: usize,
        sample_weight: Option<ArrayView1<'_, f64>>,
    ) -> Result<Vec<f64>> {
        match self {
            ClassWeight::Uniform => Ok(vec![1.0; n_classes]),
            ClassWeight::Balanced => {
                let mut per_class = vec![0.0; n_classes];
                for (i, &c) in class_codes.iter().enumerate() {
                    per_class[c] += sample_weight.map_or(1.0, |w| w[i]);
                }
                let total: f64 = per_class.iter().sum();
                Ok(per_class
                    .iter()
                    .map(|&count| {
                        if count > 0.0 {
                            total / (n_classes as f64 * count)
                        } else {
                            1.0
                        }
                    })
                    .collect())
            }
            ClassWeight::BalancedSubsample => Err(Error::invalid_parameter(
                context,
                "class_weight",
                "Uniform, Balanced or PerClass (BalancedSubsample is for forests)",
                self,
            )),
            ClassWeight::PerClass(weights) => {
                if weights.len() != n_classes {
                    return Err(Error::invalid_parameter(
                        context,
                        "class_weight",
                        format!("one weight per class ({n_classes} classes)"),
                        weights,
                    ));
                }
                if weights.iter().any(|w| !w.is_finite() || *w < 0.0) {
                    return Err(Error::invalid_parameter(
                        context,
                        "class_weight",
                        "finite non-negative weights",
                        weights,
                    ));
                }
                Ok(weights.clone())
            }
        }
    }
}
