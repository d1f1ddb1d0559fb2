//! Global Fishing Watch events as Lookout events.
//!
//! Three published shapes are read (sources in `docs/imports.md`):
//!
//! - **Events API v3 JSON**: a `GET/POST /v3/events` response (`{"entries": [...], "total": ..}`),
//!   an array of such pages or of entries, or one entry (`GET /v3/events/{id}`). Field names as
//!   GFW's API and its Python client define them: `id`, `type`, `start`, `end`, `position.lat/lon`,
//!   `vessel.ssvid`, `encounter.vessel.ssvid`, `gap.offPosition`, `port_visit.startAnchorage`, ...;
//!   numbers are accepted as JSON numbers or as text (the API returns some as strings).
//! - **Carrier Vessel Portal CSV**: the API fields flattened with dots (`vessel.ssvid`,
//!   `encounter.medianDistanceKilometers`, `loitering.totalTimeHours`), `latitude`/`longitude`
//!   the event's mean position; the event type from a `type` column, else from the columns.
//! - **Map report CSV** (the GFW map's area report "download events"): `type, start, end,
//!   latitude, longitude, vesselId, vesselMMSI, vesselName, ...`, `encounteredVessel*`,
//!   `portVisit*`.
//!
//! A CSV row is turned into the API's JSON shape and read by the same code as the API. GFW types
//! map to Lookout's vocabulary (`port_visit`, `gap`, `encounter`, `loitering`); GFW's `fishing`
//! events have no counterpart and are counted as rejects (`unsupported_type`). GFW writes an
//! encounter once per vessel (ids `X.1`, `X.2`): Lookout keeps one event per pair.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result};
use lookout_core::areas::Areas;
use lookout_core::event::{Event, EventType};
use serde_json::{json, Map, Value};

use crate::{csv_rows, csv_with_header, mmsi, number, parse_utc, Rejects, RowError, PROVENANCE};

/// Which published shape a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GFW Events API v3 JSON.
    EventsApiV3,
    /// GFW Carrier Vessel Portal download CSV (dotted API field names).
    CarrierPortalCsv,
    /// GFW map area report events CSV (camelCase labels).
    MapReportCsv,
}

impl Format {
    /// Name written to `details.gfw_format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::EventsApiV3 => "events_api_v3",
            Format::CarrierPortalCsv => "carrier_portal_csv",
            Format::MapReportCsv => "map_report_csv",
        }
    }
}

/// How imported events are placed in the project's areas.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The areas events are assigned to (port visits, gap ends, encounters, loitering).
    pub areas: Option<&'a Areas>,
    /// A port visit or gap end this close to an area belongs to it, km. Lookout's own gaps use
    /// `near_area_km = 10` (docs/events.md); GFW's port visits are positioned at an anchorage
    /// within 3-4 km of the port (entry 3 km, exit 4 km).
    pub near_area_km: f64,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            areas: None,
            near_area_km: 10.0,
        }
    }
}

/// The events of one file.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Shape of the file.
    pub format: Format,
    /// Events, in file order (one per encounter pair).
    pub events: Vec<Event>,
    /// Encounter rows dropped because the pair's other side was already read.
    pub merged_encounter_sides: u64,
    /// Rows that could not be read, by reason.
    pub rejects: Rejects,
}

/// Reads a GFW events file: JSON when it starts with `{` or `[`, else CSV. A file that cannot
/// be read at all (not JSON, no usable header) is an error naming it.
pub fn read_file(path: &Path, opts: &Options) -> Result<Imported> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {name}"))?;
    let json = text.trim_start().starts_with(['{', '[']);
    Ok(if json {
        read_json(&text, &name, opts)?
    } else {
        read_csv(&text, &name, opts)?
    })
}

/// Reads Events API v3 JSON.
pub fn read_json(text: &str, file: &str, opts: &Options) -> Result<Imported, RowError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        RowError::new(
            file,
            e.line() as u64,
            String::new(),
            format!("not JSON: {e}"),
        )
    })?;
    let mut entries: Vec<(String, &Value)> = Vec::new();
    collect_entries(&doc, String::new(), &mut entries);
    let mut out = Reader::new(Format::EventsApiV3, file, opts);
    for (path, entry) in entries {
        out.entry(entry, 0, &|field: &str| format!("{path}{field}"));
    }
    Ok(out.finish())
}

/// The event objects of a document: pages' `entries`, arrays, or one event.
fn collect_entries<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_entries(item, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(m) => match m.get("entries") {
            Some(entries) => collect_entries(entries, format!("{path}entries"), out),
            None => out.push((path, v)),
        },
        _ => out.push((path, v)),
    }
}

