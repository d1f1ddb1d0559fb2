#!/bin/sh
# lookout ingest and lookout events on 1 and 2 threads, same hyperfine run, on the simulator's
# 10,000-vessel day (docs/performance.md, "Threads"). Usage: sh bench/threads.sh [LOOKOUT] [DIR]
# LOOKOUT: a release build of the CLI (default target/release/lookout); DIR: scratch (~1 GB).
set -eu
LOOKOUT=${1:-target/release/lookout}
DIR=${2:-/tmp/lookout-threads}
AREAS=examples/dprk-russia-simulated/scenario.toml
mkdir -p "$DIR"
[ -f "$DIR/sim/ais.nmea" ] || "$LOOKOUT" simulate --scenario "$AREAS" --out "$DIR/sim" \
    --background 10000 --days 1
hyperfine --runs 3 -L threads 1,2 --prepare "rm -rf $DIR/store-{threads}" \
    --export-json "$DIR/ingest.json" \
    "$LOOKOUT ingest -q --threads {threads} --store $DIR/store-{threads} $DIR/sim/ais.nmea"
hyperfine --runs 3 -L threads 1,2 --export-json "$DIR/events.json" \
    "$LOOKOUT events --threads {threads} --store $DIR/store-1 --areas $AREAS --out $DIR/events-{threads}.csv"
for t in 1 2; do
    rm -rf "$DIR/rss-store"
    /usr/bin/time -f "ingest --threads $t: peak RSS %M KB, wall %e s, user %U s, sys %S s" \
        "$LOOKOUT" ingest -q --threads $t --store "$DIR/rss-store" "$DIR/sim/ais.nmea"
    /usr/bin/time -f "events --threads $t: peak RSS %M KB, wall %e s, user %U s, sys %S s" \
        "$LOOKOUT" events --threads $t --store "$DIR/store-$t" --areas "$AREAS" \
        --out "$DIR/check-$t.csv"
done
# The same events from the stores written with 1 and 2 threads, and with 1 and 2 event threads.
cmp "$DIR/events-1.csv" "$DIR/events-2.csv"
cmp "$DIR/events-1.csv" "$DIR/check-2.csv"
echo "same events: yes"
