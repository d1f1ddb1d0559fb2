//! `lookout`: one binary, one subcommand per pipeline stage.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod input;

/// Watch shipping corridors between sanctioned states: AIS, imagery, rail and claims in one ledger.
#[derive(Parser)]
#[command(name = "lookout", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Voyages, ledger, claims vs evidence and report for a project folder (corridor, imagery, claims, AIS).
    Analyze(cmd::analyze::Args),
    /// Quantitative claims from news texts (`lookout claims extract FILE.txt|FOLDER...`).
    Claims(cmd::claims::Args),
    /// Decode AIS NMEA (plain, .gz, .zst or stdin) to JSON lines or CSV, counting every reject.
    Decode(cmd::decode::Args),
    /// Port visits, gaps, encounters, loitering, draught/identity changes and spoofing from the store.
    Events(cmd::events::Args),
    /// Explained risk score per vessel on a date, ranked: sanctions network, dark time, encounters, identity and flag changes.
    Risk(cmd::risk::Args),
    /// Import GFW event exports and satellite detections (`lookout import gfw-events|detections`).
    Import(cmd::import::Args),
    /// Web dashboard and HTTP API over a project folder (`lookout serve PROJECT_DIR`).
    Serve(cmd::serve::Args),
    /// Simulate AIS traffic for a scenario: NMEA with tag blocks plus ground truth (truth.json).
    Simulate(cmd::simulate::Args),
    /// Ingest AIS files (NMEA, JSONL, DMA/MarineCadastre/mapped CSV) and live feeds into the store.
    Ingest(cmd::ingest::Args),
    /// One vessel's track from the store, as GeoJSON or CSV.
    Track(cmd::track::Args),
    /// Identity per vessel in the store: names, IMO, call signs, first and last seen.
    Vessels(cmd::vessels::Args),
    /// Live monitoring: the project's feeds, events as they happen, alerts, the dashboard (`lookout watch PROJECT_DIR`).
    Watch(cmd::watch::Args),
    /// Play recorded or simulated AIS in time order at N times real speed, as a live feed (TCP, UDP, a file, stdout).
    Replay(cmd::replay::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => cmd::analyze::run(args),
        Command::Claims(args) => cmd::claims::run(args),
        Command::Decode(args) => cmd::decode::run(args),
        Command::Events(args) => cmd::events::run(args),
        Command::Risk(args) => cmd::risk::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Simulate(args) => cmd::simulate::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Track(args) => cmd::track::run(args),
        Command::Vessels(args) => cmd::vessels::run(args),
        Command::Watch(args) => cmd::watch::run(args),
        Command::Replay(args) => cmd::replay::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("lookout: {error:#}");
            ExitCode::from(2)
        }
    }
}
