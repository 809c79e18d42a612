//! [`GridSearchCV::fit_distributed_candidates`]: the candidates spread over
//! ranks on replicated data, their scores gathered, the best refitted on
//! every rank.

use super::{CvResults, FittedSearchCV, GridSearchCV, refit, run_search};
use crate::distributed::{ByRef, Communicator, check_replicated};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::model_selection::cross_validation::FoldScore;
use crate::model_selection::scoring::Scorer;
use crate::model_selection::splitter::Splitter;
use crate::traits::Estimator;
use ndarray::{ArrayView1, ArrayView2};

/// Whether this process cross-validates candidate `c`: always without a
/// communicator, else when `c % size == rank`.
pub(super) fn owns(comm: Option<&dyn Communicator>, c: usize) -> bool {
    comm.is_none_or(|comm| c % comm.size() == comm.rank())
}

/// Values per (candidate, fold) score on the wire: test, train, whether
/// there is a train score, fit time, score time.
const FIELDS: usize = 5;

/// Every candidate's fold scores, in (candidate, fold) order, on every
/// rank, from each rank's own (`mine`: the folds of the candidates it owns,
/// in order): one all-gather.
pub(super) fn exchange_scores(
    comm: &dyn Communicator,
    name: &'static str,
    mine: Vec<FoldScore>,
    n_candidates: usize,
    n_folds: usize,
) -> Result<Vec<FoldScore>> {
    let mut bytes = Vec::with_capacity(mine.len() * FIELDS * 8);
    for s in &mine {
        let train = s.train.unwrap_or(f64::NAN);
        let has_train = if s.train.is_some() { 1.0 } else { 0.0 };
        for v in [s.test, train, has_train, s.fit_time, s.score_time] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
    }
    let gathered = comm.all_gather_bytes(&bytes)?;
    let mut per_rank: Vec<_> = gathered
        .iter()
        .map(|part| {
            part.chunks_exact(FIELDS * 8).map(|record| {
                let v: Vec<f64> = record
                    .chunks_exact(8)
                    .map(|b| f64::from_le_bytes(b.try_into().unwrap_or_default()))
                    .collect();
                FoldScore {
                    test: v[0],
                    train: (v[2] == 1.0).then_some(v[1]),
                    fit_time: v[3],
                    score_time: v[4],
                }
            })
        })
        .collect();
    let mut scores = Vec::with_capacity(n_candidates * n_folds);
    for c in 0..n_candidates {
        let rank = c % comm.size();
        for f in 0..n_folds {
            let score = per_rank[rank].next().ok_or_else(|| Error::Communication {
                context: name.into(),
                rank: comm.rank(),
                message: format!("rank {rank} sent no score for candidate {c}, fold {f}"),
            })?;
            scores.push(score);
        }
    }
    Ok(scores)
}

impl<P, B, C, S> GridSearchCV<P, B, C, S> {
    /// Fits on replicated data with the candidates spread over the ranks of
    /// `comm`: every rank holds ALL the rows (`x`, `y`, the same on every
    /// rank); rank `r` cross-validates the candidates `c` with
    /// `c % size == r` (on rayon's global pool: `n_jobs` applies to the
    /// refit only), the ranks exchange their fold scores (one all-gather),
    /// and every rank refits the best candidate. The scores, ranks and best
    /// model are `fit`'s (the fit and score times are each rank's own).
    ///
    /// # Errors
    /// As `fit`, on every rank when any rank fails;
    /// [`Error::Communication`] when the group breaks.
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::run_in_process;
    /// use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
    /// use learnkit::prelude::*;
    ///
    /// let iris = learnkit::datasets::load_iris();
    /// let search = GridSearchCV::new(vec![0.01, 0.1, 1.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000), StratifiedKFold::new(3));
    /// let fitted = run_in_process(2, |comm| search.fit_distributed_candidates(comm, iris.data.view(), iris.target.view()))?;
    /// let single = search.fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(fitted[1].cv_results().mean_test_score, single.cv_results().mean_test_score);
    /// assert_eq!(*fitted[0].best_params(), *single.best_params());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_distributed_candidates<Comm, F, T, E>(
        &self,
        comm: &Comm,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, T>,
    ) -> Result<FittedSearchCV<P, E::Fitted>>
    where
        Comm: Communicator + ?Sized,
        F: Float,
        T: Clone + Send + Sync,
        P: Clone + Send + Sync,
        B: Fn(&P) -> E + Sync + Send,
        E: Estimator<F, T> + Sync,
        E::Fitted: Send,
        C: Splitter<T> + Send,
        S: Scorer<E::Fitted, F, T> + Send,
    {
        check_replicated(comm, "GridSearchCV", x.dim())?;
        let results: CvResults<P> = run_search(
            "GridSearchCV",
            self.param_grid.clone(),
            &self.build,
            x,
            y,
            None,
            &self.cv,
            &self.scoring,
            self.return_train_score,
            Some(&ByRef(comm)),
        )?;
        refit(results, &self.build, x, y, self.n_jobs)
    }
}
