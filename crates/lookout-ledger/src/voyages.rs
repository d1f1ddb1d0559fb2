//! Voyages on watched corridors. The evidence (`evidence`) says where each followed vessel was
//! seen and where it was seen not to be; the state model (`states`) draws its whole path day by
//! day, and every drawn path's legs become the ledger's draws. From the draws come the rows
//! analysts read: **stays** (sightings the paths keep together), **observed legs** (an origin
//! stay followed by a destination stay in the drawn paths, with the share of draws in which that
//! leg happened) and **hidden legs** (legs whose origin or destination stay nobody saw), grouped
//! by the time between two of the vessel's stays.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use lookout_core::event::Event;
use lookout_core::geo::{distance_km, LatLon, KM_PER_NM};
use lookout_core::time::{day_index, DAY_MS};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::evidence::{Evidence, Grid};
pub use crate::evidence::{Sighting, Source, VesselId};
use crate::states::{self, Layout, PathLeg, Sampler};
use lookout_project::{Corridor, ObsKind, Project};

const HOUR_MS: f64 = lookout_core::time::HOUR_MS as f64;
/// An origin and destination stay paired in fewer draws than this share are not listed as an
/// observed leg of their own: those legs join the hidden row of their window (a display choice;
/// no leg is dropped).
const RARE_PAIRING: f64 = 0.01;

/// One vessel's continuous presence at one area: sightings the drawn paths keep in one stay.
#[derive(Debug, Clone)]
pub struct Stay {
    /// Vessel.
    pub vessel: VesselId,
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

/// What kind of row a voyage is.
#[derive(Debug, Clone, PartialEq)]
pub enum VoyageKind {
    /// A leg from an origin stay to a destination stay, both seen.
    Observed {
        /// Share of the drawn paths in which this leg happened.
        confidence: f64,
    },
    /// Legs nobody saw (their origin or destination stay unseen) between two stays of the
    /// vessel; the ledger gives their number and cargo.
    Hidden {
        /// Mean days the vessel spent away from the corridor between the two stays.
        away_days: f64,
        /// Longest run of days on which no site of the corridor was seen.
        unseen_days: i64,
    },
}

/// A row of `voyages.csv`: an observed leg, or the hidden legs between two stays.
#[derive(Debug, Clone)]
pub struct Voyage {
    /// `V001`, ... for observed legs, `H001`, ... for hidden ones, in order of arrival.
    pub id: String,
    /// Vessel name for output (watchlist name, or `MMSI n`).
    pub vessel: String,
    /// The vessel.
    pub vessel_id: VesselId,
    /// MMSIs the vessel is known by.
    pub mmsis: Vec<u32>,
    /// Index into the project's corridors.
    pub corridor: usize,
    /// Origin area (hidden: the one most drawn).
    pub origin: String,
    /// Destination area (hidden: the one most drawn).
    pub destination: String,
    /// Last sighting at the origin (hidden: the stay before), ms.
    pub depart: i64,
    /// First sighting at the destination (hidden: the stay after), ms.
    pub arrive: i64,
    /// Observed or hidden, with what is particular to each.
    pub kind: VoyageKind,
    /// Evidence ids (events and observation rows) of the stays at both ends.
    pub evidence: Vec<String>,
    /// Evidence kinds at the two ends.
    pub sources: String,
    /// Remarks (implausible speed, days between the stays, ...).
    pub note: String,
}

impl Voyage {
    /// `observed` or `hidden`.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            VoyageKind::Observed { .. } => "observed",
            VoyageKind::Hidden { .. } => "hidden",
        }
    }

    /// True for an observed leg.
    pub fn is_observed(&self) -> bool {
        matches!(self.kind, VoyageKind::Observed { .. })
    }

    /// Share of the draws in which an observed leg happened (hidden rows: 0).
    pub fn confidence(&self) -> f64 {
        match self.kind {
            VoyageKind::Observed { confidence } => confidence,
            VoyageKind::Hidden { .. } => 0.0,
        }
    }
}

/// A leg in one draw.
#[derive(Debug, Clone, Copy)]
pub struct DrawnLeg {
    /// Row (index into `Voyages::voyages`).
    pub voyage: usize,
    /// Origin (index into the corridor's origins).
    pub origin: usize,
    /// Destination (index into the corridor's destinations).
    pub destination: usize,
    /// Arrival (half way between the reference instants before and on its first day at the
    /// destination), ms.
    pub arrive: i64,
    /// The counts it carries (index into `Voyages::loads`), if any.
    pub load: Option<usize>,
}

