//! The model displays against scikit-learn 1.9.1
//! (tests/fixtures/display_models.json, from tools/reference/display_models.py;
//! the data are in the fixture):
//! - DecisionBoundaryDisplay: the grid equals scikit-learn's to the last bit
//!   (same `np.linspace` arithmetic), the responses of an identically grown
//!   DecisionTreeClassifier (predict, predict_proba) exactly;
//! - plot_tree: node texts equal character for character, fill colours and
//!   Buchheim positions exactly;
//! - learning / validation curves: the training sizes exactly, the scores of
//!   LinearRegression / Ridge (closed forms) to 1e-10 absolute, and the
//!   x-scale choice.
//!
//! The rendered figures are checked by parsing the SVG (roxmltree) and
//! decoding the PNG.

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::display::{DecisionBoundary, PlotTree, TreeLabel, plot_tree};
use learnkit::prelude::*;
use learnkit::tree::{DecisionTreeClassifier, DecisionTreeRegressor};
use ndarray::{Array1, Array2};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/display_models.json")).unwrap()
}

fn labels(value: &Value) -> Array1<usize> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect()
}

/// Every number of a nested JSON array, in row-major order.
fn flat(value: &Value) -> Vec<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(flat).collect(),
        other => vec![other.as_f64().expect("a number")],
    }
}

fn data() -> (Value, Array2<f64>, Array1<usize>) {
    let f = fixture();
    let x = matrix(&f["X"]);
    let y = labels(&f["y"]);
    (f, x, y)
}

fn tree(depth: usize, x: &Array2<f64>, y: &Array1<usize>) -> learnkit::tree::FittedDecisionTreeClassifier<f64, usize> {
    DecisionTreeClassifier::default()
        .max_depth(Some(depth))
        // As the fixture: no tied splits, so both libraries grow the same tree.
        .min_samples_leaf(3)
        .random_state(0)
        .fit(x.view(), y.view())
        .unwrap()
}

#[test]
fn decision_boundary_grid_and_predictions_equal_scikit_learn() {
    let (f, x, y) = data();
    let case = &f["boundary"]["default"];
    let model = tree(4, &x, &y);
    let display = DecisionBoundary::default().predict(&model, x.view()).unwrap();
    assert_eq!(display.xx0.dim(), (100, 100));
    // Bit-identical grid: the same np.linspace arithmetic.
    assert_eq!(display.xx0.row(0).to_vec(), flat(&case["x0"]));
    assert_eq!(display.xx1.column(0).to_vec(), flat(&case["x1"]));
    assert!(display.xx0.rows().into_iter().all(|r| r == display.xx0.row(0)));
    assert_eq!(
        display.response.iter().copied().collect::<Vec<_>>(),
        flat(&case["predict"])
    );
    assert_eq!(display.n_classes, 3);
}

#[test]
fn decision_boundary_probabilities_equal_scikit_learn() {
    let (f, x, y) = data();
    let case = &f["boundary"]["proba"];
    let options = DecisionBoundary::default().grid_resolution(17).eps(0.25);
    let display = options.predict_proba(&tree(4, &x, &y), x.view()).unwrap();
    assert_eq!(display.xx0.row(0).to_vec(), flat(&case["x0"]));
    assert_eq!(display.xx1.column(0).to_vec(), flat(&case["x1"]));
    assert_eq!(display.response.dim(), (17, 17, 3));
    assert_eq!(
        display.response.iter().copied().collect::<Vec<_>>(),
        flat(&case["predict_proba"])
    );

    // A binary classifier shows its positive class only.
    let y_binary = labels(&f["y_binary"]);
    let binary = tree(3, &x, &y_binary);
    let display = options.predict_proba(&binary, x.view()).unwrap();
    assert_eq!((display.response.dim(), display.n_classes), ((17, 17, 1), 2));
    assert_eq!(
        display.response.iter().copied().collect::<Vec<_>>(),
        flat(&case["binary_predict_proba"])
    );
}

