//! One NMEA sentence: `!AIVDM,2,1,3,A,<payload>,0*hh[,trailing,...]`.

use super::{checksum, Anomaly, Reject};

/// A checked `!xxVDM` / `!xxVDO` sentence, borrowing from the input line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AisSentence<'a> {
    /// Two-byte talker ID.
    pub talker: [u8; 2],
    /// `VDO` (own ship) rather than `VDM`.
    pub own_ship: bool,
    /// Number of sentences in the message, 1..=9.
    pub fragment_count: u8,
    /// This sentence's number, 1..=fragment_count.
    pub fragment_number: u8,
    /// Sequential message ID (0..=9), `None` when empty.
    pub sequence_id: Option<u8>,
    /// Radio channel byte, `None` when empty.
    pub channel: Option<u8>,
    /// Armored six-bit payload.
    pub payload: &'a [u8],
    /// Fill bits declared by the sentence.
    pub fill_bits: u8,
    /// Comma fields after the checksum (without the first comma), possibly empty.
    pub trailing: &'a [u8],
}

/// What one sentence turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sentence<'a> {
    /// An AIS sentence.
    Ais(AisSentence<'a>),
    /// Another NMEA sentence (`$GPRMC`, `!AIALR`, ...): its body between the start byte and `*`.
    Other(&'a [u8]),
    /// Text that is not an AIS sentence and whose checksum is wrong or missing: skipped, and
    /// never used (a corrupt `$PGHP` gives no time).
    CorruptOther,
}

/// The result of reading the sentence at the start of `text` (which begins with `!` or `$`).
pub struct Read<'a> {
    /// The sentence, or why it was rejected.
    pub sentence: Result<Sentence<'a>, Reject>,
    /// Set when the sentence was accepted despite an oddity.
    pub anomaly: Option<Anomaly>,
    /// The rest of the line after this sentence and its trailing fields.
    pub rest: &'a [u8],
}

/// Reads the sentence at the start of `text`. `text[0]` must be `!` or `$`.
pub fn read(text: &[u8]) -> Read<'_> {
    debug_assert!(matches!(text.first(), Some(b'!' | b'$')));
    let Some(star) = memchr::memchr(b'*', text) else {
        return read_without_star(text);
    };
    let body = &text[1..star];
    let after = &text[star + 1..];
    let declared = after.get(..2).and_then(parse_hex_byte);
    let Some(declared) = declared else {
        let end = next_sentence_start(body).map_or(text.len(), |i| i + 1);
        return Read {
            sentence: not_ais_or(&text[1..end], Reject::MissingChecksum),
            anomaly: None,
            rest: &text[end..],
        };
    };
    if checksum(body) != declared {
        // A sentence without `*` followed by another on the same line borrows the second one's
        // checksum: cut at the second sentence and reject only the first.
        if let Some(next) = next_sentence_start(body) {
            let first = read_without_star(&text[..next + 1]);
            return Read {
                rest: &text[next + 1..],
                ..first
            };
        }
        let (_, rest) = split_trailing(&after[2..]);
        return Read {
            sentence: not_ais_or(body, Reject::BadChecksum),
            anomaly: None,
            rest,
        };
    }
    let (trailing, rest) = split_trailing(&after[2..]);
    Read {
        sentence: parse_body(body, trailing),
        anomaly: None,
        rest,
    }
}

/// A sentence with no `*`: either garbage, or the fill bit fused with the checksum (`,013`).
fn read_without_star(text: &[u8]) -> Read<'_> {
    let end = next_sentence_start(&text[1..]).map_or(text.len(), |i| i + 1);
    let body = trim_line_end(&text[1..end]);
    let rest = &text[end..];
    let fused =
        body.len() > 3 && body[body.len() - 4] == b',' && body[body.len() - 3].is_ascii_digit();
    if fused {
        let (head, hex) = body.split_at(body.len() - 2);
        if parse_hex_byte(hex) == Some(checksum(head)) {
            return Read {
                sentence: parse_body(head, b""),
                anomaly: Some(Anomaly::FusedChecksum),
                rest,
            };
        }
    }
    Read {
        sentence: not_ais_or(body, Reject::MissingChecksum),
        anomaly: None,
        rest,
    }
}

