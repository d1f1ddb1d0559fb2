//! Field codecs: how a field is read from the bit buffer, written back, and presented in JSON.
//!
//! Each message layout (see the `layout!` macro) lists its fields as `name: Type as Codec(width)`.
//! The value type decides the signedness (`i8`/`i32` fields are two's complement); the codec
//! decides the JSON presentation, which follows pyais 3.3.1 (`decode(..).asdict()`).

use serde::ser::SerializeStruct;
use serde::Serialize;

use super::text::{AisString, BinData};
use crate::bits::{BitWriter, Bits};

/// An integer (or flag) as stored in a message struct.
pub trait Raw: Copy {
    /// Reads the field (cut at the end of the message as pyais does).
    fn read(b: &Bits, off: usize, width: usize) -> Self;
    /// Reads a field known to lie within the message.
    fn read_full(b: &Bits, off: usize, width: usize) -> Self;
    /// The value as bits (two's complement for signed types).
    fn to_bits(self) -> u64;
    /// True when the value can be written in `width` bits.
    fn fits(self, width: usize) -> bool;
    /// The value as a float.
    fn as_f64(self) -> f64;
    /// The value as a signed integer.
    fn as_i64(self) -> i64;
}

macro_rules! raw_unsigned {
    ($($t:ty),*) => {$(
        impl Raw for $t {
            #[inline(always)]
            fn read(b: &Bits, off: usize, width: usize) -> Self {
                b.uint(off, width) as $t
            }
            #[inline(always)]
            fn read_full(b: &Bits, off: usize, width: usize) -> Self {
                b.load(off, width) as $t
            }
            fn to_bits(self) -> u64 {
                self as u64
            }
            fn fits(self, width: usize) -> bool {
                width >= 64 || (self as u64) >> width == 0
            }
            fn as_f64(self) -> f64 {
                self as f64
            }
            fn as_i64(self) -> i64 {
                self as i64
            }
        }
    )*};
}
raw_unsigned!(u8, u16, u32, u64);

macro_rules! raw_signed {
    ($($t:ty),*) => {$(
        impl Raw for $t {
            #[inline(always)]
            fn read(b: &Bits, off: usize, width: usize) -> Self {
                b.int(off, width) as $t
            }
            #[inline(always)]
            fn read_full(b: &Bits, off: usize, width: usize) -> Self {
                let shift = 64 - width;
                (((b.load(off, width) << shift) as i64) >> shift) as $t
            }
            fn to_bits(self) -> u64 {
                i64::from(self) as u64
            }
            fn fits(self, width: usize) -> bool {
                let v = i64::from(self);
                let half = 1i64 << (width - 1);
                (-half..half).contains(&v)
            }
            fn as_f64(self) -> f64 {
                f64::from(self)
            }
            fn as_i64(self) -> i64 {
                i64::from(self)
            }
        }
    )*};
}
raw_signed!(i8, i16, i32);

impl Raw for bool {
    #[inline(always)]
    fn read(b: &Bits, off: usize, width: usize) -> Self {
        b.uint(off, width) != 0
    }
    #[inline(always)]
    fn read_full(b: &Bits, off: usize, width: usize) -> Self {
        b.load(off, width) != 0
    }
    fn to_bits(self) -> u64 {
        u64::from(self)
    }
    fn fits(self, _width: usize) -> bool {
        true
    }
    fn as_f64(self) -> f64 {
        f64::from(u8::from(self))
    }
    fn as_i64(self) -> i64 {
        i64::from(self)
    }
}

