//! `lookout replay FILE --to TARGET --speed N`: plays recorded or simulated AIS (NMEA with tag
//! block times, or aisstream.io JSON lines) in time order at N times real speed, as a live feed
//! for `lookout watch`. Targets: `tcp://ADDR:PORT` (a server: every connected client gets the
//! lines; the clock starts when the first one connects), `udp://HOST:PORT` (datagrams),
//! `file:PATH` (lines appended to a file that a watch follows), `-` (stdout).

use std::io::{BufRead, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use lookout_core::time::parse_time;

/// Arguments of `lookout replay`.
#[derive(clap::Args)]
pub struct Args {
    /// NMEA (plain, .gz, .zst) or aisstream.io JSON lines, in time order.
    #[arg(value_name = "FILE")]
    file: String,
    /// `tcp://ADDR:PORT`, `udp://HOST:PORT`, `file:PATH` or `-`.
    #[arg(long, value_name = "TARGET")]
    to: String,
    /// Times real speed (0: as fast as the target takes them).
    #[arg(long, default_value_t = 1.0)]
    speed: f64,
    /// Skip lines before this time (RFC 3339, `YYYY-MM-DD` or Unix seconds).
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    from: Option<i64>,
}

/// Where the lines go.
enum Target {
    Tcp(Arc<Mutex<Vec<TcpStream>>>),
    Udp(UdpSocket, String),
    Out(Box<dyn Write>),
}

impl Target {
    fn open(to: &str) -> Result<Target> {
        if let Some(addr) = to.strip_prefix("tcp://") {
            let listener = TcpListener::bind(addr).with_context(|| format!("listening on {to}"))?;
            eprintln!(
                "lookout replay: waiting for a client on tcp://{}",
                listener.local_addr()?
            );
            let clients: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
            let (first, _) = listener.accept()?;
            clients.lock().expect("not poisoned").push(first);
            let more = clients.clone();
            std::thread::spawn(move || {
                for s in listener.incoming().flatten() {
                    more.lock().expect("not poisoned").push(s);
                }
            });
            Ok(Target::Tcp(clients))
        } else if let Some(addr) = to.strip_prefix("udp://") {
            Ok(Target::Udp(UdpSocket::bind("0.0.0.0:0")?, addr.to_owned()))
        } else if let Some(path) = to.strip_prefix("file:") {
            let f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("opening {path}"))?;
            Ok(Target::Out(Box::new(f)))
        } else if to == "-" {
            Ok(Target::Out(Box::new(std::io::stdout())))
        } else {
            bail!("--to {to:?}: use tcp://ADDR:PORT, udp://HOST:PORT, file:PATH or -")
        }
    }

    /// Sends a batch of lines (each ending with a newline).
    fn send(&mut self, batch: &[u8]) -> Result<()> {
        match self {
            Target::Tcp(clients) => {
                // A client that fails is dropped; the others go on.
                clients
                    .lock()
                    .expect("not poisoned")
                    .retain_mut(|c| c.write_all(batch).is_ok());
            }
            Target::Udp(socket, addr) => {
                for line in batch.split_inclusive(|&b| b == b'\n') {
                    socket.send_to(line, addr.as_str())?;
                }
            }
            Target::Out(w) => {
                w.write_all(batch)?;
                w.flush()?;
            }
        }
        Ok(())
    }
}

/// The time a line carries: a tag block's `c:`, or an aisstream.io message's `time_utc`.
fn line_time(line: &[u8]) -> Option<i64> {
    match line.first()? {
        b'\\' => lookout_ais::nmea::tag_block::read(line).tag.time_ms,
        b'{' => lookout_watch::aisstream::parse(line).ok()??.time,
        _ => None,
    }
}

/// Runs `lookout replay`.
pub fn run(args: Args) -> Result<ExitCode> {
    if !(args.speed >= 0.0 && args.speed.is_finite()) {
        bail!("--speed must be a number >= 0");
    }
    let reader = std::io::BufReader::with_capacity(1 << 16, crate::input::open(&args.file)?);
    let mut target = Target::open(&args.to)?;
    let (mut start, mut first): (Option<Instant>, Option<i64>) = (None, None);
    let mut batch = Vec::with_capacity(1 << 16);
    let (mut lines, mut skipped) = (0u64, 0u64);
    for line in reader.split(b'\n') {
        let line = line.with_context(|| format!("reading {}", args.file))?;
        let t = line_time(&line);
        if let (Some(from), Some(t)) = (args.from, t) {
            if t < from {
                skipped += 1;
                continue;
            }
        }
        if let (Some(t), true) = (t, args.speed > 0.0) {
            let t0 = *first.get_or_insert(t);
            let wall = *start.get_or_insert_with(Instant::now);
            let due =
                wall + Duration::from_secs_f64(((t - t0).max(0) as f64 / 1000.0) / args.speed);
            let now = Instant::now();
            if due > now {
                if !batch.is_empty() {
                    target.send(&batch)?;
                    batch.clear();
                }
                std::thread::sleep(due - now);
            }
        }
        batch.extend_from_slice(&line);
        batch.push(b'\n');
        lines += 1;
        if batch.len() >= 1 << 16 {
            target.send(&batch)?;
            batch.clear();
        }
    }
    target.send(&batch)?;
    eprintln!(
        "lookout replay: {lines} lines sent to {} ({skipped} skipped before --from) in {:.1} s",
        args.to,
        start.map_or(0.0, |s| s.elapsed().as_secs_f64())
    );
    Ok(ExitCode::SUCCESS)
}
