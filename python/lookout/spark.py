"""Lookout on Apache Spark, for data that outgrows one machine (``docs/scale.md``).

The Rust core runs inside the executors through this package (Arrow batches in and out,
``mapInArrow`` and ``groupBy().cogroup().applyInArrow``); every worker needs ``lookout``
installed (``pip install ./python``) and, for :func:`decode`, the output folder on a file
system all of them share.

- :func:`decode`: raw NMEA (plain, gz, zst), decoder JSON lines or CSV files to a Lookout store
  (``positions/date=.../``, ``statics/date=.../`` and ``manifest.json``), one task per group of
  files. ``lookout events``, ``lookout analyze``'s readers, DuckDB and pyarrow read it.
- :func:`events`: the per-vessel detectors, partitioned by MMSI, with the whole data's day
  watermarks; gaps get their reason and coverage hint from the reception model rebuilt, per
  flush, from the shards' reception tallies merged over all vessels; encounters from the
  shards' resampled positions joined on (time slot, cell and its neighbours), each candidate
  pair judged in Rust by the engine's own encounter search; identity changes linking two
  MMSIs judged in Rust from the shards' IMO sightings and first and last sightings (their
  open gaps dropped); ``out_of_range`` spoofing from each flush's rebuilt reception model,
  and GNSS interference areas, the spoofing merge and the interference marks from every
  vessel's anomalies replayed in one Rust task (see ``docs/scale.md``).

Command line (``spark-submit`` runs this file the same way)::

    python -m lookout.spark decode --out STORE FILE_OR_DIR...
    python -m lookout.spark events --store STORE [--areas FILE] [--config FILE] --out DIR
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import sys
import tempfile
import uuid
from typing import Any, Iterator, List, Optional

import pyarrow as pa
import pyarrow.compute as pc

from . import POSITION_COLUMNS, STATIC_COLUMNS, _conform, _config_args, _land_args, _native

#: The events' columns as Spark holds them (Spark has no unsigned integers; times in µs).
EVENTS_SCHEMA = (
    "event_id string, event_type string, mmsi long, other_mmsi long, start_time timestamp, "
    "end_time timestamp, lat double, lon double, end_lat double, end_lon double, area string, "
    "other_area string, confidence double, details string, n_positions long, "
    "evidence_start timestamp, evidence_end timestamp"
)
#: The events' column names, in order.
EVENT_COLUMNS = [c.split()[0] for c in EVENTS_SCHEMA.split(", ")]
#: What a per-vessel shard returns besides its events (rows with ``event_type`` ``_resampled``
#: or ``_anchorage``): its resampled positions and its anchorage entries.
_SHARD_EXTRA = [
    ("slot", pa.int64()), ("track", pa.int32()), ("knots", pa.float32()),
    ("flush", pa.int32()), ("cell_i", pa.int32()), ("cell_j", pa.int32()),
    ("station", pa.string()), ("day", pa.int64()), ("mmsis", pa.list_(pa.int64())),
]
_SHARD_SCHEMA = (
    EVENTS_SCHEMA + ", slot long, track int, knots float, flush int, cell_i int, cell_j int"
    ", station string, day long, mmsis array<long>"
)
#: The reception tallies' kinds, as a shard marks them in ``event_type`` (``_cell``, ...).
_TALLY_KINDS = ("cell", "bucket", "foot")
#: What a shard hands over for ``out_of_range`` spoofing and interference areas: the reception
#: model's candidate suspects and its anomaly onsets (``_suspect``, ``_onset``).
_ANOMALY_KINDS = ("suspect", "onset")
#: Cross-vessel events :func:`events` does not produce: none since identity changes linking two
#: MMSIs are judged from the shards' link inputs (``docs/scale.md``, step 5).
CROSS_VESSEL: tuple = ()


def expand(inputs: List[str]) -> List[str]:
    """Input files: each file as given, each directory's files (sorted), each glob's matches
    (sorted); names starting with ``.`` are skipped."""
    out: List[str] = []
    for spec in inputs:
        if os.path.isdir(spec):
            names = sorted(n for n in os.listdir(spec) if not n.startswith("."))
            out.extend(os.path.join(spec, n) for n in names if os.path.isfile(os.path.join(spec, n)))
        elif any(c in spec for c in "*?["):
            out.extend(sorted(glob.glob(spec)))
        else:
            if not os.path.exists(spec):
                raise FileNotFoundError(spec)
            out.append(spec)
    return out


def _add_summary(total: dict, part: dict) -> None:
    for k, v in part.items():
        if isinstance(v, int):
            total[k] = total.get(k, 0) + v
        elif isinstance(v, dict):
            d = total.setdefault(k, {})
            for r, n in v.items():
                d[r] = d.get(r, 0) + n
        elif isinstance(v, list):
            total.setdefault(k, []).extend(v)


def decode(spark: Any, inputs: List[str], out: str, partitions: Optional[int] = None) -> dict:
    """Decodes ``inputs`` (files, directories, globs) into a new store at ``out``.

    Files are spread over ``partitions`` tasks (default: one per file up to Spark's default
    parallelism); each task decodes its files in Rust into Parquet files in the store's layout
    and schema, placed under ``out/_staging``. The driver then moves the files of the tasks
    that succeeded into place and writes ``manifest.json`` (a retried task's leftovers are
    never read). Input ids are the files' positions in the expanded list, as
    ``lookout ingest`` numbers them given the same list. Returns the summed ingest summary.

    Duplicates (same vessel, time and payload) are dropped within a task, not across tasks.
    """
    files = expand(inputs)
    if not files:
        raise ValueError("no input files")
    out = os.path.abspath(out)
    if os.path.exists(os.path.join(out, "manifest.json")):
        raise FileExistsError(f"{out} already holds a store")
    staging = os.path.join(out, "_staging")
    os.makedirs(staging, exist_ok=True)
    n = partitions or max(1, min(len(files), spark.sparkContext.defaultParallelism))
    rows = spark.sparkContext.parallelize(list(enumerate(files)), n)
    df = spark.createDataFrame(rows, "input_id int, path string")

    def task(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from pyspark import TaskContext

        rows = []
        for b in batches:
            rows.extend(zip(b.column("input_id").to_pylist(), b.column("path").to_pylist()))
        if not rows:
            return
        ctx = TaskContext.get()
        prefix = f"t{ctx.partitionId():05d}-{ctx.attemptNumber()}-{uuid.uuid4().hex[:8]}"
        result = _native.ingest_part(rows, files, os.path.join(staging, prefix), tempfile.gettempdir(), prefix)
        yield pa.RecordBatch.from_pydict({"prefix": [prefix], "result": [result]})

    results = df.mapInArrow(task, "prefix string, result string").collect()
    entries: list = []
    summary: dict = {}
    for r in sorted(results, key=lambda r: r.prefix):
        result = json.loads(r.result)
        _add_summary(summary, result["summary"])
        for entry in result["files"]:
            target = os.path.join(out, entry["path"])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(os.path.join(staging, r.prefix, entry["path"]), target)
            entries.append(entry)
    _native.commit_manifest(out, files, json.dumps(entries))
    shutil.rmtree(staging, ignore_errors=True)
    summary["files"] = len(entries)
    summary["tasks"] = len(results)
    return summary


def _to_spark(events: pa.Table) -> pa.Table:
    """Events from Rust in Spark's types."""
    t = events
    for name in ("mmsi", "other_mmsi", "n_positions"):
        t = t.set_column(t.schema.get_field_index(name), name, t.column(name).cast(pa.int64()))
    for name in ("start_time", "end_time", "evidence_start", "evidence_end"):
        t = t.set_column(t.schema.get_field_index(name), name, t.column(name).cast(pa.timestamp("us", tz="UTC")))
    return t


