//! The reporting model and the streaming run: each vessel transmits at the ITU-R M.1371 rates
//! for its class, speed and turning; stations in range and passing satellites receive (or miss)
//! each message; a time-ordered merge across vessels feeds a [`Sink`]. Memory is bounded by the
//! number of vessels, not by the number of messages.

use std::io::{self, Write};

use lookout_ais::message::{
    deg_to_min1e4, AisString, ClassBPositionReport, PositionReport, StaticAndVoyageData,
    StaticDataPartA, StaticDataPartB, StaticDataReport,
};
use lookout_ais::AisMessage;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::compile::{compile, CompileError, Compiled};
use crate::effects::{self, InRange};
use crate::geo::{LatLon, EARTH_RADIUS_KM};
use crate::observed::{self, Affected, Received, Silence};
use crate::plan::{latest, Kinematics, Motion, Plan};
use crate::scenario::{Area, Class, Scenario, Seconds};
use crate::truth::{ms, Event, Stats, Voyage};
use lookout_core::land::Land;
use lookout_core::truth::Truth;

/// Static and voyage data (type 5, or type 24 A and B) interval, seconds.
pub const STATIC_INTERVAL: f64 = 360.0;
/// A received silence at least this long is a `gap` in the truth (GFW raw gaps: 6 h).
pub const GAP_SECONDS: f64 = 6.0 * 3600.0;

/// Class A reporting interval (ITU-R M.1371-5 Table 1) for a state.
pub fn class_a_interval(k: &Kinematics) -> f64 {
    let turning = k.rot.abs() >= 5.0;
    if (k.status == 1 || k.status == 5) && k.sog <= 3.0 {
        180.0
    } else if k.sog <= 14.0 {
        if turning {
            10.0 / 3.0
        } else {
            10.0
        }
    } else if k.sog <= 23.0 {
        if turning {
            2.0
        } else {
            6.0
        }
    } else {
        2.0
    }
}

