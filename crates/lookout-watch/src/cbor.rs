//! A CBOR encoder for serde that writes the same bytes as `ciborium::into_writer` (the format
//! of `checkpoint.cbor`, read back with `ciborium`), faster: items go into a buffer of its own
//! and reach the writer in blocks, and floats that need 8 bytes (positions) skip the half- and
//! single-precision trials. The checkpoint's snapshot process encodes with it: the shorter it
//! lives, the fewer pages the watch changes meanwhile and the less memory the snapshot costs
//! (docs/watch.md, Checkpoints). Tested against `ciborium` byte for byte (`tests` below and
//! `crates/lookout-watch/tests/checkpoint_format.rs`).

use std::io::Write;

use serde::ser::{self, Serialize};

/// Size of the buffer the encoder writes through.
const BUFFER: usize = 1 << 20;

/// CBOR major types.
const POSITIVE: u8 = 0;
const NEGATIVE: u8 = 1;
const BYTES: u8 = 2;
const TEXT: u8 = 3;
const ARRAY: u8 = 4;
const MAP: u8 = 5;
const TAG: u8 = 6;
const OTHER: u8 = 7;

/// Simple values and the break of an indefinite-length item.
const FALSE: u8 = 0xf4;
const TRUE: u8 = 0xf5;
const NULL: u8 = 0xf6;
const BREAK: u8 = 0xff;

/// Tags of big numbers (RFC 8949 3.4.3), as `ciborium` writes 128-bit integers.
const BIGPOS: u64 = 2;
const BIGNEG: u64 = 3;

/// Why encoding failed.
#[derive(Debug)]
pub enum Error {
    /// The writer failed.
    Io(std::io::Error),
    /// A value's `Serialize` failed.
    Value(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "writing CBOR: {e}"),
            Error::Value(m) => write!(f, "encoding CBOR: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error::Value(msg.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// Encodes `value` as CBOR into `out` (through a buffer of its own; `out` gets blocks of up to
/// 1 MiB and is flushed at the end). Returns the bytes written.
pub fn into_writer<T: ?Sized + Serialize, W: Write>(value: &T, out: W) -> Result<u64, Error> {
    let mut enc = Encoder {
        buf: Vec::with_capacity(BUFFER),
        out,
        written: 0,
    };
    value.serialize(&mut enc)?;
    enc.flush()?;
    enc.out.flush()?;
    Ok(enc.written)
}

struct Encoder<W: Write> {
    buf: Vec<u8>,
    out: W,
    written: u64,
}

impl<W: Write> Encoder<W> {
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.written += self.buf.len() as u64;
        self.buf.clear();
        Ok(())
    }

    #[inline]
    fn room(&mut self, n: usize) -> std::io::Result<()> {
        if self.buf.len() + n > BUFFER {
            self.flush()?;
        }
        Ok(())
    }

    #[inline]
    fn byte(&mut self, b: u8) -> std::io::Result<()> {
        self.room(1)?;
        self.buf.push(b);
        Ok(())
    }

    /// An item's head: major type and argument, in the shortest form.
    #[inline]
    fn head(&mut self, major: u8, v: u64) -> std::io::Result<()> {
        self.room(9)?;
        let m = major << 5;
        if v <= 23 {
            self.buf.push(m | v as u8);
        } else if v <= u64::from(u8::MAX) {
            self.buf.extend_from_slice(&[m | 24, v as u8]);
        } else if v <= u64::from(u16::MAX) {
            self.buf.push(m | 25);
            self.buf.extend_from_slice(&(v as u16).to_be_bytes());
        } else if v <= u64::from(u32::MAX) {
            self.buf.push(m | 26);
            self.buf.extend_from_slice(&(v as u32).to_be_bytes());
        } else {
            self.buf.push(m | 27);
            self.buf.extend_from_slice(&v.to_be_bytes());
        }
        Ok(())
    }

    /// A definite length, or the start of an indefinite-length item.
    #[inline]
    fn len(&mut self, major: u8, len: Option<usize>) -> std::io::Result<()> {
        match len {
            Some(n) => self.head(major, n as u64),
            None => self.byte((major << 5) | 31),
        }
    }

    #[inline]
    fn text(&mut self, s: &str) -> std::io::Result<()> {
        self.head(TEXT, s.len() as u64)?;
        self.raw(s.as_bytes())
    }

    #[inline]
    fn raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if bytes.len() > BUFFER / 2 {
            self.flush()?;
            self.out.write_all(bytes)?;
            self.written += bytes.len() as u64;
            return Ok(());
        }
        self.room(bytes.len())?;
        self.buf.extend_from_slice(bytes);
        Ok(())
    }

