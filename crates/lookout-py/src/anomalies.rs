//! Spoofing episodes, `out_of_range` spoofing and GNSS interference areas of the distributed
//! run (`docs/scale.md`, "Distributed events", step 6):
//!
//! - `shard_anomalies_table`: what a shard hands over besides its events: the reception
//!   model's candidate suspects (`lookout_events::SuspectRun`) and its anomaly onsets of
//!   reports without positions (`lookout_events::AnomalyOnset`), each with the index of the
//!   flush that received it;
//! - `flush_anomalies`: per flush, the reception model of the whole data at that flush
//!   (`crate::reasons::replay`) gives the flush's gaps their reasons (and what their
//!   interference mark needs), its `out_of_range` episodes, and which onsets count (those of
//!   continuous stations);
//! - `anomaly_events`: all flushes in order through `lookout_events::AnomalyReplay`, the single
//!   engine's interference areas, spoofing merge and marks.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use arrow_array::builder::{Float64Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::types::{Float64Type, Int32Type, Int64Type};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_pyarrow::{PyArrowType, Table};
use arrow_schema::{DataType, Field, Schema};
use lookout_core::geo::LatLon;
use lookout_events::output::events_from_batch;
use lookout_events::{AnomalyOnset, AnomalyReplay, Event, EventType, FlushAnomalies, SuspectRun};
use pyo3::prelude::*;
use serde_json::{json, Value};

use crate::events::{column, config, events_table, gaps_with_ids};
use crate::py_err;
use crate::reasons::{gaps_table, replay, strings};

