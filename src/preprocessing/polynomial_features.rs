//! [`PolynomialFeatures`]: every product of the input features up to a degree.

use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::with_n_jobs;
use crate::preprocessing::rows::map_rows;
use crate::traits::{Estimator, FeatureNames, Transformer};
use crate::validation::{check_array, check_param, check_predict_input};
use ndarray::{Array2, ArrayView1, ArrayView2};

const NAME: &str = "PolynomialFeatures";

/// The degrees of the terms [`PolynomialFeatures`] generates:
/// scikit-learn's `degree`, an int `d` (`min = 0`, `max = d`) or a pair
/// `(min_degree, max_degree)`.
///
/// Terms of degree `min..=max` are generated; degree 0 is the bias column,
/// which `include_bias` controls on its own (so `min = 0` and `min = 1` give
/// the same terms).
///
/// # Example
/// ```
/// use learnkit::preprocessing::Degree;
/// assert_eq!(Degree::from(3), Degree { min: 0, max: 3 });
/// assert_eq!(Degree::from((2, 3)), Degree { min: 2, max: 3 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Degree {
    /// The lowest degree generated (scikit-learn's `min_degree`).
    pub min: usize,
    /// The highest degree generated (scikit-learn's `max_degree`).
    pub max: usize,
}

impl From<usize> for Degree {
    /// `Degree { min: 0, max: degree }`, as scikit-learn's `degree=d`.
    ///
    /// # Example
    /// ```
    /// use learnkit::preprocessing::Degree;
    /// assert_eq!(Degree::from(2).max, 2);
    /// ```
    fn from(degree: usize) -> Self {
        Degree { min: 0, max: degree }
    }
}

impl From<(usize, usize)> for Degree {
    /// `Degree { min, max }`, as scikit-learn's `degree=(min, max)`.
    ///
    /// # Example
    /// ```
    /// use learnkit::preprocessing::Degree;
    /// assert_eq!(Degree::from((1, 2)).min, 1);
    /// ```
    fn from((min, max): (usize, usize)) -> Self {
        Degree { min, max }
    }
}

/// Generates the polynomial and interaction features: every product of the
/// input features of degree `degree.min..=degree.max`, after an optional
/// bias column of ones, in scikit-learn's column order.
///
/// For inputs `[a, b]` and degree 2 the output is `[1, a, b, a², a b, b²]`:
/// the bias, then the terms of each degree in turn, each degree's terms in
/// lexicographic order of their (sorted) feature indices.
/// [`powers`](FittedPolynomialFeatures::powers) gives each output column's
/// exponents and [`FeatureNames`] their names (`1`, `a`, `b`, `a^2`, `a b`,
/// `b^2`). With `interaction_only`, no feature appears twice in a term
/// (`[1, a, b, a b]`).
///
/// Each term is computed as scikit-learn computes it, as the term of one
/// degree less without its first feature times that feature, so the outputs
/// are the same bits as scikit-learn's in `f64` and in `f32`. The output is
/// always in row-major (scikit-learn's `order="C"`) layout; `transform` runs in
/// parallel over fixed row chunks, so it gives the same bits on any number of
/// threads.
///
/// Unsupervised, and fitting only records the number of input features: as a
/// [`Pipeline`](crate::compose::Pipeline) step it ignores the targets.
///
/// # Hyperparameters
/// - `degree` (default `2`): a [`Degree`]; `.degree(3)` or `.degree((2, 3))`.
/// - `interaction_only` (default `false`): only products of distinct features.
/// - `include_bias` (default `true`): a first column of ones.
/// - `n_jobs` (default `None`, every core): threads for transform.
///
/// # Fitted attributes
/// [`powers`](FittedPolynomialFeatures::powers) (`powers_`),
/// [`n_output_features`](FittedPolynomialFeatures::n_output_features)
/// (`n_output_features_`),
/// [`n_features_in`](FittedPolynomialFeatures::n_features_in).
///
/// # Errors
/// [`Error::InvalidParameter`] for `degree.min > degree.max`, an empty output
/// (`degree.max == 0` without the bias) or `n_jobs = Some(0)`;
/// [`Error::EmptyInput`] and [`Error::NonFinite`] for bad data (no missing
/// values, as scikit-learn); [`Error::TooLarge`] when the number of output
/// features does not fit in memory's address space (found in `fit`) or the
/// output matrix cannot be allocated (in `transform`);
/// [`Error::FeatureCountMismatch`] when transforming a matrix of another width.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
///
/// let x = array![[2.0, 3.0]];
/// let poly = PolynomialFeatures::default().fit_unsupervised(x.view())?;
/// assert_eq!(poly.transform(x.view())?, array![[1.0, 2.0, 3.0, 4.0, 6.0, 9.0]]);
/// let names = poly.get_feature_names_out(Some(&["a".to_string(), "b".to_string()]))?;
/// assert_eq!(names, ["1", "a", "b", "a^2", "a b", "b^2"]);
/// let interactions = PolynomialFeatures::default().interaction_only(true).include_bias(false);
/// assert_eq!(interactions.fit_unsupervised(x.view())?.transform(x.view())?, array![[2.0, 3.0, 6.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PolynomialFeatures {
    /// The degrees generated (scikit-learn's `degree`).
    pub degree: Degree,
    /// Only products of distinct features (scikit-learn's `interaction_only`).
    pub interaction_only: bool,
    /// A first column of ones (scikit-learn's `include_bias`).
    pub include_bias: bool,
    /// Threads for transform; `None` uses every core.
    pub n_jobs: Option<usize>,
}

