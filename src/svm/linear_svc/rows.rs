//! [`Rows`]: the training rows the linear SVM solvers walk, dense or
//! sparse, each with the constant bias column last when an intercept is
//! fitted. Both solvers only ever need a row's dot product with a dense
//! vector, its squared norm and `w += a·x_i`: on sparse rows each costs the
//! row's stored values, as in liblinear's own layout.

/// The rows of one fit, in `f64`.
#[derive(Clone, Copy)]
pub(super) enum Rows<'a> {
    /// Row-major, `width` values a row (the bias column included).
    Dense { data: &'a [f64], width: usize },
    /// A CSR matrix's parts (values in `f64`), plus the bias column's value
    /// at position `width − 1` when `bias` is set.
    Sparse {
        indptr: &'a [usize],
        indices: &'a [u32],
        values: &'a [f64],
        bias: Option<f64>,
        width: usize,
    },
}

impl Rows<'_> {
    /// Values per row, the bias column included: the length of `w`.
    pub(super) fn width(&self) -> usize {
        match *self {
            Rows::Dense { width, .. } | Rows::Sparse { width, .. } => width,
        }
    }

    /// `x_i · w`.
    #[inline]
    pub(super) fn dot(&self, i: usize, w: &[f64]) -> f64 {
        match *self {
            Rows::Dense { data, width } => super::solver::dot(&data[i * width..(i + 1) * width], w),
            Rows::Sparse {
                indptr,
                indices,
                values,
                bias,
                width,
            } => {
                let (start, end) = (indptr[i], indptr[i + 1]);
                let mut sum = 0.0;
                for (&j, v) in indices[start..end].iter().zip(&values[start..end]) {
                    sum += v * w[j as usize];
                }
                if let Some(b) = bias {
                    sum += b * w[width - 1];
                }
                sum
            }
        }
    }

    /// `‖x_i‖²`.
    pub(super) fn squared_norm(&self, i: usize) -> f64 {
        match *self {
            Rows::Dense { data, width } => {
                let x = &data[i * width..(i + 1) * width];
                super::solver::dot(x, x)
            }
            Rows::Sparse {
                indptr, values, bias, ..
            } => {
                let x = &values[indptr[i]..indptr[i + 1]];
                x.iter().map(|v| v * v).sum::<f64>() + bias.map_or(0.0, |b| b * b)
            }
        }
    }

    /// `w += a · x_i`.
    #[inline]
    pub(super) fn axpy(&self, i: usize, a: f64, w: &mut [f64]) {
        match *self {
            Rows::Dense { data, width } => super::solver::axpy(a, &data[i * width..(i + 1) * width], w),
            Rows::Sparse {
                indptr,
                indices,
                values,
                bias,
                width,
            } => {
                let (start, end) = (indptr[i], indptr[i + 1]);
                for (&j, v) in indices[start..end].iter().zip(&values[start..end]) {
                    w[j as usize] += a * v;
                }
                if let Some(b) = bias {
                    w[width - 1] += a * b;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sparse layout gives the dense layout's products.
    #[test]
    fn sparse_rows_match_dense_rows() {
        // [[1, 0, 2 | 5], [0, 0, 0 | 5]] with the bias column last.
        let dense = Rows::Dense {
            data: &[1.0, 0.0, 2.0, 5.0, 0.0, 0.0, 0.0, 5.0],
            width: 4,
        };
        let sparse = Rows::Sparse {
            indptr: &[0, 2, 2],
            indices: &[0, 2],
            values: &[1.0, 2.0],
            bias: Some(5.0),
            width: 4,
        };
        let w = [0.5, -1.0, 3.0, 0.25];
        for i in 0..2 {
            assert_eq!(dense.dot(i, &w), sparse.dot(i, &w));
            assert_eq!(dense.squared_norm(i), sparse.squared_norm(i));
            let (mut a, mut b) = (w, w);
            dense.axpy(i, 2.0, &mut a);
            sparse.axpy(i, 2.0, &mut b);
            assert_eq!(a, b);
        }
    }
}
