//! What the evidence says about where each ship was: sightings (AIS port visits, the ends of AIS
//! gaps near a site, imagery rows naming the ship), clear images of a site without it, and the
//! days nobody looked. The state model (`states`) reads it day by day as the likelihood of that
//! day's evidence if the ship was at each corridor site, or at none of them (at sea or away).
//!
//! Observation model (chances named in `LedgerSettings`, sources in docs/ledger.md):
//! - a clear image of a site naming the ship: `identify_chance` if it was there,
//!   `misidentify_chance` if not;
//! - a clear image listing ships (or saying the site was empty) that does not name it: if the
//!   image holds `n` unidentified ships, `1 - identify_chance` if it was there against `lambda / n`
//!   if not, where `lambda` is how many unidentified other ships a clear image of that site
//!   holds on average (from the images themselves); with no unidentified ship, `overlook_chance`
//!   if it was there against 1;
//! - `site_not_visible`, or a site nobody imaged: nothing;
//! - an AIS port visit: 1 at its area against `ais_error` elsewhere, on every day whose reference
//!   instant it covers; the end of an AIS gap near an area: 1 against `gap_end_error`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use lookout_core::event::{Event, EventType};
use lookout_core::time::{day_index, DAY_MS};
use lookout_project::{Corridor, ObsKind, Project};

/// Fewest unidentified other ships assumed over all the images of a site (so that one
/// unidentified ship at an otherwise empty site is strong, not certain, evidence).
const MIN_UNIDENTIFIED_SHIPS: f64 = 0.5;

/// A vessel: a watchlist entry, or an MMSI that is on no watchlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VesselId {
    /// Index into the project's watchlist.
    Watched(usize),
    /// An MMSI seen in AIS and not on the watchlist.
    Mmsi(u32),
}

impl VesselId {
    /// Display name: the watchlist name, or `MMSI n`.
    pub fn name(self, project: &Project) -> String {
        match self {
            VesselId::Watched(i) => project.watchlist[i].name.clone(),
            VesselId::Mmsi(m) => format!("MMSI {m}"),
        }
    }

    /// MMSIs the vessel is known by.
    pub fn mmsis(self, project: &Project) -> Vec<u32> {
        match self {
            VesselId::Watched(i) => project.watchlist[i].mmsi.clone(),
            VesselId::Mmsi(m) => vec![m],
        }
    }
}

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
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One piece of evidence placing a vessel at an area.
#[derive(Debug, Clone)]
pub struct Sighting {
    /// The vessel.
    pub vessel: VesselId,
    /// Area name.
    pub area: String,
    /// Start (a port visit's arrival, else the instant), ms.
    pub start: i64,
    /// End, ms.
    pub end: i64,
    /// Evidence id (event id or `obs:LINE`).
    pub id: String,
    /// Kind of evidence.
    pub source: Source,
}

/// The model's days: whole UTC days over the analysis window. Each day has a reference instant
/// (the usual hour of the imagery, else noon) at which the ship's state is taken.
#[derive(Debug, Clone, Copy)]
pub struct Grid {
    /// Day index (days since the epoch) of the first day.
    pub first_day: i64,
    /// Number of days.
    pub days: usize,
    /// Offset of the reference instant in the day, ms.
    pub reference_ms: i64,
}

impl Grid {
    /// The days from the one holding `from` to the first whose reference instant is at or
    /// after `to` (a leg arriving after the last instant before `to` arrives on that day), the
    /// reference instant at the imagery's median hour.
    pub fn new(project: &Project, from: i64, to: i64) -> Grid {
        let mut hours: Vec<i64> = project
            .observations
            .iter()
            .map(|o| o.time.rem_euclid(DAY_MS))
            .collect();
        hours.sort_unstable();
        let reference_ms = hours.get(hours.len() / 2).copied().unwrap_or(DAY_MS / 2);
        let first_day = day_index(from);
        let last_day = day_index(to.max(from + 1) - reference_ms - 1) + 1;
        Grid {
            first_day,
            days: (last_day - first_day + 1) as usize,
            reference_ms,
        }
    }

    /// When a phase that starts on day `k` started: between the reference instants of days
    /// `k - 1` and `k`, taken half way.
    pub fn start_of(&self, k: usize) -> i64 {
        self.instant(k) - DAY_MS / 2
    }

    /// The day holding instant `t`, if inside the grid.
    pub fn day_of(&self, t: i64) -> Option<usize> {
        usize::try_from(day_index(t) - self.first_day)
            .ok()
            .filter(|d| *d < self.days)
    }

    /// The day whose reference instant is nearest to `t`, if inside the grid.
    pub fn nearest_day(&self, t: i64) -> Option<usize> {
        let k = ((t - self.instant(0)) as f64 / DAY_MS as f64).round() as i64;
        usize::try_from(k).ok().filter(|d| *d < self.days)
    }

