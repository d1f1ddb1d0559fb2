//! The project folder: `corridor.toml` (areas, corridors, watchlist, AIS inputs, ledger
//! settings), `observations.csv` (what analysts saw, mostly in satellite images), `claims.csv`
//! (published quantitative claims) and an optional sanctions list (`*.ftm.jsonl`). Every problem
//! is reported with its file, line and field; loading collects them all before failing.
//! The format is documented in `docs/ledger.md`.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use lookout_core::areas::{AreaSpec, Areas};
pub use lookout_core::provenance::Provenance;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use lookout_core::time::{parse_span, parse_time};
use lookout_sanctions::SanctionsList;

/// One problem in a project file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// File name inside the project folder.
    pub file: String,
    /// Line number (1-based), 0 when the problem concerns the whole file.
    pub line: usize,
    /// Field (column or key path).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.field.is_empty()) {
            (0, true) => write!(f, "{}: {}", self.file, self.message),
            (0, false) => write!(f, "{}: {}: {}", self.file, self.field, self.message),
            (l, true) => write!(f, "{}:{}: {}", self.file, l, self.message),
            (l, false) => write!(f, "{}:{}: {}: {}", self.file, l, self.field, self.message),
        }
    }
}

/// All problems found while loading a project.
#[derive(Debug, thiserror::Error)]
pub struct ProjectError(pub Vec<Problem>);

impl fmt::Display for ProjectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} problem(s) in the project folder:", self.0.len())?;
        for p in &self.0 {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

/// Transport mode of a corridor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Ships between ports.
    Sea,
    /// Trains between rail yards or across a border crossing.
    Rail,
}

/// Cargo per voyage when nothing was counted: a 90% range and a central value, with its source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Prior {
    /// 5th percentile.
    pub low: f64,
    /// Central value.
    pub central: f64,
    /// 95th percentile.
    pub high: f64,
    /// Where the numbers come from.
    #[serde(default)]
    pub source: String,
}

/// The yard stock-and-flow model of a rail corridor (`[corridors.yard]`): how yard snapshots
/// (railcars counted in a yard, no train named) become railcars moved per week. Every default
/// and its source is in `docs/ledger.md` ("Rail: yard snapshots").
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct YardSettings {
    /// 90% range of the mean time a railcar spends in one of the corridor's yards, days
    /// (log-normal).
    pub dwell_days_low: f64,
    /// Upper end of that range.
    pub dwell_days_high: f64,
    /// Where the dwell range comes from.
    pub dwell_source: String,
    /// Standard deviation of the log of the railcar flow from one week to the next.
    pub flow_change: f64,
    /// The line's capacity, railcars a day (both directions): no week's flow exceeds it.
    pub max_railcars_per_day: f64,
    /// Where the capacity comes from.
    pub capacity_source: String,
    /// Range of containers per railcar in the yards (uniform), over every kind of car counted.
    pub containers_per_car_low: f64,
    /// Upper end of that range.
    pub containers_per_car_high: f64,
    /// Where the containers per car come from.
    pub containers_source: String,
    /// Range of tonnes of goods per railcar (uniform).
    pub tonnes_per_car_low: f64,
    /// Upper end of that range.
    pub tonnes_per_car_high: f64,
    /// Where the tonnes per car come from.
    pub tonnes_source: String,
}

impl Default for YardSettings {
    fn default() -> Self {
        Self {
            dwell_days_low: 1.0,
            dwell_days_high: 6.0,
            dwell_source: "CAREC CPMM: average rail border-crossing time 21-52 hours a year \
                           (2019-2022), single delays of 5 days; assumption: a yard with gauge \
                           change and inspection holds a car 1 to 6 days"
                .into(),
            flow_change: 0.5,
            max_railcars_per_day: 400.0,
            capacity_source: "RZD: Khasan-Rajin line designed for up to 5 million t a year; \
                              TASS 2014: 9,000 t in two 65-wagon trains (69 t a wagon): ~200 \
                              loaded cars a day, doubled for the empties returning"
                .into(),
            containers_per_car_low: 0.1,
            containers_per_car_high: 2.0,
            containers_source: "a 1520 mm container flatcar carries one 40 ft or two 20 ft \
                                containers (Uniwagon 13-6724); ore, tank and box cars carry none \
                                (CSIS, 2024-06-17: 175 ore, 66 tank, 14 box of 258 at Tumangang)"
                .into(),
            tonnes_per_car_low: 20.0,
            tonnes_per_car_high: 69.0,
            tonnes_source: "a 20 ft container holds 21-30 t (containerhandbuch.de); a coal \
                            wagon 69 t (TASS 2014: 9,000 t in 130 wagons)"
                .into(),
        }
    }
}

impl YardSettings {
    /// What is wrong with the settings, if anything.
    fn problem(&self) -> Option<&'static str> {
        let ranges = [
            (self.dwell_days_low, self.dwell_days_high),
            (self.containers_per_car_low, self.containers_per_car_high),
            (self.tonnes_per_car_low, self.tonnes_per_car_high),
        ];
        let ok = ranges
            .iter()
            .all(|(l, h)| l.is_finite() && h.is_finite() && *l >= 0.0 && l <= h)
            && self.dwell_days_low > 0.0
            && self.flow_change > 0.0
            && self.max_railcars_per_day > 0.0;
        (!ok).then_some(
            "needs 0 < dwell_days_low <= dwell_days_high, 0 <= low <= high for containers and \
             tonnes per car, flow_change > 0 and max_railcars_per_day > 0",
        )
    }
}

/// A watched corridor.
#[derive(Debug, Clone, Serialize)]
pub struct Corridor {
    /// Name.
    pub name: String,
    /// `sea` or `rail`.
    pub mode: Mode,
    /// Origin area names.
    pub origins: Vec<String>,
    /// Destination area names.
    pub destinations: Vec<String>,
    /// Cargo unit counted (`containers`, `railcars`).
    pub unit: String,
    /// Cargo per voyage when not observed.
    pub prior: Prior,
    /// Typical round trip (origin arrival to next origin arrival), days, used until the data
    /// show enough single cycles.
    pub cycle_days: f64,
    /// Fastest plausible transit speed, knots.
    pub max_speed_kn: f64,
    /// Typical transit speed, knots: with the distance between the sites it gives how long a
    /// leg keeps a ship out of sight.
    pub speed_kn: f64,
    /// The yard stock-and-flow model (rail corridors).
    pub yard: YardSettings,
}

