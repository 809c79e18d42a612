//! Synthetic data generators: [`MakeClassification`], [`MakeBlobs`] and
//! [`MakeRegression`], scikit-learn's `make_classification`, `make_blobs` and
//! `make_regression`.
//!
//! Each generator is a builder whose `Default` holds scikit-learn's defaults;
//! `generate()` checks the parameters and draws the data. The algorithms are
//! scikit-learn's, step by step, so the structure and statistics of the data
//! are the same; the numbers are not, because the random generator is rand's
//! `StdRng` seeded with `random_state`, not numpy's Mersenne Twister. The
//! same seed always gives the same data.

use crate::error::{Error, Result};
use crate::validation::check_param;
use ndarray::{Array1, Array2, Axis, s};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_distr::StandardNormal;

/// A seeded generator, or one seeded by the operating system when no
/// `random_state` is given (scikit-learn's `random_state=None`).
fn rng_for(random_state: Option<u64>) -> StdRng {
    match random_state {
        Some(seed) => StdRng::seed_from_u64(seed),
        None => StdRng::from_os_rng(),
    }
}

/// A matrix of independent standard normal draws, filled row by row.
fn standard_normal(rng: &mut StdRng, shape: (usize, usize)) -> Array2<f64> {
    Array2::from_shape_simple_fn(shape, || rng.sample(StandardNormal))
}

/// A matrix of independent draws from `U[0, 1)`, filled row by row.
fn uniform(rng: &mut StdRng, shape: (usize, usize)) -> Array2<f64> {
    Array2::from_shape_simple_fn(shape, || rng.random::<f64>())
}

/// Checks that an `n_samples × n_features` matrix can be addressed, so that
/// a huge request is an error rather than an overflow panic in ndarray.
fn check_matrix_size(estimator: &'static str, n_samples: usize, n_features: usize) -> Result<()> {
    match n_samples.checked_mul(n_features) {
        Some(len) if len <= isize::MAX as usize / std::mem::size_of::<f64>() => Ok(()),
        _ => Err(Error::invalid_parameter(
            estimator,
            "n_samples",
            format!("small enough that n_samples × n_features ({n_features}) f64 values fit in memory"),
            n_samples,
        )),
    }
}

/// Shuffles the rows of `x` and `y` with one permutation.
fn shuffle_rows<T: Clone>(x: &Array2<f64>, y: &Array1<T>, rng: &mut StdRng) -> (Array2<f64>, Array1<T>) {
    let mut permutation: Vec<usize> = (0..x.nrows()).collect();
    permutation.shuffle(rng);
    (x.select(Axis(0), &permutation), y.select(Axis(0), &permutation))
}

/// A value per feature for [`MakeClassification`]'s `shift` and `scale`:
/// one constant, one value per feature, or random (scikit-learn's `None`).
///
/// # Example
/// ```
/// use learnkit::datasets::FeatureValues;
/// assert_eq!(FeatureValues::from(2.0), FeatureValues::Constant(2.0));
/// assert_eq!(FeatureValues::from(vec![1.0, 2.0]), FeatureValues::PerFeature(vec![1.0, 2.0]));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum FeatureValues {
    /// The same value for every feature.
    Constant(f64),
    /// One value per feature (length `n_features`).
    PerFeature(Vec<f64>),
    /// Drawn at random per feature: a shift in `[-class_sep, class_sep)`, a
    /// scale in `[1, 101)` (scikit-learn's `None`).
    Random,
}

impl From<f64> for FeatureValues {
    fn from(value: f64) -> Self {
        FeatureValues::Constant(value)
    }
}

impl From<Vec<f64>> for FeatureValues {
    fn from(values: Vec<f64>) -> Self {
        FeatureValues::PerFeature(values)
    }
}

