//! `Store`: a store's `positions` and `statics` as Arrow tables, for one vessel and a time
//! range or for all. One vessel's positions come from `lookout_store::track` (file and
//! row-group pruning by the manifest's and footers' statistics); other reads skip the files
//! whose statistics fall outside the filter and filter the rest with Arrow's kernel.

use std::fs::File;
use std::path::PathBuf;

use anyhow::{Context, Result};
use arrow_array::cast::AsArray;
use arrow_array::types::{TimestampMillisecondType, UInt32Type};
use arrow_array::{BooleanArray, RecordBatch};
use arrow_pyarrow::{PyArrowType, Table};
use arrow_schema::SchemaRef;
use lookout_store::{positions_schema, statics_schema, Store as StoreDir, TimeRange};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use pyo3::prelude::*;

use crate::py_err;

/// A store's table by name.
pub(crate) fn table_of(name: &str) -> Result<(lookout_store::Table, SchemaRef)> {
    match name {
        "positions" => Ok((lookout_store::Table::Positions, positions_schema())),
        "statics" => Ok((lookout_store::Table::Statics, statics_schema())),
        other => anyhow::bail!("no table {other:?} (positions or statics)"),
    }
}

/// Rows of one table whose `mmsi` is `mmsi` (any when `None`) and `time` is in `range`, file
/// by file in commit order (each file in (mmsi, time) order).
pub(crate) fn scan(
    store: &StoreDir,
    table: lookout_store::Table,
    mmsi: Option<u32>,
    range: TimeRange,
) -> Result<Vec<RecordBatch>> {
    let mut out = Vec::new();
    for f in store.files(table) {
        let in_file = mmsi.is_none_or(|m| f.min_mmsi <= m && m <= f.max_mmsi);
        if !in_file || !range.overlaps(f.min_time, f.max_time) {
            continue;
        }
        let path = store.root().join(&f.path);
        let file = File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .and_then(|b| b.with_batch_size(64 * 1024).build())
            .with_context(|| format!("reading {}", path.display()))?;
        for batch in reader {
            let batch = batch.with_context(|| format!("reading {}", path.display()))?;
            let m = batch.column(0).as_primitive::<UInt32Type>();
            let t = batch.column(1).as_primitive::<TimestampMillisecondType>();
            let keep: BooleanArray = m
                .values()
                .iter()
                .zip(t.values().iter())
                .map(|(m, t)| Some(mmsi.is_none_or(|x| x == *m) && range.contains(*t)))
                .collect();
            let batch = if keep.true_count() == batch.num_rows() {
                batch
            } else {
                arrow_select::filter::filter_record_batch(&batch, &keep)?
            };
            if batch.num_rows() > 0 {
                out.push(batch);
            }
        }
    }
    Ok(out)
}

/// Batches as one table with the store's schema.
pub(crate) fn table(batches: Vec<RecordBatch>, schema: SchemaRef) -> Result<Table> {
    let batches = batches
        .into_iter()
        .map(|b| b.with_schema(schema.clone()))
        .collect::<Result<Vec<_>, _>>()
        .context("a file's columns differ from the store's schema")?;
    Ok(Table::try_new(batches, schema)?)
}

/// An opened store (`lookout.Store` wraps it).
#[pyclass(name = "Store", module = "lookout._native", frozen)]
pub struct PyStore {
    root: PathBuf,
    store: StoreDir,
}

#[pymethods]
impl PyStore {
    #[new]
    fn new(py: Python<'_>, root: PathBuf) -> PyResult<Self> {
        let store = py.detach(|| StoreDir::open(&root)).map_err(py_err)?;
        Ok(Self { root, store })
    }

    /// The store's directory.
    #[getter]
    fn root(&self) -> PathBuf {
        self.root.clone()
    }

    /// Problems found on open (unreadable files, files listed but missing).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.store.warnings().to_vec()
    }

    /// Files found on disk but not in the manifest, read like committed ones.
    #[getter]
    fn adopted(&self) -> usize {
        self.store.adopted()
    }

    /// The manifest (with adopted files) as JSON.
    fn manifest_json(&self) -> PyResult<String> {
        serde_json::to_string(self.store.manifest()).map_err(py_err)
    }

    /// Rows of `positions` or `statics` for `mmsi` (all when None) with `start <= time <= end`
    /// (ms; open when None).
    #[pyo3(signature = (table, mmsi=None, start=None, end=None))]
    fn read(
        &self,
        py: Python<'_>,
        table: &str,
        mmsi: Option<u32>,
        start: Option<i64>,
        end: Option<i64>,
    ) -> PyResult<PyArrowType<Table>> {
        let range = TimeRange {
            from: start,
            to: end,
        };
        py.detach(|| {
            let (which, schema) = table_of(table)?;
            let batches = match (which, mmsi) {
                (lookout_store::Table::Positions, Some(m)) => {
                    let (rows, _) = lookout_store::track(&self.store, m, range)?;
                    vec![lookout_store::positions_to_batch(&rows)?]
                }
                _ => scan(&self.store, which, mmsi, range)?,
            };
            self::table(batches, schema)
        })
        .map(PyArrowType)
        .map_err(py_err)
    }

    /// Days of the store with their watermark (the latest time of the day plus 1 ms), in
    /// order: where the engine settles each day.
    fn days(&self) -> Vec<(String, i64)> {
        lookout_store::records::days(&self.store, None, None)
            .into_iter()
            .map(|d| (d.date, d.max_time + 1))
            .collect()
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyStore>()
}
