//! Anchorages inferred from where vessels stop, after GFW's `anchorages_pipeline`: each track's
//! stationary periods (stays within `stationary_max_km` of where it stopped for at least
//! `stationary_min_hours`) are recorded on a grid of ~0.5 km cells (GFW: S2 level 14); an
//! encounter with enough other vessels' stationary periods within `min_port_distance_km` is
//! in an anchorage. The grid holds places, not time, so it stays small.

use std::collections::HashMap;

use crate::config::Config;
use crate::track::Pt;
use lookout_core::geo::{distance_km, LatLon};

/// Grid step, degrees of latitude and longitude (about 0.55 km north-south; GFW's S2 level-14
/// cells are about 0.5 km).
pub(crate) const CELL_DEG: f64 = 0.005;

/// Stationary vessels per grid cell.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Anchorages {
    /// Distinct MMSIs with a stationary period in the cell, at most `cap` of them.
    cells: HashMap<(i32, i32), Vec<u32>>,
}

fn cell(lat: f64, lon: f64) -> (i32, i32) {
    (
        (lat / CELL_DEG).floor() as i32,
        (lon / CELL_DEG).floor() as i32,
    )
}

impl Anchorages {
    /// Records a stationary period of `mmsi` at a place. A cell keeps at most `cap` vessels:
    /// more cannot change a count that stops at `min_vessels` plus the two that met.
    pub fn add(&mut self, mmsi: u32, lat: f64, lon: f64, cap: usize) {
        self.add_cell(cell(lat, lon), mmsi, cap);
    }

    /// Records `mmsi` in a grid cell (as [`add`](Self::add) of a place in that cell).
    pub fn add_cell(&mut self, cell: (i32, i32), mmsi: u32, cap: usize) {
        let list = self.cells.entry(cell).or_default();
        if list.len() < cap && !list.contains(&mmsi) {
            list.push(mmsi);
        }
    }

    /// Every (cell, vessel) recorded, each cell's vessels in the order they came.
    pub fn entries(&self) -> impl Iterator<Item = ((i32, i32), &[u32])> {
        self.cells.iter().map(|(c, l)| (*c, l.as_slice()))
    }

    /// Adds `other`'s vessels after this one's, cell by cell in `other`'s order: the same
    /// cells as if `other`'s periods had been [`add`](Self::add)ed here after this one's
    /// (`other` keeps at least `cap` vessels per cell, all that the adds here could take).
    pub fn append(&mut self, other: Anchorages, cap: usize) {
        for (cell, list) in other.cells {
            let mine = self.cells.entry(cell).or_default();
            for mmsi in list {
                if mine.len() < cap && !mine.contains(&mmsi) {
                    mine.push(mmsi);
                }
            }
        }
    }

    /// Distinct vessels other than `exclude` with a stationary period within `km` of the
    /// point (cells whose centre is within `km`), counted up to `limit`.
    pub fn vessels_near(
        &self,
        lat: f64,
        lon: f64,
        km: f64,
        exclude: [u32; 2],
        limit: usize,
    ) -> usize {
        if self.cells.is_empty() {
            return 0;
        }
        let (ci, cj) = cell(lat, lon);
        let di = (km / 111.0 / CELL_DEG).ceil() as i32 + 1;
        let dj = (km / (111.0 * lat.to_radians().cos().max(0.01)) / CELL_DEG).ceil() as i32 + 1;
        let mut seen: Vec<u32> = Vec::new();
        for i in ci - di..=ci + di {
            for j in cj - dj..=cj + dj {
                let Some(list) = self.cells.get(&(i, j)) else {
                    continue;
                };
                let (clat, clon) = (
                    (f64::from(i) + 0.5) * CELL_DEG,
                    (f64::from(j) + 0.5) * CELL_DEG,
                );
                if distance_km(LatLon::new(lat, lon), LatLon::new(clat, clon)) > km {
                    continue;
                }
                for m in list {
                    if !exclude.contains(m) && !seen.contains(m) {
                        seen.push(*m);
                        if seen.len() >= limit {
                            return seen.len();
                        }
                    }
                }
            }
        }
        seen.len()
    }
}

/// The open stationary period of one track.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(crate) struct Stationary {
    anchor: Pt,
    last_t: i64,
    recorded: bool,
}

impl Stationary {
    /// Feeds a track position: extends the period while the vessel stays within
    /// `stationary_max_km` of where it stopped, records it once it has lasted
    /// `stationary_min_hours`, and starts a new one where it moved to.
    pub fn push(
        state: &mut Option<Stationary>,
        mmsi: u32,
        p: &Pt,
        cfg: &Config,
        anchorages: &mut Anchorages,
    ) {
        let a = &cfg.anchorage;
        if !a.infer {
            return;
        }
        match state {
            Some(s)
                if distance_km(
                    LatLon::new(s.anchor.lat, s.anchor.lon),
                    LatLon::new(p.lat, p.lon),
                ) <= a.stationary_max_km =>
            {
                s.last_t = p.t;
                if !s.recorded
                    && (s.last_t - s.anchor.t) as f64 >= a.stationary_min_hours * 3_600_000.0
                {
                    s.recorded = true;
                    anchorages.add(mmsi, s.anchor.lat, s.anchor.lon, a.min_vessels + 2);
                }
            }
            _ => {
                *state = Some(Stationary {
                    anchor: *p,
                    last_t: p.t,
                    recorded: false,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(hours: f64, lat: f64, lon: f64) -> Pt {
        Pt {
            t: (hours * 3_600_000.0) as i64,
            lat,
            lon,
            sog: None,
            cog: None,
            st: 0,
            class_b: false,
        }
    }

    #[test]
    fn stationary_periods_make_anchorages() {
        let cfg = Config::default();
        let mut grid = Anchorages::default();
        // Five vessels stop 12 h or more within 0.5 km; a sixth drifts away after 6 h.
        for m in 1..=5u32 {
            let mut s = None;
            let lon = 130.0 + f64::from(m) * 0.002;
            for h in 0..=13 {
                Stationary::push(&mut s, m, &pt(f64::from(h), 42.0, lon), &cfg, &mut grid);
            }
        }
        let mut s = None;
        for h in 0..=13 {
            let lat = if h < 6 {
                42.0
            } else {
                42.0 + f64::from(h) * 0.01
            };
            Stationary::push(&mut s, 6, &pt(f64::from(h), lat, 130.0), &cfg, &mut grid);
        }
        assert_eq!(grid.vessels_near(42.0, 130.0, 10.0, [0, 0], 100), 5);
        assert_eq!(grid.vessels_near(42.0, 130.0, 10.0, [1, 2], 100), 3);
        assert_eq!(grid.vessels_near(42.0, 130.0, 10.0, [0, 0], 2), 2);
        // 20 km away: none.
        assert_eq!(grid.vessels_near(42.18, 130.0, 10.0, [0, 0], 100), 0);
    }
}
