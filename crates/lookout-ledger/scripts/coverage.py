#!/usr/bin/env python3
"""Shared by calibrate.sh and independent.sh.

    coverage.py line SEED TRUE_TOTAL LEDGER_CSV   one result line: seed, truth, low, central,
                                                   high of the sea corridor's total, inside (1/0)
    coverage.py summary RESULTS                    coverage, median width and error vs the truth
"""
import csv
import statistics
import sys

if sys.argv[1] == "line":
    seed, truth, path = sys.argv[2], float(sys.argv[3]), sys.argv[4]
    rows = [r for r in csv.DictReader(open(path)) if r["corridor"].endswith("(sea)")]
    lo, c, hi = (float(rows[-1][k]) for k in ("cumulative_low", "cumulative_central", "cumulative_high"))
    print(seed, round(truth), round(lo), round(c), round(hi), int(lo <= truth <= hi))
    inside = "inside" if lo <= truth <= hi else "OUTSIDE"
    print(f"seed {seed}: true {truth:.0f}, ledger {c:.0f} (90% {lo:.0f} - {hi:.0f}) {inside}",
          file=sys.stderr)
else:
    rows = [list(map(float, l.split())) for l in open(sys.argv[2]) if l.strip()]
    hits = sum(int(r[5]) for r in rows)
    width = statistics.median((r[4] - r[2]) / r[1] for r in rows)
    err = statistics.median((r[3] - r[1]) / r[1] for r in rows)
    print(f"coverage: {hits} of {len(rows)} seeds inside the 90% interval; "
          f"median width {width:.1%} of the truth; median error of the central {err:+.1%}")
