//! [`KMeans::fit_distributed`]: Lloyd's k-means over rows split between
//! ranks, bit-identical for any split.
//!
//! What differs from `fit`: the initial centres come from a sample of at
//! most [`INIT_SAMPLE`] rows chosen by global row index (all the rows when
//! there are fewer), gathered on every rank; the rows are not centred
//! first (distances are computed directly, row by row); an empty cluster
//! keeps its centre instead of being moved to a far row; Lloyd only (the
//! `algorithm` setting is ignored); among `n_init` runs the lowest inertia
//! wins (the first on a tie).

use super::estimator::{NAME, check_params};
use super::init::{check_array_init, initial_centres};
use super::{FittedKMeans, KMeans};
use crate::distributed::{
    Communicator, ExactSums, ReduceOp, RowShards, broadcast_seed, check_shard_weight, check_shards,
    exact_column_moments,
};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::random::derived_seed;
use crate::validation::check_finite;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rand::SeedableRng;
use rand::rngs::StdRng;

/// The most rows the initialisation draws from (chosen by global index,
/// gathered on every rank): the sample k-means++ runs on.
pub(super) const INIT_SAMPLE: usize = 10_000;

impl KMeans {
    /// Fits on rows split between the ranks of `comm`: `x` holds this
    /// rank's rows (a rank may hold none), `y` is ignored. Every rank
    /// returns the same centres, inertia and iteration count, bit for bit,
    /// whatever the split and the number of ranks. Its `labels` are this
    /// rank's rows' labels only (no rank holds the labels of every row, which
    /// earlier versions gathered on every rank): concatenated in
    /// rank order they are the labels of every row, the same for any
    /// split, and [`FittedKMeans::predict`] labels any rows locally.
    ///
    /// Lloyd's iterations with every centre sum, count and the inertia
    /// exact ([`ExactSums`]) and all-reduced; labels are computed locally.
    /// The initial centres (`k-means++` or random rows, `random_state`, as
    /// `fit`) are drawn from a sample of at most 10,000 rows chosen by
    /// global row index, so they do not depend on the split. See the
    /// module source for what else differs from `fit`: no centring, an
    /// empty cluster keeps its centre, Lloyd only; on well-separated data
    /// the clustering is `fit`'s.
    ///
    /// # Errors
    /// As `fit`, on every rank when any rank's shard is bad (a non-finite
    /// value, a different feature count), and fewer rows in total than
    /// `n_clusters`; [`Error::Communication`] when the group breaks.
    ///
    /// # Example
    /// ```
    /// use learnkit::cluster::KMeans;
    /// use learnkit::distributed::{run_in_process, Communicator};
    /// use learnkit::prelude::*;
    /// use ndarray::{array, Array1};
    ///
    /// let x = array![[0.0, 0.0], [0.1, 0.0], [0.0, 0.1], [5.0, 5.0], [5.1, 5.0], [5.0, 5.1]];
    /// let models = run_in_process(2, |comm| {
    ///     let rows = 3 * comm.rank()..3 * comm.rank() + 3;
    ///     KMeans::default().n_clusters(2).random_state(0).fit_distributed(comm, x.slice(ndarray::s![rows, ..]), Array1::<f64>::zeros(0).view())
    /// })?;
    /// // Each rank holds its own rows' labels: rows 0..3 on rank 0, 3..6 on rank 1.
    /// let (mine, theirs) = (models[0].labels(), models[1].labels());
    /// assert_eq!((mine.len(), theirs.len()), (3, 3));
    /// assert_eq!(mine[0], mine[2]);
    /// assert_ne!(mine[0], theirs[0]);
    /// assert_eq!(models[0].cluster_centers(), models[1].cluster_centers());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_distributed<C: Communicator + ?Sized, F: Float, T>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        _y: ArrayView1<'_, T>,
    ) -> Result<FittedKMeans<F>> {
        self.fit_distributed_checked(comm, x, None)
    }

    /// [`fit_distributed`](Self::fit_distributed) with this rank's rows'
    /// sample weights.
    ///
    /// # Errors
    /// As [`fit_distributed`](Self::fit_distributed), and a bad
    /// `sample_weight` on any rank.
    ///
    /// # Example
    /// ```
    /// use learnkit::cluster::KMeans;
    /// use learnkit::distributed::{run_in_process, Communicator};
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    ///
    /// let models = run_in_process(2, |comm| {
    ///     let x = array![[0.0], [1.0], [9.0], [10.0]];
    ///     let w = if comm.rank() == 0 { array![1.0, 3.0, 1.0, 1.0] } else { array![1.0, 1.0, 1.0, 1.0] };
    ///     KMeans::default().n_clusters(2).random_state(0).fit_distributed_weighted(comm, x.view(), w.view())
    /// })?;
    /// assert_eq!(models[0].labels().len(), 4); // this rank's rows
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_distributed_weighted<C: Communicator + ?Sized, F: Float>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<FittedKMeans<F>> {
        self.fit_distributed_checked(comm, x, Some(sample_weight))
    }

    fn fit_distributed_checked<C: Communicator + ?Sized, F: Float>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedKMeans<F>> {
        let k = self.n_clusters;
        let local = (|| {
            check_params(NAME, k, self.max_iter, self.tol, self.n_jobs)?;
            self.check_n_init()?;
            check_finite(NAME, x)?;
            check_array_init(NAME, &self.init, k, x.ncols())?;
            check_shard_weight(NAME, sample_weight, x.nrows())
        })();
        let (total, weight) = check_shards(comm, NAME, x.dim(), local)?;
        let weight = weight.unwrap_or_else(|| Array1::ones(x.nrows()));
        if total < k {
            return Err(Error::invalid_input(
                NAME,
                format!("n_samples = {total} (over all ranks) should be >= n_clusters = {k}"),
            ));
        }
        let shards = RowShards::gather(comm, x.nrows())?;
        let x64 = x.mapv(|v| v.as_f64());
        // `fit`'s tolerance: `tol` times the mean of the columns' variances.
        let tol = if self.tol == 0.0 {
            0.0
        } else {
            let moments = exact_column_moments(comm, x, None)?;
            moments.variance().mean().unwrap_or(0.0) * self.tol
        };
        let seed = broadcast_seed(comm, NAME, self.random_state)?;
        let (sample, sample_weight) = init_sample(comm, &shards, x64.view(), weight.view(), seed)?;
        let sample_norms: Array1<f64> = sample.rows().into_iter().map(|r| r.dot(&r)).collect();
        let mut rng = StdRng::seed_from_u64(seed);
        let n_runs = self.n_init.resolve(&self.init, 10);
        let mut best: Option<(Array2<f64>, Vec<usize>, f64, usize)> = None;
        for _ in 0..n_runs {
            let init = initial_centres(
                NAME,
                &self.init,
                sample.view(),
                sample_norms.view(),
                sample_weight.view(),
                k,
                &mut rng,
            )?;
            let run = lloyd(comm, x64.view(), weight.view(), init, self.max_iter, tol)?;
            if best.as_ref().is_none_or(|b| run.2 < b.2) {
                best = Some(run);
            }
        }
        let Some((centres, labels, inertia, n_iter)) = best else {
            return Err(Error::invalid_parameter(NAME, "n_init", "Auto or a count >= 1", 0));
        };
        Ok(FittedKMeans::new(
            centres.mapv(F::cast),
            labels.iter().map(|&l| l as i64).collect(),
            F::cast(inertia),
            n_iter,
            self.n_jobs,
        ))
    }
}

