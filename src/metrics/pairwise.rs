//! Distances between rows ([`Metric`], [`pairwise_distances`]), shared by
//! the neighbour searches, the clustering estimators and their metrics, as
//! `sklearn.metrics.pairwise`.
//!
//! Euclidean distances go through a GEMM (`‖x‖² − 2 x·y + ‖y‖²`, clamped at
//! zero, as scikit-learn's `euclidean_distances`); the other metrics are
//! computed row pair by row pair. Both run over fixed row blocks in
//! parallel, so the result does not depend on the number of threads.

use crate::alloc::try_zeros;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::linalg::matmul;
use crate::validation::check_array;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut2, Axis, Zip};
use rayon::prelude::*;

/// Rows per parallel block of [`pairwise_distances`]: small enough that a
/// block of the output and its GEMM operands stay in cache-sized pieces.
const BLOCK_ROWS: usize = 256;

/// A distance between two rows, with scikit-learn's names.
///
/// `Minkowski(2.0)` is the Euclidean distance and `Minkowski(1.0)` the
/// Manhattan one (scikit-learn's neighbour estimators default to
/// `metric="minkowski", p=2`). `Cosine` is `1 − cos(x, y)`; it is not a
/// metric (no triangle inequality), so tree searches cannot use it.
///
/// # Example
/// ```
/// use learnkit::metrics::Metric;
/// use ndarray::array;
/// let (a, b) = (array![0.0, 0.0], array![3.0, 4.0]);
/// assert_eq!(Metric::Euclidean.distance(a.view(), b.view()), 5.0);
/// assert_eq!(Metric::Manhattan.distance(a.view(), b.view()), 7.0);
/// assert_eq!(Metric::Chebyshev.distance(a.view(), b.view()), 4.0);
/// assert!((Metric::Minkowski(3.0).distance(a.view(), b.view()) - 91f64.cbrt()).abs() < 1e-12);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Metric {
    /// `sqrt(Σ (x − y)²)`.
    #[default]
    Euclidean,
    /// `Σ |x − y|` (scikit-learn's "manhattan", "cityblock", "l1").
    Manhattan,
    /// `max |x − y|` (scikit-learn's "chebyshev", "infinity").
    Chebyshev,
    /// `(Σ |x − y|^p)^(1/p)` for a finite `p ≥ 1`.
    Minkowski(f64),
    /// `1 − x·y / (‖x‖ ‖y‖)`; a row of zeros has cosine distance 1 to every
    /// other row (as scikit-learn, which leaves zero rows unnormalised).
    Cosine,
}

impl Metric {
    /// Checks the metric's parameter: Minkowski's `p` must be finite and at
    /// least 1 (below 1 it is not a metric).
    ///
    /// # Example
    /// ```
    /// use learnkit::metrics::Metric;
    /// assert!(Metric::Minkowski(1.5).check("NearestNeighbors").is_ok());
    /// assert!(Metric::Minkowski(0.5).check("NearestNeighbors").is_err());
    /// ```
    pub fn check(&self, context: &'static str) -> Result<()> {
        match *self {
            Metric::Minkowski(p) if !(p.is_finite() && p >= 1.0) => {
                Err(Error::invalid_parameter(context, "p", "a finite number >= 1", p))
            }
            _ => Ok(()),
        }
    }

    /// The metric with Minkowski's special cases named: `p = 1` is
    /// Manhattan and `p = 2` Euclidean (which take faster paths).
    ///
    /// # Example
    /// ```
    /// use learnkit::metrics::Metric;
    /// assert_eq!(Metric::Minkowski(2.0).canonical(), Metric::Euclidean);
    /// assert_eq!(Metric::Minkowski(3.0).canonical(), Metric::Minkowski(3.0));
    /// ```
    pub fn canonical(self) -> Metric {
        match self {
            Metric::Minkowski(1.0) => Metric::Manhattan,
            Metric::Minkowski(2.0) => Metric::Euclidean,
            other => other,
        }
    }

    /// Whether the metric satisfies the triangle inequality, which tree
    /// searches (k-d and ball trees) rely on; only [`Metric::Cosine`] does not.
    ///
    /// # Example
    /// ```
    /// use learnkit::metrics::Metric;
    /// assert!(Metric::Manhattan.is_true_metric());
    /// assert!(!Metric::Cosine.is_true_metric());
    /// ```
    pub fn is_true_metric(&self) -> bool {
        !matches!(self, Metric::Cosine)
    }

