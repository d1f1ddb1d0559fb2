//! Decoder behaviour on the real captures: receive times and stations from tag blocks, `$PGHP`
//! headers and trailing fields; two sentences on a line; rejects counted by reason; and every
//! line of every capture accounted for in the stats.

mod support;

use std::path::PathBuf;

use lookout_ais::nmea::TimeSource;
use lookout_ais::{Decoder, Stats};

fn capture(name: &str) -> PathBuf {
    support::data_dir().join(name)
}

/// Every NMEA capture (the inputs of the pyais references).
fn all_captures() -> Vec<PathBuf> {
    let root = support::reference_dir().join("pyais");
    support::files_with_suffix(&root, ".jsonl.gz")
        .iter()
        .map(|r| support::capture_for(r, &root))
        .collect()
}

#[test]
fn tag_block_time_and_source_travel_with_each_message() {
    // aisdb: \s:<station>,c:<unix>,t:<unix>*hh\ on 997 of 1000 lines, 2021-11-01 01:58-01:59 UTC
    let (out, stats) = support::decode_file(&capture("aisdb/test_data_20211101.nm4"));
    assert_eq!(out.len(), 979, "{stats}");
    let lo = 1_635_731_887_000; // 2021-11-01T01:58:07Z
    let hi = 1_635_731_946_000; // 2021-11-01T01:59:06Z
    for d in &out {
        assert_eq!(
            d.meta.time_source,
            TimeSource::TagBlock,
            "line {}",
            d.meta.line
        );
        let t = d.meta.rx_time_ms.expect("time");
        assert!((lo..=hi).contains(&t), "line {}: {t}", d.meta.line);
        assert!(d.meta.source.is_some(), "line {}", d.meta.line);
    }
    // the channel field is empty on most lines
    assert!(out.iter().filter(|d| d.meta.channel.is_none()).count() > 900);
}

#[test]
fn placeholder_tag_block_checksums_are_counted_and_their_times_kept() {
    // amsa-risky/nmea-timestamped.txt: all 100 tag blocks end in the fake checksum *00
    let (out, stats) = support::decode_file(&capture("amsa-risky/nmea-timestamped.txt"));
    assert_eq!(out.len(), 100);
    assert_eq!(
        stats.anomalies.get("bad_tag_block_checksum"),
        Some(&100),
        "{stats}"
    );
    assert!(out
        .iter()
        .all(|d| d.meta.time_source == TimeSource::TagBlock));
}

#[test]
fn gatehouse_headers_time_the_next_sentence() {
    // dma-aislib/replay_dump.txt: $PGHP,1,2013,3,18,9,19,9,499,... before each !BSVDM
    let (out, stats) = support::decode_file(&capture("dma-aislib/replay_dump.txt"));
    assert_eq!(out.len(), 50, "{stats}");
    assert!(out
        .iter()
        .all(|d| d.meta.time_source == TimeSource::Gatehouse));
    assert_eq!(out[0].meta.rx_time_ms, Some(1_363_598_349_499)); // 2013-03-18T09:19:09.499Z
    assert_eq!(&out[0].meta.talker, b"BS");
}

#[test]
fn trailing_unix_times_and_uscg_stations_are_read() {
    // libais/test.aivdm: ...,0*70,b003669794,1272412827
    let (out, _) = support::decode_file(&capture("libais/test.aivdm"));
    let first = &out[0];
    assert_eq!(first.meta.time_source, TimeSource::Trailing);
    assert_eq!(first.meta.rx_time_ms, Some(1_272_412_827_000));
    assert_eq!(first.meta.source.as_deref(), Some("b003669794"));
    assert!(out
        .iter()
        .all(|d| d.meta.time_source == TimeSource::Trailing));

    // exactEarth: a $PGHP header and a 13-digit millisecond trailing time on every line; the
    // header comes first in the priority order
    let (out, _) = support::decode_file(&capture("amsa-risky/exact-earth-augmented.txt"));
    assert!(out.len() > 3900);
    assert!(out
        .iter()
        .all(|d| d.meta.rx_time_ms.is_some() && d.meta.time_source != TimeSource::None));
}

#[test]
fn two_sentences_on_one_line_are_both_read() {
    // gfw-ais-tools/bad-type5.nmea: both parts of a type 5 on one line, each with its own tag
    // block; the parts' c: times differ by one second and the first part's time is kept
    let (out, stats) = support::decode_file(&capture("gfw-ais-tools/bad-type5.nmea"));
    assert_eq!(out.len(), 3, "{stats}");
    assert!(out
        .iter()
        .all(|d| d.message.msg_type() == 5 && d.meta.fragments == 2));
    assert_eq!(out[0].meta.rx_time_ms, Some(1_698_785_948_000));
    assert_eq!(out[0].meta.source.as_deref(), Some("rMT2083"));
}

