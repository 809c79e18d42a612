//! [`MiniBatchKMeans`]: k-means on random batches of rows, each batch moving
//! its rows' centres by a running mean, with `partial_fit` for data that
//! arrive in chunks (scikit-learn's `MiniBatchKMeans` and `_mini_batch_step`).

use super::estimator::check_common;
use super::fitted::{check_fitted, distances, nearest, score};
use super::init::initial_centres;
use super::step::{inertia, mean_variance};
use super::{KMeansInit, NInit, lloyd};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::metrics::pairwise::squared_row_norms;
use crate::parallel::with_n_jobs;
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len};
use crate::random::{derived_seed, seed_or_entropy};
use crate::traits::{Clusterer, Estimator, SampleWeighted, Transformer};
use crate::validation::{check_param, check_sample_weight};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const NAME: &str = "MiniBatchKMeans";

/// K-means on mini-batches: faster than [`KMeans`](super::KMeans) on large
/// data for a slightly higher inertia (scikit-learn's `MiniBatchKMeans`).
///
/// `fit` draws `max_iter × n_samples / batch_size` batches (with
/// replacement, by sample weight), stopping early when the smoothed batch
/// inertia has not improved for `max_no_improvement` batches or the
/// centres moved less than `tol` (relative, as KMeans'); clusters that
/// receive too little weight are moved to random rows of the batch
/// (`reassignment_ratio`). [`partial_fit`](MiniBatchKMeans::partial_fit)
/// runs one step on the caller's batch, and
/// [`FittedMiniBatchKMeans::partial_fit`] the next ones. Batches are drawn
/// with this crate's generator, so `fit` differs from scikit-learn's for a
/// given seed; `partial_fit` from an initial array equals it.
///
/// # Hyperparameters
/// `n_clusters` (8), `init` (k-means++), `max_iter` (100), `batch_size`
/// (1024), `tol` (0: off), `max_no_improvement` (`Some(10)`), `init_size`
/// (`None`: 3 × batch size, at least 3 × `n_clusters`), `n_init`
/// ([`NInit::Auto`]: 1, or 3 for random rows), `reassignment_ratio`
/// (0.01), `random_state`, `n_jobs`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::cluster::MiniBatchKMeans;
///
/// let iris = learnkit::datasets::load_iris();
/// let model = MiniBatchKMeans::default().n_clusters(3).batch_size(50).random_state(0).fit_unsupervised(iris.data.view())?;
/// assert!(model.inertia() < 90.0);
/// assert_eq!(model.predict(iris.data.view())?.len(), 150);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MiniBatchKMeans {
    /// The number of clusters.
    pub n_clusters: usize,
    /// How the first centres are chosen.
    pub init: KMeansInit,
    /// Passes over the data (in batches) at most.
    pub max_iter: usize,
    /// Rows per batch.
    pub batch_size: usize,
    /// Relative tolerance on the centres' squared change (0: off).
    pub tol: f64,
    /// Batches without improvement of the smoothed inertia before stopping
    /// (`None`: never).
    pub max_no_improvement: Option<usize>,
    /// Rows sampled for the initialisation (`None`: 3 × batch size).
    pub init_size: Option<usize>,
    /// How many initialisations (compared on a validation sample).
    pub n_init: NInit,
    /// Clusters with less than this fraction of the heaviest one's weight
    /// are moved to random rows (0: never).
    pub reassignment_ratio: f64,
    /// Seed of the initialisation and the batches (`None`: fresh entropy).
    pub random_state: Option<u64>,
    /// Threads (`None`: every core).
    pub n_jobs: Option<usize>,
}

impl Default for MiniBatchKMeans {
    fn default() -> Self {
        MiniBatchKMeans {
            n_clusters: 8,
            init: KMeansInit::KMeansPlusPlus,
            max_iter: 100,
            batch_size: 1024,
            tol: 0.0,
            max_no_improvement: Some(10),
            init_size: None,
            n_init: NInit::Auto,
            reassignment_ratio: 0.01,
            random_state: None,
            n_jobs: None,
        }
    }
}