/// How one field is read, written and serialized.
pub trait Codec<T> {
    /// Spare bits: kept for exact re-encoding, left out of JSON (pyais drops them too).
    const SKIP: bool = false;
    /// A variable-length tail (text or data) that is encoded as stored.
    const VARIABLE: bool = false;
    /// Reads the field at `off`.
    fn read(b: &Bits, off: usize, width: usize) -> T;
    /// Reads a field known to lie within the message (no length checks).
    #[inline(always)]
    fn read_full(b: &Bits, off: usize, width: usize) -> T {
        Self::read(b, off, width)
    }
    /// Writes the field in `width` bits (less than the layout's width for a field cut by the end
    /// of a short message); false when the value does not fit.
    fn write(v: &T, w: &mut BitWriter, width: usize) -> bool;
    /// The bits to write for a field of `width` when the message has `room` bits from its start:
    /// `width`, except for text that [`Codec::read`] finishes past its width (below).
    #[inline(always)]
    fn write_width(width: usize, _room: usize) -> usize {
        width
    }
    /// Serializes the field under `key`; `width` is the number of bits received for it (less
    /// than the layout's width for a field cut by the end of a short message).
    fn ser<S: SerializeStruct>(
        v: &T,
        s: &mut S,
        key: &'static str,
        width: usize,
    ) -> Result<(), S::Error>;
    /// Writes the field's JSON value (the same value as [`Codec::ser`]).
    fn json(v: &T, out: &mut Vec<u8>, width: usize);
}

fn write_raw<T: Raw>(v: &T, w: &mut BitWriter, width: usize) -> bool {
    if !v.fits(width) {
        return false;
    }
    w.put(v.to_bits(), width);
    true
}

