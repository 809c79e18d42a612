//! [`ClassWeight`]: how classifiers weigh their classes (scikit-learn's
//! `class_weight`), shared by every classifier.

use crate::error::{Error, Result};

/// Per-class weights for classifiers.
///
/// # Example
/// ```
/// use learnkit::class_weight::ClassWeight;
/// // Two samples of class 0, one of class 1: balanced weights n / (k · count).
/// let w = ClassWeight::Balanced.class_weights("demo", &[0, 0, 1], 2).unwrap();
/// assert_eq!(w, vec![0.75, 1.5]);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ClassWeight {
    /// Every class weighs one (scikit-learn's `None`).
    #[default]
    Uniform,
    /// `n_samples / (n_classes · count(class))`: rare classes weigh more.
    Balanced,
    /// One weight per class, in the order of the sorted classes
    /// (`classes()` of the fitted model).
    PerClass(Vec<f64>),
}

impl ClassWeight {
    /// The weight of each class, given the class index of every sample.
    ///
    /// Errors if `PerClass` has the wrong length or a negative or non-finite weight.
    pub fn class_weights(&self, context: &'static str, class_codes: &[usize], n_classes: usize) -> Result<Vec<f64>> {
        match self {
            ClassWeight::Uniform => Ok(vec![1.0; n_classes]),
            ClassWeight::Balanced => {
                let mut counts = vec![0usize; n_classes];
                for &c in class_codes {
                    counts[c] += 1;
                }
                let n = class_codes.len() as f64;
                Ok(counts
                    .iter()
                    .map(|&count| {
                        if count == 0 {
                            1.0
                        } else {
                            n / (n_classes as f64 * count as f64)
                        }
                    })
                    .collect())
            }
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
