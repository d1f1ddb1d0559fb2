//! Six-bit payload armoring and packed bit buffers.
//!
//! An AIS payload travels as "armored" ASCII: each character carries six bits (ITU-R M.1371
//! annex 8, IEC 61162-1 table 7). [`Bits::unarmor`] turns the characters into a packed,
//! zero-padded big-endian byte buffer on the stack, and its readers extract fields of any
//! width at any bit offset with one unaligned 8-byte load. [`BitWriter`] is the reverse, used by
//! the encoder.
//!
//! Reads past the end of the message follow pyais: a field that starts inside the message but
//! ends after it yields the bits that are there (right-aligned), and one that starts after the
//! end yields 0. The message layer decides which fields count as absent.

/// Largest payload accepted, in armored characters: 168 characters are 1,008 bits, the
/// five-slot maximum of ITU-R M.1371.
pub const MAX_PAYLOAD_CHARS: usize = 168;
/// Largest message, in bits.
pub const MAX_BITS: usize = MAX_PAYLOAD_CHARS * 6;
/// Buffer size: the message bytes plus 8 bytes of zero padding for the unaligned loads.
const BUF_BYTES: usize = MAX_BITS / 8 + 8;

/// Marks a character that is not in the six-bit armor alphabet.
const BAD: u8 = 0x80;

/// Armored character to six-bit value: `0`..=`W` are 0..=39 and `` ` ``..=`w` are 40..=63.
static UNARMOR: [u8; 256] = {
    let mut t = [BAD; 256];
    let mut c = 0;
    while c < 256 {
        if c >= 48 && c <= 87 {
            t[c] = (c - 48) as u8;
        } else if c >= 96 && c <= 119 {
            t[c] = (c - 56) as u8;
        }
        c += 1;
    }
    t
};

/// Six-bit value to armored character.
const ARMOR: &[u8; 64] = b"0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw";

/// Six-bit value to text character (ITU-R M.1371 table 47): 0..=31 are `@`..=`_`, 32..=63 are
/// ` `..=`?`.
pub const SIXBIT_ASCII: &[u8; 64] =
    b"@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

/// Six-bit value (low six bits of `v`) to text character; see [`SIXBIT_ASCII`].
#[inline]
pub fn sixbit_to_char(v: u8) -> char {
    SIXBIT_ASCII[usize::from(v & 63)] as char
}

/// Text character to six-bit value, or `None` for a character outside the six-bit alphabet.
/// Lowercase letters are mapped to uppercase, as pyais's encoder does.
#[inline]
pub fn char_to_sixbit(c: char) -> Option<u8> {
    let c = c.to_ascii_uppercase();
    match c as u32 {
        64..=95 => Some(c as u8 - 64),
        32..=63 => Some(c as u8),
        _ => None,
    }
}

/// Why a payload could not be unarmored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnarmorError {
    /// No payload characters.
    Empty,
    /// More than [`MAX_PAYLOAD_CHARS`] characters.
    TooLong,
    /// A character outside the armor alphabet.
    BadChar,
    /// Fill bits larger than the payload or than 6.
    BadFill,
}

/// A decoded message as a packed bit buffer.
pub struct Bits {
    buf: [u8; BUF_BYTES],
    len: usize,
}

impl Bits {
    /// An empty, zeroed buffer, to be filled by [`Bits::fill`].
    #[inline]
    pub fn empty() -> Bits {
        Bits {
            buf: [0; BUF_BYTES],
            len: 0,
        }
    }

    /// Unarmors `payload` and drops the last `fill_bits` bits (see [`Bits::fill`]).
    pub fn unarmor(payload: &[u8], fill_bits: u8) -> Result<Bits, UnarmorError> {
        let mut bits = Bits::empty();
        bits.fill(payload, fill_bits)?;
        Ok(bits)
    }

