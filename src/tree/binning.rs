//! Feature binning, done once before growing and shared by every tree of a
//! forest: each feature's values become small integer codes (column-major),
//! and the split search scans histograms over those codes.
//!
//! A feature with at most `max_bins` distinct values gets one bin per
//! distinct value, so every threshold scikit-learn's exact splitter would try
//! is available. A feature with more distinct values is cut at count
//! quantiles of its sorted values, always between two distinct values.
//! Each bin remembers the smallest and largest training value it holds, so
//! that a split between two bins gets a real threshold: the midpoint of the
//! largest value on the left and the smallest on the right, as scikit-learn's.
//! Rows are coded against those thresholds, so the bins may be cut from a
//! sample of the rows ([`Binned::with_edges_from`]: the gradient boosting
//! above [`BIN_SUBSAMPLE`] rows, and the data-parallel fits) and still code
//! every row as the fitted trees will split it.
//!
//! Missing values (`NaN`) get a bin of their own, after the last bin of
//! values: code `n_bins[f]` for feature `f`, present when `missing[f]`.
//! `max_bins` counts the bins of values only, except that `max_bins <= 256`
//! always means byte codes: a feature with missing values then gets at most
//! 255 bins of values.

use crate::float::Float;
use ndarray::ArrayView2;
use rayon::prelude::*;
use std::sync::OnceLock;

/// An integer bin code: `u8` for at most 256 bins, wider for exact binning
/// of features with more distinct values.
pub(crate) trait BinCode: Copy + Ord + Send + Sync + Default + std::fmt::Debug + 'static {
    /// The largest number of bins this code can address.
    const MAX_BINS: usize;
    fn from_index(i: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! bin_code {
    ($t:ty) => {
        impl BinCode for $t {
            const MAX_BINS: usize = <$t>::MAX as usize + 1;
            #[inline(always)]
            fn from_index(i: usize) -> Self {
                i as $t
            }
            #[inline(always)]
            fn index(self) -> usize {
                self as usize
            }
        }
    };
}
bin_code!(u8);
bin_code!(u16);
bin_code!(u32);

/// The binned features: codes column-major (`codes[f * n_rows + i]`) and,
/// per feature, each bin's smallest and largest training value.
#[derive(Debug)]
pub(crate) struct Binned<B> {
    pub n_rows: usize,
    pub codes: Vec<B>,
    /// Bins of values per feature (the missing-value bin not included).
    pub n_bins: Vec<usize>,
    /// Whether the feature had missing values: they have code `n_bins[f]`.
    #[allow(dead_code)] // read by the missing-value split search (in progress on branches)
    pub missing: Vec<bool>,
    pub bin_min: Vec<Vec<f64>>,
    pub bin_max: Vec<Vec<f64>>,
    /// The codes row-major (`[i * n_features + f]`), made on first use by
    /// [`Binned::rows`]; `None` inside when they could not be allocated.
    pub rows: OnceLock<Option<Vec<B>>>,
}

/// One feature's codes, one per row: row `i`'s is `data[i * stride]` (the
/// feature's column with stride 1, or the row-major copy from the feature's
/// offset with stride `n_features`).
#[derive(Clone, Copy)]
pub(crate) struct FeatureCodes<'a, B> {
    data: &'a [B],
    stride: usize,
}

impl<B: BinCode> FeatureCodes<'_, B> {
    /// Row `i`'s code.
    #[inline(always)]
    pub fn get(&self, i: usize) -> usize {
        self.data[i * self.stride].index()
    }
}

impl<B: BinCode> Binned<B> {
    /// The codes of feature `f`, one per row.
    #[inline]
    pub fn column(&self, f: usize) -> &[B] {
        &self.codes[f * self.n_rows..(f + 1) * self.n_rows]
    }

    /// Feature `f`'s codes: from its column, or from the row-major copy
    /// `rows` (see [`Binned::rows`]).
    #[inline]
    pub fn feature<'s>(&'s self, f: usize, rows: Option<&'s [B]>) -> FeatureCodes<'s, B> {
        match rows {
            Some(rows) => FeatureCodes {
                data: &rows[f..],
                stride: self.n_features(),
            },
            None => FeatureCodes {
                data: self.column(f),
                stride: 1,
            },
        }
    }

