//! The make_* generators: shapes, the structure scikit-learn's algorithms
//! give the data, statistics, determinism, and invalid parameters.

use learnkit::Error;
use learnkit::datasets::{ClusterStd, FeatureValues, MakeBlobs, MakeClassification, MakeRegression};
use ndarray::{Array1, Array2, ArrayView1, Axis, array, s};

/// Singular values of `x`, largest first.
fn singular_values(x: &Array2<f64>) -> Vec<f64> {
    let m = faer::Mat::<f64>::from_fn(x.nrows(), x.ncols(), |i, j| x[[i, j]]);
    let mut s = m.singular_values().unwrap();
    s.sort_by(|a, b| b.total_cmp(a));
    s
}

fn mean(v: ArrayView1<'_, f64>) -> f64 {
    v.mean().unwrap()
}

fn std(v: ArrayView1<'_, f64>) -> f64 {
    v.std(0.0)
}

fn count(y: &Array1<usize>, class: usize) -> usize {
    y.iter().filter(|&&c| c == class).count()
}

fn assert_invalid(result: learnkit::Result<impl std::fmt::Debug>, parameter: &str) {
    match result {
        Err(Error::InvalidParameter { parameter: p, .. }) => assert_eq!(p, parameter),
        other => panic!("expected InvalidParameter for {parameter}, got {other:?}"),
    }
}

// ---------------------------------------------------------------- make_classification

#[test]
fn classification_defaults_are_scikit_learns() {
    let g = MakeClassification::default();
    assert_eq!(
        (g.n_samples, g.n_features, g.n_informative, g.n_redundant, g.n_repeated),
        (100, 20, 2, 2, 0)
    );
    assert_eq!((g.n_classes, g.n_clusters_per_class), (2, 2));
    assert_eq!(
        (g.weights.clone(), g.flip_y, g.class_sep, g.hypercube),
        (None, 0.01, 1.0, true)
    );
    assert_eq!(
        (g.shift.clone(), g.scale.clone()),
        (FeatureValues::Constant(0.0), FeatureValues::Constant(1.0))
    );
    assert!(g.shuffle);
    assert_eq!(g.random_state, None);
    let (x, y) = g.random_state(0).generate().unwrap();
    assert_eq!(x.dim(), (100, 20));
    assert_eq!(y.len(), 100);
    assert!(x.iter().all(|v| v.is_finite()));
}

#[test]
fn classification_is_deterministic_for_a_seed() {
    let g = MakeClassification::default().n_samples(300).random_state(42);
    assert_eq!(g.generate().unwrap(), g.generate().unwrap());
    assert_ne!(g.generate().unwrap(), g.clone().random_state(43).generate().unwrap());
    // Without a seed, two calls differ.
    let unseeded = MakeClassification::default();
    assert_ne!(unseeded.generate().unwrap().0, unseeded.generate().unwrap().0);
}

#[test]
fn classes_are_balanced_without_weights() {
    let (_, y) = MakeClassification::default()
        .n_samples(1001)
        .n_classes(3)
        .n_informative(3)
        .flip_y(0.0)
        .random_state(0)
        .generate()
        .unwrap();
    let counts: Vec<usize> = (0..3).map(|c| count(&y, c)).collect();
    // 6 clusters of 166 plus 5 leftovers round-robin: classes 0, 1, 2, 0, 1.
    assert_eq!(counts, vec![334, 334, 333]);
}

#[test]
fn classes_follow_weights_including_the_inferred_last_one() {
    let g = MakeClassification::default()
        .n_samples(1000)
        .n_classes(3)
        .n_clusters_per_class(1)
        .flip_y(0.0)
        .random_state(0);
    let (_, y) = g.clone().weights(vec![0.1, 0.3, 0.6]).generate().unwrap();
    assert_eq!((count(&y, 0), count(&y, 1), count(&y, 2)), (100, 300, 600));
    let (_, y) = g.weights(vec![0.5, 0.25]).generate().unwrap();
    assert_eq!((count(&y, 0), count(&y, 1), count(&y, 2)), (500, 250, 250));
}

