//! The streaming engine: per-vessel state for everything one vessel does, plus the cross-vessel
//! parts (encounters, the reception model behind gap reasons and out-of-range positions, MMSI
//! changes by IMO, GNSS interference areas, and the merging of one vessel's spoofing episodes).
//!
//! Feed records with [`Engine::push`] in time order per MMSI (any order across MMSIs), call
//! [`Engine::flush`] with a watermark whenever no earlier record can follow (the end of each
//! day of a store), and [`Engine::finish`] at the end. Memory holds one small state per vessel
//! seen in the last `evict_idle_days`, the resampled positions of the last hour, the hourly
//! reception grid and station activity of the last `coverage_days`, and the stations'
//! footprints: it grows with vessels active at once and with places, not with days of data.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rstar::primitives::GeomWithData;
use rstar::RTree;

use crate::anchorage::Anchorages;

mod anomalies;
mod links;
mod shard;
use crate::config::Config;
use crate::interference::{Interference, Onset};
use crate::reception::{Reception, StationId};
use crate::spoof::DeadShips;
use crate::track::{round, Ctx, PendingGap, Slot, MS_PER_HOUR};
use crate::vessel::Vessel;
pub(crate) use anomalies::out_of_range as out_of_range_episodes;
pub use anomalies::{AnomalyOnset, AnomalyReplay, FlushAnomalies};
pub use links::{ImoSighting, LastSighting, LinkInputs, MmsiLinks, NewTrack};
use lookout_core::areas::Areas;
use lookout_core::event::{Event, EventType, InterferenceArea};
use lookout_core::geo::{distance_km, median, to_xyz_km, LatLon, KM_PER_NM};
use lookout_core::land::Land;
use lookout_core::record::Record;
#[cfg(test)]
pub(crate) use shard::test_run;
pub use shard::ResampledPosition;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct PairRun {
    first_slot: i64,
    last_slot: i64,
    start: (f64, f64),
    end: (f64, f64),
    speeds: Vec<f64>,
    dists: Vec<f64>,
    sum_lat: f64,
    sum_lon: f64,
}

/// An encounter pair: two (MMSI, track) in order.
type PairKey = ((u32, u8), (u32, u8));

/// Spoofing kinds of one episode, most telling first: the merged event takes the first.
pub(crate) const KINDS: [&str; 8] = [
    "circle",
    "pattern",
    "out_of_range",
    "receiver_disagreement",
    "frozen",
    "inland",
    "excursion",
    "jump",
];

/// The detectors' view of the engine (a macro, so the borrow stays per field).
macro_rules! ctx {
    ($s:ident) => {
        Ctx {
            cfg: &$s.cfg,
            areas: &$s.areas,
            land: $s.land.as_deref(),
            out: &mut $s.out,
            slots: &mut $s.slots,
            gaps: &mut $s.gaps,
            anchorages: &mut $s.anchorages,
            spoofs: &mut $s.new_spoofs,
            onsets: &mut $s.onsets,
            reception: &$s.reception,
            dead: &$s.dead,
            shore_km: $s.shore_km,
            loiter_shore_km: $s.loiter_shore_km,
            dropped: &mut $s.stats.dropped,
        }
    };
}

/// Counters of one run.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    /// Position records read.
    pub positions: u64,
    /// Static records read.
    pub statics: u64,
    /// Records set aside, by reason.
    pub rejects: BTreeMap<&'static str, u64>,
    /// Distinct MMSIs seen.
    pub vessels: u64,
    /// Largest number of vessels held at once.
    pub peak_vessels: u64,
    /// Events emitted, by type.
    pub events: BTreeMap<&'static str, u64>,
    /// Candidate events dropped by a location rule, by reason (`encounter_in_anchorage`,
    /// `encounter_near_shore`, `loitering_near_port`, `loitering_near_shore`,
    /// `handover_near_shore`).
    pub dropped: BTreeMap<&'static str, u64>,
    /// Gaps by reason.
    pub gap_reasons: BTreeMap<&'static str, u64>,
    /// Spoofing events by kind.
    pub spoofing_kinds: BTreeMap<String, u64>,
    /// GNSS interference areas found.
    pub interference_areas: u64,
    /// MMSIs that are not a ship's (`[identity]`), each counted once, by reason; their records
    /// make no vessel events and count in `rejects` as `invalid_mmsi`.
    pub skipped_identities: BTreeMap<&'static str, u64>,
}

impl Stats {
    /// Counts a record read.
    fn count(&mut self, record: &Record) {
        match record {
            Record::Position(_) => self.positions += 1,
            Record::Static(_) => self.statics += 1,
        }
    }
}

/// Feeds one record, heard by station `st`, to its vessel's detectors; the vessel's rejects
/// go to `rejects`.
fn feed(
    vessel: &mut Vessel,
    record: &Record,
    st: StationId,
    ctx: &mut Ctx,
    rejects: &mut BTreeMap<&'static str, u64>,
) {
    match record {
        Record::Position(p) => vessel.push_position(p, st, ctx),
        Record::Static(s) => vessel.push_static(s, st, ctx),
    }
    for (r, n) in vessel.rejects.drain(..) {
        *rejects.entry(r.as_str()).or_insert(0) += n;
    }
}

/// Fewest records a thread of [`Engine::push_batch`] gets: below this, starting it costs more
/// than it saves.
const MIN_PART_RECORDS: usize = 4096;