def _from_spark(events: pa.Table) -> pa.Table:
    """Events from Spark in the events file's types (plus any extra columns, e.g. ``gap_id``)."""
    kinds = {"mmsi": pa.uint32(), "other_mmsi": pa.uint32(), "n_positions": pa.uint64()}
    t = events
    for name, typ in kinds.items():
        t = t.set_column(t.schema.get_field_index(name), name, t.column(name).cast(typ))
    for name in ("start_time", "end_time", "evidence_start", "evidence_end"):
        col = t.column(name).cast(pa.timestamp("us", tz="UTC")).cast(pa.timestamp("ms", tz="UTC"))
        t = t.set_column(t.schema.get_field_index(name), name, col)
    return t


def _read(spark: Any, store: str, table: str, columns: dict) -> Any:
    from pyspark.sql import functions as F

    path = os.path.join(store, table)
    if glob.glob(os.path.join(path, "date=*", "*.parquet")):
        df = spark.read.parquet(path)
    else:
        schema = ", ".join(f"{c} {'string' if pa.types.is_string(t) else 'double'}" for c, t in columns.items())
        df = spark.createDataFrame([], schema + ", date string")
    return df.select(*columns, "date").withColumn("t", F.unix_millis(F.col("time").cast("timestamp")))


def events(
    spark: Any,
    store: str,
    areas: Optional[str] = None,
    config: Any = None,
    land: Any = None,
    buckets: Optional[int] = None,
) -> Any:
    """Events of a store as a Spark DataFrame (columns of the events file, :data:`EVENTS_SCHEMA`).

    1. The whole data's day watermarks and time span (one small aggregate).
    2. Positions and statics grouped into ``buckets`` by MMSI (each vessel whole in one group)
       and run through the Rust engine with those watermarks: every per-vessel event as the
       single-machine engine finds it; gaps without their reason and coverage hint; and each
       shard's reception tallies (its vessels' runs per cell-hour, station bucket and footprint
       cell, by UTC day).
    3. Gap reasons and coverage hints: the tallies merged over all shards; for each flush that
       released gaps, Rust rebuilds the reception model the single engine held then from the
       tallies of the days it held and gives those gaps their reason and hint.
    4. Encounters: the shards' resampled positions joined on (slot, cell and neighbours) into
       candidate pairs, each pair replayed in Rust through the engine's encounter search with
       the data's slots, day watermarks and anchorage entries (the single engine's encounters).
    5. Identity changes linking two MMSIs: the shards' IMO sightings of IMOs more than one
       MMSI carried, and their new tracks joined with the last sightings near them, judged
       flush by flush in Rust; the open gaps of renamed MMSIs are dropped before step 3.
    6. Spoofing and interference: each flush's rebuilt model (step 3) also tests the shards'
       candidate suspects (``out_of_range`` episodes) and says which anomaly onsets came from
       continuous stations; then one Rust task replays every flush's gaps (those left after
       step 5), spoofing episodes (the shards release them unmerged) and onsets through the
       engine's interference clustering, spoofing merge and marks (``interference_area``, the
       ``interference`` gap reason).

    The arguments are those of :func:`lookout.events`. Every event type of the single engine
    is produced (:data:`CROSS_VESSEL` is empty).
    """
    from pyspark.sql import functions as F

    store = os.path.abspath(store)
    kwargs: dict = {**_config_args(config), **_land_args(land)}
    if areas is not None:
        kwargs["areas"] = os.path.abspath(areas)
    config_kwargs = {k: v for k, v in kwargs.items() if k.startswith("config")}
    nb = buckets or 4 * spark.sparkContext.defaultParallelism
    pos = _read(spark, store, "positions", POSITION_COLUMNS)
    sta = _read(spark, store, "statics", STATIC_COLUMNS)
    days = (
        pos.select("date", "t").unionByName(sta.select("date", "t"))
        .groupBy("date").agg(F.min("t").alias("first"), F.max("t").alias("last"))
        .orderBy("date").collect()
    )
    if not days:
        return spark.createDataFrame([], EVENTS_SCHEMA)
    watermarks = [int(d["last"]) + 1 for d in days]
    span = (min(int(d["first"]) for d in days), max(int(d["last"]) for d in days))

    def shard(left: pa.Table, right: pa.Table) -> pa.Table:
        positions = _conform(left, POSITION_COLUMNS, "positions")
        statics = _conform(right, STATIC_COLUMNS, "statics") if right.num_rows else None
        found, resampled, anchorages, tallies, anomalies, links = _native.vessel_events(
            positions, statics, watermarks, span, **kwargs)
        return _shard_rows(_to_spark(found), resampled, anchorages, tallies, anomalies, links)

    bucket = F.pmod(F.col("mmsi"), F.lit(nb))
    shards = (
        pos.drop("date", "t").withColumn("bucket", bucket).groupBy("bucket")
        .cogroup(sta.drop("date", "t").withColumn("bucket", bucket).groupBy("bucket"))
        .applyInArrow(shard, schema=_SHARD_SCHEMA)
    ).localCheckpoint()
    per_vessel = shards.filter(~F.col("event_type").startswith("_")).select(*EVENT_COLUMNS)
    encounters = _encounters(spark, shards, watermarks, kwargs, nb)
    links, renamed = _mmsi_links(spark, shards, kwargs)
    gaps = per_vessel.filter(F.col("event_type") == "gap")
    gaps = _drop_renamed_gaps(spark, gaps, renamed).withColumn("gap_id", F.monotonically_increasing_id())
    gaps = gaps.localCheckpoint()
    reasoned = _gap_reasons(spark, shards, gaps, watermarks, config_kwargs).select(*EVENT_COLUMNS)
    # Spoofing episodes (unmerged, `episode_flush`), gaps with their reasons, out-of-range
    # episodes and onsets: the single engine's interference areas, spoofing merge and marks.
    episode = (F.col("event_type") == "spoofing") & F.get_json_object("details", "$.episode_flush").isNotNull()
    anomalies = _anomalies(reasoned.unionByName(per_vessel.filter(episode)), watermarks, config_kwargs)

    rest = per_vessel.filter((F.col("event_type") != "gap") & ~episode)
    return rest.unionByName(anomalies).unionByName(encounters).unionByName(links)


