"""Lookout from Python: AIS decoding, the store, behavioural events and the whole pipeline.

Tables are :class:`pyarrow.Table` with the columns of Lookout's store and events files
(``docs/store.md``, ``docs/events.md``); ``.to_pandas()`` gives pandas, :mod:`lookout.geo`
GeoPandas. The work happens in Rust: tables cross the boundary through the Arrow C data
interface (no copy, no Python loop per message) and errors arrive as :class:`LookoutError`
with the Rust error's context.

>>> import lookout
>>> positions = lookout.decode("examples/ais/dma-stream-sample.nmea")
>>> events = lookout.events(positions, areas="examples/dprk-russia")
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Optional, Union

import pyarrow as pa

from . import _native, claims
from ._native import LookoutError

__all__ = [
    "Decoded",
    "LookoutError",
    "Store",
    "analyze",
    "claims",
    "decode",
    "decode_all",
    "events",
    "simulate",
    "to_ms",
]
__version__: str = _native.__version__

PathLike = Union[str, "os.PathLike[str]"]
Time = Union[None, int, str, _dt.datetime, _dt.date]

#: Columns of the store's ``positions`` table the event engine reads, with their types.
POSITION_COLUMNS = {
    "mmsi": pa.uint32(),
    "time": pa.timestamp("ms", tz="UTC"),
    "lat": pa.float64(),
    "lon": pa.float64(),
    "sog": pa.float32(),
    "cog": pa.float32(),
    "heading": pa.uint16(),
    "nav_status": pa.uint8(),
    "msg_type": pa.uint8(),
    "source": pa.string(),
}
#: Columns of the store's ``statics`` table the event engine reads, with their types.
STATIC_COLUMNS = {
    "mmsi": pa.uint32(),
    "time": pa.timestamp("ms", tz="UTC"),
    "imo": pa.uint32(),
    "callsign": pa.string(),
    "name": pa.string(),
    "ship_type": pa.uint8(),
    "draught": pa.float32(),
    "destination": pa.string(),
    "source": pa.string(),
}


def to_ms(t: Time) -> Optional[int]:
    """A time as ms since the Unix epoch (UTC).

    ``None`` stays ``None``; an ``int`` is Unix **seconds** and a ``str`` is RFC 3339,
    ``YYYY-MM-DD`` or Unix seconds, as on Lookout's command line; a naive ``datetime`` is UTC;
    a ``date`` is its midnight UTC.
    """
    if t is None:
        return None
    if isinstance(t, bool):
        raise TypeError("a time cannot be a bool")
    if isinstance(t, int):
        return t * 1000
    if isinstance(t, str):
        return _native.parse_time(t)
    if isinstance(t, _dt.datetime):
        if t.tzinfo is None:
            t = t.replace(tzinfo=_dt.timezone.utc)
        return int(round(t.timestamp() * 1000))
    if isinstance(t, _dt.date):
        return to_ms(_dt.datetime(t.year, t.month, t.day))
    raise TypeError(f"not a time: {t!r}")


class Decoded(NamedTuple):
    """What :func:`decode_all` returns: the two store tables and the ingest summary."""

    #: Position reports (types 1-3, 9, 18, 19, 27 and CSV rows), store schema.
    positions: pa.Table
    #: Static and voyage reports (types 5, 19, 21, 24 and CSV rows), store schema.
    statics: pa.Table
    #: Counts: lines, messages, rows stored, duplicates, and every reject by reason.
    summary: dict


def decode_all(source: Union[PathLike, bytes, Iterable[Union[str, PathLike]]]) -> Decoded:
    """Decodes AIS into the store's ``positions`` and ``statics`` tables.

    ``source`` is a file path (NMEA plain, ``.gz`` or ``.zst``; ``lookout decode`` JSON lines;
    DMA or MarineCadastre CSV), ``bytes`` of NMEA text, or a list whose ``str`` items are NMEA
    lines and whose :class:`pathlib.Path` items are files. The rows are exactly those
    ``lookout ingest`` stores (receive time required, duplicates dropped, sorted by
    ``(mmsi, time)`` within each UTC day); what was set aside is counted by reason in
    ``summary["rejects"]``.
    """
    paths: list = []
    lines: Optional[list] = None
    if isinstance(source, (str, os.PathLike)):
        paths = [os.fspath(source)]
    elif isinstance(source, (bytes, bytearray)):
        lines = bytes(source).decode("utf-8", errors="replace").splitlines()
    else:
        lines = []
        for item in source:
            if isinstance(item, str):
                lines.append(item)
            elif isinstance(item, os.PathLike):
                paths.append(os.fspath(item))
            else:
                raise TypeError(f"not a line or a path: {item!r}")
    for p in paths:
        if not os.path.exists(p):
            raise FileNotFoundError(p)
    positions, statics, summary = _native.decode(paths, lines or None)
    return Decoded(positions, statics, json.loads(summary))


def decode(source: Union[PathLike, bytes, Iterable[Union[str, PathLike]]], table: str = "positions") -> pa.Table:
    """Decodes AIS (see :func:`decode_all`) and returns one table: ``"positions"`` (default)
    or ``"statics"``."""
    if table not in ("positions", "statics"):
        raise ValueError(f"table must be 'positions' or 'statics', not {table!r}")
    return getattr(decode_all(source), table)


class Store:
    """A Lookout store directory (``docs/store.md``), read-only.

    Files on disk that the manifest does not list yet (a crash between a file's rename and the
    manifest update, or Parquet placed by another writer) are read too (:attr:`adopted`).
    """

    def __init__(self, root: PathLike):
        self._store = _native.Store(os.fspath(root))

    @property
    def root(self) -> Path:
        """The store's directory."""
        return Path(self._store.root)

    @property
    def warnings(self) -> list:
        """Problems found on open: unreadable files, listed files that are missing."""
        return self._store.warnings

    @property
    def adopted(self) -> int:
        """Files read although the manifest does not list them."""
        return self._store.adopted

    def manifest(self) -> dict:
        """The manifest (inputs and files with their statistics), adopted files included."""
        return json.loads(self._store.manifest_json())

    def days(self) -> list:
        """``(date, watermark_ms)`` per stored UTC day, in order: the engine settles each day
        at its watermark (latest time plus 1 ms)."""
        return self._store.days()

    def positions(self, mmsi: Optional[int] = None, start: Time = None, end: Time = None) -> pa.Table:
        """Positions of one vessel (or all when ``mmsi`` is None) with ``start <= time <= end``.

        One vessel's rows come sorted by time, read through the files' and row groups'
        statistics; all vessels' come file by file, each in ``(mmsi, time)`` order."""
        return self._store.read("positions", mmsi, to_ms(start), to_ms(end))

    def statics(self, mmsi: Optional[int] = None, start: Time = None, end: Time = None) -> pa.Table:
        """Static and voyage reports, filtered as :meth:`positions`."""
        return self._store.read("statics", mmsi, to_ms(start), to_ms(end))

    def __repr__(self) -> str:
        return f"lookout.Store({str(self.root)!r})"