impl Default for PolynomialFeatures {
    fn default() -> Self {
        PolynomialFeatures {
            degree: Degree { min: 0, max: 2 },
            interaction_only: false,
            include_bias: true,
            n_jobs: None,
        }
    }
}

setters!(PolynomialFeatures in "learnkit::preprocessing" {
    interaction_only: bool = true;
    include_bias: bool = false;
    n_jobs: Option<usize> = Some(1);
} into {
    degree: Degree = 3 => learnkit::preprocessing::Degree { min: 0, max: 3 };
} optional {});

impl PolynomialFeatures {
    fn validate(&self) -> Result<()> {
        check_param(NAME, "degree", self.degree, "min <= max", |d| d.min <= d.max)?;
        check_param(
            NAME,
            "degree",
            self.degree,
            "max >= 1 when include_bias is false (the output would be empty)",
            |d| d.max > 0 || self.include_bias,
        )?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))
    }

    /// The number of output columns for `n_features` inputs from degree
    /// `min_degree` (scikit-learn's `_num_combinations`), or `None` when it
    /// overflows.
    fn count(&self, n_features: usize, min_degree: usize) -> Option<u128> {
        let (n, max) = (n_features as u128, self.degree.max as u128);
        let terms = if self.interaction_only {
            let mut total = 0u128;
            for k in min_degree.max(1)..=self.degree.max.min(n_features) {
                total = total.checked_add(binomial(n, k as u128)?)?;
            }
            total
        } else {
            let mut total = binomial(n + max, max)? - 1;
            if min_degree > 0 {
                let d = (min_degree - 1) as u128;
                total -= binomial(n + d, d)? - 1;
            }
            total
        };
        terms.checked_add(u128::from(self.include_bias))
    }

    /// `count` as a `usize`, or [`Error::TooLarge`] beyond `isize::MAX`
    /// columns (scikit-learn's check against `np.intp`).
    fn checked_count(&self, n_features: usize, min_degree: usize) -> Result<usize> {
        let count = self.count(n_features, min_degree);
        match count.and_then(|c| isize::try_from(c).ok()) {
            Some(c) => Ok(c as usize),
            None => Err(Error::TooLarge {
                context: NAME.into(),
                what: format!(
                    "{} output features (degree {:?}, {n_features} input features, interaction_only {})",
                    count.map_or_else(|| "more than 2^128".to_string(), |c| c.to_string()),
                    self.degree,
                    self.interaction_only
                ),
                bytes: u128::MAX,
            }),
        }
    }
}

/// `C(n, k)` with checked arithmetic; every partial product
/// `C(n - k + i, i)` is an integer, so the division is exact.
fn binomial(n: u128, k: u128) -> Option<u128> {
    if k > n {
        return Some(0);
    }
    let k = k.min(n - k);
    let mut result = 1u128;
    for i in 1..=k {
        result = result.checked_mul(n - k + i)? / i;
    }
    Some(result)
}

impl<F: Float, T> Estimator<F, T> for PolynomialFeatures {
    type Fitted = FittedPolynomialFeatures;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        self.validate()?;
        check_array(NAME, x)?;
        FittedPolynomialFeatures::new(self.clone(), x.ncols())
    }
}

/// A fitted [`PolynomialFeatures`]: the number of input features, which fixes
/// the output columns. It transforms `f32` and `f64` matrices alike.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let poly = PolynomialFeatures::default().degree(3).fit_unsupervised(array![[1.0, 2.0]].view())?;
/// assert_eq!(poly.n_output_features(), 10);
/// assert_eq!(poly.transform(array![[1.0f32, 2.0]].view())?.ncols(), 10);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
pub struct FittedPolynomialFeatures {
    params: PolynomialFeatures,
    n_features_in: usize,
    n_output_features: usize,
    /// The columns computed before dropping those below `degree.min`
    /// (scikit-learn's `_n_out_full`).
    n_full: usize,
}

