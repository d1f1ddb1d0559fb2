//! Edits of `observations.csv` and `claims.csv` through the API: the bearer-token check
//! ([`Authorized`]), rows with their `ETag`, `If-Match`, and the one write behind `POST`, `PUT`
//! and `DELETE` of both tables (apply to the folder, recompute, swap the snapshot).

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{Map, Value};

use super::claims::ClaimBody;
use super::extract::{Body, Id};
use super::observations::ObservationBody;
use super::Shared;
use crate::data::Snapshot;
use crate::problem::{FieldError, Problem};
use crate::writes::{self, Change, Table, WriteError};

/// The routes of an editable table: `list` and `POST` on `/{collection}`, `one`, `PUT` and
/// `DELETE` on `/{collection}/{id}`.
pub(super) fn table_routes(
    table: Table,
    list: MethodRouter<Shared>,
    one: MethodRouter<Shared>,
) -> Router<Shared> {
    let collection = collection(table);
    Router::new()
        .route(
            &format!("/{collection}"),
            list.post(move |st, auth, body| create(table, st, auth, body)),
        )
        .route(
            &format!("/{collection}/{{id}}"),
            one.put(move |st, auth, id, headers, body| update(table, st, auth, id, headers, body))
                .delete(move |st, auth, id, headers| delete(table, st, auth, id, headers)),
        )
}

/// The path of a table's rows under `/api/v1`.
fn collection(table: Table) -> &'static str {
    match table {
        Table::Observations => "observations",
        Table::Claims => "claims",
    }
}

/// A request carrying the server's bearer token. Refused with 403 when the server is read-only,
/// 401 when the token is missing or wrong.
pub(super) struct Authorized;

impl FromRequestParts<Shared> for Authorized {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, st: &Shared) -> Result<Self, Problem> {
        let Some(token) = &st.token else {
            return Err(Problem::new(
                StatusCode::FORBIDDEN,
                "this server is read-only (started without --token-file)",
            ));
        };
        if carries_token(&parts.headers, token) {
            Ok(Authorized)
        } else {
            Err(Problem::unauthorized("a valid bearer token is required"))
        }
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

/// A row of either table.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum RowBody {
    Observation(Box<ObservationBody>),
    Claim(Box<ClaimBody>),
}

/// The row `id` of `table` in a snapshot.
fn row_body(s: &Snapshot, table: Table, id: &str) -> Option<RowBody> {
    match table {
        Table::Observations => s
            .project
            .observations
            .iter()
            .find(|o| o.id == id)
            .map(|o| RowBody::Observation(Box::new(o.into()))),
        Table::Claims => s
            .project
            .claims
            .iter()
            .find(|c| c.id == id)
            .map(|c| RowBody::Claim(Box::new(ClaimBody::new(c, s)))),
    }
}

/// The entity tag of a row: a hash of its id and fields as loaded (not of derived values such as
/// a claim's comparison), so it changes when the row does, or when its line holds another row.
fn row_etag(s: &Snapshot, table: Table, id: &str) -> Option<String> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let text = match table {
        Table::Observations => s
            .project
            .observations
            .iter()
            .find(|o| o.id == id)
            .map(|o| serde_json::to_string(&ObservationBody::from(o)))?,
        Table::Claims => s
            .project
            .claims
            .iter()
            .find(|c| c.id == id)
            .map(|c| serde_json::to_string(&(&c.id, &c.row)))?,
    };
    let mut h = DefaultHasher::new();
    text.ok()?.hash(&mut h);
    Some(format!("\"{:016x}\"", h.finish()))
}

/// A body with its `ETag`.
pub(super) struct Tagged<T> {
    body: T,
    etag: Option<String>,
}

impl<T: Serialize> IntoResponse for Tagged<T> {
    fn into_response(self) -> Response {
        let mut r = Json(self.body).into_response();
        if let Some(t) = self.etag.and_then(|t| HeaderValue::from_str(&t).ok()) {
            r.headers_mut().insert(header::ETAG, t);
        }
        r
    }
}

