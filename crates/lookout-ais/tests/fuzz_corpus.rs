//! Replays the committed fuzz corpus (`fuzz/corpus/`) on stable Rust with the fuzz targets'
//! checks, so inputs that once reached new code paths keep running in the normal test suite
//! (the fuzzers themselves need nightly; see docs/decoder-conformance.md).

use std::path::Path;

use lookout_ais::encode::encode_payload;
use lookout_ais::{message, Decoder, Line, LineReader};

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect()
}

#[test]
fn feed_line_corpus_decodes_without_panics_and_counts_every_line() {
    let inputs = corpus("feed_line");
    assert!(inputs.len() > 100);
    let mut decoded = 0u64;
    for data in &inputs {
        let mut expected: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
        if expected.last().is_some_and(|last| last.is_empty()) {
            expected.pop();
        }
        let mut reader = LineReader::new(&data[..]);
        let mut decoder = Decoder::new();
        let mut lines = 0u64;
        while let Some(line) = reader.next_line().expect("read") {
            let Line::Text(line) = line else {
                panic!("no corpus line exceeds MAX_LINE");
            };
            assert_eq!(line, expected[lines as usize]);
            lines += 1;
            decoder.feed_line(line, |d| {
                assert!((1..=lines).contains(&d.meta.line));
                assert!(d.meta.fragments >= 1);
                if let Some(source) = d.meta.source.as_deref() {
                    assert!(
                        source.bytes().all(|b| (0x20..=0x7e).contains(&b)),
                        "{source:?}"
                    );
                }
                serde_json::to_vec(&d.message).expect("serializable");
                assert_round_trip(&d.message);
            });
        }
        assert_eq!(lines as usize, expected.len());
        decoder.finish();
        let stats = decoder.stats();
        assert_eq!(stats.lines, lines);
        assert!(stats.decoded <= stats.messages);
        decoded += stats.decoded;
    }
    assert!(decoded > 0);
}

/// The fuzz targets' property: what decodes, encodes, and decodes back to the same message.
fn assert_round_trip(msg: &lookout_ais::AisMessage) {
    let (payload, fill) = encode_payload(msg).unwrap_or_else(|e| panic!("{e}: {msg:?}"));
    let back = message::decode(payload.as_bytes(), fill).expect("re-decodes");
    assert_eq!(&back, msg, "payload {payload} fill {fill}");
}

#[test]
fn message_decode_corpus_decodes_without_panics() {
    let inputs = corpus("message_decode");
    assert!(inputs.len() > 100);
    let mut ok = 0;
    for data in &inputs {
        let Some((&fill, payload)) = data.split_first() else {
            continue;
        };
        if let Ok(msg) = message::decode(payload, fill % 8) {
            serde_json::to_vec(&msg).expect("serializable");
            assert_round_trip(&msg);
            ok += 1;
        }
    }
    assert!(ok > 0);
}
