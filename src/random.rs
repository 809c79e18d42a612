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
