//! Parallel execution shared by every estimator: thread-count control
//! (`n_jobs`) and deterministic chunked reductions. The
//! [parallelism guide](crate::guide::parallelism) explains how to choose
//! threads.
//!
//! Determinism rule: work is split into chunks of a fixed number of rows
//! ([`ROW_CHUNK`]) that does not depend on the number of threads, and partial
//! results are combined in chunk order. The same input therefore gives
//! bit-identical results on 1 thread or 16.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_digits;
//!
//! let digits = load_digits();
//! let fit = |n_jobs| LogisticRegression::default().max_iter(50).n_jobs(n_jobs).fit(digits.data.view(), digits.target.view());
//! let (one, two) = (fit(Some(1))?, fit(Some(2))?);
//! assert_eq!(one.coef(), two.coef()); // bit for bit
//! # Ok::<(), learnkit::Error>(())
//! ```

use crate::error::{Error, Result};
use ndarray::{ArrayView2, Axis};
use rayon::prelude::*;

/// Rows per chunk for row-parallel work. Fixed so that results do not depend
/// on the thread count.
///
/// # Example
/// ```
/// assert_eq!(learnkit::parallel::ROW_CHUNK, 4096);
/// ```
pub const ROW_CHUNK: usize = 4096;

/// The most threads `n_jobs` may ask for. Results never depend on the
/// thread count, so more threads than this only cost memory and start-up
/// time (rayon would otherwise try to start up to 65,535 for `usize::MAX`).
///
/// # Example
/// ```
/// let err = learnkit::parallel::with_n_jobs(Some(usize::MAX), || ()).unwrap_err();
/// assert!(matches!(err, learnkit::Error::InvalidParameter { parameter: "n_jobs", .. }));
/// assert_eq!(learnkit::parallel::MAX_N_JOBS, 1024);
/// ```
pub const MAX_N_JOBS: usize = 1024;

/// Runs `f` on a rayon pool of `n_jobs` threads, or on the current pool (by
/// default every core) when `n_jobs` is `None`.
///
/// # Errors
/// [`Error::InvalidParameter`] for `n_jobs` 0 or above [`MAX_N_JOBS`];
/// [`Error::InvalidInput`] when the operating system refuses the threads.
///
/// # Example
/// ```
/// let threads = learnkit::parallel::with_n_jobs(Some(1), rayon::current_num_threads).unwrap();
/// assert_eq!(threads, 1);
/// ```
pub fn with_n_jobs<R: Send>(n_jobs: Option<usize>, f: impl FnOnce() -> R + Send) -> Result<R> {
    match n_jobs {
        None => Ok(f()),
        Some(0) => Err(Error::invalid_parameter(
            "n_jobs",
            "n_jobs",
            "None (all cores) or >= 1",
            0,
        )),
        Some(n) if n > MAX_N_JOBS => Err(Error::invalid_parameter(
            "n_jobs",
            "n_jobs",
            format!("None (all cores) or at most {MAX_N_JOBS}"),
            n,
        )),
        Some(n) if n == rayon::current_num_threads() => Ok(f()),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| Error::invalid_input("n_jobs", format!("cannot start {n} threads: {e}")))?;
            Ok(pool.install(f))
        }
    }
}

/// Applies `f` to fixed-size row chunks of `x` in parallel and returns the
/// per-chunk results in chunk order (deterministic whatever the thread count).
///
/// `f` receives the index of the chunk's first row and the chunk.
pub(crate) fn map_row_chunks<F, T, M>(x: ArrayView2<'_, F>, chunk_rows: usize, f: M) -> Vec<T>
where
    F: Sync,
    T: Send,
    M: Fn(usize, ArrayView2<'_, F>) -> T + Sync + Send,
{
    x.axis_chunks_iter(Axis(0), chunk_rows.max(1))
        .into_par_iter()
        .enumerate()
        .map(|(i, chunk)| f(i * chunk_rows.max(1), chunk))
        .collect()
}
/// Splits `n_rows` rows into at most 16 contiguous parts of near-equal size
/// (at least 1024 rows each), depending on `n_rows` only — never on the
/// number of threads — so that a reduction over the parts, combined in
/// order, rounds the same way on any machine.
pub(crate) fn fixed_row_parts(n_rows: usize) -> Vec<std::ops::Range<usize>> {
    let parts = (n_rows / 1024).clamp(1, 16);
    let size = n_rows.div_ceil(parts);
    (0..parts)
        .map(|p| (p * size).min(n_rows)..((p + 1) * size).min(n_rows))
        .filter(|r| !r.is_empty())
        .collect()
}

/// Computes `part(range)` for each of [`fixed_row_parts`]`(n_rows)` in
/// parallel and folds the results in part order with `combine`: a parallel
/// reduction whose result does not depend on the thread count.
pub(crate) fn reduce_row_parts<T: Send>(
    n_rows: usize,
    part: impl Fn(std::ops::Range<usize>) -> T + Sync + Send,
    combine: impl Fn(T, T) -> T,
) -> Option<T> {
    let results: Vec<T> = fixed_row_parts(n_rows).into_par_iter().map(part).collect();
    results.into_iter().reduce(combine)
}
