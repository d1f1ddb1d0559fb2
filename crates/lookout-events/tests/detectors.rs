//! Each detector on small synthetic tracks whose answer is known, plus the reject counters.

use lookout_core::geo::{destination as dest, LatLon};

/// `destination` on plain coordinates.
fn destination(lat: f64, lon: f64, bearing: f64, km: f64) -> (f64, f64) {
    let p = dest(LatLon::new(lat, lon), bearing, km);
    (p.lat, p.lon)
}
use lookout_events::{Areas, Config, Engine, Event, EventType, Land, Position, Record, Static};

const T0: i64 = 1_693_526_400_000; // 2023-09-01T00:00:00Z
const H: i64 = 3_600_000;
const MIN: i64 = 60_000;

const AREAS: &str =
    "[[areas]]\nname = \"Rajin\"\nkind = \"port\"\ncentre = [42.245, 130.30]\nradius_km = 3\n\
[[areas]]\nname = \"STS-1\"\nkind = \"sts\"\ncentre = [41.0, 132.0]\nradius_km = 5\n";

fn pos(mmsi: u32, time: i64, lat: f64, lon: f64, sog: f32, cog: f32) -> Record {
    Record::Position(Position {
        mmsi,
        time,
        lat,
        lon,
        sog: Some(sog),
        cog: Some(cog),
        ..Default::default()
    })
}

/// Positions every `step` from `t` for `dur`, starting at `(lat, lon)` on `course` at `knots`.
fn leg(
    mmsi: u32,
    t: i64,
    dur: i64,
    step: i64,
    (lat, lon): (f64, f64),
    course: f64,
    knots: f64,
) -> Vec<Record> {
    (0..=dur / step)
        .map(|i| {
            let dt = i * step;
            let (la, lo) = destination(lat, lon, course, knots * 1.852 * dt as f64 / H as f64);
            pos(mmsi, t + dt, la, lo, knots as f32, course as f32)
        })
        .collect()
}

/// The default configuration with the identity rule off: these tests name vessels 1, 2, ...,
/// which are not ship MMSIs (ITU-R M.585) and would be skipped; the rule itself is tested in
/// `class_b_and_not_available_values_make_no_events_and_placeholder_identities_are_skipped`.
fn toy_config() -> Config {
    let mut cfg = Config::default();
    cfg.identity.skip_invalid_mmsi = false;
    cfg
}

fn run(records: Vec<Record>, land: bool) -> (Vec<Event>, Engine) {
    run_with(records, AREAS, land, toy_config())
}

/// Runs the engine over the records (sorted by time) with the given areas, land and config.
fn run_with(
    mut records: Vec<Record>,
    areas: &str,
    land: bool,
    cfg: Config,
) -> (Vec<Event>, Engine) {
    records.sort_by_key(|r| (r.time(), r.mmsi()));
    let areas = Areas::from_toml(areas).unwrap();
    let mut engine = Engine::new(cfg, areas, land.then(Land::east_asia));
    let mut events = Vec::new();
    for r in &records {
        engine.push(r);
    }
    events.extend(engine.finish());
    (events, engine)
}

fn of(events: &[Event], t: EventType) -> Vec<&Event> {
    events.iter().filter(|e| e.event_type == t).collect()
}

