//! What [`SVC`](super::SVC) and [`SVR`](super::SVR) share around support
//! vectors: the one `f64` copy of the training data the solver reads, and the
//! kernel between test rows and the support vectors at prediction.

use super::kernel::{
    Kernel, KernelData, ResolvedKernel, SparseIndex, dot, dot_sparse, dots_from_nonzero, nonzero, transpose,
};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::{map_row_ranges, with_n_jobs_rows};
use crate::persistence::check::{all_below, ensure, same_values};
use crate::sparse::{CsrMatrix, MatrixView, check_matrix_predict_input, check_matrix_x_y, scattered_dot};
use crate::validation::check_same_length;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, s};
use rayon::prelude::*;
use std::sync::OnceLock;

/// Rows per block when copying the training data and summing their norms.
const COPY_BLOCK_ROWS: usize = 1024;

/// Support vectors per block: the block's columns (at most 784 features ×
/// 128 × 8 bytes, 800 kB, on MNIST) stay in L2 while every row of a task is
/// compared with it.
const SV_BLOCK: usize = 128;

/// The training data as the solver reads them: one row-major `f64` copy
/// (rows are read in random order), their squared norms, and the kernel with
/// its `gamma` resolved on these data.
pub(crate) struct TrainingData {
    /// Row-major values, or with `sparse` the stored values of the rows.
    data: Vec<f64>,
    norms: Vec<f64>,
    d: usize,
    pub(crate) kernel: ResolvedKernel,
    /// The CSR structure (`indptr`, `indices`) of sparse training rows.
    sparse: Option<(Vec<usize>, Vec<u32>)>,
}

impl TrainingData {
    /// Checks `x` (dense or sparse: non-empty, finite, `n_targets` rows) and
    /// builds the training data from it ([`TrainingData::new`] or, for a
    /// sparse `x`, [`TrainingData::new_sparse`]).
    pub(crate) fn checked<F: Float>(
        estimator: &'static str,
        x: MatrixView<'_, F>,
        n_targets: usize,
        kernel: &Kernel,
    ) -> Result<Self> {
        check_matrix_x_y(estimator, x, n_targets)?;
        match x {
            MatrixView::Dense(x) => Self::new(estimator, x, kernel),
            MatrixView::Sparse(x) => Self::new_sparse(estimator, x, kernel),
        }
    }

    /// Copies `x` (already checked: finite, non-empty); with a precomputed
    /// kernel `x` must be square ([`crate::Error::ShapeMismatch`] otherwise).
    pub(crate) fn new<F: Float>(estimator: &'static str, x: ArrayView2<'_, F>, kernel: &Kernel) -> Result<Self> {
        let precomputed = matches!(kernel, Kernel::Precomputed);
        if precomputed {
            check_same_length(
                estimator,
                "columns vs rows of a precomputed kernel matrix",
                x.nrows(),
                x.ncols(),
            )?;
        }
        let (n, d) = x.dim();
        // The copy and the squared norms in parallel over fixed blocks of
        // rows: each row is converted and its norm summed on its own, so the
        // values are the same whatever the split. On MNIST (60,000 × 784)
        // these passes were a serial second of the fit, one core idle.
        let mut data = vec![0.0; n * d];
        let mut norms = vec![0.0; if precomputed { 0 } else { n }];
        let block = COPY_BLOCK_ROWS * d.max(1);
        data.par_chunks_mut(block).enumerate().for_each(|(c, rows)| {
            let first = c * COPY_BLOCK_ROWS;
            for (dst, src) in rows.chunks_exact_mut(d.max(1)).zip(x.slice(s![first.., ..]).rows()) {
                dst.iter_mut().zip(src).for_each(|(a, b)| *a = b.as_f64());
            }
        });
        norms
            .par_chunks_mut(COPY_BLOCK_ROWS)
            .zip(data.par_chunks(block))
            .for_each(|(norms, rows)| {
                norms
                    .iter_mut()
                    .zip(rows.chunks_exact(d.max(1)))
                    .for_each(|(nm, r)| *nm = dot(r, r));
            });
        if !precomputed {
            check_kernel_scale(estimator, &data, &norms)?;
        }
        let kernel = kernel.resolve(&data, d);
        Ok(TrainingData {
            data,
            norms,
            d,
            kernel,
            sparse: None,
        })
    }

