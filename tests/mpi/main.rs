//! The distributed models on real MPI ranks: `.ci/run` starts this program
//! with `mpirun -np 1`, `2` and `4`, and once with `--in-process 3` (threads,
//! no MPI), and checks that every run wrote the same model files, byte for
//! byte.
//!
//! ```text
//! mpi --out DIR                 # under mpirun: one MPI world
//! mpi --in-process N --out DIR  # N ranks as threads of this process
//! ```
//!
//! Every rank builds the same synthetic data and keeps its own rows (an
//! uneven split: rank r holds a share proportional to r + 1), fits every
//! distributed model, and checks that its serialised model equals rank 0's;
//! rank 0 writes each model to `DIR/<name>.bin`. It also reads a CSV file in
//! byte ranges and checks that the ranks' shards add up to the whole file.
//! A harness-less test (`harness = false`): a failure is an error exit.

use learnkit::Error;
use learnkit::cluster::KMeans;
use learnkit::datasets::{CsvOptions, MakeClassification};
use learnkit::distributed::{
    Communicator, CsvShard, ExactSums, MpiCommunicator, RowShards, read_csv_distributed, run_in_process,
};
use learnkit::ensemble::{
    EarlyStopping, HistGradientBoostingClassifier, HistGradientBoostingRegressor, RandomForestClassifier,
    RandomForestRegressor,
};
use learnkit::linear_model::LogisticRegression;
use learnkit::persistence::to_bytes;
use learnkit::preprocessing::StandardScaler;
use learnkit::traits::Clusterer;
use ndarray::{Array1, Array2, s};
use std::path::{Path, PathBuf};

type Result<T> = std::result::Result<T, Error>;