impl FeatureValues {
    /// Checks the values; `positive` demands values > 0 for a constant scale,
    /// as scikit-learn does.
    fn validate(
        &self,
        estimator: &'static str,
        parameter: &'static str,
        n_features: usize,
        positive: bool,
    ) -> Result<()> {
        match self {
            FeatureValues::Constant(v) if positive => {
                check_param(estimator, parameter, *v, "a finite number > 0", |v| {
                    v.is_finite() && v > 0.0
                })
            }
            FeatureValues::Constant(v) => check_param(estimator, parameter, *v, "a finite number", f64::is_finite),
            FeatureValues::PerFeature(values) => {
                if values.len() != n_features {
                    return Err(Error::invalid_parameter(
                        estimator,
                        parameter,
                        format!("one value per feature ({n_features})"),
                        format!("{} values", values.len()),
                    ));
                }
                match values.iter().find(|v| !v.is_finite()) {
                    Some(v) => Err(Error::invalid_parameter(estimator, parameter, "finite values", *v)),
                    None => Ok(()),
                }
            }
            FeatureValues::Random => Ok(()),
        }
    }

    /// The per-feature values, drawing them when random.
    fn resolve(&self, n_features: usize, rng: &mut StdRng, random: impl Fn(f64) -> f64) -> Array1<f64> {
        match self {
            FeatureValues::Constant(v) => Array1::from_elem(n_features, *v),
            FeatureValues::PerFeature(values) => Array1::from(values.clone()),
            FeatureValues::Random => Array1::from_shape_simple_fn(n_features, || random(rng.random::<f64>())),
        }
    }
}

const CLASSIFICATION: &str = "make_classification";

/// Generates a random `n_classes` classification problem, as scikit-learn's
/// `make_classification` (Guyon's Madelon design).
///
/// Each class is made of `n_clusters_per_class` Gaussian clusters (std 1)
/// centred on distinct vertices of an `n_informative`-dimensional hypercube
/// with sides `2 * class_sep`; each cluster gets a random covariance (its
/// points are multiplied by a random matrix). Then, column by column:
/// `n_informative` informative features, `n_redundant` random linear
/// combinations of them, `n_repeated` copies of informative or redundant
/// features, and standard normal noise for the rest. A fraction `flip_y` of
/// labels is then reassigned at random, the features are shifted and scaled,
/// and, with `shuffle`, rows and columns are permuted.
///
/// # Hyperparameters (scikit-learn's defaults)
/// `n_samples` 100, `n_features` 20, `n_informative` 2, `n_redundant` 2,
/// `n_repeated` 0, `n_classes` 2, `n_clusters_per_class` 2, `weights` none
/// (balanced; `n_classes` or `n_classes - 1` proportions, the last one then
/// being `1 - sum`), `flip_y` 0.01, `class_sep` 1.0, `hypercube` true
/// (false: random polytope vertices), `shift` 0.0, `scale` 1.0 (see
/// [`FeatureValues`]), `shuffle` true, `random_state` none.
///
/// # Errors
/// [`Error::InvalidParameter`] when a count is 0 (`n_samples`, `n_features`,
/// `n_informative`, `n_classes`, `n_clusters_per_class`), when
/// `n_informative + n_redundant + n_repeated > n_features`, when
/// `n_classes * n_clusters_per_class > 2^n_informative`, for `weights` of the
/// wrong length or with negative or non-finite values, `flip_y` outside
/// `[0, 1]`, `class_sep` not > 0, or `shift`/`scale` of the wrong length or
/// not finite (a constant `scale` must be > 0).
///
/// # Example
/// ```
/// use learnkit::datasets::MakeClassification;
///
/// let (x, y) = MakeClassification::default()
///     .n_samples(200)
///     .n_classes(3)
///     .n_clusters_per_class(1)
///     .random_state(1)
///     .generate()?;
/// assert_eq!(x.dim(), (200, 20));
/// assert!(y.iter().all(|&c| c < 3));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct MakeClassification {
    /// Number of samples.
    pub n_samples: usize,
    /// Total number of features.
    pub n_features: usize,
    /// Number of informative features.
    pub n_informative: usize,
    /// Number of redundant features (linear combinations of the informative ones).
    pub n_redundant: usize,
    /// Number of duplicated features.
    pub n_repeated: usize,
    /// Number of classes.
    pub n_classes: usize,
    /// Number of clusters per class.
    pub n_clusters_per_class: usize,
    /// Class proportions; `None` for balanced classes.
    pub weights: Option<Vec<f64>>,
    /// Fraction of samples whose class is reassigned at random.
    pub flip_y: f64,
    /// Half the side of the hypercube: larger is easier.
    pub class_sep: f64,
    /// Clusters on hypercube vertices (`true`) or random polytope vertices.
    pub hypercube: bool,
    /// Added to each feature (before scaling).
    pub shift: FeatureValues,
    /// Multiplies each feature (after shifting).
    pub scale: FeatureValues,
    /// Shuffle the rows and the columns.
    pub shuffle: bool,
    /// Seed; `None` draws one from the operating system.
    pub random_state: Option<u64>,
}

