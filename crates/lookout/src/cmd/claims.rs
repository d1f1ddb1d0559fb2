//! `lookout claims extract FILE.txt [--format csv|jsonl]`: quantitative claims from news text,
//! in the `claims.csv` columns (see `docs/ledger.md`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

/// Arguments of `lookout claims`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Find quantities, units, qualifiers, speakers, organizations and periods in a text.
    Extract {
        /// News text (UTF-8); `-` reads stdin.
        #[arg(value_name = "FILE.txt")]
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Csv,
    Jsonl,
}

/// Runs `lookout claims`.
pub fn run(args: Args) -> Result<ExitCode> {
    let Action::Extract { file, format } = args.action;
    let text = if file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?
    };
    let rows = lookout_claims::extract(&text);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Csv => lookout_claims::write_csv(&rows, &mut out)?,
        Format::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut out, r)?;
                out.write_all(b"\n")?;
            }
        }
    }
    eprintln!("lookout claims: {} claim(s)", rows.len());
    Ok(ExitCode::SUCCESS)
}
