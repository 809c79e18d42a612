//! [`RadiusNeighborsClassifier`]: the class vote of the training rows within
//! a radius, as scikit-learn's `RadiusNeighborsClassifier`.

use super::base::{NeighborsBase, Weights, check_radius_param};
use super::search::Algorithm;
use super::vote::class_shares;
use crate::classify::{accuracy, classes_from_scores};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::metrics::Metric;
use crate::sparse::{MatrixView, check_matrix_x_y};
use crate::traits::{Classifier, Estimator, PredictProba, Predictor};
use crate::validation::{check_two_classes, encode_labels};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

const NAME: &str = "RadiusNeighborsClassifier";

/// What a [`RadiusNeighborsClassifier`] predicts for a row with no training
/// row within the radius (scikit-learn's `outlier_label`).
///
/// # Example
/// ```
/// use learnkit::neighbors::OutlierLabel;
/// assert_eq!(OutlierLabel::<usize>::default(), OutlierLabel::None);
/// let label = OutlierLabel::Label("unknown".to_string());
/// assert_ne!(label, OutlierLabel::MostFrequent);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum OutlierLabel<L> {
    /// No label: predicting such a row is an
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) (scikit-learn's
    /// `None`, which raises a `ValueError`).
    #[default]
    None,
    /// The most frequent training class (the first in class order on a
    /// tie), with probability 1.
    MostFrequent,
    /// This label: probability 1 for it if it is a training class;
    /// otherwise every probability is 0 (with a warning) and `predict`
    /// returns the label all the same.
    Label(L),
}

/// Classification by the vote of the training rows within `radius`, as
/// scikit-learn's `RadiusNeighborsClassifier`: the probability of a class
/// is the (weighted) share of those neighbours in it, and the prediction
/// the class of largest share (the first in [`Classifier::classes`] order
/// on a tie). A row with no neighbour gets its [`OutlierLabel`].
///
/// Neighbours are found as by [`NearestNeighbors::radius_neighbors`](super::FittedNearestNeighbors::radius_neighbors);
/// `Algorithm::Auto` picks brute force or a k-d tree by scikit-learn's
/// rule (with no `n_neighbors`). Sparse rows (`fit_matrix`,
/// `predict_matrix`) are searched by brute force without densifying.
///
/// The type parameter `L` is the label type of the outlier label (and of
/// the `y` it is fitted on); it is inferred from `fit`.
///
/// # Differences from scikit-learn
/// With `weights="uniform"` and brute force, scikit-learn 1.9.1 computes
/// `predict_proba` by a faster path that compares the outlier label with
/// the class *indices* rather than the classes, so that `"most_frequent"`
/// (and a label that is not also an index of itself) gets all-zero
/// probabilities there; learnkit follows the general path everywhere
/// (probability 1 for the outlier class). `predict` is the same.
///
/// # Errors
/// `fit`: `radius` negative or not finite, `leaf_size` 0, Minkowski's `p`
/// below 1, cosine with a tree algorithm, fewer than two classes, empty or
/// non-finite `x` ([`Error::InvalidParameter`](crate::Error::InvalidParameter)).
/// Predicting: `x` with another number of features, empty or non-finite;
/// a row with no neighbour and [`OutlierLabel::None`]
/// ([`Error::InvalidInput`](crate::Error::InvalidInput)).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::neighbors::{OutlierLabel, RadiusNeighborsClassifier};
/// use ndarray::array;
/// let x = array![[0.0f64], [1.0], [2.0], [10.0], [11.0]];
/// let y = array!["a", "a", "a", "b", "b"];
/// let model = RadiusNeighborsClassifier::default().radius(1.5).fit(x.view(), y.view())?;
/// assert_eq!(model.predict(array![[1.5], [10.2]].view())?, array!["a", "b"]);
/// // 1.5 has neighbours 1 and 2 (both "a"); 9.0 has only 10 ("b").
/// assert_eq!(model.predict_proba(array![[9.0]].view())?, array![[0.0, 1.0]]);
/// // No neighbour within 1.5 of 5.0: an error, unless an outlier label is given.
/// assert!(model.predict(array![[5.0]].view()).is_err());
/// let model = RadiusNeighborsClassifier::default()
///     .radius(1.5)
///     .outlier_label(OutlierLabel::Label("?"))
///     .fit(x.view(), y.view())?;
/// assert_eq!(model.predict(array![[5.0]].view())?, array!["?"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RadiusNeighborsClassifier<L = usize> {
    /// The neighbourhood radius (finite, ≥ 0, inclusive), default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub radius: f64,
    /// How neighbours weigh, default [`Weights::Uniform`].
    pub weights: Weights,
    /// The search, default [`Algorithm::Auto`].
    pub algorithm: Algorithm,
    /// Largest number of rows in a tree leaf (≥ 1), default 30.
    pub leaf_size: usize,
    /// The distance, default `Minkowski(2.0)` (Euclidean).
    pub metric: Metric,
    /// What a row with no neighbour gets, default [`OutlierLabel::None`]
    /// (an error).
    pub outlier_label: OutlierLabel<L>,
    /// Threads for the searches (None: every core).
    pub n_jobs: Option<usize>,
}

