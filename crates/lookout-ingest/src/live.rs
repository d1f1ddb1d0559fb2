//! Live sources: stdin, a TCP client that reconnects with backoff, and a UDP listener.
//!
//! Each source has a reader thread with blocking `std::net` I/O and a short read timeout (so it
//! notices the stop flag); lines travel in batches over a bounded channel to the one thread that
//! decodes and writes. No async runtime is needed for a handful of sockets, and none is built.

use std::io::{self, Read};
use std::net::{TcpStream, ToSocketAddrs, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Result;
use lookout_ais::{Decoder, Line, LineReader, Reject, MAX_LINE};

use crate::batch::Batch;
use crate::ingest::{Ingest, InputCtx};
use crate::input::Source;

/// Read timeout of sockets: how often a reader thread checks the stop flag.
const POLL: Duration = Duration::from_millis(200);
/// First and largest wait between TCP connection attempts.
const BACKOFF: (Duration, Duration) = (Duration::from_millis(100), Duration::from_secs(30));

/// A line received: its bytes, or `None` for a line over [`MAX_LINE`] bytes, skipped.
type Received = Option<Vec<u8>>;

enum Event {
    /// Complete lines in order, with the wall-clock arrival time for network streams.
    Lines(usize, Vec<Received>, Option<i64>),
    /// A connection ended in the middle of a line, which is lost.
    Broken(usize),
    /// A TCP connection was made.
    Connected,
    /// The source ended (stdin EOF) or failed for good.
    Ended(usize, Option<String>),
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The line being received from a socket, kept across reads.
#[derive(Default)]
struct Partial {
    bytes: Vec<u8>,
    /// Longer than [`MAX_LINE`]: its bytes are no longer kept.
    too_long: bool,
}

impl Partial {
    /// Appends the lines that `data` completes to `batch`; the unfinished one stays.
    fn split(&mut self, data: &[u8], batch: &mut Vec<Received>) {
        let mut rest = data;
        while let Some(i) = memchr::memchr(b'\n', rest) {
            self.push(&rest[..i]);
            batch.push(self.take());
            rest = &rest[i + 1..];
        }
        self.push(rest);
    }

    fn push(&mut self, bytes: &[u8]) {
        if !self.too_long && self.bytes.len() + bytes.len() > MAX_LINE {
            self.too_long = true;
            self.bytes = Vec::new();
        }
        if !self.too_long {
            self.bytes.extend_from_slice(bytes);
        }
    }

    /// The line so far, leaving an empty one.
    fn take(&mut self) -> Received {
        let bytes = std::mem::take(&mut self.bytes);
        (!std::mem::take(&mut self.too_long)).then_some(bytes)
    }

    fn is_blank(&self) -> bool {
        !self.too_long && self.bytes.trim_ascii().is_empty()
    }
}

/// Sleeps up to `d`, returning early if `stop` is set.
fn nap(d: Duration, stop: &AtomicBool) {
    let end = Instant::now() + d;
    while !stop.load(Ordering::Relaxed) && Instant::now() < end {
        thread::sleep(POLL.min(end.saturating_duration_since(Instant::now())));
    }
}

fn tcp(id: usize, addr: String, tx: SyncSender<Event>, stop: Arc<AtomicBool>) {
    let mut backoff = BACKOFF.0;
    let mut buf = vec![0u8; 64 * 1024];
    while !stop.load(Ordering::Relaxed) {
        let stream = addr
            .to_socket_addrs()
            .ok()
            .and_then(|mut a| a.next())
            .ok_or_else(|| io::Error::other("address does not resolve"))
            .and_then(|a| TcpStream::connect_timeout(&a, Duration::from_secs(5)));
        let mut stream = match stream {
            Ok(s) => s,
            Err(_) => {
                nap(backoff, &stop);
                backoff = (backoff * 2).min(BACKOFF.1);
                continue;
            }
        };
        if stream.set_read_timeout(Some(POLL)).is_err() || tx.send(Event::Connected).is_err() {
            return;
        }
        let mut partial = Partial::default();
        let mut got_data = false;
        loop {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    got_data = true;
                    let mut batch = Vec::new();
                    partial.split(&buf[..n], &mut batch);
                    if !batch.is_empty()
                        && tx.send(Event::Lines(id, batch, Some(now_ms()))).is_err()
                    {
                        return;
                    }
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                    ) => {}
                Err(_) => break,
            }
        }
        if !partial.is_blank() && tx.send(Event::Broken(id)).is_err() {
            return;
        }
        if got_data {
            backoff = BACKOFF.0;
        }
        nap(backoff, &stop);
        backoff = (backoff * 2).min(BACKOFF.1);
    }
}

