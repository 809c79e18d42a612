//! Neighbour graphs ([`NeighborsGraph`]): scikit-learn's
//! `kneighbors_graph` / `radius_neighbors_graph` output, a sparse matrix in
//! compressed-row form.

use crate::float::Float;
use ndarray::Array2;

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
    /// The distance to each neighbour.
    Distance,
}

/// A sparse `n_rows × n_cols` matrix in compressed sparse row (CSR) form,
/// as scipy's `csr_matrix`: row `i`'s entries are `data[indptr[i]..indptr[i + 1]]`
/// in columns `indices[indptr[i]..indptr[i + 1]]`. Rows list their
/// neighbours nearest first.
///
/// A minimal type for the neighbour graphs: a crate-wide sparse matrix type
/// is planned (issue 17) and will replace it.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::neighbors::{GraphMode, NearestNeighbors};
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [3.0]];
/// let nn = NearestNeighbors::default().n_neighbors(1).fit_unsupervised(x.view())?;
/// let graph = nn.kneighbors_graph(None, None, GraphMode::Distance)?;
/// assert_eq!(graph.indptr, vec![0, 1, 2, 3]);
/// assert_eq!(graph.indices, vec![1, 0, 1]);
/// assert_eq!(graph.to_dense(), array![[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 2.0, 0.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct NeighborsGraph<F> {
    /// Where each row's entries start in `indices` and `data` (`n_rows + 1`
    /// offsets, the last one `data.len()`).
    pub indptr: Vec<usize>,
    /// The column (training row) of each entry.
    pub indices: Vec<usize>,
    /// The value of each entry.
    pub data: Vec<F>,
    /// The number of columns: the number of training rows.
    pub n_cols: usize,
}

impl<F: Float> NeighborsGraph<F> {
    /// Builds the graph from each row's `(indices, distances)`.
    pub(crate) fn from_rows<'a>(
        rows: impl IntoIterator<Item = (&'a [usize], &'a [F])>,
        n_cols: usize,
        mode: GraphMode,
    ) -> Self {
        let mut graph = NeighborsGraph {
            indptr: vec![0],
            indices: Vec::new(),
            data: Vec::new(),
            n_cols,
        };
        for (indices, distances) in rows {
            graph.indices.extend_from_slice(indices);
            match mode {
                GraphMode::Connectivity => graph.data.extend(std::iter::repeat_n(F::one(), indices.len())),
                GraphMode::Distance => graph.data.extend_from_slice(distances),
            }
            graph.indptr.push(graph.indices.len());
        }
        graph
    }

    /// The number of rows.
    ///
    /// # Example
    /// ```
    /// use learnkit::neighbors::NeighborsGraph;
    /// let g = NeighborsGraph { indptr: vec![0, 1], indices: vec![2], data: vec![1.0], n_cols: 3 };
    /// assert_eq!(g.n_rows(), 1);
    /// ```
    pub fn n_rows(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    /// The dense `n_rows × n_cols` matrix (zeros where there is no entry;
    /// entries outside the matrix, in a graph built by hand, are skipped).
    ///
    /// # Example
    /// ```
    /// use learnkit::neighbors::NeighborsGraph;
    /// let g = NeighborsGraph { indptr: vec![0, 1, 1], indices: vec![2], data: vec![0.5], n_cols: 3 };
    /// assert_eq!(g.to_dense(), ndarray::array![[0.0, 0.0, 0.5], [0.0, 0.0, 0.0]]);
    /// ```
    pub fn to_dense(&self) -> Array2<F> {
        let mut dense = Array2::zeros((self.n_rows(), self.n_cols));
        for (row, span) in self.indptr.windows(2).enumerate() {
            for e in span[0]..span[1] {
                if let (Some(&col), Some(&value)) = (self.indices.get(e), self.data.get(e)) {
                    if let Some(cell) = dense.get_mut([row, col]) {
                        *cell = value;
                    }
                }
            }
        }
        dense
    }
}
