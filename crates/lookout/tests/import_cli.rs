//! The real `lookout import` binary: GFW exports to an events file that reads back, detections
//! to their outputs, rejected rows reported with file, line and field, and unreadable files as
//! errors (exit 2) naming them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_lookout");

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lookout-imports/tests/data")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn lookout(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run lookout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn project() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/dprk-russia-simulated")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn gfw_events_to_an_events_file() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("gfw.csv");
    let o = lookout(&[
        "import",
        "gfw-events",
        &data("gfw_events_api_v3.json"),
        &data("gfw_carrier_portal_loitering.csv"),
        &data("gfw_map_report_port_visits.csv"),
        "--project",
        &project(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (events, rejected) =
        lookout_core::event::read_csv(std::fs::File::open(&out).unwrap()).unwrap();
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(events.len(), 4 + 2 + 2);
    assert!(events.iter().all(|e| e.details["origin"] == "gfw"));
    let err = stderr(&o);
    assert!(err.contains("no_mmsi: 2"), "{err}");
    assert!(
        err.contains("gfw_map_report_port_visits.csv:4: vesselMMSI: no MMSI"),
        "{err}"
    );

    let bad = dir.path().join("gfw_bad.json");
    std::fs::write(&bad, "{\"entries\": [}").unwrap();
    let o = lookout(&[
        "import",
        "gfw-events",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("gfw_bad.json:1: : not JSON"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn detections_without_a_store_keep_the_providers_matches() {
    let dir = tempfile::tempdir().unwrap();
    let o = lookout(&[
        "import",
        "detections",
        &data("detections_gfw_sar.csv"),
        "--footprints",
        &data("footprints.csv"),
        "--project",
        &project(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("4 detections, 1 matched, 3 dark"), "{err}");
    assert!(
        err.contains("detections_gfw_sar.csv:6: lat: \"42.7x\""),
        "{err}"
    );
    let dark = std::fs::read_to_string(dir.path().join("dark_vessels.csv")).unwrap();
    assert_eq!(dark.lines().count(), 4);
    assert!(dark
        .lines()
        .skip(1)
        .all(|l| l.contains(",dark,") && l.contains("not_matched")));
    let obs = std::fs::read_to_string(dir.path().join("observations_imported.csv")).unwrap();
    // Dunai and Fokino lie inside the second footprint, with nothing detected there.
    assert_eq!(obs.matches(",vessel_absent,").count(), 2, "{obs}");
}
