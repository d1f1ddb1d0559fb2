//! The engine driver: one thread that owns the event engine, the store writer and the alert
//! log. It decodes every feed's lines (NMEA, or aisstream.io JSON) into store rows and records,
//! keeps the watermark (the newest record time minus the lateness), gives the detectors every
//! record not older than the watermark (older ones are late: stored and counted), settles the
//! engine as the watermark moves, reports gaps and port visits still in progress, raises the
//! alerts of the rules, and checkpoints all of it atomically.
//!
//! Everything the driver decides depends only on the records and their order, never on the
//! clock or on how lines were batched: flushes happen when the watermark crosses a settle step
//! or when a record completed an event, open gaps when the watermark passes a silence's
//! threshold. A run resumed from a checkpoint over the same input therefore makes the same
//! decisions as an uninterrupted one.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use anyhow::{Context, Result};
use lookout_ais::Decoder;
use lookout_core::event::{Event, EventType};
use lookout_core::record::{Position, Record, Static};
use lookout_core::time::format_time;
use lookout_events::{Config, Engine, Land};
use lookout_ingest::rows::{self, Rows};
use lookout_project::{FeedFormat, FeedSource, Project};
use lookout_store::{PositionRow, Provenance, StaticRow, StoreWriter, TimeSource, WriteOptions};
use serde::{Deserialize, Serialize};

use crate::aisstream;
use crate::alerts::{Alert, AlertLog};
use crate::config::AlertsConfig;
use crate::feeds::{now_ms, Input, Line, Resume};
use crate::rules::AisIdentity;
use crate::state::{
    read_checkpoint, remove_stale_temporaries, Checkpoint, Encoded, EventsLog, Paths, VERSION,
};
use crate::writer::{Job, Writer};

/// Lines remembered per file feed to resume at a multi-sentence message still waiting for its
/// parts (the decoder evicts parts older than 1000 lines).
const RECENT_LINES: usize = 1024;
/// Vessels on the live map at most.
const MAX_POSITIONS: usize = 20_000;

/// Called with each batch of newly detected events (the server refreshes its events from it).
pub type OnEvents = Box<dyn FnMut(&[Event]) + Send>;

/// Where an event stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// In progress (a gap still open, a port visit not ended).
    InProgress,
    /// Complete.
    Complete,
    /// Still open when the engine forgot the idle vessel: it will not complete.
    Forgotten,
}

/// What the driver knows of a vessel: its last position and reported identity.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Live {
    /// Time of the last position given to the detectors, ms (its silence is measured from it).
    pub fed: i64,
    /// Time of the last position, late or not, ms.
    pub t: i64,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Speed over ground, knots.
    pub sog: Option<f32>,
    /// Course over ground.
    pub cog: Option<f32>,
    /// True heading.
    pub heading: Option<u16>,
    /// Name reported over AIS.
    pub name: Option<String>,
    /// IMO reported over AIS.
    pub imo: Option<u32>,
    /// Its current silence was reported as an open gap.
    pub dark: bool,
    /// Time of its newest record, and the store keys of the records with that time: a record
    /// received twice (two stations, a repeated line) is given to the detectors once, as the
    /// store keeps it once.
    pub newest: (i64, Vec<(bool, u64)>),
}

/// Where a file feed resumes.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct FilePos {
    /// (device, inode) of the file.
    pub identity: (u64, u64),
    /// Offset to read from.
    pub resume: u64,
    /// Lines of the file before `resume`.
    pub resume_line: u64,
    /// Messages completed by lines ending at or before this offset were handled already.
    pub skip_until: u64,
}

/// Counters of one feed (kept across restarts).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FeedCounts {
    /// Lines read.
    pub lines: u64,
    /// Messages decoded.
    pub decoded: u64,
    /// Position rows stored.
    pub positions: u64,
    /// Records received again (the same vessel, time and fields), given to the detectors once.
    pub duplicates: u64,
    /// Static rows stored.
    pub statics: u64,
    /// Records older than the watermark (stored, not given to the detectors).
    pub late: u64,
    /// Connections after the first.
    pub reconnects: u64,
    /// Connections made.
    pub connections: u64,
    /// Rejects by reason: lines, JSON messages, rows and records.
    pub rejects: BTreeMap<String, u64>,
    /// Rejects of the NMEA decoder by reason (sentences, fragments, messages).
    pub decoder_rejects: BTreeMap<String, u64>,
    /// Newest record time, ms.
    pub last_time: Option<i64>,
    /// Machine time of the last line, ms.
    pub last_received: Option<i64>,
    /// Position in the file (file feeds).
    pub file: Option<FilePos>,
}

/// The driver's checkpointed state.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DriverState {
    /// Newest record time given to the detectors, ms.
    pub newest: i64,
    /// The watermark: no record older than this is given to the detectors.
    pub watermark: i64,
    /// The engine settles when the watermark reaches this.
    pub next_settle: i64,
    /// Vessels seen recently.
    pub vessels: HashMap<u32, Live>,
    /// Vessels with records since the last settle.
    pub dirty: HashSet<u32>,
    /// Events reported in progress: (0 gap | 1 port visit, MMSI, start) -> rules that fired.
    pub open: BTreeMap<(u8, u32, i64), Vec<String>>,
    /// Last alert time per (rule, MMSI), for quiet periods.
    pub quiet: HashMap<(String, u32), i64>,
    /// Alerts not raised because of a quiet period, by rule.
    pub suppressed: BTreeMap<String, u64>,
    /// Counters per feed name.
    pub feeds: BTreeMap<String, FeedCounts>,
}

