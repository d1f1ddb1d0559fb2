//! Per-MMSI state: the segmenter (after GFW's `gpsdio-segment` Matcher) that splits one MMSI's
//! positions into segments, sets aside noise and spoofed excursions, and separates two ships
//! sharing the MMSI; the tracks it feeds; the receiver cross-check (one MMSI heard by two
//! stations at once, kilometres apart), frozen positions and runs of "not available" positions;
//! and the static-report state behind draught, identity and zombie-identity events.

use crate::config::Config;
use crate::interference::Onset;
use crate::reception::StationId;
use crate::spoof::{shape, subsample, Frozen};
use crate::track::{implied_knots, round, Ctx, Inland, Pt, Track, MS_PER_HOUR};
use lookout_core::event::{Event, EventType};
use lookout_core::geo::{destination, distance_km, LatLon, KM_PER_NM};
use lookout_core::record::{Position, Static};

/// Why an input record did not reach a detector.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Reject {
    /// Latitude or longitude missing (91/181), out of range, or exactly 0,0.
    InvalidPosition,
    /// Older than the vessel's previous record.
    OutOfOrder,
    /// Same time and place as a point already taken, or a stale repeat while moving.
    Duplicate,
    /// A short excursion too close to the track to call spoofing (GPS noise).
    Noise,
    /// Part of a spoofed excursion (reported as a `spoofing` event).
    Spoofed,
    /// Well inland (reported as a `spoofing` event).
    Inland,
    /// Part of an excursion that satellite receive-time uncertainty explains
    /// (`spoofing.satellite_time_uncertainty_minutes`): kept off the track, not spoofing.
    SatelliteTiming,
}

impl Reject {
    /// snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Reject::InvalidPosition => "invalid_position",
            Reject::OutOfOrder => "out_of_order",
            Reject::Duplicate => "duplicate",
            Reject::Noise => "noise",
            Reject::Spoofed => "spoofed",
            Reject::Inland => "inland",
            Reject::SatelliteTiming => "satellite_timing",
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Seg {
    first: Pt,
    last: Pt,
    n: usize,
    /// Track fed by this segment, once confirmed.
    track: Option<usize>,
    /// The confirmed segment it broke away from, and that segment's last point then.
    origin: Option<(u32, Pt)>,
    id: u32,
    /// Points held until the segment is confirmed or rejected.
    buffer: Vec<Pt>,
    /// When the origin segment took a point again after this one began.
    resumed_at: Option<i64>,
}

/// Counts returned to the engine.
pub(crate) type Rejects = Vec<(Reject, u64)>;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Field<T> {
    confirmed: Option<T>,
    confirmed_last: i64,
    cand: Option<T>,
    cand_count: u32,
    cand_first: i64,
}

impl<T> Default for Field<T> {
    fn default() -> Self {
        Self {
            confirmed: None,
            confirmed_last: 0,
            cand: None,
            cand_count: 0,
            cand_first: 0,
        }
    }
}

/// A confirmed change: old value, new value, last time the old was seen, first time the new was.
type Change<T> = (T, T, i64, i64);

impl<T: Clone + PartialEq> Field<T> {
    fn observe(
        &mut self,
        v: T,
        t: i64,
        need: u32,
        same: impl Fn(&T, &T) -> bool,
    ) -> Option<Change<T>> {
        if self.confirmed.as_ref().is_some_and(|c| same(c, &v)) {
            self.confirmed_last = t;
            self.cand = None;
            return None;
        }
        if self.cand.as_ref() == Some(&v) {
            self.cand_count += 1;
        } else {
            self.cand = Some(v);
            self.cand_count = 1;
            self.cand_first = t;
        }
        if self.confirmed.is_some() && self.cand_count < need {
            return None;
        }
        let new = self.cand.take().expect("set above");
        let old = self.confirmed.replace(new.clone());
        let old_last = std::mem::replace(&mut self.confirmed_last, t);
        old.map(|o| (o, new, old_last, self.cand_first))
    }
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct Statics {
    name: Field<String>,
    callsign: Field<String>,
    imo: Field<u32>,
    ship_type: Field<u8>,
    draught: Field<f64>,
}

/// IMO seen on this MMSI in the current batch: `(imo, first, last, name)`.
pub(crate) type ImoSighting = (u32, i64, i64, Option<String>);

/// Positions of this MMSI from two stations, close in time and too far apart for one ship.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Disagreement {
    first: i64,
    last: i64,
    n: u64,
    /// Times the station of the disagreeing position changed: the stations take turns when
    /// two transmitters are on the air, not when one ship jumps once.
    turns: u64,
    stations: (StationId, StationId),
    a: Pt,
    b: Pt,
    max_km: f64,
}

/// A run of reports without a valid position after a valid one: positions saying "not
/// available", or static reports arriving long after the last position.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Unavailable {
    last: i64,
    n: u64,
    /// The station of the first report.
    station: StationId,
    /// The last valid position before the run.
    before: Pt,
    /// `not_available` or `no_position`.
    #[serde(with = "crate::names")]
    what: crate::names::Name,
}

