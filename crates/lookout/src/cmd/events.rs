//! `lookout events`: tracks and behavioural events (port visits, gaps, encounters, loitering,
//! draught and identity changes, spoofing) from the store, to CSV, GeoJSON or Parquet; GNSS
//! interference areas to a second file on request.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use lookout_core::time::parse_time;
use lookout_events::output::{write_interference, EventWriter, Format};
use lookout_events::store_in::run_store;
use lookout_events::{Areas, Config, Engine, EventType, Land};
use lookout_store::Store;

use super::default_threads;

/// Arguments of `lookout events`.
#[derive(clap::Args)]
pub struct Args {
    /// Store directory.
    #[arg(long, value_name = "DIR")]
    store: PathBuf,
    /// Named areas: GeoJSON FeatureCollection (Polygon/MultiPolygon, or Point with `radius_km`;
    /// properties `name`, `kind`) or TOML (`[[areas]]`, the scenario layout). Without areas
    /// there are no port visits, and encounters are kept away from the coast and from
    /// anchorages inferred from stopped vessels.
    #[arg(long, value_name = "FILE")]
    areas: Option<PathBuf>,
    /// Earliest time (RFC 3339, `YYYY-MM-DD` or Unix seconds), inclusive.
    #[arg(long, value_parser = parse_time)]
    from: Option<i64>,
    /// Latest time, inclusive.
    #[arg(long, value_parser = parse_time)]
    to: Option<i64>,
    /// Thresholds (TOML; keys as in `docs/events.md`); defaults are the published ones.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Land polygons for the inland spoofing test (`data/land` format); default: the bundled
    /// Natural Earth East Asia extract.
    #[arg(long, value_name = "FILE")]
    land: Option<PathBuf>,
    /// Write only these event types (comma-separated, e.g. `encounter,gap`); default: all.
    #[arg(long, value_name = "TYPES", value_delimiter = ',', value_parser = parse_type)]
    types: Vec<EventType>,
    /// Threads: with more than one, one reads the store while N run the vessels' detectors,
    /// split by MMSI; the events are the same. Default: the machine's cores.
    #[arg(long, value_name = "N", default_value_t = default_threads())]
    threads: usize,
    /// Output file: `.csv`, `.geojson` or `.parquet`.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Also write the GNSS interference areas found (`.geojson` or `.csv`).
    #[arg(long, value_name = "FILE")]
    interference: Option<PathBuf>,
}

fn parse_type(name: &str) -> Result<EventType, String> {
    EventType::ALL
        .into_iter()
        .find(|t| t.as_str() == name.trim())
        .ok_or_else(|| {
            let all: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            format!("unknown event type {name:?} (one of {})", all.join(", "))
        })
}

/// Runs `lookout events`.
pub fn run(args: Args) -> Result<ExitCode> {
    let cfg = match &args.config {
        Some(p) => Config::from_toml(
            &std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
        )
        .with_context(|| format!("config {}", p.display()))?,
        None => Config::default(),
    };
    let areas = match &args.areas {
        Some(p) => Areas::from_path(p).with_context(|| format!("areas file {}", p.display()))?,
        None => Areas::default(),
    };
    let land = match &args.land {
        Some(p) => std::sync::Arc::new(
            Land::from_json(
                &std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
            )
            .with_context(|| format!("land file {}", p.display()))?,
        ),
        None => Land::east_asia(),
    };
    if let Some(p) = &args.interference {
        if !matches!(Format::from_path(p), Some(Format::Csv | Format::GeoJson)) {
            anyhow::bail!(
                "cannot write interference areas to {}: use .geojson or .csv",
                p.display()
            );
        }
    }
    let store = Store::open(&args.store)?;
    for w in store.warnings() {
        eprintln!("lookout events: store: {w}");
    }
    let mut engine = Engine::new(cfg, areas, Some(land));
    engine.set_threads(args.threads);
    let mut writer = EventWriter::create(&args.out)?;
    run_store(&mut engine, &store, args.from, args.to, |events| {
        if args.types.is_empty() {
            writer.write(events)
        } else {
            let kept: Vec<_> = events
                .iter()
                .filter(|e| args.types.contains(&e.event_type))
                .cloned()
                .collect();
            writer.write(&kept)
        }
    })?;
    let written = writer.finish()?;
    let areas = engine.take_interference();
    if let Some(p) = &args.interference {
        write_interference(p, &areas)?;
    }
    let stats = engine.stats();
    eprintln!(
        "lookout events: {} positions, {} statics, {} vessels (peak held {}); {} events {}; gaps by reason {}; spoofing by kind {}; {} interference areas; rejects {}; dropped {}; skipped identities {}",
        stats.positions,
        stats.statics,
        stats.vessels,
        stats.peak_vessels,
        written,
        serde_json::to_string(&stats.events)?,
        serde_json::to_string(&stats.gap_reasons)?,
        serde_json::to_string(&stats.spoofing_kinds)?,
        areas.len(),
        serde_json::to_string(&stats.rejects)?,
        serde_json::to_string(&stats.dropped)?,
        serde_json::to_string(&stats.skipped_identities)?,
    );
    Ok(ExitCode::SUCCESS)
}
