//! Scoring detected events against the simulator's ground truth (`truth.json`), with the
//! matching rules of `docs/accuracy.md`:
//!
//! * same event type, same vessel (any vessel that used the detection's MMSI, so ships sharing
//!   one are both candidates; encounters: the same unordered pair), and for port visits the same
//!   area;
//! * interval events (port visit, gap, encounter, loitering, spoofing): the two time intervals,
//!   each widened by the tolerance, overlap; instant events (draught and identity changes): the
//!   true time lies in the detected [start, end] widened by the tolerance;
//! * one-to-one: each truth event matches at most one detection (the largest overlap first);
//! * truth events no AIS receiver could show are left out of recall: interval events other than
//!   gaps with `received_positions == 0`, and draught changes of class B vessels (their static
//!   reports, message 24, carry no draught);
//! * per reason (gaps: `details.reason`) and kind (spoofing: `details.kind` in groups, identity
//!   changes: `shared_mmsi` or `change`): a matched pair counts for its reason only when both
//!   agree, else as a miss of the true reason and a false alarm of the detected one;
//! * interference areas match a scripted zone when their time windows overlap and their centres
//!   are closer than the two radii together.

use std::collections::{BTreeMap, HashMap, HashSet};

use lookout_core::event::{Event, EventType, InterferenceArea};
use lookout_core::geo::{distance_km, LatLon};
use lookout_core::time::format_time;
use lookout_core::truth::{Truth, TruthEvent};
use serde::Serialize;
use serde_json::Value;

/// Counts for one event type, reason or kind.
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
    }
}

/// An unmatched event, or a matched one of another reason, for diagnosis.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// `false_negative`, `false_positive` or `wrong_reason` (`detail` holds both).
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
    /// Reason or kind (`true -> detected` for a wrong reason).
    pub detail: String,
    /// The detection's details (wrong reasons and false positives).
    pub detected: Option<String>,
}

/// Every score of one comparison.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    /// Per event type.
    pub by_type: BTreeMap<&'static str, Score>,
    /// Per `type/reason` (gaps), `type/kind` (spoofing, identity changes).
    pub by_reason: BTreeMap<String, Score>,
    /// Interference areas against the scripted zones.
    pub interference_areas: Score,
    /// Detected `went_dark` gaps matched to a truth gap of another reason: the false alarms
    /// coverage-aware gaps exist to remove (receiver outages, leaving coverage, interference).
    pub went_dark_on_other_reason: BTreeMap<String, u64>,
}

impl Scores {
    /// Adds another comparison.
    pub fn add(&mut self, o: &Scores) {
        for (k, s) in &o.by_type {
            self.by_type.entry(k).or_default().add(s);
        }
        for (k, s) in &o.by_reason {
            self.by_reason.entry(k.clone()).or_default().add(s);
        }
        self.interference_areas.add(&o.interference_areas);
        for (k, n) in &o.went_dark_on_other_reason {
            *self.went_dark_on_other_reason.entry(k.clone()).or_insert(0) += n;
        }
    }
}

/// The reason or kind group a truth event is scored under.
fn truth_reason(e: &TruthEvent) -> Option<String> {
    let d = |k: &str| e.details.get(k).and_then(Value::as_str);
    match e.event_type {
        EventType::Gap => Some(d("reason").unwrap_or("unknown").to_owned()),
        EventType::Spoofing => Some(
            match d("kind").unwrap_or("") {
                "circle" => "circle",
                "pattern" => "pattern",
                "frozen" => "frozen",
                "rogue_transmitter" => "receiver_disagreement",
                "zombie" => "zombie",
                "interference" => "interference",
                _ => "displacement",
            }
            .to_owned(),
        ),
        EventType::IdentityChange => Some(d("kind").unwrap_or("change").to_owned()),
        _ => None,
    }
}