/// Reports of a scrapped or lost ship's IMO on this MMSI: `(imo, first, last, reports)`.
type ZombieSighting = (u32, i64, i64, u64);

/// Everything known about one MMSI.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Vessel {
    mmsi: u32,
    segs: Vec<Seg>,
    next_id: u32,
    /// `tracks[0]` is the MMSI's main track; more when ships share the MMSI.
    tracks: Vec<Track>,
    last_time: i64,
    /// Last transmission that went to an unconfirmed segment.
    last_unconfirmed_tx: Option<i64>,
    /// Start of a shared-MMSI period, with the track of the second ship.
    shared: Option<(i64, usize)>,
    /// Boxed, as the rarely set parts below: a vessel's entry in the engine's map stays small,
    /// so a position touches fewer memory pages (fewer pages copied while a checkpoint's
    /// snapshot encodes, `lookout-watch`) and empty parts cost 8 bytes.
    statics: Box<Statics>,
    inland: Inland,
    /// First valid position time (cleared or not).
    pub first_tx: Option<i64>,
    /// MMSI handover (no IMO) already looked for.
    pub handover_checked: bool,
    /// Time of the last static report of any kind.
    last_static: i64,
    /// IMO sightings in the current batch (for MMSI changes, resolved by the engine).
    pub imo_seen: Option<ImoSighting>,
    /// Rejects since the last drain.
    pub rejects: Rejects,
    /// Reports without a valid position since the last valid one: "not available" positions,
    /// and static reports `no_position_minutes` or more after it (the transponder was on).
    heard: Vec<(i64, StationId)>,
    /// The last valid position (any segment).
    last_valid: Option<Pt>,
    /// The last valid position from each station (receiver cross-check).
    by_station: Vec<Pt>,
    disagreement: Option<Box<Disagreement>>,
    frozen: Option<Box<Frozen>>,
    unavailable: Option<Box<Unavailable>>,
    zombie: Option<Box<ZombieSighting>>,
    /// Identity and draught changes held until a shared MMSI would have shown.
    held: Vec<Event>,
    /// Identities reported while two ships shared the MMSI.
    shared_names: Vec<String>,
}

/// Pushes one element, growing the vector by one slot instead of doubling (four slots at its
/// first push otherwise): a vessel's segments and per-station positions are nearly always one
/// or two, and a watch holds them for every vessel (a segment is ~220 bytes: three unused slots
/// per vessel, ~9 MB at 10,000 vessels in a heap profile, `docs/performance.md`, "The watch's
/// own memory").
fn push_exact<T>(v: &mut Vec<T>, x: T) {
    if v.len() == v.capacity() {
        v.reserve_exact(1);
    }
    v.push(x);
}

fn normalise(s: &Option<String>) -> Option<String> {
    let t = s.as_deref()?.trim_end_matches('@').trim();
    // AIS text is six-bit ASCII: the byte-wise upper case, without `to_uppercase`'s per-char
    // work, is the same.
    let t = if t.is_ascii() {
        t.to_ascii_uppercase()
    } else {
        t.to_uppercase()
    };
    (!t.is_empty() && !t.chars().all(|c| c == '@')).then_some(t)
}

impl Vessel {
    pub fn new(mmsi: u32) -> Self {
        Self {
            mmsi,
            segs: Vec::new(),
            next_id: 0,
            tracks: vec![Track::new(mmsi, 0)],
            last_time: i64::MIN,
            last_unconfirmed_tx: None,
            shared: None,
            statics: Box::default(),
            inland: Inland::default(),
            first_tx: None,
            handover_checked: false,
            last_static: i64::MIN,
            imo_seen: None,
            rejects: Vec::new(),
            heard: Vec::new(),
            last_valid: None,
            by_station: Vec::new(),
            disagreement: None,
            frozen: None,
            unavailable: None,
            zombie: None,
            held: Vec::new(),
            shared_names: Vec::new(),
        }
    }

    /// The main track (the MMSI's first ship).
    pub fn main_track(&self) -> &Track {
        &self.tracks[0]
    }

    /// First and last cleared positions of the main track.
    pub fn main_span(&self) -> (Option<Pt>, Option<Pt>) {
        (self.tracks[0].first, self.tracks[0].last())
    }

    /// The stations of the reports without a valid position since the last valid one.
    pub fn heard_stations(&self) -> Vec<StationId> {
        self.heard.iter().map(|(_, s)| *s).collect()
    }

    /// Time of the newest position (cleared or not).
    pub fn last_position_time(&self) -> i64 {
        self.last_time
    }

    /// Time of the newest record.
    pub fn last_time(&self) -> i64 {
        self.last_time.max(self.last_static)
    }

