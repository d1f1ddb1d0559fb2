//! Text in tag blocks is printable ASCII or it is not used: a NUL leaves the XOR checksum
//! unchanged and other control characters can be written with a matching checksum, so the
//! checksum cannot keep them out of the receiving station's name.

use lookout_ais::nmea::checksum;
use lookout_ais::{Decoded, Decoder};

/// The README's position report (MMSI 367380120) behind a tag block with a matching checksum.
fn tagged(block: &[u8]) -> Vec<u8> {
    let mut line = b"\\".to_vec();
    line.extend_from_slice(block);
    line.extend_from_slice(format!("*{:02X}\\", checksum(block)).as_bytes());
    line.extend_from_slice(b"!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05");
    line
}

fn decode(line: &[u8]) -> (Vec<Decoded>, Decoder) {
    let mut decoder = Decoder::new();
    let mut out = Vec::new();
    decoder.feed_line(line, |d| out.push(d));
    (out, decoder)
}

#[test]
fn a_station_name_with_a_control_character_is_not_used() {
    for station in [
        &b"KR-DONG\0HAE"[..],
        b"KR\x01",
        b"\x1b[31mRED",
        b"DEL\x7f",
        b"TAB\tBED",
        "CAF\u{e9}".as_bytes(),
        "NEL\u{85}".as_bytes(),
    ] {
        let mut block = b"s:".to_vec();
        block.extend_from_slice(station);
        block.extend_from_slice(b",c:1599239526");
        let (out, decoder) = decode(&tagged(&block));
        let shown = String::from_utf8_lossy(station);
        assert_eq!(out.len(), 1, "{shown:?}: the message is decoded");
        let meta = &out[0].meta;
        assert_eq!(meta.source, None, "{shown:?} is not a station");
        assert_eq!(
            meta.rx_time_ms,
            Some(1_599_239_526_000),
            "{shown:?}: c: is used"
        );
        let stats = decoder.stats();
        assert_eq!(
            stats.anomalies.get("unprintable_tag_block_field"),
            Some(&1),
            "{shown:?}: {stats}"
        );
        assert!(
            !stats.anomalies.contains_key("bad_tag_block_checksum"),
            "{stats}"
        );
    }
}

#[test]
fn a_time_or_group_with_a_control_character_is_not_used() {
    let (out, decoder) = decode(&tagged(b"s:rEV02,c:15992\x0039526"));
    assert_eq!(out[0].meta.rx_time_ms, None);
    assert_eq!(out[0].meta.source.as_deref(), Some("rEV02"));
    assert_eq!(
        decoder.stats().anomalies.get("unprintable_tag_block_field"),
        Some(&1)
    );
    let (_, decoder) = decode(&tagged(b"g:1-1-\x0012,s:rEV02"));
    assert_eq!(
        decoder.stats().anomalies.get("unprintable_tag_block_field"),
        Some(&1)
    );
}

#[test]
fn printable_stations_are_kept() {
    let (out, decoder) = decode(&tagged(b"s:KR-DONG HAE_1/2,c:1599239526"));
    assert_eq!(out[0].meta.source.as_deref(), Some("KR-DONG HAE_1/2"));
    assert!(decoder.stats().anomalies.is_empty(), "{}", decoder.stats());
}
