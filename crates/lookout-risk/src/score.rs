//! The explained risk score of a vessel on a date. Each signal has its weight, its value
//! between 0 and 1, its points (weight x value), and the evidence rows behind it: event ids,
//! FtM entity and relation ids, observation lines, registry sources, each with the factor it
//! contributed (recency 0.5^(age / half-life), or the undated factor for undated list facts).
//! Nothing after the date is used. Score = min(100, sum of points).

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use lookout_core::time::{format_day, format_time, DAY_MS, HOUR_MS};
use lookout_events::{Event, EventType};
use lookout_project::{Observation, Project};
use lookout_sanctions::{
    matching::authorities, Fact, Listed, MatchKind, Query, SanctionsList, Status, Step,
};

use crate::config::Config;
use crate::fleet::{fleet, Seen, Vessel};
use crate::registries::Registries;

/// One row of evidence behind a signal.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// `event` (events.csv), `ftm` (sanctions list), `observation` (observations.csv),
    /// `registry` (data/registries.toml), `ais` (an MMSI's MID), `watchlist`.
    pub kind: &'static str,
    /// Event id, FtM id, `obs:LINE`, MMSI...
    pub id: String,
    /// When (RFC 3339), if dated.
    pub time: Option<String>,
    /// What it contributed before saturation (recency and factors applied).
    pub weight: f64,
    /// What it says.
    pub detail: String,
    /// For a sanctioned entity behind the vessel: the relations leading to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Vec<Step>>,
}

/// One signal of the score.
#[derive(Debug, Clone, Serialize)]
pub struct Signal {
    /// Name (the `risk.toml` table).
    pub signal: &'static str,
    /// Points when full.
    pub weight: f64,
    /// 0..1.
    pub value: f64,
    /// weight x value.
    pub points: f64,
    /// How the value was reached.
    pub note: String,
    /// The rows behind it.
    pub evidence: Vec<Evidence>,
}

/// What the lists say about the vessel.
#[derive(Debug, Clone, Serialize)]
pub struct Listing {
    /// `listed`, `not_yet_listed`, `delisted`, `listed_undated`, `not_listed`, `ambiguous`.
    pub status: &'static str,
    /// Matched FtM entities (`|`-joined).
    pub entity: Option<String>,
    /// `imo`, `mmsi`, `name_flag`.
    pub matched_by: Option<&'static str>,
    /// Authorities.
    pub detail: String,
}

/// An AIS identity change Lookout detected.
#[derive(Debug, Clone, Serialize)]
pub struct AisChange {
    /// Event id.
    pub event_id: String,
    /// When the new identity was first seen.
    pub time: String,
    /// `{field: {from, to}}`.
    pub changes: Value,
}

/// The vessel's identity history: what the lists give, and the AIS changes Lookout detected.
#[derive(Debug, Clone, Serialize)]
pub struct Identity {
    /// From the sanctions lists.
    pub lists: Vec<Fact>,
    /// From AIS (events.csv `identity_change`, up to the date).
    pub ais: Vec<AisChange>,
}

/// A vessel's score on a date, with its breakdown.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// The vessel.
    pub vessel: Vessel,
    /// The date scored (RFC 3339).
    pub date: String,
    /// 0..100.
    pub score: f64,
    /// True when the points added up to more than 100.
    pub capped: bool,
    /// Every signal, in `risk.toml` order (zero ones included).
    pub signals: Vec<Signal>,
    /// Listing status on the date.
    pub sanctions: Option<Listing>,
    /// Identity history.
    pub identity: Identity,
}

/// What the score reads.
pub struct Sources<'a> {
    sanctions: Option<&'a SanctionsList>,
    events: &'a [Event],
    observations: &'a [Observation],
    dark_areas: HashSet<String>,
    call_areas: HashSet<String>,
    registries: &'a Registries,
    cfg: &'a Config,
    /// Events by MMSI (encounters under both vessels).
    by_mmsi: HashMap<u32, Vec<usize>>,
    /// True if any gap carries `details.reason` (then only `went_dark` gaps count).
    gap_reasons: bool,
}

