//! The classic first program: iris, split in half, logistic regression.
//!
//! Run with `cargo run --release --example iris`.

use learnkit::datasets::load_iris;
use learnkit::ensemble::RandomForestClassifier;
use learnkit::linear_model::{Cs, LogisticRegressionCV};
use learnkit::metrics::{accuracy_score, classification_report, confusion_matrix};
use learnkit::model_selection::{Accuracy, StratifiedKFold, cross_val_score, train_test_split};
use learnkit::prelude::*;

fn main() -> learnkit::Result<()> {
    let iris = load_iris();
    // Species names as labels: predictions come back as the same type.
    let species = iris.target.mapv(|code| iris.target_names[code].clone());
    println!(
        "iris: {} flowers, {} features ({})",
        iris.data.nrows(),
        iris.data.ncols(),
        iris.feature_names.join(", ")
    );

    let split = train_test_split(iris.data.view(), species.view())
        .test_size(0.5)
        .random_state(0)
        .stratify(species.view())
        .split()?;

    let model = LogisticRegression::default().fit(split.x_train.view(), split.y_train.view())?;
    let predicted = model.predict(split.x_test.view())?;

    println!(
        "LogisticRegression (C = 1, L-BFGS, {} iterations, converged: {})",
        model.n_iter(),
        model.converged()
    );
    println!(
        "test accuracy: {:.3}\n",
        accuracy_score(split.y_test.view(), predicted.view())?
    );
    println!("{}", classification_report(split.y_test.view(), predicted.view())?);

    let forest = RandomForestClassifier::default()
        .n_estimators(100)
        .random_state(0)
        .fit(split.x_train.view(), split.y_train.view())?;
    let forest_predicted = forest.predict(split.x_test.view())?;
    println!(
        "RandomForestClassifier (100 trees) test accuracy: {:.3}",
        accuracy_score(split.y_test.view(), forest_predicted.view())?
    );
    let importances = forest.feature_importances();
    for (name, importance) in iris.feature_names.iter().zip(importances.iter()) {
        println!("  importance of {name}: {importance:.3}");
    }
    println!();

    // C chosen by 5-fold cross-validation on the training half, over the
    // warm-started path of 10 values from 1e-4 to 1e4.
    let cv_model = LogisticRegressionCV::default()
        .cs(Cs::Count(10))
        .max_iter(1000)
        .fit(split.x_train.view(), split.y_train.view())?;
    let cv_predicted = cv_model.predict(split.x_test.view())?;
    let mean_scores = cv_model.scores().mean_axis(ndarray::Axis(0)).expect("five folds");
    println!("LogisticRegressionCV: mean CV accuracy per C");
    for (c, score) in cv_model.cs().iter().zip(&mean_scores) {
        println!("  C = {c:>9.4e}: {score:.3}");
    }
    println!(
        "chosen C = {:.4e}, test accuracy: {:.3}",
        cv_model.c(),
        accuracy_score(split.y_test.view(), cv_predicted.view())?
    );
    let logistic = LogisticRegression::default().max_iter(1000);
    let scores = cross_val_score(&logistic, iris.data.view(), species.view())
        .cv(StratifiedKFold::new(5))
        .scoring(Accuracy)
        .run()?;
    println!(
        "cross_val_score of LogisticRegression on all 150 flowers: {:.3} ± {:.3}\n",
        scores.mean().unwrap_or(f64::NAN),
        scores.std(0.0)
    );

    let confusion = confusion_matrix(split.y_test.view(), predicted.view())?;
    println!("LogisticRegression confusion matrix (rows: true, columns: predicted)");
    let width = confusion.labels.iter().map(String::len).max().unwrap_or(0);
    print!("{:width$}", "");
    for label in &confusion.labels {
        print!("  {label:>width$}");
    }
    println!();
    for (label, row) in confusion.labels.iter().zip(confusion.matrix.rows()) {
        print!("{label:>width$}");
        for count in row {
            print!("  {count:>width$}");
        }
        println!();
    }
    Ok(())
}
