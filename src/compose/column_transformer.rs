//! [`ColumnTransformer`]: transformers applied to subsets of the columns,
//! their outputs concatenated, fitted as one.

use super::columns::Columns;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::with_n_jobs;
use crate::sparse::hstack::{hstack, stacked_density};
use crate::sparse::{Matrix, MatrixView};
use crate::traits::{Estimator, Transformer};
use crate::validation::check_not_empty;
use ndarray::{Array2, ArrayView1, ArrayView2, Axis, CowArray, Ix2, s};
use std::ops::Range;

const NAME: &str = "ColumnTransformer";

/// What happens to the columns that no step selects (scikit-learn's
/// `remainder`).
///
/// # Example
/// ```
/// use learnkit::compose::Remainder;
/// assert_eq!(Remainder::default(), Remainder::Drop);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Remainder {
    /// Leave them out of the output (scikit-learn's default).
    #[default]
    Drop,
    /// Append them, unchanged and in their original order, after the steps'
    /// outputs; their values are not checked (`NaN` passes through).
    Passthrough,
}

/// One step of a [`ColumnTransformer`]: a name, a transformer and its columns
/// (scikit-learn's `(name, transformer, columns)` tuple).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::compose::{ColumnTransformer, Columns};
/// let ct = ColumnTransformer::new().add("num", StandardScaler::default(), [0, 2]);
/// let step = &ct.steps.1;
/// assert_eq!((step.name.as_str(), &step.columns), ("num", &Columns::Indices(vec![0, 2])));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Step<E> {
    /// The step's name, unique within the transformer.
    pub name: String,
    /// The transformer (an estimator whose fitted type transforms).
    pub transformer: E,
    /// The columns of the input it takes.
    pub columns: Columns,
}

/// Applies transformers to subsets of the columns and concatenates their
/// outputs (scikit-learn's `ColumnTransformer`).
///
/// Built step by step with [`add`](ColumnTransformer::add): each step is a
/// name, any estimator whose fitted type is a [`Transformer`] (a
/// [`Pipeline`](super::Pipeline) of transformers included) and the
/// [`Columns`] it takes — by index, slice or name. The types nest to the
/// left, as a [`Pipeline`](super::Pipeline)'s: `ColumnTransformer::new().add(a).add(b)`
/// holds `((( ), Step<A>), Step<B>)`, so the fitted model keeps static
/// dispatch and serde. Column sets may overlap (a column can feed several
/// steps). The output is every step's output, in the order of the steps, then
/// the columns no step selected when [`remainder`](ColumnTransformer::remainder)
/// is [`Remainder::Passthrough`].
///
/// Fitting fits every step on its columns in parallel (rayon, each step on
/// its own data, so the result does not depend on the thread count), and
/// transforms the training data as scikit-learn's `fit` does, to learn each
/// step's output width ([`output_indices`](FittedColumnTransformer::output_indices)).
/// A step whose columns select nothing (a slice past the last column) is
/// skipped, as in scikit-learn: it is not fitted and outputs no column.
///
/// The transformer checks only the shape of its input; each step validates
/// its own columns, so `NaN` is accepted exactly where the steps accept it.
/// An error from a step names the step (its context reads
/// `ColumnTransformer step "name" (Estimator)`) and its column indices are
/// those of the input, not of the step's slice.
///
/// # Hyperparameters
/// - the steps, added with [`add`](ColumnTransformer::add) (scikit-learn's
///   `transformers`); names must be unique, non-empty, without `__` and not
///   `remainder`.
/// - `remainder` (default [`Remainder::Drop`]).
/// - `n_jobs` (default `None`, every core): threads for fitting and
///   transforming (the steps' own parallel work included).
/// - `feature_names` (default `None`): the names of the input's columns, as a
///   DataFrame would give them, for [`Columns::Names`].
///
/// # Fitted attributes
/// [`steps`](FittedColumnTransformer::steps) (each a [`FittedStep`]),
/// [`output_indices`](FittedColumnTransformer::output_indices),
/// [`remainder_columns`](FittedColumnTransformer::remainder_columns),
/// [`n_features_in`](FittedColumnTransformer::n_features_in),
/// [`n_features_out`](FittedColumnTransformer::n_features_out),
/// [`feature_names_in`](FittedColumnTransformer::feature_names_in).
///
/// # Errors
/// [`Error::InvalidParameter`] for bad names or `n_jobs`, an index out of
/// range, an unknown column name, or names without `feature_names`, each
/// naming the step and the column; [`Error::EmptyInput`];
/// [`Error::ShapeMismatch`] when `feature_names` does not have one name per
/// column; [`Error::FeatureCountMismatch`] when transforming a matrix of
/// another width; and the steps' own errors, as above.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::compose::{ColumnTransformer, Remainder};
/// use learnkit::datasets::load_iris;
///
/// let iris = load_iris();
/// // Scale the sepal measurements, keep the petal ones as they are.
/// let columns = ColumnTransformer::new()
///     .add("sepal", StandardScaler::default(), [0, 1])
///     .remainder(Remainder::Passthrough);
/// let model = Pipeline::new(columns, LogisticRegression::default())
///     .fit(iris.data.view(), iris.target.view())?;
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.95);
/// let ct = &model.first;
/// assert_eq!(ct.output_indices()[0], ("sepal".to_string(), 0..2));
/// assert_eq!(ct.output_indices()[1], ("remainder".to_string(), 2..4));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ColumnTransformer<S = ()> {
    /// The steps, nested to the left: `()`, then `((), Step<A>)`, then
    /// `(((), Step<A>), Step<B>)`, …
    pub steps: S,
    /// What happens to the columns that no step selects.
    pub remainder: Remainder,
    /// Threads for fit and transform; `None` uses every core.
    pub n_jobs: Option<usize>,
    /// The names of the input's columns, for [`Columns::Names`].
    pub feature_names: Option<Vec<String>>,
    /// The output is sparse when a step's output is sparse and the stacked
    /// density is below this (scikit-learn's `sparse_threshold`).
    #[cfg_attr(feature = "serde", serde(default = "default_sparse_threshold"))]
    pub sparse_threshold: f64,
}

