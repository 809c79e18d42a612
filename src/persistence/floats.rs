//! Exact serde forms for floating-point fields, used with
//! `#[serde(with = "crate::persistence::floats::…")]` on every float field
//! of a type that can be saved.
//!
//! Why: JSON has no NaN or infinity, and serde_json writes them as `null`,
//! which then fails to load. A fitted model can legitimately hold them (an
//! infinite threshold for a missing-value split, a NaN variance ratio of
//! constant data). In a human-readable format a non-finite value is written
//! as the string `"NaN"`, `"inf"` or `"-inf"`, and a finite one as the
//! shortest number that reads back to the same bits; in a binary format
//! every value is written as is, and `f32` stays `f32` (4 bytes).
//!
//! - [`scalar`]: a plain `f32`, `f64` or generic [`Float`] field;
//! - [`option`]: an `Option` of one, and [`options`] a `Vec` of them;
//! - [`pair`]: a pair of them (a range);
//! - [`vec`]: a `Vec` of them, and [`nested`] a `Vec` of such `Vec`s;
//! - [`array`]: an ndarray `Array` of any dimension (ndarray's own layout:
//!   `{"v": 1, "dim": [...], "data": [...]}`), and [`optional_array`] an
//!   `Option` of one.
//!
//! Generic types carry `#[serde(bound = "F: Float")]`, since serde does not
//! infer bounds for fields that have their own `with`.

use crate::float::Float;
use ndarray::{Array, Dimension};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::marker::PhantomData;

/// Whether `F` is `f32` (binary formats keep its 4 bytes).
fn is_f32<F: Float>() -> bool {
    std::mem::size_of::<F>() == 4
}

/// One value in its exact form (see the module documentation).
struct Exact<F>(F);

impl<F: Float> Serialize for Exact<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.0;
        if serializer.is_human_readable() && !value.is_finite() {
            let text = if value.is_nan() {
                "NaN"
            } else if value > F::zero() {
                "inf"
            } else {
                "-inf"
            };
            return serializer.serialize_str(text);
        }
        if is_f32::<F>() {
            serializer.serialize_f32(value.as_f64() as f32)
        } else {
            serializer.serialize_f64(value.as_f64())
        }
    }
}

impl<'de, F: Float> Deserialize<'de> for Exact<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            return deserializer.deserialize_any(ExactVisitor(PhantomData));
        }
        if is_f32::<F>() {
            f32::deserialize(deserializer).map(|v| Exact(F::cast(v as f64)))
        } else {
            f64::deserialize(deserializer).map(|v| Exact(F::cast(v)))
        }
    }
}

/// Reads a number, or one of the three strings for non-finite values.
struct ExactVisitor<F>(PhantomData<F>);

impl<F: Float> Visitor<'_> for ExactVisitor<F> {
    type Value = Exact<F>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, or \"NaN\", \"inf\" or \"-inf\"")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Exact(F::cast(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Exact(F::cast(v as f64)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Exact(F::cast(v as f64)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let value = match v {
            "NaN" => f64::NAN,
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            _ => return Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        };
        Ok(Exact(F::cast(value)))
    }
}

/// For a scalar float field.
pub(crate) mod scalar {
    use super::*;

    pub fn serialize<F: Float, S: Serializer>(value: &F, serializer: S) -> Result<S::Ok, S::Error> {
        Exact(*value).serialize(serializer)
    }

    pub fn deserialize<'de, F: Float, D: Deserializer<'de>>(deserializer: D) -> Result<F, D::Error> {
        Exact::deserialize(deserializer).map(|e| e.0)
    }
}

/// For an `Option` of a float.
pub(crate) mod option {
    use super::*;

    pub fn serialize<F: Float, S: Serializer>(value: &Option<F>, serializer: S) -> Result<S::Ok, S::Error> {
        value.map(Exact).serialize(serializer)
    }

    pub fn deserialize<'de, F: Float, D: Deserializer<'de>>(deserializer: D) -> Result<Option<F>, D::Error> {
        Option::<Exact<F>>::deserialize(deserializer).map(|o| o.map(|e| e.0))
    }
}

/// For a `Vec` of optional floats.
pub(crate) mod options {
    use super::*;

    pub fn serialize<F: Float, S: Serializer>(values: &[Option<F>], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(values.len()))?;
        for v in values {
            seq.serialize_element(&v.map(Exact))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, F: Float, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Option<F>>, D::Error> {
        Ok(Vec::<Option<Exact<F>>>::deserialize(deserializer)?
            .into_iter()
            .map(|o| o.map(|e| e.0))
            .collect())
    }
}

/// For a pair of floats (a range).
pub(crate) mod pair {
    use super::*;

    pub fn serialize<F: Float, S: Serializer>(value: &(F, F), serializer: S) -> Result<S::Ok, S::Error> {
        (Exact(value.0), Exact(value.1)).serialize(serializer)
    }

    pub fn deserialize<'de, F: Float, D: Deserializer<'de>>(deserializer: D) -> Result<(F, F), D::Error> {
        <(Exact<F>, Exact<F>)>::deserialize(deserializer).map(|(a, b)| (a.0, b.0))
    }
}

/// For a `Vec` of `Vec`s of floats (one list per column).
pub(crate) mod nested {
    use super::*;

    pub fn serialize<F: Float, S: Serializer>(lists: &[Vec<F>], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(lists.len()))?;
        for list in lists {
            seq.serialize_element(&List(list))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, F: Float, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Vec<F>>, D::Error> {
        Ok(Vec::<ListOwned<F>>::deserialize(deserializer)?
            .into_iter()
            .map(|l| l.0)
            .collect())
    }

    struct List<'a, F>(&'a [F]);

    impl<F: Float> Serialize for List<'_, F> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            super::vec::serialize(self.0, serializer)
        }
    }

    struct ListOwned<F>(Vec<F>);

    impl<'de, F: Float> Deserialize<'de> for ListOwned<F> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::vec::deserialize(deserializer).map(ListOwned)
        }
    }
}

