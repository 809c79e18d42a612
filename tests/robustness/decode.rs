//! Turns arbitrary bytes into inputs: matrices, targets, weights, counts and
//! real-valued hyperparameters, drawn from palettes of the values that break
//! numerical code (NaN, ±inf, subnormals, ±1e308, -0.0, usize::MAX, ...).
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`, which feed it the
//! fuzzer's bytes) and by `tests/robustness.rs` (which feeds it seeded random
//! bytes), so both exercise the same code. Running out of bytes is not an
//! error: every read then returns 0, so any byte string decodes to something.

#![allow(dead_code)]

use ndarray::{Array1, Array2};

/// A cursor over the input bytes.
pub struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
    /// Hyperparameters from ordinary values only (see [`Bytes::tame`]).
    tame: bool,
}

/// Real values that break numerical code; a cell or a hyperparameter is drawn
/// from here or is an ordinary small number.
pub const SPECIAL_REALS: [f64; 16] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    5e-324,  // the smallest subnormal
    -1e-309, // a negative subnormal
    1e308,
    -1e308,
    f64::MAX,
    -0.0,
    0.0,
    1.0,
    -1.0,
    1e-300,
    1e200,
    1e-12,
    0.5,
];

/// Counts that break size arithmetic: zero, one, small, and the values at
/// which a `+ 1`, a `* 2` or an allocation overflows.
pub const SPECIAL_COUNTS: [usize; 10] = [
    0,
    1,
    2,
    3,
    5,
    usize::MAX,
    usize::MAX / 2 + 1,
    u32::MAX as usize,
    1 << 40,
    1 << 20,
];

impl<'a> Bytes<'a> {
    /// A cursor at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Bytes {
            data,
            pos: 0,
            tame: false,
        }
    }

    /// From now on, counts (2 to 12), real hyperparameters (positive) and
    /// fractions (in `(0, 0.5]`) are ordinary values only (no 0, NaN or
    /// `usize::MAX`): a case with a dozen
    /// hyperparameters then gets past validation and reaches the fitted
    /// model's methods, which a fully fuzzed one rarely does.
    pub fn tame(&mut self, tame: bool) {
        self.tame = tame;
    }

    /// Whether hyperparameters are tame (see [`Bytes::tame`]).
    pub fn is_tame(&self) -> bool {
        self.tame
    }

    /// The next byte, or 0 past the end.
    pub fn u8(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// The next two bytes, little-endian.
    pub fn u16(&mut self) -> u16 {
        u16::from(self.u8()) | (u16::from(self.u8()) << 8)
    }

    /// The next eight bytes, little-endian.
    pub fn u64(&mut self) -> u64 {
        (0..8).fold(0u64, |acc, i| acc | (u64::from(self.u8()) << (8 * i)))
    }

    /// A boolean from the low bit of a byte.
    pub fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }

    /// A value in `0..n` (`n >= 1`, at most 256).
    pub fn below(&mut self, n: usize) -> usize {
        usize::from(self.u8()) % n.max(1)
    }

    /// One of `options`.
    pub fn pick<T: Clone>(&mut self, options: &[T]) -> T {
        options[self.below(options.len())].clone()
    }

    /// The bytes not read yet.
    pub fn rest(&mut self) -> &'a [u8] {
        let rest = self.data.get(self.pos..).unwrap_or(&[]);
        self.pos = self.data.len();
        rest
    }

    /// Up to `n` of the next bytes (fewer at the end).
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let start = self.pos.min(self.data.len());
        let end = start.saturating_add(n).min(self.data.len());
        self.pos = end;
        &self.data[start..end]
    }

    /// A size: from [`SPECIAL_COUNTS`] (one time in six), a byte or 16-bit
    /// number, or mostly a small positive one.
    pub fn count(&mut self) -> usize {
        if self.tame {
            return 2 + usize::from(self.u8() % 11);
        }
        match self.u8() {
            b @ 0..=39 => SPECIAL_COUNTS[usize::from(b % 10)],
            40..=47 => usize::from(self.u8()),
            48..=51 => usize::from(self.u16()),
            b => 1 + usize::from(b % 12),
        }
    }

    /// `None` or a [`Bytes::count`].
    pub fn opt_count(&mut self) -> Option<usize> {
        if self.u8() % 4 == 0 { None } else { Some(self.count()) }
    }

    /// A count whose size only costs time (iterations, trees, Cs): values
    /// above `cap` become `cap` to keep an execution fast, except the ones at
    /// which size arithmetic or an allocation overflows (`usize::MAX`,
    /// `usize::MAX / 2 + 1`, `1 << 40`), which must be rejected, not run.
    pub fn count_for_time(&mut self, cap: usize) -> usize {
        let v = self.count();
        if v >= 1 << 40 { v } else { v.min(cap) }
    }

    /// A real number: one of [`SPECIAL_REALS`] (one time in eight), or a
    /// small ordinary number.
    pub fn real(&mut self) -> f64 {
        let b = self.u8();
        if b < 32 && !self.tame {
            SPECIAL_REALS[usize::from(b % 16)]
        } else {
            ordinary(b)
        }
    }

    /// A real hyperparameter: special values (one time in eight), or
    /// positive numbers over a wide range (`1e-6` to `1e6`).
    pub fn param(&mut self) -> f64 {
        let b = self.u8();
        if b < 32 && !self.tame {
            SPECIAL_REALS[usize::from(b % 16)]
        } else {
            10f64.powf((f64::from(b) - 176.0) / 13.0)
        }
    }

    /// A fraction-like value: mostly in `(0, 1)`, sometimes 0, 1 or special.
    pub fn fraction(&mut self) -> f64 {
        let b = self.u8();
        if self.tame {
            // (0, 0.5]: valid for every fraction hyperparameter.
            f64::from(b / 2 + 1) / 256.0
        } else if b < 24 {
            SPECIAL_REALS[usize::from(b % 16)]
        } else {
            f64::from(b - 23) / 233.0
        }
    }

    /// A matrix of at most `max_rows × max_cols`, shaped by the bytes: cells
    /// from [`Bytes::real`], with some columns constant, some rows
    /// duplicated, or all 0/1.
    pub fn matrix(&mut self, max_rows: usize, max_cols: usize) -> Array2<f64> {
        let rows = self.below(max_rows + 1);
        let cols = self.below(max_cols + 1);
        self.matrix_of(rows, cols)
    }

    /// A matrix of exactly `rows × cols` (see [`Bytes::matrix`]).
    pub fn matrix_of(&mut self, rows: usize, cols: usize) -> Array2<f64> {
        let style = self.u8();
        let mut x = Array2::<f64>::zeros((rows, cols));
        let constant_col = self.below(cols.max(1) + 2);
        for i in 0..rows {
            for j in 0..cols {
                x[[i, j]] = match style % 4 {
                    // 0/1 matrices: binary features, one-hot inputs.
                    0 => f64::from(self.u8() & 1),
                    _ if j == constant_col => 7.0,
                    // Special values everywhere, or only ordinary numbers
                    // (so that most fits get past input validation).
                    3 => self.real(),
                    _ => ordinary(self.u8()),
                };
            }
        }
        if style & 4 != 0 && rows >= 2 {
            // Duplicate a row over another: ties and zero distances.
            let (a, b) = (self.below(rows), self.below(rows));
            let row = x.row(a).to_owned();
            x.row_mut(b).assign(&row);
        }
        if style & 8 != 0 && cols >= 2 {
            let (a, b) = (self.below(cols), self.below(cols));
            let col = x.column(a).to_owned();
            x.column_mut(b).assign(&col);
        }
        x
    }

    /// `n` class labels: a single class, two, a few, or many (up to `n`).
    pub fn classes(&mut self, n: usize) -> Array1<usize> {
        let n_classes = match self.u8() % 4 {
            0 => 1,
            1 => 2,
            2 => 3 + self.below(4),
            _ => n.max(1),
        };
        Array1::from_shape_fn(n, |_| self.below(n_classes))
    }

    /// `n` regression targets: from [`Bytes::real`] (non-finite included)
    /// one time in four, else ordinary numbers.
    pub fn targets(&mut self, n: usize) -> Array1<f64> {
        if self.u8() % 4 == 0 {
            Array1::from_shape_fn(n, |_| self.real())
        } else {
            Array1::from_shape_fn(n, |_| ordinary(self.u8()))
        }
    }

    /// Sample weights, or `None`: ordinary positive weights, or with zero,
    /// negative, NaN and huge ones; sometimes of the wrong length.
    pub fn weights(&mut self, n: usize) -> Option<Array1<f64>> {
        match self.u8() % 4 {
            0 | 1 => None,
            2 => Some(Array1::from_shape_fn(n, |_| f64::from(self.u8() % 4) + 0.5)),
            _ => {
                let len = if self.u8() % 8 == 0 { n + 1 } else { n };
                Some(Array1::from_shape_fn(len, |_| self.param()))
            }
        }
    }

    /// An ASCII-ish string of at most `max` bytes (for CSV cells, names).
    pub fn text(&mut self, max: usize) -> String {
        let len = self.below(max + 1);
        String::from_utf8_lossy(self.take(len)).into_owned()
    }
}

/// An ordinary number from a byte: -12.8 ..= 12.7 in steps of 0.1, so
/// with many ties and duplicates.
fn ordinary(b: u8) -> f64 {
    (f64::from(b) - 128.0) / 10.0
}

/// Whether two matrices are bit for bit the same (NaN equal to itself).
pub fn same_bits2(a: &Array2<f64>, b: &Array2<f64>) -> bool {
    a.dim() == b.dim() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// Whether two vectors are bit for bit the same (NaN equal to itself).
pub fn same_bits1(a: &Array1<f64>, b: &Array1<f64>) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}
