//! Precision and recall per event type against the simulator's ground truth, over several seeds,
//! through the real pipeline: simulate (NMEA) -> ingest (Parquet store) -> events. The matching
//! rules are in `lookout_events::accuracy` and `docs/accuracy.md`; `matching_rules` checks them.
//!
//! `cargo test -p lookout-events --release --test accuracy -- --nocapture` prints the table.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use lookout_events::accuracy::{score, Score};
use lookout_events::parquet_in::{run_store, store_files};
use lookout_events::{Areas, Config, Engine, Event, EventType, Land};
use lookout_ingest::{Ingest, IngestOptions, Source};
use lookout_sim::land::LandMask;
use lookout_sim::scenario::Scenario;
use lookout_sim::sim::{NmeaWriter, Options, Simulation};
use lookout_store::{Store, StoreWriter};

const SCENARIO: &str = include_str!("data/accuracy.toml");
const TOLERANCE_MS: i64 = 3_600_000;

/// Events from the store with the given areas; also the candidate events dropped by reason.
fn detect(store_dir: &Path, areas: Areas) -> (Vec<Event>, BTreeMap<&'static str, u64>) {
    let store = Store::open(store_dir).unwrap();
    let files = store_files(&store);
    let mut engine = Engine::new(Config::default(), areas, Some(Land::east_asia()));
    let mut events = Vec::new();
    run_store(&mut engine, files, None, None, |batch| {
        events.extend_from_slice(batch);
        Ok(())
    })
    .unwrap();
    (events, engine.stats().dropped.clone())
}

/// Simulates one seed, ingests it, detects events with the scenario's areas and without any;
/// returns (truth, events, events without areas, dropped without areas).
fn pipeline(
    dir: &Path,
    seed: u64,
) -> (
    serde_json::Value,
    Vec<Event>,
    Vec<Event>,
    BTreeMap<&'static str, u64>,
) {
    let scenario = Scenario::from_toml(SCENARIO).expect("scenario parses");
    let land = LandMask::east_asia();
    let options = Options {
        seed: Some(seed),
        ..Default::default()
    };
    let sim = Simulation::new(scenario, &land, &options).expect("scenario compiles");
    let nmea = dir.join("ais.nmea");
    let mut writer = NmeaWriter::new(BufWriter::new(File::create(&nmea).unwrap()));
    let truth = sim.run(&mut writer).expect("simulation runs");
    drop(writer);
    let truth = serde_json::to_value(&truth).unwrap();

    let store_dir = dir.join("store");
    let mut ingest = Ingest::new(
        StoreWriter::open(&store_dir, Default::default()).unwrap(),
        IngestOptions::default(),
    );
    ingest.run(&[Source::File(nmea)]).unwrap();
    ingest.finish().unwrap();

    let (events, _) = detect(&store_dir, Areas::from_toml(SCENARIO).unwrap());
    let (bare, dropped) = detect(&store_dir, Areas::default());
    (truth, events, bare, dropped)
}

/// One table row: truth, TP, FP, FN, precision, recall, then `rest`.
fn print_row(label: &str, s: &Score, rest: &str) {
    println!(
        "| {label} | {} | {} | {} | {} | {:.3} | {:.3} | {rest} |",
        s.true_positives + s.false_negatives,
        s.true_positives,
        s.false_positives,
        s.false_negatives,
        s.precision(),
        s.recall(),
    );
}

