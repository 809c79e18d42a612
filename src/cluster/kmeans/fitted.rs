//! [`FittedKMeans`]: the centres, and the nearest-centre predictions and
//! distances they give; the distance helpers [`FittedMiniBatchKMeans`]
//! shares.
//!
//! [`FittedMiniBatchKMeans`]: super::FittedMiniBatchKMeans

use super::estimator::NAME;
use crate::error::Result;
use crate::float::Float;
use crate::linalg::{LINEAR_SCORE_ROWS, affine_rows};
use crate::parallel::with_n_jobs_rows;
use crate::persistence::Check;
use crate::persistence::check::{all_below, ensure};
use crate::validation::{check_predict_input, check_sample_weight};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Zip};

/// A fitted [`KMeans`](super::KMeans).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::cluster::KMeans;
/// use learnkit::traits::Clusterer;
/// use ndarray::array;
///
/// let x = array![[0.0f64, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]];
/// let kmeans = KMeans::default().n_clusters(2).random_state(1).fit_unsupervised(x.view())?;
/// assert_eq!(kmeans.n_clusters(), 2);
/// assert_eq!(kmeans.labels()[0], kmeans.labels()[1]);
/// assert_ne!(kmeans.labels()[0], kmeans.labels()[2]);
/// assert!((kmeans.inertia() - 1.0).abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedKMeans<F> {
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(super) cluster_centers: Array2<F>,
    pub(super) labels: Array1<i64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub(super) inertia: F,
    pub(super) n_iter: usize,
    pub(super) n_jobs: Option<usize>,
}

checked_serde!(impl[F: Float] FittedKMeans<F>);
persist!(impl[F: Float] FittedKMeans<F> => format!("KMeans<{}>", F::NAME));

/// The invariants of a fitted k-means model: at least one centre of at
/// least one feature, labels below the number of centres (one per training
/// row of this rank), at least one iteration, and a non-negative inertia.
pub(super) fn check_fitted<F: Float>(
    context: &str,
    centres: &Array2<F>,
    labels: &Array1<i64>,
    inertia: F,
    n_jobs: Option<usize>,
) -> std::result::Result<(), String> {
    let (k, d) = centres.dim();
    ensure(k >= 1 && d >= 1, || format!("{context}: {k} × {d} cluster centres"))?;
    // No lower bound on the labels: a distributed fit's model holds only
    // its rank's rows' labels, which may be fewer than the clusters.
    ensure(labels.iter().all(|&l| l >= 0), || {
        format!("{context}: a negative label")
    })?;
    let as_usize: Vec<usize> = labels.iter().map(|&l| l as usize).collect();
    all_below(&format!("{context}: labels"), &as_usize, k)?;
    ensure(inertia >= F::zero(), || {
        format!("{context}: inertia {inertia:?} is not >= 0")
    })?;
    ensure(n_jobs != Some(0), || format!("{context}: n_jobs is Some(0)"))
}

centre_model!(
    FittedKMeans,
    NAME,
    |model| model.n_jobs,
    "learnkit::cluster::KMeans::default().n_clusters(2).init(learnkit::cluster::KMeansInit::Array(ndarray::array![[0.0], [10.0]])).fit_unsupervised(x.view())?"
);

impl<F: Float> Check for FittedKMeans<F> {
    fn check(&self) -> std::result::Result<(), String> {
        check_fitted(NAME, &self.cluster_centers, &self.labels, self.inertia, self.n_jobs)?;
        ensure(self.n_iter >= 1, || format!("{NAME}: n_iter is 0"))
    }
}

/// For each row of `x`: `‖c‖² − 2 x·c` for every centre `c`, each from one
/// fixed-order dot product (so a row's values do not depend on its batch),
/// in parallel over fixed blocks of rows.
fn centre_scores<F: Float>(n_jobs: Option<usize>, x: ArrayView2<'_, F>, centres: &Array2<F>) -> Result<Array2<F>> {
    let minus_two = centres.mapv(|v| v * F::cast(-2.0));
    let norms: Array1<F> = centres.rows().into_iter().map(|c| c.dot(&c)).collect();
    with_n_jobs_rows(n_jobs, x.nrows(), LINEAR_SCORE_ROWS, || {
        let mut out = Array2::<F>::zeros((x.nrows(), centres.nrows()));
        affine_rows(x, minus_two.view(), norms.view(), out.view_mut());
        out
    })
}