    /// The distance between two rows of equal length.
    ///
    /// # Example
    /// ```
    /// use learnkit::metrics::Metric;
    /// use ndarray::array;
    /// let d = Metric::Cosine.distance(array![1.0, 0.0].view(), array![0.0, 2.0].view());
    /// assert_eq!(d, 1.0);
    /// ```
    pub fn distance<F: Float>(&self, a: ArrayView1<'_, F>, b: ArrayView1<'_, F>) -> F {
        match self.canonical() {
            Metric::Cosine => {
                let (mut ab, mut aa, mut bb) = (F::zero(), F::zero(), F::zero());
                Zip::from(&a).and(&b).for_each(|&x, &y| {
                    ab += x * y;
                    aa += x * x;
                    bb += y * y;
                });
                cosine_from_parts(ab, aa.sqrt(), bb.sqrt())
            }
            metric => metric.from_reduced(metric.reduced_distance(a, b)),
        }
    }

    /// The "reduced" distance that orders pairs as the distance does but is
    /// cheaper: the squared distance for Euclidean, `Σ |x − y|^p` for
    /// Minkowski, the distance itself otherwise (scikit-learn's `rdist`).
    /// Tree searches compare reduced distances and convert at the end.
    ///
    /// # Example
    /// ```
    /// use learnkit::metrics::Metric;
    /// use ndarray::array;
    /// let r = Metric::Euclidean.reduced_distance(array![0.0, 0.0].view(), array![3.0, 4.0].view());
    /// assert_eq!(r, 25.0);
    /// assert_eq!(Metric::Euclidean.from_reduced(r), 5.0);
    /// ```
    pub fn reduced_distance<F: Float>(&self, a: ArrayView1<'_, F>, b: ArrayView1<'_, F>) -> F {
        match (a.as_slice(), b.as_slice()) {
            (Some(a), Some(b)) => self.reduced_distance_slices(a, b),
            _ => {
                let (a, b) = (a.to_vec(), b.to_vec());
                self.reduced_distance_slices(&a, &b)
            }
        }
    }

    /// [`Metric::reduced_distance`] on contiguous rows: the inner loop of the
    /// tree searches and of the non-Euclidean [`pairwise_distances`].
    pub(crate) fn reduced_distance_slices<F: Float>(&self, a: &[F], b: &[F]) -> F {
        debug_assert_eq!(a.len(), b.len());
        let pairs = a.iter().zip(b);
        match self.canonical() {
            Metric::Euclidean => pairs.map(|(&x, &y)| (x - y) * (x - y)).sum(),
            Metric::Manhattan => pairs.map(|(&x, &y)| (x - y).abs()).sum(),
            Metric::Chebyshev => pairs.fold(F::zero(), |m, (&x, &y)| m.max((x - y).abs())),
            Metric::Minkowski(p) => {
                let p = F::cast(p);
                pairs.map(|(&x, &y)| (x - y).abs().powf(p)).sum()
            }
            Metric::Cosine => {
                let a = ArrayView1::from(a);
                Metric::Cosine.distance(a, ArrayView1::from(b))
            }
        }
    }

    /// Converts a reduced distance to the distance.
    ///
    /// # Example
    /// ```
    /// use learnkit::metrics::Metric;
    /// assert_eq!(Metric::Minkowski(3.0).from_reduced(27.0f64), 3.0);
    /// ```
    pub fn from_reduced<F: Float>(&self, reduced: F) -> F {
        match self.canonical() {
            Metric::Euclidean => reduced.sqrt(),
            Metric::Minkowski(p) => reduced.powf(F::cast(1.0 / p)),
            _ => reduced,
        }
    }

    /// Converts a distance to the reduced distance (for a search radius).
    ///
    /// # Example
    /// ```
    /// use learnkit::metrics::Metric;
    /// assert_eq!(Metric::Euclidean.to_reduced(3.0f64), 9.0);
    /// ```
    pub fn to_reduced<F: Float>(&self, distance: F) -> F {
        match self.canonical() {
            Metric::Euclidean => distance * distance,
            Metric::Minkowski(p) => distance.powf(F::cast(p)),
            _ => distance,
        }
    }
}

