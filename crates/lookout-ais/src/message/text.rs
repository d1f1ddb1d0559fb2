//! Six-bit text and binary payload fields, stored inline (no heap allocation).

use arrayvec::ArrayString;
use base64::display::Base64Display;
use base64::engine::general_purpose::STANDARD;
use serde::{Serialize, Serializer};

use crate::bits::{char_to_sixbit, sixbit_to_char, BitWriter, Bits, SIXBIT_ASCII};

/// Six-bit text of at most `N` characters, stored exactly as transmitted (including `@`
/// padding), so that re-encoding reproduces the original bits.
///
/// [`AisString::as_str`] gives the text as pyais presents it: trailing `@` removed, then
/// leading and trailing spaces. Note that pyais does not cut at the *first* `@`, so garbage
/// after an embedded `@` stays (see `docs/decoder-conformance.md`); [`AisString::clean`] cuts
/// there, as gpsd's documentation recommends.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AisString<const N: usize>(ArrayString<N>);

impl<const N: usize> AisString<N> {
    /// Text for a field of `N` characters: uppercased and padded with `@` to `N` characters,
    /// as a transmitter writes it. `None` if it is longer than `N` or has a character outside
    /// the six-bit alphabet (`@`, `A`-`Z`, `[\]^_`, space, `!"#$%&'()*+,-./`, `0`-`9`, `:;<=>?`).
    pub fn new(text: &str) -> Option<Self> {
        let mut s = Self::unpadded(text)?;
        while !s.0.is_full() {
            s.0.push('@');
        }
        Some(s)
    }

    /// Like [`AisString::new`] but without padding (for the variable-length text of types
    /// 12, 14 and the type 21 name extension).
    pub fn unpadded(text: &str) -> Option<Self> {
        let mut s = ArrayString::new();
        for c in text.chars() {
            let v = char_to_sixbit(c)?;
            s.try_push(sixbit_to_char(v)).ok()?;
        }
        Some(AisString(s))
    }

    /// The text as pyais shows it: trailing `@` removed, then surrounding spaces.
    pub fn as_str(&self) -> &str {
        self.0.trim_end_matches('@').trim_matches(' ')
    }

    /// The text cut at the first `@` and trimmed of trailing spaces (gpsd's rule).
    pub fn clean(&self) -> &str {
        let s = self.0.as_str();
        s[..s.find('@').unwrap_or(s.len())].trim_end_matches(' ')
    }

    /// The characters as transmitted, `@` padding included.
    pub fn raw(&self) -> &str {
        &self.0
    }

    /// Reads up to `ceil(width / 6)` characters at `off`, stopping at the end of the message.
    /// A character cut by the end keeps the bits that are there (right-aligned), as in pyais.
    pub(crate) fn read(b: &Bits, off: usize, width: usize) -> Self {
        let mut s = ArrayString::new();
        let n = width.div_ceil(6).min(N);
        let end = b.len();
        let mut o = off;
        for _ in 0..n {
            if o >= end {
                break;
            }
            s.push(sixbit_to_char(b.uint(o, 6) as u8));
            o += 6;
        }
        AisString(s)
    }

    /// Reads `width / 6` characters at `off`, all within the message.
    #[inline]
    pub(crate) fn read_full(b: &Bits, off: usize, width: usize) -> Self {
        if width / 6 == N {
            // Eight characters per 48-bit load, straight into a byte array.
            let mut bytes = [0u8; N];
            let mut k = 0;
            while k + 8 <= N {
                let w = b.load(off + 6 * k, 48);
                for (j, byte) in bytes[k..k + 8].iter_mut().enumerate() {
                    *byte = SIXBIT_ASCII[((w >> (42 - 6 * j)) & 63) as usize];
                }
                k += 8;
            }
            for (j, byte) in bytes[k..].iter_mut().enumerate() {
                *byte = SIXBIT_ASCII[b.load(off + 6 * (k + j), 6) as usize];
            }
            if let Ok(s) = ArrayString::from_byte_string(&bytes) {
                return AisString(s);
            }
        }
        Self::read(b, off, width)
    }

