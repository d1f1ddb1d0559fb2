//! Message-layer hot paths: payload to typed message, message to JSON (serde and the direct
//! writer), message to payload and sentences.
//!
//! `cargo bench -p lookout-ais --bench message`. Payloads are real messages (pyais README and
//! the DMA capture in `tests/data/ais/dma-aislib/stream_example.txt`).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use lookout_ais::encode::{encode_payload, to_sentences};
use lookout_ais::message::decode;

/// Type 1, 168 bits.
const TYPE1: &str = "15NG6V0P01G?cFhE`R2IU?wn28R>";
/// Type 5, 424 bits (two sentences joined).
const TYPE5: &str = "53`eSP025ij108M:221<D60`4<f222222222220Q000005?G0>5CQ1D`53mp88888888880";
/// Type 18, 168 bits.
const TYPE18: &str = "B>qc:003wk?8mP=18D3Q3wgTiT;T";

fn payloads() -> [(&'static str, &'static str, u8); 3] {
    [
        ("type1", TYPE1, 0),
        ("type5", TYPE5, 2),
        ("type18", TYPE18, 0),
    ]
}

fn bench(c: &mut Criterion) {
    for (name, payload, fill) in payloads() {
        // Payloads that do not decode would make the numbers meaningless.
        let msg = decode(payload.as_bytes(), fill).expect(name);
        c.bench_function(&format!("decode/{name}"), |b| {
            b.iter(|| decode(black_box(payload.as_bytes()), black_box(fill)))
        });
        let mut out = Vec::with_capacity(1024);
        c.bench_function(&format!("json/{name}"), |b| {
            b.iter(|| {
                out.clear();
                serde_json::to_writer(&mut out, black_box(&msg)).unwrap();
                out.len()
            })
        });
        c.bench_function(&format!("write_json/{name}"), |b| {
            b.iter(|| {
                out.clear();
                black_box(&msg).write_json(&mut out);
                out.len()
            })
        });
        c.bench_function(&format!("encode_payload/{name}"), |b| {
            b.iter(|| encode_payload(black_box(&msg)))
        });
        c.bench_function(&format!("to_sentences/{name}"), |b| {
            b.iter(|| to_sentences(black_box(&msg), "AIVDM", 'A', 1))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
