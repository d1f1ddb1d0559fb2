//! Identity changes that link two MMSIs: an IMO number carried by one MMSI after another
//! ([`Engine::mmsi_changes`]) and a new MMSI appearing where and when another fell silent, at
//! sea ([`Engine::handovers`]). Both run at every flush over all the vessels the engine holds.
//!
//! A distributed run's shards (see [`Engine::defer_links`]) see some of the vessels only, so
//! they hand over what the links need instead of judging them ([`LinkInputs`]): each vessel's
//! IMO sightings per flush, each main track's last sighting with the flushes during which the
//! handover search saw it, and each new track the search looked for a predecessor of (checked
//! per vessel: far enough from the start of the data, outside port areas). One engine then
//! judges all of them in flush order with this same code ([`Engine::judge_links`]): the link
//! events, and which MMSIs each flush knew as renamed (an open gap on such an MMSI is that
//! change and is dropped, as `gap_mmsi_changed`, see [`MmsiLinks::drops_gap`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Engine;
use crate::track::MS_PER_HOUR;
use crate::vessel::Vessel;
use lookout_core::event::{Event, EventType};
use lookout_core::geo::{distance_km, LatLon, KM_PER_NM};

/// A vessel's IMO sighting in the records of one flush (its static reports carrying the IMO:
/// the first and last time, and the name confirmed at the last).
#[derive(Debug, Clone, PartialEq)]
pub struct ImoSighting {
    /// Index of the flush that saw it (the finish: the number of day flushes).
    pub flush: usize,
    pub imo: u32,
    pub mmsi: u32,
    pub first: i64,
    pub last: i64,
    pub name: Option<String>,
}

/// A main track's last cleared position as the handover search's grid held it, during the
/// flushes `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LastSighting {
    pub mmsi: u32,
    pub t: i64,
    pub lat: f64,
    pub lon: f64,
    /// The handover search's grid cell ([`Engine::handover_cell`]).
    pub cell: (i32, i32),
    pub from: usize,
    pub to: usize,
}

/// A new main track whose predecessor the handover search looked for at one flush: its first
/// transmission and first cleared position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewTrack {
    pub flush: usize,
    pub mmsi: u32,
    pub first_tx: i64,
    pub t: i64,
    pub lat: f64,
    pub lon: f64,
    pub cell: (i32, i32),
}

/// What a shard hands over for the MMSI links ([`Engine::take_link_inputs`]).
#[derive(Debug, Default, Clone)]
pub struct LinkInputs {
    pub imos: Vec<ImoSighting>,
    pub last: Vec<LastSighting>,
    pub new: Vec<NewTrack>,
}

/// A shard's link inputs so far, and the flush it is at.
#[derive(Debug, Default)]
pub(crate) struct DeferredLinks {
    pub flush: usize,
    out: LinkInputs,
    /// Each MMSI's last sighting in the grid, open (its `to` the last flush that saw it).
    open: HashMap<u32, LastSighting>,
}

/// The links the whole run made: the events and, per old MMSI, the first time of the new one
/// from each flush on (the engine's `renamed`).
#[derive(Debug, Default, Clone)]
pub struct MmsiLinks {
    pub events: Vec<Event>,
    /// (old MMSI, flush, first time of the new MMSI): the value from that flush on.
    pub renamed: Vec<(u32, usize, i64)>,
}

impl MmsiLinks {
    /// True when the single engine drops an open gap of `mmsi` starting at `start`, released
    /// by flush `flush`: the MMSI was renamed, as that flush knew it, at or after `start`.
    pub fn drops_gap(&self, mmsi: u32, flush: usize, start: i64) -> bool {
        self.renamed
            .iter()
            .filter(|(m, k, _)| *m == mmsi && *k <= flush)
            .max_by_key(|(_, k, _)| *k)
            .is_some_and(|(_, _, t)| *t >= start)
    }
}

impl Engine {
    /// Makes this engine a shard for the MMSI links: at each flush it records what they need
    /// ([`take_link_inputs`](Self::take_link_inputs)) instead of judging them, and drops no
    /// gap as an MMSI change; [`judge_links`](Self::judge_links) judges all shards' inputs.
    pub fn defer_links(&mut self) {
        self.deferred_links = Some(DeferredLinks::default());
    }

    /// The link inputs recorded so far (a shard's, see [`defer_links`](Self::defer_links));
    /// call it after the finish.
    pub fn take_link_inputs(&mut self) -> LinkInputs {
        let Some(d) = &mut self.deferred_links else {
            return LinkInputs::default();
        };
        let mut out = std::mem::take(&mut d.out);
        let mut open: Vec<LastSighting> = d.open.drain().map(|(_, s)| s).collect();
        open.sort_by_key(|s| (s.mmsi, s.from));
        out.last.extend(open);
        out
    }