/// Count rows (`containers_on_deck`, or `railcars_in_yard` of an identified train) that one
/// leg carries in some draw: those at its origin stay and its destination stay.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Load {
    /// Corridor index.
    pub corridor: usize,
    /// Vessel.
    pub vessel: VesselId,
    /// Observation ids, sorted.
    pub rows: Vec<String>,
}

/// Voyages and what they were built from.
#[derive(Debug, Default)]
pub struct Voyages {
    /// Stays, by vessel then time.
    pub stays: Vec<Stay>,
    /// Observed legs and hidden groups, by arrival.
    pub voyages: Vec<Voyage>,
    /// Per draw, every leg of every followed vessel.
    pub draws: Vec<Vec<DrawnLeg>>,
    /// Count rows carried by legs.
    pub loads: Vec<Load>,
    /// Analysis window `[start, end)`, ms.
    pub window: (i64, i64),
    /// Days each area was seen (any observation row except `site_not_visible`).
    pub seen_days: HashMap<String, BTreeSet<i64>>,
}

fn area_centre(project: &Project, name: &str) -> LatLon {
    project
        .areas
        .all()
        .iter()
        .find(|a| a.name == name)
        .map_or(LatLon::new(0.0, 0.0), |a| a.centre())
}

/// Corridor sites in the model's order: origins, then destinations.
fn sites(corridor: &Corridor) -> Vec<String> {
    corridor
        .origins
        .iter()
        .chain(&corridor.destinations)
        .cloned()
        .collect()
}

/// The model's view of a corridor: transit days from the mean distance between its origins and
/// destinations at `speed_kn` along a route `route_factor` longer than the straight line, and
/// the prior stay as half of `cycle_days` less the transits.
fn layout(project: &Project, corridor: &Corridor) -> Layout {
    let s = &project.settings;
    let pairs: Vec<f64> = corridor
        .origins
        .iter()
        .flat_map(|o| {
            corridor
                .destinations
                .iter()
                .map(move |d| distance_km(area_centre(project, o), area_centre(project, d)))
        })
        .collect();
    let km = pairs.iter().sum::<f64>() / pairs.len().max(1) as f64;
    let transit_days = km * s.route_factor / KM_PER_NM / corridor.speed_kn / 24.0;
    let min_stay_days = ((s.min_stay_hours / 24.0).floor() as usize).max(1);
    Layout {
        sites: corridor.origins.len() + corridor.destinations.len(),
        origins: corridor.origins.len(),
        transit_days,
        stay_days: ((corridor.cycle_days - 2.0 * transit_days) / 2.0).max(min_stay_days as f64),
        min_stay_days,
    }
}

/// The analysis window: the settings, else the first to the last sighting.
fn window(project: &Project, evidence: &Evidence) -> (i64, i64) {
    let first = evidence
        .sightings
        .iter()
        .map(|s| s.start)
        .min()
        .unwrap_or(0);
    let last = evidence.sightings.iter().map(|s| s.end).max().unwrap_or(0);
    (
        project.settings.period_start.unwrap_or(first),
        project.settings.period_end.unwrap_or(last + 1),
    )
}

/// Builds stays, voyages and the drawn legs from a project's observations and detected events.
pub fn build(project: &Project, events: &[Event]) -> Voyages {
    let probe = Evidence::gather(project, events, &Grid::new(project, 0, 1));
    let window = window(project, &probe);
    let grid = Grid::new(project, window.0, window.1);
    let evidence = Evidence::gather(project, events, &grid);
    let draws = project.settings.draws.max(100);
    let mut out = Voyages {
        window,
        seen_days: evidence.seen_days.clone(),
        draws: vec![Vec::new(); draws],
        ..Default::default()
    };
    let mut rng = ChaCha8Rng::seed_from_u64(project.settings.seed);
    for (ci, corridor) in project.corridors.iter().enumerate() {
        let followed = Followed::new(project, &evidence, &grid, ci);
        if followed.vessels.is_empty() {
            continue;
        }
        let layout = layout(project, corridor);
        let tables: Vec<Vec<f64>> = followed
            .vessels
            .iter()
            .map(|v| evidence.likelihood(project, *v, &followed.sites, &grid))
            .collect();
        let paths =
            Sampler::new(&layout, &project.settings, &tables, grid.days).run(draws, &mut rng);
        followed.add_rows(project, &layout, &grid, &paths, &mut out);
    }
    renumber(&mut out);
    out.stays.sort_by_key(|s| (s.vessel, s.start));
    out
}