checked_serde!(impl[] FittedPolynomialFeatures);
persist!(impl[] FittedPolynomialFeatures => "PolynomialFeatures".to_string());

impl crate::persistence::Check for FittedPolynomialFeatures {
    /// The parameters are valid and the counts are those they give.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::ensure;
        self.params.validate().map_err(|e| e.to_string())?;
        ensure(self.n_features_in > 0, || {
            "PolynomialFeatures: no input features".to_string()
        })?;
        let derived =
            FittedPolynomialFeatures::new(self.params.clone(), self.n_features_in).map_err(|e| e.to_string())?;
        ensure(derived == *self, || {
            format!(
                "PolynomialFeatures: {} and {} output features disagree with the parameters and {} input features",
                self.n_output_features, self.n_full, self.n_features_in
            )
        })
    }
}

/// One step of the transform: output columns `dst..dst + src.len()` are the
/// columns `src` times input feature `feature`.
struct Segment {
    src: std::ops::Range<usize>,
    dst: usize,
    feature: usize,
}

impl FittedPolynomialFeatures {
    fn new(params: PolynomialFeatures, n_features_in: usize) -> Result<Self> {
        let n_output_features = params.checked_count(n_features_in, params.degree.min)?;
        let n_full = params.checked_count(n_features_in, 0)?;
        Ok(FittedPolynomialFeatures {
            params,
            n_features_in,
            n_output_features,
            n_full,
        })
    }

