//! Sea routing: A* over a regular latitude/longitude grid of sea cells, then string pulling, so
//! every leg of a route is a straight segment checked against the exact coastline.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::geo::{distance_km, LatLon};
use lookout_core::land::Land;

/// Grid step in degrees (about 3.3 km north-south).
const CELL_DEG: f64 = 0.03;
/// Extra cost factor for cells with coastline in them: ships keep off the coast where they can.
const COAST_PENALTY: f64 = 1.5;
/// Weight of the A* heuristic (1 = shortest grid path; more = faster, slightly longer).
const HEURISTIC_WEIGHT: f64 = 1.2;
/// Water connected to at least this many grid cells (about 1,000 km²) counts as open sea.
const OPEN_CELLS: usize = 100;

/// A router over the land mask's bounding box.
pub struct Router<'a> {
    land: &'a Land,
    west: f64,
    south: f64,
    cols: usize,
    rows: usize,
    /// Per cell: 0 = sea without coastline, 1 = sea cell centre with coastline nearby, 2 = land.
    class: Vec<u8>,
}

impl<'a> Router<'a> {
    /// Builds the grid (a few hundred milliseconds for the bundled East Asia mask).
    pub fn new(land: &'a Land) -> Self {
        let [w, s, e, n] = land.bbox();
        let cols = ((e - w) / CELL_DEG).floor() as usize;
        let rows = ((n - s) / CELL_DEG).floor() as usize;
        let mut router = Self {
            land,
            west: w,
            south: s,
            cols,
            rows,
            class: vec![0; cols * rows],
        };
        for r in 0..rows {
            for c in 0..cols {
                let centre = router.centre(r * cols + c);
                let box_ = [
                    centre.lon - CELL_DEG,
                    centre.lat - CELL_DEG,
                    centre.lon + CELL_DEG,
                    centre.lat + CELL_DEG,
                ];
                router.class[r * cols + c] = if land.is_land(centre) {
                    2
                } else if land.has_edge_in(box_) {
                    1
                } else {
                    0
                };
            }
        }
        router
    }

    fn centre(&self, cell: usize) -> LatLon {
        let (r, c) = (cell / self.cols, cell % self.cols);
        LatLon::new(
            self.south + (r as f64 + 0.5) * CELL_DEG,
            self.west + (c as f64 + 0.5) * CELL_DEG,
        )
    }

    fn cell_of(&self, p: LatLon) -> Option<usize> {
        let r = ((p.lat - self.south) / CELL_DEG).floor();
        let c = ((p.lon - self.west) / CELL_DEG).floor();
        (r >= 0.0 && c >= 0.0 && (r as usize) < self.rows && (c as usize) < self.cols)
            .then(|| r as usize * self.cols + c as usize)
    }

    fn step_clear(&self, from: usize, to: usize) -> bool {
        if self.class[to] == 2 {
            return false;
        }
        if self.class[from] == 0 && self.class[to] == 0 {
            return true;
        }
        !self
            .land
            .segment_hits_land(self.centre(from), self.centre(to))
    }

    /// Sea cells within `search_km` of `p` that a straight segment from `p` reaches, nearest first.
    fn attach(&self, p: LatLon, search_km: f64) -> Option<usize> {
        let home = self.cell_of(p)?;
        let reach = (search_km / (CELL_DEG * 111.0)).ceil() as isize;
        let (hr, hc) = ((home / self.cols) as isize, (home % self.cols) as isize);
        let mut candidates = Vec::new();
        for dr in -reach..=reach {
            for dc in -reach..=reach {
                let (r, c) = (hr + dr, hc + dc);
                if r < 0 || c < 0 || r as usize >= self.rows || c as usize >= self.cols {
                    continue;
                }
                let cell = r as usize * self.cols + c as usize;
                if self.class[cell] != 2 {
                    candidates.push((distance_km(p, self.centre(cell)), cell));
                }
            }
        }
        candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
        candidates
            .into_iter()
            .take_while(|(d, _)| *d <= search_km)
            .find(|&(_, cell)| {
                !self.land.segment_hits_land(p, self.centre(cell)) && self.is_open(cell)
            })
            .map(|(_, cell)| cell)
    }

    /// True if the cell's connected water is larger than [`OPEN_CELLS`] cells: not a lagoon or a
    /// harbour basin that the grid cannot leave (narrow entrances are finer than the grid).
    fn is_open(&self, start: usize) -> bool {
        let mut seen = std::collections::HashSet::from([start]);
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(cell) = queue.pop_front() {
            if seen.len() >= OPEN_CELLS {
                return true;
            }
            for next in self.neighbours(cell) {
                if !seen.contains(&next) && self.step_clear(cell, next) {
                    seen.insert(next);
                    queue.push_back(next);
                }
            }
        }
        false
    }