/// Sorts the rows by arrival, gives them their ids (`V001`, `H001`, ...) and points the drawn
/// legs at their new places.
fn renumber(out: &mut Voyages) {
    let mut order: Vec<usize> = (0..out.voyages.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&out.voyages[a], &out.voyages[b]);
        (x.arrive, &x.vessel, x.depart).cmp(&(y.arrive, &y.vessel, y.depart))
    });
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Voyage>> = std::mem::take(&mut out.voyages)
        .into_iter()
        .map(Some)
        .collect();
    let (mut nv, mut nh) = (0, 0);
    for &old in &order {
        let mut v = slots[old].take().expect("each row once");
        v.id = if v.is_observed() {
            nv += 1;
            format!("V{nv:03}")
        } else {
            nh += 1;
            format!("H{nh:03}")
        };
        out.voyages.push(v);
    }
    for leg in out.draws.iter_mut().flatten() {
        leg.voyage = new_index[leg.voyage];
    }
}

/// A sighting on the grid: its days and the site it places the vessel at.
struct DaySighting<'a> {
    sighting: &'a Sighting,
    site: usize,
    first: usize,
    last: usize,
}

/// The vessels followed on one corridor with their sightings at its sites.
struct Followed<'a> {
    corridor: usize,
    sites: Vec<String>,
    vessels: Vec<VesselId>,
    /// Per vessel, its sightings at the corridor's sites inside the window, by time.
    sightings: Vec<Vec<DaySighting<'a>>>,
    /// Per vessel, its count rows: (site, day, observation id).
    counts: Vec<Vec<(usize, usize, String)>>,
    evidence: &'a Evidence,
}

/// Row key while collecting the draws: an observed leg between two stays (indices into the
/// vessel's stays), or the hidden legs before stay `k` (after the last one when `k` is their
/// number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum RowKey {
    Observed(usize, usize, usize),
    Hidden(usize, usize),
}

/// A drawn leg with its row, the hidden row of its window, and its load.
type Placed = (RowKey, RowKey, PathLeg, Option<usize>);

impl<'a> Followed<'a> {
    fn new(project: &Project, evidence: &'a Evidence, grid: &Grid, ci: usize) -> Self {
        let corridor = &project.corridors[ci];
        let sites = sites(corridor);
        let vessels = evidence.vessels_on(corridor);
        let (w0, w1) = (
            grid.instant(0) - DAY_MS,
            grid.instant(grid.days - 1) + DAY_MS,
        );
        let sightings: Vec<Vec<DaySighting>> = vessels
            .iter()
            .map(|v| {
                evidence
                    .sightings
                    .iter()
                    .filter(|s| s.vessel == *v && s.end >= w0 && s.start <= w1)
                    .filter_map(|s| {
                        let site = sites.iter().position(|x| *x == s.area)?;
                        let day = |t: i64| grid.day_of(t).or(grid.nearest_day(t));
                        Some(DaySighting {
                            sighting: s,
                            site,
                            first: day(s.start).unwrap_or(0),
                            last: day(s.end).unwrap_or(grid.days - 1),
                        })
                    })
                    .collect()
            })
            .collect();
        let counted: HashSet<&str> = project
            .observations
            .iter()
            .filter(|o| matches!(o.kind, ObsKind::ContainersOnDeck | ObsKind::RailcarsInYard))
            .map(|o| o.id.as_str())
            .collect();
        let counts = sightings
            .iter()
            .map(|list: &Vec<DaySighting>| {
                list.iter()
                    .filter(|s| counted.contains(s.sighting.id.as_str()))
                    .map(|s| (s.site, s.first, s.sighting.id.clone()))
                    .collect()
            })
            .collect();
        Followed {
            corridor: ci,
            sites,
            vessels,
            sightings,
            counts,
            evidence,
        }
    }

