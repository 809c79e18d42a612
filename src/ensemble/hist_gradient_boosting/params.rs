//! What both gradient-boosting estimators share: the choice enums
//! ([`EarlyStopping`], [`CategoricalFeatures`]), the per-iteration
//! [`Progress`] report, and the internal settings checked in one place.

use crate::error::{Error, Result};
use crate::validation::check_param;

/// When to stop adding trees before `max_iter` (scikit-learn's
/// `early_stopping`).
///
/// # Example
/// ```
/// use learnkit::ensemble::{EarlyStopping, HistGradientBoostingRegressor};
/// let model = HistGradientBoostingRegressor::default().early_stopping(EarlyStopping::Off);
/// assert_eq!(model.early_stopping, EarlyStopping::Off);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum EarlyStopping {
    /// On when the training data has more than 10,000 rows (the default).
    #[default]
    Auto,
    /// Always on.
    On,
    /// Never: exactly `max_iter` iterations.
    Off,
}

/// Which features are categorical (scikit-learn's `categorical_features`).
///
/// A categorical feature holds non-negative integer codes below `max_bins`
/// (`NaN` is missing); each category gets its own bin and splits send a
/// subset of the categories left.
///
/// # Example
/// ```
/// use learnkit::ensemble::{CategoricalFeatures, HistGradientBoostingClassifier};
/// let by_index = HistGradientBoostingClassifier::default().categorical_features(CategoricalFeatures::Indices(vec![1, 3]));
/// let by_mask = HistGradientBoostingClassifier::default().categorical_features(CategoricalFeatures::Mask(vec![false, true]));
/// assert_ne!(by_index, by_mask);
/// assert_eq!(CategoricalFeatures::from(["sex"]), CategoricalFeatures::Names(vec!["sex".to_string()]));
/// ```
///
/// By name, with the names of a CSV file's columns:
/// ```
/// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
/// use learnkit::ensemble::{CategoricalFeatures, HistGradientBoostingClassifier};
/// use learnkit::prelude::*;
/// let text = "age,workclass,sex,income\n39,State-gov,Male,<=50K\n50,Private,Female,>50K\n\
///             38,Private,Male,<=50K\n53,Private,Female,>50K\n";
/// let csv = read_csv_from_reader(text.as_bytes(), "adult.csv", &CsvOptions::default().target_column("income"))?;
/// let model = HistGradientBoostingClassifier::default()
///     .feature_names(&csv.feature_names)
///     .categorical_features(CategoricalFeatures::from(["workclass", "sex"]))
///     .max_iter(2)
///     .fit(csv.data.view(), csv.target.as_ref().unwrap().view())?;
/// assert_eq!(model.is_categorical(), &[false, true, true]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum CategoricalFeatures {
    /// Every feature is numeric (the default).
    #[default]
    None,
    /// The column indices of the categorical features.
    Indices(Vec<usize>),
    /// One flag per column: `true` for a categorical feature.
    Mask(Vec<bool>),
    /// The names of the categorical features, among the names given to the
    /// estimator's `feature_names` (scikit-learn takes them from a
    /// DataFrame's columns); resolved when the model is fitted.
    Names(Vec<String>),
}

impl From<Vec<usize>> for CategoricalFeatures {
    fn from(indices: Vec<usize>) -> Self {
        CategoricalFeatures::Indices(indices)
    }
}

impl<const N: usize> From<[usize; N]> for CategoricalFeatures {
    fn from(indices: [usize; N]) -> Self {
        CategoricalFeatures::Indices(indices.to_vec())
    }
}

impl From<Vec<bool>> for CategoricalFeatures {
    fn from(mask: Vec<bool>) -> Self {
        CategoricalFeatures::Mask(mask)
    }
}

impl From<Vec<String>> for CategoricalFeatures {
    fn from(names: Vec<String>) -> Self {
        CategoricalFeatures::Names(names)
    }
}

impl From<Vec<&str>> for CategoricalFeatures {
    fn from(names: Vec<&str>) -> Self {
        CategoricalFeatures::Names(names.into_iter().map(str::to_owned).collect())
    }
}

impl<const N: usize> From<[&str; N]> for CategoricalFeatures {
    fn from(names: [&str; N]) -> Self {
        CategoricalFeatures::Names(names.iter().map(|n| (*n).to_owned()).collect())
    }
}

