//! Observation rows (`/observations`, `/observations/{id}`): read, filtered, and edited with the
//! token (the writes are in [`super::edit`]).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use lookout_core::provenance::Provenance;
use lookout_core::time::format_time;
use lookout_project::Observation;
use serde::{Deserialize, Serialize};

use super::edit::{self, RowBody, Tagged};
use super::extract::{Id, Params};
use super::{page, time_param, Page, Shared};
use crate::problem::Problem;
use crate::writes::Table;

pub(super) fn routes() -> Router<Shared> {
    edit::table_routes(Table::Observations, get(list), get(one))
}

/// An `observations.csv` row as loaded.
#[derive(Serialize)]
pub(super) struct ObservationBody {
    /// `obs:LINE`.
    pub(super) id: String,
    time: String,
    site: String,
    kind: &'static str,
    vessel: Option<String>,
    count: Option<f64>,
    count_low: Option<f64>,
    count_high: Option<f64>,
    source: String,
    url: String,
    note: String,
    provenance: Provenance,
}

impl From<&Observation> for ObservationBody {
    fn from(o: &Observation) -> Self {
        ObservationBody {
            id: o.id.clone(),
            time: format_time(o.time),
            site: o.site.clone(),
            kind: o.kind.as_str(),
            vessel: o.vessel.clone(),
            count: o.count,
            count_low: o.count_low,
            count_high: o.count_high,
            source: o.source.clone(),
            url: o.url.clone(),
            note: o.note.clone(),
            provenance: o.provenance,
        }
    }
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

async fn list(
    State(st): State<Shared>,
    Params(q): Params<ObservationQuery>,
) -> Result<Json<Page<ObservationBody>>, Problem> {
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
    Ok(Json(page(hits, q.limit, q.offset, ObservationBody::from)?))
}

async fn one(State(st): State<Shared>, Id(id): Id) -> Result<Tagged<RowBody>, Problem> {
    edit::tagged_row(&st.snapshot(), Table::Observations, &id)
}
