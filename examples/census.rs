//! The census example: predicting income above $50K on the Adult data
//! (UCI; 32,561 training and 16,281 test rows, 8 categorical columns with
//! missing values), the classic tabular benchmark where gradient-boosted
//! trees reach a ROC-AUC of about 0.927.
//!
//! Run with `cargo run --release --example census`. It fits three models on
//! the training split and scores them on the test split:
//! - `HistGradientBoostingClassifier` with native categorical splits and
//!   missing values, 100 iterations on every training row;
//! - a `Pipeline` of `ColumnTransformer(OneHotEncoder on the categories,
//!   StandardScaler on the numbers)` → `LogisticRegression`;
//! - a `RandomForestClassifier` (100 trees) on the codes, missing values
//!   routed by the trees themselves.
//!
//! It then draws the figures scikit-learn users would reach for, each as SVG
//! and PNG, into the folder it names at the end (`target/census-figures`,
//! or the one given with `-- --figures DIR`): the three ROC curves in one
//! plot, and for the gradient boosting its precision-recall curve,
//! calibration curve, normalised confusion matrix, partial dependence (with
//! ICE lines) on age and hours per week, and a SHAP summary (mean |SHAP
//! value| per feature over 1,000 test rows, exact TreeSHAP); for the forest
//! its impurity-based feature importances.
//!
//! With `-- --grid`, it first tunes the gradient boosting's `learning_rate`
//! with `GridSearchCV` (5-fold stratified, ROC-AUC, every (candidate, fold)
//! pair in parallel) and prints the search's table.

use learnkit::calibration::BinStrategy;
use learnkit::compose::ColumnTransformer;
use learnkit::datasets::load_adult;
use learnkit::display::{
    Axes, CalibrationDisplay, Color, ConfusionMatrixDisplay, FeatureImportanceDisplay, Figure, LegendLoc, Line,
    LineStyle, Normalize, PartialDependencePlot, Plot, PrecisionRecallDisplay, RocCurveDisplay,
};
use learnkit::ensemble::{CategoricalFeatures, EarlyStopping, HistGradientBoostingClassifier, RandomForestClassifier};
use learnkit::inspection::{PdKind, shap_values};
use learnkit::metrics::{accuracy_score, roc_auc_score};
use learnkit::model_selection::{GridSearchCV, RocAuc, StratifiedKFold};
use learnkit::prelude::*;
use learnkit::preprocessing::{HandleUnknown, OneHotEncoder};
use ndarray::{Array1, Array2, Axis, s};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One row of the results table.
struct Outcome {
    model: &'static str,
    roc_auc: f64,
    accuracy: f64,
    fit: Duration,
}

/// Scores a fitted probabilistic classifier on the test split: ROC-AUC of the
/// `>50K` probability, and accuracy.
fn evaluate<M: PredictProba<f64, Output = String>>(
    model: &M,
    x: &Array2<f64>,
    y: &Array1<String>,
) -> learnkit::Result<(f64, f64)> {
    let rich = model
        .classes()
        .iter()
        .position(|c| c == ">50K")
        .expect(">50K is a class");
    let proba = model.predict_proba(x.view())?;
    let predicted = model.predict(x.view())?;
    Ok((
        roc_auc_score(y.view(), proba.column(rich))?,
        accuracy_score(y.view(), predicted.view())?,
    ))
}

