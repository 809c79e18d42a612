//! Exact floating-point sums: the sum of any multiset of `f64`s, computed
//! without rounding and rounded once at the end, so it does not depend on
//! the order of the additions, on how the rows were split between threads
//! or ranks, or on how many there were.
//!
//! Why: a distributed model must be bit-identical on 1, 2 or 4 ranks, but a
//! float sum rounds differently when its terms are grouped differently
//! (each rank's partial sum is a different grouping). An exact accumulator
//! has one value whatever the grouping.
//!
//! How: every finite `f64` is `m · 2^e` with `m < 2^53` and
//! `-1074 <= e <= 971`, so it is an integer multiple of `2^-1074` below
//! `2^1024`: a fixed-point number of 2,098 bits. [`ExactSum`] keeps that
//! number in 32-bit digits, each in an `i64` so that about `2^30` additions
//! can go in before the carries must be propagated (Neal's "small
//! superaccumulator", arXiv:1505.05571, in its simplest form). Adding costs
//! three integer additions; the sum is rounded to nearest once, when read.

use super::communicator::{Communicator, ReduceOp};
use crate::error::Result;

/// Digits of 32 bits: position 0 is `2^-1074`; the last digit holds the
/// sign and whatever carries beyond `2^1024` (sums of many huge values).
const DIGIT_BITS: u32 = 32;
const N_DIGITS: usize = 67;
/// Additions between carry propagations: each adds less than `2^32` to a
/// digit, so `2^30` of them keep a digit below `2^62`.
const ADDS_BEFORE_CARRY: u32 = 1 << 30;
const MIN_EXPONENT: i32 = -1074;

/// The exact sum of the `f64`s added to it (see the [module](self) docs).
///
/// NaN in, NaN out; `+inf` and `-inf` both in give NaN, as float addition
/// does.
///
/// # Example
/// ```
/// use learnkit::distributed::ExactSum;
///
/// let mut sum = ExactSum::new();
/// for x in [1e100, 1.0, -1e100, 1e-100] {
///     sum.add(x);
/// }
/// assert_eq!(sum.value(), 1.0 + 1e-100); // plain `+` gives 1e-100
///
/// // The order of the terms does not matter.
/// let mut other = ExactSum::new();
/// for x in [1e-100, -1e100, 1.0, 1e100] {
///     other.add(x);
/// }
/// assert_eq!(sum.value().to_bits(), other.value().to_bits());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExactSum {
    digits: [i64; N_DIGITS],
    adds: u32,
    nan: bool,
    pos_inf: bool,
    neg_inf: bool,
}

impl Default for ExactSum {
    fn default() -> Self {
        Self::new()
    }
}

