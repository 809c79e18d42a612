//! Metrics that compare a clustering with reference labels (or with another
//! clustering): Rand indices, mutual information and its normalisations,
//! homogeneity / completeness / V-measure and Fowlkes–Mallows, as
//! `sklearn.metrics.cluster._supervised`.

use super::contingency::{Contingency, pair_counts, sum_of_squares};
use super::expected_mi::expected_mutual_information;
use crate::error::{Error, Result};
use crate::float::Label;
use ndarray::ArrayView1;

/// How the two entropies are averaged into the normaliser of
/// [`normalized_mutual_info_score`] and [`adjusted_mutual_info_score`]
/// (scikit-learn's `average_method`).
///
/// # Example
/// ```
/// use learnkit::metrics::AverageMethod;
/// assert_eq!(AverageMethod::default(), AverageMethod::Arithmetic);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum AverageMethod {
    /// `min(H_true, H_pred)`.
    Min,
    /// `sqrt(H_true · H_pred)`.
    Geometric,
    /// `(H_true + H_pred) / 2`, scikit-learn's default.
    #[default]
    Arithmetic,
    /// `max(H_true, H_pred)`.
    Max,
}

impl AverageMethod {
    fn average(self, u: f64, v: f64) -> f64 {
        match self {
            AverageMethod::Min => u.min(v),
            AverageMethod::Geometric => (u * v).sqrt(),
            AverageMethod::Arithmetic => (u + v) / 2.0,
            AverageMethod::Max => u.max(v),
        }
    }
}

/// The Rand index: the fraction of sample pairs on which the two labelings
/// agree (both together or both apart), as
/// `sklearn.metrics.rand_score`; 1.0 for fewer than two samples.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the labelings differ in length.
///
/// # Example
/// ```
/// use learnkit::metrics::rand_score;
/// use ndarray::array;
/// let score = rand_score(array![0, 0, 1, 2].view(), array![0, 0, 1, 1].view())?;
/// assert!((score - 5.0 / 6.0).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn rand_score<A: Label, B: Label>(labels_true: ArrayView1<'_, A>, labels_pred: ArrayView1<'_, B>) -> Result<f64> {
    let table = Contingency::new("rand_score", labels_true, labels_pred)?;
    let [[tn, fp], [fn_, tp]] = pair_counts(&table);
    let (agree, all) = (tn + tp, tn + fp + fn_ + tp);
    if agree == all || all == 0 {
        return Ok(1.0);
    }
    Ok(agree as f64 / all as f64)
}

/// The Rand index adjusted for chance: 1.0 for identical partitions (up to
/// renaming), about 0.0 for independent ones, negative when worse than
/// chance, as `sklearn.metrics.adjusted_rand_score`.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the labelings differ in length.
///
/// # Example
/// ```
/// use learnkit::metrics::adjusted_rand_score;
/// use ndarray::array;
/// let same = adjusted_rand_score(array![0, 0, 1, 1].view(), array![5, 5, 3, 3].view())?;
/// assert_eq!(same, 1.0);
/// let worse = adjusted_rand_score(array![0, 0, 1, 1].view(), array![0, 1, 0, 1].view())?;
/// assert!((worse + 0.5).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn adjusted_rand_score<A: Label, B: Label>(
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
) -> Result<f64> {
    let table = Contingency::new("adjusted_rand_score", labels_true, labels_pred)?;
    let [[tn, fp], [fn_, tp]] = pair_counts(&table);
    if fn_ == 0 && fp == 0 {
        return Ok(1.0);
    }
    // Exact integers as scikit-learn's Python ints, rounded once each.
    let numerator = i128_of(tp * tn) - i128_of(fn_ * fp);
    let denominator = (tp + fn_) * (fn_ + tn) + (tp + fp) * (fp + tn);
    Ok(2.0 * numerator as f64 / denominator as f64)
}

fn i128_of(v: u128) -> i128 {
    i128::try_from(v).unwrap_or(i128::MAX)
}

