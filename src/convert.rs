//! Conversions that let setters take what people write: a plain number where
//! a hyperparameter's common case is one variant of an enum
//! (`PCA::default().n_components(30)`, `.max_features(0.5)`,
//! `.class_weight(vec![1.0, 3.0])`), as scikit-learn's `n_components=30`.
//!
//! Setters of a required setting take `impl Into<Setting>`; setters of an
//! optional one (`None` means "off", as scikit-learn's `None`) take
//! [`impl IntoOption<Setting>`](IntoOption), which also accepts `None` and
//! `Some(setting)`.
//!
//! # Example
//! ```
//! use learnkit::decomposition::{NComponents, PCA};
//! use learnkit::ensemble::{MaxSamples, RandomForestClassifier};
//! assert_eq!(PCA::default().n_components(30).n_components, NComponents::Count(30));
//! assert_eq!(PCA::default().n_components(0.95).n_components, NComponents::VarianceFraction(0.95));
//! let forest = RandomForestClassifier::default().max_samples(0.5);
//! assert_eq!(forest.max_samples, Some(MaxSamples::Fraction(0.5)));
//! assert_eq!(forest.max_samples(None).max_samples, None);
//! ```

/// A value for an optional setting: the setting itself, what converts into
/// it (a count, a fraction), `Some(setting)` or `None`.
///
/// # Example
/// ```
/// use learnkit::convert::IntoOption;
/// use learnkit::preprocessing::MinFrequency;
/// assert_eq!(5.into_option(), Some(MinFrequency::Count(5)));
/// assert_eq!(0.1.into_option(), Some(MinFrequency::Fraction(0.1)));
/// assert_eq!(IntoOption::<MinFrequency>::into_option(None), None);
/// ```
pub trait IntoOption<T> {
    /// The setting, or `None` for off.
    fn into_option(self) -> Option<T>;
}

impl<T> IntoOption<T> for Option<T> {
    fn into_option(self) -> Option<T> {
        self
    }
}

/// A plain number for an optional number (`LogisticRegression::l1_ratio(0.5)`).
///
/// # Example
/// ```
/// use learnkit::convert::IntoOption;
/// assert_eq!(IntoOption::<f64>::into_option(0.5), Some(0.5));
/// ```
impl IntoOption<f64> for f64 {
    fn into_option(self) -> Option<f64> {
        Some(self)
    }
}
