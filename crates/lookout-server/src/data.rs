//! What the server serves: the project folder, the events and the AIS store written by
//! `lookout analyze`, and the voyages and ledger computed from them (recomputed after writes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{anyhow, Context, Result};
use lookout_core::provenance::Provenance;
use lookout_events::Event;
use lookout_ledger::{Ledger, Voyages};
use lookout_project::Project;
use lookout_store::Store;

/// One consistent state of the project: loaded files, events, voyages and ledger.
pub struct Snapshot {
    /// The loaded, validated project folder.
    pub project: Project,
    /// Voyages from the events and observations.
    pub voyages: Voyages,
    /// The ledger over those voyages.
    pub ledger: Ledger,
    /// Incremented on every write.
    pub revision: u64,
    /// Provenance of the AIS behind the events (`None`: no AIS).
    pub ais: Option<Provenance>,
    /// Events, sorted by start time.
    pub events: Arc<Vec<Event>>,
    /// Index in `events` of each event id.
    pub event_ids: HashMap<String, usize>,
}

impl Snapshot {
    /// Computes voyages and ledger over the project and `events` (sorted by start time).
    pub fn compute(
        project: Project,
        events: Arc<Vec<Event>>,
        ais: Option<Provenance>,
        revision: u64,
    ) -> Snapshot {
        let voyages = lookout_ledger::build(&project, &events);
        let ledger = lookout_ledger::compute(&project, &voyages);
        let event_ids = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.event_id(), i))
            .collect();
        Snapshot {
            project,
            voyages,
            ledger,
            revision,
            ais,
            events,
            event_ids,
        }
    }
}

/// The AIS provenance an analysis folder records in its `run.json` (written by `lookout
/// analyze`); folders from before `run.json` tell by their simulated AIS marker.
fn ais_provenance(out_dir: &Path, events: &[Event]) -> Option<Provenance> {
    let recorded = std::fs::read_to_string(out_dir.join("run.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|run| {
            serde_json::from_value::<Option<Provenance>>(run["settings"]["ais_provenance"].clone())
                .ok()
        });
    match recorded {
        Some(p) => p,
        None if out_dir.join("ais/simulated.txt").exists() => Some(Provenance::Simulated),
        None => (!events.is_empty()).then_some(Provenance::Real),
    }
}

/// Everything loaded at start-up.
pub struct Dataset {
    /// The project folder.
    pub project_dir: PathBuf,
    /// Project, events, voyages, ledger.
    pub snapshot: Snapshot,
    /// The AIS store, when the analysis had AIS.
    pub store: Option<Store>,
}

impl Dataset {
    /// Loads a project folder and an analysis output folder (`events.csv`, `store/`) written by
    /// `lookout analyze PROJECT_DIR --out OUT_DIR`. Missing outputs mean no AIS (observations only).
    pub fn load(project_dir: &Path, out_dir: &Path) -> Result<Dataset> {
        let project = Project::load(project_dir).map_err(|e| anyhow!("{e}"))?;
        let events_path = out_dir.join("events.csv");
        let mut events = if events_path.exists() {
            read_events_csv(&events_path)?
        } else {
            Vec::new()
        };
        events.sort_by_key(|e| (e.start_time, e.mmsi));
        let store_dir = out_dir.join("store");
        let store = if store_dir.join("manifest.json").exists() {
            Some(Store::open(&store_dir).with_context(|| format!("{}", store_dir.display()))?)
        } else {
            None
        };
        let ais = ais_provenance(out_dir, &events);
        let snapshot = Snapshot::compute(project, Arc::new(events), ais, 0);
        Ok(Dataset {
            project_dir: project_dir.to_owned(),
            snapshot,
            store,
        })
    }
}

/// Reads an events CSV in the column contract of `lookout events` (`docs/events.md`).
pub fn read_events_csv(path: &Path) -> Result<Vec<Event>> {
    let (events, rejected) =
        lookout_core::event::read_csv_file(path).with_context(|| format!("{}", path.display()))?;
    match rejected.first() {
        Some(r) => Err(anyhow!("{}:{}: {}", path.display(), r.line, r.reason)),
        None => Ok(events),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lookout_events::output::EventWriter;
    use lookout_events::EventType;

    #[test]
    fn events_csv_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.csv");
        let mut gap = Event::new(
            EventType::Gap,
            273900101,
            1_692_000_000_000,
            1_692_500_000_000,
            (42.25, 130.3),
            (43.1, 131.9),
        )
        .with("gap_hours", 138.9)
        .evidence(2, 1_692_000_000_000, 1_692_500_000_000);
        gap.area = Some("Rajin (Najin) port".into());
        gap.other_area = Some("Dunai, Primorye".into());
        gap.confidence = 0.9;
        let mut enc = Event::new(
            EventType::Encounter,
            1,
            1_692_000_000_000,
            1_692_000_600_000,
            (f64::NAN, f64::NAN),
            (1.0, 2.0),
        );
        enc.other_mmsi = Some(2);
        let mut w = EventWriter::create(&path).unwrap();
        w.write(&[gap.clone(), enc.clone()]).unwrap();
        w.finish().unwrap();
        let back = read_events_csv(&path).unwrap();
        assert_eq!(back, vec![gap, enc]);
    }

    #[test]
    fn bad_event_rows_name_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.csv");
        let header = lookout_core::event::COLUMNS.join(",");
        std::fs::write(
            &path,
            format!("{header}\nx,boats,1,,2024-01-01T00:00:00Z,2024-01-01T00:00:00Z,,,,,,,1,,0,2024-01-01T00:00:00Z,2024-01-01T00:00:00Z\n"),
        )
        .unwrap();
        let err = read_events_csv(&path).unwrap_err().to_string();
        assert!(err.contains(":2:") && err.contains("boats"), "{err}");
    }
}
