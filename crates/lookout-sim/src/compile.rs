//! Compiles a scenario's scripts (and random background traffic) into per-vessel [`Plan`]s and
//! the ground truth they imply.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;

use crate::geo::{destination, distance_km, LatLon, Polyline, KM_PER_NM};
use crate::identity::{flag_for_mmsi, reflag};
use crate::plan::{sail_seconds, FakeMotion, Identity, Leg, Motion, Plan};
use crate::route::Router;
use crate::scenario::{Area, Duration, Hours, Place, Scenario, Seconds, Spoof, Step, VesselSpec};
use crate::truth::{ms, seconds, Absence, Event, EventType, VesselInfo, Voyage};
use lookout_core::land::Land;

/// Radius of the circle two ships drift on while alongside, km.
const ALONGSIDE_RADIUS_KM: f64 = 0.3;
/// Distance between two ships alongside, km.
const ALONGSIDE_GAP_KM: f64 = 0.06;
/// Drift speed while loitering or alongside, knots.
const DRIFT_KN: f64 = 0.6;

/// Everything compiled from a scenario.
pub struct Compiled {
    /// One plan per vessel (scripted first, then background).
    pub plans: Vec<Plan>,
    /// True events known from the scripts (gaps from coverage are added while streaming).
    pub events: Vec<Event>,
    /// True voyages.
    pub voyages: Vec<Voyage>,
    /// Absences from the vessels' usual trade.
    pub absences: Vec<Absence>,
    /// The vessels.
    pub vessels: Vec<VesselInfo>,
}

/// Errors compiling scripts.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// A place cannot be reached or has no sea nearby.
    #[error("{0}")]
    Unroutable(String),
    /// Meetings that can never happen.
    #[error("meetings cannot be resolved: {0}")]
    Deadlock(String),
}

/// Geography shared by all vessels: areas, berth points and a route cache.
pub struct World<'a> {
    scenario: &'a Scenario,
    land: &'a Land,
    router: Router<'a>,
    berths: HashMap<String, LatLon>,
    routes: HashMap<[u64; 4], Arc<Polyline>>,
    /// Vessels' own berth spots, keyed by position bits, with the main berth they hang off.
    spots: HashMap<[u64; 2], LatLon>,
}

impl<'a> World<'a> {
    /// Builds the routing grid over the land mask.
    pub fn new(scenario: &'a Scenario, land: &'a Land) -> Self {
        Self {
            scenario,
            land,
            router: Router::new(land),
            berths: HashMap::new(),
            routes: HashMap::new(),
            spots: HashMap::new(),
        }
    }

