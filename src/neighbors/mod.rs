//! Nearest neighbours, as `sklearn.neighbors`: neighbour searches and the
//! estimators built on them.
//!
//! Distances come from [`crate::metrics::Metric`].
