//! Opening inputs: a path or `-` for stdin; gzip and zstd detected by their magic bytes.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use anyhow::{Context, Result};

const BUFFER_BYTES: usize = 1 << 20;

/// Opens `path` (or stdin for `-`) as buffered text, decompressing gzip or zstd streams.
pub fn open(path: &str) -> Result<Box<dyn BufRead>> {
    let raw: Box<dyn Read> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(path).with_context(|| format!("cannot open {path}"))?)
    };
    let mut reader = BufReader::with_capacity(BUFFER_BYTES, raw);
    let magic = reader
        .fill_buf()
        .with_context(|| format!("cannot read {path}"))?;
    Ok(if magic.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::with_capacity(
            BUFFER_BYTES,
            flate2::bufread::MultiGzDecoder::new(reader),
        ))
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(BufReader::with_capacity(
            BUFFER_BYTES,
            zstd::stream::read::Decoder::with_buffer(reader)
                .with_context(|| format!("cannot start zstd on {path}"))?,
        ))
    } else {
        Box::new(reader)
    })
}

/// Calls `each` with every line of `reader` (line ending included). Lines that lie whole in
/// the reader's buffer are passed without copying; only lines split across refills are copied.
pub fn for_each_line(mut reader: impl BufRead, mut each: impl FnMut(&[u8])) -> io::Result<()> {
    let mut carry = Vec::new();
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buffer.is_empty() {
            if !carry.is_empty() {
                each(&carry);
            }
            return Ok(());
        }
        let mut start = 0;
        if !carry.is_empty() {
            match memchr::memchr(b'\n', buffer) {
                Some(end) => {
                    carry.extend_from_slice(&buffer[..=end]);
                    each(&carry);
                    carry.clear();
                    start = end + 1;
                }
                None => {
                    carry.extend_from_slice(buffer);
                    let consumed = buffer.len();
                    reader.consume(consumed);
                    continue;
                }
            }
        }
        let base = start;
        for end in memchr::memchr_iter(b'\n', &buffer[base..]) {
            let absolute = base + end;
            each(&buffer[start..=absolute]);
            start = absolute + 1;
        }
        carry.extend_from_slice(&buffer[start..]);
        let consumed = buffer.len();
        reader.consume(consumed);
    }
}
