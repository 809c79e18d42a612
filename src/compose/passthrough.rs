//! [`Passthrough`]: the identity transformer, scikit-learn's `"passthrough"`
//! step of a [`ColumnTransformer`](super::ColumnTransformer) or pipeline.

use crate::error::Result;
use crate::float::Float;
use crate::traits::{Estimator, InverseTransformer, Transformer};
use crate::validation::check_not_empty;
use ndarray::{Array2, ArrayView1, ArrayView2};

const NAME: &str = "Passthrough";

/// Passes its columns through unchanged: scikit-learn's `"passthrough"`.
///
/// In a [`ColumnTransformer`](super::ColumnTransformer) it places some
/// columns, unchanged, at its position among the steps' outputs. It checks
/// only the shape: `NaN` and infinities pass through (the next estimator
/// validates them).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::compose::Passthrough;
/// use ndarray::array;
/// let x = array![[1.0, f64::NAN]];
/// let fitted = Passthrough.fit_unsupervised(x.view())?;
/// assert_eq!(fitted.transform(x.view())?.mapv(f64::to_bits), x.mapv(f64::to_bits));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Passthrough;

/// A fitted [`Passthrough`]: remembers the number of columns.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::compose::Passthrough;
/// let fitted = Passthrough.fit_unsupervised(ndarray::array![[1.0, 2.0]].view())?;
/// assert_eq!(fitted.n_features_in(), 2);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FittedPassthrough {
    n_features_in: usize,
}

persist!(impl[] FittedPassthrough => "Passthrough".into());

impl FittedPassthrough {
    /// Number of features seen in `fit`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::Passthrough;
    /// let fitted = Passthrough.fit_unsupervised(ndarray::array![[1.0]].view())?;
    /// assert_eq!(fitted.n_features_in(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features_in
    }

    fn check(&self, x: ArrayView2<'_, impl Float>) -> Result<()> {
        if x.ncols() != self.n_features_in {
            return Err(crate::Error::FeatureCountMismatch {
                context: NAME.into(),
                expected: self.n_features_in,
                got: x.ncols(),
            });
        }
        check_not_empty(NAME, x)
    }
}

impl<F: Float, T> Estimator<F, T> for Passthrough {
    type Fitted = FittedPassthrough;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<FittedPassthrough> {
        check_not_empty(NAME, x)?;
        Ok(FittedPassthrough {
            n_features_in: x.ncols(),
        })
    }
}

impl<F: Float> Transformer<F> for FittedPassthrough {
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.check(x)?;
        Ok(x.to_owned())
    }
}

impl<F: Float> InverseTransformer<F> for FittedPassthrough {
    fn inverse_transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.check(x)?;
        Ok(x.to_owned())
    }
}