/// For a `Vec` of floats.
pub(crate) mod vec {
    use super::*;

    pub fn serialize<F: Float, S: Serializer>(values: &[F], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(values.len()))?;
        for &v in values {
            seq.serialize_element(&Exact(v))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, F: Float, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<F>, D::Error> {
        deserializer.deserialize_seq(VecVisitor(PhantomData))
    }

    /// Collects a sequence of exact values, reserving at most what a
    /// well-formed file could need per element read (a hostile length prefix
    /// cannot make it allocate up front).
    pub(super) struct VecVisitor<F>(pub(super) PhantomData<F>);

    impl<'de, F: Float> Visitor<'de> for VecVisitor<F> {
        type Value = Vec<F>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence of numbers")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<F>, A::Error> {
            let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
            while let Some(Exact(v)) = seq.next_element::<Exact<F>>()? {
                values.push(v);
            }
            Ok(values)
        }
    }
}

/// For an ndarray `Array` of floats of any dimension, in ndarray's own
/// layout (`v`, `dim`, `data` in row-major order).
pub(crate) mod array {
    use super::*;

    pub fn serialize<F: Float, D: Dimension + Serialize, S: Serializer>(
        array: &Array<F, D>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Array", 3)?;
        state.serialize_field("v", &1u8)?;
        state.serialize_field("dim", &array.raw_dim())?;
        state.serialize_field("data", &Elements(array))?;
        state.end()
    }

    /// The elements in row-major order, whatever the memory layout.
    struct Elements<'a, F, D>(&'a Array<F, D>);

    impl<F: Float, D: Dimension> Serialize for Elements<'_, F, D> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
            for &v in self.0.iter() {
                seq.serialize_element(&Exact(v))?;
            }
            seq.end()
        }
    }

    pub fn deserialize<'de, F: Float, D: Dimension + Deserialize<'de>, De: Deserializer<'de>>(
        deserializer: De,
    ) -> Result<Array<F, D>, De::Error> {
        let raw = Raw::<F, D>::deserialize(deserializer)?;
        if raw.v != 1 {
            return Err(de::Error::custom(format_args!(
                "unknown array format version {}",
                raw.v
            )));
        }
        let expected = raw.dim.size_checked();
        if expected != Some(raw.data.len()) {
            return Err(de::Error::custom(format_args!(
                "array of shape {:?} holds {} values",
                raw.dim.slice(),
                raw.data.len()
            )));
        }
        Array::from_shape_vec(raw.dim, raw.data).map_err(de::Error::custom)
    }

    #[derive(Deserialize)]
    #[serde(bound(deserialize = "D: Deserialize<'de>"))]
    struct Raw<F: Float, D> {
        v: u8,
        dim: D,
        #[serde(with = "super::vec")]
        data: Vec<F>,
    }
}

/// For a shared (`Arc`) ndarray `Array` of floats, as [`array`].
pub(crate) mod shared_array {
    use super::*;
    use std::sync::Arc;

    pub fn serialize<F: Float, D: Dimension + Serialize, S: Serializer>(
        array: &Arc<Array<F, D>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::array::serialize(array, serializer)
    }

    pub fn deserialize<'de, F: Float, D: Dimension + Deserialize<'de>, De: Deserializer<'de>>(
        deserializer: De,
    ) -> Result<Arc<Array<F, D>>, De::Error> {
        super::array::deserialize(deserializer).map(Arc::new)
    }
}

