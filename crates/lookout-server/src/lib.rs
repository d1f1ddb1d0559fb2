//! `lookout-server`: the HTTP API (`/api/v1`, see `docs/server.md`) and the embedded web
//! dashboard over one project folder and its analysis (`lookout serve`).
//!
//! - [`data`]: the project, events and AIS store loaded at start-up; voyages and ledger.
//! - [`routes`]: the REST routes, one module per resource, with typed response bodies.
//! - [`problem`]: the one error type of every handler (RFC 9457 problem details).
//! - [`writes`]: validated, atomic, audited edits of `observations.csv` and `claims.csv`.
//! - [`tracks`]: tracks cut to a time range and simplified for a zoom level.
//! - [`vessels`]: the vessel index (watchlist and store), search by name, MMSI, IMO.
//! - [`risk`]: the fleet's risk scores (`lookout-risk`) over the current snapshot.
//! - [`headers`]: the security headers every response carries.
//!
//! `lookout watch` mounts its own routes with [`app_with`], marks the state with
//! [`AppState::in_watch_mode`] (the dashboard then adds its live panels) and refreshes the
//! events with [`AppState::set_events`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use axum::extract::DefaultBodyLimit;
use axum::Router;
use lookout_events::Event;
use lookout_store::Store;
use tokio::net::TcpListener;

mod assets;
pub mod data;
pub mod headers;
pub mod problem;
pub mod risk;
pub mod routes;
pub mod tracks;
pub mod vessels;
pub mod writes;

pub use data::{Dataset, Snapshot};

/// Largest request body accepted (a row of a CSV is far smaller).
pub const BODY_LIMIT: usize = 64 * 1024;

/// Vessels whose full tracks are kept in memory between requests.
const TRACK_CACHE: usize = 64;

/// Shared state of a running server.
pub struct AppState {
    snapshot: RwLock<Arc<Snapshot>>,
    store: Option<Store>,
    tracks: tracks::TrackCache,
    vessels: Vec<vessels::VesselEntry>,
    risk: risk::RiskCache,
    basemap: String,
    project_dir: PathBuf,
    token: Option<String>,
    write_lock: tokio::sync::Mutex<()>,
    /// Served by `lookout watch`: the dashboard adds its live panels.
    watch: bool,
}

impl AppState {
    /// State over a loaded dataset; writes need `token` (none: read-only).
    pub fn new(data: Dataset, token: Option<String>) -> anyhow::Result<AppState> {
        let stored = match &data.store {
            Some(s) => lookout_store::vessels(s)?,
            None => Vec::new(),
        };
        let vessels = vessels::index(&data.snapshot.project.watchlist, stored);
        Ok(AppState {
            snapshot: RwLock::new(Arc::new(data.snapshot)),
            risk: risk::RiskCache::new(&vessels),
            store: data.store,
            tracks: tracks::TrackCache::new(TRACK_CACHE),
            vessels,
            basemap: basemap(),
            project_dir: data.project_dir,
            token: token.filter(|t| !t.is_empty()),
            write_lock: tokio::sync::Mutex::new(()),
            watch: false,
        })
    }

    /// Marks the state as served by `lookout watch` (`/api/v1/project` says `"watch": true`).
    pub fn in_watch_mode(mut self) -> Self {
        self.watch = true;
        self
    }

    /// Replaces the events (sorted by start time) and recomputes voyages and ledger, as a write
    /// does (for `lookout watch`, whose events grow). Blocks while a write is in progress.
    pub fn set_events(&self, events: Vec<Event>) {
        let _one_writer = self.write_lock.blocking_lock();
        let s = self.snapshot();
        let project = match lookout_project::Project::load(&self.project_dir) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("lookout: events not refreshed: {e}");
                return;
            }
        };
        self.replace(Snapshot::compute(
            project,
            Arc::new(events),
            s.ais,
            s.revision + 1,
        ));
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn replace(&self, s: Snapshot) {
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(s);
    }
}

/// The application: `/api/v1/...` and the web UI at `/`. No CORS headers are sent (the UI is
/// same-origin), request bodies are limited to [`BODY_LIMIT`], and every response carries the
/// [`headers`].
pub fn app(state: AppState) -> Router {
    app_with(Arc::new(state), Router::new())
}

/// [`app`] over a state shared with the caller, with `extra` routes merged in (the hook of
/// `lookout watch`, which serves its own routes and refreshes the state's events). `extra` must
/// not define routes the application has; its answers get the body limit and the [`headers`]
/// too.
pub fn app_with(state: Arc<AppState>, extra: Router) -> Router {
    Router::new()
        .nest("/api/v1", routes::routes())
        .fallback(assets::serve)
        .with_state(state)
        .merge(extra)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::map_response(headers::add))
}

/// Serves `app` on a bound listener until Ctrl-C or SIGTERM; requests in progress (a write
/// among them) are finished first.
pub async fn serve(listener: TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(stop_signal())
        .await
}

async fn stop_signal() {
    #[cfg(unix)]
    if let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
    {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
        return;
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Binds `addr` and serves `app` on a new multi-threaded runtime (for the CLI).
pub fn run_blocking(addr: SocketAddr, app: Router) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let listener = TcpListener::bind(addr).await?;
        eprintln!("lookout serve: http://{}/", listener.local_addr()?);
        serve(listener, app).await?;
        Ok(())
    })
}

/// Natural Earth land around the corridor (`data/land/east-asia.json`) as GeoJSON polygons.
fn basemap() -> String {
    let land = lookout_core::land::Land::east_asia();
    let polys: Vec<Vec<Vec<[f64; 2]>>> = land
        .rings()
        .iter()
        .map(|r| vec![r.iter().map(|p| [p.lon, p.lat]).collect()])
        .collect();
    serde_json::json!({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "land", "source": lookout_core::land::EAST_ASIA_SOURCE},
        "geometry": {"type": "MultiPolygon", "coordinates": polys}}]})
    .to_string()
}
