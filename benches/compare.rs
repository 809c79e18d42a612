//! The learnkit side of `benches/compare/run.sh`: reads the data the Python
//! driver wrote, times learnkit on it and prints one JSON line per task.
//!
//! ```text
//! cargo bench --bench compare -- <task> <data dir> [--threads N] [--repeats N]
//! ```
//!
//! Tasks: `scaler`, `logistic`, `forest`, `forest_digits`, `forest_target`, `forest_wide`, `pca_cov`,
//! `pca_full`, `pca_randomized`, `hgb`, `grid_search`, `svc`, `svc_mnist`, `svr`, `linear_svc`, `hgb_lightgbm`,
//! `hgb_1m`, `hgb_1m_lightgbm`, `logistic_l1_adult`, `sgd_partial_fit`, `lasso_path`, `lasso_path_glmnet`, `lasso_cv`,
//! `kd_tree_3d`, `dbscan`, `hdbscan`, `census_onehot`, `census_onehot_20x`, `svc_sparse`, `multinomial_nb`, `tfidf`, `text_nb`, `text_linear_svc`, `pdp_hgb`, `treeshap_adult` (see `benches/compare/compare.py` for the data) and `forest_mnist`, `svc_mnist`, `hgb_mnist`,
//! `hgb_mnist_lightgbm`, `knn_mnist` (read `datasets/mnist/` with `learnkit::datasets::load_mnist`). A task the
//! driver knows but this file does not yet prints a JSON line with
//! `"unknown_task":true`, and the driver shows scikit-learn's numbers alone.
//!
//! With `--memory`, a forest, `hgb*`, `dbscan` or `census_onehot*` task measures the peak memory of one
//! fit instead: it loads the training rows, resets the kernel's high-water mark of
//! the process's resident memory (`/proc/self/clear_refs`), fits once and
//! prints `VmRSS` before and `VmHWM` after the fit from `/proc/self/status`.
//! Without a task (as in a plain `cargo bench`) it prints how to use it and
//! exits successfully, so that it never breaks the other benches.
//!
//! Binary file format (written by `compare.py`), all little-endian:
//! 8 bytes magic `LKDATA01`, 8 bytes dtype (`f64` or `i64`, NUL-padded),
//! u64 rows, u64 cols (1 for a vector), then the values row-major.

use learnkit::compose::ColumnTransformer;
use learnkit::ensemble::RandomForestClassifier;
use learnkit::ensemble::{CategoricalFeatures, EarlyStopping, HistGradientBoostingClassifier};
use learnkit::linear_model::LogisticRegression;
use learnkit::prelude::*;
use learnkit::preprocessing::{HandleUnknown, OneHotEncoder};
use learnkit::sparse::CsrMatrix;
use ndarray::{Array1, Array2, Axis};
use std::fs::File;
use std::io::{BufReader, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const MAGIC: &[u8; 8] = b"LKDATA01";

struct Options {
    task: String,
    dir: PathBuf,
    threads: usize,
    repeats: usize,
    /// Measure the peak memory of one fit instead of timing (`--memory`).
    memory: bool,
}

fn usage() -> &'static str {
    "usage: cargo bench --bench compare -- <task> <data dir> [--threads N] [--repeats N] [--memory]\n\
     tasks: scaler, logistic, forest, forest_digits, forest_target, forest_wide, forest_mnist, pca_cov, pca_full, pca_randomized, hgb, grid_search,\n\
            svc, svc_mnist, svr, linear_svc, hgb_lightgbm, hgb_1m, hgb_1m_lightgbm, hgb_mnist, hgb_mnist_lightgbm,\n\
            linear_regression, ridge, logistic_l1_adult, sgd_partial_fit, lasso_path, lasso_path_glmnet, lasso_cv, kmeans, kmeans_faiss,\n\
            knn_mnist, kd_tree_3d, dbscan, hdbscan, gmm, census_onehot, census_onehot_20x, svc_sparse, multinomial_nb, tfidf,\n\
            text_nb, text_linear_svc, pdp_hgb, treeshap_adult\n\
     (normally driven by benches/compare/run.sh, which writes the data first)"
}

/// Parses the arguments. Cargo adds `--bench` to every bench binary's
/// arguments; it and any other unknown flag are ignored rather than fatal.
fn parse_args() -> Result<Option<Options>, String> {
    let mut positional = Vec::new();
    let mut threads = 2;
    let mut repeats = 5;
    let mut memory = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" | "--repeats" => {
                let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
                let n: usize = value
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("{arg} must be a positive integer, got {value:?}"))?;
                if arg == "--threads" {
                    threads = n;
                } else {
                    repeats = n;
                }
            }
            "--memory" => memory = true,
            flag if flag.starts_with("--") => {}
            _ => positional.push(arg),
        }
    }
    match positional.as_slice() {
        [] => Ok(None),
        [task, dir] => Ok(Some(Options {
            task: task.clone(),
            dir: PathBuf::from(dir),
            threads,
            repeats,
            memory,
        })),
        _ => Err(format!("expected a task and a data directory, got {positional:?}")),
    }
}

// ---------------------------------------------------------------- data files

/// Reads a matrix file, checking the header against the file size so that a
/// truncated or foreign file is a clear error instead of garbage numbers.
fn read_file(path: &Path, dtype: &str) -> Result<(usize, usize, Vec<[u8; 8]>), String> {
    let file = File::open(path).map_err(|e| {
        format!(
            "cannot open {}: {e} (run benches/compare/run.sh, which writes the data before calling this)",
            path.display()
        )
    })?;
    let size = file.metadata().map_err(|e| format!("{}: {e}", path.display()))?.len();
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut header = [0u8; 32];
    reader
        .read_exact(&mut header)
        .map_err(|e| format!("{}: cannot read the 32-byte header: {e}", path.display()))?;
    if &header[0..8] != MAGIC {
        return Err(format!("{}: not a compare data file (bad magic)", path.display()));
    }
    let found = String::from_utf8_lossy(&header[8..16])
        .trim_end_matches('\0')
        .to_string();
    if found != dtype {
        return Err(format!("{}: expected dtype {dtype}, found {found:?}", path.display()));
    }
    let rows = u64::from_le_bytes(header[16..24].try_into().unwrap()) as usize;
    let cols = u64::from_le_bytes(header[24..32].try_into().unwrap()) as usize;
    let expected = rows
        .checked_mul(cols)
        .and_then(|n| n.checked_mul(8))
        .and_then(|n| n.checked_add(32))
        .ok_or_else(|| format!("{}: absurd shape {rows} x {cols}", path.display()))?;
    if expected as u64 != size {
        return Err(format!(
            "{}: header says {rows} x {cols} ({expected} bytes) but the file has {size} bytes",
            path.display()
        ));
    }
    let mut values = vec![[0u8; 8]; rows * cols];
    // Reading straight into the value buffer: one copy, no second 800 MB
    // staging buffer.
    reader
        .read_exact(values.as_flattened_mut())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((rows, cols, values))
}

fn read_matrix(path: &Path) -> Result<Array2<f64>, String> {
    let (rows, cols, raw) = read_file(path, "f64")?;
    let values = raw.into_iter().map(f64::from_le_bytes).collect();
    Array2::from_shape_vec((rows, cols), values).map_err(|e| format!("{}: {e}", path.display()))
}

/// A one-column `f64` file as a vector (regression targets).
fn read_targets(path: &Path) -> Result<Array1<f64>, String> {
    let matrix = read_matrix(path)?;
    if matrix.ncols() != 1 {
        return Err(format!(
            "{}: targets must be one column, found {}",
            path.display(),
            matrix.ncols()
        ));
    }
    Ok(matrix.column(0).to_owned())
}

fn read_labels(path: &Path) -> Result<Array1<i64>, String> {
    let (rows, cols, raw) = read_file(path, "i64")?;
    if cols != 1 {
        return Err(format!("{}: labels must be one column, found {cols}", path.display()));
    }
    debug_assert_eq!(raw.len(), rows);
    Ok(raw.into_iter().map(i64::from_le_bytes).collect())
}

// ------------------------------------------------------------------- timing

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    let n = times.len();
    if n % 2 == 1 {
        times[n / 2]
    } else {
        0.5 * (times[n / 2 - 1] + times[n / 2])
    }
}

fn seconds_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64()
}

/// A JSON string literal (the messages here are plain ASCII, but a panic
/// message may hold quotes).
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// -------------------------------------------------------------------- tasks