/// `GET` on a row: the row with its `ETag`.
pub(super) fn tagged_row(s: &Snapshot, table: Table, id: &str) -> Result<Tagged<RowBody>, Problem> {
    let body = row_body(s, table, id).ok_or_else(|| not_found(table, id))?;
    Ok(Tagged {
        body,
        etag: row_etag(s, table, id),
    })
}

fn not_found(table: Table, id: &str) -> Problem {
    let noun = match table {
        Table::Observations => "observation",
        Table::Claims => "claim",
    };
    Problem::not_found(format!("no {noun} {id:?}"))
}

/// A row as written, with the `revision` the write made.
#[derive(Serialize)]
pub(super) struct Written {
    #[serde(flatten)]
    row: Option<RowBody>,
    revision: u64,
}

fn line(table: Table, id: &str) -> Result<usize, Problem> {
    table
        .line_of(id)
        .ok_or_else(|| Problem::not_found(format!("no {} {id:?}", table.prefix())))
}

/// Runs one authorized write: apply to the project folder, recompute the ledger, swap the
/// snapshot. Writes are serialized; reads go on against the previous snapshot meanwhile.
/// Returns the row written (none for a delete) with the new `revision`.
/// With `If-Match`, an update or delete happens only if the row still has that `ETag` (412
/// otherwise).
async fn write(
    st: Shared,
    table: Table,
    change: Change,
    headers: &HeaderMap,
) -> Result<Tagged<Written>, Problem> {
    let _one_writer = st.write_lock.lock().await;
    let if_match = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok());
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
        Ok::<_, WriteError>((snap, applied.id))
    })
    .await
    .map_err(Problem::internal)?;
    let (snap, id) = match done {
        Ok(x) => x,
        Err(WriteError::NotFound(m)) => return Err(Problem::not_found(m)),
        Err(WriteError::Invalid(problems)) => {
            let detail = format!(
                "{} rejected: {}",
                table.file(),
                problems.first().map_or("", |p| p.1.as_str())
            );
            let errors = problems
                .into_iter()
                .map(|(field, message)| FieldError { field, message })
                .collect();
            return Err(Problem::new(StatusCode::UNPROCESSABLE_ENTITY, detail).with_errors(errors));
        }
        Err(WriteError::Io(e)) => return Err(Problem::internal(e)),
    };
    let written = Tagged {
        body: Written {
            row: id.as_deref().and_then(|id| row_body(&snap, table, id)),
            revision: snap.revision,
        },
        etag: id.as_deref().and_then(|id| row_etag(&snap, table, id)),
    };
    st.replace(snap);
    Ok(written)
}

/// `POST` on a table: 201 Created with the new row's `Location` and `ETag`.
async fn create(
    table: Table,
    State(st): State<Shared>,
    _: Authorized,
    body: Result<Body<Map<String, Value>>, Problem>,
) -> Result<Response, Problem> {
    let Body(fields) = body?;
    let written = write(st, table, Change::Create(fields), &HeaderMap::new()).await?;
    let id = match &written.body.row {
        Some(RowBody::Observation(o)) => o.id.clone(),
        Some(RowBody::Claim(c)) => c.id.clone(),
        None => String::new(),
    };
    let collection = collection(table);
    let mut r = written.into_response();
    *r.status_mut() = StatusCode::CREATED;
    if let Ok(l) = HeaderValue::from_str(&format!("/api/v1/{collection}/{id}")) {
        r.headers_mut().insert(header::LOCATION, l);
    }
    Ok(r)
}

/// `PUT` on a row: the whole row is replaced.
async fn update(
    table: Table,
    State(st): State<Shared>,
    _: Authorized,
    Id(id): Id,
    headers: HeaderMap,
    body: Result<Body<Map<String, Value>>, Problem>,
) -> Result<Tagged<Written>, Problem> {
    let l = line(table, &id)?;
    let Body(fields) = body?;
    write(st, table, Change::Update(l, fields), &headers).await
}

/// `DELETE` on a row: 204 No Content.
async fn delete(
    table: Table,
    State(st): State<Shared>,
    _: Authorized,
    Id(id): Id,
    headers: HeaderMap,
) -> Result<StatusCode, Problem> {
    let l = line(table, &id)?;
    write(st, table, Change::Delete(l), &headers).await?;
    Ok(StatusCode::NO_CONTENT)
}