    /// The codes row-major, transposed on the first call (in blocks of 64
    /// rows, so that the reads of a column and the writes of the block's rows
    /// stay in cache); `None` when the copy cannot be allocated (the callers
    /// then read the columns).
    ///
    /// A forest's small nodes read these: a node's samples are a few hundred
    /// rows spread over the whole data, so each drawn feature's column costs
    /// a cache line per sample, and the next drawn feature another; the rows
    /// of a small node fill a few hundred lines that stay in cache for all
    /// its drawn features and all its descendants.
    pub fn rows(&self) -> Option<&[B]> {
        self.rows
            .get_or_init(|| {
                let (n, p) = (self.n_rows, self.n_features());
                let mut rows = Vec::new();
                rows.try_reserve_exact(n * p).ok()?;
                rows.resize(n * p, B::default());
                for start in (0..n).step_by(64) {
                    let end = (start + 64).min(n);
                    for f in 0..p {
                        for (i, &code) in (start..end).zip(&self.column(f)[start..end]) {
                            rows[i * p + f] = code;
                        }
                    }
                }
                Some(rows)
            })
            .as_deref()
    }

    /// Number of codes of feature `f`: its bins of values, plus one when it
    /// had missing values.
    #[inline]
    #[allow(dead_code)] // read by the missing-value split search (in progress on branches)
    pub fn n_codes(&self, f: usize) -> usize {
        self.n_bins[f] + self.missing[f] as usize
    }

    /// Number of features.
    pub fn n_features(&self) -> usize {
        self.n_bins.len()
    }

    /// The real threshold between bin `left` (and below) and bin `right`
    /// (and above): the midpoint of their extreme values, or the left value
    /// when the midpoint rounds up to the right one (scikit-learn's rule).
    pub fn threshold(&self, f: usize, left: usize, right: usize) -> f64 {
        threshold_between(self.bin_max[f][left], self.bin_min[f][right])
    }
}

/// The threshold between a bin whose largest value is `a` and a later bin
/// whose smallest is `b`: their midpoint, or `a` when the midpoint rounds
/// up to `b` (scikit-learn's rule); always in `[a, b)` when `a < b`.
fn threshold_between(a: f64, b: f64) -> f64 {
    let mid = a / 2.0 + b / 2.0;
    if mid >= b || !mid.is_finite() { a } else { mid }
}

/// Rows the gradient boosting cuts its bins from, at most: scikit-learn's
/// `subsample` of its binner. On more rows, sorting every value of every
/// feature was an eighth of an 800,000-row fit.
pub(crate) const BIN_SUBSAMPLE: usize = 200_000;

/// Codes `values` against the `thresholds` between consecutive bins (as
/// the fitted trees use them): a value's code is the number of thresholds
/// below it, `NaN`'s is `missing_code`.
pub(crate) fn code_by_thresholds<B: BinCode>(
    values: impl Iterator<Item = f64>,
    thresholds: &[f64],
    missing_code: B,
) -> Vec<B> {
    let code = |v: f64, bin: usize| if v.is_nan() { missing_code } else { B::from_index(bin) };
    match ByteBinSearch::new(thresholds) {
        Some(search) => values.map(|v| code(v, search.find(v))).collect(),
        None => values
            .map(|v| code(v, thresholds.partition_point(|&t| t < v)))
            .collect(),
    }
}

/// The thresholds between consecutive bins of one feature.
pub(crate) fn bin_thresholds(bin_min: &[f64], bin_max: &[f64]) -> Vec<f64> {
    (1..bin_min.len())
        .map(|b| threshold_between(bin_max[b - 1], bin_min[b]))
        .collect()
}

/// Binned features with the narrowest code type that holds them.
#[derive(Debug)]
pub(crate) enum BinnedData {
    U8(Binned<u8>),
    U16(Binned<u16>),
    U32(Binned<u32>),
}

