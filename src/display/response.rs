//! What the `from_estimator` constructors share: a binary classifier's
//! score of its positive class (scikit-learn's `_get_response_values_binary`),
//! the model's name for legends and a label as text.

use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::traits::{DecisionFunction, PredictProba};
use ndarray::{Array1, ArrayView2};

/// The model's type name without its path, generics or `Fitted` prefix
/// (`FittedLogisticRegression<f64, i64>` → `LogisticRegression`), as
/// scikit-learn names an estimator by its class in legends.
pub(crate) fn estimator_name<M: ?Sized>() -> String {
    let full = std::any::type_name::<M>();
    let base = full.split('<').next().unwrap_or(full);
    let last = base.rsplit("::").next().unwrap_or(base);
    last.strip_prefix("Fitted").unwrap_or(last).to_string()
}

/// A label as people write it: `1`, `spam` (not `"spam"`).
pub(crate) fn label_text<L: Label>(label: &L) -> String {
    let debug = format!("{label:?}");
    debug
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .map_or(debug.clone(), str::to_string)
}

/// The positive class of a binary classifier (`classes()[1]`), or an error
/// naming the display when the model has another number of classes.
fn positive_class<L: Label>(context: &'static str, classes: &[L]) -> Result<L> {
    if classes.len() != 2 {
        return Err(Error::invalid_input(
            context,
            format!(
                "needs a binary classifier, but the model has {} classes; pass the scores of one class with from_predictions",
                classes.len()
            ),
        ));
    }
    Ok(classes[1].clone())
}

/// The probability of the positive class (`classes()[1]`) for each row,
/// and that class (scikit-learn's `response_method="predict_proba"`, which
/// `"auto"` picks first).
pub(crate) fn positive_proba<F: Float, M: PredictProba<F>>(
    context: &'static str,
    model: &M,
    x: ArrayView2<'_, F>,
) -> Result<(Array1<f64>, M::Output)>
where
    M::Output: Label,
{
    let positive = positive_class(context, model.classes())?;
    let proba = model.predict_proba(x)?;
    Ok((proba.column(1).mapv(|v| v.as_f64()), positive))
}

/// The decision value of each row (greater means more likely
/// `classes()[1]`), and that class (scikit-learn's
/// `response_method="decision_function"`).
pub(crate) fn positive_decision<F: Float, M: DecisionFunction<F>>(
    context: &'static str,
    model: &M,
    x: ArrayView2<'_, F>,
) -> Result<(Array1<f64>, M::Output)>
where
    M::Output: Label,
{
    let positive = positive_class(context, model.classes())?;
    let scores = model.decision_function(x)?;
    Ok((scores.column(0).mapv(|v| v.as_f64()), positive))
}

/// ` (Positive label: 1)`, scikit-learn's suffix of the axis labels.
pub(crate) fn pos_label_suffix(pos_label: Option<&str>) -> String {
    pos_label.map_or_else(String::new, |p| format!(" (Positive label: {p})"))
}

/// `name (AUC = 0.93)` or `AUC = 0.93`.
pub(crate) fn legend_label(name: Option<&str>, metric: &str, value: f64) -> String {
    match name {
        Some(name) => format!("{name} ({metric} = {value:.2})"),
        None => format!("{metric} = {value:.2}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_labels_read_as_in_scikit_learn() {
        assert_eq!(
            estimator_name::<crate::linear_model::FittedLogisticRegression<f64, i64>>(),
            "LogisticRegression"
        );
        assert_eq!(label_text(&"spam"), "spam");
        assert_eq!(label_text(&String::from("ham")), "ham");
        assert_eq!(label_text(&1), "1");
    }
}
