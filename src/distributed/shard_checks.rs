//! What every distributed fit checks about the ranks' shards together,
//! shared by the estimators' `fit_distributed` methods: each rank's own
//! validation outcome ([`agree`]), one feature count for all ranks, at least
//! one row in total, and the union of the ranks' class labels.

use super::communicator::{Communicator, ReduceOp, agree};
use crate::error::{Error, Result};

/// Makes every rank fail when one rank's own checks failed (`local`), when
/// the ranks' shards have different feature counts, or when no rank holds a
/// row; returns the total number of rows and `local`'s value. A rank may
/// hold no row.
pub(crate) fn check_shards<C: Communicator + ?Sized, T>(
    comm: &C,
    context: &'static str,
    (local_rows, local_cols): (usize, usize),
    local: Result<T>,
) -> Result<(usize, T)> {
    let value = agree(comm, local)?;
    // Min of (cols, -cols): the smallest and the largest count at once.
    let mut cols = [local_cols as i64, -(local_cols as i64)];
    comm.all_reduce_i64(&mut cols, ReduceOp::Min)?;
    let (fewest, most) = (cols[0], -cols[1]);
    if fewest != most {
        return Err(Error::invalid_input(
            context,
            format!(
                "the ranks' shards have different feature counts ({fewest} to {most}); this rank (rank {}) has {local_cols}",
                comm.rank()
            ),
        ));
    }
    if local_cols == 0 {
        return Err(Error::EmptyInput {
            context: context.into(),
            what: "features",
        });
    }
    let mut rows = [local_rows as i64];
    comm.all_reduce_i64(&mut rows, ReduceOp::Sum)?;
    if rows[0] == 0 {
        return Err(Error::EmptyInput {
            context: context.into(),
            what: "rows (on every rank)",
        });
    }
    Ok((rows[0] as usize, value))
}

/// The sorted distinct labels of every rank's `local` labels (one
/// all-gather of their serialised lists): the classes `fit` would find on
/// all the rows together.
#[cfg(feature = "serde")]
pub(crate) fn union_labels<C, L>(comm: &C, context: &'static str, local: &[L]) -> Result<Vec<L>>
where
    C: Communicator + ?Sized,
    L: crate::float::Label + serde::Serialize + serde::de::DeserializeOwned,
{
    let mut mine = local.to_vec();
    mine.sort_unstable();
    mine.dedup();
    let bytes = postcard::to_allocvec(&mine).map_err(|e| Error::Communication {
        context: context.into(),
        rank: comm.rank(),
        message: format!("cannot serialise this rank's labels: {e}"),
    });
    let bytes = agree(comm, bytes)?;
    let gathered = comm.all_gather_bytes(&bytes)?;
    let mut classes = Vec::new();
    for (rank, part) in gathered.iter().enumerate() {
        let labels: Vec<L> = postcard::from_bytes(part).map_err(|e| Error::Communication {
            context: context.into(),
            rank: comm.rank(),
            message: format!("rank {rank}'s labels do not deserialise: {e}"),
        })?;
        classes.extend(labels);
    }
    classes.sort_unstable();
    classes.dedup();
    Ok(classes)
}

/// This rank's sample weights as `f64`, checked as `fit` checks them, or
/// `None` when there are none; an empty shard has none to check
/// (`check_sample_weight` refuses weights that sum to zero).
pub(crate) fn check_shard_weight<F: crate::float::Float>(
    context: &'static str,
    sample_weight: Option<ndarray::ArrayView1<'_, F>>,
    n_rows: usize,
) -> Result<Option<ndarray::Array1<f64>>> {
    match sample_weight {
        Some(w) if !(n_rows == 0 && w.is_empty()) => Ok(Some(
            crate::validation::check_sample_weight(context, Some(w), n_rows)?.mapv(F::as_f64),
        )),
        _ => Ok(None),
    }
}

/// `local` after every rank has checked its own (see [`agree`]); `local`
/// itself without a communicator (the single-process path of code shared
/// with a distributed fit).
pub(crate) fn agreed<T>(comm: Option<&dyn Communicator>, local: Result<T>) -> Result<T> {
    match comm {
        Some(comm) => agree(comm, local),
        None => local,
    }
}

/// The seed every rank uses: `random_state`, or rank 0's fresh entropy
/// broadcast to the others (their own draws would differ).
pub(crate) fn broadcast_seed<C: Communicator + ?Sized>(
    comm: &C,
    context: &'static str,
    random_state: Option<u64>,
) -> Result<u64> {
    let mut bytes = crate::random::seed_or_entropy(random_state).to_le_bytes().to_vec();
    comm.broadcast_bytes(0, &mut bytes)?;
    <[u8; 8]>::try_from(bytes.as_slice())
        .map(u64::from_le_bytes)
        .map_err(|_| Error::Communication {
            context: context.into(),
            rank: comm.rank(),
            message: format!("rank 0 sent {} bytes for the seed, not 8", bytes.len()),
        })
}

/// A communicator of any type seen through a sized reference, so that code
/// shared with the single-process path can take an
/// `Option<&dyn Communicator>` whatever the caller's `C: ?Sized`.
pub(crate) struct ByRef<'a, C: ?Sized>(pub &'a C);

impl<C: Communicator + ?Sized> Communicator for ByRef<'_, C> {
    fn rank(&self) -> usize {
        self.0.rank()
    }

    fn size(&self) -> usize {
        self.0.size()
    }

    fn all_reduce_i64(&self, buf: &mut [i64], op: ReduceOp) -> Result<()> {
        self.0.all_reduce_i64(buf, op)
    }

    fn all_reduce_f64(&self, buf: &mut [f64], op: ReduceOp) -> Result<()> {
        self.0.all_reduce_f64(buf, op)
    }

    fn all_gather_bytes(&self, local: &[u8]) -> Result<Vec<Vec<u8>>> {
        self.0.all_gather_bytes(local)
    }

    fn broadcast_bytes(&self, root: usize, buf: &mut Vec<u8>) -> Result<()> {
        self.0.broadcast_bytes(root, buf)
    }

    fn bytes_sent(&self) -> u64 {
        self.0.bytes_sent()
    }
}

/// Makes every rank fail when the ranks' replicated data (which must be the
/// same on every rank) differ in shape: a cheap guard, not a proof that
/// the values agree.
pub(crate) fn check_replicated<C: Communicator + ?Sized>(
    comm: &C,
    context: &'static str,
    (rows, cols): (usize, usize),
) -> Result<()> {
    let (rows, cols) = (rows as i64, cols as i64);
    let mut extremes = [rows, -rows, cols, -cols];
    comm.all_reduce_i64(&mut extremes, ReduceOp::Min)?;
    if extremes[0] != -extremes[1] || extremes[2] != -extremes[3] {
        return Err(Error::invalid_input(
            context,
            format!(
                "every rank must hold the same data, but their shapes differ (rows {} to {}, columns {} to {}); rank {} has {rows} × {cols}",
                extremes[0],
                -extremes[1],
                extremes[2],
                -extremes[3],
                comm.rank()
            ),
        ));
    }
    Ok(())
}
