//! Sources on the command line, opening files (plain, gzip, zstd), and dates in file names.
//! Lines are read with [`lookout_ais::LineReader`], bounded like `lookout decode`'s.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use lookout_core::compress::Decompressed;
use lookout_core::time::{ymd, ymd_hms};

/// Buffer of an opened file: enough to tell its format from its first line. The line reader
/// (`lookout_ais::LineReader`) asks for more than this at a time, so plain text is read
/// straight into its buffer, not copied through this one.
const BUFFER_BYTES: usize = 64 * 1024;

/// One input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file: NMEA, decoder JSONL or CSV, each plain, `.gz` or `.zst`.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// `tcp://HOST:PORT`: a client that reconnects with backoff.
    Tcp(String),
    /// `udp://ADDR:PORT`: a listener bound to that address.
    Udp(String),
}

impl Source {
    /// Name recorded in the store's manifest.
    pub fn name(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "-".into(),
            Source::Tcp(a) => format!("tcp://{a}"),
            Source::Udp(a) => format!("udp://{a}"),
        }
    }
}

/// Expands one command-line source: `-`, `tcp://`, `udp://`, a file, a directory (every file
/// below it, sorted, hidden ones skipped) or a glob pattern.
pub fn expand(spec: &str) -> Result<Vec<Source>> {
    if spec == "-" {
        return Ok(vec![Source::Stdin]);
    }
    if let Some(addr) = spec.strip_prefix("tcp://") {
        return Ok(vec![Source::Tcp(addr.to_owned())]);
    }
    if let Some(addr) = spec.strip_prefix("udp://") {
        return Ok(vec![Source::Udp(addr.to_owned())]);
    }
    let path = Path::new(spec);
    if path.is_file() {
        return Ok(vec![Source::File(path.to_path_buf())]);
    }
    let mut files = Vec::new();
    if path.is_dir() {
        walk(path, &mut files)?;
    } else if spec.contains(['*', '?', '[']) {
        for entry in glob::glob(spec).with_context(|| format!("bad pattern {spec}"))? {
            let p = entry?;
            if p.is_file() {
                files.push(p);
            }
        }
        if files.is_empty() {
            bail!("no file matches {spec}");
        }
    } else {
        bail!("{spec}: no such file or directory");
    }
    files.sort();
    Ok(files.into_iter().map(Source::File).collect())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let ty = entry.file_type()?;
        if ty.is_dir() {
            walk(&entry.path(), out)?;
        } else if ty.is_file() {
            out.push(entry.path());
        }
    }
    Ok(())
}

/// Counts the bytes read from the underlying (possibly compressed) file, for progress.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens a file as buffered text, decompressing gzip or zstd (told by their magic bytes).
/// `count` receives the number of raw bytes read so far.
pub fn open_file(path: &Path, count: Arc<AtomicU64>) -> Result<Box<dyn BufRead + Send>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let stream = Decompressed::new(Counting { inner: file, count }, BUFFER_BYTES)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(match stream {
        // Plain text is already buffered; compressed streams get a buffer of their own.
        Decompressed::Plain(reader) => Box::new(reader),
        other => Box::new(BufReader::with_capacity(BUFFER_BYTES, other)),
    })
}

