//! The reception model of a distributed run (`docs/scale.md`, "Distributed events").
//!
//! In the engine's order (UTC day, then MMSI, then time) the model sees each vessel's records in
//! runs (one vessel, station, footprint cell, hour and bucket; a run's positions count in the
//! coverage cell of its first) that never cross vessels or days, so a shard that sees some of
//! the vessels makes the same runs. The model's maps are sums and "first eight distinct
//! vessels" over keys that never cross a day: a cell-hour, a station's bucket (its day kept in
//! the key, so a bucket that straddles midnight stays exact), a station's footprint cell per day.
//! Within a day the first eight distinct vessels are the eight lowest MMSIs, so a shard tallies
//! its runs per key and day ([`ReceptionTallies`]), the
//! shards' tallies of a key merge by summing positions and keeping the lowest eight MMSIs of
//! their union ([`Tally::merge`]), and [`ReceptionReplay`] rebuilds from the merged tallies the
//! model the single engine held at a given flush: the reasons it gives a gap are the single
//! engine's.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use lookout_core::event::Event;
use lookout_core::record::Record;
use lookout_core::time::day_index;
use serde_json::{json, Map, Value};

use lookout_core::geo::LatLon;

use super::{GapEnd, Heard, Reception, StationId, Suspect, CAP, FEED};
use crate::config::Config;

/// Positions and the lowest distinct MMSIs (at most eight) heard in one key on one day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Positions (or reports, for a station's bucket) counted.
    pub positions: u64,
    /// The lowest distinct MMSIs, ascending, at most [`Tally::CAP`].
    pub mmsis: Vec<u32>,
}

impl Tally {
    /// Distinct vessels kept per key: the model counts exactly up to this many.
    pub const CAP: usize = CAP;

    fn insert(&mut self, mmsi: u32) {
        if let Err(k) = self.mmsis.binary_search(&mmsi) {
            if k < CAP {
                self.mmsis.insert(k, mmsi);
                self.mmsis.truncate(CAP);
            }
        }
    }

    fn add(&mut self, mmsi: u32, n: u64) {
        self.positions += n;
        self.insert(mmsi);
    }

    /// Adds another shard's tally of the same key and day.
    pub fn merge(&mut self, other: &Tally) {
        self.positions += other.positions;
        for &m in &other.mmsis {
            self.insert(m);
        }
    }
}

/// What a tally counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TallyKey {
    /// Valid positions in a coverage cell (`gap.coverage_cell_deg`) and hour.
    Cell {
        lat_cell: i32,
        lon_cell: i32,
        hour: i64,
    },
    /// Records a station received in a bucket (`reception.bucket_minutes`).
    Bucket { station: Arc<str>, bucket: i64 },
    /// Valid positions a station received in a footprint cell (`reception.footprint_cell_deg`).
    Foot {
        station: Arc<str>,
        lat_cell: i32,
        lon_cell: i32,
    },
}

/// The run of positions being tallied (as the model's own run): the vessel, the station, and
/// (footprint cell, hour, bucket), the key a position must share to extend it.
struct PendingRun {
    mmsi: u32,
    station: Arc<str>,
    key: ((i32, i32), i64, i64),
    cell: (i32, i32),
    n: u64,
    first: i64,
    last: i64,
    lat: f64,
    lon: f64,
}

/// A run of valid positions of one vessel heard by one station in a footprint cell where no
/// other vessel of the shard had been heard before it (in the engine's order): a candidate
/// for the model's `out_of_range` suspects, which are the runs in a cell where no other vessel
/// of the whole data had been heard ([`ReceptionReplay::out_of_range`] decides).
#[derive(Debug, Clone, PartialEq)]
pub struct SuspectRun {
    pub mmsi: u32,
    pub station: Arc<str>,
    /// The footprint cell (`reception.footprint_cell_deg`).
    pub lat_cell: i32,
    pub lon_cell: i32,
    /// First and last position's times, ms, and the positions.
    pub first: i64,
    pub last: i64,
    pub n: u32,
    /// The first position.
    pub lat: f64,
    pub lon: f64,
}

