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
use rayon::ThreadPool;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

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
/// The pool for a thread count is built on first use and kept (see
/// [`MAX_CACHED_POOLS`]): a model that predicts in a loop with
/// `n_jobs(Some(k))` starts its threads once, not on every call.
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
    match check_n_jobs(n_jobs)? {
        None => Ok(f()),
        Some(n) if n == rayon::current_num_threads() => Ok(f()),
        Some(n) => Ok(pool(n)?.install(f)),
    }
}

/// [`with_n_jobs`] for a long run of small parallel steps, each too short
/// for a sleeping thread's wake-up (gradient boosting: thousands of steps of
/// tens of microseconds on Adult). Outside parallel work, `f` runs on a
/// private pool of `n_jobs` threads (every core for `None`) whose other
/// workers poll for work until `f` returns, as OpenMP libraries (LightGBM,
/// scikit-learn) keep their threads spinning between parallel regions;
/// otherwise, and on one thread, it is [`with_n_jobs`].
///
/// The pool is private and the pollers are all running before `f` starts,
/// so each poller sits beneath any of `f`'s work on its thread: it can only
/// run `f`'s steps, never sits above a step that waits (in a shared pool a
/// poller taken up by a waiting step, or by another fit's, could spin
/// forever above the very work it waits for). The pollers give their core
/// to other processes now and then, but keep every core of the pool busy
/// while `f` runs.
///
/// # Errors
/// As [`with_n_jobs`].
pub(crate) fn with_polling_pool<R: Send>(n_jobs: Option<usize>, f: impl FnOnce() -> R + Send) -> Result<R> {
    let threads = check_n_jobs(n_jobs)?.unwrap_or_else(rayon::current_num_threads);
    if threads == 1 || nested() {
        return with_n_jobs(n_jobs, f);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(move |i| format!("learnkit-poll-{threads}-{i}"))
        .build()
        .map_err(|e| Error::invalid_input("n_jobs", format!("cannot start {threads} threads: {e}")))?;
    Ok(pool.install(|| polled(f)))
}

/// Runs `f` on this worker with the pool's other workers polling for work
/// until it returns (see [`with_polling_pool`]; the pool must run nothing
/// else).
fn polled<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    let others = rayon::current_num_threads().saturating_sub(1);
    let started = AtomicUsize::new(0);
    let done = AtomicBool::new(false);
    let (started, done) = (&started, &done);
    rayon::scope(|scope| {
        for _ in 0..others {
            scope.spawn(move |_| {
                started.fetch_add(1, Ordering::AcqRel);
                let mut idle = 0u32;
                while !done.load(Ordering::Acquire) {
                    if rayon::yield_now() == Some(rayon::Yield::Executed) {
                        idle = 0;
                    } else {
                        idle = idle.wrapping_add(1);
                        // Now and then the core goes to another process
                        // (a loaded machine); otherwise poll again soon.
                        if idle % 256 == 0 {
                            std::thread::yield_now();
                        } else {
                            std::hint::spin_loop();
                        }
                    }
                }
            });
        }
        // The idle workers take the pollers from this worker's queue; this
        // one takes none (it runs no job while it waits here).
        while started.load(Ordering::Acquire) < others {
            std::thread::yield_now();
        }
        // Set on the way out even when `f` panics: the scope waits for the
        // pollers before it passes the panic on.
        struct Done<'a>(&'a AtomicBool);
        impl Drop for Done<'_> {
            fn drop(&mut self) {
                self.0.store(true, Ordering::Release);
            }
        }
        let _done = Done(done);
        f()
    })
}

/// [`with_n_jobs`] for work over `n_rows` rows that `f` splits into chunks
/// of `chunk_rows`: when that is a single chunk, `f` runs on the calling
/// thread and touches no pool (a single-row prediction costs the same with
/// any `n_jobs`); otherwise on the pool of `n_jobs` threads.
///
/// One chunk is sequential work whatever the pool, so running it here uses
/// one thread, within any `n_jobs`, and gives the same result: handing it to
/// a pool and waiting only adds a thread hand-over (tens of microseconds for
/// a one-row prediction that takes a few). `f` must split its rows with this
/// module's helpers (or others that run a single chunk inline) in chunks of
/// `chunk_rows`. `n_jobs` is checked either way.
///
/// # Errors
/// As [`with_n_jobs`].
///
/// # Example
/// ```
/// let here = std::thread::current().id();
/// let ran_on = learnkit::parallel::with_n_jobs_rows(Some(3), 1, 64, || std::thread::current().id()).unwrap();
/// assert_eq!(ran_on, here);
/// assert!(learnkit::parallel::with_n_jobs_rows(Some(0), 1, 64, || ()).is_err());
/// ```
pub fn with_n_jobs_rows<R: Send>(
    n_jobs: Option<usize>,
    n_rows: usize,
    chunk_rows: usize,
    f: impl FnOnce() -> R + Send,
) -> Result<R> {
    if n_rows <= chunk_rows.max(1) {
        check_n_jobs(n_jobs)?;
        return Ok(f());
    }
    with_n_jobs(n_jobs, f)
}