#[test]
fn informative_features_sit_on_hypercube_vertices() {
    let class_sep = 5.0;
    let (x, y) = MakeClassification::default()
        .n_samples(8000)
        .n_features(3)
        .n_informative(3)
        .n_redundant(0)
        .n_classes(4)
        .n_clusters_per_class(1)
        .class_sep(class_sep)
        .flip_y(0.0)
        .shuffle(false)
        .random_state(7)
        .generate()
        .unwrap();
    let mut vertices = Vec::new();
    for class in 0..4 {
        let rows: Vec<usize> = (0..y.len()).filter(|&i| y[i] == class).collect();
        let cluster = x.select(Axis(0), &rows);
        let centre = cluster.mean_axis(Axis(0)).unwrap();
        // The random covariance has zero mean, so the centre is the vertex.
        for &c in &centre {
            assert!((c.abs() - class_sep).abs() < 0.2, "centre {centre} is not on a vertex");
        }
        vertices.push(centre.mapv(f64::signum).to_vec());
    }
    vertices.sort_by(|a, b| a.partial_cmp(b).unwrap());
    vertices.dedup();
    assert_eq!(vertices.len(), 4, "each class has its own vertex");
}

#[test]
fn without_hypercube_the_centroids_shrink_inside_it() {
    let (x, _) = MakeClassification::default()
        .n_samples(2000)
        .hypercube(false)
        .class_sep(10.0)
        .random_state(1)
        .generate()
        .unwrap();
    assert!(x.iter().all(|v| v.is_finite()));
    // Polytope vertices are vertices scaled by factors in [0, 1).
    let (x, y) = MakeClassification::default()
        .n_samples(4000)
        .n_features(2)
        .n_informative(2)
        .n_redundant(0)
        .n_clusters_per_class(1)
        .hypercube(false)
        .class_sep(10.0)
        .flip_y(0.0)
        .shuffle(false)
        .random_state(2)
        .generate()
        .unwrap();
    for class in 0..2 {
        let rows: Vec<usize> = (0..y.len()).filter(|&i| y[i] == class).collect();
        let centre = x.select(Axis(0), &rows).mean_axis(Axis(0)).unwrap();
        assert!(centre.iter().all(|c| c.abs() < 10.5), "{centre}");
    }
}

#[test]
fn redundant_features_are_linear_combinations_and_repeated_ones_copies() {
    let (x, _) = MakeClassification::default()
        .n_samples(500)
        .n_features(10)
        .n_informative(3)
        .n_redundant(2)
        .n_repeated(2)
        .shuffle(false)
        .random_state(3)
        .generate()
        .unwrap();
    // Informative + redundant span only 3 dimensions.
    let useful = x.slice(s![.., ..5]).to_owned();
    let sv = singular_values(&useful);
    assert!(sv[2] > 1.0);
    assert!(sv[3] < 1e-9 * sv[0] && sv[4] < 1e-9 * sv[0], "{sv:?}");
    // Each repeated column equals one of the first five.
    for j in 5..7 {
        assert!((0..5).any(|k| x.column(j) == x.column(k)), "column {j} is not a copy");
    }
    // The noise columns are standard normal and independent of the rest.
    let all = singular_values(&x);
    assert!(all[..5].iter().all(|&v| v > 1.0), "{all:?}");
    for j in 7..10 {
        assert!(mean(x.column(j)).abs() < 0.15);
        assert!((std(x.column(j)) - 1.0).abs() < 0.1);
    }
}

#[test]
fn shuffle_permutes_rows_and_columns_but_keeps_the_content() {
    let base = MakeClassification::default().n_samples(200).flip_y(0.0).random_state(5);
    let (x0, y0) = base.clone().shuffle(false).generate().unwrap();
    let (x1, y1) = base.shuffle(true).generate().unwrap();
    assert_ne!(x0, x1);
    assert_eq!(count(&y0, 0), count(&y1, 0));
    // Same draws before the shuffle: the multiset of values is the same.
    let mut a: Vec<f64> = x0.iter().copied().collect();
    let mut b: Vec<f64> = x1.iter().copied().collect();
    a.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    assert_eq!(a, b);
}

#[test]
fn flip_y_reassigns_that_fraction_of_labels_at_random() {
    let base = MakeClassification::default()
        .n_samples(4000)
        .shuffle(false)
        .random_state(11);
    let (x0, y0) = base.clone().flip_y(0.0).generate().unwrap();
    let (x1, y1) = base.flip_y(0.5).generate().unwrap();
    assert_eq!(x0, x1, "label noise does not touch the features");
    let changed = y0.iter().zip(&y1).filter(|(a, b)| a != b).count() as f64 / 4000.0;
    // Half are redrawn, and a redrawn label changes with probability 1/2.
    assert!((changed - 0.25).abs() < 0.03, "{changed}");
}

