//! Geodesy on a spherical earth (mean radius 6371.0088 km): distances, bearings, destinations,
//! a local plane for short distances, and the Earth-centred coordinates spatial indexes use.
//! Positions are [`LatLon`] in degrees.

/// Mean earth radius, km (IUGG).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;
/// Kilometres per nautical mile.
pub const KM_PER_NM: f64 = 1.852;
/// km per degree of latitude on the sphere.
pub const KM_PER_DEG: f64 = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;

/// A position in degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LatLon {
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
}

impl LatLon {
    /// A position from latitude and longitude in degrees.
    pub const fn new(lat: f64, lon: f64) -> Self {
        Self { lat, lon }
    }
}

/// Great-circle distance in km (haversine).
pub fn distance_km(a: LatLon, b: LatLon) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Initial course from `a` to `b`, degrees clockwise from north in `[0, 360)`.
pub fn bearing_deg(a: LatLon, b: LatLon) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlon = (b.lon - a.lon).to_radians();
    let y = dlon.sin() * la2.cos();
    let x = la1.cos() * la2.sin() - la1.sin() * la2.cos() * dlon.cos();
    y.atan2(x).to_degrees().rem_euclid(360.0)
}

/// The point reached from `p` after `km` on initial bearing `bearing_deg`; longitude in
/// `[-180, 180)`.
pub fn destination(p: LatLon, bearing_deg: f64, km: f64) -> LatLon {
    let d = km / EARTH_RADIUS_KM;
    let (p1, l1, b) = (
        p.lat.to_radians(),
        p.lon.to_radians(),
        bearing_deg.to_radians(),
    );
    let p2 = (p1.sin() * d.cos() + p1.cos() * d.sin() * b.cos()).asin();
    let l2 = l1 + (b.sin() * d.sin() * p1.cos()).atan2(d.cos() - p1.sin() * p2.sin());
    let lon = l2.to_degrees();
    // Wrap only when needed, so that in-range longitudes keep every bit.
    let lon = if (-180.0..180.0).contains(&lon) {
        lon
    } else {
        (lon + 540.0).rem_euclid(360.0) - 180.0
    };
    LatLon::new(p2.to_degrees(), lon)
}

/// Linear interpolation in latitude/longitude (`f` in `[0, 1]`).
pub fn lerp(a: LatLon, b: LatLon, f: f64) -> LatLon {
    LatLon::new(a.lat + (b.lat - a.lat) * f, a.lon + (b.lon - a.lon) * f)
}

/// Signed smallest difference `to - from` between two headings, in `(-180, 180]`.
pub fn heading_diff(from: f64, to: f64) -> f64 {
    let d = (to - from).rem_euclid(360.0);
    if d > 180.0 {
        d - 360.0
    } else {
        d
    }
}

/// Earth-centred coordinates in km: chord distances between them approximate great-circle
/// distances to better than 1 m below 50 km, so they suit an R-tree of nearby vessels.
pub fn to_xyz_km(p: LatLon) -> [f64; 3] {
    let (la, lo) = (p.lat.to_radians(), p.lon.to_radians());
    [
        EARTH_RADIUS_KM * la.cos() * lo.cos(),
        EARTH_RADIUS_KM * la.cos() * lo.sin(),
        EARTH_RADIUS_KM * la.sin(),
    ]
}

/// Half-widths in degrees `(dlat, dlon)` of a box holding every point within `km` of a point
/// at latitude `lat` (a flat approximation, padded for search envelopes).
pub fn degree_box(lat: f64, km: f64) -> (f64, f64) {
    (km / 111.0, km / (111.0 * lat.to_radians().cos().max(0.01)))
}

/// A local equirectangular projection centred on a point: `(x, y)` in km east and north.
#[derive(Debug, Clone, Copy)]
pub struct Local {
    origin: LatLon,
    kx: f64,
}

impl Local {
    /// Projection centred on `origin`.
    pub fn new(origin: LatLon) -> Self {
        Self {
            origin,
            kx: KM_PER_DEG * origin.lat.to_radians().cos(),
        }
    }

    /// Projects a point.
    pub fn project(&self, p: LatLon) -> (f64, f64) {
        let mut dl = p.lon - self.origin.lon;
        if dl > 180.0 {
            dl -= 360.0;
        } else if dl < -180.0 {
            dl += 360.0;
        }
        (dl * self.kx, (p.lat - self.origin.lat) * KM_PER_DEG)
    }
}

/// Distance from the origin to the segment `a`-`b` in a plane.
pub fn point_segment_distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (x, y) = nearest_offset(a, b);
    x.hypot(y)
}

/// The offset from the origin to the nearest point of segment `a`-`b` (projected km), whose
/// length is [`point_segment_distance`]: compare squared lengths before paying for `hypot`.
pub fn nearest_offset(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (-(a.0 * dx + a.1 * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a.0 + t * dx, a.1 + t * dy)
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
    fn distances_and_bearings_match_known_values() {
        // Rajin to Vostochny, about 235 km east-north-east.
        let rajin = LatLon::new(42.233333, 130.3);
        let vostochny = LatLon::new(42.75, 133.083333);
        let d = distance_km(rajin, vostochny);
        assert!((d - 234.0).abs() < 3.0, "{d}");
        let b = bearing_deg(rajin, vostochny);
        assert!((74.0..80.0).contains(&b), "{b}");
        let back = destination(rajin, b, d);
        assert!(distance_km(back, vostochny) < 0.5);
        assert_eq!(heading_diff(350.0, 10.0), 20.0);
        assert_eq!(heading_diff(10.0, 350.0), -20.0);
        // Across the antimeridian the longitude wraps.
        let east = destination(LatLon::new(0.0, 179.95), 90.0, 20.0);
        assert!(east.lon < -179.0, "{east:?}");
    }

    #[test]
    fn local_plane_and_chords_agree_with_great_circles() {
        let a = LatLon::new(42.0, 130.0);
        let b = destination(a, 90.0, 10.0);
        assert!((distance_km(a, b) - 10.0).abs() < 1e-6);
        let (xa, xb) = (to_xyz_km(a), to_xyz_km(b));
        let chord =
            ((xa[0] - xb[0]).powi(2) + (xa[1] - xb[1]).powi(2) + (xa[2] - xb[2]).powi(2)).sqrt();
        assert!((chord - 10.0).abs() < 1e-3);
        let (x, y) = Local::new(a).project(b);
        assert!((x - 10.0).abs() < 0.01 && y.abs() < 0.1, "{x} {y}");
        assert!((point_segment_distance((-1.0, 2.0), (1.0, 2.0)) - 2.0).abs() < 1e-12);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
