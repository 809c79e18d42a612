//! The hyperparameter types of the forests: random forests and extra trees
//! differ only in their name, their `bootstrap` default and their splitter,
//! so one macro per task writes each struct, its `Default`, setters and
//! `Estimator` impls, and the fitted type alias.

macro_rules! forest_classifier_params {
    ($(#[$meta:meta])* $ty:ident, fitted: $fitted:ident, name: $name:expr, bootstrap: $bootstrap:expr, splitter: $splitter:expr) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub struct $ty {
            /// Number of trees, default 100.
            pub n_estimators: usize,
            /// The impurity criterion, default Gini.
            pub criterion: Criterion,
            /// Maximum depth, default `None` (unlimited).
            pub max_depth: Option<usize>,
            /// Minimum samples to split a node, default 2.
            pub min_samples_split: usize,
            /// Minimum samples in a leaf, default 1.
            pub min_samples_leaf: usize,
            /// Minimum fraction of the total weight in a leaf, default 0.
            #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
            pub min_weight_fraction_leaf: f64,
            /// Features drawn at each split, default `Sqrt`.
            pub max_features: MaxFeatures,
            /// Maximum leaves per tree (best-first growth), default `None`.
            pub max_leaf_nodes: Option<usize>,
            /// Minimum weighted impurity decrease of a split, default 0.
            #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
            pub min_impurity_decrease: f64,
            #[doc = concat!("Bootstrap samples, default ", stringify!($bootstrap), ".")]
            pub bootstrap: bool,
            /// Bootstrap size, default `None` (as many draws as samples).
            pub max_samples: Option<MaxSamples>,
            /// Compute the out-of-bag score, default false.
            pub oob_score: bool,
            /// Class weights, default uniform.
            pub class_weight: ClassWeight,
            /// Threads (`None`: every core).
            pub n_jobs: Option<usize>,
            /// Seed, default `None` (fresh entropy).
            pub random_state: Option<u64>,
            /// Progress on standard error: 0 none (default), 1 a line per tree.
            pub verbose: usize,
            /// How features are binned, default at most 256 bins.
            pub binning: Binning,
        }

        impl Default for $ty {
            fn default() -> Self {
                $ty {
                    n_estimators: 100,
                    criterion: Criterion::Gini,
                    max_depth: None,
                    min_samples_split: 2,
                    min_samples_leaf: 1,
                    min_weight_fraction_leaf: 0.0,
                    max_features: MaxFeatures::Sqrt,
                    max_leaf_nodes: None,
                    min_impurity_decrease: 0.0,
                    bootstrap: $bootstrap,
                    max_samples: None,
                    oob_score: false,
                    class_weight: ClassWeight::Uniform,
                    n_jobs: None,
                    random_state: None,
                    verbose: 0,
                    binning: Binning::Histogram,
                }
            }
        }

        setters!($ty in "learnkit::ensemble" {
            n_estimators: usize = 50;
            criterion: Criterion = learnkit::tree::Criterion::Entropy;
            max_depth: Option<usize> = Some(8);
            min_samples_split: usize = 10;
            min_samples_leaf: usize = 5;
            min_weight_fraction_leaf: f64 = 0.1;
            max_leaf_nodes: Option<usize> = Some(32);
            min_impurity_decrease: f64 = 0.01;
            bootstrap: bool = false;
            oob_score: bool = true;
            n_jobs: Option<usize> = Some(2);
            verbose: usize = 1;
            binning: Binning = learnkit::tree::Binning::Exact;
        } into {
            max_features: MaxFeatures = 0.5 => learnkit::tree::MaxFeatures::Fraction(0.5);
            class_weight: ClassWeight = vec![1.0, 3.0] => learnkit::class_weight::ClassWeight::PerClass(vec![1.0, 3.0]);
        } optional {
            max_samples: MaxSamples = 0.5 => Some(learnkit::ensemble::MaxSamples::Fraction(0.5));
        });

        random_state_setter!($ty in "learnkit::ensemble");

        impl ForestClassifierParams for $ty {
            const NAME: &'static str = $name;

            fn settings(&self) -> ForestSettings {
                ForestSettings {
                    name: $name,
                    n_estimators: self.n_estimators,
                    limits: TreeLimits {
                        max_depth: self.max_depth,
                        min_samples_split: self.min_samples_split,
                        min_samples_leaf: self.min_samples_leaf,
                        min_weight_fraction_leaf: self.min_weight_fraction_leaf,
                        max_features: self.max_features,
                        max_leaf_nodes: self.max_leaf_nodes,
                        min_impurity_decrease: self.min_impurity_decrease,
                        splitter: $splitter,
                    },
                    bootstrap: self.bootstrap,
                    max_samples: self.max_samples,
                    oob_score: self.oob_score,
                    n_jobs: self.n_jobs,
                    random_state: self.random_state,
                    verbose: self.verbose,
                    binning: self.binning,
                }
            }

            fn criterion(&self) -> Criterion {
                self.criterion
            }

            fn class_weight(&self) -> &ClassWeight {
                &self.class_weight
            }

            fn with_n_estimators(&self, n_estimators: usize) -> Self {
                self.clone().n_estimators(n_estimators)
            }
        }

        impl<F: Float, L: Label> Estimator<F, L> for $ty {
            type Fitted = $fitted<F, L>;

            fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
                FittedForestClassifier::fit(self, x, y, None)
            }
        }

        impl<F: Float, L: Label> SampleWeighted<F, L> for $ty {
            fn fit_weighted(
                &self,
                x: ArrayView2<'_, F>,
                y: ArrayView1<'_, L>,
                sample_weight: ArrayView1<'_, F>,
            ) -> Result<Self::Fitted> {
                FittedForestClassifier::fit(self, x, y, Some(sample_weight))
            }
        }

        #[cfg(feature = "serde")]
        impl $ty {
            /// Fits on replicated data, tree-parallel: every rank of `comm`
            /// holds ALL the rows (`x`, `y`, the same on every rank); rank `r`
            /// grows the trees `t` with `t % size == r`, each from the seed
            /// `fit` gives tree `t`, and the ranks exchange their trees
            /// (serialised, one all-gather), so every rank returns `fit`'s
            /// forest bit for bit. Without `random_state`, rank 0's fresh
            /// seed is broadcast. The trees of one rank run on rayon's
            /// global pool (`n_jobs` is not applied).
            ///
            /// # Errors
            /// As `fit`, on every rank when any rank's data are bad;
            /// [`Error::Communication`](crate::Error::Communication) when the
            /// group breaks. Ranks holding different rows are not detected:
            /// the forest is then no single fit's.
            ///
            /// # Example
            /// ```
            /// use learnkit::distributed::run_in_process;
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            /// use ndarray::array;
            ///
            /// let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0], [5.0, 0.0]];
            /// let y = array![0, 0, 0, 1, 1, 1];
            #[doc = concat!("let params = ", stringify!($ty), "::default().n_estimators(5).random_state(7);")]
            /// let forests = run_in_process(2, |comm| params.fit_distributed_trees(comm, x.view(), y.view()))?;
            /// let single = params.fit(x.view(), y.view())?;
            /// assert_eq!(forests[0].estimators(), single.estimators());
            /// assert_eq!(forests[1].estimators(), single.estimators());
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn fit_distributed_trees<C, F, L>(
                &self,
                comm: &C,
                x: ArrayView2<'_, F>,
                y: ArrayView1<'_, L>,
            ) -> Result<$fitted<F, L>>
            where
                C: crate::distributed::Communicator + ?Sized,
                F: Float,
                L: Label,
            {
                FittedForestClassifier::fit_with(self, Some(&crate::distributed::ByRef(comm)), x, y, None)
            }

            /// Fits on rows spread over the ranks of `comm` (data-parallel,
            /// for data that do not fit one machine): `x` and `y` are this
            /// rank's rows (possibly none), every rank grows every tree, and
            /// every rank returns the same forest — bit for bit, whatever
            /// the number of ranks and however the rows are split. Call it
            /// on every rank of the group. The classes are those of every
            /// rank (gathered, so the labels must be serializable).
            ///
            /// At each node, each rank builds the histogram of its rows for
            /// each drawn feature (bootstrap counts per class, as integers),
            /// the ranks all-reduce it, and the same split search runs on
            /// every rank; each rank partitions its own rows. The forest is
            /// not `fit`'s: the bin edges (at most 255 bins) come from a
            /// sample of every rank's rows, and each row's bootstrap count
            /// is a Poisson draw keyed by the tree's seed and the row's
            /// global index (rank offset + local index), where `fit` draws a
            /// multinomial sample; its accuracy is comparable. The trees are
            /// grown one after the other on one thread per rank (`n_jobs` is
            /// not applied); a node's collectives carry `bins × (1 +
            /// classes)` integers per drawn feature.
            ///
            /// # Errors
            /// On every rank when any rank's input is bad: as `fit` (a rank
            /// may hold no rows, but not all of them; the classes of all
            /// ranks must be at least two),
            /// [`Error::InvalidInput`](crate::Error::InvalidInput) when the
            /// ranks' feature counts differ;
            /// [`Error::InvalidParameter`](crate::Error::InvalidParameter)
            /// for `binning` other than `Histogram`, `oob_score`, or a
            /// `class_weight` other than uniform (sample weights are not
            /// supported); [`Error::Communication`](crate::Error::Communication)
            /// when the group breaks.
            ///
            /// # Example
            /// ```
            /// use learnkit::distributed::{run_in_process, Communicator, RowShards};
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            /// use ndarray::{s, Array1, Array2};
            ///
            /// let x = Array2::from_shape_fn((200, 2), |(i, j)| ((i * (j + 3)) % 17) as f64);
            /// let y = Array1::from_shape_fn(200, |i| usize::from(x[[i, 0]] > x[[i, 1]]));
            #[doc = concat!("let params = ", stringify!($ty), "::default().n_estimators(5).random_state(7);")]
            /// let fit_on = |ranks: usize| {
            ///     run_in_process(ranks, |comm| {
            ///         let rows = RowShards::even_split(200, comm.rank(), comm.size());
            ///         params.fit_distributed_rows(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
            ///     })
            /// };
            /// let (one, three) = (fit_on(1)?, fit_on(3)?);
            /// assert_eq!(one[0].estimators(), three[2].estimators());
            /// assert!(one[0].score(x.view(), y.view())? > 0.9);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn fit_distributed_rows<C, F, L>(
                &self,
                comm: &C,
                x: ArrayView2<'_, F>,
                y: ArrayView1<'_, L>,
            ) -> Result<$fitted<F, L>>
            where
                C: crate::distributed::Communicator + ?Sized,
                F: Float,
                L: Label + serde::Serialize + serde::de::DeserializeOwned,
            {
                FittedForestClassifier::fit_rows(self, &crate::distributed::ByRef(comm), x, y)
            }
        }

        #[doc = concat!("A fitted [`", stringify!($ty), "`]: see")]
        /// [`FittedForestClassifier`] for
        /// its accessors, predictions and [`grow_to`](FittedForestClassifier::grow_to).
        pub type $fitted<F, L> = FittedForestClassifier<F, L, $ty>;
    };
}

