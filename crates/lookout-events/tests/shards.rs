//! The distributed run's anomaly steps (`docs/scale.md`): the reception scenario (three days,
//! three terrestrial receivers, a GNSS spoofing zone and a jamming zone, spoofed and dark
//! vessels; `tests/data/reception.toml`), simulated and ingested, split by MMSI into three
//! shards that each see a third of the vessels. From what the shards hand over (their gaps and
//! raw spoofing episodes, reception tallies, candidate suspects and anomaly onsets), the
//! reception model rebuilt per flush and the anomaly replay give the single engine's gaps and
//! spoofing events, field for field: `out_of_range` episodes, interference areas, the
//! `interference` gap reason and the `interference_area` marks included.

#[path = "support/pipeline.rs"]
#[allow(dead_code)]
mod pipeline;

use std::collections::BTreeMap;

use lookout_core::record::Record;
use lookout_core::time::day_index;
use lookout_events::{
    station_days, AnomalyOnset, AnomalyReplay, Areas, Config, Engine, Event, EventType,
    FlushAnomalies, Land, LinkInputs, ReceptionReplay, ReceptionTallies, SuspectRun,
};
use lookout_store::records::days;
use lookout_store::Store;

const RECEPTION: &str = include_str!("data/reception.toml");
const SHARDS: u32 = 3;

/// The reception scenario with its far-away spoofer (FARAWAY, positions 400 km out to sea
/// while it lies at Vostochny) a day later, once the stations' footprints are drawn (24 hours
/// of data, `reception.footprint_min_hours`): its positions are then `out_of_range` of the
/// station that heard them.
fn scenario() -> String {
    let before = "{ berth = \"Vostochny\", hours = 14 },\n  { spoof = \"track\"";
    assert!(RECEPTION.contains(before), "the scenario changed");
    RECEPTION.replace(
        before,
        "{ berth = \"Vostochny\", hours = 38 },\n  { spoof = \"track\"",
    )
}

/// Gaps and spoofing events, every field, sorted.
fn anomalies(events: &[Event]) -> Vec<String> {
    let mut v: Vec<String> = events
        .iter()
        .filter(|e| matches!(e.event_type, EventType::Gap | EventType::Spoofing))
        .map(|e| format!("{e:?}"))
        .collect();
    v.sort();
    v
}