/// A shard's reception tallies: per key and UTC day, positions and the lowest MMSIs.
pub struct ReceptionTallies {
    geometry: Reception,
    run: Option<PendingRun>,
    /// The tallies by (key, day).
    tallies: HashMap<(TallyKey, i64), Tally>,
    /// Per station and footprint cell, the first two distinct vessels heard there.
    heard_in: HashMap<(Arc<str>, i32, i32), Vec<u32>>,
    suspects: Vec<SuspectRun>,
}

impl ReceptionTallies {
    /// Empty tallies on the grids of `cfg`.
    pub fn new(cfg: &Config) -> Self {
        Self {
            geometry: Reception::new(cfg),
            run: None,
            tallies: HashMap::new(),
            heard_in: HashMap::new(),
            suspects: Vec::new(),
        }
    }

    fn tally(&mut self, key: TallyKey, day: i64, mmsi: u32, n: u64) {
        self.tallies.entry((key, day)).or_default().add(mmsi, n);
    }

    /// Adds the pending run to the tallies (as `Reception::commit`).
    fn commit(&mut self) {
        let Some(r) = self.run.take() else { return };
        let (foot, hour, bucket) = r.key;
        let day = (hour * 3_600_000).div_euclid(lookout_core::time::DAY_MS);
        self.tally(
            TallyKey::Cell {
                lat_cell: r.cell.0,
                lon_cell: r.cell.1,
                hour,
            },
            day,
            r.mmsi,
            r.n,
        );
        self.tally(
            TallyKey::Bucket {
                station: r.station.clone(),
                bucket,
            },
            day,
            r.mmsi,
            r.n,
        );
        self.tally(
            TallyKey::Foot {
                station: r.station.clone(),
                lat_cell: foot.0,
                lon_cell: foot.1,
            },
            day,
            r.mmsi,
            r.n,
        );
        // The model's suspect rule (`Reception::commit`) on this shard's vessels.
        let seen = self
            .heard_in
            .entry((r.station.clone(), foot.0, foot.1))
            .or_default();
        let known = seen.iter().any(|m| *m != r.mmsi);
        if seen.len() < 2 && !seen.contains(&r.mmsi) {
            seen.push(r.mmsi);
        }
        if !known {
            self.suspects.push(SuspectRun {
                mmsi: r.mmsi,
                station: r.station,
                lat_cell: foot.0,
                lon_cell: foot.1,
                first: r.first,
                last: r.last,
                n: u32::try_from(r.n).unwrap_or(u32::MAX),
                lat: r.lat,
                lon: r.lon,
            });
        }
    }

    /// Counts a record as [`crate::Engine::push`] shows it to the reception model (records in
    /// the engine's order: UTC day, then MMSI, then time).
    pub fn add(&mut self, record: &Record) {
        let mmsi = record.mmsi();
        let (t, station, position) = match record {
            Record::Position(p) => (
                p.time,
                p.station.as_ref(),
                super::valid_position(p.lat, p.lon).then_some((p.lat, p.lon)),
            ),
            Record::Static(s) => (s.time, s.station.as_ref(), None),
        };
        let station: Arc<str> = station.cloned().unwrap_or_else(|| Arc::from(FEED));
        let bucket = t.div_euclid(self.geometry.bucket_ms);
        let Some((lat, lon)) = position else {
            // A record without a valid position: the station was working.
            self.commit();
            self.tally(TallyKey::Bucket { station, bucket }, day_index(t), mmsi, 1);
            return;
        };
        // The model's run rule (`Reception::observe`).
        let key = (
            self.geometry.foot_cell(lat, lon),
            t.div_euclid(3_600_000),
            bucket,
        );
        match &mut self.run {
            Some(r) if r.mmsi == mmsi && r.key == key && r.station == station => {
                r.n += 1;
                r.last = t;
            }
            _ => {
                self.commit();
                self.run = Some(PendingRun {
                    mmsi,
                    station,
                    key,
                    cell: self.geometry.cell(lat, lon),
                    n: 1,
                    first: t,
                    last: t,
                    lat,
                    lon,
                });
            }
        }
    }

    /// The tallies, sorted by (key, day).
    pub fn into_rows(self) -> Vec<(TallyKey, i64, Tally)> {
        self.into_parts().0
    }

