//! The simulator's ground truth, `truth.json`: the events and voyages a simulated scenario
//! really contains, in the detectors' vocabulary. Written by `lookout-sim`, read to score the
//! detectors (`lookout-events`' accuracy) and to simulate imagery. Times are ms since the epoch
//! in memory and RFC 3339 to the second in the file; positions are rounded to 1e-5 degrees.
//! The schema is documented in `docs/scenario-format.md`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::event::EventType;
use crate::geo::LatLon;
use crate::time::{format_time, parse_time};

/// Serde for instants as whole-second RFC 3339 text.
mod rfc3339 {
    use super::*;

    pub fn serialize<S: Serializer>(ms: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_time(ms.div_euclid(1000) * 1000))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        let text = String::deserialize(d)?;
        parse_time(&text).map_err(serde::de::Error::custom)
    }
}

fn ser_round<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => s.serialize_f64((x * 1e5).round() / 1e5),
        None => s.serialize_none(),
    }
}

/// The whole file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Truth {
    /// Scenario name.
    pub scenario: String,
    /// Seed used.
    pub seed: u64,
    /// Simulated period start.
    #[serde(with = "rfc3339")]
    pub start_time: i64,
    /// Simulated period end.
    #[serde(with = "rfc3339")]
    pub end_time: i64,
    /// Areas as given in the scenario.
    pub areas: Vec<TruthArea>,
    /// Vessels.
    pub vessels: Vec<TruthVessel>,
    /// Events, by start time.
    pub events: Vec<TruthEvent>,
    /// Voyages, by departure time.
    pub voyages: Vec<TruthVoyage>,
    /// GNSS interference zones scripted in the scenario, with the vessels they affected.
    #[serde(default)]
    pub interference: Vec<TruthInterference>,
    /// Absences from the vessels' usual trade (`absence` steps that happened).
    #[serde(default)]
    pub absences: Vec<TruthAbsence>,
    /// Run counters.
    pub stats: TruthStats,
}

impl Truth {
    /// Reads a truth file's text.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// An area in the truth file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TruthArea {
    /// Name.
    pub name: String,
    /// Kind (`port`, `anchorage`, `naval`, `rail`, `sts`, `depot`).
    pub kind: String,
    /// Centre `[lat, lon]` (circles).
    pub centre: Option<[f64; 2]>,
    /// Radius, km (circles).
    pub radius_km: Option<f64>,
    /// Vertices `[[lat, lon], ...]` (polygons).
    pub polygon: Option<Vec<[f64; 2]>>,
}

/// One simulated vessel.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TruthVessel {
    /// Scenario name.
    pub name: String,
    /// Every MMSI it used, first first.
    pub mmsis: Vec<u32>,
    /// IMO (0 = none).
    pub imo: u32,
    /// Transponder class (`A` or `B`).
    pub class: String,
    /// AIS ship type.
    pub ship_type: u8,
    /// Background traffic rather than scripted.
    pub background: bool,
}

/// One true event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TruthEvent {
    /// `T` + sequence number, stable for a seed.
    pub event_id: String,
    /// Type.
    pub event_type: EventType,
    /// Scenario name of the vessel.
    pub vessel: String,
    /// MMSI the vessel used when the event started.
    pub mmsi: u32,
    /// The other vessel of an encounter.
    pub other_vessel: Option<String>,
    /// The other vessel's MMSI.
    pub other_mmsi: Option<u32>,
    /// Start.
    #[serde(with = "rfc3339")]
    pub start_time: i64,
    /// End.
    #[serde(with = "rfc3339")]
    pub end_time: i64,
    /// Position at the start.
    #[serde(serialize_with = "ser_round")]
    pub lat: Option<f64>,
    /// Position at the start.
    #[serde(serialize_with = "ser_round")]
    pub lon: Option<f64>,
    /// Position at the end.
    #[serde(serialize_with = "ser_round")]
    pub end_lat: Option<f64>,
    /// Position at the end.
    #[serde(serialize_with = "ser_round")]
    pub end_lon: Option<f64>,
    /// Area the event is in (or starts in).
    pub area: Option<String>,
    /// Area the event ends in, when different.
    pub other_area: Option<String>,
    /// Position reports from this vessel received (by any station) during the event: zero means
    /// no AIS detector can see it.
    pub received_positions: u64,
    /// Type-specific facts.
    pub details: serde_json::Value,
}

impl TruthEvent {
    /// A new event between two positions; received counts start at zero, id and areas empty.
    pub fn new(
        event_type: EventType,
        vessel: &str,
        mmsi: u32,
        start_time: i64,
        end_time: i64,
        start: LatLon,
        end: LatLon,
    ) -> Self {
        Self {
            event_id: String::new(),
            event_type,
            vessel: vessel.to_owned(),
            mmsi,
            other_vessel: None,
            other_mmsi: None,
            start_time,
            end_time,
            lat: Some(start.lat),
            lon: Some(start.lon),
            end_lat: Some(end.lat),
            end_lon: Some(end.lon),
            area: None,
            other_area: None,
            received_positions: 0,
            details: serde_json::Value::Object(Default::default()),
        }
    }

