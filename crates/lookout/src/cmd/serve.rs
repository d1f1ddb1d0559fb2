//! `lookout serve PROJECT_DIR`: the web dashboard and HTTP API over a project folder
//! (`docs/server.md`). The analysis is run first with `lookout analyze` into `--out` (or an
//! existing one is reused with `--reuse`); the server then loads the project folder, the
//! events and the AIS store, computes voyages and ledger, and recomputes them after every
//! write to `observations.csv` or `claims.csv`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cmd::analyze;

/// Arguments of `lookout serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Project folder: corridor.toml, observations.csv, claims.csv, optional *.ftm.jsonl.
    #[arg(value_name = "PROJECT_DIR")]
    project: PathBuf,
    #[command(flatten)]
    server: ServerArgs,
    /// Analysis folder (`lookout analyze PROJECT_DIR --out OUT_DIR`).
    #[arg(long, value_name = "OUT_DIR", default_value = "out")]
    out: PathBuf,
    /// Serve the analysis already in OUT_DIR instead of running it again.
    #[arg(long)]
    reuse: bool,
}

/// The server's options, the same in `lookout serve` and `lookout watch`.
#[derive(clap::Args)]
pub struct ServerArgs {
    /// Address to listen on (loopback by default; anything else exposes the API).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// File holding the bearer token that allows writes (observations, claims; in `lookout
    /// watch` also acknowledging alerts); without it the server is read-only.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
}

impl ServerArgs {
    /// The bearer token in `--token-file`, if given.
    pub fn token(&self) -> Result<Option<String>> {
        read_token(self.token_file.as_deref())
    }
}

/// The bearer token in `--token-file`, if given (trimmed; an empty file is an error).
pub fn read_token(file: Option<&std::path::Path>) -> Result<Option<String>> {
    let Some(path) = file else { return Ok(None) };
    let token = std::fs::read_to_string(path)
        .with_context(|| format!("reading the token file {}", path.display()))?
        .trim()
        .to_owned();
    if token.is_empty() {
        anyhow::bail!("the token file is empty");
    }
    Ok(Some(token))
}

/// Runs `lookout serve`.
pub fn run(args: Args) -> Result<ExitCode> {
    let token = args.server.token()?;
    let addr = args.server.addr;
    if !(args.reuse && args.out.join("events.csv").exists()) {
        let code = analyze::project_into(&args.project, &args.out, None)?;
        if code != ExitCode::SUCCESS {
            return Ok(code);
        }
    }
    let data = lookout_server::Dataset::load(&args.project, &args.out)?;
    let writable = token.is_some();
    let state = lookout_server::AppState::new(data, token)?;
    if !addr.ip().is_loopback() {
        eprintln!("lookout serve: listening on {addr}, reachable from other machines");
    }
    eprintln!(
        "lookout serve: {}",
        if writable {
            "writes allowed with the bearer token"
        } else {
            "read-only (no --token-file)"
        }
    );
    lookout_server::run_blocking(addr, lookout_server::app(state))?;
    Ok(ExitCode::SUCCESS)
}
