//! Classification, ranking and regression metrics, as in `sklearn.metrics`.
//!
//! - Classification ([`accuracy_score`], [`balanced_accuracy_score`],
//!   [`confusion_matrix`], [`precision_score`], [`recall_score`], [`f1_score`],
//!   [`fbeta_score`], [`precision_recall_fscore_support`],
//!   [`classification_report`], [`matthews_corrcoef`], [`cohen_kappa_score`])
//!   takes true and predicted labels of any
//!   [`Label`](crate::Label) type. The classes are the sorted union of the
//!   labels in `y_true` and `y_pred`, as in scikit-learn.
//! - Probabilistic and ranking metrics ([`log_loss`], [`brier_score_loss`],
//!   [`brier_score_loss_multiclass`], [`roc_auc_score`],
//!   [`roc_auc_score_ovr`], [`roc_curve`], [`precision_recall_curve`],
//!   [`average_precision_score`], [`average_precision_score_ovr`],
//!   [`det_curve`], [`top_k_accuracy_score`], [`auc`]) take scores or
//!   probabilities whose columns follow the sorted classes of `y_true`, the
//!   order of [`Classifier::classes`](crate::traits::Classifier::classes).
//! - Regression ([`r2_score`], [`mean_squared_error`],
//!   [`root_mean_squared_error`], [`mean_absolute_error`],
//!   [`explained_variance_score`], [`median_absolute_error`],
//!   [`mean_absolute_percentage_error`], [`max_error`],
//!   [`mean_squared_log_error`], [`root_mean_squared_log_error`],
//!   [`d2_absolute_error_score`]) takes `f32` or `f64` targets; the
//!   `_weighted` forms take scikit-learn's `sample_weight`.
//! - Distances ([`Metric`], [`pairwise_distances`]) between rows, shared by
//!   the neighbour searches and the clustering estimators.
//! - Clustering ([`adjusted_rand_score`], [`adjusted_mutual_info_score`],
//!   [`silhouette_score`], … see the [`cluster`] module) compares labelings
//!   or scores a clustering from the data.
//!
//! Every metric computes in `f64` (an `f32` input is widened exactly) and
//! returns `f64`; values agree with scikit-learn 1.9 to 1e-12 on the
//! reference fixtures (`tests/fixtures/metrics.json`).
//!
//! # Zero division
//! Where scikit-learn's default `zero_division="warn"` warns and returns 0.0
//! (precision of a class that is never predicted, recall of a class that
//! never occurs), these functions return 0.0 without printing anything.
//!
//! # Errors
//! `y_true` and `y_pred` of different lengths give
//! [`Error::ShapeMismatch`], empty inputs
//! [`Error::EmptyInput`], NaN or infinite scores,
//! probabilities or targets [`Error::NonFinite`];
//! each function lists its other errors.
//!
//! # Example
//! ```
//! use learnkit::metrics::{accuracy_score, f1_score, Average};
//! use ndarray::array;
//!
//! let y_true = array!["cat", "dog", "dog", "bird"];
//! let y_pred = array!["cat", "dog", "cat", "bird"];
//! assert_eq!(accuracy_score(y_true.view(), y_pred.view())?, 0.75);
//! let f1 = f1_score(y_true.view(), y_pred.view(), Average::Macro)?;
//! assert!((f1 - 7.0 / 9.0).abs() < 1e-12);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod agreement;
mod brier;
mod classification;
pub mod cluster;
mod confusion;
mod det;
pub(crate) mod pairwise;
mod precision_recall;
mod probability;
mod ranking;
mod regression;
mod report;
mod top_k;

