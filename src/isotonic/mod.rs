//! Isotonic regression, as `sklearn.isotonic`: [`IsotonicRegression`], the
//! best monotonic (non-decreasing or non-increasing) step function through
//! one feature, predicted by linear interpolation between its steps.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::isotonic::IsotonicRegression;
//! use ndarray::array;
//!
//! let x = array![[1.0], [2.0], [3.0], [4.0]];
//! let y = array![1.0, 3.0, 2.0, 4.0];
//! let model = IsotonicRegression::default().fit(x.view(), y.view())?;
//! // 3 and 2 violate the order: both become 2.5.
//! assert_eq!(model.predict(x.view())?, array![1.0, 2.5, 2.5, 4.0]);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod pava;

use crate::error::{Error, Result};
use crate::float::Float;
use crate::persistence::Check;
use crate::traits::{Estimator, Predictor, SampleWeighted};
use crate::validation::{check_finite_1d, check_param, check_predict_input, check_sample_weight, check_x_y};
use ndarray::{Array1, ArrayView1, ArrayView2, Axis};

const NAME: &str = "IsotonicRegression";

/// The direction of an isotonic fit (scikit-learn's `increasing`).
///
/// # Example
/// ```
/// use learnkit::isotonic::Monotonicity;
/// assert_eq!(Monotonicity::default(), Monotonicity::Increasing);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Monotonicity {
    /// Non-decreasing (`increasing=True`).
    #[default]
    Increasing,
    /// Non-increasing (`increasing=False`).
    Decreasing,
    /// Chosen from the sign of Spearman's rank correlation of `x` and `y`
    /// (`increasing="auto"`): non-negative means increasing. A constant `x`
    /// or `y` gives decreasing, as scikit-learn (whose correlation is NaN).
    Auto,
}

/// What [`IsotonicRegression`] predicts outside the fitted `x` range
/// (scikit-learn's `out_of_bounds`).
///
/// # Example
/// ```
/// use learnkit::isotonic::OutOfBounds;
/// assert_eq!(OutOfBounds::default(), OutOfBounds::Nan);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum OutOfBounds {
    /// NaN (`"nan"`).
    #[default]
    Nan,
    /// The prediction at the nearest end of the range (`"clip"`).
    Clip,
    /// An [`Error::InvalidInput`] (`"raise"`).
    Raise,
}

/// Isotonic regression: the monotonic function of one feature closest to
/// the targets in weighted least squares, as scikit-learn's
/// `IsotonicRegression`.
///
/// The input `x` is a one-column matrix (scikit-learn's `X` of shape
/// `(n, 1)`; its 1-D form is [`IsotonicRegression::fit_1d`]). Fitting
/// follows scikit-learn 1.9 step by step: samples of zero weight are
/// dropped; samples with the same `x` become one point with the weighted
/// mean of their `y` and the sum of their weights; the pool-adjacent-
/// violators algorithm fits the monotonic sequence; it is clipped to
/// `[y_min, y_max]`; interior points equal to both neighbours are dropped.
/// Predictions interpolate linearly between the remaining points
/// ([`FittedIsotonicRegression::x_thresholds`],
/// [`FittedIsotonicRegression::y_thresholds`]); outside their range they
/// follow [`OutOfBounds`]. A fit with a single distinct `x` predicts its mean
/// everywhere.
///
/// # Errors
/// [`Error::InvalidInput`] when `x` has other than one column,
/// [`Error::EmptyInput`], [`Error::NonFinite`] and [`Error::ShapeMismatch`]
/// for bad data, [`Error::InvalidInput`] for negative or all-zero sample
/// weights, [`Error::InvalidParameter`] for a non-finite bound or
/// `y_min > y_max`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::isotonic::{IsotonicRegression, Monotonicity, OutOfBounds};
/// use ndarray::array;
///
/// let x = array![[1.0], [2.0], [3.0]];
/// let model = IsotonicRegression::default()
///     .increasing(Monotonicity::Auto)
///     .out_of_bounds(OutOfBounds::Clip)
///     .fit(x.view(), array![5.0, 1.0, 2.0].view())?;
/// assert!(!model.increasing());
/// // Decreasing: 1 and 2 are pooled to 1.5; 1.5 lies halfway from 5 to 1.5.
/// assert_eq!(model.predict(array![[0.0], [1.5], [9.0]].view())?, array![5.0, 3.25, 1.5]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct IsotonicRegression {
    /// Lower bound of the fitted values (`y_min`), default none.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::option"))]
    pub y_min: Option<f64>,
    /// Upper bound of the fitted values (`y_max`), default none.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::option"))]
    pub y_max: Option<f64>,
    /// The direction of the fit, default increasing.
    pub increasing: Monotonicity,
    /// Predictions outside the fitted range, default NaN.
    pub out_of_bounds: OutOfBounds,
}