/// Cuts `records` into at most `threads` contiguous parts of about equal size, each MMSI's
/// run whole in one part. One part (run it on the calling thread) when the batch is small or
/// an MMSI comes back after another one (its records would not stay in one part).
fn split_by_mmsi(records: &[Record], threads: usize) -> Vec<&[Record]> {
    let n = threads.min(records.len() / MIN_PART_RECORDS).max(1);
    if n < 2 {
        return vec![records];
    }
    let mut seen = HashSet::new();
    let mut runs = records.chunk_by(|a, b| a.mmsi() == b.mmsi());
    if !runs.all(|run| seen.insert(run[0].mmsi())) {
        return vec![records];
    }
    let mut parts = Vec::with_capacity(n);
    let mut start = 0;
    for k in 1..n {
        let mut cut = (records.len() * k / n).max(start);
        while cut > 0 && cut < records.len() && records[cut].mmsi() == records[cut - 1].mmsi() {
            cut += 1;
        }
        parts.push(&records[start..cut]);
        start = cut;
    }
    parts.push(&records[start..]);
    parts.retain(|p| !p.is_empty());
    parts
}

/// One thread's share of [`Engine::push_batch`]: its vessels and what their detectors put out.
struct Shard {
    vessels: HashMap<u32, Vessel>,
    out: Vec<Event>,
    slots: Vec<Slot>,
    gaps: Vec<PendingGap>,
    anchorages: Anchorages,
    spoofs: Vec<Event>,
    onsets: Vec<Onset>,
    dropped: BTreeMap<&'static str, u64>,
    stats: Stats,
}

impl Shard {
    fn new(vessels: HashMap<u32, Vessel>) -> Shard {
        Shard {
            vessels,
            out: Vec::new(),
            slots: Vec::new(),
            gaps: Vec::new(),
            anchorages: Anchorages::default(),
            spoofs: Vec::new(),
            onsets: Vec::new(),
            dropped: BTreeMap::new(),
            stats: Stats::default(),
        }
    }
}

/// The event engine. Its state (everything but the configuration, areas, land and counters)
/// serializes with serde, so a long-running stream can be checkpointed and resumed with
/// [`Engine::resume`].
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Engine {
    #[serde(skip)]
    cfg: Config,
    #[serde(skip)]
    areas: Areas,
    #[serde(skip)]
    land: Option<Arc<Land>>,
    vessels: HashMap<u32, Vessel>,
    out: Vec<Event>,
    slots: Vec<Slot>,
    gaps: Vec<PendingGap>,
    anchorages: Anchorages,
    /// Clearance from the coast an encounter needs, km: `min_shore_km`, or
    /// `no_ports_min_shore_km` when no area is of a port kind (the coast stands in for ports).
    #[serde(skip)]
    shore_km: f64,
    /// Average distance from the coast loitering needs, km: `loitering.min_shore_distance_nm`
    /// when no area is of a port kind or `shore_rule_with_areas` is set, else 0 (off).
    #[serde(skip)]
    loiter_shore_km: f64,
    reception: Reception,
    interference: Interference,
    /// Zombie IMOs: from the configuration, rebuilt by [`Engine::resume`].
    #[serde(skip)]
    dead: DeadShips,
    /// Spoofing events since the last flush, and those waiting to be merged and marked.
    new_spoofs: Vec<Event>,
    spoofs: Vec<Event>,
    onsets: Vec<Onset>,
    areas_out: Vec<InterferenceArea>,
    /// First hour the reception grid still holds (older hours are forgotten at each flush).
    coverage_from: i64,
    /// A shard of a distributed run: gaps leave without their coverage hint (see
    /// [`Engine::defer_coverage_hints`]).
    defer_hints: bool,
    pairs: HashMap<PairKey, PairRun>,
    held: HashMap<PairKey, Event>,
    imo_index: HashMap<u32, (u32, i64, i64, Option<String>)>,
    /// MMSI changes already reported, (old, new).
    linked: HashSet<(u32, u32)>,
    /// Old MMSI of a reported change, with the first time of the new one.
    renamed: HashMap<u32, i64>,
    /// A shard of a distributed run: what the MMSI links need, handed over instead of judged
    /// (see [`Engine::defer_links`]).
    #[serde(skip)]
    deferred_links: Option<links::DeferredLinks>,
    data_start: i64,
    data_end: i64,
    #[serde(skip)]
    stats: Stats,
    /// Threads of [`Engine::push_batch`] (a run setting, not state: one after a resume).
    #[serde(skip)]
    threads: usize,
    /// ITU's allocated MIDs (rebuilt by [`Engine::resume`]).
    #[serde(skip)]
    mids: Option<Box<[bool; 1000]>>,
    /// MMSIs skipped as not a ship's (counted once each).
    #[serde(default)]
    skipped: HashSet<u32>,
    /// The last MMSI checked and whether it is skipped.
    #[serde(skip)]
    last_checked: Option<(u32, bool)>,
    /// Flushes so far (a run setting: a shard tags what it defers with the flush's index).
    #[serde(skip)]
    flushes: usize,
    /// A shard's anomaly onsets (reports without positions), each with its flush's index
    /// ([`Engine::take_onsets`]).
    #[serde(skip)]
    deferred_onsets: Vec<(usize, Onset)>,
}

