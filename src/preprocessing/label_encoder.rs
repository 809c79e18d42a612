//! [`LabelEncoder`]: labels of any type to codes `0..n_classes` and back.

use crate::error::{Error, Result};
use crate::float::Label;
use crate::validation::encode_labels;
use ndarray::{Array1, ArrayView1};

const NAME: &str = "LabelEncoder";

/// Encodes target labels of any [`Label`] type (`String`, integers, `bool`,
/// your own enum) as codes `0..n_classes`, in the sorted order of the
/// distinct labels seen in fit, as scikit-learn's `LabelEncoder`.
///
/// It works on a 1-D array of labels, not on a feature matrix, so it is not
/// an [`Estimator`](crate::traits::Estimator); use
/// [`OrdinalEncoder`](super::OrdinalEncoder) for feature columns.
///
/// # Hyperparameters
/// None.
///
/// # Fitted attributes
/// [`classes`](FittedLabelEncoder::classes).
///
/// # Errors
/// [`Error::EmptyInput`] when fitting on no labels (scikit-learn accepts it
/// and learns no class), [`Error::UnknownCategory`] for a label not seen in
/// fit, [`Error::InvalidInput`] for a code out of range in `inverse_transform`.
///
/// # Example
/// ```
/// use learnkit::preprocessing::LabelEncoder;
/// use ndarray::array;
///
/// let y = array!["paris", "tokyo", "paris", "amsterdam"];
/// let encoder = LabelEncoder.fit(y.view())?;
/// assert_eq!(encoder.classes(), &["amsterdam", "paris", "tokyo"]);
/// assert_eq!(encoder.transform(y.view())?, array![1, 2, 1, 0]);
/// assert_eq!(encoder.inverse_transform(array![2, 0].view())?, array!["tokyo", "amsterdam"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LabelEncoder;

impl LabelEncoder {
    /// Learns the sorted distinct labels of `y`.
    ///
    /// # Example
    /// ```
    /// use learnkit::preprocessing::LabelEncoder;
    /// use ndarray::array;
    /// let encoder = LabelEncoder.fit(array![3, 1, 3].view())?;
    /// assert_eq!(encoder.classes(), &[1, 3]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit<L: Label>(&self, y: ArrayView1<'_, L>) -> Result<FittedLabelEncoder<L>> {
        self.fit_transform(y).map(|(fitted, _)| fitted)
    }

    /// Fits, then encodes `y`, in one pass.
    ///
    /// # Example
    /// ```
    /// use learnkit::preprocessing::LabelEncoder;
    /// use ndarray::array;
    /// let (encoder, codes) = LabelEncoder.fit_transform(array![true, false, true].view())?;
    /// assert_eq!(encoder.classes(), &[false, true]);
    /// assert_eq!(codes, array![1, 0, 1]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_transform<L: Label>(&self, y: ArrayView1<'_, L>) -> Result<(FittedLabelEncoder<L>, Array1<usize>)> {
        if y.is_empty() {
            return Err(Error::EmptyInput {
                context: NAME.into(),
                what: "y has no labels",
            });
        }
        let (classes, codes) = encode_labels(y.iter());
        Ok((FittedLabelEncoder { classes }, Array1::from(codes)))
    }
}

/// A fitted [`LabelEncoder`].
///
/// # Example
/// ```
/// use learnkit::preprocessing::LabelEncoder;
/// use ndarray::array;
/// let encoder = LabelEncoder.fit(array!['b', 'a'].view())?;
/// assert_eq!(encoder.transform(array!['a', 'b', 'a'].view())?, array![0, 1, 0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
pub struct FittedLabelEncoder<L> {
    classes: Vec<L>,
}

checked_serde!(impl[L: Label] FittedLabelEncoder<L>; ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[L: Label] FittedLabelEncoder<L> => "LabelEncoder".into());

impl<L: Label> crate::persistence::Check for FittedLabelEncoder<L> {
    /// Classes sorted and distinct: lookups binary-search them.
    fn check(&self) -> std::result::Result<(), String> {
        crate::persistence::check::strictly_increasing("classes", &self.classes)
    }
}

impl<L: Label> FittedLabelEncoder<L> {
    /// The sorted distinct labels seen in fit (scikit-learn's `classes_`);
    /// a label's code is its index here.
    ///
    /// # Example
    /// ```
    /// use learnkit::preprocessing::LabelEncoder;
    /// use ndarray::array;
    /// let y = array![String::from("b"), String::from("a")];
    /// assert_eq!(LabelEncoder.fit(y.view())?.classes(), &["a", "b"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn classes(&self) -> &[L] {
        &self.classes
    }

    /// The code of each label.
    ///
    /// # Errors
    /// [`Error::UnknownCategory`] for the first label not seen in fit, with
    /// its index as `row`.
    ///
    /// # Example
    /// ```
    /// use learnkit::{preprocessing::LabelEncoder, Error};
    /// use ndarray::array;
    /// let encoder = LabelEncoder.fit(array![10, 20].view())?;
    /// assert_eq!(encoder.transform(array![20, 10].view())?, array![1, 0]);
    /// let err = encoder.transform(array![10, 30].view()).unwrap_err();
    /// assert!(matches!(err, Error::UnknownCategory { row: 1, .. }));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn transform(&self, y: ArrayView1<'_, L>) -> Result<Array1<usize>> {
        y.iter()
            .enumerate()
            .map(|(row, label)| {
                self.classes.binary_search(label).map_err(|_| Error::UnknownCategory {
                    context: NAME.into(),
                    row,
                    column: 0,
                    category: format!("{label:?}"),
                })
            })
            .collect()
    }

    /// The label of each code.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for the first code `>= classes().len()`.
    ///
    /// # Example
    /// ```
    /// use learnkit::preprocessing::LabelEncoder;
    /// use ndarray::array;
    /// let encoder = LabelEncoder.fit(array!["x", "y"].view())?;
    /// assert_eq!(encoder.inverse_transform(array![1, 1, 0].view())?, array!["y", "y", "x"]);
    /// assert!(encoder.inverse_transform(array![2].view()).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn inverse_transform(&self, codes: ArrayView1<'_, usize>) -> Result<Array1<L>> {
        codes
            .iter()
            .enumerate()
            .map(|(i, &code)| {
                self.classes.get(code).cloned().ok_or_else(|| {
                    Error::invalid_input(
                        NAME,
                        format!(
                            "code {code} at index {i} is out of range: there are {} classes",
                            self.classes.len()
                        ),
                    )
                })
            })
            .collect()
    }
}