    fn area(&self, name: &str) -> &'a Area {
        self.scenario.area(name).expect("validated")
    }

    /// The main berth point of an area: at sea, inside it, reachable from the routing grid.
    pub fn berth(&mut self, name: &str) -> Result<LatLon, CompileError> {
        if let Some(p) = self.berths.get(name) {
            return Ok(*p);
        }
        let area = self.area(name);
        let (centre, radius) = area.anchor();
        let p = self
            .router
            .sea_point_near(centre, radius.max(0.5))
            .filter(|p| area.contains(*p))
            .ok_or_else(|| {
                CompileError::Unroutable(format!("area {name:?} has no navigable water inside it"))
            })?;
        self.berths.insert(name.to_owned(), p);
        Ok(p)
    }

    /// A nearby spot in the same area with a clear line from the main berth, for one vessel.
    fn own_berth(&mut self, name: &str, rng: &mut ChaCha8Rng) -> Result<LatLon, CompileError> {
        let main = self.berth(name)?;
        let area = self.area(name);
        let (_, radius) = area.anchor();
        for _ in 0..12 {
            let p = destination(
                main,
                rng.random_range(0.0..360.0),
                rng.random_range(0.05..0.5) * radius.max(0.5),
            );
            if area.contains(p) && !self.land.segment_hits_land(main, p) {
                self.spots.insert([p.lat.to_bits(), p.lon.to_bits()], main);
                return Ok(p);
            }
        }
        Ok(main)
    }

    /// A sea route, cached by its end points.
    pub fn route(&mut self, from: LatLon, to: LatLon) -> Result<Arc<Polyline>, CompileError> {
        let key = [
            from.lat.to_bits(),
            from.lon.to_bits(),
            to.lat.to_bits(),
            to.lon.to_bits(),
        ];
        if let Some(r) = self.routes.get(&key) {
            return Ok(r.clone());
        }
        let points = self.router.route(from, to).ok_or_else(|| {
            CompileError::Unroutable(format!(
                "no sea route from {:.4},{:.4} to {:.4},{:.4}",
                from.lat, from.lon, to.lat, to.lon
            ))
        })?;
        let line = Arc::new(Polyline::new(points));
        self.routes.insert(key, line.clone());
        Ok(line)
    }

    /// A sea route between any two points, via the main berths when they are vessels' own
    /// spots (so routes between areas are computed once and shared).
    pub fn route_via_berths(
        &mut self,
        from: LatLon,
        to: LatLon,
    ) -> Result<Arc<Polyline>, CompileError> {
        let main = |p: LatLon| {
            self.spots
                .get(&[p.lat.to_bits(), p.lon.to_bits()])
                .copied()
                .unwrap_or(p)
        };
        let (a, b) = (main(from), main(to));
        let core = self.route(a, b)?;
        if a == from && b == to {
            return Ok(core);
        }
        let mut points = Vec::with_capacity(core.points().len() + 2);
        if a != from {
            points.push(from);
        }
        points.extend_from_slice(core.points());
        if b != to {
            points.push(to);
        }
        Ok(Arc::new(Polyline::new(points)))
    }

    /// A sea point for a free position (a loitering spot, a meeting point).
    fn sea_point(&self, p: LatLon) -> Result<LatLon, CompileError> {
        self.router.sea_point_near(p, 20.0).ok_or_else(|| {
            CompileError::Unroutable(format!("no sea within 20 km of {:.4},{:.4}", p.lat, p.lon))
        })
    }

    /// Name of the first area containing `p`.
    pub fn area_at(&self, p: LatLon) -> Option<&'a str> {
        self.scenario
            .areas
            .iter()
            .find(|a| a.contains(p))
            .map(|a| a.name.as_str())
    }
}

struct MeetWait {
    with: usize,
    centre: LatLon,
    hours: Hours,
    arrival: Seconds,
}

/// One vessel being compiled.
struct Builder {
    idx: usize,
    plan: Plan,
    rng: ChaCha8Rng,
    end: Seconds,
    speed_kn: f64,
    laden: f64,
    ballast: f64,
    t: Seconds,
    pos: LatLon,
    at_area: Option<String>,
    visit: Option<(String, Seconds, u32)>,
    last_departure: Option<(String, Seconds, u32)>,
    cargo: u32,
    draught: f64,
    pending_draught: Option<f64>,
    toggles: Vec<(Seconds, bool)>,
    steps: Vec<Step>,
    next: usize,
    waiting: Option<MeetWait>,
    done: bool,
    events: Vec<Event>,
    voyages: Vec<Voyage>,
    absences: Vec<Absence>,
}

fn draw(rng: &mut ChaCha8Rng, h: Hours) -> f64 {
    if h.1 > h.0 {
        rng.random_range(h.0..h.1)
    } else {
        h.0
    }
}

fn flatten(steps: &[Step], out: &mut Vec<Step>) {
    for s in steps {
        match s {
            Step::Repeat { times, steps } => {
                for _ in 0..*times {
                    flatten(steps, out);
                }
            }
            other => out.push(other.clone()),
        }
    }
}

impl Builder {
    fn identity(&self) -> &Identity {
        &self.plan.identities.last().expect("initial identity").1
    }

    fn mmsi(&self) -> u32 {
        self.identity().mmsi
    }

    fn stay_until(&mut self, t1: Seconds, status: u8) {
        if t1 <= self.t {
            return;
        }
        if let Some(last) = self.plan.legs.last_mut() {
            if let Motion::Stay { pos, status: s, .. } = last.motion {
                if pos == self.pos && s == status && last.t1 == self.t {
                    last.t1 = t1;
                    self.t = t1;
                    return;
                }
            }
        }
        let heading = self.rng.random_range(0.0..360.0_f64).round();
        self.plan.legs.push(Leg {
            t0: self.t,
            t1,
            motion: Motion::Stay {
                pos: self.pos,
                status,
                heading,
            },
        });
        self.t = t1;
    }

