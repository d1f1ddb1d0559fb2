//! The feeds' readers: one tokio task per `[[feed]]` (TCP client with reconnect and backoff,
//! UDP listener, a growing file followed across rotation, stdin, a websocket client with the
//! aisstream.io subscription). Each cuts its bytes into lines (at most [`MAX_LINE`] bytes; a
//! longer line is skipped up to its newline and counted) and sends them in batches over one
//! bounded channel to the engine driver. A feed that stalls, drops, floods or sends garbage
//! only affects its own task: the channel is fair between senders and every reader owns its
//! connection and buffers.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures_util::{SinkExt, StreamExt};
use lookout_ingest::MAX_LINE;
use lookout_project::{Feed, FeedSource};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncSeekExt};
use tokio::sync::mpsc::Sender;
use tokio_tungstenite::tungstenite::Message as WsMessage;

/// One complete line and the byte offset just after it (files; 0 for streams).
#[derive(Debug, Clone)]
pub struct Line {
    /// The bytes, without the newline.
    pub bytes: Vec<u8>,
    /// Offset after the line's newline in the file.
    pub end: u64,
}

/// What the readers tell the driver.
#[derive(Debug)]
pub enum Input {
    /// Complete lines of a feed, with the wall-clock arrival time for network streams.
    Lines {
        /// Feed index.
        feed: usize,
        /// The lines, in order.
        lines: Vec<Line>,
        /// Arrival time, ms (network streams and stdin).
        arrival: Option<i64>,
    },
    /// A line longer than [`MAX_LINE`] was skipped (ending at `end` in a file).
    TooLong {
        /// Feed index.
        feed: usize,
        /// Offset after the skipped line.
        end: u64,
    },
    /// A connection ended in the middle of a line, which is lost.
    Broken {
        /// Feed index.
        feed: usize,
    },
    /// The feed's state changed (`connecting`, `connected`, `listening`, `waiting`, `reading`,
    /// `ended`, `disconnected`), with the error that caused it, if any.
    State {
        /// Feed index.
        feed: usize,
        /// New state.
        state: &'static str,
        /// Why, for errors.
        error: Option<String>,
    },
    /// A file feed now reads a new file (rotation or truncation), from its start.
    Reopened {
        /// Feed index.
        feed: usize,
        /// Identity (device, inode) of the new file.
        identity: (u64, u64),
    },
    /// Time for periodic work (checkpoints, status).
    Tick,
    /// Checkpoint and stop.
    Stop,
}

/// Where a file feed resumes.
#[derive(Debug, Clone, Copy)]
pub struct Resume {
    /// Identity (device, inode) of the file the offset belongs to.
    pub identity: (u64, u64),
    /// Byte offset to read from.
    pub offset: u64,
}

/// First and largest wait between connection attempts.
const BACKOFF: (Duration, Duration) = (Duration::from_millis(100), Duration::from_secs(30));
/// How often a file is checked for growth and rotation.
const POLL: Duration = Duration::from_millis(200);
/// Lines per batch sent to the driver.
const BATCH: usize = 2048;

/// Wall-clock time, ms since the epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Cuts a byte stream into lines, keeping the offset of each line's end. A line longer than
/// [`MAX_LINE`] is dropped up to its newline.
#[derive(Debug, Default)]
pub struct Splitter {
    partial: Vec<u8>,
    discarding: bool,
    /// Offset of the next byte.
    pub offset: u64,
}

impl Splitter {
    /// A splitter whose next byte is at `offset`.
    pub fn at(offset: u64) -> Self {
        Splitter {
            offset,
            ..Default::default()
        }
    }

    /// Adds bytes: complete lines go to `lines`, the end offsets of skipped long lines to
    /// `too_long`.
    pub fn push(&mut self, data: &[u8], lines: &mut Vec<Line>, too_long: &mut Vec<u64>) {
        let mut rest = data;
        while let Some(i) = memchr::memchr(b'\n', rest) {
            self.offset += i as u64 + 1;
            if self.discarding || self.partial.len() + i > MAX_LINE {
                too_long.push(self.offset);
                self.partial.clear();
                self.discarding = false;
            } else {
                self.partial.extend_from_slice(&rest[..i]);
                lines.push(Line {
                    bytes: std::mem::take(&mut self.partial),
                    end: self.offset,
                });
            }
            rest = &rest[i + 1..];
        }
        self.offset += rest.len() as u64;
        if self.discarding || self.partial.len() + rest.len() > MAX_LINE {
            self.partial.clear();
            self.discarding = true;
        } else {
            self.partial.extend_from_slice(rest);
        }
    }