fn main() -> learnkit::Result<()> {
    let start = Instant::now();
    let adult = load_adult();
    let (x_train, y_train) = (&adult.train.data, &adult.train.target);
    let (x_test, y_test) = (&adult.test.data, &adult.test.target);
    println!(
        "Adult: {} training and {} test rows, {} features ({} categorical), loaded in {:.2} s",
        x_train.nrows(),
        x_test.nrows(),
        x_train.ncols(),
        adult.categorical_features.len(),
        start.elapsed().as_secs_f64()
    );
    let numeric: Vec<usize> = (0..x_train.ncols())
        .filter(|c| !adult.categorical_features.contains(c))
        .collect();
    let mut outcomes = Vec::new();

    let categorical = CategoricalFeatures::Indices(adult.categorical_features.clone());
    let mut learning_rate = 0.1;
    if std::env::args().any(|a| a == "--grid") {
        let search = GridSearchCV::new(
            vec![0.05, 0.1, 0.2, 0.3],
            |&rate: &f64| {
                HistGradientBoostingClassifier::default()
                    .categorical_features(categorical.clone())
                    .early_stopping(EarlyStopping::Off)
                    .learning_rate(rate)
                    .random_state(0)
            },
            StratifiedKFold::new(5),
        )
        .scoring(RocAuc);
        println!("GridSearchCV over learning_rate (5 folds, ROC-AUC)…");
        let start = Instant::now();
        let results = search.evaluate(x_train.view(), y_train.view())?;
        println!("{results}");
        learning_rate = results.params[results.best_index()];
        println!(
            "best learning_rate: {learning_rate} ({:.1} s)\n",
            start.elapsed().as_secs_f64()
        );
    }

    // 1. Gradient boosting, categories and missing values handled natively.
    // Early stopping (scikit-learn's `auto` turns it on above 10,000 rows)
    // would hold 10% of the rows out and still run all 100 iterations here,
    // scoring 0.9269; on every row the test ROC-AUC is 0.9273, as scikit-learn's.
    let boosting = HistGradientBoostingClassifier::default()
        .categorical_features(categorical)
        .early_stopping(EarlyStopping::Off)
        .learning_rate(learning_rate)
        .random_state(0);
    let start = Instant::now();
    let model = boosting.fit_with_progress(x_train.view(), y_train.view(), None, |p| {
        print!(
            "\rHistGradientBoostingClassifier: iteration {:>3} of at most {}",
            p.iteration, p.max_iter
        );
        let _ = std::io::stdout().flush();
    })?;
    let fit = start.elapsed();
    println!(" — {} iterations, {:.2} s", model.n_iter(), fit.as_secs_f64());
    let (roc_auc, accuracy) = evaluate(&model, x_test, y_test)?;
    let boosting_model = model;
    outcomes.push(Outcome {
        model: "HistGradientBoostingClassifier",
        roc_auc,
        accuracy,
        fit,
    });

    // 2. One-hot categories and standardised numbers, then a linear model.
    let columns = ColumnTransformer::new()
        .add(
            "categories",
            OneHotEncoder::default().handle_unknown(HandleUnknown::Ignore),
            adult.categorical_features.clone(),
        )
        .add("numbers", StandardScaler::default(), numeric);
    let pipeline = Pipeline::new(columns, LogisticRegression::default().max_iter(1000));
    print!("ColumnTransformer(OneHotEncoder, StandardScaler) → LogisticRegression: fitting…");
    let _ = std::io::stdout().flush();
    let start = Instant::now();
    let model = pipeline.fit(x_train.view(), y_train.view())?;
    let fit = start.elapsed();
    println!(" {:.2} s", fit.as_secs_f64());
    let (roc_auc, accuracy) = evaluate(&model, x_test, y_test)?;
    let linear_model = model;
    outcomes.push(Outcome {
        model: "OneHot + StandardScaler → LogisticRegression",
        roc_auc,
        accuracy,
        fit,
    });

    // 3. A random forest on the codes; the trees route missing values.
    print!("RandomForestClassifier (100 trees): fitting…");
    let _ = std::io::stdout().flush();
    let start = Instant::now();
    let model = RandomForestClassifier::default()
        .n_estimators(100)
        .random_state(0)
        .fit(x_train.view(), y_train.view())?;
    let fit = start.elapsed();
    println!(" {:.2} s", fit.as_secs_f64());
    let (roc_auc, accuracy) = evaluate(&model, x_test, y_test)?;
    let forest_model = model;
    outcomes.push(Outcome {
        model: "RandomForestClassifier (100 trees)",
        roc_auc,
        accuracy,
        fit,
    });

    println!("\nTest split ({} rows):", x_test.nrows());
    let width = outcomes.iter().map(|o| o.model.len()).max().unwrap_or(5);
    println!("{:width$}  ROC-AUC  accuracy  fit time", "model");
    for o in &outcomes {
        println!(
            "{:width$}  {:.4}   {:.4}    {:.2} s",
            o.model,
            o.roc_auc,
            o.accuracy,
            o.fit.as_secs_f64()
        );
    }

    // The figures.
    let folder = figures_folder();
    std::fs::create_dir_all(&folder).map_err(|source| learnkit::Error::Write {
        path: folder.display().to_string(),
        source,
    })?;
    let start = Instant::now();
    let mut roc = Axes::new()
        .title("Adult test split: ROC curves")
        .xlabel("False Positive Rate")
        .ylabel("True Positive Rate")
        .xlim(-0.01, 1.01)
        .ylim(-0.01, 1.01)
        .equal_aspect(true)
        .legend(LegendLoc::LowerRight);
    roc.line(roc_line(&boosting_model, "Gradient boosting", x_test, y_test)?);
    roc.line(roc_line(&linear_model, "Logistic regression", x_test, y_test)?);
    roc.line(roc_line(&forest_model, "Random forest", x_test, y_test)?);
    roc.line(
        Line::new(vec![0.0, 1.0], vec![0.0, 1.0])
            .color(Color::BLACK)
            .style(LineStyle::Dashed)
            .label("Chance level (AUC = 0.5)"),
    );
    let roc = Figure::from_axes(roc);
    // How long rendering takes (the target: milliseconds).
    let render = Instant::now();
    let svg = roc.to_svg();
    let svg_time = render.elapsed();
    let render = Instant::now();
    let png = roc.to_png()?;
    let png_time = render.elapsed();
    println!(
        "\nROC figure (3 curves, {} points): SVG {} kB in {:.1} ms, PNG {} kB in {:.1} ms",
        roc_points(&roc),
        svg.len() / 1000,
        svg_time.as_secs_f64() * 1e3,
        png.len() / 1000,
        png_time.as_secs_f64() * 1e3
    );
    save(&roc, &folder, "roc")?;
    let boosting = "Gradient boosting";
    save(
        &PrecisionRecallDisplay::from_estimator(&boosting_model, x_test.view(), y_test.view())?
            .name(boosting)
            .plot(),
        &folder,
        "precision_recall",
    )?;
    save(
        &CalibrationDisplay::from_estimator(&boosting_model, x_test.view(), y_test.view(), 10, BinStrategy::Uniform)?
            .name(boosting)
            .plot(),
        &folder,
        "calibration",
    )?;
    save(
        &ConfusionMatrixDisplay::from_estimator(&boosting_model, x_test.view(), y_test.view())?
            .normalize(Normalize::True)
            .plot(),
        &folder,
        "confusion_matrix",
    )?;
    save(
        &FeatureImportanceDisplay::from_estimator(&forest_model, Some(adult.feature_names.clone()))?.plot(),
        &folder,
        "forest_feature_importance",
    )?;
    // Partial dependence of the >50K log-odds on two numeric columns, the
    // average and 50 ICE lines (brute force: ICE needs it).
    let column = |name: &str| adult.feature_names.iter().position(|n| n == name);
    if let (Some(age), Some(hours)) = (column("age"), column("hours_per_week")) {
        let pdp = PartialDependencePlot::default()
            .kind(PdKind::Both)
            .feature_names(Some(adult.feature_names.clone()))
            .n_cols(2)
            .subsample(Some(50))
            .random_state(Some(0))
            .display(&boosting_model, x_test.slice(s![..2000, ..]), &[&[age], &[hours]])?;
        save(&pdp.plot(), &folder, "partial_dependence")?;
    }
    // A SHAP summary: the mean |SHAP value| of each feature over 1,000 test
    // rows, exact TreeSHAP on the gradient boosting (in log-odds).
    let shap = shap_values(&boosting_model, x_test.slice(s![..1000, ..]))?;
    let mean_abs = shap.values.index_axis(Axis(2), 0).mapv(f64::abs).mean_axis(Axis(0));
    let mut summary = FeatureImportanceDisplay::from_importances(
        mean_abs.expect("1,000 rows").view(),
        Some(adult.feature_names.clone()),
    )?;
    summary.xlabel = "mean |SHAP value| (log-odds of >50K)".to_string();
    save(&summary.plot(), &folder, "shap_summary")?;
    println!(
        "Figures (SVG and PNG, {:.2} s): {}",
        start.elapsed().as_secs_f64(),
        folder.display()
    );
    Ok(())
}

