//! GaussianMixture against scikit-learn 1.9.1
//! (tests/fixtures/gaussian_mixture.json, from
//! tools/reference/gaussian_mixture.py; the data are in the fixture).
//!
//! Every case starts from explicit weights, means and precisions (or has one
//! component), so both sides run the same EM path: `n_iter`, `converged`
//! and the labels are equal; weights, means, covariances, precisions, their
//! Cholesky factors, the lower bound, predict_proba, score_samples, score,
//! bic and aic agree to 1e-10 relative to the largest magnitude of each
//! array (measured: about 1e-12).

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::mixture::{CovarianceArray, CovarianceType, FittedGaussianMixture, GaussianMixture, InitParams};
use learnkit::prelude::*;
use ndarray::{Array1, Array2, Array3, ArrayD, IxDyn, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/gaussian_mixture.json")).unwrap()
}

const TOL: f64 = 1e-10;

/// Every number of a nested JSON array, with its shape.
fn nd(value: &Value) -> ArrayD<f64> {
    fn shape(v: &Value, out: &mut Vec<usize>) {
        if let Value::Array(items) = v {
            out.push(items.len());
            if let Some(first) = items.first() {
                shape(first, out);
            }
        }
    }
    fn flat(v: &Value, out: &mut Vec<f64>) {
        match v {
            Value::Array(items) => items.iter().for_each(|i| flat(i, out)),
            other => out.push(other.as_f64().expect("a number")),
        }
    }
    let (mut dims, mut values) = (Vec::new(), Vec::new());
    shape(value, &mut dims);
    flat(value, &mut values);
    ArrayD::from_shape_vec(IxDyn(&dims), values).unwrap()
}

fn close(case: &str, what: &str, got: &ArrayD<f64>, want: &ArrayD<f64>) {
    assert_eq!(got.shape(), want.shape(), "{case}: {what} shape");
    let scale = want.iter().fold(1e-300f64, |m, v| m.max(v.abs()));
    let worst = got.iter().zip(want).map(|(g, w)| (g - w).abs()).fold(0.0, f64::max);
    assert!(
        worst <= TOL * scale,
        "{case}: {what}: largest difference {worst:e} (scale {scale:e})"
    );
}

fn covariance_type(name: &str) -> CovarianceType {
    match name {
        "full" => CovarianceType::Full,
        "tied" => CovarianceType::Tied,
        "diag" => CovarianceType::Diag,
        "spherical" => CovarianceType::Spherical,
        other => panic!("unknown covariance type {other}"),
    }
}

fn precisions(kind: CovarianceType, value: &Value) -> CovarianceArray {
    let a = nd(value);
    match kind {
        CovarianceType::Full => CovarianceArray::Full(a.into_dimensionality::<ndarray::Ix3>().unwrap()),
        CovarianceType::Tied => CovarianceArray::Tied(a.into_dimensionality().unwrap()),
        CovarianceType::Diag => CovarianceArray::Diag(a.into_dimensionality().unwrap()),
        _ => CovarianceArray::Spherical(a.into_dimensionality().unwrap()),
    }
}

/// The estimator of a fixture case.
fn model(fixture: &Value, case: &Value) -> GaussianMixture {
    let params = &case["params"];
    let kind = covariance_type(params["covariance_type"].as_str().unwrap());
    let mut gmm = GaussianMixture::default()
        .n_components(params["n_components"].as_u64().unwrap() as usize)
        .covariance_type(kind);
    if let Some(tol) = params.get("tol") {
        gmm = gmm.tol(tol.as_f64().unwrap());
    }
    if let Some(max_iter) = params.get("max_iter") {
        gmm = gmm.max_iter(max_iter.as_u64().unwrap() as usize);
    }
    if let Some(reg) = params.get("reg_covar") {
        gmm = gmm.reg_covar(reg.as_f64().unwrap());
    }
    if case["explicit"].as_bool().unwrap() {
        let name = params["covariance_type"].as_str().unwrap();
        gmm = gmm
            .weights_init(vector(&fixture["weights_init"]))
            .means_init(matrix(&fixture["means_init"]))
            .precisions_init(precisions(kind, &fixture["precisions_init"][name]));
    }
    gmm
}

fn labels(value: &Value) -> Array1<i64> {
    value.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect()
}

fn scalar(v: f64) -> ArrayD<f64> {
    ArrayD::from_elem(IxDyn(&[]), v)
}

