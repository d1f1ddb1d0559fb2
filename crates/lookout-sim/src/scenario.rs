//! The scenario file (TOML): areas, receivers, vessels with scripts, background traffic.
//! The format is documented in `docs/scenario-format.md`.

use std::collections::HashMap;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use crate::geo::{distance_km, LatLon};

/// Seconds since the Unix epoch (UTC).
pub type Seconds = f64;

/// A whole scenario.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Scenario name (informational).
    #[serde(default)]
    pub name: String,
    /// Start of the simulated period.
    #[serde(deserialize_with = "de_time")]
    pub start: Seconds,
    /// End of the simulated period.
    #[serde(deserialize_with = "de_time")]
    pub end: Seconds,
    /// Default seed when `--seed` is not given.
    #[serde(default)]
    pub seed: u64,
    /// Reception model.
    #[serde(default)]
    pub reception: Reception,
    /// Named areas.
    #[serde(default)]
    pub areas: Vec<Area>,
    /// Terrestrial receiving stations.
    #[serde(default)]
    pub receivers: Vec<Receiver>,
    /// Scripted vessels.
    #[serde(default)]
    pub vessels: Vec<VesselSpec>,
    /// Random background traffic.
    #[serde(default)]
    pub background: Background,
    /// GNSS interference zones (jamming or spoofing every vessel inside them for a while).
    #[serde(default)]
    pub interference: Vec<crate::effects::Zone>,
}

/// Random loss, duplicates and satellite passes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Reception {
    /// Probability that a station misses a message it could hear (slot collisions, noise).
    pub loss: f64,
    /// Probability that a received line is delivered twice by the same station.
    pub duplicate: f64,
    /// Satellite passes per day over the region (0 = no satellite reception).
    pub satellite_passes_per_day: f64,
    /// Length of one pass in minutes.
    pub satellite_pass_minutes: f64,
    /// Probability that a satellite decodes a message during a pass (collisions in large
    /// footprints make this low).
    pub satellite_detection: f64,
    /// The feed forwards at most one position report per vessel per this many seconds
    /// (aggregators commonly thin their feeds; 0 = every received report).
    pub feed_interval_s: f64,
}

impl Default for Reception {
    fn default() -> Self {
        Self {
            loss: 0.05,
            duplicate: 0.01,
            satellite_passes_per_day: 8.0,
            satellite_pass_minutes: 12.0,
            satellite_detection: 0.2,
            feed_interval_s: 0.0,
        }
    }
}

/// What an area is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    /// Commercial port.
    Port,
    /// Anchorage.
    Anchorage,
    /// Naval facility.
    Naval,
    /// Rail yard or border crossing.
    Rail,
    /// Ship-to-ship transfer point.
    Sts,
    /// Ammunition or other depot.
    Depot,
}

/// A named area: a circle (`centre` + `radius_km`) or a polygon of `[lat, lon]` vertices.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Unique name.
    pub name: String,
    /// Kind.
    pub kind: AreaKind,
    /// Centre `[lat, lon]` of a circular area.
    #[serde(default, deserialize_with = "de_opt_latlon")]
    pub centre: Option<LatLon>,
    /// Radius of a circular area in km.
    #[serde(default)]
    pub radius_km: Option<f64>,
    /// Polygon vertices `[[lat, lon], ...]`.
    #[serde(default, deserialize_with = "de_opt_polygon")]
    pub polygon: Option<Vec<LatLon>>,
}

impl Area {
    /// The area as the truth file lists it.
    pub fn truth(&self) -> lookout_core::truth::TruthArea {
        let kind = serde_json::to_value(self.kind).expect("a unit enum serializes");
        lookout_core::truth::TruthArea {
            name: self.name.clone(),
            kind: kind.as_str().unwrap_or_default().to_owned(),
            centre: self.centre.map(|c| [c.lat, c.lon]),
            radius_km: self.radius_km,
            polygon: self
                .polygon
                .as_ref()
                .map(|p| p.iter().map(|q| [q.lat, q.lon]).collect()),
        }
    }