/// A project's fleet (its watchlist, the AIS store's vessels `seen`, the events' MMSIs) scored
/// on `at` (ms), highest score first, with the project's observations and the watched areas of
/// `cfg` or its corridors: what `lookout risk`, `lookout analyze` and `lookout serve` run.
/// `sanctions` is the list matched (the project's, or one read with more files).
pub fn assess_project(
    project: Option<&Project>,
    sanctions: Option<&SanctionsList>,
    seen: &[Seen],
    events: &[Event],
    cfg: &Config,
    registries: &Registries,
    at: i64,
) -> Vec<Assessment> {
    let corridors = project.map(|p| p.corridors.as_slice()).unwrap_or_default();
    let (dark, calls) = cfg.watched_areas(corridors);
    let watchlist = project.map(|p| p.watchlist.as_slice()).unwrap_or_default();
    let observations = project
        .map(|p| p.observations.as_slice())
        .unwrap_or_default();
    Sources::new(
        sanctions,
        events,
        observations,
        dark,
        calls,
        registries,
        cfg,
    )
    .assess(&fleet(watchlist, seen, events), at)
}

/// The date scored when none is asked: the end of the latest event, else the AIS store's last
/// record (`last_record`).
pub fn default_date(events: &[Event], last_record: Option<i64>) -> Option<i64> {
    events.iter().map(|e| e.end_time).max().or(last_record)
}

/// The sanctions match of one vessel.
struct Match {
    ids: Vec<usize>,
    kind: Option<MatchKind>,
    status: Status,
}

