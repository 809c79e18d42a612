//! Dot products and distances between sparse rows (sorted index lists):
//! the kernels of SVC / SVR and the distances of k-NN on sparse input.

use crate::float::Float;

/// `Σ_j dense[j] b_j` over the columns `b` stores, in increasing column
/// order: with `dense` a sparse row `a` scattered into a zero vector, the dot
/// product of `a` and `b`, equal to the dense one summed in column order bit
/// for bit (the columns only one row stores add zeros, which change no sum).
/// One scatter, then each dot costs only `b`'s stored values: how a kernel
/// row or a distance row against many rows is computed.
pub(crate) fn scattered_dot<F: Float>(dense: &[F], b_indices: &[u32], b_values: &[F]) -> F {
    let mut sum = F::zero();
    for (&j, &v) in b_indices.iter().zip(b_values) {
        sum += dense[j as usize] * v;
    }
    sum
}

/// `Σ_j term(a_j − b_j)` over the union of the columns two sparse rows
/// store (a column one row lacks counts as its zero), in increasing column
/// order: for `term = x²` the squared Euclidean distance and for `|x|` the
/// Manhattan distance, equal to the dense sums in column order bit for bit
/// (the columns neither stores add `term(0) = 0`, which changes no sum).
pub(crate) fn sparse_difference_sum<F: Float>(
    (a_indices, a_values): (&[u32], &[F]),
    (b_indices, b_values): (&[u32], &[F]),
    term: impl Fn(F) -> F,
) -> F {
    let (mut p, mut q) = (0, 0);
    let mut sum = F::zero();
    while p < a_indices.len() || q < b_indices.len() {
        let i = a_indices.get(p).copied().unwrap_or(u32::MAX);
        let j = b_indices.get(q).copied().unwrap_or(u32::MAX);
        let difference = if i == j {
            p += 1;
            q += 1;
            a_values[p - 1] - b_values[q - 1]
        } else if i < j {
            p += 1;
            a_values[p - 1]
        } else {
            q += 1;
            F::zero() - b_values[q - 1]
        };
        sum += term(difference);
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scattered_dots_and_difference_sums_give_the_dense_sums() {
        let (ai, av) = ([0u32, 3, 4, 9], [1.5, -2.0, 0.25, 3.0]);
        let (bi, bv) = ([1u32, 3, 9], [7.0, 0.5, -1.0]);
        let mut dense = vec![0.0; 10];
        for (&j, &v) in ai.iter().zip(&av) {
            dense[j as usize] = v;
        }
        let want = -2.0 * 0.5 - 3.0;
        assert_eq!(scattered_dot(&dense, &bi, &bv), want);
        assert_eq!(scattered_dot::<f64>(&dense, &[], &[]), 0.0);
        let mut b_dense = vec![0.0; 10];
        for (&j, &v) in bi.iter().zip(&bv) {
            b_dense[j as usize] = v;
        }
        let squared: f64 = dense.iter().zip(&b_dense).map(|(x, y)| (x - y) * (x - y)).sum();
        let manhattan: f64 = dense
            .iter()
            .zip(&b_dense)
            .map(|(x, y): (&f64, &f64)| (x - y).abs())
            .sum();
        assert_eq!(sparse_difference_sum((&ai, &av), (&bi, &bv), |v| v * v), squared);
        assert_eq!(sparse_difference_sum((&ai, &av), (&bi, &bv), f64::abs), manhattan);
    }
}