impl Corridor {
    /// True if the area is one of the origins.
    pub fn is_origin(&self, area: &str) -> bool {
        self.origins.iter().any(|a| a == area)
    }
    /// True if the area is one of the destinations.
    pub fn is_destination(&self, area: &str) -> bool {
        self.destinations.iter().any(|a| a == area)
    }
}

/// A vessel to follow, with the identifiers that tie AIS, imagery and sanctions lists together.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchVessel {
    /// Name as written in observations.
    pub name: String,
    /// IMO number.
    #[serde(default)]
    pub imo: Option<u32>,
    /// MMSIs the vessel used.
    #[serde(default)]
    pub mmsi: Vec<u32>,
    /// Flag (ISO 3166-1 alpha-2).
    #[serde(default)]
    pub flag: Option<String>,
    /// Other names (spellings in reports, former names).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Note on where the identifiers come from.
    #[serde(default)]
    pub note: String,
}

/// Where the AIS comes from.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AisInputs {
    /// Files, directories or globs `lookout ingest` reads, relative to the project folder.
    #[serde(default)]
    pub inputs: Vec<String>,
    /// A simulator scenario (relative path) used when none of the inputs exists: the AIS is then
    /// generated deterministically into the output folder.
    #[serde(default)]
    pub simulate: Option<String>,
    /// Seed for the simulated AIS (default: the scenario's).
    #[serde(default)]
    pub seed: Option<u64>,
    /// A CSV column mapping (relative path, `docs/imports.md`) for CSV inputs in neither the DMA
    /// nor the MarineCadastre layout.
    #[serde(default)]
    pub csv_mapping: Option<String>,
    /// The project's own store (relative path; default `store`): `lookout watch` appends
    /// what its feeds receive there, and `lookout analyze` reads it with the inputs.
    #[serde(default)]
    pub store: Option<String>,
}

/// The project's store folder when `[ais] store` does not name one.
pub const DEFAULT_STORE: &str = "store";

/// A live AIS feed that `lookout watch` follows (`[[feed]]` in `corridor.toml`).
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// Name shown in the feed health table (default: the URL).
    pub name: String,
    /// Where the lines come from.
    pub source: FeedSource,
    /// What the lines hold.
    pub format: FeedFormat,
    /// A file holding the aisstream.io API key sent in the subscription (websocket feeds).
    pub api_key_file: Option<PathBuf>,
    /// Subscription bounding boxes, `[[lat, lon], [lat, lon]]` corners (websocket feeds;
    /// default: the whole world).
    pub bounding_boxes: Vec<[[f64; 2]; 2]>,
    /// A file of certificates (PEM) trusted for a `wss://` feed besides the built-in web roots:
    /// a private certificate authority or the server's self-signed certificate.
    pub ca_file: Option<PathBuf>,
    /// Line of the entry in `corridor.toml`.
    pub line: usize,
}

/// Where a feed's lines come from.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedSource {
    /// `tcp://HOST:PORT`: a client that reconnects with backoff.
    Tcp(String),
    /// `udp://ADDR:PORT`: a listener.
    Udp(String),
    /// `file:PATH`: a file that grows, followed like `tail -F` (across rotation); relative paths
    /// are inside the project folder.
    File(PathBuf),
    /// `stdin` (or `-`).
    Stdin,
    /// `ws://` or `wss://`: a websocket client.
    WebSocket(String),
}

/// What a feed's lines hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedFormat {
    /// NMEA 0183 sentences, with tag blocks or not (the default except for websockets).
    Nmea,
    /// aisstream.io JSON messages (`MessageType`, `MetaData`, `Message`; the default for
    /// websockets).
    Aisstream,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedEntry {
    #[serde(default)]
    name: Option<String>,
    url: String,
    #[serde(default)]
    format: Option<FeedFormat>,
    #[serde(default)]
    api_key_file: Option<String>,
    #[serde(default)]
    bounding_boxes: Vec<[[f64; 2]; 2]>,
    #[serde(default)]
    ca_file: Option<String>,
}

impl FeedEntry {
    /// The feed, or the field that is wrong and why.
    fn feed(self, dir: &Path, line: usize) -> Result<Feed, (&'static str, String)> {
        let url = self.url.trim();
        let source = if url == "stdin" || url == "-" {
            FeedSource::Stdin
        } else if let Some(addr) = url.strip_prefix("tcp://") {
            FeedSource::Tcp(host_port(addr)?)
        } else if let Some(addr) = url.strip_prefix("udp://") {
            FeedSource::Udp(host_port(addr)?)
        } else if let Some(path) = url.strip_prefix("file://").or(url.strip_prefix("file:")) {
            if path.is_empty() {
                return Err(("url", "file: needs a path".into()));
            }
            FeedSource::File(dir.join(path))
        } else if url.starts_with("ws://") || url.starts_with("wss://") {
            FeedSource::WebSocket(url.to_owned())
        } else {
            return Err((
                "url",
                format!("{url:?}: use tcp://HOST:PORT, udp://ADDR:PORT, file:PATH, stdin, ws:// or wss://"),
            ));
        };
        for b in &self.bounding_boxes {
            if b.iter()
                .any(|[lat, lon]| lat.abs() > 90.0 || lon.abs() > 180.0)
            {
                return Err((
                    "bounding_boxes",
                    "corners must be [lat, lon] in degrees".into(),
                ));
            }
        }
        let websocket = matches!(source, FeedSource::WebSocket(_));
        if !websocket && (self.api_key_file.is_some() || !self.bounding_boxes.is_empty()) {
            return Err((
                "api_key_file",
                "api_key_file and bounding_boxes apply to websocket feeds only".into(),
            ));
        }
        if self.ca_file.is_some() && !url.starts_with("wss://") {
            return Err(("ca_file", "ca_file applies to wss:// feeds only".into()));
        }
        Ok(Feed {
            name: self.name.unwrap_or_else(|| url.to_owned()),
            format: self.format.unwrap_or(if websocket {
                FeedFormat::Aisstream
            } else {
                FeedFormat::Nmea
            }),
            source,
            api_key_file: self.api_key_file.map(|f| dir.join(f)),
            bounding_boxes: self.bounding_boxes,
            ca_file: self.ca_file.map(|f| dir.join(f)),
            line,
        })
    }
}

