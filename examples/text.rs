//! Text classification on a real labelled corpus: which of Jane Austen's six
//! novels a paragraph comes from (`datasets/austen_paragraphs.tsv.gz`, from
//! Debian's `r-cran-janeaustenr` package; origin and licence in
//! `datasets/README.md`).
//!
//! `TfidfVectorizer` turns the paragraphs into a sparse matrix; three
//! classifiers take it through the one sparse mechanism (`fit_matrix` /
//! `predict_matrix`, never densified): `LinearSVC`, `LogisticRegression`
//! and `MultinomialNB`. Each prints its accuracy on the held-out paragraphs
//! (every fifth one), its fit time and the words that speak most for each
//! novel — mostly its characters (emma, knightley; darcy, bennet; elinor,
//! marianne).
//!
//! ```text
//! cargo run --release --example text
//! ```

use flate2::read::GzDecoder;
use learnkit::feature_extraction::{FittedTfidfVectorizer, StopWords, TfidfVectorizer};
use learnkit::linear_model::LogisticRegression;
use learnkit::metrics::accuracy_score;
use learnkit::naive_bayes::MultinomialNB;
use learnkit::prelude::*;
use learnkit::sparse::{CsrMatrix, MatrixView};
use learnkit::svm::LinearSVC;
use ndarray::{Array1, ArrayView2, Axis};
use std::io::Read;
use std::path::Path;
use std::time::Instant;

const CORPUS: &str = "datasets/austen_paragraphs.tsv.gz";

/// The paragraphs and their novel's name, in file order.
fn load(path: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let file = std::fs::File::open(path).map_err(|e| {
        format!(
            "cannot open {}: {e}\n(run from the repository root; tools/datasets/austen.py rebuilds it)",
            path.display()
        )
    })?;
    let mut text = String::new();
    GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let (mut docs, mut labels) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate().skip(1) {
        let (label, doc) = line
            .split_once('\t')
            .ok_or_else(|| format!("{}: line {}: no tab", path.display(), i + 1))?;
        labels.push(label.to_string());
        docs.push(doc.to_string());
    }
    Ok((docs, labels))
}

/// The `k` terms of largest weight in each row of `weights` (one row per class).
fn telling_words(vectorizer: &FittedTfidfVectorizer, weights: ArrayView2<'_, f64>, classes: &[String], k: usize) {
    let terms = vectorizer.get_feature_names_out();
    for (class, row) in classes.iter().zip(weights.rows()) {
        let mut order: Vec<usize> = (0..row.len()).collect();
        order.sort_by(|&a, &b| row[b].total_cmp(&row[a]));
        let words: Vec<&str> = order[..k.min(order.len())].iter().map(|&j| terms[j].as_str()).collect();
        println!("    {class:<22} {}", words.join(", "));
    }
}

fn report<M: Predictor<f64, Output = String>>(
    name: &str,
    fit_seconds: f64,
    model: &M,
    x_test: &CsrMatrix<f64>,
    y_test: &Array1<String>,
) -> learnkit::Result<()> {
    let predicted = model.predict_matrix(MatrixView::from(x_test))?;
    let accuracy = accuracy_score(y_test.view(), predicted.view())?;
    println!("{name:<20} accuracy {accuracy:.3}   fit {fit_seconds:.2} s");
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (docs, labels) = load(Path::new(CORPUS))?;
    // Every fifth paragraph is held out: a fixed split, no shuffling needed.
    let (mut train, mut test) = ((Vec::new(), Vec::new()), (Vec::new(), Vec::new()));
    for (i, (doc, label)) in docs.into_iter().zip(labels).enumerate() {
        let part = if i % 5 == 4 { &mut test } else { &mut train };
        part.0.push(doc);
        part.1.push(label);
    }
    let (y_train, y_test) = (Array1::from(train.1), Array1::from(test.1));
    println!(
        "{} training and {} test paragraphs from 6 novels",
        y_train.len(),
        y_test.len()
    );

    let start = Instant::now();
    let vectorizer = TfidfVectorizer::default()
        .stop_words(StopWords::English)
        .min_df(2)
        .sublinear_tf(true);
    let (fitted, x_train) = vectorizer.fit_transform(&train.0)?;
    let x_test = fitted.transform(&test.0)?;
    println!(
        "TfidfVectorizer: {} terms, {:.2}% non-zero, {:.2} s\n",
        x_train.ncols(),
        100.0 * x_train.density(),
        start.elapsed().as_secs_f64()
    );

    let start = Instant::now();
    let svc = LinearSVC::default().fit_matrix(MatrixView::from(&x_train), y_train.view())?;
    report("LinearSVC", start.elapsed().as_secs_f64(), &svc, &x_test, &y_test)?;
    telling_words(&fitted, svc.coef(), svc.classes(), 8);

    let start = Instant::now();
    let logistic = LogisticRegression::default()
        .c(10.0)
        .fit_matrix(MatrixView::from(&x_train), y_train.view())?;
    report(
        "LogisticRegression",
        start.elapsed().as_secs_f64(),
        &logistic,
        &x_test,
        &y_test,
    )?;
    telling_words(&fitted, logistic.coef(), logistic.classes(), 8);

    let start = Instant::now();
    let bayes = MultinomialNB::default()
        .alpha(0.1)
        .fit_matrix(MatrixView::from(&x_train), y_train.view())?;
    report("MultinomialNB", start.elapsed().as_secs_f64(), &bayes, &x_test, &y_test)?;
    // A term speaks for a novel when its log-probability there is above its
    // mean over the six novels (the raw log-probabilities rank the words
    // every novel uses).
    let log_prob = bayes.feature_log_prob();
    let lift = &log_prob - &log_prob.mean_axis(Axis(0)).expect("six classes");
    telling_words(&fitted, lift.view(), bayes.classes(), 8);
    Ok(())
}
