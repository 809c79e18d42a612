//! The elastic-net coordinate descent of scikit-learn's `_cd_fast`
//! (`enet_coordinate_descent` and its Gram variant), on prepared data:
//! minimises `½‖y − Xw‖² + l1·‖w‖₁ + ½·l2·‖w‖²` (the estimator's objective
//! times `n_samples`), stopping on the duality gap with gap-safe screening.
//!
//! The stopping rule is scikit-learn's: after a sweep whose largest
//! coefficient change is at most `tol` times the largest coefficient (or
//! that leaves every coefficient at zero, or the last one), the duality gap
//! is computed; the fit stops when it is at most `tol·‖y‖²`. The same gap
//! drives the gap-safe rule (Fercoq, Gramfort and Salmon) that drops
//! features whose coefficient must be zero at the optimum.

use ndarray::{Array2, ArrayView2, ShapeBuilder};
use rand::Rng;
use rand::rngs::StdRng;
use std::borrow::Cow;
use std::sync::Mutex;

/// The design a descent runs on: `X` itself (column-major, so that each
/// coordinate update is a contiguous dot product and axpy on the residual),
/// or its Gram matrix `XᵀX` with `Xᵀy` (cheaper when samples outnumber
/// features: each update is then an axpy of length `n_features`), whole
/// or only the columns of the features that enter.
pub(crate) enum Design<'a> {
    /// Column-major `X` (`n_samples × n_features`) and its squared column norms.
    Dense { x: Array2<f64>, norm2: Vec<f64> },
    /// `XᵀX` (symmetric, so row `j` is column `j`).
    Gram { q: Array2<f64> },
    /// The columns of `XᵀX` computed on demand (glmnet's "covariance
    /// updating"), for a path: see [`LazyGram`].
    Lazy(LazyGram<'a>),
}

/// The Gram matrix of a path, a column at a time: the Gram descent reads
/// column `j` of `XᵀX` only once feature `j` may move (its update is an
/// axpy with that column; the correlations of the others follow from
/// `Xᵀy − XᵀX·w`, a sum over the nonzero coefficients' columns), and its
/// diagonal for every feature. Along a lasso path few features ever enter
/// (49 of 500 on the `lasso_path` bench task), so computing their columns
/// costs a fraction of the whole `XᵀX`.
///
/// The columns are computed in batches (the first of the top [`first_batch`]
/// features by `|Xᵀy|`, later ones of [`LAZY_BATCH`] at least: the
/// missing ones topped up with the features most correlated with the
/// residual, the likeliest to enter next): [`gram_columns`](crate::linalg::gram_columns)
/// reads `X` once per batch, which dominates for a few columns. Which
/// columns are computed depends only on the path, never on the threads.
pub(crate) struct LazyGram<'a> {
    x: ArrayView2<'a, f64>,
    /// `X_jᵀX_j` for every feature.
    norm2: Vec<f64>,
    /// The columns computed so far (locked by one descent at a time).
    columns: Mutex<Columns>,
}

/// Columns of a [`LazyGram`]: column `j` of `XᵀX` is
/// `data[slot[j]·p..(slot[j] + 1)·p]` when `slot[j]` is set.
struct Columns {
    p: usize,
    slot: Vec<Option<usize>>,
    data: Vec<f64>,
}

/// The fewest columns a [`LazyGram`] computes at once after its first
/// batch (each batch is one read of `X`; a column more in it costs
/// `n·p` multiply-adds, a batch more one more read of `X`).
const LAZY_BATCH: usize = 16;

/// The fewest columns of a [`LazyGram`]'s first batch: at least
/// [`FIRST_BATCH_MIN`], else an eighth of the features, from the top of
/// `|Xᵀy|`. Along a lasso path the features enter mostly in the order of
/// `|Xᵀy|` (on the `lasso_path` bench task, 48 of the 49 that ever enter
/// are its top 48, of 500): one batch of the top eighth covers most of a
/// path, where batches of 32 topped up from the residual's correlations
/// took 6 reads of `X` and 192 columns.
fn first_batch(p: usize) -> usize {
    FIRST_BATCH_MIN.max(p / 8)
}

