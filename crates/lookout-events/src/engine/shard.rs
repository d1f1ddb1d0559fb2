//! Encounters of a distributed run. A shard (an engine that sees some of the vessels, see
//! [`Engine::defer_coverage_hints`]) hands over what the encounter search needs instead of
//! searching: its resampled positions ([`Engine::take_resampled`]) and the anchorages its
//! stationary vessels make ([`Engine::anchorage_entries`]). Once the resampled positions of
//! all vessels are joined by slot and place into candidate pairs, each pair is replayed
//! through this engine's own search ([`Engine::replay_pair`]) with the slots at which the
//! whole run had any resampled position (when the single engine closes runs and releases
//! encounters) and the anchorages known at each day's flush: the encounters are those the
//! single engine finds.

use super::Engine;
use crate::anchorage::{Anchorages, CELL_DEG};
use crate::track::{Slot, MS_PER_HOUR};
use lookout_core::event::Event;
use lookout_core::record::Record;

/// One resampled position of the encounter search, as a shard hands it over.
pub use crate::track::Slot as ResampledPosition;

impl Engine {
    /// Takes the resampled positions collected since the last call, less those the encounter
    /// search sets aside near port areas; call it before each [`flush`](Self::flush), whose
    /// encounter search then has nothing to do (a shard's pairs are not all pairs).
    pub fn take_resampled(&mut self) -> Vec<ResampledPosition> {
        let port_km = self.cfg.encounter.min_port_distance_km;
        std::mem::take(&mut self.slots)
            .into_iter()
            .filter(|s| {
                self.areas
                    .nearest_within(s.lat, s.lon, port_km, |a| self.cfg.is_port_kind(&a.kind))
                    .is_none_or(|(_, d)| d >= port_km)
            })
            .collect()
    }

    /// The inferred anchorages so far: each grid cell's vessels with a stationary period
    /// there (up to the cap the engine keeps).
    pub fn anchorage_entries(&self) -> Vec<((i32, i32), u32)> {
        let mut out: Vec<_> = self
            .anchorages
            .entries()
            .flat_map(|(c, l)| l.iter().map(move |m| (c, *m)))
            .collect();
        out.sort_unstable();
        out
    }

    /// The slot before which [`flush`](Self::flush)`(watermark)` searches encounters.
    pub fn encounter_until(&self, watermark: i64) -> i64 {
        let step = (self.cfg.encounter.resample_minutes * 60_000.0) as i64;
        let lag = (self.cfg.encounter.max_gap_hours * MS_PER_HOUR) as i64;
        if step > 0 {
            watermark.saturating_sub(lag).div_euclid(step)
        } else {
            i64::MAX
        }
    }

    /// Feeds records sorted as a store's days are read (UTC day, then MMSI, then time),
    /// flushing at each day's `watermarks` (the latest time of the day plus 1 ms, in order),
    /// then finishes; `hook(engine, k)` runs before the k-th flush (`watermarks.len()`: before
    /// the finish). Returns each flush's events, the finish's last: what a distributed run
    /// needs to know of the flush that released an event.
    pub fn run_days(
        &mut self,
        records: &[Record],
        watermarks: &[i64],
        mut hook: impl FnMut(&mut Engine, usize),
    ) -> Vec<Vec<Event>> {
        let mut out = Vec::new();
        let mut next = 0;
        for (k, &w) in watermarks.iter().enumerate() {
            while next < records.len() && records[next].time() < w {
                self.push(&records[next]);
                next += 1;
            }
            hook(self, k);
            out.push(self.flush(w));
        }
        for r in &records[next..] {
            self.push(r);
        }
        hook(self, watermarks.len());
        out.push(self.finish());
        out
    }

