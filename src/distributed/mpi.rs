//! The MPI communicator (feature `mpi`): the processes `mpirun` started,
//! through the `mpi` crate (rsmpi) on the system's MPI library (Open MPI
//! from Debian's `libopenmpi-dev`, or any MPI-3 implementation).

use super::communicator::{
    Communicator, ReduceOp, all_gather_bytes_sent, all_reduce_bytes, block_range, broadcast_bytes_sent, combine_f64,
    reduce_scatter_bytes,
};
use crate::error::{Error, Result};
use mpi::collective::SystemOperation;
use mpi::datatype::PartitionMut;
use mpi::environment::Universe;
use mpi::raw::AsRaw;
use mpi::topology::SimpleCommunicator;
use mpi::traits::Communicator as _;
use mpi::traits::*;
use std::cell::Cell;

/// This process's rank in `MPI_COMM_WORLD`.
///
/// Create it once per process with [`MpiCommunicator::init`] (MPI can be
/// initialised only once); MPI is finalised when it is dropped. MPI is
/// initialised with `MPI_THREAD_FUNNELED`: learnkit's worker threads never
/// call MPI, only the thread that holds the communicator does.
///
/// Integer all-reduces are MPI's own (`MPI_Allreduce`). Float all-reduces
/// gather every rank's buffer and combine them in rank order, as
/// [`ThreadCommunicator`](super::ThreadCommunicator) does, so that both give
/// the same bits (MPI leaves the order of a float reduction to the
/// implementation); the estimators only reduce short float buffers (maxima
/// for scales), their sums go through [`ExactSums`](super::ExactSums).
/// Before each all-reduce the ranks check that their lengths agree, so a
/// mismatch is an error on every rank instead of undefined behaviour.
///
/// # Example
/// ```no_run
/// use learnkit::distributed::{Communicator, MpiCommunicator};
///
/// // Run as `mpirun -np 4 target/release/examples/distributed`.
/// let comm = MpiCommunicator::init()?;
/// println!("rank {} of {}", comm.rank(), comm.size());
/// # Ok::<(), learnkit::Error>(())
/// ```
pub struct MpiCommunicator {
    world: SimpleCommunicator,
    bytes_sent: Cell<u64>,
    // Dropped last: finalises MPI.
    _universe: Universe,
}

impl std::fmt::Debug for MpiCommunicator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MpiCommunicator")
            .field("rank", &self.rank())
            .field("size", &self.size())
            .finish()
    }
}

impl MpiCommunicator {
    /// Initialises MPI and returns this process's rank of the world
    /// communicator. A process started without `mpirun` is a world of one.
    ///
    /// # Errors
    /// [`Error::Communication`] when MPI was already initialised in this
    /// process (by an earlier `init`) or does not support funnelled threads.
    ///
    /// # Example
    /// See [`MpiCommunicator`].
    pub fn init() -> Result<Self> {
        let refused = |message: &str| Error::Communication {
            context: "MpiCommunicator::init".into(),
            rank: 0,
            message: message.to_string(),
        };
        let (universe, threading) = mpi::initialize_with_threading(mpi::Threading::Funneled)
            .ok_or_else(|| refused("MPI is already initialised in this process (init may be called once)"))?;
        if threading < mpi::Threading::Funneled {
            return Err(refused("the MPI library does not support MPI_THREAD_FUNNELED"));
        }
        let world = universe.world();
        Ok(MpiCommunicator {
            world,
            bytes_sent: Cell::new(0),
            _universe: universe,
        })
    }

    fn error(&self, operation: &'static str, message: String) -> Error {
        Error::Communication {
            context: operation.into(),
            rank: self.rank(),
            message,
        }
    }

    fn count(&self, bytes: u64) {
        self.bytes_sent.set(self.bytes_sent.get() + bytes);
    }