/// A damaged sentence is an AIS reject only if it looks like AIS (`..VDM`/`..VDO`); other
/// damaged NMEA is skipped like any other non-AIS sentence.
fn not_ais_or(body: &[u8], reject: Reject) -> Result<Sentence<'_>, Reject> {
    let looks_like_ais = body.len() >= 5 && &body[2..4] == b"VD" && matches!(body[4], b'M' | b'O');
    if looks_like_ais {
        Err(reject)
    } else {
        Ok(Sentence::CorruptOther)
    }
}

/// Parses `AIVDM,2,1,3,A,payload,0` (checksum already verified).
///
/// Fragment count, fragment number and sequence ID are single digits and the channel a single
/// byte (IEC 61162-1), so the fields before the payload sit at known offsets.
fn parse_body<'a>(body: &'a [u8], trailing: &'a [u8]) -> Result<Sentence<'a>, Reject> {
    if body.len() < 5 || &body[2..4] != b"VD" || !matches!(body[4], b'M' | b'O') {
        return Ok(Sentence::Other(body));
    }
    let fields = &body[5..];
    let Some((fill, head)) =
        memchr::memrchr(b',', fields).map(|i| (&fields[i + 1..], &fields[..i]))
    else {
        return Err(Reject::Malformed);
    };
    // head = ",count,number,seq,channel,payload"
    let [b',', count, b',', number, b',', rest @ ..] = head else {
        return Err(if head.len() < 5 {
            Reject::Malformed
        } else {
            Reject::BadFragmentNumber
        });
    };
    let (fragment_count, fragment_number) = match (digit(*count), digit(*number)) {
        (Some(c), Some(n)) if c >= 1 && n >= 1 && n <= c => (c, n),
        _ => return Err(Reject::BadFragmentNumber),
    };
    let (sequence_id, rest) = match rest {
        [b',', rest @ ..] => (None, rest),
        [d, b',', rest @ ..] => (Some(digit(*d).ok_or(Reject::Malformed)?), rest),
        _ => return Err(Reject::Malformed),
    };
    let (channel, payload) = match rest {
        [b',', payload @ ..] => (None, payload),
        [c, b',', payload @ ..] => (Some(*c), payload),
        _ => return Err(Reject::Malformed),
    };
    if memchr::memchr(b',', payload).is_some() {
        return Err(Reject::Malformed);
    }
    let fill_bits = match fill {
        [] => 0,
        [d] => digit(*d).ok_or(Reject::Malformed)?,
        _ => return Err(Reject::Malformed),
    };
    Ok(Sentence::Ais(AisSentence {
        talker: [body[0], body[1]],
        own_ship: body[4] == b'O',
        fragment_count,
        fragment_number,
        sequence_id,
        channel,
        payload,
        fill_bits,
        trailing,
    }))
}

/// Splits what follows `*hh` into trailing comma fields and the rest of the line.
fn split_trailing(after: &[u8]) -> (&[u8], &[u8]) {
    let after = skip_literal_line_breaks(after);
    if after.first() != Some(&b',') {
        return (&[], after);
    }
    let end = next_sentence_start(after).unwrap_or(after.len());
    let rest = skip_literal_line_breaks(&after[end..]);
    (trim_line_end(&after[1..end]), rest)
}

/// Skips the literal text `\r\n` or `\x0d\x0a` that some recorders write after a sentence.
fn skip_literal_line_breaks(mut text: &[u8]) -> &[u8] {
    loop {
        text = match text {
            [b'\\', b'r' | b'n', rest @ ..] => rest,
            [b'\\', b'x', b'0', b'd' | b'D' | b'a' | b'A', rest @ ..] => rest,
            _ => return text,
        }
    }
}