/// Fits `model` on `x` and transforms `x`, `repeats` times: the fit,
/// transform and total seconds of each repeat, and the last fitted model.
/// Freeing the output (an munmap of up to 800 MB) stays outside the timed
/// region, as in the Python driver.
#[allow(clippy::type_complexity)]
fn time_fit_transform<E>(
    repeats: usize,
    model: &E,
    x: &Array2<f64>,
) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>, E::Fitted), String>
where
    E: UnsupervisedEstimator<f64>,
    E::Fitted: Transformer<f64>,
{
    let (mut fit, mut transform, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..repeats {
        let start = Instant::now();
        let fitted = model.fit_unsupervised(x.view()).map_err(|e| e.to_string())?;
        let fitted_at = Instant::now();
        let z = fitted.transform(x.view()).map_err(|e| e.to_string())?;
        let done = Instant::now();
        fit.push((fitted_at - start).as_secs_f64());
        transform.push((done - fitted_at).as_secs_f64());
        total.push((done - start).as_secs_f64());
        drop(z);
        last = Some(fitted);
    }
    Ok((fit, transform, total, last.expect("at least one repeat")))
}

/// The CPU time this process has used so far (user + system, every thread),
/// in seconds; `None` where `getrusage` is not available.
#[cfg(target_os = "linux")]
fn process_cpu_seconds() -> Option<f64> {
    // SAFETY: `getrusage` writes one `rusage` into the zeroed struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return None;
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    Some(seconds(usage.ru_utime) + seconds(usage.ru_stime))
}

#[cfg(not(target_os = "linux"))]
fn process_cpu_seconds() -> Option<f64> {
    None
}

/// How many cores each fit timed by [`time_fit_predict`] kept busy on
/// average (CPU time of the process / wall time), reported by
/// [`split_task_line`] as `fit_cores`: 2.0 means both cores of a 2-thread
/// run worked the whole fit.
static FIT_CORES: std::sync::Mutex<Vec<f64>> = std::sync::Mutex::new(Vec::new());

/// Fits with `fit` and predicts with `predict`, `repeats` times: the median
/// fit and predict seconds, and the last fitted model and prediction.
/// Records the cores each fit kept busy in [`FIT_CORES`].
fn time_fit_predict<M, P>(
    repeats: usize,
    fit: impl Fn() -> Result<M, String>,
    predict: impl Fn(&M) -> Result<P, String>,
) -> Result<(f64, f64, M, P), String> {
    let (mut fit_s, mut predict_s) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..repeats.max(1) {
        let (start, cpu_start) = (Instant::now(), process_cpu_seconds());
        let fitted = fit()?;
        let wall = seconds_since(start);
        fit_s.push(wall);
        if let (Some(before), Some(after)) = (cpu_start, process_cpu_seconds()) {
            if wall > 0.0 {
                FIT_CORES
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((after - before) / wall);
            }
        }
        let start = Instant::now();
        let predicted = predict(&fitted)?;
        predict_s.push(seconds_since(start));
        last = Some((fitted, predicted));
    }
    let (fitted, predicted) = last.expect("at least one repeat");
    Ok((median(fit_s), median(predict_s), fitted, predicted))
}

/// The JSON line of a task that fits on a training split and predicts a
/// test split: shapes, median times, the score, and `extra` (`,"key":value`
/// pairs, or empty).
fn split_task_line(
    opts: &Options,
    (rows, cols, test_rows): (usize, usize, usize),
    (fit, predict): (f64, f64),
    (score_name, score): (&str, f64),
    extra: &str,
) -> String {
    let cores = std::mem::take(&mut *FIT_CORES.lock().unwrap_or_else(|e| e.into_inner()));
    let cores = if cores.is_empty() {
        String::new()
    } else {
        format!(",\"fit_cores\":{}", median(cores))
    };
    format!(
        "{{\"task\":{},\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{rows},\"cols\":{cols},\
         \"test_rows\":{test_rows},\"fit_s\":{fit},\"predict_s\":{predict},\"score_name\":{},\"score\":{score}{extra}{cores}}}",
        json_string(&opts.task),
        opts.threads,
        opts.repeats,
        json_string(score_name),
    )
}

fn scaler(opts: &Options) -> Result<String, String> {
    let x = read_matrix(&opts.dir.join("scaler_X.bin"))?;
    let model = StandardScaler::default().n_jobs(Some(opts.threads));
    let (fit, transform, total, fitted) = time_fit_transform(opts.repeats, &model, &x)?;

    // Agreement with scikit-learn's fitted mean_ and scale_, which the driver
    // wrote beside the data: the "score" of a scaler.
    let reference = read_matrix(&opts.dir.join("scaler_ref.bin"))?;
    let ours = [fitted.mean().unwrap(), fitted.scale().unwrap()];
    let max_rel_diff = reference
        .axis_iter(Axis(0))
        .zip(ours.iter())
        .flat_map(|(theirs, ours)| {
            theirs
                .iter()
                .zip(ours.iter())
                .map(|(&t, &o)| (t - o).abs() / t.abs().max(f64::MIN_POSITIVE))
                .collect::<Vec<_>>()
        })
        .fold(0.0, f64::max);

    Ok(format!(
        "{{\"task\":\"scaler\",\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{},\"transform_s\":{},\"total_s\":{},\"score_name\":\"max rel diff mean_/scale_ vs sklearn\",\"score\":{:e}}}",
        opts.threads,
        opts.repeats,
        x.nrows(),
        x.ncols(),
        median(fit),
        median(transform),
        median(total),
        max_rel_diff
    ))
}

fn logistic(opts: &Options) -> Result<String, String> {
    let x = read_matrix(&opts.dir.join("logistic_X.bin"))?;
    let y = read_labels(&opts.dir.join("logistic_y.bin"))?;
    if x.nrows() != y.len() {
        return Err(format!(
            "logistic_X has {} rows but logistic_y has {}",
            x.nrows(),
            y.len()
        ));
    }
    let mut model = LogisticRegression::default().c(1.0);
    model.n_jobs = Some(opts.threads);

    let mut fit = Vec::new();
    let mut last = None;
    for _ in 0..opts.repeats {
        let start = Instant::now();
        let fitted = model.fit(x.view(), y.view()).map_err(|e| e.to_string())?;
        fit.push(seconds_since(start));
        last = Some(fitted);
    }
    let fitted = last.expect("at least one repeat");

    let start = Instant::now();
    let proba = fitted.predict_proba(x.view()).map_err(|e| e.to_string())?;
    let predict = seconds_since(start);
    // learnkit's metric follows scikit-learn 1.9's log_loss (clipping, no
    // renormalisation), so both sides score alike.
    let score = learnkit::metrics::log_loss(y.view(), proba.view()).map_err(|e| e.to_string())?;
    Ok(format!(
        "{{\"task\":\"logistic\",\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{},\"predict_s\":{predict},\"score_name\":\"training log loss\",\"score\":{score}}}",
        opts.threads,
        opts.repeats,
        x.nrows(),
        x.ncols(),
        median(fit)
    ))
}

// ------------------------------------------------------------------ forests
//
// Tasks `forest`, `forest_digits`, `forest_target` and `forest_wide`: compare.py writes
// `<task>_X_train.bin`, `<task>_y_train.bin`, `<task>_X_test.bin` and
// `<task>_y_test.bin`. scikit-learn's side is
// RandomForestClassifier(n_estimators=100, n_jobs=threads, random_state=0),
// everything else at its defaults (max_features="sqrt", bootstrap=True).

/// A forest task's train/test split: the driver's files, or MNIST from the
/// repository's `datasets/mnist/` for `forest_mnist`.
type Split = (Array2<f64>, Array1<i64>, Array2<f64>, Array1<i64>);

fn forest_split(opts: &Options) -> Result<Split, String> {
    let task = opts.task.as_str();
    if matches!(
        task,
        "forest_mnist" | "svc_mnist" | "hgb_mnist" | "hgb_mnist_lightgbm" | "knn_mnist"
    ) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist");
        let mnist = learnkit::datasets::load_mnist(dir).map_err(|e| e.to_string())?;
        let labels = |y: &Array1<usize>| y.mapv(|d| d as i64);
        return Ok((
            mnist.x_train,
            labels(&mnist.y_train),
            mnist.x_test,
            labels(&mnist.y_test),
        ));
    }
    read_split(&opts.dir, task)
}

/// The split `compare.py` wrote as `<prefix>_{X,y}_{train,test}.bin`.
fn read_split(dir: &Path, task: &str) -> Result<Split, String> {
    let path = |name: &str| dir.join(format!("{task}_{name}.bin"));
    let x_train = read_matrix(&path("X_train"))?;
    let y_train = read_labels(&path("y_train"))?;
    let x_test = read_matrix(&path("X_test"))?;
    let y_test = read_labels(&path("y_test"))?;
    for (x, y, part) in [(&x_train, &y_train, "train"), (&x_test, &y_test, "test")] {
        if x.nrows() != y.len() {
            return Err(format!(
                "{task}_X_{part} has {} rows but {task}_y_{part} has {}",
                x.nrows(),
                y.len()
            ));
        }
    }
    Ok((x_train, y_train, x_test, y_test))
}