    /// The encounters of one pair of tracks as a single engine finds them, replayed on this
    /// (otherwise unused) engine.
    ///
    /// - `rows`: the pair's resampled positions at the slots where both had one (any order;
    ///   those too far apart only mark the slot, as in the single engine);
    /// - `ticks`: every slot at which the whole run had a resampled position (sorted): the
    ///   single engine closes a pair's run and releases its encounter at the first of these
    ///   after the run and after `merge_hours` (or the anchorage wait);
    /// - `untils`: [`encounter_until`](Self::encounter_until) of each day's watermark, in
    ///   order (which day's flush judges each encounter);
    /// - `anchorages`: (flush index, cell, mmsi) of every anchorage entry, the index of the
    ///   first flush that knew it (`untils.len()`: only the end of the data did).
    pub fn replay_pair(
        &mut self,
        rows: &[(ResampledPosition, ResampledPosition)],
        ticks: &[i64],
        untils: &[i64],
        anchorages: &[(usize, (i32, i32), u32)],
    ) -> Vec<Event> {
        let Some(first) = rows.iter().min_by_key(|r| r.0.slot) else {
            return Vec::new();
        };
        let last = rows.iter().map(|r| r.0.slot).max().unwrap_or(first.0.slot);
        let step = (self.cfg.encounter.resample_minutes * 60_000.0) as i64;
        let mut wait_h = self.cfg.encounter.merge_hours;
        if self.cfg.anchorage.infer {
            wait_h = wait_h.max(self.cfg.anchorage.stationary_min_hours);
        }
        let wait = (wait_h * MS_PER_HOUR) as i64;
        // Slots that matter: from the pair's first to the one that releases its last encounter.
        let from = ticks.partition_point(|t| *t < first.0.slot);
        let release = ticks.partition_point(|t| t.saturating_mul(step) <= last * step + wait);
        let mut slots: Vec<Slot> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (a, b) in rows {
            if seen.insert(a.slot) {
                slots.push(*a);
                slots.push(*b);
            }
        }
        for &t in &ticks[from..(release + 1).min(ticks.len())] {
            if !seen.contains(&t) {
                // A slot with only one vessel of the pair: no pair, but runs end there.
                slots.push(Slot { slot: t, ..first.0 });
            }
        }
        self.slots = slots;
        // Only anchorages near the pair can keep its encounters out.
        let km = self.cfg.encounter.min_port_distance_km;
        let (mut lat0, mut lat1, mut lon0, mut lon1) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
        for (a, b) in rows {
            for p in [a, b] {
                (lat0, lat1) = (lat0.min(p.lat), lat1.max(p.lat));
                (lon0, lon1) = (lon0.min(p.lon), lon1.max(p.lon));
            }
        }
        let (dlat, dlon) = lookout_core::geo::degree_box(lat0.abs().max(lat1.abs()), km);
        let (dlat, dlon) = (dlat * 1.5 + CELL_DEG, dlon * 1.5 + CELL_DEG);
        let mut near: Vec<&(usize, (i32, i32), u32)> = anchorages
            .iter()
            .filter(|(_, (i, j), _)| {
                let (lat, lon) = (f64::from(*i) * CELL_DEG, f64::from(*j) * CELL_DEG);
                lat >= lat0 - dlat
                    && lat <= lat1 + dlat
                    && ((lon >= lon0 - dlon && lon <= lon1 + dlon) || dlon >= 180.0)
            })
            .collect();
        near.sort_by_key(|e| e.0);
        let cap = self.cfg.anchorage.min_vessels + 2;
        self.anchorages = Anchorages::default();
        let mut next = 0;
        let mut add = |engine: &mut Engine, upto: usize| {
            while next < near.len() && near[next].0 <= upto {
                engine.anchorages.add_cell(near[next].1, near[next].2, cap);
                next += 1;
            }
        };
        for (k, &until) in untils.iter().enumerate() {
            add(self, k);
            self.encounters(until);
        }
        add(self, usize::MAX);
        let events = self.finish();
        self.anchorages = Anchorages::default();
        events
    }
}

#[cfg(test)]
mod tests {
    use super::test_run::{of_type, toy_config, watermarks};
    use super::*;
    use lookout_core::areas::Areas;
    use lookout_core::event::EventType;
    use lookout_core::record::Record;

    const T0: i64 = 1_691_625_600_000; // 2023-08-10T00:00Z
    const MIN: i64 = 60_000;

    fn pos(mmsi: u32, t: i64, lat: f64, lon: f64) -> Record {
        super::test_run::position(mmsi, t, lat, lon, 1.0, 0.0)
    }

    /// Thirty hours at sea: A drifts north at about 1 knot; B keeps 0.2 km from it in three
    /// windows (the first two close enough in time to merge) and 3 km otherwise; C drifts far
    /// away (other slots); five ships lie still near the third meeting from hour 14 (an
    /// anchorage once they have been there 12 hours).
    fn records() -> Vec<Record> {
        let mut out = Vec::new();
        for k in 0..(30 * 30) {
            let t = T0 + k * 2 * MIN;
            let h = (t - T0) as f64 / 3_600_000.0;
            let lat = 40.0 + h * 1.852 / 111.0;
            out.push(pos(100, t, lat, 135.0));
            let near = |a: f64, b: f64| ((h - a + 1.0).min(b + 1.0 - h)).clamp(0.0, 1.0);
            let w = near(3.0, 8.0).max(near(10.0, 13.0)).max(near(21.0, 26.0));
            let off_km = 3.0 - 2.8 * w;
            out.push(pos(200, t + MIN, lat, 135.0 + off_km / 85.0));
            out.push(pos(300, t, 41.0 + h * 0.01, 136.0));
            if h >= 14.0 {
                for s in 0..5u32 {
                    let lat24 = 40.0 + 24.0 * 1.852 / 111.0;
                    let jitter = if k % 2 == 0 { 0.0002 } else { -0.0002 };
                    let lon = 135.03 + f64::from(s) * 0.001 + jitter;
                    out.push(pos(400 + s, t, lat24 + jitter, lon));
                }
            }
        }
        out.sort_by_key(|r| (r.time().div_euclid(86_400_000), r.mmsi(), r.time()));
        out
    }

