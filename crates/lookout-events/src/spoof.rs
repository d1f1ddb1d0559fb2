//! Spoofing seen in the shape of a track or in an identity: circles and repeated geometric
//! patterns around a point (reported at Chinese oil terminals and above Point Reyes by
//! SkyTruth / Global Fishing Watch, and in the Black Sea), positions frozen while a speed is
//! reported, and "zombie" identities (the IMO number of a scrapped or lost ship, from the bundled
//! `data/dead_ships.csv` and `[spoofing] dead_imos`).

use std::collections::{HashMap, VecDeque};

use lookout_core::geo::{distance_km, LatLon, Local, KM_PER_NM};

use crate::config::SpoofingConfig;
use crate::track::MS_PER_HOUR;

/// The bundled list of scrapped and lost ships (`imo,name,fate,year,source`).
const DEAD_SHIPS_CSV: &str = include_str!("../data/dead_ships.csv");

/// A position sampled for the shape tests.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Sample {
    pub t: i64,
    pub lat: f64,
    pub lon: f64,
}

/// A circle or a repeated pattern found in a run of positions.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Shape {
    /// `circle` or `pattern`.
    #[serde(with = "crate::names")]
    pub kind: crate::names::Name,
    pub centre: LatLon,
    /// Fitted radius (circles) or half the extent (patterns), km.
    pub radius_km: f64,
    /// Standard deviation of the distances from the centre over their mean.
    pub radius_cv: f64,
    /// Turns around the centre (circles) or repetitions (patterns).
    pub turns: f64,
    /// Mean implied speed, knots.
    pub knots: f64,
}

impl Shape {
    /// The shape's facts for an event's details.
    pub fn details(&self) -> serde_json::Map<String, serde_json::Value> {
        let r = crate::track::round;
        let mut m = serde_json::Map::new();
        m.insert("centre_lat".into(), r(self.centre.lat, 5).into());
        m.insert("centre_lon".into(), r(self.centre.lon, 5).into());
        m.insert("radius_km".into(), r(self.radius_km, 3).into());
        m.insert("radius_cv".into(), r(self.radius_cv, 3).into());
        m.insert("turns".into(), r(self.turns, 2).into());
        m.insert("mean_knots".into(), r(self.knots, 1).into());
        m
    }
}

/// The fewest samples a shape is judged on.
const MIN_SAMPLES: usize = 10;
/// Angular sectors around a circle's centre; a circle visits nearly all of them.
const SECTORS: usize = 12;

/// Keeps samples at least `every_ms` apart.
pub(crate) fn subsample(points: impl Iterator<Item = Sample>, every_ms: i64) -> Vec<Sample> {
    let mut out: Vec<Sample> = Vec::new();
    for p in points {
        if out.last().is_none_or(|l| p.t - l.t >= every_ms) {
            out.push(p);
        }
    }
    out
}

