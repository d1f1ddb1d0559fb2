//! What the server serves: the project folder, the events and the AIS store written by
//! `lookout analyze`, and the voyages and ledger computed from them (recomputed after writes).

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use lookout_events::event::parse_time;
use lookout_events::{Event, EventType};
use lookout_ledger::{Ledger, Voyages};
use lookout_project::Project;
use lookout_store::Store;

/// One consistent state of the project: loaded files, voyages and ledger.
pub struct Snapshot {
    /// The loaded, validated project folder.
    pub project: Project,
    /// Voyages from the events and observations.
    pub voyages: Voyages,
    /// The ledger over those voyages.
    pub ledger: Ledger,
    /// Incremented on every write.
    pub revision: u64,
}

impl Snapshot {
    /// Loads the project folder and computes voyages and ledger over `events`.
    pub fn compute(project: Project, events: &[Event], revision: u64) -> Snapshot {
        let voyages = lookout_ledger::build(&project, events);
        let ledger = lookout_ledger::compute(&project, &voyages);
        Snapshot {
            project,
            voyages,
            ledger,
            revision,
        }
    }
}

/// Everything loaded at start-up.
pub struct Dataset {
    /// The project folder.
    pub project_dir: PathBuf,
    /// Project, voyages, ledger.
    pub snapshot: Snapshot,
    /// Events, sorted by start time.
    pub events: Vec<Event>,
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
        let snapshot = Snapshot::compute(project, &events, 0);
        Ok(Dataset {
            project_dir: project_dir.to_owned(),
            snapshot,
            events,
            store,
        })
    }
}

/// Reads an events CSV in the column contract of `lookout events` (`docs/events.md`).
pub fn read_events_csv(path: &Path) -> Result<Vec<Event>> {
    let mut r = csv::Reader::from_path(path).with_context(|| format!("{}", path.display()))?;
    let header: Vec<String> = r.headers()?.iter().map(str::to_owned).collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| anyhow!("{}: no column {name}", path.display()))
    };
    // Every column but the derived event_id.
    let names = &lookout_events::output::COLUMNS[1..];
    let idx: Vec<usize> = names.iter().map(|n| col(n)).collect::<Result<_>>()?;
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec?;
        let line = rec.position().map_or(0, |p| p.line());
        let f = |i: usize| rec.get(idx[i]).unwrap_or("");
        let parse = || -> Result<Event> {
            let num = |i: usize| -> Result<Option<f64>> {
                let s = f(i);
                if s.is_empty() {
                    return Ok(None);
                }
                Ok(Some(s.parse::<f64>().with_context(|| names[i])?))
            };
            let time = |i: usize| parse_time(f(i)).ok_or_else(|| anyhow!("bad {}", names[i]));
            let text = |i: usize| Some(f(i).to_owned()).filter(|s| !s.is_empty());
            let event_type: EventType =
                serde_json::from_value(serde_json::Value::String(f(0).to_owned()))
                    .with_context(|| format!("unknown event_type {:?}", f(0)))?;
            let details = match f(12) {
                "" => serde_json::Map::new(),
                s => serde_json::from_str(s).context("details")?,
            };
            let mut e = Event::new(
                event_type,
                f(1).parse().context("mmsi")?,
                time(3)?,
                time(4)?,
                (f64::NAN, f64::NAN),
                (f64::NAN, f64::NAN),
            );
            e.other_mmsi = num(2)?.map(|m| m as u32);
            (e.lat, e.lon, e.end_lat, e.end_lon) = (num(5)?, num(6)?, num(7)?, num(8)?);
            e.area = text(9);
            e.other_area = text(10);
            e.confidence = num(11)?.unwrap_or(1.0);
            e.details = details;
            Ok(e.evidence(num(13)?.unwrap_or(0.0) as u64, time(14)?, time(15)?))
        };
        match parse() {
            Ok(e) => out.push(e),
            Err(err) => bail!("{}:{line}: {err:#}", path.display()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lookout_events::output::EventWriter;

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
        let header = lookout_events::output::COLUMNS.join(",");
        std::fs::write(
            &path,
            format!("{header}\nx,boats,1,,2024-01-01T00:00:00Z,2024-01-01T00:00:00Z,,,,,,,1,,0,2024-01-01T00:00:00Z,2024-01-01T00:00:00Z\n"),
        )
        .unwrap();
        let err = read_events_csv(&path).unwrap_err().to_string();
        assert!(err.contains(":2:") && err.contains("boats"), "{err}");
    }
}