def _shard_rows(
    events: pa.Table, resampled: pa.Table, anchorages: pa.Table, tallies: pa.Table, anomalies: pa.Table,
    links: pa.Table,
) -> pa.Table:
    """A shard's events, resampled positions, anchorage entries, reception tallies, candidate
    suspects and anomaly onsets, and link inputs as one table (Spark's ``_SHARD_SCHEMA``; all
    but the events marked by ``event_type``: a tally's kind prefixed by ``_``, its ``i``,
    ``j``, ``key`` and ``positions`` in ``cell_i``, ``cell_j``, ``slot`` and ``n_positions``;
    ``_suspect`` and ``_onset`` with their ``i``, ``j``, ``t``, ``end``, ``n`` and ``what`` in
    ``cell_i``, ``cell_j``, ``slot``, ``day``, ``n_positions`` and ``details``; a link input's
    kind (``_imo``, ``_last``, ``_new``), its ``imo``, ``a``, ``b``, ``name`` and ``to`` in
    ``other_mmsi``, ``slot``, ``day``, ``area`` and ``track``: :data:`_LINK_COLUMNS`)."""
    schema = pa.schema(list(events.schema) + [pa.field(n, t) for n, t in _SHARD_EXTRA])

    def fill(t: pa.Table, kind: Optional[str]) -> pa.Table:
        cols = []
        for f in schema:
            if f.name == "event_type" and kind is not None:
                cols.append(pa.array([kind] * t.num_rows, pa.string()))
            elif f.name in t.column_names:
                cols.append(t.column(f.name).cast(f.type))
            else:
                cols.append(pa.nulls(t.num_rows, f.type))
        return pa.Table.from_arrays(cols, schema=schema)

    parts = [fill(events, None), fill(resampled, "_resampled"), fill(anchorages, "_anchorage")]
    tallies = tallies.rename_columns(
        [{"i": "cell_i", "j": "cell_j", "key": "slot", "positions": "n_positions"}.get(c, c) for c in tallies.column_names])
    for kind in _TALLY_KINDS:
        parts.append(fill(tallies.filter(pc.equal(tallies["kind"], kind)), "_" + kind))
    names = {"i": "cell_i", "j": "cell_j", "t": "slot", "end": "day", "n": "n_positions", "what": "details"}
    anomalies = anomalies.rename_columns([names.get(c, c) for c in anomalies.column_names])
    for kind in _ANOMALY_KINDS:
        parts.append(fill(anomalies.filter(pc.equal(anomalies["kind"], kind)), "_" + kind))
    renamed = {ours: theirs for theirs, ours in _LINK_COLUMNS.items()}
    links = links.rename_columns([renamed.get(c, c) for c in links.column_names])
    for kind in _LINK_KINDS:
        parts.append(fill(links.filter(pc.equal(links["kind"], kind)), "_" + kind))
    return pa.concat_tables(parts)


