//! The f32-screened brute-force k-NN against scikit-learn 1.9.1
//! (tests/fixtures/neighbors_screen.json, from
//! tools/reference/neighbors_screen.py; the data are in the fixture).
//!
//! Rows of 40 and 64 features take the screened path. Digits' integer
//! pixels (and the same / 16) have many equal distances and duplicated
//! rows; every distance is exact in f64 on both sides, so scikit-learn's
//! order (distance, then index) is the exact one and the indices must be
//! equal, as they must on the continuous rows (no ties). Distances agree to
//! 1e-12 relative (they are exact square roots of the same integers or
//! dyadic numbers; the continuous ones differ by the GEMM's rounding on
//! scikit-learn's side).

use crate::common;

use common::fixtures::matrix;
use learnkit::neighbors::{Algorithm, NearestNeighbors};
use learnkit::prelude::*;
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/neighbors_screen.json")).unwrap()
}

#[test]
fn screened_neighbours_equal_scikit_learn() {
    let f = fixture();
    assert_eq!(f["sklearn"], "1.9.1");
    let cases = f["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 9);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let set = &f["sets"][case["set"].as_str().unwrap()];
        let divisor = case["divisor"].as_f64().unwrap();
        let x = matrix(&set["x"]) / divisor;
        let q = matrix(&set["q"]) / divisor;
        let k = case["k"].as_u64().unwrap() as usize;
        let model = NearestNeighbors::default()
            .n_neighbors(k)
            .algorithm(Algorithm::Brute)
            .fit_unsupervised(x.view())
            .unwrap();
        let (distances, indices) = model.kneighbors(Some(q.view()), None).unwrap();
        let expected = matrix(&case["indices"]).mapv(|v| v as usize);
        assert_eq!(indices, expected, "{name}, k {k}: indices");
        let reference = matrix(&case["distances"]);
        for (&ours, &theirs) in distances.iter().zip(&reference) {
            assert!(
                (ours - theirs).abs() <= 1e-12 * theirs.max(1.0),
                "{name}, k {k}: distance {ours} vs {theirs}"
            );
        }
    }
}