#[test]
fn decision_boundary_rejects_bad_inputs() {
    let (_, x, y) = data();
    let model = tree(2, &x, &y);
    let three = ndarray::concatenate![ndarray::Axis(1), x, x.column(0).insert_axis(ndarray::Axis(1))];
    let err = DecisionBoundary::default().predict(&model, three.view()).unwrap_err();
    assert!(err.to_string().contains("exactly 2 features"), "{err}");
    let err = DecisionBoundary::default()
        .grid_resolution(1)
        .predict(&model, x.view())
        .unwrap_err();
    assert!(err.to_string().contains("grid_resolution"), "{err}");
    let err = DecisionBoundary::default()
        .eps(-1.0)
        .predict(&model, x.view())
        .unwrap_err();
    assert!(err.to_string().contains("eps"), "{err}");
    let err = DecisionBoundary::default()
        .class_of_interest(Some(3))
        .predict_proba(&model, x.view())
        .unwrap_err();
    assert!(err.to_string().contains("class_of_interest"), "{err}");
    let empty = Array2::<f64>::zeros((0, 2));
    assert!(DecisionBoundary::default().predict(&model, empty.view()).is_err());
    let mut nan = x.clone();
    nan[[3, 1]] = f64::NAN;
    assert!(DecisionBoundary::default().predict(&model, nan.view()).is_err());
    let display = DecisionBoundary::default()
        .grid_resolution(5)
        .predict(&model, x.view())
        .unwrap();
    let short = y.slice(ndarray::s![..10]).to_owned();
    assert!(
        display
            .clone()
            .scatter_classes(x.view(), short.view(), model.classes())
            .is_err()
    );
    assert!(
        display
            .scatter_classes(x.view(), y.mapv(|c| c + 5).view(), model.classes())
            .is_err()
    );
}

fn node_fill(hex: &Value) -> Option<[u8; 3]> {
    let hex = hex.as_str()?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
    Some([byte(1), byte(3), byte(5)])
}

/// Compares a TreeDisplay with the fixture's nodes (drawing order).
fn same_tree(name: &str, display: &learnkit::display::TreeDisplay, case: &Value) {
    let nodes = case["nodes"].as_array().unwrap();
    assert_eq!(display.nodes.len(), nodes.len(), "{name}: nodes drawn");
    assert_eq!(display.max_x, case["max_x"].as_f64().unwrap(), "{name}: max_x");
    assert_eq!(display.max_y, case["max_y"].as_f64().unwrap(), "{name}: max_y");
    for (got, want) in display.nodes.iter().zip(nodes) {
        let id = want["node_id"].as_u64().unwrap() as usize;
        assert_eq!(got.node_id, id, "{name}: node order");
        assert_eq!(got.x, want["x"].as_f64().unwrap(), "{name}: node {id} x");
        assert_eq!(got.depth as f64, want["y"].as_f64().unwrap(), "{name}: node {id} depth");
        let shown = want["shown"].as_bool().unwrap();
        assert_eq!(!got.truncated, shown, "{name}: node {id} truncated");
        if shown {
            assert_eq!(got.text, want["text"].as_str().unwrap(), "{name}: node {id} text");
            assert_eq!(got.fill, node_fill(&want["fill"]), "{name}: node {id} fill");
        } else {
            assert_eq!(got.text, "(...)");
        }
    }
}

#[test]
fn plot_tree_texts_colours_and_layout_equal_scikit_learn() {
    let (f, x, y) = data();
    let cases = &f["plot_tree"];
    let model = tree(4, &x, &y);
    same_tree("default", &plot_tree(&model).unwrap(), &cases["default"]);
    let named = PlotTree::default()
        .max_depth(Some(1))
        .feature_names(Some(vec!["width".into(), "height".into()]))
        .class_names(Some(vec!["low".into(), "mid".into(), "high".into()]))
        .filled(true);
    same_tree(
        "depth1_named_filled",
        &named.display(&model).unwrap(),
        &cases["depth1_named_filled"],
    );
    let proportion = PlotTree::default().proportion(true).precision(2).impurity(false);
    same_tree("proportion", &proportion.display(&model).unwrap(), &cases["proportion"]);
    let binary = tree(3, &x, &labels(&f["y_binary"]));
    let root_only = PlotTree::default().max_depth(Some(0)).filled(true);
    same_tree(
        "binary_depth0",
        &root_only.display(&binary).unwrap(),
        &cases["binary_depth0"],
    );

    let target = vector(&f["regression_target"]);
    let regressor = DecisionTreeRegressor::default()
        .max_depth(Some(3))
        .min_samples_leaf(3)
        .random_state(0)
        .fit(x.view(), target.view())
        .unwrap();
    let filled = PlotTree::default().filled(true);
    same_tree(
        "regression_filled",
        &filled.display(&regressor).unwrap(),
        &cases["regression_filled"],
    );
}