#[test]
fn shift_and_scale_apply_per_feature_and_at_random() {
    let base = MakeClassification::default()
        .n_samples(3000)
        .n_features(4)
        .n_redundant(0)
        .shuffle(false)
        .random_state(4);
    let (x, _) = base
        .clone()
        .shift(2.0)
        .scale(vec![1.0, 1.0, 10.0, 100.0])
        .generate()
        .unwrap();
    // Columns 2 and 3 are noise: N(0, 1), then + 2, then × scale.
    assert!((mean(x.column(2)) - 20.0).abs() < 0.6);
    assert!((std(x.column(2)) - 10.0).abs() < 0.6);
    assert!((mean(x.column(3)) - 200.0).abs() < 6.0);
    let (random, _) = base
        .shift(FeatureValues::Random)
        .scale(FeatureValues::Random)
        .generate()
        .unwrap();
    for j in 2..4 {
        let s = std(random.column(j));
        assert!((0.9..=105.0).contains(&s), "random scale in [1, 101), got std {s}");
    }
}

#[test]
fn many_informative_features_beyond_30_work() {
    let (x, y) = MakeClassification::default()
        .n_samples(50)
        .n_features(40)
        .n_informative(35)
        .n_classes(5)
        .random_state(0)
        .generate()
        .unwrap();
    assert_eq!(x.dim(), (50, 40));
    assert!(y.iter().all(|&c| c < 5));
}

#[test]
fn invalid_classification_parameters_are_rejected() {
    let g = MakeClassification::default().random_state(0);
    assert_invalid(g.clone().n_samples(0).generate(), "n_samples");
    assert_invalid(g.clone().n_features(0).generate(), "n_features");
    assert_invalid(g.clone().n_informative(0).generate(), "n_informative");
    assert_invalid(g.clone().n_classes(0).generate(), "n_classes");
    assert_invalid(g.clone().n_clusters_per_class(0).generate(), "n_clusters_per_class");
    assert_invalid(
        g.clone()
            .n_features(4)
            .n_informative(2)
            .n_redundant(2)
            .n_repeated(1)
            .generate(),
        "n_features",
    );
    assert_invalid(g.clone().n_redundant(usize::MAX).generate(), "n_features");
    // 3 classes × 2 clusters > 2^2 vertices.
    assert_invalid(g.clone().n_classes(3).generate(), "n_classes");
    assert_invalid(g.clone().n_clusters_per_class(usize::MAX).generate(), "n_classes");
    assert_invalid(g.clone().weights(vec![0.2, 0.3, 0.5]).generate(), "weights");
    assert_invalid(
        g.clone().weights(vec![]).n_classes(3).n_informative(3).generate(),
        "weights",
    );
    assert_invalid(g.clone().weights(vec![-0.5, 1.5]).generate(), "weights");
    assert_invalid(g.clone().weights(vec![f64::NAN, 0.5]).generate(), "weights");
    assert_invalid(g.clone().weights(vec![1.5]).generate(), "weights");
    assert_invalid(g.clone().flip_y(1.5).generate(), "flip_y");
    assert_invalid(g.clone().flip_y(f64::NAN).generate(), "flip_y");
    assert_invalid(g.clone().class_sep(0.0).generate(), "class_sep");
    assert_invalid(g.clone().class_sep(f64::INFINITY).generate(), "class_sep");
    assert_invalid(g.clone().scale(0.0).generate(), "scale");
    assert_invalid(g.clone().scale(vec![1.0; 3]).generate(), "scale");
    assert_invalid(g.clone().shift(f64::NAN).generate(), "shift");
    assert_invalid(g.clone().shift(vec![f64::INFINITY; 20]).generate(), "shift");
    assert_invalid(g.clone().n_samples(usize::MAX).generate(), "n_samples");
}

// ---------------------------------------------------------------- make_blobs

#[test]
fn blobs_defaults_are_scikit_learns() {
    let g = MakeBlobs::default();
    assert_eq!(g.n_features, 2);
    assert_eq!(g.centers, None);
    assert_eq!(g.cluster_std, ClusterStd::Same(1.0));
    assert_eq!(g.center_box, (-10.0, 10.0));
    assert!(g.shuffle);
    let (x, y, centers) = g.random_state(0).generate_with_centers().unwrap();
    assert_eq!(x.dim(), (100, 2));
    assert_eq!(centers.dim(), (3, 2));
    assert_eq!((count(&y, 0), count(&y, 1), count(&y, 2)), (34, 33, 33));
    assert!(centers.iter().all(|c| (-10.0..10.0).contains(c)));
}

