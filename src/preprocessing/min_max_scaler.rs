//! [`MinMaxScaler`]: scale each feature to a given range.

use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::{ROW_CHUNK, map_row_chunks, with_n_jobs};
use crate::preprocessing::rows::map_cells;
use crate::traits::{Estimator, InverseTransformer, Transformer};
use crate::validation::{check_no_infinity, check_not_empty, check_param};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

const NAME: &str = "MinMaxScaler";

/// Scales each feature to `feature_range`:
/// `x_scaled = x * scale + min`, with `scale = (hi - lo) / (data_max - data_min)`
/// and `min = lo - data_min * scale`, as scikit-learn computes it.
///
/// A constant feature (range below `10 × ε`) keeps a scale of 1, so it maps to
/// `lo + (x - data_min)`. With `clip`, transformed values of new data are
/// clipped to `feature_range`. `scale` and `min` are computed in `f64` and
/// rounded once to the input type (scikit-learn computes them in the input
/// type). Minima and maxima are found by a parallel
/// reduction over fixed row chunks, and `transform` runs in parallel over
/// rows; both give the same bits on any number of threads.
///
/// `NaN` is a missing value, as in scikit-learn: `fit` ignores it (the
/// extremes are those of the non-missing values; a column with none gets
/// `NaN` extremes) and `transform` / `inverse_transform` pass it through, so
/// an imputer can come later in a pipeline. Infinity stays an error.
///
/// Unsupervised: as a [`Pipeline`](crate::compose::Pipeline) step it ignores
/// the targets.
///
/// # Hyperparameters
/// - `feature_range` (default `(0.0, 1.0)`): the target range; `lo < hi`, both finite.
/// - `clip` (default `false`): clip transformed values to `feature_range`.
/// - `n_jobs` (default `None`, every core): threads for fit and transform.
///
/// # Fitted attributes
/// [`data_min`](FittedMinMaxScaler::data_min), [`data_max`](FittedMinMaxScaler::data_max),
/// [`data_range`](FittedMinMaxScaler::data_range), [`scale`](FittedMinMaxScaler::scale),
/// [`min`](FittedMinMaxScaler::min), [`n_samples_seen`](FittedMinMaxScaler::n_samples_seen),
/// [`n_features_in`](FittedMinMaxScaler::n_features_in).
///
/// # Errors
/// [`Error::InvalidParameter`] for a bad `feature_range` or `n_jobs`,
/// [`Error::EmptyInput`] and [`Error::NonFinite`] for bad data (an infinity),
/// [`Error::FeatureCountMismatch`] when transforming a matrix of another width.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::MinMaxScaler;
/// use learnkit::datasets::load_iris;
///
/// let iris = load_iris();
/// let scaler = MinMaxScaler::default().fit_unsupervised(iris.data.view())?;
/// let scaled = scaler.transform(iris.data.view())?;
/// assert_eq!(scaled.column(0).fold(f64::INFINITY, |a, &b| a.min(b)), 0.0);
/// assert!((scaled.column(0).fold(0.0f64, |a, &b| a.max(b)) - 1.0).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MinMaxScaler {
    /// The range `(lo, hi)` of the transformed data (scikit-learn's `feature_range`).
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::pair"))]
    pub feature_range: (f64, f64),
    /// Clip transformed values to `feature_range` (scikit-learn's `clip`).
    pub clip: bool,
    /// Threads for fit and transform; `None` uses every core.
    pub n_jobs: Option<usize>,
}

impl Default for MinMaxScaler {
    fn default() -> Self {
        MinMaxScaler {
            feature_range: (0.0, 1.0),
            clip: false,
            n_jobs: None,
        }
    }
}

setters!(MinMaxScaler in "learnkit::preprocessing" {
    feature_range: (f64, f64) = (-1.0, 1.0);
    clip: bool = true;
    n_jobs: Option<usize> = Some(1);
});

impl MinMaxScaler {
    fn validate(&self) -> Result<()> {
        check_param(
            NAME,
            "feature_range",
            self.feature_range,
            "(lo, hi) with finite lo < hi",
            |(lo, hi)| lo.is_finite() && hi.is_finite() && lo < hi,
        )?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))
    }
}

impl<F: Float, T> Estimator<F, T> for MinMaxScaler {
    type Fitted = FittedMinMaxScaler<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.validate()?;
        check_not_empty(NAME, x)?;
        let (data_min, data_max) = with_n_jobs(self.n_jobs, || column_extremes(x))?;
        let Some((data_min, data_max)) = data_min.zip(data_max) else {
            // Some value is infinite: the exact check names the first one.
            check_no_infinity(NAME, x)?;
            return Err(Error::invalid_input(NAME, "X holds an infinite value"));
        };
        Ok(FittedMinMaxScaler::from_extremes(
            self.clone(),
            data_min,
            data_max,
            x.nrows(),
        ))
    }
}

