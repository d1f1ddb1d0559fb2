//! The watch appends to the project's store (`PROJECT_DIR/store`), the one `lookout analyze`
//! reads besides the project's inputs: what a watch run received is analysed without
//! re-ingesting anything.

mod common;

use std::collections::BTreeSet;

use lookout_project::Project;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analyze_reads_what_the_watch_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (project, total) = common::rajin_project(dir.path());
    // No AIS inputs and nothing simulated: the project's store is all the AIS analyze has.
    let corridor = std::fs::read_to_string(project.join("corridor.toml")).unwrap();
    let corridor = corridor.replace("simulate = \"scenario.toml\"\n", "");
    std::fs::write(project.join("corridor.toml"), corridor).unwrap();

    let s = common::watch_to_end(&project, total).await;
    let feed = common::feed(&s, "rajin");
    let stored = feed["positions"].as_u64().unwrap();
    assert!(stored > 1000, "{feed}");

    // The store is the project's, readable while (and after) the watch writes it.
    let store = lookout_store::Store::open(project.join("store")).unwrap();
    let rows: u64 = store
        .files(lookout_store::Table::Positions)
        .map(|f| f.rows)
        .sum();
    assert_eq!(rows, stored);

    let p = Project::load(&project).unwrap();
    assert!(p.ais.simulate.is_none());
    let out = dir.path().join("out");
    let analysis =
        lookout_pipeline::analyze(&p, &out, &Default::default(), |_| {}).expect("analyze");
    assert_eq!(analysis.ingest.positions, stored);
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["settings"]["project_store"]["positions"], stored);
    assert_eq!(run["settings"]["ais_provenance"], "real");
    // Every event the watch completed is among the batch's events over the same rows.
    let (live, _) = lookout_core::event::read_csv_file(&project.join("watch/events.csv")).unwrap();
    let complete: BTreeSet<String> = live
        .iter()
        .filter(|e| e.details.get("open").and_then(|v| v.as_bool()) != Some(true))
        .map(|e| e.event_id())
        .collect();
    assert!(!complete.is_empty());
    let batch: BTreeSet<String> = analysis.events.iter().map(|e| e.event_id()).collect();
    let missing: Vec<&String> = complete.difference(&batch).collect();
    assert!(missing.is_empty(), "{missing:?}");

    // Analyzing into the project's own store is refused (it would replace the watched rows).
    let err = lookout_pipeline::analyze(&p, &project, &Default::default(), |_| {}).unwrap_err();
    assert!(err.to_string().contains("project's own store"), "{err:#}");
    assert_eq!(
        lookout_store::Store::open(project.join("store"))
            .unwrap()
            .files(lookout_store::Table::Positions)
            .map(|f| f.rows)
            .sum::<u64>(),
        stored
    );
}