    /// Groups each vessel's sightings into stays: consecutive sightings at one site are one stay
    /// when most drawn paths keep the vessel at that site from one to the other.
    fn stays(&self, paths: &[Vec<states::Path>]) -> Vec<Vec<(usize, usize)>> {
        self.sightings
            .iter()
            .enumerate()
            .map(|(v, list)| {
                let mut groups: Vec<(usize, usize)> = Vec::new();
                for (i, s) in list.iter().enumerate() {
                    let joined = i > 0 && {
                        let p = &list[i - 1];
                        p.site == s.site && {
                            let (a, b) = (p.last.min(s.first), s.first.max(p.last));
                            let kept = paths
                                .iter()
                                .filter(|d| d[v][a..=b].iter().all(|&x| usize::from(x) == s.site))
                                .count();
                            2 * kept >= paths.len()
                        }
                    };
                    match groups.last_mut() {
                        Some(g) if joined => g.1 = i,
                        _ => groups.push((i, i)),
                    }
                }
                groups
            })
            .collect()
    }

    /// Adds this corridor's stays, rows and drawn legs to `out`.
    fn add_rows(
        &self,
        project: &Project,
        layout: &Layout,
        grid: &Grid,
        paths: &[Vec<states::Path>],
        out: &mut Voyages,
    ) {
        let groups = self.stays(paths);
        let corridor = &project.corridors[self.corridor];
        let mut stay_index: Vec<Vec<usize>> = Vec::new();
        for (v, g) in groups.iter().enumerate() {
            let mut idx = Vec::new();
            for &(a, b) in g {
                let list = &self.sightings[v][a..=b];
                let mut evidence: Vec<String> = Vec::new();
                for s in list {
                    if !evidence.contains(&s.sighting.id) {
                        evidence.push(s.sighting.id.clone());
                    }
                }
                idx.push(out.stays.len());
                out.stays.push(Stay {
                    vessel: self.vessels[v],
                    area: self.sites[list[0].site].clone(),
                    start: list.iter().map(|s| s.sighting.start).min().unwrap_or(0),
                    end: list.iter().map(|s| s.sighting.end).max().unwrap_or(0),
                    evidence,
                    sources: list.iter().map(|s| s.sighting.source).collect(),
                });
            }
            stay_index.push(idx);
        }
        // Days each stay covers (first to last sighting) and its site.
        let stay_days = |v: usize, k: usize| {
            let (a, b) = groups[v][k];
            let list = &self.sightings[v];
            (
                list[a].site,
                list[a..=b].iter().map(|s| s.first).min().unwrap_or(0),
                list[a..=b].iter().map(|s| s.last).max().unwrap_or(0),
            )
        };
        // Per vessel, the stay holding a sighting at (site, day).
        let stay_at: Vec<HashMap<(usize, usize), usize>> = groups
            .iter()
            .enumerate()
            .map(|(v, g)| {
                let mut m = HashMap::new();
                for (k, &(a, b)) in g.iter().enumerate() {
                    for s in &self.sightings[v][a..=b] {
                        for d in s.first..=s.last {
                            m.insert((s.site, d), k);
                        }
                    }
                }
                m
            })
            .collect();
        // The stay of vessel `v` at `site` with a sighting in days `[from, to]`: the last one
        // (an origin, before leaving) or the first (a destination, on arrival).
        let seen_in = |v: usize, site: usize, from: usize, to: usize, last: bool| {
            let mut hits = (from..=to).filter_map(|d| stay_at[v].get(&(site, d)).copied());
            if last {
                hits.next_back()
            } else {
                hits.next()
            }
        };
        let mut rows: BTreeMap<RowKey, usize> = BTreeMap::new();
        let mut load_index: HashMap<Vec<String>, usize> = out
            .loads
            .iter()
            .enumerate()
            .filter(|(_, l)| l.corridor == self.corridor)
            .map(|(i, l)| (l.rows.clone(), i))
            .collect();
        let mut drawn: Vec<Vec<Placed>> = Vec::with_capacity(paths.len());
        let mut away_days: BTreeMap<RowKey, f64> = BTreeMap::new();
        for draw in paths {
            let mut legs = Vec::new();
            for (v, path) in draw.iter().enumerate() {
                let inside = |leg: &PathLeg| {
                    (out.window.0..out.window.1).contains(&grid.start_of(leg.arrive))
                };
                for leg in states::legs(layout, path).into_iter().filter(inside) {
                    let from = seen_in(v, leg.origin, leg.origin_from, leg.depart, true);
                    let to = seen_in(v, leg.destination, leg.arrive, leg.destination_to, false);
                    let window = RowKey::Hidden(
                        v,
                        (0..groups[v].len())
                            .filter(|&k| stay_days(v, k).1 < leg.arrive)
                            .count(),
                    );
                    let key = match (from, to) {
                        (Some(i), Some(j)) => RowKey::Observed(v, i, j),
                        _ => window,
                    };
                    *rows.entry(key).or_default() += 1;
                    let mut ids: Vec<String> = self.counts[v]
                        .iter()
                        .filter(|(site, day, _)| {
                            (*site == leg.origin && (leg.origin_from..=leg.depart).contains(day))
                                || (*site == leg.destination
                                    && (leg.arrive..=leg.destination_to).contains(day))
                        })
                        .map(|c| c.2.clone())
                        .collect();
                    ids.sort();
                    let load = (!ids.is_empty()).then(|| {
                        *load_index.entry(ids.clone()).or_insert_with(|| {
                            out.loads.push(Load {
                                corridor: self.corridor,
                                vessel: self.vessels[v],
                                rows: ids,
                            });
                            out.loads.len() - 1
                        })
                    });
                    legs.push((key, window, leg, load));
                }
                // Days away between consecutive stays, for the hidden rows' notes.
                for (t, &p) in path.iter().enumerate() {
                    if layout.phase(p) == states::Phase::Away {
                        let k = (0..groups[v].len())
                            .filter(|&k| stay_days(v, k).1 < t)
                            .count();
                        *away_days.entry(RowKey::Hidden(v, k)).or_default() += 1.0;
                    }
                }
            }
            drawn.push(legs);
        }
        let n = paths.len() as f64;
        // Rare pairings join their window's hidden row.
        for legs in &mut drawn {
            for (key, window, _, _) in legs.iter_mut() {
                if matches!(key, RowKey::Observed(..)) && (rows[key] as f64) < RARE_PAIRING * n {
                    *key = *window;
                }
            }
        }
        let mut rows: BTreeMap<RowKey, usize> = BTreeMap::new();
        for (key, _, _, _) in drawn.iter().flatten() {
            *rows.entry(*key).or_default() += 1;
        }
        let row_base = out.voyages.len();
        let mut row_of: HashMap<RowKey, usize> = HashMap::new();
        for (&key, &count) in &rows {
            let voyage = match key {
                RowKey::Observed(v, i, j) => {
                    let (a, b) = (&out.stays[stay_index[v][i]], &out.stays[stay_index[v][j]]);
                    self.observed_row(project, v, a, b, count as f64 / n)
                }
                RowKey::Hidden(v, k) => {
                    let legs = drawn.iter().flatten().filter(|x| x.0 == key);
                    let mut origins: BTreeMap<usize, usize> = BTreeMap::new();
                    let mut destinations: BTreeMap<usize, usize> = BTreeMap::new();
                    for (_, _, leg, _) in legs {
                        *origins.entry(leg.origin).or_default() += 1;
                        *destinations.entry(leg.destination).or_default() += 1;
                    }
                    let most = |m: BTreeMap<usize, usize>| {
                        m.into_iter().max_by_key(|x| x.1).map_or(0, |x| x.0)
                    };
                    let before = k.checked_sub(1).map(|i| &out.stays[stay_index[v][i]]);
                    let after = stay_index[v].get(k).map(|&i| &out.stays[i]);
                    self.hidden_row(
                        project,
                        v,
                        (most(origins), most(destinations)),
                        (before, after),
                        away_days.get(&key).copied().unwrap_or(0.0) / n,
                        out.window,
                    )
                }
            };
            row_of.insert(key, row_base + row_of.len());
            out.voyages.push(Voyage {
                id: (row_base + row_of.len() - 1).to_string(),
                ..voyage
            });
        }
        for (d, legs) in drawn.into_iter().enumerate() {
            for (key, _, leg, load) in legs {
                out.draws[d].push(DrawnLeg {
                    voyage: row_of[&key],
                    origin: leg.origin,
                    destination: leg.destination - corridor.origins.len(),
                    arrive: grid.start_of(leg.arrive),
                    load,
                });
            }
        }
    }

