//! Invariants checked when a saved type is deserialised, and the macros
//! that give a type its checked serde implementations.
//!
//! A fitted type derives serde with `#[serde(remote = "Self")]`, which makes
//! the derived code inherent functions instead of trait impls, and then
//! `checked_serde!` (src/macros.rs) implements `Serialize` and `Deserialize` around them,
//! calling [`Check::check`] after every deserialisation. So the invariants
//! hold whatever the format and whether or not the value comes through
//! [`persistence`](super): a corrupt or tampered file is an error, never a
//! model that panics or predicts wrong numbers.
//!
//! ```ignore
//! #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
//! #[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
//! pub struct FittedThing<F> { #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))] w: Array1<F>, n_features: usize }
//! checked_serde!(impl[F: Float] FittedThing<F>);
//! persist!(impl[F: Float] FittedThing<F> => format!("Thing<{}>", F::NAME));
//! impl<F: Float> Check for FittedThing<F> {
//!     fn check(&self) -> Result<(), String> { same_len("w", self.n_features, self.w.len()) }
//! }
//! ```

/// Invariants of a deserialised value: `Err` says what disagrees.
///
/// Each type checks its own parts' relations; parts that are themselves
/// checked types (a tree inside a forest) were checked when they were read.
pub(crate) trait Check {
    /// `Ok` when the value is consistent, else what is wrong.
    fn check(&self) -> Result<(), String>;
}

/// [`Check::check`], remembering the first failure's message for
/// [`take_failure`]: a binary format may replace a deserialiser's custom
/// message with its own (postcard does), and the loader then reports this
/// one instead.
pub(crate) fn checked<T: Check>(value: &T) -> Result<(), String> {
    value.check().inspect_err(|message| {
        LAST_FAILURE.with(|last| {
            last.borrow_mut().get_or_insert_with(|| message.clone());
        });
    })
}

thread_local! {
    /// The message of the first failed check since the last [`take_failure`]
    /// on this thread (deserialisation runs on the loading thread).
    static LAST_FAILURE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The first check failure since the last call, if any (and forgets it).
pub(crate) fn take_failure() -> Option<String> {
    LAST_FAILURE.with(|last| last.borrow_mut().take())
}

/// `Err(message())` unless `condition` holds.
pub(crate) fn ensure(condition: bool, message: impl FnOnce() -> String) -> Result<(), String> {
    if condition { Ok(()) } else { Err(message()) }
}

/// That `what` has `expected` entries.
pub(crate) fn same_len(what: &str, expected: usize, got: usize) -> Result<(), String> {
    ensure(expected == got, || {
        format!("{what} has {got} entries, expected {expected}")
    })
}

/// That every value is strictly below `bound` (indices into something of
/// that length).
pub(crate) fn all_below<'a>(
    what: &str,
    values: impl IntoIterator<Item = &'a usize>,
    bound: usize,
) -> Result<(), String> {
    match values.into_iter().find(|&&v| v >= bound) {
        Some(v) => Err(format!("{what} holds {v}, which must be below {bound}")),
        None => Ok(()),
    }
}

/// Whether two float arrays are the same value for value: equal bits, or
/// both NaN (a NaN's payload need not survive a JSON round trip).
pub(crate) fn same_values<F: crate::Float, D: ndarray::Dimension>(
    a: &ndarray::Array<F, D>,
    b: &ndarray::Array<F, D>,
) -> bool {
    a.shape() == b.shape()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.as_f64().to_bits() == y.as_f64().to_bits() || (x.is_nan() && y.is_nan()))
}

/// That `values` are strictly increasing (sorted distinct classes or
/// categories, which lookups rely on).
pub(crate) fn strictly_increasing<T: PartialOrd>(what: &str, values: &[T]) -> Result<(), String> {
    ensure(values.windows(2).all(|w| w[0] < w[1]), || {
        format!("{what} must be sorted and distinct")
    })
}
