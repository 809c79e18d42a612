//! [`Penalty`] and [`LogisticSolver`]: which penalty [`LogisticRegression`]
//! adds and which solver minimises it, resolved once before a fit.

use super::NAME;
use super::params::LogisticRegression;
use crate::error::{Error, Result};

/// The penalty of [`LogisticRegression`] (scikit-learn's `penalty`).
///
/// scikit-learn 1.9.1 deprecates `penalty` in favour of `l1_ratio` and `C`
/// (`l1_ratio = 0` is L2, `1` is L1, in between elastic net, `C = inf` no
/// penalty). `Auto`, the default, is that rule; the other variants name the
/// penalty outright, as the older `penalty=` strings did, and then
/// `l1_ratio` is used only by `ElasticNet` (scikit-learn ignores it with a
/// warning otherwise; here it is ignored silently).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::Penalty;
/// use ndarray::array;
/// let x = array![[0.0, 5.0], [1.0, 5.0], [2.0, 5.0], [3.0, 5.0]];
/// let y = array![0, 0, 1, 1];
/// // Pure L1: the uninformative second feature gets an exact zero.
/// let model = LogisticRegression::default().penalty(Penalty::L1).fit(x.view(), y.view())?;
/// assert_eq!(model.coef()[[0, 1]], 0.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Penalty {
    /// scikit-learn 1.9.1's default (`penalty` left unset): from `l1_ratio`
    /// (`None` or 0: L2; 1: L1; otherwise elastic net) and `C` (`inf`: none).
    #[default]
    Auto,
    /// `½‖W‖²` (`penalty="l2"`).
    L2,
    /// `‖W‖₁`, the sum of absolute coefficients (`penalty="l1"`).
    L1,
    /// `l1_ratio·‖W‖₁ + (1 − l1_ratio)·½‖W‖²` (`penalty="elasticnet"`);
    /// `l1_ratio` must be set.
    ElasticNet,
    /// No penalty (`penalty=None`): `C` is ignored.
    None,
}

/// The solver of [`LogisticRegression`] (scikit-learn's `solver`).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::{LogisticSolver, Penalty};
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let y = array![0, 0, 1, 1];
/// // L-BFGS cannot handle the non-smooth L1 penalty: a named error.
/// let lr = LogisticRegression::default().penalty(Penalty::L1).solver(LogisticSolver::Lbfgs);
/// assert!(matches!(lr.fit(x.view(), y.view()), Err(learnkit::Error::InvalidParameter { .. })));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum LogisticSolver {
    /// `Lbfgs` for an L2 penalty or none, `NewtonCd` when the penalty has an
    /// L1 part. (scikit-learn's default is `"lbfgs"`, which refuses L1.)
    #[default]
    Auto,
    /// L-BFGS (scikit-learn's `"lbfgs"`): L2 penalty or none only.
    Lbfgs,
    /// Proximal Newton with coordinate descent on each quadratic model, as
    /// glmnet and liblinear's newGLMNET: every penalty. Not in
    /// scikit-learn, whose L1 solvers are `"saga"` and `"liblinear"`.
    NewtonCd,
}

/// The solver a fit runs, after `Auto` is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Solver {
    Lbfgs,
    NewtonCd,
}

/// The penalty as weights of its two parts: the objective adds
/// `l1·‖W‖₁ + l2·½‖W‖²`, both divided by `C`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Resolved {
    pub l1: f64,
    pub l2: f64,
    pub solver: Solver,
}

impl LogisticRegression {
    /// The penalty's weights and the solver; errors for an `l1_ratio`
    /// outside `[0, 1]`, `ElasticNet` without `l1_ratio`, and `Lbfgs` with
    /// an L1 part.
    pub(super) fn resolve(&self) -> Result<Resolved> {
        if let Some(r) = self.l1_ratio {
            if !(0.0..=1.0).contains(&r) {
                return Err(Error::invalid_parameter(NAME, "l1_ratio", "a number in [0, 1]", r));
            }
        }
        let (l1, l2) = match self.penalty {
            // 0 (or None) gives (0, 1): L2 exactly, as before.
            Penalty::Auto => {
                let r = self.l1_ratio.unwrap_or(0.0);
                (r, 1.0 - r)
            }
            Penalty::L2 => (0.0, 1.0),
            Penalty::L1 => (1.0, 0.0),
            Penalty::ElasticNet => match self.l1_ratio {
                Some(r) => (r, 1.0 - r),
                None => {
                    return Err(Error::invalid_parameter(
                        NAME,
                        "l1_ratio",
                        "a number in [0, 1] when penalty is ElasticNet",
                        None::<f64>,
                    ));
                }
            },
            Penalty::None => (0.0, 0.0),
        };
        let solver = match self.solver {
            LogisticSolver::Auto | LogisticSolver::Lbfgs if l1 == 0.0 => Solver::Lbfgs,
            LogisticSolver::Lbfgs => {
                return Err(Error::invalid_parameter(
                    NAME,
                    "solver",
                    "NewtonCd or Auto for a penalty with an L1 part (Lbfgs supports only L2 or none)",
                    "Lbfgs",
                ));
            }
            LogisticSolver::Auto | LogisticSolver::NewtonCd => Solver::NewtonCd,
        };
        Ok(Resolved { l1, l2, solver })
    }
}