/// The Fowlkes–Mallows index: the geometric mean of the pairwise precision
/// and recall, as `sklearn.metrics.fowlkes_mallows_score`; 0.0 when no pair
/// is together in both labelings.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the labelings differ in length.
///
/// # Example
/// ```
/// use learnkit::metrics::fowlkes_mallows_score;
/// use ndarray::array;
/// let score = fowlkes_mallows_score(array![0, 0, 0, 1, 1, 1].view(), array![0, 0, 1, 1, 2, 2].view())?;
/// assert!((score - 0.4714045207910317).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn fowlkes_mallows_score<A: Label, B: Label>(
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
) -> Result<f64> {
    let table = Contingency::new("fowlkes_mallows_score", labels_true, labels_pred)?;
    let n = u128::from(table.n);
    let tk = table.sum_squares() - n;
    if tk == 0 {
        return Ok(0.0);
    }
    let pk = sum_of_squares(&table.cols) - n;
    let qk = sum_of_squares(&table.rows) - n;
    let tk = tk as f64;
    Ok((tk / pk as f64).sqrt() * (tk / qk as f64).sqrt())
}

/// The entropy (natural logarithm) of a labeling from its class sizes, as
/// scikit-learn's `_entropy`: 1.0 for no samples, 0.0 for one class.
fn entropy(counts: &[u64]) -> f64 {
    match counts.len() {
        0 => 1.0,
        1 => 0.0,
        _ => {
            let total: f64 = counts.iter().map(|&c| c as f64).sum();
            let log_total = total.ln();
            -counts
                .iter()
                .map(|&c| {
                    let c = c as f64;
                    (c / total) * (c.ln() - log_total)
                })
                .sum::<f64>()
        }
    }
}

/// The mutual information of a table, as `sklearn.metrics.mutual_info_score`
/// from its contingency: per non-zero cell, terms below machine epsilon
/// dropped, the sum clipped at zero.
fn mutual_info(table: &Contingency) -> f64 {
    if table.rows.len() == 1 || table.cols.len() == 1 {
        return 0.0;
    }
    let total = table.n as f64;
    let log_total = total.ln();
    // The row and column sums both total n.
    let (log_pi_sum, log_pj_sum) = (log_total, log_total);
    let mi: f64 = table
        .cells
        .iter()
        .map(|&(i, j, count)| {
            let nm = count as f64 / total;
            let outer = (u128::from(table.rows[i]) * u128::from(table.cols[j])) as f64;
            let log_outer = -outer.ln() + log_pi_sum + log_pj_sum;
            let term = nm * ((count as f64).ln() - log_total) + nm * log_outer;
            if term.abs() < f64::EPSILON { 0.0 } else { term }
        })
        .sum();
    mi.max(0.0)
}

/// The mutual information (natural logarithm, in nats) between two
/// labelings, as `sklearn.metrics.mutual_info_score`.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the labelings differ in length,
/// [`Error::EmptyInput`] when they have no samples.
///
/// # Example
/// ```
/// use learnkit::metrics::mutual_info_score;
/// use ndarray::array;
/// let mi = mutual_info_score(array![0, 0, 1, 1].view(), array![1, 1, 0, 0].view())?;
/// assert!((mi - 2f64.ln()).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn mutual_info_score<A: Label, B: Label>(
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
) -> Result<f64> {
    const CONTEXT: &str = "mutual_info_score";
    let table = Contingency::new(CONTEXT, labels_true, labels_pred)?;
    if table.n == 0 {
        // scikit-learn fails on log(0) here (a math domain error).
        return Err(Error::EmptyInput {
            context: CONTEXT.into(),
            what: "labels_true and labels_pred have no samples",
        });
    }
    Ok(mutual_info(&table))
}

/// Whether both labelings have one label, or no samples: the partitions are
/// then the same (scikit-learn's special case scoring 1.0).
fn trivially_equal(table: &Contingency) -> bool {
    let (classes, clusters) = (table.rows.len(), table.cols.len());
    classes == clusters && classes <= 1
}