#[test]
fn plot_tree_options_and_bad_inputs() {
    let (_, x, y) = data();
    let model = tree(2, &x, &y);
    let labelled = PlotTree::default()
        .label(TreeLabel::Root)
        .node_ids(true)
        .display(&model)
        .unwrap();
    assert!(labelled.nodes[0].text.starts_with("node #0\nx[0] <= "));
    assert!(labelled.nodes[1].text.starts_with("#1\n"));
    assert!(!labelled.nodes[1].text.contains("gini"));

    let err = PlotTree::default()
        .feature_names(Some(vec!["a".into()]))
        .display(&model)
        .unwrap_err();
    assert!(err.to_string().contains("feature_names"), "{err}");
    let err = PlotTree::default()
        .class_names(Some(vec!["a".into()]))
        .display(&model)
        .unwrap_err();
    assert!(err.to_string().contains("class_names"), "{err}");
    let err = PlotTree::default().tree_index(1).display(&model).unwrap_err();
    assert!(err.to_string().contains("tree_index"), "{err}");
    let err = PlotTree::default().fontsize(Some(0.0)).display(&model).unwrap_err();
    assert!(err.to_string().contains("fontsize"), "{err}");
    let err = PlotTree::default().precision(70_000).display(&model).unwrap_err();
    assert!(err.to_string().contains("precision"), "{err}");
}

#[test]
fn plot_tree_draws_one_tree_of_a_forest() {
    let (_, x, y) = data();
    let forest = learnkit::ensemble::RandomForestClassifier::default()
        .n_estimators(3)
        .max_depth(Some(2))
        .random_state(0)
        .fit(x.view(), y.view())
        .unwrap();
    let display = PlotTree::default().tree_index(2).display(&forest).unwrap();
    assert_eq!(display.nodes.len(), forest.estimators()[2].node_count());
    assert!(PlotTree::default().tree_index(3).display(&forest).is_err());
}

fn svg_doc(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).expect("the SVG parses")
}

fn svg_texts(svg: &str) -> Vec<String> {
    svg_doc(svg)
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

/// Decodes a PNG, checks its size, and returns the share of non-white
/// pixels in its central half.
fn png_ink(bytes: &[u8], width: u32, height: u32) -> f64 {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("the PNG decodes");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (width, height));
    let channels = info.line_size / width as usize;
    let (mut inked, mut total) = (0usize, 0usize);
    for y in height / 4..3 * height / 4 {
        for x in width / 4..3 * width / 4 {
            let p = &buf[y as usize * info.line_size + x as usize * channels..][..3];
            total += 1;
            if p.iter().any(|&c| c < 250) {
                inked += 1;
            }
        }
    }
    inked as f64 / total as f64
}

#[test]
fn plot_tree_svg_has_one_box_per_node_shown() {
    use learnkit::display::Plot;
    let (_, x, y) = data();
    let model = tree(4, &x, &y);
    for (options, shown) in [
        (PlotTree::default(), model.tree().node_count()),
        (PlotTree::default().max_depth(Some(1)).filled(true), 7),
        (PlotTree::default().max_depth(Some(0)), 3),
    ] {
        let display = options.display(&model).unwrap();
        assert_eq!(display.nodes.len(), shown);
        let svg = display.to_svg();
        let doc = svg_doc(&svg);
        // Node boxes are the outlined rectangles (the background has no stroke).
        let boxes = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("stroke").is_some_and(|s| s != "none"))
            .count();
        assert_eq!(boxes, shown);
        let texts = svg_texts(&svg);
        assert!(texts.iter().any(|t| t == "samples = 60"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "True  ") && texts.iter().any(|t| t == "  False"));
        let truncated = display.nodes.iter().filter(|n| n.truncated).count();
        assert_eq!(texts.iter().filter(|t| *t == "(...)").count(), truncated);
    }
    let png = plot_tree(&model).unwrap().to_png().unwrap();
    assert!(png_ink(&png, 800, 600) > 0.01);
}

#[test]
fn decision_boundary_renders_the_surface_and_the_points() {
    use learnkit::display::Plot;
    let (f, x, y) = data();
    let model = tree(4, &x, &y);
    let options = DecisionBoundary::default()
        .xlabel("width".into())
        .ylabel("height".into());
    for display in [
        options.predict(&model, x.view()).unwrap(),
        options.predict_proba(&model, x.view()).unwrap(),
        options
            .predict_proba(&tree(3, &x, &labels(&f["y_binary"])), x.view())
            .unwrap(),
    ] {
        let display = display.scatter_classes(x.view(), y.view(), &[0, 1, 2]).unwrap();
        let svg = display.to_svg();
        let doc = svg_doc(&svg);
        assert_eq!(doc.descendants().filter(|n| n.has_tag_name("circle")).count(), 60);
        // Runs of equal colour are merged: far fewer rectangles than cells.
        let rects = doc.descendants().filter(|n| n.has_tag_name("rect")).count();
        assert!(rects > 10 && rects < 3000, "{rects} rectangles");
        let texts = svg_texts(&svg);
        assert!(texts.iter().any(|t| t == "width") && texts.iter().any(|t| t == "height"));
        let png = display.to_png().unwrap();
        assert!(png_ink(&png, 800, 600) > 0.9, "the surface fills the plot");
    }
}