impl Default for DriverState {
    fn default() -> Self {
        DriverState {
            newest: i64::MIN,
            watermark: i64::MIN,
            next_settle: i64::MIN,
            vessels: HashMap::new(),
            dirty: HashSet::new(),
            open: BTreeMap::new(),
            quiet: HashMap::new(),
            suppressed: BTreeMap::new(),
            feeds: BTreeMap::new(),
        }
    }
}

/// A feed's decoding state (not checkpointed; rebuilt from the resume position).
struct FeedRun {
    name: String,
    format: FeedFormat,
    file: bool,
    input_id: u32,
    decoder: Decoder,
    /// Decoder counts at start (from earlier runs).
    base_rejects: BTreeMap<String, u64>,
    /// (decoder line number, start offset) of recent lines.
    recent: VecDeque<(u64, u64)>,
    /// Lines fed to the decoder.
    fed: u64,
    /// File lines before the decoder's first.
    base_line: u64,
    /// Offset after the last line handled.
    next: u64,
    /// See [`FilePos::skip_until`].
    skip_until: u64,
    identity: (u64, u64),
    state: &'static str,
    error: Option<String>,
    /// Machine time the driver started, ms (a feed is active from then until idle).
    started: i64,
}

/// One vessel on the live map.
#[derive(Debug, Clone, Serialize)]
pub struct LivePosition {
    /// MMSI.
    pub mmsi: u32,
    /// Watchlist name, else AIS name.
    pub name: Option<String>,
    /// On the project's watchlist.
    pub watched: bool,
    /// Time of the position (RFC 3339).
    pub time: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Speed, knots.
    pub sog: Option<f32>,
    /// Course.
    pub cog: Option<f32>,
    /// Silent past the gap threshold (reported as an open gap).
    pub dark: bool,
}

/// Health of one feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedStatus {
    /// Name.
    pub name: String,
    /// `nmea` or `aisstream`.
    pub format: &'static str,
    /// `connecting`, `connected`, `listening`, `reading`, `waiting`, `disconnected`, `ended`.
    pub state: &'static str,
    /// Last error.
    pub error: Option<String>,
    /// The feed's own watermark (its newest record time minus the lateness; RFC 3339).
    pub watermark: Option<String>,
    /// No line for more than `feed_idle_seconds`: the feed does not hold the watermark back.
    pub idle: bool,
    /// Counters.
    #[serde(flatten)]
    pub counts: FeedCounts,
}

/// What the API shows of the driver.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    /// Watermark (RFC 3339).
    pub watermark: Option<String>,
    /// Newest record given to the detectors.
    pub newest: Option<String>,
    /// Lateness, seconds.
    pub lateness_seconds: f64,
    /// Feeds.
    pub feeds: Vec<FeedStatus>,
    /// Vessels on the live map.
    pub vessels_live: usize,
    /// Vessels the engine holds.
    pub engine: Option<lookout_events::Stats>,
    /// Gaps and port visits reported in progress.
    pub in_progress: usize,
    /// Notifications written to `alerts.jsonl`.
    pub alerts: u64,
    /// Alerts held back by quiet periods, by rule.
    pub suppressed: BTreeMap<String, u64>,
    /// Last checkpoint: machine time, duration, size.
    pub checkpoint: Option<CheckpointInfo>,
}

/// The last checkpoint.
#[derive(Debug, Clone, Serialize)]
pub struct CheckpointInfo {
    /// When it was taken (machine time, RFC 3339).
    pub at: String,
    /// How long detection paused for it, ms: the fork of the snapshot process that encodes the
    /// state (Linux), or the whole encoding on the driver's thread (elsewhere).
    pub encode_ms: u64,
    /// How long the snapshot process took to encode the last one written, ms (0 without one).
    pub snapshot_ms: u64,
    /// Memory the snapshot of the last one written cost, MB: the snapshot process's private
    /// pages at its end (pages the watch changed while it encoded, copied on write, and the
    /// encoder's buffers).
    pub snapshot_mb: u64,
    /// How long the checkpoint writer took for the last one written (store commit, fsync,
    /// rename, off the driver's thread), ms.
    pub took_ms: u64,
    /// Size of the last one written, bytes.
    pub bytes: u64,
    /// Store rows the last one written committed (after de-duplication).
    pub rows: u64,
    /// Store rows handed over with this one.
    pub pending_rows: u64,
    /// How long detection waited for this one's snapshot process because its memory reached
    /// `snapshot_max_mb`, ms (so far).
    pub waited_ms: u64,
    /// When this one was written (none while the writer is at it).
    pub written_at: Option<String>,
}

/// What the driver publishes for the API.
#[derive(Default)]
pub struct Board {
    /// Status, refreshed a few times a second.
    pub status: RwLock<Arc<Status>>,
    /// Vessels seen in the last `positions_hours`, refreshed every second.
    pub positions: RwLock<Arc<Vec<LivePosition>>>,
}

/// Everything the driver is built from.
pub struct Setup {
    /// The project (areas, watchlist, sanctions, feeds).
    pub project: Arc<Project>,
    /// `alerts.toml`.
    pub alerts: Arc<AlertsConfig>,
    /// Event thresholds.
    pub events: Config,
    /// State folder.
    pub paths: Paths,
}

