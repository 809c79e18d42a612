//! Kernel functions: [`Kernel`], [`Gamma`], and the evaluation of kernel rows
//! on training data held once in `f64`.

use super::cache::CacheValue;
use crate::error::Result;
use crate::sparse::scattered_dot;
use crate::validation::{check_param, check_positive};
use rayon::prelude::*;

/// The RBF, polynomial and sigmoid kernels' `gamma` (scikit-learn's `gamma`).
///
/// # Example
/// ```
/// use learnkit::svm::Gamma;
/// assert_eq!(Gamma::default(), Gamma::Scale);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Gamma {
    /// `1 / (n_features · Var(X))`, the variance over every entry of `X`
    /// (scikit-learn's `"scale"`, its default); 1 when `X` is constant.
    #[default]
    Scale,
    /// `1 / n_features` (scikit-learn's `"auto"`).
    Auto,
    /// A fixed value, finite and > 0.
    Value(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))] f64),
}

from_values!(Gamma in "learnkit::svm" { f64 => Value = 0.1; });

/// A kernel `K(x, z)`, as scikit-learn's `kernel` with its parameters.
///
/// # Example
/// ```
/// use learnkit::svm::{Gamma, Kernel};
/// let k = Kernel::Poly { degree: 3, gamma: Gamma::Auto, coef0: 1.0 };
/// assert_ne!(k, Kernel::default());
/// assert_eq!(Kernel::default(), Kernel::Rbf { gamma: Gamma::Scale });
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Kernel {
    /// `x · z`.
    Linear,
    /// `(gamma · x · z + coef0)^degree`.
    Poly {
        /// The degree, ≥ 1 (scikit-learn's default 3).
        degree: u32,
        /// The scale of the dot product.
        gamma: Gamma,
        /// The constant term (scikit-learn's default 0).
        #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
        coef0: f64,
    },
    /// `exp(−gamma · ‖x − z‖²)` (the default).
    Rbf {
        /// The inverse width.
        gamma: Gamma,
    },
    /// `tanh(gamma · x · z + coef0)`.
    Sigmoid {
        /// The scale of the dot product.
        gamma: Gamma,
        /// The constant term.
        #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
        coef0: f64,
    },
    /// `X` is itself the kernel matrix: `n_samples × n_samples` in `fit`,
    /// `n_test × n_train` in prediction (scikit-learn's `"precomputed"`).
    Precomputed,
}

impl Default for Kernel {
    fn default() -> Self {
        Kernel::Rbf { gamma: Gamma::Scale }
    }
}

impl Kernel {
    /// The kernel's `gamma`, if it has one.
    fn gamma(&self) -> Option<Gamma> {
        match *self {
            Kernel::Poly { gamma, .. } | Kernel::Rbf { gamma } | Kernel::Sigmoid { gamma, .. } => Some(gamma),
            Kernel::Linear | Kernel::Precomputed => None,
        }
    }

    /// Checks the kernel's parameters on behalf of `estimator`.
    pub(crate) fn validate(&self, estimator: &'static str) -> Result<()> {
        if let Some(Gamma::Value(g)) = self.gamma() {
            check_positive(estimator, "gamma", g)?;
        }
        match *self {
            Kernel::Poly { degree, coef0, .. } => {
                check_param(estimator, "degree", degree, ">= 1", |d| d >= 1)?;
                check_param(estimator, "coef0", coef0, "finite", f64::is_finite)
            }
            Kernel::Sigmoid { coef0, .. } => check_param(estimator, "coef0", coef0, "finite", f64::is_finite),
            _ => Ok(()),
        }
    }

