//! MMSI links of the distributed run: a shard's link inputs as an Arrow table (`links_table`:
//! its vessels' IMO sightings per flush, main tracks' last sightings and new tracks, see
//! `lookout_events::LinkInputs`) and `mmsi_links`, which judges the whole run's inputs with the
//! engine's own code (`Engine::judge_links`): the identity changes linking two MMSIs and which
//! MMSIs each flush knew as renamed (their open gaps are dropped).

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use arrow_array::builder::{Float64Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::types::{Float64Type, Int32Type, Int64Type};
use arrow_array::{Array, ArrayRef, ArrowPrimitiveType, PrimitiveArray, RecordBatch};
use arrow_pyarrow::{PyArrowType, Table};
use arrow_schema::{DataType, Field, Schema};
use lookout_events::{ImoSighting, LastSighting, LinkInputs, NewTrack};
use pyo3::prelude::*;

use crate::events::{column, engine, events_table};
use crate::py_err;

/// A shard's link inputs, one row each: `kind` (`imo`, `last`, `new`), `flush` (for `last`,
/// the first flush that saw it), `mmsi`, `imo`, `a` and `b` (`imo`: first and last time;
/// `last`: time; `new`: first transmission and first position's time), `name`, `lat`, `lon`,
/// `cell_i`, `cell_j` (the handover grid's cell), `to` (`last`: the last flush that saw it).
pub(crate) fn links_table(inputs: &LinkInputs) -> Result<Table> {
    let mut kind = StringBuilder::new();
    let mut name = StringBuilder::new();
    let (mut flush, mut to, mut ci, mut cj) = (
        Int32Builder::new(),
        Int32Builder::new(),
        Int32Builder::new(),
        Int32Builder::new(),
    );
    let (mut mmsi, mut imo, mut a, mut b) = (
        Int64Builder::new(),
        Int64Builder::new(),
        Int64Builder::new(),
        Int64Builder::new(),
    );
    let (mut lat, mut lon) = (Float64Builder::new(), Float64Builder::new());
    let k = |x: usize| i32::try_from(x).unwrap_or(i32::MAX);
    for s in &inputs.imos {
        kind.append_value("imo");
        flush.append_value(k(s.flush));
        mmsi.append_value(i64::from(s.mmsi));
        imo.append_value(i64::from(s.imo));
        a.append_value(s.first);
        b.append_value(s.last);
        name.append_option(s.name.as_deref());
        lat.append_null();
        lon.append_null();
        ci.append_null();
        cj.append_null();
        to.append_null();
    }
    for s in &inputs.last {
        kind.append_value("last");
        flush.append_value(k(s.from));
        mmsi.append_value(i64::from(s.mmsi));
        imo.append_null();
        a.append_value(s.t);
        b.append_null();
        name.append_null();
        lat.append_value(s.lat);
        lon.append_value(s.lon);
        ci.append_value(s.cell.0);
        cj.append_value(s.cell.1);
        to.append_value(k(s.to));
    }
    for s in &inputs.new {
        kind.append_value("new");
        flush.append_value(k(s.flush));
        mmsi.append_value(i64::from(s.mmsi));
        imo.append_null();
        a.append_value(s.first_tx);
        b.append_value(s.t);
        name.append_null();
        lat.append_value(s.lat);
        lon.append_value(s.lon);
        ci.append_value(s.cell.0);
        cj.append_value(s.cell.1);
        to.append_null();
    }
    let fields = vec![
        Field::new("kind", DataType::Utf8, false),
        Field::new("flush", DataType::Int32, false),
        Field::new("mmsi", DataType::Int64, false),
        Field::new("imo", DataType::Int64, true),
        Field::new("a", DataType::Int64, false),
        Field::new("b", DataType::Int64, true),
        Field::new("name", DataType::Utf8, true),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        Field::new("cell_i", DataType::Int32, true),
        Field::new("cell_j", DataType::Int32, true),
        Field::new("to", DataType::Int32, true),
    ];
    let columns: Vec<ArrayRef> = vec![
        Arc::new(kind.finish()),
        Arc::new(flush.finish()),
        Arc::new(mmsi.finish()),
        Arc::new(imo.finish()),
        Arc::new(a.finish()),
        Arc::new(b.finish()),
        Arc::new(name.finish()),
        Arc::new(lat.finish()),
        Arc::new(lon.finish()),
        Arc::new(ci.finish()),
        Arc::new(cj.finish()),
        Arc::new(to.finish()),
    ];
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), columns)?;
    Ok(Table::try_new(vec![batch], schema)?)
}

/// A non-null value of a column, or an error naming the column and row.
fn value<P: ArrowPrimitiveType>(c: &PrimitiveArray<P>, r: usize, name: &str) -> Result<P::Native> {
    anyhow::ensure!(c.is_valid(r), "column {name}: null in row {r}");
    Ok(c.value(r))
}

/// Flush, mmsi, lat, lon, cell of one row.
type PlaceRow = (usize, u32, f64, f64, (i32, i32));

/// The columns a last sighting and a new track share: flush, mmsi, lat, lon, cell.
struct Place<'a> {
    flush: &'a PrimitiveArray<Int32Type>,
    mmsi: &'a PrimitiveArray<Int64Type>,
    lat: &'a PrimitiveArray<Float64Type>,
    lon: &'a PrimitiveArray<Float64Type>,
    ci: &'a PrimitiveArray<Int32Type>,
    cj: &'a PrimitiveArray<Int32Type>,
}

