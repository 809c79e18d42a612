//! The contingency table of two labelings ([`contingency_matrix`]) and the
//! pair counts derived from it ([`pair_confusion_matrix`]): what every
//! supervised clustering metric starts from.

use crate::alloc::try_zeros;
use crate::error::Result;
use crate::float::Label;
use crate::validation::{check_same_length, encode_labels};
use ndarray::{Array2, ArrayView1, array};

/// The non-zero cells of a contingency table, row-major (scikit-learn's
/// sparse table read with `scipy.sparse.find`), with its margins: memory
/// proportional to the samples, not to classes × clusters, so that two
/// labelings with all-distinct labels cost `n`, not `n²`.
pub(super) struct Contingency {
    /// Samples per class of `labels_true` (row sums), in sorted class order.
    pub(super) rows: Vec<u64>,
    /// Samples per cluster of `labels_pred` (column sums), in sorted order.
    pub(super) cols: Vec<u64>,
    /// `(class, cluster, count)` for every non-zero cell, row-major.
    pub(super) cells: Vec<(usize, usize, u64)>,
    /// The number of samples.
    pub(super) n: u64,
}

impl Contingency {
    /// Counts the pairs of two labelings of the same samples, after checking
    /// that they have the same length (empty labelings are allowed, as in
    /// scikit-learn).
    pub(super) fn new<A: Label, B: Label>(
        context: &'static str,
        labels_true: ArrayView1<'_, A>,
        labels_pred: ArrayView1<'_, B>,
    ) -> Result<Self> {
        check_same_length(
            context,
            "labels_pred vs labels_true",
            labels_true.len(),
            labels_pred.len(),
        )?;
        let (classes, class_of) = encode_labels(labels_true.iter());
        let (clusters, cluster_of) = encode_labels(labels_pred.iter());
        let mut pairs: Vec<(usize, usize)> = class_of.into_iter().zip(cluster_of).collect();
        pairs.sort_unstable();
        let mut rows = vec![0u64; classes.len()];
        let mut cols = vec![0u64; clusters.len()];
        let mut cells: Vec<(usize, usize, u64)> = Vec::new();
        for (i, j) in pairs {
            rows[i] += 1;
            cols[j] += 1;
            match cells.last_mut() {
                Some(last) if (last.0, last.1) == (i, j) => last.2 += 1,
                _ => cells.push((i, j, 1)),
            }
        }
        Ok(Contingency {
            rows,
            cols,
            cells,
            n: labels_true.len() as u64,
        })
    }

    /// `Σ n_ij²` over the cells.
    pub(super) fn sum_squares(&self) -> u128 {
        self.cells.iter().map(|&(_, _, c)| u128::from(c) * u128::from(c)).sum()
    }
}

/// `Σ v²` of margins.
pub(super) fn sum_of_squares(values: &[u64]) -> u128 {
    values.iter().map(|&v| u128::from(v) * u128::from(v)).sum()
}

/// The contingency table of two labelings: entry `(i, j)` counts the
/// samples of the `i`-th class of `labels_true` put in the `j`-th cluster
/// of `labels_pred`, classes and clusters in sorted order, as
/// `sklearn.metrics.cluster.contingency_matrix`.
///
/// The two labelings may have different label types (dataset targets as
/// `usize`, cluster labels as `i64`).
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the
/// labelings differ in length; [`Error::TooLarge`](crate::Error::TooLarge)
/// when the dense table cannot be allocated.
///
/// # Example
/// ```
/// use learnkit::metrics::contingency_matrix;
/// use ndarray::array;
/// let table = contingency_matrix(array![0, 0, 1, 1].view(), array!["a", "b", "b", "b"].view())?;
/// assert_eq!(table, array![[1, 1], [0, 2]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn contingency_matrix<A: Label, B: Label>(
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
) -> Result<Array2<u64>> {
    const CONTEXT: &str = "contingency_matrix";
    let table = Contingency::new(CONTEXT, labels_true, labels_pred)?;
    let (n_classes, n_clusters) = (table.rows.len(), table.cols.len());
    let mut dense = try_zeros(
        CONTEXT,
        || format!("a {n_classes} × {n_clusters} contingency matrix"),
        (n_classes, n_clusters),
    )?;
    for &(i, j, c) in &table.cells {
        dense[[i, j]] = c;
    }
    Ok(dense)
}

/// The pair confusion matrix of two labelings: over all ordered pairs of
/// distinct samples, `[[in different clusters in both, together only in
/// labels_pred], [together only in labels_true, together in both]]`, as
/// `sklearn.metrics.cluster.pair_confusion_matrix` (its entries sum to
/// `n (n − 1)`).
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the
/// labelings differ in length.
///
/// # Example
/// ```
/// use learnkit::metrics::pair_confusion_matrix;
/// use ndarray::array;
/// let c = pair_confusion_matrix(array![0, 0, 1, 1].view(), array![1, 1, 0, 0].view())?;
/// assert_eq!(c, array![[8, 0], [0, 4]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn pair_confusion_matrix<A: Label, B: Label>(
    labels_true: ArrayView1<'_, A>,
    labels_pred: ArrayView1<'_, B>,
) -> Result<Array2<u64>> {
    let table = Contingency::new("pair_confusion_matrix", labels_true, labels_pred)?;
    let [[tn, fp], [fn_, tp]] = pair_counts(&table);
    Ok(array![[tn as u64, fp as u64], [fn_ as u64, tp as u64]])
}

/// The pair confusion counts `[[tn, fp], [fn, tp]]` of a table, exact in
/// 128 bits (`n²` overflows 64 bits above four billion samples).
pub(super) fn pair_counts(table: &Contingency) -> [[u128; 2]; 2] {
    let n = u128::from(table.n);
    let sum_squares = table.sum_squares();
    let tp = sum_squares - n;
    let fp = sum_of_squares(&table.cols) - sum_squares;
    let fn_ = sum_of_squares(&table.rows) - sum_squares;
    let tn = n * n - fp - fn_ - sum_squares;
    [[tn, fp], [fn_, tp]]
}