    fn until(&mut self, d: Duration) -> Seconds {
        match (d.until, d.hours) {
            (Some(u), _) => u.max(self.t),
            (None, Some(h)) => self.t + draw(&mut self.rng, h) * 3600.0,
            (None, None) => self.t,
        }
    }

    /// Leaves the current berth: closes the port visit, applies a pending draught change.
    fn depart(&mut self, world: &World) {
        if let Some((area, arrived, mmsi)) = self.visit.take() {
            let ev = Event::new(
                EventType::PortVisit,
                &self.plan.name,
                mmsi,
                ms(arrived),
                ms(self.t),
                self.pos,
                self.pos,
            )
            .areas(Some(&area), None)
            .details(
                json!({"kind": world.area(&area).kind, "duration_h": (self.t - arrived) / 3600.0}),
            );
            self.events.push(ev);
            if let Some(d) = self.pending_draught.take() {
                if (d - self.draught).abs() > 0.05 {
                    let ev = Event::new(
                        EventType::DraughtChange,
                        &self.plan.name,
                        self.mmsi(),
                        ms(self.t),
                        ms(self.t),
                        self.pos,
                        self.pos,
                    )
                    .areas(Some(&area), None)
                    .details(
                        json!({"from_m": self.draught, "to_m": d, "cargo_containers": self.cargo}),
                    );
                    self.events.push(ev);
                    self.draught = d;
                    self.plan.draughts.push((self.t, d));
                }
            }
            self.last_departure = Some((area, self.t, self.cargo));
        }
        self.at_area = None;
    }

    fn arrive(&mut self, area: &str) {
        if self.visit.as_ref().is_some_and(|(a, _, _)| a == area) {
            return;
        }
        if let Some((origin, departed, cargo)) = self.last_departure.take() {
            if origin != area {
                self.voyages.push(Voyage {
                    voyage_id: String::new(),
                    vessel: self.plan.name.clone(),
                    mmsi: self.mmsi(),
                    imo: self.identity().imo,
                    origin,
                    destination: area.to_owned(),
                    depart_time: ms(departed),
                    arrive_time: ms(self.t),
                    cargo_containers: cargo,
                    distance_km: 0.0,
                    ais_off_fraction: 0.0,
                    received_positions: 0,
                });
            }
        }
        self.visit = Some((area.to_owned(), self.t, self.mmsi()));
        self.at_area = Some(area.to_owned());
    }

    fn sail(&mut self, world: &mut World, to: LatLon, speed_kn: f64) -> Result<(), CompileError> {
        if distance_km(self.pos, to) < 0.01 {
            return Ok(());
        }
        self.depart(world);
        let line = world.route_via_berths(self.pos, to)?;
        let secs = sail_seconds(line.length_km(), speed_kn, false);
        self.plan.legs.push(Leg {
            t0: self.t,
            t1: self.t + secs,
            motion: Motion::Sail {
                line,
                speed_kn,
                offset_km: 0.0,
            },
        });
        self.t += secs;
        self.pos = to;
        Ok(())
    }

    fn drift(&mut self, centre: LatLon, radius_km: f64, speed_kn: f64, phase: f64, t1: Seconds) {
        if t1 > self.t {
            self.plan.legs.push(Leg {
                t0: self.t,
                t1,
                motion: Motion::Drift {
                    centre,
                    radius_km,
                    speed_kn,
                    phase,
                },
            });
            self.t = t1;
        }
    }

    fn loitering(
        &mut self,
        world: &World,
        t0: Seconds,
        t1: Seconds,
        p0: LatLon,
        p1: LatLon,
        why: &str,
    ) {
        if t1 - t0 >= 3600.0 && world.area_at(p0).is_none() {
            let ev = Event::new(
                EventType::Loitering,
                &self.plan.name,
                self.mmsi(),
                ms(t0),
                ms(t1),
                p0,
                p1,
            )
            .details(json!({"reason": why, "duration_h": (t1 - t0) / 3600.0}));
            self.events.push(ev);
        }
    }

    fn place(
        &mut self,
        world: &mut World,
        place: &Place,
        own: bool,
    ) -> Result<(LatLon, Option<String>), CompileError> {
        Ok(match place {
            Place::Area(name) if own => (world.own_berth(name, &mut self.rng)?, Some(name.clone())),
            Place::Area(name) => (world.berth(name)?, Some(name.clone())),
            Place::Point(p) => (world.sea_point(*p)?, None),
        })
    }

