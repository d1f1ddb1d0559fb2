//! `lookout simulate`: realistic AIS traffic for a scenario, with ground truth.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;
use lookout_core::land::Land;
use lookout_sim::scenario::Scenario;
use lookout_sim::sim::{NmeaWriter, Options, Simulation};

/// Arguments of `lookout simulate`.
#[derive(clap::Args)]
pub struct Args {
    /// Scenario file (TOML; format in docs/scenario-format.md).
    #[arg(long, value_name = "FILE.toml")]
    scenario: PathBuf,
    /// Output directory for ais.nmea (or ais.nmea.gz) and truth.json.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Random seed (default: the scenario's `seed`).
    #[arg(long)]
    seed: Option<u64>,
    /// Simulate this many days from the scenario start (default: to its `end`).
    #[arg(long)]
    days: Option<f64>,
    /// Number of random background vessels (default: the scenario's `background.count`).
    #[arg(long)]
    background: Option<usize>,
    /// Write ais.nmea.gz instead of ais.nmea.
    #[arg(long)]
    gzip: bool,
}

/// Runs `lookout simulate`.
pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let text = fs::read_to_string(&args.scenario)
        .with_context(|| format!("reading {}", args.scenario.display()))?;
    let scenario = Scenario::from_toml(&text)
        .with_context(|| format!("scenario {}", args.scenario.display()))?;
    if let Some(days) = args.days {
        anyhow::ensure!(
            days > 0.0 && days.is_finite(),
            "--days must be a positive number"
        );
    }
    let options = Options {
        seed: args.seed,
        days: args.days,
        background: args.background,
    };
    let land = Land::east_asia();
    let sim = Simulation::new(scenario, &land, &options)
        .with_context(|| format!("scenario {}", args.scenario.display()))?;
    let planned = started.elapsed();
    fs::create_dir_all(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
    let name = if args.gzip { "ais.nmea.gz" } else { "ais.nmea" };
    let path = args.out.join(name);
    let file = File::create(&path).with_context(|| format!("creating {}", path.display()))?;
    let truth = if args.gzip {
        let mut writer = NmeaWriter::new(BufWriter::with_capacity(
            1 << 20,
            GzEncoder::new(file, Compression::fast()),
        ));
        let truth = sim.run(&mut writer)?;
        writer
            .into_inner()
            .into_inner()
            .map_err(|e| e.into_error())?
            .finish()?
            .sync_all()?;
        truth
    } else {
        let mut writer = NmeaWriter::new(BufWriter::with_capacity(1 << 20, file));
        let truth = sim.run(&mut writer)?;
        writer.into_inner().flush()?;
        truth
    };
    let truth_path = args.out.join("truth.json");
    let mut out = BufWriter::new(
        File::create(&truth_path).with_context(|| format!("creating {}", truth_path.display()))?,
    );
    serde_json::to_writer_pretty(&mut out, &truth)?;
    out.flush()?;
    let mut run = lookout_pipeline::RunRecord::new("simulate");
    let shown = args.scenario.display().to_string();
    run.inputs.push(lookout_pipeline::InputRecord::of_file(
        &args.scenario,
        &shown,
        "scenario",
    )?);
    run.setting("seed", truth.seed);
    run.setting("days", args.days);
    run.setting("background", args.background);
    run.setting("gzip", args.gzip);
    run.write(&args.out)?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "lookout simulate: {} vessels, {} messages sent, {} received, {} lines -> {}; {} events, {} voyages -> {}; {:.1} s ({:.1} s planning, {:.0} received msgs/s)",
        truth.vessels.len(),
        truth.stats.transmitted,
        truth.stats.received,
        truth.stats.lines,
        path.display(),
        truth.events.len(),
        truth.voyages.len(),
        truth_path.display(),
        secs,
        planned.as_secs_f64(),
        truth.stats.received as f64 / secs.max(1e-9),
    );
    Ok(ExitCode::SUCCESS)
}