/// scikit-learn's default `sparse_threshold`.
fn default_sparse_threshold() -> f64 {
    0.3
}

impl Default for ColumnTransformer<()> {
    fn default() -> Self {
        ColumnTransformer {
            steps: (),
            remainder: Remainder::Drop,
            n_jobs: None,
            feature_names: None,
            sparse_threshold: default_sparse_threshold(),
        }
    }
}

impl ColumnTransformer<()> {
    /// A transformer without steps, to which [`add`](ColumnTransformer::add)
    /// adds them.
    ///
    /// # Example
    /// ```
    /// use learnkit::compose::{ColumnTransformer, Remainder};
    /// assert_eq!(ColumnTransformer::new().remainder, Remainder::Drop);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }
}

impl<S> ColumnTransformer<S> {
    /// Adds a step: `transformer` fitted on and applied to `columns`
    /// (indices, a slice or names, see [`Columns`]); its output comes after
    /// the earlier steps'.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// let ct = ColumnTransformer::new()
    ///     .add("a", StandardScaler::default(), 0..2)
    ///     .add("b", StandardScaler::default().with_mean(false), [3]);
    /// assert_eq!(ct.steps.1.name, "b");
    /// assert_eq!(ct.steps.0.1.name, "a");
    /// ```
    pub fn add<E>(
        self,
        name: impl Into<String>,
        transformer: E,
        columns: impl Into<Columns>,
    ) -> ColumnTransformer<(S, Step<E>)> {
        ColumnTransformer {
            steps: (
                self.steps,
                Step {
                    name: name.into(),
                    transformer,
                    columns: columns.into(),
                },
            ),
            remainder: self.remainder,
            n_jobs: self.n_jobs,
            feature_names: self.feature_names,
            sparse_threshold: self.sparse_threshold,
        }
    }

    /// Sets `sparse_threshold` (scikit-learn's, default 0.3, in `[0, 1]`):
    /// when a step outputs a sparse matrix (a one-hot encoder with
    /// `sparse_output`) and the stacked output's density — stored values of
    /// the sparse blocks plus all values of the dense ones, over all values
    /// — is below it, [`transform_matrix`](Transformer::transform_matrix)
    /// returns a sparse matrix; `0.0` always stacks densely. Decided in fit.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// use ndarray::array;
    /// let x = array![[0.0, 1.5], [1.0, 2.5], [2.0, 3.5], [3.0, 4.5]];
    /// let ct = ColumnTransformer::new()
    ///     .add("cat", OneHotEncoder::default(), [0])
    ///     .sparse_threshold(0.5);
    /// let no_targets = ndarray::ArrayView1::<()>::from(&[]);
    /// let (fitted, out) = ct.fit_transform_matrix(x.view().into(), no_targets)?;
    /// assert!(out.is_sparse()); // 4 stored values in 16
    /// assert_eq!(fitted.transform(x.view())?.row(1), array![0.0, 1.0, 0.0, 0.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn sparse_threshold(mut self, sparse_threshold: f64) -> Self {
        self.sparse_threshold = sparse_threshold;
        self
    }

    /// Sets `remainder`.
    ///
    /// # Example
    /// ```
    /// use learnkit::compose::{ColumnTransformer, Remainder};
    /// let ct = ColumnTransformer::new().remainder(Remainder::Passthrough);
    /// assert_eq!(ct.remainder, Remainder::Passthrough);
    /// ```
    pub fn remainder(mut self, remainder: Remainder) -> Self {
        self.remainder = remainder;
        self
    }

    /// Sets `n_jobs`.
    ///
    /// # Example
    /// ```
    /// let ct = learnkit::compose::ColumnTransformer::new().n_jobs(Some(2));
    /// assert_eq!(ct.n_jobs, Some(2));
    /// ```
    pub fn n_jobs(mut self, n_jobs: Option<usize>) -> Self {
        self.n_jobs = n_jobs;
        self
    }

    /// Sets `feature_names`: the names of the input's columns, one per
    /// column, so that steps can select [`Columns::Names`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// use ndarray::array;
    /// let ct = ColumnTransformer::new()
    ///     .feature_names(["age", "income"])
    ///     .add("scaled", StandardScaler::default(), ["income"]);
    /// let fitted = ct.fit_unsupervised(array![[30.0, 1.0], [40.0, 3.0]].view())?;
    /// assert_eq!(fitted.steps().1.columns(), [1]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn feature_names<N: Into<String>>(mut self, names: impl IntoIterator<Item = N>) -> Self {
        self.feature_names = Some(names.into_iter().map(Into::into).collect());
        self
    }
}