    /// True if `p` lies in the area.
    pub fn contains(&self, p: LatLon) -> bool {
        if let Some(poly) = &self.polygon {
            let mut inside = false;
            for i in 0..poly.len() {
                let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
                if (a.lat > p.lat) != (b.lat > p.lat)
                    && p.lon < a.lon + (p.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon)
                {
                    inside = !inside;
                }
            }
            return inside;
        }
        match (self.centre, self.radius_km) {
            (Some(c), Some(r)) => distance_km(c, p) <= r,
            _ => false,
        }
    }

    /// The area's centre (for polygons, the vertex mean) and a radius that stays inside it.
    pub fn anchor(&self) -> (LatLon, f64) {
        if let Some(poly) = &self.polygon {
            let n = poly.len() as f64;
            let c = LatLon::new(
                poly.iter().map(|p| p.lat).sum::<f64>() / n,
                poly.iter().map(|p| p.lon).sum::<f64>() / n,
            );
            let r = poly
                .iter()
                .map(|p| distance_km(c, *p))
                .fold(f64::INFINITY, f64::min);
            return (c, r * 0.7);
        }
        (
            self.centre.unwrap_or(LatLon::new(0.0, 0.0)),
            self.radius_km.unwrap_or(0.0) * 0.8,
        )
    }
}

/// A terrestrial receiving station.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receiver {
    /// Station name, written as the tag block source (`s:`).
    pub name: String,
    /// Position `[lat, lon]`.
    #[serde(deserialize_with = "de_latlon")]
    pub position: LatLon,
    /// Range in km (line of sight from a mast: typically 40-80 km).
    pub range_km: f64,
    /// Periods the station hears nothing (power, link or software failures).
    #[serde(default)]
    pub outages: Vec<Outage>,
}

/// A period a receiving station is down.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outage {
    /// Start.
    #[serde(deserialize_with = "de_time")]
    pub from: Seconds,
    /// Length, hours.
    pub hours: f64,
}

/// Random background traffic between ports.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Background {
    /// Number of vessels (overridden by `--background`).
    #[serde(default)]
    pub count: usize,
    /// Names of the areas background vessels sail between (at least two).
    #[serde(default)]
    pub ports: Vec<String>,
}

/// Transponder class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
pub enum Class {
    /// Class A (SOLAS ships).
    #[default]
    A,
    /// Class B (CS).
    B,
}

impl Class {
    /// `A` or `B`, as the truth file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::A => "A",
            Class::B => "B",
        }
    }
}

/// A scripted vessel.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VesselSpec {
    /// Ship name (up to 20 characters in AIS).
    pub name: String,
    /// MMSI.
    pub mmsi: u32,
    /// IMO number (0 = none).
    #[serde(default)]
    pub imo: u32,
    /// Call sign.
    #[serde(default)]
    pub callsign: String,
    /// AIS ship type code (70 = cargo).
    #[serde(default = "default_ship_type")]
    pub ship_type: u8,
    /// Transponder class.
    #[serde(default)]
    pub class: Class,
    /// Length overall, m.
    #[serde(default = "default_length")]
    pub length_m: f64,
    /// Beam, m.
    #[serde(default = "default_beam")]
    pub beam_m: f64,
    /// Draught when loaded, m.
    #[serde(default = "default_laden")]
    pub draught_laden_m: f64,
    /// Draught in ballast, m.
    #[serde(default = "default_ballast")]
    pub draught_ballast_m: f64,
    /// Service speed, knots.
    #[serde(default = "default_speed")]
    pub speed_kn: f64,
    /// Destination field in static reports.
    #[serde(default)]
    pub destination: String,
    /// Where the vessel is at the start: an area name (berthed there) or `[lat, lon]`.
    pub start_at: Place,
    /// Containers on board at the start.
    #[serde(default)]
    pub cargo: u32,
    /// Whether the transponder is on at the start (default true).
    #[serde(default = "default_true")]
    pub ais_on: bool,
    /// The script, executed in order.
    #[serde(default)]
    pub script: Vec<Step>,
    /// The IMO is that of a scrapped or lost ship (a "zombie" identity; the truth records a
    /// `spoofing` event of kind `zombie` while its static reports are received).
    #[serde(default)]
    pub zombie: bool,
}

