//! A vessel's compiled timeline: motion legs, transponder-off intervals, spoofing episodes,
//! identity and draught changes. Everything the reporting model needs, evaluated at any time.

use std::sync::Arc;

use crate::geo::{destination, distance_km, LatLon, Polyline, KM_PER_NM};
use crate::scenario::{Class, Seconds};

/// Seconds a ship takes to reach service speed from rest (and to stop).
pub const ACCEL_SECONDS: f64 = 900.0;
/// Distance over which a course change is spread, km.
const TURN_KM: f64 = 0.8;

/// What a vessel does during one leg.
#[derive(Debug, Clone)]
pub enum Motion {
    /// Moored or at anchor at a point.
    Stay {
        /// Where.
        pos: LatLon,
        /// Navigational status: 1 at anchor, 5 moored, 0 stopped at sea.
        status: u8,
        /// Heading while lying there.
        heading: f64,
    },
    /// Under way along a route: accelerates from rest, cruises, decelerates to rest.
    Sail {
        /// The route.
        line: Arc<Polyline>,
        /// Cruise speed, knots.
        speed_kn: f64,
        /// Distance already covered at the leg's start (a vessel met mid-voyage), km.
        offset_km: f64,
    },
    /// Slow circular drift (loitering, waiting, lying alongside another ship).
    Drift {
        /// Circle centre.
        centre: LatLon,
        /// Circle radius, km.
        radius_km: f64,
        /// Speed, knots.
        speed_kn: f64,
        /// Angle on the circle at the leg start, degrees.
        phase: f64,
    },
}

/// One leg of motion over `[t0, t1)`.
#[derive(Debug, Clone)]
pub struct Leg {
    /// Start.
    pub t0: Seconds,
    /// End.
    pub t1: Seconds,
    /// Motion.
    pub motion: Motion,
}

/// Kinematic state at an instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kinematics {
    /// Position.
    pub pos: LatLon,
    /// Speed over ground, knots.
    pub sog: f64,
    /// Course over ground, degrees.
    pub cog: f64,
    /// True heading, degrees.
    pub heading: f64,
    /// Rate of turn, degrees per minute (positive = starboard).
    pub rot: f64,
    /// Navigational status (0 under way, 1 at anchor, 5 moored).
    pub status: u8,
}

impl Motion {
    /// State `dt` seconds into a leg lasting `len` seconds.
    pub fn at(&self, dt: f64, len: f64) -> Kinematics {
        match self {
            Motion::Stay {
                pos,
                status,
                heading,
            } => Kinematics {
                pos: *pos,
                sog: 0.0,
                cog: *heading,
                heading: *heading,
                rot: 0.0,
                status: *status,
            },
            Motion::Sail {
                line,
                speed_kn,
                offset_km,
            } => {
                let (d, v) = sail_progress(dt, len, *speed_kn, *offset_km > 0.0);
                let d = offset_km + d;
                let (pos, cog, rate) = line.at(d, TURN_KM);
                let rot = rate * v * KM_PER_NM / 60.0;
                Kinematics {
                    pos,
                    sog: v,
                    cog,
                    heading: cog,
                    rot,
                    status: 0,
                }
            }
            Motion::Drift {
                centre,
                radius_km,
                speed_kn,
                phase,
            } => {
                let omega = speed_kn * KM_PER_NM / 3600.0 / radius_km.max(0.01); // rad/s
                let angle = phase + (omega * dt).to_degrees();
                let pos = destination(*centre, angle, *radius_km);
                let cog = (angle + 90.0).rem_euclid(360.0);
                Kinematics {
                    pos,
                    sog: *speed_kn,
                    cog,
                    heading: cog,
                    rot: omega.to_degrees() * 60.0,
                    status: 0,
                }
            }
        }
    }
}