    /// Runs steps until the script ends, the scenario ends, or a meeting needs the other ship.
    fn run(&mut self, world: &mut World) -> Result<(), CompileError> {
        while self.next < self.steps.len() && self.t < self.end {
            let step = self.steps[self.next].clone();
            self.next += 1;
            match step {
                Step::Berth(b) => {
                    if self.at_area.as_deref() != Some(b.berth.as_str()) {
                        let (spot, _) = self.place(world, &Place::Area(b.berth.clone()), true)?;
                        self.sail(world, spot, self.speed_kn)?;
                    }
                    self.arrive(&b.berth);
                    let t1 = self.until(b.duration());
                    self.stay_until(t1, if b.anchored { 1 } else { 5 });
                    if b.unload {
                        self.cargo = 0;
                    }
                    if let Some(c) = b.load {
                        self.cargo += if c.1 > c.0 {
                            self.rng.random_range(c.0..=c.1)
                        } else {
                            c.0
                        };
                    }
                    let target = b.draught.unwrap_or(if self.cargo > 0 {
                        self.laden
                    } else {
                        self.ballast
                    });
                    self.pending_draught = Some(target);
                }
                Step::SailTo { to, speed_kn } => {
                    let (p, area) = self.place(world, &to, true)?;
                    self.sail(world, p, speed_kn.unwrap_or(self.speed_kn))?;
                    if let Some(a) = area {
                        self.arrive(&a);
                    }
                }
                Step::Loiter {
                    at,
                    duration,
                    radius_km,
                } => {
                    let (centre, _) = self.place(world, &at, false)?;
                    let mut r = radius_km.max(0.1);
                    while r > 0.1
                        && (0..16)
                            .any(|k| world.land.is_land(destination(centre, k as f64 * 22.5, r)))
                    {
                        r /= 2.0;
                    }
                    let start = destination(centre, 0.0, r);
                    self.sail(world, start, self.speed_kn)?;
                    let t0 = self.t;
                    let t1 = self.until(duration);
                    self.drift(centre, r, DRIFT_KN, 0.0, t1);
                    let p1 = self.plan.true_state(self.t - 1.0, 0).0.pos;
                    self.loitering(world, t0, self.t, start, p1, "loiter");
                }
                Step::Meet { with, at, hours } => {
                    let other = world
                        .scenario
                        .vessels
                        .iter()
                        .position(|v| v.name == with)
                        .expect("validated");
                    let centre = world.sea_point(at)?;
                    let r = ALONGSIDE_RADIUS_KM
                        + if self.idx > other {
                            ALONGSIDE_GAP_KM
                        } else {
                            0.0
                        };
                    self.sail(world, destination(centre, 0.0, r), self.speed_kn)?;
                    self.waiting = Some(MeetWait {
                        with: other,
                        centre,
                        hours,
                        arrival: self.t,
                    });
                    return Ok(());
                }
                Step::Ais { on, hours } => {
                    self.toggles.push((self.t, on));
                    if let Some(h) = hours {
                        let back = self.t + draw(&mut self.rng, h) * 3600.0;
                        self.toggles.push((back, !on));
                    }
                }
                Step::Change(c) => self.change_identity(&c),
                Step::Spoof(s) => self.spoof(world, &s)?,
                Step::Wait(d) => {
                    let t1 = self.until(d);
                    if self.at_area.is_some() {
                        let status = self
                            .plan
                            .legs
                            .last()
                            .map_or(5, |l| l.motion.at(0.0, 0.0).status);
                        self.stay_until(t1, if status == 1 { 1 } else { 5 });
                    } else {
                        let (t0, p0) = (self.t, self.pos);
                        let centre = destination(self.pos, 180.0, 0.3);
                        self.drift(centre, 0.3, DRIFT_KN, 0.0, t1);
                        let p1 = self.plan.true_state(self.t - 1.0, 0).0.pos;
                        self.loitering(world, t0, self.t, p0, p1, "wait");
                    }
                }
                Step::Absence(a) => {
                    if self.rng.random::<f64>() >= a.chance {
                        continue;
                    }
                    let t0 = self.t;
                    let (p, area) = self.place(world, &a.at, true)?;
                    self.sail(world, p, self.speed_kn)?;
                    let t1 = self.t + draw(&mut self.rng, a.days) * 86_400.0;
                    match &area {
                        Some(name) => {
                            self.arrive(name);
                            self.stay_until(t1, 5);
                        }
                        None => {
                            let (t0, p0) = (self.t, self.pos);
                            let centre = destination(self.pos, 180.0, 0.3);
                            self.drift(centre, 0.3, DRIFT_KN, 0.0, t1);
                            let p1 = self.plan.true_state(self.t - 1.0, 0).0.pos;
                            self.loitering(world, t0, self.t, p0, p1, "wait");
                        }
                    }
                    self.absences.push(Absence {
                        vessel: self.plan.name.clone(),
                        kind: a.absence.clone(),
                        area,
                        start_time: ms(t0),
                        end_time: ms(self.t.min(self.end)),
                    });
                }
                Step::Repeat { .. } => unreachable!("flattened"),
            }
        }
        self.done = true;
        Ok(())
    }

