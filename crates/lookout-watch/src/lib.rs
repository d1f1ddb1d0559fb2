//! `lookout-watch`: a project followed live (`lookout watch`, `docs/watch.md`).
//!
//! - [`feeds`]: the readers of the `[[feed]]`s of `corridor.toml` (TCP, UDP, a growing file,
//!   stdin, an aisstream.io websocket), one task each, lines over one bounded channel.
//! - [`aisstream`]: aisstream.io JSON messages to the decoder's fields.
//! - [`driver`]: the one thread that decodes, keeps the watermark, runs the event engine,
//!   raises alerts and takes checkpoints (written by [`writer`]).
//! - [`config`] and [`rules`]: `alerts.toml` (settings, sinks, rules) and rule matching.
//! - [`alerts`]: `alerts.jsonl` (each notification once), the in-memory index, acknowledgements.
//! - [`sinks`]: webhook and email workers reading the log from their own cursors.
//! - [`state`]: the state folder: checkpoint, events log, store.
//! - [`writer`]: the checkpoint writer, the thread that commits the store and writes
//!   checkpoints off the driver's.
//! - [`api`]: the routes the server merges (`/api/v1/alerts`, `/api/v1/watch`, ...).

pub mod aisstream;
pub mod alerts;
pub mod api;
pub mod cbor;
pub mod config;
pub mod driver;
pub mod feeds;
pub mod rules;
pub mod sinks;
pub mod state;
pub mod writer;

use std::path::PathBuf;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use axum::Router;
use lookout_core::event::Event;
use lookout_project::Project;

use crate::alerts::AlertLog;
use crate::config::AlertsConfig;
use crate::driver::{Board, Driver, Setup};
use crate::feeds::Input;
use crate::sinks::SinkStats;
use crate::state::Paths;

/// Capacity of the channel from the feeds to the driver, in batches of lines.
const CHANNEL: usize = 64;

/// Options of [`Watch::start`].
pub struct Options {
    /// The state folder (checkpoint, events, sink cursors).
    pub state_dir: PathBuf,
    /// The store to append to (none: the project's, [`Project::store_dir`]).
    pub store_dir: Option<PathBuf>,
    /// Bearer token for alert management (none: read-only).
    pub token: Option<String>,
}

/// Receives every event detected so far (sorted by start time) when new voyages may have
/// closed, to recompute the ledger.
pub type Refresh = Box<dyn Fn(Vec<Event>) + Send>;

/// A running watch.
pub struct Watch {
    tx: tokio::sync::mpsc::Sender<Input>,
    driver: tokio::task::JoinHandle<Result<()>>,
    router: Option<Router>,
}

impl Watch {
    /// Opens the state folder (repairing the logs after a crash), then starts the feeds, the
    /// driver, the sinks and the ledger refresher on the current tokio runtime.
    pub fn start(
        project: Project,
        alerts: AlertsConfig,
        events: lookout_events::Config,
        options: Options,
        refresh: Refresh,
    ) -> Result<Watch> {
        let paths = Paths {
            dir: options.state_dir,
            store: options.store_dir.unwrap_or_else(|| project.store_dir()),
        };
        std::fs::create_dir_all(paths.dir.join("sinks"))
            .with_context(|| format!("creating {}", paths.dir.display()))?;
        let project = Arc::new(project);
        let alerts = Arc::new(alerts);
        let log = AlertLog::open(&project.dir.join(alerts::LOG), &paths.acks())?;
        let index = log.index();
        let board = Arc::new(Board::default());
        let (events_tx, events_rx) = mpsc::channel::<Vec<Event>>();
        let setup = Setup {
            project: project.clone(),
            alerts: alerts.clone(),
            events,
            paths: paths.clone(),
        };
        let on_events = Box::new(move |e: &[Event]| {
            let _ = events_tx.send(e.to_vec());
        });
        let (mut driver, resumes) = Driver::open(setup, log, board.clone(), on_events)?;
        let so_far = driver.events_so_far()?;
        let seconds = alerts.settings.ledger_seconds;
        let ledger_project = project.clone();
        std::thread::Builder::new()
            .name("lookout-ledger".into())
            .spawn(move || {
                // Background work: detection goes first on a shared core.
                writer::lower_priority();
                ledger(&ledger_project, so_far, events_rx, seconds, refresh)
            })?;
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Input>(CHANNEL);
        for (i, (feed, resume)) in project.feeds.iter().zip(resumes).enumerate() {
            feeds::spawn(i, feed, resume, tx.clone());
        }
        let ticks = tx.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_millis(200));
            loop {
                every.tick().await;
                if ticks.send(Input::Tick).await.is_err() {
                    return;
                }
            }
        });
        let driver = tokio::task::spawn_blocking(move || {
            while let Some(input) = rx.blocking_recv() {
                if !driver.handle(input)? {
                    break;
                }
            }
            Ok(())
        });
        let mut sink_stats = Vec::new();
        for sink in &alerts.sinks {
            let stats = Arc::new(Mutex::new(SinkStats {
                name: sink.name.clone(),
                kind: sink.type_name().into(),
                ..Default::default()
            }));
            sinks::spawn(
                sink.clone(),
                index.clone(),
                paths.cursor(&sink.name),
                stats.clone(),
            );
            sink_stats.push(stats);
        }
        let router = api::routes(api::ApiState {
            alerts: index,
            board,
            sinks: sink_stats,
            token: options.token,
        });
        Ok(Watch {
            tx,
            driver,
            router: Some(router),
        })
    }

    /// The routes to merge into the server (taken once).
    pub fn router(&mut self) -> Router {
        self.router.take().unwrap_or_default()
    }

    /// Waits until the driver stops on its own (an error: the store or a log cannot be
    /// written).
    pub async fn failed(&mut self) -> anyhow::Error {
        match (&mut self.driver).await {
            Ok(Ok(())) => anyhow!("the watch stopped"),
            Ok(Err(e)) => e,
            Err(e) => anyhow!("the watch failed: {e}"),
        }
    }

    /// Checkpoints and stops the driver.
    pub async fn stop(self) -> Result<()> {
        let _ = self.tx.send(Input::Stop).await;
        self.driver
            .await
            .map_err(|e| anyhow!("the watch failed: {e}"))?
    }
}

/// Keeps every event and hands them to `refresh` when the voyages they make change, at most
/// every `seconds`.
fn ledger(
    project: &Project,
    mut events: Vec<Event>,
    rx: mpsc::Receiver<Vec<Event>>,
    seconds: f64,
    refresh: Refresh,
) {
    let every = Duration::from_secs_f64(seconds);
    let mut voyages = lookout_ledger::build(project, &events).voyages.len();
    let mut last = Instant::now();
    let mut dirty = false;
    loop {
        let wait = every
            .saturating_sub(last.elapsed())
            .max(Duration::from_millis(50));
        match rx.recv_timeout(wait) {
            Ok(batch) => {
                events.extend(batch);
                dirty = true;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
        if !dirty || last.elapsed() < every {
            continue;
        }
        dirty = false;
        last = Instant::now();
        events.sort_by_key(|e| (e.start_time, e.mmsi));
        let now = lookout_ledger::build(project, &events).voyages.len();
        writer::release_free_memory();
        if now != voyages {
            voyages = now;
            refresh(events.clone());
        }
    }
}
