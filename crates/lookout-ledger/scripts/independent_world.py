#!/usr/bin/env python3
"""An independent corridor world for checking the ledger (docs/accuracy.md, Ledger): written
without the simulator and without the ledger's model, as a new user would, to see whether the
ledger's 90% interval holds the truth on a world it was not built from.

    python3 crates/lookout-ledger/scripts/independent_world.py SEED OUT_DIR

writes OUT_DIR/corridor.toml (default ledger settings), OUT_DIR/observations.csv and
OUT_DIR/truth.json ({"total": containers delivered in the window, "legs": [...],
"absences": [...]}). Standard library only.

The world, in continuous time (hours), none of it on the ledger's daily grid:
- 3 to 6 ships shuttle Rajin -> Dunai or Vostochny (a home destination, another one on 15% of
  legs); each ship has its own cycle of 8 to 14 days, of which 30-50% is spent loading, the
  rest unloading and at sea (transits 10-30 hours); every stay varies by +-25% (uniform).
- Ships leave: 30% join the trade up to 60 days late; after each unloading, 10% go away
  (other cargo 7-30 days: 50%, a shipyard 30-120 days: 30%, waiting 2-8 days: 20%); 20% leave
  for good at a random time.
- Cargo: a ship mean uniform in 180-280 containers, each leg normal around it (12%).
- Imagery: one pass a day at about 01:30 UTC over the three sites. Regional weather is a
  Markov chain (mean clear spell 3 days, cloudy spell 4 days); each site is clear on 85% of
  regionally clear days and 10% of cloudy ones; 10% of cloudy passes leave no row at all.
  On a clear image a watched ship in port is identified with probability 0.85, otherwise
  written as an unidentified ship; ships of other trades appear unidentified (Poisson mean
  0.3 at Rajin, 0.1 at Dunai, 0.8 at Vostochny); an image with no ship says vessel_absent.
  A laden ship (within a day before leaving Rajin or after arriving) identified in a clear
  image gets a deck count with probability 0.4, 10% counting error, low/high +-15%.
"""
import json
import math
import random
import sys
from datetime import datetime, timedelta, timezone

START = datetime(2023, 8, 10, tzinfo=timezone.utc)
END = datetime(2024, 3, 31, tzinfo=timezone.utc)
HOURS = (END - START).total_seconds() / 3600
RAJIN = "Rajin (Najin) port"
DUNAI = "Dunai (Dunay) naval facility, Primorye"
VOSTOCHNY = "Vostochny port (Wrangel Bay)"
OTHERS = {RAJIN: 0.3, DUNAI: 0.1, VOSTOCHNY: 0.8}
NAMES = ["KORYO STAR", "PAEK MA", "SEA WIND", "RYONG GANG", "MIRAE 3", "SONG RIM", "NORTH CAPE"]

CORRIDOR = """name = "Independent check world (seed {seed})"

[ledger]
period_start = 2023-08-10
period_end = 2024-03-31

[[areas]]
name = "Rajin (Najin) port"
kind = "port"
centre = [42.233333, 130.3]
radius_km = 4

[[areas]]
name = "Dunai (Dunay) naval facility, Primorye"
kind = "naval"
centre = [42.88028, 132.3375]
radius_km = 3

[[areas]]
name = "Vostochny port (Wrangel Bay)"
kind = "port"
centre = [42.75, 133.083333]
radius_km = 5

[[corridors]]
name = "Rajin -> Dunai / Vostochny (sea)"
mode = "sea"
origins = ["Rajin (Najin) port"]
destinations = ["Dunai (Dunay) naval facility, Primorye", "Vostochny port (Wrangel Bay)"]
cycle_days = 12
[corridors.prior]
low = 100
central = 230
high = 350
"""


