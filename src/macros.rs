//! Crate-internal macros.

/// Generates consuming setters named like the fields (scikit-learn's
/// parameter names), each with a doc comment and a doctest.
///
/// `setters!(Type in "learnkit::module" { field: Type = example_value; ... });`
macro_rules! setters {
    ($ty:ident in $path:literal { $($name:ident: $t:ty = $example:expr;)* }) => {
        setters!($ty in $path { $($name: $t = $example;)* } into {} optional {});
    };
    // A type generic over one parameter (`Type<L: Bound = Example>`): the doctests name `$example_ty`
    // for it (`Type::<$example_ty>::default()`), since a default type
    // parameter does not guide inference.
    ($ty:ident<$g:ident: $bound:path = $example_ty:ty> in $path:literal { $($name:ident: $t:ty = $example:expr;)* }) => {
        impl<$g: $bound> $ty<$g> {
            $(
                #[doc = concat!("Sets `", stringify!($name), "`.")]
                ///
                /// # Example
                /// ```
                #[doc = concat!("let g = ", $path, "::", stringify!($ty), "::<", stringify!($example_ty), ">::default().",
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
    // Two such parameters (`Type<A: Bound = Example, B: Bound = Example>`).
    ($ty:ident<$g:ident: $bound:path = $example_ty:ty, $g2:ident: $bound2:path = $example_ty2:ty> in $path:literal { $($name:ident: $t:ty = $example:expr;)* }) => {
        impl<$g: $bound, $g2: $bound2> $ty<$g, $g2> {
            $(
                #[doc = concat!("Sets `", stringify!($name), "`.")]
                ///
                /// # Example
                /// ```
                #[doc = concat!("let g = ", $path, "::", stringify!($ty), "::<", stringify!($example_ty), ", ",
                    stringify!($example_ty2), ">::default().", stringify!($name), "(", stringify!($example), ");")]
                #[doc = concat!("assert_eq!(g.", stringify!($name), ", ", stringify!($example), ");")]
                /// ```
                pub fn $name(mut self, $name: $t) -> Self {
                    self.$name = $name;
                    self
                }
            )*
        }
    };
    ($ty:ident in $path:literal { $($name:ident: $t:ty = $example:expr;)* }
        into { $($iname:ident: $it:ty = $iexample:expr => $iexpected:expr;)* }
        optional { $($oname:ident: $ot:ty = $oexample:expr => $oexpected:expr;)* }) => {
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
            $(
                #[doc = concat!("Sets `", stringify!($iname), "`: a `", stringify!($it),
                    "` or a plain value that converts into one (see [`crate::convert`]).")]
                ///
                /// # Example
                /// ```
                #[doc = concat!("let g = ", $path, "::", stringify!($ty), "::default().",
                    stringify!($iname), "(", stringify!($iexample), ");")]
                #[doc = concat!("assert_eq!(g.", stringify!($iname), ", ", stringify!($iexpected), ");")]
                /// ```
                pub fn $iname(mut self, $iname: impl Into<$it>) -> Self {
                    self.$iname = $iname.into();
                    self
                }
            )*
            $(
                #[doc = concat!("Sets `", stringify!($oname), "`: a `", stringify!($ot),
                    "`, a plain value that converts into one, `Some(…)` or `None` (see [`crate::convert`]).")]
                ///
                /// # Example
                /// ```
                #[doc = concat!("let g = ", $path, "::", stringify!($ty), "::default().",
                    stringify!($oname), "(", stringify!($oexample), ");")]
                #[doc = concat!("assert_eq!(g.", stringify!($oname), ", ", stringify!($oexpected), ");")]
                #[doc = concat!("assert_eq!(g.", stringify!($oname), "(None).", stringify!($oname), ", None);")]
                /// ```
                pub fn $oname(mut self, $oname: impl $crate::convert::IntoOption<$ot>) -> Self {
                    self.$oname = $oname.into_option();
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

/// Implements `Serialize` and `Deserialize` for a type whose serde code was
/// derived with `#[serde(remote = "Self")]`, checking `Check` after every
/// deserialisation (see the module documentation).
///
/// `checked_serde!(impl[F: Float, L: Label] Fitted<F, L>; ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);`
/// — the `ser`/`de` lists are extra where-clauses of each impl.
macro_rules! checked_serde {
    (impl[$($gen:tt)*] $ty:ty) => {
        checked_serde!(impl[$($gen)*] $ty; ser[] de[]);
    };
    (impl[$($gen:tt)*] $ty:ty; ser[$($ser:tt)*] de[$($de:tt)*]) => {
        #[cfg(feature = "serde")]
        impl<$($gen)*> serde::Serialize for $ty
        where
            $($ser)*
        {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                <$ty>::serialize(self, serializer)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de, $($gen)*> serde::Deserialize<'de> for $ty
        where
            $($de)*
        {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                let value = <$ty>::deserialize(deserializer)?;
                $crate::persistence::check::checked(&value).map_err(<D::Error as serde::de::Error>::custom)?;
                Ok(value)
            }
        }
    };
}

/// Makes a fitted type savable with `persistence`: implements the
/// sealed `Persist` with the name written into the file.
///
/// `persist!(impl[F: Float] FittedThing<F> => format!("Thing<{}>", F::NAME));`
macro_rules! persist {
    (impl[$($gen:tt)*] $ty:ty => $name:expr) => {
        #[cfg(feature = "serde")]
        impl<$($gen)*> $crate::persistence::Sealed for $ty {}

        #[cfg(feature = "serde")]
        impl<$($gen)*> $crate::persistence::Persist for $ty
        where
            Self: serde::Serialize + serde::de::DeserializeOwned,
        {
            fn model_name() -> String {
                $name
            }
        }
    };
}

/// `From` impls mapping plain values to an enum's variants, each with a
/// doctest; with `optional`, `IntoOption` impls for the enum and those values.
macro_rules! from_values {
    ($enum:ident in $path:literal { $($from:ty => $variant:ident = $example:expr;)* } optional) => {
        from_values!($enum in $path { $($from => $variant = $example;)* });
        from_values!(@optional $enum $($from)*);
    };
    ($enum:ident in $path:literal { $($from:ty => $variant:ident = $example:expr;)* }) => {
        $(
            impl From<$from> for $enum {
                #[doc = concat!("`", stringify!($enum), "::", stringify!($variant), "(value)`.")]
                ///
                /// # Example
                /// ```
                #[doc = concat!("use ", $path, "::", stringify!($enum), ";")]
                #[doc = concat!("assert_eq!(", stringify!($enum), "::from(", stringify!($example), "), ",
                    stringify!($enum), "::", stringify!($variant), "(", stringify!($example), "));")]
                /// ```
                fn from(value: $from) -> Self {
                    $enum::$variant(value)
                }
            }
        )*
    };
    (@optional $enum:ident $($from:ty)*) => {
        impl $crate::convert::IntoOption<$enum> for $enum {
            fn into_option(self) -> Option<$enum> {
                Some(self)
            }
        }
        $(
            impl $crate::convert::IntoOption<$enum> for $from {
                fn into_option(self) -> Option<$enum> {
                    Some(self.into())
                }
            }
        )*
    };
}
