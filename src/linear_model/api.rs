//! The trait impls and accessors every linear model of this module shares,
//! written once as macros: an estimator with a `fit_checked(x, y,
//! Option<sample_weight>)` method and a fitted type holding `params` (with
//! `n_jobs` and `fit_intercept`) and `linear: Linear<F>` get `Estimator`,
//! `SampleWeighted`, `Predictor` and `coef` / `intercept` /
//! `n_features_in`, and for classifiers (a `classes: Vec<L>` field)
//! `Classifier` and `DecisionFunction` too.

/// `Estimator` and `SampleWeighted` for a regressor, the single-target
/// accessors and the `Predictor` (R² score) of its fitted type.
///
/// `linear_regressor!(Ridge => FittedRidge, NAME);`
macro_rules! linear_regressor {
    ($est:ident => $fitted:ident, $name:expr $(, sparse: $fit_matrix:ident)?) => {
        impl<F: $crate::float::Float> $crate::traits::Estimator<F, F> for $est {
            type Fitted = $fitted<F>;

            fn fit(&self, x: ndarray::ArrayView2<'_, F>, y: ndarray::ArrayView1<'_, F>) -> $crate::Result<$fitted<F>> {
                self.fit_checked(x, y, None)
            }

            $(
                /// Fits on a dense or a sparse `x` (a sparse one is never densified).
                fn fit_matrix(
                    &self,
                    x: $crate::sparse::MatrixView<'_, F>,
                    y: ndarray::ArrayView1<'_, F>,
                ) -> $crate::Result<$fitted<F>> {
                    self.$fit_matrix(x, y, None)
                }
            )?
        }

        impl<F: $crate::float::Float> $crate::traits::SampleWeighted<F, F> for $est {
            fn fit_weighted(
                &self,
                x: ndarray::ArrayView2<'_, F>,
                y: ndarray::ArrayView1<'_, F>,
                sample_weight: ndarray::ArrayView1<'_, F>,
            ) -> $crate::Result<$fitted<F>> {
                self.fit_checked(x, y, Some(sample_weight))
            }

            $(
                /// As `fit_matrix`, with sample weights.
                fn fit_weighted_matrix(
                    &self,
                    x: $crate::sparse::MatrixView<'_, F>,
                    y: ndarray::ArrayView1<'_, F>,
                    sample_weight: ndarray::ArrayView1<'_, F>,
                ) -> $crate::Result<$fitted<F>> {
                    self.$fit_matrix(x, y, Some(sample_weight))
                }
            )?
        }

        $crate::linear_model::api::linear_fitted_regressor!($est => $fitted, $name);
    };
}

/// The single-target accessors and the `Predictor` (R² score) of a fitted
/// regressor, for an estimator whose `Estimator` impl is written by hand
/// (a generic one: `RidgeCV<C>`); `$est::default()` names it in doctests.
///
/// `linear_fitted_regressor!(RidgeCV => FittedRidgeCV, NAME);`
macro_rules! linear_fitted_regressor {
    ($est:ident => $fitted:ident, $name:expr) => {
        impl<F: $crate::float::Float> $fitted<F> {
            /// The coefficients, one per feature (`coef_`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use ndarray::array;
            #[doc = concat!("let model = learnkit::linear_model::", stringify!($est), "::default()")]
            ///     .fit(array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]].view(), array![1.0, 1.0, 1.0].view())?;
            /// assert_eq!(model.coef().len(), 2);
            /// assert!(model.coef().iter().all(|c: &f64| c.abs() < 1e-12)); // a constant target
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn coef(&self) -> ndarray::ArrayView1<'_, F> {
                self.linear.coef.row(0)
            }

            /// The intercept (`intercept_`); zero when `fit_intercept` is false.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use ndarray::array;
            #[doc = concat!("let model = learnkit::linear_model::", stringify!($est), "::default()")]
            ///     .fit(array![[0.0], [1.0], [2.0]].view(), array![2.0, 2.0, 2.0].view())?;
            /// assert!(f64::abs(model.intercept() - 2.0) < 1e-12);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn intercept(&self) -> F {
                self.linear.intercept[0]
            }

            /// Number of features seen in `fit` (`n_features_in_`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use ndarray::array;
            #[doc = concat!("let model = learnkit::linear_model::", stringify!($est), "::default()")]
            ///     .fit(array![[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]].view(), array![1.0, 3.0, 2.0].view())?;
            /// assert_eq!(model.n_features_in(), 2);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn n_features_in(&self) -> usize {
                self.linear.coef.ncols()
            }
        }

        $crate::linear_model::api::linear_predictor!($fitted, $name);
    };
}