/// Column minima and maxima of the non-missing values by a parallel
/// reduction over fixed row chunks (NumPy's `nanmin` / `nanmax`: `NaN` for
/// a column with no value); `None`s when some value is infinite.
fn column_extremes<F: Float>(x: ArrayView2<'_, F>) -> (Option<Array1<f64>>, Option<Array1<f64>>) {
    let chunks = map_row_chunks(x, ROW_CHUNK, |_, rows| {
        let mut lo = vec![F::infinity(); rows.ncols()];
        let mut hi = vec![F::neg_infinity(); rows.ncols()];
        let mut finite = true;
        for row in rows.outer_iter() {
            for ((l, h), &v) in lo.iter_mut().zip(hi.iter_mut()).zip(row.iter()) {
                // NaN fails both comparisons: a missing value is skipped.
                finite &= !v.is_infinite();
                if v < *l {
                    *l = v;
                }
                if v > *h {
                    *h = v;
                }
            }
        }
        (lo, hi, finite)
    });
    let mut lo = Array1::from_elem(x.ncols(), f64::INFINITY);
    let mut hi = Array1::from_elem(x.ncols(), f64::NEG_INFINITY);
    for (chunk_lo, chunk_hi, finite) in chunks {
        if !finite {
            return (None, None);
        }
        for j in 0..x.ncols() {
            lo[j] = lo[j].min(chunk_lo[j].as_f64());
            hi[j] = hi[j].max(chunk_hi[j].as_f64());
        }
    }
    // A column with no value kept its starting infinities.
    for j in 0..x.ncols() {
        if lo[j] > hi[j] {
            (lo[j], hi[j]) = (f64::NAN, f64::NAN);
        }
    }
    (Some(lo), Some(hi))
}

/// A fitted [`MinMaxScaler`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::MinMaxScaler;
/// use ndarray::array;
/// let scaler = MinMaxScaler::default().fit_unsupervised(array![[1.0, 4.0], [3.0, 4.0]].view())?;
/// assert_eq!(scaler.transform(array![[2.0, 4.0]].view())?, array![[0.5, 0.0]]);
/// assert_eq!(scaler.scale(), &array![0.5, 1.0]); // the constant column keeps scale 1
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedMinMaxScaler<F> {
    params: MinMaxScaler,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    scale_f: Array1<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    min_f: Array1<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::pair"))]
    bounds: (F, F),
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    data_min: Array1<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    data_max: Array1<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    data_range: Array1<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    scale: Array1<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    min: Array1<f64>,
    n_samples_seen: usize,
}

checked_serde!(impl[F: Float] FittedMinMaxScaler<F>);
persist!(impl[F: Float] FittedMinMaxScaler<F> => format!("MinMaxScaler<{}>", F::NAME));

impl<F: Float> crate::persistence::Check for FittedMinMaxScaler<F> {
    /// Everything but the data's extremes follows from them and the range.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::{ensure, same_len, same_values};
        same_len("data_max", self.data_min.len(), self.data_max.len())?;
        let derived = Self::from_extremes(
            self.params.clone(),
            self.data_min.clone(),
            self.data_max.clone(),
            self.n_samples_seen,
        );
        let (lo, hi) = self.bounds;
        let agree = same_values(&derived.scale_f, &self.scale_f)
            && same_values(&derived.min_f, &self.min_f)
            && same_values(&derived.data_range, &self.data_range)
            && same_values(&derived.scale, &self.scale)
            && same_values(&derived.min, &self.min)
            && (lo.as_f64().to_bits(), hi.as_f64().to_bits())
                == (derived.bounds.0.as_f64().to_bits(), derived.bounds.1.as_f64().to_bits());
        ensure(agree, || {
            format!(
                "MinMaxScaler: the scales, offsets or bounds disagree with the extremes of {} features and the feature range",
                self.data_min.len()
            )
        })
    }
}

