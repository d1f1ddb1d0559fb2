//! The ingest pipeline: inputs -> rows -> [`StoreWriter`], with counted rejects and a summary.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use lookout_ais::{Decoded, Decoder, Line, LineReader, Reject};
use lookout_store::{Provenance, StaticRow, StoreWriter, TimeSource};

use crate::csv_layout;
use crate::csv_mapping::CsvMapping;
use crate::csv_records::{Record, Records};
use crate::input::{self, Source};
use crate::live;
use crate::rows::{self, Extracted};

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
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            time: TimeRule::default(),
            flush_every: Duration::from_secs(10),
            batch_rows: 1_000_000,
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
    file_time: Option<i64>,
    /// Arrival time of the line being processed, for live network streams.
    pub(crate) arrival: Option<i64>,
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
        let mut streams = Vec::new();
        for source in sources {
            if self.stopped() {
                break;
            }
            match source {
                Source::File(path) => {
                    let name = source.name();
                    if let Err(e) = self.file(path, &name) {
                        self.summary.failed.push((name, format!("{e:#}")));
                    }
                }
                other => streams.push(other.clone()),
            }
        }
        if !streams.is_empty() && !self.stopped() {
            live::run(self, &streams)?;
        }
        Ok(())
    }

    /// Commits the remaining rows and returns the summary.
    pub fn finish(mut self) -> Result<Summary> {
        self.flush()?;
        self.summary.vessels = self.vessels.len() as u64;
        Ok(self.summary)
    }

    pub(crate) fn flush(&mut self) -> Result<()> {
        let s = self.writer.flush()?;
        self.summary.positions += s.positions;
        self.summary.statics += s.statics;
        self.summary.duplicates += s.duplicates;
        self.last_flush = Instant::now();
        Ok(())
    }

    /// Flushes if enough rows are buffered, or (for live sources) enough time has passed.
    pub(crate) fn maybe_flush(&mut self, live: bool) -> Result<()> {
        if self.writer.pending() >= self.opts.batch_rows
            || (live && self.last_flush.elapsed() >= self.opts.flush_every)
        {
            self.flush()?;
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

    pub(crate) fn merge_decoder(&mut self, decoder: &mut Decoder) {
        decoder.finish();
        let stats = decoder.stats();
        for (reason, n) in &stats.rejects {
            *self
                .summary
                .rejects
                .entry((*reason).to_owned())
                .or_default() += n;
        }
        self.summary.lines += stats.lines;
    }

    pub(crate) fn register(&mut self, name: &str, file: Option<&Path>) -> Result<InputCtx> {
        self.summary.inputs += 1;
        let file_time = if self.opts.time.from_file_name {
            file.and_then(input::time_from_file_name)
        } else {
            None
        };
        Ok(InputCtx {
            input_id: self.writer.register_input(name)?,
            file_time,
            arrival: None,
            csv_source: None,
        })
    }

    fn file(&mut self, path: &Path, name: &str) -> Result<()> {
        let count = Arc::new(AtomicU64::new(0));
        let mut ctx = self.register(name, Some(path))?;
        let mut reader = input::open_file(path, count.clone())?;
        let result = self.read_file(&mut *reader, &mut ctx, &count, name);
        if let Some(p) = self.progress.as_mut() {
            p(count.swap(0, Ordering::Relaxed));
        }
        result
    }

    fn read_file(
        &mut self,
        reader: &mut dyn BufRead,
        ctx: &mut InputCtx,
        count: &AtomicU64,
        name: &str,
    ) -> Result<()> {
        let first = reader
            .fill_buf()
            .with_context(|| format!("reading {name}"))?;
        let first_line = &first[..memchr::memchr(b'\n', first).unwrap_or(first.len())];
        if csv_layout::is_header(first_line, self.csv_mapping.as_deref()) {
            return self.csv(reader, ctx, count, name);
        }
        let jsonl = first_line.trim_ascii_start().starts_with(b"{");
        let mut decoder = Decoder::new();
        let mut lines = LineReader::new(reader);
        let mut line_no = 0u64;
        let mut result = Ok(());
        loop {
            let line = match lines.next_line() {
                Ok(Some(line)) => line,
                Ok(None) => break,
                Err(e) => {
                    self.reject("input_read_error");
                    result =
                        Err(e).with_context(|| format!("{name}: read error after line {line_no}"));
                    break;
                }
            };
            line_no += 1;
            match (jsonl, line) {
                (false, Line::Text(text)) => self.nmea_line(&mut decoder, text, ctx),
                (false, Line::TooLong) => decoder.reject_line(Reject::LineTooLong.reason()),
                (true, line) => {
                    self.summary.lines += 1;
                    match line {
                        Line::Text(text) => self.json_line(text, line_no, ctx),
                        Line::TooLong => self.reject(Reject::LineTooLong.reason()),
                    }
                }
            }
            if line_no.is_multiple_of(4096) {
                self.tick(count, false)?;
                if self.stopped() {
                    break;
                }
            }
        }
        if !jsonl {
            self.merge_decoder(&mut decoder);
        }
        result
    }

    fn tick(&mut self, count: &AtomicU64, live: bool) -> Result<()> {
        if let Some(p) = self.progress.as_mut() {
            p(count.swap(0, Ordering::Relaxed));
        }
        self.maybe_flush(live)
    }

    pub(crate) fn nmea_line(&mut self, decoder: &mut Decoder, line: &[u8], ctx: &InputCtx) {
        let mut out: Vec<Decoded> = Vec::new();
        decoder.feed_line(line, |d| out.push(d));
        for d in out {
            self.summary.messages += 1;
            let extracted = rows::extract(&d.message);
            let prov = Provenance {
                source: d.meta.source.clone(),
                input_id: ctx.input_id,
                input_line: d.meta.line,
            };
            self.store(
                d.message.mmsi(),
                d.message.msg_type(),
                d.meta.rx_time_ms,
                extracted,
                prov,
                ctx,
            );
        }
    }

    pub(crate) fn json_line(&mut self, line: &[u8], line_no: u64, ctx: &InputCtx) {
        if line.trim_ascii().is_empty() {
            return;
        }
        match rows::from_json(line) {
            Ok(m) => {
                self.summary.messages += 1;
                let prov = Provenance {
                    source: m.source.map(Arc::from),
                    input_id: ctx.input_id,
                    input_line: line_no,
                };
                self.store(m.mmsi, m.msg_type, m.rx_time, m.extracted, prov, ctx);
            }
            Err(reason) => self.reject(reason),
        }
    }

    fn resolve_time(&self, rx: Option<i64>, ctx: &InputCtx) -> Option<(i64, TimeSource)> {
        if let Some(t) = rx {
            Some((t, TimeSource::Rx))
        } else if let Some(t) = ctx.arrival {
            Some((t, TimeSource::Arrival))
        } else if let Some(t) = ctx.file_time {
            Some((t, TimeSource::FileName))
        } else {
            self.opts.time.assume.map(|t| (t, TimeSource::Assumed))
        }
    }

    fn store(
        &mut self,
        mmsi: u32,
        msg_type: u8,
        rx: Option<i64>,
        e: Extracted,
        prov: Provenance,
        ctx: &InputCtx,
    ) {
        if e.fix.is_none() && e.statics.is_none() {
            return;
        }
        let Some(time) = self.resolve_time(rx, ctx) else {
            self.reject("no_receive_time");
            return;
        };
        let rows = rows::to_rows(mmsi, msg_type, time, e, prov);
        if let Some(reason) = rows.reject {
            self.reject(reason);
        }
        if mmsi != 0 {
            self.seen(mmsi, time.0);
        }
        if let Some(p) = rows.position {
            self.writer.push_position(p);
        }
        if let Some(s) = rows.statics {
            self.writer.push_static(s);
        }
    }

    fn seen(&mut self, mmsi: u32, t: i64) {
        self.vessels.insert(mmsi);
        let s = &mut self.summary;
        s.first_time = Some(s.first_time.map_or(t, |f| f.min(t)));
        s.last_time = Some(s.last_time.map_or(t, |l| l.max(t)));
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
