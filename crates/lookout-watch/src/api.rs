//! The watch's HTTP routes, merged into the server's `/api/v1` (`docs/watch.md`):
//! `GET /alerts` (paged, filtered), `GET /alerts/stream` (server-sent events, resumable with
//! `Last-Event-ID`), `POST /alerts/{id}/ack` (bearer token), `GET /watch` (feeds, watermark,
//! counters, sinks) and `GET /watch/positions` (the live map).

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::stream::{self, Stream, StreamExt};
use lookout_core::time::{format_time, parse_time};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::broadcast;

use crate::alerts::{Ack, Alert, AlertIndex};
use crate::driver::Board;
use crate::feeds::now_ms;
use crate::sinks::SinkStats;

/// Largest page.
const MAX_PAGE: usize = 1000;

/// What the routes read.
pub struct ApiState {
    /// Alerts.
    pub alerts: Arc<AlertIndex>,
    /// Driver status and live positions.
    pub board: Arc<Board>,
    /// Sink counters.
    pub sinks: Vec<Arc<Mutex<SinkStats>>>,
    /// Bearer token for alert management (none: read-only).
    pub token: Option<String>,
}

type Shared = Arc<ApiState>;

/// The routes, to merge into the server's application.
pub fn routes(state: ApiState) -> Router {
    Router::new()
        .route("/api/v1/alerts", get(list))
        .route("/api/v1/alerts/stream", get(stream_alerts))
        .route("/api/v1/alerts/{id}/ack", post(ack))
        .route("/api/v1/watch", get(status))
        .route("/api/v1/watch/positions", get(positions))
        .with_state(Arc::new(state))
}