impl CategoricalFeatures {
    /// One flag per feature, or an [`Error::InvalidParameter`] for an index
    /// out of range, a repeated index or name, a mask of the wrong length, a
    /// name not among `feature_names`, names without `feature_names`, or
    /// `feature_names` without one unique name per feature.
    pub(crate) fn resolve(
        &self,
        name: &'static str,
        n_features: usize,
        feature_names: Option<&[String]>,
    ) -> Result<Vec<bool>> {
        if let Some(names) = feature_names.filter(|names| names.len() != n_features) {
            return Err(Error::invalid_parameter(
                name,
                "feature_names",
                format!("one name per feature ({n_features})"),
                names,
            ));
        }
        if let Some(names) = feature_names {
            let mut seen = std::collections::HashSet::with_capacity(names.len());
            if let Some(repeated) = names.iter().find(|n| !seen.insert(n.as_str())) {
                return Err(Error::invalid_parameter(
                    name,
                    "feature_names",
                    "unique column names",
                    repeated,
                ));
            }
        }
        match self {
            CategoricalFeatures::None => Ok(vec![false; n_features]),
            CategoricalFeatures::Indices(indices) => {
                let mut mask = vec![false; n_features];
                for &i in indices {
                    if i >= n_features || mask[i] {
                        return Err(Error::invalid_parameter(
                            name,
                            "categorical_features",
                            format!("distinct column indices below the number of features ({n_features})"),
                            indices,
                        ));
                    }
                    mask[i] = true;
                }
                Ok(mask)
            }
            CategoricalFeatures::Mask(mask) => {
                if mask.len() != n_features {
                    return Err(Error::invalid_parameter(
                        name,
                        "categorical_features",
                        format!("a mask with one flag per feature ({n_features})"),
                        mask,
                    ));
                }
                Ok(mask.clone())
            }
            CategoricalFeatures::Names(wanted) => {
                let Some(names) = feature_names else {
                    return Err(Error::invalid_parameter(
                        name,
                        "feature_names",
                        "set (feature_names(...)) to give categorical_features by name",
                        wanted,
                    ));
                };
                let mut mask = vec![false; n_features];
                for w in wanted {
                    match names.iter().position(|n| n == w) {
                        Some(i) if !mask[i] => mask[i] = true,
                        Some(_) => {
                            return Err(Error::invalid_parameter(
                                name,
                                "categorical_features",
                                "distinct feature names",
                                w,
                            ));
                        }
                        None => {
                            return Err(Error::invalid_parameter(
                                name,
                                "categorical_features",
                                format!("names among feature_names {names:?}"),
                                w,
                            ));
                        }
                    }
                }
                Ok(mask)
            }
        }
    }
}

/// What a progress callback receives after each boosting iteration (see
/// `fit_with_progress` on either estimator).
///
/// Scores are scikit-learn's `train_score_` / `validation_score_` entries:
/// the *negative* loss (higher is better).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::HistGradientBoostingRegressor;
/// use ndarray::{Array1, Array2};
/// let x = Array2::from_shape_fn((50, 1), |(i, _)| i as f64);
/// let y = Array1::from_shape_fn(50, |i| (i % 7) as f64);
/// let mut seen = Vec::new();
/// HistGradientBoostingRegressor::default().max_iter(3)
///     .fit_with_progress(x.view(), y.view(), None, |p| seen.push(p.iteration))?;
/// assert_eq!(seen, vec![1, 2, 3]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Progress {
    /// The iteration just finished, from 1.
    pub iteration: usize,
    /// `max_iter`: the most iterations the fit will run.
    pub max_iter: usize,
    /// Negative loss on the training rows after this iteration.
    pub train_score: f64,
    /// Negative loss on the validation rows, when early stopping holds some out.
    pub validation_score: Option<f64>,
}

/// The hyperparameters both estimators share, as the boosting loop needs them.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub name: &'static str,
    pub learning_rate: f64,
    pub max_iter: usize,
    pub max_leaf_nodes: Option<usize>,
    pub max_depth: Option<usize>,
    pub min_samples_leaf: usize,
    pub l2_regularization: f64,
    pub max_features: f64,
    pub max_bins: usize,
    pub categorical_features: CategoricalFeatures,
    pub feature_names: Option<Vec<String>>,
    pub early_stopping: EarlyStopping,
    pub validation_fraction: Option<f64>,
    pub n_iter_no_change: usize,
    pub tol: f64,
    pub verbose: usize,
    pub random_state: Option<u64>,
    pub n_jobs: Option<usize>,
}

