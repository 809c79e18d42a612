//! The path recursion and the tables of Fast TreeSHAP against the
//! definition: exact Shapley values (and Shapley interaction values) of the
//! path-dependent game, summed over every subset of the features (tiny
//! data, at most 6 features), on trees of every supported kind; and the
//! tables against the path recursion to 1e-10.

use super::fast::{FastTree, plan};
use super::models::BoostedTree;
use super::path::{PathTree, Scratch, add_tree_shap, depth};
use crate::ensemble::{CategoricalFeatures, HistGradientBoostingClassifier, RandomForestClassifier};
use crate::traits::Estimator;
use crate::tree::{DecisionTreeRegressor, Splitter};
use ndarray::{Array1, Array2};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The path-dependent conditional expectation of the tree for the features
/// of `known` fixed to `row`'s values: a split on a known feature follows
/// the row, another split both children weighted by their cover.
fn value_of<T: PathTree>(tree: &T, node: usize, row: &[f64], known: &[bool], weight: f64, out: &mut [f64]) {
    match tree.children(node) {
        None => out
            .iter_mut()
            .zip(tree.leaf_values(node))
            .for_each(|(o, v)| *o += weight * v),
        Some((l, r)) if known[tree.feature(node)] => {
            let next = if tree.goes_left(node, row) { l } else { r };
            value_of(tree, next, row, known, weight, out)
        }
        Some((l, r)) => {
            let c = tree.cover(node);
            value_of(tree, l, row, known, weight * tree.cover(l) / c, out);
            value_of(tree, r, row, known, weight * tree.cover(r) / c, out);
        }
    }
}

/// Shapley values by their definition: `Σ_S |S|! (p − |S| − 1)! / p! ·
/// (v(S ∪ {j}) − v(S))` over the subsets `S` without `j`.
fn brute_force<T: PathTree>(tree: &T, row: &[f64], k: usize) -> Vec<f64> {
    let p = row.len();
    assert!(p <= 6, "2^p subsets");
    let fact = |n: usize| (1..=n).map(|i| i as f64).product::<f64>();
    let value = |mask: usize| {
        let known: Vec<bool> = (0..p).map(|j| mask >> j & 1 == 1).collect();
        let mut out = vec![0.0; k];
        value_of(tree, 0, row, &known, 1.0, &mut out);
        out
    };
    let values: Vec<Vec<f64>> = (0..1usize << p).map(value).collect();
    let mut phi = vec![0.0; p * k];
    for j in 0..p {
        for mask in (0..1usize << p).filter(|m| m >> j & 1 == 0) {
            let s = mask.count_ones() as usize;
            let w = fact(s) * fact(p - s - 1) / fact(p);
            for o in 0..k {
                phi[j * k + o] += w * (values[mask | 1 << j][o] - values[mask][o]);
            }
        }
    }
    phi
}

/// Shapley interaction values by their definition: for `i ≠ j`,
/// `Σ_S |S|! (p − |S| − 2)! / (2 (p − 1)!) · (v(S ∪ {i, j}) − v(S ∪ {i}) −
/// v(S ∪ {j}) + v(S))` over the subsets `S` without `i` and `j` (the
/// diagonal left at 0).
fn brute_force_interactions<T: PathTree>(tree: &T, row: &[f64], k: usize) -> Vec<f64> {
    let p = row.len();
    let fact = |n: usize| (1..=n).map(|i| i as f64).product::<f64>();
    let values: Vec<Vec<f64>> = (0..1usize << p)
        .map(|mask| {
            let known: Vec<bool> = (0..p).map(|j| mask >> j & 1 == 1).collect();
            let mut out = vec![0.0; k];
            value_of(tree, 0, row, &known, 1.0, &mut out);
            out
        })
        .collect();
    let mut phi = vec![0.0; p * p * k];
    for i in 0..p {
        for j in (0..p).filter(|&j| j != i) {
            for mask in (0..1usize << p).filter(|m| m >> i & 1 == 0 && m >> j & 1 == 0) {
                let s = mask.count_ones() as usize;
                let w = fact(s) * fact(p - s - 2) / (2.0 * fact(p - 1));
                for o in 0..k {
                    let both = values[mask | 1 << i | 1 << j][o];
                    let delta = both - values[mask | 1 << i][o] - values[mask | 1 << j][o] + values[mask][o];
                    phi[(i * p + j) * k + o] += w * delta;
                }
            }
        }
    }
    phi
}

fn assert_all_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    let scale = want.iter().fold(1.0f64, |m, v| m.max(v.abs()));
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (j, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol * scale, "{what}, entry {j}: {g} vs {w}");
    }
}