/// A `VmRSS`-style field of `/proc/self/status`, in KiB.
fn proc_status_kib(field: &str) -> Result<u64, String> {
    let status = std::fs::read_to_string("/proc/self/status").map_err(|e| format!("/proc/self/status: {e}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| format!("no {field} in /proc/self/status"))
}

/// Resets the kernel's high-water mark of this process's RSS (`VmHWM`) to the
/// current RSS (Linux >= 4.0); false when that is not possible.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// `--memory`: the peak resident memory of one fit, as compare.py's
/// `memory_probe` measures scikit-learn's.
fn forest_memory(opts: &Options, model: &RandomForestClassifier) -> Result<String, String> {
    let (x_train, y_train, x_test, y_test) = forest_split(opts)?;
    drop((x_test, y_test)); // the Python probe does not keep them either
    peak_memory_of_fit(&opts.task, || {
        let fitted = model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string())?;
        std::hint::black_box(&fitted);
        Ok(())
    })
}

/// Resets the high-water mark, runs `fit` once and prints `VmRSS` before and
/// `VmHWM` after it (the training data is loaded before this is called).
fn peak_memory_of_fit(task: &str, fit: impl FnOnce() -> Result<(), String>) -> Result<String, String> {
    let reset = reset_peak_rss();
    let before = proc_status_kib("VmRSS")?;
    let start = Instant::now();
    fit()?;
    let fit_s = seconds_since(start);
    let peak = proc_status_kib("VmHWM")?;
    Ok(format!(
        "{{\"task\":{},\"library\":\"learnkit\",\"fit_s\":{fit_s},\"rss_before_kib\":{before},\
         \"peak_rss_kib\":{peak},\"hwm_reset\":{reset}}}",
        json_string(task)
    ))
}

fn forest(opts: &Options) -> Result<String, String> {
    let model = RandomForestClassifier::default()
        .n_estimators(100)
        .random_state(0)
        .n_jobs(Some(opts.threads));
    if opts.memory {
        return forest_memory(opts, &model);
    }
    let (x_train, y_train, x_test, y_test) = forest_split(opts)?;

    let (fit, predict, fitted, predicted) = time_fit_predict(
        opts.repeats,
        || model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string()),
        |fitted| fitted.predict(x_test.view()).map_err(|e| e.to_string()),
    )?;
    let score = learnkit::metrics::accuracy_score(y_test.view(), predicted.view()).map_err(|e| e.to_string())?;

    // One row at a time, as a service answering single requests: median of
    // 50 calls after a warm-up, as the Python driver does.
    let one_row = x_test.slice(ndarray::s![..1, ..]);
    fitted.predict(one_row).map_err(|e| e.to_string())?;
    let mut single = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        let predicted = fitted.predict(one_row).map_err(|e| e.to_string())?;
        single.push(seconds_since(start));
        std::hint::black_box(predicted);
    }

    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, predict),
        ("test accuracy", score),
        &format!(",\"predict_one_s\":{}", median(single)),
    ))
}

/// PCA with 30 components and the task's solver (`pca_cov`, `pca_full`,
/// `pca_randomized`); fit and transform of the whole matrix, and the largest
/// difference from the exact explained variance ratios (scikit-learn's, written by the driver).
fn pca(opts: &Options) -> Result<String, String> {
    use learnkit::decomposition::{NComponents, PCA, SvdSolver};
    let x = read_matrix(&opts.dir.join("pca_X.bin"))?;
    let solver = match opts.task.as_str() {
        "pca_cov" => SvdSolver::CovarianceEigh,
        "pca_full" => SvdSolver::Full,
        _ => SvdSolver::Randomized,
    };
    let model = PCA::default()
        .n_components(NComponents::Count(30))
        .svd_solver(solver)
        .random_state(0);
    let (fit, transform, _, fitted) = time_fit_transform(opts.repeats, &model, &x)?;
    let reference = read_matrix(&opts.dir.join(format!("{}_ref.bin", opts.task)))?;
    let max_diff = reference
        .iter()
        .zip(fitted.explained_variance_ratio().iter())
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    Ok(format!(
        "{{\"task\":{},\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{},\"predict_s\":{},\"score\":{:e}}}",
        json_string(&opts.task),
        opts.threads,
        opts.repeats,
        x.nrows(),
        x.ncols(),
        median(fit),
        median(transform),
        max_diff
    ))
}

// ------------------------------------------------------- gradient boosting
//
// Task `hgb`: compare.py reads Adult's CSVs, encodes the 8 categorical
// columns as ordinal codes (NaN for "?" and unseen categories) and writes
// `hgb_{X,y}_{train,test}.bin`. Both sides fit
// HistGradientBoostingClassifier(max_iter=100, early_stopping=off) with
// native categorical support and score the test ROC-AUC.

/// Adult's categorical columns: workclass, education, marital_status,
/// occupation, relationship, race, sex, native_country.
const ADULT_CATEGORICAL: [usize; 8] = [1, 3, 5, 6, 7, 8, 9, 13];

// Tasks `hgb_lightgbm`, `hgb_1m` and `hgb_1m_lightgbm` (issue: gradient
// boosting): the reference side is LightGBM or scikit-learn (see compare.py);
// the learnkit side is `hgb`'s model on Adult (`hgb`'s files) or, for the 1M
// tasks, HistGradientBoostingClassifier(max_iter=100, early_stopping=off)
// without categorical features on `hgb_1m`'s files
// (make_classification(1_000_000, 30, random_state=0), 800,000 rows to train,
// 200,000 to test). `--memory` measures the peak memory of one fit.

fn hgb(opts: &Options) -> Result<String, String> {
    let adult = matches!(opts.task.as_str(), "hgb" | "hgb_lightgbm");
    let mut model = HistGradientBoostingClassifier::default()
        .max_iter(100)
        .early_stopping(EarlyStopping::Off)
        .random_state(0)
        .n_jobs(Some(opts.threads));
    if adult {
        model = model.categorical_features(CategoricalFeatures::Indices(ADULT_CATEGORICAL.to_vec()));
    }
    let (x_train, y_train, x_test, y_test) = read_split(&opts.dir, if adult { "hgb" } else { "hgb_1m" })?;
    if opts.memory {
        drop((x_test, y_test)); // the Python probe does not keep them either
        return peak_memory_of_fit(&opts.task, || {
            let fitted = model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string())?;
            std::hint::black_box(&fitted);
            Ok(())
        });
    }
    let (mut fit, mut predict) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..opts.repeats {
        let start = Instant::now();
        let fitted = model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string())?;
        fit.push(seconds_since(start));
        let start = Instant::now();
        let proba = fitted.predict_proba(x_test.view()).map_err(|e| e.to_string())?;
        predict.push(seconds_since(start));
        last = Some(proba);
    }
    let proba = last.expect("at least one repeat");
    let score = learnkit::metrics::roc_auc_score(y_test.view(), proba.column(1)).map_err(|e| e.to_string())?;
    Ok(format!(
        "{{\"task\":{},\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\"test_rows\":{},\
         \"fit_s\":{},\"predict_s\":{},\"score_name\":\"test ROC-AUC\",\"score\":{score}}}",
        json_string(&opts.task),
        opts.threads,
        opts.repeats,
        x_train.nrows(),
        x_train.ncols(),
        x_test.nrows(),
        median(fit),
        median(predict)
    ))
}

// Tasks `census_onehot` and `census_onehot_20x` (issue 17): Adult (as
// compare.py encodes it: category codes, no NaN; `_20x` tiles the training
// rows 20 times) through ColumnTransformer(OneHotEncoder(handle_unknown =
// ignore) on the 8 categorical columns, StandardScaler on the 6 numeric
// ones) -> LogisticRegression(max_iter = 1000), as scikit-learn's pipeline.
// The one-hot block reaches LogisticRegression sparse (Pipeline passes each
// step's Matrix on), so the solver's mat-vecs run on the stored values.
// Score: test log loss; `--memory` measures the peak memory of one fit.

