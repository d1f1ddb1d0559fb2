"""`lookout.events`: the engine over a store, over Arrow tables and over pandas, against the
events `lookout analyze` wrote with the single-machine engine."""

from __future__ import annotations

import csv
import json

import pyarrow as pa
import pyarrow.compute as pc
import pytest

import lookout
from conftest import MINI


def _key(t: pa.Table) -> list:
    return sorted(zip(t["event_id"].to_pylist(), t["details"].to_pylist()))


@pytest.fixture(scope="module")
def store_events(mini_run: dict) -> pa.Table:
    return lookout.events(lookout.Store(mini_run["store"]), areas=MINI)


def test_store_events_match_analyze(mini_run: dict, store_events: pa.Table) -> None:
    with open(mini_run["out"] / "events.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == store_events.num_rows > 10
    theirs = sorted((r["event_id"], json.loads(r["details"])) for r in rows)
    ours = sorted((e, json.loads(d)) for e, d in _key(store_events))
    assert ours == theirs
    types = set(store_events["event_type"].to_pylist())
    assert {"port_visit", "gap", "loitering"} <= types, types
    assert store_events.schema.field("mmsi").type == pa.uint32()


def test_tables_and_pandas_give_the_store_events(mini_run: dict, store_events: pa.Table) -> None:
    store = lookout.Store(mini_run["store"])
    positions, statics = store.positions(), store.statics()
    from_tables = lookout.events(positions, statics=statics, areas=MINI)
    assert from_tables.equals(store_events)
    pd = pytest.importorskip("pandas")
    from_pandas = lookout.events(
        positions.to_pandas(), statics=statics.to_pandas(), areas=MINI
    )
    assert _key(from_pandas) == _key(store_events)


def test_config_and_time_range(mini_run: dict, store_events: pa.Table) -> None:
    store = lookout.Store(mini_run["store"])
    long_gaps = lookout.events(store, areas=MINI, config={"gap": {"min_hours": 12}})
    gaps = long_gaps.filter(pc.equal(long_gaps["event_type"], "gap"))
    assert 0 < gaps.num_rows < store_events.filter(pc.equal(store_events["event_type"], "gap")).num_rows
    assert all(json.loads(d)["silent_h"] >= 12 for d in gaps["details"].to_pylist() if "silent_h" in d)
    early = lookout.events(store, areas=MINI, end="2023-08-20")
    assert max(early["start_time"].to_pylist()).isoformat() < "2023-08-21"


def test_bad_input_is_explained(mini_run: dict) -> None:
    with pytest.raises(lookout.LookoutError, match="unknown field"):
        lookout.events(mini_run["store"], config={"gap": {"minimum": 3}})
    with pytest.raises(ValueError, match="no column lat"):
        lookout.events(pa.table({"mmsi": [1], "time": [0]}))


def test_geopandas_frames(store_events: pa.Table, mini_run: dict) -> None:
    pytest.importorskip("geopandas")
    from lookout import geo

    frame = geo.events_frame(store_events)
    assert frame.crs.to_epsg() == 4326 and len(frame) == store_events.num_rows
    points = geo.positions_frame(lookout.Store(mini_run["store"]).positions(start="2023-08-10", end="2023-08-10T06:00:00Z"))
    assert (points.geometry.x == points["lon"]).all()
