//! Events: the vocabulary (`port_visit`, `gap`, ...) shared by the detectors, the simulator's
//! truth and everything downstream, and the events file format: the column contract of
//! `events.csv` (written and read here), the same columns as GeoJSON feature properties, and the
//! Parquet schema's column names (the Parquet writer is `lookout-events`'), and the GNSS
//! interference area record written beside the events.

use std::io::Read;

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::time::{format_time, parse_time};

/// Event types, the vocabulary shared with the simulator's truth.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// A stay in a named area.
    PortVisit,
    /// AIS silent for a while.
    Gap,
    /// Two vessels together at sea.
    Encounter,
    /// Slow movement at sea.
    Loitering,
    /// Reported draught changed.
    DraughtChange,
    /// Name, call sign, IMO, ship type, MMSI or flag changed.
    IdentityChange,
    /// Positions no ship could have reported truthfully.
    Spoofing,
}

impl EventType {
    /// All types.
    pub const ALL: [EventType; 7] = [
        EventType::PortVisit,
        EventType::Gap,
        EventType::Encounter,
        EventType::Loitering,
        EventType::DraughtChange,
        EventType::IdentityChange,
        EventType::Spoofing,
    ];

    /// The type a snake_case name names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::PortVisit => "port_visit",
            EventType::Gap => "gap",
            EventType::Encounter => "encounter",
            EventType::Loitering => "loitering",
            EventType::DraughtChange => "draught_change",
            EventType::IdentityChange => "identity_change",
            EventType::Spoofing => "spoofing",
        }
    }
}

/// One detected event. Times are ms since the Unix epoch (UTC). Serde keeps every field as is
/// (engine checkpoints); the file formats are [`Event::csv_record`] and [`Event::properties`].
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Event {
    /// Type.
    pub event_type: EventType,
    /// The vessel.
    pub mmsi: u32,
    /// The other vessel (encounters; the new MMSI of an MMSI change).
    pub other_mmsi: Option<u32>,
    /// Start.
    pub start_time: i64,
    /// End.
    pub end_time: i64,
    /// Position at the start.
    pub lat: Option<f64>,
    /// Position at the start.
    pub lon: Option<f64>,
    /// Position at the end.
    pub end_lat: Option<f64>,
    /// Position at the end.
    pub end_lon: Option<f64>,
    /// Area the event is in or starts near.
    pub area: Option<String>,
    /// Area the event ends near (gaps), or the other vessel's area.
    pub other_area: Option<String>,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Type-specific facts.
    pub details: Map<String, Value>,
    /// Input records behind the event.
    pub n_positions: u64,
    /// Time of the first of them.
    pub evidence_start: i64,
    /// Time of the last of them.
    pub evidence_end: i64,
}

impl Event {
    /// A new event between two timed positions; evidence defaults to the two ends.
    pub fn new(
        event_type: EventType,
        mmsi: u32,
        start_time: i64,
        end_time: i64,
        start: (f64, f64),
        end: (f64, f64),
    ) -> Self {
        Self {
            event_type,
            mmsi,
            other_mmsi: None,
            start_time,
            end_time,
            lat: start.0.is_finite().then_some(start.0),
            lon: start.1.is_finite().then_some(start.1),
            end_lat: end.0.is_finite().then_some(end.0),
            end_lon: end.1.is_finite().then_some(end.1),
            area: None,
            other_area: None,
            confidence: 1.0,
            details: Map::new(),
            n_positions: 0,
            evidence_start: start_time,
            evidence_end: end_time,
        }
    }

    /// Builder: one detail.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.details.insert(key.to_owned(), value.into());
        self
    }

    /// Builder: evidence.
    pub fn evidence(mut self, n: u64, first: i64, last: i64) -> Self {
        self.n_positions = n;
        self.evidence_start = first;
        self.evidence_end = last;
        self
    }

    /// A stable identifier: type, vessel(s) and start second.
    pub fn event_id(&self) -> String {
        let other = self.other_mmsi.map(|m| format!("-{m}")).unwrap_or_default();
        format!(
            "{}-{}{}-{}",
            self.event_type.as_str(),
            self.mmsi,
            other,
            self.start_time.div_euclid(1000)
        )
    }
}