/// `HOST:PORT` with a port number.
fn host_port(addr: &str) -> Result<String, (&'static str, String)> {
    match addr.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => {
            Ok(addr.to_owned())
        }
        _ => Err(("url", format!("{addr:?} is not HOST:PORT"))),
    }
}

/// Ledger settings: the Monte Carlo, the cargo model and the priors of the state model that
/// follows each watched ship day by day. Every default and its source is in `docs/ledger.md`
/// (table "Priors and settings").
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LedgerSettings {
    /// Monte Carlo draws behind every interval.
    pub draws: usize,
    /// Seed of the draws (results are reproducible).
    pub seed: u64,
    /// Relative error (90%) of an imagery count given without `count_low`/`count_high`.
    pub count_error: f64,
    /// Spread (relative standard deviation) of the fleet-wide mean cargo per voyage shared by
    /// all voyages without counts: the published per-voyage averages differ by this much.
    pub prior_mean_error: f64,
    /// Relative spread (sd) of the mean cargo from one 30-day period to another. Voyages whose
    /// cargo is inferred from other voyages' counts share a shift of sd `selection_error` times
    /// how far the counted legs fall in other periods than the inferred ones (clear days, and
    /// so counts, cluster by season; docs/ledger.md, "Pooled counts").
    pub selection_error: f64,
    /// Floor of the leg-to-leg spread of cargo in the pooled model, as a fraction of the mean
    /// count (a few counts that happen to agree must not make every voyage identical).
    pub min_leg_spread: f64,
    /// Accepted so that older project files load; no longer used: the state model decides
    /// which sightings belong to one stay.
    pub stay_merge_hours: f64,
    /// Shortest stay at a corridor site, hours: the state model gives shorter stays no weight
    /// (at least one day, the model's step).
    pub min_stay_hours: f64,
    /// Chance that a watched ship at a site in a clear image is identified by name.
    pub identify_chance: f64,
    /// Chance that an identified sighting names a ship that was not there.
    pub misidentify_chance: f64,
    /// Chance that a ship at a site in a clear image is not seen at all (no row for it).
    pub overlook_chance: f64,
    /// Chance that an AIS port visit places the ship where it was not (spoofing, a shared MMSI).
    pub ais_error: f64,
    /// Chance that a ship whose AIS went silent (or came back) near a site was not at the site
    /// that day.
    pub gap_end_error: f64,
    /// Chance that a ship leaving a destination (unloaded) leaves the corridor (shipyard, other
    /// cargo, waiting elsewhere) instead of sailing back for the next load; learned from the
    /// data with this prior, worth `prior_cycles` cycles.
    pub absence_chance: f64,
    /// Chance that a ship leaving an origin (loaded) leaves the corridor instead of sailing the
    /// leg: a laden ship rarely does; learned from the data with this prior, worth
    /// `prior_cycles` cycles.
    pub laden_absence_chance: f64,
    /// 90% range of the length of an absence, days (log-normal); also the length of a stay at a
    /// site when a ship is laid up there.
    pub absence_days_low: f64,
    /// Upper end of that range.
    pub absence_days_high: f64,
    /// Chance that a stay at a corridor site is a lay-up (length as an absence) rather than a
    /// call; learned with this prior, worth `prior_cycles` stays.
    pub parked_chance: f64,
    /// Chance that a ship coming back from elsewhere calls at a destination first (not a leg);
    /// learned from the data with this prior, worth `prior_returns` returns.
    pub return_to_destination_chance: f64,
    /// Chance that a ship is away from the corridor at the start of the window; learned from
    /// the data with this prior, worth `prior_returns` ships.
    pub start_away_chance: f64,
    /// Weight of the two prior chances above, in returns (or ships) of evidence.
    pub prior_returns: f64,
    /// Weight of the prior chances above, in cycles (or stays) of evidence.
    pub prior_cycles: f64,
    /// Spread (standard deviation of the log) of the prior on a corridor's mean stay around
    /// what its `cycle_days` implies.
    pub cycle_prior_spread: f64,
    /// Spread (standard deviation of the log) of the ships' mean stays around the corridor's.
    pub ship_stay_spread: f64,
    /// Prior guess of the stay-to-stay spread (standard deviation of the log) of one ship.
    pub stay_spread: f64,
    /// Chance that a transit takes longer than sailing time (waiting off the port, weather).
    pub transit_delay_chance: f64,
    /// Mean extra days of such a delay.
    pub transit_delay_days: f64,
    /// Sea route length over straight-line distance.
    pub route_factor: f64,
    /// Gibbs sweeps of the state model after burn-in (each gives `draws / sweeps` paths; at
    /// most one sweep per 10 draws).
    pub sweeps: usize,
    /// Gibbs sweeps discarded before the draws (at most as many as are kept).
    pub burn_in: usize,
    /// Analysis window start (default: first evidence).
    #[serde(
        default,
        deserialize_with = "de_opt_time",
        serialize_with = "ser_opt_time"
    )]
    pub period_start: Option<i64>,
    /// Analysis window end (default: last evidence).
    #[serde(
        default,
        deserialize_with = "de_opt_time",
        serialize_with = "ser_opt_time"
    )]
    pub period_end: Option<i64>,
}

impl Default for LedgerSettings {
    fn default() -> Self {
        Self {
            draws: 4000,
            seed: 1,
            count_error: 0.15,
            prior_mean_error: 0.10,
            selection_error: 0.04,
            min_leg_spread: 0.10,
            stay_merge_hours: 168.0,
            min_stay_hours: 24.0,
            identify_chance: 0.85,
            misidentify_chance: 0.02,
            overlook_chance: 0.03,
            ais_error: 0.01,
            gap_end_error: 0.02,
            absence_chance: 0.08,
            laden_absence_chance: 0.01,
            absence_days_low: 5.0,
            absence_days_high: 150.0,
            parked_chance: 0.05,
            return_to_destination_chance: 0.2,
            start_away_chance: 0.25,
            prior_returns: 4.0,
            prior_cycles: 12.0,
            cycle_prior_spread: 0.35,
            ship_stay_spread: 0.25,
            stay_spread: 0.3,
            transit_delay_chance: 0.1,
            transit_delay_days: 2.0,
            route_factor: 1.3,
            sweeps: 400,
            burn_in: 100,
            period_start: None,
            period_end: None,
        }
    }
}

