//! Fitting [`SVC`]: checks, weights, the `f64` copy of the data, and the
//! one-vs-one training.

use super::cache::KernelCache;
use super::fitted::FittedSVC;
use super::kernel::Kernel;
use super::multiclass::train_ovo;
use super::params::{NAME, SVC};
use super::probability::fit_sigmoids;
use super::smo::{SmoOptions, threads_for};
use super::support::TrainingData;
use crate::error::Result;
use crate::float::{Float, Label};
use crate::parallel::with_n_jobs;
use crate::random::seed_or_entropy;
use crate::sparse::MatrixView;
use crate::traits::{Estimator, SampleWeighted};
use crate::validation::{check_every_class_weighted, check_sample_weight, check_two_classes, encode_labels};
use crate::warn::{self, max_iter_reached};
use ndarray::{Array1, ArrayView1, ArrayView2};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Progress of an [`SVC`] fit, reported to
/// [`SVC::fit_with_progress`] each time a pair of classes is trained.
///
/// # Example
/// ```
/// use learnkit::svm::SvcProgress;
/// let p = SvcProgress::new(1, 3);
/// assert!(p.pairs_done < p.n_pairs);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SvcProgress {
    /// Pairs of classes trained so far.
    pub pairs_done: usize,
    /// Pairs in all (`n_classes · (n_classes − 1) / 2`).
    pub n_pairs: usize,
}

impl SvcProgress {
    /// The progress after `pairs_done` of `n_pairs` pairs (for an
    /// application's own bar before the first report; the struct is
    /// `#[non_exhaustive]`, so it has no struct literal outside the crate).
    ///
    /// # Example
    /// ```
    /// use learnkit::svm::SvcProgress;
    /// let start = SvcProgress::new(0, 45);
    /// assert_eq!((start.pairs_done, start.n_pairs), (0, 45));
    /// ```
    pub fn new(pairs_done: usize, n_pairs: usize) -> Self {
        SvcProgress { pairs_done, n_pairs }
    }
}