    fn reject(&mut self, r: Reject, n: u64) {
        match self.rejects.iter_mut().find(|(k, _)| *k == r) {
            Some((_, c)) => *c += n,
            None => self.rejects.push((r, n)),
        }
    }

    /// GFW Matcher: discrepancy between `p` and the position dead-reckoned from `q`, the
    /// padded hours, and the match metric; `None` when `p` is out of reach.
    fn metric(cfg: &Config, q: &Pt, p: &Pt) -> Option<f64> {
        let s = &cfg.segment;
        let hours = (p.t - q.t) as f64 / MS_PER_HOUR;
        if hours > s.max_hours {
            return None;
        }
        let here = LatLon::new(q.lat, q.lon);
        let predicted = match (q.sog, q.cog) {
            (Some(sog), Some(cog))
                if f64::from(sog) > s.very_slow_knots && (0.0..360.0).contains(&cog) =>
            {
                destination(here, f64::from(cog), f64::from(sog) * KM_PER_NM * hours)
            }
            _ => here,
        };
        let d_nm = distance_km(predicted, LatLon::new(p.lat, p.lon)).min(distance_km(
            LatLon::new(q.lat, q.lon),
            LatLon::new(p.lat, p.lon),
        )) / KM_PER_NM;
        let padded = hours.hypot(s.buffer_hours);
        let d_max = padded * s.max_knots;
        if d_nm > d_max {
            return None;
        }
        let alpha0 = s.max_knots / s.penalty_speed;
        let m = (-(alpha0 * d_nm / d_max).powi(2)).exp() / padded;
        Some(if q.class_b == p.class_b {
            m
        } else {
            m * s.transponder_mismatch_weight
        })
    }

    /// True when every point of `pts` is within reach of `from` once each satellite-timed end
    /// may be `spoofing.satellite_time_uncertainty_minutes` off: the jump is feed timing.
    fn satellite_timing(from: &Pt, pts: &[Pt], ctx: &Ctx) -> bool {
        let u_hours = ctx.cfg.spoofing.satellite_time_uncertainty_minutes / 60.0;
        if u_hours <= 0.0 || pts.is_empty() {
            return false;
        }
        let s = &ctx.cfg.segment;
        let sat = |p: &Pt| f64::from(u8::from(ctx.reception.satellite(p.st)));
        pts.iter().all(|p| {
            let slack = (sat(from) + sat(p)) * u_hours;
            let hours = (p.t - from.t).abs() as f64 / MS_PER_HOUR + slack;
            let km = distance_km(LatLon::new(from.lat, from.lon), LatLon::new(p.lat, p.lon));
            slack > 0.0 && km <= s.max_knots * KM_PER_NM * hours.hypot(s.buffer_hours)
        })
    }

    /// Feeds one position heard by station `st`.
    pub fn push_position(&mut self, pos: &Position, st: StationId, ctx: &mut Ctx) {
        let ok = pos.lat.is_finite()
            && pos.lon.is_finite()
            && pos.lat.abs() <= 90.0
            && pos.lon.abs() <= 180.0
            && !(pos.lat == 0.0 && pos.lon == 0.0);
        if !ok {
            // "Not available" (91/181) or nonsense: the transponder is on, the position is not.
            self.hear(pos.time, st);
            if pos.time >= self.last_time {
                let window = (ctx.cfg.interference.window_minutes * 60_000.0) as i64;
                self.unavailable(pos.time, st, window, "not_available");
            }
            return self.reject(Reject::InvalidPosition, 1);
        }
        if pos.time < self.last_time {
            return self.reject(Reject::OutOfOrder, 1);
        }
        let sog = pos.sog.filter(|s| (0.0..102.3).contains(s));
        let cog = pos.cog.filter(|c| (0.0..360.0).contains(c));
        let p = Pt {
            t: pos.time,
            lat: pos.lat,
            lon: pos.lon,
            sog,
            cog,
            st,
            class_b: pos.is_class_b(),
        };
        if self
            .segs
            .iter()
            .any(|s| s.last.t == p.t && s.last.lat == p.lat && s.last.lon == p.lon)
        {
            return self.reject(Reject::Duplicate, 1);
        }
        self.last_time = p.t;
        self.first_tx.get_or_insert(p.t);
        self.close_unavailable(ctx);
        self.cross_check(&p, ctx);
        self.last_valid = Some(p);
        let before = self.nearest_track(&p).map(|s| s.1);
        if self.inland.check(self.mmsi, &p, before, ctx) {
            // Well inland: spoofed, kept out of the tracks, but it was a transmission.
            self.last_unconfirmed_tx = Some(p.t);
            return self.reject(Reject::Inland, 1);
        }
        self.close_stale(p.t, ctx);
        let best = self
            .segs
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Self::metric(ctx.cfg, &s.last, &p).map(|m| (i, m)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i);
        let i = match best {
            Some(i) => {
                let s = &self.segs[i];
                let moving = p
                    .sog
                    .is_some_and(|v| f64::from(v) > ctx.cfg.segment.very_slow_knots);
                if moving && s.last.lat == p.lat && s.last.lon == p.lon {
                    // The same place again while a speed is reported: frozen, or a repeat.
                    self.repeat(&p, ctx);
                    return self.reject(Reject::Duplicate, 1);
                }
                i
            }
            None => self.new_seg(p, ctx),
        };
        self.close_frozen(ctx);
        self.add(i, p, ctx);
    }