/// Where the figures go: `-- --figures DIR`, else `target/census-figures`.
fn figures_folder() -> PathBuf {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--figures") {
        Some(i) if i + 1 < args.len() => PathBuf::from(&args[i + 1]),
        _ => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join("census-figures"),
    }
}

/// A model's ROC curve on the test split as a line labelled with its AUC.
fn roc_line<M: PredictProba<f64, Output = String>>(
    model: &M,
    name: &str,
    x: &Array2<f64>,
    y: &Array1<String>,
) -> learnkit::Result<Line> {
    let display = RocCurveDisplay::from_estimator(model, x.view(), y.view())?;
    Ok(Line::new(display.fpr.to_vec(), display.tpr.to_vec()).label(format!("{name} (AUC = {:.3})", display.roc_auc)))
}

/// The number of polyline points in a figure.
fn roc_points(figure: &Figure) -> usize {
    figure
        .primitives()
        .iter()
        .map(|p| match p {
            learnkit::display::Primitive::Polyline { points, .. } => points.len(),
            _ => 0,
        })
        .sum()
}

/// Writes `figure` as `name.svg` and `name.png` in `folder`.
fn save(figure: &Figure, folder: &Path, name: &str) -> learnkit::Result<()> {
    figure.save_svg(folder.join(format!("{name}.svg")))?;
    figure.save_png(folder.join(format!("{name}.png")))
}