/// Class B "CS" reporting interval: 3 min at 2 kn or less, else 30 s.
pub fn class_b_interval(k: &Kinematics) -> f64 {
    if k.sog <= 2.0 {
        180.0
    } else {
        30.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fields_keep_the_six_bit_alphabet() {
        assert_eq!(ais_text::<20>("Lady r").as_str(), "LADY R");
        assert_eq!(ais_text::<7>("ubä~1234567").as_str(), "UB12345");
        assert_eq!(ais_text::<3>("").as_str(), "");
    }

    #[test]
    fn reporting_intervals_follow_the_standard() {
        let k = |sog: f64, rot: f64, status: u8| Kinematics {
            pos: LatLon::new(0.0, 0.0),
            sog,
            cog: 0.0,
            heading: 0.0,
            rot,
            status,
        };
        assert_eq!(class_a_interval(&k(0.0, 0.0, 5)), 180.0);
        assert_eq!(class_a_interval(&k(0.5, 0.0, 0)), 10.0);
        assert_eq!(class_a_interval(&k(12.0, 8.0, 0)), 10.0 / 3.0);
        assert_eq!(class_a_interval(&k(18.0, 0.0, 0)), 6.0);
        assert_eq!(class_a_interval(&k(18.0, -6.0, 0)), 2.0);
        assert_eq!(class_a_interval(&k(25.0, 0.0, 0)), 2.0);
        assert_eq!(class_b_interval(&k(1.5, 0.0, 0)), 180.0);
        assert_eq!(class_b_interval(&k(9.0, 0.0, 0)), 30.0);
        assert_eq!(rot_ais(0.0), 0);
        assert_eq!(rot_ais(-4.0), -9);
        assert_eq!(
            tag_block("VLAD", 1_696_118_400.7),
            "\\s:VLAD,c:1696118400*27\\"
        );
    }
}

/// Rate of turn in degrees per minute to ROT_AIS.
fn rot_ais(rot: f64) -> i8 {
    if rot.abs() < 0.1 {
        return 0;
    }
    (4.733 * rot.abs().sqrt()).round().min(126.0).copysign(rot) as i8
}

/// Text for an AIS field: uppercased, characters outside the six-bit alphabet (ASCII 32-95)
/// dropped, cut to `N` characters.
fn ais_text<const N: usize>(text: &str) -> AisString<N> {
    let mut buf = [0u8; N];
    let mut len = 0;
    for b in text.bytes().map(|b| b.to_ascii_uppercase()) {
        if len < N && (32..=95).contains(&b) {
            buf[len] = b;
            len += 1;
        }
    }
    let clean = std::str::from_utf8(&buf[..len]).expect("ASCII");
    AisString::new(clean).expect("filtered to the six-bit alphabet")
}

/// Where receptions come from.
pub struct Coverage {
    stations: Vec<(String, LatLon, f64)>,
    /// Per terrestrial station, the periods it is down.
    outages: Vec<Vec<(Seconds, Seconds)>>,
    passes: Vec<(Seconds, Seconds)>,
    loss: f64,
    duplicate: f64,
    satellite_detection: f64,
}

/// Name written as the tag block source for satellite receptions.
pub const SATELLITE: &str = "SAT";

impl Coverage {
    /// Stations from the scenario and satellite passes drawn for the seed.
    pub fn new(scenario: &Scenario, seed: u64) -> Self {
        let r = &scenario.reception;
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5A7E_1117);
        let days = (scenario.end - scenario.start) / 86_400.0;
        let n = (r.satellite_passes_per_day * days).round() as usize;
        let mut passes: Vec<(Seconds, Seconds)> = (0..n)
            .map(|_| {
                let t = rng.random_range(scenario.start..scenario.end);
                (t, t + r.satellite_pass_minutes * 60.0)
            })
            .collect();
        passes.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut stations: Vec<(String, LatLon, f64)> = scenario
            .receivers
            .iter()
            .map(|s| (s.name.clone(), s.position, s.range_km))
            .collect();
        stations.push((SATELLITE.to_owned(), LatLon::new(0.0, 0.0), 0.0));
        let outages = scenario
            .receivers
            .iter()
            .map(|s| {
                s.outages
                    .iter()
                    .map(|o| (o.from, o.from + o.hours * 3600.0))
                    .collect()
            })
            .collect();
        Self {
            stations,
            outages,
            passes,
            loss: r.loss,
            duplicate: r.duplicate,
            satellite_detection: r.satellite_detection,
        }
    }

    fn satellite_overhead(&self, t: Seconds) -> bool {
        let k = self.passes.partition_point(|(a, _)| *a <= t);
        // Passes can overlap: look back over the few that started before t.
        self.passes[..k].iter().rev().take(4).any(|(_, b)| t < *b)
    }

    /// True when terrestrial station `i` is down at `t`.
    fn down(&self, i: usize, t: Seconds) -> bool {
        self.outages[i].iter().any(|&(a, b)| a <= t && t < b)
    }

    /// Distance from terrestrial station `i` to `p`, km (a flat approximation; `coslat` is
    /// the cosine of `p`'s latitude).
    fn station_km(&self, i: usize, p: LatLon, coslat: f64) -> f64 {
        let s = self.stations[i].1;
        let deg_km = EARTH_RADIUS_KM.to_radians();
        let dx = (p.lon - s.lon) * coslat * deg_km;
        let dy = (p.lat - s.lat) * deg_km;
        (dx * dx + dy * dy).sqrt()
    }

    /// The terrestrial stations whose range holds `p`, and whether they work at `t`.
    pub fn in_range(&self, p: LatLon, t: Seconds) -> InRange {
        let coslat = p.lat.to_radians().cos();
        let reach: Vec<usize> = (0..self.stations.len() - 1)
            .filter(|&i| self.station_km(i, p, coslat) <= self.stations[i].2)
            .collect();
        if reach.is_empty() {
            InRange::None
        } else if reach.iter().all(|&i| self.down(i, t)) {
            InRange::AllDown
        } else {
            InRange::Up
        }
    }

    /// Indices (into [`Coverage::station_name`]) of the stations that receive a message sent
    /// from `p` at `t`; a station appears twice for a duplicated line.
    fn receive(&self, p: LatLon, t: Seconds, rng: &mut ChaCha8Rng, out: &mut Vec<u16>) {
        out.clear();
        let last = self.stations.len() - 1;
        let coslat = p.lat.to_radians().cos();
        for (i, (_, _, range)) in self.stations[..last].iter().enumerate() {
            let d = self.station_km(i, p, coslat);
            if d > *range || self.down(i, t) {
                continue;
            }
            // Sure within 70% of the range, then fading to one in two at the edge.
            let edge = ((d / range - 0.7) / 0.3).max(0.0);
            if rng.random::<f64>() < (1.0 - self.loss) * (1.0 - 0.5 * edge) {
                out.push(i as u16);
                if rng.random::<f64>() < self.duplicate {
                    out.push(i as u16);
                }
            }
        }
        if self.satellite_overhead(t) && rng.random::<f64>() < self.satellite_detection {
            out.push(last as u16);
        }
    }

    /// The tag block source name of a station index.
    pub fn station_name(&self, i: u16) -> &str {
        &self.stations[i as usize].0
    }
}

