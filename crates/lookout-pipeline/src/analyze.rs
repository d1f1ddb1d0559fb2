//! The whole pipeline for one project folder: AIS (the project's inputs, or AIS simulated from
//! its scenario when none is present) is ingested into `OUT/store`, events are detected over the
//! corridor's areas, voyages and the ledger are built with the observations, claims and
//! sanctions list, and everything is written to `OUT` (format in `docs/ledger.md`) with its
//! `run.json`; every vessel is scored for risk (`risk.csv`, the report's "Vessels by risk").
//! Import files in the project folder (`gfw_events*`, `detections*`,
//! `footprints*`, `docs/imports.md`) add their events and observation rows.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use lookout_core::event::Event;
use lookout_core::provenance::Provenance;
use lookout_core::time::format_time;
use lookout_events::output::{write_interference, EventWriter};
use lookout_events::store_in::run_store;
use lookout_events::{Areas, Config, Engine, InterferenceArea, Land};
use lookout_imports::matching::MatchConfig;
use lookout_ingest::{expand, CsvMapping, Ingest, IngestOptions, Source, Summary, TimeRule};
use lookout_ledger::{Ledger, Voyages};
use lookout_project::Project;
use lookout_report::{Report, Track};
use lookout_risk::{Assessment, Registries};
use lookout_store::{Store, StoreWriter, TimeRange, WriteOptions};

use crate::run_record::{InputRecord, RunRecord};

/// Options of [`analyze`].
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    /// Seed of the simulated AIS (default: the project's `[ais] seed`, else the scenario's).
    pub seed: Option<u64>,
}

/// What [`analyze`] reports as it goes.
#[derive(Debug, Clone)]
pub enum Progress {
    /// A stage finished, with what it did and how long it took.
    Step(String, Duration),
    /// A remark worth showing (reused inputs, missing AIS).
    Note(String),
}

/// The results of [`analyze`], also written to the output folder.
#[derive(Debug)]
pub struct Analysis {
    /// What the ingest read and stored.
    pub ingest: Summary,
    /// Events over the corridor's areas, in detection order.
    pub events: Vec<Event>,
    /// GNSS interference areas (also written to `interference.geojson`).
    pub interference: Vec<InterferenceArea>,
    /// Voyages, observed and hidden.
    pub voyages: Voyages,
    /// The shipment ledger.
    pub ledger: Ledger,
    /// Every vessel's risk score, highest first (also written to `risk.csv` and the report).
    pub risk: Vec<Assessment>,
    /// The record written as `run.json`.
    pub run: RunRecord,
}

