//! The message layer alone: the first byte picks the fill bits, the rest is the armored payload.
//! Whatever decodes must serialize, and encode back to a payload that decodes to the same
//! message (decode -> encode -> decode).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lookout_ais::encode::encode_payload;
use lookout_ais::message;

fuzz_target!(|data: &[u8]| {
    let Some((&fill, payload)) = data.split_first() else {
        return;
    };
    let fill_bits = fill % 8;
    if let Ok(msg) = message::decode(payload, fill_bits) {
        std::hint::black_box(serde_json::to_vec(&msg).expect("serializable"));
        let (encoded, fill) = encode_payload(&msg).expect("what decodes encodes");
        let back = message::decode(encoded.as_bytes(), fill).expect("re-decodes");
        assert_eq!(back, msg, "payload {encoded} fill {fill}");
    }
});
