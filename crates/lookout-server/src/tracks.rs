//! Vessel tracks from the AIS store: read once per vessel into a bounded cache, cut to a time
//! range and simplified for a map zoom level (Ramer-Douglas-Peucker, `geo::SimplifyIdx`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use geo::{Coord, LineString, SimplifyIdx};
use lookout_store::{Store, TimeRange};

/// One track point: time (ms), lat, lon.
pub type Point = (i64, f64, f64);

/// One vessel's slot: filled by the first request, which the others wait for.
type Slot = Arc<Mutex<Option<Arc<Vec<Point>>>>>;

/// Tracks of recently requested vessels, at most `capacity` of them. Concurrent requests for a
/// vessel not yet cached read the store once.
pub struct TrackCache {
    capacity: usize,
    tracks: Mutex<HashMap<u32, Slot>>,
}

impl TrackCache {
    /// A cache holding at most `capacity` vessels' tracks.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            tracks: Mutex::new(HashMap::new()),
        }
    }

    /// The whole track of a vessel, sorted by time (read from the store on a miss).
    pub fn get(&self, store: &Store, mmsi: u32) -> Result<Arc<Vec<Point>>> {
        let slot = {
            let mut map = lock(&self.tracks);
            if !map.contains_key(&mmsi) && map.len() >= self.capacity {
                // Any vessel makes room: the cache only saves re-reading a vessel's files.
                if let Some(&k) = map.keys().next() {
                    map.remove(&k);
                }
            }
            map.entry(mmsi).or_default().clone()
        };
        let mut slot = lock(&slot);
        if let Some(t) = slot.as_ref() {
            return Ok(t.clone());
        }
        let (rows, _) = lookout_store::track(store, mmsi, TimeRange::default())?;
        let mut pts: Vec<Point> = rows.into_iter().map(|r| (r.time, r.lat, r.lon)).collect();
        pts.sort_by_key(|p| p.0);
        let pts = Arc::new(pts);
        *slot = Some(pts.clone());
        Ok(pts)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Tolerance in degrees for a web-map zoom level: one 256-pixel tile spans 360 / 2^zoom
/// degrees, and a vertex closer than a pixel to the simplified line cannot be seen.
pub fn tolerance(zoom: f64) -> f64 {
    360.0 / (256.0 * 2f64.powf(zoom))
}

/// The points of `track` within `[start, end)` (ms), simplified to `tolerance` degrees (0 keeps
/// every point).
pub fn cut_and_simplify(track: &[Point], start: i64, end: i64, tolerance: f64) -> Vec<Point> {
    let lo = track.partition_point(|p| p.0 < start);
    let hi = track.partition_point(|p| p.0 < end);
    let part = &track[lo..hi.max(lo)];
    if tolerance <= 0.0 || part.len() < 3 {
        return part.to_vec();
    }
    let line: LineString<f64> = part.iter().map(|p| Coord { x: p.2, y: p.1 }).collect();
    line.simplify_idx(tolerance)
        .into_iter()
        .map(|i| part[i])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplification_keeps_corners_and_drops_straight_runs() {
        // East along the equator for 100 points, then north for 100: one corner.
        let mut t: Vec<Point> = (0..100).map(|i| (i, 0.0, i as f64 * 0.01)).collect();
        t.extend((1..=100).map(|i| (99 + i, i as f64 * 0.01, 0.99)));
        let s = cut_and_simplify(&t, i64::MIN, i64::MAX, tolerance(10.0));
        assert_eq!(s, vec![t[0], t[99], t[199]]);
        // Zero tolerance keeps everything; the time range cuts.
        assert_eq!(cut_and_simplify(&t, i64::MIN, i64::MAX, 0.0).len(), 200);
        let cut = cut_and_simplify(&t, 50, 150, 0.0);
        assert_eq!((cut[0].0, cut.last().unwrap().0, cut.len()), (50, 149, 100));
        assert!(cut_and_simplify(&t, 300, 400, 1.0).is_empty());
        assert!(cut_and_simplify(&t, 150, 50, 1.0).is_empty());
    }

    #[test]
    fn tolerance_halves_per_zoom_level() {
        assert!((tolerance(0.0) - 1.40625).abs() < 1e-12);
        assert!((tolerance(3.0) * 8.0 - tolerance(0.0)).abs() < 1e-12);
    }
}
