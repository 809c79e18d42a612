//! Growing one tree from binned features: depth-first (or best-first with
//! `max_leaf_nodes`), sample indices partitioned stably, histograms built
//! for the smaller child and obtained by subtraction for the larger one.

use super::binning::{BinCode, Binned, BinnedData, FeatureCodes};
use super::histogram::{
    DenseScratch, SampleStats, build_full, compact, dense_gini_applies, feature_dense, feature_dense_gini,
    feature_sorted,
};
use super::options::Splitter;
use super::shared::SharedStats;
use super::split::{Candidate, Cut, Impurity, LeafLimits, consider, integer_gini, scan};
use super::tree::Tree;
use rand::Rng;
use rand::rngs::StdRng;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// scikit-learn's `EPSILON` in the tree builder.
const EPSILON: f64 = f64::EPSILON;

/// Codes of at most this many bytes in all are read from their columns
/// only: they stay in cache (a 2 MiB L2) whatever the order of the reads.
const ROWS_ABOVE_BYTES: usize = 4 << 20;

/// Nodes whose rows of codes take at most this many bytes read them from the
/// row-major copy (see [`Binned::rows`]): a quarter of a 2 MiB L2, so that the
/// node's rows stay there for its whole subtree next to the other scratch.
const ROW_NODE_BYTES: usize = 512 << 10;

/// The resolved growth parameters of one tree.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GrowParams {
    pub impurity: Impurity,
    pub max_depth: usize,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
    /// Absolute minimum weight of a leaf.
    pub min_weight_leaf: f64,
    pub max_features: usize,
    pub max_leaf_nodes: Option<usize>,
    pub min_impurity_decrease: f64,
    pub splitter: Splitter,
}

/// Grows a tree on the samples `idx` (each sample once; weights in `stats`).
pub(crate) fn grow(
    binned: &BinnedData,
    stats: &SampleStats,
    idx: Vec<u32>,
    params: &GrowParams,
    n_outputs: usize,
    rng: &mut StdRng,
) -> Tree {
    match binned {
        BinnedData::U8(b) => Builder::new(b, stats, None, params, rng).run(idx, n_outputs),
        BinnedData::U16(b) => Builder::new(b, stats, None, params, rng).run(idx, n_outputs),
        BinnedData::U32(b) => Builder::new(b, stats, None, params, rng).run(idx, n_outputs),
    }
}

/// Grows a tree data-parallel: `idx` are this rank's samples, `shared`
/// their statistics and the group they are summed over (see
/// [`shared`](super::shared)). Every rank of the group calls it with the
/// same `params` and a generator in the same state, and returns the same
/// tree. The node statistics, histograms and draws are the same as
/// [`grow`]'s on the statistics `shared` combines, but every histogram is
/// built per feature (no subtraction from the parent's).
pub(crate) fn grow_shared(
    binned: &Binned<u8>,
    shared: &SharedStats<'_>,
    idx: Vec<u32>,
    params: &GrowParams,
    n_outputs: usize,
    rng: &mut StdRng,
) -> Tree {
    // The per-row statistics are `shared`'s: this only gives the width.
    let width_only = SampleStats::Classes {
        code: Vec::new(),
        weight: Vec::new(),
        n_classes: shared.width() - 1,
    };
    Builder::new(binned, &width_only, Some(shared), params, rng).run(idx, n_outputs)
}

struct Builder<'a, B> {
    binned: &'a Binned<B>,
    stats: &'a SampleStats,
    /// The statistics over every rank's rows, for a data-parallel tree
    /// (then `stats` is unused, and the node counts are global ones).
    shared: Option<&'a SharedStats<'a>>,
    params: &'a GrowParams,
    rng: &'a mut StdRng,
    s: usize,
    /// Histogram offsets (in bins) of each feature in a full node histogram.
    offsets: Vec<usize>,
    /// Whether full histograms with subtraction are used.
    full_histograms: bool,
    /// Nodes with fewer samples than this do not keep a full histogram.
    min_hist_samples: usize,
    /// A permutation of the features: the draws of a node take them from it
    /// without replacement (see [`Builder::find_split`]).
    features: Vec<usize>,
    /// Where each feature is in `features`.
    position: Vec<usize>,
    /// See [`LeafLimits::integer_gini`].
    integer_gini: bool,
    /// Whether features that allow it are searched by
    /// [`feature_dense_gini`] (always; off only to test it against the
    /// general path).
    dense_gini: bool,
    /// The row-major codes, when the features are sampled per node and the
    /// columns do not fit in cache; nodes of at most `row_limit` samples read
    /// them (see [`Builder::codes`]).
    rows: Option<&'a [B]>,
    row_limit: usize,
    total_weight: f64,
    // scratch
    bins: Vec<u32>,
    bin_stats: Vec<f64>,
    dense: DenseScratch,
    pairs: Vec<(u32, u32)>,
    left: Vec<f64>,
    right: Vec<f64>,
    /// The right child's samples during a partition.
    right_rows: Vec<u32>,
}