/// A shard's candidate suspects (`kind` = `suspect`: station, footprint cell `i`, `j`, first
/// and last time `t`, `end`, positions `n`, first position `lat`, `lon`) and anomaly onsets
/// (`onset`: station, `t`, `end`, where the vessel was `lat`, `lon`, `what`), with `mmsi` and
/// `flush`, the index of the flush that received them.
pub(crate) fn shard_anomalies_table(
    suspects: &[(usize, SuspectRun)],
    onsets: &[(usize, AnomalyOnset)],
) -> Result<Table> {
    let (mut kind, mut station, mut what) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    let (mut mmsi, mut t, mut end, mut n) = (
        Int64Builder::new(),
        Int64Builder::new(),
        Int64Builder::new(),
        Int64Builder::new(),
    );
    let (mut i, mut j, mut flush) = (
        Int32Builder::new(),
        Int32Builder::new(),
        Int32Builder::new(),
    );
    let (mut lat, mut lon) = (Float64Builder::new(), Float64Builder::new());
    for (k, s) in suspects {
        kind.append_value("suspect");
        mmsi.append_value(i64::from(s.mmsi));
        station.append_value(&s.station);
        i.append_value(s.lat_cell);
        j.append_value(s.lon_cell);
        t.append_value(s.first);
        end.append_value(s.last);
        n.append_value(i64::from(s.n));
        lat.append_value(s.lat);
        lon.append_value(s.lon);
        what.append_null();
        flush.append_value(i32::try_from(*k)?);
    }
    for (k, o) in onsets {
        kind.append_value("onset");
        mmsi.append_value(i64::from(o.mmsi));
        station.append_value(&o.station);
        i.append_value(0);
        j.append_value(0);
        t.append_value(o.t);
        end.append_value(o.end);
        n.append_value(0);
        lat.append_value(o.lat);
        lon.append_value(o.lon);
        what.append_value(&o.what);
        flush.append_value(i32::try_from(*k)?);
    }
    let fields = vec![
        Field::new("kind", DataType::Utf8, false),
        Field::new("mmsi", DataType::Int64, false),
        Field::new("station", DataType::Utf8, false),
        Field::new("i", DataType::Int32, false),
        Field::new("j", DataType::Int32, false),
        Field::new("t", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("n", DataType::Int64, false),
        Field::new("lat", DataType::Float64, false),
        Field::new("lon", DataType::Float64, false),
        Field::new("what", DataType::Utf8, true),
        Field::new("flush", DataType::Int32, false),
    ];
    let columns: Vec<ArrayRef> = vec![
        Arc::new(kind.finish()),
        Arc::new(mmsi.finish()),
        Arc::new(station.finish()),
        Arc::new(i.finish()),
        Arc::new(j.finish()),
        Arc::new(t.finish()),
        Arc::new(end.finish()),
        Arc::new(n.finish()),
        Arc::new(lat.finish()),
        Arc::new(lon.finish()),
        Arc::new(what.finish()),
        Arc::new(flush.finish()),
    ];
    let schema = Arc::new(Schema::new(fields));
    Ok(Table::try_new(
        vec![RecordBatch::try_new(schema.clone(), columns)?],
        schema,
    )?)
}

/// Suspects and onsets of a table in `shard_anomalies_table`'s columns (`flush` not read).
fn read_anomalies(table: Table) -> Result<(Vec<SuspectRun>, Vec<AnomalyOnset>)> {
    let (mut suspects, mut onsets) = (Vec::new(), Vec::new());
    for batch in table.record_batches() {
        let kind = strings(batch, "kind")?;
        let station = strings(batch, "station")?;
        let what = strings(batch, "what")?;
        let mmsi = column::<Int64Type>(batch, "mmsi")?;
        let (i, j) = (
            column::<Int32Type>(batch, "i")?,
            column::<Int32Type>(batch, "j")?,
        );
        let (t, end, n) = (
            column::<Int64Type>(batch, "t")?,
            column::<Int64Type>(batch, "end")?,
            column::<Int64Type>(batch, "n")?,
        );
        let (lat, lon) = (
            column::<Float64Type>(batch, "lat")?,
            column::<Float64Type>(batch, "lon")?,
        );
        for r in 0..batch.num_rows() {
            let st: Arc<str> = Arc::from(
                station[r]
                    .as_deref()
                    .with_context(|| format!("a {:?} row without a station", kind[r]))?,
            );
            let m = u32::try_from(mmsi.value(r)).context("an MMSI out of range")?;
            match kind[r].as_deref() {
                Some("suspect") => suspects.push(SuspectRun {
                    mmsi: m,
                    station: st,
                    lat_cell: i.value(r),
                    lon_cell: j.value(r),
                    first: t.value(r),
                    last: end.value(r),
                    n: u32::try_from(n.value(r)).unwrap_or(u32::MAX),
                    lat: lat.value(r),
                    lon: lon.value(r),
                }),
                Some("onset") => onsets.push(AnomalyOnset {
                    t: t.value(r),
                    end: end.value(r),
                    lat: lat.value(r),
                    lon: lon.value(r),
                    mmsi: m,
                    what: what[r].clone().context("an onset without its kind")?,
                    station: st,
                }),
                other => anyhow::bail!("unknown anomaly row {other:?}"),
            }
        }
    }
    Ok((suspects, onsets))
}

/// One flush of the distributed run: the reception model of the whole data at flush `flush`
/// (from the whole data's merged reception `tallies`, at least those of the days it held, and
/// every station's days, `stations`: name, day, buckets first heard that day, first and last
/// of them) gives
/// - the `gaps` it released (events schema plus `gap_id`) their reason, evidence, confidence
///   and coverage hint, and `interference_inputs` (where each started, floats as bits, and
///   whether continuous stations heard the vessel meanwhile);
/// - the `out_of_range` episodes of the shards' candidate suspects of this flush
///   (`anomalies`, `shard_anomalies_table`'s columns);
/// - the onsets of `anomalies` heard by continuous stations, as spoofing rows marked
///   `anomaly_onset` (their kind).
///
/// All carry `episode_flush` = `flush` for `anomaly_events`. Returns (gaps, other rows).
#[pyfunction]
#[pyo3(signature = (gaps, tallies, anomalies, stations, watermarks, flush, config_toml=None,
    config_json=None, areas=None))]
#[allow(clippy::too_many_arguments)]
fn flush_anomalies(
    py: Python<'_>,
    gaps: PyArrowType<Table>,
    tallies: PyArrowType<Table>,
    anomalies: PyArrowType<Table>,
    stations: Vec<(String, i64, u64, i64, i64)>,
    watermarks: Vec<i64>,
    flush: usize,
    config_toml: Option<&str>,
    config_json: Option<&str>,
    areas: Option<PathBuf>,
) -> PyResult<(PyArrowType<Table>, PyArrowType<Table>)> {
    // `areas` is accepted (the job passes the engine's arguments) but these steps do not read it.
    let _ = areas;
    py.detach(|| {
        let cfg = config(config_toml, config_json)?;
        let mut model = replay(&cfg, tallies.0, stations, &watermarks, flush)?;
        let mut rows = Vec::new();
        for (id, e) in gaps_with_ids(gaps.0)? {
            let (mut e, mark) = model.reason_for_marking(e);
            if let Some((start, heard)) = mark {
                e.details.insert(
                    "interference_inputs".into(),
                    json!({"lat": start.lat.to_bits(), "lon": start.lon.to_bits(), "heard": heard}),
                );
            }
            e.details.insert("episode_flush".into(), flush.into());
            rows.push((id, e));
        }
        let (suspects, onsets) = read_anomalies(anomalies.0)?;
        let mut other = model.out_of_range(suspects);
        for o in onsets {
            if model.continuous(&o.station) {
                other.push(
                    Event::new(
                        EventType::Spoofing,
                        o.mmsi,
                        o.t,
                        o.end,
                        (o.lat, o.lon),
                        (o.lat, o.lon),
                    )
                    .with("anomaly_onset", o.what),
                );
            }
        }
        for e in &mut other {
            e.details.insert("episode_flush".into(), flush.into());
        }
        Ok::<_, anyhow::Error>((
            PyArrowType(gaps_table(&rows)?),
            PyArrowType(events_table(&other)?),
        ))
    })
    .map_err(py_err)
}