impl ExactSum {
    /// An empty sum (its value is 0).
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::distributed::ExactSum::new().value(), 0.0);
    /// ```
    pub fn new() -> Self {
        ExactSum {
            digits: [0; N_DIGITS],
            adds: 0,
            nan: false,
            pos_inf: false,
            neg_inf: false,
        }
    }

    /// Adds `x` exactly.
    ///
    /// # Example
    /// ```
    /// let mut sum = learnkit::distributed::ExactSum::new();
    /// sum.add(0.1);
    /// sum.add(0.2);
    /// assert_eq!(sum.value(), 0.30000000000000004); // 0.1 + 0.2, rounded once
    /// ```
    #[inline]
    pub fn add(&mut self, x: f64) {
        let bits = x.to_bits();
        let biased = ((bits >> 52) & 0x7ff) as i32;
        if biased == 0x7ff {
            if x.is_nan() {
                self.nan = true;
            } else if x > 0.0 {
                self.pos_inf = true;
            } else {
                self.neg_inf = true;
            }
            return;
        }
        let fraction = bits & ((1 << 52) - 1);
        let (mantissa, position) = if biased == 0 {
            (fraction, 0)
        } else {
            (fraction | (1 << 52), biased - 1)
        };
        if mantissa == 0 {
            return;
        }
        if self.adds == ADDS_BEFORE_CARRY {
            self.carry();
        }
        self.adds += 1;
        let index = (position as u32 / DIGIT_BITS) as usize;
        let shifted = u128::from(mantissa) << (position as u32 % DIGIT_BITS);
        let pieces = [
            (shifted & 0xffff_ffff) as i64,
            ((shifted >> 32) & 0xffff_ffff) as i64,
            (shifted >> 64) as i64,
        ];
        let negative = bits >> 63 == 1;
        for (digit, piece) in self.digits[index..index + 3].iter_mut().zip(pieces) {
            if negative {
                *digit -= piece;
            } else {
                *digit += piece;
            }
        }
    }

    /// Adds another sum exactly (for partial sums of threads or ranks).
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::ExactSum;
    ///
    /// let (mut a, mut b) = (ExactSum::new(), ExactSum::new());
    /// a.add(1e16);
    /// b.add(1.0);
    /// b.add(1.0);
    /// a.merge(&b);
    /// assert_eq!(a.value(), 1e16 + 2.0); // adding 1.0 twice to 1e16 gives 1e16
    /// ```
    pub fn merge(&mut self, other: &ExactSum) {
        let mut other = other.clone();
        other.carry();
        self.carry();
        for (digit, add) in self.digits.iter_mut().zip(other.digits) {
            *digit += add;
        }
        self.adds = 2;
        self.nan |= other.nan;
        self.pos_inf |= other.pos_inf;
        self.neg_inf |= other.neg_inf;
    }

    /// Propagates the carries: every digit but the last into `[0, 2^32)`,
    /// the last signed. The representation is then unique.
    fn carry(&mut self) {
        for i in 0..N_DIGITS - 1 {
            let carry = self.digits[i] >> DIGIT_BITS;
            self.digits[i] -= carry << DIGIT_BITS;
            self.digits[i + 1] += carry;
        }
        self.adds = 0;
    }

    /// The sum, rounded to the nearest `f64` (ties to even; beyond the
    /// largest `f64`, infinity).
    ///
    /// # Example
    /// ```
    /// let mut sum = learnkit::distributed::ExactSum::new();
    /// sum.add(f64::MAX);
    /// sum.add(f64::MAX);
    /// assert_eq!(sum.value(), f64::INFINITY);
    /// ```
    pub fn value(&self) -> f64 {
        if self.nan || (self.pos_inf && self.neg_inf) {
            return f64::NAN;
        }
        if self.pos_inf {
            return f64::INFINITY;
        }
        if self.neg_inf {
            return f64::NEG_INFINITY;
        }
        let mut digits = self.clone();
        digits.carry();
        let negative = digits.digits[N_DIGITS - 1] < 0;
        if negative {
            for digit in &mut digits.digits {
                *digit = -*digit;
            }
            digits.carry();
        }
        let Some(top) = digits.digits.iter().rposition(|&d| d != 0) else {
            return 0.0;
        };
        // The top three digits hold at least 65 significant bits (the top
        // digit is at least 1); the digits below only matter as a sticky
        // bit for rounding, appended below them.
        let low = top.saturating_sub(2);
        let mut mantissa: u128 = 0;
        for i in (low..=top).rev() {
            mantissa = (mantissa << DIGIT_BITS) | digits.digits[i] as u128;
        }
        let sticky = digits.digits[..low].iter().any(|&d| d != 0);
        mantissa = (mantissa << 1) | u128::from(sticky);
        let exponent = (low as i32) * DIGIT_BITS as i32 + MIN_EXPONENT - 1;
        let magnitude = scale_by_power_of_two(mantissa as f64, exponent);
        if negative { -magnitude } else { magnitude }
    }
}

/// `x · 2^exponent`, exact while the result is a normal float, by steps
/// that never overflow or underflow on the way.
fn scale_by_power_of_two(mut x: f64, mut exponent: i32) -> f64 {
    const STEP: i32 = 512;
    let up = f64::from_bits(((1023 + STEP) as u64) << 52);
    let down = f64::from_bits(((1023 - STEP) as u64) << 52);
    while exponent > STEP {
        x *= up;
        exponent -= STEP;
    }
    while exponent < -STEP {
        x *= down;
        exponent += STEP;
    }
    x * f64::from_bits(((1023 + exponent) as u64) << 52)
}

/// Exact sums of several quantities at once (a vector of moments, a
/// gradient, cluster centres), reduced over the ranks of a
/// [`Communicator`] in one collective.
///
/// # Example
/// ```
/// use learnkit::distributed::{run_in_process, Communicator, ExactSums};
///
/// // Rows 0..10 split over 1 rank or 3: the sums are the same bits.
/// let rows: Vec<f64> = (0..10).map(|i| 0.1 * i as f64).collect();
/// let sum_on = |size: usize| {
///     run_in_process(size, |comm| {
///         let mut sums = ExactSums::new(1);
///         for x in rows.iter().skip(comm.rank()).step_by(size) {
///             sums.add(0, *x);
///         }
///         sums.all_reduce(comm)?;
///         Ok(sums.values()[0])
///     })
/// };
/// assert_eq!(sum_on(1)?[0].to_bits(), sum_on(3)?[2].to_bits());
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExactSums {
    sums: Vec<ExactSum>,
}

