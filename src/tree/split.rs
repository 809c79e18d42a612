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
}
