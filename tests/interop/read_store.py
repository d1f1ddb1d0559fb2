"""Reads a Lookout store with pyarrow (and DuckDB / pandas when installed) and checks the
contract in docs/store.md: Hive partitions by UTC day, schema and types, rows sorted by
(mmsi, time) in every file, row-group statistics, and row counts equal to the manifest's.

Usage: python3 tests/interop/read_store.py STORE_DIR
"""

import datetime as dt
import json
import pathlib
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

TS = pa.timestamp("ms", tz="UTC")
PROVENANCE = [("source", pa.string()), ("input_id", pa.uint32()), ("input_line", pa.uint64())]
SCHEMAS = {
    "positions": [
        ("mmsi", pa.uint32()), ("time", TS), ("lat", pa.float64()), ("lon", pa.float64()),
        ("sog", pa.float32()), ("cog", pa.float32()), ("heading", pa.uint16()),
        ("nav_status", pa.uint8()), ("msg_type", pa.uint8()), ("time_source", pa.string()),
    ] + PROVENANCE,
    "statics": [
        ("mmsi", pa.uint32()), ("time", TS), ("msg_type", pa.uint8()), ("imo", pa.uint32()),
        ("callsign", pa.string()), ("name", pa.string()), ("ship_type", pa.uint8()),
        ("to_bow", pa.uint16()), ("to_stern", pa.uint16()), ("to_port", pa.uint16()),
        ("to_starboard", pa.uint16()), ("length", pa.uint16()), ("width", pa.uint16()),
        ("draught", pa.float32()), ("destination", pa.string()), ("eta", TS),
        ("time_source", pa.string()),
    ] + PROVENANCE,
}


def check(store: pathlib.Path) -> int:
    manifest = json.loads((store / "manifest.json").read_text())
    assert manifest["format_version"] == 1, manifest["format_version"]
    checks = 0
    for table, fields in SCHEMAS.items():
        files = [f for f in manifest["files"] if f["table"] == table]
        if not files:
            continue
        dataset = ds.dataset(store / table, format="parquet", partitioning="hive")
        names = [f.name for f in dataset.schema]
        assert names == [n for n, _ in fields] + ["date"], (table, names)
        for name, typ in fields:
            got = dataset.schema.field(name).type
            assert got == typ, (table, name, got, typ)
        data = dataset.to_table()
        assert data.num_rows == sum(f["rows"] for f in files), table
        checks += 2
        for f in files:
            path = store / f["path"]
            meta = pq.ParquetFile(path).metadata
            assert meta.num_rows == f["rows"]
            for g in range(meta.num_row_groups):
                for col in (0, 1):
                    st = meta.row_group(g).column(col).statistics
                    assert st is not None and st.has_min_max, (path, g, col)
            t = pq.read_table(path, columns=["mmsi", "time"])
            key = list(zip(t["mmsi"].to_pylist(), t["time"].cast(pa.int64()).to_pylist()))
            assert key == sorted(key), f"{path} not sorted by (mmsi, time)"
            day = dt.datetime.strptime(f["date"], "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)
            days = pc.unique(pc.floor_temporal(t["time"], unit="day")).to_pylist()
            assert days == [day], (path, days)
            assert path.parent.name == "date=" + f["date"]
            checks += 1
    try:
        import duckdb
    except ImportError:
        duckdb = None
    if duckdb is not None:
        glob = str(store / "positions" / "*" / "*.parquet")
        con = duckdb.connect()
        (n,) = con.execute(
            "select count(*) from read_parquet(?, hive_partitioning = true)", [glob]
        ).fetchone()
        positions = ds.dataset(store / "positions", format="parquet", partitioning="hive")
        assert n == positions.count_rows()
        (mmsi,) = con.execute(
            "select mmsi from read_parquet(?) group by 1 order by count(*) desc limit 1", [glob]
        ).fetchone()
        (per_vessel,) = con.execute(
            "select count(*) from read_parquet(?) where mmsi = ?", [glob, mmsi]
        ).fetchone()
        expected = positions.count_rows(filter=ds.field("mmsi") == mmsi)
        assert per_vessel == expected, (per_vessel, expected)
        checks += 2
    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        frame = pd.read_parquet(store / "positions")
        assert len(frame) == ds.dataset(store / "positions", partitioning="hive").count_rows()
        checks += 1
    return checks


if __name__ == "__main__":
    n = check(pathlib.Path(sys.argv[1]))
    print(f"interop: {n} passed, 0 failed")
