//! The sentence layer: NMEA 0183 / IEC 61162-1 framing around AIS payloads.
//!
//! [`sentence`] parses one `!xxVDM`/`!xxVDO` sentence, [`tag_block`] the NMEA 4.10 tag block in
//! front of it, [`gatehouse`] the `$PGHP` receive-time header, [`assembly`] joins multi-sentence
//! messages, and [`stats`] counts what was read and why anything was rejected.

pub mod assembly;
pub mod gatehouse;
pub mod sentence;
pub mod stats;
pub mod tag_block;
pub(crate) mod time;

use std::sync::Arc;

pub use stats::{Anomaly, Reject, Stats};
pub use time::unix_ms_from_civil;

/// XOR of the bytes between the leading `!`/`$`/`\` and the `*`: the NMEA checksum.
///
/// `bytes` is the text strictly between the delimiter and the `*`.
#[inline]
pub fn checksum(bytes: &[u8]) -> u8 {
    checksum_and_printable(bytes).0
}

/// [`checksum`], and whether every byte is printable ASCII (`' '..='~'`), the only text NMEA
/// 0183 allows, in one pass, eight bytes at a time. The checksum cannot keep other bytes out: a
/// NUL leaves it unchanged.
#[inline]
pub(crate) fn checksum_and_printable(bytes: &[u8]) -> (u8, bool) {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let (mut wide, mut flags) = (0u64, 0u64);
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().expect("chunk of 8"));
        wide ^= w;
        // The high bit of a byte below `' '` is set by the borrow when `' '` is subtracted, of
        // `DEL` by the carry when 1 is added, of a non-ASCII byte already. (A borrow can set
        // the next byte's too, but only behind a byte that is flagged itself.)
        flags |= (w.wrapping_sub(ONES * u64::from(b' ')) & !w) | w.wrapping_add(ONES) | w;
    }
    let rest = chunks.remainder();
    let folded = wide.to_le_bytes().iter().fold(0u8, |acc, b| acc ^ b);
    let sum = rest.iter().fold(folded, |acc, b| acc ^ b);
    let printable = flags & (ONES << 7) == 0 && rest.iter().all(|b| (b' '..=b'~').contains(b));
    (sum, printable)
}

/// Where a message's receive time came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeSource {
    /// No receive time was found.
    #[default]
    None,
    /// The `c:` field of an NMEA 4.10 tag block.
    TagBlock,
    /// A Gatehouse `$PGHP` line before the sentence.
    Gatehouse,
    /// A Unix time in the comma fields after the checksum (USCG, exactEarth, AMSA style).
    Trailing,
}

/// What the sentence layer knows about one assembled message besides its payload.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Meta {
    /// 1-based number of the input line that held the message's first sentence.
    pub line: u64,
    /// Receive time, milliseconds since the Unix epoch (UTC).
    pub rx_time_ms: Option<i64>,
    /// Where `rx_time_ms` came from.
    pub time_source: TimeSource,
    /// Receiving station: tag block `s:` or a USCG `r`/`b` trailing field.
    pub source: Option<Arc<str>>,
    /// Talker ID as received (`AI`, `AB`, `BS`, ...; not validated beyond two bytes).
    pub talker: [u8; 2],
    /// `true` for `VDO` (own ship), `false` for `VDM`.
    pub own_ship: bool,
    /// Radio channel byte (`A`, `B`, `1`, `2`, ...), `None` when the field is empty.
    pub channel: Option<u8>,
    /// Number of sentences the message was carried in.
    pub fragments: u8,
}

impl Meta {
    /// The talker as text (lossy for non-ASCII bytes).
    pub fn talker_str(&self) -> String {
        String::from_utf8_lossy(&self.talker).into_owned()
    }
}