    /// The training data from sparse rows (already checked: finite,
    /// non-empty), never densified: the stored values in `f64`, their
    /// structure, and squared norms equal to the dense fit's bit for bit
    /// ([`dot_sparse`]). A precomputed kernel is not sparse: the callers
    /// densify it.
    pub(crate) fn new_sparse<F: Float>(estimator: &'static str, x: &CsrMatrix<F>, kernel: &Kernel) -> Result<Self> {
        let (n, d) = x.shape();
        let data: Vec<f64> = x.data().iter().map(|v| v.as_f64()).collect();
        let (indptr, indices) = (x.indptr(), x.indices());
        let norms: Vec<f64> = (0..n)
            .into_par_iter()
            .map(|i| {
                let range = indptr[i]..indptr[i + 1];
                let row = (&indices[range.clone()], &data[range]);
                dot_sparse(row, row, d)
            })
            .collect();
        check_kernel_scale(estimator, &data, &norms)?;
        let kernel = kernel.resolve_stored(&data, n.saturating_mul(d), d);
        Ok(TrainingData {
            data,
            norms,
            d,
            kernel,
            sparse: Some((indptr.to_vec(), indices.to_vec())),
        })
    }

    /// The view the solver computes kernel rows from.
    pub(crate) fn kernel_data(&self) -> KernelData<'_> {
        KernelData {
            data: &self.data,
            d: self.d,
            norms: &self.norms,
            kernel: self.kernel,
            sparse: self
                .sparse
                .as_ref()
                .map(|(indptr, indices)| SparseIndex { indptr, indices }),
        }
    }

    /// The training rows `support`, one row each (no rows with a precomputed
    /// kernel, as scikit-learn's `support_vectors_`).
    pub(crate) fn support_vectors(&self, support: &[usize]) -> Array2<f64> {
        let d = self.d;
        if let ResolvedKernel::Precomputed = self.kernel {
            return Array2::zeros((0, d));
        }
        let mut sv = Array2::zeros((support.len(), d));
        for (mut row, &r) in sv.rows_mut().into_iter().zip(support) {
            match &self.sparse {
                // Support vectors are kept dense (as a dense fit keeps them,
                // so that prediction and persistence are one code): a sparse
                // fit's model holds `n_SV × n_features` values.
                Some((indptr, indices)) => {
                    for k in indptr[r]..indptr[r + 1] {
                        row[indices[k] as usize] = self.data[k];
                    }
                }
                None => row.assign(&ArrayView1::from(&self.data[r * d..(r + 1) * d])),
            }
        }
        sv
    }
}

/// The squared norm of each support vector.
/// Checks that the kernel can be computed on `data` in `f64`: every row's
/// squared norm is finite (so are the dot products, by Cauchy–Schwarz, and
/// the RBF's `‖x‖² + ‖z‖² − 2 x·z`), and the largest value's square does
/// not underflow (else dot products, distances and `Gamma::Scale`'s variance
/// vanish into zeros and subnormals). Outside that range the kernel matrix
/// is NaN or constant and SMO would stop at once on a meaningless model that
/// calls itself converged, so it is an error that names the scale.
fn check_kernel_scale(estimator: &'static str, data: &[f64], norms: &[f64]) -> Result<()> {
    // The largest magnitude, in parallel: a maximum does not depend on the order.
    let largest = data
        .par_chunks(1 << 16)
        .map(|c| c.iter().fold(0.0f64, |m, v| m.max(v.abs())))
        .reduce(|| 0.0, f64::max);
    let advice = "scale the features (e.g. with StandardScaler)";
    if let Some(row) = norms.iter().position(|n| !n.is_finite()) {
        return Err(Error::invalid_input(
            estimator,
            format!(
                "the squared norm of row {row} overflows f64 (largest |x| = {largest:e}), \
                 so the kernel cannot be computed; {advice}"
            ),
        ));
    }
    if largest > 0.0 && largest * largest < f64::MIN_POSITIVE {
        return Err(Error::invalid_input(
            estimator,
            format!(
                "the features are so small (largest |x| = {largest:e}) that their squares underflow f64, \
                 so the kernel cannot be computed; {advice}"
            ),
        ));
    }
    Ok(())
}

pub(crate) fn squared_norms(support_vectors: &Array2<f64>) -> Vec<f64> {
    support_vectors
        .rows()
        .into_iter()
        .map(|r| dot(r.as_slice().unwrap(), r.as_slice().unwrap()))
        .collect()
}

