//! Decoded messages as store rows, a batch of input lines at a time: what a decode thread
//! hands to the thread that writes the store (or the same thread, in a serial ingest). Rows
//! carry input id 0 until [`Ingest`](crate::Ingest) applies the batch under the input's id.

use std::collections::BTreeMap;
use std::sync::Arc;

use lookout_ais::{Decoded, Decoder};
use lookout_store::{PositionRow, Provenance, StaticRow, TimeSource};

use crate::rows::{self, Extracted};

/// Input lines per batch; the writer may commit between batches, as the serial ingest
/// checked every this many lines.
pub(crate) const BATCH_LINES: u64 = 4096;

/// How to date the messages of one input that carry no receive time.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Dating {
    /// Time in the file's name.
    pub file_time: Option<i64>,
    /// Arrival time of the line being read, for live network streams.
    pub arrival: Option<i64>,
    /// `--assume-time`.
    pub assume: Option<i64>,
}

impl Dating {
    fn resolve(&self, rx: Option<i64>) -> Option<(i64, TimeSource)> {
        if let Some(t) = rx {
            Some((t, TimeSource::Rx))
        } else if let Some(t) = self.arrival {
            Some((t, TimeSource::Arrival))
        } else if let Some(t) = self.file_time {
            Some((t, TimeSource::FileName))
        } else {
            self.assume.map(|t| (t, TimeSource::Assumed))
        }
    }
}

/// Rows and counts of a run of input lines.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    pub positions: Vec<PositionRow>,
    pub statics: Vec<StaticRow>,
    /// Lines read (JSON lines; NMEA lines are counted by the decoder).
    pub lines: u64,
    /// Messages decoded or JSON records parsed.
    pub messages: u64,
    /// Not stored, by reason.
    pub rejects: BTreeMap<&'static str, u64>,
    /// MMSIs of the rows offered to the store, one entry per run of the same MMSI.
    pub mmsis: Vec<u32>,
    /// Earliest and latest row time.
    pub span: Option<(i64, i64)>,
    /// The batch ends a run of [`BATCH_LINES`] lines of its input: the writer may commit.
    pub tick: bool,
    /// The messages of the line being read (kept to reuse its allocation).
    decoded: Vec<Decoded>,
}

impl Batch {
    pub fn reject(&mut self, reason: &'static str) {
        *self.rejects.entry(reason).or_default() += 1;
    }

    /// Adds the decoder's line count and rejects (at the end of its input).
    pub fn merge_decoder(&mut self, decoder: &mut Decoder) {
        decoder.finish();
        let stats = decoder.stats();
        for (reason, n) in &stats.rejects {
            *self.rejects.entry(reason).or_default() += n;
        }
        self.lines += stats.lines;
    }

    /// Decodes one NMEA line; complete messages become rows.
    pub fn nmea_line(&mut self, decoder: &mut Decoder, line: &[u8], dating: &Dating) {
        let mut out = std::mem::take(&mut self.decoded);
        decoder.feed_line(line, |d| out.push(d));
        for d in out.drain(..) {
            self.messages += 1;
            let extracted = rows::extract(&d.message);
            let prov = Provenance {
                source: d.meta.source.clone(),
                input_id: 0,
                input_line: d.meta.line,
            };
            let (mmsi, msg_type) = (d.message.mmsi(), d.message.msg_type());
            self.store(mmsi, msg_type, d.meta.rx_time_ms, extracted, prov, dating);
        }
        self.decoded = out;
    }

    /// Reads one line of the decoder's JSON output.
    pub fn json_line(&mut self, line: &[u8], line_no: u64, dating: &Dating) {
        if line.trim_ascii().is_empty() {
            return;
        }
        match rows::from_json(line) {
            Ok(m) => {
                self.messages += 1;
                let prov = Provenance {
                    source: m.source.map(Arc::from),
                    input_id: 0,
                    input_line: line_no,
                };
                self.store(m.mmsi, m.msg_type, m.rx_time, m.extracted, prov, dating);
            }
            Err(reason) => self.reject(reason),
        }
    }

    fn store(
        &mut self,
        mmsi: u32,
        msg_type: u8,
        rx: Option<i64>,
        e: Extracted,
        prov: Provenance,
        dating: &Dating,
    ) {
        if e.fix.is_none() && e.statics.is_none() {
            return;
        }
        let Some(time) = dating.resolve(rx) else {
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
        self.positions.extend(rows.position);
        self.statics.extend(rows.statics);
    }

    /// Notes a row's vessel and time.
    pub fn seen(&mut self, mmsi: u32, t: i64) {
        if self.mmsis.last() != Some(&mmsi) {
            self.mmsis.push(mmsi);
        }
        self.span = Some(self.span.map_or((t, t), |(a, b)| (a.min(t), b.max(t))));
    }
}