setters!(MiniBatchKMeans in "learnkit::cluster" {
    n_clusters: usize = 3;
    init: KMeansInit = learnkit::cluster::KMeansInit::Random;
    max_iter: usize = 50;
    batch_size: usize = 256;
    tol: f64 = 1e-4;
    reassignment_ratio: f64 = 0.0;
    n_jobs: Option<usize> = Some(1);
    max_no_improvement: Option<usize> = Some(5);
    init_size: Option<usize> = Some(300);
} into {
    n_init: NInit = 2 => learnkit::cluster::NInit::Count(2);
} optional {
});
random_state_setter!(MiniBatchKMeans in "learnkit::cluster");

/// The running state of the batches: what `partial_fit` continues.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(bound = "F: Float"))]
struct Stream<F> {
    /// The weight each centre has absorbed so far (scikit-learn's `_counts`).
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    counts: Array1<F>,
    /// Rows seen since the last reassignment check.
    n_since_last_reassign: usize,
    /// The batch size the reassignment schedule counts in.
    batch_size: usize,
    /// Batches so far.
    n_steps: usize,
    /// The base seed; step `s` draws from `derived_seed(seed, s)`.
    seed: u64,
}

/// A fitted [`MiniBatchKMeans`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::cluster::{KMeansInit, MiniBatchKMeans};
/// use learnkit::traits::Clusterer;
/// use ndarray::array;
///
/// let init = KMeansInit::Array(array![[0.0], [10.0]]);
/// let params = MiniBatchKMeans::default().n_clusters(2).init(init);
/// let mut model = params.partial_fit(array![[1.0], [9.0]].view(), None)?;
/// model.partial_fit(array![[2.0], [12.0]].view(), None)?;
/// assert_eq!(model.cluster_centers(), &array![[1.5], [10.5]]);
/// assert_eq!(model.labels(), array![0, 1]); // the last batch's
/// assert_eq!(model.n_steps(), 2);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedMiniBatchKMeans<F> {
    params: MiniBatchKMeans,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    cluster_centers: Array2<F>,
    labels: Array1<i64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    inertia: F,
    n_iter: usize,
    stream: Stream<F>,
}

checked_serde!(impl[F: Float] FittedMiniBatchKMeans<F>);
persist!(impl[F: Float] FittedMiniBatchKMeans<F> => format!("MiniBatchKMeans<{}>", F::NAME));

impl<F: Float> Check for FittedMiniBatchKMeans<F> {
    fn check(&self) -> std::result::Result<(), String> {
        check_fitted(
            NAME,
            &self.cluster_centers,
            &self.labels,
            self.inertia,
            self.params.n_jobs,
        )?;
        ensure(self.params.n_clusters == self.cluster_centers.nrows(), || {
            format!(
                "{NAME}: n_clusters = {} but {} centres",
                self.params.n_clusters,
                self.cluster_centers.nrows()
            )
        })?;
        same_len(
            &format!("{NAME}: counts"),
            self.cluster_centers.nrows(),
            self.stream.counts.len(),
        )?;
        ensure(self.stream.counts.iter().all(|&c| c >= F::zero()), || {
            format!("{NAME}: a negative or NaN count")
        })?;
        ensure(self.stream.batch_size >= 1 && self.stream.n_steps >= 1, || {
            format!("{NAME}: batch size and steps must be >= 1")
        })
    }
}

/// What one batch step needs.
struct Step<'a, F> {
    x: ArrayView2<'a, F>,
    w: ArrayView1<'a, F>,
    reassign: bool,
    reassignment_ratio: f64,
}

