//! Impurity criteria and the scan of a feature's histogram for its best split.
//!
//! Statistics are kept per bin as `S` numbers: the sample count first, then
//! the weighted class counts (classification) or `[Σw, Σw·y, Σw·y²]`
//! (regression).

/// The impurity measure being minimised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Impurity {
    Gini,
    Entropy,
    SquaredError,
}

impl Impurity {
    /// `(weight, weight · impurity)` of a node or child from its statistics
    /// (without the leading count).
    #[inline]
    pub fn weighted(self, s: &[f64]) -> (f64, f64) {
        match self {
            Impurity::Gini => {
                let w: f64 = s.iter().sum();
                if w <= 0.0 {
                    return (0.0, 0.0);
                }
                let sq: f64 = s.iter().map(|c| c * c).sum();
                (w, (w - sq / w).max(0.0))
            }
            Impurity::Entropy => {
                let w: f64 = s.iter().sum();
                if w <= 0.0 {
                    return (0.0, 0.0);
                }
                let mut h = 0.0;
                for &c in s {
                    if c > 0.0 {
                        h -= c * (c / w).log2();
                    }
                }
                (w, h.max(0.0))
            }
            Impurity::SquaredError => {
                let w = s[0];
                if w <= 0.0 {
                    return (0.0, 0.0);
                }
                (w, (s[2] - s[1] * s[1] / w).max(0.0))
            }
        }
    }

    /// `(weight, impurity)`.
    pub fn of(self, s: &[f64]) -> (f64, f64) {
        let (w, wi) = self.weighted(s);
        (w, if w > 0.0 { wi / w } else { 0.0 })
    }
}

/// Limits on the children of a split.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LeafLimits {
    pub min_samples_leaf: usize,
    pub min_weight_leaf: f64,
    /// Gini impurity and every sample weight a whole number, with a total
    /// below 2^26: then every class weight, sum and sum of squares the scan
    /// computes is an integer below 2^53, exact in `f64` in any order, and
    /// [`gini_any_order`] gives the same numbers as [`Impurity::weighted`]
    /// with fewer instructions. It is the common case of a random forest
    /// (bootstrap counts times unit weights).
    pub integer_gini: bool,
}

/// Whether the Gini scan may sum in any order (see
/// [`LeafLimits::integer_gini`]) for samples with these weights.
pub(crate) fn integer_gini(impurity: Impurity, weights: &[f64]) -> bool {
    const LIMIT: f64 = (1u64 << 26) as f64;
    impurity == Impurity::Gini
        && weights.iter().all(|&w| w >= 0.0 && w.fract() == 0.0)
        && weights.iter().sum::<f64>() < LIMIT
}

/// [`Impurity::weighted`] for Gini when every number of `s` is a whole
/// number and their sum is below 2^26: the sum and the sum of squares are
/// exact whatever the order of the additions, so they are added in four
/// independent lanes (which the compiler vectorises) and the result is
/// bit-identical to the sequential sums.
#[inline]
fn gini_any_order(s: &[f64]) -> (f64, f64) {
    let (mut a, mut q) = ([0.0f64; 4], [0.0f64; 4]);
    let chunks = s.chunks_exact(4);
    let rest = chunks.remainder();
    for c in chunks {
        for k in 0..4 {
            a[k] += c[k];
            q[k] += c[k] * c[k];
        }
    }
    let (mut w, mut sq) = ((a[0] + a[1]) + (a[2] + a[3]), (q[0] + q[1]) + (q[2] + q[3]));
    for &c in rest {
        w += c;
        sq += c * c;
    }
    if w <= 0.0 {
        return (0.0, 0.0);
    }
    (w, (w - sq / w).max(0.0))
}