impl Default for MakeClassification {
    fn default() -> Self {
        MakeClassification {
            n_samples: 100,
            n_features: 20,
            n_informative: 2,
            n_redundant: 2,
            n_repeated: 0,
            n_classes: 2,
            n_clusters_per_class: 2,
            weights: None,
            flip_y: 0.01,
            class_sep: 1.0,
            hypercube: true,
            shift: FeatureValues::Constant(0.0),
            scale: FeatureValues::Constant(1.0),
            shuffle: true,
            random_state: None,
        }
    }
}

/// Generates a consuming setter with a doctest for a builder field.
macro_rules! setters {
    ($ty:ident { $($name:ident: $t:ty = $example:expr;)* }) => {
        impl $ty {
            $(
                #[doc = concat!("Sets `", stringify!($name), "`.")]
                ///
                /// # Example
                /// ```
                #[doc = concat!("let g = learnkit::datasets::", stringify!($ty), "::default().",
                    stringify!($name), "(", stringify!($example), ");")]
                #[doc = concat!("assert_eq!(g.", stringify!($name), ", ", stringify!($example), ");")]
                /// ```
                pub fn $name(mut self, $name: $t) -> Self {
                    self.$name = $name;
                    self
                }
            )*
        }
    };
}

setters!(MakeClassification {
    n_samples: usize = 500;
    n_features: usize = 10;
    n_informative: usize = 3;
    n_redundant: usize = 1;
    n_repeated: usize = 1;
    n_classes: usize = 3;
    n_clusters_per_class: usize = 1;
    flip_y: f64 = 0.0;
    class_sep: f64 = 2.0;
    hypercube: bool = false;
    shuffle: bool = false;
});

