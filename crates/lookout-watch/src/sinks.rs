//! Sinks: HTTP webhooks and email. Each sink has a worker (a tokio task) that reads
//! `alerts.jsonl` from its own cursor (`STATE/sinks/NAME.cursor`), delivers the notifications
//! routed to it with retries and exponential backoff, and saves the cursor after each one. The
//! log is the queue, so a slow or failing sink never blocks detection; when more than `queue`
//! notifications routed to a sink wait behind the one it is at, that one is skipped and
//! counted as dropped (the oldest go first). Delivery is at least once: a notification delivered just before a crash whose
//! cursor was not saved yet is delivered again, with the same idempotency key (webhooks:
//! `Idempotency-Key`; email: `Message-ID`).

use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, Mac};
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::alerts::{Alert, AlertIndex};
use crate::config::{Sink, SinkKind, TLS};

/// Header carrying `sha256=HEX`, the HMAC-SHA256 of the body with the sink's secret.
pub const SIGNATURE_HEADER: &str = "X-Lookout-Signature";
/// Header carrying the notification's key (stable across redeliveries).
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";
/// Longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(300);

/// Counters of one sink.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SinkStats {
    /// Sink name.
    pub name: String,
    /// `webhook` or `email`.
    pub kind: String,
    /// Notifications delivered.
    pub delivered: u64,
    /// Notifications given up (permanent refusal, or every attempt failed).
    pub failed: u64,
    /// Notifications skipped because the sink was more than `queue` behind.
    pub dropped: u64,
    /// Attempts repeated after a failure.
    pub retries: u64,
    /// Notifications routed to this sink and not yet handled.
    pub lag: u64,
    /// Last error, if any.
    pub last_error: Option<String>,
}

/// Where a sink's worker is in `alerts.jsonl`.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
struct Cursor {
    /// Bytes handled.
    offset: u64,
    /// Notifications routed to the sink handled (delivered, failed or dropped).
    handled: u64,
}

/// How to reach an SMTP server: host, port, and `plain`, `starttls` or `tls`.
pub fn smtp_target(server: &str) -> Result<(String, u16, &'static str), String> {
    let (mode, rest, port) = if let Some(r) = server.strip_prefix("smtp://") {
        ("plain", r, 25)
    } else if let Some(r) = server.strip_prefix("smtp+starttls://") {
        ("starttls", r, 587)
    } else if let Some(r) = server.strip_prefix("smtps://") {
        ("tls", r, 465)
    } else {
        return Err(format!(
            "{server:?}: use smtp://HOST[:PORT], smtp+starttls:// or smtps://"
        ));
    };
    if mode != "plain" && !TLS {
        return Err(format!("{server:?} needs a build with the `tls` feature"));
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().map_err(|_| format!("{server:?}: bad port"))?),
        None => (rest, port),
    };
    if host.is_empty() {
        return Err(format!("{server:?}: no host"));
    }
    Ok((host.to_owned(), port, mode))
}

/// Why an attempt failed.
struct Failure {
    /// True when retrying cannot help (a 4xx answer, a 5xx SMTP reply).
    permanent: bool,
    message: String,
}

/// A sink ready to deliver.
enum Target {
    Webhook {
        client: reqwest::Client,
        url: String,
        secret: Vec<u8>,
    },
    Email {
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        from: lettre::message::Mailbox,
        to: Vec<lettre::message::Mailbox>,
    },
}

/// The HTTP client of a webhook: its timeout, and with the `tls` feature the certificates of
/// `ca_file` trusted besides the built-in web roots.
fn webhook_client(sink: &Sink, ca: Option<&[u8]>) -> Result<reqwest::Client, String> {
    let builder = reqwest::Client::builder().timeout(sink.timeout);
    #[cfg(feature = "tls")]
    let builder = match ca {
        Some(pem) => reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|e| format!("ca_file: {e}"))?
            .into_iter()
            .fold(builder, reqwest::ClientBuilder::add_root_certificate),
        None => builder,
    };
    #[cfg(not(feature = "tls"))]
    if ca.is_some() {
        return Err("ca_file needs a build with the `tls` feature".into());
    }
    builder.build().map_err(|e| e.to_string())
}