    /// Notes a report without a position heard by `st` (a bounded number are kept).
    fn hear(&mut self, t: i64, st: StationId) {
        if self.heard.len() < 1024 {
            self.heard.push((t, st));
        }
    }

    /// A report at `t` without a valid position heard by `st`, within `within` of the last valid
    /// one.
    fn unavailable(&mut self, t: i64, st: StationId, within: i64, what: &'static str) {
        match &mut self.unavailable {
            Some(u) => {
                u.last = t;
                u.n += 1;
            }
            None => {
                if let Some(before) = self.last_valid.filter(|v| t - v.t <= within) {
                    self.unavailable = Some(Box::new(Unavailable {
                        last: t,
                        n: 1,
                        station: st,
                        before,
                        what,
                    }));
                }
            }
        }
    }

    /// Ends a run of reports without a position: two or more after a valid position are an
    /// anomaly onset for the interference areas, placed where the vessel last was.
    fn close_unavailable(&mut self, ctx: &mut Ctx) {
        if let Some(u) = self.unavailable.take().filter(|u| u.n >= 2) {
            ctx.onsets.push(Onset {
                t: u.before.t,
                end: u.last,
                lat: u.before.lat,
                lon: u.before.lon,
                mmsi: self.mmsi,
                what: u.what,
                station: u.station,
            });
        }
    }

    /// Receiver cross-check: a position and the last one from another station, minutes apart
    /// and farther apart than a ship could sail (plus `min_jump_km`), disagree.
    fn cross_check(&mut self, p: &Pt, ctx: &mut Ctx) {
        let window = (ctx.cfg.spoofing.disagreement_minutes * 60_000.0) as i64;
        let seg = &ctx.cfg.segment;
        let mut hit: Option<(Pt, f64)> = None;
        for q in self.by_station.iter().filter(|q| q.st != p.st) {
            if p.t - q.t > window {
                continue;
            }
            let hours = (p.t - q.t) as f64 / MS_PER_HOUR;
            let reach = seg.max_knots * KM_PER_NM * hours.hypot(seg.buffer_hours)
                + ctx.cfg.spoofing.min_jump_km;
            let km = distance_km(LatLon::new(q.lat, q.lon), LatLon::new(p.lat, p.lon));
            if km > reach && hit.is_none_or(|h| km > h.1) {
                hit = Some((*q, km));
            }
        }
        match self.by_station.iter_mut().find(|q| q.st == p.st) {
            Some(q) => *q = *p,
            None => {
                if self.by_station.len() >= 8 {
                    self.by_station.remove(0);
                }
                push_exact(&mut self.by_station, *p);
            }
        }
        match (hit, &mut self.disagreement) {
            (Some((q, km)), Some(d)) => {
                if p.st != d.b.st {
                    d.turns += 1;
                }
                d.last = p.t;
                d.n += 1;
                d.b = *p;
                if km > d.max_km {
                    (d.a, d.max_km) = (q, km);
                }
            }
            (Some((q, km)), None) => {
                self.disagreement = Some(Box::new(Disagreement {
                    first: q.t.min(p.t),
                    last: p.t,
                    n: 1,
                    turns: 0,
                    stations: (q.st, p.st),
                    a: q,
                    b: *p,
                    max_km: km,
                }))
            }
            (None, Some(d)) if p.t - d.last > 3 * window => self.close_disagreement(ctx),
            (None, _) => {}
        }
    }

    /// Reports a receiver disagreement, unless two ships share the MMSI (then the shared
    /// MMSI explains it).
    fn close_disagreement(&mut self, ctx: &mut Ctx) {
        let Some(d) = self.disagreement.take() else {
            return;
        };
        if d.turns < 2 || self.shared.is_some_and(|(start, _)| start <= d.last) {
            return;
        }
        let name = |s| ctx.reception.name(s).to_owned();
        let mut e = Event::new(
            EventType::Spoofing,
            self.mmsi,
            d.first,
            d.last,
            d.a.ll(),
            d.b.ll(),
        )
        .with("kind", "receiver_disagreement")
        .with(
            "stations",
            serde_json::json!([name(d.stations.0), name(d.stations.1)]),
        )
        .with("max_distance_km", round(d.max_km, 3))
        .with("disagreements", d.n)
        .with("station_turns", d.turns)
        .evidence(2 * d.n, d.first, d.last);
        e.confidence = 0.7;
        ctx.spoofs.push(e);
    }

