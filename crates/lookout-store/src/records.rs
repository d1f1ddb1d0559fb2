//! The store as the detectors read it: `lookout_core` records of one day's positions and
//! statics, merged from that day's files in (mmsi, time) order (statics first at equal times),
//! holding one decoded batch per file, never the whole day. Records carry their receiving
//! station (the `source` column) and positions their message type, for the detectors' reception
//! model.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{anyhow, Context, Result};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, TimestampMillisecondType, UInt16Type, UInt32Type, UInt8Type,
};
use arrow_array::{Array, PrimitiveArray, RecordBatch, StringArray};
use lookout_core::record::{Position, Record, Static};
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

use crate::store::{Store, Table};

/// One day of the store: its files and the latest time they hold.
#[derive(Debug, Clone)]
pub struct Day {
    /// Partition date, `YYYY-MM-DD`.
    pub date: String,
    /// Latest row time in the day's files, ms.
    pub max_time: i64,
    files: Vec<(PathBuf, Table)>,
}

impl Day {
    /// The day's records in (mmsi, time) order.
    pub fn records(&self) -> Result<Merge> {
        Merge::open(&self.files)
    }
}

/// The store's days, in date order, whose files may hold times in `[from, to]`.
pub fn days(store: &Store, from: Option<i64>, to: Option<i64>) -> Vec<Day> {
    let mut days: BTreeMap<&str, Day> = BTreeMap::new();
    for table in [Table::Positions, Table::Statics] {
        for f in store.files(table) {
            if from.is_some_and(|t| f.max_time < t) || to.is_some_and(|t| f.min_time > t) {
                continue;
            }
            let day = days.entry(&f.date).or_insert_with(|| Day {
                date: f.date.clone(),
                max_time: i64::MIN,
                files: Vec::new(),
            });
            day.max_time = day.max_time.max(f.max_time);
            day.files.push((store.root().join(&f.path), table));
        }
    }
    days.into_values().collect()
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

fn column<'a>(batch: &'a RecordBatch, name: &str, path: &Path) -> Result<&'a dyn Array> {
    batch
        .column_by_name(name)
        .map(|c| c.as_ref())
        .ok_or_else(|| {
            anyhow!(
                "{}: no column `{name}` (not a Lookout store file?)",
                path.display()
            )
        })
}

fn primitive<'a, T: arrow_array::ArrowPrimitiveType>(
    batch: &'a RecordBatch,
    name: &str,
    path: &Path,
) -> Result<&'a PrimitiveArray<T>> {
    let c = column(batch, name, path)?;
    c.as_primitive_opt::<T>().ok_or_else(|| {
        anyhow!(
            "{}: column `{name}` has type {}",
            path.display(),
            c.data_type()
        )
    })
}

fn text<'a>(batch: &'a RecordBatch, name: &str, path: &Path) -> Result<&'a StringArray> {
    column(batch, name, path)?
        .as_string_opt::<i32>()
        .ok_or_else(|| anyhow!("{}: column `{name}` is not text", path.display()))
}

fn opt<T: arrow_array::ArrowPrimitiveType>(a: &PrimitiveArray<T>, i: usize) -> Option<T::Native> {
    a.is_valid(i).then(|| a.value(i))
}

/// The records of one batch with a store table's columns (other columns are ignored; `source`
/// and `msg_type` may be missing from a table a user built), in the
/// batch's order; errors name the batch as `what`.
pub fn batch_records(batch: &RecordBatch, table: Table, what: &str) -> Result<Vec<Record>> {
    decode(batch, table, Path::new(what))
}

fn decode(batch: &RecordBatch, table: Table, path: &Path) -> Result<Vec<Record>> {
    let mmsi = primitive::<UInt32Type>(batch, "mmsi", path)?;
    let time = primitive::<TimestampMillisecondType>(batch, "time", path)?;
    let n = batch.num_rows();
    let mut out = Vec::with_capacity(n);
    // The receiving station, one shared name per station and batch; a table without the
    // `source` column (one a user built) has none.
    let source = match batch.column_by_name("source") {
        Some(_) => Some(text(batch, "source", path)?),
        None => None,
    };
    let mut stations: HashMap<&str, Arc<str>> = HashMap::new();
    let mut station = |i: usize| {
        let source = source?;
        source.is_valid(i).then(|| {
            let s = source.value(i);
            stations.entry(s).or_insert_with(|| Arc::from(s)).clone()
        })
    };
    match table {
        Table::Positions => {
            let lat = primitive::<Float64Type>(batch, "lat", path)?;
            let lon = primitive::<Float64Type>(batch, "lon", path)?;
            let sog = primitive::<Float32Type>(batch, "sog", path)?;
            let cog = primitive::<Float32Type>(batch, "cog", path)?;
            let heading = primitive::<UInt16Type>(batch, "heading", path)?;
            let nav = primitive::<UInt8Type>(batch, "nav_status", path)?;
            // Without `msg_type` (a user's table), reports are read as Class A.
            let msg_type = match batch.column_by_name("msg_type") {
                Some(_) => Some(primitive::<UInt8Type>(batch, "msg_type", path)?),
                None => None,
            };
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
                    msg_type: msg_type.and_then(|m| opt(m, i)).unwrap_or(0),
                    station: station(i),
                }));
            }
        }
        Table::Statics => {
            let imo = primitive::<UInt32Type>(batch, "imo", path)?;
            let ship_type = primitive::<UInt8Type>(batch, "ship_type", path)?;
            let draught = primitive::<Float32Type>(batch, "draught", path)?;
            let (callsign, name, destination) = (
                text(batch, "callsign", path)?,
                text(batch, "name", path)?,
                text(batch, "destination", path)?,
            );
            let s = |a: &StringArray, i: usize| a.is_valid(i).then(|| a.value(i).to_owned());
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
                    station: station(i),
                }));
            }
        }
    }
    Ok(out)
}

impl Cursor {
    fn open(path: &Path, table: Table) -> Result<Self> {
        let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .and_then(|b| b.with_batch_size(8192).build())
            .with_context(|| format!("reading {}", path.display()))?;
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

    fn advance(&mut self) -> Result<()> {
        loop {
            if let Some(r) = self.rows.next() {
                self.head = Some(r);
                return Ok(());
            }
            match self.reader.next() {
                Some(batch) => {
                    let batch =
                        batch.with_context(|| format!("reading {}", self.path.display()))?;
                    self.rows = decode(&batch, self.table, &self.path)?.into_iter();
                }
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
    fn open(files: &[(PathBuf, Table)]) -> Result<Self> {
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
    type Item = Result<Record>;

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