/// Receives every simulated message that at least one station heard.
pub trait Sink {
    /// `msg` sent at `t` (Unix seconds) and heard by `stations` (names; repeats are duplicates).
    /// Returns the number of lines written.
    fn emit(
        &mut self,
        t: Seconds,
        msg: &AisMessage,
        stations: &[&str],
        channel: char,
        sequence_id: u8,
    ) -> io::Result<u64>;
}

/// Writes NMEA sentences, each behind an IEC 61162-450 tag block `\s:STATION,c:SECONDS*hh\`.
pub struct NmeaWriter<W: Write> {
    out: W,
}

impl<W: Write> NmeaWriter<W> {
    /// A writer into `out` (wrap files in a `BufWriter`).
    pub fn new(out: W) -> Self {
        Self { out }
    }

    /// The inner writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}

/// The tag block for a station and receive time, with its checksum.
pub fn tag_block(station: &str, t: Seconds) -> String {
    let body = format!("s:{station},c:{}", t.floor() as i64);
    let cs = body.bytes().fold(0u8, |a, b| a ^ b);
    format!("\\{body}*{cs:02X}\\")
}

impl<W: Write> Sink for NmeaWriter<W> {
    fn emit(
        &mut self,
        t: Seconds,
        msg: &AisMessage,
        stations: &[&str],
        channel: char,
        sequence_id: u8,
    ) -> io::Result<u64> {
        let sentences = lookout_ais::encode::to_sentences(msg, "AIVDM", channel, sequence_id)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
        for station in stations {
            let tag = tag_block(station, t);
            for s in &sentences {
                self.out.write_all(tag.as_bytes())?;
                self.out.write_all(s.as_bytes())?;
                self.out.write_all(b"\n")?;
            }
        }
        Ok((stations.len() * sentences.len()) as u64)
    }
}

/// What the generator decides to send next.
struct Gen {
    hint: usize,
    next_pos: Seconds,
    next_static: Seconds,
    part_b: bool,
    counter: u32,
    rng: ChaCha8Rng,
    /// Last received valid position: time, true position, MMSI.
    last_rx: Option<(Seconds, LatLon, u32)>,
    last_forwarded: Seconds,
}

/// Options of a run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Seed (default: the scenario's).
    pub seed: Option<u64>,
    /// Days to simulate from the start (default: to the scenario's end).
    pub days: Option<f64>,
    /// Background vessels (default: the scenario's).
    pub background: Option<usize>,
}

/// A prepared simulation: scenario, compiled plans, coverage.
pub struct Simulation {
    scenario: Scenario,
    seed: u64,
    compiled: Compiled,
    coverage: Coverage,
}

impl Simulation {
    /// Compiles the scenario for the options (routes, scripts, background traffic).
    pub fn new(
        mut scenario: Scenario,
        land: &Land,
        options: &Options,
    ) -> Result<Self, CompileError> {
        if let Some(days) = options.days {
            scenario.end = scenario.start + days * 86_400.0;
        }
        let seed = options.seed.unwrap_or(scenario.seed);
        let background = options.background.unwrap_or(scenario.background.count);
        if background > 0 && scenario.background.ports.len() < 2 {
            return Err(CompileError::Unroutable(
                "background traffic needs at least two background.ports".into(),
            ));
        }
        let compiled = compile(&scenario, land, seed, background)?;
        let coverage = Coverage::new(&scenario, seed);
        Ok(Self {
            scenario,
            seed,
            compiled,
            coverage,
        })
    }