    /// A float in the shortest of half, single and double precision that keeps its bits, as
    /// `ciborium` writes it.
    #[inline]
    fn float(&mut self, v: f64) -> std::io::Result<()> {
        self.room(9)?;
        let m = OTHER << 5;
        // Not exact in single precision (most positions): not in half either.
        if !v.is_nan() && f64::from(v as f32).to_bits() != v.to_bits() {
            self.buf.push(m | 27);
            self.buf.extend_from_slice(&v.to_be_bytes());
            return Ok(());
        }
        let h = half::f16::from_f64(v);
        let s = v as f32;
        if f64::from(h).to_bits() == v.to_bits() {
            self.buf.push(m | 25);
            self.buf.extend_from_slice(&h.to_be_bytes());
        } else if f64::from(s).to_bits() == v.to_bits() {
            self.buf.push(m | 26);
            self.buf.extend_from_slice(&s.to_be_bytes());
        } else {
            self.buf.push(m | 27);
            self.buf.extend_from_slice(&v.to_be_bytes());
        }
        Ok(())
    }

    fn big(&mut self, tag: u64, raw: u128) -> std::io::Result<()> {
        let bytes = raw.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        self.head(TAG, tag)?;
        self.head(BYTES, (bytes.len() - skip) as u64)?;
        self.raw(&bytes[skip..])
    }
}

impl<W: Write> Encoder<W> {
    /// The start of an enum variant with content: a map of one entry named after it (`name`,
    /// the enum's, may not be what `ciborium` reserves for its tags; the checkpoint's types
    /// use none).
    fn variant(&mut self, name: &str, variant: &str) -> Result<(), Error> {
        if name == "@@TAG@@" {
            return Err(Error::Value("CBOR tags are not supported".into()));
        }
        self.head(MAP, 1)?;
        Ok(self.text(variant)?)
    }
}

/// Serializer methods of narrower numbers: encoded as the wider ones (as `ciborium` does).
macro_rules! widen {
    ($($method:ident($t:ty) => $to:ident),*) => {$(
        fn $method(self, v: $t) -> Result<(), Error> {
            self.$to(v.into())
        }
    )*};
}