/// One mini-batch step (scikit-learn's `_mini_batch_step`): assigns the
/// batch, moves each centre to the running mean of the weight it has
/// absorbed, and when `reassign` moves clusters lighter than
/// `reassignment_ratio ×` the heaviest to random rows of the batch.
/// Returns the batch's inertia against the centres before the move.
fn mini_batch_step<F: Float>(
    step: Step<'_, F>,
    centres: &mut Array2<F>,
    counts: &mut Array1<F>,
    rng: &mut StdRng,
) -> F {
    let Step {
        x,
        w,
        reassign,
        reassignment_ratio,
    } = step;
    let (n, d) = x.dim();
    let k = centres.nrows();
    let mut labels = vec![0; n];
    lloyd::assign(x, w, centres, &mut labels, false);
    let batch_inertia = inertia(x, w, centres, &labels);
    // Per cluster: undo the running mean, add the batch's rows in order, redo it.
    for c in 0..k {
        let members: Vec<usize> = (0..n).filter(|&i| labels[i] == c).collect();
        let wsum = members.iter().fold(F::zero(), |acc, &i| acc + w[i]);
        if wsum > F::zero() {
            let mut centre: Vec<F> = centres.row(c).iter().map(|&v| v * counts[c]).collect();
            for &i in &members {
                for (s, &v) in centre.iter_mut().zip(x.row(i)) {
                    *s += v * w[i];
                }
            }
            counts[c] += wsum;
            let alpha = F::one() / counts[c];
            for (j, v) in centre.into_iter().enumerate() {
                centres[[c, j]] = v * alpha;
            }
        }
    }
    if reassign && reassignment_ratio > 0.0 {
        let heaviest = counts.iter().fold(F::neg_infinity(), |m, &v| m.max(v));
        let mut to_reassign: Vec<bool> = counts
            .iter()
            .map(|&c| c < F::cast(reassignment_ratio) * heaviest)
            .collect();
        // At most half the batch's rows become centres: the heaviest keep theirs.
        let half = (0.5 * n as f64) as usize;
        if to_reassign.iter().filter(|&&r| r).count() as f64 > 0.5 * n as f64 {
            let mut order: Vec<usize> = (0..k).collect();
            order.sort_by(|&a, &b| counts[a].partial_cmp(&counts[b]).unwrap_or(std::cmp::Ordering::Equal));
            for &c in &order[half.min(k)..] {
                to_reassign[c] = false;
            }
        }
        let chosen: Vec<usize> = (0..k).filter(|&c| to_reassign[c]).collect();
        let kept_min = (0..k)
            .filter(|&c| !to_reassign[c])
            .map(|c| counts[c])
            .fold(None, |m: Option<F>, v| Some(m.map_or(v, |m| m.min(v))));
        if let (false, Some(kept_min)) = (chosen.is_empty(), kept_min) {
            let rows = rand::seq::index::sample(rng, n, chosen.len());
            for (&c, i) in chosen.iter().zip(rows.iter()) {
                centres.row_mut(c).assign(&x.row(i));
                counts[c] = kept_min;
            }
        }
    }
    let _ = d;
    batch_inertia
}

impl MiniBatchKMeans {
    fn validate<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<()> {
        check_common(
            NAME,
            self.n_clusters,
            &self.init,
            self.max_iter,
            self.tol,
            self.n_jobs,
            x,
        )?;
        check_param(NAME, "batch_size", self.batch_size, ">= 1", |b| b >= 1)?;
        check_param(
            NAME,
            "max_no_improvement",
            self.max_no_improvement,
            "None or >= 1",
            |m| m != Some(0),
        )?;
        check_param(NAME, "init_size", self.init_size, "None or >= 1", |m| m != Some(0))?;
        check_param(
            NAME,
            "reassignment_ratio",
            self.reassignment_ratio,
            "a finite number >= 0",
            |r| r.is_finite() && r >= 0.0,
        )?;
        if let NInit::Count(0) = self.n_init {
            return Err(Error::invalid_parameter(NAME, "n_init", "Auto or a count >= 1", 0));
        }
        Ok(())
    }

    /// scikit-learn's `_init_size`: 3 × the batch size (at least 3 ×
    /// `n_clusters`), at most the rows.
    fn resolved_init_size(&self, batch_size: usize, n: usize) -> usize {
        let size = match self.init_size {
            Some(s) if s >= self.n_clusters => s,
            Some(_) => 3 * self.n_clusters,
            None => (3 * batch_size).max(if 3 * batch_size < self.n_clusters {
                3 * self.n_clusters
            } else {
                0
            }),
        };
        size.min(n)
    }