/// A node waiting to be added to the tree.
struct Pending {
    start: usize,
    end: usize,
    depth: usize,
    parent: Option<(u32, bool)>,
    stats: Vec<f64>,
    hist: Option<Vec<f64>>,
    /// Features known to be constant in the node (constant in an ancestor).
    constants: Vec<u32>,
}

/// A node in the tree with the split it would make.
struct Open {
    node: u32,
    start: usize,
    end: usize,
    depth: usize,
    split: Candidate,
    /// Weighted impurity decrease relative to the whole training weight.
    improvement: f64,
    stats: Vec<f64>,
    hist: Option<Vec<f64>>,
    /// Features constant in the node, for its children.
    constants: Vec<u32>,
}

impl PartialEq for Open {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Open {}
impl PartialOrd for Open {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Open {
    /// Larger improvement first; ties to the earlier node.
    fn cmp(&self, other: &Self) -> Ordering {
        self.improvement
            .total_cmp(&other.improvement)
            .then_with(|| other.node.cmp(&self.node))
    }
}

impl<'a, B: BinCode> Builder<'a, B> {
    fn new(
        binned: &'a Binned<B>,
        stats: &'a SampleStats,
        shared: Option<&'a SharedStats<'a>>,
        params: &'a GrowParams,
        rng: &'a mut StdRng,
    ) -> Self {
        let p = binned.n_features();
        let mut offsets = vec![0usize; p + 1];
        for f in 0..p {
            offsets[f + 1] = offsets[f] + binned.n_codes(f);
        }
        let total_bins = offsets[p];
        // Full histograms pay off when every feature is searched at every
        // node; best-first growth would keep too many of them alive.
        // The random splitter needs no histogram at all.
        // (A data-parallel tree all-reduces each drawn feature's histogram
        // instead.)
        let full_histograms = shared.is_none()
            && params.max_features >= p
            && params.max_leaf_nodes.is_none()
            && params.splitter == Splitter::Best;
        let row_bytes = p * std::mem::size_of::<B>();
        let rows = if params.max_features < p && binned.n_rows * row_bytes > ROWS_ABOVE_BYTES {
            binned.rows()
        } else {
            None
        };
        Builder {
            binned,
            stats,
            shared,
            params,
            rng,
            s: shared.map_or(stats.width(), |shared| shared.width()),
            offsets,
            full_histograms,
            min_hist_samples: (total_bins / p.max(1)).max(32),
            features: (0..p).collect(),
            position: (0..p).collect(),
            rows,
            row_limit: ROW_NODE_BYTES / row_bytes.max(1),
            integer_gini: match stats {
                // (The shared statistics' weights are not all local.)
                SampleStats::Classes { weight, .. } => shared.is_none() && integer_gini(params.impurity, weight),
                SampleStats::Values { .. } => false,
            },
            dense_gini: true,
            total_weight: 0.0,
            bins: Vec::new(),
            bin_stats: Vec::new(),
            dense: DenseScratch::default(),
            pairs: Vec::new(),
            left: vec![0.0; stats.width()],
            right: vec![0.0; stats.width()],
            right_rows: Vec::new(),
        }
    }

    fn weight_of(&self, stats: &[f64]) -> f64 {
        self.params.impurity.of(&stats[1..]).0
    }