    /// Number of features seen in fit (`n_features_in_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let poly = PolynomialFeatures::default().fit_unsupervised(array![[1.0, 2.0, 3.0]].view())?;
    /// assert_eq!(poly.n_features_in(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features_in
    }

    /// Number of output columns (`n_output_features_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[1.0, 2.0, 3.0]];
    /// let poly = PolynomialFeatures::default().degree((2, 2)).include_bias(false).fit_unsupervised(x.view())?;
    /// assert_eq!(poly.n_output_features(), 6); // the six products of two features
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_output_features(&self) -> usize {
        self.n_output_features
    }

    /// The exponent of each input feature in each output column
    /// (scikit-learn's `powers_`): one row per output column, one column per
    /// input feature.
    ///
    /// # Errors
    /// [`Error::TooLarge`] when the `n_output_features × n_features_in`
    /// matrix cannot be allocated.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let poly = PolynomialFeatures::default().fit_unsupervised(array![[1.0, 2.0]].view())?;
    /// assert_eq!(poly.powers()?, array![[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn powers(&self) -> Result<Array2<usize>> {
        let mut powers = crate::alloc::try_zeros::<usize>(
            NAME,
            || format!("the {} × {} powers", self.n_output_features, self.n_features_in),
            (self.n_output_features, self.n_features_in),
        )?;
        for (mut row, term) in powers.rows_mut().into_iter().zip(self.terms()) {
            for j in term {
                row[j] += 1;
            }
        }
        Ok(powers)
    }

    /// The output columns' names (scikit-learn's `get_feature_names_out`):
    /// `1` for the bias, otherwise the term's features in input order
    /// separated by spaces, each with `^k` when its exponent `k` is not 1
    /// (`x0^2`, `x0 x1`, `age^2 bmi`). The inputs are named `x0`, `x1`, …
    /// unless `input_names` gives one name per input feature.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `input_names` has the wrong length,
    /// [`Error::TooLarge`] when the names cannot be allocated.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let poly = PolynomialFeatures::default().degree((2, 3)).fit_unsupervised(array![[1.0, 2.0]].view())?;
    /// assert_eq!(
    ///     poly.feature_names_out(None)?,
    ///     ["1", "x0^2", "x0 x1", "x1^2", "x0^3", "x0^2 x1", "x0 x1^2", "x1^3"]
    /// );
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn feature_names_out(&self, input_names: Option<&[String]>) -> Result<Vec<String>> {
        let inputs = crate::feature_names::names_in(NAME, self.n_features_in, input_names)?;
        let mut names = crate::alloc::try_with_capacity::<String>(
            NAME,
            || format!("{} feature names", self.n_output_features),
            self.n_output_features,
        )?;
        for term in self.terms() {
            if term.is_empty() {
                names.push("1".to_string());
                continue;
            }
            // A term's indices are sorted: equal ones are adjacent.
            let mut parts = Vec::new();
            let mut i = 0;
            while i < term.len() {
                let j = term[i];
                let exponent = term[i..].iter().take_while(|&&k| k == j).count();
                parts.push(if exponent == 1 {
                    inputs[j].clone()
                } else {
                    format!("{}^{exponent}", inputs[j])
                });
                i += exponent;
            }
            names.push(parts.join(" "));
        }
        Ok(names)
    }

    /// The output columns as sorted lists of input indices, in order
    /// (scikit-learn's `_combinations`): the bias (empty), then for each
    /// degree the combinations (with repetition unless `interaction_only`)
    /// in lexicographic order.
    fn terms(&self) -> impl Iterator<Item = Vec<usize>> + '_ {
        let n = self.n_features_in;
        let bias = self.params.include_bias.then(Vec::new);
        let degrees = self.params.degree.min.max(1)..=self.params.degree.max;
        let interaction_only = self.params.interaction_only;
        let terms = degrees
            .take_while(move |&k| !interaction_only || k <= n)
            .flat_map(move |k| Combinations::new(n, k, interaction_only));
        bias.into_iter().chain(terms)
    }

    /// The transform's steps for one row, as scikit-learn's dense transform
    /// lays them out: after the bias and the inputs, each degree's terms are,
    /// for each feature `f`, the previous degree's terms that start at `f`
    /// (after `f` with `interaction_only`) times feature `f`.
    fn segments(&self) -> Vec<Segment> {
        let n = self.n_features_in;
        let mut segments = Vec::new();
        if self.params.degree.max == 0 {
            return segments;
        }
        let mut current = usize::from(self.params.include_bias);
        // index[f]: where the previous degree's terms starting with feature f begin.
        let mut index: Vec<usize> = (current..=current + n).collect();
        current += n;
        for _ in 2..=self.params.degree.max {
            let mut next_index = Vec::with_capacity(n + 1);
            let end = index[index.len() - 1];
            let before = segments.len();
            for feature in 0..n {
                next_index.push(current);
                let mut start = index[feature];
                if self.params.interaction_only {
                    // `index` is at least `feature + 2` long here: a shorter
                    // one ended with a segment break at `feature - 1`.
                    start = index[feature + 1];
                }
                if start >= end {
                    break;
                }
                segments.push(Segment {
                    src: start..end,
                    dst: current,
                    feature,
                });
                current += end - start;
            }
            next_index.push(current);
            index = next_index;
            if segments.len() == before {
                // No term of this degree, so none of any higher one.
                break;
            }
        }
        segments
    }

    /// Fills `buf` (the `n_full` columns) for one row.
    fn fill_row<F: Float>(&self, segments: &[Segment], row: ArrayView1<'_, F>, buf: &mut [F]) {
        let bias = usize::from(self.params.include_bias);
        if bias == 1 {
            buf[0] = F::one();
        }
        if self.params.degree.max == 0 {
            return;
        }
        for (o, &v) in buf[bias..bias + row.len()].iter_mut().zip(row.iter()) {
            *o = v;
        }
        for segment in segments {
            let factor = row[segment.feature];
            let (head, tail) = buf.split_at_mut(segment.dst);
            for (o, &v) in tail[..segment.src.len()].iter_mut().zip(&head[segment.src.clone()]) {
                *o = v * factor;
            }
        }
    }
}

impl<F: Float> Transformer<F> for FittedPolynomialFeatures {
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input(NAME, self.n_features_in, x)?;
        // The sizes are checked before any work that grows with them.
        crate::alloc::check_fits_values::<F>(
            NAME,
            || format!("the {} × {} output", x.nrows(), self.n_output_features),
            &[x.nrows(), self.n_output_features],
        )?;
        let truncated = self.n_full != self.n_output_features;
        if truncated {
            crate::alloc::check_fits_values::<F>(NAME, || format!("a row of {} terms", self.n_full), &[self.n_full])?;
        }
        let segments = self.segments();
        let bias = usize::from(self.params.include_bias);
        let skipped = self.n_full - self.n_output_features;
        with_n_jobs(self.params.n_jobs, || {
            map_rows(NAME, x, self.n_output_features, |_, row, out| {
                if truncated {
                    // The lower degrees are needed to build the kept ones.
                    let mut full = vec![F::zero(); self.n_full];
                    self.fill_row(&segments, row, &mut full);
                    out[bias..].copy_from_slice(&full[skipped + bias..]);
                    if bias == 1 {
                        out[0] = F::one();
                    }
                } else {
                    self.fill_row(&segments, row, out);
                }
                Ok(())
            })
        })?
    }
}

