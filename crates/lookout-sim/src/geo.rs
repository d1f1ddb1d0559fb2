//! Routes as polylines: straight lines in latitude/longitude between waypoints (short legs, so
//! the land check and the motion agree). The spherical helpers are `lookout_core::geo`'s.

pub use lookout_core::geo::{
    bearing_deg, destination, distance_km, heading_diff, lerp, LatLon, EARTH_RADIUS_KM, KM_PER_NM,
};

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
