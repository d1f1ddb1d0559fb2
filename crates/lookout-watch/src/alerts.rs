//! Alerts: the record of one notification, `alerts.jsonl` in the project folder (append-only,
//! one JSON line per notification, each `key` written once: on open, a torn last line from a
//! crash is cut and the keys already written are loaded, so a notification derived again after
//! a restart is not written twice), the in-memory index the API pages, filters and streams,
//! and the acknowledgements (`acks.jsonl` in the state folder).

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tokio::sync::{broadcast, Notify};

/// Name of the alert log in the project folder.
pub const LOG: &str = "alerts.jsonl";

/// One notification of an alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// Line number in `alerts.jsonl`, from 1: the order of notifications (the server-sent event
    /// id).
    pub seq: u64,
    /// Unique per notification, `ID/STATE`: the idempotency key given to webhooks.
    pub key: String,
    /// The alert, `RULE/EVENT_ID`.
    pub id: String,
    /// The rule that raised it.
    pub rule: String,
    /// `open` (the event is in progress: a gap still open, a port visit not ended) or
    /// `complete`.
    pub state: String,
    /// The event (`lookout_core` event id: type, vessel(s), start second).
    pub event_id: String,
    /// Event type.
    pub event_type: String,
    /// The vessel.
    pub mmsi: u32,
    /// The other vessel (encounters, MMSI changes).
    pub other_mmsi: Option<u32>,
    /// Watchlist name, else the name reported over AIS.
    pub vessel: Option<String>,
    /// Event start (RFC 3339).
    pub start_time: String,
    /// Event end; for an open event, the watermark when it was raised.
    pub end_time: String,
    /// Position at the start.
    pub lat: Option<f64>,
    /// Position at the start.
    pub lon: Option<f64>,
    /// Area the event is in or starts near.
    pub area: Option<String>,
    /// Area it ends near, or the other vessel's.
    pub other_area: Option<String>,
    /// Event confidence.
    pub confidence: f64,
    /// Event details.
    pub details: Map<String, Value>,
    /// Feed time of the watermark when raised.
    pub watermark: String,
    /// Machine time when raised.
    pub raised_at: String,
    /// Machine time the line that completed the event (or moved the watermark past a gap's
    /// threshold) was received, for network feeds (latency = delivery - this).
    #[serde(default)]
    pub received_at: Option<String>,
    /// Sinks besides `alerts.jsonl` and the web UI.
    pub sinks: Vec<String>,
}

/// An acknowledgement of an alert (`POST /api/v1/alerts/{id}/ack`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ack {
    /// Alert id.
    pub id: String,
    /// When, RFC 3339.
    pub at: String,
    /// Free text.
    #[serde(default)]
    pub note: String,
}

/// Alerts in memory, shared by the driver (writer), the API and the sinks.
pub struct AlertIndex {
    alerts: RwLock<Vec<Arc<Alert>>>,
    acks: RwLock<HashMap<String, Ack>>,
    ack_file: Mutex<Option<File>>,
    /// Every notification as it is written (the web UI's server-sent events).
    pub live: broadcast::Sender<Arc<Alert>>,
    /// Woken after each write (the sinks).
    pub written: Notify,
    /// Bytes of `alerts.jsonl` written so far.
    pub bytes: AtomicU64,
    /// Notifications routed to each sink so far.
    routed: Mutex<HashMap<String, u64>>,
    path: PathBuf,
}

