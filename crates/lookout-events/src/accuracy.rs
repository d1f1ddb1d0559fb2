//! Scoring detected events against the simulator's ground truth (`truth.json`), with the
//! matching rules of `docs/accuracy.md`:
//!
//! * same event type, same vessel (any of the vessel's MMSIs; encounters: the same unordered
//!   pair), and for port visits the same area;
//! * interval events (port visit, gap, encounter, loitering, spoofing): the two time intervals,
//!   each widened by the tolerance, overlap; instant events (draught and identity changes): the
//!   true time lies in the detected [start, end] widened by the tolerance;
//! * one-to-one: each truth event matches at most one detection (the largest overlap first);
//! * truth events no AIS receiver could show are left out of recall: interval events other than
//!   gaps with `received_positions == 0`, and draught changes of class B vessels (their static
//!   reports, message 24, carry no draught);
//! * a detected gap that matches no dark period is a *coverage* gap, not a false positive,
//!   unless its coverage hint says other vessels were received nearby (`received_nearby`).

use std::collections::{BTreeMap, HashMap, HashSet};

use lookout_core::event::{Event, EventType};
use lookout_core::time::format_time;
use lookout_core::truth::Truth;
use serde::Serialize;
use serde_json::Value;

/// Counts for one event type.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Score {
    /// Matched pairs.
    pub true_positives: u64,
    /// Detections matching nothing.
    pub false_positives: u64,
    /// Detectable truth events not found.
    pub false_negatives: u64,
    /// Truth events left out as undetectable.
    pub undetectable: u64,
    /// Unmatched detected gaps explained as reception holes.
    pub coverage_gaps: u64,
}

impl Score {
    /// TP / (TP + FP); 1 when nothing was detected.
    pub fn precision(&self) -> f64 {
        let d = self.true_positives + self.false_positives;
        if d == 0 {
            1.0
        } else {
            self.true_positives as f64 / d as f64
        }
    }

    /// TP / (TP + FN); 1 when nothing was detectable.
    pub fn recall(&self) -> f64 {
        let d = self.true_positives + self.false_negatives;
        if d == 0 {
            1.0
        } else {
            self.true_positives as f64 / d as f64
        }
    }

    /// Adds another score.
    pub fn add(&mut self, o: &Score) {
        self.true_positives += o.true_positives;
        self.false_positives += o.false_positives;
        self.false_negatives += o.false_negatives;
        self.undetectable += o.undetectable;
        self.coverage_gaps += o.coverage_gaps;
    }
}

struct TruthEvent {
    kind: EventType,
    vessel: String,
    other: Option<String>,
    start: i64,
    end: i64,
    area: Option<String>,
    detectable: bool,
}

/// An unmatched event, for diagnosis.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// `false_negative` or `false_positive`.
    pub what: &'static str,
    /// Event type.
    pub event_type: &'static str,
    /// Vessel name (truth) or MMSI (detected).
    pub vessel: String,
    /// Start.
    pub start: String,
    /// End.
    pub end: String,
    /// Area.
    pub area: Option<String>,
}

/// Scores `detected` against a simulator's truth; `tolerance_ms` widens every interval.
pub fn score(
    truth: &Truth,
    detected: &[Event],
    tolerance_ms: i64,
) -> (BTreeMap<&'static str, Score>, Vec<Miss>) {
    let mut names: HashMap<u32, &str> = HashMap::new();
    let mut class_b: HashSet<&str> = HashSet::new();
    for v in &truth.vessels {
        if v.class == "B" {
            class_b.insert(&v.name);
        }
        for &m in &v.mmsis {
            names.insert(m, &v.name);
        }
    }
    let name_of = |m: u32| {
        names
            .get(&m)
            .map_or_else(|| m.to_string(), |n| (*n).to_owned())
    };
    let truth_events: Vec<TruthEvent> = truth
        .events
        .iter()
        .map(|e| {
            let interval = matches!(
                e.event_type,
                EventType::PortVisit
                    | EventType::Encounter
                    | EventType::Loitering
                    | EventType::Spoofing
            );
            // Class B static reports (message 24) carry no draught.
            let hidden =
                e.event_type == EventType::DraughtChange && class_b.contains(e.vessel.as_str());
            TruthEvent {
                kind: e.event_type,
                vessel: e.vessel.clone(),
                other: e.other_vessel.clone(),
                start: e.start_time,
                end: e.end_time,
                area: e.area.clone(),
                detectable: !(hidden || interval && e.received_positions == 0),
            }
        })
        .collect();
    let mut scores: BTreeMap<&'static str, Score> = EventType::ALL
        .iter()
        .map(|t| (t.as_str(), Score::default()))
        .collect();
    let mut misses = Vec::new();
    for kind in EventType::ALL {
        let truths: Vec<&TruthEvent> = truth_events.iter().filter(|t| t.kind == kind).collect();
        let dets: Vec<&Event> = detected.iter().filter(|e| e.event_type == kind).collect();
        // Candidate pairs with their overlap, best first.
        let mut pairs = Vec::new();
        for (i, t) in truths.iter().enumerate() {
            for (j, d) in dets.iter().enumerate() {
                let same_vessel = match kind {
                    EventType::Encounter => {
                        let a = name_of(d.mmsi);
                        let b = d.other_mmsi.map(name_of);
                        (t.vessel == a && t.other.as_deref() == b.as_deref())
                            || (Some(t.vessel.as_str()) == b.as_deref()
                                && t.other.as_deref() == Some(a.as_str()))
                    }
                    _ => t.vessel == name_of(d.mmsi),
                };
                if !same_vessel || (kind == EventType::PortVisit && t.area != d.area) {
                    continue;
                }
                let (lo, hi) = (d.start_time - tolerance_ms, d.end_time + tolerance_ms);
                let overlap = match kind {
                    EventType::DraughtChange | EventType::IdentityChange => {
                        if (lo..=hi).contains(&t.start) {
                            1
                        } else {
                            -1
                        }
                    }
                    _ => hi.min(t.end + tolerance_ms) - lo.max(t.start - tolerance_ms),
                };
                if overlap >= 0 {
                    pairs.push((overlap, i, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut t_used = vec![false; truths.len()];
        let mut d_used = vec![false; dets.len()];
        for (_, i, j) in pairs {
            if !t_used[i] && !d_used[j] {
                t_used[i] = true;
                d_used[j] = true;
            }
        }
        let s = scores.get_mut(kind.as_str()).expect("all types present");
        for (i, t) in truths.iter().enumerate() {
            if t_used[i] {
                s.true_positives += 1;
            } else if !t.detectable {
                s.undetectable += 1;
            } else {
                s.false_negatives += 1;
                misses.push(Miss {
                    what: "false_negative",
                    event_type: kind.as_str(),
                    vessel: t.vessel.clone(),
                    start: format_time(t.start),
                    end: format_time(t.end),
                    area: t.area.clone(),
                });
            }
        }
        for (j, d) in dets.iter().enumerate() {
            if d_used[j] {
                continue;
            }
            if kind == EventType::Gap
                && d.details.get("coverage").and_then(Value::as_str) != Some("received_nearby")
            {
                s.coverage_gaps += 1;
                continue;
            }
            s.false_positives += 1;
            misses.push(Miss {
                what: "false_positive",
                event_type: kind.as_str(),
                vessel: name_of(d.mmsi),
                start: format_time(d.start_time),
                end: format_time(d.end_time),
                area: d.area.clone(),
            });
        }
    }
    (scores, misses)
}
