//! `HashingVectorizer`: documents to hashed term counts, with no vocabulary.

use super::analyzer::{Analysis, AnalysisParams, analysis_setters};
use super::counting::DOC_CHUNK;
use super::tfidf_transformer::Norm;
use crate::error::{Error, Result};
use crate::parallel::with_n_jobs_rows;
use crate::sparse::CsrMatrix;
use crate::sparse::normalize::normalize_rows;
use rayon::prelude::*;

const NAME: &str = "HashingVectorizer";

/// MurmurHash3 x86 32-bit of `key` with `seed` (Austin Appleby's public
/// domain algorithm; scikit-learn's `murmurhash3_32`), as a signed integer.
///
/// # Example
/// ```
/// use learnkit::feature_extraction::murmurhash3_32;
/// // scikit-learn: murmurhash3_32("foo", 0) == -156908512
/// assert_eq!(murmurhash3_32(b"foo", 0), -156908512);
/// ```
pub fn murmurhash3_32(key: &[u8], seed: u32) -> i32 {
    const C1: u32 = 0xcc9e_2d51;
    const C2: u32 = 0x1b87_3593;
    let mut h = seed;
    let mut blocks = key.chunks_exact(4);
    for block in &mut blocks {
        let mut k = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        k = k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
        h ^= k;
        h = h.rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        let mut k = 0u32;
        for (i, &b) in tail.iter().enumerate() {
            k |= u32::from(b) << (8 * i);
        }
        k = k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
        h ^= k;
    }
    h ^= key.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    h as i32
}

/// Converts documents to a sparse matrix of hashed term counts
/// (scikit-learn's `HashingVectorizer`): column `|h| mod n_features` of
/// each term's [`murmurhash3_32`] `h`, so the output equals scikit-learn's.
/// Needs no fit and keeps no vocabulary.
///
/// Defaults as scikit-learn: `n_features` 2^20, `alternate_sign` (a term
/// of negative hash counts −1, so collisions cancel on average), `norm`
/// L2, and the analysis defaults of [`CountVectorizer`](super::CountVectorizer).
///
/// # Example
/// ```
/// use learnkit::feature_extraction::HashingVectorizer;
/// let hasher = HashingVectorizer::default().n_features(16).norm(None).alternate_sign(false);
/// let x = hasher.transform(&["to be or not to be"])?;
/// assert_eq!(x.shape(), (1, 16));
/// assert_eq!(x.data().iter().sum::<f64>(), 6.0); // six tokens
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct HashingVectorizer {
    analysis: AnalysisParams,
    n_features: usize,
    alternate_sign: bool,
    norm: Option<Norm>,
    binary: bool,
    n_jobs: Option<usize>,
}

impl Default for HashingVectorizer {
    fn default() -> Self {
        HashingVectorizer {
            analysis: AnalysisParams::default(),
            n_features: 1 << 20,
            alternate_sign: true,
            norm: Some(Norm::L2),
            binary: false,
            n_jobs: None,
        }
    }
}

