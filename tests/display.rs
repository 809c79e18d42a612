//! The displays (feature `plot`): their data against scikit-learn 1.9.1
//! (tests/fixtures/display.json, from tools/reference/display.py: the
//! functions the displays call, to 1e-10 where learnkit does the same
//! computation), their SVG (parsed with roxmltree: one polyline per curve,
//! the legend and axis labels) and PNG (decoded: the requested size, ink in
//! the plot area), and their errors on bad inputs.

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::calibration::BinStrategy;
use learnkit::display::{
    Axes, CalibrationDisplay, ConfusionMatrixDisplay, DetCurveDisplay, FeatureImportanceDisplay, Figure, Line,
    Normalize, Plot, PrecisionRecallDisplay, PredictionErrorDisplay, PredictionErrorKind, RocCurveDisplay,
};
use learnkit::prelude::*;
use ndarray::{Array1, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/display.json")).unwrap()
}

/// A vector whose nulls stand for +inf (a first threshold).
fn vector_inf(value: &Value) -> Array1<f64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap_or(f64::INFINITY))
        .collect()
}

fn ints(value: &Value) -> Array1<i64> {
    value.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect()
}

fn assert_close(what: &str, got: &Array1<f64>, want: &Array1<f64>, tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let ok = (g == w) || (g - w).abs() <= tol * w.abs().max(1.0);
        assert!(ok, "{what}[{i}]: got {g}, want {w}");
    }
}

/// The texts of an SVG document's `<text>` elements.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

/// The number of elements named `tag`.
fn svg_count(svg: &str, tag: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses");
    doc.descendants().filter(|n| n.has_tag_name(tag)).count()
}

/// Decodes a PNG, checks its size and returns the share of pixels in the
/// central half of the image that differ from white.
fn png_ink(bytes: &[u8], width: u32, height: u32) -> f64 {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("the PNG decodes");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (width, height));
    assert_eq!(info.color_type, png::ColorType::Rgba);
    let stride = info.line_size;
    let (mut inked, mut total) = (0usize, 0usize);
    for y in height / 4..3 * height / 4 {
        for x in width / 4..3 * width / 4 {
            let p = &buf[y as usize * stride + x as usize * 4..][..4];
            total += 1;
            if p[0] < 250 || p[1] < 250 || p[2] < 250 {
                inked += 1;
            }
        }
    }
    inked as f64 / total as f64
}

#[test]
fn roc_curves_match_scikit_learn() {
    let fixture = fixture();
    for (name, case) in fixture["binary"].as_object().unwrap() {
        let y = ints(&case["y_true"]);
        let score = vector(&case["y_score"]);
        let display = RocCurveDisplay::from_predictions(y.view(), score.view(), &1).unwrap();
        let want = &case["roc"];
        assert_close(&format!("{name} fpr"), &display.fpr, &vector(&want["fpr"]), 1e-10);
        assert_close(&format!("{name} tpr"), &display.tpr, &vector(&want["tpr"]), 1e-10);
        assert_close(
            &format!("{name} thresholds"),
            &display.thresholds,
            &vector_inf(&want["thresholds"]),
            1e-10,
        );
        assert!(
            (display.roc_auc - want["auc"].as_f64().unwrap()).abs() < 1e-10,
            "{name} auc"
        );
    }
}

#[test]
fn confusion_matrix_normalisations_match_scikit_learn() {
    let fixture = fixture();
    let case = &fixture["confusion"];
    let (y_true, y_pred) = (ints(&case["y_true"]), ints(&case["y_pred"]));
    let display = ConfusionMatrixDisplay::from_predictions(y_true.view(), y_pred.view()).unwrap();
    assert_eq!(display.display_labels, ["0", "1", "2", "3"]);
    for (key, normalize) in [
        ("none", Normalize::None),
        ("true", Normalize::True),
        ("pred", Normalize::Pred),
        ("all", Normalize::All),
    ] {
        let want = matrix(&case["cases"][key]);
        let got = display.clone().normalize(normalize).confusion_matrix;
        assert_eq!(got.dim(), want.dim());
        for (g, w) in got.iter().zip(&want) {
            assert!((g - w).abs() <= 1e-12, "{key}: got {got}, want {want}");
        }
    }
}

