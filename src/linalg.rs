//! Zero-copy views between ndarray and faer, and the dense products the
//! estimators use (faer's GEMM, run per fixed row chunk by the callers).

use crate::float::Float;
use faer::{Accum, MatMut, MatRef};
use ndarray::{ArrayView2, ArrayViewMut2};

/// Views an ndarray matrix as a faer matrix without copying.
pub(crate) fn as_faer<'a, F: Float>(x: ArrayView2<'a, F>) -> MatRef<'a, F> {
    let (rows, cols) = x.dim();
    let strides = x.strides();
    // SAFETY: the pointer, dimensions and strides come from a live ndarray
    // view of the same lifetime; ndarray strides are in elements, as faer's.
    unsafe { MatRef::from_raw_parts(x.as_ptr(), rows, cols, strides[0], strides[1]) }
}

/// Views a mutable ndarray matrix as a mutable faer matrix without copying.
pub(crate) fn as_faer_mut<'a, F: Float>(mut x: ArrayViewMut2<'a, F>) -> MatMut<'a, F> {
    let (rows, cols) = x.dim();
    let strides = x.strides().to_owned();
    let ptr = x.as_mut_ptr();
    // SAFETY: as in `as_faer`; the view is unique for 'a, so the faer view is too.
    unsafe { MatMut::from_raw_parts_mut(ptr, rows, cols, strides[0], strides[1]) }
}

/// `dst = a · b` (or `dst += a · b` when `accumulate`), with faer's GEMM on
/// the calling thread; `a` and `b` may be transposed views (`x.t()`), which
/// costs nothing.
///
/// For callers that parallelise over fixed-size row chunks themselves: faer's
/// parallel matrix-vector products split the reduction dimension across
/// threads, so their rounding (and thus the result's last bits) depends on the
/// thread count; a sequential product per fixed chunk does not.
pub(crate) fn matmul<F: Float>(
    dst: ArrayViewMut2<'_, F>,
    a: ArrayView2<'_, F>,
    b: ArrayView2<'_, F>,
    accumulate: bool,
) {
    let accum = if accumulate { Accum::Add } else { Accum::Replace };
    faer::linalg::matmul::matmul(
        as_faer_mut(dst),
        accum,
        as_faer(a),
        as_faer(b),
        F::one(),
        faer::Par::Seq,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};

    #[test]
    fn matmul_matches_ndarray_dot_including_transposed_views() {
        let a = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
        let b = array![[1.0, 0.5], [-1.0, 2.0], [0.0, 3.0]];
        let mut out = Array2::<f64>::zeros((2, 2));
        matmul(out.view_mut(), a.view(), b.view(), false);
        assert_eq!(out, a.dot(&b));
        let mut out_t = Array2::<f64>::ones((3, 3));
        matmul(out_t.view_mut(), a.t(), a.view(), true);
        assert_eq!(out_t, a.t().dot(&a) + 1.0);
    }
}
