//! Seeding, shared by every estimator and generator with a `random_state`.

use rand::SeedableRng;
use rand::rngs::StdRng;

/// The seed to use: the given `random_state`, or fresh entropy from the
/// operating system (scikit-learn's `random_state=None`).
pub(crate) fn seed_or_entropy(random_state: Option<u64>) -> u64 {
    random_state.unwrap_or_else(|| rand::RngCore::next_u64(&mut StdRng::from_os_rng()))
}

/// A generator seeded from `random_state` (or fresh entropy when `None`).
pub(crate) fn rng_from(random_state: Option<u64>) -> StdRng {
    StdRng::seed_from_u64(seed_or_entropy(random_state))
}

/// SplitMix64's increment (the golden ratio in 64 bits).
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a bijective mix of all 64 bits.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One step of SplitMix64 from `value`: a well-mixed seed from a plain one.
pub(crate) fn splitmix64(value: u64) -> u64 {
    mix64(value.wrapping_add(GOLDEN))
}

/// An independent seed for the `index`-th task of a fit seeded by `base`
/// (SplitMix64 of both), so that each parallel task draws its own stream
/// whatever the thread that runs it: a forest's trees, an SVM's
/// cross-validation folds.
pub(crate) fn derived_seed(base: u64, index: u64) -> u64 {
    mix64(base ^ index.wrapping_add(1).wrapping_mul(GOLDEN))
}
