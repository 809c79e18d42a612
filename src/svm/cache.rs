//! A bounded least-recently-used cache of kernel rows (libsvm's `Cache`).
//!
//! Rows are kept in [`CacheValue`] (`f32`); the budget, `cache_size` megabytes, decides how
//! many rows fit. When the solver runs on several threads, each keeps its
//! own part of every row in a cache of its own, and since all of them make
//! the same sequence of lookups, their caches hold the same rows.

use crate::output::huge_zeroed;

/// The precision of cached kernel values: `f32`, as libsvm's `Qfloat`. It
/// halves the memory each row takes (so the cache holds twice as many rows
/// in `cache_size`) and the bytes each iteration streams; the gradient and
/// `α` stay in `f64`.
pub(crate) type CacheValue = f32;

/// Marks an index or slot with no counterpart.
const NONE: u32 = u32::MAX;

/// The cache: `capacity` slots of `len` values, an index → slot map, and a
/// doubly linked recency list over the slots (head = most recent).
pub(crate) struct KernelCache {
    len: usize,
    capacity: usize,
    /// `capacity × len` values, slot `s` at `s · len`: one zeroed allocation
    /// that the operating system maps in as rows are first written.
    store: Vec<CacheValue>,
    /// Slots handed out so far.
    used: usize,
    slot_of: Vec<u32>,
    owner: Vec<u32>,
    prev: Vec<u32>,
    next: Vec<u32>,
    head: u32,
    tail: u32,
    /// Rows computed (misses), for diagnostics.
    pub(crate) computed: usize,
}

impl KernelCache {
    /// How many rows of `n` values fit in `bytes` bytes (at least two, which
    /// the solver's two working rows need; at most `n`).
    pub(crate) fn rows_within(n: usize, bytes: usize) -> usize {
        let row_bytes = n.saturating_mul(std::mem::size_of::<CacheValue>()).max(1);
        (bytes / row_bytes).clamp(2, n.max(2))
    }

    /// Checks, before a solve, that `concurrent` caches for problems of `n`
    /// variables within a budget of `bytes` bytes each (`cache_size`) can be
    /// held: each is allocated whole, `rows_within(n, bytes)` rows of `n`
    /// values, so a budget above what the machine has is an
    /// [`Error::TooLarge`](crate::Error::TooLarge), not an abort.
    pub(crate) fn check_fits(context: &'static str, n: usize, bytes: usize, concurrent: usize) -> crate::Result<()> {
        let rows = Self::rows_within(n, bytes);
        crate::alloc::check_fits_values::<CacheValue>(
            context,
            || format!("{concurrent} kernel cache(s) of {rows} rows × {n} values (cache_size)"),
            &[concurrent, rows, n],
        )
    }

    /// A cache of `capacity` rows, keyed `0..keys`, of `len` values each
    /// (`len` is the part of a kernel row one solver thread keeps).
    pub(crate) fn new(keys: usize, len: usize, capacity: usize) -> Self {
        KernelCache {
            len,
            capacity: capacity.max(2),
            store: huge_zeroed(len * capacity.max(2)),
            used: 0,
            slot_of: vec![NONE; keys],
            owner: Vec::new(),
            prev: Vec::new(),
            next: Vec::new(),
            head: NONE,
            tail: NONE,
            computed: 0,
        }
    }

    fn unlink(&mut self, s: u32) {
        let (p, n) = (self.prev[s as usize], self.next[s as usize]);
        if p == NONE {
            self.head = n
        } else {
            self.next[p as usize] = n
        }
        if n == NONE {
            self.tail = p
        } else {
            self.prev[n as usize] = p
        }
    }

    fn push_front(&mut self, s: u32) {
        self.prev[s as usize] = NONE;
        self.next[s as usize] = self.head;
        if self.head != NONE {
            self.prev[self.head as usize] = s;
        }
        self.head = s;
        if self.tail == NONE {
            self.tail = s;
        }
    }

    /// The slot holding row `i`, if cached; it becomes the most recent.
    pub(crate) fn lookup(&mut self, i: usize) -> Option<u32> {
        let s = self.slot_of[i];
        if s == NONE {
            return None;
        }
        if self.head != s {
            self.unlink(s);
            self.push_front(s);
        }
        Some(s)
    }

    /// The row in slot `s`, to be (re)computed in place.
    pub(crate) fn row_mut(&mut self, s: u32) -> &mut [CacheValue] {
        let at = s as usize * self.len;
        &mut self.store[at..at + self.len]
    }

    /// The slot holding row `i`, computing it with `fill` on a miss (evicting
    /// the least recently used row when full). Row `i` becomes the most
    /// recent, so the next call never evicts it.
    pub(crate) fn slot(&mut self, i: usize, fill: impl FnOnce(&mut [CacheValue])) -> u32 {
        if let Some(s) = self.lookup(i) {
            return s;
        }
        let s = if self.used < self.capacity {
            self.used += 1;
            self.owner.push(NONE);
            self.prev.push(NONE);
            self.next.push(NONE);
            (self.used - 1) as u32
        } else {
            let victim = self.tail;
            self.unlink(victim);
            self.slot_of[self.owner[victim as usize] as usize] = NONE;
            victim
        };
        fill(self.row_mut(s));
        self.computed += 1;
        self.owner[s as usize] = i as u32;
        self.slot_of[i] = s;
        self.push_front(s);
        s
    }

    /// The row in slot `s`.
    #[inline]
    pub(crate) fn row(&self, s: u32) -> &[CacheValue] {
        let at = s as usize * self.len;
        &self.store[at..at + self.len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_the_least_recently_used_row() {
        // Room for two rows of 4 values.
        let mut cache = KernelCache::new(
            4,
            4,
            KernelCache::rows_within(4, 2 * 4 * std::mem::size_of::<CacheValue>()),
        );
        let fill = |v: CacheValue| move |row: &mut [CacheValue]| row.fill(v);
        let a = cache.slot(0, fill(0.0));
        cache.slot(1, fill(1.0));
        assert_eq!(cache.slot(0, fill(9.0)), a); // hit: 0 is now the most recent
        cache.slot(2, fill(2.0)); // evicts 1
        assert_eq!(cache.computed, 3);
        let s = cache.slot(0, fill(9.0));
        assert_eq!(cache.row(s), &[0.0; 4]);
        let s = cache.slot(1, fill(1.5)); // recomputed
        assert_eq!(cache.row(s), &[1.5; 4]);
        assert_eq!(cache.computed, 4);
    }
}
