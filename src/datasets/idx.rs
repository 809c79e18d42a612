//! IDX files, the format of MNIST: [`read_idx_images`], [`read_idx_labels`]
//! and [`load_mnist`].
//!
//! An IDX file is a big-endian header followed by raw values: two zero bytes,
//! a type code (`0x08` for unsigned bytes, the only type MNIST uses), the
//! number of dimensions `d`, then `d` sizes as `u32`, then the values in
//! row-major order. Images are 3-dimensional (count, rows, columns), labels
//! 1-dimensional. The readers take the file gzip-compressed (as distributed,
//! detected by the gzip magic bytes `1f 8b`, whatever the file name) or raw.

use crate::error::{Error, Result};
use crate::float::Float;
use ndarray::{Array1, Array2, Zip};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const UNSIGNED_BYTE: u8 = 0x08;

/// The decoded contents of an IDX file of unsigned bytes.
struct Idx {
    /// The sizes of the dimensions, from the header.
    dims: Vec<usize>,
    /// The values, row-major; `dims.iter().product()` of them.
    data: Vec<u8>,
}

/// A [`Error::Parse`] at a byte offset of a binary file.
fn parse_error(path: &Path, offset: usize, message: impl Into<String>) -> Error {
    Error::Parse {
        path: path.display().to_string(),
        line: 0,
        column: format!("byte {offset}"),
        message: message.into(),
    }
}

fn io_error(path: &Path, source: io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// The description of an IDX type code, for error messages.
fn type_name(code: u8) -> &'static str {
    match code {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "16-bit integer",
        0x0C => "32-bit integer",
        0x0D => "32-bit float",
        0x0E => "64-bit float",
        _ => "unknown type",
    }
}

