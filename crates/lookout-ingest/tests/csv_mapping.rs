//! CSV exports read through a column mapping (examples/csv-mappings/), on files written from the
//! exporters' published column descriptions.

use std::path::{Path, PathBuf};

use lookout_ingest::{CsvMapping, Ingest, IngestOptions, Source, Summary};
use lookout_store::{track, vessels, Store, StoreWriter, TimeRange};

fn repo(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(rel)
}

fn ingest(store: &Path, file: PathBuf, mapping: &str) -> Summary {
    let writer = StoreWriter::open(store, Default::default()).unwrap();
    let mut ingest = Ingest::new(writer, IngestOptions::default());
    let mapping = CsvMapping::from_path(&repo("examples/csv-mappings").join(mapping)).unwrap();
    ingest.set_csv_mapping(mapping);
    ingest.run(&[Source::File(file)]).unwrap();
    ingest.finish().unwrap()
}

#[test]
fn marinetraffic_speed_in_tenths_and_bad_rows_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = repo("crates/lookout-ingest/tests/data/marinetraffic_ps01.csv");
    let s = ingest(dir.path(), file.clone(), "marinetraffic.toml");
    assert!(s.failed.is_empty(), "{:?}", s.failed);
    assert_eq!(s.positions, 4);
    assert_eq!(s.rejects["bad_time"], 1);
    assert_eq!(
        s.first_rejects["bad_time"],
        format!(
            "{}:5: column \"TIMESTAMP\": \"14/09/2023 11:33\"",
            file.display()
        )
    );
    let store = Store::open(dir.path()).unwrap();
    let (rows, _) = track(&store, 273_900_101, TimeRange::default()).unwrap();
    assert_eq!(rows[0].sog, Some(11.8), "SPEED 118 is 11.8 kn");
    assert_eq!(rows[0].heading, Some(61));
    assert_eq!(rows[2].heading, None, "511 = no heading");
    assert_eq!(rows[3].heading, None, "-1 = no heading");
    assert_eq!(rows[3].nav_status, Some(5));
    assert_eq!(rows[0].prov.source.as_deref(), Some("marinetraffic"));
}

#[test]
fn spire_positions_and_statics_and_a_missing_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = repo("crates/lookout-ingest/tests/data/spire_extract.csv");
    let s = ingest(&dir.path().join("a"), file.clone(), "spire.toml");
    assert_eq!(s.positions, 2);
    assert_eq!(s.rejects["position_not_available"], 1, "{s:?}");
    assert_eq!(s.rejects["bad_mmsi"], 1);
    assert!(s.first_rejects["bad_mmsi"].ends_with(":5: column \"mmsi\": \"0\""));
    let store = Store::open(dir.path().join("a")).unwrap();
    let v = vessels(&store).unwrap();
    assert_eq!(v[0].names[0].0, "MARIA");
    assert_eq!(v[0].imos[0].0, 9_179_842);

    // The same file without its `name` column: refused, naming the column and the field.
    let cut = dir.path().join("cut.csv");
    let text = std::fs::read_to_string(&file).unwrap();
    let cut_text: String = text
        .lines()
        .map(|l| format!("{}\n", l.rsplit_once(',').unwrap().0))
        .collect();
    std::fs::write(&cut, cut_text).unwrap();
    let s = ingest(&dir.path().join("b"), cut, "spire.toml");
    assert_eq!(s.failed.len(), 1);
    let e = &s.failed[0].1;
    assert!(
        e.contains("cut.csv: line 1: the CSV header lacks column(s) \"name\" (name)"),
        "{e}"
    );
    assert!(e.contains("\"spire\" mapping"), "{e}");
}
