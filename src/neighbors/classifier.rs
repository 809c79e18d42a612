//! [`KNeighborsClassifier`]: the class vote of the `k` nearest training
//! rows, as scikit-learn's `KNeighborsClassifier`.

use super::base::NeighborsBase;
use super::vote::class_shares;
use crate::classify::{accuracy, classes_from_scores};
use crate::error::Result;
use crate::float::{Float, Label};
use crate::sparse::{MatrixView, check_matrix_x_y};
use crate::traits::{Classifier, Estimator, PredictProba, Predictor};
use crate::validation::{check_two_classes, encode_labels};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

const NAME: &str = "KNeighborsClassifier";

kneighbors_params!(
    KNeighborsClassifier,
    "Classification by the vote of the `n_neighbors` nearest training rows, as\n\
     scikit-learn's `KNeighborsClassifier`: the probability of a class is the\n\
     (weighted) share of the neighbours in it, and the prediction the class of\n\
     largest share (the first in [`Classifier::classes`] order on a tie).\n\
     \n\
     Neighbours are found as by [`NearestNeighbors`](super::NearestNeighbors)\n\
     (ties in distance go to the smaller training row index).\n\
     Sparse rows (`fit_matrix`, `predict_matrix`, `predict_proba_matrix` with a\n\
     `CsrMatrix`) are searched by brute force without densifying, as by\n\
     `NearestNeighbors`.\n\
     \n\
     # Errors\n\
     `fit`: `n_neighbors` 0, `leaf_size` 0, Minkowski's `p` below 1, cosine with a\n\
     tree algorithm, fewer than two classes, empty or non-finite `x`\n\
     ([`Error::InvalidParameter`](crate::Error::InvalidParameter)); `n_neighbors` above\n\
     the number of training rows ([`Error::InvalidInput`](crate::Error::InvalidInput):\n\
     scikit-learn fits and fails at the first prediction). Predicting: `x` with\n\
     another number of features, empty or non-finite.\n\
     \n\
     # Example\n\
     ```\n\
     use learnkit::prelude::*;\n\
     use learnkit::neighbors::{KNeighborsClassifier, Weights};\n\
     use ndarray::array;\n\
     let x = array![[0.0f64], [1.0], [2.0], [10.0], [11.0]];\n\
     let y = array![\"a\", \"a\", \"a\", \"b\", \"b\"];\n\
     let model = KNeighborsClassifier::default().n_neighbors(3).fit(x.view(), y.view())?;\n\
     assert_eq!(model.predict(array![[1.5], [9.0]].view())?, array![\"a\", \"b\"]);\n\
     let proba = model.predict_proba(array![[9.0]].view())?;\n\
     assert!((proba[[0, 1]] - 2.0 / 3.0).abs() < 1e-12);\n\
     let weighted = KNeighborsClassifier::default().n_neighbors(3).weights(Weights::Distance).fit(x.view(), y.view())?;\n\
     assert_eq!(weighted.predict_proba(array![[10.0]].view())?, array![[0.0, 1.0]]); // a zero distance takes all\n\
     # Ok::<(), learnkit::Error>(())\n\
     ```"
);

impl<F: Float, L: Label> Estimator<F, L> for KNeighborsClassifier {
    type Fitted = FittedKNeighborsClassifier<F, L>;

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
        Ok(FittedKNeighborsClassifier {
            params: self.clone(),
            base: self.fit_base(x)?,
            classes,
            codes,
        })
    }
}

/// A fitted [`KNeighborsClassifier`]: the indexed training rows and their
/// classes.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::neighbors::KNeighborsClassifier;
/// use ndarray::array;
/// let model = KNeighborsClassifier::default().n_neighbors(1).fit(array![[0.0], [1.0]].view(), array![3, 4].view())?;
/// assert_eq!(model.classes(), &[3, 4]);
/// let (_, indices) = model.kneighbors(Some(array![[0.9]].view()), None)?;
/// assert_eq!(indices, array![[1]]);
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
pub struct FittedKNeighborsClassifier<F, L> {
    params: KNeighborsClassifier,
    base: NeighborsBase<F>,
    classes: Vec<L>,
    /// The class (index into `classes`) of each training row.
    codes: Vec<usize>,
}

