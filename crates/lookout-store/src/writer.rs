//! Buffered, de-duplicating, crash-safe writer.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fs::{self, File};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context, Result};
use arrow_array::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, Encoding, ZstdLevel};
use parquet::file::metadata::SortingColumn;
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;

use crate::read::read_file;
use crate::schema::{
    positions_from_batch, positions_to_batch, statics_from_batch, statics_to_batch, DedupKey,
    PositionRow, StaticRow,
};
use crate::store::{file_entry, relative, sync_dir, InputEntry, Store, Table};

/// Tuning of [`StoreWriter`].
#[derive(Clone, Debug)]
pub struct WriteOptions {
    /// Rows per Parquet row group (the unit skipped by readers using statistics).
    pub row_group_rows: usize,
    /// How many (table, day) partitions keep their de-duplication keys in memory; others are
    /// reloaded from their files when rows for them arrive again.
    pub dedup_partitions: usize,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            row_group_rows: 64 * 1024,
            dedup_partitions: 8,
        }
    }
}

/// What one [`StoreWriter::flush`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlushStats {
    /// Position rows written.
    pub positions: u64,
    /// Static rows written.
    pub statics: u64,
    /// Rows dropped because the store (or the same batch) already held them.
    pub duplicates: u64,
    /// Parquet files written.
    pub files: u64,
}

impl std::ops::AddAssign for FlushStats {
    fn add_assign(&mut self, o: FlushStats) {
        self.positions += o.positions;
        self.statics += o.statics;
        self.duplicates += o.duplicates;
        self.files += o.files;
    }
}

/// Day number (days since 1970-01-01, UTC) of a time in ms.
pub fn day_of(time_ms: i64) -> i64 {
    lookout_core::time::day_index(time_ms)
}

/// `YYYY-MM-DD` of a day number.
pub fn date_string(day: i64) -> String {
    lookout_core::time::format_day(day * lookout_core::time::DAY_MS)
}

/// De-duplication keys of recently touched partitions, least recently used first.
#[derive(Default)]
struct DedupCache {
    keys: HashMap<(Table, i64), HashSet<DedupKey>>,
    order: VecDeque<(Table, i64)>,
}

/// Writes rows into a store: buffers them per partition, then [`flush`](Self::flush) sorts each
/// partition by (mmsi, time), drops rows already stored, and commits one file per partition
/// (temporary file, fsync, rename, then manifest update). Holds an exclusive lock on the store.
pub struct StoreWriter {
    store: Store,
    _lock: File,
    opts: WriteOptions,
    positions: BTreeMap<i64, Vec<PositionRow>>,
    statics: BTreeMap<i64, Vec<StaticRow>>,
    pending: usize,
    dedup: DedupCache,
    seq: u64,
    totals: FlushStats,
}

impl StoreWriter {
    /// Opens (creating if needed) the store at `root` for writing. Fails if another writer holds
    /// it. Removes temporaries of an interrupted flush and records adopted files.
    pub fn open(root: impl AsRef<Path>, opts: WriteOptions) -> Result<StoreWriter> {
        let root = root.as_ref();
        fs::create_dir_all(root).with_context(|| format!("creating {}", root.display()))?;
        let lock = File::create(root.join(".lock"))?;
        if lock.try_lock().is_err() {
            bail!(
                "store {} is being written by another process",
                root.display()
            );
        }
        let mut store = Store::open(root)?;
        for tmp in store.take_temporaries() {
            fs::remove_file(&tmp).with_context(|| format!("removing {}", tmp.display()))?;
        }
        if store.adopted() > 0 || !root.join(crate::store::MANIFEST).exists() {
            store.save_manifest()?;
        }
        Ok(StoreWriter {
            store,
            _lock: lock,
            opts,
            positions: BTreeMap::new(),
            statics: BTreeMap::new(),
            pending: 0,
            dedup: DedupCache::default(),
            seq: 0,
            totals: FlushStats::default(),
        })
    }

    /// The store being written (its manifest reflects every commit so far).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Returns the id of input `name`, registering it (and saving the manifest) if new, so that
    /// rows written later can name it. Re-ingesting the same name reuses its id.
    pub fn register_input(&mut self, name: &str) -> Result<u32> {
        let m = self.store.manifest_mut();
        if let Some(i) = m.inputs.iter().find(|i| i.name == name) {
            return Ok(i.id);
        }
        let id = m.inputs.iter().map(|i| i.id + 1).max().unwrap_or(0);
        m.inputs.push(InputEntry {
            id,
            name: name.to_owned(),
        });
        self.store.save_manifest()?;
        Ok(id)
    }

    /// Buffers a position row.
    pub fn push_position(&mut self, row: PositionRow) {
        self.positions
            .entry(day_of(row.time))
            .or_default()
            .push(row);
        self.pending += 1;
    }

    /// Buffers a static row.
    pub fn push_static(&mut self, row: StaticRow) {
        self.statics.entry(day_of(row.time)).or_default().push(row);
        self.pending += 1;
    }

    /// Rows buffered and not yet flushed.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Totals of every flush so far.
    pub fn totals(&self) -> FlushStats {
        self.totals
    }

