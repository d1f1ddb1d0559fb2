//! Scores `lookout events` on any simulator scenario, the way `tests/accuracy.rs` does: each seed
//! is simulated to NMEA, ingested, run through the events engine with the scenario's areas and
//! the default thresholds, and compared with the truth; prints every miss and the per-type,
//! per-reason and interference-area tables, and exits with status 1 if any measure is below
//! 0.95.
//!
//! ```sh
//! cargo run --release -p lookout-events --features parquet --example score_scenario -- \
//!     examples/dprk-russia/scenario.toml 1,2,3
//! ```

#[path = "../tests/support/pipeline.rs"]
mod pipeline;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: score_scenario SCENARIO.toml [SEEDS, e.g. 1,2,3]");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let seeds: Vec<u64> = args
        .next()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(pipeline::seeds);
    let total = pipeline::score_seeds(&text, &seeds, 3_600_000, &path);
    pipeline::print_tables(&total);
    let below = total
        .by_type
        .iter()
        .map(|(k, s)| (k.to_string(), s))
        .chain(total.by_reason.iter().map(|(k, s)| (k.clone(), s)))
        .chain(std::iter::once((
            "interference_area".to_owned(),
            &total.interference_areas,
        )))
        .filter(|(_, s)| s.precision() < 0.95 || s.recall() < 0.95)
        .map(|(k, _)| k)
        .collect::<Vec<_>>();
    if below.is_empty() && total.went_dark_on_other_reason.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "below 0.95: {below:?}; went_dark on other reasons: {:?}",
            total.went_dark_on_other_reason
        );
        ExitCode::FAILURE
    }
}
