//! The clustering metrics against scikit-learn 1.9.1
//! (tests/fixtures/clustering_metrics.json, from
//! tools/reference/clustering_metrics.py; labels and data are in the fixture).
//!
//! Every value agrees to 1e-12, relative to the value's magnitude with a
//! floor of 1 (so values near 0 are compared to 1e-12 absolutely); tables
//! and pair counts are equal.

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::Error;
use learnkit::metrics::*;
use ndarray::{Array1, Array2, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/clustering_metrics.json")).unwrap()
}

const TOL: f64 = 1e-12;

fn close(case: &str, what: &str, got: f64, want: f64) {
    assert!(
        (got - want).abs() <= TOL * want.abs().max(1.0),
        "{case}: {what}: got {got:e}, want {want:e} (difference {:e})",
        (got - want).abs()
    );
}

fn labels(value: &Value) -> Array1<i64> {
    value.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect()
}

fn counts(value: &Value) -> Vec<Vec<u64>> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect())
        .collect()
}

fn rows(table: &Array2<u64>) -> Vec<Vec<u64>> {
    table.rows().into_iter().map(|r| r.to_vec()).collect()
}

#[test]
fn supervised_metrics_match_scikit_learn() {
    let fixture = fixture();
    for (name, case) in fixture["supervised"].as_object().unwrap() {
        let a = labels(&case["labels_true"]);
        // Predicted labels as another type (zero-padded so that they sort as
        // the numbers, which orders the contingency columns).
        let b: Array1<String> = labels(&case["labels_pred"]).mapv(|v| format!("c{v:04}"));
        let (a, b) = (a.view(), b.view());
        let table = contingency_matrix(a, b).unwrap();
        let want = counts(&case["contingency_matrix"]);
        if a.is_empty() {
            assert_eq!(table.dim(), (0, 0), "{name}");
        } else {
            assert_eq!(rows(&table), want, "{name}: contingency matrix");
        }
        assert_eq!(
            rows(&pair_confusion_matrix(a, b).unwrap()),
            counts(&case["pair_confusion_matrix"]),
            "{name}: pair confusion"
        );
        let f = |key: &str| case[key].as_f64().unwrap();
        close(name, "rand", rand_score(a, b).unwrap(), f("rand_score"));
        close(
            name,
            "ARI",
            adjusted_rand_score(a, b).unwrap(),
            f("adjusted_rand_score"),
        );
        close(
            name,
            "FM",
            fowlkes_mallows_score(a, b).unwrap(),
            f("fowlkes_mallows_score"),
        );
        match case["mutual_info_score"].as_f64() {
            Some(mi) => close(name, "MI", mutual_info_score(a, b).unwrap(), mi),
            None => assert!(
                matches!(mutual_info_score(a, b), Err(Error::EmptyInput { .. })),
                "{name}"
            ),
        }
        let hcv = homogeneity_completeness_v_measure(a, b, 1.0).unwrap();
        close(name, "homogeneity", hcv.homogeneity, f("homogeneity"));
        close(name, "completeness", hcv.completeness, f("completeness"));
        close(name, "v_measure", hcv.v_measure, f("v_measure"));
        close(
            name,
            "homogeneity_score",
            homogeneity_score(a, b).unwrap(),
            f("homogeneity"),
        );
        close(
            name,
            "completeness_score",
            completeness_score(a, b).unwrap(),
            f("completeness"),
        );
        close(
            name,
            "v beta 2",
            v_measure_score(a, b, 2.0).unwrap(),
            f("v_measure_beta_2"),
        );
        close(
            name,
            "v beta 0.5",
            v_measure_score(a, b, 0.5).unwrap(),
            f("v_measure_beta_0_5"),
        );
        for (method, key) in [
            (AverageMethod::Min, "min"),
            (AverageMethod::Geometric, "geometric"),
            (AverageMethod::Arithmetic, "arithmetic"),
            (AverageMethod::Max, "max"),
        ] {
            let ami = adjusted_mutual_info_score(a, b, method).unwrap();
            // A string marks a 0/0 at rounding level (see the script).
            if let Some(want) = case[format!("ami_{key}").as_str()].as_f64() {
                close(name, &format!("AMI {key}"), ami, want);
            }
            let nmi = normalized_mutual_info_score(a, b, method).unwrap();
            close(name, &format!("NMI {key}"), nmi, f(&format!("nmi_{key}")));
        }
    }
}

fn metric(name: &str) -> Metric {
    match name {
        "euclidean" => Metric::Euclidean,
        "manhattan" => Metric::Manhattan,
        "chebyshev" => Metric::Chebyshev,
        "cosine" => Metric::Cosine,
        "minkowski_3" => Metric::Minkowski(3.0),
        other => panic!("unknown metric {other}"),
    }
}

