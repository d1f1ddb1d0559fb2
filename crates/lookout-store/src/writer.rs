//! Buffered, de-duplicating, crash-safe writer.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fs::{self, File};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
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
use crate::store::{file_entry, relative, sync_dir, FileEntry, InputEntry, Store, Table};

/// Tuning of [`StoreWriter`].
#[derive(Clone, Debug)]
pub struct WriteOptions {
    /// Rows per Parquet row group (the unit skipped by readers using statistics).
    pub row_group_rows: usize,
    /// How many (table, day) partitions keep their de-duplication keys in memory (half of
    /// them, rounded up, per table); others are reloaded from their files when rows for them
    /// arrive again.
    pub dedup_partitions: usize,
    /// A flush writes the positions and the statics on two threads at once (the same files
    /// as one after the other).
    pub parallel_tables: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            row_group_rows: 64 * 1024,
            dedup_partitions: 8,
            parallel_tables: false,
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

/// De-duplication keys of one table's recently touched days, least recently used first.
#[derive(Default)]
struct DedupCache {
    keys: HashMap<i64, HashSet<DedupKey>>,
    order: VecDeque<i64>,
}

impl DedupCache {
    fn forget(&mut self, day: i64) {
        self.keys.remove(&day);
        self.order.retain(|d| *d != day);
    }
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
    /// De-duplication keys of the positions and of the statics.
    dedup: [DedupCache; 2],
    seq: AtomicU64,
    totals: FlushStats,
}

/// What a flush did to one table.
struct TableFlush {
    committed: Vec<FileEntry>,
    rows: u64,
    duplicates: u64,
    result: Result<()>,
}

/// What writing a table's partitions reads: the store, the options, the file counter.
struct Partitions<'a> {
    store: &'a Store,
    opts: &'a WriteOptions,
    seq: &'a AtomicU64,
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
            dedup: Default::default(),
            seq: AtomicU64::new(0),
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

    /// Copies every row of the store `from` into this one, committing as it goes (at least every
    /// `batch_rows` rows): `from`'s inputs are registered here by name (rows keep naming their
    /// input), and rows this store already holds are dropped as duplicates, as in any flush.
    pub fn append_store(&mut self, from: &Store, batch_rows: usize) -> Result<FlushStats> {
        let mut ids = HashMap::new();
        for input in &from.manifest().inputs {
            ids.insert(input.id, self.register_input(&input.name)?);
        }
        let mut stats = FlushStats::default();
        for table in [Table::Positions, Table::Statics] {
            for f in from.files(table) {
                let path = from.root().join(&f.path);
                for batch in read_file(&path, None, None)? {
                    let batch = batch.with_context(|| format!("reading {}", path.display()))?;
                    match table {
                        Table::Positions => {
                            for mut r in positions_from_batch(&batch)? {
                                r.prov.input_id = self.input_id(from, r.prov.input_id, &mut ids)?;
                                self.push_position(r);
                            }
                        }
                        Table::Statics => {
                            for mut r in statics_from_batch(&batch)? {
                                r.prov.input_id = self.input_id(from, r.prov.input_id, &mut ids)?;
                                self.push_static(r);
                            }
                        }
                    }
                }
                if self.pending >= batch_rows {
                    stats += self.flush()?;
                }
            }
        }
        stats += self.flush()?;
        Ok(stats)
    }

    /// This store's id of input `old` of `from` (one its manifest does not name is registered
    /// under the store's path and the id).
    fn input_id(&mut self, from: &Store, old: u32, ids: &mut HashMap<u32, u32>) -> Result<u32> {
        if let Some(&id) = ids.get(&old) {
            return Ok(id);
        }
        let id = self.register_input(&format!("{} input {old}", from.root().display()))?;
        ids.insert(old, id);
        Ok(id)
    }