    /// Unarmors `payload` into this buffer, which must be fresh from [`Bits::empty`], and drops
    /// the last `fill_bits` bits (filling in place avoids moving the buffer).
    ///
    /// Fill bits up to 6 are accepted (a receiver that pads a whole extra character writes 6);
    /// the dropped bits are zeroed.
    #[inline]
    pub fn fill(&mut self, payload: &[u8], fill_bits: u8) -> Result<(), UnarmorError> {
        let n = payload.len();
        if n == 0 {
            return Err(UnarmorError::Empty);
        }
        if n > MAX_PAYLOAD_CHARS {
            return Err(UnarmorError::TooLong);
        }
        let total = n * 6;
        let fill = fill_bits as usize;
        if fill > 6 || fill >= total {
            return Err(UnarmorError::BadFill);
        }
        let buf = &mut self.buf;
        let mut bad = 0u8;
        let mut out = 0;
        // Eight characters (48 bits) per step, written as one 8-byte store.
        let mut chunks = payload.chunks_exact(8);
        for chunk in &mut chunks {
            let mut acc = 0u64;
            for &c in chunk {
                let v = UNARMOR[c as usize];
                bad |= v;
                acc = (acc << 6) | u64::from(v);
            }
            buf[out..out + 8].copy_from_slice(&(acc << 16).to_be_bytes());
            out += 6;
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut acc = 0u64;
            for &c in rest {
                let v = UNARMOR[c as usize];
                bad |= v;
                acc = (acc << 6) | u64::from(v);
            }
            acc <<= 64 - 6 * rest.len();
            buf[out..out + 8].copy_from_slice(&acc.to_be_bytes());
        }
        if bad & BAD != 0 {
            return Err(UnarmorError::BadChar);
        }
        let len = total - fill;
        if fill > 0 {
            // Zero the fill bits so that reads past the end see zeros.
            if !len.is_multiple_of(8) {
                buf[len / 8] &= !(0xFFu8 >> (len % 8));
            }
            let start = len.div_ceil(8);
            buf[start..total.div_ceil(8)].fill(0);
        }
        self.len = len;
        Ok(())
    }

    /// Number of bits in the message.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the message has no bits (never the case after a successful unarmor).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// `width` (1..=57) bits at `off`, which must be below [`MAX_BITS`], without regard to the
    /// message length (bits past it read as 0).
    #[inline(always)]
    pub fn load(&self, off: usize, width: usize) -> u64 {
        let i = off >> 3;
        let word = u64::from_be_bytes(self.buf[i..i + 8].try_into().expect("8 bytes"));
        (word << (off & 7)) >> (64 - width)
    }

    /// Unsigned field of `width` (1..=57) bits at `off`. A field that runs past the end gives
    /// the bits that are there; one that starts after the end gives 0.
    #[inline(always)]
    pub fn uint(&self, off: usize, width: usize) -> u64 {
        if off + width <= self.len {
            self.load(off, width)
        } else if off < self.len {
            self.load(off, width) >> (off + width - self.len)
        } else {
            0
        }
    }

    /// Two's-complement field of `width` (1..=57) bits at `off`. A field cut by the end of the
    /// message is sign-extended from the bits that are there, as pyais does.
    #[inline(always)]
    pub fn int(&self, off: usize, width: usize) -> i64 {
        let avail = if off + width <= self.len {
            width
        } else if off < self.len {
            self.len - off
        } else {
            return 0;
        };
        let v = self.uint(off, width);
        let shift = 64 - avail;
        ((v << shift) as i64) >> shift
    }

    /// Copies the bits `off..off + width` (cut at the end of the message) left-aligned into
    /// `out`, zero-padded to whole bytes, and returns the number of bits copied.
    pub fn copy_bits(&self, off: usize, width: usize, out: &mut [u8]) -> usize {
        if off >= self.len {
            return 0;
        }
        let avail = width.min(self.len - off).min(out.len() * 8);
        let nbytes = avail.div_ceil(8);
        for (j, b) in out[..nbytes].iter_mut().enumerate() {
            *b = self.load(off + 8 * j, 8) as u8;
        }
        if !avail.is_multiple_of(8) {
            out[nbytes - 1] &= !(0xFFu8 >> (avail % 8));
        }
        avail
    }
}

/// Accumulates fields into a bit buffer and armors it.
pub struct BitWriter {
    buf: [u8; BUF_BYTES],
    len: usize,
}

impl Default for BitWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl BitWriter {
    /// An empty buffer.
    pub fn new() -> Self {
        BitWriter {
            buf: [0; BUF_BYTES],
            len: 0,
        }
    }

    /// Number of bits written.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends the low `width` (0..=57) bits of `value`. Bits past [`MAX_BITS`] are dropped and
    /// reported by [`BitWriter::overflowed`].
    pub fn put(&mut self, value: u64, width: usize) {
        if width == 0 {
            return;
        }
        if self.len + width > MAX_BITS {
            self.len = MAX_BITS + 1;
            return;
        }
        let v = value & (u64::MAX >> (64 - width));
        let i = self.len >> 3;
        let sh = self.len & 7;
        let mut word = u64::from_be_bytes(self.buf[i..i + 8].try_into().expect("8 bytes"));
        word |= (v << (64 - width)) >> sh;
        self.buf[i..i + 8].copy_from_slice(&word.to_be_bytes());
        self.len += width;
    }

    /// Appends the first `nbits` bits of `bytes` (left-aligned).
    pub fn put_bits(&mut self, bytes: &[u8], nbits: usize) {
        let mut left = nbits.min(bytes.len() * 8);
        for &b in bytes {
            if left == 0 {
                break;
            }
            let w = left.min(8);
            self.put(u64::from(b) >> (8 - w), w);
            left -= w;
        }
    }