/// The nearest centre of each row of `x` (checked against `n_features`).
pub(crate) fn nearest<F: Float>(
    context: &'static str,
    n_jobs: Option<usize>,
    x: ArrayView2<'_, F>,
    centres: &Array2<F>,
) -> Result<Array1<i64>> {
    check_predict_input(context, centres.ncols(), x)?;
    let scores = centre_scores(n_jobs, x, centres)?;
    Ok(scores
        .rows()
        .into_iter()
        .map(|r| super::lloyd::first_smallest(r.as_slice().expect("standard layout")) as i64)
        .collect())
}

/// The Euclidean distance of each row of `x` to each centre.
pub(crate) fn distances<F: Float>(
    context: &'static str,
    n_jobs: Option<usize>,
    x: ArrayView2<'_, F>,
    centres: &Array2<F>,
) -> Result<Array2<F>> {
    check_predict_input(context, centres.ncols(), x)?;
    let mut scores = centre_scores(n_jobs, x, centres)?;
    Zip::from(scores.rows_mut()).and(x.rows()).for_each(|mut scores, row| {
        let norm = row.iter().fold(F::zero(), |acc, &v| acc + v * v);
        scores.mapv_inplace(|s| (s + norm).max(F::zero()).sqrt());
    });
    Ok(scores)
}

/// `−Σ w_i ‖x_i − c_nearest‖²`: scikit-learn's `score`.
pub(crate) fn score<F: Float>(
    context: &'static str,
    n_jobs: Option<usize>,
    x: ArrayView2<'_, F>,
    sample_weight: Option<ArrayView1<'_, F>>,
    centres: &Array2<F>,
) -> Result<F> {
    let labels = nearest(context, n_jobs, x, centres)?;
    let w = check_sample_weight(context, sample_weight, x.nrows())?;
    let inertia = x
        .rows()
        .into_iter()
        .zip(&labels)
        .zip(&w)
        .map(|((row, &l), &wi)| {
            let c = centres.row(l as usize);
            row.iter()
                .zip(c.iter())
                .fold(F::zero(), |acc, (&a, &b)| acc + (a - b) * (a - b))
                * wi
        })
        .fold(F::zero(), |acc, v| acc + v);
    Ok(-inertia)
}

impl<F: Float> FittedKMeans<F> {
    pub(super) fn new(
        cluster_centers: Array2<F>,
        labels: Array1<i64>,
        inertia: F,
        n_iter: usize,
        n_jobs: Option<usize>,
    ) -> Self {
        FittedKMeans {
            cluster_centers,
            labels,
            inertia,
            n_iter,
            n_jobs,
        }
    }

    /// The weighted sum of squared distances of the training rows to their
    /// centres (scikit-learn's `inertia_`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [2.0]];
    /// let kmeans = learnkit::cluster::KMeans::default().n_clusters(1).fit_unsupervised(x.view())?;
    /// assert_eq!(kmeans.inertia(), 2.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn inertia(&self) -> F {
        self.inertia
    }

    /// The iterations of the best run (scikit-learn's `n_iter_`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [2.0]];
    /// let kmeans = learnkit::cluster::KMeans::default().n_clusters(1).fit_unsupervised(x.view())?;
    /// assert_eq!(kmeans.n_iter(), 2); // the second sees the same labels
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }

    /// The number of clusters.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[0.0], [2.0], [5.0]];
    /// let kmeans = learnkit::cluster::KMeans::default().n_clusters(3).fit_unsupervised(x.view())?;
    /// assert_eq!(kmeans.n_clusters(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_clusters(&self) -> usize {
        self.cluster_centers.nrows()
    }
}
