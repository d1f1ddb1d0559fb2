//! Encoder round trips: encode -> decode gives the same message (property tests over the whole
//! value space of each layout, which also check `write_json` against serde), sentences built by `to_sentences` go through the sentence layer,
//! and re-encoding real messages from the shared captures reproduces their payload bits.

use std::collections::HashMap;
use std::io::BufRead;

use lookout_ais::bits::{BitWriter, Bits};
use lookout_ais::encode::{encode_payload, to_sentences};
use lookout_ais::message::{
    decode, deg_to_min1e4, AisMessage, AisString, ClassBPositionReport, LongRangeBroadcast,
    PositionReport, StaticAndVoyageData, StaticDataPartA, StaticDataReport,
};
use lookout_ais::Decoder;
use proptest::prelude::*;

/// A layout to fuzz: message type, length in bits and fixed fields `(offset, width, value)`
/// that select the layout.
struct Layout {
    msg_type: u64,
    bits: usize,
    fixed: &'static [(usize, usize, u64)],
}

const fn layout(msg_type: u64, bits: usize, fixed: &'static [(usize, usize, u64)]) -> Layout {
    Layout {
        msg_type,
        bits,
        fixed,
    }
}

/// Every layout at its standard length, and some shorter or variable lengths.
const LAYOUTS: &[Layout] = &[
    layout(1, 168, &[]),
    layout(2, 168, &[]),
    layout(3, 168, &[]),
    layout(4, 168, &[]),
    layout(5, 424, &[]),
    layout(6, 88, &[(72, 10, 0)]),
    layout(6, 88 + 8 * 12 + 3, &[(72, 10, 0)]),
    layout(6, 360, &[(72, 10, 1), (82, 6, 18)]),
    layout(6, 72, &[(40, 10, 1), (50, 6, 16)]),
    layout(6, 136, &[(72, 10, 1), (82, 6, 16)]),
    layout(6, 360, &[(72, 10, 1), (82, 6, 20)]),
    layout(6, 100 + 17 * 3, &[(72, 10, 1), (82, 6, 25)]),
    layout(8, 360, &[(40, 10, 1), (50, 6, 19)]),
    layout(8, 360, &[(40, 10, 1), (50, 6, 21), (56, 1, 0)]),
    layout(8, 360, &[(40, 10, 1), (50, 6, 24)]),
    layout(8, 256, &[(40, 10, 200), (50, 6, 23)]),
    layout(8, 168, &[(40, 10, 200), (50, 6, 40)]),
    layout(7, 72, &[]),
    layout(7, 168, &[]),
    layout(8, 56 + 100, &[(40, 10, 0)]),
    layout(8, 352, &[(40, 10, 1), (50, 6, 11)]),
    layout(8, 360, &[(40, 10, 1), (50, 6, 31)]),
    layout(8, 168, &[(40, 10, 200), (50, 6, 10)]),
    layout(8, 68 + 6 * 20, &[(40, 10, 1), (50, 6, 0)]),
    layout(8, 111 + 87, &[(40, 10, 1), (50, 6, 22)]),
    layout(9, 168, &[]),
    layout(10, 72, &[]),
    layout(11, 168, &[]),
    layout(12, 72 + 6 * 15, &[]),
    layout(13, 104, &[]),
    layout(14, 40 + 6 * 30, &[]),
    layout(15, 160, &[]),
    layout(16, 96, &[]),
    layout(16, 144, &[]),
    layout(17, 80 + 8 * 30, &[]),
    layout(18, 168, &[]),
    layout(19, 312, &[]),
    layout(20, 72, &[]),
    layout(20, 104, &[]),
    layout(20, 160, &[]),
    layout(21, 272, &[]),
    layout(21, 272 + 6 * 4, &[]),
    layout(22, 168, &[(139, 1, 0)]),
    layout(22, 168, &[(139, 1, 1)]),
    layout(23, 160, &[]),
    layout(24, 168, &[(38, 2, 0)]),
    layout(24, 168, &[(38, 2, 1)]),
    layout(24, 168, &[(8, 30, 981_234_567), (38, 2, 1)]),
    layout(25, 40 + 128, &[(38, 2, 0)]),
    layout(25, 56 + 112, &[(38, 2, 1)]),
    layout(25, 70 + 98, &[(38, 2, 2)]),
    layout(25, 86 + 82, &[(38, 2, 3)]),
    layout(26, 40 + 20 * 8, &[(38, 2, 0)]),
    layout(26, 86 + 30 * 8 + 3, &[(38, 2, 3)]),
    layout(27, 96, &[]),
    layout(5, 420, &[]),
    layout(24, 160, &[(38, 2, 0)]),
    layout(1, 150, &[]),
    layout(14, 40 + 6 * 7 + 4, &[]),
];

