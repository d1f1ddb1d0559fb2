//! The reception model, built from the data itself. Per receiving station (a position's
//! `station`; positions without one share a pseudo-station, the feed): the cells it heard vessels
//! in (its footprint, kept for the whole run) and its activity per `bucket_minutes`; per cell and
//! hour, the positions and distinct vessels heard. From it: each gap's reason
//! (`receiver_outage`, `left_coverage`, `went_dark`, `unknown`), the coverage hint, and the
//! positions a station could not have heard (`out_of_range`).
//!
//! Positions arrive in runs (one vessel, one station, one cell, one bucket), so the maps are
//! touched once per run, not once per position.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use lookout_core::geo::{destination, distance_km, LatLon, KM_PER_DEG, KM_PER_NM};
use serde_json::{json, Map, Value};

use crate::config::Config;
use crate::track::MS_PER_HOUR;

mod shard;
pub(crate) use shard::reason_inputs;
pub use shard::{
    station_days, ReceptionReplay, ReceptionTallies, StationDay, SuspectRun, Tally, TallyKey,
};

/// True when a position's coordinates are a place (the model counts it in its cells and
/// footprints; otherwise only as its station's activity).
pub(crate) fn valid_position(lat: f64, lon: f64) -> bool {
    lat.abs() <= 90.0 && lon.abs() <= 180.0 && !(lat == 0.0 && lon == 0.0)
}

/// Index of a receiving station; 0 is the feed (positions without a station).
pub(crate) type StationId = u16;

/// Name reported for positions without a station.
pub(crate) const FEED: &str = "(feed)";

/// Distinct vessels are counted exactly up to this many per cell, bucket or footprint cell.
const CAP: usize = 8;

/// Positions and distinct vessels heard in one cell-hour, station bucket or footprint cell.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
struct Heard {
    positions: u32,
    n: u8,
    mmsis: [u32; CAP],
}

impl Heard {
    fn add(&mut self, mmsi: u32, positions: u32) {
        self.positions += positions;
        let k = usize::from(self.n);
        if k < CAP && !self.mmsis[..k].contains(&mmsi) {
            self.mmsis[k] = mmsi;
            self.n += 1;
        }
    }

    /// Distinct vessels (saturates at `CAP`).
    fn vessels(&self) -> u32 {
        u32::from(self.n)
    }

    /// Distinct vessels other than `mmsi` (saturates at `CAP`).
    fn others(&self, mmsi: u32) -> u32 {
        let k = usize::from(self.n);
        u32::from(self.n) - u32::from(self.mmsis[..k].contains(&mmsi))
    }
}

/// The run of positions being accumulated.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Run {
    mmsi: u32,
    station: StationId,
    cell: (i32, i32),
    foot: (i32, i32),
    hour: i64,
    bucket: i64,
    n: u32,
    first: i64,
    last: i64,
    lat: f64,
    lon: f64,
}

/// Positions of one vessel, heard by one station in one cell not yet known to be in its
/// footprint: checked for `out_of_range` at the next flush.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(crate) struct Suspect {
    pub mmsi: u32,
    pub station: StationId,
    pub first: i64,
    pub last: i64,
    pub n: u32,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct Station {
    #[serde(with = "station_name")]
    name: Arc<str>,
    first_bucket: i64,
    active_buckets: u64,
}

/// Serde for a station's name (`Arc<str>`, without serde's `rc` feature).
mod station_name {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(name: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(name)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
        String::deserialize(d).map(Arc::from)
    }
}

/// A station's footprint as the out-of-range test sees it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Footprint {
    /// Centres of the cells where at least `footprint_min_vessels` vessels were heard.
    cells: Vec<LatLon>,
    /// Radius of those cells around their mean, km.
    pub radius_km: f64,
}

/// One end of a gap as the reasons need it.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(crate) struct GapEnd {
    pub t: i64,
    pub lat: f64,
    pub lon: f64,
    /// Speed, knots, when known.
    pub knots: Option<f64>,
    /// Course, degrees, when known.
    pub course: Option<f64>,
    pub station: StationId,
}

/// A station silence that explains a gap.
#[derive(Debug, Clone, Copy)]
struct Outage {
    start: i64,
    end: i64,
    vessels: u32,
}

