//! `analyze` on a project folder holding the imports analysts already have: AIS from a
//! MarineTraffic-style export through the project's CSV mapping, a GFW Events API file, SAR
//! detections and their footprints (the files of `crates/lookout-imports/tests/data`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use lookout_pipeline::{analyze, AnalyzeOptions};
use lookout_project::Project;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

const CORRIDOR: &str = concat!(
    r#"
name = "imports test"
[ais]
inputs = ["ais/*.csv"]
csv_mapping = "marinetraffic.toml"
"#,
    include_str!("../../lookout-imports/tests/data/areas.toml"),
    r#"
[[corridors]]
name = "Rajin -> Dunai / Vostochny (sea)"
mode = "sea"
origins = ["Rajin (Najin) port"]
destinations = ["Dunai (Dunay) naval facility, Primorye", "Vostochny port (Wrangel Bay)"]
[corridors.prior]
low = 100
central = 230
high = 350

[[watchlist]]
name = "ANGARA"
mmsi = [273900101]
"#
);

#[test]
fn analyze_reads_the_folder_imports() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("corridor.toml"), CORRIDOR).unwrap();
    std::fs::copy(
        repo("examples/csv-mappings/marinetraffic.toml"),
        p.join("marinetraffic.toml"),
    )
    .unwrap();
    // ANGARA at her Vostochny berth, every 6 min on 2023-09-20 (SPEED in knots x10).
    let mut csv = String::from("MMSI,STATUS,SPEED,LON,LAT,COURSE,HEADING,TIMESTAMP,SHIP_ID\n");
    for k in 0..240 {
        let (h, m) = (k * 6 / 60, k * 6 % 60);
        writeln!(
            csv,
            "273900101,5,0,133.0701,42.7466,0,511,2023-09-20T{h:02}:{m:02}:00,5713282"
        )
        .unwrap();
    }
    std::fs::create_dir(p.join("ais")).unwrap();
    std::fs::write(p.join("ais/angara.csv"), csv).unwrap();
    let data = repo("crates/lookout-imports/tests/data");
    for (from, to) in [
        ("gfw_events_api_v3.json", "gfw_events_api.json"),
        ("detections_gfw_sar.csv", "detections_sar.csv"),
        ("footprints.geojson", "footprints.geojson"),
    ] {
        std::fs::copy(data.join(from), p.join(to)).unwrap();
    }

    let project = Project::load(p).unwrap();
    let out = p.join("out");
    let a = analyze(&project, &out, &AnalyzeOptions::default(), |_| {}).unwrap();
    assert_eq!(a.ingest.positions, 240);
    // GFW's events beside Lookout's own, origin kept.
    let gfw: Vec<_> = a
        .events
        .iter()
        .filter(|e| e.details.get("origin").is_some_and(|o| o == "gfw"))
        .collect();
    assert_eq!(gfw.len(), 4);
    let events_csv = std::fs::read_to_string(out.join("events.csv")).unwrap();
    assert!(events_csv.contains("4e5a0c1f7b2d9e83a61c0f2d5b7e9a14"));
    // The SAR detection at ANGARA's berth matched the mapped AIS: a sighting in the ledger.
    let obs = std::fs::read_to_string(out.join("observations_imported.csv")).unwrap();
    let row = obs.lines().nth(1).unwrap();
    assert!(
        row.starts_with(
            "2023-09-20T09:32:27Z,Vostochny port (Wrangel Bay),vessel_at_berth,ANGARA,"
        ),
        "{obs}"
    );
    let stay = a
        .voyages
        .stays
        .iter()
        .find(|s| s.evidence.iter().any(|e| e == "imported:2"))
        .expect("the imported sighting is evidence of a stay");
    assert_eq!(
        (stay.vessel.name(&project), stay.area.as_str()),
        ("ANGARA".to_owned(), "Vostochny port (Wrangel Bay)")
    );
    assert!(out.join("dark_vessels.geojson").exists());
    let run = std::fs::read_to_string(out.join("run.json")).unwrap();
    for role in [
        "\"csv_mapping\"",
        "\"gfw_events\"",
        "\"detections\"",
        "\"footprints\"",
    ] {
        assert!(run.contains(role), "{role} not in run.json");
    }
}
