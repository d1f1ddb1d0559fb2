//! `lookout ingest`: AIS files and live feeds into the store.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use lookout_ingest::{expand, stop_on_signals, Ingest, IngestOptions, Source, TimeRule};
use lookout_store::{StoreWriter, WriteOptions};

use super::default_threads;

use lookout_core::time::{format_time_ms, parse_time};

/// Arguments of `lookout ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// Store directory (created if missing).
    #[arg(long, value_name = "DIR")]
    store: std::path::PathBuf,
    /// Date messages that have no receive time from the date (and time) in their file's name.
    #[arg(long)]
    time_from_file_name: bool,
    /// Date messages that have no receive time with this time (RFC 3339, `YYYY-MM-DD` or Unix
    /// seconds); applies after --time-from-file-name.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    assume_time: Option<i64>,
    /// Live sources (stdin, TCP, UDP) commit at least this often, in seconds.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    flush_secs: u64,
    /// Commit whenever this many rows are buffered (bounds memory).
    #[arg(long, default_value_t = 1_000_000, value_name = "ROWS")]
    batch_rows: usize,
    /// Read CSV inputs through this column mapping (TOML, docs/imports.md), for exports in
    /// neither the DMA nor the MarineCadastre layout.
    #[arg(long, value_name = "FILE")]
    csv_mapping: Option<std::path::PathBuf>,
    /// Threads: with more than one, files are decoded on N-1 threads (several files at once)
    /// while one writes the store, and each commit writes positions and statics at once; the
    /// store holds the same rows in the same files. Default: the machine's cores.
    #[arg(long, value_name = "N", default_value_t = default_threads())]
    threads: usize,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Files, directories, globs, `tcp://HOST:PORT`, `udp://ADDR:PORT` or `-` (stdin).
    #[arg(required = true, value_name = "SOURCE")]
    sources: Vec<String>,
}

/// Runs `lookout ingest`. Exit status 1 if any input failed (what it held before is kept).
pub fn run(args: Args) -> Result<ExitCode> {
    let mut sources = Vec::new();
    for spec in &args.sources {
        sources.extend(expand(spec)?);
    }
    let threads = args.threads.max(1);
    let write = WriteOptions {
        parallel_tables: threads > 1,
        ..WriteOptions::default()
    };
    let writer = StoreWriter::open(&args.store, write)?;
    for w in writer.store().warnings() {
        eprintln!("lookout ingest: warning: {w}");
    }
    if writer.store().adopted() > 0 {
        eprintln!(
            "lookout ingest: recovered {} file(s) committed by an interrupted run",
            writer.store().adopted()
        );
    }
    let mut ingest = Ingest::new(
        writer,
        IngestOptions {
            time: TimeRule {
                from_file_name: args.time_from_file_name,
                assume: args.assume_time,
            },
            flush_every: Duration::from_secs(args.flush_secs.max(1)),
            batch_rows: args.batch_rows.max(1),
            threads,
        },
    );
    if let Some(path) = &args.csv_mapping {
        ingest.set_csv_mapping(lookout_ingest::CsvMapping::from_path(path)?);
    }
    stop_on_signals(&ingest.stop_flag())?;
    let total: u64 = sources
        .iter()
        .filter_map(|s| match s {
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            _ => None,
        })
        .sum();
    let bar = if args.quiet || total == 0 {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(total).with_style(
            ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .context("progress template")?,
        )
    };
    let progress = bar.clone();
    ingest.set_progress(Box::new(move |n| progress.inc(n)));
    let started = Instant::now();
    ingest.run(&sources)?;
    bar.finish_and_clear();
    let s = ingest.finish()?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "ingested {} input(s) in {secs:.1} s: {} lines, {} messages ({:.0}/s), {} positions and {} static reports stored, {} duplicates skipped, {} vessels",
        s.inputs,
        s.lines,
        s.messages,
        s.messages as f64 / secs.max(1e-9),
        s.positions,
        s.statics,
        s.duplicates,
        s.vessels
    );
    if let (Some(a), Some(b)) = (s.first_time, s.last_time) {
        eprintln!("time range: {} .. {}", format_time_ms(a), format_time_ms(b));
    }
    if s.connections > 0 {
        eprintln!("tcp connections: {}", s.connections);
    }
    if !s.rejects.is_empty() {
        eprintln!("rejects: {}", s.total_rejects());
        for (reason, n) in &s.rejects {
            match s.first_rejects.get(reason) {
                Some(first) => eprintln!("  {reason}: {n} (first: {first})"),
                None => eprintln!("  {reason}: {n}"),
            }
        }
    }
    for (name, error) in &s.failed {
        eprintln!("lookout ingest: {name}: {error}");
    }
    Ok(if s.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
