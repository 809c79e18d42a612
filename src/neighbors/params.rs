//! The hyperparameters shared by [`KNeighborsClassifier`](super::KNeighborsClassifier)
//! and [`KNeighborsRegressor`](super::KNeighborsRegressor), written once.

/// Defines a k-neighbours estimator's hyperparameter struct (scikit-learn's
/// names and defaults), its setters and the fit of its search.
macro_rules! kneighbors_params {
    ($name:ident, $doc:expr) => {
        #[doc = $doc]
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub struct $name {
            /// Neighbours per prediction (≥ 1, at most the training rows), default 5.
            pub n_neighbors: usize,
            /// How neighbours weigh, default [`Weights::Uniform`](crate::neighbors::Weights::Uniform).
            pub weights: crate::neighbors::Weights,
            /// The search, default [`Algorithm::Auto`](crate::neighbors::Algorithm::Auto).
            pub algorithm: crate::neighbors::Algorithm,
            /// Largest number of rows in a tree leaf (≥ 1), default 30.
            pub leaf_size: usize,
            /// The distance, default `Minkowski(2.0)` (Euclidean).
            pub metric: crate::metrics::Metric,
            /// Threads for the searches (None: every core).
            pub n_jobs: Option<usize>,
        }

        impl Default for $name {
            fn default() -> Self {
                $name {
                    n_neighbors: 5,
                    weights: crate::neighbors::Weights::Uniform,
                    algorithm: crate::neighbors::Algorithm::Auto,
                    leaf_size: 30,
                    metric: crate::metrics::Metric::Minkowski(2.0),
                    n_jobs: None,
                }
            }
        }

        setters!($name in "learnkit::neighbors" {
            n_neighbors: usize = 3;
            weights: crate::neighbors::Weights = learnkit::neighbors::Weights::Distance;
            algorithm: crate::neighbors::Algorithm = learnkit::neighbors::Algorithm::Brute;
            leaf_size: usize = 10;
            metric: crate::metrics::Metric = learnkit::metrics::Metric::Manhattan;
            n_jobs: Option<usize> = Some(1);
        });

        impl $name {
            /// Checks the hyperparameters and indexes `x`.
            fn fit_base<F: crate::float::Float>(
                &self,
                x: ndarray::ArrayView2<'_, F>,
            ) -> crate::error::Result<super::base::NeighborsBase<F>> {
                crate::validation::check_param(stringify!($name), "n_neighbors", self.n_neighbors, ">= 1", |k| k >= 1)?;
                // scikit-learn fits and fails at the first prediction; a
                // model that can never predict is refused here instead.
                if self.n_neighbors > x.nrows() && x.nrows() > 0 {
                    return Err(crate::error::Error::invalid_input(
                        stringify!($name),
                        format!(
                            "Expected n_neighbors <= n_samples_fit, but n_neighbors = {}, n_samples_fit = {}",
                            self.n_neighbors,
                            x.nrows()
                        ),
                    ));
                }
                super::base::NeighborsBase::fit(
                    stringify!($name),
                    x,
                    self.algorithm,
                    self.leaf_size,
                    self.metric,
                    Some(self.n_neighbors),
                    self.n_jobs,
                )
            }

            /// That a loaded search matches these hyperparameters.
            #[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
            fn check_saved<F: crate::float::Float>(
                &self,
                base: &super::base::NeighborsBase<F>,
            ) -> std::result::Result<(), String> {
                crate::persistence::check::ensure(self.n_neighbors >= 1, || {
                    format!("{}: n_neighbors must be >= 1", stringify!($name))
                })?;
                base.check_matches(stringify!($name), self.algorithm, self.leaf_size, self.metric, self.n_jobs)
            }
        }
    };
}