#[test]
fn prediction_error_points_match_scikit_learn() {
    let fixture = fixture();
    let case = &fixture["prediction_error"];
    let (y_true, y_pred) = (vector(&case["y_true"]), vector(&case["y_pred"]));
    let display = PredictionErrorDisplay::from_predictions(y_true.view(), y_pred.view()).unwrap();
    assert_eq!(display.y_pred, y_pred);
    assert_close("residuals", &display.residuals(), &vector(&case["residuals"]), 1e-12);
    // One point per sample in both kinds, plus the reference line.
    for kind in [
        PredictionErrorKind::ResidualVsPredicted,
        PredictionErrorKind::ActualVsPredicted,
    ] {
        let svg = display.clone().kind(kind).to_svg();
        assert_eq!(svg_count(&svg, "circle"), y_true.len(), "{kind:?}");
        assert!(svg_count(&svg, "polyline") >= 1);
    }
}

#[test]
fn roc_svg_holds_the_curve_legend_and_labels() {
    let fixture = fixture();
    let case = &fixture["binary"]["continuous"];
    let (y, score) = (ints(&case["y_true"]), vector(&case["y_score"]));
    let display = RocCurveDisplay::from_predictions(y.view(), score.view(), &1)
        .unwrap()
        .name("model");
    let svg = display.to_svg();
    let texts = svg_texts(&svg);
    let legend = format!("model (AUC = {:.2})", display.roc_auc);
    assert!(texts.contains(&legend), "{texts:?}");
    assert!(texts.contains(&"False Positive Rate (Positive label: 1)".to_string()));
    assert!(texts.contains(&"True Positive Rate (Positive label: 1)".to_string()));
    assert!(texts.contains(&"0.0".to_string()) && texts.contains(&"1.0".to_string()));
    // The curve and its legend handle; the chance line adds two more.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let blue = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some("#1f77b4"))
        .count();
    assert_eq!(blue, 2);
    let curve = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some("#1f77b4"))
        .map(|n| n.attribute("points").unwrap().split(' ').count())
        .max()
        .unwrap();
    assert_eq!(curve, display.fpr.len());
    let with_chance = display.plot_chance_level(true).to_svg();
    assert!(svg_texts(&with_chance).contains(&"Chance level (AUC = 0.5)".to_string()));
    assert!(with_chance.contains("stroke-dasharray"));
}

#[test]
fn every_display_renders_a_non_blank_png_of_the_requested_size() {
    let fixture = fixture();
    let case = &fixture["binary"]["ties"];
    let (y, score) = (ints(&case["y_true"]), vector(&case["y_score"]));
    let pe = &fixture["prediction_error"];
    let figures: Vec<(&str, Figure)> = vec![
        (
            "roc",
            RocCurveDisplay::from_predictions(y.view(), score.view(), &1)
                .unwrap()
                .plot(),
        ),
        (
            "confusion",
            ConfusionMatrixDisplay::from_predictions(y.view(), (score.mapv(|s| i64::from(s > 0.4))).view())
                .unwrap()
                .plot(),
        ),
        (
            "prediction_error",
            PredictionErrorDisplay::from_predictions(vector(&pe["y_true"]).view(), vector(&pe["y_pred"]).view())
                .unwrap()
                .plot(),
        ),
        (
            "importances",
            FeatureImportanceDisplay::from_importances(array![0.5, 0.2, 0.3].view(), None)
                .unwrap()
                .plot(),
        ),
    ];
    for (name, figure) in figures {
        assert_eq!((figure.width(), figure.height()), (800, 600));
        let ink = png_ink(&figure.to_png().unwrap(), 800, 600);
        assert!(ink > 0.002, "{name}: only {ink} of the plot area is drawn");
        svg_texts(&figure.to_svg());
    }
    // A blank figure has no ink, so the check above can fail.
    assert_eq!(png_ink(&Figure::new(40, 30).to_png().unwrap(), 40, 30), 0.0);
}