/// A circle (positions at a steady distance from a point, all around it, `circle_min_turns`
/// times) or a repeated pattern (the same closed shape traced `circle_min_turns` times), at
/// `circle_min_knots` or more; `None` for anything else, including a line sailed back and forth.
pub(crate) fn shape(samples: &[Sample], cfg: &SpoofingConfig) -> Option<Shape> {
    let n = samples.len();
    if n < MIN_SAMPLES {
        return None;
    }
    let local = Local::new(LatLon::new(samples[0].lat, samples[0].lon));
    let pts: Vec<(f64, f64)> = samples
        .iter()
        .map(|s| local.project(LatLon::new(s.lat, s.lon)))
        .collect();
    let path: f64 = pts
        .windows(2)
        .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
        .sum();
    let hours = (samples[n - 1].t - samples[0].t) as f64 / MS_PER_HOUR;
    let knots = path / KM_PER_NM / hours.max(1e-9);
    if knots < cfg.circle_min_knots {
        return None;
    }
    let nf = n as f64;
    let (mx, my) = (
        pts.iter().map(|p| p.0).sum::<f64>() / nf,
        pts.iter().map(|p| p.1).sum::<f64>() / nf,
    );
    // The spread of the cloud: a line sailed back and forth is no pattern.
    let (mut suu, mut suv, mut svv) = (0.0, 0.0, 0.0);
    let (mut suuu, mut svvv, mut suvv, mut svuu) = (0.0, 0.0, 0.0, 0.0);
    for &(x, y) in &pts {
        let (u, v) = (x - mx, y - my);
        suu += u * u;
        suv += u * v;
        svv += v * v;
        suuu += u * u * u;
        svvv += v * v * v;
        suvv += u * v * v;
        svuu += v * u * u;
    }
    let tr = suu + svv;
    let det = suu * svv - suv * suv;
    let disc = (tr * tr / 4.0 - det).max(0.0).sqrt();
    let (major, minor) = (tr / 2.0 + disc, (tr / 2.0 - disc).max(0.0));
    if major <= 0.0 || (minor / major).sqrt() < 0.3 {
        return None;
    }
    // Kasa circle fit in centred coordinates.
    if det.abs() > 1e-12 {
        let (bu, bv) = (0.5 * (suuu + suvv), 0.5 * (svvv + svuu));
        let uc = (bu * svv - bv * suv) / det;
        let vc = (suu * bv - suv * bu) / det;
        let (cx, cy) = (mx + uc, my + vc);
        let d: Vec<f64> = pts.iter().map(|p| (p.0 - cx).hypot(p.1 - cy)).collect();
        let mean = d.iter().sum::<f64>() / nf;
        let sd = (d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / nf).sqrt();
        let cv = sd / mean.max(1e-9);
        let angles: Vec<f64> = pts.iter().map(|p| (p.1 - cy).atan2(p.0 - cx)).collect();
        let turning: f64 = angles
            .windows(2)
            .map(|w| {
                let a = (w[1] - w[0]).rem_euclid(std::f64::consts::TAU);
                a.min(std::f64::consts::TAU - a)
            })
            .sum();
        let turns = turning / std::f64::consts::TAU;
        let mut visited = [false; SECTORS];
        for a in &angles {
            let k = ((a + std::f64::consts::PI) / std::f64::consts::TAU * SECTORS as f64) as usize;
            visited[k.min(SECTORS - 1)] = true;
        }
        let sectors = visited.iter().filter(|v| **v).count();
        if (cfg.circle_min_radius_km..=cfg.circle_max_radius_km).contains(&mean)
            && cv <= cfg.circle_max_cv
            && sectors + 1 >= SECTORS
            && turns >= cfg.circle_min_turns
        {
            return Some(Shape {
                kind: "circle",
                centre: inverse(&local, samples[0], cx, cy),
                radius_km: mean,
                radius_cv: cv,
                turns,
                knots,
            });
        }
    }
    // A pattern: one period later the track is back where it was.
    let extent = 2.0
        * pts
            .iter()
            .map(|p| (p.0 - mx).hypot(p.1 - my))
            .fold(0.0, f64::max);
    if extent < 2.0 * cfg.circle_min_radius_km || extent > 2.0 * cfg.circle_max_radius_km {
        return None;
    }
    // Candidate periods every half sampling interval; positions one period earlier are
    // interpolated in time, so lost reports and uneven intervals do not shift the comparison.
    let times: Vec<f64> = samples.iter().map(|s| s.t as f64 / 1000.0).collect();
    let span = times[n - 1] - times[0];
    let dt = span / (n - 1) as f64;
    let speed = path / span.max(1e-9); // km per second
    let mut best: Option<(f64, f64)> = None;
    let mut period = 2.0 * dt;
    while period <= span / cfg.circle_min_turns {
        if speed * period >= extent {
            let err = period_error(&pts, &times, period);
            if best.is_none_or(|b| err < b.0) {
                best = Some((err, period));
            }
        }
        period += dt / 2.0;
    }
    let (err, period) = best?;
    (err <= cfg.pattern_tolerance * extent).then(|| Shape {
        kind: "pattern",
        centre: inverse(&local, samples[0], mx, my),
        radius_km: extent / 2.0,
        radius_cv: f64::NAN,
        turns: span / period,
        knots,
    })
}

