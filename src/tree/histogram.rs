//! Node histograms: per feature and bin, the statistics of the node's
//! samples (see [`split`](super::split) for the layout).
//!
//! Three ways to get a feature's non-empty bins, all giving the same
//! compact list: from a full node histogram (built directly for the smaller
//! child and by subtraction from the parent for the larger one), by filling a
//! dense histogram for one feature, or — for a node with far fewer samples
//! than bins — by sorting the node's codes.

use super::binning::{BinCode, Binned, FeatureCodes};
use super::split::{Candidate, DENSE_GINI_ONE, DENSE_GINI_SLOTS, LeafLimits, scan_dense_gini};

/// Each sample's contribution to the statistics.
pub(crate) enum SampleStats {
    /// Class code and weight of each sample.
    Classes {
        code: Vec<u32>,
        weight: Vec<f64>,
        n_classes: usize,
    },
    /// `w`, `w·y` and `w·y²` of each sample.
    Values { w: Vec<f64>, wy: Vec<f64>, wy2: Vec<f64> },
}

impl SampleStats {
    /// Numbers per bin: the count, then the task's statistics.
    pub fn width(&self) -> usize {
        match self {
            SampleStats::Classes { n_classes, .. } => 1 + n_classes,
            SampleStats::Values { .. } => 4,
        }
    }

    /// Adds sample `i` to `dst` (`width()` numbers).
    #[inline(always)]
    pub fn add(&self, dst: &mut [f64], i: usize) {
        dst[0] += 1.0;
        match self {
            SampleStats::Classes { code, weight, .. } => dst[1 + code[i] as usize] += weight[i],
            SampleStats::Values { w, wy, wy2 } => {
                dst[1] += w[i];
                dst[2] += wy[i];
                dst[3] += wy2[i];
            }
        }
    }

    /// The total weight of a set of samples.
    pub fn total_weight(&self, idx: &[u32]) -> f64 {
        match self {
            SampleStats::Classes { weight, .. } => idx.iter().map(|&i| weight[i as usize]).sum(),
            SampleStats::Values { w, .. } => idx.iter().map(|&i| w[i as usize]).sum(),
        }
    }

    /// The statistics of a set of samples.
    pub fn total(&self, idx: &[u32]) -> Vec<f64> {
        let mut t = vec![0.0; self.width()];
        for &i in idx {
            self.add(&mut t, i as usize);
        }
        t
    }
}

/// Fills `out` (laid out by `offsets`, in bins) with the histogram of every
/// feature over the samples `idx`.
pub(crate) fn build_full<B: BinCode>(
    binned: &Binned<B>,
    stats: &SampleStats,
    offsets: &[usize],
    idx: &[u32],
    out: &mut [f64],
) {
    let s = stats.width();
    out.iter_mut().for_each(|v| *v = 0.0);
    for f in 0..binned.n_features() {
        let column = binned.column(f);
        let hist = &mut out[offsets[f] * s..offsets[f + 1] * s];
        for &i in idx {
            let b = column[i as usize].index();
            stats.add(&mut hist[b * s..(b + 1) * s], i as usize);
        }
    }
}

/// Appends the non-empty bins of a dense one-feature histogram to `bins`/`out`.
pub(crate) fn compact(hist: &[f64], s: usize, bins: &mut Vec<u32>, out: &mut Vec<f64>) {
    bins.clear();
    out.clear();
    for (b, st) in hist.chunks_exact(s).enumerate() {
        if st[0] > 0.0 {
            bins.push(b as u32);
            out.extend_from_slice(st);
        }
    }
}

/// Scratch for [`feature_dense`]: a histogram of every code of a feature and
/// a bitmap of the codes a node touched. Both are all zeros between calls:
/// each call clears only the bins it touched, so its cost is the node's
/// samples plus its non-empty bins, not the feature's `n_codes × S` numbers
/// (on MNIST, 256 bins × 11 numbers to zero and scan per feature and node,
/// which dominated the many small nodes of fully grown trees).
///
/// For classification it also holds the node's samples' class slots
/// (`1 + class`) and weights in the node's order (see [`DenseScratch::node`]),
/// gathered once per node rather than once per drawn feature.
#[derive(Default)]
pub(crate) struct DenseScratch {
    hist: Vec<f64>,
    touched: Vec<u64>,
    slot: Vec<u32>,
    weight: Vec<f64>,
    /// For [`feature_dense_gini`]: per code, its count of samples and a bit
    /// per class slot present (see [`scan_dense_gini`]).
    classes: Vec<u64>,
    /// [`feature_dense_gini`]'s histogram for byte codes: 256 codes of
    /// `DENSE_GINI_SLOTS` class weights.
    gini_bytes: Vec<f64>,
}

