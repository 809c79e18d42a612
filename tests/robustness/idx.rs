//! The IDX readers on arbitrary bytes, raw or gzip-compressed: the bytes as
//! they are, or behind a well-formed header whose sizes are decoded from the
//! bytes (zero counts, `u32::MAX` sizes), so that the size checks are reached.
//!
//! The readers take a path (there is no in-memory entry point), so each case
//! is written to a file of its own in the temporary directory.

use super::check::ok;
use super::decode::Bytes;
use learnkit::datasets::{read_idx_images, read_idx_labels};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Reads `data` as IDX images and as IDX labels; asserts no panic, named
/// errors, and consistent shapes when it reads.
pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let mode = b.u8();
    let mut file = Vec::new();
    if mode & 1 == 1 {
        // A header of the right form: 00 00 08 <dims>, then sizes.
        let n_dims = b.pick(&[1u8, 3, 3, 1, 2, 0, 255]);
        file.extend([0, 0, 8, n_dims]);
        for _ in 0..n_dims.min(4) {
            let size = match b.u8() % 6 {
                0 => 0,
                1 => u32::MAX,
                2 => u32::from(b.u8() % 4),
                3 => 1 << 16,
                _ => u32::from(b.u8() % 16),
            };
            file.extend(size.to_be_bytes());
        }
    }
    file.extend_from_slice(b.rest());
    if mode & 2 == 2 {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&file).expect("writing to a Vec");
        file = encoder.finish().expect("writing to a Vec");
        if mode & 4 == 4 {
            file.truncate(file.len() * 2 / 3); // a truncated .gz
        }
    }
    let path = temp_path();
    std::fs::write(&path, &file).expect("writing a temporary file");
    if let Some(images) = ok(read_idx_images(&path)) {
        // One row per image, as many as the header's first size says.
        let count = u32::from_be_bytes(file[4..8].try_into().unwrap()) as usize;
        assert!(
            mode & 2 == 2 || images.nrows() == count,
            "{} images, header says {count}",
            images.nrows()
        );
    }
    if let Some(labels) = ok(read_idx_labels(&path)) {
        assert!(mode & 2 == 2 || labels.len() == u32::from_be_bytes(file[4..8].try_into().unwrap()) as usize);
    }
    std::fs::remove_file(&path).expect("removing a temporary file");
}

/// A file name of its own for this process and call.
fn temp_path() -> std::path::PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("learnkit-robustness-idx-{}-{n}", std::process::id()))
}