fn default_ship_type() -> u8 {
    70
}
fn default_length() -> f64 {
    100.0
}
fn default_beam() -> f64 {
    16.0
}
fn default_laden() -> f64 {
    6.5
}
fn default_ballast() -> f64 {
    4.0
}
fn default_speed() -> f64 {
    11.0
}
fn default_true() -> bool {
    true
}

/// An area name or a position.
#[derive(Debug, Clone)]
pub enum Place {
    /// A named area.
    Area(String),
    /// A position.
    Point(LatLon),
}

impl<'de> Deserialize<'de> for Place {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Name(String),
            Pair([f64; 2]),
        }
        match Raw::deserialize(d)
            .map_err(|_| D::Error::custom("expected an area name or [lat, lon]"))?
        {
            Raw::Name(n) => Ok(Place::Area(n)),
            Raw::Pair([lat, lon]) => checked(lat, lon)
                .map(Place::Point)
                .map_err(D::Error::custom),
        }
    }
}

/// A duration in hours: a number or a `[low, high]` range drawn uniformly.
#[derive(Debug, Clone, Copy)]
pub struct Hours(pub f64, pub f64);

impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (lo, hi) = de_range(d)?;
        Ok(Hours(lo, hi))
    }
}

/// A count: a number or a `[low, high]` range drawn uniformly.
#[derive(Debug, Clone, Copy)]
pub struct Count(pub u32, pub u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (lo, hi) = de_range(d)?;
        Ok(Count(lo as u32, hi as u32))
    }
}

fn de_range<'de, D: Deserializer<'de>>(d: D) -> Result<(f64, f64), D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        One(f64),
        Two([f64; 2]),
    }
    let (lo, hi) = match Raw::deserialize(d)
        .map_err(|_| D::Error::custom("expected a number or [low, high]"))?
    {
        Raw::One(v) => (v, v),
        Raw::Two([a, b]) => (a, b),
    };
    if !(lo.is_finite() && hi.is_finite() && lo >= 0.0 && hi >= lo) {
        return Err(D::Error::custom("expected 0 <= low <= high"));
    }
    Ok((lo, hi))
}

/// How long a timed step lasts: `hours` or `until` a time.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Duration {
    /// Duration in hours (number or range).
    #[serde(default)]
    pub hours: Option<Hours>,
    /// Absolute end time (RFC 3339).
    #[serde(default, deserialize_with = "de_opt_time")]
    pub until: Option<Seconds>,
}

/// One script step. Each is an inline table whose first key names the action.
#[derive(Debug, Clone)]
pub enum Step {
    /// `{ berth = "AREA", hours | until, load = N | [lo, hi], unload = true, draught = M, anchored = false }`:
    /// sail to the area if elsewhere, then moor (or anchor) there; loading changes the draught
    /// reported after departure.
    Berth(Berth),
    /// `{ sail_to = "AREA" | [lat, lon], speed_kn = V }`.
    SailTo {
        /// Destination.
        to: Place,
        /// Speed over this leg (default: service speed).
        speed_kn: Option<f64>,
    },
    /// `{ loiter = "AREA" | [lat, lon], hours | until, radius_km = R }`: slow drift at sea.
    Loiter {
        /// Where.
        at: Place,
        /// How long.
        duration: Duration,
        /// Drift circle radius.
        radius_km: f64,
    },
    /// `{ meet = "OTHER VESSEL", at = [lat, lon], hours = H }`: both vessels need the step; the
    /// first to arrive waits (drifting), then they lie alongside at low speed for `hours`.
    Meet {
        /// The other vessel's name in the scenario.
        with: String,
        /// Meeting point.
        at: LatLon,
        /// Time alongside.
        hours: Hours,
    },
    /// `{ ais = "off" | "on", hours = H }`: switch the transponder (for `hours` if given).
    Ais {
        /// New state.
        on: bool,
        /// Revert after this long.
        hours: Option<Hours>,
    },
    /// `{ change = { name, callsign, imo, mmsi, flag } }`: new identity from now on. A new flag
    /// without an MMSI gets a new MMSI with that flag's MID.
    Change(IdentityChange),
    /// `{ spoof = "jump" | "track" | "circle", ... }`: false positions from now on for a while,
    /// while the real ship carries on with the next steps.
    Spoof(Spoof),
    /// `{ wait = true, hours | until }`: stay where you are (moored if in an area).
    Wait(Duration),
    /// `{ absence = "yard" | "trade" | "wait", at = "AREA" | [lat, lon], days = D | [lo, hi],
    /// chance = P }`: with probability `chance` (default 1) the vessel leaves for `at` and stays
    /// there (berthed in an area, drifting at a point) for `days`, recorded in the truth's
    /// `absences`; otherwise the step takes no time.
    Absence(Absence),
    /// `{ repeat = N, steps = [...] }`.
    Repeat {
        /// Times to repeat.
        times: u32,
        /// The steps.
        steps: Vec<Step>,
    },
}