impl DenseScratch {
    /// Gathers the class slot and weight of each sample of `idx` (a node's),
    /// for the [`feature_dense`] calls on that node: the fill of each drawn
    /// feature then reads them in order instead of looking each sample up
    /// in the per-row arrays (two checked loads per sample and feature, and
    /// on large data two cache lines). Does nothing for regression.
    pub fn node(&mut self, stats: &SampleStats, idx: &[u32]) {
        self.slot.clear();
        self.weight.clear();
        if let SampleStats::Classes { code, weight, .. } = stats {
            self.slot.extend(idx.iter().map(|&i| 1 + code[i as usize]));
            self.weight.extend(idx.iter().map(|&i| weight[i as usize]));
        }
    }
}

/// The non-empty bins of feature `f` over `idx`, through a dense histogram;
/// the codes are read from `codes` (the feature's, from either layout). For
/// classification, [`DenseScratch::node`] must have been called with `idx`.
///
/// The statistics of each bin are added in the order of `idx`, as
/// [`feature_sorted`] and [`build_full`] do, so every path gives the same
/// numbers to the last bit.
#[allow(clippy::too_many_arguments)]
pub(crate) fn feature_dense<B: BinCode>(
    binned: &Binned<B>,
    stats: &SampleStats,
    f: usize,
    codes: FeatureCodes<'_, B>,
    idx: &[u32],
    scratch: &mut DenseScratch,
    bins: &mut Vec<u32>,
    out: &mut Vec<f64>,
) {
    let s = stats.width();
    let n_codes = binned.n_codes(f);
    // At least four words: byte codes use a fixed bitmap of four.
    let words = n_codes.div_ceil(64).max(4);
    if scratch.hist.len() < n_codes * s {
        scratch.hist.resize(n_codes * s, 0.0);
    }
    if scratch.touched.len() < words {
        scratch.touched.resize(words, 0);
    }
    let hist = &mut scratch.hist[..n_codes * s];
    let touched = &mut scratch.touched[..words];
    let node = match stats {
        SampleStats::Classes { .. } => {
            assert_eq!(scratch.slot.len(), idx.len(), "DenseScratch::node called for this node");
            Some((&scratch.slot[..], &scratch.weight[..]))
        }
        SampleStats::Values { .. } => None,
    };
    if let Ok(small) = <&mut [u64; 4]>::try_from(&mut *touched) {
        // (exactly four words: at most 256 codes)
        // Byte codes: a fixed bitmap, whose index `b >> 6 < 4` the compiler
        // sees is in bounds (a bounds check per sample showed in the profile).
        fill_dense(codes, stats, node, idx, s, hist, small);
    } else {
        fill_dense(codes, stats, node, idx, s, hist, touched);
    }
    let touched = &mut scratch.touched[..words];
    bins.clear();
    out.clear();
    // The set bits in increasing order are the non-empty bins in order.
    for (w, word) in touched.iter_mut().enumerate() {
        let mut bits = std::mem::take(word);
        while bits != 0 {
            let b = w * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            bins.push(b as u32);
            let h = &mut hist[b * s..(b + 1) * s];
            out.extend_from_slice(h);
            h.fill(0.0);
        }
    }
}

/// Whether [`feature_dense_gini`] can search feature `f`: Gini with
/// whole-number weights (`limits`), classification with at most
/// `DENSE_GINI_SLOTS - 1` classes, and no missing values in the feature.
pub(crate) fn dense_gini_applies<B: BinCode>(
    binned: &Binned<B>,
    stats: &SampleStats,
    f: usize,
    limits: LeafLimits,
) -> bool {
    limits.integer_gini
        && matches!(stats, SampleStats::Classes { n_classes, .. } if *n_classes < DENSE_GINI_SLOTS)
        && !binned.missing[f]
}

