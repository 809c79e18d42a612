//! [`MakeRegression`]: scikit-learn's `make_regression`.

use super::*;

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
#[non_exhaustive]
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

setters!(MakeRegression in "learnkit::datasets" {
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
        let mut rng = crate::random::rng_from(self.random_state);
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

random_state_setter!(MakeRegression in "learnkit::datasets");
