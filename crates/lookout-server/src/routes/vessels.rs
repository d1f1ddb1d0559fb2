//! Vessels (`/vessels`, `/vessels/{id}`): the index searched by name, MMSI or IMO, and one
//! vessel's page: identity history (what its MMSIs reported over AIS, the identity changes
//! Lookout detected, and what the sanctions lists say), sanctions status, voyages, events.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use lookout_core::event::EventType;
use lookout_core::time::format_time;
use lookout_sanctions::{Fact, Status};
use lookout_store::Vessel as StoreVessel;
use serde::{Deserialize, Serialize};

use super::events::EventBody;
use super::extract::{Id, Params};
use super::voyages::VoyageBody;
use super::{page, report, Page, Shared};
use crate::problem::Problem;
use crate::vessels::VesselEntry;
use crate::{writes, AppState};

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/vessels", get(list))
        .route("/vessels/{id}", get(one))
}

/// The vessel `id` names (watchlist name or alias, MMSI, IMO), or a 404.
pub(super) fn find_vessel<'a>(st: &'a AppState, id: &str) -> Result<&'a VesselEntry, Problem> {
    st.vessels
        .iter()
        .find(|v| v.is(id))
        .ok_or_else(|| Problem::not_found(format!("no vessel {id:?}")))
}

/// A vessel in a list.
#[derive(Serialize)]
struct VesselSummary {
    /// Watchlist name, else the MMSI.
    id: String,
    name: String,
    mmsi: Vec<u32>,
    imo: Option<u32>,
    flag: Option<String>,
    watched: bool,
    positions: u64,
    first_seen: Option<String>,
    last_seen: Option<String>,
}

impl From<&VesselEntry> for VesselSummary {
    fn from(v: &VesselEntry) -> Self {
        let (first, last) = v.seen();
        VesselSummary {
            id: v.id.clone(),
            name: v.name.clone(),
            mmsi: v.mmsis.clone(),
            imo: v.imo,
            flag: v.watch.as_ref().and_then(|w| w.flag.clone()),
            watched: v.watch.is_some(),
            positions: v.positions(),
            first_seen: first.map(format_time),
            last_seen: last.map(format_time),
        }
    }
}

/// A sanctions status (`lookout_sanctions::Status`).
#[derive(Serialize)]
pub(super) struct SanctionsBody {
    status: &'static str,
    entity: Option<String>,
    matched_by: Option<&'static str>,
    detail: String,
}

impl From<&Status> for SanctionsBody {
    fn from(s: &Status) -> Self {
        SanctionsBody {
            status: s.status,
            entity: s.entity.clone(),
            matched_by: s.matched_by.map(|m| m.as_str()),
            detail: s.detail.clone(),
        }
    }
}

#[derive(Deserialize)]
struct VesselQuery {
    q: Option<String>,
    watched: Option<bool>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list(
    State(st): State<Shared>,
    Params(q): Params<VesselQuery>,
) -> Result<Json<Page<VesselSummary>>, Problem> {
    let hits: Vec<_> = st
        .vessels
        .iter()
        .filter(|v| q.q.as_deref().is_none_or(|s| v.matches(s)))
        .filter(|v| q.watched.is_none_or(|w| v.watch.is_some() == w))
        .collect();
    Ok(Json(page(hits, q.limit, q.offset, VesselSummary::from)?))
}

/// What one MMSI reported over AIS (names, IMOs, call signs, ship types with their counts,
/// most reported first) and the flag its MID stands for.
#[derive(Serialize)]
struct AisIdentity {
    mmsi: u32,
    /// ISO 3166-1 alpha-2 (lower case) of the MMSI's MID (ITU table).
    flag: Option<String>,
    names: Vec<(String, u64)>,
    imos: Vec<(u32, u64)>,
    callsigns: Vec<(String, u64)>,
    ship_types: Vec<(u8, u64)>,
    positions: u64,
    statics: u64,
    first_seen: String,
    last_seen: String,
}

/// One vessel's page.
#[derive(Serialize)]
struct VesselDetail {
    #[serde(flatten)]
    summary: VesselSummary,
    aliases: Option<Vec<String>>,
    note: Option<String>,
    /// Per MMSI, what it reported over AIS.
    identity_history: Vec<AisIdentity>,
    /// The `identity_change` events Lookout detected on its MMSIs, in time order.
    identity_changes: Vec<EventBody>,
    /// What the sanctions lists say (names, former names, flags, past flags, owners, managers
    /// with the dates the sources give); `null` without a list.
    identity_lists: Option<Vec<Fact>>,
    /// Listing status today.
    sanctions_now: Option<SanctionsBody>,
    voyages: Vec<VoyageBody>,
    /// Events of its MMSIs by type.
    event_counts: BTreeMap<&'static str, usize>,
}

async fn one(State(st): State<Shared>, Id(id): Id) -> Result<Json<VesselDetail>, Problem> {
    let v = find_vessel(&st, &id)?;
    let s = st.snapshot();
    let r = report(&s);
    let voyages = s
        .voyages
        .voyages
        .iter()
        .zip(&s.ledger.entries)
        .filter(|(y, _)| y.vessel == v.name || y.mmsis.iter().any(|m| v.mmsis.contains(m)))
        .map(|(y, e)| VoyageBody::new(&r, y, e))
        .collect();
    let query = v.sanctions_query();
    let list = s.project.sanctions.as_deref();
    let mut event_counts = BTreeMap::new();
    let mut identity_changes = Vec::new();
    for e in s.events.iter().filter(|e| v.mmsis.contains(&e.mmsi)) {
        *event_counts.entry(e.event_type.as_str()).or_default() += 1;
        if e.event_type == EventType::IdentityChange {
            identity_changes.push(EventBody::from(e));
        }
    }
    let flag = |m: u32| st.risk.registries().flag_of_mmsi(m).map(str::to_owned);
    Ok(Json(VesselDetail {
        summary: v.into(),
        aliases: v.watch.as_ref().map(|w| w.aliases.clone()),
        note: v.watch.as_ref().map(|w| w.note.clone()),
        identity_history: v
            .identities
            .iter()
            .map(|i: &StoreVessel| AisIdentity {
                mmsi: i.mmsi,
                flag: flag(i.mmsi),
                names: i.names.clone(),
                imos: i.imos.clone(),
                callsigns: i.callsigns.clone(),
                ship_types: i.ship_types.clone(),
                positions: i.positions,
                statics: i.statics,
                first_seen: format_time(i.first_seen),
                last_seen: format_time(i.last_seen),
            })
            .collect(),
        identity_changes,
        identity_lists: list.map(|l| l.identity(&l.find_ids(&query).0)),
        sanctions_now: list.map(|l| (&l.status(&query, writes::now_ms())).into()),
        voyages,
        event_counts,
    }))
}