impl Engine {
    /// A new engine. Without `land`, the inland spoofing test is off.
    pub fn new(cfg: Config, areas: Areas, land: Option<Arc<Land>>) -> Self {
        Self {
            cfg: Config::default(),
            areas: Areas::default(),
            land: None,
            vessels: HashMap::new(),
            out: Vec::new(),
            slots: Vec::new(),
            gaps: Vec::new(),
            anchorages: Anchorages::default(),
            shore_km: 0.0,
            loiter_shore_km: 0.0,
            reception: Reception::new(&cfg),
            interference: Interference::default(),
            dead: DeadShips::default(),
            new_spoofs: Vec::new(),
            spoofs: Vec::new(),
            onsets: Vec::new(),
            areas_out: Vec::new(),
            coverage_from: i64::MIN,
            defer_hints: false,
            pairs: HashMap::new(),
            held: HashMap::new(),
            imo_index: HashMap::new(),
            linked: HashSet::new(),
            renamed: HashMap::new(),
            deferred_links: None,
            data_start: i64::MAX,
            data_end: i64::MIN,
            stats: Stats::default(),
            threads: 1,
            mids: None,
            skipped: HashSet::new(),
            last_checked: None,
            flushes: 0,
            deferred_onsets: Vec::new(),
        }
        .resume(cfg, areas, land)
    }

    /// Gives a deserialized engine state its inputs again (the same configuration and areas it
    /// ran with, or its results differ from an uninterrupted run). Counters start from zero.
    pub fn resume(mut self, cfg: Config, areas: Areas, land: Option<Arc<Land>>) -> Self {
        let has_ports = areas.all().iter().any(|a| cfg.is_port_kind(&a.kind));
        let e = &cfg.encounter;
        self.shore_km = if has_ports {
            e.min_shore_km
        } else {
            e.min_shore_km.max(e.no_ports_min_shore_km)
        };
        let l = &cfg.loitering;
        self.loiter_shore_km = if has_ports && !l.shore_rule_with_areas {
            0.0
        } else {
            l.min_shore_distance_nm.max(0.0) * KM_PER_NM
        };
        self.reception.resume(&cfg);
        self.dead = DeadShips::new(&cfg.spoofing.dead_imos);
        self.threads = self.threads.max(1);
        self.mids = Some(crate::identity::allocated_mids());
        self.last_checked = None;
        self.cfg = cfg;
        self.areas = areas;
        self.land = land;
        self
    }

    /// Events completed since the last [`flush`](Self::flush), which returns them.
    pub fn pending(&self) -> usize {
        self.out.len()
    }

    /// The gap still open on a vessel's main track at `now`: silent for at least
    /// `gap.min_hours` since its last position of any kind. The event is the one [`finish`]
    /// reports for a track that ends silent (`details.open = true`, ending at `now`, starting at
    /// the last position of the track, the start of the gap reported once the vessel is back),
    /// with its reason from the reception model as it stood at the last [`flush`]: an open gap
    /// has no end, so `went_dark` needs other vessels heard around where it fell silent, and
    /// `unknown` is the answer while that is not known yet.
    ///
    /// [`finish`]: Self::finish
    /// [`flush`]: Self::flush
    pub fn open_gap(&self, mmsi: u32, now: i64) -> Option<Event> {
        let v = self.vessels.get(&mmsi)?;
        let silent_h = (now - v.last_position_time()) as f64 / MS_PER_HOUR;
        if silent_h < self.cfg.gap.min_hours {
            return None;
        }
        let g = v
            .main_track()
            .open_gap(now, v.heard_stations(), &self.cfg, &self.areas)?;
        let g = self.reason(g);
        let mut e = g.event;
        let heard = self.reception.heard_by_continuous(&g.heard) > 0;
        let start = LatLon::new(g.start.lat, g.start.lon);
        anomalies::label_gap(&self.interference, &mut e, start, heard, &self.cfg);
        Some(e)
    }

    /// The port visit a vessel's main track is in, once what is known so far makes it one
    /// (confidence at least `port_visit.min_confidence` without the exit): the event the visit
    /// will be reported as, with `details.open = true` and ending at the last position inside.
    pub fn open_visit(&self, mmsi: u32) -> Option<Event> {
        self.vessels
            .get(&mmsi)?
            .main_track()
            .open_visit(&self.cfg, &self.areas)
    }

    /// Counters so far.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// GNSS interference areas closed since the last call (all of them after `finish`).
    pub fn take_interference(&mut self) -> Vec<InterferenceArea> {
        std::mem::take(&mut self.areas_out)
    }

    /// Makes this engine a shard of a distributed run, which sees some of the vessels: gaps
    /// leave without their coverage hint, which needs every vessel's positions: the
    /// detail `coverage_from_hour` (the first hour the grid held when the gap was released)
    /// stands in for it, and [`coverage_hint`] adds the hint later from the whole data's
    /// [`coverage_key`] counts. A shard cannot tell why a gap happened either (the reasons
    /// need the other vessels heard meanwhile): its gaps' `reason` is `unknown` with
    /// `reason_evidence.shard = true`, and they carry `reason_inputs` (their two ends and the
    /// stations that heard them, by name), from which [`crate::ReceptionReplay`] gives the
    /// single engine's reason and hint once the shards' [`crate::ReceptionTallies`] are
    /// merged. A shard builds no station footprints (no `out_of_range`) nor interference
    /// areas: its spoofing episodes leave unmerged, each with the index of the flush that
    /// received them (`episode_flush`) and its place among that flush's (`episode_seq`: the
    /// engine's order, which a vessel's episodes keep), its anomaly onsets through [`Engine::take_onsets`],
    /// and the reception model's suspects through [`crate::ReceptionTallies`], for
    /// [`crate::AnomalyReplay`] (`docs/scale.md`).
    pub fn defer_coverage_hints(&mut self) {
        self.defer_hints = true;
        self.cfg.interference.detect = false;
    }

    /// Widens the data's time span as if records at `start` and `end` had been seen: an engine
    /// that sees some of the vessels ends their open gaps where the whole data ends.
    pub fn extend_span(&mut self, start: i64, end: i64) {
        self.data_start = self.data_start.min(start);
        self.data_end = self.data_end.max(end);
    }

