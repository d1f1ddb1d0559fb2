//! `lookout._native`: the Rust side of the `lookout` Python package (`python/lookout`). Tables
//! cross the boundary as Arrow through the C data interface (`arrow-pyarrow`), so no column is
//! copied and no Python code runs per message; the GIL is released while Rust works. Errors
//! become `lookout.LookoutError` carrying the Rust error's context chain.
//!
//! - `decode`: AIS inputs to the store's `positions` and `statics` tables.
//! - `store`: `Store`, reading a store's tables with file and row-group pruning.
//! - `events`: the event engine over Arrow tables or a store, and the per-vessel shard and
//!   gap hints of the distributed (Spark) run.
//! - `encounters`: the distributed run's encounter search (pairs replayed in Rust).
//! - `links`: the distributed run's identity changes linking two MMSIs (judged in Rust from
//!   the shards' IMO sightings, last sightings and new tracks).
//! - `reasons`: the distributed run's gap reasons (the reception model rebuilt from the shards'
//!   tallies).
//! - `anomalies`: the distributed run's `out_of_range` spoofing, spoofing merge and GNSS
//!   interference areas.
//! - `analyze`, `simulate`, `extract_claims`, `parse_time`: the pipeline, the simulator, the
//!   claims extractor and the CLI's time syntax.

use std::path::PathBuf;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

mod anomalies;
mod decode;
mod encounters;
mod events;
mod links;
mod reasons;
mod store;

create_exception!(
    _native,
    LookoutError,
    PyException,
    "An error from Lookout's Rust core; the message carries its context (file, line, field)."
);

/// A Rust error as `LookoutError`, with its whole context chain.
pub(crate) fn py_err(e: impl Into<anyhow::Error>) -> PyErr {
    LookoutError::new_err(format!("{:#}", e.into()))
}

/// A time in the CLI's syntax (RFC 3339, `YYYY-MM-DD` or Unix seconds) as ms since the epoch.
#[pyfunction]
fn parse_time(text: &str) -> PyResult<i64> {
    lookout_core::time::parse_time(text).map_err(|e| py_err(anyhow::anyhow!("time {text:?}: {e}")))
}

/// Runs `lookout analyze` on a project folder; returns the run summary as JSON.
#[pyfunction]
#[pyo3(signature = (project_dir, out, seed=None))]
fn analyze(
    py: Python<'_>,
    project_dir: PathBuf,
    out: PathBuf,
    seed: Option<u64>,
) -> PyResult<String> {
    py.detach(|| {
        let project = lookout_project::Project::load(&project_dir)
            .map_err(|e| anyhow::anyhow!("project {}: {e}", project_dir.display()))?;
        let options = lookout_pipeline::AnalyzeOptions { seed };
        let mut steps = Vec::new();
        let analysis = lookout_pipeline::analyze(&project, &out, &options, |p| {
            if let lookout_pipeline::Progress::Step(what, took) = p {
                steps.push(serde_json::json!({"step": what, "seconds": took.as_secs_f64()}));
            }
        })?;
        let summary = serde_json::json!({
            "out": out.display().to_string(),
            "positions": analysis.ingest.positions,
            "statics": analysis.ingest.statics,
            "vessels": analysis.ingest.vessels,
            "events": analysis.events.len(),
            "voyages": analysis.voyages.voyages.len(),
            "steps": steps,
            "run": analysis.run,
        });
        Ok::<_, anyhow::Error>(summary.to_string())
    })
    .map_err(py_err)
}

/// Simulates a scenario's AIS into `out/ais/ais.nmea` (and `truth.json`), reused when the
/// same scenario and seed made it; returns the NMEA file's path.
#[pyfunction]
#[pyo3(signature = (scenario, out, seed=None))]
fn simulate(
    py: Python<'_>,
    scenario: PathBuf,
    out: PathBuf,
    seed: Option<u64>,
) -> PyResult<PathBuf> {
    py.detach(|| lookout_pipeline::simulate_ais(&scenario, &out, seed))
        .map(|(path, _)| path)
        .map_err(py_err)
}

/// Claims from one news text as JSON rows with the `claims.csv` columns.
#[pyfunction]
#[pyo3(signature = (text, file=""))]
fn extract_claims(py: Python<'_>, text: &str, file: &str) -> PyResult<String> {
    let rows = py.detach(|| lookout_claims::extract_file(text, file));
    serde_json::to_string(&rows).map_err(py_err)
}

/// The module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("LookoutError", m.py().get_type::<LookoutError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(parse_time, m)?)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(extract_claims, m)?)?;
    m.add_function(wrap_pyfunction!(simulate, m)?)?;
    decode::register(m)?;
    store::register(m)?;
    events::register(m)?;
    encounters::register(m)?;
    anomalies::register(m)?;
    links::register(m)?;
    Ok(())
}
