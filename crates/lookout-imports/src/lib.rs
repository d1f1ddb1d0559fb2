//! `lookout-imports`: inputs analysts already have, read beside Lookout's own.
//!
//! - [`gfw_events`]: Global Fishing Watch event exports (Events API v3 JSON, the Carrier Vessel
//!   Portal and map report CSVs) as Lookout [`Event`](lookout_core::event::Event)s with
//!   `details.origin = "gfw"` and GFW's event id.
//! - [`detections`]: satellite vessel detections (GFW's Sentinel-1 SAR CSV, a generic CSV) and
//!   scene footprints (WKT or GeoJSON).
//! - [`matching`]: detections matched to the store's AIS within a distance and time, the rest
//!   reported as dark vessels.
//! - [`sightings`]: matched and unmatched detections near the project's areas, and sites inside
//!   a scene footprint with nothing there, as `observations.csv` rows.
//! - [`folder`]: the files of a project folder the pipeline picks up.
//!
//! Every rejected row is counted by reason in a [`Rejects`], with the file, line (or JSON path)
//! and field of the first few. The formats, thresholds and their sources are in
//! `docs/imports.md`.

pub mod detections;
pub mod folder;
pub mod gfw_events;
pub mod matching;
pub mod sightings;

use std::collections::BTreeMap;
use std::fmt;

/// How many rejected rows per reason keep their full description.
pub const EXAMPLES_PER_REASON: usize = 5;

/// Provenance written with every imported row: the files come from the real source.
pub const PROVENANCE: &str = "real";

/// One rejected row: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// File name.
    pub file: String,
    /// Line in the file (1-based; 0 for a JSON document, whose `field` is then a path).
    pub line: u64,
    /// Column or JSON path.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl RowError {
    /// A rejected row of `file`.
    pub fn new(file: &str, line: u64, field: String, message: String) -> Self {
        RowError {
            file: file.to_owned(),
            line,
            field,
            message,
        }
    }
}

/// A CSV reader over `text` (rows of any length; a UTF-8 byte order mark, as spreadsheet
/// exports write, skipped) and its trimmed header; a file without one is an error.
pub(crate) fn csv_with_header<'a>(
    text: &'a str,
    file: &str,
) -> Result<(csv::Reader<&'a [u8]>, Vec<String>), RowError> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes());
    let header = r
        .headers()
        .map_err(|e| RowError::new(file, 1, String::new(), format!("bad header: {e}")))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    Ok((r, header))
}

/// The records of a CSV over `text` with the line each starts on (counted from the record's
/// byte offset, so `\r\n` files and quoted line breaks count right); unreadable ones are
/// counted in `rejects` as `bad_csv_record`.
pub(crate) fn csv_rows(
    r: &mut csv::Reader<&[u8]>,
    text: &str,
    file: &str,
    rejects: &mut Rejects,
) -> Vec<(u64, csv::StringRecord)> {
    let newlines: Vec<u64> = newline_offsets(text);
    // The reader's offsets start after a skipped byte order mark; after a `\r\n` a record's
    // offset is that of the `\n` (the `csv` crate ends the record at the `\r`).
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let line_at = |byte: u64| newlines.partition_point(|&n| n <= byte + bom) as u64 + 1;
    let mut rows = Vec::new();
    for rec in r.records() {
        match rec {
            Ok(rec) => rows.push((rec.position().map_or(0, |p| line_at(p.byte())), rec)),
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                let error = RowError::new(file, line, String::new(), e.to_string());
                rejects.add("bad_csv_record", error);
            }
        }
    }
    rows
}

/// Byte offsets of the `\n`s of a text.
fn newline_offsets(text: &str) -> Vec<u64> {
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i as u64)
        .collect()
}

/// A record's cell, trimmed; `None` when empty or absent.
pub(crate) fn cell(rec: &csv::StringRecord, i: Option<usize>) -> Option<&str> {
    i.and_then(|i| rec.get(i))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}: {}", self.file, self.field, self.message),
            l => write!(f, "{}:{}: {}: {}", self.file, l, self.field, self.message),
        }
    }
}