/// Runs the pipeline for `project` into `out` (created; its `store/` and outputs replaced).
pub fn analyze(
    project: &Project,
    out: &Path,
    options: &AnalyzeOptions,
    mut progress: impl FnMut(Progress),
) -> Result<Analysis> {
    fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut run = RunRecord::new("analyze");
    record_project_inputs(project, &mut run)?;
    // 1. AIS inputs, or simulated AIS.
    let t = Instant::now();
    let mut sources = Vec::new();
    for spec in &project.ais.inputs {
        let path = project.dir.join(spec);
        if let Ok(found) = expand(&path.to_string_lossy()) {
            sources.extend(found);
        }
    }
    let seed = options.seed.or(project.ais.seed);
    let mut ais = (!sources.is_empty()).then_some(Provenance::Real);
    if sources.is_empty() {
        if let Some(scenario) = &project.ais.simulate {
            let scenario = project.dir.join(scenario);
            let (path, reused) = simulate_ais(&scenario, out, seed)?;
            if reused {
                progress(Progress::Note(format!(
                    "reusing {} (same scenario and seed)",
                    path.display()
                )));
            }
            run.inputs.push(InputRecord::of_file(
                &scenario,
                &rel(project, &scenario),
                "scenario",
            )?);
            run.setting(
                "simulated_ais",
                serde_json::json!({"scenario": rel(project, &scenario), "seed": seed}),
            );
            sources.extend(expand(&path.to_string_lossy())?);
            ais = Some(Provenance::Simulated);
            progress(Progress::Step("simulated AIS".into(), t.elapsed()));
        } else if project_store(project).is_none() {
            progress(Progress::Note(
                "no AIS input found: voyages come from observations only".into(),
            ));
        }
    }
    for source in &sources {
        if let Source::File(path) = source {
            run.inputs
                .push(InputRecord::of_file(path, &rel(project, path), "ais")?);
        }
    }
    // 2. Ingest into a fresh store.
    let t = Instant::now();
    let store_dir = out.join("store");
    let mapping = match &project.ais.csv_mapping {
        Some(m) => {
            let path = project.dir.join(m);
            run.inputs.push(InputRecord::of_file(
                &path,
                &rel(project, &path),
                "csv_mapping",
            )?);
            Some(CsvMapping::from_path(&path)?)
        }
        None => None,
    };
    if store_dir.exists()
        && fs::canonicalize(&store_dir).ok() == fs::canonicalize(project.store_dir()).ok()
    {
        anyhow::bail!(
            "{} is the project's own store (what `lookout watch` appends to): analyze into \
             another folder",
            store_dir.display()
        );
    }
    let mut summary = ingest(&sources, &store_dir, mapping)?;
    // The project's own store (what `lookout watch` appended), read with the inputs.
    if let Some(from) = project_store(project) {
        let t = Instant::now();
        let from = Store::open(&from).with_context(|| format!("{}", from.display()))?;
        let mut writer = StoreWriter::open(&store_dir, WriteOptions::default())?;
        let added = writer.append_store(&from, 1_000_000)?;
        drop(writer);
        summary.positions += added.positions;
        summary.statics += added.statics;
        summary.vessels = lookout_store::vessels(&Store::open(&store_dir)?)?.len() as u64;
        ais = ais.or(Some(Provenance::Real));
        run.setting(
            "project_store",
            serde_json::json!({
                "path": rel(project, from.root()),
                "positions": added.positions,
                "statics": added.statics,
                "duplicates": added.duplicates,
            }),
        );
        progress(Progress::Step(
            format!(
                "project store {} ({} positions, {} static reports not already in the inputs)",
                from.root().display(),
                added.positions,
                added.statics
            ),
            t.elapsed(),
        ));
    }
    progress(Progress::Step(
        format!(
            "ingest ({} positions, {} static reports, {} vessels)",
            summary.positions, summary.statics, summary.vessels
        ),
        t.elapsed(),
    ));
    // 3. Events over the corridor's areas.
    let t = Instant::now();
    let cfg = event_config(&project.dir)?;
    run.setting("events", &cfg);
    let store = Store::open(&store_dir)?;
    let (mut events, interference) = detect_events(&store, project.areas.clone(), cfg)?;
    // Imports: GFW events beside Lookout's, detections matched to the store as observations.
    let match_cfg = MatchConfig::default();
    let imports = lookout_imports::folder::import(project, Some(&store), &match_cfg)?;
    let with_imports;
    let project = if imports.is_empty() {
        project
    } else {
        for (path, role) in &imports.files {
            run.inputs.push(InputRecord::of_file(
                path,
                &rel(project, path),
                role.as_str(),
            )?);
        }
        run.setting("matching", &match_cfg);
        imports.write(out, &match_cfg)?;
        events.extend(imports.events.iter().cloned());
        progress(Progress::Note(format!(
            "imports: {} GFW events, {} detections ({} dark), {} observation rows, {} rows rejected",
            imports.events.len(),
            imports.outcomes.len(),
            imports.outcomes.iter().filter(|o| o.matched.is_none()).count(),
            imports.rows.len(),
            imports.rejects.total()
        )));
        let mut p = project.clone();
        p.observations.extend(imports.observations());
        with_imports = p;
        &with_imports
    };
    for name in ["events.csv", "events.geojson"] {
        let mut w = EventWriter::create(&out.join(name))?;
        w.write(&events)?;
        w.finish()?;
    }
    write_interference(&out.join("interference.geojson"), &interference)?;
    progress(Progress::Step(
        format!(
            "events ({}, {} interference areas)",
            events.len(),
            interference.len()
        ),
        t.elapsed(),
    ));
    // 4. Voyages, ledger, report.
    let t = Instant::now();
    let voyages = lookout_ledger::build(project, &events);
    let mut ledger = lookout_ledger::compute(project, &voyages);
    // The same ledger from `real` evidence alone, beside the all-evidence one.
    ledger.real_only =
        lookout_ledger::provenance::real_only(project, &events, ais, ledger.window).map(Box::new);
    run.setting("ledger", &project.settings);
    run.setting("ais_provenance", ais);
    run.setting("corridors", &project.corridors);
    let tracks = watched_tracks(&store, project)?;
    let risk = assess_risk(&store, project, &events, ledger.window.1, &mut run)?;
    let report = Report {
        project,
        voyages: &voyages,
        ledger: &ledger,
        events: &events,
        tracks: &tracks,
        ais,
        risk: Some(&risk),
    };
    report.write_all(out)?;
    run.write(out)
        .with_context(|| format!("writing {}", out.join("run.json").display()))?;
    progress(Progress::Step(
        "voyages, ledger, risk scores and report".into(),
        t.elapsed(),
    ));
    Ok(Analysis {
        ingest: summary,
        events,
        interference,
        voyages,
        ledger,
        risk,
        run,
    })
}

/// The fleet's risk scores as `lookout risk` and the server compute them: the project's
/// watchlist, the store's identities and the events, the shipped `risk.toml`, on the end of the
/// latest event, else the store's last record, else `window_end`. The config, date and watched
/// areas go to `run.json` (`settings.risk`).
fn assess_risk(
    store: &Store,
    project: &Project,
    events: &[Event],
    window_end: i64,
    run: &mut RunRecord,
) -> Result<Vec<Assessment>> {
    let stored = lookout_store::vessels(store)?;
    let last = stored.iter().map(|v| v.last_seen).max();
    let at = lookout_risk::default_date(events, last).unwrap_or(window_end);
    let cfg = lookout_risk::Config::default();
    let (dark, calls) = cfg.watched_areas(&project.corridors);
    let (mut dark, mut calls): (Vec<String>, Vec<String>) =
        (dark.into_iter().collect(), calls.into_iter().collect());
    dark.sort();
    calls.sort();
    run.setting(
        "risk",
        serde_json::json!({
            "date": format_time(at),
            "watched_areas": {"dark": dark, "port_calls": calls},
            "config": cfg,
        }),
    );
    Ok(lookout_risk::assess_project(
        Some(project),
        project.sanctions.as_deref(),
        &crate::risk::seen(stored),
        events,
        &cfg,
        &Registries::bundled(),
        at,
    ))
}

