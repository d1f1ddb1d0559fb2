//! Detections matched to the store's AIS.
//!
//! For each scene (detections sharing a scene id, or an image minute) the store's positions in
//! `[first image time - max_bracket_hours, last + max_bracket_hours]` within reach of the
//! detections are read once. Each vessel's position at a detection's time is estimated:
//!
//! 1. **interpolated** linearly between its last fix before and first fix after the image time,
//!    when they are at most `max_bracket_hours` apart (further apart the vessel was silent long
//!    enough to count as an AIS gap, so its path in between is unknown);
//! 2. else **extrapolated** from the nearer fix when it is at most `max_extrapolation_minutes`
//!    away, dead-reckoned along its reported course at its reported speed (kept in place without
//!    them).
//!
//! A detection matches a vessel whose estimate lies within `max_distance_km` (Skylight's 1.5
//! km). Within a scene one vessel matches at most one detection: pairs are taken closest first.
//! A detection with no match keeps the provider's own match (`source_mmsi`, e.g. GFW's) if it
//! has one, else it is a **dark vessel**, with the reason and the nearest AIS vessel.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use lookout_core::geo::{degree_box, destination, distance_km, lerp, LatLon};
use lookout_core::time::HOUR_MS;
use lookout_store::{for_each_position, PositionRow, Store, TimeRange};
use serde::Serialize;

use crate::detections::Detection;

/// Matching thresholds (`[matching]` in `docs/imports.md`).
#[derive(Debug, Clone, Serialize)]
pub struct MatchConfig {
    /// A detection and a vessel's estimated position this close match, km. Skylight's
    /// correlation radius: "AIS pings from vessels further than 1500 meters from the location of
    /// a vessel detection are disregarded as possible matches".
    pub max_distance_km: f64,
    /// Interpolate only between fixes at most this far apart, hours: Lookout's gap threshold
    /// (`[gap] min_hours = 6`, GFW pipe-gaps); a longer silence is a gap.
    pub max_bracket_hours: f64,
    /// Extrapolate from a single fix at most this far from the image time, minutes
    /// (**Lookout choice**: at 12 kn a ship covers 11 km in 30 min, so dead reckoning beyond
    /// that is guessing).
    pub max_extrapolation_minutes: f64,
    /// Fastest ship considered when reading the store around a scene, knots (Lookout's
    /// segmenter `max_knots = 25`): positions farther than this speed times
    /// `max_bracket_hours` from every detection cannot bracket one.
    pub max_knots: f64,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            max_distance_km: 1.5,
            max_bracket_hours: 6.0,
            max_extrapolation_minutes: 30.0,
            max_knots: 25.0,
        }
    }
}

/// How a vessel's position at the image time was estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Between a fix before and a fix after.
    Interpolated,
    /// From one fix, along its course.
    Extrapolated,
    /// The provider's own match (no AIS match in the store).
    Source,
}

impl Method {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Interpolated => "interpolated",
            Method::Extrapolated => "extrapolated",
            Method::Source => "source",
        }
    }
}

/// A vessel's estimated position at a detection's time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The vessel.
    pub mmsi: u32,
    /// Distance from the detection, km.
    pub distance_km: f64,
    /// How the position was estimated.
    pub method: Method,
    /// Time from the image to the nearest fix used, minutes.
    pub fix_minutes: f64,
}

/// Why a detection is dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DarkReason {
    /// AIS vessels were heard around the image time, none within the distance.
    NoAisWithinDistance,
    /// No AIS position near the detection within the time window: the store may not cover
    /// the place or time.
    NoAisInWindow,
    /// Matching was not run (no store given) and the provider gave no match.
    NotMatched,
}

impl DarkReason {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            DarkReason::NoAisWithinDistance => "no_ais_within_distance",
            DarkReason::NoAisInWindow => "no_ais_in_window",
            DarkReason::NotMatched => "not_matched",
        }
    }
}

/// What matching found for one detection.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The detection.
    pub detection: Detection,
    /// The vessel it matched, if any.
    pub matched: Option<Estimate>,
    /// Why it is dark, when it did not match.
    pub dark: Option<DarkReason>,
    /// The nearest vessel estimated at the image time (matched or not).
    pub nearest: Option<Estimate>,
}

/// Matches detections to the store's AIS (`store = None`: the providers' matches only).
pub fn match_detections(
    store: Option<&Store>,
    detections: Vec<Detection>,
    cfg: &MatchConfig,
) -> Result<Vec<Outcome>> {
    let mut scenes: BTreeMap<String, Vec<Detection>> = BTreeMap::new();
    for d in detections {
        scenes.entry(d.scene_key()).or_default().push(d);
    }
    let mut out = Vec::new();
    for (_, scene) in scenes {
        let tracks = match store {
            Some(store) => scene_tracks(store, &scene, cfg)?,
            None => HashMap::new(),
        };
        out.extend(match_scene(scene, &tracks, store.is_some(), cfg));
    }
    Ok(out)
}