/// The six-bit armor alphabet.
const ARMOR: &str = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw";

/// Random bits for `layout`, armored.
fn random_payload(layout: &Layout, bytes: &[u8]) -> (String, u8) {
    let mut w = BitWriter::new();
    w.put(layout.msg_type, 6);
    w.put_bits(bytes, layout.bits - 6);
    let (payload, fill) = w.armor();
    // Overwrite the fields that select the layout.
    let b = Bits::unarmor(payload.as_bytes(), fill).unwrap();
    let mut bits = vec![0u8; layout.bits.div_ceil(8)];
    b.copy_bits(0, layout.bits, &mut bits);
    for &(off, width, value) in layout.fixed {
        for i in 0..width {
            let bit = (value >> (width - 1 - i)) & 1;
            let pos = off + i;
            let mask = 0x80u8 >> (pos % 8);
            if bit == 1 {
                bits[pos / 8] |= mask;
            } else {
                bits[pos / 8] &= !mask;
            }
        }
    }
    let mut w = BitWriter::new();
    w.put_bits(&bits, layout.bits);
    w.armor()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any bit pattern of a layout decodes, re-encodes to the same bits, and decodes again to
    /// the same message.
    #[test]
    fn any_layout_bits_round_trip(
        which in 0..LAYOUTS.len(),
        bytes in proptest::collection::vec(any::<u8>(), 128),
    ) {
        let layout = &LAYOUTS[which];
        let (payload, fill) = random_payload(layout, &bytes);
        let msg = decode(payload.as_bytes(), fill).unwrap();
        prop_assert_eq!(u64::from(msg.msg_type()), layout.msg_type);
        let encoded = encode_payload(&msg).unwrap();
        prop_assert_eq!(&encoded, &(payload.clone(), fill), "{:?}", msg);
        let again = decode(encoded.0.as_bytes(), encoded.1).unwrap();
        prop_assert_eq!(&again, &msg);
        // The direct JSON writer agrees with serde on any field values.
        let mut fast = Vec::new();
        msg.write_json(&mut fast);
        let fast: serde_json::Value = serde_json::from_slice(&fast).unwrap();
        prop_assert_eq!(fast, serde_json::to_value(&msg).unwrap());
    }

    /// Arbitrary payloads (any bytes, any fill) never panic; whatever decodes serializes both
    /// ways to the same JSON and re-encodes, and when the re-encoding has the same length the
    /// message comes back unchanged (short and odd-length messages included).
    #[test]
    fn arbitrary_payloads_never_panic_and_round_trip(
        payload in proptest::collection::vec(
            prop_oneof![99 => proptest::sample::select(ARMOR.as_bytes().to_vec()), 1 => any::<u8>()],
            0..200,
        ),
        fill in 0u8..8,
    ) {
        let Ok(msg) = decode(&payload, fill) else {
            return Ok(());
        };
        let mut fast = Vec::new();
        msg.write_json(&mut fast);
        let fast: serde_json::Value = serde_json::from_slice(&fast).unwrap();
        prop_assert_eq!(fast, serde_json::to_value(&msg).unwrap());
        let (p, f) = encode_payload(&msg).unwrap();
        let again = decode(p.as_bytes(), f).unwrap();
        if p.len() * 6 - usize::from(f) == usize::from(msg.bit_len()) {
            prop_assert_eq!(again, msg);
        }
    }

    /// Position reports built in code (as the simulator does) survive encode -> decode, with
    /// positions within 1/10000 minute.
    #[test]
    fn built_position_reports_round_trip(
        msg_type in 1u8..=3,
        mmsi in 0u32..(1 << 30),
        lat in -90.0f64..90.0,
        lon in -180.0f64..180.0,
        speed in 0u16..1024,
        course in 0u16..3601,
        heading in 0u16..512,
        turn in any::<i8>(),
        status in 0u8..16,
        second in 0u8..64,
    ) {
        let report = PositionReport {
            msg_type,
            mmsi,
            lat: deg_to_min1e4(lat),
            lon: deg_to_min1e4(lon),
            speed,
            course,
            heading,
            turn,
            status,
            second,
            ..Default::default()
        };
        let msg = AisMessage::PositionReport(report);
        let (payload, fill) = encode_payload(&msg).unwrap();
        prop_assert_eq!(payload.len(), 28);
        prop_assert_eq!(fill, 0);
        let back = decode(payload.as_bytes(), fill).unwrap();
        prop_assert_eq!(&back, &msg);
        let AisMessage::PositionReport(p) = back else { unreachable!() };
        prop_assert!((p.lat_deg().unwrap() - lat).abs() < 1.0 / 600_000.0);
        prop_assert!((p.lon_deg().unwrap() - lon).abs() < 1.0 / 600_000.0);
    }

    /// Static data built in code: text is uppercased and padded with `@`, and reads back.
    #[test]
    fn built_static_data_round_trips(
        name in "[A-Z0-9 ]{0,20}",
        callsign in "[A-Z0-9]{0,7}",
        destination in "[A-Z0-9 ,.]{0,20}",
        draught in any::<u8>(),
        imo in 0u32..(1 << 30),
    ) {
        let msg = AisMessage::StaticAndVoyageData(StaticAndVoyageData {
            mmsi: 273_000_001,
            imo,
            shipname: AisString::new(&name).unwrap(),
            callsign: AisString::new(&callsign).unwrap(),
            destination: AisString::new(&destination).unwrap(),
            draught,
            ..Default::default()
        });
        let (payload, fill) = encode_payload(&msg).unwrap();
        prop_assert_eq!((payload.len(), fill), (71, 2));
        let back = decode(payload.as_bytes(), fill).unwrap();
        prop_assert_eq!(&back, &msg);
        let AisMessage::StaticAndVoyageData(s) = back else { unreachable!() };
        prop_assert_eq!(s.shipname.as_str(), name.trim());
    }
}

