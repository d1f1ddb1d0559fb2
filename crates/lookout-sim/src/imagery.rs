//! Simulated imagery: the `observations.csv` an analyst would write from daily satellite passes
//! over a scenario whose ground truth (the simulator's `truth.json`) is known. Used to calibrate
//! the ledger (docs/accuracy.md) and to give the bundled example observations consistent with
//! its simulated AIS.
//!
//! Model (parameters in [`ImageryModel`]): each watched site is imaged once a day at a fixed time
//! (sun-synchronous optical satellites such as Planet's pass at about the same local time);
//! the view is clear with probability `clear`, else the row is `site_not_visible`. Weather
//! persists: each day it changes with probability `1 / weather_days` (1: independent days),
//! per site or, with `regional_weather`, for all sites at once. On a clear image every watched
//! vessel in port is seen (`vessel_at_berth`), identified with probability `identify`, and
//! besides them a Poisson number (mean `other_ships`) of unidentified ships of other trades;
//! when nothing is in port the row is `vessel_absent`. A laden ship (its last day at an origin,
//! its first day at a destination) gets a deck count with probability `count`, with a relative
//! counting error of `count_sd`.

use std::collections::HashSet;
use std::io::Write;

use lookout_core::event::EventType;
use lookout_core::time::{format_time, DAY_MS};
use lookout_core::truth::Truth;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Parameters of the imaging model.
#[derive(Debug, Clone)]
pub struct ImageryModel {
    /// Sites imaged.
    pub sites: Vec<String>,
    /// Vessels an analyst can recognise (watchlist names).
    pub vessels: Vec<String>,
    /// Hour (UTC) of the daily pass.
    pub pass_hour_utc: f64,
    /// Probability that a day's image is clear.
    pub clear: f64,
    /// Probability that a vessel in a clear image is identified.
    pub identify: f64,
    /// Probability that a laden vessel in a clear image gets a deck count.
    pub count: f64,
    /// Relative standard deviation of a count.
    pub count_sd: f64,
    /// Mean length of a spell of one weather, days (1: each day drawn afresh).
    pub weather_days: f64,
    /// One weather for all sites (they lie within a few hundred km) rather than one per site.
    pub regional_weather: bool,
    /// Mean number of unidentified ships of other trades in a clear image.
    pub other_ships: f64,
    /// Seed.
    pub seed: u64,
}

impl Default for ImageryModel {
    fn default() -> Self {
        Self {
            sites: Vec::new(),
            vessels: Vec::new(),
            pass_hour_utc: 2.0,
            clear: 0.5,
            identify: 0.9,
            count: 0.5,
            count_sd: 0.08,
            weather_days: 1.0,
            regional_weather: false,
            other_ships: 0.0,
            seed: 1,
        }
    }
}

/// Mixed into the seed so that the imagery's random stream never equals the simulator's: the
/// simulator seeds its first vessel with the bare seed, and sharing that stream tied which legs
/// got a deck count to how much they carried (docs/accuracy.md, Ledger).
const IMAGERY_STREAM: u64 = 0x1A6E_5EED_0B5E_7E0D;