#[test]
fn unsupervised_metrics_match_scikit_learn() {
    let fixture = fixture();
    for (name, case) in fixture["unsupervised"].as_object().unwrap() {
        let x = matrix(&case["X"]);
        let y = labels(&case["labels"]);
        let f = |key: &str| case[key].as_f64().unwrap();
        close(
            name,
            "CH",
            calinski_harabasz_score(x.view(), y.view()).unwrap(),
            f("calinski_harabasz_score"),
        );
        close(
            name,
            "DB",
            davies_bouldin_score(x.view(), y.view()).unwrap(),
            f("davies_bouldin_score"),
        );
        for m in ["euclidean", "manhattan", "chebyshev", "cosine", "minkowski_3"] {
            let samples = silhouette_samples(x.view(), y.view(), metric(m)).unwrap();
            let want = vector(&case[format!("silhouette_samples_{m}").as_str()]);
            for (i, (&g, &w)) in samples.iter().zip(&want).enumerate() {
                close(name, &format!("silhouette {m} sample {i}"), g, w);
            }
            if let Some(score) = case.get(format!("silhouette_score_{m}").as_str()) {
                let got = silhouette_score(x.view(), y.view(), metric(m)).unwrap();
                close(name, &format!("silhouette score {m}"), got, score.as_f64().unwrap());
            }
        }
        // f32 data are widened exactly: the integer data set agrees as well.
        if name == "integers" {
            let x32 = x.mapv(|v| v as f32);
            let got = silhouette_score(x32.view(), y.view(), Metric::Euclidean).unwrap();
            close(name, "f32 silhouette", got, f("silhouette_score_euclidean"));
        }
    }
}

#[test]
fn silhouette_is_the_same_on_any_number_of_threads() {
    let x = ndarray::Array2::from_shape_fn((700, 3), |(i, j)| {
        ((i * 31 + j * 17) % 23) as f64 * 0.3 + (i % 3) as f64
    });
    let y = ndarray::Array1::from_shape_fn(700, |i| i % 3);
    let one = common::on_threads(1, || silhouette_samples(x.view(), y.view(), Metric::Euclidean).unwrap());
    let two = common::on_threads(2, || silhouette_samples(x.view(), y.view(), Metric::Euclidean).unwrap());
    assert_eq!(one, two);
    let sampled = |t| {
        common::on_threads(t, || {
            silhouette_score_sampled(x.view(), y.view(), Metric::Manhattan, 100, Some(3)).unwrap()
        })
    };
    assert_eq!(sampled(1).to_bits(), sampled(2).to_bits());
}

#[test]
fn bad_inputs_give_named_errors() {
    let x = array![[0.0], [1.0], [2.0], [3.0]];
    // Labels of different lengths.
    let short = array![0, 1, 1];
    assert!(matches!(
        adjusted_rand_score(array![0, 1, 1, 0].view(), short.view()),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        silhouette_score(x.view(), short.view(), Metric::Euclidean),
        Err(Error::ShapeMismatch { .. })
    ));
    // One label, or one label per sample.
    for bad in [array![0, 0, 0, 0], array![0, 1, 2, 3]] {
        let err = silhouette_samples(x.view(), bad.view(), Metric::Euclidean).unwrap_err();
        assert!(err.to_string().contains("valid values are 2 to n_samples - 1"), "{err}");
        assert!(matches!(
            calinski_harabasz_score(x.view(), bad.view()),
            Err(Error::InvalidInput { .. })
        ));
        assert!(matches!(
            davies_bouldin_score(x.view(), bad.view()),
            Err(Error::InvalidInput { .. })
        ));
    }
    let good = array![0, 0, 1, 1];
    let nan = array![[0.0], [f64::NAN], [2.0], [3.0]];
    assert!(matches!(
        silhouette_score(nan.view(), good.view(), Metric::Euclidean),
        Err(Error::NonFinite { row: 1, .. })
    ));
    assert!(matches!(
        silhouette_score(x.view(), good.view(), Metric::Minkowski(0.5)),
        Err(Error::InvalidParameter { parameter: "p", .. })
    ));
    assert!(matches!(
        silhouette_score_sampled(x.view(), good.view(), Metric::Euclidean, 0, Some(0)),
        Err(Error::InvalidParameter {
            parameter: "sample_size",
            ..
        })
    ));
    assert!(matches!(
        v_measure_score(good.view(), good.view(), -1.0),
        Err(Error::InvalidParameter { parameter: "beta", .. })
    ));
}

#[test]
fn large_label_sets_stay_sparse_and_exact() {
    // 200,000 distinct labels: a dense table would need 40 billion cells.
    let n = 200_000usize;
    let a = ndarray::Array1::from_shape_fn(n, |i| i);
    let b = ndarray::Array1::from_shape_fn(n, |i| (i % 1000) as i64);
    assert!(homogeneity_score(a.view(), b.view()).unwrap() < 0.6);
    // MI over 200,000 cells against H(pred) over 1,000 clusters: equal up to
    // rounding.
    assert!((completeness_score(a.view(), b.view()).unwrap() - 1.0).abs() < 1e-10);
    let c = pair_confusion_matrix(a.view(), b.view()).unwrap();
    let total: u64 = c.iter().sum();
    assert_eq!(total, (n * (n - 1)) as u64);
    assert_eq!(c[[1, 1]], 0);
    assert_eq!(c[[0, 1]], (1000 * 200 * 199) as u64);
}
