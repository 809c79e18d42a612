//! Cutting a hierarchy into flat clusters with scikit-learn's numbering
//! (`_hc_cut`): the `k − 1` highest merges are undone largest node first,
//! with Python's `heapq` on negated node numbers, and cluster `i` is the
//! subtree of the `i`-th entry of that heap's array.

/// Restores the heap property from `pos` up towards the root (heapq's `_siftdown`).
fn sift_down(heap: &mut [i64], start: usize, mut pos: usize) {
    let item = heap[pos];
    while pos > start {
        let parent = (pos - 1) >> 1;
        if item < heap[parent] {
            heap[pos] = heap[parent];
            pos = parent;
        } else {
            break;
        }
    }
    heap[pos] = item;
}

/// Moves the smaller child up until a leaf, then sifts down (heapq's `_siftup`).
fn sift_up(heap: &mut [i64], mut pos: usize) {
    let end = heap.len();
    let start = pos;
    let item = heap[pos];
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && heap[child] >= heap[right] {
            child = right;
        }
        heap[pos] = heap[child];
        pos = child;
        child = 2 * pos + 1;
    }
    heap[pos] = item;
    sift_down(heap, start, pos);
}

/// The label of each of the `n_leaves` leaves when the tree `children`
/// (scipy numbering, merges in order) is cut into `n_clusters ≤ n_leaves`
/// clusters.
pub(crate) fn hc_cut(n_clusters: usize, children: &[[usize; 2]], n_leaves: usize) -> Vec<i64> {
    let mut labels = vec![0i64; n_leaves];
    let Some(last) = children.last() else {
        return labels;
    };
    let mut heap: Vec<i64> = vec![-((last[0].max(last[1]) + 1) as i64)];
    for _ in 1..n_clusters {
        let node = (-heap[0]) as usize;
        let [a, b] = children[node - n_leaves];
        heap.push(-(a as i64));
        let end = heap.len() - 1;
        sift_down(&mut heap, 0, end);
        // heappushpop: the new item replaces the top when it is larger.
        let item = -(b as i64);
        if heap[0] < item {
            heap[0] = item;
            sift_up(&mut heap, 0);
        }
    }
    let mut stack = Vec::new();
    for (label, &node) in heap.iter().enumerate() {
        stack.push((-node) as usize);
        while let Some(node) = stack.pop() {
            if node < n_leaves {
                labels[node] = label as i64;
            } else {
                stack.extend(children[node - n_leaves]);
            }
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The root's children become the clusters, numbered by heap position.
    #[test]
    fn two_clusters() {
        // Leaves 0..4: 4 = {0, 1}, 5 = {2, 3}, 6 = {4, 5}.
        let children = [[0, 1], [2, 3], [4, 5]];
        assert_eq!(hc_cut(2, &children, 4), vec![1, 1, 0, 0]);
        assert_eq!(hc_cut(1, &children, 4), vec![0, 0, 0, 0]);
        assert_eq!(
            hc_cut(4, &children, 4)
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            4
        );
    }
}