    /// The tallies, sorted by (key, day), and the candidate suspects in the engine's order.
    pub fn into_parts(mut self) -> (Vec<(TallyKey, i64, Tally)>, Vec<SuspectRun>) {
        self.commit();
        let mut rows: Vec<_> = self
            .tallies
            .into_iter()
            .map(|((k, d), t)| (k, d, t))
            .collect();
        rows.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        (rows, self.suspects)
    }
}

/// A station's activity on one UTC day: the buckets it was first heard in that day (their
/// number, first and last).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StationDay {
    pub day: i64,
    pub buckets: u64,
    pub first_bucket: i64,
    pub last_bucket: i64,
}

/// Every station's days from merged bucket tallies: each bucket counted on the first day it
/// was heard (what the Spark job aggregates the same way).
pub fn station_days(tallies: &[(TallyKey, i64, Tally)]) -> Vec<(Arc<str>, StationDay)> {
    let mut first: BTreeMap<(Arc<str>, i64), i64> = BTreeMap::new();
    for (key, day, _) in tallies {
        if let TallyKey::Bucket { station, bucket } = key {
            let d = first.entry((station.clone(), *bucket)).or_insert(*day);
            *d = (*d).min(*day);
        }
    }
    let mut days: BTreeMap<(Arc<str>, i64), StationDay> = BTreeMap::new();
    for ((station, bucket), day) in first {
        let d = days.entry((station, day)).or_insert(StationDay {
            day,
            buckets: 0,
            first_bucket: bucket,
            last_bucket: bucket,
        });
        d.buckets += 1;
        d.first_bucket = d.first_bucket.min(bucket);
        d.last_bucket = d.last_bucket.max(bucket);
    }
    days.into_iter().map(|((s, _), d)| (s, d)).collect()
}

/// The reception model as the single engine held it at one flush, rebuilt from the whole
/// data's merged tallies, answering the reasons of the gaps that flush released.
pub struct ReceptionReplay {
    model: Reception,
    cfg: Config,
    /// Per station and footprint cell: up to two distinct vessels heard there on the days
    /// before the flush's, and the lowest vessel heard there on its day.
    foot_days: HashMap<(Arc<str>, i32, i32), FootDays>,
}

/// Vessels heard in one station's footprint cell as the out-of-range suspects need them: up to
/// two distinct on the days before a flush's, and the lowest on its day.
type FootDays = (Vec<u32>, Option<u32>);

impl ReceptionReplay {
    /// The model at the flush whose watermark falls on UTC day `day` (the finish: the last
    /// day), after the previous flush forgot what was older than `forgotten_before` (its
    /// watermark less `gap.coverage_days`; `None` for the first flush). `stations`: every
    /// station's days; `tallies`: the merged tallies of at least the days the model still held
    /// (later days and older cells or buckets are left out here).
    pub fn new(
        cfg: &Config,
        day: i64,
        forgotten_before: Option<i64>,
        stations: &[(Arc<str>, StationDay)],
        tallies: Vec<(TallyKey, i64, Tally)>,
    ) -> Self {
        let mut model = Reception::new(cfg);
        for (name, d) in stations.iter().filter(|(_, d)| d.day <= day) {
            let id = model.station(Some(name));
            let st = &mut model.stations[usize::from(id)];
            st.active_buckets += d.buckets;
            st.first_bucket = st.first_bucket.min(d.first_bucket);
            model.latest_bucket = model.latest_bucket.max(d.last_bucket);
        }
        // The single engine met a key's vessels day by day, each day's in MMSI order (the
        // shards' tallies of one key and day merged first).
        let mut merged: BTreeMap<(i64, TallyKey), Tally> = BTreeMap::new();
        for (key, d, t) in tallies.into_iter().filter(|t| t.1 <= day) {
            merged.entry((d, key)).or_default().merge(&t);
        }
        let mut foot_days: HashMap<(Arc<str>, i32, i32), FootDays> = HashMap::new();
        for ((d, key), t) in &merged {
            if let TallyKey::Foot {
                station,
                lat_cell,
                lon_cell,
            } = key
            {
                let f = foot_days
                    .entry((station.clone(), *lat_cell, *lon_cell))
                    .or_default();
                if *d < day {
                    for &m in &t.mmsis {
                        if f.0.len() < 2 && !f.0.contains(&m) {
                            f.0.push(m);
                        }
                    }
                } else {
                    f.1 = t.mmsis.first().copied();
                }
            }
        }
        for ((_, key), t) in merged {
            let heard = match key {
                TallyKey::Cell {
                    lat_cell,
                    lon_cell,
                    hour,
                } => {
                    let by_hour = &mut model.cells_by_hour;
                    model
                        .cells
                        .entry((lat_cell, lon_cell, hour))
                        .or_insert_with(|| {
                            by_hour.entry(hour).or_default().push((lat_cell, lon_cell));
                            Heard::default()
                        })
                }
                TallyKey::Bucket { station, bucket } => {
                    let st = model.station(Some(&station));
                    let by_time = &mut model.buckets_by_time;
                    model.buckets.entry((st, bucket)).or_insert_with(|| {
                        by_time.entry(bucket).or_default().push(st);
                        Heard::default()
                    })
                }
                TallyKey::Foot {
                    station,
                    lat_cell,
                    lon_cell,
                } => {
                    let st = model.station(Some(&station));
                    model.foot.entry((st, lat_cell, lon_cell)).or_default()
                }
            };
            heard.positions = heard
                .positions
                .saturating_add(u32::try_from(t.positions).unwrap_or(u32::MAX));
            for m in t.mmsis {
                heard.add(m, 0);
            }
        }
        if let Some(t) = forgotten_before {
            model.forget_before(t);
        }
        model.refresh(cfg);
        Self {
            model,
            cfg: cfg.clone(),
            foot_days,
        }
    }

