//! `lookout risk`: the explained risk score of every vessel on a date, ranked, from a project
//! folder (watchlist, observations, corridors, sanctions `*.ftm.jsonl`), the events Lookout
//! detected and the AIS store's identities (an analysis folder written by `lookout analyze`),
//! and optionally more FtM files of any size. Format and signals in `docs/sanctions.md`.
//! [`Inputs`] is shared with `lookout vessels`, which appends the score as a column.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use lookout_core::time::{format_time_ms, parse_time};
use lookout_events::Event;
use lookout_project::{Project, ProjectError};
use lookout_risk::{Assessment, Config, Registries, Seen, Sources};
use lookout_sanctions::SanctionsList;
use lookout_store::Store;

/// Where the score's inputs come from (shared by `lookout risk` and `lookout vessels`).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct Inputs {
    /// Project folder: watchlist, observations, corridors (watched areas) and sanctions
    /// (`*.ftm.jsonl`).
    #[arg(long, value_name = "DIR")]
    project: Option<PathBuf>,
    /// Events CSV written by `lookout events` or `lookout analyze`.
    #[arg(long, value_name = "FILE")]
    events: Option<PathBuf>,
    /// More FtM sanctions files (OpenSanctions exports of any size), read in two passes keeping
    /// what lies within the network signal's hops of a vessel; repeatable.
    #[arg(long = "sanctions", value_name = "FILE")]
    sanctions: Vec<PathBuf>,
    /// Weights and parameters overriding the shipped risk.toml, key by key.
    #[arg(long, value_name = "FILE")]
    risk_config: Option<PathBuf>,
    /// Score as of this time (default: the end of the latest event, else the store's last
    /// record).
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    date: Option<i64>,
}

/// The loaded inputs.
pub struct Loaded {
    project: Option<Project>,
    sanctions: Option<SanctionsList>,
    events: Vec<Event>,
    cfg: Config,
    registries: Registries,
    /// What each input is, for the summary and the JSON output.
    pub notes: Vec<String>,
    /// The date scored (ms).
    pub date: i64,
}

impl Inputs {
    /// True if any input of the score was given.
    pub fn given(&self) -> bool {
        self.project.is_some() || self.events.is_some() || !self.sanctions.is_empty()
    }

    /// Loads everything; `analysis` is a `lookout analyze` output folder (its `events.csv`
    /// unless `--events` is given); `last_record` the store's last time, the date when neither
    /// `--date` nor events give one.
    pub fn load(&self, analysis: Option<&Path>, last_record: Option<i64>) -> Result<Loaded> {
        let mut notes = Vec::new();
        let cfg = match &self.risk_config {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("reading {}", p.display()))?;
                Config::from_toml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?
            }
            None => Config::default(),
        };
        let project = match &self.project {
            Some(dir) => match Project::load(dir) {
                Ok(p) => Some(p),
                Err(ProjectError(problems)) => {
                    let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
                    bail!(
                        "{} problem(s) in {}:\n{}",
                        problems.len(),
                        dir.display(),
                        list.join("\n")
                    );
                }
            },
            None => None,
        };
        // Without extra files, the project's list (read whole by the project loader) is used.
        let sanctions = if self.sanctions.is_empty() {
            None
        } else {
            let mut files = project
                .as_ref()
                .map(project_ftm_files)
                .transpose()?
                .unwrap_or_default();
            files.extend(self.sanctions.iter().cloned());
            let list = SanctionsList::load(&files, Some(cfg.network.max_hops.max(1)))
                .context("reading the sanctions files")?;
            Some(list)
        };
        let events_path = self
            .events
            .clone()
            .or_else(|| analysis.map(|a| a.join("events.csv")));
        let mut events = Vec::new();
        if let Some(path) = &events_path {
            let (read, rejected) = lookout_core::event::read_csv_file(path)
                .with_context(|| format!("reading {}", path.display()))?;
            notes.push(format!(
                "events: {} ({} read, {} rows set aside{})",
                path.display(),
                read.len(),
                rejected.len(),
                rejected
                    .first()
                    .map(|r| format!(", first line {}: {}", r.line, r.reason))
                    .unwrap_or_default()
            ));
            events = read;
        }
        if let Some(a) = analysis {
            let ais = if a.join("ais/simulated.txt").exists() {
                "SIMULATED (lookout analyze generated it from the project's scenario)"
            } else {
                "as ingested by lookout analyze"
            };
            notes.push(format!("AIS behind the events: {ais}"));
        }
        let date = match self.date {
            Some(d) => d,
            None => match events.iter().map(|e| e.end_time).max().or(last_record) {
                Some(end) => end,
                None => bail!("no --date, and no events or store records to take the date from"),
            },
        };
        Ok(Loaded {
            project,
            sanctions,
            events,
            cfg,
            registries: Registries::bundled(),
            notes,
            date,
        })
    }
}

