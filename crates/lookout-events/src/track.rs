//! Detectors over one physical vessel's track (points already cleared by the segmenter):
//! port visits, gaps, loitering, inland positions, circles and repeated patterns, and the
//! 10-minute resampling that feeds the encounter search.

use std::collections::{BTreeMap, VecDeque};

use crate::anchorage::{Anchorages, Stationary};
use crate::config::Config;
use crate::reception::{GapEnd, Reception, StationId};
use crate::spoof::{report_interval_s, DeadShips, Looping, Sample};
use lookout_core::areas::Areas;
use lookout_core::event::{Event, EventType};
use lookout_core::geo::{bearing_deg, distance_km, LatLon, KM_PER_NM};
use lookout_core::land::{Land, LandTest};

/// Milliseconds per hour, for rates.
pub(crate) const MS_PER_HOUR: f64 = lookout_core::time::HOUR_MS as f64;

/// A cleared position.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Pt {
    pub t: i64,
    pub lat: f64,
    pub lon: f64,
    pub sog: Option<f32>,
    pub cog: Option<f32>,
    /// The station that heard it.
    pub st: StationId,
    /// A class B report.
    pub class_b: bool,
}

impl Pt {
    pub fn ll(&self) -> (f64, f64) {
        (self.lat, self.lon)
    }

    pub fn sample(&self) -> Sample {
        Sample {
            t: self.t,
            lat: self.lat,
            lon: self.lon,
        }
    }
}

/// Implied speed in knots between two points (0 when simultaneous).
pub(crate) fn implied_knots(a: &Pt, b: &Pt) -> f64 {
    let h = (b.t - a.t) as f64 / MS_PER_HOUR;
    if h <= 0.0 {
        0.0
    } else {
        distance_km(LatLon::new(a.lat, a.lon), LatLon::new(b.lat, b.lon)) / KM_PER_NM / h
    }
}

/// One resampled position for the encounter search (`encounter.resample_minutes` slots).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Slot {
    /// Slot number: time / `resample_minutes`.
    pub slot: i64,
    pub mmsi: u32,
    /// The MMSI's track (ships sharing an MMSI are never paired with each other's positions).
    pub track: u8,
    pub lat: f64,
    pub lon: f64,
    /// Speed between the positions it was interpolated from, knots.
    pub knots: f32,
}

/// A gap waiting for its reason (needs every vessel's positions during the gap).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct PendingGap {
    pub event: Event,
    pub start: GapEnd,
    /// `None` while open at the end of the data.
    pub end: Option<GapEnd>,
    /// The stations that heard reports of the vessel without a valid position well inside the
    /// silence, one per report.
    pub heard: Vec<StationId>,
}

/// Shared, read-only inputs plus the outputs of a push.
pub(crate) struct Ctx<'a> {
    pub cfg: &'a Config,
    pub areas: &'a Areas,
    pub land: Option<&'a Land>,
    pub out: &'a mut Vec<Event>,
    pub slots: &'a mut Vec<Slot>,
    pub gaps: &'a mut Vec<PendingGap>,
    pub anchorages: &'a mut Anchorages,
    /// Spoofing events waiting to be merged per vessel and marked.
    pub spoofs: &'a mut Vec<Event>,
    /// Anomaly onsets for the interference areas.
    pub onsets: &'a mut Vec<crate::interference::Onset>,
    /// Station names.
    pub reception: &'a Reception,
    /// Scrapped and lost ships.
    pub dead: &'a DeadShips,
    /// Encounters need this clearance from the coast, km (see `Engine`).
    pub shore_km: f64,
    /// Loitering needs this average distance from the coast, km; 0 = rule off (see `Engine`).
    pub loiter_shore_km: f64,
    /// Candidate events dropped by a location rule, by reason.
    pub dropped: &'a mut BTreeMap<&'static str, u64>,
}

