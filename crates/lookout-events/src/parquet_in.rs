//! Reading the store's Parquet files (`positions/` and `statics/` of one day, each sorted by
//! (mmsi, time)) as one stream of [`Record`]s in (mmsi, time) order: a k-way merge over the
//! files that holds one decoded batch per file, never the whole day.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, TimestampMillisecondType, UInt16Type, UInt32Type, UInt8Type,
};
use arrow_array::{Array, RecordBatch};
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

use crate::output::OutputError;
use lookout_core::record::{Position, Record, Static};

/// Which table a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// `positions/`
    Positions,
    /// `statics/`
    Statics,
}

/// (mmsi, time, 0 for statics / 1 for positions).
type Key = (u32, i64, u8);

struct Cursor {
    reader: ParquetRecordBatchReader,
    table: Table,
    path: PathBuf,
    rows: std::vec::IntoIter<Record>,
    head: Option<Record>,
}

fn column<'a>(
    batch: &'a RecordBatch,
    name: &str,
    path: &Path,
) -> Result<&'a dyn Array, OutputError> {
    batch
        .column_by_name(name)
        .map(|c| c.as_ref())
        .ok_or_else(|| {
            OutputError::Format(format!(
                "{}: no column `{name}` (not a Lookout store file?)",
                path.display()
            ))
        })
}

macro_rules! prim {
    ($batch:expr, $name:expr, $ty:ty, $path:expr) => {{
        let c = column($batch, $name, $path)?;
        c.as_primitive_opt::<$ty>().ok_or_else(|| {
            OutputError::Format(format!(
                "{}: column `{}` has type {}",
                $path.display(),
                $name,
                c.data_type()
            ))
        })?
    }};
}

fn opt<T: arrow_array::ArrowPrimitiveType>(
    a: &arrow_array::PrimitiveArray<T>,
    i: usize,
) -> Option<T::Native> {
    a.is_valid(i).then(|| a.value(i))
}

fn decode(batch: &RecordBatch, table: Table, path: &Path) -> Result<Vec<Record>, OutputError> {
    let mmsi = prim!(batch, "mmsi", UInt32Type, path);
    let time = prim!(batch, "time", TimestampMillisecondType, path);
    let n = batch.num_rows();
    let mut out = Vec::with_capacity(n);
    match table {
        Table::Positions => {
            let lat = prim!(batch, "lat", Float64Type, path);
            let lon = prim!(batch, "lon", Float64Type, path);
            let sog = prim!(batch, "sog", Float32Type, path);
            let cog = prim!(batch, "cog", Float32Type, path);
            let heading = prim!(batch, "heading", UInt16Type, path);
            let nav = prim!(batch, "nav_status", UInt8Type, path);
            for i in 0..n {
                out.push(Record::Position(Position {
                    mmsi: mmsi.value(i),
                    time: time.value(i),
                    lat: lat.value(i),
                    lon: lon.value(i),
                    sog: opt(sog, i),
                    cog: opt(cog, i),
                    heading: opt(heading, i),
                    nav_status: opt(nav, i),
                }));
            }
        }
        Table::Statics => {
            let imo = prim!(batch, "imo", UInt32Type, path);
            let ship_type = prim!(batch, "ship_type", UInt8Type, path);
            let draught = prim!(batch, "draught", Float32Type, path);
            let text = |name: &str| -> Result<_, OutputError> {
                column(batch, name, path)?
                    .as_string_opt::<i32>()
                    .ok_or_else(|| {
                        OutputError::Format(format!(
                            "{}: column `{name}` is not text",
                            path.display()
                        ))
                    })
            };
            let (callsign, name, destination) =
                (text("callsign")?, text("name")?, text("destination")?);
            let s = |a: &arrow_array::StringArray, i: usize| {
                a.is_valid(i).then(|| a.value(i).to_owned())
            };
            for i in 0..n {
                out.push(Record::Static(Static {
                    mmsi: mmsi.value(i),
                    time: time.value(i),
                    imo: opt(imo, i),
                    callsign: s(callsign, i),
                    name: s(name, i),
                    ship_type: opt(ship_type, i),
                    draught: opt(draught, i),
                    destination: s(destination, i),
                }));
            }
        }
    }
    Ok(out)
}