#: The link inputs' kinds, as a shard marks them in ``event_type`` (``_imo``, ...).
_LINK_KINDS = ("imo", "last", "new")
#: Where a shard's link inputs travel: the shard table's column for each of theirs.
_LINK_COLUMNS = {"other_mmsi": "imo", "slot": "a", "day": "b", "area": "name", "track": "to"}


def _mmsi_links(spark: Any, shards: Any, kwargs: dict) -> tuple:
    """Identity changes linking two MMSIs (``docs/scale.md``, step 5), judged in Rust by the
    engine's own code (``Engine::judge_links``) from the shards' link inputs: the IMO sightings
    of the IMOs more than one MMSI carried, and each new track with the last sightings the
    handover grid held at its flush in its own and neighbouring cells, within the handover
    window before it (Spark's join; the engine's test decides). Returns the link events (a
    DataFrame) and the renamed MMSIs (old MMSI, flush, first time of the new one)."""
    from pyspark.sql import functions as F

    config_kwargs = {k: v for k, v in kwargs.items() if k.startswith("config")}
    cfg = json.loads(_native.effective_config(**config_kwargs))
    window = int(float(cfg["statics"]["handover_minutes"]) * 60_000.0)
    cols = ["flush", "mmsi", "lat", "lon", "cell_i", "cell_j"] + [F.col(c).alias(a) for c, a in _LINK_COLUMNS.items()]

    def part(kind: str) -> Any:
        return shards.filter(F.col("event_type") == "_" + kind).select(*cols)

    imos = part("imo")
    multi = imos.groupBy("imo").agg(F.countDistinct("mmsi").alias("n")).filter(F.col("n") > 1).select("imo")
    imos = imos.join(multi, "imo")
    new, last = part("new"), part("last")
    # Each new track in its own and its 8 neighbouring cells of the handover grid.
    near = new.select(
        F.col("flush").alias("k"), F.col("mmsi").alias("new_mmsi"), F.col("a").alias("first_tx"), "cell_j",
        F.explode(F.sequence(F.col("cell_i") - 1, F.col("cell_i") + 1)).alias("ci"),
    ).select("*", F.explode(F.sequence(F.col("cell_j") - 1, F.col("cell_j") + 1)).alias("cj")).drop("cell_j")
    pairs = near.join(
        last.withColumnRenamed("cell_i", "ci").withColumnRenamed("cell_j", "cj"), ["ci", "cj"]
    ).filter(
        (F.col("flush") <= F.col("k")) & (F.col("k") <= F.col("to")) & (F.col("a") < F.col("first_tx"))
        & (F.col("first_tx") - F.col("a") <= window) & (F.col("mmsi") != F.col("new_mmsi"))
    ).localCheckpoint()
    last = pairs.select(*[F.col(c) for c in ("flush", "mmsi", "lat", "lon", "a", "to")],
                        F.col("ci").alias("cell_i"), F.col("cj").alias("cell_j")).distinct()
    wanted = pairs.select(F.col("k").alias("flush"), F.col("new_mmsi").alias("mmsi")).distinct()
    new = new.join(wanted, ["flush", "mmsi"])
    found, renamed = _native.mmsi_links(imos.toArrow(), last.toArrow(), new.toArrow(), **kwargs)
    return spark.createDataFrame(_to_spark(found), EVENTS_SCHEMA), renamed


