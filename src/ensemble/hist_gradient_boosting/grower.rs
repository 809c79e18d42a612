//! Growing one tree, leaf-wise (best first) as scikit-learn's
//! `TreeGrower`: the splittable leaf of largest gain is split next, until
//! `max_leaf_nodes` leaves, or no leaf can be split.
//!
//! The node's samples are a range of one index array, partitioned in place
//! (stably: each side keeps the order of the indices, so every histogram
//! sums its samples in the same order whatever the thread count). Of two
//! children, only the one with fewer samples gets its histograms built from
//! its samples; the other's are the parent's minus those.

use super::histogram::{self, Bin, Layout};
use super::predictor::{Node, NodeKind, TreePredictor};
use super::split::{Bitset, MIN_HESSIAN_TO_SPLIT, NodeSums, SplitInfo, Splitter, bitset_contains, bitset_insert};
use crate::error::Result;
use crate::tree::Binned;
use rand::rngs::StdRng;
use rayon::prelude::*;

/// The limits of one tree.
pub(crate) struct GrowLimits {
    pub max_leaf_nodes: Option<usize>,
    pub max_depth: Option<usize>,
    pub min_samples_leaf: usize,
    pub shrinkage: f64,
    /// Features searched per split when subsampling (`max_features < 1`).
    pub n_features_per_split: Option<usize>,
}

struct GrowNode {
    start: usize,
    stop: usize,
    depth: usize,
    sums: NodeSums,
    split: Option<SplitInfo>,
    hist: Option<Vec<Bin>>,
    children: Option<(usize, usize)>,
    /// The node's split carried out (see [`Expansion`]) but not yet part
    /// of the tree.
    expansion: Option<Expansion>,
}

/// A splittable node's split carried out: its samples partitioned and,
/// unless the children may not be split, each child's histograms and best
/// split. Everything here depends only on the node (its samples, their
/// order, its histograms and split), not on when it is computed, so a
/// node can be expanded ahead of its turn, beside the node being split
/// (see [`grow`]); it becomes part of the tree when its turn comes.
struct Expansion {
    /// The samples going left (the front of the node's range).
    n_left: usize,
    /// Each child's histograms (kept only when the child has a split).
    hists: [Option<Vec<Bin>>; 2],
    /// Each child's best split, when it was searched and found one.
    splits: [Option<SplitInfo>; 2],
}

/// A grown tree and, for updating the training predictions, each leaf's
/// range in `indices` with its (shrunk) value.
pub(crate) struct Grown {
    pub tree: TreePredictor,
    pub leaves: Vec<(usize, usize, f64)>,
}

/// The training-time data one tree is grown on.
pub(crate) struct GrowData<'a> {
    pub binned: &'a Binned<u8>,
    pub splitter: Splitter<'a>,
    pub layout: &'a Layout,
    /// Each row's gradient and hessian (the hessian 0 when constant).
    pub gh: &'a [[f32; 2]],
    /// Every hessian is 1: the counts stand for the hessian sums.
    pub constant_hessian: bool,
    /// The root's counts per bin ([`histogram::root_counts`]).
    pub root_counts: &'a [u32],
    /// Combines the histograms built from this process's rows with every
    /// other process's and picks the best split over every process (the
    /// distributed fit); `None` on one process. Called in the same order
    /// on every process; the node counts are then the combined ones, the
    /// index ranges this process's.
    pub combine: Option<&'a dyn HistogramCombine>,
}

/// What the distributed fit does at each node (LightGBM's data-parallel
/// learner): every process builds the histograms of its rows, and a
/// reduce-scatter leaves each process the combined histograms of its own
/// block of features; each searches its features, and the best of their
/// splits is the node's.
pub(crate) trait HistogramCombine {
    /// The root's totals over every process (count, gradient and hessian
    /// sums), from this process's root histograms before [`Self::reduce`].
    fn root_sums(&self, local: &[Bin]) -> Result<(usize, f64, f64)>;
    /// Combines `hist` (this process's rows) with every process's: after
    /// the call, the bins of the features this process owns hold the sums
    /// over every process, the other features' bins zero.
    fn reduce(&self, hist: &mut [Bin]) -> Result<()>;
    /// The features whose split search runs on this process.
    fn owned(&self) -> std::ops::Range<usize>;
    /// The best of every process's best split over its own features (the
    /// same on every process): the largest gain, the lowest feature on
    /// ties, as one process's search over every feature picks it.
    fn best_split(&self, local: Option<SplitInfo>) -> Result<Option<SplitInfo>>;
}