setters!(IsotonicRegression in "learnkit::isotonic" {
    y_min: Option<f64> = Some(0.0);
    y_max: Option<f64> = Some(1.0);
    increasing: Monotonicity = learnkit::isotonic::Monotonicity::Decreasing;
    out_of_bounds: OutOfBounds = learnkit::isotonic::OutOfBounds::Clip;
});

impl IsotonicRegression {
    fn validate(&self) -> Result<()> {
        let finite = |v: Option<f64>| v.is_none_or(f64::is_finite);
        check_param(NAME, "y_min", self.y_min, "None or finite", finite)?;
        check_param(NAME, "y_max", self.y_max, "None or finite", finite)?;
        if let (Some(lo), Some(hi)) = (self.y_min, self.y_max) {
            check_param(NAME, "y_max", hi, &format!(">= y_min ({lo})"), |hi| hi >= lo)?;
        }
        Ok(())
    }

    /// Fits to a 1-D `x` (one value per sample), with optional sample weights.
    ///
    /// # Errors
    /// As [`IsotonicRegression`].
    ///
    /// # Example
    /// ```
    /// use learnkit::isotonic::IsotonicRegression;
    /// use ndarray::array;
    /// let model = IsotonicRegression::default()
    ///     .fit_1d(array![1.0, 1.0, 2.0].view(), array![1.0, 3.0, 5.0].view(), None)?;
    /// assert_eq!(model.y_thresholds(), array![2.0, 5.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_1d<F: Float>(
        &self,
        x: ArrayView1<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedIsotonicRegression<F>> {
        self.fit_checked(x.insert_axis(Axis(1)), y, sample_weight)
    }

    fn fit_checked<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedIsotonicRegression<F>> {
        self.validate()?;
        check_x_y(NAME, x, y.len())?;
        one_column(x.ncols())?;
        check_finite_1d(NAME, y)?;
        let weights = check_sample_weight(NAME, sample_weight, x.nrows())?;
        let xs: Vec<f64> = x.column(0).iter().map(|v| v.as_f64()).collect();
        let ys: Vec<f64> = y.iter().map(|v| v.as_f64()).collect();
        let increasing = match self.increasing {
            Monotonicity::Increasing => true,
            Monotonicity::Decreasing => false,
            Monotonicity::Auto => pava::spearman_increasing(&xs, &ys),
        };
        // Zero weights dropped, then sorted by (x, y) as numpy's lexsort.
        let mut points: Vec<(f64, f64, f64)> = (0..xs.len())
            .filter(|&i| weights[i] > F::zero())
            .map(|i| (xs[i], ys[i], weights[i].as_f64()))
            .collect();
        points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        // scikit-learn's `np.finfo(dtype).resolution`.
        let eps = if F::NAME == "f32" { 1e-6 } else { 1e-15 };
        let (ux, uy, uw) = pava::make_unique(&points, eps);
        let mut fitted = pava::pava(&uy, &uw, increasing);
        for v in &mut fitted {
            *v = v.clamp(
                self.y_min.unwrap_or(f64::NEG_INFINITY),
                self.y_max.unwrap_or(f64::INFINITY),
            );
        }
        let n = ux.len();
        let keep: Vec<usize> = (0..n)
            .filter(|&i| i == 0 || i == n - 1 || fitted[i] != fitted[i - 1] || fitted[i] != fitted[i + 1])
            .collect();
        Ok(FittedIsotonicRegression {
            params: self.clone(),
            x_thresholds: keep.iter().map(|&i| F::cast(ux[i])).collect(),
            y_thresholds: keep.iter().map(|&i| F::cast(fitted[i])).collect(),
            increasing,
        })
    }
}

/// The one-feature requirement of isotonic regression.
fn one_column(ncols: usize) -> Result<()> {
    if ncols != 1 {
        return Err(Error::invalid_input(
            NAME,
            format!("isotonic regression takes one feature (a one-column X), got {ncols} columns"),
        ));
    }
    Ok(())
}

impl<F: Float> Estimator<F, F> for IsotonicRegression {
    type Fitted = FittedIsotonicRegression<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        self.fit_checked(x, y, None)
    }
}

impl<F: Float> SampleWeighted<F, F> for IsotonicRegression {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, y, Some(sample_weight))
    }
}

/// A fitted [`IsotonicRegression`]: the points of the monotonic function.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::isotonic::IsotonicRegression;
/// use ndarray::array;
/// let model = IsotonicRegression::default().fit(array![[0.0], [1.0]].view(), array![0.0, 2.0].view())?;
/// assert_eq!(model.predict(array![[0.25]].view())?, array![0.5]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(remote = "Self", bound(serialize = "F: Float", deserialize = "F: Float"))
)]
pub struct FittedIsotonicRegression<F> {
    params: IsotonicRegression,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    x_thresholds: Array1<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    y_thresholds: Array1<F>,
    increasing: bool,
}

