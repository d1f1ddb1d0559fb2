//! The sentence layer and everything behind it: the input is split into lines by `LineReader`
//! (given 7 bytes per read, so most lines are joined across reads) and fed to one
//! `Decoder`, so state (multi-part assembly, `$PGHP` headers, eviction) carries across lines.
//! The lines must be those of a plain split at `\n`; every decoded message is serialized, as
//! `lookout decode` would, and encodes back to a payload that decodes to the same message; its
//! station name is printable ASCII; and the stats must account for every line.
#![no_main]

use std::io::Read;

use libfuzzer_sys::fuzz_target;
use lookout_ais::encode::encode_payload;
use lookout_ais::{Decoder, Line, LineReader};

/// The input, at most 7 bytes per read.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.0.len()).min(7);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fuzz_target!(|data: &[u8]| {
    let mut expected: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    if expected.last().is_some_and(|last| last.is_empty()) {
        expected.pop(); // after a final `\n`, or for empty input, there is no further line
    }
    let mut reader = LineReader::new(Trickle(data));
    let mut decoder = Decoder::new();
    let mut lines = 0u64;
    while let Some(line) = reader.next_line().expect("reading a slice cannot fail") {
        let Line::Text(line) = line else {
            panic!("no line of a fuzz input exceeds MAX_LINE");
        };
        assert_eq!(line, expected[lines as usize]);
        lines += 1;
        decoder.feed_line(line, |d| {
            assert!(d.meta.line >= 1 && d.meta.line <= lines);
            assert!(d.meta.fragments >= 1);
            if let Some(source) = d.meta.source.as_deref() {
                assert!(
                    source.bytes().all(|b| (0x20..=0x7e).contains(&b)),
                    "{source:?}"
                );
            }
            std::hint::black_box(serde_json::to_vec(&d.message).expect("serializable"));
            let (payload, fill) = encode_payload(&d.message).expect("what decodes encodes");
            let back = lookout_ais::message::decode(payload.as_bytes(), fill).expect("re-decodes");
            assert_eq!(back, d.message, "decode -> encode -> decode");
        });
    }
    assert_eq!(lines as usize, expected.len());
    decoder.finish();
    let stats = decoder.stats();
    assert_eq!(stats.lines, lines);
    assert!(stats.decoded <= stats.messages);
});