    fn neighbours(&self, cell: usize) -> impl Iterator<Item = usize> + '_ {
        let (r, c) = ((cell / self.cols) as isize, (cell % self.cols) as isize);
        [
            (-1, -1),
            (-1, 0),
            (-1, 1),
            (0, -1),
            (0, 1),
            (1, -1),
            (1, 0),
            (1, 1),
        ]
        .into_iter()
        .filter_map(move |(dr, dc)| {
            let (nr, nc) = (r + dr, c + dc);
            (nr >= 0 && nc >= 0 && (nr as usize) < self.rows && (nc as usize) < self.cols)
                .then(|| nr as usize * self.cols + nc as usize)
        })
    }

    /// A point inside the circle (`centre`, `radius_km`) that is at sea and connected to the
    /// routing grid, as close to the centre as possible: where a ship berths or anchors.
    pub fn sea_point_near(&self, centre: LatLon, radius_km: f64) -> Option<LatLon> {
        if !self.land.is_land(centre) && self.attach(centre, 8.0).is_some() {
            return Some(centre);
        }
        let step_km = (radius_km / 40.0).max(0.05);
        let mut ring = 1.0;
        while ring * step_km <= radius_km {
            let n = (ring * 8.0) as usize;
            for k in 0..n {
                let bearing = 360.0 * k as f64 / n as f64;
                let p = crate::geo::destination(centre, bearing, ring * step_km);
                if !self.land.is_land(p) && self.attach(p, 8.0).is_some() {
                    return Some(p);
                }
            }
            ring += 1.0;
        }
        None
    }

    /// A route from `from` to `to` (both at sea) whose straight legs never touch land, or `None`
    /// when no sea path exists in the grid.
    pub fn route(&self, from: LatLon, to: LatLon) -> Option<Vec<LatLon>> {
        if !self.land.segment_hits_land(from, to) {
            return Some(vec![from, to]);
        }
        let start = self.attach(from, 10.0)?;
        let goal = self.attach(to, 10.0)?;
        let cells = self.astar(start, goal)?;
        let mut points = Vec::with_capacity(cells.len() + 2);
        points.push(from);
        points.extend(cells.iter().map(|&c| self.centre(c)));
        points.push(to);
        Some(self.pull(points))
    }

    fn astar(&self, start: usize, goal: usize) -> Option<Vec<usize>> {
        const KM_PER_DEG: f64 = 111.195;
        let n = self.class.len();
        let mut best = vec![f64::INFINITY; n];
        let mut came = vec![u32::MAX; n];
        let mut closed = vec![false; n];
        let mut open = BinaryHeap::new();
        let row_cos = |r: usize| {
            (self.south + (r as f64 + 0.5) * CELL_DEG)
                .to_radians()
                .cos()
        };
        let (gr, gc) = (goal / self.cols, goal % self.cols);
        // Equirectangular distances: exact enough between neighbours; the heuristic underestimates
        // the distance to the goal (smaller cosine of the two latitudes) and is weighted by
        // HEURISTIC_WEIGHT, trading a little length (string pulling straightens it) for speed.
        let heuristic = |cell: usize| {
            let (r, c) = (cell / self.cols, cell % self.cols);
            let dy = r.abs_diff(gr) as f64 * CELL_DEG * KM_PER_DEG;
            let dx = c.abs_diff(gc) as f64 * CELL_DEG * KM_PER_DEG * row_cos(r).min(row_cos(gr));
            dx.hypot(dy) * HEURISTIC_WEIGHT
        };
        best[start] = 0.0;
        open.push(Reverse((0u64, start)));
        while let Some(Reverse((_, cell))) = open.pop() {
            if closed[cell] {
                continue;
            }
            closed[cell] = true;
            if cell == goal {
                let mut path = vec![goal];
                let mut c = goal;
                while c != start {
                    c = came[c] as usize;
                    path.push(c);
                }
                path.reverse();
                return Some(path);
            }
            let r = cell / self.cols;
            let (dx_km, dy_km) = (CELL_DEG * KM_PER_DEG * row_cos(r), CELL_DEG * KM_PER_DEG);
            for next in self.neighbours(cell) {
                if closed[next] || !self.step_clear(cell, next) {
                    continue;
                }
                let step = match (next / self.cols != r, next % self.cols != cell % self.cols) {
                    (true, true) => dx_km.hypot(dy_km),
                    (true, false) => dy_km,
                    _ => dx_km,
                };
                let penalty = if self.class[next] == 1 {
                    COAST_PENALTY
                } else {
                    1.0
                };
                let g = best[cell] + step * penalty;
                if g < best[next] {
                    best[next] = g;
                    came[next] = cell as u32;
                    open.push(Reverse(((g + heuristic(next)).to_bits(), next)));
                }
            }
        }
        None
    }

    /// String pulling: from each kept point, jump to the farthest later point in plain sight.
    fn pull(&self, points: Vec<LatLon>) -> Vec<LatLon> {
        let mut out = vec![points[0]];
        let mut i = 0;
        while i + 1 < points.len() {
            let mut j = i + 1;
            // Exponential then linear search for the farthest visible point.
            let mut step = 1;
            while j + step < points.len()
                && !self.land.segment_hits_land(points[i], points[j + step])
            {
                j += step;
                step *= 2;
            }
            while j + 1 < points.len() && !self.land.segment_hits_land(points[i], points[j + 1]) {
                j += 1;
            }
            out.push(points[j]);
            i = j;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_go_around_land() {
        let land = Land::east_asia();
        let router = Router::new(&land);
        let rajin = router
            .sea_point_near(LatLon::new(42.233333, 130.3), 4.0)
            .unwrap();
        let vostochny = router
            .sea_point_near(LatLon::new(42.75, 133.083333), 5.0)
            .unwrap();
        // Busan to Niigata and Rajin to Vostochny, and Vladivostok to Shanghai via the Korea Strait.
        let busan = router
            .sea_point_near(LatLon::new(35.1, 129.04), 6.0)
            .unwrap();
        let shanghai = router
            .sea_point_near(LatLon::new(31.0, 122.2), 10.0)
            .unwrap();
        for (a, b) in [
            (rajin, vostochny),
            (busan, vostochny),
            (vostochny, shanghai),
        ] {
            let route = router.route(a, b).expect("a sea route exists");
            for leg in route.windows(2) {
                assert!(!land.segment_hits_land(leg[0], leg[1]), "{leg:?}");
            }
            let length: f64 = route.windows(2).map(|w| distance_km(w[0], w[1])).sum();
            assert!(length >= distance_km(a, b) - 1e-6 && length < 2.0 * distance_km(a, b) + 50.0);
        }
    }
}
