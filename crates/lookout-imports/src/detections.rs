//! Satellite vessel detections and scene footprints.
//!
//! Detections are read from two published CSV layouts (sources in `docs/imports.md`):
//!
//! - **GFW Sentinel-1 SAR**: the public vessel detections of Paolo et al. 2024
//!   (`scene_id, timestamp, lat, lon, year, mmsi, matching_score, fishing_score,
//!   matched_category, overpasses_2017_2021`, a leading unnamed index column from pandas), and the
//!   BigQuery field names of GFW's SAR tables (`detect_id`, `detect_timestamp`, `detect_lat`,
//!   `detect_lon`, `ssvid`, `length_m`, `presence`).
//! - **Generic**: `time, lat, lon, length, source, scene_id` (optional `id`, `mmsi`), for any
//!   other provider; Lookout's own `detections_matched.csv` reads back as this layout.
//!
//! Footprints (the area a scene imaged) are a GeoJSON FeatureCollection of Polygon /
//! MultiPolygon features with `scene_id` and `time` (or `timestamp`) properties, or a CSV with
//! `scene_id`, a time and a WKT column (`footprint_wkt`, GFW's name, or `wkt`, `footprint`).

use std::path::Path;

use anyhow::{Context, Result};
use geo::MultiPolygon;
use lookout_core::time::format_time;

use crate::{cell, csv_rows, csv_with_header, mmsi, parse_utc, Rejects, RowError};

/// One vessel seen in an image.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// The provider's id, else `scene;lon;lat` (GFW's `detect_id` form), else `file:line`.
    pub id: String,
    /// Image time, ms.
    pub time: i64,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Estimated length, m.
    pub length_m: Option<f64>,
    /// Provider and sensor (`GFW Sentinel-1 SAR`, or the `source` column).
    pub source: String,
    /// Scene the detection came from.
    pub scene_id: Option<String>,
    /// The MMSI the provider matched the detection to (GFW's `mmsi`/`ssvid`), if any.
    pub source_mmsi: Option<u32>,
    /// File it was read from.
    pub file: String,
    /// Line in the file.
    pub line: u64,
}

impl Detection {
    /// The scene this detection belongs to: its id, else its time to the minute.
    pub fn scene_key(&self) -> String {
        scene_key(self.scene_id.as_deref(), self.time)
    }
}

/// A scene's key: its id, else its time to the minute.
pub fn scene_key(scene_id: Option<&str>, time: i64) -> String {
    match scene_id {
        Some(s) => s.to_owned(),
        None => format_time(time.div_euclid(60_000) * 60_000),
    }
}

/// Which layout a detections CSV has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// GFW's Sentinel-1 SAR detections.
    GfwSar,
    /// `time, lat, lon, length, source, scene_id`.
    Generic,
}

/// Column names per field, in order of preference, per layout.
struct Columns {
    id: &'static [&'static str],
    time: &'static [&'static str],
    lat: &'static [&'static str],
    lon: &'static [&'static str],
    length: &'static [&'static str],
    source: &'static [&'static str],
    scene: &'static [&'static str],
    mmsi: &'static [&'static str],
}

const GFW_SAR: Columns = Columns {
    id: &["detect_id"],
    time: &["timestamp", "detect_timestamp"],
    lat: &["lat", "detect_lat"],
    lon: &["lon", "detect_lon"],
    length: &["length_m", "inferred_length_m"],
    source: &[],
    scene: &["scene_id"],
    mmsi: &["mmsi", "ssvid"],
};

const GENERIC: Columns = Columns {
    id: &["id", "detection_id"],
    time: &["time"],
    lat: &["lat"],
    lon: &["lon"],
    length: &["length", "length_m"],
    source: &["source"],
    scene: &["scene_id"],
    mmsi: &["mmsi"],
};

/// Source written for GFW's SAR layout.
pub const GFW_SAR_SOURCE: &str = "GFW Sentinel-1 SAR";

/// The detections of one file.
#[derive(Debug, Clone, Default)]
pub struct DetectionsFile {
    /// Detections in file order.
    pub detections: Vec<Detection>,
    /// Rows that could not be read.
    pub rejects: Rejects,
}