    /// True when the station (by name) received continuously as of this flush.
    pub fn continuous(&mut self, station: &str) -> bool {
        let id = self.model.station(Some(&Arc::from(station)));
        self.model.continuous(id)
    }

    /// The `out_of_range` spoofing episodes of this flush, as the single engine finds them:
    /// `runs` are the shards' candidate suspects of the flush's day (any order). The model's
    /// suspects are those in a footprint cell where no other vessel had been heard before them
    /// (on an earlier day, or by a lower MMSI on the same day: the engine's order), merged as
    /// the model merges a vessel's consecutive suspects, and those farther than
    /// `reception.out_of_range_km` from their station's footprint become episodes.
    pub fn out_of_range(&mut self, mut runs: Vec<SuspectRun>) -> Vec<Event> {
        runs.sort_by(|a, b| (a.mmsi, a.first, &a.station).cmp(&(b.mmsi, b.first, &b.station)));
        let mut suspects: Vec<(Suspect, (i32, i32))> = Vec::new();
        for r in runs {
            let known = self
                .foot_days
                .get(&(r.station.clone(), r.lat_cell, r.lon_cell))
                .is_some_and(|(before, today)| {
                    before.iter().any(|m| *m != r.mmsi) || today.is_some_and(|m| m < r.mmsi)
                });
            if known {
                continue;
            }
            let station = self.model.station(Some(&r.station));
            let cell = (r.lat_cell, r.lon_cell);
            match suspects.last_mut() {
                Some((s, c)) if s.mmsi == r.mmsi && s.station == station && *c == cell => {
                    s.last = r.last;
                    s.n += r.n;
                }
                _ => suspects.push((
                    Suspect {
                        mmsi: r.mmsi,
                        station,
                        first: r.first,
                        last: r.last,
                        n: r.n,
                        lat: r.lat,
                        lon: r.lon,
                    },
                    cell,
                )),
            }
        }
        self.model.suspects = suspects.into_iter().map(|(s, _)| s).collect();
        crate::engine::out_of_range_episodes(&mut self.model, &self.cfg)
    }

    /// [`ReceptionReplay::reason`], with what the gap's interference mark needs: where it
    /// started and whether continuous stations heard the vessel without a position meanwhile
    /// (`None` for an event without `reason_inputs`).
    pub fn reason_for_marking(&mut self, e: Event) -> (Event, Option<(LatLon, bool)>) {
        let mark = e.details.get("reason_inputs").and_then(|inputs| {
            let start = self.end(inputs.get("start")?)?;
            let heard = self.heard(inputs);
            let heard = self.model.heard_by_continuous(&heard) > 0;
            Some((LatLon::new(start.lat, start.lon), heard))
        });
        (self.reason(e), mark)
    }