impl MakeClassification {
    /// Sets the class proportions (`n_classes` values, or `n_classes - 1`
    /// with the last class getting the rest).
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeClassification;
    /// let (_, y) = MakeClassification::default().weights(vec![0.75]).flip_y(0.0).random_state(0).generate()?;
    /// assert_eq!(y.iter().filter(|&&c| c == 0).count(), 75);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn weights(mut self, weights: Vec<f64>) -> Self {
        self.weights = Some(weights);
        self
    }

    /// Sets `shift`: a constant, one value per feature, or
    /// [`FeatureValues::Random`].
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{FeatureValues, MakeClassification};
    /// let g = MakeClassification::default().shift(FeatureValues::Random);
    /// assert_eq!(g.shift, FeatureValues::Random);
    /// ```
    pub fn shift(mut self, shift: impl Into<FeatureValues>) -> Self {
        self.shift = shift.into();
        self
    }

    /// Sets `scale`: a constant, one value per feature, or
    /// [`FeatureValues::Random`].
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeClassification;
    /// let g = MakeClassification::default().scale(10.0);
    /// assert_eq!(g.scale, learnkit::datasets::FeatureValues::Constant(10.0));
    /// ```
    pub fn scale(mut self, scale: impl Into<FeatureValues>) -> Self {
        self.scale = scale.into();
        self
    }

    /// Sets the seed.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeClassification;
    /// let a = MakeClassification::default().random_state(3).generate()?;
    /// let b = MakeClassification::default().random_state(3).generate()?;
    /// assert_eq!(a, b);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn random_state(mut self, seed: u64) -> Self {
        self.random_state = Some(seed);
        self
    }

    /// Checks every parameter; returns the class proportions, completed to
    /// `n_classes` values.
    fn validate(&self) -> Result<Vec<f64>> {
        let at_least_one = |parameter, value| check_param(CLASSIFICATION, parameter, value, ">= 1", |v: usize| v >= 1);
        at_least_one("n_samples", self.n_samples)?;
        at_least_one("n_features", self.n_features)?;
        at_least_one("n_informative", self.n_informative)?;
        at_least_one("n_classes", self.n_classes)?;
        at_least_one("n_clusters_per_class", self.n_clusters_per_class)?;
        check_matrix_size(CLASSIFICATION, self.n_samples, self.n_features)?;
        let used = self
            .n_informative
            .checked_add(self.n_redundant)
            .and_then(|n| n.checked_add(self.n_repeated));
        if used.is_none_or(|used| used > self.n_features) {
            return Err(Error::invalid_parameter(
                CLASSIFICATION,
                "n_features",
                format!(
                    ">= n_informative + n_redundant + n_repeated = {} + {} + {}",
                    self.n_informative, self.n_redundant, self.n_repeated
                ),
                self.n_features,
            ));
        }
        let n_clusters = self.n_classes.checked_mul(self.n_clusters_per_class);
        // Distinct vertices are drawn among 2^min(n_informative, 30) codes, as
        // in scikit-learn (whose sampler would fail beyond that too).
        let vertices = 1usize << self.n_informative.min(30);
        let fits = n_clusters.is_some_and(|clusters| clusters <= vertices);
        if !fits {
            return Err(Error::invalid_parameter(
                CLASSIFICATION,
                "n_classes",
                format!(
                    "such that n_classes * n_clusters_per_class (here {} * {}) <= 2^n_informative = 2^{} (capped at 2^30)",
                    self.n_classes, self.n_clusters_per_class, self.n_informative
                ),
                self.n_classes,
            ));
        }
        check_param(CLASSIFICATION, "flip_y", self.flip_y, "in [0, 1]", |f| {
            (0.0..=1.0).contains(&f)
        })?;
        check_param(
            CLASSIFICATION,
            "class_sep",
            self.class_sep,
            "a finite number > 0",
            |c| c.is_finite() && c > 0.0,
        )?;
        self.shift.validate(CLASSIFICATION, "shift", self.n_features, false)?;
        self.scale.validate(CLASSIFICATION, "scale", self.n_features, true)?;
        let Some(weights) = &self.weights else {
            return Ok(vec![1.0 / self.n_classes as f64; self.n_classes]);
        };
        if weights.len() != self.n_classes && weights.len() + 1 != self.n_classes {
            return Err(Error::invalid_parameter(
                CLASSIFICATION,
                "weights",
                format!("n_classes ({}) or n_classes - 1 proportions", self.n_classes),
                weights,
            ));
        }
        if weights.iter().any(|w| !(w.is_finite() && *w >= 0.0)) {
            return Err(Error::invalid_parameter(
                CLASSIFICATION,
                "weights",
                "finite values >= 0",
                weights,
            ));
        }
        let mut completed = weights.clone();
        if weights.len() + 1 == self.n_classes {
            let rest = 1.0 - weights.iter().sum::<f64>();
            if rest < 0.0 {
                return Err(Error::invalid_parameter(
                    CLASSIFICATION,
                    "weights",
                    "n_classes - 1 proportions summing to at most 1",
                    weights,
                ));
            }
            completed.push(rest);
        }
        Ok(completed)
    }

    /// Draws the features `x` (`n_samples × n_features`) and the class of
    /// each row `y` (in `0..n_classes`).
    ///
    /// # Errors
    /// See [`MakeClassification`].
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeClassification;
    /// let (x, y) = MakeClassification::default().n_samples(1000).random_state(1).generate()?;
    /// assert_eq!((x.nrows(), y.len()), (1000, 1000));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn generate(&self) -> Result<(Array2<f64>, Array1<usize>)> {
        let weights = self.validate()?;
        let mut rng = rng_for(self.random_state);
        let (n_samples, n_features, n_informative) = (self.n_samples, self.n_features, self.n_informative);
        let (n_redundant, n_repeated, n_classes) = (self.n_redundant, self.n_repeated, self.n_classes);
        let n_random = n_features - n_informative - n_redundant - n_repeated;
        let n_clusters = n_classes * self.n_clusters_per_class;

        // Distribute samples among clusters by weight; the rounding leftovers
        // go round-robin. Weights summing to more than 1 over-fill the early
        // clusters and the last ones are cut, as in scikit-learn.
        let mut per_cluster: Vec<usize> = (0..n_clusters)
            .map(|k| (n_samples as f64 * weights[k % n_classes] / self.n_clusters_per_class as f64) as usize)
            .collect();
        let assigned: usize = per_cluster.iter().sum();
        for i in 0..n_samples.saturating_sub(assigned) {
            per_cluster[i % n_clusters] += 1;
        }

        // Cluster centroids: distinct vertices of the hypercube, optionally
        // squashed into a random polytope.
        let mut centroids = hypercube_vertices(n_clusters, n_informative, &mut rng).mapv(|bit| {
            let bit = f64::from(bit);
            bit * 2.0 * self.class_sep - self.class_sep
        });
        if !self.hypercube {
            let rows = uniform(&mut rng, (n_clusters, 1));
            let cols = uniform(&mut rng, (1, n_informative));
            centroids = centroids * &rows * &cols;
        }

        let mut x = Array2::<f64>::zeros((n_samples, n_features));
        let mut y = Array1::<usize>::zeros(n_samples);
        x.slice_mut(s![.., ..n_informative])
            .assign(&standard_normal(&mut rng, (n_samples, n_informative)));

        // Each cluster: a random covariance (multiply by A), then move it to
        // its vertex.
        let mut stop = 0;
        for (k, centroid) in centroids.outer_iter().enumerate() {
            let start = stop;
            stop = (stop + per_cluster[k]).min(n_samples);
            y.slice_mut(s![start..stop]).fill(k % n_classes);
            let a = uniform(&mut rng, (n_informative, n_informative)).mapv(|u| 2.0 * u - 1.0);
            let mut cluster = x.slice_mut(s![start..stop, ..n_informative]);
            let mixed = cluster.dot(&a) + centroid;
            cluster.assign(&mixed);
        }

        if n_redundant > 0 {
            let b = uniform(&mut rng, (n_informative, n_redundant)).mapv(|u| 2.0 * u - 1.0);
            let redundant = x.slice(s![.., ..n_informative]).dot(&b);
            x.slice_mut(s![.., n_informative..n_informative + n_redundant])
                .assign(&redundant);
        }

        let n_useful = n_informative + n_redundant;
        if n_repeated > 0 {
            for j in 0..n_repeated {
                // scikit-learn's rounding: a uniform index in 0..n_useful,
                // the two end columns half as likely.
                let source = ((n_useful - 1) as f64 * rng.random::<f64>() + 0.5) as usize;
                let column = x.column(source).to_owned();
                x.column_mut(n_useful + j).assign(&column);
            }
        }

        if n_random > 0 {
            x.slice_mut(s![.., n_features - n_random..])
                .assign(&standard_normal(&mut rng, (n_samples, n_random)));
        }

        // Label noise: draw the whole mask first, then the new classes.
        let flip: Vec<bool> = (0..n_samples).map(|_| rng.random::<f64>() < self.flip_y).collect();
        for (label, _) in y.iter_mut().zip(&flip).filter(|(_, flip)| **flip) {
            *label = rng.random_range(0..n_classes);
        }

        let shift = self
            .shift
            .resolve(n_features, &mut rng, |u| (2.0 * u - 1.0) * self.class_sep);
        x += &shift;
        let scale = self.scale.resolve(n_features, &mut rng, |u| 1.0 + 100.0 * u);
        x *= &scale;

        if self.shuffle {
            let (shuffled_x, shuffled_y) = shuffle_rows(&x, &y, &mut rng);
            let mut columns: Vec<usize> = (0..n_features).collect();
            columns.shuffle(&mut rng);
            x = shuffled_x.select(Axis(1), &columns);
            y = shuffled_y;
        }
        Ok((x, y))
    }
}