    /// Writes the characters into `width` bits: six bits each, the last one cut to the bits
    /// left (a character cut by the end of a short message was stored right-aligned), then,
    /// when `pad`, `@` up to `width`. False if the characters do not fit in `width`.
    pub(crate) fn write(&self, w: &mut BitWriter, width: usize, pad: bool) -> bool {
        let n = self.0.len();
        if n > width.div_ceil(6) {
            return false;
        }
        let mut left = width;
        for c in self.0.chars() {
            let bits = left.min(6);
            // Stored characters always come from the six-bit alphabet.
            w.put(u64::from(char_to_sixbit(c).unwrap_or(0)), bits);
            left -= bits;
        }
        if pad {
            while left > 0 {
                let bits = left.min(6);
                w.put(0, bits);
                left -= bits;
            }
        }
        true
    }
}

impl<const N: usize> std::fmt::Debug for AisString<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl<const N: usize> std::fmt::Display for AisString<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<const N: usize> Serialize for AisString<N> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Largest binary field, in bytes (type 26 broadcast unstructured: 1,004 bits).
pub const MAX_DATA_BYTES: usize = 126;

/// Binary application data: up to 1,004 bits, stored inline, left-aligned.
///
/// In JSON it is the base64 text of the bytes (the last byte zero-padded), which is what
/// pyais's own `to_json()` writes for its `bytes` fields.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct BinData {
    bits: u16,
    bytes: [u8; MAX_DATA_BYTES],
}

impl Default for BinData {
    fn default() -> Self {
        BinData {
            bits: 0,
            bytes: [0; MAX_DATA_BYTES],
        }
    }
}

impl BinData {
    /// The first `bits` bits of `bytes`; `None` if `bytes` is too short or `bits` exceeds
    /// 1,008.
    pub fn new(bytes: &[u8], bits: usize) -> Option<Self> {
        if bits > MAX_DATA_BYTES * 8 || bytes.len() * 8 < bits {
            return None;
        }
        let mut d = BinData {
            bits: bits as u16,
            ..Default::default()
        };
        let n = bits.div_ceil(8);
        d.bytes[..n].copy_from_slice(&bytes[..n]);
        if !bits.is_multiple_of(8) {
            d.bytes[n - 1] &= !(0xFFu8 >> (bits % 8));
        }
        Some(d)
    }

    /// Number of bits.
    pub fn bit_len(&self) -> u16 {
        self.bits
    }

    /// The bytes, the last one zero-padded.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.bits).div_ceil(8)]
    }

    pub(crate) fn read(b: &Bits, off: usize, width: usize) -> Self {
        let mut d = BinData::default();
        d.bits = b.copy_bits(off, width, &mut d.bytes) as u16;
        d
    }
}

impl std::fmt::Debug for BinData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BinData({} bits: ", self.bits)?;
        for b in self.bytes() {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

impl BinData {
    /// Appends the base64 JSON string.
    pub(crate) fn write_json(&self, out: &mut Vec<u8>) {
        use base64::Engine;
        let mut buf = [0u8; MAX_DATA_BYTES.div_ceil(3) * 4];
        let n = STANDARD
            .encode_slice(self.bytes(), &mut buf)
            .expect("buffer sized for the largest data field");
        out.push(b'"');
        out.extend_from_slice(&buf[..n]);
        out.push(b'"');
    }
}

impl Serialize for BinData {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&Base64Display::new(self.bytes(), &STANDARD))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_trimming_follows_pyais_and_clean_follows_gpsd() {
        let s = AisString::<20>::unpadded("KAFO@@@").unwrap();
        assert_eq!(s.as_str(), "KAFO");
        let s = AisString::<20>::unpadded(" AB@CD  @@").unwrap();
        assert_eq!(s.as_str(), "AB@CD");
        assert_eq!(s.clean(), " AB");
        let s = AisString::<7>::new("abc").unwrap();
        assert_eq!(s.raw(), "ABC@@@@");
        assert!(AisString::<3>::new("ABCD").is_none());
        assert!(AisString::<3>::new("é").is_none());
    }

    #[test]
    fn bin_data_serializes_as_base64() {
        let d = BinData::new(&[0xFF, 0xFF], 12).unwrap();
        assert_eq!(d.bytes(), [0xFF, 0xF0]);
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"//A=\"");
    }
}