/// The project's own FtM files (read again with the extra ones, so relations across files join).
fn project_ftm_files(p: &Project) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(&p.dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|f| {
            f.to_string_lossy().ends_with(".ftm.jsonl")
                || f.to_string_lossy().ends_with(".ftm.json")
        })
        .collect();
    files.sort();
    Ok(files)
}

impl Loaded {
    fn sanctions(&self) -> Option<&SanctionsList> {
        self.sanctions
            .as_ref()
            .or_else(|| self.project.as_ref().and_then(|p| p.sanctions.as_deref()))
    }

    /// Areas named in the config, else the project's corridors.
    fn areas(&self) -> (HashSet<String>, HashSet<String>) {
        let corridors = self
            .project
            .as_ref()
            .map(|p| p.corridors.as_slice())
            .unwrap_or_default();
        self.cfg.watched_areas(corridors)
    }

    /// Scores the fleet (watchlist, the store's vessels `seen`, the events' MMSIs).
    pub fn assess(&self, seen: &[Seen]) -> Vec<Assessment> {
        let (dark, calls) = self.areas();
        let watch = self
            .project
            .as_ref()
            .map(|p| p.watchlist.as_slice())
            .unwrap_or_default();
        let observations = self
            .project
            .as_ref()
            .map(|p| p.observations.as_slice())
            .unwrap_or_default();
        let fleet = lookout_risk::fleet(watch, seen, &self.events);
        Sources::new(
            self.sanctions(),
            &self.events,
            observations,
            dark,
            calls,
            &self.registries,
            &self.cfg,
        )
        .assess(&fleet, self.date)
    }

    /// One line per input for stderr.
    pub fn summary(&self) -> String {
        let mut lines = self.notes.clone();
        if let Some(s) = self.sanctions() {
            lines.push(format!(
                "sanctions: {} entities, {} relations kept; {} line(s) set aside{}, {} IMO number(s) failing the check digit",
                s.entities.len(), s.links.len(), s.rejects.len(),
                s.rejects.first().map(|(f, l, r)| format!(" (first {f}:{l}: {r})")).unwrap_or_default(),
                s.bad_imos.len()
            ));
        }
        let (dark, calls) = self.areas();
        let mut dark: Vec<_> = dark.into_iter().collect();
        let mut calls: Vec<_> = calls.into_iter().collect();
        dark.sort();
        calls.sort();
        lines.push(format!(
            "watched areas: dark time near [{}]; port calls at [{}]",
            dark.join("; "),
            calls.join("; ")
        ));
        lines.push(format!("scored as of {}", format_time_ms(self.date)));
        lines.join("\n")
    }
}

/// Output formats of `lookout risk`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The ranked fleet: one row per vessel, the points of every signal, the top evidence ids.
    Csv,
    /// The ranked fleet with every signal's evidence rows, the identity history and the inputs.
    Json,
}

/// Arguments of `lookout risk`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// A `lookout analyze` output folder: its events.csv and the AIS store's vessels.
    #[arg(long, value_name = "OUT_DIR")]
    analysis: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Output file (default: stdout).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Measure the ranking against the lists: vessels designated after the scored date are the
    /// positives, vessels never listed the negatives (ROC AUC, precision at 20, each positive's
    /// rank; to stderr and in the JSON).
    #[arg(long)]
    evaluate: bool,
}