    /// Whether `resolved` is what [`resolve`](Self::resolve) gives for this
    /// kernel on data of `n_features` columns: the same kind, degree and
    /// `coef0`, and the same `gamma` unless it is `Scale` (which depends on
    /// the data: then any number ≥ 0). A loaded model checks it.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
    pub(crate) fn resolves_to(&self, resolved: ResolvedKernel, n_features: usize) -> bool {
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits();
        let gamma_ok = |g: Gamma, value: f64| match g {
            Gamma::Value(v) => same(v, value),
            Gamma::Auto => same(1.0 / n_features as f64, value),
            Gamma::Scale => value >= 0.0,
        };
        match (*self, resolved) {
            (Kernel::Linear, ResolvedKernel::Linear) | (Kernel::Precomputed, ResolvedKernel::Precomputed) => true,
            (
                Kernel::Poly { degree, gamma, coef0 },
                ResolvedKernel::Poly {
                    degree: d,
                    gamma: value,
                    coef0: c,
                },
            ) => degree == d && same(coef0, c) && gamma_ok(gamma, value),
            (Kernel::Rbf { gamma }, ResolvedKernel::Rbf { gamma: value }) => gamma_ok(gamma, value),
            (Kernel::Sigmoid { gamma, coef0 }, ResolvedKernel::Sigmoid { gamma: value, coef0: c }) => {
                same(coef0, c) && gamma_ok(gamma, value)
            }
            _ => false,
        }
    }

    /// The concrete kernel for data `x` (row-major, `n_features` columns):
    /// `Scale`/`Auto` resolved to a number.
    pub(crate) fn resolve(&self, x: &[f64], n_features: usize) -> ResolvedKernel {
        self.resolve_stored(x, x.len(), n_features)
    }

    /// [`Kernel::resolve`] for data of `n_entries` entries of which only `x`
    /// are stored, the others zeros (a sparse matrix's stored values): the
    /// variance of `Gamma::Scale` counts the zeros without materialising
    /// them, and equals the dense one bit for bit when nothing is left out.
    pub(crate) fn resolve_stored(&self, x: &[f64], n_entries: usize, n_features: usize) -> ResolvedKernel {
        let zeros = n_entries.saturating_sub(x.len()) as f64;
        let gamma = |g: Gamma| match g {
            Gamma::Value(v) => v,
            Gamma::Auto => 1.0 / n_features as f64,
            Gamma::Scale => {
                // Two-pass variance over every entry, as numpy's X.var();
                // each implicit zero is `mean` away from the mean.
                let variance = |scale: f64| {
                    let n = n_entries as f64;
                    let mean = x.iter().map(|v| v * scale).sum::<f64>() / n;
                    (x.iter().map(|v| (v * scale - mean) * (v * scale - mean)).sum::<f64>() + zeros * (mean * mean)) / n
                };
                let mut var = variance(1.0);
                if !var.is_finite() {
                    // The squares overflow (entries beyond ~1e154): the same
                    // variance, computed on the entries divided by a power of
                    // two near the largest (exact) and multiplied back.
                    let largest = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
                    let scale = 2f64.powi(-largest.log2().ceil() as i32);
                    var = variance(scale) / (scale * scale);
                }
                if var > 0.0 {
                    1.0 / (n_features as f64 * var)
                } else {
                    1.0
                }
            }
        };
        match *self {
            Kernel::Linear => ResolvedKernel::Linear,
            Kernel::Poly {
                degree,
                gamma: g,
                coef0,
            } => ResolvedKernel::Poly {
                degree,
                gamma: gamma(g),
                coef0,
            },
            Kernel::Rbf { gamma: g } => ResolvedKernel::Rbf { gamma: gamma(g) },
            Kernel::Sigmoid { gamma: g, coef0 } => ResolvedKernel::Sigmoid { gamma: gamma(g), coef0 },
            Kernel::Precomputed => ResolvedKernel::Precomputed,
        }
    }
}

/// A kernel with its `gamma` as a number: what a fitted model keeps.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) enum ResolvedKernel {
    Linear,
    Poly {
        degree: u32,
        #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
        gamma: f64,
        #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
        coef0: f64,
    },
    Rbf {
        #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
        gamma: f64,
    },
    Sigmoid {
        #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
        gamma: f64,
        #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
        coef0: f64,
    },
    Precomputed,
}

impl ResolvedKernel {
    /// The kernel with its `gamma` as a fixed value (for the ONNX export,
    /// which writes the numbers).
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn as_kernel(self) -> Kernel {
        match self {
            ResolvedKernel::Linear => Kernel::Linear,
            ResolvedKernel::Poly { degree, gamma, coef0 } => Kernel::Poly {
                degree,
                gamma: Gamma::Value(gamma),
                coef0,
            },
            ResolvedKernel::Rbf { gamma } => Kernel::Rbf {
                gamma: Gamma::Value(gamma),
            },
            ResolvedKernel::Sigmoid { gamma, coef0 } => Kernel::Sigmoid {
                gamma: Gamma::Value(gamma),
                coef0,
            },
            ResolvedKernel::Precomputed => Kernel::Precomputed,
        }
    }