/// Keeps the step-list traits closed and their methods internal: `Internal`
/// is public but cannot be named or built outside this module, so only the
/// crate can call `fit_steps` / `transform_steps` (which trust their
/// arguments, checked by the `ColumnTransformer`).
mod sealed {
    pub struct Internal(pub(super) ());
    pub trait Sealed {}
    impl Sealed for () {}
    impl<S: Sealed, E> Sealed for (S, super::Step<E>) {}
    impl<S: Sealed, T> Sealed for (S, super::FittedStep<T>) {}

    /// The saved names of fitted steps' transformers, in step order (for
    /// the [`Persist`](crate::persistence::Persist) name of a fitted
    /// column transformer).
    #[cfg(feature = "serde")]
    pub trait StepModelNames {
        fn model_names() -> Vec<String>;
    }

    #[cfg(feature = "serde")]
    impl StepModelNames for () {
        fn model_names() -> Vec<String> {
            Vec::new()
        }
    }

    #[cfg(feature = "serde")]
    impl<S: StepModelNames, T: crate::persistence::Persist> StepModelNames for (S, super::FittedStep<T>) {
        fn model_names() -> Vec<String> {
            let mut names = S::model_names();
            names.push(T::model_name());
            names
        }
    }
}

/// The steps of a [`ColumnTransformer`]: implemented for `()` and for
/// `(earlier steps, Step<E>)` when `E` fits to a [`Transformer`]. Sealed; it
/// only carries the types, use [`ColumnTransformer::add`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::compose::{ColumnTransformer, StepList};
/// let ct = ColumnTransformer::new().add("a", StandardScaler::default(), [0]);
/// assert_eq!(StepList::<f64, ()>::step_names(&ct.steps), ["a"]);
/// ```
pub trait StepList<F: Float, T>: sealed::Sealed + Sync {
    /// The fitted steps.
    type Fitted: FittedStepList<F> + Send;

    /// The name and columns of every step, in order.
    fn specs(&self) -> Vec<(&str, &Columns)>;

    /// The names of the steps, in order.
    fn step_names(&self) -> Vec<&str> {
        self.specs().into_iter().map(|(name, _)| name).collect()
    }

    /// Fits every step on its resolved `columns` of `x` (one list per step),
    /// in parallel, returning the fitted steps and their training outputs.
    #[doc(hidden)]
    fn fit_steps(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, T>,
        columns: &[Vec<usize>],
        _: sealed::Internal,
    ) -> Result<(Self::Fitted, Vec<Matrix<F>>)>;
}

/// The fitted steps of a [`FittedColumnTransformer`]: `()` or
/// `(earlier steps, FittedStep<T>)`. Sealed; it only carries the types.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::compose::{ColumnTransformer, FittedStepList};
/// fn transforms<S: FittedStepList<f64>>(_: &S) -> bool { true }
/// let ct = ColumnTransformer::new().add("a", StandardScaler::default(), [0]);
/// let fitted = ct.fit_unsupervised(ndarray::array![[1.0, 2.0], [3.0, 4.0]].view())?;
/// assert!(transforms(fitted.steps()));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait FittedStepList<F: Float>: sealed::Sealed + Sync {
    /// Every step's output for `x` (the full input), in step order, computed in parallel.
    #[doc(hidden)]
    fn transform_steps(&self, x: ArrayView2<'_, F>, _: sealed::Internal) -> Result<Vec<Matrix<F>>>;
}

impl<F: Float, T: Sync> StepList<F, T> for () {
    type Fitted = ();

    fn specs(&self) -> Vec<(&str, &Columns)> {
        Vec::new()
    }

    fn fit_steps(
        &self,
        _x: ArrayView2<'_, F>,
        _y: ArrayView1<'_, T>,
        _columns: &[Vec<usize>],
        _: sealed::Internal,
    ) -> Result<((), Vec<Matrix<F>>)> {
        Ok(((), Vec::new()))
    }
}

impl<F: Float> FittedStepList<F> for () {
    fn transform_steps(&self, _x: ArrayView2<'_, F>, _: sealed::Internal) -> Result<Vec<Matrix<F>>> {
        Ok(Vec::new())
    }
}

impl<F, T, S, E> StepList<F, T> for (S, Step<E>)
where
    F: Float,
    T: Sync,
    S: StepList<F, T>,
    E: Estimator<F, T> + Sync,
    E::Fitted: Transformer<F> + Send + Sync,
{
    type Fitted = (S::Fitted, FittedStep<E::Fitted>);

    fn specs(&self) -> Vec<(&str, &Columns)> {
        let mut specs = self.0.specs();
        specs.push((&self.1.name, &self.1.columns));
        specs
    }

    fn fit_steps(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, T>,
        columns: &[Vec<usize>],
        _: sealed::Internal,
    ) -> Result<(Self::Fitted, Vec<Matrix<F>>)> {
        let (own, earlier) = columns.split_last().expect("one column list per step");
        let (earlier, own) = rayon::join(
            || self.0.fit_steps(x, y, earlier, sealed::Internal(())),
            || self.1.fit(x, y, own),
        );
        // Both halves ran to the end, so the error reported is the first
        // step's in order, whatever the scheduling.
        let (fitted_earlier, mut outputs) = earlier?;
        let (fitted, output) = own?;
        outputs.push(output);
        Ok(((fitted_earlier, fitted), outputs))
    }
}

