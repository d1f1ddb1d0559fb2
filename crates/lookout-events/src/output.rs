//! Event files: CSV, GeoJSON and (feature `parquet`) Parquet, chosen by file extension, written
//! to a temporary name and renamed into place when complete; and the interference areas file
//! (CSV or GeoJSON). The columns and their encoding are `lookout_core::event`'s; this module adds
//! the files and the Parquet encoding.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use lookout_core::event::{Event, InterferenceArea, COLUMNS, INTERFERENCE_COLUMNS};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.csv`
    Csv,
    /// `.geojson` / `.json`
    GeoJson,
    /// `.parquet`
    Parquet,
}

impl Format {
    /// The format a path's extension names.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "geojson" | "json" => Some(Format::GeoJson),
            "parquet" => Some(Format::Parquet),
            _ => None,
        }
    }
}

/// Errors writing events.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// File system.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// CSV encoding.
    #[error("{0}")]
    Csv(#[from] csv::Error),
    /// Unknown extension, or Parquet without the feature.
    #[error("cannot write {0}: use .csv, .geojson or .parquet")]
    Format(String),
    /// Parquet encoding.
    #[cfg(feature = "parquet")]
    #[error("{0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// Arrow.
    #[cfg(feature = "parquet")]
    #[error("{0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// Reading the store.
    #[cfg(feature = "parquet")]
    #[error("store: {0}")]
    Store(String),
}

enum Inner {
    Csv(Box<csv::Writer<BufWriter<File>>>),
    GeoJson {
        out: BufWriter<File>,
        first: bool,
    },
    #[cfg(feature = "parquet")]
    Parquet(Box<parquet::arrow::ArrowWriter<File>>),
}

/// A streaming event writer.
pub struct EventWriter {
    inner: Inner,
    tmp: PathBuf,
    path: PathBuf,
    written: u64,
}

impl EventWriter {
    /// Creates the writer for `path` (format from its extension).
    pub fn create(path: &Path) -> Result<Self, OutputError> {
        let format = Format::from_path(path)
            .ok_or_else(|| OutputError::Format(path.display().to_string()))?;
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let file = File::create(&tmp)?;
        let inner = match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(BufWriter::new(file));
                w.write_record(COLUMNS)?;
                Inner::Csv(Box::new(w))
            }
            Format::GeoJson => {
                let mut out = BufWriter::new(file);
                out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
                Inner::GeoJson { out, first: true }
            }
            #[cfg(feature = "parquet")]
            Format::Parquet => Inner::Parquet(Box::new(parquet_out::writer(file)?)),
            #[cfg(not(feature = "parquet"))]
            Format::Parquet => {
                drop(file);
                let _ = std::fs::remove_file(&tmp);
                return Err(OutputError::Format(format!(
                    "{} (built without the `parquet` feature)",
                    path.display()
                )));
            }
        };
        Ok(Self {
            inner,
            tmp,
            path: path.to_owned(),
            written: 0,
        })
    }

    /// Writes a batch of events.
    pub fn write(&mut self, events: &[Event]) -> Result<(), OutputError> {
        self.written += events.len() as u64;
        match &mut self.inner {
            Inner::Csv(w) => {
                for e in events {
                    w.write_record(e.csv_record())?;
                }
            }
            Inner::GeoJson { out, first } => {
                for e in events {
                    if !*first {
                        out.write_all(b",\n")?;
                    }
                    *first = false;
                    serde_json::to_writer(&mut *out, &e.geojson_feature())
                        .map_err(std::io::Error::from)?;
                }
            }
            #[cfg(feature = "parquet")]
            Inner::Parquet(w) => {
                if !events.is_empty() {
                    w.write(&parquet_out::batch(events)?)?;
                }
            }
        }
        Ok(())
    }

    /// Completes the file and moves it into place; returns the number of events written.
    pub fn finish(self) -> Result<u64, OutputError> {
        match self.inner {
            Inner::Csv(w) => {
                w.into_inner()
                    .map_err(|e| e.into_error())?
                    .into_inner()
                    .map_err(|e| e.into_error())?
                    .sync_all()?;
            }
            Inner::GeoJson { mut out, .. } => {
                out.write_all(b"\n]}\n")?;
                out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            }
            #[cfg(feature = "parquet")]
            Inner::Parquet(w) => {
                w.close()?;
            }
        }
        std::fs::rename(&self.tmp, &self.path)?;
        Ok(self.written)
    }
}