    /// The stations of `reason_inputs.heard`, by id.
    fn heard(&mut self, inputs: &Value) -> Vec<StationId> {
        inputs
            .get("heard")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|n| self.model.station(Some(&Arc::from(n))))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn end(&mut self, v: &Value) -> Option<GapEnd> {
        let f = |k: &str| v.get(k).and_then(Value::as_u64).map(f64::from_bits);
        let name: Arc<str> = Arc::from(v.get("station")?.as_str()?);
        Some(GapEnd {
            t: v.get("t")?.as_i64()?,
            lat: f("lat")?,
            lon: f("lon")?,
            knots: f("knots"),
            course: f("course"),
            station: self.model.station(Some(&name)),
        })
    }

    /// A shard's gap (with the `reason_inputs` detail the shard wrote when it released the gap)
    /// with the reason, evidence, confidence and coverage hint the single engine gives it.
    pub fn reason(&mut self, mut e: Event) -> Event {
        let Some(inputs) = e.details.remove("reason_inputs") else {
            return e;
        };
        let (Some(start), end) = (
            inputs.get("start").and_then(|v| self.end(v)),
            inputs.get("end").and_then(|v| self.end(v)),
        ) else {
            return e;
        };
        let heard = self.heard(&inputs);
        e.details.remove("reason");
        e.details.remove("reason_evidence");
        let (reason, evidence) = self.model.gap_reason(
            e.mmsi,
            &start,
            end.as_ref(),
            e.end_time,
            self.model.heard_by_continuous(&heard),
            &self.cfg,
        );
        crate::engine::set_reason(&mut e, reason, evidence);
        // The coverage hint from the same model, as the single engine adds it.
        crate::engine::coverage_hint(&self.cfg, e, |key| self.model.positions_in(key))
    }
}