/// See [`first_batch`].
const FIRST_BATCH_MIN: usize = 32;

impl Columns {
    fn column(&self, j: usize) -> &[f64] {
        let s = self.slot[j].expect("the columns of the active features are computed before they move");
        &self.data[s * self.p..(s + 1) * self.p]
    }

    /// Computes the columns that `needed` lacks, with the features of
    /// largest `|xta|` (not `excluded`) that also lack one, up to
    /// [`first_batch`] in all the first time (then `excluded` is ignored)
    /// and [`LAZY_BATCH`] after;
    /// past a quarter of the features, the whole Gram matrix at once (its
    /// symmetric product is cheaper than the columns one by one).
    fn ensure(&mut self, x: ArrayView2<'_, f64>, needed: &[usize], xta: &[f64], excluded: &dyn Fn(usize) -> bool) {
        let mut batch: Vec<usize> = needed.iter().copied().filter(|&j| self.slot[j].is_none()).collect();
        if batch.is_empty() {
            return;
        }
        // The first batch is for the path ahead: a feature that the gap-safe
        // rule rules out at this first penalty may still enter at a smaller
        // one, so it is not excluded there.
        let first = self.data.is_empty();
        let least = if first { first_batch(self.p) } else { LAZY_BATCH };
        if batch.len() < least {
            let mut candidates: Vec<usize> = (0..self.p)
                .filter(|&j| self.slot[j].is_none() && (first || !excluded(j)) && !batch.contains(&j))
                .collect();
            candidates.sort_by(|&a, &b| xta[b].abs().total_cmp(&xta[a].abs()).then(a.cmp(&b)));
            batch.extend(candidates.into_iter().take(least - batch.len()));
        }
        let missing = self.slot.iter().filter(|s| s.is_none()).count();
        if 2 * batch.len() >= missing {
            batch = (0..self.p).filter(|&j| self.slot[j].is_none()).collect();
            let q = crate::linalg::gram(x);
            for &j in &batch {
                self.store(j, q.column(j).iter().copied());
            }
        } else {
            let q = crate::linalg::gram_columns(x, &batch);
            for (c, &j) in batch.iter().enumerate() {
                self.store(j, q.column(c).iter().copied());
            }
        }
    }

    fn store(&mut self, j: usize, column: impl Iterator<Item = f64>) {
        self.slot[j] = Some(self.data.len() / self.p);
        self.data.extend(column);
    }
}