/// Writes GNSS interference areas to `path`: `.csv` ([`INTERFERENCE_COLUMNS`]) or
/// `.geojson` / `.json` (one Polygon feature each), under a temporary name renamed when complete.
pub fn write_interference(path: &Path, areas: &[InterferenceArea]) -> Result<(), OutputError> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    match Format::from_path(path) {
        Some(Format::Csv) => {
            let mut w = csv::Writer::from_writer(BufWriter::new(File::create(&tmp)?));
            w.write_record(INTERFERENCE_COLUMNS)?;
            for a in areas {
                w.write_record(a.csv_record())?;
            }
            w.into_inner()
                .map_err(|e| e.into_error())?
                .into_inner()
                .map_err(|e| e.into_error())?
                .sync_all()?;
        }
        Some(Format::GeoJson) => {
            let features: Vec<serde_json::Value> = areas
                .iter()
                .map(InterferenceArea::geojson_feature)
                .collect();
            let doc = serde_json::json!({"type": "FeatureCollection", "features": features});
            let mut out = BufWriter::new(File::create(&tmp)?);
            serde_json::to_writer(&mut out, &doc).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        }
        _ => {
            return Err(OutputError::Format(format!(
                "{} (interference areas: use .csv or .geojson)",
                path.display()
            )))
        }
    }
    std::fs::rename(&tmp, path)?;
    Ok(())
}

#[cfg(feature = "parquet")]
pub use parquet_out::{batch as events_batch, events_from_batch, schema as events_schema};

/// The events as Arrow: the Parquet file's schema, record batches of events and back.
#[cfg(feature = "parquet")]
mod parquet_out {
    use std::fs::File;
    use std::sync::Arc;