/// What the model says about one side of a gap.
#[derive(Debug, Clone, Copy)]
struct Side {
    /// In the footprint of a continuous station.
    covered: bool,
    /// One of those stations heard something in at least half the window.
    active: bool,
    /// On its course it would have left (start) or just entered (end) the covered area.
    edge: bool,
    /// Distinct other vessels heard around it in the window.
    others: u32,
}

/// The reception model. Its grid sizes come from the configuration ([`Reception::configure`]);
/// what it learned serializes with the engine.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct Reception {
    #[serde(skip)]
    cell_deg: f64,
    #[serde(skip)]
    foot_deg: f64,
    #[serde(skip)]
    bucket_ms: i64,
    stations: Vec<Station>,
    /// Station ids by name (rebuilt from `stations` by [`Reception::resume`]).
    #[serde(skip)]
    ids: HashMap<Arc<str>, StationId>,
    #[serde(skip)]
    last_name: Option<(Arc<str>, StationId)>,
    /// `spoofing.satellite_sources`, lower case.
    #[serde(skip)]
    satellite_patterns: Vec<String>,
    /// Per station, whether its receive times are a satellite's (rebuilt by `resume`).
    #[serde(skip)]
    satellite: Vec<bool>,
    cells: HashMap<(i32, i32, i64), Heard>,
    buckets: HashMap<(StationId, i64), Heard>,
    foot: HashMap<(StationId, i32, i32), Heard>,
    run: Option<Run>,
    suspects: Vec<Suspect>,
    latest_bucket: i64,
    /// Per footprint cell, the continuous stations heard there (rebuilt by `refresh`).
    covered: HashMap<(i32, i32), Vec<StationId>>,
    /// Per station, its out-of-range footprint (rebuilt by `refresh`).
    footprints: Vec<Footprint>,
    /// Per station, whether it receives continuously (rebuilt by `refresh`).
    continuous: Vec<bool>,
    /// Whether a station was heard in a bucket it had not been heard in (or a station is new)
    /// since the last `refresh`, and the latest bucket that refresh saw. Without either, a
    /// refresh is skipped: the footprints follow the data bucket by bucket
    /// (`reception.bucket_minutes`), not message by message, so a live watch that flushes often
    /// does not rebuild them at every flush; the batch flushes once a day, after new buckets.
    #[serde(skip)]
    unrefreshed: bool,
    #[serde(skip)]
    refreshed_at: Option<i64>,
    /// Keys of `cells` by hour and of `buckets` by bucket (rebuilt by `resume`), so that
    /// `forget_before` touches only what it forgets (a live watch forgets at every flush).
    #[serde(skip)]
    cells_by_hour: BTreeMap<i64, Vec<(i32, i32)>>,
    #[serde(skip)]
    buckets_by_time: BTreeMap<i64, Vec<StationId>>,
}

impl Reception {
    pub fn new(cfg: &Config) -> Self {
        let feed: Arc<str> = Arc::from(FEED);
        let mut r = Self {
            cell_deg: 0.0,
            foot_deg: 0.0,
            bucket_ms: 0,
            stations: Vec::new(),
            ids: HashMap::new(),
            last_name: None,
            satellite_patterns: Vec::new(),
            satellite: Vec::new(),
            cells: HashMap::new(),
            buckets: HashMap::new(),
            foot: HashMap::new(),
            run: None,
            suspects: Vec::new(),
            latest_bucket: i64::MIN,
            covered: HashMap::new(),
            footprints: Vec::new(),
            continuous: Vec::new(),
            unrefreshed: false,
            refreshed_at: None,
            cells_by_hour: BTreeMap::new(),
            buckets_by_time: BTreeMap::new(),
        };
        r.resume(cfg);
        r.intern(&feed);
        r
    }