#[test]
fn fits_match_scikit_learn() {
    let fixture = fixture();
    let x = matrix(&fixture["X"]);
    for (name, case) in fixture["cases"].as_object().unwrap() {
        let (fitted, fit_labels): (FittedGaussianMixture<f64>, _) =
            model(&fixture, case).fit_predict(x.view()).unwrap();
        assert_eq!(
            fitted.n_iter() as u64,
            case["n_iter"].as_u64().unwrap(),
            "{name}: n_iter"
        );
        assert_eq!(
            fitted.converged(),
            case["converged"].as_bool().unwrap(),
            "{name}: converged"
        );
        assert_eq!(fit_labels, labels(&case["fit_predict"]), "{name}: fit_predict");
        assert_eq!(
            fitted.predict(x.view()).unwrap(),
            labels(&case["predict"]),
            "{name}: predict"
        );
        close(
            name,
            "weights",
            &fitted.weights().clone().into_dyn(),
            &nd(&case["weights"]),
        );
        close(name, "means", &fitted.means().clone().into_dyn(), &nd(&case["means"]));
        close(
            name,
            "covariances",
            &fitted.covariances().view().to_owned(),
            &nd(&case["covariances"]),
        );
        close(
            name,
            "precisions",
            &fitted.precisions().view().to_owned(),
            &nd(&case["precisions"]),
        );
        close(
            name,
            "precisions_cholesky",
            &fitted.precisions_cholesky().view().to_owned(),
            &nd(&case["precisions_cholesky"]),
        );
        let f = |key: &str| case[key].as_f64().unwrap();
        close(
            name,
            "lower_bound",
            &scalar(fitted.lower_bound()),
            &scalar(f("lower_bound")),
        );
        close(
            name,
            "predict_proba",
            &fitted.predict_proba(x.view()).unwrap().into_dyn(),
            &nd(&case["predict_proba"]),
        );
        close(
            name,
            "score_samples",
            &fitted.score_samples(x.view()).unwrap().into_dyn(),
            &nd(&case["score_samples"]),
        );
        close(
            name,
            "score",
            &scalar(fitted.score(x.view()).unwrap()),
            &scalar(f("score")),
        );
        close(name, "bic", &scalar(fitted.bic(x.view()).unwrap()), &scalar(f("bic")));
        close(name, "aic", &scalar(fitted.aic(x.view()).unwrap()), &scalar(f("aic")));
    }
}

/// A fit on more rows than one chunk (4096) is bit-identical on 1 and 2
/// threads, for each covariance type and a random initialisation.
#[test]
fn fits_are_the_same_on_any_number_of_threads() {
    let x = Array2::from_shape_fn((9000, 3), |(i, j)| {
        let c = (i % 3) as f64;
        c * 4.0 + ((i * 7919 + j * 104729) % 1000) as f64 / 500.0 + j as f64 * c
    });
    for kind in [
        CovarianceType::Full,
        CovarianceType::Tied,
        CovarianceType::Diag,
        CovarianceType::Spherical,
    ] {
        let fit = |threads| {
            common::on_threads(threads, || {
                GaussianMixture::default()
                    .n_components(3)
                    .covariance_type(kind)
                    .init_params(InitParams::Random)
                    .max_iter(5)
                    .random_state(4)
                    .fit_predict(x.view())
                    .unwrap()
            })
        };
        let ((one, labels_one), (two, labels_two)): ((FittedGaussianMixture<f64>, _), (FittedGaussianMixture<f64>, _)) =
            (fit(1), fit(2));
        assert_eq!(one, two, "{kind:?}");
        assert_eq!(labels_one, labels_two);
        assert_eq!(one.lower_bound().to_bits(), two.lower_bound().to_bits());
    }
}

