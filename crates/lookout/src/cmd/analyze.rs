//! `lookout analyze PROJECT_DIR --out OUT_DIR`: the whole pipeline for one project folder
//! (`lookout_pipeline::analyze`), with its progress and a summary on stderr.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use lookout_pipeline::{AnalyzeOptions, Progress};
use lookout_project::{Project, ProjectError};

/// Arguments of `lookout analyze`.
#[derive(clap::Args)]
pub struct Args {
    /// Project folder: corridor.toml, observations.csv, claims.csv, optional *.ftm.jsonl.
    #[arg(value_name = "PROJECT_DIR")]
    project: PathBuf,
    /// Output folder (created; its `store/` and outputs are replaced).
    #[arg(long, value_name = "OUT_DIR")]
    out: PathBuf,
    /// Seed of the simulated AIS, when the project simulates it (default: corridor.toml's
    /// `[ais] seed`, else the scenario's).
    #[arg(long)]
    seed: Option<u64>,
}

/// Runs `lookout analyze`. Exit status 1 when the project folder has problems.
pub fn run(args: Args) -> Result<ExitCode> {
    project_into(&args.project, &args.out, args.seed)
}

/// Analyzes the project in `dir` into `out`, reporting on stderr (also used by `lookout serve`).
pub fn project_into(dir: &Path, out: &Path, seed: Option<u64>) -> Result<ExitCode> {
    let started = Instant::now();
    let project = match Project::load(dir) {
        Ok(p) => p,
        Err(ProjectError(problems)) => {
            eprintln!(
                "lookout analyze: {} problem(s) in {}:",
                problems.len(),
                dir.display()
            );
            for p in &problems {
                eprintln!("  {p}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    eprintln!(
        "lookout analyze: {} ({} observations, {} claims, {} watched vessels)",
        project.dir.display(),
        project.observations.len(),
        project.claims.len(),
        project.watchlist.len()
    );
    let options = AnalyzeOptions { seed };
    let analysis = lookout_pipeline::analyze(&project, out, &options, |p| match p {
        Progress::Step(name, took) => eprintln!("  {name}: {:.1} s", took.as_secs_f64()),
        Progress::Note(note) => eprintln!("  {note}"),
    })?;
    let (voyages, ledger) = (&analysis.voyages, &analysis.ledger);
    let observed = voyages.voyages.iter().filter(|v| v.is_observed()).count();
    eprintln!(
        "{} observed voyages, {} groups of hidden voyages",
        observed,
        voyages.voyages.len() - observed
    );
    let real = ledger.real_only.as_deref();
    for (ci, (c, b)) in project.corridors.iter().zip(&ledger.totals).enumerate() {
        if voyages.voyages.iter().any(|v| v.corridor == ci) {
            eprintln!(
                "{}: {:.0} {} (90% interval {:.0} - {:.0}) from all evidence",
                c.name, b.central, c.unit, b.low, b.high
            );
            match real {
                Some(r) if r.voyages.voyages.iter().any(|v| v.corridor == ci) => {
                    let b = r.ledger.totals[ci];
                    eprintln!(
                        "  from real evidence alone: {:.0} {} (90% interval {:.0} - {:.0})",
                        b.central, c.unit, b.low, b.high
                    );
                }
                Some(_) => eprintln!("  from real evidence alone: no voyage, no total"),
                None => eprintln!("  all evidence is real"),
            }
        } else if let Some(y) = ledger.yards.iter().find(|y| y.corridor == ci) {
            eprintln!(
                "{}: no train followed; yard snapshots: {:.0} railcars through the yards (90% interval {:.0} - {:.0}), {:.0} containers ({:.0} - {:.0}), {:.0} t ({:.0} - {:.0})",
                c.name,
                y.railcars.central,
                y.railcars.low,
                y.railcars.high,
                y.containers.central,
                y.containers.low,
                y.containers.high,
                y.tonnes.central,
                y.tonnes.low,
                y.tonnes.high
            );
            if let Some(r) = real {
                match r.ledger.yards.iter().find(|y| y.corridor == ci) {
                    Some(y) => eprintln!(
                        "  from real snapshots alone: {:.0} railcars (90% interval {:.0} - {:.0})",
                        y.railcars.central, y.railcars.low, y.railcars.high
                    ),
                    None => eprintln!("  from real snapshots alone: none, no total"),
                }
            }
        } else {
            eprintln!("{}: no voyage seen or inferred, no total", c.name);
        }
    }
    let mut positions = std::collections::BTreeMap::<&str, usize>::new();
    for c in &ledger.comparisons {
        *positions.entry(c.position.as_str()).or_default() += 1;
    }
    eprintln!("claims vs evidence: {positions:?}");
    if let Some(s) = &project.sanctions {
        if !s.rejects.is_empty() || !s.bad_imos.is_empty() {
            eprintln!(
                "sanctions list: {} line(s) set aside, {} IMO number(s) failing the check digit ignored",
                s.rejects.len(),
                s.bad_imos.len()
            );
        }
    }
    eprintln!(
        "wrote voyages.csv, events.csv, ledger.csv, claims_vs_evidence.csv, rail_yards.csv, *.geojson, report.html, run.json to {} in {:.1} s",
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