    /// Sets what a deserialized model lacks: the grid sizes from the configuration and the
    /// station ids by name.
    pub fn resume(&mut self, cfg: &Config) {
        self.cell_deg = cfg.gap.coverage_cell_deg.max(0.01);
        self.foot_deg = cfg.reception.footprint_cell_deg.max(0.01);
        self.bucket_ms = ((cfg.reception.bucket_minutes * 60_000.0) as i64).max(60_000);
        self.cells_by_hour.clear();
        for &(i, j, h) in self.cells.keys() {
            self.cells_by_hour.entry(h).or_default().push((i, j));
        }
        self.buckets_by_time.clear();
        for &(st, b) in self.buckets.keys() {
            self.buckets_by_time.entry(b).or_default().push(st);
        }
        self.ids = (0..)
            .zip(&self.stations)
            .map(|(id, st)| (st.name.clone(), id))
            .collect();
        self.satellite_patterns = cfg
            .spoofing
            .satellite_sources
            .iter()
            .map(|p| p.to_lowercase())
            .filter(|p| !p.is_empty())
            .collect();
        self.satellite = self
            .stations
            .iter()
            .map(|st| self.is_satellite_name(&st.name))
            .collect();
    }

    fn is_satellite_name(&self, name: &str) -> bool {
        let name = name.to_lowercase();
        self.satellite_patterns.iter().any(|p| name.contains(p))
    }

    /// True when the station's receive times are a satellite's (`spoofing.satellite_sources`).
    pub fn satellite(&self, id: StationId) -> bool {
        self.satellite
            .get(usize::from(id))
            .copied()
            .unwrap_or(false)
    }

    fn intern(&mut self, name: &Arc<str>) -> StationId {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        let id = StationId::try_from(self.stations.len()).unwrap_or(StationId::MAX);
        if id == StationId::MAX {
            return 0; // more stations than ids: the rest count as the feed
        }
        self.unrefreshed = true;
        self.stations.push(Station {
            name: name.clone(),
            first_bucket: i64::MAX,
            active_buckets: 0,
        });
        self.satellite.push(self.is_satellite_name(name));
        self.ids.insert(name.clone(), id);
        id
    }

    /// The station's id (0, the feed, without a name).
    pub fn station(&mut self, name: Option<&Arc<str>>) -> StationId {
        let Some(name) = name else { return 0 };
        if let Some((last, id)) = &self.last_name {
            if Arc::ptr_eq(last, name) || **last == **name {
                return *id;
            }
        }
        let id = self.intern(name);
        self.last_name = Some((name.clone(), id));
        id
    }

    /// True when the station was active in at least `continuous_duty` of the buckets since it
    /// was first heard (as of the last `refresh`; the feed until then).
    pub fn continuous(&self, id: StationId) -> bool {
        self.continuous
            .get(usize::from(id))
            .copied()
            .unwrap_or(id == 0)
    }

    /// How many of the stations in `heard` (one per report) are continuous.
    pub fn heard_by_continuous(&self, heard: &[StationId]) -> u32 {
        heard.iter().filter(|s| self.continuous(**s)).count() as u32
    }

    /// The station's name.
    pub fn name(&self, id: StationId) -> &str {
        &self.stations[usize::from(id)].name
    }

    /// The coverage cell of a point.
    pub fn cell(&self, lat: f64, lon: f64) -> (i32, i32) {
        (
            (lat / self.cell_deg).floor() as i32,
            (lon / self.cell_deg).floor() as i32,
        )
    }

    /// The footprint cell of a point.
    fn foot_cell(&self, lat: f64, lon: f64) -> (i32, i32) {
        (
            (lat / self.foot_deg).floor() as i32,
            (lon / self.foot_deg).floor() as i32,
        )
    }

    fn foot_centre(&self, (i, j): (i32, i32)) -> LatLon {
        LatLon::new(
            (f64::from(i) + 0.5) * self.foot_deg,
            (f64::from(j) + 0.5) * self.foot_deg,
        )
    }

    /// A valid position heard by `station`.
    pub fn observe(&mut self, mmsi: u32, station: StationId, t: i64, lat: f64, lon: f64) {
        let cell = self.cell(lat, lon);
        let foot = self.foot_cell(lat, lon);
        let hour = t.div_euclid(3_600_000);
        let bucket = t.div_euclid(self.bucket_ms);
        if let Some(r) = &mut self.run {
            if r.mmsi == mmsi
                && r.station == station
                && r.foot == foot
                && r.hour == hour
                && r.bucket == bucket
            {
                r.n += 1;
                r.last = t;
                return;
            }
        }
        self.commit();
        self.run = Some(Run {
            mmsi,
            station,
            cell,
            foot,
            hour,
            bucket,
            n: 1,
            first: t,
            last: t,
            lat,
            lon,
        });
    }