/// Mean distance between each position and where the track was `period` seconds earlier
/// (interpolated), over the positions that have such an earlier time.
fn period_error(pts: &[(f64, f64)], times: &[f64], period: f64) -> f64 {
    let (mut sum, mut n, mut j) = (0.0, 0usize, 0usize);
    for i in 0..pts.len() {
        let t = times[i] - period;
        if t < times[0] {
            continue;
        }
        while j + 1 < pts.len() && times[j + 1] <= t {
            j += 1;
        }
        let k = (j + 1).min(pts.len() - 1);
        let f = if times[k] > times[j] {
            (t - times[j]) / (times[k] - times[j])
        } else {
            0.0
        };
        let (x, y) = (
            pts[j].0 + f * (pts[k].0 - pts[j].0),
            pts[j].1 + f * (pts[k].1 - pts[j].1),
        );
        sum += (pts[i].0 - x).hypot(pts[i].1 - y);
        n += 1;
    }
    if n == 0 {
        f64::INFINITY
    } else {
        sum / n as f64
    }
}

/// Back from the local plane (the projection is equirectangular around `origin`).
fn inverse(local: &Local, origin: Sample, x: f64, y: f64) -> LatLon {
    let (ux, _) = local.project(LatLon::new(origin.lat, origin.lon + 1.0));
    LatLon::new(
        origin.lat + y / lookout_core::geo::KM_PER_DEG,
        origin.lon + x / ux,
    )
}

/// A circle or pattern episode that ended.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(crate) struct Episode {
    pub first: Sample,
    pub last: Sample,
    pub shape: Shape,
    /// Track positions during the episode.
    pub positions: u64,
}

/// A sample of [`Looping`]'s window, packed to 28 bytes (40 unpacked): time and position count
/// as offsets from the window's base, the position as reported (no rounding), and the path
/// sailed since the sample kept before it.
#[derive(Debug, Clone, Copy)]
#[repr(C, packed(4))]
struct Kept {
    /// Milliseconds after `Looping::base_t`.
    dt: u32,
    /// Track positions after `Looping::base_n`.
    dn: u32,
    lat: f64,
    lon: f64,
    /// Km sailed from the sample kept before (through the samples thinned out in between).
    step: f32,
}

/// The streaming circle and pattern test of one track: a window of `pattern_window_hours` of
/// positions sampled every `pattern_sample_seconds`, thinned with age (`pattern_age_ratio`),
/// with the path sailed between them, tested on its whole span and its latest half, quarter,
/// ... (in time) when a cheap check says the vessel moved without going anywhere there (path
/// at least `2 * circle_min_turns` times the distance made good). The window holds a bounded
/// number of samples (see [`Looping::bound`]).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(from = "LoopingState")]
pub(crate) struct Looping {
    base_t: i64,
    base_n: u64,
    samples: VecDeque<Kept>,
    since_check: u32,
    /// First and last sample of the open episode, its shape, and the track's positions at
    /// both. Boxed: rarely open, and every track of a watch holds one (serde writes the
    /// content, so checkpoints do not change).
    open: Option<Box<OpenEpisode>>,
}

/// An open circle or pattern episode: first and last sample, shape, track positions at both.
type OpenEpisode = (Sample, Sample, Shape, u64, u64);

/// How [`Looping`] is saved in a checkpoint: the layout it had before the window was packed
/// and thinned (samples with the path sailed up to each, km, and the track's positions up to
/// each), so checkpoints stay readable both ways.
#[derive(serde::Serialize, serde::Deserialize)]
struct LoopingState {
    samples: VecDeque<(Sample, f64, u64)>,
    since_check: u32,
    open: Option<(Sample, Sample, Shape, u64, u64)>,
}

impl From<LoopingState> for Looping {
    fn from(s: LoopingState) -> Self {
        let mut l = Looping {
            since_check: s.since_check,
            open: s.open.map(Box::new),
            ..Default::default()
        };
        if let Some((first, _, n0)) = s.samples.front() {
            (l.base_t, l.base_n) = (first.t, *n0);
        }
        let mut prev: Option<f64> = None;
        for (sample, cum, n) in s.samples {
            let step = prev.map_or(0.0, |p| cum - p);
            prev = Some(cum);
            l.append(sample, step, n);
        }
        l
    }
}

/// Writes what `LoopingState::from(self.clone())` would (the same fields and values), without
/// copying the window: a checkpoint encodes every track's.
impl serde::Serialize for Looping {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};
        struct Samples<'a>(&'a Looping);
        impl serde::Serialize for Samples<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let l = self.0;
                let mut seq = s.serialize_seq(Some(l.samples.len()))?;
                let mut cum = 0.0;
                for i in 0..l.samples.len() {
                    if i > 0 {
                        cum += f64::from(l.samples[i].step);
                    }
                    seq.serialize_element(&(l.sample(i), cum, l.n(i)))?;
                }
                seq.end()
            }
        }
        let mut st = s.serialize_struct("LoopingState", 3)?;
        st.serialize_field("samples", &Samples(self))?;
        st.serialize_field("since_check", &self.since_check)?;
        st.serialize_field("open", &self.open)?;
        st.end()
    }
}

