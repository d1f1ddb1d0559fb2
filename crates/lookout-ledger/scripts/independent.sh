#!/usr/bin/env bash
# The ledger on independent worlds (scripts/independent_world.py, built without the simulator
# or the ledger's model): for each seed, generate the world, run `lookout analyze` on it (no
# AIS) and check whether the 90% interval of the total holds the true number delivered.
#
#   crates/lookout-ledger/scripts/independent.sh [FIRST_SEED] [LAST_SEED]
# Needs a release build (cargo build --release -p lookout). LEDGER="key = value; ..." adds [ledger]
# settings to every project, as in calibrate.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
scripts=$root/crates/lookout-ledger/scripts
first=${1:-1}; last=${2:-10}
bin=${CARGO_TARGET_DIR:-$root/target}/release/lookout
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
results=$work/results.txt; : > "$results"
for seed in $(seq "$first" "$last"); do
  p=$work/p$seed; mkdir -p "$p"
  python3 "$scripts/independent_world.py" "$seed" "$p"
  "$scripts/set_ledger.sh" "$p/corridor.toml"
  "$bin" analyze "$p" --out "$work/out$seed" 2>"$work/analyze$seed.log"
  t=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["total"])' "$p/truth.json")
  python3 "$scripts/coverage.py" line "$seed" "$t" "$work/out$seed/ledger.csv" >> "$results"
done
python3 "$scripts/coverage.py" summary "$results"