    fn change_identity(&mut self, c: &crate::scenario::IdentityChange) {
        let old = self.identity().clone();
        let mut new = old.clone();
        if let Some(n) = &c.name {
            new.name = n.clone();
        }
        if let Some(cs) = &c.callsign {
            new.callsign = cs.clone();
        }
        if let Some(imo) = c.imo {
            new.imo = imo;
        }
        match (c.mmsi, &c.flag) {
            (Some(m), _) => new.mmsi = m,
            (None, Some(f)) => new.mmsi = reflag(old.mmsi, f).expect("validated flag"),
            _ => {}
        }
        let changed: Vec<&str> = [
            ("name", old.name != new.name),
            ("callsign", old.callsign != new.callsign),
            ("imo", old.imo != new.imo),
            ("mmsi", old.mmsi != new.mmsi),
            ("flag", flag_for_mmsi(old.mmsi) != flag_for_mmsi(new.mmsi)),
        ]
        .into_iter()
        .filter_map(|(k, c)| c.then_some(k))
        .collect();
        let ev = Event::new(EventType::IdentityChange, &self.plan.name, old.mmsi, ms(self.t), ms(self.t), self.pos, self.pos)
            .details(json!({
                "changed": changed,
                "old": {"name": old.name, "callsign": old.callsign, "imo": old.imo, "mmsi": old.mmsi, "flag": flag_for_mmsi(old.mmsi)},
                "new": {"name": new.name, "callsign": new.callsign, "imo": new.imo, "mmsi": new.mmsi, "flag": flag_for_mmsi(new.mmsi)},
            }));
        self.events.push(ev);
        self.plan.identities.push((self.t, new));
    }

    fn spoof(&mut self, world: &mut World, s: &Spoof) -> Result<(), CompileError> {
        let (fake, secs, kind) = match s {
            Spoof::Jump { to, minutes } => (FakeMotion::Fixed(*to), minutes * 60.0, "jump"),
            Spoof::Track {
                from,
                to,
                speed_kn,
                hours,
            } => {
                let line = match (
                    world.router.sea_point_near(*from, 5.0),
                    world.router.sea_point_near(*to, 5.0),
                ) {
                    (Some(a), Some(b)) => world.route(a, b)?,
                    _ => Arc::new(Polyline::new(vec![*from, *to])),
                };
                let secs = draw(&mut self.rng, *hours) * 3600.0;
                (
                    FakeMotion::Track {
                        line,
                        speed_kn: *speed_kn,
                    },
                    secs,
                    "track",
                )
            }
            Spoof::Circle {
                centre,
                radius_km,
                speed_kn,
                hours,
            } => (
                FakeMotion::Circle {
                    centre: *centre,
                    radius_km: *radius_km,
                    speed_kn: *speed_kn,
                },
                draw(&mut self.rng, *hours) * 3600.0,
                "circle",
            ),
            Spoof::Pattern {
                centre,
                radius_km,
                vertices,
                speed_kn,
                hours,
            } => {
                let secs = draw(&mut self.rng, *hours) * 3600.0;
                let line = crate::effects::pattern_line(
                    *centre,
                    *radius_km,
                    *vertices,
                    secs * speed_kn * KM_PER_NM / 3600.0,
                );
                let fake = FakeMotion::Track {
                    line,
                    speed_kn: *speed_kn,
                };
                (fake, secs, "pattern")
            }
            Spoof::Frozen { hours } => (
                FakeMotion::Frozen(self.pos),
                draw(&mut self.rng, *hours) * 3600.0,
                "frozen",
            ),
            Spoof::Rogue { at, hours } => (
                FakeMotion::Rogue(*at),
                draw(&mut self.rng, *hours) * 3600.0,
                "rogue_transmitter",
            ),
        };
        let (p0, p1) = (fake.at(0.0).pos, fake.at(secs).pos);
        let ev = Event::new(
            EventType::Spoofing,
            &self.plan.name,
            self.mmsi(),
            ms(self.t),
            ms(self.t + secs),
            p0,
            p1,
        )
        .areas(world.area_at(p0), world.area_at(p1))
        .details(
            json!({"kind": kind, "true_lat": self.pos.lat, "true_lon": self.pos.lon,
                "false_position_on_land": world.land.is_land(p0)}),
        );
        self.events.push(ev);
        self.plan.spoofs.push((self.t, self.t + secs, fake));
        Ok(())
    }

