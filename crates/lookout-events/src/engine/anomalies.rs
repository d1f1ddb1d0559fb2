//! The cross-vessel anomaly steps of a flush: spoofing episodes and anomaly onsets clustered
//! into GNSS interference areas, gaps and spoofing events marked with the area they fell in,
//! each vessel's episodes merged and released once no later one can join them, and the
//! `out_of_range` episodes the reception model finds. [`Engine::flush`] runs them on what it
//! saw; a distributed run (`docs/scale.md`) runs them in [`AnomalyReplay`] on what its shards
//! handed over (each shard releases its vessels' episodes unmerged and its onsets with their
//! station, see [`Engine::defer_coverage_hints`]), flush by flush, with the same functions.

use std::collections::HashMap;
use std::sync::Arc;

use lookout_core::event::{Event, EventType, InterferenceArea};
use lookout_core::geo::LatLon;

use super::{merge_spoofs, onset_position, reason_name, Engine, KINDS};
use crate::config::Config;
use crate::interference::{Interference, Onset};
use crate::reception::{Reception, Suspect};
use crate::track::{round, MS_PER_HOUR};

/// Spoofing episodes a flush received: each (but a receiver disagreement) is an interference
/// onset where the vessel really was; all wait in `spoofs` to be merged.
pub(crate) fn add_spoofs(
    interference: &mut Interference,
    spoofs: &mut Vec<Event>,
    new: Vec<Event>,
) {
    for e in new {
        let kind = e.details.get("kind").and_then(serde_json::Value::as_str);
        if let Some(what) = KINDS
            .iter()
            .find(|k| Some(**k) == kind && **k != "receiver_disagreement")
        {
            let (lat, lon) = onset_position(&e);
            interference.add(Onset {
                t: e.start_time,
                end: e.end_time,
                lat,
                lon,
                mmsi: e.mmsi,
                what,
                station: 0,
            });
        }
        spoofs.push(e);
    }
}

/// Marks a gap (with its reason) that started at `start` inside an interference area; a gap
/// during which continuous stations still heard the vessel (`heard`) is an onset itself when
/// its reason is `went_dark` or `unknown`, and becomes the interference's.
pub(crate) fn mark_gap(
    interference: &mut Interference,
    mut e: Event,
    start: LatLon,
    heard: bool,
    cfg: &Config,
) -> Event {
    if heard && matches!(reason_name(&e), "went_dark" | "unknown") {
        interference.add(Onset {
            t: e.start_time,
            end: e.end_time,
            lat: start.lat,
            lon: start.lon,
            mmsi: e.mmsi,
            what: "gap_start",
            station: 0,
        });
    }
    label_gap(interference, &mut e, start, heard, cfg);
    e
}

/// The interference area a gap starting at `start` is in, in `details.interference_area`;
/// the reason becomes `interference` when continuous stations still heard the vessel.
pub(crate) fn label_gap(
    interference: &Interference,
    e: &mut Event,
    start: LatLon,
    heard: bool,
    cfg: &Config,
) {
    if let Some(id) = interference.area_at(e.start_time, start, &cfg.interference) {
        e.details.insert("interference_area".into(), id.into());
        if heard && matches!(reason_name(e), "went_dark" | "unknown") {
            e.details.insert("reason".into(), "interference".into());
            e.confidence = 0.3;
        }
    }
}

