//! Detections and footprints as evidence about the project's sites, and the detection outputs.
//!
//! Per scene and site (a project area of any kind but `rail`):
//!
//! - each watchlist vessel matched to a detection within `near_area_km` of the site is a
//!   `vessel_at_berth` row naming it;
//! - unmatched (dark) detections there make one `vessel_at_berth` row with no vessel (an
//!   unidentified ship) and `count` = their number;
//! - a site the scene imaged (inside its footprint, or with a detection near it) where neither
//!   is true is a `vessel_absent` row with no vessel: no watched vessel was there (ships matched
//!   to other MMSIs are named in the note).
//!
//! A footprint and detections are the same scene when they share the scene id, or, without
//! ids, the image minute. Rows carry the detection source, the scene and `provenance real` in
//! `source`, and the file and line they come from in `note`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use geo::Contains;
use lookout_core::areas::Areas;
use lookout_core::time::format_time;
use lookout_project::{ObsKind, Observation, OBSERVATION_COLUMNS};
use serde_json::{json, Value};

use crate::detections::{scene_key, Footprint};
use crate::matching::{MatchConfig, Method, Outcome};
use crate::PROVENANCE;

/// A detection this close to a site (0 inside it) is at the site, km (**Lookout choice**: the
/// project's areas are drawn around berths; 1 km leaves room for Sentinel-1's geolocation
/// error, tens of metres, and a ship's length without reaching the next harbour).
pub const NEAR_AREA_KM: f64 = 1.0;

/// One `observations.csv` row.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservationRow {
    /// Image time, ms.
    pub time: i64,
    /// Area name.
    pub site: String,
    /// `vessel_at_berth` or `vessel_absent`.
    pub kind: ObsKind,
    /// Watchlist vessel name, when identified.
    pub vessel: Option<String>,
    /// Unidentified ships counted.
    pub count: Option<f64>,
    /// Detection source, scene and provenance.
    pub source: String,
    /// The evidence, in words, with the file and line.
    pub note: String,
}

impl ObservationRow {
    /// The row in [`OBSERVATION_COLUMNS`] order (a `provenance` column, when the project has
    /// one, gets `real`).
    pub fn csv_record(&self) -> Vec<String> {
        OBSERVATION_COLUMNS
            .iter()
            .map(|c| match *c {
                "time" => format_time(self.time),
                "site" => self.site.clone(),
                "kind" => self.kind.as_str().to_owned(),
                "vessel" => self.vessel.clone().unwrap_or_default(),
                "count" => self.count.map(|c| c.to_string()).unwrap_or_default(),
                "source" => self.source.clone(),
                "note" => self.note.clone(),
                "provenance" => PROVENANCE.to_owned(),
                _ => String::new(),
            })
            .collect()
    }

    /// The row as a project observation with evidence id `id`.
    pub fn to_observation(&self, id: String) -> Observation {
        Observation {
            id,
            time: self.time,
            site: self.site.clone(),
            kind: self.kind,
            vessel: self.vessel.clone(),
            count: self.count,
            count_low: None,
            count_high: None,
            source: self.source.clone(),
            url: String::new(),
            note: self.note.clone(),
            provenance: lookout_project::Provenance::Real,
        }
    }
}

#[derive(Default)]
struct SceneSite<'a> {
    time: Option<i64>,
    source: Option<&'a str>,
    scene: String,
    detections: Vec<&'a Outcome>,
    footprint: Option<&'a Footprint>,
}

