//! Voyages (`/voyages`, `/voyages/{id}`): observed legs and hidden groups with their ledger
//! entry, their sanctions status on departure, and (one voyage) their evidence resolved.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use lookout_core::provenance::Provenance;
use lookout_core::time::format_time;
use lookout_ledger::ledger::{Bounds, Entry};
use lookout_ledger::voyages::VoyageKind;
use lookout_ledger::Voyage;
use lookout_report::Report;
use serde::{Deserialize, Serialize};

use super::events::EventBody;
use super::extract::{Id, Params};
use super::observations::ObservationBody;
use super::vessels::SanctionsBody;
use super::{page, report, Page, Shared};
use crate::problem::Problem;

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/voyages", get(list))
        .route("/voyages/{id}", get(one))
}

/// A voyage with its ledger entry and its vessel's sanctions status at departure.
#[derive(Serialize)]
pub(super) struct VoyageBody {
    id: String,
    /// `observed` or `hidden`.
    kind: &'static str,
    vessel: String,
    mmsi: Vec<u32>,
    corridor: usize,
    origin: String,
    destination: String,
    depart_time: String,
    arrive_time: String,
    confidence: f64,
    away_days: Option<f64>,
    unseen_days: Option<i64>,
    legs_mean: f64,
    cargo: Bounds,
    cargo_basis: &'static str,
    cargo_evidence: Vec<String>,
    evidence: Vec<String>,
    evidence_sources: String,
    note: String,
    sanctions: Option<SanctionsBody>,
    /// The least trusted provenance of its evidence (`simulated` if any row is).
    provenance: Option<Provenance>,
}

impl VoyageBody {
    pub(super) fn new(r: &Report, v: &Voyage, e: &Entry) -> VoyageBody {
        let (away_days, unseen_days) = match v.kind {
            VoyageKind::Hidden {
                away_days,
                unseen_days,
            } => (Some(away_days), Some(unseen_days)),
            VoyageKind::Observed { .. } => (None, None),
        };
        VoyageBody {
            id: v.id.clone(),
            kind: v.kind_name(),
            vessel: v.vessel.clone(),
            mmsi: v.mmsis.clone(),
            corridor: v.corridor,
            origin: v.origin.clone(),
            destination: v.destination.clone(),
            depart_time: format_time(v.depart),
            arrive_time: format_time(v.arrive),
            confidence: v.confidence(),
            away_days,
            unseen_days,
            legs_mean: e.legs_mean,
            cargo: e.cargo,
            cargo_basis: e.basis.as_str(),
            cargo_evidence: e.basis.evidence().to_vec(),
            evidence: v.evidence.clone(),
            evidence_sources: v.sources.clone(),
            note: v.note.clone(),
            sanctions: r.sanctions(v).as_ref().map(SanctionsBody::from),
            provenance: Provenance::weakest(
                v.evidence.iter().filter_map(|id| r.evidence_provenance(id)),
            ),
        }
    }
}

#[derive(Deserialize)]
struct VoyageQuery {
    vessel: Option<String>,
    corridor: Option<usize>,
    kind: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list(
    State(st): State<Shared>,
    Params(q): Params<VoyageQuery>,
) -> Result<Json<Page<VoyageBody>>, Problem> {
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
    let p = page(hits, q.limit, q.offset, |(v, e)| VoyageBody::new(&r, v, e))?;
    Ok(Json(p))
}

/// One voyage with its evidence: the observation rows and the AIS events.
#[derive(Serialize)]
struct VoyageDetail {
    #[serde(flatten)]
    voyage: VoyageBody,
    evidence_observations: Vec<ObservationBody>,
    evidence_events: Vec<EventBody>,
}

async fn one(State(st): State<Shared>, Id(id): Id) -> Result<Json<VoyageDetail>, Problem> {
    let s = st.snapshot();
    let (v, e) = s
        .voyages
        .voyages
        .iter()
        .zip(&s.ledger.entries)
        .find(|(v, _)| v.id == id)
        .ok_or_else(|| Problem::not_found(format!("no voyage {id:?}")))?;
    let ids: Vec<&String> = v.evidence.iter().chain(e.basis.evidence()).collect();
    let evidence_observations = s
        .project
        .observations
        .iter()
        .filter(|o| ids.contains(&&o.id))
        .map(ObservationBody::from)
        .collect();
    let evidence_events = ids
        .iter()
        .filter_map(|id| s.event_ids.get(id.as_str()))
        .map(|&i| EventBody::from(&s.events[i]))
        .collect();
    Ok(Json(VoyageDetail {
        voyage: VoyageBody::new(&report(&s), v, e),
        evidence_observations,
        evidence_events,
    }))
}
