//! Agreement between two labelings, from their confusion matrix:
//! [`matthews_corrcoef`] and [`cohen_kappa_score`].

use super::check_pair;
use super::confusion::confusion_unchecked;
use crate::error::{Error, Result};
use crate::float::Label;
use ndarray::ArrayView1;

/// Matthews correlation coefficient, binary or multiclass (the `R_K`
/// statistic of Gorodkin), as scikit-learn's `matthews_corrcoef`: +1 for a
/// perfect prediction, 0 for one no better than chance, -1 for a perfectly
/// inverted binary one.
///
/// When a labeling has a single class the coefficient is 0/0; scikit-learn
/// returns 0, and so does this function.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::EmptyInput`]
/// when there are no samples.
///
/// # Example
/// ```
/// use learnkit::metrics::matthews_corrcoef;
/// use ndarray::array;
///
/// let y_true = array![1, 1, 1, 0];
/// let y_pred = array![1, 0, 1, 1];
/// let mcc = matthews_corrcoef(y_true.view(), y_pred.view())?;
/// assert!((mcc + 1.0 / 3.0).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn matthews_corrcoef<L: Label>(y_true: ArrayView1<'_, L>, y_pred: ArrayView1<'_, L>) -> Result<f64> {
    check_pair("matthews_corrcoef", y_true, y_pred)?;
    let cm = confusion_unchecked(y_true, y_pred);
    let t_sum: Vec<f64> = cm.true_counts().into_iter().map(|c| c as f64).collect();
    let p_sum: Vec<f64> = cm.predicted_counts().into_iter().map(|c| c as f64).collect();
    let n_correct: f64 = cm.true_positives().into_iter().map(|c| c as f64).sum();
    let n_samples: f64 = p_sum.iter().sum();
    let dot = |a: &[f64], b: &[f64]| -> f64 { a.iter().zip(b).map(|(x, y)| x * y).sum() };
    let cov_ytyp = n_correct * n_samples - dot(&t_sum, &p_sum);
    let cov_ypyp = n_samples * n_samples - dot(&p_sum, &p_sum);
    let cov_ytyt = n_samples * n_samples - dot(&t_sum, &t_sum);
    let denominator = cov_ypyp * cov_ytyt;
    Ok(if denominator == 0.0 {
        0.0
    } else {
        cov_ytyp / denominator.sqrt()
    })
}

/// How disagreements between classes are weighted in [`cohen_kappa_score`]
/// (scikit-learn's `weights`).
///
/// # Example
/// ```
/// use learnkit::metrics::KappaWeights;
/// assert_eq!(KappaWeights::default(), KappaWeights::Unweighted);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum KappaWeights {
    /// Every disagreement counts 1 (`weights=None`).
    #[default]
    Unweighted,
    /// Disagreeing by `d` places in the sorted labels counts `d`
    /// (`"linear"`), for ordinal labels.
    Linear,
    /// Disagreeing by `d` places counts `d²` (`"quadratic"`).
    Quadratic,
}

/// Cohen's kappa: agreement between two annotators beyond chance, as
/// scikit-learn's `cohen_kappa_score`, `1 - Σ w·O / Σ w·E` with `O` the
/// confusion matrix, `E` the one expected from its margins and `w` the
/// [`KappaWeights`]. The labels are the sorted union of both labelings (their
/// order gives the distances of the weighted forms).
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::EmptyInput`]
/// when there are no samples, [`Error::InvalidInput`] when kappa is 0/0
/// (both labelings hold the same single label; scikit-learn warns and
/// returns NaN).
///
/// # Example
/// ```
/// use learnkit::metrics::{cohen_kappa_score, KappaWeights};
/// use ndarray::array;
///
/// let a = array!["low", "low", "high", "mid"];
/// let b = array!["low", "mid", "high", "mid"];
/// let kappa = cohen_kappa_score(a.view(), b.view(), KappaWeights::Unweighted)?;
/// assert!((kappa - 0.6363636363636364).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn cohen_kappa_score<L: Label>(y1: ArrayView1<'_, L>, y2: ArrayView1<'_, L>, weights: KappaWeights) -> Result<f64> {
    const CONTEXT: &str = "cohen_kappa_score";
    check_pair(CONTEXT, y1, y2)?;
    let cm = confusion_unchecked(y1, y2);
    let n = cm.labels.len();
    let confusion = cm.matrix.mapv(|c| c as f64);
    let sum0: Vec<f64> = confusion.columns().into_iter().map(|c| c.sum()).collect();
    let sum1: Vec<f64> = confusion.rows().into_iter().map(|r| r.sum()).collect();
    let total: f64 = sum0.iter().sum();
    let weight = |i: usize, j: usize| -> f64 {
        let d = i.abs_diff(j) as f64;
        match weights {
            KappaWeights::Unweighted => f64::from(u8::from(i != j)),
            KappaWeights::Linear => d,
            KappaWeights::Quadratic => d * d,
        }
    };
    let mut observed = 0.0;
    let mut expected = 0.0;
    // scikit-learn's `expected = outer(sum0, sum1) / total`: entry (i, j) is
    // sum0[i] · sum1[j], paired with confusion[i, j].
    for i in 0..n {
        for j in 0..n {
            observed += weight(i, j) * confusion[[i, j]];
            expected += weight(i, j) * (sum0[i] * sum1[j] / total);
        }
    }
    if expected == 0.0 {
        return Err(Error::invalid_input(
            CONTEXT,
            format!(
                "kappa is undefined (0/0): the labelings agree on the single label {:?}",
                cm.labels
            ),
        ));
    }
    Ok(1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn single_class_mcc_is_zero_and_kappa_an_error() {
        assert_eq!(
            matthews_corrcoef(array![1, 1].view(), array![1, 1].view()).unwrap(),
            0.0
        );
        let err = cohen_kappa_score(array![1, 1].view(), array![1, 1].view(), KappaWeights::Linear).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }));
    }

    #[test]
    fn perfect_agreement_is_one() {
        let y = array![0, 2, 1, 2];
        for w in [KappaWeights::Unweighted, KappaWeights::Linear, KappaWeights::Quadratic] {
            assert!((cohen_kappa_score(y.view(), y.view(), w).unwrap() - 1.0).abs() < 1e-15);
        }
        assert!((matthews_corrcoef(y.view(), y.view()).unwrap() - 1.0).abs() < 1e-15);
    }
}
