//! A logger capturing learnkit's warnings (the `log` facade, target
//! `"learnkit"`) for the tests that check them. The test binary has one
//! logger; this is it.
//!
//! Tests running at the same time without `capture()` may add records too:
//! look only for warnings naming the estimator under test.

use std::sync::{Mutex, MutexGuard, Once};

/// Every `learnkit` record logged, as `"LEVEL message"`.
static RECORDS: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// The tests that look at the records take turns.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target() == "learnkit"
    }
    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            RECORDS
                .lock()
                .unwrap()
                .push(format!("{} {}", record.level(), record.args()));
        }
    }
    fn flush(&self) {}
}

/// Installs the logger (once) and returns the lock with the records cleared.
pub fn capture() -> MutexGuard<'static, ()> {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        log::set_logger(&Capture).expect("no other logger in this test binary");
        log::set_max_level(log::LevelFilter::Warn);
    });
    let guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    RECORDS.lock().unwrap().clear();
    guard
}

pub fn records() -> Vec<String> {
    RECORDS.lock().unwrap().clone()
}

/// The records naming one of `estimators` (`"WARN {estimator}: …"`): tests
/// running at the same time without `capture()` may log warnings of their
/// own estimators, so "no warning" is always asked of the estimators under
/// test.
pub fn records_naming(estimators: &[&str]) -> Vec<String> {
    records()
        .into_iter()
        .filter(|r| estimators.iter().any(|e| r.starts_with(&format!("WARN {e}:"))))
        .collect()
}

/// Whether a warning starting with `estimator` and containing `what` was logged.
pub fn warned(estimator: &str, what: &str) -> bool {
    records()
        .iter()
        .any(|r| r.starts_with(&format!("WARN {estimator}:")) && r.contains(what))
}

/// Forgets the records so far (between the cases of one test).
pub fn clear_records() {
    RECORDS.lock().unwrap().clear();
}