    /// Fails on every rank when the ranks' buffer lengths differ.
    fn check_same_length(&self, operation: &'static str, len: usize) -> Result<()> {
        let local = [len as i64, -(len as i64)];
        let mut global = [0_i64; 2];
        self.world
            .all_reduce_into(&local[..], &mut global[..], SystemOperation::max());
        if global[0] != -global[1] {
            return Err(self.error(
                operation,
                format!("the ranks passed between {} and {} elements", -global[1], global[0]),
            ));
        }
        Ok(())
    }
}

impl Communicator for MpiCommunicator {
    fn rank(&self) -> usize {
        self.world.rank() as usize
    }

    fn size(&self) -> usize {
        self.world.size() as usize
    }

    fn all_reduce_i64(&self, buf: &mut [i64], op: ReduceOp) -> Result<()> {
        self.check_same_length("all_reduce_i64", buf.len())?;
        let local = buf.to_vec();
        match op {
            ReduceOp::Sum => self.world.all_reduce_into(&local[..], buf, SystemOperation::sum()),
            ReduceOp::Min => self.world.all_reduce_into(&local[..], buf, SystemOperation::min()),
            ReduceOp::Max => self.world.all_reduce_into(&local[..], buf, SystemOperation::max()),
        }
        self.count(all_reduce_bytes(std::mem::size_of_val(buf), self.size()));
        Ok(())
    }

    fn reduce_scatter_i64(&self, buf: &[i64], counts: &[usize], op: ReduceOp) -> Result<Vec<i64>> {
        const OPERATION: &str = "reduce_scatter_i64";
        let range = block_range(self, OPERATION, buf.len(), counts);
        // The ranks agree on the length and on every block count before
        // MPI sees them (a mismatch would be undefined behaviour); a rank
        // with bad counts passes a length of -1, which fails every rank.
        let len = if range.is_ok() { buf.len() as i64 } else { -1 };
        let mut check = vec![len, -len];
        if range.is_ok() {
            check.extend(counts.iter().flat_map(|&c| [c as i64, -(c as i64)]));
        } else {
            check.extend(std::iter::repeat_n(0, 2 * self.size()));
        }
        let mut agreed = vec![0_i64; check.len()];
        self.world
            .all_reduce_into(&check[..], &mut agreed[..], SystemOperation::max());
        let range = range?;
        if agreed.chunks_exact(2).any(|pair| pair[0] != -pair[1]) {
            return Err(self.error(
                OPERATION,
                "the ranks passed different buffer lengths or block counts".to_string(),
            ));
        }
        let recv_counts = counts
            .iter()
            .map(|&c| i32::try_from(c))
            .collect::<std::result::Result<Vec<i32>, _>>()
            .map_err(|_| self.error(OPERATION, "a block is larger than MPI's count type holds".to_string()))?;
        let mut out = vec![0_i64; range.len()];
        if !buf.is_empty() {
            let op = match op {
                ReduceOp::Sum => SystemOperation::sum(),
                ReduceOp::Min => SystemOperation::min(),
                ReduceOp::Max => SystemOperation::max(),
            };
            // SAFETY: `buf` holds sum(recv_counts) i64s (checked by
            // `block_range`, on every rank alike), `out` this rank's count;
            // the datatype is MPI's 64-bit integer, the communicator live.
            // rsmpi 0.8 wraps only the equal-block `MPI_Reduce_scatter_block`.
            unsafe {
                mpi::ffi::MPI_Reduce_scatter(
                    buf.as_ptr().cast(),
                    out.as_mut_ptr().cast(),
                    recv_counts.as_ptr(),
                    i64::equivalent_datatype().as_raw(),
                    op.as_raw(),
                    self.world.as_raw(),
                );
            }
        }
        self.count(reduce_scatter_bytes(
            std::mem::size_of_val(buf),
            std::mem::size_of_val(out.as_slice()),
            self.size(),
        ));
        Ok(out)
    }