impl BinnedData {
    /// Bins every feature of `x` (finite values, or `NaN` for missing) into
    /// at most `max_bins` bins of values (`None`: one bin per distinct value)
    /// plus a missing-value bin where needed, in parallel over features.
    pub fn new<F: Float>(x: ArrayView2<'_, F>, max_bins: Option<usize>) -> Self {
        let max_bins = max_bins.unwrap_or(usize::MAX).max(2);
        if max_bins <= u8::MAX_BINS {
            return BinnedData::U8(bin_all(x, max_bins, None));
        }
        let widest = (0..x.ncols())
            .into_par_iter()
            .map(|f| {
                let column = x.column(f);
                let missing = column.iter().any(|v| v.is_nan()) as usize;
                let mut v: Vec<f64> = column.iter().filter(|v| !v.is_nan()).map(|v| v.as_f64()).collect();
                v.sort_unstable_by(f64::total_cmp);
                v.dedup();
                v.len().min(max_bins) + missing
            })
            .max()
            .unwrap_or(1);
        if widest <= u8::MAX_BINS {
            BinnedData::U8(bin_all(x, max_bins, None))
        } else if widest <= u16::MAX_BINS {
            BinnedData::U16(bin_all(x, max_bins, None))
        } else {
            BinnedData::U32(bin_all(x, max_bins, None))
        }
    }
}

impl Binned<u8> {
    /// Bins `x` into at most `max_bins <= 256` bins of values per feature
    /// (as [`BinnedData::new`]), with each feature's bins cut from the
    /// values of the rows `sample` only, except the features marked in
    /// `all_rows` (categorical features: every category present gets its
    /// bin). Every row is then coded against the thresholds between the
    /// bins; a row of `sample` gets the code it would get from bins cut on
    /// `sample` alone, and with every row in `sample` the result is
    /// [`BinnedData::new`]'s.
    pub fn with_edges_from<F: Float>(
        x: ArrayView2<'_, F>,
        max_bins: usize,
        sample: &[usize],
        all_rows: &[bool],
    ) -> Self {
        bin_all(x, max_bins.clamp(2, u8::MAX_BINS), Some((sample, all_rows)))
    }
}

/// Bins every feature of `x`; `sample`: the rows each feature's bins are
/// cut from and the features cut from every row anyway (else every row).
fn bin_all<F: Float, B: BinCode>(
    x: ArrayView2<'_, F>,
    max_bins: usize,
    sample: Option<(&[usize], &[bool])>,
) -> Binned<B> {
    let n = x.nrows();
    let columns: Vec<(Vec<B>, Vec<f64>, Vec<f64>)> = (0..x.ncols())
        .into_par_iter()
        .map(|f| {
            let values: Vec<f64> = x.column(f).iter().map(|v| v.as_f64()).collect();
            let cut_from = sample.filter(|(_, all_rows)| !all_rows[f]).map(|(rows, _)| rows);
            bin_feature(values, max_bins, cut_from)
        })
        .collect();
    let mut codes = Vec::with_capacity(n * x.ncols());
    let mut n_bins = Vec::with_capacity(x.ncols());
    let mut bin_min = Vec::with_capacity(x.ncols());
    let mut bin_max = Vec::with_capacity(x.ncols());
    let mut missing = Vec::with_capacity(x.ncols());
    for (c, lo, hi) in columns {
        codes.extend_from_slice(&c);
        missing.push(c.iter().any(|&code| code.index() == lo.len()));
        n_bins.push(lo.len());
        bin_min.push(lo);
        bin_max.push(hi);
    }
    Binned {
        n_rows: n,
        codes,
        n_bins,
        missing,
        bin_min,
        bin_max,
        rows: OnceLock::new(),
    }
}

/// The key of `v` in `f64::total_cmp`'s order, as an unsigned integer:
/// sorting keys orders their values exactly as sorting the values with
/// `total_cmp` would, at the cost of an integer comparison.
#[inline]
fn total_order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | (1 << 63) }
}

/// The value of a [`total_order_key`].
#[inline]
fn from_total_order_key(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 { key & !(1 << 63) } else { !key })
}

