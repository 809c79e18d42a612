//! Neighbour graphs: scikit-learn's `kneighbors_graph` /
//! `radius_neighbors_graph` output, a [`CsrMatrix`] with one row per query
//! row and one column per training row.

use crate::error::{Error, Result};
use crate::float::Float;
use crate::sparse::CsrMatrix;

/// What the entries of a neighbour graph hold (scikit-learn's `mode`).
///
/// # Example
/// ```
/// use learnkit::neighbors::GraphMode;
/// assert_eq!(GraphMode::default(), GraphMode::Connectivity);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum GraphMode {
    /// 1 for each neighbour.
    #[default]
    Connectivity,
    /// The distance to each neighbour (a neighbour at distance zero is an
    /// explicitly stored zero, as in scikit-learn).
    Distance,
}

/// The `n_rows × n_cols` graph of each row's `(indices, distances)`.
///
/// scikit-learn stores each row's entries in neighbour order (scipy's
/// `has_sorted_indices` false); a [`CsrMatrix`] keeps columns sorted, so
/// each row is sorted by column here. The matrix is the same.
pub(crate) fn graph_from_rows<'a, F: Float>(
    rows: impl ExactSizeIterator<Item = (&'a [usize], &'a [F])>,
    n_cols: usize,
    mode: GraphMode,
) -> Result<CsrMatrix<F>> {
    if u32::try_from(n_cols).is_err() {
        return Err(Error::invalid_input(
            "neighbour graph",
            format!("{n_cols} training rows do not fit CsrMatrix's u32 column indices"),
        ));
    }
    let n_rows = rows.len();
    let mut indptr = Vec::with_capacity(n_rows + 1);
    indptr.push(0);
    let (mut indices, mut data) = (Vec::new(), Vec::new());
    let mut row_entries: Vec<(usize, F)> = Vec::new();
    for (cols, distances) in rows {
        row_entries.clear();
        row_entries.extend(cols.iter().copied().zip(distances.iter().copied()));
        row_entries.sort_unstable_by_key(|&(col, _)| col);
        for &(col, distance) in &row_entries {
            indices.push(col as u32); // col < n_cols, which fits u32
            data.push(match mode {
                GraphMode::Connectivity => F::one(),
                GraphMode::Distance => distance,
            });
        }
        indptr.push(indices.len());
    }
    CsrMatrix::try_new((n_rows, n_cols), indptr, indices, data)
}
