//! Tree-parallel forests on replicated data (the forests'
//! `fit_distributed_trees`): every rank holds all the rows, rank `r` grows
//! the trees `t` with `t % size == r` from the seeds `fit` uses, and the
//! ranks exchange their trees, so every rank ends with `fit`'s forest.

use crate::distributed::{Communicator, broadcast_seed};
use crate::error::{Error, Result};
use crate::tree::Tree;
use std::ops::Range;

/// The forest seed every rank uses: `fit`'s seed from `random_state`, or
/// rank 0's fresh entropy broadcast to the others when it is `None`.
pub(crate) fn agreed_seed(comm: Option<&dyn Communicator>, random_state: Option<u64>) -> Result<u64> {
    match comm {
        None => Ok(crate::random::seed_or_entropy(random_state)),
        Some(comm) => broadcast_seed(comm, "forest seed", random_state),
    }
}

/// The trees of `range` this process grows: all of them, or with a
/// communicator tree `t` on rank `t % size`.
pub(crate) fn owned_trees(range: Range<usize>, comm: Option<&dyn Communicator>) -> Vec<usize> {
    match comm {
        None => range.collect(),
        Some(comm) => range.filter(|t| t % comm.size() == comm.rank()).collect(),
    }
}

/// All the trees of `range` in tree order, on every rank, from each rank's
/// own (`mine`, the trees [`owned_trees`] gave it, in order): one
/// all-gather of their serialised bytes.
pub(crate) fn share_trees(
    comm: Option<&dyn Communicator>,
    name: &'static str,
    range: Range<usize>,
    mine: Vec<Tree>,
) -> Result<Vec<Tree>> {
    let Some(comm) = comm else { return Ok(mine) };
    gather(comm, name, range, mine)
}

#[cfg(feature = "serde")]
fn gather(comm: &dyn Communicator, name: &'static str, range: Range<usize>, mine: Vec<Tree>) -> Result<Vec<Tree>> {
    let fail = |message: String| Error::Communication {
        context: name.into(),
        rank: comm.rank(),
        message,
    };
    let bytes = postcard::to_allocvec(&mine).map_err(|e| fail(format!("cannot serialise this rank's trees: {e}")));
    let bytes = crate::distributed::agree(comm, bytes)?;
    let mut per_rank = Vec::with_capacity(comm.size());
    for (rank, part) in comm.all_gather_bytes(&bytes)?.iter().enumerate() {
        let trees: Vec<Tree> =
            postcard::from_bytes(part).map_err(|e| fail(format!("rank {rank}'s trees do not deserialise: {e}")))?;
        per_rank.push(trees.into_iter());
    }
    range
        .map(|t| {
            per_rank[t % comm.size()].next().ok_or_else(|| {
                fail(format!(
                    "rank {} sent too few trees (tree {t} missing)",
                    t % comm.size()
                ))
            })
        })
        .collect()
}

/// Without serde there is no tree exchange (and no `fit_distributed_trees`).
#[cfg(not(feature = "serde"))]
fn gather(comm: &dyn Communicator, name: &'static str, _range: Range<usize>, _mine: Vec<Tree>) -> Result<Vec<Tree>> {
    Err(Error::Communication {
        context: name.into(),
        rank: comm.rank(),
        message: "exchanging trees needs the serde feature".into(),
    })
}
