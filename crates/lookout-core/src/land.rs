//! Land polygons: the one land mask every stage uses (simulated routes avoid it, the spoofing
//! test asks whether a position is well inland, encounter and loitering rules measure the
//! distance to the coast, maps draw it).
//!
//! Reads the repository's Natural Earth extract (`data/land/*.json`: `{"bbox": [w, s, e, n],
//! "rings": [[lon, lat, ...], ...]}`, outer rings clipped to the bbox). Two indexes over the
//! same edges, each for the query it answers fastest: latitude bands for point-in-land (ray
//! casting) and segment-crosses-land tests, an R-tree of coastline edges for "how far is the
//! coast". Edges that are cuts along the extract's bbox are not coastline.

use std::sync::{Arc, OnceLock};

use rstar::primitives::{GeomWithData, Line};
use rstar::{RTree, AABB};
use serde::Deserialize;

use crate::geo::{degree_box, nearest_offset, LatLon, Local};

/// The bundled Natural Earth 1:10m land extract for East Asia (see `data/land/README.md`).
pub const EAST_ASIA_JSON: &str = include_str!("../../../data/land/east-asia.json");
/// Where the bundled extract comes from, for maps and reports.
pub const EAST_ASIA_SOURCE: &str = "Natural Earth 1:10m land via world-atlas 2.0.2";

const BAND_DEG: f64 = 0.02;

/// Errors reading a land file.
#[derive(Debug, thiserror::Error)]
pub enum LandError {
    /// Not the expected JSON.
    #[error("land polygons: not the expected JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A ring with an odd number of coordinates, fewer than three points or a non-finite value.
    #[error("land polygons: ring {0} is malformed")]
    Ring(usize),
}

#[derive(Deserialize)]
struct LandFile {
    bbox: [f64; 4],
    rings: Vec<Vec<f64>>,
}

/// A coastline edge in the R-tree (`[lon, lat]` ends).
type CoastEdge = GeomWithData<Line<[f64; 2]>, ()>;

/// Land polygons with their indexes.
#[derive(Debug)]
pub struct Land {
    bbox: [f64; 4],
    rings: Vec<Vec<LatLon>>,
    /// Every edge, as `(a, b)`.
    edges: Vec<(LatLon, LatLon)>,
    /// Edge ids by latitude band.
    bands: Vec<Vec<u32>>,
    coast: RTree<CoastEdge>,
}

/// Result of a land test.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LandTest {
    /// Inside a land polygon.
    pub on_land: bool,
    /// Distance to the nearest coastline edge, km, capped at the search radius.
    pub coast_km: f64,
}

impl Land {
    /// The bundled East Asia extract, parsed once per process and shared.
    pub fn east_asia() -> Arc<Land> {
        static LAND: OnceLock<Arc<Land>> = OnceLock::new();
        LAND.get_or_init(|| Arc::new(Land::from_json(EAST_ASIA_JSON).expect("bundled land file")))
            .clone()
    }

    /// Parses a land file.
    pub fn from_json(text: &str) -> Result<Self, LandError> {
        let file: LandFile = serde_json::from_str(text)?;
        let [w, s, e, n] = file.bbox;
        let nbands = (((n - s) / BAND_DEG).ceil().max(1.0)) as usize;
        let mut land = Self {
            bbox: file.bbox,
            rings: Vec::with_capacity(file.rings.len()),
            edges: Vec::new(),
            bands: vec![Vec::new(); nbands],
            coast: RTree::new(),
        };
        let on_box = |a: LatLon, b: LatLon| {
            (a.lon == b.lon && (a.lon == w || a.lon == e))
                || (a.lat == b.lat && (a.lat == s || a.lat == n))
        };
        let mut coast = Vec::new();
        for (i, ring) in file.rings.iter().enumerate() {
            if ring.len() % 2 != 0 || ring.len() < 6 || ring.iter().any(|v| !v.is_finite()) {
                return Err(LandError::Ring(i));
            }
            let pts: Vec<LatLon> = ring
                .chunks_exact(2)
                .map(|c| LatLon::new(c[1], c[0]))
                .collect();
            for k in 0..pts.len() {
                let (a, b) = (pts[k], pts[(k + 1) % pts.len()]);
                if a == b {
                    continue;
                }
                let id = land.edges.len() as u32;
                let (lo, hi) = land.band_range(a.lat.min(b.lat), a.lat.max(b.lat));
                for band in &mut land.bands[lo..=hi] {
                    band.push(id);
                }
                land.edges.push((a, b));
                if !on_box(a, b) {
                    coast.push(GeomWithData::new(
                        Line::new([a.lon, a.lat], [b.lon, b.lat]),
                        (),
                    ));
                }
            }
            land.rings.push(pts);
        }
        land.coast = RTree::bulk_load(coast);
        Ok(land)
    }

