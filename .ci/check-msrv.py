#!/usr/bin/env python3
"""The declared MSRV (workspace.package.rust-version) against the resolved dependency graph.

Only one Rust toolchain can be installed on the project's machines (no other can be fetched), so
CI cannot build with 1.89 itself. What it can check: (1) every package in Cargo.lock's graph
declares a rust-version no newer than ours (cargo metadata), and (2) clippy's `incompatible_msrv`
lint, run with -D warnings by .ci/run, rejects std APIs newer than our rust-version.
"""
import json
import subprocess
import sys


def version(text):
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


meta = json.loads(
    subprocess.check_output(["cargo", "metadata", "--format-version", "1", "--locked"])
)
ours = {p["rust_version"] for p in meta["packages"] if p["id"] in meta["workspace_members"]}
if len(ours) != 1 or None in ours:
    sys.exit(f"workspace members must share one rust-version, found {sorted(map(str, ours))}")
msrv = ours.pop()
newer = [
    f"{p['name']} {p['version']} needs Rust {p['rust_version']}"
    for p in meta["packages"]
    if p.get("rust_version") and version(p["rust_version"]) > version(msrv)
]
if newer:
    sys.exit(f"dependencies newer than our MSRV {msrv}:\n  " + "\n  ".join(newer))
print(f"MSRV {msrv}: {len(meta['packages'])} packages declare no newer rust-version")