impl<'a> LazyGram<'a> {
    /// No column yet; `norm2` holds the squared column norms of `x`.
    pub(crate) fn new(x: ArrayView2<'a, f64>, norm2: Vec<f64>) -> LazyGram<'a> {
        let p = x.ncols();
        LazyGram {
            x,
            norm2,
            columns: Mutex::new(Columns {
                p,
                slot: vec![None; p],
                data: Vec::new(),
            }),
        }
    }

    /// How many columns have been computed.
    #[cfg(test)]
    fn computed(&self) -> usize {
        let columns = self.columns.lock().unwrap_or_else(|e| e.into_inner());
        columns.slot.iter().filter(|s| s.is_some()).count()
    }
}

impl<'a> Design<'a> {
    /// The design for prepared `x`: its Gram matrix when `gram`, else `x`
    /// copied to column-major order.
    pub(crate) fn new(x: ArrayView2<'_, f64>, gram: bool) -> Design<'a> {
        if gram {
            Design::Gram {
                q: crate::linalg::gram(x),
            }
        } else {
            let mut columns = Array2::zeros(x.dim().f());
            columns.assign(&x);
            let norm2 = columns.columns().into_iter().map(|c| c.dot(&c)).collect();
            Design::Dense { x: columns, norm2 }
        }
    }

    /// `Xᵀy`, which the Gram descent and the alpha grid need: one parallel
    /// pass over the rows in fixed blocks (a column at a time strides over a
    /// row-major `x`, a cache miss per value).
    pub(crate) fn xty(x: ArrayView2<'_, f64>, y: &[f64]) -> Vec<f64> {
        crate::linear_model::normal::moments(x, y).xty.to_vec()
    }
}

/// The settings of one descent.
pub(crate) struct Settings<'a> {
    /// L1 penalty (`alpha · l1_ratio · n_samples`).
    pub l1: f64,
    /// L2 penalty (`alpha · (1 − l1_ratio) · n_samples`).
    pub l2: f64,
    pub max_iter: usize,
    /// Relative tolerance, scaled here by `‖y‖²`.
    pub tol: f64,
    pub positive: bool,
    /// Draw coordinates at random (`selection = "random"`) from this generator.
    pub rng: Option<&'a mut StdRng>,
    /// The L1 penalty of the previous point of a path, whose solution `w`
    /// starts this descent: enables the sequential strong rule.
    pub previous_l1: Option<f64>,
}

/// What a descent reached.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Outcome {
    /// The duality gap of the unscaled objective (divide by `n_samples`).
    pub gap: f64,
    /// The tolerance the gap was compared with (`tol·‖y‖²`).
    pub tol: f64,
    /// Sweeps done (0 when the start was already optimal).
    pub n_iter: usize,
}

impl Outcome {
    /// Whether the stopping rule was met.
    pub(crate) fn converged(&self) -> bool {
        self.gap <= self.tol
    }
}

