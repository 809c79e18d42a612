//! A bounded least-recently-used cache of kernel rows (libsvm's `Cache`).
//!
//! Rows are kept in `f64`; the budget, `cache_size` megabytes, decides how
//! many rows fit. When the solver runs on several threads, each keeps its
//! own part of every row in a cache of its own, and since all of them make
//! the same sequence of lookups, their caches hold the same rows.

/// Marks an index or slot with no counterpart.
const NONE: u32 = u32::MAX;

/// The cache: `capacity` slots of `len` values, an index → slot map, and a
/// doubly linked recency list over the slots (head = most recent).
pub(crate) struct KernelCache {
    len: usize,
    capacity: usize,
    slots: Vec<Vec<f64>>,
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
        let row_bytes = (n * std::mem::size_of::<f64>()).max(1);
        (bytes / row_bytes).clamp(2, n.max(2))
    }

    /// A cache of `capacity` rows, keyed `0..keys`, of `len` values each
    /// (`len` is the part of a kernel row one solver thread keeps).
    pub(crate) fn new(keys: usize, len: usize, capacity: usize) -> Self {
        KernelCache {
            len,
            capacity: capacity.max(2),
            slots: Vec::new(),
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
    pub(crate) fn row_mut(&mut self, s: u32) -> &mut [f64] {
        &mut self.slots[s as usize]
    }

    /// The slot holding row `i`, computing it with `fill` on a miss (evicting
    /// the least recently used row when full). Row `i` becomes the most
    /// recent, so the next call never evicts it.
    pub(crate) fn slot(&mut self, i: usize, fill: impl FnOnce(&mut [f64])) -> u32 {
        if let Some(s) = self.lookup(i) {
            return s;
        }
        let s = if self.slots.len() < self.capacity {
            self.slots.push(vec![0.0; self.len]);
            self.owner.push(NONE);
            self.prev.push(NONE);
            self.next.push(NONE);
            (self.slots.len() - 1) as u32
        } else {
            let victim = self.tail;
            self.unlink(victim);
            self.slot_of[self.owner[victim as usize] as usize] = NONE;
            victim
        };
        fill(&mut self.slots[s as usize]);
        self.computed += 1;
        self.owner[s as usize] = i as u32;
        self.slot_of[i] = s;
        self.push_front(s);
        s
    }

    /// The row in slot `s`.
    #[inline]
    pub(crate) fn row(&self, s: u32) -> &[f64] {
        &self.slots[s as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_the_least_recently_used_row() {
        // Room for two rows of 4 values.
        let mut cache = KernelCache::new(4, 4, KernelCache::rows_within(4, 2 * 4 * 8));
        let fill = |v: f64| move |row: &mut [f64]| row.fill(v);
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