/// Sentences from `to_sentences` go through the sentence layer and give the message back,
/// single-part and multi-part, VDM and VDO.
#[test]
fn sentences_decode_through_the_sentence_layer() {
    let messages = [
        AisMessage::PositionReport(PositionReport {
            mmsi: 477_000_001,
            lat: deg_to_min1e4(42.24),
            lon: deg_to_min1e4(130.63),
            speed: 115,
            course: 2_240,
            heading: 223,
            status: 0,
            turn: 0,
            second: 17,
            ..Default::default()
        }),
        AisMessage::StaticAndVoyageData(StaticAndVoyageData {
            mmsi: 273_000_001,
            imo: 9_000_001,
            shipname: AisString::new("ANGARA").unwrap(),
            callsign: AisString::new("UBXX1").unwrap(),
            destination: AisString::new("DUNAI").unwrap(),
            ship_type: 70,
            draught: 62,
            ..Default::default()
        }),
        AisMessage::ClassBPositionReport(ClassBPositionReport {
            mmsi: 273_000_002,
            ..Default::default()
        }),
        AisMessage::StaticDataReport(StaticDataReport::PartA(StaticDataPartA {
            msg_type: 24,
            repeat: 0,
            mmsi: 273_000_002,
            partno: 0,
            shipname: AisString::new("MARIA").unwrap(),
            spare_1: 0,
            bit_len: StaticDataPartA::BITS,
        })),
        AisMessage::LongRangeBroadcast(LongRangeBroadcast {
            mmsi: 273_000_003,
            lat: 42 * 600 + 15,
            lon: 130 * 600 + 38,
            speed: 11,
            course: 224,
            status: 0,
            ..Default::default()
        }),
    ];
    for (i, msg) in messages.iter().enumerate() {
        for talker in ["AIVDM", "AIVDO", "BSVDM"] {
            let sentences = to_sentences(msg, talker, 'A', (i % 10) as u8).unwrap();
            let mut out = Vec::new();
            let mut decoder = Decoder::new();
            for s in &sentences {
                assert!(s.len() <= 82, "{s}");
                decoder.feed_line(s.as_bytes(), |d| out.push(d.message));
            }
            assert_eq!(out, std::slice::from_ref(msg), "{sentences:?}");
        }
    }
    let type5 = to_sentences(&messages[1], "AIVDM", 'B', 3).unwrap();
    assert_eq!(type5.len(), 2);
    assert!(type5[0].starts_with("!AIVDM,2,1,3,B,"));
    assert!(type5[1].starts_with("!AIVDM,2,2,3,B,"));
}