fn census_onehot(opts: &Options) -> Result<String, String> {
    let threads = opts.threads;
    let numeric: Vec<usize> = (0..14).filter(|c| !ADULT_CATEGORICAL.contains(c)).collect();
    let columns = ColumnTransformer::new()
        .add(
            "categories",
            OneHotEncoder::default().handle_unknown(HandleUnknown::Ignore),
            ADULT_CATEGORICAL.to_vec(),
        )
        .add("numbers", StandardScaler::default(), numeric);
    let model = Pipeline::new(
        columns,
        LogisticRegression::default().max_iter(1000).n_jobs(Some(threads)),
    );
    let (x_train, y_train, x_test, y_test) = read_split(&opts.dir, &opts.task)?;
    if opts.memory {
        drop((x_test, y_test));
        return peak_memory_of_fit(&opts.task, || {
            let fitted = model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string())?;
            std::hint::black_box(&fitted);
            Ok(())
        });
    }
    let (fit, predict, fitted, proba) = time_fit_predict(
        opts.repeats,
        || model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string()),
        |fitted| fitted.predict_proba(x_test.view()).map_err(|e| e.to_string()),
    )?;
    let log_loss = learnkit::metrics::log_loss(y_test.view(), proba.view()).map_err(|e| e.to_string())?;
    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, predict),
        ("test log loss", log_loss),
        &format!(",\"n_iter\":{}", fitted.second.n_iter()),
    ))
}

// Tasks `hgb_mnist` and `hgb_mnist_lightgbm` (issue 14, ten classes): MNIST
// from `datasets/mnist/` as `forest_mnist` reads it, against scikit-learn's
// HistGradientBoostingClassifier or LightGBM (see compare.py). Both fit
// HistGradientBoostingClassifier(max_iter=100, early_stopping=off): ten trees
// per iteration, 31 leaves, learning rate 0.1. Score: test accuracy; the test
// log loss and the number of iterations are recorded beside it.

fn hgb_mnist(opts: &Options) -> Result<String, String> {
    let model = HistGradientBoostingClassifier::default()
        .max_iter(100)
        .early_stopping(EarlyStopping::Off)
        .random_state(0)
        .n_jobs(Some(opts.threads));
    let (x_train, y_train, x_test, y_test) = forest_split(opts)?;
    if opts.memory {
        drop((x_test, y_test));
        return peak_memory_of_fit(&opts.task, || {
            let fitted = model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string())?;
            std::hint::black_box(&fitted);
            Ok(())
        });
    }
    let (fit, predict, fitted, proba) = time_fit_predict(
        opts.repeats,
        || model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string()),
        |fitted| fitted.predict_proba(x_test.view()).map_err(|e| e.to_string()),
    )?;
    // The most probable class of each row, as predict() would give.
    let classes = fitted.classes();
    let predicted: Array1<i64> = proba
        .rows()
        .into_iter()
        .map(|row| {
            let best = (0..row.len()).fold(0, |b, k| if row[k] > row[b] { k } else { b });
            classes[best]
        })
        .collect();
    let score = learnkit::metrics::accuracy_score(y_test.view(), predicted.view()).map_err(|e| e.to_string())?;
    let log_loss = learnkit::metrics::log_loss(y_test.view(), proba.view()).map_err(|e| e.to_string())?;
    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, predict),
        ("test accuracy", score),
        &format!(",\"test_log_loss\":{log_loss},\"n_iter\":{}", fitted.n_iter()),
    ))
}

// ---------------------------------------------------------------------- SVC
//
// Task `svc`: compare.py writes `svc_{X,y}_{train,test}.bin` (standardised
// make_classification, 10,000 train / 2,000 test); SVC() at its defaults.
// Task `svc_mnist`: MNIST from `datasets/mnist/` (pixels / 255), SVC(C=10),
// issue 5's headline setting.

fn svc(opts: &Options) -> Result<String, String> {
    let (x_train, y_train, x_test, y_test) = forest_split(opts)?;
    let c = if opts.task == "svc_mnist" { 10.0 } else { 1.0 };
    let model = SVC::default().c(c).n_jobs(Some(opts.threads));
    let (fit, predict, fitted, predicted) = time_fit_predict(
        opts.repeats,
        || model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string()),
        |fitted| fitted.predict(x_test.view()).map_err(|e| e.to_string()),
    )?;
    let score = learnkit::metrics::accuracy_score(y_test.view(), predicted.view()).map_err(|e| e.to_string())?;
    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, predict),
        ("test accuracy", score),
        &format!(",\"n_support\":{}", fitted.support().len()),
    ))
}

// --------------------------------------------------------------- SVC sparse
//
// Task `svc_sparse`: compare.py writes a tf-idf-like CSR matrix as
// `svc_sparse_X_{train,test}_{indptr,indices,data,shape}.bin` (`write_csr`,
// read by `read_csr` below) and the labels; SVC() at its defaults on the sparse rows
// (`fit_matrix`, never densified).

/// Fits `model` on sparse training rows and predicts the sparse test rows
/// (`fit_matrix` / `predict_matrix`, never densified), `opts.repeats`
/// times: median fit and predict seconds, the last fitted model and its
/// test accuracy. Shared by the sparse classification tasks.
fn sparse_accuracy_runs<E>(
    opts: &Options,
    model: &E,
    (x_train, y_train, x_test, y_test): (&CsrMatrix<f64>, &Array1<i64>, &CsrMatrix<f64>, &Array1<i64>),
) -> Result<(f64, f64, E::Fitted, f64), String>
where
    E: Estimator<f64, i64>,
    E::Fitted: Predictor<f64, Output = i64>,
{
    let (fit, predict, fitted, predicted) = time_fit_predict(
        opts.repeats,
        || {
            model
                .fit_matrix(x_train.into(), y_train.view())
                .map_err(|e| e.to_string())
        },
        |fitted| fitted.predict_matrix(x_test.into()).map_err(|e| e.to_string()),
    )?;
    let score = learnkit::metrics::accuracy_score(y_test.view(), predicted.view()).map_err(|e| e.to_string())?;
    Ok((fit, predict, fitted, score))
}

fn svc_sparse(opts: &Options) -> Result<String, String> {
    let dir = &opts.dir;
    let x_train = read_csr(dir, "svc_sparse_X_train")?;
    let x_test = read_csr(dir, "svc_sparse_X_test")?;
    let y_train = read_labels(&dir.join("svc_sparse_y_train.bin"))?;
    let y_test = read_labels(&dir.join("svc_sparse_y_test.bin"))?;
    let model = SVC::default().n_jobs(Some(opts.threads));
    let (fit, predict, fitted, score) = sparse_accuracy_runs(opts, &model, (&x_train, &y_train, &x_test, &y_test))?;
    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, predict),
        ("test accuracy", score),
        &format!(",\"n_support\":{}", fitted.support().len()),
    ))
}

// ---------------------------------------------------------------------- SVR
//
// Task `svr`: compare.py writes `svr_{X,y}_{train,test}.bin` (standardised
// make_regression and targets, 10,000 train / 2,000 test, `f64` targets);
// SVR() at its defaults.

/// Training rows and targets, test rows and targets (`f64` targets).
type RegressionSplit = (Array2<f64>, Array1<f64>, Array2<f64>, Array1<f64>);

/// A regression split `compare.py` wrote as `<prefix>_{X,y}_{train,test}.bin`
/// (`f64` targets).
fn read_regression_split(dir: &Path, prefix: &str) -> Result<RegressionSplit, String> {
    let path = |name: &str| dir.join(format!("{prefix}_{name}.bin"));
    let (x_train, y_train) = (read_matrix(&path("X_train"))?, read_targets(&path("y_train"))?);
    let (x_test, y_test) = (read_matrix(&path("X_test"))?, read_targets(&path("y_test"))?);
    if x_train.nrows() != y_train.len() || x_test.nrows() != y_test.len() {
        return Err(format!("{prefix}: X and y files disagree on the number of rows"));
    }
    Ok((x_train, y_train, x_test, y_test))
}

fn svr(opts: &Options) -> Result<String, String> {
    let (x_train, y_train, x_test, y_test) = read_regression_split(&opts.dir, "svr")?;
    let model = learnkit::svm::SVR::default().n_jobs(Some(opts.threads));
    let (fit, predict, fitted, predicted) = time_fit_predict(
        opts.repeats,
        || model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string()),
        |fitted| fitted.predict(x_test.view()).map_err(|e| e.to_string()),
    )?;
    let score = learnkit::metrics::r2_score(y_test.view(), predicted.view()).map_err(|e| e.to_string())?;
    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, predict),
        ("test R²", score),
        &format!(",\"n_support\":{}", fitted.support().len()),
    ))
}

// ------------------------------------------------------------ least squares
//
// Tasks `linear_regression` and `ridge`: compare.py writes
// `least_squares_{X,y}_{train,test}.bin` (make_regression, 180,000 × 200
// train / 20,000 test) and scikit-learn's coefficients as
// `<task>_coef_reference.bin`; LinearRegression() and
// Ridge().solver(Cholesky) at their defaults.