/// Reads a detections CSV (either layout, told by its header).
pub fn read_detections(text: &str, file: &str) -> Result<(Layout, DetectionsFile), RowError> {
    let header_err = |message: String| RowError::new(file, 1, String::new(), message);
    let (mut r, header) = csv_with_header(text, file)?;
    let find = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| header.iter().position(|h| h == n))
    };
    let layout = if find(&["time"]).is_some() {
        Layout::Generic
    } else {
        Layout::GfwSar
    };
    let cols = match layout {
        Layout::GfwSar => &GFW_SAR,
        Layout::Generic => &GENERIC,
    };
    let need = |names: &[&'static str]| {
        find(names).ok_or_else(|| {
            header_err(format!(
                "no column {} (columns: {}); a detections CSV is GFW's SAR layout (timestamp, lat, \
                 lon, ...) or time, lat, lon, length, source, scene_id",
                names.join(" or "),
                header.join(", ")
            ))
        })
    };
    let (time_i, lat_i, lon_i) = (need(cols.time)?, need(cols.lat)?, need(cols.lon)?);
    let (id_i, len_i, src_i) = (find(cols.id), find(cols.length), find(cols.source));
    let (scene_i, mmsi_i) = (find(cols.scene), find(cols.mmsi));
    let mut out = DetectionsFile::default();
    for (line, rec) in csv_rows(&mut r, text, file, &mut out.rejects) {
        let get = |i: Option<usize>| cell(&rec, i);
        let bad = |reason: &str, i: usize, rejects: &mut Rejects| {
            let value = rec.get(i).unwrap_or("");
            let err = RowError::new(file, line, header[i].clone(), format!("{value:?}"));
            rejects.add(reason, err);
        };
        let Some(time) = get(Some(time_i)).and_then(parse_utc) else {
            bad("bad_time", time_i, &mut out.rejects);
            continue;
        };
        let coord = |i: usize, max: f64| {
            get(Some(i))
                .and_then(|s| s.parse::<f64>().ok())
                .filter(|x| x.abs() <= max)
        };
        let (Some(lat), Some(lon)) = (coord(lat_i, 90.0), coord(lon_i, 180.0)) else {
            let i = if coord(lat_i, 90.0).is_none() {
                lat_i
            } else {
                lon_i
            };
            bad("bad_position", i, &mut out.rejects);
            continue;
        };
        let length_m = match get(len_i).map(str::parse::<f64>) {
            Some(Ok(x)) if x.is_finite() && x >= 0.0 => Some(x),
            Some(_) => {
                bad("bad_length", len_i.unwrap_or(0), &mut out.rejects);
                continue;
            }
            None => None,
        };
        let source_mmsi = match get(mmsi_i) {
            Some(m) => match mmsi(m) {
                Some(m) => Some(m),
                None => {
                    bad("bad_mmsi", mmsi_i.unwrap_or(0), &mut out.rejects);
                    continue;
                }
            },
            None => None,
        };
        let scene_id = get(scene_i).map(str::to_owned);
        let id = get(id_i)
            .map(str::to_owned)
            .unwrap_or_else(|| match &scene_id {
                Some(s) => format!("{s};{lon};{lat}"),
                None => format!("{file}:{line}"),
            });
        let source = match layout {
            Layout::GfwSar => GFW_SAR_SOURCE.to_owned(),
            Layout::Generic => get(src_i).unwrap_or("unnamed source").to_owned(),
        };
        out.detections.push(Detection {
            id,
            time,
            lat,
            lon,
            length_m,
            source,
            scene_id,
            source_mmsi,
            file: file.into(),
            line,
        });
    }
    Ok((layout, out))
}

/// The area one scene imaged.
#[derive(Debug, Clone)]
pub struct Footprint {
    /// Scene id, if given.
    pub scene_id: Option<String>,
    /// Image time, ms (from the file, else from the scene's detections).
    pub time: Option<i64>,
    /// What was imaged (lon/lat).
    pub shape: MultiPolygon<f64>,
    /// File it was read from.
    pub file: String,
    /// Line (CSV) or feature number (GeoJSON, from 1).
    pub line: u64,
}

/// Footprints of one file.
#[derive(Debug, Clone, Default)]
pub struct Footprints {
    /// Footprints in file order.
    pub footprints: Vec<Footprint>,
    /// Rows or features that could not be read.
    pub rejects: Rejects,
}

const TIME_KEYS: [&str; 3] = ["time", "timestamp", "start_time"];