    /// The same place reported again while moving.
    fn repeat(&mut self, p: &Pt, ctx: &Ctx) {
        let knots = f64::from(p.sog.unwrap_or(0.0));
        if knots < ctx.cfg.spoofing.frozen_min_knots {
            return;
        }
        match &mut self.frozen {
            Some(f) if f.lat == p.lat && f.lon == p.lon => {
                f.last = p.t;
                f.n += 1;
                f.max_knots = f.max_knots.max(knots);
            }
            _ => {
                self.frozen = Some(Box::new(Frozen {
                    first: p.t,
                    last: p.t,
                    n: 1,
                    lat: p.lat,
                    lon: p.lon,
                    max_knots: knots,
                    class_b: p.class_b,
                }))
            }
        }
    }

    /// Ends a run of repeated positions: long enough, it is a frozen position.
    fn close_frozen(&mut self, ctx: &mut Ctx) {
        let Some(f) = self
            .frozen
            .take()
            .filter(|f| f.reportable(&ctx.cfg.spoofing))
        else {
            return;
        };
        let mut e = Event::new(
            EventType::Spoofing,
            self.mmsi,
            f.first,
            f.last,
            (f.lat, f.lon),
            (f.lat, f.lon),
        )
        .with("kind", "frozen")
        .with("max_reported_knots", round(f.max_knots, 1))
        .with("repeats", f.n)
        .with("transponder_class", if f.class_b { "B" } else { "A" })
        .evidence(f.n, f.first, f.last);
        e.confidence = 0.8;
        ctx.spoofs.push(e);
    }

    /// The confirmed segment nearest to `p` (with ships sharing the MMSI, the one in whose
    /// waters it appeared): its id and last point.
    fn nearest_track(&self, p: &Pt) -> Option<(u32, Pt)> {
        let here = LatLon::new(p.lat, p.lon);
        let d = |s: &Seg| distance_km(LatLon::new(s.last.lat, s.last.lon), here);
        self.segs
            .iter()
            .filter(|s| s.track.is_some())
            .min_by(|a, b| d(a).total_cmp(&d(b)).then(b.last.t.cmp(&a.last.t)))
            .map(|s| (s.id, s.last))
    }

    /// Starts a segment for a point no open segment can reach.
    fn new_seg(&mut self, p: Pt, ctx: &mut Ctx) -> usize {
        let id = self.next_id;
        self.next_id += 1;
        // The track this point broke away from.
        let origin = self.nearest_track(&p);
        if self.segs.len() >= ctx.cfg.segment.max_open_segments {
            let oldest = self
                .segs
                .iter()
                .enumerate()
                .min_by_key(|(_, s)| s.last.t)
                .map(|(i, _)| i)
                .expect("non-empty");
            self.close(oldest, ctx);
        }
        let track = if origin.is_none() { Some(0) } else { None };
        push_exact(
            &mut self.segs,
            Seg {
                first: p,
                last: p,
                n: 0,
                track,
                origin,
                id,
                buffer: Vec::new(),
                resumed_at: None,
            },
        );
        self.segs.len() - 1
    }

    fn add(&mut self, i: usize, p: Pt, ctx: &mut Ctx) {
        let seg = &mut self.segs[i];
        seg.last = p;
        seg.n += 1;
        let id = seg.id;
        match seg.track {
            Some(t) => {
                let last_tx = self.last_unconfirmed_tx;
                // Heard without a position well inside the silence, not as it ended.
                let quiet = (ctx.cfg.interference.no_position_minutes * 60_000.0) as i64;
                let heard = self
                    .heard
                    .drain(..)
                    .filter(|(t, _)| *t <= p.t - quiet)
                    .map(|(_, s)| s)
                    .collect();
                self.tracks[t].push(p, last_tx, heard, ctx);
                for s in self
                    .segs
                    .iter_mut()
                    .filter(|s| s.track.is_none() && s.origin.is_some_and(|(o, _)| o == id))
                {
                    s.resumed_at.get_or_insert(p.t);
                }
            }
            None => {
                seg.buffer.push(p);
                self.heard.clear();
                self.last_unconfirmed_tx = Some(p.t);
                let c = &ctx.cfg.segment;
                let both = seg
                    .resumed_at
                    .is_some_and(|r| (p.t - r) as f64 >= c.shared_min_hours * MS_PER_HOUR);
                if both && seg.buffer.len() >= c.shared_min_positions {
                    // Both segments keep reporting: two ships share this MMSI.
                    self.promote(i, true, ctx);
                }
            }
        }
        // Excursions the track has come back from, and that have gone quiet.
        let resolve_ms = 3_600_000;
        let done: Vec<usize> = (0..self.segs.len())
            .filter(|&k| {
                let s = &self.segs[k];
                s.track.is_none()
                    && s.resumed_at
                        .is_some_and(|r| p.t - r >= resolve_ms && p.t - s.last.t >= resolve_ms)
            })
            .collect();
        for k in done.into_iter().rev() {
            self.close(k, ctx);
        }
    }