/// The best split of one feature found so far.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// `−(w_left · imp_left + w_right · imp_right)`: larger is better.
    pub proxy: f64,
    pub feature: usize,
    /// Rows with a code `<= left_bin` go left.
    pub left_bin: usize,
    /// The smallest non-empty bin on the right (for the threshold).
    pub right_bin: usize,
    /// The real threshold, when the split chose it (random splits, and the
    /// split of the missing values from the rest); otherwise the midpoint
    /// between `left_bin` and `right_bin`.
    pub threshold: Option<f64>,
    /// Whether missing values go left (scikit-learn's `missing_go_to_left`).
    pub missing_left: bool,
    pub left_stats: Vec<f64>,
}

#[cfg(test)]
impl Candidate {
    /// An earlier best of feature 99 for a search over a node with
    /// statistics `total` to beat (or not): its proxy is 0.6 of the node's
    /// weight, negated.
    pub(crate) fn to_beat(total: &[f64]) -> Candidate {
        Candidate {
            proxy: -(total[1..].iter().sum::<f64>()) * 0.6,
            feature: 99,
            left_bin: 0,
            right_bin: 1,
            threshold: None,
            missing_left: false,
            left_stats: vec![0.0; total.len()],
        }
    }

    /// The fields two searches must agree on, with the floats as bits (the
    /// tests compare search paths to the last bit).
    pub(crate) fn bits(&self) -> (u64, usize, usize, usize, bool, Vec<u64>) {
        let stats = self.left_stats.iter().map(|v| v.to_bits()).collect();
        (
            self.proxy.to_bits(),
            self.feature,
            self.left_bin,
            self.right_bin,
            self.missing_left,
            stats,
        )
    }
}

/// Where a split cuts a feature's non-empty bins.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cut {
    pub feature: usize,
    pub left_bin: usize,
    pub right_bin: usize,
    pub threshold: Option<f64>,
    /// Where the node's missing values go; `None` when it has none, and then
    /// a missing value at predict time follows the child with more samples
    /// (ties to the right), as scikit-learn.
    pub missing_left: Option<bool>,
}

/// Whether a split with `left` statistics (count first) is allowed and
/// better than `best`; if so it replaces `best`. `right` is scratch.
#[inline]
pub(crate) fn consider(
    impurity: Impurity,
    cut: Cut,
    left: &[f64],
    total: &[f64],
    limits: LeafLimits,
    right: &mut [f64],
    best: &mut Option<Candidate>,
) {
    let msl = limits.min_samples_leaf as f64;
    if left[0] < msl || total[0] - left[0] < msl {
        return;
    }
    right
        .iter_mut()
        .zip(total.iter().zip(left.iter()))
        .for_each(|(r, (t, l))| *r = t - l);
    right[0] = total[0] - left[0];
    let ((wl, il), (wr, ir)) = if limits.integer_gini {
        (gini_any_order(&left[1..]), gini_any_order(&right[1..]))
    } else {
        (impurity.weighted(&left[1..]), impurity.weighted(&right[1..]))
    };
    if wl < limits.min_weight_leaf || wr < limits.min_weight_leaf {
        return;
    }
    let proxy = -(il + ir);
    let missing_left = cut.missing_left.unwrap_or(left[0] > right[0]);
    improve(best, proxy, cut, missing_left, left);
}

/// Makes the split `cut` with `left` statistics the best if its `proxy` is
/// strictly better.
#[inline]
fn improve(best: &mut Option<Candidate>, proxy: f64, cut: Cut, missing_left: bool, left: &[f64]) {
    match best {
        // Reuse the candidate's statistics: a node improves its best split
        // many times, and an allocation each time showed in the profile.
        Some(b) if proxy > b.proxy => {
            b.proxy = proxy;
            b.feature = cut.feature;
            b.left_bin = cut.left_bin;
            b.right_bin = cut.right_bin;
            b.threshold = cut.threshold;
            b.missing_left = missing_left;
            b.left_stats.copy_from_slice(left);
        }
        Some(_) => {}
        None => {
            *best = Some(Candidate {
                proxy,
                feature: cut.feature,
                left_bin: cut.left_bin,
                right_bin: cut.right_bin,
                threshold: cut.threshold,
                missing_left,
                left_stats: left.to_vec(),
            })
        }
    }
}

