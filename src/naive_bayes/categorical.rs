//! [`CategoricalNB`]: naive Bayes for integer-coded categorical features.

use super::base::{Model, naive_bayes_model};
use super::discrete::{Smoothing, log_normalize_rows};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::sparse::MatrixView;
use ndarray::{Array1, Array2, ArrayView2, Axis};

/// The fewest categories of each feature, `min_categories` of
/// [`CategoricalNB`]: one count for every feature or one per feature.
///
/// # Example
/// ```
/// use learnkit::naive_bayes::{CategoricalNB, MinCategories};
/// let model = CategoricalNB::default().min_categories(Some(MinCategories::PerFeature(vec![3, 5])));
/// assert_eq!(model.min_categories, Some(MinCategories::PerFeature(vec![3, 5])));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MinCategories {
    /// The same minimum for every feature.
    All(usize),
    /// One minimum per feature.
    PerFeature(Vec<usize>),
}

/// Naive Bayes for categorical features, as scikit-learn's `CategoricalNB`:
/// each feature holds category codes `0, 1, …, k − 1` (non-negative
/// integers in the float matrix, as an [`OrdinalEncoder`](crate::preprocessing::OrdinalEncoder)
/// gives them) with its own categorical distribution per class.
///
/// Values are truncated to integers as scikit-learn's `dtype="int"`
/// conversion does (1.7 is category 1); negative codes are an error.
/// Fitting counts each category per class (`category_count`, weighted), and
/// smooths the counts: `feature_log_prob[j][c, k] = log((N_cjk + α) /
/// (N_cj + α n_j))` over the `n_j` categories of feature `j` (the largest
/// code seen plus one, at least `min_categories`). The joint log-likelihood
/// of a row is `Σ_j feature_log_prob[j][c, x_j] + class_log_prior[c]`; a
/// category beyond those seen in fitting is
/// [`Error::UnknownCategory`](crate::Error::UnknownCategory) (scikit-learn
/// fails with an index error). Sparse input is densified, as scikit-learn
/// accepts dense input only.
///
/// # Hyperparameters
/// - `alpha` (default 1.0), ≥ 0: additive smoothing.
/// - `force_alpha` (default true): keep `alpha` as given; when false, an
///   `alpha` below 1e-10 is raised to 1e-10 with a warning.
/// - `fit_prior` (default true), `class_prior` (default `None`): the class prior.
/// - `min_categories` (default `None`): the fewest categories per feature
///   (see [`MinCategories`]), for categories absent from the training data.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
/// hyperparameter; [`Error::InvalidInput`](crate::Error::InvalidInput) for
/// negative values or codes of 2³² or more; the usual data errors.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::naive_bayes::CategoricalNB;
/// use ndarray::array;
///
/// // Colour (0 red, 1 green, 2 blue) and size (0 small, 1 large).
/// let x = array![[0.0, 1.0], [0.0, 1.0], [2.0, 0.0], [1.0, 0.0], [2.0, 0.0]];
/// let y = array!["apple", "apple", "berry", "berry", "berry"];
/// let model = CategoricalNB::default().fit(x.view(), y.view())?;
/// assert_eq!(model.predict(array![[0.0, 1.0], [2.0, 0.0]].view())?, array!["apple", "berry"]);
/// assert_eq!(model.category_count()[0], array![[2.0, 0.0, 0.0], [0.0, 1.0, 2.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CategoricalNB {
    /// Additive smoothing, default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub alpha: f64,
    /// Keep a tiny `alpha` as given, default true.
    pub force_alpha: bool,
    /// Learn the class prior, default true.
    pub fit_prior: bool,
    /// Fixed class prior probabilities, default `None`.
    pub class_prior: Option<Vec<f64>>,
    /// The fewest categories per feature, default `None`.
    pub min_categories: Option<MinCategories>,
}

impl Default for CategoricalNB {
    fn default() -> Self {
        CategoricalNB {
            alpha: 1.0,
            force_alpha: true,
            fit_prior: true,
            class_prior: None,
            min_categories: None,
        }
    }
}

setters!(CategoricalNB in "learnkit::naive_bayes" {
    alpha: f64 = 0.5;
    force_alpha: bool = false;
    fit_prior: bool = false;
    class_prior: Option<Vec<f64>> = Some(vec![0.3, 0.7]);
    min_categories: Option<MinCategories> = Some(learnkit::naive_bayes::MinCategories::All(4));
});

/// The counts and log-probabilities of one feature's categories.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct CategoryCounts {
    /// `category_count_[j]`: `n_classes × n_categories`.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    count: Array2<f64>,
    /// `feature_log_prob_[j]`, the same shape.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    log_prob: Array2<f64>,
}

