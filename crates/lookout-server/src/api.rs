//! The REST API under `/api/v1` (documented in `openapi.json`, served at
//! `/api/v1/openapi.json`).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use lookout_core::time::{format_time, parse_time};
use lookout_report::Report;
use lookout_sanctions::Query as SanctionsQuery;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::data::Snapshot;
use crate::problem::Problem;
use crate::writes::{self, Change, Table, WriteError};
use crate::{json as j, tracks, AppState};

/// The OpenAPI 3.1 description of this API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Default and largest page sizes.
const PAGE: usize = 100;
const MAX_PAGE: usize = 1000;

type Shared = Arc<AppState>;
type ApiResult = Result<Response, Problem>;

/// The `/api/v1` routes.
pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/", get(index))
        .route("/openapi.json", get(openapi))
        .route("/project", get(project))
        .route("/basemap", get(basemap))
        .route("/vessels", get(vessels))
        .route("/vessels/{id}", get(vessel))
        .route("/tracks/{mmsi}", get(track))
        .route("/events", get(events))
        .route("/voyages", get(voyages))
        .route("/voyages/{id}", get(voyage))
        .route("/ledger", get(ledger))
        .route(
            "/claims",
            get(claims).post(|State(s), h, b| create(Table::Claims, s, h, b)),
        )
        .route(
            "/claims/{id}",
            get(claim)
                .put(|State(s), Path(id), h, b| update(Table::Claims, s, id, h, b))
                .delete(|State(s), Path(id), h| delete(Table::Claims, s, id, h)),
        )
        .route(
            "/observations",
            get(observations).post(|State(s), h, b| create(Table::Observations, s, h, b)),
        )
        .route(
            "/observations/{id}",
            get(observation)
                .put(|State(s), Path(id), h, b| update(Table::Observations, s, id, h, b))
                .delete(|State(s), Path(id), h| delete(Table::Observations, s, id, h)),
        )
        .fallback(|| async { Problem::not_found("no such API resource") })
        .method_not_allowed_fallback(|| async {
            Problem::new(StatusCode::METHOD_NOT_ALLOWED, "method not allowed here")
        })
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, Problem> {
    q.map(|q| q.0)
        .map_err(|e| Problem::bad_request(e.body_text()))
}

fn body(b: Result<Json<Map<String, Value>>, JsonRejection>) -> Result<Map<String, Value>, Problem> {
    b.map(|b| b.0)
        .map_err(|e| Problem::new(e.status(), e.body_text()))
}

fn ok(v: Value) -> ApiResult {
    Ok(Json(v).into_response())
}

/// `limit` / `offset` of list endpoints.
#[derive(Deserialize, Default)]
struct Paging {
    limit: Option<usize>,
    offset: Option<usize>,
}

/// One page of `items` (`limit` default 100, at most 1000) with the total.
fn page<T>(
    items: Vec<T>,
    (limit, offset): (Option<usize>, Option<usize>),
    f: impl Fn(T) -> Value,
) -> ApiResult {
    let limit = limit.unwrap_or(PAGE);
    if limit == 0 || limit > MAX_PAGE {
        return Err(Problem::bad_request(format!(
            "limit must be 1..={MAX_PAGE}"
        )));
    }
    let offset = offset.unwrap_or(0);
    let total = items.len();
    let items: Vec<Value> = items.into_iter().skip(offset).take(limit).map(f).collect();
    ok(json!({"total": total, "offset": offset, "limit": limit, "items": items}))
}

fn time_param(name: &str, v: &Option<String>) -> Result<Option<i64>, Problem> {
    match v.as_deref() {
        None | Some("") => Ok(None),
        Some(s) => parse_time(s)
            .map(Some)
            .map_err(|e| Problem::bad_request(format!("{name}: {e}"))),
    }
}

fn report(s: &Snapshot) -> Report<'_> {
    Report {
        project: &s.project,
        voyages: &s.voyages,
        ledger: &s.ledger,
        events: &[],
        tracks: &[],
        ais: s.ais,
    }
}

