//! Joins the sentences of multi-sentence messages, even when messages interleave.
//!
//! A fragment joins a pending message when its fragment count, channel and sequence ID agree
//! and it is the next part expected (not the talker: aggregators relabel parts of one message,
//! as in GFW's `bad-type5.nmea`, and pyais keys the same way); a tag-block `g:` group or source station, when both
//! sides carry one, must agree too (and two matching groups suffice on their own). Parts that
//! never complete are evicted after a bounded number of lines or seconds, or when too many
//! messages are pending, and counted as orphans.

use std::sync::Arc;

use super::sentence::AisSentence;
use super::Meta;

/// Limits on how long incomplete messages wait for their other parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssemblyLimits {
    /// Evict a pending message when this many lines passed since its last part.
    pub max_age_lines: u64,
    /// Evict a pending message when receive times moved on by this many milliseconds.
    pub max_age_ms: i64,
    /// At most this many messages pending at once; the oldest is evicted beyond it.
    pub max_pending: usize,
}

impl Default for AssemblyLimits {
    fn default() -> Self {
        AssemblyLimits {
            max_age_lines: 1000,
            max_age_ms: 60_000,
            max_pending: 256,
        }
    }
}

/// One fragment with the context the line gave it.
pub struct Fragment<'a> {
    /// The sentence.
    pub sentence: AisSentence<'a>,
    /// Tag-block group id, if the tag block had a `g:` consistent with the sentence.
    pub group_id: Option<u32>,
    /// Metadata of this fragment (line, time, source, talker, channel).
    pub meta: Meta,
}

struct Pending {
    channel: Option<u8>,
    sequence_id: Option<u8>,
    count: u8,
    next: u8,
    group_id: Option<u32>,
    source: Option<Arc<str>>,
    last_line: u64,
    last_time_ms: Option<i64>,
    payload: Vec<u8>,
    meta: Meta,
}

/// Multi-sentence assembly state.
#[derive(Default)]
pub struct Assembler {
    limits: AssemblyLimits,
    pending: Vec<Pending>,
    spare_buffers: Vec<Vec<u8>>,
}

fn agree<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

impl Assembler {
    /// An assembler with the given limits.
    pub fn new(limits: AssemblyLimits) -> Self {
        Assembler {
            limits,
            ..Assembler::default()
        }
    }

    /// Adds a fragment of a multi-sentence message. Calls `complete` with the joined payload,
    /// the last fragment's fill bits and the message's metadata when this fragment completes
    /// it. Returns the number of fragments lost (evicted or orphaned) by this call.
    pub fn push(&mut self, fragment: Fragment<'_>, complete: impl FnOnce(&[u8], u8, Meta)) -> u64 {
        let mut lost = self.evict_stale(fragment.meta.line, fragment.meta.rx_time_ms);
        let s = &fragment.sentence;
        if s.fragment_number == 1 {
            let same_key = self.pending.iter().position(|p| {
                p.count == s.fragment_count
                    && p.channel == s.channel
                    && p.sequence_id == s.sequence_id
                    && p.source == fragment.meta.source
                    && p.group_id == fragment.group_id
            });
            if let Some(index) = same_key {
                lost += self.evict(index);
            }
            if self.pending.len() >= self.limits.max_pending {
                lost += self.evict(0);
            }
            let mut payload = self.spare_buffers.pop().unwrap_or_default();
            payload.clear();
            payload.extend_from_slice(s.payload);
            self.pending.push(Pending {
                channel: s.channel,
                sequence_id: s.sequence_id,
                count: s.fragment_count,
                next: 2,
                group_id: fragment.group_id,
                source: fragment.meta.source.clone(),
                last_line: fragment.meta.line,
                last_time_ms: fragment.meta.rx_time_ms,
                payload,
                meta: Meta {
                    fragments: s.fragment_count,
                    ..fragment.meta
                },
            });
            return lost;
        }
        let found = self.pending.iter().position(|p| {
            if p.next != s.fragment_number || p.count != s.fragment_count {
                return false;
            }
            if let (Some(a), Some(b)) = (p.group_id, fragment.group_id) {
                return a == b;
            }
            p.channel == s.channel
                && p.sequence_id == s.sequence_id
                && agree(&p.source, &fragment.meta.source)
        });
        let Some(index) = found else {
            return lost + 1;
        };
        let pending = &mut self.pending[index];
        pending.payload.extend_from_slice(s.payload);
        pending.next += 1;
        pending.last_line = fragment.meta.line;
        pending.last_time_ms = fragment.meta.rx_time_ms.or(pending.last_time_ms);
        if pending.meta.rx_time_ms.is_none() {
            pending.meta.rx_time_ms = fragment.meta.rx_time_ms;
            pending.meta.time_source = fragment.meta.time_source;
        }
        if pending.meta.source.is_none() {
            pending.meta.source = fragment.meta.source;
        }
        if s.fragment_number == s.fragment_count {
            let done = self.pending.remove(index);
            complete(&done.payload, s.fill_bits, done.meta);
            self.spare_buffers.push(done.payload);
        }
        lost
    }

    /// Evicts everything still pending (end of input). Returns the fragments lost.
    pub fn finish(&mut self) -> u64 {
        let mut lost = 0;
        while !self.pending.is_empty() {
            lost += self.evict(0);
        }
        lost
    }

    /// Number of messages waiting for more parts.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Line of the first part of the oldest message waiting for more parts.
    pub fn oldest_line(&self) -> Option<u64> {
        self.pending.iter().map(|p| p.meta.line).min()
    }

    fn evict_stale(&mut self, line: u64, time_ms: Option<i64>) -> u64 {
        let limits = self.limits;
        let mut lost = 0;
        let mut index = 0;
        while index < self.pending.len() {
            let p = &self.pending[index];
            let too_old_lines = line.saturating_sub(p.last_line) > limits.max_age_lines;
            let too_old_time = matches!((time_ms, p.last_time_ms), (Some(now), Some(then)) if now - then > limits.max_age_ms);
            if too_old_lines || too_old_time {
                lost += self.evict(index);
            } else {
                index += 1;
            }
        }
        lost
    }

    fn evict(&mut self, index: usize) -> u64 {
        let gone = self.pending.remove(index);
        self.spare_buffers.push(gone.payload);
        u64::from(gone.next - 1)
    }
}
