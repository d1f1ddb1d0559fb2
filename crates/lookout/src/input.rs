//! Opening inputs: a path or `-` for stdin; gzip and zstd detected by their magic bytes.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use anyhow::{Context, Result};

/// Buffer that tells the compression and feeds the decompressor. The reader of the result
/// (`lookout_ais::LineReader`) asks for more than this at a time, so plain text is read
/// straight into its buffer, not copied through this one.
const BUFFER_BYTES: usize = 64 * 1024;

/// Opens `path` (or stdin for `-`) as a byte stream, decompressing gzip or zstd streams.
pub fn open(path: &str) -> Result<Box<dyn Read>> {
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
        Box::new(flate2::bufread::MultiGzDecoder::new(reader))
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(
            zstd::stream::read::Decoder::with_buffer(reader)
                .with_context(|| format!("cannot start zstd on {path}"))?,
        )
    } else {
        Box::new(reader)
    })
}