/// The entity tag of a row: a hash of its id and fields as loaded (not of derived values such as
/// a claim's comparison), so it changes when the row does, or when its line holds another row.
fn row_etag(s: &Snapshot, table: Table, id: &str) -> Option<String> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let v = match table {
        Table::Observations => s
            .project
            .observations
            .iter()
            .find(|o| o.id == id)
            .map(j::observation)?,
        Table::Claims => s
            .project
            .claims
            .iter()
            .find(|c| c.id == id)
            .map(|c| json!([c.id, c.row]))?,
    };
    let mut h = DefaultHasher::new();
    v.to_string().hash(&mut h);
    Some(format!("\"{:016x}\"", h.finish()))
}

/// A row with its `ETag`.
fn tagged(v: Value, etag: Option<String>) -> ApiResult {
    let mut r = Json(v).into_response();
    if let Some(t) = etag.and_then(|t| header::HeaderValue::from_str(&t).ok()) {
        r.headers_mut().insert(header::ETAG, t);
    }
    Ok(r)
}

async fn index(State(st): State<Shared>) -> ApiResult {
    let s = st.snapshot();
    ok(json!({
        "name": s.project.name, "revision": s.revision, "writable": st.token.is_some(),
        "links": ["/api/v1/openapi.json", "/api/v1/project", "/api/v1/vessels", "/api/v1/events",
                  "/api/v1/voyages", "/api/v1/ledger", "/api/v1/claims", "/api/v1/observations",
                  "/api/v1/basemap"],
    }))
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn project(State(st): State<Shared>) -> ApiResult {
    let s = st.snapshot();
    let p = &s.project;
    let corridors: Vec<Value> = p
        .corridors
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "index": i, "name": c.name,
                "mode": match c.mode { lookout_project::Mode::Sea => "sea", _ => "rail" },
                "origins": c.origins, "destinations": c.destinations, "unit": c.unit,
                "prior": {"low": c.prior.low, "central": c.prior.central, "high": c.prior.high,
                          "source": c.prior.source},
                "cycle_days": c.cycle_days,
            })
        })
        .collect();
    let watchlist: Vec<Value> = p
        .watchlist
        .iter()
        .map(|w| json!({"name": w.name, "imo": w.imo, "mmsi": w.mmsi, "flag": w.flag, "aliases": w.aliases}))
        .collect();
    let (a, b) = s.ledger.window;
    ok(json!({
        "name": p.name, "revision": s.revision, "writable": st.token.is_some(), "watch": st.watch,
        "window": [format_time(a), format_time(b)],
        "corridors": corridors, "watchlist": watchlist,
        "areas": report(&s).areas_geojson(),
        "observation_kinds": lookout_project::ObsKind::ALL.iter().map(|k| k.1).collect::<Vec<_>>(),
        "sites": p.areas.all().iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
    }))
}

async fn basemap(State(st): State<Shared>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/geo+json")],
        st.basemap.clone(),
    )
        .into_response()
}

