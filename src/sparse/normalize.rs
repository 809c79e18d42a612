//! Scaling each row of a CSR matrix to unit norm in place (scikit-learn's
//! `inplace_csr_row_normalize_l1` / `_l2`), for the text vectorizers and
//! any other sparse row normalisation.

use super::CsrMatrix;
use crate::float::Float;
use crate::preprocessing::Norm;

/// The norm of one row's values (a sparse row's stored values), or 1 for a
/// row of zeros so that it stays zero (scikit-learn's `_handle_zeros_in_scale`
/// on the norms): shared by the [`Normalizer`](crate::preprocessing::Normalizer)
/// and the text vectorizers.
pub(crate) fn row_norm<F: Float>(norm: Norm, values: impl Iterator<Item = F>) -> F {
    let norm = match norm {
        Norm::L1 => values.fold(F::zero(), |acc, v| acc + v.abs()),
        Norm::L2 => values.fold(F::zero(), |acc, v| acc + v * v).sqrt(),
        Norm::Max => values.fold(F::zero(), |acc, v| if v.abs() > acc { v.abs() } else { acc }),
    };
    if norm == F::zero() { F::one() } else { norm }
}

/// Scales each row of `x` to unit `norm` in place (scikit-learn's
/// `inplace_csr_row_normalize_l1` / `_l2`); rows of zeros stay zero.
pub(crate) fn normalize_rows<F: Float>(x: &mut CsrMatrix<F>, norm: Norm) {
    let indptr = x.indptr().to_vec();
    let data = x.data_mut();
    for w in indptr.windows(2) {
        let row = &mut data[w[0]..w[1]];
        let scale = row_norm(norm, row.iter().copied());
        for v in row.iter_mut() {
            *v /= scale;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_get_unit_norm_and_zero_rows_stay() {
        let mut x = CsrMatrix::try_new((3, 2), vec![0, 2, 2, 3], vec![0, 1, 1], vec![3.0, -4.0, 2.0]).unwrap();
        normalize_rows(&mut x, Norm::L2);
        assert_eq!(x.data(), [0.6, -0.8, 1.0]);
        let mut x = CsrMatrix::try_new((1, 2), vec![0, 2], vec![0, 1], vec![1.0, -3.0]).unwrap();
        normalize_rows(&mut x, Norm::L1);
        assert_eq!(x.data(), [0.25, -0.75]);
    }
}
