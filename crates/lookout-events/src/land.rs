//! Land polygons for the "well inland" spoofing test, with a tolerance at the coast.
//!
//! Reads the repository's Natural Earth extract (`data/land/*.json`: `{"bbox": [w, s, e, n],
//! "rings": [[lon, lat, ...], ...]}`, outer rings clipped to the bbox). Coastline edges sit in an
//! R-tree: a point is *inland* when it is inside a ring (ray casting over the edges crossing its
//! latitude) and farther than the tolerance from every coastline edge.

use rstar::primitives::{GeomWithData, Line};
use rstar::{RTree, AABB};
use serde::Deserialize;

use crate::sphere::{point_segment_distance, Local};

/// The bundled Natural Earth 1:10m land extract for East Asia (see `data/land/`).
pub const EAST_ASIA_JSON: &str = include_str!("../../../data/land/east-asia.json");

/// Errors reading a land file.
#[derive(Debug, thiserror::Error)]
pub enum LandError {
    /// Not the expected JSON.
    #[error("land polygons: not the expected JSON")]
    Json(#[from] serde_json::Error),
    /// A ring with an odd number of coordinates or fewer than three points.
    #[error("land polygons: ring {0} is malformed")]
    Ring(usize),
}

#[derive(Deserialize)]
struct LandFile {
    bbox: [f64; 4],
    rings: Vec<Vec<f64>>,
}

/// An edge; `true` when it is real coastline (not a cut along the extract's bbox).
type Edge = GeomWithData<Line<[f64; 2]>, bool>;

/// Land polygons with an edge index.
#[derive(Debug)]
pub struct Land {
    bbox: [f64; 4],
    edges: RTree<Edge>,
}

/// Result of a land test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LandTest {
    /// Inside a land polygon.
    pub on_land: bool,
    /// Distance to the nearest coastline edge, km, capped at the search radius.
    pub coast_km: f64,
}

impl Land {
    /// The bundled East Asia extract.
    pub fn east_asia() -> Self {
        Self::from_json(EAST_ASIA_JSON).expect("the bundled land file is valid")
    }

    /// Parses a land file.
    pub fn from_json(text: &str) -> Result<Self, LandError> {
        let file: LandFile = serde_json::from_str(text)?;
        let [w, s, e, n] = file.bbox;
        let on_box = |a: [f64; 2], b: [f64; 2]| {
            (a[0] == b[0] && (a[0] == w || a[0] == e)) || (a[1] == b[1] && (a[1] == s || a[1] == n))
        };
        let mut edges = Vec::new();
        for (i, ring) in file.rings.iter().enumerate() {
            if ring.len() % 2 != 0 || ring.len() < 6 || ring.iter().any(|v| !v.is_finite()) {
                return Err(LandError::Ring(i));
            }
            let pts: Vec<[f64; 2]> = ring.chunks_exact(2).map(|c| [c[0], c[1]]).collect();
            for k in 0..pts.len() {
                let (a, b) = (pts[k], pts[(k + 1) % pts.len()]);
                if a != b {
                    edges.push(GeomWithData::new(Line::new(a, b), !on_box(a, b)));
                }
            }
        }
        Ok(Self {
            bbox: file.bbox,
            edges: RTree::bulk_load(edges),
        })
    }

    /// True when the point lies inside the extract's bbox, where the polygons can tell sea
    /// from land and measure the coast.
    pub fn covers(&self, lat: f64, lon: f64) -> bool {
        let [w, s, e, n] = self.bbox;
        (w..=e).contains(&lon) && (s..=n).contains(&lat)
    }

    /// Tests a point: whether it is on land and how far (km, up to `radius_km`) the nearest
    /// coastline is. Points outside the extract's bbox are reported as sea.
    pub fn test(&self, lat: f64, lon: f64, radius_km: f64) -> LandTest {
        if !self.covers(lat, lon) {
            return LandTest {
                on_land: false,
                coast_km: radius_km,
            };
        }
        let e = self.bbox[2];
        let local = Local::new(lat, lon);
        let dlat = radius_km / 111.0;
        let dlon = radius_km / (111.0 * lat.to_radians().cos().max(0.01));
        let near = AABB::from_corners([lon - dlon, lat - dlat], [lon + dlon, lat + dlat]);
        let mut coast_km = radius_km;
        for edge in self.edges.locate_in_envelope_intersecting(&near) {
            if edge.data {
                let (a, b) = (edge.geom().from, edge.geom().to);
                let d =
                    point_segment_distance(local.project(a[1], a[0]), local.project(b[1], b[0]));
                coast_km = coast_km.min(d);
            }
        }
        // Even-odd ray casting eastward along the point's latitude.
        let ray = AABB::from_corners([lon, lat], [e, lat]);
        let mut inside = false;
        for edge in self.edges.locate_in_envelope_intersecting(&ray) {
            let (a, b) = (edge.geom().from, edge.geom().to);
            if (a[1] > lat) != (b[1] > lat) {
                let x = a[0] + (lat - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
                if x > lon {
                    inside = !inside;
                }
            }
        }
        LandTest {
            on_land: inside,
            coast_km,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_land_separates_sea_coast_and_inland() {
        let land = Land::east_asia();
        // Sea of Japan, far from any coast.
        let sea = land.test(40.0, 134.0, 20.0);
        assert!(!sea.on_land && sea.coast_km >= 20.0);
        // Inland North Korea near Pyongyang's hinterland, and inland Honshu.
        let inland = land.test(40.2, 127.0, 20.0);
        assert!(inland.on_land && inland.coast_km > 5.0, "{inland:?}");
        assert!(land.test(36.3, 138.3, 20.0).on_land);
        // Rajin harbour: within a few km of the coastline.
        let rajin = land.test(42.245, 130.30, 20.0);
        assert!(rajin.coast_km < 5.0, "{rajin:?}");
        // Outside the extract.
        assert!(!land.test(0.0, 0.0, 20.0).on_land);
        assert!(land.covers(42.245, 130.30) && !land.covers(-36.84, 174.76));
        assert!(Land::from_json("{\"bbox\":[0,0,1,1],\"rings\":[[0,0,1]]}").is_err());
    }
}