#[test]
fn the_literal_backslash_r_backslash_n_joins_two_sentences() {
    // dma-aislib/ais250.txt: 8 lines hold both parts joined by the text `\r\n`
    let path = capture("dma-aislib/ais250.txt");
    let lines = support::lines(&path);
    let joined: Vec<u64> = (1..=lines.len() as u64)
        .filter(|&n| lines[n as usize - 1].windows(4).any(|w| w == br"\r\n"))
        .collect();
    assert_eq!(joined.len(), 8);
    let (out, stats) = support::decode_file(&path);
    for n in &joined {
        let d = out.iter().find(|d| d.meta.line == *n).expect("decoded");
        assert_eq!(d.meta.fragments, 2, "line {n}");
    }
    assert_eq!(stats.total_rejects(), 0, "{stats}");
}

#[test]
fn rejects_are_counted_by_reason() {
    // AMSA: 3 sentences with a bad checksum; line 12617, a `!=IVDM` without one, is a
    // missing checksum (as are truncated sentences and other NMEA lines cut short); about
    // 1,500 `!=IVDM` sentences are decoded with an odd_talker anomaly
    let path = capture("amsa-risky/ais.txt.gz");
    let (_, stats) = support::decode_file(&path);
    assert_eq!(stats.rejects.get("bad_checksum"), Some(&3), "{stats}");
    assert!(
        stats.anomalies.get("odd_talker").copied().unwrap_or(0) >= 1490,
        "{stats}"
    );
    let lines = support::lines(&path);
    let (out, alone) = support::decode_lines([lines[12616].as_slice()]);
    assert!(out.is_empty());
    assert_eq!(alone.rejects.get("missing_checksum"), Some(&1), "{alone}");
    // GFW errors.nmea: 2 bad checksums
    let (_, stats) = support::decode_file(&capture("gfw-ais-tools/errors.nmea"));
    assert_eq!(stats.rejects.get("bad_checksum"), Some(&2), "{stats}");
    // pyais: 100 `!AIVDM,1,1,,B,,0*25` lines
    let (_, stats) = support::decode_file(&capture("pyais/nmea_data_sample.txt"));
    assert_eq!(stats.rejects.get("empty_payload"), Some(&100), "{stats}");
}

#[test]
fn fragment_count_zero_is_rejected() {
    // pyais issue #177: `!AAVDM,0,1,...` broke its assembly; here it is one counted reject and
    // the real sentence after it still decodes
    let real = b"!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05";
    let body = "AAVDM,0,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0";
    let zero = format!(
        "!{body}*{:02X}",
        lookout_ais::nmea::checksum(body.as_bytes())
    );
    let (out, stats) = support::decode_lines([zero.as_bytes(), real.as_slice()]);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].meta.line, 2);
    assert_eq!(
        stats.rejects.get("bad_fragment_number"),
        Some(&1),
        "{stats}"
    );
}

/// Message-layer reasons: a message handed to the message layer is decoded or one of these.
const MESSAGE_REJECTS: [&str; 7] = [
    "empty_payload",
    "bad_payload_char",
    "payload_too_long",
    "bad_fill_bits",
    "unknown_message_type",
    "bad_bit_length",
    "unknown_part_number",
];

#[test]
fn every_line_of_every_capture_is_accounted_for() {
    let captures = all_captures();
    assert!(captures.len() >= 40);
    let mut total = Stats::default();
    for path in captures {
        let mut decoder = Decoder::new();
        let mut emitted = 0u64;
        for (n, line) in support::lines(&path).iter().enumerate() {
            let before = decoder.stats().clone();
            decoder.feed_line(line, |_| emitted += 1);
            let after = decoder.stats();
            let mut same = after.clone();
            same.lines = before.lines;
            assert_ne!(
                same,
                before,
                "{}:{}: line left no trace in the stats: {:?}",
                path.display(),
                n + 1,
                String::from_utf8_lossy(line)
            );
        }
        decoder.finish();
        let stats = decoder.stats();
        assert_eq!(stats.decoded, emitted, "{}", path.display());
        let message_rejects: u64 = MESSAGE_REJECTS
            .iter()
            .filter_map(|r| stats.rejects.get(r))
            .sum();
        assert_eq!(
            stats.messages,
            stats.decoded + message_rejects,
            "{}: {stats}",
            path.display()
        );
        total.merge(stats);
    }
    println!("all captures:\n{total}");
}

#[test]
fn gatehouse_headers_and_lone_tag_blocks_are_counted() {
    let mut decoder = Decoder::new();
    let mut decoded = 0;
    for line in [
        // dma-aislib/replay_dump.txt lines 1 and 3-4, then small_cb_example.txt line 15
        "$PGHP,1,2013,3,18,9,19,9,499,219,,2190048,1,28*23",
        "$PGHP,1,2013,3,18,9,19,10,624,219,,2190048,1,47*16",
        "!BSVDM,1,1,,B,13@ni?GP?w0pFLVP7Lpv4?vF0<0h,0*47",
        "\\c:1354719388*56\\",
    ] {
        decoder.feed_line(line.as_bytes(), |_| decoded += 1);
    }
    let stats = decoder.stats();
    assert_eq!(decoded, 1);
    assert_eq!(stats.gatehouse_headers, 2, "{stats}");
    assert_eq!(
        stats.anomalies.get("unused_gatehouse_header"),
        Some(&1),
        "{stats}"
    );
    assert_eq!(
        stats.anomalies.get("tag_block_without_sentence"),
        Some(&1),
        "{stats}"
    );
}
