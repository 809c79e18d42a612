//! The stochastic gradient descent loop shared by [`SGDClassifier`] (one run
//! per binary problem) and [`SGDRegressor`]: scikit-learn's `_plain_sgd`
//! with its weight vector, update for update.
//!
//! The weights are stored as `wscale · w` so that the L2 shrinkage of every
//! step costs one multiplication instead of a pass over the features; the
//! average of ASGD is kept with Bottou's (2012) `a`, `b` trick on top of it;
//! L1 uses the cumulative penalty of Tsuruoka, Tsujii and Ananiadou (2009).
//! Every update is replayed in scikit-learn's order, so that with
//! `shuffle = false` the coefficients agree with it to rounding.
//!
//! [`SGDClassifier`]: super::SGDClassifier
//! [`SGDRegressor`]: super::SGDRegressor

use super::loss::Loss;
use super::{SGDLearningRate, SGDPenalty};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::sparse::MatrixView;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

/// Below this scale the weights are multiplied out (scikit-learn's
/// threshold for `float64`), before `wscale` underflows.
const WSCALE_THRESHOLD: f64 = 1e-9;

/// Gradients are clipped to ±this, as scikit-learn, so that one extreme
/// sample cannot overflow the weights.
const MAX_DLOSS: f64 = 1e12;

/// The hyperparameters one run needs.
#[derive(Clone, Debug)]
pub(super) struct Options {
    pub loss: Loss,
    pub penalty: SGDPenalty,
    pub alpha: f64,
    pub l1_ratio: f64,
    pub learning_rate: SGDLearningRate,
    pub eta0: f64,
    pub power_t: f64,
    pub fit_intercept: bool,
    pub max_iter: usize,
    pub tol: Option<f64>,
    pub n_iter_no_change: usize,
    /// 0: no averaging; else averaging starts at update number `average`.
    pub average: usize,
    /// `Some(seed)`: visit the rows in a new random order every epoch.
    pub shuffle_seed: Option<u64>,
}

/// What a run learns and a later `partial_fit` continues from: the plain
/// and the averaged weights and intercepts.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(super) struct State {
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    pub coef: Vec<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub intercept: f64,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    pub average_coef: Vec<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub average_intercept: f64,
}

impl State {
    /// All zeros for `n_features` features.
    pub fn zeros(n_features: usize) -> Self {
        State {
            coef: vec![0.0; n_features],
            intercept: 0.0,
            average_coef: vec![0.0; n_features],
            average_intercept: 0.0,
        }
    }

    /// That a loaded state fits `n_features` and is finite.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
    pub fn check(&self, n_features: usize) -> std::result::Result<(), String> {
        use crate::persistence::check::{ensure, same_len};
        same_len("SGD coefficients", n_features, self.coef.len())?;
        same_len("SGD averaged coefficients", n_features, self.average_coef.len())?;
        ensure(
            self.coef
                .iter()
                .chain(&self.average_coef)
                .chain([&self.intercept, &self.average_intercept])
                .all(|v| v.is_finite()),
            || "non-finite SGD coefficient".into(),
        )
    }
}

/// One binary (or regression) problem: the targets (±1, `0/1` for the
/// log-loss, or real values), each row's sample weight, the class weights
/// of the positive and negative targets, and the rows held out for early
/// stopping with the score to maximise on them.
pub(super) struct Problem<'a, 'x, F> {
    /// The rows, dense or sparse (a sparse row's update touches its stored
    /// values only, as scikit-learn's sparse SGD).
    pub x: MatrixView<'x, F>,
    pub y: &'a [f64],
    pub sample_weight: &'a [f64],
    pub weight_pos: f64,
    pub weight_neg: f64,
    pub validation: Option<Validation<'a>>,
}

/// The rows held out for early stopping, and the score of `(coef, intercept)`
/// on them (higher is better).
pub(super) struct Validation<'a> {
    pub mask: &'a [bool],
    pub score: &'a (dyn Fn(&[f64], f64) -> f64 + Sync),
}

/// One training row in `f64`: every value, or a sparse row's stored
/// columns and values.
enum Row<'r> {
    Dense(&'r [f64]),
    Sparse(&'r [u32], &'r [f64]),
}