def _drop_renamed_gaps(spark: Any, gaps: Any, renamed: list) -> Any:
    """The gaps less those the single engine drops as ``gap_mmsi_changed``: open gaps of an
    MMSI that the flush releasing them knew as renamed at or after the gap's start."""
    from pyspark.sql import functions as F

    if not renamed:
        return gaps
    # Per old MMSI, the first time of the new one from flush `lo` to `hi`.
    rules = []
    by_mmsi: dict = {}
    for old, k, t in sorted(renamed):
        by_mmsi.setdefault(old, []).append((k, t))
    for old, changes in by_mmsi.items():
        for n, (k, t) in enumerate(changes):
            hi = changes[n + 1][0] - 1 if n + 1 < len(changes) else 2**31 - 1
            rules.append((old, k, hi, t))
    rules = spark.createDataFrame(rules, "old long, lo int, hi int, renamed long")
    flush = F.get_json_object("details", "$.reason_inputs.flush").cast("int")
    is_open = F.coalesce(F.get_json_object("details", "$.open") == "true", F.lit(False))
    dropped = (
        F.col("mmsi") == F.col("old")) & is_open & (flush >= F.col("lo")) & (flush <= F.col("hi")) & (
        F.unix_millis("start_time") <= F.col("renamed"))
    return gaps.join(F.broadcast(rules), dropped, "left_anti")


#: Distinct vessels a reception tally keeps (the model counts exactly up to eight).
_TALLY_CAP = 8