/// [`feature_dense`] and then [`scan`](super::split::scan) of feature `f`
/// over the node `idx`, in one: the dense histogram is scanned in place by
/// [`scan_dense_gini`] (no compacted copy of the bins) with sums of squares
/// updated per class present in a bin. Only where [`dense_gini_applies`];
/// [`DenseScratch::node`] must have been called with `idx`. The same split,
/// to the last bit, as the two steps. Returns whether the feature varies in
/// the node.
#[allow(clippy::too_many_arguments)]
pub(crate) fn feature_dense_gini<B: BinCode>(
    binned: &Binned<B>,
    f: usize,
    codes: FeatureCodes<'_, B>,
    idx: &[u32],
    scratch: &mut DenseScratch,
    total: &[f64],
    limits: LeafLimits,
    best: &mut Option<Candidate>,
) -> bool {
    const BYTES: usize = 256;
    let s = total.len();
    let n_codes = binned.n_codes(f);
    let words = n_codes.div_ceil(64).max(4);
    if scratch.touched.len() < words {
        scratch.touched.resize(words, 0);
    }
    if scratch.classes.len() < n_codes.max(BYTES) {
        scratch.classes.resize(n_codes.max(BYTES), 0);
    }
    assert_eq!(scratch.slot.len(), idx.len(), "DenseScratch::node called for this node");
    let (slot, weight) = (&scratch.slot[..], &scratch.weight[..]);
    let stride = if n_codes <= BYTES {
        // Byte codes: fixed arrays, a code's class weights `DENSE_GINI_SLOTS`
        // apart, so that no index needs a bounds check nor a multiplication.
        const STRIDE: usize = DENSE_GINI_SLOTS;
        if scratch.gini_bytes.len() < BYTES * STRIDE {
            scratch.gini_bytes.resize(BYTES * STRIDE, 0.0);
        }
        let (Ok(hist), Ok(touched), Ok(classes)) = (
            <&mut [f64; BYTES * STRIDE]>::try_from(&mut scratch.gini_bytes[..BYTES * STRIDE]),
            <&mut [u64; 4]>::try_from(&mut scratch.touched[..4]),
            <&mut [u64; BYTES]>::try_from(&mut scratch.classes[..BYTES]),
        ) else {
            unreachable!("the lengths are the arrays'")
        };
        for ((&i, &c), &w) in idx.iter().zip(slot).zip(weight) {
            let b = codes.get(i as usize) & (BYTES - 1);
            let c = c as usize & (STRIDE - 1);
            touched.mark(b);
            // The count and the class's bit in one word: one
            // read-modify-write per sample instead of two.
            classes[b] = (classes[b] | 1 << c) + DENSE_GINI_ONE;
            hist[b * STRIDE + c] += w;
        }
        STRIDE
    } else {
        if scratch.hist.len() < n_codes * s {
            scratch.hist.resize(n_codes * s, 0.0);
        }
        let (hist, touched, classes) = (
            &mut scratch.hist[..n_codes * s],
            &mut scratch.touched[..words],
            &mut scratch.classes[..n_codes],
        );
        for ((&i, &c), &w) in idx.iter().zip(slot).zip(weight) {
            let b = codes.get(i as usize);
            touched.mark(b);
            classes[b] = (classes[b] | 1 << (c & 31)) + DENSE_GINI_ONE;
            hist[b * s + c as usize] += w;
        }
        s
    };
    let hist = if n_codes <= BYTES {
        &mut scratch.gini_bytes[..]
    } else {
        &mut scratch.hist[..]
    };
    scan_dense_gini(
        f,
        s,
        stride,
        hist,
        &mut scratch.classes,
        &mut scratch.touched[..words],
        total,
        limits,
        best,
    )
}

/// A bitmap of bins.
trait Bitmap {
    fn mark(&mut self, b: usize);
}

impl Bitmap for [u64] {
    #[inline(always)]
    fn mark(&mut self, b: usize) {
        self[b >> 6] |= 1 << (b & 63);
    }
}

impl Bitmap for [u64; 4] {
    /// For byte codes (`b < 256`), where the index needs no check.
    #[inline(always)]
    fn mark(&mut self, b: usize) {
        self[(b >> 6) & 3] |= 1 << (b & 63);
    }
}