    /// The handover search's grid cell of a point: wide enough that a ship's reach in
    /// `handover_minutes` stays within one neighbour.
    pub fn handover_cell(&self, lat: f64, lon: f64) -> (i32, i32) {
        let cfg = &self.cfg.statics;
        let knots = self.cfg.segment.max_knots;
        let reach_km = cfg.handover_km + knots * KM_PER_NM * cfg.handover_minutes / 60.0;
        let cell_deg = (reach_km / 111.0 / 0.5).max(0.01);
        (
            (lat / cell_deg).floor() as i32,
            (lon / cell_deg).floor() as i32,
        )
    }

    /// Links MMSIs that carried the same IMO one after the other (MMSI and flag changes).
    pub(super) fn mmsi_changes(&mut self) {
        let mut seen: Vec<(u32, u32, i64, i64, Option<String>)> = self
            .vessels
            .iter_mut()
            .filter_map(|(m, v)| v.imo_seen.take().map(|(imo, f, l, n)| (imo, *m, f, l, n)))
            .collect();
        seen.sort_by_key(|s| (s.2, s.1));
        if let Some(d) = &mut self.deferred_links {
            let flush = d.flush;
            d.out.imos.extend(
                seen.into_iter()
                    .map(|(imo, mmsi, first, last, name)| ImoSighting {
                        flush,
                        imo,
                        mmsi,
                        first,
                        last,
                        name,
                    }),
            );
            return;
        }
        self.link_imos(seen);
    }

    /// The IMO links of one flush's sightings (sorted by first time, then MMSI); returns the
    /// MMSIs renamed, with the first time of the new one.
    fn link_imos(&mut self, seen: Vec<(u32, u32, i64, i64, Option<String>)>) -> Vec<(u32, i64)> {
        let mut renamed = Vec::new();
        for (imo, mmsi, first, last, name) in seen {
            match self.imo_index.get_mut(&imo) {
                Some(entry) if entry.0 == mmsi => {
                    entry.2 = entry.2.max(last);
                    if name.is_some() {
                        entry.3 = name;
                    }
                }
                Some(entry) => {
                    let (old, _, old_last, old_name) = entry.clone();
                    *entry = (mmsi, first, last, name.clone());
                    if old_last >= first || !self.linked.insert((old, mmsi)) {
                        continue; // both MMSIs on the air at once (a copied IMO), or reported
                    }
                    self.renamed.insert(old, first);
                    renamed.push((old, first));
                    let mut changes = serde_json::Map::new();
                    changes.insert("mmsi".into(), serde_json::json!({"from": old, "to": mmsi}));
                    if Vessel::mid(old) != Vessel::mid(mmsi) {
                        changes.insert(
                            "flag_mid".into(),
                            serde_json::json!({"from": Vessel::mid(old), "to": Vessel::mid(mmsi)}),
                        );
                    }
                    if old_name.is_some() && name.is_some() && old_name != name {
                        changes.insert(
                            "name".into(),
                            serde_json::json!({"from": old_name, "to": name}),
                        );
                    }
                    let nan = (f64::NAN, f64::NAN);
                    let mut e =
                        Event::new(EventType::IdentityChange, old, old_last, first, nan, nan)
                            .with("changes", serde_json::Value::Object(changes))
                            .with("imo", imo)
                            .evidence(2, old_last, first);
                    e.other_mmsi = Some(mmsi);
                    e.lat = None;
                    e.lon = None;
                    e.end_lat = None;
                    e.end_lon = None;
                    e.confidence = 0.8;
                    self.out.push(e);
                }
                None => {
                    self.imo_index.insert(imo, (mmsi, first, last, name));
                }
            }
        }
        renamed
    }

