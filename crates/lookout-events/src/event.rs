//! The output record: one event, in the column contract shared by CSV, Parquet and GeoJSON.

use serde::Serialize;
use serde_json::{Map, Value};

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

/// One detected event. Times are ms since the Unix epoch (UTC).
#[derive(Debug, Clone, PartialEq)]
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

/// Formats ms since the epoch as RFC 3339 UTC (`2024-01-02T03:04:05Z`, milliseconds when not 0).
pub fn format_time(ms: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let (y, mo, d) = (t.year(), t.month() as u8, t.day());
    let (h, mi, s) = (t.hour(), t.minute(), t.second());
    let frac = ms.rem_euclid(1000);
    if frac == 0 {
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    } else {
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{frac:03}Z")
    }
}

/// Parses RFC 3339 (or a bare `YYYY-MM-DD`, midnight UTC) to ms since the epoch.
pub fn parse_time(text: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    let text = text.trim();
    let full = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_owned()
    };
    let t = time::OffsetDateTime::parse(&full, &Rfc3339).ok()?;
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip() {
        let ms = parse_time("2023-09-12T06:30:00Z").unwrap();
        assert_eq!(format_time(ms), "2023-09-12T06:30:00Z");
        assert_eq!(format_time(ms + 250), "2023-09-12T06:30:00.250Z");
        assert_eq!(
            parse_time("2023-09-12"),
            Some(ms - 6 * 3_600_000 - 30 * 60_000)
        );
        assert_eq!(parse_time("yesterday"), None);
        let e = Event::new(
            EventType::Gap,
            273_000_000,
            ms,
            ms + 1,
            (0.0, 0.0),
            (0.0, 0.0),
        );
        assert_eq!(e.event_id(), format!("gap-273000000-{}", ms / 1000));
    }
}