#[derive(Deserialize)]
struct VesselQuery {
    q: Option<String>,
    watched: Option<bool>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn vessels(
    State(st): State<Shared>,
    q: Result<Query<VesselQuery>, QueryRejection>,
) -> ApiResult {
    let q = query(q)?;
    let hits: Vec<_> = st
        .vessels
        .iter()
        .filter(|v| q.q.as_deref().is_none_or(|s| v.matches(s)))
        .filter(|v| q.watched.is_none_or(|w| v.watch.is_some() == w))
        .collect();
    page(hits, (q.limit, q.offset), |v| v.summary())
}

async fn vessel(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let v = st
        .vessels
        .iter()
        .find(|v| v.is(&id))
        .ok_or_else(|| Problem::not_found(format!("no vessel {id:?}")))?;
    let s = st.snapshot();
    let r = report(&s);
    let voyages: Vec<Value> = s
        .voyages
        .voyages
        .iter()
        .zip(&s.ledger.entries)
        .filter(|(y, _)| y.vessel == v.name || y.mmsis.iter().any(|m| v.mmsis.contains(m)))
        .map(|(y, e)| j::voyage(y, Some(e), r.sanctions(y).as_ref()))
        .collect();
    let sanctions = s.project.sanctions.as_ref().map(|list| {
        let mut names = vec![v.name.as_str()];
        if let Some(w) = &v.watch {
            names.extend(w.aliases.iter().map(String::as_str));
        }
        let q = SanctionsQuery {
            imo: v.imo,
            mmsis: &v.mmsis,
            names,
            flag: v.watch.as_ref().and_then(|w| w.flag.as_deref()),
        };
        j::sanctions(&list.status(&q, writes::now_ms()))
    });
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for e in s.events.iter().filter(|e| v.mmsis.contains(&e.mmsi)) {
        *counts.entry(e.event_type.as_str()).or_default() += 1;
    }
    let mut out = v.summary();
    out["aliases"] = json!(v.watch.as_ref().map(|w| &w.aliases));
    out["note"] = json!(v.watch.as_ref().map(|w| &w.note));
    out["identity_history"] = v.identity_history();
    out["sanctions_now"] = json!(sanctions);
    out["voyages"] = json!(voyages);
    out["event_counts"] = json!(counts);
    ok(out)
}

#[derive(Deserialize)]
struct TrackQuery {
    start: Option<String>,
    end: Option<String>,
    zoom: Option<f64>,
}

async fn track(
    State(st): State<Shared>,
    Path(mmsi): Path<String>,
    q: Result<Query<TrackQuery>, QueryRejection>,
) -> ApiResult {
    let q = query(q)?;
    let mmsi: u32 = mmsi
        .parse()
        .map_err(|_| Problem::bad_request(format!("not an MMSI: {mmsi:?}")))?;
    let start = time_param("start", &q.start)?.unwrap_or(i64::MIN);
    let end = time_param("end", &q.end)?.unwrap_or(i64::MAX);
    let tol = match q.zoom {
        None => 0.0,
        Some(z) if (0.0..=24.0).contains(&z) => tracks::tolerance(z),
        Some(z) => {
            return Err(Problem::bad_request(format!(
                "zoom must be 0..=24, not {z}"
            )))
        }
    };
    if !st
        .vessels
        .iter()
        .any(|v| v.mmsis.contains(&mmsi) && v.positions() > 0)
    {
        return Err(Problem::not_found(format!("no track for MMSI {mmsi}")));
    }
    let state = st.clone();
    let full = tokio::task::spawn_blocking(move || match &state.store {
        Some(store) => state.tracks.get(store, mmsi),
        None => Ok(Default::default()),
    })
    .await
    .map_err(Problem::internal)?
    .map_err(Problem::internal)?;
    let pts = tracks::cut_and_simplify(&full, start, end, tol);
    let coords: Vec<[f64; 3]> = pts
        .iter()
        .map(|p| {
            [
                (p.2 * 1e6).round() / 1e6,
                (p.1 * 1e6).round() / 1e6,
                p.0 as f64,
            ]
        })
        .collect();
    ok(json!({
        "mmsi": mmsi, "points": coords.len(), "of": full.len(),
        "tolerance_deg": tol, "coordinates": coords,
    }))
}

#[derive(Deserialize)]
struct EventQuery {
    #[serde(rename = "type")]
    event_type: Option<String>,
    mmsi: Option<u32>,
    vessel: Option<String>,
    area: Option<String>,
    start: Option<String>,
    end: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn events(
    State(st): State<Shared>,
    q: Result<Query<EventQuery>, QueryRejection>,
) -> ApiResult {
    let q = query(q)?;
    let start = time_param("start", &q.start)?.unwrap_or(i64::MIN);
    let end = time_param("end", &q.end)?.unwrap_or(i64::MAX);
    let types: Option<Vec<&str>> = q.event_type.as_deref().map(|t| t.split(',').collect());
    if let Some(ts) = &types {
        let known: Vec<&str> = lookout_core::event::EventType::ALL
            .iter()
            .map(|t| t.as_str())
            .collect();
        if let Some(bad) = ts.iter().find(|t| !known.contains(t)) {
            return Err(Problem::bad_request(format!(
                "unknown event type {bad:?} (one of {})",
                known.join(", ")
            )));
        }
    }
    let mmsis: Option<Vec<u32>> = match &q.vessel {
        None => None,
        Some(id) => Some(
            st.vessels
                .iter()
                .find(|v| v.is(id))
                .ok_or_else(|| Problem::not_found(format!("no vessel {id:?}")))?
                .mmsis
                .clone(),
        ),
    };
    let s = st.snapshot();
    let hits: Vec<_> = s
        .events
        .iter()
        .filter(|e| {
            types
                .as_ref()
                .is_none_or(|ts| ts.contains(&e.event_type.as_str()))
        })
        .filter(|e| {
            q.mmsi
                .is_none_or(|m| e.mmsi == m || e.other_mmsi == Some(m))
        })
        .filter(|e| mmsis.as_ref().is_none_or(|ms| ms.contains(&e.mmsi)))
        .filter(|e| {
            q.area
                .as_ref()
                .is_none_or(|a| e.area.as_ref() == Some(a) || e.other_area.as_ref() == Some(a))
        })
        .filter(|e| e.end_time >= start && e.start_time < end)
        .collect();
    page(hits, (q.limit, q.offset), j::event)
}

#[derive(Deserialize)]
struct VoyageQuery {
    vessel: Option<String>,
    corridor: Option<usize>,
    kind: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn voyages(
    State(st): State<Shared>,
    q: Result<Query<VoyageQuery>, QueryRejection>,
) -> ApiResult {
    let q = query(q)?;
    let s = st.snapshot();
    let r = report(&s);
    let hits: Vec<_> = s
        .voyages
        .voyages
        .iter()
        .zip(&s.ledger.entries)
        .filter(|(v, _)| {
            q.vessel
                .as_ref()
                .is_none_or(|n| v.vessel.eq_ignore_ascii_case(n))
        })
        .filter(|(v, _)| q.corridor.is_none_or(|c| v.corridor == c))
        .filter(|(v, _)| {
            q.kind
                .as_deref()
                .is_none_or(|k| (k == "observed") == v.is_observed())
        })
        .collect();
    page(hits, (q.limit, q.offset), |(v, e)| {
        j::voyage(v, Some(e), r.sanctions(v).as_ref())
    })
}

async fn voyage(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let s = st.snapshot();
    let (v, e) = s
        .voyages
        .voyages
        .iter()
        .zip(&s.ledger.entries)
        .find(|(v, _)| v.id == id)
        .ok_or_else(|| Problem::not_found(format!("no voyage {id:?}")))?;
    let mut out = j::voyage(v, Some(e), report(&s).sanctions(v).as_ref());
    let ids: Vec<&String> = v.evidence.iter().chain(e.basis.evidence()).collect();
    let observations: Vec<Value> = s
        .project
        .observations
        .iter()
        .filter(|o| ids.contains(&&o.id))
        .map(j::observation)
        .collect();
    let events: Vec<Value> = ids
        .iter()
        .filter_map(|id| s.event_ids.get(id.as_str()))
        .map(|&i| j::event(&s.events[i]))
        .collect();
    out["evidence_observations"] = json!(observations);
    out["evidence_events"] = json!(events);
    ok(out)
}

#[derive(Deserialize)]
struct LedgerQuery {
    corridor: Option<usize>,
}

async fn ledger(
    State(st): State<Shared>,
    q: Result<Query<LedgerQuery>, QueryRejection>,
) -> ApiResult {
    let q = query(q)?;
    let s = st.snapshot();
    let l = &s.ledger;
    let corridors: Vec<Value> = s
        .project
        .corridors
        .iter()
        .enumerate()
        .filter(|(i, _)| q.corridor.is_none_or(|c| c == *i))
        .map(|(i, c)| {
            json!({
                "index": i, "name": c.name, "unit": c.unit,
                "total": l.totals.get(i).map(j::bounds),
                "weeks": l.weeks.iter().filter(|w| w.corridor == i).map(j::week).collect::<Vec<_>>(),
            })
        })
        .collect();
    ok(json!({
        "revision": s.revision, "draws": l.draws,
        "window": [format_time(l.window.0), format_time(l.window.1)],
        "corridors": corridors,
        "conversion": l.conversion.as_ref().map(|c| json!({
            "unit": c.unit, "low": c.low, "high": c.high, "pairs": c.pairs,
        })),
    }))
}

async fn claims(State(st): State<Shared>, q: Result<Query<Paging>, QueryRejection>) -> ApiResult {
    let p = query(q)?;
    let s = st.snapshot();
    let items: Vec<_> = s.project.claims.iter().collect();
    page(items, (p.limit, p.offset), |c| {
        j::claim(c, s.ledger.comparisons.iter().find(|k| k.claim.id == c.id))
    })
}

async fn claim(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let s = st.snapshot();
    let c = s
        .project
        .claims
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Problem::not_found(format!("no claim {id:?}")))?;
    tagged(
        j::claim(c, s.ledger.comparisons.iter().find(|k| k.claim.id == c.id)),
        row_etag(&s, Table::Claims, &id),
    )
}

#[derive(Deserialize)]
struct ObservationQuery {
    site: Option<String>,
    vessel: Option<String>,
    kind: Option<String>,
    start: Option<String>,
    end: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn observations(
    State(st): State<Shared>,
    q: Result<Query<ObservationQuery>, QueryRejection>,
) -> ApiResult {
    let q = query(q)?;
    let start = time_param("start", &q.start)?.unwrap_or(i64::MIN);
    let end = time_param("end", &q.end)?.unwrap_or(i64::MAX);
    let s = st.snapshot();
    let hits: Vec<_> = s
        .project
        .observations
        .iter()
        .filter(|o| q.site.as_ref().is_none_or(|x| &o.site == x))
        .filter(|o| {
            q.vessel
                .as_ref()
                .is_none_or(|x| o.vessel.as_ref().is_some_and(|v| v.eq_ignore_ascii_case(x)))
        })
        .filter(|o| q.kind.as_deref().is_none_or(|k| o.kind.as_str() == k))
        .filter(|o| o.time >= start && o.time < end)
        .collect();
    page(hits, (q.limit, q.offset), j::observation)
}

async fn observation(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let s = st.snapshot();
    let o = s
        .project
        .observations
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| Problem::not_found(format!("no observation {id:?}")))?;
    tagged(j::observation(o), row_etag(&s, Table::Observations, &id))
}

/// Checks the bearer token: 403 when the server is read-only, 401 when the token is missing or
/// wrong.
fn authorize(st: &AppState, headers: &HeaderMap) -> Result<(), Problem> {
    let Some(token) = &st.token else {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "this server is read-only (started without --token-file)",
        ));
    };
    if carries_token(headers, token) {
        Ok(())
    } else {
        let mut p = Problem::new(StatusCode::UNAUTHORIZED, "a valid bearer token is required");
        p.authenticate = true;
        Err(p)
    }
}

