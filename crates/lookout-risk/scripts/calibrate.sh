#!/usr/bin/env bash
# Risk score calibration on the simulated evasion scenario (docs/accuracy.md, "Risk score"): for
# each seed, `lookout analyze` the project in crates/lookout-risk/tests/data/evasion (AIS
# simulated from its scenario, ingested, events detected), then `lookout risk --evaluate`: the
# vessels sanctions.ftm.jsonl designates after the scored date (2023-11-10, the end of the data)
# are the positives, the vessels no list names the negatives. Prints one line per seed and the
# means.
#
#   [KEEP=DIR] [REUSE=1] [RISK_CONFIG=FILE] [LOOKOUT=BIN] \
#     crates/lookout-risk/scripts/calibrate.sh [FIRST_SEED] [LAST_SEED]
# KEEP keeps the analyses in DIR; REUSE=1 scores the analyses already there again (for another
# RISK_CONFIG, e.g. the ablations of docs/accuracy.md). Needs a release build of the CLI
# (cargo build --release -p lookout).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
first=${1:-1}; last=${2:-5}
bin=${LOOKOUT:-${CARGO_TARGET_DIR:-$root/target}/release/lookout}
project=$root/crates/lookout-risk/tests/data/evasion
if [ -n "${KEEP:-}" ]; then work=$KEEP; mkdir -p "$work"; else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
config=()
if [ -n "${RISK_CONFIG:-}" ]; then config=(--risk-config "$RISK_CONFIG"); fi
for seed in $(seq "$first" "$last"); do
  if [ -z "${REUSE:-}" ] || [ ! -f "$work/out$seed/events.csv" ]; then
    "$bin" analyze "$project" --out "$work/out$seed" --seed "$seed" 2>/dev/null
  fi
  "$bin" risk --project "$project" --analysis "$work/out$seed" --evaluate --format json \
    "${config[@]}" --out "$work/risk$seed.json" 2>/dev/null
  python3 - "$seed" "$work/risk$seed.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[2]))["evaluation"]
missed = [p["vessel"] for p in e["positives"] if p["score"] == 0]
print(f"seed {sys.argv[1]}: {len(e['positives'])} positives, {e['negatives']} negatives, "
      f"{len(e['left_out'])} left out; ROC AUC {e['roc_auc']:.3f}, precision at 20 "
      f"{e['precision_at_20']:.3f}, at {len(e['positives'])} {e['precision_at_positives']:.3f}; "
      f"scored 0: {', '.join(missed) or 'none'}")
PY
done | tee "$work/summary.txt"
python3 - "$work/summary.txt" <<'PY'
import re, sys
rows = [l for l in open(sys.argv[1]) if l.startswith("seed")]
def mean(pat):
    xs = [float(re.search(pat, l).group(1)) for l in rows]
    return sum(xs) / len(xs), min(xs), max(xs)
for name, pat in [("ROC AUC", r"ROC AUC ([0-9.]+)"), ("precision at 20", r"precision at 20 ([0-9.]+)"),
                  ("R-precision", r"at \d+ ([0-9.]+);")]:
    m, lo, hi = mean(pat)
    print(f"{name}: mean {m:.3f} (min {lo:.3f}, max {hi:.3f}) over {len(rows)} seeds")
PY
