//! Helpers shared by the integration tests that run Lookout over the real captures in
//! `tests/data/ais` and compare it with references (pyais, gpsd).
#![allow(dead_code)] // each test binary uses its own subset

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use lookout_ais::{Decoded, Decoder, Stats};
use serde_json::Value;

/// `tests/data/ais` in the repository: real captures from public projects, each with its licence.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/ais")
}

/// `tests/reference` of this crate (the committed, generated reference decodes).
pub fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference")
}

/// Opens a plain or gzip file for buffered reading.
pub fn open(path: &Path) -> Box<dyn BufRead> {
    let file = File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    }
}

/// The lines of a capture as the decoder and the reference scripts number them: split at `\n`,
/// the `\n` removed, a last line without `\n` included.
pub fn lines(path: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut r = open(path);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if r.read_until(b'\n', &mut buf).expect("read") == 0 {
            break;
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        out.push(buf.clone());
    }
    out
}

/// Decodes whole lines with a fresh decoder.
pub fn decode_lines<'a>(lines: impl IntoIterator<Item = &'a [u8]>) -> (Vec<Decoded>, Stats) {
    let mut decoder = Decoder::new();
    let mut out = Vec::new();
    for line in lines {
        decoder.feed_line(line, |d| out.push(d));
    }
    decoder.finish();
    (out, decoder.stats().clone())
}

/// Decodes a capture file with a fresh decoder.
pub fn decode_file(path: &Path) -> (Vec<Decoded>, Stats) {
    let lines = lines(path);
    decode_lines(lines.iter().map(Vec::as_slice))
}

/// Reads a (gzip) JSON-lines file.
pub fn read_jsonl(path: &Path) -> Vec<Value> {
    let mut text = String::new();
    open(path)
        .read_to_string(&mut text)
        .expect("utf-8 JSON lines");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}: {l}", path.display())))
        .collect()
}

/// Files under `dir` ending in `suffix`, sorted, recursively.
pub fn files_with_suffix(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The capture a reference file `<ref_root>/<source>/<name>.jsonl.gz` was made from:
/// `<data>/<source>/<name>` or, for gzip captures, `<data>/<source>/<name>.gz`.
pub fn capture_for(reference: &Path, ref_root: &Path) -> PathBuf {
    let rel = reference
        .strip_prefix(ref_root)
        .expect("under the reference root");
    let rel = rel.to_string_lossy();
    let name = rel.strip_suffix(".jsonl.gz").expect(".jsonl.gz reference");
    let plain = data_dir().join(name);
    if plain.exists() {
        plain
    } else {
        data_dir().join(format!("{name}.gz"))
    }
}

/// `source/file` of a capture, for tables.
pub fn short_name(capture: &Path) -> String {
    let rel = capture.strip_prefix(data_dir()).unwrap_or(capture);
    rel.to_string_lossy().trim_end_matches(".gz").to_string()
}