/// Declares a codec for every [`Raw`] type whose JSON value is `$ser(v)`.
macro_rules! raw_codec {
    ($(#[$m:meta])* $name:ident, |$v:ident, $w:ident| $ser:expr) => {
        $(#[$m])*
        pub struct $name;
        impl<T: Raw> Codec<T> for $name {
            #[inline(always)]
            fn read(b: &Bits, off: usize, width: usize) -> T {
                T::read(b, off, width)
            }
            #[inline(always)]
            fn read_full(b: &Bits, off: usize, width: usize) -> T {
                T::read_full(b, off, width)
            }
            fn write(v: &T, w: &mut BitWriter, width: usize) -> bool {
                write_raw(v, w, width)
            }
            fn ser<S: SerializeStruct>(v: &T, s: &mut S, key: &'static str, $w: usize) -> Result<(), S::Error> {
                let $v = *v;
                let _ = $w;
                s.serialize_field(key, &$ser)
            }
            #[inline]
            fn json(v: &T, out: &mut Vec<u8>, $w: usize) {
                let $v = *v;
                let _ = $w;
                JsonValue::write_json(&$ser, out)
            }
        }
    };
}

raw_codec!(
    /// An integer, shown as is.
    Int,
    |v, _w| v.as_i64()
);
raw_codec!(
    /// An integer shown as a float (pyais `float` fields without scaling, e.g. type 9 speed).
    Float,
    |v, _w| Decimal::new(v.as_i64(), 0)
);
raw_codec!(
    /// Tenths, shown divided by 10 (speed in knots, course in degrees, draught in metres).
    Tenth,
    |v, _w| Decimal::new(v.as_i64(), 1)
);
raw_codec!(
    /// A signed value shown as pyais reads it, unsigned, divided by 10 (type 17 position,
    /// which pyais does not sign-extend). `w` is the number of bits received for the field.
    UnsignedTenth,
    |v, w| Decimal::new((v.to_bits() & (u64::MAX >> (64 - w))) as i64, 1)
);
raw_codec!(
    /// Latitude or longitude in 1/10000 minute, shown in degrees rounded to 6 decimals
    /// (pyais `to_lat_lon`: `round(v / 600000, 6)`).
    Deg,
    |v, _w| Decimal::new((10 * v.as_i64() + 3).div_euclid(6), 6)
);
raw_codec!(
    /// Latitude or longitude in 1/10 minute (type 27), shown in degrees rounded to 6 decimals.
    Deg600,
    |v, _w| Decimal::new((10000 * v.as_i64() + 3).div_euclid(6), 6)
);
raw_codec!(
    /// Rate of turn (ROT_AIS), shown as pyais computes it: 0, ±127 and -128 as such,
    /// otherwise `copysign(round((v / 4.733)²), v)` in degrees per minute.
    Turn,
    |v, _w| Whole(turn(v.as_i64()))
);
raw_codec!(
    /// Electronic position fixing device; pyais maps 9..=14 to 0.
    Epfd,
    |v, _w| epfd(v.as_i64())
);
raw_codec!(
    /// Ship and cargo type; pyais maps undefined codes to a neighbouring one (see `ship_type`).
    ShipType,
    |v, _w| ship_type(v.as_i64())
);
raw_codec!(
    /// Type 23 station type; pyais maps 7..=9 to 6 and 10..=15 to 1.
    StationType,
    |v, _w| station_type(v.as_i64())
);
raw_codec!(
    /// Type 23 reporting interval; pyais maps 12..=15 to 11.
    Interval,
    |v, _w| interval(v.as_i64())
);

raw_codec!(
    /// Latitude or longitude in 1/1000 minute (IMO289 application data), shown in degrees
    /// rounded to 6 decimals (pyais `to_lat_lon_60000`).
    Deg60000,
    |v, _w| Decimal::new((100 * v.as_i64() + 3).div_euclid(6), 6)
);
raw_codec!(
    /// Hundredths, shown divided by 100.
    Hundredth,
    |v, _w| Decimal::new(v.as_i64(), 2)
);
raw_codec!(
    /// IMO236 air temperature: `round(v * 0.1 - 60, 1)` °C.
    AirTempLegacy,
    |v, _w| py_round(v.as_f64() * 0.1 - 60.0, 1)
);
raw_codec!(
    /// IMO236 dew point: `round(v * 0.1 - 20, 1)` °C.
    DewPointLegacy,
    |v, _w| py_round(v.as_f64() * 0.1 - 20.0, 1)
);
raw_codec!(
    /// IMO236 water level and temperature: `round(v * 0.1 - 10, 1)`.
    TenthMinus10,
    |v, _w| py_round(v.as_f64() * 0.1 - 10.0, 1)
);
raw_codec!(
    /// IMO289 water level: `round(v * 0.01 - 10, 2)` m.
    WaterLevel31,
    |v, _w| py_round(v.as_f64() * 0.01 - 10.0, 2)
);
raw_codec!(
    /// IMO236 air pressure: `v + 800` hPa.
    Pressure800,
    |v, _w| v.as_i64() + 800
);
raw_codec!(
    /// IMO289 air pressure: `v + 799` hPa.
    Pressure799,
    |v, _w| v.as_i64() + 799
);

raw_codec!(
    /// EMMA warning type (inland 8/200/23); pyais maps 10..=15 to 0.
    EmmaType,
    |v, _w| if v.as_i64() >= 10 { 0 } else { v.as_i64() }
);
raw_codec!(
    /// EMMA wind direction (inland 8/200/23); pyais maps 9..=15 to 0.
    EmmaWinds,
    |v, _w| if v.as_i64() >= 9 { 0 } else { v.as_i64() }
);
raw_codec!(
    /// Signal impact (inland 8/200/40); pyais maps 5..=7 to 0.
    SignalImpact,
    |v, _w| if v.as_i64() >= 5 { 0 } else { v.as_i64() }
);
raw_codec!(
    /// Ice class (IMO289 8/1/24); pyais maps 11..=14 to 15.
    IceClass,
    |v, _w| if (11..=14).contains(&v.as_i64()) { 15 } else { v.as_i64() }
);

/// Python's `round(x, digits)`: the double nearest to `x` correctly rounded to `digits`
/// decimals (both Python and Rust's formatter round the exact binary value).
pub fn py_round(x: f64, digits: usize) -> f64 {
    use std::fmt::Write;
    let mut buf = arrayvec::ArrayString::<64>::new();
    if write!(buf, "{x:.digits$}").is_err() {
        return x;
    }
    buf.parse().unwrap_or(x)
}

/// A flag, shown as `true`/`false`.
pub struct Flag;
impl Codec<bool> for Flag {
    #[inline(always)]
    fn read(b: &Bits, off: usize, width: usize) -> bool {
        bool::read(b, off, width)
    }
    #[inline(always)]
    fn read_full(b: &Bits, off: usize, width: usize) -> bool {
        bool::read_full(b, off, width)
    }
    fn write(v: &bool, w: &mut BitWriter, width: usize) -> bool {
        write_raw(v, w, width)
    }
    fn ser<S: SerializeStruct>(
        v: &bool,
        s: &mut S,
        key: &'static str,
        _width: usize,
    ) -> Result<(), S::Error> {
        s.serialize_field(key, v)
    }
    fn json(v: &bool, out: &mut Vec<u8>, _width: usize) {
        v.write_json(out)
    }
}

/// Spare or reserved bits that pyais leaves out of its output.
pub struct Spare;
impl<T: Raw> Codec<T> for Spare {
    const SKIP: bool = true;
    #[inline(always)]
    fn read(b: &Bits, off: usize, width: usize) -> T {
        T::read(b, off, width)
    }
    #[inline(always)]
    fn read_full(b: &Bits, off: usize, width: usize) -> T {
        T::read_full(b, off, width)
    }
    fn write(v: &T, w: &mut BitWriter, width: usize) -> bool {
        write_raw(v, w, width)
    }
    fn ser<S: SerializeStruct>(
        _: &T,
        _: &mut S,
        _: &'static str,
        _: usize,
    ) -> Result<(), S::Error> {
        Ok(())
    }
    fn json(_: &T, _: &mut Vec<u8>, _: usize) {}
}

/// Fixed-width six-bit text: written padded with `@` to the full width.
pub struct Text;
impl<const N: usize> Codec<AisString<N>> for Text {
    fn read(b: &Bits, off: usize, width: usize) -> AisString<N> {
        AisString::read(b, off, width)
    }
    #[inline]
    fn read_full(b: &Bits, off: usize, width: usize) -> AisString<N> {
        AisString::read_full(b, off, width)
    }
    fn write(v: &AisString<N>, w: &mut BitWriter, width: usize) -> bool {
        v.write(w, width, true)
    }
    fn ser<S: SerializeStruct>(
        v: &AisString<N>,
        s: &mut S,
        key: &'static str,
        _width: usize,
    ) -> Result<(), S::Error> {
        s.serialize_field(key, v.as_str())
    }
    fn json(v: &AisString<N>, out: &mut Vec<u8>, _width: usize) {
        v.as_str().write_json(out)
    }
}

/// Variable-length six-bit text at the end of a message: written as stored, without padding.
pub struct VarText;
impl<const N: usize> Codec<AisString<N>> for VarText {
    const VARIABLE: bool = true;
    fn read(b: &Bits, off: usize, width: usize) -> AisString<N> {
        AisString::read(b, off, width)
    }
    /// Reading takes whole characters, so a last character that the field's width cuts (type
    /// 21's 88-bit name extension holds 14 2/3) is read whole when the message goes on: it is
    /// written whole too.
    fn write_width(width: usize, room: usize) -> usize {
        if room > width {
            (width.div_ceil(6) * 6).min(room)
        } else {
            width
        }
    }
    fn write(v: &AisString<N>, w: &mut BitWriter, width: usize) -> bool {
        v.write(w, width, false)
    }
    fn ser<S: SerializeStruct>(
        v: &AisString<N>,
        s: &mut S,
        key: &'static str,
        _width: usize,
    ) -> Result<(), S::Error> {
        s.serialize_field(key, v.as_str())
    }
    fn json(v: &AisString<N>, out: &mut Vec<u8>, _width: usize) {
        v.as_str().write_json(out)
    }
}

/// Binary data, up to `width` bits (cut at the end of the message), written as stored.
pub struct Data;
impl Codec<BinData> for Data {
    const VARIABLE: bool = true;
    fn read(b: &Bits, off: usize, width: usize) -> BinData {
        BinData::read(b, off, width)
    }
    fn write(v: &BinData, w: &mut BitWriter, width: usize) -> bool {
        if usize::from(v.bit_len()) > width {
            return false;
        }
        w.put_bits(v.bytes(), usize::from(v.bit_len()));
        true
    }
    fn ser<S: SerializeStruct>(
        v: &BinData,
        s: &mut S,
        key: &'static str,
        _width: usize,
    ) -> Result<(), S::Error> {
        s.serialize_field(key, v)
    }
    fn json(v: &BinData, out: &mut Vec<u8>, _width: usize) {
        v.write_json(out)
    }
}

/// Spare bits wider than 64 (type 8 DAC 1 FID 19): kept for re-encoding, left out of JSON.
pub struct SpareData;
impl Codec<BinData> for SpareData {
    const SKIP: bool = true;
    fn read(b: &Bits, off: usize, width: usize) -> BinData {
        BinData::read(b, off, width)
    }
    fn write(v: &BinData, w: &mut BitWriter, width: usize) -> bool {
        let n = usize::from(v.bit_len());
        if n > width {
            return false;
        }
        w.put_bits(v.bytes(), n);
        for _ in n..width {
            w.put(0, 1);
        }
        true
    }
    fn ser<S: SerializeStruct>(
        _: &BinData,
        _: &mut S,
        _: &'static str,
        _: usize,
    ) -> Result<(), S::Error> {
        Ok(())
    }
    fn json(_: &BinData, _: &mut Vec<u8>, _: usize) {}
}

/// A value written straight as JSON (the fast path beside serde; same values and types).
pub trait JsonValue {
    /// Appends the JSON text of the value.
    fn write_json(&self, out: &mut Vec<u8>);
}

impl JsonValue for i64 {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        if *self < 0 {
            out.push(b'-');
        }
        self.unsigned_abs().write_digits(out);
    }
}

impl JsonValue for f64 {
    /// Shortest round-trip decimal (`ryu`, as serde_json wrote floats before 1.0.140); whole
    /// numbers keep `.0`, so the value stays a float as in pyais's JSON.
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        if self.is_finite() {
            out.extend_from_slice(ryu::Buffer::new().format_finite(*self).as_bytes());
        } else {
            out.extend_from_slice(b"null");
        }
    }
}

