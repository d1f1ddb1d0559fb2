//! The main example, `examples/dprk-russia-public`: the public record alone. Every observation
//! row names its source, links it, quotes it and states its provenance; nothing in it is
//! simulated, so its report carries no simulation banner, while the simulated demonstration's
//! does.

use std::path::{Path, PathBuf};

use lookout_pipeline::{analyze, AnalyzeOptions};
use lookout_project::{Project, Provenance};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

#[test]
fn every_public_observation_has_a_source_a_link_a_quote_and_a_provenance() {
    let path = example("dprk-russia-public/observations.csv");
    let mut r = csv::Reader::from_path(&path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert!(header.contains(&"provenance".to_owned()));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut rows = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let line = rec.position().unwrap().line();
        for name in ["source", "url", "note", "provenance"] {
            assert!(
                !rec[col(name)].trim().is_empty(),
                "line {line}: empty {name}"
            );
        }
        assert!(rec[col("url")].starts_with("http"), "line {line}: url");
        let p = Provenance::parse(&rec[col("provenance")]).expect("a known provenance");
        assert_ne!(p, Provenance::Simulated, "line {line}");
        rows += 1;
    }
    assert!(rows >= 50, "{rows} rows");
}

#[test]
fn the_public_example_analyzes_without_a_simulation_banner() {
    let project = Project::load(&example("dprk-russia-public")).expect("loads without problems");
    assert!(project.ais.inputs.is_empty() && project.ais.simulate.is_none());
    let out = tempfile::tempdir().unwrap();
    let analysis = analyze(&project, out.path(), &AnalyzeOptions::default(), |_| {}).unwrap();
    assert!(analysis.events.is_empty(), "no AIS, no AIS events");
    let html = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(!html.contains("simulated-banner"));
    let run = std::fs::read_to_string(out.path().join("run.json")).unwrap();
    assert!(run.contains("\"ais_provenance\": null"), "{run}");
}