/// The weights as `wscale · w`, with their squared L2 and L1 norms (kept as
/// scikit-learn keeps them: refreshed by each `add`, scaled by each `scale`)
/// and, when averaging, the average `(aw + a·w) / b`.
struct Weights<'s> {
    w: &'s mut [f64],
    wscale: f64,
    sq_norm: f64,
    l1_norm: f64,
    average: Option<(&'s mut [f64], f64, f64)>,
    /// Whether a sparse row's `add` recomputes the norms over every weight
    /// (as a dense row's does) rather than updating them from the changed
    /// weights: needed when the L1 truncation, which moves every weight
    /// and costs a pass over them anyway, leaves the norms stale.
    sparse_full_norms: bool,
}

impl<'s> Weights<'s> {
    fn new(w: &'s mut [f64], average: Option<&'s mut [f64]>, sparse_full_norms: bool) -> Self {
        let (sq_norm, l1_norm) = norms(w);
        Weights {
            w,
            wscale: 1.0,
            sq_norm,
            l1_norm,
            average: average.map(|aw| (aw, 0.0, 1.0)),
            sparse_full_norms,
        }
    }

    fn dot(&self, x: &Row<'_>) -> f64 {
        let mut s = 0.0;
        match *x {
            Row::Dense(x) => {
                for (w, x) in self.w.iter().zip(x) {
                    s += w * x;
                }
            }
            Row::Sparse(indices, values) => {
                for (&j, x) in indices.iter().zip(values) {
                    s += self.w[j as usize] * x;
                }
            }
        }
        s * self.wscale
    }

    /// `weights += c · x`.
    fn add(&mut self, x: &Row<'_>, c: f64) {
        let step = c / self.wscale;
        match *x {
            Row::Dense(x) => {
                let (mut l2, mut l1) = (0.0, 0.0);
                for (w, x) in self.w.iter_mut().zip(x) {
                    *w += x * step;
                    l2 += *w * *w;
                    l1 += w.abs();
                }
                self.sq_norm = l2 * (self.wscale * self.wscale);
                self.l1_norm = l1 * self.wscale;
            }
            Row::Sparse(indices, values) => {
                let (mut d2, mut d1) = (0.0, 0.0);
                for (&j, x) in indices.iter().zip(values) {
                    let w = &mut self.w[j as usize];
                    let old = *w;
                    *w += x * step;
                    d2 += *w * *w - old * old;
                    d1 += w.abs() - old.abs();
                }
                if self.sparse_full_norms {
                    let (l2, l1) = norms(self.w);
                    self.sq_norm = l2 * (self.wscale * self.wscale);
                    self.l1_norm = l1 * self.wscale;
                } else {
                    self.sq_norm += d2 * (self.wscale * self.wscale);
                    self.l1_norm += d1 * self.wscale;
                }
            }
        }
    }

    /// Folds the step `c · x` of update number `num_iter` (counted from the
    /// start of averaging) into the average.
    fn add_average(&mut self, x: &Row<'_>, c: f64, num_iter: f64) {
        let wscale = self.wscale;
        let Some((aw, a, b)) = self.average.as_mut() else {
            return;
        };
        let mu = 1.0 / num_iter;
        let step = -c / wscale;
        match *x {
            Row::Dense(x) => {
                for (aw, x) in aw.iter_mut().zip(x) {
                    *aw += *a * x * step;
                }
            }
            Row::Sparse(indices, values) => {
                for (&j, x) in indices.iter().zip(values) {
                    aw[j as usize] += *a * x * step;
                }
            }
        }
        if num_iter > 1.0 {
            *b /= 1.0 - mu;
        }
        *a += mu * *b * wscale;
    }

    fn scale(&mut self, c: f64) {
        self.wscale *= c;
        self.sq_norm *= c * c;
        self.l1_norm *= c.abs();
        if self.wscale < WSCALE_THRESHOLD {
            self.reset_scale();
        }
    }