    fn observed_row(
        &self,
        project: &Project,
        v: usize,
        a: &Stay,
        b: &Stay,
        confidence: f64,
    ) -> Voyage {
        let (ca, cb) = (area_centre(project, &a.area), area_centre(project, &b.area));
        let hours = ((b.start - a.end) as f64 / HOUR_MS).max(0.0);
        let km = distance_km(ca, cb);
        let implied_kn = km / KM_PER_NM / hours.max(1e-6);
        let note = if implied_kn > project.corridors[self.corridor].max_speed_kn {
            format!("implausible: {km:.0} km in {hours:.1} h ({implied_kn:.1} kn straight line)")
        } else {
            String::new()
        };
        Voyage {
            origin: a.area.clone(),
            destination: b.area.clone(),
            depart: a.end,
            arrive: b.start,
            kind: VoyageKind::Observed { confidence },
            evidence: a.evidence.iter().chain(&b.evidence).cloned().collect(),
            sources: format!("{}>{}", join_sources(&a.sources), join_sources(&b.sources)),
            note,
            ..self.row(project, v)
        }
    }

    /// A row of vessel `v` on this corridor, its legs and evidence still to be filled in.
    fn row(&self, project: &Project, v: usize) -> Voyage {
        let vessel = self.vessels[v];
        Voyage {
            id: String::new(),
            vessel: vessel.name(project),
            vessel_id: vessel,
            mmsis: vessel.mmsis(project),
            corridor: self.corridor,
            origin: String::new(),
            destination: String::new(),
            depart: 0,
            arrive: 0,
            kind: VoyageKind::Observed { confidence: 0.0 },
            evidence: Vec::new(),
            sources: String::new(),
            note: String::new(),
        }
    }

