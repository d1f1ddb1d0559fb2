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


@pytest.fixture(scope="session")
def background_day(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The corridor project cut to its first two days with 150 simulated background ships,
    through `lookout.analyze` (its store is the pipeline's own ingest)."""
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
    (project / "scenario.toml").write_text(text)
    out = d / "out"
    summary = lookout.analyze(project, out)
    return {"project": project, "out": out, "store": out / "store", "summary": summary}
