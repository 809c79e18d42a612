//! The in-process communicator: ranks are threads of one process that meet
//! at each collective. Tests and users without MPI run the distributed code
//! paths through it, unchanged.

use super::communicator::{
    Communicator, ReduceOp, all_gather_bytes_sent, all_reduce_bytes, block_range, broadcast_bytes_sent, combine_f64,
    combine_i64, reduce_scatter_bytes,
};
use crate::error::{Error, Result};
use crate::parallel::MAX_N_JOBS;
use std::cell::Cell;
use std::sync::{Arc, Condvar, Mutex};

/// One rank's contribution to a collective.
#[derive(Clone, Debug)]
enum Payload {
    I64(Vec<i64>),
    F64(Vec<f64>),
    Bytes(Vec<u8>),
}

/// What the ranks of one group share.
#[derive(Debug)]
struct Shared {
    size: usize,
    state: Mutex<State>,
    arrived_all: Condvar,
}

#[derive(Debug)]
struct State {
    /// Counts the completed collectives: a rank waits until it moves on.
    generation: u64,
    slots: Vec<Option<Payload>>,
    arrived: usize,
    /// The contributions of the last completed collective, in rank order.
    last: Arc<Vec<Payload>>,
    /// A rank's communicator was dropped (it returned or panicked): the
    /// others would wait for it forever, so their collectives fail.
    departed: Option<usize>,
}

/// A rank of a group of threads in one process (see [`run_in_process`]).
///
/// Collectives meet at a shared slot table: each rank deposits its buffer,
/// the last to arrive publishes all of them, and every rank combines them
/// itself in rank order, so every rank computes the same result. When a
/// rank's communicator is dropped (its thread returned early or panicked),
/// the others' collectives fail with [`Error::Communication`] instead of
/// waiting forever.
///
/// # Example
/// ```
/// use learnkit::distributed::{Communicator, ReduceOp, ThreadCommunicator};
///
/// let ranks = ThreadCommunicator::group(2)?;
/// let sums: Vec<i64> = std::thread::scope(|scope| {
///     let handles: Vec<_> = ranks
///         .into_iter()
///         .map(|comm| scope.spawn(move || {
///             let mut buf = [comm.rank() as i64 + 1];
///             comm.all_reduce_i64(&mut buf, ReduceOp::Sum).map(|()| buf[0])
///         }))
///         .collect();
///     handles.into_iter().map(|h| h.join().unwrap().unwrap()).collect()
/// });
/// assert_eq!(sums, vec![3, 3]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Debug)]
pub struct ThreadCommunicator {
    rank: usize,
    shared: Arc<Shared>,
    bytes_sent: Cell<u64>,
}