/// Merges each vessel's waiting spoofing episodes that overlap or nearly touch into one event
/// (its kind the most telling one), marks those inside interference areas, and returns those
/// no later anomaly can change (ended `merge_minutes` + `interference.window_minutes` before
/// `watermark`, and not merging with one still waiting).
pub(crate) fn finish_spoofs(
    interference: &Interference,
    spoofs: &mut Vec<Event>,
    watermark: i64,
    cfg: &Config,
) -> Vec<Event> {
    let merge = (cfg.spoofing.merge_minutes * 60_000.0) as i64;
    let hold = merge + (cfg.interference.window_minutes * 60_000.0) as i64;
    let (ready, mut wait): (Vec<Event>, Vec<Event>) = std::mem::take(spoofs)
        .into_iter()
        .partition(|e| e.end_time.saturating_add(hold) < watermark);
    // An episode that would merge with one still waiting waits too (latest first, so
    // chains wait together).
    let mut earliest_waiting: HashMap<u32, i64> = HashMap::new();
    for e in &wait {
        let w = earliest_waiting.entry(e.mmsi).or_insert(i64::MAX);
        *w = (*w).min(e.start_time);
    }
    let mut ready = ready;
    ready.sort_by_key(|e| std::cmp::Reverse(e.end_time));
    let mut go = Vec::with_capacity(ready.len());
    for e in ready {
        match earliest_waiting.get_mut(&e.mmsi) {
            Some(w) if *w <= e.end_time.saturating_add(merge) => {
                *w = (*w).min(e.start_time);
                wait.push(e);
            }
            _ => go.push(e),
        }
    }
    *spoofs = wait;
    let mut ready = go;
    ready.sort_by_key(|e| (e.mmsi, e.start_time, e.end_time));
    let mut out = Vec::new();
    let mut i = 0;
    while i < ready.len() {
        let mut j = i + 1;
        let mut end = ready[i].end_time;
        while j < ready.len()
            && ready[j].mmsi == ready[i].mmsi
            && ready[j].start_time <= end.saturating_add(merge)
        {
            end = end.max(ready[j].end_time);
            j += 1;
        }
        let mut e = merge_spoofs(&ready[i..j]);
        let (lat, lon) = onset_position(&e);
        if let Some(id) =
            interference.area_at(e.start_time, LatLon::new(lat, lon), &cfg.interference)
        {
            e.details.insert("interference_area".into(), id.into());
        }
        out.push(e);
        i = j;
    }
    out
}

/// The suspects farther than `out_of_range_km` from their station's footprint
/// ([`Reception::out_of_range`], which clears them) as `out_of_range` spoofing episodes: one
/// per vessel and station, suspects less than `merge_minutes` apart merged.
pub(crate) fn out_of_range(reception: &mut Reception, cfg: &Config) -> Vec<Event> {
    let mut found = reception.out_of_range(cfg);
    found.sort_by_key(|(s, _, _)| (s.mmsi, s.station, s.first));
    let merge = (cfg.spoofing.merge_minutes * 60_000.0) as i64;
    let mut out = Vec::new();
    let mut i = 0;
    while i < found.len() {
        let (first, _, radius): (Suspect, f64, f64) = found[i];
        let mut j = i + 1;
        while j < found.len()
            && found[j].0.mmsi == first.mmsi
            && found[j].0.station == first.station
            && found[j].0.first - found[j - 1].0.last <= merge
        {
            j += 1;
        }
        let group = &found[i..j];
        let last = group[group.len() - 1].0;
        let km = group.iter().map(|g| g.1).fold(0.0, f64::max);
        let n: u64 = group.iter().map(|g| u64::from(g.0.n)).sum();
        let mut e = Event::new(
            EventType::Spoofing,
            first.mmsi,
            first.first,
            last.last,
            (first.lat, first.lon),
            (last.lat, last.lon),
        )
        .with("kind", "out_of_range")
        .with("station", reception.name(first.station))
        .with("distance_from_footprint_km", round(km, 1))
        .with("footprint_radius_km", round(radius, 1))
        .evidence(n, first.first, last.last);
        e.confidence = 0.8;
        out.push(e);
        i = j;
    }
    out
}

/// The start of an anomaly a shard saw: a run of reports without a position (`what`:
/// `not_available` or `no_position`), heard by `station`. The single engine counts it towards
/// interference areas only when that station receives continuously, which only the whole
/// data's reception model says.
#[derive(Debug, Clone, PartialEq)]
pub struct AnomalyOnset {
    /// When it began (the vessel's last valid position) and ended, ms.
    pub t: i64,
    pub end: i64,
    /// Where the vessel really was (its last valid position).
    pub lat: f64,
    pub lon: f64,
    pub mmsi: u32,
    pub what: String,
    pub station: Arc<str>,
}