/// Scans the non-empty bins `bins` (increasing) with statistics `stats`
/// (`S` per bin) of a node with statistics `total`, and replaces `best` when a
/// boundary does strictly better. `left` is scratch of length `S`.
///
/// When `has_missing`, the last bin holds the node's missing values and the
/// scan follows scikit-learn's best splitter: first every boundary with the
/// missing values on the right, then all values left and only the missing
/// values right (threshold `+∞`, which `NaN` fails), then every boundary with
/// the missing values on the left. A feature is constant in the node when
/// all its values are missing, or when it has one value and none missing.
/// Returns whether the feature is not constant.
#[allow(clippy::too_many_arguments)]
pub(crate) fn scan(
    impurity: Impurity,
    feature: usize,
    bins: &[u32],
    stats: &[f64],
    has_missing: bool,
    total: &[f64],
    limits: LeafLimits,
    left: &mut [f64],
    right: &mut [f64],
    best: &mut Option<Candidate>,
) -> bool {
    let s = total.len();
    let n_values = bins.len() - has_missing as usize;
    if n_values == 0 || (n_values == 1 && !has_missing) {
        return false;
    }
    let scan = Scan {
        impurity,
        feature,
        bins,
        stats,
        n_values,
        has_missing,
        total,
        limits,
    };
    scan.pass(false, left, right, best);
    if has_missing {
        // Every value left, the missing values alone on the right.
        left.iter_mut().for_each(|v| *v = 0.0);
        for st in stats[..n_values * s].chunks_exact(s) {
            left.iter_mut().zip(st).for_each(|(l, v)| *l += v);
        }
        let cut = Cut {
            feature,
            left_bin: bins[n_values - 1] as usize,
            right_bin: bins[n_values] as usize,
            threshold: Some(f64::INFINITY),
            missing_left: Some(false),
        };
        consider(impurity, cut, left, total, limits, right, best);
        scan.pass(true, left, right, best);
    }
    true
}

/// The most class slots (`1 + class`) [`scan_dense_gini`] takes: one bit
/// each in the low half of a code's `u64` word (the count is the high half).
pub(crate) const DENSE_GINI_SLOTS: usize = 32;

/// One sample in a code's word of [`scan_dense_gini`]: the count is the
/// word's high 32 bits.
pub(crate) const DENSE_GINI_ONE: u64 = 1 << 32;