impl<'a, W: Write> ser::Serializer for &'a mut Encoder<W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Collection<'a, W>;
    type SerializeTuple = Collection<'a, W>;
    type SerializeTupleStruct = Collection<'a, W>;
    type SerializeTupleVariant = Collection<'a, W>;
    type SerializeMap = Collection<'a, W>;
    type SerializeStruct = Collection<'a, W>;
    type SerializeStructVariant = Collection<'a, W>;

    widen!(
        serialize_i8(i8) => serialize_i64,
        serialize_i16(i16) => serialize_i64,
        serialize_i32(i32) => serialize_i64,
        serialize_u8(u8) => serialize_u64,
        serialize_u16(u16) => serialize_u64,
        serialize_u32(u32) => serialize_u64,
        serialize_f32(f32) => serialize_f64
    );

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        Ok(self.byte(if v { TRUE } else { FALSE })?)
    }
    #[inline]
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        if v < 0 {
            self.head(NEGATIVE, v as u64 ^ !0)?;
        } else {
            self.head(POSITIVE, v as u64)?;
        }
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        if let Ok(x) = i64::try_from(v) {
            return self.serialize_i64(x);
        }
        if v < 0 {
            let raw = v as u128 ^ !0;
            match u64::try_from(raw) {
                Ok(x) => Ok(self.head(NEGATIVE, x)?),
                Err(_) => Ok(self.big(BIGNEG, raw)?),
            }
        } else {
            self.serialize_u128(v as u128)
        }
    }
    #[inline]
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        Ok(self.head(POSITIVE, v)?)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        match u64::try_from(v) {
            Ok(x) => self.serialize_u64(x),
            Err(_) => Ok(self.big(BIGPOS, v)?),
        }
    }
    #[inline]
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        Ok(self.float(v)?)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }
    #[inline]
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        Ok(self.text(v)?)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.head(BYTES, v.len() as u64)?;
        Ok(self.raw(v)?)
    }
    #[inline]
    fn serialize_none(self) -> Result<(), Error> {
        Ok(self.byte(NULL)?)
    }
    #[inline]
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(name, variant)?;
        value.serialize(self)
    }
    #[inline]
    fn serialize_seq(self, len: Option<usize>) -> Result<Collection<'a, W>, Error> {
        self.len(ARRAY, len)?;
        Ok(Collection {
            enc: self,
            ending: len.is_none(),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Collection<'a, W>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Collection<'a, W>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Collection<'a, W>, Error> {
        self.variant(name, variant)?;
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Collection<'a, W>, Error> {
        self.len(MAP, len)?;
        Ok(Collection {
            enc: self,
            ending: len.is_none(),
        })
    }
    #[inline]
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Collection<'a, W>, Error> {
        self.head(MAP, len as u64)?;
        Ok(Collection {
            enc: self,
            ending: false,
        })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Collection<'a, W>, Error> {
        self.variant(name, variant)?;
        self.serialize_struct(name, len)
    }
    fn is_human_readable(&self) -> bool {
        false
    }
}

/// The items of an array or map; `ending`: an indefinite length, closed by a break.
struct Collection<'a, W: Write> {
    enc: &'a mut Encoder<W>,
    ending: bool,
}

impl<W: Write> Collection<'_, W> {
    fn finish(self) -> Result<(), Error> {
        if self.ending {
            self.enc.byte(BREAK)?;
        }
        Ok(())
    }
}