    fn run(mut self, mut idx: Vec<u32>, n_outputs: usize) -> Tree {
        let mut tree = Tree::new(self.binned.n_features(), n_outputs);
        let root_stats = match self.shared {
            Some(shared) => shared.totals(&idx),
            None => self.stats.total(&idx),
        };
        self.total_weight = self.weight_of(&root_stats);
        let root_hist = (self.full_histograms && idx.len() >= self.min_hist_samples).then(|| {
            let mut h = vec![0.0; self.offsets[self.binned.n_features()] * self.s];
            build_full(self.binned, self.stats, &self.offsets, &idx, &mut h);
            h
        });
        let root = Pending {
            start: 0,
            end: idx.len(),
            depth: 0,
            parent: None,
            stats: root_stats,
            hist: root_hist,
            constants: Vec::new(),
        };
        match self.params.max_leaf_nodes {
            None => {
                let mut stack = vec![root];
                while let Some(pending) = stack.pop() {
                    if let Some(open) = self.open(&mut tree, &idx, pending) {
                        let (left, right) = self.expand(&mut tree, &mut idx, open);
                        stack.push(right);
                        stack.push(left);
                    }
                }
            }
            Some(max_leaves) => {
                let mut heap = BinaryHeap::new();
                heap.extend(self.open(&mut tree, &idx, root));
                let mut leaves = 1;
                while leaves < max_leaves {
                    let Some(open) = heap.pop() else { break };
                    let (left, right) = self.expand(&mut tree, &mut idx, open);
                    leaves += 1;
                    heap.extend(self.open(&mut tree, &idx, left));
                    heap.extend(self.open(&mut tree, &idx, right));
                }
            }
        }
        tree
    }

    /// Adds a pending node to the tree as a leaf and finds its split, if it
    /// should have one.
    fn open(&mut self, tree: &mut Tree, idx: &[u32], pending: Pending) -> Option<Open> {
        let p = self.params;
        let n = self.node_count(pending.start..pending.end, &pending.stats);
        let (w, imp) = p.impurity.of(&pending.stats[1..]);
        let value = leaf_value(p.impurity, &pending.stats);
        let node = tree.add_leaf(imp, n as u64, w, &value);
        if let Some((parent, is_left)) = pending.parent {
            if is_left {
                tree.nodes[parent as usize].left = node;
            } else {
                tree.nodes[parent as usize].right = node;
            }
        }
        let is_leaf = pending.depth >= p.max_depth
            || n < p.min_samples_split
            || n < p.min_samples_leaf.saturating_mul(2)
            || w < 2.0 * p.min_weight_leaf
            || imp <= EPSILON;
        if is_leaf {
            return None;
        }
        let (split, constants) = self.find_split(
            &idx[pending.start..pending.end],
            &pending.stats,
            pending.hist.as_deref(),
            &pending.constants,
        );
        let split = split?;
        let (wl, il) = p.impurity.of(&split.left_stats[1..]);
        let right: Vec<f64> = pending
            .stats
            .iter()
            .zip(&split.left_stats)
            .map(|(t, l)| t - l)
            .collect();
        let (wr, ir) = p.impurity.of(&right[1..]);
        let improvement = (w / self.total_weight) * (imp - wr / w * ir - wl / w * il);
        if improvement + EPSILON < p.min_impurity_decrease {
            return None;
        }
        Some(Open {
            node,
            start: pending.start,
            end: pending.end,
            depth: pending.depth,
            split,
            improvement,
            stats: pending.stats,
            hist: pending.hist,
            constants,
        })
    }

