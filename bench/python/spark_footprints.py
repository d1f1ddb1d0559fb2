"""Footprint rows the distributed gap reasons shuffle to the flushes, by days of data
(docs/scale.md, step 3).

    python bench/python/spark_footprints.py STORE [--days 7 30 42] [--master local[2]]

The store's reception tallies (one shard of every vessel: `_native.vessel_events`, so already
merged) give the footprint tallies per cell and day. For the first N days, with a flush that
releases gaps at every day (the busiest case), it counts the footprint rows the flushes' groups
receive: every earlier day's tallies (the job before the running aggregate: O(days²)) and one
running row per cell and flush (`lookout.spark._footprints_per_flush`: O(days) per cell), and
checks that both give each flush the same cells, positions and first MMSIs. Prints one JSON line
per N.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import pyarrow as pa
import pyarrow.compute as pc

import lookout
from lookout import POSITION_COLUMNS, STATIC_COLUMNS, _conform, _native
from lookout import spark as lspark

DAY_MS = 86_400_000


def _tallies(store: str) -> tuple:
    """The store's footprint tallies (one row per station, cell and day) and day watermarks."""
    st = lookout.Store(store)
    pos, sta = st.positions(), st.statics()
    times = pc.cast(pc.cast(pos["time"], pa.timestamp("ms", tz="UTC")), pa.int64()).to_numpy()
    latest: dict = {}
    for v in times.tolist():
        latest[v // DAY_MS] = max(latest.get(v // DAY_MS, v), v)
    watermarks = [latest[d] + 1 for d in sorted(latest)]
    span = (int(times.min()), int(times.max()))
    _, _, _, tallies, _, _ = _native.vessel_events(
        _conform(pos, POSITION_COLUMNS, "positions"), _conform(sta, STATIC_COLUMNS, "statics"), watermarks, span)
    return tallies.filter(pc.equal(tallies["kind"], "foot")), watermarks


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("store")
    p.add_argument("--days", type=int, nargs="+", default=[7, 30])
    p.add_argument("--master", default="local[2]")
    a = p.parse_args()
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (SparkSession.builder.master(a.master).config("spark.ui.enabled", "false")
             .config("spark.driver.host", "127.0.0.1").config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    foot, watermarks = _tallies(a.store)
    df = spark.createDataFrame(foot)
    for n in a.days:
        n = min(n, len(watermarks))
        first = (watermarks[0] - 1) // DAY_MS
        spans = [(k, 0, (watermarks[k] - 1) // DAY_MS) for k in range(n)]
        span = spark.createDataFrame(spans, "flush int, lo long, hi long")
        part = df.filter(F.col("day") < first + n)
        old = part.join(F.broadcast(span), F.col("day") <= F.col("hi")).drop("lo", "hi")
        new = lspark._footprints_per_flush(part, span)
        # Each flush's cells as the replay folds them: positions summed, first eight MMSIs met.
        def fold(rows: list) -> dict:
            out: dict = {}
            for r in sorted(rows, key=lambda r: r["day"]):
                key = (r["flush"], r["station"], r["i"], r["j"])
                pos, met = out.get(key, (0, []))
                for m in sorted(r["mmsis"]):
                    if len(met) < lspark._TALLY_CAP and m not in met:
                        met.append(m)
                out[key] = (pos + r["positions"], met)
            return {k: (v[0], sorted(v[1])) for k, v in out.items()}

        old_rows, new_rows = old.collect(), new.collect()
        print(json.dumps({
            "days": n, "footprint_tallies": part.count(), "cells": part.select("station", "i", "j").distinct().count(),
            "rows_before": len(old_rows), "rows_after": len(new_rows),
            "same_model": fold([r.asDict() for r in old_rows]) == fold([r.asDict() for r in new_rows]),
        }))
    spark.stop()


if __name__ == "__main__":
    main()