/// `a·b` with four accumulators (fixed order, so deterministic; lets the
/// compiler use vector lanes, which one running sum forbids).
#[inline]
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let (ac, bc) = (a.chunks_exact(4), b.chunks_exact(4));
    let tail: f64 = ac.remainder().iter().zip(bc.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ac.zip(bc) {
        for ((lane, xv), yv) in acc.iter_mut().zip(x).zip(y) {
            *lane += xv * yv;
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// `y += a·x`.
#[inline]
fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

/// The soft-thresholded coordinate minimiser for `tmp = X_jᵀ(R + w_j X_j)`.
#[inline]
fn threshold(tmp: f64, l1: f64, denominator: f64, positive: bool) -> f64 {
    if positive && tmp < 0.0 {
        0.0
    } else {
        let shrunk = (tmp.abs() - l1).max(0.0);
        if tmp > 0.0 {
            shrunk / denominator
        } else if tmp < 0.0 {
            -shrunk / denominator
        } else {
            0.0
        }
    }
}

/// The duality gap from its ingredients (scikit-learn's formulations: A
/// with an L1 penalty, B for the ridge case, the gradient norm for least
/// squares) and the dual norm of `XᵀR − l2·w` that screening uses.
struct GapParts {
    r_norm2: f64,
    ry: f64,
    w_l1: f64,
    w_l2sq: f64,
}

fn gap_from(parts: &GapParts, xta: &[f64], l1: f64, l2: f64, positive: bool) -> (f64, f64) {
    if l1 == 0.0 {
        let norm = xta.iter().map(|v| v * v).sum::<f64>();
        if l2 == 0.0 {
            return (norm, norm);
        }
        let gap = parts.r_norm2 + 0.5 * l2 * parts.w_l2sq - parts.ry + norm / (2.0 * l2);
        return (gap, norm);
    }
    let dual_norm = if positive {
        xta.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    } else {
        xta.iter().fold(0.0f64, |m, v| m.max(v.abs()))
    };
    let primal = 0.5 * (parts.r_norm2 + l2 * parts.w_l2sq) + l1 * parts.w_l1;
    let scale = if dual_norm > l1 { l1 / dual_norm } else { 1.0 };
    let dual = -0.5 * scale * scale * (parts.r_norm2 + l2 * parts.w_l2sq) + scale * parts.ry;
    (primal - dual, dual_norm)
}

/// Coordinate descent from `w` (updated in place) for the target `y`;
/// `xty` is `Xᵀy` (used by the Gram design only).
pub(crate) fn descend(design: &Design, y: &[f64], xty: &[f64], w: &mut [f64], s: Settings<'_>) -> Outcome {
    match design {
        Design::Dense { x, norm2 } => {
            let data = x.as_slice_memory_order().expect("column-major by construction");
            let n = x.nrows();
            let mut r = y.to_vec();
            for (j, &wj) in w.iter().enumerate() {
                if wj != 0.0 {
                    axpy(-wj, &data[j * n..(j + 1) * n], &mut r);
                }
            }
            let mut state = Dense { data, n, norm2, r, y };
            run(&mut state, w, s)
        }
        Design::Gram { q } => {
            let data = q.as_slice().expect("standard layout by construction");
            let p = q.nrows();
            let norm2 = (0..p).map(|j| data[j * p + j]).collect();
            run_gram(Source::Full { data, p }, Cow::Owned(norm2), y, xty, w, s)
        }
        Design::Lazy(lazy) => {
            // A poisoned lock only means another descent panicked: the
            // columns it stored are whole (stored after being computed).
            let mut columns = lazy.columns.lock().unwrap_or_else(|e| e.into_inner());
            let nonzero: Vec<usize> = (0..w.len()).filter(|&j| w[j] != 0.0).collect();
            columns.ensure(lazy.x, &nonzero, xty, &|_| false);
            let source = Source::Lazy {
                columns: &mut columns,
                x: lazy.x.view(),
            };
            run_gram(source, Cow::Borrowed(&lazy.norm2), y, xty, w, s)
        }
    }
}

/// The Gram descent from `w`, on the whole Gram matrix or its columns.
fn run_gram<'a>(
    source: Source<'a>,
    norm2: Cow<'a, [f64]>,
    y: &[f64],
    xty: &'a [f64],
    w: &mut [f64],
    s: Settings<'_>,
) -> Outcome {
    let mut qw = vec![0.0; w.len()];
    for (j, &wj) in w.iter().enumerate() {
        if wj != 0.0 {
            axpy(wj, source.column(j), &mut qw);
        }
    }
    let mut state = Gram {
        source,
        norm2,
        qw,
        xty,
        y_norm2: dot(y, y),
    };
    run(&mut state, w, s)
}

/// What differs between the dense and the Gram descent.
trait Kernel {
    fn y_norm2(&self) -> f64;
    /// The squared norm of column `j` (`X_jᵀX_j`).
    fn norm2(&self, j: usize) -> f64;
    /// `X_jᵀR + w_j·X_jᵀX_j`, the coordinate's partial residual correlation.
    fn correlation(&self, j: usize, wj: f64) -> f64;
    /// Records the change `delta` of coefficient `j`.
    fn update(&mut self, j: usize, delta: f64);
    /// Fills `xta` with `XᵀR − l2·w` and returns the gap's ingredients.
    fn gap_parts(&self, w: &[f64], l2: f64, xta: &mut [f64]) -> GapParts;
    /// Makes ready what updating the `active` features needs (the lazy
    /// Gram matrix's columns); `xta` and `status` as in [`run`].
    fn require(&mut self, _active: &[usize], _xta: &[f64], _status: &[Status]) {}
}

struct Dense<'a> {
    data: &'a [f64],
    n: usize,
    norm2: &'a [f64],
    r: Vec<f64>,
    y: &'a [f64],
}

impl Kernel for Dense<'_> {
    fn y_norm2(&self) -> f64 {
        dot(self.y, self.y)
    }
    fn norm2(&self, j: usize) -> f64 {
        self.norm2[j]
    }
    #[inline]
    fn correlation(&self, j: usize, wj: f64) -> f64 {
        dot(&self.data[j * self.n..(j + 1) * self.n], &self.r) + wj * self.norm2[j]
    }
    #[inline]
    fn update(&mut self, j: usize, delta: f64) {
        axpy(-delta, &self.data[j * self.n..(j + 1) * self.n], &mut self.r);
    }
    fn gap_parts(&self, w: &[f64], l2: f64, xta: &mut [f64]) -> GapParts {
        for (j, v) in xta.iter_mut().enumerate() {
            *v = dot(&self.data[j * self.n..(j + 1) * self.n], &self.r) - l2 * w[j];
        }
        GapParts {
            r_norm2: dot(&self.r, &self.r),
            ry: dot(&self.r, self.y),
            w_l1: w.iter().map(|v| v.abs()).sum(),
            w_l2sq: dot(w, w),
        }
    }
}

