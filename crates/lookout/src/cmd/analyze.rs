//! `lookout analyze PROJECT_DIR --out OUT_DIR`: the whole pipeline for one project folder.
//! AIS (the project's inputs, or AIS simulated from its scenario when none is present) is
//! ingested into `OUT_DIR/store`, events are detected over the corridor's areas, voyages and
//! the ledger are built with the observations, claims and sanctions list, and everything is
//! written to `OUT_DIR` (format in `docs/ledger.md`).

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use lookout_events::output::EventWriter;
use lookout_events::parquet_in::{run_store, store_files};
use lookout_events::{Areas, Config, Engine, Land};
use lookout_ingest::{expand, Ingest, IngestOptions, TimeRule};
use lookout_project::{Project, ProjectError};
use lookout_report::{Report, Track};
use lookout_store::{Store, StoreWriter, TimeRange, WriteOptions};

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
    let started = Instant::now();
    let project = match Project::load(&args.project) {
        Ok(p) => p,
        Err(ProjectError(problems)) => {
            eprintln!(
                "lookout analyze: {} problem(s) in {}:",
                problems.len(),
                args.project.display()
            );
            for p in &problems {
                eprintln!("  {p}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    fs::create_dir_all(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
    let step = |name: &str, t: Instant| eprintln!("  {name}: {:.1} s", t.elapsed().as_secs_f64());
    eprintln!(
        "lookout analyze: {} ({} observations, {} claims, {} watched vessels)",
        project.dir.display(),
        project.observations.len(),
        project.claims.len(),
        project.watchlist.len()
    );
    // 1. AIS inputs, or simulated AIS.
    let t = Instant::now();
    let mut sources = Vec::new();
    for spec in &project.ais.inputs {
        let path = project.dir.join(spec);
        if let Ok(found) = expand(&path.to_string_lossy()) {
            sources.extend(found);
        }
    }
    if sources.is_empty() {
        if let Some(scenario) = &project.ais.simulate {
            let path = simulate(
                &project.dir.join(scenario),
                &args.out,
                args.seed.or(project.ais.seed),
            )?;
            sources.extend(expand(&path.to_string_lossy())?);
            step("simulated AIS", t);
        } else {
            eprintln!("  no AIS input found: voyages come from observations only");
        }
    }
    // 2. Ingest into a fresh store.
    let t = Instant::now();
    let store_dir = args.out.join("store");
    if store_dir.join("manifest.json").exists() {
        fs::remove_dir_all(&store_dir)
            .with_context(|| format!("replacing {}", store_dir.display()))?;
    }
    let writer = StoreWriter::open(&store_dir, WriteOptions::default())?;
    let mut ingest = Ingest::new(
        writer,
        IngestOptions {
            time: TimeRule::default(),
            flush_every: Duration::from_secs(10),
            batch_rows: 1_000_000,
        },
    );
    ingest.run(&sources)?;
    let summary = ingest.finish()?;
    step(
        &format!(
            "ingest ({} positions, {} static reports, {} vessels)",
            summary.positions, summary.statics, summary.vessels
        ),
        t,
    );
    // 3. Events over the corridor's areas.
    let t = Instant::now();
    let cfg_path = project.dir.join("events.toml");
    let cfg = if cfg_path.exists() {
        Config::from_toml(&fs::read_to_string(&cfg_path)?)
            .with_context(|| format!("config {}", cfg_path.display()))?
    } else {
        Config::default()
    };
    let store = Store::open(&store_dir)?;
    let files = store_files(&store);
    let mut engine = Engine::new(
        cfg,
        Areas::from_toml(&project.corridor_text)?,
        Some(Land::east_asia()),
    );
    let mut events = Vec::new();
    run_store(&mut engine, files, None, None, |batch| {
        events.extend_from_slice(batch);
        Ok(())
    })?;
    for name in ["events.csv", "events.geojson"] {
        let mut w = EventWriter::create(&args.out.join(name))?;
        w.write(&events)?;
        w.finish()?;
    }
    step(&format!("events ({})", events.len()), t);
    // 4. Voyages, ledger, report.
    let t = Instant::now();
    let voyages = lookout_ledger::build(&project, &events);
    let ledger = lookout_ledger::compute(&project, &voyages);
    let tracks = tracks(&store, &project)?;
    let report = Report {
        project: &project,
        voyages: &voyages,
        ledger: &ledger,
        events: &events,
        tracks: &tracks,
    };
    report.write_all(&args.out)?;
    step("voyages, ledger and report", t);
    let observed = voyages.voyages.iter().filter(|v| v.is_observed()).count();
    eprintln!(
        "{} observed voyages, {} groups of hidden voyages",
        observed,
        voyages.voyages.len() - observed
    );
    for (ci, (c, b)) in project.corridors.iter().zip(&ledger.totals).enumerate() {
        if voyages.voyages.iter().any(|v| v.corridor == ci) {
            eprintln!(
                "{}: {:.0} {} (90% interval {:.0} - {:.0})",
                c.name, b.central, c.unit, b.low, b.high
            );
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
        "wrote voyages.csv, events.csv, ledger.csv, claims_vs_evidence.csv, *.geojson, report.html to {} in {:.1} s",
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Simulates the scenario's AIS into `OUT/ais/ais.nmea` (and the truth beside it), unless the
/// folder already holds AIS simulated from the same scenario text and seed.
fn simulate(scenario: &Path, out: &Path, seed: Option<u64>) -> Result<PathBuf> {
    use lookout_sim::land::LandMask;
    use lookout_sim::scenario::Scenario;
    use lookout_sim::sim::{NmeaWriter, Options, Simulation};
    let text =
        fs::read_to_string(scenario).with_context(|| format!("reading {}", scenario.display()))?;
    let scenario_v =
        Scenario::from_toml(&text).with_context(|| format!("scenario {}", scenario.display()))?;
    let land = LandMask::east_asia();
    let options = Options {
        seed,
        ..Default::default()
    };
    let sim = Simulation::new(scenario_v, &land, &options)
        .with_context(|| format!("scenario {}", scenario.display()))?;
    let dir = out.join("ais");
    fs::create_dir_all(&dir)?;
    let path = dir.join("ais.nmea");
    // Re-runs reuse the AIS simulated from the same scenario text and seed.
    let key = format!(
        "scenario {:016x} seed {seed:?}\n",
        text.bytes()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b))
                .wrapping_mul(0x100_0000_01b3))
    );
    let key_path = dir.join("simulated.txt");
    if path.exists() && fs::read_to_string(&key_path).is_ok_and(|k| k == key) {
        eprintln!("  reusing {} (same scenario and seed)", path.display());
        return Ok(path);
    }
    let _ = fs::remove_file(&key_path);
    let mut writer = NmeaWriter::new(BufWriter::with_capacity(1 << 20, File::create(&path)?));
    let truth = sim.run(&mut writer)?;
    writer.into_inner().flush()?;
    let mut t = BufWriter::new(File::create(dir.join("truth.json"))?);
    serde_json::to_writer_pretty(&mut t, &truth)?;
    t.flush()?;
    fs::write(&key_path, key)?;
    Ok(path)
}

/// Tracks of the watched vessels (thinned to at most one point per 10 minutes).
fn tracks(store: &Store, project: &Project) -> Result<Vec<Track>> {
    let mut out = Vec::new();
    for w in &project.watchlist {
        for &mmsi in &w.mmsi {
            let (rows, _) = lookout_store::track(store, mmsi, TimeRange::default())?;
            let mut pts: Vec<(i64, f64, f64)> = Vec::new();
            for r in rows {
                if pts.last().is_none_or(|p| r.time - p.0 >= 600_000) {
                    pts.push((r.time, r.lat, r.lon));
                }
            }
            if !pts.is_empty() {
                out.push((mmsi, w.name.clone(), pts));
            }
        }
    }
    Ok(out)
}
