#!/bin/sh
# Store/ingest benchmark (docs/performance.md, "Store and ingest"): Lookout ingest vs pyais +
# pandas writing Parquet, same input, same hyperfine run.
# Needs: hyperfine, python3 with pyais, pandas, pyarrow. Run from the repository root.
set -e
OUT=${OUT:-/tmp/lookout-store-bench}
COPIES=${COPIES:-100}
mkdir -p "$OUT"
python3 crates/lookout-ingest/bench/make_input.py tests/data/ais/aisdb/test_data_20211101.nm4 "$COPIES" "$OUT/bench_20211101.nm4"
cargo build --release -p lookout-ingest --example ingest_files
BIN=target/release/examples/ingest_files
hyperfine --warmup 1 --runs 3 --export-markdown "$OUT/hyperfine.md" \
  --prepare "rm -rf $OUT/store $OUT/pyais-*.parquet" \
  "$BIN $OUT/store $OUT/bench_20211101.nm4" \
  "python3 crates/lookout-ingest/bench/pyais_parquet.py $OUT/bench_20211101.nm4 $OUT/pyais"
du -sb "$OUT/bench_20211101.nm4" "$OUT/store/positions" "$OUT/store/statics" "$OUT"/pyais-*.parquet
