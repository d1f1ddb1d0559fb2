//! Encoder: an [`AisMessage`] to its armored payload, and to `!AIVDM` sentences.
//!
//! Every message type can be encoded. The fields that start before the message's `bit_len` are
//! written at their standard widths (for a message built in code `bit_len` is the layout's
//! standard length; types with optional trailing groups, such as 7, 15 and 20, write only the
//! groups that `bit_len` covers, and bits past the fields up to `bit_len` are zeros). Text
//! fields are padded with `@`, binary data is written as stored. A value too wide for its field
//! is an error, never silently truncated. Whatever decodes encodes back to a payload that decodes
//! to the same message (the fuzz targets check it).

use std::fmt::Write as _;

use crate::bits::BitWriter;
use crate::message::AisMessage;

/// Largest payload of one sentence, in characters (keeps sentences within 82 characters).
pub const MAX_SENTENCE_PAYLOAD: usize = 60;

/// Why a message could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodeError {
    /// A field value does not fit in its bit width (the field's name).
    FieldOutOfRange(&'static str),
    /// The message is longer than 1,008 bits.
    TooLong,
    /// The payload needs more than 9 sentences.
    TooManyFragments,
    /// The talker/formatter is not 5 ASCII letters or digits (such as `AIVDM`).
    BadTalker,
    /// The channel is not an ASCII letter or digit.
    BadChannel,
    /// The sequence id is above 9.
    BadSequenceId,
}

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EncodeError::FieldOutOfRange(name) => {
                write!(f, "value of field `{name}` does not fit its bit width")
            }
            EncodeError::TooLong => f.write_str("message longer than 1008 bits"),
            EncodeError::TooManyFragments => f.write_str("payload needs more than 9 sentences"),
            EncodeError::BadTalker => {
                f.write_str("talker must be 5 ASCII letters or digits, such as AIVDM")
            }
            EncodeError::BadChannel => f.write_str("channel must be an ASCII letter or digit"),
            EncodeError::BadSequenceId => f.write_str("sequence id must be 0..=9"),
        }
    }
}

impl std::error::Error for EncodeError {}

/// The armored payload of `msg` and its number of fill bits (0..=5).
pub fn encode_payload(msg: &AisMessage) -> Result<(String, u8), EncodeError> {
    let mut w = BitWriter::new();
    msg.write(&mut w).map_err(EncodeError::FieldOutOfRange)?;
    // A decoded message can be longer than its fields (a partial character after the last
    // text character, bits past the layout): `bit_len` is its length, so the tail the fields
    // do not hold is written as zeros and the payload decodes back to the same message.
    let len = usize::from(msg.bit_len());
    while w.len() < len {
        w.put(0, (len - w.len()).min(64));
    }
    if w.overflowed() {
        return Err(EncodeError::TooLong);
    }
    Ok(w.armor())
}

/// `msg` as NMEA sentences `!<talker>,n,k,seq,<channel>,<payload>,<fill>*hh`, each with at
/// most [`MAX_SENTENCE_PAYLOAD`] payload characters. The sequence id field is empty for a
/// single sentence; fill bits are 0 on all but the last sentence.
pub fn to_sentences(
    msg: &AisMessage,
    talker: &str,
    channel: char,
    sequence_id: u8,
) -> Result<Vec<String>, EncodeError> {
    if talker.len() != 5 || !talker.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return Err(EncodeError::BadTalker);
    }
    if !channel.is_ascii_alphanumeric() {
        return Err(EncodeError::BadChannel);
    }
    if sequence_id > 9 {
        return Err(EncodeError::BadSequenceId);
    }
    let (payload, fill) = encode_payload(msg)?;
    let chunks: Vec<&str> = payload
        .as_bytes()
        .chunks(MAX_SENTENCE_PAYLOAD)
        .map(|c| std::str::from_utf8(c).expect("armored payload is ASCII"))
        .collect();
    let n = chunks.len();
    if n > 9 {
        return Err(EncodeError::TooManyFragments);
    }
    let mut out = Vec::with_capacity(n);
    for (i, chunk) in chunks.iter().enumerate() {
        let k = i + 1;
        let mut s = String::with_capacity(MAX_SENTENCE_PAYLOAD + 24);
        s.push('!');
        s.push_str(talker);
        let f = if k == n { fill } else { 0 };
        if n == 1 {
            let _ = write!(s, ",1,1,,{channel},{chunk},{f}");
        } else {
            let _ = write!(s, ",{n},{k},{sequence_id},{channel},{chunk},{f}");
        }
        let cs = crate::nmea::checksum(&s.as_bytes()[1..]);
        let _ = write!(s, "*{cs:02X}");
        out.push(s);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::{decode, PositionReport};

    #[test]
    fn reencodes_a_real_type_1() {
        // pyais README sentence.
        let payload = "15NG6V0P01G?cFhE`R2IU?wn28R>";
        let m = decode(payload.as_bytes(), 0).unwrap();
        assert_eq!(encode_payload(&m).unwrap(), (payload.to_string(), 0));
        let s = to_sentences(&m, "AIVDM", 'B', 0).unwrap();
        assert_eq!(s, ["!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05"]);
    }

    #[test]
    fn rejects_bad_arguments_and_wide_values() {
        let mut p = PositionReport {
            mmsi: 211_000_000,
            ..Default::default()
        };
        let m = AisMessage::PositionReport(p.clone());
        assert_eq!(
            to_sentences(&m, "AIVD", 'A', 0),
            Err(EncodeError::BadTalker)
        );
        assert_eq!(
            to_sentences(&m, "AIVDM", ',', 0),
            Err(EncodeError::BadChannel)
        );
        assert_eq!(
            to_sentences(&m, "AIVDM", 'A', 10),
            Err(EncodeError::BadSequenceId)
        );
        p.mmsi = 1 << 30;
        let m = AisMessage::PositionReport(p);
        assert_eq!(
            encode_payload(&m),
            Err(EncodeError::FieldOutOfRange("mmsi"))
        );
    }
}
