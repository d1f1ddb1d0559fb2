//! JSON representations of the ledger crate's records (the API's resource bodies).

use lookout_core::time::format_time;
use lookout_events::Event;
use lookout_ledger::ledger::{Comparison, Entry, Week};
use lookout_ledger::voyages::VoyageKind;
use lookout_ledger::{Bounds, Voyage};
use lookout_project::{Claim, Observation};
use lookout_sanctions::Status;
use serde_json::{json, Value};

/// An observation row.
pub fn observation(o: &Observation) -> Value {
    json!({
        "id": o.id, "time": format_time(o.time), "site": o.site, "kind": o.kind.as_str(),
        "vessel": o.vessel, "count": o.count, "count_low": o.count_low,
        "count_high": o.count_high, "source": o.source, "url": o.url, "note": o.note,
    })
}

/// A claim with how it compares with the evidence.
pub fn claim(c: &Claim, cmp: Option<&Comparison>) -> Value {
    let mut v = serde_json::to_value(&c.row).unwrap_or(Value::Null);
    v["id"] = c.id.clone().into();
    v["period"] = json!([format_time(c.period.0), format_time(c.period.1)]);
    if let Some(k) = cmp {
        v["comparison"] = json!({
            "metric": k.metric, "estimate": k.estimate, "coverage": k.coverage,
            "ratio": k.ratio, "position": k.position, "consistent": k.consistent, "note": k.note,
        });
    }
    v
}

/// A sanctions status.
pub fn sanctions(s: &Status) -> Value {
    json!({
        "status": s.status, "entity": s.entity,
        "matched_by": s.matched_by.map(|m| m.as_str()), "detail": s.detail,
    })
}

/// A voyage with its ledger entry and sanctions status at departure.
pub fn voyage(v: &Voyage, e: Option<&Entry>, s: Option<&Status>) -> Value {
    json!({
        "id": v.id,
        "kind": v.kind_name(),
        "vessel": v.vessel, "mmsi": v.mmsis, "corridor": v.corridor,
        "origin": v.origin, "destination": v.destination,
        "depart_time": format_time(v.depart), "arrive_time": format_time(v.arrive),
        "confidence": v.confidence(),
        "away_days": match v.kind { VoyageKind::Hidden { away_days, .. } => Some(away_days), _ => None },
        "unseen_days": match v.kind { VoyageKind::Hidden { unseen_days, .. } => Some(unseen_days), _ => None },
        "legs_mean": e.map(|e| e.legs_mean),
        "cargo": e.map(|e| e.cargo),
        "cargo_basis": e.map(|e| e.basis.as_str()),
        "cargo_evidence": e.map(|e| e.basis.evidence()),
        "evidence": v.evidence, "evidence_sources": v.sources, "note": v.note,
        "sanctions": s.map(sanctions),
    })
}

/// A ledger week.
pub fn week(w: &Week) -> Value {
    json!({
        "corridor": w.corridor, "week_start": format_time(w.start),
        "observed_legs": w.observed_legs, "legs": w.legs, "cargo": w.cargo,
        "cumulative": w.cumulative, "origin_seen_days": w.origin_seen_days,
        "destination_seen_days": w.destination_seen_days, "voyages": w.voyages,
    })
}

/// Bounds as JSON.
pub fn bounds(b: &Bounds) -> Value {
    json!({"low": b.low, "central": b.central, "high": b.high})
}

/// An event in the column contract of `lookout events`.
pub fn event(e: &Event) -> Value {
    Value::Object(e.properties())
}
