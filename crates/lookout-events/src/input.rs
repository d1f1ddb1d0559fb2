//! Reading events back from the CSV `lookout events` writes (columns of [`crate::output::COLUMNS`],
//! found by header name). A row that cannot be read is set aside with its line and the reason;
//! reading goes on.

use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use crate::event::{parse_time, Event, EventType};

/// A row set aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// Line in the file (1 = header).
    pub line: u64,
    /// Why.
    pub reason: String,
}

#[derive(Deserialize)]
struct Row {
    event_type: EventType,
    mmsi: u32,
    other_mmsi: Option<u32>,
    start_time: String,
    end_time: String,
    lat: Option<f64>,
    lon: Option<f64>,
    end_lat: Option<f64>,
    end_lon: Option<f64>,
    area: Option<String>,
    other_area: Option<String>,
    confidence: Option<f64>,
    details: Option<String>,
    n_positions: Option<u64>,
    evidence_start: Option<String>,
    evidence_end: Option<String>,
}

impl Row {
    fn event(self) -> Result<Event, String> {
        let time =
            |name: &str, s: &str| parse_time(s).ok_or_else(|| format!("{name}: not a time: {s:?}"));
        let start = time("start_time", &self.start_time)?;
        let end = time("end_time", &self.end_time)?;
        let details = match self.details.as_deref() {
            None | Some("") => serde_json::Map::new(),
            Some(s) => serde_json::from_str(s).map_err(|e| format!("details: {e}"))?,
        };
        let nan = (f64::NAN, f64::NAN);
        let mut e = Event::new(self.event_type, self.mmsi, start, end, nan, nan);
        e.other_mmsi = self.other_mmsi;
        (e.lat, e.lon, e.end_lat, e.end_lon) = (self.lat, self.lon, self.end_lat, self.end_lon);
        e.area = self.area.filter(|a| !a.is_empty());
        e.other_area = self.other_area.filter(|a| !a.is_empty());
        e.confidence = self.confidence.unwrap_or(1.0);
        e.details = details;
        let evidence = |s: Option<String>, default| match s.as_deref() {
            None | Some("") => Ok(default),
            Some(t) => time("evidence", t),
        };
        let (first, last) = (
            evidence(self.evidence_start, start)?,
            evidence(self.evidence_end, end)?,
        );
        Ok(e.evidence(self.n_positions.unwrap_or(0), first, last))
    }
}

/// Reads an events CSV: the events read, and the rows set aside.
pub fn read_csv(reader: impl Read) -> Result<(Vec<Event>, Vec<Rejected>), csv::Error> {
    let mut r = csv::Reader::from_reader(reader);
    let headers = r.headers()?.clone();
    let mut events = Vec::new();
    let mut rejected = Vec::new();
    for record in r.records() {
        let record = match record {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                rejected.push(Rejected {
                    line,
                    reason: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        match record.deserialize::<Row>(Some(&headers)) {
            Ok(row) => match row.event() {
                Ok(e) => events.push(e),
                Err(reason) => rejected.push(Rejected { line, reason }),
            },
            Err(e) => rejected.push(Rejected {
                line,
                reason: e.to_string(),
            }),
        }
    }
    Ok((events, rejected))
}

/// Reads an events CSV file.
pub fn read_csv_file(path: &Path) -> Result<(Vec<Event>, Vec<Rejected>), csv::Error> {
    read_csv(std::fs::File::open(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::EventWriter;

    #[test]
    fn written_events_read_back_and_bad_rows_are_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.csv");
        let t = parse_time("2023-09-12T06:30:00Z").unwrap();
        let mut gap = Event::new(
            EventType::Gap,
            273_900_101,
            t,
            t + 7_200_000,
            (42.2, 130.3),
            (42.9, 132.3),
        )
        .with("duration_h", 2.0)
        .evidence(12, t - 600_000, t + 7_200_000);
        gap.area = Some("Rajin, \"port\"".into());
        let mut meet = Event::new(
            EventType::Encounter,
            273_900_101,
            t,
            t + 1,
            (f64::NAN, f64::NAN),
            (f64::NAN, f64::NAN),
        );
        meet.other_mmsi = Some(445_000_001);
        let mut w = EventWriter::create(&path).unwrap();
        w.write(&[gap.clone(), meet.clone()]).unwrap();
        w.finish().unwrap();
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("gap-1-1,gap,1,,yesterday,2023-01-01T00:00:00Z,,,,,,,1,,0,,\n");
        text.push_str("x,teleport,1,,2023-01-01T00:00:00Z,2023-01-01T00:00:00Z,,,,,,,1,,0,,\n");
        let (events, rejected) = read_csv(text.as_bytes()).unwrap();
        assert_eq!(events, [gap, meet]);
        assert_eq!(
            events[1].event_id(),
            format!("encounter-273900101-445000001-{}", t / 1000)
        );
        assert_eq!(rejected.len(), 2);
        assert_eq!((rejected[0].line, rejected[1].line), (4, 5));
        assert!(rejected[0].reason.contains("start_time"), "{rejected:?}");
        assert!(rejected[1].reason.contains("teleport"), "{rejected:?}");
    }
}
