//! The event engine from Python: over a store or over Arrow tables with the store's columns
//! (each UTC day in (mmsi, time) order and settled at its end, as `lookout events` reads a
//! store, so both give the same events), returning the events Parquet file's schema. For the
//! distributed run: `vessel_events` runs a shard of the vessels with the whole data's day
//! watermarks and defers the gaps' coverage hints and reasons, which `crate::reasons` adds
//! from the shards' reception tallies.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{Array, ArrowPrimitiveType, PrimitiveArray, RecordBatch};
use arrow_pyarrow::{PyArrowType, Table};
use lookout_core::time::day_index;
use lookout_events::output::{events_batch, events_from_batch, events_schema};
use lookout_events::store_in::run_store;
use lookout_events::{Areas, Config, Engine, Event, EventType, Land, ReceptionTallies, Record};
use lookout_store::records::batch_records;
use pyo3::prelude::*;

use crate::py_err;

/// What the engine runs with: thresholds, areas and land mask.
pub(crate) fn engine(
    config_toml: Option<&str>,
    config_json: Option<&str>,
    areas: Option<PathBuf>,
    land: Option<PathBuf>,
    use_land: bool,
) -> Result<Engine> {
    let cfg = config(config_toml, config_json)?;
    let areas = match areas {
        Some(p) if p.is_dir() => {
            lookout_project::Project::load(&p)
                .map_err(|e| anyhow::anyhow!("project {}: {e}", p.display()))?
                .areas
        }
        Some(p) => Areas::from_path(&p).with_context(|| format!("areas file {}", p.display()))?,
        None => Areas::default(),
    };
    let land = match (use_land, land) {
        (false, _) => None,
        (true, Some(p)) => Some(Arc::new(
            Land::from_json(
                &std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?,
            )
            .with_context(|| format!("land file {}", p.display()))?,
        )),
        (true, None) => Some(Land::east_asia()),
    };
    Ok(Engine::new(cfg, areas, land))
}

pub(crate) fn config(toml: Option<&str>, json: Option<&str>) -> Result<Config> {
    Ok(match (toml, json) {
        (Some(t), _) => Config::from_toml(t).context("event config (TOML)")?,
        (None, Some(j)) => serde_json::from_str(j).context("event config")?,
        (None, None) => Config::default(),
    })
}

/// Records of a positions and a statics table, sorted as the store's day merge reads them:
/// UTC day, then (mmsi, time), statics first at equal times.
fn records(positions: Option<Table>, statics: Option<Table>) -> Result<Vec<Record>> {
    let mut out = Vec::new();
    for (t, which, name) in [
        (statics, lookout_store::Table::Statics, "statics"),
        (positions, lookout_store::Table::Positions, "positions"),
    ] {
        for batch in t.map(|t| t.into_inner().0).unwrap_or_default() {
            out.extend(batch_records(&batch, which, name)?);
        }
    }
    out.sort_by_key(|r| {
        let kind = u8::from(matches!(r, Record::Position(_)));
        (day_index(r.time()), r.mmsi(), r.time(), kind)
    });
    Ok(out)
}

/// The watermark of each UTC day of sorted records: its latest time plus 1 ms.
fn day_watermarks(records: &[Record]) -> Vec<i64> {
    let mut out: Vec<(i64, i64)> = Vec::new();
    for r in records {
        let day = day_index(r.time());
        match out.last_mut() {
            Some((d, w)) if *d == day => *w = (*w).max(r.time() + 1),
            _ => out.push((day, r.time() + 1)),
        }
    }
    out.into_iter().map(|(_, w)| w).collect()
}

pub(crate) fn events_table(events: &[Event]) -> Result<Table> {
    Ok(Table::try_new(
        vec![events_batch(events)?],
        events_schema(),
    )?)
}

/// Events over a store (`store`) or over `positions` and `statics` tables.
#[pyfunction]
#[pyo3(signature = (positions=None, statics=None, store=None, areas=None, config_toml=None,
    config_json=None, land=None, use_land=true, start=None, end=None))]
#[allow(clippy::too_many_arguments)]
fn events(
    py: Python<'_>,
    positions: Option<PyArrowType<Table>>,
    statics: Option<PyArrowType<Table>>,
    store: Option<PathBuf>,
    areas: Option<PathBuf>,
    config_toml: Option<&str>,
    config_json: Option<&str>,
    land: Option<PathBuf>,
    use_land: bool,
    start: Option<i64>,
    end: Option<i64>,
) -> PyResult<PyArrowType<Table>> {
    py.detach(|| {
        let mut engine = engine(config_toml, config_json, areas, land, use_land)?;
        let events = match store {
            Some(root) => {
                let store = lookout_store::Store::open(&root)?;
                let mut events = Vec::new();
                run_store(&mut engine, &store, start, end, |batch| {
                    events.extend_from_slice(batch);
                    Ok(())
                })?;
                events
            }
            None => {
                let mut records = records(positions.map(|t| t.0), statics.map(|t| t.0))?;
                records.retain(|r| {
                    start.is_none_or(|s| r.time() >= s) && end.is_none_or(|e| r.time() <= e)
                });
                let watermarks = day_watermarks(&records);
                engine.run_days(&records, &watermarks, |_, _| {}).concat()
            }
        };
        events_table(&events)
    })
    .map(PyArrowType)
    .map_err(py_err)
}

