//! The ledger (`/ledger`): per corridor, the total and weekly cargo with 90% bounds, and how
//! much of the evidence behind each total is real, secondary or simulated.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use lookout_core::provenance::ProvenanceCounts;
use lookout_core::time::format_time;
use lookout_ledger::ledger::{Bounds, Week};
use serde::{Deserialize, Serialize};

use super::extract::Params;
use super::{report, Shared};
use crate::problem::Problem;

pub(super) fn routes() -> Router<Shared> {
    Router::new().route("/ledger", get(ledger))
}

#[derive(Serialize)]
struct LedgerBody {
    revision: u64,
    draws: usize,
    window: [String; 2],
    corridors: Vec<CorridorLedger>,
    conversion: Option<ConversionBody>,
}

#[derive(Serialize)]
struct CorridorLedger {
    index: usize,
    name: String,
    unit: String,
    total: Option<Bounds>,
    /// The evidence behind the corridor's voyages, by provenance (each id once).
    evidence: ProvenanceCounts,
    weeks: Vec<WeekBody>,
}

#[derive(Serialize)]
struct WeekBody {
    corridor: usize,
    week_start: String,
    observed_legs: usize,
    legs: Bounds,
    cargo: Bounds,
    cumulative: Bounds,
    origin_seen_days: usize,
    destination_seen_days: usize,
    voyages: Vec<String>,
}

impl From<&Week> for WeekBody {
    fn from(w: &Week) -> Self {
        WeekBody {
            corridor: w.corridor,
            week_start: format_time(w.start),
            observed_legs: w.observed_legs,
            legs: w.legs,
            cargo: w.cargo,
            cumulative: w.cumulative,
            origin_seen_days: w.origin_seen_days,
            destination_seen_days: w.destination_seen_days,
            voyages: w.voyages.clone(),
        }
    }
}

/// Containers to munitions: a labelled assumption from the claims.
#[derive(Serialize)]
struct ConversionBody {
    unit: String,
    low: f64,
    high: f64,
    /// (claim ids, ratio).
    pairs: Vec<(String, f64)>,
}

#[derive(Deserialize)]
struct LedgerQuery {
    corridor: Option<usize>,
}

async fn ledger(
    State(st): State<Shared>,
    Params(q): Params<LedgerQuery>,
) -> Result<Json<LedgerBody>, Problem> {
    let s = st.snapshot();
    let l = &s.ledger;
    let r = report(&s);
    let corridors = s
        .project
        .corridors
        .iter()
        .enumerate()
        .filter(|(i, _)| q.corridor.is_none_or(|c| c == *i))
        .map(|(i, c)| CorridorLedger {
            index: i,
            name: c.name.clone(),
            unit: c.unit.clone(),
            total: l.totals.get(i).copied(),
            evidence: r.corridor_evidence(i),
            weeks: l
                .weeks
                .iter()
                .filter(|w| w.corridor == i)
                .map(WeekBody::from)
                .collect(),
        })
        .collect();
    Ok(Json(LedgerBody {
        revision: s.revision,
        draws: l.draws,
        window: [format_time(l.window.0), format_time(l.window.1)],
        corridors,
        conversion: l.conversion.as_ref().map(|c| ConversionBody {
            unit: c.unit.clone(),
            low: c.low,
            high: c.high,
            pairs: c.pairs.clone(),
        }),
    }))
}
