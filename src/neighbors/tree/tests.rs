//! Both trees against an exhaustive search, for every metric, leaf size and
//! data with and without ties.

use super::*;
use crate::metrics::pairwise_distances;
use ndarray::Array2;

const METRICS: [Metric; 5] = [
    Metric::Euclidean,
    Metric::Manhattan,
    Metric::Chebyshev,
    Metric::Minkowski(3.0),
    Metric::Minkowski(1.5),
];

/// A reproducible pseudo-random matrix; `grid` rounds it to a few values so
/// that many distances are equal.
fn data(n: usize, d: usize, seed: u64, grid: bool) -> Array2<f64> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    Array2::from_shape_fn((n, d), |_| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let u = (state >> 11) as f64 / (1u64 << 53) as f64;
        if grid { (u * 4.0).floor() } else { u * 10.0 - 5.0 }
    })
}

/// Every training row sorted by (distance, index), per query row.
fn exhaustive(x: &Array2<f64>, q: &Array2<f64>, metric: Metric) -> Vec<Vec<(f64, usize)>> {
    let d = pairwise_distances(q.view(), Some(x.view()), metric).unwrap();
    d.rows()
        .into_iter()
        .map(|row| {
            // Exact distances (not the GEMM ones) to order ties as the tree does.
            let mut pairs: Vec<(f64, usize)> = row.iter().enumerate().map(|(i, &v)| (v, i)).collect();
            pairs.sort_by(|a, b| super::super::heap::pair_order(*a, *b));
            pairs
        })
        .collect()
}

