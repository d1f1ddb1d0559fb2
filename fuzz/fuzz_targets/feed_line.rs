//! The sentence layer and everything behind it: the input is split into lines and fed to one
//! `Decoder`, so state (multi-part assembly, `$PGHP` headers, eviction) carries across lines.
//! Every decoded message is serialized, as `lookout decode` would, and the stats must account
//! for every line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lookout_ais::Decoder;

fuzz_target!(|data: &[u8]| {
    let mut decoder = Decoder::new();
    let mut lines = 0u64;
    for line in data.split(|&b| b == b'\n') {
        lines += 1;
        decoder.feed_line(line, |d| {
            assert!(d.meta.line >= 1 && d.meta.line <= lines);
            assert!(d.meta.fragments >= 1);
            std::hint::black_box(serde_json::to_vec(&d.message).expect("serializable"));
        });
    }
    decoder.finish();
    let stats = decoder.stats();
    assert_eq!(stats.lines, lines);
    assert!(stats.decoded <= stats.messages);
});