/// That a loaded SVC's or SVR's support vectors are as a fit leaves them,
/// so that prediction indexes only inside them: with a precomputed kernel
/// no rows, `n_features_in` (training samples) columns and every index in
/// `support` below it (prediction reads those columns of its input);
/// otherwise one finite row of `n_features_in` values per index in
/// `support` (the transposed copy [`SupportColumns`] builds is read with
/// that stride), their squared norms as [`squared_norms`] computes them,
/// and the kernel `params_kernel` resolved on such data.
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
pub(crate) fn check_support(
    estimator: &str,
    params_kernel: &Kernel,
    kernel: ResolvedKernel,
    n_features_in: usize,
    support: &[usize],
    support_vectors: &Array2<f64>,
    sv_norms: &[f64],
) -> std::result::Result<(), String> {
    ensure(n_features_in >= 1, || format!("{estimator}: n_features_in is 0"))?;
    ensure(params_kernel.resolves_to(kernel, n_features_in), || {
        format!(
            "{estimator}: the fitted kernel {kernel:?} is not the kernel {params_kernel:?} on {n_features_in} features"
        )
    })?;
    let rows = if let ResolvedKernel::Precomputed = kernel {
        all_below(&format!("{estimator}: support"), support, n_features_in)?;
        0
    } else {
        support.len()
    };
    ensure(support_vectors.dim() == (rows, n_features_in), || {
        format!(
            "{estimator}: support_vectors has shape {:?}, expected ({rows}, {n_features_in})",
            support_vectors.dim()
        )
    })?;
    ensure(support_vectors.iter().all(|v| v.is_finite()), || {
        format!("{estimator}: support_vectors holds a non-finite value")
    })?;
    let norms = Array1::from(squared_norms(&support_vectors.as_standard_layout().into_owned()));
    ensure(same_values(&norms, &Array1::from(sv_norms.to_vec())), || {
        format!(
            "{estimator}: {} support vector norms disagree with the {} support vectors",
            sv_norms.len(),
            support_vectors.nrows()
        )
    })
}

/// The support vectors transposed (see [`transpose`]), which prediction
/// reads: computed once, on the first prediction (a fitted model read back
/// from disk computes it again).
#[derive(Clone, Debug, Default)]
pub(crate) struct SupportColumns(OnceLock<Vec<f64>>, OnceLock<CsrMatrix<f64>>);

impl SupportColumns {
    /// The columns of `support_vectors`.
    pub(crate) fn of(&self, support_vectors: &Array2<f64>) -> &[f64] {
        self.0.get_or_init(|| {
            let sv = support_vectors.as_standard_layout();
            let values = sv.as_slice().unwrap_or(&[]);
            transpose(values.chunks_exact(sv.ncols().max(1)), sv.ncols())
        })
    }

    /// The support vectors as sparse rows, which sparse queries read: on
    /// wide sparse data (text) a copy far smaller than the transposed one,
    /// made on the first sparse prediction.
    pub(crate) fn sparse_of(&self, support_vectors: &Array2<f64>) -> &CsrMatrix<f64> {
        self.1.get_or_init(|| CsrMatrix::from_dense(support_vectors.view()))
    }
}

/// `K(x, sv_k)` for each row `x` of `rows` and each support vector `k`, from
/// the support vectors' `columns` ([`SupportColumns`]): for a block of
/// support vectors whose columns stay in cache, each row's dot products are
/// sums over its non-zero features only (exact; most of MNIST's pixels are
/// zero), each in feature order, so that a row's values do not depend on
/// the rows predicted with it. With a precomputed kernel, `rows` holds kernel
/// values against the training rows and the columns `support` are gathered.
pub(crate) fn kernel_block<F: Float>(
    kernel: ResolvedKernel,
    support: &[usize],
    columns: &[f64],
    sv_norms: &[f64],
    rows: ArrayView2<'_, F>,
) -> Array2<f64> {
    let n_sv = support.len();
    let mut k = Array2::zeros((rows.nrows(), n_sv));
    if let ResolvedKernel::Precomputed = kernel {
        for (mut out, row) in k.rows_mut().into_iter().zip(rows.rows()) {
            for (o, &s) in out.iter_mut().zip(support) {
                *o = row[s].as_f64();
            }
        }
        return k;
    }
    let x: Vec<Vec<f64>> = rows
        .rows()
        .into_iter()
        .map(|r| r.iter().map(|v| v.as_f64()).collect())
        .collect();
    let norms: Vec<f64> = x.iter().map(|r| dot(r, r)).collect();
    let features: Vec<Vec<(usize, f64)>> = x.iter().map(|r| nonzero(r)).collect();
    for start in (0..n_sv).step_by(SV_BLOCK) {
        let end = (start + SV_BLOCK).min(n_sv);
        for (i, features) in features.iter().enumerate() {
            let mut out = k.slice_mut(s![i, start..end]);
            let out = out.as_slice_mut().expect("rows are contiguous");
            dots_from_nonzero(out, features, columns, n_sv, start);
            kernel.apply_in_place(out, norms[i], sv_norms[start..end].iter().copied());
        }
    }
    k
}