/// The project's store (`[ais] store`, default `PROJECT_DIR/store`), when it holds one.
fn project_store(project: &Project) -> Option<PathBuf> {
    let dir = project.store_dir();
    dir.join(lookout_store::MANIFEST).exists().then_some(dir)
}

/// A path as `run.json` shows it: relative to the project folder when inside it.
fn rel(project: &Project, path: &Path) -> String {
    path.strip_prefix(&project.dir)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The project's own files, hashed into the run record.
fn record_project_inputs(project: &Project, run: &mut RunRecord) -> Result<()> {
    let mut files: Vec<(PathBuf, &str)> = [
        ("corridor.toml", "corridor"),
        ("observations.csv", "observations"),
        ("claims.csv", "claims"),
        ("events.toml", "event_config"),
    ]
    .into_iter()
    .map(|(name, role)| (project.dir.join(name), role))
    .collect();
    let mut ftm: Vec<PathBuf> = fs::read_dir(&project.dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".ftm.jsonl"))
        .collect();
    ftm.sort();
    files.extend(ftm.into_iter().map(|p| (p, "sanctions")));
    for (path, role) in files {
        if path.exists() {
            run.inputs
                .push(InputRecord::of_file(&path, &rel(project, &path), role)?);
        }
    }
    Ok(())
}

/// Ingests `sources` into a fresh store at `store_dir` (an existing store there is replaced),
/// CSV inputs through `mapping` when given.
pub fn ingest(
    sources: &[Source],
    store_dir: &Path,
    mapping: Option<CsvMapping>,
) -> Result<Summary> {
    if store_dir.join("manifest.json").exists() {
        fs::remove_dir_all(store_dir)
            .with_context(|| format!("replacing {}", store_dir.display()))?;
    }
    let writer = StoreWriter::open(store_dir, WriteOptions::default())?;
    let mut ingest = Ingest::new(
        writer,
        IngestOptions {
            time: TimeRule::default(),
            flush_every: Duration::from_secs(10),
            batch_rows: 1_000_000,
            threads: 1,
        },
    );
    if let Some(m) = mapping {
        ingest.set_csv_mapping(m);
    }
    ingest.run(sources)?;
    ingest.finish()
}

/// The event thresholds of a project: its `events.toml`, else the published defaults.
pub fn event_config(project_dir: &Path) -> Result<Config> {
    let path = project_dir.join("events.toml");
    if !path.exists() {
        return Ok(Config::default());
    }
    Config::from_toml(&fs::read_to_string(&path)?)
        .with_context(|| format!("config {}", path.display()))
}

/// Runs the event engine over a whole store with the bundled land mask: the events and the
/// GNSS interference areas.
pub fn detect_events(
    store: &Store,
    areas: Areas,
    cfg: Config,
) -> Result<(Vec<Event>, Vec<InterferenceArea>)> {
    let mut engine = Engine::new(cfg, areas, Some(Land::east_asia()));
    let mut events = Vec::new();
    run_store(&mut engine, store, None, None, |batch| {
        events.extend_from_slice(batch);
        Ok(())
    })?;
    Ok((events, engine.take_interference()))
}

/// Simulates the scenario's AIS into `OUT/ais/ais.nmea` (and `truth.json` beside it), unless
/// the folder already holds AIS simulated from the same scenario text and seed. Returns the
/// NMEA path and whether it was reused.
pub fn simulate_ais(scenario: &Path, out: &Path, seed: Option<u64>) -> Result<(PathBuf, bool)> {
    use lookout_sim::scenario::Scenario;
    use lookout_sim::sim::{NmeaWriter, Options, Simulation};
    let text =
        fs::read_to_string(scenario).with_context(|| format!("reading {}", scenario.display()))?;
    let scenario_v =
        Scenario::from_toml(&text).with_context(|| format!("scenario {}", scenario.display()))?;
    let land = Land::east_asia();
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
        return Ok((path, true));
    }
    let _ = fs::remove_file(&key_path);
    let mut writer = NmeaWriter::new(BufWriter::with_capacity(1 << 20, File::create(&path)?));
    let truth = sim.run(&mut writer)?;
    writer.into_inner().flush()?;
    let mut t = BufWriter::new(File::create(dir.join("truth.json"))?);
    serde_json::to_writer_pretty(&mut t, &truth)?;
    t.flush()?;
    fs::write(&key_path, key)?;
    Ok((path, false))
}

/// Tracks of the watched vessels (thinned to at most one point per 10 minutes).
pub fn watched_tracks(store: &Store, project: &Project) -> Result<Vec<Track>> {
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