/// Whether `headers` carry `token` in an `Authorization: Bearer` header. Every byte is
/// compared, whatever the first difference, so timing tells nothing.
pub fn carries_token(headers: &HeaderMap, token: &str) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer_token)
        .unwrap_or("");
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The token of an `Authorization` value in the `Bearer` scheme, whose name is case-insensitive
/// and may be followed by more than one space (RFC 9110, sections 11.1 and 11.4).
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim_start_matches(' '))
}

fn line(table: Table, id: &str) -> Result<usize, Problem> {
    table
        .line_of(id)
        .ok_or_else(|| Problem::not_found(format!("no {} {id:?}", table.prefix())))
}

/// Runs one authorized write: apply to the project folder, recompute the ledger, swap the
/// snapshot. Writes are serialized; reads go on against the previous snapshot meanwhile.
/// Returns the row written with the new `revision` (nothing for a delete).
/// With `If-Match`, an update or delete happens only if the row still has that `ETag` (412
/// otherwise).
async fn write(
    st: Shared,
    table: Table,
    change: Change,
    if_match: Option<&str>,
) -> Result<(Option<Value>, Option<String>), Problem> {
    let _one_writer = st.write_lock.lock().await;
    if let (Some(want), Change::Update(line, _) | Change::Delete(line)) = (if_match, &change) {
        let id = format!("{}:{line}", table.prefix());
        if want != "*" && row_etag(&st.snapshot(), table, &id).as_deref() != Some(want) {
            return Err(Problem::new(
                StatusCode::PRECONDITION_FAILED,
                format!("{id} changed since it was read (If-Match {want})"),
            ));
        }
    }
    let state = st.clone();
    let done = tokio::task::spawn_blocking(move || {
        let applied = writes::apply(&state.project_dir, table, change)?;
        let s = state.snapshot();
        let snap = Snapshot::compute(applied.project, s.events.clone(), s.ais, s.revision + 1);
        Ok::<_, WriteError>((snap, applied.id, applied.after.is_none()))
    })
    .await
    .map_err(Problem::internal)?;
    let (snap, id, deleted) = match done {
        Ok(x) => x,
        Err(WriteError::NotFound(m)) => return Err(Problem::not_found(m)),
        Err(WriteError::Invalid(problems)) => {
            let errors: Vec<Value> = problems
                .iter()
                .map(|(f, m)| json!({"field": f, "message": m}))
                .collect();
            return Err(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "{} rejected: {}",
                    table.file(),
                    problems.first().map_or("", |p| p.1.as_str())
                ),
            )
            .with("errors", json!(errors)));
        }
        Err(WriteError::Io(e)) => return Err(Problem::internal(e)),
    };
    let revision = snap.revision;
    let body = id.as_ref().and_then(|id| match table {
        Table::Observations => snap
            .project
            .observations
            .iter()
            .find(|o| &o.id == id)
            .map(j::observation),
        Table::Claims => snap.project.claims.iter().find(|c| &c.id == id).map(|c| {
            j::claim(
                c,
                snap.ledger.comparisons.iter().find(|k| k.claim.id == c.id),
            )
        }),
    });
    let etag = id.as_deref().and_then(|id| row_etag(&snap, table, id));
    st.replace(snap);
    if deleted {
        return Ok((None, None));
    }
    let mut out = body.unwrap_or(Value::Null);
    out["revision"] = revision.into();
    Ok((Some(out), etag))
}

