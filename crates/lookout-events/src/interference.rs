//! GNSS interference areas: several vessels whose positions went wrong at once in one place.
//! Anomalies (a spoofing episode, a run of "not available" positions, a run of static reports
//! without positions, a gap during which the vessel was still heard without a position) are
//! clustered by single linkage: two link when their onsets are within `radius_km` and they are
//! on at the same time, give or take `window_minutes`; a cluster of at least `min_vessels`
//! vessels is an area. Onsets are placed where the vessel really was (its last
//! good position), so the area is where the interference acts, not where it sent the positions.

use std::collections::{BTreeMap, HashSet};

use lookout_core::event::InterferenceArea;
use lookout_core::geo::{destination, distance_km, LatLon};
use serde_json::Map;

use crate::config::InterferenceConfig;

/// The start of one vessel's anomaly.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(crate) struct Onset {
    pub t: i64,
    /// When the anomaly ended.
    pub end: i64,
    pub lat: f64,
    pub lon: f64,
    pub mmsi: u32,
    #[serde(with = "crate::names")]
    pub what: crate::names::Name,
    /// The station that heard the reports without positions (0 otherwise).
    pub station: crate::reception::StationId,
}

/// Vertices of an area's outline.
const VERTICES: usize = 24;

/// Onsets, the areas they make, and the areas already written.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Interference {
    onsets: Vec<Onset>,
    written: HashSet<String>,
    /// Areas that can no longer grow, kept to mark events classified later.
    closed: Vec<InterferenceArea>,
    /// Areas that may still grow.
    open: Vec<InterferenceArea>,
    ready: Vec<InterferenceArea>,
}

impl Interference {
    pub fn add(&mut self, o: Onset) {
        if o.lat.is_finite() && o.lon.is_finite() {
            self.onsets.push(o);
        }
    }