    /// Confirms an unconfirmed segment: as a second ship on this MMSI, or as the continuation
    /// of the track it broke away from (whose segment has closed).
    fn promote(&mut self, i: usize, shared: bool, ctx: &mut Ctx) {
        let track = if shared {
            self.tracks.push(Track::new(self.mmsi, self.tracks.len()));
            let t = self.tracks.len() - 1;
            self.shared.get_or_insert((self.segs[i].first.t, t));
            t
        } else {
            let (_, from) = self.segs[i]
                .origin
                .expect("unconfirmed segments have an origin");
            let s = &self.segs[i];
            if Self::satellite_timing(&from, &[s.first], ctx) {
                *ctx.dropped.entry("jump_satellite_timing").or_insert(0) += 1;
            } else {
                let km = distance_km(
                    LatLon::new(from.lat, from.lon),
                    LatLon::new(s.first.lat, s.first.lon),
                );
                let mut e = Event::new(
                    EventType::Spoofing,
                    self.mmsi,
                    from.t,
                    s.first.t,
                    from.ll(),
                    s.first.ll(),
                )
                .with("kind", "jump")
                .with("distance_km", round(km, 3))
                .with(
                    "implied_speed_knots",
                    round(implied_knots(&from, &s.first), 1),
                )
                .with("track_lat", round(from.lat, 5))
                .with("track_lon", round(from.lon, 5))
                .evidence(2, from.t, s.first.t);
                e.confidence = 0.3;
                ctx.spoofs.push(e);
            }
            0
        };
        let buffer = std::mem::take(&mut self.segs[i].buffer);
        self.segs[i].track = Some(track);
        for p in buffer {
            self.tracks[track].push(p, None, Vec::new(), ctx);
        }
    }

    /// Closes segments silent for longer than `max_hours`.
    fn close_stale(&mut self, now: i64, ctx: &mut Ctx) {
        let max_ms = (ctx.cfg.segment.max_hours * MS_PER_HOUR) as i64;
        while let Some(k) = (0..self.segs.len())
            .filter(|&k| now - self.segs[k].last.t > max_ms)
            .min_by_key(|&k| self.segs[k].last.t)
        {
            self.close(k, ctx);
        }
    }

    /// Removes segment `k`, settling what it was.
    fn close(&mut self, k: usize, ctx: &mut Ctx) {
        let seg = self.segs.remove(k);
        match seg.track {
            Some(_) => {
                // Unconfirmed segments that broke away from it and never saw it come back carry on
                // the track (the largest one; the others are settled later).
                let heir = (0..self.segs.len())
                    .filter(|&j| {
                        let s = &self.segs[j];
                        s.track.is_none()
                            && s.resumed_at.is_none()
                            && s.origin.is_some_and(|(o, _)| o == seg.id)
                    })
                    .max_by_key(|&j| self.segs[j].n);
                if let Some(j) = heir {
                    self.promote(j, false, ctx);
                }
            }
            None => self.excursion(seg, ctx),
        }
    }

    /// An unconfirmed segment that ended: a spoofed excursion if it went far, else noise.
    fn excursion(&mut self, seg: Seg, ctx: &mut Ctx) {
        let (_, from) = seg.origin.expect("unconfirmed segments have an origin");
        let far = seg
            .buffer
            .iter()
            .map(|p| distance_km(LatLon::new(from.lat, from.lon), LatLon::new(p.lat, p.lon)))
            .fold(0.0, f64::max);
        if far < ctx.cfg.spoofing.min_jump_km {
            return self.reject(Reject::Noise, seg.n as u64);
        }
        if Self::satellite_timing(&from, &seg.buffer, ctx) {
            *ctx.dropped.entry("jump_satellite_timing").or_insert(0) += 1;
            return self.reject(Reject::SatelliteTiming, seg.n as u64);
        }
        self.reject(Reject::Spoofed, seg.n as u64);
        // The excursion's own shape: a circle or repeated pattern somewhere else.
        let every = (ctx.cfg.spoofing.pattern_sample_seconds * 1000.0) as i64;
        let found = shape(
            &subsample(seg.buffer.iter().map(Pt::sample), every),
            &ctx.cfg.spoofing,
        );
        let kind = match &found {
            Some(s) => s.kind,
            None if seg.n == 1 => "jump",
            None => "excursion",
        };
        let mut e = Event::new(
            EventType::Spoofing,
            self.mmsi,
            seg.first.t,
            seg.last.t,
            seg.first.ll(),
            seg.last.ll(),
        )
        .with("kind", kind)
        .with("max_distance_km", round(far, 3))
        .with(
            "jump_speed_knots",
            round(implied_knots(&from, &seg.first), 1),
        )
        .with("track_lat", round(from.lat, 5))
        .with("track_lon", round(from.lon, 5))
        .evidence(seg.n as u64, seg.first.t, seg.last.t);
        if let Some(s) = found {
            e.details.extend(s.details());
        }
        e.confidence = 0.9;
        ctx.spoofs.push(e);
    }

