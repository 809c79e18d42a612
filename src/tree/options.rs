//! The choices shared by trees and forests: [`Criterion`], [`MaxFeatures`]
//! and [`Binning`].

use crate::error::{Error, Result};

/// The impurity a classification tree minimises (scikit-learn's `criterion`).
///
/// # Example
/// ```
/// use learnkit::tree::{Criterion, DecisionTreeClassifier};
/// let tree = DecisionTreeClassifier::default().criterion(Criterion::Entropy);
/// assert_eq!(tree.criterion, Criterion::Entropy);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Criterion {
    /// Gini impurity `1 − Σ p_k²` (the default).
    #[default]
    Gini,
    /// Shannon entropy `−Σ p_k log₂ p_k` (scikit-learn's `"entropy"` and its
    /// alias `"log_loss"`).
    Entropy,
}

/// How many features each split considers (scikit-learn's `max_features`).
///
/// The features are drawn at random without replacement at every node; a
/// drawn feature that is constant in the node does not stop the search until
/// a non-constant one has been found, as in scikit-learn.
///
/// # Example
/// ```
/// use learnkit::tree::MaxFeatures;
/// assert_eq!(MaxFeatures::Sqrt.resolve("demo", 30).unwrap(), 5);
/// assert_eq!(MaxFeatures::Log2.resolve("demo", 30).unwrap(), 4);
/// assert_eq!(MaxFeatures::Fraction(0.5).resolve("demo", 30).unwrap(), 15);
/// assert!(MaxFeatures::Count(31).resolve("demo", 30).is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MaxFeatures {
    /// Every feature (scikit-learn's `None`).
    #[default]
    All,
    /// `max(1, floor(√n_features))`.
    Sqrt,
    /// `max(1, floor(log₂ n_features))`.
    Log2,
    /// Exactly this many features, `1 ≤ n ≤ n_features`.
    Count(usize),
    /// `max(1, floor(f · n_features))` with `0 < f ≤ 1`.
    Fraction(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))] f64),
}

from_values!(MaxFeatures in "learnkit::tree" { usize => Count = 3; f64 => Fraction = 0.5; });

impl MaxFeatures {
    /// The number of features to draw at each split for `n_features` features.
    ///
    /// Errors with [`Error::InvalidParameter`] for `Count(0)`, a count above
    /// `n_features`, or a fraction outside `(0, 1]`.
    pub fn resolve(&self, estimator: &'static str, n_features: usize) -> Result<usize> {
        let n = n_features as f64;
        let count = match *self {
            MaxFeatures::All => n_features,
            MaxFeatures::Sqrt => (n.sqrt().floor() as usize).max(1),
            MaxFeatures::Log2 => (n.log2().floor() as usize).max(1),
            MaxFeatures::Count(c) => {
                if c == 0 || c > n_features {
                    return Err(Error::invalid_parameter(
                        estimator,
                        "max_features",
                        format!("a count between 1 and n_features ({n_features})"),
                        self,
                    ));
                }
                c
            }
            MaxFeatures::Fraction(f) => {
                if !(f > 0.0 && f <= 1.0) {
                    return Err(Error::invalid_parameter(
                        estimator,
                        "max_features",
                        "a fraction in (0, 1]",
                        self,
                    ));
                }
                ((f * n).floor() as usize).max(1)
            }
        };
        Ok(count.min(n_features).max(1))
    }

    /// Checks what can be checked without the data.
    pub(crate) fn validate(&self, estimator: &'static str) -> Result<()> {
        match *self {
            MaxFeatures::Count(0) => Err(Error::invalid_parameter(
                estimator,
                "max_features",
                "a count >= 1",
                self,
            )),
            MaxFeatures::Fraction(f) if !(f > 0.0 && f <= 1.0) => Err(Error::invalid_parameter(
                estimator,
                "max_features",
                "a fraction in (0, 1]",
                self,
            )),
            _ => Ok(()),
        }
    }
}

/// How feature values are turned into the bins that the split search scans.
///
/// Both modes bin every feature once, before growing, and the split search
/// then works on bin codes with histograms (no sorting of floats at nodes).
/// Split thresholds are real values — the midpoint between the largest value
/// left of the split and the smallest value right of it — so prediction works
/// on raw features.
///
/// # Example
/// ```
/// use learnkit::tree::{Binning, DecisionTreeClassifier};
/// let tree = DecisionTreeClassifier::default().binning(Binning::Histogram);
/// assert_eq!(tree.binning, Binning::Histogram);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Binning {
    /// One bin per distinct value: the split search considers every threshold
    /// scikit-learn's exact `"best"` splitter does. The default for single
    /// trees.
    #[default]
    Exact,
    /// At most 256 bins per feature (`u8` codes) at count quantiles; exact
    /// for a feature with at most 256 distinct values. The default for
    /// forests: faster, and as accurate once trees are averaged.
    Histogram,
}

/// How a node's threshold is chosen for each candidate feature
/// (scikit-learn's `splitter`).
///
/// `Random` is the extra-trees splitter (scikit-learn's `RandomSplitter`):
/// for each drawn feature one threshold is drawn uniformly between the
/// node's smallest and largest value of that feature, and the best of those
/// random splits is kept. On binned features the uniform draw `t` is made in
/// value space and mapped to the bins: the bins whose value range lies
/// mostly at or below `t` (their mid-range is `<= t`) go left, at least one
/// of the node's bins on each side. With one bin per distinct value this is
/// exactly scikit-learn's partition, and the stored threshold is `t` itself;
/// when `t` falls inside a quantile bin, the threshold is the midpoint
/// between that bin's neighbours around the chosen boundary. (Drawing among
/// the bin boundaries instead would make every gap between distinct values
/// equally likely, whatever its width; drawing in value space keeps
/// scikit-learn's distribution.) The random splitter builds no histogram:
/// it needs only the node's range of bin codes and one pass for the left
/// side's statistics.
///
/// # Example
/// ```
/// use learnkit::tree::{DecisionTreeClassifier, Splitter};
/// let tree = DecisionTreeClassifier::default().splitter(Splitter::Random);
/// assert_eq!(tree.splitter, Splitter::Random);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Splitter {
    /// The best threshold of every drawn feature (the default).
    #[default]
    Best,
    /// One random threshold per drawn feature (extremely randomised trees).
    Random,
}