fn problem(status: StatusCode, detail: impl Into<String>) -> Response {
    let body = json!({"type": "about:blank", "title": status.canonical_reason(), "status": status.as_u16(), "detail": detail.into()});
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

/// An alert as the API shows it: the `alerts.jsonl` line plus its acknowledgement.
fn item(st: &ApiState, a: &Alert) -> Value {
    let mut v = serde_json::to_value(a).unwrap_or(Value::Null);
    v["acknowledged"] = json!(st.alerts.ack_of(&a.id));
    v
}

#[derive(Deserialize)]
struct AlertQuery {
    rule: Option<String>,
    mmsi: Option<u32>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    state: Option<String>,
    vessel: Option<String>,
    since: Option<String>,
    until: Option<String>,
    after_seq: Option<u64>,
    acknowledged: Option<bool>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /alerts`: newest first.
async fn list(State(st): State<Shared>, q: Result<Query<AlertQuery>, QueryRejection>) -> Response {
    let q = match q {
        Ok(Query(q)) => q,
        Err(e) => return problem(StatusCode::BAD_REQUEST, e.body_text()),
    };
    let time = |name: &str, v: &Option<String>| match v.as_deref() {
        None | Some("") => Ok(None),
        Some(s) => parse_time(s).map(Some).map_err(|e| format!("{name}: {e}")),
    };
    let (since, until) = match (time("since", &q.since), time("until", &q.until)) {
        (Ok(a), Ok(b)) => (a.unwrap_or(i64::MIN), b.unwrap_or(i64::MAX)),
        (Err(e), _) | (_, Err(e)) => return problem(StatusCode::BAD_REQUEST, e),
    };
    let limit = q.limit.unwrap_or(100);
    if limit == 0 || limit > MAX_PAGE {
        return problem(
            StatusCode::BAD_REQUEST,
            format!("limit must be 1..={MAX_PAGE}"),
        );
    }
    let offset = q.offset.unwrap_or(0);
    let all = st.alerts.all();
    let hits: Vec<&Arc<Alert>> = all
        .iter()
        .rev()
        .filter(|a| q.rule.as_ref().is_none_or(|r| &a.rule == r))
        .filter(|a| {
            q.mmsi
                .is_none_or(|m| a.mmsi == m || a.other_mmsi == Some(m))
        })
        .filter(|a| q.event_type.as_ref().is_none_or(|t| &a.event_type == t))
        .filter(|a| q.state.as_ref().is_none_or(|s| &a.state == s))
        .filter(|a| {
            q.vessel.as_ref().is_none_or(|v| {
                a.vessel
                    .as_ref()
                    .is_some_and(|n| n.to_uppercase().contains(&v.to_uppercase()))
            })
        })
        .filter(|a| q.after_seq.is_none_or(|s| a.seq > s))
        .filter(|a| {
            let t = parse_time(&a.start_time).unwrap_or(0);
            t >= since && t < until
        })
        .filter(|a| {
            q.acknowledged
                .is_none_or(|k| st.alerts.ack_of(&a.id).is_some() == k)
        })
        .collect();
    let items: Vec<Value> = hits
        .iter()
        .skip(offset)
        .take(limit)
        .map(|a| item(&st, a))
        .collect();
    Json(json!({"total": hits.len(), "offset": offset, "limit": limit, "items": items}))
        .into_response()
}

fn sse_event(a: &Alert) -> SseEvent {
    SseEvent::default()
        .event("alert")
        .id(a.seq.to_string())
        .data(serde_json::to_string(a).unwrap_or_default())
}

/// `GET /alerts/stream`: every notification after `Last-Event-ID` (or from now), then each one
/// as it is written. A client too slow to keep up gets a `lagged` event and should re-read
/// `GET /alerts?after_seq=`.
async fn stream_alerts(
    State(st): State<Shared>,
    headers: HeaderMap,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let rx = st.alerts.live.subscribe();
    let from = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let backlog = match from {
        Some(seq) => st.alerts.after(seq),
        None => Vec::new(),
    };
    let last = backlog
        .last()
        .map_or(from.unwrap_or_else(|| st.alerts.len()), |a| a.seq);
    let backlog = stream::iter(backlog.into_iter().map(|a| Ok(sse_event(&a))));
    let live = stream::unfold((rx, last), |(mut rx, last)| async move {
        loop {
            match rx.recv().await {
                Ok(a) if a.seq <= last => continue,
                Ok(a) => {
                    let seq = a.seq;
                    return Some((Ok(sse_event(&a)), (rx, seq)));
                }
                Err(broadcast::error::RecvError::Lagged(n)) => {
                    let e = SseEvent::default().event("lagged").data(n.to_string());
                    return Some((Ok(e), (rx, last)));
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(backlog.chain(live)).keep_alive(KeepAlive::default())
}

/// The answer refusing a request without the token; `None` when
/// the request carries it.
fn refusal(st: &ApiState, headers: &HeaderMap) -> Option<Response> {
    let Some(token) = st.token.as_deref() else {
        return Some(problem(
            StatusCode::FORBIDDEN,
            "the watch is read-only (started without --token-file)",
        ));
    };
    if lookout_server::routes::carries_token(headers, token) {
        None
    } else {
        let mut r = problem(StatusCode::UNAUTHORIZED, "a valid bearer token is required");
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
        Some(r)
    }
}

#[derive(Deserialize, Default)]
struct AckBody {
    #[serde(default)]
    note: String,
}

/// `POST /alerts/{id}/ack` (token): acknowledges an alert; the id is `RULE/EVENT_ID`, so it
/// is given URL-encoded.
async fn ack(
    State(st): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<AckBody>, JsonRejection>,
) -> Response {
    if let Some(r) = refusal(&st, &headers) {
        return r;
    }
    let note = match body {
        Ok(Json(b)) => b.note,
        Err(JsonRejection::MissingJsonContentType(_)) => String::new(),
        Err(e) => return problem(e.status(), e.body_text()),
    };
    if !st.alerts.all().iter().any(|a| a.id == id) {
        return problem(StatusCode::NOT_FOUND, format!("no alert {id:?}"));
    }
    let a = Ack {
        id,
        at: format_time(now_ms()),
        note,
    };
    let index = st.alerts.clone();
    let saved = a.clone();
    match tokio::task::spawn_blocking(move || index.acknowledge(saved)).await {
        Ok(Ok(())) => Json(json!(a)).into_response(),
        Ok(Err(e)) => problem(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// `GET /watch`: the driver's status and the sinks' counters.
async fn status(State(st): State<Shared>) -> Response {
    let status = st
        .board
        .status
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let sinks: Vec<SinkStats> = st
        .sinks
        .iter()
        .map(|s| s.lock().unwrap_or_else(|e| e.into_inner()).clone())
        .collect();
    let mut v = serde_json::to_value(&*status).unwrap_or(Value::Null);
    v["sinks"] = json!(sinks);
    v["writable"] = json!(st.token.is_some());
    Json(v).into_response()
}

/// `GET /watch/positions`: the last position of every vessel seen in the last
/// `positions_hours` before the watermark.
async fn positions(State(st): State<Shared>) -> Response {
    let list = st
        .board
        .positions
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    Json(json!({"count": list.len(), "items": &*list})).into_response()
}
