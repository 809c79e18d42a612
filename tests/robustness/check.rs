//! What every robustness target asserts about a call's outcome: a rejection
//! is a named [`Error`] variant with a non-empty message.

#![allow(dead_code)]

use learnkit::Error;

/// Checks a rejection: a known variant whose message (and the fields that
/// say what and where) are non-empty. A variant added to `Error` lands in the
/// last arm and fails, so that this list (and the targets) are updated.
pub fn check_error(e: &Error) {
    let message = e.to_string();
    assert!(!message.is_empty(), "an error with an empty message: {e:?}");
    match e {
        Error::InvalidParameter {
            estimator,
            parameter,
            constraint,
            value,
        } => {
            assert!(!estimator.is_empty() && !parameter.is_empty(), "{e:?}");
            assert!(!constraint.is_empty() && !value.is_empty(), "{e:?}");
        }
        Error::ShapeMismatch { context, what, .. } => assert!(!context.is_empty() && !what.is_empty(), "{e:?}"),
        Error::FeatureCountMismatch { context, expected, got } => {
            assert!(!context.is_empty() && expected != got, "{e:?}")
        }
        Error::EmptyInput { context, what } => assert!(!context.is_empty() && !what.is_empty(), "{e:?}"),
        Error::NonFinite { context, value, .. } => assert!(!context.is_empty() && !value.is_finite(), "{e:?}"),
        // A class or a category may be an empty string (an empty CSV cell).
        Error::SingleClass { context, .. } => assert!(!context.is_empty(), "{e:?}"),
        Error::UnknownCategory { context, .. } => assert!(!context.is_empty(), "{e:?}"),
        Error::InvalidInput { context, message } => assert!(!context.is_empty() && !message.is_empty(), "{e:?}"),
        Error::NotConverged { context, message } => assert!(!context.is_empty() && !message.is_empty(), "{e:?}"),
        Error::TooLarge { context, what, bytes } => {
            assert!(!context.is_empty() && !what.is_empty() && *bytes > 0, "{e:?}")
        }
        Error::Unsupported { context, message } => assert!(!context.is_empty() && !message.is_empty(), "{e:?}"),
        Error::ModelFile { message } => assert!(!message.is_empty(), "{e:?}"),
        Error::Io { path, .. } => assert!(!path.is_empty(), "{e:?}"),
        Error::Write { path, .. } => assert!(!path.is_empty(), "{e:?}"),
        Error::Parse { path, message, .. } => assert!(!path.is_empty() && !message.is_empty(), "{e:?}"),
        other => panic!("a variant the robustness checks do not know (add it to check_error): {other:?}"),
    }
}

/// The value of an `Ok`, or `None` after checking the `Err` (see
/// [`check_error`]).
pub fn ok<T>(result: learnkit::Result<T>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            if std::env::var_os("LEARNKIT_ROBUSTNESS_VERBOSE").is_some() {
                eprintln!("rejected: {e}");
            }
            check_error(&e);
            None
        }
    }
}