/// A land test answered from the cache while the point is within this distance, km, of the
/// cached one (the coast distance changes by at most the distance moved).
const LOITER_SHORE_CACHE_KM: f64 = 0.5;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Visit {
    area: usize,
    first: Pt,
    last_in: Pt,
    entry_seen: bool,
    stopped: bool,
    had_stop: bool,
    had_gap: bool,
    n: u64,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct Bucket {
    hour: i64,
    km: f64,
    hours: f64,
    first: Option<Pt>,
    last: Option<Pt>,
    n: u64,
    sum_lat: f64,
    sum_lon: f64,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Loiter {
    first: Pt,
    last: Pt,
    km: f64,
    hours: f64,
    n: u64,
    sum_lat: f64,
    sum_lon: f64,
    /// Sum of (distance from the coast, km) x hours over the hours inside the land polygons'
    /// bbox, and those hours (the rule is measured only where the polygons reach).
    shore_km_hours: f64,
    shore_hours: f64,
}

#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct LandCache {
    lat: f64,
    lon: f64,
    test: LandTest,
}

/// Positions well inland, set aside before segmentation (per MMSI).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Inland {
    cache: Option<LandCache>,
    /// Boxed: rarely set (see `Vessel::statics`).
    run: Option<Box<InlandRun>>,
}

impl Inland {
    /// Inland test with a cache: a point closer to the cached one than the cached
    /// clearance minus the tolerance is on the same side of the coast. Returns true when the
    /// point is well inland (then it is spoofed and goes no further). `before` is the vessel's
    /// last good position (where it really was when an episode starts).
    pub fn check(&mut self, mmsi: u32, p: &Pt, before: Option<Pt>, ctx: &mut Ctx) -> bool {
        let Some(land) = ctx.land else { return false };
        let tol = ctx.cfg.spoofing.inland_tolerance_km;
        let radius = 4.0 * tol.max(1.0);
        // A point at sea within the cached clearance of a point at sea is at sea (and an
        // inland point must be `tol` beyond the coast, far more than the rounding of the two
        // distances): the answer, not well inland, is the one a full test would give. The same
        // point again gets the same test.
        let cached = self.cache.map(|c| {
            let d = if c.lat == p.lat && c.lon == p.lon {
                0.0
            } else {
                distance_km(LatLon::new(c.lat, c.lon), LatLon::new(p.lat, p.lon))
            };
            (c, d)
        });
        let test = match cached {
            Some((c, d)) if d == 0.0 && c.lat == p.lat && c.lon == p.lon => c.test,
            Some((c, d))
                if d < c.test.coast_km - tol || (!c.test.on_land && d < c.test.coast_km) =>
            {
                LandTest {
                    on_land: c.test.on_land,
                    coast_km: c.test.coast_km - d,
                }
            }
            _ => {
                let test = land.test(LatLon::new(p.lat, p.lon), radius);
                self.cache = Some(LandCache {
                    lat: p.lat,
                    lon: p.lon,
                    test,
                });
                test
            }
        };
        if test.on_land && test.coast_km > tol {
            match &mut self.run {
                Some(run) => {
                    run.last = *p;
                    run.n += 1;
                    run.max_coast_km = run.max_coast_km.max(test.coast_km);
                }
                None => {
                    self.run = Some(Box::new(InlandRun {
                        first: *p,
                        last: *p,
                        n: 1,
                        max_coast_km: test.coast_km,
                        before,
                    }))
                }
            }
            true
        } else {
            // A position at sea ends the episode, unless no ship could get there from the
            // inland run (a second transmitter on the MMSI) and the run is recent.
            let seg = &ctx.cfg.segment;
            let reachable = self.run.as_ref().is_none_or(|r| {
                let hours = (p.t - r.last.t) as f64 / MS_PER_HOUR;
                let km = distance_km(
                    LatLon::new(r.last.lat, r.last.lon),
                    LatLon::new(p.lat, p.lon),
                );
                hours > 1.0 || km <= seg.max_knots * KM_PER_NM * hours.hypot(seg.buffer_hours)
            });
            if reachable {
                self.close(mmsi, ctx);
            }
            false
        }
    }

