//! The persistence API: headers, versions, checksums and the checks that
//! run when a model is loaded (the scaler is the worked example; each
//! model family has its own round-trip and tampering tests).

use learnkit::Error;
use learnkit::persistence::{self, FORMAT_VERSION, from_bytes, from_json, to_bytes, to_json};
use learnkit::prelude::*;
use learnkit::preprocessing::FittedStandardScaler;
use ndarray::{Array2, array};
use serde_json::Value;

fn scaler() -> FittedStandardScaler<f64> {
    let x = array![[1.0, 2.0, 3.0, 4.0], [5.0, 2.0, -1.0, 0.5], [2.0, 2.0, 7.0, 1e-300]];
    StandardScaler::default().fit_unsupervised(x.view()).unwrap()
}

fn message(err: Error) -> String {
    match err {
        Error::ModelFile { message } => message,
        other => panic!("expected Error::ModelFile, got {other:?}"),
    }
}

fn probe() -> Array2<f64> {
    array![[0.5, 1.0, -3.0, 2.0], [f64::MAX, 0.0, 1e-310, -0.0]]
}

#[test]
fn binary_and_json_round_trips_are_exact() {
    let model = scaler();
    let from_binary: FittedStandardScaler<f64> = from_bytes(&to_bytes(&model).unwrap()).unwrap();
    let from_text: FittedStandardScaler<f64> = from_json(&to_json(&model).unwrap()).unwrap();
    let expected = model.transform(probe().view()).unwrap().mapv(f64::to_bits);
    assert_eq!(
        from_binary.transform(probe().view()).unwrap().mapv(f64::to_bits),
        expected
    );
    assert_eq!(
        from_text.transform(probe().view()).unwrap().mapv(f64::to_bits),
        expected
    );
    assert_eq!(from_binary, model);
    assert_eq!(from_text, model);
}

#[test]
fn save_and_load_choose_the_format_by_extension() {
    let model = scaler();
    let dir = std::env::temp_dir().join(format!("learnkit-persistence-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["scaler.lk", "scaler.json"] {
        let path = dir.join(name);
        persistence::save(&model, &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.starts_with(b"LEARNKIT"), name.ends_with(".lk"), "{name}");
        let back: FittedStandardScaler<f64> = persistence::load(&path).unwrap();
        assert_eq!(back, model);
        assert!(!dir.join(format!("{name}.partial")).exists());
    }
    let missing = persistence::load::<FittedStandardScaler<f64>>(dir.join("absent.lk")).unwrap_err();
    assert!(matches!(missing, Error::Io { .. }), "{missing:?}");
    let unwritable = persistence::save(&model, dir.join("no-such-dir").join("x.lk")).unwrap_err();
    assert!(matches!(unwritable, Error::Write { .. }), "{unwritable:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn binary_header_is_checked() {
    let bytes = to_bytes(&scaler()).unwrap();
    assert!(
        message(from_bytes::<FittedStandardScaler<f64>>(&bytes[..10]).unwrap_err()).contains("not a learnkit model")
    );

    let mut other_version = bytes.clone();
    other_version[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let text = message(from_bytes::<FittedStandardScaler<f64>>(&other_version).unwrap_err());
    assert!(
        text.contains(&format!("format version {}", FORMAT_VERSION + 1)),
        "{text}"
    );

    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x10;
    assert!(message(from_bytes::<FittedStandardScaler<f64>>(&flipped).unwrap_err()).contains("checksum"));

    let text = message(from_bytes::<FittedStandardScaler<f32>>(&bytes).unwrap_err());
    assert!(
        text.contains("holds a StandardScaler<f64>, not a StandardScaler<f32>"),
        "{text}"
    );
}

/// Re-encodes a binary file after editing its payload (so the checksum
/// passes and only the model's own checks can catch the edit).
fn with_payload(bytes: &[u8], edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut payload = bytes[16..].to_vec();
    edit(&mut payload);
    let mut crc = flate2::Crc::new();
    crc.update(&payload);
    let mut out = bytes[..12].to_vec();
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

#[test]
fn truncated_or_padded_payloads_are_rejected() {
    let bytes = to_bytes(&scaler()).unwrap();
    let truncated = with_payload(&bytes, |p| p.truncate(p.len() - 3));
    assert!(from_bytes::<FittedStandardScaler<f64>>(&truncated).is_err());
    let padded = with_payload(&bytes, |p| p.push(0));
    assert!(message(from_bytes::<FittedStandardScaler<f64>>(&padded).unwrap_err()).contains("unexpected bytes"));
}

#[test]
fn json_header_is_checked() {
    let text = to_json(&scaler()).unwrap();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["version"] = Value::from(FORMAT_VERSION + 1);
    let err = message(from_json::<FittedStandardScaler<f64>>(&value.to_string()).unwrap_err());
    assert!(err.contains("format version"), "{err}");

    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["format"] = Value::from("pickle");
    assert!(
        message(from_json::<FittedStandardScaler<f64>>(&value.to_string()).unwrap_err())
            .contains("not a learnkit model")
    );

    assert!(message(from_json::<FittedStandardScaler<f64>>("[1, 2]").unwrap_err()).contains("not a learnkit model"));
    let err = message(from_json::<FittedStandardScaler<f32>>(&text).unwrap_err());
    assert!(err.contains("not a StandardScaler<f32>"), "{err}");
}

/// Issue 12, item 8: a scaler with 2 offsets for 4 features loaded without
/// complaint and predicted wrong numbers.
#[test]
fn a_tampered_scaler_is_rejected_in_every_form() {
    let text = to_json(&scaler()).unwrap();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["data"]["offset"]["dim"] = Value::from(vec![2]);
    value["data"]["offset"]["data"] = Value::from(vec![1.0, 2.0]);
    let err = message(from_json::<FittedStandardScaler<f64>>(&value.to_string()).unwrap_err());
    assert!(err.contains("disagree with the moments of 4 features"), "{err}");

    // The same check runs when serde is used directly, without the envelope.
    let bare = value["data"].to_string();
    let err = serde_json::from_str::<FittedStandardScaler<f64>>(&bare)
        .unwrap_err()
        .to_string();
    assert!(err.contains("disagree with the moments"), "{err}");

    // A changed divisor (same length) is caught too: it must follow from the moments.
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["data"]["divisor"]["data"][0] = Value::from(3.0);
    assert!(from_json::<FittedStandardScaler<f64>>(&value.to_string()).is_err());
}

#[test]
fn non_finite_statistics_round_trip_through_json() {
    // Values near the limits overflow the variance to infinity: the saved
    // scaler still loads back exactly.
    let x = array![[f64::MAX, 1.0], [-f64::MAX, 1.0]];
    let model = StandardScaler::default().fit_unsupervised(x.view()).unwrap();
    let text = to_json(&model).unwrap();
    assert!(text.contains(r#""data":["inf",0.0]"#), "{text}");
    let back: FittedStandardScaler<f64> = from_json(&text).unwrap();
    assert_eq!(format!("{back:?}"), format!("{model:?}"));
}