def _gap_reasons(spark: Any, shards: Any, gaps: Any, watermarks: List[int], config_kwargs: dict) -> Any:
    """The gaps with the reasons the single engine gives them (``docs/scale.md``), and each
    flush's ``out_of_range`` episodes and anomaly onsets of continuous stations.

    The shards' reception tallies (per key and UTC day: positions and the lowest distinct
    MMSIs) are merged by key and day; each flush that released gaps or received candidate
    suspects or onsets gets the tallies of the days its model still held (cells and buckets
    from ``gap.coverage_days`` before the previous flush, footprint cells of every day up to
    its own), every station's days, and its suspects and onsets; Rust rebuilds that flush's
    model, gives its gaps their reasons (and what their interference marks need), finds its
    ``out_of_range`` episodes and keeps the onsets its continuous stations heard. All rows
    carry ``episode_flush`` for :func:`_anomalies`."""
    from pyspark.sql import functions as F

    cfg = json.loads(_native.effective_config(**config_kwargs))
    day_ms = 86_400_000
    keep_ms = int(float(cfg["gap"]["coverage_days"]) * 24.0 * 3_600_000.0)
    kinds = [F.lit("_" + k) for k in _TALLY_KINDS]
    tallies = (
        shards.filter(F.col("event_type").isin(*kinds))
        .select(F.expr("substring(event_type, 2)").alias("kind"), "station", F.col("cell_i").alias("i"),
                F.col("cell_j").alias("j"), F.col("slot").alias("key"), "day",
                F.col("n_positions").alias("positions"), "mmsis")
        .groupBy("kind", "station", "i", "j", "key", "day")
        .agg(F.sum("positions").alias("positions"),
             F.slice(F.array_sort(F.array_distinct(F.flatten(F.collect_list("mmsis")))), 1, _TALLY_CAP).alias("mmsis"))
    ).localCheckpoint()
    # Each station's buckets, counted on the day first heard: name, day, count, first, last.
    stations = [
        (r["station"], int(r["day"]), int(r["n"]), int(r["first"]), int(r["last"]))
        for r in tallies.filter(F.col("kind") == "bucket").groupBy("station", "key").agg(F.min("day").alias("day"))
        .groupBy("station", "day").agg(F.count("*").alias("n"), F.min("key").alias("first"), F.max("key").alias("last"))
        .collect()
    ]
    gaps = gaps.withColumn("flush", F.get_json_object("details", "$.reason_inputs.flush").cast("int"))
    anomalies = shards.filter(F.col("event_type").isin(*[F.lit("_" + k) for k in _ANOMALY_KINDS])).select(
        F.expr("substring(event_type, 2)").alias("kind"), "mmsi", "station", F.col("cell_i").alias("i"),
        F.col("cell_j").alias("j"), F.col("slot").alias("t"), F.col("day").alias("end"),
        F.col("n_positions").alias("n"), "lat", "lon", F.col("details").alias("what"), "flush")
    flushes = sorted(
        int(r["flush"]) for r in gaps.select("flush").unionByName(anomalies.select("flush")).distinct().collect()
        if r["flush"] is not None)
    if not flushes:
        return gaps.drop("flush")
    # Per flush: the days of tallies its model held (cells and buckets from `lo`, all to `hi`).
    spans = []
    for k in flushes:
        hi = (watermarks[min(k, len(watermarks) - 1)] - 1) // day_ms
        lo = (watermarks[k - 1] - keep_ms) // day_ms if k > 0 else -(2**62)
        spans.append((k, lo, hi))
    span = spark.createDataFrame(spans, "flush int, lo long, hi long")
    day, kind = F.col("day"), F.col("kind")
    recent = tallies.filter(kind != "foot").join(
        F.broadcast(span), (day <= F.col("hi")) & (day >= F.col("lo"))
    ).drop("lo", "hi")
    rows = recent.unionByName(_footprints_per_flush(tallies.filter(kind == "foot"), span)).unionByName(
        anomalies, allowMissingColumns=True)
    tally_columns = ["kind", "station", "i", "j", "key", "day", "positions", "mmsis"]
    anomaly_columns = ["kind", "mmsi", "station", "i", "j", "t", "end", "n", "lat", "lon", "what"]

    def reasons(left: pa.Table, right: pa.Table) -> pa.Table:
        k = (left if left.num_rows else right).column("flush")[0].as_py() if left.num_rows + right.num_rows else 0
        is_tally = pc.is_in(right["kind"], value_set=pa.array(_TALLY_KINDS))
        found, other = _native.flush_anomalies(
            _from_spark(left.drop_columns(["flush"])), right.filter(is_tally).select(tally_columns),
            right.filter(pc.invert(is_tally)).select(anomaly_columns), stations, watermarks, k, **config_kwargs)
        other = _to_spark(other)
        other = other.append_column("gap_id", pa.nulls(other.num_rows, pa.int64()))
        return pa.concat_tables([_to_spark(found), other], promote_options="default")

    return (
        gaps.groupBy("flush").cogroup(rows.groupBy("flush"))
        .applyInArrow(reasons, schema=EVENTS_SCHEMA + ", gap_id long")
    )


