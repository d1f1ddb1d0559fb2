//! [`Decoder`]: lines of text in, typed messages with their metadata out.

use std::collections::HashMap;
use std::sync::Arc;

use crate::message::{self, AisMessage};
use crate::nmea::assembly::{Assembler, AssemblyLimits, Fragment};
use crate::nmea::sentence::{self, AisSentence, Sentence};
use crate::nmea::tag_block::{self, TagBlock};
use crate::nmea::time::unix_digits_to_ms;
use crate::nmea::{gatehouse, Anomaly, Meta, Reject, Stats, TimeSource};

/// A decoded message and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The typed message.
    pub message: AisMessage,
    /// Receive time, station, talker, channel and input line.
    pub meta: Meta,
}

/// Distinct source-station names kept interned; beyond this each message allocates its own.
const MAX_INTERNED_SOURCES: usize = 4096;

/// A streaming AIS decoder: feed it lines, get [`Decoded`] messages, read its [`Stats`].
///
/// State is bounded: pending multi-sentence messages are capped and evicted by age (see
/// [`AssemblyLimits`]), so memory stays flat whatever the input size.
#[derive(Default)]
pub struct Decoder {
    stats: Stats,
    assembler: Assembler,
    line: u64,
    gatehouse_time_ms: Option<i64>,
    /// Line of the `$PGHP` header whose time waits for the next sentence.
    gatehouse_line: u64,
    /// Station named by that header (`gatehouse::station`).
    gatehouse_station: Option<Arc<str>>,
    /// Station of the last `$PGHP` header of the input: sentences of the same recorder that
    /// carry a trailing receive time instead of a header (exactEarth's format in AMSA's files)
    /// keep it.
    last_gatehouse_station: Option<Arc<str>>,
    sources: HashMap<Box<[u8]>, Arc<str>>,
}

impl Decoder {
    /// A decoder with default assembly limits.
    pub fn new() -> Self {
        Decoder::default()
    }

    /// A decoder with the given assembly limits.
    pub fn with_limits(limits: AssemblyLimits) -> Self {
        Decoder {
            assembler: Assembler::new(limits),
            ..Decoder::default()
        }
    }