fn ser_opt_time<S: serde::Serializer>(t: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(ms) => s.serialize_str(&lookout_core::time::format_time(*ms)),
        None => s.serialize_none(),
    }
}

impl LedgerSettings {
    /// What is wrong with the settings, if anything.
    fn problem(&self) -> Option<String> {
        let chances = [
            ("identify_chance", self.identify_chance),
            ("misidentify_chance", self.misidentify_chance),
            ("overlook_chance", self.overlook_chance),
            ("ais_error", self.ais_error),
            ("gap_end_error", self.gap_end_error),
            ("absence_chance", self.absence_chance),
            ("laden_absence_chance", self.laden_absence_chance),
            ("parked_chance", self.parked_chance),
            (
                "return_to_destination_chance",
                self.return_to_destination_chance,
            ),
            ("start_away_chance", self.start_away_chance),
            ("transit_delay_chance", self.transit_delay_chance),
        ];
        if let Some((k, _)) = chances.iter().find(|(_, v)| !(*v > 0.0 && *v < 1.0)) {
            return Some(format!("{k} must lie strictly between 0 and 1"));
        }
        let positive = [
            ("count_error", self.count_error),
            ("absence_days_low", self.absence_days_low),
            ("prior_cycles", self.prior_cycles),
            ("prior_returns", self.prior_returns),
            ("cycle_prior_spread", self.cycle_prior_spread),
            ("ship_stay_spread", self.ship_stay_spread),
            ("stay_spread", self.stay_spread),
            ("transit_delay_days", self.transit_delay_days),
        ];
        if let Some((k, _)) = positive.iter().find(|(_, v)| !(*v > 0.0 && v.is_finite())) {
            return Some(format!("{k} must be positive"));
        }
        if self.draws < 100 || self.sweeps == 0 {
            return Some("draws >= 100 and sweeps >= 1".into());
        }
        if !(self.prior_mean_error >= 0.0
            && self.selection_error >= 0.0
            && self.min_leg_spread >= 0.0
            && self.min_stay_hours >= 0.0)
        {
            return Some(
                "prior_mean_error >= 0, selection_error >= 0, min_leg_spread >= 0, \
                 min_stay_hours >= 0"
                    .into(),
            );
        }
        if !(self.absence_days_high > self.absence_days_low && self.route_factor >= 1.0) {
            return Some("absence_days_high > absence_days_low and route_factor >= 1".into());
        }
        None
    }
}

fn de_opt_time<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    use serde::de::Error;
    let v = toml::Value::deserialize(d)?;
    let text = match &v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(t) => t.to_string(),
        _ => return Err(D::Error::custom("expected a date")),
    };
    parse_span(&text)
        .map(|(s, _)| Some(s))
        .ok_or_else(|| D::Error::custom(format!("not a date: {text:?}")))
}

/// Kinds of observation rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObsKind {
    /// A vessel moored at the site.
    VesselAtBerth,
    /// Containers counted on a vessel's deck.
    ContainersOnDeck,
    /// Containers counted on the quay (stockpile).
    ContainersOnQuay,
    /// Railcars counted in a yard: a yard snapshot, or with a vessel (an identified train on the
    /// watchlist) a sighting of that train and the count of its railcars.
    RailcarsInYard,
    /// The site was imaged and the vessel (or any watched vessel when none is named) was absent.
    VesselAbsent,
    /// The site was imaged but could not be seen (cloud, night).
    SiteNotVisible,
    /// An AIS position of the named vessel reported by a source (a transponder switched on
    /// briefly), at the site (often a sea area): it places the vessel, but is not an image.
    VesselAis,
}

impl ObsKind {
    /// All kinds with their names.
    pub const ALL: [(ObsKind, &'static str); 7] = [
        (ObsKind::VesselAtBerth, "vessel_at_berth"),
        (ObsKind::ContainersOnDeck, "containers_on_deck"),
        (ObsKind::ContainersOnQuay, "containers_on_quay"),
        (ObsKind::RailcarsInYard, "railcars_in_yard"),
        (ObsKind::VesselAbsent, "vessel_absent"),
        (ObsKind::SiteNotVisible, "site_not_visible"),
        (ObsKind::VesselAis, "vessel_ais"),
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("", |x| x.1)
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n)| *n == s.trim()).map(|x| x.0)
    }

    /// True if the site was actually seen in an image.
    pub fn site_seen(self) -> bool {
        !matches!(self, ObsKind::SiteNotVisible | ObsKind::VesselAis)
    }

    /// True if a row of this kind naming a vessel places it at the site: a sighting, or a count
    /// of its deck or (for an identified train) its railcars.
    pub fn places_vessel(self) -> bool {
        matches!(
            self,
            ObsKind::VesselAtBerth
                | ObsKind::ContainersOnDeck
                | ObsKind::RailcarsInYard
                | ObsKind::VesselAis
        )
    }
}

/// One observation row.
#[derive(Debug, Clone)]
pub struct Observation {
    /// Evidence id: `obs:LINE` (line in `observations.csv`).
    pub id: String,
    /// Time of the image, ms.
    pub time: i64,
    /// Area name.
    pub site: String,
    /// Kind.
    pub kind: ObsKind,
    /// Watchlist vessel name, when identified.
    pub vessel: Option<String>,
    /// Count.
    pub count: Option<f64>,
    /// Low end of the count.
    pub count_low: Option<f64>,
    /// High end of the count.
    pub count_high: Option<f64>,
    /// Imagery provider or reporter.
    pub source: String,
    /// Link.
    pub url: String,
    /// Free text.
    pub note: String,
    /// Real, secondary or simulated (`provenance` column; rows without one are real).
    pub provenance: Provenance,
}