impl<F, S, T> FittedStepList<F> for (S, FittedStep<T>)
where
    F: Float,
    S: FittedStepList<F>,
    T: Transformer<F> + Sync,
{
    fn transform_steps(&self, x: ArrayView2<'_, F>, _: sealed::Internal) -> Result<Vec<Matrix<F>>> {
        let (earlier, own) = rayon::join(
            || self.0.transform_steps(x, sealed::Internal(())),
            || self.1.transform(x),
        );
        let mut outputs = earlier?;
        outputs.push(own?);
        Ok(outputs)
    }
}

impl<E> Step<E> {
    fn fit<F, T>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, T>,
        columns: &[usize],
    ) -> Result<(FittedStep<E::Fitted>, Matrix<F>)>
    where
        F: Float,
        E: Estimator<F, T>,
        E::Fitted: Transformer<F>,
    {
        if columns.is_empty() {
            let skipped = FittedStep {
                name: self.name.clone(),
                columns: Vec::new(),
                transformer: None,
                n_features_out: 0,
            };
            return Ok((skipped, Matrix::Dense(Array2::zeros((x.nrows(), 0)))));
        }
        // The `_matrix` method, so that a step with sparse output (a one-hot
        // encoder) hands its sparse matrix over for stacking.
        let (fitted, output) = self
            .transformer
            .fit_transform_matrix(select(x, columns).view().into(), y)
            .map_err(|e| step_error(e, &self.name, columns))?;
        let step = FittedStep {
            name: self.name.clone(),
            columns: columns.to_vec(),
            transformer: Some(fitted),
            n_features_out: output.shape().1,
        };
        step.check_output(x.nrows(), &output)?;
        Ok((step, output))
    }
}

/// The columns `columns` of `x`: a view when they are consecutive and
/// ascending (no copy), otherwise a copy in the given order.
fn select<'a, F: Float>(x: ArrayView2<'a, F>, columns: &[usize]) -> CowArray<'a, F, Ix2> {
    let first = columns[0];
    if columns.iter().enumerate().all(|(k, &j)| j == first + k) {
        CowArray::from(x.slice_move(s![.., first..first + columns.len()]))
    } else {
        CowArray::from(x.select(Axis(1), columns))
    }
}

/// A fitted step of a [`FittedColumnTransformer`]: its name, the input
/// columns it takes and its fitted transformer.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::compose::ColumnTransformer;
/// let ct = ColumnTransformer::new().add("scaled", StandardScaler::default(), [1]);
/// let fitted = ct.fit_unsupervised(ndarray::array![[1.0, 2.0], [3.0, 6.0]].view())?;
/// let step = &fitted.steps().1;
/// assert_eq!(step.name(), "scaled");
/// assert_eq!(step.transformer().unwrap().mean().unwrap()[0], 4.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
pub struct FittedStep<T> {
    name: String,
    columns: Vec<usize>,
    /// `None` when the step selected no column: skipped, as in scikit-learn.
    transformer: Option<T>,
    n_features_out: usize,
}

checked_serde!(impl[T] FittedStep<T>; ser[T: serde::Serialize] de[T: serde::de::DeserializeOwned]);

impl<T> crate::persistence::Check for FittedStep<T> {
    /// A step has a transformer exactly when it selected columns; a skipped
    /// step outputs nothing. (Columns are checked against the input's width
    /// when transforming.)
    fn check(&self) -> std::result::Result<(), String> {
        crate::persistence::check::ensure(
            self.transformer.is_some() != self.columns.is_empty()
                && (self.transformer.is_some() || self.n_features_out == 0),
            || {
                format!(
                    "ColumnTransformer step {:?}: its columns and transformer disagree",
                    self.name
                )
            },
        )
    }
}

