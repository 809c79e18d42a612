//! [`SimpleImputer`]: replace missing values (`NaN`) column by column.

use crate::error::Result;
use crate::float::Float;
use crate::preprocessing::categories::discover;
use crate::preprocessing::rows::map_rows;
use crate::traits::{Estimator, Transformer};
use crate::validation::{check_array_with_missing, check_param, check_predict_input_with_missing};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rayon::prelude::*;

const NAME: &str = "SimpleImputer";

/// The statistic that replaces missing values (scikit-learn's `strategy`,
/// with `fill_value` inside `Constant`).
///
/// # Example
/// ```
/// use learnkit::preprocessing::ImputeStrategy;
/// assert_eq!(ImputeStrategy::default(), ImputeStrategy::Mean);
/// let fill = ImputeStrategy::Constant(-1.0);
/// assert_ne!(fill, ImputeStrategy::Median);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ImputeStrategy {
    /// The mean of the column's non-missing values.
    #[default]
    Mean,
    /// The exact median of the non-missing values (the mean of the two middle
    /// ones for an even count).
    Median,
    /// The most frequent non-missing value; the smallest among ties.
    MostFrequent,
    /// A constant (scikit-learn's `fill_value`; its default for numbers is 0).
    Constant(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))] f64),
}

/// Replaces missing values (`NaN`) by a per-column statistic learned in fit:
/// the mean, the median, the most frequent value, or a constant.
///
/// A column with no observed value in fit has no statistic: it is dropped
/// from the output (scikit-learn's default, whatever the strategy), or kept
/// when `keep_empty_features` is set, filled with 0 (with the constant for
/// `Constant`). With
/// `add_indicator`, one 0/1 column per feature that had missing values in fit
/// is appended (scikit-learn's `MissingIndicator` with `features="missing-only"`),
/// in feature order. Statistics are computed in parallel over columns, in
/// `f64` whatever the input type (scikit-learn averages `f32` data in
/// `f32`), and `transform` runs in parallel over row chunks.
///
/// A sparse input ([`fit_matrix`](crate::traits::Estimator::fit_matrix),
/// [`transform_matrix`](crate::traits::Transformer::transform_matrix)) is
/// densified (`rows × columns` values, allocated fallibly:
/// [`Error::TooLarge`](crate::Error::TooLarge) when it does not fit) and the
/// output is dense. The statistics are scikit-learn's on sparse input: its
/// stored `NaN` are the missing values and its implicit zeros count as
/// values of the column; scikit-learn keeps the output sparse.
///
/// Unsupervised: as a [`Pipeline`](crate::compose::Pipeline) step it ignores
/// the targets.
///
/// # Hyperparameters
/// - `strategy` (default [`ImputeStrategy::Mean`]).
/// - `add_indicator` (default `false`).
/// - `keep_empty_features` (default `false`).
///
/// # Fitted attributes
/// [`statistics`](FittedSimpleImputer::statistics),
/// [`indicator_features`](FittedSimpleImputer::indicator_features),
/// [`n_features_in`](FittedSimpleImputer::n_features_in).
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a
/// non-finite constant, [`Error::EmptyInput`](crate::Error::EmptyInput),
/// [`Error::NonFinite`](crate::Error::NonFinite) for infinities (`NaN` is the
/// missing value), [`Error::FeatureCountMismatch`](crate::Error::FeatureCountMismatch).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::{ImputeStrategy, SimpleImputer};
/// use ndarray::array;
///
/// let x = array![[1.0, f64::NAN], [3.0, 4.0], [f64::NAN, 4.0], [8.0, 1.0]];
/// let imputer = SimpleImputer::default().strategy(ImputeStrategy::Median).fit_unsupervised(x.view())?;
/// assert_eq!(imputer.statistics(), array![3.0, 4.0]);
/// assert_eq!(imputer.transform(x.view())?.row(0), array![1.0, 4.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SimpleImputer {
    /// What replaces a missing value (scikit-learn's `strategy` and `fill_value`).
    pub strategy: ImputeStrategy,
    /// Append missing-value indicator columns (scikit-learn's `add_indicator`).
    pub add_indicator: bool,
    /// Keep columns with no observed value in fit, filled with 0
    /// (scikit-learn's `keep_empty_features`).
    pub keep_empty_features: bool,
}