/// [`scan`] for Gini with whole-number weights (see
/// [`LeafLimits::integer_gini`]) on a feature without missing values, read
/// straight from a dense one-feature histogram (`stride >= s` numbers per
/// code, the class weights at slots `1 + class`; slot 0 unused; `s` is the
/// width of `total`: the count and the classes), which it clears as
/// it goes: `touched` marks the non-empty codes (one bit each) and
/// `classes[code]` holds the code's count of samples (high 32 bits, in
/// units of [`DENSE_GINI_ONE`]) and the slots with a sample in that code
/// (bit `slot`). Requires `s <= DENSE_GINI_SLOTS`.
///
/// The same boundaries, decisions, proxies and left statistics to the last
/// bit as `scan` over the compacted bins, with less work per boundary: the
/// sums of squares `Σ l²` and `Σ r²` are updated by each class a bin adds
/// (`(l + v)² − l² = v·(2l + v)`), not recomputed over every class, and most
/// bins of a fully grown tree's small nodes hold one sample of one class.
/// Every number is a whole number below 2^53 (weights total below 2^26),
/// so each update is exact and the sums equal the recomputed ones whatever
/// the order. No copy of the bins is made either.
#[allow(clippy::too_many_arguments)]
pub(crate) fn scan_dense_gini(
    feature: usize,
    s: usize,
    stride: usize,
    hist: &mut [f64],
    classes: &mut [u64],
    touched: &mut [u64],
    total: &[f64],
    limits: LeafLimits,
    best: &mut Option<Candidate>,
) -> bool {
    assert!(limits.integer_gini && s <= DENSE_GINI_SLOTS && s <= stride && total.len() == s);
    // By slot: `lw[0]` is the left count, `lw[c]` the left weight of class
    // `c - 1`.
    let (mut lw, mut tw) = ([0.0f64; DENSE_GINI_SLOTS], [0.0f64; DENSE_GINI_SLOTS]);
    tw[..s].copy_from_slice(total);
    let t0 = total[0];
    let w_total: f64 = total[1..].iter().sum();
    let (mut wl, mut ql) = (0.0f64, 0.0f64);
    let mut qr: f64 = total[1..].iter().map(|t| t * t).sum();
    let msl = limits.min_samples_leaf as f64;
    let gini = |w: f64, sq: f64| {
        if w <= 0.0 {
            (0.0, 0.0)
        } else {
            (w, (w - sq / w).max(0.0))
        }
    };
    let (mut previous, mut n_bins, mut done) = (0usize, 0usize, false);
    for (word_at, word) in touched.iter_mut().enumerate() {
        let mut bits = std::mem::take(word);
        while bits != 0 {
            let b = word_at * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            // The boundary between the previous bin (and all before) and
            // this one.
            if n_bins > 0 && !done {
                let (l0, r0) = (lw[0], t0 - lw[0]);
                if r0 < msl {
                    // (The right count only falls: no later boundary.)
                    done = true;
                } else if l0 >= msl {
                    let (w_left, il) = gini(wl, ql);
                    let (w_right, ir) = gini(w_total - wl, qr);
                    if w_left >= limits.min_weight_leaf && w_right >= limits.min_weight_leaf {
                        let proxy = -(il + ir);
                        if best.as_ref().is_none_or(|b| proxy > b.proxy) {
                            let cut = Cut {
                                feature,
                                left_bin: previous,
                                right_bin: b,
                                threshold: None,
                                missing_left: None,
                            };
                            improve(best, proxy, cut, l0 > r0, &lw[..s]);
                        }
                    }
                }
            }
            // Move the bin to the left, clearing it.
            let h = &mut hist[b * stride..b * stride + s];
            let word = std::mem::take(&mut classes[b]);
            lw[0] += (word >> 32) as f64;
            let mut mask = word as u32;
            while mask != 0 {
                // (`& 31`: within the lanes without a bounds check.)
                let c = mask.trailing_zeros() as usize & 31;
                mask &= mask - 1;
                let v = std::mem::take(&mut h[c]);
                let l = lw[c];
                let r = tw[c] - l;
                ql += v * (2.0 * l + v);
                qr += v * (v - 2.0 * r);
                lw[c] = l + v;
                wl += v;
            }
            previous = b;
            n_bins += 1;
        }
    }
    n_bins > 1
}

/// One feature's histogram being scanned.
struct Scan<'a> {
    impurity: Impurity,
    feature: usize,
    bins: &'a [u32],
    stats: &'a [f64],
    n_values: usize,
    has_missing: bool,
    total: &'a [f64],
    limits: LeafLimits,
}

