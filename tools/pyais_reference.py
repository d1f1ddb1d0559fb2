#!/usr/bin/env python3
"""Generate the pyais reference decodes that `crates/lookout-ais/tests/conformance_pyais.rs` checks.

Usage:
    pip install pyais==3.3.1
    python3 tools/pyais_reference.py [--data tests/data/ais] \
        [--out crates/lookout-ais/tests/reference/pyais]

For every NMEA capture under --data (plain or .gz; the decoded CSVs, gpsd .chk files, libais .json
files, licences and notes are skipped) it writes `<out>/<source>/<file>.jsonl.gz` (the `.gz`
suffix of an input is dropped), one JSON object per message that pyais's stream reader yields.
Run it from the repository root; the output is deterministic (gzip mtime 0), so a re-run with the
same pyais and data changes nothing.

How pyais is used -- the way a careful user would:
  * pyais's own stream reader (`pyais.stream.ByteStream`, the same assembly as `FileReaderStream`)
    reads each file line by line: it parses tag blocks, attaches a preceding `$PGHP` line to the
    next sentence and assembles multi-sentence messages (keyed on sequence id, channel, talker,
    sentence type and fragment count; out-of-order and orphan fragments are dropped silently).
  * pyais cannot read fields after the checksum (USCG `,b003669794,1272412827`, exactEarth
    `,1328182324603`): it would take the last field as the checksum, mark the sentence invalid and
    ignore its fill bits. As its preprocessor hook is meant for, each line's trailing fields after
    `*hh` are cut off before pyais sees it (the record notes `"trail":true`).
  * pyais does not verify checksums unless asked: `is_valid` (sentence checksums, every fragment)
    and the tag block's own checksum are recorded, so the consumer decides.
  * `msg.decode().asdict()` gives the fields; `bytes` values are base64 text as pyais's own
    `to_json()` writes them (`AISJSONEncoder`).

Record keys (absent when empty):
  line   1-based line number of the message's first fragment (the line pyais assembled from)
  last   line number of the last fragment (multi-sentence messages only)
  frags  number of sentences
  valid  pyais `is_valid`: every fragment's sentence checksum matches
  trail  trailing fields after the checksum were cut off
  tag    {"c": receiver timestamp text, "s": source station, "valid": tag checksum ok}
  gh     Gatehouse $PGHP receive time, milliseconds since the Unix epoch (UTC)
  msg    `decode().asdict()`
  error  "ExceptionType: text" when `decode()` raised (msg is then absent)
"""

import argparse
import calendar
import gzip
import io
import json
import pathlib
import re
import sys

import pyais
from pyais.messages import AISJSONEncoder, NMEASentenceFactory
from pyais.stream import ByteStream

SKIP_SUFFIXES = (".csv", ".chk", ".json", ".md")

# `*hh` of the sentence (not of a tag block) followed by trailing comma fields.
TRAILING = re.compile(rb"^((?:\\[^\\]*\\)?[!$][^*\\]*\*[0-9A-Fa-f]{2}),[^\\]*$")


def inputs(data: pathlib.Path):
    """The NMEA capture files under `data`, in a stable order."""
    for path in sorted(data.rglob("*")):
        if not path.is_file() or path.name.startswith("LICENSE"):
            continue
        if path.name.endswith(SKIP_SUFFIXES):
            continue
        yield path


def open_bytes(path: pathlib.Path):
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")


def sentence_key(line: bytes) -> bytes:
    """The bytes pyais keeps as a sentence's `raw` (stripped, tag block removed)."""
    return NMEASentenceFactory._pre_process(line)[0]


class Lines:
    """Feeds a file's lines to pyais and remembers where each sentence was read."""

    def __init__(self, fobj):
        self.fobj = fobj
        self.lineno = 0
        self.trailed = set()
        self.seen = {}

    def __iter__(self):
        for line in self.fobj:
            self.lineno += 1
            m = TRAILING.match(line.rstrip(b"\r\n"))
            if m:
                line = m.group(1) + b"\n"
                self.trailed.add(self.lineno)
            self.seen[sentence_key(line)] = self.lineno
            yield line


def tag_info(sentence):
    tb = sentence.tag_block
    if tb is None:
        return None
    tb.init()
    info = {"valid": tb.is_valid}
    if tb.receiver_timestamp is not None:
        info["c"] = tb.receiver_timestamp
    if tb.source_station is not None:
        info["s"] = tb.source_station
    return info


def records(path: pathlib.Path):
    with open_bytes(path) as fobj:
        lines = Lines(fobj)
        for msg in ByteStream(lines):
            parts = msg.raw.split(b"\n")
            first = lines.seen[parts[0]] if len(parts) > 1 else lines.lineno
            rec = {"line": first}
            if len(parts) > 1:
                rec["last"] = lines.lineno
            rec["frags"] = len(parts)
            rec["valid"] = bool(msg.is_valid)
            if first in lines.trailed:
                rec["trail"] = True
            tag = tag_info(msg)
            if tag is not None:
                rec["tag"] = tag
            if msg.wrapper_msg is not None:
                ts = msg.wrapper_msg.timestamp
                rec["gh"] = calendar.timegm(ts.timetuple()) * 1000 + ts.microsecond // 1000
            try:
                rec["msg"] = msg.decode().asdict(enum_as_int=True)
            except Exception as err:  # pyais raises several types; record which
                rec["error"] = f"{type(err).__name__}: {err}"
            yield rec


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="tests/data/ais", type=pathlib.Path)
    ap.add_argument("--out", default="crates/lookout-ais/tests/reference/pyais", type=pathlib.Path)
    args = ap.parse_args()
    if pyais.__version__ != "3.3.1":
        print(f"warning: pyais {pyais.__version__}, the references were made with 3.3.1", file=sys.stderr)
    encoder = AISJSONEncoder(separators=(",", ":"), allow_nan=False, sort_keys=False)
    total = 0
    for path in inputs(args.data):
        rel = path.relative_to(args.data)
        name = rel.name[:-3] if rel.name.endswith(".gz") else rel.name
        out = args.out / rel.parent / f"{name}.jsonl.gz"
        out.parent.mkdir(parents=True, exist_ok=True)
        buf = io.BytesIO()
        n = 0
        for rec in records(path):
            buf.write(encoder.encode(rec).encode("ascii") + b"\n")
            n += 1
        with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
            gz.write(buf.getvalue())
        total += n
        print(f"{n:7} {rel}", file=sys.stderr)
    print(f"{total:7} messages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