/// Whether the calling thread is a rayon worker: the call is part of
/// parallel work already (a candidate of a search, a fold of
/// `cross_validate`, a step of a `ColumnTransformer`), whose pool has the
/// cores. Work that would start threads of its own outside rayon (SVC's
/// solver team) then runs on this thread alone, so that nested use cannot
/// oversubscribe the cores; rayon work joins the current pool as usual.
/// Ask before [`with_n_jobs`], which may move the work onto a pool worker.
pub(crate) fn nested() -> bool {
    rayon::current_thread_index().is_some()
}

/// `n_jobs` if it is `None` or in `1..=MAX_N_JOBS`.
fn check_n_jobs(n_jobs: Option<usize>) -> Result<Option<usize>> {
    match n_jobs {
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
        n_jobs => Ok(n_jobs),
    }
}

/// How many pools (one per distinct `n_jobs`) are kept alive between calls.
/// A program uses one or two thread counts; one that sweeps many drops the
/// least recently used pool (its threads exit once its last job is done)
/// instead of keeping every thread it ever started.
///
/// # Example
/// ```
/// assert_eq!(learnkit::parallel::MAX_CACHED_POOLS, 4);
/// ```
pub const MAX_CACHED_POOLS: usize = 4;

/// The pools built so far, least recently used first. A process-wide cache
/// rather than a pool per fitted model: nothing to serialise or clone, and
/// every model, fit and search with the same `n_jobs` shares the threads.
/// Results never depend on which pool runs the work (see the module docs).
static POOLS: Mutex<Vec<(usize, Arc<ThreadPool>)>> = Mutex::new(Vec::new());

