//! Land mask from Natural Earth land polygons (outer rings), with a latitude-band edge index so
//! point and segment tests only look at the coastline near the query.

use serde::Deserialize;

use crate::geo::LatLon;

/// The bundled extract: Natural Earth 1:10m land for East Asia (see `data/land/README.md`).
pub const EAST_ASIA_JSON: &str = include_str!("../../../data/land/east-asia.json");

const BAND_DEG: f64 = 0.02;

#[derive(Deserialize)]
struct LandFile {
    bbox: [f64; 4],
    rings: Vec<Vec<f64>>,
}

/// One coastline edge: `(lat0, lon0, lat1, lon1)`.
#[derive(Debug, Clone, Copy)]
struct Edge {
    a: LatLon,
    b: LatLon,
}

/// Land polygons with an index for fast point-in-land and segment-crosses-land tests.
#[derive(Debug)]
pub struct LandMask {
    bbox: [f64; 4],
    edges: Vec<Edge>,
    bands: Vec<Vec<u32>>,
}

/// Errors reading a land file.
#[derive(Debug, thiserror::Error)]
pub enum LandError {
    /// The file is not the expected JSON.
    #[error("land polygons: {0}")]
    Json(#[from] serde_json::Error),
    /// A ring has an odd number of coordinates or fewer than three points.
    #[error("land polygons: ring {0} is malformed")]
    Ring(usize),
}

impl LandMask {
    /// The bundled East Asia mask.
    pub fn east_asia() -> Self {
        Self::from_json(EAST_ASIA_JSON).expect("bundled land file is valid")
    }

    /// Parses `{"bbox": [w, s, e, n], "rings": [[lon, lat, ...], ...]}`.
    pub fn from_json(text: &str) -> Result<Self, LandError> {
        let file: LandFile = serde_json::from_str(text)?;
        let [_, south, _, north] = file.bbox;
        let nbands = (((north - south) / BAND_DEG).ceil() as usize).max(1);
        let mut mask = Self {
            bbox: file.bbox,
            edges: Vec::new(),
            bands: vec![Vec::new(); nbands],
        };
        for (i, ring) in file.rings.iter().enumerate() {
            if ring.len() % 2 != 0 || ring.len() < 6 {
                return Err(LandError::Ring(i));
            }
            let pts: Vec<LatLon> = ring
                .chunks_exact(2)
                .map(|c| LatLon::new(c[1], c[0]))
                .collect();
            for k in 0..pts.len() {
                let edge = Edge {
                    a: pts[k],
                    b: pts[(k + 1) % pts.len()],
                };
                let id = mask.edges.len() as u32;
                let (lo, hi) =
                    mask.band_range(edge.a.lat.min(edge.b.lat), edge.a.lat.max(edge.b.lat));
                for band in &mut mask.bands[lo..=hi] {
                    band.push(id);
                }
                mask.edges.push(edge);
            }
        }
        Ok(mask)
    }

    /// Bounding box `[west, south, east, north]` of the data; outside it everything is sea.
    pub fn bbox(&self) -> [f64; 4] {
        self.bbox
    }

    fn band_range(&self, lat_lo: f64, lat_hi: f64) -> (usize, usize) {
        let last = self.bands.len() - 1;
        let f = |lat: f64| (((lat - self.bbox[1]) / BAND_DEG).floor().max(0.0) as usize).min(last);
        (f(lat_lo), f(lat_hi))
    }

