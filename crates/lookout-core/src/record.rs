//! Input records: the fields of the store's `positions` and `statics` tables that the detectors
//! read. Times are milliseconds since the Unix epoch (UTC), as in the store.

use std::sync::Arc;

/// One position report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Position {
    /// Maritime Mobile Service Identity.
    pub mmsi: u32,
    /// Receive time, ms since the Unix epoch.
    pub time: i64,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Speed over ground, knots.
    pub sog: Option<f32>,
    /// Course over ground, degrees.
    pub cog: Option<f32>,
    /// True heading, degrees.
    pub heading: Option<u16>,
    /// Navigational status (ITU-R M.1371 table 48).
    pub nav_status: Option<u8>,
    /// AIS message type (1-3 class A, 18 and 19 class B, 27 long range), 0 when the input did
    /// not say (decoded CSV exports).
    pub msg_type: u8,
    /// Receiving station or feed (tag block `s:`, `$PGHP` station, CSV source column), if known.
    pub station: Option<Arc<str>>,
}

impl Position {
    /// True for class B position reports (message types 18 and 19).
    pub fn is_class_b(&self) -> bool {
        matches!(self.msg_type, 18 | 19)
    }
}

/// One static and voyage report; fields a message does not carry are `None`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Static {
    /// Maritime Mobile Service Identity.
    pub mmsi: u32,
    /// Receive time, ms since the Unix epoch.
    pub time: i64,
    /// IMO number.
    pub imo: Option<u32>,
    /// Call sign.
    pub callsign: Option<String>,
    /// Vessel name.
    pub name: Option<String>,
    /// AIS ship type.
    pub ship_type: Option<u8>,
    /// Draught, metres.
    pub draught: Option<f32>,
    /// Destination.
    pub destination: Option<String>,
    /// Receiving station or feed, if known.
    pub station: Option<Arc<str>>,
}

/// A record of either table, in the order the engine consumes them.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A position report.
    Position(Position),
    /// A static report.
    Static(Static),
}

impl Record {
    /// The vessel.
    pub fn mmsi(&self) -> u32 {
        match self {
            Record::Position(p) => p.mmsi,
            Record::Static(s) => s.mmsi,
        }
    }

    /// The receive time, ms.
    pub fn time(&self) -> i64 {
        match self {
            Record::Position(p) => p.time,
            Record::Static(s) => s.time,
        }
    }
}
