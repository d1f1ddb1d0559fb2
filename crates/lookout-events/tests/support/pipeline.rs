//! The pipeline the accuracy checks run: simulate a scenario (NMEA) -> ingest (Parquet store) ->
//! events, and the score tables. Shared by `tests/accuracy.rs` and `examples/score_scenario.rs`.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use lookout_events::accuracy::{score, Score, Scores};
use lookout_events::store_in::run_store;
use lookout_events::{Areas, Config, Engine, Event, InterferenceArea, Land};
use lookout_ingest::{Ingest, IngestOptions, Source};
use lookout_sim::scenario::Scenario;
use lookout_sim::sim::{NmeaWriter, Options, Simulation};
use lookout_store::{Store, StoreWriter};

/// What one detection run gives.
pub struct Detected {
    pub events: Vec<Event>,
    pub areas: Vec<InterferenceArea>,
    pub dropped: BTreeMap<&'static str, u64>,
}

/// Events and interference areas from the store with the given areas and config.
pub fn detect(store_dir: &Path, areas: Areas, cfg: Config) -> Detected {
    let store = Store::open(store_dir).unwrap();
    let mut engine = Engine::new(cfg, areas, Some(Land::east_asia()));
    let mut events = Vec::new();
    run_store(&mut engine, &store, None, None, |batch| {
        events.extend_from_slice(batch);
        Ok(())
    })
    .unwrap();
    Detected {
        events,
        areas: engine.take_interference(),
        dropped: engine.stats().dropped.clone(),
    }
}

/// Simulates one seed of a scenario to NMEA and ingests it; returns the truth and the store.
pub fn simulate(dir: &Path, scenario: &str, seed: u64) -> (lookout_core::truth::Truth, PathBuf) {
    let scenario = Scenario::from_toml(scenario).expect("scenario parses");
    let land = Land::east_asia();
    let options = Options {
        seed: Some(seed),
        ..Default::default()
    };
    let sim = Simulation::new(scenario, &land, &options).expect("scenario compiles");
    let nmea = dir.join("ais.nmea");
    let mut writer = NmeaWriter::new(BufWriter::new(File::create(&nmea).unwrap()));
    let truth = sim.run(&mut writer).expect("simulation runs");
    drop(writer);
    let store_dir = dir.join("store");
    let mut ingest = Ingest::new(
        StoreWriter::open(&store_dir, Default::default()).unwrap(),
        IngestOptions::default(),
    );
    ingest.run(&[Source::File(nmea)]).unwrap();
    ingest.finish().unwrap();
    (truth, store_dir)
}

/// One table row: truth, TP, FP, FN, precision, recall, then `rest`.
pub fn print_row(label: &str, s: &Score, rest: &str) {
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

/// The seeds: 1, 2 and 3, or those listed in `LOOKOUT_ACCURACY_SEEDS` (e.g. `4,5,6`, for a
/// held-out check).
pub fn seeds() -> Vec<u64> {
    std::env::var("LOOKOUT_ACCURACY_SEEDS")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .filter(|v: &Vec<u64>| !v.is_empty())
        .unwrap_or_else(|| vec![1, 2, 3])
}

/// Prints the per-type, per-reason and interference tables of summed scores.
pub fn print_tables(total: &Scores) {
    println!(
        "| event type | truth (detectable) | TP | FP | FN | precision | recall | undetectable |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (k, s) in &total.by_type {
        print_row(k, s, &s.undetectable.to_string());
    }
    println!(
        "| reason / kind | truth (detectable) | TP | FP | FN | precision | recall | undetectable |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (k, s) in &total.by_reason {
        print_row(k, s, &s.undetectable.to_string());
    }
    print_row("interference_area", &total.interference_areas, "");
    println!(
        "went_dark gaps on other reasons: {:?}",
        total.went_dark_on_other_reason
    );
}

/// Simulates, detects (with the scenario's areas and the default thresholds) and scores each
/// seed of a scenario, printing every miss and area under `label`; returns the sums.
pub fn score_seeds(scenario: &str, seeds: &[u64], tolerance_ms: i64, label: &str) -> Scores {
    let mut total = Scores::default();
    for &seed in seeds {
        let dir = tempfile::tempdir().unwrap();
        let (truth, store) = simulate(dir.path(), scenario, seed);
        let d = detect(
            &store,
            Areas::from_toml(scenario).unwrap(),
            Config::default(),
        );
        let (scores, misses) = score(&truth, &d.events, &d.areas, tolerance_ms);
        for m in &misses {
            println!("{label} seed {seed}: {m:?}");
        }
        println!("{label} seed {seed}: dropped {:?}", d.dropped);
        for a in &d.areas {
            println!(
                "{label} seed {seed}: area {} {}..{} {:.3},{:.3} r {:.1} km, {} vessels {:?}",
                a.area_id,
                lookout_core::time::format_time(a.start_time),
                lookout_core::time::format_time(a.end_time),
                a.centre_lat,
                a.centre_lon,
                a.radius_km,
                a.mmsis.len(),
                a.anomalies
            );
        }
        total.add(&scores);
    }
    total
}