#[test]
fn text_in_the_png_is_drawn_where_the_svg_puts_it() {
    // A long label alone in a figure: its ink spans the measured width.
    let mut figure = Figure::new(400, 60);
    let style = learnkit::display::TextStyle::new(20.0);
    figure.text(10.0, 40.0, "Mean predicted probability", style);
    let png = figure.to_png().unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let inked_columns: Vec<usize> = (0..400)
        .filter(|&x| (0..60).any(|y| buf[y * info.line_size + x * 4] < 128))
        .collect();
    let (first, last) = (inked_columns[0] as f64, *inked_columns.last().unwrap() as f64);
    let width = learnkit::display::text_width("Mean predicted probability", 20.0);
    assert!((first - 10.0).abs() <= 3.0, "starts at {first}");
    assert!((last - (10.0 + width)).abs() <= 3.0, "ends at {last}, width {width}");
}

#[test]
fn confusion_matrix_svg_has_a_cell_and_a_value_per_entry() {
    let display = ConfusionMatrixDisplay::from_predictions(
        array!["ant", "bee", "cat", "cat"].view(),
        array!["ant", "cat", "cat", "bee"].view(),
    )
    .unwrap()
    .normalize(Normalize::True);
    let svg = display.to_svg();
    let texts = svg_texts(&svg);
    for label in ["ant", "bee", "cat", "Predicted label", "True label", "0.5", "1", "0"] {
        assert!(texts.contains(&label.to_string()), "{label} missing from {texts:?}");
    }
    // Nine cells plus the colorbar's slices and frames.
    assert!(svg_count(&svg, "rect") >= 9 + 64);
}

#[test]
fn from_estimator_equals_from_predictions() {
    let (x, y) = common::fixtures::bundled("breast_cancer", true);
    let model = LogisticRegression::default().fit(x.view(), y.view()).unwrap();
    let display = RocCurveDisplay::from_estimator(&model, x.view(), y.view()).unwrap();
    let proba = model.predict_proba(x.view()).unwrap();
    let direct = RocCurveDisplay::from_predictions(y.view(), proba.column(1), &1).unwrap();
    assert_eq!(display.fpr, direct.fpr);
    assert_eq!(display.name.as_deref(), Some("LogisticRegression"));
    let decision = RocCurveDisplay::from_estimator_decision(&model, x.view(), y.view()).unwrap();
    assert!((decision.roc_auc - display.roc_auc).abs() < 1e-9);

    let cm = ConfusionMatrixDisplay::from_estimator(&model, x.view(), y.view()).unwrap();
    let predicted = model.predict(x.view()).unwrap();
    assert_eq!(
        cm,
        ConfusionMatrixDisplay::from_predictions(y.view(), predicted.view()).unwrap()
    );
}