/// The sum of the evidence weights (0, not -0, when there is none).
fn total(evidence: &[Evidence]) -> f64 {
    evidence.iter().map(|e| e.weight).sum::<f64>() + 0.0
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn event_evidence(e: &Event, weight: f64, detail: String) -> Evidence {
    Evidence {
        kind: "event",
        id: e.event_id(),
        time: Some(format_time(e.start_time)),
        weight: round3(weight),
        detail,
        path: None,
    }
}

impl<'a> Sources<'a> {
    /// Indexes the inputs. `dark_areas` and `call_areas` are the watched areas (see
    /// `risk.toml` `[areas]`).
    pub fn new(
        sanctions: Option<&'a SanctionsList>,
        events: &'a [Event],
        observations: &'a [Observation],
        dark_areas: HashSet<String>,
        call_areas: HashSet<String>,
        registries: &'a Registries,
        cfg: &'a Config,
    ) -> Sources<'a> {
        let mut by_mmsi: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            by_mmsi.entry(e.mmsi).or_default().push(i);
            if e.event_type == EventType::Encounter {
                if let Some(o) = e.other_mmsi {
                    by_mmsi.entry(o).or_default().push(i);
                }
            }
        }
        let gap_reasons = events
            .iter()
            .any(|e| e.event_type == EventType::Gap && e.details.contains_key("reason"));
        Sources {
            sanctions,
            events,
            observations,
            dark_areas,
            call_areas,
            registries,
            cfg,
            by_mmsi,
            gap_reasons,
        }
    }

    /// The vessel's events that started before `at`, in time order.
    fn events_of(&self, v: &Vessel, at: i64) -> Vec<&'a Event> {
        let mut idx: Vec<usize> = v
            .mmsis
            .iter()
            .flat_map(|m| self.by_mmsi.get(m).into_iter().flatten().copied())
            .collect();
        idx.sort_unstable();
        idx.dedup();
        idx.into_iter()
            .map(|i| &self.events[i])
            .filter(|e| e.start_time < at)
            .collect()
    }

    fn recency(&self, t: i64, at: i64) -> f64 {
        let age_days = (at - t).max(0) as f64 / DAY_MS as f64;
        0.5f64.powf(age_days / self.cfg.half_life_days)
    }

    /// A dark gap near a watched area (`went_dark` only when the events give reasons).
    fn is_dark_near_watched(&self, e: &Event) -> bool {
        e.event_type == EventType::Gap
            && (!self.gap_reasons
                || e.details.get("reason").and_then(Value::as_str) == Some("went_dark"))
            && [&e.area, &e.other_area]
                .iter()
                .any(|a| a.as_ref().is_some_and(|a| self.dark_areas.contains(a)))
    }

    fn match_vessel(&self, v: &Vessel, at: i64) -> Option<Match> {
        let list = self.sanctions?;
        let mut names = vec![v.name.as_str()];
        names.extend(v.aliases.iter().map(String::as_str));
        let q = Query {
            imo: v.imo,
            mmsis: &v.mmsis,
            names,
            flag: v.flag.as_deref(),
        };
        let (ids, kind) = list.find_ids(&q);
        let status = list.status(&q, at);
        Some(Match { ids, kind, status })
    }

    /// Scores every vessel on `at` (ms), highest score first.
    pub fn assess(&self, fleet: &[Vessel], at: i64) -> Vec<Assessment> {
        let matches: Vec<Option<Match>> = fleet.iter().map(|v| self.match_vessel(v, at)).collect();
        // Partners of encounters: listed on the date (factor, detail), or dark near watched areas.
        let mut listed_mmsi: HashMap<u32, (f64, String)> = HashMap::new();
        for (v, m) in fleet.iter().zip(&matches) {
            let Some(m) = m else { continue };
            let factor = match m.status.status {
                "listed" => 1.0,
                "listed_undated" => self.cfg.undated_factor,
                _ => continue,
            };
            for &mmsi in &v.mmsis {
                listed_mmsi.insert(
                    mmsi,
                    (
                        factor,
                        format!("{} ({}: {})", v.name, m.status.status, m.status.detail),
                    ),
                );
            }
        }
        let mut dark_mmsi: HashMap<u32, Vec<&Event>> = HashMap::new();
        for e in self
            .events
            .iter()
            .filter(|e| e.start_time < at && self.is_dark_near_watched(e))
        {
            dark_mmsi.entry(e.mmsi).or_default().push(e);
        }
        let mut out: Vec<Assessment> = fleet
            .iter()
            .zip(&matches)
            .map(|(v, m)| self.assess_one(v, m.as_ref(), at, &listed_mmsi, &dark_mmsi))
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.vessel.name.cmp(&b.vessel.name))
        });
        out
    }

    fn assess_one(
        &self,
        v: &Vessel,
        m: Option<&Match>,
        at: i64,
        listed_mmsi: &HashMap<u32, (f64, String)>,
        dark_mmsi: &HashMap<u32, Vec<&Event>>,
    ) -> Assessment {
        let events = self.events_of(v, at);
        let cfg = self.cfg;
        let mut signals = vec![
            self.listed(m, at),
            self.network(m, at),
            self.dark(&events, at),
            self.encounters(v, &events, at, listed_mmsi, dark_mmsi),
            self.counted(
                "identity_changes",
                &cfg.identity_changes,
                self.identity_evidence(m, &events, at),
            ),
            self.counted(
                "flag_changes",
                &cfg.flag_changes,
                self.flag_change_evidence(m, &events, at),
            ),
            self.counted(
                "spoofing",
                &cfg.spoofing,
                self.spoofing_evidence(&events, at),
            ),
            self.counted(
                "port_calls",
                &cfg.port_calls,
                self.port_call_evidence(v, &events, at),
            ),
        ];
        signals.extend(self.flags(v, m, &events, at));
        let total: f64 = signals.iter().map(|s| s.points).sum();
        let identity = Identity {
            lists: match (self.sanctions, m) {
                (Some(list), Some(m)) => list.identity(&m.ids),
                _ => Vec::new(),
            },
            ais: events
                .iter()
                .filter(|e| e.event_type == EventType::IdentityChange)
                .map(|e| AisChange {
                    event_id: e.event_id(),
                    time: format_time(e.end_time),
                    changes: e.details.get("changes").cloned().unwrap_or(Value::Null),
                })
                .collect(),
        };
        let mut vessel = v.clone();
        if vessel.name.parse::<u32>().is_ok() {
            if let Some(e) = self
                .list_entities(m)
                .into_iter()
                .find(|e| !e.names.is_empty())
            {
                vessel.name = e.caption().to_owned();
            }
        }
        Assessment {
            vessel,
            date: format_time(at),
            score: round1(total.min(100.0)),
            capped: total > 100.0,
            signals,
            sanctions: m.map(|m| Listing {
                status: m.status.status,
                entity: m.status.entity.clone(),
                matched_by: m.status.matched_by.map(MatchKind::as_str),
                detail: m.status.detail.clone(),
            }),
            identity,
        }
    }

    fn signal(
        &self,
        name: &'static str,
        weight: f64,
        value: f64,
        note: String,
        evidence: Vec<Evidence>,
    ) -> Signal {
        let value = value.clamp(0.0, 1.0);
        Signal {
            signal: name,
            weight,
            value: round3(value),
            points: round1(weight * value),
            note,
            evidence,
        }
    }

    /// A saturating signal: value = min(1, sum of evidence weights / saturation).
    fn counted(
        &self,
        name: &'static str,
        c: &crate::config::Counted,
        (evidence, note): (Vec<Evidence>, String),
    ) -> Signal {
        let sum = total(&evidence);
        let note = format!(
            "{note}; weighted sum {sum:.2} / saturation {}",
            c.saturation
        );
        self.signal(name, c.weight, sum / c.saturation, note, evidence)
    }

    fn listed(&self, m: Option<&Match>, at: i64) -> Signal {
        let w = self.cfg.listed.weight;
        let (Some(list), Some(m)) = (self.sanctions, m) else {
            return self.signal("listed", w, 0.0, "no sanctions list".into(), Vec::new());
        };
        if m.status.status == "ambiguous" {
            return self.signal("listed", w, 0.0, m.status.detail.clone(), Vec::new());
        }
        let how = m.kind.map_or("", MatchKind::as_str);
        let mut value: f64 = 0.0;
        let mut evidence = Vec::new();
        for &i in &m.ids {
            let e = &list.entities[i];
            match list.listed(i, at) {
                Listed::InForce(ls) => {
                    value = 1.0;
                    for l in ls {
                        evidence.push(Evidence {
                            kind: "ftm",
                            id: l.id.clone(),
                            time: l.start.map(format_time),
                            weight: 1.0,
                            detail: format!("{} listed by {} ({}), in force on the date; matched {} by {how} ({})", e.caption(), l.authority, l.program, e.id, l.origin),
                            path: None,
                        });
                    }
                }
                Listed::Undated => {
                    value = value.max(self.cfg.undated_factor);
                    evidence.push(Evidence {
                        kind: "ftm",
                        id: e.id.clone(),
                        time: None,
                        weight: self.cfg.undated_factor,
                        detail: format!("{} listed without a start date (undated factor); matched by {how} ({})", e.caption(), e.origin),
                        path: None,
                    });
                }
                Listed::No => {}
            }
        }
        let note = format!("{}: {}", m.status.status, m.status.detail);
        self.signal("listed", w, value, note, evidence)
    }

    fn network(&self, m: Option<&Match>, at: i64) -> Signal {
        let n = &self.cfg.network;
        let (Some(list), Some(m)) = (self.sanctions, m) else {
            return self.signal(
                "network",
                n.weight,
                0.0,
                "no sanctions list".into(),
                Vec::new(),
            );
        };
        if m.status.status == "ambiguous" || m.ids.is_empty() {
            let note = if m.ids.is_empty() {
                "vessel not in the lists"
            } else {
                "ambiguous match: not followed"
            };
            return self.signal("network", n.weight, 0.0, note.into(), Vec::new());
        }
        let follow = self.cfg.follow().expect("checked when loaded");
        let mut evidence: Vec<Evidence> = list
            .network(&m.ids, at, n.max_hops, &follow)
            .into_iter()
            .map(|c| {
                let e = &list.entities[c.entity];
                let (factor, how) = match &c.listed {
                    Listed::InForce(ls) => (1.0, authorities(ls)),
                    _ => (
                        self.cfg.undated_factor,
                        "listed without a start date".to_owned(),
                    ),
                };
                let weight = n.hop_factor.powi(c.hops as i32 - 1) * factor;
                Evidence {
                    kind: "ftm",
                    id: e.id.clone(),
                    time: None,
                    weight: round3(weight),
                    detail: format!("{} ({how}) {} relation(s) away", e.caption(), c.hops),
                    path: Some(c.path),
                }
            })
            .collect();
        evidence.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        let value = evidence.first().map_or(0.0, |e| e.weight);
        let note = format!(
            "{} listed entities within {} relations ({}) in force on the date; the nearest counts, x{} per relation beyond the first",
            evidence.len(),
            n.max_hops,
            n.follow.join(", "),
            n.hop_factor
        );
        self.signal("network", n.weight, value, note, evidence)
    }

    fn dark(&self, events: &[&Event], at: i64) -> Signal {
        let d = &self.cfg.dark;
        let evidence: Vec<Evidence> = events
            .iter()
            .filter(|e| self.is_dark_near_watched(e))
            .map(|e| {
                let hours = (e.end_time.min(at) - e.start_time) as f64 / HOUR_MS as f64;
                let r = self.recency(e.end_time.min(at), at);
                let near: Vec<&str> = [&e.area, &e.other_area]
                    .iter()
                    .filter_map(|a| a.as_deref())
                    .collect();
                event_evidence(
                    e,
                    hours * r,
                    format!(
                        "AIS dark {hours:.1} h near {} (recency {r:.2})",
                        near.join(" -> ")
                    ),
                )
            })
            .collect();
        let sum = total(&evidence);
        let which = if self.gap_reasons {
            "gaps with details.reason = went_dark"
        } else {
            "all gaps (the events carry no details.reason)"
        };
        let note = format!("{which} starting or ending near a watched area; {sum:.1} recency-weighted hours / saturation {} h", d.saturation_hours);
        self.signal("dark", d.weight, sum / d.saturation_hours, note, evidence)
    }

    fn encounters(
        &self,
        v: &Vessel,
        events: &[&Event],
        at: i64,
        listed_mmsi: &HashMap<u32, (f64, String)>,
        dark_mmsi: &HashMap<u32, Vec<&Event>>,
    ) -> Signal {
        let c = &self.cfg.encounters;
        let window = (c.dark_window_days * DAY_MS as f64) as i64;
        let mut evidence = Vec::new();
        for e in events
            .iter()
            .filter(|e| e.event_type == EventType::Encounter)
        {
            let partner = if v.mmsis.contains(&e.mmsi) {
                e.other_mmsi
            } else {
                Some(e.mmsi)
            };
            let Some(p) = partner.filter(|p| !v.mmsis.contains(p)) else {
                continue;
            };
            let r = self.recency(e.end_time.min(at), at);
            if let Some((factor, who)) = listed_mmsi.get(&p) {
                evidence.push(event_evidence(
                    e,
                    factor * r,
                    format!("with {p}, listed: {who} (recency {r:.2})"),
                ));
            } else if let Some(g) = dark_mmsi.get(&p).and_then(|gs| {
                gs.iter().find(|g| {
                    g.start_time < e.end_time + window && g.end_time > e.start_time - window
                })
            }) {
                evidence.push(event_evidence(
                    e,
                    c.dark_partner_factor * r,
                    format!(
                        "with {p}, dark near a watched area within {} days ({}) (recency {r:.2})",
                        c.dark_window_days,
                        g.event_id()
                    ),
                ));
            }
        }
        let sum = total(&evidence);
        let note = format!(
            "encounters with a vessel listed on the date (1) or dark near a watched area within {} days ({}); weighted sum {sum:.2} / saturation {}",
            c.dark_window_days, c.dark_partner_factor, c.saturation
        );
        self.signal("encounters", c.weight, sum / c.saturation, note, evidence)
    }

    fn identity_evidence(
        &self,
        m: Option<&Match>,
        events: &[&Event],
        at: i64,
    ) -> (Vec<Evidence>, String) {
        let mut evidence = Vec::new();
        for (e, changes) in identity_changes(events, at) {
            let mut fields: Vec<&str> = ["name", "callsign", "imo"]
                .into_iter()
                .filter(|f| changes.contains_key(*f))
                .collect();
            if changes.contains_key("mmsi") && !changes.contains_key("flag_mid") {
                fields.push("mmsi");
            }
            if fields.is_empty() {
                continue;
            }
            let r = self.recency(e.end_time, at);
            evidence.push(event_evidence(
                e,
                r,
                format!("AIS {} changed (recency {r:.2})", fields.join(", ")),
            ));
        }
        for entity in self.list_entities(m) {
            let dated: Vec<i64> = entity
                .name_changes
                .iter()
                .copied()
                .filter(|&d| d <= at)
                .collect();
            for &d in &dated {
                let r = self.recency(d, at);
                evidence.push(Evidence {
                    kind: "ftm",
                    id: entity.id.clone(),
                    time: Some(format_time(d)),
                    weight: round3(r),
                    detail: format!(
                        "name changed on {} per the list (recency {r:.2})",
                        format_day(d)
                    ),
                    path: None,
                });
            }
            if entity.name_changes.is_empty() {
                for n in &entity.previous_names {
                    evidence.push(self.undated(&entity.id, format!("former name {n} (undated)")));
                }
            }
        }
        (evidence, "AIS name, call sign, IMO or same-flag MMSI changes Lookout detected, and former names the lists give".into())
    }

    fn flag_change_evidence(
        &self,
        m: Option<&Match>,
        events: &[&Event],
        at: i64,
    ) -> (Vec<Evidence>, String) {
        let mut evidence = Vec::new();
        for (e, changes) in identity_changes(events, at) {
            let Some(mid) = changes.get("flag_mid") else {
                continue;
            };
            let r = self.recency(e.end_time, at);
            evidence.push(event_evidence(
                e,
                r,
                format!(
                    "MMSI moved from MID {} to {} (recency {r:.2})",
                    mid["from"], mid["to"]
                ),
            ));
        }
        for entity in self.list_entities(m) {
            for f in &entity.past_flags {
                evidence.push(self.undated(&entity.id, format!("past flag {f} (undated)")));
            }
        }
        (
            evidence,
            "MMSI changes to another country's MID Lookout detected, and past flags the lists give"
                .into(),
        )
    }

    fn spoofing_evidence(&self, events: &[&Event], at: i64) -> (Vec<Evidence>, String) {
        let evidence = events
            .iter()
            .filter(|e| e.event_type == EventType::Spoofing)
            .map(|e| {
                let r = self.recency(e.end_time.min(at), at);
                let kind = e
                    .details
                    .get("kind")
                    .and_then(Value::as_str)
                    .unwrap_or("spoofing");
                event_evidence(e, r, format!("{kind} (recency {r:.2})"))
            })
            .collect();
        (evidence, "spoofing events".into())
    }

    fn port_call_evidence(
        &self,
        v: &Vessel,
        events: &[&Event],
        at: i64,
    ) -> (Vec<Evidence>, String) {
        let visits: Vec<&&Event> = events
            .iter()
            .filter(|e| {
                e.event_type == EventType::PortVisit
                    && e.area.as_ref().is_some_and(|a| self.call_areas.contains(a))
            })
            .collect();
        let mut evidence: Vec<Evidence> = visits
            .iter()
            .map(|e| {
                let r = self.recency(e.start_time, at);
                event_evidence(
                    e,
                    r,
                    format!(
                        "port visit at {} (recency {r:.2})",
                        e.area.as_deref().unwrap_or("")
                    ),
                )
            })
            .collect();
        // Imagery sightings, one per stay: a sighting within 48 h of the previous one at the
        // same site, or inside a detected visit there, is the same call.
        let names: Vec<String> = std::iter::once(&v.name)
            .chain(&v.aliases)
            .map(|n| n.to_uppercase())
            .collect();
        let mut last: HashMap<&str, i64> = HashMap::new();
        let mut sightings: Vec<&Observation> = self
            .observations
            .iter()
            .filter(|o| {
                o.time < at
                    && o.kind.places_vessel()
                    && self.call_areas.contains(&o.site)
                    && o.vessel
                        .as_ref()
                        .is_some_and(|n| names.contains(&n.to_uppercase()))
            })
            .collect();
        sightings.sort_by_key(|o| o.time);
        for o in sightings {
            let same_stay = last
                .get(o.site.as_str())
                .is_some_and(|&t| o.time - t <= 48 * HOUR_MS)
                || visits.iter().any(|e| {
                    e.area.as_deref() == Some(o.site.as_str())
                        && e.start_time - 12 * HOUR_MS <= o.time
                        && o.time <= e.end_time + 12 * HOUR_MS
                });
            last.insert(&o.site, o.time);
            if same_stay {
                continue;
            }
            let r = self.recency(o.time, at);
            evidence.push(Evidence {
                kind: "observation",
                id: o.id.clone(),
                time: Some(format_time(o.time)),
                weight: round3(r),
                detail: format!(
                    "seen at {} ({}, {}) (recency {r:.2})",
                    o.site, o.source, o.note
                ),
                path: None,
            });
        }
        (
            evidence,
            "port visits at watched ports and imagery sightings there (one per stay)".into(),
        )
    }

    /// The flag signals: every flag the vessel flies on the date by AIS (the MID of the MMSI in
    /// use), the watchlist, or the lists (undated).
    fn flags(&self, v: &Vessel, m: Option<&Match>, events: &[&Event], at: i64) -> [Signal; 2] {
        let mut flags: Vec<(String, f64, Evidence)> = Vec::new();
        let mut add = |flag: &str, factor: f64, kind: &'static str, id: String, detail: String| {
            let flag = flag.trim().to_lowercase();
            if !flags.iter().any(|(f, x, _)| *f == flag && *x >= factor) {
                flags.push((
                    flag,
                    factor,
                    Evidence {
                        kind,
                        id,
                        time: None,
                        weight: factor,
                        detail,
                        path: None,
                    },
                ));
            }
        };
        if let Some(mmsi) = mmsi_in_use(v, events) {
            if let Some(f) = self.registries.flag_of_mmsi(mmsi) {
                add(
                    f,
                    1.0,
                    "ais",
                    mmsi.to_string(),
                    format!(
                        "MMSI {mmsi} in use on the date: MID {} = {f}",
                        mmsi / 1_000_000
                    ),
                );
            }
        }
        if let Some(f) = &v.flag {
            add(
                f,
                1.0,
                "watchlist",
                v.name.clone(),
                format!("watchlist flag {f}"),
            );
        }
        for e in self.list_entities(m) {
            for f in &e.flags {
                add(
                    f,
                    self.cfg.undated_factor,
                    "ftm",
                    e.id.clone(),
                    format!("flag {f} per the list (undated factor)"),
                );
            }
        }
        let mut out = Vec::new();
        for (name, plain, fraud) in [
            ("flag_of_convenience", &self.cfg.flag_of_convenience, false),
            ("fraudulent_registry", &self.cfg.fraudulent_registry, true),
        ] {
            let mut evidence = Vec::new();
            for (flag, _, ev) in &flags {
                let group = if fraud {
                    self.registries.fraudulent_registry(flag, at)
                } else {
                    self.registries.flag_of_convenience(flag, at)
                };
                if let Some(g) = group {
                    let mut ev = ev.clone();
                    ev.detail = format!(
                        "{}; listed since {}: {}{}",
                        ev.detail,
                        format_day(g.since),
                        g.source,
                        if g.note.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", g.note)
                        }
                    );
                    evidence.push(ev);
                }
            }
            let value = evidence.iter().map(|e| e.weight).fold(0.0, f64::max);
            let seen: Vec<&str> = flags.iter().map(|(f, _, _)| f.as_str()).collect();
            let note = format!(
                "flags on the date: {}",
                if seen.is_empty() {
                    "unknown".to_owned()
                } else {
                    seen.join(", ")
                }
            );
            out.push(self.signal(name, plain.weight, value, note, evidence));
        }
        out.try_into().expect("two signals")
    }

    fn list_entities(&self, m: Option<&Match>) -> Vec<&'a lookout_sanctions::Entity> {
        match (self.sanctions, m) {
            (Some(list), Some(m)) if m.status.status != "ambiguous" => {
                m.ids.iter().map(|&i| &list.entities[i]).collect()
            }
            _ => Vec::new(),
        }
    }

    fn undated(&self, id: &str, detail: String) -> Evidence {
        Evidence {
            kind: "ftm",
            id: id.to_owned(),
            time: None,
            weight: self.cfg.undated_factor,
            detail,
            path: None,
        }
    }
}

/// The AIS identity changes among the events that ended by `at`, with their `changes` object.
fn identity_changes<'a, 'e>(
    events: &'a [&'e Event],
    at: i64,
) -> impl Iterator<Item = (&'e Event, &'e serde_json::Map<String, Value>)> + 'a {
    events
        .iter()
        .filter(move |e| e.event_type == EventType::IdentityChange && e.end_time <= at)
        .filter_map(|e| Some((*e, e.details.get("changes")?.as_object()?)))
}

/// The MMSI the vessel used last before the date: the new MMSI of its latest MMSI change, else
/// its only (or first) MMSI.
fn mmsi_in_use(v: &Vessel, events: &[&Event]) -> Option<u32> {
    events
        .iter()
        .filter(|e| e.event_type == EventType::IdentityChange)
        .filter_map(|e| e.other_mmsi)
        .next_back()
        .or_else(|| v.mmsis.first().copied())
}