/// Reads an IDX file of unsigned bytes with `expected_dims` dimensions;
/// `what` names the expected contents for error messages.
fn read_idx(path: &Path, expected_dims: u8, what: &str) -> Result<Idx> {
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    let mut buffered = BufReader::with_capacity(1 << 16, file);
    let gzip = buffered
        .fill_buf()
        .map_err(|e| io_error(path, e))?
        .starts_with(&GZIP_MAGIC);
    let mut reader: Box<dyn Read> = if gzip {
        Box::new(flate2::bufread::MultiGzDecoder::new(buffered))
    } else {
        Box::new(buffered)
    };
    // A failed read is the file's fault when the gzip stream is corrupt or cut
    // short (Parse); anything else is the system's (Io).
    let read_failed = |offset: usize, e: io::Error| -> Error {
        let corrupt = matches!(
            e.kind(),
            io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput | io::ErrorKind::UnexpectedEof
        );
        if gzip && corrupt {
            parse_error(
                path,
                offset,
                format!("the gzip stream is corrupt or truncated (at this offset of the decompressed data): {e}"),
            )
        } else {
            io_error(path, e)
        }
    };

    let mut magic = [0u8; 4];
    let n = read_up_to(&mut reader, &mut magic).map_err(|e| read_failed(0, e))?;
    if n == 0 {
        return Err(parse_error(path, 0, format!("the file is empty, expected IDX {what}")));
    }
    if n < 4 {
        return Err(parse_error(
            path,
            n,
            format!("the file is truncated: it ends after {n} bytes, inside the 4-byte IDX magic number"),
        ));
    }
    if magic[..2] != [0, 0] {
        return Err(parse_error(
            path,
            0,
            format!(
                "bad magic number {:02x} {:02x} {:02x} {:02x}: not an IDX file (IDX files start with 00 00, a type \
                 code and the number of dimensions, such as 00 00 08 03 for images)",
                magic[0], magic[1], magic[2], magic[3]
            ),
        ));
    }
    if magic[2] != UNSIGNED_BYTE {
        return Err(parse_error(
            path,
            2,
            format!(
                "unsupported IDX data type 0x{:02x} ({}): only unsigned bytes (0x08), as in MNIST, are read",
                magic[2],
                type_name(magic[2])
            ),
        ));
    }
    let n_dims = magic[3];
    if n_dims != expected_dims {
        let hint = match n_dims {
            1 => " (this looks like a labels file)",
            3 => " (this looks like an images file)",
            _ => "",
        };
        return Err(parse_error(
            path,
            3,
            format!(
                "the file has {n_dims} dimensions{hint}, but IDX {what} have {expected_dims} (magic number 00 00 08 \
                 {expected_dims:02x})"
            ),
        ));
    }

    let header_len = 4 + 4 * usize::from(n_dims);
    let mut sizes = vec![0u8; 4 * usize::from(n_dims)];
    let n = read_up_to(&mut reader, &mut sizes).map_err(|e| read_failed(4, e))?;
    if n < sizes.len() {
        return Err(parse_error(
            path,
            4 + n,
            format!(
                "the file is truncated: it ends inside the header, after {} of its {header_len} bytes",
                4 + n
            ),
        ));
    }
    let dims: Vec<usize> = sizes
        .chunks_exact(4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .collect();
    // The byte count is the product of all sizes, but an array must also be
    // able to index each axis: ndarray bounds the product of the non-zero
    // sizes by `isize::MAX`, so 0 images of 2³² × 2³² pixels (0 bytes) are
    // refused here too, not left to panic when the array is shaped.
    let Some(nonzero) = dims
        .iter()
        .filter(|&&d| d != 0)
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .filter(|&p| isize::try_from(p).is_ok())
    else {
        return Err(parse_error(
            path,
            4,
            format!("the dimension sizes {dims:?} overflow the address space"),
        ));
    };
    let total = if dims.contains(&0) { 0 } else { nonzero };

    // The capacity is bounded so that a corrupt header announcing terabytes
    // cannot allocate them: the vector grows only as real data arrives.
    let mut data = Vec::with_capacity(total.min(1 << 28));
    reader
        .by_ref()
        .take(total as u64)
        .read_to_end(&mut data)
        .map_err(|e| read_failed(header_len + data.len(), e))?;
    if data.len() < total {
        return Err(parse_error(
            path,
            header_len + data.len(),
            format!(
                "the file is truncated: the header announces {} = {total} bytes of data, the file holds only {}",
                dims.iter().map(usize::to_string).collect::<Vec<_>>().join(" x "),
                data.len()
            ),
        ));
    }
    let mut extra = [0u8; 1];
    if read_up_to(&mut reader, &mut extra).map_err(|e| read_failed(header_len + total, e))? > 0 {
        return Err(parse_error(
            path,
            header_len + total,
            format!(
                "unexpected bytes after the {total} bytes of data the header announces ({}): the header does not \
                 describe this file",
                dims.iter().map(usize::to_string).collect::<Vec<_>>().join(" x ")
            ),
        ));
    }
    Ok(Idx { dims, data })
}

/// Reads an IDX file of images (unsigned bytes, 3 dimensions: count, rows,
/// columns), gzip-compressed or raw, into one row per image of `rows ×
/// columns` pixels in row-major order.
///
/// # Errors
/// - [`Error::Io`] with the path when the file cannot be opened or read.
/// - [`Error::Parse`] with the path and the byte offset when the file is not
///   IDX (bad magic number), holds another type than unsigned bytes, has not
///   3 dimensions (a labels file, for example), is truncated, has bytes after
///   the data its header announces, or is corrupt gzip.
///
/// # Example
/// ```
/// use learnkit::datasets::read_idx_images;
///
/// // Two 2×3 images: header 00 00 08 03, sizes 2, 2, 3, then 12 pixels.
/// let mut bytes = vec![0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3];
/// bytes.extend(0..12u8);
/// let path = std::env::temp_dir().join(format!("learnkit_doc_images_{}", std::process::id()));
/// std::fs::write(&path, &bytes).unwrap();
///
/// let images = read_idx_images(&path)?;
/// assert_eq!(images.dim(), (2, 6));
/// assert_eq!(images[[1, 0]], 6);
/// # std::fs::remove_file(&path).unwrap();
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn read_idx_images(path: impl AsRef<Path>) -> Result<Array2<u8>> {
    let idx = read_idx(path.as_ref(), 3, "images")?;
    images_matrix(path.as_ref(), idx.dims[0], (idx.dims[1], idx.dims[2]), idx.data)
}

/// One row of `rows × columns` pixels per image; the sizes were checked by
/// [`read_idx`], which this re-checks rather than trusts (no panic path).
fn images_matrix(path: &Path, n_images: usize, (rows, columns): (usize, usize), data: Vec<u8>) -> Result<Array2<u8>> {
    let overflow = || {
        parse_error(
            path,
            4,
            format!("{n_images} images of {rows} x {columns} pixels overflow the address space"),
        )
    };
    let width = rows.checked_mul(columns).ok_or_else(overflow)?;
    Array2::from_shape_vec((n_images, width), data).map_err(|_| overflow())
}

/// Reads an IDX file of labels (unsigned bytes, 1 dimension), gzip-compressed
/// or raw.
///
/// # Errors
/// - [`Error::Io`] with the path when the file cannot be opened or read.
/// - [`Error::Parse`] with the path and the byte offset when the file is not
///   IDX (bad magic number), holds another type than unsigned bytes, has not
///   1 dimension (an images file, for example), is truncated, has bytes after
///   the data its header announces, or is corrupt gzip.
///
/// # Example
/// ```
/// use learnkit::datasets::read_idx_labels;
///
/// // Header 00 00 08 01, size 3, then the labels 7, 2, 1.
/// let bytes = [0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1];
/// let path = std::env::temp_dir().join(format!("learnkit_doc_labels_{}", std::process::id()));
/// std::fs::write(&path, bytes).unwrap();
///
/// assert_eq!(read_idx_labels(&path)?.to_vec(), vec![7, 2, 1]);
/// # std::fs::remove_file(&path).unwrap();
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn read_idx_labels(path: impl AsRef<Path>) -> Result<Array1<u8>> {
    let idx = read_idx(path.as_ref(), 1, "labels")?;
    Ok(Array1::from(idx.data))
}

/// MNIST as [`load_mnist`] returns it: 28×28 grey-level images of
/// handwritten digits, 60,000 to train and 10,000 to test.
///
/// # Example
/// ```no_run
/// let mnist = learnkit::datasets::load_mnist(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist"))?;
/// assert_eq!(mnist.image_shape, (28, 28));
/// assert_eq!(mnist.x_train.ncols(), 28 * 28);
/// # Ok::<(), learnkit::Error>(())
/// ```
///
/// [`load_mnist`] gives `f64` pixels, [`load_mnist_f32`] `f32` ones (`Mnist<f32>`).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Mnist<F = f64> {
    /// Training images, one row per image of `rows × columns` pixels
    /// (row-major), each `pixel / 255.0`, so in `[0, 1]`.
    pub x_train: Array2<F>,
    /// Training labels, the digits 0–9, one per row of `x_train`.
    pub y_train: Array1<usize>,
    /// Test images, as `x_train`.
    pub x_test: Array2<F>,
    /// Test labels, one per row of `x_test`.
    pub y_test: Array1<usize>,
    /// `(rows, columns)` of every image: `(28, 28)` for MNIST.
    pub image_shape: (usize, usize),
}