impl<'a> Place<'a> {
    fn of(batch: &'a RecordBatch) -> Result<Self> {
        Ok(Self {
            flush: column::<Int32Type>(batch, "flush")?,
            mmsi: column::<Int64Type>(batch, "mmsi")?,
            lat: column::<Float64Type>(batch, "lat")?,
            lon: column::<Float64Type>(batch, "lon")?,
            ci: column::<Int32Type>(batch, "cell_i")?,
            cj: column::<Int32Type>(batch, "cell_j")?,
        })
    }

    /// Row `r`: flush, mmsi, lat, lon, cell.
    fn row(&self, r: usize) -> Result<PlaceRow> {
        let flush = value(self.flush, r, "flush")?;
        let mmsi = value(self.mmsi, r, "mmsi")?;
        Ok((
            usize::try_from(flush).with_context(|| format!("flush {flush}"))?,
            u32::try_from(mmsi).with_context(|| format!("mmsi {mmsi}"))?,
            value(self.lat, r, "lat")?,
            value(self.lon, r, "lon")?,
            (value(self.ci, r, "cell_i")?, value(self.cj, r, "cell_j")?),
        ))
    }
}

/// The whole run's link inputs from tables in `links_table`'s columns (all rows of one `kind`
/// per table): `imos`, `last` and `new`.
fn read_inputs(imos: Table, last: Table, new: Table) -> Result<LinkInputs> {
    let mut out = LinkInputs::default();
    let u = |x: i64, what: &str| u32::try_from(x).with_context(|| format!("{what} {x}"));
    let k = |x: i32| usize::try_from(x).with_context(|| format!("flush {x}"));
    for batch in imos.record_batches() {
        let (f, m, i) = (
            column::<Int32Type>(batch, "flush")?,
            column::<Int64Type>(batch, "mmsi")?,
            column::<Int64Type>(batch, "imo")?,
        );
        let (a, b) = (
            column::<Int64Type>(batch, "a")?,
            column::<Int64Type>(batch, "b")?,
        );
        let names = crate::reasons::strings(batch, "name")?;
        for (r, name) in names.into_iter().enumerate() {
            out.imos.push(ImoSighting {
                flush: k(value(f, r, "flush")?)?,
                imo: u(value(i, r, "imo")?, "imo")?,
                mmsi: u(value(m, r, "mmsi")?, "mmsi")?,
                first: value(a, r, "a")?,
                last: value(b, r, "b")?,
                name,
            });
        }
    }
    for batch in last.record_batches() {
        let (t, a) = (
            column::<Int32Type>(batch, "to")?,
            column::<Int64Type>(batch, "a")?,
        );
        let place = Place::of(batch)?;
        for r in 0..batch.num_rows() {
            let (flush, mmsi, lat, lon, cell) = place.row(r)?;
            out.last.push(LastSighting {
                mmsi,
                t: value(a, r, "a")?,
                lat,
                lon,
                cell,
                from: flush,
                to: k(value(t, r, "to")?)?,
            });
        }
    }
    for batch in new.record_batches() {
        let (a, b) = (
            column::<Int64Type>(batch, "a")?,
            column::<Int64Type>(batch, "b")?,
        );
        let place = Place::of(batch)?;
        for r in 0..batch.num_rows() {
            let (flush, mmsi, lat, lon, cell) = place.row(r)?;
            out.new.push(NewTrack {
                flush,
                mmsi,
                first_tx: value(a, r, "a")?,
                t: value(b, r, "b")?,
                lat,
                lon,
                cell,
            });
        }
    }
    Ok(out)
}

/// The link events and the renamed MMSIs (old MMSI, flush, first time of the new one).
type Judged = (PyArrowType<Table>, Vec<(u32, usize, i64)>);

/// The identity changes linking two MMSIs of a whole distributed run, from its shards' link
/// inputs (`links_table`'s columns, split by kind: `imos`, at least every sighting of the IMOs
/// more than one MMSI carried; `new`, the new tracks; `last`, at least the last sightings in
/// the handover grid cells next to them). Returns the events (events schema) and the renamed
/// MMSIs as (old MMSI, flush, first time of the new MMSI): the value from that flush on.
#[pyfunction]
#[pyo3(signature = (imos, last, new, areas=None, config_toml=None, config_json=None, land=None,
    use_land=true))]
#[allow(clippy::too_many_arguments)]
fn mmsi_links(
    py: Python<'_>,
    imos: PyArrowType<Table>,
    last: PyArrowType<Table>,
    new: PyArrowType<Table>,
    areas: Option<PathBuf>,
    config_toml: Option<&str>,
    config_json: Option<&str>,
    land: Option<PathBuf>,
    use_land: bool,
) -> PyResult<Judged> {
    py.detach(|| {
        let mut engine = engine(config_toml, config_json, areas, land, use_land)?;
        let links = engine.judge_links(read_inputs(imos.0, last.0, new.0)?);
        Ok::<_, anyhow::Error>((PyArrowType(events_table(&links.events)?), links.renamed))
    })
    .map_err(py_err)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(mmsi_links, m)?)?;
    Ok(())
}