/// The SMTP transport builder for `host` in `mode` (`plain`, `starttls`, `tls`); with the `tls`
/// feature the certificates of `ca_file` are trusted besides the built-in web roots.
fn email_transport(
    host: &str,
    mode: &str,
    ca: Option<&[u8]>,
) -> Result<lettre::transport::smtp::AsyncSmtpTransportBuilder, String> {
    let builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host);
    #[cfg(feature = "tls")]
    if mode != "plain" {
        use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
        let mut params = TlsParameters::builder(host.to_owned());
        if let Some(pem) = ca {
            let cert = Certificate::from_pem(pem).map_err(|e| format!("ca_file: {e}"))?;
            params = params.add_root_certificate(cert);
        }
        let params = params.build_rustls().map_err(|e| e.to_string())?;
        return Ok(builder.tls(if mode == "starttls" {
            Tls::Required(params)
        } else {
            Tls::Wrapper(params)
        }));
    }
    // Without the feature only `plain` gets here (`smtp_target` refuses the others).
    let _ = (mode, ca);
    Ok(builder)
}

impl Target {
    fn new(sink: &Sink) -> Result<Target, String> {
        Ok(match &sink.kind {
            SinkKind::Webhook { url, secret, ca } => Target::Webhook {
                client: webhook_client(sink, ca.as_deref())?,
                url: url.clone(),
                secret: secret.clone(),
            },
            SinkKind::Email {
                server,
                from,
                to,
                credentials,
                ca,
            } => {
                let (host, port, mode) = smtp_target(server)?;
                let builder = email_transport(&host, mode, ca.as_deref())?;
                let mut builder = builder.port(port).timeout(Some(sink.timeout));
                if let Some((user, password)) = credentials {
                    builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
                }
                let parse = |a: &String| a.parse().map_err(|e| format!("{a:?}: {e}"));
                Target::Email {
                    transport: Box::new(builder.build()),
                    from: parse(from)?,
                    to: to.iter().map(parse).collect::<Result<_, _>>()?,
                }
            }
        })
    }

    async fn deliver(&self, alert: &Alert, body: &[u8]) -> Result<(), Failure> {
        match self {
            Target::Webhook {
                client,
                url,
                secret,
            } => {
                let response = client
                    .post(url)
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .header(IDEMPOTENCY_HEADER, &alert.key)
                    .header(SIGNATURE_HEADER, signature(secret, body))
                    .body(body.to_vec())
                    .send()
                    .await
                    .map_err(|e| Failure {
                        permanent: false,
                        message: e.to_string(),
                    })?;
                let status = response.status();
                if status.is_success() {
                    return Ok(());
                }
                let retry = status.is_server_error() || matches!(status.as_u16(), 408 | 429);
                Err(Failure {
                    permanent: !retry,
                    message: format!("HTTP {status}"),
                })
            }
            Target::Email {
                transport,
                from,
                to,
            } => {
                let mut m = Message::builder()
                    .from(from.clone())
                    .subject(subject(alert))
                    .message_id(Some(message_id(&alert.key)))
                    .header(ContentType::TEXT_PLAIN);
                for t in to {
                    m = m.to(t.clone());
                }
                let text = format!("{}\n\n{}\n", summary(alert), String::from_utf8_lossy(body));
                let m = m.body(text).map_err(|e| Failure {
                    permanent: true,
                    message: e.to_string(),
                })?;
                transport.send(m).await.map(|_| ()).map_err(|e| Failure {
                    permanent: e.is_permanent(),
                    message: e.to_string(),
                })
            }
        }
    }
}

/// `sha256=HEX` of the HMAC-SHA256 of `body` under `secret`.
pub fn signature(secret: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any size");
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

/// A `Message-ID` made from the notification key (the same on every redelivery).
fn message_id(key: &str) -> String {
    let local: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '.'
            }
        })
        .collect();
    format!("<{local}@lookout.watch>")
}

fn subject(a: &Alert) -> String {
    let vessel = a.vessel.clone().unwrap_or_else(|| a.mmsi.to_string());
    format!(
        "Lookout: {} {} ({}) [{}]",
        vessel, a.event_type, a.state, a.rule
    )
}

fn summary(a: &Alert) -> String {
    let place = match (a.lat, a.lon) {
        (Some(lat), Some(lon)) => format!("{lat:.4}, {lon:.4}"),
        _ => "unknown".into(),
    };
    format!(
        "Rule: {}\nState: {}\nVessel: {} (MMSI {})\nEvent: {} {} - {}\nArea: {}\nPosition: {place}\nConfidence: {:.2}\nAlert: {}",
        a.rule,
        a.state,
        a.vessel.as_deref().unwrap_or("?"),
        a.mmsi,
        a.event_type,
        a.start_time,
        a.end_time,
        a.area.as_deref().unwrap_or("-"),
        a.confidence,
        a.id
    )
}

