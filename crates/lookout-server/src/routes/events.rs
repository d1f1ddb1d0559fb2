//! Events (`/events`, `/events/{id}`) in the column contract of `lookout events`: filtered by
//! type, vessel, area and time, as a JSON page or, with `format=csv|geojson`, every match as a
//! file in the formats `lookout events` writes.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use lookout_core::event::{EventType, COLUMNS};
use lookout_events::Event;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::extract::{Id, Params};
use super::vessels::find_vessel;
use super::{csv_bytes, csv_download, geojson_download, page, time_param, Format, Shared};
use crate::problem::Problem;

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/events", get(list))
        .route("/events/{id}", get(one))
}

/// An event: the columns of `lookout events`, typed (`lookout_core::event::Event::properties`,
/// the one definition of the format).
#[derive(Serialize)]
#[serde(transparent)]
pub(super) struct EventBody(Map<String, Value>);

impl From<&Event> for EventBody {
    fn from(e: &Event) -> Self {
        EventBody(e.properties())
    }
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
    #[serde(default)]
    format: Format,
}

async fn list(
    State(st): State<Shared>,
    Params(q): Params<EventQuery>,
) -> Result<Response, Problem> {
    let start = time_param("start", &q.start)?.unwrap_or(i64::MIN);
    let end = time_param("end", &q.end)?.unwrap_or(i64::MAX);
    let types: Option<Vec<&str>> = q
        .event_type
        .as_deref()
        .filter(|t| !t.is_empty())
        .map(|t| t.split(',').collect());
    if let Some(ts) = &types {
        let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        if let Some(bad) = ts.iter().find(|t| !known.contains(t)) {
            return Err(Problem::bad_request(format!(
                "unknown event type {bad:?} (one of {})",
                known.join(", ")
            )));
        }
    }
    let mmsis = match q.vessel.as_deref().filter(|v| !v.is_empty()) {
        None => None,
        Some(id) => Some(find_vessel(&st, id)?.mmsis.clone()),
    };
    let area = q.area.as_ref().filter(|a| !a.is_empty());
    let s = st.snapshot();
    let hits: Vec<&Event> = s
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
            area.is_none_or(|a| e.area.as_ref() == Some(a) || e.other_area.as_ref() == Some(a))
        })
        .filter(|e| e.end_time >= start && e.start_time < end)
        .collect();
    match q.format {
        Format::Json => Ok(Json(page(hits, q.limit, q.offset, EventBody::from)?).into_response()),
        Format::Csv => {
            let bytes = csv_bytes(&COLUMNS, hits.iter().map(|e| e.csv_record()))?;
            Ok(csv_download("events.csv", bytes))
        }
        Format::Geojson => {
            let features: Vec<Value> = hits.iter().map(|e| e.geojson_feature()).collect();
            geojson_download(
                "events.geojson",
                &json!({"type": "FeatureCollection", "features": features}),
            )
        }
    }
}

async fn one(State(st): State<Shared>, Id(id): Id) -> Result<Json<EventBody>, Problem> {
    let s = st.snapshot();
    let i = s
        .event_ids
        .get(&id)
        .ok_or_else(|| Problem::not_found(format!("no event {id:?}")))?;
    Ok(Json(EventBody::from(&s.events[*i])))
}
