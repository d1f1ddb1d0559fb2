//! Sinks over the simulated Rajin departures: a webhook gets every alert routed to it as JSON
//! with a valid HMAC-SHA256 signature and its idempotency key, retried with backoff after a
//! failure; a webhook that refuses (HTTP 400) is given up at once; a slow webhook with a small
//! queue drops the oldest (counted) while detection goes on; email goes through a real SMTP
//! conversation with a server run by the test.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

const SECRET: &str = "s3cret-for-the-test";

/// What the webhook server saw: key -> (attempts, body).
type Seen = Arc<Mutex<HashMap<String, (u32, String)>>>;

/// Checks the signature with the secret, independently of the watch's code.
fn signed(headers: &HeaderMap, body: &[u8]) -> bool {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body);
    let want: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    headers
        .get("x-lookout-signature")
        .and_then(|v| v.to_str().ok())
        == Some(&format!("sha256={want}"))
}

/// Fails the first attempt of every notification (503), accepts the next.
async fn flaky(State(seen): State<Seen>, headers: HeaderMap, body: Bytes) -> StatusCode {
    assert!(signed(&headers, &body), "bad signature");
    let key = headers["idempotency-key"].to_str().unwrap().to_owned();
    let mut seen = seen.lock().unwrap();
    let e = seen
        .entry(key)
        .or_insert((0, String::from_utf8_lossy(&body).into_owned()));
    e.0 += 1;
    if e.0 == 1 {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::OK
    }
}

async fn slow() -> StatusCode {
    tokio::time::sleep(Duration::from_secs(2)).await;
    StatusCode::OK
}

