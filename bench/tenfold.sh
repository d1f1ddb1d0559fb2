#!/bin/sh
# The 50-million-message day of docs/performance.md ("50 million messages in one day"): the
# simulator's 10,000-vessel day repeated ten times by bench/tenfold.c, then `lookout ingest` and
# `lookout events` on 1 and 2 threads under /usr/bin/time (CPU seconds, peak RSS), and a check
# that both event runs agree. Usage: sh bench/tenfold.sh [LOOKOUT] [DIR]; DIR needs ~12 GB.
set -eu
LOOKOUT=${1:-target/release/lookout}
DIR=${2:-/tmp/lookout-tenfold}
AREAS=examples/dprk-russia-simulated/scenario.toml
mkdir -p "$DIR"
[ -x "$DIR/tenfold" ] || cc -O2 -o "$DIR/tenfold" bench/tenfold.c
[ -f "$DIR/sim/ais.nmea" ] || "$LOOKOUT" simulate --scenario "$AREAS" --out "$DIR/sim" \
    --background 10000 --days 1 > /dev/null
[ -f "$DIR/day10x.nmea" ] || "$DIR/tenfold" < "$DIR/sim/ais.nmea" > "$DIR/day10x.nmea"
for t in 1 2; do
    rm -rf "$DIR/store-$t"
    /usr/bin/time -f "ingest --threads $t: peak RSS %M KB, wall %e s, user %U s, sys %S s" \
        "$LOOKOUT" ingest --threads $t --store "$DIR/store-$t" "$DIR/day10x.nmea"
done
for t in 1 2; do
    /usr/bin/time -f "events --threads $t: peak RSS %M KB, wall %e s, user %U s, sys %S s" \
        "$LOOKOUT" events --threads $t --store "$DIR/store-1" --areas "$AREAS" \
        --out "$DIR/events-$t.csv"
done
cmp "$DIR/events-1.csv" "$DIR/events-2.csv"
echo "same events: yes"
