//! The traits and the most used types: `use learnkit::prelude::*;`.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! let _model = Pipeline::new(StandardScaler::default(), LogisticRegression::default());
//! ```

pub use crate::compose::Pipeline;
pub use crate::compose::{ColumnTransformer, Remainder};
pub use crate::decomposition::PCA;
pub use crate::ensemble::{HistGradientBoostingClassifier, HistGradientBoostingRegressor};
pub use crate::error::{Error, Result};
pub use crate::float::{Float, Label};
pub use crate::linear_model::{LinearRegression, LogisticRegression, Ridge, RidgeClassifier};
pub use crate::mixture::GaussianMixture;
pub use crate::naive_bayes::{BernoulliNB, CategoricalNB, ComplementNB, GaussianNB, MultinomialNB};
pub use crate::preprocessing::PolynomialFeatures;
pub use crate::preprocessing::StandardScaler;
pub use crate::preprocessing::{LabelEncoder, MinMaxScaler, OneHotEncoder, OrdinalEncoder, SimpleImputer};
pub use crate::preprocessing::{MaxAbsScaler, Normalizer};
pub use crate::svm::{LinearSVC, SVC, SVR};
pub use crate::traits::{
    Classifier, Clusterer, DecisionFunction, Estimator, FeatureNames, FitPredict, InverseTransformer, PredictProba,
    Predictor, RankingScores, SampleWeighted, Transformer, UnsupervisedEstimator,
};