/// The columns of every events file, in order.
pub const COLUMNS: [&str; 17] = [
    "event_id",
    "event_type",
    "mmsi",
    "other_mmsi",
    "start_time",
    "end_time",
    "lat",
    "lon",
    "end_lat",
    "end_lon",
    "area",
    "other_area",
    "confidence",
    "details",
    "n_positions",
    "evidence_start",
    "evidence_end",
];

/// Coordinates are written to 6 decimals (about 0.1 m), confidences to 3.
fn coordinate(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite()).map(|x| (x * 1e6).round() / 1e6)
}

fn confidence(c: f64) -> f64 {
    (c * 1000.0).round() / 1000.0
}

impl Event {
    /// The event as an `events.csv` row, in [`COLUMNS`] order.
    pub fn csv_record(&self) -> [String; 17] {
        let num = |v: Option<f64>| coordinate(v).map(|x| format!("{x}")).unwrap_or_default();
        [
            self.event_id(),
            self.event_type.as_str().to_owned(),
            self.mmsi.to_string(),
            self.other_mmsi.map(|m| m.to_string()).unwrap_or_default(),
            format_time(self.start_time),
            format_time(self.end_time),
            num(self.lat),
            num(self.lon),
            num(self.end_lat),
            num(self.end_lon),
            self.area.clone().unwrap_or_default(),
            self.other_area.clone().unwrap_or_default(),
            format!("{}", confidence(self.confidence)),
            Value::Object(self.details.clone()).to_string(),
            self.n_positions.to_string(),
            format_time(self.evidence_start),
            format_time(self.evidence_end),
        ]
    }

    /// The event as GeoJSON feature properties (the same columns, typed).
    pub fn properties(&self) -> Map<String, Value> {
        let num = |v: Option<f64>| coordinate(v).map_or(Value::Null, |x| json!(x));
        let mut m = Map::new();
        m.insert("event_id".into(), self.event_id().into());
        m.insert("event_type".into(), self.event_type.as_str().into());
        m.insert("mmsi".into(), self.mmsi.into());
        m.insert("other_mmsi".into(), self.other_mmsi.into());
        m.insert("start_time".into(), format_time(self.start_time).into());
        m.insert("end_time".into(), format_time(self.end_time).into());
        m.insert("lat".into(), num(self.lat));
        m.insert("lon".into(), num(self.lon));
        m.insert("end_lat".into(), num(self.end_lat));
        m.insert("end_lon".into(), num(self.end_lon));
        m.insert("area".into(), self.area.clone().into());
        m.insert("other_area".into(), self.other_area.clone().into());
        m.insert("confidence".into(), json!(confidence(self.confidence)));
        m.insert("details".into(), Value::Object(self.details.clone()));
        m.insert("n_positions".into(), self.n_positions.into());
        m.insert(
            "evidence_start".into(),
            format_time(self.evidence_start).into(),
        );
        m.insert("evidence_end".into(), format_time(self.evidence_end).into());
        m
    }

    /// The event as a GeoJSON feature: a line from start to end position, a point when they
    /// coincide or only one is known, no geometry when neither is.
    pub fn geojson_feature(&self) -> Value {
        let geometry = match (self.lat.zip(self.lon), self.end_lat.zip(self.end_lon)) {
            (Some((a, b)), Some((c, d))) if (a, b) != (c, d) => {
                json!({"type": "LineString", "coordinates": [[b, a], [d, c]]})
            }
            (Some((a, b)), _) | (None, Some((a, b))) => {
                json!({"type": "Point", "coordinates": [b, a]})
            }
            (None, None) => Value::Null,
        };
        json!({"type": "Feature", "geometry": geometry, "properties": self.properties()})
    }
}

/// A GNSS interference area: in one place and time window, the positions of several vessels
/// went wrong at once (jumps, impossible or "not available" positions, gap starts of vessels still
/// heard). Written beside the events (`interference.geojson` / `.csv`), not as an event row:
/// its columns are [`INTERFERENCE_COLUMNS`]. Events inside one carry
/// `details.interference_area` = its `area_id`.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct InterferenceArea {
    /// `interference-<start unix seconds>`, stable for the same input.
    pub area_id: String,
    /// First anomaly.
    pub start_time: i64,
    /// Last anomaly's end.
    pub end_time: i64,
    /// Mean position of the vessels when their positions went wrong.
    pub centre_lat: f64,
    /// See `centre_lat`.
    pub centre_lon: f64,
    /// Radius holding them all (plus a margin), km.
    pub radius_km: f64,
    /// The area's outline, `(lat, lon)`, closed.
    pub polygon: Vec<(f64, f64)>,
    /// The vessels affected.
    pub mmsis: Vec<u32>,
    /// Anomalies by kind (`jump`, `excursion`, `inland`, `frozen`, `circle`, `out_of_range`,
    /// `not_available`, `gap_start`, ...).
    pub anomalies: Map<String, Value>,
    /// 0..1.
    pub confidence: f64,
}