fn least_squares(opts: &Options) -> Result<String, String> {
    use learnkit::linear_model::RidgeSolver;
    let split = read_regression_split(&opts.dir, "least_squares")?;
    let n_jobs = Some(opts.threads);
    match opts.task.as_str() {
        "linear_regression" => least_squares_task(opts, &split, &LinearRegression::default().n_jobs(n_jobs), |m| {
            m.coef().to_owned()
        }),
        _ => least_squares_task(
            opts,
            &split,
            &Ridge::default().solver(RidgeSolver::Cholesky).n_jobs(n_jobs),
            |m| m.coef().to_owned(),
        ),
    }
}

/// Times `model` on the split and reports its test R² and how far its
/// coefficients are from scikit-learn's, when the driver wrote them.
fn least_squares_task<E: Estimator<f64, f64>>(
    opts: &Options,
    (x_train, y_train, x_test, y_test): &RegressionSplit,
    model: &E,
    coef: impl Fn(&E::Fitted) -> Array1<f64>,
) -> Result<String, String>
where
    E::Fitted: Predictor<f64, Output = f64>,
{
    let (fit, predict, fitted, predicted) = time_fit_predict(
        opts.repeats,
        || model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string()),
        |fitted| fitted.predict(x_test.view()).map_err(|e| e.to_string()),
    )?;
    let score = learnkit::metrics::r2_score(y_test.view(), predicted.view()).map_err(|e| e.to_string())?;
    let coef = coef(&fitted);
    let reference = opts.dir.join(format!("{}_coef_reference.bin", opts.task));
    let diff = match read_targets(&reference) {
        Ok(want) if want.len() == coef.len() => {
            let largest = want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            let worst = coef.iter().zip(&want).fold(0.0f64, |m, (g, w)| m.max((g - w).abs()));
            format!(",\"coef_max_rel_diff\":{}", worst / largest.max(f64::MIN_POSITIVE))
        }
        _ => String::new(),
    };
    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, predict),
        ("test R²", score),
        &diff,
    ))
}

// --------------------------------------------------------------- LinearSVC
//
// Task `linear_svc`: compare.py writes `linear_svc_{X,y}_{train,test}.bin`
// (standardised make_classification, 5 classes, 50,000 × 100 train / 10,000
// test); LinearSVC() at its defaults (the primal solver on these data).

fn linear_svc(opts: &Options) -> Result<String, String> {
    let split = read_split(&opts.dir, "linear_svc")?;
    accuracy_task(opts, split, &LinearSVC::default().n_jobs(Some(opts.threads)))
}

/// Times `model`'s fit on the training rows and predict on the test rows;
/// the score is the test accuracy.
fn accuracy_task<E>(opts: &Options, (x_train, y_train, x_test, y_test): Split, model: &E) -> Result<String, String>
where
    E: Estimator<f64, i64>,
    E::Fitted: Predictor<f64, Output = i64>,
{
    let (fit, predict, _, predicted) = time_fit_predict(
        opts.repeats,
        || model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string()),
        |fitted| fitted.predict(x_test.view()).map_err(|e| e.to_string()),
    )?;
    let score = learnkit::metrics::accuracy_score(y_test.view(), predicted.view()).map_err(|e| e.to_string())?;
    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, predict),
        ("test accuracy", score),
        "",
    ))
}

// ------------------------------------------------------ L1 logistic, Adult
//
// Task `logistic_l1_adult`: L1 LogisticRegression (l1_ratio = 1, the
// NewtonCd solver, tol 1e-4) at compare.py's `ADULT_L1_C` on Adult one-hot;
// the score is the scaled objective mean(logloss) + |w|_1 / (C n), computed
// as compare.py's `l1_objective`.

const ADULT_L1_C: f64 = 0.01;

fn logistic_l1_adult(opts: &Options) -> Result<String, String> {
    let x = read_matrix(&opts.dir.join("logistic_l1_adult_X.bin"))?;
    let y = read_labels(&opts.dir.join("logistic_l1_adult_y.bin"))?;
    if x.nrows() != y.len() {
        return Err(format!(
            "logistic_l1_adult_X has {} rows but y has {}",
            x.nrows(),
            y.len()
        ));
    }
    let model = LogisticRegression::default()
        .c(ADULT_L1_C)
        .l1_ratio(1.0)
        .tol(1e-4)
        .max_iter(10_000)
        .n_jobs(Some(opts.threads));
    let (fit, predict, fitted, scores) = time_fit_predict(
        opts.repeats,
        || model.fit(x.view(), y.view()).map_err(|e| e.to_string()),
        |fitted| fitted.decision_function(x.view()).map_err(|e| e.to_string()),
    )?;
    let n = y.len() as f64;
    let loss: f64 = scores
        .column(0)
        .iter()
        .zip(&y)
        .map(|(&z, &label)| z.max(0.0) + (-z.abs()).exp().ln_1p() - if label == 1 { z } else { 0.0 })
        .sum();
    let l1: f64 = fitted.coef().iter().map(|w| w.abs()).sum();
    let score = loss / n + l1 / (ADULT_L1_C * n);
    let nonzero = fitted.coef().iter().filter(|w| **w != 0.0).count();
    Ok(format!(
        "{{\"task\":\"logistic_l1_adult\",\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{},\"predict_s\":{predict},\"score_name\":\"training objective\",\"score\":{score},\
         \"nonzero\":{nonzero},\"n_iter\":{},\"converged\":{}}}",
        opts.threads,
        opts.repeats,
        x.nrows(),
        x.ncols(),
        fit,
        fitted.n_iter(),
        fitted.converged()
    ))
}

// ------------------------------------------------------- out-of-core SGD
//
// Task `sgd_partial_fit`: SGDClassifier::partial_fit over chunks generated
// one at a time from the sizes in `sgd_partial_fit_spec.bin` (rows, cols,
// chunk, seed), the same problem as compare.py's from learnkit's generator:
// x ~ N(0, I), y = [x·w + 2e > 0], w_j = sin(j + 1); the score is the
// accuracy on one more chunk.

fn sgd_chunk(rng: &mut rand::rngs::StdRng, rows: usize, w: &Array1<f64>) -> (Array2<f64>, Array1<i64>) {
    use rand_distr::{Distribution, StandardNormal};
    let x = Array2::from_shape_simple_fn((rows, w.len()), || StandardNormal.sample(rng));
    let y = x
        .dot(w)
        .mapv(|v| i64::from(v + 2.0 * <StandardNormal as Distribution<f64>>::sample(&StandardNormal, rng) > 0.0));
    (x, y)
}

fn sgd_partial_fit(opts: &Options) -> Result<String, String> {
    use learnkit::linear_model::{FittedSGDClassifier, SGDClassifier};
    use rand::SeedableRng;
    let spec = read_targets(&opts.dir.join("sgd_partial_fit_spec.bin"))?;
    let [rows, cols, chunk, seed] = [spec[0], spec[1], spec[2], spec[3]].map(|v| v as usize);
    let w = Array1::from_shape_fn(cols, |j| ((j + 1) as f64).sin());
    let sgd = SGDClassifier::default().random_state(0).n_jobs(Some(opts.threads));
    let mut fit = Vec::new();
    let mut last: Option<FittedSGDClassifier<f64, i64>> = None;
    for _ in 0..opts.repeats {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed as u64);
        let start = Instant::now();
        let mut model: Option<FittedSGDClassifier<f64, i64>> = None;
        let mut done = 0;
        while done < rows {
            let (x, y) = sgd_chunk(&mut rng, chunk.min(rows - done), &w);
            match model.as_mut() {
                None => {
                    model = Some(
                        sgd.partial_fit(x.view(), y.view(), Some(&[0, 1]), None)
                            .map_err(|e| e.to_string())?,
                    )
                }
                Some(m) => m
                    .partial_fit(x.view(), y.view(), None, None)
                    .map_err(|e| e.to_string())?,
            }
            done += x.nrows();
        }
        fit.push(seconds_since(start));
        last = model;
    }
    let model = last.ok_or("no rows to fit")?;
    let (x_test, y_test) = sgd_chunk(&mut rand::rngs::StdRng::seed_from_u64(seed as u64 + 1), chunk, &w);
    let score = model.score(x_test.view(), y_test.view()).map_err(|e| e.to_string())?;
    let fit_s = median(fit);
    Ok(format!(
        "{{\"task\":\"sgd_partial_fit\",\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{rows},\"cols\":{cols},\
         \"fit_s\":{fit_s},\"rows_per_s\":{},\"score_name\":\"held-out accuracy (fit_s includes generating the chunks)\",\"score\":{score}}}",
        opts.threads,
        opts.repeats,
        rows as f64 / fit_s,
    ))
}

