//! Node statistics over rows split between ranks, for trees grown
//! data-parallel (the forests' `fit_distributed_rows`): every rank holds
//! some of the rows, and the builder asks this module, in place of
//! [`SampleStats`](super::SampleStats), for a node's statistics and a
//! feature's histogram over every rank's rows.
//!
//! Each row contributes integers (its bootstrap count, its class, its
//! target as a multiple of a grid step), so the ranks' histograms combine
//! by an integer all-reduce, exactly, and every rank sees the same numbers
//! whatever the number of ranks and however the rows are split: the split
//! search, run on those numbers, then picks the same split everywhere, and
//! each rank partitions its own rows.

use super::binning::{BinCode, FeatureCodes};
use crate::distributed::{Communicator, ReduceOp};
use crate::error::Error;
use std::cell::RefCell;

/// Each local row's integer contribution to a node's statistics.
pub(crate) enum IntRows {
    /// Class code and (whole) weight of each row: the statistics are the
    /// row count and the weight of each class.
    Classes {
        code: Vec<u32>,
        weight: Vec<i64>,
        n_classes: usize,
    },
    /// Weight `w` and target `k · step` of each row: the statistics are the
    /// row count, `Σw`, `Σw·k` and `Σw·k²` (read as `Σw·y` and `Σw·y²`).
    Values { w: Vec<i64>, k: Vec<i64>, step: f64 },
}

/// The rows of this rank and the group they are summed over.
pub(crate) struct SharedStats<'c> {
    comm: &'c dyn Communicator,
    rows: IntRows,
    /// The first failed collective: the builder then sees empty nodes
    /// (leaves), makes no more collectives, and the fit returns the error.
    failure: RefCell<Option<Error>>,
}

impl<'c> SharedStats<'c> {
    pub fn new(comm: &'c dyn Communicator, rows: IntRows) -> Self {
        SharedStats {
            comm,
            rows,
            failure: RefCell::new(None),
        }
    }

    /// Numbers per bin: the count, then the task's statistics.
    pub fn width(&self) -> usize {
        match &self.rows {
            IntRows::Classes { n_classes, .. } => 1 + n_classes,
            IntRows::Values { .. } => 4,
        }
    }

    /// The first collective error, if any (the trees grown since are not
    /// the model).
    pub fn take_failure(&self) -> Option<Error> {
        self.failure.borrow_mut().take()
    }

    #[inline]
    fn add(&self, dst: &mut [i64], i: usize) {
        dst[0] += 1;
        match &self.rows {
            IntRows::Classes { code, weight, .. } => dst[1 + code[i] as usize] += weight[i],
            IntRows::Values { w, k, .. } => {
                dst[1] += w[i];
                dst[2] += w[i] * k[i];
                dst[3] += w[i] * k[i] * k[i];
            }
        }
    }

    /// Sums `buf` over the ranks (all zeros once a collective has failed).
    fn all_reduce(&self, buf: &mut [i64], op: ReduceOp) {
        if self.failure.borrow().is_none() {
            if let Err(err) = self.comm.all_reduce_i64(buf, op) {
                *self.failure.borrow_mut() = Some(err);
            }
        }
        if self.failure.borrow().is_some() {
            buf.fill(0);
        }
    }

    /// One bin's combined integers as the builder's floats.
    fn to_f64(&self, src: &[i64], dst: &mut [f64]) {
        match &self.rows {
            IntRows::Classes { .. } => dst.iter_mut().zip(src).for_each(|(d, &s)| *d = s as f64),
            IntRows::Values { step, .. } => {
                dst[0] = src[0] as f64;
                dst[1] = src[1] as f64;
                dst[2] = src[2] as f64 * step;
                dst[3] = src[3] as f64 * step * step;
            }
        }
    }

    /// The statistics of every rank's rows of a node (`idx`, this rank's).
    pub fn totals(&self, idx: &[u32]) -> Vec<f64> {
        let s = self.width();
        let mut sums = vec![0i64; s];
        idx.iter().for_each(|&i| self.add(&mut sums, i as usize));
        self.all_reduce(&mut sums, ReduceOp::Sum);
        let mut out = vec![0.0; s];
        self.to_f64(&sums, &mut out);
        out
    }

    /// A feature's non-empty bins (in `bins`, increasing) and their
    /// statistics (in `out`) over every rank's rows of a node: each rank's
    /// histogram of its rows `idx`, all-reduced (the feature's `n_codes`
    /// bins, whatever the node's size).
    pub fn feature_bins<B: BinCode>(
        &self,
        codes: FeatureCodes<'_, B>,
        n_codes: usize,
        idx: &[u32],
        bins: &mut Vec<u32>,
        out: &mut Vec<f64>,
    ) {
        let s = self.width();
        let mut hist = vec![0i64; n_codes * s];
        for &i in idx {
            let b = codes.get(i as usize);
            self.add(&mut hist[b * s..(b + 1) * s], i as usize);
        }
        self.all_reduce(&mut hist, ReduceOp::Sum);
        bins.clear();
        out.clear();
        for (b, st) in hist.chunks_exact(s).enumerate() {
            if st[0] > 0 {
                bins.push(b as u32);
                let at = out.len();
                out.resize(at + s, 0.0);
                self.to_f64(st, &mut out[at..]);
            }
        }
    }

    /// The smallest and largest code of values (below `n_bins`) of every
    /// rank's rows of a node (`usize::MAX, 0` when there is none), and
    /// whether any of those rows has a missing value (code `n_bins`).
    pub fn code_range<B: BinCode>(
        &self,
        codes: FeatureCodes<'_, B>,
        n_bins: usize,
        idx: &[u32],
    ) -> (usize, usize, bool) {
        // Max of (-lo, hi, missing): the extremes in one all-reduce.
        let mut extremes = [-(u32::MAX as i64), 0, 0];
        for &i in idx {
            let c = codes.get(i as usize);
            if c == n_bins {
                extremes[2] = 1;
            } else {
                extremes[0] = extremes[0].max(-(c as i64));
                extremes[1] = extremes[1].max(c as i64);
            }
        }
        self.all_reduce(&mut extremes, ReduceOp::Max);
        let lo = if extremes[0] == -(u32::MAX as i64) || self.failure.borrow().is_some() {
            usize::MAX
        } else {
            (-extremes[0]) as usize
        };
        (lo, extremes[1] as usize, extremes[2] == 1)
    }

    /// The statistics of every rank's rows of a node (`idx`, this rank's)
    /// for which `left` holds, into `out` (`width()` numbers).
    pub fn sum_where(&self, idx: &[u32], left: impl Fn(usize) -> bool, out: &mut [f64]) {
        let mut sums = vec![0i64; self.width()];
        idx.iter()
            .filter(|&&i| left(i as usize))
            .for_each(|&i| self.add(&mut sums, i as usize));
        self.all_reduce(&mut sums, ReduceOp::Sum);
        self.to_f64(&sums, out);
    }
}
