//! `lookout-store`: Lookout's open columnar store of AIS positions and static reports.
//!
//! Layout (the contract other tools script against, documented in `docs/store.md`):
//!
//! ```text
//! STORE/manifest.json                          inputs and committed files with their statistics
//! STORE/positions/date=YYYY-MM-DD/part-*.parquet
//! STORE/statics/date=YYYY-MM-DD/part-*.parquet
//! ```
//!
//! Each file is sorted by (mmsi, time) and carries row-group statistics, so [`track`] reads
//! only the files and row groups that can hold one vessel's rows. [`StoreWriter`] buffers rows,
//! drops those the store already holds (same MMSI, time and payload), and commits each flush
//! with a temporary file, fsync, rename and then an atomic manifest update; a process killed at
//! any moment leaves a store that opens and holds every completed flush.
//!
//! ```
//! use lookout_store::{track, PositionRow, Provenance, Store, StoreWriter, TimeRange, TimeSource};
//!
//! let dir = tempfile::tempdir()?;
//! let mut w = StoreWriter::open(dir.path(), Default::default())?;
//! let input_id = w.register_input("example.nmea")?;
//! w.push_position(PositionRow {
//!     mmsi: 273_000_001, time: 1_700_000_000_000, time_source: TimeSource::Rx,
//!     lat: 42.9, lon: 131.4, sog: Some(9.5), cog: Some(12.0), heading: Some(11),
//!     nav_status: Some(0), msg_type: 1,
//!     prov: Provenance { source: None, input_id, input_line: 1 },
//! });
//! w.flush()?;
//! drop(w);
//! let store = Store::open(dir.path())?;
//! let (rows, _) = track(&store, 273_000_001, TimeRange::default())?;
//! assert_eq!(rows.len(), 1);
//! # Ok::<(), anyhow::Error>(())
//! ```

mod dedup;
mod read;
pub mod records;
mod schema;
mod store;
mod writer;

pub use read::{for_each_position, track, vessels, ScanStats, TimeRange, Vessel};
pub use schema::{
    positions_schema, positions_to_batch, statics_schema, DedupKey, PositionRow, Provenance,
    StaticRow, TimeSource,
};
pub use store::{FileEntry, InputEntry, Manifest, Store, Table, FORMAT_VERSION, MANIFEST};
pub use writer::{date_string, day_of, FlushStats, StoreWriter, WriteOptions, DEDUP_WINDOW_MS};