    /// The compiled vessel plans.
    pub fn plans(&self) -> &[Plan] {
        &self.compiled.plans
    }

    /// The voyages the scripts contain (received counts are filled in by [`Simulation::run`]).
    pub fn voyages(&self) -> &[Voyage] {
        &self.compiled.voyages
    }

    /// Streams every received message, in time order, into `sink`, then returns the truth.
    pub fn run(&self, sink: &mut impl Sink) -> io::Result<Truth> {
        let Simulation {
            scenario,
            seed,
            compiled,
            coverage,
        } = self;
        let seed = *seed;
        let Compiled {
            plans,
            events,
            voyages,
            absences,
            vessels,
        } = compiled;
        let (mut events, mut voyages) = (events.clone(), voyages.clone());
        let (start, end) = (scenario.start, scenario.end);
        let feed_interval = scenario.reception.feed_interval_s;
        let mut per_vessel_events: Vec<Vec<usize>> = vec![Vec::new(); plans.len()];
        let name_to_idx: std::collections::HashMap<&str, usize> = plans
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.as_str(), i))
            .collect();
        for (k, e) in events.iter().enumerate() {
            if let Some(&v) = name_to_idx.get(e.vessel.as_str()) {
                per_vessel_events[v].push(k);
            }
        }
        let mut per_vessel_voyages: Vec<Vec<usize>> = vec![Vec::new(); plans.len()];
        for (k, v) in voyages.iter().enumerate() {
            per_vessel_voyages[name_to_idx[v.vessel.as_str()]].push(k);
        }
        let mut gens: Vec<Gen> = Vec::with_capacity(plans.len());
        for (i, plan) in plans.iter().enumerate() {
            let mut rng = ChaCha8Rng::seed_from_u64(
                seed ^ 0x7E57 ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03),
            );
            let k = plan.true_state(start, 0).0;
            let interval = if plan.class == Class::A {
                class_a_interval(&k)
            } else {
                class_b_interval(&k)
            };
            gens.push(Gen {
                hint: 0,
                next_pos: start + rng.random_range(0.0..interval),
                next_static: start + rng.random_range(0.0..STATIC_INTERVAL),
                part_b: false,
                counter: rng.random_range(0..10),
                rng,
                last_rx: None,
                last_forwarded: f64::NEG_INFINITY,
            });
        }
        let mut stats = Stats::default();
        let mut silences: Vec<Silence> = Vec::new();
        let mut received = vec![Received::default(); plans.len()];
        let mut affected = Affected::new();
        let mut counters = Counters {
            events: &mut events,
            voyages: &mut voyages,
            silences: &mut silences,
            received: &mut received,
            affected: &mut affected,
            zones: &scenario.interference,
        };
        // Time slices: each vessel runs through a slice while its data is in cache, then the
        // slice's receptions are sorted by time and written. Output order does not depend on
        // the slice length.
        let mut pending: Vec<Pending> = Vec::new();
        let mut heard_all: Vec<u16> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        let mut slice_start = start;
        while slice_start < end {
            let slice_end = (slice_start + SLICE_SECONDS).min(end);
            pending.clear();
            heard_all.clear();
            for (i, (plan, g)) in plans.iter().zip(gens.iter_mut()).enumerate() {
                let mut ctx = VesselCtx {
                    i,
                    plan,
                    g,
                    events: &per_vessel_events[i],
                    voyages: &per_vessel_voyages[i],
                };
                ctx.run_until(
                    slice_end,
                    feed_interval,
                    coverage,
                    &mut counters,
                    &mut stats,
                    &mut pending,
                    &mut heard_all,
                );
            }
            pending.sort_by_key(|p| (p.key, p.vessel));
            for p in &pending {
                names.clear();
                let heard = &heard_all[p.stations.0 as usize..p.stations.1 as usize];
                names.extend(heard.iter().map(|&s| coverage.station_name(s)));
                let channel = if p.counter % 2 == 0 { 'A' } else { 'B' };
                stats.lines += sink.emit(p.t, &p.msg, &names, channel, (p.counter % 10) as u8)?;
            }
            slice_start = slice_end;
        }
        // Silences still running at the end.
        for (i, g) in gens.iter().enumerate() {
            if let Some((t0, p0, mmsi)) = g.last_rx.filter(|r| end - r.0 >= GAP_SECONDS) {
                silences.push(Silence {
                    vessel: i,
                    mmsi,
                    t0,
                    p0,
                    end: None,
                });
            }
        }
        let zones = &scenario.interference;
        observed::gaps(plans, zones, &silences, &mut events, end, |p, t| {
            coverage.in_range(p, t)
        });
        events.extend(observed::shared_mmsis(plans, &received));
        let zombie: Vec<bool> = scenario.vessels.iter().map(|v| v.zombie).collect();
        events.extend(observed::zombies(plans, &zombie, &received));
        let (interference, victims) = observed::interference(plans, zones, &affected);
        events.extend(victims);
        events.sort_by(|a, b| {
            a.start_time
                .cmp(&b.start_time)
                .then_with(|| a.vessel.cmp(&b.vessel))
        });
        for (k, e) in events.iter_mut().enumerate() {
            e.event_id = format!("T{:06}", k + 1);
        }
        Ok(Truth {
            scenario: scenario.name.clone(),
            seed,
            start_time: ms(start),
            end_time: ms(end),
            areas: scenario.areas.iter().map(Area::truth).collect(),
            vessels: vessels.clone(),
            events,
            voyages,
            interference,
            absences: absences.clone(),
            stats,
        })
    }
}

