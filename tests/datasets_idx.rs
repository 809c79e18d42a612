//! The IDX readers and `load_mnist`: small files written here (gzip'd and
//! raw), every malformed-input error, and the real MNIST files shipped in
//! `datasets/mnist/`.

use flate2::Compression;
use flate2::write::GzEncoder;
use learnkit::Error;
use learnkit::datasets::{load_mnist, load_mnist_f32, read_idx_images, read_idx_labels};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh directory in the temp directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("learnkit_idx_{}_{n}_{name}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// An IDX file of unsigned bytes with the given dimensions and values.
fn idx(dims: &[u32], values: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0, 0, 8, dims.len() as u8];
    for d in dims {
        bytes.extend(d.to_be_bytes());
    }
    bytes.extend(values);
    bytes
}

/// Three 2×2 images whose pixels are 0..12, and their labels.
fn images() -> Vec<u8> {
    idx(&[3, 2, 2], &(0..12).collect::<Vec<u8>>())
}

fn labels() -> Vec<u8> {
    idx(&[3], &[5, 0, 9])
}

/// The (path, byte offset, message) of a binary-file Parse error.
fn parse_error(result: learnkit::Result<impl std::fmt::Debug>) -> (String, String, String) {
    match result {
        Err(Error::Parse {
            path,
            line: 0,
            column,
            message,
        }) => (path, column, message),
        other => panic!("expected a Parse error of a binary file, got {other:?}"),
    }
}

#[test]
fn reads_raw_and_gzipped_files_alike() {
    let dir = TempDir::new("alike");
    for (suffix, encode) in [("raw", false), ("gz", true)] {
        let wrap = |b: Vec<u8>| if encode { gzip(&b) } else { b };
        let images_path = dir.write(&format!("images.{suffix}"), &wrap(images()));
        let labels_path = dir.write(&format!("labels.{suffix}"), &wrap(labels()));
        let x = read_idx_images(&images_path).unwrap();
        assert_eq!(x.dim(), (3, 4));
        assert_eq!(x.row(0).to_vec(), vec![0, 1, 2, 3]);
        assert_eq!(x.row(2).to_vec(), vec![8, 9, 10, 11]);
        assert_eq!(read_idx_labels(&labels_path).unwrap().to_vec(), vec![5, 0, 9]);
    }
}

#[test]
fn gzip_is_detected_by_content_not_name() {
    let dir = TempDir::new("detect");
    let gz_without_suffix = dir.write("labels", &gzip(&labels()));
    let raw_with_suffix = dir.write("labels.gz", &labels());
    assert_eq!(read_idx_labels(gz_without_suffix).unwrap().to_vec(), vec![5, 0, 9]);
    assert_eq!(read_idx_labels(raw_with_suffix).unwrap().to_vec(), vec![5, 0, 9]);
}

#[test]
fn zero_images_is_an_empty_matrix() {
    let dir = TempDir::new("zero");
    let path = dir.write("images", &idx(&[0, 28, 28], &[]));
    assert_eq!(read_idx_images(path).unwrap().dim(), (0, 784));
}