/// The path of `name.gz` in `dir` if it exists, else of the uncompressed
/// `name`; when neither exists, an [`Error::Io`] that names both.
fn mnist_file(dir: &Path, name: &str) -> Result<PathBuf> {
    let gz = dir.join(format!("{name}.gz"));
    let raw = dir.join(name);
    if gz.is_file() {
        Ok(gz)
    } else if raw.is_file() {
        Ok(raw)
    } else {
        Err(io_error(
            &gz,
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("no such file, nor an uncompressed {name}, in {}", dir.display()),
            ),
        ))
    }
}

/// One split of MNIST: scaled images, labels, and the `(rows, columns)` of an image.
type MnistSplit<F> = (Array2<F>, Array1<usize>, (usize, usize));

/// Reads one split (`train` or `t10k`): its images (with their shape) and labels.
fn mnist_split<F: Float>(dir: &Path, prefix: &str) -> Result<MnistSplit<F>> {
    let images_path = mnist_file(dir, &format!("{prefix}-images-idx3-ubyte"))?;
    let labels_path = mnist_file(dir, &format!("{prefix}-labels-idx1-ubyte"))?;
    let images = read_idx(&images_path, 3, "images")?;
    let labels = read_idx_labels(&labels_path)?;
    let n_images = images.dims[0];
    if labels.len() != n_images {
        return Err(parse_error(
            &labels_path,
            4,
            format!(
                "{} labels, but {} holds {n_images} images",
                labels.len(),
                images_path.display()
            ),
        ));
    }
    if let Some(i) = labels.iter().position(|&label| label > 9) {
        return Err(parse_error(
            &labels_path,
            8 + i,
            format!("label {} of image {i} is not a digit 0-9", labels[i]),
        ));
    }
    let shape = (images.dims[1], images.dims[2]);
    let pixels = images_matrix(&images_path, n_images, shape, images.data)?;
    // In f64 then rounded once: for f32 this is also the correctly rounded
    // f32 quotient (f64 has more than twice f32's precision plus two bits,
    // so the double rounding is harmless), and it equals the f64 loader's
    // values cast.
    let x = Zip::from(&pixels).par_map_collect(|&p| F::cast(f64::from(p) / 255.0));
    Ok((x, labels.mapv(usize::from), shape))
}

