//! Model inspection, as in `sklearn.inspection`: how much a fitted model
//! relies on each feature.
//!
//! - [`permutation_importance`]: the drop in score when one feature's values
//!   are shuffled, for any fitted [`Predictor`](crate::traits::Predictor).
//! - [`partial_dependence`]: the average response as one or two features
//!   sweep a grid (brute force for any model, the fast recursion for trees).
//! - [`shap_values`]: exact path-dependent TreeSHAP values of a tree model
//!   (decision trees, forests, histogram gradient boosting), as the `shap`
//!   package's `TreeExplainer`, and [`shap_interaction_values`], the
//!   pairwise interaction values behind them.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::inspection::permutation_importance;
//!
//! let iris = load_iris();
//! let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
//! let result = permutation_importance(&model, iris.data.view(), iris.target.view())
//!     .n_repeats(10)
//!     .random_state(0)
//!     .compute()?;
//! // Petal length and width (columns 2 and 3) matter far more than sepal width.
//! assert!(result.importances_mean[2] > result.importances_mean[1]);
//! assert!(result.importances_mean[3] > result.importances_mean[1]);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod partial_dependence;
mod permutation;

pub use partial_dependence::{
    PartialDependence, PartialDependenceBuilder, PartialDependenceModel, PdKind, PdMethod, ResponseMethod,
    decision_function_response, partial_dependence, predict_proba_response,
};
#[cfg(feature = "plot")]
pub(crate) use partial_dependence::{linspace, mquantile};
pub use permutation::{Importances, PermutationImportance, permutation_importance};
mod shap;

pub use shap::{ShapInteractionValues, ShapValues, TreeExplainable, shap_interaction_values, shap_values};
