//! Scaling each row of a CSR matrix to unit norm in place (scikit-learn's
//! `inplace_csr_row_normalize_l1` / `_l2`), for the text vectorizers and
//! any other sparse row normalisation.

use super::CsrMatrix;
use crate::float::Float;

/// Divides each row's stored values by the row's L1 norm (`l1`) or L2 norm;
/// a row of norm 0 is left as it is. The norm is summed in stored order and
/// each value divided (not multiplied by the reciprocal), as scikit-learn.
pub(crate) fn normalize_rows<F: Float>(x: &mut CsrMatrix<F>, l1: bool) {
    let indptr = x.indptr().to_vec();
    let data = x.data_mut();
    for w in indptr.windows(2) {
        let row = &mut data[w[0]..w[1]];
        let mut norm = F::zero();
        for &v in row.iter() {
            norm += if l1 { v.abs() } else { v * v };
        }
        if norm == F::zero() {
            continue;
        }
        if !l1 {
            norm = norm.sqrt();
        }
        for v in row.iter_mut() {
            *v /= norm;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_get_unit_norm_and_zero_rows_stay() {
        let mut x = CsrMatrix::try_new((3, 2), vec![0, 2, 2, 3], vec![0, 1, 1], vec![3.0, -4.0, 2.0]).unwrap();
        normalize_rows(&mut x, false);
        assert_eq!(x.data(), [0.6, -0.8, 1.0]);
        let mut x = CsrMatrix::try_new((1, 2), vec![0, 2], vec![0, 1], vec![1.0, -3.0]).unwrap();
        normalize_rows(&mut x, true);
        assert_eq!(x.data(), [0.25, -0.75]);
    }
}
