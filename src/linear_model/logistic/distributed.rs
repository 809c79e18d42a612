//! [`LogisticRegression::fit_distributed`]: the L-BFGS fit over rows split
//! between ranks, every rank running the same iterations.

use super::design::Design;
use super::loss::LogisticLoss;
use super::penalty::Solver;
use super::{FittedLogisticRegression, LogisticRegression, NAME, Solution, check_total_weight, row_weights};
use crate::distributed::{Communicator, ExactSums, check_shard_weight, check_shards, union_labels};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::linear_model::lbfgs::minimize;
use crate::validation::{check_finite, check_same_length, check_two_classes};
use ndarray::{Array1, ArrayView1, ArrayView2};

impl LogisticRegression {
    /// Fits on rows split between the ranks of `comm`: `x` and `y` are this
    /// rank's rows (a rank may hold none). Every rank returns the same
    /// model, bit for bit, whatever the split and the number of ranks.
    ///
    /// Every rank runs the same L-BFGS iterations: the loss and its gradient
    /// are sums over rows, each row's terms added exactly
    /// ([`ExactSums`]) and all-reduced, so every rank sees the same
    /// objective at every step; the objective is `fit`'s (same classes,
    /// sorted as `fit` sorts them, same scaling by the total sample weight,
    /// same penalty), so the model agrees with `fit`'s to the solver's
    /// tolerance. The classes are the union of the ranks' labels, and
    /// `class_weight` (balanced too) counts every rank's rows. The `lbfgs`
    /// solver only (`penalty` `l2` or none); needs the `serde` feature (the
    /// labels travel serialised).
    ///
    /// # Errors
    /// As `fit`, on every rank when any rank's shard is bad (a non-finite
    /// value, a different feature count, `y` of another length), and
    /// [`Error::InvalidParameter`] for a penalty that needs the
    /// `newton-cd` solver; [`Error::Communication`] when the group breaks.
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::{run_in_process, Communicator};
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    ///
    /// let x: ndarray::Array2<f64> = array![[0.0, 1.0], [1.0, 0.5], [2.0, 2.0], [3.0, 1.5], [4.0, 3.0], [5.0, 2.0]];
    /// let y = array![0, 0, 0, 1, 1, 1];
    /// let models = run_in_process(3, |comm| {
    ///     // Rank r holds rows 2r and 2r + 1.
    ///     let rows = 2 * comm.rank()..2 * comm.rank() + 2;
    ///     LogisticRegression::default().fit_distributed(comm, x.slice(ndarray::s![rows.clone(), ..]), y.slice(ndarray::s![rows]))
    /// })?;
    /// assert_eq!(models[0].coef(), models[2].coef());
    /// let single = LogisticRegression::default().fit(x.view(), y.view())?;
    /// assert!((models[0].coef()[[0, 0]] - single.coef()[[0, 0]]).abs() < 1e-6);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_distributed<C, F, L>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
    ) -> Result<FittedLogisticRegression<F, L>>
    where
        C: Communicator + ?Sized,
        F: Float,
        L: Label + serde::Serialize + serde::de::DeserializeOwned,
    {
        self.fit_distributed_checked(comm, x, y, None)
    }

    /// [`fit_distributed`](Self::fit_distributed) with this rank's rows'
    /// sample weights.
    ///
    /// # Errors
    /// As [`fit_distributed`](Self::fit_distributed), and a bad
    /// `sample_weight` on any rank (a rank's non-empty weights must not all
    /// be zero).
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::{run_in_process, Communicator};
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    ///
    /// let models = run_in_process(2, |comm| {
    ///     let (x, y, w) = if comm.rank() == 0 {
    ///         (array![[0.0], [1.0]], array![0, 0], array![1.0, 2.0])
    ///     } else {
    ///         (array![[2.0], [3.0]], array![1, 1], array![2.0, 1.0])
    ///     };
    ///     LogisticRegression::default().fit_distributed_weighted(comm, x.view(), y.view(), w.view())
    /// })?;
    /// assert_eq!(models[0].coef(), models[1].coef());
    /// assert!(models[0].coef()[[0, 0]] > 0.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_distributed_weighted<C, F, L>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<FittedLogisticRegression<F, L>>
    where
        C: Communicator + ?Sized,
        F: Float,
        L: Label + serde::Serialize + serde::de::DeserializeOwned,
    {
        self.fit_distributed_checked(comm, x, y, Some(sample_weight))
    }

    fn fit_distributed_checked<C, F, L>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedLogisticRegression<F, L>>
    where
        C: Communicator + ?Sized,
        F: Float,
        L: Label + serde::Serialize + serde::de::DeserializeOwned,
    {
        // Parameters are the same on every rank, so every rank fails alike.
        self.validate()?;
        let resolved = self.resolve()?;
        if !matches!(resolved.solver, Solver::Lbfgs) {
            return Err(Error::invalid_parameter(
                NAME,
                "solver",
                "lbfgs (with penalty l2 or none) for fit_distributed",
                self.solver,
            ));
        }
        let local = (|| {
            check_same_length(NAME, "y vs rows of X", x.nrows(), y.len())?;
            check_finite(NAME, x)?;
            Ok(check_shard_weight(NAME, sample_weight, x.nrows())?.unwrap_or_else(|| Array1::ones(x.nrows())))
        })();
        let (_, sample_weight) = check_shards(comm, NAME, x.dim(), local)?;

        let labels: Vec<L> = y.to_vec();
        let classes = union_labels(comm, NAME, &labels)?;
        check_two_classes(NAME, &classes)?;
        let n_classes = classes.len();
        let codes: Vec<usize> = labels
            .iter()
            .map(|l| classes.binary_search(l).unwrap_or_default())
            .collect();

        // The class weights from every rank's per-class weight: computed as
        // `fit` does, on one "row" per class weighing that class's total.
        let mut per_class = ExactSums::new(n_classes);
        for (&c, &w) in codes.iter().zip(&sample_weight) {
            per_class.add(c, w);
        }
        per_class.all_reduce(comm)?;
        let per_class = Array1::from(per_class.values());
        let class_codes: Vec<usize> = (0..n_classes).collect();
        let class_weights = self
            .class_weight
            .class_weights(NAME, &class_codes, n_classes, Some(per_class.view()))?;
        let weights = row_weights(&sample_weight, &codes, &class_weights);
        let mut total = ExactSums::new(1);
        weights.iter().for_each(|&w| total.add(0, w));
        total.all_reduce(comm)?;
        let total = total.values()[0];
        check_total_weight(total)?;
        let normalised = weights / total;
        let l2 = resolved.l2 / (self.c * total);
        let k = if n_classes == 2 { 1 } else { n_classes };
        let design = Design::Dense(x);
        let n_params = k * x.ncols() + if self.fit_intercept { k } else { 0 };
        let loss = LogisticLoss::new(&design, &codes, normalised.view(), n_classes, self.fit_intercept, l2);

        // A failed all-reduce ends the solve: the objective turns NaN (the
        // line search stops) and the error is returned after.
        let mut failure: Option<Error> = None;
        let result = minimize(
            |params, grad| {
                if failure.is_some() {
                    grad.fill(f64::NAN);
                    return f64::NAN;
                }
                match loss.value_and_gradient_exact(params, grad, &mut |sums: &mut ExactSums| sums.all_reduce(comm)) {
                    Ok(value) => value,
                    Err(err) => {
                        failure = Some(err);
                        grad.fill(f64::NAN);
                        f64::NAN
                    }
                }
            },
            vec![0.0; n_params],
            &self.lbfgs_options(),
        );
        if let Some(err) = failure {
            return Err(err);
        }
        let solution = Solution {
            x: result.x,
            n_iter: result.n_iter,
            termination: result.termination,
        };
        // Warnings look at this rank's rows only; a rank without rows has
        // nothing to say.
        let warn_as = (x.nrows() > 0).then_some(NAME);
        self.finish(classes, solution, &design, warn_as)
    }
}