def _footprints_per_flush(foot: Any, span: Any) -> Any:
    """The footprint cells each flush's model held (the merged ``foot`` tallies, per key and
    day, of every day up to the flush's): one row per cell and flush, its running totals.

    The engine keeps footprint cells for the whole run and met each cell's vessels day by day,
    each day's in MMSI order, so a cell at a flush is its positions summed over the days up to
    the flush's and the first eight MMSIs met: the eight lowest by (first day heard, MMSI).
    Each cell's days are summed in one running aggregate (a window over the cell's days, one
    shuffle of the daily tallies by cell), and each running row goes to the flushes from its
    day to the day before the cell's next: O(days) rows per cell, where sending every flush
    all earlier days' tallies was O(days²)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    cell = ["station", "i", "j"]
    upto = span.agg(F.max("hi")).collect()[0][0]
    foot = foot.filter(F.col("day") <= F.lit(upto))
    by_day = Window.partitionBy(*cell).orderBy("day")
    met = (
        foot.select(*cell, "day", F.explode("mmsis").alias("m"))
        .groupBy(*cell, "m").agg(F.min("day").alias("first"))
        .withColumn("rank", F.row_number().over(Window.partitionBy(*cell).orderBy("first", "m")))
        .filter(F.col("rank") <= _TALLY_CAP)
        .groupBy(*cell).agg(F.collect_list(F.struct("first", "m")).alias("met"))
    )
    running = foot.select(
        "kind", *cell, "key", "day",
        F.sum("positions").over(by_day.rowsBetween(Window.unboundedPreceding, Window.currentRow)).alias("positions"),
        F.lead("day").over(by_day).alias("next"),
    ).join(met, cell)
    mmsis = F.transform(F.filter("met", lambda x: x["first"] <= F.col("day")), lambda x: x["m"])
    covers = F.sequence(F.col("day"), F.coalesce(F.col("next") - 1, F.lit(upto)))
    return (
        running.select("kind", *cell, "key", "day", "positions", mmsis.alias("mmsis"), F.explode(covers).alias("hi"))
        .join(F.broadcast(span.select("flush", "hi")), "hi")
        .drop("hi")
    )


def _anomalies(rows: Any, watermarks: List[int], config_kwargs: dict) -> Any:
    """Gaps with their reasons, spoofing episodes and anomaly onsets of every flush (each with
    ``episode_flush``) in one Rust task, flush by flush through the single engine's steps
    (``AnomalyReplay``): interference areas clustered from the onsets of all vessels, gaps
    marked (``interference_area``, the ``interference`` reason), each vessel's episodes merged
    and marked. Few rows (anomalies, not positions); one task, as the engine's clustering
    links onsets across the whole area and time."""
    from pyspark.sql import functions as F

    def replay(t: pa.Table) -> pa.Table:
        found = _native.anomaly_events(_from_spark(t.select(EVENT_COLUMNS)), watermarks, **config_kwargs)
        return _to_spark(found)

    return rows.select(*EVENT_COLUMNS).withColumn("g", F.lit(0)).groupBy("g").applyInArrow(replay, schema=EVENTS_SCHEMA)


#: Margin on the distance within which the engine compares two vessels (its test is a chord in
#: km on a sphere; degrees are taken at 111 km): the join's cells and prefilter keep every pair
#: the engine could pair, and the engine's own test decides.
_PAIR_MARGIN = 1.05


def _encounters(spark: Any, shards: Any, watermarks: List[int], kwargs: dict, nb: int) -> Any:
    """Encounters from the shards' resampled positions: candidate pairs joined on (slot,
    latitude cell, longitude cell) with each position's neighbouring cells, each pair's rows
    replayed in Rust through the engine's encounter search with every slot the whole data
    has (``ticks``), the day watermarks and the anchorage entries known at each."""
    from pyspark.sql import functions as F

    config_kwargs = {k: v for k, v in kwargs.items() if k.startswith("config")}
    cfg = json.loads(_native.effective_config(**config_kwargs))
    max_km = float(cfg["encounter"]["max_distance_km"])
    resampled = shards.filter(F.col("event_type") == "_resampled").select(
        "slot", "mmsi", "track", "lat", "lon", "knots")
    anchorages = shards.filter(F.col("event_type") == "_anchorage").select("flush", "cell_i", "cell_j", "mmsi")
    anchorages = anchorages.toArrow()
    ticks = [int(r.slot) for r in resampled.select("slot").distinct().collect()]
    if not ticks or max_km <= 0:
        return spark.createDataFrame([], EVENTS_SCHEMA)
    # Cells: `reach` degrees of latitude (at least max_km, with the margin) by 360/n of longitude.
    reach = _PAIR_MARGIN * max_km / 111.0 + 1e-9
    n = max(1, int(360.0 / reach))
    width = 360.0 / n
    lat, lon = F.col("lat"), F.col("lon")
    cells = resampled.withColumn("ci", F.floor((lat + 90.0) / reach)).withColumn(
        "cj", F.pmod(F.floor((lon + 180.0) / width), F.lit(n)))
    # Longitude reach at the position's latitude (the cell's pole side): all cells near a pole.
    reach_lon = F.lit(reach) / F.greatest(F.cos(F.radians(F.least(F.abs(lat) + 2 * reach, F.lit(90.0)))), F.lit(1e-9))
    j0 = F.floor((lon + 180.0 - reach_lon) / width)
    j1 = F.floor((lon + 180.0 + reach_lon) / width)
    js = F.when(j1 - j0 + 1 >= n, F.sequence(F.lit(0).cast("long"), F.lit(n - 1).cast("long"))).otherwise(F.sequence(j0, j1))
    side = ["mmsi", "track", "lat", "lon", "knots"]
    near = cells.select(
        "slot", *[F.col(c).alias(f"a_{c}") for c in side],
        F.explode(F.sequence(F.col("ci") - 1, F.col("ci") + 1)).alias("ci"),
        F.array_distinct(F.transform(js, lambda j: F.pmod(j, F.lit(n)))).alias("cjs"),
    ).select("*", F.explode("cjs").alias("cj")).drop("cjs")
    home = cells.select("slot", "ci", "cj", *[F.col(c).alias(f"b_{c}") for c in side])
    # Prefilter: great-circle distance within the margin (the engine's test decides).
    p1, p2 = F.radians("a_lat"), F.radians("b_lat")
    h = F.pow(F.sin((p2 - p1) / 2), 2) + F.cos(p1) * F.cos(p2) * F.pow(F.sin(F.radians(F.col("b_lon") - F.col("a_lon")) / 2), 2)
    km = 2 * 6371.0088 * F.asin(F.sqrt(F.least(h, F.lit(1.0))))
    pairs = (
        near.join(home, ["slot", "ci", "cj"])
        .filter(F.col("a_mmsi") < F.col("b_mmsi"))
        .filter(km <= _PAIR_MARGIN * max_km + 1e-3)
        .drop("ci", "cj")
    )

    def judge(t: pa.Table) -> pa.Table:
        return _to_spark(_native.pair_encounters(t, ticks, watermarks, anchorages, **kwargs))

    bucket = F.pmod(F.xxhash64("a_mmsi", "a_track", "b_mmsi", "b_track"), F.lit(nb))
    return pairs.withColumn("b", bucket).groupBy("b").applyInArrow(judge, schema=EVENTS_SCHEMA)


def main(argv: Optional[List[str]] = None) -> int:
    """``python -m lookout.spark`` / ``spark-submit .../lookout/spark.py``."""
    p = argparse.ArgumentParser(prog="lookout.spark", description=__doc__.split("\n\n")[0])
    p.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("decode", help="AIS files to a new store")
    d.add_argument("--out", required=True, help="the new store's directory (shared by all workers)")
    d.add_argument("--partitions", type=int, help="tasks (default: one per file up to the parallelism)")
    d.add_argument("inputs", nargs="+", help="files, directories or globs")
    e = sub.add_parser("events", help="events of a store")
    e.add_argument("--store", required=True)
    e.add_argument("--areas", help="areas file (GeoJSON or TOML) or project folder")
    e.add_argument("--config", help="thresholds (TOML)")
    e.add_argument("--out", required=True, help="output directory (Parquet dataset)")
    e.add_argument("--buckets", type=int, help="MMSI groups (default: 4 per core)")
    args = p.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(f"lookout {args.command}")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        if args.command == "decode":
            summary = decode(spark, args.inputs, args.out, args.partitions)
            print(json.dumps(summary, indent=1))
        else:
            df = events(spark, args.store, args.areas, args.config, buckets=args.buckets)
            df.write.mode("overwrite").parquet(args.out)
            n = spark.read.parquet(args.out).count()
            print(f"lookout.spark events: {n} events in {args.out}", file=sys.stderr)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