fn main() {
    if let Err(err) = run() {
        eprintln!("mpi check failed: {err}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let value_of = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let out = PathBuf::from(value_of("--out").unwrap_or_else(|| "target/mpi-check".to_string()));
    std::fs::create_dir_all(&out).map_err(|source| Error::Write {
        path: out.display().to_string(),
        source,
    })?;
    match value_of("--in-process") {
        Some(n) => {
            let n: usize = n
                .parse()
                .map_err(|_| Error::invalid_input("mpi check", format!("--in-process {n}")))?;
            run_in_process(n, |comm| check_all(comm, &out))?;
        }
        None => {
            let comm = MpiCommunicator::init()?;
            check_all(&comm, &out)?;
        }
    }
    Ok(())
}

/// This rank's rows of an uneven split: rank r's share is proportional to
/// r + 1, so no two ranks hold the same number of rows.
fn uneven_rows(n: usize, rank: usize, size: usize) -> std::ops::Range<usize> {
    // Ranks 0..r together hold the share 1 + 2 + ... + r of the total.
    let before = |r: usize| r * (r + 1) / 2;
    n * before(rank) / before(size)..n * before(rank + 1) / before(size)
}

fn check_all<C: Communicator + ?Sized>(comm: &C, out: &Path) -> Result<()> {
    let (all_x, all_y) = MakeClassification::default()
        .n_samples(3_000)
        .n_features(12)
        .n_informative(6)
        .shuffle(true)
        .random_state(0)
        .generate()?;
    let rows = uneven_rows(all_x.nrows(), comm.rank(), comm.size());
    let x: Array2<f64> = all_x.slice(s![rows.clone(), ..]).to_owned();
    let y: Array1<usize> = all_y.slice(s![rows.clone()]).to_owned();
    let mut models: Vec<(&str, Vec<u8>)> = Vec::new();

    // Column sums of the features, exact, as every model's statistics are.
    let mut sums = ExactSums::new(x.ncols());
    for row in x.rows() {
        row.iter().enumerate().for_each(|(j, &v)| sums.add(j, v));
    }
    sums.all_reduce(comm)?;
    models.push((
        "column_sums",
        sums.values().iter().flat_map(|v| v.to_le_bytes()).collect(),
    ));
    let shards = RowShards::gather(comm, y.len())?;
    models.push(("row_count", (shards.total_rows() as u64).to_le_bytes().to_vec()));

    // The models over row shards.
    let save = |model: &dyn Fn() -> Result<Vec<u8>>| model();
    models.push((
        "standard_scaler",
        save(&|| to_bytes(&StandardScaler::default().fit_distributed(comm, x.view(), y.view())?))?,
    ));
    models.push((
        "logistic_regression",
        save(&|| {
            to_bytes(
                &LogisticRegression::default()
                    .max_iter(200)
                    .fit_distributed(comm, x.view(), y.view())?,
            )
        })?,
    ));
    models.push((
        "kmeans",
        save(&|| {
            // Each rank keeps its own rows' labels: the shared part is the
            // centres, inertia and iterations; the labels gathered in rank
            // order must be every row's, whatever the split.
            let model = KMeans::default()
                .n_clusters(4)
                .n_init(2)
                .random_state(0)
                .fit_distributed(comm, x.view(), y.view())?;
            let mut bytes: Vec<u8> = model.cluster_centers().iter().flat_map(|v| v.to_le_bytes()).collect();
            bytes.extend(model.inertia().to_le_bytes());
            bytes.extend((model.n_iter() as u64).to_le_bytes());
            let labels: Vec<u8> = model.labels().iter().flat_map(|l| l.to_le_bytes()).collect();
            bytes.extend(comm.all_gather_bytes(&labels)?.concat());
            Ok(bytes)
        })?,
    ));
    // Missing values in every seventh row by global index, so the data do
    // not depend on the split.
    let mut x_nan = all_x.clone();
    x_nan.column_mut(3).iter_mut().step_by(7).for_each(|v| *v = f64::NAN);
    let x_nan = x_nan.slice(s![rows.clone(), ..]).to_owned();
    models.push((
        "hgb_classifier",
        save(&|| {
            to_bytes(
                &HistGradientBoostingClassifier::default()
                    .max_iter(15)
                    .early_stopping(EarlyStopping::Off)
                    .random_state(0)
                    .fit_distributed(comm, x_nan.view(), y.view())?,
            )
        })?,
    ));
    let target: Array1<f64> = x.column(0).mapv(|v| 3.0 * v) + x.column(1).mapv(|v| v * v);
    models.push((
        "hgb_regressor",
        save(&|| {
            to_bytes(
                &HistGradientBoostingRegressor::default()
                    .max_iter(15)
                    .early_stopping(EarlyStopping::On)
                    .n_iter_no_change(3)
                    .random_state(0)
                    .fit_distributed(comm, x.view(), target.view())?,
            )
        })?,
    ));
    models.push((
        "random_forest_rows",
        save(&|| {
            to_bytes(
                &RandomForestClassifier::default()
                    .n_estimators(5)
                    .max_depth(Some(8))
                    .max_features(0.5)
                    .random_state(0)
                    .fit_distributed_rows(comm, x_nan.view(), y.view())?,
            )
        })?,
    ));
    models.push((
        "random_forest_regressor_rows",
        save(&|| {
            to_bytes(
                &RandomForestRegressor::default()
                    .n_estimators(4)
                    .max_depth(Some(8))
                    .random_state(0)
                    .fit_distributed_rows(comm, x.view(), target.view())?,
            )
        })?,
    ));
    // The models on replicated data (every rank holds all rows).
    models.push((
        "random_forest",
        save(&|| {
            to_bytes(
                &RandomForestClassifier::default()
                    .n_estimators(7)
                    .max_depth(Some(6))
                    .random_state(0)
                    .fit_distributed_trees(comm, all_x.view(), all_y.view())?,
            )
        })?,
    ));

    check_csv(comm, out)?;
    for (name, bytes) in &models {
        same_on_every_rank(comm, name, bytes)?;
        if comm.rank() == 0 {
            let path = out.join(format!("{name}.bin"));
            std::fs::write(&path, bytes).map_err(|source| Error::Write {
                path: path.display().to_string(),
                source,
            })?;
        }
    }
    if comm.rank() == 0 {
        println!(
            "{} ranks: {} models written to {}, bytes sent by rank 0: {}",
            comm.size(),
            models.len(),
            out.display(),
            comm.bytes_sent()
        );
    }
    Ok(())
}

/// Every rank's bytes equal rank 0's.
fn same_on_every_rank<C: Communicator + ?Sized>(comm: &C, name: &str, bytes: &[u8]) -> Result<()> {
    let all = comm.all_gather_bytes(bytes)?;
    match all.iter().position(|b| b != &all[0]) {
        None => Ok(()),
        Some(rank) => Err(Error::invalid_input(
            "mpi check",
            format!("{name}: rank {rank}'s model differs from rank 0's"),
        )),
    }
}

/// Rank 0 writes a CSV file; every rank reads its byte range; the shards'
/// rows add up to the file's, in order.
fn check_csv<C: Communicator + ?Sized>(comm: &C, out: &Path) -> Result<()> {
    let path = out.join(format!("shards-{}.csv", comm.size()));
    let n_rows = 1_001;
    if comm.rank() == 0 {
        let mut text = String::from("x,color,label\n");
        for i in 0..n_rows {
            text.push_str(&format!(
                "{},{},{}\n",
                i,
                ["red", "green", "blue", "teal"][i % 4],
                i % 3
            ));
        }
        std::fs::write(&path, text).map_err(|source| Error::Write {
            path: path.display().to_string(),
            source,
        })?;
    }
    // The file exists before anyone reads it: a collective is a barrier.
    comm.all_gather_bytes(&[])?;
    let shard = read_csv_distributed(
        comm,
        &CsvShard::ByteRange(path),
        &CsvOptions::default().target_column("label"),
    )?;
    let first = shard.data.column(0).first().copied().unwrap_or(f64::NAN);
    let firsts = comm.all_gather_bytes(&(shard.data.nrows() as u64).to_le_bytes())?;
    let total: u64 = firsts
        .iter()
        .map(|b| u64::from_le_bytes(b[..8].try_into().expect("8 bytes")))
        .sum();
    if total != n_rows as u64 || shard.categories != vec![vec!["blue", "green", "red", "teal"]] {
        return Err(Error::invalid_input(
            "mpi check",
            format!("CSV shards hold {total} rows, categories {:?}", shard.categories),
        ));
    }
    // Rows in order: this rank's first row is the global row at its offset.
    let offsets = RowShards::gather(comm, shard.data.nrows())?;
    if shard.data.nrows() > 0 && first != offsets.offset(comm.rank()) as f64 {
        return Err(Error::invalid_input(
            "mpi check",
            format!("rank {} starts at row {first}", comm.rank()),
        ));
    }
    Ok(())
}