    /// A record from `station` without a valid position: the station was working.
    pub fn observe_station(&mut self, mmsi: u32, station: StationId, t: i64) {
        self.commit();
        let bucket = t.div_euclid(self.bucket_ms);
        self.active(mmsi, station, bucket, 1);
    }

    fn active(&mut self, mmsi: u32, station: StationId, bucket: i64, n: u32) {
        let st = &mut self.stations[usize::from(station)];
        let (by_time, unrefreshed) = (&mut self.buckets_by_time, &mut self.unrefreshed);
        let h = self.buckets.entry((station, bucket)).or_insert_with(|| {
            *unrefreshed = true;
            by_time.entry(bucket).or_default().push(station);
            st.active_buckets += 1;
            st.first_bucket = st.first_bucket.min(bucket);
            Heard::default()
        });
        h.add(mmsi, n);
        self.latest_bucket = self.latest_bucket.max(bucket);
    }

    /// Adds the pending run to the maps.
    pub fn commit(&mut self) {
        let Some(r) = self.run.take() else { return };
        let by_hour = &mut self.cells_by_hour;
        self.cells
            .entry((r.cell.0, r.cell.1, r.hour))
            .or_insert_with(|| {
                by_hour.entry(r.hour).or_default().push(r.cell);
                Heard::default()
            })
            .add(r.mmsi, r.n);
        self.active(r.mmsi, r.station, r.bucket, r.n);
        let f = self
            .foot
            .entry((r.station, r.foot.0, r.foot.1))
            .or_default();
        let known = f.vessels() >= 1 && f.others(r.mmsi) >= 1;
        f.add(r.mmsi, r.n);
        if known {
            return;
        }
        // Not (yet) a cell where others were heard: check it against the footprint later.
        let (deg, cell) = (self.foot_deg, r.foot);
        let same_cell =
            |s: &Suspect| ((s.lat / deg).floor() as i32, (s.lon / deg).floor() as i32) == cell;
        match self.suspects.last_mut() {
            Some(s) if s.mmsi == r.mmsi && s.station == r.station && same_cell(s) => {
                s.last = r.last;
                s.n += r.n;
            }
            _ => self.suspects.push(Suspect {
                mmsi: r.mmsi,
                station: r.station,
                first: r.first,
                last: r.last,
                n: r.n,
                lat: r.lat,
                lon: r.lon,
            }),
        }
    }

    /// Rebuilds the covered cells and footprints (call after `commit`, before the questions).
    pub fn refresh(&mut self, cfg: &Config) {
        self.commit();
        let latest = self.latest_bucket;
        if !self.unrefreshed && self.refreshed_at == Some(latest) {
            return;
        }
        self.unrefreshed = false;
        self.refreshed_at = Some(latest);
        // A satellite (`spoofing.satellite_sources`) hears a place only while it passes over:
        // however dense its feed, it is never a continuous receiver (no covered area, no
        // outages).
        let continuous: Vec<bool> = self
            .stations
            .iter()
            .zip(&self.satellite)
            .map(|(s, &satellite)| {
                let span = latest
                    .saturating_sub(s.first_bucket)
                    .saturating_add(1)
                    .max(1) as f64;
                !satellite
                    && s.active_buckets > 0
                    && s.active_buckets as f64 / span >= cfg.reception.continuous_duty
            })
            .collect();
        self.covered.clear();
        let mut robust: Vec<Vec<LatLon>> = vec![Vec::new(); self.stations.len()];
        // Per station, positions heard in all its cells and in the robust ones.
        let mut positions = vec![(0u64, 0u64); self.stations.len()];
        for (&(st, i, j), h) in &self.foot {
            if continuous[usize::from(st)] {
                self.covered.entry((i, j)).or_default().push(st);
            }
            let p = &mut positions[usize::from(st)];
            p.0 += u64::from(h.positions);
            if h.vessels() >= cfg.reception.footprint_min_vessels {
                robust[usize::from(st)].push(self.foot_centre((i, j)));
                p.1 += u64::from(h.positions);
            }
        }
        for v in self.covered.values_mut() {
            v.sort_unstable();
        }
        self.continuous = continuous;
        self.footprints = robust
            .into_iter()
            .zip(positions)
            .map(|(cells, (all, inside))| {
                // A station whose robust cells hold too few of its positions (a merged feed
                // named as one station) has no footprint to test against.
                let share = inside as f64 / all.max(1) as f64;
                if share < cfg.reception.footprint_min_share {
                    return Footprint {
                        cells: Vec::new(),
                        radius_km: 0.0,
                    };
                }
                let n = cells.len().max(1) as f64;
                let mean = LatLon::new(
                    cells.iter().map(|c| c.lat).sum::<f64>() / n,
                    cells.iter().map(|c| c.lon).sum::<f64>() / n,
                );
                let radius_km = cells
                    .iter()
                    .map(|c| distance_km(mean, *c))
                    .fold(0.0, f64::max);
                Footprint { cells, radius_km }
            })
            .collect();
    }

