//! [`FeatureNames`] for a fitted [`ColumnTransformer`](super::ColumnTransformer):
//! each step's names prefixed with `<step name>__`, then
//! `remainder__<column>` (scikit-learn's `verbose_feature_names_out=True`).

use super::{FittedColumnTransformer, FittedStep};
use crate::error::{Error, Result};
use crate::traits::FeatureNames;

const NAME: &str = "ColumnTransformer";

/// Private: the fitted step lists whose transformers all name their
/// outputs. Public in a private module so that it can bound the public impl
/// without being nameable outside the crate.
mod private {
    use crate::error::Result;

    pub trait StepFeatureNames {
        /// Appends every step's prefixed names, in step order, given the
        /// names of the transformer's input columns.
        fn push_names(&self, inputs: &[String], out: &mut Vec<String>) -> Result<()>;
    }
}
use private::StepFeatureNames;

impl StepFeatureNames for () {
    fn push_names(&self, _inputs: &[String], _out: &mut Vec<String>) -> Result<()> {
        Ok(())
    }
}

impl<S: StepFeatureNames, T: FeatureNames> StepFeatureNames for (S, FittedStep<T>) {
    fn push_names(&self, inputs: &[String], out: &mut Vec<String>) -> Result<()> {
        self.0.push_names(inputs, out)?;
        let step = &self.1;
        // A skipped step (no column selected) outputs nothing.
        if let Some(transformer) = step.transformer() {
            let selected = select(inputs, step.columns())?;
            let names = transformer.get_feature_names_out(Some(&selected))?;
            out.extend(names.into_iter().map(|name| format!("{}__{name}", step.name())));
        }
        Ok(())
    }
}

/// The names of `columns` (checked: a loaded model's columns are otherwise
/// only checked against the input when transforming).
fn select(inputs: &[String], columns: &[usize]) -> Result<Vec<String>> {
    columns
        .iter()
        .map(|&j| {
            inputs.get(j).cloned().ok_or_else(|| {
                Error::invalid_input(
                    NAME,
                    format!("column {j} is out of range for {} input columns", inputs.len()),
                )
            })
        })
        .collect()
}

impl<S: StepFeatureNames> FeatureNames for FittedColumnTransformer<S> {
    /// `<step name>__<name>` for each step's output names, then
    /// `remainder__<column>` for the passed-through columns. The input names
    /// are `input_features`, else the transformer's
    /// [`feature_names`](super::ColumnTransformer::feature_names), else `x0`,
    /// `x1`, …; given with `feature_names`, `input_features` must equal them.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `input_features` does not have one name
    /// per input column; [`Error::InvalidParameter`] when it differs from
    /// the names the transformer was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::compose::{ColumnTransformer, Remainder};
    /// use ndarray::array;
    /// let x = array![[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]];
    /// let fitted = ColumnTransformer::new()
    ///     .add("scale", StandardScaler::default(), [2, 0])
    ///     .remainder(Remainder::Passthrough)
    ///     .fit_unsupervised(x.view())?;
    /// assert_eq!(fitted.get_feature_names_out(None)?, ["scale__x2", "scale__x0", "remainder__x1"]);
    /// let names = ["a".to_string(), "b".to_string(), "c".to_string()];
    /// assert_eq!(fitted.get_feature_names_out(Some(&names))?, ["scale__c", "scale__a", "remainder__b"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn get_feature_names_out(&self, input_features: Option<&[String]>) -> Result<Vec<String>> {
        let inputs = match (input_features, self.feature_names_in()) {
            (Some(given), Some(fitted)) if given.len() == fitted.len() && given != fitted => {
                return Err(Error::invalid_parameter(
                    NAME,
                    "input_features",
                    "equal to feature_names_in",
                    given,
                ));
            }
            (None, Some(fitted)) => fitted.to_vec(),
            (given, _) => crate::feature_names::names_in(NAME, self.n_features_in(), given)?,
        };
        let mut names = Vec::with_capacity(self.n_features_out());
        self.steps().push_names(&inputs, &mut names)?;
        for name in select(&inputs, self.remainder_columns())? {
            names.push(format!("remainder__{name}"));
        }
        Ok(names)
    }
}