/// Grows one tree. `indices` holds `0..n` on entry (in any state on exit
/// but the leaves' ranges); `scratch` is reused between trees.
///
/// The splits are made one at a time, the splittable leaf of largest gain
/// first. Splitting a node (partition, the smaller child's histograms, the
/// children's split search) is a few tens of microseconds on Adult's
/// 32,561 rows, too little to spread over threads piece by piece; instead,
/// on several threads, the best splittable leaf is expanded together with
/// the next best (disjoint samples, so the two run side by side), whose
/// expansion waits until its turn (most such leaves are split later; one
/// that is not is still a leaf with the same samples: a leaf's order of
/// samples does not matter). The tree is the same as one split at a time:
/// an expansion depends only on its node. Nothing is expanded ahead when
/// features are subsampled (the random draws must come in order) or when
/// histograms are combined across processes (every process must reduce
/// the same node at the same time).
///
/// # Errors
/// Only those of `data.combine`.
pub(crate) fn grow(
    data: &GrowData<'_>,
    limits: &GrowLimits,
    indices: &mut [u32],
    scratch: &mut [Vec<u32>; 2],
    rng: &mut StdRng,
) -> Result<Grown> {
    let binned = data.binned;
    let mut root_hist = histogram::build(binned, data.layout, indices, Some(data.root_counts), data.gh);
    // As scikit-learn: the root's sums are read off feature 0's histogram
    // (over every process when distributed: feature 0 may be another
    // process's, so the totals are combined on their own).
    let (n, g, h) = match data.combine {
        Some(combine) => {
            let sums = combine.root_sums(&root_hist)?;
            combine.reduce(&mut root_hist)?;
            sums
        }
        None => {
            let first = data.layout.feature(&root_hist, 0);
            let g: f64 = first.iter().map(|b| b.g).sum();
            let h: f64 = first.iter().map(|b| b.h).sum();
            (first.iter().map(|b| b.count as usize).sum::<usize>(), g, h)
        }
    };
    let h = if data.constant_hessian { n as f64 } else { h };
    let mut nodes = vec![GrowNode {
        start: 0,
        stop: indices.len(),
        depth: 0,
        sums: NodeSums { n, g, h, value: 0.0 },
        split: None,
        hist: Some(root_hist),
        children: None,
        expansion: None,
    }];
    // Splittable nodes, by index; the next split is the largest gain, the
    // oldest on ties.
    let mut splittable: Vec<usize> = Vec::new();
    let min_leaf = limits.min_samples_leaf;
    if n >= min_leaf.saturating_mul(2) && h >= MIN_HESSIAN_TO_SPLIT {
        let found = search(data, limits, nodes[0].hist.as_deref(), nodes[0].sums, rng)?;
        if found.is_some() {
            splittable.push(0);
        }
        nodes[0].split = found;
    }
    let ahead = rayon::current_num_threads() > 1 && limits.n_features_per_split.is_none() && data.combine.is_none();
    let [scratch, scratch_ahead] = scratch;
    let mut n_leaves = 1usize;
    while let Some(pos) = best_position(&nodes, &splittable) {
        let id = splittable.remove(pos);
        // This split is the tree's last: its children are leaves, and
        // their split search (random draws, combined histograms) is skipped.
        let last = limits.max_leaf_nodes.is_some_and(|m| n_leaves + 1 >= m);
        if nodes[id].expansion.is_none() {
            // The next best leaf not yet expanded, when some split after
            // this one and those already expanded is still to come.
            let pending = splittable.iter().filter(|&&c| nodes[c].expansion.is_none());
            let waiting = splittable.len() - pending.clone().count();
            let room = limits.max_leaf_nodes.is_none_or(|m| n_leaves + 1 + waiting < m);
            let next = pending
                .copied()
                .reduce(|best, c| if gain(&nodes, c) > gain(&nodes, best) { c } else { best })
                .filter(|_| ahead && room);
            match next {
                None => {
                    let (start, stop) = (nodes[id].start, nodes[id].stop);
                    let e = expand(
                        data,
                        limits,
                        &mut nodes[id],
                        &mut indices[start..stop],
                        scratch,
                        rng,
                        last,
                    )?;
                    nodes[id].expansion = Some(e);
                }
                Some(other) => {
                    let (a, b) = two_ranges(indices, &nodes[id], &nodes[other]);
                    let (node_a, node_b) = two_nodes(&mut nodes, id, other);
                    // Not drawn from: nothing is expanded ahead when
                    // features are subsampled.
                    let mut rng_b = rng.clone();
                    // The data without `combine` (none here), which is not `Sync`.
                    let (binned, splitter, layout, gh) = (data.binned, data.splitter, data.layout, data.gh);
                    let (constant_hessian, root_counts) = (data.constant_hessian, data.root_counts);
                    let local = move || GrowData {
                        binned,
                        splitter,
                        layout,
                        gh,
                        constant_hessian,
                        root_counts,
                        combine: None,
                    };
                    let (ea, eb) = rayon::join(
                        || expand(&local(), limits, node_a, a, scratch, rng, last),
                        || expand(&local(), limits, node_b, b, scratch_ahead, &mut rng_b, false),
                    );
                    nodes[id].expansion = Some(ea?);
                    nodes[other].expansion = Some(eb?);
                }
            }
        }
        let e = nodes[id].expansion.take().expect("expanded above");
        let split = nodes[id].split.clone().expect("splittable nodes have a split");
        let (start, stop, depth) = (nodes[id].start, nodes[id].stop, nodes[id].depth);
        let mid = start + e.n_left;
        let [hist_left, hist_right] = e.hists;
        let [split_left, split_right] = e.splits;
        let child = |start: usize, stop: usize, n: usize, g: f64, h: f64, value: f64| GrowNode {
            start,
            stop,
            depth: depth + 1,
            sums: NodeSums { n, g, h, value },
            split: None,
            hist: None,
            children: None,
            expansion: None,
        };
        let (left, right) = (nodes.len(), nodes.len() + 1);
        nodes.push(child(
            start,
            mid,
            split.n_left,
            split.g_left,
            split.h_left,
            split.value_left,
        ));
        nodes.push(child(
            mid,
            stop,
            split.n_right,
            split.g_right,
            split.h_right,
            split.value_right,
        ));
        nodes[id].children = Some((left, right));
        if !data.splitter.missing[split.feature] {
            // No missing values in training: at predict time they follow
            // the majority (scikit-learn's rule).
            nodes[id].split.as_mut().expect("split").missing_left = split.n_left > split.n_right;
        }
        n_leaves += 1;
        if last {
            splittable.clear();
            break;
        }
        for (c, hist, found) in [(left, hist_left, split_left), (right, hist_right, split_right)] {
            if found.is_some() {
                splittable.push(c);
                nodes[c].hist = hist;
            }
            nodes[c].split = found;
        }
    }
    // A leaf expanded ahead but never split had its samples partitioned:
    // they go back to increasing order, which every leaf's samples keep
    // (the partitions are stable from `0..n`) and the update of the raw
    // predictions relies on (`boosting::add_leaf_values`). The stable sort
    // finds the two increasing runs the stable partition left and merges
    // them in one pass (an unstable sort treated them as unordered).
    for node in nodes.iter().filter(|node| node.expansion.is_some()) {
        indices[node.start..node.stop].sort();
    }
    Ok(finish(binned, nodes, limits.shrinkage))
}