/// Map report labels and the API paths they hold
/// (`apps/fishing-map/features/reports/tabs/events/events.report.download.ts`).
const MAP_REPORT_LABELS: [(&str, &str); 15] = [
    ("latitude", "position.lat"),
    ("longitude", "position.lon"),
    ("vesselId", "vessel.id"),
    ("vesselMMSI", "vessel.ssvid"),
    ("vesselName", "vessel.name"),
    ("vesselFlag", "vessel.flag"),
    ("vesselType", "vessel.type"),
    ("encounteredVesselId", "encounter.vessel.id"),
    ("encounteredVesselMMSI", "encounter.vessel.ssvid"),
    ("encounteredVesselName", "encounter.vessel.name"),
    ("encounteredVesselFlag", "encounter.vessel.flag"),
    ("encounteredVesselType", "encounter.vessel.type"),
    ("portVisitId", "port_visit.intermediateAnchorage.id"),
    ("portVisitName", "port_visit.intermediateAnchorage.name"),
    ("portVisitFlag", "port_visit.intermediateAnchorage.flag"),
];

/// Reads a Carrier Vessel Portal or map report CSV.
pub fn read_csv(text: &str, file: &str, opts: &Options) -> Result<Imported, RowError> {
    let file_err = |message: String| RowError::new(file, 1, String::new(), message);
    let (mut r, header) = csv_with_header(text, file)?;
    let format = if header.iter().any(|h| h.contains('.')) {
        Format::CarrierPortalCsv
    } else {
        Format::MapReportCsv
    };
    // Column -> API path.
    let paths: Vec<String> = header
        .iter()
        .map(|h| {
            MAP_REPORT_LABELS
                .iter()
                .find(|(label, _)| label == h)
                .map_or_else(|| h.clone(), |(_, path)| (*path).to_owned())
        })
        .collect();
    let has = |p: &str| paths.iter().any(|x| x == p);
    for needed in ["start", "end", "vessel.ssvid"] {
        if !has(needed) {
            let label = MAP_REPORT_LABELS
                .iter()
                .find(|(_, p)| *p == needed)
                .map_or(String::new(), |(l, _)| format!(" or {l}"));
            return Err(file_err(format!(
                "no column {needed}{label} (columns: {})",
                header.join(", ")
            )));
        }
    }
    // The Carrier Vessel Portal's encounter and loitering downloads have no `type` column.
    let implied_type = if has("type") {
        None
    } else if paths.iter().any(|p| p.starts_with("encounter.")) {
        Some("encounter")
    } else if paths.iter().any(|p| p.starts_with("loitering.")) {
        Some("loitering")
    } else {
        return Err(file_err(
            "no type column and no encounter.* or loitering.* columns: the event type is unknown"
                .into(),
        ));
    };
    let column_of = |field: &str| {
        let path = field.trim_start_matches('.');
        paths
            .iter()
            .position(|p| p == path)
            .map_or_else(|| path.to_owned(), |i| header[i].clone())
    };
    let mut out = Reader::new(format, file, opts);
    for (line, rec) in csv_rows(&mut r, text, file, &mut out.rejects) {
        let mut entry = Map::new();
        if let Some(t) = implied_type {
            entry.insert("type".into(), t.into());
        }
        for (path, value) in paths.iter().zip(rec.iter()) {
            if !value.trim().is_empty() {
                insert(&mut entry, path, Value::String(value.trim().to_owned()));
            }
        }
        out.entry(&Value::Object(entry), line, &column_of);
    }
    Ok(out.finish())
}

/// Sets a dotted path in a JSON object.
fn insert(obj: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            obj.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let child = obj
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = child {
                insert(m, rest, value);
            }
        }
    }
}

/// The value at a dotted path.
fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(v, |v, key| v.get(key))
        .filter(|v| !v.is_null())
}

fn text(v: &Value, path: &str) -> Option<String> {
    match at(v, path)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn num(v: &Value, path: &str) -> Option<f64> {
    at(v, path).and_then(number)
}

fn flag(v: &Value, path: &str) -> Option<bool> {
    match at(v, path)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn position(v: &Value, path: &str) -> Option<(f64, f64)> {
    let (lat, lon) = (
        num(v, &format!("{path}.lat"))?,
        num(v, &format!("{path}.lon"))?,
    );
    (lat.abs() <= 90.0 && lon.abs() <= 180.0).then_some((lat, lon))
}

/// GFW's event type in Lookout's vocabulary.
fn event_type(gfw: &str) -> Result<EventType, &'static str> {
    match gfw.trim().to_ascii_lowercase().as_str() {
        "port_visit" | "port" => Ok(EventType::PortVisit),
        "gap" => Ok(EventType::Gap),
        "encounter" => Ok(EventType::Encounter),
        "loitering" => Ok(EventType::Loitering),
        "fishing" => Err("unsupported_type"),
        _ => Err("unknown_type"),
    }
}

/// A rejected entry: reason, field (API path) and message.
type Bad = (&'static str, &'static str, String);

struct Reader<'a> {
    format: Format,
    file: &'a str,
    opts: &'a Options<'a>,
    events: Vec<Event>,
    pairs: HashSet<String>,
    merged: u64,
    rejects: Rejects,
}