macro_rules! forest_regressor_params {
    ($(#[$meta:meta])* $ty:ident, fitted: $fitted:ident, name: $name:expr, bootstrap: $bootstrap:expr, splitter: $splitter:expr) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub struct $ty {
            /// Number of trees, default 100.
            pub n_estimators: usize,
            /// Maximum depth, default `None` (unlimited).
            pub max_depth: Option<usize>,
            /// Minimum samples to split a node, default 2.
            pub min_samples_split: usize,
            /// Minimum samples in a leaf, default 1.
            pub min_samples_leaf: usize,
            /// Minimum fraction of the total weight in a leaf, default 0.
            #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
            pub min_weight_fraction_leaf: f64,
            /// Features drawn at each split, default all.
            pub max_features: MaxFeatures,
            /// Maximum leaves per tree (best-first growth), default `None`.
            pub max_leaf_nodes: Option<usize>,
            /// Minimum weighted impurity decrease of a split, default 0.
            #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
            pub min_impurity_decrease: f64,
            #[doc = concat!("Bootstrap samples, default ", stringify!($bootstrap), ".")]
            pub bootstrap: bool,
            /// Bootstrap size, default `None` (as many draws as samples).
            pub max_samples: Option<MaxSamples>,
            /// Compute the out-of-bag R², default false.
            pub oob_score: bool,
            /// Threads (`None`: every core).
            pub n_jobs: Option<usize>,
            /// Seed, default `None` (fresh entropy).
            pub random_state: Option<u64>,
            /// Progress on standard error: 0 none (default), 1 a line per tree.
            pub verbose: usize,
            /// How features are binned, default at most 256 bins.
            pub binning: Binning,
        }

        impl Default for $ty {
            fn default() -> Self {
                $ty {
                    n_estimators: 100,
                    max_depth: None,
                    min_samples_split: 2,
                    min_samples_leaf: 1,
                    min_weight_fraction_leaf: 0.0,
                    max_features: MaxFeatures::All,
                    max_leaf_nodes: None,
                    min_impurity_decrease: 0.0,
                    bootstrap: $bootstrap,
                    max_samples: None,
                    oob_score: false,
                    n_jobs: None,
                    random_state: None,
                    verbose: 0,
                    binning: Binning::Histogram,
                }
            }
        }

        setters!($ty in "learnkit::ensemble" {
            n_estimators: usize = 50;
            max_depth: Option<usize> = Some(8);
            min_samples_split: usize = 10;
            min_samples_leaf: usize = 5;
            min_weight_fraction_leaf: f64 = 0.1;
            max_leaf_nodes: Option<usize> = Some(32);
            min_impurity_decrease: f64 = 0.01;
            bootstrap: bool = false;
            oob_score: bool = true;
            n_jobs: Option<usize> = Some(2);
            verbose: usize = 1;
            binning: Binning = learnkit::tree::Binning::Exact;
        } into {
            max_features: MaxFeatures = 0.5 => learnkit::tree::MaxFeatures::Fraction(0.5);
        } optional {
            max_samples: MaxSamples = 0.5 => Some(learnkit::ensemble::MaxSamples::Fraction(0.5));
        });

        random_state_setter!($ty in "learnkit::ensemble");

        impl ForestRegressorParams for $ty {
            const NAME: &'static str = $name;

            fn settings(&self) -> ForestSettings {
                ForestSettings {
                    name: $name,
                    n_estimators: self.n_estimators,
                    limits: TreeLimits {
                        max_depth: self.max_depth,
                        min_samples_split: self.min_samples_split,
                        min_samples_leaf: self.min_samples_leaf,
                        min_weight_fraction_leaf: self.min_weight_fraction_leaf,
                        max_features: self.max_features,
                        max_leaf_nodes: self.max_leaf_nodes,
                        min_impurity_decrease: self.min_impurity_decrease,
                        splitter: $splitter,
                    },
                    bootstrap: self.bootstrap,
                    max_samples: self.max_samples,
                    oob_score: self.oob_score,
                    n_jobs: self.n_jobs,
                    random_state: self.random_state,
                    verbose: self.verbose,
                    binning: self.binning,
                }
            }

            fn with_n_estimators(&self, n_estimators: usize) -> Self {
                self.clone().n_estimators(n_estimators)
            }
        }

        impl<F: Float> Estimator<F, F> for $ty {
            type Fitted = $fitted<F>;

            fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
                FittedForestRegressor::fit(self, x, y, None)
            }
        }

        impl<F: Float> SampleWeighted<F, F> for $ty {
            fn fit_weighted(
                &self,
                x: ArrayView2<'_, F>,
                y: ArrayView1<'_, F>,
                sample_weight: ArrayView1<'_, F>,
            ) -> Result<Self::Fitted> {
                FittedForestRegressor::fit(self, x, y, Some(sample_weight))
            }
        }

        #[cfg(feature = "serde")]
        impl $ty {
            /// Fits on replicated data, tree-parallel: every rank of `comm`
            /// holds ALL the rows (`x`, `y`, the same on every rank); rank `r`
            /// grows the trees `t` with `t % size == r`, each from the seed
            /// `fit` gives tree `t`, and the ranks exchange their trees
            /// (serialised, one all-gather), so every rank returns `fit`'s
            /// forest bit for bit. Without `random_state`, rank 0's fresh
            /// seed is broadcast. The trees of one rank run on rayon's
            /// global pool (`n_jobs` is not applied).
            ///
            /// # Errors
            /// As `fit`, on every rank when any rank's data are bad;
            /// [`Error::Communication`](crate::Error::Communication) when the
            /// group breaks. Ranks holding different rows are not detected:
            /// the forest is then no single fit's.
            ///
            /// # Example
            /// ```
            /// use learnkit::distributed::run_in_process;
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            /// use ndarray::array;
            ///
            /// let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0], [5.0, 0.0]];
            /// let y = array![0.0, 0.5, 1.0, 3.0, 3.5, 4.0];
            #[doc = concat!("let params = ", stringify!($ty), "::default().n_estimators(5).random_state(7);")]
            /// let forests = run_in_process(3, |comm| params.fit_distributed_trees(comm, x.view(), y.view()))?;
            /// let single = params.fit(x.view(), y.view())?;
            /// assert_eq!(forests[2].estimators(), single.estimators());
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn fit_distributed_trees<C, F>(
                &self,
                comm: &C,
                x: ArrayView2<'_, F>,
                y: ArrayView1<'_, F>,
            ) -> Result<$fitted<F>>
            where
                C: crate::distributed::Communicator + ?Sized,
                F: Float,
            {
                FittedForestRegressor::fit_with(self, Some(&crate::distributed::ByRef(comm)), x, y, None)
            }
        }

        impl $ty {
            /// Fits on rows spread over the ranks of `comm` (data-parallel,
            /// for data that do not fit one machine): `x` and `y` are this
            /// rank's rows (possibly none), every rank grows every tree, and
            /// every rank returns the same forest — bit for bit, whatever
            /// the number of ranks and however the rows are split. Call it
            /// on every rank of the group.
            ///
            /// At each node, each rank builds the histogram of its rows for
            /// each drawn feature in integers — bootstrap counts `w`, and
            /// `Σw·k`, `Σw·k²` with each target rounded to `k · step`, a grid
            /// of up to 2^23 steps below the largest `|y|` (fewer above
            /// 2^16 rows, so that the sums fit `i64`) — the ranks
            /// all-reduce it, and the same split search runs on every rank;
            /// each rank partitions its own rows. The leaf values are means
            /// of the rounded targets over every rank's rows. The forest is
            /// not `fit`'s: the bin edges (at most 255 bins) come from a
            /// sample of every rank's rows, and each row's bootstrap count
            /// is a Poisson draw keyed by the tree's seed and the row's
            /// global index (rank offset + local index), where `fit` draws a
            /// multinomial sample; its accuracy is comparable. The trees are
            /// grown one after the other on one thread per rank (`n_jobs` is
            /// not applied); a node's collectives carry `4 × bins` integers
            /// per drawn feature.
            ///
            /// # Errors
            /// On every rank when any rank's input is bad: as `fit` (a rank
            /// may hold no rows, but not all of them),
            /// [`Error::InvalidInput`](crate::Error::InvalidInput) when the
            /// ranks' feature counts differ;
            /// [`Error::InvalidParameter`](crate::Error::InvalidParameter)
            /// for `binning` other than `Histogram` or `oob_score` (sample
            /// weights are not supported);
            /// [`Error::Communication`](crate::Error::Communication) when the
            /// group breaks.
            ///
            /// # Example
            /// ```
            /// use learnkit::distributed::{run_in_process, Communicator, RowShards};
            /// use learnkit::prelude::*;
            #[doc = concat!("use learnkit::ensemble::", stringify!($ty), ";")]
            /// use ndarray::{s, Array1, Array2};
            ///
            /// let x = Array2::from_shape_fn((200, 2), |(i, j)| ((i * (j + 3)) % 17) as f64);
            /// let y = Array1::from_shape_fn(200, |i| 0.5_f64 * x[[i, 0]] - x[[i, 1]]);
            #[doc = concat!("let params = ", stringify!($ty), "::default().n_estimators(5).random_state(7);")]
            /// let fit_on = |ranks: usize| {
            ///     run_in_process(ranks, |comm| {
            ///         let rows = RowShards::even_split(200, comm.rank(), comm.size());
            ///         params.fit_distributed_rows(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
            ///     })
            /// };
            /// let (one, two) = (fit_on(1)?, fit_on(2)?);
            /// assert_eq!(one[0].estimators(), two[1].estimators());
            /// assert!(one[0].score(x.view(), y.view())? > 0.9);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn fit_distributed_rows<C, F>(
                &self,
                comm: &C,
                x: ArrayView2<'_, F>,
                y: ArrayView1<'_, F>,
            ) -> Result<$fitted<F>>
            where
                C: crate::distributed::Communicator + ?Sized,
                F: Float,
            {
                FittedForestRegressor::fit_rows(self, &crate::distributed::ByRef(comm), x, y)
            }
        }

        #[doc = concat!("A fitted [`", stringify!($ty), "`]: see")]
        /// [`FittedForestRegressor`] for its
        /// accessors, predictions and [`grow_to`](FittedForestRegressor::grow_to).
        pub type $fitted<F> = FittedForestRegressor<F, $ty>;
    };
}