/// Carries out `node`'s split (see [`Expansion`]) on its samples
/// `indices`, taking its histograms; `last`: the split is the tree's last,
/// so its children are not searched.
fn expand(
    data: &GrowData<'_>,
    limits: &GrowLimits,
    node: &mut GrowNode,
    indices: &mut [u32],
    scratch: &mut Vec<u32>,
    rng: &mut StdRng,
    last: bool,
) -> Result<Expansion> {
    let split = node.split.as_ref().expect("splittable nodes have a split");
    let n_left = partition(data.binned, split, indices, scratch);
    // The split's counts are every process's; the local ones equal
    // them on one process.
    debug_assert!(data.combine.is_some() || (n_left, indices.len() - n_left) == (split.n_left, split.n_right));
    let mut expansion = Expansion {
        n_left,
        hists: [None, None],
        splits: [None, None],
    };
    let parent_hist = node.hist.take();
    if last || limits.max_depth.is_some_and(|d| node.depth + 1 >= d) {
        return Ok(expansion);
    }
    let sums = [
        NodeSums {
            n: split.n_left,
            g: split.g_left,
            h: split.h_left,
            value: split.value_left,
        },
        NodeSums {
            n: split.n_right,
            g: split.g_right,
            h: split.h_right,
            value: split.value_right,
        },
    ];
    let can_split = sums.map(|s| s.n >= limits.min_samples_leaf.saturating_mul(2));
    if !(can_split[0] || can_split[1]) {
        return Ok(expansion);
    }
    let (ranges, small) = {
        let ranges = [0..n_left, n_left..indices.len()];
        let small = if split.n_left < split.n_right { 0 } else { 1 };
        (ranges, small)
    };
    let mut small_hist = histogram::build(data.binned, data.layout, &indices[ranges[small].clone()], None, data.gh);
    if let Some(combine) = data.combine {
        combine.reduce(&mut small_hist)?;
    }
    let mut large_hist = parent_hist.expect("a split node has histograms");
    histogram::subtract_into(&mut large_hist, &small_hist);
    let mut hists = [None, None];
    hists[small] = Some(small_hist);
    hists[1 - small] = Some(large_hist);
    for c in 0..2 {
        if can_split[c] {
            expansion.splits[c] = search(data, limits, hists[c].as_deref(), sums[c], rng)?;
        }
        if expansion.splits[c].is_some() {
            expansion.hists[c] = hists[c].take();
        }
    }
    Ok(expansion)
}