/// The shared captures' directory.
fn shared_ais() -> std::path::PathBuf {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/ais")).to_path_buf()
}

/// Payloads and fill bits of the messages in a capture: a minimal assembler (fragments of one
/// message joined by sequence id and channel), enough for this test.
fn payloads(path: &std::path::Path) -> Vec<(String, u8)> {
    let file = std::fs::File::open(path).unwrap();
    let reader: Box<dyn BufRead> = Box::new(std::io::BufReader::new(file));
    let mut out = Vec::new();
    let mut pending: HashMap<(String, String), Vec<String>> = HashMap::new();
    for line in reader.split(b'\n') {
        let line = String::from_utf8_lossy(&line.unwrap()).into_owned();
        for part in line.split('!').skip(1) {
            let fields: Vec<&str> = part.split(',').collect();
            if fields.len() < 7 || !fields[0].ends_with("VDM") && !fields[0].ends_with("VDO") {
                continue;
            }
            let (Ok(n), Ok(k)) = (fields[1].parse::<usize>(), fields[2].parse::<usize>()) else {
                continue;
            };
            let Some(fill) = fields[6].get(..1).and_then(|f| f.parse::<u8>().ok()) else {
                continue;
            };
            let key = (fields[3].to_string(), fields[4].to_string());
            if n == 1 {
                out.push((fields[5].to_string(), fill));
                continue;
            }
            let parts = pending.entry(key.clone()).or_default();
            if k == 1 {
                parts.clear();
            }
            if parts.len() + 1 != k {
                pending.remove(&key);
                continue;
            }
            parts.push(fields[5].to_string());
            if k == n {
                out.push((parts.concat(), fill));
                pending.remove(&key);
            }
        }
    }
    out
}

/// `payload` with its fill bits zeroed (transmitters may leave garbage there).
fn canonical(payload: &str, fill: u8) -> (String, u8) {
    let b = Bits::unarmor(payload.as_bytes(), fill).unwrap();
    let mut bytes = [0u8; 128];
    b.copy_bits(0, b.len(), &mut bytes);
    let mut w = BitWriter::new();
    w.put_bits(&bytes, b.len());
    w.armor()
}

/// Re-encoding real messages of the encoder's core types at their standard length reproduces
/// the transmitted bits.
#[test]
fn real_messages_reencode_to_their_original_bits() {
    let files = [
        "dma-aislib/stream_example.txt",
        "gpsd/sample.aivdm",
        "gpsd/ais-nmea-type6-fid55.log",
        "gpsd/ais-18-27.log",
        "gpsd/ais_unpack_sixbit.log",
        "aisdb/test_data_20211101.nm4",
        "amsa-risky/exact-earth-augmented.txt",
    ];
    let mut checked: HashMap<u8, usize> = HashMap::new();
    for file in files {
        for (payload, fill) in payloads(&shared_ais().join(file)) {
            let Ok(msg) = decode(payload.as_bytes(), fill) else {
                continue;
            };
            let standard = match &msg {
                AisMessage::PositionReport(m) => m.bit_len == PositionReport::BITS,
                AisMessage::StaticAndVoyageData(m) => m.bit_len == StaticAndVoyageData::BITS,
                AisMessage::ClassBPositionReport(m) => m.bit_len == ClassBPositionReport::BITS,
                AisMessage::ExtendedClassBPositionReport(m) => m.bit_len == 312,
                AisMessage::StaticDataReport(m) => {
                    use lookout_ais::message::Header;
                    m.bit_len() == m.standard_bits()
                }
                AisMessage::LongRangeBroadcast(m) => m.bit_len == LongRangeBroadcast::BITS,
                _ => false,
            };
            if !standard {
                continue;
            }
            assert_eq!(
                encode_payload(&msg).unwrap(),
                canonical(&payload, fill),
                "{file}: {payload}"
            );
            *checked.entry(msg.msg_type()).or_default() += 1;
        }
    }
    for t in [1, 2, 3, 5, 18, 19, 24, 27] {
        assert!(
            checked.get(&t).copied().unwrap_or(0) > 0,
            "no type {t} checked: {checked:?}"
        );
    }
}