/// Parameters of a berth step.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Berth {
    /// Area name.
    pub berth: String,
    /// Duration in hours (number or range).
    #[serde(default)]
    pub hours: Option<Hours>,
    /// Absolute end time (RFC 3339).
    #[serde(default, deserialize_with = "de_opt_time")]
    pub until: Option<Seconds>,
    /// Containers loaded.
    #[serde(default)]
    pub load: Option<Count>,
    /// Unload everything.
    #[serde(default)]
    pub unload: bool,
    /// Draught reported after departure (default: laden if cargo on board, else ballast).
    #[serde(default)]
    pub draught: Option<f64>,
    /// At anchor rather than moored.
    #[serde(default)]
    pub anchored: bool,
}

impl Berth {
    /// The step's duration.
    pub fn duration(&self) -> Duration {
        Duration {
            hours: self.hours,
            until: self.until,
        }
    }
}

/// Parameters of an absence step: time away from the vessel's usual trade.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Absence {
    /// Why: `yard`, `trade`, `wait` (free text, copied to the truth).
    pub absence: String,
    /// Where the vessel goes.
    pub at: Place,
    /// How long it stays there, days (number or range).
    pub days: Hours,
    /// Probability that the absence happens at all.
    #[serde(default = "certain")]
    pub chance: f64,
}

fn certain() -> f64 {
    1.0
}

/// New identity fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityChange {
    /// New name.
    pub name: Option<String>,
    /// New call sign.
    pub callsign: Option<String>,
    /// New IMO.
    pub imo: Option<u32>,
    /// New MMSI.
    pub mmsi: Option<u32>,
    /// New flag (ISO 3166 alpha-2, e.g. `RU`, `KP`, `SL`).
    pub flag: Option<String>,
}

/// A spoofing episode.
#[derive(Debug, Clone)]
pub enum Spoof {
    /// Report one far-away position for `minutes`.
    Jump {
        /// The false position.
        to: LatLon,
        /// How long.
        minutes: f64,
    },
    /// Report a plausible voyage from `from` to `to` at `speed_kn` for `hours`.
    Track {
        /// Start of the fake track.
        from: LatLon,
        /// End of the fake track.
        to: LatLon,
        /// Speed.
        speed_kn: f64,
        /// How long.
        hours: Hours,
    },
    /// Report positions circling `centre` at `radius_km` for `hours`.
    Circle {
        /// Centre.
        centre: LatLon,
        /// Radius.
        radius_km: f64,
        /// Reported speed, knots.
        speed_kn: f64,
        /// How long.
        hours: Hours,
    },
    /// Report positions tracing a regular polygon of `vertices` corners `radius_km` around
    /// `centre`, again and again.
    Pattern {
        /// Centre.
        centre: LatLon,
        /// Distance of the corners from the centre.
        radius_km: f64,
        /// Corners.
        vertices: u32,
        /// Reported speed, knots.
        speed_kn: f64,
        /// How long.
        hours: Hours,
    },
    /// Keep reporting the position of the step's start, with the real speed and course.
    Frozen {
        /// How long.
        hours: Hours,
    },
    /// A second transmitter at `at` sends this vessel's identity with its own position; the
    /// ship carries on reporting truthfully, so the two alternate.
    Rogue {
        /// Where the rogue transmitter is.
        at: LatLon,
        /// How long.
        hours: Hours,
    },
}

