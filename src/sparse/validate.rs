//! The invariants of the compressed layouts, checked once where a matrix is
//! built from parts (and where a saved model is loaded): every other
//! operation relies on them.

use crate::error::{Error, Result};

/// Checks compressed parts along `n_major` rows (CSR) or columns (CSC) with
/// minor indices below `n_minor`: `indptr` has `n_major + 1` entries from 0,
/// non-decreasing, ending at `indices.len() == values_len`, and the indices
/// of each major slice are strictly increasing (sorted, no duplicates) and
/// in range. `major` / `minor` name the axes in messages ("row", "column").
pub(crate) fn check_compressed(
    context: &'static str,
    (n_major, n_minor): (usize, usize),
    (major, minor): (&str, &str),
    indptr: &[usize],
    indices: &[u32],
    values_len: usize,
) -> Result<()> {
    let invalid = |message: String| Error::InvalidInput {
        context: context.into(),
        message,
    };
    if indptr.len() != n_major.saturating_add(1) {
        return Err(Error::ShapeMismatch {
            context: context.into(),
            what: "indptr length (one more than the number of major slices)",
            expected: n_major.saturating_add(1),
            got: indptr.len(),
        });
    }
    if indices.len() != values_len {
        return Err(Error::ShapeMismatch {
            context: context.into(),
            what: "indices and values lengths",
            expected: values_len,
            got: indices.len(),
        });
    }
    if n_minor as u128 > u32::MAX as u128 + 1 {
        return Err(invalid(format!(
            "{n_minor} {minor}s: at most 2^32 are supported (u32 indices)"
        )));
    }
    if indptr[0] != 0 {
        return Err(invalid(format!("indptr must start at 0, starts at {}", indptr[0])));
    }
    if indptr[n_major] != indices.len() {
        return Err(invalid(format!(
            "indptr ends at {} but there are {} stored values",
            indptr[n_major],
            indices.len()
        )));
    }
    for i in 0..n_major {
        let (start, end) = (indptr[i], indptr[i + 1]);
        if start > end {
            return Err(invalid(format!("indptr decreases at {major} {i} ({start} then {end})")));
        }
        let slice = &indices[start..end];
        for (k, &j) in slice.iter().enumerate() {
            if j as usize >= n_minor {
                return Err(invalid(format!(
                    "{major} {i}: {minor} index {j} is out of range for {n_minor} {minor}s"
                )));
            }
            if k > 0 && slice[k - 1] >= j {
                let kind = if slice[k - 1] == j { "a duplicate" } else { "unsorted" };
                return Err(invalid(format!(
                    "{major} {i}: {kind} {minor} index {j} after {} (indices must be strictly increasing; \
                     from_triplets sorts and sums duplicates)",
                    slice[k - 1]
                )));
            }
        }
    }
    Ok(())
}