/// Observation rows from matched detections and footprints. `watch` names the watchlist
/// vessel an MMSI belongs to.
pub fn observation_rows(
    outcomes: &[Outcome],
    footprints: &[Footprint],
    areas: &Areas,
    watch: &dyn Fn(u32) -> Option<String>,
) -> Vec<ObservationRow> {
    let mut cells: BTreeMap<(String, usize), SceneSite> = BTreeMap::new();
    for o in outcomes {
        let d = &o.detection;
        for (i, area) in sites(areas) {
            if area.distance_km(d.lat, d.lon) <= NEAR_AREA_KM {
                let cell = cells.entry((d.scene_key(), i)).or_default();
                cell.time = Some(cell.time.map_or(d.time, |t| t.min(d.time)));
                cell.source = Some(&d.source);
                cell.scene = d.scene_id.clone().unwrap_or_default();
                cell.detections.push(o);
            }
        }
    }
    // Scene times known from detections, for footprints that give none.
    let mut scene_times: BTreeMap<String, i64> = BTreeMap::new();
    for o in outcomes {
        if let Some(s) = &o.detection.scene_id {
            scene_times.entry(s.clone()).or_insert(o.detection.time);
        }
    }
    for f in footprints {
        let Some(time) = f.time.or_else(|| {
            f.scene_id
                .as_ref()
                .and_then(|s| scene_times.get(s).copied())
        }) else {
            continue;
        };
        for (i, area) in sites(areas) {
            let c = area.centre();
            if f.shape.contains(&geo::Point::new(c.lon, c.lat)) {
                let cell = cells
                    .entry((scene_key(f.scene_id.as_deref(), time), i))
                    .or_default();
                cell.time.get_or_insert(time);
                cell.footprint = Some(f);
                cell.scene = f.scene_id.clone().unwrap_or_default();
            }
        }
    }
    let mut rows = Vec::new();
    for ((_, i), cell) in cells {
        let site = areas.get(i).name.clone();
        let time = cell.time.unwrap_or_default();
        let source = format!(
            "{}; scene {}; provenance {PROVENANCE}",
            cell.source.unwrap_or("satellite footprint"),
            if cell.scene.is_empty() {
                format_time(time)
            } else {
                cell.scene.clone()
            },
        );
        let mut watched: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
        let (mut dark, mut others) = (Vec::new(), Vec::new());
        for o in &cell.detections {
            match o.matched {
                Some(m) => match watch(m.mmsi) {
                    Some(name) => watched.entry(name).or_default().push(o),
                    None => others.push(*o),
                },
                None => dark.push(*o),
            }
        }
        let row = |kind, vessel, count, note: String| ObservationRow {
            time,
            site: site.clone(),
            kind,
            vessel,
            count,
            source: source.clone(),
            note,
        };
        for (name, os) in &watched {
            let note = os
                .iter()
                .map(|o| describe(o))
                .collect::<Vec<_>>()
                .join("; ");
            rows.push(row(ObsKind::VesselAtBerth, Some(name.clone()), None, note));
        }
        if !dark.is_empty() {
            let note = format!(
                "{} unidentified ship(s): {}",
                dark.len(),
                dark.iter()
                    .map(|o| describe(o))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            rows.push(row(
                ObsKind::VesselAtBerth,
                None,
                Some(dark.len() as f64),
                note,
            ));
        }
        if watched.is_empty() && dark.is_empty() {
            let mut note = match cell.footprint {
                Some(f) => format!("site inside the scene footprint ({}:{})", f.file, f.line),
                None => "site imaged (detections near it)".into(),
            };
            if others.is_empty() {
                note.push_str(&format!("; no detection within {NEAR_AREA_KM} km"));
            } else {
                let list: Vec<String> = others.iter().map(|o| describe(o)).collect();
                note.push_str(&format!(
                    "; only ships not on the watchlist: {}",
                    list.join("; ")
                ));
            }
            rows.push(row(ObsKind::VesselAbsent, None, None, note));
        }
    }
    rows.sort_by(|a, b| (a.time, &a.site).cmp(&(b.time, &b.site)));
    rows
}

/// The areas ships can be seen at: every kind but `rail` (a vessel detection says nothing about
/// a rail yard, nor does an image of one without ships).
fn sites(areas: &Areas) -> impl Iterator<Item = (usize, &lookout_core::areas::Area)> {
    areas
        .all()
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind != "rail")
}

/// One detection in words: id, match or darkness, file and line.
fn describe(o: &Outcome) -> String {
    let d = &o.detection;
    let what = match (&o.matched, o.dark) {
        (Some(m), _) if m.method == Method::Source => {
            format!("matched by its provider to MMSI {}", m.mmsi)
        }
        (Some(m), _) => format!(
            "matched to MMSI {} ({}, {:.2} km, nearest fix {:.0} min)",
            m.mmsi,
            m.method.as_str(),
            m.distance_km,
            m.fix_minutes
        ),
        (None, Some(r)) => format!("dark ({})", r.as_str()),
        (None, None) => "unmatched".into(),
    };
    format!("detection {} {what} [{}:{}]", d.id, d.file, d.line)
}

