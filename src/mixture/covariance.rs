//! The four covariance structures of a Gaussian mixture and the
//! conversions between covariances, precisions and precision Cholesky
//! factors, as scikit-learn's `_compute_precision_cholesky`,
//! `_compute_precision_cholesky_from_precisions` and
//! `_compute_log_det_cholesky`.

use crate::error::{Error, Result};
use crate::linalg::{cholesky_lower, symmetric_eigen};
use ndarray::{Array1, Array2, Array3, ArrayView2, ArrayViewD, Axis, s};

/// The covariance structure of every component (scikit-learn's
/// `covariance_type`).
///
/// # Example
/// ```
/// use learnkit::mixture::CovarianceType;
/// assert_eq!(CovarianceType::default(), CovarianceType::Full);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum CovarianceType {
    /// Each component has its own general covariance matrix.
    #[default]
    Full,
    /// All components share one general covariance matrix.
    Tied,
    /// Each component has its own diagonal covariance matrix.
    Diag,
    /// Each component has its own single variance.
    Spherical,
}

/// Covariances, precisions or precision Cholesky factors in scikit-learn's
/// layout for each [`CovarianceType`]: `Full` is `(n_components,
/// n_features, n_features)`, `Tied` `(n_features, n_features)`, `Diag`
/// `(n_components, n_features)` and `Spherical` `(n_components,)`.
///
/// # Example
/// ```
/// use learnkit::mixture::{CovarianceArray, CovarianceType};
/// use ndarray::array;
/// let precisions = CovarianceArray::Diag(array![[1.0, 2.0], [0.5, 4.0]]);
/// assert_eq!(precisions.covariance_type(), CovarianceType::Diag);
/// assert_eq!(precisions.view().shape(), &[2, 2]);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum CovarianceArray {
    /// One `n_features × n_features` matrix per component.
    Full(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))] Array3<f64>),
    /// One `n_features × n_features` matrix shared by every component.
    Tied(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))] Array2<f64>),
    /// One row of `n_features` per-feature values per component.
    Diag(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))] Array2<f64>),
    /// One value per component.
    Spherical(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))] Array1<f64>),
}

impl CovarianceArray {
    /// The covariance type this layout belongs to.
    ///
    /// # Example
    /// ```
    /// use learnkit::mixture::{CovarianceArray, CovarianceType};
    /// assert_eq!(CovarianceArray::Spherical(ndarray::array![1.0]).covariance_type(), CovarianceType::Spherical);
    /// ```
    pub fn covariance_type(&self) -> CovarianceType {
        match self {
            CovarianceArray::Full(_) => CovarianceType::Full,
            CovarianceArray::Tied(_) => CovarianceType::Tied,
            CovarianceArray::Diag(_) => CovarianceType::Diag,
            CovarianceArray::Spherical(_) => CovarianceType::Spherical,
        }
    }

    /// The values in scikit-learn's shape, as a dynamic-dimensional view.
    ///
    /// # Example
    /// ```
    /// use learnkit::mixture::CovarianceArray;
    /// let tied = CovarianceArray::Tied(ndarray::Array2::eye(3));
    /// assert_eq!(tied.view().shape(), &[3, 3]);
    /// ```
    pub fn view(&self) -> ArrayViewD<'_, f64> {
        match self {
            CovarianceArray::Full(a) => a.view().into_dyn(),
            CovarianceArray::Tied(a) | CovarianceArray::Diag(a) => a.view().into_dyn(),
            CovarianceArray::Spherical(a) => a.view().into_dyn(),
        }
    }

    /// The shape this type must have for `k` components of `d` features.
    pub(crate) fn expected_shape(covariance_type: CovarianceType, k: usize, d: usize) -> Vec<usize> {
        match covariance_type {
            CovarianceType::Full => vec![k, d, d],
            CovarianceType::Tied => vec![d, d],
            CovarianceType::Diag => vec![k, d],
            CovarianceType::Spherical => vec![k],
        }
    }

    /// Whether the layout is `covariance_type`'s for `k` components of `d` features.
    pub(crate) fn has_shape(&self, covariance_type: CovarianceType, k: usize, d: usize) -> bool {
        self.covariance_type() == covariance_type && self.view().shape() == Self::expected_shape(covariance_type, k, d)
    }
}