impl JsonValue for bool {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

impl JsonValue for str {
    /// A JSON string; six-bit text needs escaping only for `"` and `\`.
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'"');
        for &c in self.as_bytes() {
            match c {
                b'"' | b'\\' => out.extend_from_slice(&[b'\\', c]),
                0..=0x1F => {
                    let _ = std::io::Write::write_fmt(out, format_args!("\\u{c:04x}"));
                }
                _ => out.push(c),
            }
        }
        out.push(b'"');
    }
}

/// Powers of ten up to 10⁶ as floats (all exact).
const POW10: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];

/// A decimal `n / 10^scale`: serialized as the float `n as f64 / 10^scale` (correctly rounded,
/// as pyais computes it), and written as JSON directly in fixed point (the shortest text that
/// parses back to that float), without float formatting.
#[derive(Clone, Copy)]
pub struct Decimal {
    n: i64,
    scale: u8,
}

impl Decimal {
    /// `n / 10^scale`, `scale` <= 6.
    #[inline]
    pub fn new(n: i64, scale: u8) -> Self {
        Decimal { n, scale }
    }

    /// The value as a float.
    #[inline]
    pub fn as_f64(self) -> f64 {
        self.n as f64 / POW10[usize::from(self.scale)]
    }
}

impl Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

impl JsonValue for Decimal {
    fn write_json(&self, out: &mut Vec<u8>) {
        const POW10: [u64; 7] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
        let scale = usize::from(self.scale).min(6);
        let div = POW10[scale];
        let abs = self.n.unsigned_abs();
        if self.n < 0 {
            out.push(b'-');
        }
        (abs / div).write_digits(out);
        let frac = abs % div;
        if frac == 0 {
            out.extend_from_slice(b".0");
            return;
        }
        // '.', then the fraction left-padded with zeros to `scale` digits, trailing zeros cut:
        // written as a fixed 7-byte block (no variable-length copy) and truncated.
        let mut block = *b".000000";
        let mut rest = frac;
        for i in (1..=scale).rev() {
            block[i] = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        let mut len = scale + 1;
        while block[len - 1] == b'0' {
            len -= 1;
        }
        let start = out.len();
        out.extend_from_slice(&block);
        out.truncate(start + len);
    }
}

/// A whole-number float (pyais's `turn`): serialized as the float, written as digits and `.0`
/// (`-0.0` kept).
#[derive(Clone, Copy)]
pub struct Whole(pub f64);

impl Serialize for Whole {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.0)
    }
}

