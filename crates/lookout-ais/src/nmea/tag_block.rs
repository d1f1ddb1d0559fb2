//! NMEA 4.10 tag blocks: `\s:station,c:1599239526,g:1-2-73874*hh\` before a sentence.

use super::sentence::parse_hex_byte;
use super::time::unix_digits_to_ms;
use super::{checksum_and_printable, Anomaly};

/// A sentence group from a `g:` field: part `number` of `total`, group `id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group {
    /// This sentence's number in the group, from 1.
    pub number: u8,
    /// Sentences in the group.
    pub total: u8,
    /// Group identifier.
    pub id: u32,
}

/// The fields of a tag block that the decoder uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TagBlock<'a> {
    /// `c:` receive time in milliseconds since the epoch (seconds are scaled).
    pub time_ms: Option<i64>,
    /// `s:` source station.
    pub source: Option<&'a [u8]>,
    /// `g:` sentence group.
    pub group: Option<Group>,
}

/// A tag block read from the start of a line or after a previous sentence.
pub struct Read<'a> {
    /// The fields that could be read (all `None` for a malformed block).
    pub tag: TagBlock<'a>,
    /// Oddities met while reading: in the checksum, and in the fields (an unprintable field
    /// first, else the last oddity found).
    pub anomalies: [Option<Anomaly>; 2],
    /// What follows the closing backslash.
    pub rest: &'a [u8],
}

/// Reads the tag block at the start of `text`; `text[0]` must be `\`.
pub fn read(text: &[u8]) -> Read<'_> {
    debug_assert_eq!(text.first(), Some(&b'\\'));
    let mut inner = &text[1..];
    while inner.first() == Some(&b'\\') {
        inner = &inner[1..]; // a doubled opening backslash
    }
    let Some(close) = memchr::memchr(b'\\', inner) else {
        return Read {
            tag: TagBlock::default(),
            anomalies: [Some(Anomaly::MalformedTagBlock), None],
            rest: &[],
        };
    };
    let block = &inner[..close];
    let rest = &inner[close + 1..];
    let mut anomalies = [None, None];
    let (fields, printable) = match memchr::memrchr(b'*', block) {
        Some(star) => {
            let (sum, printable) = checksum_and_printable(&block[..star]);
            if parse_hex_byte(&block[star + 1..]) != Some(sum) {
                anomalies[0] = Some(Anomaly::BadTagBlockChecksum);
            }
            (&block[..star], printable)
        }
        None => {
            anomalies[0] = Some(Anomaly::MalformedTagBlock);
            (block, is_printable(block))
        }
    };
    let mut tag = TagBlock::default();
    let mut unprintable = false;
    for field in fields.split(|&b| b == b',') {
        if !printable && !is_printable(field) {
            unprintable = true;
            continue;
        }
        let Some(colon) = memchr::memchr(b':', field) else {
            anomalies[1] = Some(Anomaly::MalformedTagBlock);
            continue;
        };
        let value = &field[colon + 1..];
        match &field[..colon] {
            b"c" => match unix_digits_to_ms(value) {
                Some(ms) => tag.time_ms = Some(ms),
                None => anomalies[1] = Some(Anomaly::ImplausibleTime),
            },
            b"s" if !value.is_empty() => tag.source = Some(value),
            b"g" => match parse_group(value) {
                Some(group) => tag.group = Some(group),
                None => anomalies[1] = Some(Anomaly::BadTagBlockGroup),
            },
            b"" => anomalies[1] = Some(Anomaly::MalformedTagBlock),
            _ => {}
        }
    }
    if unprintable {
        anomalies[1] = Some(Anomaly::UnprintableTagBlockField);
    }
    Read {
        tag,
        anomalies,
        rest,
    }
}

/// True when every byte is printable ASCII (see [`checksum_and_printable`]).
fn is_printable(bytes: &[u8]) -> bool {
    checksum_and_printable(bytes).1
}

/// `1-2-1604` (NMEA form).
fn parse_group(value: &[u8]) -> Option<Group> {
    let mut parts = value.split(|&b| b == b'-');
    let number = parse_small(parts.next()?)?;
    let total = parse_small(parts.next()?)?;
    let id_digits = parts.next()?;
    if parts.next().is_some() || id_digits.is_empty() || id_digits.len() > 9 {
        return None;
    }
    let id = id_digits.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })?;
    (number >= 1 && number <= total).then_some(Group { number, total, id })
}

fn parse_small(digits: &[u8]) -> Option<u8> {
    if digits.is_empty() || digits.len() > 2 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0, |acc, &b| acc * 10 + (b - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_is_space_to_tilde() {
        for len in [1, 8, 13] {
            // Each byte value at each position of a word and of the remainder.
            for at in 0..len {
                let printable: Vec<u8> = (0..=255u8)
                    .filter(|&b| {
                        let mut bytes = vec![b'A'; len];
                        bytes[at] = b;
                        is_printable(&bytes)
                    })
                    .collect();
                assert_eq!(printable, (b' '..=b'~').collect::<Vec<u8>>(), "{len} {at}");
            }
        }
        assert!(is_printable(b"s:rEV02,c:1334337317") && is_printable(b""));
        assert!(!is_printable(b"s:KR-DONG\0HAE,c:1334337317"));
    }

    #[test]
    fn reads_source_time_and_group() {
        // AMSA exact-earth-with-tag-block.txt line 1.
        let r = read(b"\\g:1-2-3985,s:rEV02,c:1334337317*2D\\!AIVDM,2,1,9,B,58");
        assert_eq!(r.anomalies, [None, None]);
        assert_eq!(r.tag.source, Some(&b"rEV02"[..]));
        assert_eq!(r.tag.time_ms, Some(1_334_337_317_000));
        assert_eq!(
            r.tag.group,
            Some(Group {
                number: 1,
                total: 2,
                id: 3985
            })
        );
        assert!(r.rest.starts_with(b"!AIVDM"));
    }

    #[test]
    fn millisecond_times_and_placeholder_checksums() {
        let r = read(b"\\c:1599239526500,s:FM112*00\\!AIVDM");
        assert_eq!(r.tag.time_ms, Some(1_599_239_526_500));
        assert_eq!(r.anomalies[0], Some(Anomaly::BadTagBlockChecksum));
    }

    #[test]
    fn bad_groups_and_malformed_blocks_are_flagged_not_fatal() {
        // GFW bad-tagblock-group.nmea and spire-test.nmea.
        assert!(read(b"\\g:1-2--001,c:1599239526*00\\!").tag.group.is_none());
        assert!(read(b"\\g:2-1-1*00\\!").tag.group.is_none());
        // DMA small_cb_example.txt has `\:,c:...\`.
        let r = read(b"\\:,c:1364272372*57\\!AIVDM");
        assert_eq!(r.tag.time_ms, Some(1_364_272_372_000));
        assert!(r.anomalies.contains(&Some(Anomaly::MalformedTagBlock)));
        let unterminated = read(b"\\s:abc,c:1364272372*57");
        assert!(unterminated.rest.is_empty());
        assert_eq!(unterminated.anomalies[0], Some(Anomaly::MalformedTagBlock));
    }
}