    /// True when the record's MMSI is not a ship's (`[identity]`): counted, and kept out of
    /// the vessels.
    fn skip(&mut self, record: &Record) -> bool {
        let mmsi = record.mmsi();
        let skip = match self.last_checked {
            Some((m, skip)) if m == mmsi => skip,
            _ => {
                let mids = self.mids.as_deref().expect("set by resume");
                let reason = crate::identity::invalid_reason(mmsi, &self.cfg.identity, mids);
                if let Some(r) = reason {
                    if self.skipped.insert(mmsi) {
                        *self.stats.skipped_identities.entry(r).or_insert(0) += 1;
                    }
                }
                self.last_checked = Some((mmsi, reason.is_some()));
                reason.is_some()
            }
        };
        if skip {
            *self.stats.rejects.entry("invalid_mmsi").or_insert(0) += 1;
            self.stats.count(record);
        }
        skip
    }

    /// Feeds one record.
    pub fn push(&mut self, record: &Record) {
        let st = self.observe(record);
        if self.skip(record) {
            return;
        }
        self.feed_vessel(record, st);
    }

    /// Feeds a record heard by `st` to its vessel (created if new) on this thread.
    fn feed_vessel(&mut self, record: &Record, st: StationId) {
        let mmsi = record.mmsi();
        let vessel = self.vessels.entry(mmsi).or_insert_with(|| {
            self.stats.vessels += 1;
            Vessel::new(mmsi)
        });
        let mut ctx = ctx!(self);
        feed(vessel, record, st, &mut ctx, &mut self.stats.rejects);
        self.stats.count(record);
        self.data_end = self.data_end.max(record.time());
        self.data_start = self.data_start.min(record.time());
    }

    /// Adds a record to the reception model; returns the id of the station that heard it.
    fn observe(&mut self, record: &Record) -> StationId {
        let mmsi = record.mmsi();
        match record {
            Record::Position(p) => {
                let st = self.reception.station(p.station.as_ref());
                if crate::reception::valid_position(p.lat, p.lon) {
                    self.reception.observe(mmsi, st, p.time, p.lat, p.lon);
                } else {
                    self.reception.observe_station(mmsi, st, p.time);
                }
                st
            }
            Record::Static(s) => {
                let st = self.reception.station(s.station.as_ref());
                self.reception.observe_station(mmsi, st, s.time);
                st
            }
        }
    }