/// Length of a time slice of the run, seconds.
const SLICE_SECONDS: f64 = 600.0;

/// A received message waiting for its slice to be sorted.
struct Pending {
    key: u64,
    vessel: u32,
    t: Seconds,
    msg: AisMessage,
    /// Range in the slice's station buffer.
    stations: (u32, u32),
    counter: u32,
}

/// Truth counters updated by receptions.
struct Counters<'a> {
    events: &'a mut [Event],
    voyages: &'a mut [Voyage],
    silences: &'a mut Vec<Silence>,
    received: &'a mut [Received],
    affected: &'a mut Affected,
    zones: &'a [effects::Zone],
}

/// One vessel's generator with its plan.
struct VesselCtx<'a> {
    i: usize,
    plan: &'a Plan,
    g: &'a mut Gen,
    events: &'a [usize],
    voyages: &'a [usize],
}

impl VesselCtx<'_> {
    /// Generates this vessel's transmissions before `until`, queueing the received ones.
    #[allow(clippy::too_many_arguments)]
    fn run_until(
        &mut self,
        until: Seconds,
        feed_interval: f64,
        coverage: &Coverage,
        counters: &mut Counters,
        stats: &mut Stats,
        pending: &mut Vec<Pending>,
        heard_all: &mut Vec<u16>,
    ) {
        let (plan, g) = (self.plan, &mut *self.g);
        let mut heard = Vec::new();
        loop {
            let is_static = g.next_static <= g.next_pos;
            let t = if is_static { g.next_static } else { g.next_pos };
            if t >= until {
                return;
            }
            // A dark transponder sends nothing: skip to the end of the dark interval.
            let k = plan.ais_off.partition_point(|(a, _)| *a <= t);
            if k > 0 && t < plan.ais_off[k - 1].1 {
                let back = plan.ais_off[k - 1].1 + g.rng.random_range(0.0..10.0);
                g.next_pos = g.next_pos.max(back);
                g.next_static = g.next_static.max(back + g.rng.random_range(0.0..60.0));
                continue;
            }
            let (truth_k, hint) = plan.true_state(t, g.hint);
            g.hint = hint;
            let id = latest(&plan.identities, t).expect("identity");
            let mut fx = effects::Report {
                kin: truth_k,
                from: truth_k.pos,
                unavailable: false,
                zone: None,
            };
            let msg = if is_static {
                let draught = *latest(&plan.draughts, t).expect("draught");
                let m = static_message(plan, id, draught, t, g.part_b);
                if plan.class == Class::B && !g.part_b {
                    g.part_b = true;
                    g.next_static = t + g.rng.random_range(1.0..5.0);
                } else {
                    g.part_b = false;
                    g.next_static = t + STATIC_INTERVAL * g.rng.random_range(0.98..1.02);
                }
                m
            } else {
                let interval = if plan.class == Class::A {
                    class_a_interval(&truth_k)
                } else {
                    class_b_interval(&truth_k)
                };
                g.next_pos = t + interval * g.rng.random_range(0.95..1.05);
                if t - g.last_forwarded < feed_interval {
                    // Thinned out by the feed whoever heard it: nothing to build or receive.
                    // Reports until the feed takes one again are only counted, at the current
                    // rate, as long as the leg lasts and the transponder stays on.
                    stats.transmitted += 1;
                    let off = plan.ais_off.get(k).map_or(f64::INFINITY, |o| o.0);
                    let resume = (g.last_forwarded + feed_interval)
                        .min(plan.legs[hint].t1)
                        .min(off);
                    if resume > g.next_pos {
                        let skipped = ((resume - g.next_pos) / interval).floor();
                        stats.transmitted += skipped as u64;
                        g.next_pos += skipped * interval;
                    }
                    continue;
                }
                let alternate = g.counter % 2 == 0;
                fx = effects::report(plan, counters.zones, t, &truth_k, alternate, &mut g.rng);
                let mut m = position_message(plan.class, id.mmsi, &fx.kin, t, &mut g.rng);
                if fx.unavailable {
                    effects::unavailable(&mut m);
                }
                m
            };
            stats.transmitted += 1;
            let from = if is_static { truth_k.pos } else { fx.from };
            coverage.receive(from, t, &mut g.rng, &mut heard);
            if heard.is_empty() {
                continue;
            }
            stats.received += 1;
            if is_static {
                counters.received[self.i].note(t, id.mmsi, true);
            } else {
                g.last_forwarded = t;
                if let Some(z) = fx.zone {
                    let a = counters.affected.entry((z, self.i)).or_insert((t, t, 0));
                    a.1 = t;
                    a.2 += 1;
                }
            }
            if !is_static && !fx.unavailable {
                counters.received[self.i].note(t, id.mmsi, false);
                for &e in self.events {
                    let ev = &mut counters.events[e];
                    if ev.start_time <= ms(t) && ms(t) <= ev.end_time {
                        ev.received_positions += 1;
                    }
                }
                for &v in self.voyages {
                    let vo = &mut counters.voyages[v];
                    if vo.depart_time <= ms(t) && ms(t) <= vo.arrive_time {
                        vo.received_positions += 1;
                    }
                }
                if let Some((t0, p0, mmsi)) = g.last_rx.filter(|r| t - r.0 >= GAP_SECONDS) {
                    counters.silences.push(Silence {
                        vessel: self.i,
                        mmsi,
                        t0,
                        p0,
                        end: Some((t, truth_k.pos)),
                    });
                }
                g.last_rx = Some((t, truth_k.pos, id.mmsi));
            }
            g.counter = g.counter.wrapping_add(1);
            let from = heard_all.len() as u32;
            heard_all.extend_from_slice(&heard);
            pending.push(Pending {
                key: key(t),
                vessel: self.i as u32,
                t,
                msg,
                stations: (from, heard_all.len() as u32),
                counter: g.counter,
            });
        }
    }
}

