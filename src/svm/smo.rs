//! The SMO solver of libsvm (Fan, Chen and Lin, 2005): second-order
//! working-set selection, shrinking, and kernel rows from a bounded LRU cache.
//!
//! It solves
//!
//! ```text
//! min_α  ½ αᵀQα + pᵀα   subject to  yᵀα = const,  0 ≤ α_i ≤ C_i
//! ```
//!
//! with `Q_ij = y_i y_j K(x_i, x_j)` and `y_i = ±1`. C-SVC is `p = −1`;
//! epsilon-SVR and the nu variants are the same problem with another `p`,
//! `y` and sample list (a sample may appear twice in `rows`), which is why the
//! problem is described by those three vectors rather than by labels.

use super::cache::{CacheValue, KernelCache};
use super::kernel::KernelData;
use super::team::{self, Team, WORDS};
use std::ops::Range;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Replaces a non-positive curvature `K_ii + K_jj − 2K_ij` (libsvm's `TAU`).
const TAU: f64 = 1e-12;

/// One quadratic problem: which training rows, their signs, the linear term
/// and the upper bounds.
pub(crate) struct SmoProblem<'a> {
    pub(crate) kernel: &'a KernelData<'a>,
    /// The training row of each variable.
    pub(crate) rows: Vec<usize>,
    /// The distinct rows of `rows`, in order of first appearance, transposed
    /// ([`KernelData::columns`]); empty for a precomputed kernel, whose rows
    /// are gathered instead.
    pub(crate) columns: Vec<f64>,
    /// `+1` or `−1` per variable.
    pub(crate) y: Vec<f64>,
    /// The linear term `p`.
    pub(crate) p: Vec<f64>,
    /// The upper bound `C_i` per variable (> 0).
    pub(crate) c: Vec<f64>,
}

/// Solver settings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SmoOptions {
    pub(crate) tol: f64,
    pub(crate) max_iter: Option<usize>,
    pub(crate) shrinking: bool,
    pub(crate) cache_bytes: usize,
    /// Threads for one problem (see [`threads_for`]).
    pub(crate) threads: usize,
}

/// The solution: `α`, the threshold `ρ` (the decision is `Σ y_i α_i K − ρ`),
/// and how the solver stopped.
#[derive(Clone, Debug)]
pub(crate) struct SmoSolution {
    pub(crate) alpha: Vec<f64>,
    pub(crate) rho: f64,
    pub(crate) n_iter: usize,
    pub(crate) converged: bool,
}

/// The distinct training rows of a problem (in order of first appearance)
/// and each variable's position among them; `None` when no row repeats.
type Distinct = Option<(Vec<usize>, Vec<usize>)>;

#[derive(Clone, Copy, PartialEq)]
enum Bound {
    Lower,
    Upper,
    Free,
}

/// Fewest variables per solver thread: below this an iteration's share of
/// work is too short to pay for the barriers it costs (measured on 2
/// threads: 1,000 samples 8.0 → 5.2 ms, 2,000 samples 22 → 14 ms).
const MIN_VARIABLES_PER_THREAD: usize = 1024;

/// The number of threads [`solve`] uses for a problem of `n` variables
/// when `threads` are available: one when `nested` (the fit runs inside
/// other parallel work, see [`crate::parallel::nested`]), since the team's
/// threads are started outside rayon and would add to the pool's.
pub(crate) fn threads_for(n: usize, threads: usize, nested: bool) -> usize {
    if nested {
        return 1;
    }
    threads.clamp(1, (n / MIN_VARIABLES_PER_THREAD).max(1))
}

/// What every solver thread reads: the problem and the constants derived
/// from it.
struct Shared<'a> {
    problem: &'a SmoProblem<'a>,
    options: SmoOptions,
    /// `K_ii` per variable.
    diag: Vec<f64>,
    /// Per variable, the first variable with the same training row: the
    /// key of its kernel row in the cache (epsilon-SVR lists each row twice,
    /// and both variables' kernel rows are the same).
    key: Vec<usize>,
    /// When a training row appears more than once: the distinct rows (in
    /// order of first appearance) and each variable's position among them,
    /// so that a kernel row is computed over the distinct rows only and
    /// expanded (libsvm's `SVR_Q`).
    distinct: Distinct,
    /// Kernel rows the cache holds (the same on every thread).
    cache_rows: usize,
    /// When the team gives way to one thread.
    crowded: Crowding,
}

/// When a team of threads gives way to one thread.
#[derive(Clone, Copy)]
enum Crowding {
    /// When other processes keep the threads from their cores (see
    /// [`Worker::crowded`]).
    Measured,
    /// At the first check from this iteration on (for tests).
    #[cfg_attr(not(test), allow(dead_code))]
    AtIteration(usize),
}

/// The share of the threads' time spent waiting for each other above which
/// a window may be crowded. On a quiet machine the threads wait 5-25 % of
/// the time (the halves' active sets differ in size), and up to 80 % for a
/// while when they differ a lot; beside a busy process, 50-80 % throughout.
const WAITING: f64 = 0.5;

/// The share of the threads' time spent runnable but off their cores above
/// which a window is crowded (when the system tells it): what tells another
/// process's time slices from the halves' unequal work.
const QUEUED: f64 = 0.1;

/// Iterations between two checks of [`Worker::crowded`] (each costs one
/// exchange, a fraction of an iteration).
const CHECK_EVERY: usize = 32;

/// The shortest time over which waiting is judged.
const CROWD_WINDOW: Duration = Duration::from_millis(20);

/// Consecutive crowded windows before the team gives way.
const CROWDED_WINDOWS: u32 = 2;

/// The working pair of an iteration with the values the update needs, which
/// the threads owning `i` and `j` published.
#[derive(Clone, Copy)]
struct Pair {
    i: usize,
    j: usize,
    grad_i: f64,
    grad_j: f64,
    k_ij: f64,
}

