//! Finding a node's best split from its histograms, as scikit-learn's
//! `Splitter`: the gain is the loss reduction of XGBoost's second-order
//! approximation,
//!
//! ```text
//! gain = G_L² / (H_L + λ) + G_R² / (H_R + λ) − G² / (H + λ)
//! ```
//!
//! (written, as scikit-learn does, as `loss(node) − loss(left) − loss(right)`
//! with `loss = G · value` and `value = −G / (H + λ)`, so that the root,
//! whose value is 0, scores its splits without the last term). Candidates
//! leaving fewer than `min_samples_leaf` samples or `min_hessian_to_split`
//! hessian on a side are skipped.

use super::histogram::{Bin, Layout};
use rayon::prelude::*;

/// scikit-learn's fixed `min_hessian_to_split`.
pub(crate) const MIN_HESSIAN_TO_SPLIT: f64 = 1e-3;
/// scikit-learn's fixed `min_gain_to_split`.
const MIN_GAIN_TO_SPLIT: f64 = 0.0;
/// Categories whose hessian (scaled to a count) is below this are left out
/// of a categorical split, and it smooths each category's gradient ratio
/// (LightGBM's `min_data_per_group` and `cat_smooth`, both 10 in
/// scikit-learn).
const MIN_CAT_SUPPORT: f64 = 10.0;

/// Below this many bins in a node's histograms, split search runs on one
/// thread. 4096 (it was 8192) puts 30 features of 255 bins (the `hgb_1m`
/// task, 7,650 bins, ~42 instructions a bin) on both cores: a node's scan
/// is then ~300,000 instructions, well above a fork-join's cost.
const PARALLEL_MIN_BINS: usize = 4096;

/// A set of bin codes (or of raw category values) below 256.
pub(crate) type Bitset = [u32; 8];

pub(crate) fn bitset_contains(set: &Bitset, value: usize) -> bool {
    value < 256 && set[value / 32] >> (value % 32) & 1 == 1
}

pub(crate) fn bitset_insert(set: &mut Bitset, value: usize) {
    set[value / 32] |= 1 << (value % 32);
}

/// The best split of a node.
#[derive(Clone, Debug)]
pub(crate) struct SplitInfo {
    pub gain: f64,
    pub feature: usize,
    /// Numeric split: the last bin of values sent left.
    pub bin: usize,
    pub missing_left: bool,
    /// Categorical split: the bin codes sent left.
    pub left_codes: Option<Bitset>,
    pub g_left: f64,
    pub h_left: f64,
    pub n_left: usize,
    pub g_right: f64,
    pub h_right: f64,
    pub n_right: usize,
    pub value_left: f64,
    pub value_right: f64,
}

/// A node's value, `−G / (H + λ)` (the `1e-15` keeps `H = 0` finite, as in
/// scikit-learn); shrinkage is applied to leaves afterwards.
pub(crate) fn node_value(g: f64, h: f64, l2: f64) -> f64 {
    -g / (h + l2 + 1e-15)
}

/// What split search needs to know about the data and the constraints.
#[derive(Clone, Copy)]
pub(crate) struct Splitter<'a> {
    pub layout: &'a Layout,
    pub n_bins: &'a [usize],
    pub missing: &'a [bool],
    pub is_categorical: &'a [bool],
    pub min_samples_leaf: usize,
    pub l2: f64,
    pub constant_hessian: bool,
}

/// The totals of a node.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NodeSums {
    pub n: usize,
    pub g: f64,
    pub h: f64,
    /// The node's own value (0 at the root, as scikit-learn).
    pub value: f64,
}

/// What a scan over the bins does at one threshold: the side it grows is
/// still too small (skip to the next bin), the side it shrinks is already
/// too small (stop), or both may be children (try the split).
enum Scan {
    Skip,
    Stop,
    Try,
}

/// The checks of both scan directions: `grown` is the side the scan adds
/// bins to, `shrunk` the other; counts against `min_samples_leaf`, then
/// hessians against [`MIN_HESSIAN_TO_SPLIT`], in scikit-learn's order.
#[inline]
fn scan_step(min_samples_leaf: usize, n_grown: usize, h_grown: f64, n_shrunk: usize, h_shrunk: f64) -> Scan {
    if n_grown < min_samples_leaf {
        Scan::Skip
    } else if n_shrunk < min_samples_leaf {
        Scan::Stop
    } else if h_grown < MIN_HESSIAN_TO_SPLIT {
        Scan::Skip
    } else if h_shrunk < MIN_HESSIAN_TO_SPLIT {
        Scan::Stop
    } else {
        Scan::Try
    }
}