fn key(t: Seconds) -> u64 {
    (t * 1000.0).max(0.0) as u64
}

/// A position report for the class.
pub fn position_message(
    class: Class,
    mmsi: u32,
    k: &Kinematics,
    t: Seconds,
    rng: &mut ChaCha8Rng,
) -> AisMessage {
    let speed = ((k.sog * 10.0).round() as u16).min(1022);
    let course = ((k.cog * 10.0).round() as u16) % 3600;
    let heading = (k.heading.round() as u16) % 360;
    let second = (t.floor() as i64).rem_euclid(60) as u8;
    let (lon, lat) = (deg_to_min1e4(k.pos.lon), deg_to_min1e4(k.pos.lat));
    match class {
        Class::A => AisMessage::PositionReport(PositionReport {
            msg_type: 1,
            repeat: 0,
            mmsi,
            status: k.status,
            turn: rot_ais(k.rot),
            speed,
            accuracy: true,
            lon,
            lat,
            course,
            heading,
            second,
            maneuver: 0,
            spare_1: 0,
            raim: false,
            radio: rng.random_range(0..1 << 19),
            bit_len: PositionReport::BITS,
        }),
        Class::B => AisMessage::ClassBPositionReport(ClassBPositionReport {
            msg_type: 18,
            repeat: 0,
            mmsi,
            reserved_1: 0,
            speed,
            accuracy: false,
            lon,
            lat,
            course,
            heading: 511,
            second,
            reserved_2: 0,
            cs: true,
            display: false,
            dsc: true,
            band: true,
            msg22: true,
            assigned: false,
            raim: false,
            radio: 0b1100000000000000110,
            bit_len: ClassBPositionReport::BITS,
        }),
    }
}