setters!(SimpleImputer in "learnkit::preprocessing" {
    strategy: ImputeStrategy = learnkit::preprocessing::ImputeStrategy::MostFrequent;
    add_indicator: bool = true;
    keep_empty_features: bool = true;
});

impl SimpleImputer {
    fn validate(&self) -> Result<()> {
        check_param(NAME, "fill_value", self.strategy, "a finite constant", |s| match s {
            ImputeStrategy::Constant(v) => v.is_finite(),
            _ => true,
        })
    }
}

impl<F: Float, T> Estimator<F, T> for SimpleImputer {
    type Fitted = FittedSimpleImputer<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.validate()?;
        check_array_with_missing(NAME, x)?;
        // One transposed copy makes each column's pass contiguous (a no-op
        // for column-major input).
        let transposed = x.t();
        let columns = transposed.as_standard_layout();
        let per_column: Vec<(Option<f64>, bool)> = (0..x.ncols())
            .into_par_iter()
            .map(|j| {
                let column = columns.row(j);
                (statistic(self.strategy, column), column.iter().any(|v| v.is_nan()))
            })
            .collect();
        // An empty column kept by `keep_empty_features` gets 0, or the
        // constant; otherwise it has no statistic and is dropped.
        let empty_fill = match self.strategy {
            ImputeStrategy::Constant(v) => v,
            _ => 0.0,
        };
        let statistics: Vec<Option<f64>> = per_column
            .iter()
            .map(|&(s, _)| s.or(self.keep_empty_features.then_some(empty_fill)))
            .collect();
        let (kept, fill) = kept_and_fill(&statistics);
        let indicator_features = if self.add_indicator {
            (0..x.ncols()).filter(|&j| per_column[j].1).collect()
        } else {
            Vec::new()
        };
        Ok(FittedSimpleImputer {
            params: self.clone(),
            statistics,
            kept,
            fill,
            indicator_features,
        })
    }
}

/// The statistic of a column's non-missing values, `None` if there are none.
fn statistic<F: Float>(strategy: ImputeStrategy, column: ArrayView1<'_, F>) -> Option<f64> {
    let present = || column.iter().filter(|v| !v.is_nan()).map(|v| v.as_f64());
    match strategy {
        ImputeStrategy::Constant(v) => present().next().map(|_| v),
        // One pass in row order, as numpy's masked mean sums along axis 0.
        ImputeStrategy::Mean => {
            let (sum, n) = present().fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
            (n > 0).then(|| sum / n as f64)
        }
        ImputeStrategy::Median => {
            let mut values: Vec<f64> = present().collect();
            let n = values.len();
            if n == 0 {
                return None;
            }
            let (below, &mut upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
            if n % 2 == 1 {
                Some(upper)
            } else {
                let lower = below.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                Some((lower + upper) / 2.0)
            }
        }
        ImputeStrategy::MostFrequent => {
            // The encoders' counts, values sorted: the first largest count is
            // the smallest of the most frequent values, as scipy's mode.
            let (cats, counts) = discover(column);
            let mut best: Option<(usize, usize)> = None;
            for (k, &count) in counts[..cats.values.len()].iter().enumerate() {
                if best.is_none_or(|(_, c)| count > c) {
                    best = Some((k, count));
                }
            }
            best.map(|(k, _)| cats.values[k].as_f64())
        }
    }
}

/// A fitted [`SimpleImputer`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::preprocessing::SimpleImputer;
/// use ndarray::array;
/// let x = array![[1.0, f64::NAN], [3.0, f64::NAN]];
/// // The second column is all missing: dropped, its statistic is NaN.
/// let imputer = SimpleImputer::default().add_indicator(true).fit_unsupervised(x.view())?;
/// assert!(imputer.statistics()[1].is_nan());
/// assert_eq!(imputer.transform(array![[f64::NAN, 5.0]].view())?, array![[2.0, 0.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedSimpleImputer<F> {
    params: SimpleImputer,
    /// One per input feature; `None` for a dropped empty column (no NaN
    /// stored, so the model survives JSON).
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::options"))]
    statistics: Vec<Option<f64>>,
    /// The input columns in the output, in order.
    kept: Vec<usize>,
    /// Their fill values, in `F`.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    fill: Vec<F>,
    /// Features that had missing values in fit, when `add_indicator`.
    indicator_features: Vec<usize>,
}

checked_serde!(impl[F: Float] FittedSimpleImputer<F>);
persist!(impl[F: Float] FittedSimpleImputer<F> => format!("SimpleImputer<{}>", F::NAME));

