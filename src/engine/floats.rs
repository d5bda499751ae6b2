//! Arrays of numbers (`f32`, `f64`) in serde as their bytes in memory, for
//! `#[serde(with = "floats")]` on a `Vec` or a `Cow` of a slice: one copy each way. Element by
//! element, postcard took most of the time a trainer's state (tens of MB of weights, gradients
//! and moments) needs to move between the page's threads. The bytes are in memory's order: a
//! state for another build of the same source (the page's, the files build: wasm is always
//! little-endian), not a file (checkpoints are files). Reading borrows the bytes: postcard's
//! `from_bytes`, not a reader.

use bytemuck::Pod;
use serde::{Deserialize, Deserializer, Serializer};

/// `values` as one byte string.
pub fn serialize<T: Pod, S: Serializer>(values: &[T], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bytes(bytemuck::cast_slice(values))
}

/// The numbers of a byte string `serialize` wrote, borrowed from the input (postcard's
/// `from_bytes`), copied once into the vector. Errors: a length that is not a whole number of
/// values, or not enough memory for them (postcard keeps no message: its caller says which).
pub fn deserialize<'de, T: Pod, V: From<Vec<T>>, D: Deserializer<'de>>(deserializer: D) -> Result<V, D::Error> {
    use serde::de::Error;
    let bytes = <&'de [u8]>::deserialize(deserializer)?;
    let size = std::mem::size_of::<T>();
    if bytes.len() % size != 0 {
        return Err(D::Error::custom(format!("{} bytes are not a whole number of {size}-byte values", bytes.len())));
    }
    let mut values = super::alloc::filled(bytes.len() / size, T::zeroed())
        .map_err(|e| D::Error::custom(format!("not enough memory for {} bytes of values", e.bytes)))?;
    bytemuck::cast_slice_mut::<T, u8>(&mut values).copy_from_slice(bytes);
    Ok(values.into())
}

/// The same for an `Option` of an array (`#[serde(with = "floats::option")]`).
pub mod option {
    use bytemuck::Pod;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::marker::PhantomData;

    struct Bytes<'a, T>(&'a [T]);

    impl<T: Pod> Serialize for Bytes<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            super::serialize(self.0, serializer)
        }
    }

    struct Values<T, V>(V, PhantomData<T>);

    impl<'de, T: Pod, V: From<Vec<T>>> Deserialize<'de> for Values<T, V> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Values(super::deserialize(deserializer)?, PhantomData))
        }
    }

    pub fn serialize<T: Pod, C: std::ops::Deref<Target = [T]>, S: Serializer>(
        values: &Option<C>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        values.as_deref().map(Bytes).serialize(serializer)
    }

    pub fn deserialize<'de, T: Pod, V: From<Vec<T>>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<V>, D::Error> {
        Ok(Option::<Values<T, V>>::deserialize(deserializer)?.map(|v| v.0))
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use std::borrow::Cow;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Both<'a> {
        #[serde(with = "super")]
        a: Vec<f32>,
        #[serde(with = "super")]
        b: Cow<'a, [f64]>,
        #[serde(with = "super::option")]
        c: Option<Cow<'a, [f32]>>,
        #[serde(with = "super::option")]
        d: Option<Vec<f32>>,
    }

    #[test]
    fn round_trip_keeps_every_bit_and_writes_the_bytes_once() {
        // NaN with a payload, -0, a subnormal, infinities: the bits are what moves.
        let a = vec![f32::from_bits(0x7fc0_1234), -0.0, 1e-40, f32::INFINITY, -1.5];
        let b = vec![f64::NEG_INFINITY, 3.25];
        let both = Both { a: a.clone(), b: Cow::Borrowed(&b), c: Some(Cow::Borrowed(&a[1..3])), d: None };
        let bytes = postcard::to_allocvec(&both).unwrap();
        // Length prefixes (one byte each), the values' bytes (nothing per value), Some and None.
        assert_eq!(bytes.len(), (1 + 5 * 4) + (1 + 2 * 8) + (1 + 1 + 2 * 4) + 1);
        let back: Both = postcard::from_bytes(&bytes).unwrap();
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&back.a), bits(&a));
        assert_eq!(back.b.as_ref(), &b[..]);
        assert_eq!(bits(back.c.as_deref().unwrap()), bits(&a[1..3]));
        assert_eq!(back.d, None);
    }

    #[test]
    fn a_partial_value_is_an_error() {
        #[derive(Deserialize, Debug)]
        struct One {
            #[serde(with = "super")]
            #[allow(dead_code)]
            a: Vec<f32>,
        }
        // A byte string of 6 bytes: one value and a half; of 8: two values.
        assert!(postcard::from_bytes::<One>(&[6, 0, 0, 0, 0, 0, 0]).is_err());
        assert!(postcard::from_bytes::<One>(&[8, 0, 0, 0, 0, 0, 0, 0, 0]).is_ok());
    }
}