/// Distance (km) and speed (kn) `dt` seconds into a sail lasting `len` seconds: trapezoidal speed
/// profile; `cruising` legs (a vessel already under way) start at full speed.
fn sail_progress(dt: f64, len: f64, speed_kn: f64, cruising: bool) -> (f64, f64) {
    let v = speed_kn * KM_PER_NM / 3600.0; // km/s
    let dt = dt.clamp(0.0, len);
    let r = len - dt; // seconds left
    let (d, vnow) = if cruising {
        let ta = ACCEL_SECONDS.min(len).max(1e-9);
        let a = v / ta;
        let total = v * (len - ta) + 0.5 * v * ta;
        if dt < len - ta {
            (v * dt, v)
        } else {
            (total - 0.5 * a * r * r, a * r)
        }
    } else {
        let ta = ACCEL_SECONDS.min(len / 2.0).max(1e-9);
        let a = v / ACCEL_SECONDS;
        let vmax = a * ta;
        let total = a * ta * ta + vmax * (len - 2.0 * ta);
        if dt < ta {
            (0.5 * a * dt * dt, a * dt)
        } else if dt < len - ta {
            (0.5 * a * ta * ta + vmax * (dt - ta), vmax)
        } else {
            (total - 0.5 * a * r * r, a * r)
        }
    };
    (d, vnow / (KM_PER_NM / 3600.0))
}

/// Seconds needed to sail `km` at `speed_kn` from rest to rest (or from cruising speed to rest if
/// `cruising`).
pub fn sail_seconds(km: f64, speed_kn: f64, cruising: bool) -> f64 {
    let v = speed_kn * KM_PER_NM / 3600.0;
    let ramp = v * ACCEL_SECONDS / 2.0; // km covered while accelerating or decelerating
    if cruising {
        if km >= ramp {
            km / v + ACCEL_SECONDS / 2.0
        } else {
            2.0 * km / v
        }
    } else if km >= 2.0 * ramp {
        km / v + ACCEL_SECONDS
    } else {
        // Never reaches cruise speed: accelerate then brake at the same rate.
        2.0 * (km / (v / ACCEL_SECONDS)).sqrt()
    }
}

/// Static identity at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    /// Name.
    pub name: String,
    /// Call sign.
    pub callsign: String,
    /// IMO number (0 = none).
    pub imo: u32,
    /// MMSI.
    pub mmsi: u32,
}

/// Spoofed-position patterns.
#[derive(Debug, Clone)]
pub enum FakeMotion {
    /// A fixed false position.
    Fixed(LatLon),
    /// A false voyage along a line at constant speed.
    Track {
        /// The fake route.
        line: Arc<Polyline>,
        /// Speed.
        speed_kn: f64,
    },
    /// Circling.
    Circle {
        /// Centre.
        centre: LatLon,
        /// Radius, km.
        radius_km: f64,
        /// Speed, knots.
        speed_kn: f64,
    },
    /// The position where the episode began, with the real speed and course.
    Frozen(LatLon),
    /// A second transmitter at a point, alternating with the real reports.
    Rogue(LatLon),
}

impl FakeMotion {
    /// Reported state `dt` seconds into the episode (`Frozen` and `Rogue` report their point
    /// at rest; the simulation gives them the real speed and course, or alternates them).
    pub fn at(&self, dt: f64) -> Kinematics {
        match self {
            FakeMotion::Fixed(pos) | FakeMotion::Frozen(pos) | FakeMotion::Rogue(pos) => {
                Kinematics {
                    pos: *pos,
                    sog: 0.0,
                    cog: 0.0,
                    heading: 0.0,
                    rot: 0.0,
                    status: 0,
                }
            }
            FakeMotion::Track { line, speed_kn } => {
                let (pos, cog, _) = line.at(dt * speed_kn * KM_PER_NM / 3600.0, TURN_KM);
                Kinematics {
                    pos,
                    sog: *speed_kn,
                    cog,
                    heading: cog,
                    rot: 0.0,
                    status: 0,
                }
            }
            FakeMotion::Circle {
                centre,
                radius_km,
                speed_kn,
            } => Motion::Drift {
                centre: *centre,
                radius_km: *radius_km,
                speed_kn: *speed_kn,
                phase: 0.0,
            }
            .at(dt, f64::INFINITY),
        }
    }
}