#[test]
fn missing_file_is_an_io_error_with_the_path() {
    let path = std::env::temp_dir().join("learnkit_idx_this_file_does_not_exist");
    match read_idx_images(&path) {
        Err(Error::Io { path: p, source }) => {
            assert_eq!(p, path.display().to_string());
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("expected Io, got {other:?}"),
    }
    assert!(matches!(read_idx_labels(&path), Err(Error::Io { .. })));
    // A directory cannot be read as a file either.
    assert!(matches!(read_idx_labels(std::env::temp_dir()), Err(Error::Io { .. })));
}

#[test]
fn bad_magic_is_a_parse_error_with_the_path() {
    let dir = TempDir::new("magic");
    for (name, bytes) in [
        ("text", b"label,pixel\n1,2\n".to_vec()),
        ("gz_text", gzip(b"label,pixel\n1,2\n")),
    ] {
        let path = dir.write(name, &bytes);
        let (p, at, message) = parse_error(read_idx_images(&path));
        assert_eq!(p, path.display().to_string());
        assert_eq!(at, "byte 0");
        assert!(
            message.contains("bad magic number") && message.contains("not an IDX file"),
            "{message}"
        );
    }
    // The message reads well: path, offset, reason.
    let path = dir.write("display", b"PK\x03\x04zip");
    let text = read_idx_labels(&path).unwrap_err().to_string();
    assert!(
        text.starts_with(&format!("{}: byte 0: bad magic number 50 4b 03 04", path.display())),
        "{text}"
    );
}

#[test]
fn other_data_types_are_refused() {
    let dir = TempDir::new("dtype");
    let mut bytes = labels();
    bytes[2] = 0x0D; // 32-bit floats
    let (_, at, message) = parse_error(read_idx_labels(dir.write("floats", &bytes)));
    assert_eq!(at, "byte 2");
    assert!(message.contains("0x0d (32-bit float)"), "{message}");
}

#[test]
fn images_and_labels_files_are_not_confused() {
    let dir = TempDir::new("swap");
    let labels_path = dir.write("labels", &labels());
    let images_path = dir.write("images", &images());
    let (_, at, message) = parse_error(read_idx_images(&labels_path));
    assert_eq!(at, "byte 3");
    assert!(
        message.contains("1 dimensions (this looks like a labels file)"),
        "{message}"
    );
    let (_, _, message) = parse_error(read_idx_labels(&images_path));
    assert!(
        message.contains("3 dimensions (this looks like an images file)"),
        "{message}"
    );
}

#[test]
fn truncated_files_are_parse_errors() {
    let dir = TempDir::new("truncated");
    let full = images();
    // Empty, inside the magic number, inside the sizes, inside the data.
    for (cut, expected_at, expected) in [
        (0, "byte 0", "empty"),
        (3, "byte 3", "inside the 4-byte IDX magic number"),
        (9, "byte 9", "inside the header, after 9 of its 16 bytes"),
        (
            20,
            "byte 20",
            "announces 3 x 2 x 2 = 12 bytes of data, the file holds only 4",
        ),
    ] {
        for encode in [false, true] {
            let bytes = if encode {
                gzip(&full[..cut])
            } else {
                full[..cut].to_vec()
            };
            let path = dir.write(&format!("cut{cut}_{encode}"), &bytes);
            let (p, at, message) = parse_error(read_idx_images(&path));
            assert_eq!(p, path.display().to_string());
            assert_eq!(at, expected_at, "cut at {cut}, gzip {encode}: {message}");
            assert!(message.contains(expected), "cut at {cut}, gzip {encode}: {message}");
        }
    }
}

#[test]
fn truncated_gzip_stream_is_a_parse_error() {
    let dir = TempDir::new("gzcut");
    let compressed = gzip(&images());
    let path = dir.write("cut.gz", &compressed[..compressed.len() - 10]);
    let (_, _, message) = parse_error(read_idx_images(&path));
    assert!(message.contains("truncated"), "{message}");
    // Garbage after a valid gzip magic.
    let path = dir.write("garbage.gz", &[0x1f, 0x8b, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 1, 2, 3]);
    let (_, _, message) = parse_error(read_idx_images(&path));
    assert!(message.contains("gzip stream is corrupt"), "{message}");
}

#[test]
fn bytes_after_the_data_are_a_parse_error() {
    let dir = TempDir::new("extra");
    let mut bytes = labels();
    bytes.push(4);
    let (_, at, message) = parse_error(read_idx_labels(dir.write("extra", &bytes)));
    assert_eq!(at, "byte 11");
    assert!(message.contains("after the 3 bytes of data"), "{message}");
}

#[test]
fn absurd_sizes_do_not_allocate_or_panic() {
    let dir = TempDir::new("absurd");
    // 4 billion images of 4 billion × 4 billion pixels, and only 3 bytes.
    let path = dir.write("huge", &idx(&[u32::MAX, u32::MAX, u32::MAX], &[1, 2, 3]));
    let (_, _, message) = parse_error(read_idx_images(&path));
    assert!(message.contains("overflow"), "{message}");
    let path = dir.write("big", &idx(&[u32::MAX], &[1, 2, 3]));
    let (_, _, message) = parse_error(read_idx_labels(&path));
    assert!(message.contains("holds only 3"), "{message}");
}

/// Issue 12, failure 3: zero images of 4294967295 × 4294967295 pixels. The
/// byte count is 0 (the zero count), but the image width alone overflows what
/// an array can index: a Parse error, raw or gzip'd, for images and MNIST alike.
#[test]
fn zero_images_of_an_impossible_width_are_a_parse_error() {
    let dir = TempDir::new("zero_huge");
    let header = idx(&[0, u32::MAX, u32::MAX], &[]);
    assert_eq!(
        header,
        [0, 0, 8, 3, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
    );
    for bytes in [header.clone(), gzip(&header)] {
        let path = dir.write("zero_huge", &bytes);
        let (_, column, message) = parse_error(read_idx_images(&path));
        assert_eq!(column, "byte 4");
        assert!(message.contains("overflow"), "{message}");
    }
    // A zero anywhere does not excuse the other sizes: they must fit together.
    let path = dir.write("huge_zero", &idx(&[u32::MAX, 0, u32::MAX], &[]));
    let (_, column, _) = parse_error(read_idx_images(&path));
    assert_eq!(column, "byte 4");
    // Sizes that fit, with a zero, are an empty matrix of that shape.
    let path = dir.write("wide_zero", &idx(&[0, 1 << 16, 1 << 16], &[]));
    assert_eq!(read_idx_images(&path).unwrap().dim(), (0, 1 << 32));
    // The same header read through load_mnist.
    let mnist = TempDir::new("zero_huge_mnist");
    mnist.write("train-images-idx3-ubyte", &header);
    mnist.write("train-labels-idx1-ubyte", &idx(&[0], &[]));
    let (_, _, message) = parse_error(load_mnist(&mnist.0));
    assert!(message.contains("overflow"), "{message}");
}

/// A directory laid out as MNIST's, with small files.
fn mnist_dir(name: &str, gzipped: bool) -> TempDir {
    let dir = TempDir::new(name);
    let suffix = if gzipped { ".gz" } else { "" };
    let wrap = |bytes: Vec<u8>| if gzipped { gzip(&bytes) } else { bytes };
    dir.write(&format!("train-images-idx3-ubyte{suffix}"), &wrap(images()));
    dir.write(&format!("train-labels-idx1-ubyte{suffix}"), &wrap(labels()));
    dir.write(
        &format!("t10k-images-idx3-ubyte{suffix}"),
        &wrap(idx(&[1, 2, 2], &[0, 51, 255, 128])),
    );
    dir.write(&format!("t10k-labels-idx1-ubyte{suffix}"), &wrap(idx(&[1], &[7])));
    dir
}

#[test]
fn load_mnist_scales_pixels_and_reads_either_encoding() {
    for gzipped in [true, false] {
        let dir = mnist_dir("load", gzipped);
        let mnist = load_mnist(&dir.0).unwrap();
        assert_eq!(mnist.image_shape, (2, 2));
        assert_eq!(mnist.x_train.dim(), (3, 4));
        assert_eq!(mnist.y_train.to_vec(), vec![5, 0, 9]);
        assert_eq!(mnist.x_test.row(0).to_vec(), vec![0.0, 0.2, 1.0, 128.0 / 255.0]);
        assert_eq!(mnist.y_test.to_vec(), vec![7]);
        assert_eq!(mnist.x_train[[2, 3]], 11.0 / 255.0);
    }
}

#[test]
fn load_mnist_f32_equals_the_f64_pixels_cast() {
    // Every byte value, so that each quotient p / 255 is checked once.
    let dir = TempDir::new("f32");
    let pixels: Vec<u8> = (0..=255).collect();
    dir.write("train-images-idx3-ubyte", &idx(&[16, 4, 4], &pixels));
    dir.write("train-labels-idx1-ubyte", &idx(&[16], &[3; 16]));
    dir.write("t10k-images-idx3-ubyte", &idx(&[1, 4, 4], &pixels[100..116]));
    dir.write("t10k-labels-idx1-ubyte", &idx(&[1], &[7]));
    let wide = load_mnist(&dir.0).unwrap();
    let narrow = load_mnist_f32(&dir.0).unwrap();
    assert_eq!(narrow.x_train, wide.x_train.mapv(|v| v as f32));
    assert_eq!(narrow.x_test, wide.x_test.mapv(|v| v as f32));
    // ... which is also the correctly rounded f32 quotient.
    assert_eq!(
        narrow.x_train.iter().copied().collect::<Vec<f32>>(),
        (0..=255).map(|p| p as f32 / 255.0).collect::<Vec<f32>>()
    );
    assert_eq!(
        (narrow.y_train, narrow.y_test, narrow.image_shape),
        (wide.y_train, wide.y_test, wide.image_shape)
    );
    assert!(matches!(load_mnist_f32(dir.0.join("nope")), Err(Error::Io { .. })));
}

#[test]
fn load_mnist_missing_file_names_both_candidates() {
    let dir = mnist_dir("missing", true);
    std::fs::remove_file(dir.0.join("t10k-labels-idx1-ubyte.gz")).unwrap();
    match load_mnist(&dir.0) {
        Err(Error::Io { path, source }) => {
            assert!(path.ends_with("t10k-labels-idx1-ubyte.gz"), "{path}");
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
            assert!(
                source
                    .to_string()
                    .contains("nor an uncompressed t10k-labels-idx1-ubyte"),
                "{source}"
            );
        }
        other => panic!("expected Io, got {other:?}"),
    }
    assert!(matches!(
        load_mnist(Path::new("/nonexistent/learnkit/mnist")),
        Err(Error::Io { .. })
    ));
}

#[test]
fn load_mnist_checks_counts_labels_and_shapes() {
    // Fewer labels than images.
    let dir = mnist_dir("count", false);
    dir.write("train-labels-idx1-ubyte", &idx(&[2], &[1, 2]));
    let (path, _, message) = parse_error(load_mnist(&dir.0));
    assert!(path.ends_with("train-labels-idx1-ubyte"), "{path}");
    assert!(
        message.contains("2 labels, but") && message.contains("holds 3 images"),
        "{message}"
    );

    // A label that is not a digit.
    let dir = mnist_dir("digit", false);
    dir.write("train-labels-idx1-ubyte", &idx(&[3], &[1, 12, 2]));
    let (_, at, message) = parse_error(load_mnist(&dir.0));
    assert_eq!(at, "byte 9");
    assert!(message.contains("label 12 of image 1 is not a digit"), "{message}");

    // Test images of another size than the training images.
    let dir = mnist_dir("shape", false);
    dir.write("t10k-images-idx3-ubyte", &idx(&[1, 1, 4], &[0, 1, 2, 3]));
    let (path, _, message) = parse_error(load_mnist(&dir.0));
    assert!(path.ends_with("t10k-images-idx3-ubyte"), "{path}");
    assert!(message.contains("1 x 4 pixels, the training images 2 x 2"), "{message}");

    // A malformed file inside the directory is reported with its own path.
    let dir = mnist_dir("bad", true);
    dir.write("t10k-images-idx3-ubyte.gz", &gzip(&images()[..10]));
    let (path, _, _) = parse_error(load_mnist(&dir.0));
    assert!(path.ends_with("t10k-images-idx3-ubyte.gz"), "{path}");
}

/// The real files shipped in `datasets/mnist/` (about a second to decompress).
#[test]
fn the_shipped_mnist_files_load() {
    let mnist = load_mnist(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist")).unwrap();
    assert_eq!(mnist.image_shape, (28, 28));
    assert_eq!(mnist.x_train.dim(), (60_000, 784));
    assert_eq!(mnist.x_test.dim(), (10_000, 784));
    assert_eq!(mnist.y_train.len(), 60_000);
    assert_eq!(mnist.y_test.len(), 10_000);
    let counts = |y: &ndarray::Array1<usize>| {
        let mut c = [0usize; 10];
        y.iter().for_each(|&d| c[d] += 1);
        c
    };
    // The published class counts of MNIST.
    assert_eq!(
        counts(&mnist.y_train),
        [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    );
    assert_eq!(
        counts(&mnist.y_test),
        [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    );
    assert_eq!(&mnist.y_train.as_slice().unwrap()[..5], &[5, 0, 4, 1, 9]);
    assert_eq!(&mnist.y_test.as_slice().unwrap()[..5], &[7, 2, 1, 0, 4]);
    let (min, max) = mnist
        .x_train
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &p| {
            (lo.min(p), hi.max(p))
        });
    assert_eq!((min, max), (0.0, 1.0));
}