    /// Closes everything at the end of the data.
    pub fn finish(&mut self, data_end: i64, ctx: &mut Ctx) {
        self.inland.close(self.mmsi, ctx);
        while !self.segs.is_empty() {
            let k = (0..self.segs.len())
                .min_by_key(|&k| self.segs[k].last.t)
                .expect("non-empty");
            self.close(k, ctx);
        }
        self.close_frozen(ctx);
        self.close_unavailable(ctx);
        self.close_disagreement(ctx);
        if let Some((start, _)) = self.shared {
            self.report_shared(start, ctx);
        }
        self.release_held(i64::MAX, ctx);
        if let Some(z) = self.zombie.take() {
            let (imo, first, last, n) = *z;
            self.report_zombie(imo, first, last, n, ctx);
        }
        let heard = self.heard_stations();
        self.heard.clear();
        for t in &mut self.tracks {
            t.finish(data_end, heard.clone(), ctx);
        }
    }

    /// One `identity_change` of kind `shared_mmsi` naming the tracks of the ships.
    fn report_shared(&mut self, start: i64, ctx: &mut Ctx) {
        let lasts: Vec<Pt> = self.tracks.iter().filter_map(Track::last).collect();
        let end = lasts.iter().map(|p| p.t).min().unwrap_or(start).max(start);
        let tracks: Vec<serde_json::Value> = self
            .tracks
            .iter()
            .enumerate()
            .filter_map(|(k, t)| {
                let (a, b) = (t.first?, t.last()?);
                Some(serde_json::json!({
                    "track": k, "positions": t.n,
                    "first_time": lookout_core::time::format_time(a.t),
                    "last_time": lookout_core::time::format_time(b.t),
                    "first_lat": round(a.lat, 5), "first_lon": round(a.lon, 5),
                    "last_lat": round(b.lat, 5), "last_lon": round(b.lon, 5),
                }))
            })
            .collect();
        let ll = |k: usize| lasts.get(k).map_or((f64::NAN, f64::NAN), |p| p.ll());
        let mut e = Event::new(
            EventType::IdentityChange,
            self.mmsi,
            start,
            end,
            ll(0),
            ll(1),
        )
        .with("kind", "shared_mmsi")
        .with("tracks", serde_json::Value::Array(tracks))
        .with("names", self.shared_names.clone())
        .evidence(self.tracks.iter().map(|t| t.n).sum(), start, end);
        e.confidence = 0.8;
        ctx.out.push(e);
    }

    /// A scrapped or lost ship's IMO reported on this MMSI.
    fn report_zombie(&self, imo: u32, first: i64, last: i64, n: u64, ctx: &mut Ctx) {
        let Some(dead) = ctx.dead.get(imo) else {
            return;
        };
        let ll = self.tracks[0]
            .last()
            .map_or((f64::NAN, f64::NAN), |p| p.ll());
        let mut e = Event::new(EventType::Spoofing, self.mmsi, first, last, ll, ll)
            .with("kind", "zombie")
            .with("imo", imo)
            .with("registered_name", dead.name.clone())
            .with("fate", dead.fate.clone())
            .with("fate_year", dead.year.clone())
            .with("source", dead.source.clone())
            .with("reports", n)
            .evidence(n, first, last);
        e.confidence = 0.8;
        ctx.out.push(e);
    }

    /// Emits held identity and draught changes older than the time a shared MMSI needs to
    /// show (`now = i64::MAX`: all); those made while two ships shared the MMSI are their
    /// two identities, not a change, and are dropped.
    fn release_held(&mut self, now: i64, ctx: &mut Ctx) {
        if self.held.is_empty() {
            return;
        }
        let hold = ((ctx.cfg.segment.shared_min_hours + 1.0) * MS_PER_HOUR) as i64;
        let interleaving = self.segs.iter().any(|s| s.resumed_at.is_some());
        if interleaving && now != i64::MAX {
            return;
        }
        let shared = self.shared.map(|(start, _)| start - hold);
        let (ready, wait): (Vec<Event>, Vec<Event>) = std::mem::take(&mut self.held)
            .into_iter()
            .partition(|e| now == i64::MAX || e.end_time.saturating_add(hold) <= now);
        self.held = wait;
        for e in ready {
            if shared.is_none_or(|s| e.end_time < s) {
                ctx.out.push(e);
            }
        }
    }

