//! A fixed team of threads that run the same loop in lockstep and meet at a
//! barrier to share a few numbers each (the SMO solver's working-set
//! reductions).
//!
//! An SMO iteration is a few tens of microseconds of work separated by two
//! reductions, far too short for a rayon fork-join per step (whose idle
//! workers fall asleep between iterations and take longer to wake than the
//! work they would share). The team's threads instead stay on their own
//! slice of the variables for the whole solve and spin at the barrier, so
//! each thread also keeps its slice of the data in its own cache.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

/// Words each member publishes per exchange.
pub(crate) const WORDS: usize = 6;

/// Spins before a waiting member starts yielding its core (on a machine
/// with more runnable threads than cores, the member it waits for may need
/// it).
const SPINS_BEFORE_YIELD: u32 = 1 << 12;

/// One member's published words, on its own cache lines.
#[repr(align(128))]
struct Slot([AtomicU64; WORDS]);

/// The team's shared state: a barrier and two sets of slots (used in
/// alternate rounds, so that a member may publish the next round's words
/// while another still reads this round's).
pub(crate) struct Team {
    size: usize,
    arrived: AtomicUsize,
    generation: AtomicUsize,
    poisoned: AtomicBool,
    slots: Vec<Slot>,
}

impl Team {
    fn new(size: usize) -> Self {
        Team {
            size,
            arrived: AtomicUsize::new(0),
            generation: AtomicUsize::new(0),
            poisoned: AtomicBool::new(false),
            slots: (0..2 * size)
                .map(|_| Slot(std::array::from_fn(|_| AtomicU64::new(0))))
                .collect(),
        }
    }

    /// The number of members.
    pub(crate) fn size(&self) -> usize {
        self.size
    }

    /// Waits until every member has arrived. Panics if another member
    /// panicked (it would never arrive).
    fn barrier(&self) {
        let generation = self.generation.load(Ordering::Acquire);
        if self.arrived.fetch_add(1, Ordering::AcqRel) + 1 == self.size {
            self.arrived.store(0, Ordering::Relaxed);
            self.generation.store(generation.wrapping_add(1), Ordering::Release);
            return;
        }
        let mut spins = 0u32;
        while self.generation.load(Ordering::Acquire) == generation {
            assert!(!self.poisoned.load(Ordering::Relaxed), "another solver thread panicked");
            if spins < SPINS_BEFORE_YIELD {
                spins += 1;
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
    }

    /// Publishes `mine` as member `id`'s words and calls `each(member,
    /// words)` for every member in member order once all have published.
    /// `round` counts the member's exchanges (every member makes the same
    /// sequence of calls).
    pub(crate) fn exchange(
        &self,
        id: usize,
        round: &mut usize,
        mine: [u64; WORDS],
        mut each: impl FnMut(usize, [u64; WORDS]),
    ) {
        if self.size == 1 {
            each(0, mine);
            return;
        }
        let base = (*round % 2) * self.size;
        *round += 1;
        for (slot, word) in self.slots[base + id].0.iter().zip(mine) {
            slot.store(word, Ordering::Relaxed);
        }
        self.barrier();
        for member in 0..self.size {
            let words = std::array::from_fn(|w| self.slots[base + member].0[w].load(Ordering::Relaxed));
            each(member, words);
        }
    }
}

/// Marks the team poisoned if its member panics, so that the others stop
/// waiting for it.
struct PoisonOnPanic<'a>(&'a Team);

impl Drop for PoisonOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.poisoned.store(true, Ordering::Relaxed);
        }
    }
}

/// Runs `member(id, team)` for `id` in `0..size`, member 0 on the calling
/// thread and the others on threads of their own, and returns the results
/// in member order.
pub(crate) fn run<R: Send>(size: usize, member: impl Fn(usize, &Team) -> R + Sync) -> Vec<R> {
    let team = Team::new(size.max(1));
    let (team, member) = (&team, &member);
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..team.size)
            .map(|id| {
                scope.spawn(move || {
                    let _guard = PoisonOnPanic(team);
                    member(id, team)
                })
            })
            .collect();
        let first = {
            let _guard = PoisonOnPanic(team);
            member(0, team)
        };
        std::iter::once(first)
            .chain(
                others
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
            )
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_member_sees_every_members_words_in_order() {
        for size in [1, 2, 3] {
            let sums = run(size, |id, team| {
                let mut round = 0;
                let mut seen = Vec::new();
                for r in 0..100u64 {
                    let mut words = [0u64; WORDS];
                    words[0] = r * 10 + id as u64;
                    let mut members = Vec::new();
                    team.exchange(id, &mut round, words, |m, w| members.push((m, w[0])));
                    seen.push(members);
                }
                seen
            });
            for seen in &sums {
                for (r, members) in seen.iter().enumerate() {
                    let want: Vec<(usize, u64)> = (0..size).map(|m| (m, r as u64 * 10 + m as u64)).collect();
                    assert_eq!(members, &want);
                }
            }
        }
    }

    #[test]
    fn a_panicking_member_does_not_leave_the_others_waiting() {
        let result = std::panic::catch_unwind(|| {
            run(2, |id, team| {
                assert!(id != 1, "member 1 fails");
                let mut round = 0;
                team.exchange(id, &mut round, [0; WORDS], |_, _| {});
            })
        });
        assert!(result.is_err());
    }
}