/// A minimal SMTP server: every message's DATA.
async fn smtp(listener: TcpListener, mail: Arc<Mutex<Vec<String>>>) {
    loop {
        let (s, _) = listener.accept().await.unwrap();
        let mail = mail.clone();
        tokio::spawn(async move {
            let (r, mut w) = s.into_split();
            let mut r = BufReader::new(r);
            w.write_all(b"220 test.invalid ESMTP\r\n").await.unwrap();
            let (mut line, mut data, mut msg) = (String::new(), false, String::new());
            loop {
                line.clear();
                if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                if data {
                    if line == ".\r\n" {
                        data = false;
                        mail.lock().unwrap().push(std::mem::take(&mut msg));
                        w.write_all(b"250 2.0.0 queued\r\n").await.unwrap();
                    } else {
                        msg.push_str(&line);
                    }
                    continue;
                }
                let reply: &[u8] = match line.get(..4).map(str::to_ascii_uppercase).as_deref() {
                    Some("EHLO") => b"250-test.invalid\r\n250 8BITMIME\r\n",
                    Some("MAIL") | Some("RCPT") | Some("RSET") | Some("NOOP") => {
                        b"250 2.1.0 ok\r\n"
                    }
                    Some("DATA") => {
                        data = true;
                        b"354 end with .\r\n"
                    }
                    Some("QUIT") => b"221 2.0.0 bye\r\n",
                    _ => b"502 5.5.2 unknown\r\n",
                };
                w.write_all(reply).await.unwrap();
            }
        });
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_and_email() {
    let dir = tempfile::tempdir().unwrap();
    common::rajin_departures(dir.path(), 8.0);
    let seen: Seen = Arc::default();
    let hooks = Router::new()
        .route("/ok", post(flaky))
        .route("/refuse", post(|| async { StatusCode::BAD_REQUEST }))
        .route("/slow", post(slow))
        .with_state(seen.clone());
    let http = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let http_addr = http.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(http, hooks).await });
    let mail: Arc<Mutex<Vec<String>>> = Arc::default();
    let smtp_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let smtp_addr = smtp_listener.local_addr().unwrap();
    tokio::spawn(smtp(smtp_listener, mail.clone()));

    let feeds = format!(
        "[[feed]]\nname = \"sim\"\nurl = \"file:{}\"\n",
        dir.path().join("ais.nmea").display()
    );
    let extra = format!(
        r#"
[[sink]]
name = "ok"
type = "webhook"
url = "http://{http_addr}/ok"
secret_file = "hook.secret"
backoff_seconds = 0.05

[[sink]]
name = "refuse"
type = "webhook"
url = "http://{http_addr}/refuse"
secret_file = "hook.secret"

[[sink]]
name = "slow"
type = "webhook"
url = "http://{http_addr}/slow"
secret_file = "hook.secret"
queue = 2

[[sink]]
name = "mail"
type = "email"
server = "smtp://{smtp_addr}"
from = "Lookout <lookout@example.org>"
to = ["duty@example.org"]

[[rule]]
name = "watchlist-any"
events = ["gap", "port_visit"]
vessels = "watchlist"
sinks = ["ok", "refuse", "slow", "mail"]
"#
    );
    let project = common::project(dir.path(), &feeds, &extra);
    std::fs::write(project.join("hook.secret"), format!("{SECRET}\n")).unwrap();
    let (watch, base) = common::start(&project, None).await;
    let total = std::fs::read_to_string(dir.path().join("ais.nmea"))
        .unwrap()
        .lines()
        .count() as u64;
    common::wait_for(&base, Duration::from_secs(180), |s| {
        common::feed(s, "sim")["lines"] == total
    })
    .await;
    let log = std::fs::read_to_string(project.join("alerts.jsonl")).unwrap();
    let routed: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|a| a["rule"] == "watchlist-any")
        .collect();
    let n = routed.len() as u64;

    assert!(n >= 10, "{n} alerts routed: {log}");
    let s = common::wait_for(&base, Duration::from_secs(120), |s| {
        let sink = |name: &str| {
            s["sinks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|k| k["name"] == name)
                .unwrap()
                .clone()
        };
        sink("ok")["delivered"] == n
            && sink("mail")["delivered"] == n
            && sink("refuse")["failed"] == n
            && sink("slow")["lag"] == 0
    })
    .await;
    let sink = |name: &str| {
        s["sinks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["name"] == name)
            .unwrap()
            .clone()
    };
    // Every notification, once delivered after one failure, with its key and its line as body.
    let ok = sink("ok");
    assert_eq!(
        (ok["retries"].as_u64(), ok["failed"].as_u64()),
        (Some(n), Some(0)),
        "{ok}"
    );
    let seen = seen.lock().unwrap().clone();
    for a in &routed {
        let key = a["key"].as_str().unwrap();
        let (attempts, body) = &seen[key];
        assert_eq!(*attempts, 2, "{key}");
        let sent: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(&sent, a);
    }
    let refuse = sink("refuse");
    assert_eq!(
        (refuse["delivered"].as_u64(), refuse["retries"].as_u64()),
        (Some(0), Some(0)),
        "{refuse}"
    );
    assert!(
        refuse["last_error"].as_str().unwrap().contains("400"),
        "{refuse}"
    );
    // The slow one fell behind and dropped the oldest; detection wrote every alert anyway.
    let slow = sink("slow");
    let dropped = slow["dropped"].as_u64().unwrap();
    assert!(
        dropped > 0 && dropped + slow["delivered"].as_u64().unwrap() == n,
        "{slow}"
    );
    // One email per notification, identified by its key.
    let mail = mail.lock().unwrap().clone();
    assert_eq!(mail.len() as u64, n);
    for a in &routed {
        let id = a["key"].as_str().unwrap().replace(['/', ':', '_'], ".");
        let m = mail
            .iter()
            .find(|m| m.contains(&format!("<{id}@lookout.watch>")))
            .unwrap_or_else(|| panic!("no mail for {id}"));
        assert!(
            m.contains(&format!(
                "Subject: Lookout: {}",
                a["vessel"].as_str().unwrap()
            )),
            "{m}"
        );
    }
    watch.stop().await.unwrap();
}