fn check<T: PathTree>(what: &str, tree: &T, rows: &Array2<f64>, k: usize) {
    let p = rows.ncols();
    let mut scratch = Scratch::new(depth(tree));
    assert!(plan(tree).table.is_some(), "{what}: small enough for tables");
    let tables = FastTree::new(tree, true, true);
    // The same tree without tables: the interaction values' direct way.
    let direct = FastTree::new(tree, false, true);
    let mut stack = Vec::new();
    for (i, row) in rows.outer_iter().enumerate() {
        let row = row.to_vec();
        let mut phi = vec![0.0; p * k];
        add_tree_shap(tree, &row, &mut scratch, &mut phi, k, 0);
        let want = brute_force(tree, &row, k);
        assert_all_close(&format!("{what}: row {i}, path recursion"), &phi, &want, 1e-12);
        let mut fast = vec![0.0; p * k];
        tables.add_shap(tree, &row, &mut stack, &mut fast, k, 0);
        assert_all_close(&format!("{what}: row {i}, tables"), &fast, &phi, 1e-10);
        // The per-leaf way (any number of outputs) too.
        let mut any = vec![0.0; p * k];
        tables.add_shap_any(tree, &row, &mut stack, &mut any, k, 0);
        assert_all_close(&format!("{what}: row {i}, tables, per leaf"), &any, &phi, 1e-10);
        let want = brute_force_interactions(tree, &row, k);
        for (how, fast) in [("tables", &tables), ("direct", &direct)] {
            let mut inter = vec![0.0; p * p * k];
            fast.add_interactions(tree, &row, &mut stack, &mut inter, p, (k, 0));
            assert_all_close(&format!("{what}: row {i}, interactions ({how})"), &inter, &want, 1e-12);
        }
    }
    assert!(
        depth(tree) >= 4,
        "{what}: a tree deep enough to repeat features on a path"
    );
}

/// 6 features, few distinct values (splits on one feature repeat along a
/// path), some missing.
fn data(n: usize, seed: u64) -> (Array2<f64>, Array1<f64>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut x = Array2::from_shape_fn((n, 6), |_| rng.random_range(0..5) as f64);
    let y = x.map_axis(ndarray::Axis(1), |r| {
        r[0] * r[1] - 2.0 * r[2] + (r[5] == 3.0) as u8 as f64
    });
    for i in (0..n).step_by(9) {
        x[[i, i % 6]] = f64::NAN;
    }
    (x, y)
}

#[test]
fn path_recursion_equals_the_shapley_definition_on_cart_trees() {
    let (x, y) = data(80, 0);
    let (probe, _) = data(12, 1);
    let tree = DecisionTreeRegressor::default()
        .random_state(0)
        .fit(x.view(), y.view())
        .unwrap();
    check("decision tree", tree.tree(), &probe, 1);
    let random = DecisionTreeRegressor::default()
        .splitter(Splitter::Random)
        .max_depth(Some(8))
        .random_state(3)
        .fit(x.view(), y.view())
        .unwrap();
    check("random splits", random.tree(), &probe, 1);
    let labels = y.mapv(|v| (v > 0.0) as usize + (v > 5.0) as usize);
    let forest = RandomForestClassifier::default()
        .n_estimators(3)
        .random_state(0)
        .fit(x.view(), labels.view())
        .unwrap();
    for (t, tree) in forest.estimators().iter().enumerate() {
        check(&format!("forest tree {t} (bootstrap weights)"), tree, &probe, 3);
    }
    let binary = labels.mapv(|c| (c == 1) as usize);
    let forest = RandomForestClassifier::default()
        .n_estimators(2)
        .random_state(1)
        .fit(x.view(), binary.view())
        .unwrap();
    for (t, tree) in forest.estimators().iter().enumerate() {
        check(&format!("two-class forest tree {t}"), tree, &probe, 2);
    }
}

#[test]
fn path_recursion_equals_the_shapley_definition_on_boosted_trees() {
    let (x, y) = data(200, 2);
    let (mut probe, _) = data(12, 3);
    probe[[1, 5]] = 7.0; // an unknown category
    let labels = y.mapv(|v| (v > 1.0) as usize);
    let model = HistGradientBoostingClassifier::default()
        .max_iter(3)
        .max_leaf_nodes(Some(20))
        .min_samples_leaf(3)
        .categorical_features(CategoricalFeatures::Indices(vec![5]))
        .fit(x.view(), labels.view())
        .unwrap();
    let ensemble = model.ensemble();
    for (i, trees) in ensemble.trees.iter().enumerate() {
        let tree = BoostedTree {
            tree: &trees[0],
            known: &ensemble.known_categories,
        };
        check(&format!("boosted tree {i}"), &tree, &probe, 1);
    }
}