/// `samples` distinct vertices of the `dimensions`-dimensional unit hypercube
/// (0/1 coordinates), as scikit-learn's `_generate_hypercube`: distinct
/// integers below `2^dimensions` written in binary, most significant bit
/// first; beyond 30 dimensions the extra leading coordinates are random bits
/// and distinctness comes from the last 30.
fn hypercube_vertices(samples: usize, dimensions: usize, rng: &mut StdRng) -> Array2<u8> {
    let mut out = Array2::<u8>::zeros((samples, dimensions));
    let exact = dimensions.min(30);
    let extra = dimensions - exact;
    if extra > 0 {
        out.slice_mut(s![.., ..extra])
            .mapv_inplace(|_| rng.random_range(0..2u8));
    }
    let codes = rand::seq::index::sample(rng, 1usize << exact, samples);
    for (mut row, code) in out.outer_iter_mut().zip(codes) {
        for c in 0..exact {
            row[extra + c] = ((code >> (exact - 1 - c)) & 1) as u8;
        }
    }
    out
}

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

setters!(MakeBlobs {
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

    /// Sets the seed.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeBlobs;
    /// let a = MakeBlobs::default().random_state(3).generate()?;
    /// assert_eq!(a, MakeBlobs::default().random_state(3).generate()?);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn random_state(mut self, seed: u64) -> Self {
        self.random_state = Some(seed);
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
        let mut rng = rng_for(self.random_state);
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

const REGRESSION: &str = "make_regression";

/// Generates a random regression problem, as scikit-learn's
/// `make_regression`: `y = x · coef + bias + noise`, where only the first
/// `n_informative` (before shuffling) of the `coef` are non-zero, drawn
/// uniformly in `[0, 100)`, and the noise is Gaussian with standard deviation
/// `noise`.
///
/// `x` is standard normal, or with `effective_rank` a low-rank matrix with a
/// fat singular-value tail (scikit-learn's `make_low_rank_matrix`): singular
/// values `(1 - tail_strength) · exp(-(i / rank)²) + tail_strength · exp(-0.1 · i / rank)`
/// between random orthonormal bases.
///
/// # Hyperparameters (scikit-learn's defaults)
/// `n_samples` 100, `n_features` 100, `n_informative` 10 (capped at
/// `n_features`), `n_targets` 1, `bias` 0.0, `effective_rank` none,
/// `tail_strength` 0.5, `noise` 0.0, `shuffle` true, `random_state` none.
/// scikit-learn's `coef=True` is [`generate_with_coef`](Self::generate_with_coef);
/// several targets are [`generate_multi_target`](Self::generate_multi_target).
///
/// # Errors
/// [`Error::InvalidParameter`] when `n_samples`, `n_features`, `n_targets`
/// or `effective_rank` is 0, `bias` is not finite, `tail_strength` is outside
/// `[0, 1]`, `noise` is negative or not finite, or (for the one-target
/// methods) `n_targets` is not 1.
///
/// # Example
/// ```
/// use learnkit::datasets::MakeRegression;
///
/// let (x, y, coef) = MakeRegression::default().n_features(5).n_informative(2).random_state(0).generate_with_coef()?;
/// assert_eq!(x.dim(), (100, 5));
/// assert_eq!(coef.iter().filter(|&&c| c != 0.0).count(), 2);
/// // no noise: y is exactly linear in x
/// assert!((&y - &x.dot(&coef)).iter().all(|r| r.abs() < 1e-9));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct MakeRegression {
    /// Number of samples.
    pub n_samples: usize,
    /// Number of features.
    pub n_features: usize,
    /// Number of features with a non-zero coefficient (capped at `n_features`).
    pub n_informative: usize,
    /// Number of targets.
    pub n_targets: usize,
    /// Added to every target.
    pub bias: f64,
    /// Approximate rank of `x`; `None` for a well-conditioned standard normal `x`.
    pub effective_rank: Option<usize>,
    /// Weight of the fat tail of the singular values with `effective_rank`, in `[0, 1]`.
    pub tail_strength: f64,
    /// Standard deviation of the Gaussian noise added to the targets.
    pub noise: f64,
    /// Shuffle the rows and the columns.
    pub shuffle: bool,
    /// Seed; `None` draws one from the operating system.
    pub random_state: Option<u64>,
}

impl Default for MakeRegression {
    fn default() -> Self {
        MakeRegression {
            n_samples: 100,
            n_features: 100,
            n_informative: 10,
            n_targets: 1,
            bias: 0.0,
            effective_rank: None,
            tail_strength: 0.5,
            noise: 0.0,
            shuffle: true,
            random_state: None,
        }
    }
}

setters!(MakeRegression {
    n_samples: usize = 50;
    n_features: usize = 8;
    n_informative: usize = 3;
    n_targets: usize = 2;
    bias: f64 = 1.5;
    tail_strength: f64 = 0.1;
    noise: f64 = 0.5;
    shuffle: bool = false;
});

impl MakeRegression {
    /// Sets `effective_rank` (scikit-learn's `None` is the default).
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeRegression;
    /// let (x, _) = MakeRegression::default().n_features(20).effective_rank(2).random_state(0).generate()?;
    /// assert_eq!(x.dim(), (100, 20));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn effective_rank(mut self, rank: usize) -> Self {
        self.effective_rank = Some(rank);
        self
    }

    /// Sets the seed.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeRegression;
    /// let a = MakeRegression::default().random_state(3).generate()?;
    /// assert_eq!(a, MakeRegression::default().random_state(3).generate()?);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn random_state(mut self, seed: u64) -> Self {
        self.random_state = Some(seed);
        self
    }

    fn validate(&self) -> Result<()> {
        let at_least_one = |parameter, value| check_param(REGRESSION, parameter, value, ">= 1", |v: usize| v >= 1);
        at_least_one("n_samples", self.n_samples)?;
        at_least_one("n_features", self.n_features)?;
        at_least_one("n_targets", self.n_targets)?;
        check_matrix_size(REGRESSION, self.n_samples, self.n_features)?;
        check_matrix_size(REGRESSION, self.n_samples, self.n_targets)?;
        check_param(REGRESSION, "effective_rank", self.effective_rank, "None or >= 1", |r| {
            r != Some(0)
        })?;
        check_param(REGRESSION, "bias", self.bias, "a finite number", f64::is_finite)?;
        check_param(REGRESSION, "tail_strength", self.tail_strength, "in [0, 1]", |t| {
            (0.0..=1.0).contains(&t)
        })?;
        check_param(REGRESSION, "noise", self.noise, "a finite number >= 0", |n| {
            n.is_finite() && n >= 0.0
        })
    }

    /// Draws `x`, the targets `y` (one column per target) and the true
    /// coefficients `coef` (`n_features × n_targets`).
    ///
    /// # Errors
    /// See [`MakeRegression`].
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeRegression;
    /// let (x, y, coef) = MakeRegression::default().n_targets(3).random_state(0).generate_multi_target()?;
    /// assert_eq!((x.ncols(), y.ncols(), coef.dim()), (100, 3, (100, 3)));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn generate_multi_target(&self) -> Result<(Array2<f64>, Array2<f64>, Array2<f64>)> {
        self.validate()?;
        let mut rng = rng_for(self.random_state);
        let (n_samples, n_features, n_targets) = (self.n_samples, self.n_features, self.n_targets);
        let n_informative = self.n_informative.min(n_features);
        let mut x = match self.effective_rank {
            None => standard_normal(&mut rng, (n_samples, n_features)),
            Some(rank) => low_rank_matrix(n_samples, n_features, rank, self.tail_strength, &mut rng),
        };
        let mut coef = Array2::<f64>::zeros((n_features, n_targets));
        coef.slice_mut(s![..n_informative, ..])
            .assign(&(uniform(&mut rng, (n_informative, n_targets)) * 100.0));
        let mut y = x.dot(&coef) + self.bias;
        if self.noise > 0.0 {
            y += &(standard_normal(&mut rng, (n_samples, n_targets)) * self.noise);
        }
        if self.shuffle {
            let mut rows: Vec<usize> = (0..n_samples).collect();
            rows.shuffle(&mut rng);
            x = x.select(Axis(0), &rows);
            y = y.select(Axis(0), &rows);
            let mut columns: Vec<usize> = (0..n_features).collect();
            columns.shuffle(&mut rng);
            x = x.select(Axis(1), &columns);
            coef = coef.select(Axis(0), &columns);
        }
        Ok((x, y, coef))
    }

    /// Draws `x`, the one target `y` and the true coefficients (scikit-learn's
    /// `coef=True`).
    ///
    /// # Errors
    /// See [`MakeRegression`]; also when `n_targets` is not 1.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeRegression;
    /// let (_, _, coef) = MakeRegression::default().random_state(0).generate_with_coef()?;
    /// assert_eq!(coef.iter().filter(|&&c| c > 0.0).count(), 10);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn generate_with_coef(&self) -> Result<(Array2<f64>, Array1<f64>, Array1<f64>)> {
        check_param(
            REGRESSION,
            "n_targets",
            self.n_targets,
            "1 (use generate_multi_target for more)",
            |n| n == 1,
        )?;
        let (x, y, coef) = self.generate_multi_target()?;
        Ok((x, y.column(0).to_owned(), coef.column(0).to_owned()))
    }

    /// Draws `x` and the one target `y`.
    ///
    /// # Errors
    /// See [`MakeRegression`]; also when `n_targets` is not 1.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::MakeRegression;
    /// let (x, y) = MakeRegression::default().n_samples(30).noise(1.0).random_state(0).generate()?;
    /// assert_eq!((x.nrows(), y.len()), (30, 30));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn generate(&self) -> Result<(Array2<f64>, Array1<f64>)> {
        let (x, y, _) = self.generate_with_coef()?;
        Ok((x, y))
    }
}