/// For an optional ndarray `Array` of floats.
pub(crate) mod optional_array {
    use super::*;

    pub fn serialize<F: Float, D: Dimension + Serialize, S: Serializer>(
        array: &Option<Array<F, D>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        array.as_ref().map(Whole).serialize(serializer)
    }

    pub fn deserialize<'de, F: Float, D: Dimension + Deserialize<'de>, De: Deserializer<'de>>(
        deserializer: De,
    ) -> Result<Option<Array<F, D>>, De::Error> {
        Ok(Option::<WholeOwned<F, D>>::deserialize(deserializer)?.map(|w| w.0))
    }

    struct Whole<'a, F, D>(&'a Array<F, D>);

    impl<F: Float, D: Dimension + Serialize> Serialize for Whole<'_, F, D> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            super::array::serialize(self.0, serializer)
        }
    }

    struct WholeOwned<F, D>(Array<F, D>);

    impl<'de, F: Float, D: Dimension + Deserialize<'de>> Deserialize<'de> for WholeOwned<F, D> {
        fn deserialize<De: Deserializer<'de>>(deserializer: De) -> Result<Self, De::Error> {
            super::array::deserialize(deserializer).map(WholeOwned)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array1, Array2, array};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    #[serde(bound = "F: Float")]
    struct Sample<F: Float> {
        #[serde(with = "scalar")]
        one: F,
        #[serde(with = "option")]
        maybe: Option<F>,
        #[serde(with = "vec")]
        many: Vec<F>,
        #[serde(with = "array")]
        grid: Array2<F>,
        #[serde(with = "array")]
        line: Array1<F>,
    }

    fn sample<F: Float>() -> Sample<F> {
        let v = |x: f64| F::cast(x);
        Sample {
            one: v(f64::NAN),
            maybe: Some(v(f64::NEG_INFINITY)),
            many: vec![v(0.1), v(-0.0), v(f64::INFINITY), v(1e-310), v(f64::MAX)],
            grid: array![[v(1.0), v(f64::NAN)], [v(3.5), v(-2.0)]].reversed_axes(),
            line: Array1::from(vec![v(f64::MIN_POSITIVE), v(7.0)]),
        }
    }

    /// Bits of every value, so that NaN compares equal to NaN and -0.0 differs from 0.0.
    fn bits<F: Float>(s: &Sample<F>) -> Vec<u64> {
        let mut all = vec![s.one.as_f64().to_bits(), s.maybe.unwrap().as_f64().to_bits()];
        all.extend(s.many.iter().map(|v| v.as_f64().to_bits()));
        all.extend(s.grid.iter().map(|v| v.as_f64().to_bits()));
        all.extend(s.line.iter().map(|v| v.as_f64().to_bits()));
        all
    }

    fn round_trips<F: Float>() {
        let original = sample::<F>();
        let json = serde_json::to_string(&original).unwrap();
        assert!(
            json.contains("\"NaN\"") && json.contains("\"-inf\"") && !json.contains("null"),
            "{json}"
        );
        let back: Sample<F> = serde_json::from_str(&json).unwrap();
        assert_eq!(bits(&back), bits(&original));
        assert_eq!(back.grid.dim(), (2, 2));

        let bytes = postcard::to_allocvec(&original).unwrap();
        let back: Sample<F> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(bits(&back), bits(&original));
    }

    #[test]
    fn non_finite_values_round_trip_bit_for_bit_in_json_and_binary() {
        round_trips::<f64>();
        round_trips::<f32>();
    }

    #[test]
    fn f32_stays_four_bytes_in_binary() {
        #[derive(Serialize)]
        struct Four(#[serde(with = "vec")] Vec<f32>);
        assert_eq!(postcard::to_allocvec(&Four(vec![1.5; 10])).unwrap().len(), 1 + 40);
    }

    #[test]
    fn an_array_whose_shape_and_data_disagree_is_rejected() {
        let json = r#"{"one":1,"maybe":null,"many":[],"grid":{"v":1,"dim":[2,2],"data":[1,2,3]},"line":{"v":1,"dim":[0],"data":[]}}"#;
        let err = serde_json::from_str::<Sample<f64>>(json).unwrap_err().to_string();
        assert!(err.contains("holds 3 values"), "{err}");
        let json = r#"{"one":"nan","maybe":null,"many":[],"grid":{"v":1,"dim":[0,0],"data":[]},"line":{"v":1,"dim":[0],"data":[]}}"#;
        assert!(serde_json::from_str::<Sample<f64>>(json).is_err());
    }
}