/// scikit-learn's message when a covariance cannot be factored.
const ILL_DEFINED: &str = "Fitting the mixture model failed because some components have ill-defined empirical \
    covariance (for instance caused by singleton or collapsed samples). Try to decrease the number of components, \
    increase reg_covar, or scale the input data.";

fn ill_defined(context: &'static str) -> Error {
    Error::NotConverged {
        context: context.into(),
        message: ILL_DEFINED.into(),
    }
}

/// `(l⁻¹)ᵀ` for the lower Cholesky factor `l` of `covariance`: the upper
/// triangular precision factor `u` with `precision = u·uᵀ`.
fn precision_factor(context: &'static str, covariance: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
    let l = cholesky_lower(covariance.to_owned()).ok_or_else(|| ill_defined(context))?;
    let d = l.nrows();
    // Forward substitution column by column: l · inv = I.
    let mut inv = Array2::<f64>::zeros((d, d));
    for c in 0..d {
        for i in c..d {
            let mut v = if i == c { 1.0 } else { 0.0 };
            for j in c..i {
                v -= l[[i, j]] * inv[[j, c]];
            }
            inv[[i, c]] = v / l[[i, i]];
        }
    }
    Ok(inv.reversed_axes())
}

/// The precision Cholesky factors of `covariances` (scikit-learn's
/// `_compute_precision_cholesky`).
pub(crate) fn precision_cholesky(context: &'static str, covariances: &CovarianceArray) -> Result<CovarianceArray> {
    Ok(match covariances {
        CovarianceArray::Full(c) => {
            let mut out = Array3::<f64>::zeros(c.dim());
            for (k, cov) in c.axis_iter(Axis(0)).enumerate() {
                out.index_axis_mut(Axis(0), k).assign(&precision_factor(context, cov)?);
            }
            CovarianceArray::Full(out)
        }
        CovarianceArray::Tied(c) => CovarianceArray::Tied(precision_factor(context, c.view())?),
        CovarianceArray::Diag(c) => CovarianceArray::Diag(positive_inverse_sqrt(context, c)?),
        CovarianceArray::Spherical(c) => CovarianceArray::Spherical(positive_inverse_sqrt(context, c)?),
    })
}

fn positive_inverse_sqrt<D: ndarray::Dimension>(
    context: &'static str,
    c: &ndarray::Array<f64, D>,
) -> Result<ndarray::Array<f64, D>> {
    if c.iter().any(|&v| v.is_nan() || v <= 0.0) {
        return Err(ill_defined(context));
    }
    Ok(c.mapv(|v| 1.0 / v.sqrt()))
}

/// Reverses both axes of a square matrix.
fn flip(m: ArrayView2<'_, f64>) -> Array2<f64> {
    m.slice(s![..;-1, ..;-1]).to_owned()
}

/// The upper factor `u` of a precision matrix with `precision = u·uᵀ`,
/// from the lower Cholesky factor of the matrix with reversed axes
/// (scikit-learn's `_compute_precision_cholesky_from_precisions`).
fn factor_of_precision(context: &'static str, precision: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
    let l = cholesky_lower(flip(precision)).ok_or_else(|| {
        Error::invalid_parameter(
            context,
            "precisions_init",
            "symmetric, positive-definite precisions",
            "a matrix that is not",
        )
    })?;
    Ok(flip(l.view()))
}

/// The precision Cholesky factors of given precisions.
pub(crate) fn cholesky_of_precisions(context: &'static str, precisions: &CovarianceArray) -> Result<CovarianceArray> {
    Ok(match precisions {
        CovarianceArray::Full(p) => {
            let mut out = Array3::<f64>::zeros(p.dim());
            for (k, pk) in p.axis_iter(Axis(0)).enumerate() {
                out.index_axis_mut(Axis(0), k)
                    .assign(&factor_of_precision(context, pk)?);
            }
            CovarianceArray::Full(out)
        }
        CovarianceArray::Tied(p) => CovarianceArray::Tied(factor_of_precision(context, p.view())?),
        CovarianceArray::Diag(p) => CovarianceArray::Diag(p.mapv(f64::sqrt)),
        CovarianceArray::Spherical(p) => CovarianceArray::Spherical(p.mapv(f64::sqrt)),
    })
}