/// The pool of `n` threads, built on first use.
fn pool(n: usize) -> Result<Arc<ThreadPool>> {
    let mut pools = POOLS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(i) = pools.iter().position(|(threads, _)| *threads == n) {
        let entry = pools.remove(i);
        let pool = Arc::clone(&entry.1);
        pools.push(entry);
        return Ok(pool);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(move |i| format!("learnkit-{n}-{i}"))
        .build()
        .map_err(|e| Error::invalid_input("n_jobs", format!("cannot start {n} threads: {e}")))?;
    #[cfg(test)]
    tests::count_build(n);
    let pool = Arc::new(pool);
    if pools.len() >= MAX_CACHED_POOLS {
        pools.remove(0);
    }
    pools.push((n, Arc::clone(&pool)));
    Ok(pool)
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
    // One chunk: no parallelism to gain, and handing it to a pool would cost
    // more than a small chunk's work (see [`with_n_jobs_rows`]).
    if x.nrows() <= chunk_rows.max(1) {
        return vec![f(0, x)];
    }
    x.axis_chunks_iter(Axis(0), chunk_rows.max(1))
        .into_par_iter()
        .enumerate()
        .map(|(i, chunk)| f(i * chunk_rows.max(1), chunk))
        .collect()
}
/// [`map_row_chunks`] over row ranges `0..n_rows` instead of an array's rows
/// (for inputs that are not dense arrays, e.g. sparse matrices): `f(range)`
/// for each fixed-size chunk, in parallel, results in chunk order.
pub(crate) fn map_row_ranges<T, M>(n_rows: usize, chunk_rows: usize, f: M) -> Vec<T>
where
    T: Send,
    M: Fn(std::ops::Range<usize>) -> T + Sync + Send,
{
    let chunk = chunk_rows.max(1);
    if n_rows <= chunk {
        return vec![f(0..n_rows)];
    }
    (0..n_rows.div_ceil(chunk))
        .into_par_iter()
        .map(|c| f(c * chunk..((c + 1) * chunk).min(n_rows)))
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
    let parts = fixed_row_parts(n_rows);
    if parts.len() == 1 {
        // One part: run it here rather than on a pool (see [`with_n_jobs_rows`]).
        return parts.into_iter().map(part).next();
    }
    let results: Vec<T> = parts.into_par_iter().map(part).collect();
    results.into_iter().reduce(combine)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Pools built per thread count, to show that a pool is built once.
    static BUILT: Mutex<BTreeMap<usize, usize>> = Mutex::new(BTreeMap::new());

    pub(super) fn count_build(n: usize) {
        *BUILT.lock().unwrap_or_else(|p| p.into_inner()).entry(n).or_default() += 1;
    }

    /// The tests below build and evict pools: run them one at a time so
    /// that one cannot evict the pool another counts.
    static SERIAL: Mutex<()> = Mutex::new(());

    fn serial() -> std::sync::MutexGuard<'static, ()> {
        SERIAL.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn built(n: usize) -> usize {
        BUILT
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&n)
            .copied()
            .unwrap_or(0)
    }

    /// `f` runs on a private pool's worker with the others polling; its
    /// parallel work completes and the pollers stop (a second call, and
    /// calls from two threads at once, finish too); nested in a pool, `f`
    /// runs on the calling worker.
    #[test]
    fn a_polling_pool_runs_f_and_its_parallel_steps() {
        let expected: u64 = (0..10_000u64).map(|i| i * i).sum();
        let run = || {
            with_polling_pool(Some(3), || {
                let sum: u64 = (0..10_000u64).into_par_iter().map(|i| i * i).sum();
                (rayon::current_thread_index(), rayon::current_num_threads(), sum)
            })
            .unwrap()
        };
        for _ in 0..2 {
            let (index, threads, sum) = run();
            assert!(index.is_some());
            assert_eq!((threads, sum), (3, expected));
        }
        let both = std::thread::scope(|s| {
            let a = s.spawn(run);
            let b = s.spawn(run);
            [a.join().unwrap(), b.join().unwrap()]
        });
        assert!(both.iter().all(|r| r.2 == expected));
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let (same, sum) = pool.install(|| {
            let here = rayon::current_thread_index();
            with_polling_pool(None, || {
                let sum: u64 = (0..10_000u64).into_par_iter().map(|i| i * i).sum();
                (rayon::current_thread_index() == here, sum)
            })
            .unwrap()
        });
        assert!(same, "nested work stays on its worker");
        assert_eq!(sum, expected);
        assert!(with_polling_pool(Some(0), || ()).is_err());
        // A panic in `f`, or in one of its parallel steps, reaches the
        // caller and stops the pollers (no hang).
        let panicked = std::panic::catch_unwind(|| {
            with_polling_pool(Some(2), || (0..64u32).into_par_iter().for_each(|i| assert!(i < 63)))
        });
        assert!(panicked.is_err());
    }

    #[test]
    fn a_pool_is_built_once_per_thread_count() {
        let _serial = serial();
        // A thread count no other unit test uses, so that parallel tests
        // cannot build or evict it meanwhile.
        let n = 13;
        for _ in 0..5 {
            assert_eq!(with_n_jobs(Some(n), rayon::current_num_threads).unwrap(), n);
        }
        assert_eq!(built(n), 1);
    }

    #[test]
    fn small_inputs_never_touch_a_pool() {
        let _serial = serial();
        let n = 11;
        let here = std::thread::current().id();
        let x = ndarray::Array2::<f64>::zeros((64, 3));
        let threads = with_n_jobs_rows(Some(n), x.nrows(), 64, || {
            map_row_chunks(x.view(), 64, |_, _| std::thread::current().id())
        })
        .unwrap();
        assert_eq!(threads, vec![here]);
        assert_eq!(
            reduce_row_parts(10, |_| std::thread::current().id(), |a, _| a),
            Some(here)
        );
        assert_eq!(built(n), 0);
        // Above the threshold the work goes to the pool.
        with_n_jobs_rows(Some(n), 65, 64, || ()).unwrap();
        assert_eq!(built(n), 1);
    }

    #[test]
    fn the_least_recently_used_pool_is_dropped() {
        let _serial = serial();
        for n in 20..20 + MAX_CACHED_POOLS + 1 {
            with_n_jobs(Some(n), || ()).unwrap();
        }
        let pools = POOLS.lock().unwrap_or_else(|p| p.into_inner());
        assert!(pools.len() <= MAX_CACHED_POOLS);
    }
}