impl AlertIndex {
    /// All notifications, in order.
    pub fn all(&self) -> Vec<Arc<Alert>> {
        self.alerts
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Notifications after `seq`.
    pub fn after(&self, seq: u64) -> Vec<Arc<Alert>> {
        let all = self.alerts.read().unwrap_or_else(|e| e.into_inner());
        all.iter().skip(seq as usize).cloned().collect()
    }

    /// Number of notifications.
    pub fn len(&self) -> u64 {
        self.alerts.read().unwrap_or_else(|e| e.into_inner()).len() as u64
    }

    /// True before the first notification.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Notifications routed to `sink` so far.
    pub fn routed(&self, sink: &str) -> u64 {
        let routed = self.routed.lock().unwrap_or_else(|e| e.into_inner());
        routed.get(sink).copied().unwrap_or(0)
    }

    fn count_routes(&self, alerts: &[Arc<Alert>]) {
        let mut routed = self.routed.lock().unwrap_or_else(|e| e.into_inner());
        for sink in alerts.iter().flat_map(|a| &a.sinks) {
            *routed.entry(sink.clone()).or_default() += 1;
        }
    }

    /// The acknowledgement of an alert, if any.
    pub fn ack_of(&self, id: &str) -> Option<Ack> {
        self.acks
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .cloned()
    }

    /// Path of `alerts.jsonl`.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records an acknowledgement (appended to `acks.jsonl`, fsynced).
    pub fn acknowledge(&self, ack: Ack) -> Result<()> {
        let mut file = self.ack_file.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = file.as_mut() {
            let mut line = serde_json::to_vec(&ack)?;
            line.push(b'\n');
            f.write_all(&line)?;
            f.sync_data()?;
        }
        self.acks
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(ack.id.clone(), ack);
        Ok(())
    }
}

/// The writer of `alerts.jsonl`.
pub struct AlertLog {
    file: File,
    keys: HashSet<String>,
    index: Arc<AlertIndex>,
}

/// Cuts a torn last line (no newline: the process died while writing it); returns the bytes
/// cut.
pub fn cut_torn_line(path: &Path) -> Result<u64> {
    let Ok(mut f) = OpenOptions::new().read(true).write(true).open(path) else {
        return Ok(0);
    };
    let len = f.metadata()?.len();
    let mut keep = len;
    let mut byte = [0u8; 1];
    while keep > 0 {
        f.seek(SeekFrom::Start(keep - 1))?;
        f.read_exact(&mut byte)?;
        if byte[0] == b'\n' {
            break;
        }
        keep -= 1;
    }
    if keep < len {
        f.set_len(keep)?;
        f.sync_all()?;
    }
    Ok(len - keep)
}

impl AlertLog {
    /// Opens `alerts.jsonl` (created if missing; a torn last line is cut) and `acks.jsonl`.
    pub fn open(path: &Path, acks: &Path) -> Result<AlertLog> {
        let cut = cut_torn_line(path)?;
        if cut > 0 {
            eprintln!(
                "lookout watch: cut a torn last line of {} ({cut} bytes)",
                path.display()
            );
        }
        let mut alerts = Vec::new();
        let mut keys = HashSet::new();
        if let Ok(f) = File::open(path) {
            for (i, line) in BufReader::new(f).lines().enumerate() {
                let line = line.with_context(|| format!("reading {}", path.display()))?;
                let mut a: Alert = serde_json::from_str(&line)
                    .with_context(|| format!("{}:{}: not an alert", path.display(), i + 1))?;
                a.seq = alerts.len() as u64 + 1;
                keys.insert(a.key.clone());
                alerts.push(Arc::new(a));
            }
        }
        let mut ack_map = HashMap::new();
        cut_torn_line(acks)?;
        if let Ok(f) = File::open(acks) {
            for line in BufReader::new(f).lines() {
                if let Ok(a) = serde_json::from_str::<Ack>(&line?) {
                    ack_map.insert(a.id.clone(), a);
                }
            }
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| format!("opening {}", path.display()))?;
        let ack_file = OpenOptions::new().create(true).append(true).open(acks)?;
        let bytes = file.metadata()?.len();
        let (live, _) = broadcast::channel(1024);
        let index = AlertIndex {
            alerts: RwLock::new(Vec::new()),
            acks: RwLock::new(ack_map),
            ack_file: Mutex::new(Some(ack_file)),
            live,
            written: Notify::new(),
            bytes: AtomicU64::new(bytes),
            routed: Mutex::default(),
            path: path.to_owned(),
        };
        index.count_routes(&alerts);
        *index.alerts.write().unwrap_or_else(|e| e.into_inner()) = alerts;
        Ok(AlertLog {
            file,
            keys,
            index: Arc::new(index),
        })
    }

    /// The shared index.
    pub fn index(&self) -> Arc<AlertIndex> {
        self.index.clone()
    }

    /// True if a notification with this key was written.
    pub fn has(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    /// Appends the notifications whose key is new (numbering them), fsyncs, then publishes
    /// them. Returns how many were written.
    pub fn write(&mut self, alerts: Vec<Alert>) -> Result<usize> {
        let mut buf = Vec::new();
        let mut fresh = Vec::new();
        let mut seq = self.index.len();
        for mut a in alerts {
            if !self.keys.insert(a.key.clone()) {
                continue;
            }
            seq += 1;
            a.seq = seq;
            serde_json::to_writer(&mut buf, &a)?;
            buf.push(b'\n');
            fresh.push(Arc::new(a));
        }
        if fresh.is_empty() {
            return Ok(0);
        }
        self.file.write_all(&buf)?;
        self.file.sync_data()?;
        self.index
            .bytes
            .fetch_add(buf.len() as u64, Ordering::SeqCst);
        self.index.count_routes(&fresh);
        self.index
            .alerts
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .extend(fresh.iter().cloned());
        for a in &fresh {
            let _ = self.index.live.send(a.clone());
        }
        self.index.written.notify_waiters();
        Ok(fresh.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert(key: &str) -> Alert {
        Alert {
            seq: 0,
            key: key.into(),
            id: key.rsplit_once('/').map_or(key, |k| k.0).into(),
            rule: "r".into(),
            state: "complete".into(),
            event_id: "gap-1-0".into(),
            event_type: "gap".into(),
            mmsi: 1,
            other_mmsi: None,
            vessel: None,
            start_time: "2024-01-01T00:00:00Z".into(),
            end_time: "2024-01-01T06:00:00Z".into(),
            lat: None,
            lon: None,
            area: None,
            other_area: None,
            confidence: 0.5,
            details: Map::new(),
            watermark: "2024-01-01T06:00:00Z".into(),
            raised_at: "2025-01-01T00:00:00Z".into(),
            received_at: None,
            sinks: vec![],
        }
    }

    #[test]
    fn keys_are_written_once_across_reopen_and_torn_lines_are_cut() {
        let dir = tempfile::tempdir().unwrap();
        let (path, acks) = (dir.path().join(LOG), dir.path().join("acks.jsonl"));
        let mut log = AlertLog::open(&path, &acks).unwrap();
        assert_eq!(
            log.write(vec![
                alert("r/a/open"),
                alert("r/a/open"),
                alert("r/b/complete")
            ])
            .unwrap(),
            2
        );
        drop(log);
        // A crash in the middle of a line.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"seq\":3,\"ke")
            .unwrap();
        let mut log = AlertLog::open(&path, &acks).unwrap();
        assert_eq!(log.index().len(), 2);
        assert_eq!(
            log.write(vec![alert("r/b/complete"), alert("r/a/complete")])
                .unwrap(),
            1
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 3);
        let last: Alert = serde_json::from_str(text.lines().last().unwrap()).unwrap();
        assert_eq!((last.seq, last.key.as_str()), (3, "r/a/complete"));
    }
}