    /// [`ResolvedKernel::apply`] over a slice: `values` holds the dot
    /// products of `x` with each `z`, `norms_z` the squared norms of those
    /// `z`; the RBF's exponentials are computed together (vectorised).
    pub(crate) fn apply_in_place(&self, values: &mut [f64], norm_x: f64, norms_z: impl Iterator<Item = f64>) {
        match *self {
            ResolvedKernel::Rbf { gamma } => {
                for (v, nz) in values.iter_mut().zip(norms_z) {
                    *v = -gamma * (norm_x + nz - 2.0 * *v);
                }
                exp_in_place(values);
            }
            _ => values.iter_mut().for_each(|v| *v = self.apply(*v, 0.0, 0.0)),
        }
    }

    /// `K` from the dot product `x · z` and the squared norms of `x` and `z`.
    #[inline]
    pub(crate) fn apply(&self, dot: f64, norm_x: f64, norm_z: f64) -> f64 {
        match *self {
            ResolvedKernel::Linear | ResolvedKernel::Precomputed => dot,
            ResolvedKernel::Poly { degree, gamma, coef0 } => (gamma * dot + coef0).powi(degree as i32),
            // libsvm's form: ‖x‖² + ‖z‖² − 2 x·z, so only dot products are computed.
            ResolvedKernel::Rbf { gamma } => {
                let mut v = [-gamma * (norm_x + norm_z - 2.0 * dot)];
                exp_in_place(&mut v);
                v[0]
            }
            ResolvedKernel::Sigmoid { gamma, coef0 } => (gamma * dot + coef0).tanh(),
        }
    }
}

/// `e^x` for a slice, branch-free so that it vectorises: `x = n ln 2 + r`
/// with `|r| ≤ ln 2 / 2`, `e^r` by its Taylor polynomial of degree 13
/// (relative error below 1e-15), `2^n` built in the exponent bits. Below
/// −708 (where `e^x` is subnormal) the result is 0.
pub(crate) fn exp_in_place(values: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above).
        unsafe { exp_avx2(values) };
        return;
    }
    exp_body(values);
}

/// [`exp_body`] compiled for AVX2 (4-wide vectors). Without FMA, so every
/// operation rounds as in the baseline build: bit-identical results.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn exp_avx2(values: &mut [f64]) {
    exp_body(values);
}

#[inline(always)]
fn exp_body(values: &mut [f64]) {
    const LOG2E: f64 = std::f64::consts::LOG2_E;
    // ln 2 split in two (fdlibm's constants) so that n · LN2_HI is exact.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    // 1.5 · 2^52: adding it rounds to an integer held in the low bits.
    const SHIFTER: f64 = 6_755_399_441_055_744.0;
    for v in values.iter_mut() {
        let x = v.clamp(-708.0, 709.0);
        let t = x * LOG2E + SHIFTER;
        let n = t - SHIFTER;
        let r = (x - n * LN2_HI) - n * LN2_LO;
        let mut p = 1.0 / 6_227_020_800.0;
        p = p * r + 1.0 / 479_001_600.0;
        p = p * r + 1.0 / 39_916_800.0;
        p = p * r + 1.0 / 3_628_800.0;
        p = p * r + 1.0 / 362_880.0;
        p = p * r + 1.0 / 40_320.0;
        p = p * r + 1.0 / 5_040.0;
        p = p * r + 1.0 / 720.0;
        p = p * r + 1.0 / 120.0;
        p = p * r + 1.0 / 24.0;
        p = p * r + 1.0 / 6.0;
        p = p * r + 0.5;
        p = p * r + 1.0;
        p = p * r + 1.0;
        let k = (t.to_bits() as i64).wrapping_sub(SHIFTER.to_bits() as i64);
        let scale = f64::from_bits(((k + 1023) << 52) as u64);
        let e = p * scale;
        *v = if *v < -708.0 { 0.0 } else { e };
    }
}