impl<F: Float> crate::persistence::Check for FittedSimpleImputer<F> {
    /// The kept columns and fill values are those the statistics give; the
    /// indicator columns are distinct input columns.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::{all_below, ensure, strictly_increasing};
        let (kept, fill) = kept_and_fill::<F>(&self.statistics);
        let fill_agrees = fill.len() == self.fill.len()
            && fill
                .iter()
                .zip(&self.fill)
                .all(|(a, b)| a.as_f64().to_bits() == b.as_f64().to_bits() || (a.is_nan() && b.is_nan()));
        ensure(kept == self.kept && fill_agrees, || {
            "SimpleImputer: the kept columns or fill values disagree with the statistics".into()
        })?;
        strictly_increasing("indicator_features", &self.indicator_features)?;
        all_below("indicator_features", &self.indicator_features, self.statistics.len())
    }
}

/// The columns that have a statistic (the others are dropped) and the value
/// that fills each one's missing entries.
fn kept_and_fill<F: Float>(statistics: &[Option<f64>]) -> (Vec<usize>, Vec<F>) {
    statistics
        .iter()
        .enumerate()
        .filter_map(|(j, s)| s.map(|v| (j, F::cast(v))))
        .unzip()
}

impl<F: Float> FittedSimpleImputer<F> {
    /// The fill value of each input feature (scikit-learn's `statistics_`):
    /// `NaN` for a column with no observed value in fit that was dropped.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::{ImputeStrategy, SimpleImputer};
    /// use ndarray::array;
    /// let x = array![[1.0], [1.0], [2.0], [2.0], [f64::NAN]];
    /// let imputer = SimpleImputer::default().strategy(ImputeStrategy::MostFrequent).fit_unsupervised(x.view())?;
    /// assert_eq!(imputer.statistics(), array![1.0]); // a tie: the smallest wins
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn statistics(&self) -> Array1<f64> {
        self.statistics.iter().map(|s| s.unwrap_or(f64::NAN)).collect()
    }

    /// The features that get an indicator column (scikit-learn's
    /// `indicator_.features_`); empty without `add_indicator`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::SimpleImputer;
    /// use ndarray::array;
    /// let x = array![[1.0, f64::NAN, 3.0], [2.0, 0.0, f64::NAN]];
    /// let imputer = SimpleImputer::default().add_indicator(true).fit_unsupervised(x.view())?;
    /// assert_eq!(imputer.indicator_features(), &[1, 2]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn indicator_features(&self) -> &[usize] {
        &self.indicator_features
    }

    /// Number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::preprocessing::SimpleImputer;
    /// use ndarray::array;
    /// let imputer = SimpleImputer::default().fit_unsupervised(array![[1.0, 2.0]].view())?;
    /// assert_eq!(imputer.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.statistics.len()
    }

    /// The input columns kept in the output and their fill values (for the
    /// ONNX export).
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn kept_and_fill(&self) -> (&[usize], &[F]) {
        (&self.kept, &self.fill)
    }
}

impl<F: Float> crate::traits::FeatureNames for FittedSimpleImputer<F> {
    /// The kept input columns' names, then `missingindicator_<name>` for
    /// each indicator column (scikit-learn's names).
    fn get_feature_names_out(&self, input_features: Option<&[String]>) -> Result<Vec<String>> {
        let names = crate::feature_names::names_in(NAME, self.statistics.len(), input_features)?;
        let kept = self.kept.iter().filter_map(|&j| names.get(j).cloned());
        let indicators = self
            .indicator_features
            .iter()
            .filter_map(|&j| names.get(j))
            .map(|name| format!("missingindicator_{name}"));
        Ok(kept.chain(indicators).collect())
    }
}

impl<F: Float> Transformer<F> for FittedSimpleImputer<F> {
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input_with_missing(NAME, self.n_features_in(), x)?;
        let n_kept = self.kept.len();
        map_rows(NAME, x, n_kept + self.indicator_features.len(), |_, row, out| {
            for ((o, &j), &fill) in out.iter_mut().zip(&self.kept).zip(&self.fill) {
                let v = row[j];
                *o = if v.is_nan() { fill } else { v };
            }
            for (o, &j) in out[n_kept..].iter_mut().zip(&self.indicator_features) {
                *o = if row[j].is_nan() { F::one() } else { F::zero() };
            }
            Ok(())
        })
    }
}
