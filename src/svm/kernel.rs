//! Kernel functions: [`Kernel`], [`Gamma`], and the evaluation of kernel rows
//! on training data held once in `f64`.

use crate::error::Result;
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
pub enum Gamma {
    /// `1 / (n_features · Var(X))`, the variance over every entry of `X`
    /// (scikit-learn's `"scale"`, its default); 1 when `X` is constant.
    #[default]
    Scale,
    /// `1 / n_features` (scikit-learn's `"auto"`).
    Auto,
    /// A fixed value, finite and > 0.
    Value(f64),
}

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

    /// The concrete kernel for data `x` (row-major, `n_features` columns):
    /// `Scale`/`Auto` resolved to a number.
    pub(crate) fn resolve(&self, x: &[f64], n_features: usize) -> ResolvedKernel {
        let gamma = |g: Gamma| match g {
            Gamma::Value(v) => v,
            Gamma::Auto => 1.0 / n_features as f64,
            Gamma::Scale => {
                // Two-pass variance over every entry, as numpy's X.var().
                let n = x.len() as f64;
                let mean = x.iter().sum::<f64>() / n;
                let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
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
    Poly { degree: u32, gamma: f64, coef0: f64 },
    Rbf { gamma: f64 },
    Sigmoid { gamma: f64, coef0: f64 },
    Precomputed,
}

impl ResolvedKernel {
    /// `K` from the dot product `x · z` and the squared norms of `x` and `z`.
    #[inline]
    pub(crate) fn apply(&self, dot: f64, norm_x: f64, norm_z: f64) -> f64 {
        match *self {
            ResolvedKernel::Linear | ResolvedKernel::Precomputed => dot,
            ResolvedKernel::Poly { degree, gamma, coef0 } => (gamma * dot + coef0).powi(degree as i32),
            // libsvm's form: ‖x‖² + ‖z‖² − 2 x·z, so only dot products are computed.
            ResolvedKernel::Rbf { gamma } => (-gamma * (norm_x + norm_z - 2.0 * dot)).exp(),
            ResolvedKernel::Sigmoid { gamma, coef0 } => (gamma * dot + coef0).tanh(),
        }
    }
}

/// Dot product of two equal-length slices with eight independent partial
/// sums, so that the loop vectorises; the summation order depends only on the
/// length, so the result is the same on any thread.
#[inline]
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

/// Kernel rows longer than this are computed in parallel.
const PARALLEL_ROW: usize = 2048;
/// Entries per parallel piece of a long row (fixed: the values do not depend
/// on the split anyway, each entry being computed on its own).
const ROW_PIECE: usize = 512;

/// Training rows in `f64` (row-major, one copy: the solver reads them in
/// random order many times) with their squared norms, or a precomputed
/// kernel matrix.
pub(crate) struct KernelData<'a> {
    /// Row-major data: `n × d` features, or the `n × n` kernel matrix.
    pub(crate) data: &'a [f64],
    /// Columns of `data`.
    pub(crate) d: usize,
    /// Squared norms of the rows (unused by a precomputed kernel).
    pub(crate) norms: &'a [f64],
    pub(crate) kernel: ResolvedKernel,
}

impl KernelData<'_> {
    #[inline]
    fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.d..(i + 1) * self.d]
    }

    /// `K(x_a, x_b)` for two training rows.
    #[inline]
    pub(crate) fn eval(&self, a: usize, b: usize) -> f64 {
        if let ResolvedKernel::Precomputed = self.kernel {
            return self.data[a * self.d + b];
        }
        self.kernel
            .apply(dot(self.row(a), self.row(b)), self.norms[a], self.norms[b])
    }

    /// `out[k] = K(x_{rows[i]}, x_{rows[k]})`: one kernel row of the
    /// sub-problem whose samples are `rows` (in parallel when long).
    pub(crate) fn fill_row(&self, rows: &[usize], i: usize, out: &mut [f64]) {
        let a = rows[i];
        let fill = |start: usize, piece: &mut [f64]| {
            for (o, &b) in piece.iter_mut().zip(&rows[start..]) {
                *o = self.eval(a, b);
            }
        };
        if out.len() >= PARALLEL_ROW {
            out.par_chunks_mut(ROW_PIECE)
                .enumerate()
                .for_each(|(p, piece)| fill(p * ROW_PIECE, piece));
        } else {
            fill(0, out);
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
