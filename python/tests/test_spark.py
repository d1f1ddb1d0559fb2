"""`lookout.spark` on `local[2]` and on a real standalone cluster (a master and two workers
started here on loopback from pip's pyspark with the machine's Java): the distributed decode
gives the store a single-machine ingest of the same files gives, and the distributed events are
the single-machine engine's, encounters, gap reasons, identity changes linking two MMSIs,
out-of-range spoofing and GNSS interference areas included."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

import lookout
from conftest import MINI, REPO

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java for Spark", allow_module_level=True)

from lookout import spark as lspark  # noqa: E402


def _session(master: str):
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    return (
        SparkSession.builder.master(master)
        .appName("lookout-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "3g")  # the 10,000-vessel day's shards (local[2])
        .getOrCreate()
    )


@pytest.fixture(scope="module")
def spark():
    s = _session("local[2]")
    yield s
    s.stop()


def _split(nmea: Path, parts: int, out: Path) -> list:
    """The file cut into `parts` files at lines that start a new message and repeat none of
    the lines just before (the simulator's duplicates are adjacent), so no message and no
    duplicate pair is cut in two."""
    lines = nmea.read_text().splitlines(keepends=True)
    cuts, step = [0], len(lines) // parts
    for k in range(1, parts):
        i = k * step
        while not (re.search(r"!AIVD[MO],(\d),1,", lines[i]) and lines[i] not in lines[i - 5 : i]):
            i += 1
        cuts.append(i)
    cuts.append(len(lines))
    files = []
    for k in range(parts):
        f = out / f"part-{k}.nmea"
        f.write_text("".join(lines[cuts[k] : cuts[k + 1]]))
        files.append(f)
    return files


def _rows(table: pa.Table) -> list:
    t = table.sort_by([(c, "ascending") for c in ("mmsi", "time", "input_id", "input_line")])
    return t.to_pylist()


def _single_machine(events: pa.Table) -> pa.Table:
    """The single-machine events the distributed job computes: all of them, encounters and
    identity changes linking two MMSIs included."""
    return events


def _links(events: pa.Table) -> int:
    """Identity changes that link two MMSIs."""
    cross = pc.and_(pc.equal(events["event_type"], "identity_change"), pc.is_valid(events["other_mmsi"]))
    return pc.sum(cross).as_py() or 0


#: The events file's columns (docs/events.md).
COLUMNS = [
    "event_id", "event_type", "mmsi", "other_mmsi", "start_time", "end_time", "lat", "lon",
    "end_lat", "end_lon", "area", "other_area", "confidence", "details", "n_positions",
    "evidence_start", "evidence_end",
]


def _comparable(events: pa.Table) -> list:
    """Every column of every event (details as sorted JSON), in a fixed order."""
    t = lspark._from_spark(events) if events.schema.field("mmsi").type == pa.int64() else events
    rows = [{**r, "details": json.dumps(json.loads(r["details"]), sort_keys=True)} for r in t.select(COLUMNS).to_pylist()]
    return sorted(rows, key=lambda r: (r["event_id"], r["details"]))


def _gap_reasons(events: pa.Table) -> dict:
    """Gaps by reason, and how many still carry a shard's mark or its reason inputs."""
    t = events.filter(pc.equal(events["event_type"], "gap"))
    out: dict = {}
    for d in map(json.loads, t["details"].to_pylist()):
        out[d.get("reason")] = out.get(d.get("reason"), 0) + 1
        if (d.get("reason_evidence") or {}).get("shard") or "reason_inputs" in d:
            out["shard_marks"] = out.get("shard_marks", 0) + 1
    return out


def _check_decode(spark, nmea: Path, tmp: Path) -> Path:
    files = _split(nmea, 3, tmp)
    out = tmp / "spark-store"
    summary = lspark.decode(spark, [str(f) for f in files], str(out), partitions=3)
    assert summary["tasks"] == 3
    single = lookout.decode_all(files)
    store = lookout.Store(out)
    assert store.adopted == 0 and store.warnings == []
    assert [i["name"] for i in store.manifest()["inputs"]] == [str(f) for f in files]
    assert _rows(store.positions()) == _rows(single.positions)
    assert _rows(store.statics()) == _rows(single.statics)
    assert summary["positions"] == single.positions.num_rows
    duckdb = pytest.importorskip("duckdb")
    n = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{out}/positions/*/*.parquet', hive_partitioning = true)"
    ).fetchall()[0][0]
    assert n == single.positions.num_rows
    return out


def _count(events: pa.Table, kind: str) -> int:
    return pc.sum(pc.equal(events["event_type"], kind)).as_py() or 0


def _check_events(spark, store: Path, areas: Path, encounters: bool = True, links: bool = False) -> int:
    ours = lspark.events(spark, str(store), areas=str(areas)).toArrow()
    single = _single_machine(lookout.events(store, areas=areas))
    # Every column, gap reasons, their evidence and the confidence they set included.
    assert _comparable(ours) == _comparable(single)
    reasons = _gap_reasons(lspark._from_spark(ours))
    assert "shard_marks" not in reasons
    assert _count(single, "gap") > 0
    # The reasons come from the whole data's reception model: not all of them `unknown`.
    assert set(reasons) - {"unknown"}, reasons
    # Encounters (pairs of vessels joined across shards) are part of what was compared.
    assert (_count(single, "encounter") > 0) == encounters
    # So are the MMSI links (by IMO and by a position handover, across shards).
    assert (_links(single) > 0) == links
    return single.num_rows


def test_local_decode_and_events_on_the_corridor(spark, mini_run: dict, tmp_path: Path) -> None:
    store = _check_decode(spark, mini_run["out"] / "ais" / "ais.nmea", tmp_path)
    # The corridor's six weeks hold no encounter (its ship-to-ship transfer is dark).
    assert _check_events(spark, store, MINI, encounters=False) > 10


def test_local_events_on_a_background_day(spark, background_day: dict) -> None:
    store, project = background_day["store"], background_day["project"]
    assert _check_events(spark, store, project, links=True) > 10
    single = lookout.events(store, areas=project)
    links = single.filter(pc.and_(pc.equal(single["event_type"], "identity_change"), pc.is_valid(single["other_mmsi"])))
    kinds = {("imo" in d, d.get("link")) for d in map(json.loads, links["details"].to_pylist())}
    # The renamed ships of the day (conftest.RENAMED): one IMO link, one handover.
    assert kinds == {(True, None), (False, "position_handover")}, kinds
    # Their old MMSIs' open gaps are the changes: dropped by the single engine, and by Spark.
    gaps = single.filter(pc.equal(single["event_type"], "gap"))
    assert not set(gaps["mmsi"].to_pylist()) & set(links["mmsi"].to_pylist())


def test_local_events_on_the_ten_thousand_vessel_day(spark, tmp_path: Path) -> None:
    """The issue's second world: the corridor example cut to one day with 10,000 simulated
    background ships (5.6 million messages; bench/python/spark_day.py times the same run),
    decoded by the distributed decode and run through the Spark job: the single engine's events
    in every column, its three MMSI links included."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "examples" / "dprk-russia-simulated", project)
    text = (project / "scenario.toml").read_text()
    text = re.sub(r"(?m)^end = .*$", "end = 2023-08-11T00:00:00Z", text, count=1)
    start = text.index("[background]")
    end = text.index("\n[", start + 1)
    block = re.sub(r"count\s*=\s*\d+", "count = 10000", text[start:end])
    (project / "scenario.toml").write_text(text[:start] + block + text[end:])
    nmea = lookout.simulate(project / "scenario.toml", tmp_path / "sim")
    store = tmp_path / "store"
    lspark.decode(spark, [str(nmea)], str(store))
    assert lookout.Store(store).positions().num_rows > 3_000_000
    assert _check_events(spark, store, project, encounters=False, links=True) > 10_000


#: The events crate's reception scenario: three days in Peter the Great Gulf under three
#: terrestrial receivers (one down for 10 hours), 30 background ships, dark and spoofing
#: vessels, a GNSS spoofing zone and a jamming zone.
RECEPTION = REPO / "crates" / "lookout-events" / "tests" / "data" / "reception.toml"


@pytest.fixture(scope="module")
def reception_world(spark, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The reception scenario (:data:`RECEPTION`) simulated and decoded by the distributed
    decode, with its far-away spoofer (positions 400 km out to sea while it lies at Vostochny)
    a day later, once the stations' footprints are drawn (`reception.footprint_min_hours`), so
    that its positions are `out_of_range` of the station that heard them (as
    `crates/lookout-events/tests/shards.rs`)."""
    d = tmp_path_factory.mktemp("reception")
    text = RECEPTION.read_text()
    before = '{ berth = "Vostochny", hours = 14 },\n  { spoof = "track"'
    assert before in text, "the reception scenario changed"
    scenario = d / "scenario.toml"
    scenario.write_text(text.replace(before, '{ berth = "Vostochny", hours = 38 },\n  { spoof = "track"'))
    nmea = lookout.simulate(scenario, d / "sim")
    store = d / "store"
    lspark.decode(spark, [str(nmea)], str(store))
    return {"areas": scenario, "store": store}


def test_local_events_with_spoofing_and_interference(spark, reception_world: dict) -> None:
    """A world with GNSS interference areas and out-of-range spoofing: the distributed events
    (every column) are the single engine's, interference marks and merged spoofing included."""
    single = _single_machine(lookout.events(reception_world["store"], areas=reception_world["areas"]))
    details = [json.loads(d) for d in single["details"].to_pylist()]
    kinds = {d.get("kind") for d, t in zip(details, single["event_type"].to_pylist()) if t == "spoofing"}
    # What the world must hold for the comparison to mean something.
    assert {"out_of_range", "inland", "circle"} <= kinds, kinds
    assert any(d.get("reason") == "interference" for d in details)
    assert sum("interference_area" in d for d in details) >= 10
    encounters, links = _count(single, "encounter") > 0, _links(single) > 0
    assert _check_events(spark, reception_world["store"], reception_world["areas"], encounters, links) > 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(path: Path, pattern: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and re.search(pattern, path.read_text(errors="replace")):
            return
        if proc.poll() is not None:
            raise RuntimeError(f"{path.name}: exited {proc.returncode}: {path.read_text()[-2000:]}")
        time.sleep(0.5)
    raise TimeoutError(f"{path.name}: no {pattern!r} in {timeout} s")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    """A standalone master and two one-core workers on 127.0.0.1."""
    home = Path(pyspark.__file__).parent
    logs = tmp_path_factory.mktemp("spark-cluster")
    env = {**os.environ, "SPARK_HOME": str(home), "PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}
    cls = str(home / "bin" / "spark-class")
    port = _free_port()
    url = f"spark://127.0.0.1:{port}"
    procs = []
    try:
        log = logs / "master.log"
        procs.append(subprocess.Popen(
            [cls, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port), "--webui-port", str(_free_port())],
            env=env, stdout=log.open("w"), stderr=subprocess.STDOUT))
        _wait_for(log, r"I have been elected leader", procs[0])
        for k in range(2):
            log = logs / f"worker-{k}.log"
            procs.append(subprocess.Popen(
                [cls, "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1", "--cores", "1",
                 "--memory", "1g", "--webui-port", str(_free_port()), "--work-dir", str(logs / f"work-{k}")],
                env=env, stdout=log.open("w"), stderr=subprocess.STDOUT))
            _wait_for(log, r"Successfully registered with master", procs[-1])
        yield url
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_standalone_cluster_runs_the_jobs(cluster: str, mini_run: dict, tmp_path: Path) -> None:
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        active.stop()
    s = _session(cluster)
    try:
        assert s.sparkContext.master == cluster
        store = _check_decode(s, mini_run["out"] / "ais" / "ais.nmea", tmp_path)
        _check_events(s, store, MINI, encounters=False)
        executors = s.sparkContext._jsc.sc().getExecutorMemoryStatus().size()
        assert executors == 3  # the driver and two workers' executors
    finally:
        s.stop()


def test_command_line(mini_run: dict, tmp_path: Path) -> None:
    """`python -m lookout.spark`, as `spark-submit` would run it."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        active.stop()
    out = tmp_path / "events"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    r = subprocess.run(
        [sys.executable, "-m", "lookout.spark", "--master", "local[2]", "events", "--store", str(mini_run["store"]),
         "--areas", str(MINI), "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    assert re.search(r"lookout.spark events: \d+ events", r.stderr)
    assert list(out.glob("*.parquet"))