/// Time (ms since the epoch, UTC) named by a file name: `YYYYMMDD`, `YYYY-MM-DD` or
/// `YYYY_MM_DD`, optionally followed by `HHMMSS`, `HHMM` or `HH-MM-SS` (after `T`, `_` or `-`).
/// Midnight when no time of day is given.
pub fn time_from_file_name(path: &Path) -> Option<i64> {
    let name = path.file_name()?.to_string_lossy();
    let b = name.as_bytes();
    // Runs of digits with their start offsets.
    let mut runs: Vec<(usize, &str)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((s, &name[s..i]));
        } else {
            i += 1;
        }
    }
    let adjacent = |a: usize, b_idx: usize| -> bool {
        let (s0, r0) = runs[a];
        let (s1, _) = runs[b_idx];
        s1 == s0 + r0.len() + 1 && matches!(b[s1 - 1], b'-' | b'_' | b'T' | b':' | b'.')
    };
    let num = |s: &str| s.parse::<u32>().ok();
    for k in 0..runs.len() {
        let (date, next) = match runs[k].1.len() {
            8 | 12 | 14 => {
                let r = runs[k].1;
                let date = Some((num(&r[..4])? as i32, num(&r[4..6])?, num(&r[6..8])?));
                let hms = match r.len() {
                    12 => Some((num(&r[8..10])?, num(&r[10..12])?, 0)),
                    14 => Some((num(&r[8..10])?, num(&r[10..12])?, num(&r[12..14])?)),
                    _ => None,
                };
                (date.map(|d| (d, hms)), k + 1)
            }
            4 if k + 2 < runs.len()
                && runs[k + 1].1.len() == 2
                && runs[k + 2].1.len() == 2
                && adjacent(k, k + 1)
                && adjacent(k + 1, k + 2) =>
            {
                let d = Some((
                    num(runs[k].1)? as i32,
                    num(runs[k + 1].1)?,
                    num(runs[k + 2].1)?,
                ));
                (d.map(|d| (d, None)), k + 3)
            }
            _ => continue,
        };
        let Some((date, mut hms)) = date else {
            continue;
        };
        let (year, month, day) = date;
        let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
            continue;
        };
        if !(1980..=2100).contains(&year) || ymd(year, month, day).is_none() {
            continue;
        }
        if hms.is_none() && next < runs.len() && adjacent(next - 1, next) {
            let r = runs[next].1;
            hms = match r.len() {
                6 => Some((num(&r[..2])?, num(&r[2..4])?, num(&r[4..6])?)),
                4 => Some((num(&r[..2])?, num(&r[2..4])?, 0)),
                2 if next + 1 < runs.len() && adjacent(next, next + 1) => {
                    let sec = (next + 2 < runs.len() && adjacent(next + 1, next + 2))
                        .then(|| num(runs[next + 2].1))
                        .flatten()
                        .unwrap_or(0);
                    Some((num(r)?, num(runs[next + 1].1)?, sec))
                }
                _ => None,
            };
        }
        let (h, m, s) = hms.unwrap_or((0, 0, 0));
        let hms = |h: u32, m: u32, s: u32| {
            ymd_hms(
                year,
                month,
                day,
                u8::try_from(h).ok()?,
                u8::try_from(m).ok()?,
                u8::try_from(s).ok()?,
            )
        };
        return hms(h, m, s).or_else(|| ymd(year, month, day));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str) -> Option<String> {
        time_from_file_name(Path::new(name)).map(|ms| {
            lookout_core::time::format_time(ms)
                .trim_end_matches('Z')
                .to_owned()
        })
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            t("test_data_20211101.nm4").as_deref(),
            Some("2021-11-01T00:00:00")
        );
        assert_eq!(
            t("aisdk-2024-03-01.csv").as_deref(),
            Some("2024-03-01T00:00:00")
        );
        assert_eq!(
            t("AIS_2023_01_11.csv.zst").as_deref(),
            Some("2023-01-11T00:00:00")
        );
        assert_eq!(
            t("feed_20240301T1530.nmea.gz").as_deref(),
            Some("2024-03-01T15:30:00")
        );
        assert_eq!(
            t("rx-20240301_153005.log").as_deref(),
            Some("2024-03-01T15:30:05")
        );
        assert_eq!(
            t("20240301153005.txt").as_deref(),
            Some("2024-03-01T15:30:05")
        );
        assert_eq!(
            t("2024-03-01_15-30-05.txt").as_deref(),
            Some("2024-03-01T15:30:05")
        );
        assert_eq!(t("capture-7.nmea"), None);
        assert_eq!(t("sample_12345678.txt"), None, "not a valid date");
    }
}
