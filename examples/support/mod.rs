//! Helpers shared by the profiling examples (not an example itself: cargo
//! only builds `examples/*.rs` and `examples/*/main.rs`).

/// FNV-1a over the bits of `values`: equal exactly when every value is
/// bit-identical (checks that a speed change keeps a model the same).
pub fn bit_checksum<'a>(values: impl IntoIterator<Item = &'a f64>) -> u64 {
    values
        .into_iter()
        .fold(0xcbf29ce484222325, |h, v| (h ^ v.to_bits()).wrapping_mul(0x100000001b3))
}