    /// Makes an open node a split: sets its feature and threshold, partitions
    /// its samples and returns its two children.
    fn expand(&mut self, tree: &mut Tree, idx: &mut [u32], open: Open) -> (Pending, Pending) {
        let split = open.split;
        let f = split.feature;
        let node = &mut tree.nodes[open.node as usize];
        node.feature = f as u32;
        node.threshold = split
            .threshold
            .unwrap_or_else(|| self.binned.threshold(f, split.left_bin, split.right_bin));
        node.missing_left = split.missing_left;
        // Partition stably: codes <= left_bin first, the missing code
        // (after every bin of values) on the side the split chose.
        let codes = self.codes(f, open.end - open.start);
        let missing_code = if self.binned.missing[f] {
            self.binned.n_bins[f]
        } else {
            usize::MAX
        };
        let slice = &mut idx[open.start..open.end];
        let n_left = stable_partition(slice, &mut self.right_rows, |i| {
            let code = codes.get(i as usize);
            if code == missing_code {
                split.missing_left
            } else {
                code <= split.left_bin
            }
        });
        let mid = open.start + n_left;
        let left_stats = split.left_stats;
        let total_n = self.node_count(open.start..open.end, &open.stats) as f64;
        let mut right_stats: Vec<f64> = open.stats.iter().zip(&left_stats).map(|(t, l)| t - l).collect();
        right_stats[0] = total_n - left_stats[0];

        let (n_left, n_right) = (mid - open.start, open.end - mid);
        let (mut left_hist, mut right_hist) = (None, None);
        let parent_hist = open.hist.filter(|_| n_left.max(n_right) >= self.min_hist_samples);
        if let Some(mut parent_hist) = parent_hist {
            let (small_range, small_is_left) = if n_left <= n_right {
                (open.start..mid, true)
            } else {
                (mid..open.end, false)
            };
            let mut small = vec![0.0; parent_hist.len()];
            build_full(self.binned, self.stats, &self.offsets, &idx[small_range], &mut small);
            parent_hist.iter_mut().zip(&small).for_each(|(p, s)| *p -= s);
            let small = (n_left.min(n_right) >= self.min_hist_samples).then_some(small);
            if small_is_left {
                left_hist = small;
                right_hist = Some(parent_hist);
            } else {
                right_hist = small;
                left_hist = Some(parent_hist);
            }
        }
        let left = Pending {
            start: open.start,
            end: mid,
            depth: open.depth + 1,
            parent: Some((open.node, true)),
            stats: left_stats,
            hist: left_hist,
            constants: open.constants.clone(),
        };
        let right = Pending {
            start: mid,
            end: open.end,
            depth: open.depth + 1,
            parent: Some((open.node, false)),
            stats: right_stats,
            hist: right_hist,
            constants: open.constants,
        };
        (left, right)
    }

    /// The number of samples of a node (`range` of the local samples, with
    /// statistics `stats`): over every rank for a data-parallel tree.
    #[inline]
    fn node_count(&self, range: std::ops::Range<usize>, stats: &[f64]) -> usize {
        match self.shared {
            Some(_) => stats[0] as usize,
            None => range.len(),
        }
    }

    /// Feature `f`'s codes for a node of `n` samples: from the row-major
    /// copy for small nodes when there is one, else from its column.
    #[inline]
    fn codes(&self, f: usize, n: usize) -> FeatureCodes<'a, B> {
        self.binned.feature(f, self.rows.filter(|_| n <= self.row_limit))
    }

    /// Whether feature `f`'s bins in a node of `n` samples are best found
    /// through a dense histogram rather than by sorting the node's codes.
    /// The dense histogram's fixed cost is a bitmap word per 64 codes (see
    /// `DenseScratch`); sorting costs a few comparisons per sample, so it
    /// only pays for features with tens of thousands of codes (exact
    /// binning) in small nodes.
    #[inline]
    fn dense_pays(&self, f: usize, n: usize) -> bool {
        n * 512 >= self.binned.n_codes(f)
    }

    /// Swaps two entries of the feature permutation.
    #[inline]
    fn swap_features(&mut self, a: usize, b: usize) {
        self.features.swap(a, b);
        self.position[self.features[a]] = a;
        self.position[self.features[b]] = b;
    }