/// Writes simulated observations as `observations.csv`; returns the number of rows.
pub fn simulate(truth: &Truth, model: &ImageryModel, out: impl Write) -> csv::Result<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(model.seed ^ IMAGERY_STREAM);
    let (start, end) = (truth.start_time, truth.end_time);
    let watched: HashSet<&str> = model.vessels.iter().map(String::as_str).collect();
    let visits: Vec<(&str, &str, i64, i64)> = truth
        .events
        .iter()
        .filter(|e| e.event_type == EventType::PortVisit && watched.contains(e.vessel.as_str()))
        .filter_map(|e| {
            Some((
                e.vessel.as_str(),
                e.area.as_deref()?,
                e.start_time,
                e.end_time,
            ))
        })
        .collect();
    let mut w = csv::Writer::from_writer(out);
    w.write_record(lookout_project::OBSERVATION_COLUMNS)?;
    let source = format!(
        "simulated daily optical pass ({:.0}% clear)",
        model.clear * 100.0
    );
    let mut rows = 0;
    let first_day = start.div_euclid(DAY_MS);
    let last_day = (end - 1).div_euclid(DAY_MS);
    // Clear or not, per site (one entry for all with regional weather).
    let mut weather: Vec<Option<bool>> = vec![None; model.sites.len()];
    for day in first_day..=last_day {
        let instant = day * DAY_MS + (model.pass_hour_utc * 3_600_000.0) as i64;
        if instant < start || instant >= end {
            continue;
        }
        let when = format_time(instant);
        for (i, site) in model.sites.iter().enumerate() {
            let pass = Pass {
                when: &when,
                site,
                source: &source,
            };
            let slot = if model.regional_weather { 0 } else { i };
            let persists = model.weather_days > 1.0
                && weather[slot].is_some()
                && (i > 0 && model.regional_weather
                    || rng.random::<f64>() >= 1.0 / model.weather_days);
            if !persists {
                weather[slot] = Some(rng.random::<f64>() < model.clear);
            }
            if weather[slot] != Some(true) {
                pass.row(&mut w, "site_not_visible", "", ["", "", ""], "")?;
                rows += 1;
                continue;
            }
            let present: Vec<_> = visits
                .iter()
                .filter(|v| v.1 == site && v.2 <= instant && instant < v.3)
                .collect();
            let others = if model.other_ships > 0.0 {
                poisson(model.other_ships, &mut rng)
            } else {
                0
            };
            for _ in 0..others {
                pass.row(
                    &mut w,
                    "vessel_at_berth",
                    "",
                    ["", "", ""],
                    "unidentified ship of another trade",
                )?;
                rows += 1;
            }
            if present.is_empty() && others == 0 {
                pass.row(&mut w, "vessel_absent", "", ["", "", ""], "")?;
                rows += 1;
            }
            for (vessel, _, _, _) in present {
                let identified = rng.random::<f64>() < model.identify;
                let name = if identified { *vessel } else { "" };
                pass.row(
                    &mut w,
                    "vessel_at_berth",
                    name,
                    ["", "", ""],
                    if identified {
                        ""
                    } else {
                        "unidentified cargo ship"
                    },
                )?;
                rows += 1;
                if !identified {
                    continue;
                }
                // Laden: the last day before leaving an origin, the first day at a destination.
                let laden = truth.voyages.iter().find(|v| {
                    v.vessel == *vessel
                        && v.cargo_containers > 0
                        && ((v.origin == *site
                            && v.depart_time > instant
                            && v.depart_time - instant <= DAY_MS)
                            || (v.destination == *site
                                && instant >= v.arrive_time
                                && instant - v.arrive_time <= DAY_MS))
                });
                if let Some(v) = laden {
                    if rng.random::<f64>() < model.count {
                        let truth_n = f64::from(v.cargo_containers);
                        let z: f64 = {
                            let u1: f64 = rng.random::<f64>().max(1e-300);
                            let u2: f64 = rng.random();
                            (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
                        };
                        let n = (truth_n * (1.0 + model.count_sd * z)).round().max(0.0);
                        let half = (n * model.count_sd * 1.645).ceil();
                        pass.row(
                            &mut w,
                            "containers_on_deck",
                            vessel,
                            [
                                &format!("{n}"),
                                &format!("{}", (n - half).max(0.0)),
                                &format!("{}", n + half),
                            ],
                            "",
                        )?;
                        rows += 1;
                    }
                }
            }
        }
    }
    w.flush()?;
    Ok(rows)
}

/// One site's pass: what every row of its image shares.
struct Pass<'a> {
    when: &'a str,
    site: &'a str,
    source: &'a str,
}

impl Pass<'_> {
    /// Writes one observation row of this pass.
    fn row<W: Write>(
        &self,
        w: &mut csv::Writer<W>,
        kind: &str,
        vessel: &str,
        [count, low, high]: [&str; 3],
        note: &str,
    ) -> csv::Result<()> {
        w.write_record([
            self.when,
            self.site,
            kind,
            vessel,
            count,
            low,
            high,
            self.source,
            "",
            note,
            "simulated",
        ])
    }
}

/// A Poisson draw (Knuth's product of uniforms; small means only).
fn poisson(mean: f64, rng: &mut ChaCha8Rng) -> usize {
    let limit = (-mean).exp();
    let (mut k, mut p) = (0, rng.random::<f64>());
    while p > limit {
        k += 1;
        p *= rng.random::<f64>();
    }
    k
}

/// True containers delivered on legs from `origins` to `destinations` arriving in `[from, to)`.
pub fn true_total(
    truth: &Truth,
    origins: &[String],
    destinations: &[String],
    from: i64,
    to: i64,
) -> f64 {
    truth
        .voyages
        .iter()
        .filter(|v| origins.contains(&v.origin) && destinations.contains(&v.destination))
        .filter(|v| v.arrive_time >= from && v.arrive_time < to)
        .map(|v| f64::from(v.cargo_containers))
        .sum()
}
