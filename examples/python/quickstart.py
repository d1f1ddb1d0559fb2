# %% [markdown]
# # Lookout from Python
#
# A notebook-style tour (cells marked `# %%`; Jupyter, VS Code and `python quickstart.py` all
# run it): decode real AIS, run the whole pipeline on the DPRK -> Russia example project, read
# its store, find events, and hand them to pandas and GeoPandas. CI runs this file.
#
# The example project's AIS is **simulated** (examples/dprk-russia-simulated/README.md says what is real).

# %%
import sys
import tempfile
from pathlib import Path

import pyarrow.compute as pc

import lookout

REPO = Path(__file__).resolve().parents[2]
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="lookout-"))

# %% [markdown]
# ## Decode real AIS
# The Danish Maritime Authority sample bundled with the repository: 8,551 NMEA lines with
# `$PGHP` receive times. `decode_all` returns the store's two tables and what was set aside.

# %%
decoded = lookout.decode_all(REPO / "examples" / "ais" / "dma-stream-sample.nmea")
print(decoded.positions.num_rows, "positions,", decoded.statics.num_rows, "static reports")
print("set aside:", decoded.summary["rejects"])
positions = decoded.positions.to_pandas()
print(positions.groupby("mmsi").size().sort_values(ascending=False).head())

# %% [markdown]
# ## The whole pipeline
# `analyze` is `lookout analyze`: AIS into a store, events, voyages, the ledger, the report.

# %%
project = REPO / "examples" / "dprk-russia-simulated"
summary = lookout.analyze(project, OUT)
for step in summary["steps"]:
    print(f"{step['seconds']:6.1f} s  {step['step']}")
print("report:", OUT / "report.html")

# %% [markdown]
# ## The store and one vessel's track
# ANGARA kept its AIS off on the corridor's legs (the scenario follows the reporting): few or no
# positions in a month is the finding, not a bug.

# %%
store = lookout.Store(OUT / "store")
angara = store.statics().filter(pc.equal(store.statics()["name"], "ANGARA"))
mmsi = angara["mmsi"][0].as_py() if angara.num_rows else store.positions()["mmsi"][0].as_py()
track = store.positions(mmsi=mmsi, start="2023-09-01", end="2023-09-30T23:59:59Z").to_pandas()
print(f"MMSI {mmsi}: {len(track)} positions in September 2023")

# %% [markdown]
# ## Events, from the store or from any Arrow table
# Thresholds can be changed per call (keys as in docs/events.md).

# %%
events = lookout.events(store, areas=project)
print(events.group_by("event_type").aggregate([("event_id", "count")]).to_pandas())
long_gaps = lookout.events(store, areas=project, config={"gap": {"min_hours": 12}})
gaps = long_gaps.filter(pc.equal(long_gaps["event_type"], "gap")).to_pandas()
print(gaps[["mmsi", "start_time", "end_time", "area", "other_area"]].head())

# %% [markdown]
# ## GeoPandas (when installed)

# %%
try:
    from lookout import geo

    frame = geo.events_frame(events)
    print(frame[frame.event_type == "port_visit"][["mmsi", "area", "geometry"]].head())
except ImportError:
    print("geopandas not installed: skipping the GeoDataFrame")

# %% [markdown]
# ## Claims from a news text

# %%
text = "Russia has received about 6,700 containers of munitions from North Korea, Defence Minister Shin Won-sik said on Monday."
for row in lookout.claims.extract(text):
    print(row["quantity"], row["unit"], "-", row["speaker"])
