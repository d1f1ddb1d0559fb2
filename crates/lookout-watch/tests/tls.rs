//! TLS (the `tls` feature, rustls): alerts delivered to an `https://` webhook on loopback whose
//! certificate is self-signed, made by the test (rcgen) and trusted through the sink's
//! `ca_file`; the same server is refused by a sink that does not trust it (the certificate is
//! checked, not ignored). Run with `cargo test -p lookout-watch --features tls --test tls`.

#![cfg(feature = "tls")]

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::rustls;

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

    // The server's certificate, self-signed, made now.
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .unwrap();
    // rustls's process-wide provider: ring, the one crypto backend this build enables.
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(
            vec![certified.cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(certified.key_pair.serialize_der().into()),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
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

    let feeds = format!(
        "[[feed]]\nname = \"rajin\"\nurl = \"file:{}\"\n",
        dir.path().join("ais.nmea").display()
    );
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

    let (watch, base) = common::start(&project, None).await;
    let total = lines.len() as u64;
    common::wait_for(&base, Duration::from_secs(300), |s| {
        common::feed(s, "rajin")["lines"].as_u64() == Some(total)
    })
    .await;
    let routed = || -> Vec<String> {
        std::fs::read_to_string(project.join("alerts.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|a| a["rule"] == "tls-any")
            .map(|a| a["key"].as_str().unwrap().to_owned())
            .collect()
    };
    let s = common::wait_for(&base, Duration::from_secs(300), |s| {
        let n = routed().len() as u64;
        let sink = |name: &str| {
            s["sinks"]
                .as_array()
                .and_then(|a| a.iter().find(|k| k["name"] == name).cloned())
                .unwrap_or_default()
        };
        n > 0
            && sink("secure")["delivered"].as_u64() == Some(n)
            && sink("untrusting")["failed"].as_u64() == Some(n)
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
    let untrusting = s["sinks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "untrusting")
        .unwrap()
        .clone();
    assert_eq!(untrusting["delivered"], 0, "{untrusting}");
    assert!(
        untrusting["last_error"]
            .as_str()
            .is_some_and(|e| !e.is_empty()),
        "{untrusting}"
    );
    assert_eq!(*handshakes_failed.lock().unwrap() as usize, keys.len());
}