impl FeatureNames for FittedPolynomialFeatures {
    /// [`FittedPolynomialFeatures::feature_names_out`].
    fn get_feature_names_out(&self, input_features: Option<&[String]>) -> Result<Vec<String>> {
        self.feature_names_out(input_features)
    }
}

/// The `k`-combinations of `0..n` (with repetition unless `distinct`), as
/// sorted index lists in lexicographic order: Python's `combinations` /
/// `combinations_with_replacement`.
struct Combinations {
    n: usize,
    distinct: bool,
    current: Option<Vec<usize>>,
}

impl Combinations {
    fn new(n: usize, k: usize, distinct: bool) -> Self {
        let first: Vec<usize> = if distinct { (0..k).collect() } else { vec![0; k] };
        let valid = if distinct { k <= n } else { n > 0 || k == 0 };
        Combinations {
            n,
            distinct,
            current: valid.then_some(first),
        }
    }
}

impl Iterator for Combinations {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        let current = self.current.take()?;
        let k = current.len();
        let mut next = current.clone();
        // The rightmost position that can still grow: its maximum is n - 1,
        // or n - k + i for distinct indices.
        let max_at = |i: usize| if self.distinct { self.n - k + i } else { self.n - 1 };
        if let Some(i) = (0..k).rev().find(|&i| next[i] < max_at(i)) {
            next[i] += 1;
            for j in i + 1..k {
                next[j] = if self.distinct { next[j - 1] + 1 } else { next[i] };
            }
            self.current = Some(next);
        }
        Some(current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::traits::UnsupervisedEstimator;
    use ndarray::array;

    #[test]
    fn counts_agree_with_the_generated_terms() {
        for interaction_only in [false, true] {
            for include_bias in [false, true] {
                for n in 1..5 {
                    for min in 0..4 {
                        for max in min.max(1)..5 {
                            let params = PolynomialFeatures::default()
                                .degree((min, max))
                                .interaction_only(interaction_only)
                                .include_bias(include_bias);
                            let fitted = FittedPolynomialFeatures::new(params, n).unwrap();
                            assert_eq!(fitted.terms().count(), fitted.n_output_features());
                            let x = Array2::from_shape_fn((2, n), |(i, j)| (i + 2 * j) as f64 + 1.5);
                            let out = fitted.transform(x.view()).unwrap();
                            let powers = fitted.powers().unwrap();
                            for (col, p) in powers.rows().into_iter().enumerate() {
                                for i in 0..2 {
                                    let expected: f64 =
                                        p.iter().enumerate().map(|(j, &e)| x[[i, j]].powi(e as i32)).product();
                                    assert_eq!(out[[i, col]], expected, "{min} {max} {n} {interaction_only}");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn huge_outputs_are_errors_not_aborts() {
        let x = Array2::<f64>::ones((2, 1000));
        let err = PolynomialFeatures::default()
            .degree(100)
            .fit_unsupervised(x.view())
            .unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");
        // Fits, but the output matrix cannot be allocated.
        let one = Array2::<f64>::ones((1000, 1));
        let fitted = PolynomialFeatures::default()
            .degree(1 << 60)
            .fit_unsupervised(one.view())
            .unwrap();
        assert!(matches!(fitted.transform(one.view()), Err(Error::TooLarge { .. })));
        // Interaction terms stop at the number of features, whatever the degree.
        let fitted = PolynomialFeatures::default()
            .degree(usize::MAX)
            .interaction_only(true)
            .fit_unsupervised(array![[2.0, 3.0]].view())
            .unwrap();
        assert_eq!(
            fitted.transform(array![[2.0, 3.0]].view()).unwrap(),
            array![[1.0, 2.0, 3.0, 6.0]]
        );
    }

    #[test]
    fn invalid_degrees_are_named() {
        let x = array![[1.0]];
        for params in [
            PolynomialFeatures::default().degree((3, 2)),
            PolynomialFeatures::default().degree(0).include_bias(false),
        ] {
            let err = params.fit_unsupervised(x.view()).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidParameter {
                        parameter: "degree",
                        ..
                    }
                ),
                "{err:?}"
            );
        }
        let bias_only = PolynomialFeatures::default()
            .degree(0)
            .fit_unsupervised(x.view())
            .unwrap();
        assert_eq!(
            bias_only.transform(array![[5.0], [6.0]].view()).unwrap(),
            array![[1.0], [1.0]]
        );
        assert_eq!(bias_only.feature_names_out(None).unwrap(), ["1"]);
    }
}
