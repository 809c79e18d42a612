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
            /// Checks the hyperparameters and indexes `x` (dense or sparse).
            fn fit_base<F: crate::float::Float>(
                &self,
                x: crate::sparse::MatrixView<'_, F>,
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

/// The searches and accessors every fitted k-neighbours estimator has,
/// written once: `kneighbors`, `kneighbors_graph` and those of
/// `fitted_neighbors_info!`.
/// `$fit` is doctest code fitting `m` on `x = [[0], [1], [3]]` with
/// `n_neighbors` 1.
macro_rules! fitted_neighbors_api {
    (impl[$($gen:tt)*] $ty:ty, $name:expr, $import:expr, $fit:expr) => {
        impl<$($gen)*> $ty {
            /// The `n_neighbors` (default: the fitted `n_neighbors`) nearest
            /// training rows of each row of `x`: `(distances, indices)`, each
            /// row sorted by distance (ties by index). With `x = None`, the
            /// neighbours of each training row, itself excluded, as
            /// scikit-learn (when duplicates push a row out of its own
            /// `n_neighbors + 1` nearest, the nearest is dropped instead).
            ///
            /// # Errors
            /// `n_neighbors` 0 or above the number of training rows (minus
            /// one for `x = None`), `x` with another number of features,
            /// empty or non-finite.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = $import]
            /// let x = ndarray::array![[0.0f64], [1.0], [3.0]];
            #[doc = $fit]
            /// let (d, i) = m.kneighbors(Some(ndarray::array![[2.9]].view()), Some(2))?;
            /// assert_eq!(i, ndarray::array![[2, 1]]);
            /// assert!((d[[0, 1]] - 1.9).abs() < 1e-12);
            /// assert_eq!(m.kneighbors(None, None)?.1, ndarray::array![[1], [0], [1]]);
            /// assert!(m.kneighbors(None, Some(3)).is_err()); // only 2 others
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn kneighbors(
                &self,
                x: Option<ndarray::ArrayView2<'_, F>>,
                n_neighbors: Option<usize>,
            ) -> crate::error::Result<(ndarray::Array2<F>, ndarray::Array2<usize>)> {
                self.base.kneighbors($name, x.map(Into::into), n_neighbors.unwrap_or(self.params.n_neighbors))
            }

            /// [`kneighbors`](Self::kneighbors) with a dense or sparse query.
            /// A sparse query against a model fitted on sparse rows stays
            /// sparse; against dense rows or a tree it is densified.
            ///
            /// # Errors
            /// As [`kneighbors`](Self::kneighbors).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use learnkit::sparse::{CsrMatrix, MatrixView};
            #[doc = $import]
            /// let x = ndarray::array![[0.0f64], [1.0], [3.0]];
            #[doc = $fit]
            /// let query = CsrMatrix::from_dense(ndarray::array![[2.9]].view());
            /// let (_, i) = m.kneighbors_matrix(Some(MatrixView::from(&query)), Some(2))?;
            /// assert_eq!(i, ndarray::array![[2, 1]]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn kneighbors_matrix(
                &self,
                x: Option<crate::sparse::MatrixView<'_, F>>,
                n_neighbors: Option<usize>,
            ) -> crate::error::Result<(ndarray::Array2<F>, ndarray::Array2<usize>)> {
                self.base.kneighbors($name, x, n_neighbors.unwrap_or(self.params.n_neighbors))
            }

            /// [`kneighbors`](Self::kneighbors) as a sparse graph
            /// (scikit-learn's `kneighbors_graph`): one row per query row, one
            /// column per training row, holding 1 or the distance for each
            /// neighbour.
            ///
            /// # Errors
            /// As [`kneighbors`](Self::kneighbors).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use learnkit::neighbors::GraphMode;
            #[doc = $import]
            /// let x = ndarray::array![[0.0f64], [1.0], [3.0]];
            #[doc = $fit]
            /// let g = m.kneighbors_graph(None, None, GraphMode::Distance)?;
            /// assert_eq!(g.to_dense()?, ndarray::array![[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 2.0, 0.0]]);
            /// let g = m.kneighbors_graph(Some(ndarray::array![[0.1]].view()), Some(2), GraphMode::Connectivity)?;
            /// assert_eq!(g.to_dense()?, ndarray::array![[1.0, 1.0, 0.0]]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn kneighbors_graph(
                &self,
                x: Option<ndarray::ArrayView2<'_, F>>,
                n_neighbors: Option<usize>,
                mode: crate::neighbors::GraphMode,
            ) -> crate::error::Result<crate::sparse::CsrMatrix<F>> {
                let (d, i) = self.kneighbors(x, n_neighbors)?;
                let rows = d.rows().into_iter().zip(i.rows()).map(|(d, i)| {
                    (
                        i.to_slice().expect("rows of a new array"),
                        d.to_slice().expect("rows of a new array"),
                    )
                });
                crate::neighbors::graph::graph_from_rows(rows, self.base.n_samples(), mode)
            }
        }

        fitted_neighbors_info!(impl[$($gen)*] $ty, $import, $fit,
            "assert_eq!(m.fit_method(), learnkit::neighbors::Algorithm::Brute); // auto: n_neighbors >= n_samples / 2");
    };
}