pub use agreement::{KappaWeights, cohen_kappa_score, matthews_corrcoef};
pub use brier::{brier_score_loss, brier_score_loss_multiclass};
pub use classification::{
    Average, PerClassScores, accuracy_score, balanced_accuracy_score, f1_score, fbeta_score,
    precision_recall_fscore_support, precision_score, recall_score,
};
pub use cluster::{
    AverageMethod, HomogeneityCompleteness, adjusted_mutual_info_score, adjusted_rand_score, calinski_harabasz_score,
    completeness_score, contingency_matrix, davies_bouldin_score, fowlkes_mallows_score,
    homogeneity_completeness_v_measure, homogeneity_score, mutual_info_score, normalized_mutual_info_score,
    pair_confusion_matrix, rand_score, silhouette_samples, silhouette_score, silhouette_score_sampled, v_measure_score,
};
pub use confusion::{ConfusionMatrix, confusion_matrix};
pub use det::{DetCurve, det_curve};
pub use pairwise::{Metric, pairwise_distances};
pub use precision_recall::{
    PrecisionRecallCurve, average_precision_score, average_precision_score_ovr, precision_recall_curve,
};
pub use probability::log_loss;
pub use ranking::{RocCurve, auc, roc_auc_score, roc_auc_score_ovr, roc_curve};
pub use regression::{
    d2_absolute_error_score, d2_absolute_error_score_weighted, explained_variance_score,
    explained_variance_score_weighted, max_error, mean_absolute_error, mean_absolute_percentage_error,
    mean_absolute_percentage_error_weighted, mean_squared_error, mean_squared_log_error,
    mean_squared_log_error_weighted, median_absolute_error, median_absolute_error_weighted, r2_score,
    r2_score_weighted, root_mean_squared_error, root_mean_squared_log_error, root_mean_squared_log_error_weighted,
};
pub use report::{AverageScores, ClassificationReport, classification_report};
pub use top_k::top_k_accuracy_score;

use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::validation::{check_finite, check_not_empty, check_same_length, check_two_classes, encode_labels};
use ndarray::{ArrayView1, ArrayView2};

/// Checks that two 1-D inputs have the same, non-zero length.
///
/// The length check comes first so that `y_true = []`, `y_pred = [1]` is
/// reported as the mismatch it is.
fn check_pair<A, B>(context: &'static str, y_true: ArrayView1<'_, A>, y_pred: ArrayView1<'_, B>) -> Result<()> {
    crate::validation::check_same_length(context, "y_true vs y_pred", y_true.len(), y_pred.len())?;
    if y_true.is_empty() {
        return Err(Error::EmptyInput {
            context: context.into(),
            what: "y_true and y_pred have no samples",
        });
    }
    Ok(())
}

/// Checks per-class scores against their labels: as many rows as labels
/// (not zero), at least two classes, one column per class (or, with
/// `one_column_binary`, a single column for two classes), finite values.
/// Returns the sorted classes and each sample's class index.
fn class_score_inputs<L: Label, F: Float>(
    context: &'static str,
    y_true: ArrayView1<'_, L>,
    y_score: ArrayView2<'_, F>,
    one_column_binary: bool,
) -> Result<(Vec<L>, Vec<usize>)> {
    check_same_length(context, "y_true vs rows of y_score", y_true.len(), y_score.nrows())?;
    if y_true.is_empty() {
        return Err(Error::EmptyInput {
            context: context.into(),
            what: "y_true and y_score have no samples",
        });
    }
    let (classes, codes) = encode_labels(y_true.iter());
    check_two_classes(context, &classes)?;
    if !(one_column_binary && classes.len() == 2 && y_score.ncols() == 1) {
        check_same_length(
            context,
            "columns of y_score vs classes in y_true",
            classes.len(),
            y_score.ncols(),
        )?;
    }
    check_not_empty(context, y_score)?;
    check_finite(context, y_score)?;
    Ok((classes, codes))
}

/// Mean of `values`, or 0.0 for none (callers guarantee at least one).
fn mean(values: impl ExactSizeIterator<Item = f64>) -> f64 {
    let n = values.len();
    if n == 0 { 0.0 } else { values.sum::<f64>() / n as f64 }
}
