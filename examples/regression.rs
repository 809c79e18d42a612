//! Regression on the diabetes data: `PolynomialFeatures(2) → StandardScaler →
//! RidgeCV`, then the same with `LassoCV`, each fitted as one pipeline on a
//! training split and scored on the held-out rows, with the coefficients
//! read against the names of the polynomial terms (the lasso's non-zero
//! ones).
//!
//! Run with `cargo run --release --example regression` (well under a second).

use learnkit::datasets::load_diabetes;
use learnkit::linear_model::{LassoCV, RidgeCV};
use learnkit::metrics::{mean_absolute_error, r2_score};
use learnkit::model_selection::train_test_split;
use learnkit::prelude::*;

fn main() -> learnkit::Result<()> {
    let diabetes = load_diabetes();
    let split = train_test_split(diabetes.data.view(), diabetes.target.view())
        .test_size(0.25)
        .random_state(0)
        .split()?;
    println!(
        "diabetes: {} training and {} test patients, {} features",
        split.x_train.nrows(),
        split.x_test.nrows(),
        split.x_train.ncols()
    );

    // 10 features → 65 terms (the bias is left out: RidgeCV fits an intercept).
    let alphas: Vec<f64> = (-3..=4).map(|k| 10f64.powi(k)).collect();
    let pipeline = Pipeline::new(
        PolynomialFeatures::default().include_bias(false),
        StandardScaler::default(),
    )
    .then(RidgeCV::default().alphas(alphas));
    let model = pipeline.fit(split.x_train.view(), split.y_train.view())?;
    let predicted = model.predict(split.x_test.view())?;
    let ridge = &model.second;
    println!("\nPolynomialFeatures(2) → StandardScaler → RidgeCV");
    println!("  chosen alpha       {}", ridge.alpha());
    println!(
        "  test R²            {:.4}",
        r2_score(split.y_test.view(), predicted.view())?
    );
    println!(
        "  test mean abs err  {:.2}",
        mean_absolute_error(split.y_test.view(), predicted.view())?
    );

    // The names of the 65 terms, through the pipeline's transforming steps.
    let names = model.first.get_feature_names_out(Some(&diabetes.feature_names))?;
    let coef = ridge.coef();
    let mut order: Vec<usize> = (0..coef.len()).collect();
    order.sort_by(|&a, &b| coef[b].abs().total_cmp(&coef[a].abs()));
    println!("  largest coefficients (per standard deviation of the term):");
    for &j in order.iter().take(8) {
        println!("    {:<10} {:>8.2}", names[j], coef[j]);
    }

    // The same pipeline with LassoCV: the L1 penalty sets most terms' coefficients to exactly zero.
    let pipeline = Pipeline::new(
        PolynomialFeatures::default().include_bias(false),
        StandardScaler::default(),
    )
    .then(LassoCV::default().max_iter(10_000));
    let model = pipeline.fit(split.x_train.view(), split.y_train.view())?;
    let predicted = model.predict(split.x_test.view())?;
    let lasso = &model.second;
    let coef = lasso.coef();
    println!("\nPolynomialFeatures(2) → StandardScaler → LassoCV");
    println!("  chosen alpha       {:.4}", lasso.alpha());
    println!(
        "  test R²            {:.4}",
        r2_score(split.y_test.view(), predicted.view())?
    );
    let kept: Vec<usize> = (0..coef.len()).filter(|&j| coef[j] != 0.0).collect();
    println!("  non-zero coefficients: {} of {}", kept.len(), coef.len());
    for &j in &kept {
        println!("    {:<10} {:>8.2}", names[j], coef[j]);
    }
    Ok(())
}
