//! Training on data split over several processes or machines: every rank
//! holds a shard of the rows, computes local statistics, and the ranks
//! combine them through a [`Communicator`] — the data-parallel scheme of
//! LightGBM's distributed learner and of XGBoost's collective, on MPI.
//!
//! - [`Communicator`]: rank, size, all-reduce, all-gather, broadcast.
//!   [`ThreadCommunicator`] (threads of one process; [`run_in_process`]
//!   starts a group) is always available; `MpiCommunicator` (feature `mpi`)
//!   runs on the processes `mpirun` starts. The estimators do not know
//!   which one they run on, so the tests without MPI exercise the code
//!   that runs under MPI.
//! - [`ExactSum`] / [`ExactSums`]: float sums without rounding, so a sum
//!   over shards has the same bits however the rows were split. This is
//!   what makes a distributed model bit-identical on 1, 2 or 4 ranks.
//! - [`agree`]: every rank fails when one does, instead of the others
//!   waiting for it forever.
//! - [`read_csv_distributed`] (feature `io`): each rank reads its own file
//!   or byte range of one file, and the ranks agree on the columns and the
//!   categories' codes, so no rank holds all the data.
//! - [`RowShards`]: where each rank's rows sit in the global row order
//!   (random choices that depend on a row use its global index, so they do
//!   not depend on the split).
//!
//! # Example
//! ```
//! use learnkit::distributed::{run_in_process, Communicator, ExactSums, RowShards};
//!
//! // The mean of 0.1, 0.2, ..., 1.0 over 3 ranks, each holding some rows.
//! let data: Vec<f64> = (1..=10).map(|i| 0.1 * i as f64).collect();
//! let means = run_in_process(3, |comm| {
//!     let mine = RowShards::even_split(data.len(), comm.rank(), comm.size());
//!     let shards = RowShards::gather(comm, mine.len())?;
//!     let mut sum = ExactSums::new(1);
//!     data[mine].iter().for_each(|&x| sum.add(0, x));
//!     sum.all_reduce(comm)?;
//!     Ok(sum.values()[0] / shards.total_rows() as f64)
//! })?;
//! assert!(means.iter().all(|&m| m.to_bits() == means[0].to_bits()));
//! assert!((means[0] - 0.55).abs() < 1e-15);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod binning;
mod communicator;
#[cfg(feature = "io")]
mod csv;
mod exact_sum;
mod moments;
#[cfg(feature = "mpi")]
mod mpi;
mod shard_checks;
mod shards;
mod thread;

pub use communicator::{Communicator, ReduceOp, agree};
#[cfg(feature = "io")]
pub use csv::{CsvShard, read_csv_distributed};
pub use exact_sum::{ExactSum, ExactSums};
#[cfg(feature = "mpi")]
pub use mpi::MpiCommunicator;
pub use shards::RowShards;
pub use thread::{ThreadCommunicator, run_in_process};

pub(crate) use binning::{bin_shard, row_uniform};
pub(crate) use moments::exact_column_moments;
#[cfg(feature = "serde")]
pub(crate) use shard_checks::union_labels;
pub(crate) use shard_checks::{ByRef, agreed, broadcast_seed, check_replicated, check_shard_weight, check_shards};