impl<T> FittedStep<T> {
    /// The step's name.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// let ct = ColumnTransformer::new().add("s", StandardScaler::default(), [0]);
    /// assert_eq!(ct.fit_unsupervised(ndarray::array![[1.0]].view())?.steps().1.name(), "s");
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The input columns the step takes, resolved to indices.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// let ct = ColumnTransformer::new().add("s", StandardScaler::default(), 1..);
    /// let fitted = ct.fit_unsupervised(ndarray::array![[1.0, 2.0, 3.0]].view())?;
    /// assert_eq!(fitted.steps().1.columns(), [1, 2]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn columns(&self) -> &[usize] {
        &self.columns
    }

    /// The fitted transformer, or `None` when the step selected no column
    /// and was skipped (it then outputs no column), as in scikit-learn.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// let ct = ColumnTransformer::new().add("s", StandardScaler::default(), 5..);
    /// let fitted = ct.fit_unsupervised(ndarray::array![[1.0, 2.0]].view())?;
    /// assert!(fitted.steps().1.transformer().is_none());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn transformer(&self) -> Option<&T> {
        self.transformer.as_ref()
    }

    /// The number of columns the step outputs.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// let ct = ColumnTransformer::new().add("s", StandardScaler::default(), [0, 0, 1]);
    /// let fitted = ct.fit_unsupervised(ndarray::array![[1.0, 2.0], [2.0, 1.0]].view())?;
    /// assert_eq!(fitted.steps().1.n_features_out(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_out(&self) -> usize {
        self.n_features_out
    }

    /// A step's output must have one row per input row and, after `fit`,
    /// the width it had in `fit`: otherwise the output indices would lie.
    fn check_output<F: Float>(&self, n_rows: usize, output: &Matrix<F>) -> Result<()> {
        let (rows, cols) = output.shape();
        if rows != n_rows || cols != self.n_features_out {
            return Err(Error::invalid_input(
                NAME,
                format!(
                    "step {:?} output a {} x {} matrix for {n_rows} rows; expected {} columns, as in fit",
                    self.name, rows, cols, self.n_features_out
                ),
            ));
        }
        Ok(())
    }

    fn transform<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Matrix<F>>
    where
        T: Transformer<F>,
    {
        let Some(transformer) = &self.transformer else {
            return Ok(Matrix::Dense(Array2::zeros((x.nrows(), 0))));
        };
        check_columns_in(&self.name, &self.columns, x.ncols())?;
        let output = transformer
            .transform_matrix(select(x, &self.columns).view().into())
            .map_err(|e| step_error(e, &self.name, &self.columns))?;
        self.check_output(x.nrows(), &output)?;
        Ok(output)
    }
}

/// Checks that a fitted model's column indices fit the input: always true
/// for a model fitted here, but a deserialised one may have been edited.
fn check_columns_in(step: &str, columns: &[usize], n_features: usize) -> Result<()> {
    match columns.iter().find(|&&j| j >= n_features) {
        Some(j) => Err(Error::invalid_input(
            NAME,
            format!("step {step:?} takes column {j}, but X has {n_features} columns"),
        )),
        None => Ok(()),
    }
}

/// Rewrites a step's error so that it names the step and the input's
/// columns: the context becomes `ColumnTransformer step "name" (Estimator)`
/// and a column index into the step's slice becomes the input's index.
fn step_error(mut error: Error, step: &str, columns: &[usize]) -> Error {
    if let Some(context) = error.context_mut() {
        *context = format!("{NAME} step {step:?} ({context})").into();
    }
    if let Error::NonFinite { column, .. } | Error::UnknownCategory { column, .. } = &mut error {
        *column = columns.get(*column).copied().unwrap_or(*column);
    }
    error
}

/// A fitted transformer and its steps' outputs on the training data.
type FitOutput<S, F> = (FittedColumnTransformer<S>, Vec<Matrix<F>>);

impl<S> ColumnTransformer<S> {
    fn validate(&self, names: &[&str]) -> Result<()> {
        crate::validation::check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        crate::validation::check_param(NAME, "sparse_threshold", self.sparse_threshold, "in [0, 1]", |t| {
            (0.0..=1.0).contains(&t)
        })?;
        for (k, name) in names.iter().enumerate() {
            if name.is_empty() || name.contains("__") || *name == "remainder" {
                return Err(Error::invalid_parameter(
                    NAME,
                    "transformers",
                    "step names that are non-empty, without \"__\" and not \"remainder\"",
                    name,
                ));
            }
            if names[..k].contains(name) {
                return Err(Error::invalid_parameter(
                    NAME,
                    "transformers",
                    "unique step names",
                    name,
                ));
            }
        }
        if let Some(feature_names) = &self.feature_names {
            for (k, name) in feature_names.iter().enumerate() {
                if feature_names[..k].contains(name) {
                    return Err(Error::invalid_parameter(
                        NAME,
                        "feature_names",
                        "unique column names",
                        name,
                    ));
                }
            }
        }
        Ok(())
    }