    /// Reference instant of day `k`, ms.
    pub fn instant(&self, k: usize) -> i64 {
        (self.first_day + k as i64) * DAY_MS + self.reference_ms
    }
}

/// One image: the rows of one site at one time.
#[derive(Debug, Default)]
struct Image {
    /// Vessels named in it (at berth, deck or railcar counts).
    identified: BTreeSet<VesselId>,
    /// Ships at berth not identified.
    unidentified: usize,
    /// Vessels a `vessel_absent` row names.
    absent: BTreeSet<VesselId>,
    /// A `vessel_absent` row without a vessel: no watched vessel there.
    none_there: bool,
    /// Somebody looked at the ships (any row about ships, not only a stockpile or cloud).
    lists_ships: bool,
}

/// All the evidence, by vessel.
#[derive(Debug, Default)]
pub struct Evidence {
    /// Sightings, by vessel then time.
    pub sightings: Vec<Sighting>,
    /// Images by (site, day of the grid).
    images: BTreeMap<(String, usize), Vec<Image>>,
    /// AIS port visits and gap ends by vessel: (area, start, end, gap end?).
    ais: HashMap<VesselId, Vec<(String, i64, i64, bool)>>,
    /// Days each area was seen (any observation row except `site_not_visible`), UTC day index.
    pub seen_days: HashMap<String, BTreeSet<i64>>,
}

impl Evidence {
    /// Collects the evidence of a project and its detected events on the grid.
    pub fn gather(project: &Project, events: &[Event], grid: &Grid) -> Evidence {
        let vessel_of_mmsi = |mmsi: u32| {
            project
                .watchlist
                .iter()
                .position(|w| w.mmsi.contains(&mmsi))
                .map_or(VesselId::Mmsi(mmsi), VesselId::Watched)
        };
        let vessel_of_name = |name: &str| {
            let w = project.vessel_by_name(name)?;
            project
                .watchlist
                .iter()
                .position(|x| std::ptr::eq(x, w))
                .map(VesselId::Watched)
        };
        let corridor_area = |a: &str| {
            project
                .corridors
                .iter()
                .any(|c| c.is_origin(a) || c.is_destination(a))
        };
        let mut out = Evidence::default();
        for e in events {
            let vessel = vessel_of_mmsi(e.mmsi);
            let ends: Vec<(&Option<String>, i64, i64, bool)> = match e.event_type {
                EventType::PortVisit => vec![(&e.area, e.start_time, e.end_time, false)],
                EventType::Gap => vec![
                    (&e.area, e.start_time, e.start_time, true),
                    (&e.other_area, e.end_time, e.end_time, true),
                ],
                _ => continue,
            };
            for (area, start, end, gap) in ends {
                let Some(area) = area else { continue };
                out.ais
                    .entry(vessel)
                    .or_default()
                    .push((area.clone(), start, end, gap));
                if corridor_area(area) {
                    out.sightings.push(Sighting {
                        vessel,
                        area: area.clone(),
                        start,
                        end,
                        id: e.event_id(),
                        source: if gap { Source::Gap } else { Source::Ais },
                    });
                }
            }
        }
        let mut images: BTreeMap<(String, i64), Image> = BTreeMap::new();
        for o in &project.observations {
            let vessel = o.vessel.as_deref().and_then(vessel_of_name);
            if !o.kind.site_seen() {
                continue;
            }
            out.seen_days
                .entry(o.site.clone())
                .or_default()
                .insert(day_index(o.time));
            let image = images.entry((o.site.clone(), o.time)).or_default();
            match (o.kind, vessel) {
                (k, Some(v)) if k.places_vessel() => {
                    image.identified.insert(v);
                    image.lists_ships = true;
                    if corridor_area(&o.site) {
                        out.sightings.push(Sighting {
                            vessel: v,
                            area: o.site.clone(),
                            start: o.time,
                            end: o.time,
                            id: o.id.clone(),
                            source: Source::Imagery,
                        });
                    }
                }
                (ObsKind::VesselAtBerth, None) => {
                    image.unidentified += 1;
                    image.lists_ships = true;
                }
                (ObsKind::VesselAbsent, Some(v)) => {
                    image.absent.insert(v);
                    image.lists_ships = true;
                }
                (ObsKind::VesselAbsent, None) => {
                    image.none_there = true;
                    image.lists_ships = true;
                }
                _ => {}
            }
        }
        for ((site, time), image) in images {
            if let Some(day) = grid.day_of(time) {
                out.images.entry((site, day)).or_default().push(image);
            }
        }
        out.sightings.sort_by(|a, b| {
            (a.vessel, a.start, a.end, &a.id).cmp(&(b.vessel, b.start, b.end, &b.id))
        });
        out
    }