    fn all_reduce_f64(&self, buf: &mut [f64], op: ReduceOp) -> Result<()> {
        self.check_same_length("all_reduce_f64", buf.len())?;
        let size = self.size();
        let mut all = vec![0.0_f64; buf.len() * size];
        self.world.all_gather_into(&buf[..], &mut all[..]);
        self.count(all_gather_bytes_sent(std::mem::size_of_val(buf), size));
        if buf.is_empty() {
            return Ok(());
        }
        let mut parts = all.chunks_exact(buf.len());
        buf.copy_from_slice(parts.next().expect("rank 0's part"));
        for part in parts {
            combine_f64(buf, part, op);
        }
        Ok(())
    }

    fn all_gather_bytes(&self, local: &[u8]) -> Result<Vec<Vec<u8>>> {
        let size = self.size();
        let mut counts = vec![0_i32; size];
        let own = i32::try_from(local.len()).map_err(|_| {
            self.error(
                "all_gather_bytes",
                format!("{} bytes is more than MPI's count type holds", local.len()),
            )
        });
        // Every rank takes part in the count exchange even when its own
        // count is too large, so none waits; then all fail together.
        let own_count = own.as_ref().map_or(-1, |c| *c);
        self.world.all_gather_into(&own_count, &mut counts[..]);
        own?;
        if counts.iter().any(|&c| c < 0) {
            return Err(self.error(
                "all_gather_bytes",
                "another rank's buffer is too large for MPI".to_string(),
            ));
        }
        let total: i64 = counts.iter().map(|&c| i64::from(c)).sum();
        if total > i64::from(i32::MAX) {
            return Err(self.error(
                "all_gather_bytes",
                format!("{total} bytes in all is more than MPI's displacements hold"),
            ));
        }
        let displacements: Vec<i32> = counts
            .iter()
            .scan(0_i32, |offset, &c| {
                let start = *offset;
                *offset += c;
                Some(start)
            })
            .collect();
        if total == 0 {
            // Every rank knows the counts: all skip the exchange (Open MPI
            // refuses an all-gather of nothing).
            return Ok(vec![Vec::new(); size]);
        }
        let mut gathered = vec![0_u8; total as usize];
        {
            let mut partition = PartitionMut::new(&mut gathered[..], &counts[..], &displacements[..]);
            self.world.all_gather_varcount_into(local, &mut partition);
        }
        self.count(all_gather_bytes_sent(local.len(), size));
        Ok(counts
            .iter()
            .zip(&displacements)
            .map(|(&c, &d)| gathered[d as usize..(d + c) as usize].to_vec())
            .collect())
    }

    fn broadcast_bytes(&self, root: usize, buf: &mut Vec<u8>) -> Result<()> {
        if root >= self.size() {
            return Err(self.error(
                "broadcast_bytes",
                format!("root {root} is not a rank of a group of {}", self.size()),
            ));
        }
        let process = self.world.process_at_rank(root as i32);
        let mut len = buf.len() as u64;
        process.broadcast_into(&mut len);
        let len = usize::try_from(len)
            .map_err(|_| self.error("broadcast_bytes", format!("{len} bytes do not fit in memory")))?;
        let mut allocated = true;
        if self.rank() != root {
            buf.clear();
            allocated = buf.try_reserve_exact(len).is_ok();
            if allocated {
                buf.resize(len, 0);
            }
        }
        // A rank that cannot hold the buffer must not leave the others
        // waiting in the broadcast: all agree first.
        let mut all_allocated = 0_i64;
        self.world
            .all_reduce_into(&i64::from(allocated), &mut all_allocated, SystemOperation::min());
        if all_allocated == 0 {
            return Err(self.error(
                "broadcast_bytes",
                format!("a rank cannot allocate the {len} bytes broadcast"),
            ));
        }
        // MPI counts are i32: large buffers go in pieces.
        for piece in buf.chunks_mut(1 << 30) {
            process.broadcast_into(piece);
        }
        self.count(broadcast_bytes_sent(len, self.size(), self.rank() == root));
        Ok(())
    }

    fn bytes_sent(&self) -> u64 {
        self.bytes_sent.get()
    }
}