/// How a claim bounds its quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Approximately.
    About,
    /// Strictly more than.
    MoreThan,
    /// At least.
    AtLeast,
    /// At most.
    UpTo,
    /// Exactly.
    Exactly,
    /// What the containers could hold, not what they held.
    CapacityEquivalent,
    /// Not stated.
    Unspecified,
}

impl Qualifier {
    /// All qualifiers with their names.
    pub const ALL: [(Qualifier, &'static str); 7] = [
        (Qualifier::About, "about"),
        (Qualifier::MoreThan, "more_than"),
        (Qualifier::AtLeast, "at_least"),
        (Qualifier::UpTo, "up_to"),
        (Qualifier::Exactly, "exactly"),
        (Qualifier::CapacityEquivalent, "capacity_equivalent"),
        (Qualifier::Unspecified, "unspecified"),
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("", |x| x.1)
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n)| *n == s.trim()).map(|x| x.0)
    }
}

/// The `observations.csv` columns, in order. `provenance` is optional when reading (rows without
/// it are real: an analyst's own file is evidence unless marked otherwise).
pub const OBSERVATION_COLUMNS: [&str; 11] = [
    "time",
    "site",
    "kind",
    "vessel",
    "count",
    "count_low",
    "count_high",
    "source",
    "url",
    "note",
    "provenance",
];

/// The `claims.csv` columns, in order. The first 13 are the ledger's; the last six are written by
/// `lookout claims extract` for the analyst (which file and sentence, the article's date, the
/// direction, on or off the corridor's topic, why) and are optional when reading.
pub const CLAIM_COLUMNS: [&str; 19] = [
    "date",
    "speaker",
    "organization",
    "quantity",
    "quantity_low",
    "quantity_high",
    "qualifier",
    "unit",
    "period_start",
    "period_end",
    "route",
    "statement_summary",
    "source_url",
    "source_file",
    "sentence",
    "article_date",
    "direction",
    "topic",
    "note",
];

/// One published claim (`claims.csv` columns).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, Deserialize)]
pub struct ClaimRow {
    /// Publication date (possibly partial).
    pub date: String,
    /// Who said it.
    pub speaker: String,
    /// Their organization.
    pub organization: String,
    /// The number.
    #[serde(serialize_with = "whole_numbers")]
    pub quantity: Option<f64>,
    /// Low end of a range.
    #[serde(serialize_with = "whole_numbers")]
    pub quantity_low: Option<f64>,
    /// High end of a range.
    #[serde(serialize_with = "whole_numbers")]
    pub quantity_high: Option<f64>,
    /// `about`, `more_than`, ...
    pub qualifier: String,
    /// Unit (`containers`, `artillery_shells`, `voyages`, ...).
    pub unit: String,
    /// Period start (possibly partial).
    pub period_start: String,
    /// Period end (possibly partial).
    pub period_end: String,
    /// Route, e.g. `sea:Rajin->Dunai|Vostochny`, `all`.
    pub route: String,
    /// What was said.
    #[serde(default)]
    pub statement_summary: String,
    /// Source.
    #[serde(default)]
    pub source_url: String,
    /// Text file the claim was extracted from (optional).
    #[serde(default)]
    pub source_file: String,
    /// Sentence number in that file, from 1 (optional).
    #[serde(default)]
    pub sentence: String,
    /// The article's own date, when the statement date differs or is unknown (optional).
    #[serde(default)]
    pub article_date: String,
    /// Country-level direction named in the text, e.g. `North Korea->Russia` (optional).
    #[serde(default)]
    pub direction: String,
    /// `corridor` or `off_topic` (optional; empty is `corridor`).
    #[serde(default)]
    pub topic: String,
    /// How the extractor decided what it did, for the analyst (optional).
    #[serde(default)]
    pub note: String,
}

/// Writes whole numbers without a decimal point (`7000`, not `7000.0`), as `claims.csv` does.
fn whole_numbers<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

/// A claim with its parsed dates.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Evidence id: `claim:LINE`.
    pub id: String,
    /// The row as written.
    pub row: ClaimRow,
    /// Parsed qualifier.
    pub qualifier: Qualifier,
    /// Period `[start, end)`, ms.
    pub period: (i64, i64),
}

