"""Type stubs of the native module (crates/lookout-py). Use the `lookout` package's functions,
which convert times, paths and tables and document the behaviour."""

from typing import List, Optional, Sequence, Tuple

import pyarrow as pa

__version__: str

class LookoutError(Exception):
    """An error from Lookout's Rust core; the message carries its context (file, line, field)."""

def parse_time(text: str) -> int: ...
def analyze(project_dir: str, out: str, seed: Optional[int] = None) -> str: ...
def extract_claims(text: str, file: str = "") -> str: ...
def decode(paths: Sequence[str], lines: Optional[Sequence[str]] = None) -> Tuple[pa.Table, pa.Table, str]: ...
def ingest_part(
    files: Sequence[Tuple[int, str]], inputs: Sequence[str], out_root: str, work_dir: str, part_prefix: str
) -> str: ...
def commit_manifest(out_root: str, inputs: Sequence[str], files_json: str) -> None: ...

class Store:
    def __init__(self, root: str) -> None: ...
    @property
    def root(self) -> str: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def adopted(self) -> int: ...
    def manifest_json(self) -> str: ...
    def read(
        self, table: str, mmsi: Optional[int] = None, start: Optional[int] = None, end: Optional[int] = None
    ) -> pa.Table: ...
    def days(self) -> List[Tuple[str, int]]: ...

def events(
    positions: Optional[pa.Table] = None,
    statics: Optional[pa.Table] = None,
    store: Optional[str] = None,
    areas: Optional[str] = None,
    config_toml: Optional[str] = None,
    config_json: Optional[str] = None,
    land: Optional[str] = None,
    use_land: bool = True,
    start: Optional[int] = None,
    end: Optional[int] = None,
) -> pa.Table: ...
def vessel_events(
    positions: pa.Table,
    statics: Optional[pa.Table],
    watermarks: Sequence[int],
    span: Tuple[int, int],
    areas: Optional[str] = None,
    config_toml: Optional[str] = None,
    config_json: Optional[str] = None,
    land: Optional[str] = None,
    use_land: bool = True,
) -> Tuple[pa.Table, pa.Table, pa.Table, pa.Table, pa.Table, pa.Table]: ...
def mmsi_links(
    imos: pa.Table,
    last: pa.Table,
    new: pa.Table,
    areas: Optional[str] = None,
    config_toml: Optional[str] = None,
    config_json: Optional[str] = None,
    land: Optional[str] = None,
    use_land: bool = True,
) -> Tuple[pa.Table, List[Tuple[int, int, int]]]: ...
def flush_anomalies(
    gaps: pa.Table,
    tallies: pa.Table,
    anomalies: pa.Table,
    stations: Sequence[Tuple[str, int, int, int, int]],
    watermarks: Sequence[int],
    flush: int,
    config_toml: Optional[str] = None,
    config_json: Optional[str] = None,
    areas: Optional[str] = None,
) -> Tuple[pa.Table, pa.Table]: ...
def anomaly_events(
    events: pa.Table,
    watermarks: Sequence[int],
    config_toml: Optional[str] = None,
    config_json: Optional[str] = None,
    areas: Optional[str] = None,
) -> pa.Table: ...
def pair_encounters(
    pairs: pa.Table,
    ticks: Sequence[int],
    watermarks: Sequence[int],
    anchorages: pa.Table,
    areas: Optional[str] = None,
    config_toml: Optional[str] = None,
    config_json: Optional[str] = None,
    land: Optional[str] = None,
    use_land: bool = True,
) -> pa.Table: ...
def effective_config(config_toml: Optional[str] = None, config_json: Optional[str] = None) -> str: ...
def simulate(scenario: str, out: str, seed: Optional[int] = None) -> str: ...