#[cfg(test)]
impl From<Looping> for LoopingState {
    fn from(l: Looping) -> Self {
        let mut cum = 0.0;
        let samples = (0..l.samples.len())
            .map(|i| {
                if i > 0 {
                    cum += f64::from(l.samples[i].step);
                }
                (l.sample(i), cum, l.n(i))
            })
            .collect();
        LoopingState {
            samples,
            since_check: l.since_check,
            open: l.open.map(|o| *o),
        }
    }
}

/// Samples between two tests.
const CHECK_EVERY: u32 = 5;
/// Slots the window grows by when full (a `VecDeque` would double).
const GROW_BY: usize = 8;

impl Looping {
    fn t(&self, i: usize) -> i64 {
        self.base_t + i64::from(self.samples[i].dt)
    }

    fn n(&self, i: usize) -> u64 {
        self.base_n + u64::from(self.samples[i].dn)
    }

    fn sample(&self, i: usize) -> Sample {
        let k = self.samples[i];
        Sample {
            t: self.base_t + i64::from(k.dt),
            lat: k.lat,
            lon: k.lon,
        }
    }

    /// Appends a sample (rebasing the offsets when they would overflow).
    fn append(&mut self, s: Sample, step: f64, n: u64) {
        if self.samples.is_empty() {
            (self.base_t, self.base_n) = (s.t, n);
        }
        let fits = |l: &Self| {
            u32::try_from(s.t - l.base_t).is_ok()
                && n.checked_sub(l.base_n)
                    .is_some_and(|d| u32::try_from(d).is_ok())
        };
        if !fits(self) {
            let (t0, n0) = (self.t(0), self.n(0));
            let (dt, dn) = ((t0 - self.base_t) as u32, (n0 - self.base_n) as u32);
            for k in self.samples.iter_mut() {
                (k.dt, k.dn) = (k.dt - dt, k.dn - dn);
            }
            (self.base_t, self.base_n) = (t0, n0);
        }
        if !fits(self) {
            // Beyond 49 days or 4 billion positions in one window: start it over.
            self.samples.clear();
            (self.base_t, self.base_n) = (s.t, n);
        }
        if self.samples.len() == self.samples.capacity() {
            self.samples.reserve_exact(GROW_BY);
        }
        self.samples.push_back(Kept {
            dt: (s.t - self.base_t) as u32,
            dn: (n - self.base_n) as u32,
            lat: s.lat,
            lon: s.lon,
            step: step as f32,
        });
    }

    /// The most samples the window keeps (between two thinnings it may hold `CHECK_EVERY`
    /// more): `pattern_age_ratio` at one per `pattern_sample_seconds`, then ages growing by a
    /// factor `1 + 1 / pattern_age_ratio` from one kept sample to the one before, up to
    /// `pattern_window_hours`.
    #[cfg(test)]
    pub fn bound(cfg: &SpoofingConfig) -> usize {
        let every = cfg.pattern_sample_seconds.max(1e-3) / 3600.0;
        let window = cfg.pattern_window_hours.max(0.0);
        let r = cfg.pattern_age_ratio;
        let full = window / every + 1.0;
        if r <= 0.0 || r * every >= window {
            return full.ceil() as usize;
        }
        let aged = (window / (r * every)).ln() / (1.0 + 1.0 / r).ln();
        (r + 2.0 + aged).ceil().min(full.ceil()) as usize
    }

    /// Thins the window with age: a sample (other than the first and the newest) goes when it
    /// is less than its age / `pattern_age_ratio` after the sample kept before it; its path
    /// goes to the next sample kept.
    fn thin(&mut self, ratio: f64) {
        let n = self.samples.len();
        if ratio <= 0.0 || n < 3 {
            return;
        }
        let newest = i64::from(self.samples[n - 1].dt);
        let (mut i, mut prev, mut carry) = (0usize, 0i64, 0.0f32);
        self.samples.retain_mut(|k| {
            let t = i64::from(k.dt);
            let inner = i > 0 && i + 1 < n;
            i += 1;
            if inner && ((t - prev) as f64) < (newest - t) as f64 / ratio {
                carry += k.step;
                return false;
            }
            k.step += carry;
            carry = 0.0;
            prev = t;
            true
        });
    }

