"""`lookout.Store`: a store's tables, filtered, as Arrow and pandas."""

from __future__ import annotations

from collections import Counter

import pyarrow as pa
import pytest

import lookout


def test_one_vessel_in_a_time_range(mini_run: dict) -> None:
    store = lookout.Store(mini_run["store"])
    everything = store.positions()
    assert everything.num_rows == sum(f["rows"] for f in store.manifest()["files"] if f["table"] == "positions")
    busiest, n = Counter(everything["mmsi"].to_pylist()).most_common(1)[0]
    track = store.positions(mmsi=busiest)
    assert track.num_rows == n
    times = track["time"].to_pylist()
    assert times == sorted(times)
    assert set(track["mmsi"].to_pylist()) == {busiest}
    start, end = times[len(times) // 4], times[len(times) // 2]
    part = store.positions(mmsi=busiest, start=start, end=end)
    assert part.num_rows == sum(start <= t <= end for t in times)
    day = store.positions(start="2023-08-20", end="2023-08-20T23:59:59Z")
    assert {t.date().isoformat() for t in day["time"].to_pylist()} == {"2023-08-20"}


def test_statics_and_pandas(mini_run: dict) -> None:
    store = lookout.Store(mini_run["store"])
    statics = store.statics()
    assert statics.num_rows > 0
    one = statics["mmsi"][0].as_py()
    assert set(store.statics(mmsi=one)["mmsi"].to_pylist()) == {one}
    df = store.positions(mmsi=one).to_pandas()
    assert str(df["time"].dtype).startswith("datetime64")
    assert store.days()[0][0] == "2023-08-10"
    assert store.warnings == [] and store.adopted == 0


def test_missing_store_is_a_lookout_error(tmp_path) -> None:
    with pytest.raises(lookout.LookoutError, match="does not exist"):
        lookout.Store(tmp_path / "nothing")


def test_times(mini_run: dict) -> None:
    assert lookout.to_ms(0) == 0
    assert lookout.to_ms("1970-01-02") == 86_400_000
    import datetime as dt

    assert lookout.to_ms(dt.date(1970, 1, 2)) == 86_400_000
    with pytest.raises(lookout.LookoutError, match="soon"):
        lookout.to_ms("soon")
    assert pa.types.is_timestamp(lookout.Store(mini_run["store"]).positions().schema.field("time").type)
