//! Where each rank's rows sit in the global row order.

use super::communicator::Communicator;
use crate::error::{Error, Result};
use std::ops::Range;

/// The number of rows every rank holds, in rank order: rank `r`'s rows are
/// global rows `offset(r)..offset(r) + rows(r)`.
///
/// Row-dependent random choices (a validation split, a subsample for bin
/// edges) are drawn from the global row index, so they select the same
/// rows however the data are split.
///
/// # Example
/// ```
/// use learnkit::distributed::{run_in_process, Communicator, RowShards};
///
/// let offsets = run_in_process(3, |comm| {
///     let shards = RowShards::gather(comm, 10 + comm.rank())?;
///     Ok((shards.offset(comm.rank()), shards.total_rows()))
/// })?;
/// assert_eq!(offsets, vec![(0, 33), (10, 33), (21, 33)]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowShards {
    offsets: Vec<usize>,
}

impl RowShards {
    /// Every rank's row count, from each rank's own (one all-gather).
    ///
    /// # Errors
    /// [`Error::Communication`] when the group is broken or the total
    /// overflows.
    ///
    /// # Example
    /// See [`RowShards`].
    pub fn gather<C: Communicator + ?Sized>(comm: &C, local_rows: usize) -> Result<Self> {
        let counts = comm.all_gather_bytes(&(local_rows as u64).to_le_bytes())?;
        let mut offsets = Vec::with_capacity(counts.len() + 1);
        offsets.push(0_usize);
        for (rank, bytes) in counts.iter().enumerate() {
            let count = <[u8; 8]>::try_from(bytes.as_slice())
                .ok()
                .and_then(|b| usize::try_from(u64::from_le_bytes(b)).ok())
                .and_then(|c| offsets.last().and_then(|o| o.checked_add(c)));
            let Some(next) = count else {
                return Err(Error::Communication {
                    context: "RowShards::gather".into(),
                    rank: comm.rank(),
                    message: format!("rank {rank}'s row count is malformed or the total overflows"),
                });
            };
            offsets.push(next);
        }
        Ok(RowShards { offsets })
    }

    /// The shards from every rank's row count, in rank order, for when the
    /// caller knows them all (no communication).
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::RowShards;
    ///
    /// let shards = RowShards::from_counts(vec![4, 3, 3]);
    /// assert_eq!((shards.offset(2), shards.total_rows()), (7, 10));
    /// ```
    pub fn from_counts(counts: Vec<usize>) -> Self {
        let mut offsets = Vec::with_capacity(counts.len() + 1);
        offsets.push(0_usize);
        for count in counts {
            offsets.push(offsets[offsets.len() - 1].saturating_add(count));
        }
        RowShards { offsets }
    }

    /// The rows rank `rank` of `size` takes in an even split of `n_rows`:
    /// contiguous, the first `n_rows % size` ranks one row more. A helper
    /// for examples and tests that split one table; real shards come from
    /// each rank's own files.
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::RowShards;
    ///
    /// assert_eq!(RowShards::even_split(10, 0, 3), 0..4);
    /// assert_eq!(RowShards::even_split(10, 2, 3), 7..10);
    /// assert_eq!(RowShards::even_split(10, 5, 3), 10..10); // not a rank: empty
    /// ```
    pub fn even_split(n_rows: usize, rank: usize, size: usize) -> Range<usize> {
        if size == 0 || rank >= size {
            return n_rows..n_rows;
        }
        let (base, extra) = (n_rows / size, n_rows % size);
        let start = rank * base + rank.min(extra);
        start..start + base + usize::from(rank < extra)
    }

    /// The number of ranks.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::distributed::RowShards::from_counts(vec![1, 2]).n_ranks(), 2);
    /// ```
    pub fn n_ranks(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The global index of rank `rank`'s first row.
    ///
    /// # Panics
    /// When `rank` is not a rank (a caller's bug).
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::distributed::RowShards::from_counts(vec![5, 2]).offset(1), 5);
    /// ```
    pub fn offset(&self, rank: usize) -> usize {
        self.offsets[rank]
    }

    /// The number of rows rank `rank` holds.
    ///
    /// # Panics
    /// When `rank` is not a rank (a caller's bug).
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::distributed::RowShards::from_counts(vec![5, 2]).rows(1), 2);
    /// ```
    pub fn rows(&self, rank: usize) -> usize {
        self.offsets[rank + 1] - self.offsets[rank]
    }

    /// The global row indices of rank `rank`'s rows.
    ///
    /// # Panics
    /// When `rank` is not a rank (a caller's bug).
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::distributed::RowShards::from_counts(vec![5, 2]).global_rows(1), 5..7);
    /// ```
    pub fn global_rows(&self, rank: usize) -> Range<usize> {
        self.offsets[rank]..self.offsets[rank + 1]
    }

    /// The number of rows over all ranks.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::distributed::RowShards::from_counts(vec![5, 2]).total_rows(), 7);
    /// ```
    pub fn total_rows(&self) -> usize {
        self.offsets[self.offsets.len() - 1]
    }
}
