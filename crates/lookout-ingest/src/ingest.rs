//! The ingest pipeline: inputs -> rows -> [`StoreWriter`], with counted rejects and a summary.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use lookout_ais::{Decoder, Line, LineReader, Reject};
use lookout_store::{Provenance, StaticRow, StoreWriter, TimeSource};

use crate::batch::{Batch, Dating, BATCH_LINES};
use crate::csv_layout;
use crate::csv_mapping::CsvMapping;
use crate::csv_records::{Record, Records};
use crate::input::{self, Source};
use crate::live;
use crate::parallel;

/// How to date messages that carry no receive time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeRule {
    /// Use the date (and time, if given) in the input's file name.
    pub from_file_name: bool,
    /// Use this time (ms since the epoch); applies after `from_file_name`.
    pub assume: Option<i64>,
}

/// Options of [`Ingest`].
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Rules for messages without a receive time.
    pub time: TimeRule,
    /// Live sources (stdin, TCP, UDP) commit at least this often.
    pub flush_every: Duration,
    /// Commit when this many rows are buffered (bounds memory on large inputs).
    pub batch_rows: usize,
    /// Threads for files: with more than one, files are read and decoded on `threads - 1`
    /// threads (several files at once) while this one writes the store; the store gets the
    /// same rows in the same files as with one.
    pub threads: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            time: TimeRule::default(),
            flush_every: Duration::from_secs(10),
            batch_rows: 1_000_000,
            threads: 1,
        }
    }
}

/// What an ingest did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Inputs read (files and streams).
    pub inputs: u64,
    /// Lines (or CSV records) read.
    pub lines: u64,
    /// AIS messages decoded, or CSV/JSON records parsed.
    pub messages: u64,
    /// Position rows committed (after de-duplication).
    pub positions: u64,
    /// Static rows committed (after de-duplication).
    pub statics: u64,
    /// Rows the store already held.
    pub duplicates: u64,
    /// Distinct MMSIs among the rows offered to the store.
    pub vessels: u64,
    /// Earliest row time, ms since the epoch.
    pub first_time: Option<i64>,
    /// Latest row time, ms since the epoch.
    pub last_time: Option<i64>,
    /// Lines, sentences, messages or records not stored, by reason.
    pub rejects: BTreeMap<String, u64>,
    /// The first CSV record rejected for each reason, as `FILE:LINE: column "C": "value"`.
    pub first_rejects: BTreeMap<String, String>,
    /// Inputs that failed (name, error); what they held before the error is kept.
    pub failed: Vec<(String, String)>,
    /// TCP connections made (the first and each reconnect).
    pub connections: u64,
}

impl Summary {
    /// Total rejects.
    pub fn total_rejects(&self) -> u64 {
        self.rejects.values().sum()
    }
}

/// Progress callback: called with the number of raw bytes read since the last call.
pub type ProgressFn = Box<dyn FnMut(u64)>;

/// Per-input context for turning messages into rows.
pub(crate) struct InputCtx {
    pub(crate) input_id: u32,
    pub(crate) dating: Dating,
    csv_source: Option<Arc<str>>,
}

/// Reads inputs into a store.
pub struct Ingest {
    writer: StoreWriter,
    opts: IngestOptions,
    summary: Summary,
    vessels: HashSet<u32>,
    /// Hash of the last static fields stored per MMSI for CSV inputs, which repeat them on
    /// every row.
    last_static: HashMap<u32, u64>,
    stop: Arc<AtomicBool>,
    progress: Option<ProgressFn>,
    last_flush: Instant,
    csv_mapping: Option<Arc<CsvMapping>>,
}

impl Ingest {
    /// An ingest writing through `writer`.
    pub fn new(writer: StoreWriter, opts: IngestOptions) -> Ingest {
        Ingest {
            writer,
            opts,
            summary: Summary::default(),
            vessels: HashSet::new(),
            last_static: HashMap::new(),
            stop: Arc::new(AtomicBool::new(false)),
            progress: None,
            last_flush: Instant::now(),
            csv_mapping: None,
        }
    }

