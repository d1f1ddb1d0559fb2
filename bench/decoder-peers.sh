#!/usr/bin/env bash
# Whole-process decoder timings against peers on the same input in the same hyperfine run.
# Usage: bench/decoder-peers.sh [WORKDIR]   (needs hyperfine, gpsdecode, python3 with pyais and libais;
# pip install pyais==3.3.1 libais)
# Builds WORKDIR/big.nmea: the DMA capture's complete AIS sentences repeated 447 times
# (2,002,560 sentences, 98.8 MB), as in tests/data/ais/NOTES.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/lookout-bench}
mkdir -p "$work"
shared="$repo/tests/data/ais"
if [ ! -s "$work/big.nmea" ]; then
  tr -d '\r' < "$shared/dma-aislib/stream_example.txt" \
    | grep -aE '^![A-Z]{2}VD[MO],[^*]*\*[0-9A-F]{2}$' > "$work/base.nmea"
  for _ in $(seq 447); do cat "$work/base.nmea"; done > "$work/big.nmea"
fi
cargo build --release --quiet --manifest-path "$repo/Cargo.toml" -p lookout
cargo build --release --quiet --manifest-path "$repo/bench/rust-peers/Cargo.toml" --target-dir "$work/rust-peers"
lookout="${CARGO_TARGET_DIR:-$repo/target}/release/lookout"
peers="$work/rust-peers/release"
cat > "$work/bench_pyais.py" <<'PY'
import sys
from pyais.stream import FileReaderStream
ok = err = 0
for msg in FileReaderStream(sys.argv[1]):
    try:
        msg.decode(); ok += 1
    except Exception:
        err += 1
print(f"pyais decoded={ok} errors={err}", file=sys.stderr)
PY
cat > "$work/bench_libais.py" <<'PY'
import sys, ais
ok = err = 0
with open(sys.argv[1]) as f:
    for line in f:
        parts = line.split(',')
        if len(parts) < 7 or parts[1] != '1':
            continue  # single-sentence messages only: libais's Python API takes one payload
        try:
            ais.decode(parts[5], int(parts[6][0])); ok += 1
        except Exception:
            err += 1
print(f"libais decoded={ok} errors={err}", file=sys.stderr)
PY
head -n 200000 "$work/big.nmea" > "$work/slice.nmea"
echo "== Rust decoders and gpsdecode, whole file, one core"
taskset -c 0 hyperfine -N -w 1 -r "${RUNS:-5}" --export-markdown "$work/rust.md" \
  "$lookout decode --format none $work/big.nmea" \
  "$peers/bench_ais $work/big.nmea" \
  "$peers/bench_aivdm $work/big.nmea"
echo "== JSON output against gpsdecode -j"
taskset -c 0 hyperfine -w 1 -r "${RUNS:-5}" --export-markdown "$work/json.md" \
  "$lookout decode $work/big.nmea > /dev/null" \
  "gpsdecode -j < $work/big.nmea > /dev/null" \
  "cat $work/big.nmea > /dev/null"
echo "== pyais and libais on a 200,000-line slice (the full file takes minutes)"
taskset -c 0 hyperfine -N -w 1 -r 3 --export-markdown "$work/pyais.md" \
  "$lookout decode --format none $work/slice.nmea" \
  "python3 $work/bench_pyais.py $work/slice.nmea" \
  "python3 $work/bench_libais.py $work/slice.nmea"