#[test]
fn port_visit_with_entry_stop_exit_and_in_port_only() {
    // Sails in from 20 km south, moors 10 h, sails out.
    let mut r = leg(1, T0, 60 * MIN, MIN, (42.06, 130.30), 0.0, 10.0);
    let (lat, lon) = destination(42.06, 130.30, 0.0, 18.52);
    r.extend(leg(1, T0 + 63 * MIN, 10 * H, 3 * MIN, (lat, lon), 0.0, 0.0));
    r.extend(leg(
        1,
        T0 + 10 * H + 66 * MIN,
        90 * MIN,
        MIN,
        (lat, lon),
        180.0,
        10.0,
    ));
    // A second vessel transmits only while in port (AIS off at sea), twice, two days apart.
    r.extend(leg(2, T0, 12 * H, 3 * MIN, (42.25, 130.31), 0.0, 0.0));
    r.extend(leg(
        2,
        T0 + 60 * H,
        6 * H,
        3 * MIN,
        (42.24, 130.29),
        0.0,
        0.0,
    ));
    let (events, _) = run(r, true);
    let visits = of(&events, EventType::PortVisit);
    let v1: Vec<_> = visits.iter().filter(|e| e.mmsi == 1).collect();
    assert_eq!(v1.len(), 1, "{visits:#?}");
    assert_eq!(v1[0].area.as_deref(), Some("Rajin"));
    assert_eq!(v1[0].details["gfw_confidence"], 4);
    let hours = (v1[0].end_time - v1[0].start_time) as f64 / H as f64;
    assert!((10.0..11.5).contains(&hours), "{hours}");
    // In-port-only vessel: two visits (48 h dark in between splits them), confidence 2.
    let v2: Vec<_> = visits.iter().filter(|e| e.mmsi == 2).collect();
    assert_eq!(v2.len(), 2, "{v2:#?}");
    assert!(v2.iter().all(|v| v.details["gfw_confidence"] == 2));
    assert_eq!(v2[0].end_time, T0 + 12 * H);
    assert_eq!(v2[1].start_time, T0 + 60 * H);
    assert_eq!(v2[1].details["port_gap"], true);
    // Its silence is a gap starting and ending in Rajin.
    let g2: Vec<_> = of(&events, EventType::Gap)
        .into_iter()
        .filter(|e| e.mmsi == 2 && e.details.get("open").is_none())
        .collect();
    assert_eq!(g2.len(), 1);
    assert_eq!(g2[0].area.as_deref(), Some("Rajin"));
    assert_eq!(g2[0].other_area.as_deref(), Some("Rajin"));
    // Nothing else: no loitering or encounter in port.
    assert!(of(&events, EventType::Loitering).is_empty(), "{events:#?}");
    assert!(of(&events, EventType::Encounter).is_empty());
}

#[test]
fn gaps_with_coverage_hint() {
    // Vessel 10 goes dark for 8 h at sea while vessel 11 keeps reporting next to its track;
    // vessel 12 goes dark far from anyone.
    let mut r = leg(10, T0, 2 * H, 5 * MIN, (40.0, 134.0), 90.0, 10.0);
    r.extend(leg(
        10,
        T0 + 10 * H,
        2 * H,
        5 * MIN,
        (40.0, 134.0),
        90.0,
        0.0,
    ));
    r.extend(leg(11, T0, 13 * H, 10 * MIN, (40.05, 134.05), 0.0, 0.0));
    r.extend(leg(12, T0, H, 5 * MIN, (38.0, 137.0), 0.0, 0.0));
    r.extend(leg(12, T0 + 14 * H, H, 5 * MIN, (38.0, 137.0), 0.0, 0.0));
    let (events, _) = run(r, true);
    let gaps = of(&events, EventType::Gap);
    let g10: Vec<_> = gaps
        .iter()
        .filter(|e| e.mmsi == 10 && e.details.get("open").is_none())
        .collect();
    assert_eq!(g10.len(), 1, "{gaps:#?}");
    assert_eq!(g10[0].end_time - g10[0].start_time, 8 * H);
    assert_eq!(g10[0].details["coverage"], "received_nearby");
    assert_eq!(g10[0].details["disabling_length"], false);
    assert!(g10[0].details["positions_hours_before"].as_u64().unwrap() >= 24);
    let g12: Vec<_> = gaps
        .iter()
        .filter(|e| e.mmsi == 12 && e.details.get("open").is_none())
        .collect();
    assert_eq!(g12.len(), 1);
    assert_eq!(g12[0].details["coverage"], "none_nearby");
    assert_eq!(g12[0].details["disabling_length"], true);
    // Vessel 11 never paused 6 h; vessel 12's 5 h silence would not count.
    assert!(gaps
        .iter()
        .all(|e| e.mmsi != 11 || e.details.get("open").is_some()));
}