/// The engine driver.
pub struct Driver {
    setup: Setup,
    engine: Engine,
    /// The checkpoint writer (owns the store writer).
    writer: Writer,
    /// Store rows received since the last checkpoint.
    rows: (Vec<PositionRow>, Vec<StaticRow>),
    state: DriverState,
    feeds: Vec<FeedRun>,
    log: AlertLog,
    events: EventsLog,
    /// Vessels by the time of their last position, not yet reported dark.
    silent: BTreeSet<(i64, u32)>,
    on_events: OnEvents,
    board: Arc<Board>,
    pending_alerts: Vec<Alert>,
    /// Arrival time of the line being handled (network feeds).
    arrival: Option<i64>,
    last_checkpoint: Instant,
    last_status: Instant,
    last_positions: Instant,
    checkpoint_info: Option<CheckpointInfo>,
    /// The snapshot process of the checkpoint being written, while it encodes (Linux).
    #[cfg(target_os = "linux")]
    snapshot: Option<SnapshotWatch>,
}

/// The driver's look at a snapshot process while it encodes, to bound its memory
/// (`[watch] snapshot_max_mb`).
#[cfg(target_os = "linux")]
struct SnapshotWatch {
    probe: crate::state::Probe,
    /// When its memory was last read, and the process's minor page faults then.
    checked: Instant,
    faults: u64,
}

/// Minor page faults of the process so far (every thread's): each page changed that a
/// snapshot process still shares is one (so is each first touch of a new page), a cheap sign
/// of how much the snapshot may have copied since the last look.
#[cfg(target_os = "linux")]
fn minor_faults() -> u64 {
    // SAFETY: getrusage writes into a zeroed rusage.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return 0;
        }
        usage.ru_minflt as u64
    }
}

/// The snapshot's memory is read at least this often while it encodes.
#[cfg(target_os = "linux")]
const SNAPSHOT_CHECK: std::time::Duration = std::time::Duration::from_millis(100);

/// Lines handled between two looks at the snapshot's memory (each a `getrusage`; its
/// `smaps_rollup` is read only as `Driver::bound_snapshot` says).
const SNAPSHOT_CHECK_LINES: usize = 128;

/// Hash of what the engine state depends on.
fn fingerprint(setup: &Setup) -> String {
    let text = format!(
        "{}|{:?}",
        serde_json::to_string(&setup.events).unwrap_or_default(),
        setup.project.areas.all()
    );
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{h:016x}")
}

impl Driver {
    /// Opens the state folder: the checkpoint (if any), the store, the logs (repaired after a
    /// crash). Returns the driver and where each file feed resumes.
    pub fn open(
        setup: Setup,
        log: AlertLog,
        board: Arc<Board>,
        on_events: OnEvents,
    ) -> Result<(Driver, Vec<Option<Resume>>)> {
        std::fs::create_dir_all(&setup.paths.dir)
            .with_context(|| format!("creating {}", setup.paths.dir.display()))?;
        remove_stale_temporaries(&setup.paths.dir)?;
        let fp = fingerprint(&setup);
        let cp = read_checkpoint::<Engine, DriverState>(&setup.paths.checkpoint(), &fp)?;
        let areas = setup.project.areas.clone();
        let land = Some(Land::east_asia());
        let (engine, state, events_len) = match cp {
            Some(cp) => (
                cp.engine.resume(setup.events.clone(), areas, land),
                cp.driver,
                Some(cp.events_len),
            ),
            None => (
                Engine::new(setup.events.clone(), areas, land),
                DriverState::default(),
                None,
            ),
        };
        let mut store = StoreWriter::open(setup.paths.store(), WriteOptions::default())?;
        let events = EventsLog::open(&setup.paths.events(), events_len)?;
        let mut state = state;
        let mut feeds = Vec::new();
        let mut resumes = Vec::new();
        for f in &setup.project.feeds {
            let counts = state.feeds.entry(f.name.clone()).or_default();
            let file = matches!(f.source, FeedSource::File(_));
            let pos = counts.file.filter(|_| file).unwrap_or_default();
            let base_rejects = counts.decoder_rejects.clone();
            resumes.push(file.then_some(Resume {
                identity: pos.identity,
                offset: pos.resume,
            }));
            feeds.push(FeedRun {
                name: f.name.clone(),
                format: f.format,
                file,
                input_id: store.register_input(&f.name)?,
                decoder: Decoder::new(),
                base_rejects,
                recent: VecDeque::new(),
                fed: 0,
                base_line: pos.resume_line,
                next: pos.resume,
                skip_until: pos.skip_until,
                identity: pos.identity,
                state: "starting",
                error: None,
                started: now_ms(),
            });
        }
        let silent = state
            .vessels
            .iter()
            .filter(|(_, v)| !v.dark && v.fed > 0)
            .map(|(m, v)| (v.fed, *m))
            .collect();
        let writer = Writer::start(store)?;
        let driver = Driver {
            setup,
            engine,
            writer,
            rows: Default::default(),
            state,
            feeds,
            log,
            events,
            silent,
            on_events,
            board,
            pending_alerts: Vec::new(),
            arrival: None,
            last_checkpoint: Instant::now(),
            last_status: Instant::now(),
            last_positions: Instant::now() - std::time::Duration::from_secs(10),
            checkpoint_info: None,
            #[cfg(target_os = "linux")]
            snapshot: None,
        };
        Ok((driver, resumes))
    }

    /// Every event detected so far (from `events.csv`).
    pub fn events_so_far(&self) -> Result<Vec<Event>> {
        self.events.read_all()
    }