#[test]
fn blobs_are_gaussian_around_their_centers() {
    let (x, y, centers) = MakeBlobs::default()
        .n_samples(9000)
        .n_features(3)
        .centers(3)
        .cluster_std(vec![0.5, 1.0, 2.0])
        .center_box((-50.0, 50.0))
        .random_state(9)
        .generate_with_centers()
        .unwrap();
    for (k, expected_std) in [0.5, 1.0, 2.0].into_iter().enumerate() {
        let rows: Vec<usize> = (0..y.len()).filter(|&i| y[i] == k).collect();
        assert_eq!(rows.len(), 3000);
        let cluster = x.select(Axis(0), &rows);
        let centre = cluster.mean_axis(Axis(0)).unwrap();
        for j in 0..3 {
            assert!((centre[j] - centers[[k, j]]).abs() < 0.15 * expected_std);
            assert!((std(cluster.column(j)) - expected_std).abs() < 0.06 * expected_std);
        }
    }
}

#[test]
fn blobs_with_fixed_centers_and_per_center_counts() {
    let centers = array![[0.0, 0.0, 0.0], [100.0, 100.0, 100.0]];
    let (x, y, returned) = MakeBlobs::default()
        .n_samples_per_center(vec![5, 15])
        .centers(centers.clone())
        .cluster_std(0.0)
        .shuffle(false)
        .random_state(0)
        .generate_with_centers()
        .unwrap();
    assert_eq!(returned, centers);
    assert_eq!(x.dim(), (20, 3), "fixed centers set n_features");
    assert_eq!(y.slice(s![..5]).to_vec(), vec![0; 5]);
    assert!(
        x.slice(s![5.., ..]).iter().all(|&v| v == 100.0),
        "std 0 puts points on the center"
    );
    // Per-center counts without centers: one random center each.
    let (_, y) = MakeBlobs::default()
        .n_samples_per_center(vec![1, 2, 3, 4])
        .random_state(0)
        .generate()
        .unwrap();
    assert_eq!((0..4).map(|k| count(&y, k)).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
}

#[test]
fn blobs_are_deterministic_for_a_seed() {
    let g = MakeBlobs::default().n_samples(50).random_state(1);
    assert_eq!(g.generate().unwrap(), g.generate().unwrap());
    assert_ne!(g.generate().unwrap(), g.clone().random_state(2).generate().unwrap());
}

#[test]
fn invalid_blobs_parameters_are_rejected() {
    let g = MakeBlobs::default().random_state(0);
    assert_invalid(g.clone().n_samples(0).generate(), "n_samples");
    assert_invalid(g.clone().n_samples_per_center(vec![0, 0]).generate(), "n_samples");
    assert_invalid(g.clone().n_samples_per_center(vec![]).generate(), "centers");
    assert_invalid(g.clone().n_features(0).generate(), "n_features");
    assert_invalid(g.clone().centers(0).generate(), "centers");
    assert_invalid(g.clone().centers(Array2::zeros((0, 2))).generate(), "centers");
    assert_invalid(g.clone().centers(array![[f64::NAN, 0.0]]).generate(), "centers");
    assert_invalid(
        g.clone().n_samples_per_center(vec![2, 3]).centers(2).generate(),
        "centers",
    );
    assert_invalid(
        g.clone()
            .n_samples_per_center(vec![2, 3])
            .centers(array![[0.0]])
            .generate(),
        "n_samples",
    );
    assert_invalid(g.clone().cluster_std(-1.0).generate(), "cluster_std");
    assert_invalid(g.clone().cluster_std(f64::NAN).generate(), "cluster_std");
    assert_invalid(g.clone().cluster_std(vec![1.0, 2.0]).generate(), "cluster_std");
    assert_invalid(g.clone().center_box((1.0, -1.0)).generate(), "center_box");
    assert_invalid(g.clone().center_box((f64::NEG_INFINITY, 0.0)).generate(), "center_box");
}

// ---------------------------------------------------------------- make_regression

#[test]
fn regression_defaults_are_scikit_learns() {
    let g = MakeRegression::default();
    assert_eq!(
        (g.n_samples, g.n_features, g.n_informative, g.n_targets),
        (100, 100, 10, 1)
    );
    assert_eq!(
        (g.bias, g.effective_rank, g.tail_strength, g.noise),
        (0.0, None, 0.5, 0.0)
    );
    assert!(g.shuffle);
    let (x, y) = g.random_state(0).generate().unwrap();
    assert_eq!(x.dim(), (100, 100));
    assert_eq!(y.len(), 100);
}

#[test]
fn regression_targets_are_linear_with_sparse_coefficients_even_shuffled() {
    for shuffle in [false, true] {
        let (x, y, coef) = MakeRegression::default()
            .n_samples(200)
            .n_features(20)
            .n_informative(5)
            .bias(3.0)
            .shuffle(shuffle)
            .random_state(8)
            .generate_with_coef()
            .unwrap();
        let nonzero: Vec<usize> = (0..20).filter(|&j| coef[j] != 0.0).collect();
        assert_eq!(nonzero.len(), 5);
        assert!(coef.iter().all(|&c| (0.0..100.0).contains(&c)));
        if !shuffle {
            assert_eq!(
                nonzero,
                vec![0, 1, 2, 3, 4],
                "unshuffled, the informative features come first"
            );
        }
        let residual = &y - &(x.dot(&coef) + 3.0);
        assert!(residual.iter().all(|r| r.abs() < 1e-9));
        // Standard normal features.
        assert!(mean(x.column(0)).abs() < 0.25 && (std(x.column(0)) - 1.0).abs() < 0.2);
    }
}

#[test]
fn regression_noise_has_the_requested_std() {
    let (x, y, coef) = MakeRegression::default()
        .n_samples(5000)
        .n_features(5)
        .noise(2.0)
        .random_state(1)
        .generate_with_coef()
        .unwrap();
    let residual = &y - &x.dot(&coef);
    assert!(mean(residual.view()).abs() < 0.1);
    assert!((std(residual.view()) - 2.0).abs() < 0.1);
}

#[test]
fn n_informative_is_capped_at_n_features() {
    let (_, _, coef) = MakeRegression::default()
        .n_features(3)
        .n_informative(10)
        .random_state(0)
        .generate_with_coef()
        .unwrap();
    assert!(coef.iter().all(|&c| c > 0.0));
}

#[test]
fn effective_rank_gives_the_low_rank_fat_tail_profile() {
    let (n_samples, n_features, rank, tail) = (60, 30, 5, 0.3);
    let (x, _) = MakeRegression::default()
        .n_samples(n_samples)
        .n_features(n_features)
        .effective_rank(rank)
        .tail_strength(tail)
        .random_state(2)
        .generate()
        .unwrap();
    let sv = singular_values(&x);
    for (i, s) in sv.iter().enumerate() {
        let i = i as f64;
        let r = rank as f64;
        let expected = (1.0 - tail) * (-(i / r).powi(2)).exp() + tail * (-0.1 * i / r).exp();
        assert!((s - expected).abs() < 1e-10, "singular value {i}: {s} vs {expected}");
    }
    // More features than samples works too.
    let (x, _) = MakeRegression::default()
        .n_samples(10)
        .n_features(40)
        .effective_rank(2)
        .random_state(0)
        .generate()
        .unwrap();
    assert_eq!(x.dim(), (10, 40));
}

#[test]
fn multi_target_regression() {
    let (x, y, coef) = MakeRegression::default()
        .n_samples(50)
        .n_features(6)
        .n_informative(2)
        .n_targets(3)
        .random_state(0)
        .generate_multi_target()
        .unwrap();
    assert_eq!((y.dim(), coef.dim()), ((50, 3), (6, 3)));
    assert!((&y - &x.dot(&coef)).iter().all(|r| r.abs() < 1e-9));
    for t in 0..3 {
        assert_eq!(coef.column(t).iter().filter(|&&c| c != 0.0).count(), 2);
    }
    // The one-target methods refuse several targets.
    assert_invalid(MakeRegression::default().n_targets(3).generate(), "n_targets");
}

#[test]
fn regression_is_deterministic_for_a_seed() {
    let g = MakeRegression::default().noise(1.0).random_state(5);
    assert_eq!(g.generate_with_coef().unwrap(), g.generate_with_coef().unwrap());
    assert_ne!(g.generate().unwrap(), g.clone().random_state(6).generate().unwrap());
}

#[test]
fn invalid_regression_parameters_are_rejected() {
    let g = MakeRegression::default().random_state(0);
    assert_invalid(g.clone().n_samples(0).generate(), "n_samples");
    assert_invalid(g.clone().n_features(0).generate(), "n_features");
    assert_invalid(g.clone().n_targets(0).generate_multi_target(), "n_targets");
    assert_invalid(g.clone().effective_rank(0).generate(), "effective_rank");
    assert_invalid(g.clone().bias(f64::NAN).generate(), "bias");
    assert_invalid(g.clone().tail_strength(1.5).generate(), "tail_strength");
    assert_invalid(g.clone().noise(-1.0).generate(), "noise");
    assert_invalid(g.clone().noise(f64::INFINITY).generate(), "noise");
}