/// The reason or kind group a detection is scored under.
fn detected_reason(e: &Event) -> Option<String> {
    let d = |k: &str| e.details.get(k).and_then(Value::as_str);
    match e.event_type {
        EventType::Gap => Some(d("reason").unwrap_or("unknown").to_owned()),
        EventType::Spoofing => Some(
            match d("kind").unwrap_or("") {
                _ if e.details.contains_key("interference_area") => "interference",
                k @ ("circle" | "pattern" | "frozen" | "receiver_disagreement" | "zombie") => k,
                _ => "displacement",
            }
            .to_owned(),
        ),
        EventType::IdentityChange => Some(d("kind").unwrap_or("change").to_owned()),
        _ => None,
    }
}

struct Candidate<'a> {
    truth: &'a TruthEvent,
    detectable: bool,
    reason: Option<String>,
}

/// Scores `detected` events and interference `areas` against a simulator's truth;
/// `tolerance_ms` widens every interval.
pub fn score(
    truth: &Truth,
    detected: &[Event],
    areas: &[InterferenceArea],
    tolerance_ms: i64,
) -> (Scores, Vec<Miss>) {
    let mut names: HashMap<u32, Vec<&str>> = HashMap::new();
    let mut class_b: HashSet<&str> = HashSet::new();
    for v in &truth.vessels {
        if v.class == "B" {
            class_b.insert(&v.name);
        }
        for &m in &v.mmsis {
            names.entry(m).or_default().push(&v.name);
        }
    }
    let owners = |m: u32| names.get(&m).cloned().unwrap_or_default();
    let label = |m: u32| {
        let o = owners(m);
        if o.is_empty() {
            m.to_string()
        } else {
            o.join("|")
        }
    };
    let candidates: Vec<Candidate> = truth
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
            Candidate {
                truth: e,
                detectable: !(hidden || interval && e.received_positions == 0),
                reason: truth_reason(e),
            }
        })
        .collect();
    let mut scores = Scores::default();
    for t in EventType::ALL {
        scores.by_type.insert(t.as_str(), Score::default());
    }
    let mut misses = Vec::new();
    for kind in EventType::ALL {
        let truths: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| c.truth.event_type == kind)
            .collect();
        let dets: Vec<&Event> = detected.iter().filter(|e| e.event_type == kind).collect();
        // Candidate pairs with their overlap, best first.
        let mut pairs = Vec::new();
        for (i, c) in truths.iter().enumerate() {
            let t = c.truth;
            for (j, d) in dets.iter().enumerate() {
                let same_vessel = match kind {
                    EventType::Encounter => {
                        let (a, b) = (owners(d.mmsi), d.other_mmsi.map(owners).unwrap_or_default());
                        let (tv, to) = (t.vessel.as_str(), t.other_vessel.as_deref());
                        (a.contains(&tv) && to.is_some_and(|o| b.contains(&o)))
                            || (b.contains(&tv) && to.is_some_and(|o| a.contains(&o)))
                    }
                    _ => owners(d.mmsi).contains(&t.vessel.as_str()),
                };
                if !same_vessel || (kind == EventType::PortVisit && t.area != d.area) {
                    continue;
                }
                let (lo, hi) = (d.start_time - tolerance_ms, d.end_time + tolerance_ms);
                let overlap = match kind {
                    EventType::DraughtChange | EventType::IdentityChange => {
                        if (lo..=hi).contains(&t.start_time) {
                            1
                        } else {
                            -1
                        }
                    }
                    _ => hi.min(t.end_time + tolerance_ms) - lo.max(t.start_time - tolerance_ms),
                };
                if overlap >= 0 {
                    pairs.push((overlap, i, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut t_used: Vec<Option<usize>> = vec![None; truths.len()];
        let mut d_used = vec![false; dets.len()];
        for (_, i, j) in pairs {
            if t_used[i].is_none() && !d_used[j] {
                t_used[i] = Some(j);
                d_used[j] = true;
            }
        }
        let by_reason = &mut scores.by_reason;
        let miss = |what, c: &Candidate, detail: String, d: Option<&Event>| Miss {
            what,
            event_type: kind.as_str(),
            vessel: c.truth.vessel.clone(),
            start: format_time(c.truth.start_time),
            end: format_time(c.truth.end_time),
            area: c.truth.area.clone(),
            detail,
            detected: d.map(|d| Value::Object(d.details.clone()).to_string()),
        };
        let mut type_score = Score::default();
        for (i, c) in truths.iter().enumerate() {
            let detail = c.reason.clone().unwrap_or_default();
            match t_used[i] {
                Some(j) => {
                    type_score.true_positives += 1;
                    let got = detected_reason(dets[j]);
                    if got == c.reason {
                        bump(by_reason, kind, &c.reason, |s| s.true_positives += 1);
                    } else {
                        bump(by_reason, kind, &c.reason, |s| s.false_negatives += 1);
                        bump(by_reason, kind, &got, |s| s.false_positives += 1);
                        if kind == EventType::Gap && got.as_deref() == Some("went_dark") {
                            *scores
                                .went_dark_on_other_reason
                                .entry(detail.clone())
                                .or_insert(0) += 1;
                        }
                        let got = got.unwrap_or_default();
                        misses.push(miss(
                            "wrong_reason",
                            c,
                            format!("{detail} -> {got}"),
                            Some(dets[j]),
                        ));
                    }
                }
                None if !c.detectable => {
                    type_score.undetectable += 1;
                    bump(by_reason, kind, &c.reason, |s| s.undetectable += 1);
                }
                None => {
                    type_score.false_negatives += 1;
                    bump(by_reason, kind, &c.reason, |s| s.false_negatives += 1);
                    misses.push(miss("false_negative", c, detail, None));
                }
            }
        }
        for (j, d) in dets.iter().enumerate() {
            if d_used[j] {
                continue;
            }
            type_score.false_positives += 1;
            let r = detected_reason(d);
            bump(by_reason, kind, &r, |s| s.false_positives += 1);
            misses.push(Miss {
                what: "false_positive",
                event_type: kind.as_str(),
                vessel: label(d.mmsi),
                start: format_time(d.start_time),
                end: format_time(d.end_time),
                area: d.area.clone(),
                detail: r.unwrap_or_default(),
                detected: Some(Value::Object(d.details.clone()).to_string()),
            });
        }
        scores.by_type.insert(kind.as_str(), type_score);
    }
    scores.interference_areas = score_areas(truth, areas, tolerance_ms);
    (scores, misses)
}

/// Applies `f` to the score of `kind/reason`, when there is a reason.
fn bump(
    map: &mut BTreeMap<String, Score>,
    kind: EventType,
    reason: &Option<String>,
    f: impl FnOnce(&mut Score),
) {
    if let Some(r) = reason {
        f(map.entry(format!("{}/{r}", kind.as_str())).or_default());
    }
}

/// Detected interference areas against the scripted zones, one to one.
fn score_areas(truth: &Truth, areas: &[InterferenceArea], tolerance_ms: i64) -> Score {
    let mut used = vec![false; areas.len()];
    let mut s = Score::default();
    for z in &truth.interference {
        if z.vessels.is_empty() {
            s.undetectable += 1;
            continue;
        }
        let centre = LatLon::new(z.centre[0], z.centre[1]);
        let hit = areas.iter().enumerate().position(|(k, a)| {
            !used[k]
                && a.start_time <= z.end_time + tolerance_ms
                && a.end_time + tolerance_ms >= z.start_time
                && distance_km(centre, LatLon::new(a.centre_lat, a.centre_lon))
                    <= z.radius_km + a.radius_km
        });
        match hit {
            Some(k) => {
                used[k] = true;
                s.true_positives += 1;
            }
            None => s.false_negatives += 1,
        }
    }
    s.false_positives = used.iter().filter(|u| !**u).count() as u64;
    s
}