    /// The best split over up to `max_features` drawn features, and the
    /// features constant in the node (`known`, constant in an ancestor, then
    /// those found constant here), for its children.
    ///
    /// The draws follow scikit-learn's splitters (`node_split` with
    /// `n_known_constants` / `n_found_constants`): features are drawn without
    /// replacement from a permutation whose first `known.len()` entries are
    /// the known constants. Drawing one of those counts as a visit but costs
    /// nothing (on MNIST most pixels are constant in the small nodes of fully
    /// grown trees); a feature found constant joins them for the children.
    /// The search stops after `max_features` visits once a feature that
    /// varies has been seen, or when every feature has been drawn.
    fn find_split(
        &mut self,
        idx: &[u32],
        total: &[f64],
        hist: Option<&[f64]>,
        known: &[u32],
    ) -> (Option<Candidate>, Vec<u32>) {
        let p = self.binned.n_features();
        let limits = LeafLimits {
            min_samples_leaf: self.params.min_samples_leaf,
            min_weight_leaf: self.params.min_weight_leaf,
            integer_gini: self.integer_gini,
        };
        // The known constants first, in their order.
        for (k, &f) in known.iter().enumerate() {
            let at = self.position[f as usize];
            self.swap_features(k, at);
        }
        let n_known = known.len();
        // (A data-parallel tree's statistics are `shared`'s: its per-row
        // `stats` only give the width, and its histograms are not dense.)
        if self.params.splitter == Splitter::Best && hist.is_none() && self.shared.is_none() {
            self.dense.node(self.stats, idx);
        }
        let mut best: Option<Candidate> = None;
        let (mut visited, mut drawn_constants, mut found_constants) = (0usize, 0usize, 0usize);
        let mut total_constants = n_known;
        // Features at `f_i..` were searched; `n_known..total_constants` were
        // found constant here.
        let mut f_i = p;
        while f_i > total_constants
            && (visited < self.params.max_features || visited <= found_constants + drawn_constants)
        {
            visited += 1;
            let j = self.rng.random_range(drawn_constants..f_i - found_constants);
            if j < n_known {
                // A known constant: set it aside for the rest of the draws.
                self.swap_features(drawn_constants, j);
                drawn_constants += 1;
                continue;
            }
            let j = j + found_constants;
            let f = self.features[j];
            let varies = match self.params.splitter {
                // Without a node histogram, a feature whose codes are all
                // equal is constant whatever its code (one value, or all
                // missing): found by comparing codes, which stops at the
                // first difference, rather than by filling a histogram.
                // (In small MNIST nodes many drawn pixels are all zero.)
                // Not in a data-parallel tree: one rank's rows can agree
                // where the node's rows on all ranks do not.
                Splitter::Best
                    if hist.is_none() && self.shared.is_none() && same_code(self.codes(f, idx.len()), idx) =>
                {
                    false
                }
                // Gini on whole-number weights over a dense histogram,
                // scanned in place (the default forests' case).
                Splitter::Best
                    if self.dense_gini
                        && hist.is_none()
                        && self.shared.is_none()
                        && self.dense_pays(f, idx.len())
                        && dense_gini_applies(self.binned, self.stats, f, limits) =>
                {
                    feature_dense_gini(
                        self.binned,
                        f,
                        self.codes(f, idx.len()),
                        idx,
                        &mut self.dense,
                        total,
                        limits,
                        &mut best,
                    )
                }
                Splitter::Best => {
                    self.feature_bins(f, idx, hist);
                    // The missing code sorts after every bin of values.
                    let has_missing =
                        self.binned.missing[f] && self.bins.last() == Some(&(self.binned.n_bins[f] as u32));
                    scan(
                        self.params.impurity,
                        f,
                        &self.bins,
                        &self.bin_stats,
                        has_missing,
                        total,
                        limits,
                        &mut self.left,
                        &mut self.right,
                        &mut best,
                    )
                }
                Splitter::Random => self.random_split(f, idx, total, limits, &mut best),
            };
            if varies {
                f_i -= 1;
                self.swap_features(f_i, j);
            } else {
                self.swap_features(j, total_constants);
                found_constants += 1;
                total_constants += 1;
            }
        }
        let mut constants = Vec::with_capacity(total_constants);
        constants.extend_from_slice(known);
        constants.extend(self.features[n_known..total_constants].iter().map(|&f| f as u32));
        (best, constants)
    }

