//! What a position report says and where it is sent from, beyond the plain plan: spoofing
//! patterns that need the real motion (a frozen position with the real speed, a rogue
//! transmitter alternating with the real reports), GNSS interference zones (`[[interference]]`:
//! jamming leaves the transponder without a position, "not available"; spoofing moves every
//! vessel inside to one false point or onto a ring around it), and why a received silence began
//! (the truth's gap reasons).

use std::sync::Arc;

use lookout_ais::message::{LAT_NA, LON_NA};
use lookout_ais::AisMessage;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;

use crate::geo::{destination, distance_km, LatLon, Polyline};
use crate::plan::{FakeMotion, Kinematics, Plan};
use crate::scenario::Seconds;

/// What a GNSS interference zone does to the vessels inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// No position: reports carry "not available" (latitude 91, longitude 181).
    Jam,
    /// A false position: the zone's `to` point, or a ring of `ring_km` around it.
    Spoof,
}

impl Effect {
    /// `jam` or `spoof`.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Jam => "jam",
            Effect::Spoof => "spoof",
        }
    }
}

/// A GNSS interference zone of the scenario.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// Name (for the truth).
    pub name: String,
    /// Centre `[lat, lon]`.
    #[serde(deserialize_with = "crate::scenario::de_latlon")]
    pub centre: LatLon,
    /// Vessels within this distance are affected, km.
    pub radius_km: f64,
    /// Start.
    #[serde(deserialize_with = "crate::scenario::de_time")]
    pub from: Seconds,
    /// Length, hours.
    pub hours: f64,
    /// `jam` or `spoof`.
    pub effect: Effect,
    /// Where spoofed vessels appear.
    #[serde(default, deserialize_with = "crate::scenario::de_opt_latlon")]
    pub to: Option<LatLon>,
    /// Spoofed positions fall on a ring of this radius around `to`, km (0: the point itself).
    #[serde(default)]
    pub ring_km: f64,
}

impl Zone {
    /// Checks the values.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.radius_km > 0.0 && self.hours > 0.0) {
            return Err(format!(
                "interference {:?}: radius_km and hours must be > 0",
                self.name
            ));
        }
        if self.effect == Effect::Spoof && self.to.is_none() {
            return Err(format!(
                "interference {:?}: effect \"spoof\" needs `to`",
                self.name
            ));
        }
        Ok(())
    }

    /// End of the zone's period.
    pub fn until(&self) -> Seconds {
        self.from + self.hours * 3600.0
    }

    /// True when it acts on a vessel at `p` at `t`.
    pub fn acts(&self, t: Seconds, p: LatLon) -> bool {
        t >= self.from && t < self.until() && distance_km(self.centre, p) <= self.radius_km
    }
}

/// One position report as sent.
#[derive(Debug, Clone, Copy)]
pub struct Report {
    /// What it says.
    pub kin: Kinematics,
    /// Where it is transmitted from (what the stations' ranges apply to).
    pub from: LatLon,
    /// The position is "not available".
    pub unavailable: bool,
    /// The interference zone that changed it.
    pub zone: Option<usize>,
}

/// The report a vessel sends at `t` whose true state is `truth`; `alternate` flips between a
/// rogue transmitter and the ship.
pub fn report(
    plan: &Plan,
    zones: &[Zone],
    t: Seconds,
    truth: &Kinematics,
    alternate: bool,
    rng: &mut ChaCha8Rng,
) -> Report {
    let mut r = Report {
        kin: *truth,
        from: truth.pos,
        unavailable: false,
        zone: None,
    };
    if let Some((t0, fake)) = plan.spoof_at(t) {
        match fake {
            FakeMotion::Frozen(p) => r.kin.pos = *p,
            FakeMotion::Rogue(p) if alternate => {
                r.kin = fake.at(t - t0);
                r.from = *p;
            }
            FakeMotion::Rogue(_) => {}
            _ => r.kin = fake.at(t - t0),
        }
    }
    // GNSS interference acts on the receiver of whoever transmits, where it really is.
    if let Some((k, z)) = zones.iter().enumerate().find(|(_, z)| z.acts(t, r.from)) {
        r.zone = Some(k);
        match (z.effect, z.to) {
            (Effect::Spoof, Some(to)) if z.ring_km > 0.0 => {
                r.kin.pos = destination(to, rng.random_range(0.0..360.0), z.ring_km);
            }
            (Effect::Spoof, Some(to)) => r.kin.pos = to,
            _ => r.unavailable = true,
        }
    }
    r
}

/// Makes a position report say "not available" (latitude 91, longitude 181, no speed, course
/// or heading), as a transponder without a GNSS fix does.
pub fn unavailable(msg: &mut AisMessage) {
    match msg {
        AisMessage::PositionReport(m) => {
            (m.lat, m.lon, m.speed, m.course, m.heading) = (LAT_NA, LON_NA, 1023, 3600, 511);
        }
        AisMessage::ClassBPositionReport(m) => {
            (m.lat, m.lon, m.speed, m.course, m.heading) = (LAT_NA, LON_NA, 1023, 3600, 511);
        }
        _ => {}
    }
}

/// A regular polygon of `vertices` corners `radius_km` around `centre`, traced again and again
/// for at least `length_km`.
pub fn pattern_line(
    centre: LatLon,
    radius_km: f64,
    vertices: u32,
    length_km: f64,
) -> Arc<Polyline> {
    let corners: Vec<LatLon> = (0..vertices)
        .map(|k| {
            destination(
                centre,
                360.0 * f64::from(k) / f64::from(vertices),
                radius_km,
            )
        })
        .collect();
    let side = distance_km(corners[0], corners[1]);
    let loops = (length_km / (side * f64::from(vertices))).ceil() as usize + 1;
    let mut points = Vec::with_capacity(loops * corners.len() + 1);
    for _ in 0..loops {
        points.extend_from_slice(&corners);
    }
    points.push(corners[0]);
    Arc::new(Polyline::new(points))
}

/// Why a vessel at `p` was not heard at `t`: `went_dark` (transponder off), `interference`
/// (jammed), `receiver_outage` (every station in range is down) or `left_coverage` (no station
/// in range). `down` says whether stations in range of `p` are all down, some up, or none.
pub fn silence_reason(
    plan: &Plan,
    zones: &[Zone],
    t: Seconds,
    p: LatLon,
    stations_in_range: InRange,
) -> &'static str {
    if plan.is_dark(t) {
        "went_dark"
    } else if zones
        .iter()
        .any(|z| z.effect == Effect::Jam && z.acts(t, p))
    {
        "interference"
    } else if stations_in_range == InRange::AllDown {
        "receiver_outage"
    } else if stations_in_range == InRange::None {
        "left_coverage"
    } else {
        "unknown"
    }
}

/// Terrestrial stations whose range holds a point at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InRange {
    /// No station reaches it.
    None,
    /// Stations reach it, all of them down.
    AllDown,
    /// At least one working station reaches it.
    Up,
}