/// The fitted statistics of [`CategoricalNB`].
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct CategoricalState {
    features: Vec<CategoryCounts>,
    /// `n_categories_`: of the last batch (its largest code plus one, at
    /// least `min_categories`), as scikit-learn keeps it.
    n_categories: Vec<usize>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    class_log_prior: Array1<f64>,
}

/// Codes of 2³² and more are refused: no real category count is that large,
/// and the count tables grow with the largest code.
const MAX_CODE: f64 = 4_294_967_296.0;

impl CategoricalNB {
    const NAME: &'static str = "CategoricalNB";

    fn smoothing(&self) -> Smoothing<'_> {
        Smoothing {
            name: Self::NAME,
            alpha: self.alpha,
            force_alpha: self.force_alpha,
            fit_prior: self.fit_prior,
            class_prior: self.class_prior.as_deref(),
        }
    }

    /// The integer codes of `x` (truncated, as scikit-learn's cast to int).
    fn codes<F: Float>(x: ArrayView2<'_, F>) -> Result<Array2<usize>> {
        let mut codes = Array2::zeros(x.dim());
        for ((i, j), &v) in x.indexed_iter() {
            let code = v.as_f64().trunc();
            if code < 0.0 {
                return Err(Error::invalid_input(
                    Self::NAME,
                    format!("Negative values in data passed to CategoricalNB (input X): {v:?} at row {i}, column {j}"),
                ));
            }
            if code >= MAX_CODE {
                return Err(Error::invalid_input(
                    Self::NAME,
                    format!("category code {v:?} at row {i}, column {j} is not below 2^32"),
                ));
            }
            codes[[i, j]] = code as usize;
        }
        Ok(codes)
    }
}

impl Model for CategoricalNB {
    const NAME: &'static str = CategoricalNB::NAME;
    type State = CategoricalState;

    fn validate(&self) -> Result<()> {
        self.smoothing().validate()?;
        if let Some(MinCategories::All(0)) = self.min_categories {
            return Err(Error::invalid_parameter(Self::NAME, "min_categories", "at least 1", 0));
        }
        Ok(())
    }

    fn new_state(&self, n_classes: usize, n_features: usize) -> Result<CategoricalState> {
        if let Some(MinCategories::PerFeature(m)) = &self.min_categories {
            if m.len() != n_features {
                return Err(Error::invalid_parameter(
                    Self::NAME,
                    "min_categories",
                    format!("one minimum per feature ({n_features})"),
                    m,
                ));
            }
        }
        self.smoothing().new_state(n_classes, 0)?;
        let empty = CategoryCounts {
            count: Array2::zeros((n_classes, 0)),
            log_prob: Array2::zeros((n_classes, 0)),
        };
        Ok(CategoricalState {
            features: vec![empty; n_features],
            n_categories: vec![0; n_features],
            class_log_prior: Array1::zeros(n_classes),
        })
    }

    fn update<F: Float>(
        &self,
        state: &mut CategoricalState,
        class_count: &mut Array1<f64>,
        x: MatrixView<'_, F>,
        codes: &[usize],
        weights: &[f64],
        _first: bool,
    ) -> Result<()> {
        let categories = x.with_dense(Self::codes)?;
        let n_classes = class_count.len();
        for (&c, &w) in codes.iter().zip(weights) {
            class_count[c] += w;
        }
        for (j, column) in categories.axis_iter(Axis(1)).enumerate() {
            let mut n = column.iter().copied().max().map_or(0, |m| m + 1);
            match &self.min_categories {
                Some(MinCategories::All(m)) => n = n.max(*m),
                Some(MinCategories::PerFeature(m)) => n = n.max(m[j]),
                None => {}
            }
            state.n_categories[j] = n;
            let feature = &mut state.features[j];
            if n > feature.count.ncols() {
                let mut grown = crate::alloc::try_zeros(
                    Self::NAME,
                    || format!("the category counts of feature {j} ({n_classes} × {n})"),
                    (n_classes, n),
                )?;
                grown
                    .slice_mut(ndarray::s![.., ..feature.count.ncols()])
                    .assign(&feature.count);
                feature.count = grown;
            }
            // Per class, the batch's (weighted) counts first, then added, as
            // scikit-learn's `bincount` then `+=`.
            let mut batch = Array2::<f64>::zeros(feature.count.dim());
            for ((&k, &c), &w) in column.iter().zip(codes).zip(weights) {
                if w != 0.0 {
                    batch[[c, k]] += w;
                }
            }
            feature.count += &batch;
        }
        let smoothing = self.smoothing();
        let alpha = smoothing.alpha();
        for feature in &mut state.features {
            feature.log_prob = log_normalize_rows(&(&feature.count + alpha));
        }
        state.class_log_prior = smoothing.class_log_prior(class_count);
        Ok(())
    }