fn udp(id: usize, addr: String, tx: SyncSender<Event>, stop: Arc<AtomicBool>) {
    let socket =
        match UdpSocket::bind(&addr).and_then(|s| s.set_read_timeout(Some(POLL)).map(|()| s)) {
            Ok(s) => s,
            Err(e) => {
                let _ = tx.send(Event::Ended(
                    id,
                    Some(format!("cannot listen on udp://{addr}: {e}")),
                ));
                return;
            }
        };
    let mut buf = vec![0u8; 64 * 1024];
    while !stop.load(Ordering::Relaxed) {
        match socket.recv_from(&mut buf) {
            Ok((n, _)) => {
                // A datagram holds whole lines; the last may lack its newline.
                let (mut batch, mut partial) = (Vec::new(), Partial::default());
                partial.split(&buf[..n], &mut batch);
                if !partial.is_blank() {
                    batch.push(partial.take());
                }
                if tx.send(Event::Lines(id, batch, Some(now_ms()))).is_err() {
                    return;
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => {
                let _ = tx.send(Event::Ended(id, Some(format!("udp://{addr}: {e}"))));
                return;
            }
        }
    }
}

fn stdin(id: usize, tx: SyncSender<Event>) {
    let mut lines = LineReader::new(io::stdin());
    let mut batch = Vec::new();
    loop {
        let (done, error) = match lines.next_line() {
            Ok(Some(line)) => {
                batch.push(match line {
                    Line::Text(text) => Some(text.to_vec()),
                    Line::TooLong => None,
                });
                (false, None)
            }
            Ok(None) => (true, None),
            Err(e) => (true, Some(e)),
        };
        // Hand over what is there whenever the pipe has nothing more buffered.
        let hand_over = done || batch.len() >= 1024 || lines.buffer_is_empty();
        if hand_over
            && !batch.is_empty()
            && tx
                .send(Event::Lines(id, std::mem::take(&mut batch), None))
                .is_err()
        {
            return;
        }
        if done {
            let _ = tx.send(Event::Ended(id, error.map(|e| format!("stdin: {e}"))));
            return;
        }
    }
}

/// Runs the live sources until all that can end have ended (stdin) and no endless one (TCP,
/// UDP) remains, or until the stop flag is set. Commits every `flush_every` and at the end.
pub(crate) fn run(ingest: &mut Ingest, sources: &[Source]) -> Result<()> {
    let stop = ingest.stop_flag();
    let (tx, rx) = mpsc::sync_channel::<Event>(256);
    let mut ctxs = Vec::new();
    let mut decoders = Vec::new();
    let mut threads = Vec::new();
    let mut open = 0;
    for (id, source) in sources.iter().enumerate() {
        ctxs.push(ingest.register(&source.name(), None)?);
        decoders.push(Decoder::new());
        let (tx, stop) = (tx.clone(), stop.clone());
        open += 1;
        match source.clone() {
            // Not joined: a blocking read of stdin cannot be interrupted.
            Source::Stdin => drop(thread::spawn(move || stdin(id, tx))),
            Source::Tcp(addr) => threads.push(thread::spawn(move || tcp(id, addr, tx, stop))),
            Source::Udp(addr) => threads.push(thread::spawn(move || udp(id, addr, tx, stop))),
            Source::File(_) => unreachable!("files are read before live sources"),
        }
    }
    drop(tx);
    let flush_every = ingest.opts().flush_every;
    let mut result = Ok(());
    let mut feeds = Feeds {
        sources,
        ctxs,
        decoders,
        batch: Batch::default(),
        open,
    };
    while feeds.open > 0 && !ingest.stopped() {
        let handled = match rx.recv_timeout(POLL.min(flush_every)) {
            Ok(event) => feeds.handle(ingest, event),
            Err(RecvTimeoutError::Timeout) => Ok(()),
            Err(RecvTimeoutError::Disconnected) => break,
        };
        if let Err(e) = handled.and_then(|()| ingest.maybe_flush(true)) {
            result = Err(e);
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    // Lines already received when the stop came are stored too.
    for event in rx.try_iter() {
        if result.is_ok() {
            result = feeds.handle(ingest, event);
        }
    }
    drop(rx);
    for t in threads {
        let _ = t.join();
    }
    for (d, ctx) in feeds.decoders.iter_mut().zip(&feeds.ctxs) {
        feeds.batch.merge_decoder(d);
        ingest.apply(&mut feeds.batch, ctx.input_id)?;
    }
    result
}

/// The live sources' state on the ingest's thread: one context and decoder per source.
struct Feeds<'a> {
    sources: &'a [Source],
    ctxs: Vec<InputCtx>,
    decoders: Vec<Decoder>,
    batch: Batch,
    /// Sources not ended yet.
    open: usize,
}

impl Feeds<'_> {
    fn handle(&mut self, ingest: &mut Ingest, event: Event) -> Result<()> {
        match event {
            Event::Lines(id, lines, arrival) => {
                let ctx = &mut self.ctxs[id];
                ctx.dating.arrival = arrival;
                for line in lines {
                    match line {
                        Some(text) => {
                            self.batch
                                .nmea_line(&mut self.decoders[id], &text, &ctx.dating)
                        }
                        None => self.decoders[id].reject_line(Reject::LineTooLong.reason()),
                    }
                }
                ingest.apply(&mut self.batch, ctx.input_id)?;
            }
            Event::Broken(id) => self.decoders[id].reject_line("broken_at_disconnect"),
            Event::Connected => ingest.note_connection(),
            Event::Ended(id, error) => {
                self.open -= 1;
                if let Some(e) = error {
                    ingest.fail(self.sources[id].name(), e);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_partial_line_and_marks_long_ones() {
        let (mut partial, mut batch) = (Partial::default(), Vec::new());
        partial.split(b"a\nbc\nde", &mut batch);
        assert_eq!(batch, vec![Some(b"a".to_vec()), Some(b"bc".to_vec())]);
        partial.split(b"f\n", &mut batch);
        assert_eq!(batch.last().unwrap().as_deref(), Some(&b"def"[..]));
        assert!(partial.is_blank());
        // A long line over three reads is one skipped line, in its place; its tail is no line.
        batch.clear();
        let long = vec![b'x'; MAX_LINE];
        partial.split(b"g\n", &mut batch);
        partial.split(&long, &mut batch);
        partial.split(&long, &mut batch);
        partial.split(b"tail\nh\n", &mut batch);
        assert_eq!(batch, vec![Some(b"g".to_vec()), None, Some(b"h".to_vec())]);
    }
}