    /// Forgets hourly cells and station buckets before `t` (footprints are kept).
    pub fn forget_before(&mut self, t: i64) {
        let hour = t.div_euclid(3_600_000);
        let bucket = t.div_euclid(self.bucket_ms);
        let kept = self.cells_by_hour.split_off(&hour);
        for (h, cells) in std::mem::replace(&mut self.cells_by_hour, kept) {
            for (i, j) in cells {
                self.cells.remove(&(i, j, h));
            }
        }
        let kept = self.buckets_by_time.split_off(&bucket);
        for (b, stations) in std::mem::replace(&mut self.buckets_by_time, kept) {
            for st in stations {
                self.buckets.remove(&(st, b));
            }
        }
    }

    /// Valid positions heard in one reception cell and hour (a [`crate::coverage_key`]).
    pub fn positions_in(&self, key: (i32, i32, i64)) -> u64 {
        self.cells.get(&key).map_or(0, |c| u64::from(c.positions))
    }

    /// Distinct other vessels (summed over cell-hours) heard in the 3 x 3 cells around a point
    /// during the hours overlapping `[t0, t1]`, leaving out the hour of `skip`.
    fn others_around(&self, mmsi: u32, p: LatLon, t0: i64, t1: i64, skip: i64) -> u32 {
        let (ci, cj) = self.cell(p.lat, p.lon);
        let skip = skip.div_euclid(3_600_000);
        let mut n = 0;
        for h in t0.div_euclid(3_600_000)..=t1.div_euclid(3_600_000) {
            if h == skip {
                continue;
            }
            for di in -1..=1 {
                for dj in -1..=1 {
                    if let Some(c) = self.cells.get(&(ci + di, cj + dj, h)) {
                        n += c.others(mmsi);
                    }
                }
            }
        }
        n
    }

    /// True when the station heard something in at least half the buckets of `[t0, t1]`.
    fn station_active(&self, st: StationId, t0: i64, t1: i64) -> bool {
        let (b0, b1) = (t0.div_euclid(self.bucket_ms), t1.div_euclid(self.bucket_ms));
        let heard = (b0..=b1)
            .filter(|b| self.buckets.contains_key(&(st, *b)))
            .count() as i64;
        2 * heard > b1 - b0
    }

    /// The continuous stations whose footprint holds the point.
    fn covering(&self, p: LatLon) -> &[StationId] {
        self.covered
            .get(&self.foot_cell(p.lat, p.lon))
            .map_or(&[], |v| v.as_slice())
    }

    /// Probes the covered area along `course` from `p` up to `reach_km`: true when a point on
    /// the way is in no continuous station's footprint.
    fn leaves(&self, p: LatLon, course: f64, reach_km: f64) -> bool {
        let step = self.foot_deg * KM_PER_DEG / 2.0;
        let mut d = step;
        while d <= reach_km {
            if self.covering(destination(p, course, d)).is_empty() {
                return true;
            }
            d += step;
        }
        false
    }

    fn side(&self, mmsi: u32, e: &GapEnd, outward: bool, cfg: &Config) -> Side {
        let w = (cfg.gap.reason_window_hours * MS_PER_HOUR) as i64;
        let (t0, t1) = if outward {
            (e.t, e.t + w)
        } else {
            (e.t - w, e.t)
        };
        let p = LatLon::new(e.lat, e.lon);
        let stations = self.covering(p);
        let edge = match (e.knots, e.course) {
            (Some(k), Some(c)) if !stations.is_empty() && k >= 1.0 => {
                let reach = k * KM_PER_NM * cfg.gap.exit_hours + cfg.gap.edge_probe_km;
                let c = if outward { c } else { (c + 180.0) % 360.0 };
                self.leaves(p, c, reach)
            }
            _ => false,
        };
        Side {
            covered: !stations.is_empty(),
            active: stations.iter().any(|&s| self.station_active(s, t0, t1)),
            edge,
            others: self.others_around(mmsi, p, t0, t1, e.t),
        }
    }