/// A detail as an unsigned integer, removed.
fn take_u64(e: &mut Event, key: &str) -> Option<u64> {
    e.details.remove(key).and_then(|v| v.as_u64())
}

/// The gaps, spoofing episodes and onsets of every flush (`flush_anomalies`' rows and the
/// shards' episodes, each with `episode_flush`) through the single engine's anomaly steps,
/// flush by flush at the day `watermarks` (then the finish): the gaps marked with their
/// interference areas (and the `interference` reason), the spoofing episodes merged per vessel
/// and marked. Returns those events.
#[pyfunction]
#[pyo3(signature = (events, watermarks, config_toml=None, config_json=None, areas=None))]
fn anomaly_events(
    py: Python<'_>,
    events: PyArrowType<Table>,
    watermarks: Vec<i64>,
    config_toml: Option<&str>,
    config_json: Option<&str>,
    areas: Option<PathBuf>,
) -> PyResult<PyArrowType<Table>> {
    let _ = areas;
    py.detach(|| {
        let cfg = config(config_toml, config_json)?;
        let mut flushes: BTreeMap<u64, Vec<Event>> = BTreeMap::new();
        for batch in events.0.record_batches() {
            for mut e in events_from_batch(batch)? {
                let k = take_u64(&mut e, "episode_flush")
                    .with_context(|| format!("an event without episode_flush: {e:?}"))?;
                flushes.entry(k).or_default().push(e);
            }
        }
        let mut replay = AnomalyReplay::new(&cfg);
        let mut out = Vec::new();
        for k in 0..=watermarks.len() {
            let mut f = FlushAnomalies {
                watermark: watermarks.get(k).copied().unwrap_or(i64::MAX),
                ..Default::default()
            };
            // The engine's order: each vessel's episodes as its shard found them (by MMSI),
            // then the out-of-range ones; onsets and gaps by time and MMSI.
            let mut spoofs = Vec::new();
            for mut e in flushes.remove(&(k as u64)).unwrap_or_default() {
                if e.event_type == EventType::Gap {
                    let inputs = e
                        .details
                        .remove("interference_inputs")
                        .context("a gap without interference_inputs")?;
                    let bits = |key: &str| inputs.get(key).and_then(Value::as_u64);
                    let (Some(lat), Some(lon)) = (bits("lat"), bits("lon")) else {
                        anyhow::bail!("interference_inputs without a start: {inputs}");
                    };
                    let heard = inputs.get("heard").and_then(Value::as_bool) == Some(true);
                    let start = LatLon::new(f64::from_bits(lat), f64::from_bits(lon));
                    f.gaps.push((e, start, heard));
                } else if let Some(what) = e.details.remove("anomaly_onset") {
                    f.onsets.push(AnomalyOnset {
                        t: e.start_time,
                        end: e.end_time,
                        lat: e.lat.unwrap_or(f64::NAN),
                        lon: e.lon.unwrap_or(f64::NAN),
                        mmsi: e.mmsi,
                        what: what.as_str().unwrap_or_default().to_owned(),
                        station: Arc::from(""),
                    });
                } else {
                    let seq = take_u64(&mut e, "episode_seq");
                    spoofs.push((seq.is_none(), e.mmsi, seq, e.start_time, e));
                }
            }
            spoofs.sort_by_key(|a| (a.0, a.1, a.2, a.3));
            f.spoofs = spoofs.into_iter().map(|s| s.4).collect();
            f.onsets.sort_by_key(|o| (o.t, o.mmsi));
            f.gaps.sort_by_key(|g| (g.0.start_time, g.0.mmsi));
            out.extend(replay.flush(f).map_err(anyhow::Error::msg)?);
        }
        if let Some((k, _)) = flushes.into_iter().next() {
            anyhow::bail!("episode_flush {k} past the finish");
        }
        events_table(&out)
    })
    .map(PyArrowType)
    .map_err(py_err)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(flush_anomalies, m)?)?;
    m.add_function(wrap_pyfunction!(anomaly_events, m)?)?;
    Ok(())
}