/// `1 − ab / (‖a‖ ‖b‖)` clipped to `[0, 2]`; a zero norm counts as 1, so a
/// zero row is at distance 1 from everything (scikit-learn's convention).
pub(crate) fn cosine_from_parts<F: Float>(ab: F, norm_a: F, norm_b: F) -> F {
    let norm = |n: F| if n == F::zero() { F::one() } else { n };
    (F::one() - ab / (norm(norm_a) * norm(norm_b)))
        .max(F::zero())
        .min(F::cast(2.0))
}

/// The distances between every row of `x` and every row of `y` (`y = None`:
/// `x` with itself, with an exact zero diagonal), as
/// `sklearn.metrics.pairwise_distances`.
///
/// # Errors
/// Empty or non-finite inputs, `x` and `y` with different numbers of
/// columns ([`Error::ShapeMismatch`]), a bad [`Metric`] parameter, and an
/// output too large to allocate ([`Error::TooLarge`]).
///
/// # Example
/// ```
/// use learnkit::metrics::{pairwise_distances, Metric};
/// use ndarray::array;
/// let x = array![[0.0, 0.0], [3.0, 4.0]];
/// let d = pairwise_distances(x.view(), None, Metric::Euclidean)?;
/// assert_eq!(d, array![[0.0, 5.0], [5.0, 0.0]]);
/// let y = array![[0.0, 1.0]];
/// let d = pairwise_distances(x.view(), Some(y.view()), Metric::Manhattan)?;
/// assert_eq!(d, array![[1.0], [6.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn pairwise_distances<F: Float>(
    x: ArrayView2<'_, F>,
    y: Option<ArrayView2<'_, F>>,
    metric: Metric,
) -> Result<Array2<F>> {
    const CONTEXT: &str = "pairwise_distances";
    metric.check(CONTEXT)?;
    check_array(CONTEXT, x)?;
    if let Some(y) = y {
        check_array(CONTEXT, y)?;
        if y.ncols() != x.ncols() {
            return Err(Error::ShapeMismatch {
                context: CONTEXT.into(),
                what: "columns of Y (X's columns expected)",
                expected: x.ncols(),
                got: y.ncols(),
            });
        }
    }
    let same = y.is_none();
    let y = y.unwrap_or(x);
    let mut out = try_zeros(
        CONTEXT,
        || format!("a {} × {} distance matrix", x.nrows(), y.nrows()),
        (x.nrows(), y.nrows()),
    )?;
    distances_into(out.view_mut(), x, y, metric);
    if same {
        out.diag_mut().fill(F::zero());
    }
    Ok(out)
}

/// Fills `out` (`x.nrows() × y.nrows()`) with the distances between the rows
/// of `x` and `y`, in parallel over fixed blocks of `x`'s rows. Inputs are
/// assumed valid (checked by the caller).
pub(crate) fn distances_into<F: Float>(
    mut out: ArrayViewMut2<'_, F>,
    x: ArrayView2<'_, F>,
    y: ArrayView2<'_, F>,
    metric: Metric,
) {
    let metric = metric.canonical();
    match metric {
        Metric::Euclidean | Metric::Cosine => {
            let y_norms = squared_row_norms(y);
            let y_norms = match metric {
                Metric::Cosine => y_norms.mapv(|n| n.sqrt()),
                _ => y_norms,
            };
            out.axis_chunks_iter_mut(Axis(0), BLOCK_ROWS)
                .into_par_iter()
                .zip(x.axis_chunks_iter(Axis(0), BLOCK_ROWS).into_par_iter())
                .for_each(|(mut block, xb)| {
                    let x_norms = squared_row_norms(xb);
                    if metric == Metric::Euclidean {
                        squared_euclidean_into(block.view_mut(), xb, x_norms.view(), y, y_norms.view());
                        block.mapv_inplace(|d| d.sqrt());
                    } else {
                        matmul(block.view_mut(), xb, y.t(), false);
                        for (mut row, &xn) in block.rows_mut().into_iter().zip(&x_norms) {
                            Zip::from(&mut row)
                                .and(&y_norms)
                                .for_each(|d, &yn| *d = cosine_from_parts(*d, xn.sqrt(), yn));
                        }
                    }
                });
        }
        _ => {
            let y_rows: Vec<Vec<F>> = y.rows().into_iter().map(|r| r.to_vec()).collect();
            out.axis_chunks_iter_mut(Axis(0), BLOCK_ROWS)
                .into_par_iter()
                .zip(x.axis_chunks_iter(Axis(0), BLOCK_ROWS).into_par_iter())
                .for_each(|(mut block, xb)| {
                    for (mut out_row, x_row) in block.rows_mut().into_iter().zip(xb.rows()) {
                        let x_row = x_row.to_vec();
                        for (d, y_row) in out_row.iter_mut().zip(&y_rows) {
                            *d = metric.from_reduced(metric.reduced_distance_slices(&x_row, y_row));
                        }
                    }
                });
        }
    }
}

