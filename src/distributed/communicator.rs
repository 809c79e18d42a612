//! The [`Communicator`] trait: the collective operations a distributed fit
//! needs, whatever carries them (MPI, or threads in one process).

use crate::error::{Error, Result};

/// How [`Communicator::all_reduce_i64`] and
/// [`Communicator::all_reduce_f64`] combine the ranks' buffers, element by
/// element.
///
/// # Example
/// ```
/// use learnkit::distributed::{run_in_process, Communicator, ReduceOp};
///
/// let maxima = run_in_process(3, |comm| {
///     let mut buf = [comm.rank() as i64];
///     comm.all_reduce_i64(&mut buf, ReduceOp::Max)?;
///     Ok(buf[0])
/// })?;
/// assert_eq!(maxima, vec![2, 2, 2]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReduceOp {
    /// The sum. Exact for integers (wrapping is an error). For floats the
    /// sum of the ranks' values is taken in rank order, so it depends on
    /// how the rows were split: use [`ExactSum`](super::ExactSum) where the
    /// result must not.
    Sum,
    /// The smallest value (for floats, NaN wins: it is never lost).
    Min,
    /// The largest value (for floats, NaN wins).
    Max,
}

/// The collective operations of a group of ranks that each hold a part of
/// the data (MPI's vocabulary: a *rank* is one process of the group, *size*
/// the number of ranks).
///
/// Every rank must call the same collectives in the same order with buffers
/// of the same length (for [`all_gather_bytes`](Self::all_gather_bytes),
/// any length). The distributed estimators guarantee this by running the
/// same deterministic code on every rank; a rank that finds a problem in
/// its own data still takes part, through [`agree`](super::agree), so that
/// every rank returns the error instead of some waiting forever.
///
/// Two implementations: [`ThreadCommunicator`](super::ThreadCommunicator)
/// (threads of one process, always available) and, with the `mpi` feature,
/// `MpiCommunicator` (processes started by `mpirun`). The estimators do not
/// know which one they run on.
///
/// # Example
/// ```
/// use learnkit::distributed::{run_in_process, Communicator};
///
/// // Every rank contributes its rank's name; every rank receives them all.
/// let gathered = run_in_process(2, |comm| comm.all_gather_bytes(format!("rank {}", comm.rank()).as_bytes()))?;
/// assert_eq!(gathered[1], vec![b"rank 0".to_vec(), b"rank 1".to_vec()]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait Communicator {
    /// This rank's number, `0..size()`.
    fn rank(&self) -> usize;

    /// The number of ranks in the group.
    fn size(&self) -> usize;

    /// Replaces `buf`, on every rank, by the element-wise combination of
    /// every rank's `buf`.
    ///
    /// # Errors
    /// [`Error::Communication`] when the ranks' lengths differ, a sum
    /// overflows, or the group is broken.
    fn all_reduce_i64(&self, buf: &mut [i64], op: ReduceOp) -> Result<()>;

    /// Replaces `buf`, on every rank, by the element-wise combination of
    /// every rank's `buf` (see [`ReduceOp`] on floating-point sums).
    ///
    /// # Errors
    /// As [`all_reduce_i64`](Self::all_reduce_i64).
    fn all_reduce_f64(&self, buf: &mut [f64], op: ReduceOp) -> Result<()>;

    /// Combines every rank's `buf` element by element, as
    /// [`all_reduce_i64`](Self::all_reduce_i64) does, but gives each rank
    /// only its own block of the result: `buf` is `counts.len() == size()`
    /// blocks in rank order, block `r` of `counts[r]` elements, and the
    /// returned vector is this rank's block (MPI's `MPI_Reduce_scatter`).
    /// Half the bytes of an all-reduce, for a rank that needs only a part
    /// of the combined buffer (the distributed gradient boosting: each rank
    /// owns a block of the features' histograms, as LightGBM's
    /// data-parallel learner).
    ///
    /// The provided implementation all-reduces the whole buffer and keeps
    /// this rank's block (and counts an all-reduce's bytes); both learnkit
    /// communicators override it with a true reduce-scatter.
    ///
    /// # Errors
    /// [`Error::Communication`] when `counts` does not have one block per
    /// rank summing to `buf.len()`, when the ranks' buffers or counts
    /// differ, a sum overflows, or the group is broken.
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::{run_in_process, Communicator, ReduceOp};
    ///
    /// // Three ranks, six elements: rank 0 receives 1 element, rank 1 two, rank 2 three.
    /// let blocks = run_in_process(3, |comm| {
    ///     let buf: Vec<i64> = (0..6).map(|i| i * (comm.rank() as i64 + 1)).collect();
    ///     comm.reduce_scatter_i64(&buf, &[1, 2, 3], ReduceOp::Sum)
    /// })?;
    /// assert_eq!(blocks, vec![vec![0], vec![6, 12], vec![18, 24, 30]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn reduce_scatter_i64(&self, buf: &[i64], counts: &[usize], op: ReduceOp) -> Result<Vec<i64>> {
        let range = block_range(self, "reduce_scatter_i64", buf.len(), counts)?;
        let mut all = buf.to_vec();
        self.all_reduce_i64(&mut all, op)?;
        Ok(all[range].to_vec())
    }

    /// Every rank's `local` bytes, in rank order, on every rank (the lengths
    /// may differ between ranks).
    ///
    /// # Errors
    /// [`Error::Communication`] when the group is broken.
    fn all_gather_bytes(&self, local: &[u8]) -> Result<Vec<Vec<u8>>>;

    /// Replaces `buf` on every rank by `root`'s `buf`.
    ///
    /// # Errors
    /// [`Error::Communication`] when `root` is not a rank or the group is
    /// broken.
    fn broadcast_bytes(&self, root: usize, buf: &mut Vec<u8>) -> Result<()>;

    /// The bytes this rank has sent so far, counted as the bandwidth-optimal
    /// algorithms for large messages send them (ring all-reduce: `2 (p-1)/p`
    /// of the buffer; all-gather: `p-1` copies of the local part;
    /// broadcast: the buffer once from the root; a float all-reduce is an
    /// all-gather, see `MpiCommunicator`). The same formula on every
    /// implementation, so the figures are comparable with LightGBM's
    /// data-parallel learner's.
    fn bytes_sent(&self) -> u64;
}