/// One solver thread. It owns the variables of its [`Part`]: their gradients, their
/// part of every cached kernel row and their active list. `α` and the bound
/// status are small and change two entries per iteration, so every thread
/// keeps all of them. Every thread makes the same decisions (working pairs,
/// cache lookups, shrinking rounds) from the same exchanged numbers, and
/// each variable's values are computed by one thread in an order that does
/// not depend on the split: the solution is the same on any number of
/// threads.
struct Worker<'a> {
    shared: &'a Shared<'a>,
    team: &'a Team,
    id: usize,
    round: usize,
    cache: KernelCache,
    /// Per key: whether its cached row (if any) is complete, and the epoch
    /// in which it was computed.
    row_full: Vec<bool>,
    row_epoch: Vec<u64>,
    state: State,
    /// Time spent at the barrier, and since when; the thread's run-queue
    /// delay then; how many windows in a row were crowded (see
    /// [`Worker::crowded`]).
    waited: Duration,
    since: Instant,
    queued_since: Option<u64>,
    crowded_windows: u32,
}

/// The variables one thread owns: one range, or two (epsilon-SVR's halves,
/// which share their kernel rows), laid out one after the other in the
/// thread's arrays and cached rows.
#[derive(Clone, Debug)]
struct Part {
    ranges: Vec<Range<usize>>,
    /// Variables from `split` on are in the second range; a variable's
    /// position in the thread's arrays is its index minus `offset[0]` before
    /// `split` and minus `offset[1]` from it.
    split: usize,
    offset: [usize; 2],
}

impl Part {
    /// The variables of one range.
    fn one(range: Range<usize>) -> Self {
        Self::new(std::iter::once(range).collect())
    }

    /// The variables of two ranges, `first` before `second`.
    fn two(first: Range<usize>, second: Range<usize>) -> Self {
        Self::new([first, second].into_iter().collect())
    }

    /// The variables of `ranges` (increasing, disjoint; empty ones dropped).
    fn new(ranges: Vec<Range<usize>>) -> Self {
        let ranges: Vec<Range<usize>> = ranges.into_iter().filter(|r| !r.is_empty()).collect();
        debug_assert!(ranges.len() <= 2);
        let first = ranges.first().map_or(0..0, Clone::clone);
        let (split, second_offset) = match ranges.get(1) {
            Some(second) => (second.start, second.start - first.len()),
            None => (usize::MAX, 0),
        };
        Part {
            split,
            offset: [first.start, second_offset],
            ranges,
        }
    }

    fn len(&self) -> usize {
        self.ranges.iter().map(ExactSizeIterator::len).sum()
    }

    /// The position of owned variable `k` in the thread's arrays.
    #[inline]
    fn local(&self, k: usize) -> usize {
        k - self.offset[usize::from(k >= self.split)]
    }

    /// `active` (owned, increasing) cut where the second range starts, each
    /// piece with the offset from a variable to its position: loops over
    /// the pieces subtract a constant instead of choosing one per variable.
    #[inline]
    fn runs<'s>(&self, active: &'s [usize]) -> [(&'s [usize], usize); 2] {
        let cut = if self.split == usize::MAX {
            active.len()
        } else {
            active.partition_point(|&k| k < self.split)
        };
        [(&active[..cut], self.offset[0]), (&active[cut..], self.offset[1])]
    }

    /// The owned variables, increasing (their positions are 0, 1, …).
    fn variables(&self) -> impl Iterator<Item = usize> + '_ {
        self.ranges.iter().flat_map(Clone::clone)
    }

    /// Each range with where it starts in the thread's arrays.
    fn ranges_at(&self) -> impl Iterator<Item = (Range<usize>, usize)> + '_ {
        self.ranges.iter().scan(0, |at, r| {
            let start = *at;
            *at += r.len();
            Some((r.clone(), start))
        })
    }
}

/// Where a thread is in the solve: everything but its cache, so that the
/// solve can go on with fewer threads from where it was.
struct State {
    /// The variables this thread owns.
    part: Part,
    alpha: Vec<f64>,
    status: Vec<Bound>,
    /// `∇_k` for the owned `k` (at [`Part::local`]`(k)`).
    grad: Vec<f64>,
    /// `Σ_{j at upper bound} C_j Q_kj` for the owned `k`: lets the gradient
    /// of shrunk variables be rebuilt from the free ones only.
    grad_bar: Vec<f64>,
    /// The active variables among the owned ones, increasing.
    active: Vec<usize>,
    /// Active variables over all threads.
    n_active: usize,
    /// Bumped when the active set grows back (partial rows go stale).
    epoch: u64,
    unshrink: bool,
    /// Iterations left before the next shrinking round.
    counter: usize,
    n_iter: usize,
}

impl State {
    /// The start of a solve for the thread owning `part`.
    fn new(problem: &SmoProblem<'_>, part: Part) -> Self {
        let n = problem.rows.len();
        State {
            alpha: vec![0.0; n],
            status: vec![Bound::Lower; n],
            grad: part.variables().map(|k| problem.p[k]).collect(),
            grad_bar: vec![0.0; part.len()],
            active: part.variables().collect(),
            n_active: n,
            epoch: 0,
            unshrink: false,
            counter: n.min(1000) + 1,
            n_iter: 0,
            part,
        }
    }