impl<L> Default for RadiusNeighborsClassifier<L> {
    fn default() -> Self {
        RadiusNeighborsClassifier {
            radius: 1.0,
            weights: Weights::Uniform,
            algorithm: Algorithm::Auto,
            leaf_size: 30,
            metric: Metric::Minkowski(2.0),
            outlier_label: OutlierLabel::None,
            n_jobs: None,
        }
    }
}

setters!(RadiusNeighborsClassifier<L: crate::float::Label = usize> in "learnkit::neighbors" {
    radius: f64 = 0.5;
    weights: Weights = learnkit::neighbors::Weights::Distance;
    algorithm: Algorithm = learnkit::neighbors::Algorithm::BallTree;
    leaf_size: usize = 10;
    metric: Metric = learnkit::metrics::Metric::Manhattan;
    outlier_label: OutlierLabel<L> = learnkit::neighbors::OutlierLabel::Label(7);
    n_jobs: Option<usize> = Some(1);
});

impl<F: Float, L: Label> Estimator<F, L> for RadiusNeighborsClassifier<L> {
    type Fitted = FittedRadiusNeighborsClassifier<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.fit_matrix(x.into(), y)
    }

    /// [`Estimator::fit`] on a dense or sparse `x`; sparse rows are kept
    /// sparse and searched by brute force (see
    /// [`Algorithm`](crate::neighbors::Algorithm)).
    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        check_matrix_x_y(NAME, x, y.len())?;
        let (classes, codes) = encode_labels(y.iter());
        check_two_classes(NAME, &classes)?;
        let base = NeighborsBase::fit_radius(
            NAME,
            x,
            self.radius,
            self.algorithm,
            self.leaf_size,
            self.metric,
            self.n_jobs,
        )?;
        let outlier = match &self.outlier_label {
            OutlierLabel::None => None,
            OutlierLabel::MostFrequent => {
                let mut counts = vec![0usize; classes.len()];
                for &c in &codes {
                    counts[c] += 1;
                }
                // numpy's argmax: the first of the largest counts.
                let best = counts
                    .iter()
                    .enumerate()
                    .fold(0, |best, (c, &n)| if n > counts[best] { c } else { best });
                Some(classes[best].clone())
            }
            OutlierLabel::Label(label) => Some(label.clone()),
        };
        Ok(FittedRadiusNeighborsClassifier {
            params: self.clone(),
            base,
            classes,
            codes,
            outlier,
        })
    }
}