    fn run(
        engine: &mut Engine,
        records: &[Record],
        wm: &[i64],
        hook: impl FnMut(&mut Engine, usize),
    ) -> Vec<Event> {
        engine.run_days(records, wm, hook).concat()
    }

    fn encounters(events: Vec<Event>) -> Vec<String> {
        of_type(events, EventType::Encounter)
    }

    #[test]
    fn replayed_pairs_give_the_single_engines_encounters() {
        let records = records();
        let wm = watermarks(&records);
        assert_eq!(wm.len(), 2);
        let single = encounters(run(
            &mut Engine::new(toy_config(), Areas::default(), None),
            &records,
            &wm,
            |_, _| {},
        ));
        // The first two meetings merged; the third is judged at the end, with the anchorage.
        assert!(!single.is_empty());
        // Two shards (B alone), each handing over its resampled positions and anchorages.
        let (span0, span1) = (
            records[0].time(),
            records.iter().map(|r| r.time()).max().unwrap(),
        );
        let mut resampled = Vec::new();
        let mut anchorages = Vec::new();
        for shard in [true, false] {
            let part: Vec<Record> = records
                .iter()
                .filter(|r| (r.mmsi() == 200) == shard)
                .cloned()
                .collect();
            let mut engine = Engine::new(toy_config(), Areas::default(), None);
            engine.defer_coverage_hints();
            engine.extend_span(span0, span1);
            let mut known = std::collections::HashSet::new();
            let found = run(&mut engine, &part, &wm, |e, k| {
                resampled.extend(e.take_resampled());
                for (c, m) in e.anchorage_entries() {
                    if known.insert((c, m)) {
                        anchorages.push((k, c, m));
                    }
                }
            });
            assert!(encounters(found).is_empty());
        }
        let mut ticks: Vec<i64> = resampled.iter().map(|r| r.slot).collect();
        ticks.sort_unstable();
        ticks.dedup();
        let mut pairs: std::collections::BTreeMap<_, Vec<_>> = std::collections::BTreeMap::new();
        for a in &resampled {
            for b in &resampled {
                if a.slot == b.slot && a.mmsi < b.mmsi {
                    pairs.entry((a.mmsi, b.mmsi)).or_default().push((*a, *b));
                }
            }
        }
        let mut judge = Engine::new(toy_config(), Areas::default(), None);
        let untils: Vec<i64> = wm.iter().map(|w| judge.encounter_until(*w)).collect();
        let mut replayed = Vec::new();
        for rows in pairs.values() {
            replayed.extend(judge.replay_pair(rows, &ticks, &untils, &anchorages));
        }
        assert_eq!(encounters(replayed), single);
    }
}

/// What the distributed run's tests share: the days' watermarks, a toy configuration, events
/// of one type to compare.
#[cfg(test)]
pub(crate) mod test_run {
    use crate::config::Config;
    use lookout_core::event::{Event, EventType};
    use lookout_core::record::Record;

    /// The watermark of each UTC day of records sorted by day: its latest time plus 1 ms.
    pub(crate) fn watermarks(records: &[Record]) -> Vec<i64> {
        let mut w: Vec<i64> = Vec::new();
        for r in records {
            let d = r.time().div_euclid(86_400_000);
            match w.last_mut() {
                Some(x) if (*x - 1).div_euclid(86_400_000) == d => *x = (*x).max(r.time() + 1),
                _ => w.push(r.time() + 1),
            }
        }
        w
    }

    /// The events of one type, every field, sorted.
    pub(crate) fn of_type(events: impl IntoIterator<Item = Event>, t: EventType) -> Vec<String> {
        let mut v: Vec<String> = events
            .into_iter()
            .filter(|e| e.event_type == t)
            .map(|e| format!("{e:?}"))
            .collect();
        v.sort();
        v
    }

    /// A class A position report with speed and course.
    pub(crate) fn position(mmsi: u32, t: i64, lat: f64, lon: f64, sog: f32, cog: f32) -> Record {
        Record::Position(lookout_core::record::Position {
            mmsi,
            time: t,
            lat,
            lon,
            sog: Some(sog),
            cog: Some(cog),
            msg_type: 1,
            ..Default::default()
        })
    }

    /// Vessels 100, 200, ... are not ship MMSIs (ITU-R M.585): the identity rule is off here.
    pub(crate) fn toy_config() -> Config {
        let mut cfg = Config::default();
        cfg.identity.skip_invalid_mmsi = false;
        cfg
    }
}