#[test]
fn deferred_coverage_hints_equal_the_whole_engines() {
    // The records of `gaps_with_coverage_hint`, one engine per vessel (a distributed run's
    // shards), hints added afterwards from every vessel's coverage grid.
    let mut r = leg(10, T0, 2 * H, 5 * MIN, (40.0, 134.0), 90.0, 10.0);
    r.extend(leg(
        10,
        T0 + 10 * H,
        2 * H,
        5 * MIN,
        (40.0, 134.0),
        90.0,
        0.0,
    ));
    r.extend(leg(11, T0, 13 * H, 10 * MIN, (40.05, 134.05), 0.0, 0.0));
    r.extend(leg(12, T0, H, 5 * MIN, (38.0, 137.0), 0.0, 0.0));
    r.extend(leg(12, T0 + 14 * H, H, 5 * MIN, (38.0, 137.0), 0.0, 0.0));
    let gaps = |events: Vec<Event>| {
        let mut g: Vec<_> = events
            .into_iter()
            .filter(|e| e.event_type == EventType::Gap)
            .collect();
        g.sort_by_key(|e| (e.mmsi, e.start_time));
        g
    };
    let whole = gaps(run(r.clone(), true).0);
    let cfg = toy_config();
    let mut grid = std::collections::HashMap::new();
    for rec in &r {
        if let Record::Position(p) = rec {
            if let Some(k) = lookout_events::coverage_key(&cfg, p.lat, p.lon, p.time) {
                *grid.entry(k).or_insert(0u64) += 1;
            }
        }
    }
    let span = (T0, r.iter().map(Record::time).max().unwrap());
    let mut shards = Vec::new();
    for mmsi in [10, 11, 12] {
        let mut engine = Engine::new(
            cfg.clone(),
            Areas::from_toml(AREAS).unwrap(),
            Some(Land::east_asia()),
        );
        engine.defer_coverage_hints();
        engine.extend_span(span.0, span.1);
        let mut mine: Vec<_> = r.iter().filter(|x| x.mmsi() == mmsi).collect();
        mine.sort_by_key(|x| x.time());
        mine.into_iter().for_each(|x| engine.push(x));
        for e in engine.finish() {
            assert!(e.event_type != EventType::Gap || e.details.contains_key("coverage_from_hour"));
            shards.push(lookout_events::coverage_hint(&cfg, e, |k| {
                grid.get(&k).copied().unwrap_or(0)
            }));
        }
    }
    let shards = gaps(shards);
    assert!(whole.len() >= 2, "{whole:#?}");
    // A shard cannot tell why a gap happened (that needs the other vessels): its reason is
    // `unknown`, marked as a shard's, with what the reason needs of the gap for later
    // (`reason_inputs`, see `ReceptionReplay`); everything else is the whole engine's.
    assert!(
        whole.iter().any(|e| e.details["reason"] != "unknown"),
        "{whole:#?}"
    );
    let without_reason = |events: Vec<Event>| -> Vec<Event> {
        events
            .into_iter()
            .map(|mut e| {
                e.details.remove("reason");
                e.details.remove("reason_evidence");
                e.details.remove("reason_inputs");
                e.confidence = 0.0;
                e
            })
            .collect()
    };
    for e in &shards {
        assert_eq!(e.details["reason"], "unknown");
        assert_eq!(e.details["reason_evidence"]["shard"], true);
        assert!(e.details["reason_inputs"]["start"]["station"].is_string());
    }
    assert_eq!(without_reason(shards), without_reason(whole));
}

#[test]
fn encounter_at_sea_but_not_in_port_or_underway() {
    // Two ships alongside (200 m apart) at 0.5 kn for 3 h, 50 km from any port.
    let mut r = leg(20, T0, 3 * H, 2 * MIN, (41.5, 133.0), 45.0, 0.5);
    r.extend(leg(21, T0, 3 * H, 2 * MIN, (41.5018, 133.0), 45.0, 0.5));
    // Two moored side by side in Rajin for 6 h.
    r.extend(leg(22, T0, 6 * H, 3 * MIN, (42.245, 130.300), 0.0, 0.0));
    r.extend(leg(23, T0, 6 * H, 3 * MIN, (42.246, 130.300), 0.0, 0.0));
    // Two sailing in convoy at 12 kn, 300 m apart: close but not an encounter.
    r.extend(leg(24, T0, 3 * H, MIN, (39.0, 131.0), 90.0, 12.0));
    r.extend(leg(25, T0, 3 * H, MIN, (39.0027, 131.0), 90.0, 12.0));
    // A short meeting (1 h) is not one either.
    r.extend(leg(26, T0, H, 2 * MIN, (39.5, 136.0), 0.0, 0.0));
    r.extend(leg(27, T0, H, 2 * MIN, (39.501, 136.0), 0.0, 0.0));
    let (events, _) = run(r, true);
    let enc = of(&events, EventType::Encounter);
    assert_eq!(enc.len(), 1, "{enc:#?}");
    assert_eq!((enc[0].mmsi, enc[0].other_mmsi), (20, Some(21)));
    let hours = (enc[0].end_time - enc[0].start_time) as f64 / H as f64;
    assert!((2.8..=3.0).contains(&hours), "{hours}");
    assert!(enc[0].details["median_distance_km"].as_f64().unwrap() < 0.25);
    // The meeting pair also loiters; the convoy does not.
    let loit = of(&events, EventType::Loitering);
    assert!(loit.iter().any(|e| e.mmsi == 20));
    assert!(loit.iter().all(|e| e.mmsi != 24 && e.mmsi != 22));
}