// ------------------------------------------------------------------- lasso
//
// Tasks `lasso_path` (and `lasso_path_glmnet`, the same learnkit side
// against glmnet) and `lasso_cv`: compare.py writes `lasso_{X,y}.bin`
// (make_regression 50,000 × 500, 50 informative, noise 1); `lasso_path` at
// its defaults with 100 alphas, `LassoCV` (cv 5) at its defaults. Score: R²
// on the training rows of the smallest alpha's coefficients (path) or of
// the refitted model (CV).

/// `lasso_path`'s tolerance in the task against glmnet (see `lasso`).
const LASSO_GLMNET_TOL: f64 = 1e-8;

fn lasso(opts: &Options) -> Result<String, String> {
    use learnkit::linear_model::{EnetPath, LassoCV, lasso_path};
    let x = read_matrix(&opts.dir.join("lasso_X.bin"))?;
    let y = read_targets(&opts.dir.join("lasso_y.bin"))?;
    if x.nrows() != y.len() {
        return Err(format!("lasso_X has {} rows but lasso_y has {}", x.nrows(), y.len()));
    }
    // Against glmnet, a tolerance that reaches glmnet's accuracy at its
    // default threshold (compare.py); the accuracy reached is reported as
    // the largest distance from the path at tol 1e-12, relative to the
    // largest coefficient (untimed).
    let mut settings = EnetPath::default();
    if opts.task == "lasso_path_glmnet" {
        settings.tol = LASSO_GLMNET_TOL;
    }
    let mut fit = Vec::new();
    let mut score = 0.0;
    let mut coefs = None;
    for _ in 0..opts.repeats {
        let start = Instant::now();
        if opts.task.starts_with("lasso_path") {
            let path = lasso_path(x.view(), y.view(), &settings).map_err(|e| e.to_string())?;
            fit.push(seconds_since(start));
            let last = path.coefs.column(path.alphas.len() - 1).to_owned();
            score = learnkit::metrics::r2_score(y.view(), x.dot(&last).view()).map_err(|e| e.to_string())?;
            coefs = Some(path.coefs);
        } else {
            let model = LassoCV::default()
                .n_jobs(Some(opts.threads))
                .fit(x.view(), y.view())
                .map_err(|e| e.to_string())?;
            fit.push(seconds_since(start));
            score = model.score(x.view(), y.view()).map_err(|e| e.to_string())?;
        }
    }
    let accuracy = match (&coefs, opts.task == "lasso_path_glmnet") {
        (Some(coefs), true) => {
            let mut tight = EnetPath::default();
            tight.tol = 1e-12;
            tight.max_iter = 100_000;
            let reference = lasso_path(x.view(), y.view(), &tight).map_err(|e| e.to_string())?.coefs;
            let scale = reference.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
            let diff = coefs
                .iter()
                .zip(reference.iter())
                .fold(0.0_f64, |m, (a, b)| m.max((a - b).abs()));
            format!(
                ",\"tol\":{LASSO_GLMNET_TOL},\"max_rel_diff_from_tight\":{}",
                diff / scale
            )
        }
        _ => String::new(),
    };
    Ok(format!(
        "{{\"task\":{},\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{},\"score_name\":\"training R²\",\"score\":{}{accuracy}}}",
        json_string(&opts.task),
        opts.threads,
        opts.repeats,
        x.nrows(),
        x.ncols(),
        median(fit),
        score
    ))
}

// --------------------------------------------------------------------- main

// ------------------------------------------------------------- grid search
//
// Task `grid_search`: 12 values of C (np.logspace(-3, 2, 12)) ×
// StratifiedKFold(5) of LogisticRegression, the best refitted; (candidate,
// fold) pairs run on the global pool of `--threads` threads.

fn grid_search(opts: &Options) -> Result<String, String> {
    use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
    let x = read_matrix(&opts.dir.join("grid_search_X.bin"))?;
    let y = read_labels(&opts.dir.join("grid_search_y.bin"))?;
    if x.nrows() != y.len() {
        return Err(format!(
            "grid_search_X has {} rows but grid_search_y has {}",
            x.nrows(),
            y.len()
        ));
    }
    let cs: Vec<f64> = (0..12).map(|i| 10f64.powf(-3.0 + 5.0 * i as f64 / 11.0)).collect();
    let search = GridSearchCV::new(
        cs,
        |&c: &f64| LogisticRegression::default().c(c),
        StratifiedKFold::new(5),
    )
    .n_jobs(Some(opts.threads));
    let mut fit = Vec::new();
    let mut last = None;
    for _ in 0..opts.repeats {
        let start = Instant::now();
        let fitted = search.fit(x.view(), y.view()).map_err(|e| e.to_string())?;
        fit.push(seconds_since(start));
        last = Some(fitted);
    }
    let fitted = last.expect("at least one repeat");
    Ok(format!(
        "{{\"task\":\"grid_search\",\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{},\"score_name\":\"best mean CV accuracy\",\"score\":{}}}",
        opts.threads,
        opts.repeats,
        x.nrows(),
        x.ncols(),
        median(fit),
        fitted.best_score()
    ))
}

// ------------------------------------------------------------------ kmeans
//
// Tasks `kmeans` and `kmeans_faiss` (issue 16): `kmeans_X.bin` (see
// compare.py's kmeans_data); KMeans(n_clusters=100, n_init=1, init=the first
// 100 rows, max_iter=20, tol=0), the reference's settings, so that both run
// the same Lloyd iterations. Reported: fit time, time per iteration, inertia.

fn kmeans(opts: &Options) -> Result<String, String> {
    use learnkit::cluster::{KMeans, KMeansInit};
    let x = read_matrix(&opts.dir.join("kmeans_X.bin"))?;
    let k = 100.min(x.nrows());
    let init = x.slice(ndarray::s![..k, ..]).to_owned();
    let model = KMeans::default()
        .n_clusters(k)
        .init(KMeansInit::Array(init))
        .max_iter(20)
        .tol(0.0);
    let mut fit = Vec::new();
    let mut fitted = None;
    for _ in 0..opts.repeats.max(1) {
        let start = Instant::now();
        fitted = Some(model.fit_unsupervised(x.view()).map_err(|e| e.to_string())?);
        fit.push(seconds_since(start));
    }
    let fitted = fitted.expect("at least one repeat");
    let fit_s = median(fit);
    Ok(format!(
        "{{\"task\":{},\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{},\"n_iter\":{},\"per_iter_s\":{},\"score\":{}}}",
        json_string(&opts.task),
        opts.threads,
        opts.repeats,
        x.nrows(),
        x.ncols(),
        fit_s,
        fitted.n_iter(),
        fit_s / fitted.n_iter() as f64,
        fitted.inertia()
    ))
}

// ------------------------------------------------------- Gaussian mixture
//
// Task `gmm`: GaussianMixture(10, full covariances) on compare.py's blobs
// (`gmm_X.bin`), from the same explicit weights (uniform), means
// (`gmm_means_init.bin`) and precisions (identity) as scikit-learn, exactly
// GMM_MAX_ITER EM iterations (tol 0); the score is the final lower bound.

/// compare.py's `GMM_MAX_ITER`.
const GMM_MAX_ITER: usize = 20;

