"""Throughput of `lookout.spark` on one machine (`local[N]`), for docs/scale.md's estimate.

    python bench/python/spark_throughput.py STORE_OR_NMEA_DIR --areas PROJECT [--master local[2]]

With NMEA files: the distributed decode into a fresh store, then the events over it; with a
store: the events only. Prints one JSON line: rows, seconds, rows per second per stage.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time

from pyspark.sql import SparkSession

import lookout
from lookout import spark as lspark


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("source")
    p.add_argument("--areas")
    p.add_argument("--master", default="local[2]")
    a = p.parse_args()
    spark = (SparkSession.builder.master(a.master).config("spark.ui.enabled", "false")
             .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    out: dict = {"master": a.master}
    store = a.source
    if not os.path.exists(os.path.join(store, "manifest.json")):
        store = os.path.join(tempfile.mkdtemp(), "store")
        t = time.perf_counter()
        s = lspark.decode(spark, [a.source], store)
        out["decode_s"] = time.perf_counter() - t
        out["decode_messages_per_s"] = s["messages"] / out["decode_s"]
    positions = lookout.Store(store).positions().num_rows
    t = time.perf_counter()
    n = lspark.events(spark, store, areas=a.areas).count()
    out["events_s"] = time.perf_counter() - t
    out.update(positions=positions, events=n, events_positions_per_s=positions / out["events_s"])
    print(json.dumps(out))
    spark.stop()


if __name__ == "__main__":
    main()