/// The disjoint sample ranges of two different leaves, mutable.
fn two_ranges<'a>(indices: &'a mut [u32], a: &GrowNode, b: &GrowNode) -> (&'a mut [u32], &'a mut [u32]) {
    if a.start < b.start {
        let (head, tail) = indices.split_at_mut(b.start);
        (&mut head[a.start..a.stop], &mut tail[..b.stop - b.start])
    } else {
        let (head, tail) = indices.split_at_mut(a.start);
        (&mut tail[..a.stop - a.start], &mut head[b.start..b.stop])
    }
}

/// Two different nodes, mutable.
fn two_nodes(nodes: &mut [GrowNode], a: usize, b: usize) -> (&mut GrowNode, &mut GrowNode) {
    if a < b {
        let (head, tail) = nodes.split_at_mut(b);
        (&mut head[a], &mut tail[0])
    } else {
        let (head, tail) = nodes.split_at_mut(a);
        (&mut tail[0], &mut head[b])
    }
}

fn gain(nodes: &[GrowNode], id: usize) -> f64 {
    nodes[id].split.as_ref().expect("split").gain
}

fn best_position(nodes: &[GrowNode], splittable: &[usize]) -> Option<usize> {
    let gain = |i: usize| gain(nodes, splittable[i]);
    (0..splittable.len()).reduce(|best, i| if gain(i) > gain(best) { i } else { best })
}

/// The best split of a node with histograms `hist` and totals `sums`
/// (over every process's features when distributed), if any.
fn search(
    data: &GrowData<'_>,
    limits: &GrowLimits,
    hist: Option<&[Bin]>,
    sums: NodeSums,
    rng: &mut StdRng,
) -> Result<Option<SplitInfo>> {
    // Every process draws the same subsample (same seed, same calls), then
    // searches the part of it it owns.
    let mut features = limits.n_features_per_split.map(|k| {
        let mut chosen = rand::seq::index::sample(rng, data.splitter.n_bins.len(), k).into_vec();
        chosen.sort_unstable();
        chosen
    });
    if let Some(combine) = data.combine {
        let owned = combine.owned();
        features = Some(match features {
            Some(chosen) => chosen.into_iter().filter(|f| owned.contains(f)).collect(),
            None => owned.collect(),
        });
    }
    let hist = hist.expect("a node being split has histograms");
    let mut found = data.splitter.find(hist, sums, features.as_deref());
    if let Some(combine) = data.combine {
        found = combine.best_split(found)?;
    }
    Ok(found)
}