/// The non-zero entries of `x` with their positions. Adding `c · v = ±0`
/// never changes a sum that starts at +0, so a dot product over these alone
/// is exact, and on sparse data (MNIST's pixels are 80 % zeros) it skips most
/// of the work, as libsvm's sparse rows do.
pub(crate) fn nonzero(x: &[f64]) -> Vec<(usize, f64)> {
    x.iter().copied().enumerate().filter(|&(_, c)| c != 0.0).collect()
}

/// `piece[p] = Σ_k x[k] · cols[k · l + start + p]` for the row `x` given by
/// its [`nonzero`] entries, summed in feature order, on AVX2 when the CPU
/// has it (bit-identical either way).
pub(crate) fn dots_from_nonzero(piece: &mut [f64], nonzero: &[(usize, f64)], cols: &[f64], l: usize, start: usize) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above).
        unsafe { dots_avx2(piece, nonzero, cols, l, start) };
        return;
    }
    dots_body(piece, nonzero, cols, l, start);
}

/// [`dots_body`] compiled for AVX2, without FMA (same rounding).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn dots_avx2(piece: &mut [f64], nonzero: &[(usize, f64)], cols: &[f64], l: usize, start: usize) {
    dots_body(piece, nonzero, cols, l, start);
}

#[inline(always)]
fn dots_body(piece: &mut [f64], nonzero: &[(usize, f64)], cols: &[f64], l: usize, start: usize) {
    piece.fill(0.0);
    let len = piece.len();
    let col = |k: usize| &cols[k * l + start..k * l + start + len];
    // Four features per pass over `piece` (a quarter of the loads and stores
    // of `piece`); each entry still adds its products in feature order.
    let mut chunks = nonzero.chunks_exact(4);
    for four in &mut chunks {
        let [(k0, c0), (k1, c1), (k2, c2), (k3, c3)] = [four[0], four[1], four[2], four[3]];
        let (v0, v1, v2, v3) = (col(k0), col(k1), col(k2), col(k3));
        for (p, o) in piece.iter_mut().enumerate() {
            *o = (((*o + c0 * v0[p]) + c1 * v1[p]) + c2 * v2[p]) + c3 * v3[p];
        }
    }
    for &(k, c) in chunks.remainder() {
        for (o, &v) in piece.iter_mut().zip(col(k)) {
            *o += c * v;
        }
    }
}

/// `rows` (each of `d` values) transposed: `d × n`, column `k` holding
/// feature `k` of every row, so that a kernel row against all of them is a
/// sum of contiguous, vectorised `axpy`s ([`dots_from_nonzero`]).
pub(crate) fn transpose<'r>(rows: impl ExactSizeIterator<Item = &'r [f64]>, d: usize) -> Vec<f64> {
    let n = rows.len();
    let mut cols = vec![0.0; n * d];
    for (p, row) in rows.enumerate() {
        for (k, &v) in row.iter().enumerate() {
            cols[k * n + p] = v;
        }
    }
    cols
}

