"""Baseline: pyais decodes the NMEA (tag-block receive times), pandas builds position and
static tables, pyarrow writes Parquet (zstd), sorted by (mmsi, time) like the Lookout store."""
import sys
import pandas as pd
from pyais.stream import FileReaderStream

src, out = sys.argv[1], sys.argv[2]
POS = {1, 2, 3, 9, 18, 19, 21, 27}
STAT = {5, 19, 21, 24}
pos, stat = [], []
for msg in FileReaderStream(src):
    tb = msg.tag_block
    if tb is None:
        continue
    tb.init()
    t = tb.receiver_timestamp
    if not t:
        continue
    try:
        d = msg.decode().asdict()
    except Exception:
        continue
    mt = d["msg_type"]
    if mt in POS and d.get("lat") is not None and abs(d["lat"]) <= 90 and abs(d["lon"]) <= 180:
        pos.append((d["mmsi"], int(t) * 1000, d["lat"], d["lon"], d.get("speed"), d.get("course"),
                    d.get("heading"), d.get("status"), mt))
    if mt in STAT:
        stat.append((d["mmsi"], int(t) * 1000, mt, d.get("imo"), d.get("callsign"),
                     d.get("shipname") or d.get("name"), d.get("ship_type"), d.get("to_bow"),
                     d.get("to_stern"), d.get("to_port"), d.get("to_starboard"), d.get("draught"),
                     d.get("destination")))
p = pd.DataFrame(pos, columns=["mmsi", "time", "lat", "lon", "sog", "cog", "heading", "nav_status", "msg_type"])
p["time"] = pd.to_datetime(p["time"], unit="ms", utc=True)
p["status"] = p.pop("nav_status").astype("Int64")
p.sort_values(["mmsi", "time"]).to_parquet(out + "-positions.parquet", compression="zstd", index=False)
s = pd.DataFrame(stat, columns=["mmsi", "time", "msg_type", "imo", "callsign", "name", "ship_type",
                                "to_bow", "to_stern", "to_port", "to_starboard", "draught", "destination"])
s["time"] = pd.to_datetime(s["time"], unit="ms", utc=True)
for c in ["ship_type"]:
    s[c] = s[c].astype("Int64")
s.sort_values(["mmsi", "time"]).to_parquet(out + "-statics.parquet", compression="zstd", index=False)
print(len(p), "positions", len(s), "statics", file=sys.stderr)