/// Whether a bin holds nothing at all. The scans skip such bins: adding
/// zeros leaves the running sums as they are (they start at +0.0, so never
/// become −0.0), so the candidate after an empty bin is the one before it,
/// which was already tried (a repeated gain never replaces the best, which
/// must be strictly larger) or skipped, and an empty first bin is always
/// skipped (no samples on the grown side). Most bins of a small node's
/// histograms are empty (MNIST: pixels at zero in ~80 % of the rows), and
/// the scan was a third of a ten-class fit's instructions. A bin of the
/// larger child (parent minus smaller) can hold no sample but a rounding
/// residue: it is not empty here and is scanned as before.
#[inline]
fn is_empty(b: &Bin) -> bool {
    b.count == 0 && b.g == 0.0 && b.h == 0.0
}

impl Splitter<'_> {
    #[inline]
    fn hess(&self, b: &Bin) -> f64 {
        if self.constant_hessian { b.count as f64 } else { b.h }
    }

    fn gain(&self, gl: f64, hl: f64, gr: f64, hr: f64, node_loss: f64) -> f64 {
        let vl = node_value(gl, hl, self.l2);
        let vr = node_value(gr, hr, self.l2);
        node_loss - gl * vl - gr * vr
    }

    fn info(&self, sums: NodeSums, feature: usize, gain: f64, gl: f64, hl: f64, nl: usize) -> SplitInfo {
        let (gr, hr) = (sums.g - gl, sums.h - hl);
        SplitInfo {
            gain,
            feature,
            bin: 0,
            missing_left: false,
            left_codes: None,
            g_left: gl,
            h_left: hl,
            n_left: nl,
            g_right: gr,
            h_right: hr,
            n_right: sums.n - nl,
            value_left: node_value(gl, hl, self.l2),
            value_right: node_value(gr, hr, self.l2),
        }
    }

    /// The best split of the node over `features` (all when `None`), or
    /// `None` when no split has a positive gain. Features are searched in
    /// parallel; the best is the first of largest gain in feature order.
    pub fn find(&self, hist: &[Bin], sums: NodeSums, features: Option<&[usize]>) -> Option<SplitInfo> {
        let search = |f: usize| -> Option<SplitInfo> {
            let bins = self.layout.feature(hist, f);
            if self.is_categorical[f] {
                self.categorical(bins, f, sums)
            } else {
                self.numeric(bins, f, sums)
            }
        };
        let all: Vec<usize>;
        let list = match features {
            Some(list) => list,
            None => {
                all = (0..self.n_bins.len()).collect();
                &all
            }
        };
        // A scan costs one pass over a feature's bins: only many features
        // (thousands of bins in all) are worth spreading over threads.
        let found: Vec<Option<SplitInfo>> = if self.layout.len() < PARALLEL_MIN_BINS {
            list.iter().map(|&f| search(f)).collect()
        } else {
            list.par_iter().map(|&f| search(f)).collect()
        };
        let mut best: Option<SplitInfo> = None;
        for s in found.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| s.gain > b.gain) {
                best = Some(s);
            }
        }
        best.filter(|s| s.gain > 0.0)
    }

    /// Scans the bins of values left to right with missing values on the
    /// right, then, when the feature has missing values, right to left
    /// with them on the left; keeps the better.
    fn numeric(&self, bins: &[Bin], f: usize, sums: NodeSums) -> Option<SplitInfo> {
        let n_bins = self.n_bins[f];
        let missing = self.missing[f];
        let node_loss = sums.g * sums.value;
        let msl = self.min_samples_leaf;
        let mut best: Option<SplitInfo> = None;
        let mut best_gain = -1.0;
        let (mut gl, mut hl, mut nl) = (0.0, 0.0, 0usize);
        for (bin, b) in bins
            .iter()
            .enumerate()
            .take((n_bins + missing as usize).saturating_sub(1))
        {
            if is_empty(b) {
                continue;
            }
            nl += b.count as usize;
            hl += self.hess(b);
            gl += b.g;
            let (nr, hr, gr) = (sums.n - nl, sums.h - hl, sums.g - gl);
            match scan_step(msl, nl, hl, nr, hr) {
                Scan::Skip => continue,
                Scan::Stop => break,
                Scan::Try => {}
            }
            let gain = self.gain(gl, hl, gr, hr, node_loss);
            if gain > best_gain && gain > MIN_GAIN_TO_SPLIT {
                best_gain = gain;
                let mut info = self.info(sums, f, gain, gl, hl, nl);
                info.bin = bin;
                best = Some(info);
            }
        }
        if missing && n_bins >= 2 {
            let (mut gr, mut hr, mut nr) = (0.0, 0.0, 0usize);
            for bin in (0..n_bins - 1).rev() {
                let b = &bins[bin + 1];
                if is_empty(b) {
                    continue;
                }
                nr += b.count as usize;
                hr += self.hess(b);
                gr += b.g;
                let (nl, hl, gl) = (sums.n - nr, sums.h - hr, sums.g - gr);
                match scan_step(msl, nr, hr, nl, hl) {
                    Scan::Skip => continue,
                    Scan::Stop => break,
                    Scan::Try => {}
                }
                let gain = self.gain(gl, hl, gr, hr, node_loss);
                if gain > best_gain && gain > MIN_GAIN_TO_SPLIT {
                    best_gain = gain;
                    let mut info = self.info(sums, f, gain, gl, hl, nl);
                    info.bin = bin;
                    info.missing_left = true;
                    best = Some(info);
                }
            }
        }
        best
    }

    /// Fisher's grouping: categories (the missing bin counting as one) with
    /// enough support are sorted by their smoothed gradient ratio
    /// `G / (H + MIN_CAT_SUPPORT)`, then scanned as if ordered, from each
    /// end up to the middle; the left side is a set of categories.
    fn categorical(&self, bins: &[Bin], f: usize, sums: NodeSums) -> Option<SplitInfo> {
        let n_bins = self.n_bins[f];
        let missing = self.missing[f];
        let support_factor = sums.n as f64 / sums.h;
        let mut cats: Vec<(usize, f64)> = (0..n_bins + missing as usize)
            .filter_map(|bin| {
                let b = &bins[bin];
                let h = self.hess(b);
                (h * support_factor >= MIN_CAT_SUPPORT).then(|| (bin, b.g / (h + MIN_CAT_SUPPORT)))
            })
            .collect();
        if cats.len() <= 1 {
            return None;
        }
        cats.sort_by(|a, b| a.1.total_cmp(&b.1));
        let used = cats.len();
        let node_loss = sums.g * sums.value;
        let msl = self.min_samples_leaf;
        let mut best: Option<(SplitInfo, usize, bool)> = None;
        let mut best_gain = -1.0;
        for forward in [true, false] {
            let middle = if forward {
                used.div_ceil(2)
            } else {
                used.div_ceil(2) - 1
            };
            let (mut gl, mut hl, mut nl) = (0.0, 0.0, 0usize);
            for i in 0..middle {
                let sorted = if forward { i } else { used - 1 - i };
                let b = &bins[cats[sorted].0];
                nl += b.count as usize;
                hl += self.hess(b);
                gl += b.g;
                let (nr, hr, gr) = (sums.n - nl, sums.h - hl, sums.g - gl);
                if nl < msl || hl < MIN_HESSIAN_TO_SPLIT {
                    continue;
                }
                if nr < msl || hr < MIN_HESSIAN_TO_SPLIT {
                    break;
                }
                let gain = self.gain(gl, hl, gr, hr, node_loss);
                if gain > best_gain && gain > MIN_GAIN_TO_SPLIT {
                    best_gain = gain;
                    best = Some((self.info(sums, f, gain, gl, hl, nl), sorted, forward));
                }
            }
        }
        let (mut info, threshold, forward) = best?;
        let mut left = [0u32; 8];
        let chosen = if forward {
            &cats[..=threshold]
        } else {
            &cats[threshold..]
        };
        for &(bin, _) in chosen {
            bitset_insert(&mut left, bin);
        }
        info.missing_left = missing && bitset_contains(&left, n_bins);
        info.left_codes = Some(left);
        Some(info)
    }
}