impl Scan<'_> {
    /// Every boundary between two bins of values, the missing values (if
    /// any) on the side `missing_left` says.
    fn pass(&self, missing_left: bool, left: &mut [f64], right: &mut [f64], best: &mut Option<Candidate>) {
        let s = self.total.len();
        if self.limits.integer_gini {
            match s - 1 {
                // Lanes in pairs (one SSE2 register): ten classes (MNIST)
                // take 10 lanes, not 16, the same exact sums.
                0..=2 => return self.pass_integer_gini::<2>(missing_left, best),
                3..=4 => return self.pass_integer_gini::<4>(missing_left, best),
                5..=6 => return self.pass_integer_gini::<6>(missing_left, best),
                7..=8 => return self.pass_integer_gini::<8>(missing_left, best),
                9..=10 => return self.pass_integer_gini::<10>(missing_left, best),
                11..=12 => return self.pass_integer_gini::<12>(missing_left, best),
                13..=16 => return self.pass_integer_gini::<16>(missing_left, best),
                _ => {}
            }
        }
        let (n, stats) = (self.n_values, self.stats);
        if missing_left {
            left.copy_from_slice(&stats[n * s..(n + 1) * s]);
        } else {
            left.iter_mut().for_each(|v| *v = 0.0);
        }
        let msl = self.limits.min_samples_leaf as f64;
        for i in 0..n - 1 {
            left.iter_mut()
                .zip(&stats[i * s..(i + 1) * s])
                .for_each(|(l, v)| *l += v);
            if self.total[0] - left[0] < msl {
                break;
            }
            let cut = Cut {
                feature: self.feature,
                left_bin: self.bins[i] as usize,
                right_bin: self.bins[i + 1] as usize,
                threshold: None,
                missing_left: self.has_missing.then_some(missing_left),
            };
            consider(self.impurity, cut, left, self.total, self.limits, right, best);
        }
    }

    /// [`pass`](Self::pass) for Gini with whole-number weights (see
    /// [`LeafLimits::integer_gini`]) and at most `N` classes: the same
    /// decisions, with the class weights in fixed arrays of `N` lanes (zeros
    /// past the classes, `N` even) so that the sums need no bounds checks and
    /// run in two independent lanes. Every number is an integer below 2^53, so
    /// each sum is exact and the proxy bit-identical to [`consider`]'s. Most
    /// of a fully grown tree's nodes are small, with about one bin per
    /// sample, so this per-boundary cost is most of the split search.
    fn pass_integer_gini<const N: usize>(&self, missing_left: bool, best: &mut Option<Candidate>) {
        let s = self.total.len();
        let m = s - 1;
        assert!(m <= N, "at most N classes");
        let (n, stats) = (self.n_values, self.stats);
        let (t0, mut l0) = (self.total[0], 0.0);
        let (mut tw, mut lw) = ([0.0f64; N], [0.0f64; N]);
        tw[..m].copy_from_slice(&self.total[1..]);
        if missing_left {
            l0 = stats[n * s];
            lw[..m].copy_from_slice(&stats[n * s + 1..(n + 1) * s]);
        }
        let msl = self.limits.min_samples_leaf as f64;
        let gini = |w: f64, sq: f64| {
            if w <= 0.0 {
                (0.0, 0.0)
            } else {
                (w, (w - sq / w).max(0.0))
            }
        };
        for (i, st) in stats[..(n - 1) * s].chunks_exact(s).enumerate() {
            l0 += st[0];
            lw[..m].iter_mut().zip(&st[1..]).for_each(|(l, v)| *l += v);
            let r0 = t0 - l0;
            if r0 < msl {
                break;
            }
            if l0 < msl {
                continue;
            }
            let (mut a, mut q, mut b, mut p) = ([0.0f64; 2], [0.0f64; 2], [0.0f64; 2], [0.0f64; 2]);
            for c in 0..N / 2 {
                for k in 0..2 {
                    let x = lw[2 * c + k];
                    let r = tw[2 * c + k] - x;
                    a[k] += x;
                    q[k] += x * x;
                    b[k] += r;
                    p[k] += r * r;
                }
            }
            let sum = |v: [f64; 2]| v[0] + v[1];
            let (wl, il) = gini(sum(a), sum(q));
            let (wr, ir) = gini(sum(b), sum(p));
            if wl < self.limits.min_weight_leaf || wr < self.limits.min_weight_leaf {
                continue;
            }
            let proxy = -(il + ir);
            if best.as_ref().is_none_or(|b| proxy > b.proxy) {
                let cut = Cut {
                    feature: self.feature,
                    left_bin: self.bins[i] as usize,
                    right_bin: self.bins[i + 1] as usize,
                    threshold: None,
                    missing_left: self.has_missing.then_some(missing_left),
                };
                let mut left = [0.0f64; 17];
                left[0] = l0;
                left[1..s].copy_from_slice(&lw[..m]);
                improve(best, proxy, cut, cut.missing_left.unwrap_or(l0 > r0), &left[..s]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    /// The any-order Gini sums give Impurity::weighted's numbers to the last
    /// bit on whole-number class weights (any count of classes, zeros, empty
    /// nodes), and `integer_gini` accepts only whole, non-negative weights
    /// with a total below 2^26.
    #[test]
    fn gini_in_any_order_is_bit_identical_on_whole_weights() {
        let mut rng = StdRng::seed_from_u64(3);
        for _ in 0..20_000 {
            let k = rng.random_range(1..14);
            let scale = [1u64, 10, 1_000, 1_000_000][rng.random_range(0..4)];
            let s: Vec<f64> = (0..k)
                .map(|_| {
                    if rng.random_bool(0.3) {
                        0.0
                    } else {
                        rng.random_range(0..scale) as f64
                    }
                })
                .collect();
            let (a, b) = (gini_any_order(&s), Impurity::Gini.weighted(&s));
            assert_eq!((a.0.to_bits(), a.1.to_bits()), (b.0.to_bits(), b.1.to_bits()), "{s:?}");
        }
        assert!(integer_gini(Impurity::Gini, &[0.0, 1.0, 3.0]));
        assert!(!integer_gini(Impurity::Gini, &[0.5, 1.0]));
        assert!(!integer_gini(Impurity::Entropy, &[1.0]));
        assert!(!integer_gini(Impurity::Gini, &[(1u64 << 26) as f64]));
        assert!(!integer_gini(Impurity::Gini, &[f64::NAN]));
    }

    /// The integer-Gini scan makes the same choice as the general one
    /// (feature, bins, missing side, proxy and left statistics to the last
    /// bit) on random histograms of 1 to 16 classes, with and without
    /// missing values, leaf limits, and an earlier best to beat.
    #[test]
    fn integer_gini_scan_matches_the_general_scan() {
        let mut rng = StdRng::seed_from_u64(11);
        for trial in 0..3_000 {
            let n_classes = rng.random_range(1..17);
            let s = 1 + n_classes;
            let n_bins = rng.random_range(1..40);
            let has_missing = rng.random_bool(0.3);
            let bins: Vec<u32> = (0..n_bins as u32).map(|b| b * 2).collect();
            // Every fifth trial with weights up to 2^18, totals up to about
            // 2^25.3 (below the 2^26 of `integer_gini`): the lanes' sums of
            // squares stay exact there too.
            let scale = if trial % 5 == 0 { (1u64 << 17) as f64 } else { 1.0 };
            let mut stats = vec![0.0; n_bins * s];
            for st in stats.chunks_exact_mut(s) {
                let count = rng.random_range(1..5);
                st[0] = count as f64;
                for _ in 0..count {
                    st[1 + rng.random_range(0..n_classes)] += rng.random_range(0..3) as f64 * scale;
                }
            }
            let mut total = vec![0.0; s];
            stats
                .chunks_exact(s)
                .for_each(|st| total.iter_mut().zip(st).for_each(|(t, v)| *t += v));
            let mut results = Vec::new();
            for integer_gini in [false, true] {
                let limits = LeafLimits {
                    min_samples_leaf: 1 + trial % 3,
                    min_weight_leaf: (trial % 4) as f64,
                    integer_gini,
                };
                let mut best = (trial % 2 == 0).then(|| Candidate::to_beat(&total));
                let (mut left, mut right) = (vec![0.0; s], vec![0.0; s]);
                let varies = scan(
                    Impurity::Gini,
                    3,
                    &bins,
                    &stats,
                    has_missing,
                    &total,
                    limits,
                    &mut left,
                    &mut right,
                    &mut best,
                );
                results.push((varies, best.as_ref().map(Candidate::bits)));
            }
            assert_eq!(results[0], results[1], "trial {trial}");
        }
    }
}
