#!/usr/bin/env python3
"""Writes a synthetic FollowTheMoney JSON-lines file of about SIZE bytes (default 2 GB) for the
streaming measurement in docs/performance.md. Deterministic for a seed.

    python3 crates/lookout-sanctions/scripts/synth_ftm.py /tmp/synth.ftm.jsonl [SIZE_BYTES] [SEED]

Shape (close to an OpenSanctions export, where vessels and their owners are a small part):
blocks of 1,000 entities, each with 10 vessels, 25 shipping companies owning them (some
through a parent), 10 directors, 450 unrelated people and 300 unrelated companies with their own
directorships, addresses and sanctions on about 3% of entities. One line in 100,000 is
deliberately malformed (a truncated line), so the bad-line count can be checked.
"""
import json
import random
import sys

path = sys.argv[1]
size = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000_000
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)

FLAGS = ["pa", "lr", "mh", "mt", "ru", "cm", "km", "sl", "tg", "cn", "hk", "sg", "gr", "cy"]
WORDS = ["OCEAN", "STAR", "SEA", "NORTH", "PACIFIC", "GLORY", "SPIRIT", "TRADER", "VOYAGER",
         "PEARL", "LINK", "FORTUNE", "HARMONY", "BRIGHT", "EAST", "WIND", "LUCKY", "GRACE"]
NOTES = ("Synthetic entity written by synth_ftm.py for the Lookout streaming measurement; "
         "not a real person, company or vessel. ") * 2


def imo(n):
    """A valid IMO number from a 6-digit stem."""
    stem = f"{n % 900000 + 100000:06d}"
    check = sum(int(d) * w for d, w in zip(stem, range(7, 1, -1))) % 10
    return f"IMO{stem}{check}"


def date(rng, lo=2005, hi=2025):
    return f"{rng.randint(lo, hi)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def line(id_, schema, props):
    return json.dumps({"id": id_, "schema": schema, "properties": props,
                       "datasets": ["synthetic"], "first_seen": "2024-01-01T00:00:00",
                       "last_seen": "2025-01-01T00:00:00"}, separators=(",", ":")) + "\n"


written = 0
lines = 0
block = 0
with open(path, "w") as out:
    def emit(text):
        global written, lines
        lines += 1
        if lines % 100_000 == 0:
            text = text[: len(text) // 2] + "\n"
        out.write(text)
        written += len(text)

    while written < size:
        b = f"b{block}"
        companies = [f"{b}-co{i}" for i in range(25)]
        for i, c in enumerate(companies):
            emit(line(c, "Company", {
                "name": [f"{rng.choice(WORDS)} {rng.choice(WORDS)} SHIPPING {block}-{i} LTD"],
                "jurisdiction": [rng.choice(FLAGS)], "registrationNumber": [str(rng.randrange(10**9))],
                "addressEntity": [f"{b}-addr{i}"], "notes": [NOTES], "incorporationDate": [date(rng)]}))
            emit(line(f"{b}-addr{i}", "Address", {
                "full": [f"{rng.randint(1, 300)} Harbour Road, Port {block}-{i}"],
                "country": [rng.choice(FLAGS)]}))
            if i >= 20:  # parents own five companies each
                for j in range(5):
                    emit(line(f"{b}-own-p{i}-{j}", "Ownership", {
                        "owner": [c], "asset": [companies[(i - 20) * 4 + j]],
                        "startDate": [date(rng, 2010, 2022)], "percentage": ["100"]}))
        for v in range(10):
            vid = f"{b}-v{v}"
            props = {"name": [f"{rng.choice(WORDS)} {rng.choice(WORDS)} {block}-{v}"],
                     "imoNumber": [imo(block * 10 + v)], "flag": [rng.choice(FLAGS)],
                     "mmsi": [str(rng.randint(200_000_000, 799_999_999))],
                     "callSign": [f"X{rng.randrange(10**5):05d}"], "type": ["Oil tanker"],
                     "notes": [NOTES]}
            if rng.random() < 0.3:
                props["pastFlags"] = [rng.choice(FLAGS)]
                props["previousName"] = [f"{rng.choice(WORDS)} {block}-{v}"]
            emit(line(vid, "Vessel", props))
            emit(line(f"{b}-own-v{v}", "Ownership", {
                "owner": [companies[v * 2]], "asset": [vid], "startDate": [date(rng, 2012, 2024)]}))
            emit(line(f"{b}-mgr-v{v}", "UnknownLink", {
                "subject": [companies[v * 2 + 1]], "object": [vid], "role": ["ISM manager"],
                "startDate": [date(rng, 2012, 2024)]}))
        for d in range(10):
            pid = f"{b}-dir{d}"
            emit(line(pid, "Person", {"name": [f"Director {block}-{d}"], "nationality": [rng.choice(FLAGS)],
                                      "birthDate": [date(rng, 1950, 1990)], "notes": [NOTES]}))
            for k in range(2):
                emit(line(f"{b}-dship{d}-{k}", "Directorship", {
                    "director": [pid], "organization": [rng.choice(companies)],
                    "role": ["director"], "startDate": [date(rng)]}))
        people = [f"{b}-p{i}" for i in range(450)]
        others = [f"{b}-oc{i}" for i in range(300)]
        for p in people:
            emit(line(p, "Person", {"name": [f"Person {p}"], "birthDate": [date(rng, 1940, 2000)],
                                    "nationality": [rng.choice(FLAGS)], "position": ["Official"],
                                    "notes": [NOTES], "topics": ["role.pep"]}))
        for c in others:
            emit(line(c, "Company", {"name": [f"OTHER COMPANY {c}"], "jurisdiction": [rng.choice(FLAGS)],
                                     "notes": [NOTES]}))
        for k in range(150):
            emit(line(f"{b}-odship{k}", "Directorship", {
                "director": [rng.choice(people)], "organization": [rng.choice(others)], "startDate": [date(rng)]}))
        for k in range(30):
            target = rng.choice(companies + others + people + [f"{b}-v{rng.randrange(10)}"])
            emit(line(f"{b}-s{k}", "Sanction", {
                "entity": [target], "authority": [rng.choice(["US OFAC", "EU", "UK", "UN"])],
                "program": ["SYNTHETIC"], "startDate": [date(rng, 2014, 2025)]}))
        block += 1

print(f"{path}: {written} bytes, {lines} lines, {block} blocks ({block * 10} vessels), "
      f"{lines // 100_000} malformed lines", file=sys.stderr)
