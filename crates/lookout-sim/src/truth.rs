//! Ground truth: the simulation's events and voyages in the file format `lookout_core::truth`
//! defines (`truth.json`). The simulation works in seconds; truth records hold milliseconds.

pub use lookout_core::event::EventType;
pub use lookout_core::truth::{
    TruthAbsence as Absence, TruthEvent as Event, TruthStats as Stats, TruthVessel as VesselInfo,
    TruthVoyage as Voyage,
};

use crate::scenario::Seconds;

/// Milliseconds of a simulation time, for truth records.
pub fn ms(t: Seconds) -> i64 {
    (t * 1000.0).floor() as i64
}

/// Seconds of a truth record's time.
pub fn seconds(ms: i64) -> Seconds {
    ms as f64 / 1000.0
}
