#!/usr/bin/env python3
"""Generate the gpsd reference decodes that `crates/lookout-ais/tests/conformance_gpsd.rs` checks.

Usage:
    apt-get install gpsd-clients        # gpsdecode 3.22 (Debian); gpsd-tools does not contain it
    python3 tools/gpsd_reference.py [--data tests/data/ais] \
        [--out crates/lookout-ais/tests/reference/gpsd]

gpsd's own expected outputs (`gpsd/*.chk`, written by gpsd's maintainers) are read by the test
straight from the shared data folder and need nothing from this script. To compare against gpsd
on every *other* capture too, this script runs `gpsdecode -u -j` (unscaled JSON) on each NMEA
file under --data outside `gpsd/` (plain or .gz; CSV/JSON/notes/licences skipped) and writes
`<out>/<source>/<file>.jsonl.gz` (the input's `.gz` suffix dropped): gpsdecode's AIS objects in
output order, without the `class`, `device`, `scaled` and `*_text` keys (labels drift between gpsd
versions; the test compares the unscaled numbers). Run it from the repository root; the output is
deterministic (gzip mtime 0). gpsdecode's complaints on stderr are summarised per file.
"""

import argparse
import collections
import gzip
import io
import json
import pathlib
import re
import subprocess
import sys

SKIP_SUFFIXES = (".csv", ".chk", ".json", ".md")
DROP_KEYS = {"class", "device", "scaled"}


def inputs(data: pathlib.Path):
    """The NMEA capture files under `data` outside gpsd/, in a stable order."""
    for path in sorted(data.rglob("*")):
        if not path.is_file() or path.name.startswith("LICENSE"):
            continue
        if path.name.endswith(SKIP_SUFFIXES) or path.relative_to(data).parts[0] == "gpsd":
            continue
        yield path


def clean(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if k not in DROP_KEYS and not k.endswith("_text")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="tests/data/ais", type=pathlib.Path)
    ap.add_argument("--out", default="crates/lookout-ais/tests/reference/gpsd", type=pathlib.Path)
    args = ap.parse_args()
    version = subprocess.run(["gpsdecode", "-V"], capture_output=True, text=True)
    version = (version.stdout + version.stderr).strip()
    print(version, file=sys.stderr)
    total = 0
    for path in inputs(args.data):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        run = subprocess.run(["gpsdecode", "-u", "-j"], input=raw, capture_output=True, check=True)
        buf = io.BytesIO()
        n = 0
        for line in run.stdout.splitlines():
            obj = json.loads(line)
            if obj.get("class") != "AIS":
                continue
            buf.write(json.dumps(clean(obj), separators=(",", ":")).encode("ascii") + b"\n")
            n += 1
        rel = path.relative_to(args.data)
        name = rel.name[:-3] if rel.name.endswith(".gz") else rel.name
        out = args.out / rel.parent / f"{name}.jsonl.gz"
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "wb") as fobj, gzip.GzipFile(filename="", mode="wb", fileobj=fobj, mtime=0) as gz:
            gz.write(buf.getvalue())
        errors = collections.Counter(
            re.sub(r"\d+", "N", line) for line in run.stderr.decode("ascii", "replace").splitlines()
        )
        total += n
        print(f"{n:7} {rel}  stderr: {dict(errors) if errors else '-'}", file=sys.stderr)
    print(f"{total:7} objects", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
