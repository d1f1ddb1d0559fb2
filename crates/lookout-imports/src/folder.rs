//! The imports a project folder holds, as `lookout analyze` picks them up:
//! `gfw_events*.csv|json` (GFW events), `detections*.csv` (satellite detections) and
//! `footprints*.geojson|csv` (their scene footprints), in name order.

use std::path::{Path, PathBuf};

use anyhow::Result;
use lookout_core::event::Event;
use lookout_project::{Observation, Project};
use lookout_store::Store;

use crate::detections::{read_detections_file, read_footprints_file};
use crate::gfw_events;
use crate::matching::{match_detections, MatchConfig, Outcome};
use crate::sightings::{observation_rows, write_outputs, ObservationRow};
use crate::Rejects;

/// What a file in the folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// GFW events.
    GfwEvents,
    /// Satellite detections.
    Detections,
    /// Scene footprints.
    Footprints,
}

impl Role {
    /// The role's name in `run.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::GfwEvents => "gfw_events",
            Role::Detections => "detections",
            Role::Footprints => "footprints",
        }
    }
}

/// The import files of a folder, in name order.
pub fn files(dir: &Path) -> Vec<(PathBuf, Role)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, Role)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            let ext = |exts: &[&str]| exts.iter().any(|x| name.ends_with(x));
            let role = if name.starts_with("gfw_events") && ext(&[".csv", ".json"]) {
                Role::GfwEvents
            } else if name.starts_with("detections") && ext(&[".csv"]) {
                Role::Detections
            } else if name.starts_with("footprints") && ext(&[".geojson", ".json", ".csv"]) {
                Role::Footprints
            } else {
                return None;
            };
            Some((p, role))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Everything imported from a folder.
#[derive(Debug, Default)]
pub struct FolderImport {
    /// The files read, with their role.
    pub files: Vec<(PathBuf, Role)>,
    /// GFW events, with the project's areas assigned.
    pub events: Vec<Event>,
    /// Encounter sides merged into one event per pair.
    pub merged_encounter_sides: u64,
    /// Detections with their matches.
    pub outcomes: Vec<Outcome>,
    /// Observation rows from the detections and footprints.
    pub rows: Vec<ObservationRow>,
    /// Rejected rows of every file.
    pub rejects: Rejects,
}

impl FolderImport {
    /// True if the folder held no import file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The observation rows as project observations, with evidence ids `imported:LINE` (the
    /// line in `observations_imported.csv`).
    pub fn observations(&self) -> Vec<Observation> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| r.to_observation(format!("imported:{}", i + 2)))
            .collect()
    }

    /// Writes the detection outputs into `out` (nothing when there were no detections).
    pub fn write(&self, out: &Path, cfg: &MatchConfig) -> Result<()> {
        if self.files.iter().any(|(_, r)| *r != Role::GfwEvents) {
            write_outputs(out, &self.outcomes, &self.rows, cfg)?;
        }
        Ok(())
    }
}

/// Reads a project folder's import files; detections are matched against `store`.
pub fn import(project: &Project, store: Option<&Store>, cfg: &MatchConfig) -> Result<FolderImport> {
    let mut out = FolderImport {
        files: files(&project.dir),
        ..FolderImport::default()
    };
    let opts = gfw_events::Options {
        areas: Some(&project.areas),
        ..gfw_events::Options::default()
    };
    let (mut detections, mut footprints) = (Vec::new(), Vec::new());
    for (path, role) in &out.files {
        match role {
            Role::GfwEvents => {
                let read = gfw_events::read_file(path, &opts)?;
                out.events.extend(read.events);
                out.merged_encounter_sides += read.merged_encounter_sides;
                out.rejects.merge(read.rejects);
            }
            Role::Detections => {
                let (_, read) = read_detections_file(path)?;
                detections.extend(read.detections);
                out.rejects.merge(read.rejects);
            }
            Role::Footprints => {
                let read = read_footprints_file(path)?;
                footprints.extend(read.footprints);
                out.rejects.merge(read.rejects);
            }
        }
    }
    out.outcomes = match_detections(store, detections, cfg)?;
    let watch = |mmsi: u32| project.vessel_by_mmsi(mmsi).map(|w| w.name.clone());
    out.rows = observation_rows(&out.outcomes, &footprints, &project.areas, &watch);
    Ok(out)
}