/// Declares a gradient-boosting estimator: its public hyperparameter struct
/// (the shared fields, then `loss` and the `extra` ones it adds, with
/// scikit-learn's defaults), `Default`, and the setters with doctests.
macro_rules! hgb_estimator {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(#[$loss_meta:meta])*
            loss: $loss_ty:ty = $loss_default:expr, example $loss_example:expr;
            $(
                $(#[$extra_meta:meta])*
                $extra:ident: $extra_ty:ty = $extra_default:expr, example $extra_example:expr;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub struct $name {
            $(#[$loss_meta])*
            pub loss: $loss_ty,
            /// Shrinkage of every leaf value, default 0.1.
            #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
            pub learning_rate: f64,
            /// Maximum number of iterations, default 100.
            pub max_iter: usize,
            /// Maximum leaves per tree, default `Some(31)`.
            pub max_leaf_nodes: Option<usize>,
            /// Maximum depth of a tree, default `None`.
            pub max_depth: Option<usize>,
            /// Minimum samples per leaf, default 20.
            pub min_samples_leaf: usize,
            /// L2 penalty `λ` on leaf values, default 0.
            #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
            pub l2_regularization: f64,
            /// Fraction of the features searched at each split, default 1.0.
            #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
            pub max_features: f64,
            /// Bins of values per feature, default 255 (at most 255; missing values get one more).
            pub max_bins: usize,
            /// The categorical features, default none.
            pub categorical_features: CategoricalFeatures,
            /// The names of the input's columns, one per feature, default
            /// `None`: lets `categorical_features` name them
            /// ([`CategoricalFeatures::Names`]).
            #[cfg_attr(feature = "serde", serde(default))]
            pub feature_names: Option<Vec<String>>,
            /// Early stopping, default `Auto`.
            pub early_stopping: EarlyStopping,
            /// Fraction of rows held out for early stopping (stratified by
            /// class for the classifier), default `Some(0.1)`.
            #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::option"))]
            pub validation_fraction: Option<f64>,
            /// Iterations without improvement before stopping, default 10.
            pub n_iter_no_change: usize,
            /// Smallest improvement of the score that counts, default 1e-7.
            #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
            pub tol: f64,
            /// 0 (default): silent; 1: a line per iteration on standard error.
            pub verbose: usize,
            /// Seed for the validation split, feature subsampling and (above
            /// 200,000 rows) the rows the bins are cut from, default `None`.
            pub random_state: Option<u64>,
            $(
                $(#[$extra_meta])*
                pub $extra: $extra_ty,
            )*
            /// Threads, default `None` (every core).
            pub n_jobs: Option<usize>,
        }

        impl Default for $name {
            fn default() -> Self {
                $name {
                    loss: $loss_default,
                    learning_rate: 0.1,
                    max_iter: 100,
                    max_leaf_nodes: Some(31),
                    max_depth: None,
                    min_samples_leaf: 20,
                    l2_regularization: 0.0,
                    max_features: 1.0,
                    max_bins: 255,
                    categorical_features: CategoricalFeatures::None,
                    feature_names: None,
                    early_stopping: EarlyStopping::Auto,
                    validation_fraction: Some(0.1),
                    n_iter_no_change: 10,
                    tol: 1e-7,
                    verbose: 0,
                    random_state: None,
                    $($extra: $extra_default,)*
                    n_jobs: None,
                }
            }
        }

        setters!($name in "learnkit::ensemble" {
            loss: $loss_ty = $loss_example;
            learning_rate: f64 = 0.05;
            max_iter: usize = 200;
            max_leaf_nodes: Option<usize> = Some(15);
            max_depth: Option<usize> = Some(6);
            min_samples_leaf: usize = 5;
            l2_regularization: f64 = 1.0;
            max_features: f64 = 0.5;
            max_bins: usize = 63;
            categorical_features: CategoricalFeatures = learnkit::ensemble::CategoricalFeatures::Indices(vec![0]);
            early_stopping: EarlyStopping = learnkit::ensemble::EarlyStopping::On;
            validation_fraction: Option<f64> = Some(0.2);
            n_iter_no_change: usize = 5;
            tol: f64 = 1e-4;
            verbose: usize = 1;
            $($extra: $extra_ty = $extra_example;)*
            n_jobs: Option<usize> = Some(2);
        });

        random_state_setter!($name in "learnkit::ensemble");

        impl $name {
            /// Sets `feature_names`: the names of the input's columns, one
            /// per feature (a CSV file's `feature_names`, say), so that
            /// `categorical_features` can name them.
            ///
            /// # Errors
            /// `fit` returns [`Error::InvalidParameter`](crate::Error::InvalidParameter)
            /// when the count differs from the number of features.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::ensemble::{CategoricalFeatures, ", stringify!($name), "};")]
            #[doc = concat!("let model = ", stringify!($name), "::default()")]
            ///     .feature_names(["age", "sex"])
            ///     .categorical_features(CategoricalFeatures::from(["sex"]));
            /// assert_eq!(model.feature_names, Some(vec!["age".to_string(), "sex".to_string()]));
            /// ```
            pub fn feature_names<N: Into<String>>(mut self, names: impl IntoIterator<Item = N>) -> Self {
                self.feature_names = Some(names.into_iter().map(Into::into).collect());
                self
            }
        }
    };
}
pub(super) use hgb_estimator;

/// Builds the [`Settings`] of either estimator from its fields of the same
/// names, so the two estimators list them once.
macro_rules! settings_of {
    ($params:expr, $name:expr) => {{
        let p = $params;
        Settings {
            name: $name,
            learning_rate: p.learning_rate,
            max_iter: p.max_iter,
            max_leaf_nodes: p.max_leaf_nodes,
            max_depth: p.max_depth,
            min_samples_leaf: p.min_samples_leaf,
            l2_regularization: p.l2_regularization,
            max_features: p.max_features,
            max_bins: p.max_bins,
            categorical_features: p.categorical_features.clone(),
            feature_names: p.feature_names.clone(),
            early_stopping: p.early_stopping,
            validation_fraction: p.validation_fraction,
            n_iter_no_change: p.n_iter_no_change,
            tol: p.tol,
            verbose: p.verbose,
            random_state: p.random_state,
            n_jobs: p.n_jobs,
        }
    }};
}
pub(super) use settings_of;

impl Settings {
    /// Checks every value, as scikit-learn's parameter constraints.
    pub fn validate(&self) -> Result<()> {
        let name = self.name;
        check_param(name, "learning_rate", self.learning_rate, "a finite number > 0", |v| {
            v.is_finite() && v > 0.0
        })?;
        check_param(name, "max_iter", self.max_iter, ">= 1", |v| v >= 1)?;
        check_param(name, "max_leaf_nodes", self.max_leaf_nodes, "None or >= 2", |v| {
            v.is_none_or(|v| v >= 2)
        })?;
        check_param(name, "max_depth", self.max_depth, "None or >= 1", |v| {
            v.is_none_or(|v| v >= 1)
        })?;
        check_param(name, "min_samples_leaf", self.min_samples_leaf, ">= 1", |v| v >= 1)?;
        check_param(
            name,
            "l2_regularization",
            self.l2_regularization,
            "a finite number >= 0",
            |v| v.is_finite() && v >= 0.0,
        )?;
        check_param(name, "max_features", self.max_features, "in (0, 1]", |v| {
            v > 0.0 && v <= 1.0
        })?;
        check_param(name, "max_bins", self.max_bins, "in [2, 255]", |v| {
            (2..=255).contains(&v)
        })?;
        check_param(
            name,
            "validation_fraction",
            self.validation_fraction,
            "None or in (0, 1)",
            |v| v.is_none_or(|v| v > 0.0 && v < 1.0),
        )?;
        check_param(name, "n_iter_no_change", self.n_iter_no_change, ">= 1", |v| v >= 1)?;
        check_param(name, "tol", self.tol, "a finite number >= 0", |v| {
            v.is_finite() && v >= 0.0
        })?;
        check_param(name, "n_jobs", self.n_jobs, "None (all cores) or >= 1", |v| {
            v != Some(0)
        })?;
        Ok(())
    }
}