    /// Ends the timeline at the scenario end and derives gaps and voyage statistics.
    fn finish(&mut self, world: &World, start: Seconds) {
        if self.t < self.end {
            if self.at_area.is_some() {
                self.stay_until(self.end, 5);
            } else {
                let centre = destination(self.pos, 180.0, 0.3);
                self.drift(centre, 0.3, DRIFT_KN, 0.0, self.end);
            }
        }
        let t_end = self.t.max(self.end);
        if let Some((area, arrived, mmsi)) = self.visit.take() {
            let ev = Event::new(EventType::PortVisit, &self.plan.name, mmsi, ms(arrived), ms(t_end.min(self.end)), self.pos, self.pos)
                .areas(Some(&area), None)
                .details(json!({"kind": world.area(&area).kind, "open_end": true, "duration_h": (t_end.min(self.end) - arrived) / 3600.0}));
            self.events.push(ev);
        }
        // Transponder intervals from the toggles (stable sort keeps script order at equal times);
        // the constructor marks a transponder off from the start with an empty interval.
        self.toggles.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut on = self.plan.ais_off.is_empty();
        let mut off_since = start;
        let mut intervals = Vec::new();
        for &(t, state) in &self.toggles {
            if state == on {
                continue;
            }
            if state {
                intervals.push((off_since, t));
            } else {
                off_since = t;
            }
            on = state;
        }
        if !on {
            intervals.push((off_since, f64::INFINITY));
        }
        self.plan.ais_off = intervals;
        for &(t0, t1) in &self.plan.ais_off.clone() {
            let t1c = t1.min(self.end);
            if t1c <= t0 || t0 >= self.end {
                continue;
            }
            let p0 = self.plan.true_state(t0, 0).0.pos;
            let p1 = self.plan.true_state(t1c, 0).0.pos;
            let hours = (t1c - t0) / 3600.0;
            let km = distance_km(p0, p1);
            let mmsi = latest(&self.plan.identities, t0).mmsi;
            let ev = Event::new(EventType::Gap, &self.plan.name, mmsi, ms(t0), ms(t1c), p0, p1)
                .areas(world.area_at(p0), world.area_at(p1))
                .details(json!({"cause": "ais_off", "duration_h": hours, "distance_km": km,
                    "implied_speed_knots": km / KM_PER_NM / hours.max(1e-9), "open_end": t1 > self.end}));
            self.events.push(ev);
        }
        for v in &mut self.voyages {
            let (depart, arrive) = (seconds(v.depart_time), seconds(v.arrive_time));
            v.distance_km = (self.plan.distance_between(depart, arrive) * 10.0).round() / 10.0;
            let span = (arrive - depart).max(1.0);
            let off: f64 = self
                .plan
                .ais_off
                .iter()
                .map(|&(a, b)| (b.min(arrive) - a.max(depart)).max(0.0))
                .sum();
            v.ais_off_fraction = (off / span * 1000.0).round() / 1000.0;
        }
    }
}

fn latest(list: &[(Seconds, Identity)], t: Seconds) -> &Identity {
    crate::plan::latest(list, t).expect("initial identity")
}