/// Dot product of two equal-length slices with eight independent partial
/// sums, so that the loop vectorises; the summation order depends only on the
/// length, so the result is the same on any thread.
#[inline(always)]
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    debug_assert_eq!(a.len(), b.len());
    let mut acc = [0.0f64; 8];
    let chunks = a.len() / 8;
    for c in 0..chunks {
        let (pa, pb) = (&a[c * 8..c * 8 + 8], &b[c * 8..c * 8 + 8]);
        for k in 0..8 {
            acc[k] += pa[k] * pb[k];
        }
    }
    let mut tail = 0.0;
    for k in chunks * 8..a.len() {
        tail += a[k] * b[k];
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// [`dot`] of two sparse rows of `d` columns (sorted indices and their
/// values), bit for bit: each product goes to the partial sum [`dot`] gives
/// its column, and the columns only one row stores would add zeros, which
/// change no sum. So a sparse fit's kernel diagonal and squared norms are
/// those of the dense fit of the same data.
pub(crate) fn dot_sparse(a: (&[u32], &[f64]), b: (&[u32], &[f64]), d: usize) -> f64 {
    let lanes = (d / 8 * 8) as u32;
    let mut acc = [0.0f64; 8];
    let mut tail = 0.0;
    let (mut p, mut q) = (0, 0);
    while p < a.0.len() && q < b.0.len() {
        let (i, j) = (a.0[p], b.0[q]);
        if i == j {
            let product = a.1[p] * b.1[q];
            if i < lanes {
                acc[(i % 8) as usize] += product;
            } else {
                tail += product;
            }
            p += 1;
            q += 1;
        } else if i < j {
            p += 1;
        } else {
            q += 1;
        }
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// Kernel rows longer than this are computed in parallel.
const PARALLEL_ROW: usize = 2048;
/// Entries per parallel piece of a long row (fixed: the values do not depend
/// on the split anyway, each entry being computed on its own).
const ROW_PIECE: usize = 512;

/// The structure of sparse training rows (CSR): row `i` stores the columns
/// `indices[indptr[i]..indptr[i + 1]]`, its values at the same positions of
/// [`KernelData::data`].
#[derive(Clone, Copy)]
pub(crate) struct SparseIndex<'a> {
    pub(crate) indptr: &'a [usize],
    pub(crate) indices: &'a [u32],
}

/// Training rows in `f64` (row-major, one copy: the solver reads them in
/// random order many times) with their squared norms, or a precomputed
/// kernel matrix; or sparse rows (libsvm's sparse representation), whose
/// kernel rows are computed from the stored values only.
pub(crate) struct KernelData<'a> {
    /// Row-major data: `n × d` features, or the `n × n` kernel matrix; with
    /// `sparse`, the stored values of the rows one after another.
    pub(crate) data: &'a [f64],
    /// Columns of `data` (features).
    pub(crate) d: usize,
    /// Squared norms of the rows (unused by a precomputed kernel).
    pub(crate) norms: &'a [f64],
    pub(crate) kernel: ResolvedKernel,
    /// Set when the rows are sparse.
    pub(crate) sparse: Option<SparseIndex<'a>>,
}

impl KernelData<'_> {
    #[inline]
    fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.d..(i + 1) * self.d]
    }

    /// Sparse row `i`: its columns and values.
    #[inline]
    fn sparse_row<'s>(&'s self, sparse: &SparseIndex<'s>, i: usize) -> (&'s [u32], &'s [f64]) {
        let range = sparse.indptr[i]..sparse.indptr[i + 1];
        (&sparse.indices[range.clone()], &self.data[range])
    }

    /// `K(x_a, x_b)` for two training rows.
    #[inline]
    pub(crate) fn eval(&self, a: usize, b: usize) -> f64 {
        if let ResolvedKernel::Precomputed = self.kernel {
            return self.data[a * self.d + b];
        }
        let dot = match &self.sparse {
            Some(sparse) => dot_sparse(self.sparse_row(sparse, a), self.sparse_row(sparse, b), self.d),
            None => dot(self.row(a), self.row(b)),
        };
        self.kernel.apply(dot, self.norms[a], self.norms[b])
    }

    /// The rows `rows` transposed (`d × rows.len()`, column `k` holding
    /// feature `k` of every variable), so that a kernel row is a sum of `d`
    /// contiguous, vectorised `axpy`s; empty for a precomputed kernel and
    /// for sparse rows (whose kernel rows [`KernelData::fill_row`] computes
    /// from the stored values, as libsvm).
    pub(crate) fn columns(&self, rows: &[usize]) -> Vec<f64> {
        if matches!(self.kernel, ResolvedKernel::Precomputed) || self.sparse.is_some() {
            return Vec::new();
        }
        transpose(rows.iter().map(|&r| self.row(r)), self.d)
    }

    /// `out[p] = K(x_{rows[i]}, x_{rows[start + p]})` from the transposed
    /// rows `cols` (see [`KernelData::columns`]; `cols` covers all of
    /// `rows`), in parallel pieces when `parallel` and the row is long. Each
    /// entry sums its products in feature order, whatever the split.
    pub(crate) fn fill_row_from_columns(
        &self,
        cols: &[f64],
        rows: &[usize],
        i: usize,
        start: usize,
        out: &mut [CacheValue],
        parallel: bool,
    ) {
        let l = rows.len();
        let features = nonzero(self.row(rows[i]));
        let na = self.norms[rows[i]];
        let fill = |at: usize, piece: &mut [f64]| {
            dots_from_nonzero(piece, &features, cols, l, at);
            self.kernel
                .apply_in_place(piece, na, rows[at..at + piece.len()].iter().map(|&b| self.norms[b]));
        };
        in_pieces(out, start, parallel, fill);
    }

    /// `out[at(k)] = K(x_a, x_{rows[k]})` for the positions `k` in `targets`
    /// only (the active variables of a shrunk problem); the other entries of
    /// `out` are left as they are.
    pub(crate) fn fill_row_at(
        &self,
        rows: &[usize],
        a: usize,
        targets: &[usize],
        at: impl Fn(usize) -> usize,
        out: &mut [CacheValue],
        parallel: bool,
    ) {
        let gathered: Vec<usize> = targets.iter().map(|&k| rows[k]).collect();
        let mut values = vec![0.0; targets.len()];
        self.fill_row(&gathered, a, &mut values, parallel);
        for (&k, v) in targets.iter().zip(values) {
            out[at(k)] = v;
        }
    }

    /// `out[k] = K(x_a, x_{rows[k]})`: a kernel row over the samples `rows`
    /// (in parallel pieces when `parallel` and the row is long).
    pub(crate) fn fill_row(&self, rows: &[usize], a: usize, out: &mut [CacheValue], parallel: bool) {
        if let Some(sparse) = &self.sparse {
            return self.fill_sparse_row(sparse, rows, a, out, parallel);
        }
        let fill = |start: usize, piece: &mut [f64]| {
            let rows = &rows[start..start + piece.len()];
            if let ResolvedKernel::Precomputed = self.kernel {
                for (o, &b) in piece.iter_mut().zip(rows) {
                    *o = self.data[a * self.d + b];
                }
                return;
            }
            // Dot products first, then the kernel over the whole piece, so
            // that the exponential (most of an RBF row's cost) vectorises.
            let xa = self.row(a);
            for (o, &b) in piece.iter_mut().zip(rows) {
                *o = dot(xa, self.row(b));
            }
            self.kernel
                .apply_in_place(piece, self.norms[a], rows.iter().map(|&b| self.norms[b]));
        };
        in_pieces(out, 0, parallel, fill);
    }
}

