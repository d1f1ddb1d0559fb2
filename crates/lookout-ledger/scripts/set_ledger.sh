#!/usr/bin/env bash
# Adds the settings in $LEDGER ("key = value; key = value") under [ledger] of a corridor.toml,
# replacing a key already set there (used by calibrate.sh and independent.sh).
set -euo pipefail
f=${1:?corridor.toml}
[ -n "${LEDGER:-}" ] || exit 0
IFS=';' read -ra sets <<< "$LEDGER"
for kv in "${sets[@]}"; do
  key=$(echo "${kv%%=*}" | tr -d ' ')
  [ -n "$key" ] || continue
  sed -i "/^\[ledger\]/,/^\[/{/^$key *=/d}" "$f"
  sed -i "s|^\[ledger\]\$|[ledger]\n$key = $(echo "${kv#*=}" | sed 's/^ *//')|" "$f"
done