    /// Fits every step; returns the fitted transformer and the steps'
    /// outputs on the training data (scikit-learn's `fit` computes them too).
    fn fit_impl<F, T>(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<FitOutput<S::Fitted, F>>
    where
        F: Float,
        T: Sync,
        S: StepList<F, T>,
    {
        let specs = self.steps.specs();
        let names: Vec<&str> = specs.iter().map(|(name, _)| *name).collect();
        self.validate(&names)?;
        check_not_empty(NAME, x)?;
        let n_features = x.ncols();
        if let Some(feature_names) = &self.feature_names {
            crate::validation::check_same_length(
                NAME,
                "feature_names vs columns of X",
                feature_names.len(),
                n_features,
            )?;
        }
        let columns = specs
            .iter()
            .map(|(name, columns)| columns.resolve(name, n_features, self.feature_names.as_deref()))
            .collect::<Result<Vec<_>>>()?;
        let (steps, outputs) = with_n_jobs(self.n_jobs, || {
            self.steps.fit_steps(x, y, &columns, sealed::Internal(()))
        })??;

        let mut selected = vec![false; n_features];
        columns.iter().flatten().for_each(|&j| selected[j] = true);
        let remainder_columns: Vec<usize> = match self.remainder {
            Remainder::Drop => Vec::new(),
            Remainder::Passthrough => (0..n_features).filter(|&j| !selected[j]).collect(),
        };
        // As scikit-learn: a skipped step (no column selected) and an empty
        // remainder get the empty range 0..0.
        let mut output_indices = Vec::with_capacity(names.len() + 1);
        let mut start = 0;
        for ((name, output), selected) in names.iter().zip(&outputs).zip(&columns) {
            let width = output.shape().1;
            let range = if selected.is_empty() {
                0..0
            } else {
                start..start + width
            };
            output_indices.push((name.to_string(), range));
            start += width;
        }
        let remainder = if remainder_columns.is_empty() {
            0..0
        } else {
            start..start + remainder_columns.len()
        };
        output_indices.push(("remainder".to_owned(), remainder));
        let n_features_out = start + remainder_columns.len();
        // scikit-learn's `sparse_output_`: decided once, on the training
        // outputs (the remainder counted as a dense block), and kept for
        // every later transform.
        let sparse_output = outputs.iter().any(Matrix::is_sparse) && {
            let blocks: Vec<MatrixView<'_, F>> = outputs.iter().map(Matrix::view).collect();
            stacked_density(&blocks, x.nrows() * remainder_columns.len()) < self.sparse_threshold
        };
        let fitted = FittedColumnTransformer {
            sparse_output,
            steps,
            remainder_columns,
            n_features_in: n_features,
            feature_names_in: self.feature_names.clone(),
            output_indices,
            n_features_out,
            n_jobs: self.n_jobs,
        };
        Ok((fitted, outputs))
    }
}

impl<F, T, S> Estimator<F, T> for ColumnTransformer<S>
where
    F: Float,
    T: Sync,
    S: StepList<F, T>,
{
    type Fitted = FittedColumnTransformer<S::Fitted>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        Ok(self.fit_impl(x, y)?.0)
    }

    /// Fits and returns the transformed training data without transforming
    /// it twice; always dense (see [`Estimator::fit_transform_matrix`] for
    /// the sparse stacking).
    fn fit_transform(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<(Self::Fitted, Array2<F>)> {
        let (fitted, outputs) = self.fit_impl(x, y)?;
        let transformed = fitted.concatenate(x, outputs, false)?.into_dense()?;
        Ok((fitted, transformed))
    }

    /// As [`Estimator::fit_transform`] (one pass, not fit then transform),
    /// but the steps' outputs are stacked into a sparse matrix when the
    /// fitted model's sparse output was chosen (see
    /// [`ColumnTransformer::sparse_threshold`]). A sparse `x` is densified
    /// first (the steps select columns of a dense matrix).
    fn fit_transform_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, T>) -> Result<(Self::Fitted, Matrix<F>)> {
        x.with_dense(|x| {
            let (fitted, outputs) = self.fit_impl(x, y)?;
            let sparse = fitted.sparse_output;
            let transformed = fitted.concatenate(x, outputs, sparse)?;
            Ok((fitted, transformed))
        })
    }
}

/// A fitted [`ColumnTransformer`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::compose::{ColumnTransformer, Remainder};
/// use ndarray::array;
/// let ct = ColumnTransformer::new()
///     .add("scaled", StandardScaler::default(), [2])
///     .remainder(Remainder::Passthrough);
/// let x = array![[1.0, 10.0, 0.0], [2.0, 20.0, 4.0]];
/// let fitted = ct.fit_unsupervised(x.view())?;
/// assert_eq!(fitted.transform(x.view())?, array![[-1.0, 1.0, 10.0], [1.0, 2.0, 20.0]]);
/// assert_eq!(fitted.remainder_columns(), [0, 1]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FittedColumnTransformer<S> {
    steps: S,
    remainder_columns: Vec<usize>,
    n_features_in: usize,
    feature_names_in: Option<Vec<String>>,
    output_indices: Vec<(String, Range<usize>)>,
    n_features_out: usize,
    n_jobs: Option<usize>,
    /// scikit-learn's `sparse_output_` (absent in models saved before it
    /// existed, which stacked densely).
    #[cfg_attr(feature = "serde", serde(default))]
    sparse_output: bool,
}

// Each step's columns are checked against the input when transforming
// (`check_columns_in`), so a loaded model needs no check of its own.
persist!(impl[S: sealed::StepModelNames] FittedColumnTransformer<S>
    => format!("ColumnTransformer<{}>", S::model_names().join(", ")));