#[test]
fn bad_inputs_are_errors() {
    let y = array![0, 1, 1];
    let s = array![0.1, 0.2, 0.3];
    // Mismatched lengths.
    assert!(matches!(
        RocCurveDisplay::from_predictions(y.view(), array![0.1].view(), &1),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        ConfusionMatrixDisplay::from_predictions(y.view(), array![0].view()),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        PredictionErrorDisplay::from_predictions(s.view(), array![0.1].view()),
        Err(Error::ShapeMismatch { .. })
    ));
    // Empty data.
    let empty_i = Array1::<i64>::zeros(0);
    let empty_f = Array1::<f64>::zeros(0);
    assert!(matches!(
        RocCurveDisplay::from_predictions(empty_i.view(), empty_f.view(), &1),
        Err(Error::EmptyInput { .. })
    ));
    assert!(matches!(
        ConfusionMatrixDisplay::from_predictions(empty_i.view(), empty_i.view()),
        Err(Error::EmptyInput { .. })
    ));
    assert!(matches!(
        PredictionErrorDisplay::from_predictions(empty_f.view(), empty_f.view()),
        Err(Error::EmptyInput { .. })
    ));
    assert!(matches!(
        FeatureImportanceDisplay::from_importances(empty_f.view(), None),
        Err(Error::EmptyInput { .. })
    ));
    // A single class: the ROC curve is undefined.
    assert!(matches!(
        RocCurveDisplay::from_predictions(array![1, 1, 1].view(), s.view(), &1),
        Err(Error::InvalidInput { .. })
    ));
    // Non-finite values.
    assert!(matches!(
        RocCurveDisplay::from_predictions(y.view(), array![0.1, f64::NAN, 0.3].view(), &1),
        Err(Error::NonFinite { .. })
    ));
    assert!(matches!(
        PredictionErrorDisplay::from_predictions(s.view(), array![0.1, f64::INFINITY, 0.3].view()),
        Err(Error::NonFinite { .. })
    ));
    // A multiclass model where a binary one is needed.
    let (x, y3) = common::iris();
    let model = LogisticRegression::default().fit(x.view(), y3.view()).unwrap();
    let err = RocCurveDisplay::from_estimator(&model, x.view(), y3.view()).unwrap_err();
    assert!(err.to_string().contains("binary classifier"), "{err}");
    assert!(RocCurveDisplay::from_estimator_decision(&model, x.view(), y3.view()).is_err());
    // Writing to a folder that does not exist.
    let figure = Axes::new();
    let figure = Figure::from_axes(figure);
    assert!(matches!(
        figure.save_png("/nonexistent/dir/roc.png"),
        Err(Error::Write { .. })
    ));
    assert!(matches!(
        figure.save_svg("/nonexistent/dir/roc.svg"),
        Err(Error::Write { .. })
    ));
}

#[test]
fn subplots_and_special_characters() {
    let axes: Vec<Axes> = (0..4)
        .map(|i| {
            let mut a = Axes::new().title(format!("f{i} <&>"));
            a.line(Line::new(vec![0.0, 1.0, 2.0], vec![1.0, f64::NAN, 3.0]));
            a
        })
        .collect();
    let figure = Figure::grid(900, 600, 2, axes);
    let texts = svg_texts(&figure.to_svg());
    assert!(texts.contains(&"f3 <&>".to_string()));
    assert!(png_ink(&figure.to_png().unwrap(), 900, 600) > 0.0);
}

#[test]
fn displays_round_trip_through_serde() {
    let display = ConfusionMatrixDisplay::from_predictions(array![0, 1, 1].view(), array![0, 1, 0].view())
        .unwrap()
        .normalize(Normalize::All);
    let back: ConfusionMatrixDisplay = serde_json::from_str(&common::to_json(&display)).unwrap();
    assert_eq!(back, display);
    let display = PredictionErrorDisplay::from_predictions(array![1.0, 2.0].view(), array![1.5, 2.5].view()).unwrap();
    let back: PredictionErrorDisplay = serde_json::from_str(&common::to_json(&display)).unwrap();
    assert_eq!(back, display);
}

