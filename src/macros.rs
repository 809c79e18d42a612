//! Crate-internal macros.

/// Generates consuming setters named like the fields (scikit-learn's
/// parameter names), each with a doc comment and a doctest.
///
/// `setters!(Type in "learnkit::module" { field: Type = example_value; ... });`
macro_rules! setters {
    ($ty:ident in $path:literal { $($name:ident: $t:ty = $example:expr;)* }) => {
        impl $ty {
            $(
                #[doc = concat!("Sets `", stringify!($name), "`.")]
                ///
                /// # Example
                /// ```
                #[doc = concat!("let g = ", $path, "::", stringify!($ty), "::default().",
                    stringify!($name), "(", stringify!($example), ");")]
                #[doc = concat!("assert_eq!(g.", stringify!($name), ", ", stringify!($example), ");")]
                /// ```
                pub fn $name(mut self, $name: $t) -> Self {
                    self.$name = $name;
                    self
                }
            )*
        }
    };
}
