//! Gap reasons of the distributed run: the shards' reception tallies as an Arrow table
//! (`tallies_table`, one row per key and UTC day, see `lookout_events::ReceptionTallies`) and
//! `gap_reasons`, which rebuilds from the whole data's merged tallies the reception model the
//! single engine held at one flush (`lookout_events::ReceptionReplay`) and gives the gaps that
//! flush released their reasons.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use arrow_array::builder::{Int32Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type};
use arrow_array::{Array, ArrayRef, Int64Array, RecordBatch};
use arrow_pyarrow::{PyArrowType, Table};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use lookout_core::time::day_index;
use lookout_events::output::events_batch;
use lookout_events::{Event, ReceptionReplay, StationDay, Tally, TallyKey};
use pyo3::prelude::*;

use crate::events::{column, config, gaps_with_ids};
use crate::py_err;

fn tallies_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("kind", DataType::Utf8, false),
        Field::new("station", DataType::Utf8, true),
        Field::new("i", DataType::Int32, false),
        Field::new("j", DataType::Int32, false),
        Field::new("key", DataType::Int64, false),
        Field::new("day", DataType::Int64, false),
        Field::new("positions", DataType::Int64, false),
        Field::new(
            "mmsis",
            DataType::List(Arc::new(Field::new_list_field(DataType::Int64, true))),
            false,
        ),
    ]))
}

/// Reception tallies: kind (`cell`: i, j, key = hour; `bucket`: station, key = bucket;
/// `foot`: station, i, j), day, positions, mmsis (the lowest distinct, at most eight).
pub(crate) fn tallies_table(rows: Vec<(TallyKey, i64, Tally)>) -> Result<Table> {
    let (mut kind, mut station) = (StringBuilder::new(), StringBuilder::new());
    let (mut i, mut j) = (Int32Builder::new(), Int32Builder::new());
    let (mut key, mut day, mut positions) = (
        Int64Builder::new(),
        Int64Builder::new(),
        Int64Builder::new(),
    );
    let mut mmsis = ListBuilder::new(Int64Builder::new())
        .with_field(Arc::new(Field::new_list_field(DataType::Int64, true)));
    for (k, d, t) in rows {
        let (name, st, a, b, x) = match k {
            TallyKey::Cell {
                lat_cell,
                lon_cell,
                hour,
            } => ("cell", None, lat_cell, lon_cell, hour),
            TallyKey::Bucket { station, bucket } => ("bucket", Some(station), 0, 0, bucket),
            TallyKey::Foot {
                station,
                lat_cell,
                lon_cell,
            } => ("foot", Some(station), lat_cell, lon_cell, 0),
        };
        kind.append_value(name);
        station.append_option(st.as_deref());
        i.append_value(a);
        j.append_value(b);
        key.append_value(x);
        day.append_value(d);
        positions.append_value(i64::try_from(t.positions).unwrap_or(i64::MAX));
        mmsis.append_value(t.mmsis.iter().map(|m| Some(i64::from(*m))));
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(kind.finish()),
        Arc::new(station.finish()),
        Arc::new(i.finish()),
        Arc::new(j.finish()),
        Arc::new(key.finish()),
        Arc::new(day.finish()),
        Arc::new(positions.finish()),
        Arc::new(mmsis.finish()),
    ];
    let schema = tallies_schema();
    let batch = RecordBatch::try_new(schema.clone(), columns)?;
    Ok(Table::try_new(vec![batch], schema)?)
}

/// A string column (Arrow's string or large string) as optional values.
pub(crate) fn strings(batch: &RecordBatch, name: &str) -> Result<Vec<Option<String>>> {
    let c = batch
        .column_by_name(name)
        .with_context(|| format!("no column {name}"))?;
    if let Some(a) = c.as_string_opt::<i32>() {
        return Ok(a.iter().map(|s| s.map(str::to_owned)).collect());
    }
    if let Some(a) = c.as_string_opt::<i64>() {
        return Ok(a.iter().map(|s| s.map(str::to_owned)).collect());
    }
    anyhow::bail!("column {name} has type {}", c.data_type())
}

/// A list-of-long column (Arrow's list or large list) as vectors.
fn lists(batch: &RecordBatch, name: &str) -> Result<Vec<Vec<i64>>> {
    let c = batch
        .column_by_name(name)
        .with_context(|| format!("no column {name}"))?;
    let values = |a: ArrayRef| -> Result<Vec<i64>> {
        let v = a
            .as_primitive_opt::<Int64Type>()
            .with_context(|| format!("column {name}: items of type {}", a.data_type()))?;
        Ok(v.iter().flatten().collect())
    };
    let mut out = Vec::with_capacity(c.len());
    if let Some(a) = c.as_list_opt::<i32>() {
        for k in 0..a.len() {
            out.push(if a.is_valid(k) {
                values(a.value(k))?
            } else {
                Vec::new()
            });
        }
    } else if let Some(a) = c.as_list_opt::<i64>() {
        for k in 0..a.len() {
            out.push(if a.is_valid(k) {
                values(a.value(k))?
            } else {
                Vec::new()
            });
        }
    } else {
        anyhow::bail!("column {name} has type {}", c.data_type());
    }
    Ok(out)
}