/// Bins one feature: returns the code of every row and each bin's smallest
/// and largest value among the rows the bins are cut from (`cut_from`, or
/// every row). Missing values get the code after the last bin, so the code
/// type must hold `max_bins + 1` codes when there are any (the caller
/// picks it so).
///
/// The bins are cut on the sorted values alone (sorted as integer keys,
/// which costs a fraction of sorting `(value, row)` pairs by `total_cmp`);
/// each row's code is then the number of thresholds between bins below its
/// value (a binary search). For a value the bins were cut from, that is the
/// bin holding it: consecutive bins hold runs of strictly increasing
/// distinct values, and each threshold lies from the largest value of its
/// left bin up to, not including, the smallest of its right one.
fn bin_feature<B: BinCode>(
    values: Vec<f64>,
    max_bins: usize,
    cut_from: Option<&[usize]>,
) -> (Vec<B>, Vec<f64>, Vec<f64>) {
    let keys = |rows: Option<&[usize]>| -> Vec<u64> {
        let key = |&v: &f64| (!v.is_nan()).then(|| total_order_key(v));
        match rows {
            Some(rows) => rows.iter().filter_map(|&i| key(&values[i])).collect(),
            None => values.iter().filter_map(key).collect(),
        }
    };
    let mut sorted = keys(cut_from);
    if sorted.is_empty() && cut_from.is_some() {
        // The sample drew only missing values: cut from every row.
        sorted = keys(None);
    }
    let n = sorted.len();
    let has_missing = values.iter().any(|v| v.is_nan());
    let max_bins = max_bins.min(B::MAX_BINS - has_missing as usize);
    sorted.sort_unstable();
    let value = |k: usize| from_total_order_key(sorted[k]);
    let mut distinct = 0usize;
    for k in 0..n {
        if k == 0 || value(k) != value(k - 1) {
            distinct += 1;
        }
    }
    let mut bin_min = Vec::new();
    let mut bin_max = Vec::new();
    let exact = distinct <= max_bins;
    // Quantile targets: close a bin once the cumulative count reaches k·n/max_bins.
    let step = n as f64 / max_bins as f64;
    let mut next_target = step;
    let mut bin = 0usize;
    let mut k = 0usize;
    while k < n {
        let v = value(k);
        let mut end = k;
        while end < n && value(end) == v {
            end += 1;
        }
        if bin_min.len() == bin {
            bin_min.push(v);
            bin_max.push(v);
        }
        bin_max[bin] = v;
        let more = end < n;
        if more {
            let close = exact || (end as f64 >= next_target && bin + 1 < max_bins);
            if close {
                bin += 1;
                // Exact binning never reads the targets; with codes as wide
                // as u32 the step is tiny and advancing past `end` would
                // take billions of additions.
                while !exact && next_target <= end as f64 {
                    next_target += step;
                }
            }
        }
        k = end;
    }
    // Every NaN row gets the code after the last bin.
    let codes = code_by_thresholds(
        values.iter().copied(),
        &bin_thresholds(&bin_min, &bin_max),
        B::from_index(bin_min.len()),
    );
    (codes, bin_min, bin_max)
}

/// `thresholds.partition_point(|&t| t < v)` for at most 256 thresholds, in
/// eight steps without branches: the thresholds padded to 256 with `+∞`,
/// which no finite value exceeds. Coding the 3,000,000 values of a
/// 100,000 × 30 cut of `hgb_1m` took 250 M instructions with
/// `partition_point`, 211 M with this (callgrind).
struct ByteBinSearch {
    padded: [f64; 256],
}

impl ByteBinSearch {
    fn new(thresholds: &[f64]) -> Option<Self> {
        if thresholds.len() > 255 {
            return None;
        }
        let mut padded = [f64::INFINITY; 256];
        padded[..thresholds.len()].copy_from_slice(thresholds);
        Some(ByteBinSearch { padded })
    }