/// Encounters found with the given areas, land and config.
fn encounters_with(records: &[Record], areas: &str, land: bool, cfg: Config) -> Vec<(u32, u32)> {
    let (events, _) = run_with(records.to_vec(), areas, land, cfg);
    let mut pairs: Vec<(u32, u32)> = of(&events, EventType::Encounter)
        .iter()
        .map(|e| (e.mmsi, e.other_mmsi.unwrap()))
        .collect();
    pairs.sort_unstable();
    pairs
}

#[test]
fn encounters_away_from_shore_and_inferred_anchorages_without_areas() {
    // Moored side by side in Rajin harbour for 6 h (no areas will say it is a port).
    let mut r = leg(30, T0, 6 * H, 3 * MIN, (42.245, 130.300), 0.0, 0.0);
    r.extend(leg(31, T0, 6 * H, 3 * MIN, (42.246, 130.300), 0.0, 0.0));
    // Alongside 5 km off the North Korean coast south of Rajin (open water, no port).
    r.extend(leg(32, T0, 3 * H, 2 * MIN, (42.10, 130.25), 45.0, 0.3));
    r.extend(leg(33, T0, 3 * H, 2 * MIN, (42.1015, 130.25), 45.0, 0.3));
    // Alongside in the open Sea of Japan, 150 km from any coast.
    r.extend(leg(34, T0, 3 * H, 2 * MIN, (40.0, 134.0), 45.0, 0.3));
    r.extend(leg(35, T0, 3 * H, 2 * MIN, (40.0015, 134.0), 45.0, 0.3));
    // An offshore anchorage where six vessels lie for 14 h, 2-5 km apart, and a pair that
    // meets among them.
    for k in 0..6u32 {
        let (lat, lon) = destination(39.0, 136.0, f64::from(k) * 60.0, 3.0);
        r.extend(leg(40 + k, T0, 14 * H, 10 * MIN, (lat, lon), 0.0, 0.0));
    }
    r.extend(leg(
        36,
        T0 + 4 * H,
        3 * H,
        2 * MIN,
        (39.0, 136.0),
        45.0,
        0.3,
    ));
    r.extend(leg(
        37,
        T0 + 4 * H,
        3 * H,
        2 * MIN,
        (39.0015, 136.0),
        45.0,
        0.3,
    ));
    let empty = "";
    // No areas: the coast stands in for ports (10 km), and the anchorage is inferred.
    assert_eq!(
        encounters_with(&r, empty, true, toy_config()),
        vec![(34, 35)]
    );
    // With a port area elsewhere, 5 km offshore is far enough (only the 1 km shore rule).
    assert_eq!(
        encounters_with(&r, AREAS, true, toy_config()),
        vec![(32, 33), (34, 35)]
    );
    // Without land polygons only inferred anchorages remain: the offshore one is found, but
    // two ships alone in Rajin make no anchorage (five others are needed), so they count.
    assert_eq!(
        encounters_with(&r, empty, false, toy_config()),
        vec![(30, 31), (32, 33), (34, 35)]
    );
    // Anchorage inference off: the pair among the anchored ships is an encounter again (the
    // anchored ships themselves lie 3 km apart, beyond 500 m).
    let mut cfg = toy_config();
    cfg.anchorage.infer = false;
    assert_eq!(
        encounters_with(&r, empty, false, cfg),
        vec![(30, 31), (32, 33), (34, 35), (36, 37)]
    );
}

#[test]
fn loitering_needs_two_slow_hours_away_from_port() {
    // Drifts 1 kn for 5 h at sea, then sails off.
    let mut r = leg(30, T0, 5 * H, 3 * MIN, (40.5, 133.5), 200.0, 1.0);
    let (lat, lon) = destination(40.5, 133.5, 200.0, 1.852 * 5.0);
    r.extend(leg(
        30,
        T0 + 5 * H + 3 * MIN,
        3 * H,
        MIN,
        (lat, lon),
        90.0,
        12.0,
    ));
    // Drifts only 90 minutes.
    r.extend(leg(31, T0, 90 * MIN, 3 * MIN, (39.5, 133.5), 200.0, 1.0));
    r.extend(leg(
        31,
        T0 + 93 * MIN,
        3 * H,
        MIN,
        (39.49, 133.49),
        90.0,
        12.0,
    ));
    let (events, _) = run(r, true);
    let loit = of(&events, EventType::Loitering);
    assert_eq!(loit.len(), 1, "{loit:#?}");
    assert_eq!(loit[0].mmsi, 30);
    let hours = (loit[0].end_time - loit[0].start_time) as f64 / H as f64;
    assert!((4.5..=5.2).contains(&hours), "{hours}");
    assert!(loit[0].details["avg_speed_knots"].as_f64().unwrap() < 1.2);
}