    /// Feeds a track position (`track_n` = positions of the track so far); returns an episode
    /// that ended.
    pub fn push(&mut self, s: Sample, track_n: u64, cfg: &SpoofingConfig) -> Option<Episode> {
        let every = (cfg.pattern_sample_seconds * 1000.0) as i64;
        let mut ended = None;
        let mut step = 0.0;
        if !self.samples.is_empty() {
            let last = self.sample(self.samples.len() - 1);
            if s.t - last.t < every {
                return None;
            }
            if s.t - last.t > (MS_PER_HOUR as i64) {
                ended = self.close();
                self.samples.clear();
            } else {
                step = step_km(&last, &s);
            }
        }
        self.append(s, step, track_n);
        let window_ms = (cfg.pattern_window_hours * MS_PER_HOUR) as i64;
        let oldest = s.t - window_ms;
        while self.samples.len() > 1 && self.t(0) < oldest {
            self.samples.pop_front();
        }
        self.since_check += 1;
        if self.since_check < CHECK_EVERY {
            return ended;
        }
        self.thin(cfg.pattern_age_ratio);
        if self.samples.len() < MIN_SAMPLES {
            return ended;
        }
        self.since_check = 0;
        let n = self.samples.len();
        // Path sailed from the first sample to each.
        let mut cum = Vec::with_capacity(n);
        let mut sum = 0.0;
        for (i, k) in self.samples.iter().enumerate() {
            if i > 0 {
                sum += f64::from(k.step);
            }
            cum.push(sum);
        }
        // Recent stretches that loop (the whole window, its latest half, quarter, ... in time,
        // of `pattern_window_hours` rather than of the samples held, so that the stretches do
        // not move with the thinning): a circle in any of them wins, else the longest pattern
        // (a stretch that begins before the loop is not round).
        let mut found: Option<(usize, Shape)> = None;
        let mut span = window_ms;
        let mut tested = None;
        while span > 0 {
            let from = s.t - span;
            // From the last sample at or before `from` (the thinned samples leave the stretch
            // no shorter than its span).
            let a = self
                .samples
                .partition_point(|k| self.base_t + i64::from(k.dt) <= from)
                .saturating_sub(1);
            span /= 2;
            if n - a < MIN_SAMPLES {
                break;
            }
            if tested == Some(a) {
                continue;
            }
            tested = Some(a);
            let first = self.sample(a);
            let path_km = sum - cum[a];
            let hours = (s.t - first.t) as f64 / MS_PER_HOUR;
            if path_km / KM_PER_NM / hours.max(1e-9) >= cfg.circle_min_knots
                && step_km(&first, &s) * 2.0 * cfg.circle_min_turns <= path_km
            {
                let window: Vec<Sample> = (a..n).map(|i| self.sample(i)).collect();
                if let Some(sh) = shape(&window, cfg) {
                    let better =
                        found.is_none_or(|(_, f)| f.kind != "circle" && sh.kind == "circle");
                    if better {
                        found = Some((a, sh));
                    }
                    if sh.kind == "circle" {
                        break;
                    }
                }
            }
        }
        match (found, &mut self.open) {
            (Some((_, shape)), Some(open)) => {
                // Once round, the episode stays a circle.
                if open.2.kind != "circle" || shape.kind == "circle" {
                    open.2 = shape;
                }
                (open.1, open.4) = (s, track_n);
            }
            (Some((i, shape)), None) => {
                self.open = Some(Box::new((self.sample(i), s, shape, self.n(i), track_n)));
            }
            (None, Some(_)) => {
                ended = ended.or(self.close());
                self.samples.clear();
                self.append(s, 0.0, track_n);
            }
            (None, None) => {}
        }
        ended
    }

    /// Samples in the window.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.samples.len()
    }

    /// Ends the open episode (end of the track).
    pub fn close(&mut self) -> Option<Episode> {
        let (first, last, shape, n0, n1) = *self.open.take()?;
        Some(Episode {
            first,
            last,
            shape,
            positions: n1.saturating_sub(n0) + 1,
        })
    }
}

