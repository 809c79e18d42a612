//! The sealed [`Float`] trait (the element types every estimator accepts:
//! `f32` and `f64`) and the [`Label`] trait (any class label type).
//!
//! # Example
//! Code generic over the float type works with either:
//! ```
//! use learnkit::prelude::*;
//! use ndarray::{array, Array2};
//!
//! fn standardise<F: Float>(x: &Array2<F>) -> learnkit::Result<Array2<F>> {
//!     StandardScaler::default().fit_unsupervised(x.view())?.transform(x.view())
//! }
//! assert_eq!(standardise(&array![[1.0f32], [3.0]])?, array![[-1.0f32], [1.0]]);
//! assert_eq!(standardise(&array![[1.0f64], [3.0]])?, array![[-1.0f64], [1.0]]);
//! # Ok::<(), learnkit::Error>(())
//! ```

use ndarray::NdFloat;
use num_traits::FromPrimitive;
use std::iter::Sum;

/// Private: users cannot name this trait, so the bounds it carries are not
/// part of learnkit's public API. faer's `RealField` lives here, not on
/// [`Float`], so that a faer upgrade changes no public signature.
mod sealed {
    pub trait Sealed: faer::traits::RealField {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// A floating-point element type: `f32` or `f64`.
///
/// Sealed: it brings together what ndarray (`NdFloat`) and the estimators
/// need, and cannot be implemented outside the crate. The bounds of the
/// linear-algebra backend are carried by the private sealing trait, not
/// named here, so they can change without breaking your code.
///
/// # Example
/// ```
/// use learnkit::Float;
/// fn halve<F: Float>(x: F) -> F { x * F::cast(0.5) }
/// assert_eq!(halve(3.0f32), 1.5);
/// assert_eq!(halve(3.0f64).as_f64(), 1.5);
/// assert_eq!(<f32 as Float>::NAME, "f32");
/// ```
pub trait Float: NdFloat + FromPrimitive + Default + Sum + for<'a> Sum<&'a Self> + sealed::Sealed + 'static {
    /// The type's name, `"f32"` or `"f64"` (saved models record it).
    const NAME: &'static str;
    /// Converts from `f64`, rounding to the nearest representable value.
    fn cast(value: f64) -> Self;
    /// Converts to `f64` (exact for both types).
    fn as_f64(self) -> f64;
    /// Converts a count or index to this type.
    fn from_usize_lossy(value: usize) -> Self {
        Self::cast(value as f64)
    }
}

impl Float for f32 {
    const NAME: &'static str = "f32";
    #[inline]
    fn cast(value: f64) -> Self {
        value as f32
    }
    #[inline]
    fn as_f64(self) -> f64 {
        self as f64
    }
}

impl Float for f64 {
    const NAME: &'static str = "f64";
    #[inline]
    fn cast(value: f64) -> Self {
        value
    }
    #[inline]
    fn as_f64(self) -> f64 {
        self
    }
}

/// A classification label: any type that can be sorted and hashed and sent
/// between threads (`usize`, `i32`, `bool`, `String`, your own enum, …).
///
/// Blanket-implemented; you never implement it by hand.
///
/// # Example
/// ```
/// fn takes_label<L: learnkit::Label>(_: L) {}
/// takes_label(String::from("setosa"));
/// takes_label(3usize);
/// takes_label(true);
/// ```
pub trait Label: Clone + Ord + std::hash::Hash + std::fmt::Debug + Send + Sync + 'static {}

impl<T: Clone + Ord + std::hash::Hash + std::fmt::Debug + Send + Sync + 'static> Label for T {}