    /// The threads' states joined into one that owns every variable: the
    /// same point of the same solve.
    fn join(parts: Vec<State>) -> State {
        let mut parts = parts.into_iter();
        let mut whole = parts.next().expect("at least one thread");
        let n = whole.alpha.len();
        let (mut grad, mut grad_bar) = (vec![0.0; n], vec![0.0; n]);
        let mut active = Vec::with_capacity(n);
        for part in std::iter::once(&whole).chain(parts.as_slice()) {
            for (p, k) in part.part.variables().enumerate() {
                grad[k] = part.grad[p];
                grad_bar[k] = part.grad_bar[p];
            }
            active.extend(&part.active);
        }
        active.sort_unstable();
        (whole.grad, whole.grad_bar, whole.active) = (grad, grad_bar, active);
        whole.part = Part::one(0..n);
        whole
    }
}

/// How a team's run of the solver ended.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Outcome {
    /// Optimal to `tol` (`true`) or stopped at `max_iter`.
    Done(bool),
    /// The threads spent most of their time waiting for each other (the
    /// machine is busy): go on with one thread.
    Crowded,
}

/// A duration as a word (saturating).
fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// Nanoseconds the calling thread has spent runnable but waiting for a core
/// (the second field of Linux's `/proc/thread-self/schedstat`); `None`
/// where the system does not tell (other operating systems, or a Linux
/// without schedstats). Then [`Worker::crowded`] judges by the waiting
/// alone: the team gives way to one thread after two windows in a row in
/// which its threads waited for each other more than half the time, which
/// a team beside a busy process does, but also (rarely, and costing only
/// the rest of that solve's parallelism) one whose halves' work is very
/// unequal. Nested use never depends on this check: inside other parallel
/// work the team has one thread from the start (see [`threads_for`]).
fn queued_nanos() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().nth(1)?.parse().ok()
}

/// Reads back an index published as a word.
fn index_of(word: u64) -> usize {
    usize::try_from(word).unwrap_or(usize::MAX)
}

impl<'a> Worker<'a> {
    fn new(shared: &'a Shared<'a>, team: &'a Team, id: usize, state: State) -> Self {
        let n = shared.problem.rows.len();
        Worker {
            shared,
            team,
            id,
            round: 0,
            cache: KernelCache::new(n, state.part.len(), shared.cache_rows),
            row_full: vec![false; n],
            row_epoch: vec![0; n],
            state,
            waited: Duration::ZERO,
            since: Instant::now(),
            queued_since: if team.size() > 1 { queued_nanos() } else { None },
            crowded_windows: 0,
        }
    }

    fn n(&self) -> usize {
        self.state.alpha.len()
    }

    fn bound(alpha: f64, c: f64) -> Bound {
        if alpha >= c {
            Bound::Upper
        } else if alpha <= 0.0 {
            Bound::Lower
        } else {
            Bound::Free
        }
    }

    fn update_status(&mut self, i: usize) {
        self.state.status[i] = Self::bound(self.state.alpha[i], self.shared.problem.c[i]);
    }

    /// Publishes `words` and folds every thread's words in thread order.
    fn exchange(&mut self, words: [u64; WORDS], each: impl FnMut(usize, [u64; WORDS])) {
        if self.team.size() == 1 {
            self.team.exchange(self.id, &mut self.round, words, each);
            return;
        }
        let start = Instant::now();
        self.team.exchange(self.id, &mut self.round, words, each);
        self.waited += start.elapsed();
    }

    /// Whether other processes keep the team from its cores, over
    /// [`CROWDED_WINDOWS`] consecutive windows of at least [`CROWD_WINDOW`]:
    /// a window is crowded when the threads spent more than [`WAITING`] of
    /// it waiting for each other and more than [`QUEUED`] of it runnable but
    /// off their cores (Linux's run-queue delay; without it, waiting alone
    /// decides). A team that moves in lockstep stalls whenever one of its
    /// threads loses its core; waiting alone also comes from the threads'
    /// unequal work, and one crowded window from a system daemon that took a
    /// core for a few milliseconds. A collective decision: every thread gets
    /// the same answer.
    fn crowded(&mut self) -> bool {
        let (waited, elapsed) = (self.waited, self.since.elapsed());
        let (mut all_waited, mut all_elapsed) = (0u64, 0u64);
        self.exchange([nanos(waited), nanos(elapsed), 0, 0, 0, 0], |_, w| {
            all_waited = all_waited.saturating_add(w[0]);
            all_elapsed = all_elapsed.saturating_add(w[1]);
        });
        if let Crowding::AtIteration(n_iter) = self.shared.crowded {
            return self.state.n_iter >= n_iter;
        }
        if all_elapsed < nanos(CROWD_WINDOW) * self.team.size() as u64 {
            return false;
        }
        // The window is complete (on every thread): how long each thread
        // was queued in it.
        let queued_now = queued_nanos();
        let queued = match (queued_now, self.queued_since) {
            (Some(now), Some(then)) => now.saturating_sub(then),
            _ => u64::MAX,
        };
        let mut all_queued = Some(0u64);
        self.exchange([queued, 0, 0, 0, 0, 0], |_, w| {
            all_queued = all_queued.and_then(|q| (w[0] != u64::MAX).then(|| q.saturating_add(w[0])));
        });
        (self.waited, self.since, self.queued_since) = (Duration::ZERO, Instant::now(), queued_now);
        let elapsed = all_elapsed as f64;
        let waiting = all_waited as f64 > WAITING * elapsed;
        let queued = all_queued.is_none_or(|q| q as f64 > QUEUED * elapsed);
        if waiting && queued {
            self.crowded_windows += 1;
        } else {
            self.crowded_windows = 0;
        }
        self.crowded_windows >= CROWDED_WINDOWS
    }