    /// Extra trees' random split of feature `f` (see [`Splitter`]): `t`
    /// uniform between the node's smallest and largest value (scikit-learn's
    /// `RandomSplitter`, including its `t = max → t = min` rule); the bins
    /// whose mid-range is `<= t` go left, at least the node's lowest bin and
    /// at most all but its highest. The stored threshold is `t` when it lies
    /// between the two bins around the cut (always, with one bin per distinct
    /// value), else their midpoint. No histogram: one pass for the node's
    /// code range and one for the left statistics. Returns `false` when `f` is
    /// constant in the node.
    ///
    /// Missing values, when the node has some, go to a side drawn at random
    /// after the threshold (scikit-learn's rule; it does not try the split of
    /// the missing values from the rest as the best splitter does). Then a
    /// feature with a single value in the node is not constant: its values
    /// go left and the split stands if the missing values were drawn right.
    fn random_split(
        &mut self,
        f: usize,
        idx: &[u32],
        total: &[f64],
        limits: LeafLimits,
        best: &mut Option<Candidate>,
    ) -> bool {
        let codes = self.codes(f, idx.len());
        let n_bins = self.binned.n_bins[f];
        let (mut lo, mut hi, mut has_missing) = (usize::MAX, 0usize, false);
        if let Some(shared) = self.shared {
            (lo, hi, has_missing) = shared.code_range(codes, n_bins, idx);
        } else {
            for &i in idx {
                let c = codes.get(i as usize);
                if c == n_bins {
                    has_missing = true;
                } else {
                    lo = lo.min(c);
                    hi = hi.max(c);
                }
            }
        }
        if lo == usize::MAX || (lo == hi && !has_missing) {
            return false;
        }
        let (bin_min, bin_max) = (&self.binned.bin_min[f], &self.binned.bin_max[f]);
        let (v_lo, v_hi) = (bin_min[lo], bin_max[hi]);
        let u: f64 = self.rng.random();
        let mut t = v_lo + (v_hi - v_lo) * u;
        let missing_left = has_missing.then(|| self.rng.random::<bool>());
        if t >= v_hi {
            t = v_lo;
        }
        // The first bin in lo..hi whose mid-range is above t (mid-ranges increase).
        let (mut a, mut b) = (lo, hi);
        while a < b {
            let m = (a + b) / 2;
            if bin_min[m] / 2.0 + bin_max[m] / 2.0 <= t {
                a = m + 1;
            } else {
                b = m;
            }
        }
        // With a single value (and missing values) every value goes left.
        let cut = a.saturating_sub(1).clamp(lo, hi.max(lo + 1) - 1);
        let threshold = if lo == hi || (bin_max[cut] <= t && t < bin_min[cut + 1]) {
            t
        } else {
            self.binned.threshold(f, cut, cut + 1)
        };
        let go_missing_left = missing_left == Some(true);
        let goes_left = |c: usize| (c <= cut && c != n_bins) || (c == n_bins && go_missing_left);
        if let Some(shared) = self.shared {
            shared.sum_where(idx, |i| goes_left(codes.get(i)), &mut self.left);
        } else {
            self.left.iter_mut().for_each(|v| *v = 0.0);
            for &i in idx {
                if goes_left(codes.get(i as usize)) {
                    self.stats.add(&mut self.left, i as usize);
                }
            }
        }
        let cut = Cut {
            feature: f,
            left_bin: cut,
            right_bin: cut + 1,
            threshold: Some(threshold),
            missing_left,
        };
        consider(
            self.params.impurity,
            cut,
            &self.left,
            total,
            limits,
            &mut self.right,
            best,
        );
        true
    }

