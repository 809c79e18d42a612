//! [`MakeClassification`]: scikit-learn's `make_classification`.

use super::*;

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
#[non_exhaustive]
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
#[non_exhaustive]
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

setters!(MakeClassification in "learnkit::datasets" {
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
        let mut rng = crate::random::rng_from(self.random_state);
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

random_state_setter!(MakeClassification in "learnkit::datasets");