    /// Ends the stream: what the unfinished line was (`Broken`, `TooLong`), if anything.
    fn end(&mut self, feed: usize) -> Option<Input> {
        let out = if self.discarding {
            Some(Input::TooLong {
                feed,
                end: self.offset,
            })
        } else if !self.partial.trim_ascii().is_empty() {
            Some(Input::Broken { feed })
        } else {
            None
        };
        self.partial.clear();
        self.discarding = false;
        out
    }
}

/// Sends what a read produced; false when the driver is gone.
async fn send(
    tx: &Sender<Input>,
    feed: usize,
    lines: &mut Vec<Line>,
    too_long: &mut Vec<u64>,
    arrival: Option<i64>,
) -> bool {
    for end in too_long.drain(..) {
        if tx.send(Input::TooLong { feed, end }).await.is_err() {
            return false;
        }
    }
    while !lines.is_empty() {
        let rest = lines.split_off(lines.len().min(BATCH));
        let batch = std::mem::replace(lines, rest);
        if tx
            .send(Input::Lines {
                feed,
                lines: batch,
                arrival,
            })
            .await
            .is_err()
        {
            return false;
        }
    }
    true
}

async fn state(
    tx: &Sender<Input>,
    feed: usize,
    state: &'static str,
    error: Option<String>,
) -> bool {
    tx.send(Input::State { feed, state, error }).await.is_ok()
}

/// Starts the reader of `feed` (index `index`) on the current runtime.
pub fn spawn(index: usize, feed: &Feed, resume: Option<Resume>, tx: Sender<Input>) {
    let source = feed.source.clone();
    let subscription = feed
        .api_key_file
        .clone()
        .map(|key| (key, feed.bounding_boxes.clone()));
    let ca_file = feed.ca_file.clone();
    tokio::spawn(async move {
        match source {
            FeedSource::Tcp(addr) => tcp(index, addr, tx).await,
            FeedSource::Udp(addr) => udp(index, addr, tx).await,
            FeedSource::File(path) => file(index, path, resume, tx).await,
            FeedSource::Stdin => {
                read_stream(index, tokio::io::stdin(), &tx).await;
                let _ = state(&tx, index, "ended", None).await;
            }
            FeedSource::WebSocket(url) => websocket(index, url, subscription, ca_file, tx).await,
        }
    });
}

/// Reads a byte stream to its end; false when the driver is gone.
async fn read_stream(feed: usize, mut r: impl AsyncRead + Unpin, tx: &Sender<Input>) -> bool {
    let mut buf = vec![0u8; 64 * 1024];
    let mut split = Splitter::default();
    let (mut lines, mut too_long) = (Vec::new(), Vec::new());
    loop {
        match r.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                split.push(&buf[..n], &mut lines, &mut too_long);
                if !send(tx, feed, &mut lines, &mut too_long, Some(now_ms())).await {
                    return false;
                }
            }
        }
    }
    match split.end(feed) {
        Some(input) => tx.send(input).await.is_ok(),
        None => true,
    }
}

async fn tcp(feed: usize, addr: String, tx: Sender<Input>) {
    let mut backoff = BACKOFF.0;
    loop {
        if !state(&tx, feed, "connecting", None).await {
            return;
        }
        let stream = tokio::time::timeout(
            Duration::from_secs(5),
            tokio::net::TcpStream::connect(&addr),
        )
        .await;
        match stream {
            Ok(Ok(s)) => {
                if !state(&tx, feed, "connected", None).await {
                    return;
                }
                let started = tokio::time::Instant::now();
                if !read_stream(feed, s, &tx).await {
                    return;
                }
                if started.elapsed() > BACKOFF.1 {
                    backoff = BACKOFF.0;
                }
                if !state(&tx, feed, "disconnected", Some("connection closed".into())).await {
                    return;
                }
            }
            Ok(Err(e)) => {
                if !state(&tx, feed, "disconnected", Some(e.to_string())).await {
                    return;
                }
            }
            Err(_) => {
                if !state(&tx, feed, "disconnected", Some("connect timed out".into())).await {
                    return;
                }
            }
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(BACKOFF.1);
    }
}

async fn udp(feed: usize, addr: String, tx: Sender<Input>) {
    let socket = match tokio::net::UdpSocket::bind(&addr).await {
        Ok(s) => s,
        Err(e) => {
            let _ = state(
                &tx,
                feed,
                "ended",
                Some(format!("cannot listen on udp://{addr}: {e}")),
            )
            .await;
            return;
        }
    };
    if !state(&tx, feed, "listening", None).await {
        return;
    }
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let Ok((n, _)) = socket.recv_from(&mut buf).await else {
            continue;
        };
        // A datagram holds whole lines; the last may lack its newline.
        let mut split = Splitter::default();
        let (mut lines, mut too_long) = (Vec::new(), Vec::new());
        split.push(&buf[..n], &mut lines, &mut too_long);
        if !split.partial.trim_ascii().is_empty() {
            lines.push(Line {
                bytes: std::mem::take(&mut split.partial),
                end: 0,
            });
        }
        if !send(&tx, feed, &mut lines, &mut too_long, Some(now_ms())).await {
            return;
        }
    }
}