/// A loaded, validated project.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder.
    pub dir: PathBuf,
    /// Project name.
    pub name: String,
    /// Areas, with a spatial index.
    pub areas: Areas,
    /// Corridors.
    pub corridors: Vec<Corridor>,
    /// Watchlist.
    pub watchlist: Vec<WatchVessel>,
    /// AIS inputs.
    pub ais: AisInputs,
    /// Live feeds (`lookout watch`).
    pub feeds: Vec<Feed>,
    /// Ledger settings.
    pub settings: LedgerSettings,
    /// Observations, in file order.
    pub observations: Vec<Observation>,
    /// Claims, in file order.
    pub claims: Vec<Claim>,
    /// Sanctions list, if the folder has one.
    pub sanctions: Option<std::sync::Arc<SanctionsList>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorridorFile {
    #[serde(default)]
    name: String,
    #[serde(default)]
    ais: AisInputs,
    #[serde(default)]
    ledger: LedgerSettings,
    #[serde(default)]
    areas: Vec<Spanned<AreaSpec>>,
    #[serde(default)]
    corridors: Vec<Spanned<CorridorEntry>>,
    #[serde(default)]
    watchlist: Vec<Spanned<WatchVessel>>,
    #[serde(default)]
    feed: Vec<Spanned<FeedEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorridorEntry {
    name: String,
    mode: Mode,
    origins: Vec<Spanned<String>>,
    destinations: Vec<Spanned<String>>,
    #[serde(default = "default_unit")]
    unit: String,
    prior: Prior,
    #[serde(default = "default_cycle")]
    cycle_days: f64,
    #[serde(default = "default_speed")]
    max_speed_kn: f64,
    #[serde(default = "default_transit_speed")]
    speed_kn: f64,
    #[serde(default)]
    yard: YardSettings,
}

fn default_unit() -> String {
    "containers".into()
}
fn default_cycle() -> f64 {
    12.0
}
fn default_speed() -> f64 {
    18.0
}
fn default_transit_speed() -> f64 {
    10.0
}

/// Line (1-based) of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Project {
    /// Loads and validates a project folder.
    pub fn load(dir: &Path) -> Result<Project, ProjectError> {
        let mut problems = Vec::new();
        let corridor_path = dir.join("corridor.toml");
        let text = match std::fs::read_to_string(&corridor_path) {
            Ok(t) => t,
            Err(e) => {
                return Err(ProjectError(vec![Problem {
                    file: "corridor.toml".into(),
                    line: 0,
                    field: String::new(),
                    message: format!("cannot read {}: {e}", corridor_path.display()),
                }]))
            }
        };
        let file: CorridorFile = match toml::from_str(&text) {
            Ok(f) => f,
            Err(e) => {
                let line = e.span().map_or(0, |s| line_of(&text, s.start));
                return Err(ProjectError(vec![Problem {
                    file: "corridor.toml".into(),
                    line,
                    field: String::new(),
                    message: e.message().to_owned(),
                }]));
            }
        };
        let mut p = |line: usize, field: String, message: String| {
            problems.push(Problem {
                file: "corridor.toml".into(),
                line,
                field,
                message,
            })
        };
        let mut names = HashSet::new();
        let mut areas = Vec::new();
        for (i, a) in file.areas.iter().enumerate() {
            let line = line_of(&text, a.span().start);
            if !names.insert(a.get_ref().name.clone()) {
                p(
                    line,
                    format!("areas[{i}].name"),
                    format!("duplicate area {:?}", a.get_ref().name),
                );
            }
            match a.get_ref().to_area() {
                Ok(area) if area.kind.trim().is_empty() => {
                    p(line, format!("areas[{i}].kind"), "empty kind".into())
                }
                Ok(area) => areas.push(area),
                Err(m) => p(line, format!("areas[{i}]"), m),
            }
        }
        let mut corridors = Vec::new();
        for (i, c) in file.corridors.into_iter().enumerate() {
            let line = line_of(&text, c.span().start);
            let c = c.into_inner();
            for (key, list) in [("origins", &c.origins), ("destinations", &c.destinations)] {
                if list.is_empty() {
                    p(line, format!("corridors[{i}].{key}"), "empty list".into());
                }
                for a in list {
                    if !names.contains(a.get_ref()) {
                        p(
                            line_of(&text, a.span().start),
                            format!("corridors[{i}].{key}"),
                            format!("unknown area {:?} (not in [[areas]])", a.get_ref()),
                        );
                    }
                }
            }
            let pr = &c.prior;
            if !(pr.low >= 0.0 && pr.low <= pr.central && pr.central <= pr.high) {
                p(
                    line,
                    format!("corridors[{i}].prior"),
                    "needs 0 <= low <= central <= high".into(),
                );
            }
            if let Some(m) = c.yard.problem() {
                p(line, format!("corridors[{i}].yard"), m.into());
            }
            if !(c.cycle_days > 0.0 && c.max_speed_kn > 0.0 && c.speed_kn > 0.0) {
                p(
                    line,
                    format!("corridors[{i}]"),
                    "cycle_days, max_speed_kn and speed_kn must be positive".into(),
                );
            }
            corridors.push(Corridor {
                name: c.name,
                mode: c.mode,
                origins: c.origins.into_iter().map(Spanned::into_inner).collect(),
                destinations: c
                    .destinations
                    .into_iter()
                    .map(Spanned::into_inner)
                    .collect(),
                unit: c.unit,
                prior: c.prior,
                cycle_days: c.cycle_days,
                max_speed_kn: c.max_speed_kn,
                speed_kn: c.speed_kn,
                yard: c.yard,
            });
        }
        if corridors.is_empty() {
            p(0, "corridors".into(), "no [[corridors]] defined".into());
        }
        let mut watchlist = Vec::new();
        for (i, w) in file.watchlist.into_iter().enumerate() {
            let line = line_of(&text, w.span().start);
            let w = w.into_inner();
            if let Some(imo) = w.imo {
                if !lookout_sanctions::imo_valid(imo) {
                    p(
                        line,
                        format!("watchlist[{i}].imo"),
                        format!("IMO {imo} fails the check digit"),
                    );
                }
            }
            if w.name.trim().is_empty() {
                p(line, format!("watchlist[{i}].name"), "empty name".into());
            }
            watchlist.push(w);
        }
        let mut feeds: Vec<Feed> = Vec::new();
        for (i, f) in file.feed.into_iter().enumerate() {
            let line = line_of(&text, f.span().start);
            match f.into_inner().feed(dir, line) {
                Ok(feed) if feeds.iter().any(|g| g.name == feed.name) => p(
                    line,
                    format!("feed[{i}].name"),
                    format!("duplicate feed {:?}", feed.name),
                ),
                Ok(feed) => feeds.push(feed),
                Err((field, message)) => p(line, format!("feed[{i}].{field}"), message),
            }
        }
        if let Some(m) = file.ledger.problem() {
            p(0, "ledger".into(), m);
        }
        let vessel_names: HashSet<String> = watchlist
            .iter()
            .flat_map(|w| std::iter::once(&w.name).chain(&w.aliases))
            .map(|n| n.to_uppercase())
            .collect();
        let observations = read_observations(dir, &names, &vessel_names, &mut problems);
        let claims = read_claims(dir, &mut problems);
        let sanctions = read_sanctions(dir, &mut problems).map(std::sync::Arc::new);
        if !problems.is_empty() {
            return Err(ProjectError(problems));
        }
        Ok(Project {
            dir: dir.to_owned(),
            name: file.name,
            areas: Areas::new(areas),
            corridors,
            watchlist,
            ais: file.ais,
            feeds,
            settings: file.ledger,
            observations,
            claims,
            sanctions,
        })
    }

    /// The watchlist vessel a name (or alias) refers to.
    pub fn vessel_by_name(&self, name: &str) -> Option<&WatchVessel> {
        let n = name.trim().to_uppercase();
        self.watchlist
            .iter()
            .find(|w| w.name.to_uppercase() == n || w.aliases.iter().any(|a| a.to_uppercase() == n))
    }

    /// The watchlist vessel an MMSI belongs to.
    pub fn vessel_by_mmsi(&self, mmsi: u32) -> Option<&WatchVessel> {
        self.watchlist.iter().find(|w| w.mmsi.contains(&mmsi))
    }

    /// The project's store (`[ais] store`, default `PROJECT_DIR/store`): what `lookout watch`
    /// appends to and `lookout analyze` reads besides the inputs.
    pub fn store_dir(&self) -> PathBuf {
        self.dir
            .join(self.ais.store.as_deref().unwrap_or(DEFAULT_STORE))
    }
}