    /// The number of thresholds below `v` (finite or `NaN`; the caller
    /// ignores the answer for `NaN`).
    #[inline]
    fn find(&self, v: f64) -> usize {
        // Invariant: every padded value before `lo` is below v, and the
        // answer is below lo + 2 · step (it is at most 255: there are at
        // most 255 thresholds, and the padding is +∞).
        let mut lo = 0usize;
        let mut step = 128;
        while step > 0 {
            lo += step * (self.padded[(lo + step - 1) & 255] < v) as usize;
            step /= 2;
        }
        lo
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn few_distinct_values_get_one_bin_each_and_midpoint_thresholds() {
        let x = array![[3.0], [1.0], [2.0], [1.0]];
        let BinnedData::U8(b) = BinnedData::new(x.view(), Some(256)) else {
            panic!("u8 codes")
        };
        assert_eq!(b.column(0), &[2, 0, 1, 0]);
        assert_eq!(b.n_bins, vec![3]);
        assert_eq!(b.threshold(0, 0, 1), 1.5);
        assert_eq!(b.threshold(0, 0, 2), 2.0);
    }

    #[test]
    fn many_distinct_values_are_cut_at_quantiles_into_at_most_256_bins() {
        let x = ndarray::Array2::from_shape_fn((10_000, 1), |(i, _)| ((i * 7919) % 10_000) as f64);
        let BinnedData::U8(b) = BinnedData::new(x.view(), Some(256)) else {
            panic!("u8 codes")
        };
        assert!(b.n_bins[0] <= 256 && b.n_bins[0] >= 250, "{}", b.n_bins[0]);
        for i in 0..10_000 {
            let code = b.column(0)[i] as usize;
            assert!(x[[i, 0]] >= b.bin_min[0][code] && x[[i, 0]] <= b.bin_max[0][code]);
        }
        // exact binning needs wider codes
        assert!(matches!(BinnedData::new(x.view(), None), BinnedData::U16(_)));
    }

    #[test]
    fn missing_values_get_the_code_after_the_last_bin() {
        let x = array![[3.0, f64::NAN], [f64::NAN, f64::NAN], [1.0, f64::NAN], [3.0, f64::NAN]];
        let BinnedData::U8(b) = BinnedData::new(x.view(), Some(255)) else {
            panic!("u8 codes")
        };
        assert_eq!(b.column(0), &[1, 2, 0, 1]);
        assert_eq!((b.n_bins[0], b.missing[0], b.n_codes(0)), (2, true, 3));
        assert_eq!(b.column(1), &[0, 0, 0, 0]);
        assert_eq!((b.n_bins[1], b.missing[1], b.n_codes(1)), (0, true, 1));
        assert_eq!(b.threshold(0, 0, 1), 2.0);
    }

    #[test]
    fn missing_values_keep_codes_in_a_byte_by_capping_value_bins_at_255() {
        let mut x = ndarray::Array2::from_shape_fn((1000, 1), |(i, _)| i as f64);
        x[[10, 0]] = f64::NAN;
        let BinnedData::U8(b) = BinnedData::new(x.view(), Some(256)) else {
            panic!("u8 codes")
        };
        assert_eq!(b.n_bins[0], 255);
        assert_eq!(b.column(0)[10], 255);
        assert!(b.column(0).iter().enumerate().all(|(i, &c)| (i == 10) == (c == 255)));
    }

    /// The binning before issue 14 (sorting `(value, row)` pairs by
    /// `total_cmp` and coding rows while walking the sorted runs): the
    /// reference the faster `bin_feature` must agree with exactly.
    fn bin_feature_by_sorting_pairs<B: BinCode>(values: &[f64], max_bins: usize) -> (Vec<B>, Vec<f64>, Vec<f64>) {
        let n_rows = values.len();
        let mut sorted: Vec<(f64, u32)> = values
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_nan())
            .map(|(i, &v)| (v, i as u32))
            .collect();
        let n = sorted.len();
        let has_missing = n < n_rows;
        let max_bins = max_bins.min(B::MAX_BINS - has_missing as usize);
        sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let distinct = (0..n).filter(|&k| k == 0 || sorted[k].0 != sorted[k - 1].0).count();
        let mut codes = vec![B::from_index(usize::MAX); n_rows];
        let (mut bin_min, mut bin_max) = (Vec::new(), Vec::new());
        let exact = distinct <= max_bins;
        let step = n as f64 / max_bins as f64;
        let (mut next_target, mut bin, mut k) = (step, 0usize, 0usize);
        while k < n {
            let v = sorted[k].0;
            let mut end = k;
            while end < n && sorted[end].0 == v {
                codes[sorted[end].1 as usize] = B::from_index(bin);
                end += 1;
            }
            if bin_min.len() == bin {
                bin_min.push(v);
                bin_max.push(v);
            }
            bin_max[bin] = v;
            if end < n && (exact || (end as f64 >= next_target && bin + 1 < max_bins)) {
                bin += 1;
                while !exact && next_target <= end as f64 {
                    next_target += step;
                }
            }
            k = end;
        }
        for (code, v) in codes.iter_mut().zip(values) {
            if v.is_nan() {
                *code = B::from_index(bin_min.len());
            }
        }
        (codes, bin_min, bin_max)
    }