/// What [`ReceptionReplay::reason`] needs of a gap a shard released: its two ends and the
/// stations that heard it without a position, by name (floats as their bits, exact through
/// JSON), and `flush`, the index of the flush that released it.
pub(crate) fn reason_inputs(
    model: &Reception,
    start: &GapEnd,
    end: Option<&GapEnd>,
    heard: &[StationId],
) -> Value {
    let end_json = |e: &GapEnd| {
        let mut m = Map::new();
        m.insert("t".into(), e.t.into());
        m.insert("lat".into(), e.lat.to_bits().into());
        m.insert("lon".into(), e.lon.to_bits().into());
        if let Some(k) = e.knots {
            m.insert("knots".into(), k.to_bits().into());
        }
        if let Some(c) = e.course {
            m.insert("course".into(), c.to_bits().into());
        }
        m.insert("station".into(), model.name(e.station).into());
        Value::Object(m)
    };
    json!({
        "start": end_json(start),
        "end": end.map(end_json),
        "heard": heard.iter().map(|s| model.name(*s)).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use lookout_core::areas::Areas;
    use lookout_core::event::{Event, EventType};
    use lookout_core::record::{Position, Record};

    use super::*;
    use crate::engine::test_run::{of_type, toy_config as config, watermarks};
    use crate::Engine;

    const T0: i64 = 1_691_625_600_000; // 2023-08-10T00:00:00Z
    const MIN: i64 = 60_000;
    const HOUR: i64 = 3_600_000;

    fn pos(mmsi: u32, t: i64, lat: f64, lon: f64, station: &Arc<str>) -> Record {
        Record::Position(Position {
            mmsi,
            time: t,
            lat,
            lon,
            sog: Some(0.5),
            cog: Some(90.0),
            msg_type: 1,
            station: Some(station.clone()),
            ..Default::default()
        })
    }

    /// Three days off a coast: twelve vessels heard every 3 minutes by station A (a
    /// continuous receiver), four of them (in a cell of their own) also by B; vessel 1005 falls
    /// silent for 10 hours while the others are heard around it; A is down for 8 hours on the
    /// third day (the vessels only it hears go silent, B still hears its four); vessel 1011
    /// stops 12 hours before the end.
    fn records() -> Vec<Record> {
        let (a, b): (Arc<str>, Arc<str>) = (Arc::from("A"), Arc::from("B"));
        let mut out = Vec::new();
        for m in 0..12u32 {
            let mmsi = 1000 + m;
            for k in 0..(72 * 20) {
                let t = T0 + k * 3 * MIN + i64::from(m) * 7_000;
                let h = (t - T0) / HOUR;
                let silent = (mmsi == 1005 && (30..40).contains(&h))
                    || (mmsi == 1011 && h >= 60)
                    || (m >= 4 && (52..60).contains(&h));
                if silent {
                    continue;
                }
                // Vessels 1000-1003 lie north of the others, in another coverage cell.
                let lat = if m < 4 { 40.6 } else { 40.0 } + f64::from(m % 4) * 0.04;
                let lat = lat + (k as f64) * 1e-5;
                let lon = 135.0 + f64::from(m / 4) * 0.06;
                let down = (52..60).contains(&h);
                let st = if m < 4 && (k % 2 == 0 || down) {
                    &b
                } else {
                    &a
                };
                out.push(pos(mmsi, t, lat, lon, st));
            }
        }
        out.sort_by_key(|r| (r.time().div_euclid(86_400_000), r.mmsi(), r.time()));
        out
    }

    fn run(engine: &mut Engine, records: &[Record], wm: &[i64]) -> Vec<Vec<Event>> {
        engine.run_days(records, wm, |_, _| {})
    }

    /// The gaps, every field (reason, evidence, confidence and coverage hint included).
    fn reasons(gaps: impl IntoIterator<Item = Event>) -> Vec<String> {
        of_type(gaps, EventType::Gap)
    }

    #[test]
    fn shards_tallies_give_the_single_engines_gap_reasons() {
        let records = records();
        let wm = watermarks(&records);
        assert_eq!(wm.len(), 3);
        let cfg = config();
        let single = run(
            &mut Engine::new(cfg.clone(), Areas::default(), None),
            &records,
            &wm,
        );
        let single = reasons(single.into_iter().flatten());
        // Reasons of more than one kind: the test can tell a wrong model from a right one.
        for reason in ["went_dark", "receiver_outage", "unknown"] {
            assert!(
                single.iter().any(|g| g.contains(&format!("\"{reason}\""))),
                "no {reason} gap in {single:#?}"
            );
        }
        // Two shards (even and odd MMSIs), each tallying its records.
        let span = (
            records[0].time(),
            records.iter().map(|r| r.time()).max().unwrap(),
        );
        let mut tallies = Vec::new();
        let mut released: Vec<(usize, Event)> = Vec::new();
        for parity in [0, 1] {
            let part: Vec<Record> = records
                .iter()
                .filter(|r| r.mmsi() % 2 == parity)
                .cloned()
                .collect();
            let mut t = ReceptionTallies::new(&cfg);
            part.iter().for_each(|r| t.add(r));
            tallies.extend(t.into_rows());
            let mut engine = Engine::new(cfg.clone(), Areas::default(), None);
            engine.defer_coverage_hints();
            engine.extend_span(span.0, span.1);
            for (k, found) in run(&mut engine, &part, &wm).into_iter().enumerate() {
                released.extend(found.into_iter().map(|e| (k, e)));
            }
        }
        let stations = station_days(&tallies);
        let keep = (cfg.gap.coverage_days * 24.0 * 3_600_000.0) as i64;
        let mut replayed = Vec::new();
        for (k, e) in released {
            if e.event_type != EventType::Gap {
                continue;
            }
            assert!(e.details.contains_key("reason_inputs"));
            let day = (wm.get(k).copied().unwrap_or(wm[wm.len() - 1]) - 1).div_euclid(86_400_000);
            let forgotten = k.checked_sub(1).map(|p| wm[p] - keep);
            let mut model = ReceptionReplay::new(&cfg, day, forgotten, &stations, tallies.clone());
            let e = model.reason(e);
            assert!(!e.details.contains_key("reason_inputs"));
            replayed.push(e);
        }
        assert_eq!(reasons(replayed), single);
    }

    #[test]
    fn merged_tallies_keep_the_lowest_mmsis() {
        let mut a = Tally::default();
        for m in [9, 3, 12, 5, 3] {
            a.add(m, 1);
        }
        let mut b = Tally::default();
        for m in [1, 2, 4, 6, 7, 8, 10] {
            b.add(m, 2);
        }
        a.merge(&b);
        assert_eq!(a.positions, 5 + 14);
        assert_eq!(a.mmsis, vec![1, 2, 3, 4, 5, 6, 7, 8]);
    }
}