#[test]
fn shards_give_the_single_engines_spoofing_gaps_and_interference() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenario();
    let (_, store_dir) = pipeline::simulate(dir.path(), &scenario, 1);
    let store = Store::open(&store_dir).unwrap();
    let mut records: Vec<Record> = Vec::new();
    let mut wm: Vec<i64> = Vec::new();
    for day in days(&store, None, None) {
        for r in day.records().unwrap() {
            records.push(r.unwrap());
        }
        wm.push(day.max_time + 1);
    }
    let cfg = Config::default();
    let areas = Areas::from_toml(&scenario).unwrap();
    let land = Some(Land::east_asia());
    let mut single = Engine::new(cfg.clone(), areas.clone(), land.clone());
    let single_events: Vec<Event> = single.run_days(&records, &wm, |_, _| {}).concat();
    let single_areas = single.take_interference();
    let expected = anomalies(&single_events);
    // The world holds what is compared: out-of-range spoofing, interference areas, gaps they
    // mark and gaps they explain.
    for needle in [
        "\"out_of_range\"",
        "interference_area",
        "String(\"interference\")",
        "\"went_dark\"",
    ] {
        assert!(
            expected.iter().any(|e| e.contains(needle)),
            "no {needle} in {expected:#?}"
        );
    }
    assert!(!single_areas.is_empty());

    // The shards: every third MMSI each, the whole data's watermarks and span.
    let span = (
        records.iter().map(Record::time).min().unwrap(),
        records.iter().map(Record::time).max().unwrap(),
    );
    let flushes = wm.len() + 1;
    let mut gaps: Vec<Vec<Event>> = vec![Vec::new(); flushes];
    let mut spoofs: Vec<Vec<Event>> = vec![Vec::new(); flushes];
    let mut onsets: Vec<Vec<AnomalyOnset>> = vec![Vec::new(); flushes];
    let mut suspects: Vec<Vec<SuspectRun>> = vec![Vec::new(); flushes];
    let mut tallies = Vec::new();
    let mut others: Vec<Event> = Vec::new();
    let mut link_inputs = LinkInputs::default();
    for shard in 0..SHARDS {
        let part: Vec<Record> = records
            .iter()
            .filter(|r| r.mmsi() % SHARDS == shard)
            .cloned()
            .collect();
        let mut t = ReceptionTallies::new(&cfg);
        part.iter().for_each(|r| t.add(r));
        let (rows, runs) = t.into_parts();
        tallies.extend(rows);
        for s in runs {
            suspects[wm.partition_point(|w| *w <= s.first)].push(s);
        }
        let mut engine = Engine::new(cfg.clone(), areas.clone(), land.clone());
        engine.defer_coverage_hints();
        engine.defer_links();
        engine.extend_span(span.0, span.1);
        for (k, found) in engine
            .run_days(&part, &wm, |_, _| {})
            .into_iter()
            .enumerate()
        {
            for mut e in found {
                // Spoofing episodes wait to be merged; other spoofing events (zombie
                // identities) are final.
                match e.details.remove("episode_flush").map(|v| v.as_u64()) {
                    Some(at) => {
                        assert_eq!(at, Some(k as u64), "{e:?}");
                        assert!(e.details.remove("episode_seq").is_some());
                        spoofs[k].push(e);
                    }
                    None if e.event_type == EventType::Gap => gaps[k].push(e),
                    None => others.push(e),
                }
            }
        }
        for (k, o) in engine.take_onsets() {
            onsets[k].push(o);
        }
        let got = engine.take_link_inputs();
        link_inputs.imos.extend(got.imos);
        link_inputs.last.extend(got.last);
        link_inputs.new.extend(got.new);
    }
    // The MMSI links of all shards, as the Spark job's step 5 judges them; the open gaps of
    // renamed MMSIs are dropped before the gaps get their reasons and marks (the single engine
    // neither reasons, marks nor counts as an interference onset a gap it drops).
    let links = Engine::new(cfg.clone(), areas.clone(), land.clone()).judge_links(link_inputs);
    for (k, at_k) in gaps.iter_mut().enumerate() {
        at_k.retain(|e| {
            !(e.details.get("open").is_some() && links.drops_gap(e.mmsi, k, e.start_time))
        });
    }
    others.extend(links.events);
    assert!(onsets.iter().any(|o| !o.is_empty()));
    assert!(suspects.iter().any(|s| !s.is_empty()));

    // Per flush: the reception model of the whole data at that flush, then the anomaly steps.
    let stations = station_days(&tallies);
    let keep = (cfg.gap.coverage_days * 24.0 * 3_600_000.0) as i64;
    let mut replay = AnomalyReplay::new(&cfg);
    let mut found: Vec<Event> = Vec::new();
    for k in 0..flushes {
        let day = day_index(wm.get(k).copied().unwrap_or(wm[wm.len() - 1]) - 1);
        let forgotten = k.checked_sub(1).map(|p| wm[p] - keep);
        let mut model = ReceptionReplay::new(&cfg, day, forgotten, &stations, tallies.clone());
        let mut flush = FlushAnomalies {
            watermark: wm.get(k).copied().unwrap_or(i64::MAX),
            ..Default::default()
        };
        for e in std::mem::take(&mut gaps[k]) {
            let (e, mark) = model.reason_for_marking(e);
            let (start, heard) = mark.expect("a shard's gap carries its reason inputs");
            flush.gaps.push((e, start, heard));
        }
        flush.spoofs = std::mem::take(&mut spoofs[k]);
        flush
            .spoofs
            .extend(model.out_of_range(std::mem::take(&mut suspects[k])));
        flush.onsets = std::mem::take(&mut onsets[k])
            .into_iter()
            .filter(|o| model.continuous(&o.station))
            .collect();
        found.extend(replay.flush(flush).unwrap());
    }
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for e in &found {
        let k = e.details.get("kind").or_else(|| e.details.get("reason"));
        *kinds.entry(format!("{:?}", k)).or_default() += 1;
    }
    println!("{kinds:?}");
    found.extend(
        others
            .iter()
            .filter(|e| e.event_type == EventType::Spoofing)
            .cloned(),
    );
    assert_eq!(anomalies(&found), expected);
    let ids = |a: &[lookout_events::InterferenceArea]| -> Vec<String> {
        a.iter().map(|a| format!("{a:?}")).collect()
    };
    assert_eq!(ids(&replay.take_areas()), ids(&single_areas));
    // The other per-vessel events and the MMSI links are the single engine's too (encounters
    // aside, which another step computes).
    let rest = |v: &[Event]| -> Vec<String> {
        let mut s: Vec<String> = v
            .iter()
            .filter(|e| {
                !matches!(
                    e.event_type,
                    EventType::Gap | EventType::Spoofing | EventType::Encounter
                )
            })
            .map(|e| format!("{e:?}"))
            .collect();
        s.sort();
        s
    };
    assert_eq!(rest(&others), rest(&single_events));
}
