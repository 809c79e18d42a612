//! The splitter path of [`RidgeCV`](super::RidgeCV) and
//! [`RidgeClassifierCV`](super::RidgeClassifierCV) (scikit-learn's
//! `GridSearchCV` over `alpha` when `cv` is given): on each fold, ridge is
//! fitted on the training rows at every alpha and its predictions on the
//! test rows are scored (by default R² for the regressor, accuracy for the
//! classifier, weighted by the test rows' sample weights, as scikit-learn);
//! the alpha of best mean score is refitted on all rows.

use super::{RidgeSolver, solve};
use crate::error::{Error, Result};
use crate::linear_model::base::{intercepts, prepare};
use crate::model_selection::Fold;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;

/// scikit-learn's `Ridge` defaults for the fits of a search: `solver="auto"`
/// (Cholesky on dense data) and its unused `tol`.
const SOLVER: RidgeSolver = RidgeSolver::Auto;
const TOL: f64 = 1e-4;

/// The score of a fold at one alpha from the decision values on its test
/// rows (`n_test × n_targets`) and the test rows' indices.
pub(super) type FoldScore<'a> = dyn Fn(ArrayView2<'_, f64>, &[usize]) -> Result<f64> + Sync + 'a;

/// The settings one search over alphas shares between its folds.
pub(super) struct FoldSearch<'a> {
    pub name: &'static str,
    pub alphas: &'a [f64],
    pub fit_intercept: bool,
    pub n_jobs: Option<usize>,
    /// How the test rows' predictions are scored (greater is better).
    pub score: &'a FoldScore<'a>,
}

impl FoldSearch<'_> {
    /// The alpha of highest mean test score over the folds (the first on ties,
    /// a NaN mean ranking last) and that mean. The folds run in parallel;
    /// their scores are gathered in fold order, so the choice does not
    /// depend on the number of threads.
    pub fn best_alpha(
        &self,
        x: &Array2<f64>,
        y: &Array2<f64>,
        weights: Option<&Array1<f64>>,
        folds: &[Fold],
    ) -> Result<(f64, f64)> {
        let scores: Vec<Vec<f64>> = crate::parallel::with_n_jobs(self.n_jobs, || {
            folds
                .par_iter()
                .map(|fold| self.fold_scores(x, y, weights, fold))
                .collect::<Result<Vec<_>>>()
        })??;
        let mut best: Option<(f64, f64)> = None;
        for (a, &alpha) in self.alphas.iter().enumerate() {
            let mean = scores.iter().map(|s| s[a]).sum::<f64>() / scores.len() as f64;
            let better = match best {
                None => true,
                Some((_, b)) => mean > b || (b.is_nan() && !mean.is_nan()),
            };
            if better {
                best = Some((alpha, mean));
            }
        }
        Ok(best.expect("alphas checked non-empty"))
    }

    /// The test score of one fold at every alpha, the ridge fits sharing
    /// the fold's centred and weighted training rows.
    fn fold_scores(
        &self,
        x: &Array2<f64>,
        y: &Array2<f64>,
        weights: Option<&Array1<f64>>,
        fold: &Fold,
    ) -> Result<Vec<f64>> {
        let w_train = weights.map(|w| w.select(Axis(0), &fold.train));
        if w_train.as_ref().is_some_and(|w| w.sum() <= 0.0) {
            return Err(Error::invalid_input(
                self.name,
                "the training rows of a fold all have zero sample weight; give more rows weight or use fewer folds",
            ));
        }
        let prepared = prepare(
            x.select(Axis(0), &fold.train),
            y.select(Axis(0), &fold.train),
            w_train.as_ref(),
            self.fit_intercept,
        );
        let x_test = x.select(Axis(0), &fold.test);
        self.alphas
            .iter()
            .map(|&alpha| {
                let (coef, _) = solve(self.name, &prepared, alpha, SOLVER, TOL, None)?;
                let intercept = intercepts(&coef, &prepared);
                let predicted = x_test.dot(&coef.t()) + &intercept;
                (self.score)(predicted.view(), &fold.test)
            })
            .collect()
    }

    /// The coefficients (targets × features) refitted on all rows at `alpha`.
    pub fn refit(&self, prepared: &crate::linear_model::base::Prepared, alpha: f64) -> Result<Array2<f64>> {
        solve(self.name, prepared, alpha, SOLVER, TOL, None).map(|(coef, _)| coef)
    }
}

/// scikit-learn's default fold score of a regressor: R² of the first target
/// on the test rows, weighted by their sample weights when given; NaN (which
/// ranks last) on one test row or when the test rows have no weight, as
/// scikit-learn's scorer (with a warning there).
pub(super) fn r2_of_test_rows(
    y: ArrayView1<'_, f64>,
    weights: Option<&Array1<f64>>,
    predicted: ArrayView2<'_, f64>,
    test: &[usize],
) -> Result<f64> {
    let w_test = weights.map(|w| w.select(Axis(0), test));
    if test.len() < 2 || w_test.as_ref().is_some_and(|w| w.sum() <= 0.0) {
        return Ok(f64::NAN);
    }
    let y_test = y.select(Axis(0), test);
    match &w_test {
        Some(w) => crate::metrics::r2_score_weighted(y_test.view(), predicted.column(0), w.view()),
        None => crate::metrics::r2_score(y_test.view(), predicted.column(0)),
    }
}