    /// The cache slot of this thread's part of kernel row `i`: `K(x_i, x_k)`
    /// for every owned `k` when `full`, otherwise at least for the
    /// active ones (as libsvm, a shrunk problem computes only the active part
    /// of a row).
    ///
    /// A partial row stays valid while the active set only shrinks, that is
    /// until the next [`Worker::reconstruct_gradient`] (a new epoch).
    fn kernel_row(&mut self, i: usize, full: bool) -> u32 {
        let shared = self.shared;
        // Rows from the transposed data are computed whole: streaming every
        // column costs less than gathering the active entries.
        let full = full || self.state.n_active == self.n() || !shared.problem.columns.is_empty();
        // Variables of the same training row share one cached row.
        let key = shared.key[i];
        let (active, part, parallel) = (&self.state.active, &self.state.part, self.team.size() == 1);
        let slot = match self.cache.lookup(key) {
            Some(s) if self.row_full[key] || (!full && self.row_epoch[key] == self.state.epoch) => return s,
            Some(s) => {
                fill_kernel_row(shared, active, i, (part, full, parallel), self.cache.row_mut(s));
                s
            }
            None => self.cache.slot(key, |out| {
                fill_kernel_row(shared, active, i, (part, full, parallel), out)
            }),
        };
        self.row_full[key] = full;
        self.row_epoch[key] = self.state.epoch;
        slot
    }

    /// libsvm's `select_working_set` (WSS 2): `i` maximises the violation
    /// `−y_i ∇_i` over the "up" set, `j` the second-order decrease of the
    /// objective. `None` when the maximal violation is below `tol`.
    ///
    /// Each thread scans its own variables; the candidates are combined with
    /// the serial scan's tie rule (the largest index among equals wins).
    fn select_working_set(&mut self) -> Option<Pair> {
        let (y, part) = (&self.shared.problem.y, &self.state.part);
        let mut gmax = f64::NEG_INFINITY;
        let mut gmax_idx = usize::MAX;
        for (run, offset) in part.runs(&self.state.active) {
            for &t in run {
                let g = self.state.grad[t - offset];
                if y[t] > 0.0 {
                    if self.state.status[t] != Bound::Upper && -g >= gmax {
                        gmax = -g;
                        gmax_idx = t;
                    }
                } else if self.state.status[t] != Bound::Lower && g >= gmax {
                    gmax = g;
                    gmax_idx = t;
                }
            }
        }
        let grad_i = if gmax_idx == usize::MAX {
            0.0
        } else {
            self.state.grad[part.local(gmax_idx)]
        };
        let words = [gmax.to_bits(), gmax_idx as u64, grad_i.to_bits(), 0, 0, 0];
        let (mut i, mut grad_i_all) = (usize::MAX, 0.0);
        gmax = f64::NEG_INFINITY;
        self.exchange(words, |_, w| {
            let (v, t) = (f64::from_bits(w[0]), index_of(w[1]));
            // The serial scan's tie rule, whatever the threads' order: the
            // last (largest) variable among equals.
            if t != usize::MAX && (v > gmax || (v == gmax && (i == usize::MAX || t > i))) {
                (gmax, i, grad_i_all) = (v, t, f64::from_bits(w[2]));
            }
        });
        let slot = (i != usize::MAX).then(|| self.kernel_row(i, false));
        let k_i = slot.map(|s| self.cache.row(s));
        let (y, diag, part) = (&self.shared.problem.y, &self.shared.diag, &self.state.part);
        let mut gmax2 = f64::NEG_INFINITY;
        let mut gmin_idx = usize::MAX;
        let mut obj_diff_min = f64::INFINITY;
        for (run, offset) in part.runs(&self.state.active) {
            for &j in run {
                let g = self.state.grad[j - offset];
                let grad_diff = if y[j] > 0.0 {
                    if self.state.status[j] == Bound::Lower {
                        continue;
                    }
                    gmax2 = gmax2.max(g);
                    gmax + g
                } else {
                    if self.state.status[j] == Bound::Upper {
                        continue;
                    }
                    gmax2 = gmax2.max(-g);
                    gmax - g
                };
                if grad_diff > 0.0 {
                    let k_i = k_i.expect("a violating pair has an i");
                    // Q_ii + Q_jj − 2 y_i y_j Q_ij is K_ii + K_jj − 2 K_ij for either sign.
                    let quad = diag[i] + diag[j] - 2.0 * f64::from(k_i[j - offset]);
                    let obj_diff = -(grad_diff * grad_diff) / if quad > 0.0 { quad } else { TAU };
                    if obj_diff <= obj_diff_min {
                        gmin_idx = j;
                        obj_diff_min = obj_diff;
                    }
                }
            }
        }
        let (grad_j, k_ij) = match (gmin_idx, k_i) {
            (usize::MAX, _) | (_, None) => (0.0, 0.0),
            (j, Some(k_i)) => (self.state.grad[part.local(j)], f64::from(k_i[part.local(j)])),
        };
        let words = [
            gmax2.to_bits(),
            obj_diff_min.to_bits(),
            gmin_idx as u64,
            grad_j.to_bits(),
            k_ij.to_bits(),
            0,
        ];
        let mut best = (f64::INFINITY, usize::MAX, 0.0, 0.0);
        gmax2 = f64::NEG_INFINITY;
        self.exchange(words, |_, w| {
            gmax2 = gmax2.max(f64::from_bits(w[0]));
            let (v, t) = (f64::from_bits(w[1]), index_of(w[2]));
            if t != usize::MAX && (v < best.0 || (v == best.0 && (best.1 == usize::MAX || t > best.1))) {
                best = (v, t, f64::from_bits(w[3]), f64::from_bits(w[4]));
            }
        });
        let (_, j, grad_j, k_ij) = best;
        if gmax + gmax2 < self.shared.options.tol || j == usize::MAX {
            None
        } else {
            Some(Pair {
                i,
                j,
                grad_i: grad_i_all,
                grad_j,
                k_ij,
            })
        }
    }