/// [`kernel_block`] for the rows `range` of a sparse matrix, against the
/// support vectors as sparse rows ([`SupportColumns::sparse_of`]): each row
/// is scattered once and each dot product runs over a support vector's
/// stored values in column order, which sums the same non-zero products in
/// the same order as the dense query does, and the squared norms are the
/// dense ones ([`dot_sparse`]): a sparse query gets the dense query's kernel
/// values bit for bit. Not for a precomputed kernel.
pub(crate) fn sparse_kernel_block<F: Float>(
    kernel: ResolvedKernel,
    support_vectors: &CsrMatrix<f64>,
    sv_norms: &[f64],
    x: &CsrMatrix<F>,
    range: std::ops::Range<usize>,
) -> Array2<f64> {
    let d = x.ncols();
    let mut k = Array2::zeros((range.len(), support_vectors.nrows()));
    let mut dense = vec![0.0; d];
    for (mut out, i) in k.rows_mut().into_iter().zip(range) {
        let row = x.row(i);
        let values: Vec<f64> = row.values.iter().map(|v| v.as_f64()).collect();
        for (&j, &v) in row.indices.iter().zip(&values) {
            dense[j as usize] = v;
        }
        let out = out.as_slice_mut().expect("rows are contiguous");
        for (o, sv) in out.iter_mut().zip(support_vectors.rows()) {
            *o = scattered_dot(&dense, sv.indices, sv.values);
        }
        kernel.apply_in_place(
            out,
            dot_sparse((row.indices, &values), (row.indices, &values), d),
            sv_norms.iter().copied(),
        );
        for &j in row.indices {
            dense[j as usize] = 0.0;
        }
    }
    k
}

/// A fitted model's support vectors as prediction reads them.
pub(crate) struct Supports<'a> {
    kernel: ResolvedKernel,
    support: &'a [usize],
    vectors: &'a Array2<f64>,
    norms: &'a [f64],
    columns: &'a SupportColumns,
}

impl<'a> Supports<'a> {
    /// The support vectors of a fitted model: the kernel, their training
    /// rows, their values and squared norms, and their transposed copy.
    pub(crate) fn new(
        kernel: ResolvedKernel,
        support: &'a [usize],
        vectors: &'a Array2<f64>,
        norms: &'a [f64],
        columns: &'a SupportColumns,
    ) -> Self {
        Supports {
            kernel,
            support,
            vectors,
            norms,
            columns,
        }
    }

    /// Checks `x` (dense or sparse: `n_features_in` columns, non-empty,
    /// finite) and applies `f` to the kernel block of each chunk of
    /// `chunk_rows` rows, in parallel on `n_jobs` threads, results in chunk
    /// order. A sparse `x` is never densified (its kernel values are the
    /// dense ones bit for bit), except as a precomputed kernel matrix.
    pub(crate) fn map_kernel_chunks<F: Float, T: Send>(
        &self,
        (estimator, n_features_in, n_jobs): (&'static str, usize, Option<usize>),
        x: MatrixView<'_, F>,
        chunk_rows: usize,
        f: impl Fn(Array2<f64>) -> T + Sync + Send,
    ) -> Result<Vec<T>> {
        check_matrix_predict_input(estimator, n_features_in, x)?;
        if let (MatrixView::Sparse(_), ResolvedKernel::Precomputed) = (x, self.kernel) {
            return x.with_dense(|dense| {
                self.map_kernel_chunks((estimator, n_features_in, n_jobs), dense.into(), chunk_rows, f)
            });
        }
        let n_rows = x.nrows();
        with_n_jobs_rows(n_jobs, n_rows, chunk_rows, || {
            map_row_ranges(n_rows, chunk_rows, |range| {
                f(match x {
                    MatrixView::Dense(dense) => kernel_block(
                        self.kernel,
                        self.support,
                        self.columns.of(self.vectors),
                        self.norms,
                        dense.slice(s![range, ..]),
                    ),
                    MatrixView::Sparse(sparse) => sparse_kernel_block(
                        self.kernel,
                        self.columns.sparse_of(self.vectors),
                        self.norms,
                        sparse,
                        range,
                    ),
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// The parallel copy over blocks of rows: several blocks and a partial
    /// one, an `f32` input in a transposed (column-major) view, each row and
    /// its norm where the serial copy put them.
    #[test]
    fn training_data_copies_rows_and_norms_across_blocks_and_layouts() {
        let n = 2 * COPY_BLOCK_ROWS + 37;
        let stored = Array2::from_shape_fn((3, n), |(j, i)| ((i * 7 + j * 13) % 11) as f32 - 5.0);
        let x = stored.t();
        let training = TrainingData::new("test", x, &Kernel::Linear).unwrap();
        let expected: Vec<f64> = x.iter().map(|&v| v as f64).collect();
        assert_eq!(training.data, expected);
        let norms: Vec<f64> = expected
            .chunks_exact(3)
            .map(|r| r.iter().map(|v| v * v).sum())
            .collect();
        assert_eq!(training.norms, norms);
    }
}