impl HashingVectorizer {
    /// Number of columns (default 2^20; at most 2^31 − 1, as scikit-learn).
    ///
    /// # Example
    /// ```
    /// let h = learnkit::feature_extraction::HashingVectorizer::default().n_features(1024);
    /// assert_eq!(h.transform(&["ab"])?.ncols(), 1024);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features(mut self, n_features: usize) -> Self {
        self.n_features = n_features;
        self
    }

    /// Signs each term's count by its hash's sign (default true).
    ///
    /// # Example
    /// ```
    /// let h = learnkit::feature_extraction::HashingVectorizer::default().alternate_sign(false);
    /// assert!(h.transform(&["ab cd ef"])?.data().iter().all(|&v| v > 0.0));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn alternate_sign(mut self, alternate_sign: bool) -> Self {
        self.alternate_sign = alternate_sign;
        self
    }

    /// The norm of each output row (default `Some(Norm::L2)`).
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::{HashingVectorizer, Norm};
    /// let h = HashingVectorizer::default().norm(Some(Norm::L1)).alternate_sign(false);
    /// assert_eq!(h.transform(&["ab ab"])?.data(), [1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn norm(mut self, norm: Option<Norm>) -> Self {
        self.norm = norm;
        self
    }

    /// Sets every stored value to 1 (before the norm; default false).
    ///
    /// # Example
    /// ```
    /// let h = learnkit::feature_extraction::HashingVectorizer::default().binary(true).norm(None);
    /// assert_eq!(h.transform(&["ab ab"])?.data(), [1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn binary(mut self, binary: bool) -> Self {
        self.binary = binary;
        self
    }

    analysis_setters!(HashingVectorizer, analysis);

    /// Threads for analysing documents (default `None`: every core).
    ///
    /// # Example
    /// ```
    /// let h = learnkit::feature_extraction::HashingVectorizer::default().n_jobs(Some(1));
    /// # let _ = h;
    /// ```
    pub fn n_jobs(mut self, n_jobs: Option<usize>) -> Self {
        self.n_jobs = n_jobs;
        self
    }

    /// The hashed counts of `docs`, one row each.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for `n_features` 0 or above 2^31 − 1, or
    /// a bad `ngram_range`; [`Error::EmptyInput`] for no documents (as
    /// scikit-learn's "Cannot vectorize empty sequence").
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::HashingVectorizer;
    /// let x = HashingVectorizer::default().transform(&["ab", "ab cd"])?;
    /// assert_eq!(x.nnz(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn transform<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<CsrMatrix<f64>> {
        if self.n_features == 0 || self.n_features > i32::MAX as usize {
            return Err(Error::invalid_parameter(
                NAME,
                "n_features",
                "in [1, 2^31 - 1]",
                self.n_features,
            ));
        }
        let analysis = self.analysis.build(NAME)?;
        if docs.is_empty() {
            return Err(Error::EmptyInput {
                context: NAME.into(),
                what: "no documents",
            });
        }
        let chunks: Vec<(Vec<usize>, Vec<u32>, Vec<f64>)> =
            with_n_jobs_rows(self.n_jobs, docs.len(), DOC_CHUNK, || {
                docs.par_chunks(DOC_CHUNK)
                    .map(|chunk| self.hash_chunk(&analysis, chunk))
                    .collect()
            })?;
        let mut indptr = vec![0usize];
        let (mut indices, mut data) = (Vec::new(), Vec::new());
        for (chunk_indptr, chunk_indices, chunk_data) in chunks {
            let offset = indices.len();
            indptr.extend(chunk_indptr.iter().map(|p| p + offset));
            indices.extend(chunk_indices);
            data.extend(chunk_data);
        }
        if self.binary {
            data.fill(1.0);
        }
        let mut x = CsrMatrix::try_new((docs.len(), self.n_features), indptr, indices, data)?;
        if let Some(norm) = self.norm {
            normalize_rows(&mut x, norm);
        }
        Ok(x)
    }

    /// Same as [`HashingVectorizer::transform`] (nothing to fit), under
    /// scikit-learn's name.
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::HashingVectorizer;
    /// let h = HashingVectorizer::default();
    /// assert_eq!(h.fit_transform(&["ab"])?, h.transform(&["ab"])?);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_transform<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<CsrMatrix<f64>> {
        self.transform(docs)
    }

    /// The rows of one chunk of documents: row ends (without the leading
    /// 0), columns and values. Duplicates are summed and kept even when
    /// they cancel to 0, as scipy's `sum_duplicates`.
    fn hash_chunk<S: AsRef<str>>(&self, analysis: &Analysis, docs: &[S]) -> (Vec<usize>, Vec<u32>, Vec<f64>) {
        let n = self.n_features as u64;
        let (mut indptr, mut indices, mut data) = (Vec::new(), Vec::new(), Vec::new());
        let mut entries: Vec<(u32, f64)> = Vec::new();
        let mut buf = String::new();
        for doc in docs {
            entries.clear();
            analysis.analyze(doc.as_ref(), &mut buf, |term| {
                let h = murmurhash3_32(term.as_bytes(), 0);
                // |h| as an unsigned number: |-2^31| = 2^31, as scikit-learn.
                let column = u64::from(h.unsigned_abs()) % n;
                let sign = if self.alternate_sign && h < 0 { -1.0 } else { 1.0 };
                entries.push((column as u32, sign));
            });
            entries.sort_by_key(|e| e.0);
            let mut k = 0;
            while k < entries.len() {
                let (column, mut value) = entries[k];
                k += 1;
                while k < entries.len() && entries[k].0 == column {
                    value += entries[k].1;
                    k += 1;
                }
                indices.push(column);
                data.push(value);
            }
            indptr.push(indices.len());
        }
        (indptr, indices, data)
    }
}