    /// Multiplies the scale out: afterwards `w` and the average are plain.
    fn reset_scale(&mut self) {
        if let Some((aw, a, b)) = self.average.as_mut() {
            for (aw, w) in aw.iter_mut().zip(self.w.iter()) {
                *aw += *a * w;
                *aw *= 1.0 / *b;
            }
            *a = 0.0;
            *b = 1.0;
        }
        for w in self.w.iter_mut() {
            *w *= self.wscale;
        }
        self.wscale = 1.0;
    }

    /// The cumulative L1 penalty: moves each weight towards zero by what
    /// the total penalty `u` allows beyond what it already received (`q`),
    /// never across zero.
    fn l1_penalty(&mut self, q: &mut [f64], u: f64) {
        let wscale = self.wscale;
        for (w, q) in self.w.iter_mut().zip(q.iter_mut()) {
            let z = *w;
            if wscale * z > 0.0 {
                *w = (*w - (u + *q) / wscale).max(0.0);
            } else if wscale * z < 0.0 {
                *w = (*w + (u - *q) / wscale).min(0.0);
            }
            *q += wscale * (*w - z);
        }
    }
}

/// `(Σ w², Σ |w|)`.
fn norms(w: &[f64]) -> (f64, f64) {
    let (mut l2, mut l1) = (0.0, 0.0);
    for v in w {
        l2 += v * v;
        l1 += v.abs();
    }
    (l2, l1)
}

/// `x_i · coef` in `f64` for row `i` of a dense or sparse `x` (the
/// early-stopping scores).
pub(super) fn row_dot<F: Float>(x: MatrixView<'_, F>, i: usize, coef: &[f64]) -> f64 {
    match x {
        MatrixView::Dense(x) => x.row(i).iter().zip(coef).map(|(v, w)| v.as_f64() * w).sum(),
        MatrixView::Sparse(x) => {
            let row = x.row(i);
            row.indices
                .iter()
                .zip(row.values)
                .map(|(&j, v)| v.as_f64() * coef[j as usize])
                .sum()
        }
    }
}

