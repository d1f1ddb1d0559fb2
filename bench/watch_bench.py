#!/usr/bin/env python3
"""Benchmark of `lookout watch` (docs/performance.md, "Watch"). Not a test: numbers only.

  throughput  the whole NMEA file is there at start (a `file:` feed); the watch, pinned to one
              core with taskset, reads it as fast as it can with the example's rules plus one
              that sends every gap and port visit of any vessel to a webhook: the sustained
              rate it handles on that core with alerts on.
  latency     the NMEA is replayed over TCP (`lookout replay --speed S`, on another core) to the
              watch pinned to one core; every alert of the extra rule goes to a webhook run
              here; latency = webhook receipt - `received_at` (when the watch received the line
              that completed the event, or that moved the watermark past a gap's threshold).
  memory      like throughput, reporting the peak resident memory and the vessels held.

usage: bench/watch_bench.py MODE LOOKOUT NMEA WORK [--speed S] [--core N] [--watch KEY=VALUE]...
                           [--events SECTION.KEY=VALUE]... [--wrap COMMAND]

  --watch KEY=VALUE           a `[watch]` setting of alerts.toml for the run (e.g. max_pending_rows=1000000)
  --events SECTION.KEY=VALUE  an event threshold in the project's events.toml (e.g. gap.min_hours=0.5,
                              for the gaps of `fleet VESSELS MINUTES INTERVAL DARK_EVERY`)
  --wrap COMMAND              run the watch under COMMAND (split on spaces), e.g. 'heaptrack -o
                              /tmp/h/watch' for a heap profile; the peak RSS is the watch's own process's

The checkpoints seen while polling the status (every 0.5 s) are reported: how many, the
longest pause of detection for one (`encode_ms`: the fork), the longest wait for a snapshot
process whose memory reached `snapshot_max_mb` (`waited_ms`), and the largest snapshot process
(`snapshot_mb`, its private memory at its end). Every 0.5 s the watch's resident memory and
its snapshot processes' private memory are also read at the same moment: the largest sum
(`together_sampled_mb`, the machine memory the two take) and the largest snapshot seen while
it encodes (`snapshot_sampled_mb`).
"""

import argparse
import datetime
import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request

EXAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "dprk-russia-simulated")

EXTRA_RULE = """
[[sink]]
name = "bench"
type = "webhook"
url = "http://127.0.0.1:{port}/"
secret_file = "bench.secret"
queue = 100000
timeout_seconds = 30

[[rule]]
name = "bench-any"
events = ["gap", "port_visit", "encounter", "draught_change", "identity_change", "spoofing"]
vessels = "any"
sinks = ["bench"]
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def project(work, url, hook_port, settings=(), events=()):
    p = os.path.join(work, "project")
    shutil.rmtree(p, ignore_errors=True)
    os.makedirs(p)
    for f in ["observations.csv", "claims.csv", "sanctions.ftm.jsonl"]:
        shutil.copy(os.path.join(EXAMPLE, f), p)
    corridor = open(os.path.join(EXAMPLE, "corridor.toml")).read()
    open(os.path.join(p, "corridor.toml"), "w").write(corridor.replace('url = "tcp://127.0.0.1:5631"', f'url = "{url}"'))
    alerts = open(os.path.join(EXAMPLE, "alerts.toml")).read()
    if settings:
        alerts = alerts.replace("[watch]\n", "[watch]\n" + "".join(f"{s.replace('=', ' = ', 1)}\n" for s in settings), 1)
    open(os.path.join(p, "alerts.toml"), "w").write(alerts + EXTRA_RULE.format(port=hook_port))
    open(os.path.join(p, "bench.secret"), "w").write("bench\n")
    if events:
        sections = {}
        for e in events:
            key, value = e.split("=", 1)
            section, name = key.split(".", 1)
            sections.setdefault(section, []).append(f"{name} = {value}")
        open(os.path.join(p, "events.toml"), "w").write("".join(f"[{k}]\n" + "\n".join(v) + "\n" for k, v in sections.items()))
    return p


class Hook(http.server.BaseHTTPRequestHandler):
    received = {}

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Hook.received.setdefault(self.headers["Idempotency-Key"], time.time())
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
        del body

    def log_message(self, *args):
        pass


def status(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/watch", timeout=5) as r:
            return json.load(r)
    except OSError:
        return None


def peak_rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def private_kb(pid):
    """Private memory of a process, kB (`Private_*` of its smaps_rollup: for a snapshot process,
    the pages the watch changed or released since the fork, and its own), or None."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return sum(int(l.split()[1]) for l in f if l.startswith("Private_"))
    except (OSError, ValueError, IndexError):
        return None