/// Index of the next `!`, `$` or `\` (start of another sentence or tag block).
fn next_sentence_start(text: &[u8]) -> Option<usize> {
    memchr::memchr3(b'!', b'$', b'\\', text)
}

fn trim_line_end(text: &[u8]) -> &[u8] {
    let end = text
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &text[..end]
}

fn digit(byte: u8) -> Option<u8> {
    byte.is_ascii_digit().then(|| byte - b'0')
}

/// Two hex digits, either case.
pub(crate) fn parse_hex_byte(hex: &[u8]) -> Option<u8> {
    fn nibble(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'A'..=b'F' => Some(b - b'A' + 10),
            b'a'..=b'f' => Some(b - b'a' + 10),
            _ => None,
        }
    }
    match hex {
        [hi, lo] => Some(nibble(*hi)? << 4 | nibble(*lo)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ais(text: &str) -> AisSentence<'_> {
        match read(text.as_bytes()).sentence {
            Ok(Sentence::Ais(s)) => s,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn reads_a_single_sentence() {
        let s = ais("!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05");
        assert_eq!(&s.talker, b"AI");
        assert!(!s.own_ship);
        assert_eq!(
            (s.fragment_count, s.fragment_number, s.sequence_id),
            (1, 1, None)
        );
        assert_eq!(s.channel, Some(b'B'));
        assert_eq!(s.payload, b"15NG6V0P01G?cFhE`R2IU?wn28R>");
        assert_eq!(s.fill_bits, 0);
        assert!(s.trailing.is_empty());
    }

    #[test]
    fn keeps_trailing_fields_after_the_checksum() {
        // libais test.aivdm, USCG metadata.
        let s = ais("!AIVDM,1,1,,B,15Mq4J0P01EREODRv4@74gv00HRq,0*72,b003669794,1272412827\r\n");
        assert_eq!(s.trailing, b"b003669794,1272412827");
    }

    #[test]
    fn rejects_a_bad_checksum_and_a_bad_fragment_number() {
        let read_bad = read(b"!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*06");
        assert_eq!(read_bad.sentence, Err(Reject::BadChecksum));
        let body = b"AIVDM,0,1,,A,15NG6V0P01G?cFhE`R2IU?wn28R>,0";
        let text = format!(
            "!{}*{:02X}",
            std::str::from_utf8(body).unwrap(),
            checksum(body)
        );
        assert_eq!(
            read(text.as_bytes()).sentence,
            Err(Reject::BadFragmentNumber)
        );
    }

    #[test]
    fn accepts_a_fill_bit_fused_with_the_checksum() {
        // pyais examples/sample.ais line 12.
        let r = read(b"!AIVDM,1,1,,B,15N4cJ005Jrek0H@9nDW5608EP,013");
        assert!(matches!(r.sentence, Ok(Sentence::Ais(_))));
        assert_eq!(r.anomaly, Some(Anomaly::FusedChecksum));
    }

    #[test]
    fn splits_two_sentences_joined_by_a_literal_line_break() {
        // DMA ais250.txt joins multi-part sentences with the text `\r\n`.
        let line = b"!AIVDM,2,1,2,B,552H<Dl00001HDL62210ThuB08t5B1HDL622220j1083340Ht3h00000,0*4B\\r\\n!AIVDM,2,2,2,B,000000000000000,2*25";
        let first = read(line);
        assert!(matches!(first.sentence, Ok(Sentence::Ais(s)) if s.fragment_number == 1));
        assert!(first.rest.starts_with(b"!AIVDM,2,2"));
        let second = read(first.rest);
        assert!(
            matches!(second.sentence, Ok(Sentence::Ais(s)) if s.fragment_number == 2 && s.fill_bits == 2)
        );
        assert!(second.rest.is_empty());
    }

    #[test]
    fn other_sentences_are_recognised_not_rejected() {
        let r = read(b"$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A");
        assert!(matches!(r.sentence, Ok(Sentence::Other(b)) if b.starts_with(b"GPRMC")));
    }
}
