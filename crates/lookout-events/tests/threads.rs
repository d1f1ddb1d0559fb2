//! More threads, same output: simulated AIS (the accuracy scenario with 60 background ships,
//! three days, split into three files) ingested with one and with three threads (the store's
//! tables written at once) gives the same store rows in the same files, and the events over it with one and with two threads are the
//! same CSV, byte for byte.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use lookout_core::record::Record;
use lookout_events::output::EventWriter;
use lookout_events::store_in::run_store;
use lookout_events::{Areas, Config, Engine, Land};
use lookout_ingest::{Ingest, IngestOptions, Source, Summary};
use lookout_sim::scenario::Scenario;
use lookout_sim::sim::{NmeaWriter, Options, Simulation};
use lookout_store::{for_each_position, PositionRow, Store, StoreWriter, TimeRange, WriteOptions};

const SCENARIO: &str = include_str!("data/accuracy.toml");

/// Simulates the scenario and writes its NMEA as `parts` files of consecutive lines.
fn simulate(dir: &Path, parts: usize) -> Vec<PathBuf> {
    let scenario = Scenario::from_toml(SCENARIO).expect("scenario parses");
    let options = Options {
        background: Some(60),
        ..Default::default()
    };
    let sim = Simulation::new(scenario, &Land::east_asia(), &options).expect("compiles");
    let all = dir.join("all.nmea");
    let mut writer = NmeaWriter::new(BufWriter::new(File::create(&all).unwrap()));
    sim.run(&mut writer).expect("simulation runs");
    drop(writer);
    let lines: Vec<String> = BufReader::new(File::open(&all).unwrap())
        .lines()
        .map(Result::unwrap)
        .collect();
    let per = lines.len().div_ceil(parts);
    lines
        .chunks(per)
        .enumerate()
        .map(|(i, chunk)| {
            let path = dir.join(format!("part{i}.nmea"));
            let mut f = BufWriter::new(File::create(&path).unwrap());
            for line in chunk {
                writeln!(f, "{line}").unwrap();
            }
            path
        })
        .collect()
}

fn ingest(store: &Path, files: &[PathBuf], threads: usize) -> Summary {
    let write = WriteOptions {
        parallel_tables: threads > 1,
        ..Default::default()
    };
    let mut ingest = Ingest::new(
        StoreWriter::open(store, write).unwrap(),
        IngestOptions {
            // Several commits per file, so that where they fall is compared too.
            batch_rows: 50_000,
            threads,
            ..Default::default()
        },
    );
    let sources: Vec<Source> = files.iter().cloned().map(Source::File).collect();
    ingest.run(&sources).unwrap();
    ingest.finish().unwrap()
}

/// Every file of the store (table, date, rows), its positions with provenance, and every
/// record the engine reads.
type Contents = (Vec<(String, String, u64)>, Vec<PositionRow>, Vec<Record>);

fn contents(dir: &Path) -> Contents {
    let store = Store::open(dir).unwrap();
    let files = store
        .manifest()
        .files
        .iter()
        .map(|f| (f.table.dir().to_owned(), f.date.clone(), f.rows))
        .collect();
    let mut positions = Vec::new();
    for_each_position(&store, TimeRange::default(), |p| positions.push(p)).unwrap();
    let mut records = Vec::new();
    for day in lookout_store::records::days(&store, None, None) {
        records.extend(day.records().unwrap().map(Result::unwrap));
    }
    (files, positions, records)
}

fn events_csv(store: &Path, out: &Path, threads: usize) -> Vec<u8> {
    let store = Store::open(store).unwrap();
    let areas = Areas::from_toml(SCENARIO).unwrap();
    let mut engine = Engine::new(Config::default(), areas, Some(Land::east_asia()));
    engine.set_threads(threads);
    let mut writer = EventWriter::create(out).unwrap();
    run_store(&mut engine, &store, None, None, |events| {
        writer.write(events)
    })
    .unwrap();
    writer.finish().unwrap();
    std::fs::read(out).unwrap()
}

#[test]
fn threads_give_the_same_store_and_events() {
    let dir = tempfile::tempdir().unwrap();
    let files = simulate(dir.path(), 3);
    let (one, three) = (dir.path().join("one"), dir.path().join("three"));
    let a = ingest(&one, &files, 1);
    let b = ingest(&three, &files, 3);
    assert!(a.positions > 100_000, "{} positions", a.positions);
    assert_eq!(
        (a.inputs, a.lines, a.messages, a.positions, a.statics),
        (b.inputs, b.lines, b.messages, b.positions, b.statics)
    );
    assert_eq!(
        (a.duplicates, a.vessels, a.first_time, a.last_time),
        (b.duplicates, b.vessels, b.first_time, b.last_time)
    );
    assert_eq!(a.rejects, b.rejects);
    let (ca, cb) = (contents(&one), contents(&three));
    assert!(ca.0.len() > 2 * 3, "{} files: several commits", ca.0.len());
    assert_eq!(ca.0, cb.0, "the same files");
    assert!(ca.1 == cb.1, "the same positions, provenance included");
    assert!(ca.2 == cb.2, "the same records");

    let serial = events_csv(&one, &dir.path().join("one.csv"), 1);
    let parallel = events_csv(&one, &dir.path().join("two.csv"), 2);
    let lines = serial.iter().filter(|&&b| b == b'\n').count();
    assert!(lines > 100, "{lines} event lines");
    for kind in ["port_visit", "gap", "encounter", "loitering"] {
        assert!(
            String::from_utf8_lossy(&serial).contains(kind),
            "no {kind} event"
        );
    }
    assert!(serial == parallel, "the same events, byte for byte");
}