    /// Feeds one static report; draught and identity changes come out in `ctx.out` once no
    /// shared MMSI explains them.
    pub fn push_static(&mut self, s: &Static, st: StationId, ctx: &mut Ctx) {
        if s.time < self.last_static {
            return self.reject(Reject::OutOfOrder, 1);
        }
        self.last_static = s.time;
        self.release_held(s.time, ctx);
        // Static reports keep coming but positions stopped: the transponder is on, without a
        // position fix.
        let quiet = (ctx.cfg.interference.no_position_minutes * 60_000.0) as i64;
        if self.last_valid.is_some_and(|v| s.time - v.t >= quiet) {
            self.hear(s.time, st);
            self.unavailable(s.time, st, i64::MAX, "no_position");
        }
        if let Some(imo) = s.imo.filter(|&i| ctx.dead.get(i).is_some()) {
            match &mut self.zombie {
                Some(z) if z.0 == imo => {
                    z.2 = s.time;
                    z.3 += 1;
                }
                _ => {
                    if let Some(z) = self.zombie.take() {
                        let (imo, first, last, n) = *z;
                        self.report_zombie(imo, first, last, n, ctx);
                    }
                    self.zombie = Some(Box::new((imo, s.time, s.time, 1)));
                }
            }
        }
        let sharing = self.shared.is_some() || self.segs.iter().any(|g| g.resumed_at.is_some());
        if let Some(name) = sharing.then(|| normalise(&s.name)).flatten() {
            if self.shared_names.len() < 8 && !self.shared_names.contains(&name) {
                self.shared_names.push(name);
            }
        }
        let need = ctx.cfg.statics.confirm_reports.max(1);
        let t = s.time;
        let mut changes = serde_json::Map::new();
        let (mut start, mut end) = (i64::MAX, i64::MIN);
        let mut note = |field: &str, c: Option<Change<serde_json::Value>>| {
            if let Some((old, new, old_last, new_first)) = c {
                changes.insert(
                    field.to_owned(),
                    serde_json::json!({"from": old, "to": new}),
                );
                start = start.min(old_last);
                end = end.max(new_first);
            }
        };
        let st = &mut self.statics;
        let j = |c: Option<Change<String>>| c.map(|(a, b, x, y)| (a.into(), b.into(), x, y));
        if let Some(v) = normalise(&s.name) {
            note("name", j(st.name.observe(v, t, need, |a, b| a == b)));
        }
        if let Some(v) = normalise(&s.callsign) {
            note(
                "callsign",
                j(st.callsign.observe(v, t, need, |a, b| a == b)),
            );
        }
        if let Some(v) = s.imo.filter(|&v| (1..=1_073_741_823).contains(&v)) {
            note(
                "imo",
                st.imo
                    .observe(v, t, need, |a, b| a == b)
                    .map(|(a, b, x, y)| (a.into(), b.into(), x, y)),
            );
            let seen = self.imo_seen.get_or_insert((v, t, t, None));
            if seen.0 == v {
                seen.2 = t;
            } else {
                *seen = (v, t, t, None);
            }
            seen.3 = st.name.confirmed.clone();
        }
        if let Some(v) = s.ship_type.filter(|&v| v > 0) {
            note(
                "ship_type",
                st.ship_type
                    .observe(v, t, need, |a, b| a == b)
                    .map(|(a, b, x, y)| (a.into(), b.into(), x, y)),
            );
        }
        let last = self.tracks[0].last();
        let ll = last.map_or((f64::NAN, f64::NAN), |p| p.ll());
        if !changes.is_empty() {
            let mut e = Event::new(EventType::IdentityChange, self.mmsi, start, end, ll, ll)
                .with("changes", serde_json::Value::Object(changes))
                .evidence(2, start, end);
            e.confidence = 0.9;
            self.held.push(e);
        }
        let min_change = ctx.cfg.statics.min_draught_change_m;
        if let Some(d) = s
            .draught
            .map(f64::from)
            .filter(|d| *d > 0.0 && d.is_finite())
        {
            let d = (d * 10.0).round() / 10.0;
            if let Some((old, new, old_last, new_first)) = st
                .draught
                .observe(d, t, need, |a, b| (a - b).abs() < min_change)
            {
                let track = &self.tracks[0];
                let area = track
                    .visit_area()
                    .or_else(|| last.and_then(|p| ctx.areas.containing(p.lat, p.lon)));
                let across =
                    if area.is_some() || track.last_visit_end.is_some_and(|v| v >= old_last) {
                        "port_visit"
                    } else if track.last_gap_end.is_some_and(|g| g >= old_last) {
                        "gap"
                    } else {
                        "none"
                    };
                let mut e = Event::new(
                    EventType::DraughtChange,
                    self.mmsi,
                    old_last,
                    new_first,
                    ll,
                    ll,
                )
                .with("from_m", old)
                .with("to_m", new)
                .with("delta_m", round(new - old, 1))
                .with("across", across)
                .evidence(2, old_last, new_first);
                e.area = area.map(|a| ctx.areas.get(a).name.clone());
                e.confidence = if across == "none" { 0.6 } else { 0.9 };
                self.held.push(e);
            }
        }
    }

    /// The MID (flag) digits of an MMSI.
    pub fn mid(mmsi: u32) -> u32 {
        mmsi / 1_000_000
    }
}