#[test]
fn precision_recall_and_det_curves_match_scikit_learn() {
    let fixture = fixture();
    for (name, case) in fixture["binary"].as_object().unwrap() {
        let y = ints(&case["y_true"]);
        let score = vector(&case["y_score"]);
        let pr = PrecisionRecallDisplay::from_predictions(y.view(), score.view(), &1).unwrap();
        let want = &case["pr"];
        assert_close(
            &format!("{name} precision"),
            &pr.precision,
            &vector(&want["precision"]),
            1e-10,
        );
        assert_close(&format!("{name} recall"), &pr.recall, &vector(&want["recall"]), 1e-10);
        assert_close(
            &format!("{name} pr thresholds"),
            &pr.thresholds,
            &vector(&want["thresholds"]),
            1e-10,
        );
        let ap = want["average_precision"].as_f64().unwrap();
        assert!((pr.average_precision - ap).abs() < 1e-10, "{name} AP");
        let texts = svg_texts(&pr.clone().name("m").to_svg());
        assert!(texts.contains(&format!("m (AP = {ap:.2})")), "{texts:?}");
        assert!(texts.contains(&"Recall (Positive label: 1)".to_string()));

        let det = DetCurveDisplay::from_predictions(y.view(), score.view(), &1).unwrap();
        let want = &case["det"];
        assert_close(&format!("{name} det fpr"), &det.fpr, &vector_inf(&want["fpr"]), 1e-10);
        assert_close(&format!("{name} det fnr"), &det.fnr, &vector_inf(&want["fnr"]), 1e-10);
        assert_close(
            &format!("{name} det thresholds"),
            &det.thresholds,
            &vector_inf(&want["thresholds"]),
            1e-10,
        );
        let texts = svg_texts(&det.name("m").to_svg());
        for label in ["1%", "50%", "99%", "m", "False Negative Rate (Positive label: 1)"] {
            assert!(texts.contains(&label.to_string()), "{label} missing from {texts:?}");
        }
    }
}

#[test]
fn calibration_curves_match_scikit_learn() {
    let fixture = fixture();
    let case = &fixture["calibration"];
    let (y, prob) = (ints(&case["y_true"]), vector(&case["y_prob"]));
    for (name, c) in case["cases"].as_object().unwrap() {
        let strategy = match c["strategy"].as_str().unwrap() {
            "uniform" => BinStrategy::Uniform,
            _ => BinStrategy::Quantile,
        };
        let n_bins = c["n_bins"].as_u64().unwrap() as usize;
        let display = CalibrationDisplay::from_predictions(y.view(), prob.view(), &1, n_bins, strategy).unwrap();
        assert_close(
            &format!("{name} prob_true"),
            &display.prob_true,
            &vector(&c["prob_true"]),
            1e-10,
        );
        assert_close(
            &format!("{name} prob_pred"),
            &display.prob_pred,
            &vector(&c["prob_pred"]),
            1e-10,
        );
        let display = display.name("m");
        let svg = display.to_svg();
        // The curve's squares: one per bin, plus the legend's.
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let squares = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#1f77b4"))
            .count();
        assert_eq!(squares, vector(&c["prob_true"]).len() + 1, "{name}");
        assert!(svg_texts(&svg).contains(&"Perfectly calibrated".to_string()));
        assert!(png_ink(&display.to_png().unwrap(), 800, 600) > 0.002);
    }
    // Empty and mismatched inputs.
    let empty_i = Array1::<i64>::zeros(0);
    let empty_f = Array1::<f64>::zeros(0);
    assert!(CalibrationDisplay::from_predictions(empty_i.view(), empty_f.view(), &1, 5, BinStrategy::Uniform).is_err());
    assert!(
        CalibrationDisplay::from_predictions(y.view(), prob.slice(ndarray::s![1..]), &1, 5, BinStrategy::Uniform)
            .is_err()
    );
    // A multiclass model where a binary one is needed.
    let (x, y3) = common::iris();
    let model = GaussianNB::default().fit(x.view(), y3.view()).unwrap();
    let err = CalibrationDisplay::from_estimator(&model, x.view(), y3.view(), 5, BinStrategy::Uniform).unwrap_err();
    assert!(err.to_string().contains("binary classifier"), "{err}");
    assert!(PrecisionRecallDisplay::from_estimator(&model, x.view(), y3.view()).is_err());
    assert!(DetCurveDisplay::from_estimator(&model, x.view(), y3.view()).is_err());
}