/// Where the Gram descent reads the columns of `XᵀX`.
enum Source<'a> {
    /// The whole matrix (symmetric, so row `j` is column `j`).
    Full { data: &'a [f64], p: usize },
    /// The columns computed so far, and `X` to compute more.
    Lazy {
        columns: &'a mut Columns,
        x: ArrayView2<'a, f64>,
    },
}

impl Source<'_> {
    #[inline]
    fn column(&self, j: usize) -> &[f64] {
        match self {
            Source::Full { data, p } => &data[j * p..(j + 1) * p],
            Source::Lazy { columns, .. } => columns.column(j),
        }
    }
}

struct Gram<'a> {
    source: Source<'a>,
    norm2: Cow<'a, [f64]>,
    qw: Vec<f64>,
    xty: &'a [f64],
    y_norm2: f64,
}

impl Kernel for Gram<'_> {
    fn y_norm2(&self) -> f64 {
        self.y_norm2
    }
    fn norm2(&self, j: usize) -> f64 {
        self.norm2[j]
    }
    #[inline]
    fn correlation(&self, j: usize, wj: f64) -> f64 {
        self.xty[j] - self.qw[j] + wj * self.norm2[j]
    }
    #[inline]
    fn update(&mut self, j: usize, delta: f64) {
        let Gram { source, qw, .. } = self;
        axpy(delta, source.column(j), qw);
    }
    fn gap_parts(&self, w: &[f64], l2: f64, xta: &mut [f64]) -> GapParts {
        for (j, v) in xta.iter_mut().enumerate() {
            *v = self.xty[j] - self.qw[j] - l2 * w[j];
        }
        let q_dot_w = dot(w, self.xty);
        GapParts {
            r_norm2: self.y_norm2 + dot(w, &self.qw) - 2.0 * q_dot_w,
            ry: self.y_norm2 - q_dot_w,
            w_l1: w.iter().map(|v| v.abs()).sum(),
            w_l2sq: dot(w, w),
        }
    }
    fn require(&mut self, active: &[usize], xta: &[f64], status: &[Status]) {
        if let Source::Lazy { columns, x } = &mut self.source {
            columns.ensure(*x, active, xta, &|j| status[j] == Status::Safe);
        }
    }
}

/// Gap-safe screening: keeps in `active` the features not yet excluded
/// whose safe-sphere test cannot rule them out, zeroing the coefficient of
/// each feature it drops (and updating the residual).
fn screen<K: Kernel>(
    kernel: &mut K,
    w: &mut [f64],
    xta: &[f64],
    (gap, dual_norm): (f64, f64),
    s: &Settings<'_>,
    status: &mut [Status],
    active: &mut Vec<usize>,
) {
    // Rounding can make the gap slightly negative (singular Gram matrices).
    let radius = (2.0 * gap.abs()).sqrt() / s.l1;
    active.clear();
    for j in 0..w.len() {
        if status[j] == Status::Safe {
            continue;
        }
        let norm2 = kernel.norm2(j);
        let keep = norm2 != 0.0 && {
            let theta = xta[j] / s.l1.max(dual_norm);
            (1.0 - theta.abs()) / (norm2 + s.l2).sqrt() <= radius
        };
        if keep {
            if status[j] == Status::In {
                active.push(j);
            }
        } else {
            if w[j] != 0.0 {
                kernel.update(j, -w[j]);
                w[j] = 0.0;
            }
            status[j] = Status::Safe;
        }
    }
}