    /// Initial centres from `init_size` random rows of `x` (all of them
    /// when `init_size ≥ n`).
    fn init_centres<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        w: ArrayView1<'_, F>,
        init_size: usize,
        rng: &mut StdRng,
    ) -> Result<Array2<F>> {
        let n = x.nrows();
        let (xs, ws) = if init_size < n {
            let rows: Vec<usize> = (0..init_size).map(|_| rng.random_range(0..n)).collect();
            (x.select(Axis(0), &rows), w.select(Axis(0), &rows))
        } else {
            (x.to_owned(), w.to_owned())
        };
        let norms = squared_row_norms(xs.view());
        initial_centres(
            NAME,
            &self.init,
            xs.view(),
            norms.view(),
            ws.view(),
            self.n_clusters,
            None,
            rng,
        )
    }

    fn fit_checked<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedMiniBatchKMeans<F>> {
        self.validate(x)?;
        let w = check_sample_weight(NAME, sample_weight, x.nrows())?;
        with_n_jobs(self.n_jobs, || {
            self.fit_batches(x.as_standard_layout().view(), w.view())
        })?
    }

    fn fit_batches<F: Float>(&self, x: ArrayView2<'_, F>, w: ArrayView1<'_, F>) -> Result<FittedMiniBatchKMeans<F>> {
        let n = x.nrows();
        let batch_size = self.batch_size.min(n);
        let init_size = self.resolved_init_size(batch_size, n);
        let tol = F::cast(if self.tol == 0.0 {
            0.0
        } else {
            mean_variance(x) * self.tol
        });
        let seed = seed_or_entropy(self.random_state);
        let mut rng = StdRng::seed_from_u64(seed);
        let valid: Vec<usize> = (0..init_size).map(|_| rng.random_range(0..n)).collect();
        let (x_valid, w_valid) = (x.select(Axis(0), &valid), w.select(Axis(0), &valid));
        let mut best: Option<(Array2<F>, F)> = None;
        for _ in 0..self.n_init.resolve(&self.init, 3) {
            let centres = self.init_centres(x, w, init_size, &mut rng)?;
            let mut labels = vec![0; init_size];
            lloyd::assign(x_valid.view(), w_valid.view(), &centres, &mut labels, false);
            let score = inertia(x_valid.view(), w_valid.view(), &centres, &labels);
            if best.as_ref().is_none_or(|(_, b)| score < *b) {
                best = Some((centres, score));
            }
        }
        let mut centres = best.expect("n_init >= 1").0;
        let k = self.n_clusters;
        let mut stream = Stream {
            counts: Array1::zeros(k),
            n_since_last_reassign: 0,
            batch_size,
            n_steps: 0,
            seed,
        };
        let total_weight: f64 = w.iter().map(|v| v.as_f64()).sum();
        let n_steps = (self.max_iter * n) / batch_size;
        let unit = Array1::<F>::ones(batch_size);
        let mut ewa: Option<f64> = None;
        let mut ewa_min: Option<f64> = None;
        let mut no_improvement = 0;
        let cumulative: Vec<f64> = w
            .iter()
            .scan(0.0, |s, v| {
                *s += v.as_f64();
                Some(*s)
            })
            .collect();
        for step in 0..n_steps.max(1) {
            let rows: Vec<usize> = (0..batch_size)
                .map(|_| {
                    let target = rng.random::<f64>() * total_weight;
                    cumulative.partition_point(|&c| c <= target).min(n - 1)
                })
                .collect();
            let batch = x.select(Axis(0), &rows);
            let before = centres.clone();
            let reassign = stream.reassign_due(k);
            let batch_inertia = mini_batch_step(
                Step {
                    x: batch.view(),
                    w: unit.view(),
                    reassign,
                    reassignment_ratio: self.reassignment_ratio,
                },
                &mut centres,
                &mut stream.counts,
                &mut rng,
            );
            stream.n_steps = step + 1;
            // scikit-learn's `_mini_batch_convergence`.
            if step == 0 {
                continue;
            }
            let batch_inertia = batch_inertia.as_f64() / batch_size as f64;
            let alpha = (batch_size as f64 * 2.0 / (n as f64 + 1.0)).min(1.0);
            let smoothed = ewa.map_or(batch_inertia, |e| e * (1.0 - alpha) + batch_inertia * alpha);
            ewa = Some(smoothed);
            if tol > F::zero() {
                let diff: F = (&centres - &before).mapv(|v| v * v).sum();
                if diff <= tol {
                    break;
                }
            }
            if ewa_min.is_none_or(|m| smoothed < m) {
                no_improvement = 0;
                ewa_min = Some(smoothed);
            } else {
                no_improvement += 1;
            }
            if self.max_no_improvement.is_some_and(|m| no_improvement >= m) {
                break;
            }
        }
        let mut labels = vec![0; n];
        lloyd::assign(x, w, &centres, &mut labels, false);
        let inertia = inertia(x, w, &centres, &labels);
        Ok(FittedMiniBatchKMeans {
            params: self.clone(),
            cluster_centers: centres,
            labels: labels.iter().map(|&l| l as i64).collect(),
            inertia,
            n_iter: (stream.n_steps * batch_size).div_ceil(n),
            stream,
        })
    }

    /// One step on a first batch (scikit-learn's first `partial_fit` call):
    /// the centres are initialised from this batch, then moved by it. Later
    /// batches go to [`FittedMiniBatchKMeans::partial_fit`].
    ///
    /// # Errors
    /// As `fit`: bad hyperparameters, fewer rows than clusters in the first
    /// batch, bad data or weights.
    ///
    /// # Example
    /// ```
    /// use learnkit::cluster::MiniBatchKMeans;
    /// use ndarray::array;
    /// let model = MiniBatchKMeans::default().n_clusters(2).random_state(0).partial_fit(array![[0.0], [1.0], [9.0]].view(), None)?;
    /// assert_eq!(model.n_steps(), 1);
    /// assert!(MiniBatchKMeans::default().partial_fit(array![[0.0]].view(), None).is_err()); // 8 clusters, 1 row
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedMiniBatchKMeans<F>> {
        self.validate(x)?;
        let w = check_sample_weight(NAME, sample_weight, x.nrows())?;
        let x = x.as_standard_layout();
        with_n_jobs(self.n_jobs, || {
            let n = x.nrows();
            let batch_size = self.batch_size.min(n);
            let seed = seed_or_entropy(self.random_state);
            let mut rng = StdRng::seed_from_u64(seed);
            let centres = self.init_centres(x.view(), w.view(), self.resolved_init_size(batch_size, n), &mut rng)?;
            let mut model = FittedMiniBatchKMeans {
                params: self.clone(),
                labels: Array1::zeros(n),
                inertia: F::zero(),
                n_iter: 1,
                stream: Stream {
                    counts: Array1::zeros(self.n_clusters),
                    n_since_last_reassign: 0,
                    batch_size,
                    n_steps: 0,
                    seed,
                },
                cluster_centers: centres,
            };
            model.step(x.view(), w.view(), rng);
            Ok(model)
        })?
    }
}