/// The element methods of the collection traits: each item is encoded in turn.
macro_rules! items {
    ($($tr:ident :: $method:ident),*) => {$(
        impl<W: Write> ser::$tr for Collection<'_, W> {
            type Ok = ();
            type Error = Error;
            #[inline]
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                value.serialize(&mut *self.enc)
            }
            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The field method of the struct traits: its name (text), then its value.
macro_rules! fields {
    ($($tr:ident),*) => {$(
        impl<W: Write> ser::$tr for Collection<'_, W> {
            type Ok = ();
            type Error = Error;
            #[inline]
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.enc.text(key)?;
                value.serialize(&mut *self.enc)
            }
            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

impl<W: Write> ser::SerializeMap for Collection<'_, W> {
    type Ok = ();
    type Error = Error;
    #[inline]
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        key.serialize(&mut *self.enc)
    }
    #[inline]
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.enc)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use serde::{Deserialize, Serialize};

    use super::*;

    fn same_as_ciborium<T: Serialize>(value: &T) -> Vec<u8> {
        let mut theirs = Vec::new();
        ciborium::into_writer(value, &mut theirs).unwrap();
        let mut ours = Vec::new();
        let n = into_writer(value, &mut ours).unwrap();
        assert_eq!(n as usize, ours.len());
        assert!(ours == theirs, "differs from ciborium");
        ours
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    enum Kind {
        Unit,
        New(i32),
        Tuple(u8, String),
        Struct { a: f64, b: Option<u16> },
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Unit;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Wrap(u64);

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct All {
        b: (bool, bool),
        ints: Vec<i64>,
        uints: Vec<u64>,
        big: (i128, u128, i128),
        floats: Vec<f64>,
        f32s: Vec<f32>,
        c: char,
        s: String,
        long: String,
        bytes: serde_bytes_like::Bytes,
        none: Option<u8>,
        some: Option<Option<i8>>,
        unit: (),
        unit_struct: Unit,
        wrap: Wrap,
        kinds: Vec<Kind>,
        map: BTreeMap<String, (i16, u32)>,
        hashed: HashMap<(u32, i64), Vec<u8>>,
    }

    /// `serialize_bytes` (serde has no byte-string type of its own without `serde_bytes`).
    mod serde_bytes_like {
        #[derive(PartialEq, Debug)]
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
        impl<'de> serde::Deserialize<'de> for Bytes {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = Bytes;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("bytes")
                    }
                    fn visit_bytes<E>(self, v: &[u8]) -> Result<Bytes, E> {
                        Ok(Bytes(v.to_vec()))
                    }
                }
                d.deserialize_bytes(V)
            }
        }
    }

    #[test]
    fn every_kind_of_value_is_encoded_as_ciborium_does_and_reads_back() {
        let edges = [
            0u64,
            1,
            23,
            24,
            255,
            256,
            65_535,
            65_536,
            u32::MAX as u64,
            u32::MAX as u64 + 1,
            u64::MAX,
        ];
        let mut ints: Vec<i64> = edges
            .iter()
            .map(|&e| e.min(i64::MAX as u64) as i64)
            .collect();
        ints.extend(edges.iter().map(|&e| -(e.min(i64::MAX as u64) as i64) - 1));
        ints.push(i64::MIN);
        let value = All {
            b: (true, false),
            ints,
            uints: edges.to_vec(),
            big: (i128::MIN, u128::MAX, -5),
            floats: vec![
                0.0,
                -0.0,
                1.0,
                1.5,
                65_504.0,
                1e-8,
                0.1,
                42.123456789,
                131.98765,
                -7.25,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NAN,
                f64::MAX,
                f64::MIN_POSITIVE,
                f32::MAX as f64,
                1.0e300,
                5.960464477539063e-8,
            ],
            f32s: vec![0.5, 12.3, -0.0, f32::MIN_POSITIVE],
            c: 'é',
            s: "MV SEA STAR".into(),
            long: "x".repeat(3 << 20),
            bytes: serde_bytes_like::Bytes((0..=255).collect()),
            none: None,
            some: Some(None),
            unit: (),
            unit_struct: Unit,
            wrap: Wrap(9),
            kinds: vec![
                Kind::Unit,
                Kind::New(-3),
                Kind::Tuple(7, "a".into()),
                Kind::Struct {
                    a: 2.5,
                    b: Some(300),
                },
            ],
            map: [("k".to_string(), (-1, 70_000))].into_iter().collect(),
            hashed: (0..50u32)
                .map(|i| ((i, -(i as i64) * 1_000_000), vec![i as u8; i as usize]))
                .collect(),
        };
        let bytes = same_as_ciborium(&value);
        let back: All = ciborium::from_reader(&bytes[..]).unwrap();
        assert_eq!(back.ints, value.ints);
        assert_eq!(back.kinds, value.kinds);
        assert_eq!(back.hashed, value.hashed);
        assert_eq!(back.long.len(), value.long.len());
        assert!(back.floats[12].is_nan());
        // Sequences of unknown length (iterators) are indefinite, as in ciborium.
        struct Unsized(Vec<u32>);
        impl Serialize for Unsized {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().filter(|v| **v > 1))
            }
        }
        let bytes = same_as_ciborium(&Unsized(vec![1, 2, 3]));
        assert_eq!(bytes, [0x9f, 0x02, 0x03, 0xff]);
    }
}