fn stat(mmsi: u32, time: i64, name: &str, imo: u32, draught: f32) -> Record {
    Record::Static(Static {
        mmsi,
        time,
        imo: Some(imo),
        callsign: Some("ABCD1".into()),
        name: Some(name.into()),
        ship_type: Some(70),
        draught: Some(draught),
        ..Default::default()
    })
}

#[test]
fn draught_and_identity_changes() {
    let mut r = leg(40, T0, 20 * H, 6 * MIN, (42.245, 130.30), 0.0, 0.0);
    for k in 0..200 {
        let t = T0 + k * 6 * MIN;
        let draught = if k < 100 { 4.2 } else { 7.8 };
        let name = if k < 150 { "MAIA-1" } else { "MAIA 2" };
        r.push(stat(40, t + 1000, name, 9_100_001, draught));
    }
    // A one-off garbled name is not a change.
    r.push(stat(40, T0 + 6 * MIN * 60 + 2000, "MAI@-1", 9_100_001, 4.2));
    // The same IMO later shows up under a new MMSI with another MID (flag).
    r.extend(leg(
        273_000_041,
        T0 + 30 * H,
        2 * H,
        6 * MIN,
        (42.245, 130.30),
        0.0,
        0.0,
    ));
    r.push(stat(
        273_000_041,
        T0 + 30 * H + 1000,
        "MAIA 2",
        9_100_001,
        7.8,
    ));
    r.push(stat(273_000_041, T0 + 31 * H, "MAIA 2", 9_100_001, 7.8));
    let (events, _) = run(r, true);
    let dc = of(&events, EventType::DraughtChange);
    assert_eq!(dc.len(), 1, "{dc:#?}");
    assert_eq!(dc[0].details["from_m"], 4.2);
    assert_eq!(dc[0].details["to_m"], 7.8);
    assert_eq!(dc[0].details["across"], "port_visit");
    assert_eq!(dc[0].area.as_deref(), Some("Rajin"));
    let ic = of(&events, EventType::IdentityChange);
    assert_eq!(ic.len(), 2, "{ic:#?}");
    let name = ic.iter().find(|e| e.other_mmsi.is_none()).unwrap();
    assert_eq!(name.details["changes"]["name"]["to"], "MAIA 2");
    assert_eq!(name.end_time, T0 + 150 * 6 * MIN + 1000);
    let moved = ic.iter().find(|e| e.other_mmsi.is_some()).unwrap();
    assert_eq!((moved.mmsi, moved.other_mmsi), (40, Some(273_000_041)));
    assert!(moved.details["changes"].get("flag_mid").is_some());
}

