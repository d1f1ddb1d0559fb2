//! `lookout-core`: the vocabulary every Lookout crate shares, and the only place a shared format
//! or rule is defined.
//!
//! - [`time`]: one parse and one format for instants (ms since the Unix epoch, UTC).
pub mod areas;
pub mod compress;
pub mod event;
pub mod geo;
pub mod land;
pub mod mid;
pub mod provenance;
pub mod record;
pub mod time;
pub mod truth;