impl<'a> Reader<'a> {
    fn new(format: Format, file: &'a str, opts: &'a Options<'a>) -> Self {
        Reader {
            format,
            file,
            opts,
            events: Vec::new(),
            pairs: HashSet::new(),
            merged: 0,
            rejects: Rejects::default(),
        }
    }

    fn reject(&mut self, reason: &str, line: u64, field: String, message: String) {
        let error = RowError::new(self.file, line, field, message);
        self.rejects.add(reason, error);
    }

    /// Reads one entry; `field` names an API path as the file writes it.
    fn entry(&mut self, entry: &Value, line: u64, field: &dyn Fn(&str) -> String) {
        match self.event(entry) {
            Ok(e) => {
                if e.event_type == EventType::Encounter && !self.pairs.insert(pair_key(entry, &e)) {
                    self.merged += 1;
                } else {
                    self.events.push(e);
                }
            }
            Err((reason, path, message)) => {
                self.reject(reason, line, field(&format!(".{path}")), message)
            }
        }
    }

    fn finish(self) -> Imported {
        Imported {
            format: self.format,
            events: self.events,
            merged_encounter_sides: self.merged,
            rejects: self.rejects,
        }
    }

    fn near_area(&self, p: Option<(f64, f64)>) -> Option<String> {
        let (lat, lon) = p?;
        let areas = self.opts.areas?;
        areas
            .nearest_within(lat, lon, self.opts.near_area_km, |_| true)
            .map(|(i, _)| areas.get(i).name.clone())
    }

    fn inside_area(&self, p: Option<(f64, f64)>) -> Option<String> {
        let (lat, lon) = p?;
        let areas = self.opts.areas?;
        areas
            .containing(lat, lon)
            .map(|i| areas.get(i).name.clone())
    }