impl<S> FittedColumnTransformer<S> {
    /// The fitted steps, nested to the left as they were added: with steps
    /// `a`, `b`, `c`, `steps().1` is `c`, `steps().0.1` is `b` and
    /// `steps().0.0.1` is `a` (each a [`FittedStep`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// let ct = ColumnTransformer::new()
    ///     .add("a", StandardScaler::default(), [0])
    ///     .add("b", StandardScaler::default(), [1]);
    /// let fitted = ct.fit_unsupervised(ndarray::array![[1.0, 2.0], [3.0, 5.0]].view())?;
    /// assert_eq!(fitted.steps().0.1.name(), "a");
    /// assert_eq!(fitted.steps().1.transformer().unwrap().mean().unwrap()[0], 3.5);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn steps(&self) -> &S {
        &self.steps
    }

    /// Which output columns each step produced (scikit-learn's
    /// `output_indices_`): one `(name, range)` per step in order, then
    /// `("remainder", range)`. As in scikit-learn, a skipped step (no column
    /// selected) and a dropped or empty remainder have the range `0..0`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// let ct = ColumnTransformer::new().add("a", StandardScaler::default(), [1, 0]);
    /// let fitted = ct.fit_unsupervised(ndarray::array![[1.0, 2.0, 3.0]].view())?;
    /// assert_eq!(fitted.output_indices(), [("a".to_string(), 0..2), ("remainder".to_string(), 0..0)]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn output_indices(&self) -> &[(String, Range<usize>)] {
        &self.output_indices
    }

    /// The input columns appended unchanged after the steps' outputs (the
    /// columns no step selected, with [`Remainder::Passthrough`]; empty with
    /// [`Remainder::Drop`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::{ColumnTransformer, Remainder};
    /// let ct = ColumnTransformer::new().add("a", StandardScaler::default(), [1]).remainder(Remainder::Passthrough);
    /// let fitted = ct.fit_unsupervised(ndarray::array![[1.0, 2.0, 3.0]].view())?;
    /// assert_eq!(fitted.remainder_columns(), [0, 2]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn remainder_columns(&self) -> &[usize] {
        &self.remainder_columns
    }

    /// Number of columns seen in `fit`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// let ct = ColumnTransformer::new().add("a", StandardScaler::default(), [0]);
    /// assert_eq!(ct.fit_unsupervised(ndarray::array![[1.0, 2.0]].view())?.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features_in
    }

    /// Number of columns `transform` outputs.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// let ct = ColumnTransformer::new().add("a", StandardScaler::default(), [0, 0]);
    /// assert_eq!(ct.fit_unsupervised(ndarray::array![[1.0, 2.0]].view())?.n_features_out(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_out(&self) -> usize {
        self.n_features_out
    }

    /// The column names given with
    /// [`ColumnTransformer::feature_names`] (scikit-learn's
    /// `feature_names_in_`), if any.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// let ct = ColumnTransformer::new().feature_names(["x"]).add("a", StandardScaler::default(), ["x"]);
    /// let fitted = ct.fit_unsupervised(ndarray::array![[1.0]].view())?;
    /// assert_eq!(fitted.feature_names_in().unwrap(), ["x"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn feature_names_in(&self) -> Option<&[String]> {
        self.feature_names_in.as_deref()
    }

    /// Whether [`transform_matrix`](Transformer::transform_matrix) stacks
    /// the output as a sparse matrix (scikit-learn's `sparse_output_`),
    /// chosen in fit from [`ColumnTransformer::sparse_threshold`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::ColumnTransformer;
    /// use ndarray::array;
    /// let x = array![[0.0, 1.0], [1.0, 2.0], [2.0, 3.0], [3.0, 4.0], [4.0, 5.0]];
    /// let ct = ColumnTransformer::new().add("cat", OneHotEncoder::default(), [0]);
    /// assert!(ct.fit_unsupervised(x.view())?.sparse_output()); // density 0.2 < 0.3
    /// let scaled = ColumnTransformer::new().add("num", StandardScaler::default(), [1]);
    /// assert!(!scaled.fit_unsupervised(x.view())?.sparse_output());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn sparse_output(&self) -> bool {
        self.sparse_output
    }

    /// The steps' outputs, then the remainder, side by side: a sparse matrix
    /// when `sparse` (dense blocks' zeros not stored), else a dense one.
    fn concatenate<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        mut outputs: Vec<Matrix<F>>,
        sparse: bool,
    ) -> Result<Matrix<F>> {
        if !self.remainder_columns.is_empty() {
            // In range: fit computed them from this width, and `transform`
            // checks the width and `check_columns_in` a deserialised model.
            outputs.push(Matrix::Dense(x.select(Axis(1), &self.remainder_columns)));
        }
        if sparse {
            let views: Vec<MatrixView<'_, F>> = outputs.iter().map(Matrix::view).collect();
            return Ok(Matrix::Sparse(hstack(NAME, &views)?));
        }
        if outputs.len() <= 1 {
            return match outputs.pop() {
                Some(output) => Ok(Matrix::Dense(output.into_dense()?)),
                None => Ok(Matrix::Dense(Array2::zeros((x.nrows(), 0)))),
            };
        }
        let dense = outputs
            .into_iter()
            .map(Matrix::into_dense)
            .collect::<Result<Vec<_>>>()?;
        let views: Vec<ArrayView2<'_, F>> = dense.iter().map(|o| o.view()).collect();
        let stacked = ndarray::concatenate(Axis(1), &views).expect("every output has one row per input row");
        Ok(Matrix::Dense(stacked))
    }

    /// Every step's output for `x` (checked: the width seen in fit, no empty
    /// input, the remainder's columns in range).
    fn transform_outputs<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<Vec<Matrix<F>>>
    where
        S: FittedStepList<F>,
    {
        check_width(self.n_features_in, x.ncols())?;
        check_not_empty(NAME, x)?;
        check_columns_in("remainder", &self.remainder_columns, x.ncols())?;
        with_n_jobs(self.n_jobs, || self.steps.transform_steps(x, sealed::Internal(())))?
    }
}