def stamp(h):
    return (START + timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M:%SZ")


def poisson(rng, mean):
    k, p, limit = 0, rng.random(), math.exp(-mean)
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def ship_timeline(rng, name):
    """Visits (site, from_h, to_h, laden_departure?) and legs of one ship."""
    cycle = rng.uniform(8, 14) * 24
    load_share = rng.uniform(0.3, 0.5)
    home = rng.choice([DUNAI, VOSTOCHNY])
    mean_cargo = rng.uniform(180, 280)
    leaves_for_good = rng.uniform(0, HOURS) if rng.random() < 0.2 else math.inf
    visits, legs, absences = [], [], []
    t = rng.uniform(0, cycle)
    if rng.random() < 0.3:
        late = rng.uniform(0, 60 * 24)
        absences.append({"ship": name, "kind": "joins late", "start": stamp(0), "end": stamp(late)})
        t += late
    while t < HOURS and t < leaves_for_good:
        transit = rng.uniform(10, 30)
        load = cycle * load_share * rng.uniform(0.75, 1.25)
        unload = max(cycle - load - 2 * transit, 24) * rng.uniform(0.75, 1.25)
        dest = home if rng.random() > 0.15 else (DUNAI if home == VOSTOCHNY else VOSTOCHNY)
        visits.append((RAJIN, t, t + load))
        depart = t + load
        arrive = depart + transit
        cargo = max(0, round(rng.gauss(mean_cargo, 0.12 * mean_cargo)))
        legs.append({"ship": name, "destination": dest, "depart": stamp(depart),
                     "arrive": stamp(arrive), "arrive_h": arrive, "depart_h": depart,
                     "cargo": cargo})
        visits.append((dest, arrive, arrive + unload))
        t = arrive + unload + rng.uniform(10, 30)
        if rng.random() < 0.1:
            kind, days = rng.choices(
                [("other cargo", (7, 30)), ("shipyard", (30, 120)), ("waiting", (2, 8))],
                weights=[0.5, 0.3, 0.2])[0]
            length = rng.uniform(*days) * 24
            absences.append({"ship": name, "kind": kind, "start": stamp(t),
                             "end": stamp(min(t + length, HOURS))})
            t += length
    if leaves_for_good < HOURS:
        absences.append({"ship": name, "kind": "leaves for good", "start": stamp(leaves_for_good),
                         "end": stamp(HOURS)})
    return visits, legs, absences, mean_cargo


def main():
    seed, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(seed)
    ships = rng.sample(NAMES, rng.randint(3, 6))
    visits, legs, absences = {}, [], []
    for name in ships:
        v, lg, ab, _ = ship_timeline(rng, name)
        visits[name] = v
        legs += lg
        absences += ab
    rows = []
    regional_clear = rng.random() < 0.45
    day = 0
    while day * 24 < HOURS:
        # Weather: mean clear spell 3 days, cloudy spell 4 days.
        if regional_clear and rng.random() < 1 / 3:
            regional_clear = False
        elif not regional_clear and rng.random() < 1 / 4:
            regional_clear = True
        when = day * 24 + 1.5 + rng.uniform(-1, 1)
        day += 1
        if when >= HOURS:
            break
        for site in (RAJIN, DUNAI, VOSTOCHNY):
            clear = rng.random() < (0.85 if regional_clear else 0.1)
            if not clear:
                if rng.random() >= 0.1:
                    rows.append((when, site, "site_not_visible", "", "", "", "", "cloud"))
                continue
            present = [(n, a, b) for n in ships for (s, a, b) in visits[n] if s == site and a <= when < b]
            others = poisson(rng, OTHERS[site])
            if not present and not others:
                rows.append((when, site, "vessel_absent", "", "", "", "", ""))
            for _ in range(others):
                rows.append((when, site, "vessel_at_berth", "", "", "", "", "other trade"))
            for name, a, b in present:
                if rng.random() >= 0.85:
                    rows.append((when, site, "vessel_at_berth", "", "", "", "", "unidentified"))
                    continue
                rows.append((when, site, "vessel_at_berth", name, "", "", "", ""))
                laden = [leg for leg in legs if leg["ship"] == name and (
                    (site == RAJIN and 0 < leg["depart_h"] - when <= 24) or
                    (site == leg["destination"] and 0 <= when - leg["arrive_h"] <= 24))]
                if laden and rng.random() < 0.4:
                    n = max(0, round(laden[0]["cargo"] * (1 + rng.gauss(0, 0.10))))
                    rows.append((when, site, "containers_on_deck", name, n, round(n * 0.85),
                                 round(n * 1.15), ""))
    with open(f"{out}/corridor.toml", "w") as f:
        f.write(CORRIDOR.format(seed=seed))
        for name in ships:
            f.write(f'\n[[watchlist]]\nname = "{name}"\n')
    with open(f"{out}/observations.csv", "w") as f:
        f.write("time,site,kind,vessel,count,count_low,count_high,source,url,note\n")
        for when, site, kind, vessel, n, lo, hi, note in rows:
            f.write(f'{stamp(when)},"{site}",{kind},{vessel},{n},{lo},{hi},independent world,,{note}\n')
    total = sum(leg["cargo"] for leg in legs if 0 <= leg["arrive_h"] < HOURS)
    with open(f"{out}/truth.json", "w") as f:
        json.dump({"seed": seed, "total": total,
                   "legs": [{k: v for k, v in leg.items() if not k.endswith("_h")} for leg in legs],
                   "absences": absences}, f, indent=1)


if __name__ == "__main__":
    main()
