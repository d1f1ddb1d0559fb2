//! Whole-decoder throughput on real captures: lines in, typed messages out.
//!
//! `cargo bench -p lookout-ais --bench decoder`. The inputs are read from `tests/data/ais`
//! (beside the repository), the same files the conformance tests use.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lookout_ais::Decoder;

fn capture(relative: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/ais")
        .join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn decode_all(input: &[u8]) -> u64 {
    let mut decoder = Decoder::new();
    let mut count = 0;
    for line in input.split(|&b| b == b'\n') {
        decoder.feed_line(line, |decoded| {
            black_box(&decoded);
            count += 1;
        });
    }
    decoder.finish();
    count
}

fn bench_captures(c: &mut Criterion) {
    let mut group = c.benchmark_group("decoder");
    for (name, file) in [
        ("dma_stream", "dma-aislib/stream_example.txt"),
        ("aisdb_tag_blocks", "aisdb/test_data_20211101.nm4"),
        (
            "exact_earth_pghp_trailing",
            "amsa-risky/exact-earth-augmented.txt",
        ),
    ] {
        let input = capture(file);
        let lines = input.split(|&b| b == b'\n').count() as u64;
        group.throughput(Throughput::Elements(lines));
        group.bench_function(name, |b| b.iter(|| decode_all(black_box(&input))));
    }
    group.finish();
}

criterion_group!(benches, bench_captures);
criterion_main!(benches);