    /// Reads CSV inputs through this column mapping instead of the built-in layouts.
    pub fn set_csv_mapping(&mut self, mapping: CsvMapping) {
        self.csv_mapping = Some(Arc::new(mapping));
    }

    /// Setting this flag stops the ingest at the next line; what was read is committed.
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        self.stop.clone()
    }

    /// Reports bytes read from files.
    pub fn set_progress(&mut self, progress: ProgressFn) {
        self.progress = Some(progress);
    }

    /// Counts so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    pub(crate) fn opts(&self) -> &IngestOptions {
        &self.opts
    }

    pub(crate) fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Reads every source: files in order, then all live sources together until they end or
    /// the stop flag is set. An input that fails is recorded in the summary and skipped.
    pub fn run(&mut self, sources: &[Source]) -> Result<()> {
        let (files, streams): (Vec<&Source>, Vec<&Source>) =
            sources.iter().partition(|s| matches!(s, Source::File(_)));
        let files: Vec<(PathBuf, String)> = files
            .into_iter()
            .filter_map(|s| match s {
                Source::File(path) => Some((path.clone(), s.name())),
                _ => None,
            })
            .collect();
        if self.opts.threads > 1 {
            parallel::run_files(self, &files)?;
        } else {
            for (path, name) in &files {
                if self.stopped() {
                    break;
                }
                self.file_or_fail(path, name);
            }
        }
        let streams: Vec<Source> = streams.into_iter().cloned().collect();
        if !streams.is_empty() && !self.stopped() {
            live::run(self, &streams)?;
        }
        Ok(())
    }

    /// Commits the remaining rows and returns the summary.
    pub fn finish(self) -> Result<Summary> {
        self.finish_with_writer().map(|(s, _)| s)
    }

    /// Commits the remaining rows and returns the summary and the writer (whose batches an
    /// in-memory ingest takes, [`lookout_store::WriteOptions::in_memory`]).
    pub fn finish_with_writer(mut self) -> Result<(Summary, StoreWriter)> {
        self.flush()?;
        self.summary.vessels = self.vessels.len() as u64;
        Ok((self.summary, self.writer))
    }

    pub(crate) fn flush(&mut self) -> Result<()> {
        let s = self.writer.flush()?;
        self.count_flush(s);
        Ok(())
    }

    fn count_flush(&mut self, s: lookout_store::FlushStats) {
        self.summary.positions += s.positions;
        self.summary.statics += s.statics;
        self.summary.duplicates += s.duplicates;
        self.last_flush = Instant::now();
    }

    /// Flushes if enough rows are buffered, or (for live sources) enough time has passed.
    /// With more than one thread, a file's commit runs in the background while the next rows
    /// are read (the same commits, in the same order); live sources commit at once, so that
    /// what was received is durable.
    pub(crate) fn maybe_flush(&mut self, live: bool) -> Result<()> {
        if self.writer.pending() >= self.opts.batch_rows
            || (live && self.last_flush.elapsed() >= self.opts.flush_every)
        {
            if self.opts.threads > 1 && !live {
                let s = self.writer.flush_background()?;
                self.count_flush(s);
            } else {
                self.flush()?;
            }
        }
        Ok(())
    }

    pub(crate) fn note_connection(&mut self) {
        self.summary.connections += 1;
    }

    pub(crate) fn fail(&mut self, name: String, error: String) {
        self.summary.failed.push((name, error));
    }

    pub(crate) fn reject(&mut self, reason: &str) {
        *self.summary.rejects.entry(reason.to_owned()).or_default() += 1;
    }

    pub(crate) fn register(&mut self, name: &str, file: Option<&Path>) -> Result<InputCtx> {
        self.summary.inputs += 1;
        Ok(InputCtx {
            input_id: self.writer.register_input(name)?,
            dating: self.dating(file),
            csv_source: None,
        })
    }

    /// How to date the messages of an input (a file, or a stream for `None`).
    pub(crate) fn dating(&self, file: Option<&Path>) -> Dating {
        Dating {
            file_time: file
                .filter(|_| self.opts.time.from_file_name)
                .and_then(input::time_from_file_name),
            arrival: None,
            assume: self.opts.time.assume,
        }
    }

    /// Reads a file; if it fails, records the failure.
    pub(crate) fn file_or_fail(&mut self, path: &Path, name: &str) {
        if let Err(e) = self.file(path, name) {
            self.fail(name.to_owned(), format!("{e:#}"));
        }
    }

    fn file(&mut self, path: &Path, name: &str) -> Result<()> {
        let count = Arc::new(AtomicU64::new(0));
        let mut ctx = self.register(name, Some(path))?;
        let mut reader = input::open_file(path, count.clone())?;
        let first = first_line(&mut *reader, name)?;
        let result = if csv_layout::is_header(&first, self.csv_mapping.as_deref()) {
            self.csv(&mut *reader, &mut ctx, &count, name)
        } else {
            let stop = self.stop.clone();
            let id = ctx.input_id;
            let mut apply = |batch: &mut Batch| {
                self.apply(batch, id)?;
                self.progress(&count);
                Ok(!self.stopped())
            };
            decode_lines(&mut *reader, &first, &ctx.dating, name, &stop, &mut apply)
        };
        self.progress(&count);
        result
    }

    /// Stores a batch's rows under `input_id` and adds its counts; commits if the batch ends a
    /// run of lines and enough rows are buffered. Leaves the batch empty.
    pub(crate) fn apply(&mut self, batch: &mut Batch, input_id: u32) -> Result<()> {
        for mut row in batch.positions.drain(..) {
            row.prov.input_id = input_id;
            self.writer.push_position(row);
        }
        for mut row in batch.statics.drain(..) {
            row.prov.input_id = input_id;
            self.writer.push_static(row);
        }
        let s = &mut self.summary;
        s.lines += std::mem::take(&mut batch.lines);
        s.messages += std::mem::take(&mut batch.messages);
        for (reason, n) in std::mem::take(&mut batch.rejects) {
            *s.rejects.entry(reason.to_owned()).or_default() += n;
        }
        self.vessels.extend(batch.mmsis.drain(..));
        if let Some((a, b)) = batch.span.take() {
            s.first_time = Some(s.first_time.map_or(a, |f| f.min(a)));
            s.last_time = Some(s.last_time.map_or(b, |l| l.max(b)));
        }
        if std::mem::take(&mut batch.tick) {
            self.maybe_flush(false)?;
        }
        Ok(())
    }

    fn seen(&mut self, mmsi: u32, t: i64) {
        self.vessels.insert(mmsi);
        let s = &mut self.summary;
        s.first_time = Some(s.first_time.map_or(t, |f| f.min(t)));
        s.last_time = Some(s.last_time.map_or(t, |l| l.max(t)));
    }

    fn tick(&mut self, count: &AtomicU64, live: bool) -> Result<()> {
        self.progress(count);
        self.maybe_flush(live)
    }

    /// Reports the bytes counted in `count` since the last report.
    pub(crate) fn progress(&mut self, count: &AtomicU64) {
        if let Some(p) = self.progress.as_mut() {
            p(count.swap(0, Ordering::Relaxed));
        }
    }

    pub(crate) fn csv_mapping(&self) -> Option<Arc<CsvMapping>> {
        self.csv_mapping.clone()
    }

    fn csv(
        &mut self,
        reader: &mut dyn BufRead,
        ctx: &mut InputCtx,
        count: &AtomicU64,
        name: &str,
    ) -> Result<()> {
        let mut records = Records::new(reader);
        let mut header = csv::StringRecord::new();
        let read = records
            .next(&mut header)
            .with_context(|| format!("{name}: reading the CSV header"))?;
        if !matches!(read, Some(Record::Read(_))) {
            header.clear(); // refused below, as a header without the layout's columns
        }
        let cols = csv_layout::match_header(&header, self.csv_mapping.clone())
            .with_context(|| name.to_owned())?;
        ctx.csv_source = Some(Arc::from(cols.source_name()));
        let mut rec = csv::StringRecord::new();
        loop {
            let read = match records.next(&mut rec) {
                Ok(Some(read)) => read,
                Ok(None) => break,
                Err(e) => {
                    self.reject("input_read_error");
                    return Err(e).with_context(|| format!("{name}: read error"));
                }
            };
            self.summary.lines += 1;
            match read {
                Record::TooLong => self.reject(Reject::LineTooLong.reason()),
                Record::NotUtf8 => self.reject("bad_csv_record"),
                Record::Read(line) => match csv_layout::parse(&cols, &rec) {
                    Ok(r) => {
                        self.summary.messages += 1;
                        self.csv_record(r, line, ctx);
                    }
                    Err(reason) => {
                        self.reject(reason);
                        if let Some((i, column)) = cols.column_for(reason, &header) {
                            let value = rec.get(i).unwrap_or("");
                            let at = format!("{name}:{line}: column \"{column}\": {value:?}");
                            self.summary
                                .first_rejects
                                .entry(reason.into())
                                .or_insert(at);
                        }
                    }
                },
            }
            if self.summary.lines.is_multiple_of(4096) {
                self.tick(count, false)?;
                if self.stopped() {
                    break;
                }
            }
        }
        Ok(())
    }

    fn csv_record(&mut self, r: csv_layout::Record, line: u64, ctx: &InputCtx) {
        let prov = Provenance {
            source: ctx.csv_source.clone(),
            input_id: ctx.input_id,
            input_line: line,
        };
        self.seen(r.mmsi, r.time);
        match r.fix {
            Some(fix) if r.is_vessel => self.writer.push_position(fix.row(
                r.mmsi,
                0,
                (r.time, TimeSource::Rx),
                prov.clone(),
            )),
            Some(_) => self.reject("base_station_position"),
            None => self.reject("position_not_available"),
        }
        if r.statics.is_empty() {
            return;
        }
        let row = StaticRow {
            mmsi: r.mmsi,
            time: r.time,
            time_source: TimeSource::Rx,
            msg_type: 0,
            prov,
            ..r.statics
        };
        // CSV exports repeat the static fields on every row: store them when they change.
        let payload = row.dedup_key().2;
        if self.last_static.insert(r.mmsi, payload) != Some(payload) {
            self.writer.push_static(row);
        }
    }
}