    use arrow_array::builder::{
        Float64Builder, StringBuilder, TimestampMillisecondBuilder, UInt32Builder, UInt64Builder,
    };
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, TimestampMillisecondType, UInt32Type, UInt64Type};
    use arrow_array::{Array, ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
    use parquet::arrow::ArrowWriter;
    use parquet::basic::{Compression, ZstdLevel};
    use parquet::file::properties::WriterProperties;

    use super::OutputError;
    use lookout_core::event::{Event, EventType};

    /// The events' Arrow schema (the columns of `events.csv`, typed).
    pub fn schema() -> SchemaRef {
        let ts = || DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into()));
        Arc::new(Schema::new(vec![
            Field::new("event_id", DataType::Utf8, false),
            Field::new("event_type", DataType::Utf8, false),
            Field::new("mmsi", DataType::UInt32, false),
            Field::new("other_mmsi", DataType::UInt32, true),
            Field::new("start_time", ts(), false),
            Field::new("end_time", ts(), false),
            Field::new("lat", DataType::Float64, true),
            Field::new("lon", DataType::Float64, true),
            Field::new("end_lat", DataType::Float64, true),
            Field::new("end_lon", DataType::Float64, true),
            Field::new("area", DataType::Utf8, true),
            Field::new("other_area", DataType::Utf8, true),
            Field::new("confidence", DataType::Float64, false),
            Field::new("details", DataType::Utf8, false),
            Field::new("n_positions", DataType::UInt64, false),
            Field::new("evidence_start", ts(), false),
            Field::new("evidence_end", ts(), false),
        ]))
    }

    pub fn writer(file: File) -> Result<ArrowWriter<File>, OutputError> {
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .build();
        Ok(ArrowWriter::try_new(file, schema(), Some(props))?)
    }

    /// A record batch of events.
    pub fn batch(events: &[Event]) -> Result<RecordBatch, OutputError> {
        let n = events.len();
        let s = |get: &dyn Fn(&Event) -> Option<String>| {
            let mut b = StringBuilder::with_capacity(n, n * 16);
            events.iter().for_each(|e| b.append_option(get(e)));
            Arc::new(b.finish()) as ArrayRef
        };
        let fl = |get: &dyn Fn(&Event) -> Option<f64>| {
            let mut b = Float64Builder::with_capacity(n);
            events
                .iter()
                .for_each(|e| b.append_option(get(e).filter(|x| x.is_finite())));
            Arc::new(b.finish()) as ArrayRef
        };
        let ts = |get: &dyn Fn(&Event) -> i64| {
            let mut b = TimestampMillisecondBuilder::with_capacity(n).with_timezone("UTC");
            events.iter().for_each(|e| b.append_value(get(e)));
            Arc::new(b.finish()) as ArrayRef
        };
        let mut mmsi = UInt32Builder::with_capacity(n);
        let mut other = UInt32Builder::with_capacity(n);
        let mut npos = UInt64Builder::with_capacity(n);
        for e in events {
            mmsi.append_value(e.mmsi);
            other.append_option(e.other_mmsi);
            npos.append_value(e.n_positions);
        }
        let columns: Vec<ArrayRef> = vec![
            s(&|e| Some(e.event_id())),
            s(&|e| Some(e.event_type.as_str().to_owned())),
            Arc::new(mmsi.finish()),
            Arc::new(other.finish()),
            ts(&|e| e.start_time),
            ts(&|e| e.end_time),
            fl(&|e| e.lat),
            fl(&|e| e.lon),
            fl(&|e| e.end_lat),
            fl(&|e| e.end_lon),
            s(&|e| e.area.clone()),
            s(&|e| e.other_area.clone()),
            fl(&|e| Some(e.confidence)),
            s(&|e| Some(serde_json::Value::Object(e.details.clone()).to_string())),
            Arc::new(npos.finish()),
            ts(&|e| e.evidence_start),
            ts(&|e| e.evidence_end),
        ];
        Ok(RecordBatch::try_new(schema(), columns)?)
    }

    /// Events back from a batch in [`schema`] (`event_id` is derived and not read).
    pub fn events_from_batch(batch: &RecordBatch) -> Result<Vec<Event>, OutputError> {
        let bad = |m: String| OutputError::Arrow(arrow_schema::ArrowError::SchemaError(m));
        let col = |name: &str| {
            batch
                .column_by_name(name)
                .ok_or_else(|| bad(format!("no column {name}")))
        };
        let typed = |name: &str| -> Result<(), OutputError> {
            let want = schema();
            let field = want.field_with_name(name)?;
            let got = col(name)?.data_type();
            if got == field.data_type() {
                Ok(())
            } else {
                Err(bad(format!(
                    "column {name} has type {got}, not {}",
                    field.data_type()
                )))
            }
        };
        for f in schema().fields().iter().skip(1) {
            typed(f.name())?;
        }
        let text = |name: &str| col(name).map(|c| c.as_string::<i32>().clone());
        let f64s = |name: &str| col(name).map(|c| c.as_primitive::<Float64Type>().clone());
        let times =
            |name: &str| col(name).map(|c| c.as_primitive::<TimestampMillisecondType>().clone());
        let (kind, area, other_area, details) = (
            text("event_type")?,
            text("area")?,
            text("other_area")?,
            text("details")?,
        );
        let mmsi = col("mmsi")?.as_primitive::<UInt32Type>().clone();
        let other = col("other_mmsi")?.as_primitive::<UInt32Type>().clone();
        let npos = col("n_positions")?.as_primitive::<UInt64Type>().clone();
        let (lat, lon, end_lat, end_lon, confidence) = (
            f64s("lat")?,
            f64s("lon")?,
            f64s("end_lat")?,
            f64s("end_lon")?,
            f64s("confidence")?,
        );
        let (start, end, ev0, ev1) = (
            times("start_time")?,
            times("end_time")?,
            times("evidence_start")?,
            times("evidence_end")?,
        );
        let opt_f = |a: &arrow_array::Float64Array, i: usize| a.is_valid(i).then(|| a.value(i));
        let opt_s =
            |a: &arrow_array::StringArray, i: usize| a.is_valid(i).then(|| a.value(i).to_owned());
        (0..batch.num_rows())
            .map(|i| {
                let event_type = EventType::from_name(kind.value(i))
                    .ok_or_else(|| bad(format!("row {i}: unknown event_type {}", kind.value(i))))?;
                let details = serde_json::from_str(details.value(i))
                    .map_err(|e| bad(format!("row {i}: details: {e}")))?;
                Ok(Event {
                    event_type,
                    mmsi: mmsi.value(i),
                    other_mmsi: other.is_valid(i).then(|| other.value(i)),
                    start_time: start.value(i),
                    end_time: end.value(i),
                    lat: opt_f(&lat, i),
                    lon: opt_f(&lon, i),
                    end_lat: opt_f(&end_lat, i),
                    end_lon: opt_f(&end_lon, i),
                    area: opt_s(&area, i),
                    other_area: opt_s(&other_area, i),
                    confidence: confidence.value(i),
                    details,
                    n_positions: npos.value(i),
                    evidence_start: ev0.value(i),
                    evidence_end: ev1.value(i),
                })
            })
            .collect()
    }
}
