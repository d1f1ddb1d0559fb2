#!/usr/bin/env bash
# End-to-end calibration of the ledger: for each seed, simulate a world's AIS and ground truth,
# simulate imagery from the truth, run `lookout analyze` (ingest, events, voyages, ledger) and
# check whether the 90% interval of the sea corridor's total holds the true number of containers
# delivered (arrivals 2023-08-10 to 2024-03-31).
#
#   [KEEP=DIR] crates/lookout-ledger/scripts/calibrate.sh WORLD [FIRST_SEED] [LAST_SEED]
#
# Worlds (docs/accuracy.md, Ledger):
#   example   examples/dprk-russia-simulated/scenario.toml (AIS as scripted there, no background traffic);
#             imagery: daily pass, 50% clear, independent days, 90% of ships identified
#   shuttles  scripts/absences.toml with every absence chance set to 0: four ships shuttling the
#             whole window, AIS off; imagery: 50% clear, weather persisting 3 days on average over
#             all sites at once, 85% identified, 0.2 unidentified ships of other trades per image
#   absences  scripts/absences.toml as is (ships leave for other cargo, a shipyard, waits)
# Needs release builds (cargo build --release -p lookout; cargo build --release -p lookout-sim
# --example simulate_imagery). Prints one line per seed, the coverage and the median interval
# width and error relative to the truth.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
scripts=$root/crates/lookout-ledger/scripts
world=${1:?WORLD: example, shuttles or absences}; first=${2:-1}; last=${3:-10}
bin=${CARGO_TARGET_DIR:-$root/target}/release/lookout
img=${CARGO_TARGET_DIR:-$root/target}/release/examples/simulate_imagery
# KEEP=DIR keeps the simulated projects and outputs in DIR (for inspection).
# LEDGER="key = value; key = value" adds [ledger] settings to every project (trying a setting on
# development seeds; the figures in docs/accuracy.md use none).
if [ -n "${KEEP:-}" ]; then work=$KEEP; mkdir -p "$work"; else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
case $world in
  example) scenario=$root/examples/dprk-russia-simulated/scenario.toml; imagery="0.5 0.9 1 0" ;;
  shuttles) scenario=$work/shuttles.toml
    sed 's/chance = [0-9.]*/chance = 0/' "$root/crates/lookout-ledger/scripts/absences.toml" > "$scenario"
    imagery="0.5 0.85 3 0.2" ;;
  absences) scenario=$root/crates/lookout-ledger/scripts/absences.toml; imagery="0.5 0.85 3 0.2" ;;
  *) echo "unknown world $world" >&2; exit 2 ;;
esac
results=$work/results.txt; : > "$results"
for seed in $(seq "$first" "$last"); do
  p=$work/p$seed; mkdir -p "$p/ais"
  "$bin" simulate --scenario "$scenario" --out "$work/sim$seed" --seed "$seed" --background 0 2>/dev/null
  mv "$work/sim$seed/ais.nmea" "$p/ais/"
  cp "$root/examples/dprk-russia-simulated/corridor.toml" "$p/"
  "$scripts/set_ledger.sh" "$p/corridor.toml"
  # shellcheck disable=SC2086
  "$img" "$work/sim$seed/truth.json" "$p" "$seed" $imagery > "$p/observations.csv" 2>/dev/null
  "$bin" analyze "$p" --out "$work/out$seed" 2>"$work/analyze$seed.log"
  t=$(python3 - "$work/sim$seed/truth.json" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1]))
print(sum(v["cargo_containers"] for v in truth["voyages"]
          if v["origin"].startswith("Rajin") and v["destination"].split(" ")[0] in ("Dunai", "Vostochny")
          and "2023-08-10" <= v["arrive_time"] < "2024-03-31"))
PY
)
  python3 "$scripts/coverage.py" line "$seed" "$t" "$work/out$seed/ledger.csv" >> "$results"
done
python3 "$scripts/coverage.py" summary "$results"