impl<'de> Deserialize<'de> for Step {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let table = toml::Table::deserialize(d)?;
        step_from_table(table).map_err(D::Error::custom)
    }
}

fn step_from_table(table: toml::Table) -> Result<Step, String> {
    fn parse<T: serde::de::DeserializeOwned>(t: toml::Table, what: &str) -> Result<T, String> {
        T::deserialize(toml::Value::Table(t)).map_err(|e| format!("{what} step: {}", e.message()))
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SailTo {
        sail_to: Place,
        speed_kn: Option<f64>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Loiter {
        loiter: Place,
        #[serde(default)]
        hours: Option<Hours>,
        #[serde(default, deserialize_with = "de_opt_time")]
        until: Option<Seconds>,
        radius_km: Option<f64>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Meet {
        meet: String,
        #[serde(deserialize_with = "de_latlon")]
        at: LatLon,
        hours: Hours,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Ais {
        ais: String,
        hours: Option<Hours>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Change {
        change: IdentityChange,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawSpoof {
        spoof: String,
        #[serde(default, deserialize_with = "de_opt_latlon")]
        to: Option<LatLon>,
        #[serde(default, deserialize_with = "de_opt_latlon")]
        from: Option<LatLon>,
        #[serde(default, deserialize_with = "de_opt_latlon")]
        centre: Option<LatLon>,
        #[serde(default, deserialize_with = "de_opt_latlon")]
        at: Option<LatLon>,
        minutes: Option<f64>,
        hours: Option<Hours>,
        speed_kn: Option<f64>,
        radius_km: Option<f64>,
        vertices: Option<u32>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wait {
        #[allow(dead_code)]
        wait: bool,
        #[serde(default)]
        hours: Option<Hours>,
        #[serde(default, deserialize_with = "de_opt_time")]
        until: Option<Seconds>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Repeat {
        repeat: u32,
        steps: Vec<Step>,
    }

    let key = [
        "berth", "sail_to", "loiter", "meet", "ais", "change", "spoof", "wait", "absence", "repeat",
    ]
        .into_iter()
        .find(|k| table.contains_key(*k))
        .ok_or_else(|| {
            let keys: Vec<&String> = table.keys().collect();
            format!(
                "step {keys:?} has no action; expected one of berth, sail_to, loiter, meet, ais, change, spoof, wait, absence, repeat"
            )
        })?;
    Ok(match key {
        "berth" => {
            let b: Berth = parse(table, "berth")?;
            need_duration(&b.duration(), "berth")?;
            Step::Berth(b)
        }
        "sail_to" => {
            let s: SailTo = parse(table, "sail_to")?;
            Step::SailTo {
                to: s.sail_to,
                speed_kn: s.speed_kn,
            }
        }
        "loiter" => {
            let l: Loiter = parse(table, "loiter")?;
            let duration = Duration {
                hours: l.hours,
                until: l.until,
            };
            need_duration(&duration, "loiter")?;
            Step::Loiter {
                at: l.loiter,
                duration,
                radius_km: l.radius_km.unwrap_or(1.0),
            }
        }
        "meet" => {
            let m: Meet = parse(table, "meet")?;
            Step::Meet {
                with: m.meet,
                at: m.at,
                hours: m.hours,
            }
        }
        "ais" => {
            let a: Ais = parse(table, "ais")?;
            let on = match a.ais.as_str() {
                "on" => true,
                "off" => false,
                other => {
                    return Err(format!(
                        "ais step: expected \"on\" or \"off\", found {other:?}"
                    ))
                }
            };
            Step::Ais { on, hours: a.hours }
        }
        "change" => Step::Change(parse::<Change>(table, "change")?.change),
        "spoof" => {
            let s: RawSpoof = parse(table, "spoof")?;
            let need =
                |v: Option<LatLon>, k: &str| v.ok_or(format!("spoof {:?} needs `{k}`", s.spoof));
            let hours = s.hours.ok_or(format!("spoof {:?} needs `hours`", s.spoof));
            Step::Spoof(match s.spoof.as_str() {
                "jump" => Spoof::Jump {
                    to: need(s.to, "to")?,
                    minutes: s.minutes.unwrap_or(30.0),
                },
                "track" => Spoof::Track {
                    from: need(s.from, "from")?,
                    to: need(s.to, "to")?,
                    speed_kn: s.speed_kn.unwrap_or(10.0),
                    hours: hours?,
                },
                "circle" => Spoof::Circle {
                    centre: need(s.centre, "centre")?,
                    radius_km: s.radius_km.unwrap_or(2.0),
                    speed_kn: s.speed_kn.unwrap_or(9.0),
                    hours: hours?,
                },
                "pattern" => Spoof::Pattern {
                    centre: need(s.centre, "centre")?,
                    radius_km: s.radius_km.unwrap_or(2.0),
                    vertices: s.vertices.unwrap_or(4).max(3),
                    speed_kn: s.speed_kn.unwrap_or(9.0),
                    hours: hours?,
                },
                "frozen" => Spoof::Frozen { hours: hours? },
                "rogue" => Spoof::Rogue {
                    at: need(s.at, "at")?,
                    hours: hours?,
                },
                other => {
                    return Err(format!(
                        "spoof: expected jump, track, circle, pattern, frozen or rogue, found {other:?}"
                    ))
                }
            })
        }
        "wait" => {
            let w: Wait = parse(table, "wait")?;
            let duration = Duration {
                hours: w.hours,
                until: w.until,
            };
            need_duration(&duration, "wait")?;
            Step::Wait(duration)
        }
        "absence" => {
            let a: Absence = parse(table, "absence")?;
            if !(0.0..=1.0).contains(&a.chance) {
                return Err("absence step: chance must lie between 0 and 1".into());
            }
            Step::Absence(a)
        }
        _ => {
            let r: Repeat = parse(table, "repeat")?;
            Step::Repeat {
                times: r.repeat,
                steps: r.steps,
            }
        }
    })
}

fn need_duration(d: &Duration, what: &str) -> Result<(), String> {
    if d.hours.is_none() && d.until.is_none() {
        return Err(format!("{what} step needs `hours` or `until`"));
    }
    Ok(())
}

/// Errors loading a scenario.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// TOML syntax or a field of the wrong type (with line and column).
    #[error("{0}")]
    Toml(#[from] toml::de::Error),
    /// A reference or value that parses but makes no sense.
    #[error("{0}")]
    Invalid(String),
}

impl Scenario {
    /// Parses and validates a scenario.
    pub fn from_toml(text: &str) -> Result<Self, ScenarioError> {
        let scenario: Scenario = toml::from_str(text)?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// The area with this name.
    pub fn area(&self, name: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.name == name)
    }

    fn validate(&self) -> Result<(), ScenarioError> {
        let bad = |m: String| Err(ScenarioError::Invalid(m));
        if self.end <= self.start {
            return bad("`end` must be after `start`".into());
        }
        let mut names = HashMap::new();
        for a in &self.areas {
            if names.insert(a.name.as_str(), ()).is_some() {
                return bad(format!("area {:?} is defined twice", a.name));
            }
            let circle = a.centre.is_some() && a.radius_km.is_some_and(|r| r > 0.0);
            let poly = a.polygon.as_ref().is_some_and(|p| p.len() >= 3);
            if circle == poly {
                return bad(format!(
                    "area {:?}: give either centre + radius_km > 0, or a polygon of 3+ points",
                    a.name
                ));
            }
        }
        let check_place = |p: &Place, who: &str| match p {
            Place::Area(n) if self.area(n).is_none() => bad(format!("{who}: unknown area {n:?}")),
            _ => Ok(()),
        };
        let mut vessel_names = HashMap::new();
        for v in &self.vessels {
            if vessel_names.insert(v.name.as_str(), ()).is_some() {
                return bad(format!("vessel {:?} is defined twice", v.name));
            }
            if !(100_000_000..=999_999_999).contains(&v.mmsi) {
                return bad(format!(
                    "vessel {:?}: MMSI {} is not 9 digits",
                    v.name, v.mmsi
                ));
            }
            if !(v.speed_kn > 0.0 && v.speed_kn < 40.0) {
                return bad(format!("vessel {:?}: speed_kn must be in (0, 40)", v.name));
            }
            check_place(&v.start_at, &format!("vessel {:?} start_at", v.name))?;
            let mut stack: Vec<&Step> = v.script.iter().collect();
            while let Some(step) = stack.pop() {
                let who = format!("vessel {:?}", v.name);
                match step {
                    Step::Berth(b) => check_place(&Place::Area(b.berth.clone()), &who)?,
                    Step::SailTo { to, .. } => check_place(to, &who)?,
                    Step::Loiter { at, .. } => check_place(at, &who)?,
                    Step::Absence(a) => check_place(&a.at, &who)?,
                    Step::Meet { with, .. }
                        if !self
                            .vessels
                            .iter()
                            .any(|o| &o.name == with && o.name != v.name) =>
                    {
                        return bad(format!("{who}: meet: unknown other vessel {with:?}"));
                    }
                    Step::Change(c) => {
                        if let Some(f) = &c.flag {
                            if crate::identity::mid_for_flag(f).is_none() {
                                return bad(format!("{who}: change: unknown flag {f:?}"));
                            }
                        }
                    }
                    Step::Repeat { steps, .. } => stack.extend(steps.iter()),
                    _ => {}
                }
            }
        }
        for p in &self.background.ports {
            check_place(&Place::Area(p.clone()), "background.ports")?;
        }
        for r in &self.receivers {
            if r.outages.iter().any(|o| o.hours.is_nan() || o.hours <= 0.0) {
                return bad(format!("receiver {:?}: outage hours must be > 0", r.name));
            }
        }
        for z in &self.interference {
            z.validate().map_err(ScenarioError::Invalid)?;
        }
        if self.background.count > 0 && self.background.ports.len() < 2 {
            return bad("background traffic needs at least two background.ports".into());
        }
        Ok(())
    }
}

fn checked(lat: f64, lon: f64) -> Result<LatLon, String> {
    if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) {
        Ok(LatLon::new(lat, lon))
    } else {
        Err(format!("[{lat}, {lon}] is not a [lat, lon] position"))
    }
}

pub(crate) fn de_latlon<'de, D: Deserializer<'de>>(d: D) -> Result<LatLon, D::Error> {
    let [lat, lon] = <[f64; 2]>::deserialize(d)?;
    checked(lat, lon).map_err(D::Error::custom)
}

pub(crate) fn de_opt_latlon<'de, D: Deserializer<'de>>(d: D) -> Result<Option<LatLon>, D::Error> {
    de_latlon(d).map(Some)
}

fn de_opt_polygon<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<LatLon>>, D::Error> {
    let raw = Vec::<[f64; 2]>::deserialize(d)?;
    raw.into_iter()
        .map(|[lat, lon]| checked(lat, lon).map_err(D::Error::custom))
        .collect::<Result<_, _>>()
        .map(Some)
}

pub(crate) fn de_time<'de, D: Deserializer<'de>>(d: D) -> Result<Seconds, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Dt(toml::value::Datetime),
        Text(String),
    }
    let text =
        match Raw::deserialize(d).map_err(|_| D::Error::custom("expected an RFC 3339 time"))? {
            Raw::Dt(dt) => dt.to_string(),
            Raw::Text(s) => s,
        };
    lookout_core::time::parse_time(&text)
        .map(|ms| ms as f64 / 1000.0)
        .map_err(D::Error::custom)
}

fn de_opt_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Seconds>, D::Error> {
    de_time(d).map(Some)
}