/// The AIS store's identities, one per MMSI.
pub fn seen(stored: Vec<lookout_store::Vessel>) -> Vec<Seen> {
    stored
        .into_iter()
        .map(|v| Seen {
            mmsi: v.mmsi,
            names: v.names.into_iter().map(|(n, _)| n).collect(),
            imos: v.imos.into_iter().map(|(i, _)| i).collect(),
        })
        .collect()
}

/// The signal names, in output order.
fn signal_names(all: &[Assessment]) -> Vec<&'static str> {
    all.first()
        .map(|a| a.signals.iter().map(|s| s.signal).collect())
        .unwrap_or_default()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn write_csv(out: &mut impl Write, all: &[Assessment]) -> io::Result<()> {
    let names = signal_names(all);
    writeln!(
        out,
        "rank,vessel,imo,mmsis,watched,score,{},sanctions_status,matched_by,evidence",
        names.join(",")
    )?;
    for (i, a) in all.iter().enumerate() {
        let v = &a.vessel;
        let points: Vec<String> = a.signals.iter().map(|s| format!("{}", s.points)).collect();
        let mut top: Vec<&lookout_risk::Signal> =
            a.signals.iter().filter(|s| s.points > 0.0).collect();
        top.sort_by(|x, y| y.points.total_cmp(&x.points));
        let evidence: Vec<String> = top
            .iter()
            .flat_map(|s| {
                s.evidence
                    .iter()
                    .take(3)
                    .map(move |e| format!("{}:{}", s.signal, e.id))
            })
            .collect();
        let mmsis: Vec<String> = v.mmsis.iter().map(u32::to_string).collect();
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{}",
            i + 1,
            csv_field(&v.name),
            v.imo.map(|x| x.to_string()).unwrap_or_default(),
            mmsis.join("|"),
            v.watched,
            a.score,
            points.join(","),
            a.sanctions.as_ref().map_or("", |s| s.status),
            a.sanctions
                .as_ref()
                .and_then(|s| s.matched_by)
                .unwrap_or_default(),
            csv_field(&evidence.join("|")),
        )?;
    }
    Ok(())
}

/// Runs `lookout risk`.
pub fn run(args: Args) -> Result<ExitCode> {
    if !args.inputs.given() && args.analysis.is_none() {
        bail!("give --project, --analysis, --events or --sanctions");
    }
    let store_dir = args.analysis.as_ref().map(|a| a.join("store"));
    let store = match store_dir.filter(|d| d.join("manifest.json").exists()) {
        Some(d) => Some(Store::open(&d).with_context(|| d.display().to_string())?),
        None => None,
    };
    let stored = store
        .as_ref()
        .map(lookout_store::vessels)
        .transpose()?
        .unwrap_or_default();
    let last = stored.iter().map(|v| v.last_seen).max();
    let loaded = args.inputs.load(args.analysis.as_deref(), last)?;
    let all = loaded.assess(&seen(stored));
    let evaluation = args.evaluate.then(|| lookout_risk::evaluate(&all));
    let sink: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(File::create(p).with_context(|| format!("creating {}", p.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    match args.format {
        Format::Csv => write_csv(&mut out, &all)?,
        Format::Json => {
            let doc = serde_json::json!({
                "date": format_time_ms(loaded.date),
                "inputs": loaded.summary().lines().collect::<Vec<_>>(),
                "evaluation": evaluation,
                "vessels": all,
            });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    eprintln!("{}", loaded.summary());
    let flagged = all.iter().filter(|a| a.score > 0.0).count();
    eprintln!(
        "lookout risk: {} vessels scored, {flagged} above 0",
        all.len()
    );
    if let Some(e) = &evaluation {
        let f = |x: Option<f64>| x.map_or("n/a".to_owned(), |x| format!("{x:.3}"));
        let ranks: Vec<String> = e
            .positives
            .iter()
            .map(|p| format!("{} #{} ({})", p.vessel, p.rank, p.score))
            .collect();
        eprintln!(
            "evaluation: {} designated after the date, {} never listed, {} left out; ROC AUC {}, precision at 20 {}, at {} {}\n  positives: {}",
            e.positives.len(), e.negatives, e.left_out.len(), f(e.roc_auc), f(e.precision_at_20),
            e.positives.len(), f(e.precision_at_positives), ranks.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