/// Tallies of a table in `tallies_table`'s columns.
fn read_tallies(table: Table) -> Result<Vec<(TallyKey, i64, Tally)>> {
    let mut out = Vec::new();
    for batch in table.record_batches() {
        let kind = strings(batch, "kind")?;
        let station = strings(batch, "station")?;
        let (i, j) = (
            column::<Int32Type>(batch, "i")?,
            column::<Int32Type>(batch, "j")?,
        );
        let (key, day, positions) = (
            column::<Int64Type>(batch, "key")?,
            column::<Int64Type>(batch, "day")?,
            column::<Int64Type>(batch, "positions")?,
        );
        let mmsis = lists(batch, "mmsis")?;
        for r in 0..batch.num_rows() {
            let name = || -> Result<Arc<str>> {
                Ok(Arc::from(station[r].as_deref().with_context(|| {
                    format!("a {:?} tally without a station", kind[r])
                })?))
            };
            let k = match kind[r].as_deref() {
                Some("cell") => TallyKey::Cell {
                    lat_cell: i.value(r),
                    lon_cell: j.value(r),
                    hour: key.value(r),
                },
                Some("bucket") => TallyKey::Bucket {
                    station: name()?,
                    bucket: key.value(r),
                },
                Some("foot") => TallyKey::Foot {
                    station: name()?,
                    lat_cell: i.value(r),
                    lon_cell: j.value(r),
                },
                other => anyhow::bail!("unknown tally kind {other:?}"),
            };
            let t = Tally {
                positions: u64::try_from(positions.value(r)).unwrap_or(0),
                mmsis: mmsis[r]
                    .iter()
                    .filter_map(|m| u32::try_from(*m).ok())
                    .collect(),
            };
            out.push((k, day.value(r), t));
        }
    }
    Ok(out)
}

/// Events in the events schema plus their `gap_id`.
fn gaps_table(rows: &[(i64, Event)]) -> Result<Table> {
    let events: Vec<Event> = rows.iter().map(|(_, e)| e.clone()).collect();
    let batch = events_batch(&events)?;
    let mut fields: Vec<Field> = batch
        .schema()
        .fields()
        .iter()
        .map(|f| f.as_ref().clone())
        .collect();
    fields.push(Field::new("gap_id", DataType::Int64, false));
    let mut columns = batch.columns().to_vec();
    columns.push(Arc::new(Int64Array::from_iter_values(
        rows.iter().map(|(id, _)| *id),
    )));
    let schema = Arc::new(Schema::new(fields));
    Ok(Table::try_new(
        vec![RecordBatch::try_new(schema.clone(), columns)?],
        schema,
    )?)
}

/// The reasons of the gaps (events schema plus `gap_id`) that flush `flush` of the day
/// `watermarks` released (`watermarks.len()`: the finish), from the whole data's merged
/// reception `tallies` (at least those of the days that flush's model held) and every
/// station's days (`stations`: name, day, buckets first heard that day, first and last of
/// them). Returns the gaps with their reason, evidence and confidence.
#[pyfunction]
#[pyo3(signature = (gaps, tallies, stations, watermarks, flush, config_toml=None,
    config_json=None, areas=None))]
#[allow(clippy::too_many_arguments)]
fn gap_reasons(
    py: Python<'_>,
    gaps: PyArrowType<Table>,
    tallies: PyArrowType<Table>,
    stations: Vec<(String, i64, u64, i64, i64)>,
    watermarks: Vec<i64>,
    flush: usize,
    config_toml: Option<&str>,
    config_json: Option<&str>,
    areas: Option<PathBuf>,
) -> PyResult<PyArrowType<Table>> {
    // `areas` is accepted (the job passes the engine's arguments) but reasons do not read it.
    let _ = areas;
    py.detach(|| {
        let cfg = config(config_toml, config_json)?;
        let last = *watermarks.last().context("no day watermarks")?;
        let day = day_index(watermarks.get(flush).copied().unwrap_or(last) - 1);
        let keep = (cfg.gap.coverage_days * 24.0 * 3_600_000.0) as i64;
        let forgotten_before = flush
            .checked_sub(1)
            .and_then(|k| watermarks.get(k))
            .map(|w| w.saturating_sub(keep));
        let stations: Vec<(Arc<str>, StationDay)> = stations
            .into_iter()
            .map(|(name, day, buckets, first_bucket, last_bucket)| {
                (
                    Arc::from(name),
                    StationDay {
                        day,
                        buckets,
                        first_bucket,
                        last_bucket,
                    },
                )
            })
            .collect();
        let tallies = read_tallies(tallies.0)?;
        let mut model = ReceptionReplay::new(&cfg, day, forgotten_before, &stations, tallies);
        let rows: Vec<(i64, Event)> = gaps_with_ids(gaps.0)?
            .into_iter()
            .map(|(id, e)| (id, model.reason(e)))
            .collect();
        gaps_table(&rows)
    })
    .map(PyArrowType)
    .map_err(py_err)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(gap_reasons, m)?)?;
    Ok(())
}