/// `‖row‖²` for every row of `x`.
pub(crate) fn squared_row_norms<F: Float>(x: ArrayView2<'_, F>) -> Array1<F> {
    x.rows().into_iter().map(|r| r.dot(&r)).collect()
}

/// Fills `out` (`x.nrows() × y.nrows()`) with squared Euclidean distances
/// `‖x‖² − 2 x·y + ‖y‖²`, clamped at zero (cancellation can make the
/// difference of nearby points slightly negative), from one sequential GEMM
/// on the calling thread — the kernel of the brute-force neighbour search,
/// KMeans' assignment step and [`pairwise_distances`]. Callers parallelise
/// over blocks of `x`'s rows themselves.
pub(crate) fn squared_euclidean_into<F: Float>(
    mut out: ArrayViewMut2<'_, F>,
    x: ArrayView2<'_, F>,
    x_norms: ArrayView1<'_, F>,
    y: ArrayView2<'_, F>,
    y_norms: ArrayView1<'_, F>,
) {
    matmul(out.view_mut(), x, y.t(), false);
    let minus_two = F::cast(-2.0);
    for (mut row, &xn) in out.rows_mut().into_iter().zip(&x_norms) {
        Zip::from(&mut row)
            .and(&y_norms)
            .for_each(|d, &yn| *d = (minus_two * *d + xn + yn).max(F::zero()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Every metric through [`pairwise_distances`] equals the row-pair
    /// [`Metric::distance`], and Euclidean's GEMM path is within rounding.
    #[test]
    fn matrix_agrees_with_row_pairs() {
        let x = Array2::from_shape_fn((300, 5), |(i, j)| ((i * 7 + j * 13) % 17) as f64 * 0.37 - 2.0);
        let y = Array2::from_shape_fn((40, 5), |(i, j)| ((i * 5 + j * 3) % 11) as f64 * 0.53 - 1.0);
        for metric in [
            Metric::Euclidean,
            Metric::Manhattan,
            Metric::Chebyshev,
            Metric::Minkowski(3.0),
            Metric::Cosine,
        ] {
            let d = pairwise_distances(x.view(), Some(y.view()), metric).unwrap();
            for i in 0..x.nrows() {
                for j in 0..y.nrows() {
                    let direct = metric.distance(x.row(i), y.row(j));
                    assert!(
                        (d[[i, j]] - direct).abs() < 1e-9,
                        "{metric:?} at ({i}, {j}): {} vs {direct}",
                        d[[i, j]]
                    );
                }
            }
        }
    }

    #[test]
    fn self_distances_have_a_zero_diagonal_and_zero_rows_are_at_cosine_one() {
        let x = array![[1.0, 2.0], [0.0, 0.0], [1.0, 2.0000001]];
        let d = pairwise_distances(x.view(), None, Metric::Euclidean).unwrap();
        assert_eq!(d.diag().to_vec(), vec![0.0; 3]);
        let c = pairwise_distances(x.view(), None, Metric::Cosine).unwrap();
        assert_eq!(c[[0, 1]], 1.0);
        assert_eq!(c[[1, 1]], 0.0);
    }

    #[test]
    fn bad_inputs_are_named() {
        let x = array![[1.0, 2.0]];
        let y = array![[1.0]];
        assert!(matches!(
            pairwise_distances(x.view(), Some(y.view()), Metric::Euclidean),
            Err(Error::ShapeMismatch { .. })
        ));
        assert!(matches!(
            pairwise_distances(x.view(), None, Metric::Minkowski(f64::NAN)),
            Err(Error::InvalidParameter { parameter: "p", .. })
        ));
        let nan = array![[f64::NAN, 0.0]];
        assert!(matches!(
            pairwise_distances(nan.view(), None, Metric::Manhattan),
            Err(Error::NonFinite { .. })
        ));
    }
}