    fn event(&self, v: &Value) -> Result<Event, Bad> {
        let gfw_type = text(v, "type").ok_or(("no_type", "type", "no event type".into()))?;
        let event_type =
            event_type(&gfw_type).map_err(|r| (r, "type", format!("GFW type {gfw_type:?}")))?;
        let ssvid = text(v, "vessel.ssvid").ok_or((
            "no_mmsi",
            "vessel.ssvid",
            "no MMSI (vessel.ssvid)".into(),
        ))?;
        let vessel = mmsi(&ssvid).ok_or((
            "bad_mmsi",
            "vessel.ssvid",
            format!("not an MMSI: {ssvid:?}"),
        ))?;
        let time = |path: &'static str| {
            let t = text(v, path).unwrap_or_default();
            parse_utc(&t).ok_or(("bad_time", path, format!("not a time: {t:?}")))
        };
        let (start, end) = (time("start")?, time("end")?);
        if end < start {
            return Err(("bad_time", "end", "ends before it starts".into()));
        }
        let pos = position(v, "position");
        // To 3 decimals (3.6 s), as Lookout's own events give durations.
        let hours = ((end - start) as f64 / 3_600.0).round() / 1000.0;
        let (from, to) = match event_type {
            EventType::Gap => (
                position(v, "gap.offPosition").or(pos),
                position(v, "gap.onPosition"),
            ),
            _ => (pos, None),
        };
        let nan = (f64::NAN, f64::NAN);
        let mut e = Event::new(
            event_type,
            vessel,
            start,
            end,
            from.unwrap_or(nan),
            to.unwrap_or(nan),
        );
        e.evidence_start = start;
        e.evidence_end = end;
        let mut d = Map::new();
        d.insert("origin".into(), "gfw".into());
        d.insert("provenance".into(), PROVENANCE.into());
        d.insert("gfw_format".into(), self.format.name().into());
        d.insert("gfw_type".into(), gfw_type.clone().into());
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                d.insert(key.to_owned(), value);
            }
        };
        put("gfw_id", text(v, "id").map(Value::from));
        put("gfw_vessel_id", text(v, "vessel.id").map(Value::from));
        put("vessel_name", text(v, "vessel.name").map(Value::from));
        put("vessel_flag", text(v, "vessel.flag").map(Value::from));
        let n = |path: &str| num(v, path).map(|x| json!(x));
        match event_type {
            EventType::PortVisit => {
                let confidence = num(v, "port_visit.confidence");
                put(
                    "duration_h",
                    n("port_visit.durationHrs").or(Some(json!(hours))),
                );
                put("gfw_confidence", confidence.map(|c| json!(c)));
                for anchorage in ["startAnchorage", "intermediateAnchorage", "endAnchorage"] {
                    let key = format!("port_visit.{anchorage}");
                    let name = text(v, &format!("{key}.name"))
                        .or_else(|| text(v, &format!("{key}.topDestination")));
                    if let Some(name) = name {
                        put("gfw_anchorage", Some(name.into()));
                        put(
                            "gfw_anchorage_id",
                            text(v, &format!("{key}.id")).map(Value::from),
                        );
                        put(
                            "gfw_port_flag",
                            text(v, &format!("{key}.flag")).map(Value::from),
                        );
                        put(
                            "at_dock",
                            flag(v, &format!("{key}.atDock")).map(Value::from),
                        );
                        break;
                    }
                }
                // As Lookout's own port visits: GFW confidence (1-4) / 4.
                e.confidence = confidence.map_or(1.0, |c| (c / 4.0).clamp(0.0, 1.0));
                let anchorage = position(v, "port_visit.startAnchorage").or(pos);
                e.area = self.near_area(pos.or(anchorage));
            }
            EventType::Gap => {
                put("duration_h", n("gap.durationHours").or(Some(json!(hours))));
                put("distance_km", n("gap.distanceKm"));
                put("implied_speed_knots", n("gap.impliedSpeedKnots"));
                put(
                    "intentional_disabling",
                    flag(v, "gap.intentionalDisabling").map(Value::from),
                );
                put(
                    "positions_12h_before_sat",
                    n("gap.positions12HoursBeforeSat"),
                );
                put(
                    "positions_per_day_sat_reception",
                    n("gap.positionsPerDaySatReception"),
                );
                e.area = self.near_area(from);
                e.other_area = self.near_area(to);
            }
            EventType::Encounter => {
                if let Some(other) = text(v, "encounter.vessel.ssvid") {
                    e.other_mmsi = Some(mmsi(&other).ok_or((
                        "bad_mmsi",
                        "encounter.vessel.ssvid",
                        format!("not an MMSI: {other:?}"),
                    ))?);
                }
                put("duration_h", Some(json!(hours)));
                put(
                    "median_distance_km",
                    n("encounter.medianDistanceKilometers"),
                );
                put("median_speed_knots", n("encounter.medianSpeedKnots"));
                put("encounter_type", text(v, "encounter.type").map(Value::from));
                put(
                    "other_vessel_name",
                    text(v, "encounter.vessel.name").map(Value::from),
                );
                put(
                    "other_vessel_flag",
                    text(v, "encounter.vessel.flag").map(Value::from),
                );
                e.area = self.inside_area(pos);
            }
            EventType::Loitering => {
                put(
                    "loitering_hours",
                    n("loitering.totalTimeHours").or(Some(json!(hours))),
                );
                put(
                    "tot_distance_km",
                    n("loitering.totalDistanceKm").or(n("loitering.totalDistanceKilometers")),
                );
                put("avg_speed_knots", n("loitering.averageSpeedKnots"));
                put("median_speed_knots", n("loitering.medianSpeedKnots"));
                put(
                    "avg_distance_from_shore_km",
                    n("loitering.averageDistanceFromShoreKm"),
                );
                e.area = self.inside_area(pos);
            }
            _ => unreachable!("event_type() returns only GFW's four types"),
        }
        e.details = d;
        Ok(e)
    }
}

/// One key per encounter pair: GFW's event id without its `.1`/`.2` side, else the two MMSIs
/// and the times.
fn pair_key(entry: &Value, e: &Event) -> String {
    match text(entry, "id") {
        Some(id) => id.split('.').next().unwrap_or(&id).to_owned(),
        None => {
            let (a, b) = (e.mmsi, e.other_mmsi.unwrap_or(0));
            format!("{}-{}-{}-{}", a.min(b), a.max(b), e.start_time, e.end_time)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_map_to_lookout_vocabulary() {
        assert_eq!(event_type("port_visit"), Ok(EventType::PortVisit));
        assert_eq!(event_type("GAP"), Ok(EventType::Gap));
        assert_eq!(event_type("fishing"), Err("unsupported_type"));
        assert_eq!(event_type("party"), Err("unknown_type"));
        let mut m = Map::new();
        insert(&mut m, "encounter.vessel.ssvid", "1".into());
        assert_eq!(
            at(&Value::Object(m), "encounter.vessel.ssvid"),
            Some(&json!("1"))
        );
    }
}
