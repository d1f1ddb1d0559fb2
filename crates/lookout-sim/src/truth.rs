//! Ground truth: the events and voyages a scenario contains, in the event detector's vocabulary.
//! Serialized as `truth.json` (schema in `docs/scenario-format.md`).

use serde::{Serialize, Serializer};

use crate::geo::LatLon;
use crate::scenario::{format_time, Seconds};

/// Event types, named as in the detector's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// A stay in a named area.
    PortVisit,
    /// Transponder off, or out of coverage, for a while.
    Gap,
    /// Two vessels alongside at sea.
    Encounter,
    /// Slow drifting at sea.
    Loitering,
    /// Reported draught changed (loading or unloading).
    DraughtChange,
    /// Name, call sign, IMO, flag or MMSI changed.
    IdentityChange,
    /// False positions reported.
    Spoofing,
}

fn ser_time<S: Serializer>(t: &Seconds, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_time(*t))
}

fn ser_round<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => s.serialize_f64((x * 1e5).round() / 1e5),
        None => s.serialize_none(),
    }
}

/// One true event.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
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
    /// Start (RFC 3339 UTC).
    #[serde(serialize_with = "ser_time")]
    pub start_time: Seconds,
    /// End (RFC 3339 UTC).
    #[serde(serialize_with = "ser_time")]
    pub end_time: Seconds,
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

impl Event {
    /// A new event with positions; received counts start at zero.
    pub fn new(
        event_type: EventType,
        vessel: &str,
        mmsi: u32,
        t0: Seconds,
        t1: Seconds,
        p0: LatLon,
        p1: LatLon,
    ) -> Self {
        Self {
            event_id: String::new(),
            event_type,
            vessel: vessel.to_owned(),
            mmsi,
            other_vessel: None,
            other_mmsi: None,
            start_time: t0,
            end_time: t1,
            lat: Some(p0.lat),
            lon: Some(p0.lon),
            end_lat: Some(p1.lat),
            end_lon: Some(p1.lon),
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
#[derive(Debug, Clone, Serialize)]
pub struct Voyage {
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
    #[serde(serialize_with = "ser_time")]
    pub depart_time: Seconds,
    /// Arrival at the destination berth.
    #[serde(serialize_with = "ser_time")]
    pub arrive_time: Seconds,
    /// Containers on board during the leg (the ledger's calibration target).
    pub cargo_containers: u32,
    /// Distance sailed, km.
    pub distance_km: f64,
    /// Fraction of the voyage with the transponder off.
    pub ais_off_fraction: f64,
    /// Position reports received during the voyage.
    pub received_positions: u64,
}

/// One simulated vessel as listed in the truth file.
#[derive(Debug, Clone, Serialize)]
pub struct VesselInfo {
    /// Scenario name.
    pub name: String,
    /// Every MMSI it used, first first.
    pub mmsis: Vec<u32>,
    /// IMO.
    pub imo: u32,
    /// Transponder class (`A` or `B`).
    pub class: crate::scenario::Class,
    /// AIS ship type.
    pub ship_type: u8,
    /// Background traffic rather than scripted.
    pub background: bool,
}

/// Counters of the run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Messages transmitted (while the transponder was on).
    pub transmitted: u64,
    /// Of those, received by at least one station.
    pub received: u64,
    /// NMEA lines written (multi-sentence messages, several stations and duplicates count).
    pub lines: u64,
}

/// Time a vessel spent away from its usual trade (an `absence` script step).
#[derive(Debug, Clone, Serialize)]
pub struct Absence {
    /// Scenario name of the vessel.
    pub vessel: String,
    /// Why, as scripted (`yard`, `trade`, `wait`).
    pub kind: String,
    /// Area it went to, if an area.
    pub area: Option<String>,
    /// Leaving its previous place.
    #[serde(serialize_with = "ser_time")]
    pub start_time: Seconds,
    /// End of the stay away (it then sails on with the next step).
    #[serde(serialize_with = "ser_time")]
    pub end_time: Seconds,
}
