//! Ingests files into a store and prints the summary: the library without the CLI, for
//! benchmarks (`cargo run --release -p lookout-ingest --example ingest_files -- STORE FILE...`).
//! `LOOKOUT_THREADS=N` sets the threads as `lookout ingest --threads N` does.

use std::time::Instant;

use lookout_ingest::{expand, Ingest, IngestOptions};
use lookout_store::{StoreWriter, WriteOptions};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let store = args.next().expect("usage: ingest_files STORE FILE...");
    let mut sources = Vec::new();
    for spec in args {
        sources.extend(expand(&spec)?);
    }
    let started = Instant::now();
    let threads: usize = std::env::var("LOOKOUT_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(1);
    let write = WriteOptions {
        parallel_tables: threads > 1,
        ..WriteOptions::default()
    };
    let mut ingest = Ingest::new(
        StoreWriter::open(&store, write)?,
        IngestOptions {
            threads,
            ..IngestOptions::default()
        },
    );
    ingest.run(&sources)?;
    let s = ingest.finish()?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{} messages in {secs:.2} s ({:.0}/s): {} positions, {} statics, {} duplicates, {} rejects, {} failed inputs",
        s.messages,
        s.messages as f64 / secs,
        s.positions,
        s.statics,
        s.duplicates,
        s.total_rejects(),
        s.failed.len()
    );
    Ok(())
}
