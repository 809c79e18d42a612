//! Class labels as ONNX holds them: `int64` or `string`.

use super::graph::Classes;
use crate::error::{Error, Result};
use crate::float::Label;

mod sealed {
    /// One label as ONNX holds it.
    pub enum Value {
        Int(i64),
        Str(String),
    }

    pub trait Sealed {
        /// The label as ONNX holds it, or why it cannot be held.
        fn onnx_value(&self) -> Result<Value, String>;
    }
}
use sealed::Value;

/// A label type a classifier can be exported with: the integer types
/// (written as `int64`) and strings.
///
/// Sealed: implemented for `i8`–`i64`, `isize`, `u8`–`u64`, `usize`,
/// `bool` (0 and 1), `String` and `&'static str`. An unsigned label above
/// `i64::MAX` gives [`Error::InvalidInput`] at export.
///
/// # Example
/// ```
/// use learnkit::onnx::OnnxLabel;
/// fn exportable<T: OnnxLabel>() {}
/// exportable::<i32>();
/// exportable::<String>();
/// ```
pub trait OnnxLabel: Label + sealed::Sealed {}

macro_rules! int_labels {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {
            fn onnx_value(&self) -> Result<Value, String> {
                i64::try_from(*self).map(Value::Int).map_err(|_| format!("label {self} is above i64::MAX"))
            }
        }
        impl OnnxLabel for $t {}
    )*};
}
int_labels!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl sealed::Sealed for bool {
    fn onnx_value(&self) -> Result<Value, String> {
        Ok(Value::Int(i64::from(*self)))
    }
}
impl OnnxLabel for bool {}

impl sealed::Sealed for String {
    fn onnx_value(&self) -> Result<Value, String> {
        Ok(Value::Str(self.clone()))
    }
}
impl OnnxLabel for String {}

impl sealed::Sealed for &'static str {
    fn onnx_value(&self) -> Result<Value, String> {
        Ok(Value::Str((*self).to_string()))
    }
}
impl OnnxLabel for &'static str {}

/// The classes of a classifier, in order, as ONNX labels.
pub(crate) fn classes_of<T: OnnxLabel>(classes: &[T]) -> Result<Classes> {
    let mut ints = Vec::new();
    let mut strings = Vec::new();
    for class in classes {
        match class.onnx_value().map_err(|m| Error::invalid_input("ONNX export", m))? {
            Value::Int(v) => ints.push(v),
            Value::Str(s) => strings.push(s),
        }
    }
    Ok(if strings.is_empty() {
        Classes::Ints(ints)
    } else {
        Classes::Strings(strings)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_convert_or_say_why_not() {
        assert_eq!(classes_of(&[0u8, 2]).unwrap(), Classes::Ints(vec![0, 2]));
        assert_eq!(
            classes_of(&["a", "b"]).unwrap(),
            Classes::Strings(vec!["a".into(), "b".into()])
        );
        assert_eq!(classes_of(&[false, true]).unwrap(), Classes::Ints(vec![0, 1]));
        let err = classes_of(&[1u64, u64::MAX]).unwrap_err();
        assert!(err.to_string().contains("above i64::MAX"), "{err}");
    }
}