    /// Per-vessel work of [`Engine::push_batch`] runs on up to this many threads (default 1).
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = threads.max(1);
    }

    /// The threads set by [`Engine::set_threads`].
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Feeds records whose MMSIs each come in one run (as a store day's (mmsi, time) merge
    /// gives them), with the same result as [`Engine::push`] of each in turn. The batch is cut
    /// at MMSI boundaries into one contiguous part per thread; each part's vessels run their
    /// detectors on their own thread into the part's own outputs, which are then appended in
    /// the parts' order, so the outputs hold what one thread would have put there, in the same
    /// order.
    pub fn push_batch(&mut self, records: &[Record]) {
        let parts = split_by_mmsi(records, self.threads);
        if parts.len() < 2 {
            records.iter().for_each(|r| self.push(r));
            return;
        }
        // The reception model sees every record in order, on this thread; the vessels only
        // read station names from it.
        let mut stations: Vec<StationId> = records.iter().map(|r| self.observe(r)).collect();
        // Identities that are not a ship's (rare) are counted and left out of the parts.
        let mut skipped = Vec::new();
        for (k, r) in records.iter().enumerate() {
            if self.skip(r) {
                skipped.push(k);
            }
        }
        if !skipped.is_empty() {
            let mut kept = Vec::with_capacity(records.len() - skipped.len());
            let mut kept_st = Vec::with_capacity(kept.capacity());
            let mut next = skipped.iter().peekable();
            for (k, (r, st)) in records.iter().zip(&stations).enumerate() {
                if next.peek() == Some(&&k) {
                    next.next();
                } else {
                    kept.push(r.clone());
                    kept_st.push(*st);
                }
            }
            stations = kept_st;
            let parts = split_by_mmsi(&kept, self.threads);
            return self.run_parts(&kept, &parts, &stations);
        }
        self.run_parts(records, &parts, &stations);
    }

    /// The per-vessel work of [`Engine::push_batch`] on threads, `parts` of `records` (heard by
    /// `stations`) one per thread.
    fn run_parts(&mut self, records: &[Record], parts: &[&[Record]], stations: &[StationId]) {
        if parts.len() < 2 {
            for (r, &st) in records.iter().zip(stations) {
                self.feed_vessel(r, st);
            }
            return;
        }
        let mut shards: Vec<Shard> = parts
            .iter()
            .map(|part| {
                let mut vessels = HashMap::new();
                for r in *part {
                    let mmsi = r.mmsi();
                    vessels.entry(mmsi).or_insert_with(|| {
                        self.vessels.remove(&mmsi).unwrap_or_else(|| {
                            self.stats.vessels += 1;
                            Vessel::new(mmsi)
                        })
                    });
                }
                Shard::new(vessels)
            })
            .collect();
        let (cfg, areas, land) = (&self.cfg, &self.areas, self.land.as_deref());
        let (reception, dead) = (&self.reception, &self.dead);
        let (shore_km, loiter_shore_km) = (self.shore_km, self.loiter_shore_km);
        std::thread::scope(|scope| {
            let mut start = 0;
            for (shard, part) in shards.iter_mut().zip(parts) {
                let stations = &stations[start..start + part.len()];
                start += part.len();
                scope.spawn(move || {
                    let mut ctx = Ctx {
                        cfg,
                        areas,
                        land,
                        out: &mut shard.out,
                        slots: &mut shard.slots,
                        gaps: &mut shard.gaps,
                        anchorages: &mut shard.anchorages,
                        spoofs: &mut shard.spoofs,
                        onsets: &mut shard.onsets,
                        reception,
                        dead,
                        shore_km,
                        loiter_shore_km,
                        dropped: &mut shard.dropped,
                    };
                    for (r, &st) in part.iter().zip(stations) {
                        let vessel = shard.vessels.get_mut(&r.mmsi()).expect("taken");
                        feed(vessel, r, st, &mut ctx, &mut shard.stats.rejects);
                        shard.stats.count(r);
                    }
                });
            }
        });
        let cap = self.cfg.anchorage.min_vessels + 2;
        for shard in shards {
            self.vessels.extend(shard.vessels);
            self.out.extend(shard.out);
            self.slots.extend(shard.slots);
            self.gaps.extend(shard.gaps);
            self.anchorages.append(shard.anchorages, cap);
            self.new_spoofs.extend(shard.spoofs);
            self.onsets.extend(shard.onsets);
            for (k, n) in shard.dropped {
                *self.stats.dropped.entry(k).or_insert(0) += n;
            }
            for (k, n) in shard.stats.rejects {
                *self.stats.rejects.entry(k).or_insert(0) += n;
            }
            self.stats.positions += shard.stats.positions;
            self.stats.statics += shard.stats.statics;
        }
        if let (Some(first), Some(last)) = (records.first(), records.last()) {
            let (lo, hi) = records
                .iter()
                .fold((first.time(), last.time()), |(lo, hi), r| {
                    (lo.min(r.time()), hi.max(r.time()))
                });
            self.extend_span(lo, hi);
        }
    }

    /// Settles everything that ends before `watermark` (no record older than it may follow) and
    /// returns the events completed so far.
    pub fn flush(&mut self, watermark: i64) -> Vec<Event> {
        self.stats.peak_vessels = self.stats.peak_vessels.max(self.vessels.len() as u64);
        let flush_index = self.flushes;
        self.flushes += 1;
        let step = (self.cfg.encounter.resample_minutes * 60_000.0) as i64;
        let lag = (self.cfg.encounter.max_gap_hours * MS_PER_HOUR) as i64;
        self.encounters(if step > 0 {
            (watermark - lag).div_euclid(step)
        } else {
            i64::MAX
        });
        self.mmsi_changes();
        self.handovers();
        self.reception.refresh(&self.cfg);
        if !self.defer_hints {
            let found = anomalies::out_of_range(&mut self.reception, &self.cfg);
            self.new_spoofs.extend(found);
        }
        // Gaps ended before the watermark get their reason; anomalies make interference areas.
        let (ready, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.gaps)
            .into_iter()
            .partition(|g| g.event.end_time < watermark);
        self.gaps = waiting;
        // A gap still open on an MMSI the vessel left for a new one is that change, reported.
        let (changed, ready): (Vec<_>, Vec<_>) = ready.into_iter().partition(|g| {
            g.end.is_none()
                && self
                    .renamed
                    .get(&g.event.mmsi)
                    .is_some_and(|t| *t >= g.event.start_time)
        });
        if !changed.is_empty() {
            *self.stats.dropped.entry("gap_mmsi_changed").or_insert(0) += changed.len() as u64;
        }
        let ready: Vec<PendingGap> = ready.into_iter().map(|g| self.reason(g)).collect();
        if self.defer_hints {
            // A shard: its spoofing episodes leave unmerged and its onsets with their station,
            // tagged with this flush, for `AnomalyReplay` to cluster, merge and mark with every
            // vessel's; its gaps carry their start and stations in `reason_inputs`.
            for (seq, mut e) in std::mem::take(&mut self.new_spoofs).into_iter().enumerate() {
                e.details.insert("episode_flush".into(), flush_index.into());
                e.details.insert("episode_seq".into(), seq.into());
                self.out.push(e);
            }
            for o in std::mem::take(&mut self.onsets) {
                self.deferred_onsets.push((flush_index, o));
            }
            for g in ready {
                *self
                    .stats
                    .gap_reasons
                    .entry(reason_name(&g.event))
                    .or_insert(0) += 1;
                self.out.push(g.event);
            }
        } else {
            let new = std::mem::take(&mut self.new_spoofs);
            anomalies::add_spoofs(&mut self.interference, &mut self.spoofs, new);
            // Reports without positions count only from continuous receivers: a satellite pass
            // that caught a static report and none of the positions is chance.
            for o in std::mem::take(&mut self.onsets) {
                if self.reception.continuous(o.station) {
                    self.interference.add(o);
                }
            }
            self.interference.update(watermark, &self.cfg.interference);
            for g in ready {
                let heard = self.reception.heard_by_continuous(&g.heard) > 0;
                let start = LatLon::new(g.start.lat, g.start.lon);
                let e =
                    anomalies::mark_gap(&mut self.interference, g.event, start, heard, &self.cfg);
                *self.stats.gap_reasons.entry(reason_name(&e)).or_insert(0) += 1;
                self.out.push(e);
            }
            let released = anomalies::finish_spoofs(
                &self.interference,
                &mut self.spoofs,
                watermark,
                &self.cfg,
            );
            for e in released {
                let kind = e
                    .details
                    .get("kind")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                *self.stats.spoofing_kinds.entry(kind).or_insert(0) += 1;
                self.out.push(e);
            }
        }
        let areas_closed = self.interference.take();
        self.stats.interference_areas += areas_closed.len() as u64;
        self.areas_out.extend(areas_closed);
        // Forget old reception, anomalies and idle vessels.
        let keep =
            watermark.saturating_sub((self.cfg.gap.coverage_days * 24.0 * MS_PER_HOUR) as i64);
        self.reception.forget_before(keep);
        self.coverage_from = self.coverage_from.max(keep.div_euclid(3_600_000));
        self.interference.forget_before(keep);
        let idle = (self.cfg.evict_idle_days * 24.0 * MS_PER_HOUR) as i64;
        let stale: Vec<u32> = self
            .vessels
            .iter()
            .filter(|(_, v)| watermark - v.last_time() > idle)
            .map(|(m, _)| *m)
            .collect();
        for m in stale {
            if let Some(mut v) = self.vessels.remove(&m) {
                let mut ctx = ctx!(self);
                v.finish(watermark, &mut ctx);
            }
        }
        let mut out = std::mem::take(&mut self.out);
        out.sort_by(|a, b| {
            (a.start_time, a.event_type, a.mmsi, a.other_mmsi).cmp(&(
                b.start_time,
                b.event_type,
                b.mmsi,
                b.other_mmsi,
            ))
        });
        for e in &out {
            *self.stats.events.entry(e.event_type.as_str()).or_insert(0) += 1;
        }
        if let Some(d) = &mut self.deferred_links {
            d.flush += 1;
        }
        out
    }

    /// Ends the data: closes every open state and returns the remaining events.
    pub fn finish(&mut self) -> Vec<Event> {
        let end = self.data_end;
        self.mmsi_changes();
        self.handovers();
        let mut vessels: Vec<_> = self.vessels.drain().collect();
        vessels.sort_by_key(|(m, _)| *m);
        for (_, mut v) in vessels {
            let mut ctx = ctx!(self);
            v.finish(end, &mut ctx);
        }
        self.encounters(i64::MAX);
        let runs: Vec<_> = self.pairs.drain().collect();
        for (pair, run) in runs {
            self.close_run(pair, run);
        }
        let mut held: Vec<_> = self.held.drain().collect();
        held.sort_by_key(|(k, _)| *k);
        for (_, e) in held {
            self.judge_encounter(e);
        }
        self.flush(i64::MAX)
    }

    /// The gap's reason and coverage hint from the reception model (a shard's: `unknown`, and
    /// `coverage_from_hour` for the hint added later).
    fn reason(&self, mut g: PendingGap) -> PendingGap {
        let e = g.event;
        g.event = if self.defer_hints {
            e.with("coverage_from_hour", self.coverage_from)
        } else {
            coverage_hint(&self.cfg, e, |key| self.reception.positions_in(key))
        };
        let e = &mut g.event;
        let (reason, evidence) = if self.defer_hints {
            // The reason is given later from the whole data's reception model
            // (`ReceptionReplay`): what it needs of the gap travels with it.
            let inputs = crate::reception::reason_inputs(
                &self.reception,
                &g.start,
                g.end.as_ref(),
                &g.heard,
            );
            e.details.insert("reason_inputs".into(), inputs);
            let mut evidence = serde_json::Map::new();
            evidence.insert("shard".into(), true.into());
            ("unknown", evidence)
        } else {
            self.reception.gap_reason(
                e.mmsi,
                &g.start,
                g.end.as_ref(),
                e.end_time,
                self.reception.heard_by_continuous(&g.heard),
                &self.cfg,
            )
        };
        set_reason(e, reason, evidence);
        g
    }

    /// Encounter search over resampled slots before `until` (exclusive).
    fn encounters(&mut self, until: i64) {
        // In place (order kept on both sides, as `partition` did): the slots held are not
        // copied once more at every flush (a transient second copy of every vessel's slots
        // while the watch reads a backlog), and the buffer is given back when it has emptied.
        let mut ready: Vec<Slot> = self.slots.extract_if(.., |s| s.slot < until).collect();
        if self.slots.capacity() > 4 * self.slots.len().max(1024) {
            self.slots.shrink_to(2 * self.slots.len());
        }
        if ready.is_empty() {
            return;
        }
        let port_km = self.cfg.encounter.min_port_distance_km;
        ready.retain(|s| {
            self.areas
                .nearest_within(s.lat, s.lon, port_km, |a| self.cfg.is_port_kind(&a.kind))
                .is_none_or(|(_, d)| d >= port_km)
        });
        ready.sort_by_key(|s| (s.slot, s.mmsi));
        let max_km = self.cfg.encounter.max_distance_km;
        let mut i = 0;
        while i < ready.len() {
            let slot = ready[i].slot;
            let mut j = i;
            while j < ready.len() && ready[j].slot == slot {
                j += 1;
            }
            let group = &ready[i..j];
            if group.len() > 1 {
                let tree = RTree::bulk_load(
                    group
                        .iter()
                        .enumerate()
                        .map(|(k, s)| GeomWithData::new(to_xyz_km(LatLon::new(s.lat, s.lon)), k))
                        .collect(),
                );
                for (k, a) in group.iter().enumerate() {
                    let pa = to_xyz_km(LatLon::new(a.lat, a.lon));
                    for hit in tree.locate_within_distance(pa, max_km * max_km) {
                        let b = &group[hit.data];
                        if hit.data <= k || b.mmsi == a.mmsi {
                            continue;
                        }
                        let d = distance_km(LatLon::new(a.lat, a.lon), LatLon::new(b.lat, b.lon));
                        let (ka, kb) = ((a.mmsi, a.track), (b.mmsi, b.track));
                        let key = (ka.min(kb), ka.max(kb));
                        let mid = ((a.lat + b.lat) / 2.0, (a.lon + b.lon) / 2.0);
                        let run = self.pairs.entry(key).or_insert_with(|| PairRun {
                            first_slot: slot,
                            last_slot: slot - 1,
                            start: mid,
                            end: mid,
                            speeds: Vec::new(),
                            dists: Vec::new(),
                            sum_lat: 0.0,
                            sum_lon: 0.0,
                        });
                        if run.last_slot == slot {
                            continue;
                        }
                        run.last_slot = slot;
                        run.end = mid;
                        run.speeds.push(f64::from(a.knots));
                        run.speeds.push(f64::from(b.knots));
                        run.dists.push(d);
                        run.sum_lat += mid.0;
                        run.sum_lon += mid.1;
                    }
                }
            }
            let ended: Vec<PairKey> = self
                .pairs
                .iter()
                .filter(|(_, r)| r.last_slot < slot)
                .map(|(k, _)| *k)
                .collect();
            for k in ended {
                let run = self.pairs.remove(&k).expect("listed");
                self.close_run(k, run);
            }
            self.release_held(slot);
            i = j;
        }
    }

    /// Emits held encounters that can no longer merge with a later one and whose place has
    /// been watched long enough for other vessels' stationary periods to show.
    fn release_held(&mut self, slot: i64) {
        let step = (self.cfg.encounter.resample_minutes * 60_000.0) as i64;
        let mut wait_h = self.cfg.encounter.merge_hours;
        if self.cfg.anchorage.infer {
            wait_h = wait_h.max(self.cfg.anchorage.stationary_min_hours);
        }
        let wait = (wait_h * MS_PER_HOUR) as i64;
        let mut done: Vec<PairKey> = self
            .held
            .iter()
            .filter(|(_, e)| e.end_time + wait < slot * step)
            .map(|(k, _)| *k)
            .collect();
        done.sort_unstable();
        for k in done {
            let e = self.held.remove(&k).expect("listed");
            self.judge_encounter(e);
        }
    }

    /// Keeps an encounter only away from ports, as GFW's merge step: at least
    /// `min_shore_km` from the coast (not on land), at least `no_ports_min_shore_km` when no
    /// port area is given, and not within `min_port_distance_km` of an inferred anchorage.
    fn judge_encounter(&mut self, mut e: Event) {
        let cfg = &self.cfg.encounter;
        let coord = |k: &str| e.details.get(k).and_then(serde_json::Value::as_f64);
        let (Some(lat), Some(lon)) = (coord("mean_lat"), coord("mean_lon")) else {
            self.out.push(e);
            return;
        };
        let shore_km = self.shore_km;
        if let Some(land) = &self.land {
            let test = land.test(LatLon::new(lat, lon), shore_km);
            if test.on_land || test.coast_km < shore_km {
                *self
                    .stats
                    .dropped
                    .entry("encounter_near_shore")
                    .or_insert(0) += 1;
                return;
            }
        }
        let a = &self.cfg.anchorage;
        if a.infer {
            let pair = [e.mmsi, e.other_mmsi.unwrap_or(e.mmsi)];
            let n = self.anchorages.vessels_near(
                lat,
                lon,
                cfg.min_port_distance_km,
                pair,
                a.min_vessels,
            );
            if n >= a.min_vessels {
                *self
                    .stats
                    .dropped
                    .entry("encounter_in_anchorage")
                    .or_insert(0) += 1;
                return;
            }
            e.details
                .insert("stationary_vessels_nearby".into(), n.into());
        }
        self.out.push(e);
    }

    fn close_run(&mut self, key: PairKey, mut run: PairRun) {
        let ((a, _), (b, _)) = key;
        let cfg = &self.cfg.encounter;
        let step = (cfg.resample_minutes * 60_000.0) as i64;
        let (t0, t1) = (run.first_slot * step, run.last_slot * step);
        let hours = (t1 - t0) as f64 / MS_PER_HOUR;
        let speed = median(&mut run.speeds).unwrap_or(f64::INFINITY);
        if hours < cfg.min_hours || speed >= cfg.max_median_knots {
            return;
        }
        let dist = median(&mut run.dists).unwrap_or(0.0);
        let n = run.dists.len() as f64;
        let (mlat, mlon) = (run.sum_lat / n, run.sum_lon / n);
        let merge = (cfg.merge_hours * MS_PER_HOUR) as i64;
        if let Some(prev) = self.held.get_mut(&key) {
            if t0 - prev.end_time <= merge {
                prev.end_time = t1;
                prev.end_lat = Some(run.end.0);
                prev.end_lon = Some(run.end.1);
                prev.evidence_end = t1;
                prev.n_positions += run.speeds.len() as u64;
                let h = (t1 - prev.start_time) as f64 / MS_PER_HOUR;
                prev.details.insert("duration_h".into(), round(h, 3).into());
                prev.details.insert("merged".into(), true.into());
                return;
            }
            let e = self.held.remove(&key).expect("present");
            self.judge_encounter(e);
        }
        let mut e = Event::new(EventType::Encounter, a, t0, t1, run.start, run.end)
            .with("duration_h", round(hours, 3))
            .with("median_distance_km", round(dist, 4))
            .with("median_speed_knots", round(speed, 3))
            .with("mean_lat", round(mlat, 5))
            .with("mean_lon", round(mlon, 5))
            .evidence(run.speeds.len() as u64, t0, t1);
        e.other_mmsi = Some(b);
        e.area = self
            .areas
            .nearest_within(mlat, mlon, self.cfg.gap.near_area_km, |_| true)
            .map(|(i, _)| self.areas.get(i).name.clone());
        e.confidence = 0.9;
        self.held.insert(key, e);
    }
}

