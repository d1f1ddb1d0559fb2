//! Claims (`/claims`, `/claims/{id}`) with how each compares with the evidence; edited with the
//! token (the writes are in [`super::edit`]).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use lookout_core::time::format_time;
use lookout_ledger::ledger::{Bounds, Comparison};
use lookout_project::{Claim, ClaimRow};
use serde::{Deserialize, Serialize};

use super::edit::{self, RowBody, Tagged};
use super::extract::{Id, Params};
use super::{page, Page, Shared};
use crate::data::Snapshot;
use crate::problem::Problem;
use crate::writes::Table;

pub(super) fn routes() -> Router<Shared> {
    edit::table_routes(Table::Claims, get(list), get(one))
}

/// A claim: its `claims.csv` columns, id, parsed period, and comparison with the ledger.
#[derive(Serialize)]
pub(super) struct ClaimBody {
    #[serde(flatten)]
    row: ClaimRow,
    /// `claim:LINE`.
    pub(super) id: String,
    /// `[start, end)`.
    period: [String; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    comparison: Option<ComparisonBody>,
}

#[derive(Serialize)]
struct ComparisonBody {
    metric: &'static str,
    estimate: Option<Bounds>,
    coverage: f64,
    ratio: Option<f64>,
    position: String,
    consistent: Option<bool>,
    note: String,
}

impl ClaimBody {
    /// The claim with its comparison in the snapshot's ledger.
    pub(super) fn new(c: &Claim, s: &Snapshot) -> ClaimBody {
        let cmp = s.ledger.comparisons.iter().find(|k| k.claim.id == c.id);
        ClaimBody {
            row: c.row.clone(),
            id: c.id.clone(),
            period: [format_time(c.period.0), format_time(c.period.1)],
            comparison: cmp.map(|k: &Comparison| ComparisonBody {
                metric: k.metric,
                estimate: k.estimate,
                coverage: k.coverage,
                ratio: k.ratio,
                position: k.position.clone(),
                consistent: k.consistent,
                note: k.note.clone(),
            }),
        }
    }
}

#[derive(Deserialize)]
struct Paging {
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list(
    State(st): State<Shared>,
    Params(p): Params<Paging>,
) -> Result<Json<Page<ClaimBody>>, Problem> {
    let s = st.snapshot();
    let items: Vec<_> = s.project.claims.iter().collect();
    Ok(Json(page(items, p.limit, p.offset, |c| {
        ClaimBody::new(c, &s)
    })?))
}

async fn one(State(st): State<Shared>, Id(id): Id) -> Result<Tagged<RowBody>, Problem> {
    edit::tagged_row(&st.snapshot(), Table::Claims, &id)
}
