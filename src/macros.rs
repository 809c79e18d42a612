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

/// Generates `random_state(seed: u64)`, which sets `random_state` to
/// `Some(seed)` (the field's default `None` draws fresh entropy), with a
/// doctest: one signature for every seeded type in the crate.
macro_rules! random_state_setter {
    ($ty:ident in $path:literal) => {
        impl $ty {
            #[doc = "Sets `random_state`: the seed that makes the result reproducible."]
            ///
            /// # Example
            /// ```
            #[doc = concat!("let g = ", $path, "::", stringify!($ty), "::default().random_state(7);")]
            /// assert_eq!(g.random_state, Some(7));
            /// ```
            pub fn random_state(mut self, seed: u64) -> Self {
                self.random_state = Some(seed);
                self
            }
        }
    };
}