    /// True when more than [`MAX_BITS`] bits were written.
    pub fn overflowed(&self) -> bool {
        self.len > MAX_BITS
    }

    /// The armored payload and its fill bits (0..=5).
    pub fn armor(&self) -> (String, u8) {
        let len = self.len.min(MAX_BITS);
        let nchars = len.div_ceil(6);
        let mut s = String::with_capacity(nchars);
        for k in 0..nchars {
            let off = 6 * k;
            let i = off >> 3;
            let word = u64::from_be_bytes(self.buf[i..i + 8].try_into().expect("8 bytes"));
            let v = ((word << (off & 7)) >> 58) as usize;
            s.push(ARMOR[v] as char);
        }
        (s, (nchars * 6 - len) as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixbit_text_table_matches_the_standard() {
        for v in 0u8..64 {
            let expected = if v < 32 { v + 64 } else { v };
            assert_eq!(SIXBIT_ASCII[usize::from(v)], expected);
            assert_eq!(char_to_sixbit(sixbit_to_char(v)), Some(v));
        }
    }

    #[test]
    fn every_character_is_validated_and_unarmored() {
        for c in 0..=255u8 {
            for pos in 0..8 {
                let mut p = *b"0Ww`9:;<";
                p[pos] = c;
                let got = Bits::unarmor(&p, 0);
                if UNARMOR[usize::from(c)] == BAD {
                    assert_eq!(got.err(), Some(UnarmorError::BadChar), "{c} at {pos}");
                    continue;
                }
                let b = got.unwrap();
                for (k, &ch) in p.iter().enumerate() {
                    assert_eq!(
                        b.uint(6 * k, 6) as u8,
                        UNARMOR[usize::from(ch)],
                        "{c} at {pos}"
                    );
                }
            }
        }
    }

    #[test]
    fn armor_tables_are_inverse() {
        for (v, &c) in ARMOR.iter().enumerate() {
            assert_eq!(UNARMOR[c as usize] as usize, v);
        }
        assert_eq!(UNARMOR.iter().filter(|&&v| v != BAD).count(), 64);
    }

    #[test]
    fn reads_fields_and_partial_fields() {
        // "15NG6V0P01G?cFhE`R2IU?wn28R>" is a real type 1 (pyais README): MMSI 367380120.
        let b = Bits::unarmor(b"15NG6V0P01G?cFhE`R2IU?wn28R>", 0).unwrap();
        assert_eq!(b.len(), 168);
        assert_eq!(b.uint(0, 6), 1);
        assert_eq!(b.uint(8, 30), 367380120);
        // A field cut by the end keeps the bits that are there; past the end reads 0.
        assert_eq!(b.uint(166, 4), b.uint(166, 2));
        assert_eq!(b.uint(168, 4), 0);
        assert_eq!(b.int(0, 3), 0);
    }

    #[test]
    fn fill_bits_are_zeroed_and_counted() {
        let b = Bits::unarmor(b"ww", 4).unwrap();
        assert_eq!(b.len(), 8);
        assert_eq!(b.uint(0, 8), 0xFF);
        assert_eq!(b.uint(8, 4), 0);
        assert_eq!(Bits::unarmor(b"w", 6).err(), Some(UnarmorError::BadFill));
        assert_eq!(Bits::unarmor(b"ww", 7).err(), Some(UnarmorError::BadFill));
        assert_eq!(Bits::unarmor(b"", 0).err(), Some(UnarmorError::Empty));
        assert_eq!(Bits::unarmor(b"1x", 0).err(), Some(UnarmorError::BadChar));
        let long = [b'0'; MAX_PAYLOAD_CHARS + 1];
        assert_eq!(Bits::unarmor(&long, 0).err(), Some(UnarmorError::TooLong));
    }

    #[test]
    fn writer_round_trips() {
        let mut w = BitWriter::new();
        w.put(1, 6);
        w.put(0, 2);
        w.put(367380120, 30);
        w.put(0b101, 3);
        let (s, fill) = w.armor();
        assert_eq!(fill, 1);
        let b = Bits::unarmor(s.as_bytes(), fill).unwrap();
        assert_eq!(b.len(), 41);
        assert_eq!(b.uint(8, 30), 367380120);
        assert_eq!(b.uint(38, 3), 0b101);
        let mut out = [0u8; 2];
        assert_eq!(b.copy_bits(33, 8, &mut out), 8);
        let mut w2 = BitWriter::new();
        w2.put_bits(&out, 8);
        assert_eq!(w2.len(), 8);
    }
}