#[test]
fn learning_curve_display_equals_scikit_learn() {
    use learnkit::display::{LearningCurveDisplay, Plot};
    use learnkit::model_selection::{EstimatorScore, KFold, TrainSize};
    let f = fixture();
    let (x, y) = (matrix(&f["regression"]["X"]), vector(&f["regression"]["y"]));
    let case = &f["learning_curve"];
    // scikit-learn's default sizes: np.linspace(0.1, 1.0, 5).
    let sizes: Vec<TrainSize> = [0.1, 0.325, 0.55, 0.775, 1.0]
        .iter()
        .map(|&s| TrainSize::Fraction(s))
        .collect();
    let display = LearningCurveDisplay::from_estimator(
        &learnkit::linear_model::LinearRegression::default(),
        x.view(),
        y.view(),
        None,
        &KFold::new(5),
        &EstimatorScore,
        &sizes,
        None,
    )
    .unwrap();
    let want: Vec<usize> = case["train_sizes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    assert_eq!(display.train_sizes, want);
    for (got, key) in [
        (&display.train_scores, "train_scores"),
        (&display.test_scores, "test_scores"),
    ] {
        let want = matrix(&case[key]);
        assert_eq!(got.dim(), want.dim());
        for (g, w) in got.iter().zip(&want) {
            assert!((g - w).abs() < 1e-10, "{key}: {g} vs {w}");
        }
    }
    assert_eq!(display.log_x(), case["xscale_log"].as_bool().unwrap());
    let svg = display.to_svg();
    let texts = svg_texts(&svg);
    for label in ["Train", "Test", "Score", "Number of samples in the training set"] {
        assert!(texts.iter().any(|t| t == label), "{label} in {texts:?}");
    }
    // Two bands (mean ± std) and two mean lines.
    let doc = svg_doc(&svg);
    assert!(doc.descendants().filter(|n| n.has_tag_name("polygon")).count() >= 2);
    assert!(png_ink(&display.to_png().unwrap(), 800, 600) > 0.01);
}

#[test]
fn validation_curve_display_equals_scikit_learn() {
    use learnkit::display::{Plot, ScoreType, ValidationCurveDisplay};
    use learnkit::model_selection::{EstimatorScore, KFold};
    let f = fixture();
    let (x, y) = (matrix(&f["regression"]["X"]), vector(&f["regression"]["y"]));
    let case = &f["validation_curve"];
    let range = flat(&case["param_range"]);
    let display = ValidationCurveDisplay::from_estimator(
        "alpha",
        &range,
        |&alpha: &f64| learnkit::linear_model::Ridge::default().alpha(alpha),
        x.view(),
        y.view(),
        None,
        &KFold::new(5),
        &EstimatorScore,
    )
    .unwrap();
    for (got, key) in [
        (&display.train_scores, "train_scores"),
        (&display.test_scores, "test_scores"),
    ] {
        let want = matrix(&case[key]);
        for (g, w) in got.iter().zip(&want) {
            assert!((g - w).abs() < 1e-10, "{key}: {g} vs {w}");
        }
    }
    assert_eq!(display.log_x(), case["xscale_log"].as_bool().unwrap());
    let linear = ValidationCurveDisplay::new(
        "alpha",
        &flat(&case["linear_range"]),
        Array2::zeros((4, 2)),
        Array2::zeros((4, 2)),
    )
    .unwrap();
    assert_eq!(linear.log_x(), case["linear_range_xscale_log"].as_bool().unwrap());
    // A log axis labels its ticks with powers of ten.
    let texts = svg_texts(&display.clone().score_type(ScoreType::Test).to_svg());
    assert!(
        texts.iter().any(|t| t == "10⁻³") && texts.iter().any(|t| t == "alpha"),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t == "Train"));
    assert!(
        ValidationCurveDisplay::new("alpha", &[1.0, f64::NAN], Array2::zeros((2, 1)), Array2::zeros((2, 1))).is_err()
    );
}