    /// Commits every buffered row. When it returns `Ok`, the rows are durable and listed in the
    /// manifest.
    pub fn flush(&mut self) -> Result<FlushStats> {
        let mut stats = FlushStats::default();
        let mut committed = Vec::new();
        let positions = std::mem::take(&mut self.positions);
        let statics = std::mem::take(&mut self.statics);
        self.pending = 0;
        let mut result = Ok(());
        for (day, mut rows) in positions {
            rows.sort_by_key(|r| (r.mmsi, r.time));
            let part = (Table::Positions, day);
            result = self
                .keep_new(part, &mut rows, PositionRow::dedup_key, &mut stats)
                .and_then(|()| self.write_partition(part, rows.len(), || positions_to_batch(&rows)))
                .map(|e| committed.extend(e));
            if result.is_err() {
                self.forget(part);
                break;
            }
            stats.positions += rows.len() as u64;
        }
        if result.is_ok() {
            for (day, mut rows) in statics {
                rows.sort_by_key(|r| (r.mmsi, r.time));
                let part = (Table::Statics, day);
                result = self
                    .keep_new(part, &mut rows, StaticRow::dedup_key, &mut stats)
                    .and_then(|()| {
                        self.write_partition(part, rows.len(), || statics_to_batch(&rows))
                    })
                    .map(|e| committed.extend(e));
                if result.is_err() {
                    self.forget(part);
                    break;
                }
                stats.statics += rows.len() as u64;
            }
        }
        stats.files = committed.len() as u64;
        // Files already renamed into place are committed even if a later partition failed.
        self.store.manifest_mut().files.extend(committed);
        self.store.save_manifest()?;
        result?;
        self.totals += stats;
        Ok(stats)
    }

    /// Drops rows whose key the partition (or an earlier row of `rows`) already holds.
    fn keep_new<R>(
        &mut self,
        part: (Table, i64),
        rows: &mut Vec<R>,
        key: fn(&R) -> DedupKey,
        stats: &mut FlushStats,
    ) -> Result<()> {
        let keys = self.keys(part)?;
        let before = rows.len();
        rows.retain(|r| keys.insert(key(r)));
        stats.duplicates += (before - rows.len()) as u64;
        Ok(())
    }

    /// The key set of a partition, loaded from its files if not cached.
    fn keys(&mut self, part: (Table, i64)) -> Result<&mut HashSet<DedupKey>> {
        if let Some(pos) = self.dedup.order.iter().position(|p| *p == part) {
            self.dedup.order.remove(pos);
        } else {
            let mut keys = HashSet::new();
            let date = date_string(part.1);
            let files: Vec<String> = self
                .store
                .files(part.0)
                .filter(|f| f.date == date)
                .map(|f| f.path.clone())
                .collect();
            for rel in files {
                for batch in read_file(&self.store.root().join(&rel), None, None)? {
                    let batch = batch?;
                    match part.0 {
                        Table::Positions => keys.extend(
                            positions_from_batch(&batch)?
                                .iter()
                                .map(PositionRow::dedup_key),
                        ),
                        Table::Statics => keys
                            .extend(statics_from_batch(&batch)?.iter().map(StaticRow::dedup_key)),
                    }
                }
            }
            while self.dedup.order.len() >= self.opts.dedup_partitions.max(1) {
                if let Some(old) = self.dedup.order.pop_front() {
                    self.dedup.keys.remove(&old);
                }
            }
            self.dedup.keys.insert(part, keys);
        }
        self.dedup.order.push_back(part);
        Ok(self.dedup.keys.get_mut(&part).expect("just inserted"))
    }

    fn forget(&mut self, part: (Table, i64)) {
        self.dedup.keys.remove(&part);
        self.dedup.order.retain(|p| *p != part);
    }

    /// Writes one partition's rows to a new file; returns its manifest entry.
    fn write_partition(
        &mut self,
        (table, day): (Table, i64),
        rows: usize,
        batch: impl FnOnce() -> Result<RecordBatch>,
    ) -> Result<Option<crate::store::FileEntry>> {
        if rows == 0 {
            return Ok(None);
        }
        let date = date_string(day);
        let dir = self
            .store
            .root()
            .join(table.dir())
            .join(format!("date={date}"));
        fs::create_dir_all(&dir)?;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        self.seq += 1;
        let name = format!("part-{now}-{}-{:04}.parquet", std::process::id(), self.seq);
        let tmp = dir.join(format!(".{name}.tmp"));
        let path = dir.join(&name);
        let file = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let batch = batch()?;
        let mut writer = ArrowWriter::try_new(file, batch.schema(), Some(self.properties(table)?))?;
        writer.write(&batch)?;
        let file = writer.into_inner()?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, &path)?;
        sync_dir(&dir)?;
        let rel = relative(self.store.root(), &path);
        Ok(Some(file_entry(self.store.root(), table, &date, &rel)?))
    }

    fn properties(&self, table: Table) -> Result<WriterProperties> {
        let sorted = |i| SortingColumn {
            column_idx: i,
            descending: false,
            nulls_first: false,
        };
        let mut b = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(3)?))
            .set_max_row_group_row_count(Some(self.opts.row_group_rows))
            .set_sorting_columns(Some(vec![sorted(0), sorted(1)]))
            .set_created_by(concat!("lookout-store ", env!("CARGO_PKG_VERSION")).into());
        // Within one vessel (the sort order) times and input lines increase: store deltas.
        for col in ["time", "input_line"] {
            let col = ColumnPath::from(col);
            b = b
                .set_column_dictionary_enabled(col.clone(), false)
                .set_column_encoding(col, Encoding::DELTA_BINARY_PACKED);
        }
        if table == Table::Positions {
            // Coordinates: a dictionary while it pays (vessels at anchor or moored repeat
            // them), else split their bytes so zstd finds the shared high-order bytes of
            // neighbouring fixes (BYTE_STREAM_SPLIT is the fallback encoding).
            for col in ["lat", "lon"] {
                b = b.set_column_encoding(ColumnPath::from(col), Encoding::BYTE_STREAM_SPLIT);
            }
        }
        Ok(b.build())
    }
}
