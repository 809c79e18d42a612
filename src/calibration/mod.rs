//! Probability calibration, as `sklearn.calibration`: the data of a
//! reliability diagram ([`calibration_curve`]) and a classifier whose
//! probabilities are calibrated by cross-validation
//! ([`CalibratedClassifierCV`]).
//!
//! A classifier is calibrated when, among the samples it gives probability
//! `p`, a fraction `p` is positive. [`calibration_curve`] measures it;
//! [`CalibratedClassifierCV`] maps a classifier's scores to probabilities
//! with Platt's sigmoid or an isotonic regression
//! ([`IsotonicRegression`](crate::isotonic::IsotonicRegression)).
//!
//! # Example
//! ```
//! use learnkit::calibration::{calibration_curve, BinStrategy};
//! use ndarray::array;
//!
//! let y_true = array![0, 0, 1, 1];
//! let y_prob = array![0.1, 0.6, 0.4, 0.9];
//! let curve = calibration_curve(y_true.view(), y_prob.view(), &1, 2, BinStrategy::Uniform)?;
//! assert_eq!(curve.prob_true, array![0.5, 0.5]);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod classifier;
mod curve;
mod sigmoid;

pub use classifier::{
    CalibratedClassifierCV, CalibrationMethod, FittedCalibratedClassifierCV, ResponseMethod, ResponseName,
    UseDecisionFunction, UsePredictProba,
};
pub use curve::{BinStrategy, CalibrationCurve, calibration_curve};