fn csv_problem(file: &str, line: usize, field: &str, message: String) -> Problem {
    Problem {
        file: file.into(),
        line,
        field: field.into(),
        message,
    }
}

/// Reads a CSV with a header into rows of named fields; missing required columns are problems.
fn read_csv(
    path: &Path,
    file: &str,
    required: &[&str],
    problems: &mut Vec<Problem>,
) -> Option<Vec<(usize, HashMap<String, String>)>> {
    let mut reader = match csv::ReaderBuilder::new().flexible(false).from_path(path) {
        Ok(r) => r,
        Err(e) => {
            problems.push(csv_problem(file, 0, "", format!("cannot read: {e}")));
            return None;
        }
    };
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_owned()).collect(),
        Err(e) => {
            problems.push(csv_problem(file, 1, "", format!("bad header: {e}")));
            return None;
        }
    };
    let missing: Vec<&str> = required
        .iter()
        .filter(|c| !header.iter().any(|h| h == *c))
        .copied()
        .collect();
    if !missing.is_empty() {
        problems.push(csv_problem(
            file,
            1,
            "",
            format!("missing column(s): {}", missing.join(", ")),
        ));
        return None;
    }
    let mut rows = Vec::new();
    for rec in reader.records() {
        match rec {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                let map = header
                    .iter()
                    .cloned()
                    .zip(r.iter().map(|s| s.trim().to_owned()))
                    .collect();
                rows.push((line, map));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(csv_problem(file, line, "", e.to_string()));
            }
        }
    }
    Some(rows)
}

fn opt_number(
    row: &HashMap<String, String>,
    key: &str,
    file: &str,
    line: usize,
    problems: &mut Vec<Problem>,
) -> Option<f64> {
    let v = row.get(key).map(String::as_str).unwrap_or("");
    if v.is_empty() {
        return None;
    }
    match v.replace(',', "").parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Some(x),
        _ => {
            problems.push(csv_problem(
                file,
                line,
                key,
                format!("not a non-negative number: {v:?}"),
            ));
            None
        }
    }
}