    fn hidden_row(
        &self,
        project: &Project,
        v: usize,
        (origin, destination): (usize, usize),
        (before, after): (Option<&Stay>, Option<&Stay>),
        away_days: f64,
        window: (i64, i64),
    ) -> Voyage {
        let from = before.map_or(i64::MIN, |s| s.end);
        let to = after.map_or(i64::MAX, |s| s.start);
        let unseen = longest_unseen_run(&self.evidence.seen_days, &self.sites, from, to);
        let days = |ms: i64| ms as f64 / DAY_MS as f64;
        let note = match (before, after) {
            (Some(a), Some(b)) => format!(
                "{:.1} d between sightings; {:.1} d away from the corridor (mean of the draws); \
                 longest run of days with no site seen: {unseen}",
                days(b.start - a.end),
                away_days
            ),
            _ => format!(
                "{} the vessel's first or last sighting; {:.1} d away from the corridor",
                if before.is_none() { "before" } else { "after" },
                away_days
            ),
        };
        let evidence: Vec<String> = before
            .iter()
            .chain(after.iter())
            .flat_map(|s| s.evidence.iter().cloned())
            .collect();
        let sources = format!(
            "{}>{}",
            before.map_or(String::new(), |s| join_sources(&s.sources)),
            after.map_or(String::new(), |s| join_sources(&s.sources))
        );
        Voyage {
            origin: self.sites[origin].clone(),
            destination: self.sites[destination].clone(),
            depart: before.map_or(window.0, |s| s.end),
            arrive: after.map_or(window.1, |s| s.start),
            kind: VoyageKind::Hidden {
                away_days,
                unseen_days: unseen,
            },
            evidence,
            sources,
            note,
            ..self.row(project, v)
        }
    }
}

fn join_sources(s: &BTreeSet<Source>) -> String {
    s.iter().map(|x| x.as_str()).collect::<Vec<_>>().join("+")
}

/// Longest run of whole days in `(from, to)` on which not every one of the areas was seen.
fn longest_unseen_run(
    seen: &HashMap<String, BTreeSet<i64>>,
    areas: &[String],
    from: i64,
    to: i64,
) -> i64 {
    let first = seen.values().flatten().min().copied().unwrap_or(0);
    let last = seen.values().flatten().max().copied().unwrap_or(0);
    let (d0, d1) = (
        day_index(from.max(first * DAY_MS)) + 1,
        day_index(to.min((last + 1) * DAY_MS)),
    );
    let mut best = 0;
    let mut run = 0;
    for d in d0..d1 {
        if areas
            .iter()
            .all(|a| seen.get(a).is_some_and(|s| s.contains(&d)))
        {
            run = 0;
        } else {
            run += 1;
            best = best.max(run);
        }
    }
    best
}