/// The columns of an interference areas CSV, in order (`polygon` is `lat lon` pairs separated
/// by `;`).
pub const INTERFERENCE_COLUMNS: [&str; 11] = [
    "area_id",
    "start_time",
    "end_time",
    "centre_lat",
    "centre_lon",
    "radius_km",
    "n_vessels",
    "mmsis",
    "anomalies",
    "confidence",
    "polygon",
];

impl InterferenceArea {
    /// The area as a CSV row, in [`INTERFERENCE_COLUMNS`] order.
    pub fn csv_record(&self) -> [String; 11] {
        let mmsis: Vec<String> = self.mmsis.iter().map(u32::to_string).collect();
        let ring: Vec<String> = self
            .polygon
            .iter()
            .map(|(la, lo)| format!("{} {}", round6(*la), round6(*lo)))
            .collect();
        [
            self.area_id.clone(),
            format_time(self.start_time),
            format_time(self.end_time),
            format!("{}", round6(self.centre_lat)),
            format!("{}", round6(self.centre_lon)),
            format!("{}", (self.radius_km * 1000.0).round() / 1000.0),
            self.mmsis.len().to_string(),
            mmsis.join(" "),
            Value::Object(self.anomalies.clone()).to_string(),
            format!("{}", confidence(self.confidence)),
            ring.join(";"),
        ]
    }

    /// The area as a GeoJSON Polygon feature with the same properties.
    pub fn geojson_feature(&self) -> Value {
        let ring: Vec<Value> = self
            .polygon
            .iter()
            .map(|(la, lo)| json!([round6(*lo), round6(*la)]))
            .collect();
        json!({
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": {
                "area_id": self.area_id,
                "record_type": "interference_area",
                "start_time": format_time(self.start_time),
                "end_time": format_time(self.end_time),
                "centre_lat": round6(self.centre_lat),
                "centre_lon": round6(self.centre_lon),
                "radius_km": (self.radius_km * 1000.0).round() / 1000.0,
                "n_vessels": self.mmsis.len(),
                "mmsis": self.mmsis,
                "anomalies": self.anomalies,
                "confidence": confidence(self.confidence),
            }
        })
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A row of an events CSV set aside: its line (1 = the header) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// Line in the file.
    pub line: u64,
    /// What is wrong.
    pub reason: String,
}

/// One row as written, columns found by header name (`event_id` is derived, so it is not read;
/// extra columns are ignored).
#[derive(serde::Deserialize)]
struct Row {
    event_type: EventType,
    mmsi: u32,
    other_mmsi: Option<u32>,
    start_time: String,
    end_time: String,
    lat: Option<f64>,
    lon: Option<f64>,
    end_lat: Option<f64>,
    end_lon: Option<f64>,
    area: Option<String>,
    other_area: Option<String>,
    confidence: Option<f64>,
    details: Option<String>,
    n_positions: Option<u64>,
    evidence_start: Option<String>,
    evidence_end: Option<String>,
}

impl Row {
    fn event(self) -> Result<Event, String> {
        let time = |name: &str, s: &str| parse_time(s).map_err(|e| format!("{name}: {e}"));
        let start = time("start_time", &self.start_time)?;
        let end = time("end_time", &self.end_time)?;
        let details = match self.details.as_deref() {
            None | Some("") => Map::new(),
            Some(s) => serde_json::from_str(s).map_err(|e| format!("details: {e}"))?,
        };
        let nan = (f64::NAN, f64::NAN);
        let mut e = Event::new(self.event_type, self.mmsi, start, end, nan, nan);
        e.other_mmsi = self.other_mmsi;
        (e.lat, e.lon, e.end_lat, e.end_lon) = (self.lat, self.lon, self.end_lat, self.end_lon);
        e.area = self.area.filter(|a| !a.is_empty());
        e.other_area = self.other_area.filter(|a| !a.is_empty());
        e.confidence = self.confidence.unwrap_or(1.0);
        e.details = details;
        let evidence = |name: &str, s: Option<String>, default| match s.as_deref() {
            None | Some("") => Ok(default),
            Some(t) => time(name, t),
        };
        let first = evidence("evidence_start", self.evidence_start, start)?;
        let last = evidence("evidence_end", self.evidence_end, end)?;
        Ok(e.evidence(self.n_positions.unwrap_or(0), first, last))
    }
}