impl ExactSums {
    /// `n` empty sums.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::distributed::ExactSums::new(3).values(), vec![0.0; 3]);
    /// ```
    pub fn new(n: usize) -> Self {
        ExactSums {
            sums: vec![ExactSum::new(); n],
        }
    }

    /// The number of sums.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::distributed::ExactSums::new(3).len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        self.sums.len()
    }

    /// Whether there are no sums.
    ///
    /// # Example
    /// ```
    /// assert!(learnkit::distributed::ExactSums::new(0).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.sums.is_empty()
    }

    /// Adds `x` to sum `i`.
    ///
    /// # Panics
    /// When `i >= len()` (a caller's indexing bug, not user input).
    ///
    /// # Example
    /// ```
    /// let mut sums = learnkit::distributed::ExactSums::new(2);
    /// sums.add(1, 2.5);
    /// assert_eq!(sums.values(), vec![0.0, 2.5]);
    /// ```
    #[inline]
    pub fn add(&mut self, i: usize, x: f64) {
        self.sums[i].add(x);
    }

    /// Adds every sum of `other` (of the same length) to this one's.
    ///
    /// # Panics
    /// When the lengths differ (a caller's bug).
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::ExactSums;
    ///
    /// let (mut a, mut b) = (ExactSums::new(1), ExactSums::new(1));
    /// a.add(0, 1.0);
    /// b.add(0, 2.0);
    /// a.merge(&b);
    /// assert_eq!(a.values(), vec![3.0]);
    /// ```
    pub fn merge(&mut self, other: &ExactSums) {
        assert_eq!(self.len(), other.len(), "merging exact sums of different lengths");
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            a.merge(b);
        }
    }

    /// Each sum, rounded once to the nearest `f64`.
    ///
    /// # Example
    /// ```
    /// let mut sums = learnkit::distributed::ExactSums::new(1);
    /// sums.add(0, 0.5);
    /// assert_eq!(sums.values(), vec![0.5]);
    /// ```
    pub fn values(&self) -> Vec<f64> {
        self.sums.iter().map(ExactSum::value).collect()
    }

    /// Replaces every sum, on every rank, by the exact sum over all ranks.
    ///
    /// Only the digits some rank uses cross the wire: the ranks first agree
    /// on the lowest and highest digit in use (one small all-reduce), then
    /// all-reduce that window of digits (two or three digits per value for
    /// data of one scale, instead of 67).
    ///
    /// # Errors
    /// [`Error::Communication`](crate::Error::Communication) when the ranks
    /// hold different numbers of sums or the group is broken.
    ///
    /// # Example
    /// See [`ExactSums`].
    pub fn all_reduce<C: Communicator + ?Sized>(&mut self, comm: &C) -> Result<()> {
        for sum in &mut self.sums {
            sum.carry();
        }
        // [−lowest digit in use, highest digit in use, count of sums]: the
        // count makes ranks with different lengths fail together (the
        // window's all-reduce would otherwise fail only on some).
        let lowest = self
            .sums
            .iter()
            .filter_map(|s| s.digits.iter().position(|&d| d != 0))
            .min()
            .unwrap_or(N_DIGITS);
        let highest = self
            .sums
            .iter()
            .filter_map(|s| s.digits.iter().rposition(|&d| d != 0))
            .max()
            .unwrap_or(0);
        let mut window = [
            -(lowest as i64),
            highest as i64,
            self.len() as i64,
            -(self.len() as i64),
        ];
        comm.all_reduce_i64(&mut window, ReduceOp::Max)?;
        if window[2] != -window[3] {
            return Err(crate::Error::Communication {
                context: "ExactSums::all_reduce".into(),
                rank: comm.rank(),
                message: format!("the ranks hold between {} and {} sums", -window[3], window[2]),
            });
        }
        let (lowest, highest) = ((-window[0]) as usize, window[1] as usize);
        let width = if lowest <= highest { highest - lowest + 1 } else { 0 };
        // Per sum: the window's digits, then NaN, +inf and −inf as counts.
        let mut packed = Vec::with_capacity(self.len() * (width + 3));
        for sum in &self.sums {
            if width > 0 {
                packed.extend_from_slice(&sum.digits[lowest..=highest]);
            }
            packed.extend([i64::from(sum.nan), i64::from(sum.pos_inf), i64::from(sum.neg_inf)]);
        }
        comm.all_reduce_i64(&mut packed, ReduceOp::Sum)?;
        for (sum, chunk) in self.sums.iter_mut().zip(packed.chunks_exact(width + 3)) {
            sum.digits = [0; N_DIGITS];
            if width > 0 {
                sum.digits[lowest..=highest].copy_from_slice(&chunk[..width]);
            }
            sum.nan = chunk[width] > 0;
            sum.pos_inf = chunk[width + 1] > 0;
            sum.neg_inf = chunk[width + 2] > 0;
            sum.adds = 0;
            sum.carry();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distributed::run_in_process;
    use rand::prelude::*;

    fn exact(xs: &[f64]) -> f64 {
        let mut sum = ExactSum::new();
        xs.iter().for_each(|&x| sum.add(x));
        sum.value()
    }

    #[test]
    fn small_sums_of_floats_are_correctly_rounded() {
        // Sums whose exact value is known: integers and dyadic fractions.
        assert_eq!(exact(&[1.0, 2.0, 3.0]), 6.0);
        assert_eq!(exact(&[0.5, 0.25, -0.125]), 0.625);
        assert_eq!(exact(&[-3.0, 1.0]), -2.0);
        assert_eq!(exact(&[]), 0.0);
        assert_eq!(exact(&[5e-324, 5e-324]), 1e-323);
        assert_eq!(exact(&[f64::MAX, -f64::MAX, 1.0]), 1.0);
        assert_eq!(exact(&[f64::MAX, f64::MAX, -f64::MAX]), f64::MAX);
        assert_eq!(exact(&[-f64::MAX, -f64::MAX]), f64::NEG_INFINITY);
        // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: to even.
        assert_eq!(exact(&[9007199254740992.0, 1.0]), 9007199254740992.0);
        // ... but any bit below breaks the tie upwards (the sticky bit).
        assert_eq!(exact(&[9007199254740992.0, 1.0, 1e-300]), 9007199254740994.0);
        assert_eq!(exact(&[-9007199254740992.0, -1.0, -1e-300]), -9007199254740994.0);
        assert!(exact(&[1.0, f64::NAN]).is_nan());
        assert!(exact(&[f64::INFINITY, f64::NEG_INFINITY]).is_nan());
        assert_eq!(exact(&[f64::INFINITY, 1.0]), f64::INFINITY);
    }

    #[test]
    fn the_sum_matches_a_twice_as_precise_reference_and_ignores_the_order() {
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..200 {
            let n = rng.random_range(1..300);
            let mut xs: Vec<f64> = (0..n)
                .map(|_| rng.random_range(-1.0..1.0) * 10f64.powi(rng.random_range(-5..6)))
                .collect();
            // Reference: the exact sum of these values fits well in an
            // i128 of units 2^-80 (|x| < 1e6 < 2^20, and no term has bits
            // below 2^-80 once rounded there, so round them first).
            for x in &mut xs {
                *x = (*x * 2f64.powi(60)).round() / 2f64.powi(60);
            }
            let units: i128 = xs.iter().map(|x| (x * 2f64.powi(60)) as i128).sum();
            let reference = units as f64 / 2f64.powi(60);
            let sum = exact(&xs);
            assert_eq!(sum, reference, "{xs:?}");
            xs.shuffle(&mut rng);
            assert_eq!(exact(&xs).to_bits(), sum.to_bits());
        }
    }

    #[test]
    fn carries_are_propagated_before_digits_overflow() {
        let mut sum = ExactSum::new();
        sum.adds = ADDS_BEFORE_CARRY - 2;
        for _ in 0..10 {
            sum.add(f64::MAX / 16.0);
        }
        assert_eq!(sum.value(), f64::MAX / 16.0 * 10.0); // one rounding of the same exact value
    }

    #[test]
    fn all_reduce_equals_the_single_rank_sum_bit_for_bit() {
        let mut rng = StdRng::seed_from_u64(3);
        let rows: Vec<[f64; 3]> = (0..1000)
            .map(|_| {
                [
                    rng.random_range(-1.0..1.0),
                    rng.random_range(0.0..1e-8),
                    rng.random_range(-1e9..1e9),
                ]
            })
            .collect();
        let on = |size: usize| {
            run_in_process(size, |comm| {
                let chunk = rows.len().div_ceil(size);
                let mut sums = ExactSums::new(3);
                for row in rows.iter().skip(comm.rank() * chunk).take(chunk) {
                    for (j, x) in row.iter().enumerate() {
                        sums.add(j, *x);
                    }
                }
                sums.all_reduce(comm)?;
                Ok(sums.values())
            })
            .unwrap()
        };
        let one = on(1);
        for size in [2, 3, 4] {
            let many = on(size);
            for values in &many {
                assert_eq!(
                    values.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                    one[0].iter().map(|v| v.to_bits()).collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn all_reduce_fails_on_every_rank_when_lengths_differ() {
        let outcomes = run_in_process(2, |comm| {
            let mut sums = ExactSums::new(comm.rank() + 1);
            Ok(sums.all_reduce(comm).is_err())
        })
        .unwrap();
        assert_eq!(outcomes, vec![true, true]);
    }
}