/// Loads MNIST from a directory holding the four IDX files
/// `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
/// `t10k-images-idx3-ubyte` and `t10k-labels-idx1-ubyte`, each either
/// gzip-compressed (with a `.gz` suffix, preferred when both exist) or raw.
///
/// The repository ships them in `datasets/mnist/` (CC BY-SA 3.0, Yann LeCun
/// and Corinna Cortes; see `datasets/README.md`); from an example or a bench
/// of this crate that is `concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist")`.
/// They are not embedded in the library (11 MB compressed).
///
/// Pixels are scaled to `[0, 1]` as `pixel as f64 / 255.0` (a division, so
/// the values are bit-identical to numpy's `x / 255.0`); labels become
/// `usize`. Loading the full set takes about a second (mostly decompression)
/// and holds 60,000 × 784 + 10,000 × 784 `f64`, about 440 MB.
///
/// # Errors
/// - [`Error::Io`] when a file is missing (naming the `.gz` path and the raw
///   name it also looked for) or cannot be read.
/// - [`Error::Parse`] for a malformed file (see [`read_idx_images`]), a labels
///   file whose count differs from its images file's, a label that is not a
///   digit 0–9, or test images whose shape differs from the training images'.
///
/// # Example
/// ```no_run
/// use learnkit::datasets::load_mnist;
///
/// let mnist = load_mnist(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist"))?;
/// assert_eq!(mnist.x_train.dim(), (60_000, 784));
/// assert_eq!(mnist.y_test.len(), 10_000);
/// assert!(mnist.x_train.iter().all(|&p| (0.0..=1.0).contains(&p)));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn load_mnist(dir: impl AsRef<Path>) -> Result<Mnist> {
    load_mnist_as(dir.as_ref())
}

/// [`load_mnist`] with `f32` pixels: each the `f64` value `pixel / 255.0`
/// cast to `f32`, built directly (about 220 MB for the full set, with no
/// `f64` copy on the way).
///
/// # Errors
/// As [`load_mnist`].
///
/// # Example
/// ```no_run
/// let mnist = learnkit::datasets::load_mnist_f32(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist"))?;
/// assert_eq!(mnist.x_train.dim(), (60_000, 784));
/// let _: &ndarray::Array2<f32> = &mnist.x_test;
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn load_mnist_f32(dir: impl AsRef<Path>) -> Result<Mnist<f32>> {
    load_mnist_as(dir.as_ref())
}

fn load_mnist_as<F: Float>(dir: &Path) -> Result<Mnist<F>> {
    let (x_train, y_train, image_shape) = mnist_split(dir, "train")?;
    let (x_test, y_test, test_shape) = mnist_split(dir, "t10k")?;
    if test_shape != image_shape {
        let test_path = mnist_file(dir, "t10k-images-idx3-ubyte")?;
        return Err(parse_error(
            &test_path,
            8,
            format!(
                "the test images are {} x {} pixels, the training images {} x {}",
                test_shape.0, test_shape.1, image_shape.0, image_shape.1
            ),
        ));
    }
    Ok(Mnist {
        x_train,
        y_train,
        x_test,
        y_test,
        image_shape,
    })
}