/// Byte counts of the collectives as [`Communicator::bytes_sent`] defines
/// them, shared by every implementation.
pub(crate) fn all_reduce_bytes(len_bytes: usize, size: usize) -> u64 {
    if size <= 1 {
        return 0;
    }
    (2 * (size as u64 - 1) * len_bytes as u64) / size as u64
}

/// Bytes a rank sends in a ring reduce-scatter: every block but its own,
/// once (`(p-1)/p` of the buffer for equal blocks).
pub(crate) fn reduce_scatter_bytes(len_bytes: usize, own_bytes: usize, size: usize) -> u64 {
    if size <= 1 {
        return 0;
    }
    (len_bytes - own_bytes) as u64
}

/// This rank's element range of a [`Communicator::reduce_scatter_i64`]
/// buffer, after checking that `counts` has one block per rank and sums to
/// `len` (the same on every rank when the ranks pass the same arguments, so
/// all fail together).
pub(crate) fn block_range<C: Communicator + ?Sized>(
    comm: &C,
    operation: &'static str,
    len: usize,
    counts: &[usize],
) -> Result<std::ops::Range<usize>> {
    let fail = |message: String| Error::Communication {
        context: operation.into(),
        rank: comm.rank(),
        message,
    };
    if counts.len() != comm.size() {
        return Err(fail(format!(
            "{} block counts for a group of {} ranks",
            counts.len(),
            comm.size()
        )));
    }
    let total = counts.iter().try_fold(0usize, |a, &c| a.checked_add(c));
    if total != Some(len) {
        return Err(fail(format!(
            "the block counts do not sum to the buffer's {len} elements"
        )));
    }
    let start: usize = counts[..comm.rank()].iter().sum();
    Ok(start..start + counts[comm.rank()])
}

pub(crate) fn all_gather_bytes_sent(local_bytes: usize, size: usize) -> u64 {
    (size as u64).saturating_sub(1) * local_bytes as u64
}

pub(crate) fn broadcast_bytes_sent(len_bytes: usize, size: usize, is_root: bool) -> u64 {
    if is_root && size > 1 { len_bytes as u64 } else { 0 }
}

/// Makes every rank see an error when any rank has one: each rank passes
/// its own outcome, the ranks all-reduce a flag, and if any rank failed,
/// every rank returns an error (its own, or [`Error::Communication`] naming
/// the first failed rank). Call it after any step where one rank's data
/// alone can make it fail, before the next collective: otherwise the
/// healthy ranks would wait for the failed one forever.
///
/// # Errors
/// This rank's own error, or [`Error::Communication`] when another rank
/// failed.
///
/// # Example
/// ```
/// use learnkit::distributed::{agree, run_in_process, Communicator};
/// use learnkit::Error;
///
/// let outcomes = run_in_process(2, |comm| {
///     let mine: Result<(), Error> = if comm.rank() == 1 {
///         Err(Error::EmptyInput { context: "shard".into(), what: "rows" })
///     } else {
///         Ok(())
///     };
///     Ok(agree(comm, mine).is_err())
/// })?;
/// assert_eq!(outcomes, vec![true, true]); // rank 0 fails too
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn agree<C: Communicator + ?Sized, T>(comm: &C, local: Result<T>) -> Result<T> {
    // The smallest failed rank, or `size` when none failed.
    let mut first_failed = [if local.is_err() {
        comm.rank() as i64
    } else {
        comm.size() as i64
    }];
    comm.all_reduce_i64(&mut first_failed, ReduceOp::Min)?;
    match local {
        Err(err) => Err(err),
        Ok(_) if first_failed[0] < comm.size() as i64 => Err(Error::Communication {
            context: "distributed fit".into(),
            rank: comm.rank(),
            message: format!("rank {} failed (its own error says why)", first_failed[0]),
        }),
        Ok(value) => Ok(value),
    }
}

/// Combines `from` into `into` element by element (the ranks' lengths are
/// checked by the caller).
pub(crate) fn combine_i64(into: &mut [i64], from: &[i64], op: ReduceOp) -> std::result::Result<(), String> {
    for (a, &b) in into.iter_mut().zip(from) {
        *a = match op {
            ReduceOp::Sum => a
                .checked_add(b)
                .ok_or_else(|| "an integer sum overflows i64".to_string())?,
            ReduceOp::Min => (*a).min(b),
            ReduceOp::Max => (*a).max(b),
        };
    }
    Ok(())
}

/// As [`combine_i64`], for floats; NaN is kept by Min and Max.
pub(crate) fn combine_f64(into: &mut [f64], from: &[f64], op: ReduceOp) {
    for (a, &b) in into.iter_mut().zip(from) {
        *a = match op {
            ReduceOp::Sum => *a + b,
            ReduceOp::Min | ReduceOp::Max if a.is_nan() || b.is_nan() => f64::NAN,
            ReduceOp::Min => a.min(b),
            ReduceOp::Max => a.max(b),
        };
    }
}
