//! Encounters of the distributed run: the shards' resampled positions and anchorage entries
//! as Arrow tables, and `pair_encounters`, which replays candidate pairs (joined by Spark on
//! time slot and neighbouring cells) through the engine's own encounter search
//! (`Engine::replay_pair`), so the encounters are those of the single-machine engine.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use arrow_array::types::{Float32Type, Float64Type, Int32Type, Int64Type};
use arrow_array::{ArrayRef, Float32Array, Float64Array, Int32Array, Int64Array, RecordBatch};
use arrow_pyarrow::{PyArrowType, Table};
use arrow_schema::{DataType, Field, Schema};
use lookout_events::{Event, ResampledPosition};
use pyo3::prelude::*;

use crate::events::{column, config, engine, events_table};
use crate::py_err;

fn table(fields: Vec<Field>, columns: Vec<ArrayRef>) -> Result<Table> {
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), columns)?;
    Ok(Table::try_new(vec![batch], schema)?)
}

/// Resampled positions: slot, mmsi, track, lat, lon, knots (Spark's long, int, double, float).
pub(crate) fn resampled_table(rows: &[ResampledPosition]) -> Result<Table> {
    table(
        vec![
            Field::new("slot", DataType::Int64, false),
            Field::new("mmsi", DataType::Int64, false),
            Field::new("track", DataType::Int32, false),
            Field::new("lat", DataType::Float64, false),
            Field::new("lon", DataType::Float64, false),
            Field::new("knots", DataType::Float32, false),
        ],
        vec![
            Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.slot))),
            Arc::new(Int64Array::from_iter_values(
                rows.iter().map(|r| i64::from(r.mmsi)),
            )),
            Arc::new(Int32Array::from_iter_values(
                rows.iter().map(|r| i32::from(r.track)),
            )),
            Arc::new(Float64Array::from_iter_values(rows.iter().map(|r| r.lat))),
            Arc::new(Float64Array::from_iter_values(rows.iter().map(|r| r.lon))),
            Arc::new(Float32Array::from_iter_values(rows.iter().map(|r| r.knots))),
        ],
    )
}

/// Anchorage entries: flush (the first that knew it), cell_i, cell_j, mmsi.
pub(crate) fn anchorage_table(rows: &[(usize, (i32, i32), u32)]) -> Result<Table> {
    table(
        vec![
            Field::new("flush", DataType::Int32, false),
            Field::new("cell_i", DataType::Int32, false),
            Field::new("cell_j", DataType::Int32, false),
            Field::new("mmsi", DataType::Int64, false),
        ],
        vec![
            Arc::new(Int32Array::from_iter_values(
                rows.iter().map(|r| i32::try_from(r.0).unwrap_or(i32::MAX)),
            )),
            Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.1 .0))),
            Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.1 .1))),
            Arc::new(Int64Array::from_iter_values(
                rows.iter().map(|r| i64::from(r.2)),
            )),
        ],
    )
}

/// The resampled position of side `p` (`a` or `b`) of row `i` of a pairs batch.
fn side(batch: &RecordBatch, p: &str, i: usize) -> Result<ResampledPosition> {
    let name = |c: &str| format!("{p}_{c}");
    Ok(ResampledPosition {
        slot: column::<Int64Type>(batch, "slot")?.value(i),
        mmsi: u32::try_from(column::<Int64Type>(batch, &name("mmsi"))?.value(i))?,
        track: u8::try_from(column::<Int32Type>(batch, &name("track"))?.value(i))?,
        lat: column::<Float64Type>(batch, &name("lat"))?.value(i),
        lon: column::<Float64Type>(batch, &name("lon"))?.value(i),
        knots: column::<Float32Type>(batch, &name("knots"))?.value(i),
    })
}

/// Encounters of candidate pairs. `pairs`: one row per slot at which two tracks of different
/// MMSIs had resampled positions close enough to be compared (columns `slot`, then `mmsi`,
/// `track`, `lat`, `lon`, `knots` of each side prefixed `a_` and `b_`; every row of a pair in
/// the same call); `ticks`: every slot with a resampled position in the whole data;
/// `watermarks`: the whole data's day watermarks; `anchorages`: every shard's anchorage entries
/// (`flush`, `cell_i`, `cell_j`, `mmsi`). Returns the encounters in the events schema.
#[pyfunction]
#[pyo3(signature = (pairs, ticks, watermarks, anchorages, areas=None, config_toml=None,
    config_json=None, land=None, use_land=true))]
#[allow(clippy::too_many_arguments)]
fn pair_encounters(
    py: Python<'_>,
    pairs: PyArrowType<Table>,
    mut ticks: Vec<i64>,
    watermarks: Vec<i64>,
    anchorages: PyArrowType<Table>,
    areas: Option<PathBuf>,
    config_toml: Option<&str>,
    config_json: Option<&str>,
    land: Option<PathBuf>,
    use_land: bool,
) -> PyResult<PyArrowType<Table>> {
    py.detach(|| {
        let mut engine = engine(config_toml, config_json, areas, land, use_land)?;
        ticks.sort_unstable();
        ticks.dedup();
        let untils: Vec<i64> = watermarks
            .iter()
            .map(|w| engine.encounter_until(*w))
            .collect();
        let mut known = Vec::new();
        for batch in anchorages.0.record_batches() {
            let k = column::<Int32Type>(batch, "flush")?;
            let (i, j) = (
                column::<Int32Type>(batch, "cell_i")?,
                column::<Int32Type>(batch, "cell_j")?,
            );
            let m = column::<Int64Type>(batch, "mmsi")?;
            for r in 0..batch.num_rows() {
                known.push((
                    usize::try_from(k.value(r))?,
                    (i.value(r), j.value(r)),
                    u32::try_from(m.value(r))?,
                ));
            }
        }
        type Key = ((u32, u8), (u32, u8));
        let mut by_pair: BTreeMap<Key, Vec<(ResampledPosition, ResampledPosition)>> =
            BTreeMap::new();
        for batch in pairs.0.record_batches() {
            for i in 0..batch.num_rows() {
                let (mut a, mut b) = (side(batch, "a", i)?, side(batch, "b", i)?);
                if (b.mmsi, b.track) < (a.mmsi, a.track) {
                    std::mem::swap(&mut a, &mut b);
                }
                by_pair
                    .entry(((a.mmsi, a.track), (b.mmsi, b.track)))
                    .or_default()
                    .push((a, b));
            }
        }
        let mut events: Vec<Event> = Vec::new();
        for rows in by_pair.values() {
            events.extend(engine.replay_pair(rows, &ticks, &untils, &known));
        }
        events_table(&events)
    })
    .map(PyArrowType)
    .map_err(py_err)
}

/// The thresholds the engine runs with (the defaults, overridden by `config_toml` or
/// `config_json`), as JSON: what the Spark job needs of them to plan its joins.
#[pyfunction]
#[pyo3(signature = (config_toml=None, config_json=None))]
fn effective_config(config_toml: Option<&str>, config_json: Option<&str>) -> PyResult<String> {
    config(config_toml, config_json)
        .and_then(|c| Ok(serde_json::to_string(&c)?))
        .map_err(py_err)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(effective_config, m)?)?;
    m.add_function(wrap_pyfunction!(pair_encounters, m)?)?;
    Ok(())
}