/// A vessel's whole compiled timeline.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Scenario name of the vessel (`BG-000123` for background traffic).
    pub name: String,
    /// Transponder class.
    pub class: Class,
    /// AIS ship type code.
    pub ship_type: u8,
    /// Length, m.
    pub length_m: f64,
    /// Beam, m.
    pub beam_m: f64,
    /// Destination text for static reports.
    pub destination: String,
    /// Motion legs, contiguous and sorted.
    pub legs: Vec<Leg>,
    /// Transponder-off intervals, sorted and disjoint.
    pub ais_off: Vec<(Seconds, Seconds)>,
    /// Spoofing episodes `(t0, t1, pattern)`, sorted.
    pub spoofs: Vec<(Seconds, Seconds, FakeMotion)>,
    /// Identity from each time on (first entry at the scenario start).
    pub identities: Vec<(Seconds, Identity)>,
    /// Reported draught from each time on.
    pub draughts: Vec<(Seconds, f64)>,
    /// True for background traffic.
    pub background: bool,
}

/// The last entry of a time-sorted list at or before `t`.
pub fn latest<T>(list: &[(Seconds, T)], t: Seconds) -> Option<&T> {
    match list.partition_point(|(s, _)| *s <= t) {
        0 => list.first().map(|(_, v)| v),
        k => Some(&list[k - 1].1),
    }
}

impl Plan {
    /// Index of the leg containing `t`, searching forward from `hint`.
    pub fn leg_index(&self, t: Seconds, hint: usize) -> usize {
        let mut i = hint.min(self.legs.len().saturating_sub(1));
        if self.legs[i].t0 > t {
            i = 0;
        }
        while i + 1 < self.legs.len() && self.legs[i].t1 <= t {
            i += 1;
        }
        i
    }

    /// True position and motion at `t` (`hint` speeds up monotonic queries; pass 0 otherwise).
    pub fn true_state(&self, t: Seconds, hint: usize) -> (Kinematics, usize) {
        let i = self.leg_index(t, hint);
        let leg = &self.legs[i];
        (leg.motion.at(t - leg.t0, leg.t1 - leg.t0), i)
    }

    /// The spoofing episode running at `t`: its start and pattern.
    pub fn spoof_at(&self, t: Seconds) -> Option<(Seconds, &FakeMotion)> {
        self.spoofs
            .iter()
            .find(|(a, b, _)| *a <= t && t < *b)
            .map(|(a, _, f)| (*a, f))
    }

    /// True if the transponder is off at `t`.
    pub fn is_dark(&self, t: Seconds) -> bool {
        let k = self.ais_off.partition_point(|(a, _)| *a <= t);
        k > 0 && t < self.ais_off[k - 1].1
    }

    /// Total km sailed between two times (sum over sail legs overlapping the span).
    pub fn distance_between(&self, t0: Seconds, t1: Seconds) -> f64 {
        let mut km = 0.0;
        for leg in &self.legs {
            if leg.t1 <= t0 || leg.t0 >= t1 {
                continue;
            }
            if let Motion::Sail { .. } = leg.motion {
                let a = self.true_state(leg.t0.max(t0), 0).0.pos;
                let steps = 64;
                let (s, e) = (leg.t0.max(t0), leg.t1.min(t1));
                let mut prev = a;
                for k in 1..=steps {
                    let p = leg
                        .motion
                        .at(
                            s + (e - s) * k as f64 / steps as f64 - leg.t0,
                            leg.t1 - leg.t0,
                        )
                        .pos;
                    km += distance_km(prev, p);
                    prev = p;
                }
            }
        }
        km
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sail_profile_accelerates_cruises_and_stops() {
        let km = 100.0;
        let len = sail_seconds(km, 10.0, false);
        let (d0, v0) = sail_progress(0.0, len, 10.0, false);
        assert_eq!((d0, v0), (0.0, 0.0));
        let (_, vmid) = sail_progress(len / 2.0, len, 10.0, false);
        assert!((vmid - 10.0).abs() < 1e-9);
        let (dend, vend) = sail_progress(len, len, 10.0, false);
        assert!((dend - km).abs() < 1e-6, "{dend}");
        assert!(vend.abs() < 1e-9);
        // Monotonic distance, bounded speed.
        let mut last = -1.0;
        for k in 0..=1000 {
            let (d, v) = sail_progress(len * k as f64 / 1000.0, len, 10.0, false);
            assert!(d >= last - 1e-9 && v <= 10.0 + 1e-9);
            last = d;
        }
        // A short hop never reaches cruise speed but still ends on the mark.
        let short = sail_seconds(0.5, 10.0, false);
        let (d, _) = sail_progress(short, short, 10.0, false);
        assert!((d - 0.5).abs() < 1e-6, "{d}");
    }
}