#[test]
fn spoofing_jumps_inland_and_shared_mmsi() {
    // Sails east at 12 kn; for 30 min it reports a position 300 km away, then comes back.
    let mut r = leg(50, T0, 2 * H, MIN, (40.0, 133.0), 90.0, 12.0);
    r.extend(leg(
        50,
        T0 + 2 * H + MIN,
        30 * MIN,
        MIN,
        (37.5, 134.0),
        0.0,
        0.0,
    ));
    let (lat, lon) = destination(40.0, 133.0, 90.0, 1.852 * 12.0 * 2.5);
    r.extend(leg(
        50,
        T0 + 2 * H + 31 * MIN,
        2 * H,
        MIN,
        (lat, lon),
        90.0,
        12.0,
    ));
    // Reports a plausible course that runs on inland into North Korea (reachable, but on land).
    r.extend(leg(51, T0, 3 * H, MIN, (41.5, 129.9), 270.0, 8.0));
    // Two ships share MMSI 52, 400 km apart, both reporting every 2 minutes.
    r.extend(leg(52, T0, 4 * H, 2 * MIN, (39.0, 131.0), 0.0, 10.0));
    r.extend(leg(
        52,
        T0 + MIN,
        4 * H,
        2 * MIN,
        (36.5, 135.0),
        180.0,
        10.0,
    ));
    let (events, engine) = run(r, true);
    let spoof = of(&events, EventType::Spoofing);
    let s50: Vec<_> = spoof.iter().filter(|e| e.mmsi == 50).collect();
    assert_eq!(s50.len(), 1, "{spoof:#?}");
    assert_eq!(s50[0].start_time, T0 + 2 * H + MIN);
    assert_eq!(s50[0].n_positions, 31);
    let s51: Vec<_> = spoof.iter().filter(|e| e.mmsi == 51).collect();
    assert_eq!(s51.len(), 1, "{spoof:#?}");
    assert_eq!(s51[0].details["kind"], "inland");
    // The shared MMSI is one identity change naming both tracks, no spoofing.
    assert!(spoof.iter().all(|e| e.mmsi != 52), "{spoof:#?}");
    let ic = of(&events, EventType::IdentityChange);
    let s52: Vec<_> = ic.iter().filter(|e| e.mmsi == 52).collect();
    assert_eq!(s52.len(), 1, "{ic:#?}");
    assert_eq!(s52[0].details["kind"], "shared_mmsi");
    assert_eq!(s52[0].details["tracks"].as_array().unwrap().len(), 2);
    // The 30 spoofed minutes are neither a gap nor a port visit.
    assert!(of(&events, EventType::Gap)
        .iter()
        .all(|e| e.mmsi != 50 || e.details.get("open").is_some()));
    assert_eq!(engine.stats().rejects.get("spoofed"), Some(&31));
}

#[test]
fn bad_input_is_counted_not_fatal() {
    let mut r = leg(60, T0, H, 10 * MIN, (40.0, 133.0), 0.0, 0.0);
    r.push(pos(60, T0 + 5 * MIN, 91.0, 181.0, 0.0, 0.0));
    r.push(pos(60, T0 + 20 * MIN, f64::NAN, 133.0, 0.0, 0.0));
    let mut dup = r[1].clone();
    if let Record::Position(p) = &mut dup {
        p.sog = Some(3.0);
    }
    r.push(dup);
    let (_, engine) = run(r, false);
    let rejects = &engine.stats().rejects;
    assert_eq!(rejects.get("invalid_position"), Some(&2));
    assert_eq!(rejects.get("duplicate"), Some(&1));
    // Out of order within one MMSI.
    let areas = Areas::from_toml(AREAS).unwrap();
    let mut engine = Engine::new(toy_config(), areas, None);
    engine.push(&pos(61, T0 + H, 40.0, 133.0, 0.0, 0.0));
    engine.push(&pos(61, T0, 40.0, 133.0, 0.0, 0.0));
    assert_eq!(engine.stats().rejects.get("out_of_order"), Some(&1));
}

/// 12 h at a berth: SOG 0 and a few metres of GPS jitter every 3 minutes.
fn berthed(mmsi: u32, (lat, lon): (f64, f64)) -> Vec<Record> {
    (0..=240)
        .map(|i| {
            let j = f64::from(i);
            let (la, lo) = (lat + 4e-5 * (j * 0.7).sin(), lon + 5e-5 * (j * 1.3).cos());
            pos(mmsi, T0 + i64::from(i) * 3 * MIN, la, lo, 0.0, 0.0)
        })
        .collect()
}

/// Loitering vessels among `records` with the given areas and config, sorted by MMSI, and the
/// candidates dropped near the shore.
fn loiterers(records: &[Record], areas: &str, cfg: Config) -> (Vec<u32>, u64) {
    let (events, engine) = run_with(records.to_vec(), areas, true, cfg);
    let mut m: Vec<u32> = of(&events, EventType::Loitering)
        .iter()
        .map(|e| e.mmsi)
        .collect();
    m.sort_unstable();
    let dropped = engine.stats().dropped.get("loitering_near_shore");
    (m, dropped.copied().unwrap_or(0))
}