/// For every bin code, 1 when a sample with that code goes left.
fn left_table(split: &SplitInfo, missing_code: usize) -> [u8; 256] {
    std::array::from_fn(|code| {
        let left = match &split.left_codes {
            Some(set) => bitset_contains(set, code),
            None => code <= split.bin || (split.missing_left && code == missing_code),
        };
        left as u8
    })
}

/// Nodes of at least this many samples are partitioned in parallel, in
/// chunks of `PARTITION_CHUNK` (fixed, so the work does not depend on the
/// thread count; the result never does). On 800,000 rows the serial
/// partition was a tenth of a fit's instructions, all on one core.
const PARALLEL_PARTITION_MIN: usize = 1 << 16;
const PARTITION_CHUNK: usize = 1 << 14;

/// Stable in-place partition of a node's indices; returns the left count.
/// Large nodes are partitioned chunk by chunk in parallel, then the
/// chunks' left parts and right parts are put together in chunk order: the
/// same result as one pass over the node.
fn partition(binned: &Binned<u8>, split: &SplitInfo, indices: &mut [u32], scratch: &mut Vec<u32>) -> usize {
    let col = binned.column(split.feature);
    let table = left_table(split, binned.n_bins[split.feature]);
    let len = indices.len();
    if scratch.len() < len {
        scratch.resize(len, 0);
    }
    let right = &mut scratch[..len];
    if len < PARALLEL_PARTITION_MIN || rayon::current_num_threads() < 2 {
        let n_left = partition_chunk(col, &table, indices, right);
        indices[n_left..].copy_from_slice(&right[..len - n_left]);
        return n_left;
    }
    // Each chunk's left part at its front, its right part at the front of
    // its range of `right`.
    let n_lefts: Vec<usize> = indices
        .par_chunks_mut(PARTITION_CHUNK)
        .zip(right.par_chunks_mut(PARTITION_CHUNK))
        .map(|(chunk, right)| partition_chunk(col, &table, chunk, right))
        .collect();
    // The left parts moved down to be contiguous (each moves to an offset
    // at or below its own, so in chunk order nothing is overwritten before
    // it is moved), then the right parts after them.
    let mut n_left = 0;
    for (c, &nl) in n_lefts.iter().enumerate() {
        let from = c * PARTITION_CHUNK;
        indices.copy_within(from..from + nl, n_left);
        n_left += nl;
    }
    let mut at = n_left;
    for (c, &nl) in n_lefts.iter().enumerate() {
        let from = c * PARTITION_CHUNK;
        let n_right = (len - from).min(PARTITION_CHUNK) - nl;
        indices[at..at + n_right].copy_from_slice(&right[from..from + n_right]);
        at += n_right;
    }
    n_left
}

/// Stable partition of `indices`: the left ones to its front (the count is
/// returned), the right ones to the front of `right` (as long as `indices`).
/// Branch-free: every index is written to both sides and the side it does
/// not belong to is overwritten next, so the random split of the samples
/// costs no mispredicted branches.
fn partition_chunk(col: &[u8], table: &[u8; 256], indices: &mut [u32], right: &mut [u32]) -> usize {
    let len = indices.len();
    assert!(right.len() >= len, "a right side as long as the indices");
    let (mut n_left, mut n_right) = (0usize, 0usize);
    for k in 0..len {
        let i = indices[k];
        let left = table[col[i as usize] as usize] as usize;
        // SAFETY: n_left + n_right == k < len <= right.len() before this
        // step, so both writes are in bounds (the checks were a third of
        // the loop).
        unsafe {
            *indices.get_unchecked_mut(n_left) = i;
            *right.get_unchecked_mut(n_right) = i;
        }
        n_left += left;
        n_right += 1 - left;
    }
    n_left
}

