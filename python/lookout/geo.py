"""GeoPandas helpers (``pip install geopandas``): positions and events as GeoDataFrames in
WGS 84 (EPSG:4326)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa


def _geopandas() -> Any:
    try:
        import geopandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("lookout.geo needs geopandas: pip install geopandas") from e
    return geopandas


def positions_frame(positions: pa.Table) -> Any:
    """Positions (store schema) as a GeoDataFrame of points."""
    gpd = _geopandas()
    df = positions.to_pandas()
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326")


def events_frame(events: pa.Table) -> Any:
    """Events as a GeoDataFrame: a line from the start to the end position, a point when only
    one is known or they coincide, no geometry when neither is (as the GeoJSON output)."""
    gpd = _geopandas()
    from shapely.geometry import LineString, Point

    df = events.to_pandas()

    def shape(r: Any) -> Any:
        a = None if r.lat != r.lat or r.lon != r.lon else (r.lon, r.lat)
        b = None if r.end_lat != r.end_lat or r.end_lon != r.end_lon else (r.end_lon, r.end_lat)
        if a and b and a != b:
            return LineString([a, b])
        return Point(a or b) if (a or b) else None

    return gpd.GeoDataFrame(df, geometry=[shape(r) for r in df.itertuples()], crs="EPSG:4326")