    fn joint_log_likelihood<F: Float>(&self, state: &CategoricalState, x: MatrixView<'_, F>) -> Result<Array2<f64>> {
        let categories = x.with_dense(Self::codes)?;
        for (j, (column, feature)) in categories.axis_iter(Axis(1)).zip(&state.features).enumerate() {
            if let Some(i) = column.iter().position(|&k| k >= feature.count.ncols()) {
                return Err(Error::UnknownCategory {
                    context: Self::NAME.into(),
                    row: i,
                    column: j,
                    category: format!("{} (not seen in fit)", column[i]),
                });
            }
        }
        let n_classes = state.class_log_prior.len();
        let mut out = crate::alloc::try_zeros::<f64>(
            Self::NAME,
            || format!("the joint log-likelihood ({} × {n_classes})", x.nrows()),
            (x.nrows(), n_classes),
        )?;
        for (column, feature) in categories.axis_iter(Axis(1)).zip(&state.features) {
            for (mut o, &k) in out.outer_iter_mut().zip(column) {
                o += &feature.log_prob.column(k);
            }
        }
        out += &state.class_log_prior;
        Ok(out)
    }

    fn check_state(
        &self,
        state: &CategoricalState,
        n_classes: usize,
        n_features: usize,
    ) -> std::result::Result<(), String> {
        use crate::persistence::check::{ensure, same_len};
        same_len("CategoricalNB: features", n_features, state.features.len())?;
        same_len("CategoricalNB: n_categories", n_features, state.n_categories.len())?;
        same_len("CategoricalNB: class_log_prior", n_classes, state.class_log_prior.len())?;
        for (j, feature) in state.features.iter().enumerate() {
            ensure(
                feature.count.nrows() == n_classes && feature.log_prob.dim() == feature.count.dim(),
                || format!("CategoricalNB: the tables of feature {j} do not have one row per class"),
            )?;
            ensure(feature.count.iter().all(|c| c.is_finite() && *c >= 0.0), || {
                format!("CategoricalNB: category counts of feature {j} must be finite and non-negative")
            })?;
            ensure(!feature.log_prob.iter().any(|v| v.is_nan()), || {
                format!("CategoricalNB: NaN in the log-probabilities of feature {j}")
            })?;
        }
        ensure(!state.class_log_prior.iter().any(|v| v.is_nan()), || {
            "CategoricalNB: NaN in class_log_prior".into()
        })
    }
}

naive_bayes_model!(
    CategoricalNB,
    FittedCategoricalNB,
    CategoricalState,
    "ndarray::array![[2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0], [0.0, 2.0, 2.0]]"
);

impl<F: Float, L: Label> FittedCategoricalNB<F, L> {
    /// The (weighted) count of each category per class, one
    /// `n_classes × n_categories` table per feature (`category_count_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::naive_bayes::CategoricalNB;
    /// use ndarray::array;
    /// let model = CategoricalNB::default().fit(array![[0.0], [1.0], [1.0]].view(), array![0, 1, 1].view())?;
    /// assert_eq!(model.category_count()[0], array![[1.0, 0.0], [0.0, 2.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn category_count(&self) -> Vec<ndarray::ArrayView2<'_, f64>> {
        self.state.features.iter().map(|f| f.count.view()).collect()
    }

    /// The smoothed log-probability of each category per class, one table
    /// per feature (`feature_log_prob_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::naive_bayes::CategoricalNB;
    /// use ndarray::array;
    /// let model = CategoricalNB::default().fit(array![[0.0], [1.0], [1.0]].view(), array![0, 1, 1].view())?;
    /// assert!((model.feature_log_prob()[0][[1, 1]] - 0.75f64.ln()).abs() < 1e-15);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn feature_log_prob(&self) -> Vec<ndarray::ArrayView2<'_, f64>> {
        self.state.features.iter().map(|f| f.log_prob.view()).collect()
    }

    /// The log prior of each class (`class_log_prior_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::naive_bayes::CategoricalNB;
    /// use ndarray::array;
    /// let model = CategoricalNB::default().fit_prior(false).fit(array![[0.0], [1.0], [1.0]].view(), array![0, 1, 1].view())?;
    /// assert_eq!(model.class_log_prior(), array![0.5f64.ln(), 0.5f64.ln()]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn class_log_prior(&self) -> ndarray::ArrayView1<'_, f64> {
        self.state.class_log_prior.view()
    }

    /// The number of categories of each feature in the last batch: its
    /// largest code plus one, at least `min_categories` (`n_categories_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::naive_bayes::{CategoricalNB, MinCategories};
    /// use ndarray::array;
    /// let model = CategoricalNB::default()
    ///     .min_categories(Some(MinCategories::All(3)))
    ///     .fit(array![[0.0, 4.0], [1.0, 0.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.n_categories(), &[3, 5]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_categories(&self) -> &[usize] {
        &self.state.n_categories
    }
}