    /// Clusters the onsets; areas whose last onset is more than a window before `watermark`
    /// are closed and ready to be written.
    pub fn update(&mut self, watermark: i64, cfg: &InterferenceConfig) {
        if !cfg.detect {
            return;
        }
        let window = (cfg.window_minutes * 60_000.0) as i64;
        self.onsets.sort_by_key(|o| (o.t, o.mmsi));
        let n = self.onsets.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(p: &mut [usize], mut i: usize) -> usize {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        }
        // Anomalies that are on at the same time (within a window) and near each other link:
        // a vessel that sails into a jammed area an hour after it began joins it.
        for i in 0..n {
            let a = self.onsets[i];
            for j in 0..i {
                let b = self.onsets[j];
                if b.end.max(b.t) + window < a.t {
                    continue;
                }
                if distance_km(LatLon::new(a.lat, a.lon), LatLon::new(b.lat, b.lon))
                    <= cfg.radius_km
                {
                    let (ra, rb) = (root(&mut parent, i), root(&mut parent, j));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<Onset>> = BTreeMap::new();
        for i in 0..n {
            let r = root(&mut parent, i);
            groups.entry(r).or_default().push(self.onsets[i]);
        }
        self.open.clear();
        for members in groups.into_values() {
            let Some(area) = area(&members, cfg) else {
                continue;
            };
            if self.written.contains(&area.area_id) {
                continue;
            }
            let last = members
                .iter()
                .map(|o| o.end.max(o.t))
                .max()
                .unwrap_or(i64::MIN);
            if last.saturating_add(window) < watermark {
                self.written.insert(area.area_id.clone());
                self.closed.push(area.clone());
                self.ready.push(area);
            } else {
                self.open.push(area);
            }
        }
    }

    /// The area a vessel's anomaly starting at `t` where it really was at `p` belongs to.
    pub fn area_at(&self, t: i64, p: LatLon, cfg: &InterferenceConfig) -> Option<&str> {
        let window = (cfg.window_minutes * 60_000.0) as i64;
        self.closed
            .iter()
            .chain(&self.open)
            .find(|a| {
                t >= a.start_time - window
                    && t <= a.end_time
                    && distance_km(LatLon::new(a.centre_lat, a.centre_lon), p) <= a.radius_km
            })
            .map(|a| a.area_id.as_str())
    }

    /// Areas closed since the last call.
    pub fn take(&mut self) -> Vec<InterferenceArea> {
        std::mem::take(&mut self.ready)
    }

    /// Forgets onsets and closed areas that ended before `t`.
    pub fn forget_before(&mut self, t: i64) {
        self.onsets.retain(|o| o.end >= t);
        self.closed.retain(|a| a.end_time >= t);
    }
}

/// The area a cluster makes, if it affected enough vessels.
fn area(members: &[Onset], cfg: &InterferenceConfig) -> Option<InterferenceArea> {
    let mut mmsis: Vec<u32> = members.iter().map(|o| o.mmsi).collect();
    mmsis.sort_unstable();
    mmsis.dedup();
    if mmsis.len() < cfg.min_vessels.max(1) {
        return None;
    }
    let n = members.len() as f64;
    let centre = LatLon::new(
        members.iter().map(|o| o.lat).sum::<f64>() / n,
        members.iter().map(|o| o.lon).sum::<f64>() / n,
    );
    let radius_km = members
        .iter()
        .map(|o| distance_km(centre, LatLon::new(o.lat, o.lon)))
        .fold(0.0, f64::max)
        + cfg.margin_km;
    let mut polygon: Vec<(f64, f64)> = (0..VERTICES)
        .map(|k| {
            let p = destination(centre, 360.0 * k as f64 / VERTICES as f64, radius_km);
            (p.lat, p.lon)
        })
        .collect();
    polygon.push(polygon[0]);
    let mut anomalies = Map::new();
    for o in members {
        let c = anomalies.entry(o.what).or_insert(0.into());
        *c = (c.as_u64().unwrap_or(0) + 1).into();
    }
    let start_time = members.iter().map(|o| o.t).min().unwrap_or(0);
    let extra = (mmsis.len() - cfg.min_vessels.max(1)) as f64;
    Some(InterferenceArea {
        area_id: format!("interference-{}", start_time.div_euclid(1000)),
        start_time,
        end_time: members.iter().map(|o| o.end.max(o.t)).max().unwrap_or(0),
        centre_lat: centre.lat,
        centre_lon: centre.lon,
        radius_km,
        polygon,
        mmsis,
        anomalies,
        confidence: (0.6 + 0.1 * extra).min(0.95),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn onset(t_min: i64, lat: f64, lon: f64, mmsi: u32) -> Onset {
        Onset {
            t: t_min * 60_000,
            end: t_min * 60_000 + 3_600_000,
            lat,
            lon,
            mmsi,
            what: "jump",
            station: 0,
        }
    }

    #[test]
    fn simultaneous_anomalies_of_several_vessels_make_one_area() {
        let cfg = InterferenceConfig::default();
        let mut i = Interference::default();
        // Three vessels within 20 km and 40 minutes; a fourth 200 km away; the first vessel
        // again a day later.
        i.add(onset(0, 44.0, 37.5, 1));
        i.add(onset(20, 44.1, 37.6, 2));
        i.add(onset(40, 44.05, 37.4, 3));
        i.add(onset(30, 46.0, 37.5, 4));
        i.add(onset(1500, 44.0, 37.5, 1));
        i.update(2_000 * 60_000, &cfg);
        let areas = i.take();
        assert_eq!(areas.len(), 1, "{areas:?}");
        let a = &areas[0];
        assert_eq!(a.mmsis, vec![1, 2, 3]);
        assert_eq!(a.anomalies["jump"], 3);
        assert_eq!(a.polygon.first(), a.polygon.last());
        assert!(i
            .area_at(10 * 60_000, LatLon::new(44.05, 37.5), &cfg)
            .is_some());
        assert!(i
            .area_at(10 * 60_000, LatLon::new(46.0, 37.5), &cfg)
            .is_none());
        // Written once.
        i.update(3_000 * 60_000, &cfg);
        assert!(i.take().is_empty());
        // Two vessels are not enough.
        let mut two = Interference::default();
        two.add(onset(0, 44.0, 37.5, 1));
        two.add(onset(5, 44.0, 37.5, 2));
        two.update(i64::MAX, &cfg);
        assert!(two.take().is_empty());
    }
}