/// The mutual information divided by an average of the two entropies
/// (`average_method`), as `sklearn.metrics.normalized_mutual_info_score`:
/// between 0.0 and 1.0, 1.0 for identical partitions.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the labelings differ in length.
///
/// # Example
/// ```
/// use learnkit::metrics::{normalized_mutual_info_score, AverageMethod};
/// use ndarray::array;
/// let nmi = normalized_mutual_info_score(array![0, 0, 1, 1].view(), array![0, 0, 1, 2].view(), AverageMethod::Arithmetic)?;
/// assert!((nmi - 0.8).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn normalized_mutual_info_score<A: Label, B: Label>(
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
    average_method: AverageMethod,
) -> Result<f64> {
    let table = Contingency::new("normalized_mutual_info_score", labels_true, labels_pred)?;
    if trivially_equal(&table) {
        return Ok(1.0);
    }
    let mi = mutual_info(&table);
    if mi == 0.0 {
        return Ok(0.0);
    }
    Ok(mi / average_method.average(entropy(&table.rows), entropy(&table.cols)))
}

/// The mutual information adjusted for chance:
/// `(MI − E[MI]) / (average(H_true, H_pred) − E[MI])`, with the expected
/// mutual information under the hypergeometric model of random labelings
/// of the same sizes, as `sklearn.metrics.adjusted_mutual_info_score`
/// (`average_method` arithmetic by default there).
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the labelings differ in length.
///
/// # Example
/// ```
/// use learnkit::metrics::{adjusted_mutual_info_score, AverageMethod};
/// use ndarray::array;
/// let same = adjusted_mutual_info_score(array![0, 0, 1, 1].view(), array![1, 1, 0, 0].view(), AverageMethod::Arithmetic)?;
/// assert!((same - 1.0).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn adjusted_mutual_info_score<A: Label, B: Label>(
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
    average_method: AverageMethod,
) -> Result<f64> {
    let table = Contingency::new("adjusted_mutual_info_score", labels_true, labels_pred)?;
    if trivially_equal(&table) {
        return Ok(1.0);
    }
    if table.rows.len() == 1 || table.cols.len() == 1 {
        return Ok(0.0);
    }
    let mi = mutual_info(&table);
    let emi = expected_mutual_information(&table.rows, &table.cols, table.n);
    let normalizer = average_method.average(entropy(&table.rows), entropy(&table.cols));
    // Keep both away from zero with their sign, as scikit-learn does.
    let away_from_zero = |v: f64| {
        if v < 0.0 {
            v.min(-f64::EPSILON)
        } else {
            v.max(f64::EPSILON)
        }
    };
    Ok(away_from_zero(mi - emi) / away_from_zero(normalizer - emi))
}

/// Homogeneity (each cluster holds one class), completeness (each class
/// sits in one cluster) and their weighted harmonic mean, the V-measure, as
/// `sklearn.metrics.homogeneity_completeness_v_measure`.
///
/// # Example
/// ```
/// use learnkit::metrics::HomogeneityCompleteness;
/// let s = HomogeneityCompleteness { homogeneity: 1.0, completeness: 0.5, v_measure: 2.0 / 3.0 };
/// assert!(s.homogeneity > s.completeness);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HomogeneityCompleteness {
    /// `MI / H(labels_true)` (1.0 when that entropy is 0).
    pub homogeneity: f64,
    /// `MI / H(labels_pred)` (1.0 when that entropy is 0).
    pub completeness: f64,
    /// `(1 + β) h c / (β h + c)` (0.0 when `h + c = 0`).
    pub v_measure: f64,
}