/// Identity of a file: (device, inode).
pub fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// Follows a file like `tail -F`: reads what is there, then what is appended; when the path
/// names another file (rotation) the old one is read to its end and the new one from its
/// start; a file that shrinks (truncation) is read again from its start.
async fn file(feed: usize, path: PathBuf, resume: Option<Resume>, tx: Sender<Input>) {
    let mut resume = resume;
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let opened = match tokio::fs::File::open(&path).await {
            Ok(f) => f.metadata().await.map(|m| (f, identity(&m))),
            Err(e) => Err(e),
        };
        let (mut f, id) = match opened {
            Ok(x) => x,
            Err(e) => {
                if !state(
                    &tx,
                    feed,
                    "waiting",
                    Some(format!("{}: {e}", path.display())),
                )
                .await
                {
                    return;
                }
                tokio::time::sleep(POLL * 5).await;
                continue;
            }
        };
        let offset = match resume.take() {
            Some(r) if r.identity == id => r.offset,
            _ => {
                if tx
                    .send(Input::Reopened { feed, identity: id })
                    .await
                    .is_err()
                {
                    return;
                }
                0
            }
        };
        if f.seek(std::io::SeekFrom::Start(offset)).await.is_err()
            || !state(&tx, feed, "reading", None).await
        {
            return;
        }
        let mut split = Splitter::at(offset);
        let (mut lines, mut too_long) = (Vec::new(), Vec::new());
        loop {
            match f.read(&mut buf).await {
                Ok(n) if n > 0 => {
                    split.push(&buf[..n], &mut lines, &mut too_long);
                    if !send(&tx, feed, &mut lines, &mut too_long, None).await {
                        return;
                    }
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    let _ = state(&tx, feed, "waiting", Some(e.to_string())).await;
                    break;
                }
            }
            // At the end: wait for growth, a new file under the name, or truncation.
            tokio::time::sleep(POLL).await;
            match tokio::fs::metadata(&path).await {
                Ok(m) if identity(&m) != id => {
                    // Rotated: finish the old file, then open the new one.
                    while let Ok(n) = f.read(&mut buf).await {
                        if n == 0 {
                            break;
                        }
                        split.push(&buf[..n], &mut lines, &mut too_long);
                    }
                    if let Some(input) = split.end(feed) {
                        if tx.send(input).await.is_err() {
                            return;
                        }
                    }
                    if !send(&tx, feed, &mut lines, &mut too_long, None).await {
                        return;
                    }
                    break;
                }
                Ok(m) if m.len() < split.offset => {
                    // Truncated in place: read it again from the start.
                    resume = Some(Resume {
                        identity: (u64::MAX, u64::MAX),
                        offset: 0,
                    });
                    break;
                }
                _ => {}
            }
        }
    }
}