#[test]
fn precision_and_recall_over_seeds() {
    let mut total: BTreeMap<&'static str, Score> = BTreeMap::new();
    // Encounters without any areas: berths side by side must not count, meetings at sea must.
    let mut bare_encounters = Score::default();
    let mut bare_dropped: BTreeMap<&'static str, u64> = BTreeMap::new();
    for seed in [1, 2, 3] {
        let dir = tempfile::tempdir().unwrap();
        let (truth, events, bare, dropped) = pipeline(dir.path(), seed);
        let (scores, misses) = score(&truth, &events, TOLERANCE_MS);
        for m in &misses {
            println!("seed {seed}: {m:?}");
        }
        for (k, s) in scores {
            total.entry(k).or_default().add(&s);
        }
        let bare: Vec<Event> = bare
            .into_iter()
            .filter(|e| e.event_type == EventType::Encounter)
            .collect();
        let (scores, misses) = score(&truth, &bare, TOLERANCE_MS);
        for m in misses
            .iter()
            .filter(|m| format!("{m:?}").contains("ncounter"))
        {
            println!("seed {seed} without areas: {m:?}");
        }
        bare_encounters.add(&scores["encounter"]);
        for (k, n) in dropped {
            *bare_dropped.entry(k).or_insert(0) += n;
        }
    }
    println!("| event type | truth (detectable) | detected TP | FP | FN | precision | recall | undetectable | coverage gaps |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (k, s) in &total {
        print_row(k, s, &format!("{} | {}", s.undetectable, s.coverage_gaps));
    }
    for (k, s) in &total {
        assert!(
            s.true_positives + s.false_negatives > 0,
            "{k}: the scenario must contain detectable events"
        );
        assert!(s.precision() >= 0.95 && s.recall() >= 0.95, "{k}: {s:?}");
    }
    let s = bare_encounters;
    print_row(
        "encounter, no areas",
        &s,
        &format!("dropped: {bare_dropped:?}"),
    );
    assert!(
        s.precision() >= 0.95 && s.recall() >= 0.95,
        "encounters without areas: {s:?}"
    );
    assert!(
        bare_dropped.values().sum::<u64>() > 0,
        "without areas, berths side by side must have been candidates and dropped"
    );
}

/// The matching rules themselves: vessel, area, time tolerance, one-to-one.
#[test]
fn matching_rules() {
    let truth = serde_json::json!({
        "vessels": [{"name": "A", "mmsis": [1, 11]}, {"name": "B", "mmsis": [2]}],
        "events": [
            {"event_type": "port_visit", "vessel": "A", "start_time": "2023-10-01T00:00:00Z",
             "end_time": "2023-10-01T10:00:00Z", "area": "X", "received_positions": 10},
            {"event_type": "port_visit", "vessel": "A", "start_time": "2023-10-02T00:00:00Z",
             "end_time": "2023-10-02T10:00:00Z", "area": "X", "received_positions": 0},
            {"event_type": "draught_change", "vessel": "A", "start_time": "2023-10-01T12:00:00Z",
             "end_time": "2023-10-01T12:00:00Z", "received_positions": 0},
            {"event_type": "encounter", "vessel": "A", "other_vessel": "B", "start_time": "2023-10-01T00:00:00Z",
             "end_time": "2023-10-01T04:00:00Z", "received_positions": 5}
        ]
    });
    let t = |s: &str| lookout_events::event::parse_time(s).unwrap();
    let ev = |k: EventType, m: u32, a: &str, b: &str| {
        Event::new(k, m, t(a), t(b), (0.0, 0.0), (0.0, 0.0))
    };
    let mut visit = ev(
        EventType::PortVisit,
        11,
        "2023-10-01T10:30:00Z",
        "2023-10-01T12:00:00Z",
    );
    visit.area = Some("X".into());
    let mut wrong_area = visit.clone();
    wrong_area.area = Some("Y".into());
    let draught_late = ev(
        EventType::DraughtChange,
        1,
        "2023-10-01T13:30:00Z",
        "2023-10-01T14:00:00Z",
    );
    let mut enc = ev(
        EventType::Encounter,
        2,
        "2023-10-01T01:00:00Z",
        "2023-10-01T03:00:00Z",
    );
    enc.other_mmsi = Some(1);
    let enc_twice = enc.clone();
    let (s, _) = score(
        &truth,
        &[
            visit.clone(),
            wrong_area,
            draught_late.clone(),
            enc,
            enc_twice,
        ],
        TOLERANCE_MS,
    );
    // Visit ends 30 min after the truth: within 1 h, other MMSI of the same vessel: a match.
    // Wrong area: a false positive. The undetectable second visit is not a miss.
    assert_eq!(
        (
            s["port_visit"].true_positives,
            s["port_visit"].false_positives
        ),
        (1, 1)
    );
    assert_eq!(
        (
            s["port_visit"].false_negatives,
            s["port_visit"].undetectable
        ),
        (0, 1)
    );
    // Draught change 1.5 h after the truth time: outside the tolerance.
    assert_eq!(
        (
            s["draught_change"].true_positives,
            s["draught_change"].false_negatives
        ),
        (0, 1)
    );
    // Encounter pair in either order matches once; the duplicate is a false positive.
    assert_eq!(
        (
            s["encounter"].true_positives,
            s["encounter"].false_positives
        ),
        (1, 1)
    );
    // Tighter tolerance: the visit no longer matches.
    let (s, _) = score(&truth, &[visit], 10 * 60_000);
    assert_eq!(s["port_visit"].true_positives, 0);
    let _ = draught_late;
}
