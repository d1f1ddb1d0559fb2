//! CSV records in bounded memory. The `csv` crate's reader holds a whole record however long it
//! is, so records are split here with `csv_core` (its parser: comma, `"` quotes, doubled quotes,
//! blank lines skipped), and one whose fields exceed [`MAX_LINE`] bytes is skipped unkept,
//! like a long NMEA line.

use std::io::{self, BufRead};

use csv::StringRecord;
use lookout_ais::MAX_LINE;

/// What [`Records::next`] read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    /// A record, now in the caller's [`StringRecord`], starting on this 1-based line.
    Read(u64),
    /// A record with more than [`MAX_LINE`] bytes of fields (or as many fields), skipped.
    TooLong,
    /// A record that is not UTF-8 text.
    NotUtf8,
}

/// The CSV records of a reader.
pub struct Records<R> {
    reader: R,
    core: csv_core::Reader,
    /// Field bytes of the record being read (unquoted), at most [`MAX_LINE`].
    fields: Vec<u8>,
    /// End offset of each field in `fields`.
    ends: Vec<usize>,
}

impl<R: BufRead> Records<R> {
    /// Records of `reader`.
    pub fn new(reader: R) -> Self {
        Records {
            reader,
            core: csv_core::Reader::new(),
            fields: vec![0; 1024],
            ends: vec![0; 32],
        }
    }

    /// Reads the next record into `record`; `None` at the end of the input.
    pub fn next(&mut self, record: &mut StringRecord) -> io::Result<Option<Record>> {
        use csv_core::ReadRecordResult as Core;
        let line = self.core.line();
        let (mut n_bytes, mut n_ends, mut too_long) = (0, 0, false);
        loop {
            let input = match self.reader.fill_buf() {
                Ok(input) => input,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let (result, read, written, ended) =
                self.core
                    .read_record(input, &mut self.fields[n_bytes..], &mut self.ends[n_ends..]);
            self.reader.consume(read);
            n_bytes += written;
            n_ends += ended;
            match result {
                Core::InputEmpty => {}
                Core::OutputFull if !too_long && self.fields.len() < MAX_LINE => {
                    self.fields.resize((2 * self.fields.len()).min(MAX_LINE), 0);
                }
                Core::OutputEndsFull if !too_long && self.ends.len() < MAX_LINE => {
                    self.ends.resize((2 * self.ends.len()).min(MAX_LINE), 0);
                }
                // Too long: read on to the record's end, writing over what was read.
                Core::OutputFull | Core::OutputEndsFull => {
                    too_long = true;
                    (n_bytes, n_ends) = (0, 0);
                }
                Core::Record if too_long => return Ok(Some(Record::TooLong)),
                Core::Record => return Ok(Some(self.fill(record, n_bytes, n_ends, line))),
                Core::End => return Ok(None),
            }
        }
    }

    fn fill(&self, record: &mut StringRecord, n_bytes: usize, n_ends: usize, line: u64) -> Record {
        let Ok(text) = std::str::from_utf8(&self.fields[..n_bytes]) else {
            return Record::NotUtf8;
        };
        record.clear();
        let mut start = 0;
        for &end in &self.ends[..n_ends] {
            // A field must be UTF-8 by itself, not only joined to its neighbours.
            let Some(field) = text.get(start..end) else {
                return Record::NotUtf8;
            };
            record.push_field(field);
            start = end;
        }
        Record::Read(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8], capacity: usize) -> Vec<(Record, Vec<String>)> {
        let mut records = Records::new(io::BufReader::with_capacity(capacity, input));
        let mut record = StringRecord::new();
        let mut out = Vec::new();
        while let Some(r) = records.next(&mut record).unwrap() {
            let fields = match r {
                Record::Read(_) => record.iter().map(str::to_owned).collect(),
                _ => vec![],
            };
            out.push((r, fields));
        }
        out
    }

    #[test]
    fn records_as_the_csv_crate_reads_them() {
        let input = b"MMSI,Name\n1,\"A, \"\"quoted\"\"\nname\"\n\n2,B\r\n3,\"\xc3\n\xa9\"\n4,C";
        for capacity in [1, 3, 64, 1 << 16] {
            let got = read_all(input, capacity);
            let want = [
                (Record::Read(1), vec!["MMSI", "Name"]),
                (Record::Read(2), vec!["1", "A, \"quoted\"\nname"]),
                (Record::Read(4), vec!["2", "B"]),
                (Record::NotUtf8, vec![]),
                (Record::Read(8), vec!["4", "C"]),
            ];
            assert_eq!(got.len(), want.len(), "{capacity}: {got:?}");
            for ((r, fields), (wr, wfields)) in got.iter().zip(&want) {
                assert_eq!(
                    (r, fields),
                    (wr, &wfields.iter().map(|f| f.to_string()).collect())
                );
            }
            // The csv crate reads the same fields and line numbers (a record after a blank
            // line has the blank line's number in both).
            let mut theirs = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(&input[..]);
            let theirs: Vec<(Record, Vec<String>)> = theirs
                .records()
                .filter_map(Result::ok)
                .map(|r| {
                    let line = r.position().unwrap().line();
                    (Record::Read(line), r.iter().map(str::to_owned).collect())
                })
                .collect();
            let ours: Vec<_> = got.into_iter().filter(|r| r.0 != Record::NotUtf8).collect();
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn a_long_record_is_skipped_not_held() {
        let mut input = b"MMSI,Name\n".to_vec();
        input.extend_from_slice(b"1,\"");
        for _ in 0..3 * MAX_LINE / 10 {
            input.extend_from_slice(b"long\nline"); // one quoted field over many lines
        }
        input.extend_from_slice(b"\"\n2,");
        input.extend(vec![b','; MAX_LINE + 1]); // as many fields as that
        input.extend_from_slice(b"\n3,short\n");
        let got: Vec<Record> = read_all(&input, 1000).into_iter().map(|r| r.0).collect();
        assert_eq!(
            got[..3],
            [Record::Read(1), Record::TooLong, Record::TooLong]
        );
        assert!(matches!(got[3], Record::Read(_)), "{got:?}");
        assert_eq!(got.len(), 4);
    }
}