    /// Vessels followed on a corridor: watchlist vessels seen at any of its sites, and other
    /// vessels seen at both an origin and a destination (a ship that only ever calls at a
    /// destination port is local traffic, not shuttling on the corridor).
    pub fn vessels_on(&self, corridor: &Corridor) -> Vec<VesselId> {
        let mut at: BTreeMap<VesselId, (bool, bool)> = BTreeMap::new();
        for s in &self.sightings {
            let e = at.entry(s.vessel).or_default();
            e.0 |= corridor.is_origin(&s.area);
            e.1 |= corridor.is_destination(&s.area);
        }
        at.into_iter()
            .filter(|(v, (o, d))| match v {
                VesselId::Watched(_) => *o || *d,
                VesselId::Mmsi(_) => *o && *d,
            })
            .map(|(v, _)| v)
            .collect()
    }

    /// Likelihood of each day's evidence for `vessel` if it was at each of `sites` (in order),
    /// or at none of them (last column): `grid.days` rows of `sites.len() + 1`.
    pub fn likelihood(
        &self,
        project: &Project,
        vessel: VesselId,
        sites: &[String],
        grid: &Grid,
    ) -> Vec<f64> {
        let s = &project.settings;
        let width = sites.len() + 1;
        let mut lik = vec![1.0; grid.days * width];
        let site_index = |a: &str| sites.iter().position(|x| x == a);
        // Multiplies day `d`: `at` for site `j` (None: for every site), `elsewhere` for the rest.
        let mut apply = |d: usize, j: Option<usize>, at: f64, elsewhere: f64| {
            let row = &mut lik[d * width..(d + 1) * width];
            for (k, x) in row.iter_mut().enumerate() {
                let here = match j {
                    Some(j) => k == j,
                    None => k < sites.len(),
                };
                *x *= if here { at } else { elsewhere };
            }
        };
        let q = s.identify_chance;
        let lambdas: HashMap<&str, f64> = sites
            .iter()
            .map(|x| (x.as_str(), self.unidentified_others(x, vessel, q)))
            .collect();
        for ((site, day), images) in &self.images {
            let j = site_index(site);
            for image in images {
                let named = image.identified.contains(&vessel);
                match j {
                    // Named at a site of another corridor or elsewhere: not at ours.
                    None if named => apply(*day, None, s.misidentify_chance, 1.0),
                    None => {}
                    Some(j) if named => apply(*day, Some(j), q, s.misidentify_chance),
                    Some(_) if !image.lists_ships => {}
                    Some(j) if image.unidentified > 0 && !image.absent.contains(&vessel) => {
                        let n = image.unidentified as f64;
                        let ratio =
                            ((1.0 - q) * n / lambdas[site.as_str()]).min(q / s.misidentify_chance);
                        apply(*day, Some(j), ratio, 1.0);
                    }
                    Some(j) => apply(*day, Some(j), s.overlook_chance, 1.0),
                }
            }
        }
        for (area, start, end, gap) in self.ais.get(&vessel).into_iter().flatten() {
            let j = site_index(area);
            let covered: Vec<usize> = (0..grid.days)
                .filter(|&d| (*start..=*end).contains(&grid.instant(d)))
                .collect();
            let (days, error) = if !gap && !covered.is_empty() {
                (covered, s.ais_error)
            } else {
                // An instant (a gap end) or a visit between two reference instants.
                let mid = start + (end - start) / 2;
                (grid.nearest_day(mid).into_iter().collect(), s.gap_end_error)
            };
            for d in days {
                match j {
                    Some(j) => apply(d, Some(j), 1.0, error),
                    None => apply(d, None, error, 1.0),
                }
            }
        }
        lik
    }

    /// Unidentified ships other than `vessel` in a clear image of `site` that lists ships, on
    /// average: all unidentified ships, less the times `vessel` itself was there unidentified
    /// (its identified sightings times `(1 - q) / q`); at least half a ship over all the images.
    fn unidentified_others(&self, site: &str, vessel: VesselId, q: f64) -> f64 {
        let (mut images, mut unidentified, mut named) = (0.0_f64, 0.0, 0.0);
        for image in self
            .images
            .iter()
            .filter(|((s, _), _)| s == site)
            .flat_map(|(_, v)| v)
            .filter(|i| i.lists_ships)
        {
            images += 1.0;
            unidentified += image.unidentified as f64;
            named += f64::from(u8::from(image.identified.contains(&vessel)));
        }
        let floor = MIN_UNIDENTIFIED_SHIPS / images.max(1.0);
        ((unidentified - named * (1.0 - q) / q) / images.max(1.0)).max(floor)
    }
}
