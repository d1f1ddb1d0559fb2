//! The message layer alone: the first byte picks the fill bits, the rest is the armored payload.
//! Whatever decodes must serialize, and re-decoding the same input must give the same message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lookout_ais::message;

fuzz_target!(|data: &[u8]| {
    let Some((&fill, payload)) = data.split_first() else {
        return;
    };
    let fill_bits = fill % 8;
    if let Ok(msg) = message::decode(payload, fill_bits) {
        std::hint::black_box(serde_json::to_vec(&msg).expect("serializable"));
        assert_eq!(message::decode(payload, fill_bits).ok(), Some(msg));
    }
});