    /// Bounding box `[west, south, east, north]` of the data; outside it everything is sea.
    pub fn bbox(&self) -> [f64; 4] {
        self.bbox
    }

    /// The outer rings, for drawing.
    pub fn rings(&self) -> &[Vec<LatLon>] {
        &self.rings
    }

    /// True when the point lies inside the extract's bbox, where the polygons can tell sea
    /// from land and measure the coast.
    pub fn covers(&self, p: LatLon) -> bool {
        let [w, s, e, n] = self.bbox;
        (w..=e).contains(&p.lon) && (s..=n).contains(&p.lat)
    }

    fn band_range(&self, lat_lo: f64, lat_hi: f64) -> (usize, usize) {
        let last = self.bands.len() - 1;
        let f = |lat: f64| (((lat - self.bbox[1]) / BAND_DEG).floor().max(0.0) as usize).min(last);
        (f(lat_lo), f(lat_hi))
    }

    /// True if the point is on land (even-odd rule over the rings).
    pub fn is_land(&self, p: LatLon) -> bool {
        if !self.covers(p) {
            return false;
        }
        let (band, _) = self.band_range(p.lat, p.lat);
        let mut inside = false;
        for &id in &self.bands[band] {
            let (a, b) = self.edges[id as usize];
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let x = a.lon + (p.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon);
                if x > p.lon {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// True if any edge has a point inside the box `[west, south, east, north]`
    /// (conservative: tests edge bounding boxes).
    pub fn has_edge_in(&self, bbox: [f64; 4]) -> bool {
        let [w, s, e, n] = bbox;
        let (lo, hi) = self.band_range(s, n);
        self.bands[lo..=hi].iter().flatten().any(|&id| {
            let (a, b) = self.edges[id as usize];
            a.lon.max(b.lon) >= w
                && a.lon.min(b.lon) <= e
                && a.lat.max(b.lat) >= s
                && a.lat.min(b.lat) <= n
        })
    }

    /// True if the straight segment `a`-`b` (in latitude/longitude) touches land: an end on land
    /// or a crossing of any edge.
    pub fn segment_hits_land(&self, a: LatLon, b: LatLon) -> bool {
        if self.is_land(a) || self.is_land(b) {
            return true;
        }
        let (lo, hi) = self.band_range(a.lat.min(b.lat), a.lat.max(b.lat));
        let (min_lon, max_lon) = (a.lon.min(b.lon), a.lon.max(b.lon));
        self.bands[lo..=hi].iter().flatten().any(|&id| {
            let (p, q) = self.edges[id as usize];
            p.lon.max(q.lon) >= min_lon
                && p.lon.min(q.lon) <= max_lon
                && segments_intersect(a, b, p, q)
        })
    }

    /// Tests a point: whether it is on land and how far (km, up to `radius_km`) the nearest
    /// coastline is. Points outside the extract's bbox are reported as sea, far from the coast.
    pub fn test(&self, p: LatLon, radius_km: f64) -> LandTest {
        if !self.covers(p) {
            return LandTest {
                on_land: false,
                coast_km: radius_km,
            };
        }
        let local = Local::new(p);
        let (dlat, dlon) = degree_box(p.lat, radius_km);
        let near = AABB::from_corners([p.lon - dlon, p.lat - dlat], [p.lon + dlon, p.lat + dlat]);
        let mut coast_km = radius_km;
        // Squared distances first: `hypot` (exact, and slow) only for edges that may be nearer
        // than the nearest so far. The margin covers the rounding of the squares, so the
        // result is the same as `hypot` over every edge.
        let mut bound = radius_km * radius_km * (1.0 + 1e-9);
        for edge in self.coast.locate_in_envelope_intersecting(&near) {
            let (a, b) = (edge.geom().from, edge.geom().to);
            let (a, b) = (
                local.project(LatLon::new(a[1], a[0])),
                local.project(LatLon::new(b[1], b[0])),
            );
            let (x, y) = nearest_offset(a, b);
            if x * x + y * y > bound {
                continue;
            }
            let d = x.hypot(y);
            if d < coast_km {
                coast_km = d;
                bound = d * d * (1.0 + 1e-9);
            }
        }
        LandTest {
            on_land: self.is_land(p),
            coast_km,
        }
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
        let land = Land::east_asia();
        // Inland: Pyongyang, Ussuriysk plain, Tokyo's Imperial Palace, Harbin.
        for (lat, lon) in [
            (39.03, 125.75),
            (43.8, 132.0),
            (35.685, 139.753),
            (45.75, 126.65),
        ] {
            assert!(
                land.is_land(LatLon::new(lat, lon)),
                "{lat},{lon} should be land"
            );
        }
        // Open sea: mid Sea of Japan, Korea Strait, Yellow Sea, Peter the Great Gulf.
        for (lat, lon) in [(40.0, 134.0), (34.5, 129.2), (36.0, 123.5), (42.85, 131.7)] {
            assert!(
                !land.is_land(LatLon::new(lat, lon)),
                "{lat},{lon} should be sea"
            );
        }
        // Crossing Honshu is land, crossing the Sea of Japan is not.
        assert!(land.segment_hits_land(LatLon::new(37.0, 137.0), LatLon::new(35.0, 141.5)));
        assert!(!land.segment_hits_land(LatLon::new(41.0, 131.0), LatLon::new(39.0, 136.0)));
        assert!(Arc::ptr_eq(&land, &Land::east_asia()), "parsed once");
        assert_eq!(land.rings().len(), 218);
    }

    #[test]
    fn coast_distance_separates_sea_coast_and_inland() {
        let land = Land::east_asia();
        // Sea of Japan, far from any coast.
        let sea = land.test(LatLon::new(40.0, 134.0), 20.0);
        assert!(!sea.on_land && sea.coast_km >= 20.0);
        // Inland North Korea, and inland Honshu.
        let inland = land.test(LatLon::new(40.2, 127.0), 20.0);
        assert!(inland.on_land && inland.coast_km > 5.0, "{inland:?}");
        assert!(land.test(LatLon::new(36.3, 138.3), 20.0).on_land);
        // Rajin harbour: within a few km of the coastline.
        let rajin = land.test(LatLon::new(42.245, 130.30), 20.0);
        assert!(rajin.coast_km < 5.0, "{rajin:?}");
        // Outside the extract.
        assert!(!land.test(LatLon::new(0.0, 0.0), 20.0).on_land);
        assert!(land.covers(LatLon::new(42.245, 130.30)));
        assert!(!land.covers(LatLon::new(-36.84, 174.76)));
    }

    #[test]
    fn malformed_input_is_an_error() {
        assert!(Land::from_json("{").is_err());
        assert!(Land::from_json(r#"{"bbox":[0,0,1,1],"rings":[[0,0,1]]}"#).is_err());
        assert!(Land::from_json(r#"{"bbox":[0,0,1,1],"rings":[[0,0,1,0,1,"x"]]}"#).is_err());
    }
}
