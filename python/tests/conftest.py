"""Shared fixtures: the repository's bundled data and stores made from it once per session."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import lookout

REPO = Path(__file__).resolve().parents[2]
#: Real AIS: a Danish Maritime Authority stream sample (8,551 lines, Apache-2.0).
DMA_SAMPLE = REPO / "examples" / "ais" / "dma-stream-sample.nmea"
#: The DPRK -> Russia project cut to six weeks (simulated AIS; see its README).
MINI = REPO / "crates" / "lookout-pipeline" / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="session")
def mini_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """`lookout.analyze` on the six-week corridor project: its summary and output folder."""
    out = tmp_path_factory.mktemp("mini")
    summary = lookout.analyze(MINI, out)
    return {"out": out, "summary": summary, "store": out / "store"}


def _meeting_tanker(name: str, mmsi: int, other: str, start: str) -> str:
    return f"""
[[vessels]]
name = "{name}"
mmsi = {mmsi}
ship_type = 80
length_m = 100
beam_m = 16
draught_laden_m = 6.0
draught_ballast_m = 3.5
speed_kn = 10
start_at = {start}
script = [
  {{ wait = true, until = 2023-08-10T10:00:00Z }},
  {{ meet = "{other}", at = [41.8, 132.7], hours = 6 }},
  {{ wait = true, until = 2023-08-12T00:00:00Z }},
]
"""


#: Two tankers that meet at sea for six hours with AIS on (a ship-to-ship transfer), added to
#: the background day so that the events include an encounter.
MEETING = _meeting_tanker("MEETING ONE", 273900901, "MEETING TWO", "[41.6, 132.4]") + _meeting_tanker(
    "MEETING TWO", 352900902, "MEETING ONE", "[41.95, 133.0]"
)


def _renamed_ship(name: str, mmsi: int, new_mmsi: int, imo: str, start: str, via: str, hours: str, to: str) -> str:
    return f"""
[[vessels]]
name = "{name}"
mmsi = {mmsi}
{imo}
ship_type = 70
length_m = 90
beam_m = 14
draught_laden_m = 5.5
draught_ballast_m = 3.5
speed_kn = 9
start_at = {start}
script = [
  {{ sail_to = {via} }},
  {{ wait = true, until = {hours} }},
  {{ change = {{ mmsi = {new_mmsi} }} }},
  {{ sail_to = {to} }},
  {{ wait = true, until = 2023-08-12T00:00:00Z }},
]
"""


#: Two ships that go on under a new MMSI at sea off Nakhodka (in its receiver's range) on the
#: first day, with their old and new MMSIs
#: in different Spark buckets: one keeps its IMO (an IMO link), one has none (a position
#: handover); their old MMSIs' open gaps at the end are the changes (dropped).
RENAMED = _renamed_ship(
    "RENAMED ONE", 273900911, 273900916, "imo = 9300911", "[42.45, 132.6]", "[42.55, 132.75]", "2023-08-10T12:00:00Z", "[42.45, 133.0]"
) + _renamed_ship(
    "RENAMED TWO", 352900921, 352900927, "", "[42.5, 133.4]", "[42.6, 133.25]", "2023-08-10T15:00:00Z", "[42.4, 133.3]"
)


@pytest.fixture(scope="session")
def background_day(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The corridor project cut to its first two days with 150 simulated background ships, two
    ships meeting at sea (:data:`MEETING`) and two going on under a new MMSI (:data:`RENAMED`),
    through `lookout.analyze` (its store is the
    pipeline's own ingest)."""
    d = tmp_path_factory.mktemp("background")
    project = d / "project"
    shutil.copytree(MINI, project)
    text = (project / "scenario.toml").read_text()
    text = text.replace("end = 2023-09-20T00:00:00Z", "end = 2023-08-12T00:00:00Z")
    start = text.index("[background]")
    end = text.index("\n[", start + 1)
    block = text[start:end]
    block = re.sub(r"count\s*=\s*\d+", "count = 150", block)
    text = text[:start] + block + text[end:]
    text += MEETING + RENAMED
    (project / "scenario.toml").write_text(text)
    out = d / "out"
    summary = lookout.analyze(project, out)
    return {"project": project, "out": out, "store": out / "store", "summary": summary}