/// The accessors every fitted neighbour estimator has: `n_features_in`,
/// `n_samples_fit`, `fit_method`. `$fit` is doctest code fitting `m` on
/// `x = [[0], [1], [3]]`; `$method` a doctest line checking its
/// `fit_method()`.
macro_rules! fitted_neighbors_info {
    (impl[$($gen:tt)*] $ty:ty, $import:expr, $fit:expr, $method:expr) => {
        impl<$($gen)*> $ty {
            /// The number of features seen in `fit`.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = $import]
            /// let x = ndarray::array![[0.0f64], [1.0], [3.0]];
            #[doc = $fit]
            /// assert_eq!((m.n_features_in(), m.n_samples_fit()), (1, 3));
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn n_features_in(&self) -> usize {
                self.base.n_features()
            }

            /// The number of training rows (scikit-learn's `n_samples_fit_`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = $import]
            /// let x = ndarray::array![[0.0f64], [1.0], [3.0]];
            #[doc = $fit]
            /// assert_eq!(m.n_samples_fit(), 3);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn n_samples_fit(&self) -> usize {
                self.base.n_samples()
            }

            /// The search used: the algorithm, with `Auto` resolved
            /// (scikit-learn's `_fit_method`).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = $import]
            /// let x = ndarray::array![[0.0f64], [1.0], [3.0]];
            #[doc = $fit]
            #[doc = $method]
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn fit_method(&self) -> crate::neighbors::Algorithm {
                self.base.index.fit_method()
            }
        }
    };
}

/// The radius searches of every fitted estimator with a `radius`:
/// `radius_neighbors` (the fitted radius by default) and
/// `radius_neighbors_graph`. `$fit` is doctest code fitting `m` on
/// `x = [[0], [1], [3]]` with a radius in [1, 2).
macro_rules! fitted_radius_api {
    (impl[$($gen:tt)*] $ty:ty, $name:expr, $import:expr, $fit:expr) => {
        impl<$($gen)*> $ty {
            /// The training rows within `radius` (default: the fitted
            /// `radius`; inclusive) of each row of `x`: one `(indices,
            /// distances)` pair per row, sorted by distance (ties by index).
            /// With `x = None`, of each training row, itself excluded.
            ///
            /// # Errors
            /// `radius` negative or not finite, `x` with another number of
            /// features, empty or non-finite.
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            #[doc = $import]
            /// let x = ndarray::array![[0.0f64], [1.0], [3.0]];
            #[doc = $fit]
            /// let found = m.radius_neighbors(Some(ndarray::array![[0.9]].view()), None)?;
            /// assert_eq!(found[0].0, vec![1, 0]);
            /// assert!(m.radius_neighbors(None, None)?[2].0.is_empty()); // row 2 is alone
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            #[allow(clippy::type_complexity)]
            pub fn radius_neighbors(
                &self,
                x: Option<ndarray::ArrayView2<'_, F>>,
                radius: Option<F>,
            ) -> crate::error::Result<Vec<(Vec<usize>, Vec<F>)>> {
                let radius = radius.unwrap_or_else(|| F::cast(self.params.radius));
                self.base.radius_neighbors($name, x.map(Into::into), radius)
            }

            /// [`radius_neighbors`](Self::radius_neighbors) as a sparse graph
            /// (scikit-learn's `radius_neighbors_graph`): one row per query
            /// row, one column per training row, holding 1 or the distance
            /// for each neighbour.
            ///
            /// # Errors
            /// As [`radius_neighbors`](Self::radius_neighbors).
            ///
            /// # Example
            /// ```
            /// use learnkit::prelude::*;
            /// use learnkit::neighbors::GraphMode;
            #[doc = $import]
            /// let x = ndarray::array![[0.0f64], [1.0], [3.0]];
            #[doc = $fit]
            /// let g = m.radius_neighbors_graph(None, Some(2.0), GraphMode::Distance)?;
            /// assert_eq!(g.to_dense()?, ndarray::array![[0.0, 1.0, 0.0], [1.0, 0.0, 2.0], [0.0, 2.0, 0.0]]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn radius_neighbors_graph(
                &self,
                x: Option<ndarray::ArrayView2<'_, F>>,
                radius: Option<F>,
                mode: crate::neighbors::GraphMode,
            ) -> crate::error::Result<crate::sparse::CsrMatrix<F>> {
                let found = self.radius_neighbors(x, radius)?;
                let rows = found.iter().map(|(i, d)| (i.as_slice(), d.as_slice()));
                crate::neighbors::graph::graph_from_rows(rows, self.base.n_samples(), mode)
            }
        }
    };
}
