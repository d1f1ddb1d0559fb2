//! TLS (the `tls` feature, rustls), each against a real TLS server on loopback whose
//! certificate is self-signed, made by the test (rcgen) and trusted through `ca_file`:
//! alerts delivered to an `https://` webhook; aisstream.io messages read from a `wss://`
//! websocket feed; alert emails sent over SMTP with STARTTLS (`smtp+starttls://`) and with
//! implicit TLS (`smtps://`). Each time the same server is refused by a sink or feed that does
//! not trust it (the certificate is checked, not ignored). Run with
//! `cargo test -p lookout-watch --features tls --test tls`.

#![cfg(feature = "tls")]

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio_rustls::rustls;
use tokio_tungstenite::tungstenite::Message;

/// A certificate for `localhost` and 127.0.0.1, self-signed, made now, and a TLS acceptor
/// serving it (rustls's process-wide provider: ring, the one crypto backend this build
/// enables).
fn tls_server() -> (rcgen::CertifiedKey, tokio_rustls::TlsAcceptor) {
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .unwrap();
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(
            vec![certified.cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(certified.key_pair.serialize_der().into()),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    (certified, acceptor)
}

/// The `[[feed]]` `rajin`: the simulated departures in `dir/ais.nmea`.
fn rajin_feed(dir: &std::path::Path) -> String {
    format!(
        "[[feed]]\nname = \"rajin\"\nurl = \"file:{}\"\n",
        dir.join("ais.nmea").display()
    )
}

/// Starts the watch on `project` and waits until its feed `rajin` has read `lines` lines.
async fn start_and_read(project: &std::path::Path, lines: usize) -> (lookout_watch::Watch, String) {
    let (watch, base) = common::start(project, None).await;
    common::wait_for(&base, Duration::from_secs(300), |s| {
        common::feed(s, "rajin")["lines"].as_u64() == Some(lines as u64)
    })
    .await;
    (watch, base)
}

/// The keys of the notifications of `rule` in the project's `alerts.jsonl`.
fn routed(project: &std::path::Path, rule: &str) -> Vec<String> {
    std::fs::read_to_string(project.join("alerts.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|a| a["rule"] == rule)
        .map(|a| a["key"].as_str().unwrap().to_owned())
        .collect()
}

/// The status of the sink named `name` in `GET /api/v1/watch` (null before there is one).
fn sink(status: &serde_json::Value, name: &str) -> serde_json::Value {
    status["sinks"]
        .as_array()
        .and_then(|a| a.iter().find(|k| k["name"] == name).cloned())
        .unwrap_or_default()
}

/// One request received: its headers (lower-case names) and body.
type Received = Arc<Mutex<Vec<(Vec<(String, String)>, Vec<u8>)>>>;

/// Reads one HTTP/1.1 request from `s` and answers 200 (`Connection: close`).
async fn answer<S: AsyncReadExt + AsyncWriteExt + Unpin>(mut s: S, received: Received) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = s.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let headers: Vec<(String, String)> = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = s.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[head_end..head_end + length].to_vec();
    received.lock().unwrap().push((headers, body));
    let _ = s
        .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .await;
    let _ = s.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alerts_reach_an_https_webhook_with_a_self_signed_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let lines = common::rajin_departures(dir.path(), 1.0);

    let (certified, acceptor) = tls_server();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let received: Received = Arc::default();
    let handshakes_failed = Arc::new(Mutex::new(0u32));
    {
        let (received, failed) = (received.clone(), handshakes_failed.clone());
        tokio::spawn(async move {
            loop {
                let (tcp, _) = listener.accept().await.unwrap();
                let (acceptor, received, failed) =
                    (acceptor.clone(), received.clone(), failed.clone());
                tokio::spawn(async move {
                    match acceptor.accept(tcp).await {
                        Ok(tls) => answer(tls, received).await,
                        Err(_) => *failed.lock().unwrap() += 1,
                    }
                });
            }
        });
    }

    let feeds = rajin_feed(dir.path());
    let extra = format!(
        r#"
[[sink]]
name = "secure"
type = "webhook"
url = "https://{addr}/alerts"
secret_file = "hook.secret"
ca_file = "server.pem"
backoff_seconds = 0.2

[[sink]]
name = "untrusting"
type = "webhook"
url = "https://{addr}/alerts"
secret_file = "hook.secret"
max_attempts = 1

[[rule]]
name = "tls-any"
events = ["gap", "port_visit"]
vessels = "any"
sinks = ["secure", "untrusting"]
"#
    );
    let project = common::project(dir.path(), &feeds, &extra);
    std::fs::write(project.join("hook.secret"), "tls-test-key\n").unwrap();
    std::fs::write(project.join("server.pem"), certified.cert.pem()).unwrap();

    let (watch, base) = start_and_read(&project, lines.len()).await;
    let routed = || routed(&project, "tls-any");
    let s = common::wait_for(&base, Duration::from_secs(300), |s| {
        let n = routed().len() as u64;
        n > 0
            && sink(s, "secure")["delivered"].as_u64() == Some(n)
            && sink(s, "untrusting")["failed"].as_u64() == Some(n)
    })
    .await;
    watch.stop().await.unwrap();

    // Every notification of the rule reached the https server once, signed, through TLS.
    let keys = routed();
    let got = received.lock().unwrap().clone();
    let mut got_keys: Vec<String> = Vec::new();
    for (headers, body) in &got {
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        // The signature, checked with the secret (constant-time compare of the decoded MAC).
        let signature = header("x-lookout-signature");
        let hex = signature
            .strip_prefix("sha256=")
            .expect("sha256= signature");
        let mac_bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        let mut mac = Hmac::<Sha256>::new_from_slice(b"tls-test-key").unwrap();
        mac.update(body);
        mac.verify_slice(&mac_bytes).expect("a valid signature");
        let alert: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert_eq!(alert["key"], header("idempotency-key"));
        got_keys.push(header("idempotency-key"));
    }
    got_keys.sort();
    let mut want = keys.clone();
    want.sort();
    assert_eq!(got_keys, want);
    // The sink without the certificate refused the server at the handshake, every time.
    let untrusting = sink(&s, "untrusting");
    assert_eq!(untrusting["delivered"], 0, "{untrusting}");
    assert!(
        untrusting["last_error"]
            .as_str()
            .is_some_and(|e| !e.is_empty()),
        "{untrusting}"
    );
    assert_eq!(*handshakes_failed.lock().unwrap() as usize, keys.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wss_feed_reads_aisstream_messages_from_a_server_with_a_self_signed_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let (certified, acceptor) = tls_server();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handshakes_failed = Arc::new(Mutex::new(0u32));
    let subscriptions: Arc<Mutex<Vec<String>>> = Arc::default();
    {
        let (failed, subscriptions) = (handshakes_failed.clone(), subscriptions.clone());
        tokio::spawn(async move {
            loop {
                let (tcp, _) = listener.accept().await.unwrap();
                let (acceptor, failed, subscriptions) =
                    (acceptor.clone(), failed.clone(), subscriptions.clone());
                tokio::spawn(async move {
                    let tls = match acceptor.accept(tcp).await {
                        Ok(tls) => tls,
                        Err(_) => {
                            *failed.lock().unwrap() += 1;
                            return;
                        }
                    };
                    // A websocket over the TLS stream: the subscription, then aisstream.io
                    // position reports and one broken message.
                    let mut ws = tokio_tungstenite::accept_async(tls).await.unwrap();
                    let sub = ws.next().await.unwrap().unwrap();
                    subscriptions
                        .lock()
                        .unwrap()
                        .push(sub.to_text().unwrap().to_owned());
                    for m in common::aisstream_positions(273_000_888, 40) {
                        ws.send(Message::text(m)).await.unwrap();
                    }
                    ws.send(Message::text("{\"MessageType\": broken"))
                        .await
                        .unwrap();
                    std::future::pending::<()>().await;
                });
            }
        });
    }
    let feeds = format!(
        r#"[[feed]]
name = "secure"
url = "wss://127.0.0.1:{port}/v0/stream"
api_key_file = "aisstream.key"
ca_file = "server.pem"
bounding_boxes = [[[41.0, 129.0], [44.5, 134.5]]]
[[feed]]
name = "untrusting"
url = "wss://127.0.0.1:{port}/v0/stream"
api_key_file = "aisstream.key"
"#,
        port = addr.port()
    );
    let project = common::project(dir.path(), &feeds, "");
    std::fs::write(project.join("aisstream.key"), "tls-test-key\n").unwrap();
    std::fs::write(project.join("server.pem"), certified.cert.pem()).unwrap();

    let (watch, base) = common::start(&project, None).await;
    let s = common::wait_for(&base, Duration::from_secs(120), |s| {
        let untrusting = common::feed(s, "untrusting");
        common::feed(s, "secure")["positions"] == 40
            && common::feed(s, "secure")["rejects"]["bad_json"] == 1
            && untrusting["error"].as_str().is_some_and(|e| !e.is_empty())
    })
    .await;
    watch.stop().await.unwrap();

    // The trusted feed connected once over TLS, subscribed with the key and boxes, decoded
    // every message and counted the broken one.
    let secure = common::feed(&s, "secure");
    assert_eq!(
        (&secure["connections"], &secure["decoded"], &secure["lines"]),
        (&1.into(), &40.into(), &41.into()),
        "{secure}"
    );
    let subscriptions = subscriptions.lock().unwrap().clone();
    assert_eq!(subscriptions.len(), 1, "{subscriptions:?}");
    let sub: serde_json::Value = serde_json::from_str(&subscriptions[0]).unwrap();
    assert_eq!(sub["APIKey"], "tls-test-key");
    assert_eq!(
        sub["BoundingBoxes"],
        serde_json::json!([[[41.0, 129.0], [44.5, 134.5]]])
    );
    // The feed without the certificate refused the server at the handshake: it never
    // connected, read nothing, and says why.
    let untrusting = common::feed(&s, "untrusting");
    assert_eq!(
        (&untrusting["connections"], &untrusting["lines"]),
        (&0.into(), &0.into()),
        "{untrusting}"
    );
    assert!(
        untrusting["error"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("certificate"),
        "{untrusting}"
    );
    assert!(*handshakes_failed.lock().unwrap() >= 1);
    // What came over TLS is in the project's store.
    let store = lookout_store::Store::open(project.join("store")).unwrap();
    let (rows, _) = lookout_store::track(&store, 273_000_888, Default::default()).unwrap();
    assert_eq!(rows.len(), 40);
}

/// Mail received: whether the session was encrypted, and the DATA.
type Mail = Arc<Mutex<Vec<(bool, String)>>>;

/// One SMTP session over `s` (encrypted when `tls`). A plain session offers STARTTLS and, when
/// the client asks for it, answers 220 and returns the connection to be wrapped in TLS.
async fn smtp_session<S: AsyncRead + AsyncWrite + Unpin>(s: S, tls: bool, mail: Mail) -> Option<S> {
    let mut r = BufReader::new(s);
    if !tls {
        r.get_mut()
            .write_all(b"220 test.invalid ESMTP\r\n")
            .await
            .ok()?;
    }
    let (mut line, mut data, mut msg) = (String::new(), false, String::new());
    loop {
        line.clear();
        if r.read_line(&mut line).await.unwrap_or(0) == 0 {
            return None;
        }
        if data {
            if line == ".\r\n" {
                data = false;
                mail.lock().unwrap().push((tls, std::mem::take(&mut msg)));
                r.get_mut().write_all(b"250 2.0.0 queued\r\n").await.ok()?;
            } else {
                msg.push_str(&line);
            }
            continue;
        }
        let command = line.get(..4).map(str::to_ascii_uppercase);
        let reply: &[u8] = match command.as_deref() {
            Some("EHLO") if tls => b"250-test.invalid\r\n250 8BITMIME\r\n",
            Some("EHLO") => b"250-test.invalid\r\n250-STARTTLS\r\n250 8BITMIME\r\n",
            Some("STAR") if !tls => {
                r.get_mut().write_all(b"220 2.0.0 ready\r\n").await.ok()?;
                return Some(r.into_inner());
            }
            Some("MAIL") | Some("RCPT") | Some("RSET") | Some("NOOP") => b"250 2.1.0 ok\r\n",
            Some("DATA") => {
                data = true;
                b"354 end with .\r\n"
            }
            Some("QUIT") => b"221 2.0.0 bye\r\n",
            _ => b"502 5.5.2 unknown\r\n",
        };
        r.get_mut().write_all(reply).await.ok()?;
    }
}

/// An SMTP server on `listener`: STARTTLS on a plain connection (`implicit` false), or TLS from
/// the first byte (`implicit`, SMTPS). Counts the TLS handshakes that failed.
fn smtp_server(
    listener: TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
    implicit: bool,
    mail: Mail,
    failed: Arc<Mutex<u32>>,
) {
    tokio::spawn(async move {
        loop {
            let (tcp, _) = listener.accept().await.unwrap();
            let (acceptor, mail, failed) = (acceptor.clone(), mail.clone(), failed.clone());
            tokio::spawn(async move {
                let tcp = if implicit {
                    Some(tcp)
                } else {
                    smtp_session(tcp, false, mail.clone()).await
                };
                let Some(tcp) = tcp else { return };
                match acceptor.accept(tcp).await {
                    Ok(tls) => {
                        if implicit {
                            let mut tls = tls;
                            if tls.write_all(b"220 test.invalid ESMTP\r\n").await.is_err() {
                                return;
                            }
                            smtp_session(tls, true, mail).await;
                        } else {
                            // After STARTTLS the client speaks first (EHLO again).
                            smtp_session(tls, true, mail).await;
                        }
                    }
                    Err(_) => *failed.lock().unwrap() += 1,
                }
            });
        }
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alert_emails_go_over_starttls_and_smtps_to_a_server_with_a_self_signed_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let lines = common::rajin_departures(dir.path(), 1.0);
    let (certified, acceptor) = tls_server();
    let (starttls_mail, smtps_mail): (Mail, Mail) = Default::default();
    let (starttls_failed, smtps_failed) = (Arc::new(Mutex::new(0u32)), Arc::new(Mutex::new(0u32)));
    let starttls = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let smtps = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let (starttls_addr, smtps_addr) = (starttls.local_addr().unwrap(), smtps.local_addr().unwrap());
    smtp_server(
        starttls,
        acceptor.clone(),
        false,
        starttls_mail.clone(),
        starttls_failed.clone(),
    );
    smtp_server(
        smtps,
        acceptor,
        true,
        smtps_mail.clone(),
        smtps_failed.clone(),
    );

    let feeds = rajin_feed(dir.path());
    let extra = format!(
        r#"
[[sink]]
name = "starttls"
type = "email"
server = "smtp+starttls://127.0.0.1:{starttls_port}"
from = "Lookout <lookout@example.org>"
to = ["duty@example.org"]
ca_file = "server.pem"
backoff_seconds = 0.2

[[sink]]
name = "smtps"
type = "email"
server = "smtps://127.0.0.1:{smtps_port}"
from = "Lookout <lookout@example.org>"
to = ["duty@example.org"]
ca_file = "server.pem"
backoff_seconds = 0.2

[[sink]]
name = "untrusting"
type = "email"
server = "smtps://127.0.0.1:{smtps_port}"
from = "Lookout <lookout@example.org>"
to = ["duty@example.org"]
max_attempts = 1

[[rule]]
name = "tls-mail"
events = ["gap", "port_visit"]
vessels = "any"
sinks = ["starttls", "smtps", "untrusting"]
"#,
        starttls_port = starttls_addr.port(),
        smtps_port = smtps_addr.port()
    );
    let project = common::project(dir.path(), &feeds, &extra);
    std::fs::write(project.join("server.pem"), certified.cert.pem()).unwrap();

    let (watch, base) = start_and_read(&project, lines.len()).await;
    let routed = || routed(&project, "tls-mail");
    let s = common::wait_for(&base, Duration::from_secs(300), |s| {
        let n = routed().len() as u64;
        n > 0
            && sink(s, "starttls")["delivered"].as_u64() == Some(n)
            && sink(s, "smtps")["delivered"].as_u64() == Some(n)
            && sink(s, "untrusting")["failed"].as_u64() == Some(n)
    })
    .await;
    watch.stop().await.unwrap();

    // Every notification of the rule reached each trusted server once, inside TLS, identified
    // by its key.
    let keys = routed();
    for (name, mail) in [("starttls", &starttls_mail), ("smtps", &smtps_mail)] {
        let mail = mail.lock().unwrap().clone();
        assert_eq!(mail.len(), keys.len(), "{name}");
        assert!(mail.iter().all(|(tls, _)| *tls), "{name}: mail outside TLS");
        for key in &keys {
            let id = key.replace(['/', ':', '_'], ".");
            let found = mail
                .iter()
                .filter(|(_, m)| m.contains(&format!("<{id}@lookout.watch>")))
                .count();
            assert_eq!(found, 1, "{name}: {key}");
        }
    }
    // No handshake failed on the STARTTLS server; the sink without the certificate was refused
    // at the SMTPS server's handshake every time.
    assert_eq!(*starttls_failed.lock().unwrap(), 0);
    assert_eq!(*smtps_failed.lock().unwrap() as usize, keys.len());
    let untrusting = sink(&s, "untrusting");
    assert_eq!(untrusting["delivered"], 0, "{untrusting}");
    assert!(
        untrusting["last_error"]
            .as_str()
            .is_some_and(|e| !e.is_empty()),
        "{untrusting}"
    );
}
