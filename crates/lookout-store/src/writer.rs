//! Buffered, de-duplicating, crash-safe writer.

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context, Result};
use arrow_array::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, Encoding, ZstdLevel};
use parquet::file::metadata::SortingColumn;
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;

use crate::dedup::{pack, KeySet, TableKeys};
use crate::read::read_file;
use crate::schema::{
    positions_batch_at, positions_from_batch, statics_batch_at, statics_from_batch, DedupKey,
    PositionRow, StaticRow,
};
use crate::store::{file_entry, relative, sync_dir, FileEntry, InputEntry, Store, Table};

/// Default of [`WriteOptions::dedup_window_ms`]: 30 minutes. Exact duplicates (same vessel,
/// receive time and payload) come from one transmission reaching the store twice: a line
/// repeated by a receiver or a relay, two aggregators forwarding the same station's line, an
/// overlap between consecutive files of a feed. Those copies sit seconds to minutes apart in
/// the input; 30 minutes also covers the disorder of a merged feed (the simulator's output is
/// in time order within 10-minute slices; satellite downloads reach a feed within a pass,
/// about 15 minutes). At global volume (500 M messages a day, ~350,000 rows a minute) the
/// window holds ~10 M keys, ~200-400 MB. A row older than the window is still checked, against
/// its whole day reloaded from the store (`docs/store.md`, "De-duplication").
pub const DEDUP_WINDOW_MS: i64 = 30 * 60 * 1000;

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
    /// Rows of a day the store did not hold at open are checked for duplicates against the
    /// rows written in this run whose time is within this many ms of the newest row written
    /// ([`DEDUP_WINDOW_MS`]); a row older than that turns its day to an exact check against
    /// all of its files. The result is the same; only memory depends on it.
    pub dedup_window_ms: i64,
    /// Keep each commit's record batches in memory ([`StoreWriter::take_batches`]) instead of
    /// writing files: the rows and their order are those the files would hold. Rows are then
    /// checked against every row of the run (no window: there are no files to reload).
    pub in_memory: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            row_group_rows: 64 * 1024,
            dedup_partitions: 8,
            parallel_tables: false,
            dedup_window_ms: DEDUP_WINDOW_MS,
            in_memory: false,
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

/// Writes rows into a store: buffers them per partition, then [`flush`](Self::flush) sorts each
/// partition by (mmsi, time), drops rows already stored, and commits one file per partition
/// (temporary file, fsync, rename, then manifest update). Holds an exclusive lock on the store.
/// [`flush_background`](Self::flush_background) does the same on a thread of its own while
/// rows for the next commit are buffered.
pub struct StoreWriter {
    store: Store,
    _lock: File,
    opts: WriteOptions,
    positions: BTreeMap<i64, Buffered<PositionRow>>,
    statics: BTreeMap<i64, Buffered<StaticRow>>,
    pending: usize,
    /// De-duplication keys of the positions and of the statics (`None` while a background
    /// flush holds them).
    keys: Option<Box<[TableKeys; 2]>>,
    /// The flush running in the background, if any.
    running: Option<JoinHandle<FlushDone>>,
    seq: Arc<AtomicU64>,
    totals: FlushStats,
    /// Batches of the commits so far (positions, statics), with `in_memory`.
    batches: [Vec<RecordBatch>; 2],
}

/// What a flush did to one table.
struct TableFlush {
    committed: Vec<FileEntry>,
    batches: Vec<RecordBatch>,
    rows: u64,
    duplicates: u64,
    result: Result<()>,
}

/// A finished flush: both tables, and the key sets it updated.
struct FlushDone {
    positions: TableFlush,
    statics: TableFlush,
    keys: Box<[TableKeys; 2]>,
}

/// What a flush needs, owned so that it may run on a thread of its own.
struct FlushJob {
    positions: BTreeMap<i64, Buffered<PositionRow>>,
    statics: BTreeMap<i64, Buffered<StaticRow>>,
    keys: Box<[TableKeys; 2]>,
    root: PathBuf,
    /// Committed files when the flush started (exact days reload their keys from them).
    files: Vec<FileEntry>,
    opts: WriteOptions,
    seq: Arc<AtomicU64>,
}

/// One day's buffered rows of a table, with what the flush sorts and checks them by, computed
/// when a row is pushed (while it is in cache): per row its sort key (mmsi, time, arrival
/// index; [`sort_key`]) and the low 32 bits of its payload hash (the part of the packed
/// [`DedupKey`] that is not in the sort key). The flush then sorts and de-duplicates without
/// touching the rows, and reads each row once, in sorted order, to build the batch: on a
/// buffer of a million rows every read of a row in sorted order is a cache miss.
struct Buffered<R> {
    rows: Vec<R>,
    order: Vec<u128>,
    payload: Vec<u32>,
}

