//! Voyages on watched corridors, from three kinds of evidence: AIS port visits, imagery
//! sightings (`observations.csv`), and dark gaps (the vessel fell silent near one area and
//! reappeared near another). Sightings of one vessel become stays; consecutive stays at an
//! origin and a destination become a leg. Between two stays that cannot be consecutive (two
//! destination stays in a row, or an origin stay followed by a destination stay too long after),
//! the vessel made cycles nobody saw: those become a *hidden* group whose number of legs is
//! estimated from the vessel's cycle time and is ruled out when the intermediate sites were
//! watched closely enough that a stay could not have been missed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use lookout_core::event::{Event, EventType};
use lookout_core::geo::{distance_km, median, LatLon};

use lookout_core::time::{day_index, DAY_MS};
use lookout_project::{Corridor, ObsKind, Project};

const HOUR_MS: f64 = 3_600_000.0;

/// Where a sighting comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// An AIS port visit.
    Ais,
    /// One end of an AIS gap near an area.
    Gap,
    /// A satellite image or other observation.
    Imagery,
}

impl Source {
    /// Name for output.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Ais => "ais",
            Source::Gap => "dark_gap",
            Source::Imagery => "imagery",
        }
    }

    /// Confidence that a sighting of this kind puts the named vessel at the area: AIS port
    /// visits are the vessel's own reports; a gap end is near, not in, the area; imagery
    /// identifies ships by hull shape and size, which analysts describe as a judgement.
    pub fn confidence(self) -> f64 {
        match self {
            Source::Ais => 0.98,
            Source::Gap => 0.9,
            Source::Imagery => 0.85,
        }
    }
}

/// One vessel's continuous presence at one area, from one or more sightings.
#[derive(Debug, Clone)]
pub struct Stay {
    /// Vessel (watchlist name, or `MMSI n`).
    pub vessel: String,
    /// Area name.
    pub area: String,
    /// First sighting (or visit start), ms.
    pub start: i64,
    /// Last sighting (or visit end), ms.
    pub end: i64,
    /// Evidence ids.
    pub evidence: Vec<String>,
    /// Kinds of evidence.
    pub sources: BTreeSet<Source>,
}

impl Stay {
    fn confidence(&self) -> f64 {
        self.sources
            .iter()
            .map(|s| s.confidence())
            .fold(0.0, f64::max)
    }
}

/// How a voyage was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegKind {
    /// Seen at the origin, then at the destination.
    Observed,
    /// Estimated between two stays: cycles nobody saw.
    Hidden,
}

/// A leg from an origin area to a destination area of a corridor.
#[derive(Debug, Clone)]
pub struct Voyage {
    /// `V001`, ... in time order (hidden groups `H001`, ...).
    pub id: String,
    /// Vessel.
    pub vessel: String,
    /// MMSIs the vessel is known by.
    pub mmsis: Vec<u32>,
    /// Index into the project's corridors.
    pub corridor: usize,
    /// Origin area (for hidden groups: the origin seen nearest in the chain).
    pub origin: String,
    /// Destination area.
    pub destination: String,
    /// Last sighting at the origin (hidden: start of the window), ms.
    pub depart: i64,
    /// First sighting at the destination (hidden: end of the window), ms.
    pub arrive: i64,
    /// Observed or hidden.
    pub kind: LegKind,
    /// Confidence the leg happened (observed legs).
    pub confidence: f64,
    /// Hidden groups: time between the two stays (last sighting to first sighting), ms.
    pub gap_ms: i64,
    /// Hidden groups: 0.5 between two stays of the same kind (leaving and coming back takes
    /// about half a cycle), 0 between an origin and a destination (a whole extra cycle must fit).
    pub half: f64,
    /// Hidden groups: fewest legs (1 when a clear image showed the vessel gone between two stays
    /// of the same kind).
    pub min_legs: usize,
    /// Hidden groups: longest run of days the intermediate sites were not seen.
    pub max_unobserved_days: i64,
    /// Hidden groups: no hidden leg: a hidden stay is ruled out by the imagery cadence, or the
    /// vessel was parked (a stay next to the window is longer than its cycle).
    pub ruled_out: bool,
    /// Evidence ids (events and observation rows).
    pub evidence: Vec<String>,
    /// Evidence kinds at the two ends.
    pub sources: String,
    /// Remarks (implausible speed, ...).
    pub note: String,
}

