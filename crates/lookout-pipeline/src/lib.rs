//! `lookout-pipeline`: the stages wired together, as a library. The `lookout` CLI, the server,
//! the watch mode and the Python bindings call these functions; they parse arguments and show
//! progress, nothing more.
//!
//! - [`simulate_ais`]: a project's scenario to NMEA and `truth.json`, reused when unchanged.
//! - [`ingest`]: AIS sources into a fresh store.
//! - [`event_config`] and [`detect_events`]: the event engine over a store.
//! - [`analyze`]: all of the above for a project folder, then voyages, the ledger and the
//!   outputs (`docs/ledger.md`), the fleet's risk scores among them (`risk.csv`), with a
//!   [`RunRecord`] (`run.json`) beside them.
//! - [`risk_seen`]: the AIS store's identities as the risk score reads them.

mod analyze;
mod risk;
mod run_record;

pub use analyze::{
    analyze, detect_events, event_config, ingest, simulate_ais, watched_tracks, Analysis,
    AnalyzeOptions, Progress,
};
pub use risk::seen as risk_seen;
pub use run_record::{InputRecord, RunRecord};