/// The `Predictor` of a single-target fitted linear regressor (a `linear:
/// Linear<F>` field and `params.n_jobs`): `x·coef + intercept`, scored by R².
///
/// `linear_predictor!(FittedElasticNet, NAME);`
macro_rules! linear_predictor {
    ($fitted:ident, $name:expr) => {
        impl<F: $crate::float::Float> $crate::traits::Predictor<F> for $fitted<F> {
            type Output = F;

            /// `x·coef + intercept` for each row.
            fn predict(&self, x: ndarray::ArrayView2<'_, F>) -> $crate::Result<ndarray::Array1<F>> {
                $crate::traits::Predictor::predict_matrix(self, x.into())
            }

            /// R² of the predictions.
            fn score(&self, x: ndarray::ArrayView2<'_, F>, y: ndarray::ArrayView1<'_, F>) -> $crate::Result<f64> {
                $crate::traits::Predictor::score_matrix(self, x.into(), y)
            }

            /// As `predict`, on a dense or sparse `x` (a sparse one is never
            /// densified).
            fn predict_matrix(&self, x: $crate::sparse::MatrixView<'_, F>) -> $crate::Result<ndarray::Array1<F>> {
                Ok(self
                    .linear
                    .scores_matrix($name, self.params.n_jobs, x)?
                    .column(0)
                    .to_owned())
            }

            /// As `score`, on a dense or sparse `x`.
            fn score_matrix(
                &self,
                x: $crate::sparse::MatrixView<'_, F>,
                y: ndarray::ArrayView1<'_, F>,
            ) -> $crate::Result<f64> {
                $crate::validation::check_same_length($name, "number of targets vs rows of X", x.nrows(), y.len())?;
                $crate::metrics::r2_score(y, $crate::traits::Predictor::predict_matrix(self, x)?.view())
            }
        }
    };
}