/// The sequential strong rule (Tibshirani et al. 2012, eq. 7): at a path's
/// next penalty `l1_k`, starting from the solution at `l1_{k−1}`, a feature
/// at zero whose correlation with the residual `|x_jᵀr|` is below
/// `2·l1_k − l1_{k−1}` (`bound`) will most likely stay at zero, and the
/// descent leaves it out. Unlike the gap-safe rule it can be wrong: see
/// [`readmit_violations`].
fn strong_rule(w: &[f64], xta: &[f64], bound: f64, status: &mut [Status]) {
    for ((st, &wj), &c) in status.iter_mut().zip(w).zip(xta) {
        if *st == Status::In && wj == 0.0 && c.abs() < bound {
            *st = Status::Strong;
        }
    }
}

/// The KKT check of the strong rule: a discarded feature (held at zero)
/// whose correlation `x_jᵀr` exceeds the L1 penalty (in the direction
/// allowed with `positive`) would move if descended on, so it goes back
/// in. Run at each gap computation (the correlations `xta` of every
/// feature are computed there anyway), so a wrong guess costs sweeps but
/// never the result.
fn readmit_violations(xta: &[f64], l1: f64, positive: bool, status: &mut [Status]) {
    for (st, &c) in status.iter_mut().zip(xta) {
        let violated = if positive { c > l1 } else { c.abs() > l1 };
        if *st == Status::Strong && violated {
            *st = Status::In;
        }
    }
}

/// Where a feature stands in a descent.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    /// Descended on.
    In,
    /// Zero at the optimum, proven by the gap-safe rule: out for good.
    Safe,
    /// Left out by the strong rule (held at zero until the KKT check
    /// readmits it).
    Strong,
}

fn run<K: Kernel>(kernel: &mut K, w: &mut [f64], mut s: Settings<'_>) -> Outcome {
    let p = w.len();
    let tol = s.tol * kernel.y_norm2();
    let mut xta = vec![0.0; p];
    let gap_of = |kernel: &K, w: &[f64], xta: &mut [f64]| {
        let parts = kernel.gap_parts(w, s.l2, xta);
        gap_from(&parts, xta, s.l1, s.l2, s.positive)
    };
    let (mut gap, mut dual_norm) = gap_of(kernel, w, &mut xta);
    if (0.0..=tol).contains(&gap) {
        return Outcome { gap, tol, n_iter: 0 };
    }
    // No screening without an L1 penalty (the safe sphere is unbounded).
    let screening = s.l1 > 0.0;
    let mut status = vec![Status::In; p];
    if let (true, Some(previous)) = (screening, s.previous_l1) {
        strong_rule(w, &xta, 2.0 * s.l1 - previous, &mut status);
    }
    let mut active: Vec<usize> = (0..p).filter(|&j| status[j] == Status::In).collect();
    if screening {
        screen(kernel, w, &xta, (gap, dual_norm), &s, &mut status, &mut active);
    }
    kernel.require(&active, &xta, &status);
    let mut n_iter = 0;
    for iter in 0..s.max_iter {
        n_iter = iter + 1;
        let (mut w_max, mut d_w_max) = (0.0f64, 0.0f64);
        let n_active = active.len();
        for step in 0..n_active {
            let pick = match s.rng.as_deref_mut() {
                Some(rng) => rng.random_range(0..n_active),
                None => step,
            };
            let j = active[pick];
            let norm2 = kernel.norm2(j);
            if norm2 == 0.0 {
                continue;
            }
            let wj = w[j];
            let new = threshold(kernel.correlation(j, wj), s.l1, norm2 + s.l2, s.positive);
            if new != wj {
                kernel.update(j, new - wj);
                w[j] = new;
            }
            d_w_max = d_w_max.max((new - wj).abs());
            w_max = w_max.max(new.abs());
        }
        if w_max == 0.0 || d_w_max / w_max <= s.tol || iter + 1 == s.max_iter {
            (gap, dual_norm) = gap_of(kernel, w, &mut xta);
            // The gap is the whole problem's (its dual point scales by the
            // largest correlation over every feature, discarded ones
            // included): below the tolerance, the strong rule's guesses
            // cannot have cost anything.
            if gap <= tol {
                break;
            }
            if screening {
                readmit_violations(&xta, s.l1, s.positive, &mut status);
                screen(kernel, w, &xta, (gap, dual_norm), &s, &mut status, &mut active);
                kernel.require(&active, &xta, &status);
            }
        }
    }
    Outcome { gap, tol, n_iter }
}

