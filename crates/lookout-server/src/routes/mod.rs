//! The REST API under `/api/v1` (documented in `openapi.json`, served at
//! `/api/v1/openapi.json`): one module per resource with its routes and typed response bodies.
//! Every handler fails with the one error type, [`Problem`]; what they share is here: pages,
//! time parameters, file downloads.

use std::sync::Arc;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use lookout_core::time::parse_time;
use lookout_report::Report;
use serde::{Deserialize, Serialize};

use crate::data::Snapshot;
use crate::problem::Problem;
use crate::AppState;

mod claims;
mod edit;

pub use edit::carries_token;
mod events;
mod extract;
mod ledger;
mod observations;
mod project;
mod risk;
mod sanctions;
mod tracks;
mod vessels;
mod voyages;

/// The OpenAPI 3.1 description of this API.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Default and largest page sizes.
const PAGE: usize = 100;
const MAX_PAGE: usize = 1000;

/// The state every handler reads.
type Shared = Arc<AppState>;

/// The `/api/v1` routes.
pub fn routes() -> Router<Shared> {
    Router::new()
        .merge(project::routes())
        .merge(vessels::routes())
        .merge(tracks::routes())
        .merge(events::routes())
        .merge(voyages::routes())
        .merge(ledger::routes())
        .merge(claims::routes())
        .merge(observations::routes())
        .merge(risk::routes())
        .merge(sanctions::routes())
        .fallback(|| async { Problem::not_found("no such API resource") })
        .method_not_allowed_fallback(|| async {
            Problem::new(StatusCode::METHOD_NOT_ALLOWED, "method not allowed here")
        })
}

/// One page of a list: `{"total", "offset", "limit", "items"}`.
#[derive(Serialize)]
struct Page<T> {
    /// Items matching the filters, on every page.
    total: usize,
    offset: usize,
    limit: usize,
    items: Vec<T>,
}

/// One page of `items` (`limit` default 100, at most 1000), each made into a body by `f`.
fn page<I, T>(
    items: Vec<I>,
    limit: Option<usize>,
    offset: Option<usize>,
    f: impl Fn(I) -> T,
) -> Result<Page<T>, Problem> {
    let limit = limit.unwrap_or(PAGE);
    if limit == 0 || limit > MAX_PAGE {
        return Err(Problem::bad_request(format!(
            "limit must be 1..={MAX_PAGE}"
        )));
    }
    let offset = offset.unwrap_or(0);
    let total = items.len();
    let items = items.into_iter().skip(offset).take(limit).map(f).collect();
    Ok(Page {
        total,
        offset,
        limit,
        items,
    })
}

/// A time query parameter (RFC 3339 or `YYYY-MM-DD`; empty: none).
fn time_param(name: &str, v: &Option<String>) -> Result<Option<i64>, Problem> {
    match v.as_deref() {
        None | Some("") => Ok(None),
        Some(s) => parse_time(s)
            .map(Some)
            .map_err(|e| Problem::bad_request(format!("{name}: {e}"))),
    }
}

/// The report crate's view of a snapshot (areas, provenance, sanctions on a voyage's date).
fn report(s: &Snapshot) -> Report<'_> {
    Report {
        project: &s.project,
        voyages: &s.voyages,
        ledger: &s.ledger,
        events: &[],
        tracks: &[],
        ais: s.ais,
        risk: None,
    }
}

/// How a list is answered: a JSON page, or every match as a file to download.
#[derive(Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Format {
    #[default]
    Json,
    Csv,
    Geojson,
}

/// A file download: `name` with its content type, as an attachment.
fn download(name: &str, content_type: &'static str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// CSV text from a header and rows.
fn csv_bytes<R>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>, Problem>
where
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(Problem::internal)?;
    for r in rows {
        w.write_record(r).map_err(Problem::internal)?;
    }
    w.into_inner().map_err(Problem::internal)
}

/// A CSV download.
fn csv_download(name: &str, bytes: Vec<u8>) -> Response {
    download(name, "text/csv; charset=utf-8", bytes)
}

/// A GeoJSON download.
fn geojson_download(name: &str, doc: &impl Serialize) -> Result<Response, Problem> {
    let bytes = serde_json::to_vec(doc).map_err(Problem::internal)?;
    Ok(download(name, "application/geo+json", bytes))
}