    /// Moves `α_i`, `α_j` to the minimum along the constraint line, clipped
    /// to the box, and updates the gradients (libsvm's update step).
    fn step(&mut self, pair: Pair) {
        let Pair {
            i,
            j,
            grad_i,
            grad_j,
            k_ij,
        } = pair;
        let problem = self.shared.problem;
        let (y, c, diag) = (&problem.y, &problem.c, &self.shared.diag);
        let (ci, cj) = (c[i], c[j]);
        let (old_ai, old_aj) = (self.state.alpha[i], self.state.alpha[j]);
        let si = self.kernel_row(i, false);
        let sj = self.kernel_row(j, false);
        let quad = {
            let q = diag[i] + diag[j] - 2.0 * k_ij;
            if q > 0.0 { q } else { TAU }
        };
        let (mut ai, mut aj) = (old_ai, old_aj);
        if y[i] != y[j] {
            let delta = (-grad_i - grad_j) / quad;
            let diff = ai - aj;
            ai += delta;
            aj += delta;
            if diff > 0.0 {
                if aj < 0.0 {
                    aj = 0.0;
                    ai = diff;
                }
            } else if ai < 0.0 {
                ai = 0.0;
                aj = -diff;
            }
            if diff > ci - cj {
                if ai > ci {
                    ai = ci;
                    aj = ci - diff;
                }
            } else if aj > cj {
                aj = cj;
                ai = cj + diff;
            }
        } else {
            let delta = (grad_i - grad_j) / quad;
            let sum = ai + aj;
            ai -= delta;
            aj += delta;
            if sum > ci {
                if ai > ci {
                    ai = ci;
                    aj = sum - ci;
                }
            } else if aj < 0.0 {
                aj = 0.0;
                ai = sum;
            }
            if sum > cj {
                if aj > cj {
                    aj = cj;
                    ai = sum - cj;
                }
            } else if ai < 0.0 {
                ai = 0.0;
                aj = sum;
            }
        }
        self.state.alpha[i] = ai;
        self.state.alpha[j] = aj;
        // ∇_k += Q_ki Δα_i + Q_kj Δα_j, with Q_ki = y_k y_i K_ki.
        let (di, dj) = (y[i] * (ai - old_ai), y[j] * (aj - old_aj));
        {
            let (ki, kj) = (self.cache.row(si), self.cache.row(sj));
            let State { part, grad, active, .. } = &mut self.state;
            for (run, offset) in part.runs(active) {
                for &k in run {
                    let p = k - offset;
                    grad[p] += y[k] * (f64::from(ki[p]) * di + f64::from(kj[p]) * dj);
                }
            }
        }
        let (was_upper_i, was_upper_j) = (
            self.state.status[i] == Bound::Upper,
            self.state.status[j] == Bound::Upper,
        );
        self.update_status(i);
        self.update_status(j);
        for (v, was_upper, cv) in [(i, was_upper_i, ci), (j, was_upper_j, cj)] {
            let is_upper = self.state.status[v] == Bound::Upper;
            if was_upper != is_upper {
                let sign = if is_upper { cv * y[v] } else { -cv * y[v] };
                // Ḡ covers every variable, shrunk ones included: a full row.
                let slot = self.kernel_row(v, true);
                let row = self.cache.row(slot);
                let State { part, grad_bar, .. } = &mut self.state;
                for ((g, k), &r) in grad_bar.iter_mut().zip(part.variables()).zip(row) {
                    *g += sign * y[k] * f64::from(r);
                }
            }
        }
    }

    /// The largest violations over the "up" and "low" sets (libsvm's
    /// `Gmax1`, `Gmax2` in `do_shrinking`), over every thread.
    fn max_violations(&mut self) -> (f64, f64) {
        let (y, part) = (&self.shared.problem.y, &self.state.part);
        let (mut g1, mut g2) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for &t in &self.state.active {
            let yg = y[t] * self.state.grad[part.local(t)];
            if y[t] > 0.0 {
                if self.state.status[t] != Bound::Upper {
                    g1 = g1.max(-yg);
                }
                if self.state.status[t] != Bound::Lower {
                    g2 = g2.max(yg);
                }
            } else {
                if self.state.status[t] != Bound::Upper {
                    g2 = g2.max(yg);
                }
                if self.state.status[t] != Bound::Lower {
                    g1 = g1.max(-yg);
                }
            }
        }
        let mut all = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        self.exchange([g1.to_bits(), g2.to_bits(), 0, 0, 0, 0], |_, w| {
            all = (all.0.max(f64::from_bits(w[0])), all.1.max(f64::from_bits(w[1])));
        });
        all
    }

    /// Whether a variable at a bound cannot move soon (libsvm's `be_shrunk`).
    fn be_shrunk(&self, t: usize, g1: f64, g2: f64) -> bool {
        let (y, g) = (self.shared.problem.y[t], self.state.grad[self.state.part.local(t)]);
        match self.state.status[t] {
            Bound::Upper => {
                if y > 0.0 {
                    -g > g1
                } else {
                    -g > g2
                }
            }
            Bound::Lower => {
                if y > 0.0 {
                    g > g2
                } else {
                    g > g1
                }
            }
            Bound::Free => false,
        }
    }

    fn do_shrinking(&mut self) {
        let (g1, g2) = self.max_violations();
        if !self.state.unshrink && g1 + g2 <= self.shared.options.tol * 10.0 {
            // Close to the end: bring every variable back once, so that the
            // final check covers all of them.
            self.state.unshrink = true;
            self.reconstruct_gradient();
        }
        let active = std::mem::take(&mut self.state.active);
        self.state.active = active.into_iter().filter(|&t| !self.be_shrunk(t, g1, g2)).collect();
        let mut n_active = 0;
        self.exchange([self.state.active.len() as u64, 0, 0, 0, 0, 0], |_, w| {
            n_active += index_of(w[0]);
        });
        self.state.n_active = n_active;
    }