#[test]
fn partial_dependence_display_subplots_ice_lines_and_deciles() {
    use learnkit::display::{PartialDependenceDisplay, PartialDependencePlot, Plot};
    use learnkit::inspection::{PdKind, partial_dependence};
    let (f, x, _) = data();
    let target = vector(&f["regression_target"]);
    let model = DecisionTreeRegressor::default()
        .max_depth(Some(3))
        .fit(x.view(), target.view())
        .unwrap();
    let names = vec!["width".to_string(), "height".to_string()];
    let options = PartialDependencePlot::default()
        .kind(PdKind::Both)
        .grid_resolution(20)
        .feature_names(Some(names));
    let display = options.display(&model, x.view(), &[&[0], &[1]]).unwrap();
    // The data are partial_dependence's own.
    let direct = partial_dependence(&model, x.view(), &[1])
        .kind(PdKind::Both)
        .grid_resolution(20)
        .compute()
        .unwrap();
    assert_eq!(display.pd_results[1], direct);
    // The decile ticks are scipy's mquantiles, as scikit-learn draws them.
    for (j, want) in f["deciles"].as_array().unwrap().iter().enumerate() {
        let got = &display.deciles.iter().find(|(c, _)| *c == j).unwrap().1;
        for (g, w) in got.iter().zip(flat(want)) {
            assert!((g - w).abs() <= 1e-12 * w.abs().max(1.0), "deciles of {j}: {g} vs {w}");
        }
    }
    let svg = display.to_svg();
    let texts = svg_texts(&svg);
    // One subplot per feature: its name under the x-axis; the row's first
    // names the y-axis; "average" in each legend.
    for label in ["width", "height"] {
        assert_eq!(texts.iter().filter(|t| *t == label).count(), 1, "{label} in {texts:?}");
    }
    assert_eq!(texts.iter().filter(|t| *t == "Partial dependence").count(), 1);
    assert_eq!(texts.iter().filter(|t| *t == "average").count(), 2);
    // One thin translucent ICE line per row and subplot.
    let doc = svg_doc(&svg);
    let ice = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("0.5"))
        .count();
    assert_eq!(ice, 2 * x.nrows());
    let subsampled = options
        .subsample(Some(7))
        .random_state(Some(0))
        .display(&model, x.view(), &[&[0]])
        .unwrap();
    let doc_svg = subsampled.to_svg();
    let ice = svg_doc(&doc_svg)
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("0.5"))
        .count();
    assert_eq!(ice, 7);
    assert!(png_ink(&display.to_png().unwrap(), 800, 600) > 0.01);

    // A pair is a heatmap with a colorbar.
    let pair = PartialDependenceDisplay::from_estimator(&model, x.view(), &[&[0, 1]]).unwrap();
    assert!(
        svg_doc(&pair.to_svg())
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .count()
            > 10
    );
}

#[test]
fn partial_dependence_display_rejects_bad_inputs() {
    use learnkit::display::{PartialDependenceDisplay, PartialDependencePlot};
    use learnkit::inspection::PdKind;
    let (_, x, y) = data();
    let model = tree(3, &x, &y);
    // A feature index out of range.
    let err = PartialDependenceDisplay::from_estimator(&model, x.view(), &[&[2]]).unwrap_err();
    assert!(err.to_string().contains("features"), "{err}");
    // Three classes: the class to draw must be named.
    let err = PartialDependenceDisplay::from_estimator(&model, x.view(), &[&[0]]).unwrap_err();
    assert!(err.to_string().contains("target"), "{err}");
    let ok = PartialDependencePlot::default()
        .target(Some(2))
        .display(&model, x.view(), &[&[0]])
        .unwrap();
    assert_eq!(ok.target_idx, 2);
    let err = PartialDependencePlot::default()
        .target(Some(3))
        .display(&model, x.view(), &[&[0]])
        .unwrap_err();
    assert!(err.to_string().contains("target"), "{err}");
    let options = PartialDependencePlot::default().target(Some(0));
    assert!(
        options
            .clone()
            .kind(PdKind::Both)
            .display(&model, x.view(), &[&[0, 1]])
            .is_err()
    );
    assert!(options.clone().display(&model, x.view(), &[&[0, 1, 0]]).is_err());
    assert!(options.clone().display(&model, x.view(), &[]).is_err());
    assert!(
        options
            .clone()
            .feature_names(Some(vec!["a".into()]))
            .display(&model, x.view(), &[&[0]])
            .is_err()
    );
    assert!(options.clone().n_cols(0).display(&model, x.view(), &[&[0]]).is_err());
    assert!(options.subsample(Some(0)).display(&model, x.view(), &[&[0]]).is_err());
}
