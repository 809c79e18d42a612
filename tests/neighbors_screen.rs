//! The f32-screened brute-force k-NN against scikit-learn 1.9.1
//! (tests/fixtures/neighbors_screen.json, from
//! tools/reference/neighbors_screen.py; the data are in the fixture).
//!
//! Rows of 40 and 64 features take the screened path. Digits' integer
//! pixels (and the same / 16) have many equal distances and duplicated
//! rows: there scikit-learn's order among equal distances is its sort's
//! (not the index order), so each row is checked by what defines the k
//! nearest: the rows nearer than the k-th distance are scikit-learn's, each
//! neighbour's own distance equals scikit-learn's distance at that rank,
//! and equal distances come in increasing index (learnkit's tie rule). Distances agree to 1e-12 relative (exact square roots
//! of the same integers or dyadic numbers; the continuous ones differ by
//! the GEMM's rounding on scikit-learn's side).

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
        let reference = matrix(&case["distances"]);
        for (row, ((ours, theirs), want)) in indices
            .rows()
            .into_iter()
            .zip(expected.rows())
            .zip(reference.rows())
            .enumerate()
        {
            // The neighbours nearer than the k-th distance are the same
            // rows; only rows tied at the k-th distance may differ.
            let kth = want[k - 1] * (1.0 - 1e-12); // below the rounding of the continuous rows
            let nearer = |idx: &mut dyn Iterator<Item = (usize, f64)>| {
                let mut rows: Vec<usize> = idx.filter(|&(_, d)| d < kth).map(|(i, _)| i).collect();
                rows.sort_unstable();
                rows
            };
            assert_eq!(
                nearer(&mut ours.iter().copied().zip(distances.row(row).iter().copied())),
                nearer(&mut theirs.iter().copied().zip(want.iter().copied())),
                "{name}, k {k}, row {row}: {ours} vs {theirs}"
            );
            for (j, &i) in ours.iter().enumerate() {
                let exact = q
                    .row(row)
                    .iter()
                    .zip(x.row(i))
                    .map(|(a, b)| (a - b) * (a - b))
                    .sum::<f64>()
                    .sqrt();
                assert!(
                    (exact - want[j]).abs() <= 1e-12 * want[j].max(1.0),
                    "{name}, k {k}, row {row}: neighbour {j} is row {i} at {exact}, scikit-learn's is at {}",
                    want[j]
                );
                if j > 0 && distances[[row, j]] == distances[[row, j - 1]] {
                    assert!(
                        ours[j - 1] < i,
                        "{name}, k {k}, row {row}: ties not in index order: {ours}"
                    );
                }
            }
        }
        for (&ours, &theirs) in distances.iter().zip(&reference) {
            assert!(
                (ours - theirs).abs() <= 1e-12 * theirs.max(1.0),
                "{name}, k {k}: distance {ours} vs {theirs}"
            );
        }
    }
}