impl Options {
    /// Runs up to `max_iter` epochs over `problem` from `state`, the
    /// learning-rate counter starting at `t` (1 for a fresh model).
    /// Returns the number of epochs run. The rows are visited in order, or
    /// in a fresh permutation per epoch with `shuffle_seed`.
    ///
    /// # Errors
    /// [`Error::NotConverged`] when a weight or the intercept overflowed.
    pub fn run<F: Float>(
        &self,
        name: &'static str,
        problem: &Problem<'_, '_, F>,
        state: &mut State,
        t: f64,
    ) -> Result<usize> {
        let (n, p) = problem.x.shape();
        let mut t = t;
        let (l1_ratio, penalised) = match self.penalty {
            SGDPenalty::None => (self.l1_ratio, false),
            SGDPenalty::L2 => (0.0, true),
            SGDPenalty::L1 => (1.0, true),
            SGDPenalty::ElasticNet => (self.l1_ratio, true),
        };
        let shrinks = matches!(self.penalty, SGDPenalty::L2 | SGDPenalty::ElasticNet);
        let truncates = matches!(self.penalty, SGDPenalty::L1 | SGDPenalty::ElasticNet);
        let mut q = if truncates { vec![0.0; p] } else { Vec::new() };
        let mut u = 0.0;
        let mut eta = self.eta0;
        // The optimal schedule starts where its first step is the typical
        // weight's size (Bottou's heuristic).
        let optimal_init = if self.learning_rate == SGDLearningRate::Optimal {
            let typw = (1.0 / self.alpha.sqrt()).sqrt();
            let initial_eta0 = typw / self.loss.gradient(1.0, -typw).max(1.0);
            1.0 / (initial_eta0 * self.alpha)
        } else {
            0.0
        };
        let validation_rows = problem
            .validation
            .as_ref()
            .map_or(0, |v| v.mask.iter().filter(|&&m| m).count());
        let train_count = (n - validation_rows) as f64;
        let average = self.average as f64;

        let State {
            coef,
            intercept,
            average_coef,
            average_intercept,
        } = state;
        let mut w = Weights::new(coef, (self.average > 0).then_some(&mut average_coef[..]), truncates);
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = self.shuffle_seed.map(StdRng::seed_from_u64);
        // The current row in f64: all its values, or a sparse row's
        // stored values (its columns are borrowed from the matrix).
        let mut buffer = vec![0.0; if problem.x.is_sparse() { 0 } else { p }];
        let (mut best_objective, mut best_score) = (f64::INFINITY, f64::NEG_INFINITY);
        let mut no_improvement = 0;
        let mut epoch = 0;
        while epoch < self.max_iter {
            epoch += 1;
            let mut objective_sum = 0.0;
            if let Some(rng) = rng.as_mut() {
                order.shuffle(rng);
            }
            for &i in &order {
                if problem.validation.as_ref().is_some_and(|v| v.mask[i]) {
                    continue;
                }
                let row = match problem.x {
                    MatrixView::Dense(x) => {
                        for (r, v) in buffer.iter_mut().zip(x.row(i)) {
                            *r = v.as_f64();
                        }
                        Row::Dense(&buffer)
                    }
                    MatrixView::Sparse(x) => {
                        let sparse = x.row(i);
                        buffer.clear();
                        buffer.extend(sparse.values.iter().map(|v| v.as_f64()));
                        Row::Sparse(sparse.indices, &buffer)
                    }
                };
                let y = problem.y[i];
                let pred = w.dot(&row) + *intercept;
                match self.learning_rate {
                    SGDLearningRate::Optimal => eta = 1.0 / (self.alpha * (optimal_init + t - 1.0)),
                    SGDLearningRate::InvScaling => eta = self.eta0 / t.powf(self.power_t),
                    SGDLearningRate::Constant | SGDLearningRate::Adaptive => {}
                }
                if problem.validation.is_none() {
                    objective_sum += self.loss.loss(y, pred);
                    if penalised {
                        let norm = w.sq_norm.sqrt();
                        objective_sum += self.alpha * ((1.0 - l1_ratio) * 0.5 * norm * norm + l1_ratio * w.l1_norm);
                    }
                }
                let class_weight = if y > 0.0 {
                    problem.weight_pos
                } else {
                    problem.weight_neg
                };
                let dloss = self.loss.gradient(y, pred).clamp(-MAX_DLOSS, MAX_DLOSS);
                let mut update = -eta * dloss;
                update *= class_weight * problem.sample_weight[i];
                if shrinks {
                    // Never below zero when eta · alpha is large.
                    w.scale((1.0 - (1.0 - l1_ratio) * eta * self.alpha).max(0.0));
                }
                if update != 0.0 {
                    w.add(&row, update);
                    if self.fit_intercept {
                        *intercept += update;
                    }
                }
                if self.average > 0 && average <= t {
                    let k = t - average + 1.0;
                    w.add_average(&row, update, k);
                    *average_intercept += (*intercept - *average_intercept) / k;
                }
                if truncates {
                    u += l1_ratio * eta * self.alpha;
                    w.l1_penalty(&mut q, u);
                }
                t += 1.0;
            }
            if !intercept.is_finite() || w.w.iter().any(|v| !v.is_finite()) {
                return Err(Error::NotConverged {
                    context: name.into(),
                    message: format!(
                        "floating-point overflow at epoch {epoch}; scale the features (e.g. with \
                         StandardScaler) or lower eta0 / raise alpha"
                    ),
                });
            }
            let improved = match problem.validation.as_ref() {
                Some(v) => {
                    w.reset_scale();
                    let score = (v.score)(w.w, *intercept);
                    let improved = self.tol.is_none_or(|tol| score >= best_score + tol);
                    best_score = best_score.max(score);
                    improved
                }
                None => {
                    let objective = objective_sum / train_count;
                    let improved = self.tol.is_none_or(|tol| objective <= best_objective - tol);
                    best_objective = best_objective.min(objective);
                    improved
                }
            };
            no_improvement = if improved { 0 } else { no_improvement + 1 };
            if no_improvement >= self.n_iter_no_change {
                if self.learning_rate == SGDLearningRate::Adaptive && eta > 1e-6 {
                    eta /= 5.0;
                    no_improvement = 0;
                } else {
                    break;
                }
            }
        }
        w.reset_scale();
        Ok(epoch)
    }
}