fn gmm(opts: &Options) -> Result<String, String> {
    use learnkit::mixture::{CovarianceArray, GaussianMixture};
    let x = read_matrix(&opts.dir.join("gmm_X.bin"))?;
    let means = read_matrix(&opts.dir.join("gmm_means_init.bin"))?;
    let (k, d) = means.dim();
    let identity = ndarray::Array3::from_shape_fn((k, d, d), |(_, i, j)| if i == j { 1.0 } else { 0.0 });
    let model = GaussianMixture::default()
        .n_components(k)
        .tol(0.0)
        .max_iter(GMM_MAX_ITER)
        .weights_init(Array1::from_elem(k, 1.0 / k as f64))
        .means_init(means)
        .precisions_init(CovarianceArray::Full(identity));
    let mut fit = Vec::new();
    let mut fitted = None;
    for _ in 0..opts.repeats {
        let start = Instant::now();
        let m = model.fit_unsupervised(x.view()).map_err(|e| e.to_string())?;
        fit.push(start.elapsed().as_secs_f64());
        fitted = Some(m);
    }
    let fitted: learnkit::mixture::FittedGaussianMixture<f64> = fitted.ok_or("no repeat ran")?;
    Ok(format!(
        "{{\"task\":{},\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{},\"score\":{},\"n_iter\":{}}}",
        json_string(&opts.task),
        opts.threads,
        opts.repeats,
        x.nrows(),
        x.ncols(),
        median(fit),
        fitted.lower_bound(),
        fitted.n_iter()
    ))
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(Some(opts)) => opts,
        Ok(None) => {
            eprintln!("compare: no task given, nothing to do\n{}", usage());
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("compare: {e}\n{}", usage());
            return ExitCode::FAILURE;
        }
    };
    // One global pool of the requested size, so that learnkit uses as many
    // threads as scikit-learn does on the other side.
    if let Err(e) = rayon::ThreadPoolBuilder::new().num_threads(opts.threads).build_global() {
        eprintln!("compare: cannot start {} threads: {e}", opts.threads);
        return ExitCode::FAILURE;
    }
    let task: fn(&Options) -> Result<String, String> = match opts.task.as_str() {
        "scaler" => scaler,
        "logistic" => logistic,
        "forest" | "forest_digits" | "forest_target" | "forest_wide" | "forest_mnist" => forest,
        "pca_cov" | "pca_full" | "pca_randomized" => pca,
        "hgb" | "hgb_lightgbm" | "hgb_1m" | "hgb_1m_lightgbm" => hgb,
        "hgb_mnist" | "hgb_mnist_lightgbm" => hgb_mnist,
        "svc" | "svc_mnist" => svc,
        "svr" => svr,
        "svc_sparse" => svc_sparse,
        "linear_svc" => linear_svc,
        "linear_regression" | "ridge" => least_squares,
        "grid_search" => grid_search,
        "logistic_l1_adult" => logistic_l1_adult,
        "lasso_path" | "lasso_path_glmnet" | "lasso_cv" => lasso,
        "sgd_partial_fit" => sgd_partial_fit,
        "kmeans" | "kmeans_faiss" => kmeans,
        "knn_mnist" => knn_mnist,
        "kd_tree_3d" => kd_tree_3d,
        "dbscan" => dbscan,
        "hdbscan" => hdbscan,
        "gmm" => gmm,
        "census_onehot" | "census_onehot_20x" => census_onehot,
        "multinomial_nb" => multinomial_nb,
        "tfidf" => tfidf,
        "text_nb" | "text_linear_svc" => text_models,
        "pdp_hgb" => pdp_hgb,
        "treeshap_adult" => treeshap_adult,
        other => {
            // A JSON line too, so that the driver can tell "not written yet"
            // (the forest tasks before the forest lands) from a failure.
            println!(
                "{{\"task\":{},\"library\":\"learnkit\",\"unknown_task\":true,\"error\":\"unknown task\"}}",
                json_string(other)
            );
            eprintln!("compare: unknown task {other:?}\n{}", usage());
            return ExitCode::FAILURE;
        }
    };
    // A panic (an unimplemented estimator) becomes an error line the driver
    // can show, instead of only a backtrace.
    let outcome = catch_unwind(AssertUnwindSafe(|| task(&opts))).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Err(format!("panicked: {message}"))
    });
    match outcome {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!(
                "{{\"task\":{},\"library\":\"learnkit\",\"error\":{}}}",
                json_string(&opts.task),
                json_string(&e)
            );
            eprintln!("compare: {}: {e}", opts.task);
            ExitCode::FAILURE
        }
    }
}

// --------------------------------------------------------- nearest neighbours
//
// Task `knn_mnist`: MNIST from `datasets/mnist/` (pixels / 255),
// KNeighborsClassifier(5): fit indexes the 60,000 training images, predict
// the 10,000 test images (the time to compare), test accuracy. Task
// `kd_tree_3d`: compare.py writes `kd_tree_3d_X_{train,test}.bin` (1,000,000
// and 100,000 uniform 3-D points); NearestNeighbors(5) with a k-d tree,
// kneighbors of the test points; the score is the mean 5th-neighbour distance.

fn knn_mnist(opts: &Options) -> Result<String, String> {
    let model = learnkit::neighbors::KNeighborsClassifier::default().n_jobs(Some(opts.threads));
    accuracy_task(opts, forest_split(opts)?, &model)
}

fn kd_tree_3d(opts: &Options) -> Result<String, String> {
    let x_train = read_matrix(&opts.dir.join("kd_tree_3d_X_train.bin"))?;
    let x_test = read_matrix(&opts.dir.join("kd_tree_3d_X_test.bin"))?;
    let model = learnkit::neighbors::NearestNeighbors::default()
        .algorithm(learnkit::neighbors::Algorithm::KdTree)
        .n_jobs(Some(opts.threads));
    let (fit, predict, _, (distances, _)) = time_fit_predict(
        opts.repeats,
        || model.fit_unsupervised(x_train.view()).map_err(|e| e.to_string()),
        |fitted| fitted.kneighbors(Some(x_test.view()), None).map_err(|e| e.to_string()),
    )?;
    let score = distances.column(distances.ncols() - 1).mean().unwrap_or(f64::NAN);
    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, predict),
        ("mean 5th-neighbour distance", score),
        "",
    ))
}

// Task `dbscan`: compare.py writes `dbscan_X.bin` (1,000,000 uniform 2-D
// points) and `dbscan_spec.bin` (eps for about 50 neighbours per point,
// min_samples); DBSCAN at its other defaults. The score is the number of
// clusters; `--memory` measures the peak memory of one fit.
fn dbscan(opts: &Options) -> Result<String, String> {
    let x = read_matrix(&opts.dir.join("dbscan_X.bin"))?;
    let spec = read_matrix(&opts.dir.join("dbscan_spec.bin"))?;
    let model = learnkit::cluster::DBSCAN::default()
        .eps(spec[[0, 0]])
        .min_samples(spec[[1, 0]] as usize)
        .n_jobs(Some(opts.threads));
    let fit = || model.fit_unsupervised(x.view()).map_err(|e| e.to_string());
    if opts.memory {
        return peak_memory_of_fit(&opts.task, || {
            std::hint::black_box(fit()?);
            Ok(())
        });
    }
    let mut times = Vec::with_capacity(opts.repeats);
    let mut clusters = 0;
    for _ in 0..opts.repeats.max(1) {
        let start = Instant::now();
        let fitted = fit()?;
        times.push(seconds_since(start));
        clusters = learnkit::traits::Clusterer::labels(&fitted)
            .iter()
            .map(|&l| l + 1)
            .max()
            .unwrap_or(0);
    }
    Ok(format!(
        "{{\"task\":\"dbscan\",\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{},\"score_name\":\"clusters\",\"score\":{clusters}}}",
        opts.threads,
        opts.repeats,
        x.nrows(),
        x.ncols(),
        median(times),
    ))
}

// Task `hdbscan`: compare.py writes `hdbscan_X.bin` (six 2-D blobs and
// uniform noise, 20,000 points); HDBSCAN at its defaults. The score is the
// number of clusters; the labels go to `hdbscan_labels_learnkit.txt` for
// `benches/compare/hdbscan_ties.py` (why scikit-learn's count differs).
fn hdbscan(opts: &Options) -> Result<String, String> {
    let x = read_matrix(&opts.dir.join("hdbscan_X.bin"))?;
    let model = learnkit::cluster::HDBSCAN::default().n_jobs(Some(opts.threads));
    let mut times = Vec::with_capacity(opts.repeats);
    let mut labels = Vec::new();
    for _ in 0..opts.repeats.max(1) {
        let start = Instant::now();
        let fitted = model.fit_unsupervised(x.view()).map_err(|e| e.to_string())?;
        times.push(seconds_since(start));
        labels = learnkit::traits::Clusterer::labels(&fitted).to_vec();
    }
    let clusters = labels.iter().map(|&l| l + 1).max().unwrap_or(0);
    let text: Vec<String> = labels.iter().map(i64::to_string).collect();
    std::fs::write(opts.dir.join("hdbscan_labels_learnkit.txt"), text.join("\n") + "\n")
        .map_err(|e| format!("writing the labels: {e}"))?;
    Ok(format!(
        "{{\"task\":\"hdbscan\",\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{},\"score_name\":\"clusters\",\"score\":{clusters}}}",
        opts.threads,
        opts.repeats,
        x.nrows(),
        x.ncols(),
        median(times),
    ))
}

// ------------------------------------------------------ naive Bayes, sparse
//
// Task `multinomial_nb`: MultinomialNB() on compare.py's synthetic sparse
// document-term counts (CSR parts written by `write_csr`), fit on the
// training rows and predict on the test rows, both on the sparse matrix.