fn step_km(a: &Sample, b: &Sample) -> f64 {
    distance_km(LatLon::new(a.lat, a.lon), LatLon::new(b.lat, b.lon))
}

/// ITU-R M.1371-5 table 1 reporting interval, seconds, at `knots` (class A: 3 min stopped,
/// taken as moored or at anchor, 10 s up to 14 kn, 6 s up to 23 kn, 2 s above; class B "CS":
/// 3 min up to 2 kn, 30 s above).
pub(crate) fn report_interval_s(class_b: bool, knots: f64) -> f64 {
    match (class_b, knots) {
        (true, k) if k <= 2.0 => 180.0,
        (true, _) => 30.0,
        (false, k) if k < 0.5 => 180.0,
        (false, k) if k <= 14.0 => 10.0,
        (false, k) if k <= 23.0 => 6.0,
        _ => 2.0,
    }
}

/// A run of one position repeated while a speed is reported.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(crate) struct Frozen {
    pub first: i64,
    pub last: i64,
    pub n: u64,
    pub lat: f64,
    pub lon: f64,
    pub max_knots: f64,
    pub class_b: bool,
}

impl Frozen {
    /// True when the run is long enough to report: `frozen_min_minutes`, with at least a tenth
    /// of the reports the vessel's class sends in that time.
    pub fn reportable(&self, cfg: &SpoofingConfig) -> bool {
        let minutes = (self.last - self.first) as f64 / 60_000.0;
        let expected = minutes * 60.0 / report_interval_s(self.class_b, self.max_knots);
        minutes >= cfg.frozen_min_minutes && self.n as f64 >= (expected / 10.0).max(3.0)
    }
}

/// A scrapped or lost ship.
#[derive(Debug, Clone)]
pub(crate) struct DeadShip {
    pub name: String,
    pub fate: String,
    pub year: String,
    pub source: String,
}

/// IMO numbers of ships that no longer exist.
#[derive(Debug, Clone, Default)]
pub(crate) struct DeadShips {
    by_imo: HashMap<u32, DeadShip>,
}

impl DeadShips {
    /// The bundled list plus `extra` IMO numbers.
    pub fn new(extra: &[u32]) -> Self {
        let mut by_imo = HashMap::new();
        let mut rows = csv::Reader::from_reader(DEAD_SHIPS_CSV.as_bytes());
        for row in rows.records().flatten() {
            if let Ok(imo) = row[0].trim().parse::<u32>() {
                by_imo.insert(
                    imo,
                    DeadShip {
                        name: row[1].to_owned(),
                        fate: row[2].to_owned(),
                        year: row[3].to_owned(),
                        source: row[4].to_owned(),
                    },
                );
            }
        }
        for &imo in extra {
            by_imo.entry(imo).or_insert_with(|| DeadShip {
                name: String::new(),
                fate: "listed in the configuration".into(),
                year: String::new(),
                source: "[spoofing] dead_imos".into(),
            });
        }
        Self { by_imo }
    }