impl<F: Float> FittedMinMaxScaler<F> {
    /// The fitted scaler for these column extremes (finite, `lo < hi` checked by `fit`).
    fn from_extremes(
        params: MinMaxScaler,
        data_min: Array1<f64>,
        data_max: Array1<f64>,
        n_samples_seen: usize,
    ) -> Self {
        let (lo, hi) = params.feature_range;
        let data_range = &data_max - &data_min;
        // scikit-learn's `_handle_zeros_in_scale`: a near-zero range divides by 1.
        let scale = data_range.mapv(|r| (hi - lo) / if r < 10.0 * f64::EPSILON { 1.0 } else { r });
        let min = lo - &data_min * &scale;
        FittedMinMaxScaler {
            params,
            scale_f: scale.mapv(F::cast),
            min_f: min.mapv(F::cast),
            bounds: (F::cast(lo), F::cast(hi)),
            data_min,
            data_max,
            data_range,
            scale,
            min,
            n_samples_seen,
        }
    }
}

impl<F: Float> FittedMinMaxScaler<F> {
    /// Per-feature minimum seen in fit (scikit-learn's `data_min_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MinMaxScaler;
    /// use ndarray::array;
    /// let s = MinMaxScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
    /// assert_eq!(s.data_min(), &array![1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn data_min(&self) -> &Array1<f64> {
        &self.data_min
    }

    /// Per-feature maximum seen in fit (`data_max_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MinMaxScaler;
    /// use ndarray::array;
    /// let s = MinMaxScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
    /// assert_eq!(s.data_max(), &array![3.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn data_max(&self) -> &Array1<f64> {
        &self.data_max
    }

    /// Per-feature `data_max - data_min` (`data_range_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MinMaxScaler;
    /// use ndarray::array;
    /// let s = MinMaxScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
    /// assert_eq!(s.data_range(), &array![2.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn data_range(&self) -> &Array1<f64> {
        &self.data_range
    }

    /// Per-feature multiplier (`scale_`): `(hi - lo) / data_range`, with a
    /// range of 1 for constant features.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MinMaxScaler;
    /// use ndarray::array;
    /// let s = MinMaxScaler::default().feature_range((-1.0, 1.0)).fit_unsupervised(array![[1.0], [3.0]].view())?;
    /// assert_eq!(s.scale(), &array![1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scale(&self) -> &Array1<f64> {
        &self.scale
    }

    /// Per-feature offset (`min_`): `lo - data_min * scale`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MinMaxScaler;
    /// use ndarray::array;
    /// let s = MinMaxScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
    /// assert_eq!(s.min(), &array![-0.5]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn min(&self) -> &Array1<f64> {
        &self.min
    }

    /// Number of samples seen in fit (`n_samples_seen_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MinMaxScaler;
    /// use ndarray::array;
    /// let s = MinMaxScaler::default().fit_unsupervised(array![[1.0], [3.0], [2.0]].view())?;
    /// assert_eq!(s.n_samples_seen(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_samples_seen(&self) -> usize {
        self.n_samples_seen
    }

    /// Number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::MinMaxScaler;
    /// use ndarray::array;
    /// let s = MinMaxScaler::default().fit_unsupervised(array![[1.0, 2.0]].view())?;
    /// assert_eq!(s.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.scale.len()
    }

    /// The `feature_range` transform clips to, `None` without clipping (for
    /// the ONNX export).
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn clip_range(&self) -> Option<(f64, f64)> {
        self.params.clip.then_some(self.params.feature_range)
    }

    fn check_width(&self, x: ArrayView2<'_, F>) -> Result<()> {
        if x.ncols() != self.n_features_in() {
            return Err(Error::FeatureCountMismatch {
                context: NAME.into(),
                expected: self.n_features_in(),
                got: x.ncols(),
            });
        }
        Ok(())
    }
}

impl<F: Float> Transformer<F> for FittedMinMaxScaler<F> {
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.check_width(x)?;
        let scale = self.scale_f.as_slice().expect("owned 1-D arrays are contiguous");
        let min = self.min_f.as_slice().expect("owned 1-D arrays are contiguous");
        let n_jobs = self.params.n_jobs;
        if self.params.clip {
            let (lo, hi) = self.bounds;
            // Comparisons rather than `max`/`min`, which would turn NaN into a bound.
            map_cells(NAME, n_jobs, x, scale, min, move |v, s, m| {
                let y = v * s + m;
                if y < lo {
                    lo
                } else if y > hi {
                    hi
                } else {
                    y
                }
            })
        } else {
            map_cells(NAME, n_jobs, x, scale, min, |v, s, m| v * s + m)
        }
    }
}

impl<F: Float> InverseTransformer<F> for FittedMinMaxScaler<F> {
    fn inverse_transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.check_width(x)?;
        let scale = self.scale_f.as_slice().expect("owned 1-D arrays are contiguous");
        let min = self.min_f.as_slice().expect("owned 1-D arrays are contiguous");
        map_cells(NAME, self.params.n_jobs, x, scale, min, |v, s, m| (v - m) / s)
    }
}
