//! Each rank reads its own rows of a CSV data set, so no rank ever holds
//! all the data, and the ranks agree on the columns: a column that is
//! categorical on any rank is categorical on all, with the same categories
//! and the same codes.

use super::communicator::{Communicator, agree};
use crate::datasets::{ColumnRef, CsvDataset, CsvOptions, read_csv_from_reader};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

const NAME: &str = "read_csv_distributed";

/// Where a rank's rows come from.
///
/// # Example
/// ```
/// use learnkit::distributed::CsvShard;
///
/// // One file per rank, named by the rank.
/// let rank = 1;
/// let mine = CsvShard::File(format!("data/part-{rank}.csv").into());
/// // Or every rank reads its own byte range of one file.
/// let shared = CsvShard::ByteRange("data/all.csv".into());
/// # let _ = (mine, shared);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsvShard {
    /// This rank's own file (each with the same header, if the options say
    /// there is one).
    File(PathBuf),
    /// One file for all ranks: rank `r` of `p` reads the lines that start in
    /// bytes `[r·len/p, (r+1)·len/p)` (the header, if any, is read by every
    /// rank). Records must not contain line breaks inside quotes; the line
    /// numbers in error messages count from the rank's first line.
    ByteRange(PathBuf),
}

/// Reads this rank's rows of a CSV data set ([`CsvShard`]) as
/// [`read_csv`](crate::datasets::read_csv) does, then makes the ranks
/// agree: the same feature names on every rank (or an error), every column
/// that is categorical on any rank categorical on all, and one dictionary
/// per categorical column — the options' known categories first, then the
/// others sorted, over the union of the ranks' categories — so a code means
/// the same category everywhere.
///
/// # Errors
/// Any [`read_csv`](crate::datasets::read_csv) error of any rank (every rank
/// fails, the failed one with its own error), [`Error::Communication`] when
/// the ranks' headers differ or the group is broken.
///
/// # Example
/// ```
/// use learnkit::datasets::CsvOptions;
/// use learnkit::distributed::{read_csv_distributed, run_in_process, Communicator, CsvShard};
///
/// let dir = std::env::temp_dir().join("learnkit_read_csv_distributed_doc");
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("part-0.csv"), "size,color\n1.5,red\n2.0,blue\n")?;
/// std::fs::write(dir.join("part-1.csv"), "size,color\n0.5,green\n")?;
/// let shards = run_in_process(2, |comm| {
///     let path = dir.join(format!("part-{}.csv", comm.rank()));
///     read_csv_distributed(comm, &CsvShard::File(path), &CsvOptions::default())
/// })?;
/// // Rank 1 saw only "green", but its code is that of the union's order.
/// assert_eq!(shards[1].categories, vec![vec!["blue", "green", "red"]]);
/// assert_eq!(shards[1].data[[0, 1]], 1.0);
/// assert_eq!(shards[0].data[[0, 1]], 2.0); // red
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_csv_distributed<C: Communicator + ?Sized>(
    comm: &C,
    shard: &CsvShard,
    options: &CsvOptions,
) -> Result<CsvDataset> {
    let local = agree(comm, read_shard(comm, shard, options))?;
    // Which columns are categorical anywhere: a rank that read one of them
    // as numbers reads its shard again with the column forced categorical.
    let names = agree(comm, gathered_names(comm, &local))?;
    let categorical_anywhere = union_of_categorical_columns(comm, &local)?;
    let missing: Vec<usize> = categorical_anywhere
        .iter()
        .copied()
        .filter(|f| !local.categorical_features.contains(f))
        .collect();
    let local = if missing.is_empty() {
        Ok(local)
    } else {
        let mut forced = options.clone();
        for &f in &missing {
            forced = forced.categorical(column_ref(&local, f));
        }
        read_shard(comm, shard, &forced)
    };
    let mut local = agree(comm, local)?;
    // One dictionary per categorical column: the union, in the order a
    // single read of all the rows would give.
    let gathered = comm.all_gather_bytes(&encode_categories(&local))?;
    let mut per_rank = Vec::with_capacity(gathered.len());
    for (rank, bytes) in gathered.iter().enumerate() {
        per_rank.push(decode_categories(bytes).ok_or_else(|| malformed(comm, rank))?);
    }
    for (i, &feature) in local.categorical_features.clone().iter().enumerate() {
        let known = known_categories(options, &local, &names, feature);
        let mut others: Vec<&str> = per_rank
            .iter()
            .filter_map(|columns| columns.get(&feature))
            .flatten()
            .map(String::as_str)
            .filter(|c| !known.iter().any(|k| k == c))
            .collect();
        others.sort_unstable();
        others.dedup();
        let union: Vec<String> = known
            .iter()
            .cloned()
            .chain(others.into_iter().map(str::to_owned))
            .collect();
        let position: HashMap<&str, usize> = union.iter().enumerate().map(|(code, c)| (c.as_str(), code)).collect();
        let recode: Vec<f64> = local.categories[i]
            .iter()
            .map(|c| position[c.as_str()] as f64)
            .collect();
        for value in local.data.column_mut(feature) {
            if !value.is_nan() {
                *value = recode[*value as usize];
            }
        }
        local.categories[i] = union;
    }
    Ok(local)
}