impl JsonValue for Whole {
    fn write_json(&self, out: &mut Vec<u8>) {
        if self.0.is_sign_negative() {
            out.push(b'-');
        }
        (self.0.abs() as u64).write_digits(out);
        out.extend_from_slice(b".0");
    }
}

/// Decimal digits of an unsigned integer.
trait Digits {
    fn write_digits(self, out: &mut Vec<u8>);
}

impl Digits for u64 {
    #[inline]
    fn write_digits(self, out: &mut Vec<u8>) {
        // Most AIS fields are one or two digits: written without a variable-length copy.
        if self < 10 {
            out.push(b'0' + self as u8);
        } else if self < 100 {
            out.extend_from_slice(&[b'0' + (self / 10) as u8, b'0' + (self % 10) as u8]);
        } else {
            out.extend_from_slice(itoa::Buffer::new().format(self).as_bytes());
        }
    }
}

/// pyais `to_lat_lon`: `round(v / 600000, 6)`, computed exactly as `round(5v/3) / 1e6`.
#[inline]
pub fn deg_1e4(v: i64) -> f64 {
    (10 * v + 3).div_euclid(6) as f64 / 1e6
}

/// pyais `to_lat_lon_600`: `round(v / 600, 6)`, computed exactly as `round(5000v/3) / 1e6`.
#[inline]
pub fn deg_10(v: i64) -> f64 {
    (10000 * v + 3).div_euclid(6) as f64 / 1e6
}