impl<F: Float> Stream<F> {
    /// scikit-learn's `_random_reassign`: due when a centre has absorbed
    /// nothing yet or `10 × n_clusters` rows went by since the last check.
    fn reassign_due(&mut self, n_clusters: usize) -> bool {
        self.n_since_last_reassign += self.batch_size;
        if self.counts.iter().any(|&c| c == F::zero()) || self.n_since_last_reassign >= 10 * n_clusters {
            self.n_since_last_reassign = 0;
            return true;
        }
        false
    }
}

impl<F: Float> FittedMiniBatchKMeans<F> {
    /// One step on `x` with `rng`, then the batch's labels and inertia.
    fn step(&mut self, x: ArrayView2<'_, F>, w: ArrayView1<'_, F>, mut rng: StdRng) {
        let reassign = self.stream.reassign_due(self.params.n_clusters);
        mini_batch_step(
            Step {
                x,
                w,
                reassign,
                reassignment_ratio: self.params.reassignment_ratio,
            },
            &mut self.cluster_centers,
            &mut self.stream.counts,
            &mut rng,
        );
        let mut labels = vec![0; x.nrows()];
        lloyd::assign(x, w, &self.cluster_centers, &mut labels, false);
        self.inertia = inertia(x, w, &self.cluster_centers, &labels);
        self.labels = labels.iter().map(|&l| l as i64).collect();
        self.stream.n_steps += 1;
    }