fn check_width(expected: usize, got: usize) -> Result<()> {
    if got != expected {
        return Err(Error::FeatureCountMismatch {
            context: NAME.into(),
            expected,
            got,
        });
    }
    Ok(())
}

impl<F: Float, S: FittedStepList<F>> Transformer<F> for FittedColumnTransformer<S> {
    /// The stacked output, always dense.
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        let outputs = self.transform_outputs(x)?;
        self.concatenate(x, outputs, false)?.into_dense()
    }

    /// The stacked output, sparse when
    /// [`sparse_output`](FittedColumnTransformer::sparse_output). A sparse
    /// `x` of the right width is densified first (the steps select columns
    /// of a dense matrix).
    fn transform_matrix(&self, x: MatrixView<'_, F>) -> Result<Matrix<F>> {
        check_width(self.n_features_in, x.ncols())?;
        x.with_dense(|x| {
            let outputs = self.transform_outputs(x)?;
            self.concatenate(x, outputs, self.sparse_output)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::traits::UnsupervisedEstimator;
    use ndarray::array;

    /// A test transformer that misbehaves on demand: it rejects values above
    /// a limit as an unknown category (reporting the column of its own
    /// input), and outputs one more column at transform than at fit when
    /// `grow` is set.
    #[derive(Clone, Debug)]
    struct Picky {
        limit: f64,
        grow: bool,
    }

    #[derive(Clone, Debug)]
    struct FittedPicky(Picky);

    impl<F: Float, T> Estimator<F, T> for Picky {
        type Fitted = FittedPicky;
        fn fit(&self, _x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<FittedPicky> {
            Ok(FittedPicky(self.clone()))
        }
        fn fit_transform(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<(FittedPicky, Array2<F>)> {
            let fitted = self.fit(x, y)?;
            Ok((fitted, x.to_owned()))
        }
        // Fit's output without calling transform (which may refuse it).
        fn fit_transform_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, T>) -> Result<(FittedPicky, Matrix<F>)> {
            let (fitted, out) = x.with_dense(|x| self.fit_transform(x, y))?;
            Ok((fitted, Matrix::Dense(out)))
        }
    }

    impl<F: Float> Transformer<F> for FittedPicky {
        fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
            for ((row, column), v) in x.indexed_iter() {
                if v.as_f64() > self.0.limit {
                    return Err(Error::UnknownCategory {
                        context: "Picky".into(),
                        row,
                        column,
                        category: v.as_f64().to_string(),
                    });
                }
            }
            let width = x.ncols() + usize::from(self.0.grow);
            Ok(Array2::zeros((x.nrows(), width)))
        }
    }

    #[test]
    fn unknown_categories_are_reported_at_the_input_column() {
        let x = array![[0.0, 1.0, 2.0], [0.0, 1.0, 9.0]];
        let fitted = ColumnTransformer::new()
            .add(
                "picky",
                Picky {
                    limit: 5.0,
                    grow: false,
                },
                [1, 2],
            )
            .fit_unsupervised(x.view())
            .unwrap();
        match fitted.transform(x.view()) {
            Err(Error::UnknownCategory {
                context,
                row,
                column,
                category,
            }) => {
                assert_eq!(
                    (context.as_ref(), row, column),
                    ("ColumnTransformer step \"picky\" (Picky)", 1, 2)
                );
                assert_eq!(category, "9");
            }
            other => panic!("expected UnknownCategory, got {other:?}"),
        }
    }

    #[test]
    fn a_step_whose_width_changes_after_fit_is_an_error() {
        let x = array![[0.0, 1.0], [2.0, 3.0]];
        let fitted = ColumnTransformer::new()
            .add(
                "grows",
                Picky {
                    limit: 10.0,
                    grow: true,
                },
                [0],
            )
            .fit_unsupervised(x.view())
            .unwrap();
        let err = fitted.transform(x.view()).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { context: std::borrow::Cow::Borrowed("ColumnTransformer"), message }
                if message.contains("\"grows\"") && message.contains("expected 1 columns")),
            "{err:?}"
        );
    }

    #[test]
    fn a_step_error_names_the_step_without_leaking() {
        let err = step_error(
            Error::invalid_parameter("StandardScaler", "with_mean", "true", 1),
            "s",
            &[4],
        );
        assert!(
            matches!(&err, Error::InvalidParameter { estimator, parameter: "with_mean", .. }
            if estimator == "ColumnTransformer step \"s\" (StandardScaler)")
        );

        assert!(matches!(
            &err,
            Error::InvalidParameter {
                estimator: std::borrow::Cow::Owned(_),
                ..
            }
        ));
        let source = include_str!("column_transformer.rs");
        assert!(!source.contains(&["Box::", "leak("].concat()));
    }

    #[test]
    fn contiguous_columns_are_viewed_not_copied() {
        let x = array![[0.0, 1.0, 2.0, 3.0]];
        assert!(select(x.view(), &[1, 2, 3]).is_view());
        assert!(!select(x.view(), &[2, 1]).is_view());
        assert_eq!(select(x.view(), &[2, 1]), array![[2.0, 1.0]]);
        assert_eq!(select(x.view(), &[1, 1]), array![[1.0, 1.0]]);
    }
}