    /// Builder: the areas.
    pub fn areas(mut self, area: Option<&str>, other: Option<&str>) -> Self {
        self.area = area.map(str::to_owned);
        self.other_area = other.map(str::to_owned);
        self
    }

    /// Builder: details.
    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// A voyage: departure from one area's visit to arrival at the next visited area.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TruthVoyage {
    /// `V` + sequence number.
    pub voyage_id: String,
    /// Scenario name of the vessel.
    pub vessel: String,
    /// MMSI at departure.
    pub mmsi: u32,
    /// IMO (0 = none).
    pub imo: u32,
    /// Origin area.
    pub origin: String,
    /// Destination area.
    pub destination: String,
    /// Departure from the origin berth.
    #[serde(with = "rfc3339")]
    pub depart_time: i64,
    /// Arrival at the destination berth.
    #[serde(with = "rfc3339")]
    pub arrive_time: i64,
    /// Containers on board during the leg (the ledger's calibration target).
    pub cargo_containers: u32,
    /// Distance sailed, km.
    pub distance_km: f64,
    /// Fraction of the voyage with the transponder off.
    pub ais_off_fraction: f64,
    /// Position reports received during the voyage.
    pub received_positions: u64,
}

/// A GNSS interference zone: while it is on, vessels inside it report no position (`jam`) or a
/// false one (`spoof`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TruthInterference {
    /// Scenario name of the zone.
    pub name: String,
    /// `jam` or `spoof`.
    pub effect: String,
    /// Centre `[lat, lon]`.
    pub centre: [f64; 2],
    /// Radius, km.
    pub radius_km: f64,
    /// When it starts.
    #[serde(with = "rfc3339")]
    pub start_time: i64,
    /// When it ends.
    #[serde(with = "rfc3339")]
    pub end_time: i64,
    /// Vessels whose received reports it changed.
    pub vessels: Vec<String>,
    /// Their MMSIs.
    pub mmsis: Vec<u32>,
    /// Received position reports it changed.
    pub affected_reports: u64,
}

/// Time a vessel spent away from its usual trade (an `absence` script step).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TruthAbsence {
    /// Scenario name of the vessel.
    pub vessel: String,
    /// Why, as scripted (`yard`, `trade`, `wait`).
    pub kind: String,
    /// Area it went to, if an area.
    pub area: Option<String>,
    /// Leaving its previous place.
    #[serde(with = "rfc3339")]
    pub start_time: i64,
    /// End of the stay away (it then sails on with the next step).
    #[serde(with = "rfc3339")]
    pub end_time: i64,
}

/// Counters of the run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TruthStats {
    /// Messages transmitted (while the transponder was on).
    pub transmitted: u64,
    /// Of those, received by at least one station.
    pub received: u64,
    /// NMEA lines written (multi-sentence messages, several stations and duplicates count).
    pub lines: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_round_trips_to_the_second() {
        let text = r#"{"scenario":"s","seed":7,"start_time":"2023-08-10T00:00:00Z",
          "end_time":"2023-08-12T00:00:00Z","areas":[{"name":"Rajin","kind":"port",
          "centre":[42.2,130.3],"radius_km":4.0,"polygon":null}],
          "vessels":[{"name":"ANGARA","mmsis":[273000001],"imo":9179842,"class":"A",
          "ship_type":70,"background":false}],
          "events":[{"event_id":"T000001","event_type":"port_visit","vessel":"ANGARA",
          "mmsi":273000001,"other_vessel":null,"other_mmsi":null,
          "start_time":"2023-08-10T06:00:00Z","end_time":"2023-08-11T06:00:00Z",
          "lat":42.23333,"lon":130.3,"end_lat":42.23333,"end_lon":130.3,"area":"Rajin",
          "other_area":null,"received_positions":0,"details":{"kind":"port"}}],
          "voyages":[],"stats":{"transmitted":1,"received":1,"lines":1}}"#;
        let truth = Truth::from_json(text).unwrap();
        assert_eq!(truth.events[0].event_type, EventType::PortVisit);
        assert_eq!(
            truth.events[0].end_time - truth.events[0].start_time,
            86_400_000
        );
        let mut again = truth.clone();
        again.events[0].start_time += 400; // below a second: the file keeps seconds
        let back = Truth::from_json(&serde_json::to_string(&again).unwrap()).unwrap();
        assert_eq!(back.events[0].start_time, truth.events[0].start_time);
        assert!(Truth::from_json(&text.replace("06:00:00Z\",\"end", "soon\",\"end")).is_err());
    }
}