impl Cursor {
    fn open(path: &Path, table: Table) -> Result<Self, OutputError> {
        let file = File::open(path)?;
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)?
            .with_batch_size(8192)
            .build()?;
        let mut c = Cursor {
            reader,
            table,
            path: path.to_owned(),
            rows: Vec::new().into_iter(),
            head: None,
        };
        c.advance()?;
        Ok(c)
    }

    fn advance(&mut self) -> Result<(), OutputError> {
        loop {
            if let Some(r) = self.rows.next() {
                self.head = Some(r);
                return Ok(());
            }
            match self.reader.next() {
                Some(batch) => self.rows = decode(&batch?, self.table, &self.path)?.into_iter(),
                None => {
                    self.head = None;
                    return Ok(());
                }
            }
        }
    }

    /// Merge key: statics before positions at the same (mmsi, time).
    fn key(&self) -> Option<Key> {
        self.head.as_ref().map(|r| {
            (
                r.mmsi(),
                r.time(),
                u8::from(matches!(r, Record::Position(_))),
            )
        })
    }
}

/// Records of a set of files merged in (mmsi, time) order.
pub struct Merge {
    cursors: Vec<Cursor>,
    heap: BinaryHeap<Reverse<(Key, usize)>>,
}

impl Merge {
    /// Opens the files.
    pub fn open(files: &[(PathBuf, Table)]) -> Result<Self, OutputError> {
        let mut cursors = Vec::with_capacity(files.len());
        let mut heap = BinaryHeap::new();
        for (path, table) in files {
            let c = Cursor::open(path, *table)?;
            if let Some(k) = c.key() {
                heap.push(Reverse((k, cursors.len())));
            }
            cursors.push(c);
        }
        Ok(Self { cursors, heap })
    }
}

impl Iterator for Merge {
    type Item = Result<Record, OutputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let Reverse((_, i)) = self.heap.pop()?;
        let c = &mut self.cursors[i];
        let record = c.head.take()?;
        if let Err(e) = c.advance() {
            return Some(Err(e));
        }
        if let Some(k) = c.key() {
            self.heap.push(Reverse((k, i)));
        }
        Some(Ok(record))
    }
}

/// One store file, as listed in the store's manifest.
#[derive(Debug, Clone)]
pub struct StoreFile {
    /// Partition date, `YYYY-MM-DD`.
    pub date: String,
    /// Latest row time in the file, ms.
    pub max_time: i64,
    /// Earliest row time in the file, ms.
    pub min_time: i64,
    /// Full path.
    pub path: PathBuf,
    /// Table.
    pub table: Table,
}

/// Every positions and statics file of an opened store.
pub fn store_files(store: &lookout_store::Store) -> Vec<StoreFile> {
    let mut files = Vec::new();
    for (table, t) in [
        (lookout_store::Table::Positions, Table::Positions),
        (lookout_store::Table::Statics, Table::Statics),
    ] {
        files.extend(store.files(table).map(|f| StoreFile {
            date: f.date.clone(),
            min_time: f.min_time,
            max_time: f.max_time,
            path: store.root().join(&f.path),
            table: t,
        }));
    }
    files
}

/// Runs the engine over store files day by day (each day merged in (mmsi, time) order and
/// flushed at its end), keeping records in `[from, to]`; `sink` receives each batch of events.
pub fn run_store(
    engine: &mut crate::Engine,
    files: Vec<StoreFile>,
    from: Option<i64>,
    to: Option<i64>,
    mut sink: impl FnMut(&[crate::Event]) -> Result<(), OutputError>,
) -> Result<(), OutputError> {
    let mut days: std::collections::BTreeMap<String, (i64, Vec<(PathBuf, Table)>)> =
        Default::default();
    for f in files {
        if from.is_some_and(|t| f.max_time < t) || to.is_some_and(|t| f.min_time > t) {
            continue;
        }
        let day = days.entry(f.date).or_insert((i64::MIN, Vec::new()));
        day.0 = day.0.max(f.max_time);
        day.1.push((f.path, f.table));
    }
    for (max_time, files) in days.values() {
        for record in Merge::open(files)? {
            let record = record?;
            let t = record.time();
            if from.is_some_and(|f| t < f) || to.is_some_and(|l| t > l) {
                continue;
            }
            engine.push(&record);
        }
        sink(&engine.flush(max_time + 1))?;
    }
    sink(&engine.finish())
}
