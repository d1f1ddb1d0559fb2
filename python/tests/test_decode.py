"""`lookout.decode`: AIS to the store's tables, checked against pyais on real AIS."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyarrow as pa
import pytest

import lookout
from conftest import DMA_SAMPLE


@pytest.fixture(scope="module")
def sample() -> lookout.Decoded:
    return lookout.decode_all(DMA_SAMPLE)


def test_tables_have_the_store_schema(sample: lookout.Decoded) -> None:
    p, s = sample.positions, sample.statics
    assert p.num_rows > 1000 and s.num_rows > 100
    assert p.schema.field("mmsi").type == pa.uint32()
    assert p.schema.field("time").type == pa.timestamp("ms", tz="UTC")
    assert p.column_names[:4] == ["mmsi", "time", "lat", "lon"]
    assert "callsign" in s.column_names and "eta" in s.column_names
    assert sample.summary["positions"] == p.num_rows
    assert sample.summary["statics"] == s.num_rows
    df = p.to_pandas()
    assert str(df["mmsi"].dtype) == "uint32"
    assert df["lat"].between(-90, 90).all() and df["lon"].between(-180, 180).all()


def test_positions_agree_with_pyais(sample: lookout.Decoded) -> None:
    """Every position pyais decodes from the sample is in Lookout's table, same MMSI and
    coordinates (pyais rounds them to 6 decimals)."""
    pyais = pytest.importorskip("pyais")
    from pyais.stream import ByteStream

    theirs = set()
    for msg in ByteStream(DMA_SAMPLE.read_bytes().splitlines()):
        d = msg.decode().asdict()
        if d.get("msg_type") in (1, 2, 3, 18, 19, 27) and d.get("lat") is not None:
            lat, lon = d["lat"], d["lon"]
            if abs(lat) <= 90 and abs(lon) <= 180 and (lat, lon) != (0, 0):
                theirs.add((d["mmsi"], round(lat, 4), round(lon, 4)))
    t = sample.positions
    ours = {
        (m, round(a, 4), round(o, 4))
        for m, a, o in zip(t["mmsi"].to_pylist(), t["lat"].to_pylist(), t["lon"].to_pylist())
    }
    assert len(theirs) > 1000
    missing = theirs - ours
    assert not missing, f"{len(missing)} pyais positions missing, e.g. {sorted(missing)[:3]}"


def test_lines_bytes_and_files_give_the_same_rows(sample: lookout.Decoded, tmp_path: Path) -> None:
    text = DMA_SAMPLE.read_text()
    from_lines = lookout.decode(text.splitlines())
    from_bytes = lookout.decode(text.encode())
    gz = tmp_path / "sample.nmea.gz"
    gz.write_bytes(gzip.compress(text.encode()))
    from_gzip = lookout.decode(gz)
    drop = ["input_id", "input_line"]
    for t in (from_lines, from_bytes, from_gzip):
        assert t.drop_columns(drop).equals(sample.positions.drop_columns(drop))
    assert lookout.decode([Path(DMA_SAMPLE)], table="statics").equals(sample.statics)


def test_rejects_are_counted_by_reason() -> None:
    lines = DMA_SAMPLE.read_text().splitlines()[:40]
    clean = lookout.decode_all(lines)
    i = next(i for i, l in enumerate(lines) if l.startswith("!AIVDM"))
    flipped = "0" if lines[i][-1] != "0" else "1"
    broken = lookout.decode_all(lines[:i] + [lines[i][:-1] + flipped] + lines[i + 1 :])
    assert broken.summary["rejects"].get("bad_checksum") == 1, broken.summary["rejects"]
    assert broken.summary["lines"] == clean.summary["lines"] == 40
    assert broken.summary["messages"] == clean.summary["messages"] - 1


def test_errors_carry_the_file() -> None:
    with pytest.raises(FileNotFoundError):
        lookout.decode("/nonexistent/feed.nmea")
    with pytest.raises(ValueError):
        lookout.decode(DMA_SAMPLE, table="voyages")


def test_corrupt_compression_is_a_lookout_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.nmea.gz"
    broken.write_bytes(gzip.compress(DMA_SAMPLE.read_bytes())[:2000])
    with pytest.raises(lookout.LookoutError, match="broken.nmea.gz"):
        lookout.decode(broken)