/// One elastic-net problem on prepared data (centred and weighted as
/// [`prepare`](crate::linear_model::base::prepare) leaves it): the design,
/// the target and `Xᵀy`, solved at any penalty from any start.
pub(crate) struct Problem<'a> {
    pub design: Design<'a>,
    pub y: Vec<f64>,
    pub xty: Vec<f64>,
}

impl<'a> Problem<'a> {
    /// The problem for prepared `x` and target `y`, on the Gram matrix when `gram`.
    pub(crate) fn new(x: ArrayView2<'_, f64>, y: Vec<f64>, gram: bool) -> Problem<'a> {
        let xty = Design::xty(x, &y);
        Problem {
            design: Design::new(x, gram),
            y,
            xty,
        }
    }

    /// The problem of a path on `x` and `y`: on the columns of the Gram
    /// matrix that the path needs ([`Design::Lazy`]) when `gram`, else on
    /// (a column-major copy of) `x`. `x` is borrowed, not copied, for the Gram.
    pub(crate) fn for_path(x: ArrayView2<'a, f64>, y: Vec<f64>, gram: bool) -> Problem<'a> {
        if !gram {
            return Problem::new(x, y, false);
        }
        // One pass over the rows for `Xᵀy` and the diagonal of `XᵀX`.
        let moments = crate::linear_model::normal::moments(x, &y);
        Problem {
            design: Design::Lazy(LazyGram::new(x, moments.sum_sq.to_vec())),
            y,
            xty: moments.xty.to_vec(),
        }
    }

    /// The problem from its parts (`y` prepared, `xty = Xᵀy`).
    pub(crate) fn from_parts(design: Design<'a>, y: Vec<f64>, xty: Vec<f64>) -> Problem<'a> {
        Problem { design, y, xty }
    }

    pub(crate) fn n_samples(&self) -> usize {
        self.y.len()
    }

    /// Descends from `w` at `alpha` and `l1_ratio` (the estimator's scale:
    /// the penalties are multiplied by `n_samples` here, as scikit-learn).
    pub(crate) fn solve(&self, alpha: f64, l1_ratio: f64, w: &mut [f64], cd: &Cd, rng: Option<&mut StdRng>) -> Outcome {
        self.solve_after(None, alpha, l1_ratio, w, cd, rng)
    }

    /// [`Problem::solve`] at the next point of a path: `w` is the solution
    /// at `previous_alpha`, which lets the sequential strong rule leave out
    /// the features that will most likely stay at zero (checked: see
    /// [`readmit_violations`]).
    pub(crate) fn solve_after(
        &self,
        previous_alpha: Option<f64>,
        alpha: f64,
        l1_ratio: f64,
        w: &mut [f64],
        cd: &Cd,
        rng: Option<&mut StdRng>,
    ) -> Outcome {
        let n = self.n_samples() as f64;
        let settings = Settings {
            l1: alpha * l1_ratio * n,
            l2: alpha * (1.0 - l1_ratio) * n,
            max_iter: cd.max_iter,
            tol: cd.tol,
            positive: cd.positive,
            rng,
            previous_l1: previous_alpha.map(|a| a * l1_ratio * n),
        };
        descend(&self.design, &self.y, &self.xty, w, settings)
    }
}

/// scikit-learn's `alpha_max`: the smallest `alpha` at which every
/// coefficient is zero, `max|Xᵀy| / (n·l1_ratio)` (the largest positive
/// `Xᵀy` with `positive`), from `xty = Xᵀy` on prepared data.
pub(crate) fn alpha_max(xty: &[f64], n_samples: usize, l1_ratio: f64, positive: bool) -> f64 {
    let top = if positive {
        xty.iter().copied().fold(0.0f64, f64::max)
    } else {
        xty.iter().fold(0.0f64, |m, v| m.max(v.abs()))
    };
    top / (n_samples as f64 * l1_ratio)
}

/// The solver settings an estimator, a path and a search share.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cd {
    pub max_iter: usize,
    pub tol: f64,
    pub positive: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// One feature: the optimum is the soft-thresholded least-squares
    /// coefficient, whichever design the descent runs on.
    #[test]
    fn one_feature_is_soft_thresholding() {
        let x = array![[1.0], [2.0], [3.0]];
        let y = [2.0, 4.0, 6.5];
        let xty = Design::xty(x.view(), &y);
        for gram in [false, true] {
            let design = Design::new(x.view(), gram);
            let mut w = [0.0];
            let s = Settings {
                l1: 1.0,
                l2: 0.0,
                max_iter: 100,
                tol: 1e-12,
                positive: false,
                rng: None,
                previous_l1: None,
            };
            let out = descend(&design, &y, &xty, &mut w, s);
            assert!(out.converged());
            // (xᵀy − l1) / xᵀx = (29.5 − 1) / 14
            assert!((w[0] - 28.5 / 14.0).abs() < 1e-12, "{w:?}");
        }
    }

    /// At a point of a path where the strong rule leaves few features in,
    /// the lazy Gram design computes at most one batch of columns, not `XᵀX`, and
    /// reaches the dense design's coefficients.
    #[test]
    fn lazy_gram_computes_only_the_needed_columns() {
        let (n, p) = (120, 200);
        let x = Array2::from_shape_fn((n, p), |(i, j)| {
            (((i * 7 + j * 13) % 29) as f64 - 14.0) / 7.0 + ((i * j) % 5) as f64 * 0.1
        });
        let y: Vec<f64> = (0..n)
            .map(|i| 2.0 * x[[i, 3]] - x[[i, 50]] + 0.5 * x[[i, 120]])
            .collect();
        let lazy = Problem::for_path(x.view(), y.clone(), true);
        let dense = Problem::new(x.view(), y.clone(), false);
        let top = alpha_max(&lazy.xty, n, 1.0, false);
        let cd = Cd {
            max_iter: 10_000,
            tol: 1e-12,
            positive: false,
        };
        let (mut w_lazy, mut w_dense) = (vec![0.0; p], vec![0.0; p]);
        let out = lazy.solve_after(Some(top), 0.8 * top, 1.0, &mut w_lazy, &cd, None);
        assert!(out.converged());
        dense.solve(0.8 * top, 1.0, &mut w_dense, &cd, None);
        let Design::Lazy(columns) = &lazy.design else {
            panic!("a path's Gram design is lazy");
        };
        // One batch at most (fewer when the gap-safe rule has ruled out the
        // rest), never the whole `XᵀX`.
        let computed = columns.computed();
        assert!((1..=first_batch(p)).contains(&computed), "{computed} columns of {p}");
        assert!(w_lazy.iter().any(|&v| v != 0.0));
        for (a, b) in w_lazy.iter().zip(&w_dense) {
            assert!((a - b).abs() < 1e-9, "{a} vs {b}");
        }
    }

    #[test]
    fn dot_matches_naive_sum() {
        let a: Vec<f64> = (0..11).map(f64::from).collect();
        assert_eq!(dot(&a, &a), a.iter().map(|v| v * v).sum::<f64>());
    }
}