/// A fitted [`RadiusNeighborsClassifier`]: the indexed training rows, their
/// classes and the resolved outlier label.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::neighbors::{OutlierLabel, RadiusNeighborsClassifier};
/// use ndarray::array;
/// let model = RadiusNeighborsClassifier::default()
///     .outlier_label(OutlierLabel::MostFrequent)
///     .fit(array![[0.0], [1.0], [1.5]].view(), array![3, 4, 4].view())?;
/// assert_eq!(model.classes(), &[3, 4]);
/// assert_eq!(model.outlier_label(), Some(&4));
/// assert_eq!(model.predict(array![[100.0]].view())?, array![4]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        remote = "Self",
        bound(
            serialize = "F: Float, L: serde::Serialize",
            deserialize = "F: Float, L: serde::de::DeserializeOwned"
        )
    )
)]
pub struct FittedRadiusNeighborsClassifier<F, L> {
    params: RadiusNeighborsClassifier<L>,
    base: NeighborsBase<F>,
    classes: Vec<L>,
    /// The class (index into `classes`) of each training row.
    codes: Vec<usize>,
    /// scikit-learn's `outlier_label_`: the label of a row with no neighbour.
    outlier: Option<L>,
}

checked_serde!(impl[F: Float, L: Label] FittedRadiusNeighborsClassifier<F, L>;
    ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label] FittedRadiusNeighborsClassifier<F, L> => format!("RadiusNeighborsClassifier<{}>", F::NAME));

impl<F: Float, L: Label> crate::persistence::Check for FittedRadiusNeighborsClassifier<F, L> {
    /// Classes sorted and distinct, one valid class per training row, a
    /// valid radius, the outlier label the hyperparameter gives, and a
    /// search matching the hyperparameters.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::{all_below, ensure, same_len};
        crate::classify::check_classes(NAME, &self.classes)?;
        same_len("class codes", self.base.n_samples(), self.codes.len())?;
        all_below("class codes", &self.codes, self.classes.len())?;
        check_radius_param(NAME, self.params.radius).map_err(|e| e.to_string())?;
        let consistent = match (&self.params.outlier_label, &self.outlier) {
            (OutlierLabel::None, None) => true,
            (OutlierLabel::MostFrequent, Some(label)) => self.classes.binary_search(label).is_ok(),
            (OutlierLabel::Label(given), Some(label)) => given == label,
            _ => false,
        };
        ensure(consistent, || {
            format!("{NAME}: the saved outlier label does not match outlier_label")
        })?;
        let p = &self.params;
        self.base
            .check_matches(NAME, p.algorithm, p.leaf_size, p.metric, p.n_jobs)
    }
}

impl<F: Float, L: Label> FittedRadiusNeighborsClassifier<F, L> {
    /// The hyperparameters it was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::neighbors::RadiusNeighborsClassifier;
    /// let m = RadiusNeighborsClassifier::default().radius(2.0).fit(ndarray::array![[0.0], [1.0]].view(), ndarray::array![0, 1].view())?;
    /// assert_eq!(m.params().radius, 2.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &RadiusNeighborsClassifier<L> {
        &self.params
    }

    /// The label of a row with no neighbour (scikit-learn's
    /// `outlier_label_`): `None` for [`OutlierLabel::None`], the most
    /// frequent class for [`OutlierLabel::MostFrequent`], the given label
    /// otherwise.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::neighbors::RadiusNeighborsClassifier;
    /// let m = RadiusNeighborsClassifier::default().fit(ndarray::array![[0.0], [1.0]].view(), ndarray::array![0, 1].view())?;
    /// assert_eq!(m.outlier_label(), None);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn outlier_label(&self) -> Option<&L> {
        self.outlier.as_ref()
    }
}

fitted_radius_api!(impl[F: Float, L: Label] FittedRadiusNeighborsClassifier<F, L>, NAME,
    "use learnkit::neighbors::RadiusNeighborsClassifier;",
    "let m = RadiusNeighborsClassifier::default().radius(1.5).fit(x.view(), ndarray::array![0, 1, 1].view())?;");