    /// Rebuilds the gradient of the shrunk variables and makes every variable
    /// active again: `∇_t = Ḡ_t + p_t + Σ_{j free} Q_tj α_j`, summed over the
    /// free `j` in increasing order (the rows of the free variables, which
    /// are usually cached, and each `t` on the thread that owns it).
    fn reconstruct_gradient(&mut self) {
        let n = self.n();
        if self.state.n_active == n {
            return;
        }
        let problem = self.shared.problem;
        let part = &self.state.part;
        let mut is_active = vec![false; part.len()];
        for &t in &self.state.active {
            is_active[part.local(t)] = true;
        }
        // (variable, its position) of the shrunk ones.
        let inactive: Vec<(usize, usize)> = part
            .variables()
            .enumerate()
            .filter(|&(p, _)| !is_active[p])
            .map(|(p, t)| (t, p))
            .collect();
        for &(t, p) in &inactive {
            self.state.grad[p] = self.state.grad_bar[p] + problem.p[t];
        }
        let free: Vec<usize> = (0..n).filter(|&t| self.state.status[t] == Bound::Free).collect();
        let y = &problem.y;
        for &j in &free {
            let s = self.kernel_row(j, true);
            let coef = y[j] * self.state.alpha[j];
            let row = self.cache.row(s);
            for &(t, p) in &inactive {
                self.state.grad[p] += y[t] * coef * f64::from(row[p]);
            }
        }
        self.state.active = self.state.part.variables().collect();
        self.state.n_active = n;
        // Partial rows computed so far miss the variables just brought back.
        self.state.epoch += 1;
    }

    /// The solver's loop, run by every thread in lockstep, from where
    /// [`Worker::state`] says it is.
    fn run(&mut self) -> Outcome {
        let n = self.n();
        let options = self.shared.options;
        // libsvm's own cap when none is given.
        let max_iter = options
            .max_iter
            .unwrap_or_else(|| 10_000_000usize.max(n.saturating_mul(100)));
        while self.state.n_iter < max_iter {
            // Between two iterations the state is whole, so one thread can
            // take it over from here.
            if self.team.size() > 1 && self.state.n_iter % CHECK_EVERY == 0 && self.crowded() {
                return Outcome::Crowded;
            }
            self.state.counter -= 1;
            if self.state.counter == 0 {
                self.state.counter = n.min(1000);
                if options.shrinking {
                    self.do_shrinking();
                }
            }
            let pair = match self.select_working_set() {
                Some(pair) => pair,
                None => {
                    // Optimal on the active set: check every variable.
                    self.reconstruct_gradient();
                    match self.select_working_set() {
                        Some(pair) => {
                            // Restart shrinking from the full set, as libsvm does.
                            self.state.counter = 1;
                            pair
                        }
                        None => return Outcome::Done(true),
                    }
                }
            };
            self.state.n_iter += 1;
            self.step(pair);
        }
        // Stopped at max_iter: make the gradient whole before ρ.
        self.reconstruct_gradient();
        Outcome::Done(false)
    }
}

/// libsvm's `calculate_rho`: the mean of `y_i ∇_i` over the free
/// variables, or the middle of the feasible interval when none is free.
fn rho(status: &[Bound], y: &[f64], grad: &[f64]) -> f64 {
    let (mut ub, mut lb) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut sum_free, mut n_free) = (0.0, 0usize);
    for ((&s, &y), &g) in status.iter().zip(y).zip(grad) {
        let yg = y * g;
        match (s, y > 0.0) {
            (Bound::Upper, false) | (Bound::Lower, true) => ub = ub.min(yg),
            (Bound::Upper, true) | (Bound::Lower, false) => lb = lb.max(yg),
            (Bound::Free, _) => {
                n_free += 1;
                sum_free += yg;
            }
        }
    }
    if n_free > 0 {
        sum_free / n_free as f64
    } else {
        (ub + lb) / 2.0
    }
}

/// One thread's part of kernel row `i` into `out` (its variables in
/// [`Part`] order): every entry when computed from the transposed rows or
/// when `full`, otherwise those of the `active` variables. `parallel`: the
/// row may be split between rayon's threads (when the solver runs on one
/// thread).
fn fill_kernel_row(
    shared: &Shared<'_>,
    active: &[usize],
    i: usize,
    (part, full, parallel): (&Part, bool, bool),
    out: &mut [CacheValue],
) {
    let problem = shared.problem;
    let kernel = problem.kernel;
    let a = problem.rows[i];
    if problem.columns.is_empty() {
        if full {
            for (range, at) in part.ranges_at() {
                let len = range.len();
                kernel.fill_row(&problem.rows[range], a, &mut out[at..at + len], parallel);
            }
        } else {
            kernel.fill_row_at(&problem.rows, a, active, |k| part.local(k), out, parallel);
        }
    } else if let Some((rows, position)) = &shared.distinct {
        // Only the distinct rows this thread's variables use (epsilon-SVR's
        // halves of a thread use the same ones).
        let (low, high) = part
            .variables()
            .fold((usize::MAX, 0), |(l, h), k| (l.min(position[k]), h.max(position[k])));
        let mut row = vec![0.0; high + 1 - low];
        kernel.fill_row_from_columns(&problem.columns, rows, position[i], low, &mut row, parallel);
        for (o, k) in out.iter_mut().zip(part.variables()) {
            *o = row[position[k] - low];
        }
    } else {
        for (range, at) in part.ranges_at() {
            let len = range.len();
            kernel.fill_row_from_columns(
                &problem.columns,
                &problem.rows,
                i,
                range.start,
                &mut out[at..at + len],
                parallel,
            );
        }
    }
}

