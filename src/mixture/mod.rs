//! Mixture models, as `sklearn.mixture`.
