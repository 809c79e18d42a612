//! The sparse matrix types: malformed parts are named errors (issue 17's
//! "out-of-range indices, unsorted or duplicate entries, or a wrong shape"),
//! and the operations agree with their dense counterparts.

use learnkit::Error;
use learnkit::sparse::{CscMatrix, CsrMatrix, Matrix, MatrixView};
use ndarray::{Array1, Array2, array};
use rand::{Rng, SeedableRng, rngs::StdRng};

fn message(err: Error) -> String {
    err.to_string()
}

#[test]
fn malformed_parts_are_named_errors() {
    // Out of range, unsorted, duplicate: InvalidInput naming the row.
    let out_of_range = CsrMatrix::try_new((2, 3), vec![0, 1, 2], vec![0, 3], vec![1.0, 2.0]).unwrap_err();
    assert!(matches!(out_of_range, Error::InvalidInput { .. }));
    assert!(message(out_of_range).contains("row 1: column index 3 is out of range for 3 columns"));
    let unsorted = CsrMatrix::try_new((1, 3), vec![0, 2], vec![2, 1], vec![1.0, 2.0]).unwrap_err();
    assert!(message(unsorted).contains("row 0: unsorted column index 1 after 2"));
    let duplicate = CsrMatrix::try_new((1, 3), vec![0, 2], vec![1, 1], vec![1.0, 2.0]).unwrap_err();
    assert!(message(duplicate).contains("row 0: a duplicate column index 1 after 1"));
    // Wrong shapes: ShapeMismatch.
    let short_indptr = CsrMatrix::try_new((3, 3), vec![0, 1], vec![0], vec![1.0]).unwrap_err();
    assert!(matches!(
        short_indptr,
        Error::ShapeMismatch {
            expected: 4,
            got: 2,
            ..
        }
    ));
    let lengths = CsrMatrix::try_new((1, 3), vec![0, 1], vec![0], vec![1.0, 2.0]).unwrap_err();
    assert!(matches!(
        lengths,
        Error::ShapeMismatch {
            expected: 2,
            got: 1,
            ..
        }
    ));
    // indptr that does not start at 0, decreases, or miscounts.
    for (indptr, text) in [
        (vec![1, 1, 1], "must start at 0"),
        (vec![0, 2, 1], "ends at 1 but there are 2"),
        (vec![0, 2, 1, 2], "decreases at row 1"),
    ] {
        let rows = indptr.len() - 1;
        let err = CsrMatrix::try_new((rows, 3), indptr, vec![0, 1], vec![1.0, 2.0]).unwrap_err();
        assert!(message(err).contains(text), "{text}");
    }
    // CSC names columns as the major axis.
    let csc = CscMatrix::try_new((2, 1), vec![0, 2], vec![1, 0], vec![1.0, 2.0]).unwrap_err();
    assert!(message(csc).contains("column 0: unsorted row index 0 after 1"));
    // A width that u32 indices cannot address.
    let wide = CsrMatrix::<f64>::try_new((0, usize::MAX), vec![0], vec![], vec![]).unwrap_err();
    assert!(matches!(wide, Error::InvalidInput { .. }));
}

#[test]
fn from_triplets_sorts_and_sums_duplicates_and_rejects_outside_entries() {
    let x = CsrMatrix::from_triplets((2, 3), &[1, 0, 1, 1], &[2, 1, 0, 2], &[1.0, 2.0, 3.0, 4.0]).unwrap();
    assert_eq!(x.indices(), &[1, 0, 2]);
    assert_eq!(x.data(), &[2.0, 3.0, 5.0]);
    assert!(x.check().is_ok());
    let outside = CsrMatrix::from_triplets((2, 2), &[0, 2], &[0, 0], &[1.0, 1.0]).unwrap_err();
    assert!(message(outside).contains("entry 1 at (2, 0) is outside the 2 x 2 matrix"));
    let lengths = CsrMatrix::from_triplets((2, 2), &[0], &[0, 1], &[1.0]).unwrap_err();
    assert!(matches!(lengths, Error::ShapeMismatch { .. }));
}

fn random_sparse(rows: usize, cols: usize, density: f64, seed: u64) -> Array2<f64> {
    let mut rng = StdRng::seed_from_u64(seed);
    Array2::from_shape_fn((rows, cols), |_| {
        if rng.random::<f64>() < density {
            rng.random::<f64>() * 4.0 - 2.0
        } else {
            0.0
        }
    })
}

#[test]
fn products_and_layouts_agree_with_dense() {
    let dense = random_sparse(300, 40, 0.1, 7);
    let x = CsrMatrix::from_dense(dense.view());
    assert_eq!(x.to_dense().unwrap(), dense);
    let v = Array1::from_shape_fn(40, |j| j as f64 * 0.25 - 3.0);
    let u = Array1::from_shape_fn(300, |i| (i % 7) as f64 - 3.0);
    let b = random_sparse(40, 5, 1.0, 8);
    let c = random_sparse(300, 4, 1.0, 9);
    let close =
        |a: &Array2<f64>, e: &Array2<f64>| a.iter().zip(e).all(|(p, q)| (p - q).abs() <= 1e-12 * (1.0 + q.abs()));
    assert!(close(
        &x.dot(v.view()).unwrap().insert_axis(ndarray::Axis(1)),
        &dense.dot(&v).insert_axis(ndarray::Axis(1))
    ));
    assert!(close(&x.dot_dense(b.view()).unwrap(), &dense.dot(&b)));
    let csc = x.to_csc();
    assert_eq!(csc.to_csr(), x);
    assert!(csc.check().is_ok());
    assert!(close(
        &csc.transpose_dot(u.view()).unwrap().insert_axis(ndarray::Axis(1)),
        &dense.t().dot(&u).insert_axis(ndarray::Axis(1))
    ));
    assert!(close(&csc.transpose_dot_dense(c.view()).unwrap(), &dense.t().dot(&c)));
    assert_eq!(x.transpose().to_dense().unwrap(), dense.t());
    assert_eq!(
        x.select_rows(&[5, 0, 5]).to_dense().unwrap(),
        dense.select(ndarray::Axis(0), &[5, 0, 5])
    );
    // Wrong widths are ShapeMismatch, not a panic.
    assert!(matches!(
        x.dot(Array1::zeros(39).view()),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        csc.transpose_dot(Array1::zeros(3).view()),
        Err(Error::ShapeMismatch { .. })
    ));
}

#[test]
fn matrix_views_densify_on_demand() {
    let dense = array![[0.0, 1.0], [f64::NAN, 0.0]];
    let x = CsrMatrix::from_dense(dense.view());
    assert!(matches!(x.first_non_finite(), Some((1, 0, v)) if v.is_nan()));
    let view = MatrixView::from(&x);
    assert!(view.is_sparse());
    assert_eq!(view.shape(), (2, 2));
    let owned = Matrix::Sparse(x.clone());
    assert_eq!(owned.view().nrows(), 2);
    // Densifying something that cannot fit is TooLarge, not an abort.
    let huge = CsrMatrix::<f64>::zeros((1 << 20, 1 << 32)).unwrap();
    assert!(matches!(
        MatrixView::from(&huge).with_dense(|d| Ok(d.sum())),
        Err(Error::TooLarge { .. })
    ));
}
