//! Simulated imagery observations from a simulator truth file (see `lookout_sim::imagery`).
//!
//! ```text
//! cargo run -p lookout-sim --example simulate_imagery -- TRUTH.json PROJECT_DIR [SEED] [CLEAR] \
//!     [IDENTIFY] [WEATHER_DAYS] [OTHER_SHIPS]
//! ```
//! Images the origin and destination areas of every corridor in `PROJECT_DIR/corridor.toml`,
//! recognising its watchlist vessels, and writes `observations.csv` rows to stdout. A
//! `WEATHER_DAYS` above 1 makes the weather persist and shared by all sites (regional).

use std::collections::BTreeSet;

use lookout_core::truth::Truth;
use lookout_project::Project;
use lookout_sim::imagery::{simulate, ImageryModel};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err(
            "usage: simulate_imagery TRUTH.json PROJECT_DIR [SEED] [CLEAR] [IDENTIFY] \
             [WEATHER_DAYS] [OTHER_SHIPS]"
                .into(),
        );
    }
    let truth: Truth =
        serde_json::from_reader(std::io::BufReader::new(std::fs::File::open(&args[0])?))?;
    // Observations are what we are writing: load the project without them.
    let tmp = std::env::temp_dir().join(format!("lookout-imagery-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    std::fs::copy(
        std::path::Path::new(&args[1]).join("corridor.toml"),
        tmp.join("corridor.toml"),
    )?;
    let project = Project::load(&tmp)?;
    std::fs::remove_dir_all(&tmp)?;
    let sites: BTreeSet<String> = project
        .corridors
        .iter()
        .filter(|c| c.mode == lookout_project::Mode::Sea)
        .flat_map(|c| c.origins.iter().chain(&c.destinations).cloned())
        .collect();
    let number = |i: usize, default: f64| -> Result<f64, std::num::ParseFloatError> {
        args.get(i).map_or(Ok(default), |s| s.parse())
    };
    let defaults = ImageryModel::default();
    let weather_days = number(5, defaults.weather_days)?;
    let model = ImageryModel {
        sites: sites.into_iter().collect(),
        vessels: project.watchlist.iter().map(|w| w.name.clone()).collect(),
        seed: args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(1),
        clear: number(3, defaults.clear)?,
        identify: number(4, defaults.identify)?,
        weather_days,
        regional_weather: weather_days > 1.0,
        other_ships: number(6, defaults.other_ships)?,
        ..defaults
    };
    let n = simulate(&truth, &model, std::io::stdout().lock())?;
    eprintln!("simulate_imagery: {n} rows");
    Ok(())
}
