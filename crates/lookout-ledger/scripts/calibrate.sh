#!/usr/bin/env bash
# End-to-end calibration of the ledger on the dprk-russia scenario: for each seed, simulate the
# AIS and its ground truth, simulate imagery from the truth, run `lookout analyze` (ingest,
# events, voyages, ledger) and check whether the 90% interval of the sea corridor's total holds
# the true number of containers delivered.
#
#   [KEEP=DIR] crates/lookout-ledger/scripts/calibrate.sh [FIRST_SEED] [LAST_SEED] [BACKGROUND]
# Needs a release build (cargo build --release -p lookout; cargo build --release -p
# lookout-sim --example simulate_imagery). Prints one line per seed and the coverage.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
first=${1:-1}; last=${2:-10}; background=${3:-0}
bin=${CARGO_TARGET_DIR:-$root/target}/release/lookout
img=${CARGO_TARGET_DIR:-$root/target}/release/examples/simulate_imagery
# KEEP=DIR keeps the simulated projects and outputs in DIR (for inspection).
if [ -n "${KEEP:-}" ]; then work=$KEEP; mkdir -p "$work"; else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
hits=0; n=0
for seed in $(seq "$first" "$last"); do
  p=$work/p$seed; mkdir -p "$p/ais"
  "$bin" simulate --scenario "$root/examples/dprk-russia/scenario.toml" --out "$work/sim$seed" \
    --seed "$seed" --background "$background" 2>/dev/null
  mv "$work/sim$seed/ais.nmea" "$p/ais/"
  cp "$root/examples/dprk-russia/corridor.toml" "$p/"
  "$img" "$work/sim$seed/truth.json" "$p" "$seed" 0.5 > "$p/observations.csv" 2>/dev/null
  "$bin" analyze "$p" --out "$work/out$seed" 2>/dev/null
  line=$(python3 - "$work/sim$seed/truth.json" "$work/out$seed/ledger.csv" <<'PY'
import csv, json, sys
truth = json.load(open(sys.argv[1]))
rows = [r for r in csv.DictReader(open(sys.argv[2])) if r["corridor"].endswith("(sea)")]
last = rows[-1]
lo, c, hi = (float(last[k]) for k in ("cumulative_low", "cumulative_central", "cumulative_high"))
t = sum(v["cargo_containers"] for v in truth["voyages"]
        if v["origin"].startswith("Rajin") and v["destination"].split(" ")[0] in ("Dunai", "Vostochny")
        and "2023-08-10" <= v["arrive_time"] < "2024-03-31")
print(f"{t} {lo:.0f} {c:.0f} {hi:.0f} {int(lo <= t <= hi)}")
PY
)
  read -r t lo c hi hit <<<"$line"
  echo "seed $seed: true $t, ledger $c (90% $lo - $hi) $([ "$hit" = 1 ] && echo inside || echo OUTSIDE)"
  hits=$((hits + hit)); n=$((n + 1))
done
echo "coverage: $hits of $n seeds inside the 90% interval"
