//! `lookout import`: inputs analysts already have (docs/imports.md).
//!
//! - `gfw-events FILE... --out FILE`: Global Fishing Watch events (Events API v3 JSON, Carrier
//!   Vessel Portal or map report CSV) as Lookout events (`.csv`, `.geojson` or `.parquet`).
//! - `detections FILE... --out DIR`: satellite detections matched to a store's AIS, with dark
//!   vessels and, with areas, site sightings as `observations.csv` rows.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use lookout_core::areas::Areas;
use lookout_events::output::EventWriter;
use lookout_imports::detections::{read_detections_file, read_footprints_file};
use lookout_imports::gfw_events;
use lookout_imports::matching::{match_detections, MatchConfig};
use lookout_imports::sightings::{observation_rows, write_outputs};
use lookout_imports::Rejects;
use lookout_project::Project;
use lookout_store::Store;

/// Arguments of `lookout import`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

/// Where areas (and the watchlist) come from.
#[derive(clap::Args)]
struct Places {
    /// A project folder: its areas and watchlist.
    #[arg(long, value_name = "DIR", conflicts_with = "areas")]
    project: Option<PathBuf>,
    /// Areas file (GeoJSON or TOML, as `lookout events --areas`).
    #[arg(long, value_name = "FILE")]
    areas: Option<PathBuf>,
}

impl Places {
    fn load(&self) -> Result<(Areas, Option<Project>)> {
        match (&self.project, &self.areas) {
            (Some(dir), _) => {
                let p = Project::load(dir)?;
                Ok((p.areas.clone(), Some(p)))
            }
            (None, Some(f)) => Ok((
                Areas::from_path(f).with_context(|| format!("areas file {}", f.display()))?,
                None,
            )),
            (None, None) => Ok((Areas::default(), None)),
        }
    }
}

#[derive(clap::Subcommand)]
enum Action {
    /// GFW events (API v3 JSON, Carrier Vessel Portal CSV, map report CSV) as Lookout events.
    GfwEvents {
        /// GFW export files.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        places: Places,
        /// A port visit or gap end this close to an area belongs to it, km.
        #[arg(long, default_value_t = 10.0, value_name = "KM")]
        near_area_km: f64,
        /// Output file: `.csv`, `.geojson` or `.parquet` (the events file format).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Satellite detections (GFW SAR CSV or `time,lat,lon,length,source,scene_id`) matched to
    /// the store's AIS.
    Detections {
        /// Detection CSV files.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Scene footprints (GeoJSON polygons, or CSV with a `footprint_wkt` column).
        #[arg(long, value_name = "FILE")]
        footprints: Vec<PathBuf>,
        /// Store whose AIS the detections are matched to; without it only the providers' own
        /// matches count.
        #[arg(long, value_name = "DIR")]
        store: Option<PathBuf>,
        #[command(flatten)]
        places: Places,
        /// Match radius, km (Skylight's 1.5 km).
        #[arg(long, default_value_t = 1.5, value_name = "KM")]
        max_distance_km: f64,
        /// Interpolate only between fixes at most this far apart, hours.
        #[arg(long, default_value_t = 6.0, value_name = "H")]
        max_bracket_hours: f64,
        /// Extrapolate from one fix at most this far from the image time, minutes.
        #[arg(long, default_value_t = 30.0, value_name = "MIN")]
        max_extrapolation_minutes: f64,
        /// Output folder: detections_matched.csv, dark_vessels.csv/.geojson,
        /// observations_imported.csv.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

fn report(rejects: &Rejects) {
    if rejects.total() > 0 {
        eprintln!("lookout import: rejected rows: {}", rejects.total());
        for line in rejects.report() {
            eprintln!("  {line}");
        }
    }
}

/// Runs `lookout import`.
pub fn run(args: Args) -> Result<ExitCode> {
    match args.action {
        Action::GfwEvents {
            files,
            places,
            near_area_km,
            out,
        } => {
            let (areas, _) = places.load()?;
            let opts = gfw_events::Options {
                areas: Some(&areas),
                near_area_km,
            };
            let (mut events, mut rejects, mut merged) = (Vec::new(), Rejects::default(), 0);
            for f in &files {
                let r = gfw_events::read_file(f, &opts)?;
                eprintln!(
                    "lookout import: {}: {} ({} events)",
                    f.display(),
                    r.format.name(),
                    r.events.len()
                );
                events.extend(r.events);
                merged += r.merged_encounter_sides;
                rejects.merge(r.rejects);
            }
            let mut w = EventWriter::create(&out)?;
            w.write(&events)?;
            let written = w.finish()?;
            eprintln!(
                "lookout import: {written} events written to {} ({merged} encounter sides merged into their pair)",
                out.display()
            );
            report(&rejects);
        }
        Action::Detections {
            files,
            footprints,
            store,
            places,
            max_distance_km,
            max_bracket_hours,
            max_extrapolation_minutes,
            out,
        } => {
            let cfg = MatchConfig {
                max_distance_km,
                max_bracket_hours,
                max_extrapolation_minutes,
                ..MatchConfig::default()
            };
            let (areas, project) = places.load()?;
            let store = store.map(Store::open).transpose()?;
            let (mut detections, mut shapes, mut rejects) =
                (Vec::new(), Vec::new(), Rejects::default());
            for f in &files {
                let (_, r) = read_detections_file(f)?;
                detections.extend(r.detections);
                rejects.merge(r.rejects);
            }
            for f in &footprints {
                let r = read_footprints_file(f)?;
                shapes.extend(r.footprints);
                rejects.merge(r.rejects);
            }
            let outcomes = match_detections(store.as_ref(), detections, &cfg)?;
            let watch = |mmsi: u32| {
                project
                    .as_ref()
                    .and_then(|p| p.vessel_by_mmsi(mmsi))
                    .map(|w| w.name.clone())
            };
            let rows = observation_rows(&outcomes, &shapes, &areas, &watch);
            write_outputs(&out, &outcomes, &rows, &cfg)?;
            let dark = outcomes.iter().filter(|o| o.matched.is_none()).count();
            eprintln!(
                "lookout import: {} detections, {} matched, {dark} dark; {} observation rows; written to {}",
                outcomes.len(),
                outcomes.len() - dark,
                rows.len(),
                out.display()
            );
            report(&rejects);
        }
    }
    Ok(ExitCode::SUCCESS)
}