impl std::error::Error for RowError {}

/// Rejected rows: counts by reason, and the first [`EXAMPLES_PER_REASON`] of each in full.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rejects {
    /// Rows rejected, by reason.
    pub counts: BTreeMap<String, u64>,
    /// The first rows of each reason, in file order.
    pub examples: Vec<(String, RowError)>,
}

impl Rejects {
    /// Counts one rejected row.
    pub fn add(&mut self, reason: &str, error: RowError) {
        let n = self.counts.entry(reason.to_owned()).or_default();
        *n += 1;
        if *n as usize <= EXAMPLES_PER_REASON {
            self.examples.push((reason.to_owned(), error));
        }
    }

    /// Adds another file's rejects.
    pub fn merge(&mut self, other: Rejects) {
        for (reason, n) in other.counts {
            *self.counts.entry(reason).or_default() += n;
        }
        self.examples.extend(other.examples);
    }

    /// Total rows rejected.
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    /// One line per reason (`reason: N`), then the examples, for a command's summary.
    pub fn report(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .counts
            .iter()
            .map(|(r, n)| format!("{r}: {n}"))
            .collect();
        out.extend(self.examples.iter().map(|(r, e)| format!("  {r}: {e}")));
        out
    }
}

/// A time as exports write it: RFC 3339 (`2023-09-05T01:02:03.000Z`), the same with a space
/// instead of `T` and no offset or a ` UTC` suffix (read as UTC), a date, or Unix seconds.
pub fn parse_utc(text: &str) -> Option<i64> {
    use lookout_core::time::parse_time;
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(ms) = parse_time(t) {
        return Some(ms);
    }
    let t = t.strip_suffix(" UTC").unwrap_or(t).replacen(' ', "T", 1);
    let has_offset = t.ends_with('Z') || t.get(19..).is_some_and(|s| s.contains(['+', '-']));
    let t = if has_offset { t } else { format!("{t}Z") };
    parse_time(&t).ok()
}

/// A number written as a JSON number or as text (GFW's API returns some numbers as strings).
pub fn number(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|x: &f64| x.is_finite())
}

/// An MMSI: nine digits or fewer, not zero.
pub fn mmsi(text: &str) -> Option<u32> {
    let t = text.trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    t.parse::<u32>()
        .ok()
        .filter(|m| (1..=999_999_999).contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_times() {
        let want = lookout_core::time::parse_time("2023-09-05T01:02:03Z").unwrap();
        for t in [
            "2023-09-05T01:02:03.000Z",
            "2023-09-05 01:02:03",
            "2023-09-05 01:02:03 UTC",
            "2023-09-05 01:02:03+00:00",
            "2023-09-05T01:02:03",
        ] {
            assert_eq!(parse_utc(t), Some(want), "{t}");
        }
        assert_eq!(parse_utc("yesterday"), None);
        assert_eq!(parse_utc(""), None);
    }

    #[test]
    fn csv_lines_count_crlf_and_quoted_breaks() {
        let text = "\u{feff}a,b\r\n1,\"x\ny\"\r\n2,z\r\n";
        let (mut r, header) = csv_with_header(text, "f.csv").unwrap();
        assert_eq!(header, ["a", "b"]);
        let rows = csv_rows(&mut r, text, "f.csv", &mut Rejects::default());
        let lines: Vec<u64> = rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn rejects_keep_counts_and_first_examples() {
        let mut r = Rejects::default();
        for line in 1..=7 {
            let e = RowError::new("f.csv", line, "start".into(), "bad".into());
            r.add("bad_time", e);
        }
        assert_eq!(r.counts["bad_time"], 7);
        assert_eq!(r.examples.len(), EXAMPLES_PER_REASON);
        assert_eq!(r.examples[0].1.to_string(), "f.csv:1: start: bad");
        assert_eq!(mmsi("273353180"), Some(273_353_180));
        assert_eq!(mmsi("273353180.0"), Some(273_353_180));
        assert_eq!(mmsi("0"), None);
        assert_eq!(mmsi("1234567890"), None);
    }
}
