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
    /// The real threshold, when the split chose it (random splits); otherwise
    /// the midpoint between `left_bin` and `right_bin`.
    pub threshold: Option<f64>,
    pub left_stats: Vec<f64>,
}

/// Where a split cuts a feature's non-empty bins.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cut {
    pub feature: usize,
    pub left_bin: usize,
    pub right_bin: usize,
    pub threshold: Option<f64>,
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
    let (wl, il) = impurity.weighted(&left[1..]);
    let (wr, ir) = impurity.weighted(&right[1..]);
    if wl < limits.min_weight_leaf || wr < limits.min_weight_leaf {
        return;
    }
    let proxy = -(il + ir);
    if best.as_ref().is_none_or(|b| proxy > b.proxy) {
        *best = Some(Candidate {
            proxy,
            feature: cut.feature,
            left_bin: cut.left_bin,
            right_bin: cut.right_bin,
            threshold: cut.threshold,
            left_stats: left.to_vec(),
        });
    }
}

/// Scans the non-empty bins `bins` (increasing) with statistics `stats`
/// (`S` per bin) of a node with statistics `total`, and replaces `best` when a
/// boundary does strictly better. `left` is scratch of length `S`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn scan(
    impurity: Impurity,
    feature: usize,
    bins: &[u32],
    stats: &[f64],
    total: &[f64],
    limits: LeafLimits,
    left: &mut [f64],
    right: &mut [f64],
    best: &mut Option<Candidate>,
) {
    let s = total.len();
    left.iter_mut().for_each(|v| *v = 0.0);
    let msl = limits.min_samples_leaf as f64;
    for i in 0..bins.len().saturating_sub(1) {
        let st = &stats[i * s..(i + 1) * s];
        left.iter_mut().zip(st).for_each(|(l, v)| *l += v);
        if total[0] - left[0] < msl {
            break;
        }
        let cut = Cut {
            feature,
            left_bin: bins[i] as usize,
            right_bin: bins[i + 1] as usize,
            threshold: None,
        };
        consider(impurity, cut, left, total, limits, right, best);
    }
}