    /// True if the point is on land (even-odd rule over the rings).
    pub fn is_land(&self, p: LatLon) -> bool {
        let [w, s, e, n] = self.bbox;
        if p.lat < s || p.lat > n || p.lon < w || p.lon > e {
            return false;
        }
        let (band, _) = self.band_range(p.lat, p.lat);
        let mut inside = false;
        for &id in &self.bands[band] {
            let Edge { a, b } = self.edges[id as usize];
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let x = a.lon + (p.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon);
                if x > p.lon {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// True if any coastline edge has a point inside the box `[west, south, east, north]`
    /// (conservative: tests edge bounding boxes).
    pub fn has_edge_in(&self, bbox: [f64; 4]) -> bool {
        let [w, s, e, n] = bbox;
        let (lo, hi) = self.band_range(s, n);
        self.bands[lo..=hi].iter().flatten().any(|&id| {
            let edge = self.edges[id as usize];
            edge.a.lon.max(edge.b.lon) >= w
                && edge.a.lon.min(edge.b.lon) <= e
                && edge.a.lat.max(edge.b.lat) >= s
                && edge.a.lat.min(edge.b.lat) <= n
        })
    }

    /// True if the straight segment `a`-`b` (in latitude/longitude) touches land: an end on land
    /// or a crossing of any coastline edge.
    pub fn segment_hits_land(&self, a: LatLon, b: LatLon) -> bool {
        if self.is_land(a) || self.is_land(b) {
            return true;
        }
        let (lo, hi) = self.band_range(a.lat.min(b.lat), a.lat.max(b.lat));
        let (min_lon, max_lon) = (a.lon.min(b.lon), a.lon.max(b.lon));
        for band in &self.bands[lo..=hi] {
            for &id in band {
                let e = self.edges[id as usize];
                if e.a.lon.max(e.b.lon) < min_lon || e.a.lon.min(e.b.lon) > max_lon {
                    continue;
                }
                if segments_intersect(a, b, e.a, e.b) {
                    return true;
                }
            }
        }
        false
    }
}

fn orient(p: LatLon, q: LatLon, r: LatLon) -> f64 {
    (q.lon - p.lon) * (r.lat - p.lat) - (q.lat - p.lat) * (r.lon - p.lon)
}

fn segments_intersect(p1: LatLon, p2: LatLon, q1: LatLon, q2: LatLon) -> bool {
    let d1 = orient(q1, q2, p1);
    let d2 = orient(q1, q2, p2);
    let d3 = orient(p1, p2, q1);
    let d4 = orient(p1, p2, q2);
    ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0) || d1 == 0.0 || d2 == 0.0)
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0) || d3 == 0.0 || d4 == 0.0)
        && !(d1 == 0.0 && d2 == 0.0 && d3 == 0.0 && d4 == 0.0 && !collinear_overlap(p1, p2, q1, q2))
}

fn collinear_overlap(p1: LatLon, p2: LatLon, q1: LatLon, q2: LatLon) -> bool {
    let overlap = |a: f64, b: f64, c: f64, d: f64| a.min(b) <= c.max(d) && c.min(d) <= a.max(b);
    overlap(p1.lon, p2.lon, q1.lon, q2.lon) && overlap(p1.lat, p2.lat, q1.lat, q2.lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_land_and_sea_points() {
        let mask = LandMask::east_asia();
        // Inland: Pyongyang, Ussuriysk plain, Tokyo's Imperial Palace, Harbin.
        for (lat, lon) in [
            (39.03, 125.75),
            (43.8, 132.0),
            (35.685, 139.753),
            (45.75, 126.65),
        ] {
            assert!(
                mask.is_land(LatLon::new(lat, lon)),
                "{lat},{lon} should be land"
            );
        }
        // Open sea: mid Sea of Japan, Korea Strait, Yellow Sea, Peter the Great Gulf.
        for (lat, lon) in [(40.0, 134.0), (34.5, 129.2), (36.0, 123.5), (42.85, 131.7)] {
            assert!(
                !mask.is_land(LatLon::new(lat, lon)),
                "{lat},{lon} should be sea"
            );
        }
        // Crossing Honshu is land, crossing the Sea of Japan is not.
        assert!(mask.segment_hits_land(LatLon::new(37.0, 137.0), LatLon::new(35.0, 141.5)));
        assert!(!mask.segment_hits_land(LatLon::new(41.0, 131.0), LatLon::new(39.0, 136.0)));
    }

    #[test]
    fn malformed_input_is_an_error() {
        assert!(LandMask::from_json("{").is_err());
        assert!(LandMask::from_json(r#"{"bbox":[0,0,1,1],"rings":[[0,0,1]]}"#).is_err());
    }
}