def _conform(table: Any, columns: dict, what: str) -> pa.Table:
    """A table (pyarrow, anything with ``__arrow_c_stream__``, or pandas) with ``columns`` in
    the store's types; optional columns it lacks are null."""
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    elif not isinstance(table, pa.Table):
        if hasattr(table, "__arrow_c_stream__"):
            table = pa.table(table)
        elif type(table).__module__.startswith("pandas"):
            table = pa.Table.from_pandas(table, preserve_index=False)
        else:
            raise TypeError(f"{what}: not a table: {type(table).__name__}")
    required = ("mmsi", "time", "lat", "lon") if what == "positions" else ("mmsi", "time")
    missing = [c for c in required if c not in table.column_names]
    if missing:
        raise ValueError(f"{what}: no column {', '.join(missing)}")
    arrays = []
    for name, typ in columns.items():
        if name not in table.column_names:
            arrays.append(pa.nulls(table.num_rows, typ))
            continue
        col = table.column(name)
        if pa.types.is_timestamp(typ) and pa.types.is_timestamp(col.type) and col.type.tz is None:
            col = col.cast(pa.timestamp(col.type.unit, tz="UTC"))
        arrays.append(col.cast(typ, safe=not pa.types.is_timestamp(typ)))
    return pa.Table.from_arrays(arrays, names=list(columns))