impl ThreadCommunicator {
    /// The `size` ranks of a new group, rank 0 first; give each to its own
    /// thread.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `size` is 0 or more than
    /// [`MAX_N_JOBS`](crate::parallel::MAX_N_JOBS).
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::{Communicator, ThreadCommunicator};
    ///
    /// let ranks = ThreadCommunicator::group(4)?;
    /// assert_eq!((ranks[3].rank(), ranks[3].size()), (3, 4));
    /// assert!(ThreadCommunicator::group(0).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn group(size: usize) -> Result<Vec<ThreadCommunicator>> {
        if size == 0 || size > MAX_N_JOBS {
            return Err(Error::invalid_parameter(
                "ThreadCommunicator::group",
                "size",
                format!("between 1 and {MAX_N_JOBS} ranks"),
                size,
            ));
        }
        let shared = Arc::new(Shared {
            size,
            state: Mutex::new(State {
                generation: 0,
                slots: vec![None; size],
                arrived: 0,
                last: Arc::new(Vec::new()),
                departed: None,
            }),
            arrived_all: Condvar::new(),
        });
        Ok((0..size)
            .map(|rank| ThreadCommunicator {
                rank,
                shared: Arc::clone(&shared),
                bytes_sent: Cell::new(0),
            })
            .collect())
    }

    fn error(&self, operation: &'static str, message: String) -> Error {
        Error::Communication {
            context: operation.into(),
            rank: self.rank,
            message,
        }
    }

    /// Deposits this rank's payload and returns every rank's, once all have
    /// arrived.
    fn exchange(&self, operation: &'static str, payload: Payload) -> Result<Arc<Vec<Payload>>> {
        let poisoned = || self.error(operation, "another rank panicked during a collective".to_string());
        let mut state = self.shared.state.lock().map_err(|_| poisoned())?;
        if let Some(rank) = state.departed {
            return Err(self.error(operation, format!("rank {rank} has left the group")));
        }
        let generation = state.generation;
        state.slots[self.rank] = Some(payload);
        state.arrived += 1;
        if state.arrived == self.shared.size {
            let all: Vec<Payload> = state
                .slots
                .iter_mut()
                .map(|slot| slot.take().expect("every rank arrived"))
                .collect();
            state.last = Arc::new(all);
            state.arrived = 0;
            state.generation += 1;
            self.shared.arrived_all.notify_all();
            return Ok(Arc::clone(&state.last));
        }
        // The generation moves on only when every rank has deposited, and
        // the next collective cannot complete before this rank joins it, so
        // `last` still holds this collective's payloads when the wait ends.
        while state.generation == generation {
            if let Some(rank) = state.departed {
                return Err(self.error(operation, format!("rank {rank} has left the group")));
            }
            state = self.shared.arrived_all.wait(state).map_err(|_| poisoned())?;
        }
        Ok(Arc::clone(&state.last))
    }

    fn count(&self, bytes: u64) {
        self.bytes_sent.set(self.bytes_sent.get() + bytes);
    }

    fn check_lengths(&self, operation: &'static str, lengths: impl Iterator<Item = usize>, own: usize) -> Result<()> {
        for (rank, len) in lengths.enumerate() {
            if len != own {
                return Err(self.error(
                    operation,
                    format!(
                        "rank {rank} passed {len} elements where rank {} passed {own}",
                        self.rank
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl Drop for ThreadCommunicator {
    fn drop(&mut self) {
        // A poisoned lock means another rank panicked: nothing to tell.
        if let Ok(mut state) = self.shared.state.lock() {
            state.departed.get_or_insert(self.rank);
            self.shared.arrived_all.notify_all();
        }
    }
}

impl Communicator for ThreadCommunicator {
    fn rank(&self) -> usize {
        self.rank
    }

    fn size(&self) -> usize {
        self.shared.size
    }

    fn all_reduce_i64(&self, buf: &mut [i64], op: ReduceOp) -> Result<()> {
        const OPERATION: &str = "all_reduce_i64";
        let all = self.exchange(OPERATION, Payload::I64(buf.to_vec()))?;
        let parts: Vec<&[i64]> = all
            .iter()
            .map(|p| if let Payload::I64(v) = p { v.as_slice() } else { &[] })
            .collect();
        self.check_lengths(OPERATION, parts.iter().map(|p| p.len()), buf.len())?;
        buf.copy_from_slice(parts[0]);
        for part in &parts[1..] {
            combine_i64(buf, part, op).map_err(|message| self.error(OPERATION, message))?;
        }
        self.count(all_reduce_bytes(std::mem::size_of_val(buf), self.size()));
        Ok(())
    }

    fn reduce_scatter_i64(&self, buf: &[i64], counts: &[usize], op: ReduceOp) -> Result<Vec<i64>> {
        const OPERATION: &str = "reduce_scatter_i64";
        // A rank whose own counts are wrong still takes part (with an empty
        // payload, which fails the others' length check), so none waits.
        let range = block_range(self, OPERATION, buf.len(), counts);
        // The counts travel after the buffer, so the ranks check that they
        // agree on the blocks as well as on the length.
        let mut mine = Vec::with_capacity(buf.len() + counts.len());
        if range.is_ok() {
            mine.extend_from_slice(buf);
            mine.extend(counts.iter().map(|&c| c as i64));
        }
        let all = self.exchange(OPERATION, Payload::I64(mine))?;
        let range = range?;
        let parts: Vec<&[i64]> = all
            .iter()
            .map(|p| if let Payload::I64(v) = p { v.as_slice() } else { &[] })
            .collect();
        let own = buf.len() + counts.len();
        self.check_lengths(OPERATION, parts.iter().map(|p| p.len()), own)?;
        if let Some(rank) = parts
            .iter()
            .position(|p| p[buf.len()..] != parts[self.rank][buf.len()..])
        {
            return Err(self.error(
                OPERATION,
                format!("rank {rank} passed other block counts than rank {}", self.rank),
            ));
        }
        // Only this rank's block is combined: the others' are theirs.
        let mut out = parts[0][range.clone()].to_vec();
        for part in &parts[1..] {
            combine_i64(&mut out, &part[range.clone()], op).map_err(|message| self.error(OPERATION, message))?;
        }
        self.count(reduce_scatter_bytes(
            std::mem::size_of_val(buf),
            std::mem::size_of_val(out.as_slice()),
            self.size(),
        ));
        Ok(out)
    }

    fn all_reduce_f64(&self, buf: &mut [f64], op: ReduceOp) -> Result<()> {
        const OPERATION: &str = "all_reduce_f64";
        let all = self.exchange(OPERATION, Payload::F64(buf.to_vec()))?;
        let parts: Vec<&[f64]> = all
            .iter()
            .map(|p| if let Payload::F64(v) = p { v.as_slice() } else { &[] })
            .collect();
        self.check_lengths(OPERATION, parts.iter().map(|p| p.len()), buf.len())?;
        buf.copy_from_slice(parts[0]);
        for part in &parts[1..] {
            combine_f64(buf, part, op);
        }
        // Counted as MpiCommunicator sends it: an all-gather.
        self.count(all_gather_bytes_sent(std::mem::size_of_val(buf), self.size()));
        Ok(())
    }

    fn all_gather_bytes(&self, local: &[u8]) -> Result<Vec<Vec<u8>>> {
        let all = self.exchange("all_gather_bytes", Payload::Bytes(local.to_vec()))?;
        self.count(all_gather_bytes_sent(local.len(), self.size()));
        Ok(all
            .iter()
            .map(|p| {
                if let Payload::Bytes(v) = p {
                    v.clone()
                } else {
                    Vec::new()
                }
            })
            .collect())
    }

    fn broadcast_bytes(&self, root: usize, buf: &mut Vec<u8>) -> Result<()> {
        const OPERATION: &str = "broadcast_bytes";
        // Every rank checks `root` before the exchange, so either all fail
        // here or none does.
        if root >= self.size() {
            return Err(self.error(
                OPERATION,
                format!("root {root} is not a rank of a group of {}", self.size()),
            ));
        }
        let mine = if self.rank == root {
            std::mem::take(buf)
        } else {
            Vec::new()
        };
        let all = self.exchange(OPERATION, Payload::Bytes(mine))?;
        if let Payload::Bytes(v) = &all[root] {
            buf.clone_from(v);
        }
        self.count(broadcast_bytes_sent(buf.len(), self.size(), self.rank == root));
        Ok(())
    }

    fn bytes_sent(&self) -> u64 {
        self.bytes_sent.get()
    }
}

/// Runs `f` on `size` ranks, each a thread of this process with its own
/// [`ThreadCommunicator`], and returns their results in rank order: the
/// in-process stand-in for `mpirun -np size`.
///
/// # Errors
/// [`Error::InvalidParameter`] for a `size` that
/// [`ThreadCommunicator::group`] refuses; the first rank's error (in rank
/// order) when any rank fails; [`Error::Communication`] when a rank panics
/// or the system cannot start a thread.
///
/// # Example
/// ```
/// use learnkit::distributed::{run_in_process, Communicator};
///
/// let ranks = run_in_process(4, |comm| Ok((comm.rank(), comm.size())))?;
/// assert_eq!(ranks, vec![(0, 4), (1, 4), (2, 4), (3, 4)]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn run_in_process<T, F>(size: usize, f: F) -> Result<Vec<T>>
where
    T: Send,
    F: Fn(&ThreadCommunicator) -> Result<T> + Sync,
{
    let ranks = ThreadCommunicator::group(size)?;
    let f = &f;
    std::thread::scope(|scope| {
        let mut handles = Vec::with_capacity(size);
        for comm in ranks {
            let rank = comm.rank;
            let spawned = std::thread::Builder::new()
                .name(format!("learnkit-rank-{rank}"))
                .spawn_scoped(scope, move || {
                    let out = f(&comm);
                    drop(comm);
                    out
                });
            match spawned {
                Ok(handle) => handles.push((rank, handle)),
                Err(err) => {
                    // The ranks already started see this rank's
                    // communicator dropped and fail; collect them below.
                    handles.push((
                        rank,
                        scope.spawn(move || Err(thread_error(rank, format!("cannot start a thread: {err}")))),
                    ));
                }
            }
        }
        let mut results = Vec::with_capacity(size);
        let mut first_error = None;
        for (rank, handle) in handles {
            match handle.join() {
                Ok(Ok(value)) => results.push(value),
                Ok(Err(err)) => {
                    first_error.get_or_insert(err);
                }
                Err(_) => {
                    first_error.get_or_insert(thread_error(rank, "the rank panicked".to_string()));
                }
            }
        }
        match first_error {
            Some(err) => Err(err),
            None => Ok(results),
        }
    })
}

fn thread_error(rank: usize, message: String) -> Error {
    Error::Communication {
        context: "run_in_process".into(),
        rank,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rank_that_returns_early_makes_the_others_fail_instead_of_hanging() {
        let outcome = run_in_process(3, |comm| {
            if comm.rank() == 2 {
                return Ok(0);
            }
            let mut buf = [1_i64];
            comm.all_reduce_i64(&mut buf, ReduceOp::Sum)?;
            Ok(buf[0])
        });
        assert!(matches!(outcome, Err(Error::Communication { .. })), "{outcome:?}");
    }

    #[test]
    fn a_panicking_rank_is_reported_not_propagated() {
        let outcome = run_in_process(2, |comm| {
            if comm.rank() == 0 {
                panic!("boom");
            }
            comm.all_gather_bytes(b"x").map(|_| ())
        });
        assert!(matches!(outcome, Err(Error::Communication { .. })), "{outcome:?}");
    }

    #[test]
    fn mismatched_lengths_fail_on_every_rank() {
        let outcomes = run_in_process(2, |comm| {
            let mut buf = vec![0.0; comm.rank() + 1];
            Ok(comm.all_reduce_f64(&mut buf, ReduceOp::Max).is_err())
        })
        .unwrap();
        assert_eq!(outcomes, vec![true, true]);
    }

    #[test]
    fn overflowing_sums_are_errors() {
        let outcomes = run_in_process(2, |comm| {
            let mut buf = [i64::MAX];
            Ok(comm.all_reduce_i64(&mut buf, ReduceOp::Sum).is_err())
        })
        .unwrap();
        assert_eq!(outcomes, vec![true, true]);
    }

    #[test]
    fn many_collectives_in_a_row_keep_their_order() {
        let sums = run_in_process(4, |comm| {
            let mut out = Vec::new();
            for round in 0..200_i64 {
                let mut buf = [round * (comm.rank() as i64 + 1)];
                comm.all_reduce_i64(&mut buf, ReduceOp::Sum)?;
                out.push(buf[0]);
                let mut bytes = if comm.rank() == (round as usize) % 4 {
                    vec![round as u8]
                } else {
                    Vec::new()
                };
                comm.broadcast_bytes((round as usize) % 4, &mut bytes)?;
                assert_eq!(bytes, vec![round as u8]);
            }
            Ok(out)
        })
        .unwrap();
        let expected: Vec<i64> = (0..200).map(|round| round * 10).collect();
        assert!(sums.iter().all(|s| *s == expected));
    }

    #[test]
    fn reduce_scatter_gives_each_rank_its_block_of_the_sums() {
        let out = run_in_process(3, |comm| {
            let buf: Vec<i64> = (0..7).map(|i| i + 10 * comm.rank() as i64).collect();
            let block = comm.reduce_scatter_i64(&buf, &[3, 0, 4], ReduceOp::Sum)?;
            Ok((block, comm.bytes_sent()))
        })
        .unwrap();
        // Element i: i + 0 + i + 10 + i + 20.
        assert_eq!(out[0], (vec![30, 33, 36], 4 * 8));
        assert_eq!(out[1], (vec![], 7 * 8));
        assert_eq!(out[2], (vec![39, 42, 45, 48], 3 * 8));
    }

    #[test]
    fn reduce_scatter_with_disagreeing_counts_fails_on_every_rank() {
        let outcomes = run_in_process(2, |comm| {
            let counts = if comm.rank() == 0 { [1, 1] } else { [2, 0] };
            let wrong_sum = if comm.rank() == 0 { [1, 1] } else { [1, 2] };
            Ok((
                comm.reduce_scatter_i64(&[1, 2], &counts, ReduceOp::Sum).is_err(),
                comm.reduce_scatter_i64(&[1, 2], &wrong_sum, ReduceOp::Max).is_err(),
            ))
        })
        .unwrap();
        assert_eq!(outcomes, vec![(true, true); 2]);
    }

    #[test]
    fn bytes_sent_follow_the_ring_formulas() {
        let sent = run_in_process(4, |comm| {
            let mut buf = [0_i64; 100];
            comm.all_reduce_i64(&mut buf, ReduceOp::Sum)?;
            Ok(comm.bytes_sent())
        })
        .unwrap();
        assert_eq!(sent, vec![1200; 4]); // 2 * 3/4 * 800 bytes
    }
}
