//! The saving and loading functions (see the [module documentation](super)).

use crate::error::{Error, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// The version of the saved form, written into every file (see the module
/// documentation for when it changes).
///
/// # Example
/// ```
/// assert_eq!(learnkit::persistence::FORMAT_VERSION, 2);
/// ```
pub const FORMAT_VERSION: u32 = 2;

/// The first 8 bytes of a binary model file.
const MAGIC: &[u8; 8] = b"LEARNKIT";

/// Bytes before the payload: magic, version, CRC-32.
const HEADER_LEN: usize = 16;

mod sealed {
    pub trait Sealed {}
}
pub(crate) use sealed::Sealed;

/// A fitted model that [`save`], [`load`] and the in-memory functions
/// accept: every fitted type of the crate (and pipelines, column
/// transformers and searches made of them).
///
/// Sealed: it is implemented by the crate only.
///
/// # Example
/// ```
/// use learnkit::persistence::Persist;
/// use learnkit::preprocessing::FittedStandardScaler;
/// assert_eq!(FittedStandardScaler::<f32>::model_name(), "StandardScaler<f32>");
/// ```
pub trait Persist: Serialize + DeserializeOwned + Sealed {
    /// The name written into a file's header and checked on loading: the
    /// model type, its float type and, for composites, its parts.
    fn model_name() -> String;

    /// Whether this model can be saved: `Err` says why not. Every saving
    /// function asks first. Only a model holding a function of the user's
    /// (a text vectorizer with a `Preprocessor` or `Tokenizer`) says no:
    /// code is not data.
    ///
    /// # Errors
    /// [`Error::Unsupported`] naming the model and the function.
    ///
    /// # Example
    /// ```
    /// use learnkit::persistence::Persist;
    /// use learnkit::feature_extraction::{CountVectorizer, Tokenizer};
    /// let plain = CountVectorizer::default().fit(&["ab cd"])?;
    /// assert!(plain.check_savable().is_ok());
    /// let custom = CountVectorizer::default().tokenizer(Tokenizer::new(|d: &str| vec![d.into()])).fit(&["ab"])?;
    /// assert!(custom.check_savable().unwrap_err().to_string().contains("tokenizer"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    fn check_savable(&self) -> Result<()> {
        Ok(())
    }
}

/// The model as bytes in the binary format (see the module documentation).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::persistence::{from_bytes, to_bytes};
/// use learnkit::preprocessing::FittedStandardScaler;
/// use ndarray::array;
/// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
/// let bytes = to_bytes(&scaler)?;
/// assert_eq!(&bytes[..8], b"LEARNKIT");
/// let back: FittedStandardScaler<f64> = from_bytes(&bytes)?;
/// assert_eq!(back, scaler);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn to_bytes<M: Persist>(model: &M) -> Result<Vec<u8>> {
    model.check_savable()?;
    let mut bytes = Vec::with_capacity(HEADER_LEN + 64);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&[0; 4]);
    let payload = postcard::to_extend(&(M::model_name(), model), bytes).map_err(|e| Error::ModelFile {
        message: format!("cannot encode {}: {e}", M::model_name()),
    })?;
    let mut bytes = payload;
    let crc = crc32(&bytes[HEADER_LEN..]);
    bytes[12..16].copy_from_slice(&crc.to_le_bytes());
    Ok(bytes)
}

/// Reads a model written by [`to_bytes`] (or [`save`] in binary).
///
/// # Errors
/// [`Error::ModelFile`] when the bytes are not a learnkit model, are of
/// another [`FORMAT_VERSION`], hold another model type, fail their checksum,
/// are truncated or followed by extra bytes, or describe an inconsistent
/// model.
///
/// # Example
/// ```
/// use learnkit::persistence::from_bytes;
/// use learnkit::preprocessing::FittedStandardScaler;
/// let err = from_bytes::<FittedStandardScaler<f64>>(b"not a model").unwrap_err();
/// assert!(err.to_string().contains("not a learnkit model"));
/// ```
pub fn from_bytes<M: Persist>(bytes: &[u8]) -> Result<M> {
    let fail = |message: String| Error::ModelFile { message };
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return Err(fail(
            "not a learnkit model (the file does not start with LEARNKIT)".into(),
        ));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    check_version(version)?;
    let stored_crc = u32::from_le_bytes(bytes[12..16].try_into().expect("4 bytes"));
    let payload = &bytes[HEADER_LEN..];
    if crc32(payload) != stored_crc {
        return Err(fail("the file is corrupt (its checksum does not match)".into()));
    }
    let (name, rest): (String, &[u8]) = postcard::take_from_bytes(payload).map_err(|e| fail(format!("{e}")))?;
    check_name::<M>(&name)?;
    // postcard replaces a check's message with its own generic one: report
    // the check's, as JSON does.
    crate::persistence::check::take_failure();
    let (model, rest): (M, &[u8]) = postcard::take_from_bytes(rest).map_err(|e| {
        let message = crate::persistence::check::take_failure().unwrap_or_else(|| e.to_string());
        fail(format!("{name}: {message}"))
    })?;
    if !rest.is_empty() {
        return Err(fail(format!("{name}: {} unexpected bytes after the model", rest.len())));
    }
    Ok(model)
}