checked_serde!(impl[F: Float] FittedIsotonicRegression<F>);
persist!(impl[F: Float] FittedIsotonicRegression<F> => format!("IsotonicRegression<{}>", F::NAME));

impl<F: Float> Check for FittedIsotonicRegression<F> {
    /// Parameters valid; at least one point; finite, strictly increasing `x`;
    /// finite `y` of the same length, monotonic in the fitted direction.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::{ensure, same_len, strictly_increasing};
        self.params.validate().map_err(|e| e.to_string())?;
        ensure(!self.x_thresholds.is_empty(), || "no threshold".into())?;
        same_len("y_thresholds", self.x_thresholds.len(), self.y_thresholds.len())?;
        ensure(
            self.x_thresholds
                .iter()
                .chain(&self.y_thresholds)
                .all(|v| v.is_finite()),
            || "a threshold is not finite".into(),
        )?;
        strictly_increasing("x_thresholds", self.x_thresholds.as_slice().unwrap_or(&[]))?;
        let y = &self.y_thresholds;
        ensure(
            (1..y.len()).all(|i| {
                if self.increasing {
                    y[i] >= y[i - 1]
                } else {
                    y[i] <= y[i - 1]
                }
            }),
            || "y_thresholds are not monotonic in the fitted direction".into(),
        )
    }
}

impl<F: Float> FittedIsotonicRegression<F> {
    /// The `x` of the fitted points, increasing (`X_thresholds_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::isotonic::IsotonicRegression;
    /// use ndarray::array;
    /// let model = IsotonicRegression::default().fit(array![[2.0], [0.0], [1.0]].view(), array![3.0, 1.0, 2.0].view())?;
    /// assert_eq!(model.x_thresholds(), array![0.0, 1.0, 2.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn x_thresholds(&self) -> ArrayView1<'_, F> {
        self.x_thresholds.view()
    }

    /// The fitted values at [`Self::x_thresholds`] (`y_thresholds_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::isotonic::IsotonicRegression;
    /// use ndarray::array;
    /// let model = IsotonicRegression::default().fit(array![[0.0], [1.0]].view(), array![2.0, 1.0].view())?;
    /// assert_eq!(model.y_thresholds(), array![1.5, 1.5]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn y_thresholds(&self) -> ArrayView1<'_, F> {
        self.y_thresholds.view()
    }

    /// Whether the fit is non-decreasing (`increasing_`; decided from the
    /// data under [`Monotonicity::Auto`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::isotonic::IsotonicRegression;
    /// use ndarray::array;
    /// let model = IsotonicRegression::default().fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// assert!(model.increasing());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn increasing(&self) -> bool {
        self.increasing
    }

    /// Predicts at a 1-D `x`, as [`Predictor::predict`] on one column.
    ///
    /// # Errors
    /// [`Error::EmptyInput`] and [`Error::NonFinite`] for bad data;
    /// [`Error::InvalidInput`] for a value outside the fitted range with
    /// [`OutOfBounds::Raise`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::isotonic::IsotonicRegression;
    /// use ndarray::array;
    /// let model = IsotonicRegression::default().fit(array![[0.0f64], [2.0]].view(), array![0.0, 1.0].view())?;
    /// let p = model.predict_1d(array![1.0, 3.0].view())?;
    /// assert_eq!(p[0], 0.5);
    /// assert!(p[1].is_nan()); // out of bounds: NaN by default
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn predict_1d(&self, x: ArrayView1<'_, F>) -> Result<Array1<F>> {
        self.predict(x.insert_axis(Axis(1)))
    }
}

impl<F: Float> Predictor<F> for FittedIsotonicRegression<F> {
    type Output = F;

    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        check_predict_input(NAME, 1, x)?;
        let xs: Vec<f64> = self.x_thresholds.iter().map(|v| v.as_f64()).collect();
        let ys: Vec<f64> = self.y_thresholds.iter().map(|v| v.as_f64()).collect();
        let (lo, hi) = (xs[0], xs[xs.len() - 1]);
        x.column(0)
            .iter()
            .enumerate()
            .map(|(row, v)| {
                let mut t = v.as_f64();
                if self.params.out_of_bounds == OutOfBounds::Clip {
                    t = t.clamp(lo, hi);
                }
                // One point: its value everywhere (scikit-learn's `repeat`).
                if xs.len() == 1 {
                    return Ok(F::cast(ys[0]));
                }
                if t < lo || t > hi {
                    return match self.params.out_of_bounds {
                        OutOfBounds::Raise => Err(Error::invalid_input(
                            NAME,
                            format!("x = {t} at row {row} is outside the fitted range [{lo}, {hi}]"),
                        )),
                        _ => Ok(F::cast(f64::NAN)),
                    };
                }
                Ok(F::cast(pava::interpolate(&xs, &ys, t)))
            })
            .collect()
    }

    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        crate::metrics::r2_score(y, self.predict(x)?.view())
    }
}