#[test]
fn bad_parameters_and_inits_give_named_errors() {
    let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]];
    let fit = |g: GaussianMixture| g.fit_unsupervised(x.view()).map(|_: FittedGaussianMixture<f64>| ());
    let parameter = |g: GaussianMixture| match fit(g) {
        Err(learnkit::Error::InvalidParameter { parameter, .. }) => parameter,
        other => panic!("expected InvalidParameter, got {other:?}"),
    };
    assert_eq!(parameter(GaussianMixture::default().n_components(0)), "n_components");
    assert!(matches!(
        fit(GaussianMixture::default().n_components(5)),
        Err(learnkit::Error::InvalidInput { .. })
    ));
    assert_eq!(parameter(GaussianMixture::default().reg_covar(-1e-3)), "reg_covar");
    assert_eq!(parameter(GaussianMixture::default().tol(f64::NAN)), "tol");
    assert_eq!(parameter(GaussianMixture::default().n_init(0)), "n_init");
    let two = || {
        GaussianMixture::default()
            .n_components(2)
            .init_params(InitParams::Random)
            .random_state(0)
    };
    assert_eq!(parameter(two().weights_init(array![0.5, 0.6])), "weights_init");
    assert_eq!(parameter(two().weights_init(array![1.0])), "weights_init");
    assert_eq!(parameter(two().weights_init(array![-0.5, 1.5])), "weights_init");
    assert_eq!(parameter(two().means_init(array![[0.0, 0.0]])), "means_init");
    assert_eq!(parameter(two().means_init(array![[0.0], [1.0]])), "means_init");
    // Precisions of the wrong layout, shape, or not positive definite.
    assert_eq!(
        parameter(two().precisions_init(CovarianceArray::Diag(array![[1.0, 1.0], [1.0, 1.0]]))),
        "precisions_init"
    );
    assert_eq!(
        parameter(
            two()
                .covariance_type(CovarianceType::Spherical)
                .precisions_init(CovarianceArray::Spherical(array![1.0]))
        ),
        "precisions_init"
    );
    let indefinite = Array3::from_shape_vec((2, 2, 2), vec![1.0, 2.0, 2.0, 1.0, 1.0, 0.0, 0.0, 1.0]).unwrap();
    assert_eq!(
        parameter(two().precisions_init(CovarianceArray::Full(indefinite))),
        "precisions_init"
    );
    assert_eq!(
        parameter(
            two()
                .covariance_type(CovarianceType::Diag)
                .precisions_init(CovarianceArray::Diag(array![[1.0, 0.0], [1.0, 1.0]]))
        ),
        "precisions_init"
    );
    // One sample is not enough; NaN is refused.
    assert!(matches!(
        GaussianMixture::default()
            .fit_unsupervised(array![[1.0, 2.0]].view())
            .map(|_: FittedGaussianMixture<f64>| ()),
        Err(learnkit::Error::InvalidInput { .. })
    ));
    // A collapsed component without regularisation is a named failure, not a panic.
    let collapsed = array![[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]];
    let err = GaussianMixture::default()
        .reg_covar(0.0)
        .fit_unsupervised(collapsed.view())
        .map(|_: FittedGaussianMixture<f64>| ())
        .unwrap_err();
    assert!(err.to_string().contains("ill-defined empirical covariance"), "{err}");
}

#[test]
fn predictions_check_their_input() {
    let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]];
    let model: FittedGaussianMixture<f64> = GaussianMixture::default().fit_unsupervised(x.view()).unwrap();
    assert!(matches!(
        model.predict(array![[1.0]].view()),
        Err(learnkit::Error::FeatureCountMismatch {
            expected: 2,
            got: 1,
            ..
        })
    ));
    assert!(matches!(
        model.score_samples(array![[f64::NAN, 1.0]].view()),
        Err(learnkit::Error::NonFinite { .. })
    ));
    assert!(matches!(
        model.sample(0, Some(0)),
        Err(learnkit::Error::InvalidParameter { .. })
    ));
    let (drawn, labels) = model.sample(50, Some(1)).unwrap();
    assert_eq!((drawn.dim(), labels.len()), ((50, 2), 50));
    assert_eq!(model.sample(50, Some(1)).unwrap().0, drawn);
}

#[test]
fn f32_data_give_the_f64_model() {
    let x = array![[0.0f32, 1.0], [1.0, 0.5], [2.0, 2.0], [0.5, 0.25]];
    let x64 = x.mapv(f64::from);
    let gmm = GaussianMixture::default().covariance_type(CovarianceType::Diag);
    let m32: FittedGaussianMixture<f32> = gmm.fit_unsupervised(x.view()).unwrap();
    let m64: FittedGaussianMixture<f64> = gmm.fit_unsupervised(x64.view()).unwrap();
    assert_eq!(m32.means(), m64.means());
    assert_eq!(m32.score(x.view()).unwrap(), m64.score(x64.view()).unwrap());
}

/// The k-means initialisations (default `KMeans`, and `KMeansPlusPlus`)
/// find well-separated blobs; their draws are learnkit's, so the fixture
/// cases use explicit initial parameters instead.
#[test]
fn kmeans_initialisations_find_separated_blobs() {
    let x = Array2::from_shape_fn((90, 2), |(i, j)| {
        let c = (i % 3) as f64;
        c * 10.0 * (j as f64 + 1.0) + ((i * 37 + j * 11) % 13) as f64 / 13.0
    });
    let truth = Array1::from_shape_fn(90, |i| i % 3);
    for init in [
        InitParams::KMeans,
        InitParams::KMeansPlusPlus,
        InitParams::RandomFromData,
    ] {
        let (_, labels): (FittedGaussianMixture<f64>, _) = GaussianMixture::default()
            .n_components(3)
            .init_params(init)
            .random_state(0)
            .fit_predict(x.view())
            .unwrap();
        let ari = learnkit::metrics::adjusted_rand_score(truth.view(), labels.view()).unwrap();
        assert_eq!(ari, 1.0, "{init:?}");
    }
}