/// scikit-learn's `make_low_rank_matrix`: `U · diag(s) · Vᵀ` with random
/// orthonormal `U`, `V` (QR of Gaussian matrices, by faer) and a bell-shaped
/// singular profile plus a fat tail.
fn low_rank_matrix(
    n_samples: usize,
    n_features: usize,
    effective_rank: usize,
    tail_strength: f64,
    rng: &mut StdRng,
) -> Array2<f64> {
    let n = n_samples.min(n_features);
    let orthonormal = |rng: &mut StdRng, rows: usize| -> Array2<f64> {
        let gaussian = standard_normal(rng, (rows, n));
        let q = faer::MatRef::from_row_major_slice(gaussian.as_slice().expect("a fresh array is contiguous"), rows, n)
            .qr()
            .compute_thin_Q();
        Array2::from_shape_fn((rows, n), |(i, j)| q[(i, j)])
    };
    let u = orthonormal(rng, n_samples);
    let v = orthonormal(rng, n_features);
    let rank = effective_rank as f64;
    let singular = Array1::from_shape_fn(n, |i| {
        let i = i as f64;
        (1.0 - tail_strength) * (-(i / rank).powi(2)).exp() + tail_strength * (-0.1 * i / rank).exp()
    });
    (u * &singular).dot(&v.t())
}