/// Type 5 (class A) or type 24 part A / B (class B).
fn static_message(
    plan: &Plan,
    id: &crate::plan::Identity,
    draught: f64,
    t: Seconds,
    part_b: bool,
) -> AisMessage {
    let to_bow = (plan.length_m * 0.75).round().min(511.0) as u16;
    let to_stern = (plan.length_m.round().min(511.0) as u16).saturating_sub(to_bow);
    let half_beam = ((plan.beam_m / 2.0).round().min(63.0)) as u8;
    match plan.class {
        Class::A => {
            // ETA: the start of the next stay, if any.
            let eta = plan
                .legs
                .iter()
                .find(|l| l.t0 > t && matches!(l.motion, Motion::Stay { .. }))
                .map(|l| l.t0);
            let (month, day, hour, minute) = match eta.map(time_parts) {
                Some((mo, d, h, mi)) => (mo, d, h, mi),
                None => (0, 0, 24, 60),
            };
            AisMessage::StaticAndVoyageData(StaticAndVoyageData {
                msg_type: 5,
                repeat: 0,
                mmsi: id.mmsi,
                ais_version: 0,
                imo: id.imo,
                callsign: ais_text(&id.callsign),
                shipname: ais_text(&id.name),
                ship_type: plan.ship_type,
                to_bow,
                to_stern,
                to_port: half_beam,
                to_starboard: half_beam,
                epfd: 1,
                month,
                day,
                hour,
                minute,
                draught: ((draught * 10.0).round().min(255.0)) as u8,
                destination: ais_text(&plan.destination),
                dte: false,
                spare_1: 0,
                bit_len: StaticAndVoyageData::BITS,
            })
        }
        Class::B if !part_b => {
            AisMessage::StaticDataReport(StaticDataReport::PartA(StaticDataPartA {
                msg_type: 24,
                repeat: 0,
                mmsi: id.mmsi,
                partno: 0,
                shipname: ais_text(&id.name),
                spare_1: 0,
                bit_len: StaticDataPartA::BITS,
            }))
        }
        Class::B => AisMessage::StaticDataReport(StaticDataReport::PartB(StaticDataPartB {
            msg_type: 24,
            repeat: 0,
            mmsi: id.mmsi,
            partno: 1,
            ship_type: plan.ship_type,
            vendorid: ais_text("SIM"),
            model: 1,
            serial: id.mmsi % (1 << 20),
            callsign: ais_text(&id.callsign),
            to_bow,
            to_stern,
            to_port: half_beam,
            to_starboard: half_beam,
            spare_1: 0,
            bit_len: StaticDataPartB::BITS,
        })),
    }
}

fn time_parts(t: Seconds) -> (u8, u8, u8, u8) {
    let (_, month, day, hour, minute, _) = lookout_core::time::civil(t as i64 * 1000);
    (month, day, hour, minute)
}
