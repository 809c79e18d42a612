//! [`MakeBlobs`]: scikit-learn's `make_blobs`.

use super::*;

const BLOBS: &str = "make_blobs";

/// How many samples [`MakeBlobs`] draws: a total split evenly among the
/// centers, or a count per center (scikit-learn's int or array `n_samples`).
///
/// # Example
/// ```
/// use learnkit::datasets::{BlobSamples, MakeBlobs};
/// let g = MakeBlobs::default().n_samples_per_center(vec![10, 20]);
/// assert_eq!(g.n_samples, BlobSamples::PerCenter(vec![10, 20]));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum BlobSamples {
    /// A total, divided equally among the centers (the first ones get one
    /// more when it does not divide).
    Total(usize),
    /// One count per center.
    PerCenter(Vec<usize>),
}

/// The centers of [`MakeBlobs`]: a number of random centers in `center_box`,
/// or fixed locations (one row per center).
///
/// # Example
/// ```
/// use learnkit::datasets::Centers;
/// use ndarray::array;
/// assert_eq!(Centers::from(4), Centers::Count(4));
/// assert_eq!(Centers::from(array![[0.0, 1.0]]), Centers::Fixed(array![[0.0, 1.0]]));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Centers {
    /// This many centers, drawn uniformly in `center_box`.
    Count(usize),
    /// These centers, one per row; they set the number of features.
    Fixed(Array2<f64>),
}

impl From<usize> for Centers {
    fn from(count: usize) -> Self {
        Centers::Count(count)
    }
}

impl From<Array2<f64>> for Centers {
    fn from(centers: Array2<f64>) -> Self {
        Centers::Fixed(centers)
    }
}

/// The standard deviation of [`MakeBlobs`]' clusters: one for all, or one
/// per center.
///
/// # Example
/// ```
/// use learnkit::datasets::ClusterStd;
/// assert_eq!(ClusterStd::from(0.5), ClusterStd::Same(0.5));
/// assert_eq!(ClusterStd::from(vec![0.5, 2.0]), ClusterStd::PerCenter(vec![0.5, 2.0]));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum ClusterStd {
    /// The same standard deviation for every cluster.
    Same(f64),
    /// One standard deviation per center.
    PerCenter(Vec<f64>),
}

impl From<f64> for ClusterStd {
    fn from(std: f64) -> Self {
        ClusterStd::Same(std)
    }
}

impl From<Vec<f64>> for ClusterStd {
    fn from(stds: Vec<f64>) -> Self {
        ClusterStd::PerCenter(stds)
    }
}

/// Generates isotropic Gaussian blobs for clustering, as scikit-learn's
/// `make_blobs`: each sample is its center plus `cluster_std` times a
/// standard normal vector; the label is the index of its center.
///
/// # Hyperparameters (scikit-learn's defaults)
/// `n_samples` 100 ([`BlobSamples`]), `n_features` 2 (ignored with fixed
/// centers), `centers` none (3 random centers, or one per entry of a
/// per-center `n_samples`; see [`Centers`]), `cluster_std` 1.0
/// ([`ClusterStd`]), `center_box` (-10.0, 10.0), `shuffle` true,
/// `random_state` none.
///
/// # Errors
/// [`Error::InvalidParameter`] when there are no samples, features or
/// centers, for a `cluster_std` negative, non-finite or not one per center,
/// a `center_box` not finite or with min > max, fixed centers that are not
/// finite, and a per-center `n_samples` whose length is not the number of
/// fixed centers or that is combined with a count of centers.
///
/// # Example
/// ```
/// use learnkit::datasets::MakeBlobs;
///
/// let (x, y) = MakeBlobs::default().n_samples(10).centers(3).random_state(0).generate()?;
/// assert_eq!(x.dim(), (10, 2));
/// assert_eq!(y.iter().filter(|&&c| c == 0).count(), 4); // 10 = 4 + 3 + 3
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MakeBlobs {
    /// Total samples, or samples per center.
    pub n_samples: BlobSamples,
    /// Number of features (taken from the centers when they are fixed).
    pub n_features: usize,
    /// Number of random centers or their locations; `None` is 3 random
    /// centers, or one per entry of a per-center `n_samples`.
    pub centers: Option<Centers>,
    /// Standard deviation of the clusters.
    pub cluster_std: ClusterStd,
    /// Bounds `(min, max)` for random centers.
    pub center_box: (f64, f64),
    /// Shuffle the rows.
    pub shuffle: bool,
    /// Seed; `None` draws one from the operating system.
    pub random_state: Option<u64>,
}