#[test]
fn loitering_without_areas_is_kept_off_the_coast() {
    // Berthed in Vladivostok's Golden Horn and at Nakhodka; drifting 1 kn for 6 h 70 km off
    // the Korean coast; drifting 0.2 kn 18 nm off Cape Povorotny (the accuracy scenario's
    // nearest loitering spot); berthed in Auckland, outside the land polygons.
    let mut r = berthed(50, (43.112, 131.885));
    r.extend(berthed(51, (42.81, 132.89)));
    r.extend(leg(52, T0, 6 * H, 3 * MIN, (41.5, 131.5), 200.0, 1.0));
    r.extend(leg(53, T0, 6 * H, 3 * MIN, (42.5, 132.6), 200.0, 0.2));
    r.extend(berthed(54, (-36.842, 174.760)));
    let (m, dropped) = loiterers(&r, "", toy_config());
    // GFW's 20 nm: berths and the 18 nm drift go; Auckland cannot be measured and stays.
    assert_eq!((m, dropped), (vec![52, 54], 3));
    let (events, _) = run_with(r.clone(), "", true, toy_config());
    let far = of(&events, EventType::Loitering);
    let nm = |e: &Event| e.details.get("avg_distance_from_shore_nm").cloned();
    assert!(nm(far[0])
        .and_then(|v| v.as_f64())
        .is_some_and(|d| d >= 20.0));
    assert_eq!(nm(far[1]), None);
    // Switched off, the berths are loitering again.
    let mut off = toy_config();
    off.loitering.min_shore_distance_nm = 0.0;
    assert_eq!(loiterers(&r, "", off).0, vec![50, 51, 52, 53, 54]);
    // With port areas the port rule decides and coastal loitering stays visible, unless the
    // shore rule is asked for with areas too.
    let ports = "[[areas]]\nname = \"Vladivostok\"\ncentre = [43.11, 131.89]\nradius_km = 5\n\
[[areas]]\nname = \"Nakhodka\"\ncentre = [42.8, 132.883]\nradius_km = 5\n";
    assert_eq!(loiterers(&r, ports, toy_config()), (vec![52, 53, 54], 0));
    let mut strict = toy_config();
    strict.loitering.shore_rule_with_areas = true;
    assert_eq!(loiterers(&r, ports, strict), (vec![52, 54], 1));
}

#[test]
fn mmsi_handover_without_areas_is_not_taken_at_a_berth() {
    // At Nakhodka's berths one MMSI falls silent after 2 h and another switches on 10 min
    // later next to it; 70 km off the Korean coast the same happens at sea.
    let mut r = leg(60, T0, 2 * H, 3 * MIN, (42.81, 132.89), 0.0, 0.0);
    r.extend(leg(
        61,
        T0 + 130 * MIN,
        2 * H,
        3 * MIN,
        (42.8101, 132.8901),
        0.0,
        0.0,
    ));
    r.extend(leg(62, T0, 2 * H, 3 * MIN, (41.5, 131.5), 90.0, 10.0));
    let (lat, lon) = destination(41.5, 131.5, 90.0, 1.852 * 10.0 * 130.0 / 60.0);
    r.extend(leg(
        63,
        T0 + 130 * MIN,
        2 * H,
        3 * MIN,
        (lat, lon),
        90.0,
        10.0,
    ));
    let handovers = |cfg: Config| -> Vec<(u32, Option<u32>)> {
        let (events, _) = run_with(r.clone(), "", true, cfg);
        of(&events, EventType::IdentityChange)
            .iter()
            .map(|e| (e.mmsi, e.other_mmsi))
            .collect()
    };
    assert_eq!(handovers(toy_config()), vec![(62, Some(63))]);
    // With the encounters' coast rules off, the berth neighbours become an MMSI change.
    let mut off = toy_config();
    off.encounter.min_shore_km = 0.0;
    off.encounter.no_ports_min_shore_km = 0.0;
    let mut got = handovers(off);
    got.sort_unstable();
    assert_eq!(got, vec![(60, Some(61)), (62, Some(63))]);
}

/// Sets the message type of position records (18 and 19: class B).
fn with_type(mut records: Vec<Record>, msg_type: u8) -> Vec<Record> {
    for r in &mut records {
        if let Record::Position(p) = r {
            p.msg_type = msg_type;
        }
    }
    records
}

