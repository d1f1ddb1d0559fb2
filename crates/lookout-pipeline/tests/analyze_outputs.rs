//! `analyze` on a small project (the corridor's first six weeks with three background ships):
//! its outputs are byte-for-byte the ones recorded in `fixtures/mini.sha256`, so a refactor
//! that changes a number, a row or a byte of the report fails here. A change that should alter
//! the outputs re-records them with `LOOKOUT_BLESS=1 cargo test -p lookout-pipeline --test
//! analyze_outputs` and says why in its commit; the outputs are then in
//! `target/mini-outputs/` to diff against the previous ones.

use std::path::{Path, PathBuf};

use lookout_pipeline::{analyze, AnalyzeOptions};
use lookout_project::Project;
use sha2::{Digest, Sha256};

const OUTPUTS: [&str; 9] = [
    "voyages.csv",
    "events.csv",
    "ledger.csv",
    "claims_vs_evidence.csv",
    "areas.geojson",
    "tracks.geojson",
    "events.geojson",
    "report.html",
    "ais/truth.json",
];

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn outputs_match_the_recorded_ones_and_run_json_names_inputs_and_settings() {
    let project = Project::load(&fixture().join("mini")).expect("fixture loads");
    let bless = std::env::var_os("LOOKOUT_BLESS").is_some();
    let kept = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/mini-outputs");
    let tmp = tempfile::tempdir().unwrap();
    if bless && kept.exists() {
        std::fs::remove_dir_all(&kept).unwrap(); // no reuse of earlier simulated AIS
    }
    let out = if bless {
        kept.clone()
    } else {
        tmp.path().to_owned()
    };
    let analysis = analyze(&project, &out, &AnalyzeOptions::default(), |_| {}).unwrap();
    assert!(!analysis.events.is_empty() && !analysis.voyages.voyages.is_empty());

    let actual: Vec<(String, &str)> = OUTPUTS.iter().map(|f| (sha256(&out.join(f)), *f)).collect();
    let recorded_path = fixture().join("mini.sha256");
    if bless {
        let text: String = actual.iter().map(|(h, f)| format!("{h}  {f}\n")).collect();
        std::fs::write(&recorded_path, text).unwrap();
    }
    let recorded = std::fs::read_to_string(&recorded_path).unwrap();
    let differing: Vec<&str> = actual
        .iter()
        .filter(|(h, f)| !recorded.contains(&format!("{h}  {f}\n")))
        .map(|(_, f)| *f)
        .collect();
    assert!(
        differing.is_empty(),
        "outputs differ from fixtures/mini.sha256: {differing:?} (see this test's doc comment)"
    );

    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    let roles: Vec<&str> = run["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["role"].as_str().unwrap())
        .collect();
    for role in [
        "corridor",
        "observations",
        "claims",
        "sanctions",
        "scenario",
        "ais",
    ] {
        assert!(
            roles.contains(&role),
            "run.json lacks the {role} input: {roles:?}"
        );
    }
    let corridor = run["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["role"] == "corridor")
        .unwrap();
    assert_eq!(
        corridor["sha256"],
        sha256(&fixture().join("mini/corridor.toml"))
    );
    assert_eq!(run["settings"]["ledger"]["draws"], 4000);
    assert_eq!(
        run["settings"]["ledger"]["period_end"],
        "2023-09-20T00:00:00Z"
    );
    assert!(run["settings"]["events"]["gap"].is_object());
    assert_eq!(
        run["settings"]["simulated_ais"]["seed"],
        serde_json::Value::Null
    );
    assert_eq!(run["settings"]["corridors"][0]["cycle_days"], 12.0);
    assert_eq!(run["settings"]["ais_provenance"], "simulated");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("id=\"simulated-banner\""),
        "simulated inputs are announced"
    );
}