/// Columns of `detections_matched.csv` and `dark_vessels.csv`.
pub const DETECTION_COLUMNS: [&str; 18] = [
    "detection_id",
    "time",
    "lat",
    "lon",
    "length_m",
    "source",
    "scene_id",
    "status",
    "mmsi",
    "method",
    "distance_km",
    "fix_minutes",
    "dark_reason",
    "nearest_mmsi",
    "nearest_km",
    "file",
    "line",
    "provenance",
];

fn round(x: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    (x * k).round() / k
}

/// One detection's output values, in [`DETECTION_COLUMNS`] order.
fn detection_values(o: &Outcome) -> Vec<Value> {
    let d = &o.detection;
    let m = o.matched;
    let measured = m.filter(|m| m.method != Method::Source);
    vec![
        json!(d.id),
        json!(format_time(d.time)),
        json!(round(d.lat, 6)),
        json!(round(d.lon, 6)),
        json!(d.length_m),
        json!(d.source),
        json!(d.scene_id),
        json!(if m.is_some() { "matched" } else { "dark" }),
        json!(m.map(|m| m.mmsi)),
        json!(m.map(|m| m.method.as_str())),
        // The provider's own match has no distance or fix of ours.
        json!(measured.map(|m| round(m.distance_km, 3))),
        json!(measured.map(|m| round(m.fix_minutes, 1))),
        json!(o.dark.map(|r| r.as_str())),
        json!(o.nearest.map(|n| n.mmsi)),
        json!(o.nearest.map(|n| round(n.distance_km, 3))),
        json!(d.file),
        json!(d.line),
        json!(PROVENANCE),
    ]
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Writes `detections_matched.csv` (every detection), `dark_vessels.csv` and
/// `dark_vessels.geojson` (the unmatched ones, Point features) and, when there are rows,
/// `observations_imported.csv` into `out`.
pub fn write_outputs(
    out: &Path,
    outcomes: &[Outcome],
    rows: &[ObservationRow],
    cfg: &MatchConfig,
) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let csv_of = |name: &str, keep: &dyn Fn(&Outcome) -> bool| -> Result<()> {
        let path = out.join(name);
        let mut w =
            csv::Writer::from_path(&path).with_context(|| format!("writing {}", path.display()))?;
        w.write_record(DETECTION_COLUMNS)?;
        for o in outcomes.iter().filter(|o| keep(o)) {
            w.write_record(detection_values(o).iter().map(cell))?;
        }
        w.flush()?;
        Ok(())
    };
    csv_of("detections_matched.csv", &|_| true)?;
    csv_of("dark_vessels.csv", &|o| o.matched.is_none())?;
    let features: Vec<Value> = outcomes
        .iter()
        .filter(|o| o.matched.is_none())
        .map(|o| {
            let props: serde_json::Map<String, Value> = DETECTION_COLUMNS
                .iter()
                .map(|c| (*c).to_owned())
                .zip(detection_values(o))
                .collect();
            json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [o.detection.lon, o.detection.lat]},
                "properties": props,
            })
        })
        .collect();
    let fc = json!({
        "type": "FeatureCollection",
        "matching": cfg,
        "features": features,
    });
    let path = out.join("dark_vessels.geojson");
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(&path).with_context(|| format!("writing {}", path.display()))?,
    );
    serde_json::to_writer_pretty(&mut f, &fc)?;
    f.flush()?;
    if !rows.is_empty() {
        let path = out.join("observations_imported.csv");
        let mut w =
            csv::Writer::from_path(&path).with_context(|| format!("writing {}", path.display()))?;
        w.write_record(OBSERVATION_COLUMNS)?;
        for r in rows {
            w.write_record(r.csv_record())?;
        }
        w.flush()?;
    }
    Ok(())
}