/// Homogeneity, completeness and V-measure with weight `beta` (scikit-learn's
/// default 1.0: the harmonic mean), as
/// `sklearn.metrics.homogeneity_completeness_v_measure`; all 1.0 for no
/// samples.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the labelings differ in length;
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a negative or non-finite `beta`.
///
/// # Example
/// ```
/// use learnkit::metrics::homogeneity_completeness_v_measure;
/// use ndarray::array;
/// let s = homogeneity_completeness_v_measure(array![0, 0, 1, 1].view(), array![0, 1, 2, 3].view(), 1.0)?;
/// // 1 − 1e-16 here, as scikit-learn's (a ratio of two entropies).
/// assert!((s.homogeneity - 1.0).abs() < 1e-15);
/// assert!((s.completeness - 0.5).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn homogeneity_completeness_v_measure<A: Label, B: Label>(
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
    beta: f64,
) -> Result<HomogeneityCompleteness> {
    hcv("homogeneity_completeness_v_measure", labels_true, labels_pred, beta)
}

fn hcv<A: Label, B: Label>(
    context: &'static str,
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
    beta: f64,
) -> Result<HomogeneityCompleteness> {
    crate::validation::check_param(context, "beta", beta, "a finite number >= 0", |b| {
        b.is_finite() && b >= 0.0
    })?;
    let table = Contingency::new(context, labels_true, labels_pred)?;
    if table.n == 0 {
        return Ok(HomogeneityCompleteness {
            homogeneity: 1.0,
            completeness: 1.0,
            v_measure: 1.0,
        });
    }
    let (h_true, h_pred) = (entropy(&table.rows), entropy(&table.cols));
    let mi = mutual_info(&table);
    let homogeneity = if h_true != 0.0 { mi / h_true } else { 1.0 };
    let completeness = if h_pred != 0.0 { mi / h_pred } else { 1.0 };
    let v_measure = if homogeneity + completeness == 0.0 {
        0.0
    } else {
        (1.0 + beta) * homogeneity * completeness / (beta * homogeneity + completeness)
    };
    Ok(HomogeneityCompleteness {
        homogeneity,
        completeness,
        v_measure,
    })
}

/// Homogeneity: 1.0 when every cluster holds samples of a single class, as
/// `sklearn.metrics.homogeneity_score`.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the labelings differ in length.
///
/// # Example
/// ```
/// use learnkit::metrics::homogeneity_score;
/// use ndarray::array;
/// let h = homogeneity_score(array![0, 0, 1, 1].view(), array![0, 1, 2, 3].view())?;
/// assert!((h - 1.0).abs() < 1e-15); // scikit-learn: 0.9999999999999999 too
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn homogeneity_score<A: Label, B: Label>(
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
) -> Result<f64> {
    Ok(hcv("homogeneity_score", labels_true, labels_pred, 1.0)?.homogeneity)
}

/// Completeness: 1.0 when all samples of a class are in one cluster, as
/// `sklearn.metrics.completeness_score`.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the labelings differ in length.
///
/// # Example
/// ```
/// use learnkit::metrics::completeness_score;
/// use ndarray::array;
/// let c = completeness_score(array![0, 1, 2, 3].view(), array![0, 0, 1, 1].view())?;
/// assert!((c - 1.0).abs() < 1e-15); // scikit-learn: 0.9999999999999999 too
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn completeness_score<A: Label, B: Label>(
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
) -> Result<f64> {
    Ok(hcv("completeness_score", labels_true, labels_pred, 1.0)?.completeness)
}

/// The V-measure with weight `beta` (1.0: the harmonic mean of homogeneity
/// and completeness, equal to [`normalized_mutual_info_score`] with the
/// arithmetic average), as `sklearn.metrics.v_measure_score`.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the labelings differ in length;
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a negative or non-finite `beta`.
///
/// # Example
/// ```
/// use learnkit::metrics::v_measure_score;
/// use ndarray::array;
/// let v = v_measure_score(array![0, 0, 1, 1].view(), array![0, 0, 1, 2].view(), 1.0)?;
/// assert!((v - 0.8).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn v_measure_score<A: Label, B: Label>(
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
    beta: f64,
) -> Result<f64> {
    Ok(hcv("v_measure_score", labels_true, labels_pred, beta)?.v_measure)
}
