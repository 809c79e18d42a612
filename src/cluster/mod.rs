//! Clustering, as `sklearn.cluster`.
//!
//! Fitted clusterings implement [`Clusterer`](crate::traits::Clusterer)
//! (`labels()`, scikit-learn's `labels_`), so every estimator here has
//! [`FitPredict::fit_predict`](crate::traits::FitPredict::fit_predict).