    /// The silence of `st` that began within `outage_window_minutes` after `t`, if it follows
    /// the feed-outage rule (enough vessels heard just before, long enough).
    fn outage_after(&self, st: StationId, t: i64, until: i64, cfg: &Config) -> Option<Outage> {
        if !self.continuous(st) {
            return None; // a satellite between passes is silent by nature
        }
        let r = &cfg.reception;
        let bm = self.bucket_ms;
        let window = ((r.outage_window_minutes * 60_000.0) as i64 / bm).max(1);
        let b = t.div_euclid(bm);
        let first_silent = (b + 1..=b + window).find(|k| !self.buckets.contains_key(&(st, *k)))?;
        let last_bucket = until.div_euclid(bm);
        let mut end = first_silent;
        while end <= last_bucket && !self.buckets.contains_key(&(st, end)) {
            end += 1;
        }
        if ((end - first_silent) * bm) as f64 / 60_000.0 < r.outage_min_minutes {
            return None;
        }
        let mut seen: HashSet<u32> = HashSet::new();
        for k in first_silent - window..first_silent {
            if let Some(h) = self.buckets.get(&(st, k)) {
                seen.extend(&h.mmsis[..usize::from(h.n)]);
            }
        }
        let vessels = seen.len() as u32;
        (vessels >= r.outage_min_vessels).then_some(Outage {
            start: first_silent * bm,
            end: end * bm,
            vessels,
        })
    }

    /// The silence of `st` that ended within `outage_window_minutes` before `t`, if it follows
    /// the feed-outage rule seen from its end (enough vessels heard as soon as it came back,
    /// long enough); it is not looked for before `since`.
    fn outage_before(&self, st: StationId, t: i64, since: i64, cfg: &Config) -> Option<Outage> {
        if !self.continuous(st) {
            return None;
        }
        let r = &cfg.reception;
        let bm = self.bucket_ms;
        let window = ((r.outage_window_minutes * 60_000.0) as i64 / bm).max(1);
        let b = t.div_euclid(bm);
        let last_silent = (b - window..b)
            .rev()
            .find(|k| !self.buckets.contains_key(&(st, *k)))?;
        let first_bucket = since.div_euclid(bm);
        let mut start = last_silent;
        while start > first_bucket && !self.buckets.contains_key(&(st, start - 1)) {
            start -= 1;
        }
        if ((last_silent + 1 - start) * bm) as f64 / 60_000.0 < r.outage_min_minutes {
            return None;
        }
        let mut seen: HashSet<u32> = HashSet::new();
        for k in last_silent + 1..=last_silent + window {
            if let Some(h) = self.buckets.get(&(st, k)) {
                seen.extend(&h.mmsis[..usize::from(h.n)]);
            }
        }
        let vessels = seen.len() as u32;
        (vessels >= r.outage_min_vessels).then_some(Outage {
            start: start * bm,
            end: (last_silent + 1) * bm,
            vessels,
        })
    }