impl Default for MakeBlobs {
    fn default() -> Self {
        MakeBlobs {
            n_samples: BlobSamples::Total(100),
            n_features: 2,
            centers: None,
            cluster_std: ClusterStd::Same(1.0),
            center_box: (-10.0, 10.0),
            shuffle: true,
            random_state: None,
        }
    }
}

setters!(MakeBlobs in "learnkit::datasets" {
    n_features: usize = 5;
    center_box: (f64, f64) = (0.0, 1.0);
    shuffle: bool = false;
});

impl MakeBlobs {
    /// Sets the total number of samples, divided equally among the centers.
    ///
    /// # Example
    /// ```
    /// let g = learnkit::datasets::MakeBlobs::default().n_samples(30);
    /// assert_eq!(g.n_samples, learnkit::datasets::BlobSamples::Total(30));
    /// ```
    pub fn n_samples(mut self, n_samples: usize) -> Self {
        self.n_samples = BlobSamples::Total(n_samples);
        self
    }

    /// Sets the number of samples of each center (scikit-learn's array
    /// `n_samples`); without `centers`, one random center per entry.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeBlobs;
    /// let (_, y) = MakeBlobs::default().n_samples_per_center(vec![2, 5]).random_state(0).generate()?;
    /// assert_eq!(y.iter().filter(|&&c| c == 1).count(), 5);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_samples_per_center(mut self, n_samples: Vec<usize>) -> Self {
        self.n_samples = BlobSamples::PerCenter(n_samples);
        self
    }

    /// Sets the centers: a count (`.centers(4)`) or locations
    /// (`.centers(array![[0.0, 0.0], [5.0, 5.0]])`).
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeBlobs;
    /// use ndarray::array;
    /// let (x, _) = MakeBlobs::default().centers(array![[0.0, 0.0, 0.0]]).random_state(0).generate()?;
    /// assert_eq!(x.ncols(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn centers(mut self, centers: impl Into<Centers>) -> Self {
        self.centers = Some(centers.into());
        self
    }

    /// Sets the standard deviation: one value (`.cluster_std(0.5)`) or one
    /// per center (`.cluster_std(vec![0.5, 2.0])`).
    ///
    /// # Example
    /// ```
    /// let g = learnkit::datasets::MakeBlobs::default().cluster_std(0.5);
    /// assert_eq!(g.cluster_std, learnkit::datasets::ClusterStd::Same(0.5));
    /// ```
    pub fn cluster_std(mut self, cluster_std: impl Into<ClusterStd>) -> Self {
        self.cluster_std = cluster_std.into();
        self
    }

    /// Draws the samples `x`, the center index of each row `y`, and the
    /// centers (scikit-learn's `return_centers=True`).
    ///
    /// # Errors
    /// See [`MakeBlobs`].
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeBlobs;
    /// let (x, y, centers) = MakeBlobs::default().centers(4).random_state(0).generate_with_centers()?;
    /// assert_eq!(centers.dim(), (4, 2));
    /// assert!(centers.iter().all(|c| (-10.0..10.0).contains(c)));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn generate_with_centers(&self) -> Result<(Array2<f64>, Array1<usize>, Array2<f64>)> {
        let at_least_one = |parameter, value| check_param(BLOBS, parameter, value, ">= 1", |v: usize| v >= 1);
        let (low, high) = self.center_box;
        check_param(
            BLOBS,
            "center_box",
            self.center_box,
            "finite (min, max) with min <= max",
            |_| low.is_finite() && high.is_finite() && low <= high,
        )?;
        let mut rng = crate::random::rng_from(self.random_state);
        let random_centers = |rng: &mut StdRng, n_centers: usize, n_features: usize| -> Result<Array2<f64>> {
            at_least_one("centers", n_centers)?;
            at_least_one("n_features", n_features)?;
            check_matrix_size(BLOBS, n_centers, n_features)?;
            Ok(uniform(rng, (n_centers, n_features)).mapv(|u| low + (high - low) * u))
        };
        let centers = match (&self.n_samples, &self.centers) {
            (BlobSamples::Total(_), None) => random_centers(&mut rng, 3, self.n_features)?,
            (BlobSamples::Total(_), Some(Centers::Count(k))) => random_centers(&mut rng, *k, self.n_features)?,
            (BlobSamples::PerCenter(counts), None) => random_centers(&mut rng, counts.len(), self.n_features)?,
            (BlobSamples::PerCenter(counts), Some(Centers::Count(k))) => {
                return Err(Error::invalid_parameter(
                    BLOBS,
                    "centers",
                    format!(
                        "unset or fixed locations when n_samples is given per center ({} centers)",
                        counts.len()
                    ),
                    k,
                ));
            }
            (_, Some(Centers::Fixed(fixed))) => {
                at_least_one("centers", fixed.nrows())?;
                at_least_one("n_features", fixed.ncols())?;
                if let Some(v) = fixed.iter().find(|v| !v.is_finite()) {
                    return Err(Error::invalid_parameter(BLOBS, "centers", "finite locations", v));
                }
                if let BlobSamples::PerCenter(counts) = &self.n_samples {
                    if counts.len() != fixed.nrows() {
                        return Err(Error::invalid_parameter(
                            BLOBS,
                            "n_samples",
                            format!("one count per center ({})", fixed.nrows()),
                            counts,
                        ));
                    }
                }
                fixed.clone()
            }
        };
        let (n_centers, n_features) = centers.dim();
        let per_center = match &self.n_samples {
            BlobSamples::Total(n) => (0..n_centers)
                .map(|i| n / n_centers + usize::from(i < n % n_centers))
                .collect(),
            BlobSamples::PerCenter(counts) => counts.clone(),
        };
        let n_samples = per_center
            .iter()
            .try_fold(0usize, |acc, &c| acc.checked_add(c))
            .unwrap_or(usize::MAX);
        at_least_one("n_samples", n_samples)?;
        check_matrix_size(BLOBS, n_samples, n_features)?;
        let stds = match &self.cluster_std {
            ClusterStd::Same(std) => vec![*std; n_centers],
            ClusterStd::PerCenter(stds) if stds.len() == n_centers => stds.clone(),
            ClusterStd::PerCenter(stds) => {
                return Err(Error::invalid_parameter(
                    BLOBS,
                    "cluster_std",
                    format!("one value per center ({n_centers})"),
                    stds,
                ));
            }
        };
        if let Some(std) = stds.iter().find(|s| !(s.is_finite() && **s >= 0.0)) {
            return Err(Error::invalid_parameter(
                BLOBS,
                "cluster_std",
                "finite values >= 0",
                std,
            ));
        }

        let mut x = Array2::<f64>::zeros((n_samples, n_features));
        let mut y = Array1::<usize>::zeros(n_samples);
        let mut start = 0;
        for (i, (&count, &std)) in per_center.iter().zip(&stds).enumerate() {
            let noise = standard_normal(&mut rng, (count, n_features));
            x.slice_mut(s![start..start + count, ..])
                .assign(&(noise * std + centers.row(i)));
            y.slice_mut(s![start..start + count]).fill(i);
            start += count;
        }
        if self.shuffle {
            (x, y) = shuffle_rows(&x, &y, &mut rng);
        }
        Ok((x, y, centers))
    }

    /// Draws the samples `x` and the center index of each row `y`.
    ///
    /// # Errors
    /// See [`MakeBlobs`].
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeBlobs;
    /// let (x, y) = MakeBlobs::default().n_samples(300).cluster_std(0.1).random_state(0).generate()?;
    /// assert_eq!((x.nrows(), y.len()), (300, 300));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn generate(&self) -> Result<(Array2<f64>, Array1<usize>)> {
        let (x, y, _) = self.generate_with_centers()?;
        Ok((x, y))
    }
}

random_state_setter!(MakeBlobs in "learnkit::datasets");