/// pyais `to_turn`.
pub fn turn(v: i64) -> f64 {
    match v {
        0 => 0.0,
        127 | -127 | -128 => v as f64,
        _ => {
            let x = v as f64 / 4.733;
            (x * x).round_ties_even().copysign(v as f64)
        }
    }
}

/// pyais `EpfdType.from_value`.
pub fn epfd(v: i64) -> i64 {
    if (9..=14).contains(&v) {
        0
    } else {
        v
    }
}

/// pyais `ShipType.from_value`: codes that are not enum members fall back to the reserved
/// member of their decade, or to 0.
pub fn ship_type(v: i64) -> i64 {
    match v {
        1..=19 | 38 | 39 | 100.. => 0,
        26..=28 => 25,
        46..=48 => 45,
        57 => 56,
        66..=68 => 65,
        76..=78 => 75,
        86..=88 => 85,
        96..=98 => 95,
        _ => v,
    }
}

/// pyais `StationType.from_value`.
pub fn station_type(v: i64) -> i64 {
    match v {
        7..=9 => 6,
        10..=15 => 1,
        _ => v,
    }
}

/// pyais `StationIntervals.from_value`.
pub fn interval(v: i64) -> i64 {
    if v >= 12 {
        11
    } else {
        v
    }
}

/// The JSON key of a field: its name without the `r#` of a raw identifier (`r#type`).
pub fn key(name: &'static str) -> &'static str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Serializes an absent field (past the end of a short message) as `null`.
pub fn ser_absent<S: SerializeStruct>(s: &mut S, key: &'static str) -> Result<(), S::Error> {
    s.serialize_field(key, &Option::<u8>::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_matches_pyais() {
        // Values printed by pyais 3.3.1 (to_lat_lon / to_lat_lon_600 / to_turn).
        assert_eq!(deg_1e4(-73_412_184), -122.35364);
        assert_eq!(deg_1e4(108_600_000), 181.0);
        assert_eq!(deg_1e4(-1), -2e-6);
        assert_eq!(deg_10(-8_016), -13.36);
        assert_eq!(turn(-128), -128.0);
        assert_eq!(turn(-127), -127.0);
        assert_eq!(turn(5), 1.0);
        assert_eq!(turn(-20), -18.0);
        assert_eq!(ship_type(27), 25);
        let json = |v: &dyn JsonValue| {
            let mut out = Vec::new();
            v.write_json(&mut out);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(json(&Decimal::new(-122_353_640, 6)), "-122.35364");
        assert_eq!(json(&Decimal::new(-2, 6)), "-0.000002");
        assert_eq!(json(&Decimal::new(1023, 1)), "102.3");
        assert_eq!(json(&Decimal::new(12, 0)), "12.0");
        assert_eq!(json(&Decimal::new(3600, 1)), "360.0");
        assert_eq!(json(&Whole(-0.0)), "-0.0");
        assert_eq!(json(&Whole(-128.0)), "-128.0");
        assert_eq!(Decimal::new(-2, 6).as_f64(), deg_1e4(-1));
        assert_eq!(ship_type(70), 70);
        // round(1447 * 0.1 - 60, 1) and round(1023 * 0.01 - 10, 2) in Python.
        assert_eq!(py_round(1447.0 * 0.1 - 60.0, 1), 84.7);
        assert_eq!(py_round(1023.0 * 0.01 - 10.0, 2), 0.23);
    }
}
