//! Small spherical-earth helpers (mean radius 6371.0088 km), in km, nautical miles and knots.

/// Mean earth radius, km (IUGG).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;
/// Kilometres per nautical mile.
pub const KM_PER_NM: f64 = 1.852;
/// Milliseconds per hour.
pub const MS_PER_HOUR: f64 = 3_600_000.0;

/// Great-circle distance in km (haversine).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// The point reached from `(lat, lon)` after `km` on initial bearing `bearing_deg`.
pub fn destination(lat: f64, lon: f64, bearing_deg: f64, km: f64) -> (f64, f64) {
    let d = km / EARTH_RADIUS_KM;
    let (p1, l1, b) = (lat.to_radians(), lon.to_radians(), bearing_deg.to_radians());
    let p2 = (p1.sin() * d.cos() + p1.cos() * d.sin() * b.cos()).asin();
    let l2 = l1 + (b.sin() * d.sin() * p1.cos()).atan2(d.cos() - p1.sin() * p2.sin());
    let lon2 = (l2.to_degrees() + 540.0).rem_euclid(360.0) - 180.0;
    (p2.to_degrees(), lon2)
}

/// Earth-centred coordinates in km: chord distances between them approximate great-circle
/// distances to better than 1 m below 50 km, so they suit an R-tree of nearby vessels.
pub fn to_xyz_km(lat: f64, lon: f64) -> [f64; 3] {
    let (p, l) = (lat.to_radians(), lon.to_radians());
    [
        EARTH_RADIUS_KM * p.cos() * l.cos(),
        EARTH_RADIUS_KM * p.cos() * l.sin(),
        EARTH_RADIUS_KM * p.sin(),
    ]
}

/// A local equirectangular projection centred on a point: `(x, y)` in km east and north.
#[derive(Debug, Clone, Copy)]
pub struct Local {
    lat0: f64,
    lon0: f64,
    kx: f64,
}

/// km per degree of latitude on the sphere.
const KM_PER_DEG: f64 = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;

impl Local {
    /// Projection centred on `(lat0, lon0)`.
    pub fn new(lat0: f64, lon0: f64) -> Self {
        Self {
            lat0,
            lon0,
            kx: KM_PER_DEG * lat0.to_radians().cos(),
        }
    }

    /// Projects a point.
    pub fn project(&self, lat: f64, lon: f64) -> (f64, f64) {
        let mut dl = lon - self.lon0;
        if dl > 180.0 {
            dl -= 360.0;
        } else if dl < -180.0 {
            dl += 360.0;
        }
        (dl * self.kx, (lat - self.lat0) * KM_PER_DEG)
    }
}

/// Distance from the origin to the segment `a`-`b` in a plane.
pub fn point_segment_distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (-(a.0 * dx + a.1 * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a.0 + t * dx).hypot(a.1 + t * dy)
}

/// Median of a slice (sorted in place); `None` when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_agree() {
        // Rajin to Vladivostok, about 135 km.
        let d = distance_km(42.245, 130.3, 43.1, 131.9);
        assert!((d - 160.0).abs() < 10.0, "{d}");
        let (lat, lon) = destination(42.0, 130.0, 90.0, 10.0);
        assert!((distance_km(42.0, 130.0, lat, lon) - 10.0).abs() < 1e-6);
        let a = to_xyz_km(42.0, 130.0);
        let b = to_xyz_km(lat, lon);
        let chord = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt();
        assert!((chord - 10.0).abs() < 1e-3);
        let local = Local::new(42.0, 130.0);
        let (x, y) = local.project(lat, lon);
        assert!((x - 10.0).abs() < 0.01 && y.abs() < 0.1, "{x} {y}");
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut []), None);
    }
}
