//! Counters for everything the decoder reads, and the reasons for everything it does not decode.

use std::collections::BTreeMap;
use std::fmt;

/// Why a line, sentence or message was not decoded. Each has a stable snake_case label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reject {
    /// A line longer than [`MAX_LINE`](crate::lines::MAX_LINE), skipped unread.
    LineTooLong,
    /// Text that is neither an NMEA sentence nor a tag block.
    NotNmea,
    /// A `!..VD[MO]` sentence whose checksum does not match.
    BadChecksum,
    /// A sentence without the `*hh` checksum.
    MissingChecksum,
    /// Wrong number of fields, or a field that cannot be read.
    Malformed,
    /// Fragment count 0 or above 9, or a fragment number outside 1..=count.
    BadFragmentNumber,
    /// A fragment whose other parts never arrived (or arrived out of order); counted per
    /// sentence lost.
    OrphanFragment,
    /// A `$PGHP` header that cannot be read.
    BadGatehouse,
}

impl Reject {
    /// Stable label used in statistics output.
    pub fn reason(self) -> &'static str {
        match self {
            Reject::LineTooLong => "line_too_long",
            Reject::NotNmea => "not_nmea",
            Reject::BadChecksum => "bad_checksum",
            Reject::MissingChecksum => "missing_checksum",
            Reject::Malformed => "malformed_sentence",
            Reject::BadFragmentNumber => "bad_fragment_number",
            Reject::OrphanFragment => "orphan_fragment",
            Reject::BadGatehouse => "bad_gatehouse_header",
        }
    }
}

/// Something odd that did not stop the message from being decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anomaly {
    /// The tag block's checksum is wrong (often a placeholder `*00`); its fields were still used.
    BadTagBlockChecksum,
    /// A tag block that cannot be read; the sentence was decoded without it.
    MalformedTagBlock,
    /// A `g:` group that contradicts the sentence's fragment fields; it was ignored.
    BadTagBlockGroup,
    /// A receive time outside 1980-2100; it was ignored.
    ImplausibleTime,
    /// The talker ID is not two upper-case letters (e.g. `=I`).
    OddTalker,
    /// The fill-bits field and checksum were fused without a `*` (`,013`) but the checksum matched.
    FusedChecksum,
    /// Text that is not part of a sentence or tag block was skipped (before, between or after them).
    StrayText,
    /// A tag block with no sentence after it on its line; it was not applied to anything.
    TagBlockWithoutSentence,
    /// A `$PGHP` header replaced by the next one before any AIS sentence used its time.
    UnusedGatehouseHeader,
    /// A tag-block field holding a byte outside printable ASCII (a control character such as
    /// NUL, DEL, or a non-ASCII byte); the field was ignored.
    UnprintableTagBlockField,
}

impl Anomaly {
    /// Stable label used in statistics output.
    pub fn reason(self) -> &'static str {
        match self {
            Anomaly::BadTagBlockChecksum => "bad_tag_block_checksum",
            Anomaly::MalformedTagBlock => "malformed_tag_block",
            Anomaly::BadTagBlockGroup => "bad_tag_block_group",
            Anomaly::ImplausibleTime => "implausible_time",
            Anomaly::OddTalker => "odd_talker",
            Anomaly::FusedChecksum => "fused_checksum",
            Anomaly::StrayText => "stray_text_skipped",
            Anomaly::TagBlockWithoutSentence => "tag_block_without_sentence",
            Anomaly::UnusedGatehouseHeader => "unused_gatehouse_header",
            Anomaly::UnprintableTagBlockField => "unprintable_tag_block_field",
        }
    }
}

/// What a decoder has read so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Lines read, blank and too long ones included.
    pub lines: u64,
    /// Blank lines.
    pub blank_lines: u64,
    /// `#` comment lines.
    pub comment_lines: u64,
    /// AIS sentences (`!..VDM` / `!..VDO`) with a valid checksum.
    pub ais_sentences: u64,
    /// Other NMEA sentences (`$GPRMC`, `$AIVSI`, ...), skipped on purpose.
    pub other_sentences: u64,
    /// Gatehouse `$PGHP,1` headers read; each gives its receive time to the next AIS sentence.
    pub gatehouse_headers: u64,
    /// Messages handed to the message layer after assembly.
    pub messages: u64,
    /// Messages decoded into typed structs.
    pub decoded: u64,
    /// Rejections by reason label (sentence- and message-layer reasons together).
    pub rejects: BTreeMap<&'static str, u64>,
    /// Anomalies by reason label (decoded anyway).
    pub anomalies: BTreeMap<&'static str, u64>,
}

impl Stats {
    /// Counts one rejection.
    pub fn reject(&mut self, reason: &'static str) {
        self.add_reject(reason, 1);
    }

    /// Counts `n` rejections with one reason.
    pub fn add_reject(&mut self, reason: &'static str, n: u64) {
        if n > 0 {
            *self.rejects.entry(reason).or_default() += n;
        }
    }

    /// Counts one anomaly.
    pub fn anomaly(&mut self, anomaly: Anomaly) {
        *self.anomalies.entry(anomaly.reason()).or_default() += 1;
    }

    /// Total rejections over all reasons.
    pub fn total_rejects(&self) -> u64 {
        self.rejects.values().sum()
    }

    /// Adds another decoder's counts to these.
    pub fn merge(&mut self, other: &Stats) {
        self.lines += other.lines;
        self.blank_lines += other.blank_lines;
        self.comment_lines += other.comment_lines;
        self.ais_sentences += other.ais_sentences;
        self.other_sentences += other.other_sentences;
        self.gatehouse_headers += other.gatehouse_headers;
        self.messages += other.messages;
        self.decoded += other.decoded;
        for (reason, n) in &other.rejects {
            *self.rejects.entry(reason).or_default() += n;
        }
        for (reason, n) in &other.anomalies {
            *self.anomalies.entry(reason).or_default() += n;
        }
    }
}

impl fmt::Display for Stats {
    /// One `key: value` per line, rejects and anomalies as `reject.<reason>: n`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "lines: {}", self.lines)?;
        writeln!(f, "blank_lines: {}", self.blank_lines)?;
        writeln!(f, "comment_lines: {}", self.comment_lines)?;
        writeln!(f, "ais_sentences: {}", self.ais_sentences)?;
        writeln!(f, "other_sentences: {}", self.other_sentences)?;
        writeln!(f, "gatehouse_headers: {}", self.gatehouse_headers)?;
        writeln!(f, "messages: {}", self.messages)?;
        writeln!(f, "decoded: {}", self.decoded)?;
        writeln!(f, "rejected: {}", self.total_rejects())?;
        for (reason, n) in &self.rejects {
            writeln!(f, "reject.{reason}: {n}")?;
        }
        for (reason, n) in &self.anomalies {
            writeln!(f, "anomaly.{reason}: {n}")?;
        }
        Ok(())
    }
}
