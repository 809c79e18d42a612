//! Every metric of `learnkit::metrics` on decoded inputs: lengths that
//! disagree, empty inputs, one class, labels seen in only one of the two
//! arrays, NaN and infinite scores, probabilities outside `[0, 1]`.

use super::check::ok;
use super::decode::{Bytes, same_bits1, same_bits2};
use learnkit::metrics::{self, Average};
use ndarray::Array1;

/// Runs every metric on inputs decoded from `data`; asserts no panic, named
/// errors, and unchanged inputs.
pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let n = b.below(24);
    let m = if b.u8() % 6 == 0 { b.below(24) } else { n };
    let y_true = b.classes(n);
    let y_pred = b.classes(m);
    let (t0, p0) = (y_true.clone(), y_pred.clone());
    let beta = b.param();
    let pos_label = b.below(5);
    let average = match b.u8() % 4 {
        0 => Average::Binary { pos_label },
        1 => Average::Micro,
        2 => Average::Macro,
        _ => Average::Weighted,
    };
    let (t, p) = (y_true.view(), y_pred.view());
    if let Some(score) = ok(metrics::accuracy_score(t, p)) {
        assert!((0.0..=1.0).contains(&score), "accuracy {score}");
    }
    ok(metrics::balanced_accuracy_score(t, p));
    ok(metrics::precision_score(t, p, average.clone()));
    ok(metrics::recall_score(t, p, average.clone()));
    ok(metrics::f1_score(t, p, average.clone()));
    ok(metrics::fbeta_score(t, p, beta, average));
    ok(metrics::precision_recall_fscore_support(t, p, beta));
    if let Some(cm) = ok(metrics::confusion_matrix(t, p)) {
        assert_eq!(cm.matrix.sum(), n, "the confusion matrix counts every sample once");
    }
    ok(metrics::classification_report(t, p));

    // Scores and probabilities: finite, special, out of range.
    let k = if b.u8() % 6 == 0 { b.below(6) } else { n };
    let y_score = b.targets(k);
    let rows = if b.u8() % 6 == 0 { b.below(24) } else { n };
    let cols = b.below(6);
    let y_prob = b.matrix_of(rows, cols);
    let (s0, q0) = (y_score.clone(), y_prob.clone());
    ok(metrics::roc_curve(t, y_score.view(), &pos_label));
    ok(metrics::roc_auc_score(t, y_score.view()));
    ok(metrics::roc_auc_score_ovr(t, y_prob.view()));
    ok(metrics::log_loss(t, y_prob.view()));
    let len = b.below(8);
    let curve_x = b.targets(len);
    let len = if b.bool() { curve_x.len() } else { b.below(8) };
    let curve_y = b.targets(len);
    ok(metrics::auc(curve_x.view(), curve_y.view()));

    // Regression metrics on real-valued targets of possibly different lengths.
    let r_true = b.targets(n);
    let len = if b.u8() % 6 == 0 { b.below(24) } else { n };
    let r_pred = b.targets(len);
    let (rt0, rp0) = (r_true.clone(), r_pred.clone());
    ok(metrics::r2_score(r_true.view(), r_pred.view()));
    ok(metrics::mean_squared_error(r_true.view(), r_pred.view()));
    ok(metrics::root_mean_squared_error(r_true.view(), r_pred.view()));
    ok(metrics::mean_absolute_error(r_true.view(), r_pred.view()));
    // f32 inputs go through the same checks.
    let r_true32: Array1<f32> = r_true.mapv(|v| v as f32);
    let r_pred32: Array1<f32> = r_pred.mapv(|v| v as f32);
    ok(metrics::mean_squared_error(r_true32.view(), r_pred32.view()));

    assert_eq!(y_true, t0, "y_true changed");
    assert_eq!(y_pred, p0, "y_pred changed");
    assert!(same_bits1(&y_score, &s0) && same_bits2(&y_prob, &q0), "scores changed");
    assert!(
        same_bits1(&r_true, &rt0) && same_bits1(&r_pred, &rp0),
        "regression targets changed"
    );
}
