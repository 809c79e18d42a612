//! Counting the features of many documents in parallel: with a vocabulary
//! learnt on the way (fit) or a fixed one (transform). Documents are split
//! into chunks of [`DOC_CHUNK`] whatever the thread count; each chunk numbers
//! the terms it meets in its own map, and the chunks are merged in order,
//! so the result never depends on the number of threads.

use super::analyzer::Analysis;
use crate::error::Result;
use crate::parallel::with_n_jobs_rows;
use crate::sparse::CsrMatrix;
use rayon::prelude::*;
use std::collections::HashMap;

/// Documents per parallel chunk.
pub(crate) const DOC_CHUNK: usize = 256;

/// Rows in compressed form: `indptr` (one more than the rows), and the
/// column and count of each entry.
#[derive(Default)]
pub(crate) struct Rows {
    pub(crate) indptr: Vec<usize>,
    pub(crate) indices: Vec<u32>,
    pub(crate) data: Vec<f64>,
}

impl Rows {
    fn new() -> Self {
        Rows {
            indptr: vec![0],
            ..Rows::default()
        }
    }

    /// Appends `other`'s rows.
    fn append(&mut self, other: Rows) {
        let offset = self.indices.len();
        self.indptr.extend(other.indptr[1..].iter().map(|p| p + offset));
        self.indices.extend(other.indices);
        self.data.extend(other.data);
    }
}

/// Per-document counts over numbered terms: the count of each term id, and
/// the ids touched by the current document (to reset them cheaply).
#[derive(Default)]
struct Counter {
    counts: Vec<f64>,
    touched: Vec<u32>,
}

impl Counter {
    fn add(&mut self, id: u32) {
        let i = id as usize;
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0.0);
        }
        if self.counts[i] == 0.0 {
            self.touched.push(id);
        }
        self.counts[i] += 1.0;
    }

    /// Ends a document: appends its (id, count) entries, sorted by id, to `rows`.
    fn finish_row(&mut self, rows: &mut Rows) {
        self.touched.sort_unstable();
        for &id in &self.touched {
            rows.indices.push(id);
            rows.data.push(std::mem::take(&mut self.counts[id as usize]));
        }
        self.touched.clear();
        rows.indptr.push(rows.indices.len());
    }
}

/// The counts of each document over a vocabulary learnt from them: the
/// terms (in order of first appearance) and the rows, columns numbered by
/// that order.
pub(crate) fn count_learning<S: AsRef<str> + Sync>(
    analysis: &Analysis,
    docs: &[S],
    n_jobs: Option<usize>,
) -> Result<(Vec<String>, Rows)> {
    let chunks: Vec<(Vec<String>, Rows)> = with_n_jobs_rows(n_jobs, docs.len(), DOC_CHUNK, || {
        docs.par_chunks(DOC_CHUNK)
            .map(|chunk| {
                let mut ids: HashMap<String, u32> = HashMap::new();
                let mut terms = Vec::new();
                let mut rows = Rows::new();
                let mut counter = Counter::default();
                let mut buf = String::new();
                for doc in chunk {
                    analysis.analyze(doc.as_ref(), &mut buf, |term| {
                        let id = match ids.get(term) {
                            Some(&id) => id,
                            None => {
                                let id = terms.len() as u32;
                                ids.insert(term.to_string(), id);
                                terms.push(term.to_string());
                                id
                            }
                        };
                        counter.add(id);
                    });
                    counter.finish_row(&mut rows);
                }
                (terms, rows)
            })
            .collect()
    })?;
    // Merge in chunk order: a term keeps the id of its first appearance.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut terms: Vec<String> = Vec::new();
    let mut all = Rows::new();
    for (chunk_terms, mut rows) in chunks {
        let local_to_global: Vec<u32> = chunk_terms
            .into_iter()
            .map(|term| {
                let next = terms.len() as u32;
                *ids.entry(term).or_insert_with_key(|term| {
                    terms.push(term.clone());
                    next
                })
            })
            .collect();
        for id in &mut rows.indices {
            *id = local_to_global[*id as usize];
        }
        all.append(rows);
    }
    Ok((terms, all))
}

/// The counts of each document over a fixed vocabulary (`ids`: term →
/// column); terms outside it are ignored.
pub(crate) fn count_fixed<S: AsRef<str> + Sync>(
    analysis: &Analysis,
    ids: &HashMap<String, u32>,
    docs: &[S],
    n_jobs: Option<usize>,
) -> Result<Rows> {
    let chunks: Vec<Rows> = with_n_jobs_rows(n_jobs, docs.len(), DOC_CHUNK, || {
        docs.par_chunks(DOC_CHUNK)
            .map(|chunk| {
                let mut rows = Rows::new();
                let mut counter = Counter::default();
                let mut buf = String::new();
                for doc in chunk {
                    analysis.analyze(doc.as_ref(), &mut buf, |term| {
                        if let Some(&id) = ids.get(term) {
                            counter.add(id);
                        }
                    });
                    counter.finish_row(&mut rows);
                }
                rows
            })
            .collect()
    })?;
    let mut all = Rows::new();
    for rows in chunks {
        all.append(rows);
    }
    Ok(all)
}

/// Renumbers the columns of `rows` by `new_id` (`None`: drop the column),
/// keeping each row sorted by column, and returns the matrix.
pub(crate) fn renumber(rows: Rows, new_id: &[Option<u32>], n_columns: usize) -> Result<CsrMatrix<f64>> {
    let n_rows = rows.indptr.len() - 1;
    let mut out = Rows::new();
    out.indices.reserve(rows.indices.len());
    out.data.reserve(rows.data.len());
    let mut entries: Vec<(u32, f64)> = Vec::new();
    for r in 0..n_rows {
        entries.clear();
        for k in rows.indptr[r]..rows.indptr[r + 1] {
            if let Some(j) = new_id[rows.indices[k] as usize] {
                entries.push((j, rows.data[k]));
            }
        }
        entries.sort_unstable_by_key(|e| e.0);
        for &(j, v) in &entries {
            out.indices.push(j);
            out.data.push(v);
        }
        out.indptr.push(out.indices.len());
    }
    CsrMatrix::try_new((n_rows, n_columns), out.indptr, out.indices, out.data)
}

/// Rows whose columns are already final.
pub(crate) fn into_matrix(rows: Rows, n_columns: usize) -> Result<CsrMatrix<f64>> {
    let n_rows = rows.indptr.len() - 1;
    CsrMatrix::try_new((n_rows, n_columns), rows.indptr, rows.indices, rows.data)
}