/// The store's positions that can bracket the scene's detections, per vessel, by time.
fn scene_tracks(
    store: &Store,
    scene: &[Detection],
    cfg: &MatchConfig,
) -> Result<HashMap<u32, Vec<PositionRow>>> {
    let bracket = (cfg.max_bracket_hours * HOUR_MS as f64) as i64;
    let t0 = scene.iter().map(|d| d.time).min().unwrap_or(0) - bracket;
    let t1 = scene.iter().map(|d| d.time).max().unwrap_or(0) + bracket;
    let reach_km = cfg.max_knots * 1.852 * cfg.max_bracket_hours + cfg.max_distance_km;
    let boxes: Vec<(f64, f64, f64, f64)> = scene
        .iter()
        .map(|d| {
            let (dlat, dlon) = degree_box(d.lat, reach_km);
            (d.lat - dlat, d.lat + dlat, d.lon - dlon, d.lon + dlon)
        })
        .collect();
    let mut tracks: HashMap<u32, Vec<PositionRow>> = HashMap::new();
    let range = TimeRange {
        from: Some(t0),
        to: Some(t1),
    };
    for_each_position(store, range, |p| {
        let near = boxes
            .iter()
            .any(|b| p.lat >= b.0 && p.lat <= b.1 && p.lon >= b.2 && p.lon <= b.3);
        if near {
            tracks.entry(p.mmsi).or_default().push(p);
        }
    })?;
    for t in tracks.values_mut() {
        t.sort_by_key(|p| p.time);
    }
    Ok(tracks)
}

/// A vessel's position at `t` from its sorted fixes, with the method and minutes to the
/// nearest fix used.
pub fn estimate(track: &[PositionRow], t: i64, cfg: &MatchConfig) -> Option<(LatLon, Method, f64)> {
    let i = track.partition_point(|p| p.time <= t);
    let before = i.checked_sub(1).map(|j| &track[j]);
    let after = track.get(i);
    let minutes = |p: &PositionRow| (p.time - t).abs() as f64 / 60_000.0;
    let at = |p: &PositionRow| LatLon::new(p.lat, p.lon);
    if let (Some(a), Some(b)) = (before, after) {
        let span = b.time - a.time;
        if (span as f64) <= cfg.max_bracket_hours * HOUR_MS as f64 {
            let f = if span == 0 {
                0.0
            } else {
                (t - a.time) as f64 / span as f64
            };
            let fix = minutes(a).min(minutes(b));
            return Some((lerp(at(a), at(b), f), Method::Interpolated, fix));
        }
    }
    let nearest = [before, after]
        .into_iter()
        .flatten()
        .min_by(|a, b| minutes(a).total_cmp(&minutes(b)))?;
    let m = minutes(nearest);
    if m > cfg.max_extrapolation_minutes {
        return None;
    }
    let p = match (nearest.sog, nearest.cog) {
        (Some(sog), Some(cog)) => {
            let hours = (t - nearest.time) as f64 / HOUR_MS as f64;
            // Backwards in time is the opposite course.
            let km = f64::from(sog) * 1.852 * hours;
            destination(at(nearest), f64::from(cog), km)
        }
        _ => at(nearest),
    };
    Some((p, Method::Extrapolated, m))
}

fn match_scene(
    scene: Vec<Detection>,
    tracks: &HashMap<u32, Vec<PositionRow>>,
    with_store: bool,
    cfg: &MatchConfig,
) -> Vec<Outcome> {
    // Every (detection, vessel) estimate, for the nearest and the candidate pairs.
    let mut estimates: Vec<Vec<Estimate>> = Vec::with_capacity(scene.len());
    for d in &scene {
        let here = LatLon::new(d.lat, d.lon);
        let mut list: Vec<Estimate> = tracks
            .iter()
            .filter_map(|(&mmsi, track)| {
                let (p, method, fix_minutes) = estimate(track, d.time, cfg)?;
                Some(Estimate {
                    mmsi,
                    distance_km: distance_km(here, p),
                    method,
                    fix_minutes,
                })
            })
            .collect();
        list.sort_by(|a, b| {
            a.distance_km
                .total_cmp(&b.distance_km)
                .then(a.mmsi.cmp(&b.mmsi))
        });
        estimates.push(list);
    }
    // Closest pairs first; one vessel per detection and one detection per vessel.
    let mut pairs: Vec<(usize, Estimate)> = estimates
        .iter()
        .enumerate()
        .flat_map(|(i, list)| {
            list.iter()
                .filter(|e| e.distance_km <= cfg.max_distance_km)
                .map(move |e| (i, *e))
        })
        .collect();
    pairs.sort_by(|a, b| {
        (a.1.distance_km, a.0, a.1.mmsi)
            .partial_cmp(&(b.1.distance_km, b.0, b.1.mmsi))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut matched: Vec<Option<Estimate>> = vec![None; scene.len()];
    let mut taken = std::collections::HashSet::new();
    for (i, e) in pairs {
        if matched[i].is_none() && taken.insert(e.mmsi) {
            matched[i] = Some(e);
        }
    }
    scene
        .into_iter()
        .zip(matched)
        .zip(estimates)
        .map(|((detection, matched), list)| {
            let nearest = list.first().copied();
            let by_source = detection.source_mmsi.map(|mmsi| Estimate {
                mmsi,
                distance_km: 0.0,
                method: Method::Source,
                fix_minutes: 0.0,
            });
            let matched = matched.or(by_source);
            let dark = match (&matched, with_store, &nearest) {
                (Some(_), _, _) => None,
                (None, false, _) => Some(DarkReason::NotMatched),
                (None, true, Some(_)) => Some(DarkReason::NoAisWithinDistance),
                (None, true, None) => Some(DarkReason::NoAisInWindow),
            };
            Outcome {
                detection,
                matched,
                dark,
                nearest,
            }
        })
        .collect()
}