/// The rows the initialisation draws from, with their weights, on every
/// rank in global row order: all the rows, or [`INIT_SAMPLE`] of them
/// chosen uniformly by global index from `seed`.
fn init_sample<C: Communicator + ?Sized>(
    comm: &C,
    shards: &RowShards,
    x: ArrayView2<'_, f64>,
    w: ArrayView1<'_, f64>,
    seed: u64,
) -> Result<(Array2<f64>, Array1<f64>)> {
    let total = shards.total_rows();
    let chosen: Vec<usize> = if total <= INIT_SAMPLE {
        (0..total).collect()
    } else {
        let mut rng = StdRng::seed_from_u64(derived_seed(seed, 0));
        let mut picked = rand::seq::index::sample(&mut rng, total, INIT_SAMPLE).into_vec();
        picked.sort_unstable();
        picked
    };
    let mine = shards.global_rows(comm.rank());
    let mut bytes = Vec::new();
    for &g in chosen.iter().filter(|&&g| mine.contains(&g)) {
        let i = g - mine.start;
        for &v in x.row(i).iter().chain(std::iter::once(&w[i])) {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
    }
    let d = x.ncols();
    let values: Vec<f64> = comm
        .all_gather_bytes(&bytes)?
        .concat()
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes(b.try_into().unwrap_or_default()))
        .collect();
    if values.len() != chosen.len() * (d + 1) {
        return Err(Error::Communication {
            context: NAME.into(),
            rank: comm.rank(),
            message: format!(
                "the sample for the initial centres has {} values, expected {}",
                values.len(),
                chosen.len() * (d + 1)
            ),
        });
    }
    let rows = Array2::from_shape_vec((chosen.len(), d + 1), values).map_err(|e| Error::Communication {
        context: NAME.into(),
        rank: comm.rank(),
        message: e.to_string(),
    })?;
    Ok((rows.slice(ndarray::s![.., ..d]).to_owned(), rows.column(d).to_owned()))
}