checked_serde!(impl[F: Float, L: Label] FittedKNeighborsClassifier<F, L>;
    ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label] FittedKNeighborsClassifier<F, L> => format!("KNeighborsClassifier<{}>", F::NAME));

impl<F: Float, L: Label> crate::persistence::Check for FittedKNeighborsClassifier<F, L> {
    /// Classes sorted and distinct, one class per training row, each a
    /// valid index, and a search matching the hyperparameters.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::{all_below, same_len};
        crate::classify::check_classes(NAME, &self.classes)?;
        same_len("class codes", self.base.n_samples(), self.codes.len())?;
        all_below("class codes", &self.codes, self.classes.len())?;
        self.params.check_saved(&self.base)
    }
}

impl<F: Float, L: Label> FittedKNeighborsClassifier<F, L> {
    /// The hyperparameters it was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::neighbors::KNeighborsClassifier;
    /// let m = KNeighborsClassifier::default().n_neighbors(1).fit(ndarray::array![[0.0], [1.0]].view(), ndarray::array![0, 1].view())?;
    /// assert_eq!(m.params().n_neighbors, 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &KNeighborsClassifier {
        &self.params
    }
}

impl<F: Float, L: Label> FittedKNeighborsClassifier<F, L> {
    /// The training rows in their original order and the class (index
    /// into `classes`) of each: what the ONNX export writes.
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn training_rows(&self) -> Result<(Array2<F>, &[usize])> {
        Ok((self.base.index.training_data()?, &self.codes))
    }
}

fitted_neighbors_api!(impl[F: Float, L: Label] FittedKNeighborsClassifier<F, L>, NAME,
    "use learnkit::neighbors::KNeighborsClassifier;",
    "let m = KNeighborsClassifier::default().n_neighbors(1).fit(x.view(), ndarray::array![0, 1, 1].view())?;");

impl<F: Float, L: Label> Predictor<F> for FittedKNeighborsClassifier<F, L> {
    type Output = L;

    /// The class of largest (weighted) share among each row's neighbours.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        self.predict_matrix(x.into())
    }

    /// [`Predictor::predict`] on a dense or sparse `x` (see
    /// [`kneighbors_matrix`](FittedKNeighborsClassifier::kneighbors_matrix)).
    fn predict_matrix(&self, x: MatrixView<'_, F>) -> Result<Array1<L>> {
        Ok(classes_from_scores(self.predict_proba_matrix(x)?.view(), &self.classes))
    }

    /// Accuracy.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        accuracy(NAME, x, y, |x| self.predict(x))
    }
}

impl<F: Float, L: Label> Classifier<F> for FittedKNeighborsClassifier<F, L> {
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label> PredictProba<F> for FittedKNeighborsClassifier<F, L> {
    /// Each class's (weighted) share of the row's neighbours.
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.predict_proba_matrix(x.into())
    }

    /// [`PredictProba::predict_proba`] on a dense or sparse `x`.
    fn predict_proba_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        let (distances, indices) = self.base.kneighbors(NAME, Some(x), self.params.n_neighbors)?;
        let mut proba = Array2::zeros((x.nrows(), self.classes.len()));
        for ((p, d), i) in proba.rows_mut().into_iter().zip(distances.rows()).zip(indices.rows()) {
            class_shares(self.params.weights, d, i, &self.codes, p);
        }
        Ok(proba)
    }
}

impl<F: Float, L: Label> crate::traits::RankingScores<F> for FittedKNeighborsClassifier<F, L> {
    /// The probability of `classes()[1]` for two classes, all the
    /// probabilities otherwise.
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        crate::classify::ranking_from_proba(self, x)
    }
}
