//! Bounded line reading: [`LineReader`] splits any [`Read`] into lines in a buffer of fixed
//! size and never holds more than [`MAX_LINE`] bytes of one line, whatever the input.
//! `lookout decode` and `lookout ingest` both read through it, so they skip and count the same
//! lines (`line_too_long`).

use std::io::{self, Read};

/// Longest line read, in bytes without its `\n`. An NMEA sentence is at most 82 characters and
/// a line of tag blocks and sentences a few hundred; a decoder JSON line is under 1 KiB. Longer
/// lines are skipped unread and counted (`line_too_long`).
pub const MAX_LINE: usize = 64 * 1024;

/// Size of a [`LineReader`]'s buffer: room for many lines per read, and always for one more
/// line of [`MAX_LINE`] bytes behind an unfinished one.
const BUFFER: usize = 1 << 20;
const _: () = assert!(BUFFER >= 2 * (MAX_LINE + 1));

/// Line ends looked for at once: one search over many short lines costs less than one each.
const BATCH: usize = 256;

/// One line from a [`LineReader`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A line, without its `\n` (a `\r` before it is kept).
    Text(&'a [u8]),
    /// A line longer than [`MAX_LINE`], skipped to its end without being kept.
    TooLong,
}

/// Lines of a [`Read`], handed out as slices of the reader's buffer (no copy per line).
///
/// A read error (a socket timeout, say) is returned without losing the line in progress: the
/// next call goes on where the error stopped.
pub struct LineReader<R> {
    reader: R,
    buffer: Box<[u8]>,
    /// Unread bytes are `buffer[start..end]`; those before `scanned` have been searched, and
    /// the `\n`s found there not yet handed out are `newlines[next..]`.
    start: usize,
    scanned: usize,
    end: usize,
    newlines: Vec<usize>,
    next: usize,
    /// Inside a line already known to be too long.
    skipping: bool,
    at_end: bool,
}

impl<R: Read> LineReader<R> {
    /// Lines of `reader`.
    pub fn new(reader: R) -> Self {
        LineReader {
            reader,
            buffer: vec![0; BUFFER].into_boxed_slice(),
            start: 0,
            scanned: 0,
            end: 0,
            newlines: Vec::with_capacity(BATCH),
            next: 0,
            skipping: false,
            at_end: false,
        }
    }

    /// The next line, or `None` at the end of the input. The last line may lack its `\n`.
    pub fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        loop {
            if self.next == self.newlines.len() {
                self.find_newlines();
            }
            if let Some(&stop) = self.newlines.get(self.next) {
                self.next += 1;
                let start = std::mem::replace(&mut self.start, stop + 1);
                return Ok(Some(self.line(start, stop)));
            }
            if self.at_end {
                if self.start == self.end && !self.skipping {
                    return Ok(None);
                }
                let start = std::mem::replace(&mut self.start, self.end);
                return Ok(Some(self.line(start, self.end)));
            }
            self.make_room();
            match self.reader.read(&mut self.buffer[self.end..]) {
                Ok(0) => self.at_end = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// True when every byte read from the source so far has been handed out, so the next call
    /// reads from the source and may block (on a pipe or socket): the moment to pass on what
    /// was read.
    pub fn buffer_is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Searches the unsearched bytes for up to [`BATCH`] line ends.
    fn find_newlines(&mut self) {
        let from = self.scanned;
        self.newlines.clear();
        self.next = 0;
        let found = memchr::memchr_iter(b'\n', &self.buffer[from..self.end]).take(BATCH);
        self.newlines.extend(found.map(|i| from + i));
        self.scanned = match self.newlines.len() {
            BATCH => self.newlines[BATCH - 1] + 1,
            _ => self.end,
        };
    }

    /// The line `buffer[start..stop]`, unless it is (the end of) one too long.
    fn line(&mut self, start: usize, stop: usize) -> Line<'_> {
        if std::mem::take(&mut self.skipping) || stop - start > MAX_LINE {
            Line::TooLong
        } else {
            Line::Text(&self.buffer[start..stop])
        }
    }

    /// Frees the buffer behind the unfinished line: drops it if it is already too long (and
    /// skips the rest of it), else moves it to the front when the buffer is full.
    fn make_room(&mut self) {
        if self.skipping || self.end - self.start > MAX_LINE {
            self.skipping = true;
            (self.start, self.scanned, self.end) = (0, 0, 0);
        } else if self.end == self.buffer.len() {
            self.buffer.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            (self.start, self.scanned) = (0, self.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader giving at most `step` bytes per read.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// Every line of `data`, read `step` bytes at a time; `None` for a line too long.
    fn lines(data: &[u8], step: usize) -> Vec<Option<Vec<u8>>> {
        let mut reader = LineReader::new(Trickle { data, step });
        let mut out = Vec::new();
        while let Some(line) = reader.next_line().unwrap() {
            out.push(match line {
                Line::Text(text) => Some(text.to_vec()),
                Line::TooLong => None,
            });
        }
        out
    }

    #[test]
    fn lines_split_across_reads_are_joined() {
        let data = b"!AIVDM,1\r\n\nsecond line\nlast";
        for step in [1, 2, 3, 7, 64, BUFFER] {
            assert_eq!(
                lines(data, step),
                [
                    Some(b"!AIVDM,1\r".to_vec()),
                    Some(vec![]),
                    Some(b"second line".to_vec()),
                    Some(b"last".to_vec())
                ],
                "{step} bytes per read"
            );
        }
        assert!(lines(b"", 8).is_empty());
        assert_eq!(lines(b"\n", 8), [Some(vec![])]);
    }

    #[test]
    fn long_lines_are_skipped_not_held() {
        // Longest kept, one byte too long, short, longer than the buffer, short, and a last
        // line too long without its `\n`, around buffer refills of every alignment.
        let mut data = vec![b'a'; MAX_LINE];
        data.push(b'\n');
        data.extend(vec![b'b'; MAX_LINE + 1]);
        data.extend_from_slice(b"\nshort\n");
        data.extend(vec![b'c'; 3 * BUFFER]);
        data.extend_from_slice(b"\nshort\n");
        data.extend(vec![b'd'; MAX_LINE + 1]);
        let short = Some(b"short".to_vec());
        let want = [
            Some(vec![b'a'; MAX_LINE]),
            None,
            short.clone(),
            None,
            short,
            None,
        ];
        for step in [1000, MAX_LINE - 1, MAX_LINE + 7, BUFFER] {
            assert_eq!(lines(&data, step), want, "{step} bytes per read");
        }
    }

    #[test]
    fn a_read_error_loses_nothing() {
        /// Gives "ab", then a timeout, then "c\nd".
        struct Flaky(u8);
        impl Read for Flaky {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                self.0 += 1;
                let chunk: &[u8] = match self.0 {
                    1 => b"ab",
                    2 => return Err(io::ErrorKind::TimedOut.into()),
                    3 => b"c\nd",
                    _ => b"",
                };
                buf[..chunk.len()].copy_from_slice(chunk);
                Ok(chunk.len())
            }
        }
        let mut reader = LineReader::new(Flaky(0));
        assert!(reader.next_line().is_err());
        assert_eq!(reader.next_line().unwrap(), Some(Line::Text(b"abc")));
        assert!(!reader.buffer_is_empty(), "\"d\" is still buffered");
        assert_eq!(reader.next_line().unwrap(), Some(Line::Text(b"d")));
        assert!(reader.buffer_is_empty());
        assert_eq!(reader.next_line().unwrap(), None);
    }
}
