#!/usr/bin/env bash
# The ledger on independent worlds (scripts/independent_world.py, built without the simulator
# or the ledger's model): for each seed, generate the world, run `lookout analyze` on it (no
# AIS) and check whether the 90% interval of the total holds the true number delivered.
#
#   crates/lookout-ledger/scripts/independent.sh [FIRST_SEED] [LAST_SEED]
# Needs a release build (cargo build --release -p lookout).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
first=${1:-1}; last=${2:-10}
bin=${CARGO_TARGET_DIR:-$root/target}/release/lookout
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
results=$work/results.txt; : > "$results"
for seed in $(seq "$first" "$last"); do
  p=$work/p$seed; mkdir -p "$p"
  python3 "$root/crates/lookout-ledger/scripts/independent_world.py" "$seed" "$p"
  "$bin" analyze "$p" --out "$work/out$seed" 2>/dev/null
  python3 - "$p/truth.json" "$work/out$seed/ledger.csv" "$seed" >> "$results" <<'PY'
import csv, json, sys
t = json.load(open(sys.argv[1]))["total"]
last = list(csv.DictReader(open(sys.argv[2])))[-1]
lo, c, hi = (float(last[k]) for k in ("cumulative_low", "cumulative_central", "cumulative_high"))
print(sys.argv[3], t, round(lo), round(c), round(hi), int(lo <= t <= hi))
PY
  read -r s t lo c hi hit < <(tail -1 "$results")
  echo "seed $s: true $t, ledger $c (90% $lo - $hi) $([ "$hit" = 1 ] && echo inside || echo OUTSIDE)"
done
python3 - "$results" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
hits = sum(int(r[5]) for r in rows)
width = statistics.median((r[4] - r[2]) / r[1] for r in rows)
err = statistics.median((r[3] - r[1]) / r[1] for r in rows)
print(f"coverage: {hits} of {len(rows)} seeds inside the 90% interval; "
      f"median width {width:.1%} of the truth; median error of the central {err:+.1%}")
PY