fn read_observations(
    dir: &Path,
    areas: &HashSet<String>,
    vessels: &HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Vec<Observation> {
    const FILE: &str = "observations.csv";
    let path = dir.join(FILE);
    if !path.exists() {
        return Vec::new();
    }
    let Some(rows) = read_csv(&path, FILE, &["time", "site", "kind"], problems) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (line, row) in rows {
        let get = |k: &str| row.get(k).cloned().unwrap_or_default();
        let mut bad = false;
        let time = match parse_time(&get("time")).ok() {
            Some(t) => t,
            None => {
                problems.push(csv_problem(
                    FILE,
                    line,
                    "time",
                    format!("not an RFC 3339 time or YYYY-MM-DD: {:?}", get("time")),
                ));
                bad = true;
                0
            }
        };
        let site = get("site");
        if !areas.contains(&site) {
            problems.push(csv_problem(
                FILE,
                line,
                "site",
                format!("unknown area {site:?} (not in corridor.toml [[areas]])"),
            ));
            bad = true;
        }
        let kind = ObsKind::parse(&get("kind"));
        if kind.is_none() {
            let names: Vec<_> = ObsKind::ALL.iter().map(|k| k.1).collect();
            problems.push(csv_problem(
                FILE,
                line,
                "kind",
                format!(
                    "unknown kind {:?} (one of {})",
                    get("kind"),
                    names.join(", ")
                ),
            ));
            bad = true;
        }
        let vessel = Some(get("vessel")).filter(|v| !v.is_empty());
        if let Some(v) = &vessel {
            if !vessels.contains(&v.to_uppercase()) {
                problems.push(csv_problem(
                    FILE,
                    line,
                    "vessel",
                    format!("vessel {v:?} is not in the corridor.toml watchlist"),
                ));
                bad = true;
            }
        }
        let count = opt_number(&row, "count", FILE, line, problems);
        let count_low = opt_number(&row, "count_low", FILE, line, problems);
        let count_high = opt_number(&row, "count_high", FILE, line, problems);
        if let (Some(l), Some(h)) = (count_low, count_high) {
            if l > h || count.is_some_and(|c| c < l || c > h) {
                problems.push(csv_problem(
                    FILE,
                    line,
                    "count_low",
                    "needs count_low <= count <= count_high".into(),
                ));
                bad = true;
            }
        }
        let k = kind.unwrap_or(ObsKind::VesselAtBerth);
        if matches!(
            k,
            ObsKind::ContainersOnDeck | ObsKind::ContainersOnQuay | ObsKind::RailcarsInYard
        ) && count.is_none()
            && count_low.is_none()
        {
            problems.push(csv_problem(
                FILE,
                line,
                "count",
                format!("a {} row needs a count", k.as_str()),
            ));
            bad = true;
        }
        let provenance = match get("provenance").trim() {
            "" => Provenance::Real,
            text => Provenance::parse(text).unwrap_or_else(|| {
                problems.push(csv_problem(
                    FILE,
                    line,
                    "provenance",
                    format!("unknown provenance {text:?} (one of real, secondary, simulated)"),
                ));
                bad = true;
                Provenance::Real
            }),
        };
        if matches!(k, ObsKind::ContainersOnDeck | ObsKind::VesselAis) && vessel.is_none() {
            problems.push(csv_problem(
                FILE,
                line,
                "vessel",
                format!("{} needs the vessel", k.as_str()),
            ));
            bad = true;
        }
        if bad {
            continue;
        }
        out.push(Observation {
            id: format!("obs:{line}"),
            time,
            site,
            kind: k,
            vessel,
            count,
            count_low,
            count_high,
            source: get("source"),
            url: get("url"),
            note: get("note"),
            provenance,
        });
    }
    out
}

fn read_claims(dir: &Path, problems: &mut Vec<Problem>) -> Vec<Claim> {
    const FILE: &str = "claims.csv";
    let path = dir.join(FILE);
    if !path.exists() {
        return Vec::new();
    }
    let required = [
        "date",
        "quantity",
        "qualifier",
        "unit",
        "period_start",
        "period_end",
        "route",
    ];
    let Some(rows) = read_csv(&path, FILE, &required, problems) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (line, row) in rows {
        let get = |k: &str| row.get(k).cloned().unwrap_or_default();
        let n0 = problems.len();
        let quantity = opt_number(&row, "quantity", FILE, line, problems);
        let quantity_low = opt_number(&row, "quantity_low", FILE, line, problems);
        let quantity_high = opt_number(&row, "quantity_high", FILE, line, problems);
        let qualifier = Qualifier::parse(&get("qualifier"));
        if qualifier.is_none() {
            let names: Vec<_> = Qualifier::ALL.iter().map(|k| k.1).collect();
            problems.push(csv_problem(
                FILE,
                line,
                "qualifier",
                format!(
                    "unknown {:?} (one of {})",
                    get("qualifier"),
                    names.join(", ")
                ),
            ));
        }
        let date = parse_span(&get("date"));
        if date.is_none() {
            problems.push(csv_problem(
                FILE,
                line,
                "date",
                format!(
                    "not a date (YYYY, YYYY-MM or YYYY-MM-DD): {:?}",
                    get("date")
                ),
            ));
        }
        let mut span = |key: &str| {
            let v = get(key);
            if v.is_empty() {
                return None;
            }
            let s = parse_span(&v);
            if s.is_none() {
                problems.push(csv_problem(FILE, line, key, format!("not a date: {v:?}")));
            }
            s
        };
        let start = span("period_start");
        let end = span("period_end");
        if problems.len() > n0 {
            continue;
        }
        let date = date.unwrap_or((0, 0));
        let period = (
            start.map_or(date.0, |s| s.0),
            end.map_or(date.1, |e| e.1.max(e.0)),
        );
        if period.1 < period.0 {
            problems.push(csv_problem(
                FILE,
                line,
                "period_end",
                "period ends before it starts".into(),
            ));
            continue;
        }
        out.push(Claim {
            id: format!("claim:{line}"),
            row: ClaimRow {
                date: get("date"),
                speaker: get("speaker"),
                organization: get("organization"),
                quantity,
                quantity_low,
                quantity_high,
                qualifier: get("qualifier"),
                unit: get("unit"),
                period_start: get("period_start"),
                period_end: get("period_end"),
                route: get("route"),
                statement_summary: get("statement_summary"),
                source_url: get("source_url"),
                source_file: get("source_file"),
                sentence: get("sentence"),
                article_date: get("article_date"),
                direction: get("direction"),
                topic: get("topic"),
                note: get("note"),
            },
            qualifier: qualifier.unwrap_or(Qualifier::Unspecified),
            period,
        });
    }
    out
}

fn read_sanctions(dir: &Path, problems: &mut Vec<Problem>) -> Option<SanctionsList> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".ftm.jsonl") || n.ends_with(".ftm.json"))
        })
        .collect();
    files.sort();
    let mut list: Option<SanctionsList> = None;
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match std::fs::File::open(&path) {
            Ok(f) => {
                list.get_or_insert_with(SanctionsList::default)
                    .read(std::io::BufReader::new(f), &name);
            }
            Err(e) => problems.push(csv_problem(&name, 0, "", format!("cannot read: {e}"))),
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled simulated example with `feeds` in place of its `[[feed]]`, in a new folder.
    fn with_feeds(feeds: &str) -> Result<Project, ProjectError> {
        let example =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/dprk-russia-simulated");
        let dir = std::env::temp_dir().join(format!(
            "lookout-project-feeds-{}-{}",
            std::process::id(),
            feeds.len()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["observations.csv", "claims.csv", "sanctions.ftm.jsonl"] {
            std::fs::copy(example.join(f), dir.join(f)).unwrap();
        }
        let text = std::fs::read_to_string(example.join("corridor.toml")).unwrap();
        let text = text.replace(
            "[[feed]]\nname = \"corridor-replay\"\nurl = \"tcp://127.0.0.1:5631\"\n",
            feeds,
        );
        std::fs::write(dir.join("corridor.toml"), text).unwrap();
        let p = Project::load(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        p
    }

    #[test]
    fn feeds_are_read_and_checked() {
        let example =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/dprk-russia-simulated");
        let p = Project::load(&example).unwrap();
        assert_eq!(p.feeds.len(), 1);
        assert_eq!(p.feeds[0].source, FeedSource::Tcp("127.0.0.1:5631".into()));
        assert_eq!((p.feeds[0].format, p.feeds[0].line), (FeedFormat::Nmea, 15));
        let p = with_feeds("[[feed]]\nurl = \"file:live/ais.nmea\"\n[[feed]]\nurl = \"wss://stream.aisstream.io/v0/stream\"\napi_key_file = \"key\"\n").unwrap();
        assert!(matches!(&p.feeds[0].source, FeedSource::File(f) if f.ends_with("live/ais.nmea")));
        assert_eq!(
            (p.feeds[1].format, p.feeds[1].name.as_str()),
            (FeedFormat::Aisstream, "wss://stream.aisstream.io/v0/stream")
        );
        let p = with_feeds(
            "[[feed]]\nurl = \"wss://relay.example.org/ais\"\nca_file = \"relay-ca.pem\"\n",
        )
        .unwrap();
        assert!(p.feeds[0]
            .ca_file
            .as_ref()
            .is_some_and(|f| f.ends_with("relay-ca.pem")));
        let err = with_feeds("[[feed]]\nurl = \"ws://127.0.0.1:9000\"\nca_file = \"ca.pem\"\n")
            .unwrap_err();
        assert_eq!(err.0[0].field, "feed[0].ca_file", "{err}");
        let err = with_feeds("[[feed]]\nurl = \"tcp://nowhere\"\n[[feed]]\nurl = \"udp://0.0.0.0:1\"\n[[feed]]\nurl = \"udp://0.0.0.0:1\"\n").unwrap_err();
        let fields: Vec<(usize, &str)> = err.0.iter().map(|p| (p.line, p.field.as_str())).collect();
        assert_eq!(fields, [(15, "feed[0].url"), (19, "feed[2].name")], "{err}");
    }
}