/// The JSON envelope: the header's fields, then the model.
#[derive(Serialize)]
struct Envelope<'a, M> {
    format: &'a str,
    version: u32,
    model: String,
    data: &'a M,
}

/// The header alone, read first so that a file of another version or model
/// type is named as such rather than failing somewhere in its data.
#[derive(serde::Deserialize)]
struct Header {
    format: String,
    version: u32,
    model: String,
}

/// The model's data, read once the header has been checked.
#[derive(serde::Deserialize)]
#[serde(bound = "M: DeserializeOwned")]
struct Body<M> {
    data: M,
}

/// The model as JSON text (see the module documentation).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::persistence::{from_json, to_json};
/// use learnkit::preprocessing::FittedStandardScaler;
/// use ndarray::array;
/// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
/// let text = to_json(&scaler)?;
/// assert!(text.starts_with(r#"{"format":"learnkit","version":2,"model":"StandardScaler<f64>""#));
/// let back: FittedStandardScaler<f64> = from_json(&text)?;
/// assert_eq!(back, scaler);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn to_json<M: Persist>(model: &M) -> Result<String> {
    model.check_savable()?;
    let envelope = Envelope {
        format: "learnkit",
        version: FORMAT_VERSION,
        model: M::model_name(),
        data: model,
    };
    serde_json::to_string(&envelope).map_err(|e| Error::ModelFile {
        message: format!("cannot encode {}: {e}", M::model_name()),
    })
}

/// Reads a model written by [`to_json`] (or [`save`] to a `.json` path).
///
/// # Errors
/// [`Error::ModelFile`], as [`from_bytes`].
///
/// # Example
/// ```
/// use learnkit::persistence::from_json;
/// use learnkit::preprocessing::FittedStandardScaler;
/// let text = r#"{"format":"learnkit","version":99,"model":"StandardScaler<f64>","data":{}}"#;
/// let err = from_json::<FittedStandardScaler<f64>>(text).unwrap_err();
/// assert!(err.to_string().contains("format version 99"));
/// ```
pub fn from_json<M: Persist>(text: &str) -> Result<M> {
    let fail = |message: String| Error::ModelFile { message };
    let header: Header = serde_json::from_str(text).map_err(|e| {
        fail(format!(
            "not a learnkit model (no format, version and model header: {e})"
        ))
    })?;
    if header.format != "learnkit" {
        return Err(fail(format!("not a learnkit model (format {:?})", header.format)));
    }
    check_version(header.version)?;
    check_name::<M>(&header.model)?;
    let body: Body<M> = serde_json::from_str(text).map_err(|e| fail(format!("{}: {e}", header.model)))?;
    Ok(body.data)
}

/// Saves `model` to `path`: JSON when the path ends in `.json`, the binary
/// format otherwise. The file is written beside its final name and renamed
/// into place, so an interrupted save never leaves a half-written model.
///
/// # Errors
/// [`Error::Write`] when the file cannot be written; as
/// [`Persist::check_savable`] for a model that cannot be saved.
///
/// # Example
/// See the [module documentation](crate::persistence).
pub fn save<M: Persist>(model: &M, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let bytes = if is_json(path) {
        to_json(model)?.into_bytes()
    } else {
        to_bytes(model)?
    };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let write_error = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    std::fs::write(&partial, &bytes).map_err(write_error)?;
    std::fs::rename(&partial, path).map_err(|e| {
        std::fs::remove_file(&partial).ok();
        write_error(e)
    })
}

/// Loads a model saved by [`save`]: JSON when the path ends in `.json`,
/// the binary format otherwise.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; [`Error::ModelFile`] as
/// [`from_bytes`].
///
/// # Example
/// See the [module documentation](crate::persistence).
pub fn load<M: Persist>(path: impl AsRef<Path>) -> Result<M> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    let located = |e: Error| match e {
        Error::ModelFile { message } => Error::ModelFile {
            message: format!("{}: {message}", path.display()),
        },
        other => other,
    };
    if is_json(path) {
        let text = std::str::from_utf8(&bytes).map_err(|e| Error::ModelFile {
            message: format!("{}: not UTF-8 text: {e}", path.display()),
        })?;
        from_json(text).map_err(located)
    } else {
        from_bytes(&bytes).map_err(located)
    }
}

fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn check_version(version: u32) -> Result<()> {
    if version == FORMAT_VERSION {
        Ok(())
    } else {
        Err(Error::ModelFile {
            message: format!(
                "the file has format version {version}, this learnkit reads version {FORMAT_VERSION}; \
                 fit the model again with this version"
            ),
        })
    }
}

fn check_name<M: Persist>(name: &str) -> Result<()> {
    let expected = M::model_name();
    if name == expected {
        Ok(())
    } else {
        Err(Error::ModelFile {
            message: format!("the file holds a {name}, not a {expected}"),
        })
    }
}

/// CRC-32 (IEEE), as zlib's: catches a truncated or bit-flipped file.
fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}