impl<R> Default for Buffered<R> {
    fn default() -> Self {
        Buffered {
            rows: Vec::new(),
            order: Vec::new(),
            payload: Vec::new(),
        }
    }
}

impl<R> Buffered<R> {
    fn push(&mut self, row: R, (mmsi, time, payload): DedupKey) {
        self.order.push(sort_key(mmsi, time, self.rows.len()));
        self.payload.push(payload as u32);
        self.rows.push(row);
    }

    /// Pushes `rows`, moving the vector in whole (no copy) when the buffer is empty.
    fn append(&mut self, rows: Vec<R>, key: fn(&R) -> DedupKey) {
        if !self.rows.is_empty() {
            for r in rows {
                let k = key(&r);
                self.push(r, k);
            }
            return;
        }
        (self.order, self.payload) = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let (mmsi, time, payload) = key(r);
                (sort_key(mmsi, time, i), payload as u32)
            })
            .unzip();
        self.rows = rows;
    }
}

/// (mmsi, time, index) in 128 bits whose unsigned order is the tuple's: MMSI in the top 32
/// bits, the time with its sign bit flipped in the next 64, the row's arrival index in the
/// low 32 (so that rows with equal keys keep the order they came in).
fn sort_key(mmsi: u32, time: i64, index: usize) -> u128 {
    let index = u32::try_from(index).expect("fewer than 2^32 rows buffered per day");
    (u128::from(mmsi) << 96) | (u128::from((time as u64) ^ (1 << 63)) << 32) | u128::from(index)
}

/// The time of a [`sort_key`].
fn sort_time(k: u128) -> i64 {
    (((k >> 32) as u64) ^ (1 << 63)) as i64
}

/// The packed de-duplication key of a [`sort_key`] whose row's payload hash is `payload`.
fn sorted_dedup_key(k: u128, payload: &[u32]) -> crate::dedup::Key {
    let (mmsi, index) = ((k >> 96) as u32, k as u32);
    pack((mmsi, sort_time(k), u64::from(payload[index as usize])))
}

