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
        "$LOOKOUT" ingest -q --threads $t --store "$DIR/rss-store" "$DIR/sim/ais.nmea" \
        2> "$DIR/ingest-$t.txt"
    cat "$DIR/ingest-$t.txt" >&2
    /usr/bin/time -f "events --threads $t: peak RSS %M KB, wall %e s, user %U s, sys %S s" \
        "$LOOKOUT" events --threads $t --store "$DIR/store-$t" --areas "$AREAS" \
        --out "$DIR/check-$t.csv"
done
# The same events from the stores written with 1 and 2 threads, and with 1 and 2 event threads.
cmp "$DIR/events-1.csv" "$DIR/events-2.csv"
cmp "$DIR/events-1.csv" "$DIR/check-2.csv"
echo "same events: yes"
# The global-day estimate of docs/scale.md: ingest then events, both with 2 threads (hyperfine
# means above), scaled from this day's messages to 500 million.
messages=$(grep -o '[0-9]* messages' "$DIR/ingest-2.txt" | cut -d' ' -f1)
ingest2=$(jq '.results[] | select(.parameters.threads == "2") | .mean' "$DIR/ingest.json")
events2=$(jq '.results[] | select(.parameters.threads == "2") | .mean' "$DIR/events.json")
awk -v m="$messages" -v i="$ingest2" -v e="$events2" 'BEGIN {
    s = (i + e) * 500e6 / m
    printf "500 M messages, estimated: (%.3f s + %.3f s) x 500e6 / %d = %.0f s = %.1f min\n", i, e, m, s, s / 60
}'