/// Reads this rank's rows, without communicating.
fn read_shard<C: Communicator + ?Sized>(comm: &C, shard: &CsvShard, options: &CsvOptions) -> Result<CsvDataset> {
    match shard {
        CsvShard::File(path) => {
            let file = open(path)?;
            read_csv_from_reader(BufReader::new(file), &path.display().to_string(), options)
        }
        CsvShard::ByteRange(path) => {
            let read = byte_range(path, options.has_header, comm.rank(), comm.size())?;
            let name = format!("{} (bytes {}..{})", path.display(), read.range.0, read.range.1);
            read_csv_from_reader(read.header.as_slice().chain(read.lines.as_slice()), &name, options)
        }
    }
}

fn open(path: &Path) -> Result<std::fs::File> {
    std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })
}

/// A rank's part of one file: the header line (when there is one), the
/// lines that start in its byte range, and where those lines are.
struct ByteRange {
    header: Vec<u8>,
    lines: Vec<u8>,
    range: (u64, u64),
}

/// The header line (when there is one) and the lines that start in this
/// rank's byte range: a line belongs to the rank whose range holds its
/// first byte.
fn byte_range(path: &Path, has_header: bool, rank: usize, size: usize) -> Result<ByteRange> {
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let mut file = BufReader::new(open(path)?);
    let len = file.get_ref().metadata().map_err(io)?.len();
    let mut header = Vec::new();
    if has_header {
        file.read_until(b'\n', &mut header).map_err(io)?;
    }
    let header_end = header.len() as u64;
    let body = len - header_end;
    let bound = |r: usize| header_end + (u128::from(body) * r as u128 / size as u128) as u64;
    let (start, end) = (bound(rank), bound(rank + 1));
    // The first line starting at or after `start`: after the line break at
    // or after `start - 1` (or at `start` itself when it follows one).
    let first = if start == header_end {
        start
    } else {
        file.seek(SeekFrom::Start(start - 1)).map_err(io)?;
        let mut skipped = Vec::new();
        start - 1 + file.read_until(b'\n', &mut skipped).map_err(io)? as u64
    };
    let mut lines = Vec::new();
    if first < end {
        file.seek(SeekFrom::Start(first)).map_err(io)?;
        // Up to `end`, then the rest of the line that straddles it.
        (&mut file).take(end - first).read_to_end(&mut lines).map_err(io)?;
        if lines.last() != Some(&b'\n') {
            file.read_until(b'\n', &mut lines).map_err(io)?;
        }
    }
    let range = (first, first + lines.len() as u64);
    Ok(ByteRange { header, lines, range })
}

/// Every rank's feature names, checked equal; this rank's returned.
fn gathered_names<C: Communicator + ?Sized>(comm: &C, local: &CsvDataset) -> Result<Vec<String>> {
    let gathered = comm.all_gather_bytes(&encode_strings(&local.feature_names))?;
    for (rank, bytes) in gathered.iter().enumerate() {
        let names = decode_strings(&mut bytes.as_slice()).ok_or_else(|| malformed(comm, rank))?;
        if names != local.feature_names {
            return Err(Error::Communication {
                context: NAME.into(),
                rank: comm.rank(),
                message: format!(
                    "rank {rank} read the features {names:?}, this rank {:?}",
                    local.feature_names
                ),
            });
        }
    }
    Ok(local.feature_names.clone())
}

fn union_of_categorical_columns<C: Communicator + ?Sized>(comm: &C, local: &CsvDataset) -> Result<Vec<usize>> {
    let mine: Vec<u8> = local
        .categorical_features
        .iter()
        .flat_map(|&f| (f as u64).to_le_bytes())
        .collect();
    let mut all: Vec<usize> = comm
        .all_gather_bytes(&mine)?
        .iter()
        .flat_map(|bytes| {
            bytes
                .chunks_exact(8)
                .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")) as usize)
        })
        .filter(|&f| f < local.feature_names.len())
        .collect();
    all.sort_unstable();
    all.dedup();
    Ok(all)
}

/// Feature `feature`'s column, by its position in the file (a name would
/// need the header, which a file without one lacks).
fn column_ref(local: &CsvDataset, feature: usize) -> ColumnRef {
    ColumnRef::Index(local.file_column(feature))
}

/// The categories the options list first for feature `feature`.
fn known_categories(options: &CsvOptions, local: &CsvDataset, names: &[String], feature: usize) -> Vec<String> {
    let column = local.file_column(feature);
    options
        .categories
        .iter()
        .find(|(c, _)| match c {
            ColumnRef::Name(name) => *name == names[feature],
            ColumnRef::Index(j) => *j == column,
            ColumnRef::Last => false,
        })
        .map(|(_, known)| known.clone())
        .unwrap_or_default()
}

