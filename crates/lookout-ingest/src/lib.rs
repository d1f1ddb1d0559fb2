//! `lookout-ingest`: every kind of AIS input into the Lookout store.
//!
//! Sources ([`expand`]): files, directories and globs holding NMEA (plain, `.gz`, `.zst`), the
//! decoder's JSON lines, or CSV in the Danish Maritime Authority or US MarineCadastre layout;
//! `tcp://HOST:PORT` (a client that reconnects with backoff), `udp://ADDR:PORT` (a listener) and
//! `-` (stdin); CSV exports in other layouts through a [`CsvMapping`]. [`Ingest`] decodes them, dates each message (receive time from the input, else
//! the [`TimeRule`]), and writes position and static rows through a
//! [`lookout_store::StoreWriter`], committing every `batch_rows` rows and, for live sources,
//! every `flush_every`. Everything not stored is counted by reason in the [`Summary`]. With
//! [`IngestOptions::threads`] above one, files are decoded on their own threads and the store
//! gets the same rows, in the same commits.

mod batch;
mod csv_layout;
mod csv_mapping;
mod csv_records;
mod ingest;
mod input;
mod live;
mod parallel;
pub mod rows;

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

pub use csv_layout::Layout;
pub use csv_mapping::{Column, CsvMapping, MappedColumns};
pub use ingest::{Ingest, IngestOptions, ProgressFn, Summary, TimeRule};
pub use input::{expand, time_from_file_name, Source};
/// Longest line read; longer ones are skipped and counted (`line_too_long`), as by the decoder.
pub use lookout_ais::MAX_LINE;

/// Sets `flag` on SIGINT or SIGTERM so the ingest commits what it has and exits; a second
/// signal ends the process at once (exit status 130).
pub fn stop_on_signals(flag: &Arc<AtomicBool>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    for sig in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(sig, 130, flag.clone())?;
        signal_hook::flag::register(sig, flag.clone())?;
    }
    Ok(())
}