/// What writing a table's partitions reads: the store's root and files, the options, the file
/// counter.
struct Partitions<'a> {
    root: &'a Path,
    files: &'a [FileEntry],
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
        let mut keys: Box<[TableKeys; 2]> = Box::default();
        for (k, table) in keys.iter_mut().zip([Table::Positions, Table::Statics]) {
            k.preexisting = store.files(table).map(|f| f.date.clone()).collect();
        }
        Ok(StoreWriter {
            store,
            _lock: lock,
            opts,
            positions: BTreeMap::new(),
            statics: BTreeMap::new(),
            pending: 0,
            keys: Some(keys),
            running: None,
            seq: Arc::new(AtomicU64::new(0)),
            totals: FlushStats::default(),
            batches: Default::default(),
        })
    }

    /// The store being written (its manifest reflects every commit so far, apart from a
    /// background flush still running).
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
        let key = row.dedup_key();
        self.positions
            .entry(day_of(row.time))
            .or_default()
            .push(row, key);
        self.pending += 1;
    }

    /// Buffers a static row.
    pub fn push_static(&mut self, row: StaticRow) {
        let key = row.dedup_key();
        self.statics
            .entry(day_of(row.time))
            .or_default()
            .push(row, key);
        self.pending += 1;
    }

    /// Buffers position rows, moving `rows` in whole when they are all of one day whose
    /// buffer is empty (the usual case of a live feed's batch: no copy).
    pub fn push_positions(&mut self, rows: Vec<PositionRow>) {
        self.pending += rows.len();
        push_rows(
            &mut self.positions,
            rows,
            |r| r.time,
            PositionRow::dedup_key,
        );
    }

    /// Buffers static rows, as [`push_positions`](Self::push_positions).
    pub fn push_statics(&mut self, rows: Vec<StaticRow>) {
        self.pending += rows.len();
        push_rows(&mut self.statics, rows, |r| r.time, StaticRow::dedup_key);
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

    /// With [`WriteOptions::in_memory`]: the record batches of `table` committed so far, in
    /// the order a store's files would list them (commit by commit, day by day, each sorted
    /// by (mmsi, time)); they are handed over once.
    pub fn take_batches(&mut self, table: Table) -> Vec<RecordBatch> {
        std::mem::take(&mut self.batches[usize::from(table == Table::Statics)])
    }

    /// Commits every buffered row (after waiting for a background flush, whose counts are
    /// included). When it returns `Ok`, the rows are durable and listed in the manifest.
    pub fn flush(&mut self) -> Result<FlushStats> {
        let mut stats = self.wait()?;
        let done = self.job().run();
        stats += self.commit(done)?;
        Ok(stats)
    }

    /// Starts committing every buffered row on a thread of its own and returns at once, after
    /// waiting for the previous background flush: its counts are returned (zero if there was
    /// none). The files written are those [`flush`](Self::flush) would write; they are durable
    /// and in the manifest after the next `flush_background`, [`flush`](Self::flush) or
    /// [`wait`](Self::wait) (or on drop). A crash before that leaves them to be adopted on the
    /// next open, as a crash between rename and manifest update always did.
    pub fn flush_background(&mut self) -> Result<FlushStats> {
        let stats = self.wait()?;
        let job = self.job();
        self.running = Some(
            std::thread::Builder::new()
                .name("lookout-store-flush".into())
                .spawn(move || job.run())
                .context("starting the flush thread")?,
        );
        Ok(stats)
    }

    /// Waits for the background flush, if any, records its files in the manifest and returns
    /// its counts.
    pub fn wait(&mut self) -> Result<FlushStats> {
        match self.running.take() {
            Some(handle) => {
                let done = handle
                    .join()
                    .map_err(|_| anyhow::anyhow!("the store's flush thread panicked"))?;
                self.commit(done)
            }
            None => Ok(FlushStats::default()),
        }
    }

    /// The buffered rows as a flush job (taking the key sets along).
    fn job(&mut self) -> FlushJob {
        self.pending = 0;
        FlushJob {
            positions: std::mem::take(&mut self.positions),
            statics: std::mem::take(&mut self.statics),
            keys: self.keys.take().expect("no flush is running"),
            root: self.store.root().to_path_buf(),
            files: self.store.manifest().files.clone(),
            opts: self.opts.clone(),
            seq: self.seq.clone(),
        }
    }

    /// Records a finished flush: its files in the manifest, its counts in the totals.
    fn commit(&mut self, done: FlushDone) -> Result<FlushStats> {
        let FlushDone {
            positions: p,
            statics: s,
            keys,
        } = done;
        self.keys = Some(keys);
        let stats = FlushStats {
            positions: p.rows,
            statics: s.rows,
            duplicates: p.duplicates + s.duplicates,
            files: (p.committed.len() + s.committed.len()) as u64,
        };
        self.batches[0].extend(p.batches);
        self.batches[1].extend(s.batches);
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

/// Adds `rows` to their days' buffers; moves the vector in whole when it holds one day only and
/// that day's buffer is empty.
fn push_rows<R>(
    days: &mut BTreeMap<i64, Buffered<R>>,
    rows: Vec<R>,
    time: fn(&R) -> i64,
    key: fn(&R) -> DedupKey,
) {
    let Some(first) = rows.first() else { return };
    let day = day_of(time(first));
    if rows.iter().all(|r| day_of(time(r)) == day) {
        days.entry(day).or_default().append(rows, key);
        return;
    }
    for r in rows {
        let k = key(&r);
        days.entry(day_of(time(&r))).or_default().push(r, k);
    }
}

impl Drop for StoreWriter {
    fn drop(&mut self) {
        // Lists a background flush's files in the manifest; an error leaves them to be adopted.
        let _ = self.wait();
    }
}

impl FlushJob {
    fn run(self) -> FlushDone {
        let FlushJob {
            positions,
            statics,
            mut keys,
            root,
            files,
            opts,
            seq,
        } = self;
        let parts = Partitions {
            root: &root,
            files: &files,
            opts: &opts,
            seq: &seq,
        };
        let [position_keys, static_keys] = &mut *keys;
        let write_positions = || {
            parts.table(
                position_keys,
                Table::Positions,
                positions,
                positions_batch_at,
            )
        };
        let write_statics = || parts.table(static_keys, Table::Statics, statics, statics_batch_at);
        let (p, s) = if opts.parallel_tables {
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
        FlushDone {
            positions: p,
            statics: s,
            keys,
        }
    }
}

impl TableFlush {
    /// A table not written because the one before failed.
    fn skipped() -> TableFlush {
        TableFlush {
            committed: Vec::new(),
            batches: Vec::new(),
            rows: 0,
            duplicates: 0,
            result: Ok(()),
        }
    }
}

impl Partitions<'_> {
    /// Writes a table's partitions (day by day): sorts each by (mmsi, time) (rows with equal
    /// keys in the order they came), drops rows already stored, commits one file; stops at
    /// the first failure. Rows are not moved: their sort keys are sorted and the batch built
    /// through them.
    fn table<R>(
        &self,
        keys: &mut TableKeys,
        table: Table,
        days: BTreeMap<i64, Buffered<R>>,
        batch: fn(&[R], &[u32]) -> Result<RecordBatch>,
    ) -> TableFlush {
        let mut out = TableFlush::skipped();
        let window = if self.opts.in_memory {
            i64::MAX
        } else {
            self.opts.dedup_window_ms
        };
        let newest = days
            .values()
            .flat_map(|b| b.order.iter().map(|&k| sort_time(k)))
            .max();
        for (day, buffered) in days {
            let Buffered {
                rows,
                order: mut sorted,
                payload,
            } = buffered;
            sorted.sort_unstable();
            let date = date_string(day);
            let before = sorted.len();
            let times = sorted.iter().map(|&k| sort_time(k));
            let result = if keys.is_exact(day, &date, times, window) {
                self.keys(keys, table, day, &date).map(|set| {
                    sorted.retain(|&k| set.insert(sorted_dedup_key(k, &payload)));
                })
            } else {
                sorted.retain(|&k| keys.insert_window(sort_time(k), sorted_dedup_key(k, &payload)));
                Ok(())
            };
            out.duplicates += (before - sorted.len()) as u64;
            let index: Vec<u32> = sorted.iter().map(|&k| k as u32).collect();
            drop((sorted, payload));
            let result = result.and_then(|()| {
                if self.opts.in_memory {
                    if !index.is_empty() {
                        out.batches.push(batch(&rows, &index)?);
                    }
                    Ok(())
                } else {
                    let entry =
                        self.write_partition(table, day, index.len(), || batch(&rows, &index))?;
                    out.committed.extend(entry);
                    Ok(())
                }
            });
            if let Err(e) = result {
                keys.forget(day);
                out.result = Err(e);
                break;
            }
            out.rows += index.len() as u64;
        }
        keys.advance(newest, window);
        out
    }

    /// The key set of an exact day, loaded from its files if not cached.
    fn keys<'c>(
        &self,
        cache: &'c mut TableKeys,
        table: Table,
        day: i64,
        date: &str,
    ) -> Result<&'c mut KeySet> {
        if let Some(pos) = cache.order.iter().position(|d| *d == day) {
            cache.order.remove(pos);
        } else {
            let mut keys = KeySet::default();
            for f in self
                .files
                .iter()
                .filter(|f| f.table == table && f.date == date)
            {
                for batch in read_file(&self.root.join(&f.path), None, None)? {
                    let batch = batch?;
                    match table {
                        Table::Positions => keys.extend(
                            positions_from_batch(&batch)?
                                .iter()
                                .map(|r| pack(r.dedup_key())),
                        ),
                        Table::Statics => keys.extend(
                            statics_from_batch(&batch)?
                                .iter()
                                .map(|r| pack(r.dedup_key())),
                        ),
                    }
                }
            }
            while cache.order.len() >= self.opts.dedup_partitions.div_ceil(2).max(1) {
                if let Some(old) = cache.order.pop_front() {
                    cache.exact.remove(&old);
                }
            }
            cache.exact.insert(day, keys);
        }
        cache.order.push_back(day);
        Ok(cache.exact.get_mut(&day).expect("just inserted"))
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
        let dir = self.root.join(table.dir()).join(format!("date={date}"));
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
        let rel = relative(self.root, &path);
        Ok(Some(file_entry(self.root, table, &date, &rel)?))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_order_as_mmsi_time_arrival_and_give_back_the_dedup_key() {
        // Times either side of the epoch and at the ends of the range, MMSIs at both ends.
        let times = [i64::MIN, -86_400_000, -1, 0, 1, 1_691_625_600_000, i64::MAX];
        let mmsis = [0, 1, 273_000_000, u32::MAX];
        let mut tuples = Vec::new();
        for (n, (&m, &t)) in mmsis
            .iter()
            .flat_map(|m| times.iter().map(move |t| (m, t)))
            .rev()
            .enumerate()
        {
            tuples.push((m, t, n as u32));
        }
        let mut keys: Vec<u128> = tuples
            .iter()
            .map(|&(m, t, i)| sort_key(m, t, i as usize))
            .collect();
        keys.sort_unstable();
        tuples.sort_unstable();
        let back: Vec<(u32, i64, u32)> = keys
            .iter()
            .map(|&k| ((k >> 96) as u32, sort_time(k), k as u32))
            .collect();
        assert_eq!(back, tuples);
        // The packed de-duplication key rebuilt from the sort key and the payload hash is
        // the row's own.
        let payload: Vec<u32> = (0..tuples.len() as u32)
            .map(|i| i.wrapping_mul(0x9E37_79B9))
            .collect();
        for &k in &keys {
            let (m, t, i) = ((k >> 96) as u32, sort_time(k), k as u32);
            let full = 0xdead_beef_0000_0000 | u64::from(payload[i as usize]);
            assert_eq!(sorted_dedup_key(k, &payload), pack((m, t, full)));
        }
    }
}