    /// Handles one input; returns false after `Stop`.
    pub fn handle(&mut self, input: Input) -> Result<bool> {
        match input {
            Input::Lines {
                feed,
                lines,
                arrival,
            } => {
                self.arrival = arrival;
                for (i, line) in lines.into_iter().enumerate() {
                    self.line(feed, line, arrival);
                    // A batch of 2,048 lines at 100,000 vessels changes some 40 MB of pages:
                    // the snapshot's memory is bounded within it.
                    if i % SNAPSHOT_CHECK_LINES == SNAPSHOT_CHECK_LINES - 1 {
                        self.bound_snapshot();
                    }
                }
                self.write_alerts()?;
                self.written()?;
                self.bound_snapshot();
                if self.rows.0.len() + self.rows.1.len()
                    >= self.setup.alerts.settings.max_pending_rows
                {
                    // Bounded memory: commit the rows (waiting for the job in flight, if any),
                    // without encoding a checkpoint.
                    self.commit_rows()?;
                }
            }
            Input::TooLong { feed, end } => {
                let run = &mut self.feeds[feed];
                let replay = run.file && end <= run.skip_until;
                if run.file {
                    run.next = end;
                }
                if !replay {
                    self.reject(feed, "line_too_long");
                }
            }
            Input::Broken { feed } => self.reject(feed, "broken_at_disconnect"),
            Input::State { feed, state, error } => {
                let name = self.feeds[feed].name.clone();
                let counts = self.state.feeds.entry(name).or_default();
                if state == "connected" {
                    counts.connections += 1;
                    if counts.connections > 1 {
                        counts.reconnects += 1;
                    }
                }
                let run = &mut self.feeds[feed];
                run.state = state;
                if error.is_some() || state == "connected" || state == "reading" {
                    run.error = error;
                }
            }
            Input::Reopened { feed, identity } => {
                let run = &mut self.feeds[feed];
                run.identity = identity;
                run.decoder = Decoder::new();
                run.recent.clear();
                (run.fed, run.base_line, run.next, run.skip_until) = (0, 0, 0, 0);
            }
            Input::Tick => self.tick()?,
            Input::Stop => {
                self.write_alerts()?;
                self.checkpoint(true)?;
                if let Some(done) = self.writer.finish()? {
                    self.done(done);
                }
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn counts(&mut self, feed: usize) -> &mut FeedCounts {
        let name = &self.feeds[feed].name;
        if !self.state.feeds.contains_key(name) {
            self.state.feeds.insert(name.clone(), FeedCounts::default());
        }
        self.state.feeds.get_mut(name).expect("inserted")
    }

    fn reject(&mut self, feed: usize, reason: &str) {
        *self
            .counts(feed)
            .rejects
            .entry(reason.to_owned())
            .or_default() += 1;
    }

    fn line(&mut self, feed: usize, line: Line, arrival: Option<i64>) {
        let run = &mut self.feeds[feed];
        let start = run.next;
        let replay = run.file && line.end <= run.skip_until;
        if run.file {
            run.next = line.end;
        }
        if !replay {
            let c = self.counts(feed);
            c.lines += 1;
            c.last_received = Some(now_ms());
        }
        match self.feeds[feed].format {
            FeedFormat::Nmea => {
                let run = &mut self.feeds[feed];
                run.fed += 1;
                if run.file {
                    run.recent.push_back((run.fed, start));
                    if run.recent.len() > RECENT_LINES {
                        run.recent.pop_front();
                    }
                }
                let mut decoded = Vec::new();
                run.decoder.feed_line(&line.bytes, |d| decoded.push(d));
                if replay {
                    return;
                }
                for d in decoded {
                    self.counts(feed).decoded += 1;
                    let e = rows::extract(&d.message);
                    if e.fix.is_none() && e.statics.is_none() {
                        continue;
                    }
                    let time = match (d.meta.rx_time_ms, arrival) {
                        (Some(t), _) => (t, TimeSource::Rx),
                        (None, Some(t)) => (t, TimeSource::Arrival),
                        (None, None) => {
                            self.reject(feed, "no_receive_time");
                            continue;
                        }
                    };
                    let run = &self.feeds[feed];
                    let prov = Provenance {
                        source: d.meta.source.clone(),
                        input_id: run.input_id,
                        input_line: run.base_line + d.meta.line,
                    };
                    let rows = rows::to_rows(d.message.mmsi(), d.message.msg_type(), time, e, prov);
                    self.rows(feed, rows);
                }
            }
            FeedFormat::Aisstream => {
                if replay {
                    return;
                }
                match aisstream::parse(&line.bytes) {
                    Err(reason) => self.reject(feed, reason),
                    Ok(None) => self.counts(feed).decoded += 1,
                    Ok(Some(m)) => {
                        let line_no = {
                            let c = self.counts(feed);
                            c.decoded += 1;
                            c.lines
                        };
                        let time = match (m.time, arrival) {
                            (Some(t), _) => (t, TimeSource::Rx),
                            (None, Some(t)) => (t, TimeSource::Arrival),
                            (None, None) => return self.reject(feed, "no_receive_time"),
                        };
                        let prov = Provenance {
                            source: Some("aisstream".into()),
                            input_id: self.feeds[feed].input_id,
                            input_line: self.feeds[feed].base_line + line_no,
                        };
                        let rows = rows::to_rows(m.mmsi, m.msg_type, time, m.extracted, prov);
                        self.rows(feed, rows);
                    }
                }
            }
        }
    }

    fn rows(&mut self, feed: usize, rows: Rows) {
        if let Some(reason) = rows.reject {
            self.reject(feed, reason);
        }
        let future = now_ms() + (self.setup.alerts.settings.future_seconds * 1000.0) as i64;
        if let Some(p) = rows.position {
            if p.time > future {
                return self.reject(feed, "future_time");
            }
            if self.seen_before(p.mmsi, p.time, (true, p.dedup_key().2)) {
                self.counts(feed).duplicates += 1;
            } else {
                let record = Record::Position(position(&p));
                self.rows.0.push(p);
                self.counts(feed).positions += 1;
                self.detect(feed, record);
            }
        }
        if let Some(s) = rows.statics {
            if s.time > future {
                return self.reject(feed, "future_time");
            }
            if self.seen_before(s.mmsi, s.time, (false, s.dedup_key().2)) {
                self.counts(feed).duplicates += 1;
            } else {
                let record = Record::Static(statics(&s));
                self.rows.1.push(s);
                self.counts(feed).statics += 1;
                self.detect(feed, record);
            }
        }
    }

    /// True if the vessel's newest records (at `time`) include this key (position or static,
    /// store key); else remembers it.
    fn seen_before(&mut self, mmsi: u32, time: i64, key: (bool, u64)) -> bool {
        let live = self.state.vessels.entry(mmsi).or_default();
        let (t, keys) = &mut live.newest;
        if time > *t {
            *t = time;
            keys.clear();
        } else if time < *t {
            return false;
        }
        if keys.contains(&key) {
            return true;
        }
        keys.push(key);
        false
    }

    /// Gives a record to the detectors, unless it is late; the live map takes it either way.
    fn detect(&mut self, feed: usize, record: Record) {
        let t = record.time();
        let late = t < self.state.watermark;
        let c = self.counts(feed);
        let newer = c.last_time.is_none_or(|l| t > l);
        c.last_time = Some(c.last_time.map_or(t, |l| l.max(t)));
        if late {
            c.late += 1;
        }
        let mmsi = record.mmsi();
        let live = self.state.vessels.entry(mmsi).or_default();
        match &record {
            Record::Position(p) if p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0 => {
                if p.time >= live.t {
                    (live.t, live.lat, live.lon) = (p.time, p.lat, p.lon);
                    (live.sog, live.cog, live.heading) = (p.sog, p.cog, p.heading);
                }
                if !late && p.time >= live.fed {
                    if !live.dark {
                        self.silent.remove(&(live.fed, mmsi));
                    }
                    live.fed = p.time;
                    live.dark = false;
                    self.silent.insert((p.time, mmsi));
                }
            }
            Record::Static(s) => {
                if s.name.is_some() {
                    live.name.clone_from(&s.name);
                }
                live.imo = s.imo.or(live.imo);
            }
            Record::Position(_) => {}
        }
        if late {
            return;
        }
        self.engine.push(&record);
        self.state.dirty.insert(mmsi);
        if t > self.state.newest {
            self.state.newest = t;
        }
        if newer {
            self.watermark();
        }
        self.advance();
    }

    /// Moves the watermark up to the slowest active feed's: each feed's watermark is its newest
    /// record time minus the lateness; a feed is active while its last line (or the start of
    /// the watch, before any) is at most `feed_idle_seconds` old on the machine's clock. An
    /// active feed without a record yet holds the watermark where it is; with no active feed
    /// the newest feed's watermark is taken. The watermark never moves back. Returns true if
    /// it moved.
    fn watermark(&mut self) -> bool {
        let lateness = (self.setup.alerts.settings.lateness_seconds * 1000.0) as i64;
        let idle = (self.setup.alerts.settings.feed_idle_seconds * 1000.0) as i64;
        let now = now_ms();
        let (mut slowest, mut newest) = (Some(i64::MAX), None::<i64>);
        for run in &self.feeds {
            let c = self.state.feeds.get(&run.name);
            let last = c.and_then(|c| c.last_time);
            if let Some(t) = last {
                newest = Some(newest.map_or(t, |n| n.max(t)));
            }
            let heard = c
                .and_then(|c| c.last_received)
                .map_or(run.started, |r| r.max(run.started));
            if now - heard <= idle {
                slowest = match (slowest, last) {
                    (Some(s), Some(t)) => Some(s.min(t)),
                    _ => None,
                };
            }
        }
        let feed_time = match slowest {
            Some(i64::MAX) => newest,
            Some(t) => Some(t),
            None => None,
        };
        match feed_time {
            Some(t) if t.saturating_sub(lateness) > self.state.watermark => {
                self.state.watermark = t - lateness;
                true
            }
            _ => false,
        }
    }

    /// Reports silences that passed the gap threshold at the watermark, and flushes or settles
    /// the engine when due.
    fn advance(&mut self) {
        let w = self.state.watermark;
        if w == i64::MIN {
            // Held by a feed that has sent nothing yet: nothing is settled.
            return;
        }
        let threshold = (self.setup.events.gap.min_hours * 3_600_000.0) as i64;
        while let Some(&(last, mmsi)) = self.silent.first() {
            if last > w.saturating_sub(threshold) {
                break;
            }
            self.silent.pop_first();
            if let Some(v) = self.state.vessels.get_mut(&mmsi) {
                v.dark = true;
            }
            if let Some(e) = self.engine.open_gap(mmsi, w) {
                self.on_event(e, Stage::InProgress);
            }
        }
        if w >= self.state.next_settle {
            self.settle();
        } else if self.engine.pending() > 0 {
            self.flush();
        }
    }

    /// Time-driven work: flush at the watermark, port visits in progress, idle vessels.
    fn settle(&mut self) {
        self.flush();
        let mut dirty: Vec<u32> = self.state.dirty.drain().collect();
        dirty.sort_unstable();
        for mmsi in dirty {
            if let Some(e) = self.engine.open_visit(mmsi) {
                self.on_event(e, Stage::InProgress);
            }
        }
        let w = self.state.watermark;
        let idle = (self.setup.events.evict_idle_days * 86_400_000.0) as i64;
        let silent = &mut self.silent;
        self.state.vessels.retain(|m, v| {
            let keep = w - v.t.max(v.fed) <= idle;
            if !keep && !v.dark {
                silent.remove(&(v.fed, *m));
            }
            keep
        });
        let step = (self.setup.alerts.settings.settle_seconds * 1000.0) as i64;
        self.state.next_settle = (w.div_euclid(step) + 1) * step;
    }

    fn flush(&mut self) {
        let events = self.engine.flush(self.state.watermark);
        if events.is_empty() {
            return;
        }
        if let Err(e) = self.events.append(&events) {
            eprintln!("lookout watch: writing events.csv: {e:#}");
        }
        (self.on_events)(&events);
        for e in events {
            // The engine reports a track's silence as an open gap when it forgets an idle
            // vessel.
            let forgotten = e.details.get("open").and_then(|v| v.as_bool()) == Some(true);
            self.on_event(
                e,
                if forgotten {
                    Stage::Forgotten
                } else {
                    Stage::Complete
                },
            );
        }
    }

    /// Raises the alerts of one event. Gaps and port visits may be reported in progress first
    /// (`open` notifications), then complete; the completion of an alert raised in progress is
    /// sent whatever the rule says of the complete event.
    fn on_event(&mut self, e: Event, stage: Stage) {
        let kind = match e.event_type {
            EventType::Gap => 0u8,
            EventType::PortVisit => 1u8,
            _ => {
                self.fire(&e, "complete", &[]);
                return;
            }
        };
        let reported = self
            .state
            .open
            .range((kind, e.mmsi, e.start_time)..=(kind, e.mmsi, e.end_time.max(e.start_time)))
            .next()
            .map(|(k, _)| *k);
        match (stage, reported) {
            (Stage::InProgress, Some(_)) => {}
            (Stage::InProgress, None) => {
                let fired = self.fire(&e, "open", &[]);
                self.state.open.insert((kind, e.mmsi, e.start_time), fired);
            }
            (Stage::Forgotten, Some(key)) => {
                self.state.open.remove(&key);
            }
            (Stage::Forgotten, None) => {
                self.fire(&e, "open", &[]);
            }
            (Stage::Complete, Some(key)) => {
                let fired = self.state.open.remove(&key).unwrap_or_default();
                let mut e = e;
                e.start_time = key.2;
                let rules = self.setup.alerts.clone();
                for rule in rules.rules.iter().filter(|r| fired.contains(&r.name)) {
                    let a = self.alert(&e, rule, "complete");
                    self.pending_alerts.push(a);
                }
                self.fire(&e, "complete", &fired);
            }
            (Stage::Complete, None) => {
                self.fire(&e, "complete", &[]);
            }
        }
    }

    /// Raises the alerts of every rule (but `except`) that `e` fires, in `state`; returns
    /// their names.
    fn fire(&mut self, e: &Event, state: &str, except: &[String]) -> Vec<String> {
        let rules = self.setup.alerts.clone();
        let mut fired = Vec::new();
        for rule in &rules.rules {
            if except.contains(&rule.name) {
                continue;
            }
            let vessels = &self.state.vessels;
            let ais = |m: u32| -> AisIdentity {
                vessels
                    .get(&m)
                    .map_or((None, None), |v| (v.imo, v.name.clone()))
            };
            if !rule.matches(e, &self.setup.project, ais) {
                continue;
            }
            if rule.quiet_ms > 0 {
                let key = (rule.name.clone(), e.mmsi);
                if let Some(&last) = self.state.quiet.get(&key) {
                    if (e.start_time - last).abs() < rule.quiet_ms {
                        *self.state.suppressed.entry(rule.name.clone()).or_default() += 1;
                        continue;
                    }
                }
                self.state.quiet.insert(key, e.start_time);
            }
            let a = self.alert(e, rule, state);
            self.pending_alerts.push(a);
            fired.push(rule.name.clone());
        }
        fired
    }

    fn vessel_name(&self, mmsi: u32) -> Option<String> {
        self.setup
            .project
            .vessel_by_mmsi(mmsi)
            .map(|w| w.name.clone())
            .or_else(|| self.state.vessels.get(&mmsi).and_then(|v| v.name.clone()))
    }

    fn alert(&self, e: &Event, rule: &crate::config::Rule, state: &str) -> Alert {
        let event_id = e.event_id();
        let id = format!("{}/{event_id}", rule.name);
        Alert {
            seq: 0,
            key: format!("{id}/{state}"),
            id,
            rule: rule.name.clone(),
            state: state.to_owned(),
            event_id,
            event_type: e.event_type.as_str().to_owned(),
            mmsi: e.mmsi,
            other_mmsi: e.other_mmsi,
            vessel: self.vessel_name(e.mmsi),
            start_time: format_time(e.start_time),
            end_time: format_time(e.end_time),
            lat: e.lat,
            lon: e.lon,
            area: e.area.clone(),
            other_area: e.other_area.clone(),
            confidence: e.confidence,
            details: e.details.clone(),
            watermark: format_time(self.state.watermark),
            raised_at: format_time(now_ms()),
            received_at: self.arrival.map(format_time),
            sinks: rule
                .sinks
                .iter()
                .map(|&i| self.setup.alerts.sinks[i].name.clone())
                .collect(),
        }
    }

    fn write_alerts(&mut self) -> Result<()> {
        if self.pending_alerts.is_empty() {
            return Ok(());
        }
        let alerts = std::mem::take(&mut self.pending_alerts);
        self.log.write(alerts).context("writing alerts.jsonl")?;
        Ok(())
    }

    fn tick(&mut self) -> Result<()> {
        // A feed that went idle no longer holds the watermark back.
        if self.watermark() {
            self.arrival = None;
            self.advance();
        }
        self.write_alerts()?;
        self.written()?;
        self.bound_snapshot();
        let every =
            std::time::Duration::from_secs_f64(self.setup.alerts.settings.checkpoint_seconds);
        // A checkpoint of a large state costs time: never spend more than a tenth of it there.
        let took = self.checkpoint_info.as_ref().map_or(0, |c| c.took_ms);
        if !self.writer.busy()
            && self.last_checkpoint.elapsed()
                >= every.max(std::time::Duration::from_millis(took * 10))
        {
            self.checkpoint(false)?;
        }
        if self.last_status.elapsed().as_millis() >= 250 {
            self.publish_status();
        }
        if self.last_positions.elapsed().as_millis() >= 1000 {
            self.publish_positions();
        }
        Ok(())
    }

    /// Takes what the checkpoint writer finished, if it did (its error stops the driver).
    fn written(&mut self) -> Result<()> {
        if let Some(done) = self.writer.poll()? {
            self.done(done);
        }
        Ok(())
    }

    /// Bounds what the snapshot process of the checkpoint being written costs: once its
    /// private memory (the pages this process changed since the fork, copied) reaches
    /// `snapshot_max_mb`, waits for it to finish. Its memory is read (a walk of its page
    /// tables, about a millisecond per GB) when this process's page faults since the last
    /// look could amount to an eighth of the bound, or after `SNAPSHOT_CHECK`.
    #[cfg(target_os = "linux")]
    fn bound_snapshot(&mut self) {
        let Some(s) = &mut self.snapshot else { return };
        let max_kb = (self.setup.alerts.settings.snapshot_max_mb * 1024.0) as u64;
        // SAFETY: sysconf has no preconditions.
        let page_kb = (unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) / 1024) as u64;
        let faults = minor_faults();
        if faults.saturating_sub(s.faults) * page_kb < max_kb / 8
            && s.checked.elapsed() < SNAPSHOT_CHECK
        {
            return;
        }
        (s.faults, s.checked) = (faults, Instant::now());
        match s.probe.private_kb() {
            None => self.snapshot = None,
            Some(kb) if kb >= max_kb => {
                let t0 = Instant::now();
                s.probe.wait_end();
                self.snapshot = None;
                if let Some(info) = &mut self.checkpoint_info {
                    info.waited_ms += t0.elapsed().as_millis() as u64;
                }
            }
            Some(_) => {}
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn bound_snapshot(&mut self) {}

    fn done(&mut self, done: crate::writer::Done) {
        if !done.checkpoint {
            return;
        }
        #[cfg(target_os = "linux")]
        {
            self.snapshot = None;
        }
        if let Some(info) = &mut self.checkpoint_info {
            info.took_ms = done.took_ms;
            info.bytes = done.bytes;
            info.rows = done.rows;
            info.snapshot_ms = done.snapshot_ms;
            info.snapshot_mb = done.snapshot_kb / 1024;
            info.written_at = Some(format_time(now_ms()));
        }
    }

    /// Hands the store rows received since the last job to the checkpoint writer, alone (no
    /// checkpoint), after waiting for the job in flight, if any.
    fn commit_rows(&mut self) -> Result<()> {
        if let Some(done) = self.writer.wait()? {
            self.done(done);
        }
        let (positions, statics) = std::mem::take(&mut self.rows);
        self.writer.send(Job {
            positions,
            statics,
            checkpoint: None,
        })
    }

    /// Takes a checkpoint: starts the encoding of the engine's and the driver's state by a
    /// snapshot process (streamed into a temporary file; `Encoded::snapshot`: here only the
    /// fork, or the whole encoding where there is no fork), then hands it with the store rows
    /// received since the last job to the checkpoint writer (`writer.rs`), which commits the
    /// rows, syncs `events.csv`, waits for the snapshot and makes the checkpoint durable off
    /// this thread. With a job still being written, waits for it when
    /// `wait`, else leaves this one for later.
    pub fn checkpoint(&mut self, wait: bool) -> Result<()> {
        if self.writer.busy() {
            if !wait {
                return Ok(());
            }
            if let Some(done) = self.writer.wait()? {
                self.done(done);
            }
        }
        let t0 = Instant::now();
        let (events_len, events) = self.events.written().context("writing events.csv")?;
        for i in 0..self.feeds.len() {
            let run = &self.feeds[i];
            let file = run.file.then(|| {
                let at = run
                    .decoder
                    .resume_line()
                    .and_then(|l| run.recent.iter().find(|(n, _)| *n == l).copied());
                let (resume, resume_line) = match at {
                    Some((n, offset)) => (offset, run.base_line + n - 1),
                    None => (run.next, run.base_line + run.fed),
                };
                FilePos {
                    identity: run.identity,
                    resume,
                    resume_line,
                    skip_until: run.next,
                }
            });
            let decoder_rejects = decoder_rejects(run);
            let c = self.counts(i);
            c.file = file;
            c.decoder_rejects = decoder_rejects;
        }
        let cp = Checkpoint {
            version: VERSION,
            fingerprint: fingerprint(&self.setup),
            saved_at: now_ms(),
            events_len,
            engine: &self.engine,
            driver: &self.state,
        };
        // Encoded by a snapshot process (a fork: detection pauses only for that), which the
        // writer waits for after committing the rows.
        let encoded = Encoded::snapshot(&self.setup.paths.checkpoint(), &cp)?;
        #[cfg(target_os = "linux")]
        {
            self.snapshot = encoded.probe().map(|probe| SnapshotWatch {
                probe,
                checked: Instant::now(),
                faults: minor_faults(),
            });
        }
        let (positions, statics) = std::mem::take(&mut self.rows);
        let rows = (positions.len() + statics.len()) as u64;
        self.writer.send(Job {
            positions,
            statics,
            checkpoint: Some((encoded, events)),
        })?;
        self.last_checkpoint = Instant::now();
        let previous = self.checkpoint_info.take();
        self.checkpoint_info = Some(CheckpointInfo {
            at: format_time(now_ms()),
            encode_ms: t0.elapsed().as_millis() as u64,
            // Until this one is written, the figures of the previous one.
            took_ms: previous.as_ref().map_or(0, |p| p.took_ms),
            bytes: previous.as_ref().map_or(0, |p| p.bytes),
            rows: previous.as_ref().map_or(0, |p| p.rows),
            snapshot_ms: previous.as_ref().map_or(0, |p| p.snapshot_ms),
            snapshot_mb: previous.as_ref().map_or(0, |p| p.snapshot_mb),
            pending_rows: rows,
            waited_ms: 0,
            written_at: None,
        });
        Ok(())
    }

    fn publish_status(&mut self) {
        let lateness = (self.setup.alerts.settings.lateness_seconds * 1000.0) as i64;
        let idle = (self.setup.alerts.settings.feed_idle_seconds * 1000.0) as i64;
        let now = now_ms();
        let feeds = self
            .feeds
            .iter()
            .map(|run| {
                let mut counts = self.state.feeds.get(&run.name).cloned().unwrap_or_default();
                counts.decoder_rejects = decoder_rejects(run);
                FeedStatus {
                    name: run.name.clone(),
                    format: match run.format {
                        FeedFormat::Nmea => "nmea",
                        FeedFormat::Aisstream => "aisstream",
                    },
                    state: run.state,
                    error: run.error.clone(),
                    watermark: counts.last_time.map(|t| format_time(t - lateness)),
                    idle: now
                        - counts
                            .last_received
                            .map_or(run.started, |r| r.max(run.started))
                        > idle,
                    counts,
                }
            })
            .collect();
        let time = |t: i64| (t != i64::MIN).then(|| format_time(t));
        let status = Status {
            watermark: time(self.state.watermark),
            newest: time(self.state.newest),
            lateness_seconds: self.setup.alerts.settings.lateness_seconds,
            feeds,
            vessels_live: self.state.vessels.len(),
            engine: Some(self.engine.stats().clone()),
            in_progress: self.state.open.len(),
            alerts: self.log.index().len(),
            suppressed: self.state.suppressed.clone(),
            checkpoint: self.checkpoint_info.clone(),
        };
        *self.board.status.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(status);
        self.last_status = Instant::now();
    }

    fn publish_positions(&mut self) {
        let since = self
            .state
            .watermark
            .saturating_sub((self.setup.alerts.settings.positions_hours * 3_600_000.0) as i64);
        let project = &self.setup.project;
        let mut list: Vec<LivePosition> = self
            .state
            .vessels
            .iter()
            .filter(|(_, v)| v.t >= since && v.t > 0)
            .map(|(m, v)| {
                let watched = project.vessel_by_mmsi(*m);
                LivePosition {
                    mmsi: *m,
                    name: watched.map(|w| w.name.clone()).or_else(|| v.name.clone()),
                    watched: watched.is_some(),
                    time: format_time(v.t),
                    lat: v.lat,
                    lon: v.lon,
                    sog: v.sog,
                    cog: v.cog,
                    dark: v.dark,
                }
            })
            .collect();
        // A map shows a few thousand markers well: the watched ships and the most recent
        // others, at most MAX_POSITIONS in all.
        if list.len() > MAX_POSITIONS {
            list.sort_by(|a, b| (b.watched, &b.time).cmp(&(a.watched, &a.time)));
            list.truncate(MAX_POSITIONS);
        }
        list.sort_by_key(|p| p.mmsi);
        *self
            .board
            .positions
            .write()
            .unwrap_or_else(|e| e.into_inner()) = Arc::new(list);
        self.last_positions = Instant::now();
    }

    /// Path of the state folder.
    pub fn state_dir(&self) -> PathBuf {
        self.setup.paths.dir.clone()
    }
}

/// The decoder's rejects of earlier runs plus this run's.
fn decoder_rejects(run: &FeedRun) -> BTreeMap<String, u64> {
    let mut all = run.base_rejects.clone();
    for (reason, n) in &run.decoder.stats().rejects {
        *all.entry((*reason).to_owned()).or_default() += n;
    }
    all
}

fn position(p: &PositionRow) -> Position {
    Position {
        mmsi: p.mmsi,
        time: p.time,
        lat: p.lat,
        lon: p.lon,
        sog: p.sog,
        cog: p.cog,
        heading: p.heading,
        nav_status: p.nav_status,
        msg_type: p.msg_type,
        station: p.prov.source.clone(),
    }
}

fn statics(s: &StaticRow) -> Static {
    Static {
        mmsi: s.mmsi,
        time: s.time,
        imo: s.imo,
        callsign: s.callsign.clone(),
        name: s.name.clone(),
        ship_type: s.ship_type,
        draught: s.draught,
        destination: s.destination.clone(),
        station: s.prov.source.clone(),
    }
}