    /// The reason of a gap from `start` to `end` (`None`: still open at `end_time`), with the
    /// evidence behind it. `heard` counts reports of the vessel without a valid position that
    /// continuous stations received well inside the silence (its transponder was on).
    pub fn gap_reason(
        &self,
        mmsi: u32,
        start: &GapEnd,
        end: Option<&GapEnd>,
        end_time: i64,
        heard: u32,
        cfg: &Config,
    ) -> (&'static str, Map<String, Value>) {
        let mut d = Map::new();
        d.insert("station".into(), self.name(start.station).into());
        d.insert("heard_without_position".into(), heard.into());
        if heard > 0 {
            // Its static reports (or "not available" positions) were heard: the transponder was
            // on and in reach, only the position was missing.
            return ("unknown", d);
        }
        let w = (cfg.gap.reason_window_hours * MS_PER_HOUR) as i64;
        let min_gap = (cfg.gap.min_hours * MS_PER_HOUR) as i64;
        if let Some(o) = self.outage_after(start.station, start.t, end_time, cfg) {
            d.insert(
                "outage".into(),
                json!({"station": self.name(start.station),
                    "start": lookout_core::time::format_time(o.start),
                    "end": lookout_core::time::format_time(o.end),
                    "vessels_heard_before": o.vessels}),
            );
            // Others heard in the vessel's own cell meanwhile: another station could hear it.
            let p = LatLon::new(start.lat, start.lon);
            let (ci, cj) = self.cell(p.lat, p.lon);
            let others: u32 = (o.start.div_euclid(3_600_000)
                ..=(o.end.min(o.start + w)).div_euclid(3_600_000))
                .filter(|h| *h != start.t.div_euclid(3_600_000))
                .filter_map(|h| self.cells.get(&(ci, cj, h)))
                .map(|c| c.others(mmsi))
                .sum();
            if end_time - o.end < min_gap && others == 0 {
                return ("receiver_outage", d);
            }
        }
        let a = self.side(mmsi, start, true, cfg);
        d.insert(
            "start_side".into(),
            json!({"covered": a.covered, "station_active": a.active, "leaving": a.edge,
                "others_heard": a.others}),
        );
        if !a.covered || a.edge {
            return ("left_coverage", d);
        }
        // The station that heard it again had just come back, and it fell silent in that
        // station's reach while the station was down (or just before it went down).
        if let Some(e) = end {
            let (ci, cj) = self.foot_cell(start.lat, start.lon);
            let in_reach = self
                .foot
                .get(&(e.station, ci, cj))
                .is_some_and(|h| h.vessels() >= cfg.reception.footprint_min_vessels);
            let window = (cfg.reception.outage_window_minutes * 60_000.0) as i64;
            let o = self
                .outage_before(e.station, e.t, start.t - window, cfg)
                .filter(|o| in_reach && o.start <= start.t + window);
            if let Some(o) = o {
                d.insert(
                    "outage".into(),
                    json!({"station": self.name(e.station),
                        "start": lookout_core::time::format_time(o.start),
                        "end": lookout_core::time::format_time(o.end),
                        "vessels_heard_after": o.vessels}),
                );
                return ("receiver_outage", d);
            }
        }
        let b = end.map(|e| self.side(mmsi, e, false, cfg));
        if let Some(b) = &b {
            d.insert(
                "end_side".into(),
                json!({"covered": b.covered, "station_active": b.active, "entering": b.edge,
                    "others_heard": b.others}),
            );
        }
        let min_others = cfg.gap.min_other_vessels;
        // Others heard around both ends while it was silent (where it came back from does not
        // matter: it was silent inside coverage first).
        let received = |s: &Side| s.covered && s.active && s.others >= min_others;
        let received = received(&a) && b.is_none_or(|b| received(&b));
        if heard == 0 && received {
            ("went_dark", d)
        } else {
            ("unknown", d)
        }
    }

    /// The footprint of a station, for the out-of-range test: `None` for wide stations
    /// (satellites, merged feeds) and stations with too few cells to judge.
    fn footprint(&self, st: StationId, cfg: &Config) -> Option<&Footprint> {
        let f = self.footprints.get(usize::from(st))?;
        let first = self.stations.get(usize::from(st))?.first_bucket;
        let heard_hours =
            self.latest_bucket.saturating_sub(first) as f64 * self.bucket_ms as f64 / MS_PER_HOUR;
        (f.cells.len() >= 3
            && f.radius_km <= cfg.reception.max_station_radius_km
            && heard_hours >= cfg.reception.footprint_min_hours)
            .then_some(f)
    }

    /// Suspects farther than `out_of_range_km` from every footprint cell of their station, with
    /// that distance; clears the suspects.
    pub fn out_of_range(&mut self, cfg: &Config) -> Vec<(Suspect, f64, f64)> {
        let suspects = std::mem::take(&mut self.suspects);
        let mut out = Vec::new();
        for s in suspects {
            let Some(f) = self.footprint(s.station, cfg) else {
                continue;
            };
            let p = LatLon::new(s.lat, s.lon);
            let d = f
                .cells
                .iter()
                .map(|c| distance_km(p, *c))
                .fold(f64::INFINITY, f64::min);
            if d > cfg.reception.out_of_range_km {
                out.push((s, d, f.radius_km));
            }
        }
        out
    }
}