/// The precisions `u·uᵀ` (or squares) from their Cholesky factors.
pub(crate) fn precisions_from_cholesky(chol: &CovarianceArray) -> CovarianceArray {
    match chol {
        CovarianceArray::Full(u) => {
            let mut out = Array3::<f64>::zeros(u.dim());
            for (k, uk) in u.axis_iter(Axis(0)).enumerate() {
                out.index_axis_mut(Axis(0), k).assign(&uk.dot(&uk.t()));
            }
            CovarianceArray::Full(out)
        }
        CovarianceArray::Tied(u) => CovarianceArray::Tied(u.dot(&u.t())),
        CovarianceArray::Diag(u) => CovarianceArray::Diag(u.mapv(|v| v * v)),
        CovarianceArray::Spherical(u) => CovarianceArray::Spherical(u.mapv(|v| v * v)),
    }
}

/// The covariances from the precision Cholesky factors, `(u·uᵀ)⁻¹`: only
/// needed when no M-step ran (`max_iter = 0` from given precisions).
pub(crate) fn covariances_from_cholesky(context: &'static str, chol: &CovarianceArray) -> Result<CovarianceArray> {
    // (u uᵀ)⁻¹ = u⁻ᵀ u⁻¹; u⁻ᵀ is the precision factor of u·uᵀ's inverse,
    // so invert through the covariance routine on the precisions.
    Ok(match precisions_from_cholesky(chol) {
        CovarianceArray::Full(p) => {
            let mut out = Array3::<f64>::zeros(p.dim());
            for (k, pk) in p.axis_iter(Axis(0)).enumerate() {
                let f = precision_factor(context, pk)?;
                out.index_axis_mut(Axis(0), k).assign(&f.dot(&f.t()));
            }
            CovarianceArray::Full(out)
        }
        CovarianceArray::Tied(p) => {
            let f = precision_factor(context, p.view())?;
            CovarianceArray::Tied(f.dot(&f.t()))
        }
        CovarianceArray::Diag(p) => CovarianceArray::Diag(p.mapv(|v| 1.0 / v)),
        CovarianceArray::Spherical(p) => CovarianceArray::Spherical(p.mapv(|v| 1.0 / v)),
    })
}

/// `log det` of each component's precision Cholesky factor (the sum of the
/// logs of its diagonal), one value per component.
pub(crate) fn log_det_cholesky(chol: &CovarianceArray, n_components: usize, n_features: usize) -> Array1<f64> {
    match chol {
        CovarianceArray::Full(u) => u
            .axis_iter(Axis(0))
            .map(|uk| uk.diag().iter().map(|v| v.ln()).sum())
            .collect(),
        CovarianceArray::Tied(u) => Array1::from_elem(n_components, u.diag().iter().map(|v| v.ln()).sum()),
        CovarianceArray::Diag(u) => u.rows().into_iter().map(|r| r.iter().map(|v| v.ln()).sum()).collect(),
        CovarianceArray::Spherical(u) => u.mapv(|v| n_features as f64 * v.ln()),
    }
}

/// The number of free parameters of a mixture (for [`bic`] and [`aic`]).
///
/// [`bic`]: super::FittedGaussianMixture::bic
/// [`aic`]: super::FittedGaussianMixture::aic
pub(crate) fn n_parameters(covariance_type: CovarianceType, k: usize, d: usize) -> f64 {
    let (k, d) = (k as f64, d as f64);
    let covariance = match covariance_type {
        CovarianceType::Full => k * d * (d + 1.0) / 2.0,
        CovarianceType::Diag => k * d,
        CovarianceType::Tied => d * (d + 1.0) / 2.0,
        CovarianceType::Spherical => k,
    };
    // scikit-learn truncates to an integer.
    (covariance + d * k + k - 1.0).trunc()
}

