//! The explained risk score (`/risk`: the ranked fleet; `/vessels/{id}/risk`: one vessel's
//! score with every signal's evidence rows), as `lookout risk` computes it (docs/sanctions.md).

use std::sync::Arc;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use lookout_core::time::format_time;
use lookout_risk::score::{Evidence, Identity, Listing, Signal};
use lookout_risk::{Assessment, Vessel};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

use super::extract::{Id, Params};
use super::vessels::find_vessel;
use super::{page, time_param, Page, Shared};
use crate::problem::Problem;
use crate::vessels::VesselEntry;
use crate::AppState;

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/risk", get(fleet))
        .route("/vessels/{id}/risk", get(vessel))
}

/// True if a scored vessel and an entry of the vessel index are the same ship: a shared MMSI,
/// or the same watchlist entry.
fn same_ship(v: &Vessel, e: &VesselEntry) -> bool {
    v.mmsis.iter().any(|m| e.mmsis.contains(m))
        || (v.watched && e.watch.is_some() && v.name == e.name)
}

/// The id under which `/vessels/{id}` shows a scored vessel.
fn index_id(st: &AppState, v: &Vessel) -> Option<String> {
    st.vessels
        .iter()
        .find(|e| same_ship(v, e))
        .map(|e| e.id.clone())
}

/// The fleet scored on the `date` asked (default: see `RiskCache::default_date`).
async fn scored(
    st: &Shared,
    date: &Option<String>,
) -> Result<(i64, Arc<Vec<Assessment>>), Problem> {
    let at = time_param("date", date)?;
    let state = st.clone();
    tokio::task::spawn_blocking(move || {
        let s = state.snapshot();
        let at = at.unwrap_or_else(|| state.risk.default_date(&s));
        (at, state.risk.assess(&s, at))
    })
    .await
    .map_err(Problem::internal)
}

/// The ranked fleet on a date.
#[derive(Serialize)]
struct RiskList {
    /// The date scored.
    date: String,
    #[serde(flatten)]
    page: Page<RiskRow>,
}

/// One vessel of the ranked fleet: its score and every signal with its evidence rows.
#[derive(Serialize)]
struct RiskRow {
    /// 1 = highest score of the whole fleet.
    rank: usize,
    /// Its id in `/vessels/{id}`.
    vessel_id: Option<String>,
    vessel: Vessel,
    score: f64,
    capped: bool,
    sanctions: Option<Listing>,
    /// Every signal, in `risk.toml` order.
    signals: Vec<SignalBody>,
}

/// One signal of a score: its points and the rows behind them.
#[derive(Serialize)]
struct SignalBody {
    signal: &'static str,
    weight: f64,
    value: f64,
    points: f64,
    /// How the value was reached.
    note: String,
    evidence: Vec<EvidenceRow>,
}

/// One row of evidence, with the API resource that holds it.
#[derive(Serialize)]
struct EvidenceRow {
    #[serde(flatten)]
    evidence: Evidence,
    /// `/api/v1/events/{id}`, `/api/v1/sanctions/{id}` or `/api/v1/observations/{id}`; none
    /// for registry, MID and watchlist rows.
    href: Option<String>,
}

impl From<&Signal> for SignalBody {
    fn from(s: &Signal) -> SignalBody {
        SignalBody {
            signal: s.signal,
            weight: s.weight,
            value: s.value,
            points: s.points,
            note: s.note.clone(),
            evidence: s.evidence.iter().map(EvidenceRow::from).collect(),
        }
    }
}

impl From<&Evidence> for EvidenceRow {
    fn from(e: &Evidence) -> EvidenceRow {
        let collection = match e.kind {
            "event" => Some("events"),
            "ftm" => Some("sanctions"),
            "observation" => Some("observations"),
            _ => None,
        };
        EvidenceRow {
            evidence: e.clone(),
            href: collection
                .map(|c| format!("/api/v1/{c}/{}", utf8_percent_encode(&e.id, SEGMENT))),
        }
    }
}

/// What a path segment escapes: all but RFC 3986's unreserved characters and `:` (`obs:2`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b':');

#[derive(Deserialize)]
struct FleetQuery {
    date: Option<String>,
    watched: Option<bool>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn fleet(
    State(st): State<Shared>,
    Params(q): Params<FleetQuery>,
) -> Result<Json<RiskList>, Problem> {
    let (at, all) = scored(&st, &q.date).await?;
    let hits: Vec<(usize, &Assessment)> = all
        .iter()
        .enumerate()
        .filter(|(_, a)| q.watched.is_none_or(|w| a.vessel.watched == w))
        .collect();
    let page = page(hits, q.limit, q.offset, |(i, a)| RiskRow {
        rank: i + 1,
        vessel_id: index_id(&st, &a.vessel),
        vessel: a.vessel.clone(),
        score: a.score,
        capped: a.capped,
        sanctions: a.sanctions.clone(),
        signals: a.signals.iter().map(SignalBody::from).collect(),
    })?;
    Ok(Json(RiskList {
        date: format_time(at),
        page,
    }))
}

/// One vessel's score with its breakdown: `lookout risk --format json`'s vessel object, with
/// the resource of each evidence row.
#[derive(Serialize)]
struct VesselRisk {
    rank: usize,
    /// Vessels scored.
    of: usize,
    vessel_id: String,
    vessel: Vessel,
    /// The date scored.
    date: String,
    score: f64,
    capped: bool,
    signals: Vec<SignalBody>,
    sanctions: Option<Listing>,
    identity: Identity,
}

#[derive(Deserialize)]
struct DateQuery {
    date: Option<String>,
}

async fn vessel(
    State(st): State<Shared>,
    Id(id): Id,
    Params(q): Params<DateQuery>,
) -> Result<Json<VesselRisk>, Problem> {
    let entry = find_vessel(&st, &id)?;
    let (_, all) = scored(&st, &q.date).await?;
    let i = all
        .iter()
        .position(|a| same_ship(&a.vessel, entry))
        .ok_or_else(|| Problem::not_found(format!("vessel {id:?} is not scored")))?;
    let a = &all[i];
    Ok(Json(VesselRisk {
        rank: i + 1,
        of: all.len(),
        vessel_id: entry.id.clone(),
        vessel: a.vessel.clone(),
        date: a.date.clone(),
        score: a.score,
        capped: a.capped,
        signals: a.signals.iter().map(SignalBody::from).collect(),
        sanctions: a.sanctions.clone(),
        identity: a.identity.clone(),
    }))
}