    /// Links a new MMSI to one that fell silent where and when it appeared, outside ports
    /// (an MMSI change without a shared IMO).
    pub(super) fn handovers(&mut self) {
        let window = (self.cfg.statics.handover_minutes * 60_000.0) as i64;
        let flush = self.deferred_links.as_ref().map_or(0, |d| d.flush);
        let mut grid = Vec::new();
        for (m, v) in &self.vessels {
            // Only tracks that ran for at least the window can hand over: short sightings in a
            // busy capture end and begin next to each other all the time.
            if let (Some(first), Some(last)) = v.main_span() {
                if last.t - first.t < window || v.last_position_time() > last.t {
                    continue;
                }
                grid.push(LastSighting {
                    mmsi: *m,
                    t: last.t,
                    lat: last.lat,
                    lon: last.lon,
                    cell: self.handover_cell(last.lat, last.lon),
                    from: flush,
                    to: flush,
                });
            }
        }
        let mut new = Vec::new();
        for (m, v) in self.vessels.iter_mut() {
            let (Some(first), _) = v.main_span() else {
                continue;
            };
            if v.handover_checked {
                continue;
            }
            v.handover_checked = true;
            let first_tx = v.first_tx.unwrap_or(first.t);
            if first_tx < self.data_start + window
                || self
                    .areas
                    .containing(first.lat, first.lon)
                    .is_some_and(|a| self.cfg.is_port_kind(&self.areas.get(a).kind))
            {
                continue;
            }
            new.push(NewTrack {
                flush,
                mmsi: *m,
                first_tx,
                t: first.t,
                lat: first.lat,
                lon: first.lon,
                cell: (0, 0),
            });
        }
        for n in &mut new {
            n.cell = self.handover_cell(n.lat, n.lon);
        }
        if let Some(d) = &mut self.deferred_links {
            for s in grid {
                match d.open.get_mut(&s.mmsi) {
                    Some(o)
                        if (o.t, o.lat.to_bits(), o.lon.to_bits())
                            == (s.t, s.lat.to_bits(), s.lon.to_bits())
                            && o.to + 1 >= flush =>
                    {
                        o.to = flush;
                    }
                    _ => {
                        if let Some(o) = d.open.insert(s.mmsi, s) {
                            d.out.last.push(o);
                        }
                    }
                }
            }
            new.sort_by_key(|n| n.mmsi);
            d.out.new.extend(new);
            return;
        }
        self.link_handovers(&grid, new);
    }

    /// The handover links of one flush: each new track's predecessor in `grid` (the latest to
    /// fall silent within reach, the lower MMSI at equal times), away from the coast; returns
    /// the MMSIs renamed, with the first time of the new one.
    fn link_handovers(&mut self, grid: &[LastSighting], new: Vec<NewTrack>) -> Vec<(u32, i64)> {
        let cfg = &self.cfg.statics;
        let window = (cfg.handover_minutes * 60_000.0) as i64;
        let km = cfg.handover_km;
        let knots = self.cfg.segment.max_knots;
        let mut cells: HashMap<(i32, i32), Vec<&LastSighting>> = HashMap::new();
        for s in grid {
            cells.entry(s.cell).or_default().push(s);
        }
        let mut found = Vec::new();
        for n in new {
            let (ci, cj) = n.cell;
            let mut best: Option<&LastSighting> = None;
            for di in -1..=1 {
                for dj in -1..=1 {
                    for &s in cells.get(&(ci + di, cj + dj)).into_iter().flatten() {
                        let hours = (n.t - s.t) as f64 / MS_PER_HOUR;
                        let ok = s.mmsi != n.mmsi
                            && s.t < n.first_tx
                            && n.first_tx - s.t <= window
                            && distance_km(LatLon::new(s.lat, s.lon), LatLon::new(n.lat, n.lon))
                                <= km + knots * KM_PER_NM * hours;
                        if ok
                            && best.is_none_or(|b| {
                                (s.t, std::cmp::Reverse(s.mmsi)) > (b.t, std::cmp::Reverse(b.mmsi))
                            })
                        {
                            best = Some(s);
                        }
                    }
                }
            }
            if let Some(b) = best {
                found.push((*b, n));
            }
        }
        found.sort_by_key(|(b, n)| (b.t, b.mmsi, n.mmsi));
        let mut renamed = Vec::new();
        for (b, n) in found {
            let (old, t, lat, lon) = (b.mmsi, b.t, b.lat, b.lon);
            let (new, first_tx) = (n.mmsi, n.first_tx);
            // Away from the coast as encounters (`shore_km`): at a berth, one ship falling
            // silent and another switching on nearby is the port's traffic, not a handover.
            let shore_km = self.shore_km;
            let near_shore = self.land.as_ref().is_some_and(|land| {
                let test = land.test(LatLon::new(n.lat, n.lon), shore_km);
                shore_km > 0.0 && (test.on_land || test.coast_km < shore_km)
            });
            if near_shore {
                *self.stats.dropped.entry("handover_near_shore").or_insert(0) += 1;
                continue;
            }
            if !self.linked.insert((old, new)) {
                continue;
            }
            self.renamed.insert(old, first_tx);
            renamed.push((old, first_tx));
            let mut changes = serde_json::Map::new();
            changes.insert("mmsi".into(), serde_json::json!({"from": old, "to": new}));
            if Vessel::mid(old) != Vessel::mid(new) {
                changes.insert(
                    "flag_mid".into(),
                    serde_json::json!({"from": Vessel::mid(old), "to": Vessel::mid(new)}),
                );
            }
            let mut e = Event::new(
                EventType::IdentityChange,
                old,
                t,
                first_tx,
                (lat, lon),
                (n.lat, n.lon),
            )
            .with("changes", serde_json::Value::Object(changes))
            .with("link", "position_handover")
            .evidence(2, t, n.t);
            e.other_mmsi = Some(new);
            e.confidence = 0.6;
            self.out.push(e);
        }
        renamed
    }