fn load_cursor(path: &Path) -> Cursor {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn save_cursor(path: &Path, c: Cursor) {
    let tmp = path.with_extension("tmp");
    if std::fs::write(&tmp, serde_json::to_vec(&c).unwrap_or_default()).is_ok() {
        let _ = std::fs::rename(&tmp, path);
    }
}

/// Complete lines of the log from `offset` (at most `max`), with the offset after each.
fn read_lines(path: &Path, offset: u64, max: usize) -> Vec<(Vec<u8>, u64)> {
    let Ok(mut f) = std::fs::File::open(path) else {
        return Vec::new();
    };
    if f.seek(SeekFrom::Start(offset)).is_err() {
        return Vec::new();
    }
    let mut r = BufReader::new(f);
    let mut out = Vec::new();
    let mut at = offset;
    while out.len() < max {
        let mut line = Vec::new();
        match r.read_until(b'\n', &mut line) {
            Ok(n) if n > 0 && line.ends_with(b"\n") => {
                at += n as u64;
                line.pop();
                out.push((line, at));
            }
            _ => break,
        }
    }
    out
}

/// Starts the worker of `sink`; its counters are in `stats`.
pub fn spawn(
    sink: Sink,
    index: Arc<AlertIndex>,
    cursor_path: PathBuf,
    stats: Arc<Mutex<SinkStats>>,
) {
    tokio::spawn(async move {
        let target = match Target::new(&sink) {
            Ok(t) => t,
            Err(e) => {
                update(&stats, |s| s.last_error = Some(e));
                return;
            }
        };
        let mut cursor = load_cursor(&cursor_path);
        loop {
            let woken = index.written.notified();
            let lines = read_lines(index.path(), cursor.offset, 256);
            if lines.is_empty() {
                let routed = index.routed(&sink.name);
                update(&stats, |s| s.lag = routed.saturating_sub(cursor.handled));
                // Woken by the next write, or after a second (a write between the read and
                // the wait).
                let _ = tokio::time::timeout(Duration::from_secs(1), woken).await;
                continue;
            }
            for (line, end) in lines {
                cursor.offset = end;
                let Ok(alert) = serde_json::from_slice::<Alert>(&line) else {
                    continue;
                };
                if alert.sinks.contains(&sink.name) {
                    cursor.handled += 1;
                    let behind = index.routed(&sink.name).saturating_sub(cursor.handled);
                    update(&stats, |s| s.lag = behind + 1);
                    if behind >= sink.queue {
                        update(&stats, |s| s.dropped += 1);
                    } else {
                        deliver(&sink, &target, &alert, &line, &stats).await;
                    }
                }
                save_cursor(&cursor_path, cursor);
            }
        }
    });
}

fn update(stats: &Mutex<SinkStats>, f: impl FnOnce(&mut SinkStats)) {
    f(&mut stats.lock().unwrap_or_else(|e| e.into_inner()));
}

/// Delivers one notification, retrying with exponential backoff.
async fn deliver(
    sink: &Sink,
    target: &Target,
    alert: &Alert,
    body: &[u8],
    stats: &Mutex<SinkStats>,
) {
    let mut wait = sink.backoff;
    for attempt in 1..=sink.max_attempts {
        match target.deliver(alert, body).await {
            Ok(()) => {
                update(stats, |s| s.delivered += 1);
                return;
            }
            Err(f) => {
                let last = f.permanent || attempt == sink.max_attempts;
                update(stats, |s| {
                    s.last_error = Some(format!("{}: {}", alert.key, f.message));
                    if last {
                        s.failed += 1;
                    } else {
                        s.retries += 1;
                    }
                });
                if last {
                    return;
                }
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(MAX_BACKOFF);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_rfc_4231_hmac_sha256() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature(b"Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn smtp_targets() {
        assert_eq!(
            smtp_target("smtp://127.0.0.1:2525"),
            Ok(("127.0.0.1".into(), 2525, "plain"))
        );
        assert_eq!(
            smtp_target("smtp://mail.example.org"),
            Ok(("mail.example.org".into(), 25, "plain"))
        );
        assert!(smtp_target("http://x").is_err());
        assert_eq!(
            message_id("dark/gap-1-2/open"),
            "<dark.gap-1-2.open@lookout.watch>"
        );
    }
}