impl Engine {
    /// A shard's anomaly onsets of reports without positions since the last call, each with
    /// the index of the flush that received them (0 for the first flush of the run; the
    /// finish counts as one). See [`AnomalyReplay`].
    pub fn take_onsets(&mut self) -> Vec<(usize, AnomalyOnset)> {
        std::mem::take(&mut self.deferred_onsets)
            .into_iter()
            .map(|(k, o)| {
                (
                    k,
                    AnomalyOnset {
                        t: o.t,
                        end: o.end,
                        lat: o.lat,
                        lon: o.lon,
                        mmsi: o.mmsi,
                        what: o.what.to_owned(),
                        station: Arc::from(self.reception.name(o.station)),
                    },
                )
            })
            .collect()
    }
}

/// What one flush of the single engine received, gathered from a distributed run's shards.
#[derive(Debug, Default)]
pub struct FlushAnomalies {
    /// The flush's watermark (`i64::MAX` for the finish).
    pub watermark: i64,
    /// Spoofing episodes, unmerged: the shards' (released at this flush, `episode_flush`) and
    /// the `out_of_range` ones of the whole data's reception model at this flush.
    pub spoofs: Vec<Event>,
    /// Onsets of reports without positions heard by stations that were continuous at this
    /// flush.
    pub onsets: Vec<AnomalyOnset>,
    /// Gaps released at this flush, with their reasons: each with where it started and
    /// whether continuous stations heard the vessel without a position meanwhile.
    pub gaps: Vec<(Event, LatLon, bool)>,
}

/// The interference areas and the merged, marked spoofing events and gaps of a distributed
/// run: [`AnomalyReplay::flush`] is fed each flush's [`FlushAnomalies`] in order and runs the
/// single engine's steps on them.
pub struct AnomalyReplay {
    cfg: Config,
    interference: Interference,
    spoofs: Vec<Event>,
    areas: Vec<InterferenceArea>,
}

impl AnomalyReplay {
    pub fn new(cfg: &Config) -> Self {
        Self {
            cfg: cfg.clone(),
            interference: Interference::default(),
            spoofs: Vec::new(),
            areas: Vec::new(),
        }
    }

    /// One flush, as [`Engine::flush`] runs these steps: returns the gaps (marked) and the
    /// spoofing events (merged, marked) it releases. An onset of an unknown kind is an error.
    pub fn flush(&mut self, f: FlushAnomalies) -> Result<Vec<Event>, String> {
        let cfg = &self.cfg;
        add_spoofs(&mut self.interference, &mut self.spoofs, f.spoofs);
        for o in f.onsets {
            let what = crate::names::static_name(&o.what)
                .ok_or_else(|| format!("unknown anomaly onset {:?}", o.what))?;
            self.interference.add(Onset {
                t: o.t,
                end: o.end,
                lat: o.lat,
                lon: o.lon,
                mmsi: o.mmsi,
                what,
                station: 0,
            });
        }
        self.interference.update(f.watermark, &cfg.interference);
        let mut out: Vec<Event> = f
            .gaps
            .into_iter()
            .map(|(e, start, heard)| mark_gap(&mut self.interference, e, start, heard, cfg))
            .collect();
        out.extend(finish_spoofs(
            &self.interference,
            &mut self.spoofs,
            f.watermark,
            cfg,
        ));
        self.areas.extend(self.interference.take());
        let keep = f
            .watermark
            .saturating_sub((cfg.gap.coverage_days * 24.0 * MS_PER_HOUR) as i64);
        self.interference.forget_before(keep);
        Ok(out)
    }

    /// The interference areas closed so far.
    pub fn take_areas(&mut self) -> Vec<InterferenceArea> {
        std::mem::take(&mut self.areas)
    }
}
