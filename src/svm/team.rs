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
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Words each member publishes per exchange.
pub(crate) const WORDS: usize = 6;

/// How long a waiting member spins before it sleeps. Far longer than a
/// normal wait (a few microseconds), so that sleeping only happens when the
/// member waited for has lost its core to another process. Waiting members
/// never yield: on Linux `sched_yield` hands the core to any other runnable
/// process for a whole time slice, even a `nice 19` one, which made two
/// threads four times slower than one beside a niced busy loop.
const SPIN: Duration = Duration::from_micros(200);

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
    /// Members asleep at the barrier, and where they sleep.
    sleepers: AtomicUsize,
    lock: Mutex<()>,
    wake: Condvar,
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
            sleepers: AtomicUsize::new(0),
            lock: Mutex::new(()),
            wake: Condvar::new(),
        }
    }

    /// The number of members.
    pub(crate) fn size(&self) -> usize {
        self.size
    }

    /// Waits until every member has arrived: spins for [`SPIN`], then
    /// sleeps until the last member wakes it. Panics if another member
    /// panicked (it would never arrive).
    fn barrier(&self) {
        let generation = self.generation.load(Ordering::Acquire);
        if self.arrived.fetch_add(1, Ordering::AcqRel) + 1 == self.size {
            self.arrived.store(0, Ordering::Relaxed);
            // SeqCst with the sleepers' count (below): either the last
            // member sees a sleeper and wakes it, or the sleeper sees the
            // new generation before it sleeps.
            self.generation.store(generation.wrapping_add(1), Ordering::SeqCst);
            if self.sleepers.load(Ordering::SeqCst) > 0 {
                let _held = self.lock.lock().unwrap_or_else(|e| e.into_inner());
                self.wake.notify_all();
            }
            return;
        }
        let passed = || self.generation.load(Ordering::Acquire) != generation;
        let start = Instant::now();
        let mut spins = 0u32;
        while !passed() {
            self.check_poisoned();
            std::hint::spin_loop();
            spins = spins.wrapping_add(1);
            if spins % 64 == 0 && start.elapsed() > SPIN {
                self.sleep_until(generation);
                return;
            }
        }
    }

    /// Unwinds (with a [`Poisoned`] payload, which prints nothing) if
    /// another member panicked: it will never arrive.
    fn check_poisoned(&self) {
        if self.poisoned.load(Ordering::Relaxed) {
            std::panic::resume_unwind(Box::new(Poisoned));
        }
    }

    /// Sleeps until the generation moves on from `generation` (or a member
    /// panics).
    fn sleep_until(&self, generation: usize) {
        let mut held = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.sleepers.fetch_add(1, Ordering::SeqCst);
        while self.generation.load(Ordering::SeqCst) == generation {
            self.check_poisoned();
            // A timeout, so that a poisoned team is noticed.
            held = self
                .wake
                .wait_timeout(held, Duration::from_millis(10))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        self.sleepers.fetch_sub(1, Ordering::SeqCst);
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

/// The payload of a member that stops because another one panicked.
struct Poisoned;

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
/// in member order; `Err` (before any member has started) if the operating
/// system refuses a thread. A panic in a member is resumed on the caller,
/// the first one that is not another member's echo of it.
pub(crate) fn run<R: Send>(size: usize, member: impl Fn(usize, &Team) -> R + Sync) -> std::io::Result<Vec<R>> {
    let team = Team::new(size.max(1));
    let (team, member) = (&team, &member);
    std::thread::scope(|scope| {
        let mut others = Vec::with_capacity(team.size - 1);
        for id in 1..team.size {
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                let _guard = PoisonOnPanic(team);
                // The start gate: no member starts until every thread runs.
                team.barrier();
                member(id, team)
            });
            match spawned {
                Ok(handle) => others.push(handle),
                Err(error) => {
                    // The threads at the gate unwind; no member has started.
                    team.poisoned.store(true, Ordering::Relaxed);
                    for handle in others {
                        let _ = handle.join();
                    }
                    return Err(error);
                }
            }
        }
        let first = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _guard = PoisonOnPanic(team);
            team.barrier();
            member(0, team)
        }));
        let all: Vec<std::thread::Result<R>> = std::iter::once(first)
            .chain(others.into_iter().map(|handle| handle.join()))
            .collect();
        if all.iter().any(Result::is_err) {
            let mut panics: Vec<_> = all.into_iter().filter_map(Result::err).collect();
            let cause = panics.iter().position(|p| !p.is::<Poisoned>()).unwrap_or(0);
            std::panic::resume_unwind(panics.swap_remove(cause));
        }
        Ok(all.into_iter().filter_map(Result::ok).collect())
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
            })
            .expect("threads start");
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
        for (size, failing) in [(2, 1), (3, 0), (3, 2)] {
            let result = std::panic::catch_unwind(|| {
                run(size, |id, team| {
                    assert!(id != failing, "member {id} fails");
                    let mut round = 0;
                    team.exchange(id, &mut round, [0; WORDS], |_, _| {});
                })
            });
            // The failing member's own panic reaches the caller, not the
            // others' echo of it.
            let payload = result.expect_err("the panic is resumed");
            let message = payload.downcast_ref::<String>().expect("assert! panics with a String");
            assert_eq!(message, &format!("member {failing} fails"));
        }
    }
}