/// Reads footprints: GeoJSON when the text starts with `{`, else CSV with a WKT column.
pub fn read_footprints(text: &str, file: &str) -> Result<Footprints, RowError> {
    if text.trim_start().starts_with('{') {
        footprints_geojson(text, file)
    } else {
        footprints_csv(text, file)
    }
}

fn shape_of(geometry: geo::Geometry<f64>) -> Option<MultiPolygon<f64>> {
    match geometry {
        geo::Geometry::Polygon(p) => Some(MultiPolygon(vec![p])),
        geo::Geometry::MultiPolygon(mp) => Some(mp),
        _ => None,
    }
}

fn footprints_geojson(text: &str, file: &str) -> Result<Footprints, RowError> {
    let err = |message: String| RowError::new(file, 0, String::new(), message);
    let fc: geojson::FeatureCollection = text
        .parse::<geojson::GeoJson>()
        .map_err(|e| err(format!("not GeoJSON: {e}")))?
        .try_into()
        .map_err(|e| err(format!("not a FeatureCollection: {e}")))?;
    let mut out = Footprints::default();
    for (i, f) in fc.features.into_iter().enumerate() {
        let field = format!("features[{i}]");
        let prop = |k: &str| {
            f.property(k).and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
        };
        let shape = f
            .geometry
            .clone()
            .and_then(|g| geo::Geometry::<f64>::try_from(g).ok())
            .and_then(shape_of);
        let Some(shape) = shape else {
            let e = RowError::new(
                file,
                0,
                format!("{field}.geometry"),
                "not a Polygon or MultiPolygon".into(),
            );
            out.rejects.add("bad_geometry", e);
            continue;
        };
        let time_text = TIME_KEYS.iter().find_map(|k| prop(k));
        let time = time_text.as_deref().and_then(parse_utc);
        if time_text.is_some() && time.is_none() {
            let e = RowError::new(
                file,
                0,
                format!("{field}.properties.time"),
                format!("not a time: {time_text:?}"),
            );
            out.rejects.add("bad_time", e);
            continue;
        }
        out.footprints.push(Footprint {
            scene_id: prop("scene_id"),
            time,
            shape,
            file: file.into(),
            line: i as u64 + 1,
        });
    }
    Ok(out)
}

fn footprints_csv(text: &str, file: &str) -> Result<Footprints, RowError> {
    let (mut r, header) = csv_with_header(text, file)?;
    let find = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| header.iter().position(|h| h == n))
    };
    let wkt_i = find(&["footprint_wkt", "wkt", "footprint"]).ok_or_else(|| {
        let cols = header.join(", ");
        let message = format!("no WKT column (footprint_wkt, wkt or footprint) in {cols}");
        RowError::new(file, 1, String::new(), message)
    })?;
    let (time_i, scene_i) = (find(&TIME_KEYS), find(&["scene_id"]));
    let mut out = Footprints::default();
    for (line, rec) in csv_rows(&mut r, text, file, &mut out.rejects) {
        let get = |i: Option<usize>| cell(&rec, i);
        let text = get(Some(wkt_i)).unwrap_or("");
        let shape = text
            .parse::<wkt::Wkt<f64>>()
            .ok()
            .and_then(|w| geo::Geometry::<f64>::try_from(w).ok())
            .and_then(shape_of);
        let Some(shape) = shape else {
            let e = RowError::new(
                file,
                line,
                header[wkt_i].clone(),
                "not a WKT POLYGON or MULTIPOLYGON".into(),
            );
            out.rejects.add("bad_geometry", e);
            continue;
        };
        let time = match get(time_i) {
            Some(t) => match parse_utc(t) {
                Some(t) => Some(t),
                None => {
                    let e = RowError::new(
                        file,
                        line,
                        header[time_i.unwrap_or(0)].clone(),
                        format!("not a time: {t:?}"),
                    );
                    out.rejects.add("bad_time", e);
                    continue;
                }
            },
            None => None,
        };
        out.footprints.push(Footprint {
            scene_id: get(scene_i).map(str::to_owned),
            time,
            shape,
            file: file.into(),
            line,
        });
    }
    Ok(out)
}

/// Reads a detections file from disk.
pub fn read_detections_file(path: &Path) -> Result<(Layout, DetectionsFile)> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {name}"))?;
    Ok(read_detections(&text, &name)?)
}

/// Reads a footprints file from disk.
pub fn read_footprints_file(path: &Path) -> Result<Footprints> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {name}"))?;
    Ok(read_footprints(&text, &name)?)
}