fitted_neighbors_info!(impl[F: Float, L: Label] FittedRadiusNeighborsClassifier<F, L>,
    "use learnkit::neighbors::RadiusNeighborsClassifier;",
    "let m = RadiusNeighborsClassifier::default().radius(1.5).fit(x.view(), ndarray::array![0, 1, 1].view())?;",
    "assert_eq!(m.fit_method(), learnkit::neighbors::Algorithm::KdTree); // auto: few features, a true metric");

impl<F: Float, L: Label> Predictor<F> for FittedRadiusNeighborsClassifier<F, L> {
    type Output = L;

    /// The class of largest (weighted) share among each row's neighbours;
    /// the outlier label for a row with none.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        self.predict_matrix(x.into())
    }

    /// [`Predictor::predict`] on a dense or sparse `x`.
    fn predict_matrix(&self, x: MatrixView<'_, F>) -> Result<Array1<L>> {
        let proba = self.predict_proba_matrix(x)?;
        let mut predicted = classes_from_scores(proba.view(), &self.classes);
        // An outlier whose label is not a class has all-zero probabilities
        // (scikit-learn's test); an outlier whose label is a class already
        // predicts it.
        if let Some(label) = &self.outlier {
            for (p, row) in predicted.iter_mut().zip(proba.rows()) {
                if row.iter().all(|&v| v == F::zero()) {
                    *p = label.clone();
                }
            }
        }
        Ok(predicted)
    }

    /// Accuracy.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        accuracy(NAME, x, y, |x| self.predict(x))
    }
}

impl<F: Float, L: Label> Classifier<F> for FittedRadiusNeighborsClassifier<F, L> {
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label> PredictProba<F> for FittedRadiusNeighborsClassifier<F, L> {
    /// Each class's (weighted) share of the row's neighbours; for a row
    /// with none, probability 1 for the outlier label if it is a class
    /// (all zeros otherwise).
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.predict_proba_matrix(x.into())
    }

    /// [`PredictProba::predict_proba`] on a dense or sparse `x`.
    fn predict_proba_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        let found = self.base.radius_neighbors(NAME, Some(x), F::cast(self.params.radius))?;
        let outliers: Vec<usize> = (0..found.len()).filter(|&r| found[r].0.is_empty()).collect();
        let mut outlier_class = None;
        if !outliers.is_empty() {
            let Some(label) = &self.outlier else {
                return Err(no_neighbours_error(self.params.radius, &outliers));
            };
            outlier_class = self.classes.binary_search(label).ok();
            if outlier_class.is_none() {
                crate::warn::outlier_label_not_a_class(NAME, label);
            }
        }
        let mut proba = Array2::zeros((found.len(), self.classes.len()));
        for ((indices, distances), mut p) in found.iter().zip(proba.rows_mut()) {
            if indices.is_empty() {
                if let Some(c) = outlier_class {
                    p[c] = F::one();
                }
            } else {
                let (d, i) = (
                    ArrayView1::from(distances.as_slice()),
                    ArrayView1::from(indices.as_slice()),
                );
                class_shares(self.params.weights, d, i, &self.codes, p);
            }
        }
        Ok(proba)
    }
}

/// The error of rows with no neighbour and no outlier label (scikit-learn's
/// `ValueError`), naming the first few rows.
fn no_neighbours_error(radius: f64, outliers: &[usize]) -> Error {
    const SHOWN: usize = 10;
    let more = if outliers.len() > SHOWN { ", …" } else { "" };
    Error::invalid_input(
        NAME,
        format!(
            "no training row within radius {radius} of {} row(s) of X ({:?}{more}); \
             use a larger radius, give an outlier_label, or remove those rows",
            outliers.len(),
            &outliers[..outliers.len().min(SHOWN)]
        ),
    )
}

impl<F: Float, L: Label> crate::traits::RankingScores<F> for FittedRadiusNeighborsClassifier<F, L> {
    /// The probability of `classes()[1]` for two classes, all the
    /// probabilities otherwise.
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        crate::classify::ranking_from_proba(self, x)
    }
}