/// Reads an events CSV written in [`COLUMNS`]: the events, and the rows set aside with their
/// line and reason (reading goes on past them). Fails only when the input is not CSV at all.
pub fn read_csv(input: impl Read) -> Result<(Vec<Event>, Vec<Rejected>), csv::Error> {
    let mut r = csv::Reader::from_reader(input);
    let headers = r.headers()?.clone();
    let mut events = Vec::new();
    let mut rejected = Vec::new();
    for record in r.records() {
        let record = match record {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                rejected.push(Rejected {
                    line,
                    reason: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        match record.deserialize::<Row>(Some(&headers)) {
            Ok(row) => match row.event() {
                Ok(e) => events.push(e),
                Err(reason) => rejected.push(Rejected { line, reason }),
            },
            Err(e) => rejected.push(Rejected {
                line,
                reason: e.to_string(),
            }),
        }
    }
    Ok((events, rejected))
}

/// Reads an events CSV file (see [`read_csv`]).
pub fn read_csv_file(path: &std::path::Path) -> Result<(Vec<Event>, Vec<Rejected>), csv::Error> {
    read_csv(std::io::BufReader::new(std::fs::File::open(path)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn examples() -> Vec<Event> {
        let t0 = parse_time("2023-08-14T10:00:00Z").unwrap();
        let mut gap = Event::new(
            EventType::Gap,
            273_900_101,
            t0,
            t0 + 500_000_000,
            (42.25, 130.3),
            (43.1, 131.9),
        )
        .with("gap_hours", 138.9)
        .evidence(2, t0, t0 + 500_000_000);
        gap.area = Some("Rajin (Najin) port".into());
        gap.other_area = Some("Dunai, Primorye".into());
        gap.confidence = 0.9;
        let mut enc = Event::new(
            EventType::Encounter,
            1,
            t0,
            t0 + 600_250,
            (f64::NAN, f64::NAN),
            (1.0, 2.0),
        );
        enc.other_mmsi = Some(2);
        vec![gap, enc]
    }

    #[test]
    fn csv_round_trips_and_bad_rows_are_set_aside_with_line_and_reason() {
        let mut events = examples();
        events[0].area = Some("Rajin, \"port\"".into());
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(COLUMNS).unwrap();
        for e in &events {
            w.write_record(e.csv_record()).unwrap();
        }
        let mut text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        text.push_str("gap-1-1,gap,1,,yesterday,2023-01-01T00:00:00Z,,,,,,,1,,0,,\n");
        text.push_str("x,teleport,1,,2023-01-01T00:00:00Z,2023-01-01T00:00:00Z,,,,,,,1,,0,,\n");
        let (back, rejected) = read_csv(text.as_bytes()).unwrap();
        assert_eq!(back, events);
        assert_eq!(
            events[0].event_id(),
            format!("gap-273900101-{}", events[0].start_time / 1000)
        );
        assert_eq!(rejected.len(), 2);
        assert_eq!((rejected[0].line, rejected[1].line), (4, 5));
        assert!(rejected[0].reason.starts_with("start_time"), "{rejected:?}");
        assert!(rejected[1].reason.contains("teleport"), "{rejected:?}");
        let (none, bad) = read_csv("event_type,mmsi\n".as_bytes()).unwrap();
        assert!(none.is_empty() && bad.is_empty());
    }

    #[test]
    fn geojson_geometry_follows_the_known_positions() {
        let events = examples();
        assert_eq!(
            events[0].geojson_feature()["geometry"]["type"],
            "LineString"
        );
        assert_eq!(events[1].geojson_feature()["geometry"]["type"], "Point");
        assert_eq!(
            events[1].geojson_feature()["properties"]["lat"],
            Value::Null
        );
        assert_eq!(
            EventType::from_name("port_visit"),
            Some(EventType::PortVisit)
        );
        assert_eq!(EventType::from_name("boats"), None);
    }
}