    /// The dead ship with this IMO.
    pub fn get(&self, imo: u32) -> Option<&DeadShip> {
        self.by_imo.get(&imo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lookout_core::geo::destination;

    fn cfg() -> SpoofingConfig {
        SpoofingConfig::default()
    }

    fn circle(radius_km: f64, knots: f64, minutes: i64) -> Vec<Sample> {
        let c = LatLon::new(42.6, 131.5);
        let omega = knots * KM_PER_NM / 60.0 / radius_km; // rad per minute
        (0..minutes)
            .map(|m| {
                let p = destination(c, (omega * m as f64).to_degrees(), radius_km);
                Sample {
                    t: m * 60_000,
                    lat: p.lat,
                    lon: p.lon,
                }
            })
            .collect()
    }

    #[test]
    fn circles_and_patterns_but_not_lines_or_drift() {
        // 2 km at 9 kn: 45 minutes a turn; three hours are four turns.
        let s = shape(&circle(2.0, 9.0, 180), &cfg()).unwrap();
        assert_eq!(s.kind, "circle");
        assert!((s.radius_km - 2.0).abs() < 0.05, "{s:?}");
        assert!(
            distance_km(s.centre, LatLon::new(42.6, 131.5)) < 0.1,
            "{s:?}"
        );
        assert!((3.5..4.5).contains(&s.turns), "{s:?}");
        // One turn is a manoeuvre, and a drift at 0.6 kn is loitering.
        assert!(shape(&circle(2.0, 9.0, 45), &cfg()).is_none());
        assert!(shape(&circle(0.3, 0.6, 600), &cfg()).is_none());
        // A square traced again and again is a pattern.
        let corners = [(0.0, 0.0), (3.0, 0.0), (3.0, 3.0), (0.0, 3.0)];
        let o = LatLon::new(42.0, 131.0);
        let mut square = Vec::new();
        for k in 0..120i64 {
            let f = (k % 12) as f64 / 3.0;
            let (i, frac) = (f.floor() as usize, f.fract());
            let (a, b) = (corners[i], corners[(i + 1) % 4]);
            let (x, y) = (a.0 + (b.0 - a.0) * frac, a.1 + (b.1 - a.1) * frac);
            let p = destination(destination(o, 90.0, x), 0.0, y);
            square.push(Sample {
                t: k * 60_000,
                lat: p.lat,
                lon: p.lon,
            });
        }
        assert_eq!(shape(&square, &cfg()).unwrap().kind, "pattern");
        // The same diamond sampled every 3 minutes or so (a moored ship's reporting interval),
        // with every seventh report lost.
        let corners: Vec<LatLon> = (0..4)
            .map(|k| destination(o, 90.0 * f64::from(k), 3.0))
            .collect();
        let side = distance_km(corners[0], corners[1]);
        let (mut t, mut k, mut diamond) = (0.0, 0u64, Vec::new());
        while t < 3.0 * 3600.0 {
            let d = t * 10.0 * KM_PER_NM / 3600.0;
            let (leg, f) = ((d / side) as usize, (d / side).fract());
            let (a, b) = (corners[leg % 4], corners[(leg + 1) % 4]);
            diamond.push(Sample {
                t: (t * 1000.0) as i64,
                lat: a.lat + (b.lat - a.lat) * f,
                lon: a.lon + (b.lon - a.lon) * f,
            });
            k += 1;
            t += 180.0 * (0.95 + 0.1 * ((k * 7919 % 100) as f64 / 100.0));
        }
        let diamond: Vec<Sample> = diamond
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % 7 != 3)
            .map(|(_, s)| s)
            .collect();
        let found = shape(&diamond, &cfg());
        assert_eq!(found.map(|s| s.kind), Some("pattern"), "{found:?}");
        // A ferry back and forth on one line repeats too, but is no pattern.
        let ferry: Vec<Sample> = (0..120i64)
            .map(|k| {
                let x = [0.0, 1.0, 2.0, 3.0, 2.0, 1.0][(k % 6) as usize];
                let p = destination(o, 45.0, x);
                Sample {
                    t: k * 60_000,
                    lat: p.lat,
                    lon: p.lon,
                }
            })
            .collect();
        assert!(shape(&ferry, &cfg()).is_none());
    }

    #[test]
    fn streaming_test_reports_the_episode_once() {
        let mut l = Looping::default();
        let mut eps = Vec::new();
        let mut n = 0;
        // Straight for an hour, then four turns, then straight again.
        let o = LatLon::new(42.0, 131.0);
        let mut t = 0;
        let feed = |l: &mut Looping, p: LatLon, t: i64, n: &mut u64| {
            *n += 1;
            l.push(
                Sample {
                    t,
                    lat: p.lat,
                    lon: p.lon,
                },
                *n,
                &cfg(),
            )
        };
        for m in 0..60 {
            eps.extend(feed(
                &mut l,
                destination(o, 90.0, 0.3 * m as f64),
                t,
                &mut n,
            ));
            t += 60_000;
        }
        for s in circle(2.0, 9.0, 180) {
            eps.extend(feed(&mut l, LatLon::new(s.lat, s.lon), t, &mut n));
            t += 60_000;
        }
        for m in 0..120 {
            eps.extend(feed(
                &mut l,
                destination(o, 180.0, 0.3 * m as f64),
                t,
                &mut n,
            ));
            t += 60_000;
        }
        eps.extend(l.close());
        assert_eq!(eps.len(), 1, "{eps:?}");
        assert_eq!(eps[0].shape.kind, "circle");
        assert!(eps[0].positions > 60, "{eps:?}");
    }

    #[test]
    fn the_window_stays_bounded_and_keeps_finding_circles() {
        let c = cfg();
        let bound = Looping::bound(&c);
        assert!((60..=75).contains(&bound), "{bound}");
        // A day of one-minute samples sailing straight, then a day of a 2 km circle at 9 kn
        // (45 minutes a turn) reported every 10 s: the window never holds more than the bound
        // (plus the samples since the last thinning), and the circle is still found.
        let mut l = Looping::default();
        let o = LatLon::new(42.0, 131.0);
        let (mut most, mut eps, mut n) = (0, Vec::new(), 0u64);
        for m in 0..24 * 60 {
            n += 1;
            let p = destination(o, 90.0, 0.3 * m as f64);
            let s = Sample {
                t: m * 60_000,
                lat: p.lat,
                lon: p.lon,
            };
            eps.extend(l.push(s, n, &c));
            most = most.max(l.len());
        }
        assert!(eps.is_empty(), "{eps:?}");
        assert!(most <= bound + CHECK_EVERY as usize, "{most} > {bound}");
        // Without thinning the same day fills the whole 6-hour window.
        let mut full = Looping::default();
        let unthinned = SpoofingConfig {
            pattern_age_ratio: 0.0,
            ..cfg()
        };
        for m in 0..24 * 60 {
            let p = destination(o, 90.0, 0.3 * m as f64);
            let s = Sample {
                t: m * 60_000,
                lat: p.lat,
                lon: p.lon,
            };
            full.push(s, m as u64 + 1, &unthinned);
        }
        assert_eq!(full.len(), 361);
        let centre = LatLon::new(42.3, 131.5);
        let start = 24 * 60 * 60_000;
        let omega = 9.0 * KM_PER_NM / 3600.0 / 2.0; // rad per second
        most = 0;
        for k in 0..24 * 360 {
            n += 1;
            let p = destination(centre, (omega * 10.0 * k as f64).to_degrees(), 2.0);
            let s = Sample {
                t: start + k * 10_000,
                lat: p.lat,
                lon: p.lon,
            };
            eps.extend(l.push(s, n, &c));
            most = most.max(l.len());
        }
        assert!(most <= bound + CHECK_EVERY as usize, "{most} > {bound}");
        // The window is 6 hours long still, and its latest 16 minutes are one-minute samples.
        let last = l.len() - 1;
        assert!(
            l.t(last) - l.t(0) >= 5 * 3_600_000,
            "{}",
            l.t(last) - l.t(0)
        );
        assert!((last - 15..last).all(|i| l.t(i + 1) - l.t(i) == 60_000));
        eps.extend(l.close());
        assert_eq!(eps.len(), 1, "{eps:?}");
        assert_eq!(eps[0].shape.kind, "circle");
        assert!((eps[0].shape.radius_km - 2.0).abs() < 0.05, "{eps:?}");
        // From the circle's start (within a turn) to its end, with every position counted.
        assert!(eps[0].first.t - start < 45 * 60_000, "{eps:?}");
        assert!(eps[0].positions > 23 * 360, "{eps:?}");
    }

    #[test]
    fn the_window_reads_and_writes_the_checkpoint_layout() {
        let mut l = Looping::default();
        for m in 0..200i64 {
            let s = Sample {
                t: m * 60_000,
                lat: 42.0 + 0.001 * m as f64,
                lon: 131.0,
            };
            l.push(s, 3 * m as u64 + 7, &cfg());
        }
        // The window writes itself as the checkpoint layout without copying.
        let written = serde_json::to_value(&l).unwrap();
        assert_eq!(
            written,
            serde_json::to_value(LoopingState::from(l.clone())).unwrap()
        );
        assert_eq!(written["samples"].as_array().unwrap().len(), l.len());
        let state = LoopingState::from(l.clone());
        assert_eq!(state.samples.len(), l.len());
        let back = Looping::from(state);
        assert_eq!(back.len(), l.len());
        for i in 0..l.len() {
            assert_eq!(back.sample(i), l.sample(i));
            assert_eq!(back.n(i), l.n(i));
            assert!((back.samples[i].step - l.samples[i].step).abs() < 1e-4);
        }
    }

    #[test]
    fn dead_ships_list_parses() {
        let d = DeadShips::new(&[1234567]);
        assert!(d.get(7411961).is_some());
        assert!(d.get(1234567).is_some());
        assert!(d.get(9179842).is_none());
    }
}
