"""The distributed decode and events against the single engine on one simulated day (docs/scale.md).

    python bench/python/spark_day.py PROJECT WORKDIR [--master local[2]]

PROJECT: a project folder whose scenario.toml is simulated (e.g. the corridor example with
`end` one day after `start` and `[background] count = 10000`). Simulates it into WORKDIR/sim,
decodes it with `lookout.spark.decode` into WORKDIR/store, runs `lookout.spark.events` and
`lookout.events` over that store and prints one JSON line: seconds per stage, rows, events by
type, and whether the two agree (the comparison of python/tests/test_spark.py; rows that differ
are listed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python" / "tests"))

import lookout  # noqa: E402
import test_spark as ts  # noqa: E402
from lookout import spark as lspark  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("project")
    p.add_argument("workdir")
    p.add_argument("--master", default="local[2]")
    a = p.parse_args()
    work = Path(a.workdir)
    out: dict = {"master": a.master}
    t = time.perf_counter()
    nmea = lookout.simulate(Path(a.project) / "scenario.toml", work / "sim")
    out["simulate_s"] = round(time.perf_counter() - t, 1)
    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (SparkSession.builder.master(a.master).config("spark.ui.enabled", "false")
             .config("spark.driver.host", "127.0.0.1").config("spark.sql.session.timeZone", "UTC")
             .config("spark.driver.memory", "3g").getOrCreate())
    store = work / "store"
    shutil.rmtree(store, ignore_errors=True)
    t = time.perf_counter()
    summary = lspark.decode(spark, [str(nmea)], str(store))
    out["decode_s"] = round(time.perf_counter() - t, 1)
    out["messages"] = summary.get("messages")
    st = lookout.Store(store)
    out["positions"], out["statics"] = st.positions().num_rows, st.statics().num_rows
    t = time.perf_counter()
    ours = lspark.events(spark, str(store), areas=a.project).toArrow()
    out["spark_events_s"] = round(time.perf_counter() - t, 1)
    spark.stop()
    t = time.perf_counter()
    single = lookout.events(store, areas=a.project)
    out["single_events_s"] = round(time.perf_counter() - t, 1)
    out["events"] = single.num_rows
    out["by_type"] = {k: ts._count(single, k) for k in sorted(set(single["event_type"].to_pylist()))}
    mine = {json.dumps(r, default=str, sort_keys=True) for r in ts._comparable(ours)}
    theirs = {json.dumps(r, default=str, sort_keys=True) for r in ts._comparable(single)}
    out["equal"] = mine == theirs
    out["only_spark"] = sorted(mine - theirs)
    out["only_single"] = sorted(theirs - mine)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