async fn websocket(
    feed: usize,
    url: String,
    subscription: Option<(PathBuf, Vec<[[f64; 2]; 2]>)>,
    ca_file: Option<PathBuf>,
    tx: Sender<Input>,
) {
    let mut backoff = BACKOFF.0;
    loop {
        if !state(&tx, feed, "connecting", None).await {
            return;
        }
        let error = match ws_connect(&url, ca_file.as_deref()).await {
            Ok(mut ws) => {
                let mut error = None;
                if let Some((key_file, boxes)) = &subscription {
                    let key = std::fs::read_to_string(key_file).unwrap_or_default();
                    let boxes = if boxes.is_empty() {
                        vec![[[-90.0, -180.0], [90.0, 180.0]]]
                    } else {
                        boxes.clone()
                    };
                    let sub = serde_json::json!({"APIKey": key.trim(), "BoundingBoxes": boxes});
                    if let Err(e) = ws.send(WsMessage::text(sub.to_string())).await {
                        error = Some(e.to_string());
                    }
                }
                if error.is_none() {
                    if !state(&tx, feed, "connected", None).await {
                        return;
                    }
                    let started = tokio::time::Instant::now();
                    while let Some(msg) = ws.next().await {
                        let bytes: Vec<u8> = match msg {
                            Ok(WsMessage::Text(t)) => t.as_bytes().to_vec(),
                            Ok(WsMessage::Binary(b)) => b.to_vec(),
                            Ok(WsMessage::Close(_)) => break,
                            Ok(_) => continue,
                            Err(e) => {
                                error = Some(e.to_string());
                                break;
                            }
                        };
                        // A message is one JSON line; newlines inside it are whitespace.
                        let mut line: Vec<u8> = bytes
                            .iter()
                            .map(|&b| if b == b'\n' { b' ' } else { b })
                            .collect();
                        let input = if line.len() > MAX_LINE {
                            Input::TooLong { feed, end: 0 }
                        } else {
                            line.shrink_to_fit();
                            Input::Lines {
                                feed,
                                lines: vec![Line {
                                    bytes: line,
                                    end: 0,
                                }],
                                arrival: Some(now_ms()),
                            }
                        };
                        if tx.send(input).await.is_err() {
                            return;
                        }
                    }
                    if started.elapsed() > BACKOFF.1 {
                        backoff = BACKOFF.0;
                    }
                }
                error.or_else(|| Some("connection closed".into()))
            }
            Err(e) => Some(e),
        };
        if !state(&tx, feed, "disconnected", error).await {
            return;
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(BACKOFF.1);
    }
}

/// A connected websocket (plain, or TLS for `wss://`).
type WsStream =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Connects a websocket feed. With the `tls` feature, `wss://` trusts the built-in web roots
/// and, with a `ca_file`, the file's certificates (PEM) too: a private certificate authority
/// or the server's self-signed certificate. The file is read at each connection, so a
/// replaced one is taken at the next reconnection.
#[cfg(feature = "tls")]
async fn ws_connect(url: &str, ca_file: Option<&std::path::Path>) -> Result<WsStream, String> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let connector = match ca_file {
        None => None,
        Some(path) => {
            let bad = |e: &dyn std::fmt::Display| format!("ca_file {}: {e}", path.display());
            let pem = std::fs::read(path).map_err(|e| bad(&e))?;
            let mut roots = rustls::RootCertStore::empty();
            roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            let mut added = 0;
            for cert in CertificateDer::pem_slice_iter(&pem) {
                roots.add(cert.map_err(|e| bad(&e))?).map_err(|e| bad(&e))?;
                added += 1;
            }
            if added == 0 {
                return Err(bad(&"no certificate"));
            }
            let config = rustls::ClientConfig::builder()
                .with_root_certificates(roots)
                .with_no_client_auth();
            Some(tokio_tungstenite::Connector::Rustls(std::sync::Arc::new(
                config,
            )))
        }
    };
    tokio_tungstenite::connect_async_tls_with_config(url, None, false, connector)
        .await
        .map(|(ws, _)| ws)
        .map_err(|e| e.to_string())
}

/// Connects a websocket feed. Without the `tls` feature, plain websockets only: a `wss://`
/// URL fails at connection (said in the feed's error), and so does a `ca_file`.
#[cfg(not(feature = "tls"))]
async fn ws_connect(url: &str, ca_file: Option<&std::path::Path>) -> Result<WsStream, String> {
    if ca_file.is_some() {
        return Err("ca_file needs a build with the `tls` feature".into());
    }
    tokio_tungstenite::connect_async(url)
        .await
        .map(|(ws, _)| ws)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitter_keeps_offsets_and_skips_long_lines() {
        let mut s = Splitter::at(100);
        let (mut lines, mut long) = (Vec::new(), Vec::new());
        s.push(b"ab\ncd", &mut lines, &mut long);
        assert_eq!(lines.len(), 1);
        assert_eq!((lines[0].bytes.as_slice(), lines[0].end), (&b"ab"[..], 103));
        s.push(b"e\n", &mut lines, &mut long);
        assert_eq!(
            (lines[1].bytes.as_slice(), lines[1].end),
            (&b"cde"[..], 107)
        );
        // A line over MAX_LINE without its newline yet, then the rest and a good line.
        let big = vec![b'x'; MAX_LINE + 10];
        s.push(&big, &mut lines, &mut long);
        s.push(&big, &mut lines, &mut long);
        assert!(long.is_empty() && lines.len() == 2);
        s.push(b"tail\nok\n", &mut lines, &mut long);
        let end_long = 107 + 2 * big.len() as u64 + 5;
        assert_eq!(long, vec![end_long]);
        assert_eq!(
            (lines[2].bytes.as_slice(), lines[2].end),
            (&b"ok"[..], end_long + 3)
        );
        assert_eq!(s.offset, end_long + 3);
    }
}
