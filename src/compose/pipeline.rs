//! [`Pipeline`]: transformers chained into a final estimator, fitted as one.

use crate::error::Result;
use crate::float::Float;
use crate::traits::{
    Classifier, DecisionFunction, Estimator, InverseTransformer, PredictProba, Predictor, Transformer,
};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

/// Two steps run in sequence: `first` transforms the data that `second` is
/// fitted on (and predicts or transforms from).
///
/// Built with [`Pipeline::new`]; longer pipelines add steps with
/// [`Pipeline::then`] and nest to the left: `Pipeline::new(a, b).then(c)` is
/// `Pipeline<Pipeline<A, B>, C>`, and the types check at compile time that
/// every step but the last transforms.
///
/// The fitted pipeline is a [`FittedPipeline`]; it predicts, scores and gives
/// probabilities when its last step does, and transforms when its last step
/// transforms. Targets are passed unchanged to every step's `fit`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
///
/// let iris = load_iris();
/// let model = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
///     .fit(iris.data.view(), iris.target.view())?;
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.95);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Pipeline<A, B> {
    /// The transforming step.
    pub first: A,
    /// The step fitted on `first`'s output.
    pub second: B,
}

impl<A, B> Pipeline<A, B> {
    /// Chains `first` and `second`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// let p = Pipeline::new(StandardScaler::default(), LogisticRegression::default());
    /// assert_eq!(p.second.c, 1.0);
    /// ```
    pub fn new(first: A, second: B) -> Self {
        Pipeline { first, second }
    }

    /// This pipeline followed by `next`: `Pipeline::new(a, b).then(c)` runs
    /// `a`, `b`, then `c`.
    ///
    /// An inherent method, not a trait's: it cannot clash with another
    /// trait's `then` in scope (such as `futures::FutureExt::then`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = Pipeline::new(SimpleImputer::default(), StandardScaler::default())
    ///     .then(LogisticRegression::default().c(0.5))
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.second.classes(), &[0, 1, 2]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn then<C>(self, next: C) -> Pipeline<Self, C> {
        Pipeline::new(self, next)
    }
}

/// A fitted [`Pipeline`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let x = array![[0.0, 1.0], [2.0, 3.0]];
/// let fitted = Pipeline::new(StandardScaler::default(), StandardScaler::default()).fit_unsupervised(x.view())?;
/// assert_eq!(fitted.first.n_features_in(), 2);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FittedPipeline<A, B> {
    /// The fitted transforming step.
    pub first: A,
    /// The fitted last step.
    pub second: B,
}

persist!(impl[A: crate::persistence::Persist, B: crate::persistence::Persist] FittedPipeline<A, B>
    => format!("Pipeline<{}, {}>", A::model_name(), B::model_name()));

impl<F, T, A, B> Estimator<F, T> for Pipeline<A, B>
where
    F: Float,
    A: Estimator<F, T>,
    A::Fitted: Transformer<F>,
    B: Estimator<F, T>,
{
    type Fitted = FittedPipeline<A::Fitted, B::Fitted>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        let (first, transformed) = self.first.fit_transform(x, y)?;
        let second = self.second.fit(transformed.view(), y)?;
        Ok(FittedPipeline { first, second })
    }
}

impl<F: Float, A: Transformer<F>, B: Predictor<F>> Predictor<F> for FittedPipeline<A, B> {
    type Output = B::Output;

    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<Self::Output>> {
        self.second.predict(self.first.transform(x)?.view())
    }

    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, Self::Output>) -> Result<f64> {
        self.second.score(self.first.transform(x)?.view(), y)
    }
}

impl<F: Float, A: Transformer<F>, B: Classifier<F>> Classifier<F> for FittedPipeline<A, B> {
    fn classes(&self) -> &[Self::Output] {
        self.second.classes()
    }
}

impl<F: Float, A: Transformer<F>, B: PredictProba<F>> PredictProba<F> for FittedPipeline<A, B> {
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.second.predict_proba(self.first.transform(x)?.view())
    }
}

impl<F: Float, A: Transformer<F>, B: DecisionFunction<F>> DecisionFunction<F> for FittedPipeline<A, B> {
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.second.decision_function(self.first.transform(x)?.view())
    }
}

impl<F: Float, A: Transformer<F>, B: Transformer<F>> Transformer<F> for FittedPipeline<A, B> {
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.second.transform(self.first.transform(x)?.view())
    }
}

impl<F: Float, A: InverseTransformer<F>, B: InverseTransformer<F>> InverseTransformer<F> for FittedPipeline<A, B> {
    fn inverse_transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.first.inverse_transform(self.second.inverse_transform(x)?.view())
    }
}