fn new_builder(
    idx: usize,
    spec: &VesselSpec,
    scenario: &Scenario,
    seed: u64,
    background: bool,
) -> Builder {
    let identity = Identity {
        name: spec.name.clone(),
        callsign: spec.callsign.clone(),
        imo: spec.imo,
        mmsi: spec.mmsi,
    };
    let draught = if spec.cargo > 0 {
        spec.draught_laden_m
    } else {
        spec.draught_ballast_m
    };
    let mut steps = Vec::new();
    flatten(&spec.script, &mut steps);
    Builder {
        idx,
        plan: Plan {
            name: spec.name.clone(),
            class: spec.class,
            ship_type: spec.ship_type,
            length_m: spec.length_m,
            beam_m: spec.beam_m,
            destination: spec.destination.clone(),
            legs: Vec::new(),
            ais_off: if spec.ais_on {
                Vec::new()
            } else {
                vec![(scenario.start, scenario.start)]
            },
            spoofs: Vec::new(),
            identities: vec![(scenario.start, identity)],
            draughts: vec![(scenario.start, draught)],
            background,
        },
        rng: ChaCha8Rng::seed_from_u64(seed ^ (idx as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
        end: scenario.end,
        speed_kn: spec.speed_kn,
        laden: spec.draught_laden_m,
        ballast: spec.draught_ballast_m,
        t: scenario.start,
        pos: LatLon::new(0.0, 0.0),
        at_area: None,
        visit: None,
        last_departure: None,
        cargo: spec.cargo,
        draught,
        pending_draught: None,
        toggles: Vec::new(),
        steps,
        next: 0,
        waiting: None,
        done: false,
        events: Vec::new(),
        voyages: Vec::new(),
        absences: Vec::new(),
    }
}

/// Compiles all scripted vessels and `background` random ones.
pub fn compile(
    scenario: &Scenario,
    land: &Land,
    seed: u64,
    background: usize,
) -> Result<Compiled, CompileError> {
    let mut world = World::new(scenario, land);
    let mut builders: Vec<Builder> = Vec::new();
    for (idx, spec) in scenario.vessels.iter().enumerate() {
        let mut b = new_builder(idx, spec, scenario, seed, false);
        let (pos, area) = b.place(&mut world, &spec.start_at, true)?;
        b.pos = pos;
        if let Some(a) = area {
            b.arrive(&a);
        }
        builders.push(b);
    }
    // Scripted vessels: run until each finishes, resolving meetings as pairs arrive.
    loop {
        for b in builders.iter_mut() {
            if !b.done && b.waiting.is_none() {
                b.run(&mut world)?;
            }
        }
        let mut progress = false;
        for i in 0..builders.len() {
            let Some(w) = builders[i].waiting.as_ref() else {
                continue;
            };
            let j = w.with;
            if builders[j].done {
                builders[i].waiting = None; // the other ship never comes: carry on
                progress = true;
            } else if builders[j].waiting.as_ref().is_some_and(|o| o.with == i) && i < j {
                meet(&mut builders, i, j, &world);
                progress = true;
            }
        }
        if builders.iter().all(|b| b.done) {
            break;
        }
        if !progress {
            let stuck: Vec<String> = builders
                .iter()
                .filter(|b| b.waiting.is_some())
                .map(|b| {
                    format!(
                        "{} waits for {}",
                        b.plan.name,
                        scenario.vessels[b.waiting.as_ref().unwrap().with].name
                    )
                })
                .collect();
            return Err(CompileError::Deadlock(stuck.join("; ")));
        }
    }
    let scripted = builders.len();
    let mut mmsis: HashSet<u32> = scenario.vessels.iter().map(|v| v.mmsi).collect();
    for k in 0..background {
        let idx = scripted + k;
        let mut rng = ChaCha8Rng::seed_from_u64(
            seed ^ 0xB6 ^ (idx as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        );
        let (spec, start) = crate::background::random_vessel(&mut rng, k, scenario, &mut mmsis);
        let mut b = new_builder(idx, &spec, scenario, seed, true);
        match start {
            crate::background::Start::Berthed(port) => {
                b.pos = world.berth(&port)?;
                b.arrive(&port);
            }
            crate::background::Start::Underway { from, to, fraction } => {
                let (a, z) = (world.berth(&from)?, world.berth(&to)?);
                let line = world.route(a, z)?;
                let offset_km = line.length_km() * fraction;
                let secs = sail_seconds(line.length_km() - offset_km, spec.speed_kn, true);
                b.plan.legs.push(Leg {
                    t0: b.t,
                    t1: b.t + secs,
                    motion: Motion::Sail {
                        line,
                        speed_kn: spec.speed_kn,
                        offset_km,
                    },
                });
                b.t += secs;
                b.pos = z;
            }
        }
        b.run(&mut world)?;
        builders.push(b);
    }
    let mut out = Compiled {
        plans: Vec::new(),
        events: Vec::new(),
        voyages: Vec::new(),
        absences: Vec::new(),
        vessels: Vec::new(),
    };
    for mut b in builders {
        b.finish(&world, scenario.start);
        let mut mmsis: Vec<u32> = b.plan.identities.iter().map(|(_, id)| id.mmsi).collect();
        mmsis.dedup();
        out.vessels.push(VesselInfo {
            name: b.plan.name.clone(),
            mmsis,
            imo: b.plan.identities[0].1.imo,
            class: b.plan.class.as_str().to_owned(),
            ship_type: b.plan.ship_type,
            background: b.plan.background,
        });
        out.events.append(&mut b.events);
        out.voyages.append(&mut b.voyages);
        out.absences.append(&mut b.absences);
        out.plans.push(b.plan);
    }
    out.events.sort_by(|a, b| {
        a.start_time
            .cmp(&b.start_time)
            .then_with(|| a.vessel.cmp(&b.vessel))
    });
    for (k, e) in out.events.iter_mut().enumerate() {
        e.event_id = format!("T{:06}", k + 1);
    }
    out.voyages.sort_by(|a, b| {
        a.depart_time
            .cmp(&b.depart_time)
            .then_with(|| a.vessel.cmp(&b.vessel))
    });
    for (k, v) in out.voyages.iter_mut().enumerate() {
        v.voyage_id = format!("V{:05}", k + 1);
    }
    Ok(out)
}

/// Resolves a meeting between two waiting builders `i < j`.
fn meet(builders: &mut [Builder], i: usize, j: usize, world: &World) {
    let (left, right) = builders.split_at_mut(j);
    let (a, b) = (&mut left[i], &mut right[0]);
    let (wa, wb) = (a.waiting.take().unwrap(), b.waiting.take().unwrap());
    let start = wa.arrival.max(wb.arrival);
    let hours = draw(&mut a.rng, wa.hours);
    let end = start + hours * 3600.0;
    let omega = DRIFT_KN / ALONGSIDE_RADIUS_KM; // same angular speed for both circles
    for (v, w) in [(&mut *a, &wa), (&mut *b, &wb)] {
        let r = ALONGSIDE_RADIUS_KM
            + if v.idx > w.with {
                ALONGSIDE_GAP_KM
            } else {
                0.0
            };
        let t0 = v.t;
        let p0 = v.pos;
        // Wait for the other ship on a few whole circles so the meeting starts at angle 0.
        let wait = start - v.t;
        if wait > 600.0 {
            let nominal_turns =
                (wait * DRIFT_KN * KM_PER_NM / 3600.0 / (std::f64::consts::TAU * r))
                    .round()
                    .max(1.0);
            let speed = nominal_turns * std::f64::consts::TAU * r / (wait / 3600.0) / KM_PER_NM;
            v.drift(w.centre, r, speed, 0.0, start);
        } else {
            v.stay_until(start, 0);
        }
        v.drift(w.centre, r, omega * r, 0.0, end);
        let p1 = v.plan.true_state(end - 1.0, 0).0.pos;
        v.loitering(world, t0, end, p0, p1, "meeting");
    }
    let pa = a.plan.true_state(start, 0).0.pos;
    let pa1 = a.plan.true_state(end - 1.0, 0).0.pos;
    let mut ev = Event::new(
        EventType::Encounter,
        &a.plan.name,
        a.mmsi(),
        ms(start),
        ms(end),
        pa,
        pa1,
    )
    .areas(world.area_at(pa), None)
    .details(json!({"duration_h": hours, "distance_m": ALONGSIDE_GAP_KM * 1000.0}));
    ev.other_vessel = Some(b.plan.name.clone());
    ev.other_mmsi = Some(b.mmsi());
    a.events.push(ev);
}