impl SVC {
    /// Fits as [`Estimator::fit`] (with optional sample weights), calling
    /// `progress` after each pair of classes is trained (from the training
    /// threads, in completion order), so that an application can draw a
    /// progress bar. With `probability`, the cross-validation fits of Platt
    /// scaling run alongside those pairs and are not counted.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    ///
    /// let iris = load_iris();
    /// let calls = AtomicUsize::new(0);
    /// let model = SVC::default().fit_with_progress(iris.data.view(), iris.target.view(), None, &|p| {
    ///     assert_eq!(p.n_pairs, 3);
    ///     calls.fetch_add(1, Ordering::Relaxed);
    /// })?;
    /// assert_eq!(calls.load(Ordering::Relaxed), 3);
    /// assert_eq!(model.classes(), &[0, 1, 2]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_with_progress<F: Float, L: Label>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
        progress: &(dyn Fn(SvcProgress) + Sync),
    ) -> Result<FittedSVC<F, L>> {
        self.fit_view(x.into(), y, sample_weight, progress)
    }

    /// The fit from a dense or sparse `x` (a sparse one is never densified,
    /// except as a precomputed kernel matrix).
    fn fit_view<F: Float, L: Label>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
        progress: &(dyn Fn(SvcProgress) + Sync),
    ) -> Result<FittedSVC<F, L>> {
        self.validate()?;
        if let (MatrixView::Sparse(_), Kernel::Precomputed) = (x, self.kernel) {
            return x.with_dense(|x| self.fit_view(x.into(), y, sample_weight, progress));
        }
        // Asked here: with_n_jobs may move the fit onto a pool's worker.
        let nested = crate::parallel::nested();
        with_n_jobs(self.n_jobs, || self.fit_checked(x, y, sample_weight, progress, nested))?
    }

    fn fit_checked<F: Float, L: Label>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
        progress: &(dyn Fn(SvcProgress) + Sync),
        nested: bool,
    ) -> Result<FittedSVC<F, L>> {
        let training = TrainingData::checked(NAME, x, y.len(), &self.kernel)?;
        let (classes, codes) = encode_labels(y.iter());
        check_two_classes(NAME, &classes)?;
        let n_classes = classes.len();
        let sample_weight: Option<Array1<f64>> = match sample_weight {
            Some(w) => Some(check_sample_weight(NAME, Some(w), x.nrows())?.mapv(F::as_f64)),
            None => None,
        };
        // scikit-learn's SVC balances classes by their counts, not by the
        // sample weights (unlike LogisticRegression).
        let class_weights = self.class_weight.class_weights(NAME, &codes, n_classes, None)?;
        let c: Vec<f64> = codes
            .iter()
            .enumerate()
            .map(|(i, &k)| self.c * class_weights[k] * sample_weight.as_ref().map_or(1.0, |w| w[i]))
            .collect();
        // Rows of zero weight cannot be support vectors; scikit-learn drops them.
        check_every_class_weighted(NAME, &classes, &codes, |i| c[i], "C · class_weight · sample_weight")?;
        let mut by_class: Vec<Vec<usize>> = vec![Vec::new(); n_classes];
        for (i, &k) in codes.iter().enumerate() {
            if c[i] > 0.0 {
                by_class[k].push(i);
            }
        }
        let d = x.ncols();
        let kernel = training.kernel;
        let kernel_data = training.kernel_data();
        let n_pairs = n_classes * (n_classes - 1) / 2;
        // Several pairs, or Platt scaling's problems, share the threads
        // between problems; one problem alone gets them all.
        let threads = if n_pairs == 1 && !self.probability {
            threads_for(
                by_class.iter().map(Vec::len).sum(),
                rayon::current_num_threads(),
                nested,
            )
        } else {
            1
        };
        let options = SmoOptions {
            tol: self.tol,
            max_iter: self.max_iter,
            shrinking: self.shrinking,
            cache_bytes: self.cache_bytes(),
            threads,
        };
        // The largest pair's problem, with as many caches at once as pairs
        // (and Platt scaling's problems) run side by side.
        let mut sizes: Vec<usize> = by_class.iter().map(Vec::len).collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        let largest = sizes.iter().take(2).sum();
        let concurrent = (n_pairs * if self.probability { 6 } else { 1 }).clamp(1, rayon::current_num_threads());
        KernelCache::check_fits(NAME, largest, options.cache_bytes, concurrent)?;
        let done = AtomicUsize::new(0);
        let on_pair_done = || {
            let pairs_done = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(SvcProgress { pairs_done, n_pairs });
        };
        // With `probability`, the 5 × n_pairs cross-validation problems of
        // Platt scaling are solved alongside the model (same threads).
        let seed = self.probability.then(|| seed_or_entropy(self.random_state));
        let (model, sigmoids) = rayon::join(
            || train_ovo(&kernel_data, &by_class, &c, &options, &on_pair_done),
            || seed.map(|seed| fit_sigmoids(&kernel_data, &by_class, &c, &options, seed)),
        );
        if !model.converged {
            warn::not_converged(NAME, max_iter_reached(self.max_iter, &model.n_iter));
        }
        let support_vectors = training.support_vectors(&model.support);
        Ok(FittedSVC::new(
            self.clone(),
            classes,
            kernel,
            d,
            model,
            support_vectors,
            sigmoids.unwrap_or_default(),
        ))
    }
}

impl<F: Float, L: Label> Estimator<F, L> for SVC {
    type Fitted = FittedSVC<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.fit_with_progress(x, y, None, &|_| {})
    }

    /// [`Estimator::fit`] on a dense or sparse `x`. A sparse `x` is never
    /// densified: the solver computes kernel rows from the stored values
    /// (as libsvm's sparse mode) and the model is the dense fit's (same
    /// support, dual coefficients and intercepts, to rounding). The support
    /// vectors are kept dense, `n_SV × n_features` values. A precomputed
    /// kernel matrix given sparse is densified.
    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.fit_view(x, y, None, &|_| {})
    }
}

impl<F: Float, L: Label> SampleWeighted<F, L> for SVC {
    /// Each sample's `C` is multiplied by its weight (and its class's weight).
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_with_progress(x, y, Some(sample_weight), &|_| {})
    }

    /// [`SampleWeighted::fit_weighted`] on a dense or sparse `x` (see
    /// [`Estimator::fit_matrix`]).
    fn fit_weighted_matrix(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_view(x, y, Some(sample_weight), &|_| {})
    }
}