/// Where the vessel really was when a spoofing episode began: the track position it broke away
/// from when known, else the episode's first position.
fn onset_position(e: &Event) -> (f64, f64) {
    let get = |k: &str| e.details.get(k).and_then(serde_json::Value::as_f64);
    match (get("track_lat"), get("track_lon")) {
        (Some(lat), Some(lon)) => (lat, lon),
        _ => (e.lat.unwrap_or(f64::NAN), e.lon.unwrap_or(f64::NAN)),
    }
}

/// A gap's `details.reason`.
fn reason_name(e: &Event) -> &'static str {
    let r = e.details.get("reason").and_then(serde_json::Value::as_str);
    [
        "went_dark",
        "left_coverage",
        "receiver_outage",
        "interference",
    ]
    .into_iter()
    .find(|k| Some(*k) == r)
    .unwrap_or("unknown")
}

/// One event for a vessel's overlapping spoofing episodes: the most telling kind's details,
/// every kind seen, and the evidence of all.
fn merge_spoofs(group: &[Event]) -> Event {
    let rank = |e: &Event| {
        let k = e.details.get("kind").and_then(serde_json::Value::as_str);
        KINDS
            .iter()
            .position(|x| Some(*x) == k)
            .unwrap_or(KINDS.len())
    };
    let best = group
        .iter()
        .min_by_key(|e| rank(e))
        .expect("non-empty group");
    if group.len() == 1 {
        return best.clone();
    }
    let first = group
        .iter()
        .min_by_key(|e| e.start_time)
        .expect("non-empty");
    let last = group.iter().max_by_key(|e| e.end_time).expect("non-empty");
    let mut e = best.clone();
    e.start_time = first.start_time;
    e.end_time = last.end_time;
    (e.lat, e.lon) = (first.lat, first.lon);
    (e.end_lat, e.end_lon) = (last.end_lat, last.end_lon);
    e.n_positions = group.iter().map(|g| g.n_positions).sum();
    e.evidence_start = group
        .iter()
        .map(|g| g.evidence_start)
        .min()
        .unwrap_or(e.start_time);
    e.evidence_end = group
        .iter()
        .map(|g| g.evidence_end)
        .max()
        .unwrap_or(e.end_time);
    e.confidence = group.iter().map(|g| g.confidence).fold(0.0, f64::max);
    let mut kinds: Vec<&Event> = group.iter().collect();
    kinds.sort_by_key(|g| rank(g));
    let mut names: Vec<serde_json::Value> = Vec::new();
    for g in kinds {
        if let Some(k) = g.details.get("kind") {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
    }
    e.details.insert("kinds".into(), names.into());
    for k in ["track_lat", "track_lon"] {
        if let Some(v) = first.details.get(k) {
            e.details.insert(k.into(), v.clone());
        }
    }
    e
}

/// The coverage grid's key of a position: (latitude cell, longitude cell, hour since the
/// epoch), cells of `gap.coverage_cell_deg`; `None` for positions outside the globe.
pub fn coverage_key(cfg: &Config, lat: f64, lon: f64, time: i64) -> Option<(i32, i32, i64)> {
    if !(lat.abs() <= 90.0 && lon.abs() <= 180.0) {
        return None;
    }
    let c = cfg.gap.coverage_cell_deg.max(0.01);
    Some((
        (lat / c).floor() as i32,
        (lon / c).floor() as i32,
        time.div_euclid(3_600_000),
    ))
}

/// Sets a gap's reason, its evidence and the confidence the reason gives.
pub(crate) fn set_reason(
    e: &mut Event,
    reason: &str,
    evidence: serde_json::Map<String, serde_json::Value>,
) {
    e.details.insert("reason".into(), reason.into());
    e.details.insert(
        "reason_evidence".into(),
        serde_json::Value::Object(evidence),
    );
    e.confidence = match reason {
        "went_dark" if e.details.get("disabling_length") == Some(&true.into()) => 0.9,
        "went_dark" => 0.8,
        "unknown" => 0.5,
        _ => 0.3,
    };
}

/// Adds a gap's coverage hint: other vessels' positions near its start and end, during the
/// gap (`count` gives the positions per [`coverage_key`]); the gap's confidence is its
/// reason's. A `coverage_from_hour` detail (a
/// gap from [`Engine::defer_coverage_hints`]) is removed, and hours before it are not counted,
/// as the engine that released the gap no longer held them.
pub fn coverage_hint(cfg: &Config, mut e: Event, count: impl Fn((i32, i32, i64)) -> u64) -> Event {
    let from_hour = e
        .details
        .remove("coverage_from_hour")
        .and_then(|v| v.as_i64())
        .unwrap_or(i64::MIN);
    let h0 = e.start_time.div_euclid(3_600_000) + 1;
    let h1 = e.end_time.div_euclid(3_600_000) - 1;
    let around = |lat: Option<f64>, lon: Option<f64>| -> Option<u64> {
        let (ci, cj, _) = coverage_key(cfg, lat?, lon?, 0)?;
        let mut n = 0u64;
        for h in h0.max(from_hour)..=h1 {
            for di in -1..=1 {
                for dj in -1..=1 {
                    n += count((ci + di, cj + dj, h));
                }
            }
        }
        Some(n)
    };
    let a = around(e.lat, e.lon);
    let b = around(e.end_lat, e.end_lon);
    let hint = match (a.unwrap_or(0) > 0, b.unwrap_or(0) > 0) {
        _ if h1 < h0 => "unknown",
        (true, true) => "received_nearby",
        (true, false) | (false, true) => "partial",
        (false, false) => "none_nearby",
    };
    e.details
        .insert("coverage_start_positions".into(), a.into());
    e.details.insert("coverage_end_positions".into(), b.into());
    e.details.insert("coverage".into(), hint.into());
    e
}
