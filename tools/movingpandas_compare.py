#!/usr/bin/env python3
"""Compare `lookout events` with MovingPandas on the same points (docs/accuracy.md, docs/performance.md).

Reads the positions of a Lookout store (pyarrow), runs MovingPandas' ObservationGapSplitter and
TrajectoryStopDetector on them, runs `lookout events` on the same store with matching thresholds,
and reports agreement (gap splits, stops) and, with --bench, the wall time of each side.

  pip install movingpandas pyarrow
  python3 tools/movingpandas_compare.py --store STORE --lookout target/release/lookout \
      [--areas AREAS] [--bench] [--vessels N]

Settings shared by both sides: gap split at > 6 h (Lookout's gap threshold, GFW pipe-gaps);
stops of >= 30 min within 1 km (MovingPandas) against Lookout loitering (< 2 kn hourly average)
of >= 30 min with no port filter. The two stop definitions differ (diameter vs speed), so their
agreement is reported, not required to be total.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import timedelta

import pandas as pd
import pyarrow.dataset as ds

warnings.filterwarnings("ignore")

GAP = timedelta(hours=6)
STOP_MIN = timedelta(minutes=30)
STOP_DIAMETER_M = 1000


def load(store, vessels):
    t = ds.dataset(os.path.join(store, "positions"), format="parquet", partitioning="hive")
    df = t.to_table(columns=["mmsi", "time", "lat", "lon", "sog"]).to_pandas()
    df = df[(df.lat.abs() <= 90) & (df.lon.abs() <= 180) & ~((df.lat == 0) & (df.lon == 0))]
    df = df.drop_duplicates(["mmsi", "time"]).sort_values(["mmsi", "time"])
    if vessels:
        keep = df.mmsi.drop_duplicates().head(vessels)
        df = df[df.mmsi.isin(keep)]
    df["time"] = df.time.dt.tz_convert(None)
    return df


def movingpandas(df):
    import geopandas as gpd
    import movingpandas as mpd

    multi = df.groupby("mmsi").filter(lambda g: len(g) >= 2)
    gdf = gpd.GeoDataFrame(multi, geometry=gpd.points_from_xy(multi.lon, multi.lat), crs="EPSG:4326")
    t0 = time.perf_counter()
    tc = mpd.TrajectoryCollection(gdf, "mmsi", t="time")
    split = mpd.ObservationGapSplitter(tc).split(gap=GAP)
    gaps = set()
    by_vessel = {}
    for traj in split.trajectories:
        # The splitter rewrites the id column to "<mmsi>_<piece>".
        mmsi = str(traj.id).rsplit("_", 1)[0]
        by_vessel.setdefault(mmsi, []).append((traj.get_start_time(), traj.get_end_time()))
    for m, segs in by_vessel.items():
        segs.sort()
        for (_, end), (start, _) in zip(segs, segs[1:]):
            gaps.add((int(m), pd.Timestamp(end), pd.Timestamp(start)))
    t_gap = time.perf_counter() - t0
    t1 = time.perf_counter()
    stops = []
    detector = mpd.TrajectoryStopDetector(tc)
    for tr in detector.get_stop_time_ranges(max_diameter=STOP_DIAMETER_M, min_duration=STOP_MIN):
        stops.append((int(str(tr.traj_id).split("_")[0]), pd.Timestamp(tr.t_0), pd.Timestamp(tr.t_n)))
    t_stop = time.perf_counter() - t1
    return gaps, stops, t_gap, t_stop, len(multi)


def lookout(binary, store, areas):
    cfg = "[gap]\nopen_gaps = false\n[loitering]\nmin_hours = 0.5\nmin_port_distance_km = 0.0\n"
    with tempfile.TemporaryDirectory() as d:
        cfg_path = os.path.join(d, "cfg.toml")
        open(cfg_path, "w").write(cfg)
        out = os.path.join(d, "events.csv")
        t0 = time.perf_counter()
        r = subprocess.run([binary, "events", "--store", store, "--areas", areas, "--config", cfg_path, "--out", out],
                           capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        if r.returncode != 0:
            sys.exit(r.stderr)
        ev = pd.read_csv(out)
    ev["start_time"] = pd.to_datetime(ev.start_time, format="ISO8601").dt.tz_convert(None)
    ev["end_time"] = pd.to_datetime(ev.end_time, format="ISO8601").dt.tz_convert(None)
    gaps = {(int(r.mmsi), r.start_time, r.end_time) for r in ev[ev.event_type == "gap"].itertuples()}
    stops = [(int(r.mmsi), r.start_time, r.end_time) for r in ev[ev.event_type == "loitering"].itertuples()]
    return gaps, stops, elapsed, r.stderr.strip()


def overlap_match(a, b):
    """Greedy one-to-one matching of (mmsi, start, end) intervals that overlap."""
    used = set()
    matched = 0
    for m, s, e in a:
        for j, (m2, s2, e2) in enumerate(b):
            if j not in used and m == m2 and s <= e2 and s2 <= e:
                used.add(j)
                matched += 1
                break
    return matched


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--lookout", required=True)
    ap.add_argument("--vessels", type=int, default=0, help="MovingPandas on the first N MMSIs only (0 = all)")
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--areas", help="areas for Lookout (default: none; with none, ships moored side by side are encounters)")
    args = ap.parse_args()
    areas = args.areas
    if not areas:
        with tempfile.NamedTemporaryFile("w", suffix=".geojson", delete=False) as f:
            f.write('{"type":"FeatureCollection","features":[]}')
            areas = f.name
    df = load(args.store, args.vessels)
    mp_gaps, mp_stops, t_gap, t_stop, n_mp = movingpandas(df)
    lo_gaps, lo_stops, t_lookout, summary = lookout(args.lookout, args.store, areas)
    if args.vessels:
        keep = set(df.mmsi.unique().tolist())
        lo_gaps = {g for g in lo_gaps if g[0] in keep}
        lo_stops = [s for s in lo_stops if s[0] in keep]
    both = mp_gaps & lo_gaps
    # The splitter's rule on every consecutive pair (MovingPandas then drops one-point pieces,
    # which hides the splits around them).
    d = df.sort_values(["mmsi", "time"])
    nxt = d.groupby("mmsi").time.shift(-1)
    raw = d[(nxt - d.time) > pd.Timedelta(GAP)]
    raw_gaps = {(int(m), pd.Timestamp(t), pd.Timestamp(n)) for m, t, n in zip(raw.mmsi, raw.time, nxt[raw.index])}
    result = {
        "positions": int(len(df)),
        "vessels": int(df.mmsi.nunique()),
        "gap_splits": {"movingpandas": len(mp_gaps), "lookout": len(lo_gaps), "identical": len(both),
                       "only_movingpandas": sorted(map(str, mp_gaps - lo_gaps))[:10],
                       "only_lookout": sorted(map(str, lo_gaps - mp_gaps))[:10],
                       "splitter_rule_on_all_pairs": len(raw_gaps),
                       "lookout_equal_to_rule": len(raw_gaps & lo_gaps),
                       "rule_only": sorted(map(str, raw_gaps - lo_gaps))[:10],
                       "lookout_only_vs_rule": sorted(map(str, lo_gaps - raw_gaps))[:10]},
        "stops": {"movingpandas": len(mp_stops), "lookout_loitering": len(lo_stops),
                  "movingpandas_overlapped_by_lookout": overlap_match(mp_stops, lo_stops),
                  "lookout_overlapped_by_movingpandas": overlap_match(lo_stops, mp_stops)},
        "lookout_summary": summary,
    }
    if args.bench:
        result["seconds"] = {"lookout_events_all_detectors": round(t_lookout, 2),
                             "movingpandas_gap_splitter": round(t_gap, 2),
                             "movingpandas_stop_detector": round(t_stop, 2),
                             "movingpandas_positions": n_mp}
    print(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