    /// One more step on the batch `x` (scikit-learn's `partial_fit`): its
    /// rows move their nearest centres; `labels` and `inertia` become the
    /// batch's. On error the model is unchanged.
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`](crate::Error::FeatureCountMismatch)
    /// for a batch of another width; bad data or weights.
    ///
    /// # Example
    /// ```
    /// use learnkit::cluster::{KMeansInit, MiniBatchKMeans};
    /// use ndarray::array;
    /// let params = MiniBatchKMeans::default().n_clusters(1).init(KMeansInit::Array(array![[0.0]]));
    /// let mut model = params.partial_fit(array![[2.0]].view(), None)?;
    /// model.partial_fit(array![[5.0]].view(), None)?;
    /// assert_eq!(model.cluster_centers()[[0, 0]], 3.5); // the mean of both batches
    /// assert!(model.partial_fit(array![[1.0, 2.0]].view(), None).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit(&mut self, x: ArrayView2<'_, F>, sample_weight: Option<ArrayView1<'_, F>>) -> Result<()> {
        crate::validation::check_predict_input(NAME, self.n_features_in(), x)?;
        let w = check_sample_weight(NAME, sample_weight, x.nrows())?;
        let x = x.as_standard_layout();
        let rng = StdRng::seed_from_u64(derived_seed(self.stream.seed, self.stream.n_steps as u64));
        let n_jobs = self.params.n_jobs;
        with_n_jobs(n_jobs, || self.step(x.view(), w.view(), rng))
    }

    /// The centres (`n_clusters × n_features`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [1.0], [10.0]];
    /// let model = learnkit::cluster::MiniBatchKMeans::default().n_clusters(2).random_state(0).fit_unsupervised(x.view())?;
    /// assert_eq!(model.cluster_centers().dim(), (2, 1));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn cluster_centers(&self) -> &Array2<F> {
        &self.cluster_centers
    }

    /// The inertia of the training rows (after `fit`) or of the last batch
    /// (after `partial_fit`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [2.0]];
    /// let model = learnkit::cluster::MiniBatchKMeans::default().n_clusters(2).random_state(0).fit_unsupervised(x.view())?;
    /// assert_eq!(model.inertia(), 0.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn inertia(&self) -> F {
        self.inertia
    }

    /// Passes over the data that the batches of `fit` amount to (scikit-learn's `n_iter_`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [2.0]];
    /// let model = learnkit::cluster::MiniBatchKMeans::default().n_clusters(2).max_iter(3).random_state(0).fit_unsupervised(x.view())?;
    /// assert!(model.n_iter() <= 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }

    /// Batches processed so far (scikit-learn's `n_steps_`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [2.0]];
    /// let model = learnkit::cluster::MiniBatchKMeans::default().n_clusters(2).max_iter(3).random_state(0).fit_unsupervised(x.view())?;
    /// assert!(model.n_steps() >= 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_steps(&self) -> usize {
        self.stream.n_steps
    }

    /// The number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0, 1.0], [2.0, 1.0]];
    /// let model = learnkit::cluster::MiniBatchKMeans::default().n_clusters(1).fit_unsupervised(x.view())?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.cluster_centers.ncols()
    }

    /// The nearest centre of each row of `x`.
    ///
    /// # Errors
    /// Another number of features; empty or non-finite `x`.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// use learnkit::cluster::{KMeansInit, MiniBatchKMeans};
    /// use ndarray::array;
    /// let model = MiniBatchKMeans::default().n_clusters(2).init(KMeansInit::Array(array![[0.0], [10.0]]))
    ///     .partial_fit(array![[1.0], [9.0]].view(), None)?;
    /// assert_eq!(model.predict(array![[2.0], [8.0]].view())?, array![0, 1]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<i64>> {
        nearest(NAME, self.params.n_jobs, x, &self.cluster_centers)
    }

    /// The opposite of the (weighted) inertia of `x` against the centres.
    ///
    /// # Errors
    /// As [`predict`](Self::predict), and bad sample weights.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// use learnkit::cluster::{KMeansInit, MiniBatchKMeans};
    /// use ndarray::array;
    /// let model = MiniBatchKMeans::default().n_clusters(1).init(KMeansInit::Array(array![[0.0]]))
    ///     .partial_fit(array![[2.0]].view(), None)?;
    /// assert_eq!(model.score(array![[4.0]].view(), None)?, -4.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn score(&self, x: ArrayView2<'_, F>, sample_weight: Option<ArrayView1<'_, F>>) -> Result<F> {
        score(NAME, self.params.n_jobs, x, sample_weight, &self.cluster_centers)
    }
}

impl<F: Float> Clusterer for FittedMiniBatchKMeans<F> {
    fn labels(&self) -> ArrayView1<'_, i64> {
        self.labels.view()
    }
}

impl<F: Float> Transformer<F> for FittedMiniBatchKMeans<F> {
    /// The Euclidean distance of each row to each centre.
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        distances(NAME, self.params.n_jobs, x, &self.cluster_centers)
    }
}

impl<F: Float, T> Estimator<F, T> for MiniBatchKMeans {
    type Fitted = FittedMiniBatchKMeans<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.fit_checked(x, None)
    }
}

impl<F: Float, T> SampleWeighted<F, T> for MiniBatchKMeans {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        _y: ArrayView1<'_, T>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, Some(sample_weight))
    }
}