/// The predictor's flat nodes (same indices as the grower's) and the leaves.
fn finish(binned: &Binned<u8>, nodes: Vec<GrowNode>, shrinkage: f64) -> Grown {
    let mut out = Vec::with_capacity(nodes.len());
    let mut bitsets = Vec::new();
    let mut leaves = Vec::new();
    for node in &nodes {
        let Some((left, right)) = node.children else {
            let value = node.sums.value * shrinkage;
            leaves.push((node.start, node.stop, value));
            out.push(Node {
                kind: NodeKind::Leaf,
                value,
                feature: 0,
                threshold: 0.0,
                missing_left: false,
                left: 0,
                right: 0,
                bitset: 0,
                count: node.sums.n as u32,
            });
            continue;
        };
        let split = node.split.as_ref().expect("an inner node has a split");
        let f = split.feature;
        let (kind, threshold, bitset) = match &split.left_codes {
            Some(codes) => {
                // Bin codes to raw category values: a categorical feature's
                // bin b holds exactly the category bin_min[f][b].
                let mut raw: Bitset = [0; 8];
                for b in 0..binned.n_bins[f] {
                    if bitset_contains(codes, b) {
                        bitset_insert(&mut raw, binned.bin_min[f][b] as usize);
                    }
                }
                bitsets.push(raw);
                (NodeKind::Categorical, 0.0, bitsets.len() as u32 - 1)
            }
            // A split "on missing values" (every value left, NaN right): the
            // largest finite threshold, not scikit-learn's +inf, which JSON
            // cannot carry; inputs are never infinite, so it is the same.
            None if split.bin + 1 >= binned.n_bins[f] => (NodeKind::Numeric, f64::MAX, 0),
            None => (NodeKind::Numeric, binned.threshold(f, split.bin, split.bin + 1), 0),
        };
        out.push(Node {
            kind,
            value: 0.0,
            feature: f as u32,
            threshold,
            missing_left: split.missing_left,
            left: left as u32,
            right: right as u32,
            bitset,
            count: node.sums.n as u32,
        });
    }
    Grown {
        tree: TreePredictor { nodes: out, bitsets },
        leaves,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::BinnedData;
    use rand::{Rng, SeedableRng};

    fn split_on(feature: usize, bin: usize, missing_left: bool, left_codes: Option<Bitset>) -> SplitInfo {
        SplitInfo {
            gain: 1.0,
            feature,
            bin,
            missing_left,
            left_codes,
            g_left: 0.0,
            h_left: 0.0,
            n_left: 0,
            g_right: 0.0,
            h_right: 0.0,
            n_right: 0,
            value_left: 0.0,
            value_right: 0.0,
        }
    }

    /// The chunked parallel partition of large nodes gives exactly the
    /// stable partition (the serial pass's result) on any thread count.
    #[test]
    fn parallel_partition_equals_the_stable_serial_partition() {
        let mut rng = StdRng::seed_from_u64(14);
        let n = 3 * PARALLEL_PARTITION_MIN + 123;
        let x = ndarray::Array2::from_shape_fn((n, 2), |(_, f)| {
            let v = rng.random_range(0..40) as f64;
            if f == 1 && v < 3.0 { f64::NAN } else { v }
        });
        let BinnedData::U8(binned) = BinnedData::new(x.view(), Some(255)) else {
            panic!("byte codes")
        };
        let mut codes: Bitset = [0; 8];
        for c in [0, 3, 4, 17, 39] {
            bitset_insert(&mut codes, c);
        }
        let splits = [
            split_on(0, 10, false, None),
            split_on(1, 20, true, None),
            split_on(1, 0, false, None),
            split_on(0, 39, false, None),
            split_on(0, 0, false, Some(codes)),
        ];
        for split in &splits {
            for sizes in [
                (0, n),
                (5, PARALLEL_PARTITION_MIN + 1),
                (17, 2 * PARALLEL_PARTITION_MIN + PARTITION_CHUNK),
            ] {
                // A node: an increasing subset of the rows, as partitions leave them.
                let node: Vec<u32> = (0..n as u32)
                    .filter(|i| i % 3 != 1 || sizes.0 == 0)
                    .take(sizes.1)
                    .collect();
                let table = left_table(split, binned.n_bins[split.feature]);
                let col = binned.column(split.feature);
                let goes_left = |i: &u32| table[col[*i as usize] as usize] == 1;
                let mut expected: Vec<u32> = node.iter().copied().filter(goes_left).collect();
                let expected_left = expected.len();
                expected.extend(node.iter().copied().filter(|i| !goes_left(i)));
                for threads in [1, 2, 3] {
                    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
                    let mut indices = node.clone();
                    let mut scratch = Vec::new();
                    let n_left = pool.install(|| partition(&binned, split, &mut indices, &mut scratch));
                    assert_eq!(n_left, expected_left, "{threads} threads");
                    assert_eq!(indices, expected, "{threads} threads");
                }
            }
        }
    }
}
