"""Lookout's Python package against pyais + MovingPandas on the same AIS, in the same run.

    python bench/python/peers.py NMEA_FILE [--lines N] [--areas PROJECT_OR_AREAS]

Decode + events: Lookout's `decode_all` then `events` (port visits, gaps, encounters,
loitering, ... in Rust) against pyais decoding every sentence (tag-block receive times) into a
pandas DataFrame, then MovingPandas building one trajectory per MMSI and finding its stops
(`TrajectoryStopDetector`, 30 min within 1 km) and gaps (`ObservationGapSplitter`, 2 h). The
peers do less than Lookout (no segmentation, areas, coverage, encounters) so the ratio
understates the difference. Prints one JSON line of timings: wall seconds (`*_s`) and CPU
seconds of the process, all threads (`*_cpu_s`: on a machine shared with other work the CPU
ratio is the steadier one).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from datetime import timedelta
from pathlib import Path

import lookout

TAG_TIME = re.compile(rb"c:(\d+)")


def _clocks() -> tuple:
    return time.perf_counter(), time.process_time()


def _timings(c0: tuple, c1: tuple, c2: tuple) -> dict:
    return {"decode_s": c1[0] - c0[0], "events_s": c2[0] - c1[0],
            "decode_cpu_s": c1[1] - c0[1], "events_cpu_s": c2[1] - c1[1]}


def lookout_run(lines: list, areas: str | None) -> dict:
    c0 = _clocks()
    decoded = lookout.decode_all(lines)
    c1 = _clocks()
    events = lookout.events(decoded, areas=areas)
    c2 = _clocks()
    return {**_timings(c0, c1, c2), "positions": decoded.positions.num_rows, "events": events.num_rows}


def peers_run(raw: list) -> dict:
    import geopandas as gpd
    import movingpandas as mpd
    import pandas as pd
    from pyais import decode as pyais_decode
    from pyais.exceptions import InvalidNMEAMessageException

    c0 = _clocks()
    rows, parts, rx = [], [], None
    for line in raw:
        m = TAG_TIME.search(line)
        if m:
            rx = int(m.group(1))
        sentence = line[line.rfind(b"\\") + 1 :] if line.startswith(b"\\") else line
        if not sentence.startswith(b"!"):
            continue
        f = sentence.split(b",")
        if len(f) < 3:
            continue
        parts.append(sentence)
        if f[1] != f[2]:
            continue
        try:
            msg = pyais_decode(*parts).asdict()
        except (InvalidNMEAMessageException, Exception):
            parts = []
            continue
        parts = []
        if msg.get("msg_type") in (1, 2, 3, 18, 19, 27) and msg.get("lat") is not None and abs(msg["lat"]) <= 90:
            rows.append((msg["mmsi"], rx, msg["lat"], msg["lon"], msg.get("speed")))
    df = pd.DataFrame(rows, columns=["mmsi", "t", "lat", "lon", "sog"])
    df["t"] = pd.to_datetime(df["t"], unit="s")
    c1 = _clocks()
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df.lon, df.lat), crs="EPSG:4326")
    tc = mpd.TrajectoryCollection(gdf, "mmsi", t="t")
    stops = mpd.TrajectoryStopDetector(tc).get_stop_segments(min_duration=timedelta(minutes=30), max_diameter=1000)
    gaps = mpd.ObservationGapSplitter(tc).split(gap=timedelta(hours=2))
    c2 = _clocks()
    return {**_timings(c0, c1, c2), "positions": len(df), "stops": len(stops), "gap_pieces": len(gaps)}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("nmea", type=Path)
    p.add_argument("--lines", type=int, default=0, help="first N lines only (0: all)")
    p.add_argument("--areas")
    a = p.parse_args()
    raw = a.nmea.read_bytes().splitlines()
    if a.lines:
        raw = raw[: a.lines]
    text = [l.decode() for l in raw]
    ours = lookout_run(text, a.areas)
    theirs = peers_run(raw)
    def total(r: dict, cpu: str = "") -> float:
        return r[f"decode{cpu}_s"] + r[f"events{cpu}_s"]

    print(json.dumps({"lines": len(raw), "lookout": ours, "pyais_movingpandas": theirs,
                      "ratio_decode": theirs["decode_s"] / ours["decode_s"],
                      "ratio_events": theirs["events_s"] / ours["events_s"],
                      "ratio_total": total(theirs) / total(ours),
                      "ratio_decode_cpu": theirs["decode_cpu_s"] / ours["decode_cpu_s"],
                      "ratio_events_cpu": theirs["events_cpu_s"] / ours["events_cpu_s"],
                      "ratio_total_cpu": total(theirs, "_cpu") / total(ours, "_cpu")}))


if __name__ == "__main__":
    main()
