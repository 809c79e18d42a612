//! The `k` best neighbours of one query: a bounded max-heap on
//! `(distance, index)`, shared by the tree searches and brute force.
//!
//! Comparing the pair, not the distance alone, is the tie rule of the whole
//! module: of several training rows at the same distance, the ones of
//! smaller index are kept and listed first, whatever the search.

use crate::float::Float;
use std::cmp::Ordering;

/// `(a_distance, a_index)` against `(b_distance, b_index)`; distances are
/// never NaN (inputs are checked finite).
#[inline]
pub(crate) fn pair_order<F: Float>(a: (F, usize), b: (F, usize)) -> Ordering {
    a.0.partial_cmp(&b.0).unwrap_or(Ordering::Equal).then(a.1.cmp(&b.1))
}

/// At most `k` `(reduced distance, index)` pairs, the largest at the root.
pub(crate) struct KBest<F> {
    k: usize,
    items: Vec<(F, usize)>,
}

impl<F: Float> KBest<F> {
    /// An empty heap keeping the `k ≥ 1` smallest pairs.
    pub(crate) fn new(k: usize) -> Self {
        KBest {
            k,
            items: Vec::with_capacity(k),
        }
    }

    /// Empties the heap for the next query, keeping its memory.
    pub(crate) fn clear(&mut self) {
        self.items.clear();
    }

    /// The distance a candidate must not exceed to enter: the largest kept
    /// one once the heap is full, infinity before.
    #[inline]
    pub(crate) fn bound(&self) -> F {
        if self.items.len() < self.k {
            F::infinity()
        } else {
            self.items[0].0
        }
    }

    /// Offers a pair; it is kept if the heap is not full or it orders
    /// before the largest kept pair (which it then replaces).
    #[inline]
    pub(crate) fn push(&mut self, distance: F, index: usize) {
        let item = (distance, index);
        if self.items.len() < self.k {
            self.items.push(item);
            self.sift_up(self.items.len() - 1);
        } else if pair_order(item, self.items[0]) == Ordering::Less {
            self.items[0] = item;
            self.sift_down(0);
        }
    }

    fn sift_up(&mut self, mut i: usize) {
        while i > 0 {
            let parent = (i - 1) / 2;
            if pair_order(self.items[i], self.items[parent]) != Ordering::Greater {
                break;
            }
            self.items.swap(i, parent);
            i = parent;
        }
    }

    fn sift_down(&mut self, mut i: usize) {
        let n = self.items.len();
        loop {
            let (l, r) = (2 * i + 1, 2 * i + 2);
            let mut largest = i;
            if l < n && pair_order(self.items[l], self.items[largest]) == Ordering::Greater {
                largest = l;
            }
            if r < n && pair_order(self.items[r], self.items[largest]) == Ordering::Greater {
                largest = r;
            }
            if largest == i {
                return;
            }
            self.items.swap(i, largest);
            i = largest;
        }
    }

    /// The kept pairs in ascending `(distance, index)` order, written into
    /// `distances` and `indices` (each of length `k`); the heap is left
    /// empty.
    pub(crate) fn drain_sorted(&mut self, distances: &mut [F], indices: &mut [usize]) {
        self.items.sort_unstable_by(|a, b| pair_order(*a, *b));
        for ((d, i), item) in distances.iter_mut().zip(indices.iter_mut()).zip(self.items.drain(..)) {
            *d = item.0;
            *i = item.1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_k_smallest_pairs_with_ties_by_index() {
        let mut heap = KBest::new(3);
        for (d, i) in [(5.0, 0), (1.0, 1), (3.0, 2), (1.0, 7), (3.0, 3), (0.5, 9), (3.0, 1)] {
            heap.push(d, i);
        }
        let (mut d, mut i) = ([0.0; 3], [0; 3]);
        heap.drain_sorted(&mut d, &mut i);
        assert_eq!(d, [0.5, 1.0, 1.0]);
        assert_eq!(i, [9, 1, 7]);
        let mut heap = KBest::new(2);
        for (d, idx) in [(2.0, 5), (2.0, 3), (2.0, 4), (2.0, 1)] {
            heap.push(d, idx);
        }
        let (mut d, mut i) = ([0.0; 2], [0; 2]);
        heap.drain_sorted(&mut d, &mut i);
        assert_eq!(i, [1, 3]);
    }
}