    /// Counts so far.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The first line (as counted by this decoder, from 1) still needed by a message not yet
    /// emitted: the first part of a multi-sentence message waiting for the rest, or a `$PGHP`
    /// header waiting for its sentence. A reader that resumes a file (after a restart) from
    /// this line, feeding a fresh decoder and dropping the messages it had already emitted,
    /// decodes the rest exactly as this decoder would. `None` when nothing is pending.
    pub fn resume_line(&self) -> Option<u64> {
        let gatehouse = self.gatehouse_time_ms.map(|_| self.gatehouse_line);
        match (self.assembler.oldest_line(), gatehouse) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Decodes one line of input (with or without its line ending), calling `emit` for each
    /// message it completes.
    pub fn feed_line(&mut self, line: &[u8], mut emit: impl FnMut(Decoded)) {
        self.line += 1;
        self.stats.lines += 1;
        let text = line.trim_ascii();
        if text.is_empty() {
            self.stats.blank_lines += 1;
            return;
        }
        if text[0] == b'#' {
            self.stats.comment_lines += 1;
            return;
        }
        let Some(start) = memchr::memchr3(b'\\', b'!', b'$', text) else {
            self.stats.reject(Reject::NotNmea.reason());
            return;
        };
        if start > 0 {
            self.stats.anomaly(Anomaly::StrayText);
        }
        let mut rest = &text[start..];
        let mut tag = TagBlock::default();
        let mut tag_unused = false;
        while let Some(&first) = rest.first() {
            match first {
                b'\\' => {
                    let read = tag_block::read(rest);
                    for anomaly in read.anomalies.into_iter().flatten() {
                        self.stats.anomaly(anomaly);
                    }
                    if tag_unused {
                        self.stats.anomaly(Anomaly::TagBlockWithoutSentence);
                    }
                    tag = read.tag;
                    tag_unused = true;
                    rest = read.rest;
                }
                b'!' | b'$' => {
                    let read = sentence::read(rest);
                    if let Some(anomaly) = read.anomaly {
                        self.stats.anomaly(anomaly);
                    }
                    match read.sentence {
                        Ok(Sentence::Ais(s)) => self.on_ais(s, &tag, &mut emit),
                        Ok(Sentence::Other(body)) => self.on_other(body),
                        Ok(Sentence::CorruptOther) => self.stats.other_sentences += 1,
                        Err(reject) => self.stats.reject(reject.reason()),
                    }
                    tag = TagBlock::default();
                    tag_unused = false;
                    rest = read.rest;
                }
                _ => {
                    let skip = memchr::memchr3(b'\\', b'!', b'$', rest).unwrap_or(rest.len());
                    if !rest[..skip].trim_ascii().is_empty() {
                        self.stats.anomaly(Anomaly::StrayText);
                    }
                    rest = &rest[skip..];
                }
            }
        }
        if tag_unused {
            self.stats.anomaly(Anomaly::TagBlockWithoutSentence);
        }
    }

    /// Counts a line that was not fed to the decoder, rejected with `reason`: a line over
    /// [`MAX_LINE`](crate::lines::MAX_LINE) bytes skipped unread ([`Reject::LineTooLong`]), or
    /// one a reader could not finish. It is a line all the same, so later lines keep their
    /// numbers.
    pub fn reject_line(&mut self, reason: &'static str) {
        self.line += 1;
        self.stats.lines += 1;
        self.stats.reject(reason);
    }

    /// Ends the input: messages still waiting for parts are counted as orphan fragments.
    pub fn finish(&mut self) {
        let lost = self.assembler.finish();
        self.stats.add_reject(Reject::OrphanFragment.reason(), lost);
    }

    fn on_other(&mut self, body: &[u8]) {
        if body.starts_with(b"PGHP") {
            match gatehouse::receive_time_ms(body) {
                Some(ms) => {
                    self.stats.gatehouse_headers += 1;
                    self.gatehouse_line = self.line;
                    self.gatehouse_station = gatehouse::station(body).map(|n| self.intern(n));
                    self.last_gatehouse_station = self.gatehouse_station.clone();
                    if self.gatehouse_time_ms.replace(ms).is_some() {
                        self.stats.anomaly(Anomaly::UnusedGatehouseHeader);
                    }
                }
                None if body.starts_with(b"PGHP,1,") => {
                    self.stats.reject(Reject::BadGatehouse.reason())
                }
                None => self.stats.other_sentences += 1,
            }
        } else {
            self.stats.other_sentences += 1;
        }
    }

    fn on_ais(&mut self, s: AisSentence<'_>, tag: &TagBlock<'_>, emit: &mut impl FnMut(Decoded)) {
        self.stats.ais_sentences += 1;
        if !s.talker.iter().all(u8::is_ascii_uppercase) {
            self.stats.anomaly(Anomaly::OddTalker);
        }
        let gatehouse = self.gatehouse_time_ms.take();
        let gatehouse_station = self.gatehouse_station.take();
        let (rx_time_ms, time_source) = if let Some(ms) = tag.time_ms {
            (Some(ms), TimeSource::TagBlock)
        } else if let Some(ms) = gatehouse {
            (Some(ms), TimeSource::Gatehouse)
        } else if let Some(ms) = trailing_time_ms(s.trailing) {
            (Some(ms), TimeSource::Trailing)
        } else {
            (None, TimeSource::None)
        };
        let source = tag
            .source
            .or_else(|| trailing_station(s.trailing))
            .map(|name| self.intern(name))
            .or(gatehouse_station.filter(|_| gatehouse.is_some()))
            .or_else(|| {
                (time_source == TimeSource::Trailing)
                    .then(|| self.last_gatehouse_station.clone())
                    .flatten()
            });
        let meta = Meta {
            line: self.line,
            rx_time_ms,
            time_source,
            source,
            talker: s.talker,
            own_ship: s.own_ship,
            channel: s.channel,
            fragments: 1,
        };
        if s.fragment_count == 1 {
            self.decode(s.payload, s.fill_bits, meta, emit);
            return;
        }
        let group_id = tag.group.and_then(|g| {
            let consistent = g.total == s.fragment_count && g.number == s.fragment_number;
            if !consistent {
                self.stats.anomaly(Anomaly::BadTagBlockGroup);
            }
            consistent.then_some(g.id)
        });
        let fragment = Fragment {
            sentence: s,
            group_id,
            meta,
        };
        let mut completed = None;
        let lost = self.assembler.push(fragment, |payload, fill_bits, meta| {
            completed = Some((message::decode(payload, fill_bits), meta));
        });
        self.stats.add_reject(Reject::OrphanFragment.reason(), lost);
        if let Some((result, meta)) = completed {
            self.stats.messages += 1;
            self.finish_message(result, meta, emit);
        }
    }

    fn decode(
        &mut self,
        payload: &[u8],
        fill_bits: u8,
        meta: Meta,
        emit: &mut impl FnMut(Decoded),
    ) {
        self.stats.messages += 1;
        self.finish_message(message::decode(payload, fill_bits), meta, emit);
    }

    fn finish_message(
        &mut self,
        result: Result<AisMessage, message::MessageError>,
        meta: Meta,
        emit: &mut impl FnMut(Decoded),
    ) {
        match result {
            Ok(message) => {
                self.stats.decoded += 1;
                emit(Decoded { message, meta });
            }
            Err(error) => self.stats.reject(error.reason()),
        }
    }

    fn intern(&mut self, name: &[u8]) -> Arc<str> {
        if let Some(shared) = self.sources.get(name) {
            return shared.clone();
        }
        let shared: Arc<str> = String::from_utf8_lossy(name).into();
        if self.sources.len() < MAX_INTERNED_SOURCES {
            self.sources.insert(name.into(), shared.clone());
        }
        shared
    }
}

/// The first trailing field that is a plausible Unix time (10 digits of seconds or 13 of
/// milliseconds), as written by USCG, exactEarth and AMSA recorders.
fn trailing_time_ms(trailing: &[u8]) -> Option<i64> {
    if trailing.is_empty() {
        return None;
    }
    trailing
        .split(|&b| b == b',')
        .filter(|field| matches!(field.first(), Some(b'0'..=b'9')))
        .find_map(unix_digits_to_ms)
}

/// A USCG receiver field (`r003669946`, `b003669794`) among the trailing fields.
fn trailing_station(trailing: &[u8]) -> Option<&[u8]> {
    trailing.split(|&b| b == b',').find(|field| {
        matches!(field.first(), Some(b'r' | b'b'))
            && field.len() >= 4
            && field[1..].iter().all(u8::is_ascii_alphanumeric)
    })
}
