//! [`top_k_accuracy_score`]: how often the true class is among the `k`
//! highest-scored ones.

use crate::error::Result;
use crate::float::{Float, Label};
use ndarray::{ArrayView1, ArrayView2};

/// Top-k accuracy: the fraction of samples whose true class is among the `k`
/// classes with the highest scores, as scikit-learn's `top_k_accuracy_score`
/// (with `normalize=True`).
///
/// `y_score` has one row per sample and one column per class of `y_true`, in
/// sorted order (the columns of `predict_proba` or `decision_function`).
/// Ties are broken as scikit-learn's stable `argsort(...)[:, ::-1]`: among
/// equal scores the class with the greater index ranks first. For two
/// classes `y_score` may instead have a single column, the score of the
/// greater label (scikit-learn's 1-D input): with `k = 1` a sample is then
/// predicted positive when its score exceeds 0.5 if every score lies in
/// `[0, 1]`, 0 otherwise; with `k >= 2` every sample is a hit.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for `k = 0`; [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when
/// the rows differ from the length of `y_true` or the columns from its number
/// of classes; [`Error::EmptyInput`](crate::Error::EmptyInput) when there are no samples;
/// [`Error::NonFinite`](crate::Error::NonFinite) for a NaN or infinite score; [`Error::SingleClass`](crate::Error::SingleClass)
/// when `y_true` has one class.
///
/// # Example
/// ```
/// use learnkit::metrics::top_k_accuracy_score;
/// use ndarray::array;
///
/// let y_true = array![0, 1, 2, 2];
/// let y_score = array![[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]];
/// assert_eq!(top_k_accuracy_score(y_true.view(), y_score.view(), 2)?, 0.75);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn top_k_accuracy_score<L: Label, F: Float>(
    y_true: ArrayView1<'_, L>,
    y_score: ArrayView2<'_, F>,
    k: usize,
) -> Result<f64> {
    const CONTEXT: &str = "top_k_accuracy_score";
    crate::validation::check_param(CONTEXT, "k", k, ">= 1", |k| k >= 1)?;
    let (_, codes) = super::class_score_inputs(CONTEXT, y_true, y_score, true)?;
    let hits: usize = if y_score.ncols() == 1 {
        if k >= 2 {
            codes.len()
        } else {
            let column = y_score.column(0);
            let in_unit = column.iter().all(|s| *s >= F::zero() && *s <= F::one());
            let threshold = if in_unit { 0.5 } else { 0.0 };
            codes
                .iter()
                .zip(column)
                .filter(|&(&c, s)| usize::from(s.as_f64() > threshold) == c)
                .count()
        }
    } else {
        codes
            .iter()
            .zip(y_score.rows())
            .filter(|&(&t, row)| {
                // Classes ranked above the true one; the true class is in the
                // top k when fewer than k are.
                let above = row
                    .iter()
                    .enumerate()
                    .filter(|&(j, s)| *s > row[t] || (*s == row[t] && j > t))
                    .count();
                above < k
            })
            .count()
    };
    Ok(hits as f64 / codes.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn ties_rank_the_greater_class_first() {
        // Both classes score 0.5: class 1 ranks first, so only its sample is a top-1 hit.
        let score = array![[0.5, 0.5], [0.5, 0.5]];
        assert_eq!(top_k_accuracy_score(array![0, 1].view(), score.view(), 1).unwrap(), 0.5);
    }

    #[test]
    fn binary_one_column_uses_a_threshold() {
        let y = array![0, 1, 1];
        let s = array![[0.2], [0.6], [0.4]];
        assert!((top_k_accuracy_score(y.view(), s.view(), 1).unwrap() - 2.0 / 3.0).abs() < 1e-15);
        assert_eq!(top_k_accuracy_score(y.view(), s.view(), 2).unwrap(), 1.0);
        assert!(top_k_accuracy_score(y.view(), s.view(), 0).is_err());
    }
}