/// The nearest centre of `row` (the first on a tie) and its squared
/// distance, summed in feature order: the same bits on any rank.
fn nearest(row: ArrayView1<'_, f64>, centres: &Array2<f64>) -> (usize, f64) {
    let mut best = (0, f64::INFINITY);
    for (c, centre) in centres.outer_iter().enumerate() {
        let d: f64 = row.iter().zip(centre).map(|(a, b)| (a - b) * (a - b)).sum();
        if d < best.1 {
            best = (c, d);
        }
    }
    best
}

/// One Lloyd run from `centres`, stopping as `fit`'s (labels unchanged,
/// or the squared centre shift at most `tol`): the centres, this rank's
/// labels, the inertia and the iterations.
fn lloyd<C: Communicator + ?Sized>(
    comm: &C,
    x: ArrayView2<'_, f64>,
    w: ArrayView1<'_, f64>,
    mut centres: Array2<f64>,
    max_iter: usize,
    tol: f64,
) -> Result<(Array2<f64>, Vec<usize>, f64, usize)> {
    let (k, d) = centres.dim();
    let mut labels = vec![usize::MAX; x.nrows()];
    let mut n_iter = 0;
    for i in 0..max_iter {
        n_iter = i + 1;
        // Per cluster: the weighted sum of its rows, then its weight.
        let mut sums = ExactSums::new(k * d + k);
        let mut changed = 0_i64;
        for (r, row) in x.outer_iter().enumerate() {
            let (c, _) = nearest(row, &centres);
            changed += i64::from(labels[r] != c);
            labels[r] = c;
            for (j, v) in row.iter().enumerate() {
                sums.add(c * d + j, w[r] * v);
            }
            sums.add(k * d + c, w[r]);
        }
        sums.all_reduce(comm)?;
        let mut changed = [changed];
        comm.all_reduce_i64(&mut changed, ReduceOp::Sum)?;
        let sums = sums.values();
        let mut shift = 0.0;
        for c in 0..k {
            let weight = sums[k * d + c];
            // An empty cluster keeps its centre.
            if weight > 0.0 {
                for j in 0..d {
                    let new = sums[c * d + j] / weight;
                    shift += (new - centres[[c, j]]) * (new - centres[[c, j]]);
                    centres[[c, j]] = new;
                }
            }
        }
        if changed[0] == 0 || shift <= tol {
            break;
        }
    }
    // The labels and inertia of the final centres.
    let mut inertia = ExactSums::new(1);
    for (r, row) in x.outer_iter().enumerate() {
        let (c, dist) = nearest(row, &centres);
        labels[r] = c;
        inertia.add(0, w[r] * dist);
    }
    inertia.all_reduce(comm)?;
    Ok((centres, labels, inertia.values()[0], n_iter))
}