/// Adds the samples `idx` to the dense histogram `hist` of `codes` and marks
/// their bins in `touched`; `node` holds the samples' class slots and
/// weights for classification (see [`DenseScratch::node`]).
#[inline(always)]
fn fill_dense<B: BinCode, T: Bitmap + ?Sized>(
    codes: FeatureCodes<'_, B>,
    stats: &SampleStats,
    node: Option<(&[u32], &[f64])>,
    idx: &[u32],
    s: usize,
    hist: &mut [f64],
    touched: &mut T,
) {
    match (stats, node) {
        (SampleStats::Classes { .. }, Some((slot, weight))) => {
            for ((&i, &c), &w) in idx.iter().zip(slot).zip(weight) {
                let b = codes.get(i as usize);
                touched.mark(b);
                hist[b * s] += 1.0;
                hist[b * s + c as usize] += w;
            }
        }
        (SampleStats::Classes { .. }, None) => unreachable!("feature_dense passes the node's classes"),
        (SampleStats::Values { .. }, _) => {
            for &i in idx {
                let b = codes.get(i as usize);
                touched.mark(b);
                stats.add(&mut hist[b * s..(b + 1) * s], i as usize);
            }
        }
    }
}

/// The non-empty bins of a feature over `idx`, by sorting its codes (for
/// nodes with far fewer samples than the feature has bins).
pub(crate) fn feature_sorted<B: BinCode>(
    stats: &SampleStats,
    codes: FeatureCodes<'_, B>,
    idx: &[u32],
    pairs: &mut Vec<(u32, u32)>,
    bins: &mut Vec<u32>,
    out: &mut Vec<f64>,
) {
    let s = stats.width();
    pairs.clear();
    pairs.extend(idx.iter().map(|&i| (codes.get(i as usize) as u32, i)));
    pairs.sort_unstable();
    bins.clear();
    out.clear();
    for &(b, i) in pairs.iter() {
        if bins.last() != Some(&b) {
            bins.push(b);
            out.extend(std::iter::repeat_n(0.0, s));
        }
        let at = out.len() - s;
        stats.add(&mut out[at..], i as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::super::binning::BinnedData;
    use super::*;
    use ndarray::Array2;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    /// The previous dense path: zero a histogram of every code, add the
    /// samples in the order of `idx`, keep the non-empty bins.
    fn reference<B: BinCode>(binned: &Binned<B>, stats: &SampleStats, f: usize, idx: &[u32]) -> (Vec<u32>, Vec<f64>) {
        let s = stats.width();
        let mut hist = vec![0.0; binned.n_codes(f) * s];
        for &i in idx {
            let b = binned.column(f)[i as usize].index();
            stats.add(&mut hist[b * s..(b + 1) * s], i as usize);
        }
        let (mut bins, mut out) = (Vec::new(), Vec::new());
        compact(&hist, s, &mut bins, &mut out);
        (bins, out)
    }

    /// Feature `f` of the node `idx` searched both ways: `feature_dense`
    /// then `scan` into `best[0]`, and `feature_dense_gini` into `best[1]`;
    /// whether the feature varies, by each.
    #[allow(clippy::too_many_arguments)]
    fn search_both<B: BinCode>(
        binned: &Binned<B>,
        stats: &SampleStats,
        f: usize,
        idx: &[u32],
        scratch: &mut DenseScratch,
        total: &[f64],
        limits: LeafLimits,
        best: [&mut Option<Candidate>; 2],
    ) -> (bool, bool) {
        use super::super::split::{Impurity, scan};
        let s = stats.width();
        let [best_general, best_dense] = best;
        let (mut bins, mut out) = (Vec::new(), Vec::new());
        let (mut left, mut right) = (vec![0.0; s], vec![0.0; s]);
        let codes = binned.feature(f, None);
        feature_dense(binned, stats, f, codes, idx, scratch, &mut bins, &mut out);
        let varies = scan(
            Impurity::Gini,
            f,
            &bins,
            &out,
            false,
            total,
            limits,
            &mut left,
            &mut right,
            best_general,
        );
        let varies_dense = feature_dense_gini(binned, f, codes, idx, scratch, total, limits, best_dense);
        (varies, varies_dense)
    }

    /// `feature_dense_gini` finds the split that `feature_dense` and `scan`
    /// find (proxy and left statistics to the last bit, bins, whether the
    /// feature varies), on random nodes with whole-number weights, byte and
    /// wider codes, against an earlier best or none, and leaves its scratch
    /// all zeros.
    #[test]
    fn dense_gini_matches_the_dense_histogram_and_scan() {
        let mut rng = StdRng::seed_from_u64(9);
        let n = 700;
        // Feature 0: 2 values; 1: 300 distinct (u8 quantile bins, or u16
        // exact); 2: constant; 3: 40 values.
        let x = Array2::from_shape_fn((n, 4), |(i, f)| match f {
            0 => (i % 2) as f64,
            1 => ((i * 7919) % 300) as f64,
            2 => 1.0,
            _ => ((i * 13) % 40) as f64,
        });
        // The most classes it takes: every bit of the word's mask.
        let n_classes = DENSE_GINI_SLOTS - 1;
        let stats = SampleStats::Classes {
            code: (0..n).map(|_| rng.random_range(0..n_classes as u32)).collect(),
            weight: (0..n).map(|_| rng.random_range(0..4) as f64).collect(),
            n_classes,
        };
        let limits = |trial: usize| LeafLimits {
            min_samples_leaf: 1 + trial % 3,
            min_weight_leaf: (trial % 4) as f64,
            integer_gini: true,
        };
        let summary = |b: Option<Candidate>| b.as_ref().map(Candidate::bits);
        let mut trial = 0;
        for binned in [BinnedData::new(x.view(), Some(256)), BinnedData::new(x.view(), None)] {
            let mut scratch = DenseScratch::default();
            for size in [1, 2, 3, 17, 255, 256, 257, n] {
                let idx: Vec<u32> = (0..size).map(|_| rng.random_range(0..n as u32)).collect();
                let total = stats.total(&idx);
                scratch.node(&stats, &idx);
                for f in 0..4 {
                    trial += 1;
                    let earlier = (trial % 2 == 0).then(|| Candidate::to_beat(&total));
                    let (mut best_general, mut best_dense) = (earlier.clone(), earlier);
                    let (varies_general, varies_dense) = match &binned {
                        BinnedData::U8(b) => {
                            assert!(dense_gini_applies(b, &stats, f, limits(trial)));
                            search_both(
                                b,
                                &stats,
                                f,
                                &idx,
                                &mut scratch,
                                &total,
                                limits(trial),
                                [&mut best_general, &mut best_dense],
                            )
                        }
                        BinnedData::U16(b) => search_both(
                            b,
                            &stats,
                            f,
                            &idx,
                            &mut scratch,
                            &total,
                            limits(trial),
                            [&mut best_general, &mut best_dense],
                        ),
                        BinnedData::U32(_) => unreachable!("300 values fit u16 codes"),
                    };
                    assert_eq!(varies_dense, varies_general, "size {size}, feature {f}");
                    assert_eq!(summary(best_dense), summary(best_general), "size {size}, feature {f}");
                    assert!(scratch.hist.iter().all(|&v| v == 0.0) && scratch.touched.iter().all(|&w| w == 0));
                    assert!(scratch.classes.iter().all(|&m| m == 0));
                    assert!(scratch.gini_bytes.iter().all(|&v| v == 0.0));
                }
            }
        }
        // Not for other impurities or weights, nor for features with
        // missing values, nor for more classes than the word has bits.
        let mut with_missing = x.clone();
        with_missing[[0, 3]] = f64::NAN;
        let BinnedData::U8(b) = BinnedData::new(with_missing.view(), Some(256)) else {
            unreachable!("256 bins are byte codes")
        };
        assert!(dense_gini_applies(&b, &stats, 0, limits(0)));
        assert!(!dense_gini_applies(&b, &stats, 3, limits(0)));
        let not_integer = LeafLimits {
            integer_gini: false,
            ..limits(0)
        };
        assert!(!dense_gini_applies(&b, &stats, 0, not_integer));
        let many = |n_classes| SampleStats::Classes {
            code: vec![0; n],
            weight: vec![1.0; n],
            n_classes,
        };
        assert!(dense_gini_applies(&b, &many(DENSE_GINI_SLOTS - 1), 0, limits(0)));
        assert!(!dense_gini_applies(&b, &many(DENSE_GINI_SLOTS), 0, limits(0)));
    }

    /// The dense path (which clears only the bins it touched) gives the
    /// previous dense path's bins and statistics to the last bit, on random
    /// nodes of every size (one sample, all samples, repeated samples), with
    /// missing values, byte and wider codes, both kinds of statistics; its
    /// scratch, reused across features of different widths, stays clean.
    /// The sorted path gives the same bins and, added in another order, the
    /// same statistics up to rounding.
    #[test]
    fn dense_path_matches_the_full_histogram_bit_for_bit() {
        let mut rng = StdRng::seed_from_u64(7);
        let n = 600;
        // Feature 0: 3 values; 1: 300 distinct values (u8 quantile bins, or
        // u16 exact); 2: with missing values; 3: constant.
        let x = Array2::from_shape_fn((n, 4), |(i, f)| match f {
            0 => (i % 3) as f64,
            1 => ((i * 7919) % 300) as f64,
            2 if i % 5 == 0 => f64::NAN,
            2 => ((i * 31) % 17) as f64,
            _ => 1.0,
        });
        let n_classes = 4;
        let weight: Vec<f64> = (0..n).map(|_| rng.random_range(0..4) as f64 * 0.5).collect();
        let classes = SampleStats::Classes {
            code: (0..n).map(|_| rng.random_range(0..n_classes as u32)).collect(),
            weight: weight.clone(),
            n_classes,
        };
        let y: Vec<f64> = (0..n).map(|_| rng.random::<f64>() * 10.0 - 5.0).collect();
        let values = SampleStats::Values {
            w: weight.clone(),
            wy: y.iter().zip(&weight).map(|(y, w)| y * w).collect(),
            wy2: y.iter().zip(&weight).map(|(y, w)| y * y * w).collect(),
        };
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for binned in [BinnedData::new(x.view(), Some(256)), BinnedData::new(x.view(), None)] {
            for stats in [&classes, &values] {
                let mut scratch = DenseScratch::default();
                for size in [1, 2, 3, 17, 255, 256, 257, n] {
                    let idx: Vec<u32> = (0..size).map(|_| rng.random_range(0..n as u32)).collect();
                    scratch.node(stats, &idx);
                    for f in 0..4 {
                        let (mut bins_d, mut out_d) = (Vec::new(), Vec::new());
                        let (mut bins_s, mut out_s, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
                        let (bins_r, out_r) = match &binned {
                            BinnedData::U8(b) => {
                                // Column and row-major reads give the same.
                                let codes = b.feature(f, (size % 2 == 0).then(|| b.rows().unwrap()));
                                feature_dense(b, stats, f, codes, &idx, &mut scratch, &mut bins_d, &mut out_d);
                                feature_sorted(stats, codes, &idx, &mut pairs, &mut bins_s, &mut out_s);
                                reference(b, stats, f, &idx)
                            }
                            BinnedData::U16(b) => {
                                let codes = b.feature(f, (size % 2 == 1).then(|| b.rows().unwrap()));
                                feature_dense(b, stats, f, codes, &idx, &mut scratch, &mut bins_d, &mut out_d);
                                feature_sorted(stats, codes, &idx, &mut pairs, &mut bins_s, &mut out_s);
                                reference(b, stats, f, &idx)
                            }
                            BinnedData::U32(_) => unreachable!("300 values fit u16 codes"),
                        };
                        assert_eq!(bins_d, bins_r, "size {size}, feature {f}");
                        assert_eq!(bits(&out_d), bits(&out_r), "size {size}, feature {f}");
                        assert!(scratch.hist.iter().all(|&v| v == 0.0) && scratch.touched.iter().all(|&w| w == 0));
                        assert_eq!(bins_s, bins_r, "size {size}, feature {f}");
                        assert!(
                            out_s
                                .iter()
                                .zip(&out_r)
                                .all(|(a, b)| (a - b).abs() <= 1e-9 * (1.0 + b.abs()))
                        );
                    }
                }
            }
        }
    }
}