    pub fn close(&mut self, mmsi: u32, ctx: &mut Ctx) {
        if let Some(run) = self.run.take() {
            if run.n as usize >= ctx.cfg.spoofing.min_inland_positions {
                let mut e = Event::new(
                    EventType::Spoofing,
                    mmsi,
                    run.first.t,
                    run.last.t,
                    run.first.ll(),
                    run.last.ll(),
                )
                .with("kind", "inland")
                .with(
                    "min_km_inland",
                    round(
                        run.max_coast_km
                            .min(4.0 * ctx.cfg.spoofing.inland_tolerance_km.max(1.0)),
                        1,
                    ),
                )
                .evidence(run.n, run.first.t, run.last.t);
                if let Some(b) = run.before {
                    e.details.insert("track_lat".into(), round(b.lat, 5).into());
                    e.details.insert("track_lon".into(), round(b.lon, 5).into());
                }
                e.confidence = 0.9;
                ctx.spoofs.push(e);
            }
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct InlandRun {
    first: Pt,
    last: Pt,
    n: u64,
    max_coast_km: f64,
    before: Option<Pt>,
}

/// State of one track.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Track {
    pub mmsi: u32,
    prev: Option<Pt>,
    /// Points per UTC hour over the last `hours_before` hours, for gap context.
    hourly: VecDeque<(i64, u32)>,
    /// Boxed: open only in port (see `Vessel::statics`).
    visit: Option<Box<Visit>>,
    /// End of the last closed visit, ms (draught changes "across a port visit").
    pub last_visit_end: Option<i64>,
    /// End of the last gap, ms (draught changes "across a gap").
    pub last_gap_end: Option<i64>,
    bucket: Bucket,
    /// Boxed: open only while the vessel is slow (see `Vessel::statics`).
    loiter: Option<Box<Loiter>>,
    stationary: Option<Stationary>,
    /// Last land test of the encounter search.
    shore: Option<LandCache>,
    /// Last land test of the loitering shore rule.
    loiter_shore: Option<LandCache>,
    /// First cleared position.
    pub first: Option<Pt>,
    pub n: u64,
    /// Index among the MMSI's tracks.
    index: u8,
    /// Course and speed made good at the last point (reported, else from the previous point).
    course: Option<f64>,
    knots: Option<f64>,
    looping: Looping,
}

impl Track {
    pub fn new(mmsi: u32, index: usize) -> Self {
        Self {
            mmsi,
            index: u8::try_from(index).unwrap_or(u8::MAX),
            ..Default::default()
        }
    }

    /// The track's last point as a gap end.
    fn gap_end(&self, p: &Pt) -> GapEnd {
        GapEnd {
            t: p.t,
            lat: p.lat,
            lon: p.lon,
            knots: self.knots,
            course: self.course,
            station: p.st,
        }
    }

    /// Last cleared position.
    pub fn last(&self) -> Option<Pt> {
        self.prev
    }

    /// The area of the open port visit.
    pub fn visit_area(&self) -> Option<usize> {
        self.visit.as_ref().map(|v| v.area)
    }

    /// Feeds one point. `last_tx` is the latest transmission of this vessel that did not reach
    /// the track (rejected positions): a gap is silence, not missing good positions. `heard`
    /// lists the stations of the vessel's reports without a valid position since the previous
    /// point.
    pub fn push(&mut self, p: Pt, last_tx: Option<i64>, heard: Vec<StationId>, ctx: &mut Ctx) {
        self.n += 1;
        self.first.get_or_insert(p);
        if let Some(prev) = self.prev {
            self.gap(&prev, &p, last_tx, heard, ctx);
            self.resample(&prev, &p, ctx);
        }
        let moved = self.prev.map(|q| {
            let ll = |x: &Pt| LatLon::new(x.lat, x.lon);
            (distance_km(ll(&q), ll(&p)), bearing_deg(ll(&q), ll(&p)), q)
        });
        self.knots = p
            .sog
            .map(f64::from)
            .or_else(|| moved.map(|(_, _, q)| implied_knots(&q, &p)));
        self.course = p
            .cog
            .filter(|_| p.sog.is_some_and(|v| v >= 1.0))
            .map(f64::from)
            .or_else(|| moved.filter(|m| m.0 > 0.05).map(|m| m.1))
            .or(self.course);
        if let Some(ep) = self.looping.push(p.sample(), self.n, &ctx.cfg.spoofing) {
            self.emit_shape(ep, ctx);
        }
        self.port_visit(&p, ctx);
        self.loitering(&p, ctx);
        Stationary::push(&mut self.stationary, self.mmsi, &p, ctx.cfg, ctx.anchorages);
        let hour = p.t.div_euclid(3_600_000);
        match self.hourly.back_mut() {
            Some((h, c)) if *h == hour => *c += 1,
            _ => self.hourly.push_back((hour, 1)),
        }
        let keep = ctx.cfg.gap.hours_before.ceil() as i64 + 1;
        while self.hourly.front().is_some_and(|(h, _)| *h < hour - keep) {
            self.hourly.pop_front();
        }
        self.prev = Some(p);
    }

    /// Reports a circle or repeated pattern the track traced.
    fn emit_shape(&self, ep: crate::spoof::Episode, ctx: &mut Ctx) {
        let mut e = Event::new(
            EventType::Spoofing,
            self.mmsi,
            ep.first.t,
            ep.last.t,
            (ep.first.lat, ep.first.lon),
            (ep.last.lat, ep.last.lon),
        )
        .with("kind", ep.shape.kind)
        .evidence(ep.positions, ep.first.t, ep.last.t);
        e.details.extend(ep.shape.details());
        e.confidence = 0.8;
        ctx.spoofs.push(e);
    }

    /// Closes everything open (end of data). `heard` lists the stations of the vessel's reports
    /// without a valid position since the last point.
    pub fn finish(&mut self, data_end: i64, heard: Vec<StationId>, ctx: &mut Ctx) {
        if let Some(ep) = self.looping.close() {
            self.emit_shape(ep, ctx);
        }
        if let Some(v) = self.visit.take() {
            self.emit_visit(*v, false, ctx);
        }
        self.close_bucket(ctx);
        self.close_loiter(ctx);
        if let Some(g) = self.open_gap(data_end, heard, ctx.cfg, ctx.areas) {
            ctx.gaps.push(g);
        }
    }

    /// The silence since the last point, as a gap open at `now` waiting for its reason, if it
    /// is long enough and open gaps are reported. `heard` lists the stations of the vessel's
    /// reports without a valid position since the last point.
    pub fn open_gap(
        &self,
        now: i64,
        heard: Vec<StationId>,
        cfg: &Config,
        areas: &Areas,
    ) -> Option<PendingGap> {
        let prev = self.prev?;
        let hours = (now - prev.t) as f64 / MS_PER_HOUR;
        if !cfg.gap.open_gaps || hours < cfg.gap.min_hours {
            return None;
        }
        let mut e = Event::new(EventType::Gap, self.mmsi, prev.t, now, prev.ll(), prev.ll())
            .with("open", true)
            .with("duration_h", round(hours, 3))
            .with("disabling_length", hours >= cfg.gap.disabling_hours)
            .evidence(1, prev.t, prev.t);
        e.end_lat = None;
        e.end_lon = None;
        e.confidence = 0.5;
        e.area = area_near(cfg, areas, prev.ll());
        Some(PendingGap {
            event: e,
            start: self.gap_end(&prev),
            end: None,
            heard,
        })
    }

    /// The open port visit as it will be reported, once it counts as a visit without its exit.
    pub fn open_visit(&self, cfg: &Config, areas: &Areas) -> Option<Event> {
        let v = self.visit.as_ref()?;
        Some(self.visit_event(v, false, cfg, areas)?.with("open", true))
    }

    fn gap(
        &mut self,
        prev: &Pt,
        p: &Pt,
        last_tx: Option<i64>,
        heard: Vec<StationId>,
        ctx: &mut Ctx,
    ) {
        let cfg = &ctx.cfg.gap;
        // Silence runs from the last transmission of any kind.
        let start_t = last_tx
            .filter(|t| *t > prev.t && *t < p.t)
            .unwrap_or(prev.t);
        let hours = (p.t - start_t) as f64 / MS_PER_HOUR;
        if hours < cfg.min_hours {
            return;
        }
        if cfg.min_offshore_nm > 0.0 {
            if let Some(land) = ctx.land {
                let need = cfg.min_offshore_nm * KM_PER_NM;
                if land.test(LatLon::new(prev.lat, prev.lon), need).coast_km < need {
                    return;
                }
            }
        }
        let km = distance_km(LatLon::new(prev.lat, prev.lon), LatLon::new(p.lat, p.lon));
        let total_h = (p.t - prev.t) as f64 / MS_PER_HOUR;
        let first_hour = prev.t.div_euclid(3_600_000) - cfg.hours_before.ceil() as i64;
        let before: u32 = self
            .hourly
            .iter()
            .filter(|(h, _)| *h >= first_hour)
            .map(|(_, c)| c)
            .sum();
        let mut e = Event::new(EventType::Gap, self.mmsi, prev.t, p.t, prev.ll(), p.ll())
            .with("duration_h", round(total_h, 3))
            .with("silent_h", round(hours, 3))
            .with("distance_km", round(km, 3))
            .with("implied_speed_knots", round(km / KM_PER_NM / total_h, 2))
            .with("disabling_length", hours >= cfg.disabling_hours)
            .with("positions_hours_before", before)
            .with(
                "expected_positions_hours_before",
                round(
                    cfg.hours_before * 3600.0
                        / report_interval_s(prev.class_b, self.knots.unwrap_or(0.0)),
                    0,
                ),
            )
            .with("transponder_class", if prev.class_b { "B" } else { "A" })
            .evidence(2, prev.t, p.t);
        e.area = near_area(ctx, prev.ll());
        e.other_area = near_area(ctx, p.ll());
        e.confidence = if hours >= cfg.disabling_hours {
            0.9
        } else {
            0.7
        };
        self.last_gap_end = Some(p.t);
        if let Some(v) = &mut self.visit {
            v.had_gap = true;
        }
        // The end as seen on arrival: its own course, else the way it came.
        let ll = |x: &Pt| LatLon::new(x.lat, x.lon);
        let end = GapEnd {
            knots: p.sog.map(f64::from).or(Some(km / KM_PER_NM / total_h)),
            course: p
                .cog
                .filter(|_| p.sog.is_some_and(|v| v >= 1.0))
                .map(f64::from)
                .or_else(|| (km > 0.05).then(|| bearing_deg(ll(prev), ll(p)))),
            ..self.gap_end(p)
        };
        ctx.gaps.push(PendingGap {
            event: e,
            start: self.gap_end(prev),
            end: Some(end),
            heard,
        });
    }

    /// True when the point is on land or closer to the coast than encounters may be
    /// (`ctx.shore_km`). The last test is cached: a point near it gets the same answer when the
    /// distance between them cannot change it.
    fn near_shore(&mut self, lat: f64, lon: f64, ctx: &Ctx) -> bool {
        let Some(land) = ctx.land else { return false };
        let need = ctx.shore_km;
        if let Some(c) = self.shore {
            let d = distance_km(LatLon::new(c.lat, c.lon), LatLon::new(lat, lon));
            let (on_land, coast) = (c.test.on_land, c.test.coast_km);
            if !on_land && coast - d >= need {
                return false;
            }
            if (on_land && coast - d > 0.0) || coast + d < need {
                return true;
            }
        }
        let test = land.test(LatLon::new(lat, lon), 4.0 * need.max(0.25));
        self.shore = Some(LandCache { lat, lon, test });
        test.on_land || test.coast_km < need
    }

    fn resample(&mut self, prev: &Pt, p: &Pt, ctx: &mut Ctx) {
        let cfg = &ctx.cfg.encounter;
        let step = (cfg.resample_minutes * 60_000.0) as i64;
        if step <= 0 || (p.t - prev.t) as f64 > cfg.max_gap_hours * MS_PER_HOUR || p.t <= prev.t {
            return;
        }
        let knots = implied_knots(prev, p) as f32;
        for slot in prev.t.div_euclid(step) + 1..=p.t.div_euclid(step) {
            let f = (slot * step - prev.t) as f64 / (p.t - prev.t) as f64;
            let lat = prev.lat + f * (p.lat - prev.lat);
            let lon = prev.lon + f * (p.lon - prev.lon);
            // Slots where no encounter may be kept are not paired (as slots near port areas).
            if self.near_shore(lat, lon, ctx) {
                continue;
            }
            ctx.slots.push(Slot {
                slot,
                mmsi: self.mmsi,
                track: self.index,
                lat,
                lon,
                knots,
            });
        }
    }

    fn port_visit(&mut self, p: &Pt, ctx: &mut Ctx) {
        let cfg = &ctx.cfg.port_visit;
        let knots = p
            .sog
            .map(f64::from)
            .or_else(|| self.prev.map(|q| implied_knots(&q, p)));
        let since_prev_min = self.prev.map(|q| (p.t - q.t) as f64 / 60_000.0);
        let split = since_prev_min.is_some_and(|m| m >= cfg.split_gap_hours * 60.0);
        if split {
            // A long silence in port: the visit ends at the last position seen.
            if let Some(v) = self.visit.take() {
                self.emit_visit(*v, false, ctx);
            }
        }
        if let Some(v) = &mut self.visit {
            let d = ctx.areas.get(v.area).distance_km(p.lat, p.lon);
            if d <= cfg.exit_buffer_km {
                v.n += 1;
                if d == 0.0 {
                    v.last_in = *p;
                }
                if since_prev_min.is_some_and(|m| m >= cfg.port_gap_minutes) {
                    v.had_gap = true;
                }
                if let Some(k) = knots {
                    if k <= cfg.stopped_begin_knots {
                        v.stopped = true;
                        v.had_stop = true;
                    } else if k >= cfg.stopped_end_knots {
                        v.stopped = false;
                    }
                }
                return;
            }
            let exit_seen = since_prev_min.is_some_and(|m| m < cfg.port_gap_minutes);
            let v = self.visit.take().expect("checked above");
            self.emit_visit(*v, exit_seen, ctx);
        }
        if let Some(area) = ctx.areas.containing(p.lat, p.lon) {
            let stop = knots.is_some_and(|k| k <= cfg.stopped_begin_knots);
            self.visit = Some(Box::new(Visit {
                area,
                first: *p,
                last_in: *p,
                entry_seen: since_prev_min.is_some_and(|m| m < cfg.port_gap_minutes),
                stopped: stop,
                had_stop: stop,
                had_gap: since_prev_min.is_some_and(|m| m >= cfg.port_gap_minutes),
                n: 1,
            }));
        }
    }

    fn emit_visit(&mut self, v: Visit, exit_seen: bool, ctx: &mut Ctx) {
        self.last_visit_end = Some(v.last_in.t);
        if let Some(e) = self.visit_event(&v, exit_seen, ctx.cfg, ctx.areas) {
            ctx.out.push(e);
        }
    }

    /// The event of a visit, if its confidence reaches `min_confidence`.
    fn visit_event(
        &self,
        v: &Visit,
        exit_seen: bool,
        cfg: &Config,
        areas: &Areas,
    ) -> Option<Event> {
        let ends = u8::from(v.entry_seen) + u8::from(exit_seen);
        let stop_or_gap = v.had_stop || v.had_gap;
        let confidence = match (ends, stop_or_gap) {
            (2, true) => 4,
            (1, true) => 3,
            (0, true) => 2,
            (_, false) if ends > 0 => 1,
            _ => 0,
        };
        if confidence < cfg.port_visit.min_confidence {
            return None;
        }
        let area = areas.get(v.area);
        let hours = (v.last_in.t - v.first.t) as f64 / MS_PER_HOUR;
        let mut e = Event::new(
            EventType::PortVisit,
            self.mmsi,
            v.first.t,
            v.last_in.t,
            v.first.ll(),
            v.last_in.ll(),
        )
        .with("duration_h", round(hours, 3))
        .with("kind", area.kind.clone())
        .with("gfw_confidence", confidence)
        .with("entry_seen", v.entry_seen)
        .with("exit_seen", exit_seen)
        .with("stopped", v.had_stop)
        .with("port_gap", v.had_gap)
        .evidence(v.n, v.first.t, v.last_in.t);
        e.area = Some(area.name.clone());
        e.confidence = f64::from(confidence) / 4.0;
        Some(e)
    }

    fn loitering(&mut self, p: &Pt, ctx: &mut Ctx) {
        let hour = p.t.div_euclid(3_600_000);
        if let Some(prev) = self.prev {
            let silence_h = (p.t - prev.t) as f64 / MS_PER_HOUR;
            if silence_h > ctx.cfg.loitering.max_silence_hours {
                self.close_bucket(ctx);
                self.close_loiter(ctx);
                self.bucket = Bucket::default();
            } else {
                if self.bucket.n > 0 && hour != self.bucket.hour {
                    self.close_bucket(ctx);
                }
                let b = &mut self.bucket;
                if b.n == 0 {
                    b.hour = hour;
                    b.first = Some(prev);
                }
                b.km += distance_km(LatLon::new(prev.lat, prev.lon), LatLon::new(p.lat, p.lon));
                b.hours += silence_h;
                b.last = Some(*p);
                b.n += 1;
                b.sum_lat += p.lat;
                b.sum_lon += p.lon;
            }
        }
    }

    /// Ends the current hourly bucket: slow buckets extend the loitering run, others end it.
    fn close_bucket(&mut self, ctx: &mut Ctx) {
        let b = std::mem::take(&mut self.bucket);
        if b.n == 0 || b.hours <= 0.0 {
            return;
        }
        let knots = b.km / KM_PER_NM / b.hours;
        if knots >= ctx.cfg.loitering.max_knots {
            self.close_loiter(ctx);
            return;
        }
        let (first, last) = (
            b.first.expect("bucket has points"),
            b.last.expect("bucket has points"),
        );
        let nb = b.n as f64;
        let shore = self.shore_distance_km(b.sum_lat / nb, b.sum_lon / nb, ctx);
        let (shore_km_hours, shore_hours) = shore.map_or((0.0, 0.0), |d| (d * b.hours, b.hours));
        match &mut self.loiter {
            Some(l) => {
                l.last = last;
                l.km += b.km;
                l.hours += b.hours;
                l.n += b.n;
                l.sum_lat += b.sum_lat;
                l.sum_lon += b.sum_lon;
                l.shore_km_hours += shore_km_hours;
                l.shore_hours += shore_hours;
            }
            None => {
                self.loiter = Some(Box::new(Loiter {
                    first,
                    last,
                    km: b.km,
                    hours: b.hours,
                    n: b.n + 1,
                    sum_lat: b.sum_lat,
                    sum_lon: b.sum_lon,
                    shore_km_hours,
                    shore_hours,
                }))
            }
        }
    }

    /// Distance from the coast, km (0 on land), of a slow hour's mean position for the
    /// loitering shore rule, measured up to twice the rule's distance (farther counts as
    /// that). None when the rule is off or the point lies outside the land polygons' bbox.
    fn shore_distance_km(&mut self, lat: f64, lon: f64, ctx: &Ctx) -> Option<f64> {
        let need = ctx.loiter_shore_km;
        let land = ctx
            .land
            .filter(|l| need > 0.0 && l.covers(LatLon::new(lat, lon)))?;
        let test = match self.loiter_shore {
            Some(c)
                if distance_km(LatLon::new(c.lat, c.lon), LatLon::new(lat, lon))
                    <= LOITER_SHORE_CACHE_KM =>
            {
                c.test
            }
            _ => {
                let test = land.test(LatLon::new(lat, lon), 2.0 * need);
                self.loiter_shore = Some(LandCache { lat, lon, test });
                test
            }
        };
        Some(if test.on_land { 0.0 } else { test.coast_km })
    }

    fn close_loiter(&mut self, ctx: &mut Ctx) {
        let Some(l) = self.loiter.take() else { return };
        let cfg = &ctx.cfg.loitering;
        let hours = (l.last.t - l.first.t) as f64 / MS_PER_HOUR;
        if hours < cfg.min_hours {
            return;
        }
        let n_mean = (l.n - 1).max(1) as f64;
        let (mlat, mlon) = (l.sum_lat / n_mean, l.sum_lon / n_mean);
        if let Some((_, d)) = ctx
            .areas
            .nearest_within(mlat, mlon, cfg.min_port_distance_km, |a| {
                ctx.cfg.is_port_kind(&a.kind)
            })
        {
            if d < cfg.min_port_distance_km {
                *ctx.dropped.entry("loitering_near_port").or_insert(0) += 1;
                return;
            }
        }
        // GFW's published rule: hour-weighted average distance from shore. Hours outside the
        // land polygons' bbox are not measured; with none measured the rule cannot apply.
        let shore_nm = (l.shore_hours > 0.0).then(|| l.shore_km_hours / l.shore_hours / KM_PER_NM);
        if shore_nm.is_some_and(|nm| nm * KM_PER_NM < ctx.loiter_shore_km) {
            *ctx.dropped.entry("loitering_near_shore").or_insert(0) += 1;
            return;
        }
        let mut e = Event::new(
            EventType::Loitering,
            self.mmsi,
            l.first.t,
            l.last.t,
            l.first.ll(),
            l.last.ll(),
        )
        .with("loitering_hours", round(hours, 3))
        .with(
            "avg_speed_knots",
            round(l.km / KM_PER_NM / l.hours.max(1e-9), 3),
        )
        .with("tot_distance_nm", round(l.km / KM_PER_NM, 3))
        .with("mean_lat", round(mlat, 5))
        .with("mean_lon", round(mlon, 5))
        .evidence(l.n, l.first.t, l.last.t);
        if let Some(nm) = shore_nm {
            e.details
                .insert("avg_distance_from_shore_nm".into(), round(nm, 2).into());
        }
        e.area = ctx
            .areas
            .nearest_within(mlat, mlon, 0.0, |_| true)
            .map(|(i, _)| ctx.areas.get(i).name.clone());
        e.confidence = 0.8;
        ctx.out.push(e);
    }
}

/// Name of the nearest area within the gap's `near_area_km`.
pub(crate) fn near_area(ctx: &Ctx, ll: (f64, f64)) -> Option<String> {
    area_near(ctx.cfg, ctx.areas, ll)
}

fn area_near(cfg: &Config, areas: &Areas, (lat, lon): (f64, f64)) -> Option<String> {
    areas
        .nearest_within(lat, lon, cfg.gap.near_area_km, |_| true)
        .map(|(i, _)| areas.get(i).name.clone())
}

/// Rounds to `digits` decimals for JSON details.
pub(crate) fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}