    /// Commits every buffered row. When it returns `Ok`, the rows are durable and listed in the
    /// manifest.
    pub fn flush(&mut self) -> Result<FlushStats> {
        let positions = std::mem::take(&mut self.positions);
        let statics = std::mem::take(&mut self.statics);
        self.pending = 0;
        let parts = Partitions {
            store: &self.store,
            opts: &self.opts,
            seq: &self.seq,
        };
        let [position_keys, static_keys] = &mut self.dedup;
        let write_positions = || {
            parts.table(
                position_keys,
                Table::Positions,
                positions,
                |r| (r.mmsi, r.time),
                PositionRow::dedup_key,
                positions_to_batch,
            )
        };
        let write_statics = || {
            parts.table(
                static_keys,
                Table::Statics,
                statics,
                |r| (r.mmsi, r.time),
                StaticRow::dedup_key,
                statics_to_batch,
            )
        };
        let (p, s) = if self.opts.parallel_tables {
            std::thread::scope(|scope| {
                let p = scope.spawn(write_positions);
                let s = write_statics();
                (p.join().expect("positions writer panicked"), s)
            })
        } else {
            let p = write_positions();
            let s = match p.result {
                Ok(()) => write_statics(),
                Err(_) => TableFlush::skipped(),
            };
            (p, s)
        };
        let stats = FlushStats {
            positions: p.rows,
            statics: s.rows,
            duplicates: p.duplicates + s.duplicates,
            files: (p.committed.len() + s.committed.len()) as u64,
        };
        // Files already renamed into place are committed even if a later partition failed.
        let files = &mut self.store.manifest_mut().files;
        files.extend(p.committed);
        files.extend(s.committed);
        self.store.save_manifest()?;
        p.result.and(s.result)?;
        self.totals += stats;
        Ok(stats)
    }
}

impl TableFlush {
    /// A table not written because the one before failed.
    fn skipped() -> TableFlush {
        TableFlush {
            committed: Vec::new(),
            rows: 0,
            duplicates: 0,
            result: Ok(()),
        }
    }
}

impl Partitions<'_> {
    /// Writes a table's partitions (day by day): sorts each, drops rows already stored,
    /// commits one file; stops at the first failure.
    fn table<R>(
        &self,
        cache: &mut DedupCache,
        table: Table,
        days: BTreeMap<i64, Vec<R>>,
        order: fn(&R) -> (u32, i64),
        key: fn(&R) -> DedupKey,
        batch: fn(&[R]) -> Result<RecordBatch>,
    ) -> TableFlush {
        let mut out = TableFlush::skipped();
        for (day, mut rows) in days {
            rows.sort_by_key(order);
            let result = self
                .keys(cache, table, day)
                .map(|keys| {
                    let before = rows.len();
                    rows.retain(|r| keys.insert(key(r)));
                    out.duplicates += (before - rows.len()) as u64;
                })
                .and_then(|()| self.write_partition(table, day, rows.len(), || batch(&rows)))
                .map(|e| out.committed.extend(e));
            if let Err(e) = result {
                cache.forget(day);
                out.result = Err(e);
                break;
            }
            out.rows += rows.len() as u64;
        }
        out
    }

    /// The key set of a partition, loaded from its files if not cached.
    fn keys<'c>(
        &self,
        cache: &'c mut DedupCache,
        table: Table,
        day: i64,
    ) -> Result<&'c mut HashSet<DedupKey>> {
        if let Some(pos) = cache.order.iter().position(|d| *d == day) {
            cache.order.remove(pos);
        } else {
            let mut keys = HashSet::new();
            let date = date_string(day);
            for f in self.store.files(table).filter(|f| f.date == date) {
                for batch in read_file(&self.store.root().join(&f.path), None, None)? {
                    let batch = batch?;
                    match table {
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
            while cache.order.len() >= self.opts.dedup_partitions.div_ceil(2).max(1) {
                if let Some(old) = cache.order.pop_front() {
                    cache.keys.remove(&old);
                }
            }
            cache.keys.insert(day, keys);
        }
        cache.order.push_back(day);
        Ok(cache.keys.get_mut(&day).expect("just inserted"))
    }

    /// Writes one partition's rows to a new file; returns its manifest entry.
    fn write_partition(
        &self,
        table: Table,
        day: i64,
        rows: usize,
        batch: impl FnOnce() -> Result<RecordBatch>,
    ) -> Result<Option<FileEntry>> {
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
        let seq = self.seq.fetch_add(1, Ordering::Relaxed) + 1;
        let name = format!("part-{now}-{}-{seq:04}.parquet", std::process::id());
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
