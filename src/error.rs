//! The one error type of the crate.
//!
//! Every fallible function returns [`Result`]. Variants are structured so that a
//! caller can match on what went wrong and where, and each message names the
//! estimator or function, the offending value and what was expected.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use ndarray::array;
//!
//! fn describe(result: learnkit::Result<f64>) -> String {
//!     match result {
//!         Ok(score) => format!("score {score:.2}"),
//!         Err(Error::NonFinite { row, column, .. }) => format!("fix the value at row {row}, column {column}"),
//!         Err(Error::InvalidParameter { parameter, .. }) => format!("check the parameter {parameter}"),
//!         Err(other) => other.to_string(), // `Error` is non-exhaustive
//!     }
//! }
//! let x = array![[1.0, 2.0], [f64::NAN, 0.5], [3.0, 1.0]];
//! let y = array![0, 1, 0];
//! let fit = |c: f64| LogisticRegression::default().c(c).fit(x.view(), y.view()).and_then(|m| m.score(x.view(), y.view()));
//! assert_eq!(describe(fit(1.0)), "fix the value at row 1, column 0");
//! assert_eq!(describe(fit(0.0)), "check the parameter C");
//! ```

use std::borrow::Cow;
use std::fmt::{self, Debug};

/// Everything that can go wrong when fitting, predicting, transforming,
/// scoring or loading data.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
///
/// let x = array![[1.0, f64::INFINITY], [2.0, 3.0]];
/// let err = StandardScaler::default().fit_unsupervised(x.view()).unwrap_err();
/// assert!(matches!(err, Error::NonFinite { row: 0, column: 1, .. }));
/// ```
///
/// The estimator or function a message starts with (`context`, and
/// `estimator` of [`Error::InvalidParameter`]) is a `Cow<'static, str>`: a
/// name known at compile time costs nothing, and a wrapper can add to it
/// (`ColumnTransformer step "num" (StandardScaler)`). Compare it with `==`:
///
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
///
/// let err = StandardScaler::default().fit_unsupervised(array![[f64::INFINITY]].view()).unwrap_err();
/// assert!(matches!(&err, Error::NonFinite { context, .. } if context == "StandardScaler"));
/// ```
///
/// `Debug` prints the readable message (and the chain of underlying errors
/// not already in it), as `anyhow` does, so that `fn main() ->
/// learnkit::Result<()>` reports a failure in words rather than as a
/// struct; match on the variant for its fields.
///
/// ```
/// let err = learnkit::Error::invalid_input("log_loss", "probabilities must be in [0, 1]");
/// assert_eq!(format!("{err:?}"), "log_loss: invalid input: probabilities must be in [0, 1]");
/// ```
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A hyperparameter is out of its allowed range.
    #[error("{estimator}: invalid parameter `{parameter}`: must be {constraint}, got {value}")]
    InvalidParameter {
        /// The estimator or function whose parameter is wrong.
        estimator: Cow<'static, str>,
        /// The parameter's name, as in scikit-learn.
        parameter: &'static str,
        /// What the value must be.
        constraint: String,
        /// The value that was given.
        value: String,
    },
    /// Two inputs that must agree in size do not.
    #[error("{context}: shape mismatch: {what}: expected {expected}, got {got}")]
    ShapeMismatch {
        /// The estimator or function that noticed.
        context: Cow<'static, str>,
        /// Which inputs disagree.
        what: &'static str,
        /// The size that was expected.
        expected: usize,
        /// The size that was given.
        got: usize,
    },
    /// `predict`/`transform` got a matrix with a different number of columns
    /// than `fit` saw.
    #[error("{context}: X has {got} features, but it was fitted with {expected} features")]
    FeatureCountMismatch {
        /// The fitted estimator that noticed.
        context: Cow<'static, str>,
        /// Number of features seen in `fit`.
        expected: usize,
        /// Number of features given now.
        got: usize,
    },
    /// An input has no rows or no columns.
    #[error("{context}: empty input: {what}")]
    EmptyInput {
        /// The estimator or function that noticed.
        context: Cow<'static, str>,
        /// What is empty.
        what: &'static str,
    },
    /// A NaN or an infinity where only finite numbers are allowed.
    #[error("{context}: input contains {value} at row {row}, column {column}")]
    NonFinite {
        /// The estimator or function that noticed.
        context: Cow<'static, str>,
        /// Row of the first non-finite value (0-based).
        row: usize,
        /// Column of the first non-finite value (0-based; 0 for a 1-D input).
        column: usize,
        /// The value itself (NaN or ±inf).
        value: f64,
    },
    /// A classifier was given targets with a single class.
    #[error("{context}: needs samples of at least 2 classes in the targets, got only class {class}")]
    SingleClass {
        /// The estimator that noticed.
        context: Cow<'static, str>,
        /// The one class present.
        class: String,
    },
    /// A label or category that was not seen during fitting.
    #[error("{context}: unknown category {category} at row {row}, column {column}")]
    UnknownCategory {
        /// The estimator or function that noticed.
        context: Cow<'static, str>,
        /// Row (0-based) of the first unknown value (its index for targets).
        row: usize,
        /// Column (0-based) the category was found in; 0 for targets.
        column: usize,
        /// The category, as text.
        category: String,
    },
    /// An input that is well-shaped but not acceptable (for example negative
    /// sample weights, or probabilities outside `[0, 1]`).
    #[error("{context}: invalid input: {message}")]
    InvalidInput {
        /// The estimator or function that noticed.
        context: Cow<'static, str>,
        /// What is wrong.
        message: String,
    },
    /// A numerical routine failed (not a `max_iter` stop, which is not an error).
    #[error("{context}: numerical failure: {message}")]
    NotConverged {
        /// The estimator that failed.
        context: Cow<'static, str>,
        /// What failed.
        message: String,
    },
    /// A request whose memory follows from the input or the hyperparameters
    /// is too large to allocate (scikit-learn raises `MemoryError`): the
    /// size is computed and the allocation tried before any work, so the
    /// process never aborts.
    #[error("{context}: {what} needs {bytes} bytes, more than can be allocated")]
    TooLarge {
        /// The estimator or function that noticed.
        context: Cow<'static, str>,
        /// What would have been allocated, with its dimensions.
        what: String,
        /// The size asked for, in bytes (saturated at `u128::MAX`).
        bytes: u128,
    },
    /// An operation the model does not support (yet): for example an ONNX
    /// export of a model type that has no ONNX form.
    #[error("{context}: not supported: {message}")]
    Unsupported {
        /// The operation (`ONNX export`).
        context: Cow<'static, str>,
        /// What is not supported, naming the type, and why.
        message: String,
    },
    /// A collective operation between the ranks of a distributed run
    /// ([`distributed`](crate::distributed)) failed: a rank left the group,
    /// the ranks disagreed on the shape of a buffer, or another rank
    /// reported an error of its own (every rank then returns this error, so
    /// that none waits forever for the others).
    #[error("{context}: distributed run failed on rank {rank}: {message}")]
    Communication {
        /// The operation or estimator that noticed.
        context: Cow<'static, str>,
        /// The rank that reports it.
        rank: usize,
        /// What went wrong.
        message: String,
    },
    /// A saved model could not be loaded: the file is not a learnkit model,
    /// has another format version, holds another model type, or is corrupt
    /// (its parts disagree with each other).
    #[error("cannot load a model: {message}")]
    ModelFile {
        /// What is wrong with the file.
        message: String,
    },
    /// Reading a file failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Writing a file failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A data file is malformed.
    ///
    /// Text files (CSV) give a line and a column. Binary files (IDX) have no
    /// lines: `line` is 0 and `column` says where, as `byte <offset>`, and the
    /// message reads `<path>: byte <offset>: <what>`.
    #[error("{path}: {}{message}", parse_location(*.line, .column))]
    Parse {
        /// The file (or `<memory>` for in-memory data).
        path: String,
        /// 1-based line number; 0 for a binary file.
        line: usize,
        /// The column's name (or its 1-based position when there is no
        /// header); in a binary file, `byte <offset>` (0-based).
        column: String,
        /// What is wrong.
        message: String,
    },
}