fn encode_categories(local: &CsvDataset) -> Vec<u8> {
    let mut out = Vec::new();
    for (&feature, categories) in local.categorical_features.iter().zip(&local.categories) {
        out.extend((feature as u64).to_le_bytes());
        out.extend(encode_strings(categories));
    }
    out
}

fn decode_categories(mut bytes: &[u8]) -> Option<HashMap<usize, Vec<String>>> {
    let mut out = HashMap::new();
    while !bytes.is_empty() {
        let feature = u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?) as usize;
        bytes = &bytes[8..];
        out.insert(feature, decode_strings(&mut bytes)?);
    }
    Some(out)
}

fn encode_strings(strings: &[String]) -> Vec<u8> {
    let mut out = (strings.len() as u64).to_le_bytes().to_vec();
    for s in strings {
        out.extend((s.len() as u64).to_le_bytes());
        out.extend(s.as_bytes());
    }
    out
}

fn decode_strings(bytes: &mut &[u8]) -> Option<Vec<String>> {
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, tail) = (bytes.get(..n)?, bytes.get(n..)?);
        *bytes = tail;
        Some(head)
    };
    let count = u64::from_le_bytes(take(8)?.try_into().ok()?) as usize;
    let mut out = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        let len = u64::from_le_bytes(take(8)?.try_into().ok()?) as usize;
        out.push(String::from_utf8(take(len)?.to_vec()).ok()?);
    }
    Some(out)
}

fn malformed<C: Communicator + ?Sized>(comm: &C, rank: usize) -> Error {
    Error::Communication {
        context: NAME.into(),
        rank: comm.rank(),
        message: format!("rank {rank} sent a malformed message"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::read_csv;
    use crate::distributed::run_in_process;

    fn write(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("learnkit_distributed_csv_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn byte_ranges_cover_every_row_once_in_order() {
        let mut text = String::from("a,b,label\n");
        for i in 0..97 {
            text.push_str(&format!("{i},{},{}\n", i * i, ["x", "y", "zz"][i % 3]));
        }
        let path = write("ranges.csv", &text);
        let options = CsvOptions::default().target_column("label");
        let whole = read_csv(&path, &options).unwrap();
        for size in 1..=7 {
            let parts = run_in_process(size, |comm| {
                read_csv_distributed(comm, &CsvShard::ByteRange(path.clone()), &options)
            })
            .unwrap();
            let rows: Vec<f64> = parts.iter().flat_map(|p| p.data.column(0).to_vec()).collect();
            assert_eq!(rows, whole.data.column(0).to_vec(), "{size} ranks");
            let labels: Vec<String> = parts.iter().flat_map(|p| p.target.clone().unwrap().to_vec()).collect();
            assert_eq!(labels, whole.target.clone().unwrap().to_vec());
        }
    }

    #[test]
    fn a_column_numeric_on_one_rank_and_categorical_on_another_is_categorical_everywhere() {
        let part0 = write("mixed-0.csv", "code,v\n10,1\n7,2\n");
        let part1 = write("mixed-1.csv", "code,v\nA7,3\n10,4\n");
        let parts = run_in_process(2, |comm| {
            let path = if comm.rank() == 0 { part0.clone() } else { part1.clone() };
            read_csv_distributed(comm, &CsvShard::File(path), &CsvOptions::default())
        })
        .unwrap();
        for part in &parts {
            assert_eq!(part.categorical_features, vec![0]);
            assert_eq!(part.categories, vec![vec!["10", "7", "A7"]]);
        }
        assert_eq!(parts[0].data.column(0).to_vec(), vec![0.0, 1.0]);
        assert_eq!(parts[1].data.column(0).to_vec(), vec![2.0, 0.0]);
    }

    #[test]
    fn different_headers_and_unreadable_shards_fail_on_every_rank() {
        let good = write("good.csv", "a,b\n1,2\n");
        let other = write("other.csv", "a,c\n1,2\n");
        let outcomes = run_in_process(2, |comm| {
            let path = if comm.rank() == 0 { good.clone() } else { other.clone() };
            Ok(read_csv_distributed(comm, &CsvShard::File(path), &CsvOptions::default()).is_err())
        })
        .unwrap();
        assert_eq!(outcomes, vec![true, true]);
        let outcomes = run_in_process(3, |comm| {
            let path = if comm.rank() == 2 {
                good.with_file_name("does-not-exist.csv")
            } else {
                good.clone()
            };
            Ok(read_csv_distributed(comm, &CsvShard::File(path), &CsvOptions::default()).is_err())
        })
        .unwrap();
        assert_eq!(outcomes, vec![true, true, true]);
    }
}
