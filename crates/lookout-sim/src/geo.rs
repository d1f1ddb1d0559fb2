//! Spherical helpers. Positions are `(lat, lon)` in degrees; tracks are straight lines in
//! latitude/longitude between waypoints (short legs, so the land check and the motion agree).

/// Mean Earth radius in kilometres.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;
/// Kilometres per nautical mile.
pub const KM_PER_NM: f64 = 1.852;

/// A position in degrees.
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

/// Great-circle distance in kilometres.
pub fn distance_km(a: LatLon, b: LatLon) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
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

/// The point `dist_km` from `p` on initial course `bearing` (degrees).
pub fn destination(p: LatLon, bearing: f64, dist_km: f64) -> LatLon {
    let d = dist_km / EARTH_RADIUS_KM;
    let (la1, lo1, b) = (p.lat.to_radians(), p.lon.to_radians(), bearing.to_radians());
    let la2 = (la1.sin() * d.cos() + la1.cos() * d.sin() * b.cos()).asin();
    let lo2 = lo1 + (b.sin() * d.sin() * la1.cos()).atan2(d.cos() - la1.sin() * la2.sin());
    LatLon::new(la2.to_degrees(), lo2.to_degrees())
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

/// A polyline with cumulative distances and leg courses, for position-at-distance look-ups.
#[derive(Debug, Clone)]
pub struct Polyline {
    points: Vec<LatLon>,
    cumulative_km: Vec<f64>,
    courses: Vec<f64>,
}

impl Polyline {
    /// A polyline through `points` (at least one).
    pub fn new(points: Vec<LatLon>) -> Self {
        let mut cumulative_km = Vec::with_capacity(points.len());
        let mut courses = Vec::with_capacity(points.len());
        let mut total = 0.0;
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                total += distance_km(points[i - 1], *p);
                courses.push(bearing_deg(points[i - 1], *p));
            }
            cumulative_km.push(total);
        }
        Self {
            points,
            cumulative_km,
            courses,
        }
    }

    /// The vertices.
    pub fn points(&self) -> &[LatLon] {
        &self.points
    }

    /// Total length in kilometres.
    pub fn length_km(&self) -> f64 {
        self.cumulative_km.last().copied().unwrap_or(0.0)
    }

    /// Position, course and rate of course change (degrees per km, positive to starboard) at
    /// `d` kilometres along the line; the course turns linearly over `turn_km` either side of
    /// each vertex.
    pub fn at(&self, d: f64, turn_km: f64) -> (LatLon, f64, f64) {
        let n = self.points.len();
        if n < 2 {
            return (self.points[0], 0.0, 0.0);
        }
        let d = d.clamp(0.0, self.length_km());
        let i = match self.cumulative_km.partition_point(|&c| c <= d) {
            0 => 0,
            k => (k - 1).min(n - 2),
        };
        let seg = self.cumulative_km[i + 1] - self.cumulative_km[i];
        let f = if seg > 0.0 {
            (d - self.cumulative_km[i]) / seg
        } else {
            0.0
        };
        let pos = lerp(self.points[i], self.points[i + 1], f);
        let course = self.courses[i];
        let into = d - self.cumulative_km[i];
        let left = self.cumulative_km[i + 1] - d;
        // Near a vertex, blend with the previous or next leg so the course turns gradually.
        let (blended, rate) = if i > 0 && into < turn_km {
            let turn = heading_diff(self.courses[i - 1], course);
            (
                self.courses[i - 1] + turn * (0.5 + 0.5 * into / turn_km),
                turn / (2.0 * turn_km),
            )
        } else if i + 2 < n && left < turn_km {
            let turn = heading_diff(course, self.courses[i + 1]);
            (
                course + turn * (0.5 - 0.5 * left / turn_km),
                turn / (2.0 * turn_km),
            )
        } else {
            (course, 0.0)
        };
        (pos, blended.rem_euclid(360.0), rate)
    }
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
    }

    #[test]
    fn polyline_positions_and_turns() {
        let line = Polyline::new(vec![
            LatLon::new(0.0, 0.0),
            LatLon::new(0.0, 1.0),
            LatLon::new(1.0, 1.0),
        ]);
        let (p, c, _) = line.at(55.0, 2.0);
        assert!((p.lon - 0.4946).abs() < 0.01 && c.abs() < 1e-6 + 90.0 && (c - 90.0).abs() < 1e-6);
        let (_, corner, rate) = line.at(line.length_km() / 2.0, 2.0);
        assert!((corner - 45.0).abs() < 2.0, "{corner}");
        assert!(
            (rate + 90.0 / 4.0).abs() < 1.0,
            "left turn of 90 degrees over 4 km: {rate}"
        );
        let (end, _, _) = line.at(1e9, 2.0);
        assert_eq!(end, LatLon::new(1.0, 1.0));
    }
}