/// The first line of a file (up to the read buffer's end), to tell CSV, JSON lines and NMEA
/// apart.
pub(crate) fn first_line(reader: &mut dyn BufRead, name: &str) -> Result<Vec<u8>> {
    let first = reader
        .fill_buf()
        .with_context(|| format!("reading {name}"))?;
    Ok(first[..memchr::memchr(b'\n', first).unwrap_or(first.len())].to_vec())
}

/// Decodes the NMEA or decoder JSON lines of one file (`first` is its first line) into
/// batches of [`BATCH_LINES`] lines, each passed to `apply`, which returns `false` to stop.
/// The last batch holds the decoder's counts.
pub(crate) fn decode_lines(
    reader: &mut dyn BufRead,
    first: &[u8],
    dating: &Dating,
    name: &str,
    stop: &AtomicBool,
    apply: &mut dyn FnMut(&mut Batch) -> Result<bool>,
) -> Result<()> {
    let jsonl = first.trim_ascii_start().starts_with(b"{");
    let mut decoder = Decoder::new();
    let mut lines = LineReader::new(reader);
    let mut batch = Batch::default();
    let mut line_no = 0u64;
    let mut result = Ok(());
    loop {
        let line = match lines.next_line() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                batch.reject("input_read_error");
                result = Err(e).with_context(|| format!("{name}: read error after line {line_no}"));
                break;
            }
        };
        line_no += 1;
        match (jsonl, line) {
            (false, Line::Text(text)) => batch.nmea_line(&mut decoder, text, dating),
            (false, Line::TooLong) => decoder.reject_line(Reject::LineTooLong.reason()),
            (true, line) => {
                batch.lines += 1;
                match line {
                    Line::Text(text) => batch.json_line(text, line_no, dating),
                    Line::TooLong => batch.reject(Reject::LineTooLong.reason()),
                }
            }
        }
        if line_no.is_multiple_of(BATCH_LINES) {
            batch.tick = true;
            if !apply(&mut batch)? || stop.load(Ordering::Relaxed) {
                break;
            }
        }
    }
    if !jsonl {
        batch.merge_decoder(&mut decoder);
    }
    apply(&mut batch)?;
    result
}
