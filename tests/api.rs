//! The shape of the public API (issue 13 §3): what users can name and write.

use std::path::Path;

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// faer is an implementation detail: no public item's declaration names it,
/// so a faer upgrade changes no learnkit signature (`Float` carries faer's
/// bound through its private sealing trait).
#[test]
fn faer_is_not_in_public_declarations() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut offending = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            // Sealing traits live in private modules: users cannot name them.
            if !trimmed.starts_with("pub ") || trimmed.starts_with("pub trait Sealed") {
                continue;
            }
            // The declaration up to its body or end: a signature or bound list
            // may span several lines.
            let declaration: String = lines[i..]
                .iter()
                .take_while(|l| !l.trim_end().ends_with('{') && !l.trim_end().ends_with(';'))
                .chain(lines[i..].iter().find(|l| l.trim_end().ends_with('{') || l.trim_end().ends_with(';')))
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            if declaration.contains("faer") {
                offending.push(format!("{}:{}: {}", file.display(), i + 1, trimmed));
            }
        }
    }
    assert!(offending.is_empty(), "public declarations naming faer:\n{}", offending.join("\n"));
}

/// `learnkit::ndarray` is the ndarray learnkit's signatures use: arrays made
/// through it go straight in.
#[test]
fn ndarray_is_reexported() {
    use learnkit::ndarray::{Array2, array};
    use learnkit::prelude::*;
    let x: Array2<f64> = array![[0.0], [2.0]];
    let fitted = MinMaxScaler::default().fit_unsupervised(x.view()).unwrap();
    assert_eq!(fitted.transform(x.view()).unwrap(), array![[0.0], [1.0]]);
}

/// A trait with a `then` method for every type, as `futures::FutureExt` has.
trait FutureLike: Sized {
    fn then<G>(self, next: G) -> (Self, G) {
        (self, next)
    }
}

impl<T> FutureLike for T {}

/// Pipelines are built with `Pipeline::new` and the inherent `then`, which
/// wins over any trait's `then`: with `FutureLike` in scope this compiles
/// (with the old blanket `Then` trait of the prelude it was `E0034 multiple
/// applicable items`), and the other trait's `then` still works on other
/// values.
#[test]
fn pipeline_then_does_not_clash_with_other_traits_then() {
    use learnkit::ndarray::array;
    use learnkit::prelude::*;
    let x = array![[0.0, 1.0], [2.0, 5.0], [4.0, 3.0]];
    let pipeline = Pipeline::new(SimpleImputer::default(), StandardScaler::default()).then(MinMaxScaler::default());
    let fitted = pipeline.fit_unsupervised(x.view()).unwrap();
    assert_eq!(fitted.transform(x.view()).unwrap(), array![[0.0, 0.0], [0.5, 1.0], [1.0, 0.5]]);
    assert_eq!(1.then(2), (1, 2));
}
