//! `lookout watch PROJECT_DIR`: the project followed live (`docs/watch.md`). The `[[feed]]`s
//! of `corridor.toml` are decoded, stored and given to the event engine as they arrive; the
//! rules of `alerts.toml` raise alerts into `alerts.jsonl` and the sinks; the dashboard and API
//! of `lookout serve` are served with the live panels, and the ledger is recomputed when new
//! voyages close. Records are appended to the project's store (`PROJECT_DIR/store`, which
//! `lookout analyze` reads; `--store` for another); state (checkpoint, events, sink cursors)
//! is in `PROJECT_DIR/watch/`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

use anyhow::Result;
use lookout_project::Project;
use lookout_watch::config::AlertsConfig;
use lookout_watch::{Options, Watch};

use crate::cmd::serve::ServerArgs;

/// Arguments of `lookout watch`.
#[derive(clap::Args)]
pub struct Args {
    /// Project folder: corridor.toml (with its feed entries), alerts.toml, observations.csv, ...
    #[arg(value_name = "PROJECT_DIR")]
    project: PathBuf,
    #[command(flatten)]
    server: ServerArgs,
    /// State folder: checkpoint, events, sink cursors (default: PROJECT_DIR/watch).
    #[arg(long, value_name = "DIR")]
    state: Option<PathBuf>,
    /// Store to append the feeds' records to (default: the project's, corridor.toml's
    /// `[ais] store`, else PROJECT_DIR/store, which `lookout analyze` reads).
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,
}

/// Runs `lookout watch` until Ctrl-C or SIGTERM (a checkpoint is written on the way out).
pub fn run(args: Args) -> Result<ExitCode> {
    let token = args.server.token()?;
    let project = match Project::load(&args.project) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("lookout watch: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let alerts = match AlertsConfig::load(&project) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("lookout watch: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if project.feeds.is_empty() {
        eprintln!("lookout watch: no [[feed]] in corridor.toml: nothing arrives to watch");
    }
    eprintln!(
        "lookout watch: {} feed(s), {} rule(s), {} sink(s) besides alerts.jsonl and the web UI",
        project.feeds.len(),
        alerts.rules.len(),
        alerts.sinks.len()
    );
    let events = lookout_pipeline::event_config(&args.project)?;
    let state_dir = args
        .state
        .clone()
        .unwrap_or_else(|| args.project.join("watch"));
    let store_dir = args.store.clone().unwrap_or_else(|| project.store_dir());
    if state_dir.join("store").join("manifest.json").exists()
        && state_dir.join("store") != store_dir
    {
        eprintln!(
            "lookout watch: {} (the store of earlier versions) is no longer written; records go to {}",
            state_dir.join("store").display(),
            store_dir.display()
        );
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let server: Arc<OnceLock<Arc<lookout_server::AppState>>> = Arc::default();
        let cell = server.clone();
        let refresh = Box::new(move |events| {
            if let Some(state) = cell.get() {
                state.set_events(events);
            }
        });
        let options = Options {
            state_dir: state_dir.clone(),
            store_dir: Some(store_dir.clone()),
            token: token.clone(),
        };
        let mut watch = Watch::start(project, alerts, events, options, refresh)?;
        let mut data = lookout_server::Dataset::load(&args.project, &state_dir)?;
        // Historical tracks from the store the watch appends to (as it is now).
        data.store = Some(lookout_store::Store::open(&store_dir)?);
        let state = Arc::new(lookout_server::AppState::new(data, token)?.in_watch_mode());
        let _ = server.set(state.clone());
        let app = lookout_server::app_with(state, watch.router());
        let listener = tokio::net::TcpListener::bind(args.server.addr).await?;
        eprintln!("lookout watch: http://{}/", listener.local_addr()?);
        tokio::select! {
            served = lookout_server::serve(listener, app) => served?,
            e = watch.failed() => return Err(e),
        }
        watch.stop().await?;
        Ok(ExitCode::SUCCESS)
    })
}
