//! [`StandardScaler::fit_distributed`]: the scaler's moments over rows
//! split between ranks, bit-identical for any split.

use super::{FittedStandardScaler, NAME, StandardScaler};
use crate::distributed::{Communicator, check_shard_weight, check_shards, exact_column_moments};
use crate::error::Result;
use crate::float::Float;
use crate::validation::check_no_infinity;
use ndarray::{ArrayView1, ArrayView2};

impl StandardScaler {
    /// Fits on rows split between the ranks of `comm`: `x` holds this
    /// rank's rows (a rank may hold none), `y` is ignored (as in `fit`).
    /// Every rank returns the same scaler, whatever the split and the number
    /// of ranks, bit for bit.
    ///
    /// The moments are computed as `fit` computes them, in two passes (the
    /// mean, then the sum of squared deviations from it), but each sum over
    /// rows is exact ([`ExactSums`](crate::distributed::ExactSums)) and all-reduced, so it does not depend
    /// on how the rows were split; it agrees with `fit` to rounding (about
    /// `1e-15` relative). `NaN` is a missing value, as in `fit`;
    /// [`n_samples_seen`](FittedStandardScaler::n_samples_seen) counts every
    /// rank's rows.
    ///
    /// # Errors
    /// As `fit`, on every rank when any rank's shard is bad (an infinity, a
    /// different feature count), and [`Error::EmptyInput`](crate::Error::EmptyInput)
    /// when no rank holds a row; [`Error::Communication`](crate::Error::Communication)
    /// when the group breaks.
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::{run_in_process, Communicator, RowShards};
    /// use learnkit::prelude::*;
    /// use ndarray::{array, Array1};
    ///
    /// let x = array![[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [4.0, 40.0], [5.0, 50.0]];
    /// let scalers = run_in_process(2, |comm| {
    ///     let rows = RowShards::even_split(x.nrows(), comm.rank(), comm.size());
    ///     let mine = x.slice(ndarray::s![rows, ..]);
    ///     StandardScaler::default().fit_distributed(comm, mine, Array1::<f64>::zeros(0).view())
    /// })?;
    /// assert_eq!(scalers[0], scalers[1]);
    /// assert_eq!(scalers[0].mean().unwrap(), array![3.0, 30.0]);
    /// assert_eq!(scalers[0].n_samples_seen(), array![5.0, 5.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_distributed<C: Communicator + ?Sized, F: Float, T>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        _y: ArrayView1<'_, T>,
    ) -> Result<FittedStandardScaler<F>> {
        self.fit_distributed_checked(comm, x, None)
    }

    /// [`fit_distributed`](Self::fit_distributed) with this rank's rows'
    /// sample weights (scikit-learn's `sample_weight`).
    ///
    /// # Errors
    /// As [`fit_distributed`](Self::fit_distributed), and a bad
    /// `sample_weight` on any rank (as `fit_weighted`; a rank's non-empty
    /// weights must not all be zero).
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::{run_in_process, Communicator};
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    ///
    /// // Rank 0 holds [1], rank 1 holds [3] with weight 3: the mean is 2.5.
    /// let scalers = run_in_process(2, |comm| {
    ///     let (x, w) = if comm.rank() == 0 { (array![[1.0]], array![1.0]) } else { (array![[3.0]], array![3.0]) };
    ///     StandardScaler::default().fit_distributed_weighted(comm, x.view(), w.view())
    /// })?;
    /// assert_eq!(scalers[1].mean().unwrap(), array![2.5]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_distributed_weighted<C: Communicator + ?Sized, F: Float>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<FittedStandardScaler<F>> {
        self.fit_distributed_checked(comm, x, Some(sample_weight))
    }

    fn fit_distributed_checked<C: Communicator + ?Sized, F: Float>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedStandardScaler<F>> {
        let local = (|| {
            self.validate()?;
            check_no_infinity(NAME, x)?;
            check_shard_weight(NAME, sample_weight, x.nrows())
        })();
        let (_, weight) = check_shards(comm, NAME, x.dim(), local)?;
        let moments = exact_column_moments(comm, x, weight.as_ref().and_then(|w| w.as_slice()))?;
        Ok(FittedStandardScaler::from_moments(self.clone(), moments))
    }
}
