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
    /// Decode AIS NMEA (plain, .gz, .zst or stdin) to JSON lines or CSV, counting every reject.
    Decode(cmd::decode::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Decode(args) => cmd::decode::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("lookout: {error:#}");
            ExitCode::from(2)
        }
    }
}