    /// Fills `self.bins`/`self.bin_stats` with feature `f`'s non-empty bins.
    fn feature_bins(&mut self, f: usize, idx: &[u32], hist: Option<&[f64]>) {
        let s = self.s;
        if let Some(shared) = self.shared {
            let codes = self.codes(f, idx.len());
            shared.feature_bins(codes, self.binned.n_codes(f), idx, &mut self.bins, &mut self.bin_stats);
        } else if let Some(h) = hist {
            compact(
                &h[self.offsets[f] * s..self.offsets[f + 1] * s],
                s,
                &mut self.bins,
                &mut self.bin_stats,
            );
        } else if self.dense_pays(f, idx.len()) {
            feature_dense(
                self.binned,
                self.stats,
                f,
                self.codes(f, idx.len()),
                idx,
                &mut self.dense,
                &mut self.bins,
                &mut self.bin_stats,
            );
        } else {
            feature_sorted(
                self.stats,
                self.codes(f, idx.len()),
                idx,
                &mut self.pairs,
                &mut self.bins,
                &mut self.bin_stats,
            );
        }
    }
}

/// Whether every sample of `idx` has the same code.
#[inline]
fn same_code<B: BinCode>(codes: FeatureCodes<'_, B>, idx: &[u32]) -> bool {
    match idx.first() {
        Some(&first) => {
            let c = codes.get(first as usize);
            idx[1..].iter().all(|&i| codes.get(i as usize) == c)
        }
        None => true,
    }
}

/// Moves the samples of `slice` for which `go_left` holds before the others,
/// keeping the order within each side (through `scratch`), and returns how
/// many went left.
///
/// The samples of the root are in increasing row order, so every node's are:
/// a node's gathers of a feature's codes then walk the column forwards and
/// share cache lines, where the in-place swap partition scrambled them and
/// each gather jumped at random through the column (the profile's cache
/// misses). Branch-free: each sample is written to both sides and only the
/// side's count moves, as the split's outcome is unpredictable.
fn stable_partition(slice: &mut [u32], scratch: &mut Vec<u32>, go_left: impl Fn(u32) -> bool) -> usize {
    scratch.clear();
    scratch.resize(slice.len(), 0);
    let (mut n_left, mut n_right) = (0usize, 0usize);
    for k in 0..slice.len() {
        let i = slice[k];
        let left = go_left(i);
        // `n_left <= k`: the write never overtakes the read.
        slice[n_left] = i;
        scratch[n_right] = i;
        n_left += left as usize;
        n_right += !left as usize;
    }
    slice[n_left..].copy_from_slice(&scratch[..n_right]);
    n_left
}

/// A node's value: class fractions (classification) or the mean (regression).
fn leaf_value(impurity: Impurity, stats: &[f64]) -> Vec<f64> {
    match impurity {
        Impurity::SquaredError => vec![if stats[1] > 0.0 { stats[2] / stats[1] } else { 0.0 }],
        _ => {
            let w: f64 = stats[1..].iter().sum();
            stats[1..]
                .iter()
                .map(|c| if w > 0.0 { (c / w).max(0.0) } else { 0.0 })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;
    use rand::SeedableRng;

    /// Reading small nodes' codes from the row-major copy grows the same
    /// trees as reading the columns, to the last bit (the samples are added
    /// in the same order): both splitters, classification with fractional
    /// weights and regression, features with missing values.
    #[test]
    fn row_major_codes_grow_the_same_trees_as_columns() {
        let mut rng = StdRng::seed_from_u64(3);
        let (n, p) = (400, 12);
        let x = Array2::from_shape_fn((n, p), |(i, f)| {
            if (i + f) % 17 == 0 {
                f64::NAN
            } else {
                rng.random_range(0..5 + 20 * f) as f64
            }
        });
        let weight: Vec<f64> = (0..n).map(|_| rng.random_range(1..4) as f64 * 0.75).collect();
        let y: Vec<f64> = (0..n).map(|_| rng.random::<f64>() * 4.0 - 1.0).collect();
        let classes = SampleStats::Classes {
            code: (0..n).map(|_| rng.random_range(0..3u32)).collect(),
            weight: weight.clone(),
            n_classes: 3,
        };
        let values = SampleStats::Values {
            w: weight.clone(),
            wy: y.iter().zip(&weight).map(|(y, w)| y * w).collect(),
            wy2: y.iter().zip(&weight).map(|(y, w)| y * y * w).collect(),
        };
        let BinnedData::U8(binned) = BinnedData::new(x.view(), Some(256)) else {
            unreachable!("256 bins are byte codes")
        };
        for (stats, impurity, n_outputs) in [(&classes, Impurity::Gini, 3), (&values, Impurity::SquaredError, 1)] {
            for splitter in [Splitter::Best, Splitter::Random] {
                let params = GrowParams {
                    impurity,
                    max_depth: usize::MAX,
                    min_samples_split: 2,
                    min_samples_leaf: 1,
                    min_weight_leaf: 0.0,
                    max_features: 3,
                    max_leaf_nodes: None,
                    min_impurity_decrease: 0.0,
                    splitter,
                };
                let grow_with = |rows: Option<&[u8]>| {
                    let mut rng = StdRng::seed_from_u64(11);
                    let mut builder = Builder::new(&binned, stats, None, &params, &mut rng);
                    // Small data reads the columns; force the copy on nodes
                    // of up to 50 samples.
                    assert!(builder.rows.is_none());
                    builder.rows = rows;
                    builder.row_limit = 50;
                    builder.run((0..n as u32).collect(), n_outputs)
                };
                let columns = grow_with(None);
                assert!(columns.nodes.len() > 50, "{splitter:?}: {}", columns.nodes.len());
                assert_eq!(grow_with(binned.rows()), columns, "{impurity:?}, {splitter:?}");
            }
        }
    }

    /// The in-place dense Gini scan (`feature_dense_gini`) grows the same
    /// trees as filling, compacting and scanning each feature, to the last
    /// bit: whole-number weights (bootstrap-like counts, zeros included),
    /// 2 and 7 classes, features with few and many codes, a feature with
    /// missing values (which takes the general path), leaf limits by count
    /// and by weight.
    #[test]
    fn dense_gini_scan_grows_the_same_trees() {
        let mut rng = StdRng::seed_from_u64(5);
        let (n, p) = (500, 10);
        let x = Array2::from_shape_fn((n, p), |(i, f)| {
            if f == 3 && i % 11 == 0 {
                f64::NAN
            } else {
                rng.random_range(0..3 + 40 * f) as f64
            }
        });
        let BinnedData::U8(binned) = BinnedData::new(x.view(), Some(256)) else {
            unreachable!("256 bins are byte codes")
        };
        for n_classes in [2, 7] {
            let stats = SampleStats::Classes {
                // The class follows feature 0 loosely, so trees grow deep
                // but not at random.
                code: (0..n)
                    .map(|i| ((x[[i, 0]] as u32) + rng.random_range(0..2)) % n_classes)
                    .collect(),
                weight: (0..n).map(|_| rng.random_range(0..4) as f64).collect(),
                n_classes: n_classes as usize,
            };
            for (min_samples_leaf, min_weight_leaf, max_features) in [(1, 0.0, 3), (3, 0.0, 10), (1, 4.0, 4)] {
                let params = GrowParams {
                    impurity: Impurity::Gini,
                    max_depth: usize::MAX,
                    min_samples_split: 2,
                    min_samples_leaf,
                    min_weight_leaf,
                    max_features,
                    max_leaf_nodes: None,
                    min_impurity_decrease: 0.0,
                    splitter: Splitter::Best,
                };
                let grow_with = |dense_gini: bool| {
                    let mut rng = StdRng::seed_from_u64(2);
                    let mut builder = Builder::new(&binned, &stats, None, &params, &mut rng);
                    assert!(builder.integer_gini);
                    builder.dense_gini = dense_gini;
                    let idx: Vec<u32> = (0..n as u32)
                        .filter(|&i| stats.total_weight(&[i]) > 0.0 || i % 2 == 0)
                        .collect();
                    builder.run(idx, n_classes as usize)
                };
                let general = grow_with(false);
                assert!(general.nodes.len() > 40, "{}", general.nodes.len());
                assert_eq!(
                    grow_with(true),
                    general,
                    "{n_classes} classes, {min_samples_leaf}, {min_weight_leaf}"
                );
            }
        }
    }

    /// `same_code` finds a node's constant features (one code, or all
    /// missing) in either layout and nothing else: one differing sample
    /// anywhere, first or last, makes a feature vary.
    #[test]
    fn same_code_is_true_only_when_every_sample_has_one_code() {
        let x = Array2::from_shape_fn((6, 3), |(i, f)| match f {
            0 => 2.0,
            1 if i == 5 => 1.0,
            1 => 0.0,
            _ => f64::NAN,
        });
        let BinnedData::U8(binned) = BinnedData::new(x.view(), Some(256)) else {
            unreachable!("256 bins are byte codes")
        };
        for rows in [None, binned.rows()] {
            let codes = |f| binned.feature(f, rows);
            assert!(same_code(codes(0), &[0, 1, 2, 3, 4, 5]));
            assert!(same_code(codes(1), &[0, 1, 2, 3, 4]));
            assert!(!same_code(codes(1), &[0, 1, 2, 3, 4, 5]));
            assert!(!same_code(codes(1), &[5, 0]));
            assert!(same_code(codes(2), &[0, 3, 5]));
            assert!(same_code(codes(1), &[5]) && same_code(codes(1), &[]));
        }
    }

    /// The partition keeps each side in its order.
    #[test]
    fn stable_partition_keeps_the_order_of_each_side() {
        let mut rows: Vec<u32> = (0..100).map(|i| i * 3).collect();
        let mut scratch = vec![7; 3];
        let n_left = stable_partition(&mut rows, &mut scratch, |i| i % 7 < 3);
        let (left, right) = rows.split_at(n_left);
        let expected_left: Vec<u32> = (0..100).map(|i| i * 3).filter(|i| i % 7 < 3).collect();
        let expected_right: Vec<u32> = (0..100).map(|i| i * 3).filter(|i| i % 7 >= 3).collect();
        assert_eq!(left, &expected_left[..]);
        assert_eq!(right, &expected_right[..]);
        assert_eq!(stable_partition(&mut [], &mut scratch, |_| true), 0);
    }
}
