//! Feeds that misbehave never stop the others: one TCP feed sends garbage and a 10 MB line
//! without a newline, drops, then comes back with good lines; another accepts and stalls;
//! a third points at a closed port; meanwhile a growing file, a UDP listener and an aisstream.io
//! websocket are decoded, stored and shown, each with its own counters.

mod common;

use std::time::Duration;

use futures_util::SinkExt;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_feed_never_stops_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let lines = common::rajin_departures(dir.path(), 3.0);
    let good: Vec<u8> = lines[..2000]
        .iter()
        .flat_map(|l| [l.as_slice(), b"\n"].concat())
        .collect();

    // TCP 1: garbage and a 10 MB line without newline, then the connection drops; the next
    // connection gets good lines and stays open.
    let flaky = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let flaky_addr = flaky.local_addr().unwrap();
    let good_tcp = good.clone();
    tokio::spawn(async move {
        let (mut s, _) = flaky.accept().await.unwrap();
        s.write_all(b"\x00\xff garbage line\nanother bad line\n")
            .await
            .unwrap();
        s.write_all(&vec![b'x'; 10 * 1024 * 1024]).await.unwrap();
        drop(s);
        let (mut s, _) = flaky.accept().await.unwrap();
        s.write_all(&good_tcp).await.unwrap();
        std::future::pending::<()>().await;
    });
    // TCP 2: accepts and never sends.
    let stalled = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let stalled_addr = stalled.local_addr().unwrap();
    tokio::spawn(async move {
        let (_s, _) = stalled.accept().await.unwrap();
        std::future::pending::<()>().await;
    });
    // TCP 3: nothing listens there.
    let closed = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    // A websocket serving aisstream.io messages after the subscription.
    let ws = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let ws_addr = ws.local_addr().unwrap();
    // It sends once the watch has decoded the file's first lines (see `late` below).
    let (file_read, ws_go) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let (s, _) = ws.accept().await.unwrap();
        let mut ws = tokio_tungstenite::accept_async(s).await.unwrap();
        let sub = futures_util::StreamExt::next(&mut ws)
            .await
            .unwrap()
            .unwrap();
        assert!(
            sub.to_text().unwrap().contains("\"APIKey\":\"test-key\""),
            "{sub}"
        );
        ws_go.await.unwrap();
        for m in common::aisstream_positions(273_000_777, 50) {
            ws.send(Message::text(m)).await.unwrap();
        }
        ws.send(Message::text("{\"MessageType\": broken"))
            .await
            .unwrap();
        std::future::pending::<()>().await;
    });
    let udp_port = std::net::UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    std::fs::write(dir.path().join("ws.key"), "test-key\n").unwrap();
    let live = dir.path().join("live.nmea");
    std::fs::write(&live, &good[..good.len() / 2]).unwrap();
    let feeds = format!(
        r#"[[feed]]
name = "file"
url = "file:{live}"
[[feed]]
name = "flaky"
url = "tcp://{flaky_addr}"
[[feed]]
name = "stalled"
url = "tcp://{stalled_addr}"
[[feed]]
name = "closed"
url = "tcp://{closed}"
[[feed]]
name = "udp"
url = "udp://127.0.0.1:{udp_port}"
[[feed]]
name = "ws"
url = "ws://{ws_addr}"
api_key_file = "{key}"
"#,
        live = live.display(),
        key = dir.path().join("ws.key").display()
    );
    let project = common::project(dir.path(), &feeds, "");
    // Feeds silent for a second stop holding the watermark back (the stalled and closed ones,
    // the websocket until it sends), so the file's records move it.
    common::watch_settings(&project, "feed_idle_seconds = 1");
    let (watch, base) = common::start(&project, None).await;
    common::wait_for(&base, Duration::from_secs(120), |s| {
        common::feed(s, "file")["decoded"].as_u64() > Some(0) && !s["watermark"].is_null()
    })
    .await;
    file_read.send(()).unwrap();

    // The file grows while the watch follows it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&live)
        .unwrap();
    std::io::Write::write_all(&mut f, &good[good.len() / 2..]).unwrap();
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    for chunk in lines[2000..2300].chunks(5) {
        let datagram: Vec<u8> = chunk
            .iter()
            .flat_map(|l| [l.as_slice(), b"\n"].concat())
            .collect();
        udp.send_to(&datagram, ("127.0.0.1", udp_port)).unwrap();
    }

    let s = common::wait_for(&base, Duration::from_secs(120), |s| {
        let f = |n| &common::feed(s, n)["decoded"];
        common::feed(s, "file")["lines"] == 2000
            && f("flaky").as_u64() > Some(0)
            && f("udp").as_u64() > Some(0)
            && f("ws") == 50
    })
    .await;
    let flaky = common::feed(&s, "flaky");
    assert_eq!(flaky["reconnects"], 1, "{flaky}");
    assert_eq!(flaky["rejects"]["line_too_long"], 1, "{flaky}");
    assert_eq!(flaky["decoder_rejects"]["not_nmea"], 2, "{flaky}");
    let stalled = common::feed(&s, "stalled");
    assert_eq!(
        (&stalled["state"], &stalled["lines"]),
        (&"connected".into(), &0.into()),
        "{stalled}"
    );
    let closed = common::feed(&s, "closed");
    assert!(
        closed["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{closed}"
    );
    assert_eq!(closed["connections"], 0);
    let ws = common::feed(&s, "ws");
    assert_eq!(ws["rejects"]["bad_json"], 1, "{ws}");
    assert_eq!(ws["positions"], 50, "{ws}");
    // Its positions (2023-10-01 00:00-00:49) came after the file had moved the watermark past
    // them (the websocket was idle until then): late, stored, not given to the detectors,
    // counted in the feed's health; the vessel is on the live map anyway.
    assert_eq!(ws["late"], 50, "{ws}");
    assert_eq!(common::feed(&s, "stalled")["idle"], true);
    let on_map = |p: &serde_json::Value| {
        p["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["mmsi"] == 273_000_777)
    };
    let mut positions = common::get(&base, "/api/v1/watch/positions").await;
    for _ in 0..20 {
        if on_map(&positions) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        positions = common::get(&base, "/api/v1/watch/positions").await;
    }
    assert!(on_map(&positions), "{positions}");
    watch.stop().await.unwrap();
    // What was decoded is in the store, with one input per feed.
    // The project's store (the one `lookout analyze` reads), not one in the state folder.
    assert!(!project.join("watch/store").exists());
    let store = lookout_store::Store::open(project.join("store")).unwrap();
    let names: Vec<&str> = store
        .manifest()
        .inputs
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, ["file", "flaky", "stalled", "closed", "udp", "ws"]);
    let (rows, _) = lookout_store::track(&store, 273_000_777, Default::default()).unwrap();
    assert_eq!(rows.len(), 50);
}
