//! Opening inputs: a path or `-` for stdin; gzip and zstd detected by their magic bytes.

use std::fs::File;
use std::io::{self, Read};

use anyhow::{Context, Result};
use lookout_core::compress::Decompressed;

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
    Ok(Box::new(
        Decompressed::new(raw, BUFFER_BYTES).with_context(|| format!("cannot read {path}"))?,
    ))
}