def together_mb(pid):
    """The watch's resident memory plus its snapshot processes' private memory, read at the
    same moment, MB (MiB): the machine memory the two take, where `peak_with_snapshot_mb` adds
    two peaks that need not coincide. Also the snapshot processes' private memory."""
    try:
        rss = next(int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS:"))
        kids = [int(k) for t in os.listdir(f"/proc/{pid}/task") for k in open(f"/proc/{pid}/task/{t}/children").read().split()]
    except (OSError, StopIteration, ValueError):
        return None, None
    snap = sum(p for p in map(private_kb, kids) if p is not None)
    return round((rss + snap) / 1024), round(snap / 1024)


def cpu_seconds(pid):
    """User + system CPU time of the process so far, with its children's that ended (the
    checkpoints' snapshot processes)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


class Child:
    """The process running `exe` below `parent` (a `--wrap` command): found once it starts."""

    def __init__(self, parent, exe):
        self.parent = parent
        while True:
            self.pid = self.find(parent.pid, exe)
            if self.pid:
                return
            if parent.poll() is not None:
                raise SystemExit(f"{parent.args} exited with {parent.returncode}")
            time.sleep(0.1)

    @staticmethod
    def find(pid, exe):
        try:
            if os.path.realpath(f"/proc/{pid}/exe") == exe:
                return pid
            kids = [int(k) for t in os.listdir(f"/proc/{pid}/task") for k in open(f"/proc/{pid}/task/{t}/children").read().split()]
        except OSError:
            return None
        for k in kids:
            found = Child.find(k, exe)
            if found:
                return found
        return None

    def poll(self):
        return None if os.path.exists(f"/proc/{self.pid}") and self.parent.poll() is None else self.parent.returncode

    @property
    def returncode(self):
        return self.parent.returncode

    def terminate(self):
        os.kill(self.pid, 15)

    def wait(self):
        while os.path.exists(f"/proc/{self.pid}") and self.parent.poll() is None:
            time.sleep(0.1)


def parse_ms(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["throughput", "latency", "memory"])
    ap.add_argument("lookout")
    ap.add_argument("nmea")
    ap.add_argument("work")
    ap.add_argument("--speed", default="800")
    ap.add_argument("--core", default="1")
    ap.add_argument("--watch", action="append", default=[], help="[watch] setting KEY=VALUE")
    ap.add_argument("--events", action="append", default=[], help="events.toml threshold SECTION.KEY=VALUE")
    ap.add_argument("--wrap", default="", help="a command the watch runs under, e.g. 'heaptrack -o FILE'")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    total = sum(1 for _ in open(a.nmea, "rb"))
    hook_port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", hook_port), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = free_port()
    replay = None
    if a.mode == "latency":
        feed_port = free_port()
        p = project(a.work, f"tcp://127.0.0.1:{feed_port}", hook_port, a.watch, a.events)
        other = "0" if a.core != "0" else "1"
        replay = subprocess.Popen(["taskset", "-c", other, a.lookout, "replay", a.nmea, "--to", f"tcp://127.0.0.1:{feed_port}", "--speed", a.speed],
                                  stderr=subprocess.DEVNULL)
        time.sleep(0.5)
    else:
        live = os.path.join(a.work, "live.nmea")
        shutil.copy(a.nmea, live)
        p = project(a.work, f"file:{live}", hook_port, a.watch, a.events)
    watch = subprocess.Popen(["taskset", "-c", a.core, *a.wrap.split(), a.lookout, "watch", p, "--addr", f"127.0.0.1:{port}"],
                             stderr=subprocess.DEVNULL)
    wrapper = watch
    if a.wrap:
        # The watch is a child of the wrapper: its own process is the one measured and stopped.
        watch = Child(wrapper, os.path.realpath(a.lookout))
    first = None
    s = None
    checkpoints = {}
    snapshot_mb = 0  # the largest snapshot process's private memory (pages copied on write)
    waited_ms = 0  # the longest wait of detection for a snapshot process (snapshot_max_mb)
    sampled = (0, 0)  # the largest watch + snapshot memory read at once, and snapshot alone
    while True:
        time.sleep(0.5)
        if watch.poll() is not None:
            raise SystemExit(f"lookout watch exited with {watch.returncode}")
        both, snap = together_mb(watch.pid)
        if both is not None:
            sampled = (max(sampled[0], both), max(sampled[1], snap))
        s = status(port)
        if not s or not s["feeds"]:
            continue
        if s.get("checkpoint"):
            checkpoints[s["checkpoint"]["at"]] = s["checkpoint"]["encode_ms"]
            snapshot_mb = max(snapshot_mb, s["checkpoint"].get("snapshot_mb", 0))
            waited_ms = max(waited_ms, s["checkpoint"].get("waited_ms", 0))
        f = s["feeds"][0]
        if first is None and f["lines"] > 0:
            first = (time.time(), f["lines"], f["decoded"], cpu_seconds(watch.pid))
        if f["lines"] >= total:
            break
    end = time.time()
    cpu = cpu_seconds(watch.pid) - first[3]
    if replay:
        replay.wait()
    time.sleep(3)  # let the sinks deliver
    s = status(port)
    rss = peak_rss_mb(watch.pid)
    watch.terminate()
    watch.wait()
    if wrapper is not watch:
        wrapper.wait()
    f = s["feeds"][0]
    secs = end - first[0]
    out = {
        "mode": a.mode,
        "lines": total,
        "messages": f["decoded"],
        "seconds": round(secs, 1),
        "lines_per_s": round((total - first[1]) / secs),
        "messages_per_s": round((f["decoded"] - first[2]) / secs),
        "cpu_seconds": round(cpu, 1),
        "messages_per_cpu_s": round((f["decoded"] - first[2]) / cpu),
        "peak_rss_mb": round(rss),
        # An upper bound of the machine memory at a checkpoint: the watch's peak plus the largest
        # snapshot process's private pages (the two peaks need not coincide).
        "snapshot_mb_max": snapshot_mb,
        "peak_with_snapshot_mb": round(rss) + snapshot_mb,
        # Sampled every 0.5 s: the watch's resident memory plus its snapshot processes' private
        # memory at the same moment (the largest), and the largest snapshot seen while encoding.
        "together_sampled_mb": sampled[0],
        "snapshot_sampled_mb": sampled[1],
        "vessels_live": s["vessels_live"],
        "engine_peak_vessels": s["engine"]["peak_vessels"],
        "alerts": s["alerts"],
        "late": f["late"],
        "sink": s["sinks"][0],
        "checkpoint": s["checkpoint"],
        "checkpoints_seen": len(checkpoints),
        "max_encode_ms": max(checkpoints.values(), default=None),
        # Detection waiting for a snapshot process whose memory reached `snapshot_max_mb`: a
        # pause too (builds without the setting report 0).
        "max_waited_ms": waited_ms,
    }
    if a.mode == "latency":
        lat = []
        for line in open(os.path.join(p, "alerts.jsonl")):
            al = json.loads(line)
            if al["rule"] == "bench-any" and al.get("received_at") and al["key"] in Hook.received:
                lat.append(Hook.received[al["key"]] - parse_ms(al["received_at"]))
        lat.sort()
        q = lambda x: round(lat[min(len(lat) - 1, int(x * len(lat)))] * 1000, 1)
        out["latency_ms"] = {"n": len(lat), "p50": q(0.5), "p99": q(0.99), "max": round(lat[-1] * 1000, 1)}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