/// Per-vessel cycle time (origin arrival to next origin arrival) as used for hidden groups.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cycle {
    /// Median, ms.
    pub median_ms: f64,
    /// Standard deviation of the log of one cycle.
    pub log_sd: f64,
    /// Single cycles it was measured on (0 = the corridor's `cycle_days`).
    pub samples: usize,
}

/// Voyages and what they were built from.
#[derive(Debug, Default)]
pub struct Voyages {
    /// Stays, by vessel then time.
    pub stays: Vec<Stay>,
    /// Observed legs and hidden groups, by time.
    pub voyages: Vec<Voyage>,
    /// Cycle time per (vessel, corridor).
    pub cycles: BTreeMap<(String, usize), Cycle>,
    /// Days each area was seen (any observation row except `site_not_visible`).
    pub seen_days: HashMap<String, BTreeSet<i64>>,
}

struct Sighting {
    vessel: String,
    area: String,
    start: i64,
    end: i64,
    id: String,
    source: Source,
}

/// Corridor role of an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Origin,
    Destination,
}

fn role(c: &Corridor, area: &str) -> Option<Role> {
    if c.is_origin(area) {
        Some(Role::Origin)
    } else if c.is_destination(area) {
        Some(Role::Destination)
    } else {
        None
    }
}

/// Builds stays and voyages from a project's observations and detected events.
pub fn build(project: &Project, events: &[Event]) -> Voyages {
    let min_stay_hours = project.settings.min_stay_hours;
    let vessel_of = |mmsi: u32| {
        project
            .vessel_by_mmsi(mmsi)
            .map_or_else(|| format!("MMSI {mmsi}"), |w| w.name.clone())
    };
    let corridor_area = |a: &str| {
        project
            .corridors
            .iter()
            .any(|c| c.is_origin(a) || c.is_destination(a))
    };
    let mut sightings = Vec::new();
    for e in events {
        match e.event_type {
            EventType::PortVisit => {
                if let Some(a) = e.area.as_deref().filter(|a| corridor_area(a)) {
                    sightings.push(Sighting {
                        vessel: vessel_of(e.mmsi),
                        area: a.to_owned(),
                        start: e.start_time,
                        end: e.end_time,
                        id: e.event_id(),
                        source: Source::Ais,
                    });
                }
            }
            EventType::Gap => {
                for (a, t) in [(&e.area, e.start_time), (&e.other_area, e.end_time)] {
                    if let Some(a) = a.as_deref().filter(|a| corridor_area(a)) {
                        sightings.push(Sighting {
                            vessel: vessel_of(e.mmsi),
                            area: a.to_owned(),
                            start: t,
                            end: t,
                            id: e.event_id(),
                            source: Source::Gap,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    let mut seen_days: HashMap<String, BTreeSet<i64>> = HashMap::new();
    // Clear images per (site, time): vessels identified, and whether an unidentified ship was
    // there (it could be any of ours).
    let mut images: HashMap<(&str, i64), (BTreeSet<String>, bool)> = HashMap::new();
    for o in &project.observations {
        let vessel = o
            .vessel
            .as_deref()
            .and_then(|v| project.vessel_by_name(v))
            .map(|w| w.name.clone());
        if o.kind.site_seen() {
            seen_days
                .entry(o.site.clone())
                .or_default()
                .insert(day_index(o.time));
            let image = images.entry((&o.site, o.time)).or_default();
            match (o.kind, &vessel) {
                (k, Some(v)) if k.places_vessel() => {
                    image.0.insert(v.clone());
                }
                (ObsKind::VesselAtBerth, None) => image.1 = true,
                // "vessel_absent" naming a vessel says nothing about the others.
                (ObsKind::VesselAbsent, Some(_)) => image.1 = true,
                _ => {}
            }
        }
        if let Some(v) = vessel.filter(|_| o.kind.places_vessel()) {
            sightings.push(Sighting {
                vessel: v,
                area: o.site.clone(),
                start: o.time,
                end: o.time,
                id: o.id.clone(),
                source: Source::Imagery,
            });
        }
    }
    let named_absent: Vec<(&str, String, i64)> = project
        .observations
        .iter()
        .filter(|o| o.kind == ObsKind::VesselAbsent)
        .filter_map(|o| {
            Some((
                o.site.as_str(),
                project.vessel_by_name(o.vessel.as_deref()?)?.name.clone(),
                o.time,
            ))
        })
        .collect();
    // A clear image of the site between t1 and t2 without the vessel (and no unidentified ship).
    let absent = |vessel: &str, site: &str, t1: i64, t2: i64| {
        images.iter().any(|((s, t), (ids, unknown))| {
            *s == site && *t > t1 && *t < t2 && !unknown && !ids.contains(vessel)
        }) || named_absent
            .iter()
            .any(|(s, v, t)| *s == site && v == vessel && *t > t1 && *t < t2)
    };
    sightings.sort_by(|a, b| (&a.vessel, a.start, a.end).cmp(&(&b.vessel, b.start, b.end)));
    let merge_ms = (project.settings.stay_merge_hours * HOUR_MS) as i64;
    let mut stays: Vec<Stay> = Vec::new();
    let mut left_between: Vec<bool> = Vec::new();
    for s in sightings {
        if let Some(last) = stays.last_mut() {
            let same = last.vessel == s.vessel && last.area == s.area;
            let gone = same && absent(&s.vessel, &s.area, last.end, s.start);
            if same && !gone && s.start - last.end <= merge_ms {
                last.end = last.end.max(s.end);
                if !last.evidence.contains(&s.id) {
                    last.evidence.push(s.id);
                }
                last.sources.insert(s.source);
                continue;
            }
            left_between.push(gone);
        } else {
            left_between.push(false);
        }
        stays.push(Stay {
            vessel: s.vessel,
            area: s.area,
            start: s.start,
            end: s.end,
            evidence: vec![s.id],
            sources: BTreeSet::from([s.source]),
        });
    }
    // `left_between[i]`: a clear image showed the vessel gone between stays i-1 and i.
    let left: HashMap<(String, i64), bool> = stays
        .iter()
        .zip(&left_between)
        .map(|(s, g)| ((s.vessel.clone(), s.start), *g))
        .collect();
    let mut out = Voyages {
        seen_days,
        ..Default::default()
    };
    for (ci, corridor) in project.corridors.iter().enumerate() {
        let cycles = cycle_times(&stays, corridor);
        // Hidden legs only for vessels seen on both ends of this corridor: a ship that only
        // ever calls at a destination port (local traffic) is not shuttling on it.
        let both_ends: BTreeSet<&str> = stays
            .iter()
            .filter(|s| corridor.is_origin(&s.area))
            .map(|s| s.vessel.as_str())
            .filter(|v| {
                stays
                    .iter()
                    .any(|s| s.vessel == *v && corridor.is_destination(&s.area))
            })
            .collect();
        for (vessel, chain) in chains(&stays, corridor) {
            let shuttling = both_ends.contains(vessel.as_str());
            let cycle = cycles
                .get(&vessel)
                .or_else(|| cycles.get(""))
                .copied()
                .unwrap_or(Cycle {
                    median_ms: corridor.cycle_days * DAY_MS as f64,
                    log_sd: 0.25,
                    samples: 0,
                });
            out.cycles.insert((vessel.clone(), ci), cycle);
            let mmsis = project
                .vessel_by_name(&vessel)
                .map(|w| w.mmsi.clone())
                .unwrap_or_else(|| {
                    vessel
                        .strip_prefix("MMSI ")
                        .and_then(|m| m.parse().ok())
                        .into_iter()
                        .collect()
                });
            for pair in chain.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let (ra, rb) = (role(corridor, &a.area), role(corridor, &b.area));
                let gap = b.start - a.end;
                let evidence: Vec<String> = a.evidence.iter().chain(&b.evidence).cloned().collect();
                let sources = format!("{}>{}", join_sources(&a.sources), join_sources(&b.sources));
                let same_kind = ra == rb;
                let half = if same_kind { 0.5 } else { 0.0 };
                let min_legs = usize::from(
                    same_kind
                        && left
                            .get(&(b.vessel.clone(), b.start))
                            .copied()
                            .unwrap_or(false),
                );
                if (ra, rb) == (Some(Role::Origin), Some(Role::Destination)) {
                    let (ca, cb) = (area_centre(project, &a.area), area_centre(project, &b.area));
                    let hours = ((b.start - a.end) as f64 / HOUR_MS).max(0.0);
                    let km = distance_km(ca, cb);
                    let implied_kn = km / 1.852 / hours.max(1e-6);
                    let mut confidence = a.confidence().min(b.confidence());
                    let mut note = String::new();
                    if implied_kn > corridor.max_speed_kn {
                        confidence *= 0.3;
                        note = format!(
                            "implausible: {km:.0} km in {hours:.1} h ({implied_kn:.1} kn straight line)"
                        );
                    }
                    out.voyages.push(Voyage {
                        id: String::new(),
                        vessel: vessel.clone(),
                        mmsis: mmsis.clone(),
                        corridor: ci,
                        origin: a.area.clone(),
                        destination: b.area.clone(),
                        depart: a.end,
                        arrive: b.start,
                        kind: LegKind::Observed,
                        confidence,
                        gap_ms: gap,
                        half,
                        min_legs: 0,
                        max_unobserved_days: 0,
                        ruled_out: false,
                        evidence: evidence.clone(),
                        sources: sources.clone(),
                        note,
                    });
                }
                // Room for cycles nobody saw?
                let expected = gap as f64 / cycle.median_ms + half;
                if !shuttling || (expected < 0.7 && min_legs == 0) {
                    continue;
                }
                let intermediate: Vec<&String> = match (ra, rb) {
                    (Some(Role::Origin), Some(Role::Origin)) => {
                        corridor.destinations.iter().collect()
                    }
                    (Some(Role::Destination), Some(Role::Destination)) => {
                        corridor.origins.iter().collect()
                    }
                    _ => corridor
                        .origins
                        .iter()
                        .chain(&corridor.destinations)
                        .collect(),
                };
                let run = longest_unseen_run(&out.seen_days, &intermediate, a.end, b.start);
                // Hidden legs assume the vessel keeps shuttling. A stay longer than a whole
                // cycle shows it was not (laid up, waiting): between two stays at the same site
                // next to such a stay, nothing says it left, unless an image showed it gone.
                let parked = same_kind
                    && min_legs == 0
                    && [a, b]
                        .iter()
                        .any(|s| (s.end - s.start) as f64 >= cycle.median_ms);
                let min_days = (min_stay_hours / 24.0).floor() as i64;
                let origin = if ra == Some(Role::Origin) {
                    &a.area
                } else if rb == Some(Role::Origin) {
                    &b.area
                } else {
                    &corridor.origins[0]
                };
                let destination = if rb == Some(Role::Destination) {
                    &b.area
                } else if ra == Some(Role::Destination) {
                    &a.area
                } else {
                    &corridor.destinations[0]
                };
                out.voyages.push(Voyage {
                    id: String::new(),
                    vessel: vessel.clone(),
                    mmsis: mmsis.clone(),
                    corridor: ci,
                    origin: origin.clone(),
                    destination: destination.clone(),
                    depart: a.end,
                    arrive: b.start,
                    kind: LegKind::Hidden,
                    confidence: 0.0,
                    gap_ms: gap,
                    half,
                    min_legs,
                    max_unobserved_days: run,
                    ruled_out: parked || run < min_days.max(1),
                    evidence,
                    sources,
                    note: format!(
                        "{:.1} d between sightings, cycle {:.1} d{}",
                        gap as f64 / DAY_MS as f64,
                        cycle.median_ms / DAY_MS as f64,
                        if min_legs > 0 {
                            "; seen gone in between"
                        } else if parked {
                            "; parked: a stay next to it is longer than a cycle"
                        } else {
                            ""
                        }
                    ),
                });
            }
        }
    }
    out.voyages
        .sort_by(|a, b| (a.arrive, &a.vessel).cmp(&(b.arrive, &b.vessel)));
    let (mut nv, mut nh) = (0, 0);
    for v in &mut out.voyages {
        v.id = match v.kind {
            LegKind::Observed => {
                nv += 1;
                format!("V{nv:03}")
            }
            LegKind::Hidden => {
                nh += 1;
                format!("H{nh:03}")
            }
        };
    }
    out.stays = stays;
    out
}

fn join_sources(s: &BTreeSet<Source>) -> String {
    s.iter().map(|x| x.as_str()).collect::<Vec<_>>().join("+")
}

fn area_centre(project: &Project, name: &str) -> LatLon {
    project
        .areas
        .all()
        .iter()
        .find(|a| a.name == name)
        .map_or(LatLon::new(0.0, 0.0), |a| a.centre())
}

/// Per vessel, its stays at this corridor's areas, broken where the vessel was seen elsewhere.
fn chains<'a>(stays: &'a [Stay], corridor: &Corridor) -> Vec<(String, Vec<&'a Stay>)> {
    let mut out: Vec<(String, Vec<&Stay>)> = Vec::new();
    let mut current: Option<(String, Vec<&Stay>)> = None;
    for s in stays {
        let same_vessel = current.as_ref().is_some_and(|(v, _)| *v == s.vessel);
        if !same_vessel {
            out.extend(current.take());
        }
        if role(corridor, &s.area).is_some() {
            current
                .get_or_insert_with(|| (s.vessel.clone(), Vec::new()))
                .1
                .push(s);
        } else if let Some(c) = current.take() {
            out.push(c);
        }
    }
    out.extend(current);
    // One vessel may have several chains; the caller walks each.
    out.retain(|(_, c)| !c.is_empty());
    out
}

/// Cycle times from single observed cycles: origin arrival to the next origin arrival with
/// exactly one destination stay between (and the same from destination to destination).
/// Keyed by vessel, with the pooled corridor value under `""`.
fn cycle_times(stays: &[Stay], corridor: &Corridor) -> HashMap<String, Cycle> {
    let mut spans: HashMap<String, Vec<f64>> = HashMap::new();
    for (vessel, chain) in chains(stays, corridor) {
        for w in chain.windows(3) {
            let r: Vec<_> = w.iter().map(|s| role(corridor, &s.area)).collect();
            if r[0] == r[2] && r[0] != r[1] {
                let span = (w[2].start - w[0].start) as f64;
                spans.entry(vessel.clone()).or_default().push(span);
            }
        }
    }
    let pooled: Vec<f64> = spans.values().flatten().copied().collect();
    let mut out = HashMap::new();
    let make = |mut v: Vec<f64>| -> Option<Cycle> {
        if v.len() < 3 {
            return None;
        }
        let med = median(&mut v)?;
        let mut dev: Vec<f64> = v.iter().map(|x| (x / med).ln().abs()).collect();
        let log_sd = (1.4826 * median(&mut dev)?).clamp(0.08, 0.6);
        Some(Cycle {
            median_ms: med,
            log_sd,
            samples: v.len(),
        })
    };
    if let Some(c) = make(pooled) {
        out.insert(String::new(), c);
    }
    for (vessel, v) in spans {
        if let Some(c) = make(v) {
            out.insert(vessel, c);
        }
    }
    out
}

/// Longest run of whole days in `(from, to)` on which none of the areas was seen. Days on which
/// only some of several areas were seen count as unseen.
fn longest_unseen_run(
    seen: &HashMap<String, BTreeSet<i64>>,
    areas: &[&String],
    from: i64,
    to: i64,
) -> i64 {
    let (d0, d1) = (day_index(from) + 1, day_index(to));
    let mut best = 0;
    let mut run = 0;
    for d in d0..d1 {
        let all_seen = areas
            .iter()
            .all(|a| seen.get(*a).is_some_and(|s| s.contains(&d)));
        if all_seen {
            run = 0;
        } else {
            run += 1;
            best = best.max(run);
        }
    }
    best
}