/// `POST` on a table: 201 Created with the new row's `Location` and `ETag`.
async fn create(
    table: Table,
    st: Shared,
    headers: HeaderMap,
    b: Result<Json<Map<String, Value>>, JsonRejection>,
) -> ApiResult {
    authorize(&st, &headers)?;
    let fields = body(b)?;
    let (row, etag) = write(st, table, Change::Create(fields), None).await?;
    let row = row.unwrap_or_default();
    let collection = match table {
        Table::Observations => "observations",
        Table::Claims => "claims",
    };
    let location = format!("/api/v1/{collection}/{}", row["id"].as_str().unwrap_or(""));
    let mut r = tagged(row, etag)?;
    *r.status_mut() = StatusCode::CREATED;
    if let Ok(l) = header::HeaderValue::from_str(&location) {
        r.headers_mut().insert(header::LOCATION, l);
    }
    Ok(r)
}

fn if_match(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok())
}

/// `PUT` on a row: the whole row is replaced.
async fn update(
    table: Table,
    st: Shared,
    id: String,
    headers: HeaderMap,
    b: Result<Json<Map<String, Value>>, JsonRejection>,
) -> ApiResult {
    authorize(&st, &headers)?;
    let l = line(table, &id)?;
    let fields = body(b)?;
    let (row, etag) = write(st, table, Change::Update(l, fields), if_match(&headers)).await?;
    tagged(row.unwrap_or_default(), etag)
}

/// `DELETE` on a row: 204 No Content.
async fn delete(table: Table, st: Shared, id: String, headers: HeaderMap) -> ApiResult {
    authorize(&st, &headers)?;
    let l = line(table, &id)?;
    write(st, table, Change::Delete(l), if_match(&headers)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
