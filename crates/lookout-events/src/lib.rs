//! `lookout-events`: what each vessel did, from AIS position and static records.
//!
//! Records go through a per-MMSI segmenter (after Global Fishing Watch's `gpsdio-segment`),
//! which drops duplicates, sets aside noise and spoofed excursions, and separates ships that share
//! an MMSI; each physical track then feeds the detectors: `port_visit`, `gap`, `loitering`,
//! `spoofing` (impossible jumps, positions well inland); statics feed `draught_change` and
//! `identity_change`; a spatial index over 10-minute resampled positions finds `encounter`s,
//! kept away from port areas, the coast and anchorages inferred from stopped vessels; loitering is
//! kept away from port areas and, without them, 20 nm from the coast on average (GFW).
//! Every threshold is in [`Config`], with its published source.
//!
//! ```
//! use lookout_events::{Areas, Config, Engine, Position, Record};
//!
//! let areas = Areas::from_toml("[[areas]]\nname = \"Rajin\"\nkind = \"port\"\ncentre = [42.24, 130.30]\nradius_km = 3\n").unwrap();
//! let mut engine = Engine::new(Config::default(), areas, None);
//! let t0 = 1_700_000_000_000;
//! for hours in [0.0, 1.0, 2.0, 3.0] {
//!     let time = t0 + (hours * 3_600_000.0) as i64;
//!     let p = Position { mmsi: 445_000_001, time, lat: 42.24, lon: 130.30, sog: Some(0.0), nav_status: Some(5), ..Default::default() };
//!     engine.push(&Record::Position(p));
//! }
//! let events = engine.finish();
//! assert_eq!(events[0].event_type.as_str(), "port_visit");
//! assert_eq!(events[0].area.as_deref(), Some("Rajin"));
//! ```

pub mod accuracy;
mod anchorage;
pub mod config;
pub mod engine;
mod identity;
mod interference;
mod names;
pub mod output;
mod reception;
mod spoof;
#[cfg(feature = "parquet")]
pub mod store_in;
mod track;
mod vessel;

pub use config::Config;
pub use engine::{
    coverage_hint, coverage_key, AnomalyOnset, AnomalyReplay, Engine, FlushAnomalies, ImoSighting,
    LastSighting, LinkInputs, MmsiLinks, NewTrack, ResampledPosition, Stats,
};
pub use lookout_core::areas::{Area, Areas};
pub use lookout_core::event::{Event, EventType, InterferenceArea};
pub use lookout_core::land::Land;
pub use lookout_core::record::{Position, Record, Static};
pub use reception::{
    station_days, ReceptionReplay, ReceptionTallies, StationDay, SuspectRun, Tally, TallyKey,
};
pub use vessel::Reject;
