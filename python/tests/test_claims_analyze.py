"""`lookout.claims.extract` and `lookout.analyze`."""

from __future__ import annotations

import json

import pytest

import lookout
from conftest import REPO

CORPUS = REPO / "crates" / "lookout-claims" / "tests" / "corpus" / "dev"


def test_claims_from_a_wire_text() -> None:
    """The Yonhap report of the ROK defence minister's 6,700 containers (the claims corpus's
    first text, with the rows an analyst expects)."""
    text = (CORPUS / "01-wire-yonhap-shin-6700.txt").read_text()
    rows = lookout.claims.extract(text, file="yonhap.txt")
    containers = [r for r in rows if r["unit"] == "containers" and r["quantity"] == 6700]
    assert containers, rows
    assert containers[0]["speaker"] == "Shin Won-sik"
    assert containers[0]["source_file"] == "yonhap.txt"
    assert lookout.claims.extract("The weather was fine.") == []
    pd = pytest.importorskip("pandas")
    assert isinstance(lookout.claims.to_pandas(rows), pd.DataFrame)


def test_analyze_writes_the_outputs(mini_run: dict) -> None:
    out, summary = mini_run["out"], mini_run["summary"]
    assert summary["positions"] > 10_000 and summary["events"] > 10 and summary["voyages"] > 0
    for name in ("events.csv", "events.geojson", "run.json", "report.html"):
        assert (out / name).exists(), name
    run = json.loads((out / "run.json").read_text())
    assert run["command"] == "analyze" == summary["run"]["command"]
    assert [s["step"].split(" ")[0] for s in summary["steps"]][:2] == ["simulated", "ingest"]


def test_analyze_errors_name_the_project(tmp_path) -> None:
    with pytest.raises(lookout.LookoutError, match="nowhere"):
        lookout.analyze(tmp_path / "nowhere", tmp_path / "out")