/// Checks given precisions as scikit-learn's `_check_precisions`: the
/// layout of `covariance_type` for `k` components of `d` features, finite,
/// symmetric (to `isclose`) and positive definite (every eigenvalue > 0)
/// matrices, positive values for `Diag` and `Spherical`.
pub(crate) fn check_precisions_init(
    context: &'static str,
    precisions: &CovarianceArray,
    covariance_type: CovarianceType,
    k: usize,
    d: usize,
) -> Result<()> {
    if !precisions.has_shape(covariance_type, k, d) {
        return Err(Error::invalid_parameter(
            context,
            "precisions_init",
            format!(
                "a {covariance_type:?} array of shape {:?}",
                CovarianceArray::expected_shape(covariance_type, k, d)
            ),
            format!(
                "{:?} of shape {:?}",
                precisions.covariance_type(),
                precisions.view().shape()
            ),
        ));
    }
    if precisions.view().iter().any(|v| !v.is_finite()) {
        return Err(Error::invalid_parameter(
            context,
            "precisions_init",
            "finite values",
            "a NaN or infinity",
        ));
    }
    let not_pd = || {
        Error::invalid_parameter(
            context,
            "precisions_init",
            format!("{covariance_type:?} precisions that are symmetric, positive-definite"),
            "a matrix that is not",
        )
    };
    let check_matrix = |m: ArrayView2<'_, f64>| -> Result<()> {
        let symmetric = m
            .indexed_iter()
            .all(|((i, j), &v)| (v - m[[j, i]]).abs() <= 1e-8 + 1e-5 * m[[j, i]].abs());
        if !symmetric {
            return Err(not_pd());
        }
        let (eigenvalues, _) = symmetric_eigen(m)?;
        if eigenvalues.iter().all(|&e| e > 0.0) {
            Ok(())
        } else {
            Err(not_pd())
        }
    };
    match precisions {
        CovarianceArray::Full(p) => p.axis_iter(Axis(0)).try_for_each(check_matrix),
        CovarianceArray::Tied(p) => check_matrix(p.view()),
        CovarianceArray::Diag(_) | CovarianceArray::Spherical(_) => {
            if precisions.view().iter().all(|&v| v > 0.0) {
                Ok(())
            } else {
                Err(Error::invalid_parameter(
                    context,
                    "precisions_init",
                    format!("positive {covariance_type:?} precisions"),
                    "a value <= 0",
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn factors_round_trip_between_covariances_and_precisions() {
        let cov = array![[[4.0, 1.0], [1.0, 3.0]]];
        let chol = precision_cholesky("T", &CovarianceArray::Full(cov.clone())).unwrap();
        let precisions = precisions_from_cholesky(&chol);
        let CovarianceArray::Full(p) = &precisions else {
            panic!()
        };
        let identity = cov.index_axis(Axis(0), 0).dot(&p.index_axis(Axis(0), 0));
        assert!((identity - Array2::<f64>::eye(2)).iter().all(|v| v.abs() < 1e-14));
        // The factor recovered from the precisions is the same upper factor.
        let again = cholesky_of_precisions("T", &precisions).unwrap();
        let (CovarianceArray::Full(a), CovarianceArray::Full(b)) = (&chol, &again) else {
            panic!()
        };
        assert!((a - b).iter().all(|v| v.abs() < 1e-14));
        let back = covariances_from_cholesky("T", &chol).unwrap();
        let CovarianceArray::Full(back) = back else { panic!() };
        assert!((back - cov).iter().all(|v| v.abs() < 1e-13));
    }

    #[test]
    fn indefinite_matrices_are_refused() {
        let bad = CovarianceArray::Tied(array![[1.0, 2.0], [2.0, 1.0]]);
        assert!(precision_cholesky("T", &bad).is_err());
        assert!(check_precisions_init("T", &bad, CovarianceType::Tied, 3, 2).is_err());
        let asymmetric = CovarianceArray::Tied(array![[1.0, 0.1], [0.0, 1.0]]);
        assert!(check_precisions_init("T", &asymmetric, CovarianceType::Tied, 3, 2).is_err());
        let wrong = CovarianceArray::Diag(array![[1.0, 1.0]]);
        assert!(check_precisions_init("T", &wrong, CovarianceType::Diag, 2, 2).is_err());
        assert!(check_precisions_init("T", &wrong, CovarianceType::Spherical, 1, 2).is_err());
    }
}
