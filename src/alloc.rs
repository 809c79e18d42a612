//! Fallible allocation for sizes that follow from the input or the
//! hyperparameters (`n_features²`, kernel caches, component counts, one-hot
//! widths, folds, candidates): the size is computed with checked arithmetic
//! and the memory asked for with `try_reserve_exact`, so that an impossible request is an [`Error::TooLarge`]
//! naming what and how much — scikit-learn's `MemoryError` — and never a
//! panic (`capacity overflow`) or an abort (`memory allocation failed`).
//!
//! What counts as impossible is the allocator's answer: on Linux with the
//! default overcommit policy a single request larger than RAM plus swap is
//! refused at once, while a smaller one is granted and backed as it is
//! written. [`check_fits`] asks the same question for a total that several
//! allocations will share, before any of them is made.

use crate::error::{Error, Result};
use ndarray::Array2;
use std::mem::size_of;

/// `factors` multiplied in `u128`, saturating (the `bytes` of a [`Error::TooLarge`]).
fn product(factors: &[usize]) -> u128 {
    factors
        .iter()
        .try_fold(1u128, |acc, &f| acc.checked_mul(f as u128))
        .unwrap_or(u128::MAX)
}

/// The [`Error::TooLarge`] for `bytes` bytes of `what`.
fn too_large(context: &'static str, what: impl FnOnce() -> String, bytes: u128) -> Error {
    Error::TooLarge {
        context: context.into(),
        what: what(),
        bytes,
    }
}

/// Checks that `bytes` bytes (the total of several allocations about to be
/// made, or one made piecewise) can be had: the size is valid and the
/// allocator grants a reservation of it, which is released at once.
/// Growth of memory already in use is not foreseen; the check refuses what
/// could never fit.
pub(crate) fn check_fits(context: &'static str, what: impl FnOnce() -> String, bytes: u128) -> Result<()> {
    let Ok(size) = isize::try_from(bytes) else {
        return Err(too_large(context, what, bytes));
    };
    let mut probe: Vec<u8> = Vec::new();
    probe
        .try_reserve_exact(size as usize)
        .map_err(|_| too_large(context, what, bytes))
}

/// [`check_fits`] for `dims` values of `T`.
pub(crate) fn check_fits_values<T>(context: &'static str, what: impl FnOnce() -> String, dims: &[usize]) -> Result<()> {
    let mut factors = dims.to_vec();
    factors.push(size_of::<T>().max(1));
    check_fits(context, what, product(&factors))
}

/// An empty vector with room for exactly `len` values of `T`, or
/// [`Error::TooLarge`].
pub(crate) fn try_with_capacity<T>(context: &'static str, what: impl FnOnce() -> String, len: usize) -> Result<Vec<T>> {
    let mut out = Vec::new();
    match out.try_reserve_exact(len) {
        Ok(()) => Ok(out),
        Err(_) => Err(too_large(context, what, product(&[len, size_of::<T>().max(1)]))),
    }
}

/// `len` copies of `value`, or [`Error::TooLarge`].
pub(crate) fn try_filled<T: Clone>(
    context: &'static str,
    what: impl FnOnce() -> String,
    len: usize,
    value: T,
) -> Result<Vec<T>> {
    let mut out = try_with_capacity(context, what, len)?;
    out.resize(len, value);
    Ok(out)
}

/// A `rows × cols` matrix of zeros (standard layout), or [`Error::TooLarge`].
pub(crate) fn try_zeros<T: Clone + num_traits::Zero>(
    context: &'static str,
    what: impl FnOnce() -> String,
    (rows, cols): (usize, usize),
) -> Result<Array2<T>> {
    let Some(len) = rows.checked_mul(cols) else {
        return Err(too_large(context, what, product(&[rows, cols, size_of::<T>().max(1)])));
    };
    let values = try_filled(context, what, len, T::zero())?;
    // `try_filled` succeeded, so `len` values fit in `isize::MAX` bytes: the shape is valid.
    Ok(Array2::from_shape_vec((rows, cols), values).unwrap_or_else(|_| unreachable!("{rows} × {cols} values")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_sizes_are_too_large_errors_not_aborts() {
        // 2^40 × 2^40 values overflow a usize; 2^62 bytes pass the isize
        // check for u8 but no machine grants them.
        let err = try_zeros::<f64>("test", || "a huge matrix".into(), (1 << 40, 1 << 40)).unwrap_err();
        assert!(
            matches!(err, Error::TooLarge { bytes, .. } if bytes == 1u128 << 83),
            "{err}"
        );
        assert!(matches!(
            try_zeros::<f64>("test", || "m".into(), (1 << 40, 1 << 40)),
            Err(Error::TooLarge { .. })
        ));
        assert!(matches!(
            try_filled("test", || "v".into(), usize::MAX, 0u8),
            Err(Error::TooLarge { .. })
        ));
        assert!(matches!(
            try_filled("test", || "v".into(), 1 << 62, 0u8),
            Err(Error::TooLarge { .. })
        ));
        assert!(matches!(
            check_fits_values::<f64>("test", || "m".into(), &[1 << 20, 1 << 20, 1 << 20]),
            Err(Error::TooLarge { .. })
        ));
        assert!(matches!(
            check_fits("test", || "t".into(), 1 << 62),
            Err(Error::TooLarge { .. })
        ));
        assert!(matches!(
            check_fits("test", || "t".into(), u128::MAX),
            Err(Error::TooLarge { .. })
        ));
        let err = try_with_capacity::<u64>("ctx", || "the things".into(), usize::MAX / 2).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "ctx: the things needs {} bytes, more than can be allocated",
                (usize::MAX / 2) as u128 * 8
            )
        );
    }

    #[test]
    fn possible_sizes_are_zeroed_and_shaped() {
        let m = try_zeros::<f64>("test", || "m".into(), (3, 4)).unwrap();
        assert_eq!(m, Array2::<f64>::zeros((3, 4)));
        assert!(m.is_standard_layout());
        assert!(try_zeros::<f32>("test", || "m".into(), (0, 5)).unwrap().is_empty());
        assert_eq!(try_filled("test", || "v".into(), 3, 7u8).unwrap(), vec![7, 7, 7]);
        check_fits("test", || "t".into(), 1 << 20).unwrap();
        check_fits_values::<u32>("test", || "x".into(), &[3, 5]).unwrap();
    }
}
