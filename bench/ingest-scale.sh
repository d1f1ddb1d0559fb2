#!/bin/sh
# lookout ingest on the simulator's 10,000-vessel day and on that day ten times over in one day
# (every message repeated with its receive time shifted by 0-9 s: 56 M messages, 5.5 GB, in
# time order), with 1 and 2 threads: CPU, wall and peak RSS (docs/performance.md, "Ingest at
# scale"). Usage: sh bench/ingest-scale.sh [LOOKOUT] [DIR]; DIR needs ~7 GB, deleted at the end.
set -eu
LOOKOUT=${1:-target/release/lookout}
DIR=${2:-/tmp/lookout-scale}
mkdir -p "$DIR"
[ -f "$DIR/sim/ais.nmea" ] || "$LOOKOUT" simulate --scenario examples/dprk-russia-simulated/scenario.toml \
    --out "$DIR/sim" --background 10000 --days 1
cc -O2 -o "$DIR/tenfold" bench/tenfold.c
"$DIR/tenfold" < "$DIR/sim/ais.nmea" > "$DIR/day10x.nmea"
for input in sim/ais.nmea day10x.nmea; do
    for t in 1 2; do
        rm -rf "$DIR/store"
        /usr/bin/time -f "$input --threads $t: wall %e s, user %U s, sys %S s, CPU %P, peak RSS %M KB" \
            "$LOOKOUT" ingest -q --threads $t --store "$DIR/store" "$DIR/$input"
    done
done
rm -rf "$DIR/store" "$DIR/day10x.nmea"