    #[test]
    fn binning_by_sorted_keys_equals_binning_by_sorted_pairs() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(14);
        for case in 0..300 {
            let n = [0, 1, 2, 5, 100, 3000][case % 6];
            let distinct = [1, 2, 3, 50, 255, 256, 300, 100_000][case % 8];
            let values: Vec<f64> = (0..n)
                .map(|_| match rng.random_range(0..20) {
                    0 => f64::NAN,
                    1 => -0.0,
                    2 => 0.0,
                    3 => f64::MAX,
                    4 => -f64::MAX,
                    5 => 5e-324,
                    _ => (rng.random_range(0..distinct) as f64 - distinct as f64 / 3.0) * 0.37,
                })
                // Every fifth case without missing values.
                .map(|v| if case % 5 == 0 && v.is_nan() { 1.0 } else { v })
                .collect();
            for max_bins in [2, 3, 16, 255, 256] {
                let fast = bin_feature::<u8>(values.clone(), max_bins, None);
                let reference = bin_feature_by_sorting_pairs::<u8>(&values, max_bins);
                assert_eq!(fast.0, reference.0, "codes, case {case}, max_bins {max_bins}");
                assert_eq!(
                    format!("{:?}", (&fast.1, &fast.2)),
                    format!("{:?}", (&reference.1, &reference.2))
                );
            }
            let fast = bin_feature::<u16>(values.clone(), usize::MAX, None);
            let reference = bin_feature_by_sorting_pairs::<u16>(&values, usize::MAX);
            assert_eq!(fast.0, reference.0, "exact codes, case {case}");
            assert_eq!(
                format!("{:?}", (&fast.1, &fast.2)),
                format!("{:?}", (&reference.1, &reference.2))
            );
        }
    }

    /// Bins cut from a sample: with every row as the sample they are
    /// `BinnedData::new`'s; with fewer, the sample's rows get the codes of
    /// the sample binned alone, every other row the bin between the
    /// thresholds around its value (values beyond the sample's range in
    /// the first or last bin), and categorical features keep every
    /// category.
    #[test]
    fn bins_cut_from_a_sample_code_every_row_by_their_thresholds() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        let n = 5_000;
        let x = ndarray::Array2::from_shape_fn((n, 4), |(i, f)| match f {
            0 => rng.random::<f64>() * 100.0 - 50.0,
            1 if i % 7 == 0 => f64::NAN,
            1 => rng.random_range(0..40) as f64,
            2 => (i % 30) as f64,
            _ => f64::NAN,
        });
        let categorical = [false, false, true, false];
        let all: Vec<usize> = (0..n).collect();
        let BinnedData::U8(reference) = BinnedData::new(x.view(), Some(255)) else {
            panic!("u8 codes")
        };
        let from_all = Binned::with_edges_from(x.view(), 255, &all, &categorical);
        assert_eq!(from_all.codes, reference.codes);
        assert_eq!(
            (&from_all.n_bins, &from_all.missing),
            (&reference.n_bins, &reference.missing)
        );

        // Every third row, without row 0 (the first feature's extreme values
        // are put in rows outside the sample) and without category 29.
        let sample: Vec<usize> = (3..n).step_by(3).filter(|&i| i % 30 != 29).collect();
        let mut x = x;
        x[[1, 0]] = -1e9;
        x[[2, 0]] = 1e9;
        let b = Binned::with_edges_from(x.view(), 255, &sample, &categorical);
        let BinnedData::U8(alone) = BinnedData::new(x.select(ndarray::Axis(0), &sample).view(), Some(255)) else {
            panic!("u8 codes")
        };
        for f in [0, 1] {
            assert_eq!(b.bin_min[f], alone.bin_min[f], "feature {f}");
            for (k, &i) in sample.iter().enumerate() {
                assert_eq!(b.column(f)[i], alone.column(f)[k], "feature {f}, row {i}");
            }
            let thresholds = bin_thresholds(&b.bin_min[f], &b.bin_max[f]);
            for i in 0..n {
                let (v, code) = (x[[i, f]], b.column(f)[i] as usize);
                if v.is_nan() {
                    assert_eq!(code, b.n_bins[f]);
                } else {
                    assert!(code == 0 || thresholds[code - 1] < v, "feature {f}, row {i}");
                    assert!(
                        code == thresholds.len() || v <= thresholds[code],
                        "feature {f}, row {i}"
                    );
                }
            }
        }
        assert_eq!((b.column(0)[1], b.column(0)[2] as usize), (0, b.n_bins[0] - 1));
        assert!(b.missing[1] && b.missing[3]);
        assert_eq!(b.n_bins[2], 30, "every category has its bin");
        assert!((0..n).all(|i| b.column(2)[i] as usize == i % 30));
        assert_eq!((b.n_bins[3], b.column(3)[0]), (0, 0), "a column of missing values");
    }
}