impl Debug for Error {
    /// The [`Display`](fmt::Display) message, then each underlying error
    /// whose text the message does not already include, one per line under
    /// `Caused by:` (`anyhow`'s layout). What `fn main() -> Result<()>`
    /// prints when it returns an error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.to_string();
        f.write_str(&message)?;
        let mut causes = Vec::new();
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            let text = cause.to_string();
            if !message.contains(&text) {
                causes.push(text);
            }
            source = cause.source();
        }
        if !causes.is_empty() {
            f.write_str("\n\nCaused by:")?;
            for cause in causes {
                write!(f, "\n    {cause}")?;
            }
        }
        Ok(())
    }
}

/// Where a [`Error::Parse`] happened: `line 3, column age: ` in a text
/// file, `byte 16: ` in a binary one (line 0).
fn parse_location(line: usize, column: &str) -> String {
    if line == 0 {
        format!("{column}: ")
    } else {
        format!("line {line}, column {column}: ")
    }
}

/// The crate's result type.
///
/// # Example
/// ```
/// fn parse_c(text: &str) -> learnkit::Result<f64> {
///     text.parse().map_err(|_| learnkit::Error::invalid_parameter("demo", "C", "a number", text))
/// }
/// assert!(parse_c("x").is_err());
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Shorthand for [`Error::InvalidParameter`]; `value` is rendered with `Debug`.
    ///
    /// # Example
    /// ```
    /// let e = learnkit::Error::invalid_parameter("LogisticRegression", "C", "> 0", -1.0);
    /// assert_eq!(e.to_string(), "LogisticRegression: invalid parameter `C`: must be > 0, got -1.0");
    /// ```
    pub fn invalid_parameter(
        estimator: impl Into<Cow<'static, str>>,
        parameter: &'static str,
        constraint: impl Into<String>,
        value: impl Debug,
    ) -> Self {
        Error::InvalidParameter {
            estimator: estimator.into(),
            parameter,
            constraint: constraint.into(),
            value: format!("{value:?}"),
        }
    }

    /// The estimator or function named at the start of the message (the
    /// `context` field, `estimator` for [`Error::InvalidParameter`]), for a
    /// wrapper such as `ColumnTransformer` to say which of its steps failed;
    /// `None` for errors about files.
    pub(crate) fn context_mut(&mut self) -> Option<&mut Cow<'static, str>> {
        match self {
            Error::InvalidParameter { estimator: context, .. }
            | Error::ShapeMismatch { context, .. }
            | Error::FeatureCountMismatch { context, .. }
            | Error::EmptyInput { context, .. }
            | Error::NonFinite { context, .. }
            | Error::SingleClass { context, .. }
            | Error::UnknownCategory { context, .. }
            | Error::InvalidInput { context, .. }
            | Error::NotConverged { context, .. }
            | Error::TooLarge { context, .. }
            | Error::Unsupported { context, .. }
            | Error::Communication { context, .. } => Some(context),
            Error::ModelFile { .. } | Error::Io { .. } | Error::Write { .. } | Error::Parse { .. } => None,
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    ///
    /// # Example
    /// ```
    /// let e = learnkit::Error::invalid_input("log_loss", "probabilities must be in [0, 1]");
    /// assert_eq!(e.to_string(), "log_loss: invalid input: probabilities must be in [0, 1]");
    /// ```
    pub fn invalid_input(context: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            context: context.into(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_prints_the_message_as_main_reports_it() {
        let err = Error::invalid_parameter("SVC", "C", "> 0", -1.0);
        assert_eq!(format!("{err:?}"), "SVC: invalid parameter `C`: must be > 0, got -1.0");
        // What `fn main() -> learnkit::Result<()>` prints: `Error: ` and the Debug form.
        assert_eq!(
            format!("Error: {err:?}"),
            "Error: SVC: invalid parameter `C`: must be > 0, got -1.0"
        );
    }

    #[test]
    fn debug_lists_causes_not_already_in_the_message() {
        #[derive(Debug)]
        struct Inner;
        impl fmt::Display for Inner {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("disk on fire")
            }
        }
        impl std::error::Error for Inner {}
        let io = std::io::Error::other(Inner);
        // io::Error::other displays as its inner error, already in the
        // message, and its source is the inner error's source (none).
        let err = Error::Io {
            path: "data.csv".into(),
            source: io,
        };
        assert_eq!(format!("{err:?}"), "cannot read data.csv: disk on fire");

        #[derive(Debug)]
        struct Outer(Inner);
        impl fmt::Display for Outer {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bad sector")
            }
        }
        impl std::error::Error for Outer {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let err = Error::Write {
            path: "model.bin".into(),
            source: std::io::Error::other(Outer(Inner)),
        };
        assert_eq!(
            format!("{err:?}"),
            "cannot write model.bin: bad sector\n\nCaused by:\n    disk on fire"
        );
    }
}