/// For each variable, the first variable with the same training row; and
/// when some row appears twice, the distinct rows with each variable's
/// position among them.
fn distinct_rows(rows: &[usize]) -> (Vec<usize>, Distinct) {
    let mut seen = std::collections::HashMap::with_capacity(rows.len());
    let mut distinct = Vec::new();
    let mut key = Vec::with_capacity(rows.len());
    let mut position = Vec::with_capacity(rows.len());
    for (k, &r) in rows.iter().enumerate() {
        let &mut (first, pos) = seen.entry(r).or_insert_with(|| {
            distinct.push(r);
            (k, distinct.len() - 1)
        });
        key.push(first);
        position.push(pos);
    }
    let duplicated = distinct.len() < rows.len();
    (key, duplicated.then_some((distinct, position)))
}

/// Solves `problem` from `α = 0` on `options.threads` threads (see
/// [`threads_for`]); the solution does not depend on their number. If the
/// threads mostly wait for each other (other processes share the cores),
/// the solve goes on with one thread from where it is.
pub(crate) fn solve(problem: &SmoProblem<'_>, options: &SmoOptions) -> SmoSolution {
    solve_with(problem, options, Crowding::Measured)
}

/// [`solve`] with the rule for giving way to one thread.
fn solve_with(problem: &SmoProblem<'_>, options: &SmoOptions, crowded: Crowding) -> SmoSolution {
    let n = problem.rows.len();
    let (key, distinct) = distinct_rows(&problem.rows);
    let shared = Shared {
        problem,
        options: *options,
        diag: problem.rows.iter().map(|&r| problem.kernel.eval(r, r)).collect(),
        key,
        distinct,
        cache_rows: KernelCache::rows_within(n, options.cache_bytes),
        crowded,
    };
    let threads = options.threads.clamp(1, n.max(1));
    #[cfg(test)]
    tests::record_team(n, threads);
    // `None` if the operating system refused a thread (nothing has run).
    let run = |threads: usize, states: Vec<State>| {
        let states: Vec<Mutex<Option<State>>> = states.into_iter().map(|s| Mutex::new(Some(s))).collect();
        let ended = team::run(threads, |id, team| {
            let state = states[id].lock().ok().and_then(|mut s| s.take());
            let mut worker = Worker::new(&shared, team, id, state.expect("one state per thread"));
            let outcome = worker.run();
            (outcome, worker.state)
        })
        .ok()?;
        let outcome = ended[0].0;
        Some((outcome, ended.into_iter().map(|(_, state)| state).collect::<Vec<_>>()))
    };
    // epsilon-SVR lists its rows twice: a thread owns the same share of both
    // halves, so that it computes only its share of each distinct row.
    let half = n / 2;
    let paired = shared.distinct.is_some() && n % 2 == 0 && problem.rows[..half] == problem.rows[half..];
    let part = |t: usize, threads: usize| {
        if paired {
            let (lo, hi) = (half * t / threads, half * (t + 1) / threads);
            Part::two(lo..hi, half + lo..half + hi)
        } else {
            Part::one(n * t / threads..n * (t + 1) / threads)
        }
    };
    let threads = if paired { threads.min(half) } else { threads };
    let start = (0..threads).map(|t| State::new(problem, part(t, threads))).collect();
    let mut ended = run(threads, start);
    if ended.is_none() {
        ended = run(1, vec![State::new(problem, part(0, 1))]);
    }
    if let Some((Outcome::Crowded, states)) = ended {
        ended = run(1, vec![State::join(states)]);
    }
    // One thread needs no other thread, and is never crowded.
    let (outcome, states) = ended.expect("one thread always runs");
    let converged = outcome == Outcome::Done(true);
    // Every thread ends with the same α, bound status and counts.
    let whole = State::join(states);
    SmoSolution {
        rho: rho(&whole.status, &problem.y, &whole.grad),
        alpha: whole.alpha,
        n_iter: whole.n_iter,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (variables, threads) of every solve, to check the team's size.
    static TEAMS: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());

    pub(super) fn record_team(n: usize, threads: usize) {
        TEAMS.lock().unwrap_or_else(|p| p.into_inner()).push((n, threads));
    }

    /// The team sizes of the solves of `n` variables so far.
    pub(crate) fn teams_of(n: usize) -> Vec<usize> {
        let teams = TEAMS.lock().unwrap_or_else(|p| p.into_inner());
        teams.iter().filter(|(m, _)| *m == n).map(|(_, t)| *t).collect()
    }

    #[test]
    fn a_fit_inside_parallel_work_starts_no_team_of_its_own() {
        use crate::svm::{SVC, SVR};
        use crate::traits::Estimator;
        // 2,054 rows, a size no other test solves: two threads' worth of
        // variables (MIN_VARIABLES_PER_THREAD each) for SVC, and half of
        // SVR's 2 × 2,054 variables each.
        let n = 2054;
        let x = ndarray::Array2::from_shape_fn((n, 2), |(i, j)| ((i * (7 + j * 6)) % 23) as f64 / 23.0);
        let y = ndarray::Array1::from_shape_fn(n, |i| usize::from(x[[i, 0]] + x[[i, 1]] > 1.0));
        let target = y.mapv(|v| v as f64);
        let svc = SVC::default().n_jobs(Some(2));
        let svr = SVR::default().n_jobs(Some(2));
        svc.fit(x.view(), y.view()).unwrap();
        svr.fit(x.view(), target.view()).unwrap();
        assert_eq!(teams_of(n), vec![2]);
        assert_eq!(teams_of(2 * n), vec![2]);
        // As inside GridSearchCV: a fit on a rayon worker, whose pool has the
        // cores already, solves on that thread alone.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        pool.install(|| {
            svc.fit(x.view(), y.view()).unwrap();
            svr.fit(x.view(), target.view()).unwrap();
        });
        assert_eq!(teams_of(n), vec![2, 1]);
        assert_eq!(teams_of(2 * n), vec![2, 1]);
    }

    #[test]
    fn duplicated_rows_share_a_key_and_a_position() {
        // epsilon-SVR's layout: the kept rows, then the same rows again.
        let (key, distinct) = distinct_rows(&[4, 7, 2, 4, 7, 2]);
        assert_eq!(key, [0, 1, 2, 0, 1, 2]);
        assert_eq!(distinct, Some((vec![4, 7, 2], vec![0, 1, 2, 0, 1, 2])));
        // SVC's rows are distinct: each variable is its own key.
        let (key, distinct) = distinct_rows(&[3, 1, 5]);
        assert_eq!(key, [0, 1, 2]);
        assert_eq!(distinct, None);
    }

    /// Overlapping two-class data: many bounded and free support vectors,
    /// so that shrinking and gradient reconstruction both happen.
    fn two_classes(n: usize, d: usize) -> (Vec<f64>, Vec<f64>) {
        let mut state = 7u64;
        let mut uniform = move || {
            state = crate::random::splitmix64(state);
            (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        let mut x = Vec::with_capacity(n * d);
        let mut y = Vec::with_capacity(n);
        for i in 0..n {
            let label = if i % 3 == 0 { -1.0 } else { 1.0 };
            for k in 0..d {
                x.push(uniform() * 2.0 + if k == 0 { 0.4 * label } else { 0.0 });
            }
            y.push(label);
        }
        (x, y)
    }

    /// Solves `problem` on 1, 2, 3 and 5 threads, on 2 and 3 that give way
    /// to one, and with a small and a tiny cache, and checks that the
    /// solutions are bit-identical.
    fn assert_thread_count_does_not_matter(problem: &SmoProblem<'_>, max_iter: Option<usize>) -> SmoSolution {
        let n = problem.rows.len();
        let options = |threads, cache_rows: usize| SmoOptions {
            tol: 1e-3,
            max_iter,
            shrinking: true,
            cache_bytes: cache_rows * n * std::mem::size_of::<CacheValue>(),
            threads,
        };
        let bits = |s: &SmoSolution| s.alpha.iter().map(|a| a.to_bits()).collect::<Vec<_>>();
        let one = solve(problem, &options(1, 40));
        assert!(one.alpha.iter().any(|&a| a > 0.0));
        // A crowded team goes on with one thread (forced here mid-solve).
        let measured = Crowding::Measured;
        let forced = Crowding::AtIteration(100);
        // Caches of 40 rows and of 2 (every row evicted at once).
        for cache_rows in [40, 2] {
            for (threads, crowded) in [
                (1, measured),
                (2, measured),
                (3, measured),
                (5, measured),
                (2, forced),
                (3, forced),
            ] {
                let many = solve_with(problem, &options(threads, cache_rows), crowded);
                let case = format!("{threads} threads, {cache_rows} cached rows");
                assert_eq!(bits(&one), bits(&many), "alpha on {case}");
                assert_eq!(one.rho.to_bits(), many.rho.to_bits(), "rho on {case}");
                assert_eq!((one.n_iter, one.converged), (many.n_iter, many.converged), "{case}");
            }
        }
        one
    }

    #[test]
    fn the_solution_is_the_same_on_any_number_of_threads() {
        let (n, d) = (700, 4);
        let (x, y) = two_classes(n, d);
        let norms: Vec<f64> = x.chunks_exact(d).map(|r| super::super::kernel::dot(r, r)).collect();
        let rbf = KernelData {
            data: &x,
            d,
            norms: &norms,
            kernel: super::super::kernel::ResolvedKernel::Rbf { gamma: 0.5 },
            sparse: None,
        };
        let rows: Vec<usize> = (0..n).collect();
        let svc = |kernel: &KernelData<'_>| {
            let columns = kernel.columns(&rows);
            (columns, vec![-1.0; n], vec![1.0; n])
        };
        // C-SVC from the transposed rows, converged and stopped early.
        let (columns, p, c) = svc(&rbf);
        let problem = SmoProblem {
            kernel: &rbf,
            rows: rows.clone(),
            columns,
            y: y.clone(),
            p,
            c,
        };
        let solution = assert_thread_count_does_not_matter(&problem, None);
        assert!(solution.converged);
        assert!(!assert_thread_count_does_not_matter(&problem, Some(150)).converged);
        // A precomputed kernel: rows gathered, partial while shrunk.
        let gram: Vec<f64> = (0..n * n).map(|k| rbf.eval(k / n, k % n)).collect();
        let precomputed = KernelData {
            data: &gram,
            d: n,
            norms: &[],
            kernel: super::super::kernel::ResolvedKernel::Precomputed,
            sparse: None,
        };
        let problem = SmoProblem {
            kernel: &precomputed,
            rows: rows.clone(),
            columns: Vec::new(),
            y: y.clone(),
            p: vec![-1.0; n],
            c: vec![1.0; n],
        };
        assert_thread_count_does_not_matter(&problem, None);
        // epsilon-SVR's layout: every row twice.
        let m = n / 2;
        let kept: Vec<usize> = (0..m).collect();
        let problem = SmoProblem {
            kernel: &rbf,
            rows: kept.iter().chain(&kept).copied().collect(),
            columns: rbf.columns(&kept),
            y: (0..2 * m).map(|k| if k < m { 1.0 } else { -1.0 }).collect(),
            p: (0..2 * m)
                .map(|k| if k < m { 0.1 - y[k] } else { 0.1 + y[k - m] })
                .collect(),
            c: vec![1.0; 2 * m],
        };
        assert_thread_count_does_not_matter(&problem, None);
    }
}