/// A CSR matrix from compare.py's `write_csr` files `<prefix>_{indptr,
/// indices, data, shape}.bin`, checked by `CsrMatrix::try_new`.
fn read_csr(dir: &Path, prefix: &str) -> Result<CsrMatrix<f64>, String> {
    let path = |name: &str| dir.join(format!("{prefix}_{name}.bin"));
    let shape = read_labels(&path("shape"))?;
    if shape.len() != 2 || shape.iter().any(|&v| v < 0) {
        return Err(format!(
            "{prefix}_shape: expected two non-negative values, found {shape}"
        ));
    }
    let indptr = read_labels(&path("indptr"))?.iter().map(|&v| v as usize).collect();
    let indices = read_labels(&path("indices"))?
        .iter()
        .map(|&v| u32::try_from(v).map_err(|_| format!("{prefix}_indices: {v} is not a u32 column index")))
        .collect::<Result<Vec<u32>, String>>()?;
    let data = read_targets(&path("data"))?.to_vec();
    learnkit::sparse::CsrMatrix::try_new((shape[0] as usize, shape[1] as usize), indptr, indices, data)
        .map_err(|e| format!("{prefix}: {e}"))
}

fn multinomial_nb(opts: &Options) -> Result<String, String> {
    let x_train = read_csr(&opts.dir, "multinomial_nb_train")?;
    let y_train = read_labels(&opts.dir.join("multinomial_nb_y_train.bin"))?;
    let x_test = read_csr(&opts.dir, "multinomial_nb_test")?;
    let y_test = read_labels(&opts.dir.join("multinomial_nb_y_test.bin"))?;
    let model = learnkit::naive_bayes::MultinomialNB::default();
    let (fit, predict, _, score) = sparse_accuracy_runs(opts, &model, (&x_train, &y_train, &x_test, &y_test))?;
    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, predict),
        ("test accuracy", score),
        "",
    ))
}

// ---------------------------------------------------------------------- text
//
// Task `tfidf`: TfidfVectorizer::default().fit_transform on compare.py's
// tfidf_docs.txt (the Jane Austen paragraphs tiled, one document a line).
// The score is the number of stored values (scikit-learn's `nnz`).

fn tfidf(opts: &Options) -> Result<String, String> {
    use learnkit::feature_extraction::TfidfVectorizer;
    let path = opts.dir.join("tfidf_docs.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let docs: Vec<&str> = text.lines().collect();
    let vectorizer = TfidfVectorizer::default().n_jobs(Some(opts.threads));
    let mut times = Vec::new();
    let mut shape_nnz = (0, 0, 0);
    for _ in 0..opts.repeats {
        let start = Instant::now();
        let (_, x) = vectorizer.fit_transform(&docs).map_err(|e| e.to_string())?;
        times.push(start.elapsed().as_secs_f64());
        shape_nnz = (x.nrows(), x.ncols(), x.nnz());
    }
    let fit = median(times);
    Ok(format!(
        "{{\"task\":\"tfidf\",\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{},\"total_s\":{},\"score_name\":\"stored values\",\"score\":{}}}",
        opts.threads, opts.repeats, shape_nnz.0, shape_nnz.1, fit, fit, shape_nnz.2
    ))
}

// Tasks `text_nb` and `text_linear_svc`: compare.py's
// `text_models_{train,test}.tsv` (class index, tab, paragraph of the Austen
// corpus) vectorized by TfidfVectorizer::default() (not timed), then
// MultinomialNB() / LinearSVC() fitted on the sparse training matrix and
// predicting the sparse test matrix, as scikit-learn's side.

fn text_models(opts: &Options) -> Result<String, String> {
    use learnkit::feature_extraction::TfidfVectorizer;
    let read = |name: &str| -> Result<(Vec<String>, Array1<i64>), String> {
        let path = opts.dir.join(format!("text_models_{name}.tsv"));
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (mut docs, mut labels) = (Vec::new(), Vec::new());
        for line in text.lines() {
            let (label, doc) = line
                .split_once('\t')
                .ok_or_else(|| format!("{}: a line without a tab", path.display()))?;
            labels.push(label.parse::<i64>().map_err(|e| format!("{}: {e}", path.display()))?);
            docs.push(doc.to_string());
        }
        Ok((docs, Array1::from(labels)))
    };
    let ((train_docs, y_train), (test_docs, y_test)) = (read("train")?, read("test")?);
    let (vectorizer, x_train) = TfidfVectorizer::default()
        .fit_transform(&train_docs)
        .map_err(|e| e.to_string())?;
    let x_test = vectorizer.transform(&test_docs).map_err(|e| e.to_string())?;
    let split = (&x_train, &y_train, &x_test, &y_test);
    let (fit, predict, score) = if opts.task == "text_nb" {
        let (fit, predict, _, score) =
            sparse_accuracy_runs(opts, &learnkit::naive_bayes::MultinomialNB::default(), split)?;
        (fit, predict, score)
    } else {
        let model = LinearSVC::default().n_jobs(Some(opts.threads));
        let (fit, predict, _, score) = sparse_accuracy_runs(opts, &model, split)?;
        (fit, predict, score)
    };
    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, predict),
        ("test accuracy", score),
        "",
    ))
}

// ------------------------------------------------------- partial dependence
//
// Task `pdp_hgb`: compare.py's `pdp_hgb_{X,y}.bin` (make_regression, 20,000 ×
// 8); HistGradientBoostingRegressor (max_iter 100, early stopping off,
// random_state 0) fitted once (not timed), then partial_dependence with the
// recursion method and grid_resolution 100 for features 0, 1, 2 and 3, one at
// a time: "fit_s" is the time of those four. The score is the mean of the
// four averages, as scikit-learn's side.

fn pdp_hgb(opts: &Options) -> Result<String, String> {
    use learnkit::ensemble::HistGradientBoostingRegressor;
    use learnkit::inspection::{PdMethod, partial_dependence};
    let x = read_matrix(&opts.dir.join("pdp_hgb_X.bin"))?;
    let y = read_targets(&opts.dir.join("pdp_hgb_y.bin"))?;
    let model = HistGradientBoostingRegressor::default()
        .early_stopping(EarlyStopping::Off)
        .random_state(0)
        .fit(x.view(), y.view())
        .map_err(|e| e.to_string())?;
    let mut times = Vec::new();
    let mut score = 0.0;
    for _ in 0..opts.repeats.max(1) {
        let start = Instant::now();
        let averages = learnkit::parallel::with_n_jobs(Some(opts.threads), || {
            (0..4)
                .map(|f| {
                    partial_dependence(&model, x.view(), &[f])
                        .grid_resolution(100)
                        .method(PdMethod::Recursion)
                        .compute()
                        .map(|pd| pd.average.map_or(f64::NAN, |a| a.mean().unwrap_or(f64::NAN)))
                })
                .collect::<learnkit::Result<Vec<f64>>>()
        })
        .and_then(|r| r)
        .map_err(|e| e.to_string())?;
        times.push(seconds_since(start));
        score = averages.iter().sum::<f64>() / averages.len() as f64;
    }
    let seconds = median(times);
    Ok(format!(
        "{{\"task\":\"pdp_hgb\",\"library\":\"learnkit\",\"threads\":{},\"repeats\":{},\"rows\":{},\"cols\":{},\
         \"fit_s\":{seconds},\"total_s\":{seconds},\"score_name\":\"mean partial dependence\",\"score\":{score}}}",
        opts.threads,
        opts.repeats,
        x.nrows(),
        x.ncols(),
    ))
}

// Task `treeshap_adult` (issue 19): exact TreeSHAP of a 100-tree
// RandomForestClassifier(max_depth = 10, random_state = 0) fitted on Adult
// (category codes, missing values as -1: see compare.py) for the test rows
// compare.py wrote (the first 1,000), against shap.TreeExplainer on
// scikit-learn's forest. `predict_s` is the time of `shap_values`; the score
// is the largest additivity error (expected value plus a row's values
// against predict_proba).

fn treeshap_adult(opts: &Options) -> Result<String, String> {
    let (x_train, y_train, x_test, _) = read_split(&opts.dir, "treeshap_adult")?;
    let model = RandomForestClassifier::default()
        .n_estimators(100)
        .max_depth(Some(10))
        .random_state(0)
        .n_jobs(Some(opts.threads));
    let (fit, explain, fitted, shap) = time_fit_predict(
        opts.repeats,
        || model.fit(x_train.view(), y_train.view()).map_err(|e| e.to_string()),
        |fitted| learnkit::inspection::shap_values(fitted, x_test.view()).map_err(|e| e.to_string()),
    )?;
    let proba = fitted.predict_proba(x_test.view()).map_err(|e| e.to_string())?;
    let total = shap.values.sum_axis(ndarray::Axis(1)) + &shap.expected_value;
    let error = (&total - &proba).iter().fold(0.0f64, |m, v| m.max(v.abs()));
    Ok(split_task_line(
        opts,
        (x_train.nrows(), x_train.ncols(), x_test.nrows()),
        (fit, explain),
        ("max additivity error", error),
        "",
    ))
}
