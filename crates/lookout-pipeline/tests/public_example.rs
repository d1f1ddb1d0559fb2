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

    // Secondary rows are part of the evidence: the ledger is computed again on the real rows
    // alone, and both totals are shown, labelled.
    let real = analysis
        .ledger
        .real_only
        .as_ref()
        .expect("a real-only ledger");
    assert_eq!(real.observations_left_out, 57, "the secondary rows");
    let headline = &html[html.find("id=\"headline\"").expect("a headline")..];
    assert!(html.find("id=\"headline\"") < html.find("<h2>Totals"));
    assert!(
        headline.contains("from all evidence (") && headline.contains("from real evidence alone")
    );
    assert!(headline.contains("Nothing is simulated"));
    // Every voyage states its provenance; none is simulated.
    let column = |file: &str, name: &str| -> Vec<String> {
        let mut r = csv::Reader::from_path(out.path().join(file)).unwrap();
        let i = r.headers().unwrap().iter().position(|h| h == name).unwrap();
        r.records().map(|x| x.unwrap()[i].to_owned()).collect()
    };
    let voyages = column("voyages.csv", "provenance");
    assert_eq!(voyages.len(), analysis.voyages.voyages.len());
    assert!(
        voyages.iter().all(|p| p == "real" || p == "secondary"),
        "{voyages:?}"
    );
    assert!(voyages.iter().any(|p| p == "secondary"));
    let claims = column("claims_vs_evidence.csv", "evidence_provenance");
    assert!(claims
        .iter()
        .all(|p| ["none", "real", "secondary"].contains(&p.as_str())));
    // A claim without an estimate rests on nothing.
    let estimates = column("claims_vs_evidence.csv", "estimate_central");
    assert!(claims
        .iter()
        .zip(&estimates)
        .all(|(p, e)| !e.is_empty() || p == "none"));
    // The real-only cumulative total ends at the real-only ledger's total.
    let last = column("ledger.csv", "real_only_cumulative_central");
    let sea = analysis
        .ledger
        .weeks
        .iter()
        .rposition(|w| w.corridor == 0)
        .unwrap();
    assert_eq!(last[sea], format!("{:.0}", real.ledger.totals[0].central));
    // Rail: the yard snapshots give a flow, beside sea.
    let yards = &analysis.ledger.yards;
    assert_eq!(yards.len(), 1);
    assert_eq!(yards[0].snapshots.len(), 11);
    assert!(yards[0].railcars.low > 0.0 && yards[0].railcars.low < yards[0].railcars.high);
    assert!(html.contains("<h2>Rail: Tumangang"));
    assert_eq!(
        column("rail_yards.csv", "railcars_central").len(),
        yards[0].weeks.len()
    );
}
