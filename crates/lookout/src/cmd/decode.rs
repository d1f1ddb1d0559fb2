//! `lookout decode`: AIS NMEA in, JSON lines or CSV out, every reject counted.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use lookout_ais::{Decoded, Decoder, Line, LineReader, Reject, Stats};

use crate::input;

/// Output formats of `lookout decode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per message: pyais field names and units, plus `rx_time` and `source`.
    Jsonl,
    /// Position reports only, one CSV row each.
    Csv,
    /// Decode every field and print nothing (for benchmarks).
    None,
}

/// Arguments of `lookout decode`.
#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Print counts of lines, sentences, messages and rejects by reason to stderr.
    #[arg(long)]
    stats: bool,
    /// Stop with exit code 1 at the first rejected line or message.
    #[arg(long)]
    strict: bool,
    /// NMEA files (plain, .gz or .zst), or `-` for stdin.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
}

/// Column names of `--format csv`.
pub const CSV_HEADER: &str =
    "line,rx_time,source,msg_type,mmsi,lat,lon,speed,course,heading,status";

/// Runs `lookout decode`.
pub fn run(args: Args) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if args.format == Format::Csv {
        writeln!(out, "{CSV_HEADER}")?;
    }
    let mut total = Stats::default();
    let mut failure = None;
    let mut json = JsonScratch::default();
    for path in &args.files {
        let mut lines = LineReader::new(input::open(path)?);
        let mut decoder = Decoder::new();
        let mut write_error = None;
        let mut rejects_seen = 0;
        while failure.is_none() && write_error.is_none() {
            let line = lines
                .next_line()
                .with_context(|| format!("cannot read {path}"))?;
            match line {
                None => break,
                Some(Line::TooLong) => decoder.reject_line(Reject::LineTooLong.reason()),
                Some(Line::Text(line)) => decoder.feed_line(line, |decoded| {
                    if let Err(error) = write_message(&mut out, args.format, &decoded, &mut json) {
                        write_error.get_or_insert(error);
                    }
                }),
            }
            if args.strict && decoder.stats().total_rejects() > rejects_seen {
                rejects_seen = decoder.stats().total_rejects();
                let reasons = decoder.stats().rejects.keys().copied().collect::<Vec<_>>();
                failure = Some(format!(
                    "{path}:{}: rejected ({})",
                    decoder.stats().lines,
                    reasons.join(", ")
                ));
            }
        }
        if let Some(error) = write_error {
            if error.kind() == io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(error).context("cannot write output");
        }
        decoder.finish();
        if args.strict && failure.is_none() && decoder.stats().total_rejects() > 0 {
            failure = Some(format!(
                "{path}: incomplete multi-sentence message at end of input"
            ));
        }
        total.merge(decoder.stats());
        if failure.is_some() {
            break;
        }
    }
    match out.flush() {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            return Err(error).context("cannot write output")
        }
        _ => {}
    }
    if args.stats {
        eprint!("{total}");
    }
    if let Some(message) = failure {
        eprintln!("lookout decode --strict: {message}");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Reused buffers for JSON lines: the message object and the last receive time formatted.
#[derive(Default)]
struct JsonScratch {
    line: Vec<u8>,
    time_ms: Option<i64>,
    time: String,
}

impl JsonScratch {
    /// The message as one JSON line: pyais's object (`AisMessage::write_json`) with `rx_time`
    /// and `source` appended when known.
    fn write(&mut self, out: &mut impl Write, decoded: &Decoded) -> io::Result<()> {
        self.line.clear();
        decoded.message.write_json(&mut self.line);
        self.line.pop(); // the closing brace
        if let Some(ms) = decoded.meta.rx_time_ms {
            if self.time_ms != Some(ms) {
                self.time = lookout_core::time::format_time(ms);
                self.time_ms = Some(ms);
            }
            if !self.time.is_empty() {
                self.line.extend_from_slice(b",\"rx_time\":\"");
                self.line.extend_from_slice(self.time.as_bytes());
                self.line.push(b'"');
            }
        }
        if let Some(source) = decoded.meta.source.as_deref() {
            self.line.extend_from_slice(b",\"source\":");
            serde_json::to_writer(&mut self.line, source)?;
        }
        self.line.extend_from_slice(b"}\n");
        out.write_all(&self.line)
    }
}

fn write_message(
    out: &mut impl Write,
    format: Format,
    decoded: &Decoded,
    json: &mut JsonScratch,
) -> io::Result<()> {
    match format {
        Format::None => {
            std::hint::black_box(decoded);
            Ok(())
        }
        Format::Jsonl => json.write(out, decoded),
        Format::Csv => {
            let Some(position) = decoded.message.fix() else {
                return Ok(());
            };
            let meta = &decoded.meta;
            write!(out, "{},", meta.line)?;
            if let Some(time) = meta.rx_time_ms.map(lookout_core::time::format_time) {
                out.write_all(time.as_bytes())?;
            }
            out.write_all(b",")?;
            if let Some(source) = meta.source.as_deref() {
                write_csv_text(out, source)?;
            }
            write!(
                out,
                ",{},{},{},{},",
                decoded.message.msg_type(),
                decoded.message.mmsi(),
                position.lat,
                position.lon
            )?;
            write_optional(out, position.speed)?;
            out.write_all(b",")?;
            write_optional(out, position.course)?;
            out.write_all(b",")?;
            write_optional(out, position.heading)?;
            out.write_all(b",")?;
            write_optional(out, position.status)?;
            out.write_all(b"\n")
        }
    }
}

fn write_optional(out: &mut impl Write, value: Option<impl std::fmt::Display>) -> io::Result<()> {
    match value {
        Some(value) => write!(out, "{value}"),
        None => Ok(()),
    }
}

/// Quotes a CSV field when it holds a comma, quote or line break.
fn write_csv_text(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", text.replace('"', "\"\""))
    } else {
        out.write_all(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc3339_utc() {
        assert_eq!(
            lookout_core::time::format_time(1_276_256_771_929),
            "2010-06-11T11:46:11.929Z"
        );
        assert_eq!(
            lookout_core::time::format_time(1_272_412_827_000),
            "2010-04-28T00:00:27Z"
        );
    }

    #[test]
    fn csv_text_is_quoted_only_when_needed() {
        let mut out = Vec::new();
        write_csv_text(&mut out, "rEV02").unwrap();
        write_csv_text(&mut out, "a,\"b\"").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "rEV02\"a,\"\"b\"\"\"");
    }
}