#[test]
fn class_b_and_not_available_values_make_no_events_and_placeholder_identities_are_skipped() {
    const B: u32 = 273_100_001; // a class B yacht (MID 273, Russia)
    const A: u32 = 273_100_002; // a class A ship whose speed, heading and course are unavailable
    const NA: u32 = 273_100_003; // a class A ship sending lat 91 / lon 181 between fixes
                                 // Class B "CS" at its ITU-R M.1371-5 table 1 rates: every 30 s at 6 kn for 2 h (type 18),
                                 // then every 3 min at 1 kn for 1.5 h (type 19; shorter than loitering's 2 h), off the coast between Rajin and STS-1.
    let mut r = with_type(leg(B, T0, 2 * H, MIN / 2, (41.5, 131.0), 90.0, 6.0), 18);
    let (lat, lon) = destination(41.5, 131.0, 90.0, 6.0 * 1.852 * 2.0);
    r.extend(with_type(
        leg(
            B,
            T0 + 2 * H + 3 * MIN,
            90 * MIN,
            3 * MIN,
            (lat, lon),
            90.0,
            1.0,
        ),
        19,
    ));
    // Type 24: part A (name) and part B (call sign, ship type) in separate reports.
    for k in 0..12 {
        let t = T0 + k * 30 * MIN + 7_000;
        let part_a = k % 2 == 0;
        r.push(Record::Static(Static {
            mmsi: B,
            time: t,
            name: part_a.then(|| "SEA BREEZE".to_owned()),
            callsign: (!part_a).then(|| "UBC1234".to_owned()),
            ship_type: (!part_a).then_some(37),
            ..Default::default()
        }));
    }
    // Class A with speed 102.3 ("not available"), heading 511 and course 360 at one place for
    // an hour: not a frozen position (no speed is reported).
    for k in 0..=20 {
        r.push(Record::Position(Position {
            mmsi: A,
            time: T0 + k * 3 * MIN,
            lat: 41.2,
            lon: 131.4,
            sog: Some(102.3),
            cog: Some(360.0),
            heading: Some(511),
            msg_type: 1,
            ..Default::default()
        }));
    }
    // Class A sailing, with lat 91 / lon 181 between its fixes.
    let fixes = leg(NA, T0, 3 * H, 5 * MIN, (41.0, 131.2), 45.0, 10.0);
    for f in &fixes {
        r.push(pos(NA, f.time() + MIN, 91.0, 181.0, 10.0, 45.0));
    }
    r.extend(fixes);
    // A placeholder identity (MID then zeros) on two transmitters 400 km apart, and the
    // dummy 111111111: no events, counted once each.
    for k in 0..6 {
        let (lat, lon) = if k % 2 == 0 {
            (41.0, 131.0)
        } else {
            (41.0, 135.8)
        };
        r.push(pos(412_000_000, T0 + k * MIN, lat, lon, 8.0, 0.0));
        r.push(pos(
            111_111_111,
            T0 + k * MIN + 1_000,
            lat,
            lon + 0.5,
            8.0,
            0.0,
        ));
    }
    let (events, engine) = run_with(r.clone(), AREAS, false, Config::default());
    assert!(events.is_empty(), "{events:#?}");
    let stats = engine.stats();
    assert_eq!(stats.skipped_identities.get("mid_then_zeros"), Some(&1));
    assert_eq!(stats.skipped_identities.get("repeated_digit"), Some(&1));
    assert_eq!(stats.rejects.get("invalid_mmsi"), Some(&12));
    assert_eq!(
        stats.rejects.get("invalid_position"),
        Some(&(fixes_len(&r, NA) as u64))
    );
    assert_eq!(stats.vessels, 3, "the placeholders are no vessels");

    // The class B yacht silent 9.4 h: one gap, measured against class B's own interval (3 min
    // at 1 kn: 240 reports expected in the 12 h before, not class A's).
    let (lat, lon) = destination(lat, lon, 90.0, 1.852 * 1.5);
    r.extend(with_type(
        leg(B, T0 + 13 * H, H, 3 * MIN, (lat, lon), 90.0, 1.0),
        19,
    ));
    let (events, _) = run_with(r, AREAS, false, Config::default());
    // (The other two fall silent before the data's new end: open gaps.)
    let gaps: Vec<_> = of(&events, EventType::Gap)
        .into_iter()
        .filter(|e| e.mmsi == B)
        .collect();
    assert_eq!(gaps.len(), 1, "{events:#?}");
    assert!(gaps[0].details.get("open").is_none());
    assert_eq!(gaps[0].details["transponder_class"], "B");
    assert_eq!(gaps[0].details["expected_positions_hours_before"], 240.0);
    assert!(events.iter().all(|e| e.event_type == EventType::Gap));
}

/// Positions of `mmsi` with latitude 91 (the "not available" value).
fn fixes_len(records: &[Record], mmsi: u32) -> usize {
    records
        .iter()
        .filter(|r| matches!(r, Record::Position(p) if p.mmsi == mmsi && p.lat == 91.0))
        .count()
}
