//! The API's root (`/api/v1`), its OpenAPI document, the project (`/project`: corridors,
//! watchlist, areas, and which inputs are simulated) and the land basemap (`/basemap`).

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use lookout_core::provenance::{Provenance, ProvenanceCounts};
use lookout_core::time::format_time;
use lookout_project::{Mode, Prior};
use serde::Serialize;
use serde_json::Value;

use super::{report, Shared, OPENAPI};

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/", get(index))
        .route("/openapi.json", get(openapi))
        .route("/project", get(project))
        .route("/basemap", get(basemap))
}

/// `GET /api/v1`.
#[derive(Serialize)]
struct Index {
    name: String,
    revision: u64,
    writable: bool,
    links: [&'static str; 10],
}

async fn index(State(st): State<Shared>) -> Json<Index> {
    let s = st.snapshot();
    Json(Index {
        name: s.project.name.clone(),
        revision: s.revision,
        writable: st.token.is_some(),
        links: [
            "/api/v1/openapi.json",
            "/api/v1/project",
            "/api/v1/vessels",
            "/api/v1/events",
            "/api/v1/voyages",
            "/api/v1/ledger",
            "/api/v1/claims",
            "/api/v1/observations",
            "/api/v1/basemap",
            "/api/v1/risk",
        ],
    })
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

/// `GET /project`.
#[derive(Serialize)]
struct ProjectBody {
    name: String,
    revision: u64,
    writable: bool,
    /// Served by `lookout watch` (live panels).
    watch: bool,
    /// Analysis window `[start, end)`.
    window: [String; 2],
    corridors: Vec<CorridorBody>,
    watchlist: Vec<WatchBody>,
    /// The areas as GeoJSON (the report crate's `areas.geojson`).
    areas: Value,
    observation_kinds: Vec<&'static str>,
    sites: Vec<String>,
    provenance: ProvenanceBody,
}

#[derive(Serialize)]
struct CorridorBody {
    index: usize,
    name: String,
    mode: &'static str,
    origins: Vec<String>,
    destinations: Vec<String>,
    unit: String,
    prior: Prior,
    cycle_days: f64,
}

#[derive(Serialize)]
struct WatchBody {
    name: String,
    imo: Option<u32>,
    mmsi: Vec<u32>,
    flag: Option<String>,
    aliases: Vec<String>,
}

/// Which inputs are real, secondary or simulated: the dashboard's banner.
#[derive(Serialize)]
struct ProvenanceBody {
    /// The AIS behind the events (`null`: no AIS).
    ais: Option<Provenance>,
    /// Observation rows by provenance.
    observations: ProvenanceCounts,
    /// What is simulated, in words (empty when nothing is).
    simulated_inputs: Vec<String>,
}

async fn project(State(st): State<Shared>) -> Json<ProjectBody> {
    let s = st.snapshot();
    let p = &s.project;
    let r = report(&s);
    let corridors = p
        .corridors
        .iter()
        .enumerate()
        .map(|(index, c)| CorridorBody {
            index,
            name: c.name.clone(),
            mode: match c.mode {
                Mode::Sea => "sea",
                Mode::Rail => "rail",
            },
            origins: c.origins.clone(),
            destinations: c.destinations.clone(),
            unit: c.unit.clone(),
            prior: c.prior.clone(),
            cycle_days: c.cycle_days,
        })
        .collect();
    let watchlist = p
        .watchlist
        .iter()
        .map(|w| WatchBody {
            name: w.name.clone(),
            imo: w.imo,
            mmsi: w.mmsi.clone(),
            flag: w.flag.clone(),
            aliases: w.aliases.clone(),
        })
        .collect();
    let (a, b) = s.ledger.window;
    Json(ProjectBody {
        name: p.name.clone(),
        revision: s.revision,
        writable: st.token.is_some(),
        watch: st.watch,
        window: [format_time(a), format_time(b)],
        corridors,
        watchlist,
        areas: r.areas_geojson(),
        observation_kinds: lookout_project::ObsKind::ALL.iter().map(|k| k.1).collect(),
        sites: p.areas.all().iter().map(|a| a.name.clone()).collect(),
        provenance: ProvenanceBody {
            ais: s.ais,
            observations: p.observations.iter().map(|o| o.provenance).collect(),
            simulated_inputs: r.simulated_inputs(),
        },
    })
}

async fn basemap(State(st): State<Shared>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/geo+json")],
        st.basemap.clone(),
    )
}