/// A shard's outputs: events, resampled positions, anchorage entries, reception tallies,
/// candidate suspects and anomaly onsets, and the MMSI links' inputs.
type ShardTables = (
    PyArrowType<Table>,
    PyArrowType<Table>,
    PyArrowType<Table>,
    PyArrowType<Table>,
    PyArrowType<Table>,
    PyArrowType<Table>,
);

/// A shard of the distributed run: the vessels of `positions` and `statics`, settled at the
/// whole data's day `watermarks`, ended at `span`'s end, gaps without their coverage hint
/// (`coverage_from_hour` in their details instead). Returns each vessel's events as the whole
/// run finds them, without the cross-vessel ones (encounters, identity changes linking two
/// MMSIs), which a shard cannot see whole; and what the encounter search of all vessels needs
/// from it: its resampled positions (`crate::encounters::resampled_table`) and the anchorage
/// entries its stationary vessels made, each with the flush that first knew it
/// (`crate::encounters::anchorage_table`); and its reception tallies
/// (`crate::reasons::tallies_table`), from which the gaps get their reasons. Each gap's
/// `reason_inputs` detail says which flush released it (`flush`, an index into `watermarks`;
/// `watermarks.len()` for the finish). Spoofing episodes leave unmerged (`episode_flush`,
/// `episode_seq`), with the reception model's candidate suspects and the anomaly onsets
/// (`crate::anomalies::shard_anomalies_table`), for `crate::anomalies`. Last, what the MMSI
/// links need (`crate::links::links_table`): the shard links no MMSIs and drops no gap as an
/// MMSI change.
#[pyfunction]
#[pyo3(signature = (positions, statics, watermarks, span, areas=None, config_toml=None,
    config_json=None, land=None, use_land=true))]
#[allow(clippy::too_many_arguments)]
fn vessel_events(
    py: Python<'_>,
    positions: PyArrowType<Table>,
    statics: Option<PyArrowType<Table>>,
    watermarks: Vec<i64>,
    span: (i64, i64),
    areas: Option<PathBuf>,
    config_toml: Option<&str>,
    config_json: Option<&str>,
    land: Option<PathBuf>,
    use_land: bool,
) -> PyResult<ShardTables> {
    py.detach(|| {
        let cfg = config(config_toml, config_json)?;
        let mut engine = engine(config_toml, config_json, areas, land, use_land)?;
        engine.defer_coverage_hints();
        engine.defer_links();
        engine.extend_span(span.0, span.1);
        let records = records(Some(positions.0), statics.map(|t| t.0))?;
        let mut tallies = ReceptionTallies::new(&cfg);
        for r in &records {
            tallies.add(r);
        }
        let mut resampled = Vec::new();
        let mut anchorages = Vec::new();
        let mut known = HashSet::new();
        let (rows, suspects) = tallies.into_parts();
        let suspects: Vec<_> = suspects
            .into_iter()
            .map(|s| (watermarks.partition_point(|w| *w <= s.first), s))
            .collect();
        let flushes = engine.run_days(&records, &watermarks, |engine, k| {
            resampled.extend(engine.take_resampled());
            for (cell, mmsi) in engine.anchorage_entries() {
                if known.insert((cell, mmsi)) {
                    anchorages.push((k, cell, mmsi));
                }
            }
        });
        let mut events = Vec::new();
        for (k, mut found) in flushes.into_iter().enumerate() {
            for e in &mut found {
                if let Some(serde_json::Value::Object(inputs)) = e.details.get_mut("reason_inputs")
                {
                    inputs.insert("flush".into(), k.into());
                }
            }
            events.extend(found);
        }
        // Pairs within the shard are not all pairs: cross-vessel events are left out.
        events.retain(|e| e.event_type != EventType::Encounter && e.other_mmsi.is_none());
        Ok::<_, anyhow::Error>((
            PyArrowType(events_table(&events)?),
            PyArrowType(crate::encounters::resampled_table(&resampled)?),
            PyArrowType(crate::encounters::anchorage_table(&anchorages)?),
            PyArrowType(crate::reasons::tallies_table(rows)?),
            PyArrowType(crate::anomalies::shard_anomalies_table(
                &suspects,
                &engine.take_onsets(),
            )?),
            PyArrowType(crate::links::links_table(&engine.take_link_inputs())?),
        ))
    })
    .map_err(py_err)
}

/// A column of a batch as `T`, or an error naming it.
pub(crate) fn column<'a, T: ArrowPrimitiveType>(
    batch: &'a RecordBatch,
    name: &str,
) -> Result<&'a PrimitiveArray<T>> {
    let c = batch
        .column_by_name(name)
        .with_context(|| format!("no column {name}"))?;
    c.as_primitive_opt::<T>()
        .with_context(|| format!("column {name} has type {}", c.data_type()))
}

/// Deferred gaps of a table in the events schema plus a `gap_id` column.
pub(crate) fn gaps_with_ids(gaps: Table) -> Result<Vec<(i64, Event)>> {
    let mut out = Vec::new();
    for batch in gaps.record_batches() {
        let ids = column::<Int64Type>(batch, "gap_id")?.clone();
        let events = events_from_batch(batch)?;
        out.extend(ids.values().iter().copied().zip(events));
    }
    Ok(out)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(events, m)?)?;
    m.add_function(wrap_pyfunction!(vessel_events, m)?)?;
    Ok(())
}
