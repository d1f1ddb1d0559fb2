//! A synthetic fleet for the watch's memory and throughput benchmark (docs/performance.md):
//! `VESSELS` class A ships on straight courses over the Sea of Japan, one position report each
//! every `INTERVAL` seconds for `MINUTES` minutes, as tag-blocked NMEA in time order on
//! stdout. Deterministic; everything in it is synthetic.
//!
//! With `DARK_EVERY` (and `DARK_MINUTES`, default 40), every `DARK_EVERY`-th ship falls silent
//! once for `DARK_MINUTES` minutes, at a time spread over the run: gaps for the latency
//! benchmark (with a gap threshold below `DARK_MINUTES` in the project's `events.toml`).
//!
//! `cargo run --release -p lookout-watch --example fleet -- 100000 60 60 > /tmp/fleet.nmea`
//! `cargo run --release -p lookout-watch --example fleet -- 100000 120 60 50 40 > /tmp/dark.nmea`

use std::io::{BufWriter, Write};

use lookout_ais::encode::to_sentences;
use lookout_ais::message::PositionReport;
use lookout_ais::AisMessage;

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("usage: fleet VESSELS MINUTES INTERVAL_S"))
        .collect();
    let usage = "usage: fleet VESSELS MINUTES INTERVAL_S [DARK_EVERY [DARK_MINUTES]]";
    let (vessels, minutes, interval, dark_every, dark_minutes) = match args[..] {
        [v, m, i] => (v, m, i, 0, 0),
        [v, m, i, d] => (v, m, i, d, 40),
        [v, m, i, d, dm] => (v, m, i, d, dm),
        _ => panic!("{usage}"),
    };
    // The silence of ship `i` (a dark one): [from, to) in seconds since the start, spread
    // over the run after its first 10 minutes.
    let span = (minutes.saturating_sub(dark_minutes + 10)).max(1) * 60;
    let silence = |i: u64| -> Option<(u64, u64)> {
        (dark_every > 0 && i.is_multiple_of(dark_every)).then(|| {
            let from = 600 + (i / dark_every).wrapping_mul(7919) % span;
            (from, from + dark_minutes * 60)
        })
    };
    let start = 1_696_118_400i64; // 2023-10-01T00:00:00Z
    let mut out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    // Start position, course (degrees) and speed (knots) per ship.
    let ships: Vec<(f64, f64, f64, f64)> = (0..vessels)
        .map(|_| {
            (
                38.0 + 4.0 * next(),
                131.0 + 6.0 * next(),
                360.0 * next(),
                6.0 + 10.0 * next(),
            )
        })
        .collect();
    for step in 0..(minutes * 60 / interval) {
        for (i, &(lat0, lon0, course, knots)) in ships.iter().enumerate() {
            let offset = step * interval + i as u64 % interval;
            if silence(i as u64).is_some_and(|(from, to)| offset >= from && offset < to) {
                continue;
            }
            let t = start + offset as i64;
            let hours = (t - start) as f64 / 3600.0;
            let nm = knots * hours;
            let lat = lat0 + nm / 60.0 * course.to_radians().cos();
            let lon = lon0 + nm / 60.0 * course.to_radians().sin() / lat0.to_radians().cos();
            let msg = AisMessage::PositionReport(PositionReport {
                msg_type: 1,
                repeat: 0,
                mmsi: 440_000_000 + i as u32,
                status: 0,
                turn: 0,
                speed: (knots * 10.0) as u16,
                accuracy: true,
                lon: (lon * 600_000.0) as i32,
                lat: (lat * 600_000.0) as i32,
                course: (course * 10.0) as u16 % 3600,
                heading: course as u16 % 360,
                second: (t % 60) as u8,
                maneuver: 0,
                spare_1: 0,
                raim: false,
                radio: 0,
                bit_len: PositionReport::BITS,
            });
            let body = format!("s:FLEET,c:{t}");
            let cs = body.bytes().fold(0u8, |a, b| a ^ b);
            for s in to_sentences(&msg, "AIVDM", 'A', 0).expect("encodes") {
                writeln!(out, "\\{body}*{cs:02X}\\{s}").expect("stdout");
            }
        }
    }
}