def _config_args(config: Union[None, dict, PathLike]) -> dict:
    if config is None:
        return {}
    if isinstance(config, dict):
        return {"config_json": json.dumps(config)}
    return {"config_toml": Path(config).read_text()}


def _land_args(land: Union[None, bool, PathLike]) -> dict:
    if land is None or land is True:
        return {}
    if land is False:
        return {"use_land": False}
    return {"land": os.fspath(land)}


def events(
    data: Any,
    areas: Optional[PathLike] = None,
    config: Union[None, dict, PathLike] = None,
    statics: Any = None,
    land: Union[None, bool, PathLike] = None,
    start: Time = None,
    end: Time = None,
) -> pa.Table:
    """Behavioural events (``docs/events.md``): port visits, gaps, encounters, loitering,
    draught and identity changes, spoofing.

    ``data`` is a :class:`Store` or a store's path, a :class:`Decoded`, or a positions table
    (pyarrow, pandas, or anything with ``__arrow_c_stream__``) with at least ``mmsi``,
    ``time``, ``lat``, ``lon`` (and ideally ``sog``, ``cog``, ``heading``, ``nav_status``);
    ``statics`` adds static reports to a table. A table gives the same events as a store
    holding its rows. ``areas`` is an areas file (GeoJSON or TOML) or a project folder (its
    ``corridor.toml``); ``config`` a thresholds TOML file or a dict of the same keys; ``land``
    a land file, ``False`` for none, default the bundled East Asia extract. Returns the
    events Parquet file's columns.
    """
    kwargs: dict = {**_config_args(config), **_land_args(land)}
    if areas is not None:
        kwargs["areas"] = os.fspath(areas)
    kwargs["start"], kwargs["end"] = to_ms(start), to_ms(end)
    if isinstance(data, Store):
        return _native.events(store=os.fspath(data.root), **kwargs)
    if isinstance(data, (str, os.PathLike)):
        return _native.events(store=os.fspath(data), **kwargs)
    if isinstance(data, Decoded):
        data, statics = data.positions, data.statics if statics is None else statics
    positions = _conform(data, POSITION_COLUMNS, "positions")
    statics = None if statics is None else _conform(statics, STATIC_COLUMNS, "statics")
    return _native.events(positions=positions, statics=statics, **kwargs)


def analyze(project_dir: PathLike, out: PathLike, seed: Optional[int] = None) -> dict:
    """Runs ``lookout analyze``: the project's AIS (or AIS simulated from its scenario) into
    ``out/store``, events, voyages, the ledger, the report and ``run.json`` into ``out``.
    Returns a summary: rows ingested, events, voyages, each step's seconds, the run record."""
    return json.loads(_native.analyze(os.fspath(project_dir), os.fspath(out), seed))


def simulate(scenario: PathLike, out: PathLike, seed: Optional[int] = None) -> Path:
    """Simulates a scenario's AIS (``docs/scenario-format.md``) into ``out/ais/ais.nmea``, with
    its ground truth in ``out/ais/truth.json``; returns the NMEA file. The AIS is simulated:
    never let it pass for a capture."""
    return Path(_native.simulate(os.fspath(scenario), os.fspath(out), seed))