impl KernelData<'_> {
    /// [`KernelData::fill_row`] for sparse rows: row `a` scattered once into
    /// a dense vector, then each dot product sums the other row's stored
    /// values in column order ([`scattered_dot`]): the value the dense fit's
    /// transposed rows give, bit for bit, at the cost of the stored values.
    fn fill_sparse_row(
        &self,
        sparse: &SparseIndex<'_>,
        rows: &[usize],
        a: usize,
        out: &mut [CacheValue],
        parallel: bool,
    ) {
        let mut xa = vec![0.0; self.d];
        let (indices, values) = self.sparse_row(sparse, a);
        for (&j, &v) in indices.iter().zip(values) {
            xa[j as usize] = v;
        }
        let fill = |start: usize, piece: &mut [f64]| {
            let rows = &rows[start..start + piece.len()];
            for (o, &b) in piece.iter_mut().zip(rows) {
                let (indices, values) = self.sparse_row(sparse, b);
                *o = scattered_dot(&xa, indices, values);
            }
            self.kernel
                .apply_in_place(piece, self.norms[a], rows.iter().map(|&b| self.norms[b]));
        };
        in_pieces(out, 0, parallel, fill);
    }
}

/// Fills `out` piece by piece: `fill(at, values)` computes the `f64` values
/// of the piece starting at `start + at`, which are stored rounded to the
/// cache's precision. Pieces are small enough that the values stay in L1
/// between their computation and the kernel applied to them; long rows are
/// split between rayon's threads when `parallel`.
fn in_pieces(out: &mut [CacheValue], start: usize, parallel: bool, fill: impl Fn(usize, &mut [f64]) + Sync) {
    let piece = |p: usize, part: &mut [CacheValue]| {
        let mut values = [0.0f64; ROW_PIECE];
        let values = &mut values[..part.len()];
        fill(start + p * ROW_PIECE, values);
        for (o, &v) in part.iter_mut().zip(values.iter()) {
            *o = v as CacheValue;
        }
    };
    if parallel && out.len() >= PARALLEL_ROW {
        out.par_chunks_mut(ROW_PIECE)
            .enumerate()
            .for_each(|(p, part)| piece(p, part));
    } else {
        for (p, part) in out.chunks_mut(ROW_PIECE).enumerate() {
            piece(p, part);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_matches_the_naive_sum_on_every_length() {
        for n in 0..40 {
            let a: Vec<f64> = (0..n).map(|i| i as f64 * 0.5).collect();
            let b: Vec<f64> = (0..n).map(|i| 1.0 - i as f64).collect();
            let naive: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - naive).abs() <= 1e-9 * naive.abs().max(1.0));
        }
    }

    #[test]
    fn exp_is_accurate_to_a_few_ulps() {
        let xs: Vec<f64> = (0..20_000)
            .map(|i| -720.0 + i as f64 * 0.0365)
            .chain([0.0, -1e-300, 1e-12, -708.0])
            .collect();
        let mut got = xs.clone();
        exp_in_place(&mut got);
        for (&x, &g) in xs.iter().zip(&got) {
            let want = if x < -708.0 { 0.0 } else { x.exp() };
            assert!(
                (g - want).abs() <= 4.0 * f64::EPSILON * want,
                "exp({x}) = {g}, want {want}"
            );
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_paths_are_bit_identical_to_the_baseline() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let xs: Vec<f64> = (0..1001).map(|i| -30.0 + i as f64 * 0.0311).collect();
        let (mut a, mut b) = (xs.clone(), xs.clone());
        exp_body(&mut a);
        // SAFETY: AVX2 was detected above.
        unsafe { exp_avx2(&mut b) };
        assert_eq!(a, b);
        let (l, d) = (37, 7);
        let cols: Vec<f64> = (0..l * d).map(|i| (i as f64 * 0.37).sin()).collect();
        let xa: Vec<f64> = (0..d).map(|k| k as f64 - 2.5).collect();
        let (mut p, mut q) = (vec![0.0; 30], vec![0.0; 30]);
        dots_body(&mut p, &nonzero(&xa), &cols, l, 5);
        // SAFETY: AVX2 was detected above.
        unsafe { dots_avx2(&mut q, &nonzero(&xa), &cols, l, 5) };
        assert_eq!(p, q);
        let naive: Vec<f64> = (0..30)
            .map(|p| (0..d).map(|k| xa[k] * cols[k * l + 5 + p]).sum())
            .collect();
        for (x, y) in p.iter().zip(&naive) {
            assert!((x - y).abs() < 1e-12);
        }
    }

    #[test]
    fn kernels_match_their_definitions() {
        let x = [1.0, 2.0];
        let z = [0.5, -1.0];
        let d = dot(&x, &z);
        let (nx, nz) = (dot(&x, &x), dot(&z, &z));
        let rbf = ResolvedKernel::Rbf { gamma: 0.3 }.apply(d, nx, nz);
        assert!((rbf - (-0.3f64 * (0.25 + 9.0)).exp()).abs() < 1e-12);
        let poly = ResolvedKernel::Poly {
            degree: 2,
            gamma: 0.5,
            coef0: 1.0,
        }
        .apply(d, nx, nz);
        assert!((poly - (0.5 * -1.5 + 1.0f64).powi(2)).abs() < 1e-12);
        let sig = ResolvedKernel::Sigmoid { gamma: 0.5, coef0: 0.1 }.apply(d, nx, nz);
        assert!((sig - (0.5 * -1.5 + 0.1f64).tanh()).abs() < 1e-12);
    }

    #[test]
    fn gamma_scale_uses_the_variance_of_every_entry() {
        let x = [0.0, 2.0, 4.0, 6.0]; // 2 rows × 2 features, variance 5
        let k = Kernel::default().resolve(&x, 2);
        assert_eq!(k, ResolvedKernel::Rbf { gamma: 1.0 / 10.0 });
        let constant = Kernel::default().resolve(&[1.0; 4], 2);
        assert_eq!(constant, ResolvedKernel::Rbf { gamma: 1.0 });
        assert_eq!(
            Kernel::Rbf { gamma: Gamma::Auto }.resolve(&x, 2),
            ResolvedKernel::Rbf { gamma: 0.5 }
        );
    }
}