#[test]
fn query_equals_an_exhaustive_search() {
    for (grid, seed) in [(false, 1), (true, 2)] {
        let x = data(203, 3, seed, grid);
        let q = data(37, 3, seed + 10, grid);
        for metric in METRICS {
            let expected: Vec<Vec<(f64, usize)>> = exhaustive(&x, &q, metric);
            for kind in [Kind::Kd, Kind::Ball] {
                for leaf_size in [1, 5, 40, 500] {
                    let tree = Tree::build("test", kind, x.view(), leaf_size, metric).unwrap();
                    for k in [1, 4, 203] {
                        let (dist, ind) = tree.query("test", q.view(), k).unwrap();
                        for (r, exp) in expected.iter().enumerate() {
                            for j in 0..k {
                                let what =
                                    format!("{kind:?} {metric:?} leaf {leaf_size} k {k} grid {grid} row {r} col {j}");
                                assert!((dist[[r, j]] - exp[j].0).abs() < 1e-9, "{what}");
                                if !grid {
                                    assert_eq!(ind[[r, j]], exp[j].1, "{what}");
                                } else {
                                    // Pairs equal up to rounding of equal distances.
                                    let d = metric.distance(q.row(r), x.row(ind[[r, j]]));
                                    assert!((d - exp[j].0).abs() < 1e-9, "{what}");
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn exact_ties_go_to_the_smaller_index() {
    // Four rows at distance 1 from the origin, listed in reverse index order
    // of position; a duplicate of row 0 at index 5.
    let x = ndarray::array![[0.0, 1.0], [1.0, 0.0], [0.0, -1.0], [-1.0, 0.0], [3.0, 3.0], [0.0, 1.0]];
    for kind in [Kind::Kd, Kind::Ball] {
        for leaf_size in [1, 2, 40] {
            let tree = Tree::build("test", kind, x.view(), leaf_size, Metric::Euclidean).unwrap();
            let (d, i) = tree.query("test", ndarray::array![[0.0, 0.0]].view(), 3).unwrap();
            assert_eq!(i.row(0).to_vec(), vec![0, 1, 2], "{kind:?} {leaf_size}");
            assert_eq!(d.row(0).to_vec(), vec![1.0; 3]);
            let (_, i) = tree.query("test", ndarray::array![[0.0, 1.0]].view(), 2).unwrap();
            assert_eq!(i.row(0).to_vec(), vec![0, 5]);
        }
    }
}

#[test]
fn radius_queries_equal_an_exhaustive_search() {
    let x = data(300, 2, 3, false);
    let q = data(20, 2, 4, false);
    for metric in METRICS {
        let expected = exhaustive(&x, &q, metric);
        for kind in [Kind::Kd, Kind::Ball] {
            let tree = Tree::build("test", kind, x.view(), 7, metric).unwrap();
            for r in [0.0, 0.5, 2.0, 100.0] {
                let found = tree.query_radius("test", q.view(), r).unwrap();
                let counts = tree.count_radius("test", q.view(), r).unwrap();
                for (row, exp) in expected.iter().enumerate() {
                    let exp: Vec<usize> = exp.iter().filter(|p| p.0 <= r).map(|p| p.1).collect();
                    assert_eq!(found[row].0, exp, "{kind:?} {metric:?} r {r} row {row}");
                    assert_eq!(counts[row], exp.len());
                    let mut streamed = Vec::new();
                    tree.for_each_in_radius("test", q.row(row), r, |i, _| streamed.push(i))
                        .unwrap();
                    streamed.sort_unstable();
                    let mut sorted = exp.clone();
                    sorted.sort_unstable();
                    assert_eq!(streamed, sorted);
                }
            }
        }
    }
}

#[test]
fn node_count_follows_scikit_learn() {
    // n_levels = 1 + floor(log2(max(1, (n - 1) / leaf_size))).
    for (n, leaf_size, nodes) in [
        (1, 40, 1),
        (40, 40, 1),
        (81, 40, 3),
        (82, 40, 3),
        (1000, 40, 31),
        (1000, 1, 1023),
    ] {
        let x = data(n, 2, 5, false);
        let tree = Tree::build("test", Kind::Kd, x.view(), leaf_size, Metric::Euclidean).unwrap();
        assert_eq!(tree.n_nodes(), nodes, "n {n} leaf_size {leaf_size}");
        assert_eq!(tree.training_data(), x);
    }
}

#[test]
fn bad_parameters_and_inputs_are_errors() {
    let x = data(10, 2, 6, false);
    assert!(matches!(
        Tree::build("T", Kind::Kd, x.view(), 0, Metric::Euclidean),
        Err(Error::InvalidParameter {
            parameter: "leaf_size",
            ..
        })
    ));
    for kind in [Kind::Kd, Kind::Ball] {
        assert!(matches!(
            Tree::build("T", kind, x.view(), 5, Metric::Cosine),
            Err(Error::InvalidParameter {
                parameter: "metric",
                ..
            })
        ));
        assert!(matches!(
            Tree::build("T", kind, x.view(), 5, Metric::Minkowski(0.5)),
            Err(Error::InvalidParameter { parameter: "p", .. })
        ));
    }
    let tree = Tree::build("T", Kind::Kd, x.view(), 5, Metric::Euclidean).unwrap();
    assert!(matches!(
        tree.query("T", x.view(), 0),
        Err(Error::InvalidParameter {
            parameter: "n_neighbors",
            ..
        })
    ));
    assert!(matches!(
        tree.query("T", x.view(), 11),
        Err(Error::InvalidParameter {
            parameter: "n_neighbors",
            ..
        })
    ));
    assert!(matches!(
        tree.query("T", ndarray::array![[1.0]].view(), 1),
        Err(Error::FeatureCountMismatch {
            expected: 2,
            got: 1,
            ..
        })
    ));
    assert!(matches!(
        tree.query_radius("T", x.view(), -1.0),
        Err(Error::InvalidParameter {
            parameter: "radius",
            ..
        })
    ));
    assert!(matches!(
        tree.query_radius("T", ndarray::array![[f64::NAN, 0.0]].view(), 1.0),
        Err(Error::NonFinite { .. })
    ));
    let empty = Array2::<f64>::zeros((0, 2));
    assert!(Tree::build("T", Kind::Ball, empty.view(), 5, Metric::Euclidean).is_err());
}