/// `Estimator` and `SampleWeighted` for a classifier, the accessors and the
/// `Predictor` (accuracy score), `Classifier` and `DecisionFunction` of its
/// fitted type (the class of largest decision score; one score column for
/// two classes, for `classes()[1]`).
///
/// `linear_classifier!(RidgeClassifier => FittedRidgeClassifier, NAME);`
macro_rules! linear_classifier {
    ($est:ident => $fitted:ident, $name:expr $(, sparse: $fit_matrix:ident)?) => {
        linear_classifier!(@fit $est => $fitted $(, sparse: $fit_matrix)?);
        linear_classifier!(@fitted $est => $fitted, $name);
    };
    // `Estimator` and `SampleWeighted` alone.
    (@fit $est:ident => $fitted:ident $(, sparse: $fit_matrix:ident)?) => {
        impl<F: $crate::float::Float, L: $crate::float::Label> $crate::traits::Estimator<F, L> for $est {
            type Fitted = $fitted<F, L>;

            fn fit(&self, x: ndarray::ArrayView2<'_, F>, y: ndarray::ArrayView1<'_, L>) -> $crate::Result<$fitted<F, L>> {
                self.fit_checked(x, y, None)
            }

            $(
                /// Fits on a dense or a sparse `x` (a sparse one is never densified).
                fn fit_matrix(
                    &self,
                    x: $crate::sparse::MatrixView<'_, F>,
                    y: ndarray::ArrayView1<'_, L>,
                ) -> $crate::Result<$fitted<F, L>> {
                    self.$fit_matrix(x, y, None)
                }
            )?
        }

        impl<F: $crate::float::Float, L: $crate::float::Label> $crate::traits::SampleWeighted<F, L> for $est {
            fn fit_weighted(
                &self,
                x: ndarray::ArrayView2<'_, F>,
                y: ndarray::ArrayView1<'_, L>,
                sample_weight: ndarray::ArrayView1<'_, F>,
            ) -> $crate::Result<$fitted<F, L>> {
                self.fit_checked(x, y, Some(sample_weight))
            }

            $(
                /// As `fit_matrix`, with sample weights.
                fn fit_weighted_matrix(
                    &self,
                    x: $crate::sparse::MatrixView<'_, F>,
                    y: ndarray::ArrayView1<'_, L>,
                    sample_weight: ndarray::ArrayView1<'_, F>,
                ) -> $crate::Result<$fitted<F, L>> {
                    self.$fit_matrix(x, y, Some(sample_weight))
                }
            )?
        }
    };
    // The fitted type's accessors, `Predictor`, `Classifier` and `DecisionFunction`.
    (@fitted $est:ident => $fitted:ident, $name:expr) => {
        impl<F: $crate::float::Float, L: $crate::float::Label> $fitted<F, L> {
            /// The coefficients (`coef_`): shape `(1, n_features)` for two
            /// classes (for `classes()[1]`), `(n_classes, n_features)` otherwise.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use learnkit::datasets::load_iris;
            /// let iris = load_iris();
            #[doc = concat!("let model = learnkit::linear_model::", stringify!($est), "::default()")]
            ///     .fit(iris.data.view(), iris.target.view())?;
            /// assert_eq!(model.coef().dim(), (3, 4));
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn coef(&self) -> ndarray::ArrayView2<'_, F> {
                self.linear.coef.view()
            }

            /// The intercepts (`intercept_`), one per coefficient row; zero
            /// when `fit_intercept` is false.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use ndarray::array;
            #[doc = concat!("let model = learnkit::linear_model::", stringify!($est), "::default().fit_intercept(false)")]
            ///     .fit(array![[-1.0], [1.0]].view(), array![0, 1].view())?;
            /// assert_eq!(model.intercept(), array![0.0]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn intercept(&self) -> ndarray::ArrayView1<'_, F> {
                self.linear.intercept.view()
            }

            /// Number of features seen in `fit` (`n_features_in_`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use ndarray::array;
            #[doc = concat!("let model = learnkit::linear_model::", stringify!($est), "::default()")]
            ///     .fit(array![[0.0, 1.0], [1.0, 0.0]].view(), array![0, 1].view())?;
            /// assert_eq!(model.n_features_in(), 2);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn n_features_in(&self) -> usize {
                self.linear.coef.ncols()
            }
        }

        impl<F: $crate::float::Float, L: $crate::float::Label> $crate::traits::Predictor<F> for $fitted<F, L> {
            type Output = L;

            /// The class of largest decision score.
            fn predict(&self, x: ndarray::ArrayView2<'_, F>) -> $crate::Result<ndarray::Array1<L>> {
                $crate::traits::Predictor::predict_matrix(self, x.into())
            }

            /// Accuracy.
            fn score(&self, x: ndarray::ArrayView2<'_, F>, y: ndarray::ArrayView1<'_, L>) -> $crate::Result<f64> {
                $crate::traits::Predictor::score_matrix(self, x.into(), y)
            }

            /// As `predict`, on a dense or sparse `x` (a sparse one is never
            /// densified).
            fn predict_matrix(&self, x: $crate::sparse::MatrixView<'_, F>) -> $crate::Result<ndarray::Array1<L>> {
                let scores = self.linear.scores_matrix($name, self.params.n_jobs, x)?;
                Ok($crate::classify::classes_from_scores(scores.view(), &self.classes))
            }

            /// As `score`, on a dense or sparse `x`.
            fn score_matrix(
                &self,
                x: $crate::sparse::MatrixView<'_, F>,
                y: ndarray::ArrayView1<'_, L>,
            ) -> $crate::Result<f64> {
                $crate::classify::accuracy_matrix($name, x, y, |x| $crate::traits::Predictor::predict_matrix(self, x))
            }
        }

        impl<F: $crate::float::Float, L: $crate::float::Label> $crate::traits::Classifier<F> for $fitted<F, L> {
            fn classes(&self) -> &[L] {
                &self.classes
            }
        }

        impl<F: $crate::float::Float, L: $crate::float::Label> $crate::traits::DecisionFunction<F> for $fitted<F, L> {
            /// `x·coefᵀ + intercept`: one column for two classes, one per class otherwise.
            fn decision_function(&self, x: ndarray::ArrayView2<'_, F>) -> $crate::Result<ndarray::Array2<F>> {
                self.linear.scores($name, self.params.n_jobs, x)
            }

            /// As `decision_function`, on a dense or sparse `x`.
            fn decision_function_matrix(
                &self,
                x: $crate::sparse::MatrixView<'_, F>,
            ) -> $crate::Result<ndarray::Array2<F>> {
                self.linear.scores_matrix($name, self.params.n_jobs, x)
            }
        }
    };
}

pub(crate) use {linear_classifier, linear_fitted_regressor, linear_predictor, linear_regressor};