    /// The MMSI links of a whole distributed run from its shards' [`LinkInputs`] (at least
    /// every IMO sighting of the IMOs more than one MMSI carried, every new track, and the last
    /// sightings near them), judged flush by flush as the single engine does, on this
    /// (otherwise unused) engine.
    pub fn judge_links(&mut self, inputs: LinkInputs) -> MmsiLinks {
        let mut imos: BTreeMap<usize, Vec<ImoSighting>> = BTreeMap::new();
        for s in inputs.imos {
            imos.entry(s.flush).or_default().push(s);
        }
        let mut new: BTreeMap<usize, Vec<NewTrack>> = BTreeMap::new();
        for n in inputs.new {
            new.entry(n.flush).or_default().push(n);
        }
        let flushes: BTreeSet<usize> = imos.keys().chain(new.keys()).copied().collect();
        let mut last = inputs.last;
        last.sort_by_key(|s| (s.mmsi, s.from, s.t));
        last.dedup();
        let mut renamed = Vec::new();
        for k in flushes {
            let mut seen: Vec<_> = imos
                .remove(&k)
                .unwrap_or_default()
                .into_iter()
                .map(|s| (s.imo, s.mmsi, s.first, s.last, s.name))
                .collect();
            seen.sort_by_key(|s| (s.2, s.1));
            let mut now = self.link_imos(seen);
            if let Some(mut n) = new.remove(&k) {
                n.sort_by_key(|n| n.mmsi);
                let grid: Vec<LastSighting> = last
                    .iter()
                    .filter(|s| s.from <= k && k <= s.to)
                    .copied()
                    .collect();
                now.extend(self.link_handovers(&grid, n));
            }
            let mut at_k: BTreeMap<u32, i64> = BTreeMap::new();
            for (old, t) in now {
                at_k.insert(old, t);
            }
            renamed.extend(at_k.into_iter().map(|(old, t)| (old, k, t)));
        }
        MmsiLinks {
            events: std::mem::take(&mut self.out),
            renamed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::shard::test_run::{of_type, position, toy_config, watermarks};
    use super::*;
    use lookout_core::areas::Areas;
    use lookout_core::record::{Record, Static};

    const T0: i64 = 1_691_625_600_000; // 2023-08-10T00:00Z
    const MIN: i64 = 60_000;

    fn pos(mmsi: u32, t: i64, lat: f64, lon: f64) -> Record {
        position(mmsi, t, lat, lon, 10.0, 90.0)
    }

    fn imo(mmsi: u32, t: i64, imo: u32, name: &str) -> Record {
        Record::Static(Static {
            mmsi,
            time: t,
            imo: Some(imo),
            name: Some(name.into()),
            ..Default::default()
        })
    }

    /// Two days at sea. Ship 100 (IMO 9000001) sails east for 20 hours, then goes on as MMSI
    /// 101 (same IMO, a new name) 5 minutes later: an IMO link and a handover. Ship 200 (no
    /// IMO) sails 10 hours, then goes on as 201, 8 minutes later (a handover). Ship 300 carries
    /// the same IMO as 400 at the same time on the first day (a copied IMO: no link), and 500 sails all along
    /// far away. The old MMSIs' open gaps at the end of the data are the changes.
    fn records() -> Vec<Record> {
        let mut out = Vec::new();
        let lon_at = |h: f64| 135.0 + h * 10.0 * 1.852 / 85.0;
        for k in 0..(48 * 12) {
            let t = T0 + k * 5 * MIN;
            let h = (t - T0) as f64 / 3_600_000.0;
            if h < 20.0 {
                out.push(pos(100, t, 40.0, lon_at(h)));
            } else if t >= T0 + 20 * 60 * MIN + 5 * MIN {
                out.push(pos(101, t, 40.0, lon_at(h)));
            }
            if h < 10.0 {
                out.push(pos(200, t, 38.0, lon_at(h)));
            } else if t >= T0 + 10 * 60 * MIN + 8 * MIN && h < 40.0 {
                out.push(pos(201, t, 38.0, lon_at(h)));
            }
            out.push(pos(300, t, 36.0, lon_at(h)));
            out.push(pos(400, t, 34.0, lon_at(h)));
            out.push(pos(500, t, 30.0, 140.0 + h * 0.01));
            if k % 6 == 0 {
                if h < 20.0 {
                    out.push(imo(100, t + 1000, 9_000_001, "OLD NAME"));
                } else if t >= T0 + 20 * 60 * MIN + 5 * MIN {
                    out.push(imo(101, t + 1000, 9_000_001, "NEW NAME"));
                }
                if h < 24.0 {
                    out.push(imo(300, t + 1000, 9_000_003, "COPY"));
                    out.push(imo(400, t + 1000, 9_000_003, "COPY"));
                }
            }
        }
        out.sort_by_key(|r| {
            let kind = u8::from(matches!(r, Record::Position(_)));
            (r.time().div_euclid(86_400_000), r.mmsi(), r.time(), kind)
        });
        out
    }

    fn gaps(events: &[Event]) -> Vec<String> {
        of_type(events.iter().cloned(), EventType::Gap)
            .into_iter()
            .map(|g| g.replace("reason_inputs", ""))
            .collect()
    }

    #[test]
    fn shards_hand_over_what_the_links_need_and_the_judge_finds_the_single_engines_links() {
        let records = records();
        let wm = watermarks(&records);
        assert_eq!(wm.len(), 2);
        let mut single = Engine::new(toy_config(), Areas::default(), None);
        let found = single.run_days(&records, &wm, |_, _| {}).concat();
        let links = of_type(found.iter().cloned(), EventType::IdentityChange);
        // 100 -> 101 by IMO (reported once: its handover is the same link), 200 -> 201.
        assert_eq!(links.len(), 2, "{links:#?}");
        assert!(links.iter().any(|l| l.contains("position_handover")));
        assert!(links.iter().any(|l| l.contains("imo")));
        assert_eq!(single.stats().dropped.get("gap_mmsi_changed"), Some(&2));
        let open_gaps = |events: &[Event]| {
            events
                .iter()
                .filter(|e| e.event_type == EventType::Gap)
                .filter(|e| e.details.get("open").is_some())
                .map(|e| e.mmsi)
                .collect::<Vec<_>>()
        };
        assert!(!open_gaps(&found).contains(&100));

        // Two shards, each link split across them: 100 and 201 with 300; 101, 200, 400, 500.
        let (span0, span1) = (
            records.iter().map(|r| r.time()).min().unwrap(),
            records.iter().map(|r| r.time()).max().unwrap(),
        );
        let mut inputs = LinkInputs::default();
        let mut shard_events = Vec::new();
        for shard in [true, false] {
            let part: Vec<Record> = records
                .iter()
                .filter(|r| [100, 201, 300].contains(&r.mmsi()) == shard)
                .cloned()
                .collect();
            let mut engine = Engine::new(toy_config(), Areas::default(), None);
            engine.defer_links();
            engine.extend_span(span0, span1);
            for (k, events) in engine
                .run_days(&part, &wm, |_, _| {})
                .into_iter()
                .enumerate()
            {
                shard_events.extend(events.into_iter().map(|e| (k, e)));
            }
            assert_eq!(engine.stats().dropped.get("gap_mmsi_changed"), None);
            let got = engine.take_link_inputs();
            inputs.imos.extend(got.imos);
            inputs.last.extend(got.last);
            inputs.new.extend(got.new);
        }
        // The shards link nothing themselves.
        assert!(shard_events
            .iter()
            .all(|(_, e)| e.event_type != EventType::IdentityChange || e.other_mmsi.is_none()));
        let judged = Engine::new(toy_config(), Areas::default(), None).judge_links(inputs);
        assert_eq!(
            of_type(judged.events.clone(), EventType::IdentityChange),
            links
        );
        // The open gaps of 100 and 200 are the changes: dropped as the single engine drops them.
        let kept: Vec<Event> = shard_events
            .into_iter()
            .filter(|(k, e)| {
                !(e.event_type == EventType::Gap
                    && e.details.get("open").is_some()
                    && judged.drops_gap(e.mmsi, *k, e.start_time))
            })
            .map(|(_, e)| e)
            .collect();
        assert_eq!(open_gaps(&kept), open_gaps(&found));
        assert_eq!(gaps(&kept), gaps(&found));
    }
}
